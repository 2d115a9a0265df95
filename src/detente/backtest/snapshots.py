"""A scenario snapshot and the question set it is asked, found the way a user expects.

Questions come from an explicit file, else the set shipped with a built-in
scenario (``<name>.questions.yaml``), else a ``<stem>.questions.yaml`` file next to
the snapshot's YAML. Snapshots of one scenario usually share one question set, so a
later snapshot meets questions whose date is already behind it: those are kept
aside (``past``) instead of failing the as-of check, and are not simulated.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from detente.forecast.question_file import QuestionSpec, builtin_questions_path, load_questions
from detente.forecast.questions.check import Vocabulary
from detente.scenario import Scenario, builtin_names, load_scenario
from detente.scenario.errors import DetenteError, Location


@dataclass(frozen=True)
class Snapshot:
    name: str  # as given on the command line
    scenario: Scenario
    questions: tuple[QuestionSpec, ...]  # dated after as-of: these are forecasts
    questions_file: Path
    past: tuple[QuestionSpec, ...] = ()  # dated on or before as-of: not forecasts


def questions_file_for(name: str, explicit: str | Path | None = None) -> Path:
    if explicit is not None:
        return Path(explicit)
    if name in builtin_names():
        path = builtin_questions_path(name)
        if path is not None:
            return path
    beside = Path(name).with_suffix("").with_suffix(".questions.yaml")
    if beside.is_file():
        return beside
    raise DetenteError(
        f"no question set for snapshot {name!r}",
        location=Location(name),
        hint=f"give --questions FILE or put the questions in {beside}",
    )


def load_snapshot(name: str | Path, questions: str | Path | None = None) -> Snapshot:
    scenario = load_scenario(name)
    path = questions_file_for(str(name), questions)
    vocabulary = replace(Vocabulary.from_scenario(scenario), as_of=None)
    specs = load_questions(path, vocabulary)
    ahead = tuple(q for q in specs if q.tree.date > scenario.as_of)
    past = tuple(q for q in specs if q.tree.date <= scenario.as_of)
    return Snapshot(str(name), scenario, ahead, path, past)

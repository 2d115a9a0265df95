"""brief --observations: the briefing's events after a snapshot's as-of date as an
observed-events file that 'forecast --observed' accepts.

End to end with the seeds (the 2025-12 snapshot; seeds 003/004 were published after its
as-of date but report only earlier events) and short documents of our own.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from detente.cli.main import app
from detente.forecast.observed import load_observations
from detente.forecast.questions.check import Vocabulary
from detente.scenario import load_scenario
from detente.scenario.loader import builtin_path
from detente.scenario.text import normalise_text, span_sha256

UKRAINE = "ukraine-2025-12"  # as_of 2025-12-04; arena peace_talks: US mediates RUS-UKR
OWN = (
    "Talks resume after a difficult month\n\n"
    "Negotiators from Russia and Ukraine met in Istanbul on December 19 with the US envoy "
    "in the room, officials said.\n\n"
    "On December 18 Moscow rejected the revised draft, a spokesman said.\n\n"
    "Ukraine and Russia agreed on December 19 to a prisoner exchange of 150 people each.\n\n"
    "The negotiators will meet again in Geneva on December 30.\n"
)
DRC = "drc-m23-2025"  # as_of 2025-09-01; track african_union is closed and may open
DOHA = (
    "A new channel opens\n\n"
    "On October 20 the draft text on troop withdrawal was rejected by Rwanda, a "
    "statement said.\n\n"
    "The African Union met the DR Congo government and the M23 / AFC rebellion in Addis "
    "Ababa on October 22 for the first time this year.\n"
)


def _ingest(docs: Path, store: Path, *extra: str) -> None:
    result = CliRunner().invoke(app, ["ingest", str(docs), "--store", str(store), *extra])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory, seeds_dir: Path) -> dict[str, Path]:
    """Seeds 001-004 (published 2025-11-25 .. 2025-12-06) in a store of their own."""
    root = tmp_path_factory.mktemp("observed")
    docs = root / "seeds"
    docs.mkdir()
    rows = list(csv.DictReader((seeds_dir / "INDEX.csv").open(encoding="utf-8")))
    kept = [r for r in rows if r["file"][:3] in ("001", "002", "003", "004")]
    for row in kept:
        shutil.copy(seeds_dir / row["file"], docs / row["file"])
    lines = ["file,published", *(f"{r['file']},{r['published']}" for r in kept)]
    (docs / "INDEX.csv").write_text("\n".join(lines) + "\n")
    store = root / "s.duckdb"
    _ingest(docs, store, "--index", str(docs / "INDEX.csv"))
    return {"root": root, "store": store}


def _brief(store: Path, scenario: str, as_of: str, out: Path, *extra: str):
    return CliRunner().invoke(
        app,
        [
            *("brief", "--store", str(store), "--scenario", scenario, "--as-of", as_of),
            *("--observations", str(out), *extra),
        ],
    )


def _drc_observations(
    tmp_path: Path, text: str, published: str, scenario: str = DRC
) -> tuple[Path, list[dict]]:
    """One document of ours about the DRC case, ingested and briefed on its own day:
    the observed-events file and its entries."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "doc.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "s.duckdb"
    _ingest(docs, store, "--scenario", scenario, "--published", published)
    out = tmp_path / "observed.yaml"
    result = _brief(store, scenario, published, out)
    assert result.exit_code == 0, result.output
    return out, yaml.safe_load(out.read_text())["observations"]


def test_seeds_alone_report_nothing_after_the_snapshot_and_nothing_is_written(
    seeds_store,
) -> None:
    out = seeds_store["root"] / "none.yaml"
    result = _brief(seeds_store["store"], UKRAINE, "2025-12-06", out)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("error: no timeline fact after 2025-12-04 maps")
    # the 2 Dec Putin-Witkoff meeting the seeds report is before the snapshot: skipped, said so
    assert any(
        "2025-12-02 (day) CONSULT" in line and "on or before the snapshot's as-of" in line
        for line in lines
    )
    assert "Traceback" not in result.output and not out.exists()


def test_seeds_and_a_later_report_give_observations_that_condition_the_forecast(
    seeds_store, tmp_path: Path
) -> None:
    store = tmp_path / "s.duckdb"
    shutil.copy(seeds_store["store"], store)
    docs = tmp_path / "own"
    docs.mkdir()
    (docs / "talks.txt").write_text(OWN, encoding="utf-8")
    _ingest(docs, store, "--published", "2025-12-20")
    out = tmp_path / "observed.yaml"
    result = _brief(store, UKRAINE, "2025-12-20", out)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text())
    assert data["as_of"].isoformat() == "2025-12-20"
    got = {
        (o["event"], o.get("arena"), o.get("actor"), o["date"].isoformat())
        for o in data["observations"]
    }
    # by hand from OWN: the rejection on the 18th by Moscow (RUS, a signatory of
    # peace_talks), the meeting of RUS, UKR and the US mediator on the 19th, the prisoner
    # exchange agreed on the 19th (a limited deal); the meeting planned for the 30th is not
    assert got == {
        ("rejected", "peace_talks", "RUS", "2025-12-18"),
        ("round_held", "peace_talks", None, "2025-12-19"),
        ("limited_deal", "peace_talks", None, "2025-12-19"),
    }
    written = out.read_text()
    assert "after the briefing's date 2025-12-20: not yet observed" in written
    # the evidence pointers are comments: source, offsets, span sha256 of our text
    text = normalise_text(OWN.encode())
    pointers = [line for line in written.splitlines() if line.strip().startswith("# evidence:")]
    assert len(pointers) == 3
    for line in pointers:
        span = line.split(") ")[1].split()[0]
        start, end = (int(x) for x in span.split("-"))
        assert span_sha256(text, start, end) == line.split("sha256 ")[1].split()[0]
    assert "Istanbul" not in written  # pointers, not the article's text
    forecast = CliRunner().invoke(
        app, ["forecast", UKRAINE, "--observed", str(out), "--runs", "2000"]
    )
    assert forecast.exit_code == 0, forecast.output
    assert "conditioned on 3 observed event(s) up to 2025-12-20" in " ".join(
        forecast.output.split()
    )


def test_a_meeting_in_a_closed_track_is_its_channel_opened_and_passives_find_the_agent(
    tmp_path: Path,
) -> None:
    out, entries = _drc_observations(tmp_path, DOHA, "2025-10-25")
    by_event = {o["event"]: o for o in entries}
    # 'rejected by Rwanda': the agent follows 'by'; RWA signs only on the Washington track
    assert (by_event["rejected"]["actor"], by_event["rejected"]["arena"]) == ("RWA", "washington")
    # the AU track is closed at as_of: a meeting on it shows it opened by that day
    opened = by_event["channel_opened"]
    assert (opened["arena"], opened["actor"], opened["by"].isoformat()) == (
        "african_union",
        "AU",
        "2025-10-22",
    )
    loaded = load_observations(out, Vocabulary.from_scenario(load_scenario(DRC)))
    assert len(loaded.items) == 2
    as_json = _brief(tmp_path / "s.duckdb", DRC, "2025-10-25", tmp_path / "again.yaml", "--json")
    report = json.loads(as_json.stdout)
    assert [o["event"] for o in report["written"]] == [o["event"] for o in entries]
    assert all(len(o["evidence"]) == 1 and "doc.txt" in o["evidence"][0] for o in report["written"])


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--after", "2025-11-01"], "--after 2025-11-01 is before the scenario's as-of"),
        (["--after", "Dec 5"], "is not a date"),
    ],
)
def test_bad_observation_requests_are_one_line(seeds_store, extra, expected) -> None:
    out = seeds_store["root"] / "bad.yaml"
    result = _brief(seeds_store["store"], UKRAINE, "2025-12-06", out, *extra)
    assert result.exit_code == 2, result.output
    assert expected in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_after_without_observations_is_one_line(seeds_store) -> None:
    result = CliRunner().invoke(
        app, ["brief", "--store", str(seeds_store["store"]), "--after", "2025-12-05"]
    )
    assert result.exit_code == 2 and "--after goes with --observations" in result.output
    assert len(result.output.strip().splitlines()) == 1


CEASEFIRE = (
    "Ceasefire in the east\n\n"
    "The DR Congo government and the M23 signed a ceasefire in Doha with Qatar on "
    "October 14, officials said.\n\n"
    "The fighting resumed on October 28 near Uvira.\n"
)


def test_a_signed_ceasefire_is_an_agreement_and_fighting_that_resumed_a_breakdown(
    tmp_path: Path,
) -> None:
    """'signed a ceasefire' (no 'peace agreement' in the sentence) is the track's
    agreement; 'the fighting resumed' says an agreement in force broke down. Both load
    as observations of the scenario."""
    out, entries = _drc_observations(tmp_path, CEASEFIRE, "2025-10-30")
    got = {(o["event"], o.get("arena"), o["date"].isoformat()) for o in entries}
    assert got == {("agreement", "doha", "2025-10-14"), ("breakdown", None, "2025-10-28")}
    loaded = load_observations(out, Vocabulary.from_scenario(load_scenario(DRC)))
    assert len(loaded.items) == 2


def test_a_second_accord_while_the_first_holds_is_kept_only_where_talks_go_on(
    tmp_path: Path,
) -> None:
    """Where the track's ceasefire ends its talks, an accord signed while an observed
    ceasefire holds (no breakdown between) would rule out every run: it is listed as
    skipped, not written. Where talks go on under it ('talks_continue', the DRC case's
    phased deal) it is the settlement that follows: written."""
    two = (
        "Two accords\n\n"
        "The DR Congo government and the M23 signed a ceasefire in Doha with Qatar on "
        "October 14.\n\n"
        "The DR Congo government and the M23 signed a peace agreement in Doha with Qatar "
        "on October 20.\n"
    )
    ended = tmp_path / "drc-ended.yaml"
    text = builtin_path(DRC).read_text(encoding="utf-8")
    assert "talks_continue: true" in text
    ended.write_text(text.replace("talks_continue: true", "talks_continue: false"), "utf-8")
    (tmp_path / "a").mkdir()
    out, entries = _drc_observations(tmp_path / "a", two, "2025-10-30", str(ended))
    assert [(o["event"], o["date"].isoformat()) for o in entries] == [("agreement", "2025-10-14")]
    written = " ".join(out.read_text().split())
    assert "2025-10-20 (day) AGREE" in written and "a follow-on accord" in written
    (tmp_path / "b").mkdir()
    _, phased = _drc_observations(tmp_path / "b", two, "2025-10-30")
    assert [(o["event"], o["date"].isoformat()) for o in phased] == [
        ("agreement", "2025-10-14"),
        ("agreement", "2025-10-20"),
    ]


def test_an_agreement_a_statement_reports_is_observed_by_the_statement_s_day(
    tmp_path: Path,
) -> None:
    """'Qatar said on October 14 that the DR Congo government and the M23 had agreed to a
    ceasefire': the agreement came on or before that day, so the observation is 'by' it,
    not 'on' it (found on an India-Pakistan case of our own, where such a sentence gave no
    observation at all)."""
    text = (
        "A truce in the east\n\n"
        "Qatar said on October 14 that the DR Congo government and the M23 had agreed to a "
        "ceasefire in Doha.\n"
    )
    out, entries = _drc_observations(tmp_path, text, "2025-10-16")
    assert [(o["event"], o.get("arena"), o["by"].isoformat()) for o in entries] == [
        ("agreement", "doha", "2025-10-14")
    ]
    assert "date" not in entries[0]
    loaded = load_observations(out, Vocabulary.from_scenario(load_scenario(DRC)))
    assert len(loaded.items) == 1


def test_a_round_needs_every_side_of_the_track_at_the_meeting_itself(tmp_path: Path) -> None:
    """'talks with Qatari officials as fighting continued between the army and the M23':
    the government met the mediator; the M23 is named in another clause. A meeting of both
    sides of the Doha track is a round of it."""
    text = (
        "Mediators busy\n\n"
        "Tshisekedi arrived in Doha for talks with Qatari officials on October 21 as fighting "
        "continued between the army and the M23.\n\n"
        "The DR Congo government and the M23 held talks in Doha on October 23.\n"
    )
    _, entries = _drc_observations(tmp_path, text, "2025-10-25")
    rounds = [(o["event"], o.get("arena"), o["date"].isoformat()) for o in entries]
    assert rounds == [("round_held", "doha", "2025-10-23")]


def test_a_fact_dated_by_the_snapshot_but_published_after_it_is_no_part_of_it(
    tmp_path: Path,
) -> None:
    """A meeting dated on the snapshot's as-of day (1 Sep) in a report published four days
    later: the snapshot could not know it, so the briefing must not say it belongs there
    (a new analyst's Ethiopia case: an AU letter dated 1 Oct, published 5 Oct)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "doc.txt").write_text(
        "A new channel opens\n\nThe African Union met the DR Congo government and the "
        "M23 / AFC rebellion in Addis Ababa on September 1 for the first time this year.\n",
        encoding="utf-8",
    )
    store = tmp_path / "s.duckdb"
    _ingest(docs, store, "--scenario", DRC, "--published", "2025-09-05")
    result = _brief(store, DRC, "2025-09-05", tmp_path / "o.yaml")
    said = " ".join(result.output.split())
    assert "first published 2025-09-05: the snapshot could not know it" in said
    assert "it belongs in the scenario" not in said

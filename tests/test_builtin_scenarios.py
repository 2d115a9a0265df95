"""The two built-in Ukraine snapshots: they load, their evidence resolves, they respect
their as-of dates, every number has a basis, and the later one differs visibly.

The seed documents are read from ../shared/seeds at run time; no seed text is stored
here (the only literal is the three-word heading that starts seed 001's FAQ block).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.scenario import load_scenario
from detente.scenario.dynamics import DYNAMICS
from detente.scenario.pointers import check_pointers, read_document
from detente.scenario.schema import Scenario

EARLY, LATE = "ukraine-2025-12", "ukraine-2026-06"
BUILTINS = (EARLY, LATE)
# Seeds the December snapshot may use (published on or before 2025-12-04).
EARLY_FILES = {"001_c5ba137158a35344.txt", "002_cc4e42f5fa815699.txt"}
FAQ_FILE = "001_c5ba137158a35344.txt"
REQUIRED_ISSUES = {
    "territory",
    "security_guarantees",
    "force_caps",
    "nato_membership",
    "sanctions_relief",
    "frozen_assets",
    "european_force",
    "us_military_aid",
}
REQUIRED_ACTORS = {"US", "RUS", "UKR", "EUR", "HUN", "SVK", "BEL", "FRA", "DEU", "GBR", "POL"}
EU_MEMBERS = {"HUN", "SVK", "BEL", "FRA", "DEU", "POL"}


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    return {name: load_scenario(name) for name in BUILTINS}


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> Path:
    if not (seeds_dir / "INDEX.csv").is_file():
        pytest.skip(f"seed documents not found at {seeds_dir} (CI provides ../shared/seeds)")
    return seeds_dir


@pytest.fixture(scope="module")
def published(seeds: Path) -> dict[str, str]:
    with (seeds / "INDEX.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row["published"] for row in csv.DictReader(handle)}


# --- loading and validation -------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTINS)
def test_validate_command_accepts_builtin(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "detente.cli.main", "validate", name],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"ok: {name}" in result.stdout


def test_snapshot_dates_and_rounds(scenarios: dict[str, Scenario]) -> None:
    early, late = scenarios[EARLY], scenarios[LATE]
    assert (early.id, str(early.as_of), str(early.horizon)) == (EARLY, "2025-12-04", "2026-12-31")
    assert (late.id, str(late.as_of), str(late.horizon)) == (LATE, "2026-06-05", "2027-06-30")
    assert early.round_days == late.round_days == 14


@pytest.mark.parametrize("name", BUILTINS)
def test_required_actors_issues_and_arenas(scenarios: dict[str, Scenario], name: str) -> None:
    s = scenarios[name]
    assert set(s.actor_ids) >= REQUIRED_ACTORS
    assert set(s.issue_ids) >= REQUIRED_ISSUES
    eur = s.actor("EUR")
    assert eur.kind == "coalition" and {"FRA", "DEU", "GBR", "POL"} <= set(eur.members)
    for actor_id, alias in [
        ("US", "Witkoff"),
        ("US", "Trump administration"),
        ("RUS", "Kremlin"),
        ("UKR", "Zelenskiy"),
        ("UKR", "Zelenskyy"),
        ("EUR", "coalition of the willing"),
        ("HUN", "Orban"),
    ]:
        assert alias in s.actor(actor_id).aliases
    assert all(len(a.aliases) >= 2 for a in s.actors)

    talks = s.arena("peace_talks")
    assert (talks.kind, talks.mediator) == ("mediated", "US")
    assert set(talks.signatories) == {"RUS", "UKR"} and talks.influencers == ("EUR",)
    assert set(talks.issues) >= REQUIRED_ISSUES
    council = s.arena("eu_council")
    assert (council.kind, council.rule) == ("vote", "unanimity")
    assert set(council.members) == EU_MEMBERS  # the UK is not in the EU
    assert {"frozen_assets", "sanctions_relief"} <= set(council.issues)

    assert s.issue("territory").political is False
    assert all(i.political for i in s.issues if i.id in {"nato_membership", "sanctions_relief"})
    kinds = {(r.kind, r.source_actor, r.target_actor) for r in s.relations}
    assert {("dependency", "UKR", "US"), ("influence", "EUR", "UKR")} <= kinds


@pytest.mark.parametrize("name", BUILTINS)
def test_every_scale_has_written_anchors(scenarios: dict[str, Scenario], name: str) -> None:
    for issue in scenarios[name].issues:
        for anchor in (0, 50, 100):
            assert len(issue.scale.get(anchor, "").split()) >= 3, (issue.id, anchor)


def test_scales_identical_across_snapshots(scenarios: dict[str, Scenario]) -> None:
    # Positions can only be compared between snapshots if the anchors mean the same thing.
    early, late = scenarios[EARLY], scenarios[LATE]
    for issue in early.issues:
        assert late.issue(issue.id).scale == issue.scale


# --- evidence ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTINS)
def test_every_pointer_resolves(scenarios: dict[str, Scenario], seeds: Path, name: str) -> None:
    results = check_pointers(scenarios[name], seeds)
    assert len(results) == len(scenarios[name].evidence) > 20
    assert [r for r in results if not r.ok] == []


@pytest.mark.parametrize("name", BUILTINS)
def test_sources_match_index_dates(
    scenarios: dict[str, Scenario], published: dict[str, str], name: str
) -> None:
    for source in scenarios[name].sources:
        assert source.file in published
        assert str(source.published) == published[source.file], source.id


def test_december_snapshot_cites_only_early_seeds(
    scenarios: dict[str, Scenario], published: dict[str, str]
) -> None:
    s = scenarios[EARLY]
    files = {src.file for src in s.sources}
    assert files == EARLY_FILES
    assert all(published[f] <= "2025-12-04" for f in files)
    by_id = {src.id: src for src in s.sources}
    assert {by_id[ev.source].file for ev in s.evidence} <= EARLY_FILES


def test_june_snapshot_adds_the_later_seeds(scenarios: dict[str, Scenario]) -> None:
    s = scenarios[LATE]
    files = {src.file for src in s.sources}
    assert len(files) == 5
    by_file = {src.file: src for src in s.sources}
    cited = {by_file[f].id for f in files}
    assert cited == {ev.source for ev in s.evidence}  # every source is actually cited
    rewrite = by_file["004_d5186668e276571e.txt"]
    assert all(rewrite.reliability < other.reliability for other in s.sources if other != rewrite)


@pytest.mark.parametrize("name", BUILTINS)
def test_faq_block_is_never_cited(scenarios: dict[str, Scenario], seeds: Path, name: str) -> None:
    text = read_document(seeds / FAQ_FILE)
    faq_start = text.index("Frequently Asked Questions")
    s = scenarios[name]
    faq_sources = {src.id for src in s.sources if src.file == FAQ_FILE}
    pointers = [ev for ev in s.evidence if ev.source in faq_sources]
    assert pointers and all(ev.end <= faq_start for ev in pointers)


@pytest.mark.parametrize("name", BUILTINS)
def test_claims_are_paraphrases(scenarios: dict[str, Scenario], seeds: Path, name: str) -> None:
    s = scenarios[name]
    files = {src.id: src.file for src in s.sources}
    texts = {sid: read_document(seeds / f).lower() for sid, f in files.items()}
    for ev in s.evidence:
        assert ev.claim.lower().rstrip(".") not in texts[ev.source], ev.id
        assert ev.end - ev.start <= 200, f"{ev.id}: keep spans to a clause or sentence"


@pytest.mark.parametrize("name", BUILTINS)
def test_every_estimate_has_a_basis(scenarios: dict[str, Scenario], name: str) -> None:
    s = scenarios[name]
    estimates = [
        *(("actor", a.id, a) for a in s.actors),
        *(("position", f"{p.actor}.{p.issue}", p) for p in s.positions),
        *(("relation", f"{r.kind}.{r.source_actor}.{r.target_actor}", r) for r in s.relations),
        *(("dynamics", k, v) for k, v in s.dynamics.items()),
        *(("event", e.id, e) for e in s.events),
        *(("package", p.id, p) for p in s.packages),
        *(("expectation", e.id, e) for e in s.expectations),
        *(("calibration", c.id, c) for c in s.calibration),
        *(("lever", f"{a.id}.{v.id}", v) for a in s.arenas for v in a.leverage),
        *(("opening", a.id, a.opens) for a in s.arenas if a.opens is not None),
        *((("war", "war", s.war),) if s.war else ()),
    ]
    known = {ev.id for ev in s.evidence}
    cited: set[str] = set()
    for section, key, item in estimates:
        assert item.evidence or (item.assumption and len(item.assumption) >= 10), (section, key)
        assert set(item.evidence) <= known, (section, key)
        cited |= set(item.evidence)
    assert cited == known  # no orphan pointers either


@pytest.mark.parametrize("name", BUILTINS)
def test_every_dynamics_parameter_is_set(scenarios: dict[str, Scenario], name: str) -> None:
    expected = set()
    for spec in DYNAMICS:
        if spec.only_when_named:
            continue
        if spec.per_actor:
            head = spec.name.removesuffix(".{actor}")
            expected |= {f"{head}.RUS", f"{head}.UKR"}
        else:
            expected.add(spec.name)
    assert expected <= set(scenarios[name].dynamics)


@pytest.mark.parametrize("name", BUILTINS)
def test_events_lie_between_as_of_and_horizon(scenarios: dict[str, Scenario], name: str) -> None:
    s = scenarios[name]
    assert len(s.events) >= 2
    for event in s.events:
        start = event.date or event.window.start
        end = event.date or event.window.end
        assert s.as_of < start <= end <= s.horizon, event.id


# --- what changed between the snapshots ---------------------------------------------------


def test_mediator_attention_falls(scenarios: dict[str, Scenario]) -> None:
    # Seed 000: US bandwidth for Ukraine diplomacy collapsed during its war with Iran.
    before = scenarios[EARLY].dynamics["mediator_attention"].value
    after = scenarios[LATE].dynamics["mediator_attention"].value
    assert after.mode < before.mode and after.high <= before.mode
    assert "ev000_bandwidth" in scenarios[LATE].dynamics["mediator_attention"].evidence


def test_europe_channel_is_a_track_only_in_june_2026(scenarios: dict[str, Scenario]) -> None:
    """Seed 000 (June 2026) reports Europe's own channel: a second track that may open."""

    def channels(s: Scenario) -> list[str]:
        return [a.id for a in s.arenas if a.mediator == "EUR" and a.opens is not None]

    assert channels(scenarios[EARLY]) == []
    assert channels(scenarios[LATE]) == ["european_channel"]
    opening = scenarios[LATE].arena("european_channel").opens
    assert opening is not None and opening.first_day >= scenarios[LATE].as_of


def test_diff_json_lists_position_changes_and_new_sources() -> None:
    out = CliRunner().invoke(app, ["diff", EARLY, LATE, "--json"])
    assert out.exit_code == 0, out.output
    changes = json.loads(out.stdout)
    positions = [c for c in changes if c["section"] == "positions" and c["field"] == "position"]
    assert {"EUR.territory", "EUR.nato_membership"} <= {c["key"] for c in positions}
    new_sources = {
        c["key"]
        for c in changes
        if c["section"] == "sources" and (c["before"], c["after"]) == ("absent", "present")
    }
    assert new_sources == {"s000", "s003", "s004"}
    assert any(c["section"] == "dynamics" and c["key"] == "mediator_attention" for c in changes)


@pytest.mark.parametrize("name", BUILTINS)
def test_show_json_round_trips_counts(scenarios: dict[str, Scenario], name: str) -> None:
    out = CliRunner().invoke(app, ["show", name, "--json"])
    assert out.exit_code == 0, out.output
    shown = json.loads(out.stdout)
    s = scenarios[name]
    assert shown["id"] == s.id and shown["as_of"] == s.as_of.isoformat()
    for section in ("actors", "issues", "positions", "arenas"):
        assert len(shown[section]) == len(getattr(s, section)), section
    assert sum(1 for p in shown["positions"] if p["evidence"] == 0) == sum(
        1 for p in s.positions if not p.evidence
    )


# --- the snapshot reproduces its as-of record in the simulator ------------------------------


def test_december_snapshot_reproduces_russian_rejections(scenarios: dict[str, Scenario]) -> None:
    """Up to 4 Dec 2025 Russia rejected every US text (seed 001) while Kyiv engaged.

    resolve.RUS / resolve.UKR were calibrated to that record (see the YAML comment); if the
    simulator's decision rule changes, this says the snapshot needs recalibrating.
    """
    from detente.process import EventKind, simulate

    log = simulate(scenarios[EARLY], runs=2000, seed=3)
    ids = log.actor_ids

    def rejection_share(actor: str) -> float:
        rejected = log.events(EventKind.REJECTED, actor=ids.index(actor)).sum()
        accepted = log.events(EventKind.ACCEPTED, actor=ids.index(actor)).sum()
        return rejected / (rejected + accepted)

    assert rejection_share("RUS") >= 0.7
    assert rejection_share("UKR") < rejection_share("RUS")

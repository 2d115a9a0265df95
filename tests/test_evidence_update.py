"""detente update: the next dated snapshot from the evidence store, validated and diffable."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from detente.cli.main import app
from detente.scenario import load_scenario
from detente.scenario.errors import ScenarioErrors
from detente.scenario.loader import builtin_path, parse_scenario_text
from detente.scenario.text import normalise_text, span_sha256

# A short document of our own that contradicts the built-in scenario's Russian territory
# position (78, toward keeping the occupied land), so the briefing proposes a move.
OWN = (
    "Moscow opposes the return of occupied territory to Ukraine.\n\n"
    "Diplomats met in Geneva on Monday and agreed to meet again next month.\n"
)
LATER = "Moscow supports the return of occupied territory to Ukraine.\n"


def _ingested(root: Path, documents: dict[str, tuple[str, str]]) -> dict[str, Path]:
    """Documents of our own (name -> (text, published)) ingested into a store beside a copy
    of the built-in snapshot."""
    docs = root / "docs"
    docs.mkdir()
    for name, (text, _) in documents.items():
        (docs / name).write_text(text, encoding="utf-8")
    index = "".join(f"{name},{published}\n" for name, (_, published) in documents.items())
    (docs / "INDEX.csv").write_text("file,published\n" + index)
    scenario = root / "snapshot.yaml"
    shutil.copy(builtin_path("ukraine-2025-12"), scenario)
    store = root / "s.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(docs), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return {"root": root, "docs": docs, "scenario": scenario, "store": store}


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> dict[str, Path]:
    return _ingested(
        tmp_path_factory.mktemp("update"),
        {"own.txt": (OWN, "2025-12-10"), "later.txt": (LATER, "2025-12-20")},
    )


def _update(setup: dict[str, Path], out: Path, *extra: str):
    return CliRunner().invoke(
        app,
        [
            "update",
            str(setup["scenario"]),
            "--store",
            str(setup["store"]),
            "--as-of",
            "2025-12-12",
            "-o",
            str(out),
            *extra,
        ],
    )


def _own_edit(setup: dict[str, Path]) -> dict:
    result = CliRunner().invoke(
        app, ["brief", "--store", str(setup["store"]), "--as-of", "2025-12-12", "--json"]
    )
    assert result.exit_code == 0, result.output
    edits = json.loads(result.stdout)["suggested_edits"]
    return next(e for e in edits if e["id"] == "RUS.territory")


def test_update_moves_as_of_adds_the_source_and_applies_the_edit_as_a_range(setup) -> None:
    edit = _own_edit(setup)
    assert edit["change"] == "position moves" and edit["sources"]
    out = setup["root"] / "next.yaml"
    result = _update(setup, out, "--accept", "RUS.territory", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["applied"] == ["RUS.territory"]
    before, after = load_scenario(str(setup["scenario"])), load_scenario(str(out))
    assert after.as_of.isoformat() == "2025-12-12"
    # the new source: metadata and the document's sha256, its pointer: offsets + span hash
    new_source = next(s for s in after.sources if s.file == "own.txt")
    own_text = normalise_text((setup["docs"] / "own.txt").read_bytes())
    pointer = next(e for e in after.evidence if e.source == new_source.id)
    assert span_sha256(own_text, pointer.start, pointer.end) == pointer.sha256
    assert "Moscow opposes" in own_text[pointer.start : pointer.end]
    old = next(p for p in before.positions if (p.actor, p.issue) == ("RUS", "territory"))
    new = next(p for p in after.positions if (p.actor, p.issue) == ("RUS", "territory"))
    # halfway toward 25, range moved with the mode (width kept): by hand 78 -> 51.5
    assert new.position.mode == pytest.approx((old.position.mode + 25) / 2)
    shift = new.position.mode - old.position.mode
    assert new.position.low == pytest.approx(old.position.low + shift)
    assert new.position.high == pytest.approx(old.position.high + shift)
    assert pointer.id in new.evidence
    # every change listed: as_of, the source, the pointer, the position
    listed = {(c["section"], c["key"], c["field"]) for c in report["changes"]}
    assert ("scenario", "", "as_of") in listed
    assert ("sources", new_source.id, "(entry)") in listed
    assert ("evidence", pointer.id, "(entry)") in listed
    assert ("positions", "RUS.territory", "position") in listed


def test_the_new_snapshot_validates_diffs_and_keeps_comments(setup) -> None:
    out = setup["root"] / "all.yaml"
    assert _update(setup, out, "--accept", "all").exit_code == 0
    runner = CliRunner()
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    diff = runner.invoke(app, ["diff", str(setup["scenario"]), str(out), "--json"])
    assert diff.exit_code == 0
    assert any(c["field"] == "as_of" for c in json.loads(diff.stdout))
    original, written = setup["scenario"].read_text(), out.read_text()
    comments = [line.strip() for line in original.splitlines() if line.strip().startswith("#")]
    assert comments and all(c in written for c in comments)  # every comment kept
    assert "# updated 2025-12-12: position moves (was 78)" in written
    # a reviewable diff: only the lines the update changes differ from the original
    removed = [
        line[1:].strip()
        for line in difflib.ndiff(original.splitlines(), written.splitlines())
        if line.startswith("- ")
    ]
    assert removed and all(
        line.split(":")[0] in ("id", "as_of", "position", "salience", "evidence")
        for line in removed
    ), removed
    # nothing published after --as-of: the 2025-12-20 document is not a source
    assert "later.txt" not in written and "later.txt" in {
        Path(p).name for p in (setup["docs"].iterdir())
    }
    positions = yaml.safe_load(written)["positions"]
    changed = next(p for p in positions if (p["actor"], p["issue"]) == ("RUS", "territory"))
    assert set(changed["position"]) == {"low", "mode", "high"}


def test_without_accept_only_as_of_moves_and_edits_are_listed(setup) -> None:
    out = setup["root"] / "none.yaml"
    result = _update(setup, out)
    assert result.exit_code == 0, result.output
    assert "not applied:" in result.output and "RUS.territory" in result.output
    after = load_scenario(str(out))
    before = load_scenario(str(setup["scenario"]))
    assert after.positions == before.positions and after.sources == before.sources


# the agreed terms of the built-in's armistice: every issue it settles on peace_talks
ARMISTICE_TERMS = [
    "--term",
    "territory=30",
    "--term",
    "force_caps=40",
    "--term",
    "security_guarantees=60",
    "--term",
    "european_force=50",
]


@pytest.mark.parametrize(
    ("extra", "as_of", "expected"),
    [
        (["--accept", "XYZ.nothing"], "2025-12-12", "does not suggest: XYZ.nothing"),
        ([], "2025-11-01", "is before the scenario's as_of"),
        ([], "2027-01-01", "is not before the scenario's horizon"),
        ([], "12 Dec", "is not a date"),
        (["--horizon", "2025-12-01"], "2025-12-12", "is not before the --horizon 2025-12-01"),
        (["--horizon", "next year"], "2025-12-12", "--horizon 'next year' is not a date"),
        (["--title", "  "], "2025-12-12", "--title is empty"),
        (["--signed", "2025-12-11"], "2025-12-12", "--in-force is missing"),
        (
            ["--in-force", "armistice", "--signed", "2025-12-11", "--term", "x=1"],
            "2025-12-12",
            "is not TRACK.PACKAGE",
        ),
        (["--in-force", "peace_talks.armistice", *ARMISTICE_TERMS], "2025-12-12", "needs the date"),
        (
            ["--in-force", "peace_talks.armistice", "--signed", "2025-12-11"],
            "2025-12-12",
            "needs the agreed terms",
        ),
        (
            ["--in-force", "none", "--signed", "2025-12-11"],
            "2025-12-12",
            "removes the agreement in force",
        ),
        (["--in-force", "none"], "2025-12-12", "no agreement in force to remove"),
        (
            ["--in-force", "p.a", "--signed", "2025-12-11", "--term", "territory=101"],
            "2025-12-12",
            "from 0 to 100",
        ),
        (["--id", "2025 snapshot"], "2025-12-12", "is not an id"),
        (
            [
                "--in-force",
                "peace_talks.armistice",
                "--signed",
                "2025-12-11",
                "--term",
                "territory=30",
            ],
            "2025-12-12",
            "the terms of 'armistice' on 'peace_talks' set",
        ),
        (
            ["--in-force", "peace_talks.armistice", "--signed", "2025-12-30", *ARMISTICE_TERMS],
            "2025-12-12",
            "after as_of 2025-12-12",
        ),
    ],
)
def test_bad_update_requests_are_one_line_and_write_nothing(setup, extra, as_of, expected) -> None:
    out = setup["root"] / "bad.yaml"
    result = CliRunner().invoke(
        app,
        [
            *("update", str(setup["scenario"]), "--store", str(setup["store"])),
            *("--as-of", as_of, "-o", str(out), *extra),
        ],
    )
    assert result.exit_code == 2
    assert expected in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_horizon_and_title_move_with_the_snapshot_and_the_diff_lists_them(setup) -> None:
    out = setup["root"] / "moved.yaml"
    title = "Ukraine talks, as of 12 Dec 2025"
    result = _update(setup, out, "--horizon", "2027-06-30", "--title", title, "--json")
    assert result.exit_code == 0, result.output
    after = load_scenario(str(out))
    assert (after.horizon, after.title) == (dt.date(2027, 6, 30), title)
    listed = {c["field"]: c["after"] for c in json.loads(result.stdout)["changes"]}
    assert listed["horizon"] == "2027-06-30" and listed["title"] == title
    # only the three scenario lines differ from the original: nothing else re-laid out
    original, written = setup["scenario"].read_text(), out.read_text()
    removed = [
        line[2:].split(":")[0]
        for line in difflib.ndiff(original.splitlines(), written.splitlines())
        if line.startswith("- ")
    ]
    assert sorted(removed) == ["as_of", "horizon", "id", "title"]


def test_a_later_horizon_lets_a_snapshot_move_past_the_old_one(setup) -> None:
    out = setup["root"] / "past.yaml"
    result = CliRunner().invoke(
        app,
        [
            *("update", str(setup["scenario"]), "--store", str(setup["store"])),
            *("--as-of", "2027-01-01", "--horizon", "2027-12-31", "-o", str(out)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "title kept: 'Ukraine war-termination talks, as of 4 Dec 2025'" in result.output
    after = load_scenario(str(out))
    assert (after.as_of, after.horizon) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    # every event window and expectation lies before 2027: both sections go whole (an
    # emptied list that kept its comments was written as YAML that did not parse)
    assert not after.events and not after.expectations


def test_update_refuses_to_overwrite_its_input(setup) -> None:
    before = setup["scenario"].read_bytes()
    result = _update(setup, setup["scenario"], "--accept", "all")
    assert result.exit_code == 2 and "is the scenario being updated" in result.output
    assert setup["scenario"].read_bytes() == before


def test_a_source_changed_since_ingest_is_noted_when_added(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "own.txt").write_text(OWN, encoding="utf-8")
    store = tmp_path / "s.duckdb"
    runner = CliRunner()
    ingest = ["ingest", str(docs), "--store", str(store), "--published", "2025-12-10"]
    assert runner.invoke(app, ingest).exit_code == 0
    (docs / "own.txt").write_text(OWN + "A correction.\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            *("update", str(builtin_path("ukraine-2025-12")), "--store", str(store)),
            *("--as-of", "2025-12-12", "--accept", "all", "-o", str(tmp_path / "n.yaml")),
        ],
    )
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if x.startswith("note: source")]
    assert "own.txt" in line and "changed since ingest" in line


# The same stance as OWN, in a saved web page: ingest indexes the article trafilatura
# extracts from it, so the pointers `update` writes index that text, not the raw HTML.
PAGE = (
    "<html><head><title>Talks in Geneva</title></head><body><nav>Home | World</nav>"
    "<article><h1>Talks in Geneva</h1>"
    "<p>Moscow opposes the return of occupied territory to Ukraine, a senior diplomat "
    "repeated on Monday after a long day of meetings with the other delegations.</p>"
    "<p>Diplomats met in Geneva on Monday and agreed to meet again next month, "
    "according to officials who attended the closed sessions.</p></article></body></html>"
)


def test_pointers_update_writes_into_a_web_page_resolve_with_evidence_check(
    tmp_path: Path,
) -> None:
    setup = _ingested(tmp_path, {"page.html": (PAGE, "2025-12-10")})
    docs, runner = setup["docs"], CliRunner()
    out = tmp_path / "next.yaml"
    assert _update(setup, out, "--accept", "RUS.territory").exit_code == 0
    after = load_scenario(str(out))
    source = next(s for s in after.sources if s.file == "page.html")
    pointers = [e for e in after.evidence if e.source == source.id]
    assert pointers
    result = runner.invoke(app, ["evidence", "check", str(out), "--sources", str(docs), "--json"])
    problems = json.loads(result.stdout)["problems"]
    # the seeds are not in this folder; every pointer into the page resolves
    assert all("not found" in p["problem"] for p in problems), problems
    assert not [p for p in problems if p["source_id"] == source.id]
    # cite reads the page the same way: its offsets are the ones update wrote
    cited = runner.invoke(
        app, ["evidence", "cite", str(docs / "page.html"), "--find", "Moscow opposes"]
    )
    assert f"start: {pointers[0].start}," in cited.stdout, cited.stdout


def test_a_salience_an_emphatic_stance_raises_is_said_where_the_edit_is_offered(
    tmp_path: Path,
) -> None:
    """A second document says Moscow opposes returning the territory 'under any
    circumstances': the edit raises RUS's salience on it by 10 (90 -> 100), and the
    briefing, its YAML and the comment update writes all say so (an Armenia-Azerbaijan
    trial: update applied two salience changes the briefing never mentioned). The same
    stance said plainly by a second outlet raises nothing (an Ethiopia trial: three copies of
    one AFP story raised a salience as 'independent sources')."""
    plain = (
        "Officials said talks on energy prices would resume in spring, after a cold "
        "winter.\n\nThe Kremlin opposes the return of occupied territory to Ukraine, a "
        "spokesman said.\n"
    )
    emphatic = plain.replace("to Ukraine,", "to Ukraine under any circumstances,")
    runner = CliRunner()
    modes = {}
    for name, other in (("plain", plain), ("emphatic", emphatic)):
        (tmp_path / name).mkdir()
        setup = _ingested(
            tmp_path / name, {"a.txt": (OWN, "2025-12-10"), "b.txt": (other, "2025-12-11")}
        )
        brief = ["brief", "--store", str(setup["store"]), "--as-of", "2025-12-12"]
        edits = json.loads(runner.invoke(app, [*brief, "--json"]).stdout)["suggested_edits"]
        edit = next(e for e in edits if e["id"] == "RUS.territory")
        modes[name] = (edit["current_salience"], edit["position"]["salience"]["mode"])
    assert modes == {"plain": (90, 90), "emphatic": (90, 100)}
    said = "salience 100 [90-100] (was 90): said as a red line or beyond bargaining"
    text = runner.invoke(app, brief).stdout
    assert f"RUS.territory — position moves: position 51.5 [33.5-68.5] (was 78); {said}" in text
    out = tmp_path / "next.yaml"
    assert _update(setup, out, "--accept", "RUS.territory").exit_code == 0
    assert f"position moves (was 78); {said}" in out.read_text()


def test_the_questions_beside_a_snapshot_go_beside_the_next_one(tmp_path: Path) -> None:
    """forecast reads NAME.questions.yaml beside its scenario: update copies the earlier
    snapshot's beside the new one, and never overwrites one already there."""
    setup = _ingested(tmp_path, {"own.txt": (OWN, "2025-12-10")})
    questions = builtin_path("ukraine-2025-12").with_name("ukraine-2025-12.questions.yaml")
    mine = "# the analyst's own copy\n" + questions.read_text(encoding="utf-8")
    (tmp_path / "snapshot.questions.yaml").write_text(mine, encoding="utf-8")
    out = tmp_path / "next.yaml"
    result = _update(setup, out, "--json")
    assert result.exit_code == 0, result.output
    copied = tmp_path / "next.questions.yaml"
    assert json.loads(result.stdout)["questions"].startswith("copied ")
    assert copied.read_text(encoding="utf-8") == mine
    copied.write_text(mine + "# edited\n", encoding="utf-8")
    result = _update(setup, out, "--json")
    assert "kept as it was" in json.loads(result.stdout)["questions"]
    assert copied.read_text(encoding="utf-8").endswith("# edited\n")


def test_an_edit_to_a_one_line_position_keeps_its_line_whole(tmp_path: Path) -> None:
    """A position written as one flow mapping ('- {actor: RUS, ...}') gets its note after
    the closing brace: the note inside it left a lone '}' on the next line (a new
    analyst's Ethiopia file, whose positions are all one line each)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    setup = _ingested(tmp_path, {"own.txt": (OWN, "2025-12-10")})
    rt = YAML()
    data = rt.load(setup["scenario"].read_text(encoding="utf-8"))
    positions = data["positions"]
    k = next(i for i, p in enumerate(positions) if (p["actor"], p["issue"]) == ("RUS", "territory"))
    one_line = CommentedMap(positions[k].items())
    one_line.fa.set_flow_style()
    positions[k] = one_line
    with setup["scenario"].open("w", encoding="utf-8") as handle:
        rt.dump(data, handle)
    out = tmp_path / "next.yaml"
    result = _update(setup, out, "--accept", "RUS.territory")
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    (line,) = [x for x in lines if "actor: RUS, issue: territory" in x]
    assert "} " in line and line.split("#")[0].rstrip().endswith("}") and "# updated" in line
    assert not [x for x in lines if x.strip() == "}"]
    assert load_scenario(str(out)).as_of.isoformat() == "2025-12-12"


def test_an_update_past_an_event_s_window_drops_the_event_and_lists_it(
    setup: dict[str, Path], tmp_path: Path
) -> None:
    """A Gaza trial: after update moved as_of past an offensive's window, the event fired in
    the first round of 91% of runs. Two built-in events can happen only until 31 January
    2026: a snapshot of 5 February drops them, says so, and validates; validate refuses
    such an event in a file written by hand."""
    out = tmp_path / "feb.yaml"
    args = ["update", str(setup["scenario"]), "--store", str(setup["store"])]
    result = CliRunner().invoke(app, [*args, "--as-of", "2026-02-05", "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    after = load_scenario(str(out))
    before = load_scenario(str(setup["scenario"]))
    dropped = {e.id for e in before.events} - {e.id for e in after.events}
    assert dropped == {e.id for e in before.events if e.last_day < dt.date(2026, 2, 5)}
    assert dropped == {"us_renewed_push", "hungary_sanctions_threat"}
    listed = json.loads(result.stdout)["changes"]
    assert {c["key"] for c in listed if c["section"] == "events"} == dropped
    # an expectation judged before the new as_of is history too
    gone = {e.id for e in before.expectations} - {e.id for e in after.expectations}
    assert "another_attempt_soon" in gone
    assert {c["key"] for c in listed if c["section"] == "expectations"} == gone
    # the same file with as_of moved by hand: one clear error per past event
    text = setup["scenario"].read_text().replace("as_of: 2025-12-04", "as_of: 2026-02-05")
    with pytest.raises(ScenarioErrors) as caught:
        parse_scenario_text(text, "by_hand.yaml")
    past = [e for e in caught.value.errors if "could happen only until" in e.message]
    assert {e.message.split("'")[1] for e in past} == dropped
    assert all("by_hand.yaml" in e.one_line() for e in past)


def test_the_next_snapshot_takes_its_file_name_as_its_id_or_the_one_given(setup) -> None:
    named = setup["root"] / "ukraine-2025-12-12.yaml"
    result = CliRunner().invoke(  # the built-in by its name, with its own questions
        app,
        [
            *("update", "ukraine-2025-12", "--store", str(setup["store"])),
            *("--as-of", "2025-12-12", "-o", str(named), "--json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert load_scenario(str(named)).id == "ukraine-2025-12-12"
    listed = {c["field"]: (c["before"], c["after"]) for c in json.loads(result.stdout)["changes"]}
    assert listed["id"] == ("ukraine-2025-12", "ukraine-2025-12-12")
    # forecast reads the questions beside a scenario file: the built-in's go beside it
    assert json.loads(result.stdout)["questions"].startswith("copied ")
    forecast = CliRunner().invoke(app, ["forecast", str(named), "--runs", "20", "--json"])
    assert json.loads(forecast.stdout)["questions"], forecast.output
    given = setup["root"] / "given.yaml"
    assert _update(setup, given, "--id", "kyiv-dec").exit_code == 0
    assert load_scenario(str(given)).id == "kyiv-dec"
    not_an_id = setup["root"] / "12 Dec.yaml"  # no valid id: the earlier one is kept
    assert _update(setup, not_an_id).exit_code == 0
    assert load_scenario(str(not_an_id)).id == "ukraine-2025-12"


def test_an_agreement_signed_since_starts_every_run_and_none_removes_it(setup) -> None:
    signed = setup["root"] / "signed.yaml"
    result = _update(
        setup,
        signed,
        "--in-force",
        "peace_talks.armistice",
        "--signed",
        "2025-12-11",
        *ARMISTICE_TERMS,
    )
    assert result.exit_code == 0, result.output
    deal = load_scenario(str(signed)).war.in_force
    assert (deal.track, deal.package, deal.signed) == (
        "peace_talks",
        "armistice",
        dt.date(2025, 12, 11),
    )
    assert deal.terms["territory"] == 30 and "cite the agreement" in deal.assumption
    forecast = CliRunner().invoke(app, ["forecast", str(signed), "--runs", "200", "--json"])
    assert forecast.exit_code == 0, forecast.output
    summary = json.loads(forecast.stdout)
    assert summary["scenario"]["in_force"] is True
    first = summary["outcomes"][0]["probabilities"]
    assert (
        first["fighting_while_talking"] + first["abandoned"] < 0.5
    )  # the runs start under the armistice
    # a later snapshot after the armistice broke down: the deal goes, the file validates
    broke = setup["root"] / "broke.yaml"
    result = CliRunner().invoke(
        app,
        [
            *("update", str(signed), "--store", str(setup["store"]), "--as-of", "2025-12-20"),
            *("-o", str(broke), "--in-force", "none"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "war.in_force removed" in result.output
    assert load_scenario(str(broke)).war.in_force is None

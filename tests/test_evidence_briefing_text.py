"""The briefing a person reads: sentences from the files, titles, dates, three formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from markupsafe import escape
from typer.testing import CliRunner

from detente.cli.main import app
from detente.evidence.briefing_observations import agent_of
from detente.evidence.excerpts import sentence_bounds, shorten
from detente.evidence.records import Mention
from detente.scenario import load_scenario
from detente.scenario.text import normalise_text

SEED_S001 = "001_c5ba137158a35344.txt"
SEED_S002 = "002_cc4e42f5fa815699.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir: Path) -> tuple[Path, Path]:
    """The seeds copied to a folder of our own (so a test may change them) and a store."""
    folder = tmp_path_factory.mktemp("briefing") / "docs"
    shutil.copytree(seeds_dir, folder)
    store = folder.parent / "store.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return folder, store


def _brief(store: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        app, ["brief", "--store", str(store), "--as-of", "2025-12-04", *extra]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def _ingested_page(tmp_path: Path, text: str) -> Path:
    """A store holding one page written here, ingested with the built-in scenario."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "page.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_sentence_bounds_cover_the_sentence_around_a_span() -> None:
    text = "First one. The envoy said the talks failed. Last one."
    start = text.index("talks")
    left, right = sentence_bounds(text, start, start + 5)
    assert text[left:right].strip() == "The envoy said the talks failed."
    assert shorten(text, start, start + 5) == "The envoy said the talks failed."


def test_a_crawler_header_line_is_not_part_of_the_first_sentence() -> None:
    text = " date 2025-10-26 KUALA LUMPUR, Oct 26 - The leaders signed the accord. Next."
    start = text.index("signed")
    assert shorten(text, start, start + 6) == (
        "KUALA LUMPUR, Oct 26 - The leaders signed the accord."
    )


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "Intro. He said the U.S. envoy met Mr. Witkoff on Feb. 17 in Geneva. Next."
    start = text.index("envoy")
    assert shorten(text, start, start + 5) == (
        "He said the U.S. envoy met Mr. Witkoff on Feb. 17 in Geneva."
    )


def test_text_briefing_shows_each_quote_as_its_sentence_with_title_and_date(
    corpus, seeds_dir: Path
) -> None:
    folder, store = corpus
    data = json.loads(_brief(store, "--json"))
    text = _brief(store)
    source = normalise_text((folder / SEED_S001).read_bytes())
    scenario = load_scenario("ukraine-2025-12")
    title = next(s.title for s in scenario.sources if s.id == "s001")
    quote = next(q for q in data["quotes"] if q["sources"][0]["source"] == "s001")
    pointer = quote["sources"][0]
    said = " ".join(source[pointer["start"] : pointer["end"]].split())
    assert said in pointer["sentence"]  # the JSON carries the sentence too
    assert said in text  # the words of the quote, not only offsets
    assert f"{title} (s001, 2025-12-04)" in text
    assert f"s001:{pointer['start']}-{pointer['end']}" not in text  # no bare pointers
    stance = next(iter(next(iter(data["stances"].values())).values()))[0]
    assert stance["sentence"] and stance["sentence"] in text


def test_markdown_and_html_carry_the_same_sentences(corpus) -> None:
    _, store = corpus
    data = json.loads(_brief(store, "--json"))
    sentence = data["quotes"][0]["sources"][0]["sentence"]
    markdown = _brief(store, "--format", "md")
    assert markdown.startswith("# Briefing ukraine-2025-12 as of 2025-12-04")
    assert "## Who said what" in markdown and "  > " in markdown
    page = _brief(store, "--format", "html")
    assert page.startswith("<!doctype html>") and "<blockquote>" in page
    assert str(escape(sentence)) in page  # the same sentence, escaped as untrusted text


def test_a_changed_or_missing_source_file_is_said_and_the_pointer_shown(
    tmp_path: Path, seeds_dir: Path
) -> None:
    folder = tmp_path / "docs"
    shutil.copytree(seeds_dir, folder)
    store = tmp_path / "s.duckdb"
    assert CliRunner().invoke(app, ["ingest", str(folder), "--store", str(store)]).exit_code == 0
    with (folder / SEED_S001).open("a", encoding="utf-8") as handle:
        handle.write("\nA line added after ingest.\n")
    (folder / SEED_S002).unlink()
    text = _brief(store)
    assert "source file changed since ingest" in text
    assert "source file missing" in text
    assert "pointer s001:" in text and "pointer s002:" in text


def test_unknown_format_is_one_clear_line(corpus) -> None:
    _, store = corpus
    result = CliRunner().invoke(app, ["brief", "--store", str(store), "--format", "pdf"])
    assert result.exit_code == 2
    assert "--format 'pdf' is not known" in result.output and "Traceback" not in result.output


def test_briefing_written_to_a_file(corpus, tmp_path: Path) -> None:
    _, store = corpus
    out = tmp_path / "briefing.md"
    result = CliRunner().invoke(
        app,
        ["brief", "--store", str(store), "--as-of", "2025-12-04", "--format", "md", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Briefing")


def test_a_file_ingested_by_a_relative_path_is_found_from_another_folder(
    tmp_path: Path, seeds_dir: Path, monkeypatch
) -> None:
    shutil.copytree(seeds_dir, tmp_path / "docs")
    store = tmp_path / "s.duckdb"
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["ingest", "docs", "--store", str(store)]).exit_code == 0
    monkeypatch.chdir(tmp_path.parent)
    text = _brief(store)
    assert "source file missing" not in text and "“" in text


def test_a_plan_is_marked_planned_in_the_timeline(tmp_path: Path) -> None:
    """'will meet on Friday' is a plan as of its source's date; 'met on Monday' happened."""
    store = _ingested_page(
        tmp_path,
        " date 2025-12-03 Witkoff met Putin in Moscow on Monday. Witkoff will meet Umerov "
        "in Miami on Friday.\n",
    )
    text = _brief(store)
    lines = [line.strip() for line in text.splitlines()]
    friday = [line for line in lines if line.startswith("- 2025-12-05 (day) CONSULT")]
    monday = [line for line in lines if line.startswith("- 2025-12-01 (day) CONSULT")]
    assert friday and all(line.endswith("(planned)") for line in friday)
    assert monday and not any(line.endswith("(planned)") for line in monday)


def test_a_sentence_that_opens_with_a_quote_is_not_quoted_twice() -> None:
    """'“We will not go back,” he said.' shows its own marks; a plain sentence gets them;
    the HTML's blockquote sets every sentence apart, so it adds none."""
    from detente.evidence.briefing_formats import _said, render_html
    from detente.evidence.briefing_view import BriefingView, Citation, Entry, Section

    quoted = Citation("“We will not go back,” he said.", "Page (d1, 2025-11-14)", "d1:0-30")
    plain = Citation("The talks ended on Friday.", "Page (d1, 2025-11-14)", "d1:31-57")
    assert _said(quoted) == "“We will not go back,” he said."
    assert _said(plain) == "“The talks ended on Friday.”"
    section = Section("Who said what", [Entry("X", citations=[quoted, plain])])
    page = render_html(BriefingView("Briefing", "summary", [section], "", []))
    assert "““" not in page and "&#8220;&#8220;" not in page
    assert str(escape("“We will not go back,” he said.")) in page


def test_the_timeline_says_who_made_a_rejection_and_who_was_only_named(tmp_path: Path) -> None:
    """'Kremlin ... rejected the plan Ukraine backed': the rejection is Russia's; Ukraine is
    only named (the line listed both alike, as if both had rejected it)."""
    store = _ingested_page(
        tmp_path,
        " date 2025-12-03 The Kremlin on Tuesday rejected the peace plan that Ukraine had "
        "backed.\n",
    )
    lines = [line.strip() for line in _brief(store).splitlines()]
    assert "- 2025-12-02 (day) REJECT by RUS (UKR also named)" in lines
    data = json.loads(_brief(store, "--json"))
    [rejection] = [e for e in data["timeline"] if e["kind"] == "REJECT"]
    assert rejection["agent"] == "RUS"


def test_a_name_far_before_an_act_is_not_its_agent() -> None:
    """'The Quad - the US, Egypt and the UAE - which has tried for two years to revive a
    transition halted by a 2021 coup': the UAE made no coup; 'the UAE rejected' it did."""
    far = (
        "The Quad - the US, Egypt and the UAE - which has tried for more than two years to "
        "secure a ceasefire, revive a political transition halted by a 2021 coup."
    )
    near = "On Monday the UAE firmly rejected the coup."
    for text, expected in ((far, None), (near, "UAE")):
        named = text.index("UAE")
        mentions = [Mention(named, named + 3, "UAE", "UAE", "alias")]
        coup = text.index("coup")
        assert agent_of(text, mentions, coup, coup + 4) == expected
    rejected = near.index("rejected")
    assert agent_of(near, mentions, rejected, rejected + 8) == "UAE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US envoy Mike Hammer on Tuesday commented on the ongoing offensive.", None),
        ("The government said the rebel forces of Tigray launched an offensive.", None),
        ("Washington said its forces launched an offensive.", "US"),
        ("Washington launched an offensive on Tuesday.", "US"),
    ],
)
def test_a_name_that_only_reports_an_act_is_not_its_agent(text: str, expected: str | None):
    """The Ethiopia briefing read 'ASSAULT by US' for an envoy's comment on an offensive:
    the speaker of a report did not do what it reports, unless the report points back."""
    alias = "Washington" if "Washington" in text else ("US" if "US" in text else "government")
    named = text.index(alias)
    mentions = [Mention(named, named + len(alias), "US", alias, "alias")]
    act = text.index("offensive")
    assert agent_of(text, mentions, act, act + len("offensive")) == expected


def test_an_act_with_no_agent_found_does_not_list_the_names_as_its_doers(
    tmp_path: Path,
) -> None:
    """'A dispute erupted into fighting on Tuesday, and the US offered to help': the
    attack is nobody's the extractor can name; the line must not read as the US's."""
    store = _ingested_page(
        tmp_path,
        " date 2025-12-03 A long-running border dispute erupted into heavy fighting on "
        "Tuesday, and Washington offered to assist in the negotiations.\n",
    )
    lines = [line.strip() for line in _brief(store).splitlines()]
    assault = [line for line in lines if "ASSAULT" in line]
    assert assault and all("named; who acted not found" in line for line in assault), lines


def test_a_store_read_for_another_scenario_is_not_briefed_by_the_default(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """Ingested for the DRC case, a briefing with no --scenario would read the documents by
    Ukraine's actors and issues: it names the scenario the store was read for instead, and
    with --scenario the briefing is that scenario's."""
    store = tmp_path / "drc.duckdb"
    seed = next(iter(sorted(seeds_dir.glob("*.txt"))))
    ingest = ["ingest", str(seed), "--store", str(store), "--scenario", "drc-m23-2025"]
    assert CliRunner().invoke(app, ingest).exit_code == 0
    unnamed = CliRunner().invoke(app, ["brief", "--store", str(store), "--as-of", "2026-06-30"])
    assert unnamed.exit_code == 2
    assert "read for drc-m23-2025" in unnamed.output and "--scenario" in unnamed.output
    named = _brief(store, "--scenario", "drc-m23-2025")
    assert named.startswith("Briefing drc-m23-2025 as of 2025-12-04")


def test_a_briefing_with_stances_and_no_edit_says_why() -> None:
    """Eleven stances and 'none' beside the edits told a new analyst nothing: each reason a
    stance moves no position is counted."""
    from detente.evidence.briefing_view import why_no_edits

    def stance(direction: int, *context: str) -> dict:
        return {"direction": direction, "context": list(context)}

    briefing = {
        "stances": {
            "THA": {"border": [stance(0), stance(0), stance(1, "hypothetical")]},
            "KHM": {"border": [stance(1), stance(-1)]},
        },
        "suggested_edits": [],
    }
    why = why_no_edits(briefing)
    assert why.startswith("none: of 5 stances, 2 say no direction on their issue's 0-100 scale")
    assert "1 are hypothetical" in why and "2 cancel each other out" in why
    assert why_no_edits({"stances": {}, "suggested_edits": []}) == "none"

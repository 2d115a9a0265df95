"""Actor candidates: stored per document, shown in the briefing, accepted into a snapshot.

The documents are short texts of our own about a negotiation other than Ukraine's (the
built-in illustrative DRC-M23 scenario), so nothing depends on one case's names.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.evidence.actors import ActorLexicon
from detente.evidence.briefing_candidates import briefing_candidates, suggested_id
from detente.evidence.extract import PreparedDocument, extract_documents
from detente.evidence.issue_terms import IssueVocabulary
from detente.evidence.records import CandidateMention, Extraction
from detente.evidence.store import RECORD_TABLES, SCHEMA_VERSION, EvidenceStore
from detente.scenario import load_scenario
from detente.scenario.loader import builtin_path
from detente.scenario.text import normalise_text, span_sha256

SCENARIO = "drc-m23-2025"  # as_of 2025-09-01; actors DRC, M23, RWA, US, QAT, AU
DOHA = (
    "Doha talks move forward as a new channel opens\n\n"
    "Envoys of the DR Congo government and the M23 / AFC rebellion met in Doha on "
    "September 14, with Qatar in the chair, officials said.\n\n"
    "Corneille Nangaa, who leads the rebellion's political wing, said the prisoner "
    "exchange agreed on September 21 would go ahead.\n\n"
    "Corneille Nangaa welcomed the offer of a further round.\n"
)
NAME = "Corneille Nangaa"


@pytest.fixture(scope="module")
def drc(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("candidates")
    docs = root / "docs"
    docs.mkdir()
    (docs / "doha.txt").write_text(DOHA, encoding="utf-8")
    (docs / "INDEX.csv").write_text("file,published\ndoha.txt,2025-09-28\n")
    store = root / "s.duckdb"
    result = CliRunner().invoke(
        app, ["ingest", str(docs), "--store", str(store), "--scenario", SCENARIO]
    )
    assert result.exit_code == 0, result.output
    scenario = root / "drc.yaml"
    scenario.write_text(builtin_path(SCENARIO).read_text(encoding="utf-8"), encoding="utf-8")
    return {"root": root, "docs": docs, "store": store, "scenario": scenario}


def _rows(store: Path) -> list[tuple]:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(
            "SELECT c.document_sha256, c.start_char, c.end_char, c.surface, c.label, d.text "
            "FROM evidence.candidates c JOIN evidence.documents d ON d.sha256 = c.document_sha256 "
            "WHERE c.scenario_id = ? ORDER BY c.start_char",
            [SCENARIO],
        ).fetchall()
    finally:
        con.close()


def test_candidates_are_stored_per_document_as_pointers(drc) -> None:
    rows = _rows(drc["store"])
    text = normalise_text((drc["docs"] / "doha.txt").read_bytes())
    nangaa = [r for r in rows if r[3] == NAME]
    # the name occurs twice in our text: two rows, each pointing at it
    assert [r[1] for r in nangaa] == _starts(text, NAME)
    assert all(r[4] == "PERSON" for r in nangaa)
    for _, start, end, surface, _, stored in rows:
        assert stored[start:end] == surface  # offsets into the stored normalised text
    # no scenario actor comes back as a candidate
    assert not {r[3] for r in rows} & {"Qatar", "M23 / AFC rebellion", "DR Congo government"}


def _starts(text: str, name: str) -> list[int]:
    found, at = [], text.find(name)
    while at >= 0:
        found.append(at)
        at = text.find(name, at + 1)
    return found


def test_briefing_lists_candidates_with_their_sentences(drc) -> None:
    runner = CliRunner()
    base = ["brief", "--store", str(drc["store"]), "--scenario", SCENARIO, "--as-of", "2025-09-28"]
    data = json.loads(runner.invoke(app, [*base, "--json"]).stdout)
    (candidate,) = [c for c in data["candidates"] if c["name"] == NAME]
    assert candidate["count"] == 2 and candidate["kind"] == "person"
    text = normalise_text((drc["docs"] / "doha.txt").read_bytes())
    for p in candidate["pointers"]:
        assert p["sha256"] == span_sha256(text, p["start"], p["end"])
    assert (
        "Corneille Nangaa welcomed the offer of a further round."
        in candidate["pointers"][1]["sentence"]
    )
    shown = runner.invoke(app, base).stdout
    assert "Actor candidates" in shown
    assert f"--accept-actor '{NAME}=Corneille_Nangaa'" in shown
    # the sentence is read from the file at display time
    assert "“Corneille Nangaa welcomed the offer of a further round.”" in shown


def _update(drc: dict[str, Path], out: Path, *extra: str):
    return CliRunner().invoke(
        app,
        [
            *("update", str(drc["scenario"]), "--store", str(drc["store"])),
            *("--as-of", "2025-09-28", "-o", str(out), *extra),
        ],
    )


def test_accepting_a_candidate_adds_an_actor_that_validates_with_todo_placeholders(drc) -> None:
    out = drc["root"] / "with_actor.yaml"
    result = _update(drc, out, "--accept-actor", f"{NAME}=NANGAA", "--json")
    assert result.exit_code == 0, result.output
    before, after = load_scenario(str(drc["scenario"])), load_scenario(str(out))
    actor = next(a for a in after.actors if a.id == "NANGAA")
    assert actor.name == NAME and actor.kind == "person" and NAME in actor.aliases
    assert "TODO" in (actor.assumption or "")
    placeholders = [p for p in after.positions if p.actor == "NANGAA"]
    assert {p.issue for p in placeholders} == set(after.issue_ids)
    for p in placeholders:  # the issue's status quo, any side possible, flagged TODO
        issue = next(i for i in after.issues if i.id == p.issue)
        assert p.position.mode == issue.status_quo.mode
        assert (p.position.low, p.position.high) == (0, 100)
        assert "TODO" in (p.assumption or "")
    # the evidence pointer resolves against the file and names the candidate
    (pointer,) = [e for e in after.evidence if e.id in actor.evidence]
    text = normalise_text((drc["docs"] / "doha.txt").read_bytes())
    assert text[pointer.start : pointer.end] == NAME
    assert span_sha256(text, pointer.start, pointer.end) == pointer.sha256
    source = next(s for s in after.sources if s.id == pointer.source)
    assert source.file == "doha.txt" and len(after.sources) == len(before.sources) + 1
    listed = {(c["section"], c["key"], c["field"]) for c in json.loads(result.stdout)["changes"]}
    assert ("actors", "NANGAA", "(entry)") in listed
    diff = CliRunner().invoke(app, ["diff", str(drc["scenario"]), str(out), "--json"])
    assert {"section": "actors", "key": "NANGAA"}.items() <= next(
        c for c in json.loads(diff.stdout) if c["key"] == "NANGAA"
    ).items()
    assert CliRunner().invoke(app, ["validate", str(out)]).exit_code == 0
    # a reviewable diff: the other actors and positions keep their lines; only the id
    # (the output file's name) and as_of go
    original, written = drc["scenario"].read_text(), out.read_text()
    removed = [
        x for x in difflib.ndiff(original.splitlines(), written.splitlines()) if x[:2] == "- "
    ]
    assert [x.split(":")[0] for x in removed] == ["- id", "- as_of"], removed


def test_accepting_a_candidate_as_an_alias_of_an_existing_actor(drc) -> None:
    out = drc["root"] / "with_alias.yaml"
    result = _update(drc, out, "--accept-alias", f"{NAME}=M23")
    assert result.exit_code == 0, result.output
    after = load_scenario(str(out))
    m23 = next(a for a in after.actors if a.id == "M23")
    assert NAME in m23.aliases and len(after.actors) == len(load_scenario(SCENARIO).actors)
    diff = CliRunner().invoke(app, ["diff", str(drc["scenario"]), str(out), "--json"])
    assert any(c["key"] == "M23" and c["field"] == "aliases" for c in json.loads(diff.stdout))


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--accept-alias", f"{NAME}=M24"], "unknown actor id 'M24'"),
        (["--accept-actor", f"{NAME}=M23"], "already has actor 'M23'"),
        (["--accept-actor", "Somebody Else=SE"], "is not an actor candidate"),
        (["--accept-actor", NAME], "write NAME=ID"),
        (["--accept-actor", f"{NAME}=9lives"], "is not an id"),
    ],
)
def test_bad_acceptances_are_one_line_and_write_nothing(drc, extra, expected) -> None:
    out = drc["root"] / "bad.yaml"
    result = _update(drc, out, *extra)
    assert result.exit_code == 2, result.output
    assert expected in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_a_candidate_whose_document_changed_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "doha.txt").write_text(DOHA, encoding="utf-8")
    store = tmp_path / "s.duckdb"
    runner = CliRunner()
    ingest = ["ingest", str(docs), "--store", str(store), "--scenario", SCENARIO]
    assert runner.invoke(app, [*ingest, "--published", "2025-09-28"]).exit_code == 0
    (docs / "doha.txt").write_text(DOHA + "A correction was added.\n", encoding="utf-8")
    out = tmp_path / "next.yaml"
    result = runner.invoke(
        app,
        [
            *("update", SCENARIO, "--store", str(store), "--as-of", "2025-09-28"),
            *("-o", str(out), "--accept-actor", f"{NAME}=NANGAA"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "changed since ingest" in result.output and "doha.txt" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not out.exists()
    with EvidenceStore(store) as evidence:  # nothing lost: the stored text is still there
        assert evidence.counts()["documents"] == 1


def test_a_store_of_schema_1_is_upgraded_and_its_candidates_extracted_again(tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "doha.txt").write_text(DOHA, encoding="utf-8")
    store = tmp_path / "old.duckdb"
    runner = CliRunner()
    ingest = ["ingest", str(docs), "--store", str(store), "--scenario", SCENARIO]
    assert runner.invoke(app, [*ingest, "--published", "2025-09-28"]).exit_code == 0
    con = duckdb.connect(str(store))  # what a store written by schema 1 looks like
    con.execute("DELETE FROM evidence.candidates")
    con.execute("UPDATE evidence.schema_version SET version = 1")
    con.close()
    with EvidenceStore(store) as evidence:
        assert evidence.counts()["documents"] == 1  # the documents are kept
        assert evidence.counts()["mentions"] == 0  # the old extractions are dropped
    brief = ["brief", "--store", str(store), "--scenario", SCENARIO, "--as-of", "2025-09-28"]
    data = json.loads(runner.invoke(app, [*brief, "--json"]).stdout)
    assert NAME in {c["name"] for c in data["candidates"]}
    con = duckdb.connect(str(store), read_only=True)
    assert con.execute("SELECT max(version) FROM evidence.schema_version").fetchone()[0] == (
        SCHEMA_VERSION
    )
    con.close()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Félix Tshisekedi", "Felix_Tshisekedi"), ("M23", "M23"), ("9 Brigade", "A_9_Brigade")],
)
def test_suggested_ids_are_valid_identifiers(name: str, expected: str) -> None:
    assert suggested_id(name) == expected


def _candidates(scenario, text: str, spans: list[tuple[int, str]], label: str) -> list[dict]:
    """The briefing's candidates for one page of ``text`` whose names at ``spans`` the
    model tagged ``label``."""
    mentions = tuple(CandidateMention(s, s + len(n), n, label) for s, n in spans)
    return briefing_candidates(
        scenario, [("k", Extraction(candidates=mentions))], {"k": text}, {"k": {"id": "s1"}}
    )


def test_a_name_only_ever_read_as_a_place_is_flagged_as_a_venue() -> None:
    text = "Envoys met in Addis Ababa on Monday. Angola offered to host; talks at Addis Ababa."
    spans = [(text.find("Addis"), "Addis Ababa"), (text.rfind("Addis"), "Addis Ababa")]
    spans.append((text.find("Angola"), "Angola"))
    found = _candidates(load_scenario(SCENARIO), text, spans, "GPE")
    notes = {c["name"]: c["note"] for c in found}
    assert notes["Addis Ababa"].startswith("every mention reads as a place")
    assert notes["Angola"] == ""  # the subject of 'offered': a party, not a venue


def test_a_name_from_an_issue_is_flagged_as_a_place_or_topic() -> None:
    """The Ethiopia briefing offered 'Tigray' (tagged a person) and 'Tigrayan' as new
    actors: words of the case's issues ('Western Tigray'), not parties."""
    scenario = load_scenario(SCENARIO)
    issue = scenario.issues[0]
    word = next(w for w in re.findall(r"[A-Z][\w'-]{4,}", " ".join(issue.scale.values())))
    text = f"Fighting near {word} went on. The {word}an Council spoke. Angola offered."
    spans = [
        (text.find(word), word),
        (text.find(f"{word}an Council"), f"{word}an Council"),
        (text.find("Angola"), "Angola"),
    ]
    found = {c["name"]: c["note"] for c in _candidates(scenario, text, spans, "PERSON")}
    assert found[word] == found[f"{word}an Council"] != ""
    assert repr(issue.id) in found[word] and "place or topic" in found[word]
    assert found["Angola"] == ""


def test_the_ingest_summary_counts_only_this_extractor_s_records(tmp_path) -> None:
    """After an upgrade the older extractor's records stay in the store beside the new
    ones: the summary must not add them up (it showed every count doubled)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "doha.txt").write_text(DOHA, encoding="utf-8")
    store = tmp_path / "s.duckdb"
    ingest = ["ingest", str(docs), "--store", str(store), "--scenario", SCENARIO, "--json"]
    first = json.loads(CliRunner().invoke(app, [*ingest, "--published", "2025-09-28"]).stdout)
    assert first["counts"]["mentions"] > 0
    con = duckdb.connect(str(store))  # what an older extractor left behind
    for table in ("extractions", *RECORD_TABLES):
        con.execute(f"UPDATE evidence.{table} SET extractor_version = 'evidence-0.0.1'")
    con.close()
    again = json.loads(CliRunner().invoke(app, [*ingest, "--published", "2025-09-28"]).stdout)
    assert again["counts"] == first["counts"]  # re-extracted once, counted once
    with EvidenceStore(store) as evidence:  # the older records are still there
        assert evidence.counts()["mentions"] == 2 * first["counts"]["mentions"]


def test_an_acronym_of_an_actor_s_name_is_offered_as_its_alias() -> None:
    """'the AUC' is not a new actor when 'African Union Commission' is one's alias: the
    briefing offers --accept-alias to that actor (seen on an India-Pakistan case, where
    'US' was offered as a new actor beside 'United States')."""
    scenario = _with_alias("AU", "African Union Commission")
    text = "The AUC said on Monday that talks would resume. The UN welcomed it."
    spans = [(text.find("AUC"), "AUC"), (text.find("UN "), "UN")]
    found = _candidates(scenario, text, spans, "ORG")
    alias_of = {c["name"]: c["alias_of"] for c in found}
    assert alias_of == {"AUC": "AU", "UN": None}  # no actor is named 'U... N...'


def _with_alias(actor_id: str, alias: str, name: str | None = None, scenario=None):
    """The built-in DRC scenario (or ``scenario``) with one actor's alias added, or with
    its name changed and that alias its only one."""
    scenario = scenario or load_scenario(SCENARIO)
    changed = tuple(
        a.model_copy(
            update={"aliases": (alias,), "name": name} if name else {"aliases": (*a.aliases, alias)}
        )
        if a.id == actor_id
        else a
        for a in scenario.actors
    )
    return scenario.model_copy(update={"actors": changed})


def test_a_person_named_by_a_word_of_an_actor_s_alias_is_offered_as_its_alias() -> None:
    """'spoke to Hun and Anutin' where 'Hun Manet' is Cambodia's alias (seen on a
    Thailand-Cambodia case): 'Hun' is offered as that actor's alias; a word two actors'
    aliases share is no one's."""
    scenario = _with_alias("RWA", "Paul Kagame")
    scenario = _with_alias("DRC", "Paul Tshibala", scenario=scenario)
    scenario = _with_alias("QAT", "Mohammed Al Thani", scenario=scenario)
    text = "Envoys spoke to Paul, Mohammed and Doe on Monday."
    spans = [(text.find(w), w) for w in ("Paul", "Mohammed", "Doe")]
    found = _candidates(scenario, text, spans, "PERSON")
    assert {c["name"]: (c["alias_of"], c["alias_why"]) for c in found} == {
        "Paul": (None, None),  # both actors' aliases have it
        "Mohammed": ("QAT", "a word of an alias of actor QAT"),
        "Doe": (None, None),  # no alias has it
    }


def test_an_actor_s_id_in_capitals_is_offered_as_its_alias() -> None:
    """'US' beside an actor whose id is US and whose name ('United States (Boulos)') gives
    other initials: an alias of US, not a new actor 'US' (seen on a Sudan case)."""
    scenario = _with_alias("US", "Boulos", name="United States (Boulos)")
    found = _candidates(
        scenario, "The US said on Monday that talks would resume.", [(4, "US")], "GPE"
    )
    assert [(c["name"], c["alias_of"]) for c in found] == [("US", "US")]


def test_a_name_said_with_an_honorific_joins_the_full_name() -> None:
    text = "Envoy Jane Doe arrived on Monday. Ms Doe met the delegations. Ms Doe left."
    spans = [(text.find("Jane Doe"), "Jane Doe")]
    spans += [(i, "Ms Doe") for i in (text.find("Ms Doe"), text.rfind("Ms Doe"))]
    found = _candidates(load_scenario(SCENARIO), text, spans, "PERSON")
    assert [(c["name"], c["count"]) for c in found] == [("Jane Doe", 3)]


def test_the_given_names_before_an_actor_s_alias_are_no_new_actor() -> None:
    """'Burhan' stands for a state here (not a person's alias): the model's 'Abdel Fattah
    al-' before it is the same man, not a candidate."""
    scenario = _with_alias("RWA", "Burhan")
    text = normalise_text(
        "The army chief Abdel Fattah al-Burhan said on Monday that the truce was not acceptable.\n"
    )
    document = PreparedDocument("t", text, dt.date(2025, 11, 25), ())
    [(_, extraction)] = list(
        extract_documents(
            [document],
            ActorLexicon.from_scenario(scenario),
            IssueVocabulary.from_scenario(scenario),
        )
    )
    assert "Burhan" in {m.surface for m in extraction.mentions}
    assert extraction.candidates == ()


def test_a_news_agency_is_no_actor_candidate() -> None:
    """'the AP reported', 'told Reuters': who reports, not who negotiates; the envoy named
    beside them still is one."""
    text = normalise_text(
        "Envoy Jane Doe told Reuters on Monday that talks would resume. The AP reported that "
        "the Associated Press had seen the draft.\n"
        "The army rejected it, the Associated Press (AP) reported on Monday.\n"
    )
    document = PreparedDocument("t", text, dt.date(2025, 11, 25), ())
    scenario = load_scenario(SCENARIO)
    [(_, extraction)] = list(
        extract_documents(
            [document],
            ActorLexicon.from_scenario(scenario),
            IssueVocabulary.from_scenario(scenario),
        )
    )
    assert {c.surface for c in extraction.candidates} == {"Jane Doe"}


def test_a_qualified_name_s_demonym_and_the_person_it_names_are_its_aliases() -> None:
    """'Rwanda (President Kagame)' with no aliases: 'Rwandan' is no new actor, and
    'Paul Kagame', whom the name's qualifier names, is offered as its alias (seen on a
    Thailand-Cambodia case: 'Thai' and 'Hun Manet' were offered as new actors)."""
    scenario = load_scenario(SCENARIO)
    changed = tuple(
        a.model_copy(update={"aliases": (), "name": "Rwanda (President Kagame)"})
        if a.id == "RWA"
        else a
        for a in scenario.actors
    )
    scenario = scenario.model_copy(update={"actors": changed})
    text = "Rwandan troops stayed. Paul Kagame said on Monday that talks would resume."
    spans = [(text.find("Rwandan"), "Rwandan")]
    people = [(text.find("Paul Kagame"), "Paul Kagame")]
    found = _candidates(scenario, text, spans, "NORP") + _candidates(
        scenario, text, people, "PERSON"
    )
    assert [(c["name"], c["alias_of"], c["alias_why"]) for c in found] == [
        ("Paul Kagame", "RWA", "named in actor RWA's name")
    ]


@pytest.mark.parametrize(
    ("surface", "kept"),
    [
        ("Twitter", False),  # where someone posts
        ("Chairperson", False),  # a title alone
        ("Government of", False),  # a span cut after a function word
        ("AFRICA/ETHIOPIA - Resumption", False),  # a headline fragment
        ("Government of Eritrea", True),
        ("Moussa Faki", True),
        ("\u201c", False),  # an opening quotation mark (a Thailand-Cambodia page)
        ("--", False),
    ],
)
def test_what_is_no_name_is_no_candidate(surface: str, kept: bool) -> None:
    """Noise the Ethiopia briefing offered as new actors (the model tags them PERSON or
    ORG): the same test on any text, with the entity set by hand."""
    import spacy
    from spacy.tokens import Span

    from detente.evidence.candidates import candidate_mentions

    doc = spacy.blank("en")(f"Then {surface} said nothing .")
    words = len(spacy.blank("en")(surface))
    doc.ents = [Span(doc, 1, 1 + words, label="ORG")]
    found = candidate_mentions(doc, 0, [])
    assert [c.surface for c in found] == ([surface] if kept else [])


@pytest.mark.parametrize(
    ("text", "entity", "alias", "kept"),
    [
        # a one-word portfolio before its holder's title, as the model tags it
        ("Then Defence Minister Nattapol said nothing .", "Defence", None, False),
        ("Then Interior Secretary Doe said nothing .", "Interior", None, False),
        ("Then Defence Ministry officials said nothing .", "Defence Ministry", None, True),
        # a name the model cut before an actor's alias ('Royal' of 'Royal Thai Police')
        ("Then the Royal Thai Police said nothing .", "Royal", "Thai", False),
        ("Then the Royal Navy said nothing .", "Royal Navy", "Thai", True),
    ],
)
def test_a_fragment_of_a_longer_name_is_no_candidate(
    text: str, entity: str, alias: str | None, kept: bool
) -> None:
    """Fragments a Thailand-Cambodia briefing offered as new actors ('Defence', 'Royal')."""
    import spacy
    from spacy.tokens import Span

    from detente.evidence.candidates import candidate_mentions
    from detente.evidence.records import Mention

    doc = spacy.blank("en")(text)
    first = next(t.i for t in doc if t.idx == text.find(entity))
    doc.ents = [Span(doc, first, first + len(entity.split()), label="ORG")]
    mentions = []
    if alias is not None and alias in text:
        at = text.find(alias)
        mentions = [Mention(at, at + len(alias), "THA", alias, "alias")]
    found = candidate_mentions(doc, 0, mentions)
    assert [c.surface for c in found] == ([entity] if kept else [])

"""General extraction rules found on the development pages, checked on short documents
written here (never the pages' text): a crawler header glued to the first sentence, a
subject that points back ('the country'), a nationality adjective on an institution,
title lines, far cues, relative dates, ambiguous triggers, and 'who ... but said'.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.evidence.actors import ActorLexicon
from detente.evidence.dates import resolve_date
from detente.evidence.dating import header_end
from detente.evidence.extract import PreparedDocument, extract_documents
from detente.evidence.issue_terms import IssueVocabulary
from detente.evidence.mentions import demonyms
from detente.scenario import load_scenario
from detente.scenario.text import normalise_text

NEWS_SCENARIOS = Path(__file__).resolve().parent / "data" / "news_scenarios"


def scenario(name: str):
    return load_scenario(NEWS_SCENARIOS / f"{name}.yaml")


def extract(text: str, name: str, published: str = "2025-11-12"):
    loaded = scenario(name)
    document = PreparedDocument("t", normalise_text(text), dt.date.fromisoformat(published), ())
    [(_, extraction)] = list(
        extract_documents(
            [document], ActorLexicon.from_scenario(loaded), IssueVocabulary.from_scenario(loaded)
        )
    )
    return document.text, extraction


def stances(extraction) -> set[tuple[str, str, str]]:
    return {(s.actor, s.issue, s.polarity) for s in extraction.stances}


def events(text: str, extraction) -> set[tuple[str, str, str]]:
    return {
        (e.kind, e.date.isoformat(), text[e.date_start : e.date_end])
        for e in extraction.events
        if "hypothetical" not in e.context
    }


def test_an_inline_crawler_header_is_not_parsed_with_the_first_sentence() -> None:
    text = " date 2025-11-12 Kyiv sent its negotiators to Geneva on Sunday."
    assert text[header_end(text) :].startswith("Kyiv")
    assert header_end("Kyiv sent its negotiators.") == 0
    text, x = extract(
        " date 2025-10-17 AP, GENEVA: Zelensky said on Friday that he would keep talking. "
        "“We are ready to meet anyone, anywhere, at any time,” he said.",
        "ukraine",
        "2025-10-17",
    )
    [quote] = x.quotes
    assert "Zelensky" in quote.speaker and quote.speaker_actor == "UKR"


def test_the_country_points_back_to_the_actor_named_before() -> None:
    _, x = extract(
        "Pakistan's foreign office said on Monday that the country remained committed to "
        "the ceasefire along the border.",
        "india_pakistan",
    )
    assert ("PAK", "ceasefire", "support") in stances(x)
    # 'the two sides' names no single actor: no stance is made up for the speaker
    _, x = extract("Rubio said the two sides were committed to the ceasefire.", "india_pakistan")
    assert ("USA", "ceasefire", "support") not in stances(x)


def test_a_nationality_adjective_on_an_institution_names_its_state() -> None:
    table = demonyms(ActorLexicon.from_scenario(scenario("caucasus")))
    assert table["Azerbaijani"] == "AZE" and table["Armenian"] == "ARM"
    _, x = extract(
        "The Azerbaijani Foreign Ministry repeated that Armenia must amend its constitution "
        "before any signing.",
        "caucasus",
    )
    assert ("AZE", "constitution_change", "demand") in stances(x)
    # a name is not an institution: the church is no government
    _, x = extract(
        "The Armenian Apostolic Church continues to reject any constitution change.", "caucasus"
    )
    assert ("ARM", "constitution_change", "oppose") not in stances(x)


def test_a_title_line_states_no_stance_its_body_sentence_does() -> None:
    text, x = extract(
        "Pakistan agrees to ceasefire with India\n\nPakistan agreed to a ceasefire on Saturday.",
        "india_pakistan",
        "2025-05-12",
    )
    holders = [(s.actor, text[s.start : s.end]) for s in x.stances]
    assert holders and all(sentence.endswith(".") for _, sentence in holders)


def test_a_keyword_in_the_cue_object_counts_however_long_the_phrase() -> None:
    _, x = extract(
        "Rwanda has demanded an end to another armed group, the Democratic Forces for the "
        "Liberation of Rwanda (FDLR), which fled across the border decades ago.",
        "drc",
        "2025-06-28",
    )
    assert ("RWA", "fdlr_neutralisation", "demand") in stances(x)


def test_proposes_states_support_but_the_adjective_proposed_does_not() -> None:
    _, x = extract(
        "The Europeans sent back their own text. It proposes that Ukraine receive a security "
        "guarantee like NATO's Article 5.",
        "ukraine",
    )
    assert ("EUR", "security_guarantees", "support") in stances(x)
    _, x = extract("The Europeans pushed back on the proposed force caps.", "ukraine")
    assert ("EUR", "force_caps", "support") not in stances(x)


def test_issue_words_take_english_endings_not_any_letters() -> None:
    vocabulary = IssueVocabulary.from_scenario(scenario("india_pakistan"))
    assert vocabulary.any_term.search("they want direct talks")
    assert not vocabulary.any_term.search("the Director General of Military Operations")


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("earlier this afternoon", "2025-05-10", ("2025-05-10", "day")),
        ("last night", "2025-05-10", ("2025-05-09", "day")),
        ("earlier this month", "2025-05-10", ("2025-05-01", "month")),
        ("last month", "2025-01-10", ("2024-12-01", "month")),
        ("next month", "2025-12-10", ("2026-01-01", "month")),
        ("the end of October", "2025-12-03", ("2025-10-01", "month")),
    ],
)
def test_relative_dates_resolve_against_the_publication_day(
    expression: str, published: str, expected: tuple[str, str]
) -> None:
    resolved = resolve_date(expression, dt.date.fromisoformat(published))
    assert resolved is not None
    assert (resolved.value.isoformat(), resolved.granularity) == expected


def test_call_forms_and_announced_agreements_get_their_kinds() -> None:
    text, x = extract(
        "Pakistan's army chief called his Indian counterpart earlier this afternoon. "
        "A ceasefire was announced today. On Friday the Quad called on both armies to stop.",
        "india_pakistan",
        "2025-05-10",
    )
    found = events(text, x)
    assert ("CONSULT", "2025-05-10", "earlier this afternoon") in found
    assert ("AGREE", "2025-05-10", "today") in found
    assert ("REQUEST", "2025-05-09", "Friday") in found


def test_since_starts_a_period_unless_a_when_clause_dates_an_event() -> None:
    text, x = extract(
        "Fighting has displaced thousands since July. Relations thawed since February 12, "
        "when Trump first spoke with Putin by phone.",
        "ukraine",
        "2025-11-12",
    )
    found = events(text, x)
    assert not any(span == "July" for _, _, span in found)
    assert ("CONSULT", "2025-02-12", "February 12") in found


def test_a_trigger_close_in_the_parse_counts_across_a_long_aside() -> None:
    text, x = extract(
        "However, on September 12, the Quad (Saudi Arabia, Egypt, the United Arab Emirates "
        "and the United States of America) issued a statement calling for a truce.",
        "sudan",
    )
    assert ("REQUEST", "2025-09-12", "September 12") in events(text, x)


def test_must_makes_no_claim_of_fact() -> None:
    text, x = extract(
        "Pashinyan first raised the idea in April 2024, saying that Armenians must accept "
        "a new constitution.",
        "caucasus",
    )
    assert not any(kind == "AGREE" for kind, _, _ in events(text, x))


def test_who_then_but_said_keeps_the_relative_clause_speaker() -> None:
    _, x = extract(
        "The ministers signed the text in the presence of US Secretary of State Marco Rubio, "
        "who admitted there was `a long road still ahead` but said the accord will let "
        "families `plan their lives again in peace.`",
        "drc",
        "2025-06-28",
    )
    assert len(x.quotes) == 2
    assert all("Rubio" in q.speaker for q in x.quotes)


def test_month_days_the_model_misses_are_dated_but_names_are_not() -> None:
    text, x = extract(
        "India struck back during the night of May 7–8, the army said. Baku took the region "
        "in a military campaign in 2023. Delegates of the March 23 Movement met in Doha.",
        "india_pakistan",
        "2025-05-10",
    )
    found = events(text, x)
    assert ("ASSAULT", "2025-05-07", "May 7–8") in found
    assert ("ASSAULT", "2023-01-01", "2023") in found
    assert not any("March 23" in span for _, _, span in found)


def test_called_on_is_a_demand_and_a_statement_morning_is_no_event() -> None:
    _, x = extract(
        "The United States called on the army to accept the humanitarian truce at once.",
        "sudan",
    )
    assert ("QUAD", "humanitarian_truce", "demand") in stances(x)
    text, x = extract("The army spokesman said on Tuesday morning that talks would go on.", "sudan")
    assert not any(span.startswith("Tuesday") for _, _, span in events(text, x))


def test_a_date_inside_a_noun_phrase_takes_the_nearest_year() -> None:
    text, x = extract(
        "The talks came days before the expected October 26 signing of the accord.",
        "thai_cambodia",
        "2025-10-24",
    )
    assert ("AGREE", "2025-10-26", "October 26") in events(text, x)


def test_signing_supports_and_the_leaders_of_several_states_each_hold_it() -> None:
    _, x = extract(
        "Trump and the leaders of Egypt, Turkey and Qatar signed a text backing the ceasefire "
        "in Cairo.",
        "gaza",
        "2025-10-13",
    )
    holders = {
        a for a, issue, polarity in stances(x) if (issue, polarity) == ("ceasefire", "support")
    }
    assert holders == {"USA", "EGY", "TUR", "QAT"}
    # the signing announced by a mediator is not the mediator's stance
    _, x = extract("Qatar announced the signing of the ceasefire text on Monday.", "gaza")
    assert ("QAT", "ceasefire", "support") not in stances(x)


def test_the_group_is_the_actor_named_just_before_it() -> None:
    _, x = extract(
        "Washington said it would move against Hamas if the group rejects the ceasefire.",
        "gaza",
    )
    assert ("HAM", "ceasefire", "oppose") in stances(x)
    assert ("USA", "ceasefire", "oppose") not in stances(x)


def test_called_on_the_parties_to_agree_is_a_demand() -> None:
    _, x = extract(
        "The United States on Wednesday called on the parties to the war to quickly agree to "
        "and carry out the humanitarian truce.",
        "sudan",
    )
    assert ("QUAD", "humanitarian_truce", "demand") in stances(x)


def test_fighting_that_erupts_and_control_taken_are_assaults() -> None:
    text, x = extract(
        "Clashes erupted along the border on July 24. On 26 October the RSF took control of "
        "the town.",
        "sudan",
    )
    found = events(text, x)
    assert ("ASSAULT", "2025-07-24", "July 24") in found
    assert ("ASSAULT", "2025-10-26", "26 October") in found


def test_a_wire_dateline_is_not_parsed_with_the_first_sentence() -> None:
    from detente.evidence.dating import lead_end

    for text, first in [
        (" date 2025-10-26 KUALA LUMPUR, Oct 26 — Both leaders met.", "Both"),
        (" date 2025-11-24 BRUSSELS: Europeans have replied.", "Europeans"),
        (" date 2025-10-16 KINSHASA, DRC | Xinhua | The talks ended.", "The"),
        (" date 2025-11-04 NATO chief: we stand ready.", "NATO"),
        (" date 2025-11-04 US President Trump said so.", "US"),
    ]:
        assert text[lead_end(text) :].startswith(first)


def test_the_date_of_a_dateline_is_when_the_story_was_filed_not_an_event() -> None:
    """'CAIRO – 13 April 2025: A delegation ... arrived on Saturday' (set heldout17): the
    talks are dated Saturday; the dateline's day dates nothing that happened."""
    text, x = extract(
        " date 2025-04-13\nCAIRO – 13 April 2025: Hamas leaders arrived in Cairo on Saturday "
        "for talks.\nIn a statement, Hamas affirmed its commitment to a permanent ceasefire.\n",
        "gaza",
        "2025-04-13",
    )
    assert events(text, x) == {("CONSULT", "2025-04-12", "Saturday")}
    # the same date inside a sentence is the talks' own
    text, x = extract("Hamas met Egyptian mediators on 13 April 2025.", "gaza", "2025-04-13")
    assert events(text, x) == {("CONSULT", "2025-04-13", "13 April 2025")}


def test_the_verb_a_dated_phrase_hangs_on_beats_a_noun_inside_an_aside() -> None:
    text, x = extract(
        "On October 26, during the regional summit, both sides signed a joint declaration. "
        "The fighting that reignited on December 7 has displaced thousands.",
        "thai_cambodia",
        "2025-12-27",
    )
    found = events(text, x)
    assert ("AGREE", "2025-10-26", "October 26") in found
    assert ("ASSAULT", "2025-12-07", "December 7") in found


@pytest.mark.parametrize(
    ("name", "sentence", "expected"),
    [
        # coordinated nationality adjectives: both states' leaders hold the stance
        (
            "thai_cambodia",
            "Thai and Cambodian leaders have agreed to a ceasefire.",
            {("THA", "ceasefire", "support"), ("KHM", "ceasefire", "support")},
        ),
        # 'reached an understanding / a deal' is a way to say agreed ...
        (
            "thai_cambodia",
            "Both Cambodia and Thailand reached a common understanding on a ceasefire.",
            {("THA", "ceasefire", "support"), ("KHM", "ceasefire", "support")},
        ),
        # ... reaching a place is not
        ("thai_cambodia", "Thai troops reached the hills hours before the ceasefire.", set()),
        # 'enter into a truce' agrees to it; entering a town does not
        (
            "sudan",
            "The RSF said it would enter into a humanitarian truce.",
            {("RSF", "humanitarian_truce", "support")},
        ),
        ("sudan", "RSF fighters entered the town despite the humanitarian truce.", set()),
    ],
)
def test_ways_of_agreeing_found_on_the_sixth_check_set(
    name: str, sentence: str, expected: set
) -> None:
    """Rules from the heldout6 pages (scored once, then studied), on sentences of our own."""
    _, x = extract(" date 2025-07-28 " + sentence, name, "2025-07-28")
    assert stances(x) == expected


def test_he_said_refers_to_a_subject_named_in_apposition() -> None:
    """'The head of the delegation, Rustem Umerov, wrote ...' names who 'he' is next,
    even when the model tags the name as an organisation (heldout6, then studied)."""
    text, x = extract(
        " date 2026-02-18 Vladimir Medinsky said the talks were difficult. The head of the "
        "Ukrainian delegation, Rustem Umerov, wrote on Telegram that progress had been made."
        "\n\nThe working groups “discussed security parameters and ways to implement "
        "possible solutions,” he said.",
        "ukraine",
        "2026-02-18",
    )
    [quote] = x.quotes
    assert text[quote.start : quote.end].startswith("discussed security parameters")
    assert quote.speaker == "Rustem Umerov"


def test_a_bare_month_a_future_verb_names_is_ahead() -> None:
    """Published 27 Feb 2026: 'will meet in March' is March 2026 (it was read as 2025:
    a bare month was always the latest past one); with a past verb it stays 2025."""
    text, x = extract(
        " date 2026-02-27 Ukraine and the US will meet again in March. "
        "Ukraine and the US met in March.",
        "ukraine",
        "2026-02-27",
    )
    dated = {(kind, day) for kind, day, _ in events(text, x)}
    assert {("CONSULT", "2026-03-01"), ("CONSULT", "2025-03-01")} <= dated


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("last September", "2025-11-04", ("2025-09-01", "month")),
        ("last September", "2025-09-20", ("2024-09-01", "month")),  # not this month
        ("last May", "2026-01-03", ("2025-05-01", "month")),
        ("earlier in the day", "2025-05-10", ("2025-05-10", "day")),
    ],
)
def test_last_month_named_and_earlier_in_the_day(phrase: str, published: str, expected) -> None:
    """Date forms of the seventh check set (scored once, then studied)."""
    resolved = resolve_date(phrase, dt.date.fromisoformat(published))
    assert (resolved.value.isoformat(), resolved.granularity) == expected


@pytest.mark.parametrize(
    ("name", "sentence", "expected"),
    [
        (  # a call earlier in the day is the publication day's event
            "india_pakistan",
            "The army chief said that Pakistan's commander contacted his Indian counterpart "
            "earlier in the day.",
            {("CONSULT", "2025-05-10", "earlier in the day")},
        ),
        (  # 'clashes' is fighting, like 'clashed'
            "thai_cambodia",
            "Clashes with rifles broke out along the border on May 3.",
            {("ASSAULT", "2025-05-03", "May 3")},
        ),
        (  # 'advocated for' asks for something
            "sudan",
            "On April 2, the Quad advocated for a pause in the fighting.",
            {("REQUEST", "2025-04-02", "April 2")},
        ),
        (  # two coordinated days are one event, dated by the first, as a range is
            "ukraine",
            "Negotiations will take place today and tomorrow in Riyadh.",
            {("CONSULT", "2025-05-10", "today")},
        ),
        (  # the date of a broadcast is not the date of what it talks about
            "ukraine",
            "In an interview aired on May 4, the envoy said a summit could follow soon.",
            set(),
        ),
        (  # 'signs that' is no signing
            "ukraine",
            "There are signs that Moscow may resume the offensive, the minister said on the "
            "radio earlier in the day.",
            set(),
        ),
    ],
)
def test_event_forms_of_the_seventh_check_set(name: str, sentence: str, expected: set) -> None:
    text, x = extract(" date 2025-05-10 " + sentence, name, "2025-05-10")
    assert events(text, x) == expected


@pytest.mark.parametrize(
    ("name", "sentence", "expected"),
    [
        (  # 'N years ago' is a year; the date dates the attack the preposition governs
            "gaza",
            "A truce took effect on March 3 following an attack on Israel two years ago.",
            {("AGREE", "2025-03-03", "March 3"), ("ASSAULT", "2023-01-01", "two years ago")},
        ),
        (  # 'announced that he would meet': a plan reported, not a hypothetical
            "gaza",
            "Netanyahu announced on Friday that he would meet Trump later this month.",
            {("CONSULT", "2025-05-01", "this month")},
        ),
        (  # 'adding that he would hold talks': 'adding' reports speech too
            "gaza",
            "Netanyahu spoke in Jerusalem, adding that he would hold talks with Trump at the "
            "end of June.",
            {("CONSULT", "2025-06-01", "the end of June")},
        ),
        (  # but a 'would' that an 'if' conditions stays hypothetical
            "gaza",
            "Netanyahu said that he would meet Trump in June if Hamas disarmed.",
            set(),
        ),
        (  # a bracketed month-day says which Friday (the last one was May 9)
            "ukraine",
            "The meetings will take place on Friday (May 16) in Abu Dhabi.",
            {("CONSULT", "2025-05-16", "Friday")},
        ),
        (  # a weekday, a comma and its month-day are one date
            "ukraine",
            "In a meeting on Sunday, May 4, 2025, Zelensky met Trump.",
            {("CONSULT", "2025-05-04", "Sunday")},
        ),
        (  # a month-day dating a noun behind a future clause: the nearest year, here past
            "thai_cambodia",
            "In the spirit of the Joint Declaration on April 26, the prisoners will be "
            "returned home.",
            {("AGREE", "2025-04-26", "April 26")},
        ),
        (  # behind a past clause it stays past, even when the future reading is nearer
            "ukraine",
            "Trump criticized Zelensky during his visit on September 28.",
            {("CONSULT", "2024-09-28", "September 28")},
        ),
        (  # the start of talks, however long the subject that names them
            "ukraine",
            "The second day of a renewed round of three-party negotiations involving Russia, "
            "Ukraine and the United States aimed at ending the long and costly conflict "
            "between Moscow and Kyiv got underway on Thursday. The truce began on Sunday.",
            {("CONSULT", "2025-05-08", "Thursday"), ("AGREE", "2025-05-04", "Sunday")},
        ),
        (  # launching a round of talks is no assault; launching drones is
            "ukraine",
            "The delegations launched a second phase of dialogue on Wednesday. Russia "
            "launched drones at Kyiv on Tuesday.",
            {("CONSULT", "2025-05-07", "Wednesday"), ("ASSAULT", "2025-05-06", "Tuesday")},
        ),
    ],
)
def test_event_forms_of_the_eighth_check_set(name: str, sentence: str, expected: set) -> None:
    text, x = extract(" date 2025-05-10 " + sentence, name, "2025-05-10")
    assert events(text, x) == expected


@pytest.mark.parametrize(
    ("name", "sentence", "expected"),
    [
        (  # a deal sealed or struck is an agreement; a city struck is still a strike
            "ukraine",
            "The truce plan sealed in April has held so far. The commanders struck a deal on "
            "Tuesday. Drones struck Odesa on Monday.",
            {
                ("AGREE", "2025-04-01", "April"),
                ("AGREE", "2025-05-06", "Tuesday"),
                ("ASSAULT", "2025-05-05", "Monday"),
            },
        ),
        (  # initialing a text during talks a host held that day: the initialing
            "caucasus",
            "The ministers initialed the draft treaty during talks hosted by the Turkish "
            "president in Ankara on March 3.",
            {("AGREE", "2025-03-03", "March 3")},
        ),
        (  # signed on the sidelines of a summit: the signing, not the summit
            "thai_cambodia",
            "The accord, signed on the sidelines of a regional summit in Jakarta on April 20, "
            "opened the border crossings.",
            {("AGREE", "2025-04-20", "April 20")},
        ),
        (  # said in a recording early Friday: the saying's day, whatever it reports
            "ukraine",
            "The aide said in an audio recording on Telegram early Friday that the land demanded "
            "by Moscow was still the sticking point.",
            set(),
        ),
        (  # 'today's army' is the present one; 'extended it to May 14' ends a term
            "india_pakistan",
            "The size of today's army was agreed with the generals. The commanders met on "
            "May 6 and extended the truce to May 14.",
            {("CONSULT", "2025-05-06", "May 6")},
        ),
        (  # 'Military Operations' in a title is no operation; a call with only whom it
            # phoned ('called Indian DGMO', parsed as a predicate) is a call
            "india_pakistan",
            "Talks between the Directors General of Military Operations were held on May 8. "
            "\"Pakistan's Director General of Military Operations called Indian DGMO at noon "
            'earlier this afternoon. It was agreed that firing would stop."',
            {
                ("CONSULT", "2025-05-08", "May 8"),
                ("CONSULT", "2025-05-10", "earlier this afternoon"),
            },
        ),
        (  # airstrikes are strikes; fighting that resumed 'since' a day began then
            "thai_cambodia",
            "The border dispute turned into an armed conflict on April 24, with both armies "
            "exchanging artillery fire and airstrikes. Hostilities along the border have "
            "resumed since early April.",
            {("ASSAULT", "2025-04-24", "April 24"), ("ASSAULT", "2025-04-01", "early April")},
        ),
        (  # an editor's bracket restates the day: one event
            "ukraine",
            "“Today [on 10 May] in Geneva we continue the negotiations with the American "
            "side,” the envoy wrote.",
            {("CONSULT", "2025-05-10", "Today")},
        ),
        (  # one discussion is a meeting as discussions are
            "india_pakistan",
            "A subsequent May 8 discussion between the army chiefs extended the truce.",
            {("CONSULT", "2025-05-08", "May 8")},
        ),
    ],
)
def test_event_forms_of_the_ninth_check_set(name: str, sentence: str, expected: set) -> None:
    text, x = extract(" date 2025-05-10 " + sentence, name, "2025-05-10")
    assert events(text, x) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("two years ago", ("2023-01-01", "year")),
        ("3 months ago", ("2025-02-01", "month")),
        ("two weeks ago", ("2025-04-26", "day")),
        ("a day ago", ("2025-05-09", "day")),
    ],
)
def test_ago_is_as_precise_as_its_unit(phrase: str, expected: tuple[str, str]) -> None:
    resolved = resolve_date(phrase, dt.date(2025, 5, 10))
    assert (resolved.value.isoformat(), resolved.granularity) == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (  # a name in apposition to a role speaks, whatever label the model gives it
            "ukraine",
            "Ukraine’s lead negotiator, Rustem Umerov, stated on Facebook that, “We are "
            "working in the same formats as yesterday, with working groups.”",
            ["Rustem Umerov"],
        ),
        (  # two roles of one person: the name in apposition to the second
            "gaza",
            "Hamas chief negotiator and its Gaza chief Khalil al-Hayya said on Saturday that "
            'the group will disarm "if the Israeli occupation ends for good."',
            ["Khalil al-Hayya"],
        ),
        (  # a statement released by a department: the department speaks
            "drc",
            '"The framework outlines key areas for economic cooperation," according to a '
            "statement released by the State Department after a meeting.",
            ["the State Department"],
        ),
        (  # a sentence's own 'according to' beats the quote just before it
            "drc",
            '"The framework outlines key areas for economic cooperation," Rubio said. "We will '
            "look at all the options on the table now,\" according to Kagame's office.",
            ["Rubio", "Kagame's office"],
        ),
        (  # a quote left open where the text ends: an excerpt cut short
            "india_pakistan",
            "The talks went well. Spokesperson Tammy Bruce reiterated the US position: "
            "“As President Trump has stated, everyone has the right to define its own",
            ["Tammy Bruce"],
        ),
    ],
)
def test_speakers_of_the_eighth_check_set(name: str, text: str, expected: list) -> None:
    assert_speakers(name, text, expected)


def assert_speakers(name: str, text: str, expected: list) -> None:
    """The quotes of ``text``, in order, are given to speakers named ``expected``."""
    _, x = extract(" date 2025-11-08 " + text, name, "2025-11-08")
    speakers = [q.speaker for q in x.quotes]
    assert len(speakers) == len(expected)
    assert all(e in s for e, s in zip(expected, speakers, strict=True)), speakers


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (  # 'described X as "..."': the one who described speaks
            "ukraine",
            "Vladimir Putin met the envoys on Friday. Kremlin aide Yuri Ushakov described the "
            "meeting as “useful, frank and very constructive in every respect.”",
            ["Ushakov"],
        ),
        (  # no speech verb: a text that is its verb's subject gives the words, not the
            # last person named in it
            "ukraine",
            "The Rome Declaration, signed by the prime minister alongside President Emmanuel "
            'Macron, commits both sides to "a system of binding and verifiable guarantees".',
            ["Rome Declaration"],
        ),
        (  # a surname the model reads as a nationality is the person 'he' points back to
            "caucasus",
            "President Ilham Aliyev repeated the demand on Monday. While denying it in "
            "public, Pashinian pledged to adopt a new constitution last year. He confirmed "
            "those plans on Thursday. “We are drafting a new constitution and we will most "
            "likely hold a referendum,” he told reporters.",
            ["Pashinian"],
        ),
    ],
)
def test_speakers_of_the_ninth_check_set(name: str, text: str, expected: list) -> None:
    assert_speakers(name, text, expected)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (  # the parse gives 'said' no subject (an auxiliary): the name right before it
            "thai_cambodia",
            "Reached by phone in Lagos, Nigeria's Vice President and Finance Minister Grace "
            'Okafor said, "The two armies will stop firing at midnight tonight."',
            ["Grace Okafor"],
        ),
        (  # 'said.-AFP' is one token, tagged a noun: still the speech verb
            "thai_cambodia",
            'The talks ended late. "We will begin withdrawing the heavy weapons next week '
            'from the line," Foreign Minister Anna Keller said.-AFP\n',
            ["Anna Keller"],
        ),
        (  # a name hung on the role's 'to' phrase is the role's holder ...
            "thai_cambodia",
            "After the vote, the Irish envoy to the OSCE Helen Byrne told reporters that "
            '"nobody in this room wants the fighting to start again."',
            ["Helen Byrne"],
        ),
        (  # ... but 'a spokesman for X' is the spokesman
            "thai_cambodia",
            '"We are not going to sign anything this week," a spokesman for Maria Wanjiru said.',
            ["spokesman"],
        ),
        (  # a capitalised title ('Minister', a proper noun to the model) with a name in
            # apposition: the name, not the entity that swallowed the words before it
            "thai_cambodia",
            "Omani Minister of State at the Foreign Ministry Salim Al-Harthi said the accord "
            '"opens a path towards an end of the fighting" this year.',
            ["Salim Al-Harthi"],
        ),
        (  # 'it' is not 'both governments': the statement named three sentences before
            "thai_cambodia",
            "According to a joint statement issued after the meeting, both sides reaffirmed "
            "their commitment to the truce. Both governments pledged to respect the border. "
            'They agreed on four points. "The two sides agreed to meet again within one week '
            'to review the ceasefire," it said.',
            ["statement"],
        ),
        (  # 'the statement reads' is a text's words, before another clause's 'said'
            "thai_cambodia",
            '"The senior officials will convene again at the border post on Friday," the '
            "statement reads, after the ministers said talks would resume.",
            ["statement"],
        ),
        (  # 'reminded ... "of"' reports words; the body speaking is in the 'of' phrase
            "thai_cambodia",
            "Members of the standing committee of Nordic defence ministers reminded both "
            'governments "of the pledges made in the spring and asked them to keep every one '
            'of them."',
            ["Nordic defence ministers"],
        ),
        (  # ‘...’ quotes, with an apostrophe inside a word and one after a plural
            "thai_cambodia",
            "Anna Keller spoke to reporters in Geneva on Tuesday.\n‘No agreement will hold "
            "without trust on both sides’ Keller stressed that no deal would come without "
            "concessions, and she said the rivals’ ‘plan does not work for us at all’.",
            ["Keller", "Keller"],
        ),
        (  # a paragraph opened with a mark, closed at the end of the next one only
            "thai_cambodia",
            '"Our team arrived in Vienna this morning and the work on the draft starts now.'
            '\n\nWe will report on the results once the session is over," Ivan Petrenko '
            "wrote on X.\n",
            ["Ivan Petrenko"],
        ),
    ],
)
def test_speakers_found_in_the_evidence_0_3_5_round(name: str, text: str, expected: list) -> None:
    assert_speakers(name, text, expected)


def test_a_quote_over_two_paragraphs_is_one_quote() -> None:
    text, x = extract(
        ' date 2025-11-08 "Our team arrived in Vienna this morning.\n\nWe will report on '
        'the results once the session is over," Ivan Petrenko wrote.',
        "thai_cambodia",
        "2025-11-08",
    )
    [quote] = x.quotes
    assert text[quote.start : quote.end].startswith("Our team")
    assert text[quote.start : quote.end].endswith("over,")


def test_two_actors_state_their_own_stances_on_one_issue_in_one_sentence() -> None:
    """'Hamas refused to disarm, while Israel insists on the disarmament of Hamas': each
    side its own stance ('refused' is a cue, 'give up its weapons' a disarmament phrase)."""
    _, x = extract(
        " date 2025-12-08 Hamas had refused to disarm before, while Israel insists on "
        "the disarmament of Hamas.",
        "gaza",
        "2025-12-08",
    )
    assert stances(x) == {
        ("HAM", "hamas_disarmament", "oppose"),
        ("ISR", "hamas_disarmament", "demand"),
    }
    _, x = extract(" date 2025-12-08 Hamas refused to give up its weapons.", "gaza")
    assert stances(x) == {("HAM", "hamas_disarmament", "oppose")}


def test_rejecting_a_claim_opposes_nothing_on_the_table() -> None:
    """'rejected this narrative, reaffirming that the ceasefire ...' denies a claim about
    the ceasefire; 'rejected the ceasefire' opposes it."""
    sentence = (
        " date 2025-06-18 India rejected this narrative, reaffirming that the ceasefire came "
        "from talks between the armies."
    )
    _, x = extract(sentence, "india_pakistan", "2025-06-18")
    assert not stances(x)
    _, x = extract(" date 2025-06-18 India rejected the ceasefire.", "india_pakistan")
    assert stances(x) == {("IND", "ceasefire", "oppose")}


def test_against_opposes_after_a_verb_only() -> None:
    """'is against X' states opposition, 'claims against X' does not. The check read the
    coarse part of speech, which the pipeline never sets (no attribute ruler), so
    'against' was never a cue; it reads the fine tag now."""
    _, x = extract(" date 2025-11-12 Hamas is against the disarmament of its fighters.", "gaza")
    assert ("HAM", "hamas_disarmament", "oppose") in stances(x)
    _, x = extract(
        " date 2025-11-12 The lawsuit against Hamas disarmament plans was filed.", "gaza"
    )
    assert not stances(x)


def _with_territory_aliases(aliases: str):
    from detente.scenario.loader import parse_scenario_text

    text = (NEWS_SCENARIOS / "ukraine.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "- {id: territory, name: Territory,", f"- {{id: territory, name: Territory, {aliases}"
    )
    return parse_scenario_text(text, "ukraine-with-aliases.yaml")


def test_an_issue_alias_makes_a_sentence_about_the_issue() -> None:
    """'Donbas' names the territory issue only where the scenario says so."""
    sentence = "Russia demands that Ukraine pull its troops out of Donbas."
    plain = IssueVocabulary.from_scenario(scenario("ukraine"))
    named = IssueVocabulary.from_scenario(_with_territory_aliases("aliases: [Donbas],"))
    assert not any(p.search(sentence) for p, _ in plain.patterns["territory"])
    assert any(p.search(sentence) for p, _ in named.patterns["territory"])


@pytest.mark.parametrize("issue_id", ["humanitarian_truce", "humanitarian-truce", "truce2"])
def test_an_issue_id_names_its_concept_whatever_joins_its_words(issue_id: str) -> None:
    from detente.evidence.issue_terms import concepts_named

    assert concepts_named(issue_id) == ("ceasefire",)
    assert concepts_named("trucks") == ()


def test_an_issue_alias_must_be_a_phrase() -> None:
    from detente.scenario.errors import ScenarioErrors

    with pytest.raises(ScenarioErrors) as caught:
        _with_territory_aliases("aliases: [D],")
    assert "ukraine-with-aliases.yaml:" in str(caught.value) and "3 to 100" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "sentence", "expected"),
    [
        (  # a truce issue ('humanitarian_truce') takes the ceasefire phrasings
            "sudan",
            "The RSF agreed to a cessation of hostilities.",
            {("RSF", "humanitarian_truce", "support")},
        ),
        (  # a disarmament issue takes 'demilitarization'
            "gaza",
            "Hamas rejected demilitarization.",
            {("HAM", "hamas_disarmament", "oppose")},
        ),
        (  # 'both sides': the two actors the last sentence naming several named
            "india_pakistan",
            "Pakistan's army chief called India at noon. Both sides agreed to halt all "
            "military activities.",
            {("PAK", "ceasefire", "support"), ("IND", "ceasefire", "support")},
        ),
        (
            "india_pakistan",
            "Pakistan called India. It was agreed between them to stop the firing.",
            {("PAK", "ceasefire", "support"), ("IND", "ceasefire", "support")},
        ),
        (  # three named: whose 'both sides' is unclear, so no stance
            "thai_cambodia",
            "Thailand, Cambodia and Malaysia met in Kuala Lumpur. Both sides agreed to a truce.",
            set(),
        ),
    ],
)
def test_concept_phrasings_and_both_sides(name: str, sentence: str, expected: set) -> None:
    """Found on the seventh check set (scored once, then studied), on sentences of our own."""
    _, x = extract(" date 2025-05-10 " + sentence, name, "2025-05-10")
    assert stances(x) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials said Pakistan was ready for a ceasefire.", {("PAK", "ceasefire", "support")}),
        ("India is not ready for a ceasefire yet.", {("IND", "ceasefire", "oppose")}),
        ("When it is ready, the ceasefire text goes to the cabinet.", set()),
        ("A US-backed ceasefire held overnight.", {("USA", "ceasefire", "support")}),
        ("The truce, brokered by Washington, held.", {("USA", "ceasefire", "support")}),
        ("The ceasefire mediated by the United States held.", {("USA", "ceasefire", "support")}),
    ],
)
def test_ready_for_and_a_deal_an_actor_brokered(sentence: str, expected: set) -> None:
    """Found on the ninth check set, on sentences of our own: 'ready for' a deal supports
    it ('when it is ready' says nothing), and whoever brokered, mediated or backed a deal
    supports it, named after 'by' or before the hyphen."""
    _, x = extract(" date 2025-05-16 " + sentence, "india_pakistan", "2025-05-16")
    assert stances(x) == expected


def speakers(extraction) -> list[str]:
    return [q.speaker for q in extraction.quotes]


@pytest.mark.parametrize(
    ("name", "sentence", "speaker"),
    [
        (  # a participle hung on the reported clause: the reporting subject speaks
            "ukraine",
            "Chancellor Merz described the loan agreed as a turning point, saying the "
            "scheme “was the only way to keep Kyiv funded next year”.",
            "Merz",
        ),
        (
            "ukraine",
            "Zelensky met the envoys in Berlin. He emphasized that the borders must be "
            "honoured, stating, “Our land is not for sale and never will be.”",
            "Zelensky",
        ),
        (  # a name in the reported clause keeps the participle
            "ukraine",
            "Peskov said Putin had turned the text down, saying “it does not address the "
            "root causes at all”.",
            "Putin",
        ),
        (  # verbs that report speech as 'said' does
            "ukraine",
            "The joint statement emphasized that Kyiv “stands ready to sign a full and "
            "unconditional truce”.",
            "The joint statement",
        ),
        (
            "ukraine",
            "Moscow this week restated its refusal of “any foreign troops on the ground in "
            "Ukraine”.",
            "Moscow",
        ),
        (  # a long name the model splits in two is said whole
            "gaza",
            "“Both parties have agreed to the first phase of the deal,” Qatar's Prime "
            "Minister Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani said.",
            "Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani",
        ),
        (  # an alias that is the first word of another person's name
            "thai_cambodia",
            "Senate President Hun Sen stated, “Cambodia will defend every metre of its "
            "border,” after the clashes.",
            "Hun Sen",
        ),
    ],
)
def test_speakers_found_on_the_tenth_and_eleventh_check_sets(
    name: str, sentence: str, speaker: str
) -> None:
    """Found on the tenth and eleventh check sets (studied on 2 Dec 2026), on sentences of
    our own."""
    _, x = extract(" date 2025-12-20 " + sentence, name, "2025-12-20")
    assert speakers(x) == [speaker]


def test_a_headline_in_quotation_marks_is_not_a_quote() -> None:
    text = (
        ' date 2026-01-26 WORLD\n\n"Zelensky: Guarantees Document Is Finally Ready"\n\n'
        'Zelensky said on Sunday that "the document on guarantees is one hundred percent '
        'ready".\n'
    )
    body, x = extract(text, "ukraine", "2026-01-26")
    assert [body[q.start : q.end] for q in x.quotes] == [
        "the document on guarantees is one hundred percent ready"
    ]


@pytest.mark.parametrize(
    ("published", "expression", "tense", "expected"),
    [
        ("2025-12-22", "over the weekend", "past", ("2025-12-15", "week")),  # a Monday
        ("2025-12-20", "over the weekend", "past", ("2025-12-15", "week")),  # its Saturday
        ("2025-12-17", "at the weekend", "future", ("2025-12-15", "week")),
        ("2025-12-17", "this weekend", None, ("2025-12-15", "week")),
    ],
)
def test_the_weekend_is_the_latest_or_the_coming_one(
    published: str, expression: str, tense: str | None, expected: tuple[str, str]
) -> None:
    resolved = resolve_date(expression, dt.date.fromisoformat(published), tense)
    assert (resolved.value.isoformat(), resolved.granularity) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # 'is to be signed': a plan, so the nearest August 18 ahead, not last year's
            "A final peace deal is to be signed no later than August 18.",
            {("AGREE", "2025-08-18", "August 18")},
        ),
        (
            "Goma was captured by the rebels in January.",
            {("ASSAULT", "2025-01-01", "January")},
        ),
        (
            "Congolese forces held fire on Monday.",
            set(),  # holding fire is no fighting
        ),
        (
            "The army retaliated on Monday.",
            {("ASSAULT", "2025-07-14", "Monday")},
        ),
    ],
)
def test_dates_and_triggers_found_on_the_eleventh_check_set(sentence: str, expected: set) -> None:
    """Found on the eleventh check set (studied on 2 Dec 2026), on sentences of our own."""
    text, x = extract(" date 2025-07-19 " + sentence, "drc", "2025-07-19")
    assert events(text, x) == expected


def test_a_noun_cue_names_its_own_holder() -> None:
    """'Guarantees are a key Ukrainian demand', 'the main Russian objection', 'a demand of
    Ukraine': the adjective or the 'of' phrase holds it, not the clause's subject."""
    for sentence, expected in (
        ("Security guarantees are a key Ukrainian demand.", ("UKR", "demand")),
        ("Security guarantees are a key demand of Ukraine.", ("UKR", "demand")),
        ("Binding security guarantees are the main Russian objection.", ("RUS", "oppose")),
    ):
        _, x = extract(" date 2025-12-08 " + sentence, "ukraine")
        actor, polarity = expected
        assert stances(x) == {(actor, "security_guarantees", polarity)}, sentence
    # a noun cue without a holder of its own still takes the clause's subject
    _, x = extract(" date 2025-12-08 Kyiv's key demand is security guarantees.", "ukraine")
    assert stances(x) == {("UKR", "security_guarantees", "demand")}


def test_land_given_to_someone_and_parts_of_a_region_are_territory() -> None:
    """'not to give eastern Ukrainian land to Russia', 'withdraw from all parts of
    Ukraine's Donbas' name the territorial question without its usual words."""
    _, x = extract(
        " date 2025-12-08 Zelensky vowed not to give eastern Ukrainian land to Russia.", "ukraine"
    )
    assert stances(x) == {("UKR", "territory", "oppose")}
    _, x = extract(
        " date 2025-12-08 Putin demanded that Ukrainian forces withdraw from all parts of "
        "Ukraine's Donbas.",
        "ukraine",
    )
    assert stances(x) == {("RUS", "territory", "demand")}
    _, x = extract(" date 2025-12-08 Zelensky gave a speech to Congress.", "ukraine")
    assert not stances(x)


def test_a_truce_reached_between_two_parties_is_supported_by_both() -> None:
    """'a ceasefire understanding reached between India and Pakistan': the participle
    reaches the noun it qualifies, and 'between X and Y' names who reached it."""
    _, x = extract(
        " date 2025-05-15 The visits come days after a ceasefire understanding reached "
        "between India and Pakistan on May 10.",
        "india_pakistan",
        "2025-05-15",
    )
    assert stances(x) == {("IND", "ceasefire", "support"), ("PAK", "ceasefire", "support")}
    _, x = extract(
        " date 2025-07-30 The ceasefire signed between Thailand and Cambodia held.",
        "thai_cambodia",
        "2025-07-30",
    )
    assert stances(x) == {("THA", "ceasefire", "support"), ("KHM", "ceasefire", "support")}
    # reaching a place is no agreement
    _, x = extract(
        " date 2025-05-15 Shelling reached the ceasefire line between India and Pakistan.",
        "india_pakistan",
        "2025-05-15",
    )
    assert not stances(x)


@pytest.mark.parametrize(
    ("name", "sentence", "speaker"),
    [
        (  # a person named by one word is the one longer name the text gave them
            "india_pakistan",
            "Prime Minister Shehbaz Sharif on Thursday offered talks to India, saying "
            "Pakistan wants peace.\nShehbaz spoke during a visit to an air base in Punjab, "
            "where he thanked the pilots.\n“We are ready to talk to our neighbour for "
            "peace,” he said.",
            "Shehbaz Sharif",
        ),
        (  # two people share the word: it stays as the text wrote it
            "thai_cambodia",
            "Hun Sen and Hun Manet flew home. Hun spoke to reporters. “The border will "
            "stay closed for now,” he said.",
            "Hun",
        ),
        (  # a body named with the state that owns it keeps the state
            "thai_cambodia",
            "Thailand's Foreign Ministry said it wanted “a sincere intention from the other side”.",
            "Thailand's Foreign Ministry",
        ),
        (  # a person's owner is not part of their name
            "ukraine",
            "Trump's envoy Witkoff said the talks had been “very productive for both sides”.",
            "Witkoff",
        ),
    ],
)
def test_speakers_found_on_the_twelfth_check_set(name: str, sentence: str, speaker: str) -> None:
    """Found on the twelfth check set (studied on 2 Dec 2026), on sentences of our own."""
    _, x = extract(" date 2025-12-20 " + sentence, name, "2025-12-20")
    assert speakers(x) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (  # aiming at bases is an attack; a day list dates it by its first day
            "Pakistan tried to retaliate by targeting Indian bases on May 8, 9, and 10.",
            "2025-05-15",
            {("ASSAULT", "2025-05-08", "May 8")},
        ),
        (  # an annexation, and an occupation dated by when it began
            "Russia annexed Crimea in 2014. The plant has been occupied by Moscow's forces "
            "since March 2022.",
            "2025-08-12",
            {("ASSAULT", "2014-01-01", "2014"), ("ASSAULT", "2022-03-01", "March 2022")},
        ),
        (  # as adjectives they name no act
            "Targeted sanctions hit the occupied regions' banks on Monday.",
            "2025-08-12",
            {("SANCTION", "2025-08-11", "Monday")},
        ),
        (  # fighting that intensified is fighting
            "Fighting between the two sides intensified in January.",
            "2025-08-21",
            {("ASSAULT", "2025-01-01", "January")},
        ),
        (  # what a warning comes ahead of lies ahead: next Friday, not last
            "Zelensky's warning comes ahead of the summit with Putin on Friday.",
            "2025-08-12",
            {("CONSULT", "2025-08-15", "Friday")},
        ),
        (  # a deadline in an infinitive lies ahead
            "Officials warned that troops are massing for an offensive, ready to attack by "
            "September.",
            "2025-08-12",
            {("ASSAULT", "2025-09-01", "September")},
        ),
        (  # '..., the agency reported on Monday' dates the report, not the rejection
            "Burhan has rejected a new truce proposal put forward by the mediators, calling it "
            "the worst yet, the Associated Press reported on Monday.",
            "2025-11-24",
            set(),
        ),
    ],
)
def test_events_found_on_the_twelfth_check_set(
    sentence: str, published: str, expected: set[tuple[str, str, str]]
) -> None:
    """Found on the twelfth check set (studied on 2 Dec 2026), on sentences of our own."""
    text, x = extract(f" date {published} " + sentence, "ukraine", published)
    assert events(text, x) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "reported"),
    [
        (  # the agreement is the news the statement tells: dated by it, on or before
            "Officials said on Saturday that India and Pakistan had agreed to a ceasefire "
            "along the Line of Control.",
            {("AGREE", "2025-05-10", "Saturday")},
            True,
        ),
        (  # a duration inside the object is no date of the act
            "Pakistan announced on Saturday that it accepted a 30-day truce.",
            {("AGREE", "2025-05-10", "Saturday")},
            True,
        ),
        (  # a plan reported is no act: 'would'
            "Officials said on Saturday that India would sign the accord.",
            set(),
            False,
        ),
        (  # nor an act denied
            "Officials said on Saturday that Pakistan had not agreed to the plan.",
            set(),
            False,
        ),
        (  # the act's own date wins over the statement's
            "Officials said on Saturday that India had agreed to the plan on Thursday.",
            {("AGREE", "2025-05-08", "Thursday")},
            False,
        ),
    ],
)
def test_an_agreement_a_dated_statement_reports(sentence: str, expected: set, reported) -> None:
    """Found using the tool on an India-Pakistan case of our own: 'announced on Saturday
    that they agreed on a ceasefire' gave no event, so the briefing could not tell
    'forecast --observed' that an agreement had come."""
    text, x = extract(" date 2025-05-10 " + sentence, "india_pakistan", "2025-05-10")
    assert events(text, x) == expected
    assert all(("reported" in e.context) == reported for e in x.events)


def test_both_sides_after_a_list_of_countries_is_no_pair() -> None:
    """'the US, Turkey and Saudi Arabia were in contact with Pakistan' names four
    countries, two of them actors: 'the two countries' in the next sentence are not the
    United States and Pakistan (found on an India-Pakistan case of our own)."""
    _, x = extract(
        " date 2025-05-10 Several countries, including the United States, Turkey and Iran, "
        "were in contact with Pakistan. Officials said the two countries agreed to observe "
        "a ceasefire.",
        "india_pakistan",
        "2025-05-10",
    )
    assert not {s.actor for s in x.stances} & {"USA"}
    _, y = extract(
        " date 2025-05-10 The United States was in contact with Pakistan in Geneva. Officials "
        "said the two countries agreed to observe a ceasefire.",
        "india_pakistan",
        "2025-05-10",
    )
    # a venue is no party: the pair stands
    assert {s.actor for s in y.stances if s.issue == "ceasefire"} == {"USA", "PAK"}


@pytest.mark.parametrize(
    ("published", "sentence", "expected"),
    [
        (  # published on a Thursday: the coming Sunday is nearer than the last
            "2025-01-16",
            "India and Pakistan agreed to a ceasefire starting on Sunday.",
            {("AGREE", "2025-01-19", "Sunday")},
        ),
        (  # published the day after: the Monday just past
            "2025-07-29",
            "India and Pakistan have agreed to implement a ceasefire starting on Monday.",
            {("AGREE", "2025-07-28", "Monday")},
        ),
        (  # a start said with 'will start' is the terms beginning, as 'began' was
            "2025-05-10",
            "The ceasefire will start on Sunday.",
            {("AGREE", "2025-05-11", "Sunday")},
        ),
    ],
)
def test_the_day_a_ceasefire_starts(published: str, sentence: str, expected: set) -> None:
    """'a ceasefire starting on Sunday' dated the Sunday before (a past verb's reading)
    when the report came days ahead of the start; and 'will start on Sunday' was no event."""
    text, x = extract(f" date {published} " + sentence, "india_pakistan", published)
    assert events(text, x) == expected


@pytest.mark.parametrize(
    ("sentence", "hypothetical"),
    [
        # a decision reported: the text says it was taken
        ("India and Pakistan agreed that both sides would observe the ceasefire.", False),
        # a possibility that governs the stance
        ("Pakistan could support the ceasefire if India stops its strikes.", True),
        # a modal of another clause does not make the stance a possibility
        ("Pakistan supports the ceasefire, which could be extended next week.", False),
    ],
)
def test_a_modal_makes_a_stance_hypothetical_only_where_it_governs_it(
    sentence: str, hypothetical: bool
) -> None:
    """Any 'would' in the sentence made every stance there hypothetical, so the day's most
    important statement on an India-Pakistan case of our own ('It was agreed between them
    that both sides would stop all firing') could never become a suggested edit."""
    _, x = extract(" date 2025-05-10 " + sentence, "india_pakistan", "2025-05-10")
    found = [s for s in x.stances if s.issue == "ceasefire"]
    assert found, sentence
    assert all(("hypothetical" in s.context) == hypothetical for s in found), [
        (s.actor, s.context) for s in found
    ]


def test_today_with_a_month_day_after_it_is_that_day() -> None:
    """'held today, October 23' in a page dated October 24 is one meeting on the 23rd,
    not a second one on the page's day (found on a Thailand-Cambodia case of our own)."""
    text, x = extract(
        " date 2025-10-24 Cambodia and Thailand made progress during the border committee "
        "meeting, held today, October 23, in Kuala Lumpur.",
        "thai_cambodia",
        "2025-10-24",
    )
    assert {(kind, day) for kind, day, _ in events(text, x)} == {("CONSULT", "2025-10-23")}


def test_a_surname_spelled_another_way_is_the_person_not_a_nationality() -> None:
    """'Pashinian pledged' (the scenario lists 'Nikol Pashinyan'; the model tags the
    '-ian' surname a nationality): Armenia's prime minister, a person; the adjective
    'Armenian' and the people 'Armenians' stay nobody's mention."""
    text, x = extract(
        "Pashinian pledged to enact a new constitution. Armenians voted in June, and the "
        "Armenian opposition objected.",
        "caucasus",
    )
    found = [(text[m.start : m.end], m.actor, m.is_person) for m in x.mentions]
    assert found == [("Pashinian", "ARM", True)]
    assert stances(x) == {("ARM", "constitution_change", "support")}


def test_a_proposal_introduced_on_a_date_is_a_request_then() -> None:
    """'rejected the truce proposal first introduced in mid-September' (set heldout17):
    the date is the proposal's, not the rejection's; introducing sanctions is no request."""
    text, x = extract(
        "The army rejected the humanitarian truce proposal first introduced in mid-September. "
        "The government introduced sanctions in March.",
        "sudan",
        "2025-11-04",
    )
    found = events(text, x)
    assert ("REQUEST", "2025-09-01", "mid-September") in found
    assert not any(kind == "REJECT" and when == "mid-September" for kind, _, when in found)
    assert not any(kind == "REQUEST" and when == "March" for kind, _, when in found)


def test_suspending_crossings_is_a_sanction_and_suspending_an_accord_a_rejection() -> None:
    """'Cambodia suspended all border crossings with Thailand this Saturday' (set
    heldout16): a restriction of movement (PLOVER's SANCTION), not a refusal; a wire
    dateline with its agency in brackets dates nothing."""
    text, x = extract(
        " date 2025-12-13\nPHNOM PENH, Dec 13 (Reuters) – Cambodia suspended all border "
        "crossings with Thailand this Saturday. Thailand suspended the peace accord on "
        "Monday.\n",
        "thai_cambodia",
        "2025-12-13",
    )
    assert events(text, x) == {
        ("SANCTION", "2025-12-13", "Saturday"),
        ("REJECT", "2025-12-08", "Monday"),
    }


def test_the_first_name_of_a_listed_person_is_no_actor_candidate() -> None:
    """'Foreign Minister Ararat Mirzoyan said' with 'Mirzoyan' an alias of Armenia: the
    model tags 'Ararat' a person of its own, and it is no new actor to offer; a person
    the scenario does not know still is."""
    _, x = extract(
        "Foreign Minister Ararat Mirzoyan said the constitution is not on the agenda. "
        "Justice Minister Srbuhi Galian said the text will be ready by March.",
        "caucasus",
    )
    offered = {c.surface for c in x.candidates}
    assert "Ararat" not in offered
    assert "Srbuhi Galian" in offered


def test_a_claim_s_clause_is_no_event_and_a_skirmish_or_an_eruption_is_fighting() -> None:
    """Set heldout18: 'Trump repeated his claim that the US facilitated the ceasefire
    agreement' reports an assertion, not an agreement; 'a brief skirmish late in May' and
    'a dispute erupted into conflict on Thursday' are fighting; 'lay claim to a region
    recaptured in 2023' is no claim's clause, and the recapture happened."""
    text, x = extract(
        "On Tuesday, Trump repeated his claim that the US facilitated the ceasefire agreement. "
        "A soldier was killed during a brief skirmish late in May. "
        "A long-running border dispute erupted into conflict on Thursday.",
        "india_pakistan",
        "2025-07-28",
    )
    found = events(text, x)
    assert not any(kind == "AGREE" for kind, _, _ in found)
    assert ("ASSAULT", "2025-05-01", "late in May") in found or (
        "ASSAULT",
        "2025-05-01",
        "May",
    ) in found
    assert ("ASSAULT", "2025-07-24", "Thursday") in found
    text, x = extract(
        "The constitution does not lay claim to Karabakh recaptured by Azerbaijan in 2023.",
        "caucasus",
    )
    assert ("ASSAULT", "2023-01-01", "2023") in events(text, x)


def test_a_report_of_an_attack_is_an_event_a_claim_of_a_deal_is_not() -> None:
    """A claim's clause asserts ('his claim that the US brokered the ceasefire'); a
    report's clause reports ('reports that Russian forces attacked Kharkiv on Monday'),
    and the attack stays an event, marked as reported."""
    text, x = extract(
        "Officials cited reports that Russian forces attacked Kharkiv on Monday. "
        "Trump repeated his claim that the US brokered the ceasefire on Tuesday.",
        "ukraine",
        "2025-04-13",
    )
    assert events(text, x) == {("ASSAULT", "2025-04-07", "Monday")}

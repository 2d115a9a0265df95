"""Hard cases the untouched sets heldout19 and heldout20 showed once scored, on short
documents written here (never the pages' text): a surname the model labels an organisation,
a verb of saying outside the old list, a role set off by commas after its 'of' phrase, an
agreement a council approves or a mediator brokers, fighting as a noun, a date in a main
clause with an accusation beside it, 'his country' as the speaker's state (set 19); 'this
past week', 'in August this year' and a month that names a deadline (set 20); a quote
inside a quote, a double mark typed '' and left open, a full name the model did not tag,
'expressed', 'by accusing', 'the following morning', 'finalized' and 'neither ... nor'
(set 21); 'he' after a group that takes a plural verb (set 20, seen again later); a
photo credit between a name and its 'he said', a dash between a quote's words, 'called off'
and 'confirmed', and an anonymous source said again (set 22); a state's alias used as a
titled person's name, an honorific before a surname, and a ceasefire 'reached' (set 23);
a meeting 'originally set for' a weekday (a DRC briefing); and two quotes glued mark to
mark, with 'cautioned' (the studied sets' remaining errors); a statement from a body, a
state's alias named in full before, an untagged name before a tagged one, 'Moscow' as no
'he', and aid halted (set 24); 'al-Burhan' and 'Burhan' after the full name, 'Pakistan Prime
Minister' no person, and 'the ministry' after a body the model tagged (set 25); assets
frozen and 'a day earlier' (set 26)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_extraction_general_rules import events, extract, scenario, stances
from test_extraction_referents import extract as extract_with_cuts
from test_extraction_referents import speaker_of

from detente.evidence.boilerplate import find_cuts
from detente.evidence.dates import resolve_date


def test_a_surname_said_alone_is_the_person_named_before_whatever_its_label() -> None:
    """The small model labels 'Costa' alone an organisation; the one person named
    'Costa' before is who added the words."""
    text, x = extract(
        "Council President Antonio Costa told a press conference that the summit had gone "
        "well. Costa added, “In October, we decided that the loan would cover the needs of "
        "the next two years.”\n",
        "ukraine",
    )
    assert speaker_of(text, x, "In October") == "Antonio Costa"


def test_suggested_and_complained_report_their_subjects_words() -> None:
    text, x = extract(
        "President Jane Doe spoke in the morning. Later, Foreign Minister Carl Brandt "
        "suggested that the other side “simply does not want to finish this process” and "
        "complained that it is “not going to build anything at all.”\n",
        "caucasus",
    )
    assert speaker_of(text, x, "simply does not want") == "Carl Brandt"
    assert speaker_of(text, x, "not going to build") == "Carl Brandt"


def test_the_name_set_off_by_commas_holds_the_role_not_the_one_in_its_of_phrase() -> None:
    """'The chief of staff of President X, Y, signaled ... that Kyiv would ...': Y holds
    the role and speaks next, not X and not the state of the subordinate clause."""
    text, x = extract(
        "The chief of staff of Ukrainian President Volodymyr Zelensky, Ivan Petrenko, "
        "signaled on arrival in Rome that Kyiv would keep talking. A truce “would be the "
        "first step toward a lasting and fair settlement,” he said in a post.\n",
        "ukraine",
    )
    assert speaker_of(text, x, "would be the first step") == "Ivan Petrenko"


def test_an_approved_decision_a_brokered_deal_and_fighting_are_events() -> None:
    text, x = extract(
        "The ministers approved a decision to fund the army on Tuesday. The truce was "
        "brokered on Friday by Malaysia. Renewed fighting this month has killed dozens.\n",
        "thai_cambodia",
        "2025-12-13",
    )
    found = events(text, x)
    assert ("AGREE", "2025-12-09", "Tuesday") in found
    assert ("AGREE", "2025-12-12", "Friday") in found
    assert ("ASSAULT", "2025-12-01", "this month") in found


def test_a_date_belongs_to_the_act_of_its_own_clause() -> None:
    """'Planes carried out strikes on Tuesday after X accused Y': the strikes are dated,
    not the accusation of the subordinate clause; 'On May 7 they reached ... and signed'
    dates the verb conjoined to the clause's head too."""
    text, x = extract(
        "Israeli planes carried out strikes in Gaza on Tuesday after Israel accused Hamas "
        "of breaking the ceasefire.\n",
        "gaza",
        "2025-10-30",
    )
    kinds = {kind for kind, date, said in events(text, x) if said == "Tuesday"}
    assert kinds == {"ASSAULT"}
    text, x = extract(
        "On May 7, during a meeting held in Kuala Lumpur, the two sides reached a consensus "
        "on the details and signed an agreement.\n",
        "thai_cambodia",
        "2025-05-09",
    )
    assert {kind for kind, date, said in events(text, x) if said == "May 7"} == {"AGREE"}


def test_his_country_is_the_state_of_the_one_who_says_so() -> None:
    _, x = extract(
        "Cambodian Prime Minister Hun Manet said his country supported the ceasefire "
        "proposed by Malaysia.\n",
        "thai_cambodia",
    )
    assert ("KHM", "ceasefire", "support") in stances(x)


def test_a_month_of_this_or_last_year_and_this_past_week() -> None:
    published = dt.date(2025, 11, 25)  # a Tuesday
    august = resolve_date("August this year", published, "past")
    assert (august.value, august.granularity) == (dt.date(2025, 8, 1), "month")
    march = resolve_date("March of last year", published, None)
    assert (march.value, march.granularity) == (dt.date(2024, 3, 1), "month")
    week = resolve_date("this past week", published, "past")
    assert (week.value, week.granularity) == (dt.date(2025, 11, 17), "week")


def test_a_month_that_names_a_deadline_is_no_event() -> None:
    """'proposed a June deadline' in February: June is when a term runs out, not the day
    of the proposal, and not a June of the year before."""
    text, x = extract(
        "The United States has proposed a June deadline for both sides to reach an "
        "agreement. The two delegations met in Abu Dhabi on Wednesday.\n",
        "ukraine",
        "2026-02-08",
    )
    found = events(text, x)
    assert not [e for e in found if e[2] == "June"]
    assert ("CONSULT", "2026-02-04", "Wednesday") in found


def test_a_quote_that_quotes_and_one_left_open_after_two_single_marks() -> None:
    text, x = extract(
        'Further, he said,"I will work with you both to see if, after a “thousand years,” a '
        "solution can be found.\" Then Prime Minister Jane Doe said ''This plan can mark the "
        "moment when the region steps back from the edge and",
        "india_pakistan",
    )
    quoted = [text[q.start : q.end] for q in x.quotes]
    assert any(q.startswith("I will work") and "thousand years" in q for q in quoted)
    assert any(q.startswith("This plan can mark") for q in quoted)


def test_a_full_name_the_model_left_untagged_is_the_surnames_speaker() -> None:
    """The small model tags no entity in 'Kyrylo Budanov, ... chief of staff, said', then
    'Budanov' alone a person: the speaker is the name in full."""
    text, x = extract(
        "Kyrylo Budanov, Ukrainian President Volodymyr Zelensky's chief of staff, said on "
        "Feb. 28 that Russia would accept the guarantees. “At past negotiations, the Russian "
        "side directly said that they would accept them,” Budanov said.\n",
        "ukraine",
        "2026-03-05",
    )
    assert speaker_of(text, x, "At past negotiations") == "Kyrylo Budanov"


def test_expressed_and_by_accusing_report_their_subjects_words() -> None:
    text, x = extract(
        "Prime Minister Jane Doe expressed her gratitude to the envoy “for his leadership and "
        "commitment to peace in the region.” The Foreign Ministry of the other side responded "
        "by accusing her of “again trying to mislead the international community.”\n",
        "caucasus",
    )
    assert speaker_of(text, x, "for his leadership") == "Jane Doe"
    assert "Foreign Ministry" in speaker_of(text, x, "again trying to mislead")


def test_the_following_morning_and_a_finalized_treaty() -> None:
    text, x = extract(
        "The treaty was finalized by the two sides in March. Pashinyan met Aliyev late on "
        "Thursday. The ministry accused him the following morning of lying.\n",
        "caucasus",
        "2025-05-17",
    )
    found = events(text, x)
    assert ("AGREE", "2025-03-01", "March") in found
    assert ("ACCUSE", "2025-05-16", "the following morning") in found


def test_neither_seen_nor_accepted_is_opposition() -> None:
    _, x = extract(
        "Foreign Minister Sergei Lavrov said that Moscow had neither seen nor accepted any "
        "Western security guarantees for Kyiv.\n",
        "ukraine",
    )
    found = stances(x)
    assert ("RUS", "security_guarantees", "oppose") in found
    assert ("RUS", "security_guarantees", "support") not in found


def test_he_is_never_a_group_that_takes_a_plural_verb() -> None:
    """'the RSF have announced ...' is no antecedent of a later 'he said': the adviser
    named before it is."""
    text, x = extract(
        "The meeting aimed to end the war, said Massad Boulos, adviser to the US president.\n\n"
        "The talks come amid reports of violence in Darfur. The paramilitary RSF have "
        "announced that they took the city on Sunday.\n\n"
        "During the meeting, the members agreed to set up a committee, he said. “The president "
        "wants peace and we are united in our commitment to ending the suffering,” he said.\n",
        "sudan",
        "2025-10-27",
    )
    assert speaker_of(text, x, "The president wants peace") == "Massad Boulos"


def test_a_cut_photo_credit_does_not_hide_who_he_is() -> None:
    """The credit line is cut, so the page is parsed in two segments: the second's 'he'
    and 'Zelenskyy' still point back to the name in full in the first."""
    text, x = extract_with_cuts(
        "Ukrainian President Volodymyr Zelenskyy was optimistic about the deal.\n"
        "Brian Snyder/Reuters\n"
        "“I hope that this document will be the first step to real guarantees,” he said. "
        "“We hope that together we can stop the war this year,” Zelenskyy said.\n",
        scenario("ukraine"),
        "2025-03-01",
    )
    assert [text[c.start : c.end] for c in find_cuts(text)] == ["Brian Snyder/Reuters"]
    assert speaker_of(text, x, "I hope that this document") == "Volodymyr Zelenskyy"
    assert speaker_of(text, x, "We hope that together") == "Volodymyr Zelenskyy"


def test_a_dash_parts_a_quotes_words() -> None:
    text, x = extract(
        "Asked what comes first, Zelensky said: “I think—first, security guarantees,” and left.\n",
        "ukraine",
    )
    assert speaker_of(text, x, "I think") == "Zelensky"


def test_called_off_is_no_saying_and_confirmed_is() -> None:
    text, x = extract(
        "Peace talks set for Tuesday were called off due to “reasons and circumstances of "
        "force majeure,” the Angolan Foreign Ministry confirmed Tuesday.\n",
        "drc",
        "2025-03-19",
    )
    assert "Angolan Foreign Ministry" in speaker_of(text, x, "reasons and circumstances")


def test_an_anonymous_source_said_again_is_the_source_not_a_name_in_its_phrase() -> None:
    text, x = extract(
        "A source close to the negotiations between Trump and Putin told AFP that Putin "
        "“de facto demands that Ukraine leave Donbas,” an area in the east. “Trump is inclined "
        "to support it,” the source said.\n",
        "ukraine",
        "2025-08-16",
    )
    for opening in ("de facto demands", "Trump is inclined"):
        assert speaker_of(text, x, opening).lower().startswith("a source close to the negotiations")


def test_a_states_alias_with_a_title_and_a_given_name_is_a_person() -> None:
    """The test scenario lists 'Modi' as an alias of India (a state): 'Prime Minister
    Narendra Modi' is still the 'he' of the sentences after it."""
    text, x = extract(
        "Prime Minister Narendra Modi on Monday addressed the nation. He praised the armed "
        "forces. He also stated firmly that “terror and talks cannot go together at all.”\n",
        "india_pakistan",
        "2025-05-13",
    )
    assert speaker_of(text, x, "terror and talks") == "Narendra Modi"


def test_an_honorific_before_a_surname_is_the_full_name_given_before() -> None:
    text, x = extract(
        "The statement is historic, Anwar Gargash, adviser to the UAE president, said on "
        "Sunday. “The statement emphasises that there is no military solution,” Dr Gargash "
        "added.\n",
        "sudan",
        "2025-09-14",
    )
    assert speaker_of(text, x, "The statement emphasises") == "Anwar Gargash"


def test_a_ceasefire_reached_is_an_agreement_and_a_city_reached_is_not() -> None:
    text, x = extract(
        "A ceasefire understanding was reached on Saturday between the two countries. The "
        "convoy reached the city on Sunday.\n",
        "india_pakistan",
        "2025-05-13",
    )
    found = events(text, x)
    assert ("AGREE", "2025-05-10", "Saturday") in found
    assert not [e for e in found if e[2] == "Sunday"]


def test_a_meeting_originally_set_for_a_weekday_is_the_nearest_one() -> None:
    """'Talks originally set for Tuesday were called off', in a page of Wednesday: the
    Tuesday just gone, not the next one."""
    text, x = extract(
        "Peace talks between the government and the rebels, originally set for Tuesday, "
        "were called off, the ministry said.\n",
        "drc",
        "2025-03-19",
    )
    assert ("CONSULT", "2025-03-18", "Tuesday") in events(text, x)


def test_a_quote_opening_where_another_closes_and_cautioned() -> None:
    """'... consequences.”“I want ...,” he said': the two quotes are parted, neither is
    said by a word '”“I'; 'cautioned his colleagues that “...”' is the cautioner's."""
    text, x = extract(
        "Belgium’s Prime Minister Bart De Wever cautioned his colleagues that “there’s no "
        "free money. There are always consequences.”“I want their signature saying we are "
        "all responsible,” he said.\n",
        "ukraine",
        "2025-10-24",
    )
    assert speaker_of(text, x, "there’s no free money") == "Bart De Wever"
    assert speaker_of(text, x, "I want their signature") == "Bart De Wever"


def test_a_statement_from_a_body_is_the_bodys() -> None:
    text, x = extract(
        "According to a statement from the US State Department, Rubio “reiterated the call "
        "for an end to the killings” at the meeting.\n",
        "ukraine",
        "2025-09-24",
    )
    assert "State Department" in speaker_of(text, x, "reiterated the call")


def test_a_states_alias_named_in_full_before_is_that_person() -> None:
    """The test scenario lists 'Witkoff' for the US: after 'envoy Steve Witkoff', a
    'Witkoff said' is the envoy, named in full."""
    text, x = extract(
        "The special envoy, Steve Witkoff, announced the decision on Thursday. “We have "
        "decided to bring our team home for consultations,” Witkoff said.\n",
        "gaza",
        "2025-07-25",
    )
    assert speaker_of(text, x, "We have decided") == "Steve Witkoff"


def test_he_is_the_name_the_matching_found_and_never_a_capital() -> None:
    """'Pashinian' is the scenario's 'Pashinyan' spelled another way (no model tags it):
    'he said' after 'Pashinian also pointed to ...' is him, not 'Moscow', which 'has
    said' something in the sentence before, nor the president tagged deeper in his
    sentence."""
    text, x = extract(
        "Moscow has said that the route must not be at odds with the trade bloc.\n"
        "Pashinian also pointed on Friday to a peace treaty initialed at the White House.\n"
        "“I hope and am confident that we will sign and ratify this agreement soon,” he "
        "said.\n"
        "Pashinian again claimed that the agreements reached by him and Azerbaijani President "
        "Ilham mean peace.\n“We adopted a declaration which states that the two countries "
        "recognize the need for peace,” he said.\n",
        "caucasus",
        "2025-10-10",
    )
    assert speaker_of(text, x, "I hope and am confident") == "Pashinian"
    assert speaker_of(text, x, "We adopted a declaration") == "Pashinian"


def test_aid_halted_is_a_sanction() -> None:
    text, x = extract(
        "The president's decision on Monday to halt aid to Ukraine deepened fears in Kyiv.\n",
        "ukraine",
        "2025-03-05",
    )
    assert ("SANCTION", "2025-03-03", "Monday") in events(text, x)


def test_a_name_said_short_with_its_particle_is_the_full_name() -> None:
    """'Abdel Fattah al-Burhan' named once; later 'al-Burhan' and 'Burhan' are he."""
    text, x = extract(
        "The crown prince held talks on Monday with the head of the council, Abdel Fattah "
        "al-Burhan, in Riyadh.\nHe said al-Burhan expressed “the thanks and appreciation of "
        "his country for the efforts of the crown prince.” Burhan also praised “the wise "
        "vision and comprehensive outlook of the kingdom.”\n",
        "sudan",
        "2025-12-15",
    )
    assert speaker_of(text, x, "the thanks and appreciation") == "Abdel Fattah al-Burhan"
    assert speaker_of(text, x, "the wise vision") == "Abdel Fattah al-Burhan"


def test_a_body_the_model_tagged_said_again_is_that_body_in_full() -> None:
    text, x = extract(
        "The Palestinian Ministry of Health reported that at least 413 people were killed on "
        "Tuesday. “Hospitals in the sector have received 413 victims so far,” the ministry "
        "said in a statement.\n",
        "gaza",
        "2025-03-19",
    )
    assert speaker_of(text, x, "Hospitals in the sector").startswith(
        "The Palestinian Ministry of Health"
    )


def test_assets_frozen_and_a_meeting_a_day_earlier() -> None:
    """'The EU on Friday froze Russia's assets' is a sanction; 'on Sunday, following a
    meeting at the Vatican a day earlier' dates the meeting the Saturday; 'a day before
    the planned talks' is no day before the last one named."""
    text, x = extract(
        "The European Union on Friday indefinitely froze Russia's assets in Europe.\n"
        "But on Sunday, following a brief meeting with Zelenskyy at the Vatican a day "
        "earlier, Trump appeared confident.\n",
        "ukraine",
        "2025-12-14",
    )
    found = events(text, x)
    assert ("SANCTION", "2025-12-12", "Friday") in found
    assert ("CONSULT", "2025-12-13", "a day earlier") in found

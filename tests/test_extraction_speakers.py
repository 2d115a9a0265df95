"""Who speaks when the parse hides it: short documents of our own with the hard cases a
held-out set of news pages showed (set heldout15: a participle given to the state of the
reported clause, 'the agency cited X as saying' with no speaker, a place the model took
for a person given three quotes, a headline's unnamed role given the body's quotes) and
set heldout17 ('was quoted as saying', a readout's 'the statement said', a quote whose
sentence the parser ended at its closing mark)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from detente.evidence.actors import ActorLexicon
from detente.evidence.people import person_aliases
from detente.scenario import load_scenario

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_extraction_referents import extract, speaker_of

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(DATA / "evidence_scenario.yaml")


@pytest.fixture(scope="module")
def sudan():
    return load_scenario(DATA / "news_scenarios" / "sudan.yaml")


def test_a_participle_after_a_reported_clause_is_the_reporters(scenario) -> None:
    """'Zelenskiy reiterated that Kyiv will not ..., saying "..."': Zelenskiy's words,
    not the state's of the clause the parser hung 'saying' on."""
    text, x = extract(
        "Zelenskiy reiterated that Ukraine will not accept the demands to give up land, "
        "saying, “The Russians want all of the east and we will never agree to that.”\n",
        scenario,
    )
    assert speaker_of(text, x, "The Russians want") == "Zelenskiy"
    # a person in the reported clause still says it ('Peskov said Putin refused, saying')
    text, x = extract(
        "Witkoff said Putin refused the offer, saying “the text is not ready for signing "
        "in its current form.”\n",
        scenario,
    )
    assert speaker_of(text, x, "the text is not ready") == "Putin"


def test_the_one_an_agency_cites_as_saying_speaks(scenario) -> None:
    text, x = extract(
        "“The next round of talks will be held in the same format in Geneva next week,” "
        "the state news agency cited Kremlin spokesman Dmitry Peskov as saying.\n",
        scenario,
    )
    assert speaker_of(text, x, "The next round") == "Dmitry Peskov"


def test_a_long_quote_does_not_hide_who_said_it(sudan) -> None:
    """Three sentences of quote between 'Burhan told a crowd in X State' and 'He said':
    'he' is Burhan, not the place the model took for a person."""
    text, x = extract(
        "“We will not talk to them while they hold their guns,” Burhan told a crowd in the "
        "village of Wad Rawah in the central Al-Gazira State.\n\n"
        "“We will go on. We will fight them for as long as it takes. There will be no "
        "truce with them,” he added.\n\n"
        "He said the people of the country “have paid a heavy price for this war,” adding "
        "that the army was still united.\n",
        sudan,
        "2025-11-14",
    )
    assert speaker_of(text, x, "have paid a heavy price") == "Burhan"


def test_a_headlines_unnamed_role_is_no_antecedent(sudan) -> None:
    """The headline's 'Sudanese leader' names no one; the body's 'the Sudanese leader'
    is the man the body named, and a quote paragraph with no speech verb right after a
    quoted paragraph goes on with the same speaker."""
    text, x = extract(
        " date 2025-11-14 Sudanese leader rules out any truce with the paramilitary force\n\n"
        "Abdel Fattah al-Burhan rejected on Friday any truce with the Rapid Support Forces.\n\n"
        "The Sudanese leader stressed that the army was determined “to end this war only "
        "with the end of the rebellion.”\n\n"
        "“Our people have suffered at the hands of these men, and they will get nothing "
        "from us.”\n",
        sudan,
        "2025-11-14",
    )
    assert "Burhan" in speaker_of(text, x, "to end this war only")
    assert "Burhan" in speaker_of(text, x, "Our people have suffered")


def test_words_inside_a_quote_are_no_antecedent(scenario) -> None:
    """'Their general had to call ours' inside a quote: the 'he' after the next quote is
    the minister quoted before, not 'their general'."""
    text, x = extract(
        "Foreign Minister Andrii Sybiha dismissed the claims on Thursday.\n"
        "“We made it clear to everyone that if they wanted to stop, they had to tell us "
        "directly. Their general had to call our general and say it. And that is what "
        "happened,” he said.\nAccording to the minister, the offer to stop came from the "
        "other side. "
        "“It was their army which sent a message that it was ready to stop firing,” he "
        "added.\n",
        scenario,
    )
    assert speaker_of(text, x, "It was their army") == "Andrii Sybiha"


def test_the_speaker_named_before_a_subjectless_verb_speaks(scenario) -> None:
    """'..., the head of the delegation at the talks in Istanbul, Vladimir Medinsky,
    stated': the parser hangs the name on the city and leaves 'stated' no subject; the
    next quote's 'he' is still Medinsky, not the person named two paragraphs before (a
    guard: the code before the rules of set heldout15 got it from the last name said;
    looking further back through long quotes must not lose it)."""
    text, x = extract(
        "Ukraine will study the memorandum for a week, Defence Minister Rustem Umerov "
        "said.\n\n“The Ukrainian side will study the document for a week,” he said.\n\n"
        "According to Russian media, the head of the Russian delegation at the talks in "
        "Istanbul, Vladimir Medinsky, stated that Russia had handed over a memorandum.\n\n"
        "“We have given our memorandum to the Turkish side. It has two parts. The first is "
        "about peace,” he told journalists.\n",
        scenario,
    )
    assert speaker_of(text, x, "We have given our memorandum") == "Vladimir Medinsky"


def test_an_acronym_alias_names_no_person(sudan) -> None:
    """'Yesterday RSF said ...' reads like a person to the model; capitals name a body."""
    people = person_aliases(ActorLexicon.from_scenario(sudan))
    assert not {"RSF", "SAF"} & people


def test_the_group_is_the_organisation_named_before_never_a_state() -> None:
    """'the terror group said': the scenario's kinds say Hamas is an organisation and
    Israel a state, so the group is Hamas even where Israel was named last."""
    gaza = load_scenario(DATA / "news_scenarios" / "gaza.yaml")
    _, x = extract(
        "Hamas rejected the proposal on Monday, while Israel sent negotiators to Doha.\n\n"
        "“We are ready to begin talks on the second phase of the agreement at once,” the "
        "militant group said.\n",
        gaza,
        "2025-03-10",
    )
    [quote] = x.quotes
    assert (quote.speaker, quote.speaker_actor) == ("Hamas", "HAM")
    # with no organisation named before, 'the group' stays as written
    _, x = extract(
        "Israel sent negotiators to Doha on Monday.\n\n"
        "“We are ready to begin talks on the second phase at once,” the group said.\n",
        gaza,
        "2025-03-10",
    )
    [quote] = x.quotes
    assert quote.speaker == "the group" and quote.speaker_actor is None


def test_the_one_quoted_as_saying_speaks(scenario) -> None:
    """'Kremlin spokesman Dmitry Peskov was quoted as saying': the passive's subject, not
    a word inside the quote the parser hung on 'quoted'."""
    text, x = extract(
        "“The talks commenced today in Abu Dhabi and are scheduled to continue over two "
        "days,” the UAE foreign ministry was quoted as saying by news agency Reuters.\n\n"
        "“Ukraine has to leave the territory of the Donbas,” Kremlin spokesman Dmitry "
        "Peskov was quoted as saying.\n",
        scenario,
    )
    assert speaker_of(text, x, "The talks commenced") == "the UAE foreign ministry"
    assert speaker_of(text, x, "Ukraine has to leave") == "Dmitry Peskov"


def test_the_statement_speaks_for_the_body_that_issued_it(scenario) -> None:
    """'according to a readout of the call issued by the Kremlin ... "...," the statement
    said': the Kremlin's words; 'the joint statement' is more than one body's and stays."""
    text, x = extract(
        "Putin agreed to a 30-day pause of strikes on energy facilities during a call with "
        "Trump, according to a readout of the call issued by the Kremlin on March 18.\n\n"
        "“During the conversation, Donald Trump proposed a mutual refusal to strike energy "
        "facilities,” the statement said.\n\n"
        "Ukraine welcomed the pause. Kyiv and Brussels met on Friday.\n\n"
        "“Both sides will keep working on a lasting peace in Europe,” the joint statement "
        "said.\n",
        scenario,
    )
    assert speaker_of(text, x, "During the conversation") == "Kremlin"
    assert speaker_of(text, x, "Both sides will keep") == "the joint statement"


def test_a_role_said_again_is_the_person_it_named(scenario) -> None:
    """'Sudan's defense minister, Hassan Daoud Kayan, said ... "...," the defense minister
    said': the name, not the role's words again."""
    text, x = extract(
        "Soon after, Sudan's defense minister, Hassan Daoud Kayan, said that the army would "
        "continue fighting.\n"
        "“We thank the administration for its efforts to achieve peace,” the defense "
        "minister said.\n",
        scenario,
    )
    assert speaker_of(text, x, "We thank the") == "Hassan Daoud Kayan"


def test_according_to_names_who_talks_in_its_sentence(scenario) -> None:
    """'According to Ushakov, Putin and Trump had a friendly call ... AFP quoted the
    diplomat as saying': the source of the sentence before, not its subject."""
    text, x = extract(
        "The remarks came from Kremlin aide Yuri Ushakov.\n\n"
        "According to Ushakov, Putin and Trump had a friendly phone call on Sunday.\n\n"
        "“The entire conversation took place in a friendly atmosphere,” AFP quoted the "
        "diplomat as saying.\n",
        scenario,
    )
    assert speaker_of(text, x, "The entire conversation") == "Yuri Ushakov"


def test_a_quote_ending_in_a_comma_goes_on_past_its_mark(scenario) -> None:
    """'"..., and make a deal," Trump posted on Truth Social': the parser ends the sentence
    at the closing mark, and the comma says the speech verb follows."""
    text, x = extract(
        "Zelenskyy left the White House without the missiles he hoped for.\n\n"
        "“The meeting with President Volodymyr Zelenskyy was very interesting, but I told "
        "him that it is time to stop the killing,” Trump posted on Truth Social after the "
        "meeting.\n",
        scenario,
    )
    assert speaker_of(text, x, "The meeting with") == "Trump"


def test_a_double_mark_typed_as_two_single_ones_opens_a_quote(scenario) -> None:
    """‘‘...‘’ (set heldout18: a wire story as one site prints it) is a quotation like
    “...”; its words have a speaker like any other."""
    text, x = extract(
        "Zelenskyy praised the talks.\n"
        "‘‘These are the first steps toward completely ending the war,‘’ he said at a news "
        "conference.\n",
        scenario,
    )
    assert speaker_of(text, x, "These are the first") == "Zelenskyy"


def test_a_surname_alone_is_a_person_when_the_full_name_is(scenario) -> None:
    """'Zelenskyy' and 'Zelenskiy' are the surname of 'Volodymyr Zelenskyy', so a 'he'
    after them points to him, not to Putin named earlier (the model, asked about the bare
    surname in a template, does not call it a person)."""
    from detente.evidence.people import person_aliases

    people = person_aliases(ActorLexicon.from_scenario(scenario))
    assert {"Volodymyr Zelenskyy", "Zelenskyy", "Zelenskiy"} <= people
    assert "Kremlin" not in people and "Moscow" not in people


def test_the_body_named_again_by_its_head_noun_speaks_again(sudan) -> None:
    """'the army-controlled foreign ministry said ... The ministry accused X, calling it
    "..."': the same ministry, with the name it was given first."""
    text, x = extract(
        "In a statement, the army-controlled foreign ministry said the talks “must be led by "
        "Sudanese without any external tutelage.”\n"
        "The ministry accused its rivals of financing the war, calling them “a direct party "
        "to the war in the country.”\n",
        sudan,
    )
    assert speaker_of(text, x, "a direct party") == "the army-controlled foreign ministry"


def test_praise_is_said_in_the_praising_body_s_words(scenario) -> None:
    """'The State Department lauded the leaders for "choosing the path of peace"': the
    department's words, not the last person's named."""
    text, x = extract(
        "Trump spoke on Monday.\n"
        "The State Department lauded both prime ministers for “choosing the path of lasting "
        "peace”.\n",
        scenario,
    )
    assert speaker_of(text, x, "choosing the path") == "The State Department"

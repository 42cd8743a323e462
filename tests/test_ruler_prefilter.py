"""The EntityRuler token-pattern prefilter: same entities as spaCy's own ruler, the Matcher skipped only when
no token pattern can match."""
import spacy

from helpers.ruler_prefilter import TokenPatternPrefilter, anchor_word, prefilter_token_patterns

PATTERNS = [
    {"label": "ACTOR", "pattern": [{"ORTH": "UN"}, {"LOWER": "peacekeepers"}], "id": "UN"},
    {"label": "ACTOR", "pattern": [{"LOWER": "state"}, {"ORTH": "TV"}], "id": "state media"},
    {"label": "ACTOR", "pattern": [{"ORTH": "Red"}, {"ORTH": "Crescent"}, {"LOWER": "volunteers"}], "id": "RC"},
    {"label": "ACTOR", "pattern": "border guards", "id": "border guards"},
]

SENTENCES = [
    "Two UN peacekeepers were wounded when their convoy hit a mine.",
    "State TV said the un peacekeepers had withdrawn.",  # 'un' in lower case is not the abbreviation
    "Red Crescent volunteers recovered nine bodies, state TV reported.",
    "red crescent volunteers arrived later.",
    "Border guards returned fire after the ambush near the crossing.",
    "Nothing in this sentence names an actor at all.",
    "",
]


def _ruler(with_prefilter: bool):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(PATTERNS)
    if with_prefilter:
        prefilter_token_patterns(ruler)
    return nlp


def _entities(nlp, text):
    return [(ent.text, ent.label_, ent.ent_id_) for ent in nlp(text).ents]


def test_the_prefiltered_ruler_finds_exactly_what_spacy_finds():
    stock, fast = _ruler(False), _ruler(True)
    for text in SENTENCES:
        assert _entities(fast, text) == _entities(stock, text), text
    assert _entities(fast, SENTENCES[0]) == [("UN peacekeepers", "ACTOR", "UN")]
    assert _entities(fast, SENTENCES[1]) == [("State TV", "ACTOR", "state media")]


def test_the_matcher_is_skipped_only_without_an_anchor_word():
    nlp = _ruler(True)
    prefilter = nlp.get_pipe("entity_ruler").matcher
    assert isinstance(prefilter, TokenPatternPrefilter) and prefilter.active
    assert not prefilter.may_match(nlp.make_doc("Border guards returned fire."))
    assert not prefilter.may_match(nlp.make_doc("the un peacekeepers"))  # ORTH 'UN' absent
    assert prefilter.may_match(nlp.make_doc("UN officials said"))
    assert not prefilter.may_match(nlp.make_doc("the state tv channel"))  # 'TV' must be written in capitals
    assert prefilter.may_match(nlp.make_doc("the state TV channel"))
    assert anchor_word([{"LOWER": "state"}, {"ORTH": "TV"}]) == ("ORTH", "TV")
    assert anchor_word([{"lower": "border"}, {"lower": "guards"}]) == ("LOWER", "border")


def test_patterns_it_cannot_read_turn_the_prefilter_off():
    assert anchor_word([{"LOWER": {"IN": ["a", "b"]}}]) is None
    assert anchor_word([{"ORTH": "UN"}, {"IS_DIGIT": True}]) is None
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "N", "pattern": [{"LIKE_NUM": True}, {"LOWER": "dead"}]}])
    prefilter = prefilter_token_patterns(ruler)
    assert not prefilter.active
    assert [ent.text for ent in nlp("twelve dead").ents] == ["twelve dead"]


def test_patterns_added_later_are_still_matched():
    nlp = _ruler(True)
    ruler = nlp.get_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ACTOR", "pattern": [{"ORTH": "AU"}, {"LOWER": "troops"}], "id": "AU"}])
    assert _entities(nlp, "AU troops were deployed.") == [("AU troops", "ACTOR", "AU")]

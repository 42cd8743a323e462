"""The attribute ruler's lookup match step must give exactly the matches, and so the token attributes, of
spaCy's own Matcher-based step."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from helpers.annotate import EXCLUDED_COMPONENTS, MODEL_NAME
from helpers.attribute_lookup import AttributeLookup, compile_rule, speed_up_attribute_ruler

# Sentences written for this test (not from the seeds), chosen to reach the ruler's exceptions: auxiliaries,
# negation, indefinite pronouns, relative "that", subordinators, existential "there", contractions, spaces.
SENTENCES = [
    "There were at least twelve soldiers killed when the convoy was ambushed near the river crossing.",
    "Officials said nothing had been confirmed, but local residents reported heavy gunfire overnight.",
    "The group that claimed the bombing has not given any figure, and nobody knows who planted it.",
    "Ain't nobody gonna believe what they're saying about the raid, he's sure of that.",
    "If the toll rises again, everyone in the   village will have lost someone; let's wait.",
    "Gunmen stormed a checkpoint on Tuesday,\nkilling  four policemen and wounding 7 others, the ministry said.",
    "Although the army denied it, activists insisted that dozens were being held after the attack.",
    "y'all c'mon, we gotta leave before they do anything else to the market at dawn.",
]
ATTRIBUTES = ("pos_", "tag_", "dep_", "morph", "lemma_")


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL_NAME, exclude=EXCLUDED_COMPONENTS)


def _token_attributes(doc: Doc) -> list[tuple]:
    return [tuple(str(getattr(token, name)) for name in ATTRIBUTES) for token in doc]


def test_lookup_gives_the_stock_matches_and_token_attributes(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    lookup = AttributeLookup(ruler)
    assert lookup.n_residual < len(ruler.attrs) / 10  # most rules are answered by lookup
    stock_match = type(ruler).match
    with nlp.select_pipes(disable=["attribute_ruler", "ner"]):
        parsed = list(nlp.pipe(SENTENCES))
    for doc in parsed:
        stock_doc, fast_doc = Doc(nlp.vocab).from_bytes(doc.to_bytes()), Doc(nlp.vocab).from_bytes(doc.to_bytes())
        stock = stock_match(ruler, stock_doc)
        fast = lookup(fast_doc)
        assert fast == sorted(set(stock))
        ruler.set_annotations(stock_doc, stock)
        ruler.set_annotations(fast_doc, fast)
        assert _token_attributes(fast_doc) == _token_attributes(stock_doc)
    # Both paths were exercised: rules found by lookup and multi-token rules left to the Matcher ("gon na").
    assert sum(len(lookup.residual(doc)) for doc in parsed) > 0


def test_sped_up_pipeline_tags_like_the_stock_pipeline(nlp):
    fast_nlp = spacy.load(MODEL_NAME, exclude=EXCLUDED_COMPONENTS)
    assert speed_up_attribute_ruler(fast_nlp) is not None
    for stock_doc, fast_doc in zip(nlp.pipe(SENTENCES), fast_nlp.pipe(SENTENCES)):
        assert _token_attributes(fast_doc) == _token_attributes(stock_doc)
    auxiliaries = {t.text.lower() for doc in fast_nlp.pipe(SENTENCES) for t in doc if t.pos_ == "AUX"}
    assert {"were", "been", "has", "will"} <= auxiliaries  # exceptions the tag map alone would call VERB


def test_speed_up_leaves_a_pipeline_without_attribute_ruler_alone():
    blank = spacy.blank("en")
    assert speed_up_attribute_ruler(blank) is None
    assert blank.pipe_names == []


def test_rules_the_lookup_cannot_answer_go_to_the_matcher():
    strings = spacy.blank("en").vocab.strings
    assert compile_rule([{"LOWER": {"REGEX": "^n't$"}}], strings) is None
    assert compile_rule([{"LOWER": "gon"}, {"LOWER": "na"}], strings) is None
    assert compile_rule([{"LOWER": "a", "OP": "?"}], strings) is None
    assert compile_rule([{"LENGTH": 3}], strings) is None
    assert compile_rule([{"TAG": "NN", "LOWER": {"IN": ["x", "y"]}}], strings) is not None
    assert compile_rule([{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}], strings) is not None


def test_made_up_rules_match_as_spacys_matcher_does():
    """A ruler with rules of every kind the lookup handles, on hand-tagged tokens."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["someone", "anyone"]}}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LOWER": "ok"}]], "attrs": {"POS": "INTJ"}},
        {"patterns": [[{"TAG": {"IN": ["VBD", "VBN"]}, "LOWER": {"NOT_IN": ["was", "were"]}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"DEP": "neg"}]], "attrs": {"POS": "PART"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"LOWER": "in"}, {"LOWER": "spite"}]], "attrs": {"POS": "ADP"}, "index": 0},
        {"patterns": [[{"LOWER": {"REGEX": "^k+$"}}]], "attrs": {"POS": "X"}},
    ])
    words = ["Someone", "was", "hit", "not", "far", "ok", "  ", "in", "spite", "of", "kkk", "shelling", "fired"]
    tags = ["NN", "VBD", "VBN", "RB", "RB", "UH", "_SP", "IN", "NN", "IN", "NN", "NN", "VBD"]
    deps = ["nsubj", "auxpass", "ROOT", "neg", "advmod", "intj", "dep", "prep", "pobj", "prep", "pobj", "pobj", "conj"]
    heads = [2, 2, 2, 2, 2, 2, 2, 2, 7, 8, 9, 9, 2]
    doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)
    stock = type(ruler).match(ruler, doc)
    fast = AttributeLookup(ruler)(doc)
    assert fast == sorted(set(stock))
    assert len({(start, attr_id) for attr_id, _, start, _ in fast}) >= 12

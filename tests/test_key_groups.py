"""helpers.key_groups: connected groups of items over shared keys (one function for the corpus split and the
grouped place folds)."""
import pandas as pd

from helpers import corpus, place_folds
from helpers.key_groups import connected_groups


def test_items_joined_through_a_chain_of_keys_form_one_group():
    links = {"event-1": ["b", "a"], "event-2": ["c", "b"], "event-3": ["e"]}
    assert connected_groups(["e", "d", "c", "b", "a"], links) == [["a", "b", "c"], ["d"], ["e"]]


def test_members_outside_the_items_are_ignored_and_do_not_join_groups():
    links = {"outlet:x": ["a", "zz"], "outlet:y": ["zz", "b"]}
    assert connected_groups(["a", "b"], links) == [["a"], ["b"]]


def test_no_items_no_groups():
    assert connected_groups([], {"k": ["a"]}) == []


def test_corpus_components_and_place_folds_use_the_same_grouping():
    mentions = pd.DataFrame({"article_id": ["a1", "a2", "a2", "a3", "a4"],
                             "event_id": ["e1", "e1", "e2", "e2", "e3"],
                             "country": ["Mali", "Mali", "Niger", "Niger", "Chad"]})
    ids = ["a4", "a3", "a2", "a1", "a5"]
    assert corpus.article_components(ids, mentions) == [["a1", "a2", "a3"], ["a4"], ["a5"]]
    folds = place_folds.country_folds(ids, mentions)
    assert folds["a1"] == folds["a2"] == folds["a3"] != folds["a4"]

"""The article-context features of the figure-kind model (helpers.figure_context), on sentences written for these
tests."""
import pytest

from helpers import annotate, figure_context, figure_kinds


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _article(nlp, sentences):
    docs = {index: nlp(sentence) for index, sentence in enumerate(sentences)}
    return docs, figure_kinds.article_figures(docs)


def _figure(doc, value):
    return next(figure for figure in annotate.find_all_figures(doc) if figure.count.value == value)


def test_a_figure_that_adds_up_with_a_nearby_one_to_a_printed_total_is_marked(nlp):
    docs, article = _article(nlp, ["Thirty villagers were killed in the raid on Dara and Lume, the mayor said.",
                                   "In Dara the gunmen killed 18 people.",
                                   "In Lume they killed 12 more."])
    assert figure_context.sums_to_printed_total(_figure(docs[1], 18), 1, article)
    assert figure_context.sums_to_printed_total(_figure(docs[2], 12), 2, article)
    # the total itself is no part, and a count that adds up to nothing printed is not marked
    assert not figure_context.sums_to_printed_total(_figure(docs[0], 30), 0, article)
    docs, article = _article(nlp, ["Forty villagers were killed in the raid on Dara and Lume, the mayor said.",
                                   "In Dara the gunmen killed 18 people.",
                                   "In Lume they killed 12 more."])
    assert not figure_context.sums_to_printed_total(_figure(docs[1], 18), 1, article)


def test_parts_far_from_each_other_in_the_article_are_not_summed(nlp):
    sentences = ["Thirty villagers were killed in the raid on Dara, the mayor said.",
                 "In Dara the gunmen killed 18 people."] + ["The army sent reinforcements."] * 4 + [
                 "Last year, 12 farmers were killed near Lume."]
    docs, article = _article(nlp, sentences)
    assert not figure_context.sums_to_printed_total(_figure(docs[1], 18), 1, article)


def test_sentences_naming_several_places_or_dates_are_marked(nlp):
    doc = nlp("Gunmen killed 14 people in Kano on Monday and in Zaria on Tuesday, police said.")
    features = figure_context.article_context_features(doc, _figure(doc, 14), 3)
    assert features.get("art=several_places") == 1.0 and features.get("art=several_dates") == 1.0
    doc = nlp("Gunmen killed 14 people in Kano on Monday, police said.")
    features = figure_context.article_context_features(doc, _figure(doc, 14), 3)
    assert "art=several_places" not in features and "art=several_dates" not in features


def test_the_kind_model_reads_the_article_context_features(nlp):
    docs, article = _article(nlp, ["Thirty villagers were killed in the raid on Dara and Lume, the mayor said.",
                                   "In Dara the gunmen killed 18 people.",
                                   "In Lume they killed 12 more."])
    figure = _figure(docs[1], 18)
    features = figure_kinds.figure_features(docs[1], figure, 1, article=article)
    assert features.get("art=sums_to_printed_total") == 1.0
    assert all(name.startswith(figure_kinds.FEATURE_PREFIXES) for name in features)


def test_each_attack_s_toll_is_no_part_of_a_total_over_several_attacks(nlp):
    docs, article = _article(nlp, ["Three separate explosions in the capital killed at least four people on Monday.",
                                   "The first blast killed one person near the market.",
                                   "Three other people were killed in the second blast near the station."])
    assert [item.is_several_attacks for item in article] == [True, False, False]
    assert not figure_context.sums_to_printed_total(_figure(docs[2], 3), 2, article)
    # the same figures under a total of one attack are its parts
    docs, article = _article(nlp, ["An explosion in the capital killed at least four people on Monday.",
                                   "The blast killed one person near the market.",
                                   "Three other people were killed near the station."])
    assert figure_context.sums_to_printed_total(_figure(docs[2], 3), 2, article)

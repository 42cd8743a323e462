"""The relation features of the figure-kind model (helpers.figure_relations): how a figure stands to the larger
figures of its kind the article prints, on sentences written for these tests."""
import pytest

from helpers import annotate, figure_kinds, figure_relations


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _article(nlp, sentences):
    docs = {index: nlp(sentence) for index, sentence in enumerate(sentences)}
    return docs, figure_kinds.article_figures(docs)


def _figure(doc, value):
    return next(figure for figure in annotate.find_all_figures(doc) if figure.count.value == value)


def test_the_word_lists_have_both_lists():
    assert "children" in figure_relations.relation_words("subset_noun")
    assert "of whom" in figure_relations.relation_words("subset_marker")
    with pytest.raises(ValueError):
        figure_relations.relation_words("no_such_list")


def test_counted_nouns_and_their_classes(nlp):
    doc = nlp("Gunmen killed four teachers near the school.")
    assert figure_relations.counted_noun(doc, _figure(doc, 4)) == "teachers"
    assert figure_relations.noun_class("teachers") == "other"
    assert figure_relations.noun_class("children") == "subset"
    assert figure_relations.noun_class("people") == "generic" and figure_relations.noun_class("") == "generic"
    doc = nlp("Gunmen seized 12 villagers and killed seven of them.")
    assert figure_relations.noun_class(figure_relations.counted_noun(doc, _figure(doc, 7))) == "partitive"


def test_a_subset_noun_below_a_total_of_people_is_related_to_it(nlp):
    docs, article = _article(nlp, ["A car bomb killed 23 people at the market in Belo, the governor said.",
                                   "Among the victims, nine children were killed by the blast, the governor said."])
    features = figure_relations.relation_features(docs[1], _figure(docs[1], 9), 1, article)
    assert features.get("rel=subset_noun_of_generic_total") == 1.0
    assert features.get("rel=subset_marker_with_total") == 1.0
    assert features.get("rel=total_same_source") == 1.0
    # the total itself has no larger figure beside it
    total = figure_relations.relation_features(docs[0], _figure(docs[0], 23), 0, article)
    assert total == {"rel=no_larger_total": 1.0}


def test_another_source_giving_a_close_count_of_people_reads_as_another_reading(nlp):
    docs, article = _article(nlp, ["The explosion killed 30 people in the port city, the interior ministry said.",
                                   "A local hospital director said 27 people were killed."])
    features = figure_relations.relation_features(docs[1], _figure(docs[1], 27), 1, article)
    assert features.get("rel=generic_beside_generic_total") == 1.0
    assert features.get("rel=total_other_source") == 1.0
    assert "rel=subset_noun_of_generic_total" not in features and "rel=subset_marker_with_total" not in features


def test_a_total_over_several_attacks_is_no_whole(nlp):
    docs, article = _article(nlp, ["Three separate bombings across the province killed 40 people on Sunday.",
                                   "In the first, 12 people were killed at a bus stop."])
    features = figure_relations.relation_features(docs[1], _figure(docs[1], 12), 1, article)
    assert "rel=no_larger_total" in features


def test_a_subset_marker_beside_a_figure_with_and_without_a_printed_total(nlp):
    docs, article = _article(nlp, ["Seven people were killed when gunmen attacked the checkpoint.",
                                   "Including the station chief, two policemen were killed."])
    features = figure_relations.relation_features(docs[1], _figure(docs[1], 2), 1, article)
    assert features.get("rel=subset_marker_with_total_subset") == 1.0
    docs, article = _article(nlp, ["Including the station chief, two policemen were killed at the checkpoint."])
    features = figure_relations.relation_features(docs[0], _figure(docs[0], 2), 0, article)
    assert features == {"rel=no_larger_total": 1.0, "rel=subset_marker_without_total": 1.0}


def test_a_pronoun_speaker_carries_the_source_last_quoted(nlp):
    docs = {0: nlp("The provincial governor said 20 people were killed in the attack on the bus."),
            1: nlp("\"Four of the dead were children,\" he said."),
            2: nlp("Gunmen fled into the forest after killing 20 people.")}
    speakers = figure_relations.article_speakers(docs)
    assert speakers[0] and speakers[1] == speakers[0]
    assert speakers[2] == ""


def test_two_sources_in_one_sentence_each_give_their_own_figure(nlp):
    docs, article = _article(nlp, ["Witnesses said nine farmers died but the army said 14 were killed."])
    speakers = {item.value: item.speaker for item in article}
    assert speakers[9] != speakers[14] and speakers[9] and speakers[14]
    features = figure_relations.relation_features(docs[0], _figure(docs[0], 9), 0, article)
    assert features.get("rel=total_other_source") == 1.0 and "rel=total_same_source" not in features

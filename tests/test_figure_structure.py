"""The parse features of the figure-kind model (helpers.figure_structure), the exact rule on counts named as the
attack's doers and the breakdowns by a repeated casualty noun, on sentences written for these tests."""
import pytest

from helpers import annotate, figure_kinds, figure_structure


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _figure(doc, value):
    return next(figure for figure in annotate.find_all_figures(doc) if figure.count.value == value)


def _number(doc, text):
    token = next(token for token in doc if token.text == text)
    return token.head if token.dep_ == "nummod" else token


def test_a_count_inside_an_including_or_among_phrase_is_a_subset(nlp):
    doc = nlp("Eleven villagers died in the fire, including three toddlers from the school.")
    assert figure_structure.is_in_subset_phrase(_number(doc, "three"))
    assert not figure_structure.is_in_subset_phrase(_number(doc, "Eleven"))
    doc = nlp("The victims include four nurses of the clinic.")
    assert figure_structure.is_in_subset_phrase(_number(doc, "four"))
    doc = nlp("Four nurses were shot near the clinic.")
    assert not figure_structure.is_in_subset_phrase(_number(doc, "Four"))


def test_a_count_of_them_or_of_whom_refers_back_to_a_group(nlp):
    doc = nlp("The raiders fired on the herders, killing nine of them.")
    assert figure_structure.is_partitive_pronoun(_number(doc, "nine"))
    doc = nlp("The raiders fired on the herders, killing nine of the cattle owners.")
    assert not figure_structure.is_partitive_pronoun(_number(doc, "nine"))


def test_the_kind_model_reads_the_parse_features(nlp):
    doc = nlp("The raiders fired on the herders, killing nine of them.")
    features = figure_kinds.figure_features(doc, _figure(doc, 9), 2)
    assert features.get("parse=partitive_pronoun") == 1.0 and "parse=subset_phrase" not in features
    assert all(name.startswith(figure_kinds.FEATURE_PREFIXES) for name in features)


@pytest.mark.parametrize("sentence, value", [
    ("Police said seven assailants were shot dead at the gate of the depot.", 7),
    ("Guards killed three of the attackers before the rest fled.", 3),
    ("Two gunmen died in the exchange of fire with the guards.", 2),
])
def test_a_count_named_as_the_attacks_doers_is_the_attackers_dead_by_rule(nlp, sentence, value):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    judged = dict(zip([f.count.value for f in figures], figure_kinds.judge_figures(doc, figures, 3)))
    assert judged[value] == ("attackers_dead", "rule")


@pytest.mark.parametrize("sentence", [
    "Gunmen killed twelve traders at the market, police said.",
    "The town mourned the 52 soldiers who died in the attack on the base.",  # the clause is the victims' own
])
def test_a_count_of_victims_beside_the_attackers_is_left_to_the_model(nlp, sentence):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    assert [decided for _, decided in figure_kinds.judge_figures(doc, figures, 3)] == ["model"]


def test_counts_of_one_casualty_noun_joined_by_and_are_parts_of_a_printed_total(nlp):
    sentences = ["Raiders killed 45 villagers in Kuma and Dase on Friday, the governor said.",
                 "In Kuma there were 28 deaths and in Dase 17 deaths, a local official said."]
    docs = {index: nlp(sentence) for index, sentence in enumerate(sentences)}
    article = figure_kinds.article_figures(docs)
    figures = annotate.find_all_figures(docs[1])
    assert sorted(figure.count.value for figure in figures) == [17, 28]
    assert figure_kinds.sums_into_total(docs[1], figures, 1, article) == {0, 1}
    # the same counts adding up to no printed figure are left to the model
    docs[0] = nlp(sentences[0].replace("45", "50"))
    assert figure_kinds.sums_into_total(docs[1], figures, 1, figure_kinds.article_figures(docs)) == set()
    # two counts of one noun not joined by 'and' are no breakdown
    doc = nlp("The army reported 28 deaths; the monitor reported 17 deaths.")
    assert not figure_kinds._conjoined(doc, annotate.find_all_figures(doc))


@pytest.mark.parametrize("sentence, value, expected", [
    ("More than 140 guards have been killed in the region since the spring.", 140, "present_perfect"),
    ("The rebels have killed 80 traders on that road.", 80, "present_perfect"),
    ("Bandits had killed 15 herders in the same valley in March.", 15, "past_perfect"),
    ("Gunmen killed 23 miners near the quarry on Friday.", 23, "past"),
    ("Officials fear the toll will rise above the 30 deaths counted so far.", 30, "none"),
])
def test_the_tense_of_the_casualty_verb(nlp, sentence, value, expected):
    doc = nlp(sentence)
    assert figure_structure.tense(doc, _figure(doc, value)) == expected


def test_the_tense_is_a_parse_feature(nlp):
    doc = nlp("Bandits had killed 15 herders in the same valley in March.")
    assert figure_structure.structure_features(doc, _figure(doc, 15))["parse=tense_past_perfect"] == 1.0

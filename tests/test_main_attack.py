"""Who began an article's main attack (helpers.main_attack) and how the figure-kind judgement reads it, on
sentences written for these tests."""
import numpy as np
import pytest

from helpers import annotate, figure_kinds, main_attack
from helpers.figure_kinds import KINDS, KindModel


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


@pytest.mark.parametrize("sentence, starter", [
    ("Insurgents stormed an army barracks near the border overnight, killing nine soldiers.", "armed_group"),
    ("Gunmen ambushed a police patrol on Friday, killing four officers.", "armed_group"),
    ("At least 12 soldiers died in an attack on a military outpost in the north.", "armed_group"),
    ("A checkpoint was attacked late on Sunday, leaving three guards dead.", "armed_group"),  # the target says it
    ("Troops raided a rebel hideout in the hills and killed seven fighters.", "state"),
    ("Police raided a house in the suburbs, where two suspects died.", "state"),
    ("An air strike killed 14 people at a wedding in the valley.", ""),  # no attack word: not read here
    ("Three traders were shot dead at the market.", ""),
])
def test_the_starter_is_the_doer_of_the_attack_word_or_else_the_side_it_targets(nlp, sentence, starter):
    assert main_attack.sentence_starter(nlp(sentence)) == starter


def test_the_article_starter_is_read_from_the_title_and_the_lede_only(nlp):
    title = nlp("Rebels storm a garrison town, dozens feared dead")
    body = nlp("Soldiers later raided a camp of the rebels, killing six of them.")
    assert main_attack.main_attack_starter({0: title, 9: body}) == "armed_group"
    assert main_attack.main_attack_starter({9: body}) == ""  # a later sentence tells no main attack
    assert main_attack.main_attack_starter({1: body}) == "state"
    docs = {0: title, 9: body}
    assert main_attack.mark_main_attack(docs) == "armed_group"
    assert main_attack.starter_of(body) == "armed_group" and main_attack.starter_of(nlp("Nothing.")) == ""


def _model_saying(kind):
    """A model that gives `kind` 0.85 for every figure (its intercepts alone), `victims` 0.1, the rest less."""
    shares = {name: 0.05 / (len(KINDS) - 2) for name in KINDS} | {"victims": 0.1, kind: 0.85}
    intercepts = np.array([np.log(shares[name]) for name in KINDS])
    return KindModel(tuple(KINDS), ("flag=vague",), np.zeros((len(KINDS), 1)), intercepts, {})


def _judge(doc, value):
    figures = annotate.find_all_figures(doc)
    figure = next(f for f in figures if f.count.value == value)
    return figure_kinds.judge(doc, figures, 5, model=_model_saying("attackers_dead"))[figures.index(figure)]


@pytest.mark.parametrize("sentence, starter, kind", [
    # the troops answered the armed group's attack the article reports: its dead may be the attackers'
    ("Our soldiers also killed 11 militants, the commander said.", "armed_group", "attackers_dead"),
    # read alone, the troops began the killing: the armed group's dead are its victims (an exact rule)
    ("Our soldiers also killed 11 militants, the commander said.", "", "victims"),
    ("Our soldiers also killed 11 militants, the commander said.", "state", "victims"),
    # an operation of the state's own is another event the state began, whatever the main attack
    ("Eleven militants were killed in a security operation in the district.", "armed_group", "victims"),
    ("Government airstrikes killed 11 militants in the hills.", "armed_group", "victims"),  # an air strike
])
def test_the_state_began_rule_yields_to_a_main_attack_begun_by_an_armed_group(nlp, sentence, starter, kind):
    doc = nlp(sentence)
    doc.user_data["main_attack_starter"] = starter
    assert _judge(doc, 11) == kind


def test_the_main_attack_features_pair_the_starter_with_what_the_figure_counts(nlp):
    doc = nlp("Troops killed 13 militants near the base, the army said.")
    figures = annotate.find_all_figures(doc)
    figure = next(f for f in figures if f.count.value == 13)
    assert not any(name.startswith("main=") for name in figure_kinds.figure_features(doc, figure, 5))
    doc.user_data["main_attack_starter"] = "armed_group"
    features = figure_kinds.figure_features(doc, figure, 5)
    assert features["main=armed_group"] == 1.0 and features["main=armed_group_attackers"] == 1.0
    assert features["main=answered_attackers"] == 1.0
    strike = nlp("Airstrikes killed 13 militants near the base, the army said.")
    strike.user_data["main_attack_starter"] = "armed_group"
    figure = next(f for f in annotate.find_all_figures(strike) if f.count.value == 13)
    assert "main=answered_attackers" not in figure_kinds.figure_features(strike, figure, 5)  # the state's own strike
    assert all(name.startswith(figure_kinds.FEATURE_PREFIXES) for name in features)

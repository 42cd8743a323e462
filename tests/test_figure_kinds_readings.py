"""The kinds-recall parts of the figure-kind judgement (helpers.figure_kinds): who began the event as features
(initiative_features) and two exact rules after the model - the armed group's members killed in a killing the
state began are never the attackers' own dead (began_by_the_state), and an earlier or revised reading of a toll
is never a part of a total (is_another_reading). Sentences written for these tests."""
import pytest

from helpers import annotate, figure_kinds
from helpers.figure_kinds import KINDS, KindModel
import numpy as np


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _figure(nlp, sentence, value):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    return doc, figures, next(f for f in figures if f.count.value == value)


def _features(nlp, sentence, value):
    doc, figures, figure = _figure(nlp, sentence, value)
    return figure_kinds.figure_features(doc, figure, 4, sentence_figures=figures)


def _model_saying(kind):
    """A model that gives `kind` 0.85 for every figure (its intercepts alone), `victims` 0.1, the rest less."""
    shares = {name: 0.05 / (len(KINDS) - 2) for name in KINDS} | {"victims": 0.1, kind: 0.85}
    intercepts = np.array([np.log(shares[name]) for name in KINDS])
    return KindModel(tuple(KINDS), ("flag=vague",), np.zeros((len(KINDS), 1)), intercepts, {})


def test_militants_killed_in_an_operation_the_state_began_are_marked_so(nlp):
    features = _features(nlp, "Twelve militants were killed in a security operation in the district.", 12)
    assert features["side=state_operation"] == 1.0
    assert features["side=state_initiated"] == 1.0 and features["side=state_initiated_attackers"] == 1.0
    answered = _features(nlp, "Troops repelled the attack and killed 12 militants.", 12)
    assert "side=response" in answered and "side=state_initiated" not in answered
    attacked = _features(nlp, "Militants killed 12 soldiers in an ambush.", 12)
    assert not any(name.startswith("side=state") for name in attacked)
    assert all(name.startswith(figure_kinds.FEATURE_PREFIXES) for name in features)


@pytest.mark.parametrize("sentence, value, kind", [
    ("Twelve militants were killed in a security operation in the district.", 12, "victims"),
    ("Government airstrikes killed nine insurgents in the hills on Monday.", 9, "victims"),
    ("Troops repelled the attack and killed 12 militants.", 12, "attackers_dead"),  # they answered an attack
    ("Police shot dead four assailants outside the bank.", 4, "attackers_dead"),  # named as the attack's doers
    ("Militants killed 12 soldiers in an ambush.", 12, "attackers_dead"),  # the model's call, no rule
])
def test_an_armed_groups_dead_in_a_killing_the_state_began_are_never_the_attackers_dead(nlp, sentence, value, kind):
    doc, figures, figure = _figure(nlp, sentence, value)
    position = figures.index(figure)
    judged = figure_kinds.judge(doc, figures, 4, model=_model_saying("attackers_dead"))
    assert judged[position] == kind


@pytest.mark.parametrize("sentence, value, kind", [
    ("The new toll is far above the eight deaths initially reported.", 8, "victims"),
    ("An initial report said 20 people died in the fire at the depot.", 20, "victims"),
    ("Local officials previously confirmed 60 deaths.", 60, "victims"),
    ("Three children were killed in the blast.", 3, "part_of_total"),  # no other reading: the model's call
])
def test_an_earlier_or_revised_reading_of_a_toll_is_never_a_part_of_a_total(nlp, sentence, value, kind):
    doc, figures, figure = _figure(nlp, sentence, value)
    assert figure_kinds.is_another_reading(doc, figure) is (kind == "victims")
    judged = figure_kinds.judge(doc, figures, 4, model=_model_saying("part_of_total"))
    assert judged[figures.index(figure)] == kind


@pytest.mark.parametrize("sentence, value, kind", [
    ("Twenty soldiers died at the border post, while six farmers were killed in a village nearby.", 6, "victims"),
    ("Five guards were shot dead in the north, whereas three drivers were killed on the highway.", 3, "victims"),
    ("Six children were killed while playing near the school.", 6, "part_of_total"),  # "while" of time
    ("Gunmen killed six children while they were playing near the school.", 6, "part_of_total"),  # "while" of time
])
def test_a_count_in_a_clause_of_its_own_after_a_contrast_word_is_never_a_part(nlp, sentence, value, kind):
    doc, figures, figure = _figure(nlp, sentence, value)
    assert figure_kinds.is_parallel_count(doc, figure) is (kind == "victims")
    judged = figure_kinds.judge(doc, figures, 4, model=_model_saying("part_of_total"))
    assert judged[figures.index(figure)] == kind


def test_a_figure_whose_clause_has_no_verb_is_no_parallel_count(nlp):
    # a headline with no verb: the walk up the parse ends at its root
    doc, figures, figure = _figure(nlp, "Attack on village: 12 dead, while 40 wounded", 12)
    assert figure_kinds.is_parallel_count(doc, figure) is False

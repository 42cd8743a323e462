"""A count set beside a count of the attackers is the attacked side's, and a toll net of its attackers is the victims'
figure (helpers.figure_sides, helpers.figure_kinds.judge_figures), on sentences written for these tests."""
import pytest

from helpers import annotate, figure_kinds
from helpers.figure_sides import is_set_beside_attackers


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _beside(nlp, sentence):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    return {figure.count.value: is_set_beside_attackers(doc, figure, figures) for figure in figures}


@pytest.mark.parametrize("sentence, expected", [
    # two sides' dead side by side: the count that does not name the attackers is the attacked side's
    ("A police spokesman said two policemen and three of the attackers were killed in the exchange of fire.",
     {2: True, 3: False}),
    ("Four guards were killed while two of the gunmen were shot dead by the police.", {4: True, 2: False}),
    # no count of attackers beside it: nothing to say
    ("Two policemen were killed and three civilians were wounded in the attack on the checkpoint.",
     {2: False, 3: False}),
    # the attackers' own count is never the attacked side
    ("Twelve people were killed, including three attackers, in the raid on the village.", {3: False}),
])
def test_a_count_beside_the_attackers_count_is_the_attacked_side(nlp, sentence, expected):
    found = _beside(nlp, sentence)
    assert {value: found.get(value) for value in expected} == expected


def test_the_attacked_side_beside_the_attackers_is_never_judged_their_dead_or_a_part(nlp):
    doc = nlp("A police spokesman said two policemen and three of the attackers were killed in the exchange of fire.")
    figures = annotate.find_all_figures(doc)
    kinds = dict(zip([f.count.value for f in figures], figure_kinds.judge(doc, figures, 1)))
    assert kinds[2] == "victims"
    assert kinds[3] == "attackers_dead"


@pytest.mark.parametrize("sentence, victims, attackers", [
    ("Eight people were killed in the western region, including three knife-wielding assailants, officials said.", 5, 3),
    ("Nine people died in the market bombing, including two of the suicide bombers, police said.", 7, 2),
])
def test_a_toll_net_of_its_attackers_is_the_victims_figure(nlp, sentence, victims, attackers):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    net = [figure for figure in figures if figure.is_net_of_attackers]
    assert [figure.count.value for figure in net] == [victims]
    kinds = dict(zip([f.count.value for f in figures], figure_kinds.judge(doc, figures, 1)))
    assert kinds == {victims: "victims", attackers: "attackers_dead"}

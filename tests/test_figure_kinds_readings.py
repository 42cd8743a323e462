"""The kinds-recall features of the figure-kind model (helpers.figure_kinds.initiative_features and
reading_features): who began the event, and a figure given as another reading of a toll. Sentences written for
these tests."""
import pytest

from helpers import annotate, figure_kinds


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _features(nlp, sentence, value, earlier=()):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    figure = next(f for f in figures if f.count.value == value)
    return figure_kinds.figure_features(doc, figure, 4, earlier=earlier, sentence_figures=figures)


def test_militants_killed_in_an_operation_the_state_began_are_marked_so(nlp):
    features = _features(nlp, "Twelve militants were killed in a security operation in the district.", 12)
    assert features["side=state_operation"] == 1.0
    assert features["side=state_initiated"] == 1.0 and features["side=state_initiated_attackers"] == 1.0
    answered = _features(nlp, "Troops repelled the attack and killed 12 militants.", 12)
    assert "side=response" in answered and "side=state_initiated" not in answered
    attacked = _features(nlp, "Militants killed 12 soldiers in an ambush.", 12)
    assert not any(name.startswith("side=state") for name in attacked)


def test_an_earlier_or_another_sources_reading_is_marked_and_paired_with_a_larger_figure(nlp):
    earlier = [figure_kinds.Earlier("killed", 30, 1)]
    revised = _features(nlp, "The toll of eight initially reported has since risen.", 8, earlier)
    assert revised["reading=revision"] == 1.0 and revised["reading=revision_near"] == 1.0
    assert revised["reading=revision_larger"] == 1.0
    other = _features(nlp, "A hospital official, however, said 20 people had died.", 20, earlier)
    assert other["reading=contrast_larger"] == 1.0 and other["reading=speaker_larger"] == 1.0
    plain = _features(nlp, "Three children were killed in the blast.", 3)
    assert not any(name.startswith("reading=") for name in plain)


def test_every_new_feature_has_a_declared_prefix(nlp):
    features = _features(nlp, "Police said they killed four suspects in a raid, while residents said six died.", 4,
                         [figure_kinds.Earlier("killed", 9, 0)])
    assert all(name.startswith(figure_kinds.FEATURE_PREFIXES) for name in features)
    assert any(name.startswith("side=") for name in features) and any(name.startswith("reading=") for name in features)

"""The learned choice of a source for figures without a speaker of their own (helpers.source_attribution), and
the claims that are the victims' side's count (annotate.sources.side_of_victims), on articles written for these
tests."""
import json

import pandas as pd
import pytest

from helpers import annotate, source_attribution
from helpers.annotate.sources import ArticleSources, Attribution, side_of_victims
from helpers.source_attribution import AttributionModel, Candidate

ARTICLE = ("Twelve villagers killed in attack\n"
           "Gunmen killed 12 villagers in Kalumba on Monday.\n"
           "\"We buried them in the afternoon,\" the district governor said. Twelve villagers died, the police said.\n"
           "In 2019, an ambush near the town killed 30 soldiers.")


class _Count:
    def __init__(self, value, is_vague=False):
        self.value, self.is_vague, self.maximum = value, is_vague, None


class _Figure:
    def __init__(self, value):
        self.count, self.start = _Count(value), 0


class _Mention:
    """The fields of a figure set the candidates read."""

    def __init__(self, sentence_index, value, own_dates=()):
        self.sentence_index, self.own_dates, self.key_figure = sentence_index, list(own_dates), _Figure(value)


def _article():
    spans = annotate.split_sentences(ARTICLE)
    sources = [annotate.sentence_source(ARTICLE[s:e], None) for s, e in spans]
    return ArticleSources.of("test_article", ARTICLE, spans, sources)


def test_sentences_know_their_source_paragraph_and_values():
    article = _article()
    assert len(article.sentences) == 5
    assert article.paragraph_of == [0, 1, 2, 2, 3]
    assert [s.figure_source if s else None for s in article.sentence_sources][:2] == [None, None]
    assert article.sentence_sources[2].source_type == "government"  # the governor
    assert article.sentence_sources[3].figure_source == "police"
    assert 12 in article.sentence_values[1] and 30 in article.sentence_values[4]


def test_candidates_are_the_neighbours_the_repeat_and_the_lead_one_per_source_and_none_last():
    article = _article()
    found = source_attribution.candidates(_Mention(1, 12), article.sentences, article.sentence_sources,
                                          article.paragraph_of, article.sentence_values, "main")
    by_source = {c.attribution.figure_source if c.attribution else None: c for c in found}
    assert found[-1].attribution is None and found[-1].kinds == {"none"}
    governor = next(c for c in found if c.attribution is not None and c.attribution.figure_source != "police")
    assert governor.kinds == {"next", "lead"}  # the nearest source after it, and the article's first
    assert by_source["police"].kinds == {"repeat"}  # the sentence restating 'twelve villagers'
    assert by_source["police"].features["cand=same_value"] == 1.0
    assert governor.features["cand=quote"] == 1.0 and "cand=same_value" not in governor.features
    assert governor.features["ctx=source:role=main"] == 1.0 and found[-1].features["ctx=none:role=main"] == 1.0
    recalled = source_attribution.candidates(_Mention(4, 30), article.sentences, article.sentence_sources,
                                             article.paragraph_of, article.sentence_values, "background")
    assert {k for c in recalled for k in c.kinds} == {"prev", "lead", "none"}  # no sentence repeats 30
    assert recalled[0].features["dist=prev:1"] == 1.0 and "para=prev:same" not in recalled[0].features


def test_candidates_know_where_their_source_is_named_and_whether_the_article_names_another():
    article = _article()
    found = source_attribution.candidates(_Mention(1, 12), article.sentences, article.sentence_sources,
                                          article.paragraph_of, article.sentence_values, "main")
    governor = next(c for c in found if c.attribution is not None and c.attribution.figure_source != "police")
    assert governor.features["cand=at:lede"] == 1.0  # named in the article's second paragraph
    assert "cand=only_source" not in governor.features  # the police are named too
    spans = annotate.split_sentences("Blast kills four\nFour people died in the blast, police said.\nThe police "
                                     "said the bomb was hidden in a cart.\nThe market was closed on Tuesday.")
    text = "Blast kills four\nFour people died in the blast, police said.\nThe police said the bomb was hidden in a " \
           "cart.\nThe market was closed on Tuesday."
    alone = ArticleSources.of("alone", text, spans, [annotate.sentence_source(text[s:e], None) for s, e in spans])
    found = source_attribution.candidates(_Mention(0, 4), alone.sentences, alone.sentence_sources,
                                          alone.paragraph_of, alone.sentence_values, "main")
    police = next(c for c in found if c.attribution is not None)
    assert police.features["cand=only_source"] == 1.0  # the only source the article names
    assert "cand=at:lede" in police.features


def test_the_highest_scoring_candidate_is_chosen_and_none_wins_a_tie():
    found = [Candidate(Attribution("police", "government", False), {"prev"}, {"kind=prev": 1.0}),
             Candidate(Attribution("governor", "government", False), {"repeat"}, {"kind=repeat": 1.0}),
             Candidate(None, {"none"}, {"kind=none": 1.0})]
    model = AttributionModel(("kind=none", "kind=prev", "kind=repeat"), (0.0, -1.0, 2.0), 0.0, {})
    with source_attribution.using_model(model):
        assert source_attribution.choose(found).attribution.figure_source == "governor"
    flat = AttributionModel(("kind=none",), (0.0,), 0.0, {})
    with source_attribution.using_model(flat):
        assert source_attribution.choose(found).attribution is None


def test_the_recorder_keeps_the_candidates_and_hands_on_no_source():
    recorder = source_attribution.ExampleRecorder()
    found = [Candidate(Attribution("police", "government", False), {"prev"}, {"kind=prev": 1.0}),
             Candidate(None, {"none"}, {"kind=none": 1.0})]

    class Kept:
        sentence_start, is_dropped, key_figure = 100, False, _Figure(5)

    with source_attribution.using_model(recorder):
        assert source_attribution.choose(found, "a1", Kept()).attribution is None
    assert recorder.examples == {("a1", 100): found}


def test_fitting_gives_the_shipped_format_and_the_json_form_scores_the_same():
    features = [{"kind=prev": 1.0, "type=government": 1.0}, {"kind=none": 1.0}, {"kind=next": 1.0},
                {"kind=none": 1.0, "ctx=none:role=background": 1.0}]
    model = source_attribution.fit(features, [1, 0, 0, 1], {"min_feature_count": 1})
    again = AttributionModel.from_dict(json.loads(json.dumps(model.to_dict())))
    for example in features:
        assert abs(model.score(example) - again.score(example)) < 1e-4
    assert model.score(features[0]) > model.score(features[1])
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        source_attribution.fit(features, [1, 0, 2, 1])
    with pytest.raises(ValueError, match="format must be 1"):
        AttributionModel.from_dict({"format": 2, "feature_names": [], "weights": [], "intercept": 0.0})


def test_shipped_model_has_the_format_the_training_recipe_writes():
    model = source_attribution.load_model()
    data = json.loads(source_attribution.MODEL_PATH.read_text(encoding="utf-8"))
    assert sorted(data) == ["feature_names", "format", "intercept", "recipe", "weights"]
    assert list(model.feature_names) == sorted(model.feature_names)  # DictVectorizer(sort=True)
    assert all(name.startswith(source_attribution.FEATURE_PREFIXES) for name in model.feature_names)
    assert len(model.weights) == len(model.feature_names) > 10
    for key, value in source_attribution.RECIPE.items():
        assert model.recipe[key] == value, key
    assert 0 < model.recipe["n_positive"] < model.recipe["n_examples"]
    examples = source_attribution.EXAMPLES_PATH.read_text(encoding="utf-8").splitlines()
    assert len(examples) == model.recipe["n_examples"] + 1  # the examples file is the one it was fitted on


@pytest.mark.parametrize("speaker, perpetrator, expected", [
    # a group counting the dead of an attack on its side by a state's forces: not a claim
    (Attribution("Taliban", "perpetrator_claim", True), ["Pakistani government forces"], ("government", False)),
    # the group that attacked: its figure stays a claim
    (Attribution("al-Shabaab", "perpetrator_claim", True), ["al-Shabaab"], ("perpetrator_claim", True)),
    # attackers not known: the claim is left as it is
    (Attribution("al-Shabaab", "perpetrator_claim", True), ["Unidentified armed group"], ("perpetrator_claim", True)),
    # an official is no claim whoever attacked
    (Attribution("police", "government", False), ["Nigerian government forces"], ("government", False)),
])
def test_a_claim_is_the_attackers_and_a_group_attacked_by_forces_counts_its_own_side(speaker, perpetrator, expected):
    found = side_of_victims(speaker, perpetrator)
    assert (found.source_type, found.is_claim) == expected
    assert found.figure_source == speaker.figure_source


def test_a_group_counting_the_dead_of_forces_air_strikes_is_no_claimant_in_an_annotated_article():
    text = ("Air strikes kill 46 in border province\n"
            "Pakistani air strikes on a village in Paktika province killed 46 people on Tuesday, according to a "
            "Taliban spokesman.")
    rows = annotate.annotate_articles(pd.DataFrame([("t1", text, "2024-12-26")],
                                                   columns=["article_id", "text", "published"]))
    row = rows[rows["killed"] == 46].iloc[0]
    assert "Pakistan" in row["perpetrator"]
    assert (row["figure_source"], row["source_type"], bool(row["is_claim"])) == ("Taliban", "government", False)


def test_a_main_figure_takes_the_source_of_the_sentence_beside_it_in_its_paragraph_only():
    text = ("Gunmen kill 14 in raid on Westville\n"
            "Gunmen raided Westville on Monday night, the regional monitoring group said.\n"
            "The attackers killed 14 villagers and wounded nine others. The monitoring group said it feared the toll "
            "would rise.\n"
            "The region has seen many such raids.")
    rows = annotate.annotate_articles(pd.DataFrame([("t2", text, "2024-05-14")],
                                                   columns=["article_id", "text", "published"]))
    row = rows[rows["killed"] == 14].iloc[0]
    assert row["source_type"] == "monitor"  # the next sentence of its paragraph names the monitor
    article = ArticleSources.of("t3", "One.\nTwo died. The governor said so.\nThree.", [(0, 4), (5, 14), (15, 36),
                                                                                       (37, 43)],
                                [None, None, Attribution("officials", "government", False), None])
    from helpers.annotate.sources import _paragraph_source
    assert _paragraph_source(_Mention(1, 2), article).figure_source == "officials"
    assert _paragraph_source(_Mention(3, 3), article) is None  # another paragraph
    assert _paragraph_source(_Mention(1, 2, own_dates=["in 2019"]), article) is None  # a dated figure

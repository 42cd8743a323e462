"""The figure-kind judgement (helpers.figure_kinds), on sentences written for these tests."""
import json

import numpy as np
import pandas as pd
import pytest

from helpers import annotate, figure_kinds
from helpers.figure_kinds import KINDS, KindModel


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _judged(nlp, sentence, sentence_index=3):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    war_wide = [annotate._is_war_wide(doc, figure) for figure in figures]
    return [(sentence[f.start:f.end], kind)
            for f, kind in zip(figures, figure_kinds.judge(doc, figures, sentence_index, war_wide))]


def test_shipped_model_has_the_format_the_training_recipe_writes():
    model = figure_kinds.load_model()
    assert model.classes == tuple(KINDS)
    assert model.weights.shape == (len(KINDS), len(model.feature_names)) and len(model.feature_names) > 500
    assert list(model.feature_names) == sorted(model.feature_names)  # DictVectorizer(sort=True)
    assert all(name.startswith(figure_kinds.FEATURE_PREFIXES) for name in model.feature_names)
    for key, value in figure_kinds.RECIPE.items():
        assert model.recipe[key] == value, key
    assert model.recipe["split"] == "dev" and model.recipe["n_examples"] == sum(model.recipe["examples_per_kind"].values())
    data = json.loads(figure_kinds.MODEL_PATH.read_text(encoding="utf-8"))
    assert sorted(data) == ["classes", "feature_names", "format", "intercepts", "recipe", "weights"]


def test_fitting_gives_the_same_format_and_the_json_form_predicts_the_same(nlp):
    sentences = [("Twelve soldiers were killed when gunmen stormed the post.", "victims"),
                 ("Troops repelled the assault and killed 20 militants.", "attackers_dead"),
                 ("Since January, 300 people have been killed in the region.", "cumulative_total"),
                 ("Nine villagers were killed when raiders burned the market.", "victims"),
                 ("Police shot dead four of the assailants near the gate.", "attackers_dead")]
    features, labels = [], []
    for sentence, label in sentences:
        doc = nlp(sentence)
        for figure in annotate.find_all_figures(doc):
            features.append(figure_kinds.figure_features(doc, figure, 2))
            labels.append(label)
    model = figure_kinds.fit(features, labels, {"min_feature_count": 1})
    assert model.classes == tuple(KINDS) and model.weights.shape[1] == len(model.feature_names)
    again = KindModel.from_dict(json.loads(json.dumps(model.to_dict())))
    for example in features:
        first, second = model.probabilities(example), again.probabilities(example)
        assert max(abs(first[k] - second[k]) for k in KINDS) < 1e-4
    assert model.probabilities(features[0])["not_attack"] < 1e-6  # a kind never seen is never chosen
    with pytest.raises(ValueError, match="labels must be figure kinds"):
        figure_kinds.fit(features, ["victim"] * len(features))


def test_a_model_file_of_another_format_is_refused():
    with pytest.raises(ValueError, match="format must be 1"):
        KindModel.from_dict({"format": 2, "classes": KINDS, "feature_names": [], "weights": [], "intercepts": []})
    with pytest.raises(ValueError, match="classes × features"):
        KindModel.from_dict({"format": 1, "classes": KINDS, "feature_names": ["a=b"], "weights": [[0.0]] * 2,
                             "intercepts": [0.0] * len(KINDS)})


def test_features_read_the_counted_noun_the_casualty_word_and_cues(nlp):
    doc = nlp("Since March, soldiers have killed 15 militants in the district.")
    figure = annotate.find_all_figures(doc)[0]
    features = figure_kinds.figure_features(doc, figure, 0)
    assert {"anchor=militants", "pred=killed", "counted=attacker_word", "cue=since", "sent=title",
            "mag=10-99", "qual=exact", "kind=killed"} <= set(features)


def test_an_unsure_model_leaves_the_figure_to_the_victims():
    assert figure_kinds.decide({"victims": 0.35, "part_of_total": 0.40, "not_figure": 0.25}) == "victims"
    assert figure_kinds.decide({"victims": 0.30, "part_of_total": 0.70}) == "part_of_total"
    assert figure_kinds.decide({"victims": 0.30, "attackers_dead": 0.40, "not_figure": 0.30}) == "attackers_dead"


def test_exact_rules_come_before_the_model(nlp):
    assert _judged(nlp, "The war has killed more than 350,000 people since 2011.") == [
        ("more than 350,000", "cumulative_total")]
    kinds = dict(_judged(nlp, "Five guards were captured and two were killed at the depot."))
    assert kinds["Five"] == "victims"  # captured people are not judged: they stay an extra column


# Learned behaviour on sentences written for this test, each kind as data/corpus/CONVENTIONS.md defines it.
@pytest.mark.parametrize("sentence, figure, kind", [
    ("Twelve soldiers were killed when militants stormed the base on Monday, the army said.", "Twelve", "victims"),
    ("Soldiers repelled the assault and killed 15 militants, the army said.", "15", "attackers_dead"),
    ("Since January, 180 soldiers have been killed in attacks in the region, according to a tally.", "180",
     "cumulative_total"),
    ("Ten pro-government militiamen were killed in the raid, the monitor said.", "Ten", "victims"),
])
def test_the_model_tells_the_kinds_apart(nlp, sentence, figure, kind):
    assert (figure, kind) in _judged(nlp, sentence)


def test_gold_labels_come_from_the_row_with_the_same_number_and_sentence():
    text = "Gunmen killed 7 guards. Troops killed 3 attackers. Seven guards died, officials said. Two cars burned."
    gold = [{"evidence": "Seven guards died, officials said.", "killed": "7", "figure_kind": "victims"},
            {"evidence": "Troops killed 3 attackers.", "killed": "3", "figure_kind": "attackers_dead"},
            {"evidence": "", "killed": "", "vague_text": "dozens", "figure_kind": "victims"}]
    assert figure_kinds.label_figure(text, gold, (24, 50), "3", 3, False) == "attackers_dead"
    assert figure_kinds.label_figure(text, gold, (0, 23), "7", 7, False) == "victims"  # a repeat elsewhere
    assert figure_kinds.label_figure(text, gold, (0, 23), "12", 12, False) == "not_figure"
    assert figure_kinds.label_figure(text, gold, (0, 23), "dozens", 24, True) == "victims"
    with pytest.raises(ValueError, match="dev split only"):
        figure_kinds.extract_examples("test")


def test_figures_set_aside_are_listed_with_their_reason_and_sentence():
    text = ("Gunmen killed six villagers in Karu on Monday, police said. "
            "The war has killed more than 350,000 people since 2011.")
    articles = pd.DataFrame([("k1", text, "2022-05-03")], columns=["article_id", "text", "published"])
    mentions, aside = annotate.annotate_articles_with_set_aside(articles)
    assert list(mentions["killed"]) == [6]
    assert list(aside.columns) == annotate.SET_ASIDE_COLUMNS
    row = aside.iloc[0]
    assert (row["figure_kind"], row["decided_by"], row["value"], row["figure_text"]) == (
        "cumulative_total", "rule", 350000, "more than 350,000")
    assert row["evidence"] == "The war has killed more than 350,000 people since 2011."
    assert text[row["char_start"]:row["char_end"]] == row["evidence"]
    assert row["reason"] == figure_kinds.REASONS["cumulative_total"]


def test_the_attackers_wounded_without_their_dead_are_set_aside_never_a_row_without_a_figure():
    text = ("Islamic State fighters attacked an army post near Palmyra on Monday, killing 10 soldiers. "
            "The army said it wounded 15 of the assailants, who fled.")
    articles = pd.DataFrame([("w1", text, "2022-03-14")], columns=["article_id", "text", "published"])
    problems = []
    mentions, aside = annotate.annotate_articles_with_set_aside(articles, problems=problems)
    figures = ["killed", "wounded", "casualties", "attackers_killed", "killed_vague_low", "wounded_vague_low"]
    assert mentions[figures].notna().any(axis=1).all()
    assert list(mentions["killed"]) == [10] and mentions["wounded"].isna().all()
    assert list(zip(aside["figure_kind"], aside["value"], aside["figure_text"])) == [("attackers_dead", 15, "15")]
    assert aside["reason"].tolist() == [annotate.ATTACKERS_WITHOUT_DEAD]
    assert problems == []


def test_out_of_fold_folds_keep_an_events_articles_together_and_only_dev_is_scored_so():
    gold = pd.DataFrame({"article_id": ["a", "b", "c", "d", "e", "e"], "event_id": ["E1", "E1", "E2", "E3", "E3", "E4"]})
    folds = figure_kinds.article_folds(["a", "b", "c", "d", "e", "f"], gold, folds=2)
    assert folds["a"] == folds["b"] and folds["d"] == folds["e"]
    assert set(folds) == {"a", "b", "c", "d", "e", "f"} and set(folds.values()) == {0, 1}
    from helpers import score
    with pytest.raises(ValueError, match="out-of-fold scoring is for the dev split"):
        score.score_split("test", out_of_fold=True)
    with pytest.raises(ValueError, match="dev split's articles"):
        figure_kinds.annotate_out_of_fold(pd.DataFrame({"article_id": ["not_a_dev_article"], "text": ["x"]}))


def test_people_on_the_governments_side_by_their_words_are_never_the_attackers_dead(nlp):
    for sentence, figure in [("Days earlier, 12 government loyalists were killed in a raid by the militants.", "12"),
                             ("Six allied fighters died when insurgents attacked the outpost.", "Six")]:
        assert dict(_judged(nlp, sentence))[figure] != "attackers_dead"


def _article(nlp, sentences):
    docs = {index: nlp(sentence) for index, sentence in enumerate(sentences)}
    return docs, figure_kinds.article_figures(docs)


def test_the_articles_figures_are_gathered_from_every_sentence_later_ones_included(nlp):
    docs, article = _article(nlp, ["Four children were killed, a doctor said.",
                                   "Gunmen killed 19 villagers in Dogo on Sunday, police said.",
                                   "Dozens were wounded and 19 people were killed in the raid."])
    assert [(item.kind, item.value, item.sentence_index) for item in article] == [
        ("killed", 4, 0), ("killed", 19, 1), ("killed", 19, 2)]  # the vague 'dozens' is no printed total


def test_parts_that_sum_to_a_printed_total_are_set_aside_by_rule(nlp):
    sentences = ["A bomb killed 26 passengers on a bus near Kale on Monday, officials said.",
                 "Twenty-four passengers died at the scene and two died later in hospital, a doctor said."]
    docs, article = _article(nlp, sentences)
    figures = annotate.find_all_figures(docs[1])
    assert [figure.count.value for figure in figures] == [24, 2]
    assert figure_kinds.sums_into_total(docs[1], figures, 1, article) == {0, 1}
    assert figure_kinds.judge_figures(docs[1], figures, 1, article=article) == [("part_of_total", "rule")] * 2
    assert figure_kinds.sums_into_total(docs[1], figures, 1, ()) == set()  # no printed total, no rule
    # parts that do not add up to a printed figure are left to the model
    docs, article = _article(nlp, [sentences[0].replace("26", "30"), sentences[1]])
    assert figure_kinds.sums_into_total(docs[1], annotate.find_all_figures(docs[1]), 1, article) == set()


def test_the_attackers_are_never_a_part_summed_into_the_victims_total(nlp):
    docs, article = _article(nlp, ["Eight people died in the attack on the market, police said.",
                                   "Three attackers and five shoppers were killed when the bombs went off."])
    figures = annotate.find_all_figures(docs[1])
    assert figure_kinds.sums_into_total(docs[1], figures, 1, article) == set()


def test_two_sources_tolls_are_never_parts_summed_into_a_total(nlp):
    docs, article = _article(nlp, ["Gunmen attacked the post at Dano, killing 19 people.",
                                   "Officials put the toll at nine dead, while another source said 10 troops "
                                   "had been killed."])
    figures = annotate.find_all_figures(docs[1])
    assert sorted(figure.count.value for figure in figures) == [9, 10]
    assert figure_kinds.sums_into_total(docs[1], figures, 1, article) == set()


def test_a_figure_the_gold_counts_as_a_sum_or_in_rounder_words_is_labelled_by_that_row():
    text = ("Gunmen killed four guards and a cook at the depot. Police killed six of the raiders. "
            "The raid killed almost 50 people. Officials put the toll at 47.")
    gold = [{"evidence": "Gunmen killed four guards and a cook at the depot.", "killed": "5",
             "figure_kind": "victims"},
            {"evidence": "Police killed six of the raiders.", "killed": "8", "figure_kind": "attackers_dead"},
            {"evidence": "Officials put the toll at 47.", "killed": "47", "figure_kind": "victims"}]
    # an item of a breakdown the gold sums into one row: a part of that victims' row
    assert figure_kinds.label_figure(text, gold, (0, 50), "four", 4, False, "killed") == "part_of_total"
    # a part of the attackers' dead is the attackers' dead
    assert figure_kinds.label_figure(text, gold, (51, 84), "six", 6, False, "killed") == "attackers_dead"
    # a rounded restatement of a row's count takes that row's kind, as a repeat does; a plain number does not
    assert figure_kinds.label_figure(text, gold, (85, 117), "almost 50", 50, False, "killed",
                                     "fewer_than") == "victims"
    assert figure_kinds.label_figure(text, gold, (85, 117), "50", 50, False, "killed") == "not_figure"
    # a larger number of another figure (wounded) is no whole of a killed figure
    assert figure_kinds.label_figure(text, gold, (0, 50), "four", 4, False, "wounded") == "not_figure"


def test_class_weights_are_balanced_and_softened_by_a_power():
    labels = ["victims"] * 8 + ["part_of_total"] * 2
    balanced = figure_kinds.class_weights(labels, "balanced")
    assert balanced == pytest.approx({"victims": 10 / 16, "part_of_total": 10 / 4})
    softened = figure_kinds.class_weights(labels, "balanced", 0.5)
    assert softened == pytest.approx({"victims": (10 / 16) ** 0.5, "part_of_total": (10 / 4) ** 0.5})
    assert figure_kinds.class_weights(labels, None) is None
    with pytest.raises(ValueError, match="class_weight must be"):
        figure_kinds.class_weights(labels, "even")


@pytest.mark.parametrize("sentence, counted", [
    ("Police said 14 people were killed in the market.", "generic"),
    ("Troops killed 14 militants near the border.", "attackers"),
    ("Seven of them died in hospital, a doctor said.", "partitive"),
    ("Police shot dead three of the assailants.", "attackers"),
    ("The blast killed 14 children at the school.", "specific"),
])
def test_the_context_features_name_what_the_figure_counts(nlp, sentence, counted):
    doc = nlp(sentence)
    figure = annotate.find_all_figures(doc)[0]
    earlier = [figure_kinds.Earlier(figure.kind, 40, 0)]
    features = figure_kinds.figure_features(doc, figure, 2, earlier=earlier)
    assert {"ctx=larger_before", f"ctx=larger_before_{counted}"} <= set(features)


def test_the_article_s_later_figures_and_the_attackers_role_are_features(nlp):
    docs, article = _article(nlp, ["Nine children killed in school attack",
                                   "Gunmen killed 40 people at the school on Monday after militants stormed it.",
                                   "Police said the army killed 12 militants."])
    title = annotate.find_all_figures(docs[0])[0]
    features = figure_kinds.figure_features(docs[0], title, 0, article=article)
    assert "ctx=larger_after" in features and "ctx=same_after" not in features
    body = annotate.find_all_figures(docs[1])[0]
    assert "cue_role=attackers_agent" in figure_kinds.figure_features(docs[1], body, 1, article=article)
    militants = annotate.find_all_figures(docs[2])[0]
    features = figure_kinds.figure_features(docs[2], militants, 2, article=article)
    assert "cue_role=attackers_agent" not in features


def test_a_larger_figure_elsewhere_is_read_apart_when_the_sentence_tells_an_attack_of_its_own(nlp):
    earlier = [figure_kinds.Earlier("killed", 40, 0)]
    own = nlp("The same month, rebels ambushed a bus on the highway, killing six people including a child.")
    features = figure_kinds.figure_features(own, annotate.find_all_figures(own)[0], 3, earlier=earlier)
    assert "ctx=larger_before_own_attack" in features and "ctx=larger_before" not in features
    part = nlp("Six children died in hospital, a doctor said.")
    features = figure_kinds.figure_features(part, annotate.find_all_figures(part)[0], 3, earlier=earlier)
    assert "ctx=larger_before" in features and "ctx=larger_before_own_attack" not in features


@pytest.mark.parametrize("sentence, value", [
    ("Gunmen killed 11 villagers in two separate attacks on Sunday, police said.", "11"),
    ("Three separate explosions hit the market town on Monday, killing at least four people.", "at least four"),
    ("Rebels ambushed the army convoy twice on Friday, killing nine soldiers, officials said.", "nine"),
    ("Two attacks on police posts in the north left 14 officers dead.", "14"),
    ("An ambush on a police patrol and a car bombing near the army base left at least 14 people dead on Thursday.",
     "at least 14"),  # two attacks named together before the figure
    ("A roadside explosion at the market and a suicide attack at the checkpoint killed nine people.", "nine"),
    # attacks in the plural with no article: several of them
    ("Nine herders were killed this week in attacks on villages near the park, officials said.", "Nine"),
    ("Militants killed at least five soldiers during recent raids on army posts.", "at least five"),
    # two attacks named after the figure, as its cause
    ("Eight people died following an explosion at a market in the east and a suicide attack at a mosque in "
     "the west.", "Eight"),
])
def test_a_figure_of_a_sentence_that_counts_several_attacks_is_their_total(nlp, sentence, value):
    assert (value, "multi_attack_total") in _judged(nlp, sentence)


@pytest.mark.parametrize("sentence", [
    "The bombing, which came after two attacks on churches last month, killed 12 worshippers.",  # earlier attacks
    "Police said 12 people were killed on January 2 in an attack on the village.",  # a date's number, no count
    "A suicide bomber killed 30 people at the mosque, the latest of several attacks on the city.",
    # each attack its own count
    "A car bombing killed 12 people in the capital, and an attack on a checkpoint wounded three soldiers.",
    "Five people were killed in the attacks on the capital.",  # 'the attacks': often one coordinated attack
    # two attacks named after the figure only as a comparison or another time
    "Ten people were killed in the raid, more than in an attack on a school and a bombing last year.",
])
def test_attacks_counted_as_another_time_s_or_not_counted_make_no_multi_attack_rule(nlp, sentence):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    assert figures and not any(figure_kinds.counts_several_attacks(doc, figure, figures) for figure in figures)


def test_each_toll_of_a_sentence_that_counts_several_attacks_is_not_a_total_by_the_rule(nlp):
    # two counts of one kind: each is one attack's, so the rule leaves them to the model
    doc = nlp("Gunmen killed six farmers in one village and four herders in another in two separate attacks.")
    figures = annotate.find_all_figures(doc)
    assert len([f for f in figures if f.kind == "killed"]) == 2
    assert not any(figure_kinds.counts_several_attacks(doc, figure, figures) for figure in figures)
    doc = nlp("Two coordinated attacks on the hotel killed 20 guests.")  # told as one attack as often as not
    assert not any(figure_kinds.counts_several_attacks(doc, f, [f]) for f in annotate.find_all_figures(doc))


@pytest.mark.parametrize("sentence, part", [
    ("Dozens of people have been killed, a police spokesman said on Monday, including nine people killed when "
     "their bus was ambushed.", "nine"),
    ("The number of people killed in the shelling has reached 40, among them 12 children killed in a school.", "12"),
    ("At least 20 people were killed in the raid, including 11 women who died in the market.", "11"),
])
def test_a_count_listed_after_a_larger_count_of_its_kind_is_a_part_of_it(nlp, sentence, part):
    judged = _judged(nlp, sentence)
    assert (part, "part_of_total") in judged
    assert [kind for text, kind in judged if text != part] == ["victims"]  # the whole stays the toll


def test_a_count_after_of_them_is_a_part_of_the_larger_count_just_before(nlp):
    doc = nlp("Of them, six were killed inside the mosque, a witness said.")
    figures = annotate.find_all_figures(doc)
    assert [figures[0].count.value] == [6]
    earlier = [figure_kinds.Earlier("killed", 15, 2)]
    assert figure_kinds.listed_part(doc, figures[0], figures, earlier, 3)
    assert not figure_kinds.listed_part(doc, figures[0], figures, [figure_kinds.Earlier("killed", 4, 2)], 3)
    assert not figure_kinds.listed_part(doc, figures[0], figures, [figure_kinds.Earlier("killed", 15, 0)], 3)


@pytest.mark.parametrize("sentence", [
    "Gunmen killed 20 villagers on Monday; in another raid, four soldiers died.",  # a new clause, another count
    "At least 30 people died in the siege, including 12 of the attackers who stormed the hotel.",  # the attackers'
    "At least 30 people died in the siege, among them 12 gunmen who stormed the hotel.",  # dead: left to the model
])
def test_a_smaller_count_in_a_clause_of_its_own_or_of_the_attackers_is_no_listed_part(nlp, sentence):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    assert len(figures) == 2 and not any(figure_kinds.listed_part(doc, figure, figures) for figure in figures)


def _rows_and_set_aside(text):
    return annotate.annotate_articles_with_set_aside(
        pd.DataFrame([("k1", text, "2024-05-14")], columns=["article_id", "text", "published"]))


def test_a_title_restating_a_total_the_body_sets_aside_by_rule_is_that_total():
    rows, aside = _rows_and_set_aside("Land mines kill 8 troops in south\n\nRebels killed eight soldiers in two "
                                      "separate attacks on Monday, the army said.\n\nThe troops were on patrol "
                                      "near the border.")
    assert rows.empty
    assert sorted(zip(aside["value"], aside["figure_kind"], aside["char_start"])) == [
        (8, "multi_attack_total", 0), (8, "multi_attack_total", 35)]


def test_a_title_whose_figure_a_body_row_repeats_stays_that_row():
    rows, _ = _rows_and_set_aside("Land mines kill 8 troops in south\n\nRebels killed eight soldiers in two separate "
                                  "attacks on Monday, the army said.\n\nIn the first attack, eight soldiers died "
                                  "when their truck hit a mine.")
    assert list(rows["killed"]) == [8]


@pytest.mark.parametrize("sentence, value", [
    ("According to the ministry, in the past ten months, 90 incidents occurred, resulting in 58 deaths.", "58"),
    ("More than 300 soldiers have been killed so far this year, the ministry said.", "More than 300"),
    ("The toll of the clashes since the beginning of the fighting has reached 90.", "90"),
    ("Since March, 45 civilians have died in the district, a monitor said.", "45"),
    ("Recent months have seen a surge in raids on farms, with 62 deaths recorded by the council.", "62"),
    ("Over the past months, 130 people have been killed in the valley, the mission said.", "130"),
    ("Three decades of insurgency have left 8,000 people dead in the province.", "8,000"),
    ("More than 2,400 civilians have been killed in the region since the military takeover, a monitor said.",
     "More than 2,400"),
])
def test_a_figure_placed_in_a_span_of_time_longer_than_an_attack_is_a_period_total(nlp, sentence, value):
    assert (value, "cumulative_total") in _judged(nlp, sentence)


@pytest.mark.parametrize("sentence", [
    "The attack, the deadliest in the past ten years, killed 30 people.",  # the span ranks the attack
    "Gunmen killed 12 people on Monday, police said, and the army said 40 soldiers have died since the start "
    "of the year.",  # the span is the other clause's (the 40), not the 12's
    "Twelve people were killed on Monday, the first attack since March 3 in the town.",
    "The bombing, the deadliest since the invasion, killed 31 people.",
    "Gunmen killed 14 villagers in a night raid in the past week, officials said.",  # a week is no longer span
])
def test_a_span_of_time_that_ranks_an_attack_or_belongs_to_another_clause_makes_no_period_total(nlp, sentence):
    doc = nlp(sentence)
    figures = annotate.find_all_figures(doc)
    first = figures[0]
    assert not figure_kinds.counts_a_period(doc, first, figures)


def test_parts_set_side_by_side_by_a_contrast_word_that_sum_to_a_printed_total_are_set_aside(nlp):
    docs, article = _article(nlp, ["A bomb on a bus near Kale killed 26 passengers on Monday, officials said.",
                                   "As many as 24 passengers died at the scene while two died later in hospital."])
    figures = annotate.find_all_figures(docs[1])
    assert [figure.count.value for figure in figures] == [24, 2]
    assert figure_kinds.sums_into_total(docs[1], figures, 1, article) == {0, 1}
    # the same clauses with no printed total they add up to are two counts left to the model
    docs, article = _article(nlp, ["A bomb on a bus near Kale killed 30 passengers on Monday, officials said.",
                                   "As many as 24 passengers died at the scene while two died later in hospital."])
    assert figure_kinds.sums_into_total(docs[1], annotate.find_all_figures(docs[1]), 1, article) == set()
    # a range is no part of a sum
    docs, article = _article(nlp, ["A bomb on a bus near Kale killed 26 passengers on Monday, officials said.",
                                   "Between 20 and 24 passengers died at the scene while two died later."])
    assert figure_kinds.sums_into_total(docs[1], annotate.find_all_figures(docs[1]), 1, article) == set()


@pytest.mark.parametrize("sentence, value, is_spread", [
    ("At least 40 civilians were killed across three provinces on Sunday, the ministry said.", 40, True),
    ("Air strikes across the country killed 23 people, the monitor said.", 23, True),
    ("Gunmen killed 16 people in villages across the district.", 16, False),  # the villages are the people's
    ("Gunmen killed 16 people in the village of Dara.", 16, False),
])
def test_a_killing_spread_across_places_is_a_total_over_several_attacks(nlp, sentence, value, is_spread):
    doc = nlp(sentence)
    figure = next(f for f in annotate.find_all_figures(doc) if f.count.value == value)
    assert figure_kinds.is_spread_across_places(doc, figure) is is_spread
    if is_spread:  # an exact rule, before the model
        assert dict(_judged(nlp, sentence))[sentence[figure.start:figure.end]] == "multi_attack_total"


def test_a_temperature_softens_or_sharpens_the_probabilities_but_keeps_the_most_probable_kind():
    weights = np.zeros((len(KINDS), 2))
    weights[KINDS.index("victims"), 0] = 2.0
    weights[KINDS.index("part_of_total"), 1] = 1.0
    model = KindModel(tuple(KINDS), ("a", "b"), weights, np.zeros(len(KINDS)), {})
    features = {"a": 1.0, "b": 1.0}
    plain = model.probabilities(features)
    soft = figure_kinds.with_temperature(model, 2.0).probabilities(features)
    sharp = figure_kinds.with_temperature(model, 0.5).probabilities(features)
    assert max(plain, key=plain.get) == max(soft, key=soft.get) == max(sharp, key=sharp.get) == "victims"
    assert soft["victims"] < plain["victims"] < sharp["victims"]
    assert figure_kinds.with_temperature(model, 2.0).recipe["temperature"] == 2.0
    with pytest.raises(ValueError, match="temperature must be positive"):
        figure_kinds.with_temperature(model, 0)


def test_log_loss_is_the_mean_negative_log_probability_of_the_labelled_kind():
    probabilities = np.full((2, len(KINDS)), 0.0)
    probabilities[0, KINDS.index("victims")] = 0.5
    probabilities[1, KINDS.index("part_of_total")] = 0.25
    expected = -(np.log(0.5) + np.log(0.25)) / 2
    assert abs(figure_kinds.mean_log_loss(probabilities, ["victims", "part_of_total"]) - expected) < 1e-9


def test_the_shipped_model_records_the_c_and_temperature_chosen_out_of_fold():
    recipe = figure_kinds.load_model().recipe
    assert recipe["C"] in figure_kinds.RECIPE["C_grid"]
    assert recipe["temperature"] in figure_kinds.RECIPE["temperature_grid"]
    losses = recipe["cv_log_loss_by_C"]
    assert losses[str(recipe["C"])] == min(losses.values())  # the least out-of-fold log loss was chosen
    assert recipe["cv_log_loss_calibrated"] <= recipe["cv_log_loss"]


def test_another_sources_smaller_count_is_never_a_part_unless_the_text_makes_it_a_subset():
    # CONVENTIONS, "A count of bodies by another source": its own victims row, a part only when presented as a subset
    other = {"rel=total_other_source": 1.0}
    assert figure_kinds.is_other_sources_count(other)
    assert not figure_kinds.is_other_sources_count({**other, "rel=subset_marker_with_total": 1.0})  # 'among them'
    assert not figure_kinds.is_other_sources_count({**other, "rel=subset_noun_of_generic_total": 1.0})  # 'children'
    assert not figure_kinds.is_other_sources_count({"rel=total_same_source": 1.0})
    assert not figure_kinds.is_other_sources_count({"rel=no_larger_total": 1.0})


@pytest.mark.parametrize("text", [
    "A car bomb killed 20 pilgrims at a shrine on Monday, officials said. The blast came a week after militants "
    "killed four farmers in a nearby village.",
    "Gunmen killed 15 miners at a quarry on Friday, police said. The attack follows a raid three days earlier in "
    "which bandits killed six herders.",
])
def test_the_attack_the_news_came_after_is_never_a_part_of_its_total(text):
    import pandas as pd

    from helpers import annotate
    rows = annotate.annotate_articles(pd.DataFrame([("ca", text, "2024-05-10")], columns=["article_id", "text", "published"]))
    killed = sorted(int(value) for value in rows["killed"].dropna())
    assert killed[0] in (4, 6) and len(killed) == 2

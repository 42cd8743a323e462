"""The learned choice of an attack's province among those its article names (helpers.attack_place), on
sentences written for these tests (none is from a corpus article)."""
import json

import pytest

from helpers import attack_place
from helpers.annotate.records import PlaceChoice
from helpers.attack_place import Candidate, PlaceModel


def _choice(text: str, name: str, admin1: str | None, precision: str = "place", country: str = "Afghanistan",
            origin: bool = False, occurrence: int = 0) -> PlaceChoice:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    fields = {"place": name if precision == "place" else None, "admin1": admin1, "country": country,
              "latitude": None, "longitude": None}
    return PlaceChoice((0 if precision == "place" else 3, origin, admin1 is None), fields, precision, name, start,
                       start + len(name))


def _mention(text: str, name: str, admin1: str, country: str = "Afghanistan") -> tuple:
    start = text.index(name)
    return start, start + len(name), country, admin1


@pytest.mark.parametrize("sentence, name, expected", [
    ("The bodies were found 40 km west of Gardez on Monday.", "Gardez", True),
    ("Gunmen attacked a checkpoint north of Ghazni.", "Ghazni", True),
    ("The raid hit a village southeast of the capital, Kabul.", "Kabul", True),
    ("The Kabul-based rights group counted the dead.", "Kabul", True),
    ("A bomb exploded in Ghazni on Monday.", "Ghazni", False),
    ("Gunmen attacked a checkpoint in northern Ghazni.", "Ghazni", False),
])
def test_a_landmark_a_distance_is_measured_from_or_an_organisation_s_seat_is_a_reference(sentence, name, expected):
    start = sentence.index(name)
    assert attack_place.is_reference(sentence, start, start + len(name)) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("It was the deadliest attack since a bombing in Herat killed 30.", True),
    ("Last month, a blast in Herat killed nine people.", True),
    ("In 2016, gunmen stormed a hotel in Herat.", True),
    ("The attack comes two days after a bombing in Herat.", True),
    ("A blast in Herat killed nine people on Monday.", False),
])
def test_a_sentence_that_tells_of_an_earlier_attack_is_a_recall(sentence, expected):
    assert attack_place.is_recall(sentence) is expected


def test_candidates_are_the_rules_province_first_then_the_others_then_none():
    text = ("A bomb killed 12 worshippers at a mosque in Ghazni on Friday, officials said. It was the deadliest "
            "attack since a bombing in Herat last year. Police in Ghazni province said the toll could rise.")
    ghazni, herat = _choice(text, "Ghazni", "Ghazni"), _choice(text, "Herat", "Herat")
    mentions = [_mention(text, "Ghazni", "Ghazni"), _mention(text, "Herat", "Herat"),
                (text.index("Ghazni province"), text.index("Ghazni province") + 15, "Afghanistan", "Ghazni")]
    sentence = (0, text.index(" It was"))
    found = attack_place.candidates(text, [sentence], [(True, ghazni), (False, herat)], ghazni, mentions, "main")
    assert [c.admin1 for c in found] == ["Ghazni", "Herat", ""]
    first, second, none = (c.features for c in found)
    assert first["rule=yes"] == first["rule=phrase"] == first["own=place"] == 1.0
    assert first["dist=0"] == first["top=votes"] == first["first=yes"] == first["votes=2"] == 1.0
    assert "rule=yes" not in second and second["ctx=place"] == second["recall=all"] == second["dist=1"] == 1.0
    assert none["none=yes"] == none["none=own_named"] == 1.0 and "rule=yes" not in none
    assert all(name.startswith(attack_place.FEATURE_PREFIXES) for c in found for name in c.features)
    # the place each candidate gives: the rules' own; the context's place there; the country alone
    assert found[0].place is ghazni and found[1].place.fields["place"] == "Herat"
    assert found[2].place.fields == {"place": None, "admin1": None, "country": "Afghanistan", "latitude": None,
                                     "longitude": None}


def test_a_province_named_only_by_the_article_gives_the_province_alone():
    text = "Gunmen killed five farmers on Sunday, the governor of Kunar province said."
    rule = PlaceChoice((5, False, True), {"place": None, "admin1": None, "country": "Afghanistan", "latitude": None,
                                          "longitude": None}, "country", None, -1, -1)
    mentions = [_mention(text, "Kunar province", "Kunar")]
    found = attack_place.candidates(text, [(0, len(text))], [], rule, mentions, "main")
    assert [c.admin1 for c in found] == ["", "Kunar"]  # the rules gave none: "no province" is theirs
    assert found[0].features["rule=yes"] == 1.0 and found[0].place is rule
    assert found[1].place.fields["admin1"] == "Kunar" and found[1].place.precision == "admin1"


def test_no_choice_without_a_country_or_with_several_provinces():
    text = "Clashes between Ghazni and Herat killed ten."
    several = PlaceChoice((3, False, False), {"place": None, "admin1": "Ghazni;Herat", "country": "Afghanistan",
                                              "latitude": None, "longitude": None}, "admin1", "between", 0, 10)
    assert attack_place.candidates(text, [(0, len(text))], [], several, [], "main") == []
    assert attack_place.candidates(text, [(0, len(text))], [], None, [], "main") == []


def test_a_recalled_attack_the_rules_left_without_a_province_is_no_choice():
    text = "Last month a bomb killed nine soldiers. Troops in Homs and Hama provinces are on alert."
    rule = PlaceChoice((5, False, True), {"place": None, "admin1": None, "country": "Syria", "latitude": None,
                                          "longitude": None}, "country", None, -1, -1)
    mentions = [_mention(text, "Homs", "Homs", "Syria"), _mention(text, "Hama", "Hama", "Syria")]
    sentence = [(0, text.index(" Troops"))]
    assert attack_place.candidates(text, sentence, [], rule, mentions, "background") == []
    assert [c.admin1 for c in attack_place.candidates(text, sentence, [], rule, mentions, "main")] == ["", "Homs",
                                                                                                     "Hama"]


def test_a_recalled_attack_at_a_village_the_index_lacks_is_a_choice_among_the_named_provinces():
    text = "Last month a bomb killed nine soldiers in Kafr Zalbun. Troops in Homs and Hama provinces are on alert."
    rule = PlaceChoice((0, False, True), {"place": "Kafr Zalbun", "admin1": None, "country": "Syria", "latitude": None,
                                          "longitude": None}, "place", "in Kafr Zalbun", text.index("in Kafr"),
                       text.index(". Troops"))
    mentions = [_mention(text, "Homs", "Homs", "Syria"), _mention(text, "Hama", "Hama", "Syria")]
    sentence = [(0, text.index(" Troops"))]
    found = attack_place.candidates(text, sentence, [(True, rule)], rule, mentions, "background")
    assert [c.admin1 for c in found] == ["", "Homs", "Hama"]
    assert found[0].place is rule and found[1].place.fields["place"] is None  # no point of another place


def test_a_province_named_as_itself_is_told_from_one_named_through_a_town():
    text = "Gunmen attacked a gas site in Kafr Zalbun. The area lies in Homs province; troops came from Hama."
    rule = PlaceChoice((0, False, True), {"place": "Kafr Zalbun", "admin1": "Hama", "country": "Syria",
                                          "latitude": 35.0, "longitude": 36.0}, "place", "in Kafr Zalbun",
                       text.index("in Kafr"), text.index(". The"))
    mentions = [_mention(text, "Homs province", "Homs", "Syria"), _mention(text, "Hama", "Hama", "Syria")]
    found = {c.admin1: c.features for c in attack_place.candidates(text, [(0, text.index(" The"))], [(True, rule)],
                                                                   rule, mentions, "main")}
    assert found["Homs"].get("name=yes") == 1.0
    assert found["Hama"].get("name=yes") == 1.0  # 'from Hama' names it as itself, though only as an origin
    assert "name=yes" not in found[""]
    assert not attack_place._names_province(text, text.index("in Kafr"), text.index(". The"), "Hama")


def test_a_region_takes_none_of_the_provinces_the_article_names():
    text = "Gunmen killed seven drivers in the Syrian desert on Monday. Troops in Homs province pursued them."
    desert = PlaceChoice((4, False, True), {"place": "Syrian Desert", "admin1": None, "country": "Syria",
                                            "latitude": None, "longitude": None}, "region", "in the Syrian desert",
                         text.index("in the"), text.index(" on Monday"))
    mentions = [_mention(text, "Homs province", "Homs", "Syria")]
    assert attack_place.candidates(text, [(0, text.index(" Troops"))], [(True, desert)], desert, mentions,
                                   "main") == []


def test_the_dateline_s_province_is_told():
    text = "HERAT (Reuters) - A bomb killed 12 people in Ghazni on Friday."
    ghazni = _choice(text, "Ghazni", "Ghazni")
    mentions = [_mention(text, "Ghazni", "Ghazni")]
    found = attack_place.candidates(text, [(18, len(text))], [(True, ghazni)], ghazni, mentions, "main",
                                    dateline_admin1="Herat")
    assert "dateline=yes" not in found[0].features
    found = attack_place.candidates(text, [(18, len(text))], [(True, ghazni)], ghazni, mentions, "main",
                                    dateline_admin1="Ghazni")
    assert found[0].features["dateline=yes"] == 1.0


def test_the_highest_scoring_candidate_is_chosen_and_the_rules_choice_wins_a_tie():
    found = [Candidate("Kabul", {"rule=yes": 1.0}), Candidate("Kunduz", {"top=votes": 1.0})]
    model = PlaceModel(("rule=yes", "top=votes"), (1.0, 2.0), 0.0, {})
    with attack_place.using_model(model):
        assert attack_place.choose(found) == 1
    flat = PlaceModel(("n=2",), (0.0,), 0.0, {})
    with attack_place.using_model(flat):
        assert attack_place.choose(found) == 0


def test_the_recorder_keeps_the_candidates_and_the_rules_choice():
    recorder = attack_place.ExampleRecorder()
    found = [Candidate("Kabul", {"rule=yes": 1.0}), Candidate("", {})]
    with attack_place.using_model(recorder):
        assert attack_place.choose(found, "a1", (100, 140)) is None
    assert recorder.examples == {("a1", 100): found, ("a1", 140): found}


def test_out_of_fold_models_refuse_an_article_outside_the_dev_folds():
    folds = attack_place.FoldModels({"a1": 0}, {0: PlaceModel((), (), 0.0, {})})
    with attack_place.using_model(folds), pytest.raises(ValueError, match="dev split"):
        attack_place.choose([Candidate("Kabul", {})], "elsewhere")


def test_fitting_gives_the_shipped_format_and_the_json_form_scores_the_same():
    features = [{"rule=yes": 1.0, "top=votes": 1.0}, {"recall=all": 1.0}, {"rule=yes": 1.0},
                {"top=votes": 1.0, "lead=yes": 1.0}]
    model = attack_place.fit(features, [1, 0, 0, 1], {"min_feature_count": 1})
    again = PlaceModel.from_dict(json.loads(json.dumps(model.to_dict())))
    for example in features:
        assert abs(model.score(example) - again.score(example)) < 1e-4
    assert model.score(features[0]) > model.score(features[1])
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        attack_place.fit(features, [1, 0, 2, 1])
    with pytest.raises(ValueError, match="format must be 1"):
        PlaceModel.from_dict({"format": 2, "feature_names": [], "weights": [], "intercept": 0.0})


def test_shipped_model_has_the_format_the_training_recipe_writes():
    model = attack_place.load_model()
    data = json.loads(attack_place.MODEL_PATH.read_text(encoding="utf-8"))
    assert sorted(data) == ["feature_names", "format", "intercept", "recipe", "weights"]
    assert list(model.feature_names) == sorted(model.feature_names)  # DictVectorizer(sort=True)
    assert all(name.startswith(attack_place.FEATURE_PREFIXES) for name in model.feature_names)
    assert len(model.weights) == len(model.feature_names) > 10
    for key, value in attack_place.RECIPE.items():
        assert model.recipe[key] == value, key
    assert 0 < model.recipe["n_positive"] < model.recipe["n_examples"]
    examples = attack_place.EXAMPLES_PATH.read_text(encoding="utf-8").splitlines()
    assert len(examples) == model.recipe["n_examples"] + 1  # the examples file is the one it was fitted on


def test_a_province_named_only_where_another_attack_s_figures_are_told_is_marked():
    text = ("Gunmen killed seven police officers at a checkpoint on Monday, officials in Ghazni said. On Sunday a "
            "bomb in Herat killed four people.")
    ghazni, herat = _choice(text, "Ghazni", "Ghazni"), _choice(text, "Herat", "Herat")
    first = (0, text.index(" On Sunday"))
    second = (text.index("On Sunday"), len(text))
    found = attack_place.candidates(text, [first], [(True, ghazni), (False, herat)], ghazni, [], "main",
                                    other_sentences=[second])
    by_name = {c.admin1: c.features for c in found}
    assert by_name["Herat"]["other=all"] == 1.0 and "other=all" not in by_name["Ghazni"]
    assert by_name["Herat"]["main:other=all"] == 1.0  # again under the event's role

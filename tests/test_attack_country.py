"""The learned choice of an attack's country among those its article names (helpers.attack_country), on
sentences written for these tests (none is from a corpus article)."""
import json

import pytest

from helpers import attack_country, place_context
from helpers.annotate.records import PlaceChoice, _ArticleFacts
from helpers.attack_country import Candidate, CountryModel


def _facts(text: str) -> _ArticleFacts:
    countries = place_context.article_countries(text)
    return _ArticleFacts(None, None, countries.focus, countries=countries)


def _choice(country: str, precision: str, start: int = 0, origin: bool = False) -> PlaceChoice:
    fields = {"place": "X", "admin1": None, "country": country, "latitude": None, "longitude": None}
    return PlaceChoice((0, origin, True), fields, precision, "in X", start, start + 4)


def test_candidates_are_the_rules_country_first_then_the_places_and_the_article_s_countries():
    text = ("Kenyan troops said militants overran their base outside the southern Somali town of Garbaharey on "
            "Friday. Kenya's army said 12 Kenyan soldiers were killed. The base is in Somalia.")
    facts = _facts(text)
    sentence = (text.index("Kenya's"), text.index(" The base"))
    rule = PlaceChoice((5, False, True), {"place": None, "admin1": None, "country": "Kenya", "latitude": None,
                                          "longitude": None}, "country", None, -1, -1)
    found = attack_country.candidates(text, [sentence], [], rule, facts, "main")
    assert [c.country for c in found][:1] == ["Kenya"] and "Somalia" in [c.country for c in found]
    kenya, somalia = found[0], next(c for c in found if c.country == "Somalia")
    assert kenya.features["rule=yes"] == 1.0 and kenya.features["rule=country"] == 1.0
    assert "rule=yes" not in somalia.features
    # Kenya is named mostly by its demonym, and in the figure's sentence; Somalia after "in", and its demonym
    # qualifies a site ("the southern Somali town")
    assert kenya.features["top=nationality"] == 1.0 and kenya.features["sent=demonym"] == 1.0
    assert somalia.features["top=inside"] == 1.0 and somalia.features["top=site"] == 1.0
    assert somalia.features["fb=inside"] == 1.0  # the rules fell back on a country: the same again under fb=
    assert all(name.startswith(attack_country.FEATURE_PREFIXES) for c in found for name in c.features)


def test_a_place_of_the_event_s_own_sentences_and_an_origin_are_told_apart():
    text = "Gunmen from Niger killed five villagers in Mali on Monday."
    facts = _facts(text)
    choices = [(True, _choice("Mali", "place")), (True, _choice("Niger", "place", 12, origin=True))]
    found = attack_country.candidates(text, [(0, len(text))], choices, choices[0][1], facts, "main")
    by_country = {c.country: c.features for c in found}
    assert by_country["Mali"]["own=place"] == 1.0 and "own=origin" not in by_country["Mali"]
    assert by_country["Niger"]["own=origin"] == 1.0


def test_the_highest_scoring_candidate_is_chosen_and_the_rules_choice_wins_a_tie():
    found = [Candidate("Kenya", {"rule=yes": 1.0}), Candidate("Somalia", {"top=inside": 1.0})]
    model = CountryModel(("rule=yes", "top=inside"), (1.0, 2.0), 0.0, {})
    with attack_country.using_model(model):
        assert attack_country.choose(found) == 1
    flat = CountryModel(("n=2",), (0.0,), 0.0, {})
    with attack_country.using_model(flat):
        assert attack_country.choose(found) == 0


def test_the_recorder_keeps_the_candidates_and_the_rules_choice():
    recorder = attack_country.ExampleRecorder()
    found = [Candidate("Kenya", {"rule=yes": 1.0}), Candidate("Somalia", {})]
    with attack_country.using_model(recorder):
        assert attack_country.choose(found, "a1", (100, 140)) is None
    assert recorder.examples == {("a1", 100): found, ("a1", 140): found}


def test_out_of_fold_models_refuse_an_article_outside_the_dev_folds():
    folds = attack_country.FoldModels({"a1": 0}, {0: CountryModel((), (), 0.0, {})})
    with attack_country.using_model(folds), pytest.raises(ValueError, match="dev split"):
        attack_country.choose([Candidate("Kenya", {})], "elsewhere")


def test_fitting_gives_the_shipped_format_and_the_json_form_scores_the_same():
    features = [{"rule=yes": 1.0, "top=inside": 1.0}, {"top=nationality": 1.0}, {"rule=yes": 1.0},
                {"top=inside": 1.0, "top=site": 1.0}]
    model = attack_country.fit(features, [1, 0, 0, 1], {"min_feature_count": 1})
    again = CountryModel.from_dict(json.loads(json.dumps(model.to_dict())))
    for example in features:
        assert abs(model.score(example) - again.score(example)) < 1e-4
    assert model.score(features[0]) > model.score(features[1])
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        attack_country.fit(features, [1, 0, 2, 1])
    with pytest.raises(ValueError, match="format must be 1"):
        CountryModel.from_dict({"format": 2, "feature_names": [], "weights": [], "intercept": 0.0})


def test_shipped_model_has_the_format_the_training_recipe_writes():
    model = attack_country.load_model()
    data = json.loads(attack_country.MODEL_PATH.read_text(encoding="utf-8"))
    assert sorted(data) == ["feature_names", "format", "intercept", "recipe", "weights"]
    assert list(model.feature_names) == sorted(model.feature_names)  # DictVectorizer(sort=True)
    assert all(name.startswith(attack_country.FEATURE_PREFIXES) for name in model.feature_names)
    assert len(model.weights) == len(model.feature_names) > 10
    for key, value in attack_country.RECIPE.items():
        assert model.recipe[key] == value, key
    assert 0 < model.recipe["n_positive"] < model.recipe["n_examples"]
    examples = attack_country.EXAMPLES_PATH.read_text(encoding="utf-8").splitlines()
    assert len(examples) == model.recipe["n_examples"] + 1  # the examples file is the one it was fitted on


def test_the_victims_nationality_is_its_own_weaker_sign_not_a_demonym_vote():
    # the attack is in Nigeria; the workers are Chinese: 'Chinese workers' and 'three Chinese' name people, while
    # 'Nigerian troops' speaks for the setting as a demonym does
    text = ("Gunmen killed eleven Chinese workers at a quarry in Kaduna State on Sunday. Nigerian troops later "
            "freed three Chinese who had been abducted, the army said.")
    facts = _facts(text)
    found = {c.country: c.features for c in attack_country.candidates(text, [(0, len(text))], [], None, facts, "main")}
    china, nigeria = found["China"], found["Nigeria"]
    assert china["people=2"] == 1.0 and china["demonyms=0"] == 1.0 and china["sent=people"] == 1.0
    assert "sent=demonym" not in china and "top=demonyms" not in china and "top=nationality" not in china
    assert nigeria["demonyms=1"] == 1.0 and nigeria["people=0"] == 1.0 and nigeria["top=demonyms"] == 1.0


def test_a_counted_demonym_is_people_and_a_force_is_not():
    found = place_context.country_mentions("Kidnappers freed 4 Chinese and two Turkish engineers; Malian troops "
                                           "and six Malian soldiers were there.")
    assert (found["CN"]["counted"], found["TR"]["people"]) == (1, 1)
    assert (found["ML"]["people"], found["ML"]["counted"]) == (0, 0)

"""A count's state or care as its kind (helpers.annotate.numbers.complements), on sentences written for these tests."""
import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate.numbers import complements


@pytest.mark.parametrize("sentence, expected", [
    ("Six shepherds were found dead in a ravine near the village, police said.", [("killed", 6)]),
    ("Gunmen on a motorbike shot dead three teachers outside the school.", [("killed", 3)]),
    ("Four guards were shot dead at the gate of the depot.", [("killed", 4)]),
    ("A total of 21 people were brought in dead to the district clinic.", [("killed", 21)]),
    ("Nine people have been confirmed dead after the blast at the bus stop.", [("killed", 9)]),
    ("By morning at least seven more herders were dead.", [("killed", 7)]),
    ("More than 60 people are feared to have been killed in the shelling of the market.", [("killed", 60)]),
    ("Eleven miners are believed to have died when the tunnel was bombed.", [("killed", 11)]),
    # a state the people were left in: the kind of the verb it names
    ("At least 17 villagers were left injured after the shelling.", [("wounded", 17)]),
    ("Three porters were left wounded on the road to the camp.", [("wounded", 3)]),
])
def test_people_said_to_be_dead_are_killed(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Fourteen people were rushed to hospital after the grenade attack.", [("wounded", 14)]),
    ("At least 22 people have been admitted to the regional hospital, officials said.", [("wounded", 22)]),
    ("Eight passengers were being treated in hospital for burns and gunshot wounds.", [("wounded", 8)]),
    ("A total of 19 people were receiving treatment for their injuries on Sunday.", [("wounded", 19)]),
    ("Aid workers took 12 people with shrapnel wounds to the clinic.", [("wounded", 12)]),
    ("The charity said it had treated 31 people at its field hospital.", [("wounded", 31)]),
    ("Five passengers remain in critical condition, the ministry said.", [("wounded", 5)]),
    ("Three guards died and some 40 others were taken to hospitals for treatment.", [("killed", 3), ("wounded", 40)]),
    ("Nearly 30 people were taken to three hospitals in the city.", [("wounded", 30)]),  # hospitals are no people
    ("One guard died and six were hurt, including two in serious condition.", [("killed", 1), ("wounded", 6)]),
    # a state after a wounded figure is a part of it, not a figure of its own
    ("Officials counted 80 injured, with about 20 in critical condition.", [("wounded", 80)]),
    # people the care is said of in a clause without a verb of its own: wounded, never added to the dead
    ("The toll from the blast has risen to 31, with 64 more taken to hospital.", [("killed", 31), ("wounded", 64)]),
    ("Six people died, with 22 others rushed to hospital in the city.", [("killed", 6), ("wounded", 22)]),
    # 'wounded' before the noun says what the people are when no casualty verb governs them
    ("Medics treated about 90 wounded people, with around 20 in critical condition.", [("wounded", 90)]),
    ("Ambulances carried 14 injured passengers to the town's clinic.", [("wounded", 14)]),
    # ... but the clause's own casualty verb wins over an aside between commas
    ("Two others, badly wounded, died later in hospital.", [("killed", 2)]),
    ("Three soldiers, badly wounded in the ambush, were flown to the capital.", [("wounded", 3)]),
    ("In all 300 people were hurt, but only 45 remained in hospital on Friday.", [("wounded", 300)]),
])
def test_people_in_care_are_wounded(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Two gunmen shot dead the driver of the truck.",  # the doers of 'shot dead', not its dead
    "Five soldiers were sent to kill the kidnappers.",  # completing a verb with its own object
    "Two officials, speaking on condition of anonymity, said the convoy was hit.",
    "Three families were evacuated from the building before the fire.",  # no hospital: moved out of danger
    "The four suspects admitted to the arson in court.",  # no hospital: a confession
    "Four of the wounded are in critical condition.",  # a part of the wounded, not a figure of its own
    "At least 30 people were dead or missing after the raid.",  # not the dead alone
])
def test_doers_confessions_and_parts_are_no_figures(kinds_and_values, sentence):
    assert kinds_and_values(sentence) == []


def test_the_complement_words_have_a_note_and_a_known_role(tmp_path):
    assert "dead" in complement_words("dead_word") and "hospital" in complement_words("care_place")
    frame = pd.read_csv(complements.COMPLEMENTS_PATH, keep_default_na=False)
    assert (frame["note"].str.strip() != "").all() and not frame["word"].duplicated().any()
    bad = tmp_path / "complements.csv"
    bad.write_text("word,role,note\nmorgue,care_room,a role that does not exist\n", encoding="utf-8")
    with pytest.raises(ValueError, match="role must be one of"):
        complements.complement_words("care_place", str(bad))
    with pytest.raises(ValueError, match="role must be one of"):
        complements.complement_words("care_room")


def complement_words(role):
    return complements.complement_words(role)


def test_sentences_with_only_a_care_word_are_parsed():
    assert annotate.is_candidate_sentence("Twelve people were rushed to hospital after the explosion.")
    assert annotate.is_candidate_sentence("Five passengers remain in critical condition.")


@pytest.mark.parametrize("sentence, expected", [
    ("About 12 persons were killed in another attack on four communities in the district.", [("killed", 12)]),
    ("Gunmen killed nine farmers in raids on three hamlets overnight.", [("killed", 9)]),
    ("On May 3 and 4, six soldiers were killed in clashes near the border.", [("killed", 6)]),
])
def test_a_count_of_places_or_a_day_of_the_month_is_no_figure(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # 'dead' after a list is said of the whole list, however the parse hangs it
    ("The mortar fire left 11 herders and 23 pilgrims dead near the shrine.", [("killed", 34)]),
    ("The shootout left six guards and 19 raiders dead, the governor said.", [("killed", 6), ("killed", 19)]),
    ("Rescuers found nine miners and four engineers dead inside the tunnel.", [("killed", 13)]),
    # a count of the wounded after the dead is its own figure
    ("The blast left four herders dead and 12 wounded.", [("killed", 4), ("wounded", 12)]),
    ("Officials said there were four martyrs and 12 wounded.", [("wounded", 12)]),  # not 16 wounded
    # a list without a casualty word after it counts no one
    ("The convoy carried 11 herders and 23 pilgrims to the shrine.", []),
])
def test_a_casualty_word_after_a_list_counts_every_item(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected

"""Wordings that make a count a killing: a verb of harm with a fatal adverb (data/dictionaries/annotate_words.csv,
list fatal_adverb), people taken and then killed, "more than N" beside a count, one victim "shot dead", "found
dead" or who "died" (helpers.annotate.numbers.figures); on sentences written for these tests."""
import pytest


@pytest.mark.parametrize("sentence, expected", [
    ("Police said 12 people were fatally shot and four injured by the gunmen.", [("killed", 12), ("wounded", 4)]),
    ("Two guards were fatally stabbed at the gate of the compound.", [("killed", 2)]),
    ("Gunmen fatally shot three farmers and wounded two others on Sunday.", [("killed", 3), ("wounded", 2)]),
    ("A policeman was mortally wounded in the exchange of fire and three others were injured.",
     [("killed", 1), ("wounded", 3)]),
])
def test_a_fatal_adverb_makes_a_verb_of_harm_a_killing(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected


def test_a_verb_of_harm_without_the_adverb_is_no_killing(kinds_and_values):
    assert ("killed", 5) not in kinds_and_values("Five soldiers were shot in the ambush near the bridge.")
    assert kinds_and_values("Two guards were wounded at the gate of the compound.") == [("wounded", 2)]


@pytest.mark.parametrize("sentence, expected", [
    ("Nine miners of the gold company were kidnapped and murdered last week.", [("killed", 9)]),
    ("Militants abducted and beheaded four aid workers near the border.", [("killed", 4)]),
    ("Five traders were abducted and later killed by the gang.", [("killed", 5)]),
    # each verb with its own people: two figures; taken alone: no killing
    ("Gunmen kidnapped 20 passengers and killed three others on the highway.", [("captured", 20), ("killed", 3)]),
    ("Twelve students were abducted from the school on Monday.", [("captured", 12)]),
])
def test_people_taken_and_then_killed_are_killed(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # 'more than N' is a qualifier: a count of its own in a clause of its own, never added to the one before
    ("In May, a militia attack on a mosque killed 27 people, while more than 40 civilians were massacred in raids "
     "last week.", [("killed", 27), ("killed", 40)]),
    ("Ten soldiers were killed on the road, while more than 20 were killed at the base.", [("killed", 10), ("killed", 20)]),
    # 'N more', 'N others' add to the count before them
    ("Five were killed at the site and two others died in hospital.", [("killed", 7)]),
    ("Three bodies were found on Friday and three more bodies on Saturday.", [("killed", 6)]),
])
def test_more_than_is_a_qualifier_not_more_people(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # one victim named by a noun, made dead or hurt by the complement of a verb that is no casualty word
    ("Gunmen shot dead a police officer outside the station on Monday.", [("killed", 1)]),
    ("A woman was found dead in the rubble of the market.", [("killed", 1)]),
    ("The attack left another person dead and three others injured.", [("killed", 1), ("wounded", 3)]),
    ("A man was rushed to hospital after the blast.", [("wounded", 1)]),
    # no death or harm in the complement: no figure
    ("Police arrested a suspect at the scene of the blast.", []),
])
def test_one_victim_made_dead_by_a_complement(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # one victim as the subject of a verb with no object, or of a verb whose object names the harm
    ("A soldier died in the blast at the checkpoint.", [("killed", 1)]),
    ("A guard sustained injuries in the blast at the checkpoint.", [("wounded", 1)]),
    ("A police officer died on the spot and a woman was injured.", [("killed", 1), ("wounded", 1)]),
    # the subject of an active verb with its own object is the doer, and a verb of no harm gives no figure
    ("A gunman killed two guards at the gate.", [("killed", 2)]),
    ("A gunman opened fire on the crowd at the gate.", []),
])
def test_one_victim_as_the_subject_of_a_verb_without_object(kinds_and_values, sentence, expected):
    assert kinds_and_values(sentence) == expected

"""Wordings read by exact rules (helpers.figure_wording), on sentences written for these tests."""
import pandas as pd
import pytest

from helpers import annotate, figure_wording
from helpers.numbers import Count


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _figures(nlp, sentence):
    """The figures annotate's finder reads in one sentence: (kind, value, qualifier, maximum)."""
    doc = nlp(sentence)
    return [(f.kind, f.count.value, f.count.qualifier, f.count.maximum) for f in annotate.find_all_figures(doc)]


@pytest.mark.parametrize("sentence, expected", [
    ("Militants executed nine villagers in the hamlet of Dunbar on Monday, police said.", ("killed", 9)),
    ("Eleven passengers lost their lives when the bus was bombed on Sunday.", ("killed", 11)),
    ("Three more policemen succumbed to their injuries in hospital on Tuesday, officials said.", ("killed", 3)),
    ("Seventeen shoppers were hospitalised after the grenade attack on the market.", ("wounded", 17)),
    ("The death toll from the bombing of the bakery stood at 25 on Friday, officials said.", ("killed", 25)),
    ("Officials put the toll at 40 after the raid on the convoy.", ("killed", 40)),
    ("The number of soldiers killed in the raid has risen to 18.", ("killed", 18)),
    ("The two blasts resulted in the loss of 84 lives.", ("killed", 84)),
    ("The raid on the camp has claimed the lives of 56 herders so far.", ("killed", 56)),
    ("The ambush on the convoy claimed 13 lives, officials said.", ("killed", 13)),
    ("Nine soldiers embraced martyrdom when militants stormed the post, the army said.", ("killed", 9)),
    ("Twelve constables laid down their lives defending the station, the police chief said.", ("killed", 12)),
    ("Four workers sustained injuries when the shell hit the depot.", ("wounded", 4)),
    ("Raiders slaughtered 23 herders in the village of Kamba overnight.", ("killed", 23)),
    ("Rescuers pulled 14 corpses from the rubble of the market.", ("killed", 14)),
    ("Gunmen on motorbikes gunned down six farmers on their way to the fields.", ("killed", 6)),
    ("Only one fatality was confirmed by the hospital on Friday.", ("killed", 1)),
    ("Five traders had minor injuries after the grenade hit the stall.", ("wounded", 5)),
    ("Two guards suffered burns when the depot was set alight.", ("wounded", 2)),
    ("Fatalities reached 33 by Monday evening, the ministry said.", ("killed", 33)),
    ("Casualties rose to 40 after the second blast at the depot.", ("casualties", 40)),
    ("Mourning was declared after an ambush that claimed 23 soldiers near the border.", ("killed", 23)),
    ("The bombing of the bus station claimed nine passengers on Friday.", ("killed", 9)),
])
def test_wordings_without_a_rule_before_are_read(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == [expected]


def test_lives_are_a_count_of_the_dead_only_when_lost(nlp):
    assert _figures(nlp, "Medics risked their lives to save 30 children from the fire.") == []


@pytest.mark.parametrize("sentence", [
    "The group claimed two attacks on the border posts last week.",  # a claim of responsibility
    "The rebels claimed three towns in the offensive.",  # no event as the subject
])
def test_only_an_event_claims_its_dead(nlp, sentence):
    assert [kind for kind, _, _, _ in _figures(nlp, sentence) if kind == "killed"] == []


def test_an_estimate_between_two_numbers_is_a_range(nlp):
    figures = _figures(nlp, "The number of dead in the raid was estimated at 30 to 40 by local elders.")
    assert figures == [("killed", 30, "range", 40)]


@pytest.mark.parametrize("sentence, killed", [
    ("Gunmen killed a driver and four passengers on the highway on Monday.", 5),
    ("Four passengers and a driver were killed on the highway on Monday.", 5),
    ("Ten people, six soldiers and four civilians, were killed in the ambush on Monday.", 10),  # total, not 20
    ("Eight soldiers and seven civilians were killed in the ambush on Monday.", 15),  # parts that add up
    ("Seven guards, a cook and a driver were killed when the camp was shelled.", 9),  # every singular item is one
    ("Raiders killed at least 12 farmers, a teacher and an unknown number of herders.", 13),  # 'a number' is no one
    ("Police said nine soldiers, a medic and an assailant were killed in the raid.", 10),  # the attacker is apart
    ("The bomb killed 30 people, a toll unseen in the town for years.", 30),  # apposition without a list
    ("Militants killed more than 20 soldiers and several civilians in the raid.", 20),  # a vague part adds nothing
    ("Militants killed several civilians and 14 soldiers in the raid.", 14),
    ("The number of dead has reached 40 - five children aged under ten, 15 women and 20 men.", 40),  # explanation
    ("The shell killed four guards, one cook, one clerk and a driver at the depot.", 7),  # 'one' is a count already
    ("Three nurses, six patients and a porter were killed when the clinic was shelled.", 10),  # a person once
    ("Police said 14 people were killed - 13 miners and a cook - in the raid.", 14),  # the list explains the 14
    ("An officer said 12 guards, a cook and an assailant had been killed, and two were missing.", 13),
    # 'more' or 'other' on a count or its noun adds it to the dead before it, like 'others'
    ("Five bodies were found in the well on Friday and three more bodies were found nearby.", 8),
    ("Six guards were killed in the first blast and two other guards died in the fire that followed.", 8),
    # 'others' in a clause of their own add to the dead before them, never across another incident
    ("Six porters were pronounced dead at the scene and three others died in the clinic.", 9),
    ("Four guards were killed at the gate while two others died of their wounds.", 6),
    # 'N other(s)' beside one named person: the person and the others (CONVENTIONS: a breakdown is summed)
    ("The drone strike killed the district governor along with four other people.", 5),
    ("A missile killed a local councillor together with three other people near the market.", 4),
    ("The shelling killed the imam and six others as they left the mosque.", 7),
    ("The headmaster died along with two others when the school was set on fire.", 3),
    ("A police chief and three other officers were killed in the ambush.", 4),  # the partner is counted once
    ("The bomb damaged the clinic and killed five other people.", 5),  # a thing is no person
    # the one person of their own role listed after a count is one more victim, with 'the' or a possessive too
    ("All nine constables and the civilian driver of the van were killed instantly.", 10),
    ("Seven policemen and the driver of the bus died in the blast.", 8),
    ("Six soldiers and their commander were killed in the ambush.", 7),
    ("Nine soldiers and the rest of the patrol were killed.", 9),  # 'the rest' is no one more
    ("Four civilians and the bomber were killed.", 4),  # the attacker is apart
    # a count on a modifier of the noun ('twelve DRG jawans') still heads the list
    ("Twelve DRG jawans and a driver were killed.", 13),
    ("Eight Border Security Force personnel and a driver were killed when their truck hit a mine.", 9),
    ("Eight Northland District Reserve Guards (NDRG) personnel and a driver were killed when their truck hit a mine.", 9),
])
def test_breakdowns_are_arithmetic(nlp, sentence, killed):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == [killed]


@pytest.mark.parametrize("sentence, expected", [
    ("Two soldiers were killed in the north, and four others died in a separate attack in the south.", [2, 4]),
    ("Police killed five gunmen and three others died in the crossfire.", [5, 3]),  # the other side: apart
])
def test_others_are_not_added_across_incidents_or_sides(nlp, sentence, expected):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == expected


def test_killed_and_wounded_are_never_added(nlp):
    figures = _figures(nlp, "Four guards were killed and six were wounded when the depot was shelled.")
    assert [(kind, value) for kind, value, _, _ in figures] == [("killed", 4), ("wounded", 6)]


@pytest.mark.parametrize("sentence, expected", [
    ("Gunmen attacked the patrol on Monday, killing a peacekeeper from Ghana.", [("killed", 1)]),
    ("A teacher was killed and two pupils were wounded in the blast.", [("killed", 1), ("wounded", 2)]),
    ("Another official was killed by a roadside bomb on Thursday.", [("killed", 1)]),
    ("A woman and a child were killed when the shell hit their house.", [("killed", 2)]),
    ("A nurse and a guard were wounded in the blast at the clinic.", [("wounded", 2)]),
    ("The shooting at the market resulted in the death of a trader.", [("killed", 1)]),
    ("Protests followed the killing of a teacher in the town.", [("killed", 1)]),
    ("They killed a lot of people in the raid.", []),  # 'a lot' counts no one person
    # a demonym as a noun is one person, whatever tag the parse gives it
    ("A roadside bomb killed a 23-year-old Nigerian near the market.", [("killed", 1)]),
    ("An Afghan was wounded when the grenade went off.", [("wounded", 1)]),
    ("Another Somali was killed in the crossfire on Tuesday.", [("killed", 1)]),
    ("The bomb destroyed a car near the gate.", []),
])
def test_one_victim_named_by_a_singular_noun(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected


@pytest.mark.parametrize("sentence, candidate", [
    ("Gunmen ambushed the convoy near the border, killing a driver.", True),  # one victim, no number
    ("Searchers found 14 corpses in the ravine.", True),  # a listed casualty word beyond the stems
    ("Mourning was declared after an attack that claimed 71 soldiers.", True),  # an event claims its dead
    ("The soldiers were killed near the border.", False),  # nothing that counts
    ("The minister opened a school in the capital.", False),  # no casualty word
])
def test_candidate_sentences_include_single_victims_and_listed_words(sentence, candidate):
    assert annotate.is_candidate_sentence(sentence) is candidate


def test_casualty_phrases_have_a_note_per_row_and_a_known_kind(tmp_path):
    phrases = figure_wording.casualty_phrases()
    assert phrases[("lost", "lives")] == "killed" and phrases[("sustained", "injuries")] == "wounded"
    frame = pd.read_csv(figure_wording.CASUALTY_PHRASES_PATH, keep_default_na=False)
    assert (frame["note"].str.strip() != "").all()
    bad = tmp_path / "phrases.csv"
    bad.write_text("verb,object,kind,note\nlost,lives,killed,a\nlost,lives,killed,twice\n", encoding="utf-8")
    with pytest.raises(ValueError, match="given once"):
        figure_wording.casualty_phrases(str(bad))
    bad.write_text("verb,object,kind,note\nlost,limbs,maimed,a kind that does not exist\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind must be one of killed, wounded"):
        figure_wording.casualty_phrases(str(bad))


def test_total_of_own_breakdown_is_exact_arithmetic():
    assert figure_wording.total_of_own_breakdown([Count(10), Count(6), Count(4)]) == Count(10)
    assert figure_wording.total_of_own_breakdown([Count(8), Count(7)]) is None  # two parts: a sum
    assert figure_wording.total_of_own_breakdown([Count(9), Count(6), Count(4)]) is None
    assert figure_wording.total_of_own_breakdown([Count(10), Count(6, "range", 8), Count(4)]) is None


def test_word_lists_have_a_note_per_row_and_a_known_kind(tmp_path):
    assert {"succumbed", "hospitalised"} <= figure_wording.casualty_words("killed") | \
        figure_wording.casualty_words("wounded")
    for name, key in (("casualty_words.csv", ["word"]), ("toll_words.csv", ["word", "role"])):
        # a toll word may serve two roles ('claimed 13 lives'; 'the attack claimed 71 soldiers'), once each
        frame = pd.read_csv(figure_wording.DATA_DIR / "dictionaries" / name, keep_default_na=False)
        assert (frame["note"].str.strip() != "").all() and not frame[key].duplicated().any()
    bad = tmp_path / "words.csv"
    bad.write_text("word,kind,note\nperished,drowned,a kind that does not exist\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind must be one of killed, wounded"):
        figure_wording.casualty_words("killed", str(bad))
    bad.write_text("word,kind,note\nperished,killed,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="every row needs a note"):
        figure_wording.casualty_words("killed", str(bad))
    with pytest.raises(ValueError, match="kind must be one of"):
        figure_wording.casualty_words("maimed")


@pytest.mark.parametrize("sentence, expected", [
    ("Four guards and five assailants were killed in the raid on the depot on Monday.", [4, 5]),
    ("The governor said two policemen and three of the attackers were killed.", [2, 3]),
    ("Six farmers and two herders were killed when raiders stormed the village.", [8]),  # one side: summed
    ("Troops killed eleven militants and two suicide bombers near the border.", [13]),  # one side: summed
])
def test_a_breakdown_never_adds_the_attackers_to_the_people_they_attacked(nlp, sentence, expected):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # the attackers a toll includes are taken out of it, and are a figure of their own
    ("There were 9 deaths, including five herders and four suicide bombers.", [("killed", 5), ("killed", 4)]),
    ("The minister said six people have died, including one gunman, in the shooting.", [("killed", 5), ("killed", 1)]),
    ("Twelve people died, including three children, in the blast.", [("killed", 12)]),  # a part of the victims
    # a count followed by its own casualty word of another kind is that kind's figure, not a breakdown part
    ("The toll from the shelling of the school rose to 14 and six people were injured.", [("killed", 14), ("wounded", 6)]),
    # 'one of the deadliest' is a rank, not a count; nationalities are not people
    ("At least 40 people were killed in one of the deadliest bombings in years.", [("killed", 40)]),
    ("Twenty workers of six nationalities were killed at the plant.", [("killed", 20)]),
    ("Two guards died in the blast, but no one on the bus was injured.", [("killed", 2)]),  # 'no one' is none
])
def test_arithmetic_of_attackers_included_other_kinds_and_ranks(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Officials revised the toll from the market bombing down to 41, from the earlier figure of 57.",
     [("killed", 41), ("killed", 57)]),  # the new and the earlier figure, never their sum
    ("The number of dead has been lowered to nine, the governor said.", [("killed", 9)]),
    ("The death toll was reported at 38, with 70 others injured.", [("killed", 38), ("wounded", 70)]),
    # 'from N to M' after a change of the toll: the earlier figure and the current one, never a range
    ("The death toll from the shelling rose from eight to eleven on Tuesday.", [("killed", 8), ("killed", 11)]),
    ("The number of dead was lowered from fifteen to twelve after a recount.", [("killed", 15), ("killed", 12)]),
    ("The death toll could be at least 48, a local rights group said.", [("killed", 48)]),
    ("The number of herders massacred at the well is well over 90.", [("killed", 90)]),
    # 'N out of M': the part is no figure of its own
    ("Four out of 17 injured people are in critical condition.", [("wounded", 17)]),
    # 'N of M': the whole is only what its own words say
    ("Three of 40 passengers taken to the clinic have since died.", [("killed", 3)]),
    ("Two of the 12 miners killed in the raid were brothers.", [("killed", 12)]),
    # a revision in a relative clause on the figure it revises
    ("Medics first counted 31 bodies, which was later revised down to 27.", [("killed", 31), ("killed", 27)]),
])
def test_a_revised_toll_gives_its_figures_never_their_sum(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # the new total after the deaths just told: both figures, the model then judges which is the attack's toll
    ("Two more farmers died in hospital on Sunday, bringing the death toll to 18.", [("killed", 2), ("killed", 18)]),
    ("Two more guards died overnight, taking the toll from the ambush to nine.", [("killed", 2), ("killed", 9)]),
    # 'brought' with no toll as its object is still care of the wounded
    ("Eleven people were brought to the clinic in the town.", [("wounded", 11)]),
])
def test_a_toll_brought_to_a_new_total_is_read(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # one count of people both killed and wounded is killed-or-wounded, never killed
    ("More than 100 people were killed and injured in the blast at the market.", [("casualties", 100)]),
    ("More than 100 people killed and injured in a blast at the market.", [("casualties", 100)]),
    ("Gunmen killed and wounded 30 passengers on the highway.", [("casualties", 30)]),
    # each verb with people of its own: two figures
    ("Five people were killed and ten injured in the blast.", [("killed", 5), ("wounded", 10)]),
    ("Gunmen killed five and wounded ten in the raid.", [("killed", 5), ("wounded", 10)]),
    ("A guard was killed and his wife injured in the raid.", [("killed", 1)]),
])
def test_killed_and_wounded_joined_over_one_count_are_killed_or_wounded(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a count of places, a time and an arrest are no victims
    ("In one district of the town, people were executed in front of their homes, a resident said.", []),
    ("At least 31 workers were killed after one of them angered a member of an armed group.",
     [("killed", 31)]),
    ("The operation led to the death of eight fighters, the arrest of 38 suspects and the seizure of arms.",
     [("killed", 8)]),
    # a relative clause with its own subject tells of that subject ('of whom 24 people died'), not the count
    ("Casualties of the shelling totaled 131 people of whom 24 people died, the ministry said.", [("killed", 24)]),
    ("Police found 12 people who had been killed in the raid.", [("killed", 12)]),
    # the breakdown after a total's noun and a colon explains it: one figure
    ("Shelling brought the death toll to 10 people: a man, three women and six children, residents said.",
     [("killed", 10)]),
])
def test_breakdowns_places_times_and_arrests_are_read_as_what_they_count(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a person's age marks one person, named or not; an age between commas after a name is no count of 24
    ("A 24-year-old Ahmed Karim was killed in the attack.", [("killed", 1)]),
    ("The gunmen killed 35-year-old Maria Lopez outside her home.", [("killed", 1)]),
    ("Ahmed Karim, 24, was shot dead by gunmen on Monday.", [("killed", 1)]),
    ("A 20-year-old man was killed and a 14-year-old boy was wounded.", [("killed", 1), ("wounded", 1)]),
    ("The 42-year-old told reporters that 12 people died.", [("killed", 12)]),  # a speaker, no victim
])
def test_a_persons_age_marks_one_person(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # 'one of the <places>' is a part of a number of places, never a count of the dead
    ("At least 12 worshippers died when gunmen fired on one of the churches in the valley.", [12]),
    ("Eight people were killed as shells hit two of the schools near the front.", [8]),
    ("One of the guards was killed in the raid.", [1]),  # one of the people is one of the dead
])
def test_one_of_the_places_is_no_count_of_people(nlp, sentence, expected):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # captives and the armed men who hold them are two sides: never summed
    ("Fourteen hostages and six rebels died when troops stormed the compound.", [14, 6]),
    ("During the rescue, 22 captives and nine fighters were killed.", [22, 9]),
    ("Fourteen hostages and six soldiers died when the compound was shelled.", [20]),  # one side: a breakdown
])
def test_hostages_and_their_captors_are_never_summed(nlp, sentence, expected):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a singular attacker a toll includes is taken out of it like 'one assailant' is
    ("Police said seven people were killed, including a gunman, when the bank was stormed.", [6, 1]),
    ("Six people, including an attacker, died in the blast at the market.", [5, 1]),
    ("Nine villagers died, including a teacher.", [9]),  # a victim included is no attacker
    ("Seven people were killed, including one gunman.", [6, 1]),  # as a count
])
def test_a_singular_attacker_is_taken_out_of_the_toll(nlp, sentence, expected):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # '<a person> and <count> <people>' is a breakdown of count + 1, even when the parse hangs the person on the
    # word that opens the clause ('after', 'when')
    ("Curfew was imposed after a village elder and nine farmers were killed by raiders.", [10]),
    ("The region was tense after a regional police chief and nine officers were killed in a raid.", [10]),
    ("Protests began after a village chief and 12 guards were killed on Sunday.", [13]),
    ("The army sent reinforcements after a district commander and 14 soldiers died in an ambush.", [15]),
    ("Gunmen stormed a checkpoint and 12 officers were killed.", [12]),  # a place is no person
    ("Police were deployed after a raid and 12 officers were killed.", [12]),  # an occasion is no person
])
def test_a_person_before_a_count_is_one_more(nlp, sentence, expected):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a noun's possessive names one person as 'the' or 'his' does: one more beside the count
    ("Rebels ambushed the convoy, killing the town's mayor and four other officials.", [5]),
    ("Gunmen killed the district's governor and three bodyguards.", [4]),
    # a bare count of 'of' heads a list as a counted noun does
    ("The mayor of the town and six of his guards were killed in the ambush.", [7]),
    ("A soldier and two of his sons died.", [3]),
    # what is listed beside a number of lives is no person
    ("The raid caused the loss of at least 30 lives and the destruction of many homes.", [30]),
])
def test_one_named_person_beside_a_count_is_one_more(nlp, sentence, expected):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a name's acronym in brackets is not the explanation of the figure before it: the list goes on
    ("Four Special Task Force (STF) jawans and one police constable lost their lives in the blast.", [5]),
    ("Three Border Police (BP) officers and two civilians were killed.", [5]),
    ("The toll rose to 14 (nine soldiers and five civilians).", [14]),  # a real explanation stays one
])
def test_an_acronym_in_brackets_does_not_end_a_breakdown(nlp, sentence, expected):
    assert [value for kind, value, _, _ in _figures(nlp, sentence) if kind == "killed"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a list of counted nouns before a complement the parse hangs on the verb: the whole list is hurt (3 + 2)
    ("Gunmen stormed a market in Bora on Monday, killing a trader, and left three children and two women injured.",
     [("killed", 1), ("wounded", 5)]),
    # 'the one and the N others doing something': one breakdown, whatever clause the parse makes of the participle
    ("A roadside bomb killed the police chief and the five police officers escorting him near Tarin on Saturday.",
     [("killed", 6)]),
    ("Gunmen killed a judge and the two guards protecting his house.", [("killed", 3)]),
    ("Troops arrested the commander and the six fighters guarding him.", []),
    ("Gunmen killed a farmer and wounded three herders.", [("killed", 1), ("wounded", 3)]),
])
def test_a_list_the_parse_splits_is_still_one_breakdown(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a rank of a victim is the toll that victim brings: 'a 12th person died' is 12, never 11 + 1 or 1
    ("A 12th person died in hospital on Saturday, a doctor said.", [("killed", 12)]),
    ("Eleven people were killed on Friday, and a twelfth victim died of his wounds on Sunday.",
     [("killed", 11), ("killed", 12)]),
    # a rank beside a count of another kind counts the group, not this kind's toll
    ("Two soldiers died and a third soldier was wounded.", [("killed", 2)]),
    ("Four people were wounded and a fifth person was killed.", [("wounded", 4)]),
    ("A second bomb killed three people.", [("killed", 3)]),
])
def test_a_ranked_victim_states_the_running_toll(nlp, sentence, expected):
    assert [(kind, value) for kind, value, _, _ in _figures(nlp, sentence)] == expected

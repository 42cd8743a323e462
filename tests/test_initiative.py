"""Who began the killing a figure reports (helpers.initiative), on sentences written for these tests."""
import pytest

from helpers import annotate, initiative


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def _read(nlp, sentence):
    doc = nlp(sentence)
    figures = [f for f in annotate.find_all_figures(doc) if f.kind == "killed"]
    assert figures, sentence
    return [initiative.initiative(doc, f.predicate, f.anchor) for f in figures]


@pytest.mark.parametrize("sentence, expected", [
    ("Troops killed 14 insurgents near the border on Friday.", {"state_agent"}),
    ("Government airstrikes killed nine fighters in the hills.", {"state_agent"}),
    ("Two drone strikes hit a compound in the valley, killing six.", {"state_agent"}),
    ("Police said they shot dead three suspects during the night.", {"state_agent"}),
    ("Eleven rebels were killed in a military operation in the forest.", {"state_operation"}),
    ("Seven suspects were killed by soldiers in a raid on a hideout.", {"state_agent", "state_operation"}),
    ("Soldiers repelled the assault on the base and killed 15 assailants.", {"state_agent", "response"}),
])
def test_the_state_as_the_doer_of_the_killing_is_read_from_the_parse(nlp, sentence, expected):
    assert _read(nlp, sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "Gunmen killed eight soldiers at a checkpoint on Tuesday.",
    "Rebel forces killed 20 villagers in the north.",
    "A car bomb killed five people outside the market.",
    "Bandits killed four farmers in a raid by night.",  # 'in a raid' told by its doers: the agent check reads them
])
def test_attackers_or_a_bomb_as_the_doer_are_not_the_state(nlp, sentence):
    assert all("state_agent" not in found for found in _read(nlp, sentence))


def test_the_state_began_it_only_when_nothing_says_it_answered_an_attack(nlp):
    begun = nlp("Security forces killed ten militants in an operation in the district.")
    answered = nlp("In retaliation for the ambush, security forces killed ten militants.")
    for doc, expected in ((begun, True), (answered, False)):
        figure = annotate.find_all_figures(doc)[0]
        assert initiative.is_state_initiated(doc, figure.predicate, figure.anchor) is expected


def test_a_strike_without_its_modifier_is_not_an_air_strike(nlp):
    doc = nlp("The workers' strike killed no one, but a bomb killed two guards.")
    figure = next(f for f in annotate.find_all_figures(doc) if f.count.value == 2)
    assert "state_agent" not in initiative.initiative(doc, figure.predicate, figure.anchor)


def test_the_word_list_has_a_note_per_row_and_a_known_role():
    assert "troops" in initiative.initiative_words("state_agent")
    assert "operation" in initiative.initiative_words("operation")
    assert "retaliatory" in initiative.initiative_words("response")
    with pytest.raises(ValueError, match="role must be one of"):
        initiative.initiative_words("attacker")


def test_a_row_without_a_note_is_refused(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("word,role,note\ntroops,state_agent,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="every row needs a note"):
        initiative.initiative_words("state_agent", str(path))


@pytest.mark.parametrize("sentence, is_attackers", [
    ("Police later killed four militants involved in the attack on the market.", True),
    ("Soldiers shot dead six gunmen who stormed the school on Monday.", True),
    ("Troops killed three fighters who attacked the checkpoint.", True),
    ("Soldiers killed five militants who were hiding in a house near the border.", False),
    ("Troops killed 17 insurgents in an operation in the forest.", False),
])
def test_a_clause_on_the_counted_people_that_tells_their_attack_makes_them_its_doers(nlp, sentence, is_attackers):
    doc = nlp(sentence)
    figure = annotate.find_all_figures(doc)[0]
    assert initiative.counts_attackers_by_role(doc[figure.anchor]) is is_attackers
    # the state's forces killed them, but answering their attack: not a killing the state began
    assert initiative.began_against_armed_group(doc, figure, True) is not is_attackers

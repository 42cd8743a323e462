"""Speakers and sources (helpers.annotate.sources), on phrases and sentences written for these tests."""
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate import sources


@pytest.mark.parametrize("speaker, expected", [
    ("Hamid Safi, a provincial police chief", ("police", "government", False)),
    ("a Taliban spokesman", ("Taliban", "perpetrator_claim", True)),
    ("al-Shabaab's military spokesman", ("al-Shabaab", "perpetrator_claim", True)),  # the group, not the army
    ("the state news agency SANA", ("SANA", "government", False)),  # a proper name before a role word
    ("the US military", ("US forces", "government", False)),
    ("a local VDP commander", ("Volunteers for the Defence of the Homeland", "government", False)),
    ("an AFP correspondent at the scene", ("AFP", "media", False)),
    ("two Somali soldiers", ("army", "government", False)),
    ("villagers", ("resident", "activists", False)),
    ("the health ministry", ("health ministry", "government", False)),
    ("a human rights official", ("human rights official", "monitor", False)),  # the monitor's word qualifies the role
    ("a rescue worker at the scene", ("rescuers", "government", False)),  # state emergency services are public bodies
    ("the White Helmets", ("White Helmets", "monitor", False)),  # a volunteer NGO
    # a country's name as the speaker is its state, and the state speaks through its government
    ("Ukraine", ("Ukraine", "government", False)),
    ("the Republic of Niger", ("Niger", "government", False)),
    ("the presidency", ("officials", "government", False)),
    ("Lagos Gov. Ade Bello", ("officials", "government", False)),  # a governor's title abbreviated
    # sources set against the officials, and volunteers on the spot, are local voices
    ("some independent sources", ("activists", "activists", False)),
    ("local aid workers", ("activists", "activists", False)),
    ("relief volunteers in the camp", ("activists", "activists", False)),
    # a government in exile or a shadow government does not govern the area: an opposition voice
    ("a spokesman for the government-in-exile", ("activists", "activists", False)),
    ("a spokesman for the shadow government", ("activists", "activists", False)),
    ("members of the shadow Unity Government", ("activists", "activists", False)),
    # a spokesman for a non-state front or movement is a partisan voice, not an office of the state
    ("a spokesperson for the Zedland National Front", ("activists", "activists", False)),
    ("a spokesman for the Kale Liberation Front", ("activists", "activists", False)),
    ("a spokesman for the rebel movement", ("activists", "activists", False)),
    ("a government spokesman", ("officials", "government", False)),
    # religious leaders speaking of their community's dead are community leaders
    ("the parish priest", ("activists", "activists", False)),
    ("an imam at the mosque", ("activists", "activists", False)),
    # the outlet a speaker introduces himself to is not the speaker
    ("one of the survivors, who identified himself to the Associated Press as Ali Musa",
     ("survivor", "activists", False)),
])
def test_speakers_map_to_canonical_sources(speaker, expected):
    attribution = annotate.resolve_speaker(speaker, speaker, None)
    assert (attribution.figure_source, attribution.source_type, attribution.is_claim) == expected


@pytest.mark.parametrize("speaker", ["Ukraine Railways", "a Ukrainian", "the Niger Delta"])
def test_a_phrase_that_only_holds_a_country_s_name_is_not_the_state(speaker):
    assert annotate.resolve_speaker(speaker, speaker, None) is None


def test_a_person_the_article_introduced_is_not_taken_for_a_country_of_the_same_name():
    names = {}
    sources.learn_speaker_names("Police spokesman Mike Jordan said the road was closed.", names)
    found = annotate.resolve_speaker("Jordan", "Jordan said two men died.", None, names)
    assert (found.figure_source, found.source_type) == ("police", "government")


def test_the_source_a_sentence_quotes_is_the_one_nearest_its_speech_word_and_not_the_one_told():
    found = annotate.spoken_source("Two policemen died in the blast, a hospital official said.")
    assert (found.figure_source, found.source_type) == ("medical sources", "government")
    assert annotate.spoken_source("Security sources told AFP that 12 soldiers died.").figure_source == "military source"
    assert annotate.spoken_source("Police found 12 bodies near the road.") is None  # no speech word


def test_a_source_word_far_from_the_speech_word_gives_way_to_the_speaker_phrase_beside_it():
    found = annotate.spoken_source("Four rangers and a soldier were killed in an ambush in the park on Tuesday, a "
                                   "conservation organisation announced.")
    assert found.source_type == "monitor"  # the group announcing, not the soldier killed
    found = annotate.spoken_source("Two soldiers died in the blast, police said.")
    assert (found.figure_source, found.source_type) == ("police", "government")


def _rows(text: str) -> pd.DataFrame:
    return annotate.annotate_articles(pd.DataFrame([("s1", "Attack in the north\n\n" + text, "2024-05-14")],
                                                   columns=["article_id", "text", "published"]))


@pytest.mark.parametrize("text, source_type", [
    # the outlet a speaker talks to relays: 'who said' is the speaker's
    ("Gunmen attacked the market in Ruvo on Sunday, district administrator John Mbeki told Reuters, who said the "
     "toll stood at nine.", "government"),
    ("Witnesses put the death toll at 30.", "activists"),  # who puts a toll at N gives it
    ("Local officials put the toll at 12 after the attack on the market.", "government"),
    ("At least 15 soldiers were killed when militants stormed a checkpoint in the north, said ISPR.", "government"),
    ("A member of the country's special forces said that four soldiers died in the ambush.", "government"),
    ("Range IG Arun Rao said eight policemen lost their lives in the blast.", "government"),
    # a claim cue ('channel') in a speaker phrase whose own words name another source is not a claim
    ("The channel's terrorism expert, Paul Dubois, said the attackers killed at least 12 soldiers.", "media"),
    ("The Red Crescent said 14 people were killed in the shelling.", "monitor"),  # contract: a monitor
    ("Somalia said on Friday that 23 soldiers were killed when militants overran the base.", "government"),
    ("A new UN report reveals that the gang killed at least 120 people in the district.", "monitor"),
    ("Thirty people died in the raid, according to local aid workers in the camp.", "activists"),
])
def test_a_figure_takes_the_source_its_sentence_names(text, source_type):
    rows = _rows(text)
    assert len(rows) == 1 and rows.iloc[0]["source_type"] == source_type


def test_who_puts_a_toll_gives_that_toll_only_and_a_claim_of_the_killing_is_a_claimed_toll():
    rows = _rows("While the UN put the death toll at around 200, the militants claimed responsibility for killing "
                 "nearly 300 people.")
    by_value = {int(row.killed): row.source_type for row in rows.itertuples()}
    assert by_value == {200: "monitor", 300: "perpetrator_claim"}
    rows = _rows("The militants claimed responsibility for the attack that killed 20 soldiers.")
    assert rows.iloc[0]["source_type"] == "unattributed"  # responsibility for an attack the outlet describes


def _article_rows(text: str) -> pd.DataFrame:
    rows = annotate.annotate_articles(pd.DataFrame([("s2", text, "2024-05-14")],
                                                   columns=["article_id", "text", "published"]))
    return rows.sort_values("figure_start", kind="mergesort").reset_index(drop=True)


def test_an_unattributed_headline_restated_with_a_source_is_one_row_carrying_that_source():
    # the body's quote gives only the wounded of the headline's toll: the same figures, now attributed
    rows = _article_rows("Bomb kills seven, wounds 15 at market in Kandahar\n\nA bomb exploded at a crowded "
                         "market in Kandahar on Sunday.\n\nFifteen people were wounded and taken to the city "
                         "hospital, police said.")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["killed"], row["wounded"], row["source_type"]) == (7, 15, "government")
    assert row["evidence"].endswith("police said.")  # the attributed copy is the row (corpus conventions)
    text = "Bomb kills seven, wounds 15 at market in Kandahar\n\nA bomb exploded at a crowded market in Kandahar " \
           "on Sunday.\n\nFifteen people were wounded and taken to the city hospital, police said."
    assert text[row["figure_start"]:row["figure_end"]] == row["figure_text"] == "seven"


def test_the_wounded_only_an_unattributed_copy_gives_stay_on_the_attributed_row():
    rows = _article_rows("Gunmen kill 12 villagers in Borno\n\nGunmen killed 12 villagers and wounded four in an "
                         "attack on a village in Borno state on Monday.\n\nA local official said 12 people died in "
                         "the attack.")
    assert len(rows) == 1
    assert (rows.iloc[0]["killed"], rows.iloc[0]["wounded"], rows.iloc[0]["source_type"]) == (12, 4, "government")


def test_a_copy_whose_shared_count_differs_is_not_a_restatement():
    # the headline's wounded (15) is not the spokesman's (9): another figure, not the same one restated
    rows = _article_rows("Bomb kills seven, wounds 15 at market in Kandahar\n\nA bomb exploded at a crowded "
                         "market in Kandahar on Sunday.\n\nNine people were wounded and taken to the city "
                         "hospital, police said.")
    assert sorted(rows["wounded"].dropna().astype(int)) == [9, 15]


def test_a_speaker_in_the_present_tense_is_a_source_without_a_parse():
    found = annotate.spoken_source("Police in the capital say two bombers blew themselves up near parliament on Tuesday.")
    assert (found.figure_source, found.source_type) == ("police", "government")
    found = annotate.spoken_source("Eleven people died in the fire, the district commissioner tells reporters.")
    assert found.source_type == "government"


def test_a_figure_takes_the_source_the_sentence_before_it_in_its_paragraph_names_in_the_present_tense():
    rows = _article_rows("Bombers strike the capital\n\nPolice in the capital say two bombers blew themselves up "
                         "near parliament. Four passers-by were killed and 20 others were injured in the blasts.\n\n"
                         "The city was calm by evening.")
    assert len(rows) == 1
    assert (rows.iloc[0]["killed"], rows.iloc[0]["source_type"]) == (4, "government")


def test_unnamed_officials_restating_a_named_government_source_s_figures_are_one_row_carrying_the_name():
    rows = _article_rows("Airstrike on town kills 10, health ministry says\n\nAn airstrike hit a residential building "
                         "in the southern town of Kfar on Tuesday.\n\nTen people were killed in the strike, according "
                         "to the authorities.")
    assert len(rows) == 1
    assert (rows.iloc[0]["killed"], rows.iloc[0]["figure_source"]) == (10, "health ministry")


def test_a_speaker_of_their_own_giving_a_named_source_s_figure_stays_a_row():
    # corpus conventions: different sources' figures for the same event are separate rows
    rows = _article_rows("Car bomb kills five in city centre\n\nA car bomb exploded outside a bank in the city centre "
                         "on Friday, killing five people, police said.\n\nFive people were killed in the blast, the "
                         "mayor told reporters.")
    assert sorted(rows["killed"]) == [5, 5]


def test_unnamed_officials_giving_other_figures_than_the_named_source_stay_a_row():
    rows = _article_rows("Airstrike on town kills 10, health ministry says\n\nAn airstrike hit a residential building "
                         "in the southern town of Kfar on Tuesday.\n\nTen people were killed and 22 wounded in the "
                         "strike, according to the authorities.")
    assert sorted(rows["killed"]) == [10, 10]


@pytest.mark.parametrize("speaker", [
    # a group that names the attack is not the speaker's side
    "Omar Hadi, the father of two of those killed in the al-Shabaab attack",
    "a resident whose brother died in the Boko Haram raid",
    "a survivor of the assault by Boko Haram",
])
def test_a_group_named_as_the_attacker_in_a_speaker_phrase_is_not_the_speaker(speaker):
    attribution = annotate.resolve_speaker(speaker, speaker, None)
    assert attribution is None or not attribution.is_claim


def test_a_victims_relative_is_a_source_of_the_activists_type():
    attribution = annotate.resolve_speaker("Omar Hadi, the father of two of those killed in the al-Shabaab attack",
                                           "", None)
    assert (attribution.figure_source, attribution.source_type) == ("relatives", "activists")
    assert annotate.resolve_speaker("the Muslim Brotherhood", "", None) is None  # a word inside a name is not one


def test_a_group_the_speaker_belongs_to_still_makes_a_claim():
    for speaker, group in [("a Taliban spokesman", "Taliban"), ("the spokesman of the Houthis", "Houthis"),
                           ("an al-Shabaab commander who led the attack", "al-Shabaab")]:
        attribution = annotate.resolve_speaker(speaker, speaker, None)
        assert (attribution.figure_source, attribution.is_claim) == (group, True)


@pytest.mark.parametrize("text", [
    "A spokesman for the Arakan Army said the attack on the camp had killed 23 innocent villagers.",
    "The Arakan Army condemned the cowardly bombing of the camp and said 23 people were killed in it.",
    "A spokesman for the Arakan Army said 23 of its fighters were martyred in the attack on the camp.",
])
def test_a_group_speaking_for_the_side_attacked_is_not_making_a_claim(text):
    rows = _rows(text)
    assert len(rows) == 1
    assert rows.iloc[0]["source_type"] == "government" and not rows.iloc[0]["is_claim"]


def test_a_group_counting_its_kills_in_its_own_words_is_still_a_claim():
    rows = _rows("A spokesman for the Arakan Army said its fighters killed 23 soldiers in the raid on the base.")
    assert len(rows) == 1 and rows.iloc[0]["source_type"] == "perpetrator_claim"


@pytest.mark.parametrize("sentence", [
    "The Islamic State group claimed responsibility for the bombing of the bus station, which left 31 dead.",
    "In a statement on Telegram, al-Shabaab said it was behind the attack on the hotel.",
    "Boko Haram claimed the double suicide attack on the market in a video released on Sunday.",
])
def test_a_claim_of_responsibility_alone_names_no_source_for_the_figures_around_it(sentence):
    from helpers.annotate.sources import sentence_source

    assert sentence_source(sentence, None) is None


@pytest.mark.parametrize("sentence", [
    "Al-Shabaab claimed responsibility for killing 30 soldiers at the base, in a statement on its channel.",
    "Boko Haram claimed the attack, saying its fighters killed 30 soldiers.",
])
def test_a_claim_of_responsibility_that_counts_the_kills_is_still_a_claim(sentence):
    from helpers.annotate.sources import sentence_source

    found = sentence_source(sentence, None)
    assert found is not None and found.is_claim


# --- speakers the parse loses, second sources, quotations, outlets (sentences written for these tests) ----------
def test_a_speaker_after_a_comma_is_the_teller_not_the_subject_of_the_reported_clause():
    rows = _rows("Forty people were killed on Monday in a raid on a village near Abcd, the mayor of the town told "
                 "reporters.")
    assert rows.iloc[0]["source_type"] == "government"
    rows = _rows("Gunmen killed 12 villagers in the raid, a local chief told the agency on Monday.")
    assert rows.iloc[0]["source_type"] == "activists"
    # a relative clause after the subject is the subject's: the army speaks
    rows = _rows("The army, which lost no men, said 12 gunmen were killed in the raid on the base.")
    assert set(rows["figure_source"].dropna()) <= {"army"}


def test_a_military_command_speaks_for_the_armed_forces():
    rows = _rows("Central Command confirmed in a statement on Sunday that three soldiers were killed and 25 injured "
                 "in a drone attack on the base.")
    assert rows.iloc[0]["source_type"] == "government"


@pytest.mark.parametrize("speaker, previous, expected", [
    ("Another source", ("residents", "activists"), ("another source", "activists")),  # of the kind just quoted
    ("another source", ("police", "government"), ("another source", "government")),
    ("a second security source", ("residents", "activists"), ("a second security source", "government")),
    ("another official", ("residents", "activists"), ("another official", "government")),  # its own word
    ("Another source", None, None),  # a bare source with no one before it names no one
])
def test_a_second_source_is_a_source_of_its_own(speaker, previous, expected):
    last = annotate.Attribution(previous[0], previous[1], False) if previous else None
    found = annotate.resolve_speaker(speaker, speaker + " said 12 people died.", last)
    assert (found.figure_source, found.source_type) == expected if expected else found is None


def test_another_source_giving_the_same_toll_is_a_second_row():
    rows = _article_rows("Gunmen kill 12 in village raid\n\nA village elder said gunmen killed 12 people in the raid "
                         "on Friday night.\n\nAnother source confirmed that 12 people were killed.")
    assert sorted(rows["figure_source"]) == ["another source", "local leader"]
    assert set(rows["source_type"]) == {"activists"}


@pytest.mark.parametrize("text, expected", [
    ('“They came at dawn. They killed 14 people in the market. We buried them this morning,” said the governor of '
     'the province.', "government"),
    ('"They came at dawn. They killed 14 people in the market. We buried them this morning," a survivor told '
     'reporters.', "activists"),
    ('“They came at dawn. They killed 14 people in the market. We buried them this morning,” a police spokesman '
     'said on Monday.', "government"),
])
def test_a_quotation_speaks_for_its_speaker_named_after_its_last_sentence(text, expected):
    assert annotate.quote_speaker(text, text.index("14"), text.index("market.") + 7).source_type == expected


@pytest.mark.parametrize("text", [
    'Gunmen killed 14 people in the market. “We are in mourning,” said the governor.',  # not inside the quote
    '“They killed 14 people in the market,” said a resident.',  # closes in the figure's sentence: its parse
    '“They killed 14 people in the market. We buried them this morning.”\nThe governor spoke later.',  # no speaker
    '“They came. They killed 14 people in the market. We ran. We hid. We wept. We buried them,” said the governor.',
])
def test_a_figure_outside_a_quotation_or_with_its_speaker_elsewhere_takes_no_quotation_speaker(text):
    end = text.index("market") + len("market") + 3  # past the figure's sentence end (and its closing mark)
    assert annotate.quote_speaker(text, text.index("14"), min(end, len(text))) is None


def test_a_quoted_figure_takes_the_speaker_named_after_the_quotation_in_an_article():
    rows = _article_rows('Gunmen kill 14 in Abcd market\n\n“They came at dawn. They killed 14 people in the market. '
                         'We buried them this morning,” said the governor of the province.')
    assert len(rows) == 1 and rows.iloc[0]["source_type"] == "government"


@pytest.mark.parametrize("sentence, expected", [
    # an outlet quoting someone only carries it (corpus conventions): the one quoted is the source
    ("The Zedland News Agency quoted Ali Abcd, a member of the country's human rights commission, as saying that "
     "eight abductees were found dead near the village.", "monitor"),
    ("Reuters quoted a police officer as saying that 12 people were killed in the blast.", "government"),
    ("The agency quoted a local resident saying that nine people died in the attack.", "activists"),
    # an outlet named as the teller with no speaker of its own is the outlet's count
    ("Twelve people were killed in the blast, Reuters reported.", "media"),
    ("Twelve people were killed in the blast, according to AFP.", "media"),
    ("Twelve people were killed in the blast, local media said.", "media"),
    ("Twelve people were killed in the blast, police told AFP.", "government"),
])
def test_an_outlet_is_the_source_only_when_it_quotes_no_one(sentence, expected):
    rows = _rows(sentence)
    assert rows.iloc[0]["source_type"] == expected


@pytest.mark.parametrize("headline, expected", [
    ("29 killed in cattle raid: local official", "government"),
    ("Gunmen kill 12 in village - police", "government"),
    ("Twelve dead in market attack: witnesses", "activists"),
    ("Attack on a market: what we know about the 12 dead", None),  # the figure after the colon
    ("Nigeria: gunmen kill 12 in Borno", None),  # a kicker before the figure names no teller
    ("Gunmen kill 12 in village: what we know", None),  # words that name no source
])
def test_a_headline_names_its_teller_after_a_colon_or_dash_at_its_end(headline, expected):
    found = annotate.headline_teller(headline, headline.index("12") if "12" in headline else 0)
    assert (found.source_type if found else None) == expected


def _Count(value):
    return SimpleNamespace(count=SimpleNamespace(value=value, is_vague=False, maximum=None))


def _Lede(index, figures):
    """A figure set standing in for annotate's _Mention: its sentence and its figures by kind."""
    return SimpleNamespace(sentence_index=index, figures=figures)


def test_a_headline_figure_the_body_restates_with_a_speaker_takes_that_speaker():
    # the body sentence restating the toll is a statement the parse did not tie to a figure of this event
    found = sources.body_restatement(
        _Lede(0, {"killed": _Count(14)}),
        sources.ArticleSources.of("s", "Blast kills 14 at market\nA bomb went off on Monday.\nPolice said 14 people "
                                   "died and the market was closed.", [(0, 24), (25, 51), (52, 104)],
                                   [None, None, annotate.Attribution("police", "government", False)]))
    assert found is not None and found.figure_source == "police"


@pytest.mark.parametrize("index, counts, expected", [
    (0, {"killed": 14, "wounded": 30}, None),  # the body gives the killed only: not the same figure set
    (4, {"killed": 14}, None),  # a body figure: no restatement is looked for
    (0, {"killed": 1}, None),  # a single 'one' recurs by chance
])
def test_only_a_headline_or_lede_figure_set_restated_whole_takes_the_body_speaker(index, counts, expected):
    sentences = ["Blast kills 14 at market", "A bomb went off.", "It was loud.", "Shops closed.", "One shop burned.",
                 "Police said 14 people and one horse died."]
    text = "\n".join(sentences)
    spans, at = [], 0
    for sentence in sentences:
        spans.append((at, at + len(sentence)))
        at += len(sentence) + 1
    named = [None] * 5 + [annotate.Attribution("police", "government", False)]
    article = sources.ArticleSources.of("s", text, spans, named)
    lede = _Lede(index, {kind: _Count(value) for kind, value in counts.items()})
    assert sources.body_restatement(lede, article) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("Twelve people were killed in the blast, Kyodo reported.", ("Kyodo", "media")),
    ("Twelve people were killed in the blast, according to Voice of America.", ("Voice of America", "media")),
    ("Twelve people were killed in the blast, police told Deutsche Welle.", ("police", "government")),
    ("Twelve people were killed in the blast, the New York Times reported, citing a hospital official.",
     ("medical sources", "government")),
])
def test_an_outlet_named_as_teller_is_media_unless_it_carries_someone_elses_figure(sentence, expected):
    row = _rows(sentence).iloc[0]
    assert (row["figure_source"], row["source_type"]) == expected


def test_attribution_carries_across_its_paragraph_to_the_nearest_sentence_naming_a_source():
    rows = _article_rows("Attack on a village in the north\n\nPolice said gunmen stormed the village of Abcd at night. "
                         "The attackers set fire to houses and a school. Twelve people were killed.")
    assert (rows.iloc[0]["figure_source"], rows.iloc[0]["source_type"]) == ("police", "government")


@pytest.mark.parametrize("sentence, expected", [
    ("Figures provided by the health ministry show that nine people were killed and 13 injured in the attack.",
     "government"),
    ("According to figures released by the United Nations, 40 civilians were killed in the shelling.", "monitor"),
    ("Twelve people were killed by drones supplied by Russia.", "unattributed"),  # weapons, not figures
])
def test_who_puts_out_the_figures_is_their_source(sentence, expected):
    assert _rows(sentence).iloc[0]["source_type"] == expected


def test_a_pronoun_speaker_names_the_source_last_named_for_the_sentences_around_it():
    council = sources.Attribution("officials", "government", False)
    assert sources.sentence_source('"We found the bodies of nine men," he said.', council) == council
    assert sources.sentence_source("Nine men were found dead, said she.", council) == council
    assert sources.sentence_source("Nine men were found dead near the river.", council) is None


@pytest.mark.parametrize("sentence", [
    '"They came at night and burned the market," said Omar Bakri, head of the district council.',
    "Gunmen seized 20 farmers from the village, Omar Bakri, a district council chief, told reporters.",
])
def test_a_speaker_named_after_the_speech_verb_or_with_a_role_between_commas_is_found(sentence):
    found = annotate.spoken_source(sentence)
    assert found is not None and found.source_type == "government"  # a local council is local government


def test_a_state_named_as_the_headline_s_teller_is_folded_into_the_named_official_s_fuller_row():
    rows = _article_rows("Seven killed in drone strike on port city, Ukraine says\n\nA drone hit a block of flats "
                         "in the port city on Saturday night.\n\nSeven people were killed and eight were wounded, "
                         "the regional governor said on Sunday.")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["killed"], row["wounded"], row["source_type"]) == (7, 8, "government")
    assert row["evidence"].endswith("the regional governor said on Sunday.")
    rows = _article_rows("Seven killed in drone strike on port city, Ukraine says\n\nA drone hit a block of flats "
                         "in the port city on Saturday night, killing seven people and wounding eight, officials said.")
    assert len(rows) == 1 and rows.iloc[0]["evidence"].endswith("officials said.")  # officials speak for the state


@pytest.mark.parametrize("paragraph, expected", [
    ("“This is a grave attack on our town. Two were killed and five wounded.", True),  # the quotation goes on
    ("She went on: “Two were killed and five wounded. We will rebuild.", True),
    ("‘We hid in the bush. They shot two men and burned the shop.", True),  # single marks
    ("“We will rebuild,” she said. Two were killed and five wounded.", False),  # closed before the figure
    ("‘We will rebuild,’ she said. Two were killed and five wounded.", False),
    ('"We will rebuild," she said. Two were killed and five wounded.', False),
    ("Two were killed and five wounded in the attack on the town.", False),  # no quotation
    ('"A bomb killed two guards and wounded five," reads a statement from the army.', False),  # named after it
])
def test_a_paragraph_going_on_with_a_quotation_speaks_for_the_speaker_last_named(paragraph, expected):
    mayor = sources.Attribution("mayor", "government", False)
    text = "The mayor spoke to reporters on Monday.\n\n" + paragraph
    at = text.index("Two" if "Two" in paragraph else "two")
    assert (sources.continued_quote_speaker(text, at, mayor) == mayor) is expected
    assert sources.continued_quote_speaker(text, at, None) is None  # no speaker named before
    claim = sources.Attribution("Zedland Front", "perpetrator_claim", True)
    assert sources.continued_quote_speaker(text, at, claim) is None  # a claim of the attack speaks for no quotation


def test_a_pronoun_after_a_quotation_closing_in_a_later_sentence_is_the_speaker_last_named():
    official = sources.Attribution("officials", "government", False)
    text = '“It is sad that the gunmen killed 14 farmers. They burned the fields too,” he said.'
    found = annotate.quote_speaker(text, text.index("14"), text.index("farmers.") + 8, last_source=official)
    assert found == official


def test_a_figure_given_as_an_unnamed_report_takes_no_source_from_its_paragraph():
    article = sources.ArticleSources.of(
        "a1", "The governor said the market was closed. The toll was reported at 40. Nine people died at once.",
        [(0, 40), (41, 69), (70, 95)],
        [sources.Attribution("officials", "government", False), None, None])
    assert sources._paragraph_source(SimpleNamespace(own_dates=[], sentence_index=1), article) is None
    inherited = sources._paragraph_source(SimpleNamespace(own_dates=[], sentence_index=2), article)
    assert inherited.source_type == "government"  # no report word: attribution carries across the paragraph


def test_a_person_referred_back_to_by_a_bare_noun_is_the_speaker_last_named():
    villager = sources.Attribution("resident", "activists", False)
    assert annotate.resolve_speaker("the person", "", villager) == villager
    assert annotate.resolve_speaker("the woman", "", villager) == villager
    assert annotate.resolve_speaker("the person", "", None) is None
    text = '“Gunmen came at night. They killed two people and burned the shop,” the person said.'
    found = annotate.quote_speaker(text, text.index("two"), text.index("shop") + 4, last_source=villager)
    assert found == villager


@pytest.mark.parametrize("between, is_change", [
    (" to ", True), (", from the previous figure of ", True), (" from ", True), (", from an initial ", True),
    (" people and ", False), (", while police said ", False), (" from the village of ", False), ("", False)])
def test_the_words_between_two_readings_of_a_changed_toll_are_told(between, is_change):
    from helpers.annotate.article import is_change_of_toll

    assert is_change_of_toll(between) is is_change


def test_both_ends_of_a_revised_toll_are_one_event_reported_as_news():
    rows = _article_rows("Blast at market kills 26\n\nA bomb exploded at the central market of Kale on Monday.\n\n"
                         "A hospital spokesman said on Tuesday that the death toll was revised from 25 to 26.")
    revised = rows[rows["evidence"].str.contains("revised", regex=False)]
    assert sorted(revised["killed"].dropna().astype(int)) == [25, 26]
    assert set(revised["role"]) == {"main"} and revised["article_event_key"].nunique() == 1


def test_a_title_s_attributed_figure_restated_by_an_attributed_body_sentence_is_one_row_carrying_the_body():
    rows = _article_rows("Eleven police killed in attack on station, state TV says\n\nGunmen attacked a police "
                         "station in the town of Kale on Monday night.\n\n\u201cEleven policemen were killed in the "
                         "attack,\u201d the deputy governor of the province said.")
    assert len(rows[rows["killed"] == 11]) == 1
    assert "deputy governor" in rows.loc[rows["killed"] == 11, "evidence"].iloc[0]


def test_a_title_s_figure_that_no_body_sentence_restates_stays_a_row():
    # the body's count is larger than the title's, so no reading of it as a part of the title's can hide it
    rows = _article_rows("Eleven police killed in attack on station, state TV says\n\nGunmen attacked a police "
                         "station in the town of Kale on Monday night.\n\n\u201cFourteen policemen were killed in the "
                         "attack,\u201d the deputy governor of the province said.")
    assert sorted(rows["killed"].dropna().astype(int)) == [11, 14]


@pytest.mark.parametrize("text, expected", [
    # a plural present at the sentence's end, which the small parser tags as a noun, still names the speaker
    ("Gunmen killed at least 11 farm workers near the northern town of Garba, villagers confirm.", "activists"),
    ("Raiders killed nine herders at a watering point in the east, the district authorities confirm.", "government"),
    ("Survivors tell reporters that gunmen killed 17 passengers on the bus near the river crossing.", "activists"),
])
def test_a_speaker_in_the_plural_present_is_the_figure_s_source(text, expected):
    rows = _rows(text)
    assert len(rows) == 1 and rows.iloc[0]["source_type"] == expected


@pytest.mark.parametrize("speaker, expected", [
    ("residents and police", ("police", "government")),
    ("officials and witnesses", ("officials", "government")),
    ("villagers, as well as the district commissioner", ("officials", "government")),
    ("security, humanitarian and local sources", ("officials", "government")),  # modifiers sharing one noun
    ("a resident who spoke to police", ("resident", "activists")),  # the police are spoken to, not speakers
    # commas alone set off an appositive, not a second speaker
    ("the youth association of Kale, capital of the northern state", ("activists", "activists")),
    ("residents", ("resident", "activists")),
    # an outlet named beside a speaker of its own only carries that speaker's figure
    ("a survivor and Radio Okapi", ("survivor", "activists")),
    ("the army and local media", ("army", "government")),
    # outlets alone, or officials alone, are read as before
    ("Reuters and the BBC", ("Reuters", "media")),
    ("the army and police", ("army", "government")),
])
def test_joint_speakers_are_the_state_s_source_before_local_voices_and_a_speaker_before_an_outlet(speaker, expected):
    attribution = annotate.resolve_speaker(speaker, speaker, None)
    assert (attribution.figure_source, attribution.source_type) == expected



@pytest.mark.parametrize("body, expected", [
    ("The commissioner said the raiders shot dead nine herders at dawn.", "officials"),  # the dead alone: restated
    ("The commissioner said nine herders died and 12 were hurt.", None),  # another wounded count: another figure set
    ("The commissioner said seven herders died.", None),  # another count of the dead
])
def test_a_body_sentence_giving_a_lede_s_dead_alone_restates_the_lede_s_dead_and_wounded(body, expected):
    sentences = ["Nine killed, four hurt in cattle raid", "Raiders struck a camp near the river.", body]
    text = "\n".join(sentences)
    spans, at = [], 0
    for sentence in sentences:
        spans.append((at, at + len(sentence)))
        at += len(sentence) + 1
    named = [None, None, annotate.Attribution("officials", "government", False)]
    article = sources.ArticleSources.of("s", text, spans, named)
    found = sources.body_restatement(_Lede(0, {"killed": _Count(9), "wounded": _Count(4)}), article)
    assert (found.figure_source if found is not None else None) == expected


def test_a_quoted_text_read_out_speaks_for_who_issued_it():
    rows = _article_rows("Bomb kills three police in Tala\n\n\u201cA car bomb at the checkpoint near Tala killed three "
                         "policemen and wounded nine others,\u201d reads a statement from the ministry.")
    assert len(rows) == 1 and rows.iloc[0]["source_type"] == "government"



@pytest.mark.parametrize("introduction, later, expected", [
    ("District Commissioner Amos Kiprono visited the scene on Monday.", "Kiprono said nine people died.",
     ("officials", "government")),
    ("Police Spokesman Daniel Otieno briefed reporters.", "Otieno said nine people died.", ("police", "government")),
    ("The New York Times sent a reporter.", "Times said nine people died.", None),  # no title: no one introduced
])
def test_a_person_introduced_with_a_capitalised_title_is_that_title_s_source_later(introduction, later, expected):
    names = {}
    sources.learn_speaker_names(introduction, names)
    found = annotate.resolve_speaker(later.split(" said")[0], later, None, names)
    assert (None if found is None else (found.figure_source, found.source_type)) == expected


@pytest.mark.parametrize("text, expected", [
    # a speaker named last, after a comma, that the parser takes for an appositive with a participle
    ("Gunmen killed nine people in a recent outbreak of violence in the town of Kale, a community leader reported "
     "on Wednesday.", "activists"),
    ("Gunmen killed nine people in the town of Kale, a district known for deaths reported last year.", "unattributed"),
])
def test_a_speaker_named_last_after_a_comma_is_found_when_parsed_as_a_participle(text, expected):
    rows = _rows(text)
    assert len(rows) == 1 and rows.iloc[0]["source_type"] == expected


def _article(sentences, named):
    text = "\n".join(sentences)
    spans, at = [], 0
    for sentence in sentences:
        spans.append((at, at + len(sentence)))
        at += len(sentence) + 1
    return sources.ArticleSources.of("s", text, spans, named)


@pytest.mark.parametrize("furniture, index, expected", [
    # a caption and a credit line between the headline and the lede: the lede is still the lede
    (["Mourners gather at the mosque.", "Photo: file"], 3, "police"),
    # no furniture: the fourth sentence is a body sentence, as before
    ([], 4, None),
])
def test_a_lede_below_a_caption_and_a_credit_line_takes_the_speaker_of_the_body_sentence_restating_it(
        furniture, index, expected):
    sentences = (["Gunmen kill eight in raid on farm"] + furniture +
                 ["Eight farm workers were shot dead when gunmen raided an estate outside the town early on Friday.",
                  "The attackers arrived on motorbikes and set fire to two storage sheds before fleeing into the bush.",
                  "Residents said the estate had been threatened by the same gang for several months this year.",
                  "Regional police chief Amos Kiprop confirmed the eight deaths and said a search was under way."])
    named = [None] * (len(sentences) - 1) + [annotate.Attribution("police", "government", False)]
    article = _article(sentences, named)
    lede = _Lede(index, {"killed": _Count(8)})
    found = sources.body_restatement(lede, article)
    assert (found.figure_source if found is not None else None) == expected


def test_a_lede_s_vague_count_beside_its_exact_dead_does_not_keep_the_dead_from_their_speaker():
    sentences = ["Attack on village leaves eight dead",
                 "Eight people were confirmed dead and several others injured after gunmen raided a village overnight.",
                 "Houses were burnt down and cattle driven away by the attackers before dawn on Sunday morning.",
                 "The county commissioner confirmed the death of the eight and said officers had been deployed."]
    article = _article(sentences, [None, None, None, annotate.Attribution("officials", "government", False)])
    several = SimpleNamespace(count=SimpleNamespace(value=3, is_vague=True, maximum=9))
    found = sources.body_restatement(_Lede(1, {"killed": _Count(8), "wounded": several}), article)
    assert found is not None and found.figure_source == "officials"
    # a set of vague counts only restates nothing
    assert sources.body_restatement(_Lede(1, {"killed": several}), article) is None


@pytest.mark.parametrize("sentence", [
    "Over 30 people were killed and at least 8 wounded in the raid, MONUSCO said on Tuesday.",
    "At least 14 villagers died in the attack, the peacekeeping mission said in a statement.",
])
def test_a_un_peacekeeping_mission_telling_a_toll_is_a_un_monitor_not_a_party(sentence):
    found = sources.sentence_source(sentence, None)
    assert (found.figure_source, found.source_type) == ("United Nations", "monitor")


@pytest.mark.parametrize("sentence, expected", [
    # a group that says it killed is the attackers claiming their toll
    ("The group said it had killed 30 soldiers and seized weapons.", ("al-Shabaab", "perpetrator_claim")),
    # a group that counts the dead without saying it killed them is not a claimant
    ("The group said 30 soldiers had been killed in the raid.", None),
])
def test_a_bare_group_saying_it_killed_is_the_attackers_claim(sentence, expected):
    rows = _rows("Al-Shabaab fighters raided an army post near the border on Sunday. " + sentence)
    row = rows[rows["killed"] == 30].iloc[0]
    found = (row["figure_source"], row["source_type"]) if row["source_type"] == "perpetrator_claim" else None
    assert found == expected


def test_according_to_him_refers_back_to_the_speaker_last_named():
    rows = _rows("Gunmen raided a farming village on Sunday night. Police spokesman Musa Ali said officers had been "
                 "deployed to the area. According to him, the raiders killed 23 villagers with machetes.")
    row = rows[rows["killed"] == 23].iloc[0]
    assert (row["figure_source"], row["source_type"]) == ("police", "government")


@pytest.mark.parametrize("text, source_type", [
    # a speaker introduced with a verb that is not a speech verb, then quoted with a pronoun in the same sentence
    ('The village chief of Westvale gave the grim news: "They killed nine of our people," he said.', "activists"),
    ('A district commissioner described the scene: "Eleven bodies were recovered," she said.', "government"),
])
def test_a_pronoun_speaker_refers_to_the_role_named_earlier_in_its_sentence(text, source_type):
    rows = _rows(text)
    assert len(rows) == 1 and rows.iloc[0]["source_type"] == source_type


@pytest.mark.parametrize("text", [
    # 'it' is not the plural forces; 'they' is not the places named after the subject's noun
    'Northland Watch has verified that army troops killed five civilians in the village, it said.',
    'The raid on Westvale, a town in the hill state of Norland, also wounded 20 people, they said.',
])
def test_a_pronoun_speaker_is_not_a_subject_it_cannot_refer_to(text):
    rows = _rows(text)
    assert rows.iloc[-1]["source_type"] != "government"


def test_a_singular_pronoun_speaker_does_not_refer_to_a_plural_subject_of_its_sentence():
    rows = _article_rows("Gunmen kill eight in Westvale\n\nThe district governor said on Monday that the raid began at dawn.\n\n"
                         'Residents fled the village after the raid, "Eight people died there," he said.')
    assert rows.iloc[-1]["source_type"] == "government"  # 'he' is the governor, not the residents


def test_a_passive_speech_verbs_subject_is_what_is_said_not_who_says_it():
    # '12 bodies are confirmed ...' names no speaker; the attackers in the clause are not claiming the toll
    from helpers.annotate.pipeline import build_nlp
    from helpers.annotate.speakers import _find_speaker_spans
    nlp = build_nlp(False)
    doc = nlp("At least 12 traders are confirmed dead after an overnight raid by unknown gunmen on the Tamou market.")
    assert _find_speaker_spans(doc) == []
    doc = nlp("The district chief was quoted as saying that 12 traders died in the raid.")
    assert [speaker.text for _, speaker in _find_speaker_spans(doc)] == ["The district chief"]


def test_adding_to_something_is_not_speaking():
    from helpers.annotate.pipeline import build_nlp
    from helpers.annotate.speakers import _find_speaker_spans
    nlp = build_nlp(False)
    doc = nlp("Rebel fighters killed 14 herders near Tamou on Sunday, adding to fears of a new wave of raids.")
    assert _find_speaker_spans(doc) == []
    doc = nlp("Fourteen herders died in the raid, the mayor added.")
    assert [speaker.text for _, speaker in _find_speaker_spans(doc)] == ["the mayor"]


@pytest.mark.parametrize("speaker", ["PTI", "the Press Trust of India"])
def test_a_cooperative_news_agency_is_an_outlet_not_the_state(speaker):
    found = annotate.resolve_speaker(speaker, "Five policemen were killed, according to " + speaker + ".", None)
    assert found is not None and found.source_type == "media"


def _figure_sources(text):
    import os
    import tempfile
    from helpers import pipeline
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "written.txt"), "w", encoding="utf-8") as handle:
            handle.write(text)
        mentions = pipeline.annotate_folder(folder)["mentions"]
    return {int(row.killed): row.source_type for row in mentions.itertuples() if not pd.isna(row.killed)}


def test_a_speaker_in_a_clause_of_its_own_with_its_own_count_does_not_give_the_figure_beside_it():
    found = _figure_sources("Rebels kill soldiers in ambush near Tamou\n\nAt least 13 soldiers died on Sunday in a "
                            "rebel ambush on their convoy near Tamou, while a human rights group said it could confirm "
                            "the death of 15 soldiers in the attack.\n")
    assert found == {13: "unattributed", 15: "monitor"}


def test_a_speaker_whose_clause_names_only_a_date_still_gives_the_figure():
    found = _figure_sources("Blast in Tamou\n\nNine people were killed in the blast in Tamou on Friday, the governor "
                            "said on 12 March, adding that the market was closed.\n")
    assert found == {9: "government"}


def test_disclosing_and_stating_are_speech_verbs():
    found = _figure_sources("Raid on Tamou\n\nThe police spokesman in the state, Musa Adamu, disclosed that twelve "
                            "villagers were killed in the raid on Tamou on Friday.\n")
    assert found == {12: "government"}


def test_a_speaker_the_parse_hangs_off_the_figures_clause_without_a_contrast_still_gives_it():
    found = _figure_sources("Attack on border post\n\nSome 14 soldiers were killed and another six wounded in an attack "
                            "on a border post near Tamou early on Friday, a senior officer told reporters by phone.\n")
    assert found == {14: "government"}


def test_a_parallel_government_that_does_not_govern_the_area_is_a_partisan_voice():
    found = annotate.resolve_speaker("the National Unity Government", "the National Unity Government said.", None)
    assert found.source_type == "activists"

"""Who said it: generic source words (data/dictionaries/source_words.csv), speakers the parse loses, claims of
responsibility, people introduced with a role, and headline figures told with a source further down. Every
sentence here is written for these tests."""
import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate import source_words
from helpers.annotate.sources import learn_speaker_names


def test_every_source_word_row_has_a_note_a_known_type_and_no_repeat():
    frame = pd.read_csv(source_words.SOURCE_WORDS_PATH, dtype="string", keep_default_na=False)
    assert list(frame.columns) == ["word", "source_type", "note"]
    assert (frame["note"].str.strip() != "").all()
    assert set(frame["source_type"]) == set(source_words.SOURCE_WORD_TYPES)
    assert not frame["word"].str.lower().duplicated().any()


def test_a_source_word_file_without_a_note_or_with_an_unknown_type_is_refused(tmp_path):
    bad = tmp_path / "source_words.csv"
    bad.write_text("word,source_type,note\nmayor,government,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="every row needs a note"):
        source_words.source_word_rules(str(bad))
    bad.write_text("word,source_type,note\nmayor,officialdom,a type the contract does not have\n", encoding="utf-8")
    with pytest.raises(ValueError, match="source_type must be one of"):
        source_words.source_word_rules(str(bad))


@pytest.mark.parametrize("speaker, expected", [
    ("the local deputy commissioner", ("officials", "government", False)),
    ("An Eastlandian source", ("officials", "government", False)),  # a qualified anonymous source
    ("the Joint Forces Public Relations (JFPR)", ("officials", "government", False)),  # a forces' press wing
    ("the allied coalition", ("officials", "government", False)),
    ("the district administration", ("officials", "government", False)),
    ("A tribal figure", ("activists", "activists", False)),
    ("The Northtown Resistance Committee", ("activists", "activists", False)),
    ("a conservation organisation", ("conservation organisation", "monitor", False)),
    ("The Islamist group", ("Islamist group", "perpetrator_claim", True)),
    ("NORTHTOWN, Eastland (AP) — A spokesman for the regional forces", ("officials", "government", False)),
    ("A local official who spoke to Amnesty International", ("officials", "government", False)),  # the one told
])
def test_speaker_words_give_the_source_type(speaker, expected):
    found = annotate.resolve_speaker(speaker, speaker, None)
    assert (found.figure_source, found.source_type, found.is_claim) == expected


@pytest.mark.parametrize("speaker", ["sources", "the sources", "Sources"])
def test_an_unqualified_sources_names_no_one(speaker):
    assert annotate.resolve_speaker(speaker, speaker, None) is None


def test_a_speaker_phrase_is_read_without_a_parse_when_no_dictionary_source_is_named():
    found = annotate.spoken_source("The blast killed 30 people, the district commissioner said on Friday.")
    assert found.source_type == "government"
    found = annotate.spoken_source("Regional investigators reported a death toll of 40.")
    assert found.source_type == "government"
    assert annotate.spoken_source("Four soldiers died in the ambush.") is None


def test_people_introduced_with_a_role_are_remembered_by_surname():
    names: dict = {}
    learn_speaker_names("The regional army spokesman Lt. John Abcd said the rebels fled.", names)
    learn_speaker_names("Mary Efgh, a spokesperson for the city hospital, said ten died.", names)
    assert annotate.resolve_speaker("Abcd", "Abcd said", None, names).figure_source == "army"
    assert annotate.resolve_speaker("Mary Efgh", "", None, names).source_type == "government"
    assert annotate.resolve_speaker("Abcd", "Abcd said", None) is None  # without the article's people
    learn_speaker_names("The attack took place in Westville Town on Monday.", names)
    assert "town" not in names and "westville town" not in names  # a place after a word that is no role


def _rows(text: str, published: str | None = "2024-05-10") -> pd.DataFrame:
    rows = annotate.annotate_articles(pd.DataFrame([("s1", text, published)],
                                                   columns=["article_id", "text", "published"]))
    return rows.sort_values(["figure_start"], kind="mergesort").reset_index(drop=True)


def test_speakers_the_parse_loses_are_found():
    rows = _rows("A car bomb killed at least nine people at a market in Northtown on Sunday, the army said.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"]) == (9, "government")
    rows = _rows("At least seven people died in the attacks on the town, as reported by local authorities.")
    assert rows.loc[0, "source_type"] == "government"
    rows = _rows("Gunmen raided the village at dawn and killing 23 people, Peter Abcd, commissioner for the "
                 "nearby county, said yesterday.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"]) == (23, "government")


def test_a_claim_of_responsibility_is_not_a_claimed_toll():
    rows = _rows("The jihadist group claimed responsibility for the bombing that killed 14 people in Northtown "
                 "on Sunday.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"], bool(rows.loc[0, "is_claim"])) == (
        14, "unattributed", False)
    rows = _rows("The militant group claimed the attack and said that its fighters had killed 40 soldiers.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"], bool(rows.loc[0, "is_claim"])) == (
        40, "perpetrator_claim", True)


def test_a_person_introduced_with_a_role_keeps_it_when_quoted_by_name():
    rows = _rows("Rebels attacked an army convoy near Westville on Monday, the regional army spokesman Lt. John "
                 "Abcd told reporters.\n\nAbcd said the rebels killed six soldiers and wounded four others.")
    row = rows[rows["killed"] == 6].iloc[0]
    assert (row["source_type"], row["figure_source"]) == ("government", "army")


def test_a_headline_figure_takes_the_source_that_gives_it_further_down():
    rows = _rows("Eleven soldiers killed in border attack\n\nGunmen attacked a border post near Westville on "
                 "Monday night.\n\nThe attack on the post left 11 soldiers dead, the district commissioner said.")
    assert set(rows["source_type"]) == {"government"} and set(rows["killed"]) == {11}


def test_an_outlet_citing_a_source_relays_it_and_residents_claiming_a_toll_are_its_source():
    found = annotate.spoken_source("Eighteen people died in the shelling, Reuters reported, citing the health ministry.")
    assert (found.figure_source, found.source_type) == ("health ministry", "government")
    rows = _rows("Eighteen people died in the shelling of Westville on Monday, Reuters reported, citing the health "
                 "ministry.")
    assert rows.loc[0, "source_type"] == "government"
    rows = _rows("Officials said 12 people died in the air strike on Westville on Monday, but villagers claim that "
                 "31 people were killed.")
    assert dict(zip(rows["killed"], rows["source_type"])) == {12: "government", 31: "activists"}


def test_an_unknown_outlet_citing_a_source_and_a_role_given_before_the_name_are_read():
    rows = _rows("The toll of the bombing in Westville on Friday rose to 41, the Zedland Daily reported, citing the "
                 "public prosecution.")
    assert rows.loc[0, "source_type"] == "government"
    rows = _rows("The Secretary-General of Northern State, John Abcd says gunmen attacked the village on Friday and "
                 "killed 12 people.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"]) == (12, "government")


def test_a_claimed_toll_and_a_participle_speaking_for_its_subject_are_the_groups_claim():
    rows = _rows("The militant group claimed a far higher toll, saying that 35 soldiers died in the raid on "
                 "Westville on Monday.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"], bool(rows.loc[0, "is_claim"])) == (
        35, "perpetrator_claim", True)
    rows = _rows("The militant group claimed the raid on Westville on Monday, saying its fighters killed 35 soldiers.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"]) == (35, "perpetrator_claim")
    rows = _rows("The blast at the Westville market on Monday claimed the lives of 17 people.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"]) == (17, "unattributed")  # no one speaks


def test_who_revises_a_toll_gives_it():
    rows = _rows("The authorities on Thursday revised the toll of the Westville bombings down to 48.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"]) == (48, "government")


def test_an_unknown_name_that_reported_a_figure_is_an_outlet_and_a_person_with_a_role_is_not():
    rows = _rows("The Zedland Courier reported that at least 27 villagers were killed in the raid on Westville on "
                 "Monday.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"], rows.loc[0, "figure_source"]) == (
        27, "media", "The Zedland Courier")
    rows = _rows("Eleven people died in the ambush near Westville on Monday, Radio Abcd Ouest reports.")
    assert (rows.loc[0, "killed"], rows.loc[0, "source_type"]) == (11, "media")
    rows = _rows("The district commissioner reported that 27 villagers were killed in the raid on Westville on Monday.")
    assert rows.loc[0, "source_type"] == "government"
    rows = _rows("The ZPF reported that 27 villagers were killed in the raid on Westville on Monday.")
    assert rows.loc[0, "source_type"] != "media"  # an unknown acronym may be a group or a body
    rows = _rows("The Zedlanders report that 27 villagers were killed in the raid on Westville on Monday.")
    assert rows.loc[0, "source_type"] != "media"  # a people, not an outlet


@pytest.mark.parametrize("speaker, expected_type", [
    ("an eye-witness who hid in the bush", "activists"),
    ("community stakeholders in Westvale", "activists"),
    ("a youth leader in the town", "activists"),
    ("a traditional leader of the area", "activists"),
    ("a parishioner who survived", "activists"),
    ("an opposition lawmaker from the district", "activists"),  # settled questions: opposition politicians
    ("a lawmaker representing Westvale", "government"),  # a serving official speaks for the state
    ("the local MP", "government"),
    ("a ward councillor", "government"),
    ("the sub-prefect of Northtown", "government"),
    ("the gendarmerie", "government"),
    ("a nurse at the district hospital", "government"),
    ("a mortuary attendant", "government"),
    ("the state attorney general", "government"),
    ("the deputy director of the regional transport department", "government"),
    ("the director of a local civil society group", "activists"),  # the group's words come first
    ("a news report", "media"),  # reports named as the press's
    ("DSP Ravi Abcd", "government"),  # a police rank before a name
    ("a police sergeant at the checkpoint", "government"),
])
def test_classes_of_speakers_are_typed_by_their_role(speaker, expected_type):
    assert annotate.resolve_speaker(speaker, speaker, None).source_type == expected_type


@pytest.mark.parametrize("speaker", ["a member of a church in Eastvale State", "a farmhand from Norland State"])
def test_a_federated_states_name_types_no_speaker(speaker):
    # 'Eastvale State' is where the speaker is from; the state is not speaking
    found = annotate.resolve_speaker(speaker, speaker, None)
    assert found is None or found.source_type != "government"


def test_a_federated_states_official_is_still_the_governments():
    assert source_words.generic_source_type("the Eastvale State Commissioner for Information") == "government"
    assert source_words.generic_source_type("The State Police Command") == "government"


def test_a_police_rank_speaking_is_not_read_as_the_attackers_claim():
    rows = annotate.annotate_articles(pd.DataFrame(
        [("s3", "Attack in the north\n\nAccording to ASP John Abcd, the assailants inflicted injuries on 18 people "
                "in the village.", "2024-05-14")], columns=["article_id", "text", "published"]))
    assert rows.iloc[0]["source_type"] == "government"


def test_every_organisation_head_row_has_a_note_a_known_type_and_a_capitalised_head():
    frame = pd.read_csv(source_words.ORGANISATION_HEADS_PATH, dtype="string", keep_default_na=False)
    assert list(frame.columns) == ["head", "source_type", "note"]
    assert (frame["note"].str.strip() != "").all()
    assert set(frame["source_type"]) <= set(source_words.SOURCE_WORD_TYPES)
    assert frame["head"].str.match(r"^[A-Z]").all() and not frame["head"].duplicated().any()


@pytest.mark.parametrize("speaker, expected_type", [
    # offices and titles of any country's state
    ("the wali of Batna province", "government"),  # an Algerian governor
    ("Chhattisgarh DGP Rakesh Varma", "government"),  # a South Asian police chief
    ("Sorsogon Rep. Ana Dizon", "government"),  # a serving lawmaker
    ("the Tunisian National Guard", "government"),
    ("the Carabineros in Temuco", "government"),
    ("the Department of Public Security of Oruro", "government"),
    ("the Madagascar National Disaster Risk Management Bureau", "government"),
    ("the Office of the Provincial Prosecutor", "government"),
    ("the Bolivian Agency for Civil Protection", "government"),
    ("the regional health directorate", "government"),
    # NGOs and UN bodies by name or form
    ("Médecins Sans Frontières", "monitor"),
    ("Doctors Without Borders", "monitor"),
    ("a spokeswoman for UNICEF", "monitor"),
    ("the Norwegian Refugee Council", "monitor"),
    ("Andes Rights Watch", "monitor"),
    ("the Altiplano Conflict Tracker", "monitor"),
    ("a local relief committee", "monitor"),
    # community voices
    ("the Catholic diocese of Kandi", "activists"),
    ("a bishop in the north", "activists"),
    ("the Mountain Resistance Force", "activists"),
])
def test_speakers_of_any_country_are_typed_by_class_and_by_the_form_of_a_bodys_name(speaker, expected_type):
    found = annotate.resolve_speaker(speaker, speaker + " said.", None)
    assert found is not None and found.source_type == expected_type


@pytest.mark.parametrize("speaker, expected_type", [
    ("the Kerala News Agency", "media"),  # a news agency is an outlet, not a state agency
    ("Altiplano Health Watch", "monitor"),  # a watch's name wins over its 'health' word
    ("the human rights commission", "monitor"),  # an independent state body counts like a monitor
])
def test_a_bodys_words_and_its_head_noun_are_weighed_in_order(speaker, expected_type):
    assert annotate.resolve_speaker(speaker, speaker + " said.", None).source_type == expected_type


@pytest.mark.parametrize("speaker", ["the office", "an agency", "the service", "a guard"])
def test_a_lower_case_head_noun_alone_types_no_one(speaker):
    assert source_words.organisation_head_type(speaker) is None


@pytest.mark.parametrize("sentence, expected_type", [
    ("Eleven gendarmes were killed near Tessalit, the National Gendarmerie said in a statement.", "government"),
    ("The blast killed nine people at the market, the wali of Tamanrasset told state radio.", "government"),
    ("At least 14 displaced people died in the shelling, according to Médecins Sans Frontières.", "monitor"),
    ("The raid killed 23 villagers, Sahel Rights Watch said on Monday.", "monitor"),
])
def test_sentences_from_unseen_countries_name_their_speakers_class(sentence, expected_type):
    found = annotate.spoken_source(sentence)
    assert found is not None and found.source_type == expected_type


def test_a_relief_bodys_services_are_an_ngos_not_the_states():
    assert annotate.resolve_speaker("Catholic Relief Services", "Catholic Relief Services said.", None).source_type == \
        "monitor"
    assert annotate.resolve_speaker("the Ambulance Service", "the Ambulance Service said.", None).source_type == \
        "government"

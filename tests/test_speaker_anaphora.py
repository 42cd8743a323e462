"""A state's speaker referred back to by role alone ('said the official') is the source last named, not a new
unnamed official (helpers.annotate.speaker_anaphora). Every sentence here is written for these tests."""
import pandas as pd
import pytest

from helpers import annotate
from helpers.annotate.sources import Attribution
from helpers.annotate.speaker_anaphora import is_role_speaker, refers_back, sentence_role_speaker


@pytest.mark.parametrize("words, expected", [
    ("the official", True),
    ("The spokesman", True),
    ("the official requesting anonymity", True),
    ("an official", False),  # a new speaker
    ("the official news agency", False),
    ("the police spokesman", False),  # a role of its own, resolved as any speaker is
])
def test_a_role_with_the_alone_is_a_role_speaker(words, expected):
    assert is_role_speaker(words) is expected


@pytest.mark.parametrize("sentence, expected", [
    ('"The post was attacked at dawn," said the official, who asked not to be named.', True),
    ("The spokesman added that the road was closed.", True),
    ("Six people died, the official news agency said.", False),
    ("Six people died, said an official.", False),
])
def test_a_sentence_spoken_by_the_role_alone(sentence, expected):
    assert sentence_role_speaker(sentence) is expected


def test_only_the_states_source_is_referred_back_to():
    assert refers_back(Attribution("army", "government", False))
    assert not refers_back(Attribution("resident", "activists", False))
    assert not refers_back(Attribution("al-Shabaab", "perpetrator_claim", True))
    assert not refers_back(None)


def test_the_official_again_is_one_source_and_one_row():
    text = ("At least seven soldiers were killed in an attack by militants on an army post in Northland province, a "
            "military official told reporters.\n\n"
            "\"The gunmen came from three directions at dawn,\" said the official, requesting anonymity.\n\n"
            "The gunmen were driven off after a long fight, killing seven soldiers and wounding four others, he said.\n")
    rows = annotate.annotate_articles(pd.DataFrame([("a1", text, "2024-05-10")],
                                                   columns=["article_id", "text", "published"]))
    assert len(rows) == 1
    assert (rows.loc[0, "killed"], rows.loc[0, "wounded"], rows.loc[0, "source_type"]) == (7, 4, "government")


@pytest.mark.parametrize("sentence, expected", [
    ("He noted that the bodies of nine farmers had been taken to the morgue.", True),
    ("She confirmed that four of the wounded were children.", True),
    ("According to them, eleven houses were burnt.", True),
    ("According to the mayor, eleven houses were burnt.", False),  # a speaker named, not referred back to
    ("They fled into the forest before dawn.", False),  # a pronoun that does not speak
])
def test_a_sentence_spoken_by_a_pronoun(sentence, expected):
    from helpers.annotate.speaker_anaphora import sentence_pronoun_speaker

    assert sentence_pronoun_speaker(sentence) is expected


def test_an_outlet_named_by_its_kind_is_the_outlet_last_named():
    from helpers.annotate.sources import Attribution, resolve_speaker
    from helpers.annotate.speaker_anaphora import is_outlet_speaker, refers_back_to_outlet, sentence_outlet_speaker
    agency = Attribution("Xinhua", "government", False)
    assert resolve_speaker("The agency", "The agency said 12 were wounded.", agency) == agency
    assert resolve_speaker("the news agency", "Nine died, the news agency reported.", agency) == agency
    assert sentence_outlet_speaker("The state news agency said 12 were wounded.")
    assert sentence_outlet_speaker("Twelve were wounded, reported the newspaper.")
    assert not sentence_outlet_speaker("The news agency's office was closed.")
    assert is_outlet_speaker("the daily") and not is_outlet_speaker("the agency's correspondent")
    # a ministry or a police force is no outlet: 'the agency' after them is a new, unnamed speaker
    assert not refers_back_to_outlet(Attribution("police", "government", False))
    assert not refers_back_to_outlet(Attribution("Amaq", "perpetrator_claim", True))
    found = resolve_speaker("the news agency", "Nine died, the news agency reported.", Attribution("police", "government", False))
    assert found is not None and found.source_type == "media"


def test_an_outlets_second_sentence_keeps_its_source_across_the_article():
    import os
    import tempfile
    from helpers import pipeline
    text = ("Soldiers killed near Tamou\n\nAt least 13 soldiers were killed in an ambush near Tamou on Sunday, state "
            "news agency SANA reported.\n\nThe news agency said 18 soldiers were also wounded in the attack.\n")
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "written.txt"), "w", encoding="utf-8") as handle:
            handle.write(text)
        mentions = pipeline.annotate_folder(folder)["mentions"]
    assert set(mentions["figure_source"]) == {"SANA"} and set(mentions["source_type"]) == {"government"}

"""The annotation pipeline (helpers.annotate.pipeline): pinned model, rulers before the NER, when the NER runs."""
from helpers import annotate
from helpers.annotate import build_nlp


def test_pipeline_is_pinned_and_rulers_run_before_ner():
    nlp = build_nlp()
    assert nlp.meta["version"] == "3.8.0" and "lemmatizer" not in nlp.pipe_names
    names = nlp.pipe_names
    assert names.index("dictionary_ruler") < names.index("ner")
    assert not any(ent.label_ == "ACTOR" for ent in nlp("This is it.").ents)
    assert names.index("place_ruler") < names.index("ner")
    assert names.index("place_ruler_cased") < names.index("ner")
    doc = nlp("Shelling hit Deir ez-Zor.")
    assert any(ent.text == "Deir ez-Zor" for ent in doc.ents)


def test_statistical_ner_runs_only_for_capitalised_words_that_may_name_a_place():
    nlp = build_nlp()

    def needs_ner(sentence):
        with nlp.select_pipes(disable=["ner"]):
            return annotate._has_unknown_proper_noun(nlp(sentence))

    # weekdays and months are capitalised but never a place: the rules read them as dates
    assert not needs_ner("Gunmen killed four soldiers on Thursday night in an ambush, officials said in March.")
    # a capitalised word no dictionary knows may be a place: the NER must look at it
    assert needs_ner("Gunmen killed four soldiers on Thursday night near Qaryat Zibdani, officials said.")
    assert needs_ner("In August, rebels shelled Kwakwa and killed three villagers.")

"""The annotator's spaCy components (helpers.annotate.components): build_nlp()(text) carries the figures."""
import pytest

from helpers import annotate
from helpers.annotate import components


@pytest.fixture(scope="module")
def nlp():
    return annotate.build_nlp()


def test_the_figures_component_runs_last_after_the_parser_and_the_attribute_ruler(nlp):
    names = nlp.pipe_names
    assert names[-1] == components.FIGURES_COMPONENT
    assert names.index("parser") < names.index(components.FIGURES_COMPONENT)
    assert names.index("attribute_ruler") < names.index(components.FIGURES_COMPONENT)


def test_a_parsed_sentence_carries_its_figures_on_the_doc(nlp):
    doc = nlp("At least 20 people were killed and 7 wounded when gunmen attacked a market.")
    found = [(f.kind, f.count.value, f.count.qualifier) for f in doc._.figures]
    assert found == [("killed", 20, "at_least"), ("wounded", 7, "exact")]
    assert nlp("The market reopened on Monday.")._.figures == []


def test_the_component_finds_what_find_all_figures_finds(nlp):
    for sentence in ("Two soldiers died and four were injured in the blast.",
                     "The bombing killed 12 people, including three children.",
                     "Police said the attackers destroyed three vehicles."):
        doc = nlp(sentence)
        assert doc._.figures == annotate.find_all_figures(doc)


def test_a_doc_made_without_the_component_has_no_figures_on_it(nlp):
    assert nlp.make_doc("Five people were killed.")._.figures is None

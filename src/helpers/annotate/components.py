"""spaCy components of the annotation pipeline: which per-Doc steps of the annotator run inside `nlp` itself.

`annotate_figures` (added last by build_nlp, after the parser and the attribute ruler whose tags and parts of
speech it reads) puts a parsed sentence's casualty figures on `Doc._.figures`, so `build_nlp()(text)` carries
them: helpers.annotate.kinds then judges those figures instead of finding them again. A Doc made without the
component (a bare pipeline, or `nlp.make_doc`) has `Doc._.figures` None, and the figures are found on demand.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from helpers.annotate.numbers.figures import find_all_figures

FIGURES_COMPONENT = "annotate_figures"
FIGURES_EXTENSION = "figures"

if not Doc.has_extension(FIGURES_EXTENSION):
    Doc.set_extension(FIGURES_EXTENSION, default=None)


@Language.component(FIGURES_COMPONENT)
def annotate_figures(doc: Doc) -> Doc:
    """Find the casualty figures of one parsed sentence (numbers.figures.find_all_figures) and keep them on the doc."""
    doc._.figures = find_all_figures(doc)
    return doc


def add_components(nlp) -> None:
    """Add the annotator's components to a pipeline that has a parser (last: after the attribute ruler too)."""
    if FIGURES_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(FIGURES_COMPONENT, last=True)

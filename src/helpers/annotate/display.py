"""Showing the evidence for notebook 02: labelled spans of an article's mentions rendered with displaCy, ingesting
a fixture folder's article files, and the within-article B-cubed of the annotator's event grouping.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd


SPAN_COLOURS = {
    "KILLED": "#f4a3a3", "WOUNDED": "#f7d08a", "CASUALTIES": "#f2b8d6", "CAPTURED": "#c7b8f2", "MISSING": "#c7b8f2",
    "SOURCE": "#a8d5f2", "DATE": "#b9e6b0", "PLACE": "#d9d9d9",
}


def article_spans(mentions: pd.DataFrame) -> list[dict]:
    """Collect the labelled spans of an article's mentions, without overlaps (earlier and longer spans win)."""
    spans = []
    for value in mentions["spans"].dropna():
        spans.extend(json.loads(value))
    chosen: list[dict] = []
    for start, end, label in sorted({tuple(s) for s in spans}, key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        if all(end <= kept["start"] or start >= kept["end"] for kept in chosen):
            chosen.append({"start": int(start), "end": int(end), "label": str(label)})
    return sorted(chosen, key=lambda s: s["start"])


def render_article_html(text: str, spans: list[dict], title: str | None = None) -> str:
    """Render an article with its extracted spans highlighted (displaCy, which HTML-escapes the text)."""
    import html

    from spacy import displacy

    # displaCy escapes the text but not the title, so the title is escaped here.
    document = {"text": text, "ents": spans, "title": html.escape(title) if title else None}
    return displacy.render(document, style="ent", manual=True, jupyter=False,
                           options={"colors": SPAN_COLOURS, "ents": list(SPAN_COLOURS)})


ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def ingest_article_folder(folder: str | Path) -> pd.DataFrame:
    """Ingest only the article files and sidecar of a fixture folder (not its README or gold tables)."""
    import shutil
    import tempfile

    from helpers.ingest import SIDECAR_NAME, ingest_folder

    folder = Path(folder)
    with tempfile.TemporaryDirectory() as scratch:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in ARTICLE_SUFFIXES or path.name == SIDECAR_NAME:
                shutil.copy(path, Path(scratch) / path.name)
        texts = ingest_folder(scratch)["texts"]
    return texts.sort_values("article_id", kind="mergesort").reset_index(drop=True)


def within_article_bcubed(pred: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """B-cubed of the annotator's grouping of one article's mentions into events (article_event_key)."""
    from helpers.evaluate import bcubed

    gold_in_article = gold.assign(event_id=gold["article_id"].astype("string") + "/" + gold["event_id"].astype("string"))
    return bcubed(pred.assign(event_id=pred["article_event_key"]), gold_in_article)

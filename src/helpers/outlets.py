"""The name under which an article's own, unattributed figures are shown: its outlet, or the article itself.

A figure a report states without naming who counted it is the outlet's own. When the outlet is not known (a
plain text file with no metadata line or sidecar), the reader still needs to tell which report said it: the
article is named by its headline, or by its file name when it has no headline, or when another article with no
outlet has the same headline (each article keeps a name of its own, so figures of two reports are never taken
for one source's).
"""
from __future__ import annotations

import re

import pandas as pd

MAX_TITLE_CHARACTERS = 80


def _clean(value: object) -> str:
    """Text with runs of whitespace made one space; blank for a missing value."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return re.sub(r"\s+", " ", str(value)).strip()


def _headline(title: str) -> str:
    """A headline in quotes, cut at a word before MAX_TITLE_CHARACTERS."""
    if len(title) > MAX_TITLE_CHARACTERS:
        title = title[:MAX_TITLE_CHARACTERS].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"
    return f"the report “{title}”"


def outlet_names(articles: pd.DataFrame | None) -> dict[str, str]:
    """article_id → the name its unattributed figures go under: the outlet, else the article's headline or file."""
    if articles is None or not len(articles):
        return {}
    rows = []
    # only the columns read, a column at a time (rows as dicts of every column cost seconds at a million articles)
    unique = articles.drop_duplicates("article_id")
    blank = [None] * len(unique)
    columns = [unique[name].tolist() if name in unique.columns else blank for name in ("outlet", "title", "file")]
    for article_id, outlet, title, file in zip(unique["article_id"].tolist(), *columns):
        article_id = str(article_id)
        outlet, title = _clean(outlet), _clean(title)
        file = _clean(file) or article_id
        rows.append((article_id, outlet, _headline(title) if title else "", f"the report in {file}"))
    headlines = pd.Series([headline for _, outlet, headline, _ in rows if not outlet and headline], dtype="string")
    shared = set(headlines[headlines.duplicated(keep=False)])
    return {article_id: outlet or (headline if headline and headline not in shared else by_file)
            for article_id, outlet, headline, by_file in rows}


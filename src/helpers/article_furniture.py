"""Lines of an article's page furniture that say nothing of where its attack was: a byline ("By Jane Doe and Ali
Hassan in Cairo", "- Jane Doe, in Nairobi": where the reporters sit) and a photo caption (a wire photo's caption
ends with its place and full date, "... in Lagos, Nigeria, Sunday, Oct. 25, 2015."; an image's file name opens a
caption line; a photo credit closes one). A place named there casts no vote for an attack's province
(place_context.province_mentions). The line patterns, each with a note, are in data/dictionaries/place_furniture.csv.
"""
from __future__ import annotations

import functools
import re

import pandas as pd

from helpers.paths import DATA_DIR

# One row per kind of line (rule, pattern, note): the patterns are searched in each line of the text as written
# (case matters for a byline's capitalised names; a row that ignores case says so with "(?i)").
PLACE_FURNITURE_PATH = DATA_DIR / "dictionaries" / "place_furniture.csv"


@functools.lru_cache(maxsize=1)
def furniture_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """Return the (rule, compiled pattern) rows of data/dictionaries/place_furniture.csv, in the file's order."""
    table = pd.read_csv(PLACE_FURNITURE_PATH, dtype="string", keep_default_na=False)
    return tuple((row.rule, re.compile(row.pattern)) for row in table.itertuples())


@functools.lru_cache(maxsize=8)
def furniture_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) char spans of the lines of `text` that are a byline or a photo caption."""
    patterns = [pattern for _, pattern in furniture_patterns()]
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if any(pattern.search(line) for pattern in patterns):
            spans.append((start, end))
        start = end + 1
    return tuple(spans)


def is_furniture(text: str, position: int) -> bool:
    """Tell whether the character at `position` lies in a byline or photo caption line of `text`."""
    return any(start <= position < end for start, end in furniture_spans(text))

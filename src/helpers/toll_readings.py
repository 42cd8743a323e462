"""Which reading of a toll a figure is: one the report gives as replaced ('the initial toll of five', 'police
earlier put the toll at 11', 'from the previous figure of 359') or as the revision ('the toll rose to 32',
'revised to at least 10'), read from the words before the figure in its own clause.

CONVENTIONS: a later figure of the same source supersedes its earlier one. Publication dates order the figures
of different reports; inside one report, or between reports whose dates do not order them, the report's own
words do. The words of a revised toll are one editorial list, data/dictionaries/toll_readings.csv: each word's
reading (`earlier`: the figure it introduces is the replaced reading; `later`: the revision) and where it is
read, a column each:
- `before_figure`: reconcile reads it among the words just before a figure (reading_before), so that a figure
  its report gives as replaced is never its source's current one (helpers.figures);
- `between_figures`: annotate reads it between two figure sets of one sentence as making the second another
  reading of the same toll, a row of its own (between_figures_pattern, helpers.annotate.words.OTHER_READING);
- `beside_figure`: a figure with it beside it is another reading of a toll, never a part of another figure's
  total (helpers.figure_kinds), and after 'from' between two figures it tells a change of one toll
  (helpers.annotate.article.is_change_of_toll) (revision_words).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from helpers.paths import DATA_DIR
from helpers.word_lists import read_word_list

TOLL_READINGS_PATH = DATA_DIR / "dictionaries" / "toll_readings.csv"
READINGS = ("earlier", "later")
# How far before a figure its reading is looked for: a cue further away, or behind a clause boundary, belongs to
# another figure ('the initial investigation by the prosecutor's office, which confirmed 21' is not read).
WINDOW_WORDS = 6
_CLAUSE_BOUNDARY = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
FIELD_LABELS = {"killed": "KILLED", "wounded": "WOUNDED", "casualties": "CASUALTIES"}


COLUMNS = ["word", "reading", "before_figure", "between_figures", "beside_figure", "note"]
PLACES = ("before_figure", "between_figures", "beside_figure")


@lru_cache(maxsize=4)
def _toll_readings(path: str | None = None):
    """Read toll_readings.csv, checking its columns, readings, notes, that each place column is true or false and
    that a word is listed once."""
    path = Path(path) if path else TOLL_READINGS_PATH
    frame = read_word_list(path, COLUMNS, "reading", READINGS)
    for column in PLACES:
        bad = sorted(set(frame[column]) - {"true", "false"})
        if bad:
            raise ValueError(f"{path.name}: {column} must be true or false; got {', '.join(bad)}")
    words = frame["word"].str.lower().str.split().str.join(" ")
    if words.duplicated().any():
        raise ValueError(f"{path.name}: a word must be listed once; repeated: {', '.join(sorted(set(words[words.duplicated()])))}")
    return frame.assign(word=words)


def toll_reading_words(place: str, path: str | None = None) -> dict[str, str]:
    """Return {word: reading} of the words of toll_readings.csv read at `place` (one of PLACES)."""
    if place not in PLACES:
        raise ValueError(f"place must be one of {', '.join(PLACES)}; got {place!r}")
    frame = _toll_readings(path)
    chosen = frame[frame[place] == "true"]
    return dict(zip(chosen["word"], chosen["reading"]))


@lru_cache(maxsize=2)
def reading_words(path: str | None = None) -> dict[tuple[str, ...], str]:
    """Return {words: reading} of the words reconcile reads before a figure ('previous' -> earlier, ('up', 'from')
    -> earlier)."""
    return {tuple(word.split()): reading for word, reading in toll_reading_words("before_figure", path).items()}


@lru_cache(maxsize=2)
def revision_words(path: str | None = None) -> frozenset[str]:
    """The words that make a figure beside them another reading of a toll ('initially', 'previous', 'revised')."""
    return frozenset(toll_reading_words("beside_figure", path))


@lru_cache(maxsize=2)
def between_figures_pattern(path: str | None = None) -> str:
    """A regular-expression alternation (no group, no word boundaries) of the words that, between two figure sets
    of a sentence, make the second another reading of the same toll ('later revised down to', 'rose to')."""
    words = sorted(toll_reading_words("between_figures", path), key=lambda word: (-len(word), word))
    return "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)


@lru_cache(maxsize=2)
def _cue_pattern(path: str | None = None) -> re.Pattern:
    """A quick test for any cue word, so that sentences without one are not tokenised."""
    words = sorted({part for cue in reading_words(path) for part in cue[-1:]}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


def reading_before(text_before: str, path: str | None = None) -> str | None:
    """Return 'earlier' or 'later' when a cue of toll_readings.csv is among the last WINDOW_WORDS words of the
    clause that ends where a figure begins (the nearest cue wins), else None."""
    if not text_before or not _cue_pattern(path).search(text_before):
        return None
    clause = _CLAUSE_BOUNDARY.split(text_before)[-1]
    cues = reading_words(path)
    clause_words = [word.lower() for word in _WORD.findall(clause)]
    if clause_words[-1:] == ["from"] and any(cues.get((word,)) == "later" for word in clause_words[:-1]):
        # 'the toll rose from 20 to 30', 'revised the toll down to 11 on Monday from 12': in a clause that tells a
        # revision, the figure after 'from' is the reading the revision replaced
        return "earlier"
    words = clause_words[-WINDOW_WORDS:]
    longest = max(len(cue) for cue in cues)
    for end in range(len(words), 0, -1):  # from the word nearest the figure backwards
        for size in range(min(longest, end), 0, -1):
            reading = cues.get(tuple(words[end - size:end]))
            if reading:
                return reading
    return None


def figure_reading(evidence: object, char_start: object, spans: object, field: str,
                   figure_start: object = None) -> str | None:
    """Return the reading ('earlier', 'later' or None) of a mention's `field` figure from its evidence sentence:
    the figure's place comes from the mention's `spans` (offsets in the article), else from `figure_start`."""
    if not isinstance(evidence, str) or not _cue_pattern().search(evidence):
        return None
    try:
        offset = int(char_start)
    except (TypeError, ValueError):
        return None
    start = None
    if isinstance(spans, str) and spans:
        try:
            start = next((int(s) for s, _, label in json.loads(spans) if label == FIELD_LABELS[field]), None)
        except (ValueError, TypeError):
            start = None
    if start is None and field == "killed" and figure_start is not None:
        try:
            start = int(figure_start)
        except (TypeError, ValueError):
            start = None
    if start is None or not offset <= start <= offset + len(evidence):
        return None
    return reading_before(evidence[:start - offset])


def figure_readings(mentions, field: str, rows=None):
    """Return the reading of each mention's `field` figure as a string Series (missing where none), reading
    only the mentions that have the figure and are selected by the boolean Series `rows` (all when None)."""
    import pandas as pd

    readings = pd.Series(pd.NA, index=mentions.index, dtype="string")
    if "evidence" not in mentions.columns or "char_start" not in mentions.columns or field not in mentions.columns:
        return readings
    selected = pd.to_numeric(mentions[field], errors="coerce").notna() & mentions["evidence"].notna()
    if rows is not None:
        selected &= rows.fillna(False).astype(bool)
    if not selected.any():
        return readings
    rows = mentions[selected]
    spans = rows["spans"] if "spans" in rows.columns else pd.Series(None, index=rows.index, dtype=object)
    starts = rows["figure_start"] if "figure_start" in rows.columns else pd.Series(None, index=rows.index, dtype=object)
    found = [figure_reading(text, start, span, field, figure_start)
             for text, start, span, figure_start in zip(rows["evidence"].tolist(), rows["char_start"].tolist(),
                                                        spans.tolist(), starts.tolist())]
    readings.loc[rows.index] = pd.array(found, dtype="string")
    return readings

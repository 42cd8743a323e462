"""Reading the editorial word lists of data/dictionaries/ (one word per row, the list or kind it belongs to, and
a note saying why): the columns, the vocabulary of the kind column and a note on every row are checked, so a
malformed list stops the run with its file name instead of silently changing what is extracted.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def read_word_list(path: Path, columns: list[str], kind_column: str, kinds: tuple[str, ...]) -> pd.DataFrame:
    """Read a word list, checking its columns, the vocabulary of its kind column and that every row has a note."""
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    if list(frame.columns) != columns:
        raise ValueError(f"{path.name} must have columns {', '.join(columns)}; got {', '.join(frame.columns)}")
    unknown = sorted(set(frame[kind_column]) - set(kinds))
    if unknown:
        raise ValueError(f"{path.name}: {kind_column} must be one of {', '.join(kinds)}; got {', '.join(unknown)}")
    if (frame["note"].str.strip() == "").any():
        raise ValueError(f"{path.name}: every row needs a note")
    return frame


def words_of(path: Path, kind_column: str, kinds: tuple[str, ...], kind: str) -> frozenset[str]:
    """Return the lower-cased words of one kind of a word list (columns word, `kind_column`, note), refusing a
    kind outside `kinds` with a message naming the column."""
    if kind not in kinds:
        raise ValueError(f"{kind_column} must be one of {', '.join(kinds)}; got {kind!r}")
    frame = read_word_list(path, ["word", kind_column, "note"], kind_column, kinds)
    return frozenset(frame.loc[frame[kind_column] == kind, "word"].str.lower())

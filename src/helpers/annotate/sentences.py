"""Sentences and the prefilter: where a cleaned article's sentences start and end (paragraphs, sentence-final
punctuation, run-on sentences cut at MAX_SENTENCE_CHARS) and which of them can carry a casualty figure (a
casualty word and a count) and so go to the trained parser; headlines in capitals are put in sentence case.
"""
from __future__ import annotations

import re

import pandas as pd

from helpers.bounds import MAX_SENTENCE_CHARS
from helpers.numbers import find_counts
from helpers.annotate.words import CANDIDATE_COUNT, CANDIDATE_WORDS


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


# A full stop that ends an abbreviation, not a sentence: initials, titles before a name ('Antioquia Gov. Andres
# Rendon said'), months, 'No.', 'U.S.'.
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|St|Gov|Sen|Rep|Prof|Rev|Brig|Supt|"
                               r"Insp|Cmdr|Adm|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|U\.S|U\.N|U\.K|vs|"
                               r"approx|est)\.)$")


def split_sentences(text: str, problems: list[str] | None = None) -> list[tuple[int, int]]:
    """Split cleaned text into sentence spans (start, end): paragraphs first, then sentence-final punctuation.

    A sentence longer than MAX_SENTENCE_CHARS is cut at spaces into pieces of at most that length (so one
    run-on "sentence" cannot make parsing cost explode); each cut is reported in `problems` when given.
    """
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        chunk = paragraph.group(0)
        cut = 0
        for boundary in _SENTENCE_END.finditer(chunk):
            if _ABBREVIATION_END.search(chunk[cut: boundary.start()]):
                continue
            spans.append((start + cut, start + boundary.start()))
            cut = boundary.end()
        spans.append((start + cut, start + len(chunk)))
    cleaned = []
    for begin, end in spans:
        piece = text[begin:end]
        stripped_left = len(piece) - len(piece.lstrip())
        stripped_right = len(piece.rstrip())
        if piece.strip():
            cleaned.append((begin + stripped_left, begin + stripped_right))
    if any(end - begin > MAX_SENTENCE_CHARS for begin, end in cleaned):
        cleaned = [span for begin, end in cleaned for span in _cut_long_sentence(text, begin, end, problems)]
    return cleaned


def _cut_long_sentence(text: str, begin: int, end: int, problems: list[str] | None) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE_CHARS at the last space before each limit (hard cut without one)."""
    if end - begin <= MAX_SENTENCE_CHARS:
        return [(begin, end)]
    if problems is not None:
        problems.append(f"sentence at {begin} is {end - begin:,} characters long, above the cap of "
                        f"{MAX_SENTENCE_CHARS:,}; read in pieces of at most {MAX_SENTENCE_CHARS:,}")
    pieces = []
    while end - begin > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", begin + 1, begin + MAX_SENTENCE_CHARS)
        cut = cut if cut > begin else begin + MAX_SENTENCE_CHARS
        pieces.append((begin, cut))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        pieces.append((begin, end))
    return [(start, stop) for start, stop in pieces if text[start:stop].strip()]


def is_candidate_sentence(sentence: str) -> bool:
    """Tell whether a sentence can carry a casualty figure: a casualty word and something that counts."""
    return candidate_counts(sentence) > 0


# An article before a word: a casualty sentence without a number may still name one victim ('killing a
# peacekeeper', 'another official was killed', 'a woman and a child were wounded'; figure_wording.singular_victims).
_ONE_PERSON = re.compile(r"\b(?:a|an|another)\s+[\w-]+", re.I)


def candidate_counts(sentence: str) -> int:
    """The number of counts in a sentence that can carry a casualty figure (0 for any other sentence); a casualty
    sentence with no number but an article before a noun counts one (a single victim the parse may name)."""
    if not CANDIDATE_WORDS.search(sentence):
        return 0
    counts = len(find_counts(sentence)) if CANDIDATE_COUNT.search(sentence) else 0  # years, dates, money: no count
    return counts or (1 if _ONE_PERSON.search(sentence) else 0)


def _parse_ready(sentence: str) -> str:
    """Return a sentence in a casing the parser reads well: headlines in capitals become sentence case."""
    letters = [char for char in sentence if char.isalpha()]
    if len(letters) > 12 and sum(char.isupper() for char in letters) / len(letters) > 0.8:
        lowered = sentence.lower()
        if len(lowered) == len(sentence):
            index = next((i for i, char in enumerate(lowered) if char.isalpha()), 0)
            return lowered[:index] + lowered[index:index + 1].upper() + lowered[index + 1:]
    return sentence


def count_candidate_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Count, per article, the sentences and those the prefilter sends to the trained pipeline."""
    rows = []
    for row in articles.itertuples(index=False):
        text = "" if pd.isna(row.text) else str(row.text)
        spans = split_sentences(text)
        candidates = sum(is_candidate_sentence(text[start:end]) for start, end in spans)
        rows.append({"article_id": row.article_id, "sentences": len(spans), "parsed": candidates})
    return pd.DataFrame(rows, columns=["article_id", "sentences", "parsed"])

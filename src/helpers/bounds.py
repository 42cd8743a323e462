"""Sane bounds for the numbers and dates read from articles: a value outside them is refused with a reason,
never passed on (a 20-digit "toll" overflows a table's integers, a year-1 date overflows date arithmetic)."""
from __future__ import annotations

import datetime as dt

# No report of one attack counts more than a million killed, wounded, captured or missing; a larger number in
# a casualty sentence is a population, a sum of money or a typing error.
MAX_COUNT = 1_000_000
# Publication and event dates: the workbook reads news of armed attacks from 1900 to 2099 (the years its date
# patterns recognise); dates outside are refused, so date arithmetic and plotting never leave their range.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)


def count_problem(value: int, written: str | None = None) -> str | None:
    """Why a count (written as `written` in the text) cannot be a figure, or None when it is within bounds."""
    if value > MAX_COUNT:
        shown = " ".join((written or str(value)).split())
        shown = shown if len(shown) <= 30 else f"{shown[:20]}… ({len(shown)} characters)"
        return f"number {shown!r} is above {MAX_COUNT:,}; not read as a figure"
    return None


def date_problem(day: dt.date) -> str | None:
    """Why a date cannot be used, or None when it is within bounds."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        return f"date {day.isoformat()} is outside {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}; ignored"
    return None

# Caps on the cost of one article. A news sentence rarely passes 60 words (the seeds' longest is 431
# characters); longer "sentences" (run-on text, lists without punctuation, a pasted table) are cut into
# pieces of at most this many characters at a space, so parsing cost grows linearly with the text.
MAX_SENTENCE_CHARS = 1_500
# A report of attacks states a few dozen figures at most (the seeds and outside articles: 14); past this many
# counts in its casualty sentences the rest of an article is not read for figures, and a problem says so.
MAX_FIGURES_PER_ARTICLE = 200

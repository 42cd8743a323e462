"""Dates as linkage reads them: ISO fields to day intervals, the month and weekday a date names, dates counted back
from a publication date, and which intervals are too weak to keep two reports apart."""
from __future__ import annotations

import datetime
import re

import numpy as np
import pandas as pd


EPOCH = pd.Timestamp("1970-01-01")
MONTH_NAMES = {
    name: number
    for number, name in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"],
        start=1,
    )
}
# Month names are capitalised in English prose, which keeps the modal verb "may" out.
_MONTH_PATTERN = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")\b")
WEEKDAY_NAMES = {name: number for number, name in enumerate(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])}
_WEEKDAY_PATTERN = re.compile(r"\b(" + "|".join(WEEKDAY_NAMES) + r")s?\b")
# Explicit calendar words that make a date absolute rather than counted back from the publication date.
_EXPLICIT_DATE = re.compile(
    r"\b(?:" + "|".join(MONTH_NAMES) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?|\b\d{4}\b|\d{1,2}/\d{1,2}"
)
RELATIVE_DATE_WINDOW_DAYS = 8  # "last Sunday" lies at most a week and a day before the publication date
# linking6: weak dates ------------------------------------------------------------------------------------
# A date is firm when the text gives the day itself (not counted back from the publication date) to within a few
# days (a night attack dated to either day, "overnight Thursday to Friday"): only two firm dates that conflict are
# a cannot-link. A date counted back from a publication date, or of week or month precision, is weak: a conflict
# costs confidence (a level of the date comparison) that strong agreement on place, figures and actors outweighs.
FIRM_DATE_MAX_SPAN_DAYS = 3


def weak_dates(lo: np.ndarray, hi: np.ndarray, relative: np.ndarray) -> np.ndarray:
    """Whether each date interval is weak: counted back from a publication date, or wider than
    FIRM_DATE_MAX_SPAN_DAYS (a week, a month). Unknown dates are not weak (they take part in no date cannot-link)."""
    with np.errstate(invalid="ignore"):
        return np.asarray(relative, dtype=bool) | ((np.asarray(hi, dtype=np.float64) - np.asarray(lo, dtype=np.float64))
                                                   > FIRM_DATE_MAX_SPAN_DAYS)


def parse_date_bounds(start: pd.Series, end: pd.Series, precision: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return each mention's first and last day (days since 1970-01-01, nullable) from its ISO date fields.

    "YYYY-MM" and "YYYY" are widened to the whole month or year; a blank end means the start day; an
    `unknown` precision means no interval, whatever the date fields say.
    """
    lo = _parse_iso_bound(start, is_end=False)
    hi = _parse_iso_bound(end.fillna(start), is_end=True)
    unknown = precision.fillna("").astype("string").str.lower().eq("unknown") | lo.isna()
    hi = hi.where(hi.notna(), lo)
    swapped = hi < lo
    lo, hi = lo.where(~swapped, hi), hi.where(~swapped, lo)
    return lo.mask(unknown).astype("Int64"), hi.mask(unknown).astype("Int64")


def _parse_iso_bound(values: pd.Series, *, is_end: bool) -> pd.Series:
    """Turn ISO dates of any granularity into days since 1970-01-01 (the last day of a month/year if is_end)."""
    text = values.astype("string").str.strip()
    out = pd.Series(pd.NA, index=values.index, dtype="Int64")
    day = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False)
    month = text.str.fullmatch(r"\d{4}-\d{2}").fillna(False)
    year = text.str.fullmatch(r"\d{4}").fillna(False)
    if day.any():
        stamps = pd.to_datetime(text[day], format="%Y-%m-%d", errors="coerce")
        out[day] = _days(stamps)
    if month.any():
        stamps = pd.to_datetime(text[month], format="%Y-%m", errors="coerce")
        out[month] = _days(stamps + pd.offsets.MonthEnd(0) if is_end else stamps)
    if year.any():
        stamps = pd.to_datetime(text[year], format="%Y", errors="coerce")
        out[year] = _days(stamps + pd.offsets.YearEnd(0) if is_end else stamps)
    return out


def _days(stamps: pd.Series) -> pd.Series:
    """Whole days between 1970-01-01 and each timestamp (nullable)."""
    return ((stamps - EPOCH) / pd.Timedelta(days=1)).round().astype("Int64")
_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()


def days_to_iso(days: object) -> object:
    """Return the ISO date of a day number, or NA."""
    if days is None or pd.isna(days):
        return pd.NA
    return datetime.date.fromordinal(_EPOCH_ORDINAL + int(days)).isoformat()


def iso_to_days(day: datetime.date) -> int:
    """Day number (days since 1970-01-01) of a date."""
    return day.toordinal() - _EPOCH_ORDINAL


def calendar_month_of(lo: pd.Series, hi: pd.Series, date_text: pd.Series) -> pd.Series:
    """Return the calendar month (1..12) a mention's date lies in, from its interval or else its date text.

    News without a publication date still says "In August": the month is evidence even when no year is known.
    """
    month = pd.Series(pd.NA, index=lo.index, dtype="Int64")
    known = lo.notna() & hi.notna()
    if known.any():
        start = EPOCH + pd.to_timedelta(lo[known].astype("int64"), unit="D")
        stop = EPOCH + pd.to_timedelta(hi[known].astype("int64"), unit="D")
        same = (start.dt.year == stop.dt.year) & (start.dt.month == stop.dt.month)
        month[same[same].index] = start[same].dt.month.astype("Int64")
    missing = month.isna() & date_text.notna()
    if missing.any():
        month[missing] = map_distinct(
            date_text[missing], lambda text: _single_named(text, _MONTH_PATTERN, MONTH_NAMES)).astype("Int64")
    return month


def map_distinct(values: pd.Series, function) -> pd.Series:
    """Apply a function once per distinct value, in an object Series aligned with `values` (missing values get
    function(pd.NA)). A corpus repeats a few thousand place names and date words across a million mentions."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:] = [function(value) for value in uniques] + [function(pd.NA)]
    return pd.Series(results[codes], index=values.index, dtype=object)  # code -1 (missing) takes the last result


def _single_named(text: str, pattern: re.Pattern, numbers: dict[str, int]) -> object:
    """Return the one month or weekday a date text names ("In August" -> 8, "Thursday night" -> 3), or NA."""
    found = {numbers[match.group(1)] for match in pattern.finditer(str(text))}
    return found.pop() if len(found) == 1 else pd.NA


def weekday_of(lo: pd.Series, hi: pd.Series, date_text: pd.Series) -> pd.Series:
    """Return the day of the week (0 = Monday) of a one-day date, or the one weekday its text names.

    An undated article's "Thursday night" still says which day of the week the attack happened.
    """
    weekday = pd.Series(pd.NA, index=lo.index, dtype="Int64")
    one_day = lo.notna() & hi.notna() & lo.eq(hi).fillna(False)
    if one_day.any():
        weekday[one_day] = ((lo[one_day].astype("int64") + 3) % 7).astype("Int64")  # 1970-01-01 was a Thursday
    missing = weekday.isna() & date_text.notna() & ~(lo.notna() & hi.notna())
    if missing.any():
        weekday[missing] = map_distinct(
            date_text[missing], lambda text: _single_named(text, _WEEKDAY_PATTERN, WEEKDAY_NAMES)).astype("Int64")
    return weekday


def is_relative_date(lo: pd.Series, hi: pd.Series, published_lo: pd.Series, date_text: pd.Series) -> pd.Series:
    """True where a date was most likely counted back from the article's publication date.

    That is: it ends within RELATIVE_DATE_WINDOW_DAYS before publication and its text names no month,
    year or numeric date ("Thursday night", "late last Sunday", "yesterday"). Such a date is only as good
    as the publication date it was resolved against.
    """
    gap = published_lo - hi
    near = (gap >= 0) & (gap <= RELATIVE_DATE_WINDOW_DAYS)
    explicit = date_text.astype("string").str.contains(_EXPLICIT_DATE, regex=True).fillna(False)
    return (near.fillna(False) & ~explicit).astype(bool)


def month_index(days: pd.Series) -> pd.Series:
    """Months since January 1970 of a day number (nullable), a blocking key."""
    out = pd.Series(pd.NA, index=days.index, dtype="Int64")
    known = days.notna()
    if known.any():
        stamps = EPOCH + pd.to_timedelta(days[known].astype("int64"), unit="D")
        out[known] = ((stamps.dt.year - 1970) * 12 + stamps.dt.month - 1).astype("Int64")
    return out


def year_of(days: pd.Series) -> pd.Series:
    """Calendar year of a day number (nullable)."""
    out = pd.Series(pd.NA, index=days.index, dtype="Int64")
    known = days.notna()
    if known.any():
        out[known] = (EPOCH + pd.to_timedelta(days[known].astype("int64"), unit="D")).dt.year.astype("Int64")
    return out

"""Counts in news prose: digits, number words (text2num), qualifiers, ranges and vague counts as intervals."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from text_to_num import alpha2digit, text2num

from helpers.bounds import count_problem
from helpers.paths import DATA_DIR

VAGUE_COUNTS_PATH = DATA_DIR / "dictionaries" / "vague_counts.csv"

QUALIFIERS_PATH = DATA_DIR / "dictionaries" / "qualifiers.csv"


def _load_qualifiers(path: Path = QUALIFIERS_PATH) -> tuple[dict[str, str], frozenset[str]]:
    """Read the words before a number that qualify it (data/dictionaries/qualifiers.csv, a note per row): the
    contract's killed_qualifier for each, and those that also state an upper bound (the number is the maximum)."""
    import csv

    words, upper = {}, set()
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row.get("note"):
                raise ValueError(f"{path.name}: every qualifier needs a note; {row['phrase']!r} has none")
            words[row["phrase"].strip().lower()] = row["qualifier"].strip()
            if row["upper_bound"].strip().lower() == "true":
                upper.add(row["phrase"].strip().lower())
    return words, frozenset(upper)


# Words before a number that qualify it, mapped to the contract's killed_qualifier vocabulary, and those that
# state an upper bound ("up to 40": approximate, and 40 is also the maximum).
QUALIFIER_WORDS, UPPER_BOUND_WORDS = _load_qualifiers()

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ["hundred", "thousand", "million"]
NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES)

_WORD = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_FIRST_WORD = r"(?:" + "|".join(sorted(set(_UNITS) | set(_TENS), key=len, reverse=True)) + r")"
_WORDS = _FIRST_WORD + r"(?:(?:\s+|-)(?:and\s+)?" + _WORD + r")*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d,.]\d)"
# 'two dozen', '3 dozen', 'a dozen', 'half a dozen': a number of dozens (the number times twelve), a round figure;
# only the plural 'dozens' and 'several dozen' are vague (data/dictionaries/vague_counts.csv).
_DOZENS = r"(?:\d{1,2}|" + _FIRST_WORD + r"|(?:half\s+)?an?)\s+dozen(?!s)"
_NUMBER = (r"(?:" + _DOZENS + r"|" + _DIGITS + r"|" + _WORDS + r"|a\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?" +
           _WORD + r")*)")


@dataclass(frozen=True)
class Count:
    """A count as an interval: value (the low or only figure), qualifier, and maximum for ranges."""

    value: int
    qualifier: str = "exact"
    maximum: int | None = None
    is_vague: bool = False


@dataclass(frozen=True)
class CountMatch:
    """A count found in a text, with its character span."""

    start: int
    end: int
    text: str
    count: Count


@lru_cache(maxsize=2)
def load_vague_counts(path: str | None = None) -> dict[str, tuple[int, int]]:
    """Return the vague-count table: phrase -> (low, high)."""
    frame = pd.read_csv(Path(path) if path else VAGUE_COUNTS_PATH, dtype={"phrase": "string"}, keep_default_na=False)
    if list(frame.columns) != ["phrase", "low", "high", "note"]:
        raise ValueError("vague_counts.csv must have columns phrase, low, high, note")
    if (frame["low"] > frame["high"]).any():
        raise ValueError("vague_counts.csv has a row with low > high")
    return {str(row.phrase).lower(): (int(row.low), int(row.high)) for row in frame.itertuples(index=False)}


def is_vague_figure(qualifier: object, value: object, maximum: object, words: object = None) -> bool:
    """Tell whether a written figure is a vague count ("dozens", "several"): annotate writes one as the range
    of vague_counts.csv with the phrase's words. `words` (the figure's text, when known) must name the phrase."""
    if str(qualifier) != "range":
        return False
    try:
        pair = (int(float(value)), int(float(maximum)))
    except (TypeError, ValueError):
        return False
    table = _vague_table()
    phrases = [phrase for phrase, bounds in table.items() if bounds == pair]
    if not phrases:
        return False
    if words is None or (isinstance(words, float) and words != words) or words is pd.NA:
        return True
    lowered = str(words).lower()
    return any(phrase in lowered for phrase in phrases)


_VAGUE_TABLE: dict[str, tuple[int, int]] | None = None


def _vague_table() -> dict[str, tuple[int, int]]:
    global _VAGUE_TABLE
    if _VAGUE_TABLE is None:
        _VAGUE_TABLE = load_vague_counts()
    return _VAGUE_TABLE


def parse_number(text: str) -> int | None:
    """Return the integer a number phrase stands for ('1,200', 'twenty-six', 'a hundred'), or None."""
    value = _parse_number(text)
    return None if value is None or count_problem(value) else value


def parse_ordinal(text: str) -> int | None:
    """Return the rank an ordinal word states ('12th', 'twelfth', 'twenty-first', 'second'), or None; 'first' and
    'second' are returned too (text2num leaves 'second' alone, as it may be a unit of time)."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    digits = re.fullmatch(r"(\d{1,4})(?:st|nd|rd|th)", cleaned)
    if digits:
        return int(digits.group(1))
    if cleaned in ("first", "second"):
        return 1 if cleaned == "first" else 2
    converted = alpha2digit(cleaned, "en")
    ranked = re.fullmatch(r"(\d{1,4})(?:st|nd|rd|th)", converted)
    return int(ranked.group(1)) if ranked else None


def refused_numbers(text: str) -> list[str]:
    """The reason for each number in a text that is above the bounds of a count (helpers.bounds)."""
    problems = []
    for match in _count_regex().finditer(text):
        for name in ("number", "low", "high", "from", "to", "dfrom", "dto"):
            value = _parse_number(match.group(name)) if match.group(name) else None
            problem = count_problem(value, match.group(name)) if value is not None else None
            if problem:
                problems.append(problem)
    return problems


def _parse_number(text: str) -> int | None:
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    if cleaned in ("a dozen", "half a dozen"):  # a round dozen, and half of one
        return 12 if cleaned == "a dozen" else 6
    dozens = re.fullmatch(r"(.+) dozen", cleaned)
    if dozens:  # 'two dozen': twelve times the number before it
        value = _parse_number(dozens.group(1))
        return None if value is None else value * 12
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", cleaned):
        digits = cleaned.replace(",", "")
        # int() refuses more than 4,300 digits; anything past 18 digits is far out of bounds anyway
        return int(digits) if len(digits) <= 18 else 10 ** min(len(digits) - 1, 4000)
    cleaned = re.sub(r"^a ", "one ", cleaned)
    try:
        return int(text2num(cleaned, "en"))
    except (ValueError, OverflowError):
        try:
            return int(text2num(cleaned.replace("-", " "), "en"))
        except (ValueError, OverflowError):
            return None


@lru_cache(maxsize=2)
def _count_regex() -> re.Pattern:
    qualifiers = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIER_WORDS, key=len, reverse=True))
    vague = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(load_vague_counts(), key=len, reverse=True))
    body = (
        rf"between\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})"
        rf"|(?P<from>{_NUMBER})\s+(?:to|or)\s+(?P<to>{_NUMBER})(?![\w-])"
        rf"|(?P<dfrom>\d+)\s*[-–]\s*(?P<dto>\d+)(?![\w-])"
        rf"|(?P<vague>{vague})"
        rf"|(?P<number>{_NUMBER})"
    )
    return re.compile(rf"(?<![\w$£€.,:-])(?:(?P<qualifier>{qualifiers})\s+)?(?:{body})(?![\w-]|[.,]\d|\s*%)", re.I)


COUNT_CONTEXT_PATH = DATA_DIR / "dictionaries" / "count_context_words.csv"
COUNT_CONTEXT_LISTS = ("unit_prefix", "unit_word", "label_before", "change_verb", "change_phrasal_verb",
                       "change_particle")


@lru_cache(maxsize=None)
def count_context_words(name: str, path: str | None = None) -> frozenset[str]:
    """Return one list of data/dictionaries/count_context_words.csv (columns word, list, note): the words beside a
    number that make it a measure, a label or the size of a change rather than a count of people."""
    from helpers.word_lists import words_of

    return words_of(Path(path) if path else COUNT_CONTEXT_PATH, "list", COUNT_CONTEXT_LISTS, name)


def _alternatives(words, spaces: str = r"\s+") -> str:
    """Return a regex alternation of words and phrases, longest first (a phrase's spaces match `spaces`)."""
    return "|".join(re.escape(word).replace(r"\ ", spaces) for word in sorted(words, key=lambda w: (-len(w), w)))


# After a number: a unit that starts the next word ('percent', 'years-old', 'km', 'hours'; unit_prefix, where the
# word's start is enough), a whole word ('am', 'th'; unit_word), or a clock time's colon ('10:30').
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:" + _alternatives(count_context_words("unit_prefix")) + r"|(?:"
    + _alternatives(count_context_words("unit_word")) + r")\b|:\d))", re.I)
# Before a number: money, an age or a label ('$', 'aged', 'route', 'battalion'; label_before), as written.
_NOT_A_COUNT_BEFORE = re.compile(r"(?:" + _alternatives(count_context_words("label_before"), " ") + r")\s*$", re.I)
# A further number of a list after such a label ('aged 94 and 41', 'aged 19, 22 and 30', 'flights 12 and 14'): the
# label is written once for every item. Only when another item or the list's end follows (punctuation, a verb,
# 'years', 'respectively'), so that 'aged 20 and 5 civilians' keeps its count of civilians.
_LABEL_LIST_BEFORE = re.compile(
    r"(?:" + _alternatives(count_context_words("label_before"), " ") + r")\s*\d+(?:\s*(?:,|and|or|&)\s*\d+)*"
    r"\s*(?:,\s*and|,|and|or|&)\s*$", re.I)
_LIST_END_AFTER = re.compile(r"^\s*(?:(?:,|and|or|&)\s*\d+\b|[,.;:)\]]|$|years?\b|yrs?\b|respectively\b|(?:were|was|are|is|had|have)\b)", re.I)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
           r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.I)
_MONTH_AFTER = re.compile(rf"^\s*(?:{_MONTHS})\b", re.I)
# A further day of a list of days after or before its month ('on June 12 and 13', 'May 3, 4 and 5', 'on 12 and
# 13 June'): the month is written once, the days are not counts of people.
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAYS_JOIN = r"\s*(?:,|and|or|&|to|-|–)\s*"
_DAY_LIST_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+{_DAY}(?:\s*,\s*{_DAY})*{_DAYS_JOIN}$", re.I)
_DAYS_ONLY = re.compile(rf"(?:between\s+|from\s+)?{_DAY}(?:{_DAYS_JOIN}{_DAY})*", re.I)
_DAY_LIST_AFTER = re.compile(rf"^(?:st|nd|rd|th)?(?:{_DAYS_JOIN}{_DAY})+\s+(?:{_MONTHS})\b", re.I)


# A date written in digits ('15/03/2022', '3/15/22', '15.03.2022', '2022-03-15'): its day, month and year are no
# counts of people.
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?:\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([/.-])\d{1,2}\2\d{1,2})(?![\d/-]|\.\d)")


def _numeric_date_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _NUMERIC_DATE.finditer(text)]


def _is_year(number_text: str) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", number_text.strip()))


def find_counts(text: str) -> list[CountMatch]:
    """Find counts in a sentence, skipping years, dates, ages, money, percentages and measures."""
    return list(_find_counts(text))


@lru_cache(maxsize=4096)
def _find_counts(text: str) -> tuple[CountMatch, ...]:
    """find_counts, kept for recent texts: annotate reads a sentence's counts in its prefilter, in its figures
    and in its sources (the matches are frozen, so each caller gets the same ones)."""
    found = []
    dates = _numeric_date_spans(text)
    for match in _count_regex().finditer(text):
        if any(start < match.end() and match.start() < end for start, end in dates):
            continue
        before, after = text[: match.start()], text[match.end():]
        if _NOT_A_COUNT_AFTER.match(after) or _NOT_A_COUNT_BEFORE.search(before):
            continue
        if _LABEL_LIST_BEFORE.search(before) and _LIST_END_AFTER.match(after):
            continue  # 'two women, aged 94 and 41, were killed': the second age of the list
        if match.group("from") and _CHANGE_BEFORE.search(before):
            found += _change_counts(match)  # 'rose from eight to ten': the earlier figure and the new one
            continue
        if _CHANGE_BY_BEFORE.search(before):  # 'the toll rose by 12 (to 40)': a change, no count of people
            if match.group("from"):
                found += _change_counts(match)[1:]  # 'rose by 12 to 40': the new figure alone
            continue
        count = _count_from_match(match)
        if count is None:
            continue
        number_text = match.group("number") or ""
        if number_text and _is_year(number_text) and not match.group("qualifier"):
            continue
        if number_text and number_text.strip().isdigit() and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)):
            continue
        if _DAYS_ONLY.fullmatch(match.group(0).strip()) and all(int(day) <= 31 for day in re.findall(r"\d+", match.group(0))) \
                and (_DAY_LIST_BEFORE.search(before) or _DAY_LIST_AFTER.match(after) or _MONTH_AFTER.match(after)):
            continue  # 'on June 12 and 13', 'on 12 and 13 June', 'between 10 and 11 April': days of a month
        found.append(CountMatch(match.start(), match.end(), match.group(0), count))
    return tuple(found)


# 'from' before 'N to M' makes it a change of a figure ('the toll rose from eight to ten', 'was lowered from 12 to
# nine'), not a range; 'anywhere from 30 to 40' stays a range.
_CHANGE_BEFORE = re.compile(r"(?<!anywhere )(?<!somewhere )\bfrom\s+$", re.I)


# A change word and 'by' before a number make it the size of a change ('the toll rose by 12', 'attacks were
# reduced by 106', 'the toll went up by four', 'revised the figure up by 3'), never a count of people; 'killed by
# 12 gunmen' is no change (count_context_words.csv: change_verb, change_phrasal_verb with change_particle).
_CHANGE_BY_BEFORE = re.compile(
    r"\b(?:" + _alternatives(count_context_words("change_verb"))
    + r"|(?:" + _alternatives(count_context_words("change_phrasal_verb")) + r")\s+(?:(?:the|its|their|a|an)\s+)?"
    r"(?:[\w-]+\s+){0,6}?(?:" + _alternatives(count_context_words("change_particle")) + r"))\s+by\s+$", re.I)


def _change_counts(match: re.Match) -> list[CountMatch]:
    """The two figures of a change 'from N to M': N (the earlier figure) and M (the new one), each exact."""
    qualifier = QUALIFIER_WORDS.get(re.sub(r"\s+", " ", (match.group("qualifier") or "").lower()), "exact")
    counts = []
    for name in ("from", "to"):
        value = parse_number(match.group(name))
        if value is not None:
            counts.append(CountMatch(match.start(name), match.end(name), match.group(name),
                                     Count(value, qualifier if name == "from" else "exact")))
    return counts


def _count_from_match(match: re.Match) -> Count | None:
    qualifier_text = re.sub(r"\s+", " ", (match.group("qualifier") or "").lower())
    qualifier = QUALIFIER_WORDS.get(qualifier_text, "exact")
    if match.group("low") or match.group("from") or match.group("dfrom"):
        low = parse_number(match.group("low") or match.group("from") or match.group("dfrom"))
        high = parse_number(match.group("high") or match.group("to") or match.group("dto"))
        if low is None or high is None or high <= low:
            return None
        return Count(low, "range", high)
    if match.group("vague"):
        low, high = load_vague_counts()[re.sub(r"\s+", " ", match.group("vague").lower())]
        return Count(low, "range", high, is_vague=True)
    value = parse_number(match.group("number"))
    if value is None:
        return None
    maximum = value if qualifier_text in UPPER_BOUND_WORDS else None
    if qualifier == "exact" and re.search(r"\bdozen$", match.group("number"), re.I):
        qualifier = "approx"  # 'two dozen', 'a dozen' are round figures: about 24, about 12
    return Count(value, qualifier, maximum)


def parse_count(text: str) -> Count | None:
    """Return the count a whole phrase states ('at least 20', 'between 20 and 25', 'dozens'), or None."""
    matches = find_counts(text.strip())
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text.strip()):
        return matches[0].count
    return None


def add_counts(counts: list[Count]) -> Count:
    """Sum the parts of a breakdown ('26 militiamen along with four soldiers'); the loosest qualifier wins."""
    value = sum(count.value for count in counts)
    has_max = any(count.maximum is not None for count in counts)
    maximum = sum(count.maximum if count.maximum is not None else count.value for count in counts) if has_max else None
    qualifiers = {count.qualifier for count in counts}
    for qualifier in ("range", "approx", "more_than", "at_least", "fewer_than"):
        if qualifier in qualifiers:
            return Count(value, qualifier, maximum, any(count.is_vague for count in counts))
    return Count(value, "exact", maximum)

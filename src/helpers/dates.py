"""Event dates in news prose: find date expressions with our own patterns, then resolve each against the
publication date (dateparser with RELATIVE_BASE for the calendar parts) into an interval with a precision."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from dataclasses import dataclass

import dateparser

from helpers.bounds import date_problem

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]
WEEKDAY_NAMES = tuple(_WEEKDAYS)
MONTH_NAMES = tuple(_MONTH_NAMES)
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
# Capitalised month names only: 'may' and 'march' are also verbs.
_MONTH = r"(?:" + "|".join(_MONTH_NAMES) + r"|(?:" + "|".join(_MONTH_ABBR) + r")\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:" + "|".join(_WEEKDAYS) + r")"
_PART = r"(?:\s+(?:night|morning|evening|afternoon))"

# Two days that bound one attack: a night across two dates ("on the night of June 10 to 11, 2020", "the night of
# Dec 11 and Dec 12"), two named days ("between Thursday night and Friday", "on Wednesday and Thursday"). The
# second day may give only its number when the month is shared ("June 10 to 11", "10-11 June 2020").
_TO = r"(?:\s+(?:to|and|through|into|until)\s+(?:(?i:early|late)\s+)?|\s*[-–]\s*)"
_WEEKDAY_LEAD = rf"(?:{_WEEKDAY},?\s+)?"
_RANGE_LEAD = r"(?:(?i:(?:on\s+)?the\s+night\s+of|between|from)\s+)?"
_RANGES = [
    rf"{_RANGE_LEAD}{_WEEKDAY_LEAD}{_MONTH}\s+{_DAY}{_PART}?{_TO}{_WEEKDAY_LEAD}(?:{_MONTH}\s+)?{_DAY}(?:,?\s+{_YEAR})?(?![\d:])",
    rf"{_RANGE_LEAD}{_WEEKDAY_LEAD}{_DAY}(?:\s+{_MONTH})?{_PART}?{_TO}{_WEEKDAY_LEAD}{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?",
    rf"{_RANGE_LEAD}{_WEEKDAY}{_PART}?\s+(?:to|and|through|into|until)\s+(?:(?i:early|late)\s+)?{_WEEKDAY}{_PART}?",
]
_DAY_NUMBER = r"(?:0?[1-9]|[12]\d|3[01])"
_NUMERIC_DAY = re.compile(rf"(?:(?P<iso>{_YEAR}-\d\d-\d\d)|(?P<first>\d{{1,2}})(?P<sep>[/.-])(?P<second>\d{{1,2}})(?P=sep)(?P<year>{_YEAR}))")
_WEEK_ORDINAL = r"first|second|third|fourth|last|final"
# The days of a month each ordinal week covers; the last week is the month's last seven days.
_WEEK_OF_MONTH = {"first": (1, 7), "second": (8, 14), "third": (15, 21), "fourth": (22, 28)}
_DAYS_AGO = r"(?:a|one|two|three|four|five|six|\d)\s+days?\s+ago"
_AGO_COUNT = r"(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"

# The words before a month name that make it a month, not the verb 'may' or a name's part ("in May", "at the end of May").
_MONTH_LEAD = (r"(?:(?i:early|late|mid|mid-|in|since|during|last|this)[\s-]+"
               r"|(?i:(?:at\s+|towards?\s+)?the\s+(?:end|beginning|start|middle)\s+of)\s+)")

# (kind, pattern) in priority order; earlier kinds win where matches overlap.
_PATTERNS: list[tuple[str, str]] = [
    *[("range", pattern) for pattern in _RANGES],
    # "(killed) since Sunday", "held since June 3": an interval opened on that day and running up to the report
    ("since", rf"(?i:since)\s+(?:(?i:last|early|late|on)\s+)?(?:{_WEEKDAY}{_PART}?|{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})"
              rf"(?:,?\s+{_YEAR})?(?!['’]s|\s+(?:attack|raid|bombing|massacre|ambush|assault|strike|killing)s?\b|[\w-])"),
    # "a day after the raid", "two days later", "the next day", "less than a day after": counted on from the attack
    # told before (or back from the news, for the attack the news "came two days after"); the caller resolves it
    ("after_previous", r"(?i:(?:(?:less\s+than|just|only|barely|some|about|nearly)\s+)?(?:(?:a|one|two|three|four|five|six|seven|\d)"
                       r"\s+days?|(?:24|48|72|96)\s+hours)\s+(?:after|later)|the\s+(?:next|following)\s+day"
                       r"|the\s+day\s+after(?!\s+tomorrow)|(?:a|one|two|three)\s+(?:months?|years?)\s+later)"),
    # "over the weekend", "last weekend": the Saturday and Sunday up to the report
    ("weekend", r"(?i:(?:over|at|during)\s+the\s+weekend|(?:last|this|over\s+last)\s+weekend)"),
    # "the 2010 Kampala bombings", "the 2015 Garissa attack": an attack named by its year
    ("year", rf"(?i:the)\s+{_YEAR}\s+(?:[A-Z][\w'’-]+\s+){{0,3}}(?i:attacks?|bombings?|massacres?|raids?|blasts?|siege|ambush|killings)\b"),
    # "on the eve of Sunday's vote", "on the eve of March 8": the day before the day it names
    ("eve", rf"(?i:on\s+the\s+eve\s+of)\s+(?:{_WEEKDAY}(?=['’]s)|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?)"),
    # a date in numbers: "on 11/06/2020", "the 26/01/2020", "16-09-2023", "03.07.2024", "2020-01-26" (_resolve_numeric)
    ("day", rf"(?:{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|{_DAY_NUMBER}(?P<sep>[/.-]){_DAY_NUMBER}(?P=sep){_YEAR})"
            rf"(?![\d:/.]\d)"),
    # "on Thursday (Oct 19)", "Friday (20 October 2023)": the weekday with its date in brackets, as agency copy writes it
    ("day", rf"{_WEEKDAY}\s*\(\s*(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?:,?\s+{_YEAR})?\s*\)"),
    ("day", rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?![\d:])"),
    ("day", rf"(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    ("day", rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+of\s+{_MONTH}(?:,?\s+{_YEAR})?"),  # "the 17th of September"
    # "the first week of December", "December's last week", "in December first week": that week of the month
    ("month_week", rf"(?:(?i:the)\s+)?(?i:{_WEEK_ORDINAL})\s+(?i:week)\s+(?i:of)\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    ("month_week", rf"{_MONTH}(?:['’]s)?(?:,?\s+{_YEAR})?\s+(?i:{_WEEK_ORDINAL})\s+(?i:week)"),
    # "earlier today", "earlier in the day": the day the news is told (the publication's, or the speaker's)
    ("day_relative", rf"(?i:the\s+day\s+before\s+yesterday|yesterday|(?:earlier|later)\s+today|earlier\s+in\s+the\s+day"
                     rf"|today|tonight|last\s+(?:night|evening)|this\s+(?:morning|afternoon|evening)|{_DAYS_AGO})"),
    # a night told by the day it ran into ("overnight into Sunday", "in the night to Sunday"): the two days
    ("weekday", rf"(?i:overnight|(?:during\s+|in\s+)?the\s+night)\s+(?i:into|to)\s+{_WEEKDAY}"),
    # "overnight" with no day named: the night up to the publication day, the two days (CONVENTIONS); "overnight
    # on Monday" and "Monday overnight" are the weekday's, that one day (below)
    ("day_relative", rf"(?<!day\s)(?i:overnight)(?!\s+(?:(?i:on|into|to)\s+)?{_WEEKDAY})"),
    ("weekday", rf"(?:(?i:overnight)\s+)?(?:(?i:late|early)\s+)?(?:(?i:last|this|on)\s+)?{_WEEKDAY}(?:{_PART}|\s+(?i:overnight))?"),
    ("period_relative", r"(?i:(?:earlier|later)\s+this\s+(?:week|month|year)|(?:early|late|earlier)?\s*last\s+(?:week|month|year)"
                        r"|this\s+(?:week|month|year)|the\s+previous\s+(?:week|month|year)|(?:in\s+)?recent\s+(?:days|weeks))"),
    # "in March", "late May 2020", "at the end of May": the month ("the end of" is coded as the month, as "in" is)
    ("month", rf"{_MONTH_LEAD}?(?:{_MONTH_NAMES[4]}|{_MONTH})(?:,?\s+{_YEAR})?(?!\s*{_DAY}\b)"),
    ("year", rf"(?i:in|during|early|late|mid|in\s+early|in\s+late)[\s-]+{_YEAR}"),
    # "the worst attack since 2005, when bombs killed 25": the period names the recalled attack's year
    ("year", rf"(?i:since)\s+{_YEAR}(?=,?\s+(?i:when)\b)"),
    ("ago", rf"(?i:(?:about|some|nearly|almost|more\s+than|over|just\s+over|less\s+than|under|not\s+even)\s+)?"
            rf"{_AGO_COUNT}\s+(?:weeks?|months?|years?)\s+ago"),
    # "hours later", "about an hour later", "later that night", "later in the day": the day of the attack told before
    ("same", rf"(?i:the\s+same\s+(?:day|night|week|month|year)|(?:later|earlier)\s+that\s+(?:day|night|morning|evening|afternoon)"
             rf"|that\s+(?:day|week|month|year)|later\s+in\s+the\s+day"
             rf"|(?:(?:about|some|nearly|barely|just|only|less\s+than)\s+)?(?:(?:an?|one|two|three|four|five|six|several|a\s+few|\d{{1,2}})\s+)?"
             rf"(?:hours?|minutes?)\s+later)"),
    # "a month earlier", "two months later" (above): counted in months from the attack told before
    ("before_previous", r"(?i:(?:the\s+|a\s+(?:few\s+)?|two\s+|three\s+)?(?:days?|weeks?)\s+(?:earlier|before)|the\s+(?:previous|day\s+before)\s+day"
                        r"|(?:a|one|two|three)\s+(?:months?|years?)\s+earlier)"),
]
_REGEXES = [(kind, re.compile(r"(?<![\w-])" + pattern + r"(?![\w-])")) for kind, pattern in _PATTERNS]


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a text: its span, its words and the kind of pattern that found it."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class DateInterval:
    """An event date as an interval of ISO dates with the contract's date_precision."""

    start: str | None
    end: str | None
    precision: str

    @property
    def is_known(self) -> bool:
        return self.precision != "unknown"


UNKNOWN = DateInterval(None, None, "unknown")


def find_date_expressions(text: str) -> list[DateMatch]:
    """Find date expressions in a text, in text order, without overlaps (the first pattern kind wins)."""
    return list(_date_expressions(text))


@lru_cache(maxsize=4096)
def _date_expressions(text: str) -> tuple[DateMatch, ...]:
    """find_date_expressions, kept for recent texts: a sentence is read for dates by several steps of annotate."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, regex in _REGEXES:
        for match in regex.finditer(text):
            start, end = match.span()
            if kind == "month" and not _is_month_expression(match.group(0), text, start):
                continue
            if kind in ("day", "weekday", "period_relative") and _SINCE.search(text[:start]):
                continue  # "since last year's October 7 attack": a reference point, another event's day
            if kind == "range" and not _resolve_range(match.group(0), _RANGE_CHECK_DAY).is_known:
                continue  # two dates too far apart to bound one attack: each is found on its own
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            found.append(DateMatch(start, end, match.group(0).strip(), kind))
    return tuple(sorted(found, key=lambda item: item.start))


_SINCE_WHEN = re.compile(r",?\s+when\b", re.I)


def _is_month_expression(words: str, text: str, start: int) -> bool:
    """Tell a month name from a homograph: 'May' needs a preposition or a year next to it."""
    bare = re.sub(rf"^{_MONTH_LEAD}", "", words).strip()
    if bare.rstrip(".") in ("May", "March") and bare == words.strip():
        return False
    if bare in _MONTH_ABBR and bare == words.strip():
        return False  # an abbreviation with no preposition, day or year is a name's part ("Mar Elias", "Jun Aziz")
    # "since March" is a reference point, unless a clause about it follows: "since March 2016, when a raid
    # killed 19" dates the recalled attack
    return not words.lower().startswith("since") or bool(_SINCE_WHEN.match(text[start + len(words):]))


def parse_published(value) -> dt.date | None:
    """Return the publication date as a date, or None when it is missing or unreadable."""
    if value is None:
        return None
    try:
        if isinstance(value, float) and value != value:
            return None
        text = str(value).strip()
    except (TypeError, ValueError):
        return None
    if not text or text.lower() in ("nan", "<na>", "nat", "none"):
        return None
    try:
        published = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    return None if date_problem(published) else published


@dataclass(frozen=True)
class PublishedSpan:
    """A publication date known only to its month or year ('2008-09' in articles.csv): its first and last day."""

    first: dt.date
    last: dt.date


def parse_publication(value) -> dt.date | PublishedSpan | None:
    """The publication date as a day, or as the span of days a 'YYYY-MM' or 'YYYY' date allows; None if unreadable."""
    day = parse_published(value)
    if day is not None:
        return day
    from helpers.published import bounds, parse_partial

    partial = parse_partial(value) if value is not None and not (isinstance(value, float) and value != value) else None
    if partial is None:
        return None
    return PublishedSpan(*bounds(partial.value))


def precision_of_days(span: int | None) -> str:
    """Date precision of an interval from its length in days (unknown when the length is)."""
    if span is None:
        return "unknown"
    if span == 0:
        return "day"
    if span <= 7:
        return "week"
    if span <= 31:
        return "month"
    return "year" if span <= 366 else "unknown"


def _day(day: dt.date) -> DateInterval:
    return DateInterval(day.isoformat(), day.isoformat(), "day")


def _month(year: int, month: int, until: dt.date | None = None) -> DateInterval:
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    end = min(last, until) if until else last
    return DateInterval(dt.date(year, month, 1).isoformat(), end.isoformat(), "month")


def _year(year: int, until: dt.date | None = None) -> DateInterval:
    end = min(dt.date(year, 12, 31), until) if until else dt.date(year, 12, 31)
    return DateInterval(dt.date(year, 1, 1).isoformat(), end.isoformat(), "year")


@lru_cache(maxsize=8192)
def _dateparser(text: str, published: dt.date | None) -> dt.datetime | None:
    """Parse one date expression with dateparser (cached: news repeats "on Thursday" for one date often)."""
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": []}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    return dateparser.parse(text, languages=["en"], settings=settings)


_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_NUMBERS.update({abbr.lower(): number for abbr in _MONTH_ABBR for number, name in
                       enumerate(_MONTH_NAMES, start=1) if name.lower().startswith(abbr.lower())})


def _bare_month_number(text: str) -> int | None:
    """1..12 when a text is only a month's name or abbreviation ("August", "Aug.", "Sept"), else None."""
    return _MONTH_NUMBERS.get(text.strip().rstrip(".").lower())


def _anchor(published: dt.date | None, has_year: bool, kind: str) -> dt.date | None:
    """The part of the publication date that can change how dateparser reads an expression, so that its cache
    is shared across articles: none when the expression gives its year, and only the month for a month without a
    year ("In August": the latest August not after the publication month, whatever the day)."""
    if has_year:
        return None
    if kind == "month" and published is not None:
        return published.replace(day=1)
    return published


def resolve_date(expression: str | DateMatch, published: dt.date | PublishedSpan | None) -> DateInterval:
    """Resolve one date expression against the publication date; unknown when nothing anchors it.

    With a publication date known only to its month or year (a URL's month, a sidecar's '2008-09'), a date
    that names its month ("on September 5", "in August") is the latest one not after the span's last day; a
    date counted back from the publication ("on Wednesday", "yesterday", "last week") resolves only when every
    day of the span gives the same answer ("last year" in an article of 2008): otherwise the day it names is not
    known, and it stays unknown as a coder would leave it (the span still bounds the article in `published`).
    """
    match = expression if isinstance(expression, DateMatch) else _single_match(expression)
    if match is None:
        return UNKNOWN
    if isinstance(published, PublishedSpan):
        if is_weekday_contradicted(match, published):
            return UNKNOWN  # the span's year is not the date's, or the page misnamed the day: no day to trust
        latest = _resolve(match, published.last)
        if match.kind not in ("day_relative", "weekday", "weekend", "period_relative", "ago") or not latest.is_known:
            return latest
        return latest if _resolve(match, published.first) == latest else UNKNOWN
    return _resolve(match, published)


def is_weekday_contradicted(match: DateMatch, published: dt.date | PublishedSpan | None) -> bool:
    """Tell whether a date that names its weekday and its day but not its year ("Tuesday, April 29"), read in the
    year the publication gives it, falls on another weekday: then that year is not the date's (a page dated by
    a stale caption or a crawl banner) or the page misnamed the day, and the day cannot be trusted."""
    if match.kind != "day" or re.search(_YEAR, match.text) or published is None:
        return False
    named = re.match(_WEEKDAY, match.text)
    if named is None:
        return False
    day = _resolve(match, published.last if isinstance(published, PublishedSpan) else published)
    return day.is_known and _WEEKDAYS[dt.date.fromisoformat(day.start).weekday()] != named.group(0)


def _resolve(match: DateMatch, published: dt.date | None) -> DateInterval:
    """Resolve one date expression against a publication day."""
    text, kind = match.text, match.kind
    has_year = re.search(_YEAR, text) is not None
    if kind in ("same", "before_previous", "after_previous"):
        return UNKNOWN  # anaphoric: the caller resolves it from the previous event
    if kind == "day" and _NUMERIC_DAY.fullmatch(text):
        return _resolve_numeric(text, published)
    if kind == "day":
        if not has_year and published is None:
            return UNKNOWN
        cleaned = re.sub(rf"^{_WEEKDAY}(?:,?\s+|\s*\(\s*)", "", text).rstrip(") ")
        cleaned = re.sub(rf"^(?:the\s+)?({_DAY})\s+of\s+", r"\1 ", cleaned)
        parsed = _dateparser(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned), _anchor(published, has_year, "day"))
        return _day(parsed.date()) if parsed else UNKNOWN
    if kind == "month":
        bare = re.sub(rf"^{_MONTH_LEAD}", "", text)
        if not has_year and published is None:
            return UNKNOWN
        return _month_part(_resolve_month(bare, has_year, published), text, published)
    if kind == "month_week":
        return _resolve_month_week(text, has_year, published)
    if kind == "year":
        return _year(int(re.search(_YEAR, text).group(0)))
    if published is None:
        return UNKNOWN
    lowered = re.sub(r"\s+", " ", text.lower())
    if kind == "day_relative":
        offsets = {"the day before yesterday": 2, "yesterday": 1, "last night": 1, "last evening": 1}
        ago = re.fullmatch(_DAYS_AGO, lowered)
        if ago:
            count = lowered.split()[0]
            offsets[lowered] = int(count) if count.isdigit() else _COUNT_WORDS[count]
        if lowered in ("earlier today", "later today", "earlier in the day"):
            return _day(published)
        if lowered == "overnight":
            return DateInterval((published - dt.timedelta(days=1)).isoformat(), published.isoformat(), "day")
        return _day(published - dt.timedelta(days=offsets.get(lowered, 0)))
    if kind == "range":
        return _resolve_range(text, published)
    if kind == "since":
        return _resolve_since(text, published)
    if kind == "weekend":  # the latest Saturday and Sunday on or before the report (Saturday alone on a Saturday)
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        sunday = min(saturday + dt.timedelta(days=1), published)
        return DateInterval(saturday.isoformat(), sunday.isoformat(), "day")
    if kind == "eve":
        inner = _single_match(re.sub(r"^(?i:on\s+the\s+eve\s+of)\s+", "", text))
        named = _resolve(inner, published) if inner is not None else UNKNOWN
        if not named.is_known or named.precision != "day":
            return UNKNOWN
        return _day(dt.date.fromisoformat(named.start) - dt.timedelta(days=1))
    if kind == "ago":
        return _resolve_ago(lowered, published)
    if kind == "weekday":
        weekday = next(index for index, name in enumerate(_WEEKDAYS) if name.lower() in lowered)
        back = (published.weekday() - weekday) % 7
        if back == 0 and re.search(r"\blast\b", lowered):
            back = 7
        day = published - dt.timedelta(days=back)
        if re.search(r"\b(?:into|to)\s+\w+day$", lowered):
            # "overnight into Sunday", "the night to Sunday": the night ran into that day, the two days
            return DateInterval((day - dt.timedelta(days=1)).isoformat(), day.isoformat(), "day")
        # "overnight Saturday", "overnight on Monday", "Friday night": the night named by its evening's day is that
        # day (CONVENTIONS, 'Overnight Saturday'); only a night told as running into a day ("into Sunday") is two
        return _day(day)
    if kind == "period_relative":
        return _resolve_period(lowered, published)
    return UNKNOWN


def _resolve_numeric(text: str, published: dt.date | None) -> DateInterval:
    """A date in numbers: year first ("2020-01-26") is never ambiguous; "11/06/2020" is read day first or month
    first as its numbers decide ("26/01/2020"), else as the reading that lies on or before the publication day and
    nearest to it (news tells of days just past), else day first, as most of the world writes it (CONVENTIONS: US
    outlets, which write month first, spell their months out in prose)."""
    found = _NUMERIC_DAY.fullmatch(text)
    if found.group("iso"):
        try:
            return _day(dt.date.fromisoformat(found.group("iso")))
        except ValueError:
            return UNKNOWN
    first, second, year = int(found.group("first")), int(found.group("second")), int(found.group("year"))
    readings = []
    for day, month in ((first, second), (second, first)):  # day first, then month first
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return UNKNOWN
    if published is not None and len(set(readings)) > 1:
        past = [day for day in readings if day <= published]
        if past:
            return _day(max(past))
    return _day(readings[0])


def _resolve_since(text: str, published: dt.date | None) -> DateInterval:
    """'since Sunday', 'since June 3': from that day up to the publication day (the precision from the length);
    unknown without a publication day to close it."""
    inner = _single_match(re.sub(r"^(?i:since)\s+(?:(?i:on)\s+)?", "", text))
    if inner is None or published is None:
        return UNKNOWN
    first = _resolve(inner, published)
    if not first.is_known or first.start > published.isoformat():
        return UNKNOWN
    span = (published - dt.date.fromisoformat(first.start)).days
    return DateInterval(first.start, published.isoformat(), "day" if span == 0 else precision_of_days(span))


# "a three-day siege", "the four-day hostage crisis", "a 48-hour standoff": an incident that lasted that long
_DURATION_NOUNS = (r"siege|stand-?off|crisis|battle|assault|offensive|occupation|fighting|clashes|operation|raid|attack"
                   r"|hostage[\s-]taking|gunfight|firefight|shootout|rampage")
_DURATION = re.compile(rf"(?<![\w-])(?i:(?P<count>{_AGO_COUNT}|\d{{1,2}})[\s-]+day|(?P<hours>\d{{2}})[\s-]+hour)"
                       rf"(?:[\s-]+(?i:long))?\s+(?:[\w-]+\s+){{0,2}}?(?i:{_DURATION_NOUNS})\b")
# the anchor day is the incident's last when the words before it say it ended ("a three-day siege that ended on Friday")
_INCIDENT_END = re.compile(r"\b(?:end(?:ed|ing|s)?|conclu\w+|final|over)\b", re.I)


def find_durations(text: str) -> list[tuple[int, int, int]]:
    """The incidents of several days a text names ("a three-day siege", "the 48-hour standoff"): (start, end, days)
    for each, in text order (one day or less is no interval)."""
    found = []
    for match in _DURATION.finditer(text):
        if match.group("count"):
            count = match.group("count").lower()
            days = int(count) if count.isdigit() else _COUNT_WORDS[count]
        else:
            days = -(-int(match.group("hours")) // 24)
        if days > 1:
            found.append((match.start(), match.end(), days))
    return found


def incident_interval(anchor: DateInterval, days: int, ends: bool, published: dt.date | None) -> DateInterval:
    """The interval of an incident of `days` days anchored on a known day: ending on it when `ends` ("a three-day
    siege that ended on Friday"), else beginning on it ("since Wednesday", "stormed the mall on Saturday, starting
    a four-day siege"), never after the publication day."""
    if not anchor.is_known or days < 2 or days > RANGE_MAX_DAYS + 1:
        return anchor
    if ends:
        last = dt.date.fromisoformat(anchor.end)
        first = last - dt.timedelta(days=days - 1)
    else:
        first = dt.date.fromisoformat(anchor.start)
        last = first + dt.timedelta(days=days - 1)
        if published is not None and last > published:
            last = published
    return DateInterval(first.isoformat(), last.isoformat(), precision_of_days((last - first).days))


def is_incident_end(text_before_anchor: str) -> bool:
    """Tell whether the words between an incident's length and its anchor day say the day is its end."""
    return bool(_INCIDENT_END.search(text_before_anchor))


_SINCE = re.compile(r"\b(?i:since)\s+(?:(?i:the|last|this)\s+)?(?:\w+['’]s\s+)?$")
# Any day will do to tell whether two dates lie close enough to bound one attack.
_RANGE_CHECK_DAY = dt.date(2001, 6, 30)
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}


def _resolve_ago(lowered: str, published: dt.date) -> DateInterval:
    """'three years ago' is that year, 'two months ago' that month, 'a week ago' that week (Monday to Sunday),
    counted back from the publication date ('about' keeps the same interval: the precision says how loose)."""
    found = re.search(r"(\w+)\s+(week|month|year)s?\s+ago$", lowered)
    count = int(found.group(1)) if found.group(1).isdigit() else _COUNT_WORDS[found.group(1)]
    unit = found.group(2)
    if re.match(r"(?:less\s+than|under|not\s+even)\b", lowered):
        # "less than a week ago": any day from that long ago up to publication (a week is seven days with it)
        days = {"week": 7, "month": 30, "year": 365}[unit] * count
        start = published - dt.timedelta(days=days - 1)
        return DateInterval(start.isoformat(), published.isoformat(), precision_of_days(days - 1))
    if unit == "year":
        return _year(published.year - count)
    if unit == "month":
        index = published.year * 12 + published.month - 1 - count
        return _month(index // 12, index % 12 + 1)
    day = published - dt.timedelta(days=7 * count)
    monday = day - dt.timedelta(days=day.weekday())
    return DateInterval(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week")
_RANGE_SPLIT = re.compile(rf"{_TO}(?=(?:{_WEEKDAY}|{_MONTH}|{_DAY}))")
# A range longer than this is two dates of two events ("on March 3 and April 20"), not one attack's span.
RANGE_MAX_DAYS = 7


def _resolve_range(text: str, published: dt.date | None) -> DateInterval:
    """Resolve 'June 10 to 11, 2020', 'Dec 11 and Dec 12', 'Thursday night and Friday' into the interval from the
    first day to the second; the second lends its month and year to the first, the first its month to a bare
    second day. Two weekdays are the latest such pair ending on or before publication. Precision 'day' when the
    two days are consecutive (a night across two dates is known to the day), else from the length."""
    bare = re.sub(r"^(?i:(?:on\s+)?the\s+night\s+of|between|from)\s+", "", text)
    parts = _RANGE_SPLIT.split(bare, maxsplit=1)
    if len(parts) != 2:
        return UNKNOWN
    first, second = (re.sub(rf"{_PART}$|^{_WEEKDAY},?\s+(?=\S*\d|{_MONTH})", "", part.strip()) for part in parts)
    year = re.search(_YEAR, second)
    month_first = re.search(_MONTH, first)
    second_day = re.fullmatch(rf"({_DAY})(,?\s+{_YEAR})?", second)
    if second_day and month_first:  # "June 10 to 11(, 2020)": the second day shares the month
        second = f"{month_first.group(0)} {second}"
    month_second = re.search(_MONTH, second)
    if re.fullmatch(_DAY, first) and month_second:  # "10 to 11 June": the first day shares the month
        first = f"{first} {month_second.group(0)}"
    if year and not re.search(_YEAR, first):
        first = f"{first} {year.group(0)}"
    matches = [_single_match(part) for part in (first, second)]
    if any(match is None or match.kind not in ("day", "weekday") for match in matches):
        return UNKNOWN
    start, end = (_resolve(match, published) for match in matches)
    if not (start.is_known and end.is_known):
        return UNKNOWN
    start_day, end_day = dt.date.fromisoformat(start.start), dt.date.fromisoformat(end.end)
    if matches[0].kind == "weekday" and start_day > end_day:
        start_day -= dt.timedelta(days=7)  # "Saturday and Sunday" read on a Sunday: the Saturday before
    span = (end_day - start_day).days
    if span < 0 or span > RANGE_MAX_DAYS:
        return UNKNOWN
    return DateInterval(start_day.isoformat(), end_day.isoformat(), "day" if span <= 1 else precision_of_days(span))


def _resolve_month(bare: str, has_year: bool, published: dt.date | None) -> DateInterval:
    """Resolve a month's name (with or without its year) into the whole month."""
    month = _bare_month_number(bare)
    if month is not None and published is not None:
        # a month named alone is the latest such month not after publication; no parsing needed (dateparser
        # reads it the same way, at some milliseconds a call)
        year = published.year if month <= published.month else published.year - 1
        return _month(year, month)
    parsed = _dateparser(bare, _anchor(published, has_year, "month"))
    if parsed is None:
        return UNKNOWN
    if published and parsed.date() > published:
        return UNKNOWN
    return _month(parsed.year, parsed.month)


def _resolve_month_week(text: str, has_year: bool, published: dt.date | None) -> DateInterval:
    """Resolve "the first week of December" or "December first week" into those seven days of the month (the
    last week: its last seven days), `week`; the month as a month without a year resolves (latest not after
    publication), and a week that has not begun by the publication day is unknown."""
    if not has_year and published is None:
        return UNKNOWN
    month_words = re.search(rf"{_MONTH}(?:,?\s+{_YEAR})?", text).group(0)
    bare = re.sub(r"['’]s$", "", month_words)
    month = _resolve_month(bare, has_year, published)
    if not month.is_known:
        return UNKNOWN
    first, last = dt.date.fromisoformat(month.start), dt.date.fromisoformat(month.end)
    ordinal = re.search(rf"\b({_WEEK_ORDINAL})\b", text, re.I).group(1).lower()
    if ordinal in _WEEK_OF_MONTH:
        low, high = _WEEK_OF_MONTH[ordinal]
        start, end = first.replace(day=low), first.replace(day=high)
    else:
        end = last
        start = end - dt.timedelta(days=6)
    if published is not None:
        if start > published:
            return UNKNOWN
        end = min(end, published)
    return DateInterval(start.isoformat(), end.isoformat(), "week")


# "early May" is its first ten days, "mid-May" the next ten, "late May" the rest (the usual thirds of coders).
_MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _month_part(interval: DateInterval, text: str, published: dt.date | None) -> DateInterval:
    """Narrow a month to the third that 'early', 'mid' or 'late' names; the precision stays 'month'."""
    part = re.search(r"\b(early|mid|late)\b", text, re.I)
    if not interval.is_known or part is None:
        return interval
    first, last = dt.date.fromisoformat(interval.start), dt.date.fromisoformat(interval.end)
    low, high = _MONTH_THIRDS[part.group(1).lower()]
    start = first.replace(day=low)
    end = min(last, first.replace(day=min(high, calendar.monthrange(first.year, first.month)[1])))
    if published is not None:
        end = min(end, published)
    if start > end:
        return interval  # "late March" of an article of March 12: the month so far
    return DateInterval(start.isoformat(), end.isoformat(), "month")


def _resolve_period(lowered: str, published: dt.date) -> DateInterval:
    """Resolve 'earlier this month', 'last week', 'this year' and kin against the publication date."""
    monday = published - dt.timedelta(days=published.weekday())
    if "recent" in lowered:
        return DateInterval((published - dt.timedelta(days=30)).isoformat(), published.isoformat(), "month")
    is_previous = "last" in lowered.split() or "previous" in lowered
    if lowered.endswith("week"):
        if is_previous:
            start = monday - dt.timedelta(days=7)
            return DateInterval(start.isoformat(), (start + dt.timedelta(days=6)).isoformat(), "week")
        return DateInterval(monday.isoformat(), published.isoformat(), "week")
    if lowered.endswith("month"):
        if is_previous:
            last_month = published.replace(day=1) - dt.timedelta(days=1)
            return _month(last_month.year, last_month.month)
        return _month(published.year, published.month, until=published)
    if is_previous:
        return _year(published.year - 1)
    return _year(published.year, until=published)


def _single_match(text: str) -> DateMatch | None:
    matches = find_date_expressions(text)
    return matches[0] if matches else None

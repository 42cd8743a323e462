"""Publication dates: read the day (or month, or year) an article was published from its head lines, its
sidecar row or its HTML metadata, keep the precision it was given with, and refuse dates no run can trust.

The head of a stored article carries its date in many forms: a line of its own ("9 January 2021",
"Sat 09 January 2021:"), a labelled field ("Published: 2008-09-07", "Updated: 2008-09-07 11:35",
"Last updated on 7 Sep 2008"), an agency or outlet line ("Associated Press / September 7, 2008"), or a
byline ("By Jane Doe, Reuters | September 7, 2008 11:35 am"). A `Published`/dateline/byline date is the day
the story was first put out; an `Updated` date is only used when nothing else dates the article.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PRECISIONS = ("day", "month", "year")
# News on the web, and the collections researchers code from, start about here; a "publication date"
# before it is a misread number or a historical date in the head of the page.
EARLIEST_PUBLISHED = dt.date(1980, 1, 1)

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_MONTH_NUMBER = {name: number for number, name in enumerate(_MONTHS.split("|"), start=1)}
_MONTH_NUMBER.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                      "sept": 9, "oct": 10, "nov": 11, "dec": 12})

# One date, written or ISO, with an optional time and zone after it ("11:35", "11:35 AM GMT", "T11:35:00Z").
_TIME = r"(?:(?:,|\s+at|\s*[|–—-])?\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?|\s*[+-]\d{2}:?\d{2})?)?"
_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_WRITTEN = (rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?"
            rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTHS}|{_MONTH_ABBR})\.?,?\s+(?P<y1>\d{{4}})"
            rf"|(?P<m2>{_MONTHS}|{_MONTH_ABBR})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))")
# A date in numbers: "2019/03/05" or "2019.03.05" (year first, never ambiguous) or "05/03/2019", "05-03-2019", "05.03.2019", whose
# day and month order is the writer's convention (see `numeric_order`).
_NUMERIC = (r"(?:(?P<ymd>(?:19|20)\d{2})(?P<ysep>[/.])(?P<ymd_m>\d{1,2})(?P=ysep)(?P<ymd_d>\d{1,2})"
            r"|(?P<n1>\d{1,2})(?P<nsep>[/.-])(?P<n2>\d{1,2})(?P=nsep)(?P<ny>(?:19|20)\d{2}))(?![\d/.-]\d)")
_DATE = rf"(?:{_ISO}|{_WRITTEN}|{_NUMERIC}){_TIME}"
# A time before the date of a labelled line: "Updated 3:45 PM GMT, March 5, 2019", "Published 10:02 AM EST, Tue ..."
_TIME_FIRST = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?\s*[,|–—-]?\s*(?:on\s+)?"
_TIME_LEAD = rf"(?:{_TIME_FIRST})?"
_END = r"\s*[:\-–—|]?\s*"
# Time zones that say which way a numeric date is written: the United States' put the month first; the zones of
# the other places whose news is written in English put the day first (UK, Ireland, Africa, South Asia, Gulf,
# Australia and their neighbours).
MONTH_FIRST_ZONES = {"ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "HST"}
DAY_FIRST_ZONES = {"GMT", "BST", "UTC", "WET", "CET", "CEST", "EET", "EEST", "WAT", "CAT", "EAT", "SAST", "IST",
                   "PKT", "NPT", "BDT", "AST", "GST", "MSK", "TRT", "ICT", "WIB", "PHT", "SGT", "HKT", "AEST", "AEDT",
                   "NZST", "NZDT"}
_ZONE = re.compile(r"\b([A-Z]{2,4})\b")

# (rule, is_update, pattern) tried in this order at the start of a head line.
_LINE_RULES: list[tuple[str, bool, re.Pattern]] = [
    # "Updated: 2008-09-07 11:35", "Last updated on September 7, 2008", "Modified 7 Sep 2008"
    ("updated_line", True, re.compile(
        rf"^\s*(?:last\s+)?(?:updated|modified|edited)(?:\s+(?:on|at))?\s*[:\-–—]?\s*{_TIME_LEAD}{_DATE}{_END}", re.I)),
    # "Published: 2008-09-07", "date 2023-11-10", "Posted on 7 September 2008 at 11:35", "Created: 05-03-2022"
    ("date_line", False, re.compile(
        rf"^\s*(?:first\s+)?(?:date|published|posted|publication\s+date|released|created)(?:\s+on)?\s*[:\-–—]?\s*"
        rf"{_TIME_LEAD}{_DATE}{_END}", re.I)),
    # "Published: 2008-09", "date 2022-01": a labelled month (or "Posted: September 2008"), kept with month precision
    ("date_line", False, re.compile(
        rf"^\s*(?:first\s+)?(?:date|published|posted|publication\s+date|released)(?:\s+on|\s+in)?\s*[:\-–—]?\s*"
        rf"(?:(?P<ym>(?:19|20)\d{{2}}-(?:0[1-9]|1[0-2]))(?![-\d])|(?P<mw>{_MONTHS}|{_MONTH_ABBR})\.?,?\s+(?P<yw>(?:19|20)\d{{2}})\b)"
        rf"{_END}", re.I)),
    # "By Jane Doe, Reuters | September 7, 2008 11:35 am", "By Jane Doe    7 Sep 2008" (the byline's names end where
    # the date begins: after a separator, or a run of spaces or a tab)
    ("byline", False, re.compile(
        rf"^\s*by\s+(?:(?!\d{{4}})[^\n]){{2,90}}?(?:,|\||/|–|—|-|\bon\b|\bupdated\b|\bpublished\b|[ \t]{{2,}}|\t)\s*{_DATE}{_END}",
        re.I)),
    # "Associated Press / September 7, 2008", "AFP | 7 Sep 2008": a short name, a separator, a date
    ("agency_line", False, re.compile(
        rf"^\s*[A-Z][\w.&'’ -]{{1,45}}?\s*(?:/|\||–|—|-|,)\s*(?i:{_DATE}){_END}$")),
    # "8:27 CAT | 05 Oct 2017", "/ 03:56 AM October 22, 2013": a time, then the date, as a line of its own
    ("dateline", False, re.compile(rf"^\s*(?:[/|]\s*)?{_TIME_FIRST}{_DATE}{_END}$", re.I)),
    # "9 January 2021", "Sat 09 January 2021:", "2021-01-09" as a line of its own or opening the first body line
    ("dateline", False, re.compile(rf"^\s*{_DATE}{_END}", re.I)),
]


@dataclass(frozen=True)
class Published:
    """A publication date as ISO text of its precision ('2008-09-07', '2008-09' or '2008'), and how it was found."""

    value: str
    precision: str
    rule: str
    is_update: bool = False

    @property
    def first_day(self) -> dt.date:
        return bounds(self.value)[0]

    @property
    def last_day(self) -> dt.date:
        return bounds(self.value)[1]


@dataclass(frozen=True)
class LineDate:
    """A publication date found at the start of a head line, and where its words end in the line."""

    published: Published | None  # None when the words are a date that does not exist ("31 February 2022")
    end: int
    text: str


def _date_of(match: re.Match, day_first: bool | None = None) -> str | None:
    """ISO text of the date a line pattern matched ('YYYY-MM' for a month), or None when that day does not exist.

    A numeric date whose order no number, zone or `day_first` decides is known only to its year ('YYYY')."""
    named = match.groupdict()
    if named.get("ym"):
        return named["ym"]
    if named.get("mw"):
        return f"{named['yw']}-{_MONTH_NUMBER[named['mw'].lower().rstrip('.')]:02d}"
    if match.group("iso"):
        return parse_iso(match.group("iso"))
    if named.get("ymd"):
        return _real_day(named["ymd"], named["ymd_m"], named["ymd_d"])
    if named.get("n1"):
        first, second, year = int(named["n1"]), int(named["n2"]), named["ny"]
        order = _numeric_order(first, second)
        if order is None:
            order = _zone_order(match.string[match.end("ny"):])
        if order is None:
            order = day_first
        if order is None:
            return year
        day, month = (first, second) if order else (second, first)
        return _real_day(year, month, day)
    day = match.group("d1") or match.group("d2")
    month = (match.group("m1") or match.group("m2")).lower().rstrip(".")
    year = match.group("y1") or match.group("y2")
    try:
        return dt.date(int(year), _MONTH_NUMBER[month], int(day)).isoformat()
    except ValueError:
        return None


def _real_day(year, month, day) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _numeric_order(first: int, second: int) -> bool | None:
    """True (day first) or False (month first) when the numbers of a date decide it ("25/03", "03/25"), else None;
    a date whose two numbers are equal reads the same either way (True)."""
    if first == second:
        return True
    if first > 12 >= second:
        return True
    if second > 12 >= first:
        return False
    return None


def _zone_order(after: str) -> bool | None:
    """The order a time zone right after a numeric date gives ("05-03-2022 02:08 IST": day first), else None."""
    zone = _ZONE.search(after[:24])
    if zone is None:
        return None
    if zone.group(1) in MONTH_FIRST_ZONES:
        return False
    if zone.group(1) in DAY_FIRST_ZONES:
        return True
    return None


_NUMERIC_ANYWHERE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2})(?![\d/.-]\d)")


def numeric_order(text: str) -> bool | None:
    """The day and month order a page writes its numeric dates in: True (day first) or False (month first) when
    its numeric dates that decide it ("25/03/2019", "03/25/2019", or one with a time zone after it) all agree,
    else None. A site writes all its dates one way, so the page's decided dates give the order of its ambiguous
    ones ("05/03/2019" beside "17/03/2019" is 5 March)."""
    orders = set()
    for match in _NUMERIC_ANYWHERE.finditer(text):
        order = _numeric_order(int(match.group(1)), int(match.group(3)))
        if order is None or int(match.group(1)) == int(match.group(3)):
            order = _zone_order(text[match.end():]) if order is None else None
        if order is not None:
            orders.add(order)
    return orders.pop() if len(orders) == 1 else None


def match_line(line: str, *, whole_line_only: bool = False, day_first: bool | None = None) -> LineDate | None:
    """Read a publication date at the start of a head line, or None when the line does not open with one.

    A bare date (rule `dateline`) counts when it is the whole line or opens a line of more than six words
    (a dateline glued to the lede); with `whole_line_only`, only when it is the whole line. A metadata bar of
    short fields ("Reuters | Bamako | Updated: 05-03-2022 02:08 IST | Created: 05-03-2022") is read field by
    field, a publication field before an update field. `day_first` is the page's order of numeric dates
    (`numeric_order`) for one its numbers and zone leave open.
    """
    for rule, is_update, pattern in _LINE_RULES:
        match = pattern.match(line)
        if match is None:
            continue
        rest = line[match.end():].strip()
        if rule == "dateline" and rest and (whole_line_only or len(line.split()) <= 6):
            continue
        value = _date_of(match, day_first)
        published = Published(value, precision_of(value), rule, is_update) if value else None
        return LineDate(published, match.end(), match.group(0).strip())
    return _match_bar(line, day_first)


def original_publication(current: Published | None, found: Published) -> Published:
    """Of the date already read from a page's head and one read from a later head line, the one that dates the story.

    A publication date beats an update date, whatever the order. Of two publication dates (or two update dates),
    the earlier is the story's when the other lies wholly after it: a page's head can carry the day it was viewed
    (a site's date widget, "Sun, 29 Sep 2024" above the title) or a re-posting's day beside the story's own date
    line, and both are on or after the day the story was put out. Dates that overlap ("2024-07" and "2024-07-16")
    keep the first, unless the later line is more precise within it."""
    if current is None:
        return found
    if current.is_update != found.is_update:
        return current if found.is_update else found
    if found.last_day < current.first_day:
        return found
    if (current.first_day <= found.first_day and found.last_day <= current.last_day
            and PRECISIONS.index(found.precision) < PRECISIONS.index(current.precision)):
        return found
    return current


BAR_FIELD_MAX_WORDS = 8


_ANY_DATE = re.compile(_DATE, re.I)


def source_line_date(line: str, day_first: bool | None = None) -> Published | None:
    """The day a credit line gives ("Source: Ethiopian News September 20, 2023 03:03 UTC", "Source: AFP, 7 Sep
    2008"): an aggregator's page credits the outlet it took the story from and the day that outlet put it out,
    which is the story's publication day when the page prints no other. Only a full day is taken."""
    for match in _ANY_DATE.finditer(line):
        value = _date_of(match, day_first)
        if value is not None and len(value) == 10:
            return Published(value, "day", "source_line")
    return None


def _match_bar(line: str, day_first: bool | None) -> LineDate | None:
    """Read a metadata bar: a line of two or more short fields between "|", one of them a labelled date."""
    fields = [part.strip() for part in line.split("|")]
    if len(fields) < 2 or any(len(part.split()) > BAR_FIELD_MAX_WORDS for part in fields):
        return None
    found = []
    for part in fields:
        for rule, is_update, pattern in _LINE_RULES[:3]:  # the labelled rules: updated, published (day or month)
            match = pattern.match(part)
            if match is not None and not part[match.end():].strip():
                value = _date_of(match, day_first)
                if value:
                    found.append(Published(value, precision_of(value), rule, is_update))
                break
    if not found:
        return None
    best = min(found, key=lambda item: (item.is_update, PRECISIONS.index(item.precision)))
    return LineDate(best, len(line), line.strip())


def parse_iso(value: str) -> str | None:
    """The value as an ISO day when it is a real calendar date, else None."""
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except (ValueError, AttributeError):
        return None


_PARTIAL = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def parse_partial(value: object) -> Published | None:
    """Read 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' (a sidecar's published column) keeping its precision; None if not one."""
    text = str(value).strip() if value is not None else ""
    match = _PARTIAL.fullmatch(text)
    if match is None:
        return None
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    try:
        if day:
            return Published(dt.date(int(year), int(month), int(day)).isoformat(), "day", "sidecar")
        if month:
            dt.date(int(year), int(month), 1)
            return Published(f"{year}-{month}", "month", "sidecar")
        return Published(year, "year", "sidecar")
    except ValueError:
        return None


def precision_of(value: object) -> str:
    """'day', 'month' or 'year' for ISO text of that length, 'unknown' for anything else (blank included)."""
    found = parse_partial(value)
    return found.precision if found else "unknown"


def bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO date of any precision ('2008' -> 2008-01-01 .. 2008-12-31)."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return dt.date(year, month, 1), following - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def implausibility(published: Published, today: dt.date) -> str | None:
    """Why a publication date cannot be right (after the run's day, or before EARLIEST_PUBLISHED), else None."""
    first, _ = bounds(published.value)
    if first > today:
        return f"published {published.value} ({published.rule}) is after the day of the run ({today.isoformat()})"
    if bounds(published.value)[1] < EARLIEST_PUBLISHED:
        return f"published {published.value} ({published.rule}) is before {EARLIEST_PUBLISHED.year}, implausibly old"
    return None


# An `Updated` line is the page's date when nothing else is printed, unless the text's own dates are over a month
# older (CONVENTIONS, "Dates"): then it dates a later edit of an older story, and relative dates are unknown.
STALE_UPDATE_DAYS = 31


def stale_update(update: Published, text: str) -> str | None:
    """Why an update date is not the page's date (the text's own dates, with their year, all end more than
    STALE_UPDATE_DAYS before it: a later edit of an older story), else None."""
    from helpers.dates import find_date_expressions, resolve_date

    if not update.is_update:
        return None
    latest = None
    for match in find_date_expressions(text):
        if match.kind not in ("day", "month", "range") or not re.search(r"(?:19|20)\d{2}", match.text):
            continue
        interval = resolve_date(match, None)
        if interval.is_known:
            end = dt.date.fromisoformat(interval.end)
            latest = end if latest is None or end > latest else latest
    if latest is None or (update.first_day - latest).days <= STALE_UPDATE_DAYS:
        return None
    return (f"update date {update.value} ({update.rule}) is more than {STALE_UPDATE_DAYS} days after the text's "
            f"latest date {latest.isoformat()}: a later edit of an older story")


def html_date_parameters(today: dt.date) -> dict:
    """htmldate's settings for trafilatura: the page's own metadata and markup only (a date widget or a date in the
    text is not the publication date), the original date before an update, nothing after the run's day."""
    return {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d",
            "min_date": EARLIEST_PUBLISHED.isoformat(), "max_date": today.isoformat()}


# Dates in an article's URL. A full day ("/2024/12/03/", "/2024-12-03/") is read by htmldate's URL extractor; the
# forms it does not read are a compact day between separators ("-20241203-", "_20241203.html"), a day under a
# month name ("/2019/jan/05/"), a day, a month's name and a year as one folder ("/09-Nov-2024/"), and a year and
# month alone ("/2024/12/slug"), which bounds the publication to
# that month. Only the URL's path is read (a host or a query string is not a date).
_URL_COMPACT_DAY = re.compile(r"(?:^|[/_.-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_URL_NAMED_MONTH_DAY = re.compile(rf"/((?:19|20)\d{{2}})/({_MONTHS}|{_MONTH_ABBR})/(\d{{1,2}})(?=/|$)", re.I)
# "/2012/05/10-soldiers-wounded.html": a year and month folder, then a headline that opens with a number (the
# blog and CMS pattern /YYYY/MM/slug); the number is not a day.
# "/09-Nov-2024/": a day, a month's name and a year as one folder of the path.
_URL_DAY_NAMED_MONTH_YEAR = re.compile(rf"/(\d{{1,2}})[-_]({_MONTHS}|{_MONTH_ABBR})[-_]((?:19|20)\d{{2}})(?=/|$)", re.I)
_URL_SLUG_NUMBER = re.compile(r"/(?:19|20)\d{2}/\d{1,2}/\d{1,2}[-_][a-z]", re.I)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])(?=/|$)")


def url_date(url: object) -> Published | None:
    """The publication date an article's URL gives, with its precision (rule 'url'), or None.

    A URL's day is the day the story was first filed; a URL's month bounds it. The date is returned as written
    (a day after the run is refused later, with a ledger note, by `implausibility`).
    """
    from urllib.parse import urlsplit

    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    text = str(url).strip() if url is not None and not (isinstance(url, float) and url != url) else ""
    if not text:
        return None
    try:
        path = urlsplit(text).path
    except ValueError:
        return None
    if not path:
        return None
    # The widest bounds htmldate reads in a URL (years 1990-2039): the run's own bounds are applied later.
    options = Extractor(False, dt.datetime(2039, 12, 31), dt.datetime(1990, 1, 1), True, "%Y-%m-%d")
    # htmldate wants a non-digit before the year; the path always opens with "/".
    found = None if _URL_SLUG_NUMBER.search(path) else extract_url_date(path, options)
    if found:
        return Published(found, "day", "url")
    for pattern, month_of in ((_URL_COMPACT_DAY, lambda m: int(m.group(2))),
                              (_URL_NAMED_MONTH_DAY, lambda m: _MONTH_NUMBER[m.group(2).lower()])):
        for match in pattern.finditer(path):
            try:
                day = dt.date(int(match.group(1)), month_of(match), int(match.group(3)))
            except ValueError:
                continue
            return Published(day.isoformat(), "day", "url")
    for match in _URL_DAY_NAMED_MONTH_YEAR.finditer(path):
        try:
            day = dt.date(int(match.group(3)), _MONTH_NUMBER[match.group(2).lower()], int(match.group(1)))
        except ValueError:
            continue
        return Published(day.isoformat(), "day", "url")
    match = _URL_MONTH.search(path)
    if match:
        return Published(f"{match.group(1)}-{int(match.group(2)):02d}", "month", "url")
    return None

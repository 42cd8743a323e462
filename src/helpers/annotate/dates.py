"""Event dates: which date expression dates an event (the most precise, first among equals), when two sets of
date expressions point at different days (so a figure belongs to another event), and whether an event's dates
can be the main event's day.
"""
from __future__ import annotations

import datetime as dt
import re

from helpers.attack_dates import reported_bound
from helpers.dates import (
    DateInterval, DateMatch, UNKNOWN, find_durations, incident_interval, is_incident_end, precision_of_days, resolve_date,
)
from helpers.annotate.records import EventDate, _Mention


# Date expressions that name a day (or two): they date one attack wherever in the article they stand.
DAY_KINDS = ("range", "day", "day_relative", "weekday", "since", "eve", "weekend")
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


# Words whose day is counted back from the publication date ("on Tuesday", "yesterday"): a wrong publication day
# moves them, while a calendar date ("on March 5") stands on its own.
COUNTED_BACK_KINDS = ("weekday", "day_relative", "weekend")


def _best_date(matches: list[DateMatch], published, allow_year: bool = True) -> EventDate:
    """Pick the most precise date expression (first among equals) and resolve it; a weekend gives way to the one day
    of it another expression names. Among equally precise ones, a
    named period ("in early 2021", "in March") comes before the current one that runs up to publication ("this
    year", "this month"): news is of the current period anyway, so only a named one tells which. A day counted
    back from the publication ("on Thursday", "yesterday") that lies more than a day from a calendar date of the
    figure ("on March 5") gives way to it: the publication it was counted from is wrong or re-dated (a night
    across two dates, "last night, June 17", is a day apart and keeps the first)."""
    best, calendar = None, []
    for match in matches:
        if match.kind == "year" and not allow_year:
            continue
        interval = resolve_date(match, published)
        rank = (DATE_RANK[interval.precision] if interval.is_known else 5 + _KIND_RANK.get(match.kind, 9),
                _is_current_period(match))
        if best is None or rank < best[0]:
            best = (rank, interval, match.text, match.kind)
        if match.kind == "day" and interval.precision == "day":
            calendar.append((rank, interval, match.text, match.kind))
    if best is None:
        return EventDate(UNKNOWN, "")
    if best[3] == "weekend":  # "killed at the weekend ... on Sunday night": the one day of it the figure names
        narrowed = day_within_weekend(EventDate(best[1], best[2]), matches, published)
        best = (best[0], narrowed[0], narrowed[1], best[3])
    if best[3] in COUNTED_BACK_KINDS and best[1].precision == "day":
        counted = dt.date.fromisoformat(best[1].start)
        apart = [item for item in calendar if abs((dt.date.fromisoformat(item[1].start) - counted).days) > 1]
        if apart and len(apart) == len(calendar):
            best = apart[0]
    return EventDate(best[1], best[2])


def _is_current_period(match: DateMatch) -> bool:
    """'this year', 'this month', 'this week', 'earlier this month': the period the news is published in."""
    return match.kind == "period_relative" and re.search(r"\bthis\s+(?:week|month|year)\b", match.text, re.I) is not None


_KIND_RANK = {"range": 0, "day": 0, "day_relative": 0, "weekday": 0, "since": 0, "eve": 0, "weekend": 0, "period_relative": 1, "ago": 1,
              "month": 2, "year": 3, "same": 4, "before_previous": 4, "after_previous": 4}
# Date expressions that count from another attack's day ("the same day", "two days later", "a day earlier").
ANAPHORIC_KINDS = ("same", "before_previous", "after_previous")


def _dates_differ(a: list[DateMatch], b: list[DateMatch], published) -> bool:
    """Tell whether two sets of date expressions point at different dates."""
    if not a or not b:
        return False
    interval_a, text_a = _best_date(a, published)
    interval_b, text_b = _best_date(b, published)
    if interval_a.is_known and interval_b.is_known:
        return not (interval_a.start <= interval_b.end and interval_b.start <= interval_a.end)
    current = lambda d: d.kind == "period_relative" and not re.search(r"\b(?:last|previous)\b", d.text, re.I)
    a, b = [d for d in a if not current(d)], [d for d in b if not current(d)]
    if not a or not b:
        return False  # 'this week' holds any day of the week; without an anchor it contradicts nothing
    interval_a, text_a = _best_date(a, published)
    interval_b, text_b = _best_date(b, published)
    normal = lambda text: re.sub(r"\b(?:on|in|late|early|last|this|night|morning|evening|afternoon)\b|\W", "", text.lower())
    return normal(text_a) != normal(text_b)


def _without_asides(dates: list[DateMatch]) -> list[DateMatch]:
    """Drop 'N years ago' beside another date of a clause: "killed on Monday ..., from where the militants were
    routed six years ago" is an aside about the past, not the figure's date."""
    return [d for d in dates if d.kind != "ago"] or dates


def _is_main_date(own: list[DateMatch], main_dates: list[DateMatch], published) -> bool:
    """Tell whether an event's own dates can be the main event's day (so a same-day attack stays news)."""
    if not own:
        return True
    own = _without_asides(own)
    if not main_dates:
        return all(d.kind in ("weekday", "day_relative", "period_relative") for d in own) and not any(
            re.search(r"\b(?:last|previous|earlier)\b", d.text, re.I) for d in own)
    return not _dates_differ(own, main_dates, published) and all(d.kind not in ("same", "before_previous") for d in own)


def _implied_main_dates(mentions: list["_Mention"], main_events: set[int]) -> list[DateMatch]:
    """Return the dates an 'another attack on Sunday' clause gives: 'another' says the main attack was then too; and
    those an earlier attack's sentence gives the news ("The attack, which happened on Sunday, came weeks after ...")."""
    return [date for m in mentions if m.is_new_incident and m.event in main_events
            for date in m.own_dates if 0 <= date.start - m.incident_cue_end <= 2] + \
        [date for m in mentions if m.is_earlier_attack and m.event not in main_events for date in m.news_dates]


def is_news_day_within(news_date: EventDate | None, bound: DateInterval) -> bool:
    """Tell whether the day an article dates its news by lies within the interval an undated main attack of the same
    article is bounded by (the week up to its publication or statement): then that attack, told as news beside it,
    is of that day rather than of any day of the week."""
    if news_date is None or not bound.is_known:
        return False
    interval = news_date[0]
    return interval.is_known and interval.precision == "day" and bound.start <= interval.start and interval.end <= bound.end


def day_within_weekend(weekend: EventDate, context_dates: list[DateMatch], published) -> EventDate:
    """Return the one day of a weekend another sentence of the attack names ("killed over the weekend" ... "On
    Sunday night, gunmen stormed the village"), else the weekend: the article's own finer date of the same days."""
    interval = weekend[0]
    for match in context_dates:
        if match.kind not in DAY_KINDS or match.kind == "weekend":
            continue
        day = resolve_date(match, published)
        if day.is_known and day.precision == "day" and day.start == day.end and interval.start <= day.start <= interval.end:
            return EventDate(day, match.text)
    return weekend


# A date that names a night or its hours ("on Friday night", "late on Friday", "overnight Saturday", "early Sunday").
_NIGHT_WORDS = re.compile(r"\b(?:night|overnight|late|evening|early|midnight)\b", re.I)


def is_unnamed_night(match: DateMatch) -> bool:
    """'overnight' with no day named: only the publication day places it (the night up to it, by default)."""
    return match.kind == "day_relative" and match.text.lower() == "overnight"


def night_named_elsewhere(night: EventDate, context_dates: list[DateMatch], published) -> EventDate:
    """Return the night another sentence of the attack names by its day ("killed in an overnight raid" ... "The raid
    began late on Friday"), when that day lies in the week up to the night's last day, else the night: "overnight"
    alone is placed only by the publication day, and a report often comes out days after the night it tells."""
    interval = night[0]
    if not interval.is_known or not isinstance(published, dt.date):
        return night
    last = dt.date.fromisoformat(interval.end)
    for match in context_dates:
        if match.kind not in ("weekday", "day", "day_relative") or is_unnamed_night(match) \
                or not _NIGHT_WORDS.search(match.text):
            continue
        day = resolve_date(match, published)
        if day.is_known and day.precision == "day" and day.start == day.end and \
                0 <= (last - dt.date.fromisoformat(day.start)).days < 7:
            return EventDate(day, match.text)
    return night


def _is_background_period(interval: EventDate | object, published) -> bool:
    """Tell whether a month or year a context sentence names (not the figure's own clause) ends before the week
    the news was published in: a report's main attack is recent, so such a period is the story's background
    ("since their seizure of the capital in December"), and the attack is bounded by the publication date."""
    if published is None or not interval.is_known or interval.precision not in ("month", "year"):
        return False
    recent = reported_bound(published)
    return interval.end < recent.start



def dates_another_clause(doc, match: DateMatch, figure_root: int) -> bool:
    """Tell whether a date stands in a clause about something other than the figure, a clause the figure is not in:
    a relative clause on a person ("a ceremony for the general, who was killed by a drone in 2020"), or a clause
    of "since" ("the first attack on the town since the group stepped up its raids in 2014"). Such a clause dates
    its own thing, not the figure. A relative clause on the figure's own subject ("gunmen who stormed the village
    on Monday killed five", "the first, which took place on June 10, left 13 dead"), on a thing ("a truck bomb
    that exploded on Thursday") and a clause the figure is in ("since March 2016, when a raid left 19 dead") still
    date the figure. Needs the parse; without it no date is set aside."""
    if doc is None or not doc.has_annotation("DEP"):
        return False
    tokens = [token for token in doc if match.start <= token.idx < match.end]
    if not tokens or not 0 <= figure_root < len(doc):
        return False
    inside = {token.i for token in tokens}
    current = next((token for token in tokens if token.head.i not in inside or token.head.i == token.i), tokens[0])
    for _ in range(12):
        is_since = current.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "since"
                                                   for child in current.children)
        is_on_person = current.dep_ == "relcl" and any(
            token.lower_ in ("who", "whom", "whose") for token in current.subtree if token.i < current.i)
        if is_since or is_on_person:
            if figure_root in {token.i for token in current.subtree}:
                return False  # the figure is told in that clause: it is the figure's date
            antecedent = current.head
            if is_on_person and antecedent.dep_ in ("nsubj", "nsubjpass") and \
                    figure_root in {token.i for token in antecedent.head.subtree}:
                return False  # "gunmen who stormed the village on Monday killed five": the attackers' day
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


# "The attack comes a day after ...", "The bombing follows the killing of ...": the news set after an earlier attack.
_SEQUENCE_VERBS = {"come", "comes", "came", "coming", "follow", "follows", "followed", "following"}
# "This attack occurred six days after ...", "It happened barely two weeks after ...": the news set after an earlier
# attack by a time between them; without one ("The attack happened after gunmen stormed the church") the clause
# tells the same attack's course.
_OCCURRENCE_VERBS = {"occur", "occurs", "occurred", "happen", "happens", "happened", "took", "takes"}
_TIME_BETWEEN = re.compile(r"\b(?:hours?|days?|weeks?|months?)\b", re.I)


def is_earlier_attack(doc, figure_root: int) -> bool:
    """Tell whether a figure is told as the attack the news came after: "The attack comes less than a day after
    militants stormed a post, which killed four soldiers", "The bombing came two days after gunmen killed 12",
    "The attack follows the killing on Monday of 37 civilians". The figure stands in the "after" clause (or the
    object of "follows") of "come" or "follow" whose subject is an attack word or "it" / "this". Such a figure is
    an earlier attack's, not the news. Needs the parse."""
    return earlier_attack_verb(doc, figure_root) is not None


def news_dates_before_sequence(doc, dates: list[DateMatch], figure_root: int) -> list[DateMatch]:
    """Return the dates of a sentence that date the news, not the earlier attack a figure of it belongs to: those
    standing before "came" or "follows" ("The attack, which happened on Sunday, came weeks after a raid that left
    15 dead", "On Friday, the ambush came a week after ..."). The subject of the verb is the news; only a date in
    the "after" clause can be the earlier attack's. Empty when the figure is not an earlier attack's."""
    verb = earlier_attack_verb(doc, figure_root)
    if verb is None:
        return []
    return [date for date in dates if date.end <= verb.idx]


def earlier_attack_verb(doc, figure_root: int):
    """Return the "come" / "follow" token whose "after" clause tells the figure as the attack the news came after
    (is_earlier_attack), or None."""
    from helpers.annotate.words import EVENT_NOUNS, word_list

    if doc is None or not doc.has_annotation("DEP") or not 0 <= figure_root < len(doc):
        return None
    for token in [doc[figure_root], *doc[figure_root].ancestors]:
        head = token.head
        if head.dep_ in ("acomp", "advmod", "npadvmod") and head.head.lower_ in _SEQUENCE_VERBS | _OCCURRENCE_VERBS:
            head = head.head  # "comes less than a day after ...", "came shortly after ..."
        if head.i == token.i or not (head.lower_ in _SEQUENCE_VERBS or _is_occurrence_after_time(doc, head, token)):
            continue
        is_after = token.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "after"
                                                 for child in token.children)
        is_after |= token.dep_ == "prep" and token.lower_ == "after"
        is_followed = token.dep_ == "dobj" and head.lower_.startswith("follow")
        if not (is_after or is_followed):
            continue
        # "The deadly incident comes a week after ...", "Sunday's violence came after ...", "That came two weeks
        # after ...": words that name the news (or the attack told before) besides the attack nouns
        # (annotate_words.csv, sequence_subject and violence_noun)
        is_news_subject = any(child.dep_ in ("nsubj", "nsubjpass") and (child.lower_ in EVENT_NOUNS or
                                                                         child.lower_ in word_list("sequence_subject") | word_list("violence_noun"))
                              for child in head.children)
        return head if is_news_subject else None
    return None


# Relative words a speaker uses of the day they speak on: in a quote, or in a clause dated after the speech.
SPEAKER_RELATIVE_KINDS = ("day_relative", "weekday", "weekend")
# "the previous day", "the day before", "a day earlier", "two days before": that many days before an anchor.
_DAYS_BEFORE = re.compile(r"^(?:the\s+previous\s+day|the\s+day\s+before|(a|one|two|three)\s+days?\s+(?:earlier|before))$",
                          re.I)
_DAY_COUNTS = {None: 1, "a": 1, "one": 1, "two": 2, "three": 3}
_QUOTES = re.compile(r"[\"“”]")


def statement_day(mentions: list[_Mention], published) -> dt.date | None:
    """The latest day a figure of these mentions was said on ("the governor said on Tuesday"), when the sentence
    gives one to the day; None otherwise."""
    days = []
    for mention in mentions:
        for match in mention.statement_dates:
            if match.kind not in ("day", "day_relative", "weekday"):
                continue
            interval = resolve_date(match, published)
            if interval.is_known and interval.precision == "day" and interval.start == interval.end:
                days.append(dt.date.fromisoformat(interval.start))
    return max(days) if days else None


def counted_from_statement(own: list[DateMatch], mentions: list[_Mention], interval: EventDate,
                           published, text: str) -> EventDate | None:
    """The attack's date counted from the day its figure was said on, when the words that date it are the
    speaker's, else None.

    A figure cannot be said before the attack it counts. So when the attack's relative words ("yesterday", "on
    Thursday", "overnight") resolve, against the publication, to a day or a night that ends after the statement's day
    ("the governor said on Tuesday that nine were killed yesterday" in an article of Friday; "killed overnight,
    police said on Wednesday" in an article of Thursday), they were counted from the statement: they are
    resolved against its day. Words inside a quotation are the speaker's own, counted from the day they spoke
    ('"They attacked yesterday," the governor said on Tuesday'). And "the previous day", "a day earlier" in a
    sentence dated by its statement and nothing else ("the army said on Thursday that nine soldiers were killed
    the previous day") is that many days before the statement."""
    if not isinstance(published, dt.date):
        return None
    for mention in mentions:  # the speaker's day and the words it anchors stand in one sentence
        said_on = statement_day([mention], published)
        if said_on is None:
            continue
        mine = [d for d in own if any(d is date for date in mention.sentence_dates)]
        relative = [d for d in mine if d.kind in SPEAKER_RELATIVE_KINDS]
        if relative and interval[1] in {d.text for d in relative}:  # the event is dated by these words
            # "killed overnight, police said on Wednesday" in a page of Thursday: the night before the statement
            # (an interval that ends after the statement was not all told of by it)
            after = interval[0].is_known and dt.date.fromisoformat(interval[0].end) > said_on
            quoted = [d for d in relative if _is_quoted(d, [mention], text)]
            if after or quoted:
                counted = _best_date(quoted or relative, said_on)
                if counted[0].is_known and dt.date.fromisoformat(counted[0].end) <= said_on:
                    return counted
        elif mine and len(mine) == len(own) and not interval[0].is_known:
            before = [_DAYS_BEFORE.match(d.text.strip()) for d in mine if d.kind == "before_previous"]
            if before and all(before) and len(before) == len(mine):
                count = before[0].group(1)
                day = said_on - dt.timedelta(days=_DAY_COUNTS[count.lower() if count else None])
                return EventDate(DateInterval(day.isoformat(), day.isoformat(), "day"), mine[0].text)
    return None


def _is_quoted(match: DateMatch, mentions: list[_Mention], text: str) -> bool:
    """Tell whether a date's words stand inside a quotation of their sentence (an odd number of quote marks
    before them, and one after them)."""
    for mention in mentions:
        if not any(match is date for date in mention.sentence_dates):
            continue
        sentence = text[mention.sentence_start:mention.sentence_end]
        return len(_QUOTES.findall(sentence[:match.start])) % 2 == 1 and bool(_QUOTES.search(sentence[match.end:]))
    return False


_DAYS_APART = re.compile(r"^(?:(less\s+than|just|only|barely|some|about|nearly)\s+)?(a|one|two|three|four|five|six|seven|\d|24|48|72|96)"
                         r"\s+(?:days?|(hours))\s+(after|later|earlier|before)$", re.I)
_NEXT_DAY = re.compile(r"^the\s+(?:next|following)\s+day$|^the\s+day\s+after$", re.I)
_DAY_BEFORE = re.compile(r"^the\s+(?:previous\s+day|day\s+before)$", re.I)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def days_apart(words: str) -> int | None:
    """How many days a relation says lie between two attacks, signed: "two days later" +2, "a day after" +1,
    "the next day" +1, "a day earlier" -1, "less than a day after" +1 (under a day, told as news, is the day before
    or after: a same-day attack is told "hours later" or "earlier in the day"); None for other words."""
    words = re.sub(r"\s+", " ", words.strip())
    if _NEXT_DAY.match(words):
        return 1
    if _DAY_BEFORE.match(words):
        return -1
    found = _DAYS_APART.match(words)
    if found is None:
        return None
    count = found.group(2).lower()
    days = int(count) if count.isdigit() else _COUNTS[count]
    if found.group(3):  # "48 hours after": two days
        days //= 24
    return days if found.group(4).lower() in ("after", "later") else -days


def shifted(interval: DateInterval, days: int, published=None) -> DateInterval:
    """A day moved by a number of days (unknown when it is not a single known day, or would lie after the
    publication day)."""
    if not interval.is_known or interval.start != interval.end:
        return UNKNOWN
    day = dt.date.fromisoformat(interval.start) + dt.timedelta(days=days)
    if isinstance(published, dt.date) and day > published:
        return UNKNOWN
    return DateInterval(day.isoformat(), day.isoformat(), "day")


_MONTHS_APART = re.compile(r"^(a|one|two|three)\s+(months?|years?)\s+(later|earlier)$", re.I)


def months_apart(words: str) -> int | None:
    """How many months a relation says lie between two attacks, signed: "a month earlier" -1, "two months later"
    +2, "two years earlier" -24; None for other words."""
    found = _MONTHS_APART.match(re.sub(r"\s+", " ", words.strip()))
    if found is None:
        return None
    months = _COUNTS[found.group(1).lower()] * (12 if found.group(2).lower().startswith("year") else 1)
    return months if found.group(3).lower() == "later" else -months


def shifted_month(interval: DateInterval, months: int, published=None) -> DateInterval:
    """The calendar month a number of months from a known date's month (its start), at month precision: a month
    counted from a day names the month, not a day ("a month earlier" than 10 February is January). Unknown when
    the date is unknown or the month would begin after the publication day."""
    if not interval.is_known:
        return UNKNOWN
    start = dt.date.fromisoformat(interval.start)
    index = start.year * 12 + start.month - 1 + months
    first = dt.date(index // 12, index % 12 + 1, 1)
    last = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1) - dt.timedelta(days=1)
    if isinstance(published, dt.date):
        if first > published:
            return UNKNOWN
        last = min(last, published)
    return DateInterval(first.isoformat(), last.isoformat(), "month")


def _is_years(words: str) -> bool:
    return re.search(r"\byears?\b", words, re.I) is not None


def counted_from_previous(own: list[DateMatch], previous: DateInterval | None, is_earlier_attack: bool,
                          published) -> DateInterval | None:
    """The attack's day counted from another attack's known day, when its only date words are a relation: "two days
    later, a bomb killed three" is two days after the attack told before; a figure of the attack the news "came two
    days after" lies two days before the news. None when the words give no count or the other day is not known."""
    relations = [d for d in own if d.kind in ("after_previous", "before_previous")]
    if not relations or previous is None or len(relations) != len(own):
        return None
    days = days_apart(relations[0].text)
    if days is None:
        months = months_apart(relations[0].text)
        if months is None:
            return None
        result = shifted_month(previous, -abs(months) if is_earlier_attack else months, published)
        if result.is_known and _is_years(relations[0].text):
            # "Two years earlier, the group killed 14 guards": a count of years names the year, not a month of it
            year = dt.date.fromisoformat(result.start).year
            last = f"{year}-12-31" if not isinstance(published, dt.date) else min(f"{year}-12-31", published.isoformat())
            result = DateInterval(f"{year}-01-01", last, "year")
        return result if result.is_known else None
    if is_earlier_attack:
        days = -abs(days)  # the news came after it
    result = shifted(previous, days, published)
    return result if result.is_known else None


def _is_occurrence_after_time(doc, verb, clause) -> bool:
    """Tell whether "occurred" / "happened" / "took place" is set a time after the clause ("occurred six days after",
    "happened barely two weeks after")."""
    if verb.lower_ not in _OCCURRENCE_VERBS or (verb.lower_ in ("took", "takes") and not any(
            child.lower_ == "place" for child in verb.children)):
        return False
    if clause.i < verb.i:
        return False
    between = doc.text[verb.idx + len(verb.text):clause.idx + len(clause.text)]
    after = re.search(r"\bafter\b", between, re.I)
    return after is not None and _TIME_BETWEEN.search(between[:after.start()]) is not None


# "The strikes came two days after a suicide bombing ...": the news is that many days after the attack it names.
_CAME_AFTER = re.compile(r"\b(?:came|comes|come|followed|follows|took\s+place|occurred|happened)\s+(?:(?:just|only|barely|some|about|nearly)\s+)?"
                         r"(a|one|two|three|four|five|six|seven|\d{1,2})\s+days?\s+after\b", re.I)


def news_after_anchor(sentence: str, date_offset: int | None) -> int | None:
    """The days the news lies after the day of a date that stands after "came N days after" in a sentence (or in
    another sentence, `date_offset` None, the day of the attack the relation names); None without the relation
    or when the date stands before it (then it dates the news itself)."""
    found = _CAME_AFTER.search(sentence)
    if found is None or (date_offset is not None and date_offset < found.end()):
        return None
    count = found.group(1).lower()
    return int(count) if count.isdigit() else _COUNTS[count]


INCIDENT_END_BEFORE = 30  # characters before an incident's length where "ended" still tells its last day


def incident_span(interval: DateInterval, date_text: str, sentences: list[str], published) -> DateInterval:
    """An incident of several days that its sentences name ("a three-day siege that ended on Friday", "the
    four-day hostage crisis" of hostages held "since Wednesday") is its interval (CONVENTIONS), from the day that
    dates it: that day is its last when the words between the length and the day say it ended, else its first."""
    if not interval.is_known or not date_text or (interval.start != interval.end and not date_text.lower().startswith("since")):
        return interval
    for sentence in sentences:
        for start, end, days in find_durations(sentence):
            at = sentence.find(date_text, end)
            # "a three-day siege that ended on Friday", "troops ended a three-day siege on Friday"
            ends = at >= 0 and is_incident_end(sentence[max(0, start - INCIDENT_END_BEFORE):at])
            anchor = DateInterval(interval.start, interval.start, "day")
            if ends:
                anchor = DateInterval(interval.end, interval.end, "day")
            return incident_interval(anchor, days, ends, published if isinstance(published, dt.date) else None)
    return interval


# "The bodies of 12 villagers were found on Tuesday, two days after gunmen raided the village": a day of finding the
# dead (or of burying them) that the sentence sets N days after the attack dates the attack N days earlier.
_FOUND = re.compile(r"\b(?:found|discovered|recovered|retrieved|unearthed|exhumed|buried|identified)\b", re.I)
_DAYS_AFTER_NEXT = re.compile(r"^\s*,?\s*(?:(?:just|only|some|about|nearly)\s+)?(a|one|two|three|four|five|six|seven|\d)\s+days?\s+"
                              r"after\b", re.I)


def found_days_after(sentence: str, date_start: int, date_end: int) -> int:
    """The days between the attack and the day a sentence's dead were found, when the sentence dates the finding
    (a verb of finding before the date) and sets it "N days after" the attack right after the date; else 0."""
    found = _DAYS_AFTER_NEXT.match(sentence[date_end:])
    if found is None or not _FOUND.search(sentence[:date_start]):
        return 0
    count = found.group(1).lower()
    return int(count) if count.isdigit() else _COUNTS[count]


# "The bodies of the six, missing since November 11, were found on Saturday": the dead were killed on some day between
# the day they were taken and the day they were found, so the attack is that interval (CONVENTIONS: an incident of
# several days is its interval unless the article says on which day the deaths happened).
_TAKEN_OR_FOUND = re.compile(r"\b(?:(?P<taken>missing|abducted|kidnapped|taken\s+(?:hostage|captive)|held\s+(?:hostage|captive))"
                             r"|(?P<found>found|discovered|recovered|retrieved|fished\s+out|exhumed"
                             r"|brought\s+to\s+(?:a|the)\s+(?:morgue|mortuary)))\b", re.I)
TAKEN_FOUND_BEFORE_CHARS = 80  # how far before a date the word of taking or finding it dates may stand


def taken_until_found(interval: DateInterval, date_text: str, dated: list[tuple[str, DateMatch]],
                      published) -> DateInterval:
    """The interval from the day the dead were taken (abducted, missing since) to the latest day their bodies were
    found, when the event is dated by a finding; else the interval unchanged. `dated` holds each date of the event's
    sentences with the words of its sentence before it: the nearest word of taking or finding before a date tells
    what it dates."""
    if not interval.is_known or interval.start != interval.end:
        return interval
    taken, found, dated_by_finding = [], [], False
    for before, match in dated:
        cues = list(_TAKEN_OR_FOUND.finditer(before[-TAKEN_FOUND_BEFORE_CHARS:]))
        day = resolve_date(match, published)
        if not cues or not day.is_known or day.precision not in ("day", "week"):
            continue
        if cues[-1].group("taken"):
            taken.append(dt.date.fromisoformat(day.start))
        else:
            found.append(dt.date.fromisoformat(day.end))
            dated_by_finding |= match.text == date_text
    if not (dated_by_finding and taken and found) or min(taken) > max(found):
        return interval
    first, last = min(taken), max(found)
    return DateInterval(first.isoformat(), last.isoformat(), precision_of_days((last - first).days))

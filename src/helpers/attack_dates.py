"""The attack's day, not the report's day: tell a date that dates a statement ("the ministry said on Tuesday")
from a date that dates the attack ("gunmen killed five people on Sunday"), and bound an attack that has no
date of its own by the day it was reported.

A date dates a statement when it governs a speech verb or a speech noun: in the parse, the date hangs
(through prepositions and their objects) from "said", "told", "announced", "a statement" or "a briefing"
before it reaches any other verb, and does not open the reported clause of a speech verb that comes after it.
A date of a revised toll ("the death toll rose to 14 on Thursday") dates the count in the same way, and a
date of a picture ("a photo taken on Friday shows") the picture. Without a parse, a date right after a speech word ("said on Tuesday",
"told reporters Monday", "said in a statement on Tuesday") or right before one ("on Tuesday said") does.
"""
from __future__ import annotations

import datetime as dt
import re

from helpers.dates import DateInterval, DateMatch, PublishedSpan

SPEECH_VERBS = {"say", "tell", "report", "add", "state", "announce", "claim", "confirm", "declare", "quote",
                "tweet", "post", "write", "publish", "release", "issue", "brief", "speak", "insist", "note", "reveal",
                "disclose"}
SPEECH_FORMS = {"said", "says", "say", "told", "tells", "reported", "reports", "added", "adds", "stated",
                "announced", "announces", "claimed", "claims", "confirmed", "confirms", "declared", "tweeted",
                "posted", "wrote", "published", "released", "issued", "briefed", "spoke", "insisted", "noted",
                "speaking", "speaks", "talking", "talked", "revealed", "reveals", "disclosed", "discloses"}
SPEECH_NOUNS = {"statement", "briefing", "announcement", "communique", "communiqué", "press", "conference",
                "interview", "tweet", "report", "bulletin", "update", "message", "video", "speech",
                "responsibility"}  # "claimed responsibility on Monday": the day of the claim
# "post" is speech only as a social-media post ("in a Facebook post on Monday"): in conflict news it is as often a
# military or police post ("gunmen attacked a border post on Monday"), whose date is the attack's.
SOCIAL_MEDIA_WORDS = {"facebook", "twitter", "x", "telegram", "instagram", "tiktok", "whatsapp", "social", "online",
                      "blog", "media", "weibo", "vk"}
# A toll that "rose to 14 on Thursday" was counted that day: the date dates the count, like a statement's, when
# the verb's subject is the count itself (not "rebels reached the village on Monday").
COUNT_FORMS = {"rose", "risen", "rises", "climbed", "climbs", "reached", "reaches", "increased", "jumped", "mounted"}
COUNT_NOUNS = {"toll", "tally", "count", "number", "figure", "casualties", "deaths", "fatalities"}
# "officials revised the death toll down to 11 on Monday", "the ministry raised the toll to 20 late Tuesday": a
# count revised by someone is dated by the revision, like a statement, when the verb's object is the count.
REVISE_FORMS = {"revised", "revises", "raised", "raises", "lowered", "lowers", "updated", "updates", "adjusted",
                "corrected", "put"}
_AFTER_COUNT = re.compile(r"\b(?:toll|tally|number\s+of\s+(?:dead|deaths|victims|people\s+killed))\b[^.;]{0,80}?"
                          r"\b(?:rose|risen|climbed|reached|increased|jumped)\s+(?:to\s+)?(?:at\s+least\s+)?[\w,]+\s+"
                          r"(?:on\s+|by\s+|late\s+|early\s+)?$", re.I)
# A photo or a video is dated by when it was taken ("This photo taken on January 17 shows the wreck ..."): after
# the attack it shows, so its date bounds the attack like a statement's, it is not the attack's day.
PICTURE_NOUNS = {"photo", "photograph", "picture", "image", "footage", "video", "photos", "pictures", "images"}
PICTURE_FORMS = {"taken", "shot", "filmed", "captured", "recorded"}
_AFTER_REVISION = re.compile(r"\b(?:revised|raised|lowered|updated|adjusted|corrected|put)\s+(?:the|its|their|his|her)\s+"
                             r"(?:\w+\s+)?(?:toll|tally|count|figure)\b[^.;]{0,40}?\s(?:on\s+|by\s+|late\s+|early\s+)?$", re.I)
_AFTER_PICTURE = re.compile(r"\b(?:photo(?:graph)?s?|pictures?|images?|footage|video)\s+(?:was\s+|were\s+)?"
                            r"(?:taken|shot|filmed|captured|recorded)\s+(?:on\s+|late\s+|early\s+)?$", re.I)
# Dependency labels a date climbs through on its way to the word it dates.
_CLIMB = {"pobj", "prep", "npadvmod", "tmod", "obl", "nmod", "compound", "amod", "appos", "nummod", "det", "pcomp",
          "advmod"}  # "Earlier in the day, local media reported ...": the report's day
_SPEECH = (r"(?:(?:said|says|told(?:\s+\w+){0,2}|reported|added|stated|announced|claimed(?:\s+responsibility)?|confirmed"
           r"|declared|tweeted|released|issued|published|posted|wrote|spoke|speaking|talking|revealed|disclosed)"
           # "reported to police", "wrote on Facebook", "speaking to journalists", "spoke on condition of anonymity"
           r"(?:\s+(?:to|on|via)\s+(?:the\s+)?(?:[A-Z]\w+|police|journalists|reporters|television|radio|condition\s+of\s+anonymity))?)")
_SPEECH_NOUN = (r"(?:statement|briefing|conference|interview|tweet|communiqu[eé]|announcement"
                r"|(?:facebook|twitter|telegram|instagram|social\s+media|online|blog)\s+post)")
_AFTER_SPEECH = re.compile(rf"(?:\b{_SPEECH}(?:\s+(?:in|at|during)\s+(?:a|an|the|its|his|her|their)\s+"
                           rf"(?:\w+\s+)?{_SPEECH_NOUN})?(?:\s+by\s+[^,.;:]{{1,50}}?)?"
                           # "in a statement on Tuesday, the army said", "a statement released by the army on Monday"
                           rf"|\b(?:in|at|during)\s+(?:a|an|the|its|his|her|their)\s+(?:\w+\s+)?{_SPEECH_NOUN})"
                           rf"\s+(?:on\s+|late\s+|early\s+)?$", re.I)
# A post-posed attribution with the speaker after the verb: '..., said the official requesting anonymity on
# Tuesday', '...," added a police spokesman on Monday': after the comma or closing quote, the clause is the speech's.
_AFTER_POSTPOSED_SPEECH = re.compile(rf"[,”\"]\s*{_SPEECH}\s+(?:the|a|an)\s+[^,.;:\"“”]{{1,60}}?\s+(?:on\s+|late\s+|early\s+)?$",
                                     re.I)
_BEFORE_SPEECH = re.compile(rf"^\s+{_SPEECH}\b", re.I)  # "on Tuesday said"; not ", said" (a post-posed attribution)
# A dateline dates the report: the opening words of a line, only names and punctuation ("SANA'A, May 5, 2012 -",
# "Ramallah, July 1", "Nairobi, (APP - 8th Jan, 2022 ) :"), then the date, then the dateline's end (a dash or
# colon) or the lede's first word. A head line's own date label ("Published: ...") may come before it.
_DATELINE_WORD = r"(?:[A-Z][\w'’.&-]*|\d{4}-\d{2}-\d{2})(?:(?:[ \t]*[,/(\-–—])+[ \t]*|[ \t]+)"
_DATELINE_LEAD = re.compile(rf"(?:^|\n)[ \t]*(?:{_DATELINE_WORD})+$")
_DATELINE_END = re.compile(r"^(?:,?[ \t]*(?:19|20)\d\d)?(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*\)?[ \t]*"
                           r"(?:[:\-–—]|(?<=[ \t])[A-Z0-9\"“])")
DATELINE_MAX_CHARS = 80
DATELINE_LINES = 4  # a dateline opens one of the first lines (a title and a byline may come before it)
_AS_OF = re.compile(r"\b(?:as\s+of|as\s+at)\s+$", re.I)
# "35 bodies had been counted by Sunday morning", "by Tuesday, the toll had reached 40": a count made by that time,
# not the attack's day ("by Monday's bombing" names the attack, and is left to it)
_BY_TIME = re.compile(r"\bby\s+$", re.I)


def dateline_day(text: str, within: PublishedSpan | None = None) -> dt.date | None:
    """The day a dateline gives ("SANA'A, May 5, 2012 -") in the first lines of a text, or None: the day the
    report was filed, which anchors its relative dates when the article has no publication day.

    A dateline with its year is read alone; one with a day and a month only ("KABUL, March 5 (Reuters) -") needs
    the span the article is otherwise known to be published in (a URL's or a sidecar's month or year, or the week
    from its latest full date) and gives the day of that span it names. With `within`, a day outside it is not
    taken (it dates something else)."""
    from helpers.dates import find_date_expressions, resolve_date

    lines = [line for line in text.split("\n") if line.strip()][:DATELINE_LINES]
    for line in lines:
        for match in find_date_expressions(line[:DATELINE_MAX_CHARS + 40]):
            if match.kind != "day" or not is_dateline_date(line, match):
                continue
            year = re.match(r",?\s*((?:19|20)\d\d)", line[match.end:])  # "May 5, 2012-": the year after the match
            words = f"{match.text} {year.group(1)}" if year else match.text
            has_year = bool(re.search(r"(?:19|20)\d\d", words))
            if not has_year and within is None:
                continue
            interval = resolve_date(words, within if not has_year else None)
            if not interval.is_known:
                continue
            day = dt.date.fromisoformat(interval.start)
            if within is None or within.first <= day <= within.last:
                return day
    return None


# A wire report is filed on its dateline's day and often put on the page a day or two later (a print edition, a
# time zone ahead): its relative words ("yesterday", "on Tuesday") count from the dateline's day.
DATELINE_BEFORE_DAYS = 2


# A page put out in the small hours was written the evening before: its "today", "yesterday" count from that day.
SMALL_HOURS_END = 3
_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap])?\.?m?\.?(?![\d])", re.I)


def filed_day(text: str, published: dt.date) -> dt.date:
    """The day the relative words of a report with a known publication day count from: its dateline's day
    ("MOGADISHU, March 3 (Reuters) -") when that lies up to DATELINE_BEFORE_DAYS before the publication day; the
    day before when the page's own date line puts it out that day before SMALL_HOURS_END o'clock ("Published:
    March 4, 2021 00:40"); else the publication day."""
    span = PublishedSpan(published - dt.timedelta(days=DATELINE_BEFORE_DAYS), published)
    filed = dateline_day(text, span)
    if filed is not None:
        return filed
    hour = _head_line_hour(text, published)
    if hour is None or hour >= SMALL_HOURS_END or re.search(rf"\b{published.strftime('%A')}\b", text):
        return published  # a page that names its own weekday ("early Thursday") tells of that day's small hours
    return published - dt.timedelta(days=1)


def _head_line_hour(text: str, published: dt.date) -> int | None:
    """The hour (0-23) a head date line of the publication day gives with its date ("Updated: 2021-03-04 00:40",
    "12:35 AM GMT, March 4, 2021"), or None when no such line gives one."""
    from helpers.published import match_line

    for line in [line for line in text.split("\n") if line.strip()][:DATELINE_LINES]:
        found = match_line(line)
        if found is None or found.published is None or found.published.value != published.isoformat():
            continue
        clock = _CLOCK.search(found.text)
        if clock is None:
            return None
        hour, half = int(clock.group(1)), (clock.group(3) or "").lower()
        if hour > 23:
            return None
        if half == "p" and hour < 12:
            hour += 12
        elif half == "a" and hour == 12:
            hour = 0
        return hour
    return None


def is_dateline_date(text: str, match: DateMatch, offset: int = 0) -> bool:
    """Tell whether a date expression belongs to a dateline ("LAGOS, May 3 —", "Kabul, Jan 9 (Reuters) -"): it
    says when the report was filed, like a statement's date, not when the attack was."""
    start, end = match.start - offset, match.end - offset
    if start < 0 or match.kind not in ("day", "weekday", "day_relative"):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start]
    if len(lead) > DATELINE_MAX_CHARS or not re.search(r"[,(/\-–—]\s*$", lead):
        return False
    return bool(_DATELINE_LEAD.search("\n" + lead)) and bool(_DATELINE_END.match(text[end:]))


# How far back an attack can lie from the day it was reported when the report gives no date of its own.
REPORTED_WITHIN_DAYS = 6
# An undated page's latest full date (a photo caption's, an embedded post's, a date line's) is on or shortly before
# the day the page was put out: the page is taken to be published within this many days after it.
TEXT_DATE_WITHIN_DAYS = 6


def latest_text_date(text: str) -> PublishedSpan | None:
    """For an article with neither a publication date nor a dateline: the days it was published in, bounded by
    the latest full date (day, month and year) its text gives, or None when it gives none.

    A page without a date line still often dates itself: a photo caption ("police at the scene in the capital,
    Monday, Feb. 3, 2014"), an embedded post ("— Agency (@agency) March 2, 2015"), a date line inside the body.
    The latest such date is on or before the day the page was written, and news is written within days, so the
    page is bounded to the week from that day (a PublishedSpan). Against that span `resolve_date` dates only
    what every day of it agrees on: "on Monday" when the caption's day is a Monday, a year-less "March 3"
    within the year before it; "yesterday" or another weekday stay unknown, and no week is assumed for an
    undated attack (helpers.annotate.events bounds an attack by a week only from a known publication day).
    """
    from helpers.bounds import date_problem
    from helpers.dates import find_date_expressions, resolve_date

    days = []
    for match in find_date_expressions(text):
        if match.kind != "day" or not re.search(r"(?:19|20)\d\d", match.text):
            continue
        interval = resolve_date(match, None)
        if interval.is_known:
            day = dt.date.fromisoformat(interval.start)
            if not date_problem(day):
                days.append(day)
    if not days:
        return None
    latest = max(days)
    return PublishedSpan(latest, latest + dt.timedelta(days=TEXT_DATE_WITHIN_DAYS))


def text_dates_contradicted(text: str, span: PublishedSpan) -> bool:
    """Tell whether an article's own weekday-named day ("on Tuesday, April 29") falls on another weekday in the days
    its latest full date bounds it to (`latest_text_date`): that date came from page furniture of another year (a
    stale photo caption, a crawl banner), so it anchors none of the article's relative dates."""
    from helpers.dates import find_date_expressions, is_weekday_contradicted

    return any(is_weekday_contradicted(match, span) for match in find_date_expressions(text))


def is_count_time(text: str, match: DateMatch, offset: int = 0) -> bool:
    """Tell whether a date expression is the time by which a count was made ("35 bodies had been counted by Sunday
    morning", "by Tuesday the toll had reached 40"): it dates the count, never the attack, so it neither dates a
    figure nor tells its attack from another. "by Monday's bombing" names the attack, and is not one."""
    return bool(_BY_TIME.search(text[:max(0, match.start - offset)])) and not re.match(
        r"['’]s\b", text[match.end - offset:])


def is_statement_date(doc, match: DateMatch, offset: int = 0) -> bool:
    """Tell whether a date expression of a sentence dates a statement rather than an event.

    `doc` is the sentence's spaCy doc (parsed or not); `offset` is where the doc's text starts in the text
    the match's offsets refer to.
    """
    text = doc.text if doc is not None else ""
    if is_dateline_date(text, match, offset):
        return True  # the day the report was filed
    if _AS_OF.search(text[:max(0, match.start - offset)]):
        return True  # "as of Friday, the toll stood at 12": the day of the count
    if is_count_time(text, match, offset):
        return True  # "had been counted by Sunday morning": the day of the count
    start, end = match.start - offset, match.end - offset
    if doc is not None and doc.has_annotation("DEP"):
        tokens = [token for token in doc if start <= token.idx < end]
        if tokens:
            inside = {token.i for token in tokens}
            heads = [token for token in tokens if token.head.i not in inside or token.head.i == token.i]
            if heads:
                return _climbs_to_speech(heads[0])
    before = text[:max(0, start)]
    return (bool(_AFTER_SPEECH.search(before)) or bool(_AFTER_COUNT.search(before)) or bool(_AFTER_PICTURE.search(before))
            or bool(_AFTER_REVISION.search(before))
            or bool(_AFTER_POSTPOSED_SPEECH.search(before)) or bool(_BEFORE_SPEECH.match(text[end:])))


def _climbs_to_speech(token) -> bool:
    """Climb from a date's head word to the first verb or speech noun above it; True if that word is speech."""
    current = token
    for _ in range(8):
        if current.dep_ in ("dobj", "obj") and current.lower_ in COUNT_NOUNS and _is_speech_verb(current.head):
            return True  # "the army confirmed the deaths on Tuesday", "announced the toll on Monday": the statement's
        if current.dep_ not in _CLIMB or current.head.i == current.i:
            return False
        current = current.head
        if current.lower_ in SPEECH_NOUNS or _is_social_media_post(current):
            return True
        if current.pos_ == "NOUN" and current.lower_ in _event_nouns():
            return False  # "claimed responsibility on Monday for an attack on Saturday": the attack's day
        if current.lower_ in COUNT_FORMS and any(child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in COUNT_NOUNS
                                                 for child in current.children):
            return True  # "the toll rose to 14 on Thursday": the day of the count
        if current.lower_ in REVISE_FORMS and any(child.dep_ in ("dobj", "obj", "nsubjpass") and child.lower_ in COUNT_NOUNS
                                                  for child in current.children):
            return True  # "officials revised the toll down to 11 on Monday": the day of the revision
        if current.lower_ in PICTURE_FORMS and (
                (current.dep_ == "acl" and current.head.lower_ in PICTURE_NOUNS)
                or any(child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in PICTURE_NOUNS
                       for child in current.children)):
            return True  # "a photo taken on Friday": the day of the picture
        if current.pos_ in ("VERB", "AUX"):
            if _is_response_verb(current):
                return True  # "the president vowed on Wednesday to hunt down the killers": the response's day
            is_speech = (current.lemma_.lower() in SPEECH_VERBS or current.lower_ in SPEECH_FORMS) and not _claims_lives(current)
            if not is_speech and _describes_speaker(current):
                return True  # "said the official, speaking on condition of anonymity on Tuesday": the speech's day
            return is_speech and not _opens_reported_clause(token, current)
    return False


def _event_nouns() -> set[str]:
    from helpers.annotate.words import EVENT_NOUNS  # here: helpers.annotate imports this module

    return EVENT_NOUNS


def _is_response_verb(token) -> bool:
    """Tell whether a verb tells a response to an attack, after it ("the president vowed on Wednesday to hunt
    down the killers", "the UN condemned the killings on Friday"): its date is the response's, as a statement's
    is (data/dictionaries/annotate_words.csv, list `response_verb`)."""
    from helpers.annotate.words import word_list  # here: helpers.annotate imports this module

    return token.lower_ in word_list("response_verb")


def _is_speech_verb(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and (token.lemma_.lower() in SPEECH_VERBS or token.lower_ in SPEECH_FORMS) \
        and not _claims_lives(token)


# "the blast claimed the lives of five", "a raid that claimed 12 lives": 'claim' with lives as its object kills, it
# does not speak; its date is the attack's.
LIFE_NOUNS = {"life", "lives"}


def _claims_lives(verb) -> bool:
    return verb.lower_ in ("claim", "claims", "claimed", "claiming") and any(
        child.dep_ in ("dobj", "obj") and child.lower_ in LIFE_NOUNS for child in verb.children)


def _describes_speaker(verb) -> bool:
    """Tell whether a verb is a participle on the speaker of a speech verb ("said the official requesting anonymity
    on Tuesday", "a spokesman, speaking on Monday, said"): what dates it dates the speech."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.pos_ == "NUM":
        return False
    speaker = verb.head
    return speaker.dep_ in ("nsubj", "nsubjpass") and _is_speech_verb(speaker.head)


def _is_social_media_post(token) -> bool:
    """Tell a social-media post ("a Facebook post", "a post on Telegram") from a military or police post."""
    return token.lower_ in ("post", "posts") and any(
        word.lower_ in SOCIAL_MEDIA_WORDS for word in token.subtree if word.i != token.i)


def _opens_reported_clause(date, verb) -> bool:
    """True for "In August, 33 soldiers were killed, the monitor said" or "rebels attacked a post on Monday,
    reported the monitor": the parser may hang the date from the speech verb at the end, but a date before a
    speech verb that follows its reported clause (and before its speaker) belongs to that clause."""
    clauses = [child for child in verb.children if child.dep_ in ("ccomp", "parataxis", "xcomp")]
    speaker_start = min([child.left_edge.i for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
                        + [verb.i])
    return any(clause.i < verb.i for clause in clauses) and date.i < speaker_start


def reported_bound(day: dt.date | PublishedSpan | None) -> DateInterval:
    """The interval an attack reported on (or before) a day lies in when nothing else dates it: the week up to
    that day, as wide as the day's own precision allows (a publication known only to its month)."""
    if day is None:
        return DateInterval(None, None, "unknown")
    first, last = (day.first, day.last) if isinstance(day, PublishedSpan) else (day, day)
    start = first - dt.timedelta(days=REPORTED_WITHIN_DAYS)
    span = (last - start).days
    precision = "week" if span <= 7 else "month" if span <= 37 else "year"
    return DateInterval(start.isoformat(), last.isoformat(), precision)

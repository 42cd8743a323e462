"""Events of one article: how figure sets are grouped into events (new dates, "another attack", a second
figure of one kind), which events are news (main) and which background, which headline totals add up several
attacks, and each event's shared fields (date, place, perpetrator, event type) with repeats and sources resolved.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from helpers import actors as actor_dictionary
from helpers.attack_dates import reported_bound
from helpers.dates import DateMatch
from helpers.annotate.words import LATER_INCIDENT, NEW_INCIDENT, OCCURRENCE_BEFORE_DATE
from helpers.annotate.numbers.figures import Figure
from helpers.annotate.actors import CIVILIAN_TYPE, UNNAMED_ATTACKERS, one_attacking_side, resolve_actor_names
from helpers.annotate.sources import (
    Attribution, STATE_NEWS_AGENCY, country_speaker, inherit_paragraph_sources, inherit_sources, side_of_victims,
)
from helpers.annotate.places import event_place
from helpers.annotate.figure_provinces import are_provinces_apart
from helpers.annotate.dates import DATE_RANK, DAY_KINDS, _best_date, counted_from_statement, _dates_differ, _is_background_period, _is_main_date, _without_asides
from helpers.annotate.dates import ANAPHORIC_KINDS, counted_from_previous, days_apart, found_days_after, incident_span, news_after_anchor, shifted
from helpers.annotate.dates import day_within_weekend, is_news_day_within, is_unnamed_night, night_named_elsewhere, months_apart, taken_until_found
from helpers.annotate.records import EventDate, EventRows, _ArticleFacts, _Context, _Mention
from helpers.annotate.rows import _row
from helpers.annotate.kinds import _is_attackers_toll, _is_judged_attackers_toll
from helpers.annotate.restated_totals import rounded_restatement_of
from helpers.annotate.repeated_figures import first_telling, restates_in_sentence, speaking_body, speaks_for_body
from helpers.annotate.sibling_figures import is_within_news_bound, returns_from_split


WEEKDAY_WORD = r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
# ACLED event and sub-event types, chosen by the weapon words of the event's sentences.
EVENT_TYPE_RULES = [
    (re.compile(r"\bsuicide (?:bomb\w*|attack\w*|car)\b", re.I), ("Explosions/Remote violence", "Suicide bomb")),
    (re.compile(r"\b(?:air ?strikes?|warplanes?|drones?|aircraft|jets?|bombers?|helicopters?)\b", re.I),
     ("Explosions/Remote violence", "Air/drone strike")),
    (re.compile(r"\b(?:shell(?:s|ed|ing)|artillery|mortars?|missiles?|(?<!rocket-propelled )rockets?(?! ?-?propelled))\b",
                re.I), ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    (re.compile(r"\b(?:car bomb\w*|bomb\w*|ieds?|improvised explosive|explosive\w*|land ?mines?|mines?|blast|"
                r"explosion)\b", re.I), ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
]


def _group_figures(figures: list[Figure]) -> list[dict[str, Figure]]:
    """Group a sentence's figures into figure sets: a second figure of a kind already present starts a new set."""
    groups: list[dict[str, Figure]] = []
    for figure in figures:
        if not groups or figure.kind in groups[-1] or any(
                other.figure_kind != figure.figure_kind for other in groups[-1].values()):
            groups.append({})
        groups[-1][figure.kind] = figure
    return groups


def _new_incident_groups(text: str, groups: list[dict[str, Figure]]) -> dict[int, int]:
    """Return the figure sets of a sentence that "another attack", "a separate bombing", "elsewhere", "a second
    assault", "hours later, a drone attack" introduce,
    with the end of their cue: each such cue belongs to the figure set nearest to it."""
    found: dict[int, int] = {}
    for cue in [*NEW_INCIDENT.finditer(text), *LATER_INCIDENT.finditer(text)]:
        distances = []
        for index, group in enumerate(groups):
            start, end = min(f.start for f in group.values()), max(f.end for f in group.values())
            distances.append((max(start - cue.end(), cue.start() - end, 0), index))
        if distances:
            found[min(distances)[1]] = cue.end()
    return found


def _assign_events(mentions: list[_Mention], published) -> set[int]:
    """Group figure sets into the article's events and return the events reported as news (role main).

    A new date or a second figure of one kind in a clause starts a background event; "in another attack",
    "a separate bombing", "elsewhere" start another event that is news too unless its date is earlier. Two
    sources' figures in one sentence ("officials said six ... but a survivor said 19") are one event. A figure
    that would join an event told in earlier sentences but is placed in another province starts another event.
    A later figure that names no attack of its own stays with the news (annotate.sibling_figures): a calendar day
    within the week up to publication when the news has no date yet, or no date after a sentence's split-off.
    """
    event_dates: dict[int, list[DateMatch]] = {}
    main_events = {0}
    next_event = 0
    previous: _Mention | None = None
    assigned: list[_Mention] = []
    event_provinces: dict[int, frozenset] = {}
    split_from: dict[int, int] = {}  # a sentence's second figure of one kind, read as another event -> the first's
    for mention in mentions:
        is_joined = False  # joined to an event told before by default or by date (not a restated toll)
        # the day of a statement or a count ("the toll rose to 10 on Friday") is not the attack's: it tells no
        # attack from another (helpers.attack_dates). A month or a year a figure was said in is still the
        # attack's period ("In August, 33 soldiers were killed, the monitor said at the time"); and without a
        # publication date to resolve dates, the day a thing was said is the only day to tell "in August" from
        # "this week" by, so it is kept.
        # ("Hours later, the army said nine had died": the words that date the statement count from the attack too)
        said = [d for d in mention.own_dates if d in mention.statement_dates and d.kind in DAY_KINDS + ANAPHORIC_KINDS] \
            if published is not None else []
        own = _without_asides([d for d in mention.own_dates if d not in said])
        if not own and said and _said_before(said, event_dates.get(0, []), published):
            own = said  # "the group claimed a raid on Monday": said before the main attack, so about another
        earlier_in_sentence = [d for d in mention.sentence_dates if d.start < mention.region[0]
                               and not (published is not None and d in mention.statement_dates
                                        and d.kind in DAY_KINDS + ANAPHORIC_KINDS)]
        if previous is None and (mention.is_recalled or own and _is_background_period(_best_date(own, published)[0],
                                                                                       published)):
            # the first figure is a recalled attack ("a project halted in early 2021 after a strike on the town
            # killed more than 800"): its own past month or year makes it background, and the news is the next
            mention.event = 1
            next_event = 2
        elif previous is None:
            mention.event = next_event
            next_event += 1
        elif mention.is_earlier_attack or mention.is_recalled or mention.is_told_before:
            # "the attack comes a day after gunmen killed 12", "a bombing months ago killed 20": the earlier attack,
            # background (or the one told before); "the recent bombing, in which 13 were killed", "a bomber had
            # rammed a checkpoint, killing 7" too, after the news's own figure (annotate.recalled.is_told_as_before)
            mention.event = _restated_event(mention, [m for m in assigned if m.event not in main_events], next_event)
            if mention.event == next_event:
                next_event += 1
        elif mention.is_new_incident:
            mention.event = next_event
            next_event += 1
            if previous.sentence_index == mention.sentence_index:
                own = own or earlier_in_sentence
            if _is_main_date(own, event_dates.get(0, []), published) or _is_same_day_news(own, previous, main_events):
                main_events.add(mention.event)
        elif previous.sentence_index == mention.sentence_index:
            if _is_second_source(previous, mention) or _is_other_reading(mention) or \
                    restates_in_sentence(mention, previous) or \
                    _is_judged_attackers_toll(mention) or _is_judged_attackers_toll(previous):
                # another source's figure, a revised one, or the attackers' own dead of the attack the sentence reports
                mention.event = previous.event
            else:
                mention.event = next_event  # a second figure of one kind in a sentence is another event
                next_event += 1
                own = own or earlier_in_sentence
                split_from[mention.event] = previous.event
        elif not own and not earlier_in_sentence and _is_background_lead(mention.lead_dates, published):
            # "In October 2002, militants seized a theatre. ... In the fight, 129 hostages died": an undated figure
            # whose paragraph dates its attack, in the sentences before it, to a past month or year is a recalled
            # attack's (annotate.lead_dates), background like one dated in its own clause
            own = mention.lead_dates
            mention.event = _restated_event(mention, [m for m in assigned if m.event not in main_events], next_event)
            if mention.event == next_event:
                next_event += 1
        elif not own:
            # an undated figure told after a recalled attack ("the first such assault since March 2016, when a
            # raid left 19 dead") returns to the news: the recall is told in its own sentence, with its period
            default = previous.event
            if previous.event not in main_events and (previous.is_recalled or _is_recalled_period(
                    event_dates.get(previous.event, []), published)):
                default = max(main_events)
            elif returns_from_split(previous.event, split_from, event_dates) is not None:
                # "more than 20 were shot dead and we recorded three charred bodies. A priest said 31 died": the
                # undated split-off of the sentence before names no attack; the next figure is the sentence's attack
                default = returns_from_split(previous.event, split_from, event_dates)
            elif said and _said_before(said, event_dates.get(previous.event, []), published):
                # "... hit a mine on Thursday. The park had said on Wednesday that six were killed": a figure said
                # before the attack told just before it counts an earlier one, the news told first
                default = _event_said_after(said, event_dates, main_events, published, default)
            mention.event = _restated_event(mention, mentions, default)
            is_joined = _restated_event(mention, mentions, -1) < 0
        else:
            main_dates = event_dates.get(0, [])
            # words counted back from the news ("on Monday", "this week", "since Wednesday", "over the weekend") can
            # be the undated main attack's: "32 militants were killed since Wednesday" after "the four-day crisis"
            is_relative_day = all(d.kind in ("weekday", "day_relative", "period_relative", "weekend")
                                  or (d.kind == "since" and re.search(WEEKDAY_WORD, d.text)) for d in own)
            undated = _restated_event(mention, [m for m in assigned if m.event not in event_dates], -1)
            if undated >= 0:
                mention.event = undated  # an undated toll (a headline's) restated with its date: the same attack
            elif previous.event == 0 and not main_dates and is_relative_day and not any(
                    d.kind != "day_relative" and re.search(r"\blast\b", d.text, re.I) for d in own):
                # "last week", "last Sunday" recall an attack; "last night", "last evening" are the news day's words
                mention.event, is_joined = 0, True
            elif main_dates and not _dates_differ(own, main_dates, published) and all(
                    d.kind not in ("same", "before_previous") for d in own):
                mention.event, is_joined = 0, True
            elif 0 in main_events and not main_dates and is_within_news_bound(own, published):
                # the undated news, then "On 12/03/2019 at about 8pm, gunmen attacked ...": a calendar day within the
                # week up to publication is the news attack's day (annotate.sibling_figures)
                mention.event, is_joined = 0, True
            elif previous.event in main_events and previous.event != 0 and _is_main_date(
                    own, event_dates.get(0, []), published):
                mention.event, is_joined = previous.event, True  # 'In another attack on Sunday ...' then that day again
            elif _is_same_day_news(own, previous, main_events) and (mention.names_told_attack
                                                                    or mention.names_serial_blast):
                # "minutes later, the group claimed the attack, saying it killed nine", "later in the day, the army
                # said 14 had died in the fighting": a time counted from the attack told, and that attack named by a
                # definite word, is the same attack's toll told later (annotate.lead_dates.names_told_attack); so is
                # "minutes later, a second blast killed five": twin or serial blasts of one day are one attack
                # (annotate.lead_dates.names_serial_blast), unless another province sets it apart (below)
                mention.event, is_joined = previous.event, True
            elif _is_same_day_news(own, previous, main_events):
                mention.event = next_event  # "Hours later, a drone downed a helicopter, killing 12": news too
                next_event += 1
                main_events.add(mention.event)
            else:
                mention.event = next_event
                next_event += 1
        told = first_telling(mention, assigned)
        if told is not None and told.event != mention.event:
            # the same killed and wounded toll told again (in other words, by its speaker, with its date) is the
            # attack it was first told for (annotate.repeated_figures)
            if mention.event in main_events and mention.event != 0 and \
                    not any(m.event == mention.event for m in assigned):
                main_events.discard(mention.event)
            mention.event, is_joined = told.event, False
        if is_joined and are_provinces_apart(mention.provinces, event_provinces.get(mention.event, frozenset())):
            # "... killed 12 in Kano state. In Zamfara state, gunmen killed 9": told in another province (or
            # another country named outright) than the event it would join, without a cue: another attack, news
            # when the one it would have joined is
            if mention.event in main_events:
                main_events.add(next_event)
            mention.event = next_event
            next_event += 1
        event_provinces[mention.event] = event_provinces.get(mention.event, frozenset()) | mention.provinces
        if own and _is_more_precise(own, event_dates.get(mention.event), published):
            # an event is dated by the most precise date any of its figures gives: "attackers have massacred
            # civilians this year" then "opened fire during Friday prayers" make the attack Friday's, so a
            # killing "on Monday" told next is another attack, not one more of this year's
            event_dates[mention.event] = own
        previous = mention
        assigned.append(mention)
    return main_events


def _is_background_lead(dates: list[DateMatch], published) -> bool:
    """Tell whether the dates leading up to a figure in its paragraph (annotate.lead_dates) name a past month or
    year that ends before the week the news was published in."""
    return bool(dates) and _is_background_period(_best_date(dates, published)[0], published)


def _is_same_day_news(own: list[DateMatch], previous: _Mention | None, main_events: set[int]) -> bool:
    """Tell whether a figure dated only by words that count from the attack told just before ("hours later", "later
    that day", "the same day") follows an attack reported as news: it happened the same day, and is news too."""
    return bool(own) and previous is not None and previous.event in main_events and all(d.kind == "same" for d in own)


def _is_more_precise(dates: list[DateMatch], known: list[DateMatch] | None, published) -> bool:
    """Tell whether a figure's dates date its event more precisely than the dates the event has so far (True when
    it has none): a known day over a week, a month or a year; a known date over words nothing anchors."""
    if not known:
        return True
    new, _ = _best_date(dates, published)
    old, _ = _best_date(known, published)
    return new.is_known and (not old.is_known or DATE_RANK[new.precision] < DATE_RANK[old.precision])


def _is_recalled_period(dates: list[DateMatch], published) -> bool:
    """Tell whether an event's dates name only a past month or year (a recalled attack), not a day or a week."""
    if not dates:
        return False
    interval, _ = _best_date(dates, published)
    return interval.is_known and interval.precision in ("month", "year")


def _event_said_after(said: list[DateMatch], event_dates: dict[int, list[DateMatch]], main_events: set[int],
                      published, default: int) -> int:
    """The first event (news first) whose known date is not after the day a figure was said: the attack the figure
    can count; the default when none is."""
    for event in sorted(event_dates, key=lambda event: (event not in main_events, event)):
        if event != default and event_dates[event] and not _said_before(said, event_dates[event], published):
            known, _ = _best_date(event_dates[event], published)
            if known.is_known:
                return event
    return default


def _said_before(said: list[DateMatch], main_dates: list[DateMatch], published) -> bool:
    """Tell whether a figure's statement was made before the main attack's day: a report cannot come before the
    attack it reports, so the figure is another (earlier) attack's."""
    if not main_dates:
        return False
    said_on, _ = _best_date(said, published)
    main_on, _ = _best_date(main_dates, published)
    return said_on.is_known and main_on.is_known and said_on.end < main_on.start


def _drop_multi_event_totals(mentions: list[_Mention], main_events: set[int], lede_sentences: int = 4) -> None:
    """Drop a headline or lede toll that adds up the tolls of several attacks the article then reports one by
    one ('Attacks kill 9' = 5 in one province + 4 in another): a total over events is not an event's figure.

    Only a toll in the first sentences counts as such a total, and only when two to four figures of at least
    two different events reported as news (not background) add up to it exactly."""
    from itertools import combinations

    def killed(mention):
        figure = mention.figures.get("killed")
        return figure.count.value if figure is not None and not figure.count.is_vague and \
            figure.figure_kind == "victims" else None

    for total in mentions:
        value = killed(total)
        if value is None or total.sentence_index >= lede_sentences:
            continue
        parts = [m for m in mentions if m is not total and m.event in main_events and killed(m)
                 and killed(m) < value and m.sentence_index > total.sentence_index]
        for size in (2, 3, 4):
            if any(sum(killed(m) for m in combo) == value and len({m.event for m in combo}) == size
                   for combo in combinations(parts, size)):
                total.is_dropped = True
                total.is_multi_attack_total = True
                break


def _restated_event(mention: _Mention, mentions: list[_Mention], default: int) -> int:
    """Return the event of an earlier figure set that states the same exact toll (a toll restated after another
    event was mentioned belongs to the event it was first given for), else the default event."""
    figure = mention.figures.get("killed")
    if figure is None or figure.count.is_vague:
        return default
    for earlier in mentions:
        if earlier is mention:
            break
        other = earlier.figures.get("killed")
        if earlier.event != default and other is not None and not other.count.is_vague and \
                other.count.value == figure.count.value:
            return earlier.event
    return default


def _is_second_source(previous: _Mention, mention: _Mention) -> bool:
    """Tell whether a sentence's second figure set is another source's figure for the same event: both are
    attributed, to different sources, and the second clause names no date or place of its own."""
    if previous.attribution is None or mention.attribution is None:
        return False
    if previous.attribution.figure_source == mention.attribution.figure_source:
        return False
    return not mention.own_dates and not any(mention.region[0] <= loc[0] for loc in mention.locations)


def _is_other_reading(mention: _Mention) -> bool:
    """Tell whether a sentence's second figure set is another reading of the toll told before it: a revision
    ("18 bodies, which was later revised down to 14") or another source's count ("... while another source
    reported nine dead"), with no date or place of its own in its clause (which would make it another attack)."""
    return mention.is_other_reading and not mention.own_dates and not any(
        mention.region[0] <= loc[0] for loc in mention.locations)


def _mention_figures_equal(a: _Mention, b: _Mention) -> bool:
    """Tell whether two figure sets state the same count (a vague one matches any count it contains)."""
    for kind in ("killed", "casualties"):
        fa, fb = a.figures.get(kind), b.figures.get(kind)
        if fa is None and fb is None:
            continue
        if fa is None or fb is None:
            return False
        if fa.count.value == fb.count.value:
            continue
        if fa.count.is_vague and fa.count.value <= fb.count.value <= (fa.count.maximum or fa.count.value):
            continue
        return False
    return "killed" in a.figures or "casualties" in a.figures


def _restates(mention: _Mention, other: _Mention) -> bool:
    """Tell whether a figure set restates another's figures: every kind the two give (killed, wounded,
    killed-or-wounded) is the same count, and at least one exact count is shared ('Blast kills five, wounds 22'
    and '"We have five martyrs and 22 wounded," the minister said', where only the wounded of the quote was read).
    A vague count matches any count it contains, but a vague count alone is no evidence of a restatement."""
    if _mention_figures_equal(mention, other):
        return True
    shared = set(mention.figures) & set(other.figures)
    exact = False
    for kind in shared:
        fa, fb = mention.figures[kind], other.figures[kind]
        if fa.count.value == fb.count.value and fa.count.is_vague == fb.count.is_vague:
            exact = exact or not fa.count.is_vague
            continue
        if fa.count.is_vague and fa.count.value <= fb.count.value <= (fa.count.maximum or fa.count.value):
            continue
        return False
    return exact


def _absorb(keep: _Mention, drop: _Mention) -> None:
    """Give a kept figure set the kinds only its dropped restatement gives, at their own place in the article
    (a figure's offsets are its sentence's: moved to the kept set's sentence, they still point at its words)."""
    shift = drop.sentence_start - keep.sentence_start
    for kind, figure in drop.figures.items():
        if kind not in keep.figures:
            keep.figures[kind] = dataclasses.replace(figure, start=figure.start + shift, end=figure.end + shift)


def _drop_repeats(group: list[_Mention]) -> None:
    """Fold unattributed figure sets that restate an attributed one into it (the attributed copy is the row,
    with any figure only the unattributed copy gives: corpus conventions, one row per source and figure);
    merge one source's killed and wounded sets."""
    live = [m for m in group if not m.is_dropped]
    attributed = [m for m in live if m.attribution is not None]
    for mention in live:
        if mention.attribution is not None:
            continue
        restated = [other for other in attributed if _restates(mention, other)]
        if restated:
            _absorb(restated[0], mention)
            mention.is_dropped = True
    live = [m for m in group if not m.is_dropped]
    for index, mention in enumerate(live):
        for other in live[:index]:
            if other.is_dropped or mention.is_dropped:
                continue
            same_source = (other.attribution.figure_source if other.attribution else None) == (
                mention.attribution.figure_source if mention.attribution else None)
            if not same_source:
                continue
            if not set(other.figures) & set(mention.figures):
                _absorb(other, mention)  # the same source's wounded given in the next sentence
                mention.is_dropped = True
            elif _mention_figures_equal(mention, other):
                keep, drop = (other, mention) if _repeat_rank(other) <= _repeat_rank(mention) else (mention, other)
                _absorb(keep, drop)
                drop.is_dropped = True


def _drop_restated_titles(group: list[_Mention], text: str) -> None:
    """Fold a title's attributed figure set into an attributed body set of the same event that restates it ('11
    police killed, state TV says' over '"11 policemen were killed," said the deputy governor'): corpus conventions
    make the same figure repeated in headline and body one row, carrying the body's attributed sentence, even when
    the headline names the outlet that relayed it. A body whose speaker names no one ('according to the
    authorities', 'he said') does not take a named title's place (_drop_unnamed_official_repeats decides those).
    (Of the dev gold's 24 title rows with a killed figure, one shares its number with a body row of its event.)"""
    live = [m for m in group if not m.is_dropped and m.attribution is not None]
    for title in (m for m in live if m.sentence_index == 0):
        body = [m for m in live if m.sentence_index > 0 and not m.is_dropped and _restates(title, m)
                and not _speaks_for_no_one(m, text)]
        if body:
            _absorb(body[0], title)
            title.is_dropped = True


def _drop_rounded_restatements(group: list[_Mention]) -> None:
    """Fold an unattributed headline that gives an attributed body count of its event in rounder words ('Over 30
    killed' over 'at least 31 people were killed, police said') into that count."""
    for mention in group:
        precise = rounded_restatement_of(mention, group)
        if precise is not None:
            _absorb(precise, mention)
            mention.is_dropped = True


def _speaks_for_no_one(mention: _Mention, text: str) -> bool:
    """Tell whether a figure set's speaker is unnamed officials in words that name no one ('the authorities')."""
    attribution = mention.attribution
    if attribution is None or attribution.figure_source != UNNAMED_OFFICIALS or attribution.start < 0:
        return attribution is not None and attribution.figure_source == UNNAMED_OFFICIALS
    speaker = text[mention.sentence_start + attribution.start:mention.sentence_start + attribution.end]
    return bool(_UNNAMED_SPEAKER.match(speaker.strip(" ,;.")))


# The name annotate gives a government source it does not name ('officials said', 'the mayor said'),
# annotate.sources.attribute_speaker; and the speaker words that name no one of their own: a pronoun, or the
# authorities as a body ('according to the authorities', 'sources said', 'the ministry said').
UNNAMED_OFFICIALS = "officials"
_UNNAMED_SPEAKER = re.compile(r"^(?:he|she|they|it|(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:officials|authorities|sources|"
                              r"ministry|government))$", re.I)


def _drop_unnamed_official_repeats(group: list[_Mention], text: str) -> None:
    """Drop a set of figures that unnamed officials give ('according to the authorities', 'he said', a state by
    its name: 'Ukraine says') when a named government source, or a speaker with a role of its own ('the governor
    said'), gives the same figures for the same event (every kind the unnamed set gives, with the same counts; the
    other may give more kinds: '10 killed, Ukraine says' ... 'ten were killed and eight wounded, the governor
    said'): the same authority told twice is one row, carried by the speaker who is named (corpus conventions,
    one row per source and figure). A speaker of their own ('the mayor said') stays a row of their own, as named
    sources do."""
    live = [m for m in group if not m.is_dropped and m.attribution is not None
            and m.attribution.source_type == "government"]
    unnamed = [m for m in live if _is_unnamed_official(m, text)]
    named = [m for m in live if m not in unnamed]  # a named source, or a role of its own ('the governor said')
    states = [m for m in unnamed if _is_state_speaker(m, text)]
    for mention in unnamed:
        # a state by its name gives way to officials speaking for it too ('..., Ukraine says' ... 'officials said')
        others = named + ([m for m in unnamed if m not in states] if mention in states else [])
        if any(_figures_within(mention, other) for other in others):
            mention.is_dropped = True
    # a body speaking as a body ('the defence ministry said') gives way to its own spokesman giving the same figures
    # ('said ministry spokesman Jane Doe'): one institution's ranks are one source, whatever name each maps to
    for mention in [m for m in live if not m.is_dropped]:
        body = speaking_body(_speaker_words(mention, text))
        if body and any(other is not mention and not other.is_dropped and _figures_within(mention, other)
                        and speaks_for_body(_speaker_words(other, text), body) for other in live):
            mention.is_dropped = True


def _speaker_words(mention: _Mention, text: str) -> str:
    """The words of a figure set's speaker in the article ('' when they are not in its sentence)."""
    attribution = mention.attribution
    if attribution is None or attribution.start < 0:
        return ""
    return text[mention.sentence_start + attribution.start:mention.sentence_start + attribution.end]


def _is_unnamed_official(mention: _Mention, text: str) -> bool:
    """Tell whether a government figure set's speaker names no one of its own: unnamed officials, a pronoun, the
    authorities as a body, or a state by its name alone."""
    attribution = mention.attribution
    if attribution.start < 0:
        return False
    speaker = text[mention.sentence_start + attribution.start:mention.sentence_start + attribution.end].strip(" ,;.")
    if attribution.figure_source == UNNAMED_OFFICIALS:
        return bool(_UNNAMED_SPEAKER.match(speaker))
    return _is_state_speaker(mention, text)


def _is_state_speaker(mention: _Mention, text: str) -> bool:
    """Tell whether a figure set's speaker is a state by its name alone ('Ukraine says')."""
    attribution = mention.attribution
    if attribution.start < 0:
        return False
    speaker = text[mention.sentence_start + attribution.start:mention.sentence_start + attribution.end]
    return country_speaker(speaker.strip(" ,;.")) is not None


def _figures_within(a: _Mention, b: _Mention) -> bool:
    """Tell whether every kind figure set `a` gives is in `b` with the same count (vague or exact alike)."""
    return set(a.figures) <= set(b.figures) and all(
        a.figures[kind].count.value == b.figures[kind].count.value
        and a.figures[kind].count.is_vague == b.figures[kind].count.is_vague for kind in a.figures)


def _merge_unattributed_extras(group: list[_Mention]) -> None:
    """Fold an unattributed set with no killed figure ('Nearly 40 were injured') into the event's first row lacking it."""
    live = [m for m in group if not m.is_dropped]
    for mention in live:
        if mention.attribution is not None or "killed" in mention.figures or "casualties" in mention.figures:
            continue
        hosts = [other for other in live if other is not mention and not other.is_dropped
                 and not set(other.figures) & set(mention.figures)]
        if hosts:
            _absorb(hosts[0], mention)
            mention.is_dropped = True


def _repeat_rank(mention: _Mention) -> tuple:
    """Order repeats of one figure: own attribution, then a breakdown or exact count, then text order."""
    key = mention.key_figure
    return (mention.is_inherited, -len(key.parts), key.count.is_vague, key.count.qualifier != "exact", mention.start)


def _found_days_after(text: str, group: list[_Mention], own: list[DateMatch], date_text: str) -> int:
    """The days before the dating day that the event's dead were killed, when its sentence dates their finding
    "N days after" the attack (annotate.dates.found_days_after); 0 otherwise."""
    for mention in group:
        sentence = text[mention.sentence_start:mention.sentence_end]
        for date in own:
            if date.text == date_text and any(date is d for d in mention.sentence_dates):
                days = found_days_after(sentence, date.start, date.end)
                if days:
                    return days
    return 0


def _news_after_context_date(text: str, contexts: list[_Context], context_dates: list[DateMatch], date_text: str) -> int:
    """The days the news lies after the context date that dated it, when a context sentence says the news "came N
    days after" another attack and that date stands after the relation (in its sentence or a later one): that date
    is the other attack's; 0 otherwise. A date told before the relation's sentence ("the attack occurred on Friday
    ... The massacre comes two days after a raid") dates the news itself."""
    for context in contexts:
        sentence = re.split(r"(?<=[.!?])\s", text[context.sentence_start:context.sentence_start + 600], maxsplit=1)[0]
        mine = [d for d in context.dates if d.text == date_text]
        days = news_after_anchor(sentence, mine[0].start if mine else None)
        told_before = not mine and any(d.text == date_text for c in contexts
                                       if c.sentence_index < context.sentence_index for d in c.dates)
        if days and not told_before and any(d.text == date_text for d in context_dates):
            return days
    return 0


def _event_type(text: str, is_civilian_attack: bool) -> tuple[str, str]:
    """Choose ACLED's event type and sub-event type from weapon words and whether civilians were attacked."""
    for pattern, types in EVENT_TYPE_RULES:
        if pattern.search(text):
            return types
    if is_civilian_attack:
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


def _event_rows(article_id, text, event, group: list[_Mention], contexts: list[_Context], published, gazetteer,
                facts: _ArticleFacts, article_sources, previous_interval: EventDate | None, role,
                implied_dates=(), news_date: EventDate | None = None) -> EventRows:
    """Fill an event's shared fields (date, place, perpetrator, type), resolve repeats, and emit its rows.
    `news_date` is the date of the article's first main event, for another main event of the same news."""
    # date: the most precise expression among the event's sentences (main event: its context sentences too)
    # (a date that dates a statement, "the ministry said on Tuesday", is not the attack's)
    own = [d for m in group for d in (m.own_dates or [d for d in m.sentence_dates if d.start < m.region[0]])
           if d not in m.statement_dates]
    if not own:
        # a month or a year a figure was said or claimed in is still the attack's period ("In February 2019, the
        # group claimed responsibility for an attack that killed 27"): news tells an attack within days of it; so is
        # a month counted from the attack told before ("A month earlier, the group claimed a bombing that ...")
        own = [d for m in group for d in m.own_dates if d in m.statement_dates and (
            d.kind in ("month", "year") or (d.kind in ANAPHORIC_KINDS and months_apart(d.text) is not None))]
    if not own and role == "background":
        # "In April last year, a bomber struck a bar. The attack killed six": the month its paragraph dates it to
        own = [d for m in group for d in m.lead_dates]
    # after the event's last figure an article tells the background ("the rebels withdrew at the end of
    # December"): a later context sentence dates the attack by a day ("the attack took place on Friday") only
    last_sentence = max(m.sentence_index for m in group)
    context_dates = [d for c in contexts for d in c.dates
                     if c.sentence_index <= last_sentence or d.kind in DAY_KINDS
                     or OCCURRENCE_BEFORE_DATE.search(text[c.sentence_start:c.sentence_start + d.start])  # "occurred last week"
                     ] or (implied_dates if event == 0 else [])
    interval, date_text = _best_date(own, published)
    if not own and context_dates:
        interval, date_text = _best_date(context_dates, published, allow_year=False)
        if role == "main" and _is_background_period(interval, published):
            interval, date_text = _best_date([], published)  # "since their seizure of the city in December"
        after = _news_after_context_date(text, contexts, context_dates, date_text)
        if after:  # "The strikes came two days after a suicide bombing ... On Saturday, a bomber ...": Monday
            moved = shifted(interval, after, published)
            interval = moved if moved.is_known else interval
    if own and all(d.kind == "weekend" for d in own) and interval.is_known:
        # "over the weekend" in the figure's sentence, "Last Sunday, March 17, gunmen ambushed ..." in another: the day
        interval, date_text = day_within_weekend(EventDate(interval, date_text), context_dates, published)
    if own and all(is_unnamed_night(d) for d in own) and interval.is_known:
        # "killed in an overnight raid" in the figure's sentence, "the raid began late on Friday" in another: that night
        interval, date_text = night_named_elsewhere(EventDate(interval, date_text), context_dates, published)
    counted = counted_from_statement(own, group, EventDate(interval, date_text), published, text)
    if counted is not None:  # "the governor said on Tuesday that nine were killed yesterday": Monday
        interval, date_text = counted
    if own and not interval.is_known and previous_interval:
        # "Two days later, a bomb killed three": counted from the attack told before (or, for the attack the news
        # "came a day after", back from the news)
        relation = counted_from_previous(own, previous_interval[0], any(m.is_earlier_attack for m in group), published)
        if relation is not None:
            interval, date_text = relation, own[0].text
    if own and not interval.is_known and all(d.kind in ("same", "before_previous") for d in own) and previous_interval:
        previous, _ = previous_interval
        same = all(d.kind == "same" for d in own)  # "the same day" is the day before it; "days earlier" is not
        if previous.is_known and (previous.precision in ("month", "year") or same):
            interval = previous
    if own and not interval.is_known and all(d.kind == "same" and d.text.lower().endswith("day") for d in own):
        # "The same day, shelling killed five ..." first among the figures: the day is the last one the article
        # told before it ("lost five relatives on Friday when a shell struck their home")
        first_sentence = min(m.sentence_index for m in group)
        told_before = [d for c in contexts if c.sentence_index < first_sentence for d in c.dates if d.kind in DAY_KINDS]
        if told_before:
            interval, date_text = _best_date(told_before[-1:], published)
    earlier = _found_days_after(text, group, own, date_text)
    if earlier:  # "bodies were found on Tuesday, two days after gunmen raided the village": Sunday
        interval = shifted(interval, -earlier, published) if interval.is_known else interval
    sentences = sorted({(m.sentence_start, m.sentence_end) for m in group})
    # the dead found days after they were taken: from the day taken to the day found
    dated = [(text[m.sentence_start:m.sentence_start + d.start], d) for m in group for d in m.sentence_dates] + \
        [(text[c.sentence_start:c.sentence_start + d.start], d) for c in contexts for d in c.dates]
    interval = taken_until_found(interval, date_text, dated, published)
    interval = incident_span(interval, date_text, [text[start:end] for start, end in sentences], published)
    if not interval.is_known and role == "main" and isinstance(published, dt.date) and (
            not own or all(d.kind in ANAPHORIC_KINDS for d in own)):
        # no date of the attack's own: it happened within the week before the day it was said or published
        # (a publication known only to its month or year bounds the article, not a week: left unknown)
        said = [d for m in group for d in m.statement_dates]
        said_on, said_text = _best_date(said, published, allow_year=False)
        before = [days_apart(d.text) for c in contexts for d in c.dates if d.kind == "before_previous"]
        if said_on.is_known and said_on.precision == "day" and before and before[0] and before[0] < 0:
            # "..., police said on Tuesday. The attack took place two days earlier.": two days before the statement
            interval, date_text = shifted(said_on, before[0], published), said_text
        elif said_on.is_known and said_on.precision == "day":
            interval, date_text = reported_bound(dt.date.fromisoformat(said_on.end)), said_text
        else:
            interval = reported_bound(published)
        if is_news_day_within(news_date, interval):
            # another main attack of the same news, told with no day of its own ("another drone strike killed 18",
            # "another 18 soldiers were wounded in the attack"): the day of the news the article dates
            interval, date_text = news_date
    # place: the most precise location the article supports among the event's sentences and, for the main
    # event, its context sentences (annotate.places.event_place)
    own = [(m.sentence_start + loc[0], m.sentence_start + loc[1], loc[2]) for m in group for loc in m.locations]
    context = [(c.sentence_start + loc[0], c.sentence_start + loc[1], loc[2]) for c in contexts for loc in c.locations]
    best_place = event_place(text, own, context, gazetteer, facts, role, article_id,
                             sentences=tuple(sorted({(m.sentence_start, m.sentence_end) for m in group})),
                             keys=tuple(m.sentence_start + m.key_figure.start for m in group))
    # perpetrator: named in the event's sentences, else in the main event's context, else the article's group.
    # A figure of the attackers' own dead is read with the sides swapped, and is left out of the event's sides.
    attackers_tolls = [m for m in group if _is_attackers_toll(m)]
    regular = [m for m in group if m not in attackers_tolls]
    if not regular:  # armed groups on both sides: the attackers' dead are those of the group that attacked
        attackers = {p for m in group for p in m.perpetrator}
        attackers_tolls = [m for m in attackers_tolls if attackers & set(m.target) or _is_judged_attackers_toll(m)]
        regular = [m for m in group if m not in attackers_tolls]
    if not regular:  # an article of one side's dead only: the model's judgement, else they are the victims
        attackers_tolls = [m for m in group if _is_judged_attackers_toll(m)]
        regular = [m for m in group if m not in attackers_tolls]
    perpetrator = sorted({p for m in regular for p in m.perpetrator})
    is_suspected = any(m.is_suspected for m in regular if m.perpetrator)
    targets = {name for m in regular for name in m.target}
    figure_sentences = {m.sentence_index for m in group}
    if not perpetrator:
        perpetrator = sorted({a for c in contexts for a in c.actors
                              if a not in targets and c.sentence_index not in figure_sentences})
        is_suspected = bool(perpetrator) and any(c.is_suspected for c in contexts)
    if not perpetrator and facts.default_perpetrator and facts.default_perpetrator not in targets:
        perpetrator = [facts.default_perpetrator]
    if not perpetrator and event != 0 and role == "main" and facts.main_perpetrator:
        perpetrator, is_suspected = list(facts.main_perpetrator), True
    country = (best_place[1].get("country") if best_place is not None else None) or facts.country
    resolve = lambda names: resolve_actor_names(names, country, facts.referent_group)  # noqa: E731
    perpetrator = resolve(perpetrator) or [UNNAMED_ATTACKERS]  # nobody named: unidentified (corpus conventions)
    perpetrator = one_attacking_side(perpetrator, [text[m.sentence_start:m.sentence_end] for m in regular], resolve,
                                     facts.default_perpetrator)
    if not is_suspected and any(c.is_suspected and set(c.actors) & set(perpetrator) for c in contexts):
        is_suspected = True  # 'gunmen ... believed to be members of X': naming X elsewhere does not make it certain
    if event == 0:
        facts.main_perpetrator = [name for name in perpetrator if name not in targets]
    for mention in group:
        mention.target = resolve(mention.target)
    # the victims' side is the event's: a row whose own sentence does not name it ('the blast killed three
    # of my colleagues') takes the side the event's other rows name
    event_targets = resolve({name for m in regular for name in m.target})
    for mention in regular:
        mention.target = mention.target or list(event_targets)
    sides = {}
    for mention in attackers_tolls:
        killers = resolve({name for m in regular for name in m.target
                           if actor_dictionary.actor_type_of(name) != CIVILIAN_TYPE and name not in mention.target})
        sides[id(mention)] = (killers, perpetrator or mention.target)
    group_text = " ".join(text[m.sentence_start:m.sentence_end] for m in group)
    event_type, sub_event_type = _event_type(group_text, any(m.is_civilian_attack for m in group))
    # attribution carries across a paragraph; a repeat of an attributed figure set is left to the repeats
    attributed = [m for m in group if not m.is_dropped and m.attribution is not None]
    inherit_paragraph_sources([m for m in group if not any(_restates(m, o) for o in attributed)],
                              article_sources, role)
    _drop_repeats(group)
    inherit_sources(group, article_sources)  # a headline or lede figure restated by an attributed body sentence
    _drop_repeats(group)
    _drop_unnamed_official_repeats(group, text)
    _drop_restated_titles(group, text)
    _drop_rounded_restatements(group)
    _merge_unattributed_extras(group)
    rows = []
    for mention in [m for m in group if not m.is_dropped]:
        attribution = mention.attribution
        if attribution is not None and attribution.figure_source in actor_dictionary.GENERIC_ARMED_GROUPS and \
                facts.referent_group:  # 'the militants said they killed ...': the group the article names
            mention.attribution = Attribution(facts.referent_group, attribution.source_type, attribution.is_claim,
                                              attribution.start, attribution.end)
        agency = actor_dictionary.state_news_agency_of(country)
        if attribution is not None and attribution.figure_source == STATE_NEWS_AGENCY and agency:
            mention.attribution = Attribution(agency, attribution.source_type, False, attribution.start,
                                              attribution.end)  # 'the state news agency' of a Syrian event: SANA
        mention_perpetrator = perpetrator
        if id(mention) in sides:
            if not {"killed", "captured", "missing"} & set(mention.figures):
                # the attackers' wounded are never the attack's toll and no column holds them: without their
                # dead, the row would carry no figure, so the figures are set aside instead
                mention.is_attackers_without_dead = True
                continue
            mention_perpetrator, mention.target = sides[id(mention)]
        mention.attribution = side_of_victims(mention.attribution, mention_perpetrator)
        rows.append(_row(article_id, text, event, role, mention, interval, date_text, best_place, mention_perpetrator,
                         is_suspected and mention_perpetrator == perpetrator, event_type, sub_event_type,
                         "attackers_dead" if id(mention) in sides else "victims"))
    return EventRows(rows, EventDate(interval, date_text))

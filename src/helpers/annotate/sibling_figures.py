"""Which attack a later figure of an article belongs to when it names no attack of its own (no "another attack",
no earlier or recalled attack): the article's news, not a second event of the same attack ("dated siblings").

News tells one attack and then adds figures for it, sentence by sentence: a witness's count, the police
statement with the calendar day, a hospital's toll. Two of these readings otherwise split one attack's figures
into two events of one article, and the linking never joins two events of one article again:
- a calendar day ("on 12/03/2019", "on March 12") told for a later figure of an article whose news has no date
  of its own yet: when that day lies within the week up to publication (the bound an undated news attack lies in,
  helpers.attack_dates.reported_bound; a publication known only to its month bounds nothing), it is the news
  attack's day, not another attack's;
- an undated figure told after a sentence whose second figure of one kind was read as another event ("more than
  20 were shot dead and we recorded three charred bodies"): that split-off event has no date and no cue of its
  own, so the next sentence's undated figure returns to the attack the sentence was about, not to the split-off.
"""
from __future__ import annotations

import datetime as dt

from helpers.attack_dates import reported_bound
from helpers.dates import DateMatch, PublishedSpan
from helpers.annotate.dates import _best_date

# Date expressions that name a calendar day on their own ("26/01/2020", "March 12"), not counted from a
# publication or from another date
CALENDAR_DAY_KINDS = ("day",)


def is_within_news_bound(own: list[DateMatch], published) -> bool:
    """Tell whether a figure's own dates are calendar days that lie within the week up to publication: the days an
    undated news attack can have happened on. False without a publication date or with a relative date."""
    if not isinstance(published, (dt.date, PublishedSpan)) or not own or \
            any(d.kind not in CALENDAR_DAY_KINDS for d in own):
        return False
    interval, _ = _best_date(own, published)
    bound = reported_bound(published)
    if not interval.is_known or bound.precision != "week" or interval.precision != "day":
        return False
    return bound.start <= interval.start and interval.end <= bound.end


def returns_from_split(previous_event: int, split_from: dict[int, int], dated_events) -> int | None:
    """The event an undated figure of a new sentence returns to when the figure before it was split off its
    sentence's first figure set as a second figure of one kind (`split_from`: split-off event -> the event it was
    split from) and the split-off has no date of its own; None otherwise."""
    if previous_event in split_from and previous_event not in dated_events:
        return split_from[previous_event]
    return None

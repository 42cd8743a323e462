"""Typed records passed between the annotator's stages: a figure set under construction (_Mention), what a
non-candidate sentence of the main event contributes (_Context), and the facts the whole article shares
(_ArticleFacts), and the small records that replace positional tuples between modules: a location phrase, the
place an event's rows carry, an event's date, a speaker of a sentence. These are NamedTuples, so code that still
indexes or unpacks them reads the same values. FIGURE_KINDS orders a figure set's kinds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, TYPE_CHECKING, NamedTuple

from helpers.dates import DateInterval, DateMatch

if TYPE_CHECKING:
    from helpers import place_context
    from helpers.annotate.numbers.figures import Figure
    from helpers.annotate.sources import Attribution


FIGURE_KINDS = ["killed", "wounded", "casualties", "captured", "missing"]


class LocationPhrase(NamedTuple):
    """A location phrase (helpers.annotate.places.location_phrases): char start and end, and its words."""

    start: int
    end: int
    text: str


class PlaceChoice(NamedTuple):
    """The place an event's rows carry: its rank (lower wins), resolved place fields, geo_precision, and the phrase
    with its char span in the article (None and -1 when the place is the country the article is about)."""

    rank: tuple
    fields: dict
    precision: str
    phrase: str | None
    start: int
    end: int


class EventDate(NamedTuple):
    """An event's date: the resolved interval and the words that gave it ('' without any)."""

    interval: DateInterval
    text: str


class SpeakerSpan(NamedTuple):
    """A speaker of a parsed sentence: the speech token ('said', 'according') and the speaker's span."""

    speech: object
    speaker: object


class EventRows(NamedTuple):
    """What one event gives: its mention rows and its date (the next event may take a month or year from it)."""

    rows: list
    date: EventDate


@dataclass
class _Mention:
    """A figure set under construction: figures of one source for one event in one sentence."""

    sentence_index: int
    sentence_start: int
    sentence_end: int
    figures: dict[str, Figure]
    region: tuple[int, int]  # char span in the sentence this figure set's clause covers
    attribution: Attribution | None = None
    is_inherited: bool = False
    own_dates: list[DateMatch] = field(default_factory=list)
    sentence_dates: list[DateMatch] = field(default_factory=list)
    statement_dates: list[DateMatch] = field(default_factory=list)  # "the ministry said on Tuesday"
    # months and years of the sentences leading up to an undated figure in its paragraph (annotate.lead_dates)
    lead_dates: list[DateMatch] = field(default_factory=list)
    names_told_attack: bool = False  # its clause names an attack already told: "the attack", "in the fighting"
    names_serial_blast: bool = False  # its clause names one blast of several by its ordinal: "a second blast"
    locations: list[LocationPhrase] = field(default_factory=list)
    provinces: frozenset = frozenset()  # (country, province) its own clause places it in (annotate.figure_provinces)
    perpetrator: list[str] = field(default_factory=list)
    is_suspected: bool = False
    target: list[str] = field(default_factory=list)
    is_civilian_attack: bool = False
    is_toll_rising: bool = False
    is_new_incident: bool = False
    incident_cue_end: int = -1  # char offset in the sentence where "another attack" ends
    news_dates: list[DateMatch] = field(default_factory=list)  # "the attack on Sunday came days after ...": the news's
    is_earlier_attack: bool = False  # "the attack comes a day after gunmen killed 12 ...": an earlier attack's figure
    is_recalled: bool = False  # "a bombing months ago killed 20": a recalled attack's figure (annotate.recalled)
    # "the recent bombing, in which 13 were killed", "a bomber had rammed a checkpoint, killing 7": told as before the
    # news, which a figure after the news's own is (annotate.recalled.is_told_as_before)
    is_told_before: bool = False
    is_other_reading: bool = False  # "... later revised down to 14", "... while another source said nine": same toll
    has_pronoun_agent: bool = False
    agent_offset: int = 0  # char offset in the sentence of the pronoun that did the killing
    event: int = -1
    is_dropped: bool = False
    is_multi_attack_total: bool = False
    is_attackers_without_dead: bool = False  # the attackers' own wounded only: no row can hold them (set aside)
    figure_texts: dict[str, str] = field(default_factory=dict)  # each figure's words in the article, per kind

    @property
    def start(self) -> int:
        return self.sentence_start + min(f.start for f in self.figures.values())

    @property
    def key_figure(self) -> Figure:
        return self.figures[self.key_kind]

    @property
    def key_kind(self) -> str:
        for kind in FIGURE_KINDS:
            if kind in self.figures:
                return kind
        raise ValueError("a mention without figures")


@dataclass
class _Context:
    """What a non-candidate sentence of the main event contributes: dates, places, armed groups."""

    dates: list[DateMatch]
    locations: list[LocationPhrase]
    actors: list[str]
    is_suspected: bool
    sentence_start: int
    sentence_index: int


@dataclass
class _ArticleFacts:
    """What the whole article says that its events share: the default perpetrator (a group named twice), the
    group its generic attacker words refer to (named once is enough), the country it is mostly about, and the
    main event's perpetrator once known (other attacks of the same day reported without one are suspected of it)."""

    default_perpetrator: str | None
    referent_group: str | None
    country: str | None
    main_perpetrator: list[str] = field(default_factory=list)
    countries: "place_context.ArticleCountries | None" = None
    # (country, admin1) -> phrases naming it (place_context.province_votes), or the call that counts them: it
    # runs only when an event's place lacks a province (see annotate.places.article_provinces)
    provinces: "dict | Callable[[], dict]" = field(default_factory=dict)
    # (start, end, country, admin1) of each phrase counted in `provinces` (place_context.province_mentions), or
    # the call that finds them (see annotate.places.article_province_mentions)
    province_mentions: "list | Callable[[], list]" = field(default_factory=list)
    # the (start, end) spans of the sentences that carry each event's figures, by event
    event_sentences: dict = field(default_factory=dict)

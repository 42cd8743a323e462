"""What an article says about where its events can be: its countries, its dateline, and names that are not places.

A toponym is resolved in a country only when the article supports that country (helpers.annotate applies this):
- the countries an article names by name or demonym ("Pakistani officials", "in Nigeria"; state_forces.csv);
- the dateline's city, where the report was filed ("ISLAMABAD (Reuters) —"): a large city or a capital says its
  country, but a dateline is never the place of an attack;
The focus country is the one named most often, else the dateline's.

Not places, however a tagger labels them (each rule follows how news copy is written):
- a place name as the subject of a speech verb, with no preposition before it ("Kabul said", "Moscow denied"):
  a capital used for its government;
- a place name right before a word that heads an organisation's name ("the Kirkuk Police Command", "the Borno
  Elders Forum", "Mosul University"): organisation_heads.csv lists those words, each with a note;
- a bare compass area of a country ("eastern Syria") or an anaphoric area ("the same area", "the area") says no
  more than the country or the place already named, so it never outranks a named place (annotate ranks it last).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import actors as actor_dictionary
from . import places
from .paths import DATA_DIR

ORGANISATION_HEADS_PATH = DATA_DIR / "gazetteer" / "organisation_heads.csv"
# A dateline opens a wire or newspaper report: a city in capitals (optionally with a country or a date), the
# agency in parentheses and a dash, or the city and a dash alone ("KABUL, Afghanistan —", "MOGADISHU (AP) —",
# "BEIRUT, Jan 9 (Reuters) -", "LAGOS, Nigeria, May 3 —").
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&-]{2,30})\))?\s*[-–—]+\s*"
)
SPEECH_VERBS = frozenset("""
said says say announced announces denied denies accused accuses blamed blames claimed claims confirmed confirms
condemned condemns warned warns insisted insists rejected rejects responded responds vowed vows
""".split())


@dataclass(frozen=True)
class ArticleCountries:
    """The countries an article supports (ISO alpha-2 codes) and its focus country (name and code)."""

    supported: frozenset[str]
    focus: str | None
    focus_code: str | None
    dateline: tuple[int, int] | None  # character span of the dateline at the article's start


def dateline_span(text: str) -> tuple[int, int, str] | None:
    """Return (start, end, city) of a dateline opening the text, or None.

    The city must be written in capitals (at least two letters of three or more) and be followed by an agency
    in parentheses or by a dash, as datelines are; a sentence that merely starts with a capitalised word is not.
    """
    match = DATELINE.match(text[:160])
    if not match or len(match.group("city").replace(" ", "")) < 3:
        return None
    if not match.group("city").isupper():
        return None
    return match.start(), match.end(), match.group("city").title()


def article_countries(text: str) -> ArticleCountries:
    """Return the countries an article supports: named by name or demonym, and the dateline city's country."""
    counts = actor_dictionary.country_mentions(text, skip_longer_names=True)
    supported = {code for code in (places.country_code_of(name) for name in counts) if code}
    focus = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0] if counts else None
    dateline = dateline_span(text)
    if dateline is not None:
        code = _dateline_country(dateline[2], text[dateline[0]:dateline[1]])
        if code:
            supported.add(code)
            if focus is None:
                focus = places._country_names().get(code)
    focus_code = places.country_code_of(focus) if focus else None
    return ArticleCountries(frozenset(supported), focus, focus_code,
                            (dateline[0], dateline[1]) if dateline else None)


def _dateline_country(city: str, dateline: str) -> str | None:
    """Return the ISO code of a dateline's country: written after the city, else the city's if it is large."""
    for word in re.findall(r"[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*", dateline[len(city):]):
        code = places.country_code_of(word)
        if code:
            return code
    from . import world_places

    gazetteer = places.Gazetteer.load()
    curated = [place for place in gazetteer.lookup(city) if place.kind == "place"
               and place.population >= places.NAMESAKE_WORLD_CITY_MIN_POPULATION]
    found = sorted([*curated, *world_places.lookup(city, None)], key=lambda place: -place.population)
    return found[0].country_code if found else None  # the most populous namesake: datelines name big cities


@functools.lru_cache(maxsize=1)
def organisation_heads() -> frozenset[str]:
    """Return the words that, right after a place name, make it part of an organisation's name."""
    rows = places._read_csv(ORGANISATION_HEADS_PATH)
    if any(not row["note"] for row in rows):
        raise ValueError("organisation_heads.csv: every word needs a note")
    return frozenset(row["word"].lower() for row in rows)


def is_voice_or_organisation(doc, start: int, end: int) -> bool:
    """Tell whether the place entity doc[start:end] names a government speaking or an organisation, not a place.

    A government: the entity is followed by a speech verb ("Kabul said", "Kabul's foreign ministry" is left to
    the organisation rule) and no preposition of place stands right before it. An organisation: the next word
    is capitalised and heads an organisation's name (organisation_heads.csv).
    """
    before = doc[start - 1].lower_ if start > 0 else ""
    following = doc[end] if end < len(doc) else None
    if following is not None and following.text in ("'s", "’s") and end + 1 < len(doc):
        following = doc[end + 1]
    if following is None:
        return False
    if following.lower_ in SPEECH_VERBS and before not in ("in", "near", "at", "outside", "around", "from", "to"):
        return True
    return following.text[:1].isupper() and following.lower_ in organisation_heads()

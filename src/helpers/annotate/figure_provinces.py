"""Provinces a figure is told in: where a figure's own clause places its attack, resolved to (country, province), so
that a figure told in another province or another country than an event's figures is not grouped into that event
(news tells one attack in one province: "... killed 12 in Kano state. In Zamfara state, gunmen killed 9").
"""
from __future__ import annotations

import re

from helpers.annotate.records import LocationPhrase
from helpers.annotate.words import word_list

# Places that say where the victims were taken or a speaker sits, not where the attack was: "taken to a hospital in
# X", "flown to X", "buried in X"; "officials in X said" (data/dictionaries/annotate_words.csv, list
# away_place_cue). Where the attackers came from or fled to says nothing of the attack's place either: "fighters
# who crossed from X", "fled towards X"; a phrase opened by an away_preposition ("from", "to", "into") is read so too.
def _alternatives(name: str) -> str:
    return "|".join(re.escape(word) for word in sorted(word_list(name), key=len, reverse=True))


_NOT_THE_ATTACK_BEFORE = re.compile(r"\b(?:" + _alternatives("away_place_cue") + r")\b[^.;,]{0,30}$|"
                                    # "said on Sunday in the capital", "told reporters in X": where it was said
                                    r"\b(?:" + _alternatives("statement_place_verb") + r")\b(?:\s+\w+){0,4}\s*$",
                                    re.I)
_NOT_THE_ATTACK_AFTER = re.compile(r"^\s+(?:" + _alternatives("statement_place_verb") + r")\b", re.I)
_AWAY_PHRASE = re.compile(r"(?:" + _alternatives("away_preposition") + r")\b", re.I)
# A province known from a town or the province itself; a country only when the phrase names the country outright.
_PROVINCE_PRECISIONS = ("place", "near_place", "admin2", "admin1")


def is_away_place(text: str, start: int, end: int) -> bool:
    """Tell whether the location phrase text[start:end] places the wounded's hospital, a burial, a speaker or where
    the attackers came from or went, not the attack."""
    return bool(_AWAY_PHRASE.match(text[start:end]) or _NOT_THE_ATTACK_BEFORE.search(text[max(0, start - 40):start])
                or _NOT_THE_ATTACK_AFTER.search(text[end:end + 40]))


def figure_provinces(sentence: str, locations: list[LocationPhrase], resolve) -> frozenset[tuple[str, str | None]]:
    """Return the (country, province) pairs a figure's own location phrases resolve to with `resolve` (a phrase to
    place fields and a geo_precision; province None for a country named alone), leaving out phrases that place the
    wounded's hospital, a burial, a speaker or where the attackers came from."""
    found = set()
    for start, end, phrase in locations:
        if is_away_place(sentence, start, end):
            continue
        # a sentence's first word is capitalised: 'In Kano state' reads as 'in Kano state'
        fields, precision = resolve(re.sub(r"^(In|At|Near|Outside|On)\b", lambda m: m.group(1).lower(), phrase))
        country, province = fields.get("country"), fields.get("admin1")
        if not country or ";" in str(country) or ";" in str(province or ""):
            continue  # 'between Raqqa, Homs and Deir Ezzor': several provinces say nothing of one attack's
        if precision in _PROVINCE_PRECISIONS and province:
            found.add((country, province))
        elif precision == "country" and re.match(r"in\b", phrase, re.I) and \
                not re.search(r"\bborders?\b", sentence[max(0, start - 40):end]):
            # a country is where the attack was only as "in X" ('a South African national', 'the border with X',
            # 'into neighbouring X' say nothing of it)
            found.add((country, None))
    return frozenset(found)


def are_provinces_apart(figure: frozenset, event: frozenset) -> bool:
    """Tell whether a figure's provinces lie apart from every province its event's figures gave: another province of
    the same country, or a country named outright that is not the event's. Nothing known on either side is no
    conflict, nor is a country named alone within the event's country."""
    if not figure or not event:
        return False
    return all(_are_apart(one, other) for one in figure for other in event)


def _are_apart(one: tuple[str, str | None], other: tuple[str, str | None]) -> bool:
    (country, province), (other_country, other_province) = one, other
    if country != other_country:
        return province is None or other_province is None  # a country named outright (towns may be misread abroad)
    return province is not None and other_province is not None and province != other_province

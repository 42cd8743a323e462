"""Actor and source dictionaries (data/dictionaries/*.csv): canonical names for the many names of one group."""
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
    """Return the actor dictionary (canonical, actor_type, alias, note)."""
    frame = _read_dictionary(Path(path) if path else DICTIONARIES_DIR / "actors.csv", "actor_type")
    unknown = sorted(set(frame["actor_type"]) - set(ACTOR_TYPES))
    if unknown:
        raise ValueError(f"actors.csv has unknown actor types: {unknown}")
    return frame


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


def _alias_regex(aliases: list[str]) -> re.Pattern:
    """Compile one regex over aliases, longest first; capitalised abbreviations match case-sensitively."""
    parts = []
    for alias in sorted(set(aliases), key=lambda text: (-len(text), text)):
        body = re.escape(alias).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]*")
        if alias.lower().startswith("the "):
            body = "(?i:" + body + ")"
        elif _is_abbreviation(alias):
            body = "(?-i:" + body + ")"
        else:
            body = "(?i:" + body + ")"
        parts.append(body)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


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
    return re.sub(r"[\s-]+", " ", text.lower()).replace("pro government", "pro-government")


def _lookup(table: dict[str, tuple[str, str]], found: str) -> tuple[str, str] | None:
    key = found.lower()
    if key in table:
        return table[key]
    return _normalised_table(id(table), tuple(table.items())).get(_normalise_alias(found))


@lru_cache(maxsize=4)
def _normalised_table(_key: int, items: tuple) -> dict[str, tuple[str, str]]:
    return {_normalise_alias(alias): entry for alias, entry in items}


def _find(which: str, text: str) -> list[DictionaryMatch]:
    pattern, table = _matcher(which)
    found = []
    for match in pattern.finditer(text):
        entry = _lookup(table, match.group(0))  # spelling variants ('pro government') fold to one alias
        if entry:
            found.append(DictionaryMatch(match.start(), match.end(), match.group(0), entry[0], entry[1]))
    return found


def find_actors(text: str) -> list[DictionaryMatch]:
    """Find every actor alias in a text, longest alias first at each position, in text order."""
    return _find("actors", text)


def find_sources(text: str) -> list[DictionaryMatch]:
    """Find every source alias in a text, in text order."""
    return _find("sources", text)


def canonical_actors(text: str) -> list[str]:
    """Return the sorted distinct canonical actors named in a text."""
    return sorted({match.canonical for match in find_actors(text)})


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
    """Return EntityRuler patterns for actor and source aliases: (phrase patterns on LOWER, ORTH token patterns).

    Capitalised abbreviations (IS, NDF) become case-sensitive token patterns so that 'is' never matches 'IS'.
    """
    lower, orth = [], []
    for which, label in (("sources", SOURCE_LABEL), ("actors", ACTOR_LABEL)):
        frame = load_sources() if which == "sources" else load_actors()
        for row in frame.itertuples(index=False):
            for variant in _alias_variants(str(row.alias)):
                text = re.sub(r"^the\s+", "", variant, flags=re.I)
                if _is_abbreviation(variant):
                    orth.append({"label": label, "pattern": [{"ORTH": text}] if " " not in text else
                                 [{"ORTH": part} for part in text.split()], "id": str(row.canonical)})
                else:
                    lower.append({"label": label, "pattern": text.lower(), "id": str(row.canonical)})
    return lower, orth

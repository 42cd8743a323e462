"""Which of a report's fields its own words state, rather than a gazetteer lookup or the article's focus: a field
the text states is firm evidence against another report's, one inferred is only as good as the lookup behind it."""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd


def _folded(text: object) -> str:
    """Lower-case text without accents, apostrophes made plain ("Afghanistan’s" -> "afghanistan's")."""
    if text is None or pd.isna(text):
        return ""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return plain.lower()


def _names(value: object) -> list[str]:
    """The ';'-joined names of a field, folded; names shorter than three letters are left out (too easily found)."""
    return [name for name in (_folded(part).strip() for part in str(value).split(";"))
            if len(name) >= 3] if value is not None and not pd.isna(value) else []


def is_country_stated(location_text: pd.Series, country: pd.Series, admin1: pd.Series) -> pd.Series:
    """Whether each mention's location text names its country or one of its provinces ("in Afghanistan's Paktika
    province", "in Borno state"), so that the country was read, not looked up.

    A town named alone ("in Thantlang") is placed by the gazetteer, which may know a town of that name in a
    neighbouring country; a mention without location text takes its place from the article's main attack. Either
    country is a guess that another report's stated country can contradict without proving two attacks.
    """
    frame = pd.DataFrame({"text": location_text.astype("string"), "country": country.astype("string"),
                          "admin1": admin1.astype("string")})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(frame.fillna("\x00")))
    stated = np.zeros(len(uniques) + 1, dtype=bool)
    for number, (text, country_name, admin1_name) in enumerate(uniques.tolist()):
        folded = _folded(text) if text != "\x00" else ""
        names = [*_names(None if country_name == "\x00" else country_name),
                 *_names(None if admin1_name == "\x00" else admin1_name)]
        stated[number] = bool(folded) and any(name in folded for name in names)
    return pd.Series(stated[codes], index=location_text.index, dtype=bool)

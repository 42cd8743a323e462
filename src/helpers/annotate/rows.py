"""Rows: the mention row of a kept figure set (contract columns and extras, figure columns with vague counts and
the attackers' dead in their own columns), the record of a figure set aside, content-derived mention ids, and the
dtypes of both tables.
"""
from __future__ import annotations

import hashlib
import json

import pandas as pd

from helpers import figure_kinds
from helpers.schemas import MENTIONS_COLUMNS
from helpers.annotate.numbers.figures import Figure
from helpers.annotate.records import PlaceChoice, _Mention


EXTRA_COLUMNS = [
    "article_event_key", "is_attribution_suspected", "captured", "missing", "is_toll_rising",
    "figure_text", "figure_start", "figure_end", "spans",
    # what the figure counts (helpers.figure_kinds): the victims, or the attackers' own dead (then its number is
    # in attackers_killed, never in killed); a vague count is an interval in its own columns, never a figure
    "figure_kind", "attackers_killed", "attackers_killed_qualifier",
    "killed_vague_low", "killed_vague_high", "wounded_vague_low", "wounded_vague_high",
    "casualties_vague_low", "casualties_vague_high", "vague_text",
]


SET_ASIDE_COLUMNS = ["article_id", "figure_kind", "reason", "decided_by", "figure", "value", "qualifier", "maximum",
                     "figure_text", "figure_start", "figure_end", "char_start", "char_end", "evidence"]


def _set_aside_record(figure: Figure, kind: str, decided_by: str, sentence_start: int, sentence_end: int,
                      reason: str | None = None) -> dict:
    """Describe a figure that is not an event's (offsets in the article; evidence filled by annotate_article)."""
    return {"figure_kind": kind, "reason": reason or figure_kinds.REASONS[kind], "decided_by": decided_by,
            "figure": figure.kind, "value": figure.count.value, "qualifier": figure.count.qualifier,
            "maximum": figure.count.maximum, "figure_start": sentence_start + figure.start,
            "figure_end": sentence_start + figure.end, "char_start": sentence_start, "char_end": sentence_end}


def _figure_columns(mention: _Mention, figure_kind: str = "victims") -> dict:
    """Figure columns of a row: a vague count goes to its interval columns, the attackers' dead to theirs."""
    columns = {"figure_kind": figure_kind, "attackers_killed": None, "attackers_killed_qualifier": None,
               "vague_text": None}
    vague_words = []
    for kind in ("killed", "wounded", "casualties"):
        figure = mention.figures.get(kind)
        columns[f"{kind}_vague_low"] = columns[f"{kind}_vague_high"] = None
        if figure is not None and figure.count.is_vague:
            columns[f"{kind}_vague_low"], columns[f"{kind}_vague_high"] = figure.count.value, figure.count.maximum
            vague_words.append(mention.figure_texts.get(kind, ""))
            figure = None  # never an exact figure
        if figure is not None and figure_kind == "attackers_dead":
            if kind == "killed":
                columns["attackers_killed"] = figure.count.value
                columns["attackers_killed_qualifier"] = figure.count.qualifier
            figure = None  # the attackers' own dead are never the attack's toll
        columns[kind] = figure.count.value if figure else None
        columns[f"{kind}_qualifier"] = figure.count.qualifier if figure else None
        if kind != "casualties":
            columns[f"{kind}_max"] = figure.count.maximum if figure else None
    columns["vague_text"] = "; ".join(word for word in vague_words if word) or None
    for kind in ("captured", "missing"):
        figure = mention.figures.get(kind)
        columns[kind] = figure.count.value if figure else None
    return columns


def _row(article_id, text, event, role, mention: _Mention, interval, date_text, best_place: PlaceChoice | None,
         perpetrator, is_suspected, event_type, sub_event_type, figure_kind: str = "victims") -> dict:
    """Return one mention row (contract columns and extras) for a kept figure set."""
    key = mention.key_figure
    mention.figure_texts = {kind: text[mention.sentence_start + figure.start:mention.sentence_start + figure.end]
                            for kind, figure in mention.figures.items()}
    attribution = mention.attribution
    place_fields, precision, location_text = ({}, "unknown", None)
    spans = []
    offset = mention.sentence_start
    for kind, figure in mention.figures.items():
        spans.append([offset + figure.start, offset + figure.end, kind.upper()])
    if best_place is not None:
        place_fields, precision, location_text = best_place.fields, best_place.precision, best_place.phrase
        place_start, place_end = best_place.start, best_place.end
        if mention.sentence_start <= place_start < mention.sentence_end:
            spans.append([place_start, place_end, "PLACE"])
    for date in mention.own_dates:
        spans.append([offset + date.start, offset + date.end, "DATE"])
    if attribution is not None and attribution.start >= 0 and not mention.is_inherited:
        spans.append([offset + attribution.start, offset + attribution.end, "SOURCE"])
    row = {
        "article_id": article_id,
        "event_id": None,
        "role": role,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "date_start": interval.start,
        "date_end": interval.end,
        "date_precision": interval.precision,
        "date_text": date_text or None,
        "location_text": location_text,
        "place": place_fields.get("place"),
        "admin1": place_fields.get("admin1"),
        "country": place_fields.get("country"),
        "latitude": place_fields.get("latitude"),
        "longitude": place_fields.get("longitude"),
        "geo_precision": precision,
        "perpetrator": ";".join(perpetrator) or None,
        "target": ";".join(name for name in mention.target if name not in perpetrator) or None,
        **_figure_columns(mention, figure_kind),
        "figure_source": attribution.figure_source if attribution else None,
        "source_type": attribution.source_type if attribution else "unattributed",
        "is_claim": bool(attribution.is_claim) if attribution else False,
        "char_start": mention.sentence_start,
        "char_end": mention.sentence_end,
        "evidence": text[mention.sentence_start:mention.sentence_end],
        "annotator": "rules",
        "article_event_key": f"{article_id}-e{event + 1:02d}",
        "is_attribution_suspected": bool(is_suspected),
        "is_toll_rising": mention.is_toll_rising,
        "figure_text": text[offset + key.start: offset + key.end],
        "figure_start": offset + key.start,
        "figure_end": offset + key.end,
        "spans": json.dumps(sorted(spans)),
        "_order": mention.start,
        "_kind": mention.key_kind,
    }
    return row


def _empty_mentions() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype="object") for column in MENTIONS_COLUMNS + EXTRA_COLUMNS})


def _empty_set_aside() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype="object") for column in SET_ASIDE_COLUMNS})


_INT64_MAX = 2 ** 63 - 1


def _check_row(row: dict) -> None:
    """Fail when a mention row holds a value its table cannot store (an integer past 64 bits)."""
    for column in ("killed", "killed_max", "wounded", "wounded_max", "casualties", "captured", "missing"):
        value = row.get(column)
        if value is not None and not -_INT64_MAX <= value <= _INT64_MAX:
            raise OverflowError(f"{column} {value} does not fit a 64-bit integer")


def _typed_set_aside(frame: pd.DataFrame) -> pd.DataFrame:
    """Give the set-aside figures explicit dtypes (integers for numbers and offsets, text otherwise), sorted."""
    out = frame.copy()
    for column in out.columns:
        if column in ("value", "maximum", "figure_start", "figure_end", "char_start", "char_end"):
            out[column] = pd.array(out[column].astype("object").where(out[column].notna(), None), dtype="Int64")
        else:
            out[column] = out[column].astype("string")
    return out.sort_values(["article_id", "figure_start"], kind="mergesort").reset_index(drop=True)


def mention_id(article_id: str, evidence: str, kind: str, figure_offset: int, figure_text: str,
               occurrence: int = 1) -> str:
    """A mention's id from its content: the article, the evidence sentence, the kind of its key figure and that
    figure's place and words in the sentence, hashed. It does not depend on the other mentions of the article,
    so a mention keeps its id when others appear or disappear; it changes when its own sentence or figure does
    (a correction naming the old id is then reported as stale, never applied to another mention). The n-th
    mention with the same content in one article (a sentence repeated word for word) adds its occurrence."""
    key = "\x1f".join([article_id, evidence, kind, str(figure_offset), figure_text])
    if occurrence > 1:
        key += f"\x1f{occurrence}"
    return f"{article_id}-m{hashlib.sha256(key.encode('utf-8')).hexdigest()[:10]}"


def assign_mention_ids(article_id: str, rows: list[dict]) -> list[dict]:
    """Set the mention_id of an article's rows (in text order) from their content (see mention_id)."""
    seen: dict[tuple, int] = {}
    for row in rows:
        content = (row["evidence"], row["_kind"], row["figure_start"] - row["char_start"], row["figure_text"])
        seen[content] = seen.get(content, 0) + 1
        row["mention_id"] = mention_id(article_id, *content, occurrence=seen[content])
    return rows


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give mention columns explicit dtypes: nullable integers for figures and offsets, floats, booleans, text."""
    integer_columns = ["killed", "killed_max", "wounded", "wounded_max", "casualties", "captured", "missing",
                       "char_start", "char_end", "figure_start", "figure_end", "attackers_killed",
                       "killed_vague_low", "killed_vague_high", "wounded_vague_low", "wounded_vague_high",
                       "casualties_vague_low", "casualties_vague_high"]
    out = frame.copy()
    for column in out.columns:
        if column in integer_columns:
            out[column] = pd.array(out[column].astype("object").where(out[column].notna(), None), dtype="Int64")
        elif column in ("latitude", "longitude"):
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64")
        elif column in ("is_claim", "is_attribution_suspected", "is_toll_rising"):
            out[column] = out[column].astype("boolean")
        else:
            out[column] = out[column].astype("string")
    return out

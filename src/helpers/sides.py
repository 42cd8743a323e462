"""Deaths by side: the attackers' own dead of each event, beside the attack's toll (UCDP's deaths_a / deaths_b;
ACLED's fatalities count both sides).

Annotate keeps a figure the figure-kind model (helpers.figure_kinds) judges the attackers' own dead as a row
of the event it is reported with, its number in `attackers_killed` and never in `killed`, so it never sets
the event's killed low / best / high. This module carries it to the event: `attackers_killed` is the largest
figure of the attackers' dead that the event's sources give, a claim by a party left out.
"""
from __future__ import annotations

import pandas as pd

ATTACKERS_COLUMN = "attackers_killed"


def _numbers(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce")


def attackers_killed(mentions: pd.DataFrame) -> pd.Series:
    """Return, per event_id, the largest non-claim figure of the attackers' own dead (events without one are absent)."""
    if ATTACKERS_COLUMN not in mentions.columns or "event_id" not in mentions.columns:
        return pd.Series([], dtype="Int64", name=ATTACKERS_COLUMN)
    claims = mentions["is_claim"].astype("string").str.lower().eq("true") if "is_claim" in mentions.columns else False
    rows = mentions.assign(_figure=_numbers(mentions[ATTACKERS_COLUMN]))
    rows = rows[rows["_figure"].notna() & ~claims]
    return rows.groupby("event_id")["_figure"].max().astype("Int64").rename(ATTACKERS_COLUMN)


def add_attackers_killed(events: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Return the events with an `attackers_killed` column after the contract's columns (blank where none)."""
    figures = attackers_killed(mentions)
    out = events.drop(columns=[ATTACKERS_COLUMN], errors="ignore").copy()
    out[ATTACKERS_COLUMN] = pd.array(out["event_id"].map(figures).astype("object").where(
        out["event_id"].map(figures).notna(), None), dtype="Int64")
    return out

"""The report's events table, readable on a laptop and on a phone without scrolling sideways.

The events table of the run (`events.csv`) has some thirty columns; the report shows the ones a reader scans,
packed so that nothing is lost and nothing is said twice:
- the date as precise as it is known, in a form that says its precision (`2023-02-14`, `2023-02`, `2023`, or the
  interval `2023-02-06 to 2023-02-12` of a week);
- the place over its province, and the best killed figure over its low–high range when they differ;
- a column that holds one value in every row ("Islamic State" ten times, or no claim at all) is stated once
  above the table instead of in each row;
- flags are written in full (never cut with "…"), and long cells wrap;
- on a narrow screen each event becomes a block of labelled lines (CSS only), so every column stays in view.
Every value is escaped: the table carries text from articles.
"""
from __future__ import annotations

import html

import pandas as pd

from helpers.visualise.style import format_figure
from helpers.visualise.tables import sort_events

# The columns that may be folded into the note above the table when every row holds the same value.
FOLDABLE = ("perpetrator", "claimed", "flags")
_HEADERS = {"event_id": "event", "date": "date", "place": "place / admin1", "perpetrator": "perpetrator",
            "killed": "killed: best (low–high)", "claimed": "perpetrator's claim", "n_sources": "sources", "flags": "flags"}
_NUMERIC = {"killed", "claimed", "n_sources"}
# What each flag of helpers.reconcile asks the reader to check, said under the table for the flags it shows.
FLAG_MEANINGS = {
    "single_source": "one independent source gave every figure",
    "claim_only": "only the perpetrator's claim gives a toll",
    "wide_spread": "the sources' killed or wounded figures differ widely",
    "date_conflict": "the reports disagree on the date, or a publication date contradicts it",
    "location_conflict": "the reports place the event differently",
    "uncertain_attribution": "the reports blame different perpetrators, or some only suspect one",
    "perpetrator_conflict": "the reports name different perpetrators",
}
_NUMBER_CLASS = ' class="number"'
_SHORT = {"event_id", "date"}  # ids and days never break over lines
_NONE = {"perpetrator": "unknown", "claimed": "none", "flags": "none"}


def date_text(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """An event's date written to its precision: a day, a month (`2023-02`), a year, or else its interval."""
    if pd.isna(start):
        return "unknown"
    end = start if pd.isna(end) else end
    if end == start:
        return start.strftime("%Y-%m-%d")
    whole_month = start.day == 1 and end == start + pd.offsets.MonthEnd(0)
    whole_year = start.month == 1 and start.day == 1 and end == start + pd.offsets.YearEnd(0)
    if precision == "month" and whole_month:
        return start.strftime("%Y-%m")
    if precision == "year" and whole_year:
        return start.strftime("%Y")
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


def _killed(best: float, low: float, high: float) -> tuple[str, str]:
    """The best figure, and the low–high range under it when the range says more than the best figure."""
    shown = format_figure(best) or "unknown"
    if (pd.isna(low) and pd.isna(high)) or (low == best and high == best):
        return shown, ""
    return shown, f"({format_figure(low) or '?'}–{format_figure(high) or '?'})"


def list_text(value: str) -> str:
    """A ';'-joined list as a reader writes it: 'a, b, c'."""
    return ", ".join(part.strip() for part in str(value).split(";") if part.strip())


def _place(event: dict) -> tuple[str, str]:
    """The place over its province; the country when neither is known, so no event reads as placed nowhere."""
    place, admin1 = list_text(event["place"]), list_text(event["admin1"])
    if not place and not admin1:
        return list_text(event.get("country", "")) or "unknown", ""
    return place, admin1


def event_cells(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event in date order: each shown column as (main text, second line) pairs of plain text."""
    ordered = sort_events(events)
    rows = []
    for event in ordered.to_dict("records"):
        rows.append({
            "event_id": (event["event_id"], ""),
            "date": (date_text(event["date_start"], event["date_end"], event["date_precision"]), ""),
            "place": _place(event),
            "perpetrator": (event["perpetrator"], ""),
            "killed": _killed(event["killed_best"], event["killed_low"], event["killed_high"]),
            "claimed": (format_figure(event["claimed_casualties"]), ""),
            "n_sources": ("" if pd.isna(event["n_sources"]) else f"{event['n_sources']:.0f}", ""),
            "flags": (list_text(event["flags"]), ""),
        })
    return pd.DataFrame(rows, columns=list(_HEADERS))


def folded_columns(cells: pd.DataFrame) -> dict[str, str]:
    """The foldable columns whose every row holds one value, with that value (blank: 'none', 'unknown')."""
    if len(cells) < 2:
        return {}
    folded = {}
    for column in FOLDABLE:
        values = set(cells[column])
        if len(values) == 1:
            folded[column] = next(iter(values))[0] or _NONE[column]
    return folded


def _cell_html(column: str, text: str, second: str) -> str:
    """One cell: its text escaped, a second line in small type, flags kept whole when the line wraps."""
    esc = html.escape
    if column == "flags" and text:
        body = ", ".join(f'<span class="flag">{esc(flag)}</span>' for flag in text.split(", "))
    else:
        body = esc(text)
    if second:
        body += f'<span class="sub{" follows" if text else ""}">{esc(second)}</span>'
    kind = _NUMBER_CLASS if column in _NUMERIC else ' class="short"' if column in _SHORT else ""
    if not body:
        kind = ' class="blank"'  # left out of an event's block on a narrow screen
    return f'<td{kind} data-label="{esc(_HEADERS[column])}"><span class="value">{body}</span></td>'


def events_table_html(events: pd.DataFrame) -> str:
    """The events as an HTML table (see the module's docstring), with the note of the folded columns above it."""
    esc = html.escape
    cells = event_cells(events)
    folded = folded_columns(cells)
    shown = [column for column in cells.columns if column not in folded]
    note = ""
    if folded:
        said = "; ".join(f"{_HEADERS[column]}: {esc(value)}" for column, value in folded.items())
        note = f'<p class="same">The same for every event listed — {said}.</p>'
    head = "".join(f"<th{_NUMBER_CLASS if column in _NUMERIC else ''}>{esc(_HEADERS[column])}</th>"
                   for column in shown)
    body = "".join("<tr>" + "".join(_cell_html(column, *row[column]) for column in shown) + "</tr>"
                   for _, row in cells.iterrows())
    shown_flags = sorted({flag for text, _ in cells["flags"] for flag in text.split(", ") if flag})
    meanings = "; ".join(f"<strong>{esc(flag)}</strong>: {esc(FLAG_MEANINGS[flag])}" for flag in shown_flags
                         if flag in FLAG_MEANINGS)
    legend = (f'<p class="same">Flags — {meanings}. The disagreements behind them are in '
              '<a href="tables/contradictions.csv">contradictions.csv</a>.</p>' if meanings else "")
    return f'{note}<table class="events"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{legend}'


STYLE = """
table.events { width: 100%; font-size: 0.88em; } table.events td, table.events th { padding: 0.3em 0.55em; }
table.events .number { text-align: right; white-space: nowrap; } table.events .short { white-space: nowrap; } table.events .flag { white-space: nowrap; }
table.events .sub { display: block; color: #666; font-size: 0.9em; } p.same { color: #444; font-size: 0.92em; }
@media (max-width: 44em) {
  table.events thead { display: none; }
  table.events, table.events tbody, table.events tr, table.events td { display: block; width: auto; }
  table.events tr { border: 1px solid #ddd; border-radius: 4px; margin-bottom: 0.6em; padding: 0.3em 0; }
  table.events td { display: grid; grid-template-columns: 8em 1fr; column-gap: 0.6em; border: none; }
  table.events td.number, table.events td.short { text-align: left; white-space: normal; }
  table.events td::before { content: attr(data-label); color: #555; font-weight: 600; }
  table.events .sub { display: inline; } table.events .follows::before { content: " · "; }
  table.events td.blank { display: none; }
}
"""

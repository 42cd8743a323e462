"""The data contract as pandera schemas: one per table, with types, allowed values, nullability and a
description per column; validation at the stage boundaries, typed Parquet, and the codebook rendered from it.

The column order stays in helpers.schemas (CONTRACT); this module says what each column holds. The codebook
page (docs/codebook.md and codebook.html of every run's report) is generated here, never written by hand:
`python -m helpers.contract` rewrites docs/codebook.md, and a test checks that the committed file is current.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers import schemas
from helpers.paths import REPO_DIR

CODEBOOK_PATH = REPO_DIR / "docs" / "codebook.md"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
# A publication date known to its day, month or year ('2008-09-07', '2008-09', '2008'; helpers.published).
PARTIAL_DATE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
ACLED_EVENT_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments"]
FLAGS = ["single_source", "claim_only", "wide_spread", "date_conflict", "location_conflict", "uncertain_attribution",
         "perpetrator_conflict"]
DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean", "date": "string",
          "partial_date": "string"}


@dataclass(frozen=True)
class Column:
    """One column of the contract: its type (string, integer, number, boolean, date), whether it may be empty,
    the values it may take (None: any), and what it means."""

    name: str
    kind: str
    nullable: bool
    description: str
    allowed: tuple[str, ...] | None = None


def _c(name, kind, nullable, description, allowed=None) -> Column:
    return Column(name, kind, nullable, description, tuple(allowed) if allowed is not None else None)


TABLES: dict[str, dict] = {
    "ledger": {"description": "One row per input file: what became of it and why (notebook 01).", "columns": [
        _c("file", "string", False, "Path of the file inside the input folder"),
        _c("article_id", "string", True, "The article's id (file name without extension); empty for files that are not articles"),
        _c("sha256", "string", True, "SHA-256 of the file's bytes"),
        _c("bytes", "integer", True, "Size of the file"),
        _c("encoding", "string", True, "Text encoding detected"),
        _c("status", "string", False, "What became of the file", schemas.LEDGER_STATUSES),
        _c("reason", "string", False, "Why: words read and lines removed, or what was wrong"),
    ]},
    "articles": {"description": "One row per accepted article (notebook 01).", "columns": [
        _c("article_id", "string", False, "The article's id (file name without extension)"),
        _c("title", "string", True, "Headline, when the file or sidecar gives one"),
        _c("outlet", "string", True, "Publisher, when known"),
        _c("published", "partial_date", True, "Publication date (YYYY-MM-DD, or YYYY-MM / YYYY when only the month or "
                                               "year is known); anchors relative dates"),
        _c("published_from", "string", False, "Where the publication date came from", schemas.PUBLISHED_FROM),
        _c("language", "string", True, "Language detected (ISO 639-1)"),
        _c("n_words", "integer", False, "Words in the cleaned text"),
    ]},
    "mentions": {"description": "One row per figure set an article reports for an event (notebook 02; event_id "
                                "from notebook 03).", "columns": [
        _c("mention_id", "string", False, "Stable id: the article id and a hash of the mention's content"),
        _c("article_id", "string", False, "The article the mention comes from"),
        _c("event_id", "string", True, "The reconciled event (empty before notebook 03)"),
        _c("role", "string", True, "main: the article's news; background: an earlier attack it recalls", schemas.ROLES),
        _c("event_type", "string", True, "ACLED event type", ACLED_EVENT_TYPES),
        _c("sub_event_type", "string", True, "ACLED sub-event type"),
        _c("date_start", "date", True, "Earliest date the event can have (YYYY-MM-DD)"),
        _c("date_end", "date", True, "Latest date the event can have"),
        _c("date_precision", "string", False, "Precision of the date", schemas.DATE_PRECISIONS),
        _c("date_text", "string", True, "The words the date was read from"),
        _c("location_text", "string", True, "The words the place was read from"),
        _c("place", "string", True, "Resolved place (town, village, named area)"),
        _c("admin1", "string", True, "Province / first-order division"),
        _c("country", "string", True, "Country"),
        _c("latitude", "number", True, "Latitude of the place (WGS84)"),
        _c("longitude", "number", True, "Longitude of the place (WGS84)"),
        _c("geo_precision", "string", False, "Precision of the place", schemas.GEO_PRECISIONS),
        _c("perpetrator", "string", True, "Canonical actor(s) who attacked, ';'-joined"),
        _c("target", "string", True, "Canonical actor(s) attacked, ';'-joined"),
        _c("killed", "integer", True, "People killed (the lower bound of a range)"),
        _c("killed_qualifier", "string", True, "How the killed figure is qualified", schemas.QUALIFIERS),
        _c("killed_max", "integer", True, "Upper bound of a killed range"),
        _c("wounded", "integer", True, "People wounded (the lower bound of a range)"),
        _c("wounded_qualifier", "string", True, "How the wounded figure is qualified", schemas.QUALIFIERS),
        _c("wounded_max", "integer", True, "Upper bound of a wounded range"),
        _c("casualties", "integer", True, "Killed or wounded, when the report does not separate them"),
        _c("casualties_qualifier", "string", True, "How the casualties figure is qualified", schemas.QUALIFIERS),
        _c("figure_source", "string", True, "Who gave the figure (canonical source)"),
        _c("source_type", "string", True, "Kind of source", schemas.SOURCE_TYPES),
        _c("is_claim", "boolean", False, "The figure is the perpetrator's own claim"),
        _c("char_start", "integer", True, "Start of the evidence in the cleaned text"),
        _c("char_end", "integer", True, "End of the evidence in the cleaned text"),
        _c("evidence", "string", True, "The sentence(s) the mention comes from"),
        _c("annotator", "string", False, "rules, or human when a correction touched the row", schemas.ANNOTATORS),
    ]},
    "events": {"description": "One row per reconciled event (notebook 03).", "columns": [
        _c("event_id", "string", False, "Event id of this run (EV0001 ...)"),
        _c("date_start", "date", True, "Earliest date of the event"),
        _c("date_end", "date", True, "Latest date of the event"),
        _c("date_precision", "string", False, "Precision of the date", schemas.DATE_PRECISIONS),
        _c("event_type", "string", True, "ACLED event type", ACLED_EVENT_TYPES),
        _c("sub_event_type", "string", True, "ACLED sub-event type"),
        _c("place", "string", True, "Chosen place"),
        _c("admin1", "string", True, "Province"),
        _c("country", "string", True, "Country"),
        _c("latitude", "number", True, "Latitude (WGS84)"),
        _c("longitude", "number", True, "Longitude (WGS84)"),
        _c("geo_precision", "string", False, "Precision of the place", schemas.GEO_PRECISIONS),
        _c("perpetrator", "string", True, "Canonical actor(s) who attacked, ';'-joined"),
        _c("target", "string", True, "Canonical actor(s) attacked, ';'-joined"),
        _c("killed_low", "integer", True, "Lowest credible killed figure"),
        _c("killed_best", "integer", True, "Best killed figure under the rule set"),
        _c("killed_high", "integer", True, "Highest credible killed figure"),
        _c("wounded_low", "integer", True, "Lowest credible wounded figure"),
        _c("wounded_best", "integer", True, "Best wounded figure"),
        _c("wounded_high", "integer", True, "Highest credible wounded figure"),
        _c("claimed_casualties", "integer", True, "The perpetrator's own claim, kept apart"),
        _c("n_mentions", "integer", False, "Mentions behind the event"),
        _c("n_articles", "integer", False, "Articles behind the event"),
        _c("n_sources", "integer", False, "Independent sources of its figures"),
        _c("sources", "string", True, "Those sources, ';'-joined"),
        _c("article_ids", "string", False, "Articles behind the event, ';'-joined"),
        _c("mention_ids", "string", False, "Mentions behind the event, ';'-joined"),
        _c("rationale", "string", True, "Which figures were chosen and why, in one sentence"),
        _c("flags", "string", True, "What a researcher should look at, ';'-joined: " + ", ".join(FLAGS)),
    ]},
    "contradictions": {"description": "One row per disagreement among an event's mentions (notebook 03).", "columns": [
        _c("event_id", "string", False, "The event"),
        _c("field", "string", False, "What disagrees (date, place, killed, attribution ...)"),
        _c("values", "string", False, "The values and the articles that give them"),
        _c("article_ids", "string", True, "Articles involved, ';'-joined"),
        _c("note", "string", True, "What the workbook kept and why"),
    ]},
}


def _check_order() -> None:
    for name, spec in TABLES.items():
        names = [column.name for column in spec["columns"]]
        if names != schemas.CONTRACT[name]:
            raise RuntimeError(f"contract.TABLES[{name!r}] must list schemas.CONTRACT[{name!r}] in order")


_check_order()


def schema(name: str) -> pa.DataFrameSchema:
    """Return the pandera schema of a contract table (extra columns allowed, contract columns coerced)."""
    columns = {}
    for column in TABLES[name]["columns"]:
        checks = []
        if column.allowed is not None:
            checks.append(pa.Check.isin(list(column.allowed)))
        if column.kind in ("date", "partial_date"):
            checks.append(pa.Check.str_matches(ISO_DATE if column.kind == "date" else PARTIAL_DATE))
        columns[column.name] = pa.Column(DTYPES[column.kind], checks=checks, nullable=column.nullable, coerce=True,
                                         description=column.description, title=column.name)
    return pa.DataFrameSchema(columns, name=name, strict=False, ordered=False, description=TABLES[name]["description"])


def _prepared(frame: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[str]]:
    """Blank text as missing, and numbers and booleans written as text read back, before coercion; returns
    the frame and the values that cannot be read as their column's type."""
    out, problems = frame.copy(), []
    for column in TABLES[name]["columns"]:
        if column.name not in out.columns:
            continue
        values = out[column.name]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            values = values.astype("string").replace("", pd.NA)  # text stays as written (no stripping)
            if column.kind == "boolean":
                converted = values.str.strip().str.lower().map({"true": True, "false": False}, na_action="ignore").astype("boolean")
            elif column.kind in ("integer", "number"):
                converted = pd.to_numeric(values.str.strip().astype(object), errors="coerce").astype("Float64")
            else:
                converted = values
            bad = values.notna() & converted.isna()
            problems += [f"{column.name}: not {column.kind}: {value!r}" for value in values[bad].unique()[:5]]
            out[column.name] = converted
    return out, problems


def validate(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return the table with its contract columns typed; fail with every offending column and value named."""
    prepared, problems = _prepared(frame, name)
    try:
        typed = schema(name).validate(prepared, lazy=True)
    except pa.errors.SchemaErrors as error:
        cases = error.failure_cases
        problems += [f"{row.column}: {row.check} fails on {row.failure_case!r}" for row in cases.itertuples()]
        typed = None
    if problems:
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise ValueError(f"the {name} table breaks the data contract{more}:\n  " + "\n  ".join(problems[:20]))
    return typed


def to_parquet(frame: pd.DataFrame, name: str, path: str | Path) -> Path:
    """Write a validated table as typed Parquet: contract columns in their types, extra columns as text."""
    typed = validate(frame, name)
    contract = set(schemas.CONTRACT[name])
    for column in typed.columns:
        if column not in contract:
            typed[column] = typed[column].astype("string")
    typed.to_parquet(path, index=False)
    return Path(path)


# ---------------------------------------------------------------------------------------------------------
# The codebook page


def _schema_rows(name: str) -> list[tuple[str, str, bool, str, str]]:
    """(column, type, nullable, allowed values, description) of each column, read from the pandera schema."""
    kinds = {"Int64": "integer", "float64": "number", "boolean": "boolean"}
    rows = []
    for column in schema(name).columns.values():
        checks = {check.name: check.statistics for check in column.checks}
        pattern = checks.get("str_matches", {}).get("pattern")
        kind = "date" if pattern else kinds.get(str(column.dtype), "string")
        allowed = ", ".join(f"`{value}`" for value in checks.get("isin", {}).get("allowed_values", []))
        written = {ISO_DATE: "YYYY-MM-DD", PARTIAL_DATE: "YYYY-MM-DD, YYYY-MM or YYYY"}.get(pattern, "")
        rows.append((column.name, kind, column.nullable, allowed or written,
                     column.description))
    return rows


def codebook_markdown() -> str:
    """The codebook of every contract table, rendered from the pandera schemas (docs/codebook.md)."""
    lines = [
        "# Codebook of the workbook's tables",
        "",
        "Generated from the pandera schemas in `src/helpers/contract.py` by `python -m helpers.contract`; do not edit",
        "by hand. Every table is validated against its schema when a stage writes it; the CSV keeps the column",
        "order below (extra columns follow), and the Parquet beside it keeps the types. Columns exported for UCDP",
        "and ACLED are described in `data/exports/`.",
        "",
    ]
    for name in TABLES:
        lines += [f"## {name}", "", schema(name).description, "",
                  "| column | type | may be empty | allowed values | description |", "|---|---|---|---|---|"]
        for column, kind, nullable, allowed, description in _schema_rows(name):
            description = description.replace("|", "\\|")
            lines.append(f"| `{column}` | {kind} | {'yes' if nullable else 'no'} | {allowed} | {description} |")
        lines.append("")
    return "\n".join(lines)


def codebook_html() -> str:
    """The same codebook as a standalone HTML page for the run's report."""
    import mistune

    body = mistune.html(codebook_markdown())
    style = ("body { font-family: system-ui, sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em; } "
             "table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; }")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Codebook</title>'
            f"<style>{style}</style></head>\n<body>\n{body}</body></html>\n")


def main(argv: list[str] | None = None) -> int:
    """Rewrite docs/codebook.md from the schemas."""
    CODEBOOK_PATH.parent.mkdir(parents=True, exist_ok=True)
    CODEBOOK_PATH.write_text(codebook_markdown(), encoding="utf-8", newline="\n")
    print(f"wrote {CODEBOOK_PATH.relative_to(REPO_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

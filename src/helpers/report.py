"""The shareable report: notebooks rendered to self-contained HTML and an index page for the run.

A report is opened by readers the analyst does not know, from articles the analyst does not control, so:
- it must render completely with no network and contact no outside host when opened (nbconvert's default
  templates fetch require.js, MathJax and mermaid from CDNs; the `offline` template drops them);
- article text shown in it must stay text: every value written here is escaped, and the notebook pages are
  passed through `neutralise_html`, which removes scripts, event-handler attributes, `javascript:` URLs and
  any reference to an outside host that an output might still carry.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pandas as pd

from helpers.paths import DATA_DIR

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
HEADLINE_EVENTS = 15
# What each run parameter changes, so the report says which settings shaped its tables and which only scored or drew
# them (data/report/parameter_groups.csv: parameter, group, note).
PARAMETER_GROUPS_PATH = DATA_DIR / "report" / "parameter_groups.csv"
PARAMETER_GROUPS = {"tables": "Settings that shape the tables",
                    "scoring": "Scoring only (no table depends on these)",
                    "drawing": "Output, drawing and speed only (the tables are the same)"}

_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
# Browsers ignore ASCII whitespace and control characters inside a URL scheme ("java\tscript:").
_SCRIPT_URL = re.compile(r"^(javascript|vbscript|data\s*:\s*text/html)", re.I)
_URL_ATTRIBUTES = ("src", "href", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href",
                   "ping", "cite", "longdesc", "manifest", "codebase", "lowsrc", "dynsrc")
_ACTIVE_TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "portal")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_IMPORT = re.compile(r"@import\s+[^;]*;?", re.I)
_CSS_EXTERNAL_URL = re.compile(r"url\(\s*(['\"]?)\s*(https?:)?//[^)]*\)", re.I)


def _scheme(value: str) -> str:
    """A URL with whitespace and control characters removed, as a browser reads its scheme."""
    return re.sub(r"[\x00-\x20]+", "", html.unescape(value or ""))


def is_outside_reference(value: str) -> bool:
    """True when a URL attribute would make the browser contact another host (http://, https://, //host)."""
    return any(_EXTERNAL.match(part.strip().split(" ")[0]) for part in (value or "").split(","))


def is_script_url(value: str) -> bool:
    """True for a URL that runs code when followed or loaded (javascript:, vbscript:, data:text/html)."""
    return bool(_SCRIPT_URL.match(_scheme(value)))


def clean_css(css: str) -> str:
    """Drop comments, @import rules and url() pointing at another host from a style sheet or attribute."""
    css = _CSS_COMMENT.sub("", css)
    css = _CSS_IMPORT.sub("", css)
    return _CSS_EXTERNAL_URL.sub("none", css)


def neutralise_html(page: str, *, keep_scripts: bool = False) -> str:
    """Make a page inert and offline: no scripts (unless kept), handlers, script URLs or outside references.

    Notebook pages need no script at all (outputs are tables, text and PNG images), so every script goes;
    pages that need their own inline scripts (the bokeh map) keep those that have no `src`.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup.find_all(list(_ACTIVE_TAGS)):
        if tag.name == "meta" and not tag.get("http-equiv"):
            continue  # charset and viewport are harmless; only http-equiv (refresh) can navigate away
        if tag.name == "script" and keep_scripts and not tag.get("src"):
            continue
        tag.decompose()
    for tag in soup.find_all("link"):
        tag.decompose()  # stylesheets, icons and prefetches would all be fetched
    for tag in soup.find_all(True):
        for attribute in list(tag.attrs):
            value = tag.attrs[attribute]
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                del tag.attrs[attribute]
            elif attribute.lower() in _URL_ATTRIBUTES and (is_script_url(text) or is_outside_reference(text)):
                del tag.attrs[attribute]
            elif attribute.lower() == "style":
                tag.attrs[attribute] = clean_css(text)
    for style in soup.find_all("style"):
        style.string = clean_css(style.get_text())
    return str(soup)


def export_notebook_html(notebook_path: Path, html_path: Path, *, with_code: bool) -> Path:
    """Render an executed notebook to HTML (with or without code cells) that needs no network."""
    from nbconvert import HTMLExporter

    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.metadata.pop("widgets", None)  # widget state would pull the widget manager from a CDN
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES_DIR)],
                            exclude_input=not with_code, exclude_input_prompt=not with_code,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": Path(notebook_path).stem}})
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(neutralise_html(body), encoding="utf-8")
    return html_path


# --------------------------------------------------------------------------------------------------------------
# The index page


def _read(tables_dir: Path, name: str) -> pd.DataFrame | None:
    """A contract table as text, or None when the run did not write it."""
    from helpers import schemas

    path = tables_dir / f"{name}.csv"
    return schemas.read_table(name, tables_dir) if path.exists() else None


def _count(frame: pd.DataFrame | None) -> str:
    """Rows of a table, or 'not written' when it is missing."""
    return "not written" if frame is None else f"{len(frame):,}"


def headline_figures(tables_dir: str | Path) -> dict[str, object]:
    """Counts and headline figures of a run, read from its tables (missing tables count as not written)."""
    from helpers import visualise

    tables_dir = Path(tables_dir)
    raw = {name: _read(tables_dir, name) for name in ("ledger", "articles", "mentions", "events", "contradictions")}
    result: dict[str, object] = {"counts": {
        "files read": _count(raw["ledger"]), "articles accepted": _count(raw["articles"]),
        "mentions": _count(raw["mentions"]), "events": _count(raw["events"]),
        "contradictions": _count(raw["contradictions"]),
    }}
    events = visualise.type_events(raw["events"]) if raw["events"] is not None else None
    if events is None or not len(events):
        return result
    best, low, high = events["killed_best"], events["killed_low"], events["killed_high"]
    dated = events["date_start"].dropna()
    ends = events["date_end"].fillna(events["date_start"]).dropna()
    result["killed"] = {
        "best": best.sum(min_count=1), "low": low.sum(min_count=1), "high": high.sum(min_count=1),
        "events_with_figure": int(best.notna().sum()), "events": len(events),
    }
    result["date_span"] = ((dated.min().strftime("%Y-%m-%d"), ends.max().strftime("%Y-%m-%d"))
                           if len(dated) else None)
    result["undated"] = int(events["date_start"].isna().sum())
    if best.notna().any():
        top = events.loc[events.sort_values(["killed_best", "event_id"], ascending=[False, True]).index[0]]
        result["deadliest"] = top
    result["flags"] = visualise.flag_counts(events)
    result["events"] = events
    if raw["mentions"] is not None and len(raw["mentions"]):
        mentions = raw["mentions"].fillna("")
        result["n_sources"] = mentions.loc[mentions["figure_source"] != "", "figure_source"].nunique()
    return result


def _figure_text(value: object) -> str:
    """A count as text without a trailing .0, or 'unknown'."""
    return "unknown" if value is None or pd.isna(value) else f"{float(value):,.0f}"


def _table_html(frame: pd.DataFrame) -> str:
    """A table with every cell escaped, integers without '.0', blanks for unknown, scrolling when too wide."""
    from helpers.tables import table_html

    return table_html(frame, classes="data")


def _headline_html(headline: dict[str, object]) -> str:
    """The 'headline figures' section: killed totals, date span, deadliest event, flags."""
    from helpers import report_events

    esc = html.escape
    if "killed" not in headline:
        return "<p>No events were reconciled in this run.</p>"
    killed = headline["killed"]
    items = [
        f"<li><strong>{_figure_text(killed['best'])}</strong> people killed by the best estimates, over the "
        f"{killed['events_with_figure']} of {killed['events']} events that have a killed figure (the lows sum to "
        f"{_figure_text(killed['low'])}, the highs to {_figure_text(killed['high'])}).</li>",
    ]
    if headline.get("date_span"):
        first, last = headline["date_span"]
        items.append(f"<li>Events from {esc(first)} to {esc(last)}; {headline['undated']} with no known date.</li>")
    if "deadliest" in headline:
        top = headline["deadliest"]
        date = report_events.date_text(top["date_start"], top["date_end"], top["date_precision"])
        date = "date unknown" if date == "unknown" else date
        place = ", ".join(part for part in (report_events.list_text(top["place"]),
                                            report_events.list_text(top["admin1"]), top["country"]) if part)
        items.append(
            f"<li>Deadliest event: <strong>{esc(top['event_id'])}</strong>, {esc(date)}, "
            f"{esc(place or 'place unknown')}"
            f" — best {_figure_text(top['killed_best'])} (low {_figure_text(top['killed_low'])}, high "
            f"{_figure_text(top['killed_high'])}), perpetrator {esc(top['perpetrator'] or 'unknown')}, "
            f"sources: {esc(report_events.list_text(top['sources']) or 'none')}.</li>")
    if "n_sources" in headline:
        items.append(f"<li>{headline['n_sources']} named sources gave figures (perpetrators' claims included).</li>")
    flags = headline.get("flags")
    if flags is not None and len(flags):
        listed = ", ".join(f"{esc(row.flag)} ({row.events})" for row in flags.itertuples())
        items.append(f"<li>Flags a researcher should check: {listed}.</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _figures_html(output_dir: Path) -> str:
    """A gallery of the figures the run drew, each with its caption and links to its files."""
    from helpers import visualise

    figures_dir = output_dir / "figures"
    blocks = []
    for name, (title, caption) in visualise.FIGURES.items():
        png = figures_dir / f"{name}.png"
        if not png.exists():
            continue
        links = " · ".join(f'<a href="figures/{name}.{ext}">{ext.upper()}</a>' for ext in ("png", "svg", "csv")
                           if (figures_dir / f"{name}.{ext}").exists())
        blocks.append(f'<figure><a href="figures/{name}.png"><img src="figures/{name}.png" alt="{html.escape(title)}"'
                      f' loading="lazy"></a><figcaption><strong>{html.escape(title)}.</strong> '
                      f"{html.escape(caption)} <span class=\"files\">{links}</span></figcaption></figure>")
    return "".join(blocks) or "<p>No figures were drawn in this run.</p>"


_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
table { border-collapse: collapse; font-size: 0.9em; } td, th { padding: 0.25em 0.7em; text-align: left;
       border-bottom: 1px solid #eee; vertical-align: top; } th { background: #f5f5f5; }
code { background: #f3f3f3; padding: 0 0.25em; } .counts td:first-child { color: #555; }
figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 0.92em; color: #333; } .files { white-space: nowrap; }
.map { font-size: 1.1em; padding: 0.6em 0.9em; background: #eef5fb; border-left: 4px solid #0072B2; }
.summary { display: flex; gap: 2.5em; align-items: flex-start; } .summary h3 { margin-top: 0; }
.parameters { column-width: 21em; column-gap: 2em; font-size: 0.85em; list-style: none; padding: 0; }
.parameters li { break-inside: avoid; margin-bottom: 0.2em; overflow-wrap: anywhere; } h3 { margin-bottom: 0.4em; }
.warning { color: #a33; } .counts td { white-space: nowrap; } table.data { width: 100%; font-size: 0.85em; }
@media (max-width: 44em) { .summary { display: block; } .summary h3 { margin-top: 1em; } body { margin: 1em auto; } }
"""


def parameter_groups(path: Path = PARAMETER_GROUPS_PATH) -> dict[str, str]:
    """Each run parameter's group (tables, scoring, drawing) from data/report/parameter_groups.csv."""
    from helpers.word_lists import read_word_list

    frame = read_word_list(Path(path), ["parameter", "group", "note"], "group", tuple(PARAMETER_GROUPS))
    return dict(zip(frame["parameter"], frame["group"]))


def parameters_html(parameters: dict, path: Path = PARAMETER_GROUPS_PATH) -> str:
    """The run's parameters as lists under headings: those that shape the tables first, then those that only score
    or draw them. A parameter with no group row is shown with the settings that shape the tables."""
    esc = html.escape
    groups = parameter_groups(path)
    parts = []
    for group, heading in PARAMETER_GROUPS.items():
        items = "".join(f"<li><code>{esc(str(key))}</code> = <code>{esc(repr(value))}</code></li>"
                        for key, value in sorted(parameters.items()) if groups.get(str(key), "tables") == group)
        if items:
            parts.append(f'<h4>{esc(heading)}</h4><ul class="parameters">{items}</ul>')
    return "".join(parts)


def write_index(output_dir: Path, run_info: dict) -> Path:
    """Write the run's index.html: what was run, the headline figures, and links to every rendering."""
    from helpers import report_events, visualise

    esc = html.escape
    output_dir = Path(output_dir)
    headline = headline_figures(output_dir / "tables")
    from helpers import correction_status

    status = correction_status.read_status(output_dir / "tables")
    unapplied = correction_status.problems(status)
    if len(status) == 0:
        corrections_html = "<p>No corrections status was written.</p>"
    elif len(unapplied):
        corrections_html = (f'<p class="warning"><strong>{len(unapplied)} correction{"s" if len(unapplied) != 1 else ""} '
                            f'{"were" if len(unapplied) != 1 else "was"} NOT applied</strong> '
                            "(a missing corrections file, or a row naming a mention or event that no longer exists):</p>"
                            + _table_html(unapplied))
    else:
        applied = int(status["status"].eq("applied").sum())
        corrections_html = (f"<p>{applied} human correction{'s' if applied != 1 else ''} applied; "
                            "none missed.</p>")
    counts = "".join(f"<tr><td>{esc(key)}</td><td>{esc(value)}</td></tr>" for key, value in headline["counts"].items())
    parameters = parameters_html(run_info.get("parameters", {}))
    notebooks = "".join(
        f"<li><strong>{esc(name)}</strong>: <a href=\"html/{esc(name)}-reader.html\">for readers (no code)</a> · "
        f"<a href=\"html/{esc(name)}.html\">with code</a> · <a href=\"notebooks/{esc(name)}.ipynb\">notebook</a></li>"
        for name in run_info.get("notebooks", [])
    )
    map_name = "events_map_interactive.html"
    map_link = (f'<p class="map"><a href="figures/{map_name}"><strong>Open the interactive map</strong></a> — '
                "hover over an event to see its sources and the figure each gave (works offline).</p>"
                if (output_dir / "figures" / map_name).exists() else "<p>The interactive map was not drawn.</p>")
    tables = " · ".join(f'<a href="tables/{path.name}">{esc(path.name)}</a>'
                        for path in sorted((output_dir / "tables").glob("*.csv")))
    events = headline.get("events")
    events_html = ""
    if events is not None and len(events):
        shown = visualise.sort_events(events).head(HEADLINE_EVENTS)
        more = (f"<p>{len(events) - len(shown)} more events are in <a href=\"tables/events.csv\">events.csv</a>.</p>"
                if len(events) > len(shown) else "")
        events_html = f"<h2>Events</h2>{report_events.events_table_html(shown)}{more}"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conflict-events workbook: run report</title><style>{_STYLE}{report_events.STYLE}</style></head>
<body>
<h1>Conflict-events workbook: run report</h1>
<p>Articles read from <code>{esc(str(run_info.get("input", "")))}</code>, annotated, reconciled into events
and drawn by the stage notebooks. Every figure below links to the data it was drawn from.</p>
<h2>What was run</h2>
<div class="summary"><table class="counts">{counts}</table>
<div><h3>Headline figures</h3>{_headline_html(headline)}</div></div>
<h3>Parameters</h3>{parameters}
<h2>Human corrections</h2>{corrections_html}
<h2>Read the report</h2>
{map_link}
<ul>{notebooks}</ul>
{events_html}
<h2>Figures</h2>{_figures_html(output_dir)}
<h2>Tables</h2><p>{tables or "No tables were written."}</p>
<p><a href="codebook.html">The codebook</a>: every column of every table, its type, allowed values and meaning.</p>
</body></html>
"""
    from helpers import contract

    (output_dir / "codebook.html").write_text(neutralise_html(contract.codebook_html()), encoding="utf-8")
    path = output_dir / "index.html"
    path.write_text(neutralise_html(page), encoding="utf-8")
    return path

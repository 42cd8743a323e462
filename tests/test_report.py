"""Tests of the shareable report: article text stays inert text, and no page contacts an outside host.

The checks parse the HTML with BeautifulSoup (no browser): a live script, an event-handler attribute, a
`javascript:` URL or a reference to another host anywhere in a page is a failure.
"""
from __future__ import annotations

import re

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from fixtures.contract_tables import MALICIOUS, build_tables, write_tables
from helpers import report
from helpers.paths import DATA_DIR, NOTEBOOKS_DIR

URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href",
                  "ping", "cite", "longdesc", "manifest", "codebase"}
OUTSIDE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_OUTSIDE = re.compile(r"@import|url\(\s*['\"]?\s*(https?:)?//", re.I)


def live_problems(page: str, *, scripts_allowed: bool = False) -> list[str]:
    """Everything in a page that could run code or contact another host when the page is opened or clicked."""
    soup = BeautifulSoup(page, "html.parser")
    problems = []
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                problems.append(f"event handler {tag.name}[{attribute}]")
            if re.sub(r"[\x00-\x20]", "", text).lower().startswith(("javascript:", "vbscript:")):
                problems.append(f"script URL {tag.name}[{attribute}]={text!r}")
            if attribute.lower() in URL_ATTRIBUTES and any(OUTSIDE.match(part) for part in text.split(",")):
                problems.append(f"outside reference {tag.name}[{attribute}]={text!r}")
            if attribute.lower() == "style" and CSS_OUTSIDE.search(text):
                problems.append(f"outside reference in style attribute of {tag.name}")
    for tag in soup.find_all(["iframe", "frame", "object", "embed", "base", "link", "applet"]):
        problems.append(f"<{tag.name}> element")
    for tag in soup.find_all("meta", attrs={"http-equiv": True}):
        problems.append("meta http-equiv")
    for style in soup.find_all("style"):
        if CSS_OUTSIDE.search(style.get_text()):
            problems.append("outside reference in <style>")
    for script in soup.find_all("script"):
        if not scripts_allowed or script.get("src"):
            problems.append(f"<script src={script.get('src')!r}> {script.get_text()[:60]!r}")
    return problems


def test_the_checker_itself_sees_each_kind_of_problem():
    page = ('<script>x()</script><img src="a.png" onerror="x()"><a href=" java\tscript:x()">a</a>'
            '<link rel="stylesheet" href="https://cdn.example/a.css"><style>@import url(a.css);</style>'
            '<img src="//cdn.example/b.png"><meta http-equiv="refresh" content="0">')
    found = " | ".join(live_problems(page))
    for kind in ("<script src=None>", "event handler img[onerror]", "script URL a[href]", "outside reference link",
                 "<link> element", "outside reference in <style>", "outside reference img[src]", "meta http-equiv"):
        assert kind in found
    assert live_problems('<img src="figures/a.png"><a href="#x">x</a><style>.a{color:red}</style>') == []


def test_neutralise_html_removes_every_live_construct_and_keeps_the_text():
    page = (
        '<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=https://evil.example/">'
        '<base href="https://evil.example/"><link rel="stylesheet" href="https://cdn.example/x.css">'
        '<link rel="icon" href="//cdn.example/favicon.ico">'
        '<style>/* see https://example.org */ @import url("https://evil.example/a.css");'
        '.x { background: url(\'//evil.example/y.png\'); } .y { color: red; }</style>'
        '<script src="https://cdn.example/require.js"></script><script>alert(1)</script></head><body>'
        '<p onclick="alert(2)" style="background-image: url(https://evil.example/z.png); color: blue">Kept text</p>'
        '<a href="java&#x09;script:alert(3)">tab-split scheme</a> <a href=" JAVASCRIPT:alert(4)">upper</a>'
        '<a href="https://elsewhere.example/story">outside link</a>'
        '<img src="x" onerror="alert(5)"><img srcset="https://evil.example/a.png 1x, b.png 2x">'
        '<svg onload="alert(6)"><a xlink:href="javascript:alert(7)">svg link</a></svg>'
        '<form action="javascript:alert(8)"><button formaction="https://evil.example/">b</button></form>'
        '<iframe src="https://evil.example/"></iframe><object data="https://evil.example/o"></object>'
        '<embed src="https://evil.example/e"><a href="data:text/html,&lt;script&gt;alert(9)&lt;/script&gt;">d</a>'
        '<img src="figures/timeline.png" alt="kept"><a href="html/04-visualise.html">kept link</a>'
        '<a href="#top">anchor</a></body></html>'
    )
    cleaned = report.neutralise_html(page)
    assert live_problems(cleaned) == []
    soup = BeautifulSoup(cleaned, "html.parser")
    assert soup.find("img", src="figures/timeline.png") is not None
    assert soup.find("a", href="html/04-visualise.html") is not None and soup.find("a", href="#top") is not None
    assert soup.find("meta", charset="utf-8") is not None
    text = soup.get_text()
    for kept in ("Kept text", "tab-split scheme", "outside link", "svg link", "kept link"):
        assert kept in text
    assert "color: red" in cleaned and "color: blue" in cleaned  # local styling survives


def _malicious_notebook() -> nbformat.NotebookNode:
    """A notebook whose outputs carry article text the ways notebooks show it, including a careless raw one."""
    import pandas as pd

    frame = pd.DataFrame({"title": [MALICIOUS], "evidence": ["At least 20 were killed " + MALICIOUS]})
    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    cells = [
        new_markdown_cell("# Report\n\nA paragraph with a [local link](../tables/events.csv)."),
        new_code_cell("display(frame)", outputs=[
            new_output("display_data", data={"text/html": frame.to_html(), "text/plain": str(frame)}),
        ]),
        new_code_cell("display(HTML(title))  # careless", outputs=[
            new_output("display_data", data={"text/html": MALICIOUS, "text/plain": "<HTML>"}),
            new_output("display_data", data={"application/javascript": 'alert("js output")'}),
        ]),
        new_code_cell("print(title)", outputs=[new_output("stream", name="stdout", text=MALICIOUS + "\n")]),
        new_code_cell("figure", outputs=[new_output("display_data", data={"image/png": png, "text/plain": "<Image>"})]),
    ]
    notebook = new_notebook(cells=cells)
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return notebook


@pytest.mark.parametrize("with_code", [True, False])
def test_exported_notebook_is_offline_and_shows_article_markup_as_text(tmp_path, with_code):
    source = tmp_path / "report.ipynb"
    nbformat.write(_malicious_notebook(), source)
    path = report.export_notebook_html(source, tmp_path / "html" / "report.html", with_code=with_code)
    page = path.read_text(encoding="utf-8")
    assert live_problems(page) == []
    assert not re.search(r"https?://", " ".join(s.get_text() for s in BeautifulSoup(page, "html.parser")("style")))
    soup = BeautifulSoup(page, "html.parser")
    text = soup.get_text()
    assert '<script>alert("pwned")</script>' in text  # pandas-escaped output and stdout show the markup
    assert soup.find("img", src=re.compile(r"^data:image/png;base64,")) is not None
    assert soup.find("h1") is not None and "A paragraph with a" in text
    assert ("display(frame)" in text) is with_code


def test_index_reports_the_run_escapes_everything_and_links_each_rendering(tmp_path):
    output = tmp_path / "run"
    write_tables(output / "tables", payload=MALICIOUS)
    (output / "figures").mkdir()
    (output / "figures" / "events_map_interactive.html").write_text("<html></html>")
    (output / "figures" / "timeline.png").write_bytes(b"\x89PNG")
    run_info = {"input": "articles/<b>odd</b>", "output": str(output), "notebooks": ["01-ingest", "04-visualise"],
                "parameters": {"colour_by": "perpetrator", "note": MALICIOUS}}
    page = report.write_index(output, run_info).read_text(encoding="utf-8")
    assert live_problems(page) == []
    soup = BeautifulSoup(page, "html.parser")
    text = " ".join(soup.get_text(" ").split())
    for count in ("articles accepted 5", "mentions 10", "events 5", "contradictions 2", "files read not written"):
        assert count in text
    assert "39 people killed by the best estimates, over the 3 of 5 events" in text
    assert "Deadliest event: ev01 , 2021-03-04" in text
    assert "articles/<b>odd</b>" in text and '<script>alert("pwned")</script>' in text
    links = {a["href"] for a in soup.find_all("a", href=True)}
    assert {"html/01-ingest.html", "html/01-ingest-reader.html", "html/04-visualise.html",
            "html/04-visualise-reader.html", "figures/events_map_interactive.html", "tables/events.csv"} <= links
    assert soup.find("img", src="figures/timeline.png") is not None
    assert str(tmp_path) not in page  # no absolute path of the machine that ran it


def test_index_of_a_run_without_events(tmp_path):
    page = report.write_index(tmp_path, {"input": "seeds", "notebooks": [], "parameters": {}}).read_text()
    text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    assert "events not written" in text and "No events were reconciled in this run." in text
    assert "The interactive map was not drawn." in text


def test_report_for_a_malicious_article_is_inert_and_offline(tmp_path):
    """Run notebook 04 on tables carrying hostile article text, render the report, and inspect every page."""
    import papermill

    output = tmp_path / "run"
    write_tables(output / "tables", payload=MALICIOUS)
    (output / "notebooks").mkdir()
    executed = output / "notebooks" / "04-visualise.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / "04-visualise.ipynb"), str(executed), cwd=str(NOTEBOOKS_DIR), kernel_name="python3",
        parameters={"output_dir": str(output), "boundaries_dir": str(DATA_DIR / "boundaries")},
        progress_bar=False, log_output=False,
    )
    report.export_notebook_html(executed, output / "html" / "04-visualise.html", with_code=True)
    report.export_notebook_html(executed, output / "html" / "04-visualise-reader.html", with_code=False)
    report.write_index(output, {"input": "hostile", "notebooks": ["04-visualise"], "parameters": {}})
    pages = sorted(output.rglob("*.html"))
    assert {p.name for p in pages} == {"index.html", "04-visualise.html", "04-visualise-reader.html",
                                       "events_map_interactive.html", "codebook.html"}
    for page in pages:
        html_text = page.read_text(encoding="utf-8")
        is_map = page.name == "events_map_interactive.html"
        assert live_problems(html_text, scripts_allowed=is_map) == [], page.name
        soup = BeautifulSoup(html_text, "html.parser")
        for script in soup.find_all("script"):
            assert 'alert("pwned")' not in script.get_text(), page.name
        if not is_map and page.name != "codebook.html":  # the codebook holds no article text
            assert '<script>alert("pwned")</script>' in soup.get_text(), page.name  # shown, as text
    assert executed.stat().st_size < 1_000_000  # inline PNGs stay small


def test_fixture_payload_reaches_every_free_text_field():
    tables = build_tables(payload=MALICIOUS)
    assert MALICIOUS in tables["articles"]["title"].iloc[0]
    assert MALICIOUS in tables["mentions"]["evidence"].iloc[0]
    assert MALICIOUS in tables["events"]["place"].iloc[0]
    assert MALICIOUS in tables["contradictions"]["note"].iloc[0]


def test_index_puts_scoring_and_drawing_settings_apart_from_those_that_shape_the_tables(tmp_path):
    run_info = {"input": "seeds", "notebooks": [],
                "parameters": {"gold_dir": "data/gold", "corpus_split": "test", "rules": "acled", "dpi": 150,
                               "a_parameter_nobody_grouped": 3}}
    soup = BeautifulSoup(report.write_index(tmp_path, run_info).read_text(encoding="utf-8"), "html.parser")
    under = {}
    for heading in soup.find_all("h4"):
        under[heading.get_text()] = " ".join(heading.find_next_sibling("ul").get_text(" ").split())
    tables = under["Settings that shape the tables"]
    scoring = under["Scoring only (no table depends on these)"]
    drawing = under["Output, drawing and speed only (the tables are the same)"]
    assert "rules" in tables and "a_parameter_nobody_grouped" in tables  # unknown: shown as shaping the tables
    assert "gold_dir" in scoring and "corpus_split" in scoring and "gold_dir" not in tables
    assert "dpi" in drawing and "dpi" not in tables


def test_every_parameter_the_notebooks_declare_has_a_group():
    from helpers.notebooks import list_notebooks
    from helpers.paths import NOTEBOOKS_DIR
    from helpers.run import declared_parameters

    declared = set(declared_parameters(list_notebooks(NOTEBOOKS_DIR)))
    groups = report.parameter_groups()
    assert declared - set(groups) == set(), "give each new parameter a row in data/report/parameter_groups.csv"
    assert set(groups) - declared == set(), "a row of data/report/parameter_groups.csv names no parameter"

"""The shareable report: notebooks rendered to self-contained HTML and an index page linking them."""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

_EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def make_self_contained(page: str) -> str:
    """Drop every script or stylesheet that would be fetched from another host when the page is opened."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup.find_all("script", src=True):
        if _EXTERNAL.match(tag["src"]):
            tag.decompose()
    for tag in soup.find_all("link", href=True):
        if _EXTERNAL.match(tag["href"]) and "stylesheet" in (tag.get("rel") or []) + ["stylesheet"]:
            tag.decompose()
    # MathJax configuration blocks are useless without the CDN script they configure.
    for tag in soup.find_all("script", type="text/x-mathjax-config"):
        tag.decompose()
    return str(soup)


def export_notebook_html(notebook_path: Path, html_path: Path, *, with_code: bool) -> Path:
    """Render an executed notebook to HTML (with or without code cells) that needs no network."""
    from nbconvert import HTMLExporter

    notebook = nbformat.read(notebook_path, as_version=4)
    exporter = HTMLExporter(template_name="lab", exclude_input=not with_code, exclude_input_prompt=not with_code,
                            exclude_output_prompt=True)
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    body, _ = exporter.from_notebook_node(notebook)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(make_self_contained(body), encoding="utf-8")
    return html_path


def write_index(output_dir: Path, run_info: dict) -> Path:
    """Write the run's index.html: what was run, and links to each rendered notebook."""
    rows = []
    for name in run_info["notebooks"]:
        rows.append(
            f"<li>{html.escape(name)}: <a href=\"html/{html.escape(name)}.html\">with code</a> · "
            f"<a href=\"html/{html.escape(name)}-reader.html\">for readers (no code)</a></li>"
        )
    parameters = "".join(
        f"<tr><td>{html.escape(str(key))}</td><td>{html.escape(str(value))}</td></tr>"
        for key, value in sorted(run_info.get("parameters", {}).items())
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Conflict-events workbook run</title></head>
<body>
<h1>Conflict-events workbook run</h1>
<p>Input folder: <code>{html.escape(str(run_info.get("input", "")))}</code></p>
<h2>Parameters</h2><table>{parameters}</table>
<h2>Notebooks</h2><ul>{''.join(rows)}</ul>
</body></html>
"""
    path = Path(output_dir) / "index.html"
    path.write_text(page, encoding="utf-8")
    return path

"""Tables as a reader should see them, in the notebooks and in the report.

pandas shows a table as a programmer's object: a 0..N index column, `37.0` for a count held as a float (a
column with a blank is a float column), and `NaN`, `<NA>` or `None` for unknown. `readable` turns a frame
into text cells instead: whole numbers without `.0`, other numbers with at most three decimals, blanks for
unknown, a meaningful index (a named one, or labels) kept as ordinary columns and the 0..N one dropped.
`table_html` wraps it in a box that scrolls sideways when the table is wider than the page.
`use_readable_tables()` makes every DataFrame a notebook displays look so (HTML and plain text alike: the
plain text is what nbval compares), without changing the data itself.
"""
from __future__ import annotations


import numpy as np
import pandas as pd

SCROLL_STYLE = "overflow-x: auto; max-width: 100%;"


def _cell(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            return "" if np.isnan(value) else str(value)
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.3f}".rstrip("0").rstrip(".")
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat(sep=" ")
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # a list or array in a cell
        pass
    return str(value)


def _with_index(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a meaningful index turned into columns, and a plain 0..N one dropped."""
    has_plain_index = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
    if has_plain_index:
        return frame
    frame = frame.reset_index()
    return frame.rename(columns={"index": ""}) if "index" in frame.columns else frame


def numeric_columns(frame: pd.DataFrame) -> list[bool]:
    """Per column (index columns first, as `readable` shows them), whether it holds numbers: right-aligned."""
    frame = _with_index(frame)
    return [pd.api.types.is_numeric_dtype(frame.iloc[:, i]) and not pd.api.types.is_bool_dtype(frame.iloc[:, i])
            for i in range(frame.shape[1])]


def readable(frame: pd.DataFrame, max_colwidth: int | None = None) -> pd.DataFrame:
    """A copy of `frame` as text cells a reader can take in (see the module's docstring)."""
    frame = _with_index(frame)
    if max_colwidth is None:
        option = pd.get_option("display.max_colwidth")
        max_colwidth = int(option) if option else 0
    out = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    for position in range(frame.shape[1]):
        cells = [_cell(value) for value in frame.iloc[:, position]]
        if max_colwidth and max_colwidth > 1:
            cells = [cell if len(cell) <= max_colwidth else cell[: max_colwidth - 1] + "…" for cell in cells]
        out[position] = cells
    out.columns = frame.columns
    return out


def _limited(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The rows pandas' display.max_rows would show (the first and last halves), as readable text cells, and
    how many were left out. Rows are cut before they are formatted, so a table of a million rows costs no more
    to show than its first and last."""
    limit = pd.get_option("display.max_rows")
    if not limit or len(frame) <= limit:
        return readable(frame), 0
    half = max(1, limit // 2)
    frame = _with_index(frame)  # the index is judged on the whole table, then the rows are cut
    shown = readable(pd.concat([frame.head(half), frame.tail(half)]).reset_index(drop=True))
    gap = pd.DataFrame([["…"] * shown.shape[1]], columns=shown.columns)  # where the rows left out were
    shown = pd.concat([shown.iloc[:half], gap, shown.iloc[half:]], ignore_index=True)
    return shown, len(frame) - 2 * half


def table_html(frame: pd.DataFrame, classes: str = "dataframe") -> str:
    """A readable HTML table (no index column, blanks for unknown, numbers right and text left) in a box
    that scrolls sideways when the table is wider than the page."""
    shown, left_out = _limited(frame)
    numeric = numeric_columns(frame)
    if shown.columns.is_unique and shown.shape[1] and len(shown):
        import hashlib

        from pandas.io.formats.style import Styler

        # Short cells (numbers, dates, ids) never break over lines; long text wraps.
        short = [bool(shown.iloc[:, i].str.len().max() <= 16) for i in range(shown.shape[1])]
        align = {column: [{"selector": "td", "props": f"text-align: {'right' if is_number else 'left'};"
                                                      + (" white-space: nowrap;" if is_short else "")}]
                 for column, is_number, is_short in zip(shown.columns, numeric, short)}
        # A fixed id from the content keeps the page the same run after run (pandas would draw a random one).
        uuid = hashlib.sha1(shown.to_csv().encode("utf-8")).hexdigest()[:10]
        styler = (Styler(shown, cell_ids=False, uuid=uuid).format(escape="html").format_index(escape="html", axis=1)
                  .hide(axis="index").set_table_attributes(f'class="{classes}" border="0"')
                  .set_table_styles([{"selector": "th", "props": "text-align: left;"}])
                  .set_table_styles(align, axis=0, overwrite=False))
        body = styler.to_html()
    else:
        body = shown.to_html(index=False, escape=True, border=0, classes=classes, na_rep="")
    more = f"<p>{len(frame):,} rows; {left_out:,} not shown (at …)</p>" if left_out else ""
    return f'<div class="table-scroll" style="{SCROLL_STYLE}">{body}</div>{more}'


def table_text(frame: pd.DataFrame) -> str:
    """The same table as plain text."""
    shown, left_out = _limited(frame)
    if shown.shape[1] == 0:
        return f"(a table of {len(frame)} rows and no columns)"
    text = shown.to_string(index=False)
    return text + (f"\n{len(frame):,} rows; {left_out:,} not shown (at …)" if left_out else "")


def use_readable_tables() -> None:
    """Display every DataFrame of this IPython session as a readable table (HTML and plain text)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, table_html)
    formatters["text/plain"].for_type(pd.DataFrame, lambda frame, printer, cycle: printer.text(table_text(frame)))

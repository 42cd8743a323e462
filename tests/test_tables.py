"""Tables as a reader sees them: whole numbers without '.0', blanks for unknown, no 0..N index, text escaped,
wide tables in a box that scrolls."""
from __future__ import annotations

import numpy as np
import pandas as pd
from bs4 import BeautifulSoup

from helpers.tables import readable, table_html, table_text


def _events() -> pd.DataFrame:
    # A count column with a blank is a float column in pandas: 37.0, NaN.
    return pd.DataFrame({
        "event_id": ["EV1", "EV2", "EV3"],
        "killed_best": [37.0, np.nan, 4.0],
        "wounded": pd.array([2, pd.NA, 0], dtype="Int64"),
        "share": [0.5, 0.3333333, np.nan],
        "place": ["Shula", None, "<b>Raqqa</b>"],
        "date": pd.to_datetime(["2023-08-10", None, "2021-01-09"]),
    })


def test_counts_are_integers_and_unknowns_are_blank():
    shown = readable(_events())
    assert shown["killed_best"].tolist() == ["37", "", "4"]
    assert shown["wounded"].tolist() == ["2", "", "0"]
    assert shown["share"].tolist() == ["0.5", "0.333", ""]
    assert shown["place"].tolist() == ["Shula", "", "<b>Raqqa</b>"]
    assert shown["date"].tolist() == ["2023-08-10", "", "2021-01-09"]
    text = table_text(_events())
    for word in ("NaN", "<NA>", "None", "NaT", "37.0"):
        assert word not in text, word


def test_no_index_column_but_a_meaningful_index_is_kept_as_a_column():
    text = table_text(_events())
    assert text.splitlines()[0].split()[0] == "event_id"  # no 0..N column before it
    by_event = _events().set_index("event_id")
    assert list(readable(by_event).columns)[0] == "event_id"
    counts = pd.Series([3, 1], index=pd.Index(["ok", "empty"], name="status"), name="files").to_frame()
    assert readable(counts).values.tolist() == [["ok", "3"], ["empty", "1"]]


def test_html_escapes_text_aligns_numbers_and_scrolls_when_wide():
    page = table_html(_events())
    soup = BeautifulSoup(page, "html.parser")
    box = soup.find("div")
    assert "overflow-x: auto" in box["style"]
    assert [th.get_text() for th in soup.find_all("th")] == list(_events().columns)
    cells = [[td.get_text() for td in row.find_all("td")] for row in soup.find("tbody").find_all("tr")]
    assert cells[0][:3] == ["EV1", "37", "2"] and cells[1][1:3] == ["", ""]
    assert soup.find("b") is None and "&lt;b&gt;Raqqa" in page  # article text stays text
    assert "td.col1 {\n  text-align: right;" in page and "td.col0 {\n  text-align: left;" in page
    assert table_html(_events()) == page  # the same page every time (no random ids)


def test_a_long_table_shows_its_first_and_last_rows_and_says_how_many_are_left_out():
    frame = pd.DataFrame({"n": np.arange(1000, dtype="float64")})
    with pd.option_context("display.max_rows", 10):
        text = table_text(frame)
        page = table_html(frame)
    lines = [line.strip() for line in text.splitlines()]
    assert lines[:8] == ["n", "0", "1", "2", "3", "4", "…", "995"] and lines[-2] == "999"
    assert lines[-1] == "1,000 rows; 990 not shown (at …)" and "1,000 rows; 990 not shown" in page

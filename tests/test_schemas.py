"""Unit tests of helpers.schemas: CSV cells a spreadsheet would run are neutralised and read back raw."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from helpers import schemas

RAW = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(1+1)", "\tTAB", "\rCR",
       "'=already quoted", "''+twice", "plain text", "it's", "'quoted but harmless", "-3.5", "+12", "1e-3", "", "-"]


@pytest.mark.parametrize("value", RAW)
def test_neutralised_cells_cannot_start_a_formula_and_restore_exactly(value):
    written = schemas.neutralise_cell(value)
    is_number = schemas._PLAIN_NUMBER.fullmatch(value) is not None
    if value.startswith(schemas.FORMULA_TRIGGERS) and not is_number:
        assert written == "'" + value
    if not is_number:
        assert not written.startswith(schemas.FORMULA_TRIGGERS)
    assert schemas.restore_cell(written) == value


def test_numbers_and_harmless_text_are_written_unchanged():
    for value in ["-3.5", "+12", "plain text", "it's", "'quoted but harmless", 12, -3.5, None]:
        assert schemas.neutralise_cell(value) == value


def test_write_csv_neutralises_text_columns_only_and_read_csv_gives_the_raw_frame(tmp_path):
    frame = pd.DataFrame({"text": pd.array(RAW, dtype="string"), "number": range(-8, len(RAW) - 8),
                          "longitude": [-3.5] * len(RAW)})
    path = schemas.write_csv(frame, tmp_path / "t.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1] == ["'=HYPERLINK(\"http://x\",\"y\")", "-8", "-3.5"]
    assert [row[0] for row in rows[1:7]] == ["'" + value for value in RAW[:6]]
    back = schemas.read_csv(path)
    assert back["text"].fillna("").tolist() == RAW
    assert back["number"].tolist() == [str(n) for n in range(-8, len(RAW) - 8)]

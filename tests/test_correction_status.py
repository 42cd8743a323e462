"""Corrections that cannot silently miss: stale rows and missing files are reported, in the table and the report."""
from __future__ import annotations

import shutil

import pandas as pd

from helpers import correction_status, corrections, event_corrections, linkage, report
from helpers.paths import DATA_DIR


def test_file_rows_say_none_missing_or_ok(tmp_path):
    present = tmp_path / "corrections.csv"
    present.write_text("action,mention_id,field,value,reason\n", encoding="utf-8")
    assert correction_status.file_row("annotate", "", 0)["status"] == "none: no file named"
    assert correction_status.file_row("annotate", tmp_path / "gone.csv")["status"] == "missing: the file does not exist"
    assert correction_status.file_row("annotate", present, 0)["status"] == "ok: 0 rows"
    assert correction_status.is_missing(tmp_path / "gone.csv") and not correction_status.is_missing("")


def test_stale_mention_decision_and_event_corrections_are_reported(tmp_path):
    mentions = pd.DataFrame({"mention_id": ["a-m01", "a-m02"], "killed": pd.array([3, 4], dtype="Int64"),
                             "annotator": ["rules", "rules"]})
    fixes = pd.DataFrame({"action": ["fix", "fix"], "mention_id": ["a-m01", "a-m09"], "field": ["killed", "killed"],
                          "value": ["5", "6"], "reason": ["r", "r"]}, dtype="string")
    _, fix_report = corrections.apply_corrections(mentions, fixes)
    decisions = pd.DataFrame({"decision": ["merge"], "mention_id": ["a-m01"], "other_mention_id": ["b-m07"],
                              "reason": ["same attack"]}, dtype="string")
    events = pd.DataFrame({"event_id": ["EV0001"], "mention_ids": ["a-m01;a-m02"], "killed_best": pd.array([3], dtype="Int64"),
                           "rationale": ["Machine."]})
    sets = pd.DataFrame({"mention_id": ["a-m02", "z-m01"], "field": ["killed_best", "killed_best"], "value": ["9", "9"],
                         "reason": ["r", "r"]}, dtype="string")
    fixed, set_report = event_corrections.apply_event_corrections(events, sets)
    assert fixed["killed_best"].tolist() == [9]
    correction_status.write_status(
        [correction_status.file_row("annotate", tmp_path / "missing.csv")]
        + correction_status.rows_of("annotate", "corrections.csv", fix_report), tmp_path, "annotate")
    status = correction_status.write_status(
        correction_status.rows_of("reconcile", "merge_split.csv", correction_status.decision_report(decisions, mentions))
        + correction_status.rows_of("reconcile", "event_corrections.csv", set_report), tmp_path, "reconcile")
    problems = correction_status.problems(status)
    assert [[f, r, st.split(":")[0]] for f, r, st in problems[["file", "row", "status"]].values.tolist()] == [
        ["corrections.csv", "2", "stale"],
        ["missing.csv", "", "missing"],
        ["event_corrections.csv", "2", "stale"],
        ["merge_split.csv", "1", "stale"],
    ]
    assert problems["status"].tolist()[2:] == ["stale: no event holds this mention", "stale: no such mention b-m07"]
    # rerunning a stage replaces its rows, and leaves the other stage's
    again = correction_status.write_status([], tmp_path, "reconcile")
    assert set(again["stage"]) == {"annotate"}


def test_event_correction_of_a_wrong_field_or_value_is_invalid_not_applied():
    events = pd.DataFrame({"event_id": ["EV0001"], "mention_ids": ["a-m01"], "killed_best": pd.array([3], dtype="Int64"),
                           "rationale": ["Machine."], "date_start": ["2023-01-01"]})
    sets = pd.DataFrame({"mention_id": ["a-m01", "a-m01", "a-m01"], "field": ["event_id", "killed_best", "date_start"],
                         "value": ["EV9", "many", "2023-02-30"], "reason": ["r"] * 3}, dtype="string")
    fixed, report_rows = event_corrections.apply_event_corrections(events, sets)
    assert report_rows["status"].str.startswith("invalid").all()
    assert fixed["killed_best"].tolist() == [3] and fixed["date_start"].tolist() == ["2023-01-01"]


def test_report_front_page_lists_corrections_that_did_not_apply(tmp_path):
    shutil.copytree(DATA_DIR / "seeds" / "tables", tmp_path / "tables")
    correction_status.write_status([correction_status.file_row("annotate", tmp_path / "my_fixes.csv")],
                                   tmp_path / "tables", "annotate")
    page = report.write_index(tmp_path, {"input": "seeds", "notebooks": [], "parameters": {}}).read_text(encoding="utf-8")
    assert "1 correction was NOT applied" in page and "my_fixes.csv" in page
    correction_status.write_status([correction_status.file_row("annotate", DATA_DIR / "corrections.csv", 1)]
                                   + [{"stage": "annotate", "file": "corrections.csv", "row": "1", "action": "fix",
                                       "status": "applied"}], tmp_path / "tables", "annotate")
    page = report.write_index(tmp_path, {"input": "seeds", "notebooks": [], "parameters": {}}).read_text(encoding="utf-8")
    assert "1 human correction applied; none missed." in page  # one, not "1 ... corrections"


def test_the_shipped_corrections_files_are_readable():
    assert len(corrections.load_corrections(DATA_DIR / "corrections.csv")) >= 1
    assert len(event_corrections.load_event_corrections(DATA_DIR / "event_corrections.csv")) == 0
    linkage.read_decisions(DATA_DIR / "merge_split.csv")

"""Whole runs on the generated bad-input corpus (tests/fixtures/make_bad_corpus.py): no crash, every entry in
the ledger with its expected status, and nothing from an article live in any output."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from helpers import run, schemas

from fixtures.make_bad_corpus import OUTSIDE_MARKER, SYSTEM_FILE, write_corpus

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    expected = write_corpus(root / "input")
    output = root / "output"
    log = io.StringIO()
    code = run.run(root / "input", output, [["max_file_bytes", "1000000"]], stream=log)
    assert code == 0, log.getvalue()
    return root / "input", output, expected


def test_the_corpus_has_at_least_fifty_kinds(corpus_run):
    assert len(corpus_run[2]) >= 50


def test_every_entry_is_in_the_ledger_with_its_expected_status(corpus_run):
    _, output, expected = corpus_run
    ledger = schemas.read_table("ledger", output / "tables").set_index("file")
    assert ledger.index.is_unique
    assert dict(ledger["status"]) == expected
    assert ledger["reason"].notna().all(), "every entry needs a reason"
    assert "not-utf8-\\xff\\xfe-name.txt" in ledger.index  # bytes that are not UTF-8, shown escaped


def test_no_article_crashed_inside_a_stage(corpus_run):
    _, output, _ = corpus_run
    problems = schemas.read_csv(output / "tables" / "problems.csv")
    assert not problems["problem"].str.contains("not annotated").any(), problems
    ledger = schemas.read_table("ledger", output / "tables")
    assert not ledger["reason"].str.contains("Error:").any()  # no unexpected exception in ingest either


def _cells(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            yield from row


def test_no_csv_written_by_a_run_holds_a_live_formula(corpus_run):
    _, output, _ = corpus_run
    written = sorted(output.rglob("*.csv"))
    names = {path.name for path in written}
    assert {"ledger.csv", "articles.csv", "mentions.csv", "events.csv", "contradictions.csv", "events_ucdp.csv",
            "events_acled.csv", "furniture.csv", "sidecar_problems.csv", "timeline.csv"} <= names
    live = [(path.relative_to(output).as_posix(), cell) for path in written for cell in _cells(path)
            if cell.startswith(FORMULA_STARTS) and schemas._PLAIN_NUMBER.fullmatch(cell) is None]
    assert live == []
    # the values that were formulas are there, neutralised, in the tables and the exports
    ledger_text = (output / "tables" / "ledger.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(1+1).txt" in ledger_text and "'+cmd calc.txt" in ledger_text
    assert "'-2+3+cmd.txt" in ledger_text and "'@SUM(1+1).txt" in ledger_text
    articles_text = (output / "tables" / "articles.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in articles_text and "'+cmd|" in articles_text and "'@SUM(1+1)" in articles_text
    assert "'=1+1 and +2 in a headline" in articles_text
    assert "'=HYPERLINK(1+1)" in (output / "tables" / "mentions.csv").read_text(encoding="utf-8")


def test_parquet_keeps_the_raw_values_and_read_table_restores_them(corpus_run):
    _, output, _ = corpus_run
    articles = pd.read_parquet(output / "tables" / "articles.parquet").set_index("article_id")
    assert articles.loc["formula-sidecar", "title"].startswith('=HYPERLINK("http://evil.example/')
    assert articles.loc["formula-sidecar", "outlet"] == "+cmd|' /C calc'!A0"
    assert "=HYPERLINK(1+1)" in articles.index and "\tTAB=1+1" in articles.index
    read = schemas.read_table("articles", output / "tables").set_index("article_id")
    assert read.loc["formula-sidecar", "title"] == articles.loc["formula-sidecar", "title"]
    assert sorted(read.index) == sorted(articles.index)


def test_numbers_and_dates_out_of_bounds_are_refused_with_a_reason_and_the_article_goes_on(corpus_run):
    _, output, _ = corpus_run
    problems = schemas.read_csv(output / "tables" / "problems.csv")
    by_article = problems.groupby("article_id")["problem"].agg(" | ".join)
    for article_id in ("number-20-digits", "number-400-digits", "number-5000-digits"):
        assert "is above 1,000,000; not read as a figure" in by_article[article_id], article_id
    assert "12345678901234567890" in by_article["number-20-digits"]
    mentions = schemas.read_table("mentions", output / "tables")
    for article_id in ("number-20-digits", "number-400-digits", "date-line-year-1", "date-line-year-9999"):
        assert article_id in set(mentions["article_id"]), article_id  # the article's other figures are kept
    assert mentions["killed"].dropna().astype(int).max() <= 1_000_000
    ledger = schemas.read_table("ledger", output / "tables").set_index("file")
    assert "date 0001-01-01 is outside 1900-01-01 to 2099-12-31" in ledger.loc["date-line-year-1.txt", "reason"]
    assert "9999-12-31 is outside" in ledger.loc["date-line-year-9999.txt", "reason"]
    assert "0001-01-01 is outside 1900-01-01 to 2099-12-31" in ledger.loc["dateline-written-year-1.txt", "reason"]
    sidecar = schemas.read_csv(output / "interim" / "sidecar_problems.csv").set_index("article_id")
    assert "0001-01-01 is outside" in sidecar.loc["sidecar-year-1", "problem"]
    assert "9999-12-31 is outside" in sidecar.loc["sidecar-year-9999", "problem"]
    articles = schemas.read_table("articles", output / "tables").set_index("article_id")
    for article_id in ("sidecar-year-1", "sidecar-year-9999", "date-line-year-1", "date-line-year-9999"):
        published = articles.loc[article_id, "published"]
        assert pd.isna(published) or published == "2022-03-14", (article_id, published)
    for table in ("mentions", "events"):
        frame = schemas.read_table(table, output / "tables")
        for column in ("date_start", "date_end"):
            years = frame[column].dropna().str.slice(0, 4).astype(int)
            assert years.between(1900, 2099).all(), (table, column)


def test_links_pipes_and_devices_are_accounted_for_and_nothing_outside_is_read(corpus_run):
    root, output, expected = corpus_run
    ledger = schemas.read_table("ledger", output / "tables").set_index("file")
    assert ledger.loc["link-to-etc-passwd.txt", "reason"] == \
        "symbolic link to a file outside the input folder; not followed, not read"
    assert ledger.loc["link-to-outside-folder", "reason"].startswith("symbolic link to a folder outside")
    assert ledger.loc["link-loop-a.txt", "reason"] == "symbolic link loop; not followed"
    assert ledger.loc["link-dangling.txt", "reason"].startswith("dangling symbolic link")
    assert ledger.loc["link-to-inside-file.txt", "duplicate_of"] == "plain"
    assert ledger.loc["named-pipe.txt", "reason"] == "named pipe (FIFO), not a regular file; not opened"
    assert ledger.loc["empty-folder", "reason"] == "empty folder"
    assert not ledger.index.str.startswith(("link-to-inside-folder/", "link-to-input-itself/", "link-to-etc/")).any()
    special = ledger.index.str.contains("link|pipe|socket|device|folder")
    assert special.sum() >= 14 and ledger.loc[special, "sha256"].isna().all()  # none of them was read
    system_lines = [line for line in SYSTEM_FILE.read_text(encoding="utf-8", errors="replace").splitlines()
                    if len(line) >= 12]
    assert system_lines
    leaked = []
    for path in output.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            leaked += [(path.name, line) for line in system_lines if line in text]
            if OUTSIDE_MARKER in text or "outside the input folder killed" in text:
                leaked.append((path.name, "outside article"))
    assert leaked == []


def test_a_revision_is_kept_with_both_figures_and_linked_to_the_story_it_revises(corpus_run):
    _, output, _ = corpus_run
    ledger = schemas.read_table("ledger", output / "tables").set_index("file")
    revised = ledger.loc["story-d-revised-toll.txt"]
    assert revised["status"] == "ok" and revised["revision_of"] == "story-a-original"
    assert "revision of story-a-original" in revised["reason"] and "five → seven" in revised["reason"]
    assert ledger.loc["story-e-redated.txt", "revision_of"] == "story-a-original"
    assert "published 2022-03-14 → 2022-03-16" in ledger.loc["story-e-redated.txt", "reason"]
    copy = ledger.loc["story-f-copy-of-revision.txt"]
    assert copy["status"] == "duplicate" and copy["duplicate_of"] == "story-d-revised-toll"
    articles = schemas.read_table("articles", output / "tables").set_index("article_id")
    assert articles.loc["story-d-revised-toll", "revision_of"] == "story-a-original"
    mentions = schemas.read_table("mentions", output / "tables")
    killed = mentions.groupby("article_id")["killed"].agg(lambda values: sorted(values.dropna().astype(int)))
    assert killed["story-a-original"] == [5] and killed["story-d-revised-toll"] == [7]
    events = schemas.read_table("events", output / "tables")
    linked = events[events["article_ids"].str.contains("story-a-original") &
                    events["article_ids"].str.contains("story-d-revised-toll")]
    assert len(linked) == 1  # one story, its two tolls: the revision timeline shows both


def test_pathological_articles_are_capped_with_a_reason_and_still_read(corpus_run):
    _, output, _ = corpus_run
    problems = schemas.read_csv(output / "tables" / "problems.csv")
    by_article = problems.groupby("article_id")["problem"].agg(" | ".join)
    assert "more than 200 counts in casualty sentences (cap)" in by_article["figures-3000"]
    assert "above the cap of 1,500; read in pieces" in by_article["sentence-100000-words"]
    mentions = schemas.read_table("mentions", output / "tables")
    counts = mentions["article_id"].value_counts()
    assert 100 <= counts["figures-3000"] <= 200 and counts["sentence-100000-words"] >= 1
    ledger = schemas.read_table("ledger", output / "tables").set_index("file")
    assert "above max_file_bytes=1000000" in ledger.loc["oversized.txt", "reason"]

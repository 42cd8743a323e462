"""Summarising a large collection's events in worker processes gives the tables one process gives."""
from __future__ import annotations

import pandas as pd

from helpers import reconcile
from helpers.reconcile import build_events, link_mentions, type_mentions
from helpers.synthetic import make_mentions


def test_events_summarised_in_two_processes_are_those_of_one(monkeypatch):
    mentions, articles = make_mentions(400, seed=11)
    typed = type_mentions(mentions, articles)
    link = link_mentions(typed)
    # chunks of about 60 mentions: several chunks, each sent to a worker, none cutting a group in two
    monkeypatch.setattr(reconcile, "EVENT_CHUNK_ROWS", 60)
    assert len(reconcile._cluster_chunks(
        typed["mention_id"].map(link.report_of_mention).map(link.cluster_of_report).sort_values(), rows=60)) > 3
    one = build_events(typed, link, original=mentions)
    two = build_events(typed, link, original=mentions, n_process=2)
    assert len(one[0]) > 50  # events were built, many of several mentions
    assert one[0]["n_mentions"].max() > 1
    for expected, got in zip(one, two):
        pd.testing.assert_frame_equal(expected, got)


def test_a_mention_without_the_annotators_key_falls_back_to_its_fields_and_keyed_ones_keep_theirs():
    from helpers.linkage import article_event_keys

    fields = {"role": ["main", "main", "background"], "date_start": ["2024-03-01", None, "2023-11-02"],
              "date_end": ["2024-03-01", None, "2023-11-02"], "date_text": ["Friday", None, "last year"],
              "place": ["Town A", "Town A", None], "admin1": ["Province B", None, None],
              "perpetrator": ["Group C", None, None], "target": ["civilians", None, None],
              "event_type": ["Violence against civilians", None, "Battles"]}
    mentions = pd.DataFrame({**fields, "article_event_key": ["e1", " ", None]})
    keys = article_event_keys(mentions)
    assert keys.tolist() == ["e1", "auto:main||||Town A||||", "auto:background|2023-11-02|2023-11-02|last year|||||Battles"]
    # every mention keyed: the keys as given; no key column at all: every mention's fields joined, without a prefix
    assert article_event_keys(mentions.assign(article_event_key=["e1", "e2", "e2"])).tolist() == ["e1", "e2", "e2"]
    assert article_event_keys(mentions.drop(columns="article_event_key")).tolist()[1] == "main||||Town A||||"


def test_a_reports_names_are_the_sorted_union_of_its_mentions_names_without_the_left_out_ones():
    from helpers.linkage import _joined_names, _union_of_names

    frame = pd.DataFrame({"report_id": [0, 0, 1, 2, 2, 3, 4],
                          "perpetrator": ["Group B;Group A", "gunmen;Group C", None, "gunmen", " ", "Group A;Group B",
                                          "Group B ; Group A"]})
    sets = _union_of_names(frame, "perpetrator", range(6), leave_out=frozenset({"gunmen"}))
    assert sets.tolist() == [["Group A", "Group B", "Group C"], None, None, ["Group A", "Group B"],
                             ["Group A", "Group B"], None]
    assert _joined_names(sets).tolist()[:4] == ["Group A;Group B;Group C", pd.NA, pd.NA, "Group A;Group B"]


def test_events_built_without_the_reports_and_unread_columns_are_the_same():
    mentions, articles = make_mentions(400, seed=12)
    typed = type_mentions(mentions, articles)
    link = link_mentions(typed)
    expected = build_events(typed, link, original=mentions)
    narrow, light = reconcile.for_events(typed, link)
    assert len(light.reports) == 0 and len(light.pairs) == 0 and len(link.reports) > 0  # the caller's link is untouched
    assert len(narrow.columns) < len(typed.columns)
    got = build_events(narrow, light, original=mentions)
    assert expected[0]["n_mentions"].max() > 1
    for one, other in zip(expected, got):
        pd.testing.assert_frame_equal(one, other)


def test_events_sorted_column_by_column_are_those_sort_values_gives():
    frame = pd.DataFrame({"_date_lo": [5.0, None, 3.0, 5.0, 3.0, None],
                          "place": ["B", "A", None, "A", "C", None],
                          "_first_mention": ["m6", "m2", "m3", "m1", "m5", "m4"],
                          "rationale": pd.array(["r1", "r2", None, "r4", "r5", "r6"], dtype="string"),
                          "killed_low": pd.array([1, None, 3, 4, 5, 6], dtype="Int64")}, index=range(10, 16))
    expected = frame.sort_values(["_date_lo", "place", "_first_mention"], na_position="last", kind="mergesort")
    got = reconcile._sorted_column_by_column(frame.copy(), ["_date_lo", "place", "_first_mention"])
    pd.testing.assert_frame_equal(got, expected)
    assert got["_first_mention"].tolist() == ["m5", "m3", "m1", "m6", "m2", "m4"]

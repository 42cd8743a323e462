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

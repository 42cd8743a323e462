"""Figure rules on hand-made figure lists (independent of linking)."""
from __future__ import annotations

import pytest

from helpers.figures import check_rules, choose_figures, claimed_casualties, latest_figure, load_figure_rules

RELIABILITY = load_figure_rules()["source_reliability"]


def _m(mention_id, source, source_type, killed=None, published=None, is_claim=False, **extra):
    return {"mention_id": mention_id, "article_id": mention_id[0], "published": published, "source": source,
            "source_type": source_type, "is_claim": is_claim, "killed": killed, **extra}


def test_latest_figure_uses_publication_dates_when_they_order_the_figures():
    figures = [{"mention_id": "a", "published": "2022-01-02", "value": 9.0}, {"mention_id": "b", "published": "2022-01-05", "value": 7.0}]
    chosen, how = latest_figure(figures)
    assert chosen["mention_id"] == "b" and "publication date" in how


def test_latest_figure_takes_the_higher_when_dates_are_missing_or_equal():
    figures = [{"mention_id": "a", "published": "2022-01-02", "value": 9.0}, {"mention_id": "b", "published": "2022-01-02", "value": 11.0}]
    assert latest_figure(figures)[0]["mention_id"] == "b"


def test_best_prefers_the_monitor_over_a_higher_government_or_outlet_figure():
    mentions = [_m("a1", "SOHR", "monitor", 10), _m("b1", "SANA", "government", 4), _m("c1", "Outlet C", "unattributed", 19)]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (4, 10, 19)


def test_claims_are_ignored_by_every_rule_set():
    mentions = [_m("a1", "SOHR", "monitor", 10), _m("b1", "Islamic State", "perpetrator_claim", 80, is_claim=True)]
    for rules in ("ucdp", "acled", "range"):
        chosen = choose_figures(mentions, "killed", rules, RELIABILITY)
        assert chosen["high"] == 10


def test_claimed_casualties_prefers_killed_or_wounded_else_adds_killed_and_wounded():
    assert claimed_casualties([_m("a1", "IS", "perpetrator_claim", None, is_claim=True, casualties=40)])[0] == 40
    assert claimed_casualties([_m("a1", "IS", "perpetrator_claim", 30, is_claim=True, wounded=12)])[0] == 42
    assert claimed_casualties([_m("a1", "SOHR", "monitor", 30)]) == (None, "")


def test_check_rules_rejects_unknown_names():
    assert check_rules("range") == "range"
    with pytest.raises(ValueError, match="rules must be one of"):
        check_rules("UCDP")


def test_an_official_count_outranks_an_outlets_unattributed_figure():
    mentions = [_m("a1", "police", "government", 25), _m("b1", "Outlet B", "unattributed", 41)]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (25, 25, 41)
    assert "police (government)" in chosen["reason"]


def test_among_equally_reliable_sources_the_latest_report_sets_best():
    mentions = [dict(_m("a1", "police", "government", 25), published="2023-06-17"),
                dict(_m("b1", "army", "government", 41), published="2023-06-19"),
                dict(_m("c1", "SOHR", "monitor", 30), published="2023-06-16")]
    assert choose_figures(mentions[:2], "killed", "ucdp", RELIABILITY)["best"] == 41  # the army reported last
    assert "latest of 2 equally reliable sources" in choose_figures(mentions[:2], "killed", "ucdp", RELIABILITY)["reason"]
    # a monitor and officials rank equally (corpus conventions): the army's later report sets best
    assert choose_figures(mentions, "killed", "ucdp", RELIABILITY)["best"] == 41
    monitor_first = {**RELIABILITY, "government": {**RELIABILITY["government"], "rank": 2}}
    assert choose_figures(mentions, "killed", "ucdp", monitor_first)["best"] == 30  # a project's own ranking
    undated = [dict(mention, published=None) for mention in mentions[:2]]
    # no order: the higher figure, taken as the later one since tolls rise (as within one source's figures)
    assert choose_figures(undated, "killed", "ucdp", RELIABILITY)["best"] == 41

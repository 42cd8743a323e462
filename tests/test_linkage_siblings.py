"""Two dated reports of one article in one event: only when they agree on the day and the place."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import linkage, linkage_siblings


def _reports(rows: list[dict]) -> pd.DataFrame:
    base = {column: None for column in linkage.REPORT_COLUMNS}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["latitude"] = frame["latitude"].astype("Float64")
    frame["longitude"] = frame["longitude"].astype("Float64")
    return frame


def _facts(rows: list[dict]) -> linkage_siblings.SiblingFacts:
    return linkage_siblings.SiblingFacts.of(_reports(rows))


@pytest.mark.parametrize("left, right, agree", [
    # a lede's toll and a later paragraph's revised toll, both of the same day in the same village
    ({"place_key": "klm", "admin1_key": "nrth"}, {"place_key": "klm", "admin1_key": "nrth"}, True),
    # the later paragraph names no village: nothing contradicts
    ({"place_key": "klm", "admin1_key": "nrth"}, {"place_key": None, "admin1_key": "nrth"}, True),
    ({"place_key": "klm", "admin1_key": None}, {"place_key": None, "admin1_key": None}, True),
    # two blasts of one day in two districts of the capital
    ({"place_key": "klm", "admin1_key": "nrth"}, {"place_key": "sndr", "admin1_key": "nrth"}, False),
    # an attack in another province that day
    ({"place_key": None, "admin1_key": "nrth"}, {"place_key": None, "admin1_key": "sth"}, False),
])
def test_siblings_of_one_day_agree_unless_their_places_or_provinces_differ(left, right, agree):
    facts = _facts([{"report_id": "R1", "article_id": "a", "date_lo": 200, "date_hi": 200, **left},
                    {"report_id": "R2", "article_id": "a", "date_lo": 200, "date_hi": 200, **right}])
    assert linkage_siblings.siblings_agree(facts, 0, 1) is agree


def test_siblings_of_other_days_or_coarser_intervals_do_not_agree():
    facts = _facts([
        {"report_id": "R1", "article_id": "a", "date_lo": 200, "date_hi": 200, "place_key": "klm"},
        {"report_id": "R2", "article_id": "a", "date_lo": 201, "date_hi": 201, "place_key": "klm"},  # the next night
        {"report_id": "R3", "article_id": "a", "date_lo": 194, "date_hi": 200, "place_key": "klm"},  # "last week"
        {"report_id": "R4", "article_id": "a", "date_lo": None, "date_hi": None, "place_key": "klm"},
    ])
    assert not linkage_siblings.siblings_agree(facts, 0, 1)
    assert not linkage_siblings.siblings_agree(facts, 0, 2)
    assert not linkage_siblings.siblings_agree(facts, 0, 3)


def _story(second_place: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    # article a tells one attack twice (R1 in the lede, R2 in a recap lower down), both dated to day 300; article b
    # tells it once (R3) and agrees strongly with both
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "date_lo": 300, "date_hi": 300, "place_key": "klm", "admin1_key": "nrth"},
        {"report_id": "R2", "article_id": "a", "date_lo": 300, "date_hi": 300, "place_key": second_place,
         "admin1_key": "nrth"},
        {"report_id": "R3", "article_id": "b", "date_lo": 300, "date_hi": 300, "place_key": "klm", "admin1_key": "nrth"},
    ])
    pairs = pd.DataFrame({"report_id_l": ["R1", "R2"], "report_id_r": ["R3", "R3"],
                          "match_weight": [12.0, 10.0], "match_probability": [0.999, 0.99]})
    return reports, pairs


def test_dated_siblings_that_agree_join_through_another_article_only_when_switched_on():
    reports, pairs = _story(None)
    common = dict(threshold=0.5, max_date_gap_days=3, max_distance_km=250)
    joined = linkage.cluster_reports(reports, pairs, dated_siblings_may_join=True, **common)
    assert joined["R1"] == joined["R2"] == joined["R3"]
    apart = linkage.cluster_reports(reports, pairs, **common)
    assert apart["R1"] == apart["R3"] != apart["R2"]


def test_dated_siblings_at_two_places_stay_two_events_however_strongly_another_report_links_them():
    reports, pairs = _story("sndr")
    clusters = linkage.cluster_reports(reports, pairs, threshold=0.5, max_date_gap_days=3, max_distance_km=250,
                                       dated_siblings_may_join=True)
    assert clusters["R1"] == clusters["R3"] != clusters["R2"]


def test_the_repository_settings_let_agreeing_siblings_join():
    assert linkage.load_settings()["clustering"]["dated_siblings_may_join"] is True

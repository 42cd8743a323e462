"""Place agreement weighs by its precision: a shared country with nothing finer known says no more than a shared
province (helpers.linkage's place comparison, data/linkage/splink_settings.yaml)."""
from __future__ import annotations

import pandas as pd

from helpers import linkage


def _reports(rows: list[dict]) -> pd.DataFrame:
    base = {column: None for column in linkage.REPORT_COLUMNS}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    for name in ["latitude", "longitude"]:
        frame[name] = frame[name].astype("Float64")
    frame["is_vague_place"] = frame["is_vague_place"].fillna(False).astype(bool)
    return frame


def _place_levels(reports: pd.DataFrame) -> dict[tuple[str, str], str]:
    from helpers import linkage_training

    pairs, labels = linkage_training.level_vectors(reports, linkage.load_settings())
    return {(l, r): labels["place"].get(g, "null")
            for l, r, g in zip(pairs["report_id_l"], pairs["report_id_r"], pairs["gamma_place"])}


def _stated(label: str) -> dict:
    place = next(c for c in linkage.load_settings()["comparisons"] if c["output_column_name"] == "place")
    return next(level for level in place["levels"] if level.get("label") == label)


def test_two_unplaced_villages_of_one_country_agree_no_more_than_two_reports_of_one_province():
    province = linkage.normalise_place("Zinder")
    reports = _reports([
        # two villages the gazetteer knows neither of, in one country: only the country is shared
        {"report_id": "R1", "article_id": "a", "place_key": "kollo village", "country_key": "Niger"},
        {"report_id": "R2", "article_id": "b", "place_key": "dogon village", "country_key": "Niger"},
        # two other villages placed in one province but not on the map
        {"report_id": "R3", "article_id": "c", "place_key": "first hamlet", "admin1_key": province,
         "admin1_set": [province], "country_key": "Niger"},
        {"report_id": "R4", "article_id": "d", "place_key": "second hamlet", "admin1_key": province,
         "admin1_set": [province], "country_key": "Niger"},
    ])
    level = _place_levels(reports)
    assert level[("R1", "R2")] == "same country, nothing finer known on both sides"
    assert level[("R3", "R4")] == "same province"
    # the share of one attack's pairs at the coarser level is no larger than at the finer one: with u counted on
    # the collection itself (u_from_collection), a larger m made a shared country outweigh a shared province
    country, same_province = _stated("same country, nothing finer known on both sides"), _stated("same province")
    assert country["m"] <= same_province["m"]

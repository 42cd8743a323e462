"""The killed and wounded figures compared together, and an "at least" figure's reach (helpers.linkage)."""
import pandas as pd

from helpers import linkage
from helpers.reconcile import type_mentions
from helpers.schemas import MENTIONS_COLUMNS


def _reports(rows: list[dict]) -> pd.DataFrame:
    base = {column: None for column in linkage.REPORT_COLUMNS}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    for name in ["latitude", "longitude", "killed_lo", "killed_hi", "killed_reach", "wounded_lo", "wounded_hi"]:
        frame[name] = frame[name].astype("Float64")
    return frame


def _levels(reports: pd.DataFrame, comparison: str) -> dict[tuple[str, str], str]:
    from helpers import linkage_training

    pairs, labels = linkage_training.level_vectors(reports, linkage.load_settings())
    return {(l, r): labels[comparison].get(g, "null")
            for l, r, g in zip(pairs["report_id_l"], pairs["report_id_r"], pairs[f"gamma_{comparison}"])}


def _figures(killed: float, wounded: float | None = None, *, reach: float | None = None) -> dict:
    return {"killed_lo": killed, "killed_hi": killed, "killed_reach": reach if reach is not None else killed,
            "wounded_lo": wounded, "wounded_hi": wounded}


def _weight(label: str) -> float:
    table = linkage.settings_table(linkage.load_settings())
    return float(table[(table["comparison"] == "killed") & (table["level"] == label)]["match_weight"].iloc[0])


def test_killed_and_wounded_agreeing_together_is_stronger_than_the_killed_figure_alone():
    reports = _reports([
        # "12 killed and 30 wounded", repeated by a second outlet; a third gives the dead only; a fourth, 12 dead
        # and 4 wounded (another attack with the same toll); a fifth, 14 dead and 33 wounded counted later
        {"report_id": "R1", "article_id": "a", **_figures(12, 30)},
        {"report_id": "R2", "article_id": "b", **_figures(12, 30)},
        {"report_id": "R3", "article_id": "c", **_figures(12)},
        {"report_id": "R4", "article_id": "d", **_figures(12, 4)},
        {"report_id": "R5", "article_id": "e", **_figures(14, 33)},
    ])
    level = _levels(reports, "killed")
    assert level[("R1", "R2")] == "same killed and wounded figures"
    assert level[("R1", "R3")] == level[("R1", "R4")] == "same figure, 10 or more"
    assert level[("R1", "R5")] == "killed and wounded figures both within 25%"
    assert level[("R4", "R5")] == "within 25%"  # the wounded 4 against 33 do not agree: the dead alone decide
    assert _weight("same killed and wounded figures") > _weight("same figure, 10 or more") + 1
    assert _weight("killed and wounded figures both within 25%") > _weight("within 25%")


def test_the_wounded_alone_do_not_link_reports_without_a_killed_figure():
    reports = _reports([
        {"report_id": "R1", "article_id": "a", "wounded_lo": 30.0, "wounded_hi": 30.0},
        {"report_id": "R2", "article_id": "b", **_figures(12, 30)},
    ])
    reports[["wounded_lo", "wounded_hi"]] = reports[["wounded_lo", "wounded_hi"]].astype("Float64")
    assert _levels(reports, "killed")[("R1", "R2")] == "no killed figure on one side"


def test_an_at_least_figure_agrees_with_a_later_larger_count_not_with_a_smaller_one():
    reports = _reports([
        {"report_id": "R1", "article_id": "a", **_figures(20, reach=30)},  # "at least 20 killed"
        {"report_id": "R2", "article_id": "b", **_figures(27)},
        {"report_id": "R3", "article_id": "c", **_figures(8)},
        {"report_id": "R4", "article_id": "d", **_figures(20)},
    ])
    level = _levels(reports, "killed")
    assert level[("R1", "R4")] == "same figure, 10 or more"
    assert level[("R1", "R2")] == "within an open figure's reach"
    assert level[("R1", "R3")] == "within a factor of 5"
    assert level[("R2", "R4")] == "within a factor of 2"  # an exact 20 does not reach 27
    assert _weight("within an open figure's reach") > _weight("within a factor of 5")


def test_reports_read_an_open_figure_s_reach_and_the_wounded_from_their_mentions():
    mentions = pd.DataFrame({column: [pd.NA] * 4 for column in MENTIONS_COLUMNS}).astype("string")
    mentions["mention_id"] = ["m1", "m2", "m3", "m4"]
    mentions["article_id"] = ["a", "a", "b", "c"]
    mentions["article_event_key"] = ["e1", "e1", "e1", "e1"]
    # "at least 20 killed" and "more than 40 wounded"; "between 10 and 15 killed"; a claim's 90 is not a count
    mentions["killed"] = ["20", pd.NA, "10", "90"]
    mentions["killed_qualifier"] = ["at_least", pd.NA, "range", "exact"]
    mentions["killed_max"] = [pd.NA, pd.NA, "15", pd.NA]
    mentions["wounded"] = [pd.NA, "40", pd.NA, pd.NA]
    mentions["wounded_qualifier"] = [pd.NA, "more_than", pd.NA, pd.NA]
    mentions["is_claim"] = ["false", "false", "false", "true"]
    reports, _ = linkage.build_reports(type_mentions(mentions, pd.DataFrame({"article_id": ["a", "b", "c"]})))
    first, second, claim = reports.iloc[0], reports.iloc[1], reports.iloc[2]
    assert (first["killed_lo"], first["killed_hi"], first["killed_reach"]) == (20, 20, 30)
    assert (first["wounded_lo"], first["wounded_hi"]) == (40, 40)
    assert (second["killed_lo"], second["killed_hi"], second["killed_reach"]) == (10, 15, 15)
    assert pd.isna(second["wounded_lo"])
    assert pd.isna(claim["killed_lo"]) and pd.isna(claim["killed_reach"])

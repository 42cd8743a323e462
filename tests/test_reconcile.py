"""Reconcile stage: each linking, figure, date and contradiction rule on made-up mentions (none from the seeds)."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import evaluate
from helpers.reconcile import RULE_SETS, build_events, choose_perpetrator, compare_rule_totals, explain_pairs, link_mentions, reconcile, type_mentions
from helpers.schemas import CONTRADICTIONS_COLUMNS, EVENTS_COLUMNS, MENTIONS_COLUMNS
from helpers.synthetic import make_mentions

SARAQIB = {"place": "Saraqib", "admin1": "Idlib", "latitude": "35.8646", "longitude": "36.8037"}
HAJIN = {"place": "Hajin", "admin1": "Deir ez-Zor", "latitude": "34.6962", "longitude": "40.8303"}
DARAA = {"place": "Daraa", "admin1": "Daraa", "latitude": "32.6189", "longitude": "36.1021"}
MONITOR = {"figure_source": "Syrian Observatory for Human Rights", "source_type": "monitor"}


def mention(mention_id: str, article_id: str, key: str = "e1", **fields: object) -> dict:
    """One made-up mention: a clash on a given day at Saraqib reported by the monitor, unless overridden."""
    row = {column: pd.NA for column in MENTIONS_COLUMNS}
    row.update(
        mention_id=mention_id, article_id=article_id, article_event_key=key, role="main",
        event_type="Battles", sub_event_type="Armed clash",
        date_start="2022-03-14", date_end="2022-03-14", date_precision="day", date_text="on Monday",
        country="Syria", geo_precision="place", perpetrator="Syrian government forces",
        target="Syrian Democratic Forces", killed="12", killed_qualifier="exact", is_claim="false",
        annotator="rules", **SARAQIB, **MONITOR,
    )
    row.update(fields)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    """Mentions as the annotate stage writes them (text columns)."""
    return pd.DataFrame(list(rows)).astype("string")


def articles(**published: str) -> pd.DataFrame:
    """articles.csv rows: article_id -> published date (blank allowed)."""
    return pd.DataFrame({
        "article_id": list(published),
        "published": [value or pd.NA for value in published.values()],
        "outlet": [f"Outlet {name}" for name in published],
    }).astype("string")


def event_of(mentions_out: pd.DataFrame) -> dict[str, str]:
    """mention_id -> event_id."""
    return dict(zip(mentions_out["mention_id"], mentions_out["event_id"]))


# ---------------------------------------------------------------------------------------------------------
# Interface


def test_reconcile_returns_contract_tables_sorted_with_every_mention_assigned():
    mentions = frame(mention("b-1", "b"), mention("a-1", "a"), mention("c-1", "c", **HAJIN, date_start="2021-05-02", date_end="2021-05-02"))
    events, contradictions, out = reconcile(mentions, articles(a="2022-03-15", b="2022-03-15", c="2021-05-03"))
    assert list(events.columns) == EVENTS_COLUMNS
    assert list(contradictions.columns) == CONTRADICTIONS_COLUMNS
    assert list(out["mention_id"]) == ["a-1", "b-1", "c-1"]
    assert out["event_id"].notna().all()
    assert list(events["event_id"]) == sorted(events["event_id"])
    assert "article_event_key" in out.columns  # extra columns of the annotator are kept


def test_event_ids_are_ordered_by_date_then_place_then_first_mention():
    mentions = frame(
        mention("z-1", "z", date_start="2020-01-05", date_end="2020-01-05", **HAJIN),
        mention("y-1", "y", date_start="2024-06-01", date_end="2024-06-01", **DARAA, perpetrator="Islamic State"),
        mention("x-1", "x", date_start=pd.NA, date_end=pd.NA, date_precision="unknown", date_text=pd.NA,
                **SARAQIB, killed="90", perpetrator="Russian forces", target="Civilians"),
    )
    events, _, out = reconcile(mentions, articles(x="", y="", z=""))
    ids = event_of(out)
    assert ids == {"z-1": "EV0001", "y-1": "EV0002", "x-1": "EV0003"}  # unknown date last


def test_bad_rules_value_names_the_parameter_and_allowed_values():
    with pytest.raises(ValueError, match=r"rules must be one of \['ucdp', 'acled', 'range'\]"):
        reconcile(frame(mention("a-1", "a")), articles(a=""), rules="gdelt")
    assert RULE_SETS == ("ucdp", "acled", "range")


def test_reconcile_is_deterministic_whatever_the_row_order():
    mentions, article_table = make_mentions(300, seed=7)
    first = reconcile(mentions, article_table)
    second = reconcile(mentions.sample(frac=1, random_state=3), article_table)
    for left, right in zip(first, second):
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True))


def test_reconcile_prints_nothing(capfd):
    reconcile(frame(mention("a-1", "a"), mention("b-1", "b")), articles(a="2022-03-15", b="2022-03-16"))
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


# ---------------------------------------------------------------------------------------------------------
# Linking rules


def test_reports_of_one_attack_in_different_articles_are_linked():
    mentions = frame(mention("a-1", "a"), mention("b-1", "b", place="Sarakeb", killed="14",
                                                  figure_source=pd.NA, source_type="unattributed"))
    _, _, out = reconcile(mentions, articles(a="2022-03-15", b="2022-03-16"))
    assert out["event_id"].nunique() == 1


def test_two_events_in_one_article_never_merge_even_when_identical():
    mentions = frame(mention("a-1", "a", key="first"), mention("a-2", "a", key="second"),
                     mention("b-1", "b"))
    _, _, out = reconcile(mentions, articles(a="2022-03-15", b="2022-03-15"))
    ids = event_of(out)
    assert ids["a-1"] != ids["a-2"]
    assert ids["b-1"] in {ids["a-1"], ids["a-2"]}


def test_one_article_giving_two_sources_tolls_for_one_attack_stays_one_event():
    mentions = frame(mention("a-1", "a"), mention("a-2", "a", killed="15", figure_source="activists", source_type="activists"))
    events, _, out = reconcile(mentions, articles(a="2022-03-15"))
    assert out["event_id"].nunique() == 1
    assert events.loc[0, "n_sources"] == 2


def test_without_article_event_key_mentions_that_agree_are_grouped_and_others_kept_apart():
    mentions = frame(
        mention("a-1", "a"), mention("a-2", "a", killed="15", figure_source="activists", source_type="activists"),
        mention("a-3", "a", role="background", date_start="2021-10-01", date_end="2021-10-31", date_precision="month",
                date_text="In October", killed="4"),
    ).drop(columns="article_event_key")
    _, _, out = reconcile(mentions, articles(a="2022-03-15"))
    ids = event_of(out)
    assert ids["a-1"] == ids["a-2"] != ids["a-3"]


def test_two_events_at_one_place_years_apart_never_merge_even_through_an_undated_report():
    mentions = frame(
        mention("a-1", "a", date_start="2019-07-01", date_end="2019-07-01", date_text="on Monday"),
        mention("b-1", "b", date_start=pd.NA, date_end=pd.NA, date_precision="unknown", date_text="on Monday"),
        mention("c-1", "c", date_start="2023-07-03", date_end="2023-07-03", date_text="on Monday"),
    )
    _, _, out = reconcile(mentions, articles(a="2019-07-02", b="", c="2023-07-04"))
    ids = event_of(out)
    assert ids["a-1"] != ids["c-1"]
    assert ids["b-1"] in {ids["a-1"], ids["c-1"]}


def test_background_mention_months_later_joins_its_event():
    mentions = frame(
        mention("a-1", "a", **HAJIN, date_start="2022-08-11", date_end="2022-08-11", date_text="on Thursday",
                perpetrator="Islamic State", target="Syrian government forces", killed="21"),
        mention("b-1", "b", key="main", **DARAA, date_start="2022-12-05", date_end="2022-12-05",
                perpetrator="Islamic State", target="Civilians", killed="3"),
        mention("b-2", "b", key="bg", role="background", **HAJIN, date_start="2022-08-01", date_end="2022-08-31",
                date_precision="month", date_text="In August", perpetrator="Islamic State",
                target="Syrian government forces", killed="29"),
    )
    _, _, out = reconcile(mentions, articles(a="2022-08-12", b="2022-12-06"))
    ids = event_of(out)
    assert ids["b-2"] == ids["a-1"]
    assert ids["b-1"] != ids["a-1"]


def test_background_month_without_a_year_joins_a_dated_event():
    mentions = frame(
        mention("a-1", "a", **HAJIN, date_start="2022-08-11", date_end="2022-08-11", date_text="on Thursday",
                perpetrator="Islamic State", killed="21"),
        mention("b-1", "b", role="background", **HAJIN, date_start=pd.NA, date_end=pd.NA, date_precision="unknown",
                date_text="In August", perpetrator="Islamic State", killed="21"),
    )
    events, _, out = reconcile(mentions, articles(a="2022-08-12", b=""))
    assert out["event_id"].nunique() == 1
    assert (events.loc[0, "date_start"], events.loc[0, "date_end"]) == ("2022-08-11", "2022-08-11")


def test_unknown_date_costs_a_little_confidence_and_a_date_conflict_is_a_strong_no():
    def date_weights(first_date_text: str) -> tuple[dict, dict, object]:
        typed = type_mentions(frame(
            mention("a-1", "a", date_text=first_date_text),
            mention("b-1", "b", date_start=pd.NA, date_end=pd.NA, date_precision="unknown", date_text=pd.NA),
            mention("c-1", "c", date_start="2022-02-01", date_end="2022-02-01", date_text="on 1 February"),
        ), articles(a="2022-03-15", b="", c="2022-02-02"))
        link = link_mentions(typed, explain=True)
        weights = {(l, r): w for l, r, w in zip(link.pairs["report_id_l"], link.pairs["report_id_r"], link.pairs["mw_date"])}
        report = dict(zip(typed["mention_id"], typed["mention_id"].map(link.report_of_mention)))
        return weights, report, link

    weights, report, link = date_weights("on 14 March")
    pair = lambda x, y: tuple(sorted([report[x], report[y]]))  # noqa: E731
    assert -1 < weights[pair("a-1", "b-1")] < 0  # unknown: a little against
    assert weights[pair("a-1", "c-1")] < -8  # six weeks apart, neither counted back from a publication date
    assert list(link.pairs["mw_weekday"]) == [0.0] * len(link.pairs)
    assert link.cluster_of_report[report["a-1"]] != link.cluster_of_report[report["c-1"]]
    # "on Monday", counted back from the publication date, is a weak date: the same conflict costs less, though six
    # weeks are still beyond the month any two dates may lie apart
    weights, report, link = date_weights("on Monday")
    assert -6 < weights[pair("a-1", "c-1")] < -3
    assert link.cluster_of_report[report["a-1"]] != link.cluster_of_report[report["c-1"]]


def test_reports_with_unknown_dates_need_other_evidence_to_link():
    undated = {"date_start": pd.NA, "date_end": pd.NA, "date_precision": "unknown", "date_text": pd.NA}
    mentions = frame(
        mention("a-1", "a", **undated, killed="3", target="Civilians", event_type="Violence against civilians",
                sub_event_type="Attack"),
        mention("b-1", "b", **undated, killed="40"),
    )
    _, _, out = reconcile(mentions, articles(a="", b=""))
    assert out["event_id"].nunique() == 2


def test_same_weekday_links_an_undated_report_to_a_dated_one_and_a_different_weekday_does_not():
    undated = {"date_start": pd.NA, "date_end": pd.NA, "date_precision": "unknown", "place": pd.NA,
               "latitude": pd.NA, "longitude": pd.NA, "geo_precision": "admin1"}
    base = frame(mention("a-1", "a", date_text="late on Monday"), mention("b-1", "b", **undated, date_text="Monday night"))
    other = frame(mention("a-1", "a", date_text="late on Monday"), mention("b-1", "b", **undated, date_text="Friday night"))
    _, _, same = reconcile(base, articles(a="2022-03-15", b=""))
    _, _, different = reconcile(other, articles(a="2022-03-15", b=""))
    assert same["event_id"].nunique() == 1
    assert different["event_id"].nunique() == 2


def test_place_far_away_keeps_reports_apart():
    mentions = frame(mention("a-1", "a"), mention("b-1", "b", **DARAA))
    _, _, out = reconcile(mentions, articles(a="2022-03-15", b="2022-03-15"))
    assert out["event_id"].nunique() == 2


def test_points_beyond_the_hard_distance_never_join_a_group_even_when_one_pair_links(tmp_path):
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"), mention("c-1", "c", **HAJIN))
    decisions = tmp_path / "d.csv"
    decisions.write_text("decision,mention_id,other_mention_id,reason\nmerge,a-1,c-1,editor's call\n")
    _, _, out = reconcile(mentions, articles(a="", b="", c=""), decisions_path=decisions)
    ids = event_of(out)
    assert ids["a-1"] == ids["c-1"] != ids["b-1"]  # Hajin is ~360 km from Saraqib (max_distance_km 250)


def test_manual_merge_and_split_override_the_model(tmp_path):
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"), mention("c-1", "c", **DARAA, date_start="2018-01-01", date_end="2018-01-01"))
    decisions = tmp_path / "merge_split.csv"
    decisions.write_text(
        "decision,mention_id,other_mention_id,reason\n"
        "split,a-1,b-1,two clashes the same day reported by a local source\n"
        "merge,a-1,c-1,the 2018 article misdated the attack\n",
        encoding="utf-8",
    )
    _, _, out = reconcile(mentions, articles(a="", b="", c=""), decisions_path=decisions)
    ids = event_of(out)
    assert ids["a-1"] != ids["b-1"]
    assert ids["a-1"] == ids["c-1"]


def test_a_split_decision_can_separate_mentions_the_annotator_grouped(tmp_path):
    mentions = frame(mention("a-1", "a"), mention("a-2", "a", killed="30"))
    decisions = tmp_path / "merge_split.csv"
    decisions.write_text("decision,mention_id,other_mention_id,reason\nsplit,a-1,a-2,second toll is another clash\n")
    _, _, out = reconcile(mentions, articles(a=""), decisions_path=decisions)
    assert out["event_id"].nunique() == 2


def test_decisions_need_a_reason_and_a_known_verb(tmp_path):
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"))
    no_reason = tmp_path / "no_reason.csv"
    no_reason.write_text("decision,mention_id,other_mention_id,reason\nmerge,a-1,b-1,\n")
    with pytest.raises(ValueError, match="reason"):
        reconcile(mentions, articles(a="", b=""), decisions_path=no_reason)
    bad_verb = tmp_path / "bad_verb.csv"
    bad_verb.write_text("decision,mention_id,other_mention_id,reason\njoin,a-1,b-1,same\n")
    with pytest.raises(ValueError, match="merge"):
        reconcile(mentions, articles(a="", b=""), decisions_path=bad_verb)


def test_training_on_too_few_reports_warns_and_keeps_the_priors():
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"))
    with pytest.warns(UserWarning, match="min_reports_to_train"):
        _, _, trained = reconcile(mentions, articles(a="", b=""), train=True)
    _, _, untrained = reconcile(mentions, articles(a="", b=""))
    assert event_of(trained) == event_of(untrained)


def test_linking_on_synthetic_mentions_recovers_most_events():
    mentions, article_table = make_mentions(1500, seed=11)
    _, _, out = reconcile(mentions, article_table)
    scores = evaluate.bcubed(out, mentions.assign(event_id=mentions["true_event"]))
    assert scores["f1"] >= 0.85


# ---------------------------------------------------------------------------------------------------------
# Figures


def test_at_least_counts_as_n_and_claims_never_set_low_or_best():
    mentions = frame(
        mention("a-1", "a", killed="20", killed_qualifier="at_least", figure_source="activists", source_type="activists"),
        mention("a-2", "a", killed="60", figure_source="Islamic State", source_type="perpetrator_claim", is_claim="true"),
        mention("b-1", "b", killed="25"),
    )
    events, _, _ = reconcile(mentions, articles(a="2022-03-15", b="2022-03-15"))
    row = events.iloc[0]
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (20, 25, 25)
    assert row["claimed_casualties"] == 60
    assert "Islamic State (claim)" in row["sources"]


def test_claim_of_killed_or_wounded_goes_to_claimed_casualties_only():
    mentions = frame(mention("a-1", "a", killed=pd.NA, casualties="40", casualties_qualifier="more_than",
                             figure_source="Islamic State", source_type="perpetrator_claim", is_claim="true"))
    events, _, _ = reconcile(mentions, articles(a="2022-03-15"))
    row = events.iloc[0]
    assert pd.isna(row["killed_best"]) and pd.isna(row["killed_low"]) and pd.isna(row["killed_high"])
    assert row["claimed_casualties"] == 40
    assert "claim_only" in row["flags"].split(";")


def test_later_figure_from_the_same_source_supersedes_by_publication_date():
    mentions = frame(mention("a-1", "a", killed="40"), mention("b-1", "b", killed="31"))
    events, _, _ = reconcile(mentions, articles(a="2022-03-15", b="2022-03-20"))
    assert events.loc[0, "killed_best"] == 31  # the monitor revised its count down in the later article
    assert events.loc[0, "killed_low"] == 31 and events.loc[0, "killed_high"] == 31
    assert "latest figure by publication date" in events.loc[0, "rationale"]


def test_when_publication_dates_cannot_order_a_sources_figures_the_higher_is_taken_as_later():
    mentions = frame(mention("a-1", "a", killed="12"), mention("b-1", "b", killed="15"))
    events, _, _ = reconcile(mentions, articles(a="2022-03-15", b=""))
    assert events.loc[0, "killed_best"] == 15
    assert "tolls rise" in events.loc[0, "rationale"]


def test_best_is_the_most_reliable_source_and_outlets_repeating_one_monitor_are_one_source():
    mentions = frame(
        mention("a-1", "a", killed="12"),
        mention("b-1", "b", killed="12"),
        mention("c-1", "c", killed="9", figure_source="SANA", source_type="government"),
        mention("d-1", "d", killed="16", figure_source=pd.NA, source_type="unattributed"),
    )
    events, _, _ = reconcile(mentions, articles(a="2022-03-15", b="2022-03-15", c="2022-03-15", d="2022-03-15"))
    row = events.iloc[0]
    assert row["n_sources"] == 3  # the monitor (twice), the state agency, outlet d
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (9, 12, 16)
    assert row["rationale"].count(".") == 1 and "Syrian Observatory for Human Rights (monitor)" in row["rationale"]


def test_wounded_figures_follow_the_same_rules():
    mentions = frame(mention("a-1", "a", wounded="30"), mention("b-1", "b", wounded="18", figure_source="activists", source_type="activists"))
    events, _, _ = reconcile(mentions, articles(a="2022-03-15", b="2022-03-15"))
    row = events.iloc[0]
    assert (row["wounded_low"], row["wounded_best"], row["wounded_high"]) == (18, 30, 30)


def test_rule_sets_ucdp_acled_and_range():
    mentions = frame(
        mention("a-1", "a", killed="10"),
        mention("b-1", "b", killed="14"),
        mention("c-1", "c", killed="8", killed_qualifier="range", killed_max="11", figure_source="activists", source_type="activists"),
    )
    table = articles(a="2022-03-15", b="2022-03-17", c="2022-03-15")
    ucdp, _, _ = reconcile(mentions, table, rules="ucdp")
    acled, _, _ = reconcile(mentions, table, rules="acled")
    ranged, _, _ = reconcile(mentions, table, rules="range")
    figures = lambda events: tuple(events.loc[0, ["killed_low", "killed_best", "killed_high"]])  # noqa: E731
    assert figures(ucdp) == (8, 14, 14)  # monitor's later 14 supersedes its 10; activists 8-11
    assert figures(acled) == (8, 8, 8)  # one conservative figure
    assert figures(ranged) == (8, 8, 14)  # every figure kept: min 8, max 14
    assert "(rules: acled)" in acled.loc[0, "rationale"]


# ---------------------------------------------------------------------------------------------------------
# Dates


def test_event_date_is_the_intersection_of_agreeing_intervals():
    mentions = frame(
        mention("a-1", "a", date_start="2022-03-01", date_end="2022-03-31", date_precision="month", date_text="in March"),
        mention("b-1", "b", date_start="2022-03-13", date_end="2022-03-19", date_precision="week", date_text="last week"),
        mention("c-1", "c", date_start="2022-03-14", date_end="2022-03-14"),
    )
    events, contradictions, out = reconcile(mentions, articles(a="", b="", c=""))
    assert out["event_id"].nunique() == 1
    assert tuple(events.loc[0, ["date_start", "date_end", "date_precision"]]) == ("2022-03-14", "2022-03-14", "day")
    assert contradictions.empty


def test_conflicting_dates_keep_the_better_supported_interval_and_blame_a_publication_date():
    mentions = frame(
        mention("a-1", "a", date_start="2022-03-14", date_end="2022-03-14"),
        mention("b-1", "b", date_start="2022-03-14", date_end="2022-03-14", date_text="on March 14"),
        mention("c-1", "c", date_start="2022-03-21", date_end="2022-03-21", date_text="on Monday"),
    )
    # c's "Monday" was counted back from a publication date a week late (a republished story)
    events, contradictions, out = reconcile(mentions, articles(a="2022-03-15", b="2022-03-16", c="2022-03-22"))
    assert out["event_id"].nunique() == 1
    assert events.loc[0, "date_start"] == "2022-03-14"
    row = contradictions[contradictions["field"].eq("date")].iloc[0]
    assert row["article_ids"] == "a;b;c"
    assert "2022-03-21 (c)" in row["values"]
    assert "publication date of c (2022-03-22)" in row["note"]
    # four weeks late, a date counted back from a publication date is evidence, not a veto: the same place, toll,
    # actors and type outweigh it; six weeks is beyond the month any two dates may lie apart: a different attack
    later = mentions.copy()
    later.loc[2, ["date_start", "date_end"]] = "2022-04-11"
    _, _, together = reconcile(later, articles(a="2022-03-15", b="2022-03-16", c="2022-04-12"))
    assert together["event_id"].nunique() == 1
    later.loc[2, ["date_start", "date_end"]] = "2022-04-25"
    _, _, apart = reconcile(later, articles(a="2022-03-15", b="2022-03-16", c="2022-04-26"))
    assert apart["event_id"].nunique() == 2
    assert "date_conflict" in events.loc[0, "flags"].split(";")


def test_months_named_without_a_year_that_disagree_are_a_date_conflict():
    undated = {"date_start": pd.NA, "date_end": pd.NA, "date_precision": "unknown"}
    mentions = frame(mention("a-1", "a", **undated, date_text="In May"), mention("b-1", "b", **undated, date_text="In May"),
                     mention("c-1", "c", **undated, date_text="in June"))
    events, contradictions, out = reconcile(mentions, articles(a="", b="", c=""), match_threshold=0.5)
    assert out["event_id"].nunique() == 1
    assert list(contradictions["field"]) == ["date"]
    assert contradictions.loc[0, "values"] == "June (year unknown) (c); May (year unknown) (a, b)"


def test_publication_before_the_event_is_a_contradiction():
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"))
    events, contradictions, _ = reconcile(mentions, articles(a="2022-03-15", b="2022-03-10"))
    assert "published" in set(contradictions["field"])


# ---------------------------------------------------------------------------------------------------------
# Contradictions and flags


def test_places_far_apart_are_a_location_conflict(tmp_path):
    hama = {"place": "Hama", "admin1": "Hama", "latitude": "35.1318", "longitude": "36.7578"}  # ~80 km away
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"), mention("c-1", "c", **hama))
    decisions = tmp_path / "d.csv"
    decisions.write_text("decision,mention_id,other_mention_id,reason\nmerge,a-1,c-1,same clash misplaced by c\n")
    events, contradictions, out = reconcile(mentions, articles(a="", b="", c=""), decisions_path=decisions)
    assert out["event_id"].nunique() == 1
    row = contradictions[contradictions["field"].eq("location")].iloc[0]
    assert row["article_ids"] == "a;b;c" and "Hama (c)" in row["values"]
    assert events.loc[0, "place"] == "Saraqib"
    assert "location_conflict" in events.loc[0, "flags"]


def test_nearby_places_are_no_location_conflict():
    mentions = frame(mention("a-1", "a"), mention("b-1", "b", place="Afis", latitude="35.8860", longitude="36.8280"))
    _, contradictions, out = reconcile(mentions, articles(a="", b=""))
    assert out["event_id"].nunique() == 1
    assert "location" not in set(contradictions["field"])


def test_toll_spread_of_one_and_a_half_is_flagged_and_smaller_is_not():
    wide = frame(mention("a-1", "a", killed="10"), mention("b-1", "b", killed="15", figure_source="activists", source_type="activists"))
    narrow = frame(mention("a-1", "a", killed="10"), mention("b-1", "b", killed="14", figure_source="activists", source_type="activists"))
    events_wide, contradictions_wide, _ = reconcile(wide, articles(a="", b=""))
    events_narrow, contradictions_narrow, _ = reconcile(narrow, articles(a="", b=""))
    assert list(contradictions_wide["field"]) == ["killed"]
    assert "Syrian Observatory for Human Rights: 10" in contradictions_wide.loc[0, "values"]
    assert "wide_spread" in events_wide.loc[0, "flags"]
    assert contradictions_narrow.empty and "wide_spread" not in events_narrow.loc[0, "flags"]


def test_different_perpetrators_and_suspected_attribution_are_contradictions():
    mentions = frame(
        mention("a-1", "a", perpetrator="Islamic State", is_attribution_suspected="true"),
        mention("b-1", "b", perpetrator="Islamic State", is_attribution_suspected="false"),
        mention("c-1", "c", perpetrator="Syrian Democratic Forces", is_attribution_suspected="false"),
    )
    events, contradictions, out = reconcile(mentions, articles(a="", b="", c=""))
    assert out["event_id"].nunique() == 1
    fields = dict(zip(contradictions["field"], contradictions["article_ids"]))
    assert fields == {"attribution": "a", "perpetrator": "a;b;c"}
    assert events.loc[0, "perpetrator"] == "Islamic State"
    assert "uncertain_attribution" in events.loc[0, "flags"]
    assert "perpetrator_conflict" in events.loc[0, "flags"]  # b and c blame different actors without doubt


def test_only_two_firm_named_perpetrators_make_a_perpetrator_conflict():
    # unnamed gunmen beside a named group, or a group only suspected, is not two reports blaming different actors
    unnamed_and_named = frame(
        mention("a-1", "a", perpetrator="Unidentified armed group", is_attribution_suspected="false"),
        mention("b-1", "b", perpetrator="Islamic State", is_attribution_suspected="false"),
    )
    suspected = frame(
        mention("a-1", "a", perpetrator="Islamic State", is_attribution_suspected="false"),
        mention("b-1", "b", perpetrator="Syrian Democratic Forces", is_attribution_suspected="true"),
    )
    for mentions in (unnamed_and_named, suspected):
        events, _, out = reconcile(mentions, articles(a="", b=""))
        assert out["event_id"].nunique() == 1
        assert "perpetrator_conflict" not in events.loc[0, "flags"]


def test_a_named_armed_group_outranks_unnamed_gunmen_even_when_only_suspected():
    # Three reports say only "gunmen"; one says "suspected Islamic State gunmen": the event is coded to the group
    # (CONVENTIONS: a suspected group counts), while each mention row keeps what its own article says.
    mentions = frame(
        mention("a-1", "a", perpetrator="Unidentified armed group"),
        mention("b-1", "b", perpetrator="Unidentified armed group"),
        mention("c-1", "c", perpetrator="Unidentified armed group"),
        mention("d-1", "d", perpetrator="Islamic State", is_attribution_suspected="true"),
    )
    events, _, out = reconcile(mentions, articles(a="", b="", c="", d=""))
    assert out["event_id"].nunique() == 1
    assert events.loc[0, "perpetrator"] == "Islamic State"
    assert dict(zip(out["mention_id"], out["perpetrator"]))["a-1"] == "Unidentified armed group"


def test_state_forces_do_not_outrank_the_unnamed_attackers():
    # The forces that fought back are on the event's rows too; they are not what "gunmen" stood for.
    rows = [{"article_id": "a", "perpetrator": "Unidentified armed group", "is_suspected": False},
            {"article_id": "b", "perpetrator": "Unidentified armed group", "is_suspected": False},
            {"article_id": "c", "perpetrator": "Syrian government forces", "is_suspected": False}]
    assert choose_perpetrator(rows) == "Unidentified armed group"
    assert choose_perpetrator(rows + [{"article_id": "d", "perpetrator": "Hayat Tahrir al-Sham;Unidentified armed group",
                                       "is_suspected": True}]) == "Hayat Tahrir al-Sham;Unidentified armed group"
    assert choose_perpetrator([{"article_id": "a", "perpetrator": None, "is_suspected": False}]) is None


def test_missing_suspected_attribution_column_is_no_error():
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"))
    assert "is_attribution_suspected" not in mentions.columns
    _, contradictions, _ = reconcile(mentions, articles(a="", b=""))
    assert contradictions.empty


def test_single_source_flag():
    events, _, _ = reconcile(frame(mention("a-1", "a"), mention("b-1", "b")), articles(a="", b=""))
    assert events.loc[0, "flags"] == "single_source" and events.loc[0, "n_sources"] == 1


def test_rules_do_not_change_linking_or_contradictions():
    mentions, article_table = make_mentions(200, seed=5)
    typed = type_mentions(mentions, article_table)
    link = link_mentions(typed)
    by_rule = {rules: build_events(typed, link, rules=rules, original=mentions) for rules in RULE_SETS}
    for rules in ("acled", "range"):
        pd.testing.assert_frame_equal(by_rule[rules][2], by_rule["ucdp"][2])
        pd.testing.assert_frame_equal(by_rule[rules][1], by_rule["ucdp"][1])


def test_events_do_not_depend_on_how_many_mentions_are_summarised_at_a_time(monkeypatch):
    mentions, article_table = make_mentions(200, seed=5)
    typed = type_mentions(mentions, article_table)
    link = link_mentions(typed)
    whole = build_events(typed, link, original=mentions)
    monkeypatch.setattr("helpers.reconcile.EVENT_CHUNK_ROWS", 7)  # dozens of chunks, cut only between events
    before = mentions.copy()
    chunked = build_events(typed, link, original=mentions)
    pd.testing.assert_frame_equal(mentions, before)  # the caller's mentions keep their (blank) event ids
    assert len(whole[0]) > 20
    for expected, got in zip(whole, chunked):
        pd.testing.assert_frame_equal(expected, got)


def test_linking_counts_the_candidate_pairs_it_scored():
    mentions, article_table = make_mentions(200, seed=5)
    typed = type_mentions(mentions, article_table)
    explained = link_mentions(typed, explain=True)  # keeps every scored pair, above the threshold or not
    assert explained.n_compared == len(explained.pairs) > 0
    linked = link_mentions(typed)
    assert linked.n_compared == explained.n_compared > len(linked.pairs)


def test_explain_pairs_shows_weights_per_comparison_and_the_grouping():
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"), mention("c-1", "c", **DARAA))
    typed = type_mentions(mentions, articles(a="", b="", c=""))
    pairs = explain_pairs(link_mentions(typed, explain=True), typed)
    first = pairs.iloc[0]
    assert (first["mentions_l"], first["mentions_r"], bool(first["is_joined"])) == ("a-1", "b-1", True)
    weights = [column for column in pairs.columns if column.startswith("mw_")]
    assert {"mw_date", "mw_place", "mw_killed"} <= set(weights)
    assert abs(first[weights].sum() + linkage_prior_weight() - first["match_weight"]) < 1e-6


def linkage_prior_weight() -> float:
    """log2 of the prior odds stated in the settings file."""
    import math

    from helpers.linkage import load_settings

    prior = load_settings()["probability_two_random_records_match"]
    return math.log2(prior / (1 - prior))


def test_compare_rule_totals_sums_each_rule_set():
    mentions = frame(mention("a-1", "a", killed="10"), mention("b-1", "b", killed="20", figure_source="activists", source_type="activists"))
    table = articles(a="", b="")
    totals = compare_rule_totals({rules: reconcile(mentions, table, rules=rules)[0] for rules in RULE_SETS})
    assert list(totals["rules"]) == ["ucdp", "acled", "range"]
    assert list(totals["killed_best"]) == [10, 10, 10]
    assert list(totals["killed_high"]) == [20, 10, 20]


def test_settings_table_lists_every_level_with_its_weight():
    from helpers.linkage import load_settings, settings_table

    table = settings_table(load_settings())
    assert {"comparison", "level", "m", "u", "match_weight", "reason"} <= set(table.columns)
    assert table["reason"].str.len().gt(0).all()
    assert table.loc[table["level"].eq("dates conflict beyond their precision"), "match_weight"].iloc[0] < -8


def test_training_on_enough_reports_estimates_the_model_and_still_links_well():
    import warnings

    mentions, article_table = make_mentions(1600, seed=13)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an EM session may keep its priors; that is reported, not an error
        typed = type_mentions(mentions, article_table)
        trained = link_mentions(typed, train=True)
    assert len(trained.reports) >= 1000
    assert trained.model["probability_two_random_records_match"] != 0.05  # re-estimated from the data
    _, _, out = build_events(typed, trained, original=mentions)
    assert evaluate.bcubed(out, mentions.assign(event_id=mentions["true_event"]))["f1"] >= 0.8


def test_an_undated_report_is_compared_with_its_neighbourhood_whatever_its_perpetrator():
    # b names no date, blames another group and spells the town differently (no equal place key), but it is
    # a few km from a and gives the same figure: blocking must hand the pair to Splink.
    undated = {"date_start": pd.NA, "date_end": pd.NA, "date_precision": "unknown", "date_text": pd.NA}
    mentions = frame(
        mention("a-1", "a"),
        mention("b-1", "b", **undated, perpetrator="Hayat Tahrir al-Sham", place="Sarakeb",
                latitude="35.88", longitude="36.83"),
    )
    typed = type_mentions(mentions, articles(a="2022-03-15", b=""))
    link = link_mentions(typed, explain=True)
    assert link.n_compared == 1
    assert link.pairs["mw_date"].iloc[0] < 0  # the missing date costs a little


def test_best_is_the_most_reliable_sources_latest_counted_figure_and_names_its_report():
    activists = {"figure_source": "local activists", "source_type": "activists"}
    mentions = frame(
        mention("a-1", "a", killed="9"),
        mention("b-1", "b", killed="14"),  # the monitor's later count
        # the monitor's "dozens" is a range the reporter did not count: never low, best or high
        mention("c-1", "c", killed="24", killed_qualifier="range", killed_max="99", figure_text="dozens"),
        mention("d-1", "d", killed="20", **activists),
    )
    events, _, _ = reconcile(mentions, articles(a="2022-03-15", b="2022-03-17", c="2022-03-18", d="2022-03-16"))
    assert len(events) == 1
    row = events.iloc[0]
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (14, 14, 20)
    assert "in article b of 2022-03-17" in row["rationale"]


def test_links_holding_events_name_the_strongest_links_of_each_large_event():
    mentions = frame(mention("a-1", "a"), mention("b-1", "b"), mention("c-1", "c", killed="13"),
                     mention("d-1", "d", **HAJIN, date_start="2021-06-01", date_end="2021-06-01"))
    typed = type_mentions(mentions, articles(a="2022-03-15", b="2022-03-15", c="2022-03-16", d="2021-06-02"))
    link = link_mentions(typed, explain=True)
    _, _, out = build_events(typed, link, original=mentions)
    from helpers.reconcile import links_holding_events

    links = links_holding_events(link, out, min_reports=3)
    assert links["event_id"].nunique() == 1  # only the three-report event; d is alone
    tree = links[~links["is_weakest"]]
    assert len(tree) == 2  # two links span three reports
    assert (tree["match_probability"] >= link.threshold).all()
    assert "mw_date" in links.columns


def test_a_report_that_revises_its_own_toll_sets_best_to_the_revision_read_from_its_sentence():
    import json

    sentence = "Officials cut the toll to 18, down from the 25 first reported, after double counting."
    spans_18 = json.dumps([[sentence.index("18"), sentence.index("18") + 2, "KILLED"]])
    spans_25 = json.dumps([[sentence.index("25"), sentence.index("25") + 2, "KILLED"]])
    common = dict(figure_source="officials", source_type="government", evidence=sentence, char_start="0",
                  char_end=str(len(sentence)))
    mentions = frame(mention("a-1", "a", killed="18", spans=spans_18, **common),
                     mention("a-2", "a", killed="25", spans=spans_25, **common))
    typed = type_mentions(mentions, articles(a="2022-03-15"))
    readings = typed.set_index("mention_id")["killed_reading"]
    assert readings["a-2"] == "earlier" and pd.isna(readings["a-1"])  # 'down from the 25': the replaced reading
    events, _, _ = reconcile(mentions, articles(a="2022-03-15"))
    assert (events.loc[0, "killed_low"], events.loc[0, "killed_best"], events.loc[0, "killed_high"]) == (18, 18, 18)

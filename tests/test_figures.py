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


def _f(mention_id, article_id, source, source_type, killed, published=None, **extra):
    return {"mention_id": mention_id, "article_id": article_id, "published": published, "source": source,
            "source_type": source_type, "is_claim": False, "killed": killed, **extra}


def test_a_figure_its_report_gives_as_replaced_is_superseded_by_the_reports_own_revision():
    # 'the ministry cut the toll to 18 from the previous figure of 25': one source, one report, two readings
    mentions = [_f("a1", "a", "ministry", "government", 18), _f("a2", "a", "ministry", "government", 25, killed_reading="earlier")]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (18, 18, 18)
    assert "set aside as replaced in their own report: 25 (ministry, a)" in chosen["reason"]
    # without the reading, the higher is taken as the later (tolls rise)
    plain = [dict(mention, killed_reading=None) for mention in mentions]
    assert choose_figures(plain, "killed", "ucdp", RELIABILITY)["best"] == 25


def test_a_replaced_reading_in_one_report_does_not_replace_another_reports_figure():
    # report b says the monitor 'had previously said' 34 and gives no other figure of it: nothing replaces 34
    mentions = [_f("a1", "a", "SOHR", "monitor", 30), _f("b1", "b", "SOHR", "monitor", 34, killed_reading="earlier")]
    assert choose_figures(mentions, "killed", "ucdp", RELIABILITY)["best"] == 34


def test_a_rounded_wording_beside_the_same_reports_precise_count_is_not_the_sources_figure():
    mentions = [_f("a1", "a", "state media", "government", 100, killed_qualifier="approx"),
                _f("a2", "a", "state media", "government", 95, killed_qualifier="exact")]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["best"], chosen["high"]) == (95, 95)
    # in two reports that dates do not order, the rounded figure may be the later count: the higher stays
    apart = [mentions[0], dict(mentions[1], article_id="b", mention_id="b1")]
    assert choose_figures(apart, "killed", "ucdp", RELIABILITY)["best"] == 100


def test_a_total_that_adds_the_attackers_dead_is_not_the_victims_toll():
    # one report: 'eight dead' (headline), 'five people killed' and 'three assailants shot dead', all from police
    mentions = [_f("a1", "a", "police", "government", 8), _f("a2", "a", "police", "government", 5),
                _f("a3", "a", "police", "government", None, attackers_killed=3)]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (5, 5, 5)
    # another source's own 'eight dead' is that source's figure: it stays (as high), best is still police's 5
    other = mentions + [_f("b1", "b", "Outlet B", "unattributed", 8)]
    chosen = choose_figures(other, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (5, 5, 8)
    # attackers' dead of another report, or a difference that is no figure of the source, mark nothing
    elsewhere = [mentions[0], mentions[1], dict(mentions[2], article_id="c", mention_id="c1")]
    assert choose_figures(elsewhere, "killed", "ucdp", RELIABILITY)["best"] == 8
    no_match = [mentions[0], dict(mentions[1], killed=6), mentions[2]]
    assert choose_figures(no_match, "killed", "ucdp", RELIABILITY)["best"] == 8
    # the attackers' dead only ever concern killed figures
    wounded = [dict(m, wounded=m["killed"]) for m in mentions]
    assert choose_figures(wounded, "wounded", "ucdp", RELIABILITY)["best"] == 8


def test_undated_equally_reliable_sources_go_to_the_higher_figure_before_the_more_cited_source():
    # the mayor's early 'more than 20' is repeated by two outlets; the rescue service's 'rose to 32' by one
    mentions = [_f("a1", "a", "mayor", "government", 20), _f("b1", "b", "mayor", "government", 20),
                _f("c1", "c", "rescue service", "government", 32)]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (20, 32, 32)
    assert "rescue service" in chosen["reason"] and "not ordered by date" in chosen["reason"]
    # publication dates that order the reports still decide first
    dated = [dict(mentions[0], published="2024-05-02"), dict(mentions[1], published="2024-05-03"),
             dict(mentions[2], published="2024-05-01")]
    assert choose_figures(dated, "killed", "ucdp", RELIABILITY)["best"] == 20


def test_a_kind_of_speaker_is_one_source_only_within_one_report():
    classes = frozenset({"officials"})
    # two reports' 'officials' (a mayor's early 20, a prosecutor's later 21) are two sources: both stay
    mentions = [_f("a1", "a", "officials", "government", 20, published="2024-05-01"),
                _f("b1", "b", "officials", "government", 21, published="2024-05-02")]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY, classes)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (20, 21, 21)
    assert "officials in b" in chosen["reason"] and chosen["article_ids"] == {"a", "b"}
    # without the class, the later report supersedes the earlier one: low is 21
    assert choose_figures(mentions, "killed", "ucdp", RELIABILITY)["low"] == 21
    # within one report a kind of speaker's figures are still one source's: the later reading supersedes
    one_report = [dict(mentions[0], killed_reading="earlier"), dict(mentions[1], article_id="a", mention_id="a2")]
    assert choose_figures(one_report, "killed", "ucdp", RELIABILITY, classes)["low"] == 21


def test_the_figure_rules_name_the_kinds_of_speaker_each_with_a_reason():
    from helpers.figures import speaker_classes

    rules = load_figure_rules()
    assert {"officials", "witness"} <= speaker_classes(rules) and "army" not in speaker_classes(rules)
    assert all(isinstance(reason, str) and reason.strip() for reason in rules["speaker_classes"].values())


def test_among_equally_reliable_undated_sources_a_count_is_best_over_an_estimate():
    # undated reports: the army counted 27 soldiers dead, a foreign officer said 'between 40 and 50', an
    # official document 'around 60'
    mentions = [_f("a1", "a", "army", "government", 27, killed_qualifier="exact"),
                _f("b1", "b", "foreign officer", "government", 40, killed_max=50, killed_qualifier="range"),
                _f("c1", "c", "official document", "government", 60, killed_qualifier="approx")]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (27, 27, 60)
    assert "army" in chosen["reason"] and "over their estimates" in chosen["reason"]
    # 'at least' and 'more than' are counts: the higher count wins as before
    counts = mentions + [_f("d1", "d", "police", "government", 31, killed_qualifier="at_least")]
    assert choose_figures(counts, "killed", "ucdp", RELIABILITY)["best"] == 31
    # estimates alone: the higher, as before
    assert choose_figures(mentions[1:], "killed", "ucdp", RELIABILITY)["best"] == 60
    # a later report still wins, estimate or not
    dated = [dict(mentions[0], published="2024-05-01"), dict(mentions[1], published="2024-05-03")]
    assert choose_figures(dated, "killed", "ucdp", RELIABILITY)["best"] == 40
    # and a more reliable source's estimate is still best over a less reliable count
    monitor = [_f("a1", "a", "SOHR", "monitor", 12, killed_qualifier="approx"),
               _f("b1", "b", "residents", "activists", 15, killed_qualifier="exact")]
    assert choose_figures(monitor, "killed", "ucdp", RELIABILITY)["best"] == 12


def test_a_figure_its_report_gives_as_replaced_no_longer_stands_whoever_gives_the_new_one():
    # 'the ministry previously said six were killed' beside 'the toll has increased to 10, the news agency
    # reported': the six is no one's standing count, so it sets neither low nor best nor high
    mentions = [_f("a1", "a", "health ministry", "government", 6, killed_reading="earlier"),
                _f("a2", "a", "news agency", "media", 10, killed_reading="later"),
                _f("b1", "b", "residents", "activists", 9)]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (9, 10, 10)
    assert "health ministry" not in chosen["sources"]
    # a report whose only figure is the replaced one keeps it: nothing in that report stands instead
    alone = [dict(mentions[0], article_id="c", mention_id="c1"), mentions[2]]
    assert choose_figures(alone, "killed", "ucdp", RELIABILITY)["best"] == 6
    # the range rules keep every figure every source gave, the replaced one included
    assert choose_figures(mentions, "killed", "range", RELIABILITY)["low"] == 6


def test_among_equally_reliable_sources_of_one_day_a_source_on_the_record_is_best_over_an_anonymous_one():
    from helpers.figures import anonymous_speakers

    anonymous = anonymous_speakers(load_figure_rules())
    assert "military source" in anonymous and "officials" not in anonymous
    # the same report: the mayor counted 11, an unnamed security source 13
    mentions = [_f("a1", "a", "officials", "government", 11, published="2024-05-02"),
                _f("a2", "a", "military source", "government", 13, published="2024-05-02")]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY, frozenset(), anonymous)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (11, 11, 13)
    assert "on the record" in chosen["reason"]
    # without the list, the higher figure as before
    assert choose_figures(mentions, "killed", "ucdp", RELIABILITY)["best"] == 13
    # a later report of the anonymous source still wins: dates order reports first
    later = [mentions[0], dict(mentions[1], article_id="b", mention_id="b1", published="2024-05-04")]
    assert choose_figures(later, "killed", "ucdp", RELIABILITY, frozenset(), anonymous)["best"] == 13
    # a more reliable anonymous source stays best over a named outlet's own count
    outlet = [_f("c1", "c", "Daily Star", "media", 9), _f("c2", "c", "military source", "government", 13)]
    assert choose_figures(outlet, "killed", "ucdp", RELIABILITY, frozenset(), anonymous)["best"] == 13


def test_an_anonymous_source_of_another_undated_report_is_not_set_behind_a_named_one():
    from helpers.figures import anonymous_speakers

    anonymous = anonymous_speakers(load_figure_rules())
    # undated reports: a security source's 25 in one, the interior ministry's 22 in another: the higher, as before
    mentions = [_f("a1", "a", "military source", "government", 25), _f("b1", "b", "interior ministry", "government", 22)]
    assert choose_figures(mentions, "killed", "ucdp", RELIABILITY, frozenset(), anonymous)["best"] == 25
    # reports of the same publication day: the ministry on the record
    same_day = [dict(m, published="2024-05-02") for m in mentions]
    assert choose_figures(same_day, "killed", "ucdp", RELIABILITY, frozenset(), anonymous)["best"] == 22


def test_a_total_with_the_attackers_dead_is_weighed_without_them_whoever_gives_the_other_figure():
    # one report: officials' 'at least 18 dead', a named officer's 'we lost five soldiers' and his '13 militants
    # killed': the officials' 18 counts both sides, so it is their figure of 5, never the best or the high of 18
    mentions = [_f("a1", "a", "officials", "government", 18), _f("a2", "a", "army commander", "government", 5),
                _f("a3", "a", "army commander", "government", None, attackers_killed=13)]
    chosen = choose_figures(mentions, "killed", "ucdp", RELIABILITY)
    assert (chosen["low"], chosen["best"], chosen["high"]) == (5, 5, 5)
    assert "18 as 5 (officials, a)" in chosen["reason"]
    # with no figure of the report that the difference gives, the total stands as reported
    alone = [mentions[0], mentions[2], _f("a4", "a", "army commander", "government", 4)]
    assert choose_figures(alone, "killed", "ucdp", RELIABILITY)["best"] == 18

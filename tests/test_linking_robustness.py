"""Perturbing predicted mentions for the robustness estimate (helpers.linking_robustness), on a made-up table."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import linking_robustness as lr


def _mentions(n_reports: int = 200) -> pd.DataFrame:
    rows = []
    for number in range(n_reports):
        country, admin1 = [("Mali", "Mopti"), ("Mali", "Gao"), ("Niger", "Tillaberi"), ("Niger", "Diffa")][number % 4]
        for part in range(2):  # two mentions per report: one article's lede and a later toll
            rows.append({"mention_id": f"m{number}-{part}", "article_id": f"a{number}", "article_event_key": "e1",
                         "date_start": "2024-03-10", "date_end": "2024-03-10", "date_precision": "day",
                         "date_text": "on Sunday", "country": country, "admin1": admin1,
                         "latitude": 14.5, "longitude": -4.2, "killed": 5 + part})
    return pd.DataFrame(rows)


def test_each_report_is_misread_as_a_whole_and_the_shares_follow_the_rates():
    mentions = _mentions(400)
    out = lr.perturb_mentions(mentions, rates=lr.ErrorRates(date_days=0.1, date_weeks=0.1, date_lost=0.1,
                                                             country=0.1, admin1=0.1), seed=3)
    assert out["perturbation"].groupby(out["article_id"]).nunique().eq(1).all()  # one misreading per report
    assert out[["date_start", "country", "admin1"]].groupby(out["article_id"]).nunique(dropna=False).eq(1).all().all()
    shares = out.drop_duplicates("article_id")["perturbation"].value_counts(normalize=True)
    for kind in ["date_days", "date_weeks", "date_lost", "country", "admin1"]:
        assert 0.05 < shares[kind] < 0.16
    assert 0.4 < shares[""] < 0.6


def test_the_misreadings_change_what_they_say_and_nothing_else():
    mentions = _mentions()
    out = lr.perturb_mentions(mentions, rates=lr.ErrorRates(date_days=0.2, date_weeks=0.2, date_lost=0.2,
                                                             country=0.2, admin1=0.2), seed=0)
    day = pd.Timestamp("2024-03-10")
    for kind, group in out.groupby("perturbation"):
        moved = (pd.to_datetime(group["date_start"]) - day).dt.days.abs() if kind in ("date_days", "date_weeks") else None
        if kind == "date_days":
            assert moved.between(1, 6).all()
        elif kind == "date_weeks":
            assert moved.between(7, 42).all()
            assert group["date_end"].eq(group["date_start"]).all()
        elif kind == "date_lost":
            assert group["date_start"].isna().all() and group["date_precision"].eq("unknown").all()
        elif kind == "country":
            original = mentions.set_index("mention_id").loc[group["mention_id"], "country"].to_numpy()
            assert (group["country"].to_numpy() != original).all()
            assert group["latitude"].isna().all()
            # the province is one of the new country's
            assert all((c, a) in {("Mali", "Mopti"), ("Mali", "Gao"), ("Niger", "Tillaberi"), ("Niger", "Diffa")}
                       for c, a in zip(group["country"], group["admin1"]))
        elif kind == "admin1":
            original = mentions.set_index("mention_id").loc[group["mention_id"]]
            assert (group["admin1"].to_numpy() != original["admin1"].to_numpy()).all()
            assert (group["country"].to_numpy() == original["country"].to_numpy()).all()
        else:
            assert group["date_start"].eq("2024-03-10").all() and group["latitude"].notna().all()
    assert out["killed"].equals(mentions["killed"])


def test_the_same_seed_gives_the_same_misreadings_and_another_seed_others():
    mentions = _mentions()
    first, again = lr.perturb_mentions(mentions, seed=7), lr.perturb_mentions(mentions, seed=7)
    pd.testing.assert_frame_equal(first, again)
    assert not first["perturbation"].equals(lr.perturb_mentions(mentions, seed=8)["perturbation"])


def test_rates_that_add_up_to_more_than_one_are_refused():
    with pytest.raises(ValueError, match="more than 1"):
        lr.perturb_mentions(_mentions(4), rates=lr.ErrorRates(date_days=0.5, date_weeks=0.6), seed=0)

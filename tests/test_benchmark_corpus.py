"""The benchmark's mention generator: seeded, as varied as real reporting, and as dense per province-month at
every size (so that reconcile's cost measures blocking, not a corpus that crowds ever more attacks into one place)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import corpus  # noqa: E402

from helpers.linkage import normalise_place  # noqa: E402
from helpers.schemas import MENTIONS_COLUMNS  # noqa: E402


@pytest.fixture(scope="module")
def generated() -> tuple[pd.DataFrame, pd.DataFrame]:
    return corpus.generate_mentions(6000, seed=7)


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another(generated):
    mentions, articles = generated
    again, again_articles = corpus.generate_mentions(6000, seed=7)
    pd.testing.assert_frame_equal(mentions, again)
    pd.testing.assert_frame_equal(articles, again_articles)
    other, _ = corpus.generate_mentions(6000, seed=8)
    assert not other["place"].equals(mentions["place"])


def test_mentions_have_the_contract_columns_and_each_an_article(generated):
    mentions, articles = generated
    assert len(mentions) == 6000
    assert set(MENTIONS_COLUMNS) <= set(mentions.columns)
    assert mentions["mention_id"].is_unique
    assert set(mentions["article_id"]) == set(articles["article_id"])
    reports_per_event = mentions.groupby("true_event_id").size()
    assert reports_per_event.between(1, 5).all() and reports_per_event.max() == 5


def test_reports_keep_the_variety_of_real_reporting(generated):
    mentions, _ = generated
    share = mentions["date_precision"].value_counts(normalize=True)
    assert share["unknown"] == pytest.approx(0.19, abs=0.03)
    assert share["month"] == pytest.approx(0.26, abs=0.03)
    assert share["day"] > 0.45 and 0 < share["week"] < 0.1
    undated_words = mentions.loc[mentions["date_precision"].eq("unknown"), "date_text"]
    assert undated_words.str.fullmatch(r"in (January|February|March|April|May|June|July|August|September|October|"
                                       r"November|December)").fillna(False).any()
    assert undated_words.str.fullmatch(r"on \w+day").fillna(False).any() and undated_words.isna().any()
    assert mentions["is_claim"].any() and mentions["perpetrator"].isna().any()
    assert {"monitor", "activists", "government", "unattributed", "perpetrator_claim"} == set(mentions["source_type"])
    assert mentions["event_type"].nunique() >= 3 and set(mentions["role"]) == {"main", "background"}
    # One attack keeps its place, type and perpetrator across its reports, while its tolls differ a little.
    per_event = mentions.groupby("true_event_id").agg(places=("place", "nunique"), types=("sub_event_type", "nunique"),
                                                      low=("killed", "min"), high=("killed", "max"))
    assert (per_event["places"] == 1).all() and (per_event["types"] == 1).all()
    assert ((per_event["high"] - per_event["low"]) <= 5).all() and (per_event["high"] > per_event["low"]).any()


def test_dates_are_resolved_as_annotate_resolves_them_against_the_publication_date(generated):
    mentions, articles = generated
    published = mentions["article_id"].map(articles.set_index("article_id")["published"])
    assert published.isna().mean() == pytest.approx(corpus.UNDATED_ARTICLE_SHARE, abs=0.03)
    unknown = mentions["date_precision"].eq("unknown")
    # With a publication date, only a background mention without date words stays undated; a main report without
    # them lies in the week up to publication.
    dated_unknown = mentions[unknown & published.notna()]
    assert dated_unknown["date_text"].isna().all() and dated_unknown["role"].eq("background").all()
    week = mentions[mentions["date_precision"].eq("week")]
    assert week["role"].eq("main").all() and week["date_end"].equals(published[week.index])
    # Without one, a date is known only when its words give the year.
    undated_article = mentions[published.isna() & ~unknown]
    assert len(undated_article) and undated_article["date_text"].str.contains(r"\b\d{4}\b").all()


def test_a_corpus_first_grows_in_time_then_in_provinces():
    assert corpus.coverage(1000) == (14, 12)  # Syria's governorates over a year
    assert corpus.coverage(10000) == (14, 24)
    assert corpus.coverage(100000)[1] == corpus.coverage(1000000)[1] == corpus.MAX_MONTHS
    assert corpus.coverage(1000000)[0] > 9 * corpus.coverage(100000)[0]


@pytest.mark.parametrize("n_mentions", [10000, 100000, 1000000])
def test_events_per_province_month_stay_near_the_target(n_mentions):
    provinces, months = corpus.coverage(n_mentions)
    density = n_mentions / corpus.MEAN_REPORTS_PER_EVENT / (provinces * months)
    assert corpus.EVENTS_PER_PROVINCE_MONTH * 0.9 <= density <= corpus.EVENTS_PER_PROVINCE_MONTH * 1.1


def test_a_generated_corpus_has_the_density_it_was_built_for():
    mentions, _ = corpus.generate_mentions(30000, seed=3)
    provinces, months = corpus.coverage(30000)
    events = mentions.drop_duplicates("true_event_id")
    assert events["admin1"].nunique() == provinces
    assert len(events) / (provinces * months) == pytest.approx(corpus.EVENTS_PER_PROVINCE_MONTH, rel=0.1)


def test_provinces_start_with_syria_and_keep_distinct_blocking_keys():
    provinces = corpus.provinces()
    assert {province.country for province in provinces[:14]} == {"Syria"}
    assert {"Aleppo", "Deir ez-Zor", "Raqqa"} <= {province.admin1 for province in provinces[:14]}
    assert {province.country for province in provinces[14:32]} == {"Iraq"}
    world = provinces[32:]
    assert all(len(province.places) >= corpus.MIN_TOWNS_PER_PROVINCE for province in world)
    assert len({province.country for province in world}) > 50
    # Two provinces sharing a normalised key would make one block of two provinces' reports.
    first = provinces[:400]
    assert len({normalise_place(province.admin1) for province in first}) == len(first)
    assert all(name.isascii() for province in first for name, _, _ in province.places)


def test_a_province_with_few_towns_draws_fewer_attacks_so_that_no_town_gets_several_a_month():
    mentions, _ = corpus.generate_mentions(30000, seed=3)
    _, months = corpus.coverage(30000)
    events = mentions.drop_duplicates("true_event_id")
    per_province = events["admin1"].value_counts()
    # Damascus governorate is one city (two GeoNames places), Aleppo has dozens of towns
    assert per_province["Damascus"] < per_province["Aleppo"] / 5
    per_town_month = events.groupby(["admin1", "place"]).size() / months
    assert per_town_month.max() < 1.0
    assert corpus.province_weight(corpus.provinces()[0]) == corpus.MIN_TOWNS_PER_PROVINCE  # Aleppo: capped

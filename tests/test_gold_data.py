"""Checks that the hand-made gold tables (seeds and outside articles) keep to the contract and to their articles."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import schemas
from helpers.paths import GOLD_DIR, SEEDS_DIR

OUTSIDE_DIR = Path(__file__).parent / "fixtures" / "outside"
OUTSIDE_SYRIA_DIR = Path(__file__).parent / "fixtures" / "outside_syria"
GOLD_SETS = {
    "seeds": (GOLD_DIR / "mentions.csv", GOLD_DIR / "events.csv", SEEDS_DIR),
    "outside": (OUTSIDE_DIR / "gold_mentions.csv", OUTSIDE_DIR / "gold_events.csv", OUTSIDE_DIR),
    "outside_syria": (
        OUTSIDE_SYRIA_DIR / "gold_mentions.csv", OUTSIDE_SYRIA_DIR / "gold_events.csv", OUTSIDE_SYRIA_DIR
    ),
}


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype="string", keep_default_na=False)


@pytest.fixture(params=sorted(GOLD_SETS), ids=sorted(GOLD_SETS))
def gold_set(request):
    mentions_path, events_path, articles_dir = GOLD_SETS[request.param]
    return _read(mentions_path), _read(events_path), articles_dir


def test_mentions_start_with_the_contract_columns(gold_set):
    mentions, _, _ = gold_set
    assert list(mentions.columns[: len(schemas.MENTIONS_COLUMNS)]) == schemas.MENTIONS_COLUMNS
    assert mentions["mention_id"].is_unique


def test_controlled_vocabularies_are_respected(gold_set):
    mentions, _, _ = gold_set
    assert set(mentions["role"]) <= set(schemas.ROLES)
    assert set(mentions["date_precision"]) <= set(schemas.DATE_PRECISIONS)
    assert set(mentions["geo_precision"]) <= set(schemas.GEO_PRECISIONS)
    assert set(mentions["source_type"]) <= set(schemas.SOURCE_TYPES)
    assert set(mentions["annotator"]) == {"human"}
    qualifiers = set(mentions["killed_qualifier"]) | set(mentions["wounded_qualifier"])
    assert qualifiers - {""} <= set(schemas.QUALIFIERS)


def test_every_evidence_is_a_sentence_of_its_article(gold_set):
    mentions, _, articles_dir = gold_set
    for row in mentions.itertuples():
        text = (articles_dir / f"{row.article_id}.txt").read_text(encoding="utf-8")
        assert row.evidence and row.evidence in text, row.mention_id


def test_claims_are_marked_consistently(gold_set):
    mentions, _, _ = gold_set
    is_claim = mentions["is_claim"] == "true"
    assert (is_claim == (mentions["source_type"] == "perpetrator_claim")).all()


def test_events_and_mentions_agree_on_keys_and_articles(gold_set):
    mentions, events, _ = gold_set
    assert events["event_id"].is_unique
    assert set(events["event_id"]) == set(mentions["event_id"])
    for event in events.itertuples():
        articles = set(mentions.loc[mentions["event_id"] == event.event_id, "article_id"])
        assert set(event.article_ids.split(";")) == articles, event.event_id


def test_killed_low_best_high_are_ordered(gold_set):
    _, events, _ = gold_set
    figures = events[["killed_low", "killed_best", "killed_high"]].replace("", pd.NA).dropna().astype(int)
    assert (figures["killed_low"] <= figures["killed_best"]).all()
    assert (figures["killed_best"] <= figures["killed_high"]).all()

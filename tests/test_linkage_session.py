"""Scoring the blocks of a collection on one DuckDB connection and one Splink linker (helpers.linkage_session)."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

from helpers import linkage
from helpers.linkage_session import SplinkSession
from helpers.reconcile import type_mentions
from helpers.synthetic import make_mentions


def _block(seed: int) -> pd.DataFrame:
    """The reports of one synthetic collection, as linkage_blocks builds a block's."""
    mentions, articles = make_mentions(200, seed=seed)
    reports, _ = linkage.build_reports(type_mentions(mentions, articles))
    return reports


def _score(reports: pd.DataFrame, settings: dict, session: SplinkSession | None) -> tuple[pa.Table, dict, int]:
    # as linkage_blocks scores a block: blocked (the collection is larger), u as given, grouping's pairs only
    return linkage.score_pair_table(reports, settings, grouping=(0.97, []), collection_reports=10_000,
                                    sample_u=False, session=session)


def test_blocks_scored_in_one_session_get_the_pairs_and_scores_they_get_alone():
    settings = linkage.load_settings()
    blocks = [_block(5), _block(6), _block(5).head(150)]
    alone = [_score(reports, settings, None) for reports in blocks]
    with SplinkSession() as session:
        # the third block is a part of the first: a linker that kept the first block's tables would score it wrongly
        shared = [_score(reports, settings, session) for reports in blocks]
    for (alone_pairs, alone_model, alone_n), (pairs, model, n) in zip(alone, shared):
        assert n == alone_n > 0
        assert pairs.num_rows > 0
        assert pairs.equals(alone_pairs)
        assert model["probability_two_random_records_match"] == alone_model["probability_two_random_records_match"]
    assert alone[2][2] < alone[0][2]  # the blocks differ, so equal results are not one block's scores repeated

"""Linking a large collection country by country (helpers.linkage_blocks)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from helpers import linkage, linkage_blocks
from helpers.reconcile import link_mentions, type_mentions
from helpers.synthetic import make_mentions


def _two_countries() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two synthetic collections, the second moved to another country (its own article ids), and a few mentions
    whose country is unknown."""
    first, first_articles = make_mentions(260, seed=3)
    second, second_articles = make_mentions(260, seed=4)
    rename = {article: f"other-{article}" for article in second_articles["article_id"]}
    second = second.assign(article_id=second["article_id"].map(rename), mention_id="other-" + second["mention_id"],
                           country="Iraq")
    second_articles = second_articles.assign(article_id=second_articles["article_id"].map(rename))
    mentions = pd.concat([first, second], ignore_index=True)
    mentions.loc[mentions.index[::97], "country"] = None
    return mentions, pd.concat([first_articles, second_articles], ignore_index=True)


def _settings_file(tmp_path, **changes) -> str:
    """The repository's linkage settings with some values changed, written beside a copy of its learned m/u."""
    settings = yaml.safe_load(linkage.LINKAGE_SETTINGS_PATH.read_text(encoding="utf-8"))
    settings.update(changes)
    learned = linkage.LINKAGE_SETTINGS_PATH.parent / settings["learned_m_u"]["file"]
    (tmp_path / learned.name).write_bytes(learned.read_bytes())
    path = tmp_path / "settings.yaml"
    path.write_text(yaml.safe_dump(settings), encoding="utf-8")
    return str(path)


def test_a_reports_block_is_the_first_of_its_countries_and_a_manual_merge_joins_two_blocks():
    typed = pd.DataFrame({"country": ["Syria", None, "Turkey;Iraq", None, "Mali", "Niger"]})
    codes = np.array([0, 0, 1, 2, 3, 4])  # the first report's second mention has no country
    assert linkage_blocks.report_blocks(typed, codes, 5).tolist() == ["Syria", "Iraq", "", "Mali", "Niger"]
    # a merge decision between a report of Mali and one of Niger links the two countries' reports as one block
    assert linkage_blocks.report_blocks(typed, codes, 5, [(3, 4)]).tolist() == ["Syria", "Iraq", "", "Mali", "Mali"]


def test_only_a_collection_too_large_to_compare_every_pair_is_linked_by_blocks():
    settings = {"compare_all_pairs_max_reports": 2000, "link_by_country_blocks": True}
    assert not linkage_blocks.uses_blocks(settings, 2000)
    assert linkage_blocks.uses_blocks(settings, 2001)
    assert not linkage_blocks.uses_blocks(settings, 2001, train=True)
    assert not linkage_blocks.uses_blocks(settings, 2001, explain=True)
    assert not linkage_blocks.uses_blocks({**settings, "link_by_country_blocks": False}, 2001)


@pytest.fixture(scope="module")
def two_countries():
    mentions, articles = _two_countries()
    return type_mentions(mentions, articles)


def test_linking_by_country_gives_each_country_the_events_it_has_when_linked_alone(tmp_path, two_countries):
    typed = two_countries
    # blocked (not every pair), u as learned, so that a country alone and the country as a block see the same model
    path = _settings_file(tmp_path, compare_all_pairs_max_reports=10, u_from_collection_sample_reports=None)
    whole = link_mentions(typed, settings_path=path, decisions_path=None)
    reports, report_ids = linkage.build_reports(typed)
    # the reports, their ids and each mention's report are those of the whole collection built at once
    assert whole.reports["report_id"].tolist() == reports["report_id"].tolist()
    pd.testing.assert_frame_equal(whole.reports.drop(columns=["words"]), reports.drop(columns=["words"]))
    assert whole.report_of_mention.tolist() == report_ids.tolist()
    # each mention's block: its report's first country (a mention of unknown country goes with its report)
    codes, _ = pd.factorize(report_ids, sort=True)
    country = pd.Series(linkage_blocks.report_blocks(typed, codes, len(reports))[codes], index=typed.index)
    assert set(country) == {"Syria", "Iraq", ""}
    for name in ["Syria", "Iraq", ""]:
        alone = link_mentions(typed[country.eq(name)], settings_path=path, decisions_path=None)
        # report ids differ (numbered within the part): compare the groups as sets of mentions
        def groups(link):
            cluster = link.report_of_mention.map(link.cluster_of_report)
            return sorted(sorted(members) for members in cluster.index.to_series().groupby(cluster.to_numpy()).agg(list))
        part = whole.report_of_mention[country.eq(name).to_numpy()]
        whole_groups = sorted(sorted(members) for members in part.index.to_series().groupby(
            part.map(whole.cluster_of_report).to_numpy()).agg(list))
        assert whole_groups == groups(alone)
        assert len(whole_groups) < country.eq(name).sum() or name == ""  # something was joined
    # no event spans two blocks
    block = pd.Series(country.to_numpy(), index=whole.report_of_mention.index).groupby(
        whole.report_of_mention.map(whole.cluster_of_report).to_numpy()).nunique()
    assert (block == 1).all()


def test_two_worker_processes_link_the_blocks_as_one_process_does(tmp_path, two_countries):
    path = _settings_file(tmp_path, compare_all_pairs_max_reports=10, min_reports_to_train=100,
                          u_from_collection_sample_reports=200)
    one = link_mentions(two_countries, settings_path=path, decisions_path=None)
    two = link_mentions(two_countries, settings_path=path, decisions_path=None, n_process=2)
    pd.testing.assert_series_equal(one.cluster_of_report, two.cluster_of_report)
    pd.testing.assert_frame_equal(one.pairs, two.pairs)
    assert one.n_compared == two.n_compared > 0


def test_a_bad_number_of_processes_is_refused(two_countries):
    with pytest.raises(ValueError, match="n_process"):
        link_mentions(two_countries.head(5), n_process=0)


"""The world corpus (data/corpus/) holds what it promises, and its gold is consistent with its articles."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import corpus, schemas

SUB_EVENT_TYPES = {
    "Battles": {"Armed clash"},
    "Explosions/Remote violence": {"Suicide bomb", "Remote explosive/landmine/IED", "Air/drone strike",
                                   "Shelling/artillery/missile attack", "Grenade"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance"},
}


@pytest.fixture(scope="module")
def splits():
    loaded = {}
    for split in corpus.SPLITS:
        mentions, events = corpus.read_gold(split)
        loaded[split] = {"mentions": mentions, "events": events, "articles": corpus.read_sidecar(split),
                         "folder": corpus.split_paths(split)["articles"]}
    return loaded


def _all(splits, name):
    return pd.concat([part[name] for part in splits.values()], ignore_index=True)


def test_the_corpus_is_as_large_and_varied_as_promised(splits):
    counts = corpus.corpus_counts(_all(splits, "mentions"), _all(splits, "events"), _all(splits, "articles"))
    assert counts["articles"] >= 200
    assert counts["countries"] >= 30
    assert counts["multi_article_events"] >= 40
    assert counts["articles_with_gold"] == counts["articles"]  # every article has at least one gold row


def test_the_split_is_the_recorded_one_and_no_event_straddles_it(splits):
    record = pd.read_csv(corpus.CORPUS_DIR / "split.csv", dtype="string")
    for split, part in splits.items():
        assert set(part["articles"]["article_id"]) == set(record.loc[record["split"] == split, "article_id"])
    dev_events, test_events = (set(splits[s]["mentions"]["event_id"]) for s in corpus.SPLITS)
    assert not dev_events & test_events
    share = (record["split"] == "test").mean()
    assert 0.28 <= share <= 0.38  # about a third


def test_every_article_file_has_its_sidecar_row_and_every_evidence_is_in_its_article(splits):
    for part in splits.values():
        files = {path.stem for path in part["folder"].glob("*.txt")}
        assert files == set(part["articles"]["article_id"])
        texts = {stem: (part["folder"] / f"{stem}.txt").read_text(encoding="utf-8") for stem in files}
        for row in part["mentions"].itertuples():
            assert row.article_id in texts, row.mention_id
            assert row.evidence in texts[row.article_id], row.mention_id
            assert row.mention_id.startswith(f"{row.article_id}-")


def test_gold_values_are_those_the_conventions_allow(splits):
    mentions, events = _all(splits, "mentions"), _all(splits, "events")
    assert list(mentions.columns) == schemas.MENTIONS_COLUMNS + corpus.GOLD_MENTION_EXTRA
    assert mentions["mention_id"].is_unique and events["event_id"].is_unique
    assert set(mentions["figure_kind"]) <= set(corpus.FIGURE_KINDS)
    assert set(mentions["role"]) <= set(schemas.ROLES)
    assert set(mentions["date_precision"]) <= set(schemas.DATE_PRECISIONS)
    assert set(mentions["geo_precision"]) <= set(schemas.GEO_PRECISIONS)
    assert set(mentions["source_type"]) <= set(schemas.SOURCE_TYPES)
    for qualifier in ("killed_qualifier", "wounded_qualifier", "casualties_qualifier"):
        assert set(mentions[qualifier].dropna()) <= set(schemas.QUALIFIERS)
    for frame in (mentions, events):
        for event_type, sub_event_type in zip(frame["event_type"], frame["sub_event_type"]):
            assert sub_event_type in SUB_EVENT_TYPES[event_type]
    claims = mentions["is_claim"] == "true"
    assert (claims == (mentions["source_type"] == "perpetrator_claim")).all()
    has_figure = mentions[["killed", "wounded", "casualties", "vague_text"]].notna().any(axis=1)
    assert has_figure.all()
    for column in ("killed", "wounded", "casualties"):
        assert mentions[column].dropna().str.fullmatch(r"\d+").all()
    assert set(mentions["event_id"]) == set(events["event_id"])


def test_event_figures_follow_the_brief(splits):
    """killed_low <= killed_best <= killed_high, and each is a figure (or a range's end) a victims row gave."""
    mentions, events = _all(splits, "mentions"), _all(splits, "events")
    victims = mentions[(mentions["figure_kind"] == "victims") & (mentions["is_claim"] == "false")]
    given = victims.groupby("event_id")[["killed", "killed_max"]].apply(
        lambda rows: {int(v) for v in rows.stack().dropna()})
    for row in events.itertuples():
        figures = [None if pd.isna(value) else int(value) for value in (row.killed_low, row.killed_best, row.killed_high)]
        present = [value for value in figures if value is not None]
        assert present == sorted(present), row.event_id
        for value in present:
            assert value in given.get(row.event_id, set()), (row.event_id, value)


def test_the_phenomena_of_the_brief_occur_several_times(splits):
    """Each hard feature of conflict reporting that the workbook must handle is in the gold at least three times."""
    mentions = _all(splits, "mentions")
    kinds = mentions["figure_kind"].value_counts()
    for kind in ("attackers_dead", "cumulative_total", "multi_attack_total", "part_of_total"):
        assert kinds.get(kind, 0) >= 3, kind
    qualifiers = pd.concat([mentions["killed_qualifier"], mentions["wounded_qualifier"]])
    assert (qualifiers == "range").sum() >= 3
    assert mentions["vague_text"].notna().sum() >= 3
    assert mentions["casualties"].notna().sum() >= 3  # "killed or wounded N"
    claims = mentions[mentions["is_claim"] == "true"]
    assert claims[["killed", "wounded", "casualties"]].notna().any(axis=1).sum() >= 3  # claimed tolls
    assert (mentions["role"] == "background").sum() >= 3
    sources = mentions["figure_source"].fillna("").str.lower()
    for speaker in ("hospital", "police", "resident", "minist", "army"):
        assert sources.str.contains(speaker).sum() >= 3, speaker
    for source_type in ("government", "monitor", "activists", "media", "perpetrator_claim", "unattributed"):
        assert (mentions["source_type"] == source_type).sum() >= 3, source_type
    # Seven ACLED sub-event types: ambushes and raids (armed clash), massacres (attack), kidnappings, roadside
    # bombs, suicide and car bombs, air and drone strikes, shelling.
    assert mentions["sub_event_type"].nunique() >= 7


def test_every_batch_of_the_split_record_has_its_notes():
    """Each batch named in split.csv (the six regional ones and later dev-only batches) documents its calls."""
    record = pd.read_csv(corpus.CORPUS_DIR / "split.csv", dtype="string")
    batches = set(record["batch"])
    assert len(batches) >= 6
    for batch in batches:
        notes = corpus.CORPUS_DIR / "notes" / f"{batch}.md"
        assert notes.exists(), batch
        text = notes.read_text(encoding="utf-8")
        # the notes table lists every article of the batch
        missing = [a for a in record.loc[record["batch"] == batch, "article_id"] if a not in text]
        assert not missing, (batch, missing[:3])

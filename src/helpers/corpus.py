"""The world corpus of real reports (data/corpus/): where each split lives, its gold, its counts, and its split.

A split is a folder of article files with an `articles.csv` sidecar (`<split>/articles/`) beside its gold
tables (`gold_mentions.csv`, `gold_events.csv`, conventions in data/corpus/CONVENTIONS.md). The seeds and
their gold (`seeds/`, `data/gold/`) are scored the same way under the name `seeds`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from helpers.paths import DATA_DIR, GOLD_DIR, SEEDS_DIR

CORPUS_DIR = DATA_DIR / "corpus"
SPLITS = ("dev", "test")
SCORABLE = ("seeds", *SPLITS)
TEST_SHARE = 1 / 3
SPLIT_SALT = "conflict-events world corpus split v1"


def split_paths(split: str) -> dict[str, Path]:
    """Return the article folder and gold tables of a split ('seeds', 'dev' or 'test')."""
    if split == "seeds":
        return {"articles": SEEDS_DIR, "mentions": GOLD_DIR / "mentions.csv", "events": GOLD_DIR / "events.csv"}
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SCORABLE)}; got {split!r}")
    root = CORPUS_DIR / split
    return {"articles": root / "articles", "mentions": root / "gold_mentions.csv", "events": root / "gold_events.csv"}


def _read_csv(path: Path) -> pd.DataFrame:
    """Read a gold or sidecar table with every column as text, blanks as missing."""
    return pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""], encoding="utf-8")


def read_gold(split: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the gold mentions and events of a split."""
    paths = split_paths(split)
    return _read_csv(paths["mentions"]), _read_csv(paths["events"])


def read_sidecar(split: str) -> pd.DataFrame:
    """Return a split's articles.csv (the seeds have none: an empty frame)."""
    path = split_paths(split)["articles"] / "articles.csv"
    return _read_csv(path) if path.exists() else pd.DataFrame(columns=["article_id", "url", "outlet", "published"])


def corpus_counts(mentions: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame) -> dict[str, int]:
    """Count what the corpus must hold: articles, countries, events, events reported by two or more articles."""
    articles_per_event = mentions.groupby("event_id")["article_id"].nunique()
    kinds = mentions["figure_kind"].value_counts() if "figure_kind" in mentions.columns else pd.Series(dtype=int)
    return {
        "articles": int(articles["article_id"].nunique()),
        "articles_with_gold": int(mentions["article_id"].nunique()),
        "countries": int(mentions["country"].dropna().nunique()),
        "mentions": len(mentions),
        "events": int(events["event_id"].nunique()),
        "multi_article_events": int((articles_per_event >= 2).sum()),
        "outlets": int(articles["outlet"].dropna().nunique()) if "outlet" in articles.columns else 0,
        **{f"figure_kind_{kind}": int(count) for kind, count in kinds.items()},
    }


def article_components(article_ids: list[str], mentions: pd.DataFrame) -> list[list[str]]:
    """Group articles that share a gold event (directly or through others); each group is sorted."""
    parent = {article_id: article_id for article_id in article_ids}

    def find(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for _, group in mentions.groupby("event_id"):
        members = sorted(set(group["article_id"]) & parent.keys())
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    components: dict[str, list[str]] = {}
    for article_id in sorted(article_ids):
        components.setdefault(find(article_id), []).append(article_id)
    return sorted(components.values())


def draw_split(article_ids: list[str], mentions: pd.DataFrame, *, test_share: float = TEST_SHARE,
               salt: str = SPLIT_SALT) -> dict[str, str]:
    """Assign every article to 'dev' or 'test', keeping articles that share an event in one split.

    Components are taken in the order of a salted SHA-256 of their first article id (a fixed, reproducible
    shuffle), and each goes to `test` while `test` holds less than `test_share` of the articles assigned so far.
    """
    components = article_components(article_ids, mentions)
    components.sort(key=lambda members: hashlib.sha256(f"{salt}:{members[0]}".encode()).hexdigest())
    assignment, n_test, n_seen = {}, 0, 0
    for members in components:
        split = "test" if n_test < test_share * (n_seen + len(members)) else "dev"
        n_seen += len(members)
        n_test += len(members) if split == "test" else 0
        assignment.update({article_id: split for article_id in members})
    return assignment

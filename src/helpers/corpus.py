"""The world corpus of real reports (data/corpus/): where each split lives, its gold, its counts, and its split.

A split is a folder of article files with an `articles.csv` sidecar (`<split>/articles/`) beside its gold
tables (`gold_mentions.csv`, `gold_events.csv`, conventions in data/corpus/CONVENTIONS.md). The seeds and
their gold (`seeds/`, `data/gold/`) are scored the same way under the name `seeds`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from helpers.key_groups import connected_groups
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
        "countries": len({part.strip() for value in mentions["country"].dropna() for part in value.split(";")}),
        "mentions": len(mentions),
        "events": int(events["event_id"].nunique()),
        "multi_article_events": int((articles_per_event >= 2).sum()),
        "outlets": int(articles["outlet"].dropna().nunique()) if "outlet" in articles.columns else 0,
        **{f"figure_kind_{kind}": int(count) for kind, count in kinds.items()},
    }


def article_components(article_ids: list[str], mentions: pd.DataFrame) -> list[list[str]]:
    """Group articles that share a gold event (directly or through others); each group is sorted."""
    links = {str(event): list(group["article_id"]) for event, group in mentions.groupby("event_id")}
    return connected_groups(article_ids, links)


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


GOLD_MENTION_EXTRA = ["figure_kind", "vague_text", "note"]
FIGURE_KINDS = ["victims", "attackers_dead", "cumulative_total", "multi_attack_total", "part_of_total", "not_attack"]


def assemble(batch_dirs: list[Path], corpus_dir: Path = CORPUS_DIR) -> dict[str, str]:
    """Gather annotated batches into the corpus's dev and test folders; return the split of every article.

    A batch folder holds `articles.csv`, one `.txt` per article, `gold_mentions.csv`, `gold_events.csv` and
    `NOTES.md` (data/corpus/CONVENTIONS.md). The split is drawn once (draw_split) and recorded in
    `split.csv`; an article already recorded there keeps its split. The article files are copied unchanged.
    """
    import shutil

    sidecars, mentions, events = [], [], []
    for batch in batch_dirs:
        sidecars.append(_read_csv(batch / "articles.csv").assign(batch=batch.name))
        mentions.append(_read_csv(batch / "gold_mentions.csv"))
        events.append(_read_csv(batch / "gold_events.csv"))
    sidecar, mention_table, event_table = (pd.concat(frames, ignore_index=True) for frames in (sidecars, mentions, events))
    for frame, key in ((sidecar, "article_id"), (mention_table, "mention_id"), (event_table, "event_id")):
        duplicated = frame[key][frame[key].duplicated()]
        if len(duplicated):
            raise ValueError(f"{key} appears in two batches: {sorted(set(duplicated))}")
    # The split is fixed once: articles already recorded in split.csv keep their split, new ones are drawn.
    recorded_path = corpus_dir / "split.csv"
    recorded = dict(zip(*_read_csv(recorded_path)[["article_id", "split"]].T.values)) if recorded_path.exists() else {}
    drawn = draw_split(sorted(sidecar["article_id"]), mention_table)
    assignment = {article_id: recorded.get(article_id, split) for article_id, split in drawn.items()}
    notes_dir = corpus_dir / "notes"
    notes_dir.mkdir(parents=True, exist_ok=True)
    for batch in batch_dirs:
        if (batch / "NOTES.md").exists():
            shutil.copy(batch / "NOTES.md", notes_dir / f"{batch.name}.md")
    batch_of = dict(zip(sidecar["article_id"], sidecar["batch"]))
    for split in SPLITS:
        ids = sorted(article_id for article_id, chosen in assignment.items() if chosen == split)
        folder = corpus_dir / split / "articles"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for article_id in ids:
            source = next(b for b in batch_dirs if b.name == batch_of[article_id]) / f"{article_id}.txt"
            shutil.copyfile(source, folder / f"{article_id}.txt")
        rows = sidecar[sidecar["article_id"].isin(ids)].drop(columns="batch").sort_values("article_id")
        rows.to_csv(folder / "articles.csv", index=False, lineterminator="\n")
        split_mentions = mention_table[mention_table["article_id"].isin(ids)].sort_values("mention_id")
        split_mentions.to_csv(corpus_dir / split / "gold_mentions.csv", index=False, lineterminator="\n")
        split_events = event_table[event_table["event_id"].isin(split_mentions["event_id"])].sort_values("event_id")
        split_events.to_csv(corpus_dir / split / "gold_events.csv", index=False, lineterminator="\n")
    record = pd.DataFrame({"article_id": sorted(assignment)})
    record["batch"] = record["article_id"].map(batch_of)
    record["split"] = record["article_id"].map(assignment)
    record.to_csv(corpus_dir / "split.csv", index=False, lineterminator="\n")
    return assignment


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers.corpus assemble BATCH_DIR ...`: build data/corpus/ from annotated batches."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers.corpus")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("assemble", help="gather annotated batch folders into data/corpus/{dev,test}")
    build.add_argument("batches", nargs="+", type=Path)
    args = parser.parse_args(argv)
    assignment = assemble(args.batches)
    counts = pd.Series(assignment).value_counts()
    print(", ".join(f"{split}: {counts.get(split, 0)} articles" for split in SPLITS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

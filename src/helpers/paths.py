"""Where the repository's own files live, found from this package rather than the kernel's working folder."""
from __future__ import annotations

from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_DIR / "data"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
SEEDS_DIR = REPO_DIR / "seeds"
GOLD_DIR = DATA_DIR / "gold"
# The committed reference run: what the committed notebooks write with their default parameters.
REFERENCE_RUN_DIR = DATA_DIR / "seeds"
# Folders of the repository that hold source (code, notebooks, data, tests, docs): never a run's output folder.
SOURCE_FOLDERS = (".ci", ".git", "benchmarks", "data", "docs", "notebooks", "seeds", "src", "tests")


def run_layout(output_dir: str | Path) -> dict[str, Path]:
    """Return the sub-folders of a run's output folder, created if missing."""
    root = Path(output_dir)
    layout = {
        "root": root,
        "interim": root / "interim",
        "tables": root / "tables",
        "figures": root / "figures",
    }
    for path in layout.values():
        path.mkdir(parents=True, exist_ok=True)
    return layout

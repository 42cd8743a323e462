"""Where a run may write: the output folder is judged before any work.

A run writes tables/, interim/, figures/, notebooks/, html/ and index.html into its output folder. That folder
is refused when it
- exists and is not a folder, or a folder on its path is a file;
- is the input folder, inside it (a rerun would read the report's pages as articles), or contains it;
- is the repository root or inside one of the repository's folders that hold source (paths.SOURCE_FOLDERS),
  except data/seeds, the committed reference run that `python -m helpers.notebooks refresh` writes, which the
  committed notebooks may write when they run by themselves (`allow_reference_run`), but the runner may not;
- is not writable (nor, when it does not exist yet, the nearest folder above it that does).
"""
from __future__ import annotations

import os
from pathlib import Path

from helpers.paths import REFERENCE_RUN_DIR, REPO_DIR, SOURCE_FOLDERS

class OutputFolderError(ValueError):
    """The output folder may not be written; the message names the folder and the option or parameter."""


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_folder(output_dir: Path, input_dir: Path | None, *, option: str,
                        allow_reference_run: bool = False) -> None:
    """Raise OutputFolderError, naming the folder and `option`, unless a run may write into `output_dir`."""
    shown = f"output folder {str(output_dir)!r} ({option})"
    target = Path(os.path.abspath(output_dir))
    existing = target
    while not existing.exists() and existing != existing.parent:
        if existing.is_symlink():  # a dangling link: the run could not create the folder
            raise OutputFolderError(f"{shown} is a link to {os.readlink(existing)!r}, which does not exist")
        existing = existing.parent
    if not existing.is_dir():
        what = "is a file" if existing.is_file() else "is not a folder"
        if existing == target:
            raise OutputFolderError(f"{shown} {what}; give a folder")
        raise OutputFolderError(f"{shown} cannot be created: {str(existing)!r} {what}")
    output = Path(output_dir).resolve()
    if input_dir is not None and Path(input_dir).exists():
        source = Path(input_dir).resolve()
        if output == source:
            raise OutputFolderError(f"{shown} is the input folder: a rerun would read the report's pages as articles")
        if _is_within(output, source):
            raise OutputFolderError(f"{shown} is inside the input folder {str(input_dir)!r}: a rerun would read "
                                    "the report's pages as articles")
        if _is_within(source, output):
            raise OutputFolderError(f"{shown} contains the input folder {str(input_dir)!r}: the run would write "
                                    "beside the articles")
    if output == REPO_DIR:
        raise OutputFolderError(f"{shown} is the repository's root: the run would overwrite the committed notebooks")
    for name in SOURCE_FOLDERS:
        folder = REPO_DIR / name
        if not _is_within(output, folder):
            continue
        if allow_reference_run and output == REFERENCE_RUN_DIR:
            break
        if output == REFERENCE_RUN_DIR:
            raise OutputFolderError(f"{shown} is the committed reference run, which only "
                                    "`python -m helpers.notebooks refresh` writes; choose a folder under output/")
        where = "is" if output == folder else "is inside"
        raise OutputFolderError(f"{shown} {where} the repository's {name}/ folder, which holds source; "
                                "choose a folder under output/")
    if not os.access(existing, os.W_OK | os.X_OK):
        where = "is" if existing == target else f"cannot be created: {str(existing)!r} is"
        raise OutputFolderError(f"{shown} {where} not writable (permission denied)")

"""Where a run may write: the output folder is judged before any work, and a failed write is named in one line.

A run writes tables/, interim/, figures/, notebooks/, html/ and index.html into its output folder. That folder
is refused when it
- exists and is not a folder, or a folder on its path is a file;
- is the input folder, inside it (a rerun would read the report's pages as articles), or contains it;
- is the repository root or inside one of the repository's folders that hold source (paths.SOURCE_FOLDERS),
  except data/seeds, the committed reference run, which only `python -m helpers.notebooks refresh` writes (the
  kernels it starts are allowed it: `allow_reference_run`); the runner, papermill and JupyterLab may not;
- is not writable (nor, when it does not exist yet, the nearest folder above it that does).
"""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from helpers.paths import REFERENCE_RUN_DIR, REPO_DIR, SOURCE_FOLDERS
# Errors of the machine rather than of the workbook: the disk, the quota, the permissions.
WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EACCES, errno.EPERM, errno.EROFS}


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


def describe_write_error(error: OSError, output_dir: Path, *, option: str, base_dir: Path | None = None) -> str | None:
    """One line for a write the machine refused (disk full, quota, permission), naming the path and `option`;
    None for any other error, and for a permission error on a path outside the output folder (an input file).
    A relative path in the error is taken from `base_dir` (default: the working folder)."""
    if error.errno not in WRITE_ERRNOS:
        return None
    is_permission = error.errno in {errno.EACCES, errno.EPERM}
    if is_permission and error.filename:
        where = Path(base_dir or ".") / error.filename  # the kernel's paths are relative to its working folder
        if not _is_within(where.resolve(), Path(output_dir).resolve()):
            return None
    path = error.filename or output_dir
    reason = error.strerror or os.strerror(error.errno)
    return f"cannot write {str(path)!r}: {reason} (output folder {str(output_dir)!r}, option {option})"


_OS_ERROR_NAMES = {"OSError", "IOError", *(cls.__name__ for cls in OSError.__subclasses__())}
_ERRNO_IN_MESSAGE = re.compile(r"\[errno (\d+)\]", re.I)
_PATH_IN_MESSAGE = re.compile(r":\s*'([^']+)'\s*$")


def describe_kernel_write_error(ename: str, evalue: str, output_dir: Path, *, option: str,
                                base_dir: Path | None = None) -> str | None:
    """The same line for a write error raised in a notebook's kernel, read from its exception name and message
    ("[Errno 28] No space left on device: '/path'"); None when the message names no such error."""
    match = _ERRNO_IN_MESSAGE.search(evalue or "")
    if not match or ename not in _OS_ERROR_NAMES:
        return None
    number = int(match.group(1))
    path = _PATH_IN_MESSAGE.search(evalue)
    return describe_write_error(OSError(number, os.strerror(number), path.group(1) if path else None),
                                output_dir, option=option, base_dir=base_dir)

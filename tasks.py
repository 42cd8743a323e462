#!/usr/bin/env python3
"""Set up and run the workbook with nothing but Python 3.11.

    python3 tasks.py run  [runner options]   # run the four notebooks on seeds/ (or --input DIR)
    python3 tasks.py test [pytest options]   # unit tests, bad-input run and nbval over the notebooks
    python3 tasks.py score [--split test]    # score the workbook on a split of the world corpus against its gold
    python3 tasks.py lab  [jupyterlab options]  # JupyterLab on the project's kernel, opened at the repository

Each command creates the virtual environment `.venv` in the repository and installs `requirements.txt`
into it on first use, and again whenever requirements.txt or pyproject.toml change.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent
VENV = REPO / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed-requirements.sha256"
NOTEBOOKS = sorted(str(path.relative_to(REPO)) for path in (REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _wanted_stamp() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((REPO / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the pinned requirements plus the helpers package when needed."""
    if sys.version_info[:2] != (3, 11):
        print(f"warning: the workbook is pinned and tested on Python 3.11, this is {sys.version.split()[0]}",
              file=sys.stderr)
    if not PYTHON.exists():
        print("creating .venv ...", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _wanted_stamp()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("installing requirements into .venv (first use takes a few minutes) ...", file=sys.stderr, flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run(pip + ["-r", str(REPO / "requirements.txt")], check=True)
    # The helpers package is put on the path with a .pth file: an editable install without a build step.
    site_packages = subprocess.run([str(PYTHON), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   check=True, capture_output=True, text=True).stdout.strip()
    (Path(site_packages) / "conflict_events_workbook.pth").write_text(str(REPO / "src") + "\n")
    STAMP.write_text(wanted + "\n")


def lab_command(arguments: list[str]) -> list[str]:
    """JupyterLab from the project's .venv, rooted at the repository. The notebooks' kernel, `python3`, then
    runs the server's own Python, so a notebook opened there imports the pinned packages and the helpers."""
    return [str(PYTHON), "-m", "jupyterlab", f"--ServerApp.root_dir={REPO}", *arguments]


def main(argv: list[str]) -> int:
    """Dispatch `run`, `test`, `score` and `lab`."""
    if not argv or argv[0] not in {"run", "test", "score", "lab"}:
        print(__doc__, file=sys.stderr)
        return 2
    ensure_environment()
    environment = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    if argv[0] == "run":
        command = [str(PYTHON), "-m", "helpers.run", *argv[1:]]
    elif argv[0] == "score":
        command = [str(PYTHON), "-m", "helpers.score", *argv[1:]]
    elif argv[0] == "lab":
        command = lab_command(argv[1:])
    else:
        command = [str(PYTHON), "-m", "pytest", "tests", *NOTEBOOKS, "--nbval", "--nbval-current-env",
                   "--nbval-sanitize-with", "notebooks/nbval-sanitize.cfg", "-p", "no:cacheprovider", *argv[1:]]
    # `run` stays in the folder the user typed it in, so that their relative paths mean what they typed.
    working_folder = Path.cwd() if argv[0] == "run" else REPO
    return subprocess.run(command, cwd=working_folder, env=environment).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

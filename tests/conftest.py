"""Fixtures shared by several test modules."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder this process cannot write into: mode 0555, and for root (whom modes do not stop) the immutable
    attribute too; skipped where neither takes effect."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK) and shutil.which("chattr"):
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    if os.access(folder, os.W_OK):
        folder.chmod(0o755)
        pytest.skip("cannot make a folder read-only for this user here")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


@pytest.fixture(scope="session")
def kinds_and_values():
    """Read a sentence with the annotate pipeline and return each figure it finds as (kind, value), in order."""
    from helpers import annotate

    nlp = annotate.build_nlp()
    return lambda sentence: [(f.kind, f.count.value) for f in annotate.find_all_figures(nlp(sentence))]

"""Every direct dependency listed in requirements-direct.txt is pinned to one version in requirements.txt."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _names(path: Path, pattern: str) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(pattern, line)
        if match:
            found[match.group(1).lower().replace("_", "-")] = line
    return found


def test_every_direct_dependency_is_pinned():
    pinned = _names(REPO / "requirements.txt", r"^([A-Za-z0-9_.-]+)==\S+$")
    direct = _names(REPO / "requirements-direct.txt", r"^([A-Za-z0-9_.-]+)\s+#\s*\S")
    assert len(direct) >= 20
    assert sorted(set(direct) - set(pinned)) == []


def test_every_requirement_is_pinned_exactly():
    lines = [line for line in (REPO / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert [line for line in lines if not re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.+-]+", line)] == []

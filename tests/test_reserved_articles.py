"""No article reserved for outside evaluation is in any corpus or fixture folder of the project."""
from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RESERVED = Path(__file__).resolve().parent / "reserved"
SHARED_CHECK = REPO.parent / "shared" / "evaluation" / "check_reserved.py"
ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
# Every folder of the project that holds articles: the seeds, the world corpus and the test fixtures.
ARTICLE_FOLDERS = [REPO / "seeds", REPO / "data" / "corpus", REPO / "tests" / "fixtures"]


def _hash_list(name: str) -> set[str]:
    lines = (RESERVED / name).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _canonical_url(url: str) -> str:
    url = re.sub(r"^https?://", "", url.strip().lower())
    url = re.sub(r"^www\.", "", url)
    return url.split("?")[0].split("#")[0].rstrip("/")


def _runs(text: str, size: int = 10) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {hashlib.sha256(" ".join(words[i:i + size]).encode()).hexdigest()[:16]
            for i in range(max(1, len(words) - size + 1))}


def reserved_hits(folders: list[Path], urls: set[str] | None = None, runs: set[str] | None = None) -> list[str]:
    """Name every article whose URL is reserved or whose text shares 40 (or a quarter) of its 10-word runs."""
    urls = _hash_list("reserved-urls.sha256") if urls is None else urls
    runs = _hash_list("reserved-shingles.txt") if runs is None else runs
    hits = []
    for folder in folders:
        for sidecar in sorted(folder.rglob("articles.csv")):
            with open(sidecar, newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    url = row.get("url") or ""
                    if url and hashlib.sha256(_canonical_url(url).encode()).hexdigest() in urls:
                        hits.append(f"{sidecar}: {row.get('article_id')} ({url})")
        for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()):
            own = _runs(path.read_text(encoding="utf-8", errors="replace"))
            shared = len(own & runs)
            if shared >= 40 or (own and shared / len(own) >= 0.25):
                hits.append(f"{path}: shares {shared} of {len(own)} 10-word runs")
    return hits


def test_the_check_finds_a_listed_url_and_a_wire_copy_at_another_url(tmp_path):
    assert len(_hash_list("reserved-urls.sha256")) > 10 and len(_hash_list("reserved-shingles.txt")) > 1000
    story = " ".join(f"word{i}" for i in range(60))
    urls = {hashlib.sha256(_canonical_url("https://www.example.org/story/?utm=1").encode()).hexdigest()}
    runs = _runs(story)
    listed, copy, other = tmp_path / "listed", tmp_path / "copy", tmp_path / "other"
    for folder, url, text in [(listed, "http://example.org/story", "Short unrelated text."),
                              (copy, "https://elsewhere.example/x", "Wire copy: " + story),
                              (other, "https://elsewhere.example/y", "An unrelated report " * 10)]:
        folder.mkdir()
        (folder / "articles.csv").write_text(f"article_id,url\na,{url}\n", encoding="utf-8")
        (folder / "a.txt").write_text(text, encoding="utf-8")
    assert len(reserved_hits([listed], urls, runs)) == 1
    assert len(reserved_hits([copy], urls, runs)) == 1
    assert reserved_hits([other], urls, runs) == []


def test_no_reserved_article_in_the_project():
    folders = [folder for folder in ARTICLE_FOLDERS if folder.exists()]
    assert reserved_hits(folders) == []


@pytest.mark.skipif(not SHARED_CHECK.exists(), reason="the team's shared evaluation folder is not beside this clone")
def test_the_shared_check_agrees():
    folders = [str(folder) for folder in ARTICLE_FOLDERS if folder.exists()]
    result = subprocess.run([sys.executable, str(SHARED_CHECK), *folders], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

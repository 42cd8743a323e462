"""Every bad parameter value and odd output folder is refused before any notebook starts.

Each case runs the runner's command line (`python -m helpers.run`, in this process) from the repository root
and checks the exit code, that the one-line message names the parameter or the path (and the option), and
that nothing was written or changed: not in the repository (the committed notebooks included), not in the
input folder, not at the output path.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import run
from helpers.paths import REPO_DIR

SKIPPED = {".venv", ".git", "__pycache__", ".pytest_cache"}


def snapshot(root: Path) -> dict[str, tuple]:
    """Every file and folder under root with its size and modification time (links not followed)."""
    found = {}
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name not in SKIPPED]
        for name in folders + files:
            path = Path(folder) / name
            status = path.lstat()
            found[path.relative_to(root).as_posix()] = (status.st_mode, status.st_size, status.st_mtime_ns)
    return found


# (case id, extra arguments or a setup keyword, words the message must hold). In the arguments, {articles} is
# a folder holding one article, {out} a fresh output path and {tmp} the test's own folder.
PARAMETER_CASES = [
    ("unknown name", ["-p", "no_such_knob", "1"], ["unknown parameter 'no_such_knob'"]),
    ("misspelt name", ["-p", "threshold", "0.5"], ["unknown parameter 'threshold'", "match_threshold"]),
    ("runner's own name", ["-p", "output_dir", "elsewhere"], ["output_dir", "--output"]),
    ("integer of the wrong type", ["-p", "max_file_bytes", "lots"], ["max_file_bytes", "'lots'", "an integer"]),
    ("file size limit 0", ["-p", "max_file_bytes", "0"], ["max_file_bytes", "got 0", "at least 1"]),
    ("threshold above 1", ["-p", "near_duplicate_threshold", "1.5"], ["near_duplicate_threshold", "1.5", "(0, 1]"]),
    ("threshold not a number", ["-p", "near_duplicate_threshold", "high"], ["near_duplicate_threshold", "'high'"]),
    ("shingle size 0", ["-p", "shingle_size", "0"], ["shingle_size", "got 0", "[1, 20]"]),
    ("too few permutations", ["-p", "num_perm", "8"], ["num_perm", "got 8", "[16, 1024]"]),
    ("minimum words 0", ["-p", "min_words", "0"], ["min_words", "got 0"]),
    ("language name", ["-p", "language", "english"], ["language", "'english'", "two-letter"]),
    ("negative seed", ["-p", "seed", "-1"], ["seed", "got -1", "[0, 4294967295]"]),
    ("fractional seed", ["-p", "seed", "1.5"], ["seed", "'1.5'", "an integer"]),
    ("no worker process", ["-p", "n_process", "0"], ["n_process", "got 0", "[1, 64]"]),
    ("negative rendered articles", ["-p", "max_rendered_articles", "-1"], ["max_rendered_articles", "got -1"]),
    ("unknown rule set", ["-p", "rules", "ucdpp"], ["rules", "'ucdpp'", "'ucdp', 'acled', 'range'"]),
    ("match threshold above 1", ["-p", "match_threshold", "1.5"], ["match_threshold", "1.5", "(0, 1]"]),
    ("match threshold 0", ["-p", "match_threshold", "0"], ["match_threshold", "got 0.0", "(0, 1]"]),
    ("match threshold nan", ["-p", "match_threshold", "nan"], ["match_threshold", "got nan"]),
    ("switch neither true nor false", ["-p", "train_linkage", "maybe"], ["train_linkage", "'maybe'", "true or false"]),
    ("bad colour_by", ["-p", "colour_by", "country"], ["colour_by", "'country'", "'perpetrator', 'event_type'"]),
    ("dpi 0", ["-p", "dpi", "0"], ["dpi", "got 0", "[20, 600]"]),
    ("dpi 100000", ["-p", "dpi", "100000"], ["dpi", "got 100000", "[20, 600]"]),
    ("missing gold folder", ["-p", "gold_dir", "data/no-gold"], ["gold_dir", "'data/no-gold'", "existing folder",
                                                                  "does not exist"]),
    # The runner runs from the repository's root here: a path written from notebooks/ is not taken from there.
    ("path from the wrong folder", ["-p", "outside_dir", "../tests/fixtures/outside"],
     ["outside_dir", "'../tests/fixtures/outside'", "does not exist"]),
    ("corrections path is a folder", ["-p", "corrections_path", "data"], ["corrections_path", "'data'",
                                                                        "is not a file"]),
    ("missing corrections file", ["-p", "corrections_path", "my/corrections.csv"],
     ["parameter corrections_path: got 'my/corrections.csv', expects an existing file", "does not exist"]),
    ("missing event corrections file", ["-p", "event_corrections_path", "fixes.csv"], ["event_corrections_path",
                                                                                     "'fixes.csv'"]),
    ("missing linkage settings", ["-p", "settings_path", "data/linkage/none.yaml"], ["settings_path", "none.yaml"]),
    ("empty required file", ["-p", "figure_rules_path", ""], ["figure_rules_path", "got ''", "an existing file"]),
    ("boundaries folder is a file", ["-p", "boundaries_dir", "README.md"], ["boundaries_dir", "'README.md'"]),
    ("missing decisions file", ["-p", "decisions_path", "data/no_decisions.csv"], ["decisions_path",
                                                                                  "'data/no_decisions.csv'"]),
]
FOLDER_CASES = [
    ("missing input", ["--input", "{tmp}/no-articles"], ["input folder", "no-articles", "--input"]),
    ("input is a file", ["--input", "{articles}/story.txt"], ["input folder", "story.txt", "is a file", "--input"]),
    ("output = input", ["--output", "{articles}"], ["articles' (--output) is the input folder"]),
    ("output inside input", ["--output", "{articles}/report"], ["report' (--output) is inside the input folder"]),
    ("input inside output", ["--output", "{tmp}"], ["(--output) contains the input folder"]),
    ("output is a file", ["--output", "{articles}/../notes.txt"], ["notes.txt' (--output) is a file"]),
    ("a file on the output path", ["--output", "{tmp}/notes.txt/run"], ["notes.txt/run' (--output) cannot be created"]),
    ("read-only output", "read-only", ["read-only' (--output) is not writable"]),
    ("inside a read-only folder", "inside read-only", ["read-only/run' (--output) cannot be created",
                                                       "not writable"]),
    ("link to the input", ["--output", "{tmp}/link-to-articles"], ["link-to-articles' (--output) is the input"]),
    ("repository root", ["--output", "."], ["'.' (--output) is the repository's root"]),
    ("repository root, absolute", ["--output", str(REPO_DIR)], [f"'{REPO_DIR}' (--output) is the repository's root"]),
    ("notebooks/", ["--output", "notebooks"], ["'notebooks' (--output)", "notebooks/ folder"]),
    ("src/", ["--output", "src"], ["'src' (--output)", "src/ folder"]),
    ("inside src/", ["--output", "src/helpers/run"], ["'src/helpers/run' (--output)", "src/ folder"]),
    ("data/", ["--output", "data"], ["'data' (--output)", "data/ folder"]),
    ("data/seeds", ["--output", "data/seeds"], ["'data/seeds' (--output) is the committed reference run"]),
    ("tests/", ["--output", "tests/run"], ["'tests/run' (--output)", "tests/ folder"]),
    ("seeds/ with other input", ["--output", "seeds"], ["'seeds' (--output)", "seeds/ folder"]),
]


@pytest.mark.parametrize("arguments, expected", [pytest.param(arguments, expected, id=name) for name, arguments,
                                                 expected in PARAMETER_CASES + FOLDER_CASES])
def test_bad_value_or_folder_is_refused_before_anything_runs(arguments, expected, tmp_path, monkeypatch, capsys,
                                                             request):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "story.txt").write_text("Gunmen attacked a checkpoint on Sunday, killing five soldiers.\n")
    (tmp_path / "notes.txt").write_text("a file, not a folder\n")
    (tmp_path / "link-to-articles").symlink_to(articles)
    if isinstance(arguments, str):  # a read-only folder, made by its fixture
        folder = request.getfixturevalue("read_only_folder")
        arguments = ["--output", str(folder if arguments == "read-only" else folder / "run")]
    fill = {"articles": str(articles), "out": str(tmp_path / "out"), "tmp": str(tmp_path)}
    arguments = [argument.format(**fill) for argument in arguments]
    argv = ["--input", str(articles), "--output", str(tmp_path / "out")] + arguments  # later options win

    def no_kernel(path):
        raise AssertionError("a kernel was started: the bad value was not refused first")

    monkeypatch.setattr(run, "_start_kernel", no_kernel)
    monkeypatch.chdir(REPO_DIR)
    before = snapshot(REPO_DIR), snapshot(tmp_path)
    code = run.main(argv)
    after = snapshot(REPO_DIR), snapshot(tmp_path)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    for words in expected:
        assert words in lines[0], (words, lines[0])
    assert after == before, "something was written or changed"

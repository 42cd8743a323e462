"""Paths mean what the user typed, where they typed it; notebooks run with plain papermill from the repository's
root and from notebooks/; papermill's help shows each parameter's type and meaning; progress goes to the
terminal, never into a notebook."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers import parameters, run
from helpers.notebooks import list_notebooks
from helpers.parameters import REFERENCE_RUN_ENV, ParameterError, parse_declaration
from helpers.paths import NOTEBOOKS_DIR, REFERENCE_RUN_DIR, REPO_DIR, SEEDS_DIR
from helpers.progress import PROGRESS_DELAY_ENV, Steps

# A mention of the seed run: seven militia fighters killed at Al-Shola (README, "Correct the machine").
SEVEN_KILLED = "003_591d6589a516fc68-mb3eec8ee5a"
PAPERMILL = [sys.executable, "-m", "papermill", "--no-progress-bar", "--kernel", "python3"]


def _environment(**extra) -> dict:
    return {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", PROGRESS_DELAY_ENV: "0", **extra}


def _no_kernel(path):
    raise AssertionError("a kernel was started: the bad value was not refused first")


def test_a_run_from_another_folder_takes_input_output_and_p_paths_from_there(tmp_path):
    """--input, --output and -p corrections_path relative to the folder the command runs in; the report shows
    them as typed; the correction is applied (not taken for "no corrections")."""
    shutil.copytree(SEEDS_DIR, tmp_path / "articles")
    (tmp_path / "review").mkdir()
    (tmp_path / "review" / "fixes.csv").write_text(
        "action,mention_id,field,value,reason\n"
        f"fix,{SEVEN_KILLED},killed,8,a test: a later paragraph corrects the toll\n", encoding="utf-8")
    command = [sys.executable, "-m", "helpers.run", "--input", "articles", "--output", "runs/one",
               "-p", "corrections_path", "review/fixes.csv"]
    finished = subprocess.run(command, cwd=tmp_path, env=_environment(), capture_output=True, text=True, timeout=900)
    assert finished.returncode == 0, finished.stderr
    output = tmp_path / "runs" / "one"
    assert "report: runs/one/index.html" in finished.stderr
    ledger = pd.read_csv(output / "tables" / "ledger.csv", dtype="string", keep_default_na=False)
    assert sorted(ledger["file"]) == sorted(path.name for path in SEEDS_DIR.glob("*.txt"))
    mentions = pd.read_csv(output / "tables" / "mentions.csv", dtype="string", keep_default_na=False)
    fixed = mentions[mentions["mention_id"] == SEVEN_KILLED].iloc[0]
    assert fixed["killed"] == "8" and fixed["annotator"] == "human"
    status = pd.read_csv(output / "tables" / "corrections_status.csv", dtype="string", keep_default_na=False)
    assert status[(status["file"] == "fixes.csv") & (status["action"] == "file")]["status"].tolist() == ["ok: 1 rows"]
    page = (output / "index.html").read_text(encoding="utf-8")
    assert "Articles read from <code>articles</code>" in page
    assert "<code>corrections_path</code> = <code>'review/fixes.csv'</code>" in page
    for executed in (output / "notebooks").glob("*.ipynb"):  # relative to the repository; never absolute
        text = executed.read_text(encoding="utf-8")
        assert f'"{tmp_path}' not in text and f"'{tmp_path}" not in text, executed.name
        assert f'input_dir = \\"{os.path.relpath(tmp_path / "articles", REPO_DIR)}\\"' in text
    # Progress went to the terminal: a bar per file and per article, a line per step.
    assert re.search(r"ingest: 100%.*5/5", finished.stderr) and re.search(r"annotate: 100%.*5/5", finished.stderr)
    assert "reconcile [7/7] write tables" in finished.stderr and "visualise [6/6] interactive map" in finished.stderr


def test_a_missing_corrections_file_typed_in_another_folder_is_refused_naming_it(tmp_path, monkeypatch, capsys):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "story.txt").write_text("Gunmen killed five soldiers on Sunday, officials said.\n")
    (tmp_path / "data").mkdir()  # nothing of the repository's: data/corrections.csv is not here
    monkeypatch.setattr(run, "_start_kernel", _no_kernel)
    monkeypatch.chdir(tmp_path)
    for name, value in [("corrections_path", "my/corrections.csv"), ("corrections_path", "data/corrections.csv"),
                        ("decisions_path", "decisions.csv")]:
        code = run.main(["--input", "articles", "--output", "out", "-p", name, value])
        error = capsys.readouterr().err
        assert code == 2
        assert error.startswith(f"error: parameter {name}: got '{value}', expects an existing file"), error
        assert f"'{tmp_path / value}' does not exist" in error
        assert not (tmp_path / "out").exists()


def test_an_optional_file_left_at_its_default_and_absent_means_none_but_a_named_one_must_exist(tmp_path):
    optional = parse_declaration("fixes: str = 'data/no_such_fixes.csv'  # file or '': fixes by hand", "test")
    assert optional.resolve_path(optional.default) == ""  # the default, absent: no file
    optional.check(optional.resolve_path(optional.default))
    named = optional.resolve_path("fixes.csv", given_from=tmp_path)
    assert named == str(tmp_path / "fixes.csv")
    with pytest.raises(ParameterError, match="parameter fixes: got 'fixes.csv', expects an existing file"):
        optional.check(named, shown="fixes.csv")
    required = parse_declaration("rules: str = 'data/no_such_rules.yaml'  # file: the rules", "test")
    with pytest.raises(ParameterError, match="parameter rules: got 'data/no_such_rules.yaml'.*does not exist"):
        required.check(required.resolve_path(required.default), shown=required.default)


def test_the_notebook_check_resolves_paths_from_the_kernel_folder_and_keeps_the_reference_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(REFERENCE_RUN_ENV, raising=False)
    declared = parameters.read_declarations(NOTEBOOKS_DIR / "03-reconcile.ipynb")
    values = {name: parameter.default for name, parameter in declared.items()}
    (tmp_path / "decisions.csv").write_text("decision,mention_id,other_mention_id,reason\n")
    namespace = {**values, "decisions_path": "decisions.csv", "output_dir": "scratch"}
    parameters.check_notebook_parameters("03-reconcile", namespace)
    assert namespace["decisions_path"] == str(tmp_path / "decisions.csv")
    assert namespace["output_dir"] == str(tmp_path / "scratch")
    assert namespace["input_dir"] == str(SEEDS_DIR)  # the default, from the repository's root
    assert namespace["settings_path"] == str(REPO_DIR / "data" / "linkage" / "splink_settings.yaml")
    with pytest.raises(ParameterError, match="parameter decisions_path: got 'missing.csv'"):
        parameters.check_notebook_parameters("03-reconcile", {**values, "decisions_path": "missing.csv"})
    reference = {**values, "output_dir": str(REFERENCE_RUN_DIR)}
    with pytest.raises(ValueError, match="committed reference run"):
        parameters.check_notebook_parameters("03-reconcile", dict(reference))
    monkeypatch.setenv(REFERENCE_RUN_ENV, "1")  # as `python -m helpers.notebooks refresh` sets it
    parameters.check_notebook_parameters("03-reconcile", dict(reference))


@pytest.fixture(scope="module")
def scratch_runs(tmp_path_factory):
    """Each notebook run with plain papermill and its defaults, from the repository's root (all four, in order)
    and from notebooks/ (ingest and visualise); the defaults write to output/notebooks, which git ignores."""
    executed = tmp_path_factory.mktemp("executed")
    reference_before = {path: path.stat().st_mtime_ns for path in REFERENCE_RUN_DIR.rglob("*") if path.is_file()}
    errors = {}
    for where, names in [(REPO_DIR, [path.name for path in list_notebooks()]),
                         (NOTEBOOKS_DIR, ["01-ingest.ipynb", "04-visualise.ipynb"])]:
        for name in names:
            notebook = (NOTEBOOKS_DIR / name).relative_to(where) if where == REPO_DIR else Path(name)
            target = executed / f"{where.name}-{name}"
            finished = subprocess.run(PAPERMILL + [str(notebook), str(target)], cwd=where, env=_environment(),
                                      capture_output=True, text=True, timeout=900)
            assert finished.returncode == 0, (where, name, finished.stderr[-3000:])
            errors[target] = finished.stderr
    reference_after = {path: path.stat().st_mtime_ns for path in REFERENCE_RUN_DIR.rglob("*") if path.is_file()}
    return executed, errors, reference_before, reference_after


def test_each_notebook_runs_with_plain_papermill_from_the_root_and_from_notebooks(scratch_runs):
    executed, errors, reference_before, reference_after = scratch_runs
    assert len(errors) == 6
    scratch = REPO_DIR / "output" / "notebooks"
    for name in ["ledger.csv", "mentions.csv", "events.csv"]:
        assert (scratch / "tables" / name).exists(), name
    assert (scratch / "figures" / "timeline.png").exists()
    assert reference_after == reference_before, "a notebook run with its defaults wrote the committed reference run"
    tracked = subprocess.run(["git", "ls-files", "output"], cwd=REPO_DIR, capture_output=True, text=True).stdout
    assert tracked == ""  # the scratch folder is not tracked


def test_progress_reaches_the_terminal_and_never_the_notebook(scratch_runs):
    executed, errors, _, _ = scratch_runs
    ingest = executed / f"{REPO_DIR.name}-01-ingest.ipynb"
    assert re.search(r"ingest: 100%.*5/5 ", errors[ingest])
    assert re.search(r"annotate: 100%.*5/5 ", errors[executed / f"{REPO_DIR.name}-02-annotate.ipynb"])
    assert "reconcile [1/7] read mentions" in errors[executed / f"{REPO_DIR.name}-03-reconcile.ipynb"]
    assert "visualise [6/6] interactive map" in errors[executed / "notebooks-04-visualise.ipynb"]
    for path in errors:
        text = path.read_text(encoding="utf-8")
        assert "file/s" not in text and "article/s" not in text and "[1/7]" not in text and "[6/6]" not in text
        assert str(REPO_DIR) not in text, path.name  # paths resolved in the kernel are not printed


def test_help_notebook_prints_each_parameters_type_default_and_meaning():
    for path in list_notebooks():
        for where, shown in [(REPO_DIR, str(path.relative_to(REPO_DIR))), (NOTEBOOKS_DIR, path.name)]:
            helped = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", shown], cwd=where,
                                    capture_output=True, text=True, check=True).stdout
            assert "Unknown type" not in helped and "no help" not in helped.lower()
            flat = " ".join(helped.split())
            for name, parameter in parameters.read_declarations(path).items():
                assert re.search(rf"^  {name}: {parameter.type_name} \(default ", helped, re.M), (path.name, name)
                assert f"{parameter.allowed}: {parameter.meaning}" in flat, (path.name, name)


def test_steps_print_one_numbered_line_per_step():
    lines = []

    class Stream:
        def write(self, text):
            lines.append(text)

        def flush(self):
            pass

    ticks = iter([0.0, 1.25, 4.0])
    steps = Steps("reconcile", ["read", "link"], stream=Stream(), clock=lambda: next(ticks))
    steps("read")
    steps("link")
    assert "".join(lines) == "reconcile [1/2] read (after 1.2 s)\nreconcile [2/2] link (after 4.0 s)\n"
    with pytest.raises(ValueError, match="unknown step 'score'"):
        steps("score")


def test_every_stage_notebook_reports_progress_and_no_bar_lands_in_a_committed_notebook():
    for path in list_notebooks():
        notebook = nbformat.read(path, as_version=4)
        source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        assert "progress.bar(" in source or "progress.Steps(" in source, path.name
        outputs = str([cell.get("outputs", []) for cell in notebook.cells])
        assert "it/s" not in outputs and "article/s" not in outputs and "file/s" not in outputs, path.name


def test_tasks_lab_starts_jupyterlab_of_the_project_on_its_kernel():
    sys.path.insert(0, str(REPO_DIR))
    try:
        import tasks
    finally:
        sys.path.remove(str(REPO_DIR))
    command = tasks.lab_command(["--no-browser"])
    assert command[:3] == [str(REPO_DIR / ".venv" / "bin" / "python"), "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={REPO_DIR}" in command and command[-1] == "--no-browser"
    version = subprocess.run([sys.executable, "-m", "jupyterlab", "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    # The notebooks name the kernel python3; a server started from .venv runs it with its own interpreter.
    from jupyter_client import KernelManager

    assert nbformat.read(list_notebooks()[0], as_version=4).metadata.kernelspec.name == "python3"
    kernel_command = KernelManager(kernel_name="python3").format_kernel_cmd()
    assert kernel_command[0] == sys.executable


def test_tasks_run_keeps_the_folder_it_was_typed_in(tmp_path):
    """`python3 tasks.py run --input articles` from another folder means that folder's articles/."""
    finished = subprocess.run([sys.executable, str(REPO_DIR / "tasks.py"), "run", "--input", "articles",
                               "--output", "out"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 2
    assert "input folder 'articles' does not exist or is not a folder (option --input)" in finished.stderr
    assert not (REPO_DIR / "out").exists() and not (tmp_path / "out").exists()

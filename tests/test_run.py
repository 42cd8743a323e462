"""Tests of the runner: refusals before anything runs, and whole runs on the bad-input folder."""
from __future__ import annotations

import filecmp
import io
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers import run
from helpers.notebooks import list_notebooks
from helpers.paths import REPO_DIR
from helpers.schemas import CONTRACT

BAD_INPUT = Path(__file__).parent / "fixtures" / "bad_input"


def test_unknown_parameter_is_refused_with_its_name():
    declared = run.declared_parameters(list_notebooks())
    with pytest.raises(run.RunnerError, match="unknown parameter 'no_such_knob'"):
        run.resolve_parameters([["no_such_knob", "1"]], declared)


def test_value_of_the_wrong_type_is_refused():
    declared = run.declared_parameters(list_notebooks())
    assert declared["max_file_bytes"].type_name == "int"
    with pytest.raises(run.RunnerError, match="parameter max_file_bytes: got 'lots', expects an integer"):
        run.resolve_parameters([["max_file_bytes", "lots"]], declared)
    assert run.resolve_parameters([["max_file_bytes", "5000"]], declared) == {"max_file_bytes": 5000}


def test_boolean_and_float_values_are_converted_and_checked():
    declared = run.declared_parameters(list_notebooks())
    values = run.resolve_parameters([["train_linkage", "true"], ["match_threshold", "0.5"]], declared)
    assert values == {"train_linkage": True, "match_threshold": 0.5}
    with pytest.raises(run.RunnerError, match="parameter train_linkage: got 'maybe', expects true or false"):
        run.resolve_parameters([["train_linkage", "maybe"]], declared)
    with pytest.raises(run.RunnerError, match=r"parameter match_threshold: got 1.5, expects a number in \(0, 1\]"):
        run.resolve_parameters([["match_threshold", "1.5"]], declared)


def test_paths_given_with_p_are_taken_from_the_working_folder_and_made_absolute(tmp_path, monkeypatch):
    declared = run.declared_parameters(list_notebooks())
    (tmp_path / "review").mkdir()
    (tmp_path / "review" / "fixes.csv").write_text("action,mention_id,field,value,reason\n")
    monkeypatch.chdir(tmp_path)
    values = run.resolve_parameters([["corrections_path", "review/fixes.csv"], ["decisions_path", ""]], declared)
    assert values == {"corrections_path": str(tmp_path / "review" / "fixes.csv"), "decisions_path": ""}
    # The same words as the default, typed elsewhere, name the file there, not the repository's.
    with pytest.raises(run.RunnerError, match="parameter corrections_path: got 'data/corrections.csv'"):
        run.resolve_parameters([["corrections_path", "data/corrections.csv"]], declared)
    monkeypatch.chdir(REPO_DIR / "notebooks")
    assert run.resolve_parameters([["outside_dir", "../tests/fixtures/outside_syria"]], declared) == {
        "outside_dir": str(REPO_DIR / "tests" / "fixtures" / "outside_syria")}
    with pytest.raises(run.RunnerError, match="parameter outside_dir: got 'tests/fixtures/outside_syria'"):
        run.resolve_parameters([["outside_dir", "tests/fixtures/outside_syria"]], declared)


def test_runner_owned_parameters_cannot_be_passed_with_p():
    declared = run.declared_parameters(list_notebooks())
    with pytest.raises(run.RunnerError, match="--input"):
        run.resolve_parameters([["input_dir", "elsewhere"]], declared)


def test_notebook_without_parameters_cell_is_refused(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    path = tmp_path / "09-broken.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(run.RunnerError, match="no cell tagged 'parameters'"):
        run.declared_parameters([path])


def test_missing_input_folder_is_refused_before_anything_runs(tmp_path):
    with pytest.raises(run.RunnerError, match="does not exist"):
        run.run(tmp_path / "missing", tmp_path / "out", [])
    assert not (tmp_path / "out").exists()


def test_output_folder_inside_the_input_is_refused_before_anything_runs(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "story.txt").write_text("A story.\n")
    with pytest.raises(run.RunnerError, match="'.*report' \\(--output\\) is inside the input folder"):
        run.run(articles, articles / "report", [])
    assert sorted(path.name for path in articles.iterdir()) == ["story.txt"]


def test_every_committed_notebook_has_exactly_one_parameters_cell():
    for path in list_notebooks():
        notebook = nbformat.read(path, as_version=4)
        tagged = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    outputs = []
    for attempt in ("first", "second"):
        output = tmp_path_factory.mktemp(attempt)
        code = run.run(BAD_INPUT, output, [["max_file_bytes", "20000"]], stream=io.StringIO())
        assert code == 0
        outputs.append(output)
    return outputs


def test_whole_run_on_bad_input_accounts_for_every_file(two_runs):
    ledger = pd.read_csv(two_runs[0] / "tables" / "ledger.csv", dtype="string", keep_default_na=False)
    assert len(ledger) == 16
    assert set(ledger["status"]) == {"ok", "duplicate", "empty", "not_text", "not_english", "error"}
    for name, columns in CONTRACT.items():
        table = pd.read_csv(two_runs[0] / "tables" / f"{name}.csv", dtype="string", nrows=0)
        assert list(table.columns[: len(columns)]) == columns, name
    assert (two_runs[0] / "index.html").exists()
    for notebook in list_notebooks():
        assert (two_runs[0] / "html" / f"{notebook.stem}.html").exists()
        assert (two_runs[0] / "html" / f"{notebook.stem}-reader.html").exists()


def test_same_input_gives_byte_identical_tables(two_runs):
    first, second = (output / "tables" for output in two_runs)
    names = sorted(path.name for path in first.glob("*.csv"))
    assert names
    match, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert mismatch == [] and errors == []


def test_executed_notebooks_carry_no_volatile_metadata_or_absolute_paths(two_runs):
    for path in (two_runs[0] / "notebooks").glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert '"papermill"' not in text and "start_time" not in text
        assert '"/tmp' not in text and '"/root' not in text and "'/tmp" not in text and "'/root" not in text
        notebook = nbformat.read(path, as_version=4)
        injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
        # Relative to the repository's root, where the kernels run; never absolute.
        assert injected and 'input_dir = "tests/fixtures/bad_input"' in injected[0].source


def test_two_runs_give_the_same_notebooks_apart_from_their_output_folder(two_runs):
    for path in sorted((two_runs[0] / "notebooks").glob("*.ipynb")):
        first = path.read_text(encoding="utf-8").replace(two_runs[0].name, "OUTPUT")
        second = (two_runs[1] / "notebooks" / path.name).read_text(encoding="utf-8").replace(two_runs[1].name, "OUTPUT")
        differing = [(a, b) for a, b in zip(first.splitlines(), second.splitlines()) if a != b]
        assert first == second, (path.name, differing[:1])  # cell ids too: papermill's injected cell id is fixed


def test_imported_modules_are_read_from_top_level_import_statements(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("import markdown_is_not_code"),
        nbformat.v4.new_code_cell("import pandas as pd\nfrom pathlib import Path\nfrom helpers import run, schemas"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport not_parsed_because_of_the_magic"),
        nbformat.v4.new_code_cell("def late():\n    import inside_a_function\nfrom . import relative\nimport pandas"),
    ]
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, path)
    assert run.imported_modules(path) == ["pandas", "pathlib", "pathlib.Path", "helpers", "helpers.run",
                                          "helpers.schemas"]


def test_warm_up_code_imports_silently_and_binds_no_name():
    namespace: dict = {}
    exec(run.warm_up_code(["json", "no_such_module_anywhere", "json.Path"]), namespace)
    assert set(namespace) == {"__builtins__"}
    import sys
    assert "json" in sys.modules


def test_stripping_merges_stream_outputs_split_by_kernel_flushes():
    from helpers.notebooks import strip_volatile

    def notebook_with(outputs):
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell("print('a'); print('b')", outputs=outputs, id="cell")]
        return strip_volatile(notebook)

    split = notebook_with([nbformat.v4.new_output("stream", name="stdout", text="a"),
                           nbformat.v4.new_output("stream", name="stdout", text="\nb\n")])
    whole = notebook_with([nbformat.v4.new_output("stream", name="stdout", text="a\nb\n")])
    assert nbformat.writes(split) == nbformat.writes(whole)
    mixed = notebook_with([nbformat.v4.new_output("stream", name="stdout", text="a\n"),
                           nbformat.v4.new_output("stream", name="stderr", text="warning\n")])
    assert [output.name for output in mixed.cells[0].outputs] == ["stdout", "stderr"]


def test_runner_process_skips_the_slow_iri_checker_but_still_validates_notebooks():
    import subprocess
    import sys

    code = ("from helpers import run; run.skip_unused_iri_format_checker(); import sys, nbformat, papermill; "
            "nbformat.validate(nbformat.v4.new_notebook()); print('rfc3987_syntax' in sys.modules and "
            "sys.modules['rfc3987_syntax'] is not None)")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "False"


def test_warm_up_code_calls_this_packages_warm_up_hooks_only(monkeypatch):
    import sys
    import types

    calls = []
    ours, theirs = types.ModuleType("helpers._probe_hooks"), types.ModuleType("probe_other_package")
    ours.warm_up = lambda: calls.append("ours")
    theirs.warm_up = lambda: calls.append("theirs")  # another package's warm_up may mean anything: never called
    monkeypatch.setitem(sys.modules, "helpers._probe_hooks", ours)
    monkeypatch.setitem(sys.modules, "probe_other_package", theirs)
    exec(run.warm_up_code(["helpers._probe_hooks", "probe_other_package"]), {})
    assert calls == ["ours"]

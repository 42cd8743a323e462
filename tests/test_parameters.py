"""Tests of the parameter declarations (each notebook's parameters cell) and of the checks made against them."""
from __future__ import annotations

import ast
import re
import subprocess
import sys

import nbformat
import pytest

from helpers import parameters, run
from helpers.notebooks import list_notebooks, parameters_cell_index
from helpers.parameters import ParameterError, parse_declaration
from helpers.paths import NOTEBOOKS_DIR, REPO_DIR


def declared(line: str):
    return parse_declaration(line, "test")


def test_every_notebook_declares_each_parameter_with_type_allowed_values_and_meaning():
    per_notebook = run.notebook_declarations(list_notebooks())
    assert set(per_notebook) == {"01-ingest", "02-annotate", "03-reconcile", "04-visualise"}
    for stem, found in per_notebook.items():
        assert {"input_dir", "output_dir"} <= set(found), stem
        for parameter in found.values():
            assert parameter.type_name in {"str", "int", "float", "bool"}
            assert len(parameter.meaning.split()) >= 3, parameter.line
    # A name several notebooks declare is declared alike in each (merging refuses otherwise).
    merged = run.declared_parameters(list_notebooks())
    assert merged["seed"].allowed == "[0, 4294967295]"


def test_every_default_satisfies_its_declaration_from_any_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # defaults are the repository's files, written from its root
    for parameter in run.declared_parameters(list_notebooks()).values():
        value = parameter.resolve_path(parameter.default) if parameter.is_path else parameter.default
        if parameter.is_path:
            assert value.startswith(str(REPO_DIR)), parameter.name
        if parameter.allowed != "output folder":
            parameter.check(value)


def test_papermill_reads_the_same_declarations():
    from papermill.translators import PythonTranslator

    for path in list_notebooks():
        notebook = nbformat.read(path, as_version=4)
        cell = notebook.cells[parameters_cell_index(notebook)]
        inferred = {p.name: p for p in PythonTranslator.inspect(cell)}
        ours = parameters.read_declarations(path)
        assert list(inferred) == list(ours), path.name
        for name, parameter in ours.items():
            assert inferred[name].inferred_type_name == parameter.type_name
            assert inferred[name].help == f"{parameter.allowed}: {parameter.meaning}"
            assert ast.literal_eval(inferred[name].default) == parameter.default


def test_help_notebook_and_list_parameters_print_the_same_declaration():
    listed = subprocess.run([sys.executable, "-m", "helpers.run", "--list-parameters"], capture_output=True,
                            text=True, check=True).stdout
    for path in list_notebooks():
        helped = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", str(path)],
                                capture_output=True, text=True, check=True).stdout
        for parameter in parameters.read_declarations(path).values():
            assert f"{parameter.allowed}: {parameter.meaning}" in helped, (path.name, parameter.name)
            assert parameter.line in listed, parameter.name


@pytest.mark.parametrize("line, problem", [
    ("dpi = 80", "does not declare"),
    ("dpi: int = 80", "does not declare"),
    ("dpi: int = 80  # [20, 600]", "does not declare"),
    ("dpi: number = 80  # [20, 600]: resolution", "has type 'number'"),
    ("dpi: int = 80  # between 20 and 600: resolution", "does not know"),
    ("dpi: int = 10  # [20, 600]: resolution", "default breaks its own declaration"),
    ("rules: str = 'a'  # [1, 2]: rule set", "needs a float or int"),
    ("flag: int = 1  # true or false: a switch", "needs a bool"),
    ("dpi: int = 80  # one of 80, 100: resolution", "needs a str"),
    ("dpi: int = max(1, 2)  # [20, 600]: resolution", "not a literal"),
    ("n: int = 1  # at least 1: words with n = 1 are kept", "more than one '='"),
])
def test_a_declaration_without_type_allowed_values_or_meaning_is_refused(line, problem):
    with pytest.raises(ParameterError, match=problem):
        declared(line)


@pytest.mark.parametrize("line, good, bad", [
    ("t: float = 0.5  # (0, 1]: a share", [1, 1.0, 0.0001], [0, 0.0, 1.01, float("nan"), float("inf"), True, "0.5"]),
    ("n: int = 5  # [1, 20]: a count", [1, 20], [0, 21, 5.0, True, "5"]),
    ("n: int = 5  # at least 0: a count", [0, 10**9], [-1]),
    ("n: int = 5  # more than 0: a count", [1], [0]),
    ("r: str = 'a'  # one of a, b: a choice", ["a", "b"], ["c", "", "A", 1]),
    ("b: bool = False  # true or false: a switch", [True, False], [0, 1, "true", None]),
    ("l: str = 'en'  # language code: a language", ["en", "fr"], ["english", "EN", "e", ""]),
])
def test_values_are_checked_against_type_and_allowed_values(line, good, bad):
    parameter = declared(line)
    for value in good:
        parameter.check(value)
    for value in bad:
        with pytest.raises(ParameterError, match=rf"parameter {parameter.name}: got {re.escape(repr(value))}, expects"):
            parameter.check(value)


def test_paths_are_checked_from_the_given_folder(tmp_path):
    (tmp_path / "there").mkdir()
    (tmp_path / "file.csv").write_text("a\n")
    folder = declared("d: str = 'x'  # folder: a folder")
    optional_file = declared("f: str = 'x'  # file or '': a file")
    folder.check("there", base_dir=tmp_path)
    folder.check(str(tmp_path / "there"))
    optional_file.check("file.csv", base_dir=tmp_path)
    optional_file.check("", base_dir=tmp_path)
    for parameter, value in [(folder, "file.csv"), (folder, "missing"), (folder, ""), (optional_file, "there")]:
        with pytest.raises(ParameterError, match=f"parameter {parameter.name}: got '{value}', expects an existing"):
            parameter.check(value, base_dir=tmp_path)


def test_command_line_strings_are_converted_to_the_declared_type():
    assert declared("b: bool = False  # true or false: s").convert("Yes") is True
    assert declared("b: bool = False  # true or false: s").convert("off") is False
    assert declared("t: float = 0.5  # (0, 1]: s").convert("1") == 1.0
    assert declared("n: int = 5  # at least 0: s").convert(" 7 ") == 7
    for line, raw in [("b: bool = False  # true or false: s", "maybe"), ("n: int = 5  # at least 0: s", "1.5"),
                      ("t: float = 0.5  # (0, 1]: s", "half")]:
        with pytest.raises(ParameterError, match=f"got '{raw}', expects"):
            declared(line).convert(raw)


def test_notebook_check_names_the_first_refused_parameter(monkeypatch):
    monkeypatch.chdir(NOTEBOOKS_DIR)
    values = {name: parameter.default for name, parameter in parameters.read_declarations(
        NOTEBOOKS_DIR / "04-visualise.ipynb").items()}
    parameters.check_notebook_parameters("04-visualise", values)  # the defaults pass
    with pytest.raises(ParameterError, match=r"parameter dpi: got 5000, expects an integer in \[20, 600\]"):
        parameters.check_notebook_parameters("04-visualise", {**values, "dpi": 5000})
    with pytest.raises(ParameterError, match="parameter colour_by: got 'country'"):
        parameters.check_notebook_parameters("04-visualise", {**values, "colour_by": "country"})


def test_a_notebook_run_directly_with_papermill_stops_in_its_check_cell_before_writing(tmp_path):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output = tmp_path / "out"
    with pytest.raises(PapermillExecutionError) as raised:
        papermill.execute_notebook(str(NOTEBOOKS_DIR / "04-visualise.ipynb"), str(tmp_path / "executed.ipynb"),
                                   parameters={"dpi": 5000, "output_dir": str(output)}, cwd=str(NOTEBOOKS_DIR),
                                   progress_bar=False, kernel_name="python3")
    assert raised.value.ename == "ParameterError"
    assert "parameter dpi: got 5000, expects an integer in [20, 600]" in raised.value.evalue
    notebook = nbformat.read(NOTEBOOKS_DIR / "04-visualise.ipynb", as_version=4)
    # The failing cell is the first after the parameters cell and the cell papermill injects after it.
    assert raised.value.cell_index == parameters_cell_index(notebook) + 2
    assert not output.exists()


def test_the_helpers_own_checks_agree_with_the_declarations():
    """The stage helpers keep their own guards for callers outside the notebooks; they must not drift apart."""
    from helpers import figures, ingest, visualise

    declared = run.declared_parameters(list_notebooks())
    assert declared["rules"].choices() == list(figures.RULE_SETS)
    assert declared["colour_by"].choices() == list(visualise.COLOUR_BY_CHOICES)
    defaults = {name: declared[name].default for name in
                ["max_file_bytes", "near_duplicate_threshold", "shingle_size", "num_perm", "min_words", "language"]}
    edges = {"max_file_bytes": (1, 0), "near_duplicate_threshold": (1.0, 0.0), "shingle_size": (20, 21),
             "num_perm": (16, 15), "min_words": (1, 0), "language": ("fr", "fra")}
    for name, (inside, outside) in edges.items():
        declared[name].check(inside)
        ingest.check_parameters(**{**defaults, name: inside})
        with pytest.raises(ParameterError):
            declared[name].check(outside)
        with pytest.raises(ingest.IngestParameterError, match=name):
            ingest.check_parameters(**{**defaults, name: outside})


def test_every_notebook_checks_its_own_parameters_in_the_cell_after_the_parameters_cell():
    for path in list_notebooks():
        notebook = nbformat.read(path, as_version=4)
        following = notebook.cells[parameters_cell_index(notebook) + 1]
        assert following.cell_type == "code"
        assert f'check_notebook_parameters("{path.stem}", globals())' in following.source, path.name

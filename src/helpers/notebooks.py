"""Notebook housekeeping: strip volatile metadata, execute committed notebooks in place, read parameters."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.paths import NOTEBOOKS_DIR, REFERENCE_RUN_DIR

if TYPE_CHECKING:  # nbformat takes over a second to import (jsonschema): functions import it when they need it
    import nbformat

_VOLATILE_CELL_KEYS = ("execution", "papermill", "collapsed", "scrolled", "ExecuteTime")
_VOLATILE_NOTEBOOK_KEYS = ("papermill", "widgets")


def list_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Return the stage notebooks (NN-verb.ipynb) in stage order."""
    return sorted(path for path in folder.glob("[0-9][0-9]-*.ipynb"))


def strip_volatile(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove timings, timestamps and papermill bookkeeping so committed notebooks diff cleanly.

    Consecutive stream outputs of a cell are merged too: how a kernel splits printed text into messages
    depends on when its buffer is flushed, so the same prints may arrive as one output or as several.
    """
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
    for key in _VOLATILE_NOTEBOOK_KEYS:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        cell.pop("id", None) if notebook.nbformat_minor < 5 else None
        # papermill gives the cell it injects a random id; a fixed one keeps two runs' notebooks identical.
        if "injected-parameters" in cell.metadata.get("tags", []) and "id" in cell:
            cell["id"] = "injected-parameters"
    return notebook


def parameters_cell_index(notebook: nbformat.NotebookNode) -> int | None:
    """Return the index of the single cell tagged `parameters`, or None when there is none."""
    indexes = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])]
    if len(indexes) > 1:
        raise ValueError(f"{len(indexes)} cells are tagged 'parameters'; exactly one is allowed")
    return indexes[0] if indexes else None


def sync_from_text(py_path: Path) -> Path:
    """Write the .ipynb twin of a jupytext py:percent notebook, keeping outputs of unchanged cells."""
    import jupytext
    import nbformat

    ipynb_path = py_path.with_suffix(".ipynb")
    source = jupytext.read(py_path)
    if ipynb_path.exists():
        previous = nbformat.read(ipynb_path, as_version=4)
        source = jupytext.combine.combine_inputs_with_outputs(source, previous)
    source.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    source.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(source, ipynb_path)
    return ipynb_path


def execute_in_place(ipynb_path: Path, timeout: int = 1200) -> None:
    """Execute a committed notebook from the notebooks folder with its defaults, writing the committed reference
    run (data/seeds), then strip it.

    The notebook's own default output folder is an untracked scratch folder; for this run only, a cell set
    after the parameters cell (as papermill injects one) points `output_dir` at the reference run, and the
    kernel is told that it may write there. The cell is removed again, so the committed notebook shows its
    defaults, with the outputs of the reference run.
    """
    import nbformat
    from nbclient import NotebookClient

    from helpers.parameters import REFERENCE_RUN_ENV

    notebook = nbformat.read(ipynb_path, as_version=4)
    index = parameters_cell_index(notebook)
    redirect = nbformat.v4.new_code_cell(f"output_dir = {str(REFERENCE_RUN_DIR)!r}")  # removed before saving
    notebook.cells.insert(index + 1, redirect)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(ipynb_path.parent)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    previous = os.environ.get(REFERENCE_RUN_ENV)
    os.environ[REFERENCE_RUN_ENV] = "1"  # the kernel inherits it
    try:
        client.execute()
    finally:
        if previous is None:
            os.environ.pop(REFERENCE_RUN_ENV, None)
        else:
            os.environ[REFERENCE_RUN_ENV] = previous
    notebook.cells.remove(redirect)
    for cell in notebook.cells[index + 1:]:  # count as if the redirect had not run
        if cell.cell_type == "code" and cell.get("execution_count"):
            cell.execution_count -= 1
            for output in cell.get("outputs", []):
                if output.get("execution_count"):
                    output["execution_count"] -= 1
    nbformat.write(strip_volatile(notebook), ipynb_path)


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers.notebooks refresh [NAMES]`: regenerate committed notebooks from their .py twins."""
    parser = argparse.ArgumentParser(prog="python -m helpers.notebooks")
    parser.add_argument("command", choices=["refresh", "sync"], help="sync: .py -> .ipynb; refresh: sync + execute")
    parser.add_argument("names", nargs="*", help="notebook names such as 02-annotate (default: all)")
    args = parser.parse_args(argv)
    targets = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.py"))
    if args.names:
        targets = [path for path in targets if path.stem in args.names or path.stem[:2] in args.names]
    for py_path in targets:
        ipynb_path = sync_from_text(py_path)
        if args.command == "refresh":
            print(f"executing {ipynb_path.name}", flush=True)
            execute_in_place(ipynb_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

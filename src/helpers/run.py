"""The runner: execute the four stage notebooks in order with papermill and render the shareable report.

    python -m helpers.run --input DIR --output DIR [-p NAME VALUE ...]
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import fcntl
import json
import os
import shutil
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from helpers.notebooks import list_notebooks, strip_volatile
from helpers.output_folder import (
    OutputFolderError, check_output_folder, describe_kernel_write_error, describe_write_error,
)
from helpers.parameters import Parameter, ParameterError, merge_declarations, read_declarations
from helpers.paths import NOTEBOOKS_DIR, REPO_DIR, run_layout

KERNEL_NAME = "python3"
KERNEL_START_TIMEOUT = 600  # seconds a kernel may take to boot and warm up before papermill gives up
RUNNER_PARAMETERS = {"input_dir": "--input", "output_dir": "--output"}


class RunnerError(Exception):
    """A problem found before or while running the notebooks, with a message meant for the user.

    Refusals before anything runs exit with 2; a failure while the notebooks run (a full disk) with 1.
    """

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def notebook_declarations(notebooks: list[Path]) -> dict[str, dict[str, Parameter]]:
    """Each notebook's declared parameters (its parameters cell: see helpers.parameters), by notebook stem."""
    try:
        return {path.stem: read_declarations(path) for path in notebooks}
    except ParameterError as error:
        raise RunnerError(str(error)) from None


def declared_parameters(notebooks: list[Path]) -> dict[str, Parameter]:
    """Every parameter the notebooks declare; fail on a notebook without a parameters cell or a bad declaration."""
    try:
        return merge_declarations(notebook_declarations(notebooks))
    except ParameterError as error:
        raise RunnerError(str(error)) from None


def resolve_parameters(pairs: list[list[str]], declared: dict[str, Parameter],
                       given_from: Path | None = None) -> dict[str, object]:
    """Convert and check every -p NAME VALUE against its declaration; refuse unknown and runner-owned names.

    A path is taken from `given_from` (default: the working folder, where the user typed it) and comes back
    absolute; helpers.parameters.Parameter.resolve_path says how.
    """
    parameters: dict[str, object] = {}
    for name, raw in pairs:
        if name in RUNNER_PARAMETERS:
            raise RunnerError(f"parameter {name} is set by the runner's {RUNNER_PARAMETERS[name]} option, not by -p")
        if name not in declared:
            known = ", ".join(sorted(n for n in declared if n not in RUNNER_PARAMETERS))
            raise RunnerError(f"unknown parameter {name!r}: no notebook declares it. Known parameters: {known}")
        parameter = declared[name]
        try:
            value = parameter.convert(raw)
            if parameter.is_path and value != "":
                # As the user means it: from where they stand, even when it reads like the default.
                value = os.path.abspath(Path(given_from or Path.cwd()) / Path(value).expanduser())
            parameter.check(value, shown=raw if parameter.is_path else None)
        except ParameterError as error:
            raise RunnerError(str(error)) from None
        parameters[name] = value
    return parameters


def check_defaults(declared: dict[str, Parameter], parameters: dict[str, object]) -> None:
    """Check the defaults a run keeps (a moved data file, say) as the values given with -p are checked."""
    for name, parameter in declared.items():
        if name in RUNNER_PARAMETERS or name in parameters:
            continue
        try:
            value = parameter.resolve_path(parameter.default) if parameter.is_path else parameter.default
            parameter.check(value, shown=parameter.default)
        except ParameterError as error:
            raise RunnerError(f"{error}; this is the notebook's default: set it with -p {name} VALUE") from None


def list_parameters(notebooks: list[Path], stream=sys.stdout) -> None:
    """Print each notebook's parameter declarations as written (the lines papermill --help-notebook reads)."""
    for stem, declared in notebook_declarations(notebooks).items():
        print(f"{stem}:", file=stream)
        for name, parameter in declared.items():
            owner = f"  [set with {RUNNER_PARAMETERS[name]}]" if name in RUNNER_PARAMETERS else ""
            print(f"  {parameter.line}{owner}", file=stream)
    print("Set a parameter with -p NAME VALUE; every value is checked against its declaration before any notebook "
          "runs.", file=stream)


def _relative_to_repository(path: Path | str) -> str:
    """Express an absolute path relative to the repository's root, where the kernels run, so that no absolute
    path lands in the executed notebooks (a run from any working folder writes the same notebooks)."""
    return Path(os.path.relpath(os.path.abspath(path), REPO_DIR)).as_posix()


def skip_unused_iri_format_checker() -> None:
    """Keep jsonschema from loading its optional 'iri' format checker in this process.

    papermill imports nbformat, which imports jsonschema; with the rfc3987-syntax package installed (jupyterlab
    pulls it in), jsonschema's import builds that package's Earley parsers, about 1.5 s on our machines
    (python-jsonschema/jsonschema#1428). No notebook schema uses the 'iri' format. Marking the module absent
    before jsonschema's first import makes jsonschema skip that checker, as when the package is not installed;
    once jsonschema is loaded this does nothing.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def check_run(input_dir: Path, output_dir: Path, pairs: list[list[str]], notebooks: list[Path]):
    """Every check that comes before any work: the notebooks' declarations, each parameter value, the input and
    output folders. Returns (declarations by notebook, merged declarations, the values given with -p)."""
    if not notebooks:
        raise RunnerError(f"no stage notebooks (NN-name.ipynb) in {NOTEBOOKS_DIR.name}/")
    per_notebook = notebook_declarations(notebooks)
    declared = declared_parameters(notebooks)
    parameters = resolve_parameters(pairs, declared)
    check_defaults(declared, parameters)
    if not input_dir.is_dir():
        what = "is a file, not a folder" if input_dir.is_file() else "does not exist or is not a folder"
        raise RunnerError(f"input folder {str(input_dir)!r} {what} (option --input)")
    input_dir = Path(os.path.abspath(input_dir))
    try:
        check_output_folder(output_dir, input_dir, option="--output")
    except OutputFolderError as error:
        raise RunnerError(str(error)) from None
    return per_notebook, declared, parameters


def _beside(output_dir: Path, what: str) -> Path:
    """A hidden path beside the output folder: its lock, the run being written, the output being replaced."""
    return output_dir.parent / f".{output_dir.name}.{what}"


@contextlib.contextmanager
def output_lock(output_dir: Path):
    """Hold the lock of an output folder for a run, or refuse at once when another run holds it.

    The lock is an advisory lock (flock) on a file beside the folder, so the system releases it when the
    run ends in any way, a SIGKILL included. Holding it, the run tidies what a killed run left behind
    (see recover_output)."""
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = _beside(output_dir, "lock")
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunnerError(f"another run is writing into {output_dir.as_posix()!r} (it holds "
                              f"{lock_path.name}); wait for it to finish or choose another --output") from None
        try:
            recover_output(output_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover_output(output_dir: Path) -> None:
    """Put back the previous complete output if a run was killed while swapping it out, and remove what a
    killed run was writing. Call only while holding the folder's lock."""
    previous = _beside(output_dir, "previous")
    if previous.exists():
        if output_dir.exists():
            shutil.rmtree(previous)  # the swap was done; only the old copy was left
        else:
            os.rename(previous, output_dir)  # killed between the two renames of the swap
    for staging in output_dir.parent.glob(f".{output_dir.name}.partial-*"):
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, output_dir: Path) -> None:
    """Replace the output folder by the complete output written in `staging` (two renames on one file system;
    a run killed between them leaves the previous output beside, and the next run puts it back)."""
    previous = _beside(output_dir, "previous")
    if output_dir.exists():
        os.rename(output_dir, previous)
    os.rename(staging, output_dir)
    if previous.exists():
        shutil.rmtree(previous)


def run(input_dir: Path, output_dir: Path, pairs: list[list[str]], *, stream=sys.stderr,
        shown_input: str | None = None) -> int:
    """Check everything, then execute each notebook in order; return a process exit code.

    Relative paths (the folders, and paths given with -p) are taken from the working folder, where the user
    typed them, resolved once to absolute paths, and shown in messages and in the report as they were given.

    The run writes into a hidden folder beside the output folder and swaps it in only when every notebook and
    the report are done, so a run that fails or is killed at any moment leaves the previous complete output
    (or none), never a half-written one. A second run into the same output folder is refused while one runs.
    """
    skip_unused_iri_format_checker()
    notebooks = list_notebooks()
    checked = check_run(input_dir, output_dir, pairs, notebooks)
    shown_input = str(input_dir) if shown_input is None else shown_input
    checked = (*checked, {name: raw for name, raw in pairs}, shown_input)
    input_dir = Path(os.path.abspath(input_dir))  # resolved once, before papermill changes the working folder
    final = Path(os.path.abspath(output_dir))
    with output_lock(final):
        # One staging folder per run: a kernel orphaned by a killed run (it exits within a second) cannot
        # write into the next run's folder.
        staging = _beside(final, f"partial-{os.getpid()}")
        code = _run_into(notebooks, Path(input_dir), staging, final, Path(output_dir), checked, stream)
        if code == 0:
            swap_in(staging, final)
            print(f"report: {output_dir.as_posix()}/index.html", file=stream, flush=True)
        return code


def _run_into(notebooks, input_dir: Path, staging: Path, final: Path, shown: Path, checked, stream) -> int:
    """Execute the notebooks into `staging`, as if into `final`; a write error is one line naming --output."""
    started = time.perf_counter()
    # Each notebook gets a fresh kernel, started before it is needed: a kernel takes a second or two to boot,
    # and that time need not wait. While it waits, a kernel imports the modules its notebook's own import
    # statements name and runs their warm_up() (silently: no output, no execution count; see warm_up_code).
    # The first two kernels boot while the runner loads papermill; the kernel of notebook n + 1 starts when
    # notebook n starts, so at most two kernels and one notebook share the machine's cores.
    kernels = [_start_kernel(path) for path in notebooks[:2]]
    try:
        return _execute_all(notebooks, kernels, input_dir, staging, final, shown, checked, stream, started)
    except OSError as error:
        line = describe_write_error(error, shown, option="--output")
        if line is None:
            raise
        # The run writes into its staging folder; the user knows the output folder they named.
        raise RunnerError(line.replace(str(staging), shown.as_posix()), exit_code=1) from None
    finally:
        for kernel in kernels:
            _stop_kernel(kernel)


def _execute_all(notebooks, kernels, input_dir, output_dir, final, shown, checked, stream, started) -> int:
    """Run each notebook in its kernel, render the report; kernels are appended to."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from helpers.report import write_index

    per_notebook, declared, parameters, shown_values, shown_input = checked
    # papermill changes the working folder while a notebook runs, and rendering overlaps it: use absolute paths.
    output_dir = Path(os.path.abspath(output_dir))
    layout = run_layout(output_dir)
    (layout["root"] / "notebooks").mkdir(exist_ok=True)
    (layout["root"] / "html").mkdir(exist_ok=True)
    # The kernels run in the repository's root; what they are given is relative to it (see check_notebook_parameters).
    common = {"input_dir": _relative_to_repository(input_dir), "output_dir": _relative_to_repository(output_dir)}
    given = {name: _relative_to_repository(value) if declared[name].is_path and value != "" else value
             for name, value in parameters.items()}
    # The executed notebooks say where their outputs live once the run is swapped in, not where they were written.
    staged_as, final_as = common["output_dir"], _relative_to_repository(final)
    # Rendering a notebook to HTML overlaps with executing the next one: the kernel runs in its own process.
    renderer = ThreadPoolExecutor(max_workers=1)
    renderings = [renderer.submit(_load_report_modules)]  # while the first notebook runs, not at the end
    for number, path in enumerate(notebooks, start=1):
        if len(kernels) < min(number + 1, len(notebooks)):
            kernels.append(_start_kernel(notebooks[number]))
        own = per_notebook[path.stem]
        passed = {key: value for key, value in {**common, **given}.items() if key in own}
        print(f"[{number}/{len(notebooks)}] {path.stem}: running", file=stream, flush=True)
        executed = layout["root"] / "notebooks" / path.name
        notebook_started = time.perf_counter()
        try:
            papermill.execute_notebook(
                str(path), str(executed), parameters=passed, cwd=str(REPO_DIR), kernel_name=KERNEL_NAME,
                progress_bar=stream.isatty(), log_output=False, request_save_on_cell_execute=False,
                km=kernels[number - 1][0],
                # The kernel answers papermill only after its warm-up (imports, models), which on a loaded
                # machine can take longer than papermill's default minute.
                start_timeout=KERNEL_START_TIMEOUT,
            )
        except PapermillExecutionError as error:
            renderer.shutdown(wait=True)
            line = describe_kernel_write_error(error.ename, error.evalue, Path(shown), option="--output",
                                               base_dir=REPO_DIR)
            if line is not None:
                line = line.replace(str(output_dir), shown.as_posix())  # the staging folder, as the user named it
                raise RunnerError(f"{line}; notebook {path.name} stopped at cell {error.cell_index}",
                                  exit_code=1) from None
            print(f"FAILED: notebook {path.name}, cell {error.cell_index} (execution count {error.exec_count}): "
                  f"{error.ename}: {error.evalue}", file=stream, flush=True)
            print(f"The executed notebook with the traceback is {executed}", file=stream, flush=True)
            return 1
        except OSError:
            renderer.shutdown(wait=True)
            raise
        finally:
            _stop_kernel(kernels[number - 1])
        notebook = strip_volatile(nbformat.read(executed, as_version=4))
        for cell in notebook.cells:
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.source = cell.source.replace(f'"{staged_as}"', f'"{final_as}"')
        nbformat.write(notebook, executed)
        renderings.append(renderer.submit(_render, executed, layout["root"] / "html", path.stem))
        print(f"[{number}/{len(notebooks)}] {path.stem}: done in {time.perf_counter() - notebook_started:.1f} s",
              file=stream, flush=True)
    renderer.shutdown(wait=True)
    for rendering in renderings:
        rendering.result()  # re-raise a rendering error here rather than lose it
    effective = {key: parameter.default for key, parameter in declared.items() if key not in RUNNER_PARAMETERS}
    effective.update(parameters)
    effective.update({name: raw for name, raw in shown_values.items()  # paths as the user typed them
                      if name in effective and declared[name].is_path})
    # The report shows the paths as the user gave them (and the defaults as declared).
    write_index(layout["root"], {
        "input": shown_input, "output": shown.as_posix(), "parameters": effective,
        "notebooks": [path.stem for path in notebooks],
    })
    print(f"All {len(notebooks)} notebooks ran in {time.perf_counter() - started:.1f} s", file=stream, flush=True)
    return 0


def imported_modules(notebook_path: Path) -> list[str]:
    """Return the modules a notebook's code cells import at top level, in order of first appearance.

    `import a.b` gives "a.b"; `from a import b` gives "a" and "a.b" (b may be a submodule; importing a name
    that is not a module simply fails and is ignored). Relative imports and cell magics are skipped.
    """
    # Plain JSON: nbformat's import is slow, and this runs before it, so the first kernel can start sooner.
    cells = json.loads(Path(notebook_path).read_text(encoding="utf-8"))["cells"]
    modules: dict[str, None] = {}
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:  # IPython magics are not Python
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                modules.update((alias.name, None) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules[node.module] = None
                modules.update((f"{node.module}.{alias.name}", None) for alias in node.names if alias.name != "*")
    return list(modules)


def warm_up_code(modules: list[str]) -> str:
    """Python that imports each module, then calls the warm_up() of each of this package's modules among them;
    it ignores failures (the notebook meets them itself) and binds no name in the kernel's namespace.

    A helper module may define warm_up(): slow, deterministic set-up that its functions cache anyway (a
    pipeline built once, libraries its functions import lazily). It must have no other effect, so a notebook
    gives the same outputs whether or not its kernel was warmed.
    """
    lines = []
    for module in modules:
        lines += ["try:", f"    __import__({module!r})", "except Exception:", "    pass"]
    for module in modules:
        if module.split(".")[0] == "helpers":
            lines += ["try:", f"    __import__('sys').modules[{module!r}].warm_up()", "except Exception:", "    pass"]
    return "\n".join(lines)


def _start_kernel(notebook_path: Path):
    """Start a fresh kernel in the notebooks folder (where every notebook's relative paths begin) and have it
    warm up in the background (see warm_up_code). Returns (kernel manager, warm-up thread)."""
    from jupyter_client import KernelManager

    manager = KernelManager(kernel_name=KERNEL_NAME)
    # The kernel listens on loopback only; its TCP-without-encryption warning is noise here.
    manager.start_kernel(cwd=str(REPO_DIR), extra_arguments=["--IPKernelApp.log_level=ERROR"],
                         **_die_with_the_runner())
    warm = threading.Thread(target=_warm_up, args=(manager, imported_modules(notebook_path)), daemon=True)
    warm.start()
    return manager, warm



def _die_with_the_runner() -> dict:
    """Popen arguments that make a kernel die with the runner that started it. jupyter_client starts kernels in
    a session of their own, so killing the runner's process group leaves them running until their parent poller
    notices, up to a second later, and such an orphan can still write into the killed run's staging folder after
    the next run has cleaned it. On Linux the parent-death signal ends the kernel at once; elsewhere the kernel's
    own poller remains."""
    if not sys.platform.startswith("linux"):
        return {}
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the forked child only calls it
    pr_set_pdeathsig = 1

    def set_parent_death_signal() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return {"preexec_fn": set_parent_death_signal}


def _warm_up(manager, modules: list[str]) -> None:
    """Send the kernel the silent warm-up code and wait for its reply; any failure is left to papermill,
    which reports a kernel that does not answer or a cell that fails."""
    client = manager.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        message_id = client.execute(warm_up_code(modules), silent=True, store_history=False)
        while client.get_shell_msg(timeout=300)["parent_header"].get("msg_id") != message_id:
            pass
    except Exception:  # noqa: BLE001 - the warm-up is an optimisation only
        pass
    finally:
        client.stop_channels()


def _stop_kernel(kernel) -> None:
    """Shut a kernel down if it still runs; safe to call twice."""
    manager, warm = kernel
    if manager.has_kernel:
        manager.shutdown_kernel(now=True)
    warm.join(timeout=5)


def _load_report_modules() -> None:
    """Import what rendering and the index page need (nbconvert, the figure helpers behind the headline)."""
    import nbconvert  # noqa: F401

    import helpers.report  # noqa: F401
    import helpers.visualise  # noqa: F401


def _render(executed: Path, html_dir: Path, stem: str) -> None:
    """Render one executed notebook twice: with code, and without code for readers."""
    from helpers.report import export_notebook_html

    export_notebook_html(executed, html_dir / f"{stem}.html", with_code=True)
    export_notebook_html(executed, html_dir / f"{stem}-reader.html", with_code=False)


def build_parser() -> argparse.ArgumentParser:
    """Describe the runner's command line."""
    parser = argparse.ArgumentParser(prog="python -m helpers.run", description=__doc__.strip().splitlines()[0])
    parser.add_argument("--input", default=None, help="folder of article files, from the working folder "
                        "(default: the repository's seeds/)")
    parser.add_argument("--output", default=None, help="folder the run writes into, from the working folder "
                        "(default: the repository's output/seeds)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter; repeatable")
    parser.add_argument("--list-parameters", action="store_true", help="print the declared parameters and exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m helpers.run`."""
    args = build_parser().parse_args(argv)
    try:
        if args.list_parameters:
            list_parameters(list_notebooks())
            return 0
        input_dir = Path(args.input) if args.input else REPO_DIR / "seeds"
        # A folder the user names is taken from where they stand; a default is the repository's own.
        output_dir = Path(args.output) if args.output else REPO_DIR / "output" / "seeds"
        if not args.output and Path.cwd() == REPO_DIR:
            output_dir = Path("output/seeds")
        return run(input_dir, output_dir, args.parameter, shown_input=args.input or "seeds")
    except RunnerError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())

"""Outputs are written atomically: a killed run leaves the previous complete output, two runs into one folder
never interleave, and reruns are byte for byte the same (also under another TZ, LANG and working folder)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import run
from helpers.notebooks import list_notebooks
from helpers.paths import REPO_DIR, SEEDS_DIR


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _runner(output: Path, *, cwd: Path = REPO_DIR, env: dict | None = None, input_dir: Path = SEEDS_DIR):
    environment = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", **(env or {})}
    command = [sys.executable, "-m", "helpers.run", "--input", os.path.relpath(input_dir, cwd),
               "--output", os.path.relpath(output, cwd)]
    return subprocess.Popen(command, cwd=cwd, env=environment, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, start_new_session=True)


def _finish(process) -> str:
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    return stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_a_process_started_like_a_kernel_dies_with_the_runner_that_started_it():
    # A runner killed during a notebook must not leave its kernel writing on: an orphaned kernel could write into
    # the killed run's staging folder after the next run has cleaned it. The intermediate process stands for the
    # runner, its child (which would sleep for a minute) for a kernel.
    import psutil

    starter = ("import subprocess, sys, time\n"
               "from helpers.run import _die_with_the_runner\n"
               "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], "
               "start_new_session=True, **_die_with_the_runner())\n"
               "print(child.pid, flush=True)\n"
               "time.sleep(60)\n")
    runner = subprocess.Popen([sys.executable, "-c", starter], stdout=subprocess.PIPE, text=True)
    kernel = psutil.Process(int(runner.stdout.readline()))
    runner.kill()
    runner.wait(timeout=30)
    gone, alive = psutil.wait_procs([kernel], timeout=30)
    for process in alive:
        process.kill()
    assert not alive, "the kernel outlived the runner that started it"


def test_a_second_run_into_the_same_folder_is_refused_while_one_runs(tmp_path):
    output = tmp_path / "out"
    with run.output_lock(output):
        with pytest.raises(run.RunnerError, match="another run is writing into"):
            run.run(SEEDS_DIR, output, [])
    assert not output.exists()


def test_an_interrupted_swap_is_undone_and_partial_folders_removed(tmp_path):
    output = tmp_path / "out"
    previous = tmp_path / ".out.previous"
    (previous / "tables").mkdir(parents=True)
    (previous / "tables" / "events.csv").write_text("event_id\n", encoding="utf-8")
    (tmp_path / ".out.partial-123" / "tables").mkdir(parents=True)
    run.recover_output(output)
    assert (output / "tables" / "events.csv").read_text(encoding="utf-8") == "event_id\n"
    assert not previous.exists() and not (tmp_path / ".out.partial-123").exists()


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("atomic") / "out"
    _finish(_runner(output))
    return output, _snapshot(output)


@pytest.mark.parametrize("number", range(1, len(list_notebooks()) + 1))
def test_a_run_killed_during_a_notebook_leaves_the_previous_output_intact(clean_run, number):
    output, expected = clean_run
    process = _runner(output)
    name = list_notebooks()[number - 1].stem
    for line in process.stderr:
        if line.startswith(f"[{number}/") and f"{name}: running" in line:
            break
    else:
        pytest.fail(f"the run ended before {name} started")
    time.sleep(0.5 if number == 1 else 1.5)  # well inside the notebook
    assert process.poll() is None, f"the run finished before it could be killed during {name}"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert _snapshot(output) == expected


def test_a_rerun_after_killed_runs_equals_the_clean_run_byte_for_byte(clean_run):
    output, expected = clean_run
    _finish(_runner(output))
    assert _snapshot(output) == expected
    assert not list(output.parent.glob(".out.partial-*")) and not (output.parent / ".out.previous").exists()


def test_a_run_under_another_timezone_language_and_working_folder_is_byte_identical(clean_run, tmp_path):
    output, expected = clean_run
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    _finish(_runner(output, cwd=elsewhere,
                    env={"TZ": "Pacific/Kiritimati", "LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"}))
    found = _snapshot(output)
    # The report names the input folder as the user typed it, which differs with the working folder; the rest
    # (tables, figures, notebooks, pages) is the same byte for byte.
    typed_here, typed_there = os.path.relpath(SEEDS_DIR, elsewhere), os.path.relpath(SEEDS_DIR, REPO_DIR)
    assert f"<code>{typed_here}</code>".encode() in found["index.html"]
    found["index.html"] = found["index.html"].replace(typed_here.encode(), typed_there.encode())
    assert found == expected

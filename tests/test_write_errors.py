"""Tests of write failures while a run goes on: a full disk or a refused permission is one line naming the path
and --output, never a traceback."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import run
from helpers.output_folder import describe_kernel_write_error, describe_write_error

BAD_INPUT = Path(__file__).parent / "fixtures" / "bad_input"


def test_a_full_disk_or_a_refused_write_is_one_line_naming_the_path_and_the_option(tmp_path):
    out = tmp_path / "out"
    full = describe_write_error(OSError(errno.ENOSPC, "No space left on device", str(out / "tables" / "a.csv")),
                                out, option="--output")
    assert full == (f"cannot write '{out / 'tables' / 'a.csv'}': No space left on device "
                    f"(output folder '{out}', option --output)")
    denied = describe_write_error(PermissionError(errno.EACCES, "Permission denied", str(out / "x")), out,
                                  option="--output")
    assert "Permission denied" in denied and "--output" in denied and "\n" not in denied
    # No path in the error (pyarrow says only errno 28): the output folder is named.
    assert f"'{out}'" in describe_write_error(OSError(errno.ENOSPC, "No space left on device"), out, option="--output")


def test_other_errors_are_left_to_the_ordinary_report(tmp_path):
    out = tmp_path / "out"
    assert describe_write_error(FileNotFoundError(errno.ENOENT, "No such file", "x"), out, option="--output") is None
    # A permission refused on an input file is not the output folder's problem.
    assert describe_write_error(PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "in" / "a.txt")),
                                out, option="--output") is None


def test_errors_raised_in_a_kernel_are_read_from_their_name_and_message(tmp_path):
    out = tmp_path / "out"
    line = describe_kernel_write_error("OSError", f"[Errno 28] No space left on device: '{out}/tables/ledger.csv'",
                                       out, option="--output")
    assert line.startswith(f"cannot write '{out}/tables/ledger.csv': No space left on device")
    arrow = describe_kernel_write_error("OSError", "[Errno 28] Error writing bytes to file. Detail: [errno 28] No "
                                        "space left on device", out, option="--output")
    assert f"output folder '{out}'" in arrow
    denied = describe_kernel_write_error("PermissionError", "[Errno 13] Permission denied: 'out/tables/a.csv'",
                                         out, option="--output", base_dir=tmp_path)  # relative to the kernel's folder
    assert denied.startswith("cannot write 'out/tables/a.csv': Permission denied")
    assert describe_kernel_write_error("PermissionError", "[Errno 13] Permission denied: 'in/a.txt'", out,
                                       option="--output", base_dir=tmp_path) is None
    assert describe_kernel_write_error("ValueError", "threshold out of range", out, option="--output") is None
    assert describe_kernel_write_error("KeyError", "'[Errno 28]'", out, option="--output") is None


def test_the_runner_reports_a_write_error_in_one_line_with_exit_code_1(tmp_path, monkeypatch, capsys):
    import papermill

    class Idle:
        has_kernel = False

    monkeypatch.setattr(run, "_start_kernel", lambda path: (Idle(), threading.Thread()))
    monkeypatch.setattr(run, "_stop_kernel", lambda kernel: None)

    def no_space(input_path, output_path, **options):
        raise OSError(errno.ENOSPC, "No space left on device", output_path)

    monkeypatch.setattr(papermill, "execute_notebook", no_space)
    out = tmp_path / "out"
    code = run.main(["--input", str(BAD_INPUT), "--output", str(out)])
    errors = capsys.readouterr().err.splitlines()
    assert code == 1
    assert errors[-1] == (f"error: cannot write '{out.resolve() / 'notebooks' / '01-ingest.ipynb'}': No space left "
                          f"on device (output folder '{out}', option --output)")
    assert not any("Traceback" in line for line in errors)


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare") or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs unshare and mount (a private tmpfs) on Linux")
def test_a_real_full_disk_ends_the_run_with_one_line(tmp_path):
    disk = tmp_path / "small-disk"
    disk.mkdir()
    out = disk / "out"
    # A 48 KiB tmpfs holding the output folder (and the staging folder the run writes beside it), in a mount
    # namespace of the runner's own: notebook 01's tables fill it.
    script = f'mount -t tmpfs -o size=48k tmpfs "{disk}" && exec "$0" -m helpers.run --input "$1" --output "{out}"'
    completed = subprocess.run(["unshare", "-m", "sh", "-c", script, sys.executable, str(BAD_INPUT)],
                               capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
                               timeout=600)
    assert completed.returncode == 1, completed.stderr
    errors = [line for line in completed.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, completed.stderr
    assert "No space left on device" in errors[0] and f"'{out}'" in errors[0] and "--output" in errors[0]
    assert "Traceback" not in completed.stderr

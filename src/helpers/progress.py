"""Progress of long stages, shown in the terminal and never in a notebook's outputs.

Ingest and annotate count articles with a tqdm bar (`bar`); reconcile and visualise print one line per step
(`Steps`). Both write to the terminal the notebook was started from: in a Jupyter kernel, `sys.stderr` is the
kernel's stream to the notebook, but its `fileno()` is a copy of the process's own standard error, which the
kernel inherited from whoever started it (the runner, papermill, JupyterLab's server). What is written there
reaches that terminal and never the executed notebook, so committed notebooks stay the same however long a
run took. Outside a kernel it is the ordinary standard error.

A bar appears only after `PROGRESS_DELAY_ENV` seconds (default 2), so a quick run prints nothing but its step
lines; tests set it to 0.
"""
from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable

PROGRESS_DELAY_ENV = "WORKBOOK_PROGRESS_DELAY"
_terminal: io.TextIOBase | None = None


def terminal() -> io.TextIOBase:
    """A text stream on this process's standard error as the operating system has it (not the notebook's)."""
    global _terminal
    if _terminal is None:
        try:
            descriptor = sys.stderr.fileno()  # in a kernel: its copy of the original standard error
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            descriptor = sys.__stderr__.fileno() if sys.__stderr__ is not None else 2
        _terminal = open(os.dup(descriptor), "w", encoding="utf-8", errors="replace", buffering=1,  # noqa: SIM115
                         closefd=True)
    return _terminal


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get(PROGRESS_DELAY_ENV, "2")))
    except ValueError:
        return 2.0


def bar(total: int, stage: str, unit: str = "article"):
    """A tqdm bar counting `total` items of `stage` in the terminal; use as a context manager, call .update(n)."""
    from tqdm.std import tqdm  # the plain-text bar: the notebook widget one would land in the notebook

    stream = terminal()
    is_tty = stream.isatty()
    return tqdm(total=total, desc=stage, unit=unit, file=stream, delay=_delay(), dynamic_ncols=is_tty,
                mininterval=0.5 if is_tty else 10.0, ascii=not is_tty, leave=True)


class Steps:
    """One line per step of a stage in the terminal: `reconcile [2/6] build events (after 3.1 s)`."""

    def __init__(self, stage: str, names: list[str], stream: io.TextIOBase | None = None,
                 clock: Callable[[], float] = time.perf_counter):
        self.stage, self.names, self.clock = stage, list(names), clock
        self.stream = stream
        self.started = clock()
        self.done = 0

    def __call__(self, name: str) -> None:
        """Announce the step `name` (one of the names given, in order)."""
        if name not in self.names:
            raise ValueError(f"{self.stage}: unknown step {name!r}; steps are {self.names}")
        self.done = self.names.index(name) + 1
        stream = self.stream or terminal()
        print(f"{self.stage} [{self.done}/{len(self.names)}] {name} (after {self.clock() - self.started:.1f} s)",
              file=stream, flush=True)

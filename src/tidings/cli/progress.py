"""The progress line of `tidings ingest`: on a terminal only, and not with --quiet."""
from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)


class IngestProgress:
    """Articles done of the total (when known, with percentage and time left), rejects
    so far and events per second; nothing when stderr is not a terminal or when `quiet`.

        with IngestProgress(console, total, quiet=quiet) as progress:
            api.ingest(..., on_batch=progress.batch, on_reject=progress.reject)
    """

    def __init__(self, console: Console, total: int | None, *, quiet: bool = False):
        columns = [TextColumn("{task.description}")]
        if total is not None:
            columns += [BarColumn(), TaskProgressColumn(), TimeRemainingColumn()]
        columns += [TextColumn("{task.fields[rejects]} rejected"),
                    TextColumn("{task.fields[events]} events, {task.fields[rate]} events/s")]
        self.console = console
        self.progress = Progress(*columns, console=console, transient=True,
                                 disable=quiet or not console.is_terminal)
        self.task = self.progress.add_task("ingest", total=total, rejects=0, events=0,
                                           rate="0.0")
        self.started = time.monotonic()
        self.rejects = 0

    def __enter__(self) -> "IngestProgress":
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def batch(self, report) -> None:
        """After each committed batch (an api.IngestReport so far)."""
        rate = report.events / max(time.monotonic() - self.started, 1e-9)
        self.progress.update(self.task, completed=report.read + self.rejects,
                             description=f"{report.stored} articles stored",
                             events=report.events, rate=f"{rate:.1f}")

    def reject(self, error) -> None:
        """One line for a bad input, above the progress line."""
        self.rejects += 1
        self.progress.update(self.task, advance=1, rejects=self.rejects)
        self.console.print(f"Error: {error}", markup=False, highlight=False, soft_wrap=True)

"""Writing to a store that others read meanwhile (docs/concurrency.md).

DuckDB lets one process hold a database file for writing, or several for reading. An
ingest therefore opens the store only to look up ids and to commit a batch, and closes
it at once: between batches readers (`tidings events`, `export`, a notebook) open it
read-only and see every batch committed so far, and nothing of one still being written.
The commits run in a thread of their own, so coding goes on while a batch is written or
while the writer waits for a reader to finish. One ingest at a time: a second one into
the same store fails at once (an advisory lock on a file beside the store).
"""
from __future__ import annotations

import fcntl
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import TidingsError
from .database import Store, open_store

QUEUED_BATCHES = 2  # coded batches waiting for the writer; bounds memory while it waits


class StoreBusy(TidingsError):
    """Another ingest is writing to the same store."""


@contextmanager
def ingest_lock(db: str | Path) -> Iterator[None]:
    """Hold `<db>.ingest.lock` for the run; StoreBusy at once if another ingest has it.

    The lock is the kernel's (flock): it goes with the process, so a killed ingest never
    leaves a stale one. The small file stays beside the store."""
    path = Path(f"{db}.ingest.lock")
    try:
        handle = open(path, "a+")
    except OSError as err:
        raise TidingsError(f"{path}: cannot create the ingest lock ({err.strerror})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            raise StoreBusy(f"{db}: another ingest is writing to it"
                            f"{f' (PID {holder})' if holder else ''}; run this one after "
                            "it ends") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()  # releases the lock


class BatchWriter:
    """Commits batches to the store at `db` in a background thread, opening the store for
    each batch only. `commit(store, batch)` does the writing; an error it raises (an
    interrupt included) is raised again in the caller's thread by the next `submit`
    or by `close`."""

    def __init__(self, db: str | Path, commit: Callable[[Store, list], None]):
        self.db = db
        self._commit = commit
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUED_BATCHES)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="tidings-writer", daemon=True)
        with open_store(db):  # create or upgrade it now: a bad store is one line at once
            pass
        self._thread.start()

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored (the store opened for the look-up)."""
        self._raise()
        with open_store(self.db) as store:
            return store.known_ids(ids)

    def submit(self, batch: list) -> None:
        """Queue a batch for writing; blocks while QUEUED_BATCHES are waiting."""
        self._raise()
        if batch:
            while True:  # a short timeout, so that a writer that failed is noticed
                try:
                    self._queue.put(batch, timeout=0.2)
                    return
                except queue.Full:
                    self._raise()

    def close(self) -> None:
        """Wait until every queued batch is committed, then raise what failed, if any."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def abandon(self) -> None:
        """After an interrupt: drop the batches not yet begun, finish the one being
        written (its transaction commits whole or not at all) and stop."""
        if not self._thread.is_alive():
            return
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        self._thread.join()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is not None:
                continue  # after a failure, drain until told to stop
            try:
                with open_store(self.db) as store:
                    self._commit(store, batch)
            except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
                self._error = err

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
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

from ..errors import TidingsError
from .database import Store, connect_file, open_store

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
    interrupt included) is raised again in the caller's thread by the next call.

    Every use of DuckDB during the run happens in that one thread, look-ups included:
    DuckDB connections used from two threads at once fail now and then, and DuckDB
    working in the main thread would take Ctrl-C for itself ("Query interrupted")
    instead of leaving it to the interrupt handling of the run."""

    def __init__(self, db: str | Path, commit: Callable[[Store, list], None]):
        self.db = db
        self._commit = commit
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUED_BATCHES)
        self._error: BaseException | None = None  # raised once, in the caller's thread
        self._failed = False  # a commit failed: the batches after it are not written
        self._thread = threading.Thread(target=self._run, name="tidings-writer", daemon=True)
        with open_store(db):  # create, check or upgrade it once: a bad store is one line now
            pass
        self._thread.start()

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored (looked up after the queued batches)."""
        answer: Future = Future()
        self._put(("known", list(ids), answer))
        return answer.result()

    def submit(self, batch: list) -> None:
        """Queue a batch for writing; blocks while QUEUED_BATCHES are waiting."""
        if batch:
            self._put(("write", batch, None))

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

    def _put(self, job: tuple) -> None:
        self._raise()
        while True:  # a short timeout, so that a writer that failed is noticed
            try:
                self._queue.put(job, timeout=0.2)
                return
            except queue.Full:
                self._raise()

    def _open(self) -> Store:
        """The store, checked once by __init__: each job only waits for the file."""
        return Store(connect_file(str(self.db)), str(self.db))

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            kind, payload, answer = job
            if self._failed:  # after a failure, drain until told to stop
                if answer is not None:  # a look-up waiting: it takes the failure to its thread
                    error, self._error = self._error, None
                    answer.set_exception(error or TidingsError(f"{self.db}: writing stopped"))
                continue
            try:
                with self._open() as store:
                    if kind == "known":
                        answer.set_result(store.known_ids(payload))
                    else:
                        self._commit(store, payload)
            except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
                if answer is not None:
                    answer.set_exception(err)
                else:
                    self._error = err
                    self._failed = True

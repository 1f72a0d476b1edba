"""User-facing errors. Each message names the input and the reason on one line."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

BUG_LOG_ENV = "TIDINGS_BUG_LOG"  # where tracebacks of likely bugs go (default: temp folder)


class TidingsError(Exception):
    """Base class for errors caused by user input or configuration."""


class InputError(TidingsError):
    """An input (file, line, record) could not be read as an article."""

    def __init__(self, origin: str, reason: str):
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class CodingError(InputError):
    """An article could not be coded; reported per article so that the run goes on."""


class CodingBug(CodingError):
    """The coder raised an exception it did not expect on an article: a bug in Tidings,
    not bad input. The message names the article and where the traceback was written."""

    def __init__(self, origin: str, err: BaseException):
        self.log = write_bug_log(origin, err)
        super().__init__(origin, bug_reason("could not be coded", err, self.log))


class ReadingBug(InputError):
    """A reader raised an exception it did not expect on an input or record: a bug in
    Tidings, not bad input. The message names the input and where the traceback was
    written; the run goes on with the next record or file."""

    def __init__(self, origin: str, err: BaseException):
        self.log = write_bug_log(origin, err)
        super().__init__(origin, bug_reason("could not be read", err, self.log))


def bug_reason(what: str, err: BaseException, log: Path | None) -> str:
    where = f"; traceback in {log}" if log else ""
    return (f"{what} ({type(err).__name__}: {err}): likely a bug in Tidings, please report "
            f"it{where}")


def bug_log_path() -> Path:
    return Path(os.environ.get(BUG_LOG_ENV) or Path(tempfile.gettempdir()) / "tidings-bugs.log")


def write_bug_log(origin: str, err: BaseException) -> Path | None:
    """Append the traceback of `err` to the bug log; None when it cannot be written."""
    path = bug_log_path()
    text = "".join(traceback.format_exception(type(err), err, err.__traceback__))
    try:
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {origin}\n{text}")
    except OSError:
        return None
    return path


class DictionaryError(TidingsError):
    """A dictionary file has a malformed entry."""

    def __init__(self, path: str, line: int, reason: str):
        self.path = path
        self.line = line
        self.reason = reason
        super().__init__(f"{path}:{line}: {reason}")


class ModelNotFoundError(TidingsError):
    """No spaCy English model is installed under the names Tidings looks for."""

"""Export stored events (clusters) or mentions to files: CSV and Parquet (flat columns),
JSONL (nested records), GDELT's Events and Mentions tables (TSV)."""
from __future__ import annotations

import gzip
import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from ..errors import TidingsError
from ..store.database import Store
from .events import EventFilter, event_query, select_events
from .formats import EVENT_CSV_COLUMNS, MENTION_CSV_COLUMNS, write_records
from .gdelt_mentions import mention_rows, write_mention_rows

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "tsv-gdelt", "tsv-gdelt-mentions")
STDOUT = "-"  # the export's path that means standard output
CHUNK = 1024 * 1024
EXPORT_MEMORY = "512MB"  # DuckDB's own memory while copying; a sorted export spills to disk


class ExportError(TidingsError):
    """An export that would destroy data or cannot be written."""


def output_format(path: str) -> str:
    """The export format a file name asks for: its suffix, before any .gz ("x.csv.gz":
    csv; ".tsv": tsv-gdelt); jsonl for stdout."""
    if path == STDOUT:
        return "jsonl"
    name = path.lower().removesuffix(".gz")
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    return {"tsv": "tsv-gdelt"}.get(suffix, suffix)


def check_output(path: str | Path, db: str | Path, *, overwrite: bool = False,
                 fmt: str | None = None) -> Path:
    """The export's path, once it is safe to write: not the database itself (nor its
    write-ahead log), not a folder, in a folder that exists, and not an existing file
    unless `overwrite`; "-" (stdout) always is."""
    path = Path(path)
    if str(path) == STDOUT:
        return path
    if fmt == "parquet" and path.name.lower().endswith(".gz"):
        raise ExportError(f"{path}: Parquet is compressed already; drop the .gz")
    if path.exists() and Path(db).exists() and os.path.samefile(path, db):
        raise ExportError(f"{path}: is the database being exported; choose another file")
    if path.resolve() == Path(f"{db}.wal").resolve():  # DuckDB would replay it as the log
        raise ExportError(f"{path}: is the database's write-ahead log; choose another file")
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: folder {path.parent} does not exist")
    if path.exists() and not overwrite:
        raise ExportError(f"{path}: exists; use --force to replace it")
    return path


def export_events(store: Store, path: str | Path, fmt: str,
                  flt: EventFilter | None = None, *, mentions: bool = False,
                  columns: tuple[str, ...] | None = None) -> int:
    """Write the events (clusters) or, with `mentions`, the mentions passing `flt` to
    `path`; RETURNS (int) the number of rows written. `tsv-gdelt` always writes events
    and `tsv-gdelt-mentions` mentions, as GDELT's two tables. `path` "-" writes to
    standard output; a name ending in .gz is gzipped. CSV and Parquet have `columns`
    (formats.EVENT_CSV_COLUMNS or MENTION_CSV_COLUMNS, or a choice of them), the same
    as `tidings events -f csv`.

    The file is written beside `path` under a temporary name and moved into place
    when complete, so a failed export (a full disk, say) leaves no half file and
    keeps the old one; for stdout the temporary file is in the temp folder, and a
    reader that stops early (`| head`) ends the export quietly. Raises ExportError
    naming the file and the reason.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    path = Path(path)
    flt = flt or EventFilter()
    to_stdout = str(path) == STDOUT
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=".tidings-export." if to_stdout else f".{path.name}.",
            dir=None if to_stdout else path.parent)
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror or err})") from None
    os.close(handle)
    try:
        count = _write(store, Path(temporary), fmt, flt, mentions, columns)
        if to_stdout:
            _copy_to_stdout(temporary)
        else:
            if path.name.lower().endswith(".gz"):
                _gzip(temporary)
            os.replace(temporary, path)
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror or err})") from None
    except duckdb.IOException as err:  # COPY ... TO failing (a full disk)
        raise ExportError(f"{path}: cannot write ({err})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return count


def _write(store: Store, path: Path, fmt: str, flt: EventFilter, mentions: bool,
           columns: tuple[str, ...] | None) -> int:
    if fmt == "tsv-gdelt-mentions":
        with path.open("w", encoding="utf-8") as out:
            return write_mention_rows(mention_rows(store, flt), out)
    mentions = mentions and fmt != "tsv-gdelt"
    columns = columns or (MENTION_CSV_COLUMNS if mentions else EVENT_CSV_COLUMNS)
    if fmt == "parquet":
        sql, params = event_query(flt, columns, mentions=mentions)
        # DuckDB writes the file itself as the rows come, and answers how many it wrote;
        # without a limit its buffer pool would keep every block it read (GBs at 10M rows)
        store.con.execute(f"SET memory_limit = '{EXPORT_MEMORY}'")
        (count,) = store.con.execute(f"COPY ({sql}) TO '{_quote(path)}' (FORMAT parquet)",
                                     params).fetchone()
        return count
    # CSV is written by the same writer as `tidings events -f csv`: the same bytes
    with path.open("w", encoding="utf-8", newline="") as out:
        records = select_events(store, flt, with_article=fmt == "tsv-gdelt", mentions=mentions)
        return write_records(records, fmt, out, columns=columns)


def _gzip(path: str) -> None:
    """Compress the file at `path` in place, streaming, through a second file beside it."""
    packed = path + ".gz"
    try:
        with open(path, "rb") as plain, gzip.open(packed, "wb") as out:
            shutil.copyfileobj(plain, out, CHUNK)
        os.replace(packed, path)
    finally:
        if os.path.exists(packed):
            os.unlink(packed)


def _copy_to_stdout(path: str) -> None:
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else sys.stdout
    try:
        with open(path, "rb") as written:
            shutil.copyfileobj(written, out, CHUNK)
        out.flush()
    except BrokenPipeError:
        # the reader has all it wanted; stdout is pointed at nothing so that Python's
        # own flush at exit does not fail on the closed pipe again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _quote(path: str | Path) -> str:
    return str(path).replace("'", "''")

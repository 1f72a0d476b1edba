"""Export stored events to files: CSV and Parquet (flat columns), JSONL (nested records)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from ..errors import TidingsError
from ..store.database import Store
from .events import EventFilter, event_query, select_events
from .formats import CSV_COLUMNS, write_records

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "tsv-gdelt")
EXPORT_MEMORY = "512MB"  # DuckDB's own memory while copying; a sorted export spills to disk


class ExportError(TidingsError):
    """An export that would destroy data or cannot be written."""


def check_output(path: str | Path, db: str | Path, *, overwrite: bool = False) -> Path:
    """The export's path, once it is safe to write: not the database itself, not a
    folder, in a folder that exists, and not an existing file unless `overwrite`."""
    path = Path(path)
    if path.exists() and Path(db).exists() and os.path.samefile(path, db):
        raise ExportError(f"{path}: is the database being exported; choose another file")
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: folder {path.parent} does not exist")
    if path.exists() and not overwrite:
        raise ExportError(f"{path}: exists; use --force to replace it")
    return path


def export_events(store: Store, path: str | Path, fmt: str,
                  flt: EventFilter | None = None, *,
                  columns: tuple[str, ...] = CSV_COLUMNS) -> int:
    """Write the events passing `flt` to `path`; RETURNS (int) the number written.
    CSV and Parquet have `columns` (formats.CSV_COLUMNS or a choice of them), the same
    as `tidings events -f csv`.

    The file is written beside `path` under a temporary name and moved into place
    when complete, so a failed export (a full disk, say) leaves no half file and
    keeps the old one. Raises ExportError naming the file and the reason.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    path = Path(path)
    flt = flt or EventFilter()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror or err})") from None
    os.close(handle)
    try:
        count = _write(store, Path(temporary), fmt, flt, columns)
        os.replace(temporary, path)
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror or err})") from None
    except duckdb.IOException as err:  # COPY ... TO failing (a full disk)
        raise ExportError(f"{path}: cannot write ({err})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return count


def _write(store: Store, path: Path, fmt: str, flt: EventFilter,
           columns: tuple[str, ...]) -> int:
    if fmt == "parquet":
        sql, params = event_query(flt, columns)
        # DuckDB writes the file itself as the rows come, and answers how many it wrote;
        # without a limit its buffer pool would keep every block it read (GBs at 10M rows)
        store.con.execute(f"SET memory_limit = '{EXPORT_MEMORY}'")
        (count,) = store.con.execute(f"COPY ({sql}) TO '{_quote(path)}' (FORMAT parquet)",
                                     params).fetchone()
        return count
    # CSV is written by the same writer as `tidings events -f csv`: the same bytes
    with path.open("w", encoding="utf-8", newline="") as out:
        records = select_events(store, flt, with_article=fmt == "tsv-gdelt")
        return write_records(records, fmt, out, columns=columns)


def _quote(path: str | Path) -> str:
    return str(path).replace("'", "''")

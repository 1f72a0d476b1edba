"""Export stored events to files: CSV and Parquet (flat columns), JSONL (nested records)."""
from __future__ import annotations

from pathlib import Path

from ..store.database import Store
from .events import EventFilter, event_query, select_events
from .formats import write_records

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "tsv-gdelt")


def export_events(store: Store, path: str | Path, fmt: str,
                  flt: EventFilter | None = None) -> int:
    """Write the events passing `flt` to `path`; RETURNS (int) the number written."""
    flt = flt or EventFilter()
    if fmt in ("csv", "parquet"):
        sql, params = event_query(flt)
        relation = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
        option = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
        store.con.execute(f"COPY ({sql}) TO '{_quote(path)}' {option}", params)
        return relation[0]
    if fmt in ("jsonl", "tsv-gdelt"):
        with Path(path).open("w", encoding="utf-8") as out:
            return write_records(select_events(store, flt), fmt, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")


def _quote(path: str | Path) -> str:
    return str(path).replace("'", "''")

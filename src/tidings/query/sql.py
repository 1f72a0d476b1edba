"""Read-only SQL over the store: one SELECT (or EXPLAIN), never a statement that writes."""
from __future__ import annotations

from collections.abc import Iterator

import duckdb

from ..errors import TidingsError
from ..store.database import Store

READING = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class SQLError(TidingsError):
    """SQL that is refused (it would write) or that DuckDB cannot run."""


def check_read_only(sql: str) -> str:
    """`sql` when it is one statement that only reads; else SQLError saying why."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise SQLError(f"SQL: {_one_line(err)}") from None
    if len(statements) != 1:
        raise SQLError(f"SQL: give one statement, not {len(statements)}")
    kind = statements[0].type
    if kind not in READING:
        raise SQLError(f"SQL: refused, a {kind.name} statement is not a read; `tidings sql` "
                       "only runs SELECT (the store is opened read-only)")
    return sql


def read_query(store: Store, sql: str, *, batch: int = 1000
               ) -> tuple[list[str], Iterator[tuple]]:
    """The column names and the rows (streamed `batch` at a time) of a read-only query."""
    try:
        cursor = store.con.execute(check_read_only(sql))
    except duckdb.Error as err:
        raise SQLError(f"SQL: {_one_line(err)}") from None
    columns = [d[0] for d in cursor.description]

    def rows() -> Iterator[tuple]:
        while chunk := cursor.fetchmany(batch):
            yield from chunk
    return columns, rows()


def _one_line(err: Exception) -> str:
    """DuckDB's message and its hint ("Did you mean ..."), without the caret drawing."""
    message = str(err).split("\n\nLINE ")[0]
    return " ".join(message.split())

"""The DuckDB store: schema migrations, idempotent transactional batch writes.

Each batch of coded articles is written in one transaction, so an interrupted
ingest keeps every batch already committed and a re-run skips those articles.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

from ..errors import TidingsError
from ..model import Actor, Article, Event


def m001_initial(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, date DATE NOT NULL, title VARCHAR, text VARCHAR,
            url VARCHAR, source VARCHAR, origin VARCHAR, n_events INTEGER,
            ingested_at TIMESTAMP DEFAULT current_timestamp)""")
    actor_columns = ",\n".join(
        f"{side}_{col} {kind}" for side in ("source", "target")
        for col, kind in (("text", "VARCHAR"), ("name", "VARCHAR"), ("code", "VARCHAR"),
                          ("country", "VARCHAR"), ("sector", "VARCHAR"), ("start", "INTEGER"),
                          ("end", "INTEGER")))
    con.execute(f"""
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL,
            sentence_index INTEGER, sentence VARCHAR, in_headline BOOLEAN, date DATE,
            {actor_columns},
            cameo VARCHAR, cameo_root VARCHAR, plover VARCHAR, plover_mode VARCHAR,
            quad_class INTEGER, goldstein DOUBLE, rule VARCHAR, trigger VARCHAR,
            trigger_start INTEGER, trigger_end INTEGER, confidence DOUBLE)""")
    con.execute("""
        CREATE TABLE actors (
            code VARCHAR NOT NULL, name VARCHAR NOT NULL, country VARCHAR, sector VARCHAR,
            n_events INTEGER, first_date DATE, last_date DATE, PRIMARY KEY (code, name))""")


def m002_event_date_text(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("ALTER TABLE events ADD COLUMN date_text VARCHAR")


def m003_event_place(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("ALTER TABLE events ADD COLUMN place VARCHAR")
    con.execute("ALTER TABLE events ADD COLUMN place_country VARCHAR")


def m004_event_rules_symmetric(con: duckdb.DuckDBPyConnection) -> None:
    # rules: the named rules that fired, space-separated; is_symmetric: one record stands
    # for both directions (a meeting). ("symmetric" is a reserved word in DuckDB.)
    con.execute("ALTER TABLE events ADD COLUMN rules VARCHAR")
    con.execute("ALTER TABLE events ADD COLUMN is_symmetric BOOLEAN DEFAULT false")


def m005_event_date_precision(con: duckdb.DuckDBPyConnection) -> None:
    # date_precision: day, week, month, year; historical: the time words refer back
    con.execute("ALTER TABLE events ADD COLUMN date_precision VARCHAR DEFAULT 'day'")
    con.execute("ALTER TABLE events ADD COLUMN historical BOOLEAN DEFAULT false")


def m006_mentions_table(con: duckdb.DuckDBPyConnection) -> None:
    # One row per sentence that states an event is a mention, as in GDELT's Mentions
    # table; the name `events` is left for events proper (mentions grouped into one).
    con.execute(f"ALTER TABLE events RENAME TO {MENTIONS_TABLE}")


MENTIONS_TABLE = "mentions"

MIGRATIONS = [m001_initial, m002_event_date_text, m003_event_place, m004_event_rules_symmetric,
              m005_event_date_precision, m006_mentions_table]

EVENT_COLUMNS = ("event_id", "article_id", "sentence_index", "sentence", "in_headline", "date",
                 *(f"{side}_{col}" for side in ("source", "target")
                   for col in ("text", "name", "code", "country", "sector", "start", "end")),
                 "cameo", "cameo_root", "plover", "plover_mode", "quad_class", "goldstein",
                 "rule", "trigger", "trigger_start", "trigger_end", "confidence", "date_text", "place", "place_country",
                 "rules", "is_symmetric", "date_precision", "historical")


ARTICLE_COLUMNS = ("id", "date", "title", "text", "url", "source", "origin", "n_events")


def article_row(article: Article, n_events: int) -> tuple:
    """An Article in the articles table's columns."""
    return (article.id, article.date, article.title, article.text, article.url,
            article.source, article.origin, n_events)


def rows_table(columns: Sequence[str], rows: Sequence[tuple]):
    """Rows (tuples in `columns` order) as a pyarrow Table, the form DuckDB inserts fast."""
    import pyarrow as pa
    return pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})


def _positions(n: int):
    import pyarrow as pa
    return pa.array(range(n), pa.int64())


def event_row(event: Event) -> tuple:
    """Flatten an Event into the mentions table's columns."""
    def actor(a: Actor | None) -> tuple:
        if a is None:
            return (None,) * 7
        return (a.text, a.name, a.code, a.country, a.sector, a.start, a.end)
    return (event.event_id, event.article_id, event.sentence_index, event.sentence,
            event.in_headline, event.date, *actor(event.source), *actor(event.target),
            event.cameo, event.cameo_root, event.plover, event.plover_mode, event.quad_class,
            event.goldstein, event.rule, event.trigger, event.trigger_start, event.trigger_end,
            event.confidence, event.date_text, event.place, event.place_country,
            " ".join(event.rules), event.symmetric, event.date_precision, event.historical)


class Store:
    """A Tidings database file. Use `open_store(path)`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str):
        self.con = con
        self.path = path

    def migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS _tidings_migrations "
                         "(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        done = {r[0] for r in self.con.execute("SELECT name FROM _tidings_migrations").fetchall()}
        for migration in MIGRATIONS:
            if migration.__name__ in done:
                continue
            self.con.execute("BEGIN")
            migration(self.con)
            self.con.execute("INSERT INTO _tidings_migrations VALUES (?, ?)",
                             [migration.__name__, dt.datetime.now()])
            self.con.execute("COMMIT")

    def check_is_tidings(self, *, upgrade: bool) -> None:
        """Raise TidingsError unless this is a Tidings store (or an empty database) at the
        current schema; an older schema is fine when it will be upgraded."""
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        if not tables:
            if upgrade:
                return
            raise TidingsError(f"{self.path}: an empty database, not a Tidings store; run "
                               "`tidings ingest` first")
        if "_tidings_migrations" not in tables:
            shown = ", ".join(sorted(tables)[:5])
            raise TidingsError(f"{self.path}: not a Tidings store (it holds tables {shown})")
        done = {r[0] for r in self.con.execute(
            "SELECT name FROM _tidings_migrations").fetchall()}
        missing = [m.__name__ for m in MIGRATIONS if m.__name__ not in done]
        if missing and not upgrade:
            raise TidingsError(f"{self.path}: made by an older Tidings (missing {missing[0]}); "
                               "`tidings ingest` into it upgrades it")

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored."""
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))",
                                [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def write(self, batch: Iterable[tuple[Article, list[Event]]]) -> int:
        """Store coded articles in one transaction; articles already stored are skipped.

        RETURNS (int): the number of new articles written.
        """
        batch = list(batch)
        known = self.known_ids([a.id for a, _ in batch])
        fresh = []
        for article, events in batch:
            if article.id not in known:
                known.add(article.id)
                fresh.append((article, events))
        if not fresh:
            return 0
        return self.write_tables(
            rows_table(ARTICLE_COLUMNS, [article_row(a, len(ev)) for a, ev in fresh]),
            rows_table(EVENT_COLUMNS, [event_row(e) for _, ev in fresh for e in ev]))

    def write_tables(self, articles, mentions) -> int:
        """Store articles and their mentions given as tables (pyarrow Tables, or paths of
        Parquet files: `rows_table` and `write_parts` make them) in one transaction; the
        articles already stored are skipped with their mentions, and the actors table
        counts the rest. One path for every writer: a batch of coded articles, and the
        parts a cluster's workers wrote (tidings/cluster.py).

        RETURNS (int): the number of new articles written.
        """
        con = self.con
        staged = {}
        for name, table in (("staged_articles", articles), ("staged_mentions", mentions)):
            if isinstance(table, (str, Path)):
                staged[name] = (f"(SELECT *, file_row_number AS ord FROM read_parquet("
                                f"'{str(table).replace(chr(39), chr(39) * 2)}', "
                                "file_row_number = true))")
            else:
                con.register(name, table.append_column("ord", _positions(table.num_rows)))
                staged[name] = name
        try:
            con.execute("BEGIN")
            # the primary key finds the articles already stored (no scan of the table)
            fresh = [row[0] for row in con.execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) SELECT "
                f"{', '.join(ARTICLE_COLUMNS)} FROM {staged['staged_articles']} ORDER BY ord "
                "ON CONFLICT DO NOTHING RETURNING id").fetchall()]
            con.execute("CREATE OR REPLACE TEMP TABLE fresh_mentions AS SELECT * FROM "
                        f"{staged['staged_mentions']} "
                        "WHERE article_id IN (SELECT unnest(?))", [fresh])
            columns = ", ".join(EVENT_COLUMNS)
            con.execute(f"INSERT INTO {MENTIONS_TABLE} ({columns}) SELECT {columns} "
                        "FROM fresh_mentions ORDER BY ord ON CONFLICT DO NOTHING")
            self._count_actors("fresh_mentions")
            con.execute("DROP TABLE fresh_mentions")
            con.execute("COMMIT")
        except BaseException as err:
            self._rollback()
            if isinstance(err, duckdb.InterruptException):
                raise KeyboardInterrupt from err  # Ctrl-C arrived while DuckDB was working
            if isinstance(err, duckdb.Error):
                raise TidingsError(f"{self.path}: could not store a batch ({err}); nothing of "
                                   "it was kept, the batches before it were") from err
            raise
        finally:
            for name, table in staged.items():
                if table == name:
                    con.unregister(name)
        return len(fresh)

    # Re-coding (`tidings recode`): the caller holds one transaction around these.

    def articles_after(self, last_id: str | None, limit: int) -> list[Article]:
        """Up to `limit` stored articles with ids after `last_id`, in id order: pages that
        keep memory bounded and stay valid while their events are rewritten."""
        rows = self.con.execute(
            "SELECT id, date, title, text, url, source, origin FROM articles "
            "WHERE ? IS NULL OR id > ? ORDER BY id LIMIT ?", [last_id, last_id, limit]).fetchall()
        return [Article(id=r[0], date=r[1], title=r[2] or "", text=r[3] or "", url=r[4],
                        source=r[5], origin=r[6]) for r in rows]

    def event_positions(self, article_ids: Sequence[str]) -> dict[str, dict[str, tuple]]:
        """Per article, its stored events: event_id -> (sentence_index, trigger_start)."""
        found: dict[str, dict[str, tuple]] = {a: {} for a in article_ids}
        for article_id, event_id, sentence, trigger in self.con.execute(
                f"SELECT article_id, event_id, sentence_index, trigger_start FROM "
                f"{MENTIONS_TABLE} WHERE article_id IN (SELECT unnest(?))",
                [list(article_ids)]).fetchall():
            found[article_id][event_id] = (sentence, trigger)
        return found

    def replace_events(self, batch: Sequence[tuple[Article, list[Event]]]) -> None:
        """Put these events in place of the articles' stored ones (no transaction of its own)."""
        ids = [a.id for a, _ in batch]
        self.con.execute(f"DELETE FROM {MENTIONS_TABLE} WHERE article_id IN (SELECT unnest(?))",
                         [ids])
        rows = [event_row(e) for _, events in batch for e in events]
        if rows:
            placeholders = ", ".join("?" * len(EVENT_COLUMNS))
            self.con.executemany(f"INSERT INTO {MENTIONS_TABLE} ({', '.join(EVENT_COLUMNS)}) "
                                 f"VALUES ({placeholders}) ON CONFLICT DO NOTHING", rows)
        self.con.executemany("UPDATE articles SET n_events = ? WHERE id = ?",
                             [(len(events), a.id) for a, events in batch])

    def recount_actors(self) -> None:
        """Rebuild the actors table from the stored events, in DuckDB."""
        self.con.execute("DELETE FROM actors")
        sides = " UNION ALL ".join(
            f"SELECT {side}_code AS code, coalesce({side}_name, '') AS name, "
            f"{side}_country AS country, {side}_sector AS sector, date FROM {MENTIONS_TABLE} "
            f"WHERE {side}_code IS NOT NULL" for side in ("source", "target"))
        self.con.execute(f"INSERT INTO actors SELECT code, name, any_value(country), "
                         f"any_value(sector), count(*), min(date), max(date) FROM ({sides}) "
                         "GROUP BY code, name")

    def _rollback(self) -> None:
        """Undo the open transaction; a failed COMMIT (a full disk) has ended it already,
        and that error, not "no transaction is active", is the one to report."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def _count_actors(self, mentions: str) -> None:
        """Add the actors of the `mentions` table's rows to the actors table: per code and
        name, events and first and last date; country and sector as first seen."""
        sides = " UNION ALL ".join(
            f"SELECT {side}_code AS code, coalesce({side}_name, '') AS name, "
            f"{side}_country AS country, {side}_sector AS sector, date, 2 * ord + {n} AS ord "
            f"FROM {mentions} WHERE {side}_code IS NOT NULL"
            for n, side in enumerate(("source", "target")))
        self.con.execute(
            "INSERT INTO actors SELECT code, name, first(country ORDER BY ord), "
            "first(sector ORDER BY ord), count(*), min(date), max(date) "
            f"FROM ({sides}) GROUP BY code, name ON CONFLICT (code, name) DO UPDATE "
            "SET n_events = actors.n_events + excluded.n_events, "
            "first_date = least(actors.first_date, excluded.first_date), "
            "last_date = greatest(actors.last_date, excluded.last_date)")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


SQLITE_MAGIC = b"SQLite format 3\x00"
# Never fetch DuckDB extensions from the internet: a SQLite or Postgres file given by
# mistake must be one clear line, not a download attempt.
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def lock_wait() -> float:
    """Seconds to wait for another process's lock on a store: $TIDINGS_LOCK_WAIT, else
    LOCK_WAIT."""
    try:
        return float(os.environ.get("TIDINGS_LOCK_WAIT", LOCK_WAIT))
    except ValueError:
        return LOCK_WAIT


LOCK_WAIT = 120.0  # an ingest holds the file for one batch; a reader for its query
LOCK_CONFLICT = "Could not set lock on file"


def open_store(path: str | Path = "tidings.duckdb", *, read_only: bool = False,
               wait: float | None = None) -> Store:
    """Open (and create or upgrade) the Tidings database at `path`.

    DuckDB lets one process write a file, or several read it. An ingest opens the store
    only to write a batch (docs/concurrency.md), so when another process holds the file
    this waits up to `wait` seconds (default `lock_wait()`), retrying, before giving up.

    Raises TidingsError, one line naming the file: it does not exist (read-only), it is
    not a DuckDB file, it is a DuckDB file of something else, (read-only) it was made
    by an older Tidings and needs upgrading first, or another process kept it locked.
    """
    path = str(path)
    if read_only and not Path(path).exists():
        raise TidingsError(f"{path}: no such database; run `tidings ingest` first")
    if _starts_with(path, SQLITE_MAGIC):
        raise TidingsError(f"{path}: is a SQLite database, not a Tidings store (DuckDB)")
    con = connect_file(path, read_only=read_only, wait=wait)
    store = Store(con, path)
    try:
        store.check_is_tidings(upgrade=not read_only)
        if not read_only:
            store.migrate()
    except TidingsError:
        con.close()
        raise
    return store


def connect_file(path: str, *, read_only: bool = False, wait: float | None = None
                 ) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path`, retried while another process holds a conflicting
    lock, for up to `wait` seconds (default `lock_wait()`); no schema check (open_store
    does that)."""
    wait = lock_wait() if wait is None else wait
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=OFFLINE)
        except duckdb.IOException as err:
            if LOCK_CONFLICT not in str(err):
                raise TidingsError(f"{path}: cannot open database ({err})") from err
            if time.monotonic() >= deadline:
                holder = re.search(r"\(PID (\d+)\)", str(err))
                raise TidingsError(
                    f"{path}: in use by another process"
                    f"{f' (PID {holder[1]})' if holder else ''} for {wait:.0f} s; a connection "
                    "left open (a notebook?) blocks writers: close it, or set "
                    "TIDINGS_LOCK_WAIT to wait longer") from None
        except duckdb.Error as err:
            raise TidingsError(f"{path}: cannot open database ({err})") from err
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _starts_with(path: str, magic: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False

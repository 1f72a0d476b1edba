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

from ..cluster.settings import load_cluster_settings
from ..errors import TidingsError
from ..model import Actor, Article, Event, Place, Quote
from .clusters import (
    ALL_TONES,
    MENTION_FIELDS,
    cluster_mentions,
    find_copies,
    save_clusters,
    store_bands,
)


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


def m007_event_clusters(con: duckdb.DuckDBPyConnection) -> None:
    # Events proper: mentions of one real event grouped into a cluster (cluster/), one
    # row per cluster, as in GDELT's Events table; articles that copy an earlier one
    # (copy_of) with their MinHash signature and its LSH bands (article_bands). The
    # mentions already stored are clustered here, in the order they were stored.
    con.execute("ALTER TABLE articles ADD COLUMN copy_of VARCHAR")
    con.execute("ALTER TABLE articles ADD COLUMN minhash BLOB")
    con.execute(f"ALTER TABLE {MENTIONS_TABLE} ADD COLUMN cluster_id INTEGER")
    con.execute("CREATE TABLE article_bands (band BIGINT NOT NULL, article_id VARCHAR NOT NULL)")
    con.execute("""
        CREATE TABLE events (
            id INTEGER PRIMARY KEY, dyad_a VARCHAR NOT NULL, dyad_b VARCHAR NOT NULL,
            family VARCHAR NOT NULL, date DATE, first_date DATE, last_date DATE,
            num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER,
            representative VARCHAR, source_code VARCHAR, source_country VARCHAR,
            target_code VARCHAR, target_country VARCHAR, cameo VARCHAR, cameo_root VARCHAR,
            plover VARCHAR, quad_class INTEGER, goldstein DOUBLE, is_symmetric BOOLEAN,
            added_at TIMESTAMP)""")
    cluster_stored(con)


MENTIONS_TABLE = "mentions"

# Geocoded places of a mention (enrich/geocoding.py): where the act was and where each
# side is, as flat prefixed columns (action_geo_lat, source_geo_fips, ...).
GEO_ROLES = ("action", "source", "target")
GEO_FIELDS = (("text", "VARCHAR"), ("name", "VARCHAR"), ("geonameid", "BIGINT"),
              ("type", "INTEGER"), ("country", "VARCHAR"), ("fips", "VARCHAR"),
              ("adm1", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"))
GEO_COLUMNS = tuple(f"{role}_geo_{name}" for role in GEO_ROLES for name, _ in GEO_FIELDS)


def m008_geo(con: duckdb.DuckDBPyConnection) -> None:
    for role in GEO_ROLES:
        for name, kind in GEO_FIELDS:
            con.execute(f"ALTER TABLE {MENTIONS_TABLE} ADD COLUMN {role}_geo_{name} {kind}")


def m009_quotes_tone(con: duckdb.DuckDBPyConnection) -> None:
    # quotes: the words an article attributes to a speaker (enrich/quotes.py); tone on
    # GDELT's AvgTone scale (enrich/tone.py): the article's, each mention's sentence's and
    # its article's (GDELT's MentionDocTone); quote_id: the quote a mention's words are in
    con.execute(f"""
        CREATE TABLE {QUOTES_TABLE} (
            quote_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, paragraph INTEGER,
            sentence_index INTEGER, char_start INTEGER, char_end INTEGER, text VARCHAR,
            kind VARCHAR, speaker_text VARCHAR, speaker_code VARCHAR, speaker_name VARCHAR,
            speaker_country VARCHAR)""")
    con.execute("ALTER TABLE articles ADD COLUMN tone DOUBLE")
    for column, kind in (("tone", "DOUBLE"), ("doc_tone", "DOUBLE"), ("quote_id", "VARCHAR")):
        con.execute(f"ALTER TABLE {MENTIONS_TABLE} ADD COLUMN {column} {kind}")


def m010_event_tone(con: duckdb.DuckDBPyConnection) -> None:
    # an event's AvgTone kept with it (store/clusters.py TONE_REFRESH), not averaged over
    # the mentions on every read: a store of millions streams its first event at once
    con.execute("ALTER TABLE events ADD COLUMN avg_tone DOUBLE")
    con.execute(ALL_TONES)


QUOTES_TABLE = "quotes"
QUOTE_COLUMNS = ("quote_id", "article_id", "paragraph", "sentence_index", "char_start",
                 "char_end", "text", "kind", "speaker_text", "speaker_code", "speaker_name",
                 "speaker_country")

MIGRATIONS = [m001_initial, m002_event_date_text, m003_event_place, m004_event_rules_symmetric,
              m005_event_date_precision, m006_mentions_table, m007_event_clusters, m008_geo,
              m009_quotes_tone, m010_event_tone]

EVENT_COLUMNS = ("event_id", "article_id", "sentence_index", "sentence", "in_headline", "date",
                 *(f"{side}_{col}" for side in ("source", "target")
                   for col in ("text", "name", "code", "country", "sector", "start", "end")),
                 "cameo", "cameo_root", "plover", "plover_mode", "quad_class", "goldstein",
                 "rule", "trigger", "trigger_start", "trigger_end", "confidence", "date_text", "place", "place_country",
                 "rules", "is_symmetric", "date_precision", "historical", *GEO_COLUMNS, "tone",
                 "doc_tone", "quote_id")


MENTION_COLUMNS = (*EVENT_COLUMNS, "cluster_id")  # a stored mention: the event record and its event

# An event (a cluster) as the record of its representative mention, with the event's own
# date, counts and first and last dates: the relation `tidings events` and the analyses
# read, with the mentions table's columns (a filter reads the same columns in either).
# Its doc_tone is GDELT's AvgTone: the mean tone of the articles mentioning it, each once.
EVENT_RECORDS = (f"(SELECT m.* REPLACE (e.date AS date, e.avg_tone AS doc_tone), e.first_date, "
                 f"e.last_date, e.num_mentions, e.num_sources, e.num_articles, e.added_at "
                 f"FROM events e JOIN {MENTIONS_TABLE} m ON m.event_id = e.representative)")
CLUSTER_COLUMNS = ("cluster_id", "first_date", "last_date", "num_mentions", "num_sources",
                   "num_articles")


ARTICLE_COLUMNS = ("id", "date", "title", "text", "url", "source", "origin", "n_events")


def article_row(article: Article, n_events: int) -> tuple:
    """An Article in the articles table's first columns (those it has before clustering)."""
    return (article.id, article.date, article.title, article.text, article.url,
            article.source, article.origin, n_events)


def rows_table(columns: Sequence[str], rows: Sequence[tuple]):
    """Rows (tuples in `columns` order) as a pyarrow Table, e.g. to write as Parquet."""
    import pyarrow as pa
    return pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})


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
            " ".join(event.rules), event.symmetric, event.date_precision, event.historical,
            *geo_values(event.action_geo), *geo_values(event.source_geo),
            *geo_values(event.target_geo), event.tone, event.doc_tone, event.quote_id)


def geo_values(place: Place | None) -> tuple:
    """A place as the values of one role's geo columns (GEO_FIELDS order)."""
    if place is None:
        return (None,) * len(GEO_FIELDS)
    return tuple(getattr(place, name) for name, _ in GEO_FIELDS)


def quote_row(quote: Quote) -> tuple:
    """A Quote as the quotes table's columns."""
    record = quote.to_dict()
    record["char_start"], record["char_end"] = record.pop("start"), record.pop("end")
    return tuple(record[column] for column in QUOTE_COLUMNS)


def article_body(title: str | None, text: str | None) -> str:
    """What near-duplicate detection compares: the body, or the title of an article
    without one."""
    return text if (text or "").strip() else title or ""


def cluster_stored(con: duckdb.DuckDBPyConnection, page: int = 500) -> None:
    """Cluster the stored articles, `page` at a time in the order they were stored, as
    `Store.write` would have (for a store made before m007)."""
    settings = load_cluster_settings()
    after = (dt.datetime(1, 1, 1), -1)
    while True:  # a batch's articles share their time: their row order is the order stored
        articles = con.execute(
            "SELECT id, date, title, text, t, r FROM (SELECT *, rowid AS r, coalesce("
            "ingested_at, TIMESTAMP '0001-01-01') AS t FROM articles) "
            "WHERE t > ? OR (t = ? AND r > ?) ORDER BY t, r LIMIT ?",
            [after[0], after[0], after[1], page]).fetchall()
        if not articles:
            return
        after = (articles[-1][4], articles[-1][5])
        placed = find_copies(con, [(a[0], a[1], article_body(a[2], a[3])) for a in articles],
                             settings)
        con.executemany("UPDATE articles SET copy_of = ?, minhash = ? WHERE id = ?",
                        [(p.copy_of, p.minhash, p.article_id) for p in placed])
        store_bands(con, placed)
        cursor = con.execute(
            f"SELECT {', '.join(MENTION_FIELDS)} FROM {MENTIONS_TABLE} "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY article_id, sentence_index, event_id", [[a[0] for a in articles]])
        names = [d[0] for d in cursor.description]
        by_article: dict[str, list[dict]] = {a[0]: [] for a in articles}
        for row in cursor.fetchall():
            by_article[row[1]].append(dict(zip(names, row)))
        assigned, new, touched = cluster_mentions(con, list(by_article.values()), settings)
        con.executemany(f"UPDATE {MENTIONS_TABLE} SET cluster_id = ? WHERE event_id = ?",
                        [(cluster, event) for event, cluster in assigned.items()])
        save_clusters(con, new, touched)
        if new:  # an event made now was added when its first article was stored
            con.execute(
                "UPDATE events SET added_at = s.first FROM (SELECT m.cluster_id, "
                f"min(a.ingested_at) AS first FROM {MENTIONS_TABLE} m JOIN articles a "
                "ON a.id = m.article_id WHERE m.cluster_id IN (SELECT unnest(?::INTEGER[])) "
                "GROUP BY m.cluster_id) s WHERE events.id = s.cluster_id",
                [[c.id for c in new]])


class Store:
    """A Tidings database file. Use `open_store(path)`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str):
        self.con = con
        self.path = path
        self.cluster_settings = None  # the bundled ones (data/cluster/) unless set
        self.upgraded: list[str] = []  # the migrations open_store applied

    def migrate(self) -> list[str]:
        """Bring the schema up to date; RETURNS (list[str]) the migrations applied now.
        Each is one transaction: a failure (a full disk) leaves the store as it was
        before that migration, and raises TidingsError naming the file and the cause."""
        self.con.execute("CREATE TABLE IF NOT EXISTS _tidings_migrations "
                         "(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        done = {r[0] for r in self.con.execute("SELECT name FROM _tidings_migrations").fetchall()}
        applied = []
        for migration in MIGRATIONS:
            if migration.__name__ in done:
                continue
            self.con.execute("BEGIN")
            try:
                migration(self.con)
                self.con.execute("INSERT INTO _tidings_migrations VALUES (?, ?)",
                                 [migration.__name__, dt.datetime.now()])
                self.con.execute("COMMIT")
            except BaseException as err:
                self._rollback()
                if interrupted(err):
                    raise KeyboardInterrupt from err
                if not isinstance(err, duckdb.Error):
                    raise
                raise TidingsError(f"{self.path}: could not upgrade the store "
                                   f"({migration.__name__}: {err}); it is as it was") from err
            applied.append(migration.__name__)
        return applied

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
        unknown = sorted(done - {m.__name__ for m in MIGRATIONS})
        if unknown and upgrade:
            raise TidingsError(f"{self.path}: made by a newer Tidings (its schema has "
                               f"{unknown[0]}); upgrade Tidings to write to it")
        if missing and not upgrade:
            raise TidingsError(f"{self.path}: made by an older Tidings (missing {missing[0]}); "
                               f"run `tidings migrate --db {self.path}` to upgrade it")

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
        con = self.con
        settings = self.cluster_settings or load_cluster_settings()
        con.execute("BEGIN")
        try:
            placed = find_copies(con, [(a.id, a.date, article_body(a.title, a.text))
                                       for a, _ in fresh], settings)
            con.executemany(
                "INSERT INTO articles (id, date, title, text, url, source, origin, n_events, "
                "copy_of, minhash, tone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(a.id, a.date, a.title, a.text, a.url, a.source, a.origin, len(ev),
                  p.copy_of, p.minhash, getattr(ev, "tone", None))
                 for (a, ev), p in zip(fresh, placed)])
            store_bands(con, placed)
            quotes = [quote_row(q) for _, ev in fresh for q in getattr(ev, "quotes", ())]
            if quotes:
                con.executemany(f"INSERT INTO {QUOTES_TABLE} ({', '.join(QUOTE_COLUMNS)}) "
                                f"VALUES ({', '.join('?' * len(QUOTE_COLUMNS))}) "
                                "ON CONFLICT DO NOTHING", quotes)
            rows = [[event_row(e) for e in events] for _, events in fresh]
            assigned, new, touched = cluster_mentions(
                con, [[dict(zip(EVENT_COLUMNS, row)) for row in article] for article in rows],
                settings)
            rows = [(*row, assigned[row[0]]) for article in rows for row in article]
            if rows:
                placeholders = ", ".join("?" * len(MENTION_COLUMNS))
                con.executemany(f"INSERT INTO {MENTIONS_TABLE} ({', '.join(MENTION_COLUMNS)}) "
                                f"VALUES ({placeholders}) ON CONFLICT DO NOTHING", rows)
                save_clusters(con, new, touched)
                self._count_actors([e for _, events in fresh for e in events])
            con.execute("COMMIT")
        except BaseException as err:
            self._rollback()
            if interrupted(err):
                raise KeyboardInterrupt from err  # Ctrl-C arrived while DuckDB was working
            if isinstance(err, duckdb.Error):
                raise TidingsError(f"{self.path}: could not store a batch ({err}); nothing of "
                                   "it was kept, the batches before it were") from err
            raise
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
        # a mention coded again keeps its event; a new one is clustered; an event left
        # without mentions is dropped, the others recomputed
        kept = dict(self.con.execute(
            f"SELECT event_id, cluster_id FROM {MENTIONS_TABLE} "
            "WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall())
        self.con.execute(f"DELETE FROM {MENTIONS_TABLE} WHERE article_id IN (SELECT unnest(?))",
                         [ids])
        rows = [[event_row(e) for e in events] for _, events in batch]
        assigned, new, touched = cluster_mentions(
            self.con, [[dict(zip(EVENT_COLUMNS, row)) for row in article if row[0] not in kept]
                       for article in rows], self.cluster_settings or load_cluster_settings())
        assigned.update(kept)
        rows = [(*row, assigned[row[0]]) for article in rows for row in article]
        if rows:
            placeholders = ", ".join("?" * len(MENTION_COLUMNS))
            self.con.executemany(f"INSERT INTO {MENTIONS_TABLE} ({', '.join(MENTION_COLUMNS)}) "
                                 f"VALUES ({placeholders}) ON CONFLICT DO NOTHING", rows)
        before = {c for c in kept.values() if c is not None}
        save_clusters(self.con, new, touched | before)
        if before:
            self.con.execute(f"DELETE FROM events WHERE id IN (SELECT unnest(?::INTEGER[])) "
                             f"AND id NOT IN (SELECT cluster_id FROM {MENTIONS_TABLE} WHERE "
                             "cluster_id IS NOT NULL)", [sorted(before)])
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

    def _count_actors(self, events: list[Event]) -> None:
        tally: dict[tuple[str, str], list] = {}
        for event in events:
            for actor in (event.source, event.target):
                if actor is None:
                    continue
                key = (actor.code, actor.name or "")
                row = tally.setdefault(key, [actor.country, actor.sector, 0, event.date, event.date])
                row[2] += 1
                row[3] = min(row[3], event.date)
                row[4] = max(row[4], event.date)
        self.con.executemany(
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code, name) DO UPDATE "
            "SET n_events = actors.n_events + excluded.n_events, "
            "first_date = least(actors.first_date, excluded.first_date), "
            "last_date = greatest(actors.last_date, excluded.last_date)",
            [(code, name, *rest) for (code, name), rest in tally.items()])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def interrupted(err: BaseException) -> bool:
    """Whether `err` is Ctrl-C: Python's KeyboardInterrupt, or DuckDB's word for one that
    arrived while it worked (InterruptException, from some calls a RuntimeError 'Query
    interrupted')."""
    return isinstance(err, (KeyboardInterrupt, duckdb.InterruptException)) or (
        isinstance(err, RuntimeError) and "interrupted" in str(err).lower())


SQLITE_MAGIC = b"SQLite format 3\x00"
# Never fetch DuckDB extensions from the internet: a SQLite or Postgres file given by
# mistake must be one clear line, not a download attempt.
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def check_path(path: str | Path) -> str:
    """The store's path as a string, once it names a file: DuckDB opens an in-memory
    database for '' and ':memory:', and everything stored there is gone at exit."""
    path = str(path)
    if not path.strip() or path.startswith(":memory:"):
        raise TidingsError(f"{path!r}: not a database file; give a file name such as "
                           "news.duckdb (an in-memory store would be lost at exit)")
    return path


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
    path = check_path(path)
    if read_only and not Path(path).exists():
        raise TidingsError(f"{path}: no such database; run `tidings ingest` first")
    if _starts_with(path, SQLITE_MAGIC):
        raise TidingsError(f"{path}: is a SQLite database, not a Tidings store (DuckDB)")
    con = connect_file(path, read_only=read_only, wait=wait)
    store = Store(con, path)
    try:
        store.check_is_tidings(upgrade=not read_only)
        if not read_only:
            store.upgraded = store.migrate()
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

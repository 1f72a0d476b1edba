"""The DuckDB store: migrations, idempotent writes, transactions that survive a crash."""
import datetime as dt
import re

import duckdb
import pytest

from tidings.errors import TidingsError
from tidings.model import Actor, Article, Event
from tidings.store import open_store


def article(n: int) -> Article:
    return Article.create(date=dt.date(2024, 3, n), title=f"Headline {n}", text=f"Body {n}.")


def event(a: Article) -> Event:
    source = Actor("Syria", "SYRGOV", "SYR", "GOV", None, 0, 5)
    target = Actor("Russia", "RUSGOV", "RUS", "GOV", None, 20, 26)
    return Event(article_id=a.id, sentence_index=1, sentence="Syria sent condolences to Russia.",
                 date=a.date, source=source, target=target, cameo="018", cameo_root="01",
                 plover=None, plover_mode=None, quad_class=1, goldstein=3.4, rule="test")


def count(path, table):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_store_migrations_run_once(tmp_path):
    path = tmp_path / "t.duckdb"
    open_store(path).close()
    with open_store(path) as store:
        names = store.con.execute("SELECT name FROM _tidings_migrations").fetchall()
    assert [n for (n,) in names] == ["m001_initial", "m002_event_date_text", "m003_event_place",
                                        "m004_event_rules_symmetric", "m005_event_date_precision",
                                        "m006_mentions_table", "m007_event_clusters",
                                        "m008_geo", "m009_quotes_tone", "m010_event_tone"]


def test_store_write_is_idempotent(tmp_path):
    path = tmp_path / "t.duckdb"
    batch = [(a, [event(a)]) for a in (article(1), article(2))]
    with open_store(path) as store:
        assert store.write(batch) == 2
        assert store.write(batch) == 0
    assert count(path, "articles") == 2
    assert count(path, "mentions") == 2
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT n_events FROM actors WHERE code = 'SYRGOV'").fetchone()[0] == 2
    con.close()


def test_store_failed_batch_keeps_committed_ones(tmp_path, monkeypatch):
    path = tmp_path / "t.duckdb"
    first = [(article(1), [event(article(1))])]
    second = [(article(2), [event(article(2))])]
    with open_store(path) as store:
        store.write(first)
        # the crash happens after the articles of the second batch were inserted
        monkeypatch.setattr(store, "_count_actors", lambda events: (_ for _ in ()).throw(
            KeyboardInterrupt()))
        with pytest.raises(KeyboardInterrupt):
            store.write(second)
    assert count(path, "articles") == 1
    assert count(path, "mentions") == 1
    with open_store(path) as store:  # the re-run stores what was lost
        monkeypatch.undo()
        assert store.write(first + second) == 1
    assert count(path, "articles") == 2


def test_store_read_only_missing_database_is_a_clear_error(tmp_path):
    from tidings.errors import TidingsError
    with pytest.raises(TidingsError, match="no such database"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.issue(11)
def test_store_foreign_files_are_one_line_errors(tmp_path):
    import sqlite3
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE x (a INTEGER)")
    con.close()
    lite = tmp_path / "lite.db"
    sqlite = sqlite3.connect(lite)
    sqlite.execute("CREATE TABLE y (b)")
    sqlite.commit()
    sqlite.close()
    for path, reason in ((other, "not a Tidings store (it holds tables x)"),
                         (lite, "is a SQLite database")):
        for read_only in (True, False):
            with pytest.raises(TidingsError, match=re.escape(reason)):
                open_store(path, read_only=read_only)
    con = duckdb.connect(str(other), read_only=True)  # nothing was added to it
    assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == [("x",)]
    con.close()


@pytest.mark.issue(11)
def test_store_older_schema_is_named_then_upgraded(tmp_path):
    path = tmp_path / "old.duckdb"
    open_store(path).con.close()
    con = duckdb.connect(str(path))
    # the store as Tidings made it before m003 (places), m004 (rules, symmetric), m005
    # (date precision, historical), m006 (the table named mentions), m007 (clusters) and
    # m009 (quotes, tone)
    con.execute("DELETE FROM _tidings_migrations WHERE name IN ('m003_event_place', "
                "'m004_event_rules_symmetric', 'm005_event_date_precision', "
                "'m006_mentions_table', 'm007_event_clusters', 'm009_quotes_tone', "
                "'m010_event_tone')")
    con.execute("DROP TABLE quotes")
    con.execute("ALTER TABLE articles DROP COLUMN tone")
    con.execute("DROP TABLE events")
    con.execute("DROP TABLE article_bands")
    con.execute("ALTER TABLE mentions DROP COLUMN cluster_id")
    con.execute("ALTER TABLE articles DROP COLUMN copy_of")
    con.execute("ALTER TABLE articles DROP COLUMN minhash")
    for column in ("tone", "doc_tone", "quote_id", "historical", "date_precision",
                   "is_symmetric", "rules", "place_country", "place"):
        con.execute(f"ALTER TABLE mentions DROP COLUMN {column}")
    con.execute("ALTER TABLE mentions RENAME TO events")
    con.close()
    with pytest.raises(TidingsError, match="made by an older Tidings .missing m003_event_place.*tidings migrate"):
        open_store(path, read_only=True)
    open_store(path).con.close()  # opening for writing upgrades it
    store = open_store(path, read_only=True)
    columns = {r[0] for r in store.con.execute("DESCRIBE mentions").fetchall()}
    assert {"place", "date_precision", "historical", "cluster_id", "doc_tone"} <= columns
    store.con.close()


class FailingCommit:
    """A connection whose COMMIT fails as on a full disk; everything else is real."""

    def __init__(self, con):
        self.con = con

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self.con.execute("ROLLBACK")  # DuckDB ends the transaction when COMMIT fails
            raise duckdb.IOException("Could not write file: No space left on device")
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


@pytest.mark.issue(11)
def test_store_failed_commit_names_the_real_cause_and_keeps_earlier_batches(tmp_path):
    store = open_store(tmp_path / "t.duckdb")
    first, second = article(1), article(2)
    assert store.write([(first, [event(first)])]) == 1
    real = store.con
    store.con = FailingCommit(real)
    with pytest.raises(TidingsError, match="No space left on device") as caught:
        store.write([(second, [event(second)])])
    assert "no transaction is active" not in str(caught.value)
    store.con = real
    assert store.known_ids([first.id, second.id]) == {first.id}
    assert real.execute("SELECT count(*) FROM mentions").fetchone()[0] == 1


@pytest.mark.issue(11)
def test_store_select_events_streams_in_batches(tmp_path):
    from tidings.query.events import select_events
    store = open_store(tmp_path / "t.duckdb")
    articles = [article(n) for n in range(1, 6)]
    store.write([(a, [event(a)]) for a in articles])
    stream = select_events(store, batch=2, mentions=True)
    assert not isinstance(stream, list)
    first = next(stream)
    assert first["source"]["code"] == "SYRGOV"
    assert 1 + sum(1 for _ in stream) == 5

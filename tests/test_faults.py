"""Faults, with real processes: Ctrl-C during an ingest with workers, a full disk, exports
that must not write where they are pointed, stores of other versions and no file."""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app

from .conftest import ROOT

runner = CliRunner()
TRACEBACKS = ("Traceback", "BrokenPipeError", "Exception ignored", "ForkPoolWorker")


def tidings_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from tidings.cli import main; main()", *args]


def run(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(tidings_command(*args), capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=300,
                          **kwargs)


def rows(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def corpus(path: Path, count: int, padding: int = 0) -> Path:
    """`count` articles with distinct ids, each a codable sentence, and `padding` bytes in
    a field that is stored but not coded (its url), to fill a disk quickly."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"id": f"a{n}", "date": "2024-03-24", "title": f"Story {n}",
                                  "text": f"Talks went on. Russia condemned the Ukrainian "
                                          f"government {n} times.",
                                  "url": f"https://example.org/{n}/" + "x" * padding}) + "\n")
    return path


def consistent(db: Path) -> int:
    """The articles stored, once each with exactly the mentions it counts."""
    (articles, distinct), = rows(db, "SELECT count(*), count(DISTINCT id) FROM articles")
    assert articles == distinct
    assert rows(db, "SELECT count(*) FROM articles a WHERE n_events != (SELECT count(*) FROM "
                    "mentions m WHERE m.article_id = a.id)") == [(0,)]
    return articles


# -- Ctrl-C ------------------------------------------------------------------------------

@pytest.mark.issue(11)
@pytest.mark.parametrize("number,delay", [(signal.SIGINT, 0.0), (signal.SIGINT, 0.05),
                                          (signal.SIGINT, 1.0), (signal.SIGKILL, 1.0)],
                         ids=["ctrl-c-in-set-up", "ctrl-c-as-pool-starts", "ctrl-c-mid-run",
                              "kill-9-mid-run"])
def test_faults_ctrl_c_or_kill_with_workers_keeps_committed_batches(tmp_path, number, delay):
    """Ctrl-C reaches the whole process group, workers included, as at a terminal; the
    delays land it during the store's set-up and the pool's start, and mid-run. Ctrl-C
    ends with the message and exit 130; kill -9 with nothing at all. Either way a re-run
    stores exactly what was not stored, nothing twice."""
    news = corpus(tmp_path / "news.jsonl", 150)
    db = tmp_path / "news.duckdb"
    ingest = ("ingest", str(news), "--db", str(db), "--workers", "2", "--batch-size", "16")
    process = subprocess.Popen(tidings_command(*ingest), stderr=subprocess.PIPE, text=True,
                               cwd=tmp_path, start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 120
    while not (wal.exists() and wal.stat().st_size) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.02)  # the first commit (of the store's schema) is on disk
    time.sleep(delay)
    os.killpg(process.pid, number)
    try:
        _, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    if process.returncode == 0:
        pytest.skip("the ingest ended before the signal arrived")
    if number == signal.SIGINT:
        assert process.returncode == 130, stderr
        assert "Interrupted: every batch committed so far is kept" in stderr
        assert not any(word in stderr for word in TRACEBACKS), stderr
    else:
        assert process.returncode == -signal.SIGKILL
    tables = {name for name, in rows(db, "SELECT table_name FROM information_schema.tables")}
    # stopped among the schema's migrations (each one transaction), nothing is stored yet
    kept = consistent(db) if "mentions" in tables else 0
    again = run(*ingest, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"{150 - kept} stored ({kept} already stored)" in again.stderr
    assert consistent(db) == 150


# -- a full disk -------------------------------------------------------------------------

@contextlib.contextmanager
def small_disk(folder: Path, size: str = "1m"):
    """A folder on a filesystem of `size`: a tmpfs where mounting is allowed (root), else
    a plain folder with RLIMIT_FSIZE set in the child (writes past it fail, EFBIG).
    Yields (folder, preexec_fn for the child, the causes a full disk may be named by)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(folder)], capture_output=True).returncode == 0
    if mounted:
        try:
            yield folder, None, ("No space left on device",)
        finally:
            subprocess.run(["umount", str(folder)], check=True)
        return
    limit = int(size.rstrip("m")) * 2**20

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel ends the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    yield folder, limited, ("File too large", "No space left on device")


@pytest.mark.issue(11)
def test_faults_full_disk_names_the_cause_and_keeps_committed_batches(tmp_path):
    news = corpus(tmp_path / "news.jsonl", 400, padding=5000)  # 2 MB to store
    with small_disk(tmp_path / "disk") as (disk, preexec, causes):
        db = disk / "news.duckdb"
        full = run("ingest", str(news), "--db", str(db), "--batch-size", "25", cwd=tmp_path,
                   preexec_fn=preexec)
        assert full.returncode == 1, full.stderr
        assert not any(word in full.stderr for word in TRACEBACKS), full.stderr
        errors = [line for line in full.stderr.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and "could not store a batch" in errors[0]
        assert any(cause in errors[0] for cause in causes), errors[0]
        assert "no transaction is active" not in full.stderr
        if preexec is None:  # the disk is still full: reading it works all the same
            kept = consistent(db)
            assert 0 < kept < 400 and kept % 25 == 0  # whole batches only
            subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
            again = run("ingest", str(news), "--db", str(db), cwd=tmp_path)
            assert again.returncode == 0, again.stderr
            assert f"({kept} already stored)" in again.stderr
            assert consistent(db) == 400


# -- exports -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory, engine):
    path = tmp_path_factory.mktemp("store") / "news.duckdb"
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.issue(11)
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv-gdelt"])
def test_faults_export_to_stdout_and_gzip_give_the_same_rows(store, tmp_path, fmt):
    (count,), = rows(store, "SELECT count(*) FROM events")
    out = runner.invoke(app, ["export", "-", "-f", fmt, "--db", str(store)])
    assert out.exit_code == 0 and f"{count} events written to stdout" in out.stderr
    packed = tmp_path / f"events.{fmt}.gz"
    result = runner.invoke(app, ["export", str(packed), "-f", fmt, "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert gzip.decompress(packed.read_bytes()).decode("utf-8") == out.stdout
    assert len(out.stdout.splitlines()) == count + (fmt == "csv")
    assert [p.name for p in tmp_path.iterdir()] == [packed.name]  # no temporary left


@pytest.mark.issue(11)
def test_faults_export_format_comes_from_the_name_before_gz(store, tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path / "e.jsonl.gz"), "--db", str(store)])
    assert result.exit_code == 0
    first = gzip.decompress((tmp_path / "e.jsonl.gz").read_bytes()).splitlines()[0]
    assert json.loads(first)["event_id"]


@pytest.mark.issue(11)
@pytest.mark.parametrize("name,reason", [
    ("news.duckdb.wal", "is the database's write-ahead log"),
    ("events.parquet.gz", "Parquet is compressed already"),
])
def test_faults_export_refuses_what_it_must_not_write(store, name, reason):
    target = store.parent / name
    result = runner.invoke(app, ["export", str(target), "--db", str(store), "-f",
                                 "parquet" if "parquet" in name else "csv"])
    assert result.exit_code == 1 and reason in result.output
    assert not target.exists()


@contextlib.contextmanager
def read_only_folder(folder: Path):
    folder.mkdir()
    if os.geteuid() != 0:  # permissions bind everyone but root
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("root, and no read-only filesystem can be mounted here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.issue(11)
def test_faults_export_into_a_read_only_folder_is_one_line(store, tmp_path):
    with read_only_folder(tmp_path / "ro") as folder:
        result = run("export", str(folder / "events.csv"), "--db", str(store), cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == [
            f"Error: {folder / 'events.csv'}: cannot write (Read-only file system)"
            if os.geteuid() == 0 else
            f"Error: {folder / 'events.csv'}: cannot write (Permission denied)"]


# -- stores over time --------------------------------------------------------------------

@pytest.mark.issue(11)
@pytest.mark.parametrize("command", [("events",), ("ingest", "examples"), ("migrate",)])
@pytest.mark.parametrize("where", ["", ":memory:"])
def test_faults_no_file_is_no_store(tmp_path, command, where):
    result = run(*command, "--db", where, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {where!r}: not a database file; give a file name such as news.duckdb "
        "(an in-memory store would be lost at exit)"]


def older(path: Path) -> None:
    """Make the store at `path` look as a Tidings before m006 left it (and so without
    m007's clusters and m009's quotes and tone)."""
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM _tidings_migrations WHERE name IN ('m006_mentions_table', "
                "'m007_event_clusters', 'm009_quotes_tone', 'm010_event_tone')")
    con.execute("DROP TABLE quotes")
    con.execute("ALTER TABLE articles DROP COLUMN tone")
    for column in ("tone", "doc_tone", "quote_id"):
        con.execute(f"ALTER TABLE mentions DROP COLUMN {column}")
    con.execute("DROP TABLE events")
    con.execute("DROP TABLE article_bands")
    con.execute("ALTER TABLE mentions DROP COLUMN cluster_id")
    con.execute("ALTER TABLE articles DROP COLUMN copy_of")
    con.execute("ALTER TABLE articles DROP COLUMN minhash")
    con.execute("ALTER TABLE mentions RENAME TO events")
    con.close()


@pytest.mark.issue(11)
def test_faults_older_store_is_named_then_migrated(store, tmp_path):
    path = tmp_path / "old.duckdb"
    path.write_bytes(store.read_bytes())
    older(path)
    for command in (["events", "-f", "jsonl"], ["export", str(tmp_path / "e.jsonl")]):
        result = run(*command, "--db", str(path), cwd=tmp_path)
        assert result.returncode == 1, command
        assert result.stderr.strip().splitlines() == [
            f"Error: {path}: made by an older Tidings (missing m006_mentions_table); run "
            f"`tidings migrate --db {path}` to upgrade it"]
    result = runner.invoke(app, ["migrate", "--db", str(path)])
    assert result.exit_code == 0 and "upgraded (m006_mentions_table, m007_event_clusters" in result.output
    assert rows(path, "SELECT count(*) FROM mentions") == rows(store, "SELECT count(*) "
                                                                      "FROM mentions")
    again = runner.invoke(app, ["migrate", "--db", str(path)])
    assert "already at this version's schema" in again.output
    assert runner.invoke(app, ["events", "-f", "jsonl", "--db", str(path)]).exit_code == 0


@pytest.mark.issue(11)
def test_faults_newer_store_is_read_but_not_written(store, tmp_path):
    path = tmp_path / "newer.duckdb"
    path.write_bytes(store.read_bytes())
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO _tidings_migrations VALUES ('m999_from_the_future', now())")
    con.close()
    assert runner.invoke(app, ["events", "-f", "jsonl", "--db", str(path)]).exit_code == 0
    result = run("migrate", "--db", str(path), cwd=tmp_path)
    assert result.returncode == 1 and "made by a newer Tidings" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.issue(11)
def test_faults_store_never_loads_extensions(tmp_path):
    from tidings.store import open_store
    with open_store(tmp_path / "news.duckdb") as opened:
        assert opened.con.execute(
            "SELECT current_setting('autoinstall_known_extensions'), "
            "current_setting('autoload_known_extensions')").fetchone() == (False, False)


@pytest.mark.issue(11)
def test_faults_migrate_of_a_missing_file_creates_nothing(tmp_path):
    result = runner.invoke(app, ["migrate", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no such database" in result.output
    assert not (tmp_path / "none.duckdb").exists()


# -- bugs --------------------------------------------------------------------------------

@pytest.mark.issue(11)
def test_faults_reader_bug_is_one_line_naming_the_record_and_the_run_goes_on(
        tmp_path, engine, monkeypatch):
    from tidings.ingest import fields, records
    real_parse, real_csv = fields.parse_date, records.csv_articles

    def parse_date(value, order=None):
        if value == "2024-03-23":
            raise ZeroDivisionError("simulated reader bug")
        return real_parse(value, order)

    def csv_articles(src, name, options):
        raise KeyError("simulated file-level bug")
        yield from real_csv(src, name, options)

    monkeypatch.setattr(fields, "parse_date", parse_date)
    monkeypatch.setattr(records, "csv_articles", csv_articles)
    monkeypatch.setenv("TIDINGS_BUG_LOG", str(tmp_path / "bugs.log"))
    news = tmp_path / "news.jsonl"
    news.write_text("\n".join(json.dumps({"id": name, "date": date, "text": "Israel "
                                          "condemned Iran."})
                              for name, date in (("a", "2024-03-24"), ("b", "2024-03-23"),
                                                 ("c", "2024-03-24"))) + "\n",
                    encoding="utf-8")
    (tmp_path / "other.csv").write_text("id,date,text\nd,2024-03-24,x\n", encoding="utf-8")
    db = tmp_path / "news.duckdb"
    result = runner.invoke(app, ["ingest", str(news), str(tmp_path / "other.csv"),
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {news}:2: could not be read (ZeroDivisionError: simulated reader bug): likely "
        f"a bug in Tidings, please report it; traceback in {tmp_path / 'bugs.log'}",
        f"Error: {tmp_path / 'other.csv'}: could not be read (KeyError: 'simulated file-level "
        f"bug'): likely a bug in Tidings, please report it; traceback in "
        f"{tmp_path / 'bugs.log'}"]
    assert rows(db, "SELECT id FROM articles ORDER BY id") == [("a",), ("c",)]
    assert "simulated reader bug" in (tmp_path / "bugs.log").read_text(encoding="utf-8")

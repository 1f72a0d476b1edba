"""Readers and writers of one store at once, with real processes (docs/concurrency.md)."""
import json
import os
import subprocess
import sys
import time

import duckdb
import pytest

from .conftest import ROOT

TIDINGS = [sys.executable, "-c", "from tidings.cli import main; main()"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
STORIES = [
    ("c1", "Russia condemned the Ukrainian strikes on Belgorod."),
    ("c2", "Israel condemned Iran."),
    ("c3", "China criticised Japan."),
]


def story(key: str, text: str) -> str:
    return json.dumps({"id": key, "date": "2024-03-24", "text": text}) + "\n"


def tidings(*args, env=ENV, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([*TIDINGS, *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def slow_ingest(db, *, env=ENV) -> subprocess.Popen:
    """An ingest reading stdin, one article per batch: it runs as long as stdin is open."""
    return subprocess.Popen([*TIDINGS, "ingest", "-", "--db", str(db), "--batch-size", "1"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def wait_for_articles(db, n: int, ingest: subprocess.Popen) -> list:
    """The stored article ids once `n` are committed, read by `tidings sql` (read-only)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert ingest.poll() is None, ingest.stderr.read()
        if db.exists():
            done = tidings("sql", "SELECT id FROM articles ORDER BY id", "--db", str(db),
                           "--format", "csv")
            assert done.returncode == 0, done.stderr
            ids = done.stdout.split()[1:]
            if len(ids) >= n:
                return ids
        time.sleep(0.5)
    raise AssertionError(f"{n} articles were never committed")


@pytest.mark.slow
@pytest.mark.issue(11)
def test_concurrency_readers_see_committed_batches_while_ingest_runs(tmp_path):
    db = tmp_path / "live.duckdb"
    ingest = slow_ingest(db)
    try:
        ingest.stdin.write(story(*STORIES[0]) + story(*STORIES[1]))
        ingest.stdin.flush()
        assert wait_for_articles(db, 2, ingest) == ["c1", "c2"]
        # the ingest is still running (stdin open); every reader gets the committed rows
        events = tidings("events", "--db", str(db), "--format", "jsonl", "--sort")
        assert events.returncode == 0, events.stderr
        assert [(e["article_id"], e["source"]["code"], e["cameo"], e["target"]["code"])
                for e in map(json.loads, events.stdout.splitlines())] == [
            ("c1", "RUSGOV", "111", "UKRGOV"), ("c2", "ISRGOV", "111", "IRNGOV")]
        out = tmp_path / "live.csv"
        export = tidings("export", str(out), "--db", str(db))
        assert export.returncode == 0 and "2 events written" in export.stderr
        notebook = duckdb.connect(str(db), read_only=True)  # a notebook's connection
        assert notebook.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
        notebook.close()
        assert ingest.poll() is None
        ingest.stdin.write(story(*STORIES[2]))
        ingest.stdin.close()
        assert ingest.wait(timeout=120) == 0, ingest.stderr.read()
    finally:
        ingest.kill()
    assert duckdb.connect(str(db), read_only=True).execute(
        "SELECT article_id, source_code, target_code FROM mentions ORDER BY article_id"
    ).fetchall() == [("c1", "RUSGOV", "UKRGOV"), ("c2", "ISRGOV", "IRNGOV"),
                     ("c3", "CHNGOV", "JPNGOV")]


@pytest.mark.slow
@pytest.mark.issue(11)
def test_concurrency_second_ingest_fails_at_once_with_one_line(tmp_path):
    db = tmp_path / "two.duckdb"
    first = slow_ingest(db)
    try:
        first.stdin.write(story(*STORIES[0]))
        first.stdin.flush()
        wait_for_articles(db, 1, first)
        source = tmp_path / "more.jsonl"
        source.write_text(story(*STORIES[1]), encoding="utf-8")
        started = time.monotonic()
        second = tidings("ingest", str(source), "--db", str(db))
        assert second.returncode == 1
        assert second.stderr.strip().splitlines() == [
            f"Error: {db}: another ingest is writing to it (PID {first.pid}); run this one "
            "after it ends"]
        assert time.monotonic() - started < 30  # at once: start-up, no waiting
        first.stdin.close()
        assert first.wait(timeout=120) == 0
    finally:
        first.kill()
    again = tidings("ingest", str(source), "--db", str(db))  # after it ends, it runs
    assert again.returncode == 0, again.stderr
    assert duckdb.connect(str(db), read_only=True).execute(
        "SELECT id FROM articles ORDER BY id").fetchall() == [("c1",), ("c2",)]


@pytest.mark.slow
@pytest.mark.issue(11)
def test_concurrency_connection_left_open_stops_ingest_with_one_line(tmp_path):
    db = tmp_path / "held.duckdb"
    source = tmp_path / "one.jsonl"
    source.write_text(story(*STORIES[0]), encoding="utf-8")
    assert tidings("ingest", str(source), "--db", str(db)).returncode == 0
    source.write_text(story(*STORIES[1]), encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; "
                               f"con = duckdb.connect({str(db)!r}, read_only=True); "
                               "print('open', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        blocked = tidings("ingest", str(source), "--db", str(db),
                          env={**ENV, "TIDINGS_LOCK_WAIT": "1"})
        assert blocked.returncode == 1 and "Traceback" not in blocked.stderr
        assert blocked.stderr.strip().splitlines() == [
            f"Error: {db}: in use by another process (PID {holder.pid}) for 1 s; a connection "
            "left open (a notebook?) blocks writers: close it, or set TIDINGS_LOCK_WAIT to "
            "wait longer"]
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    done = tidings("ingest", str(source), "--db", str(db))
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
@pytest.mark.issue(11)
@pytest.mark.parametrize("workers", ["1", "2"])
def test_concurrency_ctrl_c_during_ingest_is_one_message_and_exit_130(tmp_path, workers):
    import signal
    db = tmp_path / "stop.duckdb"
    source = tmp_path / "many.jsonl"
    source.write_text("".join(story(f"s{i}", f"{text} Day {i}.") for i in range(400)
                              for text in [STORIES[i % 3][1]]), encoding="utf-8")
    ingest = subprocess.Popen([*TIDINGS, "ingest", str(source), "--db", str(db), "-w", workers,
                               "--batch-size", "4"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=ENV,
                              start_new_session=True)
    try:
        wait_for_articles(db, 4, ingest)
        os.killpg(ingest.pid, signal.SIGINT)  # what Ctrl-C does: the whole process group
        _, stderr = ingest.communicate(timeout=60)
    finally:
        ingest.kill()
    assert ingest.returncode == 130
    assert "Traceback" not in stderr and "Error" not in stderr
    assert stderr.strip().splitlines()[-1] == ("Interrupted: every batch committed so far is "
                                               "kept; run the same command again to continue.")
    kept = duckdb.connect(str(db), read_only=True).execute(
        "SELECT count(*) FROM articles").fetchone()[0]
    assert 4 <= kept < 400

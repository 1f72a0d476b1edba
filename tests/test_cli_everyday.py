"""Issue 12, everyday use: one column set, a table that fits, re-coding, URLs and feeds,
watch mode, progress. The CLI driven for real against a DuckDB file in tmp_path."""
import csv
import io

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.store.database import CLUSTER_COLUMNS, EVENT_COLUMNS

from .conftest import EXAMPLE, ROOT

runner = CliRunner()


def rows(path, sql, params=()):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.mark.issue(12)
def test_cli_events_csv_and_export_csv_are_one_column_set(db, tmp_path):
    for flag, columns, table_name in (([], (*EVENT_COLUMNS, *CLUSTER_COLUMNS), "events"),
                                      (["--mentions"], (*EVENT_COLUMNS, "cluster_id"),
                                       "mentions")):
        printed = runner.invoke(app, ["events", "--db", str(db), "-f", "csv", *flag])
        assert printed.exit_code == 0, printed.output
        out = tmp_path / "x.csv"
        exported = runner.invoke(app, ["export", str(out), "--db", str(db), "--force", *flag])
        assert exported.exit_code == 0, exported.output
        assert out.read_text(encoding="utf-8") == printed.stdout
        table = list(csv.reader(io.StringIO(printed.stdout)))
        assert tuple(table[0]) == columns
        assert len(table) - 1 == rows(db, f"SELECT count(*) FROM {table_name}")[0][0]
        parquet = tmp_path / "x.parquet"
        assert runner.invoke(app, ["export", str(parquet), "--db", str(db), "--force",
                                   *flag]).exit_code == 0
        assert tuple(pq.read_table(parquet).column_names) == columns
    # the column set is the one docs/schema.md documents, in its order
    schema = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    listed = schema.split("## Flat exports")[1].split("```")[1].split()
    assert tuple(listed) == EVENT_COLUMNS


@pytest.mark.issue(12)
def test_cli_columns_chooses_the_flat_columns(db, tmp_path):
    wanted = ["date", "source_code", "cameo", "target_code", "is_symmetric"]
    printed = runner.invoke(app, ["events", "--db", str(db), "-f", "csv", "--mentions",
                                  "--columns", ",".join(wanted)])
    assert printed.exit_code == 0, printed.output
    table = list(csv.reader(io.StringIO(printed.stdout)))
    stored = rows(db, "SELECT strftime(date, '%Y-%m-%d'), source_code, cameo, target_code, "
                      "CASE WHEN is_symmetric THEN 'true' ELSE 'false' END FROM mentions")
    assert table[0] == wanted and sorted(map(tuple, table[1:])) == sorted(stored)
    out = tmp_path / "x.parquet"
    assert runner.invoke(app, ["export", str(out), "--db", str(db), "--mentions", "--columns",
                               ",".join(wanted)]).exit_code == 0
    assert pq.read_table(out).column_names == wanted
    coded = runner.invoke(app, ["code", str(EXAMPLE), "-f", "csv", "--columns", "cameo,rule"])
    assert coded.exit_code == 0 and coded.stdout.splitlines()[0] == "cameo,rule"
    # `code -f csv` gives the rows `events -f csv` gives for the same article, cell for cell
    every = list(csv.reader(io.StringIO(runner.invoke(app, ["code", str(EXAMPLE), "-f", "csv"]
                                                      ).stdout)))
    article = every[1][EVENT_COLUMNS.index("article_id")]
    stored = list(csv.reader(io.StringIO(runner.invoke(
        app, ["events", "--db", str(db), "-f", "csv", "--mentions", "--columns",
              ",".join(EVENT_COLUMNS)]).stdout)))
    assert every[0] == stored[0] and sorted(every[1:]) == sorted(
        r for r in stored[1:] if r[EVENT_COLUMNS.index("article_id")] == article)
    bad = runner.invoke(app, ["events", "--db", str(db), "-f", "csv", "--columns", "sorce_code"])
    assert bad.exit_code == 2 and "unknown column 'sorce_code'; did you mean source_code" \
        in " ".join(bad.output.split())
    not_flat = runner.invoke(app, ["events", "--db", str(db), "-f", "jsonl", "--columns", "cameo"])
    assert not_flat.exit_code == 2 and "is for csv and parquet" in not_flat.output


@pytest.mark.issue(12)
@pytest.mark.parametrize("width,shown,hidden", [
    # an event (a cluster) shows its id first, then its mentions/articles/sources
    (60, ["event", "date", "source", "cameo", "target"], ["trigger", "sentence", "rule"]),
    (100, ["event", "date", "source", "cameo", "plover", "target", "trigger", "m/a/s"],
     ["sentence", "rule"]),
    (200, ["event", "date", "source", "cameo", "plover", "target", "trigger", "conf",
           "sentence", "rule", "m/a/s"], []),
])
def test_cli_events_table_fits_the_terminal(db, width, shown, hidden):
    result = runner.invoke(app, ["events", "--db", str(db), "-f", "table", "--source", "RUS"],
                           env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= width
    header = next(line for line in lines if "date" in line).replace("┃", " ").split()
    assert header == shown and not set(hidden) & set(header)
    # no cell is cut short: every stored RUS source code is there in full
    codes = {r[0] for r in rows(db, "SELECT source_code FROM mentions "
                                    "WHERE source_country = 'RUS'")}
    assert codes and all(code in result.stdout for code in codes)


STORY = ("date 2024-03-24 Damascus condemned Russia.\n\n"
         "Tom Quill condemned Russia. Syria garlanded Russia.\n")
OWN = {
    "people.tsv": "name\taliases\tcountry\tsector\trole\tvalid_from\tvalid_until\n"
                  "Tom Quill\tQuill\tSYR\tGOV\tgovernor\t2020-01-01\t\n",
    "groups.tsv": "code\tname\taliases\tcountry\tsector\n"
                  "SYRMILDAM\tDamascus Militia\tDamascus\tSYR\tREB\n",
    "verbs.tsv": "cameo\tverb\tobject\tprep\tframe\n051\tgarland\t\t\t\n",
}


def coded_rows(db):
    return sorted(rows(db, "SELECT sentence_index, source_code, cameo, target_code "
                           "FROM mentions"))


@pytest.mark.issue(12)
def test_cli_recode_replaces_events_in_place_and_says_what_changed(tmp_path, engine):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    own = []
    for name, text in OWN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        own += ["--verbs" if name == "verbs.tsv" else "--actors", str(tmp_path / name)]
    db = tmp_path / "r.duckdb"
    assert runner.invoke(app, ["ingest", str(tmp_path / "story.txt"), "--db", str(db)]
                         ).exit_code == 0
    before = [(0, "SYRGOV", "111", "RUSGOV")]
    assert coded_rows(db) == before
    # re-ingesting skips the stored article: the old events stay
    again = runner.invoke(app, ["ingest", str(tmp_path / "story.txt"), "--db", str(db), *own])
    assert "1 already stored" in again.output and coded_rows(db) == before
    dry = runner.invoke(app, ["recode", "--db", str(db), *own, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "1 articles re-coded: 2 events added, 0 removed, 1 changed, 0 unchanged" in dry.output
    assert coded_rows(db) == before
    done = runner.invoke(app, ["recode", "--db", str(db), *own])
    assert done.exit_code == 0, done.output
    assert "2 events added, 0 removed, 1 changed, 0 unchanged, 0 rejected" in done.output
    after = [(0, "SYRREB", "111", "RUSGOV"), (1, "SYRGOV", "111", "RUSGOV"),
             (2, "SYRGOV", "051", "RUSGOV")]
    assert coded_rows(db) == after
    assert rows(db, "SELECT n_events FROM articles") == [(3,)]
    assert sorted(rows(db, "SELECT code, name, n_events FROM actors")) == [
        ("RUSGOV", "", 3), ("SYRGOV", "", 1), ("SYRGOV", "Tom Quill", 1),
        ("SYRREB", "Damascus Militia", 1)]
    back = runner.invoke(app, ["recode", "--db", str(db)])
    assert "0 events added, 2 removed, 1 changed, 0 unchanged" in back.output
    assert coded_rows(db) == before
    missing = runner.invoke(app, ["recode", "--db", str(tmp_path / "nope.duckdb")])
    assert missing.exit_code == 1 and "no such database" in missing.output
    assert not (tmp_path / "nope.duckdb").exists()


@pytest.mark.issue(12)
def test_cli_recode_interrupted_changes_nothing(tmp_path, engine, monkeypatch):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "verbs.tsv").write_text(OWN["verbs.tsv"], encoding="utf-8")
    db = tmp_path / "r.duckdb"
    runner.invoke(app, ["ingest", str(tmp_path / "story.txt"), "--db", str(db)])
    from tidings.store.database import Store

    def interrupted(self):
        raise KeyboardInterrupt
    monkeypatch.setattr(Store, "recount_actors", interrupted)  # after the events were replaced
    result = runner.invoke(app, ["recode", "--db", str(db), "--verbs", str(tmp_path / "verbs.tsv")])
    assert result.exit_code == 130 and "nothing was changed" in result.output
    assert coded_rows(db) == [(0, "SYRGOV", "111", "RUSGOV")]


WEB = ROOT / "tests" / "data" / "web"


@pytest.fixture()
def site():
    """A web server on 127.0.0.1 serving tests/data/web (feed.xml with its links pointing
    back to it), /slow (answers after 3 s) and /big.html (over the page size limit); it
    records each request's path and user agent."""
    import functools
    import http.server
    import threading
    import time

    from tidings.ingest import MAX_ARTICLE_BYTES
    requests = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server name
            requests.append((self.path, self.headers.get("User-Agent")))
            if self.path == "/slow":
                time.sleep(3)
            if self.path == "/big.html":
                return self.answer(b"<p>" + b"x" * MAX_ARTICLE_BYTES + b"</p>", "text/html")
            if self.path == "/feed.xml":
                base = f"http://127.0.0.1:{self.server.server_port}"
                feed = (WEB / "feed.xml").read_text(encoding="utf-8").replace("{base}", base)
                return self.answer(feed.encode("utf-8"), "application/rss+xml")
            return super().do_GET()

        def answer(self, body, kind):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a client that hung up early (the size limit): its point, not a failure

    server = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(WEB)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


@pytest.mark.issue(12)
def test_cli_ingest_url_reads_the_page_main_text_and_its_date(site, tmp_path, engine):
    base, requests = site
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", f"{base}/story.html", f"{base}/undated.html",
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    # the undated page is one line naming it, and the run went on
    assert f"Error: {base}/undated.html: no date: none in the page's metadata" in result.output
    [(url, date, title, text, source)] = rows(db, "SELECT url, date, title, text, source "
                                                  "FROM articles")
    assert (url, str(date), title, source) == (
        f"{base}/story.html", "2024-03-24", "Syria condemns attack on Moscow concert hall",
        "The Daily Fixture")
    assert text.startswith("Syria condemned the attack") and "newsletter" not in text \
        and "recipes" not in text and "Copyright" not in text
    assert ("SYR", "RUS") in rows(db, "SELECT source_country, target_country FROM mentions")
    assert all(agent.startswith("Tidings/") for _, agent in requests)
    dated = runner.invoke(app, ["ingest", f"{base}/undated.html", "--date", "2023-01-24",
                                "--db", str(db)])
    assert dated.exit_code == 0 and "1 stored" in dated.output


@pytest.mark.issue(12)
@pytest.mark.parametrize("path,options,reason", [
    ("/missing.html", [], "HTTP 404 File not found"),
    ("/slow", ["--timeout", "0.5"], "timed out after 0.5 s"),
    ("/big.html", [], "too large"),
])
def test_cli_ingest_url_failure_is_one_line(site, tmp_path, engine, path, options, reason):
    base, _ = site
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", base + path, f"{base}/story.html", "--db", str(db),
                                 *options])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: {base}{path}: {reason}")
    assert "Traceback" not in result.output
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]


@pytest.mark.issue(12)
def test_cli_ingest_feed_stores_its_entries_once(site, tmp_path, engine):
    base, requests = site
    db = tmp_path / "f.duckdb"
    result = runner.invoke(app, ["ingest", "--feed", f"{base}/feed.xml", "--db", str(db)])
    assert result.exit_code == 0, result.output
    # the gone page is one line; the page without a date of its own has the feed's
    assert f"Error: {base}/feed.xml#3 ({base}/missing.html): HTTP 404" in result.output
    assert sorted(rows(db, "SELECT url, strftime(date, '%Y-%m-%d'), title FROM articles")) == [
        (f"{base}/inline.html", "2023-02-01", "Japan praised India"),
        (f"{base}/undated.html", "2023-01-24", "Turkey criticised Sweden over the protest")]
    assert {("JPN", "IND"), ("TUR", "SWE")} <= set(rows(
        db, "SELECT source_country, target_country FROM mentions"))
    assert "/inline.html" not in [p for p, _ in requests]  # its text was in the feed
    # read again: the stored entries are not fetched again
    fetched = len([p for p, _ in requests if p == "/undated.html"])
    again = runner.invoke(app, ["ingest", "--feed", f"{base}/feed.xml", "--db", str(db)])
    assert "0 stored (2 already stored)" in again.output
    assert len([p for p, _ in requests if p == "/undated.html"]) == fetched == 1
    not_a_feed = runner.invoke(app, ["ingest", "--feed", f"{base}/nope.xml", "--db", str(db)])
    assert not_a_feed.exit_code == 1 and f"Error: {base}/nope.xml: HTTP 404" in not_a_feed.output


def settled(path, text):
    """Write a file dated 10 s ago, so a watch takes it at its next look."""
    import os
    import time
    path.write_text(text, encoding="utf-8")
    past = time.time() - 10
    os.utime(path, (past, past))


@pytest.mark.issue(12)
def test_cli_ingest_watch_keeps_the_store_up_to_date_until_ctrl_c(tmp_path):
    import os
    import queue
    import signal
    import subprocess
    import sys
    import threading
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settled(inbox / "a.txt", EXAMPLE.read_text(encoding="utf-8"))
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "tidings.cli", "ingest", "--watch", str(inbox), "--every", "0.5s",
         "--db", str(db)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr],
                              daemon=True)
    reader.start()

    def next_report(wanted: str) -> str:
        while True:
            line = lines.get(timeout=120)
            if "articles read" in line:
                assert wanted in line, line
                return line
    try:
        next_report("1 articles read, 1 stored (0 already stored)")
        settled(inbox / "b.txt", STORY)
        next_report("1 articles read, 1 stored (0 already stored)")
        settled(inbox / "copy.txt", EXAMPLE.read_text(encoding="utf-8"))  # stored as a.txt
        next_report("1 articles read, 0 stored (1 already stored)")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        process.kill()
    reader.join(timeout=10)
    rest = [lines.get() for _ in range(lines.qsize())]
    assert rest == ["Stopped: every batch committed so far is kept.\n"]
    assert sorted(rows(db, "SELECT origin FROM articles")) == [(str(inbox / "a.txt"),),
                                                              (str(inbox / "b.txt"),)]
    assert rows(db, "SELECT count(*) FROM mentions WHERE article_id IN (SELECT id FROM articles "
                    "WHERE origin LIKE '%b.txt')") == [(1,)]


@pytest.mark.issue(12)
def test_cli_ingest_progress_on_a_terminal_quiet_elsewhere(tmp_path, engine):
    inputs = [str(ROOT / "examples"), str(tmp_path / "nope.txt")]
    total = len(list((ROOT / "examples").glob("*.txt"))) + 1
    terminal = {"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1", "COLUMNS": "200"}
    shown = runner.invoke(app, ["ingest", *inputs, "--db", str(tmp_path / "a.duckdb")],
                          env=terminal)
    assert shown.exit_code == 0, shown.output
    # the last state drawn: all done of the known total, the reject, the rate
    assert f"{total - 1} articles stored" in shown.stderr and "100%" in shown.stderr
    assert "1 rejected" in shown.stderr and "events/s" in shown.stderr
    piped = runner.invoke(app, ["ingest", *inputs, "--db", str(tmp_path / "b.duckdb")])
    assert "events/s" not in piped.stderr and "%" not in piped.stderr
    assert piped.stderr.splitlines()[0] == f"Error: {tmp_path / 'nope.txt'}: no such file"
    assert piped.stderr.splitlines()[1].startswith(f"{total - 1} articles read, {total - 1} stored")
    quiet = runner.invoke(app, ["ingest", *inputs, "--db", str(tmp_path / "c.duckdb"), "-q"],
                          env=terminal)
    assert quiet.stderr.splitlines() == [f"Error: {tmp_path / 'nope.txt'}: no such file"]
    verbose = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(tmp_path / "d.duckdb"),
                                  "--verbose"])
    n = rows(tmp_path / "d.duckdb", "SELECT count(*) FROM mentions")[0][0]
    assert verbose.stderr.splitlines()[0] == f"stored {EXAMPLE}: {n} events"


@pytest.mark.issue(12)
def test_cli_ingest_feed_every_reads_it_again_until_ctrl_c(site, tmp_path, engine, monkeypatch):
    import time
    base, requests = site
    looks = []

    def sleep(seconds):  # the second wait ends the run as Ctrl-C would
        looks.append(seconds)
        if len(looks) == 2:
            raise KeyboardInterrupt
    monkeypatch.setattr(time, "sleep", sleep)
    db = tmp_path / "f.duckdb"
    result = runner.invoke(app, ["ingest", "--feed", f"{base}/feed.xml", "--every", "15m",
                                 "--db", str(db)])
    assert result.exit_code == 130 and looks == [900.0, 900.0]
    lines = [line for line in result.stderr.splitlines() if "articles read" in line]
    assert [line.split(" ", 1)[1] for line in lines] == [
        "2 articles read, 2 stored (0 already stored), "
        f"{rows(db, 'SELECT count(*) FROM mentions')[0][0]} events, 1 rejected",
        "2 articles read, 0 stored (2 already stored), 0 events, 1 rejected"]
    assert [p for p, _ in requests].count("/feed.xml") == 2
    assert [p for p, _ in requests].count("/undated.html") == 1
    assert result.stderr.splitlines()[-1] == "Stopped: every batch committed so far is kept."
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]
    bad = runner.invoke(app, ["ingest", "--feed", f"{base}/feed.xml", "--every", "soon"])
    assert bad.exit_code == 2 and "expected a duration such as 30s, 15m or 1h" in bad.output

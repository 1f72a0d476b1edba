"""`events` and `export` on large stores: stored order unless --sort, --limit/--offset,
a table of at most 50 rows with a hint (issue 11). Mentions, so that rows are the
mentions table's rows; events (clusters) take the same path."""
import json
import re

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.cli.store import TERMINAL_ROWS

from .conftest import EXAMPLE, ROOT

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, engine):
    path = tmp_path_factory.mktemp("paging") / "t.duckdb"
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), str(EXAMPLE), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def stored(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def rows_shown(table: str) -> int:
    """Rows of a printed table: lines whose date cell (after the event's) holds a date;
    long cells wrap onto lines with an empty one."""
    return len(re.findall(r"^│[^│\n]*│ \d{4}-\d\d-\d\d ", table, flags=re.MULTILINE))


def event_ids(*args) -> list[str]:
    result = runner.invoke(app, ["events", "--mentions", "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line)["event_id"] for line in result.stdout.splitlines()]


@pytest.mark.issue(11)
def test_events_sort_limit_offset_page_through_the_store(db):
    oldest_first = stored(db, "SELECT event_id FROM mentions "
                              "ORDER BY date, article_id, sentence_index, event_id")
    assert len(oldest_first) > 60
    assert event_ids("--db", str(db), "--sort") == oldest_first
    assert event_ids("--db", str(db), "--sort", "--limit", "7", "--offset", "20") == \
        oldest_first[20:27]
    # without --sort: the order stored (rowid), nothing sorted
    assert event_ids("--db", str(db)) == stored(db, "SELECT event_id FROM mentions ORDER BY rowid")
    assert event_ids("--db", str(db), "--offset", str(len(oldest_first))) == []


@pytest.mark.issue(11)
def test_events_table_shows_the_first_rows_and_how_to_see_more(db):
    result = runner.invoke(app, ["events", "--mentions", "--db", str(db), "--format", "table"])
    assert result.exit_code == 0
    assert rows_shown(result.stdout) == TERMINAL_ROWS
    assert result.stderr.strip() == (f"the first {TERMINAL_ROWS} events; see more with "
                                     "--limit N --offset N, or all with --format csv (or jsonl)")
    few = runner.invoke(app, ["events", "--mentions", "--db", str(db), "--format", "table",
                              "--limit", "3"])
    assert few.exit_code == 0 and rows_shown(few.stdout) == 3 and few.stderr == ""


@pytest.mark.issue(11)
@pytest.mark.parametrize("args", [["events", "--offset", "-1"], ["export", "x.csv", "--offset", "-3"],
                                  ["export", "x.csv", "--limit", "0"]])
def test_events_bad_offset_or_limit_is_a_usage_error(db, tmp_path, args):
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.issue(11)
def test_events_export_sorted_and_paged_parquet(db, tmp_path):
    import pyarrow.parquet as pq
    out = tmp_path / "page.parquet"
    result = runner.invoke(app, ["export", str(out), "--db", str(db), "--mentions", "--sort",
                                 "--limit", "5", "--offset", "3"])
    assert result.exit_code == 0 and "5 mentions written" in result.stderr
    assert pq.read_table(out).column("event_id").to_pylist() == stored(
        db, "SELECT event_id FROM mentions ORDER BY date, article_id, sentence_index, event_id "
            "LIMIT 5 OFFSET 3")

"""The CLI driven for real against a DuckDB file in tmp_path."""
import datetime as dt
import json
from collections import Counter

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.ingest import read_articles
from tidings.model import Article

from .conftest import EXAMPLE, ROOT

runner = CliRunner()


def rows(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_cli_ingest_stores_articles_and_events(db, engine):
    n_examples = len(list((ROOT / "examples").glob("*.txt"))) + 1
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == n_examples
    # exactly the events the coder finds in those articles, each stored once
    articles = [a for a in read_articles([ROOT / "examples", EXAMPLE]) if isinstance(a, Article)]
    coded = Counter((e.source.code, e.target.code if e.target else None, e.cameo)
                    for a in articles for e in engine.code_article(a))
    stored = Counter(rows(db, "SELECT source_code, target_code, cameo FROM mentions"))
    assert stored == coded and sum(coded.values()) > 10
    assert rows(db, "SELECT count(*) FROM mentions WHERE rule IS NULL OR sentence IS NULL")[0][0] == 0
    assert rows(db, "SELECT count(*) FROM actors WHERE code = 'SYRGOV'")[0][0] >= 1
    # each row keeps the rules that fired and whether it stands for both directions
    stored_rules = Counter(rows(db, "SELECT source_code, target_code, cameo, rules, is_symmetric "
                                    "FROM mentions"))
    assert stored_rules == Counter(
        (e.source.code, e.target.code if e.target else None, e.cameo, " ".join(e.rules),
         e.symmetric) for a in articles for e in engine.code_article(a))
    assert rows(db, "SELECT count(*) FROM mentions WHERE rules = ''")[0][0] == 0


def test_cli_ingest_twice_stores_once(db):
    before = rows(db, "SELECT count(*) FROM mentions")[0][0]
    result = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)])
    assert result.exit_code == 0
    assert "1 already stored" in result.output
    assert rows(db, "SELECT count(*) FROM mentions")[0][0] == before


def test_cli_ingest_bad_and_good_input(tmp_path, engine):
    path = tmp_path / "t.duckdb"
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["ingest", str(missing), str(EXAMPLE), "--db", str(path)])
    assert result.exit_code == 0
    assert f"{missing}" in result.output and "Traceback" not in result.output
    assert "1 rejected" in result.output
    assert rows(path, "SELECT count(*) FROM articles")[0][0] == 1


def test_cli_ingest_nothing_readable_exits_1(tmp_path, engine):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db",
                                 str(tmp_path / "t.duckdb")])
    assert result.exit_code == 1


def test_cli_events_filters(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl",
                                 "--source", "SYR", "--cameo", "018"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    everything = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    every = [json.loads(line) for line in everything.output.splitlines()]
    # exactly the stored events that pass the filters, and not all of them
    wanted = [r for r in every
              if r["source"]["code"].startswith("SYR") and r["cameo"].startswith("018")]
    key = lambda r: r["event_id"]  # noqa: E731
    assert sorted(records, key=key) == sorted(wanted, key=key)
    assert records and len(every) > len(records)


def stored(db, *options):
    """The mention ids `tidings events --mentions` gives with `options`, and its exit code."""
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--mentions",
                                 *options])
    ids = {json.loads(line)["event_id"] for line in result.stdout.splitlines()} \
        if result.exit_code == 0 else set()
    return ids, result


@pytest.mark.issue(12)
@pytest.mark.parametrize("options,sql", [
    # a country by ISO3 code, name or alias: any of its actors
    (["--source", "Syria"], "source_country = 'SYR'"),
    (["--source", "syr"], "source_country = 'SYR'"),
    (["--source", "IND"], "source_country = 'IND'"),  # not a name containing "ind"
    (["--target", "Türkiye"], "target_country = 'TUR'"),
    (["--country", "Ukraine"], "'UKR' IN (source_country, target_country)"),
    # an exact code, or a prefix only with an explicit *
    (["--source", "RUSGOV"], "source_code = 'RUSGOV'"),
    (["--source", "RUSG*"], "source_code LIKE 'RUSG%'"),
    # a person by name, on either side
    (["--name", "Assad"], "source_name ILIKE '%assad%' OR target_name ILIKE '%assad%'"),
    # a literal % or _ is no wildcard
    (["--name", "%"], "source_name LIKE '%\\%%' ESCAPE '\\' OR target_name LIKE '%\\%%' ESCAPE '\\'"),
])
def test_cli_events_actor_filters_mean_what_they_say(db, options, sql):
    ids, result = stored(db, *options)
    assert result.exit_code == 0, result.output
    assert ids == {r[0] for r in rows(db, f"SELECT event_id FROM mentions WHERE {sql}")}
    if "%" not in options:
        assert ids  # the example store has such events


@pytest.mark.issue(12)
@pytest.mark.parametrize("options,message", [
    (["--country", "Ukrane"], "unknown country 'Ukrane'; did you mean Ukraine"),
    (["--source", "Syrai"], "did you mean Syria"),
    (["--plover", "FOO"], "unknown PLOVER type 'FOO'; choose one of ACCUSE, AGREE"),
    (["--root", "21"], "unknown CAMEO root (01-20) '21'"),
    (["--cameo", "abc"], "unknown CAMEO code 'abc'"),
])
def test_cli_events_unknown_filter_value_is_an_error(db, options, message):
    _, result = stored(db, *options)
    assert result.exit_code == 2 and " ".join(message.split()) in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_cli_version_and_read_only_db_help():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("tidings 0.")
    for command in ("events", "export"):
        text = runner.invoke(app, [command, "--help"]).output
        assert "created if missing" not in text and "to read" in text


def test_cli_export_parquet_round_trip(db, tmp_path):
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", str(out), "--db", str(db)])
    assert result.exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == rows(db, "SELECT count(*) FROM events")[0][0]
    assert {"source_code", "cameo", "goldstein", "rule", "cluster_id", "num_mentions",
            "num_sources", "num_articles", "first_date", "last_date"} <= set(table.column_names)
    assert sorted(table.column("cluster_id").to_pylist()) == [
        r[0] for r in rows(db, "SELECT id FROM events ORDER BY id")]
    out = tmp_path / "mentions.parquet"
    result = runner.invoke(app, ["export", str(out), "--db", str(db), "--mentions"])
    assert result.exit_code == 0 and "mentions written" in result.output
    table = pq.read_table(out)
    assert table.num_rows == rows(db, "SELECT count(*) FROM mentions")[0][0]
    assert sorted(zip(table.column("event_id").to_pylist(),
                      table.column("cluster_id").to_pylist())) == \
        rows(db, "SELECT event_id, cluster_id FROM mentions ORDER BY ALL")


def test_cli_code_jsonl_fields():
    result = runner.invoke(app, ["code", str(EXAMPLE), "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    required = {"event_id", "article_id", "sentence_index", "sentence", "in_headline", "date",
                "source", "target", "cameo", "cameo_root", "plover", "plover_mode", "quad_class",
                "goldstein", "rule", "confidence", "rules", "symmetric"}
    assert records and all(required <= set(r) for r in records)
    assert all({"text", "name", "code", "country", "sector", "start", "end"} <= set(r["source"])
               for r in records)


def test_cli_code_tsv_gdelt_has_61_columns():
    result = runner.invoke(app, ["code", str(EXAMPLE), "--format", "tsv-gdelt"])
    lines = result.output.splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    assert all(line.split("\t")[1] == "20240324" for line in lines)


def explained_events(output):
    """The lines of the `events:` section of `tidings explain`."""
    lines = output.splitlines()
    return [line.strip() for line in lines[lines.index("events:") + 1:] if line.strip()]


def test_cli_explain_names_the_rule():
    result = runner.invoke(app, ["explain", "Russia condemned the Ukrainian government.",
                                 "--date", "2024-03-24"])
    assert result.exit_code == 0
    events = explained_events(result.output)
    assert [line.split("  by ")[0] for line in events] == ["RUSGOV -> UKRGOV  111 (ACCUSE)"]
    assert all("  by verbs.tsv:" in line for line in events)


def test_cli_explain_says_why_nothing_fired():
    result = runner.invoke(app, ["explain", "Russia did not condemn Ukraine.", "--date",
                                 "2024-03-24"])
    assert "negated" in result.output
    assert explained_events(result.output) == ["(none)"]


@pytest.mark.parametrize("command", ["code", "ingest", "events", "export", "explain",
                                     "dictionaries check", "actors search", "actors show"])
def test_cli_every_command_has_help_with_example(command):
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "tidings " + command in result.output


def test_cli_ingest_interrupt_keeps_committed_batches(tmp_path, engine, monkeypatch):
    from tidings import api
    path = tmp_path / "t.duckdb"
    real_commit = api._commit
    calls = []

    def commit_then_interrupt(store, batch, report, on_batch):
        real_commit(store, batch, report, on_batch)
        calls.append(len(batch))
        if len(calls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(api, "_commit", commit_then_interrupt)
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(path),
                                 "--batch-size", "3"])
    assert result.exit_code == 130
    assert "Interrupted" in result.output
    assert rows(path, "SELECT count(*) FROM articles")[0][0] == 6
    monkeypatch.undo()
    again = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(path)])
    assert again.exit_code == 0 and "6 already stored" in again.output
    assert rows(path, "SELECT count(*) FROM articles")[0][0] == len(list(
        (ROOT / "examples").glob("*.txt")))


def test_cli_code_monadic_keeps_events_without_target(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-03-24 Russia condemned the attack.\n", encoding="utf-8")
    plain = runner.invoke(app, ["code", str(path), "-f", "jsonl"])
    monadic = runner.invoke(app, ["code", str(path), "-f", "jsonl", "--monadic"])
    assert plain.output.strip() == ""
    records = [json.loads(line) for line in monadic.output.splitlines()]
    assert [(r["source"]["code"], r["target"], r["cameo"]) for r in records] == [
        ("RUSGOV", None, "111")]


def test_cli_code_workers_give_the_same_events():
    one = runner.invoke(app, ["code", str(ROOT / "examples"), "-f", "jsonl"])
    two = runner.invoke(app, ["code", str(ROOT / "examples"), "-f", "jsonl", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.output and one.output == two.output


def test_cli_ingest_article_the_coder_fails_on_is_reported_and_skipped(tmp_path, engine,
                                                                         monkeypatch):
    from tidings.engine import Tidings
    log = tmp_path / "bugs.log"
    monkeypatch.setenv("TIDINGS_BUG_LOG", str(log))
    real = Tidings.code_article

    def fail_on_japan(self, article):
        if "Japan" in article.title:
            raise ValueError("simulated coder bug")
        return real(self, article)

    monkeypatch.setattr(Tidings, "code_article", fail_on_japan)
    path = tmp_path / "t.duckdb"
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    failed = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(failed) == 1 and "Traceback" not in result.output
    assert "japan" in failed[0] and "could not be coded (ValueError" in failed[0]
    # a bug, not bad input: said so, with the traceback in the log the line names
    assert "likely a bug in Tidings" in failed[0] and str(log) in failed[0]
    assert "simulated coder bug" in log.read_text() and "Traceback" in log.read_text()
    stored = rows(path, "SELECT count(*) FROM articles")[0][0]
    assert stored == len(list((ROOT / "examples").glob("*.txt"))) - 1
    monkeypatch.undo()  # the failed article was not stored, so a re-run codes it
    again = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(path)])
    assert again.exit_code == 0
    assert rows(path, "SELECT count(*) FROM articles")[0][0] == stored + 1


def test_cli_code_field_option_maps_record_fields(tmp_path):
    path = tmp_path / "crawl.jsonl"
    path.write_text(json.dumps({"first_seen": "2024-03-24",
                                "description": "Russia condemned the Ukrainian government."})
                    + "\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(path), "-f", "jsonl", "--field",
                                 "date=first_seen", "--field", "text=description"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["source"]["code"], e["target"]["code"], e["cameo"], e["date"]) for e in events] \
        == [("RUSGOV", "UKRGOV", "111", "2024-03-24")]


@pytest.mark.parametrize("value", ["date", "when=first_seen", "date="])
def test_cli_code_bad_field_option_is_a_usage_error(tmp_path, value):
    result = runner.invoke(app, ["code", str(EXAMPLE), "--field", value])
    assert result.exit_code == 2 and "--field" in result.output and "Traceback" not in result.output


@pytest.mark.issue(11)
def test_cli_export_never_destroys_the_database_or_a_file(db, tmp_path):
    before = rows(db, "SELECT count(*) FROM mentions")[0][0]
    result = runner.invoke(app, ["export", str(db), "-f", "jsonl", "--db", str(db)])
    assert result.exit_code == 1 and "is the database being exported" in result.output
    assert rows(db, "SELECT count(*) FROM mentions")[0][0] == before
    out = tmp_path / "events.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(out), "--db", str(db)])
    assert result.exit_code == 1 and "exists; use --force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me\n"
    result = runner.invoke(app, ["export", str(out), "--db", str(db), "--force", "--mentions"])
    assert result.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == before


@pytest.mark.issue(11)
@pytest.mark.parametrize("where,reason", [
    ("missing/events.csv", "does not exist"),
    (".", "is a folder"),
])
def test_cli_export_to_an_impossible_place_is_one_line(db, tmp_path, where, reason):
    result = runner.invoke(app, ["export", str(tmp_path / where), "-f", "csv", "--db", str(db)])
    assert result.exit_code == 1 and reason in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.issue(11)
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_export_write_failure_is_one_line_and_keeps_the_old_file(db, tmp_path, monkeypatch,
                                                                      fmt):
    import errno
    import os
    from tidings.query import export
    out = tmp_path / f"events.{fmt}"
    out.write_text("old\n", encoding="utf-8")

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(export.os, "replace", disk_full)
    result = runner.invoke(app, ["export", str(out), "--db", str(db), "--force"])
    assert result.exit_code == 1 and "cannot write (No space left on device)" in result.output
    assert out.read_text(encoding="utf-8") == "old\n"  # the old export is kept whole
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no half file


@pytest.mark.issue(11)
def test_cli_ingest_lone_surrogate_loses_no_article(tmp_path, engine):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a", "date": "2024-03-24", "text": "Russia condemned the Ukrainian '
                    'government \\ud800 today."}\n{"id": "b", "date": "2024-03-24", "text": '
                    '"Israel condemned Iran."}\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert rows(db, "SELECT id FROM articles ORDER BY id") == [("a",), ("b",)]
    assert rows(db, "SELECT source_code, target_code, cameo FROM mentions ORDER BY article_id") == [
        ("RUSGOV", "UKRGOV", "111"), ("ISRGOV", "IRNGOV", "111")]


@pytest.mark.issue(11)
@pytest.mark.parametrize("args", [
    ["events", "--limit", "-1"], ["events", "--limit", "0"], ["code", str(EXAMPLE), "-w", "0"],
    ["ingest", str(EXAMPLE), "--batch-size", "-5"]])
def test_cli_counts_below_one_are_usage_errors(tmp_path, args):
    result = runner.invoke(app, args + ["--db", str(tmp_path / "t.duckdb")] if args[0] != "code"
                           else args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "t.duckdb").exists()


@pytest.mark.issue(12)
def test_cli_ingest_date_order(tmp_path, engine):
    path = tmp_path / "r.csv"
    path.write_text("id,date,text\na,02-04-2024,Russia condemned the Ukrainian government.\n",
                    encoding="utf-8")
    db = tmp_path / "t.duckdb"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 1 and "ambiguous date '02-04-2024'" in result.output
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--date-order", "dmy"])
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT id, date FROM articles") == [("a", dt.date(2024, 4, 2))]
    bad = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--date-order", "YDM"])
    assert bad.exit_code == 2


@pytest.mark.issue(12)
def test_cli_events_table_with_no_events_says_so(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "table",
                                 "--since", "2099-01-01"])
    assert result.exit_code == 0 and result.stdout.strip() == "0 events"


def test_cli_events_read_back_what_code_prints(db):
    """The store round-trips the event record: `events` prints what `code` printed."""
    coded = [json.loads(line) for line in
             runner.invoke(app, ["code", str(EXAMPLE), "--format", "jsonl"]).output.splitlines()]
    stored = [json.loads(line) for line in
              runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl",
                                  "--mentions"]).output.splitlines()]
    assert all(isinstance(r.pop("cluster_id"), int) for r in stored)  # its event
    article = coded[0]["article_id"]
    key = lambda r: r["event_id"]  # noqa: E731
    assert sorted(coded, key=key) == sorted((r for r in stored if r["article_id"] == article),
                                            key=key)


PEOPLE_HEADER = "name\taliases\tcountry\tsector\trole\tvalid_from\tvalid_until\n"
VERBS_HEADER = "cameo\tverb\tobject\tprep\tframe\n"


def explained_actors(output):
    lines = output.splitlines()
    return [line.split() for line in lines[lines.index("actor names found:") + 1:
                                          lines.index("decisions:")]]


def test_cli_own_person_resolves_on_their_dates(tmp_path):
    people = tmp_path / "my_people.tsv"
    people.write_text(PEOPLE_HEADER + "Tom Quill\tQuill\tSYR\tGOV\tgovernor\t2020-01-01\t"
                      "2022-12-31\n")
    sentence = "Tom Quill condemned Russia."
    inside = runner.invoke(app, ["explain", sentence, "--date", "2021-05-01",
                                 "--actors", str(people)])
    assert inside.exit_code == 0, inside.output
    assert explained_events(inside.output)[0].startswith("SYRGOV -> RUSGOV  111")
    assert ["Tom", "Quill", "person", "SYR", "GOV", "my_people.tsv:2"] in \
        explained_actors(inside.output)
    after = runner.invoke(app, ["explain", sentence, "--date", "2024-05-01",
                                "--actors", str(people)])
    assert explained_events(after.output)[0].startswith("SYRELI -> RUSGOV  111")


def test_cli_own_verb_codes_a_new_phrase(tmp_path):
    verbs = tmp_path / "my_verbs.tsv"
    verbs.write_text(VERBS_HEADER + "051\tgarland\t\t\t\n")
    result = runner.invoke(app, ["code", "-", "--date", "2024-03-24", "-f", "jsonl",
                                 "--verbs", str(verbs)], input="Syria garlanded Russia.\n")
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["source"]["code"], r["cameo"], r["target"]["code"], r["rule"])
            for r in records] == [("SYRGOV", "051", "RUSGOV", "my_verbs.tsv:2 garland")]


def test_cli_own_row_overrides_a_bundled_alias(tmp_path):
    groups = tmp_path / "my_groups.tsv"
    groups.write_text("code\tname\taliases\tcountry\tsector\n"
                      "SYRMILDAM\tDamascus Militia\tDamascus\tSYR\tREB\n")
    result = runner.invoke(app, ["explain", "Damascus condemned Russia.", "--date",
                                 "2024-03-24", "--actors", str(groups)])
    assert explained_events(result.output)[0].startswith("SYRREB -> RUSGOV  111")


@pytest.mark.parametrize("option,text,where", [
    ("--verbs", VERBS_HEADER + "051\tgarland\t\t\t\n999\tgarble\t\t\t\n",
     ":3: unknown CAMEO code '999'"),
    ("--actors", PEOPLE_HEADER + "Tom Quill\t\tSYR\tGOV\tgovernor\t2020-13-01\t\n",
     ":2: date '2020-13-01' is not YYYY-MM-DD"),
    ("--actors", "who\twhat\nx\ty\n", ":1: the header is not that of an actor file"),
])
def test_cli_bad_own_row_is_one_line_with_file_and_line(tmp_path, option, text, where):
    path = tmp_path / "mine.tsv"
    path.write_text(text)
    result = runner.invoke(app, ["code", "-", "--date", "2024-03-24", option, str(path)],
                           input="Syria condemned Russia.\n")
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1
    assert lines[0].startswith(f"Error: {path}{where}")


def test_cli_dictionaries_check(tmp_path):
    (tmp_path / "a_people.tsv").write_text(PEOPLE_HEADER + "Tom Quill\t\tSYR\tGOV\tgovernor\t"
                                           "2020-01-01\t\nBashar al-Assad\t\tSYR\tGOV\t"
                                           "president\t2000-07-17\t\n")
    (tmp_path / "b_verbs.tsv").write_text(VERBS_HEADER + "051\tgarland\t\t\t\n")
    good = runner.invoke(app, ["dictionaries", "check", str(tmp_path)])
    assert good.exit_code == 0
    assert good.output.splitlines() == [
        f"{tmp_path / 'a_people.tsv'}: people, 2 rows (1 override ours)",
        f"{tmp_path / 'b_verbs.tsv'}: verbs, 1 rows (0 override ours)"]
    (tmp_path / "c_verbs.tsv").write_text(VERBS_HEADER + "999\tgarble\t\t\t\n")
    bad = runner.invoke(app, ["dictionaries", "check", str(tmp_path)])
    assert bad.exit_code == 1
    assert bad.output.splitlines()[-1] == \
        f"Error: {tmp_path / 'c_verbs.tsv'}:2: unknown CAMEO code '999'"


def test_cli_actors_search_and_show(tmp_path):
    people = tmp_path / "my_people.tsv"
    people.write_text(PEOPLE_HEADER + "Tom Quill\tQuill\tSYR\tGOV\tgovernor\t2020-01-01\t\n")
    found = runner.invoke(app, ["actors", "search", "quill", "-f", "jsonl",
                                "--actors", str(people)])
    assert [json.loads(line) for line in found.output.splitlines()] == [{
        "kind": "person", "code": "SYRGOV", "name": "Tom Quill", "aliases": ["Quill"],
        "country": "SYR", "sector": "GOV", "role": "governor", "valid_from": "2020-01-01",
        "valid_until": None, "rule": "my_people.tsv:2"}]
    assert runner.invoke(app, ["actors", "search", "quill", "--date", "2019-01-01",
                               "--actors", str(people)]).exit_code == 1
    shown = runner.invoke(app, ["actors", "show", "IGOUNO", "-f", "jsonl"])
    assert shown.exit_code == 0
    assert {json.loads(line)["name"] for line in shown.output.splitlines()} >= {"United Nations"}


def test_cli_explain_file_reads_the_article_with_its_title():
    result = runner.invoke(app, ["explain", "--file", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    articles = [a for a in read_articles([EXAMPLE]) if isinstance(a, Article)]
    from tidings.api import code_article
    expected = [f"{e.source.code} -> {e.target.code if e.target else '-'}  {e.cameo}"
                for e in code_article(articles[0])]
    assert [line.split(" (")[0] for line in explained_events(result.output)] == expected


def test_cli_explain_file_that_cannot_be_read_is_one_line(tmp_path):
    result = runner.invoke(app, ["explain", "--file", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "nope.txt" in result.output and "Traceback" not in result.output


@pytest.mark.issue(12)
def test_cli_explain_event_marks_the_stored_evidence(db):
    record = json.loads(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl",
                                            "--source", "RUS"]).output.splitlines()[0])
    result = runner.invoke(app, ["explain", "--event", record["event_id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"stored event {record['event_id']} ")
    trigger = record["trigger"]
    sentence = record["sentence"]
    assert "{" + sentence[trigger["start"]:trigger["end"]] + "}" in lines[2]
    assert "[" + sentence[record["source"]["start"]:record["source"]["end"]] in lines[2]
    # read again with today's dictionaries, the article still gives this event
    events = result.output.split("\nevents:\n")[1]
    assert f"{record['source']['code']} -> {record['target']['code']}  {record['cameo']}" \
        in events
    missing = runner.invoke(app, ["explain", "--event", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no event 'nope'" in missing.output
    both = runner.invoke(app, ["explain", "Syria condemned Israel.", "--event", "x"])
    assert both.exit_code == 2

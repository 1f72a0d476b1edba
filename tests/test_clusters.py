"""Event clusters through the real CLI and store: mentions of one real event grouped
across articles and days, near-duplicate articles counted once, incremental ingest."""
import datetime as dt
import json
import os
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.cluster import Cluster, assign_clusters, load_cluster_settings
from tidings.cluster.assign import Mention
from tidings.errors import DictionaryError
from tidings.store import open_store

from .conftest import ROOT

runner = CliRunner()
DATA = ROOT / "tests" / "data" / "clusters"
DAY1, DAY2 = DATA / "day1.jsonl", DATA / "day2.jsonl"

# The fixture's events, as (article, sentence index) of their mentions: the Kyiv strike
# told by a wire story, its syndicated copy and a next-day follow-up; Ukraine's
# condemnation in the wire story and its copy; the follow-up's accusation (same dyad and
# root as the condemnation, another statement); a strike on Kharkiv on the same day as
# the Kyiv strike (same dyad, same root: another event); Blinken's meeting with Wang Yi,
# told as a meeting and, from the other side, as hosting.
KYIV_STRIKE = {("kyiv-wire", 0), ("kyiv-wire", 1), ("kyiv-copy", 0), ("kyiv-copy", 1),
               ("kyiv-followup", 1)}
CONDEMNATION = {("kyiv-wire", 2), ("kyiv-copy", 2)}
ACCUSATION = {("kyiv-followup", 2)}
KHARKIV_STRIKE = {("kharkiv-strike", 1)}
MEETING = {("beijing-talks", 0), ("beijing-talks", 1), ("beijing-host", 1)}


def ingest(db, *paths):
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result


def rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def clusters(db):
    """cluster id -> the (article, sentence index) of its mentions."""
    found = {}
    for cluster, article, index in rows(db, "SELECT cluster_id, article_id, sentence_index "
                                            "FROM mentions"):
        found.setdefault(cluster, set()).add((article, index))
    return found


def counts(db):
    """frozenset of mentions -> (num_mentions, num_articles, num_sources, first, last)."""
    members = clusters(db)
    return {frozenset(members[cid]): tuple(rest) for cid, *rest in rows(
        db, "SELECT id, num_mentions, num_articles, num_sources, first_date, last_date "
            "FROM events")}


@pytest.fixture(scope="module")
def db(tmp_path_factory, engine):
    path = tmp_path_factory.mktemp("clusters") / "c.duckdb"
    ingest(path, DAY1)
    ingest(path, DAY2)
    return path


@pytest.mark.issue(9)
def test_clusters_exact_sets_and_counts(db):
    day = dt.date(2024, 3, 21)
    assert counts(db) == {
        frozenset(KYIV_STRIKE): (5, 2, 2, day, day),  # the copy is no second article
        frozenset(CONDEMNATION): (2, 1, 1, day, day),
        # undated, in a story published the day after its lead event: of the lead's day
        frozenset(ACCUSATION): (1, 1, 1, day, day),
        frozenset(KHARKIV_STRIKE): (1, 1, 1, day, day),
        frozenset(MEETING): (3, 2, 2, dt.date(2024, 4, 26), dt.date(2024, 4, 26)),
    }
    assert rows(db, "SELECT count(*) FROM mentions WHERE cluster_id IS NULL") == [(0,)]
    # ids are 1, 2, ... in the order events were made
    assert sorted(clusters(db)) == list(range(1, 6))


@pytest.mark.issue(9)
def test_clusters_same_dyad_different_event_stays_apart(db):
    """The Kharkiv strike: Russia on Ukraine, root 19, the same day as the Kyiv strike."""
    strike = next(c for c, m in clusters(db).items() if m == KYIV_STRIKE)
    kharkiv = next(c for c, m in clusters(db).items() if m == KHARKIV_STRIKE)
    keys = rows(db, f"SELECT dyad_a, dyad_b, family, date FROM events WHERE id IN "
                    f"({strike}, {kharkiv})")
    assert len(set(keys)) == 1 and strike != kharkiv


@pytest.mark.issue(9)
def test_clusters_near_duplicate_article_is_counted_once(db):
    assert rows(db, "SELECT id, copy_of FROM articles WHERE copy_of IS NOT NULL") == [
        ("kyiv-copy", "kyiv-wire")]
    # three publishers carry the strike; the copy's (Daily Courier) is not counted
    assert rows(db, "SELECT count(DISTINCT a.source) FROM mentions m JOIN articles a ON "
                    "a.id = m.article_id WHERE m.cluster_id = 1") == [(3,)]
    assert rows(db, "SELECT num_sources, num_articles FROM events WHERE id = 1") == [(2, 2)]


@pytest.mark.issue(9)
def test_clusters_incremental_ingest_extends_a_cluster(tmp_path, engine):
    path = tmp_path / "c.duckdb"
    ingest(path, DAY1)
    before = clusters(path)
    strike = next(c for c, m in before.items() if m == KYIV_STRIKE - {("kyiv-followup", 1)})
    assert rows(path, f"SELECT num_mentions, num_articles FROM events WHERE id = {strike}") \
        == [(4, 1)]
    ingest(path, DAY2)
    after = clusters(path)
    assert after[strike] == KYIV_STRIKE  # the same event, one article more
    assert rows(path, f"SELECT num_mentions, num_articles FROM events WHERE id = {strike}") \
        == [(5, 2)]
    for cluster, mentions in before.items():  # what was stored keeps its event
        assert mentions <= after[cluster]


@pytest.mark.issue(9)
def test_clusters_ingest_twice_changes_nothing(db):
    tables = ("SELECT * FROM events ORDER BY id",
              "SELECT event_id, cluster_id FROM mentions ORDER BY event_id",
              "SELECT id, copy_of FROM articles ORDER BY id",
              "SELECT * FROM article_bands ORDER BY ALL")
    before = [rows(db, sql) for sql in tables]
    result = ingest(db, DAY1, DAY2)
    assert "6 already stored" in result.output
    assert [rows(db, sql) for sql in tables] == before


@pytest.mark.issue(9)
def test_clusters_events_command_shows_events_and_mentions(db):
    def listed(*options):
        result = runner.invoke(app, ["events", "--db", str(db), "-f", "jsonl", *options])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]
    events = listed()
    assert sorted(e["cluster_id"] for e in events) == [1, 2, 3, 4, 5]
    strike = next(e for e in events if e["cluster_id"] == 1)
    assert (strike["num_mentions"], strike["num_articles"], strike["num_sources"],
            strike["first_date"], strike["last_date"]) == (5, 2, 2, "2024-03-21", "2024-03-21")
    # the representative is the wire story's headline
    assert (strike["article_id"], strike["sentence_index"]) == ("kyiv-wire", 0)
    mentions = listed("--mentions")
    assert len(mentions) == 12 and {m["cluster_id"] for m in mentions} == {1, 2, 3, 4, 5}
    # filters work on both: a filter on the target's country
    assert {e["cluster_id"] for e in listed("--target", "CHN")} == {3}
    assert {(m["article_id"], m["sentence_index"]) for m in listed("--target", "CHN",
                                                                 "--mentions")} == \
        {("beijing-talks", 0), ("beijing-talks", 1)}  # hosting is China's act on the US
    assert {e["cluster_id"] for e in listed("--root", "19", "--since", "2024-03-21",
                                            "--until", "2024-03-21")} == {1, 5}


@pytest.mark.issue(9)
def test_clusters_analyses_count_events(db):
    result = runner.invoke(app, ["dyads", "--db", str(db), "--source", "RUS", "--target",
                                 "UKR", "--by", "day", "--format", "csv"])
    assert result.stdout.splitlines()[1].split(",")[:2] == ["2024-03-21", "2"]
    result = runner.invoke(app, ["dyads", "--db", str(db), "--source", "RUS", "--target",
                                 "UKR", "--by", "day", "--format", "csv", "--mentions"])
    assert result.stdout.splitlines()[1].split(",")[:2] == ["2024-03-21", "6"]
    timeline = runner.invoke(app, ["timeline", "--db", str(db), "--cameo", "19",
                                   "--format", "jsonl"])
    first = json.loads(timeline.stdout.splitlines()[0])
    # both strikes of the day: three articles (the copy once), six mentions
    assert (first["articles"], first["mentions"]) == (3, 6)


@pytest.mark.issue(9)
def test_clusters_store_made_before_clusters_is_clustered_on_upgrade(db, tmp_path):
    old = tmp_path / "old.duckdb"
    old.write_bytes(db.read_bytes())
    con = duckdb.connect(str(old))
    con.execute("DELETE FROM _tidings_migrations WHERE name = 'm007_event_clusters'")
    con.execute("DROP TABLE events")
    con.execute("DROP TABLE article_bands")
    con.execute("ALTER TABLE mentions DROP COLUMN cluster_id")
    con.execute("ALTER TABLE articles DROP COLUMN copy_of")
    con.execute("ALTER TABLE articles DROP COLUMN minhash")
    con.close()
    open_store(old).close()  # opening for writing upgrades it
    assert sorted(map(sorted, clusters(old).values())) == \
        sorted(map(sorted, clusters(db).values()))
    assert rows(old, "SELECT id, copy_of FROM articles WHERE copy_of IS NOT NULL") == [
        ("kyiv-copy", "kyiv-wire")]


def mention(event_id, article, day, words, explicit=False):
    return Mention(event_id, article, dt.date(2024, 3, day), explicit, ("RUS", "UKR", "violence"),
                   frozenset(words.split()))


@pytest.mark.issue(9)
@pytest.mark.parametrize("second,joins", [
    (mention("b", "other", 22, "missiles kyiv killing five"), True),  # similar words
    (mention("b", "other", 22, "drones kharkiv power station"), False),  # nothing shared
    (mention("b", "other", 26, "missiles kyiv killing five"), False),  # beyond the window
    (mention("b", "same", 21, "drones kharkiv"), True),  # the same article retells it
    (mention("b", "other", 23, "missiles kyiv killing five", explicit=True), False),  # its day
])
def test_clusters_assign_rules(second, joins):
    settings = load_cluster_settings()
    first = mention("a", "same", 21, "missiles struck kyiv killing five", explicit=True)
    assigned, new, touched = assign_clusters([[first], [second]], [], 7, settings)
    assert (assigned["a"] == assigned["b"]) is joins
    assert assigned["a"] == 7 and touched == {c.id for c in new}


@pytest.mark.issue(9)
def test_clusters_stored_candidate_is_extended_not_renumbered():
    settings = load_cluster_settings()
    stored = Cluster(3, ("RUS", "UKR", "violence"),
                     [mention("a", "old", 21, "missiles struck kyiv killing five")])
    assigned, new, touched = assign_clusters(
        [[mention("b", "new", 22, "missiles kyiv killing five")]], [stored], 4, settings)
    assert assigned == {"b": 3} and new == [] and touched == {3}


@pytest.mark.issue(9)
def test_clusters_bad_settings_row_names_file_and_line(tmp_path):
    for name in ("settings.tsv", "families.tsv", "evidence_stopwords.tsv"):
        (tmp_path / name).write_text((ROOT / "src" / "tidings" / "data" / "cluster" / name)
                                     .read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "families.tsv").open("a", encoding="utf-8") as handle:
        handle.write("protest\t14|19\tno\n")
    with pytest.raises(DictionaryError, match=r"families.tsv:\d+.*'19'"):
        load_cluster_settings(tmp_path)


@pytest.mark.issue(9)
def test_clusters_eval_scores_the_fixture_gold(engine):
    """The fixture's gold file, with a Reuters story resolved from the corpus."""
    result = runner.invoke(app, ["eval", "clusters", str(DATA / "cluster_gold_fixture.jsonl"),
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("articles", "gold_events", "gold_clusters", "matched",
                                   "clusters_found", "stored_events", "gold_copies",
                                   "found_copies", "right_copies")} == {
        "articles": 7, "gold_events": 12, "gold_clusters": 5, "matched": 12,
        "clusters_found": 5, "stored_events": 5, "gold_copies": 1, "found_copies": 1,
        "right_copies": 1}
    assert report["f1"] == report["copy_precision"] == report["copy_recall"] == 1.0


def test_clusters_b_cubed_by_hand():
    from tidings.eval.clusters import b_cubed
    # one predicted event holds gold A twice and gold B once
    precision, recall, f1 = b_cubed([("A", 1), ("A", 1), ("B", 1)])
    assert (precision, recall) == (pytest.approx(5 / 9), 1.0)
    assert f1 == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))
    # gold A split over two events
    assert b_cubed([("A", 1), ("A", 2)])[:2] == (1.0, 0.5)


def test_clusters_eval_bad_gold_line_is_one_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x", "origin": "voa", "date": "2024-01-01", "voa_id": "nope"}\n')
    result = subprocess.run([sys.executable, "-c", "from tidings.cli import main; main()",
                             "eval", "clusters", str(gold)], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"Error: {gold}:1: no VOA story 'nope'"


@pytest.mark.issue(9)
def test_clusters_explain_takes_an_events_number(db):
    (representative,), = rows(db, "SELECT representative FROM events WHERE id = 1")
    result = runner.invoke(app, ["explain", "--event", "1", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"stored event {representative} (kyiv-wire, 2024-03-21)")

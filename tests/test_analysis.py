"""The analysis commands driven for real: timeline, dyads, network, sql, and their plots.

Expected values are computed independently, in Python from the events table, or written
out by hand for a small synthetic store."""
import csv
import datetime as dt
import io
import json
import struct
from collections import Counter, defaultdict

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.analysis import plots
from tidings.cli import app
from tidings.model import Actor, Article, Event
from tidings.store import open_store

from .conftest import EXAMPLE, ROOT

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, engine):
    """The bundled examples and the shared example, ingested by the CLI."""
    path = tmp_path_factory.mktemp("analysis") / "examples.duckdb"
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), str(EXAMPLE), "--db",
                                 str(path)])
    assert result.exit_code == 0, result.output
    return path


ACTORS = {code: Actor(text=code, code=code, country=None if code.startswith("IGO") else code[:3])
          for code in ("RUSGOV", "UKRGOV", "TURGOV", "PAKCOP", "PAKCVL", "IGOUNO")}


def mention(article: Article, index: int, source: str, target: str, cameo: str,
            quad_class: int, goldstein: float, *, sentence: str, symmetric: bool = False
            ) -> Event:
    return Event(article_id=article.id, sentence_index=index, sentence=sentence,
                 date=article.date, source=ACTORS[source], target=ACTORS[target], cameo=cameo,
                 cameo_root=cameo[:2], plover=None, plover_mode=None, quad_class=quad_class,
                 goldstein=goldstein, rule="test", in_headline=index == 0,
                 symmetric=symmetric)


def article(day: str, title: str) -> Article:
    return Article.create(date=dt.date.fromisoformat(day), title=title, text=title)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A store whose counts are known by hand (see each test)."""
    path = tmp_path_factory.mktemp("synthetic") / "s.duckdb"
    a1 = article("2024-03-04", "Russia struck Ukraine.")
    a2 = article("2024-03-04", "Russian missiles hit Kyiv.")
    a3 = article("2024-03-06", "Ukraine and Russia met in Istanbul.")
    a4 = article("2024-04-10", "Russia sent aid to Ukraine.")
    a5 = article("2025-01-15", "The UN accused Russia.")
    batch = [
        (a1, [mention(a1, 0, "RUSGOV", "UKRGOV", "190", 4, -10.0, sentence=a1.title),
              mention(a1, 1, "UKRGOV", "RUSGOV", "111", 3, -2.0,
                      sentence="Ukraine condemned the strike.")]),
        (a2, [mention(a2, 0, "RUSGOV", "UKRGOV", "195", 4, -10.0, sentence=a2.title)]),
        (a3, [mention(a3, 0, "UKRGOV", "RUSGOV", "040", 1, 1.0, sentence=a3.title,
                      symmetric=True)]),
        (a4, [mention(a4, 0, "RUSGOV", "UKRGOV", "073", 2, 7.4, sentence=a4.title),
              mention(a4, 1, "TURGOV", "RUSGOV", "051", 1, 3.4,
                      sentence="Turkey praised the Russian aid."),
              mention(a4, 2, "PAKCOP", "PAKCVL", "173", 4, -5.0,
                      sentence="Pakistani police arrested protesters.")]),
        (a5, [mention(a5, 0, "IGOUNO", "RUSGOV", "112", 3, -2.0, sentence=a5.title)]),
    ]
    with open_store(path) as store:
        store.write(batch)
    return path


def events_rows(path, columns, table="mentions"):
    """Rows of `table`: mentions, or events (whose row holds its representative's dyad,
    code and scores)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        cursor = con.execute(f"SELECT {', '.join(columns)} FROM {table}")
        return [dict(zip(columns, row)) for row in cursor.fetchall()]
    finally:
        con.close()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def csv_rows(output):
    return list(csv.DictReader(io.StringIO(output)))


def png_size(path):
    """Width and height from the PNG signature and IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    return struct.unpack(">II", header[16:24])


# --- dyads -----------------------------------------------------------------------------

def test_analysis_dyads_synthetic_counts_by_hand(synthetic):
    result = invoke("dyads", "--db", synthetic, "--source", "RUS", "--target", "UKR",
                    "--by", "month", "--format", "csv")
    assert result.exit_code == 0, result.output
    # March: two strikes (material conflict, -10 each) and the meeting Ukraine named
    # first (symmetric: it counts for RUS -> UKR too); April: the aid
    assert [(r["period"], r["events"], r["verbal_cooperation"], r["material_cooperation"],
             r["verbal_conflict"], r["material_conflict"], r["goldstein_sum"],
             r["goldstein_mean"], r["material_conflict_share"]) for r in csv_rows(result.stdout)
            ] == [("2024-03-01", "3", "1", "0", "0", "2", "-19.0", "-6.3333", "0.6667"),
                  ("2024-04-01", "1", "0", "1", "0", "0", "7.4", "7.4", "0.0")]
    week = invoke("dyads", "--db", synthetic, "--source", "RUS", "--target", "UKR", "--by",
                  "week", "--format", "jsonl")
    assert [(r["period"], r["events"]) for r in map(json.loads, week.stdout.splitlines())] == [
        ("2024-03-04", 3), ("2024-04-08", 1)]  # ISO weeks start on Monday


def test_analysis_dyads_country_takes_either_direction_once(synthetic):
    result = invoke("dyads", "--db", synthetic, "--country", "Ukraine", "--by", "year",
                    "--format", "csv")
    # 2024: 190, 111, 195, 040 (once, though symmetric), 073
    assert [(r["period"], r["events"], r["material_conflict"]) for r in
            csv_rows(result.stdout)] == [("2024-01-01", "5", "2")]


def independent_series(path, keep, period, table):
    """Per period: count by QuadClass and Goldstein values of the rows `keep` selects,
    each symmetric row also taken the other way round."""
    rows = events_rows(path, ["date", "source_country", "target_country", "quad_class",
                              "goldstein", "is_symmetric"], table)
    swapped = [{**r, "source_country": r["target_country"],
                "target_country": r["source_country"]} for r in rows if r["is_symmetric"]]
    series = defaultdict(list)
    for row in rows + swapped:
        if keep(row):
            series[period(row["date"])].append(row)
    return {day.isoformat(): (len(found), Counter(r["quad_class"] for r in found),
                              sum(r["goldstein"] for r in found))
            for day, found in sorted(series.items())}


@pytest.mark.parametrize("options,keep,period", [
    (["--source", "RUS", "--target", "SYR", "--by", "day"],
     lambda r: (r["source_country"], r["target_country"]) == ("RUS", "SYR"), lambda d: d),
    (["--source", "TUR", "--target", "CHN", "--by", "month"],
     lambda r: (r["source_country"], r["target_country"]) == ("TUR", "CHN"),
     lambda d: d.replace(day=1)),
    (["--source", "CHN", "--by", "year"], lambda r: r["source_country"] == "CHN",
     lambda d: dt.date(d.year, 1, 1)),
])
@pytest.mark.parametrize("table", ["events", "mentions"])
def test_analysis_dyads_equal_a_count_in_python(db, options, keep, period, table):
    flag = ["--mentions"] if table == "mentions" else []
    result = invoke("dyads", "--db", db, "--format", "csv", *options, *flag)
    assert result.exit_code == 0, result.output
    got = {r["period"]: (int(r["events"]), Counter({n: int(r[c]) for n, c in enumerate(
        ("verbal_cooperation", "material_cooperation", "verbal_conflict",
         "material_conflict"), start=1) if int(r[c])}), float(r["goldstein_sum"]))
           for r in csv_rows(result.stdout)}
    expected = independent_series(db, keep, period, table)
    assert got.keys() == expected.keys() and got
    for day, (events, by_class, goldstein_sum) in expected.items():
        assert got[day][:2] == (events, by_class)
        assert got[day][2] == pytest.approx(goldstein_sum, abs=1e-4)


def test_analysis_dyads_dataframe_is_the_csv(db):
    import tidings
    frame = tidings.dyads_dataframe(db, source="RUS", target="SYR", by="day")
    result = invoke("dyads", "--db", db, "--source", "RUS", "--target", "SYR", "--by", "day",
                    "--format", "csv")
    rows = csv_rows(result.stdout)
    assert [d.date().isoformat() for d in frame["period"]] == [r["period"] for r in rows]
    assert list(frame["events"]) == [int(r["events"]) for r in rows]
    assert list(frame["goldstein_mean"]) == [float(r["goldstein_mean"]) for r in rows]


@pytest.mark.issue(9)
def test_analysis_counts_events_and_mentions_on_request(db):
    """The examples retell their headlines: fewer events than mentions."""
    def total(*flag):
        rows = csv_rows(invoke("dyads", "--db", db, "--by", "year", "--format", "csv",
                               *flag).stdout)
        return sum(int(r["events"]) for r in rows)
    events, mentions = len(events_rows(db, ["id"], "events")), len(events_rows(db, ["event_id"]))
    assert total() == events < mentions == total("--mentions")


# --- network ---------------------------------------------------------------------------

def independent_network(path, level, table):
    rows = events_rows(path, ["source_code", "target_code", "source_country",
                              "target_country", "goldstein", "is_symmetric"], table)

    def node(row, side):
        return row[f"{side}_code"] if level == "actor" else (
            row[f"{side}_country"] or row[f"{side}_code"])
    dyads = defaultdict(list)
    for row in rows:
        pairs = [(node(row, "source"), node(row, "target"))]
        if row["is_symmetric"]:
            pairs.append(pairs[0][::-1])
        for source, target in pairs:
            if source != target:
                dyads[source, target].append(row["goldstein"])
    return sorted(((s, t, len(g), sum(g) / len(g)) for (s, t), g in dyads.items()),
                  key=lambda d: (-d[2], d[0], d[1]))


@pytest.mark.parametrize("table", ["events", "mentions"])
@pytest.mark.parametrize("level", ["country", "actor"])
def test_analysis_network_equals_a_count_in_python(db, level, table):
    flag = ["--mentions"] if table == "mentions" else []
    result = invoke("network", "--db", db, "--level", level, "--top", "8", "--format", "csv",
                    *flag)
    assert result.exit_code == 0, result.output
    got = [(r["source"], r["target"], int(r["events"]), float(r["goldstein_mean"]))
           for r in csv_rows(result.stdout)]
    expected = independent_network(db, level, table)[:8]
    assert [g[:3] for g in got] == [e[:3] for e in expected] and len(got) == 8
    assert [g[3] for g in got] == pytest.approx([e[3] for e in expected], abs=1e-4)


def test_analysis_network_edge_is_the_dyad_series_total(synthetic):
    """A dyad's edge counts what `dyads` counts for it; PAK on PAK is no edge."""
    network = csv_rows(invoke("network", "--db", synthetic, "--format", "csv").stdout)
    assert [(r["source"], r["target"], r["events"]) for r in network] == [
        ("RUS", "UKR", "4"), ("UKR", "RUS", "2"), ("IGOUNO", "RUS", "1"), ("TUR", "RUS", "1")]
    series = csv_rows(invoke("dyads", "--db", synthetic, "--source", "RUS", "--target", "UKR",
                             "--by", "year", "--format", "csv").stdout)
    assert sum(int(r["events"]) for r in series) == 4


def test_analysis_network_graphml_round_trips(synthetic, tmp_path):
    import networkx as nx
    result = invoke("network", "--db", synthetic, "--format", "graphml")
    assert result.exit_code == 0, result.output
    (tmp_path / "n.graphml").write_text(result.stdout)
    graph = nx.read_graphml(tmp_path / "n.graphml")
    assert graph.is_directed() and graph["RUS"]["UKR"]["events"] == 4
    assert graph["RUS"]["UKR"]["goldstein_mean"] == pytest.approx((-10 - 10 + 1 + 7.4) / 4,
                                                                  abs=1e-4)


# --- timeline --------------------------------------------------------------------------

def test_analysis_timeline_synthetic_salience(synthetic):
    result = invoke("timeline", "--db", synthetic, "--actor", "RUS")
    assert result.exit_code == 0, result.output
    # 2024-03-04: the two strike headlines are one key event (RUS-UKR, root 19, two
    # articles) shown by the first article's headline, before Ukraine's condemnation
    lines = result.stdout.splitlines()
    strike = min(("Russia struck Ukraine.", "Russian missiles hit Kyiv."),
                 key=lambda t: article("2024-03-04", t).id)
    assert lines == [f"date 2024-03-04 {strike}",
                     "date 2024-03-04 Ukraine condemned the strike.",
                     "date 2024-03-06 Ukraine and Russia met in Istanbul.",
                     "date 2024-04-10 Russia sent aid to Ukraine.",
                     "date 2024-04-10 Turkey praised the Russian aid.",
                     "date 2025-01-15 The UN accused Russia."]
    per_day = invoke("timeline", "--db", synthetic, "--actor", "RUS", "--per-day", "1")
    assert [line[5:15] for line in per_day.stdout.splitlines()] == [
        "2024-03-04", "2024-03-06", "2024-04-10", "2025-01-15"]
    # overall, the strikes (two articles) come first; |Goldstein| ranks the rest
    top = invoke("timeline", "--db", synthetic, "--max", "2", "--format", "jsonl")
    assert [(r["date"], r["articles"], r["goldstein"]) for r in
            map(json.loads, top.stdout.splitlines())] == [("2024-03-04", 2, -10.0),
                                                          ("2024-04-10", 1, 7.4)]


@pytest.mark.parametrize("options,sql", [
    (["--actor", "SYR", "--with", "RUS"],
     "(source_country = 'SYR' AND target_country = 'RUS') OR "
     "(source_country = 'RUS' AND target_country = 'SYR')"),
    (["--actor", "Syria"], "'SYR' IN (source_country, target_country)"),
    (["--query", "GRATITUDE"], "sentence ILIKE '%gratitude%'"),
    (["--cameo", "19"], "cameo_root = '19'"),
    (["--plover", "ASSAULT"], "plover = 'ASSAULT'"),
    (["--since", "2023-01-01", "--until", "2023-12-31"], "year(date) = 2023"),
])
def test_analysis_timeline_filters_mean_what_they_say(db, options, sql):
    result = invoke("timeline", "--db", db, "--format", "jsonl", "--mentions", *options)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert {e["event_id"] for e in events} == independent_key_events(db, sql)


def independent_key_events(path, sql):
    """The event ids shown for the mentions passing `sql`: per day, dyad (a symmetric
    one either way round) and root, its headline else its strongest mention; a sentence
    once, for its most salient group."""
    con = duckdb.connect(str(path), read_only=True)
    columns = ["event_id", "date", "article_id", "sentence_index", "in_headline", "goldstein",
               "cameo_root", "is_symmetric", "source_country", "source_code",
               "target_country", "target_code"]
    rows = [dict(zip(columns, r)) for r in con.execute(
        f"SELECT {', '.join(columns)} FROM mentions WHERE {sql}").fetchall()]
    con.close()
    groups = defaultdict(list)
    for row in rows:
        dyad = (row["source_country"] or row["source_code"],
                row["target_country"] or row["target_code"])
        groups[row["date"], tuple(sorted(dyad)) if row["is_symmetric"] else dyad,
               row["cameo_root"]].append(row)
    shown = {}
    for group in groups.values():
        pick = min(group, key=lambda r: (not r["in_headline"], -abs(r["goldstein"]),
                                         r["article_id"], r["sentence_index"], r["event_id"]))
        salience = (-len({r["article_id"] for r in group}), -len(group),
                    -max(abs(r["goldstein"]) for r in group),
                    -sum(r["in_headline"] for r in group),
                    pick["article_id"], pick["sentence_index"], pick["event_id"])
        sentence = (pick["date"], pick["article_id"], pick["sentence_index"])
        shown[sentence] = min(shown.get(sentence, (salience, pick)), (salience, pick),
                              key=lambda s: s[0])
    return {pick["event_id"] for _, pick in shown.values()}


def test_analysis_timeline_text_is_the_example_first_line(db):
    options = ["--db", db, "--actor", "RUS", "--with", "SYR"]
    lines = invoke("timeline", *options).stdout.splitlines()
    records = [json.loads(line) for line in
               invoke("timeline", *options, "--format", "jsonl").stdout.splitlines()]
    assert lines == [f"date {r['date']} {r['sentence']}" for r in records] and lines
    # the example's first line is its headline: the key event of its dyad and root
    headline = invoke("timeline", *options, "--cameo", "05", "--per-day", "1").stdout
    assert headline.splitlines() == [EXAMPLE.read_text().splitlines()[0].strip()]
    thanks = invoke("timeline", "--db", db, "--query", "gratitude", "--format", "markdown")
    assert thanks.stdout.startswith("- **2024-03-24** ") and "gratitude" in thanks.stdout


# --- plots -----------------------------------------------------------------------------

def recorded(monkeypatch, name):
    """Wrap plots.`name` so that a test sees what the CLI drew."""
    drawn = []
    real = getattr(plots, name)

    def record(*args, **kwargs):
        drawn.append(real(*args, **kwargs))
        return drawn[-1]
    monkeypatch.setattr(plots, name, record)
    return drawn


def test_analysis_dyads_plot_draws_the_csv(db, tmp_path, monkeypatch):
    drawn = recorded(monkeypatch, "plot_dyad_series")
    path = tmp_path / "dyads.png"
    result = invoke("dyads", "--db", db, "--country", "SYR", "--by", "month", "--format",
                    "csv", "--plot", path)
    assert result.exit_code == 0, result.output
    assert png_size(path) == tuple(n * plots.DPI for n in plots.SERIES_SIZE)
    rows = csv_rows(result.stdout)
    (plotted,) = drawn
    assert [d.isoformat() for d in plotted["period"]] == [r["period"] for r in rows]
    for column in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                   "material_conflict"):
        assert plotted[column] == [int(r[column]) for r in rows]
    assert plotted["goldstein_mean"] == [float(r["goldstein_mean"]) for r in rows]


def test_analysis_network_plot_draws_the_csv(db, tmp_path, monkeypatch):
    drawn = recorded(monkeypatch, "plot_network")
    path = tmp_path / "network.png"
    result = invoke("network", "--db", db, "--top", "6", "--format", "csv", "--plot", path)
    assert result.exit_code == 0, result.output
    assert png_size(path) == tuple(n * plots.DPI for n in plots.NETWORK_SIZE)
    assert sorted(drawn[0]) == sorted(
        (r["source"], r["target"], int(r["events"]), float(r["goldstein_mean"]))
        for r in csv_rows(result.stdout))


def test_analysis_timeline_plot_draws_the_csv(db, tmp_path, monkeypatch):
    drawn = recorded(monkeypatch, "plot_timeline")
    path = tmp_path / "timeline.svg"
    result = invoke("timeline", "--db", db, "--per-day", "1", "--format", "csv", "--plot",
                    path)
    assert result.exit_code == 0, result.output
    assert path.read_text().lstrip().startswith("<?xml") and "<svg" in path.read_text()
    assert [(d.isoformat(), q) for d, q, _ in drawn[0]] == [
        (r["date"], int(r["quad_class"])) for r in csv_rows(result.stdout)]


def test_analysis_plots_of_nothing_are_still_pictures(synthetic, tmp_path):
    for command, size in (("dyads", plots.SERIES_SIZE), ("network", plots.NETWORK_SIZE),
                          ("timeline", plots.TIMELINE_SIZE)):
        path = tmp_path / f"{command}.png"
        result = invoke(command, "--db", synthetic, "--since", "2099-01-01", "--plot", path)
        assert result.exit_code == 0, result.output
        assert png_size(path) == tuple(n * plots.DPI for n in size)


# --- sql -------------------------------------------------------------------------------

def test_analysis_sql_reads(db):
    result = invoke("sql", "--db", db, "SELECT cameo_root, count(*) AS n FROM mentions "
                    "GROUP BY ALL ORDER BY n DESC, cameo_root", "--format", "csv")
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    expected = con.execute("SELECT cameo_root, count(*) FROM mentions GROUP BY ALL "
                           "ORDER BY 2 DESC, 1").fetchall()
    con.close()
    assert [(r["cameo_root"], int(r["n"])) for r in csv_rows(result.stdout)] == expected
    jsonl = invoke("sql", "--db", db, "SELECT min(date) AS first FROM mentions", "-f", "jsonl")
    assert json.loads(jsonl.stdout) == {"first": "2019-03-16"}


@pytest.mark.parametrize("statement,reason", [
    ("DELETE FROM mentions", "refused, a DELETE statement"),
    ("DROP TABLE mentions", "refused, a DROP statement"),
    ("COPY events TO 'out.csv'", "refused, a COPY statement"),
    ("SELECT 1; DELETE FROM mentions", "give one statement, not 2"),
    ("SELEC 1", "syntax error"),
    ("SELECT * FROM mentons", 'Did you mean "mentions"'),
])
def test_analysis_sql_refuses_writes_in_one_line(db, statement, reason):
    before = events_rows(db, ["event_id"])
    result = invoke("sql", "--db", db, statement)
    assert result.exit_code == 1 and reason in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert events_rows(db, ["event_id"]) == before


# --- errors and help -------------------------------------------------------------------

@pytest.mark.parametrize("args,code,message", [
    (["dyads", "--db", "{tmp}/none.duckdb"], 1, "none.duckdb: no such database"),
    (["timeline", "--db", "{tmp}/none.duckdb"], 1, "none.duckdb: no such database"),
    (["sql", "SELECT 1", "--db", "{tmp}/none.duckdb"], 1, "none.duckdb: no such database"),
    (["timeline", "--actor", "Syrai"], 2, "did you mean Syria"),
    (["timeline", "--with", "RUS"], 2, "--with 'RUS' needs --actor"),
    (["dyads", "--country", "Ukrane"], 2, "unknown country 'Ukrane'; did you mean Ukraine"),
    (["network", "--plover", "FOO"], 2, "unknown PLOVER type 'FOO'"),
    (["dyads", "--by", "fortnight"], 2, "'fortnight'; choose one of day, week, month, year"),
    (["network", "--level", "region"], 2, "'region'; choose one of country, actor"),
    (["network", "--format", "gexf"], 2, "'gexf'; choose one of table, csv, graphml"),
    (["timeline", "--per-day", "0"], 2, "--per-day"),
    (["dyads", "--plot", "{tmp}/d.jpg"], 2, "unknown plot type '.jpg'"),
    (["network", "--plot", "{tmp}/no/such/n.png"], 1, "n.png: folder"),
    (["timeline", "--plot", "{tmp}"], 2, "unknown plot type"),
])
def test_analysis_bad_input_is_one_clear_line(db, tmp_path, args, code, message):
    args = [a.format(tmp=tmp_path) for a in args]
    if "--db" not in args:
        args += ["--db", str(db)]
    result = invoke(*args)
    assert result.exit_code == code, result.output
    assert message in " ".join(result.output.split()) and "Traceback" not in result.output
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1


def test_analysis_unwritable_plot_is_one_line(db, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        result = invoke("network", "--db", db, "--plot", folder / "n.png")
    finally:
        folder.chmod(0o700)
    if result.exit_code == 0:
        pytest.skip("running as a user who can write anywhere")
    assert result.exit_code == 1 and "n.png: cannot write" in result.stderr


def test_analysis_plot_write_failure_is_one_line(db, tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(Figure, "savefig", full_disk)
    result = invoke("dyads", "--db", db, "--plot", tmp_path / "d.png")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'd.png'}: cannot write (No space " \
                                    "left on device)"


@pytest.mark.parametrize("command", ["timeline", "dyads", "network", "sql"])
def test_analysis_every_command_has_help_with_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "tidings " + command in result.output


# --- docs ------------------------------------------------------------------------------

def test_analysis_schema_doc_names_every_table_and_column(tmp_path):
    open_store(tmp_path / "blank.duckdb").close()  # every migration applied
    con = duckdb.connect(str(tmp_path / "blank.duckdb"), read_only=True)
    columns = con.execute("SELECT table_name, column_name FROM information_schema.columns"
                          ).fetchall()
    con.close()
    doc = (ROOT / "docs" / "schema.md").read_text()
    sections = {table: doc.split(f"## `{table}`")[1].split("\n## ")[0]
                for table in {t for t, _ in columns}}
    missing = [f"{t}.{c}" for t, c in columns if f"`{c}`" not in sections[t]]
    assert not missing


def test_analysis_readme_queries_run(db):
    import re
    queries = re.findall(r'tidings sql "(.*?)"', (ROOT / "README.md").read_text(), re.S)
    queries = [q for q in queries if "..." not in q]  # "SELECT ..." in prose
    assert len(queries) >= 4
    for query in queries:
        result = invoke("sql", " ".join(query.split()), "--db", db, "--format", "csv")
        assert result.exit_code == 0, (query, result.output)
        assert len(result.stdout.splitlines()) >= 2, query  # a header and a row

"""Event dates: relative time words read against the article date with the clause's
tense, with their precision and whether they refer back (tests/data/event_dates.tsv)."""
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.errors import TidingsError
from tidings.tables import read_tsv

runner = CliRunner()

EVENT_DATES = Path(__file__).parent / "data" / "event_dates.tsv"
ROWS = [row for _, row in read_tsv(EVENT_DATES, ("sentence", "article_date", "date",
                                                 "precision", "historical"))]


def test_event_dates_cover_many_sentences():
    assert len(ROWS) >= 60


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['sentence']} {r['article_date']}")
def test_event_date_from_time_words(code, row):
    events = code(row["sentence"], date=row["article_date"])
    assert events, "the sentence must give an event"
    event = events[0]
    assert (event.date.isoformat(), event.date_precision, event.historical) == (
        row["date"], row["precision"], row["historical"] == "true")
    if event.date_text is not None:  # quoted as written: "on Friday night"
        assert event.date_text in row["sentence"]


def test_event_without_time_words_has_the_article_date(code):
    [event] = code("Russia condemned Ukraine.", date="2024-03-27")
    assert (event.date.isoformat(), event.date_text, event.date_precision, event.historical) == (
        "2024-03-27", None, "day", False)


@pytest.mark.parametrize("text,date_text", [
    ("Russia invaded Ukraine in 2014.", "in 2014"),
    ("Israel struck Gaza two days ago.", "two days ago"),
    ("Russia shelled Ukraine on Friday night.", "on Friday night"),
    ("Turkey will hold talks with Sweden next Tuesday.", "next Tuesday"),
    # ... and no more: a clause on the time noun is not part of it
    ("Russia shelled Ukraine on Tuesday when the talks began.", "on Tuesday"),
])
def test_event_date_text_quotes_the_whole_phrase(code, text, date_text):
    assert [e.date_text for e in code(text, date="2024-03-27")] == [date_text]


@pytest.mark.issue(9)
@pytest.mark.parametrize("title,text,expected", [
    # "a day after X": X is what the article dated before
    ("", ("Gunmen attacked a concert hall near Moscow on Friday. "
          "Russia accused Ukraine a day after the attack."),
     [("RUSGOV", "UKRGOV", "2024-03-23", "a day after the attack")]),
    # "the same day", "later that day": the day the article told last
    ("", ("India expelled a Canadian diplomat on Monday. Canada expelled an Indian diplomat "
          "the same day."),
     [("INDGOV", "CANGOV", "2024-03-25", "on Monday"),
      ("CANGOV", "INDGOV", "2024-03-25", "the same day")]),
    ("", "Russia attacked Ukraine on Sunday. Later that day Ukraine attacked Russia.",
     [("RUSGOV", "UKRGOV", "2024-03-24", "on Sunday"),
      ("UKRGOV", "RUSGOV", "2024-03-24", "Later that day")]),
    # an event dated relative to its head clause: a day before Monday
    ("", ("Israel and Hamas agreed to a ceasefire on Monday, a day after Israeli strikes "
          "killed 20 people."),
     [("ISRGOV", "PSEREB", "2024-03-25", "on Monday"),
      ("PSEREB", "ISRGOV", "2024-03-25", "on Monday"),
      ("ISRGOV", "ISRCVL", "2024-03-24", "on Monday, a day after")]),
    # a headline without time words takes the date of its retelling in the body
    ("Biden meets Xi in Beijing", "Biden met Xi on Monday in Beijing.",
     [("USAGOV", "CHNGOV", "2024-03-25", "on Monday"),
      ("USAGOV", "CHNGOV", "2024-03-25", "on Monday")]),
    # nor from a background act of the same dyad
    ("Biden meets Xi in Beijing", "Biden met Xi in 2019.",
     [("USAGOV", "CHNGOV", "2024-03-27", None),
      ("USAGOV", "CHNGOV", "2019-01-01", "in 2019")]),
    # in a story of the morning after, undated details are of the lead's day
    ("", "Russia shelled Ukraine on Tuesday. Ukraine accused Russia of war crimes.",
     [("RUSGOV", "UKRGOV", "2024-03-26", "on Tuesday"),
      ("UKRGOV", "RUSGOV", "2024-03-26", "on Tuesday")]),
    # but another act keeps the article date
    ("", "Russia attacked Ukraine on Monday. Egypt condemned Russia.",
     [("RUSGOV", "UKRGOV", "2024-03-25", "on Monday"),
      ("EGYGOV", "RUSGOV", "2024-03-27", None)]),
])
def test_event_dates_read_the_article(code, title, text, expected):
    events = code(text, date="2024-03-27", title=title)
    assert [(e.source.code, e.target.code, e.date.isoformat(), e.date_text)
            for e in events] == expected


def test_time_words_bad_row_names_its_line(tmp_path):
    from tidings.enrich.dates import load_time_words
    from tidings.errors import DictionaryError
    path = tmp_path / "time_words.tsv"
    path.write_text("list\tword\tvalue\nweekdays\tmonday\t0\nweekdays\ttuesday\tone\n",
                    encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"time_words.tsv.*3.*whole-number"):
        load_time_words(path)


def test_time_words_file_is_what_the_coder_reads(engine):
    """Taking a word out of the data file changes the date: the list is not a copy."""
    from tidings.enrich.dates import DateReader, load_time_words
    time_words = load_time_words()
    reader = DateReader(time_words.without("day_offsets"), engine.coder.words)
    doc = engine.nlp("Russia shelled Ukraine yesterday.")
    published = dt.date(2024, 3, 27)
    assert engine.coder.dates.event_date(doc[1], published).day == dt.date(2024, 3, 26)
    assert reader.event_date(doc[1], published).day == published


def test_code_cli_prints_event_dates(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("date 2024-03-27 Russia shelled Ukraine on Monday\n\n"
                       "Turkey will hold talks with Sweden next Tuesday. "
                       "Biden met Xi in 2019.\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(article), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [(r["source"]["code"], r["date"], r["date_text"], r["date_precision"],
             r["historical"]) for r in rows] == [
        ("RUSGOV", "2024-03-25", "on Monday", "day", False),
        ("TURGOV", "2024-04-02", "next Tuesday", "day", False),
        ("USAGOV", "2019-01-01", "in 2019", "year", True)]


DATES_GOLD = Path(__file__).parent / "data" / "dates_gold.jsonl"


def test_eval_dates_cli_scores_the_fixture():
    result = runner.invoke(app, ["eval", "dates", str(DATES_GOLD), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["articles"], report["gold_events"], report["gold_dated"],
            report["pairs_across_sentences"]) == (3, 7, 7, 0)
    assert report["dates"] == {
        "all": {"pairs": 6, "exact": 0.8333, "within_one_day": 0.8333},
        "time_words": {"pairs": 4, "exact": 1.0, "within_one_day": 1.0},
        "context": {"pairs": 1, "exact": 0.0, "within_one_day": 0.0},
        "published": {"pairs": 1, "exact": 1.0, "within_one_day": 1.0}}
    assert report["historical"] == {"tp": 2, "fp": 0, "fn": 1, "precision": 1.0,
                                    "recall": 0.6667}
    assert [(m["article"], m["n"], m["gold"], m["coded"]) for m in report["misses"]] == [
        ("dates-3", 0, "2024-03-20", "2024-03-27")]
    assert report["errors"] == [(f"{DATES_GOLD}:4: bad gold date: date '2024-03-45': "
                                 "day is out of range for month")]


def test_eval_dates_cli_text_and_missing_file(tmp_path):
    result = runner.invoke(app, ["eval", "dates", str(DATES_GOLD), "--brief"])
    assert result.exit_code == 0, result.output
    assert "time_words       4   1.000           1.000" in result.stdout
    assert "(0 of the pairs join events of different sentences)" in result.stdout
    assert "more than one day off" not in result.stdout
    missing = runner.invoke(app, ["eval", "dates", str(tmp_path / "none.jsonl")])
    # a TidingsError: `tidings` prints it as one line and exits 1
    assert isinstance(missing.exception, TidingsError)
    assert str(missing.exception) == f"{tmp_path / 'none.jsonl'}: no such gold file"


def test_eval_dates_cli_several_files_make_one_report():
    result = runner.invoke(app, ["eval", "dates", str(DATES_GOLD), str(DATES_GOLD), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["articles"], report["dates"]["all"]["pairs"], report["historical"]["fn"],
            len(report["misses"]), len(report["errors"])) == (6, 12, 2, 2, 2)


@pytest.mark.issue(9)
def test_ingest_stores_event_dates(tmp_path):
    import duckdb
    article = tmp_path / "story.txt"
    article.write_text("date 2024-03-27 Biden meets Xi in Beijing\n\n"
                       "Biden met Xi on Tuesday in Beijing. Russia invaded Ukraine in 2014.\n",
                       encoding="utf-8")
    db = tmp_path / "news.duckdb"
    result = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT sentence_index, source_code, date, date_text, date_precision,"
                             " historical FROM mentions ORDER BY sentence_index").fetchall()
    assert stored == [
        (0, "USAGOV", dt.date(2024, 3, 26), "on Tuesday", "day", False),  # from its retelling
        (1, "USAGOV", dt.date(2024, 3, 26), "on Tuesday", "day", False),
        (2, "RUSGOV", dt.date(2014, 1, 1), "in 2014", "year", True)]

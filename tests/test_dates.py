"""Event dates: relative time words read against the article date with the clause's
tense, with their precision and whether they refer back (tests/data/event_dates.tsv)."""
from pathlib import Path

import pytest

from tidings.tables import read_tsv

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
])
def test_event_date_text_quotes_the_whole_phrase(code, text, date_text):
    assert [e.date_text for e in code(text, date="2024-03-27")] == [date_text]

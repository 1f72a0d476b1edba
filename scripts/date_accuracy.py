"""How often the coder dates an event right: the share of tests/data/event_dates.tsv
sentences whose first event falls on the expected day, exactly or within one day.

    PYTHONPATH=src .venv/bin/python scripts/date_accuracy.py
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from tidings.api import load
from tidings.model import Article
from tidings.tables import read_tsv

EVENT_DATES = Path(__file__).resolve().parent.parent / "tests" / "data" / "event_dates.tsv"


def main() -> None:
    engine = load(None)
    rows = [row for _, row in read_tsv(EVENT_DATES, ("sentence", "article_date", "date"))]
    exact = near = 0
    for row in rows:
        article = Article.create(date=dt.date.fromisoformat(row["article_date"]), title="",
                                 text=row["sentence"])
        events = engine.code_article(article)
        if not events:
            print(f"no event: {row['sentence']}")
            continue
        off = abs((events[0].date - dt.date.fromisoformat(row["date"])).days)
        exact += off == 0
        near += off <= 1
        if off:
            print(f"{off:+d} days: {row['sentence']} ({row['article_date']})")
    print(f"{len(rows)} sentences: exact {exact / len(rows):.1%}, "
          f"within one day {near / len(rows):.1%}")


if __name__ == "__main__":
    main()

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "2024-03-24-syria-russia-condolences.txt"


@pytest.fixture(scope="session")
def engine():
    from tidings.api import load
    return load(None)


@pytest.fixture()
def code(engine):
    """Code a text on a date and return (source, target, cameo) triples plus the events."""
    from tidings.model import Article

    def run(text: str, date: str = "2024-03-24", title: str = ""):
        article = Article.create(date=dt.date.fromisoformat(date), title=title, text=text)
        return engine.code_article(article)
    return run


def triples(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}

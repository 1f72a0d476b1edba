import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "2024-03-24-syria-russia-condolences.txt"


def pytest_configure(config):
    config.addinivalue_line("markers", "issue(number): a regression test for that issue")


@pytest.fixture(scope="session", autouse=True)
def private_folders(tmp_path_factory):
    """The matcher cache and the bug log of a test run go to its own temp folders, never
    to the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("TIDINGS_CACHE", str(tmp_path_factory.mktemp("cache")))
    mp.setenv("TIDINGS_BUG_LOG", str(tmp_path_factory.mktemp("logs") / "bugs.log"))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def engine():
    from tidings.api import load
    return load(None)


@pytest.fixture()
def db(tmp_path, engine):
    """A store of the bundled examples and the canonical example, ingested by the CLI."""
    from typer.testing import CliRunner

    from tidings.cli import app
    path = tmp_path / "t.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "examples"), str(EXAMPLE),
                                      "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


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


def coded(events, root=False):
    """The exact multiset of (source code, target code, cameo) of events; root=True: cameo root."""
    return Counter((e.source.code, e.target.code if e.target else None,
                    e.cameo_root if root else e.cameo) for e in events)


def bag(*expected):
    """The multiset of the expected (source code, target code, cameo) triples."""
    return Counter(expected)


def wrong(reason: str):
    """Marks a case whose expected events are right and the coder's output is not (yet)."""
    return pytest.mark.xfail(strict=True, reason=reason)

"""The clause classifier: it loads, reads the main clause below a reporting verb, and with
proposals on turns a clause no pattern matched into events whose actors come from the
parse as for a pattern; off (the default) it proposes nothing."""
import datetime as dt

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.coding.proposals import BUNDLED_MODEL, NO_EVENT, main_clause, read_model
from tidings.errors import TidingsError
from tidings.model import Article

runner = CliRunner()
HANDSHAKE = ("U.S. President Donald Trump and North Korean leader Kim Jong Un shook hands "
             "in Singapore on Tuesday.")
HANDSHAKE_DAY = "2018-06-12"


@pytest.fixture()
def proposing(engine, monkeypatch):
    """The shared engine with proposals on, for one test."""
    monkeypatch.setattr(engine.coder, "proposals", read_model(BUNDLED_MODEL))
    return engine


def handshake(engine):
    article = Article.create(date=dt.date.fromisoformat(HANDSHAKE_DAY), title="",
                             text=HANDSHAKE)
    return engine.code_article(article)


def test_bundled_proposal_model_loads_and_is_small():
    model = read_model(BUNDLED_MODEL)
    assert NO_EVENT in model.classes and "19" in model.classes
    assert BUNDLED_MODEL.stat().st_size < 20_000_000
    assert 0.0 < model.threshold < 1.0


def test_bad_proposal_model_is_one_error(tmp_path):
    path = tmp_path / "proposals.json"
    path.write_text('{"classes": ["none", "19"], "bias": [0.1], "weights": {}, '
                    '"threshold": 0.5}', encoding="utf-8")
    with pytest.raises(TidingsError, match="not a proposal model.*do not match"):
        read_model(path)


def test_main_clause_is_below_the_reporting_verb(engine):
    doc = engine.nlp("Officials said the army shelled the village.")
    assert main_clause(next(iter(doc.sents))).text == "shelled"


def test_proposal_codes_a_clause_no_pattern_matched(proposing):
    events = handshake(proposing)
    # a meeting is symmetric: one record, the side named first as source
    assert {(e.source.code, e.target.code, e.cameo, e.symmetric) for e in events} == {
        ("USAGOV", "PRKGOV", "040", True)}
    assert all(e.rule == "learned_proposal" and e.rules[0] == "proposals.learned_proposal"
               and e.trigger == "shook" for e in events)


def test_proposals_are_off_by_default(engine):
    assert engine.coder.proposals is None
    assert handshake(engine) == []


def test_cli_code_proposals_option():
    result = runner.invoke(app, ["code", "-", "--date", HANDSHAKE_DAY, "--format", "jsonl",
                                 "--proposals"], input=HANDSHAKE)
    assert result.exit_code == 0, result.output
    assert result.output.count('"rule": "learned_proposal"') == 1

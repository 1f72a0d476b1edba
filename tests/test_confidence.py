"""The confidence model: it loads, it is what every event's confidence is, and
--min-confidence keeps exactly the events at or above it, in `code`, `ingest` and
`events`, driven through the real CLI and store."""
import json
import os
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.coding.confidence import (
    BUNDLED_MODEL,
    MODEL_ENV,
    ConfidenceModel,
    article_features,
    read_model,
)
from tidings.errors import TidingsError
from tidings.ingest import read_articles
from tidings.model import Article

from .conftest import EXAMPLE, ROOT

runner = CliRunner()


@pytest.fixture(scope="module")
def coded(engine):
    """Every event of the example article, as the coder gives them."""
    article = next(a for a in read_articles([EXAMPLE]) if isinstance(a, Article))
    return article, engine.code_article(article)


@pytest.fixture(scope="module")
def threshold(coded):
    """A threshold that keeps some events of the example and drops others."""
    values = sorted({e.confidence for e in coded[1]})
    assert len(values) >= 3, values
    return values[len(values) // 2]


def test_bundled_model_loads_and_is_small():
    model = read_model(BUNDLED_MODEL)
    assert len(model.weights) > 50
    assert BUNDLED_MODEL.stat().st_size < 1_000_000
    assert 0.0 < model.probability([]) < 1.0


def test_every_confidence_is_the_models_probability(engine, coded):
    article, events = coded
    model = read_model(BUNDLED_MODEL)
    sentences = len(engine.segments(article))
    expected = [model.probability(f) for f in article_features(events, sentences)]
    assert [e.confidence for e in events] == expected
    assert len(set(expected)) > 1  # the model tells events apart


def test_model_probability_is_the_logistic_of_the_weights():
    model = ConfidenceModel(-1.0, {"a": 2.0, "b": 0.5})
    assert model.probability(["a", "b", "unknown"]) == round(1 / (1 + 2.718281828459045 ** -1.5), 3)


@pytest.mark.parametrize("content", ["not json", '{"bias": 0.1}', '{"bias": "x", "weights": {}}',
                                     '{"bias": 0.1, "weights": [1, 2]}'])
def test_bad_model_file_is_one_error(tmp_path, content):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TidingsError, match="not a confidence model") as caught:
        read_model(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_cli_bad_model_file_gives_one_error_line(tmp_path):
    path = tmp_path / "model.json"
    path.write_text("{}", encoding="utf-8")
    env = {**os.environ, MODEL_ENV: str(path), "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", "from tidings.cli import main; main()",
                             "code", str(EXAMPLE), "--format", "jsonl"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}: not a confidence model (KeyError: 'weights')"]


def keys(events):
    return sorted((e["source"]["code"], e["target"]["code"], e["cameo"], e["confidence"])
                  for e in events)


def expected_keys(events, threshold):
    return sorted((e.source.code, e.target.code, e.cameo, e.confidence)
                  for e in events if e.confidence >= threshold)


def test_cli_code_min_confidence_keeps_exactly_those_at_or_above(coded, threshold):
    _, events = coded
    result = runner.invoke(app, ["code", str(EXAMPLE), "--format", "jsonl",
                                 "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    kept = [json.loads(line) for line in result.output.splitlines()]
    assert keys(kept) == expected_keys(events, threshold)
    assert 0 < len(kept) < len(events)


def stored(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT source_code, target_code, cameo, confidence "
                                  "FROM mentions").fetchall())
    finally:
        con.close()


def test_cli_ingest_min_confidence_stores_exactly_those_at_or_above(tmp_path, coded,
                                                                    threshold):
    _, events = coded
    db = tmp_path / "t.duckdb"
    result = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db),
                                 "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    assert stored(db) == expected_keys(events, threshold)


def test_cli_events_min_confidence_filters_the_store(tmp_path, coded, threshold):
    _, events = coded
    db = tmp_path / "t.duckdb"
    assert runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)]).exit_code == 0
    assert stored(db) == expected_keys(events, 0.0)  # stored as the model scored them
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--mentions",
                                 "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    kept = [json.loads(line) for line in result.output.splitlines()]
    assert keys(kept) == expected_keys(events, threshold)


@pytest.mark.parametrize("command", [["code", str(EXAMPLE)], ["ingest", str(EXAMPLE)],
                                     ["events"]])
@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_cli_min_confidence_outside_0_to_1_is_a_usage_error(tmp_path, command, value):
    db = [] if command[0] == "code" else ["--db", str(tmp_path / "t.duckdb")]
    result = runner.invoke(app, command + db + ["--min-confidence", value])
    assert result.exit_code == 2
    assert "--min-confidence" in result.output
    assert not (tmp_path / "t.duckdb").exists()

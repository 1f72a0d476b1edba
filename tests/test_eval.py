"""Gold evaluation: the scorer on hand-made cases, and the bundled coder on the dev set."""
import json

import pytest

from tidings.coding.codes import load_code_table
from tidings.eval.gold import Coding, GoldReport, read_gold, score_article

from .conftest import ROOT


@pytest.fixture(scope="module")
def codes():
    return load_code_table()


def test_eval_levels_score_what_they_promise(codes):
    report = GoldReport()
    gold = [Coding("SYRGOV", "RUSGOV", "018"), Coding("RUSGOV", "SYRGOV", "051")]
    predicted = [Coding("SYRMIL", "RUSGOV", "017"),   # same root and countries: a hit at (a) only
                 Coding("USAGOV", None, "111")]       # a false alarm everywhere
    score_article(report, "x", gold, predicted, codes)
    a, b = report.scores["a"], report.scores["b"]
    assert (a.tp, a.fp, a.fn) == (1, 1, 1)
    assert (b.tp, b.fp, b.fn) == (0, 2, 2)
    # PLOVER: 018 and 017 have no type (root 01), 051 SUPPORT missed, 111 ACCUSE false
    c = report.scores["c"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)
    assert [m[1].cameo for m in report.misses] == ["051"]
    assert [f[1].cameo for f in report.false_alarms] == ["111"]


def test_eval_confusion_pairs_roots_by_actors(codes):
    report = GoldReport()
    score_article(report, "x", [Coding("ISRGOV", "LBNGOV", "190")],
                  [Coding("ISRGOV", "LBNGOV", "111")], codes)
    assert report.confusion[("19", "11")] == 1


@pytest.mark.issue(8)
def test_eval_symmetric_acts_match_in_either_order(codes):
    def symmetric(code):
        return code[:3] in ("040", "041", "044", "046", "057") or code[:2] == "06"
    report = GoldReport()
    gold = [Coding("CMRGOV", "CAFGOV", "042", "s1"),   # a visit ...
            Coding("GHAGOV", "TGOGOV", "046", "s2"),   # talks, coded both ways in one sentence
            Coding("TGOGOV", "GHAGOV", "046", "s2"),
            Coding("ARMGOV", "AZEGOV", "111", "s3")]   # criticism has a direction
    predicted = [Coding("CAFGOV", "CMRGOV", "040", "s1"),  # ... matches a meeting at (a)
                 Coding("TGOGOV", "GHAGOV", "046", "s2"),
                 Coding("AZEGOV", "ARMGOV", "111", "s3")]
    score_article(report, "x", gold, predicted, codes, symmetric)
    a, b = report.scores["a"], report.scores["b"]
    assert (a.tp, a.fp, a.fn) == (2, 1, 1)
    assert (b.tp, b.fp, b.fn) == (1, 2, 2)


def test_eval_bad_gold_line_is_reported(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "date": "2024-01-01", "text": "x", "events": []}\n'
                    '{"id": "b", "date": "2024-02-30", "text": "y"}\n', encoding="utf-8")
    items = read_gold(path)
    assert len(items) == 2
    assert str(items[1]).startswith(f"{path}:2: bad gold record")


def test_eval_dev_set_is_well_formed():
    lines = (ROOT / "eval" / "dev_gold.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) >= 60
    events = [e for r in records for e in r["events"]]
    assert len(events) >= 200
    assert {e["cameo"][:2] for e in events} == {f"{n:02d}" for n in range(1, 21)}
    assert sum(1 for r in records if not r["events"]) >= 10
    for record in records:
        for e in record["events"]:
            assert e["sentence"] in record["title"] or e["sentence"] in record["text"]


@pytest.mark.parametrize("name", ["holdout_gold.jsonl", "test_gold.jsonl", "blind_gold.jsonl"])
def test_eval_other_gold_sets_are_well_formed(name):
    codes = load_code_table()
    records = [json.loads(line) for line in
               (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 30
    for record in records:
        for e in record["events"]:
            assert e["sentence"] in record["title"] or e["sentence"] in record["text"]
            assert e["cameo"] in codes


@pytest.mark.parametrize("name,precision,f1", [
    # the issue's targets on the development set
    ("dev_gold.jsonl", 0.85, 0.80),
    # floors a little under the README figures of the other sets
    ("holdout_gold.jsonl", 0.85, 0.77),
    ("test_gold.jsonl", 0.80, 0.58),
    ("blind_gold.jsonl", 0.72, 0.54),
])
def test_eval_bundled_coder_accuracy_floor(engine, name, precision, f1):
    """Floors under the accuracy quoted in the README (level a), so regressions fail."""
    from tidings.eval.gold import evaluate_gold
    report = evaluate_gold(ROOT / "eval" / name, engine.code_article, engine.codes)
    assert report.scores["a"].precision >= precision
    assert report.scores["a"].f1 >= f1

"""The verb lexicon: idioms code as the codebook says, and `tidings lexicon coverage`
lists exactly the codes no data file produces."""
import csv
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.tables import data_path, read_tsv

from .conftest import coded

EXAMPLES = Path(__file__).parent / "data" / "lexicon_examples.tsv"


def examples():
    """(sentence, date, expected multiset of (source, target, cameo)) per sentence."""
    expected: dict[tuple[str, str], Counter] = {}
    for _, row in read_tsv(EXAMPLES, ("sentence", "date", "source", "cameo", "target")):
        events = expected.setdefault((row["sentence"], row["date"]), Counter())
        if row["cameo"]:
            events[(row["source"], row["target"] or None, row["cameo"])] += 1
    return [(sentence, date, events) for (sentence, date), events in expected.items()]


@pytest.mark.parametrize("sentence,date,expected", examples(), ids=lambda v: str(v)[:50])
def test_lexicon_example_codes_exactly(code, sentence, date, expected):
    assert coded(code(sentence, date)) == expected


def test_lexicon_examples_cover_many_roots():
    roots = {e[2][:2] for _, _, events in examples() for e in events}
    assert len(examples()) >= 150 and len(roots) >= 18


def produced_by_data_files() -> set[str]:
    """The codes the TSV files name, read here without the loader."""
    def column(name, field):
        with data_path("coding", name).open(encoding="utf-8") as handle:
            lines = [line for line in handle if not line.startswith("#") and line.strip()]
        return {row[field] for row in csv.DictReader(lines, delimiter="\t")}
    return (column("verbs.tsv", "cameo") | column("frames.tsv", "cameo")
            | column("noun_events.tsv", "cameo")) - {"---"}


def test_lexicon_coverage_cli_counts_the_codes_without_pattern():
    produced = produced_by_data_files()
    table = [row for _, row in read_tsv(data_path("coding", "cameo.tsv"), ("code", "root"))]
    covered_roots = {row["root"] for row in table if row["code"] in produced}
    missing = [row["code"] for row in table if row["code"] not in produced
               and not (row["code"] == row["root"] and row["root"] in covered_roots)]

    result = CliRunner().invoke(app, ["lexicon", "coverage"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == f"{len(missing)} of {len(table)} codes have no pattern"
    assert [line.split()[0] for line in lines[:-1]] == missing
    assert "0841" in produced and not any(line.startswith("0841 ") for line in lines)


def test_lexicon_coverage_cli_jsonl():
    result = CliRunner().invoke(app, ["lexicon", "coverage", "--format", "jsonl"])
    assert result.exit_code == 0
    table = CliRunner().invoke(app, ["lexicon", "coverage"]).output.strip().splitlines()
    assert len(result.output.strip().splitlines()) == len(table) - 1
    assert CliRunner().invoke(app, ["lexicon", "coverage", "-f", "csv"]).exit_code != 0

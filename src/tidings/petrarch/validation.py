"""Run the PETRARCH validation suite (PETR.UnitTest.records.xml) with Tidings' parser.

The suite names its own dictionaries in <Environment>; each <Sentence> record
gives a date, a category, the text and the expected codings. Tidings parses the
<Text> with spaCy: the <Parse> the suite supplies (the old parser's output) is
only checked to be well formed, as PETRARCH did, never used for coding.

A record passes when the set of (source, target, event) codings equals the
expected set (a missing target is `---`); `noevents` (or no coding at all)
expects none; an `error` record passes when Tidings reports that outcome:
`dateline`, `sentencediscard`, `storydiscard` or `bad_input_parse`.
<Config> records change `require_dyad` and `new_actor_length` for the records
after them; the comma options only shaped PETRARCH's own parse and are ignored.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from .actors import Options
from .coder import PetrarchCoder
from .reader import DictionaryFiles, read_files

NULL = "---"
TAG_RE = re.compile(r"<!--.*?-->|<(Sentence|Config|Environment)\b([^>]*)>(.*?)</\1>|"
                    r"<Config\b([^>]*)>", re.S)
ATTR_RE = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


@dataclass(frozen=True)
class Record:
    """One validation record and what it expects."""

    id: str
    category: str
    date: dt.date
    text: str
    parse: str | None
    expected: frozenset[tuple[str, str, str]]
    error: str | None
    options: Options
    line: int


@dataclass
class Suite:
    path: Path
    files: DictionaryFiles
    records: list[Record]


@dataclass
class Outcome:
    record: Record
    got: frozenset[tuple[str, str, str]]
    error: str | None
    passed: bool
    rules: list[str] = field(default_factory=list)


def _attrs(text: str) -> dict[str, str]:
    return {k: html.unescape(a if a else b) for k, a, b in ATTR_RE.findall(text)}


def _inner(tag: str, body: str) -> str | None:
    m = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", body, re.S)
    return html.unescape(m.group(1)) if m else None


def read_suite(path: str | Path) -> Suite:
    """Read a PETRARCH validation file: its dictionaries and its records, in order."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot read the file: {err.strerror}") from err
    env = re.search(r"<Environment>(.*?)</Environment>", text, re.S)
    if not env:
        raise InputError(str(path), "no <Environment> block naming the dictionaries")

    def dictionary(tag: str, required: bool = True) -> Path | None:
        name = _inner(tag, env.group(1))
        if name is None or not name.strip():
            if required:
                raise InputError(f"{path}:{text[:env.start()].count(chr(10)) + 1}",
                                 f"<Environment> has no <{tag}>")
            return None
        found = path.parent / name.strip()
        if not found.is_file():
            raise InputError(str(path), f"<{tag}> {name.strip()} not found next to the suite")
        return found

    files = DictionaryFiles(verbs=dictionary("Verbfile"), actors=(dictionary("Actorfile"),),
                            agents=dictionary("Agentfile"),
                            discards=dictionary("Discardfile", required=False))
    options = Options()
    records = []
    for m in TAG_RE.finditer(text):
        if m.group(0).startswith("<!--") or m.group(1) == "Environment":
            continue
        line = text.count("\n", 0, m.start()) + 1
        if m.group(1) != "Sentence":
            config = _attrs(m.group(2) if m.group(1) else m.group(4))
            options = _configure(options, config, f"{path}:{line}")
            continue
        attrs, body = _attrs(m.group(2)), m.group(3)
        body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
        try:
            date = dt.datetime.strptime(attrs.get("date", ""), "%Y%m%d").date()
        except ValueError as err:
            raise InputError(f"{path}:{line}", f"record {attrs.get('id')!r}: date "
                             f"{attrs.get('date')!r} is not YYYYMMDD") from err
        expected, error = set(), None
        for coding in re.findall(r"<EventCoding\b([^>]*)>", body):
            a = _attrs(coding)
            if "error" in a:
                error = a["error"]
            elif "eventcode" in a:
                expected.add((a.get("sourcecode", NULL), a.get("targetcode", NULL),
                              a["eventcode"]))
        sentence = " ".join((_inner("Text", body) or "").split())
        records.append(Record(attrs.get("id", f"line-{line}"), attrs.get("category", ""),
                              date, sentence, _inner("Parse", body), frozenset(expected),
                              error, options, line))
    return Suite(path, files, records)


def _configure(options: Options, config: dict[str, str], where: str) -> Options:
    name, value = config.get("option", ""), config.get("value", "")
    if name == "require_dyad":
        return replace(options, require_dyad=value.strip().lower() == "true")
    if name == "new_actor_length":
        try:
            return replace(options, new_actor_length=int(value))
        except ValueError as err:
            raise InputError(where, f"new_actor_length {value!r} is not a number") from err
    return options


def balanced(parse: str) -> bool:
    """Whether a Treebank parse has matching parentheses."""
    depth = 0
    for ch in parse:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def run_suite(suite: Suite, engine_for: Callable, *,
              on_record: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Code every record; `engine_for(dictionaries)` gives a Tidings engine for them."""
    dictionaries = read_files(suite.files, strict=False, origin=str(suite.path))
    engine = engine_for(dictionaries)
    coder: PetrarchCoder = engine.petrarch
    outcomes = []
    texts = [r.text.replace("_", " ") for r in suite.records]  # Treebank-joined words
    for record, doc in zip(suite.records, engine.nlp.pipe(texts)):
        got: set[tuple[str, str, str]] = set()
        error = None
        rules: list[str] = []
        if record.parse is not None and not balanced(record.parse):
            error = "bad_input_parse"
        else:
            for sent in [doc[:]]:  # a record is one sentence, whatever the parser says
                coding = coder.code_record(sent, day=record.date, article_id=record.id,
                                           options=record.options)
                if coding.discard:
                    error = {"story": "storydiscard", "sentence": "sentencediscard"}.get(
                        coding.discard, coding.discard)
                    if coding.discard == "story":
                        got.clear()
                        break
                for e in coding.events:
                    got.add((e.source.code, e.target.code if e.target else NULL, e.cameo))
                    rules.append(e.rule)
        if record.error:
            passed = error == record.error
        else:
            passed = frozenset(got) == record.expected
        outcome = Outcome(record, frozenset(got), error, passed, rules)
        outcomes.append(outcome)
        if on_record:
            on_record(outcome)
    return outcomes


def by_category(outcomes: Iterable[Outcome]) -> list[tuple[str, int, int]]:
    """(category, passed, records) in the order categories first appear."""
    table: dict[str, list[int]] = {}
    for o in outcomes:
        row = table.setdefault(o.record.category, [0, 0])
        row[0] += o.passed
        row[1] += 1
    return [(c, p, n) for c, (p, n) in table.items()]


def _codes(codings: Iterable[tuple[str, str, str]]) -> str:
    return ", ".join(" ".join(c) for c in sorted(codings)) or "none"


def markdown_report(outcomes: list[Outcome], *, suite: Path, command: str) -> str:
    """The pass rate, the per-category table and every failing record, as Markdown."""
    passed = sum(o.passed for o in outcomes)
    total = len(outcomes)
    lines = [
        "# PETRARCH validation suite",
        "",
        f"Generated by `{command}`; do not edit by hand.",
        "",
        f"Tidings passes **{passed} of {total} records ({100 * passed / max(total, 1):.1f}%)** "
        f"of `{suite.name}`, coding each record's text with its own spaCy parse and the "
        "suite's own dictionaries. A record passes when the set of (source, target, event) "
        "codings equals the expected set.",
        "",
        "| category | passed | records | rate |",
        "|---|---:|---:|---:|",
    ]
    for category, p, n in by_category(outcomes):
        lines.append(f"| {category} | {p} | {n} | {100 * p / n:.0f}% |")
    lines.append(f"| **all** | **{passed}** | **{total}** | "
                 f"**{100 * passed / max(total, 1):.1f}%** |")
    lines += [
        "",
        "How the suite is run: the dictionaries are the suite's own (`PETR.Validate.*`, named "
        "in its `<Environment>`), read by `tidings.petrarch.reader`; each record's `<Text>` is "
        "parsed by Tidings' spaCy model and coded by `tidings.petrarch.coder`. The `<Parse>` "
        "trees of the old parser are only checked to be balanced (`bad_input_parse`). "
        "`<Config>` records set `require_dyad` and `new_actor_length`; the `comma_*` options "
        "pruned PETRARCH's own parse tree and have no counterpart here.",
        "",
        "Reading the failures: several records expect different codings for the same text "
        "(PETRARCH's answers depended on its parse of each variant), some expect codes that "
        "the suite's dictionaries cannot give (an actor that is commented out, a code that "
        "appears nowhere), and the `COMMA` records depend on the comma pruning above.",
    ]
    failing = [o for o in outcomes if not o.passed]
    if failing:
        lines += ["", "## Records that fail", "",
                  "| record | category | expected | Tidings |", "|---|---|---|---|"]
        for o in failing:
            want = f"error {o.record.error}" if o.record.error else _codes(o.record.expected)
            got = f"error {o.error}" if o.error else _codes(o.got)
            lines.append(f"| {o.record.id} | {o.record.category} | {want} | {got} |")
    return "\n".join(lines) + "\n"

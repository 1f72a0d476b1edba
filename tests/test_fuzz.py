"""Fuzzing: every reader and `tidings.code()` against generated input (Hypothesis), and a
corpus of hostile files through the real CLI.

The properties: nothing raises but the documented error type (readers yield
InputError, never raise; `code` raises only TidingsError), every bad record is one
InputError naming its file, and no good record is lost next to bad ones. Examples are
few and derandomized, so the suite is fast and every run tries the same inputs.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.errors import InputError, TidingsError
from tidings.ingest import read_articles
from tidings.model import Article

ROOT = Path(__file__).resolve().parents[1]
FUZZ = settings(max_examples=150, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DAY = dt.date(2024, 3, 24)

# Text as news has it and as it should not: every script, emoji, control characters,
# bidirectional overrides; no lone surrogates (tested on their own: they become U+FFFD).
WORDS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
HOSTILE = st.sampled_from(["\u202e", "\u200f", "\x00", "\x1b[31m", "\r", "\u2028", "\ufeff",
                           "\U0001f600", "\u0301", "中文", "עברית", "العربية", "\t"])
TEXT = st.lists(st.one_of(WORDS, HOSTILE), min_size=1, max_size=8).map("".join)


def good_record(number: int, title: str, text: str) -> dict:
    """A record that must become an article: its id says which."""
    return {"id": f"good-{number}", "date": "2024-03-24", "title": title,
            "text": f"Body {number}. {text}"}


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | WORDS,
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(WORDS, inner, max_size=3), max_leaves=8)
BAD_DATES = st.sampled_from(["2024-02-30", "2023-13-01", "0000-01-01", "yesterday", "",
                             "02-04-2024", "24/03/24", "9" * 200, "2024-03-24x"])
# a JSON line that is no article: each must give exactly one InputError
BAD_JSON_LINES = st.one_of(
    JSON_VALUES.filter(lambda v: not isinstance(v, dict)).map(json.dumps),
    st.dictionaries(WORDS.filter(lambda k: k.strip().lower() not in (
        "text", "body", "content", "article", "story")), JSON_VALUES, max_size=3).map(json.dumps),
    BAD_DATES.map(lambda d: json.dumps({"date": d, "text": "Russia condemned Ukraine."})),
    JSON_VALUES.filter(lambda v: not isinstance(v, str) and v is not None).map(
        lambda v: json.dumps({"date": "2024-03-24", "text": v})),
    st.integers(1, 3000).map(lambda n: "[" * n),  # deep nesting, never closed
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    WORDS.map(lambda w: '{"text": "' + w.replace('"', "")),  # truncated
    st.just('{"date": "2024-03-24", "text": " \\t "}'),
).map(lambda line: line.encode("utf-8", "surrogatepass"))
# raw bytes of a line: invalid UTF-8 and all (no NUL: one in a file's first 8 KB makes the
# whole file binary, tested in the corpus; no newline: that would be two lines)
BAD_BYTES = st.binary(min_size=1, max_size=60).filter(
    lambda b: b"\n" not in b and b"\0" not in b and b.strip() and not b.strip().startswith(b"{"))


def write(folder: str, name: str, data: bytes) -> Path:
    path = Path(folder) / name
    path.write_bytes(data)
    return path


def split(results: list) -> tuple[list[Article], list[InputError]]:
    for item in results:
        assert isinstance(item, (Article, InputError)), item
    return ([r for r in results if isinstance(r, Article)],
            [r for r in results if isinstance(r, InputError)])


@st.composite
def mixed_lines(draw, bad: st.SearchStrategy = st.one_of(BAD_JSON_LINES, BAD_BYTES)):
    """JSON lines, good and bad in any order: (lines as bytes, good ids in order, bad count)."""
    kinds = draw(st.lists(st.booleans(), min_size=1, max_size=12))
    lines, good = [], []
    for number, is_good in enumerate(kinds):
        if is_good:
            record = good_record(number, draw(TEXT), draw(TEXT))
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8"))
            good.append(record["id"])
        else:
            lines.append(draw(bad))
    return lines, good, len(kinds) - len(good)


@pytest.mark.issue(11)
@FUZZ
@given(mixed_lines(), st.sampled_from([b"\n", b"\r\n"]), st.booleans())
def test_fuzz_jsonl_keeps_every_good_record(case, newline, bom):
    lines, good, bad = case
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, "news.jsonl", (b"\xef\xbb\xbf" if bom else b"")
                     + newline.join(lines) + newline)
        articles, errors = split(list(read_articles([path])))
    assert [a.id for a in articles] == good
    assert all(a.date == DAY for a in articles)
    assert len(errors) == bad  # one line per bad record
    assert all(str(e).startswith(f"{path}:") for e in errors)


@st.composite
def mixed_rows(draw):
    """CSV rows, good and bad: (file bytes, good ids in order, bad count)."""
    out = io.StringIO()
    writer = csv.writer(out)
    columns = draw(st.permutations(["id", "date", "title", "text"]))
    writer.writerow(columns)
    good, bad = [], 0
    for number, is_good in enumerate(draw(st.lists(st.booleans(), min_size=1, max_size=10))):
        record = good_record(number, draw(TEXT), draw(TEXT))
        row = [record[column] for column in columns]
        if is_good:
            good.append(record["id"])
        else:
            bad += 1
            broken = draw(st.sampled_from(["date", "text", "short"]))
            before_text = columns[:columns.index("text")]
            if broken == "short" and before_text:  # cut short before its text column
                row = [f"bad-{number}" if column == "id" else record[column]
                       for column in before_text]
            elif broken == "date":
                row[columns.index("date")] = draw(BAD_DATES)
            else:
                row[columns.index("text")] = draw(st.sampled_from(["", "  ", "\t\r\n"]))
        writer.writerow(row)
    return out.getvalue().encode("utf-8", "surrogatepass"), good, bad


@pytest.mark.issue(11)
@FUZZ
@given(mixed_rows())
def test_fuzz_csv_keeps_every_good_record(case):
    data, good, bad = case
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, "news.csv", data)
        articles, errors = split(list(read_articles([path])))
    assert [a.id for a in articles] == good
    assert len(errors) == bad


@pytest.mark.issue(11)
@FUZZ
@given(st.one_of(TEXT, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))),
       st.booleans(), st.sampled_from(["2024-03-24", "2024-02-30", "24 March 2024", "x"]),
       st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_fuzz_text_file_is_one_article_or_one_error(body, dated, date, encoding):
    head = f"date {date} Headline\n\n" if dated else ""
    data = (head + body).encode(encoding, "replace")
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, "story.txt", data)
        articles, errors = split(list(read_articles([path], default_date=DAY)))
    assert len(articles) + len(errors) == 1
    if dated and date == "2024-03-24" and encoding == "utf-8":
        assert [a.date for a in articles] == [DAY]  # a good file is never lost


TAGS = st.sampled_from(["<p>", "</p>", "<h1>", "</h1>", "<title>", "</title>", "<script>",
                        "</script>", "<!--", "-->", "<![CDATA[", "]]>", "<", ">", "&", "&#0;",
                        "&#xD800;", "&amp;", "<meta property='article:published_time' "
                        "content='2024-02-30'>", "<br/>", "<div", "</", "<!DOCTYPE html>"])


@pytest.mark.issue(11)
@FUZZ
@given(st.lists(st.one_of(TAGS, TEXT), max_size=20).map("".join), st.booleans())
def test_fuzz_html_is_one_article_or_one_error(junk, with_story):
    story = ("<meta name='date' content='2024-03-24'><title>Talks</title>"
             "<p>Russia condemned Ukraine.</p>") if with_story else ""
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, "page.html", (story + junk).encode("utf-8", "surrogatepass"))
        articles, errors = split(list(read_articles([path])))
    assert len(articles) + len(errors) == 1


@pytest.mark.issue(11)
@FUZZ
@given(mixed_lines(bad=BAD_JSON_LINES), st.floats(0, 1))
def test_fuzz_gzip_truncated_anywhere_keeps_what_came_before(case, keep):
    lines, good, _ = case
    packed = gzip.compress(b"\n".join(lines) + b"\n")
    cut = packed[:int(len(packed) * keep)]
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, "news.jsonl.gz", cut)
        articles, errors = split(list(read_articles([path])))
    ids = [a.id for a in articles]
    assert ids == good[:len(ids)]  # what was read is a prefix, in order, of the good ones
    if len(cut) == len(packed):
        assert ids == good
    elif ids != good:  # what the cut lost is said, in one line for the file
        assert any("gzip" in str(e) or "no records" in str(e) for e in errors)


NAMES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"),
                min_size=1, max_size=12).filter(lambda n: not n.startswith(".")
                                                and len(n.encode()) < 100)


@pytest.mark.issue(11)
@FUZZ
@given(st.lists(st.tuples(NAMES, st.booleans(), st.sampled_from(["txt", "jsonl", "csv"]),
                          st.integers(0, 2)), min_size=1, max_size=8,
                unique_by=lambda t: t[0].lower()),
       st.booleans())
def test_fuzz_folder_reads_every_good_file(files, latin1_name):
    with tempfile.TemporaryDirectory() as folder:
        good_ids, good_texts = set(), set()
        for number, (name, is_good, suffix, depth) in enumerate(files):
            where = Path(folder, *[f"d{depth}"] * depth)
            where.mkdir(parents=True, exist_ok=True)
            path = where / f"{name}.{suffix}"
            if not is_good:
                path.write_bytes(b"\xff\xfe\x00junk" if depth else b"")
            elif suffix == "txt":
                path.write_text(f"date 2024-03-24 {name}\n\nBody {name}.", encoding="utf-8")
                good_texts.add(str(path))
            else:
                record = good_record(number, name, name)
                path.write_text(json.dumps(record) if suffix == "jsonl" else
                                f"id,date,text\n{record['id']},2024-03-24,x\n", encoding="utf-8")
                good_ids.add(record["id"])
        if latin1_name:  # a file name that is not UTF-8
            bad_name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
            with open(bad_name, "wb") as handle:
                handle.write(b"date 2024-03-24 Cafe\n\nBody.")
        articles, errors = split(list(read_articles([folder])))
    assert good_ids <= {a.id for a in articles}
    assert good_texts <= {a.origin for a in articles}
    assert len(articles) == len(good_ids) + len(good_texts) + latin1_name
    assert len(errors) == sum(not is_good for _, is_good, _, _ in files)


@pytest.mark.issue(11)
@settings(FUZZ, max_examples=100)
@given(st.lists(st.one_of(TEXT, st.sampled_from([
    "Russia condemned Ukraine", ". ", "said", "the president", "Israel", "\n\n", "attacked",
    "on Monday", "next week", "\"", "he", "Hamas", " and ", "\ud800", "\udcff"])),
    max_size=25).map("".join),
       st.one_of(st.dates().map(dt.date.isoformat), st.sampled_from(["2024-02-30", "", "x"])),
       st.text(max_size=20))
def test_fuzz_code_raises_nothing_but_tidings_errors(engine, text, date, title):
    import tidings
    try:
        events = tidings.code(text, date=date, title=title)
    except TidingsError:
        assert date in ("2024-02-30", "", "x")
        return
    for event in events:
        assert event.sentence and event.source.code
        json.dumps(event.to_dict())  # every event can be written out


# -- a corpus of hostile files, through the real CLI --------------------------------------

def gz_truncated(lines: list[str]) -> bytes:
    """Good lines, then a record of incompressible text, cut in the middle of the
    compressed stream: the cut falls in that last record."""
    filler = json.dumps({"date": "2024-03-24", "text": os.urandom(20_000).hex()})
    packed = gzip.compress("\n".join(lines + [filler]).encode("utf-8"))
    return packed[:len(packed) * 3 // 4]


def story(number: int, text: str = "Russia condemned the Ukrainian government.") -> dict:
    return {"id": f"ok-{number}", "date": "2024-03-24", "title": f"Story {number}",
            "text": text}


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def hostile_corpus(folder: Path) -> set[str]:
    """Write the corpus; RETURNS the ids of the good articles in it."""
    files: dict[str, bytes] = {
        "utf16-bom.txt": "date 2024-03-24 Talks\n\nRussia condemned Ukraine.".encode("utf-16"),
        "utf16-nobom.jsonl": line(story(90)).encode("utf-16-le"),
        "latin1.txt": "date 2024-03-24 Caf\xe9\n\nRussia condemned Ukraine.".encode("latin-1"),
        "binary.jsonl": os.urandom(2000) + b"\0",
        "truncated.jsonl.gz": gz_truncated([line(story(1)), line(story(2))]),
        "not-gzip.jsonl.gz": b"plain text, not gzip\n",
        "unterminated.csv": ("id,date,text\nok-3,2024-03-24,Israel condemned Iran.\n"
                             "bad,2024-03-24,\"Egypt praised Jordan.\n"
                             "ok-4,2024-03-24,Egypt praised Jordan.\n").encode(),
        "duplicate-keys.csv": ("id,date,text,text\n"
                               "ok-5,2024-03-24,ignored,Israel condemned Iran.\n").encode(),
        "duplicate-keys.jsonl": ('{"id": "ok-6", "date": "2024-03-24", "text": "x", '
                                 '"text": "Israel condemned Iran."}\n').encode(),
        "giant-line.jsonl": (json.dumps({"text": "Russia condemned Ukraine. " * 240_000})
                             + "\n" + line(story(7)) + "\n").encode(),
        "giant-sentence.jsonl": (line(story(8, "Russia condemned Ukraine and " * 1500
                                            + "Israel.")) + "\n").encode(),
        "deep.jsonl": ("[" * 100_000 + "\n" + "{" * 50_000 + "\n" + line(story(9))
                       + "\n").encode(),
        "deep.json": ("[" + "[" * 100_000 + "]" * 100_000 + "]").encode(),
        "controls.jsonl": (line(story(10, "Russia\x00 condemned\x1b[31m Ukraine\x07.\r\r"))
                           + "\n" + json.dumps(story(11, "Israel \u0000\u001f condemned "
                                                         "Iran.")) + "\n").encode(),
        "scripts.jsonl": "\n".join(line(story(n, text)) for n, text in (
            (12, "\u202eRussia condemned Ukraine.\u202c \u0645\u0635\u0631 \u05e2\u05d1"),
            (13, "中国谴责日本。 China condemned Japan. 🇨🇳🔥"),
            (14, "Russia condemned Ukraine\u0301\u0301\u0301 🤔🤔 \U000e0041"),
        )).encode(),
        "surrogates.jsonl": ('{"id": "ok-15", "date": "2024-03-24", "text": "Russia condemned '
                             'Ukraine \\ud800 \\udfff."}\n{"id": "\\udc80", "date": '
                             '"2024-03-24", "text": "Iran condemned Israel."}\n').encode(),
        "dates.jsonl": "\n".join(json.dumps({"date": d, "text": "Iran condemned Israel."})
                                 for d in ("2024-02-30", "2023-13-01", "0000-01-01",
                                           "yesterday", "02-04-2024", "1e9")).encode(),
        "far-dates.jsonl": "\n".join(line({**story(n), "date": d, "text": t}) for n, d, t in (
            (16, "0001-01-01", "Russia condemned Ukraine last week."),
            (17, "9999-12-31", "Russia will meet Ukraine next week."),
        )).encode(),
        "empty.txt": b"", "empty.jsonl": b"", "empty.csv": b"", "empty.json": b"",
        "empty.jsonl.gz": gzip.compress(b""), "blank.txt": b"  \n\n\t\n",
        "array.json": ("[" + line(story(18)) + ", 42, {\"text\": 7}, " + line(story(19))
                       + ", ]").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    named = folder / "named-like-a-file.jsonl"  # a folder, read as one
    named.mkdir()
    (named / "inside.jsonl").write_text(line(story(20)) + "\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")
    with open(os.path.join(os.fsencode(folder), b"\xff\xfename.jsonl"), "wb") as handle:
        handle.write((line(story(21)) + "\n").encode())
    # ok-5 and ok-6 are the duplicate-key records (the last value wins), ok-4 follows the
    # quote that never closes, ok-18 and ok-19 come before the array's syntax error; the
    # id "\udc80" is stored as U+FFFD
    return {f"ok-{n}" for n in range(1, 22)} | {"\ufffd"}


def tidings(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", "from tidings.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


@pytest.mark.issue(11)
def test_fuzz_hostile_corpus_through_the_cli_loses_no_good_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = hostile_corpus(corpus)
    db = tmp_path / "news.duckdb"
    result = tidings("ingest", str(corpus), "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "likely a bug" not in result.stderr
    con = duckdb.connect(str(db), read_only=True)
    stored = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
    con.close()
    assert stored == good
    messages = [m for m in result.stderr.splitlines() if m.startswith(("Error:", "Notice:"))]
    for name in ("utf16-bom.txt", "utf16-nobom.jsonl", "latin1.txt", "binary.jsonl",
                 "truncated.jsonl.gz", "not-gzip.jsonl.gz", "unterminated.csv:3",
                 "giant-line.jsonl:1", "deep.jsonl:1", "deep.jsonl:2", "deep.json",
                 "dates.jsonl:1", "dates.jsonl:6", "empty.txt", "empty.csv", "pipe.jsonl",
                 "giant-sentence.jsonl:1", "array.json"):
        assert any(f"{corpus / name}" in m for m in messages), name
    # a second run stores nothing more and says so, still without a traceback
    again = tidings("ingest", str(corpus), "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0 and "Traceback" not in again.stderr
    assert f"0 stored ({len(good)} already stored)" in again.stderr


@pytest.mark.issue(11)
def test_fuzz_corpus_of_only_bad_files_exits_1_without_traceback(tmp_path):
    for name, data in (("a.txt", b""), ("b.jsonl", b"\xff\xfe\x00"), ("c.csv", b"x,y\n1,2\n")):
        (tmp_path / name).write_bytes(data)
    db = tmp_path / "news.duckdb"
    result = tidings("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"),
                     str(tmp_path / "c.csv"), str(tmp_path / "missing.jsonl"), "--db", str(db),
                     cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len([m for m in result.stderr.splitlines() if m.startswith("Error:")]) == 4

"""Reading stage: every input format, and one InputError per bad input or record."""
from __future__ import annotations

import builtins
import datetime as dt
import gzip
import io
import json
import re
from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.ingest import MAX_ARTICLE_BYTES, parse_date, read_articles
from tidings.model import Article

EXAMPLE = Path("/work/shared/examples/2024-03-24-syria-russia-condolences.txt")
MB = 1024 * 1024
DAY = dt.date(2024, 5, 1)
GOOD_TEXT = "date 2024-01-02 Good headline\n\nGood body paragraph.\n"


def read(paths, **kwargs) -> tuple[list[Article], list[InputError]]:
    items = list(read_articles([str(p) for p in paths], **kwargs))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(articles) + len(errors) == len(items)
    return articles, errors


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write(tmp_path / "good.txt", GOOD_TEXT)


# -- example and plain text ---------------------------------------------------

def test_ingest_example_file_date_title_and_paragraphs():
    (article,), errors = read([EXAMPLE])
    assert errors == []
    assert article.date == dt.date(2024, 3, 24)
    assert article.title.startswith("President Putin expressed gratitude for Syria\u2019s solidarity")
    assert article.title.endswith('"overcoming terrorism".')
    paragraphs = article.text.split("\n")
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("In a series of gestures underscoring")
    assert paragraphs[3].startswith("Responding, President Putin")
    assert paragraphs[-1].startswith("These expressions of solidarity")
    assert all(p.strip() == p and p for p in paragraphs)
    assert article.origin == str(EXAMPLE)


@pytest.mark.parametrize("prefix", ["", " ", "\ufeff", "\ufeff \n\n", "\t"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_ingest_example_format_tolerates_leading_space_bom_crlf(tmp_path, prefix, newline):
    content = prefix + newline.join(["date 2024-03-24 The headline", "", "First para.", "",
                                     "Second para.", ""])
    path = write(tmp_path / "a.txt", content.encode("utf-8"))
    (article,), errors = read([path])
    assert errors == []
    assert (article.date, article.title, article.text) == (
        dt.date(2024, 3, 24), "The headline", "First para.\nSecond para.")


def test_ingest_paragraph_lines_are_joined(tmp_path):
    path = write(tmp_path / "a.txt", "date 2024-03-24 Head\n\nOne wrapped\nparagraph here.\n\n"
                                     "Two.\n\n\n\nThree   spaced.\n")
    (article,), _ = read([path])
    assert article.text == "One wrapped paragraph here.\nTwo.\nThree spaced."


def test_ingest_plain_text_takes_default_date_and_first_line_as_title(tmp_path):
    path = write(tmp_path / "plain.txt", "\n  Ministers met in Ankara\n\nThey talked.\n\nThen left.\n")
    (article,), errors = read([path], default_date=DAY)
    assert errors == []
    assert (article.date, article.title, article.text) == (
        DAY, "Ministers met in Ankara", "They talked.\nThen left.")


def test_ingest_date_line_wins_over_default_date(good):
    (article,), _ = read([good], default_date=DAY)
    assert article.date == dt.date(2024, 1, 2)


# -- ids ------------------------------------------------------------------------

def test_ingest_same_content_same_id(tmp_path):
    first = write(tmp_path / "one" / "a.txt", GOOD_TEXT)
    second = write(tmp_path / "two" / "b.txt", GOOD_TEXT.replace("\n", "\r\n"))
    from_jsonl = write(tmp_path / "c.jsonl", jsonl({"date": "2024-01-02", "title": "Good headline",
                                                   "text": "Good body paragraph."}))
    articles, errors = read([first, second, from_jsonl, first])
    assert errors == []
    assert len({a.id for a in articles}) == 1
    assert len(articles[0].id) == 16


@pytest.mark.parametrize("changed", [
    GOOD_TEXT.replace("Good body", "Other body"),
    GOOD_TEXT.replace("Good headline", "Other headline"),
    GOOD_TEXT.replace("2024-01-02", "2024-01-03"),
])
def test_ingest_different_content_different_id(tmp_path, good, changed):
    other = write(tmp_path / "other.txt", changed)
    (a, b), _ = read([good, other])
    assert a.id != b.id


@pytest.mark.parametrize("given,expected", [(7, "7"), ("abc-1", "abc-1"), (" x ", "x")])
def test_ingest_record_id_is_kept_as_string(tmp_path, given, expected):
    path = write(tmp_path / "a.jsonl", jsonl({"id": given, "date": "2024-01-02", "text": "Body."}))
    (article,), _ = read([path])
    assert article.id == expected


# -- dates ----------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("2024-03-24", dt.date(2024, 3, 24)),
    ("2024-3-4", dt.date(2024, 3, 4)),
    ("2024-03-24T23:30:00-05:00", dt.date(2024, 3, 24)),
    ("2024-03-24 10:00:00", dt.date(2024, 3, 24)),
    ("20240324", dt.date(2024, 3, 24)),
    ("24 March 2024", dt.date(2024, 3, 24)),
    ("March 24, 2024", dt.date(2024, 3, 24)),
    ("Sun, 24 Mar 2024 10:00:00 GMT", dt.date(2024, 3, 24)),
    ("2024/03/24", dt.date(2024, 3, 24)),
    ("March 2024", dt.date(2024, 3, 1)),
])
def test_ingest_parse_date_accepts(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value,reason", [
    ("2024-02-30", "impossible date '2024-02-30'"),
    ("2023-13-01", "impossible date '2023-13-01'"),
    ("yesterday", "unreadable date 'yesterday'"),
    ("March 24", "unreadable date 'March 24'"),
    ("1711238400", "unreadable date '1711238400'"),
    ("soon", "unreadable date 'soon'"),
])
def test_ingest_parse_date_rejects(value, reason):
    with pytest.raises(ValueError, match="^" + reason):
        parse_date(value)


@pytest.mark.issue(12)
@pytest.mark.parametrize("value,order,expected", [
    ("24/03/2024", None, dt.date(2024, 3, 24)),  # a day over 12 says the order itself
    ("03/24/2024", None, dt.date(2024, 3, 24)),
    ("05.05.2024", None, dt.date(2024, 5, 5)),
    ("02-04-2024", "DMY", dt.date(2024, 4, 2)),
    ("02-04-2024", "MDY", dt.date(2024, 2, 4)),
    ("2/4/24", "DMY", dt.date(2024, 4, 2)),
])
def test_ingest_numeric_dates_by_order(value, order, expected):
    assert parse_date(value, order) == expected


@pytest.mark.issue(12)
@pytest.mark.parametrize("value,reason", [
    ("02-04-2024", "ambiguous date '02-04-2024' (2 April or 4 February?): pass --date-order"),
    ("2.4.2024", "ambiguous date '2.4.2024'"),
    ("02-04-24", "ambiguous date '02-04-24' (a two-digit year)"),
    ("31/02/2024", "impossible date '31/02/2024'"),
])
def test_ingest_ambiguous_numeric_dates_are_errors(value, reason):
    with pytest.raises(ValueError, match="^" + re.escape(reason)):
        parse_date(value)


@pytest.mark.issue(12)
def test_ingest_date_order_reaches_records(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("date,text\n02-04-2024,Good.\n", encoding="utf-8")
    [error] = read_articles([path])
    assert isinstance(error, InputError) and "ambiguous date" in error.reason
    [article] = read_articles([path], date_order="MDY")
    assert article.date == dt.date(2024, 2, 4)


# -- JSON lines, JSON arrays, CSV ---------------------------------------------------

def test_ingest_jsonl_records_each_independent(tmp_path):
    path = write(tmp_path / "corpus.jsonl", "\n".join([
        json.dumps({"id": "a", "date": "2024-03-24T08:00:00Z", "title": "T1", "text": "Body one.",
                    "url": "https://x.test/1", "source": "Wire"}),
        "{not json",
        "",
        json.dumps({"id": "b", "date": "2024-02-30", "text": "x"}),
        json.dumps({"id": "c", "date": "2024-03-25", "text": "  "}),
        json.dumps({"id": "d", "date": "2024-03-25"}),
        json.dumps({"id": "e", "text": "No date here."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "f", "date": "24 March 2024", "text": "Body six."}),
    ]) + "\n")
    items = list(read_articles([str(path)]))
    got = [(i.origin, i.id) if isinstance(i, Article) else (i.origin, i.reason) for i in items]
    name = str(path)
    assert got == [
        (f"{name}:1", "a"),
        (f"{name}:2", "malformed JSON: Expecting property name enclosed in double quotes (column 2)"),
        (f"{name}:4", "impossible date '2024-02-30'"),
        (f"{name}:5", "empty: no article text"),
        (f"{name}:6", "missing 'text' field (looked for text, body, content, article, story)"),
        (f"{name}:7", "no date: record has no 'date' and no --date given"),
        (f"{name}:8", "expected a JSON object, got array"),
        (f"{name}:9", "f"),
    ]
    first = items[0]
    assert (first.date, first.title, first.text, first.url, first.source) == (
        dt.date(2024, 3, 24), "T1", "Body one.", "https://x.test/1", "Wire")


def test_ingest_jsonl_missing_date_takes_default(tmp_path):
    path = write(tmp_path / "a.ndjson", jsonl({"text": "Body."}))
    (article,), errors = read([path], default_date=DAY)
    assert (errors, article.date) == ([], DAY)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_ingest_json_lines_with_bom(tmp_path, suffix):
    path = write(tmp_path / f"a{suffix}", b"\xef\xbb\xbf" + jsonl(
        {"date": "2024-01-01", "text": "One."}, {"date": "2024-01-02", "text": "Two."}).encode())
    articles, errors = read([path])
    assert errors == [] and [a.text for a in articles] == ["One.", "Two."]


def test_ingest_json_array_streams_elements_with_lines(tmp_path):
    records = [{"id": i, "date": "2024-01-02", "text": f"Body {i}."} for i in range(3)]
    records.insert(1, "not an object")
    path = write(tmp_path / "a.json", "\ufeff" + json.dumps(records, indent=2))
    items = list(read_articles([str(path)]))
    assert [i.id if isinstance(i, Article) else i.reason for i in items] == [
        "0", "expected a JSON object, got string", "1", "2"]
    assert items[0].origin == f"{path}:2"
    assert items[1].origin == f"{path}:7"


def test_ingest_json_array_syntax_error_stops_file_with_one_error(tmp_path, good):
    path = write(tmp_path / "a.json", '[\n{"date": "2024-01-02", "text": "Fine."},\n'
                                      '{"date": "2024-01-02" "text": "broken"},\n'
                                      '{"date": "2024-01-02", "text": "Lost."}\n]')
    articles, errors = read([path, good])
    assert [a.text for a in articles] == ["Fine.", "Good body paragraph."]
    assert [(e.origin, e.reason) for e in errors] == [
        (f"{path}:3", "malformed JSON at line 3: Expecting ',' delimiter; rest of file skipped")]


@pytest.mark.parametrize("content,lines", [
    ('{\n  "id": "a", "date": "2024-01-02",\n  "text": "One."\n}\n{\n  "id": "b",\n  "text": "Two."\n}\n',
     (1, 5)),
    ('\ufeff\n\n{\n"id": "a", "date": "2024-01-02", "text": "One."}\n\n{"id": "b",\n\n"text": "Two."}',
     (3, 6)),
])
def test_ingest_json_pretty_printed_objects(tmp_path, content, lines):
    path = write(tmp_path / "a.json", content)
    items = list(read_articles([str(path)], default_date=DAY))
    assert [(i.id, i.date, i.text) for i in items] == [
        ("a", dt.date(2024, 1, 2), "One."), ("b", DAY, "Two.")]
    assert [i.origin for i in items] == [f"{path}:{line}" for line in lines]


def test_ingest_json_array_oversized_element_is_one_error(tmp_path):
    path = write(tmp_path / "a.json", json.dumps([
        {"id": "a", "date": "2024-01-02", "text": "x" * (6 * MB)},
        {"id": "b", "date": "2024-01-02", "text": "Small."}]))
    items = list(read_articles([str(path)]))
    assert isinstance(items[0], InputError)
    assert items[0].reason == "record too large (6.0 MB > 5 MB)"
    assert [i.id for i in items[1:]] == ["b"]


def test_ingest_json_array_invalid_utf8_keeps_earlier_records(tmp_path):
    path = write(tmp_path / "a.json", b'[{"date": "2024-01-02", "text": "One."},\n'
                                      b'{"date": "2024-01-02", "text": "Caf\xe9"}]')
    items = list(read_articles([str(path)]))
    assert items[0].text == "One."
    assert [(e.origin, e.reason) for e in items[1:]] == [
        (f"{path}:2", "not UTF-8 text (invalid byte 0xe9 at offset 76); rest of file skipped")]


def test_ingest_csv_records(tmp_path):
    path = write(tmp_path / "a.csv", b"\xef\xbb\xbf" + (
        "ID,Date,Title,Text,url\r\n"
        "1,2024-03-24,First,\"Para one.\n\nPara, two.\",https://x.test\r\n"
        "\r\n"
        "2,,Second,No date.,\r\n"
        "3,2024-03-25,Third,,\r\n"
    ).encode())
    items = list(read_articles([str(path)]))
    first = items[0]
    assert (first.id, first.date, first.title, first.text, first.url, first.origin) == (
        "1", dt.date(2024, 3, 24), "First", "Para one.\nPara, two.", "https://x.test", f"{path}:2")
    assert [(e.origin, e.reason) for e in items[1:]] == [
        (f"{path}:6", "no date: record has no 'date' and no --date given"),
        (f"{path}:7", "empty: no article text")]


def test_ingest_csv_oversized_field_is_one_error(tmp_path):
    huge = "x" * (6 * MB)
    path = write(tmp_path / "big.csv", f"id,date,text\n1,2024-01-01,\"{huge}\"\n"
                                       "2,2024-01-02,Small one.\n")
    items = list(read_articles([str(path)]))
    assert [(i.origin, i.reason) for i in items if isinstance(i, InputError)] == [
        (f"{path}:2", "record too large (6.0 MB > 5 MB)")]
    assert [(a.id, a.origin) for a in items if isinstance(a, Article)] == [("2", f"{path}:3")]


def test_ingest_csv_multiline_field_over_limit_is_an_error(tmp_path):
    count = MAX_ARTICLE_BYTES // 1000 + 200  # lines of 1,000 bytes, one field: 5.2 MB
    lines = "\n".join(["y" * 1000] * count)
    path = write(tmp_path / "big.csv", f'id,date,text\n1,2024-01-01,"{lines}"\n')
    write(path, path.read_text() + "2,2024-01-02,\"After, \"\"quoted\"\".\"\n")
    items = list(read_articles([str(path)]))
    assert [(i.origin, i.reason) for i in items if isinstance(i, InputError)] == [
        (f"{path}:2", "record too large (5.2 MB > 5 MB)")]
    assert [(a.origin, a.text) for a in items if isinstance(a, Article)] == [
        (f"{path}:{count + 2}", 'After, "quoted".')]


def test_ingest_jsonl_oversized_record_is_one_error(tmp_path):
    path = write(tmp_path / "big.jsonl", jsonl({"date": "2024-01-01", "text": "x" * (6 * MB)},
                                               {"date": "2024-01-02", "text": "Small."}))
    articles, errors = read([path])
    assert [(e.origin, e.reason) for e in errors] == [
        (f"{path}:1", "record too large (6.0 MB > 5 MB)")]
    assert [a.origin for a in articles] == [f"{path}:2"]


def test_ingest_jsonl_streams_without_reading_everything(tmp_path):
    class CountingStream(io.RawIOBase):
        def __init__(self, data: bytes):
            self.data, self.served = data, 0

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self.data[self.served:self.served + len(buffer)]
            buffer[:len(chunk)] = chunk
            self.served += len(chunk)
            return len(chunk)

    data = jsonl(*({"date": "2024-01-01", "text": f"Body {i}."} for i in range(50_000))).encode()
    stream = CountingStream(data)
    items = read_articles(["-"], stdin=stream)
    assert next(items).text == "Body 0."
    assert stream.served < len(data) / 10


# -- HTML -----------------------------------------------------------------------

PAGE = """<!doctype html><html><head>
<title>Leaders meet in Rome</title>
<meta property="article:published_time" content="2024-03-24T09:30:00+01:00">
<style>p { color: red }</style><script>var p = "<p>not text</p>";</script>
</head><body>
<nav><p>Home | World</p></nav>
<h1>Leaders meet</h1>
<article><p>The first
  paragraph &amp; more.</p><p>The <b>second</b> paragraph.</p>
<div>Share this</div></article>
<footer><p>Copyright</p></footer>
</body></html>"""


def test_ingest_html_title_paragraphs_and_meta_date(tmp_path):
    path = write(tmp_path / "page.html", PAGE)
    (article,), errors = read([path])
    assert errors == []
    assert (article.date, article.title, article.text) == (
        dt.date(2024, 3, 24), "Leaders meet in Rome", "The first paragraph & more.\nThe second paragraph.")


@pytest.mark.parametrize("meta", [
    '<meta name="date" content="2024-03-24">',
    '<meta name="pubdate" content="March 24, 2024">',
    '<meta property="og:published_time" content="2024-03-24">',
    '<time itemprop="datePublished" datetime="2024-03-24T10:00Z">24 March</time>',
])
def test_ingest_html_date_meta_variants_and_h1_title(tmp_path, meta):
    path = write(tmp_path / "page.htm", f"<html><head>{meta}</head><body><h1>Headline</h1>"
                                        "<p>Body.</p></body></html>")
    (article,), errors = read([path])
    assert (errors, article.date, article.title, article.text) == (
        [], dt.date(2024, 3, 24), "Headline", "Body.")


def test_ingest_html_without_meta_uses_default_date(tmp_path):
    path = write(tmp_path / "page.html", "<title>T</title><div>Only a div.</div>")
    (article,), _ = read([path], default_date=DAY)
    assert (article.date, article.text) == (DAY, "Only a div.")


# -- gzip, folders, stdin ---------------------------------------------------------------

@pytest.mark.parametrize("name,content", [
    ("a.txt.gz", GOOD_TEXT),
    ("a.jsonl.gz", jsonl({"date": "2024-01-02", "title": "Good headline",
                          "text": "Good body paragraph."})),
    ("a.csv.gz", 'date,title,text\n2024-01-02,Good headline,"Good body paragraph."\n'),
    ("a.html.gz", '<meta name="date" content="2024-01-02"><title>Good headline</title>'
                  "<p>Good body paragraph.</p>"),
])
def test_ingest_gzip_by_inner_suffix(tmp_path, good, name, content):
    path = write(tmp_path / name, gzip.compress(content.encode()))
    (article, expected), errors = read([path, good])
    assert errors == []
    assert (article.date, article.title, article.text, article.id) == (
        expected.date, expected.title, expected.text, expected.id)


def test_ingest_folder_recursive_sorted_known_suffixes_only(tmp_path):
    folder = tmp_path / "corpus"
    write(folder / "b.txt", GOOD_TEXT.replace("Good headline", "B"))
    write(folder / "a" / "z.jsonl", jsonl({"date": "2024-01-02", "title": "A/Z", "text": "x."}))
    write(folder / "a" / "c.csv.gz", gzip.compress(b"date,title,text\n2024-01-02,A/C,y.\n"))
    write(folder / "a.html", '<meta name="date" content="2024-01-02"><title>A.HTML</title><p>z.</p>')
    write(folder / "notes.md", "date 2024-01-02 ignored\n\nignored")
    write(folder / "image.png", b"\x89PNG\0\0")
    write(folder / ".hidden.txt", GOOD_TEXT)
    write(folder / ".git" / "x.txt", GOOD_TEXT)
    articles, errors = read([folder])
    assert errors == []
    assert [a.title for a in articles] == ["A/C", "A/Z", "A.HTML", "B"]
    assert articles[0].origin == str(folder / "a" / "c.csv.gz") + ":2"


def test_ingest_explicit_unknown_suffix_reads_as_text(tmp_path):
    path = write(tmp_path / "notes.md", GOOD_TEXT)
    (article,), errors = read([path])
    assert (errors, article.title) == ([], "Good headline")


@pytest.mark.parametrize("stdin", [
    io.StringIO('\n  {"id": "s1", "date": "2024-01-02", "text": "From stdin."}\n{"oops"\n'),
    io.BytesIO(b'{"id": "s1", "date": "2024-01-02", "text": "From stdin."}\n{"oops"\n'),
])
def test_ingest_stdin_json_lines(stdin):
    items = list(read_articles(["-"], stdin=stdin))
    assert [i.id if isinstance(i, Article) else i.origin for i in items][0] == "s1"
    assert isinstance(items[1], InputError) and items[1].origin.startswith("<stdin>:")
    assert len(items) == 2


@pytest.mark.parametrize("stdin", [io.StringIO(GOOD_TEXT), io.BytesIO(GOOD_TEXT.encode())])
def test_ingest_stdin_text_article(good, stdin):
    articles, errors = read(["-", good], stdin=stdin)
    assert errors == []
    assert articles[0].origin == "<stdin>"
    assert articles[0].id == articles[1].id


def test_ingest_stdin_pretty_printed_json():
    stdin = io.StringIO('{\n  "date": "2024-01-02",\n  "text": "Piped."\n}\n')
    (article,) = list(read_articles(["-"], stdin=stdin))
    assert (article.text, article.origin) == ("Piped.", "<stdin>:1")


def test_ingest_stdin_reads_bytes_under_text_wrapper():
    stdin = io.TextIOWrapper(io.BytesIO(b"date 2024-01-02 Caf\xe9\n\nBody."), encoding="utf-8")
    (error,) = list(read_articles(["-"], stdin=stdin))
    assert str(error) == "<stdin>: not UTF-8 text (invalid byte 0xe9 at offset 19)"


def test_ingest_stdin_plain_text_needs_date():
    (error,) = list(read_articles(["-"], stdin=io.StringIO("Title\n\nBody.\n")))
    assert str(error) == ("<stdin>: no date: first line is not 'date YYYY-MM-DD headline' "
                          "and no --date given")


# -- bad inputs: one InputError each, good inputs still read ------------------------------

BAD_INPUTS = [
    ("missing.txt", None, "no such file"),
    ("latin1.txt", "date 2024-01-02 Caf\xe9\n\nBody.".encode("latin-1"),
     "not UTF-8 text (invalid byte 0xe9 at offset 19)"),
    ("bom-latin1.txt", b"\xef\xbb\xbfdate 2024-01-02 x\n\nCaf\xe9",
     "not UTF-8 text (invalid byte 0xe9 at offset 25)"),
    ("utf16.txt", GOOD_TEXT.encode("utf-16"), "not UTF-8 text (invalid byte 0xff at offset 0"),
    ("binary.txt", b"date 2024-01-02 x\n\n\0\0\x01\x02\xff\xd8", "binary file, not text"),
    ("binary.jsonl", b'{"text": "x"}\n\0\0\x89PNG', "binary file, not text"),
    ("empty.txt", b"", "empty: no article text"),
    ("blank.txt", " \n\n\t\n", "empty: no article text"),
    ("date-line-only.txt", "date 2024-01-02\n", "empty: no article text"),
    ("nodate.txt", "A headline\n\nA body.", "no date: first line is not 'date YYYY-MM-DD "
                                           "headline' and no --date given"),
    ("impossible.txt", "date 2024-02-30 Leap\n\nBody.", "impossible date '2024-02-30'"),
    ("nodate.html", "<title>T</title><p>Body.</p>",
     "no date: no published-date meta tag and no --date given"),
    ("baddate.html", '<meta name="date" content="2024-02-30"><p>Body.</p>',
     "published-date meta tag: impossible date '2024-02-30'"),
    ("empty.html", '<meta name="date" content="2024-01-02"><script>x</script>',
     "empty: no article text"),
    ("empty.jsonl", "\n\n", "empty: no records"),
    ("empty.json", "[]", "empty: no records"),
    ("notext.csv", "id,date,summary\n1,2024-01-02,x\n",
     "CSV header (line 1) has no 'text' column (columns: id, date, summary)"),
    ("broken.jsonl.gz", gzip.compress(jsonl({"text": "x"}).encode())[:-12], "not valid gzip data"),
    ("notgzip.txt.gz", GOOD_TEXT, "not valid gzip data"),
]


@pytest.mark.parametrize("name,content,reason", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_ingest_bad_input_yields_one_error_and_good_file_still_read(tmp_path, good, name,
                                                                    content, reason):
    bad = tmp_path / name
    if content is not None:
        write(bad, content)
    articles, errors = read([bad, good])
    assert [a.origin for a in articles] == [str(good)]
    assert len(errors) == 1
    assert errors[0].origin == str(bad)
    assert errors[0].reason.startswith(reason)
    assert str(errors[0]) == f"{bad}: {errors[0].reason}"


@pytest.mark.parametrize("name,content,origin_line,reason", [
    ("bad.jsonl", jsonl({"date": "2024-01-02", "text": "ok"}) + '{"text": "x",}\n', 2,
     "malformed JSON: Expecting property name enclosed in double quotes (column 14)"),
    ("bad.jsonl", jsonl({"date": "2024-01-02", "text": "ok"}).encode() + b'{"text": "\xff"}\n', 2,
     "not UTF-8 text (invalid byte 0xff at offset 47)"),
    ("bad.csv", 'date,text\n2024-01-02,ok\n2024-02-30,"x"\n', 3, "impossible date '2024-02-30'"),
    ("bad.csv", b'date,text\n2024-01-02,ok\n2024-01-03,"\xff"\n', 3,
     "not UTF-8 text (invalid byte 0xff at offset 36)"),
])
def test_ingest_bad_record_yields_one_error_and_other_records_still_read(
        tmp_path, good, name, content, origin_line, reason):
    bad = write(tmp_path / name, content)
    articles, errors = read([bad, good])
    assert [a.origin for a in articles] == [f"{bad}:{origin_line - 1}", str(good)]
    assert [(e.origin, e.reason) for e in errors] == [(f"{bad}:{origin_line}", reason)]


def test_ingest_unreadable_file_is_an_error(tmp_path, good, monkeypatch):
    bad = write(tmp_path / "secret.txt", GOOD_TEXT)
    real_open = builtins.open

    def deny(file, *args, **kwargs):  # chmod 000 does not stop root, so deny here
        if str(file) == str(bad):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    articles, errors = read([bad, good])
    assert [(e.origin, e.reason) for e in errors] == [(str(bad), "permission denied")]
    assert [a.origin for a in articles] == [str(good)]


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge"])
def test_ingest_oversized_article_rejected_before_reading(tmp_path, good, monkeypatch, name):
    huge = tmp_path / name
    with open(huge, "wb") as f:
        f.truncate(50 * MB)  # sparse: no 50 MB written
    real_open = builtins.open

    def no_read(file, *args, **kwargs):
        assert str(file) != str(huge), "the oversized file was opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", no_read)
    articles, errors = read([huge, good])
    assert [(e.origin, e.reason) for e in errors] == [
        (str(huge), "too large for one article (50.0 MB > 5 MB)")]
    assert [a.origin for a in articles] == [str(good)]


def test_ingest_oversized_gzipped_article_is_an_error(tmp_path, good):
    bad = write(tmp_path / "huge.txt.gz",
                gzip.compress(b"date 2024-01-02 x\n\n" + b"word " * (MAX_ARTICLE_BYTES // 4)))
    articles, errors = read([bad, good])
    assert [(e.origin, e.reason) for e in errors] == [
        (str(bad), "too large for one article (over 5 MB)")]
    assert len(articles) == 1


def test_ingest_empty_folder_is_an_error(tmp_path, good):
    folder = tmp_path / "empty"
    write(folder / "readme.md", "nothing here")
    articles, errors = read([folder, good])
    assert len(articles) == 1
    assert [e.origin for e in errors] == [str(folder)]
    assert errors[0].reason.startswith("no article files (.txt, .html")


def test_ingest_bad_file_in_folder_named_by_its_path(tmp_path):
    folder = tmp_path / "corpus"
    write(folder / "a.txt", GOOD_TEXT)
    write(folder / "sub" / "b.txt", "no date line\n\nbody")
    articles, errors = read([folder])
    assert len(articles) == 1
    assert [e.origin for e in errors] == [str(folder / "sub" / "b.txt")]


def test_ingest_headline_alone_is_an_article(tmp_path):
    path = tmp_path / "headline.txt"
    path.write_text("date 2024-01-02 Russia condemned the attack.\n", encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert article.title == "Russia condemned the attack." and article.text == ""


# -- records as newsrooms and scrapers write them ------------------------------------------

VOA = Path(__file__).resolve().parents[2] / "shared" / "data" / "voa" / "voa_stories.jsonl"


def test_ingest_voa_stories_read_as_they_are():
    # `published` ("2025-03-14 20:30:26Z") is the date; credit: voanews.com / Voice of America
    items = list(read_articles([VOA]))
    assert all(not isinstance(i, InputError) for i in items) and len(items) == 49
    first = items[0]
    assert first.id == "8011115" and first.date == dt.date(2025, 3, 14)
    assert first.title == "Iraq says key Islamic State leader is dead"
    assert first.url.startswith("https://www.voanews.com/")


@pytest.mark.parametrize("record,expected", [
    ({"pubDate": "Sun, 24 Mar 2024 10:00:00 GMT", "headline": "H", "body": "B."},
     (dt.date(2024, 3, 24), "H", "B.")),
    ({"datetime": "2024-03-24T10:00:00Z", "title": "T", "content": "C."},
     (dt.date(2024, 3, 24), "T", "C.")),
    # the usual name wins over a later alias when both are there
    ({"date": "2024-03-24", "published": "2020-01-01", "text": "X.", "body": "Y."},
     (dt.date(2024, 3, 24), "", "X.")),
])
def test_ingest_record_field_aliases(tmp_path, record, expected):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = read_articles([path])
    assert (article.date, article.title, article.text) == expected


def test_ingest_record_fields_named_by_the_caller(tmp_path):
    path = tmp_path / "crawl.csv"
    path.write_text("first_seen,description,name\n2024-03-24,Russia condemned it.,Head\n",
                    encoding="utf-8")
    [missing] = read_articles([path])
    assert isinstance(missing, InputError) and "no 'text' column" in missing.reason
    [article] = read_articles([path], fields={"date": "first_seen", "text": "description",
                                              "title": "NAME"})
    assert (article.date, article.title, article.text) == (
        dt.date(2024, 3, 24), "Head", "Russia condemned it.")


@pytest.mark.issue(11)
def test_ingest_lone_surrogates_become_replacement_characters(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"date": "2024-03-24", "title": "Bad \\ud800", "text": "A \\udfff b."}\n'
                    '{"date": "2024-03-24", "text": "Good."}\n', encoding="utf-8")
    first, second = read_articles([path])
    assert (first.title, first.text) == ("Bad \ufffd", "A \ufffd b.")
    assert first.text.encode("utf-8") and second.text == "Good."


@pytest.mark.issue(11)
def test_ingest_file_name_that_is_not_utf8_is_read_and_named(tmp_path):
    import os
    folder = tmp_path / "news"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.jsonl")
    (folder / name).write_text('{"date": "2024-03-24", "text": "Good."}\n', encoding="utf-8")
    [article] = read_articles([folder])
    assert article.text == "Good." and article.origin.endswith("caf\ufffd.jsonl:1")
    article.origin.encode("utf-8")  # printable and storable


@pytest.mark.issue(11)
def test_ingest_fifo_in_a_folder_is_skipped_not_waited_for(tmp_path):
    import os
    folder = tmp_path / "news"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    write(folder / "good.txt", GOOD_TEXT)
    items = list(read_articles([folder]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError"]
    assert "not a regular file" in items[1].reason and items[1].origin.endswith("pipe.txt")

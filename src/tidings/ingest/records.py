"""Corpus formats, one record per article: JSON lines, JSON documents and CSV.

Readers stream a binary source and hold at most one record (at most
MAX_ARTICLE_BYTES) in memory. Each record yields its Article or an
InputError whose origin is "file:line"; a bad record never stops the file,
except where the format cannot be resynchronised (see json_document_articles).
"""
from __future__ import annotations

import codecs
import contextlib
import csv
import json
import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from .fields import (
    BOM,
    MAX_ARTICLE_BYTES,
    BadValue,
    ReadOptions,
    decode_utf8,
    json_kind,
    record_article,
    size_reason,
)

CHUNK = 64 * 1024
NO_RECORDS = "empty: no records"
_WHITESPACE = re.compile(r"[ \t\r\n]*")
_ORDINARY = re.compile(rb'[^",\r\n]+')
# csv's own limit, a backstop: records over MAX_ARTICLE_BYTES are caught before it
FIELD_LIMIT = 4 * MAX_ARTICLE_BYTES
_DECODER = json.JSONDecoder()

Result = Article | InputError


def _lines(src: BinaryIO, keep: Callable[[bytes], bytes] | None = None
           ) -> Iterator[tuple[int, int, bytes | None, int, bool]]:
    """(line number, byte offset, bytes, size, oversized) for each line of `src`.

    A line longer than MAX_ARTICLE_BYTES is read in chunks and never held
    whole: its bytes are `keep` applied to each chunk, joined (None without
    `keep`), and size is its full length.
    """
    number = offset = 0
    while True:
        raw = src.readline(MAX_ARTICLE_BYTES + 1)
        if not raw:
            return
        number += 1
        size = len(raw)
        if size > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
            kept = [keep(raw)] if keep else []
            while True:
                rest = src.readline(CHUNK)
                size += len(rest)
                if keep:
                    kept.append(keep(rest))
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, offset, b"".join(kept) if keep else None, size, True
        else:
            yield number, offset, raw, size, False
        offset += size


def _json_record(value: object, origin: str, options: ReadOptions) -> Result:
    if not isinstance(value, dict):
        return InputError(origin, f"expected a JSON object, got {json_kind(value)}")
    return record_article(value, origin, options)


def jsonl_articles(src: BinaryIO, name: str, options: ReadOptions) -> Iterator[Result]:
    """Articles from JSON lines: one object per line, blank lines ignored."""
    seen = False
    for number, offset, raw, size, oversized in _lines(src):
        origin = f"{name}:{number}"
        if oversized:
            seen = True
            yield InputError(origin, size_reason("record too large", size))
            continue
        try:
            line = decode_utf8(raw, offset=offset, bom=number == 1)
        except BadValue as e:
            seen = True
            yield InputError(origin, str(e))
            continue
        if not line.strip():
            continue
        seen = True
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(origin, f"malformed JSON: {e.msg} (column {e.colno})")
            continue
        except RecursionError:
            yield InputError(origin, "malformed JSON: nested too deeply")
            continue
        except ValueError as e:  # e.g. an integer too long to convert
            yield InputError(origin, f"malformed JSON: {e}")
            continue
        yield _json_record(value, origin, options)
    if not seen:
        yield InputError(name, NO_RECORDS)


class _JSONText:
    """Incrementally decoded text of a JSON document, with a cursor and its line number."""

    def __init__(self, src: BinaryIO):
        self.src = src
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.pos = 0
        self.line = 1
        self.read_bytes = 0
        self.eof = False
        self.bad: str | None = None  # why input stopped early: an invalid byte

    def fill(self, size: int) -> bool:
        """Read about `size` more bytes; False at end of input.

        Text before an invalid UTF-8 byte is still parsed; the error is raised
        when the cursor needs what follows it.
        """
        if self.eof:
            if self.bad:
                raise BadValue(self.bad)
            return False
        data = self.src.read(size)
        pending = len(self.decoder.getstate()[0])
        start = self.read_bytes - pending
        if self.read_bytes == 0 and data.startswith(BOM):
            data, start, self.read_bytes = data[3:], 3, 3
        self.read_bytes += len(data)
        self.eof = not data
        try:
            text = self.decoder.decode(data, final=self.eof)
        except UnicodeDecodeError as e:
            text = e.object[:e.start].decode("utf-8")
            self.bad = (f"not UTF-8 text (invalid byte 0x{e.object[e.start]:02x} "
                        f"at offset {start + e.start})")
            self.eof = True
        self.text = self.text[self.pos:] + text
        self.pos = 0
        return bool(text) or not self.eof

    def advance(self, end: int) -> None:
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def peek(self) -> str | None:
        """The next non-whitespace character, None at end of input."""
        while True:
            self.advance(_WHITESPACE.match(self.text, self.pos).end())
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.fill(CHUNK):
                return None

    def value(self) -> tuple[object, int]:
        """Decode the JSON value at the cursor, reading more input as needed.

        RETURNS (tuple[object, int]): the value and its length in characters.
        """
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as e:
                if self.bad:
                    raise BadValue(self.bad) from None
                if self.eof:
                    where = self.line + self.text.count("\n", self.pos, e.pos)
                    raise BadValue(f"malformed JSON at line {where}: {e.msg}") from None
            except RecursionError:
                raise BadValue("malformed JSON: nested too deeply") from None
            except ValueError as e:  # e.g. an integer too long to convert
                raise BadValue(f"malformed JSON: {e}") from None
            else:
                if end < len(self.text) or self.eof:
                    size = end - self.pos
                    self.advance(end)
                    return value, size
            if len(self.text) - self.pos > MAX_ARTICLE_BYTES:  # cannot find its end
                raise BadValue(size_reason("record too large", None))
            self.fill(max(CHUNK, len(self.text) - self.pos))


def json_document_articles(src: BinaryIO, name: str,
                           options: ReadOptions) -> Iterator[Result]:
    """Articles from a JSON document read one value at a time: an array of
    objects, or objects one after another (pretty-printed or not).

    A syntax error ends the file, with one InputError naming its line: the
    document cannot be resynchronised after it.
    """
    doc = _JSONText(src)
    origin = name
    count = 0

    def element() -> Result:
        value, size = doc.value()
        if size > MAX_ARTICLE_BYTES:
            return InputError(origin, size_reason("record too large", size))
        return _json_record(value, origin, options)

    try:
        in_array = doc.peek() == "["
        if in_array:
            doc.advance(doc.pos + 1)
            if doc.peek() == "]":
                doc.advance(doc.pos + 1)
            else:
                while True:
                    doc.peek()
                    origin = f"{name}:{doc.line}"
                    count += 1
                    yield element()
                    after = doc.peek()
                    origin = f"{name}:{doc.line}"
                    if after == "]":
                        doc.advance(doc.pos + 1)
                        break
                    if after != ",":
                        raise BadValue("malformed JSON: expected ',' or ']' after an array element")
                    doc.advance(doc.pos + 1)
        while doc.peek() is not None:
            origin = f"{name}:{doc.line}"
            if in_array:
                raise BadValue("malformed JSON: extra data after the array")
            count += 1
            yield element()
    except BadValue as e:
        yield InputError(origin, f"{e}; rest of file skipped")
        return
    if count == 0:
        yield InputError(name, NO_RECORDS)


@contextlib.contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """csv's field size limit is process-wide: set it only while parsing one row."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _squeeze(data: bytes) -> bytes:
    """CSV bytes with each run of ordinary characters cut to one "x": what csv.reader
    makes of it has the same record boundaries, at a fraction of the size."""
    return _ORDINARY.sub(b"x", data)


Line = tuple[int, int, bytes | None, int, bool]  # what _lines yields


class _CSVLines:
    """Decoded lines for csv.reader; notes why the record being read is bad, if it is.

    Once a record passes MAX_ARTICLE_BYTES the rest of it is fed squeezed, so
    memory stays bounded and the next record still starts where it should. Until
    then the lines of the record are kept, so that a record whose quote never closes
    can be read again from its second line (see `unterminated`).
    """

    def __init__(self, source: Iterator[Line], after: int = 0):
        self.source = source
        self.number = after  # last line handed out
        self.record_bytes = 0
        self.too_large = False
        self.problem: str | None = None
        self.kept: list[tuple[Line, str]] = []  # the current record's lines, raw and decoded
        self.ended = False

    def __iter__(self) -> Iterator[str]:
        for line in self.source:
            number, offset, raw, size, oversized = line
            self.number = number
            self.record_bytes += size
            self.too_large = self.too_large or oversized or self.record_bytes > MAX_ARTICLE_BYTES
            if self.too_large:
                self.kept = []
                yield (raw if oversized else _squeeze(raw)).decode("utf-8", "replace")
                continue
            try:
                text = decode_utf8(raw, offset=offset, bom=number == 1)
            except BadValue as e:
                self.problem = self.problem or str(e)
                text = raw.decode("utf-8", "replace")
            self.kept.append((line, text))
            yield text
        self.ended = True

    def unterminated(self) -> bool:
        """The record just read runs to the end of the input because a quote never
        closes: csv.reader gives it back as one record holding every line after it."""
        if not self.ended or self.too_large or len(self.kept) < 2:
            return False
        try:
            for _ in csv.reader((text for _, text in self.kept), strict=True):
                pass
        except csv.Error as e:
            return "unexpected end of data" in str(e)
        return False

    def take_problem(self) -> str | None:
        """The current record's problem, if any; resets for the next record."""
        problem = self.problem
        if self.too_large:
            problem = size_reason("record too large", self.record_bytes)
        self.problem, self.too_large, self.record_bytes, self.kept = None, False, 0, []
        return problem


UNTERMINATED = ("unterminated quote: the record would hold every line after it; skipped, "
                "the lines after its first are read as records")


def csv_articles(src: BinaryIO, name: str, options: ReadOptions) -> Iterator[Result]:
    """Articles from CSV with a header row naming id, date, title, text, url, source.

    Only `text` is required. A record longer than MAX_ARTICLE_BYTES is an
    error for that record; the records after it are still read. So is a record
    whose quote never closes: the lines after its first are read again as records.
    """
    header: list[str] | None = None
    seen = False
    lines = _CSVLines(_lines(src, keep=_squeeze))
    while lines is not None:
        reader = csv.reader(lines)
        again, lines = lines, None
        while True:
            start = again.number + 1
            try:
                with _field_limit(FIELD_LIMIT):
                    row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                problem = again.take_problem()
                if problem is None:
                    problem = f"malformed CSV: {e}"
                seen = True
                yield InputError(f"{name}:{start}", problem)
                continue
            origin = f"{name}:{start}"
            if again.unterminated():
                seen = True
                yield InputError(origin, UNTERMINATED)
                kept = [line for line, _ in again.kept[1:]]
                lines = _CSVLines(iter(kept), after=start)
                break
            problem = again.take_problem()
            if problem is not None:
                seen = True
                yield InputError(origin, problem)
                continue
            if not row or not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                if not set(options.fields["text"]) & set(header):
                    yield InputError(name, f"CSV header (line {start}) has no 'text' column "
                                           f"(columns: {', '.join(row)})")
                    return
                continue
            seen = True
            yield record_article(dict(zip(header, row)), origin, options)
    if not seen:
        yield InputError(name, NO_RECORDS)

"""read_articles: files, folders, .gz and stdin in; Articles and InputErrors out.

Picks the format from the file name, checks what can be checked before
reading (existence, size, binary content), and hands a binary stream to
the format's parser in `pages` (one article per file) or `records` (one
article per record).
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import InputError, ReadingBug
from ..model import Article
from . import pages, records, web
from .fields import (
    BOM,
    MAX_ARTICLE_BYTES,
    BadValue,
    ReadOptions,
    decode_utf8,
    record_fields,
    size_reason,
    without_surrogates,
)

STDIN_NAME = "<stdin>"
HEAD_BYTES = 8192  # NUL bytes here mean a binary file
CHUNK = 64 * 1024

# suffix -> format; each may also end in ".gz"
FORMATS = {
    ".txt": "text", ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
}
ARTICLE_SUFFIXES = tuple(FORMATS)
ONE_ARTICLE = frozenset({"text", "html"})

Result = Article | InputError


def read_articles(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
                  default_date: dt.date | None = None,
                  fields: Mapping[str, str] | None = None,
                  date_order: str | None = None,
                  stdin: TextIO | BinaryIO | None = None,
                  feeds: Iterable[str] = (),
                  web_options: web.WebOptions | None = None,
                  is_stored: Callable[[str], bool] | None = None) -> Iterator[Result]:
    """Read articles from files, folders and stdin, in the order given.

    paths (Iterable[str | Path]): files, folders (read recursively, in sorted
        order, files with a known suffix only) or "-" for stdin.
    default_date (date | None): date for articles whose input has none (`--date`).
    fields (Mapping[str, str] | None): for JSON and CSV records, the record field that
        holds an article field when it has another name (`{"date": "pubdate"}`:
        `--field date=pubdate`); the usual other names are known (see RECORD_FIELDS).
    date_order (str | None): "DMY" or "MDY", how to read record dates such as
        02-04-2024 (without it they are an error: 2 April or 4 February?).
    stdin (TextIO | BinaryIO | None): stream read for "-"; default sys.stdin.
    feeds (Iterable[str]): RSS or Atom feed URLs, read after `paths` (`web.feed_articles`).
    web_options (WebOptions | None): timeout and size limits of pages and feeds.
    is_stored (Callable[[str], bool] | None): whether an article id is stored already:
        a feed entry whose page is stored is not fetched again.
    RETURNS (Iterator[Article | InputError]): each article, and for each bad
        input or record one InputError ("origin: reason"), yielded, not raised,
        so the caller can report it and carry on.

    Formats, by suffix (each also gzipped, e.g. ".jsonl.gz"):
    .txt: "date YYYY-MM-DD headline", blank line, body; or plain text dated
        by default_date, its first line the title. Other suffixes given
        explicitly are read the same way.
    .html/.htm: <title> or first <h1>, paragraph text, published-date meta tag.
    .jsonl/.ndjson, .json (JSON lines, an array of objects or pretty-printed
        objects), .csv: one record per article with fields id, date, title,
        text, url, source.
    stdin: JSON if it starts with "{", else one text article.
    http:// and https:// paths: a web page (`web.page_article`).
    """
    if isinstance(default_date, dt.datetime):
        default_date = default_date.date()
    options = ReadOptions(default_date, record_fields(fields or {}), date_order)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    web_options = web_options or web.WebOptions()
    for path in paths:
        if isinstance(path, str) and path == "-":
            yield from _read_stdin(stdin, options)
        elif isinstance(path, str) and web.is_url(path):
            yield web.page_article(path, options.default_date, web_options)
        else:
            yield from _read_path(Path(path), os.fspath(path), options)
    for feed in feeds:
        yield from web.feed_articles(feed, options.default_date, web_options, is_stored)


def file_format(name: str) -> tuple[str | None, bool]:
    """(format, gzipped) for a file name: ("jsonl", True) for "x.jsonl.gz"; format
    None for an unknown suffix."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    return FORMATS.get(os.path.splitext(lower)[1]), gzipped


def _os_reason(error: OSError) -> str:
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read ({error.strerror or error})"


def _read_path(path: Path, name: str, options: ReadOptions) -> Iterator[Result]:
    name = without_surrogates(name)  # "caf\udce9.jsonl": a name that is not UTF-8
    try:
        info = os.stat(path)
    except OSError as e:
        yield InputError(name, _os_reason(e))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_folder(path, name, options)
        return
    if not stat.S_ISREG(info.st_mode):
        # a FIFO would block the run forever, a device never ends
        yield InputError(name, "not a regular file (a pipe, device or socket): skipped")
        return
    fmt, gzipped = file_format(path.name)
    fmt = fmt or "text"
    if fmt in ONE_ARTICLE and not gzipped and info.st_size > MAX_ARTICLE_BYTES:
        yield InputError(name, size_reason("too large for one article", info.st_size))
        return
    try:
        handle = open(path, "rb")
    except OSError as e:
        yield InputError(name, _os_reason(e))
        return
    with handle:
        try:
            if gzipped:
                with gzip.GzipFile(fileobj=handle, mode="rb") as unzipped:
                    yield from _read_stream(unzipped, name, fmt, options)
            else:
                yield from _read_stream(handle, name, fmt, options)
        except (gzip.BadGzipFile, EOFError, zlib.error) as e:
            yield InputError(name, f"not valid gzip data ({e})")
        except OSError as e:
            yield InputError(name, _os_reason(e))
        except Exception as err:  # noqa: BLE001 - a bug: this file ends, the run goes on
            yield ReadingBug(name, err)


def article_files(folder: str | os.PathLike[str]) -> tuple[list[str], list[OSError]]:
    """The files with a known suffix under `folder`, recursively, in sorted order (hidden
    ones skipped), and the folders that could not be listed."""
    found: list[tuple[tuple[str, ...], str]] = []
    problems: list[OSError] = []
    for top, dirs, files in os.walk(folder, onerror=problems.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            if not file.startswith(".") and file_format(file)[0] is not None:
                full = os.path.join(top, file)
                found.append((Path(full).relative_to(folder).parts, full))
    return [full for _, full in sorted(found)], problems


def count_articles(paths: Iterable[str]) -> int | None:
    """How many articles `paths` hold when that is known without reading them: each is a
    one-article file (text, HTML), a folder of such files, or a page URL. None when one
    holds records (JSONL, CSV), is stdin, or cannot be listed."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        if web.is_url(path):
            total += 1
            continue
        files = article_files(path)[0] if os.path.isdir(path) else [path]
        for file in files:
            if (file_format(file)[0] or "text") not in ONE_ARTICLE:
                return None
        total += len(files)
    return total


def _read_folder(folder: Path, name: str, options: ReadOptions) -> Iterator[Result]:
    """Files with a known suffix under `folder`, recursively, sorted; hidden ones skipped."""
    found, problems = article_files(folder)
    for problem in problems:
        yield InputError(problem.filename or name, _os_reason(problem))
    if not found and not problems:
        yield InputError(name, "no article files (" + ", ".join(ARTICLE_SUFFIXES)
                         + ", optionally .gz) in this folder")
    for full in found:
        yield from _read_path(Path(full), full, options)


def _read_stdin(stdin: TextIO | BinaryIO | None, options: ReadOptions
                ) -> Iterator[Result]:
    stream = sys.stdin if stdin is None else stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        binary = buffer
    elif isinstance(stream.read(0), bytes):
        binary = stream
    else:
        binary = _EncodedText(stream)
    try:
        yield from _read_stream(binary, STDIN_NAME, "stdin", options)
    except UnicodeError as e:  # from a text stream that could not decode its input
        yield InputError(STDIN_NAME, f"not UTF-8 text ({e.reason})")
    except OSError as e:
        yield InputError(STDIN_NAME, _os_reason(e))
    except Exception as err:  # noqa: BLE001 - a bug: reported, the other inputs are read
        yield ReadingBug(STDIN_NAME, err)


def _read_stream(stream: BinaryIO, name: str, fmt: str,
                 options: ReadOptions) -> Iterator[Result]:
    """Check the head of `stream` for binary content, then parse it as `fmt`.

    fmt "json" is JSON lines, unless it starts with "[" or a line holding only
    "{" (an array or a pretty-printed object); fmt "stdin" is JSON if it
    starts with "{", else text.
    """
    head = _read_head(stream)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield InputError(name, f"not UTF-8 text (invalid byte 0x{head[0]:02x} at offset 0; "
                               "looks like UTF-16)")
        return
    binary = _binary(head)
    if binary:
        yield InputError(name, binary)
        return
    text = head.removeprefix(BOM).lstrip()
    first, first_line = text[:1], text.split(b"\n", 1)[0].strip()
    if fmt == "stdin":
        fmt = "json" if first == b"{" else "text"
    if fmt == "json":  # JSON lines, unless an array or a pretty-printed object
        fmt = "json-document" if first == b"[" or first_line == b"{" else "jsonl"
    source = io.BufferedReader(_Replay(head, stream), buffer_size=CHUNK)
    if fmt == "jsonl":
        yield from records.jsonl_articles(source, name, options)
    elif fmt == "json-document":
        yield from records.json_document_articles(source, name, options)
    elif fmt == "csv":
        yield from records.csv_articles(source, name, options)
    else:
        data = source.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:  # gzipped or stdin: size unknown beforehand
            yield InputError(name, size_reason("too large for one article", None))
            return
        try:
            text = decode_utf8(data)
        except BadValue as e:
            yield InputError(name, str(e))
            return
        parse = pages.html_article if fmt == "html" else pages.text_article
        yield parse(text, name, options.default_date)


def _binary(head: bytes) -> str | None:
    """Why the head of a file says it is no UTF-8 text, or None. A NUL byte alone does not
    say it: text may hold one (a scraper's stray control character) and the reader reports
    the record; UTF-16 has one in every other byte, other binary files bytes that are not
    UTF-8."""
    if b"\0" not in head:
        return None
    if max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
        return "not UTF-8 text (looks like UTF-16 without a byte-order mark)"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason != "unexpected end of data":  # not a character cut at the head's end
            return "binary file, not text"
    return None


def _read_head(stream: BinaryIO) -> bytes:
    """Up to HEAD_BYTES from the start of `stream`: fewer at its end, or once a whole line
    has arrived on a pipe (a live feed's first article is not held back until 8 KB came)."""
    parts: list[bytes] = []
    wanted = HEAD_BYTES
    while wanted > 0:
        part = _read_available(stream, wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
        if b"\n" in part:
            break
    return b"".join(parts)


def _read_available(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, as many as have arrived (read1), rather than waiting for all."""
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 is not None else stream.read(size)


class _Replay(io.RawIOBase):
    """A stream whose first bytes were already read: serves them, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            data, self._head = self._head[:len(buffer)], self._head[len(buffer):]
        else:
            data = _read_available(self._rest, len(buffer))
        buffer[:len(data)] = data
        return len(data)


class _EncodedText(io.RawIOBase):
    """UTF-8 bytes of a text stream (e.g. io.StringIO), read lazily."""

    def __init__(self, text: TextIO):
        self._text = text
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = self._text.read(CHUNK // 4)
            if not chunk:
                return 0
            # surrogateescape gives back the bytes sys.stdin could not decode
            self._pending = chunk.encode("utf-8", "surrogateescape")
        data, self._pending = self._pending[:len(buffer)], self._pending[len(buffer):]
        buffer[:len(data)] = data
        return len(data)

"""Raw values to Article fields: size limits, UTF-8, paragraphs, dates, records.

Every helper here is a pure function. A value that cannot become a field
raises `BadValue`, whose message is the one-line reason the reader reports
(the reader adds the input's name).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import InputError, ReadingBug
from ..model import Article

MB = 1024 * 1024
MAX_ARTICLE_BYTES = 5 * MB  # one text/HTML article, or one JSONL/CSV record
BOM = b"\xef\xbb\xbf"
SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", ":", ";")

EMPTY = "empty: no article text"
NO_RECORD_DATE = "no date: record has no 'date' and no --date given"

# The names newsrooms and scrapers give an article's fields in JSON and CSV records, in
# the order they are tried: a VOA dump says "published", a feed export "pubdate", a
# crawler "body" or "content". `--field date=<name>` names any other.
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "doc_id", "article_id"),
    "date": ("date", "published", "pubdate", "published_at", "publish_date", "datetime",
             "date_published", "publication_date"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "story"),
    "url": ("url", "link"),
    "source": ("source", "publisher", "outlet", "site"),
}


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the date of articles whose input has none (`--date`), and
    for each article field the record fields that may hold it, in order."""

    default_date: dt.date | None = None
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(RECORD_FIELDS))
    date_order: str | None = None  # "DMY" or "MDY" for numeric dates such as 02-04-2024


def record_fields(chosen: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The record fields tried for each article field, `chosen` ones first
    ({"date": "pubDate"} -> date from "pubdate", else the usual names).
    Raises BadValue for an article field Tidings does not have."""
    fields = dict(RECORD_FIELDS)
    for name, key in chosen.items():
        name = name.strip().lower()
        if name not in fields:
            raise BadValue(f"unknown article field {name!r} in --field (choose from "
                           f"{', '.join(RECORD_FIELDS)})")
        fields[name] = (key.strip().lower(),) + tuple(k for k in fields[name]
                                                      if k != key.strip().lower())
    return fields

_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T\s])")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})$")
# "02-04-2024", "2/4/24", "13.04.2024": day and month in an order the text does not say
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
DATE_ORDERS = ("DMY", "MDY")
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "YMD",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year", "month"],
    # no relative dates ("yesterday") and no timestamps: they depend on the clock
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


class BadValue(ValueError):
    """A raw value that cannot become an article field; the message is the reason."""


def size_reason(what: str, size: int | None) -> str:
    """'too large for one article (50.0 MB > 5 MB)'; size None means 'over the limit'."""
    limit = f"{MAX_ARTICLE_BYTES / MB:g} MB"
    if size is None:
        return f"{what} (over {limit})"
    return f"{what} ({size / MB:.1f} MB > {limit})"


def decode_utf8(data: bytes, *, offset: int = 0, bom: bool = True) -> str:
    """Decode UTF-8 bytes, dropping a leading BOM when `bom` is set.

    offset (int): where `data` starts in its file, so errors give the file offset.
    RETURNS (str): the text. Raises BadValue naming the first invalid byte.
    """
    skip = 3 if bom and data.startswith(BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as e:
        at = skip + e.start
        raise BadValue(f"not UTF-8 text (invalid byte 0x{data[at]:02x} "
                       f"at offset {offset + at})") from None


def normalize_paragraphs(lines: list[str]) -> str:
    """Body text with one paragraph per line.

    Blank lines separate paragraphs and the lines inside one are joined. In a
    body without blank lines each line is a paragraph, except that a line not
    ending a sentence is joined with the next (hard-wrapped text).
    Whitespace runs become single spaces.
    """
    stripped = [" ".join(line.split()) for line in lines]
    blocks: list[list[str]] = [[]]
    for line in stripped:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) > 1:
        return "\n".join(" ".join(block) for block in blocks)
    found: list[str] = []
    joining = False
    for line in blocks[0] if blocks else []:
        if joining:
            found[-1] += " " + line
        else:
            found.append(line)
        joining = not line.endswith(SENTENCE_ENDS)
    return "\n".join(found)


def parse_date(value: str, order: str | None = None) -> dt.date:
    """The date of an ISO date or datetime string, else of any absolute date dateparser reads.

    "2024-03-24", "2024-03-24T10:00:00Z", "20240324", "24 March 2024" and
    "Sun, 24 Mar 2024 10:00:00 GMT" give 2024-03-24; a month without a day
    gives its first day. Relative dates ("yesterday") are refused. A numeric date
    whose day and month could be either ("02-04-2024") needs `order`, "DMY" or "MDY"
    (`--date-order`); "24/03/2024" is clear without it.
    Raises BadValue: "impossible date '2024-02-30'", "ambiguous date ..." or
    "unreadable date '...'".
    """
    text = value.strip()
    if not text:
        raise BadValue("empty date")
    match = _ISO_DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise BadValue(f"impossible date {text!r}") from None
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        return _numeric_date(text, *(int(part) for part in numeric.groups()),
                             two_digit_year=len(numeric[3]) == 2, order=order)
    shown = text if len(text) <= 40 else text[:40] + "..."
    unreadable = BadValue(f"unreadable date {shown!r} (expected YYYY-MM-DD)")
    if text.isdigit() or len(text) > 100:  # a bare year, a timestamp, or not a date
        raise unreadable
    import dateparser  # slow import, only for non-ISO dates

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None:
        raise unreadable
    return parsed.date()


def _numeric_date(text: str, first: int, second: int, year: int, *, two_digit_year: bool,
                  order: str | None) -> dt.date:
    if two_digit_year and order is None:
        raise BadValue(f"ambiguous date {text!r} (a two-digit year): pass --date-order "
                       f"{' or '.join(DATE_ORDERS)}")
    year += 2000 if two_digit_year else 0
    if order == "MDY" or order is None and first <= 12 < second:
        month, day = first, second
    elif order == "DMY" or order is None and second <= 12 < first:
        day, month = first, second
    elif first == second:
        day = month = first
    else:
        raise BadValue(f"ambiguous date {text!r} ({first} {_MONTHS[second - 1]} or {second} "
                       f"{_MONTHS[first - 1]}?): pass --date-order {' or '.join(DATE_ORDERS)}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadValue(f"impossible date {text!r}") from None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def json_kind(value: object) -> str:
    """JSON name of a value's type, for messages."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, str):
        return "string"
    return "null" if value is None else type(value).__name__


def without_surrogates(text: str) -> str:
    """The text with lone surrogates (JSON's "\\ud800", a file name that is not UTF-8)
    replaced by U+FFFD: they cannot be written as UTF-8, to the store or a terminal."""
    return _SURROGATE.sub("\ufffd", text)


def _string(record: Mapping[str, object], key: str) -> str | None:
    """A string field stripped of outer whitespace, None when missing, null or empty."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadValue(f"field {key!r} must be a string, got {json_kind(value)}")
    return without_surrogates(value.strip()) or None


def record_article(record: Mapping[str, object], origin: str,
                   options: ReadOptions = ReadOptions()) -> Article | InputError:
    """Article from one JSON/CSV record with fields id, date, title, text, url, source
    (or their other usual names, `RECORD_FIELDS`, or those `options.fields` names).

    origin (str): "file:line", kept on the Article and used in errors.
    RETURNS (Article | InputError): the article, or the reason it cannot be one.
    """
    record = {str(k).strip().lower(): v for k, v in record.items()}
    key = {name: next((k for k in keys if record.get(k) is not None), keys[0])
           for name, keys in options.fields.items()}
    try:
        if record.get(key["text"]) is None:
            raise BadValue(f"missing 'text' field (looked for {', '.join(options.fields['text'])})")
        text = normalize_paragraphs((_string(record, key["text"]) or "").splitlines())
        if not text:
            raise BadValue(EMPTY)
        raw_date = _string(record, key["date"])
        if raw_date is not None:
            day = parse_date(raw_date, options.date_order)
        elif options.default_date is not None:
            day = options.default_date
        else:
            raise BadValue(NO_RECORD_DATE)
        raw_id = record.get(key["id"])
        if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, type(None))):
            raise BadValue(f"field {key['id']!r} must be a string or integer, "
                           f"got {json_kind(raw_id)}")
        article_id = without_surrogates(str(raw_id).strip()) if raw_id is not None else None
        title = " ".join((_string(record, key["title"]) or "").split())
        return Article.create(date=day, title=title, text=text, id=article_id or None,
                              url=_string(record, key["url"]),
                              source=_string(record, key["source"]), origin=origin)
    except BadValue as e:
        return InputError(origin, str(e))
    except Exception as err:  # noqa: BLE001 - a bug: reported for this record, the file goes on
        return ReadingBug(origin, err)

"""Single-article formats: the example text format, plain text, and HTML pages.

Each parser takes the decoded text of one file and returns its Article, or
the InputError that says why it is not one.
"""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from ..errors import InputError
from ..model import Article
from .fields import EMPTY, BadValue, normalize_paragraphs, parse_date

NO_TEXT_DATE = "no date: first line is not 'date YYYY-MM-DD headline' and no --date given"
NO_HTML_DATE = "no date: no published-date meta tag and no --date given"

# "date 2024-03-24 Headline": the example format's first line
_DATE_LINE = re.compile(r"date:?\s+(?P<date>\d{4}-\d{1,2}-\d{1,2}\S*)(?:\s+(?P<title>.*))?",
                        re.IGNORECASE)

# meta names (property, name or itemprop, lower case) that give the published date, best first
DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "dcterms.issued",
    "sailthru.date", "parsely-pub-date",
)


def text_article(text: str, origin: str, default_date: dt.date | None) -> Article | InputError:
    """Article from the example format, or from plain text dated `default_date`.

    Example format: first line "date YYYY-MM-DD headline", then the body.
    Plain text: the first non-empty line is the title, the rest the body.
    """
    lines = text.lstrip("\ufeff").splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return InputError(origin, EMPTY)
    first = " ".join(lines[start].split())
    match = _DATE_LINE.fullmatch(first)
    if match:
        try:
            day = parse_date(match["date"])
        except BadValue as e:
            return InputError(origin, str(e))
        title = match["title"] or ""
    elif default_date is not None:
        day, title = default_date, first
    else:
        return InputError(origin, NO_TEXT_DATE)
    body = normalize_paragraphs(lines[start + 1:])
    if not body and not title.strip():
        return InputError(origin, EMPTY)
    # a headline alone ("echo 'Russia condemned the attack.' | tidings code -") is an article
    return Article.create(date=day, title=title, text=body, origin=origin)


class _PageParser(HTMLParser):
    """Collects a page's title, published-date metas and visible text blocks."""

    SKIP = frozenset({"script", "style", "nav", "footer", "noscript", "template", "svg",
                      "aside", "iframe", "object", "select", "button"})
    BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2",
                        "h3", "h4", "h5", "h6", "blockquote", "section", "article", "main",
                        "header", "pre", "table", "tr", "td", "th", "figure", "figcaption",
                        "hr", "form", "body", "address"})
    BREAKS = frozenset({"br", "hr"})  # end a text block but not the paragraph around it

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.h1: list[str] | None = None  # first <h1>'s text
        self.metas: dict[str, str] = {}
        self.blocks: list[tuple[str, bool]] = []  # (text, inside <p>)
        self._chunk: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False
        self._in_p = False

    def _flush(self) -> None:
        text = " ".join("".join(self._chunk).split())
        if text:
            self.blocks.append((text, self._in_p))
        self._chunk = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v for k, v in attrs if v is not None}
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "")
        content = values.get("content") or values.get("datetime")
        if key and content and (tag == "meta" or key.lower() == "datepublished"):
            self.metas.setdefault(key.strip().lower(), content.strip())
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self._flush()
            if tag not in self.BREAKS:  # a new block closes an open <p>
                self._in_p = tag == "p"
            if tag == "h1" and self.h1 is None:
                self._in_h1, self.h1 = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self._flush()
            if tag not in self.BREAKS:
                self._in_p = False
            if tag == "h1":
                self._in_h1 = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self.SKIP or tag in self.BLOCKS:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self._chunk.append(data)
            if self._in_h1 and self.h1 is not None:
                self.h1.append(data)


def html_article(markup: str, origin: str, default_date: dt.date | None) -> Article | InputError:
    """Article from an HTML page: <title> (else the first <h1>), the text of its
    paragraphs (of all visible blocks when it has no <p>), dated by its
    published-date meta tag, else `default_date`.
    """
    parser = _PageParser()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError) as e:  # html.parser's rare hard failures
        return InputError(origin, f"malformed HTML ({e})")
    parser._flush()
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1 or []).split())
    paragraphs = [text for text, in_p in parser.blocks if in_p]
    if not paragraphs:
        paragraphs = [text for text, _ in parser.blocks if text != title]
    body = "\n".join(paragraphs)
    if not body:
        return InputError(origin, EMPTY)
    published = next((parser.metas[k] for k in DATE_META if parser.metas.get(k)), None)
    if published is not None:
        try:
            day = parse_date(published)
        except BadValue as e:
            return InputError(origin, f"published-date meta tag: {e}")
    elif default_date is not None:
        day = default_date
    else:
        return InputError(origin, NO_HTML_DATE)
    return Article.create(date=day, title=title, text=body, origin=origin)

"""Pages and feeds over HTTP: `tidings ingest https://...` and `--feed URL`.

A page's main text is found by trafilatura (boilerplate, menus and comments left out),
its date read from the page's metadata; a feed (RSS or Atom) is read by feedparser and
each entry becomes an article: its full content when the feed carries it, else the page
it links to, dated by the feed. Every request has a timeout, a size limit and a user
agent that says who is asking; a failure is one InputError line and the run goes on.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article, content_id
from . import pages
from .fields import EMPTY, MAX_ARTICLE_BYTES, MB, BadValue, parse_date, size_reason

MAX_FEED_BYTES = 20 * MB
DEFAULT_TIMEOUT = 20.0  # seconds, for connecting and between bytes received


def _user_agent() -> str:
    try:
        release = version("tidings")
    except PackageNotFoundError:
        release = "dev"
    return f"Tidings/{release} (news event coder; one request at a time)"


USER_AGENT = _user_agent()

Result = Article | InputError


@dataclass(frozen=True)
class WebOptions:
    """How pages and feeds are fetched."""

    timeout: float = DEFAULT_TIMEOUT
    max_page_bytes: int = MAX_ARTICLE_BYTES
    max_feed_bytes: int = MAX_FEED_BYTES


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def url_id(url: str) -> str:
    """The article id of a page: from its address, so a page already stored is known
    before it is fetched again (a feed read every 15 minutes fetches only new pages)."""
    return content_id("url", url.strip())


def fetch(url: str, limit: int, options: WebOptions) -> bytes:
    """The body at `url`; InputError (one line) for a timeout, an HTTP error status, a
    body over `limit` bytes, or a connection that fails."""
    import httpx
    try:
        with httpx.stream("GET", url, timeout=options.timeout, follow_redirects=True,
                          headers={"User-Agent": USER_AGENT}) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} "
                                      f"{response.reason_phrase}".rstrip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise InputError(url, size_reason("too large", int(declared)))
            parts, size = [], 0
            for part in response.iter_bytes():
                size += len(part)
                if size > limit:
                    raise InputError(url, size_reason("too large", None))
                parts.append(part)
            return b"".join(parts)
    except httpx.TimeoutException:
        raise InputError(url, f"timed out after {options.timeout:g} s") from None
    except httpx.InvalidURL as err:
        raise InputError(url, f"not a valid URL ({err})") from None
    except httpx.HTTPError as err:
        raise InputError(url, f"cannot fetch ({type(err).__name__}: {err})") from None


def page_article(url: str, default_date: dt.date | None, options: WebOptions, *,
                 title: str = "", date: dt.date | None = None) -> Result:
    """The Article of the page at `url`: its main text, its title (else `title`), dated
    `date` (a feed's), else by the page's metadata, else `default_date`."""
    try:
        markup = fetch(url, options.max_page_bytes, options)
    except InputError as err:
        return err
    return html_page(markup, url, default_date, title=title, date=date)


def html_page(markup: bytes | str, url: str, default_date: dt.date | None, *,
              title: str = "", date: dt.date | None = None) -> Result:
    """An Article from a page's HTML, as `page_article` reads it."""
    import trafilatura
    document = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False, include_tables=False,
        # the page's own metadata only, not a date guessed from its text
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        return InputError(url, EMPTY)
    if date is None and document.date:
        try:
            date = parse_date(document.date)
        except BadValue as err:
            return InputError(url, f"page date: {err}")
    date = date or default_date
    if date is None:
        return InputError(url, "no date: none in the page's metadata and no --date given")
    return Article.create(id=url_id(url), date=date, title=document.title or title,
                          text=text, url=url,
                          source=document.sitename or urlsplit(url).hostname, origin=url)


def feed_articles(url: str, default_date: dt.date | None, options: WebOptions,
                  is_stored: Callable[[str], bool] | None = None) -> Iterator[Result]:
    """The articles of an RSS or Atom feed, in its order. An entry whose page is stored
    already (`is_stored` of its id) is not fetched again."""
    import feedparser
    try:
        data = fetch(url, options.max_feed_bytes, options)
    except InputError as err:
        yield err
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = (f"not an RSS or Atom feed ({feed.bozo_exception})" if feed.bozo
                  else "a feed with no entries")
        yield InputError(url, " ".join(reason.split()))
        return
    for number, entry in enumerate(feed.entries, 1):
        origin = f"{url}#{number}"
        link = entry.get("link")
        if link and is_stored is not None and is_stored(url_id(link)):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        # feedparser gives UTC; the date of that moment in UTC
        date = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date() if stamp \
            else None
        title = " ".join((entry.get("title") or "").split())
        content = entry.get("content")
        if content:  # the full text in the feed (content:encoded, Atom content)
            article = _feed_text(content[0].get("value") or "", link, origin, title,
                                 date or default_date, feed.feed.get("title"))
        elif link:
            article = page_article(link, default_date, options, title=title, date=date)
        else:
            article = InputError(origin, "an entry with neither content nor link")
        if isinstance(article, InputError) and article.origin != origin:
            article = InputError(f"{origin} ({article.origin})", article.reason)
        yield article


def _feed_text(markup: str, link: str | None, origin: str, title: str,
               date: dt.date | None, feed_title: str | None) -> Result:
    """The article a feed entry carries in full: an HTML fragment, read by the HTML
    reader (main-text extraction needs a whole page)."""
    read = pages.html_article(markup, origin, date)
    if isinstance(read, InputError):
        return read
    return Article.create(id=url_id(link) if link else None, date=read.date,
                          title=title or read.title, text=read.text, url=link,
                          source=feed_title, origin=origin)

"""When an event happened: the article date moved by the time words on its verb.

"on Monday" in a Wednesday article is two days earlier; "yesterday" one day; an
explicit "March 5" or "Jan. 8" is read with dateparser relative to the article date,
preferring the past (news reports what has happened).
"""
from __future__ import annotations

import datetime as dt
import functools

from spacy.tokens import Token

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec", "january", "february", "march", "april", "june", "july", "august",
          "september", "october", "november", "december"}
OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0}
TIME_DEPS = ("npadvmod", "tmod", "obl", "advmod")


def time_phrases(verb: Token) -> list[Token]:
    """Heads of the time expressions attached to the verb ("on Monday", "yesterday")."""
    found = []
    for child in verb.children:
        if child.dep_ in TIME_DEPS or child.dep_ == "pobj":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("on", "in", "since"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


@functools.lru_cache(maxsize=4096)
def _parse(text: str, published: dt.date) -> dt.date | None:
    import dateparser  # imported on first use: it takes a moment to load
    base = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False,
        "REQUIRE_PARTS": ["day", "month"]})
    return parsed.date() if parsed else None


def event_date(verb: Token, published: dt.date) -> tuple[dt.date, str | None]:
    """The event's date and the words that gave it (None: the article date)."""
    for head in time_phrases(verb):
        word = head.lower_.rstrip(".")
        if word in WEEKDAYS:
            back = (published.weekday() - WEEKDAYS.index(word)) % 7
            return published - dt.timedelta(days=back), head.text
        if word in OFFSETS:
            return published + dt.timedelta(days=OFFSETS[word]), head.text
        words = {t.lower_.rstrip(".") for t in head.subtree}
        if words & MONTHS and any(t.like_num for t in head.subtree) and len(words) <= 5:
            text = "".join(t.text_with_ws for t in head.subtree).strip()
            day = _parse(text, published)
            if day and day <= published + dt.timedelta(days=1):
                return day, text
    return published, None

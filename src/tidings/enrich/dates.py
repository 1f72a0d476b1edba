"""When an event happened: the article date moved by the time words on its verb.

Relative words are read against the article date with the clause's tense: "on Monday"
in a Wednesday article is two days earlier when past ("met on Monday"), five days later
when future ("will meet on Monday"); a weekday equal to the article's is that day.
"last week" is that week's Monday (precision week), "earlier this month" or "in March"
the month's first day (month), "in 2019" January 1 (year). An explicit "March 5" is
read with dateparser. An event is historical when its period ended more than
HISTORICAL_DAYS before the article ("in 2019", "since the 2014 annexation").
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Token

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec", *MONTH_NAMES}
OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
PARTS_OF_DAY = {"morning", "afternoon", "evening", "night"}  # "Friday night", "last night"
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3}
FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "prepare", "aim"}
TIME_DEPS = ("npadvmod", "tmod", "obl", "advmod")
AFTER_BEFORE = ("after", "before")
HISTORICAL_DAYS = 30
ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class EventDate:
    """The event's date, the words that gave it (None: the article date), how precise it
    is (day, week, month, year) and whether it refers back to a past event."""

    day: dt.date
    text: str | None = None
    precision: str = "day"
    historical: bool = False


def time_phrases(verb: Token) -> list[Token]:
    """Heads of the time expressions attached to the verb ("on Monday", "yesterday")."""
    found = []
    for child in verb.children:
        if child.dep_ in TIME_DEPS or child.dep_ == "pobj":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("on", "in", "since", "over"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in AFTER_BEFORE:
            found.extend(child for c in child.children if c.dep_ == "npadvmod")
        elif child.dep_ == "dobj":  # "hold talks next Tuesday": parsed onto the object
            found.extend(c for c in child.children if c.dep_ == "npadvmod")
    return found


def is_future(verb: Token) -> bool:
    """ "will meet", "plans to meet", "is expected to hold": the clause looks ahead."""
    while True:
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in verb.children):
            return True
        if verb.lemma_ in FUTURE_HEADS and verb.tag_ in ("VBZ", "VBP", "VBN", "JJ"):
            return True
        if verb.dep_ != "xcomp" or verb.head == verb:
            return False
        verb = verb.head


@functools.lru_cache(maxsize=4096)
def _parse(text: str, published: dt.date, future: bool) -> dt.date | None:
    import dateparser  # imported on first use: it takes a moment to load
    base = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future" if future else "past",
        "STRICT_PARSING": False, "REQUIRE_PARTS": ["day", "month"]})
    return parsed.date() if parsed else None


def _month_start(year: int, month: int, shift: int = 0) -> dt.date:
    index = year * 12 + month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def _period_end(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return _month_start(day.year, day.month, 1) - dt.timedelta(days=1)
    if precision == "week":
        return day + dt.timedelta(days=6)
    return day


def _weekday(word: str, published: dt.date, future: bool, modifier: str | None) -> dt.date:
    """ "next Tuesday" is after the article day, "last Friday" before it; a bare weekday
    goes back in a past clause, forward in a future one, and is the article's own day."""
    target = WEEKDAYS.index(word)
    if modifier == "next" or (future and modifier != "last"):
        ahead = (target - published.weekday()) % 7
        return published + dt.timedelta(days=ahead or (7 if modifier == "next" else 0))
    back = (published.weekday() - target) % 7
    return published - dt.timedelta(days=back or (7 if modifier == "last" else 0))


def _count(head: Token) -> int:
    """ "two days" 2, "a week" 1, bare "years" 2 (the least plural)."""
    for child in head.children:
        if child.like_num and child.text.isdigit():
            return int(child.text)
        if child.lower_ in NUMBERS:
            return NUMBERS[child.lower_]
    return 2 if head.lower_.endswith("s") else 1


def _resolve(head: Token, published: dt.date, future: bool) -> tuple[dt.date, str] | None:
    """(date, precision) of one time phrase, or None when it names no time."""
    word = head.lower_.rstrip(".")
    mods = {c.lower_ for c in head.children}
    modifier = next((m for m in ("next", "last", "this", "past") if m in mods), None)
    weekday = next((c.lower_ for c in head.children if c.lower_ in WEEKDAYS), None)
    ago = any(c.lower_ == "ago" for c in head.head.children) or head.head.lower_ == "ago"
    if word in WEEKDAYS or (weekday and word not in ("week", "weekend")):  # "Friday night"
        return _weekday(weekday or word, published, future, modifier), "day"
    if word in OFFSETS:
        return published + dt.timedelta(days=OFFSETS[word]), "day"
    if word in PARTS_OF_DAY:  # "last night", "this morning"
        return published - dt.timedelta(days=1 if modifier == "last" else 0), "day"
    unit = word.removesuffix("s")
    if ago or head.head.lower_ == "in" and head.dep_ == "pobj" and unit in ("day", "week"):
        sign = 1 if not ago else -1
        n = _count(head) * sign
        if unit == "day":
            return published + dt.timedelta(days=n), "day"
        if unit == "week":
            return published + dt.timedelta(weeks=n), "week"
        if unit == "month":
            return _month_start(published.year, published.month, n), "month"
        if unit == "year":
            return dt.date(published.year + n, 1, 1), "year"
    if word == "weekend":
        return _weekday("saturday", published, future, modifier), "day"
    step = {"next": 1, "last": -1, "past": -1, "this": 0}.get(modifier or "")
    if step is not None and word in ("week", "month", "year"):
        if word == "week":
            monday = published - dt.timedelta(days=published.weekday())
            return monday + dt.timedelta(weeks=step), "week"
        if word == "month":
            return _month_start(published.year, published.month, step), "month"
        return dt.date(published.year + step, 1, 1), "year"
    if match := ORDINAL.match(word):  # "on the 14th": the nearest 14th in the tense
        day_of_month = int(match.group(1))
        for shift in ((0, 1, 2) if future else (0, -1, -2)):
            first = _month_start(published.year, published.month, shift)
            try:
                day = first.replace(day=day_of_month)
            except ValueError:
                continue
            if (day >= published) if future else (day <= published):
                return day, "day"
        return None
    words = [t.lower_.rstrip(".") for t in head.subtree]
    years = [int(w) for w in words if YEAR.match(w)]
    month = next((w for w in words if w in MONTH_NAMES), None)
    has_day = any(t.like_num and not YEAR.match(t.text) for t in head.subtree)
    if set(words) & MONTHS and has_day and len(words) <= 5:
        text = "".join(t.text_with_ws for t in head.subtree).strip()
        day = _parse(text, published, future)
        if day and (future or day <= published + dt.timedelta(days=1)):
            return day, "day"
        return None
    if month:  # "in March", "in November 2023"
        number = MONTH_NAMES.index(month) + 1
        year = years[0] if years else published.year
        if not years and (number > published.month if not future else number < published.month):
            year += 1 if future else -1
        return dt.date(year, number, 1), "month"
    if years and len(words) <= 5:  # "in 2019", "the 2014 annexation"
        return dt.date(years[0], 1, 1), "year"
    return None


def event_date(verb: Token, published: dt.date) -> EventDate:
    """The event's date from the time words on its verb (the article date without any)."""
    future = is_future(verb)
    for phrase in time_phrases(verb):
        head = next((c for c in phrase.children if c.dep_ == "npadvmod"), phrase) \
            if phrase.lower_ == "ago" else phrase  # "two days ago": the head is "days"
        found, shift = _resolve(head, published, future), 0
        prep = head if head.lower_ in AFTER_BEFORE else next(
            (c for c in head.children if c.lower_ in AFTER_BEFORE), None)
        if prep is not None:  # "a day after Tuesday's vote": Tuesday, one day later
            amount = next((c for c in prep.children if c.dep_ == "npadvmod"), head)
            inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
            found = _resolve(inner, published, future) if inner is not None else None
            shift = _count(amount) * (1 if prep.lower_ == "after" else -1)
        if found is None:
            continue
        day, precision = found[0] + dt.timedelta(days=shift), found[1]
        start = min(t.i for t in phrase.subtree)
        if phrase.head.dep_ == "prep" and phrase.head.head == verb:
            start = phrase.head.i  # "on Monday", not "Monday"
        text = phrase.doc[start:max(t.i for t in phrase.subtree) + 1].text
        ended = _period_end(day, precision)
        return EventDate(day, text, precision,
                         (published - ended).days > HISTORICAL_DAYS)
    return EventDate(published)


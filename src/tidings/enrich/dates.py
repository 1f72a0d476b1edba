"""When an event happened: the article date moved by the time words of its clause.

Relative words are read against the article date with the clause's tense: "on Monday"
in a Wednesday article is two days earlier when past ("met on Monday"), five days later
when the clause looks ahead ("will meet on Monday", "plans to meet on Monday"); a weekday
equal to the article's is that day. "last week" is that week's Monday (precision week),
"earlier this month" or "in March" the month's first day (month; a bare month is the
latest one in a past clause), "in 2019" January 1 (year). Explicit dates ("March 5",
"Feb. 24, 2022") are read with dateparser.

The time words are those on the event's own verb (or event noun), else those of the
clause it belongs to: a verb shares the time words of the verb it is a conjunct,
complement or adverbial clause of ("Russia said on Monday that Ukraine attacked ..."),
an event noun those of its verb. "A day after X" counts from X's date: X's own time
words ("Tuesday's vote"), else the date the article gave X earlier ("The attack on
Friday ... a day after the attack"; `DateReader.dated_words`). An event with no time
words of its own takes the date of another mention of the same act in the article
(a body sentence retelling the headline's act "on Saturday"), else, in a story
published the day after its lead event, the lead's date (`dates_from_context`).

An event is historical (background, not news) when the time its words name began more
than HISTORICAL_DAYS before the article ("last week" in a Tuesday story, "in 2019",
"since the 2014 annexation", "the 2004 bombing") or when an adverb of `historical_cues`
tells it as background ("previously supplied").

The words are data (data/nlp/time_words.tsv; the tense words `future` and `scheduled`
are wordlists.tsv's); this module keeps the logic.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Span, Token

from ..model import Event
from ..nlp.wordlists import WordLists, load_word_lists
from ..tables import data_path

# background rather than news: a time that began more than this many days before the
# article ("last week" in a Tuesday story, "earlier this month" on the 19th, "in 2019"; not
# "on Sunday" in a Wednesday story)
HISTORICAL_DAYS = 4
TIME_DEPS = ("npadvmod", "tmod", "obl", "advmod")
# modifiers of an event noun that date it: "the 2004 bombing", "Tuesday's vote"
NOUN_TIME_DEPS = ("nummod", "compound", "amod", "npadvmod", "poss")
# a verb shares the time words of the clause it is a conjunct, complement or adverbial of
SHARING_DEPS = ("conj", "xcomp", "ccomp", "advcl", "acomp")
OBJECT_DEPS = ("dobj", "attr", "oprd")
MAX_CLIMB = 4
ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
YEAR = re.compile(r"^(1[89]|20)\d\d$")
PRESENT = ("VBZ", "VBP", "VBN", "JJ")  # "plans to", "is expected to", "is due to"


@dataclass(frozen=True)
class EventDate:
    """The event's date, the words that gave it (None: the article date), how precise it
    is (day, week, month, year) and whether it refers back to a past event."""

    day: dt.date
    text: str | None = None
    precision: str = "day"
    historical: bool = False
    words: tuple[int, int] | None = None  # the time words' first and last token index


def load_time_words(path: Path | None = None) -> WordLists:
    """Read time_words.tsv (the format of wordlists.tsv)."""
    return load_word_lists(Path(path or data_path("nlp", "time_words.tsv")))


def month_start(year: int, month: int, shift: int = 0) -> dt.date:
    index = year * 12 + month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def monday_of(day: dt.date) -> dt.date:
    """The date a week is given by: its Monday."""
    return day - dt.timedelta(days=day.weekday())


def is_background(day: dt.date, published: dt.date) -> bool:
    """Whether a time that began on `day` began more than HISTORICAL_DAYS before the
    article date."""
    return (published - day).days > HISTORICAL_DAYS


@functools.lru_cache(maxsize=4096)
def _parse(text: str, published: dt.date, future: bool) -> dt.date | None:
    import dateparser  # imported on first use: it takes a moment to load
    base = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future" if future else "past",
        "STRICT_PARSING": False, "REQUIRE_PARTS": ["day", "month"]})
    return parsed.date() if parsed else None


@dataclass(frozen=True)
class DateReader:
    """Reads event dates from a parse with the time words (time_words.tsv) and the
    coder's tense words (wordlists.tsv: `future` auxiliaries, `scheduled` heads)."""

    time: WordLists
    words: WordLists

    # -- the clause's tense ---------------------------------------------------------

    def looks_ahead(self, verb: Token) -> bool:
        """ "will meet", "would visit", "plans to meet", "is expected to hold", "is to
        visit", "is visiting ... on Monday": the clause looks ahead."""
        while True:
            if any(c.dep_ == "aux" and c.lower_ in self.words["future"] for c in verb.children):
                return True
            if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP")
                                          for c in verb.children):
                return True  # present progressive with a time: planned ("is visiting")
            lemma = verb.lemma_.lower()
            if verb.tag_ in PRESENT and (lemma in self.words["scheduled"]
                                         or verb.lower_ in self.words["scheduled"]
                                         or lemma in self.time["planning_verbs"]):
                return True
            if verb.dep_ != "xcomp" or verb.head == verb:
                return False
            if verb.head.lemma_.lower() in self.time["promise_verbs"]:
                return True  # "vowed to hold more demonstrations on Thursday"
            verb = verb.head

    # -- finding the time words -------------------------------------------------------

    def time_phrases(self, token: Token) -> Iterator[Token]:
        """Heads of the time expressions on a verb ("on Monday", "yesterday", "a day
        after the vote") or an event noun ("the 2004 bombing", "Tuesday's vote"), then
        those on its objects ("agreed to a ceasefire on Monday", "hold talks next week")."""
        preps, relative = self.time["time_preps"], self.time["relative_preps"]
        objects = []
        # in "a day after Israeli strikes killed 20 people", "a day" is no time of "killed"
        anchored = self._relative_mark(token) is not None
        for child in token.children:
            if anchored and child.dep_ == "npadvmod":
                continue
            if child.dep_ in TIME_DEPS or child.dep_ == "pobj":
                yield child
            elif child.dep_ == "prep" and child.lower_ in preps:
                # "since losing a no-confidence vote in April": the clause's own time
                yield from (c for c in child.children if c.dep_ in ("pobj", "pcomp"))
                objects.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ in relative:
                yield child  # "a day after the vote", "after scoring on Sunday"
            elif child.dep_ == "prep":
                objects.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "advcl" and self._relative_mark(child) is not None:
                yield child  # "a day after Israeli strikes killed 20 people"
            elif token.pos_ in ("NOUN", "PROPN") and child.dep_ in NOUN_TIME_DEPS and (
                    YEAR.match(child.text) or child.lower_ in self.time["weekdays"]
                    or child.lower_ in self.time["day_offsets"]):
                yield child
            elif child.dep_ in OBJECT_DEPS:
                objects.append(child)
        for noun in objects:
            for child in noun.children:
                if child.dep_ == "npadvmod":  # "hold talks next Tuesday"
                    yield child
                elif child.dep_ == "prep" and child.lower_ in preps:
                    yield from (c for c in child.children if c.dep_ == "pobj"
                                and self._is_time_word(c))

    def _relative_mark(self, clause: Token) -> Token | None:
        """The "after" of a clause dated relative to its head ("a day after ... killed")."""
        return next((c for c in clause.children if c.dep_ == "mark"
                     and c.lower_ in self.time["relative_preps"]), None)

    def _is_time_word(self, token: Token) -> bool:
        """A noun that names a time itself (not "sanctions on Iran", "the attack in 2019")."""
        word = token.lower_.rstrip(".")
        t = self.time
        return (word in t["weekdays"] or word in t["day_offsets"] or word in t["months"]
                or word in t["parts_of_day"] or word in t["seasons"] or bool(YEAR.match(word))
                or bool(ORDINAL.match(word))
                or word.removesuffix("s") in ("day", "week", "weekend", "month", "year"))

    # -- one phrase to a date -------------------------------------------------------

    def _distance(self, amount: Token) -> int:
        """Days in "a day", "two days", "a week"."""
        unit = amount.lower_.removesuffix("s")
        if unit not in ("day", "week"):  # "six hours after", "minutes after"
            return 0
        days = self._count(amount) or 1
        return days * 7 if unit == "week" else days

    def _weekday(self, word: str, published: dt.date, future: bool, step: int | None) -> dt.date:
        """ "next Tuesday" is after the article day, "last Friday" before it; a bare weekday
        goes back in a past clause, forward in a future one, and is the article's own day."""
        target = self.time.numbers("weekdays")[word]
        if step == 1 or (future and step != -1):
            ahead = (target - published.weekday()) % 7
            return published + dt.timedelta(days=ahead or (7 if step == 1 else 0))
        back = (published.weekday() - target) % 7
        return published - dt.timedelta(days=back or (7 if step == -1 else 0))

    def _count(self, head: Token) -> int | None:
        """ "two days" 2, "a week" 1, "a few years" 3; None without a number word."""
        counts = self.time.numbers("counts")
        for child in head.children:
            if child.like_num and child.text.replace(",", "").isdigit():  # "3,000 days"
                return int(child.text.replace(",", ""))
            if child.lower_ in counts:
                return counts[child.lower_]
        return None

    def _season(self, month: int, published: dt.date, future: bool, step: int | None
                ) -> dt.date:
        """The season's first month: the latest one begun (past), the next one to begin
        (future), "last summer" the latest one over."""
        start = dt.date(published.year, month, 1)
        if step == -1:
            return start if month_start(start.year, month, 3) <= published \
                else start.replace(year=start.year - 1)
        if step == 1 or future and step is None:
            return start if start > published else start.replace(year=start.year + 1)
        return start if start <= published else start.replace(year=start.year - 1)

    def resolve(self, head: Token, published: dt.date, future: bool,
                earlier: Mapping[str, EventDate] | None = None) -> tuple[dt.date, str] | None:
        """(date, precision) of the time phrase headed by `head`, or None when it names
        no time; "the same day", "hours later" are the day the article told last
        (the latest day of `earlier`, which keeps the order things were dated in)."""
        t = self.time
        word = head.lower_.rstrip(".")
        if word in t["parts_of_day"] | {"hours", "minutes"} and (
                any(c.lower_ in t["anchor_words"] for c in head.children)
                or word in ("hours", "minutes") and head.head.lower_ in t["anchor_words"]):
            told = [d for d in (earlier or {}).values() if d.precision == "day"]
            return (told[-1].day, "day") if told else None
        steps = t.numbers("steps")
        step = next((steps[c.lower_] for c in head.children if c.lower_ in steps), None)
        weekday = next((c.lower_ for c in head.children if c.lower_ in t["weekdays"]), None)
        if weekday is None and word in t["parts_of_day"]:  # "in the early hours of Monday"
            weekday = next((g.lower_ for c in head.children if c.dep_ == "prep"
                            for g in c.children if g.lower_ in t["weekdays"]), None)
        ago = any(c.lower_ == "ago" for c in head.head.children) or head.head.lower_ == "ago"
        unit = word.removesuffix("s")
        if word in t["weekdays"] or (weekday and unit not in ("week", "weekend")):
            return self._weekday(weekday or word, published, future, step), "day"  # "Friday night"
        if word in t["day_offsets"]:
            return published + dt.timedelta(days=t.numbers("day_offsets")[word]), "day"
        count = self._count(head)
        counted = count is not None and unit in ("day", "week", "month", "year")
        if ago or counted and (step == -1 or head.head.lower_ == "in" and head.dep_ == "pobj"):
            # "two days ago", "in two weeks", "in the last two weeks"
            n = (count or (2 if word.endswith("s") else 1)) * (-1 if ago or step == -1 else 1)
            if unit == "day":
                return published + dt.timedelta(days=n), "day"
            if unit == "week":
                return monday_of(published + dt.timedelta(weeks=n)), "week"
            if unit == "month":
                return month_start(published.year, published.month, n), "month"
            if unit == "year":
                return dt.date(published.year + n, 1, 1), "year"
        if word in t["parts_of_day"] and count is None:  # "last night", "earlier in the day"
            return published - dt.timedelta(days=1 if step == -1 else 0), "day"
        if word == "weekend":
            return self._weekday("saturday", published, future, step), "day"
        if word in t["seasons"]:
            year = next((int(tok.text) for tok in head.subtree if YEAR.match(tok.text)), None)
            month = t.numbers("seasons")[word]
            if year is not None:  # "in the spring of 2019"
                return dt.date(year, month, 1), "month"
            return self._season(month, published, future, step), "month"
        if step is not None and word in ("week", "month", "year"):
            if word == "week":
                return monday_of(published) + dt.timedelta(weeks=step), "week"
            if word == "month":
                return month_start(published.year, published.month, step), "month"
            return dt.date(published.year + step, 1, 1), "year"
        if match := ORDINAL.match(word):  # "on the 14th": the nearest 14th in the tense
            return self._day_of_month(int(match.group(1)), published, future)
        return self._calendar(head, published, future)

    @staticmethod
    def _day_of_month(day_of_month: int, published: dt.date, future: bool
                      ) -> tuple[dt.date, str] | None:
        for shift in ((0, 1, 2) if future else (0, -1, -2)):
            first = month_start(published.year, published.month, shift)
            try:
                day = first.replace(day=day_of_month)
            except ValueError:
                continue
            if (day >= published) if future else (day <= published):
                return day, "day"
        return None

    def _calendar(self, head: Token, published: dt.date, future: bool
                  ) -> tuple[dt.date, str] | None:
        """ "March 5" and "Feb. 24, 2022" (dateparser), "in March" (the latest March in a
        past clause, the next in a future one), "in November 2023", "in 2019"; inside a
        noun only after "since" ("since the disputed July 28 election"): "in a 2014 fraud
        case", "involvement in the March 5 attack" date something else."""
        if not (self._is_time_word(head) or head.like_num or head.head.lower_ == "since"):
            return None
        months = self.time.numbers("months")
        tokens = list(head.subtree)
        words = [tok.lower_.rstrip(".") for tok in tokens]
        years = [int(w) for w in words if YEAR.match(w)]
        at = next((i for i, tok in enumerate(tokens) if words[i] in months
                   and tok.text[:1].isupper()), None)  # "ahead of the march" is no month
        month = words[at] if at is not None else None
        if month is not None:  # "March 5", "5 March", "Feb. 24, 2022", "the July 28 election"
            near = [tok for tok in tokens[max(at - 1, 0):at + 4]
                    if tok.i == tokens[at].i or tok.like_num or tok.is_punct]
            if any(tok.like_num and not YEAR.match(tok.text) and tok.text.isdigit()
                   and int(tok.text) <= 31 for tok in near):
                text = "".join(tok.text_with_ws for tok in near).strip(" ,")
                day = _parse(text, published, future)
                if day and (future or day <= published + dt.timedelta(days=1)):
                    return day, "day"
                return None
        if month:  # "in March", "in November 2023"
            number = months[month]
            year = years[0] if years else published.year
            if not years and (number < published.month if future else number > published.month):
                year += 1 if future else -1
            return dt.date(year, number, 1), "month"
        if years and len(words) <= 5:  # "in 2019", "the 2014 annexation"
            return dt.date(years[0], 1, 1), "year"
        return None

    # -- the event's date ---------------------------------------------------------------

    def own_date(self, token: Token, published: dt.date,
                 earlier: Mapping[str, EventDate] | None = None) -> EventDate | None:
        """The date the time words on `token` itself give, or None."""
        future = self.looks_ahead(token)
        for phrase in self.time_phrases(token):
            try:
                found = self._phrase_date(phrase, token, published, future, earlier or {})
            except (OverflowError, ValueError):  # "in 99999 years", an article of year 1
                continue
            if found is not None:
                return found
        return None

    def _phrase_date(self, phrase: Token, token: Token, published: dt.date, future: bool,
                     earlier: Mapping[str, EventDate]) -> EventDate | None:
        relative = self.time["relative_preps"]
        head = next((c for c in phrase.children if c.dep_ == "npadvmod"), phrase) \
            if phrase.lower_ in ("ago", "later", "earlier") else phrase
        # "two days ago", "later this year": the head is "days", "year"
        if phrase.dep_ == "pcomp":  # "since losing a vote in April"
            found = self.own_date(phrase, published, earlier)
            return found if found is None or found.words is None else replace(
                found, text=token.doc[phrase.head.i:found.words[1] + 1].text,
                words=(phrase.head.i, found.words[1]))
        if phrase.dep_ == "advcl":  # "a day after Israeli strikes killed 20 people"
            mark = self._relative_mark(phrase)
            amount = next((c for c in phrase.children if c.dep_ == "npadvmod"), None)
            anchor = self.own_date(phrase, published, earlier) or earlier.get(phrase.lemma_.lower())
            found = (anchor.day, anchor.precision) if anchor else None
            prep, start = mark, min(t.i for t in phrase.subtree)
        else:
            prep = head if head.lower_ in relative else next(
                (c for c in head.children if c.lower_ in relative), None)
            amount = None
            found = self.resolve(head, published, future, earlier) if prep is None else None
            if prep is not None:  # "a day after Tuesday's vote": Tuesday, one day later
                amount = next((c for c in prep.children if c.dep_ == "npadvmod"), head)
                inner = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                found = self.resolve(inner, published, future, earlier) \
                    if inner is not None else None
                if found is None and inner is not None:
                    anchor = self.own_date(inner, published, earlier) \
                        or earlier.get(inner.lemma_.lower())
                    found = (anchor.day, anchor.precision) if anchor else None
            start = min(t.i for t in phrase.subtree)
            if phrase.head.dep_ == "prep" and phrase.head.lower_ in self.time["time_preps"]:
                start = phrase.head.i  # "on Monday", not "Monday"
        if found is None or prep is not None and prep.lower_ != "after" and amount is head:
            return None  # "before the vote" says only that it was earlier
        shift = 0
        if prep is not None and amount is not None:
            shift = self._distance(amount) * (1 if prep.lower_ == "after" else -1)
        day, precision = found[0] + dt.timedelta(days=shift), found[1]
        # a clause on the time noun is not part of the date ("on Tuesday where elders met")
        clauses = {t.i for c in phrase.children if c.dep_ in ("relcl", "acl")
                   for t in c.subtree}
        end = max(t.i for t in phrase.subtree if t.i not in clauses)
        while end > start and token.doc[end].is_punct:  # "on Monday," of an apposition
            end -= 1
        text = token.doc[start:end + 1].text
        return EventDate(day, text, precision, is_background(day, published),
                         (start, end))

    def event_date(self, token: Token, published: dt.date,
                   earlier: Mapping[str, EventDate] | None = None) -> EventDate:
        """The event's date from the time words of its verb or event noun `token`, else of
        the clause it belongs to (the article date without any); `earlier` maps the
        lemmas the article dated before to their dates ("a day after the attack")."""
        step, shift, moved = token, 0, []
        for _ in range(MAX_CLIMB):
            found = self.own_date(step, published, earlier)
            if found is not None:
                try:
                    day = found.day + dt.timedelta(days=shift)
                except OverflowError:
                    day = found.day
                if moved and found.words:  # quote "on Monday, a day after" as one span
                    first = min(found.words[0], *(t.i for t in moved))
                    last = max(found.words[1], *(t.i for t in moved))
                    found = replace(found, text=token.doc[first:last + 1].text,
                                    words=(first, last))
                return replace(found, day=day, historical=found.historical
                               or self._told_as_past(token)
                               or is_background(day, published))
            if step.dep_ in SHARING_DEPS and step.head != step:
                mark = self._relative_mark(step)  # "condemned it a day after strikes killed"
                amount = next((c for c in step.children if c.dep_ == "npadvmod"), None)
                if mark is not None and amount is not None:
                    shift += self._distance(amount) * (-1 if mark.lower_ == "after" else 1)
                    moved += [*amount.subtree, mark]
                step = step.head
            elif step.pos_ in ("NOUN", "PROPN"):
                step = next((a for a in step.ancestors if a.pos_ in ("VERB", "AUX")), None)
                if step is None:
                    break
            else:
                break
        for child in token.children:
            if self._dates_its_head(child):
                found = self.own_date(child, published, earlier)
                if found is not None:
                    return replace(found, historical=found.historical or self._told_as_past(token))
        return EventDate(published, historical=self._told_as_past(token))

    def _dates_its_head(self, clause: Token) -> bool:
        """A clause below a verb whose time words are the verb's: its "to" complement
        ("agreed to hold talks later this year"), a participle before it ("Speaking on
        Sunday, the president condemned ..."), or the report it is told in ("... signed a
        ceasefire, mediators said on Saturday")."""
        if clause.dep_ == "xcomp":
            return True
        if clause.dep_ == "advcl" and clause.tag_ in ("VBG", "VBN") \
                and not any(c.dep_ == "mark" for c in clause.children):
            return True
        return clause.dep_ in ("conj", "parataxis", "ccomp") \
            and clause.lemma_.lower() in self.words["reporting_verbs"]

    def _told_as_past(self, token: Token) -> bool:
        """ "Russia previously supplied Syria with jets": an adverb tells it as background."""
        cues = self.time["historical_cues"]
        return any(c.dep_ == "advmod" and c.lower_ in cues and not any(True for _ in c.children)
                   for c in token.children)

    def dated_words(self, sent: Span, published: dt.date,
                    earlier: Mapping[str, EventDate] | None = None) -> dict[str, EventDate]:
        """lemma -> date of each verb and event noun of the sentence with time words of its
        own ("Gunmen attacked the hall on Friday": attack -> Friday), for a later "a day
        after the attack"."""
        found = {}
        for token in sent:
            if token.pos_ in ("VERB", "NOUN") and not self._is_time_word(token):
                date = self.own_date(token, published, earlier)
                if date is not None:
                    found[token.lemma_.lower()] = date
        return found


def dates_from_context(events: list[Event], is_symmetric=lambda code: False) -> None:
    """Dates for the events without time words of their own, from the rest of the article:
    the nearest other mention of the same act dated to a day of the news (same root and
    countries, either order when symmetric), so a body sentence retelling the headline's act "on
    Saturday" dates the headline's; else, in an article published the day after its lead
    event (its first event dated to a day), that day: such a story reports the day
    before, and its undated details, quotes and reactions belong to it. `date_text` then
    quotes the other mention's words."""
    def act(event: Event) -> tuple:
        sides = (event.source.country or event.source.code,
                 event.target.country or event.target.code if event.target else None)
        if event.target is not None and is_symmetric(event.cameo):
            sides = tuple(sorted(sides))
        return event.cameo_root, sides

    # a retelling is dated to a day and news: "in February", "last week" may be another act
    dated = [(i, act(e)) for i, e in enumerate(events) if e.date_text is not None
             and e.date_precision == "day" and not e.historical]
    # an event without time words has the article date
    published = next((e.date for e in events if e.date_text is None), None)
    lead = next((e for e in events if e.date_text is not None and e.date_precision == "day"
                 and not e.historical), None)
    if lead is not None and (published is None or (published - lead.date).days != 1):
        lead = None
    for i, event in enumerate(events):
        if event.date_text is not None or event.historical:
            continue
        key = act(event)
        twins = sorted((abs(j - i), j > i, j) for j, k in dated if k == key)
        twin = events[twins[0][2]] if twins else lead
        if twin is not None:
            event.date, event.date_text = twin.date, twin.date_text
            event.date_precision, event.historical = twin.date_precision, twin.historical

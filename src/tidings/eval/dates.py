"""Score event dates against the dates of a gold file's events.

A gold event may carry `date` (YYYY-MM-DD), `date_text` (the time words, null when the
date is the article's), `date_precision` (day, week, month, year), `historical` and
`date_basis` (`time_words`: the sentence's own time words; `context`: other sentences of
the article; `published`: the article date). Coded events are paired with gold events
as at level a of `tidings eval gold` (root + source and target countries, per article),
within each sentence first;
over the pairs whose gold event has a date, the report counts dates equal to the gold
date and within one day of it, for all pairs and per basis, and the precision and recall
of `historical`. A gold event without `date_basis` counts as `time_words` when its
`date_text` is set, else `published`.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..coding.codes import CodeTable
from ..errors import InputError
from ..model import Article, Event
from .gold import Coding, Score, coding_of, one_per_pair, read_gold, twins_in_gold

BASES = ("time_words", "context", "published")


@dataclass(frozen=True)
class GoldDate:
    """The date a gold event records."""

    day: dt.date
    text: str | None
    precision: str
    historical: bool
    basis: str


@dataclass
class Tally:
    pairs: int = 0
    exact: int = 0
    near: int = 0  # within one day

    def add(self, days_off: int) -> None:
        self.pairs += 1
        self.exact += days_off == 0
        self.near += days_off <= 1

    def share(self, count: int) -> float:
        return count / self.pairs if self.pairs else 0.0


@dataclass(frozen=True)
class DateMiss:
    article: str
    n: int  # index of the gold event in its article's events
    gold: GoldDate
    coded: Event


@dataclass
class DateReport:
    articles: int = 0
    gold_events: int = 0
    gold_dated: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {b: Tally() for b in ("all", *BASES)})
    historical: Score = field(default_factory=Score)
    misses: list[DateMiss] = field(default_factory=list)  # more than one day off
    across: int = 0  # pairs of a coded and a gold event from different sentences
    errors: list[str] = field(default_factory=list)

    def add(self, other: DateReport) -> None:
        """Count `other`'s articles too (several gold files, one report)."""
        self.articles += other.articles
        self.gold_events += other.gold_events
        self.gold_dated += other.gold_dated
        for name, tally in other.tallies.items():
            mine = self.tallies[name]
            mine.pairs, mine.exact, mine.near = (mine.pairs + tally.pairs,
                                                 mine.exact + tally.exact, mine.near + tally.near)
        for count in ("tp", "fp", "fn"):
            setattr(self.historical, count,
                    getattr(self.historical, count) + getattr(other.historical, count))
        self.misses += other.misses
        self.errors += other.errors
        self.across += other.across

    def to_dict(self) -> dict:
        return {
            "articles": self.articles, "gold_events": self.gold_events,
            "gold_dated": self.gold_dated, "pairs_across_sentences": self.across,
            "dates": {name: {"pairs": t.pairs, "exact": round(t.share(t.exact), 4),
                             "within_one_day": round(t.share(t.near), 4)}
                      for name, t in self.tallies.items()},
            "historical": {"tp": self.historical.tp, "fp": self.historical.fp,
                           "fn": self.historical.fn,
                           "precision": round(self.historical.precision, 4),
                           "recall": round(self.historical.recall, 4)},
            "misses": [{"article": m.article, "n": m.n, "gold": m.gold.day.isoformat(),
                        "gold_text": m.gold.text, "basis": m.gold.basis,
                        "coded": m.coded.date.isoformat(), "coded_text": m.coded.date_text,
                        "sentence": m.coded.sentence} for m in self.misses],
            "errors": self.errors,
        }


def gold_date(event: dict) -> GoldDate | None:
    """The date fields of one gold event, or None when it has no date; a malformed one
    raises ValueError naming the field."""
    if event.get("date") is None:
        return None
    text = event.get("date_text")
    basis = event.get("date_basis") or ("time_words" if text else "published")
    if basis not in BASES:
        raise ValueError(f"date_basis {basis!r} is none of {', '.join(BASES)}")
    precision = event.get("date_precision", "day")
    if precision not in ("day", "week", "month", "year"):
        raise ValueError(f"date_precision {precision!r} is none of day, week, month, year")
    try:
        day = dt.date.fromisoformat(event["date"])
    except (ValueError, TypeError) as err:
        raise ValueError(f"date {event['date']!r}: {err}") from None
    return GoldDate(day, text, precision,
                    bool(event.get("historical", False)), basis)


def read_gold_dates(path: Path) -> list[list[GoldDate | None] | InputError]:
    """Per article line (as `read_gold` reads them), its events' gold dates."""
    found: list[list[GoldDate | None] | InputError] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                found.append([gold_date(e) for e in json.loads(line).get("events", [])])
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                found.append(InputError(f"{path}:{number}", f"bad gold date: {err}"))
    return found


def evaluate_dates(path: Path, code_article: Callable[[Article], list[Event] | InputError],
                   codes: CodeTable,
                   is_symmetric: Callable[[str], bool] = lambda code: False) -> DateReport:
    """Code every gold article and compare the dates of the events paired with gold ones."""
    report = DateReport()
    for item, dates in zip(read_gold(path), read_gold_dates(path)):
        if isinstance(item, InputError) or isinstance(dates, InputError):
            report.errors.append(str(item if isinstance(item, InputError) else dates))
            continue
        article, expected = item
        coded = code_article(article)
        if isinstance(coded, InputError):
            report.errors.append(str(coded))
            continue
        report.articles += 1
        report.gold_events += len(expected)
        report.gold_dated += sum(d is not None for d in dates)
        # as the gold scorer counts: a symmetric act coded both ways in a sentence is one
        kept_gold = one_per_pair(expected, is_symmetric)
        index = [next(j for j, g in enumerate(expected) if g is kept) for kept in kept_gold]
        predicted = [coding_of(e) for e in coded]
        kept_pred = one_per_pair(predicted, is_symmetric)
        events = [coded[next(i for i, p in enumerate(predicted) if p is kept)]
                  for kept in kept_pred]
        twins = same_sentence_first(kept_gold, kept_pred, codes, is_symmetric)
        for event, twin in zip(events, twins):
            gold = dates[index[twin]] if twin is not None else None
            if gold is None:
                continue
            off = abs((event.date - gold.day).days)
            report.tallies["all"].add(off)
            report.tallies[gold.basis].add(off)
            report.across += kept_gold[twin].sentence != event.sentence
            report.historical.tp += event.historical and gold.historical
            report.historical.fp += event.historical and not gold.historical
            report.historical.fn += gold.historical and not event.historical
            if off > 1:
                report.misses.append(DateMiss(article.id, index[twin], gold, event))
    return report


def same_sentence_first(gold: list[Coding], predicted: list[Coding], codes: CodeTable,
                        is_symmetric: Callable[[str], bool]) -> list[int | None]:
    """The level-a pairing, made within each sentence first: a date belongs to a
    sentence, and a coded event may match a gold one of another sentence only when its
    own sentence has none left."""
    twins: list[int | None] = [None] * len(predicted)
    for sentence in dict.fromkeys(p.sentence for p in predicted):
        mine = [i for i, p in enumerate(predicted) if p.sentence == sentence]
        theirs = [j for j, g in enumerate(gold) if g.sentence == sentence]
        found = twins_in_gold([gold[j] for j in theirs], [predicted[i] for i in mine], codes,
                              "a", is_symmetric)
        for i, twin in zip(mine, found):
            twins[i] = theirs[twin] if twin is not None else None
    left_gold = [j for j in range(len(gold)) if j not in set(twins)]
    left_pred = [i for i, t in enumerate(twins) if t is None]
    found = twins_in_gold([gold[j] for j in left_gold], [predicted[i] for i in left_pred],
                          codes, "a", is_symmetric)
    for i, twin in zip(left_pred, found):
        twins[i] = left_gold[twin] if twin is not None else None
    return twins


def format_date_report(report: DateReport, *, details: bool = True) -> str:
    """The report as plain text: shares exact and within a day, historical, misses."""
    lines = [(f"{report.articles} articles, {report.gold_events} gold events, "
              f"{report.gold_dated} with a gold date"), "",
             "dates of coded events paired with gold ones (level a):",
             "basis        pairs   exact  within one day"]
    for name, t in report.tallies.items():
        lines.append(f"{name:<12} {t.pairs:>5} {t.share(t.exact):>7.3f} {t.share(t.near):>15.3f}")
    lines.append(f"({report.across} of the pairs join events of different sentences)")
    h = report.historical
    lines += ["", (f"historical   precision {h.precision:.3f}  recall {h.recall:.3f}  "
                   f"(tp {h.tp}, fp {h.fp}, fn {h.fn})")]
    if details:
        lines += ["", f"more than one day off ({len(report.misses)}):"]
        lines += [f"  {m.article} #{m.n}: gold {m.gold.day} {m.gold.precision} "
                  f"({m.gold.basis}: {m.gold.text!r}), coded {m.coded.date} "
                  f"{m.coded.date_precision} ({m.coded.date_text!r}) | {m.coded.sentence}"
                  for m in report.misses]
    for error in report.errors:
        lines.append(f"error: {error}")
    return "\n".join(lines)

"""Score Tidings against a gold file of the project's own format.

Gold file: JSONL, one article per line:
    {"id": "...", "date": "YYYY-MM-DD", "title": "...", "text": "...",
     "events": [{"source": "SYRGOV", "target": "RUSGOV" | null, "cameo": "018",
                 "sentence": "the sentence that carries it"}]}

Events are compared per article as multisets at three levels:
  a) CAMEO root + source country + target country
  b) full CAMEO code + full actor codes
  c) PLOVER type only (events whose code has no PLOVER type are left out)

A symmetric act (meet, negotiate, cooperate: the `symmetric` code class) is one fact
whichever side is named first: its two actors are compared as an unordered pair, and a
gold file that codes it both ways in one sentence counts it once.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..coding.codes import CodeTable
from ..errors import InputError
from ..model import Article, Event

LEVELS = {
    "a": "root + source country + target country",
    "b": "full CAMEO code + actor codes",
    "c": "PLOVER type",
}


@dataclass(frozen=True)
class Coding:
    """One event reduced to what gold data records."""

    source: str
    target: str | None
    cameo: str
    sentence: str = ""


def country_of(code: str | None) -> str | None:
    """Country part of an actor code; IGOs and NGOs keep their whole code."""
    if code is None:
        return None
    return code if code.startswith(("IGO", "NGO")) else code[:3]


def level_of(coding: Coding, level: str, codes: CodeTable) -> tuple | None:
    info = codes.codes.get(coding.cameo)
    if level == "c":
        plover = info.plover if info else None
        return (plover,) if plover else None
    if level == "a":
        what, sides = info.root if info else coding.cameo[:2], \
            (country_of(coding.source), country_of(coding.target))
    else:
        what, sides = coding.cameo, (coding.source, coding.target)
    return (what, *sides)


def one_per_pair(codings: list[Coding], is_symmetric: Callable[[str], bool]) -> list[Coding]:
    """A symmetric act coded both ways in one sentence counts once."""
    kept, seen = [], set()
    for c in codings:
        if c.target is not None and is_symmetric(c.cameo):
            key = (c.sentence, c.cameo, frozenset((c.source, c.target)))
            if key in seen:
                continue
            seen.add(key)
        kept.append(c)
    return kept


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class GoldReport:
    articles: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in LEVELS})
    confusion: Counter = field(default_factory=Counter)  # (gold root, predicted root) -> n
    misses: list[tuple[str, Coding]] = field(default_factory=list)
    false_alarms: list[tuple[str, Coding]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "articles": self.articles, "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "levels": {k: {"description": LEVELS[k], "tp": s.tp, "fp": s.fp, "fn": s.fn,
                           "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                           "f1": round(s.f1, 4)} for k, s in self.scores.items()},
            "confusion": [{"gold": g, "predicted": p, "n": n}
                          for (g, p), n in sorted(self.confusion.items())],
            "misses": [{"article": a, **c.__dict__} for a, c in self.misses],
            "false_alarms": [{"article": a, **c.__dict__} for a, c in self.false_alarms],
            "errors": self.errors,
        }


def read_gold(path: Path) -> list[tuple[Article, list[Coding]] | InputError]:
    """Articles and their expected codings; a malformed line becomes an InputError."""
    found: list[tuple[Article, list[Coding]] | InputError] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                record = json.loads(line)
                article = Article.create(id=record.get("id"), date=dt.date.fromisoformat(record["date"]),
                                         title=record.get("title") or "", text=record["text"],
                                         origin=origin)
                expected = [Coding(e["source"], e.get("target"), str(e["cameo"]),
                                   e.get("sentence", "")) for e in record.get("events", [])]
            except (ValueError, KeyError, TypeError) as err:
                found.append(InputError(origin, f"bad gold record: {err}"))
                continue
            found.append((article, expected))
    return found


def coding_of(event: Event) -> Coding:
    return Coding(event.source.code, event.target.code if event.target else None, event.cameo,
                  event.sentence)


def twins_in_gold(gold: list[Coding], predicted: list[Coding], codes: CodeTable,
                  level: str = "a", is_symmetric: Callable[[str], bool] = lambda code: False
                  ) -> list[int | None]:
    """For each predicted coding, the index of the gold coding it pairs with at `level`
    (None: none): paired in order with a gold coding of the same key, each gold coding
    used once. Where either side's act is symmetric, the two actors may come in either
    order (a gold 042 visit matches a coded 040 meeting of the same two countries at
    level a); pairs in the stated order are made first."""
    def key(coding: Coding) -> tuple | None:
        return level_of(coding, level, codes)

    def turned(coding: Coding) -> tuple | None:
        k = key(coding)
        return None if k is None or len(k) < 3 or coding.target is None else (k[0], k[2], k[1])

    unused = list(range(len(gold)))
    twins: list[int | None] = [None] * len(predicted)
    for exact in (True, False):
        for i, coding in enumerate(predicted):
            wanted = key(coding) if exact else turned(coding)
            if twins[i] is not None or wanted is None:
                continue
            twins[i] = next((j for j in unused if key(gold[j]) == wanted and (
                exact or is_symmetric(coding.cameo) or is_symmetric(gold[j].cameo))), None)
            if twins[i] is not None:
                unused.remove(twins[i])
    return twins


def pair_with_gold(gold: list[Coding], predicted: list[Coding], codes: CodeTable,
                   level: str = "a", is_symmetric: Callable[[str], bool] = lambda code: False
                   ) -> tuple[list[bool], list[Coding]]:
    """Whether each predicted coding is right at `level` (`twins_in_gold`), and the gold
    codings left over."""
    twins = twins_in_gold(gold, predicted, codes, level, is_symmetric)
    used = set(twins)
    return [t is not None for t in twins], [g for j, g in enumerate(gold) if j not in used]


def score_article(report: GoldReport, article_id: str, gold: list[Coding],
                  predicted: list[Coding], codes: CodeTable,
                  is_symmetric: Callable[[str], bool] = lambda code: False) -> None:
    def key_at(coding: Coding, level: str) -> tuple | None:
        return level_of(coding, level, codes)
    gold, predicted = one_per_pair(gold, is_symmetric), one_per_pair(predicted, is_symmetric)
    report.articles += 1
    report.gold_events += len(gold)
    report.predicted_events += len(predicted)
    for level, score in report.scores.items():
        scored = [c for c in predicted if key_at(c, level)]
        hit = sum(pair_with_gold(gold, scored, codes, level, is_symmetric)[0])
        score.tp += hit
        score.fp += len(scored) - hit
        score.fn += sum(1 for c in gold if key_at(c, level)) - hit
    # misses/false alarms and root confusion, at level a
    paired, unmatched_gold = pair_with_gold(gold, predicted, codes, "a", is_symmetric)
    unmatched_pred = []
    for coding, right in zip(predicted, paired):
        if right:
            root = key_at(coding, "a")[0]
            report.confusion[(root, root)] += 1
        else:
            unmatched_pred.append(coding)
    for coding in unmatched_pred:
        pair = (country_of(coding.source), country_of(coding.target))
        twin = next((g for g in unmatched_gold
                     if (country_of(g.source), country_of(g.target)) == pair), None)
        pred_root = key_at(coding, "a")[0]
        if twin:
            unmatched_gold.remove(twin)
            report.confusion[(key_at(twin, "a")[0], pred_root)] += 1
            report.misses.append((article_id, twin))
        else:
            report.confusion[("none", pred_root)] += 1
        report.false_alarms.append((article_id, coding))
    for coding in unmatched_gold:
        if (article_id, coding) not in report.misses:
            report.confusion[(key_at(coding, "a")[0], "none")] += 1
            report.misses.append((article_id, coding))


def evaluate_gold(path: Path, code_article: Callable[[Article], list[Event] | InputError],
                  codes: CodeTable,
                  is_symmetric: Callable[[str], bool] = lambda code: False) -> GoldReport:
    """Code every gold article with `code_article` and score it; `is_symmetric` says
    which codes are the same act from either side."""
    report = GoldReport()
    for item in read_gold(path):
        if isinstance(item, InputError):
            report.errors.append(str(item))
            continue
        article, expected = item
        coded = code_article(article)
        if isinstance(coded, InputError):  # an article the coder failed on: named, skipped
            report.errors.append(str(coded))
            continue
        predicted = [coding_of(e) for e in coded]
        score_article(report, article.id, expected, predicted, codes, is_symmetric)
    return report


def format_report(report: GoldReport, *, details: bool = True) -> str:
    """The report as plain text: scores, root confusion, misses and false alarms."""
    lines = [f"{report.articles} articles, {report.gold_events} gold events, "
             f"{report.predicted_events} coded", "",
             "level  precision  recall  F1      tp  fp  fn  (what must match)"]
    for level, s in report.scores.items():
        lines.append(f"{level:<6} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} "
                     f"{s.tp:>5} {s.fp:>3} {s.fn:>3}  {LEVELS[level]}")
    roots = sorted({g for g, _ in report.confusion} | {p for _, p in report.confusion},
                   key=lambda r: (r == "none", r))
    lines += ["", "root confusion (rows gold, columns coded, level a pairing):",
              "      " + " ".join(f"{r:>4}" for r in roots)]
    for g in roots:
        lines.append(f"{g:>5} " + " ".join(f"{report.confusion.get((g, p), 0) or '.':>4}"
                                          for p in roots))
    if details:
        lines += ["", f"misses ({len(report.misses)}):"]
        lines += [f"  {a}: {c.source} -> {c.target} {c.cameo} | {c.sentence}"
                  for a, c in report.misses]
        lines += ["", f"false alarms ({len(report.false_alarms)}):"]
        lines += [f"  {a}: {c.source} -> {c.target} {c.cameo} | {c.sentence}"
                  for a, c in report.false_alarms]
    for error in report.errors:
        lines.append(f"error: {error}")
    return "\n".join(lines)

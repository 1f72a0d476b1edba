"""Score the quotes Tidings finds, and their speakers, against a gold file.

Gold file: JSONL, one quote per line:
    {"article": "voa-8011115", "quote": "the words", "kind": "direct" | "continued" |
     "attributed" | "according_to", "speaker_text": "Sudani", "speaker": "Mohammed Shia
     al-Sudani", "speaker_code": "IRQGOV", "speaker_country": "IRQ"}
`article` names a story of the stories file by its id, or by its id after a source
prefix ("voa-8011115" is story "8011115").

A gold quote is found when a quote Tidings reads in that article shares most of its
words: at least half of the gold quote's words, or half of the found quote's when that
is the part of a longer gold quote. Each found quote answers one gold quote (the best
overlap first). Of the quotes found, the speaker is right when the speaker codes are the
same (both empty counts as the same; IGOs by their last three letters, `same_code`); the
speaker's country is reported beside it.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, TidingsError
from ..model import QUOTE_KINDS, Article, ArticleCoding, Quote

WORD = re.compile(r"[\w']+")
ENOUGH = 0.5  # share of words in common that makes two quotes the same
LEAST_WORDS = 3  # a found quote matched as part of a longer gold quote has this many words


@dataclass(frozen=True)
class GoldQuote:
    article: str
    quote: str
    kind: str
    speaker_code: str
    speaker_country: str
    speaker_text: str = ""
    line: int = 0


@dataclass
class QuoteResult:
    gold: GoldQuote
    found: Quote | None

    @property
    def speaker_right(self) -> bool:
        return self.found is not None and same_code(
            self.found.speaker.code if self.found.speaker else "", self.gold.speaker_code)

    @property
    def country_right(self) -> bool:
        return self.found is not None and ((self.found.speaker.country or "")
                                           if self.found.speaker else "") == \
            self.gold.speaker_country


@dataclass
class QuoteReport:
    results: list[QuoteResult] = field(default_factory=list)
    found_total: int = 0  # quotes Tidings read in the gold articles, matched or not
    missing_articles: list[str] = field(default_factory=list)

    def figures(self, kind: str | None = None) -> dict:
        rows = [r for r in self.results if kind is None or r.gold.kind == kind]
        found = [r for r in rows if r.found is not None]
        right = sum(r.speaker_right for r in found)
        country = sum(r.country_right for r in found)
        return {"gold": len(rows), "found": len(found),
                "recall": len(found) / len(rows) if rows else None,
                "speaker_right": right,
                "speaker_accuracy": right / len(found) if found else None,
                "country_accuracy": country / len(found) if found else None}

    def to_dict(self) -> dict:
        return {"all": self.figures(),
                "kinds": {k: self.figures(k) for k in QUOTE_KINDS},
                "found_total": self.found_total,
                "missing_articles": self.missing_articles,
                "wrong_speakers": [_describe(r) for r in self.results
                                   if r.found is not None and not r.speaker_right],
                "not_found": [_describe(r) for r in self.results if r.found is None]}


def same_code(found: str, gold: str) -> bool:
    """The same actor code; IGOs are compared by their known-group code, the last three
    letters, as GDELT's Actor KnownGroupCode does (IGOEUREEC and IGOEEC are the EU)."""
    if found.startswith("IGO") and gold.startswith("IGO"):
        return found[-3:] == gold[-3:]
    return found == gold


def _describe(result: QuoteResult) -> dict:
    found = result.found
    return {"line": result.gold.line, "article": result.gold.article,
            "quote": result.gold.quote[:80], "kind": result.gold.kind,
            "gold_speaker": result.gold.speaker_code,
            "found_speaker": (found.speaker.code if found.speaker else "") if found else None,
            "found_speaker_text": found.speaker_text if found else None}


def read_gold_quotes(path: Path) -> list[GoldQuote]:
    """The gold quotes of a JSONL file; a bad line is a TidingsError naming file and line."""
    quotes = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                quotes.append(GoldQuote(str(row["article"]), row["quote"], row["kind"],
                                        row.get("speaker_code") or "",
                                        row.get("speaker_country") or "",
                                        row.get("speaker_text") or "", number))
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise TidingsError(f"{path}:{number}: not a gold quote ({err})") from None
            if quotes[-1].kind not in QUOTE_KINDS:
                raise TidingsError(f"{path}:{number}: kind {quotes[-1].kind!r} is not one of "
                                   f"{', '.join(QUOTE_KINDS)}")
    return quotes


def story_key(article_id: str, wanted: set[str]) -> str | None:
    """The gold name of a story: its id, or its id after a source prefix ("voa-")."""
    if article_id in wanted:
        return article_id
    return next((w for w in wanted if w.split("-", 1)[-1] == article_id), None)


def words(text: str) -> Counter:
    return Counter(WORD.findall(text.lower().replace("\u2019", "'")))


def overlap(gold: str, found: str) -> float:
    """How much two quotes share: the larger of the shares of either one's words."""
    g, f = words(gold), words(found)
    common = sum((g & f).values())
    if not g or not f:
        return 0.0
    part = common / sum(f.values()) if sum(f.values()) >= LEAST_WORDS else 0.0
    return max(common / sum(g.values()), part)


def match(gold: list[GoldQuote], found: list[Quote]) -> list[QuoteResult]:
    """Pair gold and found quotes of one article, best overlap first, one to one."""
    pairs = sorted(((overlap(g.quote, f.text), i, j) for i, g in enumerate(gold)
                    for j, f in enumerate(found)), reverse=True)
    paired: dict[int, Quote] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < ENOUGH:
            break
        if i not in paired and j not in used:
            paired[i] = found[j]
            used.add(j)
    return [QuoteResult(g, paired.get(i)) for i, g in enumerate(gold)]


def evaluate_quotes(gold_path: Path, stories: Iterable[Article | InputError],
                    read: Callable[[Article], ArticleCoding | InputError]) -> QuoteReport:
    """Read each story the gold file names with `read` and score its quotes."""
    gold = read_gold_quotes(gold_path)
    by_article: dict[str, list[GoldQuote]] = {}
    for quote in gold:
        by_article.setdefault(quote.article, []).append(quote)
    report = QuoteReport()
    seen: set[str] = set()
    wanted = set(by_article)
    for story in stories:
        if isinstance(story, InputError):
            continue
        key = story_key(story.id, wanted - seen)
        if key is None:
            continue
        seen.add(key)
        coding = read(story)
        found = coding.quotes if isinstance(coding, ArticleCoding) else []
        report.found_total += len(found)
        report.results += match(by_article[key], found)
    report.missing_articles = sorted(wanted - seen)
    for key in report.missing_articles:
        report.results += [QuoteResult(q, None) for q in by_article[key]]
    report.results.sort(key=lambda r: r.gold.line)
    return report


def format_quote_report(report: QuoteReport, *, details: bool = True) -> str:
    def line(name: str, f: dict) -> str:
        def share(value):
            return "-" if value is None else f"{value:.3f}"
        return (f"{name:<13} {f['gold']:>5} {f['found']:>6} {share(f['recall']):>7} "
                f"{f['speaker_right']:>6} {share(f['speaker_accuracy']):>9} "
                f"{share(f['country_accuracy']):>8}")
    out = [f"{'kind':<13} {'gold':>5} {'found':>6} {'recall':>7} {'right':>6} "
           f"{'speaker':>9} {'country':>8}", line("all", report.figures())]
    out += [line(kind, report.figures(kind)) for kind in QUOTE_KINDS
            if report.figures(kind)["gold"]]
    out.append(f"{report.found_total} quotes read in the gold articles "
               f"(the gold set need not list them all)")
    if report.missing_articles:
        out.append(f"articles not in the stories: {', '.join(report.missing_articles)}")
    if details:
        data = report.to_dict()
        for title, rows in (("wrong speakers", data["wrong_speakers"]),
                            ("not found", data["not_found"])):
            if rows:
                out.append(f"{title}:")
                out += [f"  line {r['line']} {r['article']} [{r['kind']}] gold "
                        f"{r['gold_speaker'] or '-'}, found {r['found_speaker'] or '-'}"
                        f"{' (' + r['found_speaker_text'] + ')' if r['found_speaker_text'] else ''}"
                        f": {r['quote']}" for r in rows]
    return "\n".join(out)

"""Score event clustering against a cluster gold file (`tidings eval clusters`).

Gold file: JSONL, one article per line (eval/cluster_gold.jsonl; docs/clusters.md):
    {"id", "origin": "written" | "voa" | "reuters", "date", "title",
     "text" (written; may begin with the example format's `date YYYY-MM-DD ` line)
       | "voa_id" (voa) | "reuters_file" + "newid" (reuters),
     "source": publisher, "url", "copy_of": the id of the article it copies, or null,
     "events": [{"cluster", "source", "target", "cameo", "root", "date",
                 "sentence" | "sentence_start" + "sentence_end" (offsets into a Reuters body)}]}

VOA and Reuters texts are not in the file: they are read at run time from the corpora
(`voa/voa_stories.jsonl`, `reuters21578/reut2-NNN.json` under the shared data folder).

The articles are coded and stored, in date order, in a temporary store, as `tidings
ingest` would. Each gold event is matched to at most one stored mention of its article:
the same sentence (whitespace and case aside; one containing the other), the same pair
of countries (either order for a symmetric act or an undirected family) and a compatible
root (the same, or one family). Over the matched mentions the clustering is scored with
B-cubed precision, recall and F1; near-duplicate detection is scored on the articles
marked as copies.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..cluster.settings import ClusterSettings, load_cluster_settings
from ..errors import TidingsError
from ..model import Article
from .gold import country_of

DATE_LINE = re.compile(r"\Adate \d{4}-\d{2}-\d{2} ")


class GoldError(TidingsError):
    """A cluster gold file that cannot be read."""


@dataclass
class GoldEvent:
    article_id: str
    cluster: str
    source: str
    target: str | None
    root: str
    sentence: str


@dataclass
class GoldArticle:
    article: Article
    copy_of: str | None
    events: list[GoldEvent]


def load_cluster_gold(path: Path, data: Path) -> list[GoldArticle]:
    """The gold articles with their texts resolved from the corpora under `data`.
    Raises GoldError naming the file and line for a bad line or an unresolvable text."""
    voa: dict[str, dict] | None = None
    reuters: dict[str, dict[str, dict]] = {}
    articles = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
                origin = record.get("origin", "written")
                title, text = record.get("title") or "", record.get("text")
                # a corpus story is coded as it is, with its own headline
                if origin == "voa":
                    if voa is None:
                        voa = _voa_stories(data / "voa" / "voa_stories.jsonl")
                    story = voa.get(str(record["voa_id"]))
                    if story is None:
                        raise GoldError(f"{where}: no VOA story {record['voa_id']!r}")
                    title, text = story.get("title") or title, story["text"]
                elif origin == "reuters":
                    name = Path(record["reuters_file"]).with_suffix(".json").name
                    if name not in reuters:
                        reuters[name] = _reuters_file(data / "reuters21578" / name)
                    story = reuters[name].get(str(record["newid"]))
                    if story is None:
                        raise GoldError(f"{where}: no story NEWID {record['newid']} in {name}")
                    title, text = story.get("title") or title, story.get("body") or ""
                elif text is None:
                    raise GoldError(f"{where}: a written article needs its text")
                else:  # the example format's first line: `date YYYY-MM-DD <key sentence>`
                    text = DATE_LINE.sub("", text, count=1)
                article = Article(id=str(record["id"]), date=dt.date.fromisoformat(record["date"]),
                                  title=title, text=text, url=record.get("url"),
                                  source=record.get("source"), origin=where)
                # a Reuters sentence is kept as offsets into the body (its text is not ours)
                events = [GoldEvent(article.id, str(e["cluster"]), e["source"], e.get("target"),
                                    (e.get("root") or e["cameo"][:2]).zfill(2),
                                    e["sentence"] if "sentence" in e
                                    else text[e["sentence_start"]:e["sentence_end"]])
                          for e in record.get("events", [])]
            except (KeyError, ValueError, TypeError) as err:
                raise GoldError(f"{where}: {type(err).__name__}: {err}") from None
            articles.append(GoldArticle(article, record.get("copy_of"), events))
    return articles


def _voa_stories(path: Path) -> dict[str, dict]:
    try:
        with path.open(encoding="utf-8") as handle:
            return {str(s["id"]): s for s in map(json.loads, filter(str.strip, handle))}
    except OSError as err:
        raise GoldError(f"{path}: cannot read the VOA stories ({err.strerror})") from None


def _reuters_file(path: Path) -> dict[str, dict]:
    try:
        stories = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise GoldError(f"{path}: cannot read the Reuters file ({err.strerror})") from None
    return {str(s["attrs"]["newid"]): s for s in stories}


def normalised(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence or "").strip().lower()


def same_sentence(gold: str, coded: str) -> bool:
    gold, coded = normalised(gold), normalised(coded)
    return bool(gold and coded) and (gold in coded or coded in gold)


@dataclass
class ClusterReport:
    articles: int = 0
    gold_events: int = 0  # gold event mentions
    gold_clusters: int = 0
    matched: int = 0  # gold mentions matched to a coded mention
    clusters_found: int = 0  # gold clusters with at least one matched mention
    precision: float = 0.0  # B-cubed, over the matched mentions
    recall: float = 0.0
    f1: float = 0.0
    all_precision: float = 0.0  # B-cubed over every gold mention, a missed one alone
    all_recall: float = 0.0
    all_f1: float = 0.0
    stored_events: int = 0  # events (clusters) in the store
    stored_mentions: int = 0
    gold_copies: int = 0
    found_copies: int = 0
    right_copies: int = 0
    copy_precision: float = 0.0
    copy_recall: float = 0.0
    split: list[str] = field(default_factory=list)  # gold clusters spread over events
    merged: list[str] = field(default_factory=list)  # events holding several gold clusters

    def to_dict(self) -> dict:
        return asdict(self)


def b_cubed(pairs: list[tuple[str, int]]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of (gold cluster, predicted cluster) items."""
    if not pairs:
        return 0.0, 0.0, 0.0
    precision = recall = 0.0
    for gold, predicted in pairs:
        same_predicted = [g for g, p in pairs if p == predicted]
        same_gold = [p for g, p in pairs if g == gold]
        both = sum(1 for g in same_predicted if g == gold)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    precision, recall = precision / len(pairs), recall / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate_clusters(gold: list[GoldArticle], code: Callable, *,
                      settings: ClusterSettings | None = None,
                      db: Path | None = None) -> ClusterReport:
    """Code and store the gold articles (date order) in a temporary store, or in the new
    store `db` (kept), and score the clusters and copies it made. `code` is
    Tidings.code_or_error."""
    from ..errors import CodingError
    from ..store import open_store
    settings = settings or load_cluster_settings()
    report = ClusterReport(articles=len(gold))
    ordered = sorted(gold, key=lambda g: g.article.date)
    with tempfile.TemporaryDirectory(prefix="tidings-eval-") as folder:
        with open_store(db or Path(folder) / "clusters.duckdb") as store:
            store.cluster_settings = settings
            batch = []
            for item in ordered:
                events = code(item.article)
                batch.append((item.article, [] if isinstance(events, CodingError) else events))
            store.write(batch)
            mentions = store.con.execute(
                "SELECT article_id, sentence, source_country, source_code, target_country, "
                "target_code, cameo_root, is_symmetric, cluster_id FROM mentions "
                "ORDER BY article_id, sentence_index, event_id").fetchall()
            copies = dict(store.con.execute("SELECT id, copy_of FROM articles").fetchall())
            report.stored_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    report.stored_mentions = len(mentions)
    by_article: dict[str, list[tuple]] = {}
    for row in mentions:
        by_article.setdefault(row[0], []).append(row)
    pairs = []
    all_events = [e for g in gold for e in g.events]
    report.gold_events = len(all_events)
    report.gold_clusters = len({e.cluster for e in all_events})
    unmatched = []
    for event in all_events:
        row = _match(event, by_article.get(event.article_id, []), settings)
        if row is not None:
            by_article[event.article_id].remove(row)
            pairs.append((event.cluster, row[8]))
        else:
            unmatched.append(event)
    report.matched = len(pairs)
    report.clusters_found = len({g for g, _ in pairs})
    report.precision, report.recall, report.f1 = b_cubed(pairs)
    # every gold mention counted, one not coded standing alone as an event of its own
    missed = [(e.cluster, -n) for n, e in enumerate(unmatched, start=1)]
    report.all_precision, report.all_recall, report.all_f1 = b_cubed(pairs + missed)
    gold_of = {}
    for gold_cluster, predicted in pairs:
        gold_of.setdefault(gold_cluster, set()).add(predicted)
    report.split = sorted(g for g, found in gold_of.items() if len(found) > 1)
    holders: dict[int, set[str]] = {}
    for gold_cluster, predicted in pairs:
        holders.setdefault(predicted, set()).add(gold_cluster)
    report.merged = sorted(" + ".join(sorted(h)) for h in holders.values() if len(h) > 1)
    _score_copies(gold, copies, report)
    return report


def _match(event: GoldEvent, rows: list[tuple], settings: ClusterSettings) -> tuple | None:
    source, target = country_of(event.source), country_of(event.target)
    for row in rows:
        _, sentence, source_country, source_code, target_country, target_code, root, \
            symmetric, _ = row
        coded = (source_country or source_code, target_country or target_code)
        if not same_sentence(event.sentence, sentence):
            continue
        if settings.family(root) != settings.family(event.root):
            continue
        undirected = symmetric or settings.family(root) in settings.undirected
        if coded == (source, target) or (undirected and coded == (target, source)):
            return row
    return None


def _score_copies(gold: list[GoldArticle], copies: dict[str, str | None],
                  report: ClusterReport) -> None:
    """A found copy is right when gold puts it and the article it names in one group
    (an original and its copies)."""
    group = {g.article.id: g.copy_of or g.article.id for g in gold}
    report.gold_copies = sum(1 for g in gold if g.copy_of)
    found = {a: c for a, c in copies.items() if c}
    report.found_copies = len(found)
    report.right_copies = sum(1 for a, c in found.items() if group.get(a) == group.get(c))
    report.copy_precision = report.right_copies / len(found) if found else 0.0
    recalled = sum(1 for g in gold if g.copy_of and g.article.id in found
                   and group[found[g.article.id]] == group[g.article.id])
    report.copy_recall = recalled / report.gold_copies if report.gold_copies else 0.0


def format_cluster_report(report: ClusterReport) -> str:
    lines = [
        f"{report.articles} articles, {report.gold_events} gold event mentions in "
        f"{report.gold_clusters} gold events; stored {report.stored_mentions} mentions in "
        f"{report.stored_events} events",
        f"gold mentions coded (matched): {report.matched} of {report.gold_events}; gold "
        f"events with a coded mention: {report.clusters_found} of {report.gold_clusters}",
        f"B-cubed over matched mentions: P {report.precision:.3f}  R {report.recall:.3f}  "
        f"F1 {report.f1:.3f}",
        f"B-cubed over all gold mentions (one not coded is an event of its own): "
        f"P {report.all_precision:.3f}  R {report.all_recall:.3f}  F1 {report.all_f1:.3f}",
        f"near-duplicates: {report.found_copies} found, {report.right_copies} right, "
        f"{report.gold_copies} in gold: P {report.copy_precision:.3f}  "
        f"R {report.copy_recall:.3f}",
    ]
    if report.split:
        lines.append("gold events split over several events: " + ", ".join(report.split))
    if report.merged:
        lines.append("events holding several gold events: " + "; ".join(report.merged))
    return "\n".join(lines)

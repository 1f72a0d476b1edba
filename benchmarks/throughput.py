"""Throughput and memory of Tidings against the bare spaCy pipeline, on Reuters-21578.

Usage:
    python benchmarks/throughput.py [--limit N] [--workers 2] [--reuters ../shared/data/reuters21578]

Prints articles/s and words/s for Tidings (full coding, `--workers` processes),
words/s for `nlp.pipe` with the same model over the same texts (one process, all
its components), their ratio, events found, and peak RSS of each run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import time
from collections.abc import Iterator
from pathlib import Path

from tidings.api import load
from tidings.model import Article
from tidings.nlp.model import default_model_name


def reuters_articles(folder: Path, limit: int | None) -> Iterator[Article]:
    count = 0
    for path in sorted(folder.glob("reut2-*.json")):
        for story in json.loads(path.read_text(encoding="utf-8")):
            body = story.get("body") or ""
            if not body.strip():
                continue
            # some stamps have impossible times ("605:12:19"); the day is what matters
            day = dt.datetime.strptime(story["date"].split()[0], "%d-%b-%Y").date()
            yield Article.create(id=f"reuters-{story['attrs']['newid']}", date=day,
                                 title=story.get("title") or "", text=body)
            count += 1
            if limit and count >= limit:
                return


def words(article: Article) -> int:
    return len(article.title.split()) + len(article.text.split())


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000, help="first N stories (0: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuters", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared/data/reuters21578")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    limit = args.limit or None
    counted = {"articles": 0, "words": 0}

    def stream():  # articles are read as they are coded, never held all at once
        for article in reuters_articles(args.reuters, limit):
            counted["articles"] += 1
            counted["words"] += words(article)
            yield article

    engine = load(None)
    started = time.perf_counter()
    n_events = 0
    for _, events in engine.code_articles(stream(), workers=args.workers):
        n_events += len(events)
    tidings_s = time.perf_counter() - started
    n_articles, total_words = counted["articles"], counted["words"]
    print(f"corpus: {n_articles} Reuters stories, {total_words} words")
    print(f"tidings: {n_articles / tidings_s:.1f} articles/s, {total_words / tidings_s:.0f} words/s "
          f"({args.workers} workers, {n_events} events, {tidings_s:.1f}s)")
    print(f"peak RSS: main {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB, "
          f"largest worker {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    if args.skip_baseline:
        return
    import spacy
    nlp = spacy.load(default_model_name())
    started = time.perf_counter()
    texts = (f"{a.title}\n{a.text}" for a in reuters_articles(args.reuters, limit))
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    spacy_s = time.perf_counter() - started
    print(f"bare spaCy ({default_model_name()}, nlp.pipe, 1 process, components "
          f"{','.join(nlp.pipe_names)}): {total_words / spacy_s:.0f} words/s ({spacy_s:.1f}s)")
    print(f"ratio tidings/spaCy words/s: {spacy_s / tidings_s:.2f}")


if __name__ == "__main__":
    main()

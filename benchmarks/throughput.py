"""Throughput and memory of Tidings against the bare spaCy pipeline, on Reuters-21578.

Usage:
    python benchmarks/throughput.py [--limit N] [--workers 2] [--rounds 2]
                                    [--reuters ../shared/data/reuters21578]

A fair comparison: the same texts, the same number of processes (`--workers`), the same
model with the same components (the bare pipeline also leaves out what Tidings never
runs, the NER), and runs alternated in one session (Tidings, bare, Tidings, bare, ...)
so that load on a shared machine falls on both. Prints each run's articles/s and
words/s, the ratio of each alternated pair and their median, events found, and the peak
RSS of the first Tidings run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from tidings.api import load
from tidings.model import Article
from tidings.nlp.model import UNUSED_COMPONENTS, default_model_name


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
    parser.add_argument("--rounds", type=int, default=2, help="alternated pairs of runs")
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

    def run_tidings() -> float:
        started = time.perf_counter()
        n_events = 0
        for _, events in engine.code_articles(stream(), workers=args.workers):
            n_events += len(events)
        seconds = time.perf_counter() - started
        print(f"tidings: {counted['articles'] / seconds:.1f} articles/s, "
              f"{counted['words'] / seconds:.0f} words/s ({args.workers} processes, "
              f"{n_events} events, {seconds:.1f}s)")
        return seconds

    import spacy
    bare = spacy.load(default_model_name(), exclude=list(UNUSED_COMPONENTS))

    def run_bare() -> float:
        started = time.perf_counter()
        texts = (f"{a.title}\n{a.text}" for a in reuters_articles(args.reuters, limit))
        for _ in bare.pipe(texts, batch_size=64, n_process=args.workers):
            pass
        seconds = time.perf_counter() - started
        print(f"bare spaCy: {counted['words'] / seconds:.0f} words/s ({args.workers} processes, "
              f"components {','.join(bare.pipe_names)}, {seconds:.1f}s)")
        return seconds

    ratios = []
    for round_ in range(args.rounds):
        counted.update(articles=0, words=0)
        tidings_s = run_tidings()
        if round_ == 0:
            print(f"corpus: {counted['articles']} Reuters stories, {counted['words']} words; "
                  f"peak RSS: main {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB, largest worker "
                  f"{peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
        if args.skip_baseline:
            continue
        ratios.append(run_bare() / tidings_s)
        print(f"round {round_ + 1}: ratio tidings/bare words/s {ratios[-1]:.2f}")
    if ratios:
        print(f"median ratio tidings/bare over {len(ratios)} alternated rounds: "
              f"{statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()

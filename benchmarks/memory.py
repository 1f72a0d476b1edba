"""Memory of a long coding run: peak RSS after the first 1k, 5k, ... Reuters-21578 stories.

Usage:
    python benchmarks/memory.py [--limit 0] [--no-zones] [--reuters ../shared/data/reuters21578]

Codes the stories in one process, one after the other, and prints the peak and
current RSS each time a checkpoint (1000, 5000, then the end) is passed; RSS that
keeps climbing is memory that the run never gives back (spaCy's vocabulary grows
by every new word it sees). `engine.code_articles` codes each article after the first
500 (`engine.WARM_UP`) in a spaCy memory zone; --no-zones calls `engine.code_article`
directly, without one.
"""
from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from throughput import reuters_articles

from tidings.api import load

CHECKPOINTS = (1000, 5000)


def rss_mb() -> tuple[float, float]:
    """(peak, current) resident set size of this process, in MB."""
    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, current


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N stories (0: all)")
    parser.add_argument("--no-zones", action="store_true",
                        help="code without spaCy memory zones (the vocabulary keeps every word)")
    parser.add_argument("--reuters", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared/data/reuters21578")
    args = parser.parse_args()
    engine = load(None)
    articles = reuters_articles(args.reuters, args.limit or None)
    if args.no_zones:
        coded = ((article, engine.code_article(article)) for article in articles)
    else:
        coded = engine.code_articles(articles)
    peak, current = rss_mb()
    print(f"{'zones off' if args.no_zones else 'zones on'}; loaded: peak {peak:.0f} MB, "
          f"now {current:.0f} MB")
    started = time.perf_counter()
    count = events = 0
    for _, found in coded:
        count += 1
        events += len(found) if isinstance(found, list) else 0
        if count in CHECKPOINTS:
            report(count, events, started, len(engine.nlp.vocab.strings))
    report(count, events, started, len(engine.nlp.vocab.strings))


def report(count: int, events: int, started: float, strings: int) -> None:
    peak, current = rss_mb()
    print(f"{count:>6} stories: peak RSS {peak:.0f} MB, now {current:.0f} MB, "
          f"{strings} strings in the vocab, {events} events, "
          f"{time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()

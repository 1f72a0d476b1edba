"""Re-coding a store (`tidings recode`) against ingesting the same stories, on Reuters-21578.

Usage:
    python benchmarks/recode.py [--limit N] [--workers 1] [--reuters ../shared/data/reuters21578]

Ingests the first N stories into a temporary store, then re-codes it with the same
dictionaries (every event unchanged) and prints each run's articles/s, the re-coding
report and the peak RSS of the process (the re-coding reads the store in pages of 64
articles, so memory should not grow with the store).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import reuters_articles  # noqa: E402  (the benchmarks' shared reader)

from tidings import api  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500, help="first N stories")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--reuters", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared/data/reuters21578")
    args = parser.parse_args()
    api.load()  # loading the model is not what is measured
    with tempfile.TemporaryDirectory() as folder:
        stories = Path(folder) / "stories.jsonl"
        with stories.open("w", encoding="utf-8") as out:
            for article in reuters_articles(args.reuters, args.limit):
                out.write(json.dumps({"id": article.id, "date": article.date.isoformat(),
                                      "title": article.title, "text": article.text}) + "\n")
        db = Path(folder) / "store.duckdb"
        started = time.perf_counter()
        ingested = api.ingest([stories], db=db, workers=args.workers)
        ingest_seconds = time.perf_counter() - started
        started = time.perf_counter()
        recoded = api.recode(db, workers=args.workers)
        recode_seconds = time.perf_counter() - started
    print(f"ingest: {ingested.stored} articles, {ingested.events} events, "
          f"{ingest_seconds:.1f} s, {ingested.stored / ingest_seconds:.1f} articles/s")
    print(f"recode: {recoded.articles} articles, {recode_seconds:.1f} s, "
          f"{recoded.articles / recode_seconds:.1f} articles/s; added {recoded.added}, "
          f"removed {recoded.removed}, changed {recoded.changed}, unchanged {recoded.unchanged}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

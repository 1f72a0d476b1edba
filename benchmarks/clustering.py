"""What the cluster stage costs when storing, and what it finds, on Reuters-21578.

Usage:
    python benchmarks/clustering.py [--limit 2000] [--batch 64]
                                    [--reuters ../shared/data/reuters21578]

Codes the first `limit` stories once, then times storing them in batches into a new
store (the store's write runs the cluster stage: near-duplicate search, candidate events
fetched in SQL, assignment, event rows recomputed). Prints coding and storing time, the
mentions and events stored, the near-duplicate copies found, events with several
articles, and the peak RSS.
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from throughput import reuters_articles

from tidings.api import load
from tidings.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--reuters", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared/data/reuters21578")
    args = parser.parse_args()
    engine = load(None)
    started = time.perf_counter()
    coded = [(article, events) for article, events in
             engine.code_articles(reuters_articles(args.reuters, args.limit))
             if isinstance(events, list)]
    coding = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder) / "bench.duckdb") as store:
            started = time.perf_counter()
            for at in range(0, len(coded), args.batch):
                store.write(coded[at:at + args.batch])
            storing = time.perf_counter() - started
            con = store.con
            mentions, = con.execute("SELECT count(*) FROM mentions").fetchone()
            events, = con.execute("SELECT count(*) FROM events").fetchone()
            copies, = con.execute("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL"
                                  ).fetchone()
            spread, = con.execute("SELECT count(*) FROM events WHERE num_articles > 1"
                                  ).fetchone()
    print(f"{len(coded)} stories: coding {coding:.1f} s, storing with clustering "
          f"{storing:.1f} s ({1000 * storing / max(len(coded), 1):.1f} ms per story, "
          f"{100 * storing / (coding + storing):.1f}% of the ingest)")
    print(f"{mentions} mentions in {events} events; {spread} events reported by more than "
          f"one article; {copies} near-duplicate copies")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

"""A slice of Reuters-21578 ingested by one local process and by a 2-worker local Dask cluster.

Usage:
    python benchmarks/cluster.py [--limit 2000] [--rounds 1] [--batch-size 128]
                                 [--reuters ../shared/data/reuters21578]

Writes the first `--limit` stories (0: all 19k with a body) to a JSONL file, then times
`tidings.ingest` of it into a fresh store, alternately in this process (1 worker) and
with `cluster="local:2"` (a LocalCluster of 2 worker processes, started, loading the
model and stopped inside the timed run), and checks that both stores hold the same
mentions. Reuters-21578 is for research use: it is read from ../shared, never shipped.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
import tempfile

import duckdb
from throughput import reuters_articles

from tidings.api import ingest, load


def mentions(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT event_id, source_code, cameo, target_code FROM mentions "
                       "ORDER BY event_id").fetchall()
    con.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000, help="first N stories (0: all)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=128,
                        help="articles per transaction, and per partition on the cluster")
    parser.add_argument("--reuters", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared/data/reuters21578")
    args = parser.parse_args()
    load(None)  # the local run's model, loaded before its clock starts
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "reuters.jsonl"
        count = 0
        with source.open("w", encoding="utf-8") as out:
            for article in reuters_articles(args.reuters, args.limit or None):
                out.write(json.dumps({"id": article.id, "date": article.date.isoformat(),
                                      "title": article.title, "text": article.text}) + "\n")
                count += 1
        print(f"{count} Reuters-21578 stories; {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}")
        for run in range(args.rounds):
            stores = {}
            for label, cluster in (("1 local process", None), ("local cluster, 2 workers",
                                                               "local:2")):
                db = Path(folder) / f"run{run}-{'cluster' if cluster else 'local'}.duckdb"
                started = time.perf_counter()
                report = ingest([source], db=db, cluster=cluster, batch_size=args.batch_size)
                elapsed = time.perf_counter() - started
                stores[label] = db
                print(f"round {run + 1}, {label:25}: {elapsed:7.1f} s, "
                      f"{report.stored / elapsed:5.1f} articles/s, {report.events} events, "
                      f"load average {os.getloadavg()[0]:.1f}", flush=True)
            same = mentions(stores["1 local process"]) == mentions(stores["local cluster, 2 workers"])
            print(f"round {run + 1}: the two stores hold {'the same' if same else 'DIFFERENT'} "
                  "mentions")


if __name__ == "__main__":
    main()

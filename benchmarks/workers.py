"""One worker against two on the same input: the whole ingest, reading to commit.

Usage:
    python benchmarks/workers.py [--limit 600] [--rounds 2] [--reuters ../shared/data/reuters21578]

Writes the first `--limit` Reuters-21578 stories to a JSONL file once, then runs
`tidings.ingest` of that file into a fresh store with 1 worker, then 2, then 1, then 2,
... (`--rounds` pairs) in this one process, the model loaded once beforehand (workers
are forked from it), so that load from other users of the machine falls on both alike.
Prints each run's wall time, articles/s and CPU seconds (this process: reading, handing
out, writing; the workers: coding), each pair's speed-up (time of 1 / time of 2) and
their median. On a machine of 2 cores the main process (reading, writing) shares
them with the 2 workers, so 2.0 is out of reach.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from throughput import reuters_articles

from tidings.api import ingest, load


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user + system) of this process and of its ended children (workers)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--reuters", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared/data/reuters21578")
    args = parser.parse_args()
    load(None)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} before the runs")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "stories.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for article in reuters_articles(args.reuters, args.limit):
                out.write(json.dumps({"id": article.id, "date": article.date.isoformat(),
                                      "title": article.title, "text": article.text}) + "\n")
        times: dict[int, list[float]] = {1: [], 2: []}
        events: dict[int, set[int]] = {1: set(), 2: set()}
        for run in range(args.rounds):
            for workers in (1, 2):
                db = Path(folder) / f"run{run}-w{workers}.duckdb"
                before = cpu_seconds()
                started = time.perf_counter()
                report = ingest([source], db=db, workers=workers)
                elapsed = time.perf_counter() - started
                main_cpu, workers_cpu = (after - start for after, start in
                                         zip(cpu_seconds(), before))
                times[workers].append(elapsed)
                events[workers].add(report.events)
                print(f"round {run + 1}, {workers} worker(s): {elapsed:6.1f} s, "
                      f"{report.stored / elapsed:5.1f} articles/s, {report.events} events; "
                      f"CPU s: this process {main_cpu:.1f}, workers {workers_cpu:.1f}; "
                      f"load average {os.getloadavg()[0]:.1f}", flush=True)
    ratios = [one / two for one, two in zip(times[1], times[2])]
    print(f"speed-up of 2 workers over 1, per round: {', '.join(f'{r:.2f}' for r in ratios)}; "
          f"median {statistics.median(ratios):.2f}x")
    if events[1] != events[2]:
        print(f"WARNING: event counts differ: {events}")


if __name__ == "__main__":
    main()

"""Queries and exports on a large store: first row, peak memory, an aggregation.

Usage:
    python benchmarks/make_store.py big.duckdb          # 10 million events, ~1 minute
    python benchmarks/scale.py --db big.duckdb [--runs 3]

Each figure is the median of `--runs` fresh `tidings` processes, timed from the fork:
(a) start-up alone (`tidings events --limit 1`), (b) the first row of
`tidings events --format csv` (time until the header and one row have arrived on the
pipe; the process is then stopped), (c) `tidings export x.parquet` wall time and peak
RSS (the child's ru_maxrss), (d) `tidings dyads --source USA --target RUS --by month`,
(e) `tidings events` on a terminal (a pseudo-terminal): the lines and the hint it prints.
"""
from __future__ import annotations

import argparse
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIDINGS = [sys.executable, "-c", "from tidings.cli import main; main()"]


def first_row(db: Path) -> float:
    """Seconds from fork until the CSV header and the first event row are readable."""
    started = time.perf_counter()
    child = subprocess.Popen([*TIDINGS, "events", "--format", "csv", "--db", str(db)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    child.stdout.readline()
    row = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.kill()
    child.wait()
    if not row:
        raise SystemExit("tidings events printed no row")
    return elapsed


def wall(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([*TIDINGS, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def export(db: Path, folder: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `tidings export` to Parquet in a fresh child."""
    out = folder / "x.parquet"
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    # a child of its own, so that RUSAGE_CHILDREN's maximum is this export's
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, *TIDINGS, "export", str(out),
                           "--db", str(db)], check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stdout.split()[-1]) / 1024


def on_terminal(db: Path) -> tuple[int, str]:
    """(lines printed, last line of stderr) of `tidings events` on a pseudo-terminal."""
    leader, follower = pty.openpty()
    child = subprocess.Popen([*TIDINGS, "events", "--db", str(db)], stdout=follower,
                             stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "160"})
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    hint = child.stderr.read().decode().strip().splitlines()
    child.wait()
    os.close(leader)
    return output.count(b"\n"), hint[-1] if hint else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = args.db
    (count,) = subprocess.run([*TIDINGS, "sql", "SELECT count(*) FROM mentions", "--db", str(db),
                               "--format", "csv"], check=True, capture_output=True,
                              text=True).stdout.split()[1:]
    print(f"{db}: {int(count):,} events")
    figures: dict[str, list[float]] = {"start-up (events --limit 1)": [],
                                       "first row (events --format csv)": [],
                                       "export parquet, s": [], "export parquet, peak MB": [],
                                       "dyads USA->RUS by month": []}
    with tempfile.TemporaryDirectory(dir=db.parent) as folder:
        for _ in range(args.runs):  # the commands in turn, so that load hits all alike
            figures["start-up (events --limit 1)"].append(
                wall(["events", "--limit", "1", "--format", "csv", "--db", str(db)]))
            figures["first row (events --format csv)"].append(first_row(db))
            seconds, peak = export(db, Path(folder))
            figures["export parquet, s"].append(seconds)
            figures["export parquet, peak MB"].append(peak)
            figures["dyads USA->RUS by month"].append(
                wall(["dyads", "--source", "USA", "--target", "RUS", "--by", "month",
                      "--db", str(db)]))
    for name, values in figures.items():
        unit = "" if "MB" in name or name.endswith(", s") else " s"
        print(f"{name:36} median {statistics.median(values):8.2f}{unit}  "
              f"(runs: {', '.join(f'{v:.2f}' for v in values)})")
    beyond = [row - start for row, start in zip(figures["first row (events --format csv)"],
                                                 figures["start-up (events --limit 1)"])]
    print(f"{'first row after start-up':36} median {statistics.median(beyond):8.2f} s  "
          "(first row minus start-up, per run)")
    lines, hint = on_terminal(db)
    print(f"events on a terminal: {lines} lines, then: {hint}")


if __name__ == "__main__":
    main()

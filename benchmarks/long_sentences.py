"""Time and peak memory of coding one sentence of 1k ... 100k words.

Usage:
    python benchmarks/long_sentences.py [--words 1000 5000 20000 50000 100000]

Each length is coded in a fresh process (so each peak RSS is that length's alone):
an article whose body is one "sentence" of N words with no full stop (a table or a
list run together, as scraped pages have), actor names and verbs throughout so the
coder parses it. The engine codes a sentence longer than `engine.MAX_SENTENCE_TOKENS`
tokens in pieces and parses `engine.PARSE_BATCH` pieces at a time, so seconds per
1,000 words should stay flat as N grows and memory should stop growing. Prints one line per
length: wall and CPU seconds (the machine may be shared), CPU seconds per 1,000 words,
peak RSS, and peak RSS over the loaded model.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time

PHRASE = "Russia condemned Ukraine and Israel praised Egypt while "  # 8 words
LENGTHS = (1000, 5000, 20000, 50000, 100000)


def child(words: int) -> None:
    """Code one sentence of `words` words in this process; print the figures as JSON."""
    from tidings.api import load
    from tidings.model import Article
    engine = load(None)
    engine.code_article(Article.create(date=dt.date(2024, 3, 24), title="", text="warm up."))
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = (PHRASE * (words // 8 + 1)).split()[:words]
    article = Article.create(date=dt.date(2024, 3, 24), title="", text=" ".join(text))
    started, cpu = time.perf_counter(), time.process_time()
    found = engine.code_or_error(article)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    events = len(found) if isinstance(found, list) else str(found)
    print(json.dumps({"words": words, "seconds": seconds, "cpu": cpu, "peak": peak,
                      "loaded": loaded, "events": events}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=list(LENGTHS))
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print(f"{'words':>7} {'seconds':>8} {'CPU s':>6} {'CPU s/1k words':>14} {'peak MB':>8} "
          f"{'over model':>10} {'events':>7}")
    for words in args.words:
        out = subprocess.run([sys.executable, __file__, "--child", str(words)],
                             capture_output=True, text=True, check=True).stdout
        row = json.loads(out.splitlines()[-1])
        print(f"{words:>7} {row['seconds']:>8.2f} {row['cpu']:>6.2f} "
              f"{1000 * row['cpu'] / words:>14.3f} {row['peak']:>8.0f} "
              f"{row['peak'] - row['loaded']:>10.0f} {row['events']:>7}", flush=True)


if __name__ == "__main__":
    main()

"""A synthetic Tidings store of N event mentions, for measuring queries at scale.

Usage:
    python benchmarks/make_store.py big.duckdb [--events 10000000] [--per-article 5]

The schema is the real one (the store's own migrations make it); the rows are written
by DuckDB itself from `range(N)`, so 10 million events take about a minute, not the
hours coding would. Values are plausible, not real: dates spread over 2000-2024, actors
from 40 countries and 4 sectors, CAMEO codes from the bundled code table, a sentence of
about 120 characters per mention, each mention an event (cluster) of its own. Five
mentions per article by default.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from tidings.coding.codes import load_code_table
from tidings.store import open_store

COUNTRIES = ("USA RUS UKR CHN SYR ISR IRN TUR FRA DEU GBR IND PAK AFG IRQ SAU EGY JPN KOR "
             "PRK BRA MEX ZAF NGA ETH KEN VEN COL CUB POL HUN SRB LBN JOR YEM QAT ARE AZE "
             "ARM GEO").split()
SECTORS = ("GOV", "MIL", "OPP", "")


def make_store(path: Path, events: int, per_article: int) -> None:
    with open_store(path) as store:  # creates the file at the current schema
        con = store.con
        codes = [(code, info.root, info.plover, info.plover_mode, info.quad_class, info.goldstein)
                 for code, info in load_code_table().codes.items() if len(code) >= 3]
        con.execute("CREATE TEMP TABLE codes (i INTEGER, cameo VARCHAR, root VARCHAR, "
                    "plover VARCHAR, plover_mode VARCHAR, quad_class INTEGER, goldstein DOUBLE)")
        con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(i, *row) for i, row in enumerate(codes)])
        con.execute("CREATE TEMP TABLE countries AS SELECT unnest(?) AS code, "
                    "generate_subscripts(?, 1) - 1 AS i", [list(COUNTRIES)] * 2)
        con.execute("CREATE TEMP TABLE sectors AS SELECT unnest(?) AS sector, "
                    "generate_subscripts(?, 1) - 1 AS i", [list(SECTORS)] * 2)
        n_articles = -(-events // per_article)
        con.execute(f"""
            INSERT INTO articles (id, date, title, text, url, source, origin, n_events)
            SELECT printf('a%010d', i), DATE '2000-01-01' + CAST(i * 9131 // {n_articles} AS INTEGER),
                   'Synthetic story ' || i, 'Synthetic body of story ' || i || '.',
                   'https://example.org/' || i, 'synthetic', 'make_store', {per_article}
            FROM range({n_articles}) t(i)""")
        n_codes, n_countries = len(codes), len(COUNTRIES)
        # hash() spreads actors and codes over the rows; the date follows the article
        con.execute(f"""
            INSERT INTO mentions
            SELECT printf('%016x', hash(n)), printf('a%010d', n // {per_article}),
                   n % {per_article}, s.code || ' condemned ' || t.code || ' over the '
                       || 'events of the week, officials said on ' || n || ' in a statement.',
                   n % {per_article} = 0,
                   DATE '2000-01-01' + CAST((n // {per_article}) * 9131 // {n_articles} AS INTEGER),
                   s.code, s.code || ' officials', s.code || ss.sector, s.code, nullif(ss.sector, ''), 0, 3,
                   t.code, t.code || ' officials', t.code || ts.sector, t.code, nullif(ts.sector, ''), 14, 17,
                   c.cameo, c.root, c.plover, c.plover_mode, c.quad_class, c.goldstein,
                   'verbs.tsv:1 synthetic', 'condemned', 4, 13, (hash(n * 7) % 1000) / 1000.0,
                   NULL, NULL, NULL, 'subject clause_argument', false, 'day', false, n + 1
            FROM range({events}) r(n)
            JOIN countries s ON s.i = hash(n) % {n_countries}
            JOIN countries t ON t.i = (hash(n) % {n_countries} + 1 + hash(n) // {n_countries} % {n_countries - 1}) % {n_countries}
            JOIN sectors ss ON ss.i = hash(n * 3) % 4
            JOIN sectors ts ON ts.i = hash(n * 5) % 4
            JOIN codes c ON c.i = hash(n * 11) % {n_codes}""")
        # one event (cluster) per mention, its own representative
        con.execute("""
            INSERT INTO events
            SELECT cluster_id, source_country, target_country, cameo_root, date, date, date,
                   1, 1, 1, event_id, source_code, source_country, target_code,
                   target_country, cameo, cameo_root, plover, quad_class, goldstein,
                   is_symmetric, current_timestamp
            FROM mentions""")
        con.execute("""
            INSERT INTO actors
            SELECT code, name, any_value(country), any_value(sector), count(*), min(date), max(date)
            FROM (SELECT source_code AS code, source_name AS name, source_country AS country,
                         source_sector AS sector, date FROM mentions
                  UNION ALL
                  SELECT target_code, target_name, target_country, target_sector, date
                  FROM mentions)
            GROUP BY code, name""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--per-article", type=int, default=5)
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; remove it first")
    started = time.perf_counter()
    make_store(args.db, args.events, args.per_article)
    size = args.db.stat().st_size / 2**30
    print(f"{args.events:,} events in {args.db} ({size:.2f} GB) in "
          f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

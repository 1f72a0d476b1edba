"""The cluster stage's reads and writes: near-duplicate articles found by shared MinHash
bands, the stored events a batch's mentions could join (by dyad, family and date window,
in SQL), and each touched event's counts and representative mention recomputed from its
mentions. Everything runs inside the caller's transaction.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import duckdb

from ..cluster.assign import Cluster, assign_clusters, mention_of
from ..cluster.near_duplicates import (
    band_keys,
    estimated_similarity,
    from_blob,
    signature,
    to_blob,
)
from ..cluster.settings import ClusterSettings

# the mentions columns clustering reads
MENTION_FIELDS = ("event_id", "article_id", "date", "date_text", "sentence", "source_code",
                  "source_country", "source_start", "source_end", "target_code",
                  "target_country", "target_start", "target_end", "cameo_root", "is_symmetric")


@dataclass
class Placed:
    """An article as the near-duplicate check left it."""

    article_id: str
    copy_of: str | None
    minhash: bytes | None
    bands: list[int]


def find_copies(con: duckdb.DuckDBPyConnection, articles: Sequence[tuple[str, dt.date, str]],
                settings: ClusterSettings) -> list[Placed]:
    """For each (id, date, body) in storing order: the article it copies (the original
    of the most similar stored or earlier article at or above `duplicate_similarity`,
    on a tie the earliest), its signature and its band keys."""
    signatures = [signature(body, settings) for _, _, body in articles]
    bands = [band_keys(s, settings) if s is not None else [] for s in signatures]
    wanted = sorted({key for keys in bands for key in keys})
    stored: dict[int, list[tuple[str, dt.date, str, object]]] = {}
    if wanted:
        rows = con.execute(
            "SELECT b.band, a.id, a.date, coalesce(a.copy_of, a.id), a.minhash "
            "FROM article_bands b JOIN articles a ON a.id = b.article_id "
            "WHERE b.band IN (SELECT unnest(?::BIGINT[]))", [wanted]).fetchall()
        for band, article_id, day, original, blob in rows:
            stored.setdefault(band, []).append((article_id, day, original, from_blob(blob)))
    placed = []
    for (article_id, day, _), values, keys in zip(articles, signatures, bands):
        best = None
        for key in keys:
            for other_id, other_day, original, other in stored.get(key, ()):
                if other_id == article_id:
                    continue
                score = estimated_similarity(values, other)
                if score >= settings.duplicate_similarity:
                    rank = (-score, other_day, other_id)
                    if best is None or rank < best[0]:
                        best = (rank, original)
        copy_of = best[1] if best else None
        placed.append(Placed(article_id, copy_of,
                             to_blob(values) if values is not None else None, keys))
        if values is not None:  # later articles of the batch can copy this one
            for key in keys:
                stored.setdefault(key, []).append((article_id, day, copy_of or article_id,
                                                   values))
    return placed


def store_bands(con: duckdb.DuckDBPyConnection, placed: Sequence[Placed]) -> None:
    bands = [key for p in placed for key in p.bands]
    if bands:  # one statement: a row at a time is slow in DuckDB
        con.execute("INSERT INTO article_bands SELECT unnest(?::BIGINT[]), "
                    "unnest(?::VARCHAR[])",
                    [bands, [p.article_id for p in placed for _ in p.bands]])


def cluster_mentions(con: duckdb.DuckDBPyConnection, articles: Sequence[Sequence[dict]],
                     settings: ClusterSettings) -> tuple[dict[str, int], list[Cluster], set[int]]:
    """Assign the mentions (rows with MENTION_FIELDS, one list per article in storing
    order) to stored events or new ones; see `cluster.assign_clusters`."""
    mentions = [[mention_of(row, settings) for row in rows] for rows in articles]
    spans: dict[tuple[str, str, str], list[dt.date]] = {}
    for m in (m for ms in mentions for m in ms):
        days = spans.setdefault(m.key, [m.date, m.date])
        days[0], days[1] = min(days[0], m.date), max(days[1], m.date)
    candidates = fetch_candidates(con, spans, settings) if spans else []
    next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM events").fetchone()[0]
    return assign_clusters(mentions, candidates, next_id, settings)


def fetch_candidates(con: duckdb.DuckDBPyConnection,
                     spans: dict[tuple[str, str, str], list[dt.date]],
                     settings: ClusterSettings) -> list[Cluster]:
    """The stored events of these keys that a mention dated within each key's span could
    join (an event spans at most `date_window_days`), with their mentions."""
    keys = list(spans)
    window = settings.date_window_days
    rows = con.execute(
        f"""WITH wanted AS (
                SELECT unnest(?::VARCHAR[]) AS a, unnest(?::VARCHAR[]) AS b,
                       unnest(?::VARCHAR[]) AS f, unnest(?::DATE[]) AS lo,
                       unnest(?::DATE[]) AS hi)
            SELECT DISTINCT e.id, e.dyad_a, e.dyad_b, e.family FROM events e JOIN wanted w
              ON e.dyad_a = w.a AND e.dyad_b = w.b AND e.family = w.f
             AND e.last_date - {int(window)} <= w.hi AND e.first_date + {int(window)} >= w.lo""",
        [[k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys],
         [spans[k][0] for k in keys], [spans[k][1] for k in keys]]).fetchall()
    clusters = {cid: Cluster(cid, (a, b, f)) for cid, a, b, f in rows}
    if not clusters:
        return []
    cursor = con.execute(
        f"SELECT cluster_id, {', '.join(MENTION_FIELDS)} FROM mentions "
        "WHERE cluster_id IN (SELECT unnest(?::INTEGER[])) "
        "ORDER BY cluster_id, date, article_id, sentence_index, event_id", [list(clusters)])
    names = [d[0] for d in cursor.description]
    for row in cursor.fetchall():
        record = dict(zip(names, row))
        cluster = clusters[record["cluster_id"]]
        # the stored key is the one to keep: a changed settings file must not split it
        cluster.mentions.append(replace(mention_of(record, settings), key=cluster.key))
    # an event whose mentions are being replaced (tidings recode) may have none left
    return [cluster for cluster in clusters.values() if cluster.mentions]


def save_clusters(con: duckdb.DuckDBPyConnection, new: Sequence[Cluster],
                  touched: set[int]) -> None:
    """Insert the new events and recompute every touched event from its mentions (which
    must already carry their cluster_id)."""
    if new:  # added when its first mention's article was stored: the transaction's time
        con.executemany("INSERT INTO events (id, dyad_a, dyad_b, family, added_at) "
                        "VALUES (?, ?, ?, ?, current_timestamp)", [(c.id, *c.key) for c in new])
    if touched:
        con.execute(REFRESH, [sorted(touched)])
        if con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'events' "
                       "AND column_name = 'avg_tone'").fetchone()[0]:
            # (a store being upgraded through m007 has no tone until m010)
            con.execute(TONE_REFRESH, [sorted(touched)])


# An event's row from its mentions. Its articles and sources count a copy as its original
# (an article of no publisher is known by its URL's host, else is a source of its own); its date is the earliest date its
# mentions' time words give, else its earliest mention's; its representative is a
# headline if one reports it, else an original article's mention, the earliest, the most
# confident.
REFRESH = """
UPDATE events SET date = s.date, first_date = s.first_date, last_date = s.last_date,
    num_mentions = s.num_mentions, num_articles = s.num_articles,
    num_sources = s.num_sources, representative = s.event_id,
    source_code = s.source_code, source_country = s.source_country,
    target_code = s.target_code, target_country = s.target_country, cameo = s.cameo,
    cameo_root = s.cameo_root, plover = s.plover, quad_class = s.quad_class,
    goldstein = s.goldstein, is_symmetric = s.is_symmetric
FROM (
    WITH member AS (
        SELECT m.*, coalesce(a.copy_of, a.id) AS original, a.copy_of IS NOT NULL AS in_copy
        FROM mentions m JOIN articles a ON a.id = m.article_id
        WHERE m.cluster_id IN (SELECT unnest(?::INTEGER[]))),
    ranked AS (
        SELECT *, row_number() OVER (
            PARTITION BY cluster_id ORDER BY in_headline DESC, in_copy, date,
                     confidence DESC, article_id, sentence_index, event_id) AS pick
        FROM member),
    counts AS (
        SELECT m.cluster_id,
               coalesce(min(m.date) FILTER (WHERE m.date_text IS NOT NULL), min(m.date)) AS date,
               min(m.date) AS first_date, max(m.date) AS last_date, count(*) AS num_mentions,
               count(DISTINCT m.original) AS num_articles,
               count(DISTINCT coalesce(o.source, nullif(regexp_extract(
                   o.url, '^[A-Za-z]+://(?:www[.])?([^/:]+)', 1), ''),
                   'article:' || o.id)) AS num_sources
        FROM member m JOIN articles o ON o.id = m.original GROUP BY m.cluster_id)
    SELECT c.*, r.event_id, r.source_code, r.source_country, r.target_code,
           r.target_country, r.cameo, r.cameo_root, r.plover, r.quad_class, r.goldstein,
           r.is_symmetric
    FROM counts c JOIN ranked r ON r.cluster_id = c.cluster_id AND r.pick = 1) AS s
WHERE events.id = s.cluster_id"""


# An event's tone, GDELT's AvgTone: the mean tone of the articles that mention it, each
# article once; stored with the event so that reading events never aggregates mentions.
TONE_UPDATE = """
UPDATE events SET avg_tone = t.avg_tone
FROM (SELECT cluster_id, avg(doc_tone) AS avg_tone
      FROM (SELECT DISTINCT cluster_id, article_id, doc_tone FROM mentions {where})
      GROUP BY cluster_id) AS t
WHERE events.id = t.cluster_id"""
TONE_REFRESH = TONE_UPDATE.format(where="WHERE cluster_id IN (SELECT unnest(?::INTEGER[]))")
ALL_TONES = TONE_UPDATE.format(where="")

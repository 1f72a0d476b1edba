"""Key events: per day, one event (or mention) for each dyad and CAMEO root, ranked by
salience.

Salience, in order: how many articles report the same dyad and root that day, how many
mentions, the largest absolute Goldstein score, how many of the shown rows are headlines.
The mention shown for a group is a headline if there is one, else its strongest act;
a sentence that states two acts is shown once.
"""
from __future__ import annotations

import re

from ..query.events import EventFilter
from ..store.database import Store
from .relation import counted, node, reports

TIMELINE_COLUMNS = ["date", "sentence", "source", "target", "cameo", "plover", "quad_class",
                    "goldstein", "articles", "mentions", "headline_mentions", "event_id",
                    "article_id"]

SALIENCE = ("articles DESC, mentions DESC, abs_goldstein DESC, headline_mentions DESC, "
            "date, article_id, sentence_index, event_id")


def key_events(store: Store, flt: EventFilter, *, per_day: int | None = None,
               max_events: int | None = None, mentions: bool = False) -> list[dict]:
    """The key events passing `flt` as records with TIMELINE_COLUMNS, the `per_day` most
    salient of each day, then the `max_events` most salient of those, in date order
    (most salient first within a day)."""
    source, target = node("source", "country"), node("target", "country")
    where, params = flt.where()
    articles, mentions_reporting = reports(mentions=mentions)
    # a symmetric act has no direction: "A met B" and "B met A" are one dyad
    sql = f"""
        WITH passing AS (
            SELECT *, abs(goldstein) AS strength,
                   CASE WHEN is_symmetric AND {target} < {source} THEN {target}
                        ELSE {source} END AS side_a,
                   CASE WHEN is_symmetric AND {target} < {source} THEN {source}
                        ELSE {target} END AS side_b
            FROM {counted(mentions=mentions)} AS counted{where}),
        grouped AS (
            SELECT *, {articles} OVER dyad_day AS articles,
                   {mentions_reporting} OVER dyad_day AS mentions,
                   count(*) FILTER (WHERE in_headline) OVER dyad_day AS headline_mentions,
                   max(strength) OVER dyad_day AS abs_goldstein,
                   row_number() OVER (dyad_day ORDER BY in_headline DESC, strength DESC,
                                      article_id, sentence_index, event_id) AS pick
            FROM passing
            WINDOW dyad_day AS (PARTITION BY date, side_a, side_b, cameo_root)),
        -- a sentence stating two acts is shown once, for the more salient
        distinct_sentences AS (
            SELECT *, row_number() OVER (PARTITION BY date, article_id, sentence_index
                                         ORDER BY {SALIENCE}) AS sentence_pick
            FROM grouped WHERE pick = 1),
        ranked AS (
            SELECT *, row_number() OVER (PARTITION BY date ORDER BY {SALIENCE}) AS day_rank
            FROM distinct_sentences WHERE sentence_pick = 1),
        thinned AS (
            SELECT *, row_number() OVER (ORDER BY {SALIENCE}) AS overall_rank
            FROM ranked {f"WHERE day_rank <= {int(per_day)}" if per_day else ""})
        SELECT date, sentence, source_code, target_code, cameo, plover, quad_class,
               goldstein, articles, mentions, headline_mentions, event_id, article_id
        FROM thinned {f"WHERE overall_rank <= {int(max_events)}" if max_events else ""}
        ORDER BY date, day_rank"""
    cursor = store.con.execute(sql, params)
    return [dict(zip(TIMELINE_COLUMNS, row)) for row in cursor.fetchall()]


def one_line(sentence: str) -> str:
    return re.sub(r"\s+", " ", sentence).strip()


def text_line(event: dict) -> str:
    """An event as the first line of an example article: `date YYYY-MM-DD <sentence>`."""
    return f"date {event['date'].isoformat()} {one_line(event['sentence'])}"


def markdown_line(event: dict) -> str:
    kind = f"CAMEO {event['cameo']}" + (f" {event['plover']}" if event["plover"] else "")
    return (f"- **{event['date'].isoformat()}** {one_line(event['sentence'])} "
            f"*({event['source']} → {event['target'] or '-'}, {kind}; "
            f"{plural(event['articles'], 'article')}, "
            f"{plural(event['mentions'], 'mention')})*")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

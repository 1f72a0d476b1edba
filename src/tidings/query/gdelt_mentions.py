"""GDELT 2.0 Mentions rows (`tsv-gdelt-mentions`): one row per stored mention, keyed by
its event's GLOBALEVENTID (the cluster id), as GDELT's Mentions table (docs/gdelt.md)."""
from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from typing import TextIO
from urllib.parse import urlsplit

from ..store.database import EVENT_COLUMNS, MENTIONS_TABLE, Store
from .events import EventFilter

GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras"]

WEB, CITATION_ONLY = 1, 2  # GDELT's MentionType: a URL, or a document without one
STAMP = "%Y%m%d%H%M%S"


@functools.cache
def pronouns() -> frozenset[str]:
    from ..nlp.wordlists import load_word_lists
    return load_word_lists()["pronouns"]


def document(title: str | None, text: str | None) -> str:
    """The document offsets count in: the headline, a blank line, the body (as coded)."""
    return f"{title}\n\n{text or ''}" if title else text or ""


def sentence_offset(doc: str, title: str | None, sentence: str, in_headline: bool) -> int:
    """Where the sentence starts in the document (a body sentence after the headline);
    -1 when it cannot be found."""
    start = 0 if in_headline or not title else len(title) + 2
    return doc.find(sentence, start) if sentence else -1


def mention_row(row: dict) -> list:
    """One Mentions row from a mention joined with its event and article."""
    doc = document(row["title"], row["text"])
    at = sentence_offset(doc, row["title"], row["sentence"], row["in_headline"])

    def offset(start: int | None) -> int:
        return -1 if at < 0 or start is None else at + start
    url = row["url"] or ""
    actors = [row["source_text"], row["target_text"]]
    raw = not any(text and text.lower() in pronouns() for text in actors)
    values = {
        "GLOBALEVENTID": row["cluster_id"],
        "EventTimeDate": row["event_added_at"].strftime(STAMP),
        "MentionTimeDate": row["ingested_at"].strftime(STAMP),
        "MentionType": WEB if url else CITATION_ONLY,
        "MentionSourceName": row["source"] or urlsplit(url).hostname or "",
        "MentionIdentifier": url or row["article_id"],
        "SentenceID": row["sentence_index"] + 1,
        "Actor1CharOffset": offset(row["source_start"]),
        "Actor2CharOffset": offset(row["target_start"] if row["target_code"] else None),
        "ActionCharOffset": offset(row["trigger_start"]),
        "InRawText": 1 if raw else 0,
        "Confidence": round(100 * row["confidence"]) if row["confidence"] is not None else "",
        "MentionDocLen": len(doc),
        "MentionDocTone": "", "MentionDocTranslationInfo": "", "Extras": "",
    }
    return [values[c] for c in GDELT_MENTION_COLUMNS]


def mention_rows(store: Store, flt: EventFilter | None = None, *, batch: int = 1000
                 ) -> Iterator[list]:
    """The Mentions rows of the mentions passing `flt`, oldest first, streamed."""
    flt = flt or EventFilter()
    where, params = flt.where()
    limit = f" LIMIT {int(flt.limit)}" if flt.limit else ""
    sql = (f"SELECT m.*, e.added_at AS event_added_at, a.ingested_at, a.url, a.source, "
           f"a.title, a.text FROM (SELECT {', '.join(EVENT_COLUMNS)}, cluster_id "
           f"FROM {MENTIONS_TABLE}{where} ORDER BY date, article_id, sentence_index, event_id"
           f"{limit}) m JOIN events e ON e.id = m.cluster_id "
           "JOIN articles a ON a.id = m.article_id "
           "ORDER BY m.date, m.article_id, m.sentence_index, m.event_id")
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield mention_row(dict(zip(names, row)))


def write_mention_rows(rows: Iterator[list], out: TextIO) -> int:
    """Write Mentions rows as GDELT's tab-separated file (no header); RETURNS the count."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count

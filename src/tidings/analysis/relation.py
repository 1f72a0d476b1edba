"""What the analyses count: rows of one relation, named here and nowhere else.

The store holds one row per event mention (table `mentions`: each sentence that states
an event) and one per event (table `events`: the mentions of one real event grouped by
the cluster stage). The analyses count events, each as its representative mention with
the event's date; `--mentions` counts mentions.
"""
from __future__ import annotations

from ..store.database import EVENT_COLUMNS, EVENT_RECORDS, MENTIONS_TABLE

MENTIONS = MENTIONS_TABLE
EVENTS = EVENT_RECORDS

ACTOR_COLUMNS = ("text", "name", "code", "country", "sector", "start", "end")


def counted(*, mentions: bool = False) -> str:
    """The relation whose rows are counted: mentions, or events."""
    return MENTIONS if mentions else EVENTS


def reports(*, mentions: bool = False) -> tuple[str, str]:
    """SQL aggregates of how many articles and mentions report the rows counted: an
    event carries its own counts (a copied article counted once), a mention is one."""
    if mentions:
        return "count(DISTINCT article_id)", "count(*)"
    return "sum(num_articles)", "sum(num_mentions)"


def directed(relation: str) -> str:
    """SQL for `relation` with every symmetric row (a meeting: one row per pair) also in
    the other direction, so that a filter on one side finds it from either side."""
    swap = {f"{side}_{col}": f"{other}_{col}" for side, other in
            (("source", "target"), ("target", "source")) for col in ACTOR_COLUMNS}
    columns = ", ".join(EVENT_COLUMNS)
    swapped = ", ".join(f"{swap[c]} AS {c}" if c in swap else c for c in EVENT_COLUMNS)
    return (f"(SELECT {columns} FROM {relation} UNION ALL "
            f"SELECT {swapped} FROM {relation} WHERE is_symmetric)")


def node(side: str, level: str) -> str:
    """SQL for one side of a dyad: its actor code, or its country (an actor of no
    country, such as IGOUNO, stands for itself)."""
    if level == "actor":
        return f"{side}_code"
    return f"coalesce({side}_country, {side}_code)"


def and_where(where: str, clause: str) -> str:
    """An EventFilter's WHERE (possibly empty) with one more clause."""
    return f"{where} AND {clause}" if where else f" WHERE {clause}"

"""Select stored quotes (the quotes table) with the filters users ask for."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import QUOTE_KINDS
from ..store.database import QUOTE_COLUMNS, QUOTES_TABLE, Store
from .events import actor_clause, closest, escape_like

# what `tidings quotes` prints: the article's date first, then the quote's own columns
QUOTE_OUTPUT = ("date", *QUOTE_COLUMNS)


@dataclass
class QuoteFilter:
    """Filters for `select_quotes`; each is optional and they combine with AND.

    actor: the speaker, as `EventFilter.source` takes an actor (a country, an exact code,
    a code prefix ending in `*`); name: part of the speaker's name or words ("Lavrov");
    kind: direct, continued, attributed or according_to; text: part of the quoted words;
    article: an article id.
    """

    actor: str | None = None
    name: str | None = None
    kind: str | None = None
    text: str | None = None
    article: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.actor:
            clause, values = actor_clause("q.speaker", self.actor)
            clauses.append(clause)
            params += values
        if self.name:
            clauses.append("(q.speaker_name ILIKE ? ESCAPE '\\' "
                           "OR q.speaker_text ILIKE ? ESCAPE '\\')")
            params += [f"%{escape_like(self.name)}%"] * 2
        if self.kind:
            if self.kind not in QUOTE_KINDS:
                raise closest(self.kind, QUOTE_KINDS, "quote kind")
            clauses.append("q.kind = ?")
            params.append(self.kind)
        if self.text:
            clauses.append("q.text ILIKE ? ESCAPE '\\'")
            params.append(f"%{escape_like(self.text)}%")
        if self.article:
            clauses.append("q.article_id = ?")
            params.append(self.article)
        if self.since:
            clauses.append("a.date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("a.date <= ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def select_quotes(store: Store, flt: QuoteFilter | None = None, *, batch: int = 1000
                  ) -> Iterator[tuple]:
    """Quotes as rows of QUOTE_OUTPUT, in date and reading order, streamed `batch` rows
    at a time."""
    flt = flt or QuoteFilter()
    where, params = flt.where()
    sql = (f"SELECT a.date, {', '.join('q.' + c for c in QUOTE_COLUMNS)} "
           f"FROM {QUOTES_TABLE} q JOIN articles a ON a.id = q.article_id{where} "
           "ORDER BY a.date, q.article_id, q.paragraph, q.char_start")
    if flt.limit:
        sql += f" LIMIT {int(flt.limit)}"
    cursor = store.con.execute(sql, params)
    while rows := cursor.fetchmany(batch):
        yield from rows


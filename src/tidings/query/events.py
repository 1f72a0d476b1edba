"""Select events from the store with the filters users ask for."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..store.database import EVENT_COLUMNS, Store


@dataclass
class EventFilter:
    """Filters for `select_events`; each is optional and they combine with AND.

    source / target match an actor code ("SYRGOV"), a code prefix ("SYR") or a name
    substring ("Assad"); country matches either side's country.
    """

    source: str | None = None
    target: str | None = None
    country: str | None = None
    cameo: str | None = None  # code prefix: "11" gives 11x
    root: str | None = None
    plover: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        for side, value in (("source", self.source), ("target", self.target)):
            if value:
                clauses.append(f"({side}_code LIKE ? OR {side}_name ILIKE ?)")
                params += [value.upper() + "%", f"%{value}%"]
        if self.country:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [self.country.upper()] * 2
        if self.cameo:
            clauses.append("cameo LIKE ?")
            params.append(self.cameo + "%")
        if self.root:
            clauses.append("cameo_root = ?")
            params.append(self.root.zfill(2))
        if self.plover:
            clauses.append("plover = ?")
            params.append(self.plover.upper())
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def event_query(flt: EventFilter) -> tuple[str, list]:
    """SQL selecting the event columns that pass `flt`, oldest first."""
    where, params = flt.where()
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events{where} "
           "ORDER BY date, article_id, sentence_index, event_id")
    if flt.limit:
        sql += f" LIMIT {int(flt.limit)}"
    return sql, params


def select_events(store: Store, flt: EventFilter | None = None) -> list[dict]:
    """Events as nested records (the shape of Event.to_dict)."""
    sql, params = event_query(flt or EventFilter())
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [row_to_record(dict(zip(names, row))) for row in cursor.fetchall()]


def row_to_record(row: dict) -> dict:
    """A flat events-table row as the nested record `tidings code` prints."""
    def actor(side: str) -> dict | None:
        if row[f"{side}_code"] is None:
            return None
        return {col: row[f"{side}_{col}"]
                for col in ("text", "name", "code", "country", "sector", "start", "end")}
    record = {k: row[k] for k in ("event_id", "article_id", "sentence_index", "sentence",
                                  "in_headline")}
    record["date"] = row["date"].isoformat() if row["date"] else None
    record["date_text"] = row["date_text"]
    record["place"] = ({"text": row["place"], "country": row["place_country"]}
                       if row["place"] else None)
    record["source"] = actor("source")
    record["target"] = actor("target")
    record.update({k: row[k] for k in ("cameo", "cameo_root", "plover", "plover_mode",
                                       "quad_class", "goldstein", "rule")})
    record["trigger"] = {"text": row["trigger"], "start": row["trigger_start"],
                         "end": row["trigger_end"]}
    record["confidence"] = row["confidence"]
    return record

"""Select events from the store with the filters users ask for.

Actor filters (`source`, `target`) take a country, by ISO3 code or by name or alias
("SYR", "Syria", "Türkiye": any actor of that country), an exact actor code ("SYRGOV",
"IGOUNO"), or a code prefix with an explicit `*` ("SYRG*"); `name` matches a person's or
body's name on either side ("Assad"). `check_filter` turns values that match nothing
Tidings knows into an error naming the closest valid ones.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import TidingsError
from ..model import Article
from ..store.database import (
    CLUSTER_COLUMNS,
    EVENT_COLUMNS,
    EVENT_RECORDS,
    GEO_FIELDS,
    GEO_ROLES,
    MENTIONS_TABLE,
    Store,
)

CODE = re.compile(r"[A-Z]{3}(?:[A-Z0-9]{3})*")  # "SYR", "SYRGOV", "IGOUNOHCR"


class FilterError(TidingsError):
    """A filter value that names nothing Tidings knows."""


@dataclass
class EventFilter:
    """Filters for `select_events`; each is optional and they combine with AND.

    source / target: a country (ISO3 code, name or alias), an exact actor code, or a
    code prefix ending in `*`; country: a country on either side (code, name or alias);
    name: a substring of the source's or target's name; cameo: a code or code prefix
    ("11" gives 11x); root: 01-20; plover: a PLOVER type; min_confidence: events at or
    above this confidence; actor: an actor (as source or target) on either side; partner:
    with `actor`, the other side (a dyad in either direction); text: a substring of the
    sentence; min_tone / max_tone: mentions whose article's tone (doc_tone, GDELT's
    AvgTone scale, enrich/tone.py), or events whose articles' mean tone (an event's
    doc_tone), is at least / at most this; limit / offset: at most `limit` events after
    skipping `offset`; sort: oldest first (date, article, sentence) instead of the order
    they were stored in, which streams from the first row without sorting the whole table.
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
    name: str | None = None
    min_confidence: float | None = None
    actor: str | None = None
    partner: str | None = None
    text: str | None = None
    min_tone: float | None = None
    max_tone: float | None = None
    offset: int | None = None
    sort: bool = False

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        for side, value in (("source", self.source), ("target", self.target)):
            if value:
                clause, values = actor_clause(side, value)
                clauses.append(clause)
                params += values
        if self.actor:
            clause, values = either_side_clause(self.actor, self.partner)
            clauses.append(clause)
            params += values
        if self.text:
            clauses.append("sentence ILIKE ? ESCAPE '\\'")
            params.append(f"%{escape_like(self.text)}%")
        if self.name:
            clauses.append("(source_name ILIKE ? ESCAPE '\\' OR target_name ILIKE ? ESCAPE '\\')")
            params += [f"%{escape_like(self.name)}%"] * 2
        if self.country:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [country_code(self.country) or self.country.upper()] * 2
        if self.cameo:
            clauses.append("cameo LIKE ? ESCAPE '\\'")
            params.append(escape_like(self.cameo) + "%")
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
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        if self.min_tone is not None:
            clauses.append("doc_tone >= ?")
            params.append(self.min_tone)
        if self.max_tone is not None:
            clauses.append("doc_tone <= ?")
            params.append(self.max_tone)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def escape_like(value: str) -> str:
    """A value matched literally by LIKE: "10%" is ten percent, not "10" and more."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def actor_clause(side: str, value: str) -> tuple[str, list]:
    """SQL for one side's actor filter: a country, an exact code, or a `*` prefix."""
    value = value.strip()
    if value.endswith("*"):
        return f"{side}_code LIKE ? ESCAPE '\\'", [escape_like(value[:-1].upper()) + "%"]
    country = country_code(value)
    if country is not None:
        return f"{side}_country = ?", [country]
    return f"{side}_code = ?", [value.upper()]


def either_side_clause(actor: str, partner: str | None) -> tuple[str, list]:
    """SQL for `actor` on either side; with `partner`, the two facing each other."""
    actor_source, actor_source_values = actor_clause("source", actor)
    actor_target, actor_target_values = actor_clause("target", actor)
    if partner is None:
        return (f"({actor_source} OR {actor_target})",
                actor_source_values + actor_target_values)
    partner_source, partner_source_values = actor_clause("source", partner)
    partner_target, partner_target_values = actor_clause("target", partner)
    return (f"(({actor_source} AND {partner_target}) OR ({partner_source} AND {actor_target}))",
            actor_source_values + partner_target_values + partner_source_values
            + actor_target_values)


@functools.cache
def country_names() -> dict[str, str]:
    """Country names and aliases as written, and ISO3 codes -> ISO3 ("Türkiye" -> "TUR")."""
    from ..tables import alternatives, data_path, read_tsv
    names = {}
    for _, row in read_tsv(data_path("actors", "countries.tsv"), ("code", "name", "aliases")):
        for phrase in [row["name"], *alternatives(row["aliases"]), row["code"]]:
            names.setdefault(phrase, row["code"])
    return names


@functools.cache
def _country_lookup() -> dict[str, str]:
    return {name.lower(): code for name, code in reversed(country_names().items())}


def country_code(value: str) -> str | None:
    """The ISO3 code a country code, name or alias stands for (any case), else None."""
    return _country_lookup().get(value.strip().lower())


def closest(value: str, choices, what: str) -> FilterError:
    """The error for `value`, naming the closest of `choices` (all of a short list)."""
    choices = list(choices)
    near = difflib.get_close_matches(value.lower(), [c.lower() for c in choices], n=3,
                                     cutoff=0.5)
    named = [next(c for c in choices if c.lower() == n) for n in near]
    if named:
        hint = f"; did you mean {', '.join(named)}?"
    elif len(choices) <= 30:
        hint = f"; choose one of {', '.join(choices)}"
    else:
        hint = ""
    return FilterError(f"unknown {what} {value!r}{hint}")


def check_filter(flt: EventFilter, codes) -> EventFilter:
    """The filter with every value checked against what Tidings knows (country names,
    CAMEO codes and roots, PLOVER types, actor code shapes); raises FilterError naming
    the closest valid values for one that can match nothing."""
    countries = [name for name in country_names() if not CODE.fullmatch(name)]
    if flt.partner and not flt.actor:
        raise FilterError(f"--with {flt.partner!r} needs --actor: the dyad's other side")
    for label, value in (("--source", flt.source), ("--target", flt.target),
                         ("--actor", flt.actor), ("--with", flt.partner)):
        if not value or value.strip().endswith("*") or country_code(value):
            continue
        if not CODE.fullmatch(value.strip().upper()):
            raise closest(value, countries, f"actor for {label} (a country, a code such as "
                                            "SYRGOV, or a prefix such as SYR*)")
    if flt.country and not country_code(flt.country):
        raise closest(flt.country, countries, "country")
    if flt.cameo and not any(c.startswith(flt.cameo) for c in codes.codes):
        raise closest(flt.cameo, codes.codes, "CAMEO code")
    roots = sorted({info.root for info in codes.codes.values()})
    if flt.root and flt.root.zfill(2) not in roots:
        raise closest(flt.root.zfill(2), roots, "CAMEO root (01-20)")
    plovers = sorted({info.plover for info in codes.codes.values() if info.plover})
    if flt.plover and flt.plover.upper() not in plovers:
        raise closest(flt.plover.upper(), plovers, "PLOVER type")
    return flt


MENTION_ORDER = "date, article_id, sentence_index, event_id"
EVENT_ORDER = "date, cluster_id"


def event_query(flt: EventFilter, columns: tuple[str, ...] | None = None, *,
                mentions: bool = False) -> tuple[str, list]:
    """SQL selecting `columns` of the events (clusters: their representative mention's
    columns and the cluster's) or, with `mentions`, of the mentions that pass `flt`, in
    the order they were stored (oldest first with `flt.sort`); all columns for None."""
    where, params = flt.where()
    if mentions:
        columns = columns or (*EVENT_COLUMNS, "cluster_id")
        sql = f"SELECT {', '.join(columns)} FROM {MENTIONS_TABLE}{where}"
    else:
        columns = columns or (*EVENT_COLUMNS, *CLUSTER_COLUMNS, "added_at")
        sql = f"SELECT {', '.join(columns)} FROM {EVENT_RECORDS} AS events{where}"
    if flt.sort:
        sql += f" ORDER BY {MENTION_ORDER if mentions else EVENT_ORDER}"
    if flt.limit is not None:
        sql += f" LIMIT {int(flt.limit)}"
    if flt.offset:
        sql += f" OFFSET {int(flt.offset)}"
    return sql, params


def select_events(store: Store, flt: EventFilter | None = None, *, batch: int = 1000,
                  with_article: bool = False, mentions: bool = False) -> Iterator[dict]:
    """Events (clusters, each as its representative mention's record with the cluster's
    fields) or, with `mentions`, mentions, as nested records (the shape of
    Event.to_dict), streamed `batch` rows at a time: a store of millions of events prints
    its first row at once, in bounded memory. `with_article` adds "article": the stored
    article's url and ingested_at."""
    sql, params = event_query(flt or EventFilter(), mentions=mentions)
    if with_article:
        order = ", ".join(f"e.{column}" for column in
                          (MENTION_ORDER if mentions else EVENT_ORDER).split(", "))
        sql = ("SELECT e.*, a.url AS article_url, a.ingested_at AS article_ingested_at "
               f"FROM ({sql}) e LEFT JOIN articles a ON a.id = e.article_id")
        if flt and flt.sort:
            sql += f" ORDER BY {order}"
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            row = dict(zip(names, row))
            record = row_to_record(row)
            if with_article:
                record["article"] = {"url": row["article_url"],
                                     "ingested_at": row["article_ingested_at"]}
            yield record


def stored_event(store: Store, event_id: str) -> tuple[dict, Article] | None:
    """The stored mention `event_id` as a record, with the article it was coded from; an
    event's number (`events.id`, GDELT's GLOBALEVENTID) gives its representative mention."""
    cursor = store.con.execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM {MENTIONS_TABLE} WHERE event_id = ? OR "
        "(NOT EXISTS (SELECT 1 FROM mentions WHERE event_id = ?) AND event_id = "
        "(SELECT representative FROM events WHERE CAST(id AS VARCHAR) = ?))",
        [event_id, event_id, event_id])
    row = cursor.fetchone()
    if row is None:
        return None
    record = row_to_record(dict(zip([d[0] for d in cursor.description], row)))
    found = store.con.execute("SELECT id, date, title, text, url, source FROM articles "
                              "WHERE id = ?", [record["article_id"]]).fetchone()
    if found is None:
        return None
    article = Article(id=found[0], date=found[1], title=found[2] or "", text=found[3] or "",
                      url=found[4], source=found[5])
    return record, article


def marked_sentence(record: dict) -> str:
    """The event's sentence with its evidence marked: [source], [target], {trigger}."""
    sentence = record["sentence"]
    marks = [(record["trigger"]["start"], record["trigger"]["end"], "{", "}")]
    for side in ("source", "target"):
        if record[side] is not None:
            marks.append((record[side]["start"], record[side]["end"], "[", "]"))
    inserts = sorted([(end, close) for start, end, _, close in marks]
                     + [(start, open_) for start, _, open_, _ in marks], reverse=True)
    for at, mark in inserts:
        sentence = sentence[:at] + mark + sentence[at:]
    return sentence


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
    record["date_precision"] = row["date_precision"]
    record["historical"] = bool(row["historical"])
    record["place"] = ({"text": row["place"], "country": row["place_country"]}
                       if row["place"] else None)
    record["geo"] = {role: stored_place(row, role) for role in GEO_ROLES}
    record["source"] = actor("source")
    record["target"] = actor("target")
    record.update({k: row[k] for k in ("cameo", "cameo_root", "plover", "plover_mode",
                                       "quad_class", "goldstein", "rule")})
    record["trigger"] = {"text": row["trigger"], "start": row["trigger_start"],
                         "end": row["trigger_end"]}
    record["confidence"] = row["confidence"]
    record["rules"] = row["rules"].split() if row["rules"] else []
    record["symmetric"] = bool(row["is_symmetric"])
    record.update({k: row[k] for k in ("tone", "doc_tone", "quote_id")})
    for column in CLUSTER_COLUMNS:  # a stored mention's event, an event's own fields
        if column in row:
            value = row[column]
            record[column] = value.isoformat() if isinstance(value, dt.date) else value
    if row.get("added_at") is not None:  # when the event was first stored
        record["added_at"] = row["added_at"].isoformat(sep=" ")
    return record


def stored_place(row: dict, role: str) -> dict | None:
    """One role's geo columns as the record's place (Place.to_dict shape), or None."""
    values = {name: row.get(f"{role}_geo_{name}") for name, _ in GEO_FIELDS}
    return values if values["name"] is not None else None

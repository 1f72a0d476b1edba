"""Write event records (Event.to_dict shape) as a table, CSV, JSONL or GDELT TSV."""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import itertools
import json
import shutil
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..store.database import CLUSTER_COLUMNS, EVENT_COLUMNS

FORMATS = ("table", "jsonl", "csv", "tsv-gdelt")

# GDELT 2.0 event table columns, in order: the 58 of the GDELT 1.0 codebook's daily files
# plus the three *Geo_ADM2Code columns GDELT 2.0 added (docs/gdelt.md).
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{p}_{c}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL"]

# The flat column set of every CSV and Parquet output (`code -f csv`, `events -f csv`,
# `export x.csv`, `export x.parquet`): the columns of the mentions table, in its order
# (docs/schema.md); `--columns` chooses some of them. A stored mention adds its event's
# id, a stored event (a cluster) its id, counts and dates.
CSV_COLUMNS = EVENT_COLUMNS
MENTION_CSV_COLUMNS = (*EVENT_COLUMNS, "cluster_id")
EVENT_CSV_COLUMNS = (*EVENT_COLUMNS, *CLUSTER_COLUMNS)


def check_columns(value: str | None, allowed: tuple[str, ...] = CSV_COLUMNS
                  ) -> tuple[str, ...]:
    """The columns of `allowed` named in "date,source_code,cameo" (all for None), in that
    order; ValueError naming the closest for an unknown one."""
    if value is None:
        return allowed
    chosen = tuple(name.strip() for name in value.split(",") if name.strip())
    for name in chosen:
        if name not in allowed:
            near = difflib.get_close_matches(name, allowed, n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(near)}?" if near else \
                f"choose from {', '.join(allowed)}"
            raise ValueError(f"unknown column {name!r}; {hint}")
    if not chosen:
        raise ValueError("no column named; give them comma-separated, e.g. date,source_code")
    return chosen


def flat(record: dict, columns: tuple[str, ...] = CSV_COLUMNS) -> list:
    """A nested record (Event.to_dict shape) as the values of `columns`: "source_code" is
    record["source"]["code"], "trigger" the trigger's text, "rules" space-separated,
    "is_symmetric" record["symmetric"]."""
    values = []
    for column in columns:
        head, _, rest = column.partition("_")
        if column in record:
            value = record[column]
            if isinstance(value, dict):
                value = value.get("text")
            elif isinstance(value, list):
                value = " ".join(value)
        elif head in record:
            value = (record.get(head) or {}).get(rest)
        else:
            value = record.get(column.removeprefix("is_"))
        values.append(value)
    return values


def csv_value(value) -> str:
    """A CSV cell as R, Stata and pandas read it: empty for null, true/false, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def gdelt_event_id(event_id: str) -> int:
    """GLOBALEVENTID: the event id's 16 hex digits (64 bits) shifted to 63 bits, so it
    fits a signed 64-bit integer; the same event gets the same number in every export."""
    return int(event_id, 16) >> 1


@functools.cache
def fips_countries() -> dict[str, tuple[str, str]]:
    """ISO3 -> (FIPS 10-4 code, GDELT country name), from data/geo/fips.tsv."""
    from ..tables import data_path, read_tsv
    return {row["iso3"]: (row["fips"], row["name"])
            for _, row in read_tsv(data_path("geo", "fips.tsv"), ("iso3", "fips", "name"))}


@functools.cache
def known_group_codes() -> frozenset[str]:
    """Codes of the named IGOs (data/actors/igos.tsv) and of the groups with a code of
    their own (data/actors/groups.tsv: PALPLO, PSEREBHMS; not RUSGOV, the Kremlin)."""
    from ..tables import data_path, read_tsv
    igos = {row["code"] for _, row in read_tsv(data_path("actors", "igos.tsv"), ("code",))}
    groups = {row["code"] for _, row in read_tsv(data_path("actors", "groups.tsv"),
                                                 ("code", "country", "sector"))
              if row["code"] != row["country"] + row["sector"]}
    return frozenset(igos | groups)


def gdelt_actor(actor: dict) -> dict:
    """An actor's GDELT fields (without the ActorN prefix): CountryCode is a country's
    3-letter code, KnownGroupCode the last three letters of a named IGO's or group's code
    (IGOUNO -> UNO, PALPLO -> PLO), Type1Code the sector (IGO for an IGO)."""
    code, country = actor["code"], actor.get("country") or ""
    return {"Code": code,
            "Name": (actor.get("name") or actor.get("text") or "").upper(),
            "CountryCode": country if country in fips_countries() else "",
            "KnownGroupCode": code[-3:] if code in known_group_codes() else "",
            "Type1Code": "IGO" if code.startswith("IGO") else actor.get("sector") or ""}


def gdelt_row(record: dict, added: dt.datetime) -> list:
    """One GDELT 2.0 event row (docs/gdelt.md); `added` is when the event entered the
    store, or was coded. The record's optional "article" holds its stored url. A stored
    event (a cluster) gives its id and counts; a mention coded without a store is an
    event of its own."""
    day = dt.date.fromisoformat(record["date"])
    values = {c: "" for c in GDELT_COLUMNS}
    clustered = record.get("num_mentions") is not None
    values.update({
        "GLOBALEVENTID": record["cluster_id"] if clustered else gdelt_event_id(record["event_id"]),
        "SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
        "IsRootEvent": 1 if record["in_headline"] or record["sentence_index"] <= 1 else 0,
        "EventCode": record["cameo"], "EventBaseCode": record["cameo"][:3],
        "EventRootCode": record["cameo_root"], "QuadClass": record["quad_class"],
        "GoldsteinScale": record["goldstein"],
        "NumMentions": record["num_mentions"] if clustered else 1,
        "NumSources": record["num_sources"] if clustered else 1,
        "NumArticles": record["num_articles"] if clustered else 1,
        "DATEADDED": added.strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": (record.get("article") or {}).get("url") or "",
    })
    country = (record.get("place") or {}).get("country")
    if country in fips_countries():
        fips, name = fips_countries()[country]
        values.update({"ActionGeo_Type": 1, "ActionGeo_FullName": name,
                       "ActionGeo_CountryCode": fips, "ActionGeo_ADM1Code": fips})
    for n, side in ((1, "source"), (2, "target")):
        if record.get(side):
            values.update({f"Actor{n}{k}": v for k, v in gdelt_actor(record[side]).items()})
    return [values[c] for c in GDELT_COLUMNS]


def write_records(records: Iterable[dict], fmt: str, out: TextIO, *,
                  columns: tuple[str, ...] = CSV_COLUMNS) -> int:
    """Write records in `fmt` to `out`; RETURNS (int) how many were written. `columns`:
    those of a CSV (CSV_COLUMNS, or a choice of them)."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([csv_value(v) for v in flat(record, columns)])
            count += 1
    elif fmt == "tsv-gdelt":
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        coded_at = dt.datetime.now().replace(microsecond=0)
        for record in records:
            added = (dt.datetime.fromisoformat(record["added_at"]) if record.get("added_at")
                     else (record.get("article") or {}).get("ingested_at") or coded_at)
            writer.writerow(gdelt_row(record, added))
            count += 1
    elif fmt == "table":
        records = iter(records)
        first = next(records, None)
        width = terminal_width()
        shown = table_columns(width, first or {})
        table = Table(show_lines=False)
        for name in shown:
            table.add_column(name, min_width=TABLE_COLUMNS[name][0], overflow="fold")
        for record in itertools.chain([first] if first else [], records):
            table.add_row(*(Text(TABLE_COLUMNS[name][1](record)) for name in shown))
            count += 1
        console = Console(file=out, width=width)
        # an empty table is only a header: say plainly that nothing matched
        console.print(table if count else "0 events")
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return count


def terminal_width() -> int:
    """The terminal's width ($COLUMNS first; 80 when there is no terminal)."""
    return shutil.get_terminal_size((80, 24)).columns


def _confidence(record: dict) -> str:
    return "" if record.get("confidence") is None else f"{record['confidence']:.2f}"


def _reports(record: dict) -> str:
    return f"{record['num_mentions']}/{record['num_articles']}/{record['num_sources']}"


# The event table's columns, in the order shown: (least width, cell of a record).
TABLE_COLUMNS = {
    "event": (5, lambda r: str(r["cluster_id"])),
    "date": (10, lambda r: r["date"] or ""),
    "source": (12, lambda r: _actor_label(r["source"])),
    "cameo": (5, lambda r: r["cameo"]),
    "plover": (8, lambda r: r["plover"] or ""),
    "target": (12, lambda r: _actor_label(r["target"])),
    "trigger": (10, lambda r: (r.get("trigger") or {}).get("text") or ""),
    "conf": (4, _confidence),
    "sentence": (30, lambda r: r["sentence"] or ""),
    "rule": (16, lambda r: r["rule"] or ""),
    # a stored event's mentions, articles and sources
    "m/a/s": (7, _reports),
}
# Which columns a narrower terminal keeps, most useful first.
TABLE_PRIORITY = ("date", "source", "cameo", "target", "event", "m/a/s", "trigger", "plover",
                  "sentence", "conf", "rule")
# Columns shown only for records that have the field: stored mentions and events.
TABLE_NEEDS = {"event": "cluster_id", "m/a/s": "num_mentions"}


def table_columns(width: int, record: dict | None = None) -> list[str]:
    """The event table's columns that fit `width` characters at their least width (each
    takes 3 more for its border and padding), the most useful first, in display order;
    the cluster columns only when `record` (the first) has their fields."""
    kept, used = set(), 1
    for name in TABLE_PRIORITY:
        if name in TABLE_NEEDS and (record or {}).get(TABLE_NEEDS[name]) is None:
            continue
        need = TABLE_COLUMNS[name][0] + 3
        if used + need <= width or not kept:
            kept.add(name)
            used += need
    return [name for name in TABLE_COLUMNS if name in kept]


def _actor_label(actor: dict | None) -> str:
    if not actor:
        return "-"
    return f"{actor['code']} ({actor.get('name') or actor['text']})"


ROW_FORMATS = ("table", "csv", "jsonl")


def write_rows(columns: list[str], rows: Iterable[tuple], fmt: str, out: TextIO) -> int:
    """Write tabular results (named columns, rows as tuples) as a table, CSV or JSONL;
    RETURNS (int) how many rows were written. Dates are written as YYYY-MM-DD."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str)
                      + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            count += 1
    elif fmt == "table":
        table = Table(show_lines=False)
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*("" if value is None else _cell(value) for value in row))
            count += 1
        Console(file=out, width=terminal_width()).print(table if count else "0 rows")
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(ROW_FORMATS)}")
    return count


def _cell(value) -> Text:
    """A table cell, never read as rich markup (a sentence may hold "[1]")."""
    return Text(f"{value:.3f}" if isinstance(value, float) else str(value))

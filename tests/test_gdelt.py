"""`tsv-gdelt`: GDELT 2.0 event rows, read back with the codebook's column list."""
import csv
import datetime as dt
import json

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.coding.codes import load_code_table
from tidings.query.formats import GDELT_COLUMNS, fips_countries
from tidings.tables import data_path, read_tsv

from .conftest import EXAMPLE, ROOT

runner = CliRunner()
URL = "https://example.org/2022/10/10/russia-strikes-ukraine"
STORY_TITLE = "Germany condemns Russia over missile barrage"
STORY = ("Germany condemned Russia on Tuesday over the missile barrage on Ukrainian cities. "
         "Berlin promised Ukraine new air defence systems.")

# The GDELT 1.0 codebook's columns (58 in the daily files); GDELT 2.0 adds the three
# *Geo_ADM2Code columns after each *Geo_ADM1Code.
CODEBOOK_1_0 = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{p}_{c}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL"]
INTEGERS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
            "NumMentions", "NumSources", "NumArticles")


@pytest.fixture(scope="module")
def store(tmp_path_factory, engine):
    """The examples, and one story of its own from a JSONL file with a url."""
    folder = tmp_path_factory.mktemp("gdelt")
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps({"date": "2022-10-11", "url": URL, "title": STORY_TITLE,
                                "text": STORY}) + "\n")
    path = folder / "g.duckdb"
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), str(EXAMPLE), str(feed),
                                 "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def export(store, out) -> list[dict]:
    result = runner.invoke(app, ["export", str(out), "--db", str(store), "--force"])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows and all(len(row) == 61 for row in rows)
    return [dict(zip(GDELT_COLUMNS, row)) for row in rows]


def stored(store, sql):
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_gdelt_columns_are_the_codebooks_and_the_three_adm2():
    assert [c for c in GDELT_COLUMNS if not c.endswith("ADM2Code")] == CODEBOOK_1_0
    assert len(CODEBOOK_1_0) == 58 and len(GDELT_COLUMNS) == 61


def test_gdelt_export_types_and_ranges(store, tmp_path):
    rows = export(store, tmp_path / "g.tsv")
    assert len(rows) == stored(store, "SELECT count(*) FROM events")[0][0]
    codes = load_code_table().codes
    for row in rows:
        for column in INTEGERS:
            assert row[column].isdigit(), (column, row[column])
        day = dt.datetime.strptime(row["SQLDATE"], "%Y%m%d").date()
        assert row["MonthYear"] == row["SQLDATE"][:6] and row["Year"] == row["SQLDATE"][:4]
        assert float(row["FractionDate"]) == round(
            day.year + (day.month * 30 + day.day) / 365, 4)
        assert len(row["DATEADDED"]) == 14
        dt.datetime.strptime(row["DATEADDED"], "%Y%m%d%H%M%S")
        assert row["EventCode"] in codes
        assert row["EventBaseCode"] == row["EventCode"][:3] in codes
        assert row["EventRootCode"] == codes[row["EventCode"]].root
        assert 1 <= int(row["QuadClass"]) <= 4
        assert -10 <= float(row["GoldsteinScale"]) <= 10
        assert 1 <= int(row["NumSources"]) <= int(row["NumArticles"]) <= int(row["NumMentions"])
        assert row["IsRootEvent"] in ("0", "1")
        # the mean tone of the articles mentioning the event, GDELT's -100..100 scale
        assert -100 <= float(row["AvgTone"]) <= 100
        assert row["Actor1Code"]
        for n in (1, 2):
            country = row[f"Actor{n}CountryCode"]
            assert country == "" or (len(country) == 3 and row[f"Actor{n}Code"][:3] == country)


def test_gdelt_fractiondate_follows_the_codebook(store, tmp_path):
    rows = export(store, tmp_path / "g.tsv")
    assert {r["FractionDate"] for r in rows if r["SQLDATE"] == "20190316"} == {"2019.2904"}


def test_gdelt_geo_columns_are_the_stored_places_in_fips(store, tmp_path):
    rows = export(store, tmp_path / "g.tsv")
    # an event's row has its representative mention's places
    places = {str(row[0]): row[1:] for row in stored(
        store, "SELECT e.id, m.action_geo_type, m.action_geo_fips, m.action_geo_adm1, "
               "m.action_geo_lat, m.action_geo_lon, m.action_geo_geonameid, "
               "m.source_geo_fips FROM events e JOIN mentions m "
               "ON m.event_id = e.representative")}
    assert sum(p[0] is not None for p in places.values()) >= 5 and len(rows) == len(places)
    for row in rows:
        kind, fips, adm1, lat, lon, geonameid, source_fips = places[row["GLOBALEVENTID"]]
        if kind is None:
            assert row["ActionGeo_Type"] == row["ActionGeo_Lat"] == ""
            continue
        assert row["ActionGeo_Type"] == str(kind) and row["ActionGeo_CountryCode"] == fips
        assert len(fips) == 2 and fips.isupper() and row["ActionGeo_ADM1Code"] == adm1
        assert adm1.startswith(fips)
        assert float(row["ActionGeo_Lat"]) == pytest.approx(lat, abs=1e-4)
        assert float(row["ActionGeo_Long"]) == pytest.approx(lon, abs=1e-4)
        # a landmark (the White House) has no GeoNames id of its own: no feature id
        assert row["ActionGeo_FeatureID"] == (fips if kind == 1 else adm1 if kind in (2, 5)
                                              else str(geonameid or ""))
        assert row["Actor1Geo_CountryCode"] == (source_fips or "")


def test_gdelt_ids_are_stable_across_exports(store, tmp_path):
    first = [r["GLOBALEVENTID"] for r in export(store, tmp_path / "a.tsv")]
    second = [r["GLOBALEVENTID"] for r in export(store, tmp_path / "b.tsv")]
    assert first == second and len(set(first)) == len(first)
    assert all(int(i) < 2 ** 63 for i in first)


def test_gdelt_sourceurl_and_dateadded_come_from_the_article(store, tmp_path):
    rows = export(store, tmp_path / "g.tsv")
    (ingested,), = stored(store, f"SELECT ingested_at FROM articles WHERE url = '{URL}'")
    from_feed = [r for r in rows if r["SOURCEURL"]]
    assert from_feed and {r["SOURCEURL"] for r in from_feed} == {URL}
    assert {r["DATEADDED"] for r in from_feed} == {ingested.strftime("%Y%m%d%H%M%S")}


def test_gdelt_fips_table_covers_every_current_country():
    current = {row["code"] for _, row in read_tsv(data_path("actors", "countries.tsv"),
                                                  ("code",)) if not row.get("valid_until")}
    assert current == set(fips_countries())
    fips = [code for code, _ in fips_countries().values()]
    assert len(set(fips)) == len(fips) and all(len(c) == 2 and c.isupper() for c in fips)
    assert {iso3: fips_countries()[iso3][0] for iso3 in ("DEU", "ISR", "RUS", "UKR", "GBR",
                                                         "SYR", "CHN")} == {
        "DEU": "GM", "ISR": "IS", "RUS": "RS", "UKR": "UP", "GBR": "UK", "SYR": "SY",
        "CHN": "CH"}


def test_gdelt_code_without_a_store_is_added_when_coded():
    before = dt.datetime.now().replace(microsecond=0)
    result = runner.invoke(app, ["code", str(EXAMPLE), "--format", "tsv-gdelt"])
    assert result.exit_code == 0
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in result.output.splitlines()]
    assert rows
    for row in rows:
        assert dt.datetime.strptime(row["DATEADDED"], "%Y%m%d%H%M%S") >= before
        assert row["SOURCEURL"] == ""


def test_gdelt_code_and_events_write_the_articles_url(store, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"date": "2024-03-24", "url": URL,
                                "text": EXAMPLE.read_text()}) + "\n")
    for args in (["code", str(feed)], ["events", "--db", str(store)]):
        result = runner.invoke(app, [*args, "--format", "tsv-gdelt"])
        assert result.exit_code == 0, result.output
        urls = {line.split("\t")[-1] for line in result.output.splitlines()}
        assert URL in urls, args


@pytest.mark.issue(9)
def test_gdelt_events_count_their_clusters(store, tmp_path):
    rows = export(store, tmp_path / "g.tsv")
    expected = stored(store, "SELECT id, num_mentions, num_sources, num_articles FROM events "
                             "ORDER BY date, id")
    assert sorted((int(r["GLOBALEVENTID"]), int(r["NumMentions"]), int(r["NumSources"]),
                   int(r["NumArticles"])) for r in rows) == sorted(expected)  # stored order
    # the examples retell their headlines: some event has more than one mention
    assert any(int(r["NumMentions"]) > 1 for r in rows)


GDELT_MENTIONS = ["GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType",
                  "MentionSourceName", "MentionIdentifier", "SentenceID", "Actor1CharOffset",
                  "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
                  "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"]


@pytest.mark.issue(9)
def test_gdelt_mentions_table_types_ranges_and_offsets(store, tmp_path):
    out = tmp_path / "m.tsv"
    result = runner.invoke(app, ["export", str(out), "--db", str(store), "--format",
                                 "tsv-gdelt-mentions"])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = [dict(zip(GDELT_MENTIONS, row)) for row in csv.reader(handle, delimiter="\t")]
    mentions = stored(store, "SELECT m.cluster_id, m.sentence_index, m.source_text, m.trigger, "
                             "a.title, a.text, a.url, e.added_at, a.ingested_at, a.tone "
                             "FROM mentions m "
                             "JOIN articles a ON a.id = m.article_id JOIN events e ON "
                             "e.id = m.cluster_id ORDER BY m.date, m.article_id, "
                             "m.sentence_index, m.event_id")
    assert len(rows) == len(mentions) > 0
    for row, (cluster, index, source_text, trigger, title, text, url, added,
              ingested, tone) in zip(rows, mentions):
        assert all(len(row) == 16 for row in rows)
        assert int(row["GLOBALEVENTID"]) == cluster
        assert row["EventTimeDate"] == added.strftime("%Y%m%d%H%M%S")
        assert row["MentionTimeDate"] == ingested.strftime("%Y%m%d%H%M%S")
        assert row["MentionType"] == ("1" if url else "2")
        assert row["MentionIdentifier"] == (url or row["MentionIdentifier"])
        assert int(row["SentenceID"]) == index + 1
        doc = f"{title}\n\n{text}" if title else text
        assert int(row["MentionDocLen"]) == len(doc)
        actor = int(row["Actor1CharOffset"])
        assert doc[actor:actor + len(source_text)] == source_text
        action = int(row["ActionCharOffset"])
        assert doc[action:action + len(trigger)] == trigger
        assert row["InRawText"] in ("0", "1") and 0 <= int(row["Confidence"]) <= 100
        assert row["MentionDocTone"] == f"{tone:.2f}"  # the article's tone
    assert {r["MentionIdentifier"] for r in rows if r["MentionType"] == "1"} == {URL}
    mixed = runner.invoke(app, ["events", "--db", str(store), "--mentions", "-f", "tsv-gdelt"])
    assert mixed.exit_code == 2 and "tsv-gdelt-mentions" in mixed.output

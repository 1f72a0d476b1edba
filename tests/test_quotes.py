"""Quotes, tone and the key sentence, driven through the real CLI and store."""
import csv
import io
import json

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.enrich.quotes import load_quote_patterns
from tidings.enrich.tone import article_tone, sentence_tone
from tidings.errors import DictionaryError
from tidings.query.formats import GDELT_COLUMNS
from tidings.query.gdelt_mentions import GDELT_MENTION_COLUMNS

from .conftest import ROOT

runner = CliRunner()
ARTICLE = ROOT / "tests" / "data" / "quotes_article.txt"
LAVROV = ("Sergei Lavrov", "RUSGOV")
SYRIA = ("Syrian Foreign Ministry", "SYRGOV")

# (paragraph, kind, quoted words, speaker as written, speaker name, speaker code)
EXPECTED_QUOTES = [
    (1, "attributed", "Ukraine had planned the attack on the concert hall",
     "Russian Foreign Minister Sergei Lavrov", *LAVROV),
    (2, "direct", "We will find those responsible and punish them,", "Lavrov", *LAVROV),
    # a quoted sentence with no attribution of its own continues the last speaker's
    (2, "continued", "Nobody will escape justice.", "Lavrov", *LAVROV),
    (3, "direct", "The West is lying to its own people about this war,", "he", *LAVROV),
    (4, "continued", "This is a tragedy for all of us and we mourn with the families of the "
                     "victims.", "he", *LAVROV),
    (5, "direct", "We stand with the Russian people,", "Syrian Foreign Ministry", *SYRIA),
    (6, "according_to", "more than 130 people were killed in the attack near Moscow",
     "ministry", *SYRIA),
    (7, "direct", "Ukraine had nothing to do with this attack.",
     "Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelensky", "UKRGOV"),
    (8, "attributed", "the investigation would take months", "minister", *LAVROV),
]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def db(tmp_path_factory, engine):
    path = tmp_path_factory.mktemp("quotes") / "quotes.duckdb"
    result = invoke("ingest", ARTICLE, "--db", path)
    assert result.exit_code == 0, result.output
    return path


def rows(path, sql):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_quotes_rows_of_the_fixture_article_are_exact(db):
    stored = rows(db, "SELECT paragraph, kind, text, speaker_text, speaker_name, speaker_code "
                      "FROM quotes ORDER BY paragraph, char_start")
    assert stored == EXPECTED_QUOTES


SPEAKERS = ROOT / "tests" / "data" / "quotes_speakers.txt"


@pytest.mark.parametrize("paragraph, kind, speaker_text, code, name", [
    # the headline's own attribution
    (0, "attributed", "Pakistan", "PAKGOV", None),
    # the phrase's own title (MIL), the apposition's country
    (1, "attributed", "Lieutenant General Karim Baksh", "PAKMIL", "Karim Baksh"),
    # a surname quoted before is that reading's person
    (2, "direct", "Baksh", "PAKMIL", "Karim Baksh"),
    # the author of a report speaks; '<place>-based' places an unknown one
    (3, "attributed", "report", "PAKCVL", "Karachi-based Institute of Policy Studies"),
    # a former office holder is an elite (ELI)
    (4, "attributed", "Former Pakistani Prime Minister Imran Khan", "PAKELI", "Imran Khan"),
    # an unknown person by her description; the opening mark the sentence split left
    # behind does not take the sentence before's attribution
    (5, "attributed", "Amina Yusuf", "PAKEDU", "Amina Yusuf"),
    (5, "direct", "she", "PAKEDU", "Amina Yusuf"),
    # 'which said' is the ministry's
    (6, "attributed", "Interior Ministry", "PAKGOV", None),
    # a naming verb's short quoted phrase
    (7, "direct", "Interior Minister Mohsin Naqvi", "PAKGOV", "Mohsin Naqvi"),
    # speakers of different sectors together: no one actor said it
    (8, "attributed", "Police officers", None, None),
])
def test_quotes_speaker_rules(tmp_path_factory, engine, paragraph, kind, speaker_text, code,
                              name):
    path = tmp_path_factory.getbasetemp() / "speakers.duckdb"
    if not path.exists():
        assert invoke("ingest", SPEAKERS, "--db", path).exit_code == 0
    stored = rows(path, "SELECT paragraph, kind, speaker_text, speaker_code, speaker_name "
                        "FROM quotes ORDER BY paragraph, char_start")
    assert (paragraph, kind, speaker_text, code, name) in stored
    assert len(stored) == 10


def test_quotes_char_span_is_the_quoted_words_in_the_paragraph(db):
    body = ARTICLE.read_text(encoding="utf-8").split("\n\n")[1:]
    paragraphs = [p.strip() for p in body]
    for paragraph, start, end, text in rows(db, "SELECT paragraph, char_start, char_end, text "
                                                "FROM quotes"):
        assert paragraphs[paragraph - 1][start:end] == text


def test_quotes_actor_filter_through_the_cli(db):
    result = invoke("quotes", "--db", db, "--actor", "SYR", "--format", "csv")
    assert result.exit_code == 0, result.output
    found = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["text"], r["speaker_code"]) for r in found] == [
        ("direct", "We stand with the Russian people,", "SYRGOV"),
        ("according_to", "more than 130 people were killed in the attack near Moscow", "SYRGOV")]
    russia = invoke("quotes", "--db", db, "--actor", "RUSGOV", "--format", "jsonl")
    assert [json.loads(line)["text"] for line in russia.stdout.splitlines()] == [
        q[2] for q in EXPECTED_QUOTES if q[-1] == "RUSGOV"]
    continued = invoke("quotes", "--db", db, "--kind", "continued", "--format", "jsonl")
    assert [json.loads(line)["speaker_name"] for line in continued.stdout.splitlines()] == [
        "Sergei Lavrov", "Sergei Lavrov"]


def test_quotes_unknown_kind_is_a_usage_error(db):
    result = invoke("quotes", "--db", db, "--kind", "indirect")
    assert result.exit_code == 2
    assert "unknown quote kind 'indirect'" in result.output


def test_quotes_event_in_quoted_words_links_its_quote(db):
    linked = rows(db, "SELECT m.source_code, m.cameo, m.target_code, q.text FROM mentions m "
                      "JOIN quotes q ON q.quote_id = m.quote_id ORDER BY m.sentence_index")
    assert linked == [
        ("RUSGOV", "017", "RUSCVL", "This is a tragedy for all of us and we mourn with the "
                                    "families of the victims."),
        ("SYRGOV", "051", "RUSCVL", "We stand with the Russian people,")]


def test_quotes_tone_columns_are_filled(db):
    [(tone,)] = rows(db, "SELECT tone FROM articles")
    sentences = ARTICLE.read_text(encoding="utf-8")
    assert tone is not None and -100 <= tone < 0  # a story of an attack reads negative
    mentions = rows(db, "SELECT tone, doc_tone, sentence FROM mentions")
    assert mentions and all(doc == tone for _, doc, _ in mentions)
    assert all(t == sentence_tone(s) for t, _, s in mentions)
    assert "attack" in sentences


def test_quotes_tone_filters_on_events_and_mentions(db):
    [(tone,)] = rows(db, "SELECT tone FROM articles")
    for listing, table in (((), "events"), (("--mentions",), "mentions")):
        total = len(rows(db, f"SELECT * FROM {table}"))
        for options, expected in ((("--max-tone", tone), total), (("--min-tone", tone), total),
                                  (("--min-tone", tone + 0.01), 0),
                                  (("--max-tone", tone - 0.01), 0)):
            result = invoke("events", "--db", db, "--format", "jsonl", *listing, *options)
            assert result.exit_code == 0, result.output
            assert len(result.stdout.splitlines()) == expected, (listing, options)


def test_quotes_gdelt_avgtone_is_the_articles_tone(db):
    [(tone,)] = rows(db, "SELECT tone FROM articles")
    result = invoke("events", "--db", db, "--format", "tsv-gdelt")
    exported = [dict(zip(GDELT_COLUMNS, line.split("\t")))
                for line in result.stdout.splitlines()]
    assert exported and {row["AvgTone"] for row in exported} == {f"{tone:.2f}"}


def test_quotes_gdelt_mentions_carry_the_doc_tone(db, tmp_path):
    [(tone,)] = rows(db, "SELECT tone FROM articles")
    out = tmp_path / "mentions.tsv"
    result = invoke("export", out, "--db", db, "--format", "tsv-gdelt-mentions")
    assert result.exit_code == 0, result.output
    exported = [dict(zip(GDELT_MENTION_COLUMNS, line.split("\t")))
                for line in out.read_text(encoding="utf-8").splitlines()]
    stored = rows(db, "SELECT sentence_index FROM mentions")
    assert sorted(int(r["SentenceID"]) for r in exported) == \
        sorted(index + 1 for (index,) in stored)
    assert {r["MentionDocTone"] for r in exported} == {f"{tone:.2f}"}


def test_quotes_tone_scale():
    assert sentence_tone("The ministers met in Geneva on Monday.") == 0.0
    assert sentence_tone("The brutal attack killed dozens of innocent people.") < -30
    assert sentence_tone("The leaders praised the peaceful and successful talks.") > 30
    # an article's tone weighs its sentences by their words
    assert article_tone([("one two three", 30.0), ("one", -10.0)]) == 20.0
    assert article_tone([]) is None


def test_quotes_patterns_bad_row_names_file_and_line(tmp_path):
    bad = tmp_path / "quotes.tsv"
    bad.write_text("form\tvalue\nquote_verb\tsay\nquote_mark\t\"\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"quotes.tsv:3: quote_mark"):
        load_quote_patterns(bad)
    bad.write_text("form\tvalue\nreporting\tsay\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"quotes.tsv:2: form 'reporting'"):
        load_quote_patterns(bad)


def test_quotes_eval_counts_found_quotes_and_right_speakers(tmp_path, engine):
    text = ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    stories = tmp_path / "stories.jsonl"
    stories.write_text(json.dumps({"id": "7", "date": "2024-03-24", "title": "Attack",
                                   "text": text}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    lines = [
        # found, right speaker
        {"quote": "We will find those responsible and punish them", "kind": "direct",
         "speaker_code": "RUSGOV", "speaker_country": "RUS"},
        # found, but the gold names another speaker
        {"quote": "The West is lying to its own people about this war", "kind": "direct",
         "speaker_code": "USAGOV", "speaker_country": "USA"},
        # found, right
        {"quote": "This is a tragedy for all of us", "kind": "continued",
         "speaker_code": "RUSGOV", "speaker_country": "RUS"},
        # words no quote holds
        {"quote": "the sanctions will stay in place until the war ends", "kind": "attributed",
         "speaker_code": "IGOEEC", "speaker_country": ""},
    ]
    gold.write_text("".join(json.dumps({"article": "src-7", **line}) + "\n" for line in lines),
                    encoding="utf-8")
    result = invoke("eval", "quotes", gold, "--stories", stories, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {k: report["all"][k] for k in ("gold", "found", "speaker_right")} == {
        "gold": 4, "found": 3, "speaker_right": 2}
    assert report["kinds"]["continued"]["speaker_accuracy"] == 1.0
    assert report["kinds"]["attributed"]["recall"] == 0.0
    assert [m["line"] for m in report["not_found"]] == [4]


def test_quotes_eval_missing_gold_file_is_one_line(tmp_path):
    result = invoke("eval", "quotes", tmp_path / "none.jsonl")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'none.jsonl'}: no such gold file"]


def test_quotes_key_sentence_timeline_line(engine, tmp_path):
    # the headline states the act the article states most (Syria's condolences to Russia)
    result = invoke("code", ARTICLE, "--format", "timeline")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("date 2024-03-24 Russia blames Ukraine for concert hall attack as "
                             "Syria offers condolences\n")
    # without a headline stating an act, the first body sentence that states the act the
    # body states most (each once here: the first)
    body = tmp_path / "body.jsonl"
    body.write_text(json.dumps({"id": "b", "date": "2024-03-24", "title": "Moscow attack",
                                "text": ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)[1]})
                    + "\n", encoding="utf-8")
    result = invoke("code", body, "--format", "timeline")
    assert result.stdout == ('date 2024-03-24 "This is a tragedy for all of us and we mourn '
                             "with the families of the victims.\n")


def test_quotes_key_sentence_eval_on_the_examples(engine):
    result = invoke("eval", "keysentence", ROOT / "examples", "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["articles"] == 14
    assert 0 <= figures["agree"] <= figures["articles"]
    assert figures["first_line_agreement"] == figures["picks_first_line"] / 14


def test_quotes_key_sentence_eval_bad_inputs_are_one_line_each(tmp_path, engine):
    undated = tmp_path / "undated.txt"
    undated.write_text("no date line here\n", encoding="utf-8")
    result = invoke("eval", "keysentence", undated)
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.output.strip().splitlines()] == [
        "Error", "Error"]
    assert "no date" in result.output and "no article with a title" in result.output

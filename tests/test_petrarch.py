"""PETRARCH-2 dictionaries, the pattern coder and the PETRARCH validation suite.

The dictionaries are read from ../shared at run time (MIT, (c) Open Event Data
Alliance); the small files below are written by the tests themselves.
"""
import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.errors import DictionaryError
from tidings.model import Article
from tidings.nlp.morphology import noun_plurals, verb_inflections
from tidings.petrarch.actors import combine
from tidings.petrarch.coder import split_code
from tidings.petrarch.entries import AgentEntry
from tidings.petrarch.reader import (
    load_dictionaries,
    parse_dated_code,
    parse_pattern,
    read_actors,
    read_agents,
    read_config,
    read_discards,
    read_verbs,
)
from tidings.petrarch.validation import read_suite, run_suite

from .conftest import SHARED

PETRARCH = SHARED / "data" / "petrarch2"
SUITE = PETRARCH / "PETR.UnitTest.records.xml"
CONFIG = PETRARCH / "PETR_config.ini"
# The figure reached when this was written was 261 of 284 (91.9%); keep a small margin.
MIN_PASSED = 255

runner = CliRunner()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- reader: verbs ----------------------------------------------------------------

VERBS = """\
<!-- a comment line -->
&TIES
+MILITARY
+ECONOMIC

&ALLTIES  # nested set
+&TIES
+CULTURAL_EXCHANGE

--- ABANDON  [345]  ---
ABANDON    # comment
WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING } [1711]
+CORDON_OFF {+CORDONED_OFF}
- * NEW_&TIES_RELATIONS [903]
- IN_*  [075]
- + KNOWN_ * IN_ $  [076]
- % * [030:030]
- * (TO {BANNED PARTIES}) ^ [1722]

--- MEET  [031:031]  ---
MEET
SEE {SEES SAW SEEN}

~ a (a b ATTACK) SAY = a b 015
"""


@pytest.fixture(scope="module")
def verbs(tmp_path_factory):
    return read_verbs(write(tmp_path_factory.mktemp("verbs"), "test.verbs.txt", VERBS))


def test_petrarch_reader_verb_synsets_keep_nested_sets(verbs):
    assert verbs.synsets["TIES"] == ("MILITARY", "ECONOMIC")
    assert verbs.synsets["ALLTIES"] == ("&TIES", "CULTURAL_EXCHANGE")


def test_petrarch_reader_verb_blocks_and_codes(verbs):
    assert [(b.name, b.code) for b in verbs.blocks] == [("ABANDON", "345"), ("MEET", "031:031")]
    abandon = verbs.blocks[0]
    assert abandon.verbs[1].words == ("WIRE", "TAP") and abandon.verbs[1].head == 1
    assert abandon.verbs[1].code == "1711"
    assert abandon.verbs[1].forms == (("WIRE", "TAPPED"), ("WIRE", "TAPPING"))
    assert abandon.verbs[2].words == ("CORDON", "OFF") and abandon.verbs[2].head == 0
    assert verbs.blocks[1].verbs[1].forms == (("SEES",), ("SAW",), ("SEEN",))


@pytest.mark.parametrize("index,pre,post,code", [
    (0, [], [("word", "NEW", True), ("synset", "TIES", True), ("word", "RELATIONS", False)],
     "903"),
    (1, [("word", "IN", True)], [], "075"),
    (2, [("target", "+", False), ("word", "KNOWN", True)],
     [("word", "IN", True), ("source", "$", False)], "076"),
    (3, [("compound", "%", False)], [], "030:030"),
    (4, [], [("word", "TO", False), ("word", "BANNED", False), ("word", "PARTIES", False),
             ("skip", "^", False)], "1722"),
])
def test_petrarch_reader_verb_patterns(verbs, index, pre, post, code):
    pattern = verbs.blocks[0].patterns[index]
    assert [(i.kind, i.value, i.joined) for i in pattern.pre] == pre
    assert [(i.kind, i.value, i.joined) for i in pattern.post] == post
    assert pattern.code == code
    assert pattern.line == VERBS.splitlines().index(
        next(l for l in VERBS.splitlines() if l.startswith("- ") and pattern.text in l)) + 1


@pytest.mark.parametrize("text,pre_joined,verb_joined", [
    ("* OFF_", None, False), ("*_OUT", None, True), ("IN_*", True, False),
    ("KNOWN_ * IN_ $", True, False), ("NOTED + *", False, False),
])
def test_petrarch_reader_verb_adjacency(text, pre_joined, verb_joined):
    pre, _, joined = parse_pattern(text)
    assert (pre[-1].joined if pre else None, joined) == (pre_joined, verb_joined)


def test_petrarch_reader_transformation(verbs):
    (t,) = verbs.transformations
    assert (t.upper_source, t.lower, t.upper_verb, t.result) == (
        "a", ("a", "b", "ATTACK"), "SAY", ("a", "b", "015"))


# -- reader: actors ----------------------------------------------------------------

ACTORS = """\
# comment
GONDOR [GON]
+MINAS_TIRITH
LORIEN  [ELR/GAL]
GOLLUM  # dated
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
ZIMBABWE
\t[RHO <790606]
\t[ZBW]
"""


@pytest.fixture(scope="module")
def actors(tmp_path_factory):
    return read_actors(write(tmp_path_factory.mktemp("actors"), "test.actors.txt", ACTORS))


def test_petrarch_reader_actor_synonyms_and_lines(actors):
    gondor, lorien, gollum, zimbabwe = actors.entries
    assert gondor.names == ("GONDOR", "MINAS_TIRITH") and gondor.line == 2
    assert lorien.codes[0].code == "ELR/GAL"
    assert gollum.names == ("GOLLUM", "SMEAGOL") and len(gollum.codes) == 3


@pytest.mark.parametrize("day,code", [
    (dt.date(1995, 5, 31), "HOB"), (dt.date(1995, 6, 1), "HOBGOV"),
    (dt.date(1999, 8, 15), "HOBGOV"), (dt.date(1999, 8, 16), "HOBREB"),
    (dt.date(2020, 1, 1), "HOBREB"),
])
def test_petrarch_reader_actor_date_restrictions(actors, day, code):
    assert actors.entries[2].code_on(day).code == code


@pytest.mark.parametrize("day,code", [(dt.date(1978, 12, 23), "RHO"),
                                      (dt.date(1979, 6, 6), "ZBW")])
def test_petrarch_reader_actor_undated_code_is_the_default(actors, day, code):
    assert actors.entries[3].code_on(day).code == code


@pytest.mark.parametrize("text,code,first,last", [
    ("USA", "USA", None, None),
    ("USA >011222", "USA", dt.date(2001, 12, 22), None),
    ("USA <20080120", "USA", None, dt.date(2008, 1, 19)),
    ("AFGELI 730717-070723", "AFGELI", dt.date(1973, 7, 17), dt.date(2007, 7, 23)),
    ("ISR 19480514-19670605", "ISR", dt.date(1948, 5, 14), dt.date(1967, 6, 5)),
])
def test_petrarch_reader_dated_code_forms(text, code, first, last):
    found = parse_dated_code(text)
    assert (found.code, found.valid_from, found.valid_until) == (code, first, last)


# -- reader: agents and discards -----------------------------------------------------

AGENTS = """\
!PERSON! = MAN, MEN
POLICE {} [~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
CONGRESS!PERSON! [~LEG]
MSF {}  [NGO~]
FOREIGN_MINISTER [~GOVFRM]
"""


@pytest.fixture(scope="module")
def agents(tmp_path_factory):
    return read_agents(write(tmp_path_factory.mktemp("agents"), "test.agents.txt", AGENTS))


def test_petrarch_reader_agents(agents):
    by_phrase = {a.phrase: a for a in agents.entries}
    assert by_phrase["POLICE"].plurals == () and by_phrase["POLICE"].code == "COP"
    assert by_phrase["GOLDEN_GOOSE"].plurals == ("GOLDEN_GEESE",)
    assert {"CONGRESSMAN", "CONGRESSMEN"} <= set(by_phrase)
    assert by_phrase["MSF"].prefix and not by_phrase["POLICE"].prefix
    assert by_phrase["FOREIGN_MINISTER"].plurals is None


@pytest.mark.parametrize("code,agents,expected", [
    ("ARN", [("GOV", False)], "ARNGOV"),
    ("USAGOV", [("GOV", False)], "USAGOV"),
    ("HGWGOVMED", [("GOVMED", False)], "HGWGOVMED"),
    ("ARN", [("NGO", True), ("GOV", False)], "NGOARNGOV"),
    ("---", [("EDU", False)], "---EDU"),
])
def test_petrarch_agents_combine_with_country(code, agents, expected):
    entries = [AgentEntry("X", c, prefix, None, "", 0) for c, prefix in agents]
    assert combine(code, entries) == expected


@pytest.mark.parametrize("word,plural", [("MINISTER", "MINISTERS"), ("PARTY", "PARTIES"),
                                         ("CHURCH", "CHURCHES"), ("CHAIRMAN", "CHAIRMEN")])
def test_petrarch_agents_regular_plurals(word, plural):
    assert plural in noun_plurals(word)


def test_petrarch_reader_discards(tmp_path):
    found = read_discards(write(tmp_path, "d.txt", "# c\nBASEBALL\n+TYPHOON  # story\n"))
    assert [(d.phrase, d.story, d.line) for d in found.entries] == [
        ("BASEBALL", False, 2), ("TYPHOON", True, 3)]


# -- reader: errors ------------------------------------------------------------------

@pytest.mark.parametrize("reader,text,line,reason", [
    (read_actors, "GONDOR [GON]\nROHAN [ROH 9508223-911221]\n", 2, "9508223"),
    (read_actors, "GONDOR [GON]\nROHAN [ROH 20121204]\n", 2, "needs <, >"),
    (read_actors, "\t[GON]\n", 1, "before any actor name"),
    (read_actors, "GONDOR [GON]\nROHAN [ROH 990101-980101]\n", 2, "ends before it starts"),
    (read_verbs, "--- X [010] ---\nX\n- * (TO BORDER [153]\n", 3, "unclosed"),
    (read_verbs, "--- X [010] ---\nX\n- TALKS [153]\n", 3, "no * for the verb"),
    (read_verbs, "--- X [010] ---\nX\n- * TALKS\n", 3, "no [code]"),
    (read_verbs, "- * TALKS [010]\n", 1, "outside a --- VERB"),
    (read_agents, "POLICE [COP]\n", 1, "[~CODE]"),
    (read_agents, "CONGRESS!PERSON! [~LEG]\n", 1, "!PERSON!"),
])
def test_petrarch_reader_error_names_file_and_line(tmp_path, reader, text, line, reason):
    path = write(tmp_path, "bad.txt", text)
    with pytest.raises(DictionaryError) as err:
        reader(path)
    assert (err.value.path, err.value.line) == (str(path), line)
    assert reason in err.value.reason
    assert str(err.value).startswith(f"{path}:{line}: ")
    # read leniently, the same problem is listed and the rest of the file kept
    assert [(p.path, p.line) for p in reader(path, strict=False).problems] == [(str(path), line)]


def test_petrarch_reader_config_names_missing_file_and_line(tmp_path):
    config = write(tmp_path, "PETR_config.ini", "[Dictionaries]\nverbfile_name = nope.txt\n"
                                                "actorfile_list = a.txt\nagentfile_name = b.txt\n")
    with pytest.raises(DictionaryError) as err:
        read_config(config)
    assert err.value.line == 2 and "nope.txt" in err.value.reason


def test_petrarch_reader_production_dictionaries_load_with_few_problems():
    files = read_config(CONFIG)
    assert files.verbs.name == "CAMEO.2.0.txt" and len(files.actors) == 3
    dictionaries = load_dictionaries(CONFIG, strict=False)
    assert len(dictionaries.verbs.blocks) > 300 and len(dictionaries.actors.entries) > 20000
    assert len(dictionaries.verbs.transformations) >= 7
    # the Phoenix files have a handful of typos (7-digit dates, "[~ENV}"): skipped, named
    assert 0 < len(dictionaries.problems) < 30
    assert all(p.line > 0 and p.path.endswith(".txt") for p in dictionaries.problems)
    with pytest.raises(DictionaryError):
        load_dictionaries(CONFIG)


# -- coder helpers -----------------------------------------------------------------------

@pytest.mark.parametrize("word,form", [("DEPART", "DEPARTS"), ("DEPART", "DEPARTED"),
                                       ("ARRIVE", "ARRIVED"), ("DENY", "DENIED"),
                                       ("STOP", "STOPPED"), ("REACH", "REACHES")])
def test_petrarch_verb_forms(word, form):
    assert form in verb_inflections(word)


def test_petrarch_verb_forms_are_not_guessed_further():
    assert "DEPARTES" not in verb_inflections("DEPART")


@pytest.mark.parametrize("code,pair", [("064", ("064", None)), ("031:032", ("031", "032")),
                                       (":173", (None, "173")), ("---", (None, None))])
def test_petrarch_paired_codes(code, pair):
    assert split_code(code) == pair


# -- the validation suite ------------------------------------------------------------------

@pytest.fixture(scope="module")
def outcomes():
    from tidings.engine import Tidings
    suite = read_suite(SUITE)
    return {o.record.id + "@" + str(o.record.line): o
            for o in run_suite(suite, lambda d: Tidings(None, dictionaries=d))}


def outcome(outcomes, record_id):
    return next(o for key, o in outcomes.items() if key.startswith(record_id + "@"))


def test_petrarch_suite_reads_every_record():
    suite = read_suite(SUITE)
    assert len(suite.records) == 284
    assert suite.files.verbs.name == "PETR.Validate.verbs.txt"
    dyad = {r.id: r.options.require_dyad for r in suite.records}
    assert dyad["COMPOUND-03"] is False and dyad["COMPOUND-05"] is True


@pytest.mark.parametrize("record_id", [
    "DEMO-01",          # simple source, verb pattern, target
    "DEMO-02",          # [032:033]: the visit and its reverse
    "DEMO-06",          # two conjoined verbs, agents from a compound noun phrase
    "DEMO-10",          # `NOTED + *`: target before the verb, source from the higher clause
    "DEMO-26",          # `% HAVE *`: compound actor, events both ways
    "AGENT-03",         # prefix and suffix agents: NGOARNGOV
    "AGENTS-23",        # agents combined without repeating GOV: GMWGOVWGO
    "COMPOUND-07B",     # multi-code actor (FRO/BIL/SAM) in a list
    "COMPOUND-33",      # agents without a country: ---REL
    "DATE-09",          # the date picks ORCHOB over the default
    "DATE-20",          # [RHO <790606]
    "PATTERN-21",       # `+ HOSTING * TABASKI ^ $`: skip a phrase, source after the verb
    "PASSIVE-01",       # passive with `by`: source and target swap
    "SYNSET-22g",       # synonym set inside words joined by `_`
    "SYNSET-23j",       # words with gaps between them
    "VERB-21",          # `departes` is no form of DEPART
    "ACTOR-01",         # new_actor_length: unknown actors coded by their words
    "ERROR-01",         # dateline
    "DISCARD-02",       # story discard
    "DISCARD-03",       # sentence discard
])
def test_petrarch_suite_records_coded_right(outcomes, record_id):
    o = outcome(outcomes, record_id)
    assert o.passed, (o.record.text, sorted(o.record.expected) or o.record.error,
                      sorted(o.got), o.error)


def test_petrarch_suite_pass_rate(outcomes):
    passed = sum(o.passed for o in outcomes.values())
    assert len(outcomes) == 284
    assert passed >= MIN_PASSED, f"{passed} of 284 records pass"


def test_petrarch_suite_events_name_dictionary_lines(outcomes):
    rules = outcome(outcomes, "SYNSET-01").rules
    assert rules == ["PETR.Validate.verbs.txt:65 - * DIPLOMATIC TIES [901]"]
    line = (PETRARCH / "PETR.Validate.verbs.txt").read_text().splitlines()[64]
    assert line.startswith("- * DIPLOMATIC TIES [901]")


# -- real news with the production dictionaries ---------------------------------------

@pytest.fixture(scope="module")
def production():
    from tidings.api import load
    return load(None, CONFIG)


def production_code(production, text, day=dt.date(2015, 6, 1)):
    return production.code_article(Article.create(date=day, title="", text=text))


def test_petrarch_production_codes_a_sentence(production):
    events = production_code(production, "Russian President Vladimir Putin criticized the "
                                         "Syrian government.")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [
        ("RUSGOV", "SYRGOV", "111")]
    (event,) = events
    assert event.sentence[event.source.start:event.source.end] == event.source.text
    assert event.source.country == "RUS" and event.source.sector == "GOV"
    assert event.rule.startswith("CAMEO.2.0.txt:")
    assert event.source.rule.startswith("Phoenix.")


@pytest.mark.xfail(strict=True, reason="the CAMEO.2.0 pattern `- * ATTACK ON + [112]` makes the "
                                       "victims of the attack condemned its target")
def test_petrarch_production_condemning_an_attack_does_not_accuse_its_victims(production):
    events = production_code(production, "Russian President Vladimir Putin condemned the "
                                         "attack on Syrian troops.")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == []


@pytest.mark.parametrize("day,code", [(dt.date(1995, 6, 1), "USAELI"),
                                      (dt.date(2010, 6, 1), "USAGOV")])
def test_petrarch_production_actor_codes_follow_the_date(production, day, code):
    events = production_code(production, "Barack Obama criticized Russia.", day)
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [(code, "RUS", "111")]


def test_petrarch_production_reuters_stories_code_without_errors(production):
    stories = json.loads((SHARED / "data" / "reuters21578" / "reut2-000.json")
                         .read_text(encoding="utf-8"))[:150]
    events = []
    for story in stories:
        day = dt.datetime.strptime(story["date"].strip()[:11], "%d-%b-%Y").date()
        article = Article.create(date=day, title=story.get("title", ""),
                                 text=story.get("body", ""))
        events += production.code_article(article)
    assert events
    for e in events:
        assert e.source.code and e.cameo[0].isdigit()
        assert e.sentence[e.trigger_start:e.trigger_end] == e.trigger


# -- command line -------------------------------------------------------------------------

def test_petrarch_cli_eval_reports_categories(tmp_path):
    report = tmp_path / "report.md"
    result = runner.invoke(app, ["eval", "petrarch", str(SUITE), "--markdown", str(report)])
    assert result.exit_code == 0, result.output
    assert "PASS\tDEMO-00\tDEMO" in result.output
    assert "| SYNSET |" in report.read_text() and "| **all** |" in report.read_text()


def test_petrarch_cli_eval_help_has_example():
    result = runner.invoke(app, ["eval", "petrarch", "--help"])
    assert result.exit_code == 0 and "tidings eval petrarch" in result.output


def test_petrarch_cli_code_with_dictionaries(tmp_path):
    story = tmp_path / "story.jsonl"
    story.write_text(json.dumps({"id": "a", "date": "2015-06-01", "title": "",
                                 "text": "Russian President Vladimir Putin criticized the "
                                         "Syrian government."}) + "\n")
    result = runner.invoke(app, ["code", str(story), "--dictionaries", str(CONFIG),
                                 "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events] == [
        ("RUSGOV", "SYRGOV", "111")]


def test_petrarch_cli_bad_dictionaries_is_a_user_error(tmp_path):
    result = runner.invoke(app, ["code", "-", "--date", "2024-01-01", "--dictionaries",
                                 str(tmp_path / "missing.ini")], input="Russia condemned Syria.")
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("Error: ") and "missing.ini" in result.output

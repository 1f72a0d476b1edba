"""The coder's structure: named rules in declared stages, pure resolution, typed
provenance, and one protocol for both coders."""
import datetime as dt

import pytest
from typer.testing import CliRunner

from tidings.actors.memory import DiscourseMemory, Learned
from tidings.cli import app
from tidings.coding.pipeline import check_stages
from tidings.coding.registry import Registry, declined, rules
from tidings.coding.stages import STAGES
from tidings.errors import TidingsError
from tidings.model import Provenance

from .conftest import SHARED, triples

DAY = dt.date(2024, 3, 24)
runner = CliRunner()


def test_pipeline_rule_names_are_the_declared_ones():
    # a snapshot: renaming or dropping a rule is a visible change to `explain` output
    assert {stage: tuple(names) for stage, names in STAGES.items()} == {
        stage: tuple(rules.rules[stage]) for stage in STAGES}
    assert len(list(rules.all())) == sum(len(names) for names in STAGES.values())


def test_pipeline_undeclared_rule_is_refused():
    @rules.register("targets", "never_declared")
    def never_declared(args):
        """A rule no stage runs."""
        return declined("")
    try:
        with pytest.raises(TidingsError, match="targets.never_declared"):
            check_stages()
    finally:
        del rules.rules["targets"]["never_declared"]
    check_stages()


def test_pipeline_registry_rejects_a_name_twice_and_an_unknown_name():
    registry = Registry()
    registry.register("sources", "subject")(lambda s, c: None)
    with pytest.raises(TidingsError, match="twice"):
        registry.register("sources", "subject")(lambda s, c: None)
    with pytest.raises(TidingsError, match="known: subject"):
        registry.get("sources", "object")


def test_pipeline_disabled_rule_is_not_run(code):
    text = "Russia attacked Ukraine on Monday. Germany condemned the attack."
    attack = ("RUSGOV", "UKRGOV", "190")
    assert triples(code(text)) == {attack, ("DEUGOV", "RUSGOV", "111")}
    with rules.without("targets.referred_act"):
        assert triples(code(text)) == {attack}  # the condemnation's target is the attacker
    assert triples(code(text)) == {attack, ("DEUGOV", "RUSGOV", "111")}


def test_pipeline_event_records_the_rules_that_fired(code):
    [event] = code("Russia condemned the Ukrainian government.")
    assert event.rules == ("sources.subject", "targets.clause_argument", "pairs.one_way")
    assert event.to_dict()["rules"] == list(event.rules)


def test_pipeline_resolving_does_not_write_memory(engine):
    doc = engine.nlp("Syrian Foreign Minister Karim Zaydan sent a cable.")
    matches = engine.coder.resolver.find(doc[:], DAY)
    memory = DiscourseMemory(DAY)
    learned = Learned()
    head = next(t for t in doc if t.text == "Zaydan")
    actor = engine.coder.resolver.resolve(head, matches, memory.reading(learned), learned)
    assert actor.code == "SYRGOV" and actor.provenance.kind == "title"
    assert memory.names == {} and memory.mentions == []  # only the engine commits
    assert learned.names == {"Zaydan": actor}  # a name unknown to the dictionaries
    memory.commit(learned)
    assert memory.names["Zaydan"] is actor


@pytest.mark.parametrize("text,word,kind,steps", [
    ("Syria condemned the attack.", "Syria", "dictionary", ()),
    ("The Syrian President condemned the attack.", "President", "title", ()),
    ("The army shelled the town.", "army", "dictionary", ("context-country",)),
])
def test_pipeline_provenance_is_typed(engine, text, word, kind, steps):
    doc = engine.nlp(text)
    matches = engine.coder.resolver.find(doc[:], DAY)
    memory = DiscourseMemory(DAY)
    memory.count_country("SYR", 1)
    learned = Learned()
    head = next(t for t in doc if t.text == word)
    actor = engine.coder.resolver.resolve(head, matches, memory.reading(learned), learned)
    assert actor.provenance.kind == kind and actor.provenance.steps == steps
    assert actor.provenance.guessed_country == ("context-country" in steps)


def test_pipeline_provenance_text_keeps_the_old_form():
    assert Provenance("dictionary", "countries.tsv:12", "country",
                      ("context-country",)).text() == "countries.tsv:12+context-country"
    assert Provenance("pronoun", "he").text() == "pronoun:he"
    assert Provenance("title", "sectors.tsv:40", "title", ("owner",)).text() == \
        "title:sectors.tsv:40+owner"
    assert Provenance("article-name").text() == "article-name"


def test_pipeline_explain_shows_declined_rules_and_why():
    result = runner.invoke(app, ["explain", "Syria condemned the attack on Moscow.",
                                 "--date", "2024-03-24"])
    assert result.exit_code == 0
    assert "targets.clause_argument declined: no direct argument" in result.output
    assert "targets.victims declined: blame for a harm is for its author" in result.output


def test_pipeline_explain_works_with_petrarch_dictionaries():
    result = runner.invoke(app, ["explain", "Russian soldiers attacked Ukraine.", "--date",
                                 "2024-03-24", "--dictionaries",
                                 str(SHARED / "data" / "petrarch2" / "PETR_config.ini")])
    assert result.exit_code == 0, result.output
    assert "RUSMIL -> UKR  190" in result.output


def test_pipeline_same_actor_on_both_sides_is_dropped_and_explained():
    result = runner.invoke(app, ["explain", "Orban said he would visit Hungary.", "--date",
                                 "2024-03-24"])
    assert "HUNGOV on both sides, no event" in result.output


@pytest.mark.issue(11)
def test_pipeline_overlong_sentence_is_coded_in_bounded_pieces(engine):
    from tidings.engine import MAX_SENTENCE_TOKENS
    from tidings.model import Article
    text = "Russia condemned Ukraine and " * 1500 + "Israel condemned Iran."
    article = Article.create(date=DAY, title="", text=text)
    spans = [s for _, s, _ in engine.sentences(article)]
    assert max(len(s) for s in spans) <= MAX_SENTENCE_TOKENS
    assert sum(len(s) for s in spans) == len(engine.nlp.make_doc(text))  # nothing dropped


@pytest.mark.issue(11)
def test_pipeline_text_over_the_parsers_limit_is_read_in_pieces(engine, monkeypatch):
    from tidings.model import Article
    monkeypatch.setattr(engine.nlp, "max_length", 2000)
    text = "Russia condemned the Ukrainian government on Monday. " * 100  # 5,300 characters
    events = engine.code_or_error(Article.create(date=DAY, title="", text=text))
    assert isinstance(events, list) and triples(events) == {("RUSGOV", "UKRGOV", "111")}

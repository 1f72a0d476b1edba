"""Start-up and memory: commands that do not code never import spaCy, the phrase
matcher's tokenized phrases are cached on disk (and a bad cache is only rebuilt),
and coding an article leaves no new words in the vocabulary."""
import datetime as dt
import subprocess
import sys

import pytest
from spacy.pipeline import Sentencizer

from tidings.actors import matching
from tidings.actors.dictionary import load_actor_dictionary
from tidings.actors.matching import ActorMatcher
from tidings.model import Article
from tidings.nlp.wordlists import load_word_lists

WORDS = load_word_lists()

TEXTS = ["Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow.",
         "RUSSIA CONDEMNS UKRAINIAN STRIKES ON BELGOROD",
         "Protesters clashed with police in Cairo; Hamas militants fired rockets at Israel.",
         "British Columbia's premier and Mr Trump's lawyers spoke to the U.S.-led coalition."]
DAY = dt.date(2024, 3, 24)


def loads_spacy(code: str) -> bool:
    """Whether running `code` in a fresh interpreter imports spaCy."""
    check = f"{code}\nimport sys\nprint(any(m.split('.')[0] in ('spacy', 'thinc') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip() == "True"


def test_importing_the_cli_and_package_does_not_import_spacy():
    assert not loads_spacy("import tidings, tidings.cli")
    assert loads_spacy("import tidings.nlp.model")  # the check itself sees spaCy


def test_events_and_export_run_without_spacy(tmp_path):
    db, out = tmp_path / "t.duckdb", tmp_path / "e.csv"
    code = f"""
from typer.testing import CliRunner
from tidings.cli import app
from tidings.store import open_store
open_store({str(db)!r}).close()
for args in (["events", "--db", {str(db)!r}, "--limit", "1"], ["export", {str(out)!r}, "--db", {str(db)!r}]):
    assert CliRunner().invoke(app, args).exit_code == 0
"""
    assert not loads_spacy(code)
    assert out.exists()


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp.model import load_model
    return load_model()


@pytest.fixture(scope="module")
def dictionary():
    return load_actor_dictionary(None)


def matches(matcher: ActorMatcher, nlp) -> list:
    """Every match of TEXTS, unparsed (as the engine first reads them) and parsed."""
    found = []
    for text in TEXTS:
        for doc in (Sentencizer()(nlp.make_doc(text)), nlp(text)):
            found.append([(m.start, m.end, m.entry) for m in matcher.find(doc, DAY)])
    return found


def cache_files(folder):
    return sorted(folder.glob("phrase-words-*.json"))


def test_find_is_select_of_candidates(nlp, dictionary, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE", str(tmp_path))
    matcher = ActorMatcher(dictionary, nlp.vocab, WORDS)
    for text in TEXTS:
        doc = nlp(text)
        for part in (doc, doc[2:], next(doc.sents)):
            candidates = matcher.candidates(part)
            assert matcher.find(part, DAY) == matcher.select(part, candidates, DAY)
        assert len(matcher.candidates(doc)) >= len(matcher.find(doc, DAY)) > 0


def test_cache_is_written_then_read(nlp, dictionary, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE", str(tmp_path))
    built = ActorMatcher(dictionary, nlp.vocab, WORDS)
    assert len(cache_files(tmp_path)) == 1

    def no_tokenizing(phrases):
        raise AssertionError("the phrases were tokenized again instead of read from the cache")
    monkeypatch.setattr(matching, "tokenize", no_tokenizing)
    cached = ActorMatcher(dictionary, nlp.vocab, WORDS)
    assert matches(cached, nlp) == matches(built, nlp)
    assert any(m for m in matches(cached, nlp))


def test_cache_depends_on_the_phrases(nlp, dictionary, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE", str(tmp_path))
    ActorMatcher(dictionary, nlp.vocab, WORDS)
    smaller = load_actor_dictionary(None)
    smaller.entries = smaller.entries[:100]
    ActorMatcher(smaller, nlp.vocab, WORDS)
    assert len(cache_files(tmp_path)) == 2


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "x", "value": []}',
                                    b"\xff\xfe garbage"])
def test_corrupt_cache_is_rebuilt_with_the_same_matches(nlp, dictionary, tmp_path, monkeypatch,
                                                        damage):
    monkeypatch.setenv("TIDINGS_CACHE", str(tmp_path))
    expected = matches(ActorMatcher(dictionary, nlp.vocab, WORDS), nlp)
    [path] = cache_files(tmp_path)
    good = path.read_bytes()
    path.write_bytes(damage)
    assert matches(ActorMatcher(dictionary, nlp.vocab, WORDS), nlp) == expected
    assert path.read_bytes() == good  # and written again


def test_cut_short_cache_of_the_right_key_is_rebuilt(nlp, dictionary, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE", str(tmp_path))
    expected = matches(ActorMatcher(dictionary, nlp.vocab, WORDS), nlp)
    [path] = cache_files(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('], ["', '], 7, ["', 1),
                    encoding="utf-8")
    assert matches(ActorMatcher(dictionary, nlp.vocab, WORDS), nlp) == expected


def test_unwritable_or_disabled_cache_still_builds(nlp, dictionary, tmp_path, monkeypatch):
    expected = matches(ActorMatcher(dictionary, nlp.vocab, WORDS), nlp)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TIDINGS_CACHE", str(blocker / "cache"))
    assert matches(ActorMatcher(dictionary, nlp.vocab, WORDS), nlp) == expected
    monkeypatch.setenv("TIDINGS_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert matches(ActorMatcher(dictionary, nlp.vocab, WORDS), nlp) == expected
    assert list(tmp_path.iterdir()) == [blocker]  # nothing written anywhere


def test_default_cache_folder(tmp_path, monkeypatch):
    from tidings.cache import cache_dir
    monkeypatch.delenv("TIDINGS_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "tidings"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "tidings"


def test_coding_an_article_leaves_no_new_words_in_the_vocabulary(engine, monkeypatch):
    from tidings import engine as engine_module
    monkeypatch.setattr(engine_module, "WARM_UP", 0)  # past the warm-up of a long run
    strings = engine.nlp.vocab.strings
    article = Article.create(date=DAY, title="Zorblaxian envoy meets Putin",
                             text="Russia condemned the Zorblaxian ambassador Qwertyuiop.")
    assert isinstance(engine.code_or_error(article), list)
    assert "Zorblaxian" not in strings and "Qwertyuiop" not in strings
    assert "Russia" in strings  # the dictionaries' own words stay


def test_the_first_articles_of_a_run_are_coded_outside_memory_zones(engine, monkeypatch):
    # the tokenizer caches only what it reads outside a zone: the warm-up fills the cache
    from tidings import engine as engine_module
    monkeypatch.setattr(engine_module, "WARM_UP", engine.coded + 1)
    strings = engine.nlp.vocab.strings
    article = Article.create(date=DAY, title="Blorptonian envoy meets Putin",
                             text="Russia condemned the Blorptonian ambassador Asdfghjkl.")
    assert isinstance(engine.code_or_error(article), list)
    assert "Blorptonian" in strings

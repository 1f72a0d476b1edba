"""Actor and verb dictionary loaders: typed records, dated roles, clear errors."""
import datetime as dt

import pytest

from tidings.actors.dictionary import (
    ActorDictionary,
    load_actor_dictionary,
    load_people,
)
from tidings.coding.codes import load_code_table
from tidings.coding.lexicon import NO_EVENT, load_lexicon
from tidings.errors import DictionaryError


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary()


def test_dictionary_syrian_president_depends_on_date(actors):
    assert actors.holder_of("SYR", "president", dt.date(2024, 3, 24)).name == "Bashar al-Assad"
    later = actors.holder_of("SYR", "president", dt.date(2025, 6, 1))
    assert later is not None and later.name != "Bashar al-Assad"


def test_dictionary_person_out_of_office_is_not_current(actors):
    role, current = actors.person_on("Bashar al-Assad", dt.date(2025, 6, 1))
    assert role.country == "SYR" and not current


@pytest.mark.parametrize("phrase,code", [("Turkey", "TUR"), ("Türkiye", "TUR"),
                                         ("Russian Federation", "RUS"), ("Syrian", "SYR"),
                                         ("Moscow", "RUS"), ("Kyiv", "UKR")])
def test_dictionary_country_names(actors, phrase, code):
    assert any(e.phrase == phrase and e.country == code for e in actors.entries)


def test_dictionary_every_un_member_present(actors):
    # 193 members + 2 observers at least
    assert len(actors.country_names) >= 195


def test_dictionary_bad_date_names_file_and_line(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text("name\taliases\tcountry\tsector\trole\tvalid_from\tvalid_until\n"
                    "# comment\nAna Example\t\tXYZ\tGOV\tpresident\t2020-13-01\t\n",
                    encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        load_people(path, ActorDictionary())
    assert str(err.value).startswith(f"{path}:3:")
    assert "2020-13-01" in str(err.value)


def test_dictionary_missing_column_is_reported(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text("name\tcountry\nX\tSYR\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="header lacks column"):
        load_people(path, ActorDictionary())


def test_lexicon_unknown_code_is_reported(tmp_path):
    verbs = tmp_path / "verbs.tsv"
    frames = tmp_path / "frames.tsv"
    frames.write_text("frame\tcomplement_root\tcameo\n", encoding="utf-8")
    verbs.write_text("cameo\tverb\tobject\tprep\tframe\n999\tcondemn\t\t\t\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"verbs.tsv:2: unknown CAMEO code '999'"):
        load_lexicon(load_code_table(), verbs, frames)


def test_lexicon_covers_all_twenty_roots():
    codes = load_code_table()
    lexicon = load_lexicon(codes)
    roots = {codes.root_of(p.cameo) for ps in lexicon.by_lemma.values() for p in ps
             if p.cameo != NO_EVENT}
    assert roots == {f"{n:02d}" for n in range(1, 21)}

"""Word lists and code classes: the bundled files hold what the rules rely on, and the
loaders refuse files that would make a rule quietly see the wrong set."""
import pytest

from tidings.coding.code_classes import load_code_classes
from tidings.coding.codes import load_code_table
from tidings.errors import DictionaryError
from tidings.nlp.wordlists import load_word_lists
from tidings.tables import data_path, read_tsv


@pytest.fixture(scope="module")
def codes():
    return load_code_table()


@pytest.fixture(scope="module")
def words():
    return load_word_lists()


@pytest.fixture(scope="module")
def classes(codes):
    return load_code_classes(codes)


def write(tmp_path, name, *lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- the bundled word lists ---------------------------------------------------

@pytest.mark.parametrize("name,word", [
    ("hedges", "might"), ("negations", "n't"), ("future", "'ll"), ("stopping_verbs", "refrain"),
    ("situations", "earthquake"), ("currencies", "dollar"), ("patron_words", "backed"),
    ("contact_nouns", "call"), ("state_nouns", "country"), ("side_nouns", "side"),
])
def test_wordlists_hold_the_words_rules_rely_on(words, name, word):
    assert word in words[name]


def test_wordlists_keep_case_where_compared_as_written(words):
    assert {"Sheikh", "Mr", "President"} <= words["honorifics"]
    assert "sheikh" not in words["honorifics"]
    assert words["non_state"] == {"REB", "SEP", "INS", "OPP", "UAF"}


def test_wordlists_non_state_are_sectors(words):
    sectors = {row["sector"] for _, row in read_tsv(data_path("actors", "sectors.tsv"),
                                                    ("phrase", "sector"))}
    assert words["non_state"] <= sectors


def test_wordlists_group_numbers_have_counts(words):
    assert words.numbers("group_numbers") == {"both": 2, "two": 2, "three": 3, "four": 4,
                                              "five": 5}


def test_wordlists_target_preps_keep_their_priority(words):
    assert words.in_order("target_preps")[:3] == ("to", "with", "against")
    assert words["destination_preps"] <= words["target_preps"]


def test_wordlists_includes_make_the_unions(words):
    assert words["pronouns"] == words["person_pronouns"] | words["thing_pronouns"] \
        | {"we", "i"}
    assert words["definite"] == {"the", "this", "that", "these", "those"} \
        | words["possessive_pronouns"]


def test_wordlists_without_empties_one_list_only(words):
    quiet = words.without("possessive_pronouns")
    assert quiet["possessive_pronouns"] == frozenset()
    assert "his" in quiet["definite"]  # what includes it keeps its words
    assert "his" in words["possessive_pronouns"]  # the original is untouched
    assert words.without("group_numbers").numbers("group_numbers") == {}


# -- the bundled code classes -------------------------------------------------

@pytest.mark.parametrize("name,code,member", [
    ("violent", "190", True), ("violent", "18", True), ("violent", "173", False),
    ("reciprocal", "0311", True), ("reciprocal", "042", False),
    ("release_demand", "1053", True), ("release_demand", "105", False),
    ("detention", "173", True), ("detention", "17", False),
    ("assault", "180", True), ("assault", "181", False),
    ("future_exempt", "10", True), ("future_exempt", "190", False),
    ("cooperative", "057", True), ("cooperative", "111", False),
    ("change_demand", "1041", True), ("change_demand", "1053", False),
])
def test_code_classes_apply_their_kind(classes, name, code, member):
    assert classes.has(name, code) is member


def test_code_classes_nest(classes):
    assert classes["meeting"] <= classes["agreement"] <= classes["dealing"]
    assert classes["violent"] <= classes["harm"] <= classes["force"] <= classes["dealing"]
    assert classes["cooperative"] <= classes["dealing"]
    assert classes["joint_acts"] <= classes["reciprocal"]


def test_code_classes_without_holds_no_code(classes):
    assert not classes.without("violent").has("violent", "190")
    assert classes.has("violent", "190")


@pytest.mark.parametrize("name", ["violent", "detention", "reciprocal"])
def test_code_classes_unknown_code_is_an_error(classes, name):
    with pytest.raises(KeyError, match="unknown CAMEO code '0399'"):
        classes.has(name, "0399")


# -- validation -----------------------------------------------------------------

@pytest.mark.parametrize("lines,message", [
    (["hedges\tmight", "hedges\tmight"],
     r":3: 'might' is twice in list 'hedges' \(first at line 2\)"),
    (["hedges\tMight"], r":2: 'Might' in list 'hedges': words are compared lower-cased"),
    (["hedges\t"], r":2: empty word in list 'hedges'"),
    (["hedges\tought to"], r":2: 'ought to': a word is one token"),
    (["Hedges\tmight"], r":2: list name 'Hedges' is not lower_snake_case"),
    (["pronouns\t@includes\tthings"], r":2: 'pronouns' includes 'things', which is not defined"),
    (["a\t@includes\tb", "b\t@includes\ta"], r":3: 'b' includes itself through 'a'"),
    (["things\tit", "pronouns\tit", "pronouns\t@includes\tthings"],
     r":4: 'it' is twice in list 'pronouns' \(first at line 3\)"),
    (["titles\t@case\texact", "titles\tMr", "names\t@includes\ttitles"], r":4: .* differ in case"),
    (["hedges\t@case\tlower"], r":2: @case takes 'exact'"),
    (["hedges\t@also\tfuture"], r":2: unknown directive '@also'"),
    (["numbers\ttwo\t2", "numbers\tthree\tthree"], r":3: 'three' in list 'numbers' needs a whole"),
])
def test_wordlists_bad_rows_name_file_and_line(tmp_path, lines, message):
    path = write(tmp_path, "wordlists.tsv", "list\tword\tvalue", *lines)
    with pytest.raises(DictionaryError, match="wordlists.tsv" + message):
        load_word_lists(path)


def test_wordlists_exact_lists_keep_capitals(tmp_path):
    path = write(tmp_path, "wordlists.tsv", "list\tword\tvalue", "titles\t@case\texact",
                 "titles\tMr")
    assert load_word_lists(path)["titles"] == {"Mr"}


@pytest.mark.parametrize("ask", [
    lambda w: w["hedgez"], lambda w: w.in_order("hedgez"), lambda w: w.without("hedgez"),
    lambda w: w.numbers("hedgez"),
])
def test_wordlists_unknown_list_is_an_error(words, ask):
    with pytest.raises(DictionaryError, match=r"wordlists.tsv:0: no list 'hedgez' is defined"):
        ask(words)


def test_wordlists_numbers_of_a_list_without_values(words):
    with pytest.raises(DictionaryError, match="list 'hedges' has no values"):
        words.numbers("hedges")


@pytest.mark.parametrize("row,message", [
    ("violent\troot\t18|99", r":2: unknown CAMEO code '99'"),
    ("violent\troot\t18|190", r":2: '190' is not a root"),
    ("violent\troot\t18|18", r":2: code '18' is listed twice"),
    ("violent\troots\t18", r":2: kind 'roots' is not one of root, code, prefix"),
    ("violent\troot\t", r":2: class 'violent' lists no codes"),
    ("Violent\troot\t18", r":2: class name 'Violent' is not lower_snake_case"),
])
def test_code_classes_bad_rows_name_file_and_line(tmp_path, codes, row, message):
    path = write(tmp_path, "code_classes.tsv", "class\tkind\tcodes", row)
    with pytest.raises(DictionaryError, match="code_classes.tsv" + message):
        load_code_classes(codes, path)


def test_code_classes_defined_twice(tmp_path, codes):
    path = write(tmp_path, "code_classes.tsv", "class\tkind\tcodes", "harm\troot\t18",
                 "harm\troot\t19")
    with pytest.raises(DictionaryError, match=r":3: class 'harm' is already defined at line 2"):
        load_code_classes(codes, path)


def test_code_classes_unknown_class_is_an_error(classes):
    with pytest.raises(DictionaryError, match=r"code_classes.tsv:0: no class 'violence'"):
        classes.has("violence", "190")

"""Actors across time: former states, office-holders and groups whose role changed are
resolved by the article's date."""
import pytest

from tidings.actors.dictionary import ActorDictionary, load_countries, load_groups
from tidings.errors import DictionaryError

from .conftest import bag, coded


def test_history_soviet_and_west_german_leaders_in_1987(code):
    events = code("Soviet leader Mikhail Gorbachev met West German Chancellor Helmut Kohl "
                  "in Moscow.", date="1987-03-02")
    assert coded(events) == bag(("USRGOV", "GMWGOV", "040"))


def test_history_gorbachev_in_2024_is_no_head_of_state(code):
    events = code("Mikhail Gorbachev criticised Ukraine.", date="2024-03-02")
    assert coded(events) == bag(("RUSELI", "UKRGOV", "111"))


@pytest.mark.parametrize("date,expected", [("1987-03-02", ("USRGOV", "GMWGOV", "111")),
                                           ("2024-03-02", ("RUSGOV", "DEUGOV", "111"))])
def test_history_capital_and_germany_follow_the_date(code, date, expected):
    assert coded(code("Moscow criticised Germany.", date=date)) == bag(expected)


def test_history_former_state_names_and_demonyms_in_1987(code):
    events = code("Czechoslovakia accused the Yugoslav government of spying. East Germany "
                  "criticised Zaire.", date="1987-03-02")
    assert coded(events) == bag(("CZAGOV", "YUGGOV", "1125"), ("GMEGOV", "CODGOV", "111"))


def test_history_yemen_before_and_after_unification(code):
    assert coded(code("Yemen criticised Egypt.", date="1987-03-02")) == \
        bag(("YMNGOV", "EGYGOV", "111"))
    assert coded(code("Yemen criticised Egypt.", date="2024-03-02")) == \
        bag(("YEMGOV", "EGYGOV", "111"))


def test_history_a_former_state_keeps_its_code_in_a_later_story(code):
    assert coded(code("The Soviet Union criticised Iran.", date="2024-03-02")) == \
        bag(("USRGOV", "IRNGOV", "111"))


def test_history_russia_is_russia_in_2024(code):
    assert coded(code("Russia criticised Ukraine.", date="2024-03-02")) == \
        bag(("RUSGOV", "UKRGOV", "111"))


@pytest.mark.parametrize("date,source", [("1998-05-01", "AFGGOV"), ("2010-05-01", "AFGREB"),
                                         ("2023-05-01", "AFGGOV")])
def test_history_taliban_role_by_date(code, date, source):
    assert coded(code("The Taliban criticised Pakistan.", date=date)) == \
        bag((source, "PAKGOV", "111"))


@pytest.mark.parametrize("date,source", [("1987-03-02", "ZAFREB"), ("1992-03-02", "ZAFOPP"),
                                         ("2024-03-02", "ZAFGOV")])
def test_history_anc_role_by_date(code, date, source):
    assert coded(code("The ANC criticised Britain.", date=date)) == \
        bag((source, "GBRGOV", "111"))


def test_history_1987_office_holders(code):
    events = code("Secretary of State George Shultz met Soviet Foreign Minister Eduard "
                  "Shevardnadze. Prime Minister Margaret Thatcher criticised Syrian President "
                  "Assad.", date="1987-03-02")
    assert coded(events) == bag(("USAGOV", "USRGOV", "040"), ("GBRGOV", "SYRGOV", "111"))


def test_history_surname_shared_over_time_follows_the_date(code):
    # Hafez al-Assad in 1987, his son in 2015
    assert [e.source.name for e in code("Assad criticised Israel.", date="1987-03-02")] == \
        ["Hafez al-Assad"]
    assert [e.source.name for e in code("Assad criticised Israel.", date="2015-03-02")] == \
        ["Bashar al-Assad"]


COUNTRY_HEADER = "code\tname\taliases\tdemonyms\tcapitals\tvalid_from\tvalid_until\n"


def test_history_bad_country_date_names_file_and_line(tmp_path):
    path = tmp_path / "countries.tsv"
    path.write_text(COUNTRY_HEADER + "# comment\nUSR\tSoviet Union\t\tSoviet\tMoscow\t1922-12-30"
                    "\t1991-13-25\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        load_countries(path, ActorDictionary())
    assert str(err.value).startswith(f"{path}:3:") and "1991-13-25" in str(err.value)


def test_history_country_dates_out_of_order_are_rejected(tmp_path):
    path = tmp_path / "countries.tsv"
    path.write_text(COUNTRY_HEADER + "GMW\tWest Germany\t\t\tBonn\t1990-10-02\t1949-05-23\n",
                    encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"countries.tsv:2: valid_from is after"):
        load_countries(path, ActorDictionary())


def test_history_bad_group_date_names_file_and_line(tmp_path):
    path = tmp_path / "groups.tsv"
    path.write_text("code\tname\taliases\tcountry\tsector\tvalid_from\tvalid_until\n"
                    "AFGREBTAL\tTaliban\t\tAFG\tREB\t\t2021-08-xx\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"groups.tsv:2: date '2021-08-xx'"):
        load_groups(path, ActorDictionary())


def test_history_files_without_date_columns_still_load(tmp_path):
    path = tmp_path / "countries.tsv"
    path.write_text("code\tname\taliases\tdemonyms\tcapitals\nSYR\tSyria\t\tSyrian\tDamascus\n",
                    encoding="utf-8")
    into = ActorDictionary()
    load_countries(path, into)
    assert {(e.phrase, e.valid_from, e.valid_until) for e in into.entries} == {
        ("Syria", None, None), ("Syrian", None, None), ("Damascus", None, None)}

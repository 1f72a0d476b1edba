"""The bundled code tables agree with the shared reference files they were built from."""
import csv

import pytest

from tidings.coding.codes import load_code_table

from .conftest import SHARED


@pytest.fixture(scope="module")
def table():
    return load_code_table()


def test_codes_match_shared_cameo_table(table):
    rows = list(csv.DictReader((SHARED / "data/cameo/cameo_codes.csv").open(encoding="utf-8")))
    assert len(table.codes) == len(rows)
    for row in rows:
        info = table[row["cameo_code"]]
        assert info.goldstein == float(row["goldstein_gdelt"])
        assert info.quad_class == int(row["quadclass_gdelt_1to4"])
        assert info.root == row["root_code"]


@pytest.mark.parametrize("code,plover,mode", [
    ("111", "ACCUSE", "disapprove"),
    ("163", "COERCE", "restrict"),
    ("0311", "AGREE", None),      # not listed itself: inherits 03's type
    ("0841", "RETREAT", "release"),
    ("190", "ASSAULT", None),
])
def test_codes_plover_mapping(table, code, plover, mode):
    assert table[code].plover == plover
    assert table[code].plover_mode == mode


@pytest.mark.parametrize("code", ["010", "018", "020", "0211"])
def test_codes_statements_and_appeals_have_no_plover_type(table, code):
    # PLOVER drops CAMEO roots 01 and 02
    assert table[code].plover is None

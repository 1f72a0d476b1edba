"""CAMEO code table with Goldstein scores, QuadClass and the PLOVER mapping."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DictionaryError
from ..tables import data_path, read_tsv


@dataclass(frozen=True)
class CodeInfo:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


class CodeTable:
    """Look up everything Tidings reports about a CAMEO code."""

    def __init__(self, codes: dict[str, CodeInfo]):
        self.codes = codes

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> CodeInfo:
        return self.codes[code]

    def root_of(self, code: str) -> str:
        return self.codes[code].root


def load_code_table(cameo_path: Path | None = None, plover_path: Path | None = None) -> CodeTable:
    """Load cameo.tsv and plover.tsv into a CodeTable.

    A code missing from the PLOVER table takes its nearest listed parent
    (0311 -> 031 -> 03); roots 01 and 02 have no PLOVER type.
    """
    cameo_path = cameo_path or data_path("coding", "cameo.tsv")
    plover_path = plover_path or data_path("coding", "plover.tsv")
    plover: dict[str, tuple[str, str]] = {}
    for _, row in read_tsv(plover_path, ("cameo", "plover", "mode")):
        plover[row["cameo"]] = (row["plover"], row["mode"])
    codes: dict[str, CodeInfo] = {}
    for number, row in read_tsv(cameo_path, ("code", "root", "name", "goldstein", "quad_class")):
        code = row["code"]
        mapped = next((plover[code[:n]] for n in range(len(code), 1, -1) if code[:n] in plover),
                      (None, None))
        try:
            codes[code] = CodeInfo(code=code, root=row["root"], name=row["name"],
                                   goldstein=float(row["goldstein"]),
                                   quad_class=int(row["quad_class"]),
                                   plover=mapped[0] or None, plover_mode=mapped[1] or None)
        except ValueError as err:
            raise DictionaryError(str(cameo_path), number, f"bad number: {err}") from err
    return CodeTable(codes)

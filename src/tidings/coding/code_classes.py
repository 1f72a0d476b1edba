"""Load the classes of CAMEO codes the coding rules treat alike (code_classes.tsv):
violent, cooperative, reciprocal, population, joint acts ...

Each class says how a code is tested against it: by its root, exactly, or by prefix.
The loader checks every member against the code table and reports `file:line: reason`;
asking for a class the file does not define fails the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import DictionaryError
from ..nlp.wordlists import NAME, unknown_name
from ..tables import alternatives, data_path, read_tsv
from .codes import CodeTable

KINDS = ("root", "code", "prefix")


@dataclass(frozen=True)
class CodeClass:
    kind: str  # one of KINDS
    members: frozenset[str]


@dataclass(frozen=True)
class CodeClasses:
    """Named sets of CAMEO codes, each tested by its kind: root, exact code or prefix."""

    path: Path
    codes: CodeTable
    classes: dict[str, CodeClass]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.classes)

    def __getitem__(self, name: str) -> frozenset[str]:
        return self._class(name).members

    def kind(self, name: str) -> str:
        return self._class(name).kind

    def has(self, name: str, code: str) -> bool:
        """Whether `code` (a code or a root of cameo.tsv) is in the class."""
        found = self._class(name)
        if code not in self.codes:
            raise KeyError(f"unknown CAMEO code {code!r}")
        if found.kind == "root":
            return self.codes.root_of(code) in found.members
        if found.kind == "prefix":
            return code.startswith(tuple(found.members))
        return code in found.members

    def without(self, name: str) -> CodeClasses:
        """A copy in which `name` holds no code."""
        emptied = replace(self._class(name), members=frozenset())
        return replace(self, classes={**self.classes, name: emptied})

    def _class(self, name: str) -> CodeClass:
        if name not in self.classes:
            raise unknown_name(self.path, "class", name)
        return self.classes[name]


def load_code_classes(codes: CodeTable, path: Path | None = None) -> CodeClasses:
    """Read code_classes.tsv, checking every member against the code table."""
    path = Path(path or data_path("coding", "code_classes.tsv"))
    classes: dict[str, CodeClass] = {}
    lines: dict[str, int] = {}
    for number, row in read_tsv(path, ("class", "kind", "codes")):
        name, kind = row["class"], row["kind"]
        if not NAME.fullmatch(name):
            raise DictionaryError(str(path), number, f"class name {name!r} is not lower_snake_case")
        if name in classes:
            raise DictionaryError(str(path), number, f"class {name!r} is already defined "
                                                     f"at line {lines[name]}")
        if kind not in KINDS:
            raise DictionaryError(str(path), number, f"kind {kind!r} is not one of "
                                                     f"{', '.join(KINDS)}")
        members = alternatives(row["codes"])
        if not members:
            raise DictionaryError(str(path), number, f"class {name!r} lists no codes")
        for index, code in enumerate(members):
            _check_code(path, number, codes, kind, code, members[:index])
        classes[name], lines[name] = CodeClass(kind, frozenset(members)), number
    return CodeClasses(path, codes, classes)


def _check_code(path: Path, number: int, codes: CodeTable, kind: str, code: str,
                before: list[str]) -> None:
    if code not in codes:
        raise DictionaryError(str(path), number, f"unknown CAMEO code {code!r}")
    if kind == "root" and codes.root_of(code) != code:
        raise DictionaryError(str(path), number, f"{code!r} is not a root (01-20) "
                                                 "in a class of kind root")
    if code in before:
        raise DictionaryError(str(path), number, f"code {code!r} is listed twice")

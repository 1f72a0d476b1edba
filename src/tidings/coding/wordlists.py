"""Load the closed word lists (wordlists.tsv) and CAMEO code classes (code_classes.tsv)
that the coding rules consult.

They are data, not constants, so that a list can be read and extended without reading
the rules, and so that a check can switch one list off (`without`) and see which tests
notice. Both loaders validate every row and report `file:line: reason`; asking for a
list or class the file does not define fails the same way, so a misspelt name cannot
quietly stand for an empty set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import DictionaryError
from ..tables import alternatives, data_path, read_tsv
from .codes import CodeTable

NAME = re.compile(r"[a-z][a-z0-9_]*")
INCLUDES = "@includes"  # `pronouns  @includes  thing_pronouns`: adds that list's words
CASE = "@case"  # `honorifics  @case  exact`: words are compared as written
EXACT = "exact"
KINDS = ("root", "code", "prefix")


@dataclass(frozen=True)
class WordLists:
    """Named word lists, each in file order with its includes expanded."""

    path: Path
    lists: dict[str, tuple[str, ...]]
    values: dict[str, dict[str, int]]  # only lists that map words to numbers
    # the lists as sets, made once: the coder asks for them on every token it reads
    sets: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sets", {n: frozenset(w) for n, w in self.lists.items()})

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.lists)

    def __getitem__(self, name: str) -> frozenset[str]:
        found = self.sets.get(name)
        if found is None:
            raise _unknown(self.path, "list", name)
        return found

    def in_order(self, name: str) -> tuple[str, ...]:
        """The words in file order, for a list whose order is a priority (target_preps)."""
        if name not in self.lists:
            raise _unknown(self.path, "list", name)
        return self.lists[name]

    def numbers(self, name: str) -> dict[str, int]:
        """word -> value of a list with a `value` column (group_numbers)."""
        self.in_order(name)
        if name not in self.values:
            raise DictionaryError(str(self.path), 0, f"list {name!r} has no values")
        return dict(self.values[name])

    def without(self, name: str) -> WordLists:
        """A copy in which `name` is empty; lists that include it keep their words."""
        self.in_order(name)
        values = {**self.values, name: {}} if name in self.values else self.values
        return replace(self, lists={**self.lists, name: ()}, values=values)


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
            raise _unknown(self.path, "class", name)
        return self.classes[name]


def _unknown(path: Path, what: str, name: str) -> DictionaryError:
    return DictionaryError(str(path), 0, f"no {what} {name!r} is defined")


@dataclass(frozen=True)
class Row:
    line: int
    word: str
    value: str


def load_word_lists(path: Path | None = None) -> WordLists:
    """Read wordlists.tsv: rows grouped by list, `@case` and `@includes` applied."""
    path = Path(path or data_path("coding", "wordlists.tsv"))
    rows: dict[str, list[Row]] = {}
    exact: set[str] = set()
    for number, cells in read_tsv(path, ("list", "word")):
        name, word, value = cells["list"], cells["word"], cells.get("value", "")
        if not NAME.fullmatch(name):
            raise DictionaryError(str(path), number, f"list name {name!r} is not lower_snake_case")
        listed = rows.setdefault(name, [])
        if word == CASE:
            if value != EXACT:
                raise DictionaryError(str(path), number, f"{CASE} takes {EXACT!r}, not {value!r}")
            exact.add(name)
        else:
            listed.append(Row(number, word, value))
    for name, listed in rows.items():
        for row in listed:
            _check_word(path, name, row, exact)
    lists: dict[str, tuple[str, ...]] = {}
    for name in rows:
        _expand(path, name, rows, lists, ())
    values = {name: _values(path, name, listed) for name, listed in rows.items()
              if any(row.value and row.word != INCLUDES for row in listed)}
    return WordLists(path, lists, values)


def _check_word(path: Path, name: str, row: Row, exact: set[str]) -> None:
    if not row.word:
        raise DictionaryError(str(path), row.line, f"empty word in list {name!r}")
    if row.word == INCLUDES:
        if (row.value in exact) != (name in exact):
            raise DictionaryError(str(path), row.line, f"{name!r} and the list it includes, "
                                                       f"{row.value!r}, differ in case")
        return
    if row.word.startswith("@"):
        raise DictionaryError(str(path), row.line, f"unknown directive {row.word!r}")
    if any(c.isspace() for c in row.word):
        raise DictionaryError(str(path), row.line,
                              f"{row.word!r}: a word is one token, without spaces")
    if name not in exact and row.word != row.word.lower():
        raise DictionaryError(str(path), row.line,
                              f"{row.word!r} in list {name!r}: words are compared lower-cased, "
                              f"write them in lower case (or declare {CASE} {EXACT})")


def _expand(path: Path, name: str, rows: dict[str, list[Row]], lists: dict[str, tuple[str, ...]],
            including: tuple[str, ...]) -> tuple[str, ...]:
    """The list's words with its includes expanded in place; each word once."""
    if name in lists:
        return lists[name]
    first: dict[str, int] = {}
    for row in rows[name]:
        if row.word != INCLUDES:
            added = (row.word,)
        elif row.value not in rows:
            raise DictionaryError(str(path), row.line, f"{name!r} includes {row.value!r}, "
                                                       "which is not defined")
        elif row.value in including + (name,):
            raise DictionaryError(str(path), row.line, f"{name!r} includes itself through "
                                                       f"{row.value!r}")
        else:
            added = _expand(path, row.value, rows, lists, including + (name,))
        for word in added:
            if word in first:
                raise DictionaryError(str(path), row.line, f"{word!r} is twice in list {name!r} "
                                                           f"(first at line {first[word]})")
            first[word] = row.line
    lists[name] = tuple(first)
    return lists[name]


def _values(path: Path, name: str, rows: list[Row]) -> dict[str, int]:
    """A numbered list: every word has an integer value, and nothing is included."""
    found = {}
    for row in rows:
        if row.word == INCLUDES:
            raise DictionaryError(str(path), row.line, f"list {name!r} has values and cannot "
                                                       "include another list")
        try:
            found[row.word] = int(row.value)
        except ValueError:
            raise DictionaryError(str(path), row.line, f"{row.word!r} in list {name!r} needs a "
                                                       f"whole-number value, not {row.value!r}"
                                  ) from None
    return found


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

"""Load the closed word lists of English the coder and the actor resolver consult
(data/nlp/wordlists.tsv): hedges, negations, pronouns, situation nouns, honorifics ...

They are data, not constants, so that a list can be read and extended without reading
the rules, and so that a check can switch one list off (`without`) and see which tests
notice. The loader validates every row and reports `file:line: reason`; asking for a
list the file does not define fails the same way, so a misspelt name cannot quietly
stand for an empty set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import DictionaryError
from ..tables import data_path, read_tsv

NAME = re.compile(r"[a-z][a-z0-9_]*")
INCLUDES = "@includes"  # `pronouns  @includes  thing_pronouns`: adds that list's words
CASE = "@case"  # `honorifics  @case  exact`: words are compared as written
EXACT = "exact"



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
            raise unknown_name(self.path, "list", name)
        return found

    def in_order(self, name: str) -> tuple[str, ...]:
        """The words in file order, for a list whose order is a priority (target_preps)."""
        if name not in self.lists:
            raise unknown_name(self.path, "list", name)
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


def unknown_name(path: Path, what: str, name: str) -> DictionaryError:
    return DictionaryError(str(path), 0, f"no {what} {name!r} is defined")


@dataclass(frozen=True)
class Row:
    line: int
    word: str
    value: str


def load_word_lists(path: Path | None = None) -> WordLists:
    """Read wordlists.tsv: rows grouped by list, `@case` and `@includes` applied."""
    path = Path(path or data_path("nlp", "wordlists.tsv"))
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

"""Typed records read from PETRARCH-2 dictionaries (verbs, actors, agents, discards).

Every record keeps the file and line it came from, so an event can name the
dictionary entry that produced it and an error can point at the line to fix.
Phrases keep the dictionary's spelling: words joined by `_` must be adjacent
in the text, words separated by a space may have other words between them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import DictionaryError

NULL_CODE = "---"


@dataclass(frozen=True)
class DatedCode:
    """An actor code, valid on the days from `valid_from` to `valid_until` (both inclusive)."""

    code: str
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    line: int = 0

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_until is not None

    def holds_on(self, day: dt.date) -> bool:
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


@dataclass(frozen=True)
class ActorEntry:
    """A named actor: its names (the first is the root) and its codes over time."""

    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    path: str
    line: int

    def code_on(self, day: dt.date | None) -> DatedCode | None:
        """The first dated code that holds on `day`, else the first undated one."""
        if day is not None:
            for code in self.codes:
                if code.dated and code.holds_on(day):
                    return code
        return next((c for c in self.codes if not c.dated), None)


@dataclass(frozen=True)
class AgentEntry:
    """A sector word ("minister", "police") and the code it adds to a country.

    prefix: the code goes before the country code (`[NGO~]`), else after (`[~GOV]`).
    plurals: explicit plural forms; None means regular plurals are made.
    """

    phrase: str
    code: str
    prefix: bool
    plurals: tuple[str, ...] | None
    path: str
    line: int


@dataclass(frozen=True)
class Discard:
    """A phrase that drops the sentence it is in, or the whole story (`story`)."""

    phrase: str
    story: bool
    path: str
    line: int


@dataclass(frozen=True)
class PatternItem:
    """One element of a verb pattern.

    kind: word | synset | source ($) | target (+) | compound (%) | skip (^)
    joined: the next element (or the verb, for the last element before it) must
    follow immediately (the dictionary's `_`).
    """

    kind: str
    value: str = ""
    joined: bool = False


@dataclass(frozen=True)
class VerbPattern:
    """`- <pre> * <post> [code]`: words and actor slots before and after the verb."""

    pre: tuple[PatternItem, ...]
    post: tuple[PatternItem, ...]
    code: str
    text: str
    path: str
    line: int
    verb_joined: bool = False  # the first post element follows the verb immediately

    @property
    def size(self) -> int:
        return len(self.pre) + len(self.post)


@dataclass(frozen=True)
class VerbEntry:
    """A verb of a block: its words (the inflected one at `head`) and explicit forms."""

    words: tuple[str, ...]
    head: int
    forms: tuple[tuple[str, ...], ...] | None  # None: make regular forms
    code: str | None
    line: int


@dataclass(frozen=True)
class VerbBlock:
    """`--- NAME [code] ---`: synonymous verbs sharing a default code and patterns."""

    name: str
    code: str | None
    verbs: tuple[VerbEntry, ...]
    patterns: tuple[VerbPattern, ...]
    path: str
    line: int


@dataclass(frozen=True)
class Transformation:
    """`~ a (b c VERB) UPPER = x y CODE`: recode a reported event by who reports it."""

    upper_source: str
    lower: tuple[str, str, str]  # source, target, verb name or variable
    upper_verb: str
    result: tuple[str, str, str]  # source, target, code or variable
    path: str
    line: int


@dataclass
class VerbDictionary:
    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    transformations: list[Transformation] = field(default_factory=list)
    problems: list[DictionaryError] = field(default_factory=list)


@dataclass
class ActorDictionary:
    entries: list[ActorEntry] = field(default_factory=list)
    problems: list[DictionaryError] = field(default_factory=list)


@dataclass
class AgentDictionary:
    entries: list[AgentEntry] = field(default_factory=list)
    problems: list[DictionaryError] = field(default_factory=list)


@dataclass
class DiscardList:
    entries: list[Discard] = field(default_factory=list)
    problems: list[DictionaryError] = field(default_factory=list)


@dataclass
class PetrarchDictionaries:
    """A complete dictionary set, as named by a PETR_config.ini or a validation file."""

    verbs: VerbDictionary
    actors: ActorDictionary
    agents: AgentDictionary
    discards: DiscardList
    origin: str = ""

    @property
    def problems(self) -> list[DictionaryError]:
        """Entries skipped while reading leniently, each with file, line and reason."""
        return (self.verbs.problems + self.actors.problems + self.agents.problems
                + self.discards.problems)

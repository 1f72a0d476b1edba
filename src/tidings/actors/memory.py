"""Discourse memory: what an article has said so far, for pronouns and references.

Resolving a phrase never writes here. A sentence's coding collects what it learned
(a `Learned`: names after titles, actors named together, acts with no target, who made
the laws, decisions and deals it names) and the engine commits it after the sentence,
with the sentence's events and mentions.
While the sentence is coded, `memory.reading(learned)` shows both, so "Spain, Ireland
and Norway ... the three countries" works within one sentence too.
"""
from __future__ import annotations

import datetime as dt
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Actor

if TYPE_CHECKING:
    from ..enrich.dates import EventDate

# (source, target, CAMEO root) of an act the article reported
Act = tuple[Actor, "Actor | None", str]
# (event noun, its maker, how many acts were told before it): "Hungary's parliament passed a
# law" -> ("law", Hungary's parliament, 3)
Making = tuple[str, Actor, int]


@dataclass
class Learned:
    """What coding one sentence learned, for the engine to commit afterwards."""

    mentions: list[Actor] = field(default_factory=list)  # actors named, for pronouns later
    names: dict[str, Actor] = field(default_factory=dict)  # "Arnous" -> Syria's prime minister
    groups: list[list[Actor]] = field(default_factory=list)  # actors of several countries named together
    acts: list[Act] = field(default_factory=list)  # acts coded without a target
    # surnames the article gives someone the dictionaries do not know: after "special
    # rapporteur Richard Bennett", "Bennett" is not Naftali Bennett
    strangers: set[str] = field(default_factory=set)
    made: list[Making] = field(default_factory=list)  # laws, decisions, deals and who made them
    # verbs and event nouns dated by their own time words, lemma -> date ("attack" -> Friday),
    # in the order they were dated
    dated: dict[str, EventDate] = field(default_factory=dict)
    speakers: list[Actor] = field(default_factory=list)  # who said what the sentence reports

    def name(self, actor: Actor) -> None:
        """A person named after a title ("Prime Minister Hussein Arnous") is known by the
        surname for the rest of the article."""
        if actor.name:
            self.names[actor.name.split()[-1]] = actor


class MemoryReads:
    """Questions the coder and resolver ask of what was said before."""

    date: dt.date
    mentions: list[Actor]
    countries: dict[str, int]

    @property
    def names(self) -> Mapping[str, Actor]:
        raise NotImplementedError

    @property
    def strangers(self) -> set[str]:
        raise NotImplementedError

    @property
    def acts(self) -> list[Act]:
        raise NotImplementedError

    @property
    def groups(self) -> list[list[Actor]]:
        raise NotImplementedError

    @property
    def made(self) -> list[Making]:
        raise NotImplementedError

    @property
    def dated(self) -> Mapping[str, EventDate]:
        """What the article dated so far, for "a day after the attack"."""
        raise NotImplementedError

    @property
    def speakers(self) -> list[Actor]:
        raise NotImplementedError

    def last_speaker(self) -> Actor | None:
        """Who spoke last: the "we" of a quote that goes on without attribution
        ('"We have urged the authorities to act," the spokesperson said. "We will ...')."""
        return self.speakers[-1] if self.speakers else None

    def last_making(self, referrer: Actor, nouns: frozenset[str] | None = None
                    ) -> tuple[Actor, int] | None:
        """Who last made one of `nouns` (any, if None), other than `referrer`, and how many
        acts were told before: "Hungary's parliament passed a law ... the EU criticised the
        new law" is about its parliament."""
        return next(((maker, told) for noun, maker, told in reversed(self.made)
                     if maker.code != referrer.code and (nouns is None or noun in nouns)), None)

    def last_agent(self, referrer: Actor, roots: frozenset[str] | None = None, since: int = 0
                   ) -> Actor | None:
        """Who did the latest act (of one of `roots`, after the first `since`) that `referrer`
        speaks of: a foreign actor's act on the referrer's country first ("Pakistan called
        the strikes an act of war": India's strikes on Pakistan), else the latest act by
        anyone else."""
        acts = [(a, t) for a, t, root in reversed(self.acts[since:])
                if a.code != referrer.code and (roots is None or root in roots)]
        return next((a for a, t in acts if t is not None and t.country == referrer.country
                     and a.country != referrer.country), None) or \
            next((a for a, _ in acts), None)

    def last_accuser(self, accused: Actor, recent: list[Act] = ()) -> Actor | None:
        """Who last accused or criticised `accused` (same code, or same country), looking
        at `recent` acts (of the sentence being coded) first."""
        for source, target, root in reversed(self.acts + list(recent)):
            if root == "11" and target is not None and source.code != accused.code and (
                    target.code == accused.code or target.country == accused.country):
                return source
        return None

    def last_parties(self, roots: frozenset[str]) -> list[Actor] | None:
        """Both sides of the latest act with one of `roots` ("the agreement" they reached)."""
        return next(([source, target] for source, target, root in reversed(self.acts)
                     if target is not None and root in roots), None)

    def last_victim(self, roots: frozenset[str], author: Actor) -> Actor | None:
        """The target of the latest act of one of `roots`, by `author`'s country if any
        ("JNIM claimed responsibility": for the attack on the soldiers)."""
        struck = [(source, target) for source, target, root in self.acts
                  if root in roots and target is not None and target.code != author.code]
        own = [target for source, target in struck if source.country == author.country]
        return (own or [target for _, target in struck] or [None])[-1]

    def last_target_of(self, source: Actor) -> Actor | None:
        """The target of `source`'s latest act ("Russia massed troops ... Moscow denies
        planning an attack": the denial is addressed to Ukraine)."""
        return next((target for actor, target, _ in reversed(self.acts)
                     if actor.country == source.country and target is not None
                     and target.country != source.country), None)

    def last_captor(self, held: Actor, roots: frozenset[str]) -> Actor | None:
        """Who did the latest act of `roots` (a detention, an abduction) to `held`."""
        return next((source for source, target, root in reversed(self.acts)
                     if root in roots and target is not None and source.country and (
                         target.name and target.name == held.name or target.code == held.code)),
                    None)

    def last_person(self) -> Actor | None:
        return next((a for a in reversed(self.mentions) if a.name and a.sector
                     and a.provenance and a.provenance.is_person), None)

    def last_pair(self) -> list[Actor] | None:
        """The last two distinct actors mentioned, most recent last."""
        return self.last_actors(2)

    def last_actors(self, size: int, exclude: frozenset[str] = frozenset(),
                    countries: frozenset[str] = frozenset()) -> list[Actor] | None:
        """The last `size` distinct actors mentioned (none of the actor codes in `exclude`
        or of the `countries`), most recent last."""
        return self._last(size, lambda a, b: a.code == b.code,
                          lambda a: a.code in exclude or a.country in countries)

    def last_countries(self, size: int, exclude: frozenset[str] = frozenset()
                       ) -> list[Actor] | None:
        """The last `size` distinct countries mentioned (not in `exclude`), most recent last."""
        return self._last(size, lambda a, b: a.country == b.country,
                          lambda a: a.country in exclude or not a.country
                          or a.country.startswith("IGO"))

    def _last(self, size: int, same, excluded) -> list[Actor] | None:
        found: list[Actor] = []
        for actor in reversed(self.mentions):
            if excluded(actor):
                continue
            if all(not same(a, actor) for a in found):
                found.insert(0, actor)
            if len(found) == size:
                return found
        return None

    def last_group(self, size: int, exclude: frozenset[str] = frozenset()) -> list[Actor] | None:
        """The latest actors of `size` different countries named together, none in `exclude`."""
        return next((group for group in reversed(self.groups)
                     if len({a.country for a in group}) == size
                     and not any(a.country in exclude for a in group)), None)

    def last_body(self) -> Actor | None:
        """The latest actor that is not a person (for "it", "they"); actors remembered only
        because they were named ("mention") do not count."""
        return next((a for a in reversed(self.mentions) if a.provenance
                     and not a.provenance.is_person
                     and a.provenance.kind not in ("pronoun", "mention")), None)

    def last_with_sector(self, sector: str) -> Actor | None:
        return next((a for a in reversed(self.mentions) if a.sector == sector and a.country), None)

    def named_like(self, word: str) -> Actor | None:
        """The latest named actor whose name contains `word` ("court" -> the ICC)."""
        word = word.lower()
        return next((a for a in reversed(self.mentions)
                     if a.name and word in a.name.lower().split()), None)

    def main_country(self) -> str | None:
        return max(self.countries, key=self.countries.get) if self.countries else None


@dataclass
class DiscourseMemory(MemoryReads):
    """What one article has said so far; written only by `commit` and the engine."""

    date: dt.date
    mentions: list[Actor] = field(default_factory=list)  # resolved actors, in reading order
    _names: dict[str, Actor] = field(default_factory=dict)  # surname -> actor learned in this article
    countries: dict[str, int] = field(default_factory=dict)  # weighted mentions, for sector-only actors
    _groups: list[list[Actor]] = field(default_factory=list)
    _acts: list[Act] = field(default_factory=list)
    _strangers: set[str] = field(default_factory=set)
    _made: list[Making] = field(default_factory=list)
    _dated: dict[str, EventDate] = field(default_factory=dict)
    _speakers: list[Actor] = field(default_factory=list)

    @property
    def names(self) -> dict[str, Actor]:
        return self._names

    @property
    def strangers(self) -> set[str]:
        return self._strangers

    @property
    def acts(self) -> list[Act]:
        return self._acts

    @property
    def groups(self) -> list[list[Actor]]:
        return self._groups

    @property
    def made(self) -> list[Making]:
        return self._made

    @property
    def dated(self) -> dict[str, EventDate]:
        return self._dated

    @property
    def speakers(self) -> list[Actor]:
        return self._speakers

    def reading(self, learned: Learned) -> "SentenceMemory":
        """Memory as seen while a sentence is coded: what was committed and what the
        sentence has learned so far."""
        return SentenceMemory(self, learned)

    def commit(self, learned: Learned) -> None:
        self.mentions.extend(learned.mentions)
        self._names.update(learned.names)
        self._groups.extend(learned.groups)
        self._acts.extend(learned.acts)
        self._strangers |= learned.strangers
        self._made.extend(learned.made)
        for lemma, date in learned.dated.items():  # latest last: "the same day" is its
            self._dated.pop(lemma, None)
            self._dated[lemma] = date
        self._speakers.extend(learned.speakers)

    def mention(self, actor: Actor) -> None:
        self.mentions.append(actor)

    def act(self, source: Actor, target: Actor | None, root: str) -> None:
        self._acts.append((source, target, root))

    def count_country(self, country: str, weight: int) -> None:
        self.countries[country] = self.countries.get(country, 0) + weight


class SentenceMemory(MemoryReads):
    """A read-only view of an article's memory plus what the current sentence learned."""

    def __init__(self, memory: DiscourseMemory, learned: Learned):
        self.memory = memory
        self.learned = learned
        self.date = memory.date
        self.mentions = memory.mentions
        self.countries = memory.countries

    @property
    def names(self) -> Mapping[str, Actor]:
        return ChainMap(self.learned.names, self.memory.names)

    @property
    def strangers(self) -> set[str]:
        return self.memory.strangers | self.learned.strangers

    @property
    def acts(self) -> list[Act]:
        return self.memory.acts + self.learned.acts

    @property
    def groups(self) -> list[list[Actor]]:
        return self.memory.groups + self.learned.groups

    @property
    def made(self) -> list[Making]:
        return self.memory.made + self.learned.made

    @property
    def dated(self) -> Mapping[str, EventDate]:
        return ChainMap(self.learned.dated, self.memory.dated)

    @property
    def speakers(self) -> list[Actor]:
        return self.memory.speakers + self.learned.speakers

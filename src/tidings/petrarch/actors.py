"""Find PETRARCH actors and agents in a parsed sentence and code its noun phrases.

A noun phrase's code is built the PETRARCH way: the actor named in the phrase
itself (else in its prepositional phrases: "soldiers from Gondor"), dated by
the article's day, plus the agents of the phrase ("[NGO~]" before the
country, "[~GOV]" after it): "Arnor's foreign minister" -> ARN + GOVFRM.
Conjoined phrases give one actor each ("Gondor and Osgiliath").
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..coding.syntax import conjuncts, prep_objects
from ..nlp.morphology import noun_plurals
from .entries import NULL_CODE, ActorEntry, AgentEntry, PetrarchDictionaries

# Tokens a space in a dictionary phrase may skip ("ITHILEN TELEVISION" ~ "Ithilen state-run television").
GAP_POS = {"ADJ", "NOUN", "PROPN", "NUM", "DET", "ADV", "HYPH"}
MAX_GAP = 3
SUBJECT_PRONOUNS = {"IT", "HE", "SHE", "THEY", "WE"}
REFLEXIVE = {"ITSELF", "HIMSELF", "HERSELF", "THEMSELVES"}
# Parts of a phrase that do not name its actor.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "conj", "cc", "punct",
               "prep", "parataxis"}
NOT_COUNTRIES = {"IGO", "NGO", "NGM", "IMG", "MNC", "UAF", "INT", "---"}


@dataclass(frozen=True)
class Phrase:
    """A dictionary phrase as tokens; gaps[i] says words may come between tokens i and i+1."""

    tokens: tuple[str, ...]
    gaps: tuple[bool, ...]


class Tokenize:
    """Split dictionary phrases into tokens the way the text is tokenised."""

    def __init__(self, tokenizer: Callable):
        self.tokenizer = tokenizer
        self.word = functools.lru_cache(maxsize=None)(self._word)

    def _word(self, word: str) -> tuple[str, ...]:
        return tuple(t.text.upper() for t in self.tokenizer(word))

    def phrase(self, text: str, *, spaces_are_gaps: bool = True) -> Phrase:
        tokens: list[str] = []
        gaps: list[bool] = []
        for chunk in text.split():
            words = [w for w in chunk.split("_") if w]
            for word in words:
                for token in self.word(word):
                    tokens.append(token)
                    gaps.append(False)
            if gaps and spaces_are_gaps:
                gaps[-1] = True
        if gaps:
            gaps[-1] = False
        return Phrase(tuple(tokens), tuple(gaps))


class PhraseIndex:
    """Phrases indexed by their first token; finds the longest at each position."""

    def __init__(self):
        self.by_first: dict[str, list[tuple[Phrase, object]]] = {}

    def add(self, phrase: Phrase, payload: object) -> None:
        if phrase.tokens:
            self.by_first.setdefault(phrase.tokens[0], []).append((phrase, payload))

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_first.values())

    def at(self, words: list[str], pos: list[str], start: int) -> list[tuple[int, Phrase, object]]:
        """(end, phrase, payload) of every phrase that starts at `start`."""
        found = []
        for phrase, payload in self.by_first.get(words[start], ()):
            end = _match_phrase(phrase, words, pos, start)
            if end is not None:
                found.append((end, phrase, payload))
        return found


def _match_phrase(phrase: Phrase, words: list[str], pos: list[str], start: int) -> int | None:
    i = start
    for k, token in enumerate(phrase.tokens):
        if k > 0:
            if phrase.gaps[k - 1]:
                j = i
                while j < len(words) and words[j] != token and j - i < MAX_GAP \
                        and (pos[j] in GAP_POS or words[j - 1] == "-"):
                    j += 1
                i = j
        if i >= len(words) or words[i] != token:
            return None
        i += 1
    return i


@dataclass(frozen=True)
class Mention:
    """A dictionary phrase found in the text (token indices in the doc)."""

    start: int
    end: int
    actor: ActorEntry | None = None
    agent: AgentEntry | None = None
    name: str = ""

    @property
    def kind(self) -> str:
        return "actor" if self.actor is not None else "agent"


@dataclass
class Coded:
    """A coded noun phrase: its full code and where it is."""

    code: str
    head: Token
    start: int  # doc token indices of the phrase
    end: int
    rule: str
    name: str | None = None
    pronoun: bool = False
    base: str = NULL_CODE  # the actor code before agents were added
    agents: tuple = ()
    via_pp: bool = False  # the actor came from a prepositional phrase ("soldiers from X")


@dataclass
class Options:
    """Coding options of PETR_config.ini that the validation suite changes per record."""

    require_dyad: bool = True
    new_actor_length: int = 0


@dataclass
class SentenceActors:
    """What coding a sentence's phrases needs: its mentions, the day, the options."""

    sent: Span
    mentions: list[Mention]
    day: dt.date | None
    options: Options


class ActorCoder:
    """PETRARCH actor and agent dictionaries compiled for matching spaCy tokens."""

    def __init__(self, dictionaries: PetrarchDictionaries, tokenizer: Callable):
        self.tokenize = Tokenize(tokenizer)
        self.actors = PhraseIndex()
        self.agents = PhraseIndex()
        self.countries: set[str] = set()
        for entry in dictionaries.actors.entries:
            for name in entry.names:
                self.actors.add(self.tokenize.phrase(name), (entry, name))
            for code in entry.codes:
                for part in code.code.split("/"):
                    if len(part) == 3 and part.isalpha() and part not in NOT_COUNTRIES:
                        self.countries.add(part)
        for agent in dictionaries.agents.entries:
            phrase = agent.phrase
            forms = [phrase]
            if agent.plurals is None:
                head, _, last = phrase.rpartition("_")
                forms += [f"{head}_{p}" if head else p for p in noun_plurals(last)]
            else:
                forms += list(agent.plurals)
            for form in dict.fromkeys(forms):
                self.agents.add(self.tokenize.phrase(form), (agent, form))

    # -- finding ----------------------------------------------------------------

    def find(self, sent: Span) -> list[Mention]:
        """Non-overlapping actor and agent mentions, longest first (actors win ties)."""
        words = [t.text.upper() for t in sent]
        pos = [t.pos_ if t.text != "-" else "HYPH" for t in sent]
        candidates = []
        for start in range(len(words)):
            for rank, index in ((0, self.actors), (1, self.agents)):
                for end, phrase, (entry, name) in index.at(words, pos, start):
                    candidates.append((-(end - start), rank, start, end, entry, name))
        candidates.sort(key=lambda c: c[:3])
        taken: set[int] = set()
        chosen = []
        for _, rank, start, end, entry, name in candidates:
            span = set(range(start, end))
            if span & taken:
                continue
            taken |= span
            offset = sent.start
            if rank == 0:
                chosen.append(Mention(start + offset, end + offset, actor=entry, name=name))
            else:
                chosen.append(Mention(start + offset, end + offset, agent=entry, name=name))
        return sorted(chosen, key=lambda m: m.start)

    def mentions_any(self, words: list[str]) -> bool:
        """Whether upper-case words (unparsed: any word may fill a gap) name an actor or agent."""
        pos = ["NOUN"] * len(words)
        return any(index.at(words, pos, start) for start in range(len(words))
                   for index in (self.actors, self.agents))

    # -- coding a phrase ------------------------------------------------------------

    def country_of(self, code: str) -> str | None:
        return code[:3] if code[:3] in self.countries else None

    def code_phrase(self, head: Token, ctx: SentenceActors, *, with_conjuncts: bool = True,
                    new_actors: bool = True) -> list[Coded]:
        """The actors the phrase headed by `head` names (one per conjunct)."""
        heads = conjuncts(head, appositions=True) if with_conjuncts else [head]
        # an apposition right after a conjunct is that conjunct's noun: "the evil awful Gondor"
        extra: dict[int, list[Token]] = {}
        if len(heads) > 1:
            ends = {max(t.i for t in phrase_tokens(h)): h for h in heads}
            for h in heads:
                for child in h.children:
                    if child.dep_ == "appos" and child not in heads and child.i - 1 in ends:
                        extra[ends[child.i - 1].i] = phrase_tokens(child)
        per_head = [self._code_one(h, ctx, extra.get(h.i, []), new_actors) for h in heads]
        for k in range(1, len(heads)):
            here, h = per_head[k], heads[k]
            # "Lawmakers in Fornost and Gondor": a bare name right after the object of a
            # conjunct's prepositional phrase continues that phrase
            prev = next((per_head[j] for j in range(k - 1, -1, -1) if per_head[j] and all(
                c.via_pp and c.agents for c in per_head[j])), None)
            if prev and here and all(not c.agents for c in here) and h.pos_ == "PROPN" \
                    and h.i > 1 and h.doc[h.i - 1].dep_ == "cc" \
                    and h.doc[h.i - 2].dep_ == "pobj":
                per_head[k] = [Coded(combine(c.base, list(prev[0].agents)), c.head, c.start,
                                     c.end, c.rule, c.name, base=c.base,
                                     agents=prev[0].agents, via_pp=True) for c in here]
        # "Lawmakers and officials in Fornost and Gondor": a conjunct with agents but
        # no country takes the countries of another conjunct's prepositional phrase
        borrowed = [x for c in per_head if c and all(
            not x.code.startswith(NULL_CODE) and x.via_pp for x in c) for x in c]
        found: list[Coded] = []
        for h, coded in zip(heads, per_head):
            if borrowed and coded and all(c.code.startswith(NULL_CODE) for c in coded):
                coded = [Coded(combine(b.base, list(coded[0].agents)), h, coded[0].start,
                               coded[0].end, b.rule, b.name, base=b.base,
                               agents=coded[0].agents, via_pp=True) for b in borrowed]
            found.extend(coded)
        unique = []
        for c in found:
            if all(c.code != u.code for u in unique):
                unique.append(c)
        return unique

    def _code_one(self, head: Token, ctx: SentenceActors, extra: list[Token] = (),
                  new_actors: bool = True) -> list[Coded]:
        own = sorted(phrase_tokens(head) + list(extra), key=lambda t: t.i)
        own_set = {t.i for t in own}
        mentions = [m for m in ctx.mentions if m.start in own_set]
        actors = [m for m in mentions if m.actor is not None]
        agents = [m for m in mentions if m.agent is not None]
        start, end = min(own_set), max(own_set) + 1
        bases: list[tuple[str, str, str | None]] = []  # (code, rule, name)
        via_pp = False
        if actors:
            for m in self._actor_group(actors, head.doc):
                bases.extend(self._actor_codes(m, ctx.day))
        if not bases:
            for pp_head in prep_objects(head):
                inner = self.code_phrase(pp_head, ctx, new_actors=False)
                inner = [c for c in inner if not c.code.startswith(NULL_CODE)]
                if inner:
                    bases = [(c.code, c.rule, c.name) for c in inner]
                    via_pp = True
                    break
        if not bases and not agents:
            if head.text.upper() in SUBJECT_PRONOUNS | REFLEXIVE:
                return []
            if new_actors and ctx.options.new_actor_length > 0 and \
                    head.pos_ in ("NOUN", "PROPN"):
                words = [t.text for t in new_actor_tokens(head) if t.tag_ != "POS"
                         and not t.is_punct]
                if 0 < len(words) <= ctx.options.new_actor_length:
                    text = '"' + " ".join(words).upper() + '"'
                    return [Coded(text, head, start, end, "new-actor")]
            return []
        if not bases:
            bases = [(NULL_CODE, "", None)]
        result = []
        for code, rule, name in bases:
            if code == NULL_CODE and not agents:
                continue
            full = combine(code, [m.agent for m in agents])
            rules = [rule] + [f"{m.agent.path.rsplit('/', 1)[-1]}:{m.agent.line} {m.name}"
                              for m in agents]
            result.append(Coded(full, head, start, end, " + ".join(r for r in rules if r), name,
                                base=code, agents=tuple(m.agent for m in agents),
                                via_pp=via_pp))
        return result

    @staticmethod
    def _actor_group(actors: list[Mention], doc) -> list[Mention]:
        """The first actor of a phrase, and those conjoined with it ("Eriadori and Calenardhon")."""
        chosen = [actors[0]]
        for m in actors[1:]:
            between = doc[chosen[-1].end:m.start]
            if any(t.dep_ == "cc" or t.text == "," for t in between):
                chosen.append(m)
        return chosen

    def _actor_codes(self, m: Mention, day: dt.date | None) -> list[tuple[str, str, str | None]]:
        code = m.actor.code_on(day)
        if code is None:
            return []
        rule = f"{m.actor.path.rsplit('/', 1)[-1]}:{code.line or m.actor.line} {m.name}"
        return [(part, rule, m.actor.names[0].replace("_", " ").strip())
                for part in code.code.split("/") if part and part != NULL_CODE]


def combine(code: str, agents: list[AgentEntry]) -> str:
    """Country/actor code plus agent codes, without repeating a 3-letter part."""
    prefix = "".join(a.code for a in agents if a.prefix)
    parts = [] if code == NULL_CODE else [code[i:i + 3] for i in range(0, len(code), 3)]
    result = code if code != NULL_CODE else NULL_CODE
    for agent in (a for a in agents if not a.prefix):
        for i in range(0, len(agent.code), 3):
            piece = agent.code[i:i + 3]
            if piece not in parts:
                parts.append(piece)
                result += piece
    if prefix:
        result = prefix + (result if result != NULL_CODE else "")
    return result


def phrase_tokens(head: Token, top: bool = True) -> list[Token]:
    """The head and its modifiers, without clauses, conjuncts and prepositional phrases.

    Conjoined modifiers stay: "Eriadori and Calenardhon leaders".
    """
    keep = [head]
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS and (top or child.dep_ not in ("conj", "cc", "punct")):
            continue
        keep.extend(phrase_tokens(child, top=False))
    return sorted(keep, key=lambda t: t.i)


def new_actor_tokens(head: Token) -> list[Token]:
    """The words of an unknown actor's phrase, with its prepositional phrases and appositions."""
    keep = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct",
                          "parataxis"):
            continue
        keep.extend(child.subtree)
    return sorted(keep, key=lambda t: t.i)

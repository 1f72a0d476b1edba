"""What the bundled coder's stages share while coding one sentence.

`SentenceState` holds the parsed sentence, its actor matches, the article's memory
(read-only, with what this sentence has learned so far) and the trace for `explain`.
`Candidate` is one trigger on its way to events: each stage fills in a part (code,
sources, targets) and records the rules that fired.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..actors.matching import Match
from ..actors.memory import Learned, MemoryReads
from ..model import Actor, Event
from .lexicon import VerbPattern
from .registry import Outcome, Trace, rules
from .stages import STAGES

if TYPE_CHECKING:
    from ..nlp.wordlists import WordLists
    from .code_classes import CodeClasses
    from .codes import CodeTable
    from .lexicon import VerbLexicon
    from .pipeline import EventCoder


@dataclass
class Trigger:
    """A word that matched a pattern: a verb of verbs.tsv or a noun of noun_events.tsv."""

    token: Token
    pattern: VerbPattern
    object_token: Token | None
    rules: tuple[str, ...] = ()  # named rules that made it a trigger (a proposal)


@dataclass
class Candidate:
    """One trigger and what the stages decided for it so far."""

    trigger: Trigger
    code: str = ""
    target_trigger: Trigger | None = None  # whose arguments give the target (a frame's complement)
    complement: Trigger | None = None  # the nearest trigger a frame verb governs
    aim: Trigger | None = None  # the demand a protest carries, else the trigger itself
    aim_code: str = ""
    aim_target: Trigger | None = None
    subject: Token | None = None
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    fallback: bool = False  # a target from a weaker rule lowers confidence
    fired: list[str] = field(default_factory=list)  # qualified names of the rules that fired

    @property
    def verb(self) -> Token:
        return self.trigger.token


@dataclass
class SentenceState:
    """One parsed sentence being coded, and the resources of the coder coding it."""

    coder: "EventCoder"  # its lexicon, code table, word lists, code classes, resolver
    sent: Span
    matches: list[Match]
    memory: MemoryReads
    learned: Learned
    trace: Trace
    article_id: str = ""
    index: int = 0  # of the sentence in the article; the headline is 0
    in_headline: bool = False
    events: list[Event] = field(default_factory=list)  # coded so far (a denial answers an accusation)
    triggers: list[Trigger] = field(default_factory=list)
    demands: dict[int, Trigger] = field(default_factory=dict)  # protest verb -> its demand

    @property
    def words(self) -> "WordLists":
        return self.coder.words

    @property
    def classes(self) -> "CodeClasses":
        return self.coder.classes

    @property
    def codes(self) -> "CodeTable":
        return self.coder.codes

    @property
    def lexicon(self) -> "VerbLexicon":
        return self.coder.lexicon

    def root(self, code: str) -> str | None:
        return self.coder.codes.root_of(code)

    def is_class(self, name: str, code: str) -> bool:
        """Whether `code` belongs to the code class `name` of code_classes.tsv."""
        return self.coder.classes.has(name, code)


def rules_in_order(stage: str):
    """The enabled rules of `stage`, in the order `stages.py` declares."""
    return rules.ordered(stage, STAGES[stage])


def apply_rules(stage: str, state: SentenceState, candidate: Candidate, *args,
                first: bool) -> Outcome | None:
    """Run the rules of `stage` on `args` in their declared order, tracing each and
    recording on the candidate those that fire; with `first`, stop at the first that
    fires and return its outcome."""
    for rule in rules_in_order(stage):
        outcome = rule.func(*args)
        state.trace.rule(repr(candidate.verb.text), rule, outcome)
        if outcome.fired:
            candidate.fired.append(rule.qualified)
            if first:
                return outcome
    return None


def first_rule(stage: str, state: SentenceState, candidate: Candidate) -> Outcome | None:
    """The outcome of the first rule of `stage` that fires on the candidate, if any."""
    return apply_rules(stage, state, candidate, state, candidate, first=True)


def every_rule(stage: str, state: SentenceState, candidate: Candidate) -> None:
    """Run every rule of `stage` in turn; each may change the candidate."""
    apply_rules(stage, state, candidate, state, candidate, first=False)

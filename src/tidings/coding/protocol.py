"""What a coder is to the engine: the bundled coder and the PETRARCH-2 coder both
implement `Coder`, and the engine only orchestrates (split, screen, parse, code,
remember).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Span

from ..actors.memory import DiscourseMemory, Learned
from ..model import Event
from .registry import Trace


@dataclass
class Segment:
    """A sentence of the article before parsing, as a coder screened it."""

    index: int  # the headline is 0, even in two parts
    text: str
    in_headline: bool
    matches: list  # the coder's actor matches, token offsets within `text`
    candidate: bool  # worth parsing: a trigger word form and an actor (or pronoun)
    countries: list[str] = field(default_factory=list)  # countries named, for the story's
    discards_story: bool = False  # a PETRARCH story discard phrase: drop the article
    found: list = field(default_factory=list)  # names matched before the parse, unselected
    span: Span | None = None  # the unparsed sentence, for what its names teach afterwards


@dataclass
class SentenceCoding:
    """What coding one sentence gave: its events, what it learned for the article's
    memory, and the trace of decisions (kept when asked for, for `explain`)."""

    events: list[Event] = field(default_factory=list)
    learned: Learned = field(default_factory=Learned)
    trace: Trace = field(default_factory=Trace)
    discard: str | None = None  # why the sentence was skipped whole ("dateline", "sentence")


class Coder(Protocol):
    def screen(self, sent: Span, index: int, in_headline: bool, day: dt.date) -> Segment:
        """Find actor names once and say whether the sentence is worth parsing."""

    def parsed_sentences(self, doc: Doc, segment: Segment | None, day: dt.date
                         ) -> Iterable[tuple[Span, list]]:
        """The sentences of a parsed segment (or text) with their actor matches."""

    def code_sentence(self, sent: Span, matches: list, memory: DiscourseMemory, *,
                      article_id: str, index: int, in_headline: bool,
                      explain: bool = False) -> SentenceCoding:
        """The events of one parsed sentence; `memory` is only read."""

    def learned_after_sentence(self, sent: Span, matches: list,
                               memory: DiscourseMemory) -> Learned:
        """What the sentence tells later ones beyond its events (its main subject)."""

    def learned_after_segment(self, segment: Segment, memory: DiscourseMemory) -> Learned:
        """What the names of a sentence tell later ones, even when nothing was coded."""

    def score_article(self, events: list[Event], sentences: int) -> None:
        """Set the confidence of an article's events once they are all known (and, for the
        bundled coder, the dates of those without time words from other mentions)."""

    def describe_matches(self, sent: Span, matches: list) -> list[dict]:
        """The actor names found, for `explain`."""

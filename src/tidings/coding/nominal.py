"""Nominal events: nouns of noun_events.tsv that carry an event between two sides named
with "between" ("four days of talks between Iran's X and Saudi Y", "a phone call between
A and B"). Each side acts towards the other.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Actor
from .arguments import actors
from .modality import is_hedged, is_negated
from .sentence import SentenceState, Trigger
from .syntax import prep_objects


def nominal_events(state: SentenceState, coded: set[int]) -> Iterator[tuple[Trigger, list[Actor]]]:
    """Each event noun with both sides named. Not when a coded verb already tells of them
    ("Turkey mediated talks between ...") or they only date the news ("days after a
    meeting between ..."), nor when they have not (yet) happened ("planned talks")."""
    words = state.words
    for token in state.sent:
        pattern = state.lexicon.noun_events.get(token.lemma_.lower())
        if pattern is None or token.pos_ != "NOUN":
            continue
        if token.head.i in coded or token.head.lower_ in words["temporal_preps"]:
            continue
        sides: list[Actor] = []
        for actor in actors(state, prep_objects(token, "between")):
            if all(a.country != actor.country for a in sides):
                sides.append(actor)  # one per side ("official X, adviser to ...")
        if len(sides) < 2:
            continue
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if any(c.lower_ in words["prospective"] for c in token.children) or verb is not None and (
                is_negated(verb, words) or is_hedged(verb, words) or any(
                    c.lower_ in words["future"] for c in verb.children if c.dep_ == "aux")):
            state.trace.note(f"{token.text!r}: talks not (yet) held, not coded")
            continue
        state.trace.note(f"{token.text!r}: matches {pattern.rule} -> {pattern.cameo}")
        yield Trigger(token, pattern, None), sides

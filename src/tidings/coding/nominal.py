"""Nominal events: nouns of noun_events.tsv that carry an event. Between two sides named
with "between" ("four days of talks between Iran's X and Saudi Y") each side acts towards
the other; otherwise the noun's owner acts on its preposition's object ("Russia's attack
on Kyiv", "Modi's visit to Moscow", "Israeli strikes on Gaza").
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..model import Actor
from .arguments import actors
from .modality import is_hedged, is_negated
from .sentence import SentenceState, Trigger
from .syntax import prep_objects

OWNER_DEPS = ("amod", "compound")  # "Israeli strikes", "U.S. sanctions"


def nominal_events(state: SentenceState, coded: set[int]
                   ) -> Iterator[tuple[Trigger, list[tuple[Actor, Actor]]]]:
    """Each event noun with both sides named, and its (source, target) pairs. Not when a
    coded verb already tells of it ("Turkey mediated talks between ...", "condemned
    Russia's attack on Kyiv") or it only dates the news ("days after a meeting
    between ..."), nor when it has not (yet) happened ("planned talks")."""
    words = state.words
    for token in state.sent:
        patterns = state.lexicon.noun_events.get(token.lemma_.lower())
        if patterns is None or token.pos_ != "NOUN":
            continue
        if token.head.i in coded or token.head.lower_ in words["temporal_preps"]:
            continue
        for pattern in patterns:
            pairs = _pairs(state, token, pattern.prep)
            if not pairs:
                continue
            if not _happened(state, token):
                state.trace.note(f"{token.text!r}: not (yet) happened, not coded")
                break
            state.trace.note(f"{token.text!r}: matches {pattern.rule} -> {pattern.cameo}")
            yield Trigger(token, pattern, None), pairs
            break


def _pairs(state: SentenceState, noun: Token, prep: str) -> list[tuple[Actor, Actor]]:
    if prep == "between":
        sides: list[Actor] = []
        for actor in actors(state, prep_objects(noun, "between")):
            if all(a.country != actor.country for a in sides):
                sides.append(actor)  # one per side ("official X, adviser to ...")
        return [(a, b) for a in sides for b in sides if a is not b] if len(sides) > 1 else []
    if not _told_as_news(state, noun):
        return []
    targets = actors(state, prep_objects(noun, prep))
    if not targets:
        return []
    owners = actors(state, prep_objects(noun, "by")) or actors(
        state, [c for c in noun.children if c.dep_ == "poss"])
    if not owners and any(c.dep_ in OWNER_DEPS for c in noun.children):
        # "Israeli strikes": the adjective on an act names the state that does it
        owners = actors(state, [noun])
    return [(s, t) for s in owners for t in targets if s.code != t.code]


def _told_as_news(state: SentenceState, noun: Token) -> bool:
    """A directed event noun is news when it heads a verbless headline ("Israeli Strikes
    on Gaza") or is the subject of a verb of happening ("Russia's offensive on Kharkiv
    began on Friday"); elsewhere it is background ("on his trip to Beijing")."""
    if noun.dep_ == "ROOT":
        return True
    return noun.dep_ in ("nsubj", "nsubjpass") and \
        noun.head.lemma_.lower() in state.words["happening_verbs"]


def _happened(state: SentenceState, noun: Token) -> bool:
    """Not planned or possible, and not under a negated, hedged or future verb."""
    words = state.words
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return not (any(c.lower_ in words["prospective"] for c in noun.children)
                or verb is not None and (is_negated(verb, words) or is_hedged(verb, words)
                                         or any(c.lower_ in words["future"]
                                                for c in verb.children if c.dep_ == "aux")))

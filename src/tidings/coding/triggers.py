"""Stage: triggers. Which words of a sentence match a pattern of verbs.tsv, and which
nouns of noun_events.tsv carry an event between two named sides.

A verb matches the most specific row for its lemma: particle, object noun, a modifier
of that noun and target preposition each count ("extend+condolence>to" beats "extend",
"stage+hunger strike" beats "stage+strike").
"""
from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token

from .lexicon import PLACE_OBJECT, VerbLexicon
from .sentence import SentenceState, Trigger
from .syntax import (OBJECT_DEPS, RELATIVE_WORDS, conjuncts, has_clause_mark,
                     reporting_speaker)

MODIFIER_DEPS = ("compound", "amod", "nmod")  # the modifier of a two-word object


def can_trigger(token: Token) -> bool:
    """Verbs, a headline verb parsed as a noun, and readiness adjectives ("China is ready
    to work with Turkey") can be triggers."""
    return token.pos_ == "VERB" or (token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PROPN")) \
        or (token.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in token.children))


def object_heads(verb: Token) -> list[Token]:
    """Every noun a pattern's object can name: objects, their `of` phrases and cargo,
    prepositional objects, and judging adjectives."""
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS + ("nsubjpass",)
               # "holds Israel responsible": an adjective small clause
               or c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ"]
    if verb.dep_ == "relcl" and not objects and not any(
            c.dep_ == "nsubj" and c.lower_ in RELATIVE_WORDS for c in verb.children):
        objects.append(verb.head)  # "a charge Tehran rejected"
    # "delivered 35 tonnes of food", "adopted a package of sanctions"
    objects += [g for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    # "sent planes carrying medical supplies", "trucks loaded with food": the cargo
    objects += [g for o in objects for c in o.children if c.dep_ == "acl"
                for g in c.children if g.dep_ in ("dobj", "obj")] + \
        [g for o in objects for c in o.children if c.dep_ == "acl"
         for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
         for g in p.children if g.dep_ == "pobj"]
    # "agreed to a ceasefire", "called for talks": the noun may sit under a preposition
    objects += [g for c in verb.children if c.dep_ == "prep"
                for g in c.children if g.dep_ == "pobj"]
    # "called the decision a bad one", "described the talks as a useful step": the
    # judgement is in the adjective
    objects += [c for o in objects if o.dep_ in ("oprd", "attr")
                or o.dep_ == "pobj" and o.head.lower_ == "as"
                for c in o.children if c.dep_ == "amod"]
    return objects


def noun_names(noun: Token) -> set[str]:
    """What an object names: its lemma, and with each modifier before it ("hunger
    strike", "car bomb", "chemical weapon")."""
    lemma = noun.lemma_.lower()
    return {lemma} | {f"{c.lemma_.lower()} {lemma}" for c in noun.children
                      if c.dep_ in MODIFIER_DEPS and c.i < noun.i}


def match(lexicon: VerbLexicon, verb: Token, places: frozenset[int] = frozenset(),
          reporting_verbs: Collection[str] = ()) -> Trigger | None:
    """The most specific pattern of verbs.tsv that fits this verb, if any. `places`:
    token indices of country and capital names, which the object `@place` matches
    ("rebels seized Damascus"); a speech-act pattern fits only in a clause one of
    `reporting_verbs` reports ("Kyiv said Moscow broke the truce", not "Moscow broke
    the truce")."""
    best: Trigger | None = None
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    objects = None
    reported = None
    for pattern in lexicon.patterns(lexicon.lemma(verb)):
        if pattern.particle and pattern.particle not in particles:
            continue
        if pattern.speaker:
            if reported is None:
                reported = reporting_speaker(verb, reporting_verbs) is not None
            if not reported:
                continue
        object_token = None
        if pattern.objects:
            objects = object_heads(verb) if objects is None else objects
            object_token = next((o for head in objects for o in conjuncts(head)
                                 if noun_names(o) & pattern.objects
                                 or o.i in places and PLACE_OBJECT in pattern.objects), None)
            if object_token is None:
                continue
        if pattern.prep and not has_prep(verb, object_token, pattern.prep):
            continue
        if best is None or pattern.specificity > best.pattern.specificity:
            best = Trigger(verb, pattern, object_token)
    return best


def has_prep(verb: Token, noun: Token | None, prep: str) -> bool:
    holders = [verb] + ([noun] if noun is not None else [])
    return any(c.lower_ == prep for h in holders for c in h.children
               if c.dep_ in ("prep", "dative", "prt", "agent")) or has_clause_mark(verb, prep)


def verb_triggers(state: SentenceState) -> Iterator[Trigger]:
    """Each word of the sentence that matches a pattern, with a trace line for each
    that could have and did not."""
    places = frozenset(i for m in state.matches if m.entry.kind in ("country", "capital")
                       for i in range(m.start, m.end))
    for token in state.sent:
        if not can_trigger(token):
            continue
        trigger = match(state.lexicon, token, places, state.words["reporting_verbs"])
        if trigger is None:
            known = bool(state.lexicon.patterns(state.lexicon.lemma(token)))
            state.trace.note(f"{token.text!r} (lemma {token.lemma_!r}): "
                             + ("its patterns need an object or preposition not present"
                                if known else "not a trigger in verbs.tsv"))
            continue
        yield trigger

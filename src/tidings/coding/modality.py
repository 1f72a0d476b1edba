"""Stage: modality. A trigger that is negated, hedged or blocked is not coded as done.

"Russia did not condemn", "Israel could strike", "should stop arming Taiwan" are no
events; "Georgia will not seek talks" is a refusal (CAMEO 12x) instead.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .lexicon import NO_EVENT

DEMAND = "100"
from .registry import declined, fired, rules
from .sentence import Candidate, SentenceState, Trigger
from .syntax import governing, has_negation, reporting_speaker, subject_of


def is_negated(verb: Token, words) -> bool:
    """ "did not condemn", "never met", "no longer supplies", "should stop arming"."""
    chain = governing(verb)
    if any(v.lemma_.lower() in words["stopping_verbs"] for v in chain[1:]):
        return True
    return has_negation(chain, words["negations"])


def is_hedged(verb: Token, words) -> bool:
    """ "could strike", "if Israel attacks", "a resolution that would have condemned"."""
    hedges = words["hedges"]
    for v in governing(verb):
        auxiliaries = {c.lower_ for c in v.children if c.dep_ in ("aux", "mark")}
        # "a resolution that would have condemned": counterfactual
        if auxiliaries & hedges or {"would", "have"} <= auxiliaries:
            return True
    return False


def is_future(verb: Token, words) -> bool:
    """ "will visit", "would send": announced, not yet done."""
    future = words["future"]
    return any(c.lower_ in future for v in governing(verb) for c in v.children if c.dep_ == "aux")


def refusal(state: SentenceState, trigger: Trigger) -> Trigger | None:
    """ "Georgia will not seek talks", "Poland will no longer supply weapons": a
    cooperative act announced as not going to happen is a refusal (CAMEO 12x)."""
    pattern = trigger.pattern
    if pattern.frame or pattern.reverse or pattern.cameo == NO_EVENT:
        return None
    words = {c.lower_ for v in governing(trigger.token) for c in v.children
             if c.dep_ in ("aux", "advmod", "neg")}
    if not words & (state.words["future"] | {"wo", "longer"}) or \
            not state.is_class("cooperative", pattern.cameo):
        return None
    code = state.lexicon.frame_code("refuse", pattern.cameo)
    if code is None:
        return None
    return replace(trigger, pattern=replace(pattern, cameo=code, rule=pattern.rule + "+refused"))


# Each rule here decides the trigger's fate when it fires: its value is the trigger to
# code instead (a refusal), or None to code nothing.

@rules.register("modality", "negated")
def negated(state: SentenceState, candidate: Candidate):
    """A negated act is not coded, unless 'will not' makes it a refusal."""
    if not is_negated(candidate.verb, state.words):
        return declined("not negated")
    turned = refusal(state, candidate.trigger)
    if turned is None:
        return fired(None, "negated, not coded")
    return fired(turned, f"'will not' {candidate.trigger.pattern.cameo} is a refusal "
                         f"-> {turned.pattern.cameo}")


@rules.register("modality", "spoken_demand")
def spoken_demand(state: SentenceState, candidate: Candidate):
    """ "Ankara said Washington must drop the sanctions": reported content under
    must/should is the speaker's demand on its subject (10x), not the act."""
    verb, pattern = candidate.verb, candidate.trigger.pattern
    if pattern.frame or pattern.reverse or pattern.speaker or pattern.cameo == NO_EVENT \
            or not any(c.dep_ == "aux" and c.lower_ in state.words["obligation"]
                       for c in verb.children):
        return declined("no must/should")
    speaker, subject = reporting_speaker(verb, state.words["reporting_verbs"]), subject_of(verb)
    if speaker is None or subject is None \
            or subject.lower_ in state.words["person_pronouns"] | {"we", "i", "us"}:
        return declined("not a demand on someone in reported speech")
    code = state.lexicon.frame_code("demand", pattern.cameo) or DEMAND
    demanded = Trigger(candidate.trigger.token,
                       replace(pattern, cameo=code, rule=pattern.rule + "+demanded",
                               speaker=True), candidate.trigger.object_token)
    return fired(demanded, f"{speaker.text!r} demands it of {subject.text!r} -> {code}")


@rules.register("modality", "hedged")
def hedged(state: SentenceState, candidate: Candidate):
    """An act under could/might/may/if/should is not coded (a speech act is what was
    said: "warned that Iran would regret it" is the threat)."""
    if candidate.trigger.pattern.speaker or not is_hedged(candidate.verb, state.words):
        return declined("not hedged")
    return fired(None, "hedged (could/might/may/if), not coded")


@rules.register("modality", "blocked")
def blocked(state: SentenceState, candidate: Candidate):
    """A `---` row of verbs.tsv says this reading is no event ("meet a requirement")."""
    if candidate.trigger.pattern.cameo != NO_EVENT:
        return declined("")
    return fired(None, f"{candidate.trigger.pattern.rule} says this is no event")

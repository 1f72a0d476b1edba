"""Stage: modality. A trigger that is negated, hedged or blocked is not coded as done.

"Russia did not condemn", "Israel could strike", "should stop arming Taiwan", "failed to
reach a deal", "if Iran attacks", "has long opposed" are no events; "Georgia will not
seek talks" and "vowed never to recognise Israel" are refusals (CAMEO 12x), "no longer
supplies weapons" a halt (16x).
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .lexicon import NO_EVENT
from .registry import declined, fired, rules
from .sentence import Candidate, SentenceState, Trigger
from .syntax import SUBJECT_DEPS, governing, has_negation, reporting_speaker, subject_of

DEMAND = "100"
PROMISE_FRAME = "intend"  # "vowed / pledged / promised to ..."


def is_negated(verb: Token, words) -> bool:
    """ "did not condemn", "never met", "no longer supplies", "should stop arming",
    "neither criticised Russia nor supported Ukraine", "neither China nor India condemned"."""
    chain = governing(verb)
    if any(v.lemma_.lower() in words["stopping_verbs"] for v in chain[1:]):
        return True
    negations = words["negations"]
    # "nor" and "neither" hang on the first verb of the pair; they negate the second too
    if verb.dep_ == "conj" and any(c.dep_ in ("cc", "preconj") and c.lower_ in negations
                                   for c in verb.head.children):
        return True
    if any(s.dep_ in SUBJECT_DEPS and any(d.dep_ in ("det", "preconj") and d.lower_ in negations
                                          for d in s.children) for s in verb.children):
        return True
    return has_negation(chain, negations)


def is_hedged(verb: Token, words) -> bool:
    """ "could strike", "if Israel attacks", "a resolution that would have condemned",
    "ought to end"."""
    hedges = words["hedges"]
    for v in governing(verb):
        auxiliaries = {c.lower_ for c in v.children if c.dep_ in ("aux", "mark")}
        # "a resolution that would have condemned": counterfactual
        if auxiliaries & hedges or {"would", "have"} <= auxiliaries:
            return True
        # "Russia ought to end the war": the modal heads the clause, the act is its xcomp
        if v is not verb and v.tag_ == "MD" and v.lower_ in hedges:
            return True
    return False


def is_future(verb: Token, words) -> bool:
    """ "will visit", "would send", "is due to meet": announced, not yet done."""
    future = words["future"]
    chain = governing(verb)
    return any(c.lower_ in future for v in chain for c in v.children if c.dep_ == "aux") \
        or any(v.lemma_.lower() in words["scheduled"] or v.lower_ in words["scheduled"]
               for v in chain[1:])


def has_no_longer(verb: Token) -> bool:
    """ "no longer supplies", "will no longer recognise"."""
    return any(c.dep_ == "advmod" and c.lower_ == "longer"
               and any(g.lower_ == "no" for g in c.children)
               for v in governing(verb) for c in v.children)


def is_promised(state: SentenceState, verb: Token) -> bool:
    """Whether the verb is the infinitive of a promise: "vowed never to recognise"."""
    return verb.dep_ == "xcomp" and any(p.frame == PROMISE_FRAME
                                        for p in state.lexicon.patterns(verb.head.lemma_.lower()))


def recoded(trigger: Trigger, code: str, how: str) -> Trigger:
    return Trigger(trigger.token, replace(trigger.pattern, cameo=code,
                                          rule=trigger.pattern.rule + "+" + how),
                   trigger.object_token)


def turned_down(state: SentenceState, trigger: Trigger) -> Trigger | None:
    """A negated cooperative act that is a refusal or a halt, else None:
    "Georgia will not seek talks", "Iran vowed never to recognise Israel": announced as
    not going to happen, a refusal (12x); "Hungary no longer supplies weapons to Ukraine":
    stopped, a halt (16x; in the future tense a threat of one, 13x)."""
    pattern, verb = trigger.pattern, trigger.token
    if pattern.frame or pattern.reverse or pattern.cameo == NO_EVENT \
            or not state.is_class("cooperative", pattern.cameo):
        return None
    # frames.tsv names the acts whose stopping CAMEO codes (aid, talks, relations); others
    # stopped are refused ("will no longer grant access" 1245)
    halt = state.lexicon.frame_code("halt", pattern.cameo) if has_no_longer(verb) else None
    if halt is not None:
        return None if is_hedged(verb, state.words) else recoded(trigger, halt, "halted")
    words = {c.lower_ for v in governing(verb) for c in v.children
             if c.dep_ in ("aux", "advmod", "neg")}
    if not words & (state.words["future"] | {"wo", "longer"}) and not is_promised(state, verb):
        return None
    code = state.lexicon.frame_code("refuse", pattern.cameo)
    return None if code is None else recoded(trigger, code, "refused")


# Each rule here decides the trigger's fate when it fires: its value is the trigger to
# code instead (a refusal), or None to code nothing.

@rules.register("modality", "negated")
def negated(state: SentenceState, candidate: Candidate):
    """A negated act is not coded, unless 'will not' makes it a refusal or 'no longer' a
    halt."""
    if not is_negated(candidate.verb, state.words):
        return declined("not negated")
    turned = turned_down(state, candidate.trigger)
    if turned is None:
        return fired(None, "negated, not coded")
    return fired(turned, f"negated {candidate.trigger.pattern.cameo} is "
                         f"{turned.pattern.rule.rpartition('+')[2]} -> {turned.pattern.cameo}")


@rules.register("modality", "negative_promise")
def negative_promise(state: SentenceState, candidate: Candidate):
    """ "Iran vowed never to recognise Israel": a promise not to act is no promise; its
    negated infinitive is coded instead, as a refusal."""
    if candidate.trigger.pattern.frame != PROMISE_FRAME or not any(
            c.dep_ == "xcomp" and has_negation([c], state.words["negations"])
            for c in candidate.verb.children):
        return declined("no promise not to act")
    return fired(None, "a promise not to act, coded on its infinitive")


@rules.register("modality", "failed")
def failed(state: SentenceState, candidate: Candidate):
    """ "Israel and Hamas failed to reach a deal", "were unable to agree": an act tried and
    not achieved is not coded."""
    failure = next((v for v in governing(candidate.verb)[1:]
                    if v.lemma_.lower() in state.words["failure_words"]), None)
    if failure is None:
        return declined("not failed")
    return fired(None, f"{failure.text!r}: not achieved, not coded")


@rules.register("modality", "spoken_demand")
def spoken_demand(state: SentenceState, candidate: Candidate):
    """ "Ankara said Washington must drop the sanctions": reported content under
    must/should/ought to is the speaker's demand on its subject (10x), not the act."""
    verb, pattern = candidate.verb, candidate.trigger.pattern
    obligation = state.words["obligation"]
    if pattern.frame or pattern.reverse or pattern.speaker or pattern.cameo == NO_EVENT \
            or not any(c.dep_ == "aux" and c.lower_ in obligation for c in verb.children) \
            and not (verb.dep_ == "xcomp" and verb.head.tag_ == "MD"  # "ought to withdraw"
                     and verb.head.lower_ in obligation):
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
    """An act under could/might/may/if/unless/should is not coded (a speech act is what
    was said: "warned that Iran would regret it" is the threat)."""
    if candidate.trigger.pattern.speaker or not is_hedged(candidate.verb, state.words):
        return declined("not hedged")
    return fired(None, "hedged (could/might/may/if), not coded")


def is_inverted_condition(verb: Token, words) -> bool:
    """ "Were Iran to attack Israel, ...", "Had Russia attacked Poland, ...": a clause
    opened by were/had before its subject is a condition."""
    openers = words["inverted_conditionals"]
    for clause in (verb, verb.head):
        if clause.dep_ != "advcl":
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        opener = clause if clause.lower_ in openers else next(
            (c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.lower_ in openers),
            None)
        if subject is not None and opener is not None and opener.i < subject.i:
            return True
    return False


def is_in_case(verb: Token, words) -> bool:
    """ "In case Iran attacks Israel", "in the event that Iran attacks Israel": the clause
    of "in case" or "in the event" is a condition (not "in any case", "in the event, Russia
    attacked": no clause)."""
    nouns = words["condition_nouns"]
    if verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() in nouns \
            and verb.head.head.lower_ == "in" \
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return True
    # "In case Iran attacks" is parsed with "in case" a bare phrase on the verb
    return any(p.dep_ == "prep" and p.lower_ == "in" and p.i < verb.i and any(
        n.dep_ == "pobj" and n.lemma_.lower() in nouns and not list(n.children)
        for n in p.children) for p in verb.children)


@rules.register("modality", "conditional")
def conditional(state: SentenceState, candidate: Candidate):
    """ "Were Iran to attack Israel", "in the event that Iran attacks": an act in a
    condition is not coded."""
    verb = candidate.verb
    if candidate.trigger.pattern.speaker or not (
            is_inverted_condition(verb, state.words) or is_in_case(verb, state.words)):
        return declined("no condition")
    return fired(None, "a condition, not coded")


@rules.register("modality", "standing_state")
def standing_state(state: SentenceState, candidate: Candidate):
    """ "Turkey has long opposed Kurdish militias", "France has historically supported
    Lebanon": a standing attitude described, not an act reported."""
    # "as long as hostages are held" is a condition, not a standing state
    adverb = next((c for v in governing(candidate.verb) for c in v.children
                   if c.dep_ == "advmod" and c.lower_ in state.words["standing_adverbs"]
                   and not (c.i > 0 and c.doc[c.i - 1].lower_ == "as")), None)
    if adverb is None:
        return declined("no standing adverb")
    return fired(None, f"{adverb.text!r}: a standing state, not coded")


@rules.register("modality", "alleged")
def alleged(state: SentenceState, candidate: Candidate):
    """ "rejected the allegation that separatists had attacked Pakistan", "dismissed claims
    it is buying weapons": the content of a claim is alleged, not reported as done."""
    verb = candidate.verb
    claim = verb.head if verb.dep_ in ("acl", "ccomp", "relcl") else None
    if claim is None or claim.pos_ != "NOUN" or claim.lemma_.lower() not in state.words["claim_nouns"] \
            or verb.dep_ == "relcl" and not any(c.dep_ == "mark" for c in verb.children):
        return declined("not the content of a claim")
    return fired(None, f"the content of {claim.text!r}, alleged: not coded")


@rules.register("modality", "blocked")
def blocked(state: SentenceState, candidate: Candidate):
    """A `---` row of verbs.tsv says this reading is no event ("meet a requirement")."""
    if candidate.trigger.pattern.cameo != NO_EVENT:
        return declined("")
    return fired(None, f"{candidate.trigger.pattern.rule} says this is no event")

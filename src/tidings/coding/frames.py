"""Stages: merging, frames, code shifts. What code each trigger finally gets.

Merging decides which triggers are folded into others ("threatened to strike": the
strike is the threat's complement; "detonated car bombs, killing 100": one attack).
Frames give a frame verb the code of what it governs ("urged Israel to halt" is an
appeal for the halt). Code shifts apply to plain verbs: joint exercises, the future
tense as intent. A protest takes its aim from the demand it carries.
"""
from __future__ import annotations

from .modality import is_future
from .registry import declined, fired, rules
from .sentence import Candidate, SentenceState, Trigger, every_rule, first_rule
from .syntax import INHERITING_DEPS, complement_chain, participle_heads

EXPRESS_ACCORD = "019"
MILITARY_COOPERATION = "062"
REPRESSION = "175"  # "police opened fire on protesters, killing five": one act
PROTEST, DEMAND, APPEAL = "14", "10", "02"
CHANGE_CODES = {"demand": "104", "appeal": "024"}  # frame -> code of the change sought


# -- merging: sentence-level rules, each returning the trigger indices it folds away -----

@rules.register("merging", "frame_complements")
def frame_complements(state: SentenceState, triggers: list[Trigger], folded: set[int]):
    """ "threatened to strike", "demanded that X stop selling arms": what a frame verb
    governs is announced, not done; the frame codes it."""
    frames = {t.token.i for t in triggers if t.pattern.frame}
    folded = {t.token.i for t in triggers
              if any(v.i in frames for v in complement_chain(t.token)[1:])}
    return fired(folded) if folded else declined("no complement of a frame")


@rules.register("merging", "violent_participles")
def violent_participles(state: SentenceState, triggers: list[Trigger], folded: set[int]):
    """ "detonated two car bombs, killing 100 people" is one attack, not two."""
    violent = {t.token.i for t in triggers if state.is_class("violent", t.pattern.cameo)
               or t.pattern.cameo == REPRESSION}
    folded = {t.token.i for t in triggers if t.token.i in violent and t.token.tag_ == "VBG"
              and any(v.i in violent for v in participle_heads(t.token))}
    return fired(folded) if folded else declined("no violent participle after a violent act")


@rules.register("merging", "protest_demands")
def protest_demands(state: SentenceState, triggers: list[Trigger], folded: set[int]):
    """ "protesters marched, demanding her resignation", "protesters demanding her
    resignation blocked highways": the demand is the protest's aim, not its own event."""
    protests = {t.token.i for t in triggers if state.root(t.pattern.cameo) == PROTEST}
    for t in triggers:
        if state.root(t.pattern.cameo) not in (DEMAND, APPEAL) or t.token.i in folded:
            continue
        head = t.token.head
        if t.token.dep_ == "acl" and head.dep_ == "nsubj":
            head = head.head
        elif t.token.dep_ not in INHERITING_DEPS:
            continue
        if head.i in protests:
            state.demands[head.i] = t
    found = {t.token.i for t in state.demands.values()}
    return fired(found) if found else declined("no demand carried by a protest")


# -- frames: the first that fires gives the code of a frame verb ------------------------

def complement_of(trigger: Trigger, triggers: list[Trigger]) -> Trigger | None:
    """The nearest trigger the frame verb of `trigger` governs."""
    verb = trigger.token
    governed = []
    for other in triggers:
        chain = complement_chain(other.token)
        if other is not trigger and verb in chain:
            governed.append((chain.index(verb), other))
    return min(governed, key=lambda pair: pair[0])[1] if governed else None


@rules.register("frames", "agree_that")
def agree_that(state: SentenceState, candidate: Candidate):
    """ "agreed that the Charter must be observed": accord on a statement (019), not a
    promise."""
    verb, pattern = candidate.verb, candidate.trigger.pattern
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    if pattern.frame != "agree" or clause is None or clause.dep_ != "ccomp" or not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in state.words["pronouns"]
            for c in clause.children):
        return declined("not 'agreed that' with a named subject")
    candidate.code, candidate.target_trigger = EXPRESS_ACCORD, candidate.trigger
    return fired(EXPRESS_ACCORD)


@rules.register("frames", "change_sought")
def change_sought(state: SentenceState, candidate: Candidate):
    """ "demanded that she step down": CAMEO numbers the change sought (0831 leadership,
    0832 policy, 0833 rights, 0834 institutions) alike in appeals (024x) and demands
    (104x)."""
    frame = candidate.trigger.pattern.frame
    complement = candidate.complement
    if complement is None or frame not in CHANGE_CODES \
            or not complement.pattern.cameo.startswith("083"):
        return declined("no change sought")
    changed = CHANGE_CODES[frame] + complement.pattern.cameo[3:]
    if changed not in state.codes:
        return declined(f"{changed} is no CAMEO code")
    candidate.code, candidate.target_trigger = changed, complement
    return fired(changed)


@rules.register("frames", "complement_code")
def complement_code(state: SentenceState, candidate: Candidate):
    """A frame verb takes the code frames.tsv gives it for its complement's code or root
    ("threatened to strike": 138; "threatened to impose a curfew": 1323)."""
    pattern = candidate.trigger.pattern
    complement = candidate.complement
    if complement is None:
        return declined("no coded complement")
    candidate.code = state.lexicon.frame_code(pattern.frame, complement.pattern.cameo) \
        or pattern.cameo
    candidate.target_trigger = complement
    return fired(candidate.code, f"complement {complement.token.text!r}")


# -- code shifts and protest aims: every rule applies in turn ---------------------------

@rules.register("code_shifts", "joint_exercise")
def joint_exercise(state: SentenceState, candidate: Candidate):
    """CAMEO 062 names joint military exercises: "held joint drills" is cooperation."""
    noun = candidate.trigger.object_token
    if state.root(candidate.code) != "15" or noun is None or not any(
            c.lower_ in state.words["joint"] for c in noun.children):
        return declined("not a joint military act")
    candidate.code = MILITARY_COOPERATION
    return fired(MILITARY_COOPERATION)


@rules.register("code_shifts", "future_intent")
def future_intent(state: SentenceState, candidate: Candidate):
    """ "will visit", "would send": the future tense announces an intent (03x), except
    where the act is itself a statement, appeal, agreement or threat."""
    if not is_future(candidate.verb, state.words):
        return declined("not in the future tense")
    if state.is_class("future_exempt", candidate.code):
        return declined("a statement or appeal in the future is still one")
    candidate.code = state.lexicon.frame_code("intend", candidate.code) or candidate.code
    return fired(candidate.code)


@rules.register("protest_aims", "protest_aim")
def protest_aim(state: SentenceState, candidate: Candidate):
    """CAMEO numbers a protest's aim like the demand's (or appeal's): 1041 or 0241
    leadership change gives 1411 (demonstrate), 1441 (block), 1451 (riot) for it."""
    if candidate.aim is None or candidate.aim is candidate.trigger:
        return declined("no demand carried")
    protest, demand = candidate.code, candidate.aim_code
    base = protest[:3] if protest[:3] != "140" else "141"
    leaf = base + demand[3:4] if state.is_class("change_demand", demand) and len(demand) == 4 \
        else base
    candidate.code = leaf if leaf in state.codes else base
    return fired(candidate.code, f"aim {candidate.aim.token.text!r}")


def final_code(state: SentenceState, candidate: Candidate) -> None:
    """Set the candidate's code and the trigger whose arguments give its target."""
    pattern = candidate.trigger.pattern
    candidate.code, candidate.target_trigger = pattern.cameo, candidate.trigger
    if pattern.frame:
        candidate.complement = complement_of(candidate.trigger, state.triggers)
        first_rule("frames", state, candidate)
    else:
        every_rule("code_shifts", state, candidate)
    every_rule("protest_aims", state, candidate)


"""Stage: sources. Who does the act.

The verb's subject (or the `by` agent of a passive, or the subject a participle or
conjoined clause inherits) first; the other rules repair what the parse or the
sentence leaves out. The first rule that names a source decides.
"""
from __future__ import annotations

from ..actors.resolver import actor_code
from ..enrich.places import event_place
from ..model import Actor, Provenance
from .arguments import actors, referred
from .registry import declined, fired, rules
from .sentence import Candidate, SentenceState, first_rule
from .syntax import is_passive, prep_objects, reporting_speaker, subject_of


@rules.register("sources", "speaker")
def speaker(state: SentenceState, candidate: Candidate):
    """A speech act ("said Y must withdraw", "warned Y would regret it") is done by the
    one who reports the clause; outside reported speech it is nobody's."""
    if not candidate.trigger.pattern.speaker:
        return declined("not a speech act")
    head = reporting_speaker(candidate.verb, state.words["reporting_verbs"])
    found = actors(state, [head]) if head is not None else []
    return fired(found, "the speaker") if found else fired([], "no speaker named")


@rules.register("sources", "subject")
def subject(state: SentenceState, candidate: Candidate):
    """The subject of the verb; a situation ("the conflict has killed") is no agent."""
    head = candidate.subject
    if head is None:
        return declined("no subject or agent")
    if head.lemma_.lower() in state.words["situations"]:
        return declined(f"{head.text!r} is a situation, not an agent")
    verb = candidate.verb
    # a misparse can give a verb two subjects ("The UAE, Algeria and Iraq have ...")
    heads = [head] + [c for c in verb.children if c.dep_ == "nsubj" and c.i != head.i
                      and head.head.i == verb.i]
    found = actors(state, heads)
    return fired(found) if found else declined(f"subject {head.text!r} is not a known actor")


@rules.register("sources", "misparsed_subject")
def misparsed_subject(state: SentenceState, candidate: Candidate):
    """A main verb without a subject is usually a parse error: take the nearest actor
    phrase before it that is not a prepositional object (often an apposition)."""
    verb = candidate.verb
    if candidate.subject is not None or verb.dep_ != "ROOT" or is_passive(verb):
        return declined("not a subjectless main verb")
    # a headline verb parsed like a noun ("Venezuela's opposition rejects ...") keeps
    # its subject as a modifier
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        if token.pos_ in ("PROPN", "NOUN") and (
                token.dep_ in ("appos", "dep", "npadvmod", "ROOT", "nsubj")
                or token.dep_ in ("compound", "poss") and token.head.i == verb.i):
            found = actors(state, [token])
            if found:
                for actor in found:
                    actor.provenance = actor.provenance.then("misparse")
                return fired(found, f"{token.text!r} before the verb")
    return declined("no actor before the verb")


@rules.register("sources", "passive_authority")
def passive_authority(state: SentenceState, candidate: Candidate):
    """ "More than 100 people were detained": by the police of the place it happened,
    else of the country the story is about."""
    verb = candidate.verb
    if candidate.subject is not None or not is_passive(verb) \
            or not state.is_class("detention", candidate.code):
        return declined("not an agentless detention")
    place = event_place(verb, state.matches)
    country = place["country"] if place and place["country"] else state.memory.main_country()
    if not country or country.startswith("IGO"):
        return declined("no place or story country")
    start = verb.idx - verb.sent.start_char
    return fired([Actor(verb.text, actor_code(country, "COP"), country, "COP", None, start,
                        start + len(verb.text),
                        Provenance("passive-authority", steps=("context-country",)))])


@rules.register("sources", "reporting_forces")
def reporting_forces(state: SentenceState, candidate: Candidate):
    """ "Al-Rufay'i was killed in an airstrike, U.S. Central Command said": an agentless
    operation reported by security forces (army, police, intelligence) is theirs."""
    verb = candidate.verb
    if candidate.subject is not None or not is_passive(verb) \
            or not state.is_class("operations", candidate.code):
        return declined("not an agentless operation")
    head = reporting_speaker(verb, state.words["reporting_verbs"])
    found = [a for a in (actors(state, [head]) if head is not None else [])
             if a.sector in state.words["security_sectors"]]
    return fired(found, "the forces that report it") if found \
        else declined("not reported by security forces")


@rules.register("sources", "fighting_side")
def fighting_side(state: SentenceState, candidate: Candidate):
    """ "Two militants were killed in a gun battle with police": an agentless killing in
    a fight is by the side the fight was with; "killed in an Israeli airstrike", by the
    owner of the strike."""
    verb = candidate.verb
    if candidate.subject is not None or not is_passive(verb) \
            or not state.is_class("violent", candidate.code):
        return declined("not an agentless violent act")
    fights = [pobj for prep in verb.children if prep.dep_ == "prep"
              and prep.lower_ in ("in", "during") for pobj in prep.children
              if pobj.dep_ == "pobj" and pobj.lemma_.lower() in state.words["combat_nouns"]]
    for fight in fights:
        found = actors(state, prep_objects(fight, "with")) or actors(state, [fight])
        if found:
            return fired(found, f"the side of the {fight.text}")
    return declined("no fight with a named side")


@rules.register("sources", "deal_parties")
def deal_parties(state: SentenceState, candidate: Candidate):
    """ "the agreement was signed in Pretoria": by the sides of the latest deal."""
    verb = candidate.verb
    if candidate.subject is not None or not is_passive(verb) \
            or not state.is_class("joint_acts", candidate.code):
        return declined("not an agentless joint act")
    deal = next((c for c in verb.children if c.dep_ == "nsubjpass"), verb)
    provenance = Provenance("event-reference", "parties")
    found = [referred(a, deal, provenance, deal.left_edge)
             for a in state.memory.last_parties(state.classes["agreement"]) or []]
    return fired(found) if found else declined("no earlier deal")


@rules.register("sources", "misattached_speaker")
def misattached_speaker(state: SentenceState, candidate: Candidate):
    """ "X said the results were fraudulent and called on the army to ...": a verb
    joined to a reported clause whose subject names nobody belongs to the speaker."""
    verb, head = candidate.verb, candidate.subject
    if head is None:
        return declined("no subject")
    clause = verb.head
    if verb.dep_ != "conj" or clause.dep_ != "ccomp" or head.pos_ != "NOUN" or any(
            m.start <= t.i < m.end for t in head.subtree for m in state.matches):
        return declined("not a verb joined to a reported clause")
    speaker = subject_of(clause.head)
    found = actors(state, [speaker]) if speaker is not None else []
    return fired(found, "the speaker") if found else declined("no speaker")


@rules.register("sources", "act_owner")
def act_owner(state: SentenceState, candidate: Candidate):
    """ "China conducted drills encircling Taiwan", "Russia launched strikes targeting
    the grid": a participle on the object of a verb is done by that verb's subject."""
    verb, head = candidate.verb, candidate.subject
    if head is None or verb.dep_ != "acl" or head.i != verb.head.i \
            or head.dep_ not in ("dobj", "obj") or head.head.pos_ != "VERB" \
            or verb.tag_ != "VBG":
        # "signed agreements to establish relations": an infinitive is what was agreed
        return declined("not a participle on a verb's object")
    owner = subject_of(head.head)
    found = actors(state, [owner]) if owner is not None else []
    return fired(found, f"the subject of {head.head.text!r}") if found \
        else declined("the object's verb has no actor as subject")


def find_sources(state: SentenceState, candidate: Candidate) -> list[Actor]:
    """The sources of the candidate, by the first source rule that fires."""
    candidate.subject = subject_of(candidate.verb)
    outcome = first_rule("sources", state, candidate)
    return outcome.value if outcome else []

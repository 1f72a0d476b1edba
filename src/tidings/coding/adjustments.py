"""Stage: adjustments. Final changes once both sides are known; every rule applies in
turn: "protesters stormed the airport" is a riot, not war; "demanded Navalny's release"
is addressed to whoever holds him.
"""
from __future__ import annotations

from ..actors.resolver import actor_code
from ..enrich.places import event_place
from ..model import Actor, Provenance
from .arguments import is_guess
from .registry import declined, fired, rules
from .sentence import Candidate, SentenceState

RIOT = "145"
CONVENTIONAL_FORCE, UNCONVENTIONAL_VIOLENCE = "190", "180"
MILITARY_COOPERATION = "062"


@rules.register("adjustments", "victims_of_place")
def victims_of_place(state: SentenceState, candidate: Candidate):
    """ "Israeli strikes killed 19 people in Gaza": unnamed victims are of the place."""
    if not state.is_class("violent", candidate.code):
        return declined("not violence")
    place = event_place(candidate.verb, state.matches)
    if not place or not place["country"]:
        return declined("no place named")
    moved = [t for t in candidate.targets if is_guess(t) and t.sector]
    for target in moved:
        target.country = place["country"]
        target.code = actor_code(target.country, target.sector)
    return fired(place["country"]) if moved else declined("no unnamed victims")


@rules.register("adjustments", "captor")
def captor(state: SentenceState, candidate: Candidate):
    """ "demanded Navalny's release" is addressed to whoever holds him, if the article
    said who detained or abducted him."""
    if not state.is_class("release_demand", candidate.code):
        return declined("not a demand for someone's release")
    changed = False
    targets = []
    for held in candidate.targets:
        source = state.memory.last_captor(held, state.classes["capture"])
        if source is None:
            targets.append(held)
            continue
        changed = True
        targets.append(Actor(held.text, source.code, source.country, source.sector, source.name,
                             held.start, held.end, Provenance("event-reference", "captor")))
    candidate.targets = targets
    return fired() if changed else declined("no captor known")


@rules.register("adjustments", "coerced_countrymen")
def coerced_countrymen(state: SentenceState, candidate: Candidate):
    """ "police in Dhaka arrested opposition activists": whom a stated authority coerces
    is, unless stated, of its own country."""
    if state.root(candidate.code) != "17":
        return declined("not coercion")
    known = {a.country for a in candidate.sources if a.country and not is_guess(a)}
    if len(known) != 1:
        return declined("the sources state no single country")
    country = known.pop()
    moved = [a for a in candidate.targets
             if is_guess(a) and a.sector and not country.startswith("IGO")]
    for actor in moved:
        actor.country, actor.code = country, actor_code(country, actor.sector)
    return fired(country) if moved else declined("no target with a guessed country")


@rules.register("adjustments", "riot")
def riot(state: SentenceState, candidate: Candidate):
    """ "protesters stormed the airport": an assault by protesters is a violent protest."""
    if not state.is_class("assault", candidate.code) or \
            not all(a.sector == "OPP" for a in candidate.sources):
        return declined("not an assault by protesters")
    candidate.code = RIOT
    return fired(RIOT)


@rules.register("adjustments", "unconventional_violence")
def unconventional_violence(state: SentenceState, candidate: Candidate):
    """ "Gunmen stormed a hotel, killing five people": irregular forces attacking civilians
    use unconventional violence (180), not conventional military force (190)."""
    if candidate.code != CONVENTIONAL_FORCE or not candidate.sources or not candidate.targets \
            or not all(a.sector in state.words["irregular_forces"] for a in candidate.sources) \
            or not all(a.sector in state.words["civilian_sectors"] for a in candidate.targets):
        return declined("not irregular forces against civilians")
    candidate.code = UNCONVENTIONAL_VIOLENCE
    return fired(UNCONVENTIONAL_VIOLENCE)


@rules.register("adjustments", "military_backing")
def military_backing(state: SentenceState, candidate: Candidate):
    """ "Somali soldiers backed by African Union troops": support from forces to forces is
    military cooperation (062), not praise."""
    if state.root(candidate.code) != "05" or not candidate.sources or not candidate.targets \
            or not all(a.sector in state.words["security_sectors"]
                       for a in candidate.sources + candidate.targets):
        return declined("not support between forces")
    candidate.code = MILITARY_COOPERATION
    return fired(MILITARY_COOPERATION)


@rules.register("adjustments", "own_population")
def own_population(state: SentenceState, candidate: Candidate):
    """ "declared martial law", "imposed a curfew": on the country's own people."""
    if candidate.targets or not state.is_class("population", candidate.code):
        return declined("not a restriction without a target")
    verb = candidate.verb
    start = verb.idx - verb.sent.start_char
    candidate.targets = [Actor(verb.text, actor_code(a.country, "CVL"), a.country, "CVL", None,
                               start, start + len(verb.text), Provenance("population"))
                         for a in candidate.sources[:1]
                         if a.country and not a.country.startswith("IGO")]
    candidate.fallback = True
    return fired()

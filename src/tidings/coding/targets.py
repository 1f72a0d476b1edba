"""Stage: targets. Whom the act is done to.

The rules run in the order `stages.py` declares, and the first that names a target
decides: the pattern's own argument, then references to earlier acts and actors.
A target from a weaker rule (`fallback`) lowers the event's confidence.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..actors.resolver import actor_code
from ..enrich.places import event_place
from ..model import Actor, Provenance
from .arguments import act_objects, actors, event_reference, is_guess, names_harm, referred
from .registry import declined, fired, rules
from .sentence import Candidate, SentenceState, Trigger, apply_rules
from .syntax import (by_phrase, complement_chain, coordination, is_passive, prep_objects,
                     subject_of)

DENY, CLAIM, MEDIATE = "016", "015", "045"
MILITARY_COOPERATION = "062"
# Frames whose object is the target: "urged Israel to halt", "invited Netanyahu to visit"
OBJECT_FRAMES = ("demand", "appeal", "invite", "threaten")
APPEAL_ROOTS = ("02", "10")  # appeals and demands
POSTURE = "15"  # military posture: mobilising, massing, moving forces


def candidate_heads(state: SentenceState, trigger: Trigger) -> Iterator[tuple[list[Token], bool]]:
    """Groups of possible target heads, best first, each with whether it is a fallback."""
    verb, pattern, noun = trigger.token, trigger.pattern, trigger.object_token
    holders = [verb] + (coordination(noun) if noun is not None else [])
    if noun is not None:
        # "delivered the first of 31 tanks to Ukraine": nouns between verb and object
        up = noun.head
        while up.i != verb.i and up.i != up.head.i and len(holders) < 8:
            holders.append(up)
            up = up.head
    target_preps = state.words.in_order("target_preps")
    if pattern.prep:
        yield [t for h in holders for t in prep_objects(h, pattern.prep)], False
    if is_passive(verb) and not pattern.objects:
        yield [c for c in verb.children if c.dep_ == "nsubjpass"], False
    if verb.dep_ == "acl" and by_phrase(verb) is not None and verb.head.pos_ in ("NOUN", "PROPN"):
        # "Somali soldiers backed by African Union troops": the noun is the one backed
        yield [verb.head], False
    if not pattern.objects:
        yield [c for c in verb.children if c.dep_ in ("dobj", "obj")], False
        yield shared_objects(state, trigger), False
    if pattern.frame:
        # "agreed to include Bolsonaro", "ready to work with Turkey": the uncoded
        # complement names the target
        for complement in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
            yield [c for c in complement.children if c.dep_ in ("dobj", "obj")], False
            yield [t for t in prep_objects(complement, target_preps)], True
    if noun is not None and pattern.objects:
        # "asked Moscow for military assistance": the object noun sits in a PP
        yield [c for c in verb.children if c.dep_ in ("dobj", "obj")
               and c.i not in {t.i for t in coordination(noun)}] + \
            [c for c in noun.children if c.dep_ in ("nsubj", "compound")
             and noun.pos_ == "ADJ"], False
    # "deported them to the United States": a destination, not a target; but troops
    # moved toward a country threaten it ("sent troops toward Kyiv", 15x)
    forceful = pattern.cameo in state.codes and state.is_class("force", pattern.cameo) \
        and state.root(pattern.cameo) != POSTURE
    for prep in target_preps:
        if prep in state.words["destination_preps"] and forceful:
            continue
        yield [t for h in reversed(holders) for t in prep_objects(h, prep)
               if t.lemma_.lower() != "behalf"], True
    # "called for an end to the violence in Syria": an appeal or demand to stop what
    # happens in a country goes to its government
    if state.root(pattern.cameo) in APPEAL_ROOTS:
        asked = [noun] if noun is not None else prep_objects(verb, pattern.prep or ())
        situations = state.words["situations"]
        yield [t for a in asked if any(d.lemma_.lower() in situations for d in a.subtree)
               for d in a.subtree for t in prep_objects(d, "in")], True
    # "signed agreements to establish relations with X": a partner deeper in the object;
    # "launched its largest air attacks of the war on Ukraine": who it was on or for (not
    # when judging a harm: "condemned the attack on Moscow" blames its author)
    # (for a pattern without object words, in the verb's own object: "vetoed a package ...")
    held = noun if noun is not None else next(
        (c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if held is not None:
        judging = state.is_class("blame", pattern.cameo) and \
            not state.is_class("violent", pattern.cameo)
        yield [t for d in held.subtree if d.i != held.i
               for t in prep_objects(d, ("with", "to", "against") if judging and names_harm(
                   state, d) else ("with", "to", "against", "for", "on"))], True
    # "expelled a senior Canadian diplomat": the object noun itself names the target
    # (not when the verb is the noun's own relative clause: "a charge Tehran rejected")
    if noun is not None and not (verb.dep_ == "relcl" and verb.head.i == noun.i):
        yield [noun], True
    # "X reached out to Y, offering condolences": the clause shares its head's target
    if verb.dep_ in ("advcl", "conj") and verb.head.pos_ == "VERB":
        yield ([c for c in verb.head.children if c.dep_ in ("dobj", "obj")]
               + prep_objects(verb.head, ("to", "with"))), True
    # "In a telephone conversation with X, Y expressed ..."
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "through", "via"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if pobj.lemma_.lower() in state.words["contact_nouns"]:
                    yield prep_objects(pobj, ("with", "to")), True


def shared_objects(state: SentenceState, trigger: Trigger) -> list[Token]:
    """ "Turkey condemned and rejected the decision": a verb without an object shares
    that of the verb joined to it (not one violent act told twice: "shot and killed")."""
    verb = trigger.token
    if any(c.dep_ in ("dobj", "obj", "ccomp", "xcomp") for c in verb.children):
        return []
    violent = state.is_class("violent", trigger.pattern.cameo)
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
        other = next((t for t in state.triggers if t.token.i == conj.i), None)
        if violent and other is not None and state.is_class("violent", other.pattern.cameo):
            continue
        return [c for c in conj.children if c.dep_ in ("dobj", "obj")]
    return []


def clause_targets(state: SentenceState, trigger: Trigger, victims: bool = False,
                   exclude: frozenset[str] = frozenset(), own: frozenset[str] = frozenset()
                   ) -> tuple[list, bool]:
    """The first candidate group that names actors ("expressed his condolences": a
    possessive naming a source, `own`, is no target)."""
    noun, stated_checked = trigger.object_token, False
    possessive = state.words["possessive_pronouns"]
    for heads, fallback in candidate_heads(state, trigger):
        if fallback and not stated_checked and noun is not None and trigger.pattern.objects:
            # "expelled a Canadian diplomat over the killing of ...": an object noun that
            # states its own country beats any guess from a prepositional phrase
            stated_checked = True
            stated = [a for a in actors(state, [noun], victims, exclude, own)
                      if not is_guess(a) and a.code not in own]
            if stated and not (trigger.token.dep_ == "relcl" and trigger.token.head.i == noun.i):
                return stated, True
        found = actors(state, heads, victims, exclude, own) if heads else []
        if heads == [noun] and fallback and state.is_class("instrument", trigger.pattern.cameo):
            # "sent 10,000 troops", "sent rescuers": one's own people are what is sent,
            # whatever country the story would lend them
            found = [a for a in found if a.country not in exclude and not is_guess(a)]
        found = [a for a in found if a.code not in own or a.text.lower() not in possessive]
        if found:
            return found, fallback
    return [], False


class Arguments:
    """What the target rules of one candidate share: the trigger whose arguments name
    the target, the code, and the sources' countries and codes (computed once)."""

    def __init__(self, state: SentenceState, candidate: Candidate, trigger: Trigger,
                 target_trigger: Trigger, code: str):
        self.state, self.candidate = state, candidate
        self.trigger, self.target_trigger, self.code = trigger, target_trigger, code
        self.sources = candidate.sources
        self.acting = frozenset(a.country for a in self.sources if a.country)
        self.own = frozenset(a.code for a in self.sources)
        self._clause = None

    @property
    def verb(self) -> Token:
        return self.trigger.token

    @property
    def anchor(self) -> Token:
        return self.trigger.object_token or self.trigger.token

    def clause(self) -> tuple[list, bool]:
        """The clause's own targets (see `clause_targets`), computed once."""
        if self._clause is None:
            self._clause = clause_targets(self.state, self.target_trigger, exclude=self.acting,
                                          own=self.own)
        return self._clause


def find_targets(state: SentenceState, candidate: Candidate, trigger: Trigger,
                 target_trigger: Trigger, code: str) -> tuple[list, bool]:
    """The targets of `trigger` coded as `code`, by the first target rule that fires."""
    args = Arguments(state, candidate, trigger, target_trigger, code)
    outcome = apply_rules("targets", state, candidate, args, first=True)
    return outcome.value if outcome else ([], False)


@rules.register("targets", "spoken_about")
def spoken_about(args: Arguments):
    """A speech act's target is the subject of the clause said ("said Washington must
    drop the sanctions": Washington)."""
    if not args.trigger.pattern.speaker:
        return declined("not a speech act")
    subject = subject_of(args.verb)
    found = [a for a in actors(args.state, [subject]) if a.code not in args.own] \
        if subject is not None else []
    return fired((found, False)) if found else fired(([], False), "no one it is said of")


@rules.register("targets", "exercise_partners")
def exercise_partners(args: Arguments):
    """Joint exercises (062 made from a 15x verb): the partner is named by "with"; the
    place the drills are held is no target. Decides even when no partner is named."""
    if args.code != MILITARY_COOPERATION or args.trigger.pattern.cameo == args.code:
        return declined("not joint exercises")
    partners = [t for h in (args.verb, args.trigger.object_token) if h is not None
                for t in prep_objects(h, "with")]
    return fired((actors(args.state, partners), False), "partners named by 'with'")


@rules.register("targets", "mediated_parties")
def mediated_parties(args: Arguments):
    """A mediator acts on the parties it brings together: "talks between A and B", the
    subjects of the clause the mediated deal belongs to, else the sides of the latest
    agreement, else the last two actors named."""
    if args.code != MEDIATE:
        return declined("not mediation")
    state, verb, noun = args.state, args.verb, args.trigger.object_token
    deal = verb.head if verb.dep_ == "acl" else noun or next(
        (c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "obj")), None)
    holders = [verb] + ([deal] if deal is not None else [])
    found = actors(state, [t for h in holders for t in prep_objects(h, "between")])
    if not found and deal is not None:
        up, steps = deal.head, 0
        while up.pos_ not in ("VERB", "AUX") and up.i != up.head.i and steps < 3:
            up, steps = up.head, steps + 1
        if up.i not in (deal.i, verb.i) and up.pos_ in ("VERB", "AUX"):
            subject = subject_of(up)
            found = actors(state, [subject]) if subject is not None else []
    if not found:
        found = state.memory.last_parties(state.classes["agreement"]) or \
            state.memory.last_pair() or []
    parties = [a for a in found if a.code not in args.own]
    return fired((parties, True), "the mediated parties") if parties \
        else declined("no parties found")


@rules.register("targets", "frame_object")
def frame_object(args: Arguments):
    """ "urged Israel to halt" names the target as object; "demanded that Ukraine
    withdraw" as the subject of the complement clause (never the speaker's own side:
    "Netanyahu warned that Israel would strike")."""
    pattern, verb = args.trigger.pattern, args.verb
    if pattern.frame not in OBJECT_FRAMES:
        return declined("not an urging, demanding, inviting or threatening frame")
    if args.target_trigger is not args.trigger:
        # the subject may sit on a verb between: "demanded that the U.S. stop selling"
        direct = [c for c in verb.children if c.dep_ in ("dobj", "obj")] or (
            prep_objects(verb, pattern.prep) if pattern.prep else []) or next(
            (subjects for subjects in ([c for c in v.children if c.dep_ == "nsubj"]
                                       for v in complement_chain(args.target_trigger.token)
                                       if v.i != verb.i) if subjects), [])
    else:
        # "demanded that the United States stop selling arms"
        direct = [c for v in verb.children if v.dep_ == "ccomp"
                  for c in v.children if c.dep_ == "nsubj"]
    targets = [a for a in actors(args.state, direct) if a.code not in args.own] if direct else []
    return fired((targets, False)) if targets else declined("no object or complement subject")


@rules.register("targets", "denial_answers_accuser")
def denial_answers_accuser(args: Arguments):
    """ "Moscow denied the claim": the denial answers whoever accused it."""
    if args.code != DENY:
        return declined("not a denial")
    recent = [(e.source, e.target, e.cameo_root) for e in args.state.events]
    accuser = args.state.memory.last_accuser(args.sources[0], recent)
    if accuser is None:
        return declined("no accuser before")
    return fired(([referred(accuser, args.anchor, Provenance("event-reference", "accuser"))],
                  True), "the latest accuser")


@rules.register("targets", "clause_argument")
def clause_argument(args: Arguments):
    """The pattern's own argument: its preposition's object, the direct object."""
    targets, fallback = args.clause()
    if targets and not fallback:
        return fired((targets, False))
    return declined("no direct argument")


@rules.register("targets", "referred_act")
def referred_act(args: Arguments):
    """ "calling the strike an aggression": an act named as the object points to its
    author before any weaker guess does."""
    found = event_reference(args.state, args.target_trigger, args.sources[0], args.code)
    return fired((found, True), "the author of the act referred to") if found \
        else declined("no earlier act referred to")


@rules.register("targets", "clause_fallback")
def clause_fallback(args: Arguments):
    """A weaker argument of the clause: any target preposition, the object noun itself."""
    targets, fallback = args.clause()
    return fired((targets, fallback)) if targets else declined("none in the clause")


@rules.register("targets", "victims")
def victims(args: Arguments):
    """Sympathy for the victims of a harm whose author is unknown: "offered condolences
    over the attack on Moscow" is for Russia. Blame for a harm is for its author alone:
    "condemned the attack on Moscow", its author unknown, has no target (but "vetoed the
    resolution on Syria" is about Syria)."""
    state = args.state
    if state.is_class("blame", args.code) and any(
            names_harm(state, o) for o in act_objects(state, args.target_trigger)):
        return declined("blame for a harm is for its author, not its victims")
    targets, fallback = clause_targets(state, args.target_trigger, victims=True,
                                       exclude=args.acting, own=args.own)
    return fired((targets, fallback)) if targets else declined("no victims named")


# ("a police station" needs no list: "police" in the phrase names its people)
PLACE_SECTORS = (("civilian_places", "CVL"), ("military_places", "MIL"))


@rules.register("targets", "struck_place")
def struck_place(args: Arguments):
    """ "Rebels attacked ten villages", "gunmen stormed a hotel": an attack on a place
    that names no actor strikes the people there, of the place named or else of the
    story's country (a military base: its army)."""
    state, trigger = args.state, args.target_trigger
    if not state.is_class("violent", args.code):
        return declined("not violence")
    verb = trigger.token
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")] or \
        ([c for c in verb.children if c.dep_ == "nsubjpass"] if is_passive(verb) else [])
    for noun in objects:
        lemma = noun.lemma_.lower()
        sector = next((sector for name, sector in PLACE_SECTORS
                       if lemma in state.words[name]), None)
        if sector is None:
            continue
        place = event_place(verb, state.matches)
        country = place["country"] if place and place["country"] else \
            state.memory.main_country()
        if not country or country.startswith("IGO"):
            return declined("no place or story country")
        phrase = verb.doc[noun.left_edge.i:noun.i + 1]
        start = phrase.start_char - verb.sent.start_char
        return fired(([Actor(phrase.text, actor_code(country, sector), country, sector, None,
                             start, start + len(phrase.text),
                             Provenance("struck-place", lemma, steps=("context-country",)))],
                      True), f"the people of {noun.text!r}")
    return declined("no struck place")


@rules.register("targets", "claimed_attack")
def claimed_attack(args: Arguments):
    """ "the group claimed responsibility": for an attack on whoever it last struck."""
    if args.code != CLAIM:
        return declined("not a claim")
    victim = args.state.memory.last_victim(args.state.classes["violent"], args.sources[0])
    if victim is None:
        return declined("no earlier attack")
    return fired(([referred(victim, args.anchor, Provenance("event-reference", "victim"))],
                  True), "the victim of the latest attack")


@rules.register("targets", "denial_addressee")
def denial_addressee(args: Arguments):
    """ "Russia massed troops ... Moscow denies planning an attack": with no accuser
    named, a denial is addressed to the one its author's latest act concerned."""
    if args.code != DENY:
        return declined("not a denial")
    addressee = args.state.memory.last_target_of(args.sources[0])
    if addressee is None:
        return declined("no earlier act by the denier")
    return fired(([referred(addressee, args.anchor,
                            Provenance("event-reference", "addressee"))], True))

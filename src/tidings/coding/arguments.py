"""Noun phrases -> actors, for sources and targets alike.

A head resolves through the actor resolver; when it names no actor itself, the
phrase is searched (modifiers, `of`/`by` objects, "between" sides), and references
back to earlier actors are followed: "the two sides", "the three countries",
"condemned the attack" (its author).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..actors.matching import Match
from ..actors.memory import Learned, Making, MemoryReads
from ..actors.resolver import actor_code
from ..model import Actor, Provenance
from .sentence import SentenceState, Trigger
from .syntax import conjuncts, prep_objects, subject_of

if TYPE_CHECKING:
    from .pipeline import EventCoder

COUNTRY_MATCHES = ("country", "demonym", "capital")
NO_ACT = "-"  # event_nouns.tsv roots of laws and rulings: no act codes them, only a maker
CAMEO_ROOTS = frozenset(f"{root:02d}" for root in range(1, 21))


def is_guess(actor: Actor) -> bool:
    """The actor's country was guessed from the story, not read in the phrase."""
    return actor.provenance is not None and actor.provenance.guessed_country


def resolve(state: SentenceState, token: Token) -> Actor | None:
    return state.coder.resolver.resolve(token, state.matches, state.memory, state.learned)


def event_roots(state: SentenceState, noun: Token) -> frozenset[str] | None:
    """CAMEO roots of the earlier act a noun refers to ("attack" -> 18/19/20), if any."""
    return noun_roots(state.lexicon.event_nouns, noun)


def noun_roots(nouns: dict[str, frozenset[str]], noun: Token) -> frozenset[str] | None:
    return nouns.get(noun.lower_) or nouns.get(noun.lemma_.lower())


def names_harm(state: SentenceState, noun: Token) -> bool:
    """The noun names an act that harms someone ("the killing", "his detention")."""
    return bool((event_roots(state, noun) or set()) & state.classes["harm"])


def makings(coder: EventCoder, sent: Span, matches: list[Match], memory: MemoryReads,
            learned: Learned) -> list[Making]:
    """Who made each event noun of a sentence, for a later "the new law", "the decision"
    (`event_reference`): the subject of a making verb ("Hungary's parliament passed a
    law", "a deal brokered by Turkey") or the owner ("Russia's decision to withdraw"; not
    of a harm, whose owner is its victim: "Navalny's detention")."""
    nouns, making_verbs = coder.lexicon.event_nouns, coder.words["making_verbs"]
    harm, possessive = coder.classes["harm"], coder.words["possessive_pronouns"]
    found: list[Making] = []
    for noun in sent:
        roots = noun_roots(nouns, noun) if noun.pos_ == "NOUN" else None
        if not roots:
            continue
        verb = noun.head if noun.dep_ in ("dobj", "obj", "nsubjpass") else next(
            (c for c in noun.children if c.dep_ == "acl"), None)
        maker = subject_of(verb) if verb is not None and verb.pos_ == "VERB" \
            and verb.lemma_.lower() in making_verbs else None
        if maker is None and not roots & harm:
            maker = next((c for c in noun.children if c.dep_ == "poss"
                          and c.lower_ not in possessive), None)
        actor = coder.resolver.resolve(maker, matches, memory, learned) \
            if maker is not None else None
        if actor is not None:
            found.append((noun.lemma_.lower(), actor, len(memory.acts)))
    return found


def referred(actor: Actor, token: Token, provenance: Provenance, first: Token | None = None
             ) -> Actor:
    """An actor known from earlier in the article, anchored on the words that refer to it."""
    first = first if first is not None else token
    start = first.idx - token.sent.start_char
    text = token.doc[first.i:token.i + 1].text
    return Actor(text, actor.code, actor.country, actor.sector, actor.name, start,
                 start + len(text), provenance)


def actors(state: SentenceState, heads: list[Token], victims: bool = False,
           exclude: frozenset[str] = frozenset(), own: frozenset[str] = frozenset()
           ) -> list[Actor]:
    """Resolve each head and its conjuncts; look inside the phrase (modifiers,
    `of`/`on` objects) when the head itself is no actor. The victims named in an
    act's phrase ("the attacks on civilians") count only when `victims` is set."""
    found: list[Actor] = []
    for head in heads:
        group = group_reference(state, head, exclude, own)
        if group:
            found.extend(group)
            continue
        named = []
        for token in conjuncts(head):
            # "condemned the killing of protesters": the harm's victims ("of") are not
            # the actor the phrase names, its author is (`_inside_phrase`)
            harm = names_harm(state, token)
            actor = None if harm and not victims else resolve(state, token)
            sides = [] if actor is not None else actors(
                state, prep_objects(token, "between"), victims, exclude, own)
            if sides:
                # "welcomed the rapprochement between Ghana and Togo": both sides
                found.extend(a for a in sides if all(a.code != f.code for f in found))
                continue
            if actor is None and token.lemma_.lower() not in state.words["currencies"]:
                actor = _inside_phrase(state, token, victims)
            for each in [actor] + co_countries(state, token, actor):
                if each and all(a.code != each.code or a.name != each.name for a in found):
                    found.append(each)
                    named.append(each)
        if len({a.country for a in named}) > 1:
            # "Spain, Ireland and Norway" are "the three countries" later
            state.learned.groups.append(named)
    return found


def _inside_phrase(state: SentenceState, token: Token, victims: bool) -> Actor | None:
    """ "denounced the EU measures", "Israel's strikes": the actor modifies the noun
    (but "the U.S. dollar" is money, not the United States)."""
    possessive = state.words["possessive_pronouns"]
    harmful = names_harm(state, token)
    inner_heads = [t for t in state.coder.resolver.phrase_tokens(token) if t.i != token.i
                   and t.dep_ in ("poss", "compound", "amod", "nmod")
                   # "his detention": the one it was done to, not its author
                   and not (t.lower_ in possessive and harmful)
                   # "the killing of Kenyan soldiers": the victims' words, unless asked for
                   and not (harmful and not victims and t.head.i != token.i)]
    # "the position China has taken": the actor of a relative clause on the noun
    inner_heads += [c for r in token.children if r.dep_ == "relcl"
                    for c in r.children if c.dep_ == "nsubj"]
    # an act's "on"/"against"/"of" phrase names its victims ("condemned the attacks on
    # civilians"): only its agent is the target
    preps = ("by",) if event_roots(state, token) and not victims else ("of", "on", "against", "by")
    actor = None
    for inner in inner_heads + prep_objects(token, preps):
        actor = resolve(state, inner)
        if actor and inner.dep_ == "amod" and is_guess(actor):
            actor = None  # "a military response": whose, the text does not say
        if actor:
            if inner.dep_ in ("amod", "compound") and actor.sector == "CVL" \
                    and actor.provenance.from_country_entry and actor.country:
                # "the Israeli proposal", "Mexican goods": the state's
                actor.sector, actor.code = "GOV", actor.country + "GOV"
            break
    if actor and token.pos_ == "PROPN" and actor.sector == "GOV" and \
            actor.provenance.from_country_entry and actor.country:
        # "U.S. basketball star Brittney Griner": a named person of that country
        actor.sector, actor.code = "CVL", actor.country + "CVL"
    return actor


def group_size(state: SentenceState, token: Token) -> int:
    """How many earlier actors a phrase refers back to: "the two sides", "both leaders" 2,
    "the three countries" 3; 0 when it is no such reference."""
    if token.pos_ not in ("NOUN", "PRON"):
        return 0
    numbers = state.words.numbers("group_numbers")
    if token.lower_ == "both":
        return 2
    return next((numbers[c.lower_] for c in token.children
                 if c.lower_ in numbers and c.dep_ in ("nummod", "det", "predet")), 0)


def role_sector(state: SentenceState, token: Token) -> str | None:
    """The sector of the role word at the token ("negotiators", "navies"), if any."""
    return next((m.entry.sector for m in state.matches if m.start <= token.i < m.end
                 and m.entry.kind in ("title", "body")), None)


def group_reference(state: SentenceState, head: Token, exclude: frozenset[str] = frozenset(),
                    own: frozenset[str] = frozenset()) -> list[Actor]:
    """ "the two sides", "the three countries", "officials from the two countries",
    "the two navies": the actors named before, in the sector the phrase gives. Countries
    and people are not of `exclude`, the countries acting in the sentence; sides are not
    the actors in `own` ("Sudanese clerics urged both sides": Sudan's army and the RSF)."""
    reference = head
    if not group_size(state, head):
        reference = next((g for c in head.children if c.dep_ == "prep"
                          and c.lower_ in ("from", "of") for g in c.children
                          if g.dep_ == "pobj" and group_size(state, g)), None)
        if reference is None:
            return []
    size, noun = group_size(state, reference), reference.lemma_.lower()
    sector = role_sector(state, head)
    state_nouns, side_nouns = state.words["state_nouns"], state.words["side_nouns"]
    memory = state.memory
    if noun not in state_nouns | side_nouns and sector is None:
        return []  # "two more crossings" refers to no actors
    if sector == "CVL":
        sector = None  # "both men": people words keep who the men are
    if size > 2:
        members = memory.last_group(size, exclude)  # a list named together before
    elif noun in state_nouns or reference is not head:
        members = memory.last_countries(size, exclude)
    elif noun in side_nouns:
        # "urged both sides to stop fighting": the two sides of the latest dealings
        # between two actors, not whoever was named last
        members = [a for a in memory.last_parties(state.classes["dealing"]) or []
                   if a.code not in own] or memory.last_actors(size, own)
    else:
        # "shot dead two militants" (of the story) must not become the acting country's
        members = memory.last_actors(size, own, exclude)
    if not members:
        return []
    provenance = Provenance("group-reference", noun)
    found = []
    for actor in members:
        country = actor.country if sector or noun in state_nouns else None
        each = referred(actor, head, provenance, head.left_edge)
        if country:
            each.country, each.sector = country, sector or "GOV"
            each.code = actor_code(country, each.sector)
        found.append(each)
    return found


def co_countries(state: SentenceState, token: Token, actor: Actor | None) -> list[Actor]:
    """ "U.S. and Philippine troops", "the foreign ministers of France and Germany": one
    noun, an actor for each conjoined country."""
    if actor is None or not actor.sector or not actor.country:
        return []
    extra = []
    # the noun's own role word decides the others' sector ("Israeli and Hamas negotiators":
    # Israel's negotiators are not rebels)
    from_group = actor.provenance is not None and actor.provenance.kind == "dictionary" \
        and actor.provenance.entry_kind == "group"
    sector = role_sector(state, token) or ("GOV" if from_group else actor.sector)
    # ... and "the embassies of Rwanda, France and Belgium": one noun, several owners
    owners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj"]
    for modifier in [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")] \
            + owners:
        for other in conjuncts(modifier)[1:] and conjuncts(modifier):
            if not any(m.start <= other.i < m.end and m.entry.kind in COUNTRY_MATCHES
                       for m in state.matches):
                continue
            found = resolve(state, other)
            if found and found.country and found.country != actor.country \
                    and not found.country.startswith("IGO"):
                start = other.idx - token.sent.start_char
                extra.append(Actor(other.text, actor_code(found.country, sector),
                                   found.country, sector, None, start, start + len(other.text),
                                   found.provenance.then("shared-noun")))
    return extra


def act_objects(state: SentenceState, trigger: Trigger) -> list[Token]:
    """The nouns that may name the act a trigger is about: its object ("condemned the
    attack"), the passive subject, and the acts "into", "over" or "of" them ("an
    investigation into the strike", "a condemnation of the raids")."""
    verb = trigger.token
    objects = [trigger.object_token] if trigger.object_token is not None else []
    objects += [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    # "calling his detention unacceptable" (the model may attach the noun as a compound)
    objects += [c for o in objects[:1] if o.pos_ == "ADJ" for c in o.children
                if c.dep_ in ("nsubj", "compound")]
    objects += [t for h in [verb] + objects[:1] for t in prep_objects(h, ("into", "over"))]
    objects += [t for o in objects[:1] if not event_roots(state, o)
                for t in prep_objects(o, "of")]
    return objects


def event_reference(state: SentenceState, trigger: Trigger, source: Actor, code: str
                    ) -> list[Actor]:
    """ "condemned the attack", "the attack was condemned by", "an investigation into
    the strike", "a condemnation of the raids": who did that earlier act; and for a
    reaction (`code` of class reaction), who made it: "criticised the new law"."""
    objects = act_objects(state, trigger)
    definite = state.words["definite"]
    noun = next((o for o in objects if event_roots(state, o) and (any(
        c.dep_ in ("det", "poss") and c.lower_ in definite for c in o.children)
        # "rejected calls to step down": a bare plural names the acts just reported
        or o.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod", "compound")
                                       for c in o.children))), None)
    if noun is None:
        return []
    roots = event_roots(state, noun)
    provenance = Provenance("event-reference", noun.lemma_)
    memory, reaction = state.memory, state.is_class("reaction", code)
    nouns = state.lexicon.event_nouns
    if reaction and "*" in roots:
        # "passed a law ... the EU criticised it ... elders condemned the decision": the
        # latest law or decision no act codes, unless a deed (no reaction) came after it
        made = memory.last_making(source, frozenset(
            n for n, r in nouns.items() if r in ({"*"}, {NO_ACT})))
        if made is not None:
            maker, told = made
            deed = memory.last_agent(source, CAMEO_ROOTS - state.classes["reaction"], told)
            return [referred(deed or maker, noun, provenance, noun.left_edge)]
    elif reaction:
        # "passed a law ... criticised the new law": whoever made one of its kind (a noun
        # of the same roots: law, bill, decree), before any act of those roots
        made = memory.last_making(source, frozenset(n for n, r in nouns.items() if r == roots))
        if made is not None:
            return [referred(made[0], noun, provenance, noun.left_edge)]
    agreement = state.classes["agreement"]
    if roots <= agreement and roots & state.classes["meeting"]:
        # "the meeting was welcomed by Japan": both sides of the latest meeting
        sides = state.memory.last_parties(roots)
        if sides:
            return [referred(a, noun, provenance, noun.left_edge)
                    for a in sides if a.code != source.code]
    actor = memory.last_agent(source, roots=None if "*" in roots else roots)
    if actor is None and "*" in roots and reaction:
        made = memory.last_making(source)  # "announced sanctions ... the move"
        actor = made[0] if made is not None else None
    if actor is None:
        return []
    return [referred(actor, noun, provenance, noun.left_edge)]

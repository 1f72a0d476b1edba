"""Code events in one parsed sentence: trigger -> source, target, CAMEO code.

A trigger is a verb whose lemma (plus particle, object noun and preposition)
matches a row of verbs.tsv. The source is the verb's subject (or the passive
`by` agent, or the subject a participle or conjoined clause inherits); the
target is the object the pattern names. Frame verbs ("threatened to",
"urged ... to", "pledged to") take their code from their complement.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..actors.resolver import (CURRENCIES, PRONOUNS, ActorResolver, ArticleContext, Match,
                               actor_code)
from ..enrich.dates import event_date
from ..enrich.places import event_place
from ..model import Actor, Event
from .codes import CodeTable
from .lexicon import NO_EVENT, PLACE_OBJECT, VerbLexicon, VerbPattern

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
# Clauses whose subject is the governing verb's subject ("..., offering condolences").
INHERITING_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acomp")
# Codes where conjoined subjects without a target act on each other (meet, agree, fight).
RECIPROCAL_CODES = ("019", "03", "040", "041", "044", "046", "050", "057", "06", "087")
# Verbs whose conjoined subjects act on each other whatever the code: "the army and the RSF
# fought" (but "U.S. and British warplanes struck" are allies)
RECIPROCAL_VERBS = {"fight", "clash", "battle", "skirmish", "exchange", "trade"}
VIOLENT = {"18", "19", "20"}
REPRESSION = "175"  # "police opened fire on protesters, killing five": one act
DENY = "016"
CLAIM = "015"
EXPRESS_ACCORD = "019"
PROTEST, DEMAND, APPEAL = "14", "10", "02"
ASSAULTS, RIOT = {"180", "190"}, "145"
COERCE = "17"
RELEASE_DEMANDS = ("0253", "1053")
DETENTIONS = {"173"}
JOINT_ACTS = ("03", "057", "087")  # what the sides of a deal do together (sign, agree, halt)  # arrests and detentions, done by a country's police unless said  # appeals and demands for someone's release
# Restrictions a government imposes on (or lifts from) its own population
POPULATION_CODES = ("1721", "1723", "1724", "0813", "0814")
COOPERATIVE_ROOTS = {"03", "04", "05", "06", "07", "08"}
# Frames whose object is the target: "urged Israel to halt", "invited Netanyahu to visit"
OBJECT_FRAMES = ("demand", "appeal", "invite", "threaten")
CHANGE_CODES = {"demand": "104", "appeal": "024"}  # frame -> code of the change sought
MEDIATE = "045"
AGREEMENT_ROOTS = frozenset({"03", "04", "05", "08"})  # acts a mediated deal can be
MILITARY_COOPERATION = "062"
JOINT = {"joint", "combined", "bilateral", "trilateral", "multilateral"}
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its"}
HARM_ROOTS = frozenset({"17", "18", "19", "20"})  # acts whose possessor is their victim
DEFINITE = {"the", "this", "that", "these", "those"} | POSSESSIVE_PRONOUNS
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
HEDGES = {"could", "might", "may", "if", "whether", "should", "must", "ought"}
# Verbs whose complement does not happen: "should stop arming Taiwan", "refrained from"
STOPPING_VERBS = {"stop", "cease", "refrain", "avoid", "quit", "halt", "end"}
FUTURE = {"will", "shall", "'ll", "would"}
TEMPORAL_PREPS = {"after", "before", "since", "following", "ahead", "until", "during"}
# Modifiers of an event noun that say it has not happened ("planned talks between")
PROSPECTIVE = {"planned", "proposed", "possible", "potential", "future", "upcoming", "expected"}
# Prepositions that can introduce a target when the pattern names none.
TARGET_PREPS = ("to", "with", "against", "on", "for", "toward", "towards", "at", "over")
GROUP_NUMBERS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
# Nouns that name states, so "the three countries" are the last three countries named.
STATE_NOUNS = {"country", "nation", "state", "government", "neighbour", "neighbor", "capital"}
# Other nouns that can stand for earlier actors ("the two sides"); sector words can too.
# Subjects that are situations, not agents ("Colombia's conflict has killed 450,000")
SITUATIONS = {"conflict", "war", "crisis", "violence", "unrest", "fighting", "insurgency",
              "disaster", "earthquake", "flood", "storm", "pandemic", "epidemic", "famine",
              "drought", "instability", "turmoil"}
# Roots of acts between two sides (not statements or appeals about them)
DEALING_ROOTS = frozenset(f"{n:02d}" for n in range(3, 21))
SIDE_NOUNS = {"side", "party", "rival", "ally", "partner", "foe", "adversary", "enemy"}
# Roots of force and coercion, where "to"/"toward" name where, not whom ("sent troops to")
FORCE_ROOTS = {"15", "17", "18", "19", "20"}
DESTINATION_PREPS = {"to", "toward", "towards", "for"}
INSTRUMENT_ROOTS = {"07", "15"}  # aid and force posture: the object noun is what is sent
# Nouns of contact: "in a phone call with X, Y expressed ..." makes X the target.
CONTACT_NOUNS = {"call", "conversation", "meeting", "talk", "message", "letter", "cable",
                 "telegram", "conference", "phone", "telephone", "discussion", "exchange"}


@dataclass
class Trigger:
    token: Token
    pattern: VerbPattern
    object_token: Token | None


def conjuncts(token: Token) -> list[Token]:
    """The token and every token conjoined with it ("Israel and Lebanon")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found.extend(conjuncts(child))
    return found


def coordination(token: Token) -> list[Token]:
    """All members of the coordination the token is part of ("teams and supplies")."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return conjuncts(first)


def group_size(token: Token) -> int:
    """How many earlier actors a phrase refers back to: "the two sides", "both leaders" 2,
    "the three countries" 3; 0 when it is no such reference."""
    if token.pos_ not in ("NOUN", "PRON"):
        return 0
    if token.lower_ == "both":
        return 2
    return next((GROUP_NUMBERS[c.lower_] for c in token.children
                 if c.lower_ in GROUP_NUMBERS and c.dep_ in ("nummod", "det", "predet")), 0)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def governing(verb: Token) -> list[Token]:
    """The verb and the verbs whose complement it is ("not considering offering")."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "ccomp") and len(chain) < 4 and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def complement_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is a complement or purpose clause of, nearest first:
    in "ready to work with Turkey to expand trade", expand -> work -> ready."""
    chain = [verb]
    while len(chain) < 5 and chain[-1].head.i != chain[-1].i and (
            chain[-1].dep_ in ("xcomp", "ccomp") or chain[-1].dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in chain[-1].children)
            # "urged Israel to respect the truce and withdraw": both are urged
            or chain[-1].dep_ == "conj" and chain[-1].head.dep_ in ("xcomp", "ccomp")):
        chain.append(chain[-1].head)
    return chain


def is_mutual(verb: Token) -> bool:
    """ "accused each other", "expelled one another's diplomats": the subjects act on
    each other."""
    return any(t.lower_ in ("other", "another", "other's", "another's")
               and any(c.lower_ in ("each", "one") for c in t.children)
               or t.lower_ == "other" and t.i > 0 and t.doc[t.i - 1].lower_ == "each"
               for t in verb.subtree if t.i > verb.i and t.i - verb.i < 6)


def align_countries(guessed: list[Actor], stated: list[Actor]) -> None:
    """Give actors whose country was only guessed from the story the country of the other
    side, when that side states exactly one."""
    known = {a.country for a in stated if a.country and not is_guess(a)}
    if len(known) != 1:
        return
    country = known.pop()
    for actor in guessed:
        if is_guess(actor) and actor.sector and not country.startswith("IGO"):
            actor.country, actor.code = country, actor_code(country, actor.sector)


def is_guess(actor: Actor) -> bool:
    return bool(actor.rule) and "context-country" in actor.rule


def participle_heads(verb: Token) -> list[Token]:
    """The clauses a participle follows up: in "fired missiles at Kyiv, striking a hospital
    and killing 31", killing -> striking -> fired."""
    found, current = [], verb
    while current.dep_ in ("advcl", "conj") and current.head.i != current.i and len(found) < 3:
        current = current.head
        found.append(current)
    return found


def is_negated(verb: Token) -> bool:
    if any(v.lemma_.lower() in STOPPING_VERBS for v in governing(verb)[1:]):
        return True
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS or c.lower_ == "longer" and any(
        g.lower_ == "no" for g in c.children) for v in governing(verb)
        for c in v.children if c.dep_ in ("neg", "advmod", "det", "preconj"))


def is_hedged(verb: Token) -> bool:
    for v in governing(verb):
        auxiliaries = {c.lower_ for c in v.children if c.dep_ in ("aux", "mark")}
        # "a resolution that would have condemned": counterfactual
        if auxiliaries & HEDGES or {"would", "have"} <= auxiliaries:
            return True
    return False


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The token naming who does `verb`."""
    if is_passive(verb) or verb.dep_ == "acl" and any(c.dep_ == "agent" for c in verb.children):
        # "a deal brokered by China": a participle's agent is its subject
        for child in verb.children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ == "WDT" or child.lower_ in ("who", "which", "that"):
                return verb.head if verb.dep_ == "relcl" else None
            return child
    if verb.dep_ == "xcomp":
        # object control: in "invited Netanyahu to visit", Netanyahu visits
        controller = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj")), None)
        if controller is not None:
            return controller
    if depth < 3 and verb.dep_ in INHERITING_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def prep_objects(token: Token, preps: tuple[str, ...] | str) -> list[Token]:
    """Objects of the token's prepositions that are in `preps` (in order)."""
    if isinstance(preps, str):
        preps = (preps,)
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            found.append(child)  # "offered Russia condolences"
    return found


class EventCoder:
    """Find triggers, resolve their arguments and build Events for one sentence."""

    def __init__(self, lexicon: VerbLexicon, codes: CodeTable, resolver: ActorResolver, *,
                 require_target: bool = True):
        self.lexicon = lexicon
        self.codes = codes
        self.resolver = resolver
        # most CAMEO codes are dyadic; an event without a target is usually a missed one
        self.require_target = require_target

    # -- triggers -------------------------------------------------------------

    def match(self, verb: Token, places: frozenset[int] = frozenset()) -> Trigger | None:
        """The most specific pattern of verbs.tsv that fits this verb, if any. `places`:
        token indices of country and capital names, which the object `@place` matches
        ("rebels seized Damascus")."""
        best: Trigger | None = None
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS + ("nsubjpass",)
                   # "holds Israel responsible": an adjective small clause
                   or c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ"]
        if verb.dep_ == "relcl" and not objects and not any(
                c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") for c in verb.children):
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
        for pattern in self.lexicon.patterns(verb.lemma_.lower()):
            if pattern.particle and pattern.particle not in particles:
                continue
            object_token = None
            if pattern.objects:
                object_token = next((o for head in objects for o in conjuncts(head)
                                     if o.lemma_.lower() in pattern.objects
                                     or o.i in places and PLACE_OBJECT in pattern.objects),
                                    None)
                if object_token is None:
                    continue
            if pattern.prep and not self._has_prep(verb, object_token, pattern.prep):
                continue
            if best is None or pattern.specificity > best.pattern.specificity:
                best = Trigger(verb, pattern, object_token)
        return best

    @staticmethod
    def _has_prep(verb: Token, noun: Token | None, prep: str) -> bool:
        holders = [verb] + ([noun] if noun is not None else [])
        return any(c.lower_ == prep for h in holders for c in h.children
                   if c.dep_ in ("prep", "dative", "prt", "agent"))

    # -- arguments ------------------------------------------------------------

    def target_candidates(self, trigger: Trigger) -> Iterator[tuple[list[Token], bool]]:
        """Groups of possible target heads, best first, each with whether it is a fallback."""
        verb, pattern, noun = trigger.token, trigger.pattern, trigger.object_token
        holders = [verb] + (coordination(noun) if noun is not None else [])
        if noun is not None:
            # "delivered the first of 31 tanks to Ukraine": nouns between verb and object
            up = noun.head
            while up.i != verb.i and up.i != up.head.i and len(holders) < 8:
                holders.append(up)
                up = up.head
        if pattern.prep:
            yield [t for h in holders for t in prep_objects(h, pattern.prep)], False
        if is_passive(verb) and not pattern.objects:
            yield [c for c in verb.children if c.dep_ == "nsubjpass"], False
        if not pattern.objects:
            yield [c for c in verb.children if c.dep_ in ("dobj", "obj")], False
        if pattern.frame:
            # "agreed to include Bolsonaro", "ready to work with Turkey": the uncoded
            # complement names the target
            for complement in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
                yield [c for c in complement.children if c.dep_ in ("dobj", "obj")], False
                yield [t for t in prep_objects(complement, TARGET_PREPS)], True
        if noun is not None and pattern.objects:
            # "asked Moscow for military assistance": the object noun sits in a PP
            yield [c for c in verb.children if c.dep_ in ("dobj", "obj")
                   and c.i not in {t.i for t in coordination(noun)}] + \
                [c for c in noun.children if c.dep_ in ("nsubj", "compound")
                 and noun.pos_ == "ADJ"], False
        root = self.codes.root_of(pattern.cameo) if pattern.cameo in self.codes else None
        for prep in TARGET_PREPS:
            if prep in DESTINATION_PREPS and root in FORCE_ROOTS:
                continue  # "deported them to the United States": a destination, not a target
            yield [t for h in reversed(holders) for t in prep_objects(h, prep)
                   if t.lemma_.lower() != "behalf"], True
        # "signed agreements to establish relations with X": a partner deeper in the object
        if noun is not None:
            yield [t for d in noun.subtree if d.i != noun.i
                   for t in prep_objects(d, ("with", "to", "against"))], True
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
                    if pobj.lemma_.lower() in CONTACT_NOUNS:
                        yield prep_objects(pobj, ("with", "to")), True

    def targets(self, trigger: Trigger, matches: list[Match], context: ArticleContext,
                victims: bool = False, exclude: frozenset[str] = frozenset(),
                own: frozenset[str] = frozenset()) -> tuple[list[Actor], bool]:
        """The first candidate group that names actors ("expressed his condolences": a
        possessive naming a source, `own`, is no target)."""
        noun, stated_checked = trigger.object_token, False
        for heads, fallback in self.target_candidates(trigger):
            if fallback and not stated_checked and noun is not None and trigger.pattern.objects:
                # "expelled a Canadian diplomat over the killing of ...": an object noun that
                # states its own country beats any guess from a prepositional phrase
                stated_checked = True
                stated = [a for a in self.actors([noun], matches, context, victims, exclude)
                          if not is_guess(a) and a.code not in own]
                if stated and not (trigger.token.dep_ == "relcl" and trigger.token.head.i == noun.i):
                    return stated, True
            found = self.actors(heads, matches, context, victims, exclude) if heads else []
            if heads == [noun] and fallback and self.codes.root_of(
                    trigger.pattern.cameo) in INSTRUMENT_ROOTS:
                # "sent 10,000 troops", "sent rescuers": one's own people are what is sent
                found = [a for a in found if a.country not in exclude]
            found = [a for a in found if a.code not in own
                     or a.text.lower() not in POSSESSIVE_PRONOUNS]
            if found:
                return found, fallback
        return [], False

    def actors(self, heads: list[Token], matches: list[Match], context: ArticleContext,
               victims: bool = False, exclude: frozenset[str] = frozenset()) -> list[Actor]:
        """Resolve each head and its conjuncts; look inside the phrase (modifiers,
        `of`/`on` objects) when the head itself is no actor. The victims named in an
        act's phrase ("the attacks on civilians") count only when `victims` is set."""
        found: list[Actor] = []
        for head in heads:
            group = self._group(head, matches, context, exclude)
            if group:
                found.extend(group)
                continue
            named = []
            for token in conjuncts(head):
                actor = self.resolver.resolve(token, matches, context)
                sides = [] if actor is not None else self.actors(
                    prep_objects(token, "between"), matches, context, victims, exclude)
                if sides:
                    # "welcomed the rapprochement between Ghana and Togo": both sides
                    found.extend(a for a in sides if all(a.code != f.code for f in found))
                    continue
                if actor is None and token.lemma_.lower() not in CURRENCIES:
                    # "denounced the EU measures", "Israel's strikes": the actor modifies the noun
                    # (but "the U.S. dollar" is money, not the United States)
                    inner_heads = [t for t in self.resolver.phrase_tokens(token) if t.i != token.i
                                   and t.dep_ in ("poss", "compound", "amod", "nmod")
                                   # "his detention": the one it was done to, not its author
                                   and not (t.lower_ in POSSESSIVE_PRONOUNS
                                            and (self.event_roots(token) or set()) & HARM_ROOTS)]
                    # "the position China has taken": the actor of a relative clause on the noun
                    inner_heads += [c for r in token.children if r.dep_ == "relcl"
                                    for c in r.children if c.dep_ == "nsubj"]
                    # an act's "on"/"against"/"of" phrase names its victims ("condemned the
                    # attacks on civilians"): only its agent is the target
                    preps = ("by",) if self.event_roots(token) and not victims \
                        else ("of", "on", "against", "by")
                    for inner in inner_heads + prep_objects(token, preps):
                        actor = self.resolver.resolve(inner, matches, context)
                        if actor and inner.dep_ == "amod" and is_guess(actor):
                            actor = None  # "a military response": whose, the text does not say
                        if actor:
                            if inner.dep_ in ("amod", "compound") and actor.sector == "CVL" \
                                    and actor.rule.startswith("countries.tsv") and actor.country:
                                # "the Israeli proposal", "Mexican goods": the state's
                                actor.sector, actor.code = "GOV", actor.country + "GOV"
                            break
                    if actor and token.pos_ == "PROPN" and actor.sector == "GOV" and \
                            actor.rule.startswith("countries.tsv") and actor.country:
                        # "U.S. basketball star Brittney Griner": a named person of that country
                        actor.sector, actor.code = "CVL", actor.country + "CVL"
                for each in [actor] + self._co_countries(token, actor, matches, context):
                    if each and all(a.code != each.code or a.name != each.name for a in found):
                        found.append(each)
                        named.append(each)
            if len({a.country for a in named}) > 1:
                context.groups.append(named)  # "Spain, Ireland and Norway" are "the three countries" later
        return found

    def _group(self, head: Token, matches: list[Match], context: ArticleContext,
               exclude: frozenset[str] = frozenset()) -> list[Actor]:
        """ "the two sides", "the three countries", "officials from the two countries",
        "the two navies": the actors named before (not those in `exclude`, the countries
        acting in the sentence), in the sector the phrase gives."""
        reference = head
        if not group_size(head):
            reference = next((g for c in head.children if c.dep_ == "prep"
                              and c.lower_ in ("from", "of") for g in c.children
                              if g.dep_ == "pobj" and group_size(g)), None)
            if reference is None:
                return []
        size, noun = group_size(reference), reference.lemma_.lower()
        sector = next((m.entry.sector for m in matches if m.start <= head.i < m.end
                       and m.entry.kind in ("title", "body")), None)
        if noun not in STATE_NOUNS | SIDE_NOUNS and sector is None:
            return []  # "two more crossings" refers to no actors
        if sector == "CVL":
            sector = None  # "both men": people words keep who the men are
        if size > 2:
            members = context.last_group(size, exclude)  # a list named together before
        elif noun in STATE_NOUNS or reference is not head:
            members = context.last_countries(size, exclude)
        elif noun in SIDE_NOUNS:
            # "urged both sides to stop fighting": the two sides of the latest dealings
            # between two actors, not whoever was named last
            members = [a for a in context.last_parties(DEALING_ROOTS) or []
                       if a.country not in exclude] or context.last_actors(size, exclude)
        else:
            members = context.last_actors(size, exclude)
        if not members:
            return []
        rule = f"group-reference:{noun}"
        found = []
        for actor in members:
            country = actor.country if sector or noun in STATE_NOUNS else None
            referred = self._referred(actor, head, rule, head.left_edge)
            if country:
                referred.country, referred.sector = country, sector or "GOV"
                referred.code = actor_code(country, referred.sector)
            found.append(referred)
        return found

    def _co_countries(self, token: Token, actor: Actor | None, matches: list[Match],
                      context: ArticleContext) -> list[Actor]:
        """ "U.S. and Philippine troops", "the foreign ministers of France and Germany": one
        noun, an actor for each conjoined country."""
        if actor is None or not actor.sector or not actor.country:
            return []
        extra = []
        # the noun's own role word decides the others' sector ("Israeli and Hamas negotiators":
        # Israel's negotiators are not rebels)
        sector = next((m.entry.sector for m in matches if m.start <= token.i < m.end
                       and m.entry.kind in ("title", "body")), None) or (
            "GOV" if actor.rule and actor.rule.startswith("groups.tsv") else actor.sector)
        # ... and "the embassies of Rwanda, France and Belgium": one noun, several owners
        owners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
        for modifier in [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")] \
                + owners:
            for other in conjuncts(modifier)[1:] and conjuncts(modifier):
                if not any(m.start <= other.i < m.end and m.entry.kind in (
                        "country", "demonym", "capital") for m in matches):
                    continue
                found = self.resolver.resolve(other, matches, context)
                if found and found.country and found.country != actor.country \
                        and not found.country.startswith("IGO"):
                    extra.append(Actor(other.text, actor_code(found.country, sector),
                                       found.country, sector, None,
                                       other.idx - token.sent.start_char,
                                       other.idx - token.sent.start_char + len(other.text),
                                       rule=f"{found.rule}+shared-noun"))
        return extra

    # -- sentence -------------------------------------------------------------

    def code_sentence(self, sent: Span, matches: list[Match], context: ArticleContext, *,
                      article_id: str, index: int, in_headline: bool,
                      notes: list[str] | None = None) -> list[Event]:
        """All events in one parsed sentence.

        notes (list): when given, receives one line per decision (for `tidings explain`).
        """
        notes = notes if notes is not None else []
        places = frozenset(i for m in matches if m.entry.kind in ("country", "capital")
                           for i in range(m.start, m.end))
        triggers = []
        for token in sent:
            # "China is ready to work with Turkey": a readiness adjective frames its complement
            if token.pos_ == "VERB" or (token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PROPN")) \
                    or (token.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in token.children)):
                trigger = self.match(token, places)
                if trigger is None:
                    known = bool(self.lexicon.patterns(token.lemma_.lower()))
                    notes.append(f"{token.text!r} (lemma {token.lemma_!r}): "
                                 + ("its patterns need an object or preposition not present"
                                    if known else "not a trigger in verbs.tsv"))
                elif is_negated(token):
                    refusal = self._refusal(trigger)
                    if refusal is None:
                        notes.append(f"{token.text!r}: negated, not coded")
                    else:
                        notes.append(f"{token.text!r}: 'will not' {trigger.pattern.cameo} is a "
                                     f"refusal -> {refusal.pattern.cameo}")
                        triggers.append(refusal)
                elif is_hedged(token):
                    notes.append(f"{token.text!r}: hedged (could/might/may/if), not coded")
                elif trigger.pattern.cameo == NO_EVENT:
                    notes.append(f"{token.text!r}: {trigger.pattern.rule} says this is no event")
                else:
                    notes.append(f"{token.text!r}: matches {trigger.pattern.rule} "
                                 f"-> {trigger.pattern.cameo}")
                    triggers.append(trigger)
        frames = {t.token.i for t in triggers if t.pattern.frame}
        # "threatened to strike", "demanded that X stop selling arms": what a frame verb
        # governs is announced, not done; the frame codes it
        consumed = {t.token.i for t in triggers
                    if any(v.i in frames for v in complement_chain(t.token)[1:])}
        # "detonated two car bombs, killing 100 people" is one attack, not two
        violent = {t.token.i for t in triggers if self.codes.root_of(t.pattern.cameo) in VIOLENT
                   or t.pattern.cameo == REPRESSION}
        consumed |= {t.token.i for t in triggers if t.token.i in violent and t.token.tag_ == "VBG"
                     and any(v.i in violent for v in participle_heads(t.token))}
        demands = self._demands_of_protests(triggers, consumed)
        consumed |= {t.token.i for t in demands.values()}
        events: list[Event] = []
        seen: set[tuple] = set()
        for trigger in triggers:
            if trigger.token.i in consumed:
                continue
            code, target_trigger = self._final_code(trigger, triggers)
            if code is None:
                continue
            # a protest takes its aim and target from the demand it carries
            aim = demands.get(trigger.token.i, trigger)
            aim_code, aim_target = (code, target_trigger) if aim is trigger \
                else self._final_code(aim, triggers)
            if aim is not trigger:
                code = self._protest_for(code, aim_code)
            subject = subject_of(trigger.token)
            # a misparse can give a verb two subjects ("The UAE, Algeria and Iraq have ...")
            subjects = [subject] + [c for c in trigger.token.children if c.dep_ == "nsubj"
                                    and subject is not None and c.i != subject.i
                                    and subject.head.i == trigger.token.i]
            sources = self.actors(subjects, matches, context) if subject is not None \
                and subject.lemma_.lower() not in SITUATIONS else []
            if subject is None and trigger.token.dep_ == "ROOT" and not is_passive(trigger.token):
                sources = self._misparsed_subject(trigger.token, matches, context)
            if subject is None and is_passive(trigger.token) and code in DETENTIONS:
                sources = self._authority(trigger.token, matches, context)
            if subject is None and is_passive(trigger.token) and code.startswith(JOINT_ACTS):
                # "the agreement was signed in Pretoria": by the sides of the latest deal
                deal = next((c for c in trigger.token.children if c.dep_ == "nsubjpass"),
                            trigger.token)
                sources = [self._referred(a, deal, "event-reference:parties", deal.left_edge)
                           for a in context.last_parties(AGREEMENT_ROOTS) or []]
            if not sources and subject is not None:
                sources = self._speaker_of_misattached(trigger.token, subject, matches, context)
            if subject is None and not sources:
                notes.append(f"{trigger.token.text!r}: no subject or agent found")
                continue
            if not sources:
                notes.append(f"{trigger.token.text!r}: subject {subject.text!r} is not a known actor")
                continue
            targets, fallback = self._targets_of(aim, aim_target, aim_code, sources,
                                                 events, matches, context)
            if not targets and aim is not trigger:
                targets, fallback = self._targets_of(trigger, target_trigger, code, sources,
                                                     events, matches, context)
            if trigger.pattern.reverse:
                if not targets:
                    notes.append(f"{trigger.token.text!r}: nobody it came from, not coded")
                    continue
                sources, targets = targets, sources
            code, targets, fallback = self._settle(trigger, code, sources, targets, fallback,
                                                   context, matches)
            pairs = [(source, target) for source in sources for target in (targets or [None])]
            mutual = is_mutual(trigger.token)
            if (not targets or fallback or mutual) and len({a.code for a in sources}) > 1 and (
                    mutual or code.startswith(RECIPROCAL_CODES)
                    or trigger.token.lemma_.lower() in RECIPROCAL_VERBS):
                # "Israel and Lebanon agreed to a ceasefire": each side acts towards the other
                pairs = [(a, b) for a in sources for b in sources if a is not b]
            elif not targets and self.require_target:
                notes.append(f"{trigger.token.text!r}: no target actor found, not coded "
                             "(monadic events are kept with --monadic)")
                # still an act a later "the attack", "the move" can refer to
                context.acts.extend((source, None, self.codes.root_of(code)) for source in sources)
                continue
            for source, target in pairs:
                if target is not None and target.code == source.code:
                    continue  # "Orban said he would visit Hungary" is no event between two actors
                key = (source.code, target.code if target else None, code)
                if key in seen:
                    continue
                seen.add(key)
                events.append(self._event(trigger, code, source, target, sent, article_id,
                                          index, in_headline, context, fallback, matches))
        coded = {t.token.i for t in triggers}
        for trigger, sides in self._nominal_events(sent, matches, context, notes, coded):
            for source in sides:
                for target in sides:
                    key = (source.code, target.code, trigger.pattern.cameo)
                    if source is not target and key not in seen:
                        seen.add(key)
                        events.append(self._event(trigger, trigger.pattern.cameo, source, target,
                                                  sent, article_id, index, in_headline, context,
                                                  False, matches))
        return events

    def _nominal_events(self, sent: Span, matches: list[Match], context: ArticleContext,
                        notes: list[str], coded: set[int]
                        ) -> Iterator[tuple[Trigger, list[Actor]]]:
        """ "four days of talks between Iran's X and Saudi Y", "a phone call between A and
        B": nouns of noun_events.tsv with both sides named after "between". Not when a
        coded verb already tells of them ("Turkey mediated talks between ...") or they only
        date the news ("days after a meeting between ...")."""
        for token in sent:
            pattern = self.lexicon.noun_events.get(token.lemma_.lower())
            if pattern is None or token.pos_ != "NOUN":
                continue
            if token.head.i in coded or token.head.lower_ in TEMPORAL_PREPS:
                continue
            sides = []
            for actor in self.actors(prep_objects(token, "between"), matches, context):
                if all(a.country != actor.country for a in sides):
                    sides.append(actor)  # one per side ("official X, adviser to ...")
            if len(sides) < 2:
                continue
            verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if any(c.lower_ in PROSPECTIVE for c in token.children) or verb is not None and (
                    is_negated(verb) or is_hedged(verb) or any(
                        c.lower_ in FUTURE for c in verb.children if c.dep_ == "aux")):
                notes.append(f"{token.text!r}: talks not (yet) held, not coded")
                continue
            notes.append(f"{token.text!r}: matches {pattern.rule} -> {pattern.cameo}")
            yield Trigger(token, pattern, None), sides

    def _captor(self, held: Actor, context: ArticleContext) -> Actor:
        """Who detained or abducted `held` earlier in the article, else `held` itself."""
        for source, target, root in reversed(context.acts):
            if root in ("17", "18") and target is not None and source.country and (
                    target.name and target.name == held.name or target.code == held.code):
                return Actor(held.text, source.code, source.country, source.sector, source.name,
                             held.start, held.end, rule="event-reference:captor")
        return held

    def _refusal(self, trigger: Trigger) -> Trigger | None:
        """ "Georgia will not seek talks", "Poland will no longer supply weapons": a
        cooperative act announced as not going to happen is a refusal (CAMEO 12x)."""
        pattern = trigger.pattern
        if pattern.frame or pattern.reverse or pattern.cameo == NO_EVENT:
            return None
        words = {c.lower_ for v in governing(trigger.token) for c in v.children
                 if c.dep_ in ("aux", "advmod", "neg")}
        root = self.codes.root_of(pattern.cameo)
        if not words & (FUTURE | {"wo", "longer"}) or root not in COOPERATIVE_ROOTS:
            return None
        code = self.lexicon.frame_code("refuse", root)
        if code is None:
            return None
        return Trigger(trigger.token, replace(pattern, cameo=code, rule=pattern.rule + "+refused"),
                       trigger.object_token)

    def _demands_of_protests(self, triggers: list[Trigger], consumed: set[int]
                             ) -> dict[int, Trigger]:
        """Protest verb index -> the demand it carries: "protesters marched, demanding her
        resignation", "protesters demanding her resignation blocked highways"."""
        protests = {t.token.i for t in triggers if self.codes.root_of(t.pattern.cameo) == PROTEST}
        demands = {}
        for t in triggers:
            if self.codes.root_of(t.pattern.cameo) not in (DEMAND, APPEAL) or t.token.i in consumed:
                continue
            head = t.token.head
            if t.token.dep_ == "acl" and head.dep_ == "nsubj":
                head = head.head
            elif t.token.dep_ not in INHERITING_DEPS:
                continue
            if head.i in protests:
                demands[head.i] = t
        return demands

    def _settle(self, trigger: Trigger, code: str, sources: list[Actor], targets: list[Actor],
                fallback: bool, context: ArticleContext, matches: list[Match]
                ) -> tuple[str, list[Actor], bool]:
        """Final code and targets once both sides are known."""
        if self.codes.root_of(code) in VIOLENT:
            # "Israeli strikes killed 19 people in Gaza": unnamed victims are of the place
            place = event_place(trigger.token, matches)
            if place and place["country"]:
                for target in targets:
                    if is_guess(target) and target.sector:
                        target.country = place["country"]
                        target.code = actor_code(target.country, target.sector)
        if code.startswith(RELEASE_DEMANDS):
            # "demanded Navalny's release" is addressed to whoever holds him
            targets = [self._captor(t, context) for t in targets]
        if self.codes.root_of(code) == COERCE:
            # "police in Dhaka arrested opposition activists": whom a stated authority
            # coerces is, unless stated, of its own country
            align_countries(targets, sources)
        if code in ASSAULTS and all(a.sector == "OPP" for a in sources):
            code = RIOT  # "protesters stormed the airport": violent protest, not war
        if not targets and code.startswith(POPULATION_CODES):
            # "declared martial law", "imposed a curfew": on the country's own people
            verb = trigger.token
            start = verb.idx - verb.sent.start_char
            targets = [Actor(verb.text, actor_code(a.country, "CVL"), a.country, "CVL", None,
                             start, start + len(verb.text), rule="population")
                       for a in sources[:1] if a.country and not a.country.startswith("IGO")]
            fallback = True
        return code, targets, fallback

    def _protest_for(self, protest: str, demand: str) -> str:
        """CAMEO numbers a protest's aim like the demand's (or appeal's): 1041 or 0241
        leadership change gives 1411 (demonstrate), 1441 (block), 1451 (riot) for it."""
        base = protest[:3] if protest[:3] != "140" else "141"
        leaf = base + demand[3:4] if demand.startswith(("104", "024")) and len(demand) == 4 \
            else base
        return leaf if leaf in self.codes else base

    def event_roots(self, noun: Token) -> frozenset[str] | None:
        """CAMEO roots of the earlier act a noun refers to ("attack" -> 18/19/20), if any."""
        return (self.lexicon.event_nouns.get(noun.lower_)
                or self.lexicon.event_nouns.get(noun.lemma_.lower()))

    def _targets_of(self, trigger: Trigger, target_trigger: Trigger, code: str,
                    sources: list[Actor], events: list[Event], matches: list[Match],
                    context: ArticleContext) -> tuple[list[Actor], bool]:
        """The event's targets, and whether they came from a fallback rule."""
        verb = trigger.token
        acting = frozenset(a.country for a in sources if a.country)
        own = frozenset(a.code for a in sources)
        if code == MILITARY_COOPERATION and trigger.pattern.cameo != code:
            # joint exercises: the partner is named by "with", or is a co-subject;
            # the place the drills are held is no target
            partners = [t for h in (verb, trigger.object_token) for t in prep_objects(h, "with")]
            return self.actors(partners, matches, context), False
        if code == MEDIATE:
            parties = self._parties(verb, trigger.object_token, sources, matches, context)
            if parties:
                return parties, True
        direct: list[Token] = []
        if trigger.pattern.frame in OBJECT_FRAMES and target_trigger is not trigger:
            # "urged Israel to halt" names the target as object; "demanded that
            # Ukraine withdraw" as the subject of the complement clause
            # (the subject may sit on a verb between: "demanded that the U.S. stop selling")
            direct = [c for c in verb.children if c.dep_ in ("dobj", "obj")] or (
                prep_objects(verb, trigger.pattern.prep) if trigger.pattern.prep else []) or next(
                (subjects for subjects in ([c for c in v.children if c.dep_ == "nsubj"]
                                           for v in complement_chain(target_trigger.token)
                                           if v.i != verb.i) if subjects), [])
        elif trigger.pattern.frame in OBJECT_FRAMES:
            # "demanded that the United States stop selling arms"
            direct = [c for v in verb.children if v.dep_ == "ccomp"
                      for c in v.children if c.dep_ == "nsubj"]
        # ("Netanyahu warned that Israel would strike Hezbollah": Israel is the speaker's own)
        targets = [a for a in self.actors(direct, matches, context) if a.code not in own] \
            if direct else []
        if targets:
            return targets, False
        if code == DENY:
            # "Moscow denied the claim": the denial answers the accuser
            accuser = context.last_accuser(sources[0], [(e.source, e.target, e.cameo_root)
                                                        for e in events])
            if accuser is not None:
                anchor = trigger.object_token or verb
                return [self._referred(accuser, anchor, "event-reference:accuser")], True
        targets, fallback = self.targets(target_trigger, matches, context, exclude=acting,
                                         own=own)
        if targets and not fallback:
            return targets, fallback
        # "calling the strike an aggression": an act named as the object points to its
        # author before any weaker guess does
        referred = self._event_reference(target_trigger, sources[0], context)
        if referred:
            return referred, True
        if targets:
            return targets, fallback
        # an act whose author is unknown: "condemned the attack on Moscow" targets Russia
        targets, fallback = self.targets(target_trigger, matches, context, victims=True,
                                         exclude=acting, own=own)
        if targets:
            return targets, fallback
        if code == CLAIM:
            # "the group claimed responsibility": for an attack on whoever it last struck
            victim = context.last_victim(frozenset(VIOLENT), sources[0])
            if victim is not None:
                anchor = trigger.object_token or verb
                return [self._referred(victim, anchor, "event-reference:victim")], True
        if code == DENY:
            # "Russia massed troops ... Moscow denies planning an attack": no accuser
            # named, the denial is addressed to the one its own latest act concerned
            addressee = context.last_target_of(sources[0])
            if addressee is not None:
                anchor = trigger.object_token or verb
                return [self._referred(addressee, anchor, "event-reference:addressee")], True
        return [], False

    def _parties(self, verb: Token, noun: Token | None, sources: list[Actor],
                 matches: list[Match], context: ArticleContext) -> list[Actor]:
        """Whom a mediator brings together: "talks between A and B", the subjects of the
        clause the mediated deal belongs to ("A and B signed a deal brokered by China"),
        else the sides of the latest agreement coded ("the agreement was brokered by
        France"), else the last two actors named."""
        deal = verb.head if verb.dep_ == "acl" else noun or next(
            (c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "obj")), None)
        holders = [verb] + ([deal] if deal is not None else [])
        found = self.actors([t for h in holders for t in prep_objects(h, "between")],
                            matches, context)
        if not found and deal is not None:
            up, steps = deal.head, 0
            while up.pos_ not in ("VERB", "AUX") and up.i != up.head.i and steps < 3:
                up, steps = up.head, steps + 1
            if up.i not in (deal.i, verb.i) and up.pos_ in ("VERB", "AUX"):
                subject = subject_of(up)
                found = self.actors([subject], matches, context) if subject is not None else []
        if not found:
            found = context.last_parties(AGREEMENT_ROOTS) or context.last_pair() or []
        mediators = {a.code for a in sources}
        return [a for a in found if a.code not in mediators]

    def _event_reference(self, trigger: Trigger, source: Actor, context: ArticleContext
                         ) -> list[Actor]:
        """ "condemned the attack", "the attack was condemned by", "an investigation into
        the strike": who did that earlier act."""
        verb = trigger.token
        objects = [trigger.object_token] if trigger.object_token is not None else []
        objects += [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        # "calling his detention unacceptable" (the model may attach the noun as a compound)
        objects += [c for o in objects[:1] if o.pos_ == "ADJ" for c in o.children
                    if c.dep_ in ("nsubj", "compound")]
        objects += [t for h in [verb] + objects[:1] for t in prep_objects(h, ("into", "over"))]
        noun = next((o for o in objects if self.event_roots(o) and (any(
            c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in o.children)
            # "rejected calls to step down": a bare plural names the acts just reported
            or o.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod", "compound")
                                           for c in o.children))), None)
        if noun is None:
            return []
        roots = self.event_roots(noun)
        if roots <= AGREEMENT_ROOTS and roots & {"04", "05"}:
            # "the meeting was welcomed by Japan": both sides of the latest meeting
            sides = context.last_parties(roots)
            if sides:
                return [self._referred(a, noun, f"event-reference:{noun.lemma_}", noun.left_edge)
                        for a in sides if a.country != source.country]
        actor = context.last_agent(source, roots=None if "*" in roots else roots)
        if actor is None:
            return []
        return [self._referred(actor, noun, f"event-reference:{noun.lemma_}", noun.left_edge)]

    @staticmethod
    def _referred(actor: Actor, token: Token, rule: str, first: Token | None = None) -> Actor:
        """An actor known from earlier in the article, anchored on the words that refer to it."""
        first = first if first is not None else token
        start = first.idx - token.sent.start_char
        text = token.doc[first.i:token.i + 1].text
        return Actor(text, actor.code, actor.country, actor.sector, actor.name, start,
                     start + len(text), rule=rule)

    @staticmethod
    def _authority(verb: Token, matches: list[Match], context: ArticleContext) -> list[Actor]:
        """ "More than 100 people were detained": by the police of the place it happened,
        else of the country the story is about."""
        place = event_place(verb, matches)
        country = place["country"] if place and place["country"] else context.main_country()
        if not country or country.startswith("IGO"):
            return []
        start = verb.idx - verb.sent.start_char
        return [Actor(verb.text, actor_code(country, "COP"), country, "COP", None, start,
                      start + len(verb.text), rule="passive-authority+context-country")]

    def _speaker_of_misattached(self, verb: Token, subject: Token, matches: list[Match],
                                context: ArticleContext) -> list[Actor]:
        """ "X said the results were fraudulent and called on the army to ...": a verb
        joined to a reported clause whose subject names nobody belongs to the speaker."""
        clause = verb.head
        if verb.dep_ != "conj" or clause.dep_ != "ccomp" or subject.pos_ != "NOUN" or any(
                m.start <= t.i < m.end for t in subject.subtree for m in matches):
            return []
        speaker = subject_of(clause.head)
        return self.actors([speaker], matches, context) if speaker is not None else []

    def _misparsed_subject(self, verb: Token, matches: list[Match],
                           context: ArticleContext) -> list[Actor]:
        """A main verb without a subject is usually a parse error: take the nearest
        actor phrase before it that is not a prepositional object (often an apposition)."""
        # a headline verb parsed like a noun ("Venezuela's opposition rejects ...") keeps
        # its subject as a modifier
        modifiers = ("compound", "poss")
        for token in reversed(verb.doc[verb.sent.start:verb.i]):
            if token.pos_ in ("PROPN", "NOUN") and (
                    token.dep_ in ("appos", "dep", "npadvmod", "ROOT", "nsubj")
                    or token.dep_ in modifiers and token.head.i == verb.i):
                found = self.actors([token], matches, context)
                if found:
                    for actor in found:
                        actor.rule = f"{actor.rule}+misparse"
                    return found
        return []

    def _final_code(self, trigger: Trigger, triggers: list[Trigger]) -> tuple[str | None, Trigger]:
        """Apply frames and the future tense to the trigger's own code."""
        verb, pattern = trigger.token, trigger.pattern
        if pattern.frame:
            governed = [(complement_chain(t.token).index(verb), t) for t in triggers
                        if t is not trigger and verb in complement_chain(t.token)]
            complement = min(governed, key=lambda pair: pair[0])[1] if governed else None
            clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
            if pattern.frame == "agree" and clause is not None and clause.dep_ == "ccomp" and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in PRONOUNS
                    for c in clause.children):
                # "agreed that the Charter must be observed": accord on a statement, not a promise
                return EXPRESS_ACCORD, trigger
            if complement is not None:
                wanted = complement.pattern.cameo
                if wanted.startswith("083") and pattern.frame in CHANGE_CODES:
                    # "demanded that she step down": CAMEO numbers the change sought (0831
                    # leadership, 0832 policy, 0833 rights, 0834 institutions) alike in
                    # appeals (024x) and demands (104x)
                    changed = CHANGE_CODES[pattern.frame] + wanted[3:]
                    if changed in self.codes:
                        return changed, complement
                root = self.codes.root_of(wanted)
                return self.lexicon.frame_code(pattern.frame, root) or pattern.cameo, complement
            return pattern.cameo, trigger
        code = pattern.cameo
        if self.codes.root_of(code) == "15" and trigger.object_token is not None and any(
                c.lower_ in JOINT for c in trigger.object_token.children):
            code = MILITARY_COOPERATION  # CAMEO 062 names joint military exercises
        if any(c.lower_ in FUTURE for v in governing(verb) for c in v.children if c.dep_ == "aux"):
            root = self.codes.root_of(code)
            if root not in ("01", "02", "03", "10", "12", "13"):
                return self.lexicon.frame_code("intend", root) or code, trigger
        return code, trigger

    def _event(self, trigger: Trigger, code: str, source: Actor, target: Actor | None,
               sent: Span, article_id: str, index: int, in_headline: bool,
               context: ArticleContext, fallback: bool, matches: list[Match]) -> Event:
        info = self.codes[code]
        confidence = 0.9
        for actor in (source, target):
            if actor and actor.rule and any(w in actor.rule for w in (
                    "context", "pronoun", "misparse", "event-reference")):
                confidence -= 0.2
        if fallback:
            confidence -= 0.1
        if trigger.pattern.specificity == 0 and not trigger.pattern.frame:
            confidence -= 0.1
        verb = trigger.token
        span_end = (trigger.object_token.idx + len(trigger.object_token.text)
                    if trigger.object_token is not None and trigger.object_token.i > verb.i
                    else verb.idx + len(verb.text))
        start = verb.idx - sent.start_char
        end = span_end - sent.start_char
        day, day_text = event_date(verb, context.date)
        place = event_place(verb, matches)
        return Event(article_id=article_id, sentence_index=index, sentence=sent.text,
                     date=day, date_text=day_text, source=source, target=target, cameo=code,
                     cameo_root=info.root, plover=info.plover, plover_mode=info.plover_mode,
                     quad_class=info.quad_class, goldstein=info.goldstein,
                     rule=trigger.pattern.rule, trigger=sent.text[start:end],
                     trigger_start=start, trigger_end=end, in_headline=in_headline,
                     confidence=round(max(confidence, 0.1), 2),
                     place=place["text"] if place else None,
                     place_country=place["country"] if place else None)

"""Dependency-parse helpers both coders use: subjects, passives, conjuncts, clauses.

Only spaCy's English dependency labels live here; word lists are data
(`data/coding/wordlists.tsv`).
"""
from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
# Clauses whose subject is the governing verb's subject ("..., offering condolences").
INHERITING_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acomp")
RELATIVE_WORDS = ("who", "which", "that")


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


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def passive_agent(verb: Token) -> Token | None:
    """The `by` object of a passive or participle: "a deal brokered by China"."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


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


def participle_heads(verb: Token) -> list[Token]:
    """The clauses a participle follows up: in "fired missiles at Kyiv, striking a hospital
    and killing 31", killing -> striking -> fired."""
    found, current = [], verb
    while current.dep_ in ("advcl", "conj") and current.head.i != current.i and len(found) < 3:
        current = current.head
        found.append(current)
    return found


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The token naming who does `verb`: its subject, the `by` agent of a passive, the
    object that controls an infinitive, or the subject of the clause it continues."""
    if is_passive(verb) or verb.dep_ == "acl" and any(c.dep_ == "agent" for c in verb.children):
        # "a deal brokered by China": a participle's agent is its subject
        return passive_agent(verb)
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ == "WDT" or child.lower_ in RELATIVE_WORDS:
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


def prep_objects(token: Token, preps: tuple[str, ...] | frozenset[str] | str) -> list[Token]:
    """Objects of the token's prepositions that are in `preps`, in sentence order."""
    if isinstance(preps, str):
        preps = (preps,)
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            found.append(child)  # "offered Russia condolences"
    return found


"""Dependency-parse helpers both coders use: subjects, passives, conjuncts, clauses.

Only spaCy's English dependency labels live here; word lists are data
(`data/nlp/wordlists.tsv`).
"""
from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
# Clauses whose subject is the governing verb's subject ("..., offering condolences").
INHERITING_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acomp")
CLAUSE_DEPS = ("advcl", "ccomp", "xcomp")  # clauses a "for ... to" mark can open
RELATIVE_WORDS = ("who", "which", "that")
# Dependents that can negate a verb: "did not condemn", "never met", "neither side withdrew".
NEGATION_DEPS = ("neg", "advmod", "det", "preconj")


def conjuncts(token: Token, *, appositions: bool = False) -> list[Token]:
    """The token and every token conjoined with it ("Israel and Lebanon").

    With `appositions`, an apposition in a list is one more item ("Evil Mordor, the
    awful Fornost, and good Gondor"), and the tokens come in sentence order.
    """
    found = [token]
    later = appositions and [c.i for c in token.children if c.dep_ == "conj"]
    for child in token.children:
        if child.dep_ == "conj" or appositions and child.dep_ == "appos" and (
                any(c.dep_ == "conj" for c in child.children) or any(i > child.i for i in later)):
            found.extend(conjuncts(child, appositions=appositions))
    return sorted(found, key=lambda t: t.i) if appositions else found


def coordination(token: Token) -> list[Token]:
    """All members of the coordination the token is part of ("teams and supplies")."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return conjuncts(first)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def by_phrase(verb: Token) -> Token | None:
    """The `by` of a passive or participle ("a deal brokered by China"), if it has one."""
    return next((c for c in verb.children if c.dep_ == "agent"), None)


def passive_agent(verb: Token) -> Token | None:
    """The `by` object of a passive or participle: "a deal brokered by China"."""
    by = by_phrase(verb)
    return None if by is None else next((c for c in by.children if c.dep_ == "pobj"), None)


def is_relative_pronoun(token: Token) -> bool:
    """ "who", "which", "that" as a clause's subject: "the envoy who met Putin"."""
    return token.tag_ == "WDT" or token.lower_ in RELATIVE_WORDS


def has_negation(tokens: Iterable[Token], words: Collection[str],
                 deps: tuple[str, ...] = NEGATION_DEPS, *, no_longer: bool = True) -> bool:
    """Whether one of the tokens has a `neg` dependent, or one of `words` among its
    dependents labelled `deps` ("did not condemn", "never met"); with `no_longer`,
    "no longer" among them too ("no longer supplies")."""
    return any(c.dep_ == "neg" or c.dep_ in deps and (
        c.lower_ in words or no_longer and c.lower_ == "longer"
        and any(g.lower_ == "no" for g in c.children))
        for t in tokens for c in t.children)


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
    if is_passive(verb) or verb.dep_ == "acl" and by_phrase(verb) is not None:
        # "a deal brokered by China": a participle's agent is its subject
        return passive_agent(verb)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # of two subjects the nearest is the real one: a subheading fused to the next
        # sentence, "International reaction A U.S. spokesperson urged ...", gives two
        child = max(subjects, key=lambda c: c.i if c.i < verb.i else -1)
        if is_relative_pronoun(child):
            return verb.head if verb.dep_ == "relcl" else None
        return child
    if verb.dep_ == "xcomp":
        # object control: in "invited Netanyahu to visit", Netanyahu visits; the subject
        # of a passive controls too: "Modi is set to visit", "Iran was asked to mediate"
        controller = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj")), None) \
            or next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        if controller is not None:
            return controller
    if depth < 3 and verb.dep_ in INHERITING_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def reporting_speaker(verb: Token, reporting_verbs: Collection[str]) -> Token | None:
    """Who reports the clause `verb` heads: in "Kyiv said Russia had shelled Kharkiv" and
    '"Russia shelled Kharkiv," Kyiv said', Kyiv (None outside reported speech)."""
    clause = verb
    # "said Russia had shelled Kharkiv and hit a school", "said Russia ought to withdraw"
    while clause.head.i != clause.i and (
            clause.dep_ == "conj" or clause.dep_ == "xcomp" and clause.head.tag_ == "MD"):
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in reporting_verbs:
        return None
    return subject_of(clause.head)


def prep_objects(token: Token, preps: tuple[str, ...] | frozenset[str] | str | None = None
                 ) -> list[Token]:
    """Objects of the token's prepositions that are in `preps`, in sentence order; with
    no `preps`, the objects of all its prepositional phrases ("soldiers from Gondor")."""
    if preps is None:
        return [c for child in token.children if child.dep_ == "prep"
                for c in child.children if c.dep_ == "pobj"]
    if isinstance(preps, str):
        preps = (preps,)
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            found.append(child)  # "offered Russia condolences"
        elif child.dep_ in CLAUSE_DEPS and any(m.dep_ == "mark" and m.lower_ in preps
                                                for m in child.children):
            # "called for the Taliban to lift the ban": the clause's subject is the object
            found.extend(c for c in child.children if c.dep_ == "nsubj")
    return found


def has_clause_mark(token: Token, prep: str) -> bool:
    """ "called for the Taliban to lift": `for` marks a clause whose subject is asked."""
    return any(child.dep_ in CLAUSE_DEPS and any(
        m.dep_ == "mark" and m.lower_ == prep for m in child.children)
        and any(c.dep_ == "nsubj" for c in child.children) for child in token.children)


"""What a sentence teaches the article's memory beyond its events: its main subject,
the people and bodies it names, and names learned from the titles before them.

Each function only returns a `Learned`; the engine commits it.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..model import Actor, Provenance
from .dictionary import ActorDictionary
from .matching import Match
from .memory import DiscourseMemory, Learned
from .resolver import ActorResolver, actor_code, entry_provenance, group_code


def subject_learned(resolver: ActorResolver, sent: Span, matches: list[Match],
                    memory: DiscourseMemory, pronouns: frozenset[str]) -> Learned:
    """The main clause's subject, even when nothing was coded: "Moscow denies it.
    It accuses NATO ..." makes Moscow the next "it"."""
    learned = Learned()
    subject = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in pronouns:
        return learned
    actor = resolver.resolve(subject, matches, memory.reading(learned), learned)
    if actor is not None and (not memory.mentions or memory.mentions[-1].code != actor.code):
        learned.mentions.append(actor)
    return learned


def mentions_learned(dictionary: ActorDictionary, tokens: Doc | Span, matches: list[Match],
                     memory: DiscourseMemory) -> Learned:
    """Named people, groups and IGOs of a sentence, for pronouns and "the court" later;
    and people the dictionaries do not know, by the title before their name."""
    learned = titled_names(tokens, matches, memory)
    for m in matches:
        entry = m.entry
        if entry.kind == "person":
            role, _ = dictionary.person_on(entry.key, memory.date)
            code = actor_code(role.country, role.sector)
            actor = Actor(entry.phrase, code, role.country, role.sector, role.name,
                          provenance=entry_provenance(entry))
            learned.mentions.append(actor)
            # "Imran Khan ... Khan demanded": the surname alone is the same person
            learned.names[entry.phrase.split()[-1]] = actor
        elif entry.kind in ("group", "igo"):
            learned.mentions.append(Actor(
                entry.phrase, group_code(entry), entry.country, entry.sector,
                dictionary.names.get(entry.key),
                provenance=Provenance("mention", entry.rule, entry.kind)))
    return learned


def titled_names(tokens: Doc | Span, matches: list[Match], memory: DiscourseMemory
                 ) -> Learned:
    """ "Foreign Secretary Vikram Misri announced ..." (even where nothing was coded):
    a later "Misri" is India's foreign secretary."""
    learned = Learned()
    if not any(m.entry.kind == "title" for m in matches):
        return learned
    known = memory.reading(learned).names
    taken = {j for m in matches for j in range(m.start, m.end)}
    for i, m in enumerate(matches):
        if m.entry.kind != "title":
            continue
        end = m.end
        while end < len(tokens) and end - m.end < 4 and end not in taken \
                and tokens[end].is_title and tokens[end].is_alpha:
            end += 1
        named_by = next((o for o in reversed(matches[:i]) if o.end >= m.start - 2
                         and o.entry.kind in ("country", "demonym", "capital")), None)
        if end == m.end or named_by is None or tokens[end - 1].text in known:
            continue
        country, sector = named_by.entry.country, m.entry.sector
        name = tokens[m.end:end].text
        learned.names[tokens[end - 1].text] = Actor(
            name, actor_code(country, sector), country, sector, name,
            provenance=Provenance("title-name", m.entry.rule, m.entry.kind))
    return learned

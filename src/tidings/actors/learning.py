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
    reporting = resolver.words["reporting_verbs"]
    for verb in (t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in reporting):
        # the one who says it, for the "we" of a quote that goes on in the next sentence
        speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        actor = resolver.resolve(speaker, matches, memory.reading(learned), learned) \
            if speaker is not None else None
        if actor is not None:
            learned.speakers.append(actor)
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
    for surname, actor in described_names(tokens, matches, memory).names.items():
        learned.names.setdefault(surname, actor)
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
                         and o.entry.kind in ("country", "demonym", "capital", "igo", "group")),
                        None)
        if end == m.end or named_by is None or tokens[end - 1].text in known:
            continue
        owner = named_by.entry
        country, sector = owner.country, m.entry.sector
        if owner.kind == "igo":
            country = owner.key  # "U.N. envoy X" speaks for the UN: IGOUNO
        elif owner.kind == "group":
            if not country:
                continue  # a group with no country has no office of its own to code
            if owner.sector not in (None, "GOV"):
                sector = owner.sector  # "Hamas spokesman X" is Hamas's, PSEREB
        name = tokens[m.end:end].text
        learned.names[tokens[end - 1].text] = Actor(
            name, actor_code(country, sector), country, sector, name,
            provenance=Provenance("title-name", m.entry.rule, m.entry.kind))
    return learned


APPOSITION_REACH = 8  # tokens after the comma in which the description names role and country


def described_names(tokens: Doc | Span, matches: list[Match], memory: DiscourseMemory
                    ) -> Learned:
    """ "Abdi Hashi, a Somali senator, said ...", "said Mohamed Gaas, director of
    Somalia's Raad institute": a person the dictionaries do not know, described right
    after the name, is known by the surname for the rest of the article."""
    learned = Learned()
    known = memory.reading(learned).names
    taken = {j for m in matches for j in range(m.start, m.end)}
    for i, token in enumerate(tokens):
        if token.text != "," or i < 2:
            continue
        name_end = i
        start = i
        while start > 0 and i - start < 4 and start - 1 not in taken \
                and tokens[start - 1].is_title and tokens[start - 1].is_alpha:
            start -= 1
        if name_end - start < 2 or tokens[name_end - 1].text in known:
            continue  # a full name, two words at least ("Abdi Hashi")
        stop = next((j for j in range(i + 1, min(len(tokens), i + 1 + APPOSITION_REACH))
                     if tokens[j].text in (",", ".", ";")), min(len(tokens), i + 1 + APPOSITION_REACH))
        described = [m for m in matches if i < m.start and m.end <= stop]
        role = next((m for m in described if m.entry.kind in ("title", "body")), None)
        place = next((m for m in described if m.entry.kind in ("country", "demonym", "capital")), None)
        if role is None or place is None:
            continue
        country, sector = place.entry.country, role.entry.sector
        name = tokens[start:name_end].text
        learned.names[tokens[name_end - 1].text] = Actor(
            name, actor_code(country, sector), country, sector, name,
            provenance=Provenance("title-name", role.entry.rule, role.entry.kind))
    return learned

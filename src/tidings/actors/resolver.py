"""Turn noun phrases of a parsed sentence into actor codes.

The gazetteer (names, demonyms, capitals, IGOs, groups, people, sector words)
is matched with spaCy's PhraseMatcher; a noun phrase's actor is assembled from
the matches inside it: a person fixes country and sector by the article's date,
otherwise a country (name, demonym, capital or possessive) combines with a
sector word ("the Syrian Foreign and Expatriates Ministry" -> SYR + GOV).
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..model import Actor, Provenance
from ..nlp.wordlists import WordLists
from .dictionary import ActorDictionary, Entry
from .matching import ActorMatcher, Match  # noqa: F401  (Match: re-exported)
from .memory import Learned, MemoryReads

# Parts of a noun phrase that are not the actor itself.
CUT_DEPS = {"relcl", "acl", "advcl", "conj", "cc", "punct", "prep", "det", "preconj", "appos"}


def entry_provenance(entry: Entry, *steps: str) -> Provenance:
    """The provenance of an actor read straight from a gazetteer entry."""
    return Provenance("dictionary", entry.rule, entry.kind, steps)


def actor_code(country: str, sector: str | None) -> str:
    """CAMEO-style code: country + sector; an IGO's own code stands alone ("IGOUNO")."""
    return country if country.startswith("IGO") else country + (sector or "")


def group_code(entry: Entry) -> str:
    """A group with a home country codes as country + sector ("Hamas" -> PSEREB); its
    name keeps which group it is. IGOs keep their own code, and so do transnational
    groups until the story gives them a country (see `_assemble`)."""
    return actor_code(entry.country, entry.sector) if entry.country and entry.sector \
        else entry.key


class ActorResolver:
    """Find actor names in a Doc and resolve noun phrases to Actors."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab, words: WordLists):
        self.dictionary = dictionary
        self.matcher = ActorMatcher(dictionary, vocab, words)
        self.words = words  # pronouns, proxy nouns, currencies ... (data/nlp/wordlists.tsv)

    def find(self, doc: Doc | Span, day: dt.date | None = None) -> list[Match]:
        """Non-overlapping gazetteer matches (see `ActorMatcher.find`)."""
        return self.matcher.find(doc, day)

    # -- noun phrase -> actor -------------------------------------------------

    def phrase_tokens(self, head: Token) -> list[Token]:
        """The head and its modifiers, without clauses, conjuncts or PPs (but `of`)."""
        keep = [head]
        for child in head.children:
            if child.dep_ in CUT_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
                continue
            keep.extend(child.subtree)
        return sorted(keep, key=lambda t: t.i)

    def resolve(self, head: Token, matches: list[Match], memory: MemoryReads, learned: Learned) -> Actor | None:
        """The actor that the noun phrase headed by `head` names, or None."""
        sent = head.sent
        if head.lower_ in self.words["pronouns"]:
            speaker = self._speaker(head, matches, memory, learned)
            if speaker is None and head.lower_ in self.words["speaker_pronouns"]:
                # '"We have urged the authorities to act," the spokesperson said. "We will
                # ...': a quote that goes on is still the last speaker's
                speaker = memory.last_speaker()
            if speaker is not None:
                return self._at(speaker, head, head, sent, Provenance("pronoun", head.lower_))
        if head.lower_ in self.words["thing_pronouns"]:
            host = self._host_argument(head, matches, memory, learned)
            if host is not None:
                return self._at(host, head, head, sent, Provenance("pronoun", head.lower_))
            previous = memory.last_body()
            if previous is None:
                return None
            return self._at(previous, head, head, sent, Provenance("pronoun", head.lower_))
        if head.lower_ in self.words["person_pronouns"]:
            earlier = [m for m in matches if m.entry.kind == "person"
                       and sent.start <= m.start and m.end <= head.i]
            if earlier:
                actor = self._assemble(head, earlier[-1], earlier[-1:], sent, head.i, head.i + 1,
                                       memory, learned, matches)
                if actor:
                    actor.provenance = Provenance("pronoun", head.lower_)
                return actor
            previous = memory.last_person()
            if previous is None:
                return None
            return self._at(previous, head, head, sent, Provenance("pronoun", head.lower_))
        tokens = self.phrase_tokens(head)
        indices = {t.i for t in tokens}
        inside = [m for m in matches if m.start in indices]
        head_match = next((m for m in inside if m.start <= head.i < m.end), None)
        if head_match is not None and head_match.entry.kind == "person" \
                and head_match.entry.phrase in memory.strangers:
            # "Bennett", after the article named "Richard Bennett": not the Bennett we know
            known = memory.names.get(head_match.entry.phrase)
            return self._at(known, head, head, sent, Provenance("article-name")) \
                if known is not None else None
        # appositions name the same actor: "his Russian counterpart, Mikhail Mishustin"
        if head_match is None or head_match.entry.kind in ("title", "body", "demonym"):
            for child in head.children:
                if child.dep_ == "appos":
                    found = self.resolve(child, matches, memory, learned)
                    if found:
                        return found
        if head_match is None and head.pos_ == "PROPN":
            # "Syrian Prime Minister Hussein Arnous", "Kremlin critic Alexei Navalny": an
            # unknown name after the words that say who the person is
            head_match = next((m for m in reversed(inside) if m.entry.kind in ("title", "body")
                               and m.end <= head.i), None)
        if head_match is None and head.pos_ in ("NOUN", "NUM", "PRON") \
                and head.lemma_.lower() not in self.words["currencies"]:
            # "thousands of protesters", "members of parliament": the actor is in the `of` phrase
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        found = self.resolve(pobj, matches, memory, learned)
                        if found:
                            return found
        if head_match is None and head.lemma_.lower() in self.words["proxy_nouns"]:
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ not in self.words["pronouns"]:
                found = self.resolve(owner, matches, memory, learned)
                if found:
                    return found
        if head_match is None and head.lemma_.lower() in self.words["igo_nouns"] and any(
                c.lower_ in ("the", "this") or c.dep_ == "poss" for c in head.children):
            # "the bloc", "the alliance's members": the organisation named before
            body = next((a for a in reversed(memory.mentions)
                         if a.country and a.country.startswith("IGO")), None)
            if body is not None:
                return self._at(body, head.left_edge, head, sent, Provenance("definite", head.lower_))
        if head_match is None:
            known = memory.names.get(head.text)
            if known and head.pos_ == "PROPN":
                return self._at(known, head, head, sent, Provenance("article-name"))
            return None
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens) + 1
        return self._assemble(head, head_match, inside, sent, start, end, memory, learned,
                              matches)

    def _assemble(self, head: Token, head_match: Match, inside: list[Match], sent: Span,
                  start: int, end: int, memory: MemoryReads, learned: Learned, matches: list[Match]
                  ) -> Actor | None:
        doc = head.doc
        entry = head_match.entry
        text = doc[start:end].text
        char_start = doc[start].idx - sent.start_char
        char_end = char_start + len(text)
        people = [m for m in inside if m.entry.kind == "person"]
        if people:
            role, current = self.dictionary.person_on(people[0].entry.key, memory.date)
            sector = role.sector if current else "ELI"
            # officials of an IGO take the IGO's code ("IGOUNO"), not IGO + sector
            code = actor_code(role.country, sector)
            return Actor(text, code, role.country, sector, role.name, char_start, char_end,
                         entry_provenance(people[0].entry))
        owner = next((m for m in inside if m.end <= head_match.start and m.entry.kind in (
            "igo", "country", "capital")), None)
        if entry.kind == "igo" and owner is not None and self._country_of(owner) != entry.key:
            # "the AU's Peace and Security Council", "Russia's Security Council": an organ
            # named like the UN's belongs to its owner
            entry = owner.entry
            if entry.kind != "igo":
                return Actor(text, actor_code(entry.country, "GOV"), entry.country, "GOV", None,
                             char_start, char_end, entry_provenance(entry, "organ"))
        member_of = next((m for m in inside if m.entry.kind == "group" and m.end <= head.i), None)
        if member_of is not None and (
                entry.kind == "body" and head_match.start <= head.i < head_match.end
                or entry.kind == "title" and not member_of.entry.country
                and member_of.end <= head_match.start):
            # "Hamas militants", "Arakan Army fighters": members act as their group; so
            # do the officers of a group with no country ("Islamic State deputy leader X")
            entry = member_of.entry
        if entry.kind in ("group", "igo"):
            # a group with a home country codes as country + sector ("Hamas" -> PSEREB);
            # its name keeps which group it is
            code, country = group_code(entry), entry.country
            if entry.kind == "group" and not country and code.startswith("IMG"):
                # a transnational armed group codes where the story is, as the gold sets
                # code it: Islamic State in an Iraqi story is IRQREB, al-Qaeda's affiliate
                # in Burkina Faso BFAREB; with no country in the story it keeps its own code
                country = memory.main_country()
                if country:
                    code = actor_code(country, entry.sector)
            return Actor(text, code, country, entry.sector,
                         self.dictionary.names.get(entry.key), char_start, char_end,
                         entry_provenance(entry))
        # what fixes the country: a name, demonym or capital, or a body that belongs to one
        # ("Kremlin spokesman", "EU spokesperson")
        countries = [m for m in inside if (m.entry.kind in ("country", "capital", "demonym")
                     or m.entry.kind == "igo" or (m.entry.kind == "group" and m.entry.country))
                     and not self._patron(doc, m)]
        sectors = [m for m in inside if m.entry.kind in ("title", "body")]
        sector_match = next((m for m in sectors if m.start <= head.i < m.end), None) or \
            (sectors[-1] if sectors else None)
        # the nearest modifier before the head names its country ("Canadian diplomats of
        # interfering in India's affairs"), else the first after it ("the ministry of Russia")
        before = [m for m in countries if m.start <= head.i]
        chosen = before[-1] if before else countries[0] if countries else None
        country = self._country_of(chosen) if chosen else None
        provenance = entry_provenance(entry)
        if sector_match:
            sector = sector_match.entry.sector
            qualifier = next((m for m in sectors if m.end <= sector_match.start
                              and m.entry.sector in self.words["non_state"]), None)
            if qualifier is not None:
                sector = qualifier.entry.sector  # "separatist authorities", "rebel commanders"
            if sector_match.entry.kind == "title" and chosen is not None and \
                    chosen.entry.kind == "group" and chosen.entry.sector not in (None, "GOV"):
                sector = chosen.entry.sector  # "Hamas commander X", "CHP leader X"
        elif entry.kind == "demonym":
            # "Syrians", "a Briton" are people of that country; "North Korean missiles"
            # (the adjective on an act or thing) belong to its state
            sector = "CVL"
        else:
            sector = entry.sector  # a country or capital on its own is its government
        name = None
        propn = ([t for t in doc[start:end] if t.pos_ == "PROPN" and t.i >= sector_match.end]
                 if sector_match else [])
        if sector_match and (sector_match.entry.kind == "title" or propn):
            holder = (self.dictionary.holder_of(country, sector_match.entry.key, memory.date)
                      if country else None)
            if propn:
                name = " ".join(t.text for t in propn)
            elif holder:
                name = holder.name
            if country is None and propn:
                known = memory.names.get(propn[-1].text)
                country = known.country if known else None
        elif sector_match and doc[sector_match.start].is_title and country:
            name = text.removeprefix("the ").removeprefix("The ")
        if country is None and sector_match and sector_match.entry.kind == "title" and not propn:
            # "the king", "the minister's": the last person named who holds that office
            holder = self._titled_mention(sector_match.entry.key, memory)
            if holder is not None:
                return self._at(holder, doc[start], doc[end - 1], sent,
                                Provenance("title-mention", sector_match.entry.key))
        if country is None and any(c.lower_ in self.words["stateless"] for c in head.children
                                   if c.dep_ in ("amod", "compound")):
            return None  # "the international community" belongs to no one country
        if country is None and sector_match is not None:
            # "the bloc's leaders", "the alliance's members": the owner's country
            owner = next((c for c in head.children if c.dep_ == "poss"
                          and c.lower_ not in self.words["pronouns"]), None)
            owned = self.resolve(owner, matches, memory, learned) if owner is not None else None
            if owned is not None and owned.country:
                country, provenance = owned.country, provenance.then("owner")
        if country is None:
            located = self._location(head, matches)
            if located:
                country, provenance = self._country_of(located), provenance.then("location")
        if country is None and head.i > 0 and doc[head.i - 1].lower_ in ("the", "this"):
            # "the court", "the ministry": the body named earlier in the article
            earlier = memory.named_like(head.lemma_)
            if earlier is not None:
                return self._at(earlier, doc[start], doc[end - 1], sent, Provenance("definite", head.lower_))
        if country is None:
            previous = memory.last_with_sector(sector) if sector else None
            country = previous.country if previous else memory.main_country()
            provenance = provenance.then("context-country")
            if country is None:
                return None
        code = actor_code(country, sector)
        if name and sector_match and (sector_match.entry.kind == "title" or propn):
            provenance = provenance.as_kind("title")
        actor = Actor(text, code, country, sector, name, char_start, char_end, provenance)
        if provenance.kind == "title":
            learned.name(actor)
        return actor

    def _titled_mention(self, title: str, memory: MemoryReads) -> Actor | None:
        for actor in reversed(memory.mentions[-40:]):
            if actor.name and actor.country and not actor.country.startswith("IGO"):
                holder = self.dictionary.holder_of(actor.country, title, memory.date)
                if holder is not None and holder.name == actor.name:
                    return actor
        return None

    def _speaker(self, pronoun: Token, matches: list[Match], memory: MemoryReads, learned: Learned
                 ) -> Actor | None:
        """In "the EU said it would impose sanctions", `it` is the one who said so."""
        clause = pronoun.head
        # '"We condemn the jailbreak and we urge calm," Moise tweeted': the second clause,
        # joined to the first, is said by the same speaker
        while clause.dep_ in ("conj", "advcl") and clause.head.i != clause.i:
            clause = clause.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("ccomp", "xcomp"):
            return None
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if speaker is None:
            return None
        # '"I urge them to talk," he said': "he" is found as any pronoun is
        return self.resolve(speaker, matches, memory, learned)

    def _host_argument(self, pronoun: Token, matches: list[Match], memory: MemoryReads,
                       learned: Learned) -> Actor | None:
        """In "Taliban officials ignore VOA because they banned it", `they` is the main
        clause's subject; in "no country recognised the Taliban since they seized power",
        its object (a singular subject is no "they")."""
        clause = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "advcl" \
                or clause.head.pos_ not in ("VERB", "AUX"):
            return None
        plural = pronoun.lower_ in ("they", "them")
        for arg in (c for c in clause.head.children if c.dep_ in ("nsubj", "dobj", "obj")):
            if arg.lower_ in self.words["pronouns"] or (arg.tag_ in ("NNS", "NNPS")) != plural \
                    and not (plural and arg.pos_ == "PROPN"):
                continue
            actor = self.resolve(arg, matches, memory, learned)
            if actor is not None and not (actor.provenance and actor.provenance.is_person):
                return actor
        return None

    def _patron(self, doc: Doc, match: Match) -> bool:
        """ "an Iran-backed group" is not Iran's own (but a "Saudi-led coalition" is Saudi's)."""
        return match.end + 1 < len(doc) and doc[match.end].text == "-" \
            and doc[match.end + 1].lower_ in self.words["patron_words"]

    @staticmethod
    def _country_of(match: Match) -> str | None:
        return match.entry.key if match.entry.kind == "igo" else match.entry.country

    @staticmethod
    def _location(head: Token, matches: list[Match]) -> Match | None:
        """A place that tells the country: on the phrase ("militants in Gaza", "police from
        Kenya"), else on its verb ("police detained protesters in Cairo")."""
        holders = [head]
        if head.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "dative"):
            holders.append(head.head)
        for child in (c for h in holders for c in h.children):
            if child.dep_ == "prep" and child.lower_ in ("in", "from"):
                span = {t.i for t in child.subtree}
                found = [m for m in matches if m.start in span
                         and m.entry.kind in ("country", "capital", "demonym")]
                if found:
                    return found[0]
        return None

    @staticmethod
    def _at(actor: Actor, first: Token, last: Token, sent: Span, provenance: Provenance
            ) -> Actor:
        start = first.idx - sent.start_char
        return Actor(sent.doc[first.i:last.i + 1].text, actor.code, actor.country, actor.sector,
                     actor.name, start, start + len(sent.doc[first.i:last.i + 1].text), provenance)

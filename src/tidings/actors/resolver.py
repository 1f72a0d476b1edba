"""Turn noun phrases of a parsed sentence into actor codes.

The gazetteer (names, demonyms, capitals, IGOs, groups, people, sector words)
is matched with spaCy's PhraseMatcher; a noun phrase's actor is assembled from
the matches inside it: a person fixes country and sector by the article's date,
otherwise a country (name, demonym, capital or possessive) combines with a
sector word ("the Syrian Foreign and Expatriates Ministry" -> SYR + GOV).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..model import Actor
from .dictionary import ActorDictionary, Entry

PROPER_KINDS = ("person", "group", "igo", "country", "capital", "demonym")
# Preference when two matches cover the same tokens.
KIND_RANK = {"person": 0, "group": 1, "igo": 2, "country": 3, "capital": 4, "demonym": 5,
             "title": 6, "body": 7}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
THING_PRONOUNS = {"it", "they", "them"}
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | {"we"}
# Nouns that speak or act for their possessor: "the prosecutor general's office",
# "Bolsonaro's lawyer", "Navalny's team" are that actor.
PROXY_NOUNS = {"office", "team", "camp", "lawyer", "attorney", "aide", "campaign",
               "spokesman", "spokeswoman", "spokesperson", "representative"}
# Sectors that, as a modifier, say which side a role noun is on ("opposition lawmakers").
NON_STATE = {"REB", "SEP", "INS", "OPP", "UAF"}
# Nouns that refer back to an organisation ("the bloc", "the alliance").
IGO_NOUNS = {"bloc", "alliance", "union", "organisation", "organization", "grouping"}
# Money named after a country is not that country ("the U.S. dollar", "Korea's currency").
CURRENCIES = {"dollar", "yen", "yuan", "renminbi", "euro", "pound", "sterling", "franc", "mark",
              "lira", "peso", "rupee", "rouble", "ruble", "won", "rand", "real", "dinar",
              "riyal", "dirham", "shekel", "currency", "bond", "stock", "share", "crown", "krona"}
# Modifiers that make a body nobody's in particular ("the international community").
STATELESS = {"international", "global", "world", "foreign", "western", "arab", "muslim"}
# Words before a surname that do not make it someone else's ("Mr Trump", "Sheikh Hasina").
HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Sheikh", "Sheik",
              "Emir", "Prince", "Princess", "King", "Queen", "Ayatollah", "Imam", "Rabbi", "Pope",
              "General", "Gen", "Colonel", "Col", "Major", "Maj", "Captain", "Capt", "Admiral",
              "Adm", "Marshal", "Field", "Senator", "Sen", "Rep", "Judge", "Justice", "Madam",
              "Comrade", "Brother", "Sister", "Father", "Saint", "St", "President", "Premier",
              "Chancellor", "Minister", "Secretary", "Governor", "Gov", "Mayor", "Ambassador"}
# "<country>-backed": the country supports the actor, it is not the actor's country.
PATRON_WORDS = {"backed", "supported", "sponsored", "funded", "financed", "aligned", "allied",
                "linked", "affiliated", "inspired", "armed", "trained", "friendly"}
# Parts of a noun phrase that are not the actor itself.
CUT_DEPS = {"relcl", "acl", "advcl", "conj", "cc", "punct", "prep", "det", "preconj", "appos"}


@dataclass
class Match:
    start: int  # token index in the doc
    end: int
    entry: Entry


@dataclass
class ArticleContext:
    """What the resolver remembers while reading one article."""

    date: dt.date
    mentions: list[Actor] = field(default_factory=list)  # resolved actors, in reading order
    names: dict[str, Actor] = field(default_factory=dict)  # surname -> actor learned in this article
    countries: dict[str, int] = field(default_factory=dict)  # mention counts, for sector-only actors
    groups: list[list[Actor]] = field(default_factory=list)  # actors of different countries named together

    # (source, target, CAMEO root) of the events coded so far
    acts: list[tuple[Actor, Actor | None, str]] = field(default_factory=list)

    def remember(self, actor: Actor) -> None:
        self.mentions.append(actor)

    def last_agent(self, referrer: Actor, roots: frozenset[str] | None = None) -> Actor | None:
        """Who did the latest act (of one of `roots`) that `referrer` speaks of: a foreign
        actor's act on the referrer's country first ("Pakistan called the strikes an act of
        war": India's strikes on Pakistan), else the latest act by anyone else."""
        acts = [(a, t) for a, t, root in reversed(self.acts)
                if a.code != referrer.code and (roots is None or root in roots)]
        return next((a for a, t in acts if t is not None and t.country == referrer.country
                     and a.country != referrer.country), None) or \
            next((a for a, _ in acts), None)

    def last_accuser(self, accused: Actor, recent: list[tuple[Actor, Actor | None, str]] = ()
                     ) -> Actor | None:
        """Who last accused or criticised `accused` (same code, or same country), looking
        at `recent` acts (of the sentence being coded) first."""
        for source, target, root in reversed(self.acts + list(recent)):
            if root == "11" and target is not None and source.code != accused.code and (
                    target.code == accused.code or target.country == accused.country):
                return source
        return None

    def last_parties(self, roots: frozenset[str]) -> list[Actor] | None:
        """Both sides of the latest act with one of `roots` ("the agreement" they reached)."""
        return next(([source, target] for source, target, root in reversed(self.acts)
                     if target is not None and root in roots), None)

    def last_victim(self, roots: frozenset[str], author: Actor) -> Actor | None:
        """The target of the latest act of one of `roots`, by `author`'s country if any
        ("JNIM claimed responsibility": for the attack on the soldiers)."""
        struck = [(source, target) for source, target, root in self.acts
                  if root in roots and target is not None and target.code != author.code]
        own = [target for source, target in struck if source.country == author.country]
        return (own or [target for _, target in struck] or [None])[-1]

    def last_target_of(self, source: Actor) -> Actor | None:
        """The target of `source`'s latest act ("Russia massed troops ... Moscow denies
        planning an attack": the denial is addressed to Ukraine)."""
        return next((target for actor, target, _ in reversed(self.acts)
                     if actor.country == source.country and target is not None
                     and target.country != source.country), None)

    def last_person(self) -> Actor | None:
        return next((a for a in reversed(self.mentions) if a.name and a.sector and a.rule
                     and a.rule.startswith(("people.tsv", "title"))), None)

    def last_pair(self) -> list[Actor] | None:
        """The last two distinct actors mentioned, most recent last."""
        return self.last_actors(2)

    def last_actors(self, size: int, exclude: frozenset[str] = frozenset()) -> list[Actor] | None:
        """The last `size` distinct actors mentioned (none of the countries in `exclude`),
        most recent last."""
        return self._last(size, lambda a, b: a.code == b.code, exclude)

    def last_countries(self, size: int, exclude: frozenset[str] = frozenset()
                       ) -> list[Actor] | None:
        """The last `size` distinct countries mentioned (not in `exclude`), most recent last."""
        return self._last(size, lambda a, b: a.country == b.country, exclude, states=True)

    def _last(self, size: int, same, exclude: frozenset[str], states: bool = False
              ) -> list[Actor] | None:
        found: list[Actor] = []
        for actor in reversed(self.mentions):
            if actor.country in exclude or states and (
                    not actor.country or actor.country.startswith("IGO")):
                continue
            if all(not same(a, actor) for a in found):
                found.insert(0, actor)
            if len(found) == size:
                return found
        return None

    def last_group(self, size: int, exclude: frozenset[str] = frozenset()) -> list[Actor] | None:
        """The latest actors of `size` different countries named together, none in `exclude`."""
        return next((group for group in reversed(self.groups)
                     if len({a.country for a in group}) == size
                     and not any(a.country in exclude for a in group)), None)

    def last_body(self) -> Actor | None:
        """The latest actor that is not a person (for "it", "they")."""
        return next((a for a in reversed(self.mentions) if a.rule and not a.rule.startswith(
            ("people.tsv", "title", "pronoun", "mention"))), None)

    def last_with_sector(self, sector: str) -> Actor | None:
        return next((a for a in reversed(self.mentions) if a.sector == sector and a.country), None)

    def named_like(self, word: str) -> Actor | None:
        """The latest named actor whose name contains `word` ("court" -> the ICC)."""
        word = word.lower()
        return next((a for a in reversed(self.mentions)
                     if a.name and word in a.name.lower().split()), None)

    def main_country(self) -> str | None:
        return max(self.countries, key=self.countries.get) if self.countries else None


def in_title_case(token: Token) -> bool:
    """Whether the token's sentence capitalises most words (a Title Case or ALL-CAPS
    headline), where capitals say nothing about names."""
    words = [t for t in token.sent if t.is_alpha]
    return sum(t.is_title or t.is_upper for t in words) > 0.6 * len(words)


def actor_code(country: str, sector: str | None) -> str:
    """CAMEO-style code: country + sector; an IGO's own code stands alone ("IGOUNO")."""
    return country if country.startswith("IGO") else country + (sector or "")


def group_code(entry: Entry) -> str:
    """A group with a home country codes as country + sector ("Hamas" -> PSEREB); its
    name keeps which group it is. Transnational groups and IGOs keep their own code."""
    return actor_code(entry.country, entry.sector) if entry.country and entry.sector \
        else entry.key


def plural_forms(phrase: str) -> list[str]:
    """The phrase and plausible plurals of its last word (protester -> protesters)."""
    head, _, last = phrase.rpartition(" ")
    forms = {last, last + "s"}
    if last.endswith(("s", "x", "ch", "sh")):
        forms.add(last + "es")
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        forms.add(last[:-1] + "ies")
    if last.endswith("man"):
        forms.add(last[:-3] + "men")
    return [f"{head} {f}".strip() for f in sorted(forms)]


class ActorResolver:
    """Find actor names in a Doc and resolve noun phrases to Actors."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab):
        self.dictionary = dictionary
        self.proper = PhraseMatcher(vocab, attr="ORTH")
        self.common = PhraseMatcher(vocab, attr="LOWER")
        self.entries: dict[str, list[Entry]] = {}
        tokenizer = English().tokenizer  # the rule tokenizer of the model, without its weights
        for entry in dictionary.entries:
            proper = entry.kind in PROPER_KINDS
            phrases = [entry.phrase] if proper else plural_forms(entry.phrase)
            for phrase in phrases:
                key = f"{entry.kind}|{phrase}"
                if key not in self.entries:
                    self.entries[key] = []
                    doc = tokenizer(phrase)
                    words = [t.text for t in doc]
                    matcher = self.proper if proper else self.common
                    matcher.add(key, [Doc(vocab, words=words)])
                    if proper and phrase.upper() != phrase and len(phrase) > 3:
                        matcher.add(key, [Doc(vocab, words=[w.upper() for w in words])])
                if entry not in self.entries[key]:
                    self.entries[key].append(entry)

    def find(self, doc: Doc | Span, day: dt.date | None = None) -> list[Match]:
        """Non-overlapping gazetteer matches, longest and most specific first; of two
        people with the same name ("Clinton"), the one in office nearest to `day`."""
        vocab = doc.vocab
        found: list[Match] = []
        for matcher in (self.proper, self.common):
            for key_id, start, end in matcher(doc):  # offsets are the Doc's, also for a Span
                for entry in self.entries[vocab.strings[key_id]]:
                    found.append(Match(start, end, entry))
        others = {i for m in found if m.entry.kind != "person" for i in range(m.start, m.end)}
        found = [m for m in found if not self._inside_name(doc, m)
                 and not self._other_person(doc, m, others)
                 and not self._starts_name(doc, m, others)]
        found.sort(key=lambda m: (-(m.end - m.start), KIND_RANK[m.entry.kind], m.start,
                                  self._distance(m.entry, day)))
        taken: set[int] = set()
        chosen = []
        for m in found:
            span = set(range(m.start, m.end))
            if span & taken:
                continue
            taken |= span
            chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)

    def _distance(self, entry: Entry, day: dt.date | None) -> int:
        if day is None or entry.kind != "person":
            return 0
        return min(role.distance(day) for role in self.dictionary.people[entry.key])

    @staticmethod
    def _other_person(doc: Doc | Span, match: Match, others: set[int]) -> bool:
        """ "Ahmed Ghandour" is not Ibrahim Ghandour: a one-word alias next to a name that
        is not the person's own names someone else."""
        if match.entry.kind != "person" or " " in match.entry.phrase:
            return False
        names = match.entry.key.split()
        if in_title_case(doc.doc[match.start]):
            return False
        neighbours = [doc.doc[i] for i in (match.start - 1, match.end)
                      if 0 <= i < len(doc.doc) and i not in others]
        # "Ahmed Ghandour" (another given name), "Jean-Pierre Fabre" (another surname)
        tagged = doc.doc.has_annotation("TAG")  # sentences are matched before parsing too
        return any(t.is_title and t.is_alpha and (t.pos_ == "PROPN" or not tagged)
                   and t.text not in HONORIFICS and t.text not in names
                   and not (tagged and t.is_sent_start) for t in neighbours)

    @staticmethod
    def _starts_name(doc: Doc | Span, match: Match, others: set[int]) -> bool:
        """ "British Columbia", "Indian Ocean", "Saudi Aramco": a demonym that begins a
        capitalised name is part of that name, not a nationality."""
        if match.entry.kind != "demonym" or match.end >= len(doc.doc):
            return False
        after = doc.doc[match.end]
        if in_title_case(doc.doc[match.start]):
            return False
        return after.is_title and after.is_alpha and after.i not in others \
            and (after.pos_ == "PROPN" or not doc.doc.has_annotation("TAG"))

    @staticmethod
    def _inside_name(doc: Doc | Span, match: Match) -> bool:
        """A demonym that ends a capitalised name is a surname ("Volker Turk")."""
        if match.entry.kind != "demonym" or match.start == 0:
            return False
        first = doc.start if isinstance(doc, Span) else 0
        if match.start - 1 < first:
            return False
        before = doc.doc[match.start - 1]
        return before.is_title and before.is_alpha and before.pos_ == "PROPN" \
            and not before.is_sent_start

    # -- noun phrase -> actor -------------------------------------------------

    def phrase_tokens(self, head: Token) -> list[Token]:
        """The head and its modifiers, without clauses, conjuncts or PPs (but `of`)."""
        keep = [head]
        for child in head.children:
            if child.dep_ in CUT_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
                continue
            keep.extend(child.subtree)
        return sorted(keep, key=lambda t: t.i)

    def resolve(self, head: Token, matches: list[Match], context: ArticleContext) -> Actor | None:
        """The actor that the noun phrase headed by `head` names, or None."""
        sent = head.sent
        if head.lower_ in PRONOUNS:
            speaker = self._speaker(head, matches, context)
            if speaker is not None:
                return self._at(speaker, head, head, sent, rule=f"pronoun:{head.lower_}")
        if head.lower_ in THING_PRONOUNS:
            previous = context.last_body()
            if previous is None:
                return None
            return self._at(previous, head, head, sent, rule=f"pronoun:{head.lower_}")
        if head.lower_ in PERSON_PRONOUNS:
            earlier = [m for m in matches if m.entry.kind == "person"
                       and sent.start <= m.start and m.end <= head.i]
            if earlier:
                actor = self._assemble(head, earlier[-1], earlier[-1:], sent, head.i, head.i + 1,
                                       context, matches)
                if actor:
                    actor.rule = f"pronoun:{head.lower_}"
                return actor
            previous = context.last_person()
            if previous is None:
                return None
            return self._at(previous, head, head, sent, rule=f"pronoun:{head.lower_}")
        tokens = self.phrase_tokens(head)
        indices = {t.i for t in tokens}
        inside = [m for m in matches if m.start in indices]
        head_match = next((m for m in inside if m.start <= head.i < m.end), None)
        # appositions name the same actor: "his Russian counterpart, Mikhail Mishustin"
        if head_match is None or head_match.entry.kind in ("title", "body", "demonym"):
            for child in head.children:
                if child.dep_ == "appos":
                    found = self.resolve(child, matches, context)
                    if found:
                        return found
        if head_match is None and head.pos_ == "PROPN":
            # "Syrian Prime Minister Hussein Arnous", "Kremlin critic Alexei Navalny": an
            # unknown name after the words that say who the person is
            head_match = next((m for m in reversed(inside) if m.entry.kind in ("title", "body")
                               and m.end <= head.i), None)
        if head_match is None and head.pos_ in ("NOUN", "NUM", "PRON") \
                and head.lemma_.lower() not in CURRENCIES:
            # "thousands of protesters", "members of parliament": the actor is in the `of` phrase
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        found = self.resolve(pobj, matches, context)
                        if found:
                            return found
        if head_match is None and head.lemma_.lower() in PROXY_NOUNS:
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ not in PRONOUNS:
                found = self.resolve(owner, matches, context)
                if found:
                    return found
        if head_match is None and head.lemma_.lower() in IGO_NOUNS and any(
                c.lower_ in ("the", "this") or c.dep_ == "poss" for c in head.children):
            # "the bloc", "the alliance's members": the organisation named before
            body = next((a for a in reversed(context.mentions)
                         if a.country and a.country.startswith("IGO")), None)
            if body is not None:
                return self._at(body, head.left_edge, head, sent, rule=f"definite:{head.lower_}")
        if head_match is None:
            learned = context.names.get(head.text)
            if learned and head.pos_ == "PROPN":
                return self._at(learned, head, head, sent, rule="article-name")
            return None
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens) + 1
        return self._assemble(head, head_match, inside, sent, start, end, context, matches)

    def _assemble(self, head: Token, head_match: Match, inside: list[Match], sent: Span,
                  start: int, end: int, context: ArticleContext, matches: list[Match]
                  ) -> Actor | None:
        doc = head.doc
        entry = head_match.entry
        text = doc[start:end].text
        char_start = doc[start].idx - sent.start_char
        char_end = char_start + len(text)
        people = [m for m in inside if m.entry.kind == "person"]
        if people:
            role, current = self.dictionary.person_on(people[0].entry.key, context.date)
            sector = role.sector if current else "ELI"
            # officials of an IGO take the IGO's code ("IGOUNO"), not IGO + sector
            code = actor_code(role.country, sector)
            return Actor(text, code, role.country, sector, role.name, char_start, char_end,
                         people[0].entry.rule)
        owner = next((m for m in inside if m.end <= head_match.start and m.entry.kind in (
            "igo", "country", "capital")), None)
        if entry.kind == "igo" and owner is not None and self._country_of(owner) != entry.key:
            # "the AU's Peace and Security Council", "Russia's Security Council": an organ
            # named like the UN's belongs to its owner
            entry = owner.entry
            if entry.kind != "igo":
                return Actor(text, actor_code(entry.country, "GOV"), entry.country, "GOV", None,
                             char_start, char_end, f"{entry.rule}+organ")
        member_of = next((m for m in inside if m.entry.kind == "group" and m.end <= head.i), None)
        if entry.kind == "body" and member_of is not None and head_match.start <= head.i < head_match.end:
            # "Hamas militants", "Arakan Army fighters": members act as their group
            entry = member_of.entry
        if entry.kind in ("group", "igo"):
            # a group with a home country codes as country + sector ("Hamas" -> PSEREB);
            # its name keeps which group it is
            code = group_code(entry)
            return Actor(text, code, entry.country, entry.sector,
                         self.dictionary.names.get(entry.key), char_start, char_end, entry.rule)
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
        rule = entry.rule
        if sector_match:
            sector = sector_match.entry.sector
            qualifier = next((m for m in sectors if m.end <= sector_match.start
                              and m.entry.sector in NON_STATE), None)
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
            holder = (self.dictionary.holder_of(country, sector_match.entry.key, context.date)
                      if country else None)
            if propn:
                name = " ".join(t.text for t in propn)
            elif holder:
                name = holder.name
            if country is None and propn:
                learned = context.names.get(propn[-1].text)
                country = learned.country if learned else None
        elif sector_match and doc[sector_match.start].is_title and country:
            name = text.removeprefix("the ").removeprefix("The ")
        if country is None and sector_match and sector_match.entry.kind == "title" and not propn:
            # "the king", "the minister's": the last person named who holds that office
            holder = self._titled_mention(sector_match.entry.key, context)
            if holder is not None:
                return self._at(holder, doc[start], doc[end - 1], sent,
                                rule=f"title-mention:{sector_match.entry.key}")
        if country is None and any(c.lower_ in STATELESS for c in head.children
                                   if c.dep_ in ("amod", "compound")):
            return None  # "the international community" belongs to no one country
        if country is None and sector_match is not None:
            # "the bloc's leaders", "the alliance's members": the owner's country
            owner = next((c for c in head.children if c.dep_ == "poss"
                          and c.lower_ not in PRONOUNS), None)
            owned = self.resolve(owner, matches, context) if owner is not None else None
            if owned is not None and owned.country:
                country, rule = owned.country, f"{rule}+owner"
        if country is None:
            located = self._location(head, matches)
            if located:
                country, rule = self._country_of(located), f"{rule}+location"
        if country is None and head.i > 0 and doc[head.i - 1].lower_ in ("the", "this"):
            # "the court", "the ministry": the body named earlier in the article
            earlier = context.named_like(head.lemma_)
            if earlier is not None:
                return self._at(earlier, doc[start], doc[end - 1], sent, rule="definite:" + head.lower_)
        if country is None:
            previous = context.last_with_sector(sector) if sector else None
            country = previous.country if previous else context.main_country()
            rule = f"{rule}+context-country"
            if country is None:
                return None
        code = actor_code(country, sector)
        actor = Actor(text, code, country, sector, name, char_start, char_end, rule)
        if name and sector_match and (sector_match.entry.kind == "title" or propn):
            actor.rule = f"title:{rule}"
            context.names[name.split()[-1]] = actor
        return actor

    def _titled_mention(self, title: str, context: ArticleContext) -> Actor | None:
        for actor in reversed(context.mentions[-40:]):
            if actor.name and actor.country and not actor.country.startswith("IGO"):
                holder = self.dictionary.holder_of(actor.country, title, context.date)
                if holder is not None and holder.name == actor.name:
                    return actor
        return None

    def _speaker(self, pronoun: Token, matches: list[Match], context: ArticleContext
                 ) -> Actor | None:
        """In "the EU said it would impose sanctions", `it` is the one who said so."""
        clause = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("ccomp", "xcomp"):
            return None
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.lower_ in PRONOUNS:
            return None
        return self.resolve(speaker, matches, context)

    @staticmethod
    def _patron(doc: Doc, match: Match) -> bool:
        """ "an Iran-backed group" is not Iran's own (but a "Saudi-led coalition" is Saudi's)."""
        return match.end + 1 < len(doc) and doc[match.end].text == "-" \
            and doc[match.end + 1].lower_ in PATRON_WORDS

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
    def _at(actor: Actor, first: Token, last: Token, sent: Span, rule: str) -> Actor:
        start = first.idx - sent.start_char
        return Actor(sent.doc[first.i:last.i + 1].text, actor.code, actor.country, actor.sector,
                     actor.name, start, start + len(sent.doc[first.i:last.i + 1].text), rule)

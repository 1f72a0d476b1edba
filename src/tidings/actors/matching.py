"""Find the gazetteer's names in a sentence: spaCy PhraseMatchers over every entry.

Matching is two steps so that callers can reuse the expensive one: `candidates`
runs the PhraseMatchers (every match, overlapping), `select` drops names inside
other names and keeps the longest, most specific of overlapping ones.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import spacy
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..cache import cached_json, digest
from ..nlp.morphology import noun_plurals
from ..nlp.wordlists import WordLists
from .dictionary import ActorDictionary, Entry

# Part of the cache key of the tokenized phrases: change it when `phrase_words` changes.
PATTERNS_VERSION = "1"

PROPER_KINDS = ("person", "group", "igo", "country", "capital", "demonym")
# Preference when two matches cover the same tokens.
KIND_RANK = {"person": 0, "group": 1, "igo": 2, "country": 3, "capital": 4, "demonym": 5,
             "title": 6, "body": 7}

@dataclass
class Match:
    start: int  # token index in the doc
    end: int
    entry: Entry


def in_title_case(token: Token) -> bool:
    """Whether the token's sentence capitalises most words (a Title Case or ALL-CAPS
    headline), where capitals say nothing about names."""
    words = [t for t in token.sent if t.is_alpha]
    return sum(t.is_title or t.is_upper for t in words) > 0.6 * len(words)


def plural_forms(phrase: str) -> list[str]:
    """The phrase and plausible plurals of its last word (protester -> protesters)."""
    head, _, last = phrase.rpartition(" ")
    forms = {last, *noun_plurals(last, guesses=True)}
    return [f"{head} {f}".strip() for f in sorted(forms)]


def phrase_words(phrases: list[str]) -> list[list[str]]:
    """The words spaCy's English tokenizer splits each phrase into ("U.S.-led" -> "U.S.",
    "-", "led"); cached on disk, as tokenizing ~14,000 phrases costs every process that
    codes about 0.2 s."""
    key = digest([PATTERNS_VERSION, spacy.__version__, *phrases])
    return cached_json("phrase-words", key, lambda: tokenize(phrases),
                       lambda words: is_word_lists(words, len(phrases)))


def tokenize(phrases: list[str]) -> list[list[str]]:
    tokenizer = English().tokenizer  # the rule tokenizer of the model, without its weights
    return [[t.text for t in tokenizer(phrase)] for phrase in phrases]


def is_word_lists(value, size: int) -> bool:
    """Whether a cached value has the shape `tokenize` returns (a file edited or cut short)."""
    return isinstance(value, list) and len(value) == size and all(
        isinstance(words, list) and all(isinstance(w, str) for w in words) for words in value)


class ActorMatcher:
    """The dictionary's phrases as two PhraseMatchers: proper names by exact spelling
    (and ALL CAPS), common words ("minister", "protesters") by lower case."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab, words: WordLists):
        self.dictionary = dictionary
        self.words = words  # honorifics (data/nlp/wordlists.tsv)
        self.proper = PhraseMatcher(vocab, attr="ORTH")
        self.common = PhraseMatcher(vocab, attr="LOWER")
        self.entries: dict[str, list[Entry]] = {}
        patterns: list[tuple[str, bool, str]] = []  # (key, proper, phrase), in the order added
        for entry in dictionary.entries:
            proper = entry.kind in PROPER_KINDS
            phrases = [entry.phrase] if proper else plural_forms(entry.phrase)
            for phrase in phrases:
                key = f"{entry.kind}|{phrase}"
                if key not in self.entries:
                    self.entries[key] = []
                    patterns.append((key, proper, phrase))
                if entry not in self.entries[key]:
                    self.entries[key].append(entry)
        # a pattern is the ORTH or LOWER ids of its words, what the matcher would take
        # from a Doc of them ("Kim Jong Un" -> [orth("Kim"), orth("Jong"), orth("Un")]),
        # without making the Doc: spaCy computes each new word's lexeme in Python
        strings = vocab.strings
        tokenized = phrase_words([phrase for _, _, phrase in patterns])
        for (key, proper, phrase), tokens in zip(patterns, tokenized):
            if proper:
                self.proper.add(key, [[strings.add(t) for t in tokens]])
                if phrase.upper() != phrase and len(phrase) > 3:
                    self.proper.add(key, [[strings.add(t.upper()) for t in tokens]])
            else:
                self.common.add(key, [[strings.add(t.lower()) for t in tokens]])

    def find(self, doc: Doc | Span, day: dt.date | None = None) -> list[Match]:
        """Non-overlapping gazetteer matches, longest and most specific first; of two
        people with the same name ("Clinton"), the one in office nearest to `day`; of two
        dated rows with one name ("Germany": West Germany until 1990, then Germany), the
        one that holds on `day`, else the nearest."""
        return self.select(doc, self.candidates(doc), day)

    def candidates(self, doc: Doc | Span) -> list[Match]:
        """Every match of every entry, overlapping, in the PhraseMatchers' order."""
        vocab = doc.vocab
        found: list[Match] = []
        for matcher in (self.proper, self.common):
            for key_id, start, end in matcher(doc):  # offsets are the Doc's, also for a Span
                for entry in self.entries[vocab.strings[key_id]]:
                    found.append(Match(start, end, entry))
        return found

    def select(self, doc: Doc | Span, candidates: list[Match], day: dt.date | None = None
               ) -> list[Match]:
        """The `candidates` (of `doc`) that name an actor, without overlaps, by position."""
        others = {i for m in candidates if m.entry.kind != "person"
                  for i in range(m.start, m.end)}
        found = [m for m in candidates if not self._inside_name(doc, m)
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

    def strangers(self, doc: Doc | Span, candidates: list[Match]) -> set[str]:
        """Surnames of dictionary people that `doc` gives to someone else ("Richard
        Bennett"), which the rest of the article then means by the surname alone."""
        others = {i for m in candidates if m.entry.kind != "person"
                  for i in range(m.start, m.end)}
        def in_full(m: Match) -> bool:  # "Lai" inside "Lai Ching-te" is Lai himself
            return any(o.entry.key == m.entry.key and o.start <= m.start and m.end <= o.end
                       and o.end - o.start > m.end - m.start for o in candidates)
        return {m.entry.phrase for m in candidates
                if self._other_person(doc, m, others) and not in_full(m)}

    def _distance(self, entry: Entry, day: dt.date | None) -> int:
        if day is None:
            return 0
        if entry.kind == "person":
            return min(role.distance(day) for role in self.dictionary.people[entry.key])
        return entry.distance(day)

    def _other_person(self, doc: Doc | Span, match: Match, others: set[int]) -> bool:
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
        # "Mr Trump", "Sheikh Hasina": a title before a surname is no other given name
        honorifics = self.words["honorifics"]
        return any(t.is_title and t.is_alpha and (t.pos_ == "PROPN" or not tagged)
                   and t.text not in honorifics and t.text not in names
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

"""Quotes: the words an article attributes to someone, and who that is.

Quote marks are read straight from the text, paragraph by paragraph (a quote that runs
over several sentences is one; one left open at a paragraph's end, as news style does
when the quote goes on, ends there). Attributions are read from the dependency parse:
the subject of a reporting verb outside the quote marks ('"...," X said', 'X said: "..."',
'"...," said X'), the clause a reporting verb reports ('X said (that) ...'), the words
after 'according to', a short quoted phrase put in the mouth of the subject of a naming
verb ('called the move "a provocation"'). A quote with no attribution of its own after a
quote of the previous paragraph (or of its own) is a continuation by the same speaker.
The speaker phrase is resolved to an actor as the coder resolves any noun phrase, so a
pronoun, "the minister" or "the ministry" is read through the article's memory; beyond
that, a pronoun is the last person named or quoted, a surname the person quoted with the
full phrase before, a report's author speaks for it, a phrase's own title keeps its
sector, a former office holder is an elite (ELI), an official of the armed forces is MIL,
several speakers of different actors are no one actor, and a person no dictionary knows
is placed by the words that describe them (else a civilian of the story's country).
The verbs, phrases and marks are data: data/nlp/quotes.tsv.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span, Token

from ..actors.matching import Match
from ..actors.memory import DiscourseMemory, Learned
from ..actors.resolver import ActorResolver, actor_code, group_code
from ..errors import DictionaryError
from ..model import Actor, Event, Quote
from ..tables import data_path, read_tsv

FORMS = ("quote_verb", "naming_verb", "source_phrase", "quote_mark")
# a quoted phrase of fewer words with no naming verb is a scare quote or a title
# ('the so-called "special military operation"'), not words anyone is quoted saying
SHORT = 4
# a reported clause this much of which is inside quote marks is the direct quote itself
MOSTLY = 0.6
# how far up the parse the speaker of a subjectless reporting verb is looked for
# ("..., announcing that ...": the subject of the verb it hangs from)
CLIMB_DEPS = ("conj", "advcl", "xcomp", "acl", "ccomp")
CLIMB = 3
# modifiers of a speaker's noun that may name whom it speaks for when the noun alone
# names no one ("a spokesperson for the State Department")
FOR_PREPS = ("for", "of", "at", "from")
# the words before the author of a report, an analysis, data ("a report by X")
AUTHOR_PREPS = ("by", "from")
MILITARY = "MIL"
# tokens after "Name," in which a description says where the person is from
DESCRIPTION = 10
# CAMEO's sector of former officials and other elites ("former President X")
ELITE = "ELI"
# a named person no dictionary or earlier sentence places: a civilian of the story's country
CIVILIAN = "CVL"


@dataclass(frozen=True)
class QuotePatterns:
    """The forms of attribution read from quotes.tsv."""

    verbs: frozenset[str]  # lemmas: say, tell, add ...
    naming: frozenset[str]  # lemmas: call, describe ...
    sources: tuple[tuple[str, ...], ...]  # word sequences: ("according", "to")
    marks: dict[str, str]  # opening mark -> closing mark


def guessed(actor: Actor) -> bool:
    """Whether the actor's country was guessed from the story, not read in its words."""
    return actor.provenance is not None and actor.provenance.guessed_country


def titled_as(own: Actor | None, found: Actor | None) -> Actor | None:
    """`found` (read with an apposition) with the sector of `own`, the phrase's own title,
    when `own` could only guess the country: "Lieutenant General X, director general of
    the Pakistani military's media wing" is Pakistan's military."""
    if own is None or found is None or found is own or not own.sector \
            or not found.country or found.country.startswith("IGO"):
        return found
    return Actor(own.text, actor_code(found.country, own.sector), found.country, own.sector,
                 own.name, provenance=found.provenance)


def load_quote_patterns(path: Path | None = None) -> QuotePatterns:
    """Read quotes.tsv (default: the bundled one); a bad row is a DictionaryError
    naming the file and line."""
    path = path or data_path("nlp", "quotes.tsv")
    found: dict[str, list[str]] = {form: [] for form in FORMS}
    marks: dict[str, str] = {}
    for number, row in read_tsv(path, ("form", "value")):
        form, value = row["form"], row["value"]
        if form not in FORMS:
            raise DictionaryError(str(path), number,
                                  f"form {form!r} is not one of {', '.join(FORMS)}")
        if not value:
            raise DictionaryError(str(path), number, "empty value")
        if form == "quote_mark":
            parts = value.split(" ")
            if len(parts) != 2 or not all(parts):
                raise DictionaryError(str(path), number,
                                      f"quote_mark {value!r}: write the opening and the "
                                      "closing mark separated by one space")
            marks[parts[0]] = parts[1]
        elif value != value.lower():
            raise DictionaryError(str(path), number, f"{value!r}: write words in lower case")
        else:
            found[form].append(value)
    return QuotePatterns(frozenset(found["quote_verb"]), frozenset(found["naming_verb"]),
                         tuple(tuple(v.split()) for v in found["source_phrase"]), marks)


@dataclass
class _Draft:
    """A quote being read: where its words are, and who said them once that is known."""

    paragraph: int
    sentence_index: int
    start: int  # offsets in the paragraph
    end: int
    kind: str = "direct"
    speaker_text: str | None = None
    speaker: Actor | None = None
    # an attribution of its own names the speaker (a reporting verb, or a naming verb:
    # 'called it "..."')
    attributed: bool = False


@dataclass
class _Attribution:
    """A reporting verb (or 'according to') in a sentence, and its speaker."""

    token: Token  # the verb, or the first word of the source phrase
    head: Token  # the speaker's head word
    span: range  # token indices of the words that attribute (the source phrase)
    source: bool = False  # a source phrase ('according to'), not a verb
    used: bool = False


@dataclass
class QuoteReader:
    """Reads one article's quotes, sentence by sentence in reading order (`read`), then
    `finish` gives them. `link` marks the events a quote's words state."""

    patterns: QuotePatterns
    resolver: ActorResolver
    article_id: str
    quotes: list[Quote] = field(default_factory=list)
    # speakers quoted so far by surname ("Kico" after "Ahmed Kico, a Bosnian lawyer"), and
    # the last person quoted, for a later "he said" the article's memory cannot place
    _speakers: dict[str, Actor] = field(default_factory=dict)
    _last_person: Actor | None = None
    _last_paragraph: int = -2
    _spoken: list[Actor] = field(default_factory=list)  # the speakers, in reading order
    _paragraph: int = -1
    _paragraph_doc: object = None
    _text: str = ""  # the paragraph's text
    _drafts: list[_Draft] = field(default_factory=list)  # this paragraph's quotes
    _open: _Draft | None = None
    _closer: str = ""
    _colon: tuple[str, Actor | None] | None = None  # 'X said:' with the quote to come
    _links: list[tuple[Event, int]] = field(default_factory=list)  # event, paragraph offset

    @staticmethod
    def screen_forms(patterns: QuotePatterns, verb_forms: set[str]) -> frozenset[str]:
        """The lower-case words of which a sentence must hold one to be worth reading for
        quotes without a quote mark: reporting verb forms and source phrases' first words."""
        return frozenset(verb_forms | {words[0] for words in patterns.sources})

    def has_mark(self, text: str) -> bool:
        return any(mark in text for pair in self.patterns.marks.items() for mark in pair)

    # -- reading --------------------------------------------------------------------

    def read(self, segment, sent: Span | None, matches: list[Match],
             memory: DiscourseMemory) -> None:
        """Read one sentence: `segment` as screened, `sent` its parse (None when it was
        not parsed: quote marks are still followed), `matches` the actor names in it."""
        self._enter(segment)
        offset = segment.span.start_char + (sent.start_char if sent is not None else 0)
        text = sent.text if sent is not None else segment.text
        pieces = self._scan(text, offset, segment.index)
        if sent is None:
            shift = segment.span.start
            self._named(segment.span, [Match(m.start + shift, m.end + shift, m.entry)
                                       for m in segment.matches], pieces, offset, memory)
            return
        self._named(sent, matches, pieces, offset, memory)
        inside = [(a - offset, b - offset) for _, a, b in pieces]  # in the sentence
        outside = [m for m in matches if not any(
            a <= sent.doc[m.start].idx - sent.start_char < b for a, b in inside)]
        attributions = self._attributions(sent, inside)
        self._reported(sent, offset, segment.index, attributions, pieces, outside, memory)
        for draft, start, end in pieces:
            if draft.speaker_text is not None or not self._text[start:end].strip():
                continue
            found = self._nearest(attributions, start - offset, end - offset, sent)
            if found is not None:
                found.used = True
                draft.attributed = True
                draft.speaker_text, draft.speaker = self._speaker(found.head, outside, memory)
                continue
            naming = self._naming_subject(sent, start - offset, end - offset)
            if naming is not None:
                draft.attributed = True
                draft.speaker_text, draft.speaker = self._speaker(naming, outside, memory)
        self._according(sent, offset, segment.index, attributions, outside, memory)
        if not pieces and sent.text.rstrip().endswith(":"):
            verb = next((a for a in attributions if not a.used), None)
            if verb is not None:
                self._colon = self._speaker(verb.head, outside, memory)

    def _named(self, tokens: Span, matches: list[Match], pieces, offset: int,
               memory: DiscourseMemory) -> None:
        """The first person a sentence names outside quote marks is the one a later "he
        said" refers to, more than the last person quoted: a person of the dictionaries,
        or a name they lack described right after it ("Francesco Sisci, an Italian
        sinologist, ..."), who is then known by the surname."""
        def quoted(token: Token) -> bool:
            at = offset + token.idx - tokens.start_char
            return any(a <= at < b for _, a, b in pieces)
        person = next((m for m in matches if m.entry.kind == "person"
                       and not quoted(tokens.doc[m.start])), None)
        described = self._introduced(tokens, matches, quoted)
        if described is not None and (person is None or described[0] < person.start):
            actor = described[1]
        elif person is not None:
            role, current = self.resolver.dictionary.person_on(person.entry.key, memory.date)
            sector = role.sector if current else ELITE
            actor = Actor(person.entry.phrase, actor_code(role.country, sector), role.country,
                          sector, role.name)
        else:
            return
        self._last_person, self._last_paragraph = actor, self._paragraph

    def _introduced(self, tokens: Span, matches: list[Match], quoted
                    ) -> tuple[int, Actor] | None:
        """A name the dictionaries lack, with the country (and role) of the description
        after its comma: (where the name starts, the person)."""
        doc = tokens.doc
        taken = {i for m in matches for i in range(m.start, m.end)}
        run: list[Token] = []
        for token in tokens:
            if token.is_title and token.is_alpha and not token.is_stop \
                    and token.i not in taken and not quoted(token):
                run.append(token)
                continue
            if len(run) >= 2 and token.text == ",":
                stop = next((t.i for t in doc[token.i + 1:min(tokens.end, token.i + 1
                                                              + DESCRIPTION)]
                             if t.text in (",", ".", ";")), min(tokens.end,
                                                                token.i + 1 + DESCRIPTION))
                about = [m for m in matches if token.i < m.start and m.end <= stop]
                place = next((m.entry.country for m in about
                              if m.entry.kind in ("country", "demonym", "capital")), None)
                if place is not None:
                    role = next((m.entry.sector for m in about
                                 if m.entry.kind in ("title", "body") and m.entry.sector),
                                None) or CIVILIAN
                    name = " ".join(t.text for t in run)
                    actor = Actor(name, actor_code(place, role), place, role, name)
                    self._speakers.setdefault(run[-1].text, actor)
                    return run[0].i, actor
            run = []
        return None

    def link(self, event: Event, segment, sent: Span) -> None:
        """Remember `event` (coded in `sent`), to mark it with the quote its trigger is in."""
        self._enter(segment)
        self._links.append((event, segment.span.start_char + sent.start_char
                            + event.trigger_start))

    def finish(self) -> list[Quote]:
        """The article's quotes, in reading order."""
        self._close_paragraph()
        return sorted(self.quotes, key=lambda q: (q.paragraph, q.start))

    # -- quote marks ----------------------------------------------------------------

    def _enter(self, segment) -> None:
        doc = segment.span.doc
        if doc is self._paragraph_doc:
            return
        self._close_paragraph()
        self._paragraph_doc, self._text = doc, doc.text
        self._paragraph = 0 if segment.in_headline else max(self._paragraph + 1, 1)

    def _scan(self, text: str, offset: int, index: int) -> list[tuple[_Draft, int, int]]:
        """The quoted words of `text` (at `offset` in the paragraph) as (quote, start,
        end), offsets in the paragraph; a quote still open goes on into the next text."""
        pieces = []
        start = 0 if self._open is not None else None
        if self._open is not None and not self._text[self._open.start:offset].strip():
            # the sentence split left the opening mark at the end of the sentence before
            self._open.sentence_index = index
        for i, char in enumerate(text):
            opening = char in self.patterns.marks and self._opens(offset + i)
            if self._open is not None and (char == self._closer and not opening
                                           or opening and char != self._closer):
                self._open.end = offset + i
                pieces.append((self._open, offset + start, offset + i))
                self._open = None
            elif self._open is not None and opening:
                # a quote never closed ("... the U.S. only . While ..."): it ends where
                # the next one opens
                self._open.end = offset + i
                pieces.append((self._open, offset + start, offset + i))
                self._open = None
            if self._open is None and opening:
                self._open = _Draft(self._paragraph, index, offset + i + 1, offset + i + 1)
                self._closer, start = self.patterns.marks[char], i + 1
                self._drafts.append(self._open)
        if self._open is not None:
            self._open.end = offset + len(text)
            pieces.append((self._open, offset + start, offset + len(text)))
        return pieces

    def _opens(self, i: int) -> bool:
        """Whether the mark at `i` in the paragraph opens a quote: a mark that differs
        from its closing one always does; a straight one does after a space, a dash or an
        opening bracket (or at the start) and before a word, else it closes."""
        text = self._text
        mark = text[i]
        if self.patterns.marks[mark] != mark:
            return True
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        return (before.isspace() or before in "([{\u2014\u2013-") and not after.isspace()

    def _close_paragraph(self) -> None:
        """Decide the kind and speaker of the paragraph's quotes and keep those that are
        quotes, not scare quotes; mark the events they state."""
        self._open = None
        previous = next((q for q in reversed(self.quotes) if q.speaker_text is not None
                         and q.paragraph >= self._paragraph - 1), None)
        for draft in self._drafts:
            text = self._text[draft.start:draft.end].strip()
            words = len(text.split())
            if not words or words < SHORT and not draft.attributed:
                continue
            if draft.speaker_text is None and self._colon is not None:
                draft.speaker_text, draft.speaker = self._colon
            elif draft.speaker_text is None and previous is not None:
                draft.kind = "continued"
                draft.speaker_text, draft.speaker = previous.speaker_text, previous.speaker
            quote = self._quote(draft, self._text)
            self.quotes.append(quote)
            if quote.speaker_text is not None:
                previous = quote
        if self._drafts:
            self._colon = None
        for event, at in self._links:
            event.quote_id = next((q.quote_id for q in self.quotes
                                   if q.paragraph == self._paragraph and q.start <= at < q.end),
                                  event.quote_id)
        self._drafts, self._links = [], []

    def _quote(self, draft: _Draft, paragraph: str) -> Quote:
        raw = paragraph[draft.start:draft.end]
        start = draft.start + len(raw) - len(raw.lstrip())
        text = raw.strip()
        return Quote(self.article_id, draft.paragraph, draft.sentence_index, start,
                     start + len(text), text, draft.kind, draft.speaker_text, draft.speaker)

    # -- attributions ---------------------------------------------------------------

    def _attributions(self, sent: Span, inside: list[tuple[int, int]]) -> list[_Attribution]:
        """Reporting verbs and source phrases of `sent` outside its quote marks, each with
        the head word of its speaker."""
        def quoted(token: Token) -> bool:
            at = token.idx - sent.start_char
            return any(a <= at < b for a, b in inside)
        found = []
        for token in sent:
            if quoted(token):
                continue
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.patterns.verbs:
                head = self._subject(token)
                if head is not None and not quoted(head):
                    found.append(_Attribution(token, head, range(token.i, token.i + 1)))
        for words in self.patterns.sources:
            for token in sent:
                end = token.i + len(words)
                if end > sent.end or quoted(token) or tuple(
                        t.lower_ for t in sent.doc[token.i:end]) != words:
                    continue
                head = next((c for c in sent.doc[end - 1].children if c.dep_ == "pobj"), None)
                if head is not None:
                    found.append(_Attribution(token, head, range(token.i, end), source=True))
        return found

    @staticmethod
    def _subject(verb: Token) -> Token | None:
        """The verb's subject, or that of the verb it hangs from ("..., adding that")."""
        for _ in range(CLIMB):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head  # "the ministry, which said ...": the ministry
            if subject is not None:
                return subject
            if verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _nearest(self, attributions: list[_Attribution], start: int, end: int, sent: Span
                 ) -> _Attribution | None:
        """The attribution nearest the quoted words (start..end in the sentence),
        preferring one not yet used by another quote."""
        def distance(a: _Attribution) -> int:
            at = self._at(sent, a.token)
            return min(abs(at - start), abs(at - end))
        ranked = sorted(attributions, key=lambda a: (a.used, distance(a)))
        return ranked[0] if ranked else None

    def _naming_subject(self, sent: Span, start: int, end: int) -> Token | None:
        """The subject of a naming verb that governs the quoted words (start..end in the
        sentence: 'X called it "a provocation"'), if one does."""
        token = next((t for t in sent if start <= self._at(sent, t) < end), None)
        for _ in range(CLIMB + 2):
            if token is None or token.head.i == token.i:
                return None
            token = token.head
            if token.lemma_.lower() in self.patterns.naming and token.pos_ == "VERB":
                return self._subject(token)
        return None

    def _reported(self, sent: Span, offset: int, index: int, attributions, pieces,
                  outside: list[Match], memory: DiscourseMemory) -> None:
        """'X said (that) ...': the clause a reporting verb reports, unless it is mostly
        the direct quote beside the verb (a quoted phrase inside it is a quote too:
        'X alleged that women "are being persecuted"')."""
        for attribution in attributions:
            verb = attribution.token
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is None or attribution.source:
                continue
            words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
            words = [t for t in words if not t.is_punct or t.text in "%$"]
            if not words:
                continue
            start, end = self._at(sent, words[0]), self._at(sent, words[-1]) + len(words[-1])
            start, end = offset + start, offset + end
            quoted = sum(max(0, min(end, b) - max(start, a)) for _, a, b in pieces)
            if quoted >= MOSTLY * (end - start):
                continue
            attribution.used = True
            speaker_text, speaker = self._speaker(attribution.head, outside, memory)
            self._drafts.append(_Draft(self._paragraph, index, start, end, "attributed",
                                       speaker_text, speaker, attributed=True))

    def _according(self, sent: Span, offset: int, index: int, attributions,
                   outside: list[Match], memory: DiscourseMemory) -> None:
        """'According to X, ...': the rest of the sentence is X's."""
        for attribution in attributions:
            if attribution.used or not attribution.source:
                continue
            phrase = {t.i for t in attribution.token.subtree} | set(attribution.span)
            rest = [t for t in sent if t.i not in phrase and not t.is_punct]
            if len(rest) < SHORT:
                continue
            attribution.used = True
            start = offset + self._at(sent, rest[0])
            end = offset + self._at(sent, rest[-1]) + len(rest[-1])
            speaker_text, speaker = self._speaker(attribution.head, outside, memory)
            self._drafts.append(_Draft(self._paragraph, index, start, end, "according_to",
                                       speaker_text, speaker, attributed=True))

    @staticmethod
    def _at(sent: Span, token: Token) -> int:
        return token.idx - sent.start_char

    # -- speakers -------------------------------------------------------------------

    def _speaker(self, head: Token, matches: list[Match], memory: DiscourseMemory
                 ) -> tuple[str, Actor | None]:
        """The speaker phrase headed by `head`, as written, and the actor it names."""
        tokens = self.resolver.phrase_tokens(head)
        text = head.doc[tokens[0].i:tokens[-1].i + 1].text
        pronoun = head.lower_ in self.resolver.words["person_pronouns"]
        person = head.pos_ == "PROPN" or pronoun
        recent = self._last_person if pronoun and self._last_paragraph >= self._paragraph - 1 \
            else None
        # '"...," he said' after a quote of someone is most often the same speaker
        # a surname quoted before with the full phrase is that reading's person
        known = self._speakers.get(head.text) if head.pos_ == "PROPN" and len(tokens) == 1 \
            else None
        actor = recent or known or self._titled(head, memory) \
            or self._resolved(head, matches, memory)
        if actor is None and pronoun:
            actor = self._last_person
        if actor is None and head.pos_ == "PROPN" and memory.main_country():
            actor = self._described(head, text, matches, memory.main_country())
        author = self._author(head) if actor is None and head.pos_ == "NOUN" else None
        if author is not None:
            # "a report issued by the Tokyo-based Real Estate Economic Institute", "an
            # analysis by professor Andrew Rosser": the author speaks
            actor = self._speaker(author, matches, memory)[1]
        if actor is not None and self._mixed(head, actor, matches, memory):
            actor = None
        if actor is not None and actor.sector == "GOV" and actor.country \
                and not actor.country.startswith("IGO"):
            actor = self._armed(actor, tokens, matches)
        if actor is not None and any(t.lower_ == "former" for t in tokens) \
                and actor.country and not actor.country.startswith("IGO"):
            actor = Actor(actor.text, actor.country + ELITE, actor.country, ELITE, actor.name,
                          provenance=actor.provenance)
        proper = [t for t in tokens if t.pos_ == "PROPN"
                  and not any(m.start <= t.i < m.end for m in matches)]
        if actor is not None and actor.name is None and len(proper) >= 2:
            # the person the phrase names, outside its titles and places ("Interior
            # Minister Mohsin Naqvi"), as the dictionaries name those they know
            actor = Actor(actor.text, actor.code, actor.country, actor.sector,
                          " ".join(t.text for t in proper), actor.start, actor.end,
                          actor.provenance)
        if actor is not None:
            self._spoken.append(actor)
        if actor is not None and person:
            self._last_person, self._last_paragraph = actor, self._paragraph
            if head.pos_ == "PROPN":
                self._speakers[head.text] = actor
        return text, actor

    def _mixed(self, head: Token, actor: Actor, matches: list[Match],
               memory: DiscourseMemory) -> bool:
        """Whether the speakers are several who are not all `actor` ("officials and
        analysts", "rights groups and opposition lawmakers", "officials, including those
        from the U.S."): no one actor said it."""
        others = [c for c in head.children if c.dep_ == "conj"] + [
            p for c in head.children if c.dep_ == "prep" and c.lower_ == "including"
            for p in c.children if p.dep_ == "pobj"]
        for other in others:
            learned = Learned()
            found = self.resolver.resolve(other, matches, memory.reading(learned), learned)
            if found is None or found.code != actor.code:
                return True
        return False

    @staticmethod
    def _armed(actor: Actor, tokens: list[Token], matches: list[Match]) -> Actor:
        """An official of the armed forces speaks for them: "U.S. military officials",
        "the army's spokesperson" are MIL, not GOV."""
        words = {t.i for t in tokens}
        if any(m.start in words and m.entry.sector == MILITARY and m.entry.kind == "body"
               for m in matches):
            return Actor(actor.text, actor_code(actor.country, MILITARY), actor.country,
                         MILITARY, actor.name, provenance=actor.provenance)
        return actor

    @staticmethod
    def _author(head: Token) -> Token | None:
        """Who wrote what `head` names: the object of its 'by' or 'from', also after a
        participle ("issued by", "released by")."""
        for child in head.children:
            holders = [child] if child.dep_ == "prep" else \
                [c for c in child.children if c.dep_ == "agent" or c.dep_ == "prep"
                 and c.lower_ == "by"] if child.dep_ == "acl" else []
            for holder in holders:
                if holder.lower_ in AUTHOR_PREPS:
                    found = next((c for c in holder.children if c.dep_ == "pobj"), None)
                    if found is not None:
                        return found
        return None

    def _titled(self, head: Token, memory: DiscourseMemory) -> Actor | None:
        """ "The minister", "the spokesman" alone: the last person quoted or named with
        that word in their title ("Russian Foreign Minister Sergei Lavrov")."""
        if head.pos_ != "NOUN" or not any(c.lower_ == "the" for c in head.children) \
                or any(c.dep_ in ("amod", "compound", "poss") for c in head.children):
            return None
        word = head.lower_
        earlier = [*self._spoken, *memory.mentions]
        return next((a for a in reversed(earlier) if a.name and a.provenance is not None
                     and a.provenance.is_person and word in a.text.lower().split()), None)

    def _described(self, head: Token, text: str, matches: list[Match], country: str) -> Actor:
        """A person the dictionaries and the article's memory do not place, by the words
        that describe them ("Jeffrey Towson, a professor at Peking University": EDU), of
        the story's country; with no such words, a civilian of it."""
        words = {t.i for c in head.children if c.dep_ in ("appos", "acl", "relcl")
                 for t in c.subtree}
        described = [m for m in matches if m.start in words]
        body = next((m for m in described if m.entry.kind in ("igo", "group")), None)
        if body is not None:
            entry = body.entry
            return Actor(text, group_code(entry), entry.country, entry.sector, text)
        place = next((m.entry.country for m in described
                      if m.entry.kind in ("country", "demonym", "capital")), None) or country
        role = next((m.entry.sector for m in described if m.entry.kind in ("title", "body")
                     and m.entry.sector), None) or CIVILIAN
        return Actor(text, actor_code(place, role), place, role, text)

    @staticmethod
    def _based(head: Token, matches: list[Match]) -> str | None:
        """The country of a "<place>-based" modifier in the phrase ("Paris-based")."""
        words = {t.i for t in head.subtree}
        for m in matches:
            doc = head.doc
            if m.start in words and m.end + 1 < len(doc) and doc[m.end].text == "-" \
                    and doc[m.end + 1].lower_ == "based" \
                    and m.entry.kind in ("country", "capital"):
                return m.entry.country
        return None

    def _resolved(self, head: Token, matches: list[Match], memory: DiscourseMemory
                  ) -> Actor | None:
        """The actor the resolver reads in the phrase, or in whom it speaks for."""
        learned = Learned()  # what resolving teaches stays out of the article's memory
        view = memory.reading(learned)
        # the phrase's own words first: "Lieutenant General Karim Baksh, the military
        # spokesperson" is the general; the apposition speaks only when they say nothing
        described = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
        own = self.resolver.resolve(head, [m for m in matches if m.start not in described],
                                    view, learned) if described else None
        actor = own
        if actor is None or guessed(actor):
            actor = titled_as(own, self.resolver.resolve(head, matches, view, learned)) \
                or actor
        based = self._based(head, matches)
        if actor is not None and based is not None and guessed(actor):
            # "the Tokyo-based Real Estate Economic Institute": where it is based
            actor = Actor(actor.text, actor_code(based, actor.sector), based, actor.sector,
                          actor.name, provenance=actor.provenance)
        if actor is None or guessed(actor):
            for child in head.children:
                owner = next((c for c in child.children if c.dep_ == "pobj"), None) \
                    if child.dep_ == "prep" and child.lower_ in FOR_PREPS else \
                    child if child.dep_ in ("appos", "poss", "compound", "nmod") else None
                found = self.resolver.resolve(owner, matches, view, learned) \
                    if owner is not None else None
                if found is not None:
                    return titled_as(own, found)
        return actor

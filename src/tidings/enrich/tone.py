"""Tone of sentences and articles on the scale of GDELT's AvgTone, from VADER.

GDELT's tone is the percentage of a document's words that are positive minus the
percentage that are negative: -100 to +100, most news between -10 and +10. VADER (a
polarity lexicon with rules for negation, boosters and contrast, built for short news
and social text) gives each sentence the share of its sentiment-weighted words that are
positive (`pos`) and negative (`neg`); a sentence's tone is 100 * (pos - neg), and an
article's is the mean of its sentences' tones weighted by their words, so it is the same
percentage difference taken over the whole text (docs/gdelt.md).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=1)
def analyzer():
    """VADER's analyzer, loaded once per process (its lexicon takes a moment)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


def sentence_tone(text: str) -> float:
    """The tone of one sentence, -100 (all negative) to +100, 2 decimals."""
    scores = analyzer().polarity_scores(text)
    return round(100 * (scores["pos"] - scores["neg"]), 2)


def article_tone(sentences: Iterable[tuple[str, float]]) -> float | None:
    """The tone of a text given as (sentence, its tone) pairs: the sentences' tones
    weighted by their number of words; None for a text without words."""
    total = weighted = 0
    for text, tone in sentences:
        words = len(text.split())
        total += words
        weighted += words * tone
    return round(weighted / total, 2) if total else None

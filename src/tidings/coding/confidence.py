"""Stage: confidence. How likely an event is right, from a logistic regression over what
the coder did to find it.

The model is plain data (data/models/confidence.json: a bias and one weight per
feature), fitted by scripts/train_confidence.py on the team's gold sets and applied
here without scikit-learn: the probability that the event's root, source country and
target country match a gold event. docs/confidence.md shows how well it is calibrated.
"""
from __future__ import annotations

import json
import math
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import TidingsError
from ..model import Actor, Event
from ..tables import data_path

BUNDLED_MODEL = data_path("models", "confidence.json")
MODEL_ENV = "TIDINGS_CONFIDENCE_MODEL"  # another model file, e.g. one just retrained
DIGITS = 3  # confidence is stored and compared at this precision
# bucket upper bounds: words in the sentence, its index in the article, sentences in the
# article (long stories, with many quoted speakers, are coded less reliably)
SENTENCE_WORDS = (10, 20, 30, 45, 60)
SENTENCE_INDEX = (0, 1, 3, 7, 15)
ARTICLE_SENTENCES = (5, 10, 20, 40)
QUOTES = ('"', "\u201c", "\u201d")


def bucket(value: int, bounds: tuple[int, ...]) -> str:
    """The first bound `value` is at or below, else "more"."""
    return next((f"<={b}" for b in bounds if value <= b), "more")


def actor_features(side: str, actor: Actor | None) -> list[str]:
    if actor is None:
        return [f"{side}:none"]
    found = [f"{side}.sector:{actor.sector or '-'}",
             f"{side}.igo:{actor.code.startswith(('IGO', 'NGO'))}"]
    provenance = actor.provenance
    if provenance is not None:
        found += [f"{side}.kind:{provenance.kind}",
                  f"{side}.entry_kind:{provenance.entry_kind or '-'}"]
        found += [f"{side}.step:{step}" for step in provenance.steps]
    return found


def event_features(event: Event, sentence_events: int, article_sentences: int) -> list[str]:
    """The names of the features an event has; `sentence_events`: events the article
    keeps from its sentence (itself included)."""
    row = event.rule.split(" ", 1)
    pattern = row[1] if len(row) > 1 else ""
    words = event.sentence.split()
    found = [f"row:{row[0]}", f"root:{event.cameo_root}", f"cameo:{event.cameo}",
             f"trigger:{event.trigger.split(' ', 1)[0].lower()}",
             f"pattern.object:{'+' in pattern}", f"pattern.prep:{'>' in pattern}",
             f"headline:{event.in_headline}",
             f"sentence.words:{bucket(len(words), SENTENCE_WORDS)}",
             f"sentence.index:{bucket(event.sentence_index, SENTENCE_INDEX)}",
             f"sentence.events:{min(sentence_events, 4)}",
             f"article.sentences:{bucket(article_sentences, ARTICLE_SENTENCES)}",
             f"rules:{min(len(event.rules), 5)}",
             f"quoted:{any(q in event.sentence for q in QUOTES)}",
             f"dated:{event.date_text is not None}", f"placed:{event.place is not None}"]
    found += [f"rule:{name}" for name in event.rules]
    found += actor_features("source", event.source) + actor_features("target", event.target)
    if event.target is not None and event.target.country is not None:
        found.append(f"same_country:{event.target.country == event.source.country}")
    return found


@dataclass(frozen=True)
class ConfidenceModel:
    """A logistic regression as data: P(right) = sigmoid(bias + sum of feature weights)."""

    bias: float
    weights: dict[str, float]

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return round(1.0 / (1.0 + math.exp(-score)), DIGITS)

    def score_article(self, events: list[Event], sentences: int) -> None:
        """Set the confidence of each of an article's events to the model's probability."""
        for event, features in zip(events, article_features(events, sentences)):
            event.confidence = self.probability(features)


def article_features(events: list[Event], sentences: int) -> list[list[str]]:
    """The features of each of an article's events; `sentences`: how many it has."""
    per_sentence = Counter(e.sentence_index for e in events)
    return [event_features(e, per_sentence[e.sentence_index], sentences) for e in events]


def model_path() -> Path:
    """The model file to load: $TIDINGS_CONFIDENCE_MODEL if set, else the bundled one."""
    return Path(os.environ.get(MODEL_ENV) or BUNDLED_MODEL)


def read_model(path: Path) -> ConfidenceModel:
    """The model in `path`; anything else is a TidingsError naming the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return ConfidenceModel(float(data["bias"]), weights)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise TidingsError(f"{path}: not a confidence model ({type(err).__name__}: {err})"
                           ) from None

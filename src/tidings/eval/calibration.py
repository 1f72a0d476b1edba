"""Is confidence a probability? Coded events labelled right or wrong against gold at
level a (root + source country + target country, paired as the gold scorer pairs them),
with the features the confidence model saw, and the reliability table over them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..coding.confidence import article_features
from ..errors import InputError
from ..model import Event
from .gold import coding_of, pair_with_gold, read_gold

BINS = 10  # reliability bins of equal width over 0..1


@dataclass
class LabelledEvent:
    article_id: str
    features: list[str]
    confidence: float
    right: bool


class FeatureRecorder:
    """Stands in for the coder's confidence model: keeps the features of the last
    article's events, then lets the model score them as usual."""

    def __init__(self, model):
        self.model = model
        self.features: list[list[str]] = []

    def score_article(self, events: list[Event], sentences: int) -> None:
        self.features = article_features(events, sentences)
        self.model.score_article(events, sentences)


def labelled_events(path: Path, engine) -> list[LabelledEvent]:
    """Every event the bundled coder of `engine` finds in the gold file, labelled."""
    coder = engine.coder
    recorder = FeatureRecorder(coder.confidence)
    coder.confidence = recorder
    found: list[LabelledEvent] = []
    try:
        for item in read_gold(path):
            if isinstance(item, InputError):
                raise item
            article, gold = item
            recorder.features = []
            events = engine.code_article(article)
            paired, _ = pair_with_gold(gold, [coding_of(e) for e in events], engine.codes,
                                       "a", lambda code: coder.classes.has("symmetric", code))
            found += [LabelledEvent(article.id, features, e.confidence, right)
                      for e, features, right in zip(events, recorder.features, paired)]
    finally:
        coder.confidence = recorder.model
    return found


@dataclass
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_confidence: float
    precision: float


def reliability(pairs: list[tuple[float, bool]], bins: int = BINS) -> list[ReliabilityBin]:
    """(confidence, right) pairs in equal-width bins (the top one closed): how many
    events each holds, their mean confidence and the share of them that is right."""
    table = []
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        inside = [(p, r) for p, r in pairs if low <= p < high or (i == bins - 1 and p == 1.0)]
        if inside:
            table.append(ReliabilityBin(low, high, len(inside),
                                        sum(p for p, _ in inside) / len(inside),
                                        sum(r for _, r in inside) / len(inside)))
    return table


def calibration_error(pairs: list[tuple[float, bool]], bins: int = BINS) -> float:
    """Expected calibration error: |mean confidence - precision| weighted by bin size."""
    return sum(b.count * abs(b.mean_confidence - b.precision)
               for b in reliability(pairs, bins)) / max(len(pairs), 1)


def brier(pairs: list[tuple[float, bool]]) -> float:
    return sum((p - r) ** 2 for p, r in pairs) / max(len(pairs), 1)


def format_reliability(pairs: list[tuple[float, bool]], bins: int = BINS) -> str:
    """The reliability table as Markdown, with its calibration error and Brier score."""
    lines = ["| confidence | events | mean confidence | observed precision |",
             "|---|---:|---:|---:|"]
    lines += [f"| {b.low:.1f}-{b.high:.1f} | {b.count} | {b.mean_confidence:.3f} | "
              f"{b.precision:.3f} |" for b in reliability(pairs, bins)]
    right = sum(r for _, r in pairs)
    lines += ["", f"{len(pairs)} events, {right} right ({right / max(len(pairs), 1):.3f}); "
              f"calibration error {calibration_error(pairs, bins):.3f}, "
              f"Brier {brier(pairs):.3f}"]
    return "\n".join(lines)

"""Fit the confidence model (src/tidings/data/models/confidence.json) on the gold sets.

Usage: python scripts/train_confidence.py [--out PATH] [GOLD ...]

Codes every article of the training gold sets (never the blind ones) with the bundled
coder (proposals on), labels each event right or wrong at level a, and fits a logistic regression over
the event's features (coding/confidence.py). The regularisation is chosen by
cross-validation grouped by article, and the out-of-fold predictions give an honest
reliability table, printed before the model is fitted on all rows and written as plain
JSON. Deterministic: the folds are fixed and the solver has no randomness.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import GroupKFold

from tidings.api import load
from tidings.coding.confidence import BUNDLED_MODEL
from tidings.eval.calibration import format_reliability, labelled_events

ROOT = Path(__file__).resolve().parents[1]
TRAINING_SETS = [ROOT / "eval" / name for name in (
    "dev_gold.jsonl", "holdout_gold.jsonl", "test_gold.jsonl", "voa_dev_gold.jsonl")]
MIN_COUNT = 2  # a feature seen once only teaches the model that one event
FOLDS = 5
STRENGTHS = (0.03, 0.1, 0.3, 1.0)  # inverse L2 regularisation tried (C)


def design(rows: list[list[str]], names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    matrix = np.zeros((len(rows), len(names)))
    for r, features in enumerate(rows):
        for f in features:
            if f in index:
                matrix[r, index[f]] = 1.0
    return matrix


def fit(rows, labels, strength) -> tuple[LogisticRegression, list[str]]:
    counts = Counter(f for features in rows for f in set(features))
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    model = LogisticRegression(C=strength, max_iter=5000)
    model.fit(design(rows, names), labels)
    return model, names


def out_of_fold(rows, labels, groups, strength) -> np.ndarray:
    predicted = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=FOLDS).split(rows, labels, groups):
        model, names = fit([rows[i] for i in train], labels[train], strength)
        predicted[test] = model.predict_proba(design([rows[i] for i in test], names))[:, 1]
    return predicted


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, default=TRAINING_SETS)
    parser.add_argument("--out", type=Path, default=BUNDLED_MODEL)
    args = parser.parse_args(argv)
    # proposals on, so that events the clause classifier proposes (--proposals) are
    # scored from seen examples; the events of patterns have the same features either way
    engine = load(proposals=True)
    labelled = [(path.name, e) for path in args.gold for e in labelled_events(path, engine)]
    rows = [e.features for _, e in labelled]
    labels = np.array([int(e.right) for _, e in labelled])
    groups = [f"{name}:{e.article_id}" for name, e in labelled]
    print(f"{len(rows)} coded events from {len(set(groups))} articles, "
          f"{labels.sum()} right at level a")
    losses = {}
    for strength in STRENGTHS:
        losses[strength] = log_loss(labels, out_of_fold(rows, labels, groups, strength))
        print(f"C={strength}: out-of-fold log loss {losses[strength]:.4f}")
    strength = min(losses, key=losses.get)
    predicted = out_of_fold(rows, labels, groups, strength)
    print(f"\nC={strength}, {FOLDS}-fold cross-validation by article "
          f"(AUC {roc_auc_score(labels, predicted):.3f}):\n")
    print(format_reliability([(round(float(p), 3), bool(r)) for p, r in zip(predicted, labels)]))
    model, names = fit(rows, labels, strength)
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) >= 1e-4}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "about": "P(event right at level a) = sigmoid(bias + sum of the weights of its "
                 "features); fitted by scripts/train_confidence.py",
        "training": {"sets": [p.name for p in args.gold], "events": len(rows),
                     "right": int(labels.sum()), "C": strength},
        "bias": round(float(model.intercept_[0]), 4),
        "weights": weights}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\n{len(weights)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fit the clause classifier of coding/proposals.py (src/tidings/data/models/proposals.json).

Usage: python scripts/train_proposals.py [--out PATH] [--precision P]
       python scripts/train_proposals.py --extract-ngec ZIP
           (remakes training/ngec_first_sentences.tsv from the NGEC archive)

Labelled sentences, each read as its main clause (proposals.main_clause):
  - every sentence of the four training gold sets (never the blind ones): the CAMEO root
    of the gold events stated in it (the commonest), else "none";
  - the first sentence of each NGEC synthetic story (training/ngec_first_sentences.tsv,
    MIT; 4,500 stories), its PLOVER type and mode mapped to the CAMEO root that most of
    plover.tsv's codes of that type and mode have.
A multinomial logistic regression over clause_features is fitted; out-of-fold
predictions (5 folds grouped by article or story, fixed) choose the threshold: the
lowest at which the gold sentences' proposals have the wanted root precision. Written as
plain JSON. Deterministic: fixed folds, lbfgs, sorted features.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from tidings.api import load
from tidings.coding.proposals import BUNDLED_MODEL, NO_EVENT, clause_features, main_clause
from tidings.eval.gold import read_gold
from tidings.tables import data_path, read_tsv

ROOT = Path(__file__).resolve().parents[1]
TRAINING_SETS = [ROOT / "eval" / name for name in (
    "dev_gold.jsonl", "holdout_gold.jsonl", "test_gold.jsonl", "voa_dev_gold.jsonl")]
NGEC = ROOT / "training" / "ngec_first_sentences.tsv"
MIN_COUNT = 2  # a feature seen once only teaches the model that one sentence
STRENGTH = 0.5  # inverse L2 regularisation (C)
FOLDS = 5
THRESHOLDS = [t / 100 for t in range(30, 96, 5)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def plover_roots() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """PLOVER (type, mode) -> the commonest CAMEO root of its codes, and type -> root."""
    by_mode, by_type = defaultdict(Counter), defaultdict(Counter)
    for _, row in read_tsv(data_path("coding", "plover.tsv"), ("cameo", "plover", "mode")):
        root = row["cameo"][:2]
        by_type[row["plover"]][root] += 1
        by_mode[(row["plover"], row["mode"] or "")][root] += 1
    return ({k: c.most_common(1)[0][0] for k, c in by_mode.items()},
            {k: c.most_common(1)[0][0] for k, c in by_type.items()})


def gold_sentences(engine, path: Path):
    """(text, label, group) for every sentence of a gold file."""
    for article, gold in (item for item in read_gold(path)):
        stated = [(squeeze(c.sentence), engine.codes.root_of(c.cameo) or c.cameo[:2])
                  for c in gold if c.sentence]
        for _, sent, _ in engine.sentences(article):
            text = squeeze(sent.text)
            roots = Counter(root for s, root in stated if s and (s in text or text in s))
            label = roots.most_common(1)[0][0] if roots else NO_EVENT
            yield sent.text, label, f"{path.name}:{article.id}"


def extract_ngec(engine, archive_path: Path, out: Path) -> None:
    """The first sentence, PLOVER type and mode of each story of the NGEC archive."""
    with zipfile.ZipFile(archive_path) as archive, out.open("w", encoding="utf-8") as handle:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        handle.write(f"# first sentences of {name} (NGEC, MIT licence)\nsentence\tplover\tmode\n")
        for story in csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")):
            paragraph = story["text"].strip().split("\n", 1)[0]
            first = next(iter(engine.sentencizer(engine.nlp.make_doc(paragraph)).sents), None)
            if first is not None:
                sentence = re.sub(r"\s+", " ", first.text).strip()
                handle.write(f"{sentence}\t{story['label']}\t{story['mode'] or ''}\n")


def ngec_sentences(path: Path):
    """(first sentence, root, group) for each NGEC story whose type maps to a root."""
    by_mode, by_type = plover_roots()
    for number, story in read_tsv(path, ("sentence", "plover", "mode")):
        plover, mode = story["plover"].upper(), story["mode"].lower()
        root = by_mode.get((plover, mode)) or by_type.get(plover)
        if root:
            yield story["sentence"], root, f"ngec:{number}"


def design(rows: list[list[str]], index: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(rows), len(index)), dtype=np.float32)
    for r, features in enumerate(rows):
        for f in features:
            if f in index:
                matrix[r, index[f]] = 1.0
    return matrix


def fit(rows, labels) -> tuple[LogisticRegression, list[str]]:
    counts = Counter(f for features in rows for f in features)
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    model = LogisticRegression(C=STRENGTH, max_iter=3000)
    model.fit(design(rows, {n: i for i, n in enumerate(names)}), labels)
    return model, names


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract-ngec", type=Path, metavar="ZIP",
                        help=f"remake {NGEC.relative_to(ROOT)} from the NGEC archive")
    parser.add_argument("--out", type=Path, default=BUNDLED_MODEL)
    parser.add_argument("--precision", type=float, default=0.7,
                        help="root precision wanted of the gold sentences' proposals")
    args = parser.parse_args(argv)
    engine = load()
    if args.extract_ngec:
        extract_ngec(engine, args.extract_ngec, NGEC)
        return 0
    found = [s for path in TRAINING_SETS for s in gold_sentences(engine, path)]
    found += list(ngec_sentences(NGEC))
    rows, labels, groups, from_gold = [], [], [], []
    for doc, (_, label, group) in zip(engine.nlp.pipe(t for t, _, _ in found), found):
        verb = main_clause(next(iter(doc.sents)))
        if verb is not None:
            rows.append(clause_features(verb))
            labels.append(label)
            groups.append(group)
            from_gold.append(not group.startswith("ngec:"))
    labels, from_gold = np.array(labels), np.array(from_gold)
    print(f"{len(rows)} labelled sentences with a main verb ({from_gold.sum()} gold, "
          f"{(~from_gold).sum()} NGEC); {(labels != NO_EVENT).sum()} state an event")
    predicted = np.empty(len(rows), dtype=object)
    confidence = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=FOLDS).split(rows, labels, groups):
        model, names = fit([rows[i] for i in train], labels[train])
        p = model.predict_proba(design([rows[i] for i in test],
                                       {n: i for i, n in enumerate(names)}))
        predicted[test] = model.classes_[p.argmax(1)]
        confidence[test] = p.max(1)
    gold_event = from_gold & (labels != NO_EVENT)
    print("out of fold, gold sentences: threshold, proposals, root precision, "
          "share of event sentences found")
    threshold = THRESHOLDS[-1]
    for t in THRESHOLDS:
        proposed = from_gold & (predicted != NO_EVENT) & (confidence >= t)
        right = proposed & (predicted == labels)
        precision = right.sum() / max(proposed.sum(), 1)
        print(f"  {t:.2f} {proposed.sum():>5} {precision:.3f} {right.sum() / gold_event.sum():.3f}")
        if precision >= args.precision and threshold == THRESHOLDS[-1]:
            threshold = t
    model, names = fit(rows, labels)
    weights = {n: [round(float(w), 3) for w in model.coef_[:, i]] for i, n in enumerate(names)
               if np.abs(model.coef_[:, i]).max() >= 0.01}
    args.out.write_text(json.dumps({
        "about": "P(class) = softmax(bias + sum of the weights of the clause's features); "
                 "fitted by scripts/train_proposals.py",
        "training": {"sentences": len(rows), "gold": int(from_gold.sum()),
                     "ngec": int((~from_gold).sum()), "C": STRENGTH},
        "threshold": threshold, "classes": [str(c) for c in model.classes_],
        "bias": [round(float(b), 3) for b in model.intercept_], "weights": weights},
        sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"threshold {threshold}; {len(weights)} features -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

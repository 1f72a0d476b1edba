"""Stage: proposals. When no pattern of verbs.tsv matches any verb of a parsed sentence,
a classifier over its main clause may propose an event type (a CAMEO root); the clause's
verb then becomes a trigger of that root's general code, and sources and targets are
found for it as for a pattern's verb (subject; object or target preposition).

The classifier is a multinomial logistic regression stored as plain data
(data/models/proposals.json: per class a bias and per feature one weight per class),
fitted by scripts/train_proposals.py on labelled sentences; it is applied here with
numpy. It runs only when the coder is built with proposals on (`--proposals`).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from ..errors import TidingsError
from ..tables import data_path
from .lexicon import VerbPattern
from .registry import declined, fired, rules
from .sentence import SentenceState, Trigger

BUNDLED_MODEL = data_path("models", "proposals.json")
MODEL_ENV = "TIDINGS_PROPOSALS_MODEL"  # another model file, e.g. one just retrained
NO_EVENT = "none"  # the class of clauses that state no event
RULE = "learned_proposal"
# verbs that report another clause: the event is in what they report ("X said Y attacked Z")
REPORTING = frozenset({"say", "tell", "add", "note", "state", "write", "explain", "report"})
CONTENT = ("NOUN", "PROPN", "VERB", "ADJ")


def main_clause(sent: Span) -> Token | None:
    """The verb of the sentence's main clause, below any reporting verb; None when the
    root is no verb (a headline of nouns)."""
    verb = sent.root
    while verb.lemma_.lower() in REPORTING:
        reported = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                         and c.pos_ in ("VERB", "AUX")), None)
        if reported is None:
            break
        verb = reported
    return verb if verb.pos_ == "VERB" else None


def clause_features(verb: Token) -> list[str]:
    """What the classifier reads of a clause: the verb, its particle, objects,
    prepositions and their objects, complement verb, negation, auxiliaries, and the
    content words of its arguments."""
    lemma = verb.lemma_.lower()
    found = [f"v:{lemma}"]
    for child in verb.children:
        dep, word = child.dep_, child.lemma_.lower()
        if dep == "prt":
            found += [f"prt:{word}", f"vprt:{lemma}_{word}"]
        elif dep in ("dobj", "obj", "attr", "oprd"):
            found += [f"obj:{word}", f"vobj:{lemma}_{word}"]
        elif dep in ("prep", "agent", "dative"):
            found += [f"prep:{word}", f"vprep:{lemma}_{word}"]
            found += [f"pobj:{word}_{g.lemma_.lower()}" for g in child.children
                      if g.dep_ == "pobj"]
        elif dep in ("xcomp", "ccomp") and child.pos_ == "VERB":
            found += [f"comp:{word}", f"vcomp:{lemma}_{word}"]
        elif dep == "neg":
            found.append("neg")
        elif dep in ("aux", "auxpass"):
            found.append(f"aux:{word}")
        elif dep in ("nsubj", "nsubjpass"):
            found.append(f"subj:{child.ent_type_ or child.pos_}")
        for grandchild in child.subtree:
            if grandchild.pos_ in CONTENT and grandchild.i != verb.i:
                found.append(f"w:{grandchild.lemma_.lower()}")
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class ProposalModel:
    """Multinomial logistic regression as data; `threshold`: the least probability of
    its best event class for a proposal."""

    classes: tuple[str, ...]
    bias: np.ndarray
    weights: dict[str, np.ndarray]
    threshold: float

    def probabilities(self, features: list[str]) -> np.ndarray:
        scores = self.bias + sum((self.weights[f] for f in features if f in self.weights),
                                 np.zeros(len(self.classes)))
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()

    def propose(self, features: list[str]) -> tuple[str, float]:
        """The likeliest class and its probability."""
        p = self.probabilities(features)
        best = int(p.argmax())
        return self.classes[best], float(p[best])


def model_path() -> Path:
    """The model file to load: $TIDINGS_PROPOSALS_MODEL if set, else the bundled one."""
    return Path(os.environ.get(MODEL_ENV) or BUNDLED_MODEL)


def read_model(path: Path) -> ProposalModel:
    """The model in `path`; anything else is a TidingsError naming the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        classes = tuple(str(c) for c in data["classes"])
        weights = {str(f): np.array(w, dtype=float) for f, w in data["weights"].items()}
        bias = np.array(data["bias"], dtype=float)
        if bias.shape != (len(classes),) or any(w.shape != bias.shape
                                                for w in weights.values()):
            raise ValueError("weights do not match the classes")
        return ProposalModel(classes, bias, weights, float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise TidingsError(f"{path}: not a proposal model ({type(err).__name__}: {err})"
                           ) from None


def general_code(root: str) -> str:
    """A root's own code, "not specified below": 19 -> 190."""
    return root + "0"


@rules.register("proposals", RULE)
def learned_proposal(state: SentenceState, found: list[Trigger]):
    """No pattern matched the sentence's main clause: it is a trigger of the root the
    clause classifier finds likeliest, when it is sure enough."""
    model = state.coder.proposals
    if model is None:
        return declined("proposals are off")
    verb = main_clause(state.sent)
    if verb is None:
        return declined("no main verb")
    if any(t.token.i == verb.i for t in found):
        return declined(f"{verb.text!r}: a pattern matched")
    root, probability = model.propose(clause_features(verb))
    if root == NO_EVENT or probability < model.threshold:
        return declined(f"{verb.text!r}: {root} at {probability:.2f}, not proposed")
    pattern = VerbPattern(cameo=general_code(root), verb=verb.lemma_.lower(), particle=None,
                          objects=frozenset(), prep=None, frame=None, rule=RULE)
    return fired([Trigger(verb, pattern, None, rules=(f"proposals.{RULE}",))],
                 f"{verb.text!r}: {root} at {probability:.2f}")

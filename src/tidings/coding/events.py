"""Stage: event building. An Event from a code, two actors and the words that carry it,
for both coders; and how far to trust it.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from ..model import Actor, Event
from .codes import CodeTable

BASE_CONFIDENCE = 0.9
# What lowers confidence: an actor taken from context, a pronoun, a misparse or an
# earlier act (0.2 each); a target from a fallback rule and a bare verb pattern (0.1).
INFERRED_ACTOR_PENALTY = 0.2
WEAK_RULE_PENALTY = 0.1
INFERRED_KINDS = ("pronoun", "event-reference")
INFERRED_STEPS = ("context-country", "misparse")


def is_inferred(actor: Actor | None) -> bool:
    """Whether the actor was inferred rather than read in the sentence's own words."""
    if actor is None or actor.provenance is None:
        return False
    provenance = actor.provenance
    return provenance.kind in INFERRED_KINDS or any(s in provenance.steps for s in INFERRED_STEPS)


def confidence(inferred_actors: int, weak_rules: int = 0) -> float:
    """0.9, less 0.2 per inferred actor and 0.1 per weak rule, never below 0.1."""
    value = BASE_CONFIDENCE - INFERRED_ACTOR_PENALTY * inferred_actors \
        - WEAK_RULE_PENALTY * weak_rules
    return round(max(value, 0.1), 2)


def build_event(codes: CodeTable | None, code: str, source: Actor, target: Actor | None, *,
                sent: Span, trigger_start: int, trigger_end: int, article_id: str, index: int,
                in_headline: bool, rule: str, confidence: float, day: dt.date,
                date_text: str | None = None, place: dict | None = None,
                rules: tuple[str, ...] = (), symmetric: bool = False) -> Event:
    """The Event: code facts from the code table (a code it lacks gets its root from
    the code and no scores), evidence offsets relative to the sentence."""
    info = codes.codes.get(code) if codes is not None else None
    return Event(article_id=article_id, sentence_index=index, sentence=sent.text,
                 date=day, date_text=date_text, source=source, target=target, cameo=code,
                 cameo_root=info.root if info else code[:2],
                 plover=info.plover if info else None,
                 plover_mode=info.plover_mode if info else None,
                 quad_class=info.quad_class if info else 0,
                 goldstein=info.goldstein if info else 0.0, rule=rule,
                 trigger=sent.text[trigger_start:trigger_end], trigger_start=trigger_start,
                 trigger_end=trigger_end, in_headline=in_headline, confidence=confidence,
                 place=place["text"] if place else None,
                 place_country=place["country"] if place else None, rules=rules,
                 symmetric=symmetric)

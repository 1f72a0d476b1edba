"""Stage: event building. An Event from a code, two actors and the words that carry it,
for both coders (how far to trust it: confidence.py for the bundled coder).
"""
from __future__ import annotations

from spacy.tokens import Span

from ..enrich.dates import EventDate
from ..model import Actor, Event
from .codes import CodeTable


def build_event(codes: CodeTable | None, code: str, source: Actor, target: Actor | None, *,
                sent: Span, trigger_start: int, trigger_end: int, article_id: str, index: int,
                in_headline: bool, rule: str, when: EventDate, confidence: float = 0.0,
                place: dict | None = None,
                rules: tuple[str, ...] = (), symmetric: bool = False) -> Event:
    """The Event: code facts from the code table (a code it lacks gets its root from
    the code and no scores), evidence offsets relative to the sentence."""
    info = codes.codes.get(code) if codes is not None else None
    return Event(article_id=article_id, sentence_index=index, sentence=sent.text,
                 date=when.day, date_text=when.text,
                 date_precision=when.precision, historical=when.historical, source=source, target=target, cameo=code,
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

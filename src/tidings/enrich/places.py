"""Where an event happened: a place phrase on its verb ("in Gaza", "at the border in Ladakh").

A place is reported with its text and, where the actor dictionaries know it (a country,
territory or capital), its country code. Unknown place names are kept as text only.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..actors.resolver import Match

PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "around")
PLACE_KINDS = ("country", "capital")


def event_place(verb: Token, matches: list[Match]) -> dict | None:
    """{text, country} of the first place phrase on the verb, or None."""
    # the parser often hangs "in Moscow" on the object: "met Xi in Moscow"
    holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    for child in (c for h in holders for c in h.children):
        if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
            continue
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            span = {t.i for t in pobj.subtree}
            known = next((m for m in matches if m.start in span
                          and m.entry.kind in PLACE_KINDS), None)
            if known is not None:
                doc = verb.doc
                return {"text": doc[pobj.left_edge.i:pobj.right_edge.i + 1].text,
                        "country": known.entry.country}
            if pobj.pos_ == "PROPN" and pobj.ent_type_ not in ("DATE", "TIME"):
                names = [t for t in pobj.subtree if t.pos_ == "PROPN"]
                return {"text": " ".join(t.text for t in names), "country": None}
    return None

"""The data model every stage passes along: Article in, Actor and Event out.

Ingest produces Articles, the actor resolver produces Actors, the coder
produces Events. Stages pass these objects, never loose dicts; `to_dict`
gives the stable JSON shape that the CLI, the store and exports share.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


def content_id(*parts: str) -> str:
    """Stable short id derived from content: same content, same id."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass
class Article:
    """One dated news article, as read from any input format."""

    id: str
    date: dt.date
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # file (and line) it was read from, for messages

    @classmethod
    def create(cls, *, date: dt.date, title: str, text: str, id: str | None = None,
               url: str | None = None, source: str | None = None,
               origin: str | None = None) -> "Article":
        """Build an Article, deriving the id from date, title and text when none is given."""
        article_id = id or content_id(date.isoformat(), title.strip(), text.strip())
        return cls(id=str(article_id), date=date, title=title, text=text, url=url,
                   source=source, origin=origin)


@dataclass(frozen=True)
class Provenance:
    """How an actor was resolved, as a value decisions can test (never by parsing text).

    kind: what decided it: "dictionary" (a gazetteer entry), "title" (a role word with a
        name or office holder), "pronoun", "event-reference", "group-reference",
        "definite", "title-mention", "article-name", "mention", "title-name",
        "population", "passive-authority".
    entry: the dictionary file and line ("countries.tsv:12") or, for references, the
        word that refers ("he", "attack").
    entry_kind: the kind of gazetteer entry behind it (country, demonym, capital, igo,
        group, person, title, body), when there is one.
    steps: later inferences, in order: "context-country" (the country was guessed from
        the story), "misparse", "owner", "location", "organ", "shared-noun".
    """

    kind: str
    entry: str | None = None
    entry_kind: str | None = None
    steps: tuple[str, ...] = ()

    def then(self, step: str) -> "Provenance":
        """The same provenance with one more inference step."""
        return Provenance(self.kind, self.entry, self.entry_kind, self.steps + (step,))

    def as_kind(self, kind: str, entry: str | None = None) -> "Provenance":
        """Re-labelled by what finally decided it ("title" over its sector word)."""
        return Provenance(kind, self.entry if entry is None else entry, self.entry_kind,
                          self.steps)

    @property
    def guessed_country(self) -> bool:
        """The country comes from the story, not from the words of the phrase."""
        return "context-country" in self.steps

    @property
    def from_country_entry(self) -> bool:
        """Resolved straight from a country's name, demonym or capital ("Israeli")."""
        return self.kind == "dictionary" and self.entry_kind in COUNTRY_KINDS

    @property
    def is_person(self) -> bool:
        """A named or titled person ("Putin", "the Syrian President")."""
        return self.kind in ("title", "title-mention", "title-name") or (
            self.kind == "dictionary" and self.entry_kind == "person")

    def text(self) -> str:
        """The readable form: `countries.tsv:12+context-country`, `pronoun:he`,
        `title:sectors.tsv:40+owner`."""
        if self.kind == "dictionary":
            base = self.entry or ""
        else:
            base = f"{self.kind}:{self.entry}" if self.entry else self.kind
        return "+".join((base,) + self.steps)


COUNTRY_KINDS = ("country", "demonym", "capital")  # the entry kinds countries.tsv gives


@dataclass
class Actor:
    """A resolved actor mention.

    code is CAMEO style: ISO3 + sector ("SYRGOV"), or "IGO" + body ("IGOUNO").
    start/end are character offsets in the sentence the event comes from.
    """

    text: str
    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None  # named person or body, e.g. "Bashar al-Assad"
    start: int = 0
    end: int = 0
    provenance: Provenance | None = None  # how it was resolved

    @property
    def rule(self) -> str | None:
        """Provenance as text, for `explain` and debugging."""
        return self.provenance.text() if self.provenance else None

    def to_dict(self) -> dict:
        return {"text": self.text, "name": self.name, "code": self.code,
                "country": self.country, "sector": self.sector,
                "start": self.start, "end": self.end}


@dataclass
class Event:
    """One coded statement: who did what to whom, when, with its evidence."""

    article_id: str
    sentence_index: int
    sentence: str
    date: dt.date
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str | None
    plover_mode: str | None
    quad_class: int
    goldstein: float
    rule: str
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    in_headline: bool = False
    confidence: float = 1.0
    date_text: str | None = None  # the words that dated it ("on Monday"); None: article date
    date_precision: str = "day"  # day, week (date: its Monday), month (its 1st), year (Jan 1)
    historical: bool = False  # background: its time began over 4 days before ("in 2019")
    place: str | None = None  # where it happened, as written ("in Gaza")
    place_country: str | None = None  # ISO3 of that place, when known
    rules: tuple[str, ...] = ()  # the coder's named rules that fired for it (stage.name)
    symmetric: bool = False  # the act is the same from either side: stands for both directions
    event_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.event_id:
            self.event_id = content_id(
                self.article_id, str(self.sentence_index), self.source.code,
                self.target.code if self.target else "", self.cameo,
                str(self.trigger_start))

    def to_dict(self) -> dict:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "in_headline": self.in_headline,
            "date": self.date.isoformat(),
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "historical": self.historical,
            "place": {"text": self.place, "country": self.place_country} if self.place else None,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "rule": self.rule,
            "trigger": {"text": self.trigger, "start": self.trigger_start,
                        "end": self.trigger_end},
            "confidence": self.confidence,
            "rules": list(self.rules),
            "symmetric": self.symmetric,
        }

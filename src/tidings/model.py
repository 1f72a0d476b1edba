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


@dataclass(frozen=True)
class Place:
    """A place resolved in the gazetteer (enrich/gazetteer.py).

    type is GDELT's geo type: 1 country (its centroid), 2 US state, 3 US city, 4 world
    city, 5 first-order division outside the US. country is ISO3, fips the FIPS 10-4
    country code, adm1 GDELT's ADM1 code (FIPS country + admin1 code, "UP07"; the FIPS
    country code alone for a country). text is the words in the sentence and start/end
    their offsets; text is None for a place inferred, not named (an actor's country).
    """

    name: str
    geonameid: int | None
    type: int
    country: str
    fips: str
    adm1: str
    lat: float
    lon: float
    text: str | None = None
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return {"text": self.text, "name": self.name, "geonameid": self.geonameid,
                "type": self.type, "country": self.country, "fips": self.fips,
                "adm1": self.adm1, "lat": self.lat, "lon": self.lon}


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
    action_geo: Place | None = None  # the place of the event's clause (enrich/geocoding.py)
    source_geo: Place | None = None  # where the source is: a place in its words, else its country
    target_geo: Place | None = None
    rules: tuple[str, ...] = ()  # the coder's named rules that fired for it (stage.name)
    symmetric: bool = False  # the act is the same from either side: stands for both directions
    tone: float | None = None  # the sentence's tone, GDELT AvgTone scale (enrich/tone.py)
    doc_tone: float | None = None  # the article's tone (GDELT's MentionDocTone)
    quote_id: str | None = None  # the quote whose words state the event (Quote.quote_id)
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
            "geo": {role: place.to_dict() if place else None for role, place in (
                ("action", self.action_geo), ("source", self.source_geo),
                ("target", self.target_geo))},
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
            "tone": self.tone,
            "doc_tone": self.doc_tone,
            "quote_id": self.quote_id,
        }


QUOTE_KINDS = ("direct", "continued", "attributed", "according_to")


@dataclass
class Quote:
    """Words an article attributes to a speaker.

    kind: direct ('"...," X said', 'X said: "..."'), continued (a quote with no
    attribution of its own, after one of the same speaker), attributed (the clause a
    reporting verb reports: 'X said (that) ...'), according_to ('according to X, ...').
    paragraph: 0 is the headline, then the body's paragraphs from 1; sentence_index: the
    sentence the quote begins in (as Event.sentence_index); start/end: character offsets
    of the quoted words in the paragraph, quote marks excluded.
    speaker: the resolved actor, or None when the speaker is no one the dictionaries or
    the article's memory know (speaker_text still says who it is).
    """

    article_id: str
    paragraph: int
    sentence_index: int
    start: int
    end: int
    text: str
    kind: str
    speaker_text: str | None = None
    speaker: Actor | None = None

    @property
    def quote_id(self) -> str:
        return content_id(self.article_id, "quote", str(self.paragraph), str(self.start))

    def to_dict(self) -> dict:
        speaker = self.speaker
        return {"quote_id": self.quote_id, "article_id": self.article_id,
                "paragraph": self.paragraph, "sentence_index": self.sentence_index,
                "start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "speaker_text": self.speaker_text,
                "speaker_code": speaker.code if speaker else None,
                "speaker_name": speaker.name if speaker else None,
                "speaker_country": speaker.country if speaker else None}


class ArticleCoding(list):
    """What reading one article gave: its event mentions in reading order (this is a list
    of Events, so every caller of `code_article` reads it as before), its quotes and its
    tone (GDELT AvgTone scale; None for an article without words)."""

    def __init__(self, events=(), quotes=(), tone: float | None = None):
        super().__init__(events)
        self.quotes: list[Quote] = list(quotes)
        self.tone = tone

    def keeping(self, events) -> "ArticleCoding":
        """The same reading with only `events` (a filter's survivors)."""
        return ArticleCoding(events, self.quotes, self.tone)

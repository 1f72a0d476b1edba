"""Places named in a sentence, resolved against the gazetteer; an event's place and its
actors' places.

A name is looked up anywhere in the sentence ("in the eastern city of Kharkiv",
"Kharkiv, Ukraine", "near the border town of Sumy"), the longest name first. Where a
name has several places (Tripoli in Libya and in Lebanon; Georgia the country and the
US state), the choice weighs the place's kind and population, the cue words around the
name ("the city of", "region"), a country named after a comma ("Tripoli, Lebanon"), the
countries the story names and those of the sentence's actors. A name of a country is
that country's point (type 1, its centroid), never its capital.
"""
from __future__ import annotations

import calendar
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from ..model import Actor, Event, Place
from ..tables import data_path, read_tsv
from .gazetteer import (
    CONTINENT,
    COUNTRY,
    DIVISION_WORDS,
    WORD,
    Feature,
    Gazetteer,
    word_key,
)

MAX_WORDS = 6  # the longest name looked up ("Democratic Republic of the Congo")
# a name may end in one of these words written small ("Zamfara state", "JFK airport")
KIND_WORDS = frozenset(DIVISION_WORDS) | {"airport"}
JOINER = re.compile(r"[ \-.]{1,3}")  # what may stand between the words of one name
CITY_BEFORE = re.compile(r"\b(?:city|town|village|capital|port|suburbs?|outskirts)\s+of\s+"
                         r"(?:the\s+)?$|\bcapital,?\s+$", re.IGNORECASE)
CITY_AFTER = re.compile(r"^\s+city\b", re.IGNORECASE)
DIVISION_AFTER = re.compile(r"^(?:['’]s)?\s+(?:regions?|provinces?|provincial|oblasts?|"
                            r"governorates?|states?|districts?)\b", re.IGNORECASE)
QUALIFIER = re.compile(r"^\s*,\s*$")
OWNER = re.compile(r"^['’]s\s+$")  # "Canada's Ontario": the first holds the second
LISTED = re.compile(r"^\s*(?:,|,?\s+and|,?\s+or)\s+$")
APOSTROPHE_S = re.compile(r"['’]s$")
PREP_BEFORE = re.compile(r"\b(?:in|at|to|from|near|into|outside|across|of)\s+(?:the\s+)?$",
                         re.IGNORECASE)
PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "around", "from", "into",
               "to", "on", "off", "over")
PLACE_ACTOR_KINDS = ("country", "capital", "demonym")  # actor matches that may be places

# weights of the choice between places of one name (docs/gdelt.md explains them)
COUNTRY_BASE, DIVISION_BASE, CAPITAL_BONUS = 15.0, 8.5, 6.0
CUE_BONUS, STORY_WEIGHT, ACTOR_BONUS = 15.0, 20.0, 5.0
BIG_CITY = 1_000_000  # people: a city this large is itself, whatever the story


@dataclass
class NameHit:
    """A gazetteer name in a text: character offsets and every place it may be."""

    start: int
    end: int
    text: str
    key: str
    features: list[Feature]


@dataclass
class Story:
    """What the whole article says about where it is: ISO3 -> weight (countries named,
    its actors' countries, places only one country has), and how often each name occurs
    (a name's own mentions are no evidence for one of its readings)."""

    countries: Mapping[str, float]
    name_counts: Mapping[str, int]
    surnames: frozenset[str] = frozenset()  # names of places that end a person's name here
    # names settled by a cue or a qualifier earlier in the article ("Canada's Ontario"):
    # a later bare mention means the same place (one sense per story)
    settled: dict[str, Feature] = field(default_factory=dict)

    def share(self, iso3: str, *, less: float = 0.0) -> float:
        total = sum(self.countries.values())
        if total <= 0:
            return 0.0
        return max(0.0, self.countries.get(iso3, 0.0) - less) / total


def find_names(text: str, gazetteer: Gazetteer) -> list[NameHit]:
    """The gazetteer names in `text`, left to right, the longest at each position; a name
    starts and ends with a capital (or a kind word: "Zamfara state") and its words are
    joined only by spaces, hyphens or dots ("Rostov-on-Don", "U.S.")."""
    words = [(m.start(), m.end(), word_key(m.group())) for m in WORD.finditer(text)]
    hits: list[NameHit] = []
    i = 0
    while i < len(words):
        if not text[words[i][0]].isupper():
            i += 1
            continue
        found = None
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            last = words[i + n - 1]
            if not text[last[0]].isupper() and not (n > 1 and last[2] in KIND_WORDS):
                continue
            if any(not JOINER.fullmatch(text[words[j][1]:words[j + 1][0]])
                   for j in range(i, i + n - 1)):
                continue
            key = " ".join(w[2] for w in words[i:i + n])
            if key in gazetteer.names:
                found = (n, key)
                break
        if found is None:
            i += 1
            continue
        n, key = found
        start, end = words[i][0], words[i + n - 1][1]
        if n > 1 and text[end - 2:end - 1] == "." and text[end:end + 1] == ".":
            end += 1  # "U.S." ends with its dot
        hits.append(NameHit(start, end, text[start:end], key, gazetteer.lookup(key)))
        i += n
    return hits


@dataclass(frozen=True)
class PlaceWords:
    """data/geo/place_words.tsv by kind (docs/data-formats.md)."""

    names: tuple[re.Pattern, ...]  # names and waters: a name inside one is no place
    after: frozenset[str]  # "University": after a name, an organisation's
    before: frozenset[str]  # "Southern": before a name, no person's first name
    words: frozenset[str]  # "Police": written so, no place
    territory: frozenset[str]  # "soil": after a demonym, the country
    capital: frozenset[str]  # "capital": after a demonym, the country's capital


@functools.cache
def place_words() -> PlaceWords:
    rows = [row for _, row in read_tsv(data_path("geo", "place_words.tsv"), ("phrase", "kind"))]

    def kind(name: str) -> frozenset[str]:
        return frozenset(r["phrase"] for r in rows if r["kind"] == name)
    names = tuple(re.compile(rf"\b{re.escape(r['phrase'])}\b", re.IGNORECASE)
                  for r in rows if r["kind"] in ("name", "water"))
    return PlaceWords(names,
                      kind("after"), kind("before"), kind("word"), kind("territory"),
                      kind("capital"))


def not_place_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for p in place_words().names for m in p.finditer(text)]


def named_after(hit: NameHit, text: str) -> bool:
    """The place's name is part of an organisation's ("Columbia University")."""
    following = WORD.match(text, len(text) - len(text[hit.end:].lstrip(" ")))
    return following is not None and following.group() in place_words().after


def story_of(texts: Iterable[tuple[str, float]], gazetteer: Gazetteer,
             actor_countries: Mapping[str, float] = {}) -> Story:
    """The story's countries from its sentences (text, weight: the headline and lead
    weigh more): its actors' countries plus, for each name of a place that lies in one
    country only, that country; and each name's weighted count."""
    countries: Counter = Counter(actor_countries)
    names: Counter = Counter()
    surnames: set[str] = set()
    placed: set[str] = set()  # names used after "in", "to", "from" ...: places here
    for text, weight in texts:
        blocked = not_place_spans(text)
        headline_case = title_case(text)
        for hit in find_names(text, gazetteer):
            if inside_any(hit.start, hit.end, blocked):
                continue
            if PREP_BEFORE.search(text, 0, hit.start):
                placed.add(hit.key)
            if not headline_case and ends_a_name(hit, text):
                surnames.add(hit.key)
                continue
            names[hit.key] += weight
            found = {f.iso3 for f in hit.features}
            if len(found) == 1:
                countries[found.pop()] += weight
    return Story(countries, names, frozenset(surnames - placed))


def title_case(text: str) -> bool:
    """A Title Case headline, where capitals say nothing of names."""
    words = [w for w in WORD.findall(text) if w.lower() not in STOP_WORDS]
    return len(words) > 2 and sum(w[0].isupper() for w in words) > 0.8 * len(words)


def ends_a_name(hit: NameHit, text: str) -> bool:
    """A city's name after a capitalised word within a sentence ends a person's name:
    "Jeffrey Towson", "Mahmoud Khalil" (so "Towson said" later is the person too)."""
    if any(f.type == COUNTRY for f in hit.features):
        return False
    before = list(WORD.finditer(text, 0, hit.start))
    if len(before) < 2 or text[before[-1].end():hit.start] != " ":
        return False
    word = before[-1].group()
    return word[0].isupper() and not word.isupper() and word not in place_words().before \
        and word.lower() not in STOP_WORDS and not APOSTROPHE_S.search(word)


def inside_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def sentence_places(sent: Span | str, gazetteer: Gazetteer, story: Story, *,
                    actor_spans: Sequence[tuple[int, int, str | None, str]] = ()
                    ) -> list[Place]:
    """The places named in a sentence, resolved, in order.

    sent: a spaCy sentence (with its tags, a name of a city or division must hold a
        proper noun) or plain text.
    actor_spans: (start, end, country, kind) of the sentence's actor dictionary matches,
        character offsets in the sentence: a name inside a person's, group's or IGO's
        name is no place ("Kurdistan Workers' Party"), unless it is a landmark's (the
        Kremlin, the White House); their countries weigh the choice.
    """
    text = sent if isinstance(sent, str) else sent.text
    blocked = not_place_spans(text)
    in_actors = [(s, e) for s, e, _, kind in actor_spans if kind not in PLACE_ACTOR_KINDS]
    words = place_words().words
    hits = [with_divisions(h, text, gazetteer) for h in find_names(text, gazetteer)]
    hits = [h for h in hits
            if not overlaps(h.start, h.end, blocked) and h.text not in words
            and not (overlaps(h.start, h.end, in_actors)
                     and not all(f.is_landmark for f in h.features))
            and not named_after(h, text)
            and not (h.key in story.surnames and not any(f.type == COUNTRY for f in h.features))
            and names_a_place(h, sent)]
    chosen: list[Feature | None] = [None] * len(hits)

    def between(i: int) -> str:  # the text between hit i and hit i + 1
        return text[hits[i].end:hits[i + 1].start]

    def pick(i: int, cue: str | None = None) -> Feature | None:
        hit = hits[i]
        # the other actors' countries: the name's own match ("Georgia" as GEO) is no evidence
        actor_countries = {c for s, e, c, _ in actor_spans
                           if c and not overlaps(hit.start, hit.end, [(s, e)])}
        qualifier = hits[i + 1].features if i + 1 < len(hits) and QUALIFIER.match(
            between(i)) else None
        if i > 0 and OWNER.match(between(i - 1)):
            qualifier = hits[i - 1].features  # "Canada's Ontario"
        cue = cue or cue_of(hit, text)
        if qualifier or cue:
            found = choose(hit, text, story, actor_countries, qualifier, cue)
            if found is not None:
                story.settled[hit.key] = found
            return found
        if story.settled.get(hit.key) in hit.features:
            return story.settled[hit.key]
        return choose(hit, text, story, actor_countries, None, None)

    for i, hit in enumerate(hits):
        chosen[i] = pick(i)
        if i > 0 and chosen[i - 1] is not None and QUALIFIER.match(between(i - 1)):
            within = [f for f in hit.features if contains(f, chosen[i - 1])]
            if within:  # "Atlanta, Georgia": the state Atlanta is in
                hits[i] = NameHit(hit.start, hit.end, hit.text, hit.key, within)
                chosen[i] = pick(i)
    # names listed with divisions are divisions ("Michigan, Minnesota and New York",
    # "Bayelsa, Cross River, Ogun and Lagos states")
    for i in list(range(1, len(hits))) + list(range(len(hits) - 2, -1, -1)):
        for j in (i - 1, i + 1):
            if 0 <= j < len(hits) and chosen[j] is not None and chosen[j].is_division \
                    and LISTED.match(between(min(i, j))) and chosen[i] is not None \
                    and not chosen[i].is_division \
                    and any(f.is_division for f in hits[i].features):
                chosen[i] = pick(i, "division")
    places = [place_of(f, hit.text, hit.start, hit.end)
              for hit, f in zip(hits, chosen) if f is not None]
    return sorted(places + demonym_places(text, gazetteer, actor_spans, places),
                  key=lambda p: p.start)


def demonym_places(text: str, gazetteer: Gazetteer,
                   actor_spans: Sequence[tuple[int, int, str | None, str]],
                   found: Sequence[Place]) -> list[Place]:
    """A demonym that names a territory ("Afghan soil", "Lebanese territory") is its
    country; before "capital", its capital ("the Turkish capital")."""
    words, out = place_words(), []
    for start, end, country, kind in actor_spans:
        following = WORD.match(text, len(text) - len(text[end:].lstrip(" ")))
        if kind != "demonym" or following is None or overlaps(start, end, [
                (p.start, p.end) for p in found]):
            continue
        word = following.group().lower()
        if word in words.territory:
            feature = gazetteer.country(country)
            end_at = end
        elif word in words.capital:
            feature = gazetteer.capital(country)
            end_at = following.end()
        else:
            continue
        if feature is not None:
            out.append(place_of(feature, text[start:end_at], start, end_at))
    return out


def with_divisions(hit: NameHit, text: str, gazetteer: Gazetteer) -> NameHit:
    """Before "province", "state", "provincial" ... a name may be that of a division
    whose own name holds the word ("Ghazni provincial head": Ghazni Province)."""
    if not DIVISION_AFTER.match(text[hit.end:]):
        return hit
    more = [f for word in DIVISION_WORDS for f in gazetteer.lookup(f"{hit.key} {word}")
            if f not in hit.features]
    return NameHit(hit.start, hit.end, hit.text, hit.key, hit.features + more) if more else hit


def names_a_place(hit: NameHit, sent: Span | str) -> bool:
    """A country's name always is; a city's or a division's is no short word in capitals
    (an acronym: "NISA"), and in a tagged sentence it must be a proper noun (not "Police
    said") that does not follow another one."""
    if any(f.type == COUNTRY for f in hit.features):
        return True
    if hit.text.isupper() and len(hit.text) < 5:
        return False  # an acronym ("NISA"); a dateline's "ISLAMABAD" is a place
    if isinstance(sent, str):
        return True
    doc = sent.doc
    if not doc.has_annotation("TAG"):
        return True
    span = doc.char_span(sent.start_char + hit.start, sent.start_char + hit.end,
                         alignment_mode="expand")
    if span is None or not any(t.pos_ == "PROPN" for t in span):
        return False
    if all(f.is_landmark for f in hit.features):
        return True  # "White House Press Secretary": a landmark's name, no person's
    # after another proper noun it ends a person's name ("Mahmoud Khalil", "Abrego
    # Garcia"), unless that one is a possessive ("Bosnia's Banja Luka")
    before = doc[span.start - 1] if span.start > sent.start else None
    if before is not None and before.pos_ == "PROPN" and before.is_title and before.whitespace_:
        return False
    # before another proper noun that is no office or body, it begins one ("Gary Smith";
    # not "Kharkiv Governor", "Gaza City")
    after = doc[span.end] if span.end < sent.end else None
    return not (after is not None and after.pos_ == "PROPN" and after.is_title
                and span[-1].whitespace_ and after.lower_ not in office_words()
                and not APOSTROPHE_S.search(hit.text)
                and not any(f.type == COUNTRY for f in hit.features))


@functools.cache
def office_words() -> frozenset[str]:
    """First words of the offices and bodies of data/actors/sectors.tsv ("governor",
    "police"), the days and months ("in Paris Wednesday") and the words that name a
    place's kind ("city", "region")."""
    words = {row["phrase"].split()[0].lower() for _, row in
             read_tsv(data_path("actors", "sectors.tsv"), ("phrase",)) if row["phrase"]}
    days = {calendar.day_name[i].lower() for i in range(7)} | \
        {calendar.month_name[i].lower() for i in range(1, 13)}
    return frozenset(words | days | {"city", "region", "province", "oblast", "governorate",
                                     "state", "district", "county", "airport", "port"})


def contains(outer: Feature, inner: Feature) -> bool:
    """The country or division `outer` holds the place `inner`."""
    if outer.iso3 != inner.iso3:
        return False
    return outer.type == COUNTRY or (outer.is_division and inner.adm1 == outer.adm1)


def cue_of(hit: NameHit, text: str) -> str | None:
    """"city" after "the city of" or before "city", "division" before "province",
    "state", "region" ...; else None."""
    before, after = text[:hit.start], text[hit.end:]
    return "city" if CITY_BEFORE.search(before) or CITY_AFTER.match(after) else \
        "division" if DIVISION_AFTER.match(after) else None


def choose(hit: NameHit, text: str, story: Story, actor_countries: set[str],
           qualifier: list[Feature] | None, cue: str | None = None) -> Feature | None:
    """The place a name means here (module docstring)."""
    features = hit.features
    if qualifier:
        within = [f for f in features if any(contains(q, f) for q in qualifier)]
        features = within or features

    if cue != "city" and any(f.type == COUNTRY for f in features):
        # a country's name is the country (or a division of that name: Georgia), not
        # a city that has the name among its alternates (Kuwait City is "Kuwait")
        features = [f for f in features if not f.is_city]
    own = story.name_counts.get(hit.key, 0)
    one_country = len({f.iso3 for f in hit.features}) == 1

    def support(f: Feature) -> float:
        """The story's share of f's country, less what this name itself added to it:
        its actor match (a country) and its count as a place of one country."""
        less = own * ((f.type == COUNTRY) + one_country)
        return story.share(f.iso3, less=less)

    def score(f: Feature) -> tuple[float, int]:
        if f.type in (COUNTRY, CONTINENT):
            value = COUNTRY_BASE
        elif f.is_division:
            value = DIVISION_BASE + (CUE_BONUS if cue == "division" else 0.0)
        else:
            value = 2 * math.log10(max(f.population, 1000)) - 4 \
                + (CAPITAL_BONUS if f.capital else 0.0) + (CUE_BONUS if cue == "city" else 0.0)
        value += STORY_WEIGHT * support(f)
        value += ACTOR_BONUS if f.iso3 in actor_countries else 0.0
        return value, f.population
    best = max(features, key=score, default=None)
    if best is not None and best.is_city and not (
            best.capital or best.population >= BIG_CITY or cue == "city" or qualifier
            or best.iso3 in actor_countries or support(best) > 0):
        return None  # a lesser city of a country the story never names: a name, not it
    return best


def place_of(f: Feature, text: str | None, start: int = 0, end: int = 0) -> Place:
    return Place(name=f.name, geonameid=f.geonameid, type=f.type, country=f.iso3,
                 fips=f.fips, adm1=f.adm1, lat=f.lat, lon=f.lon, text=text,
                 start=start, end=end)


def event_location(places: Sequence[Place], sent: Span, trigger_start: int,
                   source: Actor | None,
                   actor_spans: Sequence[tuple[int, int, str | None, str]] = ()
                   ) -> Place | None:
    """The place of the event's clause: one in a place phrase on the verb or its object
    ("met Xi in Moscow", "flew teams to Syria"), else the nearest one in the verb's
    clause, else the nearest in the sentence. A place within the acting side's words
    ("Russia said", "Lebanon's prime minister") is where the actor is from (its
    source_geo), not where the act was; a country named as an actor ("offered condolences
    to New Zealand ... in Christchurch") is taken only when no other place is named."""
    free = [p for p in places if p.type != CONTINENT
            and (source is None or not (source.start <= p.start and p.end <= source.end))]
    as_actors = [(s, e) for s, e, _, kind in actor_spans if kind == "country"]
    free = [p for p in free if not overlaps(p.start, p.end, as_actors)] or free
    if not free:
        return None
    verb = next((t for t in sent if t.idx - sent.start_char == trigger_start), None)
    if verb is None:
        return free[0]

    def chars(token) -> tuple[int, int]:
        return (token.left_edge.idx - sent.start_char,
                token.right_edge.idx + len(token.right_edge.text) - sent.start_char)

    holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    for prep in (c for h in holders for c in h.children):
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            start, end = chars(prep)
            inside = [p for p in free if start <= p.start and p.end <= end]
            if inside:
                return most_specific(inside)
    at = verb.idx - sent.start_char
    start, end = chars(verb)
    in_clause = [p for p in free if start <= p.start and p.end <= end]
    return min(in_clause or free, key=lambda p: abs(p.start - at))


def most_specific(places: Sequence[Place]) -> Place:
    """A city before a division before a country ("Kharkiv, Ukraine" is Kharkiv)."""
    return min(places, key=lambda p: (p.type == COUNTRY, p.type in (2, 5), p.start))


def actor_location(actor: Actor | None, places: Sequence[Place],
                   gazetteer: Gazetteer) -> Place | None:
    """Where an actor is: a place named within its words ("the Kharkiv governor"),
    else its country's point; none for an IGO or an actor of no known country."""
    if actor is None:
        return None
    inside = [p for p in places if actor.start <= p.start and p.end <= actor.end
              and p.type != CONTINENT]
    if inside:
        return most_specific(inside)
    feature = gazetteer.country(actor.country)
    return place_of(feature, None) if feature is not None else None



class Geocoder:
    """Places the events of a sentence; the gazetteer is loaded at the first use."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from .gazetteer import load_gazetteer
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def story(self, texts: Iterable[tuple[str, float]], actor_countries: Mapping[str, float]
              ) -> Story:
        return story_of(texts, self.gazetteer, actor_countries)

    def places(self, sent: Span, matches: Sequence, story: Story) -> list[Place]:
        """The places of a parsed sentence whose actor dictionary matches are `matches`."""
        return sentence_places(sent, self.gazetteer, story,
                               actor_spans=match_spans(sent, matches))

    def place_events(self, events: Sequence[Event], sent: Span, matches: Sequence,
                     story: Story) -> None:
        """Set each event's action_geo, source_geo and target_geo."""
        if not events:
            return
        spans = match_spans(sent, matches)
        places = sentence_places(sent, self.gazetteer, story, actor_spans=spans)
        for event in events:
            event.action_geo = event_location(places, sent, event.trigger_start, event.source,
                                              spans)
            event.source_geo = actor_location(event.source, places, self.gazetteer)
            event.target_geo = actor_location(event.target, places, self.gazetteer)


def match_spans(sent: Span, matches: Sequence) -> list[tuple[int, int, str | None, str]]:
    """(start, end, country, kind) of actor dictionary matches, in sentence characters."""
    doc, spans = sent.doc, []
    for m in matches:
        entry = getattr(m, "entry", None)
        if entry is None:
            continue
        last = doc[m.end - 1]
        spans.append((doc[m.start].idx - sent.start_char,
                      last.idx + len(last.text) - sent.start_char, entry.country, entry.kind))
    return spans

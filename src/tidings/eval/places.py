"""Score geocoding against a gold file of place mentions.

Gold file: JSONL, one place mention per line (docs/data-formats.md):
    {"article": "voa-8011115" | "2022-10-10-russia-missile-strikes-ukraine.txt",
     "sentence": "...", "text": "Kharkiv", "name": "Kharkiv", "geonameid": 706483,
     "level": "city" | "adm1" | "country", "gdelt_type": 4, "country": "UKR",
     "lat": 49.98, "lon": 36.25, "event_location": true}

A gold place is found when Tidings reports a place over its words in that sentence, and
right when that place has the gold GeoNames id or lies within 25 km of the gold point.
Figures are given overall and split into places named as a country and the others
(cities, divisions). For the gold places marked as an event's location, in sentences
where Tidings coded an event, it also counts how many are an event's place (its
ActionGeo) by the same test.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..enrich.gazetteer import distance_km
from ..errors import InputError
from ..model import Article, Place

NEAR_KM = 25.0
Sentence = tuple[str, list[Place], list[Place]]  # text, places named, its events' places


@dataclass(frozen=True)
class GoldPlace:
    """One annotated place mention."""

    origin: str  # file:line
    article: str
    sentence: str
    text: str
    name: str
    geonameid: int | None
    level: str
    lat: float | None
    lon: float | None
    event_location: bool = False
    note: str = ""

    @property
    def country_only(self) -> bool:
        return self.level == "country"

    @property
    def literal(self) -> bool:
        """Not a country or capital standing for its government ("Washington urged")."""
        return not self.note.startswith("metonymy:")


@dataclass
class PlaceResult:
    gold: GoldPlace
    found: Place | None
    distance: float | None  # km between the gold point and the place found
    event_places: list[Place] | None = None  # the ActionGeo of the sentence's coded events

    @property
    def right(self) -> bool:
        return self.found is not None and is_right(self.gold, self.found)


def is_right(gold: GoldPlace, place: Place) -> bool:
    """The gold GeoNames id, or within NEAR_KM of the gold point."""
    if gold.geonameid is not None and place.geonameid == gold.geonameid:
        return True
    km = distance(gold, place)
    return km is not None and km <= NEAR_KM


@dataclass
class PlacesReport:
    results: list[PlaceResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def figures(self, which: Callable[[GoldPlace], bool] = lambda g: True) -> dict:
        chosen = [r for r in self.results if which(r.gold)]
        n, found = len(chosen), sum(r.found is not None for r in chosen)
        right = sum(r.right for r in chosen)
        return {"gold": n, "found": found, "right": right,
                "accuracy": round(right / n, 4) if n else None,
                "found_share": round(found / n, 4) if n else None}

    def event_figures(self) -> dict:
        """Gold event locations in sentences with a coded event, and how many are the
        place of one of those events."""
        chosen = [r for r in self.results if r.gold.event_location and r.event_places]
        right = sum(any(is_right(r.gold, p) for p in r.event_places) for r in chosen)
        return {"gold": len(chosen), "right": right,
                "accuracy": round(right / len(chosen), 4) if chosen else None}

    def to_dict(self) -> dict:
        return {"overall": self.figures(),
                "country_only": self.figures(lambda g: g.country_only),
                "city_adm1": self.figures(lambda g: g.level in ("city", "adm1")),
                "other": self.figures(lambda g: g.level not in ("country", "city", "adm1")),
                "literal": self.figures(lambda g: g.literal),
                "event_location_lines": self.figures(lambda g: g.event_location),
                "event_location": self.event_figures(),
                "misses": [miss_record(r) for r in self.results if not r.right],
                "errors": self.errors}


def miss_record(result: PlaceResult) -> dict:
    gold, found = result.gold, result.found
    return {"origin": gold.origin, "text": gold.text, "gold": f"{gold.name} ({gold.geonameid})",
            "found": f"{found.name} ({found.geonameid}, type {found.type})" if found else None,
            "km": round(result.distance, 1) if result.distance is not None else None}


def read_gold_places(path: Path) -> list[GoldPlace | InputError]:
    """The gold file's place mentions; a malformed line becomes an InputError."""
    out: list[GoldPlace | InputError] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                r = json.loads(line)
                gid = r.get("geonameid")
                out.append(GoldPlace(
                    origin, str(r["article"]), r["sentence"], r["text"], r.get("name") or "",
                    int(gid) if gid not in (None, "") else None, str(r.get("level") or ""),
                    float(r["lat"]) if r.get("lat") is not None else None,
                    float(r["lon"]) if r.get("lon") is not None else None,
                    bool(r.get("event_location")), str(r.get("note") or "")))
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                out.append(InputError(origin, f"bad gold place: {err}"))
    return out


def article_names(article: Article) -> list[str]:
    """The names a gold file uses for an article: `voa-<id>` and its file's name."""
    names = [f"voa-{article.id}", article.id]
    if article.origin:
        names.append(Path(article.origin.split(":")[0]).name)
    return names


def evaluate_places(gold: Sequence[GoldPlace | InputError], articles: Iterable[Article],
                    sentence_places: Callable[[Article], list[Sentence]]) -> PlacesReport:
    """Score the places `sentence_places` finds in each gold article's sentences: for
    each, its text, the places it names and the places of the events coded in it."""
    report = PlacesReport(errors=[f"{g.origin}: {g.reason}" for g in gold
                                  if isinstance(g, InputError)])
    wanted = [g for g in gold if isinstance(g, GoldPlace)]
    names = {g.article for g in wanted}
    by_name: dict[str, Article] = {}
    for article in articles:
        for name in article_names(article):
            if name in names:
                by_name.setdefault(name, article)
    for name in sorted(names):
        lines = [g for g in wanted if g.article == name]
        if name not in by_name:
            report.errors.append(f"{lines[0].origin}: article {name!r} not found in the "
                                 "articles read")
            report.results += [PlaceResult(g, None, None) for g in lines]
            continue
        sentences = sentence_places(by_name[name])
        seen: Counter = Counter()
        for g in lines:
            occurrence = seen[g.sentence, g.text]
            seen[g.sentence, g.text] += 1
            report.results.append(score_line(g, sentences, occurrence))
    return report


def score_line(gold: GoldPlace, sentences: list[Sentence], occurrence: int) -> PlaceResult:
    """The gold place's words in the article's sentence that holds them (whole words, the
    `occurrence`-th time in the gold sentence), and the best place reported over them."""
    index = best_sentence(gold, sentences)
    if index is None:
        return PlaceResult(gold, None, None)
    text, places, event_places = sentences[index]
    flat, where = squeezed(text)
    base = max(flat.find(" ".join(gold.sentence.split())), 0)
    hits = [m.start() for m in whole_word(gold.text).finditer(flat, base)]
    if not hits:
        hits = [m.start() for m in whole_word(gold.text).finditer(flat)] or [0]
    # the occurrence-th time, or a later one where a place was found (an earlier
    # occurrence may be no mention: "Agence France-Presse" before "France")
    over: list[Place] = []
    for at in hits[min(occurrence, len(hits) - 1):]:
        start, end = where[at], where[at + len(gold.text) - 1] + 1
        over = [p for p in places if p.start < end and start < p.end]
        if over:
            break
    results = [PlaceResult(gold, p, distance(gold, p), event_places) for p in over]
    return next((r for r in results if r.right), results[0] if results else
                PlaceResult(gold, None, None, event_places))


def whole_word(text: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def squeezed(text: str) -> tuple[str, list[int]]:
    """The text with each run of whitespace one space, and each character's offset in it."""
    out, where, space = [], [], False
    for i, ch in enumerate(text.strip()):
        if ch.isspace():
            if space:
                continue
            ch, space = " ", True
        else:
            space = False
        out.append(ch)
        where.append(i + len(text) - len(text.lstrip()))
    return "".join(out), where


def best_sentence(gold: GoldPlace, sentences: list[Sentence]) -> int | None:
    """The sentence that holds the gold sentence (or the most of its words) and its
    place's words."""
    words = set(gold.sentence.split())
    pattern = whole_word(gold.text)
    holding = [(len(words & set(text.split())), i) for i, (text, _, _) in enumerate(sentences)
               if pattern.search(" ".join(text.split()))]
    return max(holding)[1] if holding else None


def distance(gold: GoldPlace, place: Place) -> float | None:
    if gold.lat is None or gold.lon is None:
        return None
    return distance_km(gold.lat, gold.lon, place.lat, place.lon)


def format_places_report(report: PlacesReport, *, details: bool = True) -> str:
    def line(label: str, f: dict) -> str:
        if not f["gold"]:
            return f"{label}: none"
        return (f"{label}: {f['gold']} gold, {f['found']} found ({f['found_share']:.1%}), "
                f"{f['right']} right ({f['accuracy']:.1%}: GeoNames id or within "
                f"{NEAR_KM:.0f} km)")
    data = report.to_dict()
    out = [line("places", data["overall"]), line("  named as a country", data["country_only"]),
           line("  city or division", data["city_adm1"]),
           line("  other (landmarks, waters, regions)", data["other"]),
           line("  literal (not a name standing for a government)", data["literal"]),
           line("  marked as an event's location", data["event_location_lines"])]
    events = data["event_location"]
    if events["gold"]:
        out.append(f"event locations in sentences with a coded event: {events['gold']} gold, "
                   f"{events['right']} an event's place ({events['accuracy']:.1%})")
    if details and data["misses"]:
        out.append("misses:")
        out += [f"  {m['origin']}: {m['text']!r} gold {m['gold']}, found {m['found'] or '-'}"
                + (f", {m['km']} km" if m["km"] is not None else "") for m in data["misses"]]
    out += [f"error: {e}" for e in report.errors]
    return "\n".join(out)

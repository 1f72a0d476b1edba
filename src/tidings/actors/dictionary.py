"""Load the bundled actor dictionaries into one typed ActorDictionary.

Every loader is a pure function: paths in, records out. Names become
gazetteer entries (`Entry`) that the resolver matches in text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DictionaryError
from ..tables import alternatives, data_path, read_tsv


def days_outside(valid_from: dt.date | None, valid_until: dt.date | None, day: dt.date) -> int:
    """Days between `day` and the period from `valid_from` to `valid_until` (0 inside it;
    an open end reaches any day)."""
    if valid_from and day < valid_from:
        return (valid_from - day).days
    if valid_until and day > valid_until:
        return (day - valid_until).days
    return 0


@dataclass(frozen=True)
class PersonRole:
    """One person holding one role between two dates."""

    name: str
    country: str
    sector: str
    role: str
    valid_from: dt.date | None
    valid_until: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return self.distance(day) == 0

    def distance(self, day: dt.date) -> int:
        """Days between `day` and this role's term (0 inside it)."""
        return days_outside(self.valid_from, self.valid_until, day)


@dataclass(frozen=True)
class Entry:
    """A phrase the resolver can match, and what it means.

    kind: country | demonym | capital | igo | group | person | title | body
    For `person`, `key` is the person's name (look up roles in `people`).
    valid_from/valid_until: the days a country or group row holds ("Soviet Union" until
    1991-12-25, "Taliban" as government from 2021-08-15); open ends hold always.
    """

    phrase: str
    kind: str
    key: str
    country: str | None = None
    sector: str | None = None
    rule: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def distance(self, day: dt.date) -> int:
        """Days between `day` and this entry's validity (0 inside it)."""
        return days_outside(self.valid_from, self.valid_until, day)


@dataclass
class ActorDictionary:
    entries: list[Entry] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)
    people: dict[str, list[PersonRole]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # code -> display name (IGOs, groups)
    # (country, role) -> its holders over time, for "the Syrian President" and "the king"
    offices: dict[tuple[str, str], list[PersonRole]] = field(default_factory=dict)

    def person_on(self, name: str, day: dt.date) -> tuple[PersonRole, bool]:
        """The role `name` held on `day`, else the nearest one; and whether it is current."""
        roles = self.people[name]
        current = [r for r in roles if r.holds_on(day)]
        if current:
            return current[0], True
        return min(roles, key=lambda r: r.distance(day)), False

    def holder_of(self, country: str, role: str, day: dt.date) -> PersonRole | None:
        """Who held `role` for `country` on `day` ("the Syrian President" in 2024)."""
        return next((r for r in self.offices.get((country, role), []) if r.holds_on(day)),
                    None)


def _date(cell: str, path: Path, number: int) -> dt.date | None:
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError as err:
        raise DictionaryError(str(path), number, f"date {cell!r} is not YYYY-MM-DD") from err


def _validity(row: dict[str, str], path: Path, number: int
              ) -> tuple[dt.date | None, dt.date | None]:
    """The optional `valid_from`/`valid_until` cells of a row (files without them load)."""
    start = _date(row.get("valid_from", ""), path, number)
    end = _date(row.get("valid_until", ""), path, number)
    if start and end and start > end:
        raise DictionaryError(str(path), number, "valid_from is after valid_until")
    return start, end


def load_countries(path: Path, into: ActorDictionary) -> None:
    for number, row in read_tsv(path, ("code", "name", "aliases", "demonyms", "capitals")):
        code = row["code"]
        if len(code) != 3 or not code.isupper():
            raise DictionaryError(str(path), number, f"country code {code!r} is not ISO3")
        start, end = _validity(row, path, number)
        into.country_names.setdefault(code, row["name"])
        rule = f"countries.tsv:{number}"
        for kind, sector, cell in (("country", "GOV", [row["name"], *alternatives(row["aliases"])]),
                                   ("demonym", None, alternatives(row["demonyms"])),
                                   ("capital", "GOV", alternatives(row["capitals"]))):
            for phrase in cell:
                into.entries.append(Entry(phrase, kind, code, code, sector, rule, start, end))


def load_igos(path: Path, into: ActorDictionary) -> None:
    for number, row in read_tsv(path, ("code", "name", "aliases")):
        code = row["code"]
        if not code.startswith("IGO"):
            raise DictionaryError(str(path), number, f"IGO code {code!r} must start with IGO")
        into.names[code] = row["name"]
        for phrase in [row["name"], *alternatives(row["aliases"])]:
            into.entries.append(Entry(phrase, "igo", code, None, None, f"igos.tsv:{number}"))


def load_groups(path: Path, into: ActorDictionary) -> None:
    for number, row in read_tsv(path, ("code", "name", "aliases", "country", "sector")):
        code = row["code"]
        start, end = _validity(row, path, number)
        into.names[code] = row["name"]
        for phrase in [row["name"], *alternatives(row["aliases"])]:
            into.entries.append(Entry(phrase, "group", code, row["country"] or None,
                                      row["sector"] or None, f"groups.tsv:{number}",
                                      start, end))


def load_sectors(path: Path, into: ActorDictionary) -> None:
    for number, row in read_tsv(path, ("phrase", "sector", "kind")):
        if row["kind"] not in ("title", "body"):
            raise DictionaryError(str(path), number, f"kind {row['kind']!r} is not title or body")
        into.entries.append(Entry(row["phrase"].lower(), row["kind"], row["phrase"].lower(),
                                  None, row["sector"], f"sectors.tsv:{number}"))


def load_people(path: Path, into: ActorDictionary) -> None:
    required = ("name", "aliases", "country", "sector", "role", "valid_from", "valid_until")
    for number, row in read_tsv(path, required):
        role = PersonRole(row["name"], row["country"], row["sector"] or "GOV", row["role"].lower(),
                          *_validity(row, path, number))
        known = role.name in into.people
        into.people.setdefault(role.name, []).append(role)
        into.offices.setdefault((role.country, role.role), []).append(role)
        rule = f"people.tsv:{number}"
        for phrase in [row["name"], *alternatives(row["aliases"])]:
            if not known or phrase != row["name"]:
                into.entries.append(Entry(phrase, "person", role.name, role.country,
                                          role.sector, rule))


def load_actor_dictionary(folder: Path | None = None) -> ActorDictionary:
    """Load countries, IGOs, groups, sectors and people from `folder` (default: bundled)."""
    folder = Path(folder) if folder else data_path("actors")
    result = ActorDictionary()
    for name, loader in (("countries.tsv", load_countries), ("igos.tsv", load_igos),
                         ("groups.tsv", load_groups), ("sectors.tsv", load_sectors),
                         ("people.tsv", load_people)):
        if (folder / name).exists():
            loader(folder / name, result)
    # the same alias on several rows of one person adds nothing
    result.entries = list(dict.fromkeys(result.entries))
    return result

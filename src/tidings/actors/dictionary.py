"""Load the bundled actor dictionaries (and a user's own files on top) into one typed
ActorDictionary.

Every loader is a pure function: paths in, records out. Names become
gazetteer entries (`Entry`) that the resolver matches in text; each file row is
also kept as a `DictionaryRow` for looking actors up.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from collections.abc import Sequence
from pathlib import Path

from ..errors import DictionaryError
from ..tables import alternatives, data_path, read_header, read_tsv

# the columns each kind of actor file must have; a user's file is recognised by them
ACTOR_COLUMNS = {
    "people": ("name", "aliases", "country", "sector", "role", "valid_from", "valid_until"),
    "countries": ("code", "name", "aliases", "demonyms", "capitals"),
    "groups": ("code", "name", "aliases", "country", "sector"),
    "sectors": ("phrase", "sector", "kind"),
    "igos": ("code", "name", "aliases"),
}


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


@dataclass(frozen=True)
class DictionaryRow:
    """One row of an actor file, as `tidings actors search` shows it. `code` is what a
    mention resolves to: the country or IGO code, a group's code, a person's country and
    sector (SYRGOV), a sector phrase's sector."""

    kind: str  # country | igo | group | sector | person
    name: str
    aliases: tuple[str, ...]
    code: str
    country: str | None
    sector: str | None
    role: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    rule: str  # file:line

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "code": self.code, "name": self.name,
                "aliases": list(self.aliases), "country": self.country, "sector": self.sector,
                "role": self.role,
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_until": self.valid_until.isoformat() if self.valid_until else None,
                "rule": self.rule}


@dataclass
class ActorDictionary:
    entries: list[Entry] = field(default_factory=list)
    rows: list[DictionaryRow] = field(default_factory=list)
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

    def overlay(self, own: ActorDictionary) -> None:
        """Add `own` on top: a name or alias `own` lists means only what `own` says
        (compared without case), and a person `own` lists has only `own`'s roles."""
        taken = {e.phrase.lower() for e in own.entries}
        self.entries = [e for e in self.entries if e.phrase.lower() not in taken
                        and not (e.kind == "person" and e.key in own.people)] + own.entries
        self.rows = [r for r in self.rows if not (r.kind == "person" and r.name in own.people)
                     and not all(p.lower() in taken for p in r.phrases)] + own.rows
        for name, roles in own.people.items():
            for old in self.people.get(name, []):
                self.offices[(old.country, old.role)].remove(old)
            self.people[name] = roles
        for office, holders in own.offices.items():
            self.offices.setdefault(office, []).extend(holders)
        self.country_names.update(own.country_names)
        self.names.update(own.names)


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
    for number, row in read_tsv(path, ACTOR_COLUMNS["countries"]):
        code = row["code"]
        if len(code) != 3 or not code.isupper():
            raise DictionaryError(str(path), number, f"country code {code!r} is not ISO3")
        start, end = _validity(row, path, number)
        into.country_names.setdefault(code, row["name"])
        rule = f"{path.name}:{number}"
        into.rows.append(DictionaryRow("country", row["name"], tuple(alternatives(row["aliases"])),
                                       code, code, "GOV", None, start, end, rule))
        for kind, sector, cell in (("country", "GOV", [row["name"], *alternatives(row["aliases"])]),
                                   ("demonym", None, alternatives(row["demonyms"])),
                                   ("capital", "GOV", alternatives(row["capitals"]))):
            for phrase in cell:
                into.entries.append(Entry(phrase, kind, code, code, sector, rule, start, end))


def load_igos(path: Path, into: ActorDictionary) -> None:
    for number, row in read_tsv(path, ACTOR_COLUMNS["igos"]):
        code = row["code"]
        if not code.startswith("IGO"):
            raise DictionaryError(str(path), number, f"IGO code {code!r} must start with IGO")
        into.names[code] = row["name"]
        rule = f"{path.name}:{number}"
        aliases = tuple(alternatives(row["aliases"]))
        into.rows.append(DictionaryRow("igo", row["name"], aliases, code, None, None, None,
                                       None, None, rule))
        for phrase in [row["name"], *aliases]:
            into.entries.append(Entry(phrase, "igo", code, None, None, rule))


def load_groups(path: Path, into: ActorDictionary) -> None:
    for number, row in read_tsv(path, ACTOR_COLUMNS["groups"]):
        code = row["code"]
        if not code:
            raise DictionaryError(str(path), number, "no code")
        start, end = _validity(row, path, number)
        into.names[code] = row["name"]
        rule = f"{path.name}:{number}"
        aliases = tuple(alternatives(row["aliases"]))
        into.rows.append(DictionaryRow("group", row["name"], aliases, code,
                                       row["country"] or None, row["sector"] or None, None,
                                       start, end, rule))
        for phrase in [row["name"], *aliases]:
            into.entries.append(Entry(phrase, "group", code, row["country"] or None,
                                      row["sector"] or None, rule, start, end))


def load_sectors(path: Path, into: ActorDictionary) -> None:
    for number, row in read_tsv(path, ACTOR_COLUMNS["sectors"]):
        if row["kind"] not in ("title", "body"):
            raise DictionaryError(str(path), number, f"kind {row['kind']!r} is not title or body")
        phrase, rule = row["phrase"].lower(), f"{path.name}:{number}"
        into.rows.append(DictionaryRow("sector", phrase, (), row["sector"], None, row["sector"],
                                       None, None, None, rule))
        into.entries.append(Entry(phrase, row["kind"], phrase, None, row["sector"], rule))


def load_people(path: Path, into: ActorDictionary) -> None:
    for number, row in read_tsv(path, ACTOR_COLUMNS["people"]):
        if not row["name"] or not row["country"]:
            raise DictionaryError(str(path), number, "a person needs a name and a country")
        role = PersonRole(row["name"], row["country"], row["sector"] or "GOV", row["role"].lower(),
                          *_validity(row, path, number))
        known = role.name in into.people
        into.people.setdefault(role.name, []).append(role)
        into.offices.setdefault((role.country, role.role), []).append(role)
        rule = f"{path.name}:{number}"
        aliases = tuple(alternatives(row["aliases"]))
        into.rows.append(DictionaryRow("person", role.name, aliases, role.country + role.sector,
                                       role.country, role.sector, role.role, role.valid_from,
                                       role.valid_until, rule))
        for phrase in [row["name"], *aliases]:
            if not known or phrase != row["name"]:
                into.entries.append(Entry(phrase, "person", role.name, role.country,
                                          role.sector, rule))


LOADERS = {"countries": load_countries, "igos": load_igos, "groups": load_groups,
           "sectors": load_sectors, "people": load_people}


def actor_file_kind(path: Path) -> str | None:
    """Which kind of actor file `path` is by its header (countries, igos, groups, sectors,
    people; a file with the columns of several is the most specific), else None."""
    header = set(read_header(path))
    return next((kind for kind, columns in ACTOR_COLUMNS.items() if set(columns) <= header),
                None)


def load_actor_file(path: Path, into: ActorDictionary) -> str:
    """Load one actor file of any kind into `into`; returns its kind."""
    kind = actor_file_kind(path)
    if kind is None:
        raise DictionaryError(str(path), 1, "the header is not that of an actor file "
                                            "(docs/data-formats.md)")
    LOADERS[kind](path, into)
    return kind


def load_actor_dictionary(folder: Path | None = None, own_files: Sequence[Path] = ()
                          ) -> ActorDictionary:
    """Load countries, IGOs, groups, sectors and people from `folder` (default: bundled),
    then the user's `own_files` on top of them (`ActorDictionary.overlay`)."""
    folder = Path(folder) if folder else data_path("actors")
    result = ActorDictionary()
    for kind, loader in LOADERS.items():
        if (folder / f"{kind}.tsv").exists():
            loader(folder / f"{kind}.tsv", result)
    if own_files:
        own = ActorDictionary()
        for path in own_files:
            load_actor_file(Path(path), own)
        result.overlay(own)
    # the same alias on several rows of one person adds nothing
    result.entries = list(dict.fromkeys(result.entries))
    return result

"""Looking up the rows of the actor dictionaries by name or code."""
from __future__ import annotations

import datetime as dt

from .dictionary import ActorDictionary, DictionaryRow, days_outside


def _in_order(rows: list[DictionaryRow]) -> list[DictionaryRow]:
    return sorted(rows, key=lambda r: (r.kind, r.code, r.name, r.valid_from or dt.date.min))


def search_rows(dictionary: ActorDictionary, name: str, day: dt.date | None = None
                ) -> list[DictionaryRow]:
    """Rows with a name or alias containing `name` (any case) or whose code is `name`;
    with `day`, only those valid on it."""
    wanted = name.lower()
    return _in_order([r for r in dictionary.rows
                      if (r.code.lower() == wanted or any(wanted in p.lower() for p in r.phrases))
                      and (day is None or days_outside(r.valid_from, r.valid_until, day) == 0)])


def rows_with_code(dictionary: ActorDictionary, code: str) -> list[DictionaryRow]:
    """Every row that resolves to `code`, people's roles in date order."""
    return _in_order([r for r in dictionary.rows if r.code.upper() == code.upper()])

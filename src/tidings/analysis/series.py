"""A dyad's events per period: counts by QuadClass, Goldstein sum and mean."""
from __future__ import annotations

from ..query.events import EventFilter, closest
from ..store.database import Store
from .relation import counted, directed

PERIODS = ("day", "week", "month", "year")  # a week starts on Monday (ISO)

SERIES_COLUMNS = ["period", "events", "verbal_cooperation", "material_cooperation",
                  "verbal_conflict", "material_conflict", "goldstein_sum", "goldstein_mean",
                  "material_conflict_share"]
QUAD_CLASS_COLUMNS = SERIES_COLUMNS[2:6]  # QuadClass 1-4, in order


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise closest(by, PERIODS, "period")
    return by


def dyad_series(store: Store, flt: EventFilter, *, by: str = "month",
                mentions: bool = False) -> list[tuple]:
    """One row per period holding events that pass `flt` (periods without any are
    left out), in SERIES_COLUMNS order, oldest first; `period` is the period's first day,
    Goldstein sum and mean and the material conflict share are rounded to 4 places.

    With `flt.source` or `flt.target` the dyad is directed and a symmetric act (a
    meeting) counts for both directions; `flt.country` takes either direction.
    """
    relation = counted(mentions=mentions)
    if flt.source or flt.target:
        relation = directed(relation)
    where, params = flt.where()
    by_quad_class = ", ".join(f"count(*) FILTER (WHERE quad_class = {n}) AS {name}"
                              for n, name in enumerate(QUAD_CLASS_COLUMNS, start=1))
    sql = (f"SELECT CAST(date_trunc(?, date) AS DATE) AS period, count(*) AS events, "
           f"{by_quad_class}, round(sum(goldstein), 4) AS goldstein_sum, "
           "round(avg(goldstein), 4) AS goldstein_mean, "
           "round(count(*) FILTER (WHERE quad_class = 4) / count(*), 4) AS material_conflict_share "
           f"FROM {relation} AS counted{where} GROUP BY period ORDER BY period")
    return store.con.execute(sql, [check_period(by), *params]).fetchall()

"""The strongest dyads: who acts on whom most often, and how (mean Goldstein)."""
from __future__ import annotations

from collections.abc import Iterator

from ..query.events import EventFilter, closest
from ..store.database import Store
from .relation import and_where, counted, directed, node

LEVELS = ("country", "actor")
NETWORK_COLUMNS = ["source", "target", "events", "goldstein_mean"]


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise closest(level, LEVELS, "level")
    return level


def strongest_dyads(store: Store, flt: EventFilter, *, level: str = "country", top: int = 20,
                    mentions: bool = False) -> list[tuple]:
    """The `top` directed dyads by number of events passing `flt`, in NETWORK_COLUMNS
    order, strongest first (the mean rounded to 4 places). A symmetric act counts in
    both directions (as in `dyad_series`); an actor acting on its own side (PAK on PAK)
    is no dyad here.
    """
    source, target = node("source", check_level(level)), node("target", level)
    where, params = flt.where()
    where = and_where(where, f"target_code IS NOT NULL AND {source} <> {target}")
    relation = directed(counted(mentions=mentions))
    sql = (f"SELECT {source} AS source, {target} AS target, count(*) AS events, "
           f"round(avg(goldstein), 4) AS goldstein_mean FROM {relation} AS counted{where} "
           f"GROUP BY ALL ORDER BY events DESC, source, target LIMIT {int(top)}")
    return store.con.execute(sql, params).fetchall()


def graph(dyads: list[tuple]):
    """The dyads as a networkx DiGraph, edges carrying `events` and `goldstein_mean`."""
    import networkx as nx
    network = nx.DiGraph()
    for source, target, events, goldstein_mean in dyads:
        network.add_edge(source, target, events=events, goldstein_mean=goldstein_mean)
    return network


def graphml_lines(dyads: list[tuple]) -> Iterator[str]:
    import networkx as nx
    return nx.generate_graphml(graph(dyads))

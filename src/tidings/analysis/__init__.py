"""Analysis: summaries of the stored events, computed in DuckDB.

    relation.py  what is counted (rows of one relation: event mentions today)
    timeline.py  the key events of each day, ranked by salience
    series.py    a dyad's events per day, week, month or year, by QuadClass
    network.py   the strongest dyads between countries or actors
    plots.py     a chart of each (matplotlib, no display)

Each reader takes a Store and an EventFilter (query/events.py) and returns rows; the
plots draw exactly those rows and return what they drew.
"""
from .network import LEVELS, NETWORK_COLUMNS, strongest_dyads
from .series import PERIODS, SERIES_COLUMNS, dyad_series
from .timeline import TIMELINE_COLUMNS, key_events

__all__ = ["LEVELS", "NETWORK_COLUMNS", "PERIODS", "SERIES_COLUMNS", "TIMELINE_COLUMNS",
           "dyad_series", "key_events", "strongest_dyads"]

"""Tidings: dated news articles in, explainable CAMEO/PLOVER events out.

    >>> import tidings, datetime
    >>> events = tidings.code("Russia condemned the Ukrainian strikes.", date="2024-03-24")
    >>> tidings.to_dataframe(events)          # one row per event
    >>> tidings.events_dataframe("tidings.duckdb", source="SYR")   # from a database
    >>> tidings.dyads_dataframe("tidings.duckdb", source="RUS", target="UKR", by="month")
"""
from __future__ import annotations

# The reading stage is a subpackage named like the API function `tidings.ingest()`:
# imported first, so that the function, bound after it, is what `tidings.ingest` names
# (importing the subpackage later would rebind the name to the module).
from . import ingest as _ingest_stage  # noqa: F401
from .api import (
    code,
    code_article,
    dyads_dataframe,
    events_dataframe,
    explain,
    ingest,
    load,
    to_dataframe,
)
from .model import Actor, Article, Event
from .store import open_store

__all__ = ["Actor", "Article", "Event", "code", "code_article", "dyads_dataframe",
           "events_dataframe", "explain", "ingest", "load", "open_store", "to_dataframe"]
__version__ = "0.1.0"

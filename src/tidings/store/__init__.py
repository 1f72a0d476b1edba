"""Store: the embedded DuckDB database (articles, events, actors)."""
from .database import Store, open_store

__all__ = ["Store", "open_store"]

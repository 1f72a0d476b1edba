"""`tidings timeline`, `dyads`, `network`, `sql`: reading the store as analyses."""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from ..analysis.plots import PLOT_SUFFIXES
from ..errors import TidingsError
from ..query.formats import ROW_FORMATS, write_rows
from ..store import open_store
from ._app import READ_DB_HELP, app, check_format, default_format
from .store import (
    ACTOR_HELP,
    CAMEO_OPTION,
    COUNTRY_OPTION,
    PLOVER_OPTION,
    SINCE_OPTION,
    SOURCE_OPTION,
    TARGET_OPTION,
    UNTIL_OPTION,
    make_filter,
)

TIMELINE_FORMATS = ("text", "jsonl", "markdown", "csv")
NETWORK_FORMATS = ("table", "csv", "graphml")

DB_OPTION = typer.Option("tidings.duckdb", "--db", help=READ_DB_HELP)
PLOT_OPTION = typer.Option(None, "--plot", help="Also draw the result to this .png or .svg "
                                                "file.")
MENTIONS_OPTION = typer.Option(
    False, "--mentions", help="Count event mentions (one per sentence stating an event) "
                              "instead of events (the mentions of one real event, grouped).")


@contextmanager
def one_line_errors() -> Iterator[None]:
    """A user error from the library (a missing store, an unwritable plot) becomes one
    line on stderr and exit status 1."""
    try:
        yield
    except TidingsError as err:
        typer.echo(f"Error: {err}", err=True)
        raise typer.Exit(1) from None


def check_plot_suffix(plot: str | None) -> None:
    if plot is not None and Path(plot).suffix.lower() not in PLOT_SUFFIXES:
        raise typer.BadParameter(f"{plot!r}: unknown plot type "
                                 f"{Path(plot).suffix or '(no suffix)'!r}; name a "
                                 f"{' or '.join(PLOT_SUFFIXES)} file", param_hint="--plot")


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        raise typer.BadParameter(f"{value!r}; choose one of {', '.join(choices)}",
                                 param_hint=option)
    return value


def dyad_label(flt) -> str:
    if flt.source or flt.target:
        return f"{flt.source or 'any'} → {flt.target or 'any'}"
    return f"{flt.country}, either direction" if flt.country else "all dyads"


def timeline_title(flt) -> str:
    parts = [f"{flt.actor} with {flt.partner}" if flt.partner else flt.actor,
             flt.text and f"'{flt.text}'", flt.cameo and f"CAMEO {flt.cameo}",
             flt.plover and f"PLOVER {flt.plover}", flt.since and f"from {flt.since}",
             flt.until and f"to {flt.until}"]
    return "Key events: " + ", ".join(p for p in parts if p) if any(parts) else "Key events"


@app.command("timeline")
def timeline_cli(
    db: str = DB_OPTION,
    actor: Optional[str] = typer.Option(None, "--actor", help="On either side: " + ACTOR_HELP),
    partner: Optional[str] = typer.Option(None, "--with", help="With --actor: the other "
                                          "side of the dyad, in either direction."),
    query: Optional[str] = typer.Option(None, "--query", "-q",
                                        help="Words the sentence contains (any case)."),
    cameo: Optional[str] = CAMEO_OPTION,
    plover: Optional[str] = PLOVER_OPTION,
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    per_day: Optional[int] = typer.Option(None, "--per-day", min=1,
                                          help="At most this many events a day."),
    max_events: Optional[int] = typer.Option(None, "--max", min=1,
                                             help="At most this many events in all."),
    fmt: str = typer.Option("text", "--format", "-f",
                            help=f"One of {', '.join(TIMELINE_FORMATS)}."),
    plot: Optional[str] = PLOT_OPTION,
    mentions: bool = MENTIONS_OPTION,
) -> None:
    """The key events, one line each as an example article begins: date YYYY-MM-DD
    <sentence>, in date order.

    Mentions of the same dyad and CAMEO root on one day are one key event, ranked by
    salience: articles and mentions reporting it, absolute Goldstein score, headline
    mentions; --per-day and --max keep the most salient.

    Examples:

        tidings timeline --actor SYR --with RUS

        tidings timeline --query crocus --since 2024-03-01 --until 2024-04-30

        tidings timeline --cameo 19 --per-day 1 --format markdown

        tidings timeline --plover ASSAULT --max 12 --plot timeline.png
    """
    from ..analysis.timeline import TIMELINE_COLUMNS, key_events, markdown_line, text_line
    check_format(fmt, TIMELINE_FORMATS)
    check_plot_suffix(plot)
    flt = make_filter(cameo=cameo, plover=plover, since=since, until=until, actor=actor,
                      partner=partner, text=query)
    with one_line_errors():
        with open_store(db, read_only=True) as store:
            events = key_events(store, flt, per_day=per_day, max_events=max_events,
                                mentions=mentions)
        if plot:
            from ..analysis.plots import plot_timeline
            plot_timeline(events, plot, title=timeline_title(flt))
    if fmt == "text":
        sys.stdout.writelines(text_line(e) + "\n" for e in events)
    elif fmt == "markdown":
        sys.stdout.writelines(markdown_line(e) + "\n" for e in events)
    elif fmt == "jsonl":
        sys.stdout.writelines(json.dumps(e, ensure_ascii=False, default=str) + "\n"
                              for e in events)
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=TIMELINE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(events)


@app.command("dyads")
def dyads_cli(
    db: str = DB_OPTION,
    source: Optional[str] = SOURCE_OPTION,
    target: Optional[str] = TARGET_OPTION,
    country: Optional[str] = typer.Option(None, "--country", help="All relations of this "
                                          "country, in either direction."),
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    by: str = typer.Option("month", "--by", help="Period: day, week (from Monday), month "
                                                 "or year."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=f"One of {', '.join(ROW_FORMATS)}."),
    plot: Optional[str] = PLOT_OPTION,
    mentions: bool = MENTIONS_OPTION,
) -> None:
    """Events of a dyad per period: counts by QuadClass (1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict), Goldstein sum and mean, and the
    share of material conflict. Periods without events are left out.

    A symmetric act (a meeting) counts for both directions of a --source/--target dyad.

    Examples:

        tidings dyads --source RUS --target UKR --by month

        tidings dyads --country TUR --by year --format csv > turkey.csv

        tidings dyads --source USA --target CHN --by week --plot usa-china.png
    """
    from ..analysis.series import PERIODS, SERIES_COLUMNS, dyad_series
    fmt = check_format(fmt or default_format(), ROW_FORMATS)
    check_choice(by, PERIODS, "--by")
    check_plot_suffix(plot)
    flt = make_filter(source, target, country, since=since, until=until)
    with one_line_errors():
        with open_store(db, read_only=True) as store:
            rows = dyad_series(store, flt, by=by, mentions=mentions)
        if plot:
            from ..analysis.plots import plot_dyad_series
            plot_dyad_series(rows, plot, by=by, title=f"Events {dyad_label(flt)}, by {by}")
    write_rows(SERIES_COLUMNS, rows, fmt, sys.stdout)


@app.command("network")
def network_cli(
    db: str = DB_OPTION,
    level: str = typer.Option("country", "--level", help="Dyads between countries or "
                                                         "between actor codes (SYRGOV)."),
    top: int = typer.Option(20, "--top", min=1, help="The strongest N dyads."),
    country: Optional[str] = COUNTRY_OPTION,
    cameo: Optional[str] = CAMEO_OPTION,
    plover: Optional[str] = PLOVER_OPTION,
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=f"One of {', '.join(NETWORK_FORMATS)}."),
    plot: Optional[str] = PLOT_OPTION,
    mentions: bool = MENTIONS_OPTION,
) -> None:
    """The strongest directed dyads: events from source to target and their mean
    Goldstein score, most events first.

    A symmetric act (a meeting) counts in both directions; an actor's acts on its own
    side (PAK on PAK) are left out.

    Examples:

        tidings network --top 10

        tidings network --level actor --since 2025-01-01 --format csv

        tidings network --format graphml > dyads.graphml

        tidings network --country USA --plot network.png
    """
    from ..analysis.network import LEVELS, NETWORK_COLUMNS, graphml_lines, strongest_dyads
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    check_format(fmt, NETWORK_FORMATS)
    check_choice(level, LEVELS, "--level")
    check_plot_suffix(plot)
    flt = make_filter(country=country, cameo=cameo, plover=plover, since=since, until=until)
    with one_line_errors():
        with open_store(db, read_only=True) as store:
            dyads = strongest_dyads(store, flt, level=level, top=top, mentions=mentions)
        if plot:
            from ..analysis.plots import plot_network
            plot_network(dyads, plot, title=f"The {len(dyads)} strongest dyads "
                                            f"({level} level)")
    if fmt == "graphml":
        sys.stdout.writelines(line + "\n" for line in graphml_lines(dyads))
    else:
        write_rows(NETWORK_COLUMNS, dyads, fmt, sys.stdout)


@app.command("sql")
def sql_cli(
    query: str = typer.Argument(..., help="One SELECT statement."),
    db: str = DB_OPTION,
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=f"One of {', '.join(ROW_FORMATS)}."),
) -> None:
    """Run read-only SQL against the store (tables: docs/schema.md). The store is opened
    read-only and a statement that writes is refused.

    Examples:

        tidings sql "SELECT cameo_root, count(*) AS n FROM mentions GROUP BY ALL ORDER BY n DESC"

        tidings sql "SELECT date, sentence FROM mentions WHERE source_country = 'SYR'" -f csv

        tidings sql "SELECT code, name, n_events FROM actors ORDER BY n_events DESC LIMIT 10"
    """
    from ..query.sql import check_read_only, read_query
    fmt = check_format(fmt or default_format(), ROW_FORMATS)
    with one_line_errors():
        check_read_only(query)
        with open_store(db, read_only=True) as store:
            columns, rows = read_query(store, query)
            write_rows(columns, rows, fmt, sys.stdout)

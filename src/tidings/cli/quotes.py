"""`tidings quotes`: who said what, from the store."""
from __future__ import annotations

import sys
from typing import Optional

import typer

from ..query.formats import ROW_FORMATS, write_rows
from ..store import open_store
from ._app import READ_DB_HELP, app, check_format, default_format, parse_date
from .analysis import one_line_errors
from .store import ACTOR_HELP, SINCE_OPTION, UNTIL_OPTION


@app.command("quotes")
def quotes_cli(
    db: str = typer.Option("tidings.duckdb", "--db", help=READ_DB_HELP),
    actor: Optional[str] = typer.Option(None, "--actor", help="The speaker: " + ACTOR_HELP),
    name: Optional[str] = typer.Option(None, "--name", help="Part of the speaker's name or "
                                                            "words (Lavrov)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="direct, continued, attributed "
                                                            "or according_to."),
    query: Optional[str] = typer.Option(None, "--query", help="Part of the quoted words."),
    article: Optional[str] = typer.Option(None, "--article", help="An article id."),
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most this many "
                                                                     "quotes."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=f"One of {', '.join(ROW_FORMATS)}."),
) -> None:
    """List stored quotes: the words, the kind of quote and the speaker (code and name).

    Examples:

        tidings quotes --actor RUS

        tidings quotes --actor USAGOV --since 2024-01-01 --format csv > us.csv

        tidings quotes --name Zelensky --kind direct

        tidings quotes --query ceasefire --format jsonl
    """
    from ..query.events import FilterError
    from ..query.quotes import QUOTE_OUTPUT, QuoteFilter, select_quotes
    fmt = check_format(fmt or default_format(), ROW_FORMATS)
    flt = QuoteFilter(actor, name, kind, query, article, parse_date(since), parse_date(until),
                      limit)
    try:
        flt.where()
    except FilterError as err:
        raise typer.BadParameter(str(err), param_hint="--kind") from None
    with one_line_errors(), open_store(db, read_only=True) as store:
        write_rows(list(QUOTE_OUTPUT), select_quotes(store, flt), fmt, sys.stdout)

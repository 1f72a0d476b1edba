"""`tidings dictionaries check` and `tidings actors search|show`: your own dictionaries
and what ours hold."""
from __future__ import annotations

import json
from typing import Optional

import typer

from ._app import OWN_ACTORS_OPTION, app, check_format, parse_date

dictionaries_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                               help="Validate your own dictionary files.")
app.add_typer(dictionaries_app, name="dictionaries")
actors_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                         help="Look up entries of the actor dictionaries.")
app.add_typer(actors_app, name="actors")

LOOKUP_FORMATS = ("table", "jsonl")


@dictionaries_app.command("check")
def check_cli(paths: list[str] = typer.Argument(..., help="Actor or verbs TSV files, or "
                                                          "folders of them.")) -> None:
    """Validate dictionary files: per file its kind and rows (how many override ours), or
    its first error as file:line. Exit status 1 when a file has an error.

    Examples:

        tidings dictionaries check my_people.tsv my_verbs.tsv

        tidings dictionaries check my_dictionaries/
    """
    from ..own_dictionaries import check_files
    reports = check_files(paths)
    for report in reports:
        typer.echo(str(report))
    if any(r.error for r in reports):
        raise typer.Exit(1)


def _write(rows, fmt: str) -> None:
    for row in rows:
        if fmt == "jsonl":
            typer.echo(json.dumps(row.to_dict(), ensure_ascii=False))
        else:
            span = f"{row.valid_from or ''}..{row.valid_until or ''}" \
                if row.valid_from or row.valid_until else ""
            typer.echo(f"{row.kind:<8} {row.code:<12} {row.name:<30} {row.country or '-':<4} "
                       f"{row.sector or '-':<4} {row.role or '-':<20} {span:<22} {row.rule}")


@actors_app.command("search")
def search_cli(
    name: str = typer.Argument(..., help="Part of a name or alias, or an exact code."),
    date: Optional[str] = typer.Option(None, "--date", help="Only entries valid on this day."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
    own_actors: Optional[list[str]] = OWN_ACTORS_OPTION,
) -> None:
    """List actor entries whose name or alias contains NAME (any case) or whose code is
    NAME: kind, code, name, country, sector, role, dates and the file:line.

    Examples:

        tidings actors search Assad

        tidings actors search "prime minister" --date 2024-03-24 --format jsonl

        tidings actors search Quill --actors my_people.tsv
    """
    from ..actors.dictionary import load_actor_dictionary
    from ..actors.lookup import search_rows
    check_format(fmt, LOOKUP_FORMATS)
    rows = search_rows(load_actor_dictionary(own_files=own_actors or ()), name, parse_date(date))
    _write(rows, fmt)
    if not rows:
        typer.echo(f"no entry matches {name!r}", err=True)
        raise typer.Exit(1)


@actors_app.command("show")
def show_cli(
    code: str = typer.Argument(..., help="An actor code: SYR, SYRGOV, IGOUNO, PSEREBHMS."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
    own_actors: Optional[list[str]] = OWN_ACTORS_OPTION,
) -> None:
    """List every entry that resolves to CODE, people with their roles over time.

    Examples:

        tidings actors show SYRGOV

        tidings actors show IGOUNO --format jsonl
    """
    from ..actors.dictionary import load_actor_dictionary
    from ..actors.lookup import rows_with_code
    check_format(fmt, LOOKUP_FORMATS)
    rows = rows_with_code(load_actor_dictionary(own_files=own_actors or ()), code)
    _write(rows, fmt)
    if not rows:
        typer.echo(f"no entry has the code {code!r}", err=True)
        raise typer.Exit(1)

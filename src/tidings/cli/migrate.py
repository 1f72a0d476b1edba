"""`tidings migrate`: bring a store made by an older Tidings up to date."""
from __future__ import annotations

import typer

from ..store import open_store
from ..store.database import check_path
from ._app import app


@app.command("migrate")
def migrate_cli(
    db: str = typer.Option("tidings.duckdb", "--db", help="The Tidings database to upgrade."),
) -> None:
    """Upgrade a store made by an older Tidings to this version's schema, in place.
    `ingest` does the same when it opens a store; the commands that only read
    (`events`, `export`, the analyses) ask for this instead of changing the file.
    Each step is one transaction: a failed one leaves the store as it was.

    Examples:

        tidings migrate --db news.duckdb
    """
    from pathlib import Path
    if not Path(check_path(db)).is_file():
        typer.echo(f"Error: {db}: no such database", err=True)
        raise typer.Exit(1)
    with open_store(db) as store:
        applied = store.upgraded
    if applied:
        typer.echo(f"{db}: upgraded ({', '.join(applied)})", err=True)
    else:
        typer.echo(f"{db}: already at this version's schema", err=True)

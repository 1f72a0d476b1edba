"""`tidings lexicon ...`: questions about the bundled coding dictionaries."""
from __future__ import annotations

import json

import typer

from ._app import app, check_format

lexicon_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                          help="Inspect the bundled verb and noun patterns.")
app.add_typer(lexicon_app, name="lexicon")

COVERAGE_FORMATS = ("table", "jsonl")


@lexicon_app.command("coverage")
def coverage_cli(
    fmt: str = typer.Option("table", "--format", "-f",
                            help=f"One of {', '.join(COVERAGE_FORMATS)}."),
) -> None:
    """List the CAMEO codes of cameo.tsv that no pattern produces: no verbs.tsv row, no
    frames.tsv row, no noun_events.tsv noun. A root (01-20) is listed only when no code
    under it is produced. The last line counts them.

    Examples:

        tidings lexicon coverage

        tidings lexicon coverage --format jsonl | jq -r .code
    """
    from ..coding.codes import load_code_table
    from ..coding.lexicon import load_lexicon, uncovered_codes
    check_format(fmt, COVERAGE_FORMATS)
    codes = load_code_table()
    missing = uncovered_codes(codes, load_lexicon(codes))
    for info in missing:
        if fmt == "jsonl":
            typer.echo(json.dumps({"code": info.code, "name": info.name}))
        else:
            typer.echo(f"{info.code:<5} {info.name}")
    if fmt == "table":
        typer.echo(f"{len(missing)} of {len(codes.codes)} codes have no pattern")

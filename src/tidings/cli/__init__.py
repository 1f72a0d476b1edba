"""The `tidings` command line: a thin layer over the Python API."""
from __future__ import annotations

import sys

import typer

from ..errors import TidingsError
from . import code as _code  # noqa: F401  (registers commands)
from . import dictionaries as _dictionaries  # noqa: F401
from . import eval as _eval  # noqa: F401
from . import eval_petrarch as _eval_petrarch  # noqa: F401
from . import lexicon as _lexicon  # noqa: F401
from . import migrate as _migrate  # noqa: F401
from . import store as _store  # noqa: F401
from . import analysis as _analysis  # noqa: F401  (after store: listed after its commands)
from ._app import app


def main() -> None:
    """Entry point: user errors become one line on stderr and exit status 1; Ctrl-C
    that DuckDB reports as its own error (Typer handles KeyboardInterrupt) exit 130."""
    from ..store.database import interrupted
    try:
        app()
    except TidingsError as err:
        typer.echo(f"Error: {err}", err=True)
        sys.exit(1)
    except Exception as err:
        if not interrupted(err):
            raise
        typer.echo("Interrupted.", err=True)
        sys.exit(130)


__all__ = ["app", "main"]

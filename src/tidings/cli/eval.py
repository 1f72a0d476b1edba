"""`tidings eval ...`: measuring accuracy against gold data."""
from __future__ import annotations

import typer

from ._app import app

eval_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                       help="Measure coding accuracy against gold data.")
app.add_typer(eval_app, name="eval")

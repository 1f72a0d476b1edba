"""`tidings eval petrarch`: the PETRARCH-2 validation suite, coded with Tidings' parser."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import MODEL_HELP
from .eval import eval_app


@eval_app.command("petrarch")
def petrarch_cli(
    suite: Path = typer.Argument(..., help="A PETRARCH validation file "
                                           "(PETR.UnitTest.records.xml)."),
    model: Optional[str] = typer.Option(None, "--model", help=MODEL_HELP),
    markdown: Optional[Path] = typer.Option(None, "--markdown",
                                            help="Also write the report as Markdown here."),
    failures: bool = typer.Option(False, "--failures",
                                  help="List each failing record with what was expected."),
) -> None:
    """Code every record of a PETRARCH validation suite and report pass/fail per record
    and the pass rate per category. The suite's own dictionaries (its <Environment>)
    are used; its <Parse> trees are not: Tidings parses the <Text> itself.

    Output: one line per record (PASS/FAIL, id, category) on stdout, then the table.

    Examples:

        tidings eval petrarch ../shared/data/petrarch2/PETR.UnitTest.records.xml

        tidings eval petrarch ../shared/data/petrarch2/PETR.UnitTest.records.xml \\
            --markdown docs/petrarch-validation.md
    """
    from ..engine import Tidings
    from ..petrarch.validation import (
        by_category,
        markdown_report,
        read_suite,
        run_suite,
    )

    if not suite.is_file():
        raise typer.BadParameter(f"{suite} is not a file", param_hint="SUITE")
    records = read_suite(suite)

    def show(outcome) -> None:
        status = "PASS" if outcome.passed else "FAIL"
        typer.echo(f"{status}\t{outcome.record.id}\t{outcome.record.category}")
        if failures and not outcome.passed:
            want = (f"error {outcome.record.error}" if outcome.record.error else
                    "; ".join(" ".join(c) for c in sorted(outcome.record.expected)) or "none")
            got = (f"error {outcome.error}" if outcome.error else
                   "; ".join(" ".join(c) for c in sorted(outcome.got)) or "none")
            typer.echo(f"\texpected: {want}\n\tgot:      {got}")

    outcomes = run_suite(records, lambda dictionaries: Tidings(model, dictionaries=dictionaries),
                         on_record=show)
    passed = sum(o.passed for o in outcomes)
    typer.echo("")
    typer.echo(f"{'category':<12}{'passed':>8}{'records':>9}{'rate':>8}")
    for category, p, n in by_category(outcomes):
        typer.echo(f"{category:<12}{p:>8}{n:>9}{100 * p / n:>7.0f}%")
    typer.echo(f"{'all':<12}{passed:>8}{len(outcomes):>9}"
               f"{100 * passed / max(len(outcomes), 1):>7.1f}%")
    if markdown is not None:
        command = f"tidings eval petrarch {suite} --markdown {markdown}"
        markdown.write_text(markdown_report(outcomes, suite=suite, command=command),
                            encoding="utf-8")
        typer.echo(f"report written to {markdown}", err=True)

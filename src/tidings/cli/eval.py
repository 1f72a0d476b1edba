"""`tidings eval ...`: measuring accuracy against gold data."""
from __future__ import annotations

import typer

from ._app import (
    OWN_ACTORS_OPTION,
    OWN_VERBS_OPTION,
    PROPOSALS_OPTION,
    app,
    load_engine,
)

eval_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                       help="Measure coding accuracy against gold data.")
app.add_typer(eval_app, name="eval")


@eval_app.command("gold")
def gold_cli(
    path: str = typer.Argument(..., help="Gold JSONL file (format: docs/data-formats.md)."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name."),
    dictionaries: str | None = typer.Option(
        None, "--dictionaries", help="Code with a PETRARCH-2 dictionary set (PETR_config.ini "
                                     "or folder) instead of the bundled dictionaries."),
    proposals: bool = PROPOSALS_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    brief: bool = typer.Option(False, "--brief", help="Scores and confusion only."),
    own_actors: list[str] | None = OWN_ACTORS_OPTION,
    own_verbs: list[str] | None = OWN_VERBS_OPTION,
) -> None:
    """Precision, recall and F1 against gold events, with root confusion, misses and false alarms.

    Examples:

        tidings eval gold eval/dev_gold.jsonl

        tidings eval gold eval/dev_gold.jsonl --brief

        tidings eval gold eval/dev_gold.jsonl --brief --proposals

        tidings eval gold eval/dev_gold.jsonl --json > report.json

        tidings eval gold eval/dev_gold.jsonl --brief --actors my_people.tsv --verbs my_verbs.tsv

        tidings eval gold eval/dev_gold.jsonl --dictionaries ../shared/data/petrarch2/PETR_config.ini
    """
    import json
    from pathlib import Path

    from ..coding.code_classes import load_code_classes
    from ..errors import TidingsError
    from ..eval.gold import evaluate_gold, format_report
    if not Path(path).is_file():
        raise TidingsError(f"{path}: no such gold file")
    engine = load_engine(model, dictionaries, proposals=proposals, own_actors=own_actors,
                         own_verbs=own_verbs)
    classes = load_code_classes(engine.codes)
    report = evaluate_gold(Path(path), engine.code_or_error, engine.codes,
                           lambda code: classes.has("symmetric", code))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_report(report, details=not brief))


@eval_app.command("clusters")
def clusters_cli(
    path: str = typer.Argument(..., help="Cluster gold JSONL file (format: docs/clusters.md)."),
    data: str | None = typer.Option(
        None, "--data", help="Folder holding voa/ and reuters21578/ (default: the nearest "
                             "shared/data beside a folder above the gold file, else "
                             "../shared/data)."),
    settings: str | None = typer.Option(
        None, "--settings", help="A folder of cluster settings (settings.tsv, families.tsv, "
                                 "evidence_stopwords.tsv) instead of the bundled ones."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    db: str | None = typer.Option(None, "--db", help="Keep the store the gold articles "
                                                     "are coded into here (a new file)."),
) -> None:
    """B-cubed precision, recall and F1 of event clustering, and near-duplicate detection.

    The gold articles are coded and stored in a temporary store, gold events are matched
    to the stored mentions (same sentence, countries and root), and the events those
    mentions were put in are compared with the gold events.

    Examples:

        tidings eval clusters eval/cluster_gold.jsonl

        tidings eval clusters eval/cluster_gold.jsonl --json > clusters.json

        tidings eval clusters eval/cluster_gold.jsonl --db gold.duckdb    # then tidings events

        tidings eval clusters my_gold.jsonl --data ../shared/data --settings my_settings/
    """
    import json
    from pathlib import Path

    from ..cluster.settings import load_cluster_settings
    from ..errors import TidingsError
    from ..eval.clusters import (
        evaluate_clusters,
        format_cluster_report,
        load_cluster_gold,
    )
    gold_path = Path(path)
    if not gold_path.is_file():
        raise TidingsError(f"{path}: no such gold file")
    if data:
        folder = Path(data)
    else:  # the shared data beside the repository the gold file is in, else beside cwd
        found = [p.parent / "shared" / "data" for p in
                 [*gold_path.resolve().parents, Path.cwd().resolve()]
                 if (p.parent / "shared" / "data").is_dir()]
        folder = found[0] if found else Path("..") / "shared" / "data"
    if db and Path(db).exists():
        raise TidingsError(f"{db}: exists; give a new file for the gold store")
    gold = load_cluster_gold(gold_path, folder)
    engine = load_engine(model)
    report = evaluate_clusters(gold, engine.code_or_error,
                               settings=load_cluster_settings(Path(settings)) if settings
                               else None, db=Path(db) if db else None)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_cluster_report(report))


@eval_app.command("dates")
def dates_cli(
    paths: list[str] = typer.Argument(..., help="Gold JSONL files whose events carry dates "
                                                "(format: docs/data-formats.md); several "
                                                "give one report."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    brief: bool = typer.Option(False, "--brief", help="Shares only, no misses."),
) -> None:
    """How often coded events get their gold date: exact and within one day, over the
    events paired with gold ones at level a, for all and per basis of the gold date
    (time words, context, the article date), and the precision and recall of `historical`.

    Examples:

        tidings eval dates eval/dev_gold.jsonl

        tidings eval dates eval/voa_dev_gold.jsonl --brief

        tidings eval dates eval/test_gold.jsonl --json > dates.json

        tidings eval dates eval/dev_gold.jsonl eval/holdout_gold.jsonl eval/test_gold.jsonl --brief
    """
    import json
    from pathlib import Path

    from ..coding.code_classes import load_code_classes
    from ..errors import TidingsError
    from ..eval.dates import DateReport, evaluate_dates, format_date_report
    for path in paths:
        if not Path(path).is_file():
            raise TidingsError(f"{path}: no such gold file")
    engine = load_engine(model, None)
    classes = load_code_classes(engine.codes)
    report = DateReport()
    for path in paths:
        report.add(evaluate_dates(Path(path), engine.code_or_error, engine.codes,
                                  lambda code: classes.has("symmetric", code)))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_date_report(report, details=not brief))

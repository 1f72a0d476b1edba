"""`tidings ingest`, `tidings events`, `tidings export`: working with the database."""
from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import Progress, TextColumn

from .. import api
from ..errors import TidingsError
from ..ingest import count_articles
from ..query.events import EventFilter, FilterError, check_filter, select_events
from ..query.export import (
    EXPORT_FORMATS,
    ExportError,
    check_output,
    export_events,
    output_format,
)
from ..query.formats import (
    EVENT_CSV_COLUMNS,
    FORMATS,
    MENTION_CSV_COLUMNS,
    write_records,
)
from ..query.gdelt_mentions import mention_rows, write_mention_rows
from ..store import open_store
from ..store.database import check_path, interrupted
from ._app import (
    COLUMNS_OPTION,
    DATE_ORDER_OPTION,
    DB_HELP,
    DICTIONARIES_OPTION,
    FIELD_OPTION,
    MIN_CONFIDENCE_OPTION,
    MODEL_HELP,
    MONADIC_OPTION,
    OWN_ACTORS_OPTION,
    OWN_VERBS_OPTION,
    PROPOSALS_OPTION,
    READ_DB_HELP,
    WORKERS_OPTION,
    app,
    check_columns,
    check_date_order,
    check_format,
    default_format,
    load_engine,
    parse_date,
    parse_fields,
    parse_interval,
    warn_skipped_entries,
)
from .progress import IngestProgress


@app.command("ingest")
def ingest_cli(
    paths: Optional[list[str]] = typer.Argument(None, help="Files, folders, http(s) URLs of "
                                                "pages, or - for stdin."),
    db: str = typer.Option("tidings.duckdb", "--db", help=DB_HELP),
    date: Optional[str] = typer.Option(None, "--date", help="Date for inputs without one."),
    model: Optional[str] = typer.Option(None, "--model", help=MODEL_HELP),
    dictionaries: Optional[str] = DICTIONARIES_OPTION,
    monadic: bool = MONADIC_OPTION,
    proposals: bool = PROPOSALS_OPTION,
    workers: int = WORKERS_OPTION,
    batch_size: int = typer.Option(64, "--batch-size", min=1,
                                   help="Articles per transaction (with --cluster, per partition)."),
    field: Optional[list[str]] = FIELD_OPTION,
    date_order: Optional[str] = DATE_ORDER_OPTION,
    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION,
    own_actors: Optional[list[str]] = OWN_ACTORS_OPTION,
    own_verbs: Optional[list[str]] = OWN_VERBS_OPTION,
    feed: Optional[list[str]] = typer.Option(None, "--feed", help="An RSS or Atom feed URL: "
                                             "each entry's page (or the full text the feed "
                                             "carries), dated by the feed. Repeatable."),
    watch: Optional[list[str]] = typer.Option(None, "--watch", help="A folder to keep "
                                              "ingesting: new and changed files are read "
                                              "every --every until Ctrl-C. Repeatable."),
    every: Optional[str] = typer.Option(None, "--every", help="With --watch or --feed: look "
                                        "again this often (30s, 15m, 1h); default 1m with "
                                        "--watch."),
    timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds to wait for a "
                                  "web server (connecting, and between bytes)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary; "
                                                            "errors only."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="A line for each article "
                                                                "stored, with its events."),
    cluster: Optional[str] = typer.Option(
        None, "--cluster", help="Code on a Dask cluster: a scheduler address "
                                "(tcp://host:8786) or local:N for N local worker processes; "
                                "each batch is a partition (docs/cluster.md)."),
    parts: Optional[str] = typer.Option(
        None, "--parts", help="With --cluster: keep the Parquet parts (articles/, mentions/) "
                              "in this folder."),
) -> None:
    """Read, code and store articles. Safe to re-run: stored articles are skipped.
    Others can read the store meanwhile; one ingest at a time (docs/concurrency.md).

    Examples:

        tidings ingest examples/

        tidings ingest news.jsonl.gz --db news.duckdb --workers 2

        cat story.txt | tidings ingest - --date 2024-03-24

        tidings ingest https://www.voanews.com/a/some-story/123.html

        tidings ingest --feed https://example.org/world/rss.xml --every 15m

        tidings ingest --watch incoming/ --every 30s    # until Ctrl-C

        tidings ingest news.jsonl --dictionaries ../shared/data/petrarch2/PETR_config.ini

        tidings ingest crawl.jsonl --field date=first_seen --field text=description

        tidings ingest news.jsonl --min-confidence 0.7    # store only the likelier events

        tidings ingest news.jsonl --actors my_actors.tsv --verbs my_verbs.tsv

        tidings ingest big.jsonl.gz --cluster tcp://scheduler:8786 --batch-size 500

    On a terminal a progress line shows articles done (of the total when it is known
    beforehand: files of one article each), the time left, rejects and events per second.
    """
    paths, feeds, folders = paths or [], feed or [], watch or []
    if not paths and not feeds and not folders:
        raise typer.BadParameter("give files, folders or URLs, --feed URL or --watch FOLDER",
                                 param_hint="PATHS")
    if every is not None and not feeds and not folders:
        raise typer.BadParameter("is for --watch and --feed", param_hint="--every")
    interval = parse_interval(every) if every is not None else 60.0 if folders else None
    for folder in folders:
        if not Path(folder).is_dir():
            raise typer.BadParameter(f"{folder!r} is not a folder", param_hint="--watch")
    if cluster is not None:
        from ..dask_ingest import check_address
        try:
            check_address(cluster)
        except TidingsError as err:
            raise typer.BadParameter(str(err), param_hint="--cluster") from None
    console = Console(stderr=True)
    check_path(db)  # before the model loads: a bad --db is said at once
    warn_skipped_entries(load_engine(model, dictionaries, monadic, proposals,
                                     own_actors=own_actors, own_verbs=own_verbs))
    options = dict(db=db, default_date=parse_date(date), fields=parse_fields(field),
                   date_order=check_date_order(date_order), model=model,
                   dictionaries=dictionaries, monadic=monadic, proposals=proposals,
                   own_actors=own_actors or (), own_verbs=own_verbs or (), workers=workers,
                   min_confidence=min_confidence, batch_size=batch_size, timeout=timeout,
                   cluster=cluster, parts=parts)

    def say(line: str) -> None:
        console.print(line, highlight=False, markup=False, soft_wrap=True)

    def stored(article, events) -> None:
        if verbose:
            say(f"stored {article.origin or article.id}: {len(events)} events")

    def run(inputs: list[str], with_feeds: list[str]) -> api.IngestReport:
        total = None if with_feeds else count_articles(inputs)
        with IngestProgress(console, total, quiet=quiet) as progress:
            return api.ingest(inputs, feeds=with_feeds, stdin=sys.stdin,
                              on_reject=progress.reject, on_batch=progress.batch,
                              on_stored=stored, **options)

    started = time.monotonic()
    try:
        if interval is None:
            report = run(paths, feeds)
        else:
            if paths:
                run(paths, [])
            watched = ", ".join([*folders, *feeds])
            if not quiet:
                say(f"watching {watched} every {every or '1m'} -> {db}; Ctrl-C stops")

            def cycle(report: api.IngestReport) -> None:
                if report.read and not quiet:
                    say(f"{dt.datetime.now():%H:%M:%S} {report.read} articles read, "
                        f"{report.stored} stored ({report.already} already stored), "
                        f"{report.events} events, {len(report.rejects)} rejected")

            api.watch(folders, every=interval, feeds=feeds, on_cycle=cycle,
                      on_reject=lambda err: say(f"Error: {err}"), on_stored=stored,
                      **options)
    except BaseException as err:
        if not interrupted(err):
            raise
        # batches committed before the interrupt stay; a re-run skips their articles
        say("Interrupted: every batch committed so far is kept; run the same command "
            "again to continue." if interval is None else
            "Stopped: every batch committed so far is kept.")
        raise typer.Exit(130) from None
    elapsed = time.monotonic() - started
    if not quiet:
        say(f"{report.read} articles read, {report.stored} stored "
            f"({report.already} already stored), {report.events} events, "
            f"{len(report.rejects)} rejected, {elapsed:.1f}s "
            f"({report.stored / max(elapsed, 1e-9):.1f} articles/s) -> {db}")
    if report.read == 0:
        raise typer.Exit(1)


@app.command("recode")
def recode_cli(
    db: str = typer.Option("tidings.duckdb", "--db", help="The database to re-code, in place."),
    model: Optional[str] = typer.Option(None, "--model", help=MODEL_HELP),
    dictionaries: Optional[str] = DICTIONARIES_OPTION,
    monadic: bool = MONADIC_OPTION,
    proposals: bool = PROPOSALS_OPTION,
    workers: int = WORKERS_OPTION,
    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION,
    own_actors: Optional[list[str]] = OWN_ACTORS_OPTION,
    own_verbs: Optional[list[str]] = OWN_VERBS_OPTION,
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would change; change "
                                                          "nothing."),
) -> None:
    """Code the stored articles again with the current dictionaries (after an update, or
    with your own --actors/--verbs) and replace their events, in one transaction: an
    interrupted re-coding changes nothing. Prints how many events were added, removed
    (their sentence and trigger give none now) and changed (other actors or code).

    Examples:

        tidings recode --db news.duckdb

        tidings recode --db news.duckdb --actors my_people.tsv --dry-run

        tidings recode --db news.duckdb --workers 2
    """
    if not Path(db).exists():
        typer.echo(f"Error: {db}: no such database; run `tidings ingest` first", err=True)
        raise typer.Exit(1)
    console = Console(stderr=True)
    load_engine(model, dictionaries, monadic, proposals, own_actors=own_actors,
                own_verbs=own_verbs)
    with Progress(TextColumn("{task.description}"), console=console, transient=True) as bar:
        task = bar.add_task("re-coding", total=None)
        try:
            report = api.recode(db, model=model, dictionaries=dictionaries, monadic=monadic,
                                proposals=proposals, own_actors=own_actors or (),
                                own_verbs=own_verbs or (), workers=workers,
                                min_confidence=min_confidence, dry_run=dry_run,
                                on_batch=lambda r: bar.update(
                                    task, description=f"{r.articles} articles re-coded"))
        except BaseException as err:
            if not interrupted(err):
                raise
            console.print("Interrupted: nothing was changed.", highlight=False, markup=False)
            raise typer.Exit(130) from None
    where = "a dry run, nothing written" if dry_run else f"-> {db}"
    console.print(f"{report.articles} articles re-coded: {report.added} events added, "
                  f"{report.removed} removed, {report.changed} changed, {report.unchanged} "
                  f"unchanged, {len(report.rejects)} rejected ({where})",
                  highlight=False, markup=False, soft_wrap=True)
    for reject in report.rejects:
        console.print(f"  rejected (its events kept): {reject}", highlight=False,
                      markup=False, soft_wrap=True)


# Filter options shared by `events` and `export`.
ACTOR_HELP = ("a country (SYR, Syria, Türkiye: any of its actors), an exact actor code "
              "(SYRGOV, IGOUNO) or a code prefix ending in * (SYRG*).")
SOURCE_OPTION = typer.Option(None, "--source", help="Source actor: " + ACTOR_HELP)
TARGET_OPTION = typer.Option(None, "--target", help="Target actor: " + ACTOR_HELP)
NAME_OPTION = typer.Option(None, "--name", help="Part of a person's or body's name on "
                                                "either side (Assad).")
COUNTRY_OPTION = typer.Option(None, "--country", help="Country on either side: ISO3 code, "
                                                      "name or alias.")
CAMEO_OPTION = typer.Option(None, "--cameo", help="CAMEO code or prefix (e.g. 11).")
ROOT_OPTION = typer.Option(None, "--root", help="CAMEO root code (01-20).")
PLOVER_OPTION = typer.Option(None, "--plover", help="PLOVER type (e.g. ACCUSE).")
SINCE_OPTION = typer.Option(None, "--since", help="First date (YYYY-MM-DD).")
UNTIL_OPTION = typer.Option(None, "--until", help="Last date (YYYY-MM-DD).")
LIMIT_OPTION = typer.Option(None, "--limit", min=1, help="At most this many events.")
MIN_TONE_OPTION = typer.Option(None, "--min-tone", min=-100.0, max=100.0,
                               help="Events whose articles' mean tone (GDELT AvgTone scale, "
                                    "-100 to 100, docs/gdelt.md) is at least this; with "
                                    "--mentions, mentions whose article's tone is.")
MAX_TONE_OPTION = typer.Option(None, "--max-tone", min=-100.0, max=100.0,
                               help="Events whose articles' mean tone is at most this (with "
                                    "--mentions, mentions whose article's tone is).")
OFFSET_OPTION = typer.Option(None, "--offset", min=0, help="Skip this many events first.")
SORT_OPTION = typer.Option(False, "--sort", help="Oldest first (date, article, sentence); "
                                                 "without it, in the order stored, which "
                                                 "streams at once from any size of store.")
TERMINAL_ROWS = 50  # a table on the screen; more is for --limit, --offset or a file
LIST_MENTIONS_OPTION = typer.Option(
    False, "--mentions", help="Mentions (one row per sentence stating an event, with its "
                              "cluster_id) instead of events (clusters of mentions).")
STORE_FORMATS = (*FORMATS, "tsv-gdelt-mentions")  # the Mentions table needs the store


def make_filter(source=None, target=None, country=None, cameo=None, root=None, plover=None,
                since=None, until=None, limit=None, name=None, min_confidence=None, *,
                actor=None, partner=None, text=None, min_tone=None, max_tone=None
                ) -> EventFilter:
    """The EventFilter for the filter options of `events`, `export` and the analyses; a
    value that can match nothing is a usage error naming the closest valid ones."""
    from ..coding.codes import load_code_table
    flt = EventFilter(source, target, country, cameo, root, plover, parse_date(since),
                      parse_date(until), limit, name, min_confidence, actor, partner, text,
                      min_tone, max_tone)
    try:
        return check_filter(flt, load_code_table())
    except FilterError as err:
        raise typer.BadParameter(str(err)) from None


def check_mentions_format(mentions: bool, fmt: str) -> None:
    """GDELT's Events table has one row per event: mentions go in its Mentions table."""
    if mentions and fmt == "tsv-gdelt":
        raise typer.BadParameter("tsv-gdelt is one row per event; for mentions use "
                                 "--format tsv-gdelt-mentions", param_hint="--mentions")


@app.command("events")
def events_cli(
    db: str = typer.Option("tidings.duckdb", "--db", help=READ_DB_HELP),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=f"One of {', '.join(STORE_FORMATS)}."),
    source: Optional[str] = SOURCE_OPTION,
    target: Optional[str] = TARGET_OPTION,
    country: Optional[str] = COUNTRY_OPTION,
    cameo: Optional[str] = CAMEO_OPTION,
    root: Optional[str] = ROOT_OPTION,
    plover: Optional[str] = PLOVER_OPTION,
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    limit: Optional[int] = LIMIT_OPTION,
    name: Optional[str] = NAME_OPTION,
    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION,
    min_tone: Optional[float] = MIN_TONE_OPTION,
    max_tone: Optional[float] = MAX_TONE_OPTION,
    mentions: bool = LIST_MENTIONS_OPTION,
    columns: Optional[str] = COLUMNS_OPTION,
    offset: Optional[int] = OFFSET_OPTION,
    sort: bool = SORT_OPTION,
) -> None:
    """List stored events (clusters of mentions reporting one real event), filtered; with
    --mentions, the mentions. An event is shown as its representative mention with its
    counts (mentions, articles, sources) and first and last dates. As a table, the first
    50 unless --limit says.

    Examples:

        tidings events --source SYR --cameo 018

        tidings events --source SYR --cameo 018 --mentions

        tidings events --source Syria --target "United States" --name Assad

        tidings events --country RUS --since 2024-01-01 --format csv > rus.csv

        tidings events --plover ACCUSE --format tsv-gdelt

        tidings events --root 19 --min-confidence 0.8

        tidings events --country SYR --max-tone -5    # from the most hostile articles

        tidings events --country UKR --format tsv-gdelt-mentions

        tidings events --format csv --columns date,source_code,cameo,target_code

        tidings events --sort --limit 50 --offset 100    # the third page, oldest first
    """
    fmt = fmt or default_format()
    check_format(fmt, STORE_FORMATS)
    check_mentions_format(mentions, fmt)
    chosen = check_columns(columns, fmt, MENTION_CSV_COLUMNS if mentions else EVENT_CSV_COLUMNS)
    flt = make_filter(source, target, country, cameo, root, plover, since, until, limit,
                      name, min_confidence, min_tone=min_tone, max_tone=max_tone)
    flt.offset, flt.sort = offset, sort
    capped = fmt == "table" and limit is None
    if capped:
        flt.limit = TERMINAL_ROWS + 1  # the one more says whether there are more
    with open_store(db, read_only=True) as store:
        if fmt == "tsv-gdelt-mentions":
            write_mention_rows(mention_rows(store, flt), sys.stdout)
            return
        records = select_events(store, flt, with_article=fmt == "tsv-gdelt",
                                mentions=mentions)
        if capped:
            records = list(records)
            write_records(records[:TERMINAL_ROWS], fmt, sys.stdout, columns=chosen)
            if len(records) > TERMINAL_ROWS:
                typer.echo(f"the first {TERMINAL_ROWS} events; see more with --limit N "
                           "--offset N, or all with --format csv (or jsonl)", err=True)
        else:
            write_records(records, fmt, sys.stdout, columns=chosen)


@app.command("export")
def export_cli(
    output: str = typer.Argument(..., help="File to write (.gz: gzipped), or - for stdout."),
    db: str = typer.Option("tidings.duckdb", "--db", help=READ_DB_HELP),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=f"One of {', '.join(EXPORT_FORMATS)}; "
                                           "default from the file suffix."),
    source: Optional[str] = SOURCE_OPTION,
    target: Optional[str] = TARGET_OPTION,
    country: Optional[str] = COUNTRY_OPTION,
    cameo: Optional[str] = CAMEO_OPTION,
    root: Optional[str] = ROOT_OPTION,
    plover: Optional[str] = PLOVER_OPTION,
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    limit: Optional[int] = LIMIT_OPTION,
    name: Optional[str] = NAME_OPTION,
    offset: Optional[int] = OFFSET_OPTION,
    sort: bool = SORT_OPTION,
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    mentions: bool = LIST_MENTIONS_OPTION,
    columns: Optional[str] = COLUMNS_OPTION,
) -> None:
    """Export stored events (clusters) or, with --mentions, mentions to CSV, JSONL,
    Parquet, or GDELT 2.0's Events (tsv-gdelt) or Mentions (tsv-gdelt-mentions) TSV.

    Examples:

        tidings export events.parquet

        tidings export syria.csv --country SYR

        tidings export events.jsonl --since 2024-03-01 --until 2024-03-31

        tidings export events.parquet --force    # replace last week's file

        tidings export mentions.parquet --mentions

        tidings export mentions.tsv --format tsv-gdelt-mentions

        tidings export dyad.csv --columns date,source_code,cameo,target_code,goldstein

        tidings export events.csv.gz --country SYR

        tidings export - -f csv | head

    CSV and Parquet have the columns of `tidings events -f csv` (docs/schema.md).
    """
    fmt = fmt or output_format(output)
    check_format(fmt, EXPORT_FORMATS)
    check_mentions_format(mentions, fmt)
    chosen = check_columns(columns, fmt, MENTION_CSV_COLUMNS if mentions else EVENT_CSV_COLUMNS)
    flt = make_filter(source, target, country, cameo, root, plover, since, until, limit,
                      name)
    flt.offset, flt.sort = offset, sort
    try:
        path = check_output(output, db, overwrite=force, fmt=fmt)
        with open_store(db, read_only=True) as store:
            count = export_events(store, path, fmt, flt, mentions=mentions, columns=chosen)
    except ExportError as err:
        typer.echo(f"Error: {err}", err=True)
        raise typer.Exit(1) from None
    what = "mentions" if mentions or fmt == "tsv-gdelt-mentions" else "events"
    typer.echo(f"{count} {what} written to {'stdout' if output == '-' else output}", err=True)

"""`tidings code` and `tidings explain`: coding without a database."""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from .. import api
from ..errors import InputError, TidingsError
from ..query.formats import FORMATS, write_records
from ._app import (
    COLUMNS_OPTION,
    DATE_ORDER_OPTION,
    DICTIONARIES_OPTION,
    FIELD_OPTION,
    MIN_CONFIDENCE_OPTION,
    MODEL_HELP,
    MONADIC_OPTION,
    OWN_ACTORS_OPTION,
    OWN_VERBS_OPTION,
    PROPOSALS_OPTION,
    WORKERS_OPTION,
    app,
    check_columns,
    check_date_order,
    check_format,
    default_format,
    load_engine,
    parse_date,
    parse_fields,
    warn_skipped_entries,
)


@app.command("code")
def code_cli(
    paths: list[str] = typer.Argument(..., help="Files, folders, or - for stdin."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=f"One of {', '.join(FORMATS)}; default table on a "
                                           "terminal, else jsonl."),
    date: Optional[str] = typer.Option(None, "--date", help="Date for inputs without one."),
    model: Optional[str] = typer.Option(None, "--model", help=MODEL_HELP),
    dictionaries: Optional[str] = DICTIONARIES_OPTION,
    monadic: bool = MONADIC_OPTION,
    proposals: bool = PROPOSALS_OPTION,
    workers: int = WORKERS_OPTION,
    field: Optional[list[str]] = FIELD_OPTION,
    date_order: Optional[str] = DATE_ORDER_OPTION,
    min_confidence: Optional[float] = MIN_CONFIDENCE_OPTION,
    own_actors: Optional[list[str]] = OWN_ACTORS_OPTION,
    own_verbs: Optional[list[str]] = OWN_VERBS_OPTION,
    columns: Optional[str] = COLUMNS_OPTION,
) -> None:
    """Code articles and print their events; nothing is stored.

    Examples:

        tidings code ../shared/examples/2024-03-24-syria-russia-condolences.txt

        tidings code articles.jsonl --format jsonl > events.jsonl

        echo "Russia condemned the attack." | tidings code - --date 2024-03-24 -f tsv-gdelt

        tidings code articles.jsonl --dictionaries ../shared/data/petrarch2/PETR_config.ini

        tidings code crawl.csv --field date=first_seen --field text=description

        tidings code articles.jsonl --min-confidence 0.8

        tidings code articles.jsonl --actors my_people.tsv --verbs my_verbs.tsv
    """
    from ..ingest import read_articles
    fmt = fmt or default_format()
    check_format(fmt, FORMATS)
    chosen = check_columns(columns, fmt)
    fields = parse_fields(field)
    order = check_date_order(date_order)
    engine = load_engine(model, dictionaries, monadic, proposals, own_actors=own_actors,
                         own_verbs=own_verbs)
    warn_skipped_entries(engine)
    counts = {"read": 0, "rejected": 0}

    def articles():
        for item in read_articles(paths, default_date=parse_date(date), fields=fields,
                                  date_order=order, stdin=sys.stdin):
            if isinstance(item, InputError):
                typer.echo(f"Error: {item}", err=True)
                counts["rejected"] += 1
            else:
                counts["read"] += 1
                yield item

    records = []
    for article, events in engine.code_articles(articles(), workers=workers):
        if isinstance(events, InputError):  # an article the coder could not handle
            typer.echo(f"Error: {events}", err=True)
            counts["rejected"] += 1
            continue
        events = api.confident(events, min_confidence)
        if fmt == "tsv-gdelt":  # SOURCEURL is the article's url; DATEADDED, now
            write_records([{**e.to_dict(), "article": {"url": article.url}} for e in events],
                          fmt, sys.stdout)
        elif fmt == "jsonl":
            write_records([e.to_dict() for e in events], fmt, sys.stdout)  # stream as we go
        else:
            records += [e.to_dict() for e in events]
    if fmt in ("table", "csv"):
        write_records(records, fmt, sys.stdout, columns=chosen)
    if counts["read"] == 0:
        typer.echo(f"Error: no article could be read ({counts['rejected']} rejected)", err=True)
        raise typer.Exit(1)


@app.command("explain")
def explain_cli(
    text: Optional[str] = typer.Argument(None, help="The sentence (or text) to explain."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD); "
                                       "with --file, for an article without one."),
    file: Optional[str] = typer.Option(None, "--file", help="Explain the first article of this "
                                       "file (any input format), title included, as `code` "
                                       "codes it."),
    model: Optional[str] = typer.Option(None, "--model", help=MODEL_HELP),
    dictionaries: Optional[str] = DICTIONARIES_OPTION,
    own_actors: Optional[list[str]] = OWN_ACTORS_OPTION,
    own_verbs: Optional[list[str]] = OWN_VERBS_OPTION,
    event: Optional[str] = typer.Option(None, "--event", help="Explain a stored mention (its "
                                        "event_id, or an event's number for its "
                                        "representative mention, with --db): the evidence "
                                        "marked, then its article read again."),
    db: str = typer.Option("tidings.duckdb", "--db", help="The database of --event."),
    as_json: bool = typer.Option(False, "--json", help="Print the explanation as JSON."),
) -> None:
    """Show how a sentence is read: tokens, parse, actors, and for each trigger the stages
    and named rules that fired or declined and why.

    Examples:

        tidings explain --event 3f9c1a2b4d5e6f70 --db news.duckdb

        tidings explain "Syria condemned the attack on Moscow." --date 2024-03-24

        tidings explain --file ../shared/examples/2024-03-24-syria-russia-condolences.txt

        tidings explain "Mayor Tom Quill praised Syria." --date 2024-03-24 --actors my_people.tsv

        tidings explain "Gondor attacked Arnor." --date 2024-03-24 --dictionaries
        ../shared/data/petrarch2/PETR_config.ini
    """
    if sum(x is not None for x in (text, file, event)) != 1:
        raise typer.BadParameter("give one of TEXT, --file or --event", param_hint="TEXT")
    engine = load_engine(model, dictionaries, own_actors=own_actors, own_verbs=own_verbs)
    if event is not None:
        try:
            result = api.explain_event(event, db=db, model=model, dictionaries=dictionaries,
                                       own_actors=own_actors or (), own_verbs=own_verbs or ())
        except TidingsError as err:
            typer.echo(f"Error: {err}", err=True)
            raise typer.Exit(1) from err
    elif file is not None:
        try:
            result = api.explain_article(file, default_date=parse_date(date), model=model,
                                         dictionaries=dictionaries, own_actors=own_actors or (),
                                         own_verbs=own_verbs or ())
        except TidingsError as err:
            typer.echo(f"Error: {err}", err=True)
            raise typer.Exit(1) from err
    elif date is None:
        raise typer.BadParameter("a text needs --date", param_hint="--date")
    else:
        result = engine.explain(text, parse_date(date))
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if event is not None:
        stored = result["event"]
        target = stored["target"]["code"] if stored["target"] else "-"
        typer.echo(f"stored event {stored['event_id']} ({stored['article_id']}, "
                   f"{stored['date']}): {stored['source']['code']} -> {target}  "
                   f"{stored['cameo']}  by {stored['rule']}")
        typer.echo(f"  rules: {', '.join(stored['rules']) or '(none stored)'}")
        typer.echo(f"  {result['marked']}")
        typer.echo("its article, read again:")
    typer.echo("tokens (i text lemma POS dep head):")
    for t in result["tokens"]:
        typer.echo(f"  {t['i']:>3} {t['text']:<18} {t['lemma']:<16} {t['pos']:<6} "
                   f"{t['dep']:<10} {t['head']}")
    typer.echo("actor names found:")
    for a in result["actors"] or [{"text": "(none)", "kind": "", "code": "", "sector": "",
                                   "rule": ""}]:
        typer.echo(f"  {a['text']:<30} {a['kind']:<8} {a['code'] or '':<10} "
                   f"{a['sector'] or '':<5} {a['rule']}")
    typer.echo("decisions:")
    for note in result["notes"] or ["no verb in the sentence"]:
        typer.echo(f"  {note}")
    typer.echo("events:")
    for e in result["events"] or []:
        target = e["target"]["code"] if e["target"] else "-"
        rules = f"  [{', '.join(e['rules'])}]" if e.get("rules") else ""
        typer.echo(f"  {e['source']['code']} -> {target}  {e['cameo']} ({e['plover']})  "
                   f"by {e['rule']}{rules}")
    if not result["events"]:
        typer.echo("  (none)")

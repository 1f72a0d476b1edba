"""The Python API the CLI is a thin layer over."""
from __future__ import annotations

import datetime as dt
import functools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CodingError, InputError, TidingsError
from .model import Article, ArticleCoding, Event

if TYPE_CHECKING:  # the engine imports spaCy (~1 s): only the functions that code load it
    from .engine import Tidings


def load(model: str | None = None, dictionaries: str | Path | None = None,
         monadic: bool = False, proposals: bool = False, *,
         own_actors: Iterable[str | Path] = (), own_verbs: Iterable[str | Path] = ()
         ) -> Tidings:
    """The coding engine for `model` (loaded once per process: `load()` and
    `load(None, None, False)` are the same engine).

    monadic: also code events whose target could not be found (target null).
    proposals: the clause classifier proposes events where no verb pattern matched
    (coding/proposals.py; off by default, see docs/confidence.md for why).
    dictionaries: a PETRARCH-2 dictionary set (PETR_config.ini or a folder) to code
    with instead of the bundled dictionaries; entries it cannot read are skipped and
    listed in `engine.petrarch.dictionaries.problems`.
    own_actors, own_verbs: the user's actor files (any of the actor TSV formats) and
    verbs.tsv files, added to the bundled dictionaries; a row of theirs wins over ours of
    the same name, alias or pattern (docs/dictionaries.md). Raises DictionaryError
    (file:line) for a bad row.
    """
    return _load(model, str(dictionaries) if dictionaries else None, bool(monadic),
                 bool(proposals), tuple(str(p) for p in own_actors),
                 tuple(str(p) for p in own_verbs))


@functools.lru_cache(maxsize=4)
def _load(model: str | None, dictionaries: str | None, monadic: bool, proposals: bool,
          own_actors: tuple[str, ...], own_verbs: tuple[str, ...]) -> Tidings:
    from .engine import Tidings
    return Tidings(model, dictionaries=dictionaries, monadic=monadic, proposals=proposals,
                   own_actors=[Path(p) for p in own_actors],
                   own_verbs=[Path(p) for p in own_verbs])


def as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise TidingsError(f"date {value!r} is not YYYY-MM-DD") from err


def code(text: str, *, date: dt.date | str, title: str = "", model: str | None = None
         ) -> list[Event]:
    """Code a text (one or more sentences) published on `date` into Events. Lone
    surrogates (text decoded with surrogateescape) become U+FFFD, as in files."""
    from .ingest.fields import without_surrogates
    article = Article.create(date=as_date(date), title=without_surrogates(title),
                             text=without_surrogates(text))
    return load(model).code_article(article)


def code_article(article: Article, *, model: str | None = None) -> list[Event]:
    """Code one Article into Events."""
    return load(model).code_article(article)


def confident(events: list[Event], min_confidence: float | None) -> list[Event]:
    """The events whose confidence is at or above `min_confidence` (all for None)."""
    if min_confidence is None:
        return events
    kept = [e for e in events if e.confidence >= min_confidence]
    # an article's quotes and tone stay with it when its events are filtered
    return events.keeping(kept) if isinstance(events, ArticleCoding) else kept


def to_dataframe(events: Iterable[Event]):
    """Events as a pandas DataFrame, one row per event, flat columns."""
    import pandas as pd

    from .store.database import EVENT_COLUMNS, event_row
    return pd.DataFrame([event_row(e) for e in events], columns=list(EVENT_COLUMNS))


def events_dataframe(db: str | Path = "tidings.duckdb", *, mentions: bool = False, **filters):
    """Stored events (clusters, each as its representative mention's columns with the
    cluster's counts and dates) or, with `mentions`, mentions as a pandas DataFrame,
    oldest first (unless sort=False); filters as in `query.events.EventFilter`."""
    from .query.events import EventFilter, event_query
    from .store import open_store
    filters.setdefault("sort", True)  # the frame is in memory anyway; sorting is cheap
    with open_store(db, read_only=True) as store:
        sql, params = event_query(EventFilter(**filters), mentions=mentions)
        return store.con.execute(sql, params).df()


def dyads_dataframe(db: str | Path = "tidings.duckdb", *, source: str | None = None,
                    target: str | None = None, country: str | None = None, by: str = "month",
                    since: dt.date | str | None = None, until: dt.date | str | None = None,
                    mentions: bool = False):
    """A dyad's events per period as a pandas DataFrame, one row per period with events:
    counts by QuadClass, Goldstein sum and mean, share of material conflict (columns
    `analysis.SERIES_COLUMNS`). source/target: a directed dyad (a symmetric act counts
    both ways); country: all of a country's relations, either direction; by: day, week,
    month or year. Computed in DuckDB. Raises FilterError for a value that names nothing."""
    import pandas as pd

    from .analysis.series import SERIES_COLUMNS, dyad_series
    from .coding.codes import load_code_table
    from .query.events import EventFilter, check_filter
    from .store import open_store
    flt = check_filter(EventFilter(source=source, target=target, country=country,
                                   since=as_date(since) if since else None,
                                   until=as_date(until) if until else None),
                       load_code_table())
    with open_store(db, read_only=True) as store:
        rows = dyad_series(store, flt, by=by, mentions=mentions)
    frame = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


def explain(text: str, *, date: dt.date | str, title: str = "", model: str | None = None,
            dictionaries: str | Path | None = None, own_actors: Iterable[str | Path] = (),
            own_verbs: Iterable[str | Path] = ()) -> dict:
    """How Tidings reads a text (one or more sentences, and its title): tokens, parse,
    actors, and per trigger the stages and named rules that fired or declined and why."""
    from .ingest.fields import without_surrogates
    engine = load(model, dictionaries, own_actors=own_actors, own_verbs=own_verbs)
    return engine.explain(without_surrogates(text), as_date(date), without_surrogates(title))


def explain_event(event_id: str, *, db: str | Path, model: str | None = None,
                  dictionaries: str | Path | None = None, own_actors: Iterable[str | Path] = (),
                  own_verbs: Iterable[str | Path] = ()) -> dict:
    """A stored event with its evidence marked, and `explain` of the article it came
    from, read again with today's dictionaries (so a change since shows)."""
    from .query.events import marked_sentence, stored_event
    from .store.database import open_store
    with open_store(db, read_only=True) as store:
        found = stored_event(store, event_id)
    if found is None:
        raise TidingsError(f"{db}: no event {event_id!r}")
    record, article = found
    result = explain(article.text, date=article.date, title=article.title, model=model,
                     dictionaries=dictionaries, own_actors=own_actors, own_verbs=own_verbs)
    return {"event": record, "marked": marked_sentence(record), **result}


def explain_article(path: str | Path, *, default_date: dt.date | None = None,
                    model: str | None = None, dictionaries: str | Path | None = None,
                    own_actors: Iterable[str | Path] = (),
                    own_verbs: Iterable[str | Path] = ()) -> dict:
    """`explain` of the first article of a file in any input format the readers accept."""
    from .ingest import read_articles
    for item in read_articles([path], default_date=default_date):
        if isinstance(item, InputError):
            raise item
        return explain(item.text, date=item.date, title=item.title, model=model,
                       dictionaries=dictionaries, own_actors=own_actors, own_verbs=own_verbs)
    raise TidingsError(f"{path}: no article in it")


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    already: int = 0
    events: int = 0
    rejects: list[str] = field(default_factory=list)


def ingest(paths: Iterable[str | Path], *, db: str | Path = "tidings.duckdb",
           default_date: dt.date | None = None, fields: dict[str, str] | None = None,
           date_order: str | None = None, model: str | None = None,
           dictionaries: str | Path | None = None, monadic: bool = False,
           proposals: bool = False, own_actors: Iterable[str | Path] = (),
           own_verbs: Iterable[str | Path] = (), workers: int = 1,
           min_confidence: float | None = None, batch_size: int = 64,
           on_reject: Callable[[InputError], None] | None = None,
           on_batch: Callable[[IngestReport], None] | None = None, stdin=None,
           feeds: Iterable[str] = (), timeout: float | None = None,
           on_stored: Callable[[Article, list[Event]], None] | None = None,
           cluster: str | None = None, parts: str | Path | None = None) -> IngestReport:
    """Read, code and store articles; each batch is one transaction.

    Articles already in the database are skipped before coding, so a re-run
    after an interruption continues where the last committed batch ended. The store is
    open only while a batch is written, so others can read it during the run
    (docs/concurrency.md); a second ingest into the same store raises StoreBusy.
    fields: record fields of other names, as `read_articles` takes them ({"date": "pubDate"}).
    date_order: "DMY" or "MDY", for numeric record dates such as 02-04-2024.
    min_confidence: store only the events at or above this confidence.
    own_actors, own_verbs: the user's dictionary files, as `load` takes them.
    paths may hold http(s) URLs of pages; feeds: RSS or Atom feed URLs, whose entries
    already stored are not fetched again; timeout: seconds for each web request.
    on_stored: called with each article stored and its events, after its batch committed.
    cluster: code on a Dask cluster instead of `workers` local processes: "local:N" (N
    worker processes here) or a scheduler address "tcp://host:8786" (docs/cluster.md);
    each partition of `batch_size` articles is one Parquet part, loaded into the store.
    parts: with `cluster`, the folder to keep the Parquet parts in (default: a temporary
    folder beside the store, removed at the end).
    """
    from .ingest import read_articles
    from .ingest.web import WebOptions
    from .store.writer import BatchWriter, ingest_lock
    web_options = WebOptions() if timeout is None else WebOptions(timeout=timeout)
    report = IngestReport()
    own_actors, own_verbs = list(own_actors), list(own_verbs)
    # on a cluster the workers load the engine; here it is only checked (a bad row is an
    # error before anything starts)
    engine = load(model, dictionaries, monadic, proposals, own_actors=own_actors,
                  own_verbs=own_verbs)

    def commit(store, batch) -> None:  # in the writer's thread
        _commit(store, batch, report, on_batch)
        _announce(batch, on_stored)

    with ingest_lock(db):
        writer = BatchWriter(db, commit)

        def fresh() -> Iterator[Article]:
            seen: set[str] = set()
            pending: list[Article] = []
            def is_stored(article_id: str) -> bool:
                if writer.known_ids([article_id]):
                    report.read += 1
                    report.already += 1
                    return True
                return False

            for item in read_articles(paths, default_date=default_date, fields=fields,
                                      date_order=date_order, stdin=stdin, feeds=feeds,
                                      web_options=web_options, is_stored=is_stored):
                if isinstance(item, InputError):
                    report.rejects.append(str(item))
                    if on_reject:
                        on_reject(item)
                    continue
                report.read += 1
                if item.id in seen:
                    report.already += 1
                    continue
                seen.add(item.id)
                pending.append(item)
                if len(pending) >= batch_size:
                    yield from _unknown(writer, pending, report)
                    pending = []
            yield from _unknown(writer, pending, report)

        try:
            if cluster is not None:
                options = {"model": model, "dictionaries": dictionaries, "monadic": monadic,
                           "proposals": proposals, "own_actors": tuple(own_actors),
                           "own_verbs": tuple(own_verbs)}
                _ingest_on_cluster(cluster, fresh(), writer, options, min_confidence,
                                   batch_size, parts or Path(db).parent, keep=parts is not None,
                                   report=report, on_reject=on_reject)
                return report
            batch: list[tuple[Article, list[Event]]] = []
            for article, events in engine.code_articles(fresh(), workers=workers):
                if isinstance(events, CodingError):
                    report.rejects.append(str(events))  # not stored: a later run retries it
                    if on_reject:
                        on_reject(events)
                    continue
                batch.append((article, confident(events, min_confidence)))
                if len(batch) >= batch_size:
                    writer.submit(batch)
                    batch = []
            writer.submit(batch)
        except BaseException:
            writer.abandon()
            raise
        writer.close()
    return report


def _ingest_on_cluster(address: str, articles: Iterator[Article], writer, options: dict,
                       min_confidence: float | None, size: int, folder: str | Path, *,
                       keep: bool, report: IngestReport, on_reject) -> None:
    """Code `articles` on the Dask cluster at `address` in partitions of `size`; the
    writer stores each partition, and its Parquet parts are written to `folder`."""
    import itertools
    import shutil
    import tempfile

    from .dask_ingest import code_on_cluster, connect
    folder = Path(folder)
    if not keep:
        folder = Path(tempfile.mkdtemp(prefix=".tidings-parts-", dir=folder))
    try:
        partitions = iter(lambda: list(itertools.islice(articles, size)), [])
        with connect(address) as client:
            for coded, rejects in code_on_cluster(client, partitions, folder, options,
                                                  min_confidence):
                for reject in rejects:  # not stored: a later run retries them
                    report.rejects.append(str(reject))
                    if on_reject:
                        on_reject(reject)
                writer.submit(coded)
            writer.close()  # every part loaded before the folder goes
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def _unknown(writer, articles: list[Article], report: IngestReport) -> Iterator[Article]:
    known = writer.known_ids([a.id for a in articles]) if articles else set()
    report.already += len(known)
    return (a for a in articles if a.id not in known)


def _commit(store, batch, report: IngestReport, on_batch) -> None:
    if not batch:
        return
    report.stored += store.write(batch)
    report.events += sum(len(events) for _, events in batch)
    if on_batch:
        on_batch(report)


def _announce(batch, on_stored) -> None:
    for article, events in batch if on_stored else ():
        on_stored(article, events)


SETTLE_SECONDS = 2.0  # a file changed more recently may still be being written


def watch(folders: Iterable[str | Path], *, every: float, feeds: Iterable[str] = (),
          on_cycle: Callable[[IngestReport], None] | None = None,
          sleep: Callable[[float], None] | None = None, **options) -> None:
    """Keep a store up to date: every `every` seconds, ingest the files of `folders` that
    are new or changed since the last look (and have not changed for SETTLE_SECONDS), and
    the new entries of `feeds`. Runs until interrupted (KeyboardInterrupt); each batch is
    committed as it is coded, so an interrupt keeps what was stored. `options` are those
    of `ingest`; `on_cycle` gets each look's report."""
    import time

    from .ingest import article_files
    sleep = sleep or time.sleep
    folders, feeds = [str(f) for f in folders], list(feeds)
    seen: dict[str, tuple[int, int]] = {}
    while True:
        changed = []
        now = time.time()
        for folder in folders:
            for path in article_files(folder)[0]:
                try:
                    info = os.stat(path)
                except OSError:
                    continue  # gone since it was listed
                stamp = (info.st_size, info.st_mtime_ns)
                if seen.get(path) != stamp and now - info.st_mtime >= SETTLE_SECONDS:
                    seen[path] = stamp
                    changed.append(path)
        if changed or feeds:
            report = ingest(changed, feeds=feeds, **options)
            if on_cycle:
                on_cycle(report)
        sleep(every)


@dataclass
class RecodeReport:
    """What re-coding the stored articles changed. An event is `changed` when the same
    sentence and trigger now give other actors or another code, `added` or `removed`
    when its sentence and trigger gave no event before or give none now."""

    articles: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    rejects: list[str] = field(default_factory=list)


def recode(db: str | Path = "tidings.duckdb", *, model: str | None = None,
           dictionaries: str | Path | None = None, monadic: bool = False,
           proposals: bool = False, own_actors: Iterable[str | Path] = (),
           own_verbs: Iterable[str | Path] = (), workers: int = 1,
           min_confidence: float | None = None, batch_size: int = 64, dry_run: bool = False,
           on_batch: Callable[[RecodeReport], None] | None = None) -> RecodeReport:
    """Code the stored articles again with the current dictionaries and put the new
    events in place of the old, in one transaction: an interrupted or failed re-coding
    leaves the store as it was. dry_run: report what would change, change nothing. An
    article the coder fails on keeps its old events and is listed in `rejects`."""
    from .store import open_store
    report = RecodeReport()
    engine = load(model, dictionaries, monadic, proposals, own_actors=own_actors,
                  own_verbs=own_verbs)
    with open_store(db) as store:
        def stored() -> Iterator[Article]:
            last = None
            while page := store.articles_after(last, batch_size):
                yield from page
                last = page[-1].id

        store.con.execute("BEGIN")
        try:
            batch: list[tuple[Article, list[Event]]] = []
            for article, events in engine.code_articles(stored(), workers=workers):
                if isinstance(events, CodingError):
                    report.rejects.append(str(events))
                    continue
                batch.append((article, confident(events, min_confidence)))
                if len(batch) >= batch_size:
                    _replace(store, batch, report, on_batch)
                    batch = []
            _replace(store, batch, report, on_batch)
            store.recount_actors()
            store.con.execute("ROLLBACK" if dry_run else "COMMIT")
        except BaseException:
            store._rollback()
            raise
    return report


def _replace(store, batch, report: RecodeReport, on_batch) -> None:
    if not batch:
        return
    before = store.event_positions([a.id for a, _ in batch])
    for article, events in batch:
        old = before[article.id]
        new = {e.event_id: (e.sentence_index, e.trigger_start) for e in events}
        kept = old.keys() & new.keys()
        gone = [old[i] for i in old.keys() - kept]
        came = [new[i] for i in new.keys() - kept]
        # a position that lost an event and gained one: the same act coded otherwise
        changed = sum((Counter(gone) & Counter(came)).values())
        report.unchanged += len(kept)
        report.changed += changed
        report.removed += len(gone) - changed
        report.added += len(came) - changed
    report.articles += len(batch)
    store.replace_events(batch)
    if on_batch:
        on_batch(report)

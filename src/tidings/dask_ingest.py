"""Coding on a Dask cluster, for corpora one machine codes too slowly (docs/cluster.md).

The client (the `tidings ingest --cluster ...` process) reads the input and cuts it into
partitions of articles not yet stored; each partition is coded by a Dask worker, which
loads the coding engine once (`api.load` is cached per process) and sends back the
articles with their events. The client writes each partition as Parquet parts
(`articles/part-N.parquet`, `mentions/part-N.parquet`: the rows as coded, to keep or
query in place) and stores the partition in partition order through the store's one
write path (`Store.write`: copies, clusters, actors), so the store holds exactly what a
single-process ingest would.
"""
from __future__ import annotations

import collections
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import CodingError, TidingsError
from .model import Article

LOCAL = re.compile(r"local:(\d+)")
SCHEMES = ("tcp://", "tls://", "ws://", "wss://", "inproc://")
PARTITIONS_PER_WORKER = 2  # partitions queued per worker: busy workers, bounded memory


@contextmanager
def connect(address: str) -> Iterator:
    """A Dask client for `address`: "local:N" starts N worker processes on this machine,
    "tcp://host:8786" joins a running scheduler. TidingsError when Dask is not installed
    or the scheduler cannot be reached."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise TidingsError("--cluster needs Dask: pip install 'tidings[dask]'") from None
    local = LOCAL.fullmatch(check_address(address))
    if local:
        workers = int(local[1])
        # one thread per worker: the coder is pure Python, threads would share one core
        # its log lines (workers stopped at the end) are not the user's business
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="30s")
    except OSError as err:
        raise TidingsError(f"--cluster {address}: cannot reach the scheduler ({err})") from None
    with client:
        yield client


def check_address(address: str) -> str:
    """`address` if it names a cluster (local:N, N >= 1, or a scheduler URL), else
    TidingsError saying what to give."""
    local = LOCAL.fullmatch(address)
    if local and int(local[1]) < 1:
        raise TidingsError(f"--cluster {address}: give at least one worker (local:2)")
    if not local and not address.startswith(SCHEMES):
        raise TidingsError(f"--cluster {address!r}: give a scheduler address "
                           "(tcp://host:8786) or local:N")
    return address


def code_partition(articles: list[Article], options: dict, min_confidence: float | None):
    """On a worker: (article, events) for each article coded, and the (origin, reason) of
    each article that could not be coded."""
    from .api import confident, load
    engine = load(**options)  # cached: the model is loaded once per worker process
    coded, rejects = [], []
    for article in articles:
        events = engine.code_or_error(article)
        if isinstance(events, CodingError):
            rejects.append((events.origin, events.reason))
        else:
            coded.append((article, confident(events, min_confidence)))
    return coded, rejects


def write_parts(folder: Path, index: int, coded: list) -> None:
    """The partition's articles and mentions as Parquet parts numbered `index`."""
    import pyarrow.parquet as pq

    from .store.database import (ARTICLE_COLUMNS, EVENT_COLUMNS, article_row, event_row,
                                 rows_table)
    for name, columns, rows in (
            ("articles", ARTICLE_COLUMNS, [article_row(a, len(ev)) for a, ev in coded]),
            ("mentions", EVENT_COLUMNS, [event_row(e) for _, ev in coded for e in ev])):
        (folder / name).mkdir(parents=True, exist_ok=True)
        pq.write_table(rows_table(columns, rows), folder / name / f"part-{index:06d}.parquet")


def code_on_cluster(client, partitions: Iterable[list[Article]], folder: Path,
                    options: dict, min_confidence: float | None
                    ) -> Iterator[tuple[list, list[CodingError]]]:
    """Code `partitions` on the cluster; yields, in partition order, each partition's
    coded articles (with their events; its Parquet parts written to `folder`) and its
    coding errors."""
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    in_flight: collections.deque = collections.deque()
    number = 0

    def finished():
        index, future = in_flight.popleft()
        coded, rejects = future.result()
        future.release()
        write_parts(folder, index, coded)
        return coded, [CodingError(origin, reason) for origin, reason in rejects]

    for partition in partitions:
        in_flight.append((number, client.submit(code_partition, partition, options,
                                                min_confidence, pure=False)))
        number += 1
        if len(in_flight) >= PARTITIONS_PER_WORKER * workers:
            yield finished()
    while in_flight:
        yield finished()

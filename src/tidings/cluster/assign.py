"""Put each new mention into the event it reports: an event already stored, one made
earlier in the batch, or a new one.

Two mentions can report one event when they have the same dyad (in either order for a
symmetric act or an undirected family), compatible codes (the same root, or roots of one
family), event dates close enough (an event spans at most `date_window_days`, and two
mentions each dated by their own time words must agree), and similar evidence: the
Jaccard similarity of the content words of their sentences, actors' words left out
(the dyad already says who). A mention joins the compatible event it is most similar to;
an event is never merged with another, so event ids stay as they were given.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .settings import ClusterSettings

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Mention:
    """A mention reduced to what clustering compares."""

    event_id: str
    article_id: str
    date: dt.date
    explicit_date: bool  # dated by its own time words, not by the article's date
    key: tuple[str, str, str]  # dyad side a, dyad side b, code family
    words: frozenset[str]


@dataclass
class Cluster:
    """An event: its id, its key and the mentions it holds so far."""

    id: int
    key: tuple[str, str, str]
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first_date(self) -> dt.date:
        return min(m.date for m in self.mentions)

    @property
    def last_date(self) -> dt.date:
        return max(m.date for m in self.mentions)


def dyad_key(row: Mapping, settings: ClusterSettings) -> tuple[str, str, str]:
    """The key events are looked up by: the two sides (countries, or the actor codes of an
    actor of no country and within one country's affairs), and the code family."""
    source = row["source_country"] or row["source_code"]
    target = row["target_country"] or row["target_code"] or ""
    if source == target:  # one country's own affairs: its actors tell the events apart
        source, target = row["source_code"], row["target_code"] or ""
    family = settings.family(row["cameo_root"])
    if (row["is_symmetric"] or family in settings.undirected) and target < source:
        source, target = target, source
    return source, target, family


def evidence_words(sentence: str, spans: Iterable[tuple[int | None, int | None]],
                   stopwords: frozenset[str]) -> frozenset[str]:
    """The sentence's content words, lower case, without the actors' words."""
    text = sentence or ""
    for start, end in spans:
        if start is not None and end is not None and 0 <= start < end:
            text = text[:start] + " " * (end - start) + text[end:]
    return frozenset(w for w in WORD.findall(text.lower()) if w not in stopwords and len(w) > 1)


def mention_of(row: Mapping, settings: ClusterSettings) -> Mention:
    """The Mention of a row with the mentions table's columns."""
    spans = [(row["source_start"], row["source_end"]), (row["target_start"], row["target_end"])]
    return Mention(event_id=row["event_id"], article_id=row["article_id"], date=row["date"],
                   explicit_date=row["date_text"] is not None, key=dyad_key(row, settings),
                   words=evidence_words(row["sentence"], spans, settings.stopwords))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity; two empty sets share nothing."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def fit(mention: Mention, cluster: Cluster, settings: ClusterSettings) -> float | None:
    """How well `mention` fits `cluster` (its best evidence similarity to one of the
    cluster's mentions), or None when it cannot report that event."""
    first = min(cluster.first_date, mention.date)
    last = max(cluster.last_date, mention.date)
    if (last - first).days > settings.date_window_days:
        return None
    best = None
    for other in cluster.mentions:
        if mention.explicit_date and other.explicit_date and \
                abs((mention.date - other.date).days) > settings.explicit_date_window_days:
            return None  # both say when, and they say different days
        score = similarity(mention.words, other.words)
        needed = (settings.same_article_similarity if other.article_id == mention.article_id
                  else settings.cross_article_similarity)
        if score >= needed and (best is None or score > best):
            best = score
    return best


def assign_clusters(articles: Iterable[list[Mention]], candidates: Iterable[Cluster],
                    next_id: int, settings: ClusterSettings
                    ) -> tuple[dict[str, int], list[Cluster], set[int]]:
    """Assign the mentions of `articles` (each a list in sentence order, articles in the
    order they are stored) to `candidates` (the stored events they could join, with their
    mentions) or to new events numbered from `next_id`.

    RETURNS: event_id -> cluster id, the new clusters, the ids of every cluster that got
    a mention (new or stored).
    """
    by_key: dict[tuple[str, str, str], list[Cluster]] = {}
    for cluster in candidates:
        by_key.setdefault(cluster.key, []).append(cluster)
    assigned: dict[str, int] = {}
    new: list[Cluster] = []
    touched: set[int] = set()
    for mentions in articles:
        for mention in mentions:
            if mention.event_id in assigned:
                continue
            options = by_key.setdefault(mention.key, [])
            best, best_rank = None, None
            for cluster in options:
                score = fit(mention, cluster, settings)
                if score is None:
                    continue
                # the most similar; on a tie the one sharing the article, then the oldest
                same_article = any(m.article_id == mention.article_id for m in cluster.mentions)
                rank = (score, same_article, -cluster.id)
                if best_rank is None or rank > best_rank:
                    best, best_rank = cluster, rank
            if best is None:
                best = Cluster(next_id, mention.key)
                next_id += 1
                options.append(best)
                new.append(best)
            best.mentions.append(mention)
            assigned[mention.event_id] = best.id
            touched.add(best.id)
    return assigned, new, touched

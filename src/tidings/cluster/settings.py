"""Load the cluster stage's settings, code families and evidence stop words."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import DictionaryError
from ..tables import alternatives, data_path, read_tsv

INTEGER_SETTINGS = ("date_window_days", "explicit_date_window_days", "shingle_words",
                    "minhash_permutations", "minhash_bands")
FLOAT_SETTINGS = ("same_article_similarity", "cross_article_similarity",
                  "duplicate_similarity")


@dataclass(frozen=True)
class ClusterSettings:
    """What makes two mentions one event and two articles copies (data/cluster/)."""

    date_window_days: int
    explicit_date_window_days: int
    same_article_similarity: float
    cross_article_similarity: float
    shingle_words: int
    duplicate_similarity: float
    minhash_permutations: int
    minhash_bands: int
    families: dict[str, str]  # CAMEO root -> family name, for roots in a family
    undirected: frozenset[str]  # families whose acts are one event from either side
    stopwords: frozenset[str]

    def family(self, root: str) -> str:
        """The family a root's mentions cluster within: its family, else the root."""
        return self.families.get(root, root)


def load_cluster_settings(folder: Path | None = None) -> ClusterSettings:
    """The settings in `folder` (settings.tsv, families.tsv, evidence_stopwords.tsv);
    the bundled ones for None. Raises DictionaryError (file:line) for a bad row."""
    if folder is None:
        return _bundled()
    return _load(Path(folder))


@functools.cache
def _bundled() -> ClusterSettings:
    return _load(data_path("cluster"))


def _load(folder: Path) -> ClusterSettings:
    path = folder / "settings.tsv"
    values: dict[str, int | float] = {}
    for line, row in read_tsv(path, ("setting", "value")):
        name, kind = row["setting"], int if row["setting"] in INTEGER_SETTINGS else float
        if name not in INTEGER_SETTINGS + FLOAT_SETTINGS:
            raise DictionaryError(str(path), line, f"unknown setting {name!r}")
        try:
            values[name] = kind(row["value"])
        except ValueError:
            raise DictionaryError(str(path), line, f"{name} must be a number, not "
                                                   f"{row['value']!r}") from None
    missing = [n for n in INTEGER_SETTINGS + FLOAT_SETTINGS if n not in values]
    if missing:
        raise DictionaryError(str(path), 1, f"missing setting(s) {', '.join(missing)}")
    if values["minhash_permutations"] % values["minhash_bands"]:
        raise DictionaryError(str(path), 1, "minhash_permutations must be a multiple of "
                                            "minhash_bands")
    families: dict[str, str] = {}
    undirected: set[str] = set()
    path = folder / "families.tsv"
    for line, row in read_tsv(path, ("family", "roots", "undirected")):
        if row["undirected"] not in ("yes", "no"):
            raise DictionaryError(str(path), line, "undirected must be yes or no")
        if row["undirected"] == "yes":
            undirected.add(row["family"])
        for root in alternatives(row["roots"]):
            if len(root) != 2 or not root.isdigit() or root in families:
                raise DictionaryError(str(path), line, f"root {root!r} is not a two-digit "
                                                       "CAMEO root in one family only")
            families[root] = row["family"]
    stopwords = frozenset(row["word"].lower() for _, row in
                          read_tsv(folder / "evidence_stopwords.tsv", ("word",)))
    return ClusterSettings(families=families, undirected=frozenset(undirected),
                           stopwords=stopwords, **values)

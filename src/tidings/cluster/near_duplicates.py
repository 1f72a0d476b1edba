"""Near-duplicate articles: a syndicated copy or a re-sent wire story is a copy of the
article stored first, and counts once as an article and a source.

Each article's body is cut into shingles of `shingle_words` words; a MinHash signature
estimates the Jaccard similarity of two articles' shingles (datasketch). The signature is
cut into `minhash_bands` bands whose hashes are stored (table article_bands), so the
articles that could be copies are found in SQL by a shared band (locality-sensitive
hashing), never by comparing with every stored article.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

from .settings import ClusterSettings

WORD = re.compile(r"\w+")
SEED = 1  # fixed: stored signatures must stay comparable with new ones


def shingles(text: str, size: int) -> set[bytes]:
    """The article's word shingles (lower case); a text shorter than one shingle is one."""
    words = WORD.findall(text.lower())
    if not words:
        return set()
    return {" ".join(words[i:i + size]).encode("utf-8")
            for i in range(max(len(words) - size + 1, 1))}


def signature(text: str, settings: ClusterSettings) -> np.ndarray | None:
    """The MinHash signature of the text's shingles (uint64), or None for a text of
    no words."""
    from datasketch import MinHash  # imports scipy: only when articles are stored
    parts = shingles(text, settings.shingle_words)
    if not parts:
        return None
    minhash = MinHash(num_perm=settings.minhash_permutations, seed=SEED)
    minhash.update_batch(list(parts))
    return minhash.hashvalues.astype(np.uint64)


def band_keys(values: np.ndarray, settings: ClusterSettings) -> list[int]:
    """One signed 64-bit key per band of the signature: two articles that share a key
    agree on every value of that band."""
    rows = settings.minhash_permutations // settings.minhash_bands
    keys = []
    for band in range(settings.minhash_bands):
        part = values[band * rows:(band + 1) * rows].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + part, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def estimated_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The share of equal signature values: MinHash's estimate of the Jaccard similarity."""
    return float(np.mean(a == b))


def to_blob(values: np.ndarray) -> bytes:
    return values.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)

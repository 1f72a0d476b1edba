"""A small on-disk cache for what every process would otherwise recompute at start-up.

Files live in $TIDINGS_CACHE (default $XDG_CACHE_HOME/tidings, else ~/.cache/tidings);
TIDINGS_CACHE=off turns the cache off. A missing, stale, corrupt or unwritable
cache only costs the time to recompute: nothing here raises.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ENV = "TIDINGS_CACHE"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off (or there is no home to put it in)."""
    value = os.environ.get(ENV)
    if value == "off":
        return None
    if value:
        return Path(value)
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tidings"
    except RuntimeError:  # no home directory
        return None


def digest(parts: Iterable[str]) -> str:
    """A hash of everything the cached value is computed from, in order."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode("utf-8") + b"\0")
    return sha.hexdigest()


def cached_json(name: str, key: str, build: Callable[[], Any],
                valid: Callable[[Any], bool]) -> Any:
    """What `build()` returns, read from the cache file `name` when it was stored there
    for the same `key` (a `digest`) and `valid` accepts it; else built and stored."""
    folder = cache_dir()
    path = folder / f"{name}-{key[:32]}.json" if folder else None
    stored = read_cached(path, key, valid) if path else None
    if stored is not None:
        return stored
    value = build()
    if path is not None:
        write_atomically(path, json.dumps({"key": key, "value": value}, ensure_ascii=False))
    return value


def read_cached(path: Path, key: str, valid: Callable[[Any], bool]) -> Any:
    """The value stored in `path` for `key`, or None if it is missing, stale or damaged."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return stored["value"] if stored["key"] == key and valid(stored["value"]) else None
    except Exception:  # noqa: BLE001 - unreadable, not JSON, not our shape: rebuilt
        return None


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so that a process reading the
    cache while another writes it never sees half a file; failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)

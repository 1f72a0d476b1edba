"""Reading the package's TSV data files: header row, `#` comments, `|` alternatives."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import DictionaryError, TidingsError


def data_path(*parts: str) -> Path:
    """Path of a bundled data file, e.g. data_path("actors", "countries.tsv")."""
    return Path(__file__).resolve().parent.joinpath("data", *parts)


def read_tsv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row of a TSV file.

    Raises DictionaryError naming the file and line when the header lacks a
    required column or a row has more cells than the header.
    """
    header: list[str] | None = None
    with Path(path).open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise DictionaryError(str(path), number,
                                          f"header lacks column(s) {', '.join(missing)}")
                continue
            if len(cells) > len(header):
                raise DictionaryError(str(path), number,
                                      f"{len(cells)} cells but the header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            yield number, {k: v.strip() for k, v in zip(header, cells)}


def read_header(path: Path) -> list[str]:
    """The column names of a TSV file (its first line that is no comment); a file that
    cannot be read is a TidingsError naming it."""
    try:
        with Path(path).open(encoding="utf-8") as handle:
            for raw in handle:
                if raw.strip() and not raw.lstrip().startswith("#"):
                    return [c.strip() for c in raw.rstrip("\r\n").split("\t")]
    except (OSError, UnicodeDecodeError) as err:
        reason = "no such file" if isinstance(err, FileNotFoundError) else \
            "is a folder" if isinstance(err, IsADirectoryError) else str(err)
        raise TidingsError(f"{path}: {reason}") from err
    return []


def alternatives(cell: str) -> list[str]:
    """Split a `|`-separated cell into its non-empty alternatives."""
    return [part.strip() for part in cell.split("|") if part.strip()]

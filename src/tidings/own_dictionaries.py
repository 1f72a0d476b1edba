"""Checking a user's own dictionary files: what each adds, or its first error."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .actors.dictionary import (
    ActorDictionary,
    actor_file_kind,
    load_actor_dictionary,
    load_actor_file,
)
from .coding.codes import load_code_table
from .coding.lexicon import VerbLexicon, is_verbs_file, load_lexicon, read_verbs
from .errors import TidingsError


@dataclass
class FileReport:
    path: str
    kind: str = ""
    rows: int = 0
    overriding: int = 0  # rows that replace ours of the same name, alias or pattern
    error: str = ""

    def __str__(self) -> str:
        if self.error:
            return f"Error: {self.error}"
        return f"{self.path}: {self.kind}, {self.rows} rows ({self.overriding} override ours)"


def dictionary_files(paths: list[str]) -> list[Path]:
    """The files named, and the .tsv files inside the folders named, in name order."""
    found: list[Path] = []
    for path in map(Path, paths):
        found += sorted(path.rglob("*.tsv")) if path.is_dir() else [path]
    return found


def check_files(paths: list[str]) -> list[FileReport]:
    """One report per file: its kind and rows, or its first error (file:line: reason)."""
    bundled = load_actor_dictionary()
    codes = load_code_table()
    lexicon = load_lexicon(codes)
    ours = {e.phrase.lower() for e in bundled.entries}
    shapes = {p.shape for patterns in lexicon.by_lemma.values() for p in patterns}
    reports = []
    for path in dictionary_files(paths):
        report = FileReport(str(path))
        try:
            if actor_file_kind(path):
                own = ActorDictionary()
                report.kind = load_actor_file(path, own)
                report.rows = len(own.rows)
                report.overriding = sum(any(p.lower() in ours for p in r.phrases)
                                        for r in own.rows)
            elif is_verbs_file(path):
                report.kind = "verbs"
                patterns = read_verbs(path, codes, VerbLexicon(frames=lexicon.frames))
                report.rows = len({p.rule.split()[0] for p in patterns})
                report.overriding = len({p.rule.split()[0] for p in patterns if p.shape in shapes})
            else:
                raise TidingsError(f"{path}:1: the header is neither an actor file's nor "
                                   "verbs.tsv's (docs/data-formats.md)")
        except TidingsError as err:
            report.error = str(err)
        reports.append(report)
    return reports

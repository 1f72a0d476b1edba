"""Reading stage: files, folders, .gz and stdin in; Articles out.

    for item in read_articles(["news/", "extra.jsonl.gz", "-"], default_date=day):
        if isinstance(item, InputError):
            report(item)          # "news/a.txt: no date: ...", one line per problem
        else:
            code(item)            # an Article

Problems with one input or record are yielded as InputError, never raised,
so one bad file does not stop a run.
"""
from __future__ import annotations

from .fields import MAX_ARTICLE_BYTES, parse_date
from .readers import (
    ARTICLE_SUFFIXES,
    STDIN_NAME,
    article_files,
    count_articles,
    file_format,
    read_articles,
)

__all__ = ["ARTICLE_SUFFIXES", "MAX_ARTICLE_BYTES", "STDIN_NAME", "article_files",
           "count_articles", "file_format", "parse_date", "read_articles"]

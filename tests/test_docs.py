"""The README's Python example runs as written."""
import re

import pytest

from .conftest import ROOT


@pytest.mark.issue(12)
def test_docs_readme_python_example_runs(tmp_path, monkeypatch, engine):
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert len(blocks) == 1
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), scope)  # noqa: S102 - our own README
    assert [(e.source.code, e.target.code, e.cameo) for e in scope["events"]] == [
        ("RUSGOV", "UKRGOV", "111")]
    syria = scope["syria"]
    assert len(syria) and all("SYR" in (s, t) for s, t in zip(syria["source_country"],
                                                               syria["target_country"]))


@pytest.mark.issue(12)
def test_docs_tidings_ingest_stays_the_function_after_the_subpackage_is_imported():
    import tidings
    import tidings.ingest  # noqa: F401  (the reading stage, a subpackage of that name)
    from tidings.ingest import read_articles  # noqa: F401
    assert callable(tidings.ingest) and tidings.ingest.__module__ == "tidings.api"

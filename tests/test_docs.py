"""The docs run as written: the README's Python example and shell snippets, the recipes,
and docs/cli.md is the commands' help."""
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


def fenced_blocks(markdown: str, languages: tuple[str, ...]) -> list[str]:
    """The text of the ``` blocks whose language is one of `languages` ("" for none)."""
    blocks, current, language = [], None, ""
    for line in markdown.splitlines():
        if line.startswith("```"):
            if current is None:
                current, language = [], line[3:].strip()
            else:
                if language in languages:
                    blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def shell_commands(markdown: str) -> list[str]:
    """The shell commands of a Markdown file's ``` blocks without a language (or `sh`),
    one per command even when a quoted argument spans lines; in a block of `$ ` lines
    only those (the rest is their output)."""
    import shlex
    found = []
    for block in fenced_blocks(markdown, ("", "sh", "shell", "console")):
        lines = block.replace("\\\n", " ").splitlines()
        if any(line.startswith("$ ") for line in lines):
            lines = [line[2:] for line in lines if line.startswith("$ ")]
        pending = ""
        for line in lines:
            pending = f"{pending}\n{line}" if pending else line
            try:
                words = shlex.split(pending, comments=True)
            except ValueError:  # a quote still open: the command goes on
                continue
            if words:
                found.append(pending)
            pending = ""
    return found


# Commands that do not run in a test: they install and test the project itself.
NOT_RUN = {"make run", "make test"}


@pytest.mark.issue(12)
@pytest.mark.parametrize("page", ["README.md", "docs/recipes.md"])
def test_docs_every_shell_snippet_runs_as_written(page, tmp_path, monkeypatch, engine):
    """Each `tidings` command of the page, in order, exits 0 without an error line, from a
    folder laid out like the repository (examples/, docs/, ../shared)."""
    import shlex

    from typer.testing import CliRunner

    from tidings.cli import app

    from .conftest import SHARED
    work = tmp_path / "repo"
    (work / "docs" / "img").mkdir(parents=True)
    (work / "examples").symlink_to(ROOT / "examples")
    (work / "docs" / "data").symlink_to(ROOT / "docs" / "data")
    (work / "eval").symlink_to(ROOT / "eval")
    (tmp_path / "shared").symlink_to(SHARED)
    monkeypatch.chdir(work)
    commands = shell_commands((ROOT / page).read_text(encoding="utf-8"))
    assert sum(c.startswith("tidings ") for c in commands) >= 5
    runner = CliRunner()
    for command in commands:
        words = shlex.split(command, comments=True)
        if " ".join(words) in NOT_RUN:
            continue
        assert words[0] == "tidings", f"{page}: {command!r} is not a tidings command"
        result = runner.invoke(app, words[1:])
        assert result.exit_code == 0, f"{page}: {command}\n{result.output}"
        assert "Error:" not in result.output, f"{page}: {command}\n{result.output}"


@pytest.mark.issue(12)
def test_docs_cli_reference_is_the_commands_help():
    """docs/cli.md is what scripts/cli_reference.py makes of the commands' --help now."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("cli_reference",
                                                  ROOT / "scripts" / "cli_reference.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == reference.render(), \
        "docs/cli.md is out of date: run python scripts/cli_reference.py"
    import typer

    from tidings.cli import app
    for words in reference.commands(typer.main.get_command(app)):
        assert f"## `tidings {' '.join(words)}`" in written

"""The Dask path: a local cluster stores exactly what a single-process ingest stores."""
import os
import subprocess
import sys

import duckdb
import pytest

from .conftest import ROOT

pytest.importorskip("distributed")  # the optional extra `dask` (the test extra has it)


def table(db, name: str) -> list[tuple]:
    """Every row of a table but the time of writing, sorted."""
    con = duckdb.connect(str(db), read_only=True)
    columns = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "AND column_name NOT IN ('ingested_at', 'added_at') ORDER BY ordinal_position",
        [name]).fetchall()]
    rows = con.execute(f"SELECT {', '.join(map(repr, columns))} FROM {name}".replace("'", '"')
                       ).fetchall()
    con.close()
    return sorted(rows, key=repr)


@pytest.mark.slow
@pytest.mark.issue(11)
def test_cluster_local_cluster_stores_exactly_the_single_process_events(tmp_path, engine):
    from tidings.api import ingest
    single = tmp_path / "single.duckdb"
    ingest([ROOT / "examples"], db=single)
    clustered = tmp_path / "cluster.duckdb"
    parts = tmp_path / "parts"
    done = subprocess.run(
        [sys.executable, "-c", "from tidings.cli import main; main()", "ingest",
         str(ROOT / "examples"), "--db", str(clustered), "--cluster", "local:2",
         "--batch-size", "4", "--parts", str(parts)],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    n = len(list((ROOT / "examples").glob("*.txt")))
    assert f"{n} articles read, {n} stored" in done.stderr
    for name in ("articles", "mentions", "events", "actors"):
        assert table(clustered, name) == table(single, name), name
    assert len(table(single, "mentions")) > 50
    # one Parquet part per partition of 4 articles, kept with --parts
    assert sorted(p.name for p in (parts / "mentions").iterdir()) == [
        f"part-{i:06d}.parquet" for i in range(-(-n // 4))]
    again = subprocess.run(
        [sys.executable, "-c", "from tidings.cli import main; main()", "ingest",
         str(ROOT / "examples"), "--db", str(clustered), "--cluster", "local:1"],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert again.returncode == 0 and f"{n} already stored" in again.stderr


@pytest.mark.parametrize("address, reason", [
    ("local:0", "give at least one worker"), ("scheduler:8786", "give a scheduler address")])
def test_cluster_bad_address_is_one_line(tmp_path, address, reason):
    from typer.testing import CliRunner

    from tidings.cli import app
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "examples"), "--db",
                                      str(tmp_path / "t.duckdb"), "--cluster", address])
    assert result.exit_code == 2 and reason in result.output
    assert not (tmp_path / "t.duckdb").exists()

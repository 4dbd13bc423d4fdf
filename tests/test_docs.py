"""The docs run as written: the analyses page's code, the example notebook, and the site
build (``mkdocs build --strict``). The notebook and site tests need the ``docs`` extra
(``pip install '.[docs]'``) and are skipped without it."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _python_blocks(page: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), flags=re.S | re.M)


def test_the_analyses_page_runs_on_the_examples(monkeypatch):
    pytest.importorskip("pandas")
    blocks = _python_blocks(ROOT / "docs" / "analyses.md")
    assert len(blocks) == 4
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        for block in blocks:
            exec(compile(block, "docs/analyses.md", "exec"), namespace)  # the page's own code
    assert "ministry_of_defense" in out.getvalue()
    frame, per_day, totals, downed = (namespace[k] for k in ("frame", "per_day", "totals", "downed"))
    assert per_day.to_numpy().sum() == len(frame)  # every claim counted once
    assert set(totals.columns) == {"Russia", "Ukraine"}
    # per-region rows: the even split adds up to the claims' own totals, the plain sum does not
    claims = downed.drop_duplicates(["record_id", "start", "end", "event", "value"])
    assert (downed["value"] * downed["share"]).sum() == pytest.approx(
        (claims["value"] * claims["share"] * claims["regions"]).sum()
    )
    assert downed["value"].sum() > claims["value"].sum()
    assert namespace["table"]["in_joint_totals"].sum() >= 1


def test_the_example_notebook_executes():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(ROOT / "examples" / "tour.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "examples")}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("claimx-render" in h for h in html)  # render displays as HTML
    assert any("claimx-table" in h for h in html)  # so do claims and the comparison
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert printed.startswith("claimx comparison of ")


def test_the_docs_site_builds_strict(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "explode_regions" in api and "resolve_time" in api

"""The wheel carries models/ and works from an install, away from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        pytest.skip("hatchling is not installed in this environment")
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("claimx-*.whl")
    return path


def test_wheel_ships_the_pipeline_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "claimx/_models/config.cfg" in names
    assert "claimx/py.typed" in names
    shipped = {n.split("/", 2)[2] for n in names if n.startswith("claimx/_models/")}
    expected = {str(p.relative_to(ROOT / "models")) for p in (ROOT / "models").rglob("*") if p.is_file()}
    assert expected <= shipped
    assert any("spacy_factories" in n or n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_extracts_offline_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
    )
    code = (
        "import claimx, pathlib;"
        "assert 'site' in claimx.__file__, claimx.__file__;"
        "from claimx.resources import models_dir; assert models_dir().name == '_models';"
        "c = claimx.extract('Air defences shot down 12 drones over the Kursk Region, the ministry said.',"
        " published='2025-11-12');"
        "print(c[0].quantity.value, [l.code for l in c[0].locations])"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "HF_HUB_OFFLINE": "1", "no_proxy": "*"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "12"

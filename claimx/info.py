"""``claimx info``: what a bug report needs, in the manner of ``spacy info``.

The versions of claimx and of the libraries that decide its output (spaCy, dateparser,
pydantic), Python and the platform, where the data folder is and what it holds, and the
size of the region gazetteer.
"""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .resources import models_dir

#: Libraries whose versions change what claimx extracts or how it runs: package -> name.
LIBRARIES = {"spacy": "spaCy", "dateparser": "dateparser", "pydantic": "pydantic", "typer": "typer"}


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def collect() -> dict[str, Any]:
    """The facts ``claimx info`` prints, as JSON-ready values."""
    from .entities.regions import load_gazetteer

    data = models_dir()
    files = sorted(p for p in data.rglob("*") if p.is_file())
    gazetteer = load_gazetteer(data)
    codes: dict[str, set[str]] = {"country": set(), "region": set()}
    for code, kind in gazetteer.names.values():
        if kind in codes:
            codes[kind].add(code)
    return {
        "claimx": __version__,
        "location": str(Path(__file__).resolve().parent),
        "python": platform.python_version(),
        "platform": platform.platform(),
        **{name: _version(name) for name in LIBRARIES},
        "data": str(data),
        "data_files": {str(p.relative_to(data)): p.stat().st_size for p in files},
        "gazetteer": {
            "countries": len(codes["country"]),
            "regions": len(codes["region"]),
            "names": len(gazetteer.names),
        },
    }


def lines(facts: dict[str, Any]) -> list[str]:
    """``facts`` as aligned ``key  value`` lines."""
    sizes = facts["data_files"]
    gaz = facts["gazetteer"]
    rows = [
        ("claimx", facts["claimx"]),
        ("Location", facts["location"]),
        ("Python", f"{facts['python']} ({sys.implementation.name})"),
        ("Platform", facts["platform"]),
        *((name, facts[package]) for package, name in LIBRARIES.items()),
        ("Data", f"{facts['data']} ({len(sizes)} files, {sum(sizes.values()) / 1e6:.1f} MB)"),
        ("Gazetteer", f"{gaz['countries']:,} countries, {gaz['regions']:,} regions, {gaz['names']:,} names"),
    ]
    width = max(len(key) for key, _ in rows)
    return [f"{key:<{width}}  {value}" for key, value in rows]

"""Locating and reading the data in ``models/`` (gazetteers, lexicons, patterns, config).

In a wheel the data lives inside the package as ``claimx/_models``; in a source
checkout (editable install, tests) it is the top-level ``models/`` folder.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .errors import Errors

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "_models", _PACKAGE_DIR.parent / "models")


def models_dir(data_dir: str | Path | None = None) -> Path:
    """The folder holding the pipeline data: ``data_dir`` if given, else the shipped one."""
    if data_dir is None:
        return _shipped_models_dir()
    return _given_models_dir(str(data_dir))


@cache
def _given_models_dir(data_dir: str) -> Path:
    path = Path(data_dir)
    if not path.is_dir():
        raise FileNotFoundError(Errors.E001.format(path=path))
    return path


@lru_cache(maxsize=1)
def _shipped_models_dir() -> Path:
    for path in _CANDIDATES:
        if (path / "config.cfg").is_file():
            return path
    raise FileNotFoundError(Errors.E002.format(paths=", ".join(str(p) for p in _CANDIDATES)))


@cache
def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            if path.suffix == ".jsonl":
                return [json.loads(line) for line in fh if line.strip()]
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise ValueError(Errors.E003.format(path=path, error=exc)) from exc


@cache
def _load(relative: str, data_dir: str | None) -> Any:
    return _read_json((models_dir(data_dir) / relative).resolve())


def load_data(relative: str, data_dir: str | Path | None = None) -> Any:
    """Parsed JSON/JSONL file ``relative`` under the models folder (cached per path)."""
    return _load(relative, str(data_dir) if data_dir is not None else None)


def load_word_sets(relative: str, data_dir: str | Path | None = None) -> dict[str, frozenset[str]]:
    """The word lists of JSON file ``relative`` as sets for membership tests, built once
    per file rather than once per document (keys whose values are not lists are left out)."""
    return _word_sets(relative, str(data_dir) if data_dir is not None else None)


@cache
def _word_sets(relative: str, data_dir: str | None) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in _load(relative, data_dir).items() if isinstance(v, list)}

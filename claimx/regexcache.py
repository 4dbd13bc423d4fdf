"""Compiled regular expressions kept across processes.

The time grammar (:mod:`claimx.timeparse`) is a few large expressions built from the
lexicons (the finder alone is about 110,000 characters). Python compiles a pattern in
pure Python, which took most of a second of every process's start-up, and neither
``re`` nor pickle keep the compiled form (a pickled Pattern is its source text). This
module stores what ``re`` compiles a pattern to (its SRE code, flags and groups) in a
small cache file, keyed by the pattern text and the Python version, and rebuilds the
Pattern from it with ``_sre.compile``, as ``re`` itself does after compiling. These are
private interfaces of CPython's ``re``: the code is validated by ``_sre`` when rebuilt,
and a missing, stale or unreadable cache, another Python implementation, or a Python
whose ``re`` internals differ (any error from them) only means ``re.compile`` as usual,
with no caching through that cache.

The cache lives in ``$CLAIMX_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimx`` (default
``~/.cache/claimx``); ``CLAIMX_CACHE_DIR=""`` turns it off.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys
import tempfile
from array import array
from pathlib import Path

try:  # the compiler's two stages, as re.compile runs them (names moved in Python 3.11)
    import _sre

    if sys.version_info >= (3, 11):
        from re._compiler import _code
        from re._parser import parse
    else:  # pragma: no cover
        from sre_compile import _code
        from sre_parse import parse
except ImportError:  # pragma: no cover (another Python implementation)
    _sre = None

if _sre is not None and array("I").itemsize != _sre.CODESIZE:  # pragma: no cover
    _sre = None  # SRE code words of another size than array("I") holds: do not cache
_VERSION = f"{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}-1"

#: Most patterns one cache file keeps.
MAX_ENTRIES = 256


def _compile_fresh(pattern: str) -> tuple[re.Pattern[str], list]:
    """``pattern`` compiled by re's own two stages, and the cache entry that rebuilds it."""
    parsed = parse(pattern, 0)
    code = _code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    flags, groups = parsed.state.flags, parsed.state.groups - 1
    compiled = _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    if compiled.groups != groups or compiled.groupindex != groupindex:
        raise ValueError("re's internals differ from what this cache stores")
    encoded = base64.b64encode(array("I", code).tobytes()).decode("ascii")
    return compiled, [flags, groups, groupindex, indexgroup, encoded]


def cache_dir() -> Path | None:
    """Where compiled patterns are kept, or None when caching is off."""
    env = os.environ.get("CLAIMX_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimx"


class RegexCache:
    """Compiles patterns through one cache file named ``name``; call :meth:`save` once
    every pattern is compiled (it writes only when something was compiled afresh)."""

    def __init__(self, name: str) -> None:
        folder = cache_dir() if _sre is not None else None
        self.path = folder / f"{name}-{_VERSION}.json" if folder is not None else None
        self.entries: dict[str, list] = {}
        self.used: dict[str, list] = {}
        self.fresh = False
        if self.path is not None:
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.entries = {}

    def compile(self, pattern: str) -> re.Pattern[str]:
        """``re.compile(pattern)``, from the cache when it holds the pattern."""
        if self.path is None:
            return re.compile(pattern)
        key = hashlib.sha1(pattern.encode("utf-8", "surrogatepass")).hexdigest()
        entry = self.entries.get(key)
        if entry is not None:
            try:
                flags, groups, groupindex, indexgroup, code = entry
                words = array("I", base64.b64decode(code)).tolist()
                compiled = _sre.compile(pattern, flags, words, groups, groupindex, tuple(indexgroup))
                self.used[key] = entry
                return compiled
            except Exception:  # noqa: BLE001  (stale or damaged: compile afresh)
                pass
        try:
            compiled, self.used[key] = _compile_fresh(pattern)
        except re.error:
            raise  # an invalid pattern: re.compile would say the same
        except Exception:  # noqa: BLE001  (re's private internals changed: compile as re does)
            self.path = None  # and keep no cache through this instance
            return re.compile(pattern)
        self.fresh = True
        return compiled

    def save(self) -> None:
        """Write the patterns compiled through this cache, if any was new (best effort:
        a read-only or full disk leaves the cache as it was)."""
        if self.path is None or not self.fresh:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            # keep what other grammars (other data folders, versions) stored, up to a bound
            kept = {**self.entries, **self.used} if len(self.entries) < MAX_ENTRIES else self.used
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(kept, fh)
            os.replace(tmp, self.path)  # atomic: a concurrent reader sees the old or the new file
        except OSError:
            pass
        self.fresh = False

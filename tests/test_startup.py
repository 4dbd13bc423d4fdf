"""Start-up: what ``import claimx`` loads, the collector pause, and the compiled-regex cache
(including its fall-back when CPython's private ``re`` internals are not as expected)."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimx import regexcache
from claimx.gcpause import paused
from claimx.regexcache import RegexCache

# a pattern with named and unnamed groups, a look-behind and alternation, as the grammars use
PATTERN = r"(?<![\w])(?P<num>\d+)\s+(drones?|missiles?)(?:\s+(?P<verb>fell|were downed))?"
TEXTS = ["Air defences downed 12 drones", "3 missiles were downed", "x9 drones", "40 drone fell"]


def _same(compiled: re.Pattern[str]) -> None:
    reference = re.compile(PATTERN)
    assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == (
        reference.pattern,
        reference.flags,
        reference.groups,
        reference.groupindex,
    )
    for text in TEXTS:
        assert [m.groupdict() for m in compiled.finditer(text)] == [m.groupdict() for m in reference.finditer(text)]
        assert [m.span(2) for m in compiled.finditer(text)] == [m.span(2) for m in reference.finditer(text)]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAIMX_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_import_claimx_leaves_batch_and_table_helpers_until_used() -> None:
    code = (
        "import sys, claimx; print(sorted(m for m in ('claimx.batch', 'claimx.pool', 'claimx.records', "
        "'claimx.io', 'claimx.cli', 'pandas', 'dateparser') if m in sys.modules)); "
        "from claimx import extract_many, to_records; print(extract_many.__module__, to_records.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    assert out.stdout.split("\n")[:2] == ["[]", "claimx.batch claimx.records"]


def test_lazy_names_are_listed_and_unknown_names_still_fail() -> None:
    import claimx

    assert {"extract_many", "to_dataframe", "compare"} <= set(dir(claimx)) and set(claimx.__all__) <= set(dir(claimx))
    assert callable(claimx.compare) and callable(claimx.render)  # the functions, not their modules
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        claimx.nonsense  # noqa: B018


def test_paused_restores_the_collector_state() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
    with pytest.raises(KeyError), paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_regex_cache_round_trip(cache_dir: Path) -> None:
    first = RegexCache("test")
    _same(first.compile(PATTERN))
    first.save()
    (stored,) = cache_dir.iterdir()
    second = RegexCache("test")
    assert len(second.entries) == 1
    _same(second.compile(PATTERN))
    assert not second.fresh  # rebuilt from the file, not compiled again


def test_regex_cache_survives_a_damaged_file_and_entry(cache_dir: Path) -> None:
    cache = RegexCache("test")
    cache.compile(PATTERN)
    cache.save()
    (path,) = cache_dir.iterdir()
    path.write_text("{not json", encoding="utf-8")
    _same(RegexCache("test").compile(PATTERN))
    key = next(iter(cache.used))
    for entry in ([0, 0, {}, [], "AAAA"], "garbage", [1, 2]):
        path.write_text(json.dumps({key: entry}), encoding="utf-8")
        damaged = RegexCache("test")
        _same(damaged.compile(PATTERN))
        assert damaged.fresh  # compiled afresh, and the next save repairs the file


def test_regex_cache_falls_back_when_the_private_compiler_fails(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise TypeError("_code() takes 3 positional arguments")  # as a changed signature would

    monkeypatch.setattr(regexcache, "_code", broken)
    cache = RegexCache("test")
    _same(cache.compile(PATTERN))
    assert cache.path is None  # no caching through this instance
    cache.save()
    assert list(cache_dir.iterdir()) == []
    with pytest.raises(re.error):  # an invalid pattern still says so
        RegexCache("test").compile("(unclosed")


def test_regex_cache_falls_back_when_rebuilding_fails(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = RegexCache("test")
    cache.compile(PATTERN)
    cache.save()

    class NoCompile:
        CODESIZE = regexcache._sre.CODESIZE

        @staticmethod
        def compile(*args):
            raise RuntimeError("invalid SRE code")

    monkeypatch.setattr(regexcache, "_sre", NoCompile)
    again = RegexCache("test")
    assert again.entries
    _same(again.compile(PATTERN))


def test_regex_cache_without_sre(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexcache, "_sre", None)  # another Python implementation
    cache = RegexCache("test")
    assert cache.path is None
    _same(cache.compile(PATTERN))
    cache.save()
    assert list(cache_dir.iterdir()) == []


def test_tokenizer_affix_expressions_are_spacys() -> None:
    import spacy
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    from claimx.tokenizer import affix_expressions

    nlp = spacy.blank("en")
    defaults = nlp.Defaults
    assert affix_expressions(nlp) == (
        compile_prefix_regex(defaults.prefixes).pattern,
        compile_suffix_regex(defaults.suffixes).pattern,
        compile_infix_regex(defaults.infixes).pattern,
    )

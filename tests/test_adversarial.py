"""Adversarial inputs: no text may make claimx's work grow faster than its length.

The tests count work, not time, so they hold on a loaded CI machine: the lines of
claimx's own code executed and the function calls made (spaCy's compiled ones included)
on a text and on one four times as long (a loop over every quotation or draft per item
shows as a ratio near 16, a linear pass near 4), the pieces
the tokenizer guard hands spaCy, and the quotations a run of marks yields. Timings are
for ``claimx bench --adversarial``.
"""

from __future__ import annotations

import cProfile
import pstats
import re
import sys
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokenizer import Tokenizer

import claimx
from claimx.adversarial import SHAPES, growth_per_doubling, shape_text
from claimx.claims.attribution import Attribution, _innermost_scopes
from claimx.claims.context import DocContext, find_quotations
from claimx.schema import Source
from claimx.tokenizer import MAX_PUNCT_RUN, MAX_RUN, create_tokenizer, cut_points

CLAIMX_DIR = str(Path(claimx.__file__).parent)

#: Most growth of the work when the text grows four times (linear: 4; the per-document
#: fixed cost makes it a little less).
MAX_GROWTH_4X = 4.6


def work(text: str) -> tuple[int, int]:
    """Work ``claimx.extract(text)`` does: the lines of claimx's own code executed (its
    passes' loops), and the function calls made, spaCy's compiled ones included (a
    ``Token`` built per token visited, ``doc.text`` joined again). C loops are not counted."""
    lines = 0

    def local(frame, event, arg):
        nonlocal lines
        if event == "line":
            lines += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(CLAIMX_DIR) else None

    profile = cProfile.Profile()
    sys.settrace(calls)
    profile.enable()
    try:
        claimx.extract(text)
    finally:
        profile.disable()
        sys.settrace(None)
    return lines, pstats.Stats(profile).total_calls


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    # everything built on first use (the date parser, caches) is built before counting
    claimx.extract(
        "Drones hit Kursk\nMOSCOW, Nov 12 (Reuters) - Russian air defences shot down 12 drones over"
        ' the Kursk region on November 12 between 06:00 and 07:30 MSK, the ministry said. "We saw'
        ' it," said Ivan Petrov, 54.'
    )


# Own shapes beyond the bench's: a report repeated with its count, nested brackets,
# an attribution after every quotation, anonymous sources, tables of times, wire
# stories glued together (a headline and a dateline each).
EXTRA = {
    "attributed counts": "The ministry said 5 drones were shot down over the Kursk region, ",
    "nested brackets": "((([[{the governor said",
    "quotation then speaker": '"We shot down 3 drones," the governor said. ',
    "anonymous sources": "a source who spoke on condition of anonymity said that ",
    "times table": "12:00 - 13:30 MSK; ",
    "open time ranges": "between 11 and the 12th the November 1-",
    "datelines": "Drones hit a depot\nKYIV, Nov 12 (Reuters) - Two drones struck a fuel depot, officials said.\n",
}


def _text(shape: str, kb: float) -> str:
    if shape in SHAPES:
        return shape_text(shape, kb)
    unit = EXTRA[shape]
    return (unit * (int(kb * 1000) // len(unit) + 1))[: int(kb * 1000)]


@pytest.mark.parametrize("shape", [*SHAPES, *EXTRA])
def test_work_grows_linearly(shape: str) -> None:
    (lines, calls), (lines4, calls4) = work(_text(shape, 4)), work(_text(shape, 16))
    assert lines4 <= MAX_GROWTH_4X * lines, f"{shape}: {lines} -> {lines4} lines for 4x the text"
    assert calls4 <= MAX_GROWTH_4X * calls, f"{shape}: {calls} -> {calls4} calls for 4x the text"


def test_tokenizer_guard_bounds_the_pieces_spacy_sees() -> None:
    text = '"' * 20000 + " said " + "1:" * 5000 + " " + "%" * 3000
    cuts = cut_points(text)
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    assert max(len(run) for p in pieces for run in re.findall(r"\S+", p)) <= MAX_RUN
    assert max(len(run) for p in pieces for run in re.findall(r"[^\w\s]+", p)) <= MAX_PUNCT_RUN
    doc = claimx.load().tokenizer(text)
    assert doc.text == text and len(doc) >= 23000


def test_tokenizer_guard_leaves_ordinary_text_to_spacy() -> None:
    nlp = claimx.load()
    g = nlp.tokenizer
    plain = Tokenizer(
        nlp.vocab,
        rules=g.rules,
        prefix_search=g.prefix_search,
        suffix_search=g.suffix_search,
        infix_finditer=g.infix_finditer,
        token_match=g.token_match,
        url_match=g.url_match,
    )
    text = (
        "Lt. Col. Oleh Mazur didn't say (at 06:00-13:00 MSK) whether the "
        "https://example.org/news/2025/11/12/drones-downed-over-kursk-region page was right... "
        "“We’re fine,” he said -- 3,500 people!!!"
    )
    assert cut_points(text) == []
    ours, spacys = g(text), plain(text)
    assert [(t.text, t.norm_, t.whitespace_) for t in ours] == [
        (t.text, t.norm_, t.whitespace_) for t in spacys
    ]


def test_guarded_tokenizer_is_built_as_spacy_builds_its_own() -> None:
    blank = spacy.blank("en")
    ours, spacys = create_tokenizer()(blank), blank.tokenizer
    assert ours.rules == spacys.rules
    for attr in ("prefix_search", "suffix_search", "infix_finditer"):
        assert getattr(ours, attr).__self__.pattern == getattr(spacys, attr).__self__.pattern
    assert (ours.token_match, ours.url_match) == (spacys.token_match, spacys.url_match)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(['"', "“", "”", "«", "»", "(", "!", "a", "1", ":", " ", "\n", "'"]),
        max_size=400,
    )
)
def test_guarded_tokens_keep_every_offset(text: str) -> None:
    doc = claimx.load().tokenizer(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(['"', "“", "”", "„", "«", "»", "a", " ", "\n"]), max_size=200))
def test_quotations_never_overlap(text: str) -> None:
    quotes = find_quotations(text)
    assert all(a.end <= b.open for a, b in zip(quotes, quotes[1:], strict=False))
    assert sum(q.end - q.start for q in quotes) <= len(text)


def test_a_run_of_quote_marks_is_not_n_squared_quotations() -> None:
    for mark in ('"', "“", "«"):
        quotes = find_quotations(mark * 20000)
        assert sum(q.end - q.start for q in quotes) <= 20000


def test_quotation_at_agrees_with_a_scan() -> None:
    text = '“Unclosed. “Closed one,” he said. "Straight" and «guillemets» then “runs on\nnext line'
    doc = claimx.load().make_doc(text)
    ctx = DocContext.build(doc, [])
    for char in range(len(text)):
        scan = next((q for q in ctx.quotations if q.start <= char < q.end), None)
        assert ctx.quotation_at(char) == scan


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), min_size=1, max_size=20), st.integers(0, 45)
)
def test_innermost_scope_index_agrees_with_a_scan(scopes: list[tuple[int, int]], token: int) -> None:
    atts = [Attribution(source=Source(), rule="subject_cue", scope=(lo, lo + n)) for lo, n in scopes]
    scan = None
    for att in atts:
        lo, hi = att.scope
        if lo <= token < hi and (scan is None or hi - lo < scan.scope[1] - scan.scope[0]):
            scan = att
    first, innermost = _innermost_scopes(atts)
    k = innermost[token - first] if 0 <= token - first < len(innermost) else None
    assert (atts[k] if k is not None else None) is scan


def test_growth_per_doubling() -> None:
    assert growth_per_doubling((10, 20, 50, 100), [1.0, 2.0, 5.0, 10.0]) == pytest.approx(2.0)
    assert growth_per_doubling((10, 100), [1.0, 100.0]) == pytest.approx(4.0)


def test_shape_texts_have_their_size() -> None:
    for shape in SHAPES:
        assert len(shape_text(shape, 3)) == 3000

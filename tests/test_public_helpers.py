"""Public helpers take what extract takes, and the factories describe themselves to spaCy."""

from __future__ import annotations

from datetime import date, datetime

import spacy

import claimx
from claimx.timeparse import resolve_time


def test_factories_declare_what_they_assign_and_require():
    analysis = claimx.load().analyze_pipes()
    summary = analysis["summary"]
    assert summary["claimx_entities"]["assigns"] == ["doc.spans"]
    assert set(summary["claimx_claims"]["requires"]) == {"doc.spans", "token.is_sent_start"}
    assert "doc._.claims" in summary["claimx_claims"]["assigns"]
    assert not any(analysis["problems"].values())
    bare = spacy.blank("en")
    bare.add_pipe("claimx_claims")  # nothing before it sets spans or sentences
    assert set(bare.analyze_pipes()["problems"]["claimx_claims"]) == {"doc.spans", "token.is_sent_start"}


def test_resolve_time_takes_a_string_date_like_extract():
    by_string = resolve_time("14:00 Kyiv time", "2024-01-15")
    assert by_string is not None and by_string.start.isoformat() == "2024-01-15T14:00:00+02:00"
    assert resolve_time("14:00 Kyiv time", date(2024, 1, 15)) == by_string
    assert resolve_time("14:00 Kyiv time", datetime(2024, 1, 15, 9, 30)) == by_string
    before = resolve_time("on Tuesday", "2024-01-17T08:00:00Z")
    assert before is not None and before.start == date(2024, 1, 16)
    with_day = resolve_time("between 12:00 and 16:00 MSK", None, day="2024-03-02")
    assert with_day is not None and with_day.start.isoformat() == "2024-03-02T12:00:00+03:00"

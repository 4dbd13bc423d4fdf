"""The public data model: names, immutability, and the committed JSON Schema."""

from __future__ import annotations

import importlib.util
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from claimx.schema import Claim, Quantity, Source, TimeSpan

ROOT = Path(__file__).resolve().parent.parent


def _export_module():
    spec = importlib.util.spec_from_file_location("export_schema", ROOT / "scripts" / "export_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_json_schema_is_current():
    committed = (ROOT / "docs" / "claim.schema.json").read_text(encoding="utf-8")
    assert committed == _export_module().render(), "run: python scripts/export_schema.py"


def test_claim_is_frozen_and_json_dump_has_documented_names():
    msk = timezone(timedelta(hours=3))
    claim = Claim(
        text="Four drones were destroyed in the Stavropol Region",
        start=10,
        end=60,
        event="interception",
        quantity=Quantity(value=4, text="Four", start=10, end=14),
        item="drone",
        time=TimeSpan(
            start=datetime(2025, 11, 11, 23, tzinfo=msk),
            end=datetime(2025, 11, 12, 7, tzinfo=msk),
            granularity="minute",
            text="between 23:00 and 7:00 MSK",
            char_start=0,
            char_end=9,
        ),
        source=Source(
            kind="ministry_of_defense", name="Russian Ministry of Defense", text="the MoD", start=0, end=7
        ),
    )
    with pytest.raises(ValidationError):
        claim.event = "attack"
    data = claim.model_dump(mode="json")
    assert set(data) == {
        "text",
        "start",
        "end",
        "event",
        "harm",
        "quantity",
        "item",
        "locations",
        "time",
        "source",
        "cue",
        "quote",
        "hedged",
        "evidence",
    }
    assert data["quantity"]["qualifier"] == "exact"
    assert data["time"]["start"] == "2025-11-11T23:00:00+03:00"
    assert Claim.model_validate(data) == claim


def test_day_level_times_round_trip_as_dates():
    span = TimeSpan(
        start=date(2024, 8, 21),
        end=date(2024, 8, 22),
        granularity="day",
        text="overnight",
        char_start=0,
        char_end=9,
    )
    data = span.model_dump(mode="json")
    assert data["start"] == "2024-08-21"
    assert TimeSpan.model_validate(data).start == date(2024, 8, 21)
    assert TimeSpan.model_validate_json(span.model_dump_json()).start == date(2024, 8, 21)


def test_unknown_source_kind_is_rejected():
    with pytest.raises(ValidationError):
        Source(kind="blogger")

"""Claims as typed tables: pandas dtypes, Parquet types, CSV, and per-region rows.

The claims are built by hand (as the pipeline would build them) so these tests check
the table layer, not extraction.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest

from claimx.batch import ExtractionResult
from claimx.io import ClaimWriter
from claimx.records import COLUMNS, REGION_COLUMNS, explode_regions, to_dataframe, to_records
from claimx.schema import Claim, Location, Quantity, Source, TimeSpan

pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")

MSK = timezone(timedelta(hours=3))
OBLASTS = [
    ("Sumy", "UA-59"),
    ("Kharkiv", "UA-63"),
    ("Poltava", "UA-53"),
    ("Chernihiv", "UA-74"),
    ("Kyiv", "UA-32"),
]
SENTENCE = "Air defences downed 62 drones over the Sumy, Kharkiv, Poltava, Chernihiv and Kyiv regions."


def _claim(
    value: float | int | None = 62,
    *,
    places: list[tuple[str, str]] = OBLASTS,
    start: date | datetime | None = datetime(2024, 9, 1, 1, 0, tzinfo=MSK),
    end: date | datetime | None = datetime(2024, 9, 1, 6, 0, tzinfo=MSK),
    granularity: str = "minute",
    event: str = "interception",
    harm: str | None = None,
) -> Claim:
    locations = [
        Location(code=code, name=name, country=code[:2], text=name, start=39, end=39 + len(name))
        for name, code in places
    ]
    return Claim(
        text=SENTENCE,
        start=0,
        end=len(SENTENCE),
        event=event,
        harm=harm,
        quantity=None
        if value is None
        else Quantity(value=value, low=value, high=value, text="62", start=20, end=22),
        item="drone",
        locations=locations,
        time=TimeSpan(
            start=start, end=end, granularity=granularity, text="overnight", char_start=0, char_end=9
        ),
        source=Source(kind="military", name="Air Force", text="Air defences", start=0, end=12),
    )


def test_dataframe_columns_have_types():
    frame = to_dataframe([ExtractionResult(id=3, index=0, claims=[_claim(), _claim(None)])])
    assert list(frame.columns) == list(COLUMNS)
    assert str(frame["value"].dtype) == "Int64" and str(frame["low"].dtype) == "Int64"
    assert frame["value"].tolist()[0] == 62 and frame["value"].isna().tolist() == [False, True]
    assert (
        isinstance(frame["time_start"].dtype, pd.DatetimeTZDtype) and str(frame["time_start"].dt.tz) == "UTC"
    )
    assert pd.api.types.is_datetime64_dtype(frame["time_start_local"])
    assert pd.api.types.is_datetime64_dtype(frame["date"])
    assert str(frame["time_resolved"].dtype) == "boolean" and frame["quote"].dtype == bool
    assert pd.api.types.is_string_dtype(frame["record_id"]) and frame.loc[0, "record_id"] == "3"
    assert to_dataframe([]).dtypes.to_dict() == frame.dtypes.to_dict()


def test_a_claim_after_midnight_keeps_its_own_day():
    """01:00 Moscow time is 22:00 UTC the day before; ``date`` is the claim's day."""
    row = to_dataframe([_claim()]).iloc[0]
    assert row["time_start"] == pd.Timestamp("2024-08-31 22:00", tz="UTC")
    assert row["time_start_local"] == pd.Timestamp("2024-09-01 01:00")
    assert row["time_offset"] == "+03:00"
    assert row["date"] == pd.Timestamp("2024-09-01") and row["granularity"] == "minute"


def test_days_and_clock_times_without_a_zone_name_no_instant():
    day = to_dataframe([_claim(start=date(2024, 8, 5), end=date(2024, 8, 5), granularity="day")]).iloc[0]
    assert pd.isna(day["time_start"]) and pd.isna(day["time_offset"])
    assert day["date"] == pd.Timestamp("2024-08-05") and day["time_start_local"] == pd.Timestamp("2024-08-05")
    naive = to_dataframe([_claim(start=datetime(2024, 8, 5, 14, 30), end=None)]).iloc[0]
    assert pd.isna(naive["time_start"]) and naive["time_start_local"] == pd.Timestamp("2024-08-05 14:30")
    assert pd.isna(naive["time_end_local"])


def test_location_columns_country_and_harm():
    claim = _claim(
        2,
        places=[("Bucha", "UA-32"), ("Kyiv region", "UA-32"), ("Belgorod", "RU-BEL")],
        event="casualty",
        harm="injured",
    )
    row = to_records([claim])[0]
    assert row["location_codes"] == "UA-32;RU-BEL"  # each region once
    assert row["country"] == "UA;RU" and row["harm"] == "injured"
    assert row["location_texts"] == "Bucha; Kyiv region; Belgorod"
    assert "location_code_list" not in row


def test_a_fractional_count_keeps_its_value():
    frame = to_dataframe([_claim(2.5), _claim(3)])
    assert str(frame["value"].dtype) == "Float64" and frame["value"].tolist() == [2.5, 3.0]


def test_per_region_rows_do_not_double_count():
    single = _claim(9, places=[("Sumy", "UA-59")])
    frame = to_dataframe([_claim(), single, _claim(4, places=[])])
    regions = explode_regions(frame)
    assert len(regions) == 5 + 1 + 1
    assert regions.dtypes["share"] == "float64" and pd.api.types.is_bool_dtype(regions["per_region"])
    assert set(REGION_COLUMNS) <= set(regions.columns)
    assert regions["value"].sum() != frame["value"].sum()  # the naive sum counts 62 five times
    assert (regions["value"] * regions["share"]).sum() == frame["value"].sum() == 75
    by_region = regions[regions["per_region"]].groupby("location_code")["value"].sum()
    assert by_region.to_dict() == {"UA-59": 9}  # 62 is no oblast's own figure
    assert regions.loc[regions["location_code"] == "UA-63", "country"].tolist() == ["UA"]
    assert to_dataframe([_claim()], per_region=True).equals(explode_regions(to_dataframe([_claim()])))


def test_parquet_keeps_the_types(tmp_path):
    path = str(tmp_path / "claims.parquet")
    writer = ClaimWriter(path, "parquet")
    writer.write(ExtractionResult(id=1, index=0, claims=[_claim(), _claim(start=date(2024, 8, 5), end=None)]))
    writer.close()
    table = pq.read_table(path)
    assert table.schema.field("time_start").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("time_start_local").type == pa.timestamp("us")
    assert table.schema.field("date").type == pa.date32()
    assert (
        table.schema.field("value").type == pa.int64() and table.schema.field("record_id").type == pa.string()
    )
    rows = table.to_pylist()
    assert rows[0]["time_start"] == datetime(2024, 8, 31, 22, 0, tzinfo=timezone.utc)
    assert rows[0]["date"] == date(2024, 9, 1) and rows[1]["date"] == date(2024, 8, 5)
    assert rows[1]["time_start"] is None and rows[0]["value"] == 62
    frame = pd.read_parquet(path, dtype_backend="numpy_nullable")
    assert str(frame["value"].dtype) == "Int64" and frame["time_start"].dt.tz is not None


def test_parquet_with_a_fractional_count(tmp_path):
    path = str(tmp_path / "claims.parquet")
    writer = ClaimWriter(path, "parquet")
    writer.write(ExtractionResult(id="a", index=0, claims=[_claim(3), _claim(1.5)]))
    writer.close()
    table = pq.read_table(path)
    assert table.schema.field("value").type == pa.float64() and table.column("value").to_pylist() == [3, 1.5]


def test_csv_times_read_back_typed(tmp_path):
    path = str(tmp_path / "claims.csv")
    writer = ClaimWriter(path, "csv")
    writer.write(ExtractionResult(id="a", index=0, claims=[_claim()]))
    writer.close()
    with open(path, encoding="utf-8") as fh:
        header, first = list(csv.reader(fh))
    assert header == list(COLUMNS)
    row = dict(zip(header, first, strict=True))
    assert row["time_start"] == "2024-08-31T22:00:00+00:00" and row["date"] == "2024-09-01"
    frame = pd.read_csv(path, parse_dates=["time_start", "date"])
    assert str(frame["time_start"].dt.tz) == "UTC"

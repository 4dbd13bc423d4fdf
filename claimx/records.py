"""Claims as flat rows: one row per claim, for tables (CSV, Parquet, pandas).

Nested claims are right for JSON; analysts comparing what each side claims want a table
they can filter and group: which source claimed how many of what, where and when.

A row keeps to JSON-safe values (times as ISO strings), so the same row goes to CSV, to
the row log of a Parquet job and to :func:`to_records`. :func:`to_dataframe` and the
Parquet writer give the columns their types (:data:`COLUMNS`): timestamps, nullable
integers, booleans and dates, so a table read back needs no parsing.

A claim over several regions is one row: its figure is the claim's total for all of
them. :func:`explode_regions` gives one row per region with a ``per_region`` flag and a
``share`` so group-by sums neither double count nor invent per-region figures.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from .schema import Claim, TimeSpan

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

    from .batch import ExtractionResult

#: Separator of ``location_codes`` and ``country`` (ISO 3166 codes never contain it).
CODE_SEPARATOR = ";"

#: The columns of a row and their types, in order; writers build table schemas from it.
#: ``record_id`` is the input record's id (str or int; tables store it as a string).
#: Types: ``string``; ``int64`` (never null); ``Int64`` (nullable integer; a column with
#: a fractional value, which counts of things seldom have, becomes a float column);
#: ``bool`` (never null); ``boolean`` (nullable); ``timestamp[UTC]`` (an instant);
#: ``timestamp`` (a wall-clock time without zone); ``date`` (a calendar day).
COLUMNS: dict[str, str] = {
    "record_id": "string",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "event": "string",
    "harm": "string",
    "value": "Int64",
    "low": "Int64",
    "high": "Int64",
    "qualifier": "string",
    "quantity_text": "string",
    "item": "string",
    "location_codes": "string",
    "location_texts": "string",
    "country": "string",
    "time_start": "timestamp[UTC]",
    "time_end": "timestamp[UTC]",
    "time_start_local": "timestamp",
    "time_end_local": "timestamp",
    "time_offset": "string",
    "date": "date",
    "granularity": "string",
    "time_resolved": "boolean",
    "time_text": "string",
    "source_kind": "string",
    "source_name": "string",
    "source_role": "string",
    "source_anonymous": "bool",
    "source_text": "string",
    "cue": "string",
    "quote": "bool",
    "hedged": "bool",
}

#: The columns :func:`explode_regions` adds (``country`` then holds the region's country).
REGION_COLUMNS: dict[str, str] = {
    "location_code": "string",
    "regions": "int64",
    "per_region": "bool",
    "share": "float64",
}

#: The integer columns whose values come from counts as written.
NUMBER_COLUMNS = tuple(name for name, kind in COLUMNS.items() if kind == "Int64")


def _offset(value: datetime) -> str | None:
    """A datetime's UTC offset as ``+03:00`` (None for a naive one)."""
    delta = value.utcoffset()
    if delta is None:
        return None
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _point(value: date | datetime | None) -> tuple[str | None, str | None]:
    """(the UTC instant, the wall-clock time as written) of a window end, ISO strings.

    A naive datetime (a clock time whose zone the text does not give) and a date (a day,
    in whatever zone the claim's place keeps) name no instant: only the local time."""
    if value is None:
        return None, None
    if not isinstance(value, datetime):
        return None, datetime(value.year, value.month, value.day).isoformat()
    local = value.replace(tzinfo=None).isoformat()
    if value.tzinfo is None:
        return None, local
    return value.astimezone(timezone.utc).isoformat(), local


def _time_columns(t: TimeSpan | None) -> dict[str, Any]:
    start_utc, start_local = _point(t.start) if t else (None, None)
    end_utc, end_local = _point(t.end) if t else (None, None)
    start = t.start if t else None
    return {
        "time_start": start_utc,
        "time_end": end_utc,
        "time_start_local": start_local,
        "time_end_local": end_local,
        "time_offset": _offset(start) if isinstance(start, datetime) else None,
        # the calendar day where the claim is, not in UTC: 01:00+03:00 stays on its day
        "date": (start.date() if isinstance(start, datetime) else start).isoformat() if start else None,
        "granularity": t.granularity if t else None,
        "time_resolved": t.resolved if t else None,
        "time_text": t.text if t else None,
    }


def country_of(code: str) -> str:
    """The ISO 3166-1 alpha-2 country of an ISO 3166-2 (or alpha-2) code."""
    return code.split("-", 1)[0]


def claim_row(claim: Claim, record_id: str | int | None = None) -> dict[str, Any]:
    """One flat row for ``claim`` (keys as in :data:`COLUMNS`; times as ISO strings).

    ``location_codes`` lists each region once, in text order; ``country`` each country.
    """
    q, s = claim.quantity, claim.source
    codes = list(dict.fromkeys(loc.code for loc in claim.locations if loc.code))
    countries = dict.fromkeys(loc.country or country_of(loc.code) for loc in claim.locations if loc.code)
    return {
        "record_id": record_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "event": claim.event,
        "harm": claim.harm,
        "value": q.value if q else None,
        "low": q.low if q else None,
        "high": q.high if q else None,
        "qualifier": q.qualifier if q else None,
        "quantity_text": q.text if q else None,
        "item": claim.item,
        "location_codes": CODE_SEPARATOR.join(codes),
        "location_texts": "; ".join(loc.text for loc in claim.locations),
        "country": CODE_SEPARATOR.join(countries),
        **_time_columns(claim.time),
        "source_kind": s.kind,
        "source_name": s.name,
        "source_role": s.role,
        "source_anonymous": s.anonymous,
        "source_text": s.text,
        "cue": claim.cue.text if claim.cue else None,
        "quote": claim.quote,
        "hedged": claim.hedged,
    }


def iter_records(claims_or_results: Iterable[Claim | ExtractionResult]) -> Iterator[dict[str, Any]]:
    """Lazily, the rows of :func:`to_records` (for streams too long for a list)."""
    from .batch import ExtractionResult

    for item in claims_or_results:
        if isinstance(item, ExtractionResult):
            for claim in item.claims:
                yield claim_row(claim, item.id)
        elif isinstance(item, Claim):
            yield claim_row(item)
        else:
            raise TypeError(f"expected Claim or ExtractionResult objects, got {type(item).__name__}")


def to_records(claims_or_results: Iterable[Claim | ExtractionResult]) -> list[dict[str, Any]]:
    """One flat row per claim, from claims or from :func:`claimx.batch.extract_many` results.

    Rows from results carry the record's id in ``record_id`` (None for bare claims).
    Records without claims, and failed records, give no row.
    """
    return list(iter_records(claims_or_results))


def fractional_columns(rows: Iterable[dict[str, Any]]) -> set[str]:
    """The number columns in which some row holds a value that is not whole."""
    found: set[str] = set()
    for row in rows:
        for name in NUMBER_COLUMNS:
            v = row.get(name)
            if isinstance(v, float) and not (math.isfinite(v) and v.is_integer()):
                found.add(name)
    return found


# --- pandas ----------------------------------------------------------------------------------


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install 'claimx[pandas]'") from exc
    return pandas


def frame_from_rows(rows: list[dict[str, Any]], columns: dict[str, str] = COLUMNS) -> pandas.DataFrame:
    """A DataFrame of flat rows with every column of ``columns``, typed (see :data:`COLUMNS`)."""
    pd = _pandas()
    fractional = fractional_columns(rows)
    data = {}
    for name, kind in columns.items():
        values = [row.get(name) for row in rows]
        if name == "record_id":
            values = [None if v is None else str(v) for v in values]
        if kind == "Int64":
            series = pd.Series(values, dtype="Float64" if name in fractional else "Int64")
        elif kind == "timestamp[UTC]":
            series = pd.Series(pd.to_datetime(values, utc=True), dtype="datetime64[us, UTC]")
        elif kind in ("timestamp", "date"):
            series = pd.Series(pd.to_datetime(values), dtype="datetime64[us]")
        elif kind in ("bool", "int64", "float64"):
            series = pd.Series(values, dtype=kind)
        elif kind == "boolean":
            series = pd.Series(values, dtype="boolean")
        else:
            series = pd.Series(values, dtype="string")
        data[name] = series
    return pd.DataFrame(data, columns=list(columns))


def to_dataframe(
    claims_or_results: Iterable[Claim | ExtractionResult], *, per_region: bool = False
) -> pandas.DataFrame:
    """The rows of :func:`to_records` as a typed pandas DataFrame, every column present.

    ``time_start``/``time_end`` are UTC timestamps (empty when the text names no zone),
    ``time_start_local``/``time_end_local`` the wall-clock times as written,
    ``time_offset`` their UTC offset and ``date`` the claim's calendar day in its own
    zone; ``value``/``low``/``high`` are nullable integers. With ``per_region``, one
    row per region, as :func:`explode_regions` gives.
    """
    frame = frame_from_rows(to_records(claims_or_results))
    return explode_regions(frame) if per_region else frame


def explode_regions(frame: pandas.DataFrame) -> pandas.DataFrame:
    """One row per (claim, region) of a :func:`to_dataframe` frame, so tables by region
    add up.

    A claim of 62 drones over five oblasts says how many in all, not how many in each:
    its five rows each carry 62 with ``per_region`` False, ``regions`` 5 and ``share``
    0.2. Sum ``value`` over ``per_region`` rows for figures claimed for one region alone;
    sum ``value * share`` for an even split that still adds up to the claims' total (an
    assumption, not a claim). A claim with no region keeps one row (``location_code``
    empty, ``share`` 1). ``country`` becomes the row's region's country.
    """
    pd = _pandas()
    codes = frame["location_codes"].fillna("").astype(str).str.split(CODE_SEPARATOR)
    codes = codes.map(lambda parts: [p for p in parts if p] or [None])
    regions = codes.map(lambda parts: 0 if parts == [None] else len(parts))
    out = frame.assign(location_code=codes, regions=regions).explode("location_code", ignore_index=True)
    out["location_code"] = out["location_code"].astype("string")
    out["regions"] = out["regions"].astype("int64")
    out["per_region"] = (out["regions"] == 1).astype(bool)
    out["share"] = (1.0 / out["regions"].clip(lower=1)).astype("float64")
    out["country"] = (
        out["location_code"]
        .map(lambda code: country_of(code) if isinstance(code, str) else pd.NA)
        .astype("string")
    )
    return out


# --- Arrow / Parquet -------------------------------------------------------------------------


def arrow_schema(fractional: Iterable[str] = ()) -> pyarrow.Schema:
    """The Arrow schema of the flat claim rows (record ids as strings, times in UTC);
    the number columns in ``fractional`` hold floats."""
    import pyarrow as pa

    fractional = set(fractional)
    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "Int64": pa.int64(),
        "bool": pa.bool_(),
        "boolean": pa.bool_(),
        "timestamp[UTC]": pa.timestamp("us", tz="UTC"),
        "timestamp": pa.timestamp("us"),
        "date": pa.date32(),
    }
    return pa.schema(
        [(name, pa.float64() if name in fractional else types[kind]) for name, kind in COLUMNS.items()]
    )


def arrow_table(rows: list[dict[str, Any]], schema: pyarrow.Schema) -> pyarrow.Table:
    """Flat rows (as :func:`claim_row` gives them) as an Arrow table of ``schema``:
    record ids become strings and ISO times typed values."""
    import pyarrow as pa

    text_times = pa.schema(
        [
            pa.field(f.name, pa.string()) if pa.types.is_timestamp(f.type) or pa.types.is_date(f.type) else f
            for f in schema
        ]
    )
    rows = [
        {**row, "record_id": str(row["record_id"])} if row.get("record_id") is not None else row
        for row in rows
    ]
    return pa.Table.from_pylist(rows, text_times).cast(schema)

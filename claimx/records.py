"""Claims as flat rows: one row per claim, for tables (CSV, Parquet, pandas).

Nested claims are right for JSON; analysts comparing what each side claims want a table
they can filter and group: which source claimed how many of what, where and when.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .schema import Claim

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .batch import ExtractionResult

#: Separator of ``location_codes`` (ISO 3166 codes never contain it).
CODE_SEPARATOR = ";"

#: The columns of a row and their types, in order; writers build table schemas from it.
#: ``record_id`` is the input record's id (str or int; tables store it as a string).
COLUMNS: dict[str, str] = {
    "record_id": "string",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "event": "string",
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "qualifier": "string",
    "quantity_text": "string",
    "item": "string",
    "location_codes": "string",
    "location_code_list": "list<string>",
    "location_texts": "string",
    "time_start": "string",
    "time_end": "string",
    "granularity": "string",
    "time_resolved": "bool",
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


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def claim_row(claim: Claim, record_id: str | int | None = None) -> dict[str, Any]:
    """One flat row for ``claim`` (keys as in :data:`COLUMNS`, times as ISO strings)."""
    q, t, s = claim.quantity, claim.time, claim.source
    codes = [loc.code for loc in claim.locations if loc.code]
    return {
        "record_id": record_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "event": claim.event,
        "value": q.value if q else None,
        "low": q.low if q else None,
        "high": q.high if q else None,
        "qualifier": q.qualifier if q else None,
        "quantity_text": q.text if q else None,
        "item": claim.item,
        "location_codes": CODE_SEPARATOR.join(codes),
        "location_code_list": codes,
        "location_texts": "; ".join(loc.text for loc in claim.locations),
        "time_start": _iso(t.start) if t else None,
        "time_end": _iso(t.end) if t else None,
        "granularity": t.granularity if t else None,
        "time_resolved": t.resolved if t else None,
        "time_text": t.text if t else None,
        "source_kind": s.kind,
        "source_name": s.name,
        "source_role": s.role,
        "source_anonymous": s.anonymous,
        "source_text": s.text,
        "cue": claim.cue.text if claim.cue else None,
        "quote": claim.quote,
        "hedged": claim.hedged,
    }


def iter_records(claims_or_results: Iterable[Claim | ExtractionResult]) -> Iterable[dict[str, Any]]:
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


def to_dataframe(claims_or_results: Iterable[Claim | ExtractionResult]) -> pandas.DataFrame:
    """The rows of :func:`to_records` as a pandas DataFrame, with every column present."""
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install 'claimx[pandas]'") from exc
    return pandas.DataFrame(to_records(claims_or_results), columns=list(COLUMNS))

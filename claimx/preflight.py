"""What an extraction job learns about its inputs before the first record.

A wrong ``--text-field`` would otherwise turn a whole archive into error records after
the pipeline has loaded, so :func:`check_fields` reads each file's field names (the CSV
header, the Parquet schema, the first JSONL record) up front. :func:`count_records` gives
the progress bar its total; it reads every file once more, which costs far less than
extracting them (it runs in a background thread while the job starts).

These helpers take ``(path, format)`` pairs from :mod:`claimx.io`, which owns the formats,
and raise ValueError with a message fit for a user.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

#: How many non-blank lines of a JSONL input are read looking for its first JSON object.
_JSONL_PROBE_LINES = 100


def _open(path: str) -> BinaryIO:
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")  # noqa: SIM115


def _decoded(lines: Iterable[bytes]) -> Iterator[str]:
    for number, raw in enumerate(lines):
        yield raw.decode("utf-8-sig" if number == 0 else "utf-8", "replace")


def _parquet_names(path: str) -> list[str]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError("Parquet files need pyarrow: pip install 'claimx[parquet]'") from exc
    return list(pq.read_schema(path).names)


def head_fields(lines: Iterator[bytes], fmt: str) -> tuple[list[bytes], list[str] | None, str]:
    """The field names at the head of a line stream in format ``fmt`` (``jsonl`` or
    ``csv``), the lines consumed to find them (to be replayed), and where they were found.

    Names are None when no header or JSON object was found (an empty input, or only bad
    lines at its head): the job then reports its records one by one.
    """
    consumed: list[bytes] = []

    def recorded() -> Iterator[bytes]:
        for raw in lines:
            consumed.append(raw)
            yield raw

    if fmt == "csv":
        header = next(csv.reader(_decoded(recorded())), None)
        return consumed, header, "header"
    probed = 0
    for raw in recorded():
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            record = None
        if isinstance(record, dict):
            return consumed, list(record), f"first record (line {len(consumed)})"
        probed += 1
        if probed >= _JSONL_PROBE_LINES:
            break
    return consumed, None, ""


def file_fields(path: str, fmt: str) -> tuple[list[str] | None, str]:
    """The field names of one input file and where they were read (see :func:`head_fields`);
    None for a text file, which has no fields."""
    if fmt == "parquet":
        return _parquet_names(path), "schema"
    if fmt not in ("csv", "jsonl"):
        return None, ""
    with _open(path) as fh:
        _, names, where = head_fields(iter(fh), fmt)
    return names, where


def missing_fields(source: str, names: Sequence[str] | None, where: str, required: Sequence[str]) -> None:
    """Raise ValueError naming the first ``required`` field not in ``names``, and the
    fields that are there."""
    if names is None:
        return
    for field in dict.fromkeys(required):
        if field not in names:
            present = ", ".join(repr(n) for n in names) or "none"
            raise ValueError(f"no field {field!r} in the {where} of {source}; its fields are {present}")


def check_fields(files: Iterable[tuple[str, str]], required: Sequence[str]) -> None:
    """Check that every CSV, Parquet and JSONL file in ``files`` has the ``required``
    fields; ValueError for the first that does not. A file that cannot be read is left
    to the job, which logs it as a bad record and goes on with the others."""
    if not required:
        return
    for path, fmt in files:
        try:
            names, where = file_fields(path, fmt)
        except Exception:  # unreadable or corrupt: reported by the job, not a usage error
            continue
        missing_fields(path, names, where, required)


def count_records(files: Iterable[tuple[str, str]]) -> int:
    """How many records the files hold, counted as :func:`claimx.io.read_records` yields
    them (a text file is one, a JSONL file one per non-blank line, a CSV file one per
    non-empty row after the header, a Parquet file one per row)."""
    return sum(_count(path, fmt) for path, fmt in files)


def _count(path: str, fmt: str) -> int:
    if fmt == "txt":
        return 1
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    with _open(path) as fh:
        if fmt == "jsonl":
            return sum(1 for raw in fh if raw.strip())
        csv.field_size_limit(2**31 - 1)
        return max(sum(1 for row in csv.reader(_decoded(fh)) if row) - 1, 0)


def total_or_none(files: Sequence[tuple[str, str]]) -> int | None:
    """:func:`count_records`, or None when a file cannot be counted (it will be reported
    as a bad record by the job itself; the bar then shows no total)."""
    try:
        return count_records(files)
    except Exception:  # a progress total is a nicety; reading errors are the job's to report
        return None

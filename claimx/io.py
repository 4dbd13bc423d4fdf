"""Reading news archives and writing claims: input formats, output formats, resume.

Inputs are ``.txt`` files (one article each), JSONL, CSV and Parquet record files (``.gz``
for the text formats), directories of those, globs, and ``-`` for stdin. Every record
comes back as a :class:`SourceRecord` naming its file and line, so a bad record can be
reported precisely and the job can go on.

Outputs are JSONL (one claim per line with its ``record_id``), CSV and Parquet (flat rows,
see :mod:`claimx.records`). A job appends to its output and keeps a sidecar log
``OUT.done`` of finished records with the output size after each; after a kill, the log
says which records to skip and where the output (and its errors file) must be cut, so a
resumed job neither loses nor duplicates anything, including records without claims.
Parquet cannot be appended to, so rows go to ``OUT.partial.jsonl`` (kept for resuming)
and become the Parquet file when the job ends.

:func:`run_extract` ties these together: the job behind ``claimx extract``, also run per
file by :mod:`claimx.dask`.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import logging
import math
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO, Any, BinaryIO

from spacy.language import Language

from .api import coerce_published, encodable, load
from .batch import DEFAULT_START_METHOD, ExtractionResult, extract_many
from .preflight import check_fields, head_fields, missing_fields, total_or_none
from .records import COLUMNS, arrow_schema, arrow_table, fractional_columns, iter_records

#: Input formats by file suffix (after an optional ``.gz``); files without one are text.
INPUT_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    "": "txt",
}
#: Output formats by file suffix.
OUTPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
#: Formats stdin can be read in (it cannot seek, as Parquet needs).
STDIN_FORMATS = ("jsonl", "csv", "txt")
STDIO = "-"

_PARQUET_ROWS = 4096  # rows per Parquet read/write batch: bounded memory on big files

_log = logging.getLogger("claimx")

#: ``claimx extract``'s time budget per record, in seconds: far above what a long article
#: takes (a 100 kB text takes a few seconds), low enough that one stalled record costs
#: a minute of an archive job rather than the job.
DEFAULT_RECORD_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One input record and where it came from (``line`` is 1-based: file line, CSV row
    start line, or Parquet row). ``error`` says why it cannot be processed."""

    source: str
    line: int
    id: str | int
    text: str | None = None
    published: Any = None
    error: str | None = None

    def as_mapping(self) -> dict[str, Any]:
        """The record as :func:`claimx.batch.extract_many` takes it."""
        return {"id": self.id, "text": self.text, "published": self.published}


# --- inputs --------------------------------------------------------------------------------


def input_format(path: str) -> str:
    """The input format of ``path`` by its suffix; ValueError for an unsupported one."""
    p = Path(path[:-3] if path.endswith(".gz") else path)
    fmt = INPUT_FORMATS.get(p.suffix.lower())
    if fmt is None or (path.endswith(".gz") and fmt == "parquet"):
        raise ValueError(f"unsupported input format: {path} (use .txt, .jsonl, .csv, .parquet)")
    return fmt


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """The files named by ``inputs`` (files, directories searched recursively for known
    formats, globs, ``-``), in a stable order, each once. Raises FileNotFoundError for an
    input that names nothing and ValueError for an unsupported format."""
    found: list[str] = []
    for item in inputs:
        if item == STDIO:
            found.append(item)
        elif os.path.isdir(item):
            found.extend(
                str(p)
                for p in sorted(Path(item).rglob("*"))
                if p.is_file() and _known(str(p)) and not p.name.startswith(".")
            )
        elif os.path.isfile(item):
            input_format(item)
            found.append(item)
        elif glob.has_magic(item):
            matches = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p) and _known(p))
            if not matches:
                raise FileNotFoundError(f"no input files match {item}")
            found.extend(matches)
        else:
            raise FileNotFoundError(f"input not found: {item}")
    return list(dict.fromkeys(found))


def _known(path: str) -> bool:
    try:
        input_format(path)
    except ValueError:
        return False
    return Path(path).suffix != ""  # directory and glob scans skip files without a suffix


def _open_binary(path: str) -> BinaryIO:
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")  # noqa: SIM115


def read_records(
    path: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "published",
    skip_through: int = 0,
    stdin: Iterable[bytes] | None = None,
    stdin_format: str | None = None,
) -> Iterator[SourceRecord]:
    """The records in one input file (``-``: stdin, in ``stdin_format``, one of
    :data:`STDIN_FORMATS`; by default JSONL if its first non-blank character is ``{``,
    else one text). Records at lines ``<= skip_through`` are skipped without being parsed
    (resume). Records without an id get ``"FILE:LINE"``."""
    fields = (text_field, id_field, date_field)
    line = skip_through
    try:
        for record in _read_file(path, fields, skip_through, stdin, stdin_format):
            line = record.line
            yield record
    except Exception as exc:  # a vanished, truncated or corrupt file must not stop the archive
        yield SourceRecord(path, line + 1, f"{path}:{line + 1}", error=f"unreadable file: {exc}")


def _read_file(
    path: str,
    fields: tuple[str, str, str],
    skip_through: int,
    stdin: Iterable[bytes] | None,
    stdin_format: str | None,
) -> Iterator[SourceRecord]:
    if path == STDIO:
        yield from _read_stdin(stdin or sys.stdin.buffer, fields, skip_through, stdin_format)
        return
    fmt = input_format(path)
    if fmt == "txt":
        if skip_through < 1:
            with _open_binary(path) as fh:
                yield _text_record(path, fh.read())
    elif fmt == "jsonl":
        with _open_binary(path) as fh:
            yield from _read_jsonl(path, fh, fields, skip_through)
    elif fmt == "csv":
        with _open_binary(path) as fh:
            yield from _read_csv(path, fh, fields, skip_through)
    else:
        yield from _read_parquet(path, fields, skip_through)


def _text_record(source: str, data: bytes) -> SourceRecord:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SourceRecord(source, 1, source, error=f"undecodable bytes: {exc}")
    return SourceRecord(source, 1, source, text=text, error=None if text.strip() else "empty text")


def _read_stdin(
    stream: Iterable[bytes], fields: tuple[str, str, str], skip_through: int, fmt: str | None
) -> Iterator[SourceRecord]:
    lines = iter(stream)
    head: list[bytes] = []
    if fmt is None:
        fmt = sniff_stdin(lines, head)
    if fmt == "jsonl":
        yield from _read_jsonl(STDIO, chain(head, lines), fields, skip_through)
    elif fmt == "csv":
        yield from _read_csv(STDIO, chain(head, lines), fields, skip_through)
    elif skip_through < 1:
        yield _text_record(STDIO, b"".join(chain(head, lines)))


def sniff_stdin(lines: Iterator[bytes], head: list[bytes]) -> str:
    """``jsonl`` if the first non-blank line of ``lines`` starts with ``{``, else ``txt``;
    the lines read to tell are appended to ``head``."""
    for raw in lines:
        head.append(raw)
        if raw.strip():
            break
    return "jsonl" if head and head[-1].lstrip().startswith((b"{", b"\xef\xbb\xbf{")) else "txt"


def _from_mapping(source: str, line: int, row: Any, fields: tuple[str, str, str]) -> SourceRecord:
    """A record from a parsed JSON object / CSV row / Parquet row, checked for its text."""
    text_field, id_field, date_field = fields
    if not isinstance(row, dict):
        return SourceRecord(source, line, f"{source}:{line}", error="not a JSON object")
    rid = row.get(id_field)
    if rid is None or rid == "":
        rid = f"{source}:{line}"
    elif not isinstance(rid, (str, int)) or isinstance(rid, bool):
        rid = str(rid)
    text = row.get(text_field)
    error = None
    if text is None:
        error = f"missing text field '{text_field}'"
    elif not isinstance(text, str):
        error = f"text field '{text_field}' is not a string"
    elif not text.strip():
        error = "empty text"
    return SourceRecord(source, line, rid, text if error is None else None, row.get(date_field), error)


def _read_jsonl(
    source: str, lines: Iterable[bytes], fields: tuple[str, str, str], skip_through: int
) -> Iterator[SourceRecord]:
    for number, raw in enumerate(lines, 1):
        if number <= skip_through or not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield SourceRecord(source, number, f"{source}:{number}", error=f"undecodable bytes: {exc}")
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield SourceRecord(source, number, f"{source}:{number}", error=f"invalid JSON: {exc}")
            continue
        except RecursionError:  # '[' * 100000: the parser's depth is the interpreter's stack
            yield SourceRecord(source, number, f"{source}:{number}", error="invalid JSON: nested too deeply")
            continue
        yield _from_mapping(source, number, row, fields)


def _read_csv(
    source: str, fh: Iterable[bytes], fields: tuple[str, str, str], skip_through: int
) -> Iterator[SourceRecord]:
    # csv needs text; decoding each physical line ourselves lets one bad line fail one row
    # instead of the whole file (TextIOWrapper raises mid-file and cannot go on).
    bad_lines: set[int] = set()

    def decoded() -> Iterator[str]:
        for number, raw in enumerate(fh, 1):
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                bad_lines.add(number)
                yield raw.decode("utf-8", "replace")

    csv.field_size_limit(2**31 - 1)  # articles exceed the 128 kB default
    reader = csv.DictReader(decoded())
    previous_end = 1  # the header line
    for row in reader:
        start, previous_end = previous_end + 1, reader.line_num
        if start <= skip_through:
            continue
        if any(start <= n <= previous_end for n in bad_lines):
            bad_lines.difference_update(range(start, previous_end + 1))
            yield SourceRecord(source, start, f"{source}:{start}", error="undecodable bytes")
            continue
        if None in row:  # more cells than header columns
            yield SourceRecord(source, start, f"{source}:{start}", error="more fields than the header")
            continue
        yield _from_mapping(source, start, row, fields)


def _read_parquet(source: str, fields: tuple[str, str, str], skip_through: int) -> Iterator[SourceRecord]:
    pq = _pyarrow_parquet()
    parquet = pq.ParquetFile(source)
    columns = [name for name in dict.fromkeys(fields) if name in parquet.schema_arrow.names]
    number = 0
    for batch in parquet.iter_batches(batch_size=_PARQUET_ROWS, columns=columns):
        if number + batch.num_rows <= skip_through:
            number += batch.num_rows
            continue
        for row in batch.to_pylist():
            number += 1
            if number > skip_through:
                yield _from_mapping(source, number, row, fields)


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError("Parquet files need pyarrow: pip install 'claimx[parquet]'") from exc
    return pq


# --- outputs -------------------------------------------------------------------------------


def output_format(path: str) -> str:
    """The output format of ``path`` by its suffix (``-``: JSONL); ValueError for another
    suffix, rather than writing JSONL into ``claims.txt``."""
    if path == STDIO:
        return "jsonl"
    fmt = OUTPUT_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(
            f"cannot tell the output format of {path}: name it .jsonl, .csv or .parquet, "
            "or give the format (--output-format)"
        )
    return fmt


def claim_lines(result: ExtractionResult) -> Iterator[dict[str, Any]]:
    """The JSONL objects for a result: each claim's JSON with the record's id first."""
    for claim in result.claims:
        yield {"record_id": result.id, **claim.model_dump(mode="json")}


def _csv_cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


class ByteSink:
    """An append-only binary file that counts its size, so checkpoints know exact offsets.

    ``-`` writes to stdout. With ``resume_at``, an existing file is first cut to that size
    (dropping whatever a killed job wrote after its last checkpoint).
    """

    def __init__(self, path: str, *, resume_at: int | None = None, stdout: BinaryIO | None = None) -> None:
        self.path = path
        if path == STDIO:
            self._fh: IO[bytes] = stdout or sys.stdout.buffer
            self.size = 0
            return
        if resume_at is not None and os.path.exists(path):
            if os.path.getsize(path) < resume_at:
                raise ValueError(f"cannot resume: {path} is shorter than its resume log says")
            with open(path, "r+b") as fh:
                fh.truncate(resume_at)
            self._fh = open(path, "ab")  # noqa: SIM115
            self.size = resume_at
        else:
            self._fh = open(path, "wb")  # noqa: SIM115
            self.size = 0

    def write(self, data: bytes) -> None:
        self._fh.write(data)
        self.size += len(data)

    def flush(self) -> None:
        self._fh.flush()

    def close(self) -> None:
        if self.path == STDIO:
            self._fh.flush()
        else:
            self._fh.close()


class ClaimWriter:
    """Writes extraction results to OUT in its format; ``size`` is the checkpoint offset."""

    def __init__(
        self, path: str, fmt: str, *, resume_at: int | None = None, stdout: BinaryIO | None = None
    ) -> None:
        self.path, self.fmt = path, fmt
        self._rows = fmt != "jsonl"
        self._csv = fmt == "csv"
        target = partial_path(path) if fmt == "parquet" else path
        self._sink = ByteSink(target, resume_at=resume_at, stdout=stdout)
        if self._csv and self._sink.size == 0:
            self._write_csv(list(COLUMNS))

    @property
    def size(self) -> int:
        return self._sink.size

    def _write_csv(self, cells: list[Any]) -> None:
        self._sink.write(_csv_line(cells))

    def write(self, result: ExtractionResult) -> int:
        """Write the result's claims; returns how many. Raises :class:`UnwritableRecord`
        (and writes nothing) when the output format cannot hold one of them exactly."""
        try:
            if self._csv:
                data = b"".join(
                    _csv_line([_csv_cell(v) for v in _table_row(row).values()])
                    for row in iter_records([result])
                )
            elif self._rows:
                data = b"".join(_json_line(_table_row(row, arrow=True)) for row in iter_records([result]))
            else:
                data = b"".join(_json_line(row) for row in claim_lines(result))
        except (ValueError, TypeError, OverflowError) as exc:
            raise UnwritableRecord(f"cannot write its claims as {self.fmt}: {exc}") from None
        self._sink.write(data)
        return len(result.claims)

    def flush(self) -> None:
        self._sink.flush()

    def close(self, *, complete: bool = True) -> None:
        """Close the output; for a complete Parquet job, turn the row log into the file."""
        self._sink.close()
        if complete and self.fmt == "parquet":
            write_parquet(partial_path(self.path), self.path)


class UnwritableRecord(ValueError):
    """A record's claims that its output format cannot hold (the record becomes an error)."""


def _json_line(obj: Any) -> bytes:
    """One line of strict JSON (no NaN or Infinity: ValueError). A string holding a
    surrogate code point (an id from scraped JSON with half an emoji, a file name that is
    not UTF-8) has no UTF-8 form; that line is written with ``\\u`` escapes instead,
    which JSON readers turn back into exactly the same string."""
    try:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(obj, separators=(",", ":"), allow_nan=False) + "\n").encode("ascii")


def _csv_line(cells: list[Any]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue().encode("utf-8")


#: Largest magnitude of an int64 column, and of a whole number a float64 column holds exactly.
_INT64_MAX = 2**63 - 1
_FLOAT64_EXACT = 2**53


def _table_row(row: dict[str, Any], *, arrow: bool = False) -> dict[str, Any]:
    """A flat row as a table (CSV, Parquet) can hold it: surrogate code points, which
    UTF-8 cannot encode, become U+FFFD one for one. With ``arrow``, also check each
    number fits its column's type exactly (ValueError): Parquet would otherwise fail
    the whole job when it is written at the end."""
    out = {}
    for name, value in row.items():
        if isinstance(value, str):
            value = encodable(value)
        elif isinstance(value, list):
            value = [encodable(v) if isinstance(v, str) else v for v in value]
        elif arrow and isinstance(value, (int, float)) and not isinstance(value, bool):
            kind = COLUMNS.get(name)
            if kind == "int64" and not (isinstance(value, int) and abs(value) <= _INT64_MAX):
                raise ValueError(f"{name} {value!r} does not fit a 64-bit integer column")
            # a count column is int64, or float64 when some count is fractional
            if kind == "Int64" and not (
                abs(value) <= _INT64_MAX if isinstance(value, int) else math.isfinite(value)
            ):
                raise ValueError(f"{name} {value!r} does not fit a 64-bit count column")
            if kind == "float64" and not (
                math.isfinite(value) and (isinstance(value, float) or abs(value) <= _FLOAT64_EXACT)
            ):
                raise ValueError(f"{name} {value!r} has no exact 64-bit float")
        out[name] = value
    return out


def partial_path(path: str) -> str:
    """Where a Parquet output collects its rows until the job ends."""
    return f"{path}.partial.jsonl"


def errors_path(path: str) -> str:
    """The errors file of output ``path``."""
    return f"{path}.errors.jsonl"


def done_path(path: str) -> str:
    """The resume log of output ``path``."""
    return f"{path}.done"


def parquet_schema(fractional: Iterable[str] = ()) -> Any:
    """The Arrow schema of the flat claim rows (see :func:`claimx.records.arrow_schema`)."""
    return arrow_schema(fractional)


def write_parquet(rows_path: str, path: str) -> None:
    """Convert a JSONL file of flat rows into a typed Parquet file, atomically and in
    batches (a first pass finds number columns that need floats)."""
    pq = _pyarrow_parquet()

    with open(rows_path, "rb") as fh:
        schema = parquet_schema(fractional_columns(json.loads(line) for line in fh))
    tmp = f"{path}.tmp"
    with pq.ParquetWriter(tmp, schema) as writer, open(rows_path, "rb") as fh:
        rows: list[dict] = []
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= _PARQUET_ROWS:
                writer.write_table(arrow_table(rows, schema))
                rows = []
        writer.write_table(arrow_table(rows, schema))
    os.replace(tmp, path)


class ErrorLog:
    """The errors file: one JSON line per bad record (source, line, id, reason).

    Created on the first error; ``-`` writes to stderr.
    """

    def __init__(self, path: str, *, resume_at: int | None = None, stream: BinaryIO | None = None) -> None:
        self.path = path
        self._stream = stream
        self._sink: ByteSink | None = None
        self.count = 0
        if resume_at is not None and os.path.exists(path):
            self._sink = ByteSink(path, resume_at=resume_at)
        elif os.path.exists(path) and path != STDIO:
            os.remove(path)  # a stale file from an earlier job on this output

    @property
    def size(self) -> int:
        return self._sink.size if self._sink else 0

    def write(self, source: str, line: int, record_id: str | int | None, reason: str) -> None:
        if self._sink is None:
            self._sink = ByteSink(self.path, stdout=self._stream or sys.stderr.buffer)
        self._sink.write(_json_line({"source": source, "line": line, "id": record_id, "reason": reason}))
        self.count += 1

    def flush(self) -> None:
        if self._sink:
            self._sink.flush()

    def close(self) -> None:
        if self._sink:
            self._sink.close()


# --- resume --------------------------------------------------------------------------------


@dataclass(slots=True)
class ResumeState:
    """What a resume log says: the last line done per source, and the output and errors
    file sizes at the last checkpoint (None when no record was finished). ``dropped``
    counts finished records the log held but the files no longer do."""

    done: dict[str, int]
    output_size: int | None = None
    errors_size: int | None = None
    records: int = 0
    dropped: int = 0


def read_done(path: str, *, output_size: float = math.inf, errors_size: float = math.inf) -> ResumeState:
    """Read resume log ``path`` up to the last checkpoint that fits files of the given
    sizes, and cut the log there (also dropping a partly written last line).

    The sizes in the log only grow, so the checkpoints that fit are a prefix of it: a
    truncated output or errors file (a full disk, a copy cut short) sends the job back
    to the last checkpoint that both files still hold, and the records after it are
    done again.
    """
    state = ResumeState(done={})
    if not os.path.exists(path):
        return state
    good = 0
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                entry = json.loads(raw)
                source, line, out, err = entry["s"], entry["l"], entry["o"], entry["e"]
            except (ValueError, TypeError, KeyError):
                break
            if out > output_size or err > errors_size:
                state.dropped = 1 + sum(1 for raw in fh if raw.endswith(b"\n"))
                break
            good += len(raw)
            state.done[source] = max(line, state.done.get(source, 0))
            state.output_size, state.errors_size = out, err
            state.records += 1
    with open(path, "r+b") as fh:
        fh.truncate(good)
    return state


def _size(path: str) -> int:
    return os.path.getsize(path) if os.path.exists(path) else 0


class DoneLog:
    """Appends one entry per finished record to the resume log.

    Entries are buffered and written by :meth:`checkpoint` only after the outputs they
    refer to have been flushed, so the log never claims more than the files hold.
    """

    def __init__(self, path: str, *, append: bool) -> None:
        self._fh = open(path, "ab" if append else "wb")  # noqa: SIM115
        self._pending: list[bytes] = []

    def add(self, source: str, line: int, output_size: int, errors_size: int) -> None:
        self._pending.append(_json_line({"s": source, "l": line, "o": output_size, "e": errors_size}))

    def checkpoint(self, *outputs: ClaimWriter | ErrorLog) -> None:
        for output in outputs:
            output.flush()
        self._fh.write(b"".join(self._pending))
        self._fh.flush()
        self._pending.clear()

    def close(self) -> None:
        self._fh.close()


# --- extraction jobs -----------------------------------------------------------------------


class UsageError(Exception):
    """A problem with the command line or the files it names (exit status 2)."""


@dataclass
class JobSummary:
    """What an extraction job did in this run."""

    records: int = 0  # records finished in this run (with or without claims, or failed)
    processed: int = 0  # records the pipeline ran on successfully
    claims: int = 0
    errors: int = 0
    already_done: int = 0  # records skipped because an earlier run finished them
    seconds: float = 0.0
    errors_file: str = ""  # where bad records were logged ("-": stderr)


def run_extract(
    inputs: list[str],
    output: str,
    *,
    fmt: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "published",
    published: str | None = None,
    workers: int = 1,
    batch_size: int = 64,
    record_timeout: float | None = None,
    resume: bool = False,
    force: bool = False,
    errors: str | None = None,
    progress: bool | None = None,
    stdin: Iterable[bytes] | None = None,
    stdin_format: str | None = None,
    require_fields: Sequence[str] = (),
    log: Callable[[str], None] | None = None,
    stdout: BinaryIO | None = None,
    nlp: Language | None = None,
) -> JobSummary:
    """Extract claims from every record in ``inputs`` into ``output``; see ``claimx extract``.

    Everything that can be checked is checked before any work, raising UsageError (or
    ImportError when Parquet is named without pyarrow): the inputs, the output format,
    ``published``, and ``require_fields``, which every CSV or Parquet header and the first
    record of every JSONL input (stdin too) must hold. ``stdin_format`` is one of
    :data:`STDIN_FORMATS` (default: sniffed). ``log`` receives status lines for a person
    watching ("loading pipeline"). ``nlp`` replaces the default pipeline (see
    :func:`claimx.batch.extract_many` for how worker processes get it). ``record_timeout``
    is each record's time budget in seconds (None: no limit); a record over it is logged
    as an error and the job goes on.
    """
    try:
        files = expand_inputs(inputs)
        fmt = fmt or output_format(output)
        if published:
            coerce_published(published)
    except (FileNotFoundError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    if fmt not in OUTPUT_FORMATS.values():
        raise UsageError(f"unknown output format {fmt!r} (use jsonl, csv or parquet)")
    if stdin_format not in (None, *STDIN_FORMATS):
        raise UsageError(f"stdin cannot be read as {stdin_format!r} (use {', '.join(STDIN_FORMATS)})")
    if stdin_format and STDIO not in files:
        raise UsageError(
            "--format is the format of stdin (-), not an input here; for the output use --output-format"
        )
    if output == STDIO and (fmt == "parquet" or resume):
        raise UsageError("stdout output takes JSONL or CSV and cannot be resumed; write to a file")
    typed = [(path, input_format(path)) for path in files if path != STDIO]
    if fmt == "parquet" or any(kind == "parquet" for _, kind in typed):
        _pyarrow_parquet()
    try:
        check_fields(typed, require_fields)
        if STDIO in files and require_fields:
            stdin, stdin_format = _checked_stdin(stdin, stdin_format, require_fields)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    errors = errors or (errors_path(output) if output != STDIO else STDIO)
    log_path = done_path(output) if output != STDIO else None
    _prepare_output(output, fmt, log_path, errors, resume=resume, force=force)

    state = None
    if resume and log_path:
        data = partial_path(output) if fmt == "parquet" else output
        state = read_done(log_path, output_size=_size(data), errors_size=_size(errors))
        if state.dropped:
            _log.warning(
                "claimx: warning: %s or %s is shorter than the resume log says: resuming from the "
                "last checkpoint they hold (%s records done), so %s records are done again",
                data,
                errors,
                f"{state.records:,}",
                f"{state.dropped:,}",
            )
    resumed = bool(state and state.records)
    try:
        writer = ClaimWriter(output, fmt, resume_at=state.output_size if resumed else None, stdout=stdout)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    error_log = ErrorLog(errors, resume_at=state.errors_size if resumed else None)
    done_log = DoneLog(log_path, append=resumed) if log_path else None
    skip = state.done if state else {}
    records = chain.from_iterable(
        read_records(
            path,
            text_field=text_field,
            id_field=id_field,
            date_field=date_field,
            skip_through=skip.get(path, 0),
            stdin=stdin,
            stdin_format=stdin_format,
        )
        for path in files
    )
    summary = JobSummary(already_done=state.records if state else 0, errors_file=errors)
    started = time.perf_counter()
    if nlp is None and log is not None:
        _load_pipeline(log, in_workers=workers > 1 or record_timeout is not None)
    bar = _progress_bar(progress, summary.already_done)
    # Counted from the first result on, once forked workers exist (forking a process
    # while another thread reads files can deadlock the child).
    counter = None if bar.disable or STDIO in files else record_counter(bar, typed)
    job = _Job(writer, error_log, done_log, summary, bar, checkpoint_every=batch_size)
    complete = False
    try:
        for result in extract_many(
            job.feed(records, published),
            n_workers=workers,
            batch_size=batch_size,
            nlp=nlp,
            timeout=record_timeout,
        ):
            if counter:
                counter.start()
                counter = None
            job.finish(result)
        job.finish(None)
        complete = True
    finally:
        job.checkpoint()  # also on Ctrl-C or a crash: what finished stays finished
        bar.close()
        summary.seconds = time.perf_counter() - started
        error_log.close()
        if done_log:
            done_log.close()
        writer.close(complete=complete)
    return summary


def _checked_stdin(
    stdin: Iterable[bytes] | None, fmt: str | None, required: Sequence[str]
) -> tuple[Iterable[bytes], str]:
    """Check stdin's header or first record for the ``required`` fields; return the
    stream to read instead (the lines read so far, then the rest) and its format."""
    lines = iter(stdin if stdin is not None else sys.stdin.buffer)
    head: list[bytes] = []
    fmt = fmt or sniff_stdin(lines, head)
    if fmt == "txt":
        return chain(head, lines), fmt
    consumed, names, where = head_fields(chain(head, lines), fmt)
    missing_fields("stdin", names, where, required)
    return chain(consumed, lines), fmt


def _load_pipeline(log: Callable[[str], None], *, in_workers: bool) -> None:
    """Load the default pipeline before the first batch, saying so: it takes seconds.
    This process and forked workers use this cached copy; spawned workers load their own."""
    if in_workers and DEFAULT_START_METHOD != "fork":
        log("worker processes are loading the pipeline")
        return
    log("loading pipeline")
    started = time.perf_counter()
    load()
    log(f"pipeline loaded in {time.perf_counter() - started:.1f}s")


def _prepare_output(
    output: str, fmt: str, log_path: str | None, errors: str, *, resume: bool, force: bool
) -> None:
    """Refuse to clobber an earlier job's output unless told to; with --force, clear it.
    When resuming, check that the data the resume log refers to is still there."""
    if output == STDIO:
        return
    log = log_path or ""
    if resume:
        data = partial_path(output) if fmt == "parquet" else output
        if os.path.exists(log) and os.path.getsize(log) > 0 and not os.path.exists(data):
            raise UsageError(f"cannot resume: {data} is missing")
        return
    if not force and (os.path.exists(output) or os.path.exists(log)):
        raise UsageError(f"{output} exists: use --force to overwrite it or --resume to continue it")
    for path in (output, log, partial_path(output), errors):
        if path and path != STDIO and os.path.exists(path):
            os.remove(path)


class _Job:
    """Matches results to their source records, writes them, and checkpoints.

    Records go to :func:`extract_many` through :meth:`feed`, which queues every record,
    including unreadable ones that never reach the pipeline; results come back in input
    order, so each result pops its record off the queue, and unreadable records queued
    before it are logged first. Records therefore finish in input order, which is what
    lets the resume log keep a single last-line-done per source.
    """

    def __init__(
        self,
        writer: ClaimWriter,
        error_log: ErrorLog,
        done_log: DoneLog | None,
        summary: JobSummary,
        bar: Any,
        checkpoint_every: int,
    ) -> None:
        self.writer, self.error_log, self.done_log, self.summary = writer, error_log, done_log, summary
        self.bar = bar
        self.queue: deque[SourceRecord] = deque()
        self.checkpoint_every = checkpoint_every
        self.since_checkpoint = 0

    def feed(self, records: Iterator[SourceRecord], published: str | None) -> Iterator[dict[str, Any]]:
        for record in records:
            self.queue.append(record)
            if record.error is None:
                mapping = record.as_mapping()
                if published and not record.published:
                    mapping["published"] = published
                yield mapping

    def finish(self, result: Any) -> None:
        """Finish the next queued records up to the one ``result`` belongs to (all, if None)."""
        while self.queue:
            record = self.queue.popleft()
            if record.error is None and result is None:
                raise RuntimeError("a record got no result")  # extract_many's contract broken
            if record.error is not None:
                self._done(record, record.error)
                continue
            if result.error:
                self._done(record, result.error)
                return
            try:
                self.summary.claims += self.writer.write(result)
            except UnwritableRecord as exc:
                self._done(record, str(exc))
                return
            self.summary.processed += 1
            self._done(record, None)
            return

    def _done(self, record: SourceRecord, error: str | None) -> None:
        if error is not None:
            self.error_log.write(record.source, record.line, record.id, error)
            self.summary.errors += 1
        self.summary.records += 1
        self.bar.update(1)
        if self.done_log:
            self.done_log.add(record.source, record.line, self.writer.size, self.error_log.size)
        self.since_checkpoint += 1
        if self.since_checkpoint >= self.checkpoint_every:
            self.checkpoint()

    def checkpoint(self) -> None:
        if self.done_log:
            self.done_log.checkpoint(self.writer, self.error_log)
        else:
            self.writer.flush()
            self.error_log.flush()
        self.since_checkpoint = 0
        self.bar.set_postfix(claims=self.summary.claims, errors=self.summary.errors, refresh=False)


def _progress_bar(enabled: bool | None, initial: int) -> Any:
    """A tqdm bar on stderr (by default only when stderr is a terminal); ``initial``
    counts the records an earlier run finished."""
    from tqdm import tqdm

    disable = not sys.stderr.isatty() if enabled is None else not enabled
    return tqdm(
        unit=" docs",
        disable=disable,
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.05,
        initial=initial,
    )


def record_counter(bar: Any, files: list[tuple[str, str]]) -> threading.Thread:
    """A thread (to start) that counts the records in ``files`` and gives ``bar`` its
    total, and so an ETA; counting reads the files once, far faster than extraction."""

    def count() -> None:
        total = total_or_none(files)
        if total is not None:
            bar.total = total  # read by the bar's next refresh on the main thread

    return threading.Thread(target=count, name="claimx-count-records", daemon=True)

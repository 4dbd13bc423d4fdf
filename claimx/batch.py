"""Claims for many documents: ``extract_many`` over texts or records, in one or more processes.

Built for archives of millions of articles: results stream back one per input, in input
order, and no record is ever dropped -- a record that cannot be processed yields a result
whose ``error`` says why. Each batch runs inside ``nlp.memory_zone()`` so the vocabulary
does not grow with the archive, and worker processes load the pipeline once and send back
plain claim dicts (shipping spaCy ``Doc`` objects between processes costs more than this
rule pipeline does).
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from spacy.language import Language

from .api import _chunks, _shift, coerce_published, load
from .errors import Errors
from .schema import Claim

#: Documents processed outside a memory zone at the start of a run. spaCy's tokenizer does
#: not fill its (size-capped) cache inside a memory zone, so warming it on the first
#: documents keeps the common words fast; what they add to the vocabulary is bounded.
WARMUP_DOCS = 512

#: How worker processes start. On Linux they are forked from this process after it has
#: loaded the pipeline, so they share its data and start in milliseconds (loading the
#: gazetteer takes seconds per process); elsewhere fork is unsafe (macOS) or missing
#: (Windows), so each spawned worker loads the pipeline itself.
DEFAULT_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"

#: Batches each worker may have queued: enough to keep it busy, bounded so that a long
#: archive is never read into memory ahead of the workers.
_BATCHES_PER_WORKER = 3

RecordId = str | int


class ExtractionResult(BaseModel):
    """What one input record gave: its claims, or why it could not be processed.

    ``id`` is the record's id field, or its position in the input when it has none.
    ``error`` is null on success. A record whose text is empty or blank is not an
    error: it simply states no claims.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: RecordId
    index: int = Field(ge=0)
    claims: list[Claim] = Field(default_factory=list)
    error: str | None = None

    def __repr__(self) -> str:
        """Its id and number of claims, or its error."""
        from .summary import result_summary

        return result_summary(self)

    __str__ = __repr__


@dataclass(slots=True)
class _Job:
    """A record ready for the pipeline (text plus its publication day as ISO string)."""

    index: int
    id: RecordId
    text: str
    published: str | None


@dataclass(slots=True)
class _Batch:
    """A slice of the input: results already known (errors, blanks) and jobs to run."""

    done: dict[int, ExtractionResult] = field(default_factory=dict)
    jobs: list[_Job] = field(default_factory=list)


def _is_missing(value: Any) -> bool:
    """True for absent values, including the NaN pandas puts in empty cells."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _record_id(value: Any, index: int) -> RecordId:
    if _is_missing(value) or value == "":
        return index
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    return str(value)


def _prepare(
    index: int, record: Any, text_field: str, id_field: str, date_field: str
) -> ExtractionResult | _Job:
    """A job for the pipeline, or the final result when the record needs no pipeline."""
    if isinstance(record, str):
        rid: RecordId = index
        text: Any = record
        published: Any = None
    elif isinstance(record, Mapping):
        rid = _record_id(record.get(id_field), index)
        text = record.get(text_field)
        published = record.get(date_field)
    else:
        rid, text, published = index, None, None
    if not isinstance(text, str):
        return ExtractionResult(id=rid, index=index, error=Errors.E030.format(index=index, field=text_field))
    try:
        day = None if _is_missing(published) or published == "" else coerce_published(published)
    except (TypeError, ValueError) as exc:
        return ExtractionResult(id=rid, index=index, error=str(exc))
    if not text.strip():
        return ExtractionResult(id=rid, index=index)
    return _Job(index, rid, text, day.isoformat() if day else None)


def _pieces(jobs: list[_Job], max_length: int) -> Iterator[tuple[int, int, str, str | None]]:
    """(job position, char offset, text piece, published) for each piece the pipeline runs on."""
    for pos, job in enumerate(jobs):
        for offset, chunk in _chunks(job.text, max_length):
            yield pos, offset, chunk, job.published


def _run_pieces(nlp: Language, pieces: list[tuple[int, int, str, str | None]], out: list) -> None:
    """Run the pipeline on ``pieces`` and add each piece's (shifted) claims to ``out``."""

    def docs():
        for _, _, chunk, published in pieces:
            doc = nlp.make_doc(chunk)
            doc._.claimx_published = published
            yield doc

    for (pos, offset, _, _), doc in zip(pieces, nlp.pipe(docs()), strict=True):
        out[pos].extend(_shift(claim, offset) for claim in doc._.claims)


def _process(nlp: Language, jobs: list[_Job], *, zone: bool = True) -> list[list[Claim] | str]:
    """Claims (or an error message) for each job, in order.

    Runs inside ``nlp.memory_zone()`` when ``zone`` is true; the returned claims are plain
    pydantic objects, safe to use after the zone ends. If the pipeline fails on the batch,
    the documents are rerun one at a time so only the failing record reports the error.
    """
    results: list[list[Claim] | str] = [[] for _ in jobs]
    pieces = list(_pieces(jobs, nlp.max_length))
    try:
        with nlp.memory_zone() if zone else nullcontext():
            _run_pieces(nlp, pieces, results)
        return results
    except Exception:  # rerun one by one below: a batch error says nothing about which record
        pass
    results = [[] for _ in jobs]
    for pos in range(len(jobs)):
        try:
            with nlp.memory_zone() if zone else nullcontext():
                _run_pieces(nlp, [piece for piece in pieces if piece[0] == pos], results)
        except Exception as exc:  # one record's failure must not stop the archive
            results[pos] = f"{type(exc).__name__}: {exc}"
    return results


# --- worker processes ---------------------------------------------------------------

_WORKER_NLP: Language | None = None


def _init_worker(nlp: Language | None) -> None:
    """Load the pipeline once per worker process (the default one unless ``nlp`` is given)."""
    global _WORKER_NLP
    _WORKER_NLP = nlp if nlp is not None else load()
    gc.freeze()  # the pipeline lives as long as the worker: keep it out of GC scans


def _worker_run(jobs: list[_Job], zone: bool) -> list[bytes | str]:
    """Process ``jobs`` in a worker; each record's claims travel back as one JSON
    document. The parent must keep up with all workers, and pydantic reads JSON bytes
    faster than it unpickles and validates dicts (or unpickles the models): per claim,
    about a third less work for the parent and half for the worker."""
    assert _WORKER_NLP is not None, "worker initializer did not run"
    out = _process(_WORKER_NLP, jobs, zone=zone)
    return [r if isinstance(r, str) else _CLAIMS.dump_json(r) for r in out]


#: Writes and reads a record's claims as JSON in one call each.
_CLAIMS = TypeAdapter(list[Claim])


def _from_worker(raw: bytes | str) -> list[Claim] | str:
    return raw if isinstance(raw, str) else _CLAIMS.validate_json(raw)


# --- the generator -------------------------------------------------------------------


def _batches(
    records: Iterable[Any], batch_size: int, text_field: str, id_field: str, date_field: str
) -> Iterator[_Batch]:
    it = enumerate(records)
    while chunk := list(islice(it, batch_size)):
        batch = _Batch()
        for index, record in chunk:
            prepared = _prepare(index, record, text_field, id_field, date_field)
            if isinstance(prepared, _Job):
                batch.jobs.append(prepared)
            else:
                batch.done[index] = prepared
        yield batch


def _results(batch: _Batch, outcomes: list[list[Claim] | str]) -> Iterator[ExtractionResult]:
    """The batch's results in input order."""
    done = dict(batch.done)
    for job, outcome in zip(batch.jobs, outcomes, strict=True):
        if isinstance(outcome, str):
            done[job.index] = ExtractionResult(id=job.id, index=job.index, error=outcome)
        else:
            done[job.index] = ExtractionResult(id=job.id, index=job.index, claims=outcome)
    for index in sorted(done):
        yield done[index]


def extract_many(
    records: Iterable[str | Mapping[str, Any]],
    *,
    n_workers: int = 1,
    batch_size: int = 64,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "published",
    nlp: Language | None = None,
    start_method: str | None = None,
) -> Iterator[ExtractionResult]:
    """One :class:`ExtractionResult` per input record, lazily and in input order.

    ``records`` are texts or mappings holding ``text_field`` (required), ``id_field`` and
    ``date_field`` (a date, datetime or ISO string anchoring relative times); other keys
    are ignored. A record that is neither, lacks a str text or has an unparseable date
    yields a result with ``error`` set instead of raising; an empty text yields no claims.

    ``n_workers > 1`` runs the pipeline in that many worker processes. ``start_method``
    (default :data:`DEFAULT_START_METHOD`) is ``"fork"``: workers inherit the pipeline
    loaded here, custom or default; or ``"spawn"``/``"forkserver"``: each worker loads the
    default pipeline itself, or unpickles a custom ``nlp``. Only a few batches per worker
    are read ahead, so the input may be an unbounded stream. Claims from workers come
    back through JSON, so a zone-aware time carries its UTC offset (the same instant, as
    in a JSONL output) where one process would keep the named zone (``Europe/Moscow``).
    """
    if n_workers < 1:
        raise ValueError(f"n_workers must be >= 1, got {n_workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    method = start_method or DEFAULT_START_METHOD
    if method not in multiprocessing.get_all_start_methods():
        raise ValueError(
            f"start_method must be one of {multiprocessing.get_all_start_methods()}, got {method!r}"
        )
    batches = _batches(records, batch_size, text_field, id_field, date_field)
    if n_workers == 1:
        nlp = nlp or load()
        with _long_lived_frozen():
            yield from _serial(batches, nlp)
    else:
        if method == "fork":
            nlp = nlp or load()  # loaded once here, shared with the forked workers
        with _long_lived_frozen():
            yield from _parallel(batches, nlp, n_workers, method)


@contextmanager
def _long_lived_frozen() -> Iterator[None]:
    """Exempt the objects that exist before a run (the pipeline, the caller's data) from
    the cyclic garbage collector while the run lasts.

    A run allocates many short-lived objects, so collections are frequent, and the
    full ones scan every live object: with the pipeline loaded, that cost about 7% of
    single-process time, and in the parent of a parallel run it made building the claim
    objects several times slower. Objects created during the run are collected as usual;
    the frozen ones return to the collector when the run ends (``gc.freeze`` is the
    standard library's tool for this, also recommended before forking workers).
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _serial(batches: Iterator[_Batch], nlp: Language) -> Iterator[ExtractionResult]:
    seen = 0
    for batch in batches:
        outcomes = _process(nlp, batch.jobs, zone=seen >= WARMUP_DOCS)
        seen += len(batch.jobs)
        yield from _results(batch, outcomes)


def _parallel(
    batches: Iterator[_Batch], nlp: Language | None, n_workers: int, method: str
) -> Iterator[ExtractionResult]:
    executor = ProcessPoolExecutor(
        max_workers=n_workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(nlp,),
    )
    pending: deque[tuple[_Batch, Future]] = deque()
    # Each worker warms its own tokenizer cache; batches are spread over the workers.
    warmup = WARMUP_DOCS * n_workers
    sent = 0
    try:
        for batch in batches:
            pending.append((batch, executor.submit(_worker_run, batch.jobs, sent >= warmup)))
            sent += len(batch.jobs)
            while len(pending) >= n_workers * _BATCHES_PER_WORKER:
                done, future = pending.popleft()
                yield from _results(done, [_from_worker(r) for r in future.result()])
        while pending:
            done, future = pending.popleft()
            yield from _results(done, [_from_worker(r) for r in future.result()])
    finally:
        executor.shutdown(wait=True, cancel_futures=True)

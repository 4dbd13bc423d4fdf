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
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from spacy.language import Language

from .api import _chunks, _shift, coerce_published, encodable, load
from .errors import Errors
from .pool import Batch as PoolBatch
from .pool import WorkerPool
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
    return _Job(index, rid, encodable(text), day.isoformat() if day else None)


def _outcomes(nlp: Language, jobs: list[_Job]) -> Iterator[list[Claim] | str]:
    """Claims (or an error message) for each job, in order.

    Documents go through the pipeline one at a time, so an exception is the failing
    record's alone, and a worker's messages tell the parent which record it is on (the
    per-record timeout blames the right one). ``nlp.pipe`` is no faster on this
    pipeline: its components work per document.
    """
    for job in jobs:
        try:
            claims: list[Claim] = []
            for offset, chunk in _chunks(job.text, nlp.max_length):
                doc = nlp.make_doc(chunk)
                doc._.claimx_published = job.published
                claims.extend(_shift(claim, offset) for claim in nlp(doc)._.claims)
        except Exception as exc:  # one record's failure must not stop the archive
            yield f"{type(exc).__name__}: {exc}"
        else:
            yield claims


def _zone(nlp: Language, seen: int) -> Any:
    """The memory zone of a batch, once :data:`WARMUP_DOCS` documents have been seen."""
    return nlp.memory_zone() if seen >= WARMUP_DOCS else nullcontext()


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
    timeout: float | None = None,
) -> Iterator[ExtractionResult]:
    """One :class:`ExtractionResult` per input record, lazily and in input order.

    ``records`` are texts or mappings holding ``text_field`` (required), ``id_field`` and
    ``date_field`` (a date, datetime or ISO string anchoring relative times); other keys
    are ignored. A record that is neither, lacks a str text or has an unparseable date
    yields a result with ``error`` set instead of raising; an empty text yields no claims.

    ``timeout`` is each record's time budget in seconds (default: none). A record that
    exceeds it yields an error result saying so and the job goes on. Only a separate
    process can be stopped in the middle of a stalled record, so with a timeout the
    pipeline always runs in worker processes (one when ``n_workers`` is 1); the worker
    running the record is killed and replaced. A worker that dies on a record (a crash
    in native code, the out-of-memory killer) likewise fails that record alone.

    ``n_workers > 1`` runs the pipeline in that many worker processes. ``start_method``
    (default :data:`DEFAULT_START_METHOD`) is ``"fork"``: workers inherit the pipeline
    loaded here, custom or default; or ``"spawn"``/``"forkserver"``: each worker loads the
    default pipeline itself, or unpickles a custom ``nlp``. Workers exit when the calling
    process dies. Only a few batches per worker are read ahead, so the input may be an
    unbounded stream. Claims from workers come back through JSON, so a zone-aware time
    carries its UTC offset (the same instant, as in a JSONL output) where one process
    would keep the named zone (``Europe/Moscow``).
    """
    if n_workers < 1:
        raise ValueError(f"n_workers must be >= 1, got {n_workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be > 0 seconds (or None for no limit), got {timeout}")
    method = start_method or DEFAULT_START_METHOD
    if method not in multiprocessing.get_all_start_methods():
        raise ValueError(
            f"start_method must be one of {multiprocessing.get_all_start_methods()}, got {method!r}"
        )
    batches = _batches(records, batch_size, text_field, id_field, date_field)
    if n_workers == 1 and timeout is None:
        nlp = nlp or load()
        with _long_lived_frozen():
            yield from _serial(batches, nlp)
    else:
        if method == "fork":
            nlp = nlp or load()  # loaded once here, shared with the forked workers
        with _long_lived_frozen():
            yield from _parallel(batches, nlp, n_workers, method, timeout)


#: Container allocations between collections of the youngest generation during a run.
_YOUNG_THRESHOLD = 10_000


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

    The run also collects its young objects less often (every ``_YOUNG_THRESHOLD``
    container allocations instead of Python's 700): most of a document's objects are
    freed with it, so fewer of them live long enough to be scanned again in the older
    generations; that saved about 2% of single-process time. Both settings are restored
    when the run ends.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], _YOUNG_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _serial(batches: Iterator[_Batch], nlp: Language) -> Iterator[ExtractionResult]:
    seen = 0
    for batch in batches:
        with _zone(nlp, seen):
            outcomes = list(_outcomes(nlp, batch.jobs))
        seen += len(batch.jobs)
        yield from _results(batch, outcomes)


# --- worker processes ---------------------------------------------------------------

#: Writes and reads a record's claims as JSON in one call each. Workers send claims as
#: JSON: the parent must keep up with all workers, and pydantic reads JSON bytes faster
#: than it unpickles and validates dicts (or unpickles the models): per claim, about a
#: third less work for the parent and half for the worker.
_CLAIMS = TypeAdapter(list[Claim])


def _work(nlp: Language, jobs: list[_Job], seen: int) -> Iterator[bytes | str]:
    """In a worker: each job's claims as JSON (or its error message), one by one."""
    with _zone(nlp, seen):
        for outcome in _outcomes(nlp, jobs):
            if isinstance(outcome, str):
                yield outcome
                continue
            try:
                yield _CLAIMS.dump_json(outcome)
            except Exception as exc:  # a claim the pipeline built but JSON cannot hold
                yield f"{type(exc).__name__}: {exc}"


def _from_worker(raw: bytes | str) -> list[Claim] | str:
    return raw if isinstance(raw, str) else _CLAIMS.validate_json(raw)


def _timed_out(seconds: float) -> str:
    return f"timed out: took more than the record timeout of {seconds:g} s; the worker running it was stopped"


def _worker_died(reason: str) -> str:
    return f"the worker process died while running this record ({reason})"


def _parallel(
    batches: Iterator[_Batch], nlp: Language | None, n_workers: int, method: str, timeout: float | None
) -> Iterator[ExtractionResult]:
    pool = WorkerPool(
        multiprocessing.get_context(method),
        n_workers,
        nlp=nlp,
        load=load,
        work=_work,
        timeout=timeout,
        timeout_outcome=_timed_out,
        died_outcome=_worker_died,
    )
    pending: deque[tuple[_Batch, PoolBatch]] = deque()
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < n_workers * _BATCHES_PER_WORKER:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                work = PoolBatch(batch.jobs)
                pending.append((batch, work))
                pool.submit(work)
            while pending and pending[0][1].complete:
                batch, work = pending.popleft()
                yield from _results(batch, [_from_worker(raw) for raw in work.outcomes])
            if not pending:
                if exhausted:
                    return
            elif not pending[0][1].complete:
                pool.wait()
    finally:
        pool.close()

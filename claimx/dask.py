"""Claims over a Dask cluster: one partition per input file, outputs written by the workers.

Each worker process loads the pipeline once (``claimx.load()`` is cached per process) and
runs :func:`claimx.batch.extract_many` on its partitions; only small summaries travel
back to the client, so an archive far larger than the client's memory can be processed.
Needs ``pip install 'claimx[dask]'``.

>>> from dask.distributed import Client
>>> with Client(n_workers=4, threads_per_worker=1) as client:
...     parts = extract_files(["archive/*.jsonl"], "claims/", fmt="parquet")
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .batch import extract_many
from .errors import Errors
from .io import expand_inputs, run_extract
from .records import frame_from_rows, iter_records

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe
    import pandas


def _require_dask() -> Any:
    try:
        import dask.bag
    except ImportError as exc:
        raise ImportError("claimx.dask needs dask: pip install 'claimx[dask]'") from exc
    return dask.bag


def _check_timeout(timeout: float | None) -> None:
    """A per-record timeout needs a child process: fail clearly where none can start."""
    if timeout is not None and multiprocessing.current_process().daemon:
        raise RuntimeError(Errors.E031)


def _extract_file(
    task: tuple[int, str],
    output_dir: str,
    fmt: str,
    fields: tuple[str, str, str],
    batch_size: int,
    resume: bool,
    timeout: float | None,
) -> dict[str, Any]:
    """Runs on a worker: extract one input file into ``part-NNNNN.FMT`` (+ errors file)."""
    _check_timeout(timeout)
    number, path = task
    text_field, id_field, date_field = fields
    out = os.path.join(output_dir, f"part-{number:05d}.{fmt}")
    summary = run_extract(
        [path],
        out,
        fmt=fmt,
        text_field=text_field,
        id_field=id_field,
        date_field=date_field,
        batch_size=batch_size,
        resume=resume,
        force=not resume,
        progress=False,
        record_timeout=timeout,
    )
    return {
        "input": path,
        "output": out,
        "records": summary.records,
        "claims": summary.claims,
        "errors": summary.errors,
        "already_done": summary.already_done,
    }


def extract_files(
    inputs: Sequence[str],
    output_dir: str | os.PathLike[str],
    *,
    fmt: str = "jsonl",
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "published",
    batch_size: int = 64,
    resume: bool = False,
    timeout: float | None = None,
    client: Any = None,
) -> list[dict[str, Any]]:
    """Extract claims from every input file on a Dask cluster, one task per file.

    Inputs are what ``claimx extract`` takes (files, directories, globs; not stdin).
    File number ``i`` in input order becomes ``output_dir/part-i.FMT`` (``fmt`` is
    jsonl, csv or parquet), with bad records in ``part-i.FMT.errors.jsonl``. Returns
    one summary per file: input, output, records, claims, errors. ``timeout`` is each
    record's time budget in seconds (``claimx extract --record-timeout``): a record over
    it becomes an error record and the file goes on. Runs on ``client`` (default: the
    current Dask client or scheduler).
    """
    bag = _require_dask()
    files = [path for path in expand_inputs(inputs) if path != "-"]
    os.makedirs(output_dir, exist_ok=True)
    tasks = bag.from_sequence(list(enumerate(files)), npartitions=max(1, len(files)))
    summaries = tasks.map(
        _extract_file,
        output_dir=os.fspath(output_dir),
        fmt=fmt,
        fields=(text_field, id_field, date_field),
        batch_size=batch_size,
        resume=resume,
        timeout=timeout,
    )
    if client is not None:
        return client.compute(summaries).result()
    return summaries.compute()


def _extract_partition(
    records: Iterable[Any], fields: tuple[str, str, str], batch_size: int, timeout: float | None = None
) -> list[dict]:
    """Runs on a worker: flat claim rows (plus ``error`` rows for failed records)."""
    _check_timeout(timeout)
    text_field, id_field, date_field = fields
    rows: list[dict] = []
    for result in extract_many(
        records,
        text_field=text_field,
        id_field=id_field,
        date_field=date_field,
        batch_size=batch_size,
        timeout=timeout,
    ):
        if result.error:
            rows.append({"record_id": result.id, "error": result.error})
        else:
            rows.extend(iter_records([result]))
    return rows


def extract_bag(
    bag: dask.bag.Bag,
    *,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "published",
    batch_size: int = 64,
    timeout: float | None = None,
) -> dask.bag.Bag:
    """A bag of flat claim rows (see :mod:`claimx.records`) from a bag of texts or records.

    Record ids are per partition positions when records have no ``id_field``. A failed
    record gives a row ``{"record_id": ..., "error": ...}`` instead of claims, and so
    does one that takes longer than ``timeout`` seconds (see
    :func:`claimx.batch.extract_many`).
    """
    _require_dask()
    return bag.map_partitions(
        _extract_partition, fields=(text_field, id_field, date_field), batch_size=batch_size, timeout=timeout
    )


def _partition_frame(
    frame: pandas.DataFrame, fields: tuple[str, str, str], batch_size: int, timeout: float | None = None
) -> pandas.DataFrame:
    columns = [c for c in fields if c in frame.columns]
    records = frame[columns].to_dict("records")
    rows = [row for row in _extract_partition(records, fields, batch_size, timeout) if "error" not in row]
    return frame_from_rows(rows)


def extract_dataframe(
    frame: dask.dataframe.DataFrame,
    *,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "published",
    batch_size: int = 64,
    timeout: float | None = None,
) -> dask.dataframe.DataFrame:
    """A Dask DataFrame of flat claim rows from one with a text column (failed records,
    and those over the per-record ``timeout`` in seconds, give no row; use
    :func:`extract_bag` to see why)."""
    _require_dask()
    from .records import to_dataframe

    return frame.map_partitions(
        _partition_frame,
        fields=(text_field, id_field, date_field),
        batch_size=batch_size,
        timeout=timeout,
        meta=to_dataframe([]),
    )

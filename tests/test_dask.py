"""claimx.dask on a real two-process LocalCluster (loopback only, always closed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("dask.distributed")
db = pytest.importorskip("dask.bag")

from claimx.batch import extract_many  # noqa: E402
from claimx.dask import extract_bag, extract_files  # noqa: E402
from claimx.records import to_records  # noqa: E402

REPORTS = [
    {
        "id": "mod-1",
        "published": "2026-01-10",
        "text": "Russian air defences destroyed 33 Ukrainian drones over the Rostov Region on Saturday, "
        "the Defence Ministry said.",
    },
    {
        "id": "uaf-1",
        "published": "2025-02-01",
        "text": "Ukraine's air force said it had shot down 31 of the 35 drones Russia launched overnight.",
    },
    {
        "id": "idf-1",
        "published": "2024-11-03",
        "text": "The Israeli military said it had struck more than 40 targets in southern Lebanon.",
    },
]


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_extract_files_writes_one_part_per_file_from_the_workers(client, tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in REPORTS[:2]), encoding="utf-8")
    (shards / "b.jsonl").write_text(json.dumps(REPORTS[2]) + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "claims"
    summaries = extract_files([str(shards / "*.jsonl")], out, client=client)
    assert [
        (Path(s["input"]).name, Path(s["output"]).name, s["records"], s["errors"]) for s in summaries
    ] == [("a.jsonl", "part-00000.jsonl", 2, 0), ("b.jsonl", "part-00001.jsonl", 2, 1)]
    expected = [r for r in extract_many(REPORTS)]
    written = [
        json.loads(line)
        for part in ("part-00000.jsonl", "part-00001.jsonl")
        for line in (out / part).read_text(encoding="utf-8").splitlines()
    ]
    assert [row["record_id"] for row in written] == [r.id for r in expected for _ in r.claims]
    assert sum(s["claims"] for s in summaries) == sum(len(r.claims) for r in expected)
    (error,) = [json.loads(line) for line in (out / "part-00001.jsonl.errors.jsonl").read_text().splitlines()]
    assert (error["line"], error["reason"].split(":")[0]) == (2, "invalid JSON")


def test_extract_bag_gives_flat_rows_and_error_rows(client) -> None:
    bag = db.from_sequence([*REPORTS, {"id": "broken"}], npartitions=2)
    rows = extract_bag(bag).compute()
    assert {"record_id": "broken", "error": rows[-1]["error"]} == rows[-1]
    assert rows[-1]["error"].startswith("[E030]")
    assert rows[:-1] == to_records(list(extract_many(REPORTS)))


def _long_report(sentences: int) -> str:
    """A wire report far longer than any article: a record the timeout below cuts off."""
    parts = [
        f"Officials in the Odesa region said {n % 40 + 2} drones were shot down overnight, "
        f"and the regional governor said {n % 7 + 1} people were injured."
        for n in range(sentences)
    ]
    return " ".join(parts)


@pytest.fixture(scope="module")
def fork_client():
    """Workers that may start child processes: a per-record timeout runs records in one."""
    import dask

    with (
        dask.config.set({"distributed.worker.daemon": False}),
        distributed.LocalCluster(
            n_workers=1, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client


def test_extract_bag_passes_the_record_timeout_to_the_workers(fork_client) -> None:
    records = [REPORTS[0], {"id": "endless", "text": _long_report(3000)}, REPORTS[1]]
    rows = fork_client.compute(extract_bag(db.from_sequence(records, npartitions=1), timeout=1.0)).result()
    errors = [row for row in rows if "error" in row]
    assert [row["record_id"] for row in errors] == ["endless"]
    assert errors[0]["error"].startswith("timed out: took more than the record timeout of 1 s")
    assert [row for row in rows if "error" not in row] == to_records(list(extract_many([REPORTS[0], REPORTS[1]])))


def test_extract_files_passes_the_record_timeout_to_the_workers(fork_client, tmp_path: Path) -> None:
    src = tmp_path / "feed.jsonl"
    src.write_text(json.dumps({"id": "endless", "text": _long_report(3000)}) + "\n", encoding="utf-8")
    (summary,) = extract_files([str(src)], tmp_path / "claims", timeout=1.0, client=fork_client)
    assert (summary["records"], summary["errors"]) == (1, 1)
    errors_file = tmp_path / "claims" / "part-00000.jsonl.errors.jsonl"
    (error,) = [json.loads(line) for line in errors_file.read_text(encoding="utf-8").splitlines()]
    assert error["id"] == "endless" and error["reason"].startswith("timed out")


def test_a_timeout_on_daemonic_workers_fails_clearly(client) -> None:
    with pytest.raises(RuntimeError, match=r"\[E031\].*distributed.worker.daemon"):
        extract_bag(db.from_sequence(REPORTS[:1], npartitions=1), timeout=5.0).compute()

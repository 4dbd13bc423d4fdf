"""No single record may crash, stall or silently shorten a batch job (docs/batch.md,
"What happens to a bad record"): each bad record becomes correct output or an error
record naming it and the reason, and every other record is processed."""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

import claimx
from claimx.api import encodable
from claimx.batch import extract_many
from claimx.cli import app
from claimx.entities.quantities import parse_quantity
from claimx.io import read_done, run_extract
from claimx.schema import Claim, Quantity

ROOT = Path(__file__).resolve().parents[1]

STRIKE = (
    "Air defences shot down {n} drones over the Belgorod region overnight, the Russian defence ministry said."
)
HUGE = "1" * 400 + ".5"  # a float would be Infinity
LONG_DECIMAL = "1" * 250 + ".5"  # a float would round it (and runs over 256 characters are cut into tokens)
ABOVE_2_53 = "9007199254740993"  # a float would be 9007199254740992


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimx.cli", *args],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=timeout,
    )


def _strict(line: str) -> dict:
    """A JSON line, refusing NaN and Infinity (as jq and JSON.parse do)."""

    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(line, parse_constant=refuse)


def _lines(path: Path) -> list[dict]:
    return [_strict(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- the archive job, through the command line ---------------------------------------------


@pytest.fixture(scope="module")
def bad_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One JSONL file with each bad shape between good records."""
    root = tmp_path_factory.mktemp("bad")
    lines = [
        json.dumps({"id": "before", "text": STRIKE.format(n=12)}),
        json.dumps({"id": "\udc00", "text": STRIKE.format(n=14)}),  # half an emoji: a lone surrogate
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "surrogate-text", "text": "Kyiv \ud83d " + STRIKE.format(n=16)}),
        json.dumps({"id": "huge", "text": STRIKE.format(n=LONG_DECIMAL)}),
        json.dumps({"id": "above-2-53", "text": STRIKE.format(n=ABOVE_2_53)}),
        json.dumps({"id": "digits", "text": "1" * 4301}),
        json.dumps({"id": "after", "text": STRIKE.format(n=18)}),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def jsonl_job(bad_archive: Path) -> tuple[subprocess.CompletedProcess, Path]:
    out = bad_archive / "claims.jsonl"
    done = _cli(
        "extract", str(bad_archive / "feed.jsonl"), "-o", str(out), "--batch-size", "2", "--no-progress"
    )
    return done, out


def _by_id(out: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for row in _lines(out):
        rows.setdefault(row["record_id"], []).append(row)
    return rows


def test_the_job_goes_through_every_bad_record(jsonl_job: tuple[subprocess.CompletedProcess, Path]) -> None:
    done, out = jsonl_job
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode().splitlines()[-1].startswith("claimx: 8 records (1 errors)")
    rows = _by_id(out)
    assert [r["quantity"]["value"] for r in rows["before"] + rows["after"]] == [12, 18]


def test_lone_surrogate_in_an_id_is_kept_exactly(jsonl_job: tuple[subprocess.CompletedProcess, Path]) -> None:
    done, out = jsonl_job
    rows = _by_id(out)  # json.loads reads the escaped id back as the same string
    assert [r["quantity"]["value"] for r in rows["\udc00"]] == [14]
    raw = out.read_bytes()
    raw.decode("utf-8")  # every line is UTF-8
    assert b'"record_id":"\\udc00"' in raw
    again = run_extract([str(out.parent / "feed.jsonl")], str(out), resume=True, progress=False)
    assert (again.records, again.already_done) == (0, 8)  # resuming the finished job does nothing


def test_lone_surrogate_in_a_text_is_read_as_a_replacement_character(
    jsonl_job: tuple[subprocess.CompletedProcess, Path],
) -> None:
    _, out = jsonl_job
    (claim,) = _by_id(out)["surrogate-text"]
    assert claim["quantity"]["value"] == 16
    text = "Kyiv \ufffd " + STRIKE.format(n=16)
    assert text[claim["start"] : claim["end"]] == claim["text"]  # offsets unchanged


def test_deeply_nested_json_line_is_an_error_record(
    jsonl_job: tuple[subprocess.CompletedProcess, Path], bad_archive: Path
) -> None:
    _, out = jsonl_job
    source = str(bad_archive / "feed.jsonl")
    assert _lines(Path(f"{out}.errors.jsonl")) == [
        {"source": source, "line": 3, "id": f"{source}:3", "reason": "invalid JSON: nested too deeply"}
    ]
    assert "after" in _by_id(out)  # the rest of the file was read


def test_numbers_without_an_exact_float_are_text_with_value_null(
    jsonl_job: tuple[subprocess.CompletedProcess, Path],
) -> None:
    _, out = jsonl_job  # _lines refuses Infinity and NaN
    rows = _by_id(out)
    for rid, written in (("huge", LONG_DECIMAL), ("above-2-53", ABOVE_2_53)):
        (claim,) = rows[rid]
        quantity = claim["quantity"]
        assert (quantity["value"], quantity["low"], quantity["high"]) == (None, None, None)
        assert quantity["text"] == written
    assert "digits" not in rows  # a 4301-digit run claims nothing, and fails nothing


def test_a_count_above_2_53_does_not_stop_parquet_output(bad_archive: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = bad_archive / "claims.parquet"
    summary = run_extract([str(bad_archive / "feed.jsonl")], str(out), progress=False)
    assert (summary.records, summary.errors) == (8, 1)
    rows = {r["record_id"]: r for r in pq.read_table(out).to_pylist()}
    assert rows["above-2-53"]["value"] is None and rows["above-2-53"]["quantity_text"] == ABOVE_2_53
    assert rows["\ufffd"]["value"] == 14  # tables cannot hold a surrogate: U+FFFD
    assert rows["after"]["value"] == 18


def test_truncated_errors_file_resumes_from_the_last_checkpoint_it_holds(
    bad_archive: Path, tmp_path: Path
) -> None:
    shutil.copy(bad_archive / "feed.jsonl", tmp_path / "feed.jsonl")
    src, out = str(tmp_path / "feed.jsonl"), tmp_path / "claims.jsonl"
    run_extract([src], str(out), batch_size=1, progress=False)
    reference = out.read_bytes(), Path(f"{out}.errors.jsonl").read_bytes()
    Path(f"{out}.errors.jsonl").write_bytes(b"")  # the disk filled up, a copy was cut short
    resumed = _cli("extract", src, "-o", str(out), "--resume", "--no-progress")
    assert resumed.returncode == 0, resumed.stderr
    stderr = resumed.stderr.decode()
    assert "Traceback" not in stderr
    assert (
        "resuming from the last checkpoint they hold (2 records done), so 6 records are done again" in stderr
    )
    assert (out.read_bytes(), Path(f"{out}.errors.jsonl").read_bytes()) == reference
    assert read_done(f"{out}.done").records == 8


# --- resume with files shorter than the log (in process, a stand-in pipeline) -------------


@Language.component("bad_records_counts")
def _count_claims(doc: Doc) -> Doc:
    """One claim per digit token, valued as written (however large), for bookkeeping tests;
    a text containing STALL loops, one containing CRASH kills its process."""
    if "STALL" in doc.text:
        time.sleep(60)
    if "CRASH" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    claims = []
    for token in doc:
        if token.like_num and token.text[0].isdigit():
            value = float(token.text) if "." in token.text else int(token.text)
            quantity = Quantity(value=value, text=token.text, start=token.idx, end=token.idx + len(token))
            claims.append(Claim(text=doc.text, start=0, end=len(doc.text), event="attack", quantity=quantity))
    doc._.claimx_claims = claims
    return doc


@pytest.fixture(scope="module")
def fake_nlp() -> Language:
    import claimx.claims.factory  # noqa: F401  (registers the doc extensions)

    nlp = spacy.blank("en")
    nlp.add_pipe("bad_records_counts")
    return nlp


def _feed(path: Path, n: int) -> str:
    rows = [{"id": f"r{i}", "text": "no number" if i % 5 == 4 else f"{i} drones"} for i in range(n)]
    rows[7] = {"id": "r7"}  # an error record
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_truncated_output_resumes_from_the_last_checkpoint_it_holds(
    tmp_path: Path, fake_nlp: Language, caplog: pytest.LogCaptureFixture
) -> None:
    src, out = _feed(tmp_path / "feed.jsonl", 40), tmp_path / "out.jsonl"
    run_extract([src], str(out), nlp=fake_nlp, batch_size=4, progress=False)
    reference = out.read_bytes(), Path(f"{out}.errors.jsonl").read_bytes()
    with open(out, "r+b") as fh:
        fh.truncate(len(reference[0]) // 2 - 3)  # below the last checkpoint, mid-line
    again = run_extract([src], str(out), nlp=fake_nlp, batch_size=4, progress=False, resume=True)
    assert 0 < again.already_done < 40 and again.already_done + again.records == 40
    assert "is shorter than the resume log says" in caplog.text
    assert (out.read_bytes(), Path(f"{out}.errors.jsonl").read_bytes()) == reference


def test_output_shorter_than_every_checkpoint_starts_over(tmp_path: Path, fake_nlp: Language) -> None:
    src, out = _feed(tmp_path / "feed.jsonl", 12), tmp_path / "out.jsonl"
    run_extract([src], str(out), nlp=fake_nlp, batch_size=4, progress=False)
    reference = out.read_bytes()
    out.write_bytes(b"")
    again = run_extract([src], str(out), nlp=fake_nlp, batch_size=4, progress=False, resume=True)
    assert (again.already_done, again.records) == (0, 12)
    assert out.read_bytes() == reference


def test_a_claim_the_output_format_cannot_hold_fails_its_record_alone(
    tmp_path: Path, fake_nlp: Language
) -> None:
    pytest.importorskip("pyarrow")
    src = tmp_path / "feed.jsonl"
    rows = [
        {"id": "big", "text": "99999999999999999999 drones"},  # a custom pipeline's value above 2**63
        {"id": "exact", "text": ABOVE_2_53 + " drones"},  # counts are int64 columns: 2**53 + 1 fits
        {"id": "ok", "text": "5 drones"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.parquet"
    summary = run_extract([str(src)], str(out), nlp=fake_nlp, progress=False)
    assert (summary.processed, summary.errors) == (2, 1)
    (error,) = _lines(Path(f"{out}.errors.jsonl"))
    assert error["id"] == "big" and error["reason"].startswith("cannot write its claims as parquet: value")
    import pyarrow.parquet as pq

    assert pq.read_table(out).column("value").to_pylist() == [2**53 + 1, 5]


def test_json_output_is_strict(tmp_path: Path) -> None:
    quantity = Quantity(value=math.inf, text="countless", start=0, end=9)
    claim = Claim(text="countless drones", start=0, end=16, event="attack", quantity=quantity)
    from claimx.batch import ExtractionResult
    from claimx.io import ClaimWriter, UnwritableRecord

    writer = ClaimWriter(str(tmp_path / "out.jsonl"), "jsonl")
    with pytest.raises(UnwritableRecord, match="cannot write its claims as jsonl"):
        writer.write(ExtractionResult(id="inf", index=0, claims=[claim]))
    writer.close()
    assert (tmp_path / "out.jsonl").read_bytes() == b""  # nothing half-written


# --- per-record time budget and dying workers ---------------------------------------------


RECORDS = ["3 drones", "STALL 4 drones", "5 drones", "CRASH 6 drones", "7 drones"]


@pytest.mark.parametrize("n_workers", [1, 2])
def test_a_record_over_its_time_budget_or_killing_its_worker_fails_alone(
    fake_nlp: Language, n_workers: int
) -> None:
    started = time.monotonic()
    results = list(extract_many(RECORDS * 2, nlp=fake_nlp, n_workers=n_workers, batch_size=3, timeout=1.5))
    assert time.monotonic() - started < 30  # two stalls of 60 s each were stopped
    assert [r.index for r in results] == list(range(10))
    values = [[c.quantity.value for c in r.claims] for r in results]
    assert values == [[3], [], [5], [], [7]] * 2
    for stalled in (results[1], results[6]):
        assert stalled.error.startswith("timed out: took more than the record timeout of 1.5 s")
    for crashed in (results[3], results[8]):
        assert crashed.error == "the worker process died while running this record (killed by signal SIGKILL)"


def test_cli_record_timeout(tmp_path: Path) -> None:
    src = tmp_path / "feed.jsonl"
    long_text = " ".join([STRIKE.format(n=n) for n in range(300)])
    src.write_text(json.dumps({"id": "long", "text": long_text}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--record-timeout", "0.01"])
    assert done.exit_code == 1  # nothing could be processed
    (error,) = _lines(Path(f"{out}.errors.jsonl"))
    assert error["id"] == "long" and error["reason"].startswith("timed out")
    assert "--record-timeout" in CliRunner().invoke(app, ["extract", "--help"]).stdout


def test_rejects_a_timeout_that_is_not_positive() -> None:
    with pytest.raises(ValueError, match="timeout"):
        next(extract_many(["x"], timeout=0))


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


#: A parent process that streams an endless input through two workers (a blank pipeline
#: that states no claims: the pipeline is not the point here, and loads at once).
_ENDLESS_JOB = """
import itertools, spacy
import claimx.claims.factory
from claimx.batch import extract_many

nlp = spacy.blank("en")
texts = ("Drones fell on Sumy overnight." for _ in itertools.count())
for n, _ in enumerate(extract_many(texts, nlp=nlp, n_workers=2, batch_size=4)):
    if n == 200:
        print("running", flush=True)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_main_process_is_killed() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _ENDLESS_JOB],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout.readline() == b"running\n"
        workers = _children(proc.pid)
        assert len(workers) == 2
    finally:
        proc.send_signal(signal.SIGKILL)  # kill -9: no finally, no atexit in the parent
        proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)


# --- extract() on any str -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a\udc80b",
        "\ud83d\ude00 Kyiv said 5 drones fell.",
        "1" * 4301,
        "100," * 2500,
        "Officials said " + "9" * 5000 + " people were hurt.",
        "The army said " + HUGE + " shells hit Kherson.",
        "\x00\u202e\u2028\ufeff" * 50,
    ],
)
def test_extract_returns_claims_or_nothing_for_any_str(text: str) -> None:
    claims = claimx.extract(text)
    read = encodable(text)
    for claim in claims:
        assert read[claim.start : claim.end] == claim.text
        if claim.quantity:
            q = claim.quantity
            assert read[q.start : q.end] == q.text
            assert q.value is None or (math.isfinite(q.value) and abs(q.value) <= 2**53)


_PIECES = st.sampled_from(
    [" ", "\n", ",", ".", "-", "–", '"', "'", "(", ")", "1", "22", "9007199254740993", "0.5", "1,000",
     "million", "dozens", "drones", "killed", "said", "Kyiv", "Gaza", "on Monday", "at 14:00", "\udc00",
     "\ud83d", "é", "\u0301", "\x00", "ministry", "according to", "the", "over", "between", "and"]
)  # fmt: skip


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_extract_on_random_text_keeps_exact_offsets(text: str) -> None:
    read = encodable(text)
    for claim in claimx.extract(text, published="2025-03-10"):
        assert read[claim.start : claim.end] == claim.text
        for part in (claim.quantity, claim.source, *claim.locations):
            if part is not None and part.start is not None:
                assert read[part.start : part.end] == part.text


def test_parse_keeps_numbers_without_an_exact_float_as_text_only() -> None:
    for text in (ABOVE_2_53, HUGE, "12345678901234567.5", "between 3 and " + ABOVE_2_53):
        parsed = parse_quantity(text)
        assert parsed.unrepresentable and (parsed.value, parsed.low, parsed.high) == (None, None, None)
    assert parse_quantity("9007199254740992").value == 2**53
    assert parse_quantity("1.5 million").value == 1_500_000
    assert parse_quantity("2.75").value == 2.75
    random.seed(7)
    for _ in range(200):  # every float-exact decimal keeps its value
        value = round(random.uniform(0, 10_000), random.randint(0, 3))
        assert parse_quantity(repr(value)).value == value

"""The archive job behind ``claimx extract`` (formats, errors file, resume) and the CLI."""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from claimx.bench import generate_corpus, run_bench
from claimx.cli import app
from claimx.io import UsageError, read_done, run_extract
from claimx.records import COLUMNS
from claimx.schema import Claim, Quantity

ROOT = Path(__file__).resolve().parents[1]


@Language.component("cli_test_counts")
def _count_claims(doc: Doc) -> Doc:
    """A stand-in for claimx_claims: one claim per sentence with a digit count, so these
    tests check the job's bookkeeping with real claims whatever the extraction state."""
    claims = []
    for sent in doc.sents:
        token = next((t for t in sent if t.is_digit), None)
        if token is not None:
            quantity = Quantity(
                value=int(token.text), text=token.text, start=token.idx, end=token.idx + len(token)
            )
            claim = Claim(
                text=sent.text, start=sent.start_char, end=sent.end_char, event="attack", quantity=quantity
            )
            claims.append(claim)
    doc._.claimx_claims = claims
    return doc


@pytest.fixture(scope="module")
def counting_nlp() -> Language:
    import claimx.claims.factory  # noqa: F401  (registers the doc extensions)

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("cli_test_counts")
    return pipeline


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write_jsonl(path: Path, rows: list) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """A small mixed archive: text files, JSONL with bad lines, CSV, gzipped JSONL."""
    root = tmp_path / "archive"
    (root / "txt").mkdir(parents=True)
    (root / "txt" / "mod.txt").write_text(
        "MOSCOW (Reuters) - Air defences destroyed 27 drones over the Bryansk Region. No damage reported.",
        encoding="utf-8",
    )
    (root / "txt" / "latin1.txt").write_bytes("Kharkiv: 4 injured, caf\xe9 hit".encode("latin-1"))
    (root / "feed.jsonl").write_bytes(
        b'{"id": "uaf-1", "text": "Air force: 31 of 35 Shaheds were downed.", "published": "2025-02-01"}\n'
        b'{"id": "uaf-2", "text": "Kyiv was quiet overnight.", "published": "2025-02-02"}\n'
        b'{"id": "broken", "text": "unterminated\n'
        b'{"id": "no-text", "headline": "Odesa port hit"}\n'
        b'{"id": "empty", "text": "  "}\n'
        b'{"id": "bad-bytes", "text": "Sumy \xff\xfe region"}\n'
        b'{"id": "bad-date", "text": "Officials said 6 people died.", "published": "31/02/2025"}\n'
        b"\n"
        b'{"id": 77, "text": "Israel said it struck 50 targets in Gaza. Hamas said 12 people were killed."}\n'
    )
    with open(root / "wires.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "published", "text"])
        writer.writerow(
            ["rsf-1", "2024-06-14", "The RSF said it had repelled an attack,\nkilling 40 fighters."]
        )
        writer.writerow(["rsf-2", "", ""])
    with gzip.open(root / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "gz-1", "text": "Houthis said they fired 3 missiles at a ship."}) + "\n")
    return root


def test_mixed_archive_to_jsonl_with_errors_file(
    archive: Path, tmp_path: Path, counting_nlp: Language
) -> None:
    out = tmp_path / "claims.jsonl"
    summary = run_extract([str(archive)], str(out), nlp=counting_nlp, progress=False)
    rows = _jsonl(out)
    assert [(r["record_id"], r["quantity"]["value"]) for r in rows] == [
        ("uaf-1", 31),
        (77, 50),
        (77, 12),
        ("gz-1", 3),
        (str(archive / "txt" / "mod.txt"), 27),
        ("rsf-1", 40),
    ]
    claim = Claim.model_validate({k: v for k, v in rows[0].items() if k != "record_id"})
    assert claim.text == "Air force: 31 of 35 Shaheds were downed."
    errors = _jsonl(Path(f"{out}.errors.jsonl"))
    reasons = {(Path(e["source"]).name, e["line"]): e["reason"] for e in errors}
    assert reasons.keys() == {
        ("feed.jsonl", 3),
        ("feed.jsonl", 4),
        ("feed.jsonl", 5),
        ("feed.jsonl", 6),
        ("feed.jsonl", 7),
        ("latin1.txt", 1),
        ("wires.csv", 4),
    }
    assert reasons["feed.jsonl", 3].startswith("invalid JSON")
    assert reasons["feed.jsonl", 4] == "missing text field 'text'"
    assert reasons["feed.jsonl", 5] == reasons["wires.csv", 4] == "empty text"
    assert reasons["feed.jsonl", 6].startswith("undecodable bytes")
    assert reasons["feed.jsonl", 7].startswith("[E011]")
    assert reasons["latin1.txt", 1].startswith("undecodable bytes")
    assert [e["id"] for e in errors if e["line"] == 7] == ["bad-date"]
    assert (summary.records, summary.errors, summary.claims, summary.processed) == (13, 7, 6, 6)


def test_csv_and_parquet_outputs(archive: Path, tmp_path: Path, counting_nlp: Language) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    inputs = [str(archive / "feed.jsonl"), str(archive / "wires.csv")]
    run_extract(inputs, str(tmp_path / "c.csv"), nlp=counting_nlp, progress=False)
    with open(tmp_path / "c.csv", encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert list(table[0]) == list(COLUMNS)
    assert [(r["record_id"], r["value"]) for r in table] == [
        ("uaf-1", "31"),
        ("77", "50"),
        ("77", "12"),
        ("rsf-1", "40"),
    ]
    assert table[3]["text"] == "The RSF said it had repelled an attack,\nkilling 40 fighters."

    run_extract(inputs, str(tmp_path / "c.parquet"), nlp=counting_nlp, progress=False)
    frame = pq.read_table(tmp_path / "c.parquet")
    assert frame.column_names == list(COLUMNS)
    assert frame.column("record_id").to_pylist() == ["uaf-1", "77", "77", "rsf-1"]
    assert frame.column("value").to_pylist() == [31, 50, 12, 40]


def test_parquet_and_csv_inputs_with_custom_fields(tmp_path: Path, counting_nlp: Language) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "url": ["https://a.example/1", "https://a.example/2", None],
            "body": ["Governor Gladkov said 8 homes were damaged.", None, "Poltava said 2 drones fell."],
        }
    )
    pq.write_table(table, tmp_path / "in.parquet")
    out = tmp_path / "out.jsonl"
    run_extract(
        [str(tmp_path / "*.parquet")],
        str(out),
        text_field="body",
        id_field="url",
        published="2025-05-05",
        nlp=counting_nlp,
        progress=False,
    )
    assert [(r["record_id"], r["quantity"]["value"]) for r in _jsonl(out)] == [
        ("https://a.example/1", 8),
        (f"{tmp_path / 'in.parquet'}:3", 2),
    ]
    assert [(e["line"], e["reason"]) for e in _jsonl(Path(f"{out}.errors.jsonl"))] == [
        (2, "missing text field 'body'")
    ]


def test_refuses_to_overwrite_without_force(archive: Path, tmp_path: Path, counting_nlp: Language) -> None:
    out = tmp_path / "o.jsonl"
    run_extract([str(archive / "feed.jsonl")], str(out), nlp=counting_nlp, progress=False)
    with pytest.raises(UsageError, match="--force"):
        run_extract([str(archive / "feed.jsonl")], str(out), nlp=counting_nlp, progress=False)
    before = out.read_bytes()
    run_extract([str(archive / "feed.jsonl")], str(out), nlp=counting_nlp, progress=False, force=True)
    assert out.read_bytes() == before


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_resume_after_kill_loses_and_duplicates_nothing(
    archive: Path, tmp_path: Path, counting_nlp: Language, suffix: str
) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    inputs = [str(archive)]
    reference = tmp_path / f"ref{suffix}"
    run_extract(inputs, str(reference), nlp=counting_nlp, progress=False, batch_size=2)
    out = tmp_path / f"out{suffix}"
    killed = tmp_path / "killed"
    run_extract(inputs, str(killed), fmt=suffix[1:], nlp=counting_nlp, progress=False, batch_size=2)
    # A kill after 5 finished records: the log holds 5 entries plus a torn one, and the
    # outputs hold more than the log says (the next record half written).
    log = Path(f"{killed}.done").read_bytes().splitlines(keepends=True)
    entry = json.loads(log[4])
    data = Path(f"{killed}.partial.jsonl" if suffix == ".parquet" else killed)
    body = data.read_bytes()
    data.write_bytes(body[: entry["o"] + (len(body) - entry["o"]) // 2])
    errors = Path(f"{killed}.errors.jsonl").read_bytes()
    Path(f"{killed}.errors.jsonl").write_bytes(errors[: entry["e"] + 7])
    Path(f"{killed}.done").write_bytes(b"".join(log[:5]) + log[5][:9])
    for path in tmp_path.glob("killed*"):
        shutil.move(path, str(path).replace("killed", f"out{suffix}"))
    if suffix == ".parquet":
        os.remove(out)  # killed before the job's end: no Parquet file yet

    summary = run_extract(inputs, str(out), nlp=counting_nlp, progress=False, batch_size=2, resume=True)
    assert summary.already_done == 5 and summary.records == 13 - 5
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).to_pylist() == pq.read_table(reference).to_pylist()
    else:
        assert out.read_bytes() == reference.read_bytes()
    assert Path(f"{out}.errors.jsonl").read_bytes() == Path(f"{reference}.errors.jsonl").read_bytes()
    assert read_done(f"{out}.done").records == 13
    # Resuming a finished job does nothing.
    again = run_extract(inputs, str(out), nlp=counting_nlp, progress=False, resume=True)
    assert (again.records, again.already_done) == (0, 13)


def _cli(*args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "claimx.cli", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=timeout,
    )


def test_stdin_to_stdout_pipe() -> None:
    feed = (
        b'{"id": "a", "text": "Russian air defences destroyed 33 Ukrainian drones over the Rostov Region '
        b'on Saturday, the Defence Ministry said.", "published": "2026-01-10"}\n'
        b'{"id": "b"}\n'
    )
    done = _cli("extract", "-", "-o", "-", stdin=feed)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert all(json.loads(line)["record_id"] == "a" for line in lines)
    err_lines = done.stderr.decode().splitlines()
    assert {"source": "-", "line": 2, "id": "b", "reason": "missing text field 'text'"} in [
        json.loads(line) for line in err_lines if line.startswith("{")
    ]
    assert err_lines[-1].startswith("claimx: 2 records (1 errors)")
    if not lines:
        pytest.skip("extraction not ready")
    assert "33" in lines[0]


def test_reader_closing_stdout_early_is_not_reported_as_an_error(tmp_path: Path) -> None:
    record = (
        '{{"id": "r{n}", "text": "Officials said {n} drones were shot down over the Kursk Region '
        'and {n} more over the Bryansk Region on Sunday."}}\n'
    )
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(record.format(n=n) for n in range(2, 3000)), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimx.cli", "extract", str(archive), "-o", "-", "--batch-size", "8"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert json.loads(proc.stdout.readline())["record_id"] == "r2"
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in stderr and "error" not in stderr, stderr


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")])
    assert missing.exit_code == 2
    assert missing.stderr.splitlines() == [f"claimx: error: input not found: {tmp_path / 'nope.jsonl'}"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    nothing = runner.invoke(app, ["extract", str(bad), "-o", str(tmp_path / "o.jsonl")])
    assert nothing.exit_code == 1
    errors_file = tmp_path / "o.jsonl.errors.jsonl"
    assert (
        nothing.stderr.splitlines()[-1] == f"claimx: error: no record could be processed; see {errors_file}"
    )
    again = runner.invoke(app, ["extract", str(bad), "-o", str(tmp_path / "o.jsonl")])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert all(isinstance(r.exception, SystemExit) for r in (missing, nothing, again))  # no traceback


def test_killed_process_resumes(tmp_path: Path) -> None:
    records = [
        {
            "id": f"n{i}",
            "text": f"Governor Fedorov said {i} drones were shot down over Zaporizhzhia on Sunday.",
            "published": "2025-04-06",
        }
        for i in range(150)
    ]
    records[120] = {"id": "n120"}  # one bad record, most likely after the kill point
    src = tmp_path / "feed.jsonl"
    _write_jsonl(src, records)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimx.cli", "extract", str(src), "-o", str(out), "--batch-size", "8"],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    log = Path(f"{out}.done")
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if log.exists() and log.stat().st_size > 0:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait()
    if proc.returncode == 0:
        pytest.skip("the job finished before it could be killed")
    done_before = read_done(str(log)).records
    assert 0 < done_before < 150
    resumed = _cli("extract", str(src), "-o", str(out), "--resume", "--no-progress")
    assert resumed.returncode == 0, resumed.stderr
    run_extract([str(src)], str(tmp_path / "ref.jsonl"), progress=False)
    assert out.read_bytes() == (tmp_path / "ref.jsonl").read_bytes()
    assert _jsonl(Path(f"{out}.errors.jsonl")) == [
        {"source": str(src), "line": 121, "id": "n120", "reason": "missing text field 'text'"}
    ]
    assert read_done(str(log)).records == 150


def test_bench_cycles_a_small_given_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "sample.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps({"id": n, "text": f"The governor said {n + 2} drones were shot down over Kursk."})
            for n in range(3)
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["bench", str(corpus), "--docs", "10", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "corpus has 3 texts; cycling them to 10 documents" in result.output
    assert "10 docs" in result.output


def test_bench_measures_tokenizer_claimx_and_rss() -> None:
    texts = list(generate_corpus(60, seed=3))
    assert texts == list(generate_corpus(60, seed=3)) and texts != list(generate_corpus(60, seed=4))
    report = run_bench(texts, workers=1)
    assert report.docs == 60 and report.words > 60 * 30
    assert report.tokenizer_wps > 0 and 0 < report.ratio and report.peak_rss_mb > 50
    assert report.speedup is None
    assert set(report.stages) == {"sentencizer", "claimx_entities", "claimx_claims"}
    assert all(seconds > 0 for seconds in report.stages.values())
    result = CliRunner().invoke(app, ["bench", "--docs", "40", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "tokenizer only" in result.output and "of tokenizer" in result.output
    assert "claimx_claims" in result.output


def test_compare_subcommand_prints_groups_and_fails_cleanly_on_missing_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from claimx.cli import app

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "Air defences shot down 12 drones over the Bryansk region, the Defence Ministry said.",
        encoding="utf-8",
    )
    b.write_text(
        "The Defence Ministry said more than 10 drones were shot down over the Bryansk region.",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["compare", str(a), str(b), "--json"])
    assert result.exit_code == 0, result.output
    assert '"consistent"' in result.output
    missing = runner.invoke(app, ["compare", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2

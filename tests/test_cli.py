"""The archive job behind ``claimx extract`` (formats, errors file, resume) and the CLI."""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
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
    bad.write_text('{"id": 1, "text": ["not", "a", "string"]}\nnot json\n', encoding="utf-8")
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


# --- checks before the first record ----------------------------------------------------------


def _wires_csv(path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["url", "body", "date"])
        writer.writerow(
            [
                "https://wire.example/1",
                "The regional governor said 14 homes were damaged overnight.",
                "2025-03-02",
            ]
        )
    return path


def _nothing_done(result, out: Path) -> None:
    """The command stopped before the pipeline loaded and before touching the output."""
    assert "loading pipeline" not in result.stderr
    assert not any(out.parent.glob(f"{out.name}*"))
    assert isinstance(result.exception, SystemExit)  # no traceback


def test_missing_fields_are_usage_errors_that_list_the_fields_present(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out.jsonl"
    wires = _wires_csv(tmp_path / "wires.csv")
    no_text = runner.invoke(app, ["extract", str(wires), "-o", str(out)])
    assert no_text.exit_code == 2
    assert no_text.stderr.splitlines() == [
        f"claimx: error: no field 'text' in the header of {wires}; its fields are 'url', 'body', 'date'"
    ]
    _nothing_done(no_text, out)
    # An --id-field or --date-field given explicitly must be there; the default id may be absent.
    no_id = runner.invoke(
        app, ["extract", str(wires), "-o", str(out), "--text-field", "body", "--id-field", "guid"]
    )
    assert no_id.exit_code == 2 and "no field 'guid' in the header" in no_id.stderr
    _nothing_done(no_id, out)

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n"
        + json.dumps({"guid": "t-1", "content": "Two people were hurt in Kherson, officials said."})
        + "\n",
        encoding="utf-8",
    )
    jsonl = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out), "--text-field", "content"])
    assert jsonl.exit_code == 2  # the folder holds the CSV too, which has no 'content'
    assert "no field 'content' in the header of" in jsonl.stderr
    only_feed = runner.invoke(
        app, ["extract", str(feed), "-o", str(out), "--date-field", "pubDate", "--text-field", "content"]
    )
    assert only_feed.exit_code == 2
    assert only_feed.stderr.strip() == (
        f"claimx: error: no field 'pubDate' in the first record (line 2) of {feed}; its fields are 'guid', 'content'"
    )
    _nothing_done(only_feed, out)


def test_missing_field_in_a_parquet_schema_is_a_usage_error(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(
        pa.table({"headline": ["Drone debris fell on a farm"], "story": ["..."]}), tmp_path / "a.parquet"
    )
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.parquet"), "-o", str(out)])
    assert result.exit_code == 2
    assert "no field 'text' in the schema of" in result.stderr and "'headline', 'story'" in result.stderr
    _nothing_done(result, out)


def test_unreadable_published_is_rejected_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(_wires_csv(tmp_path / "w.csv")),
            "-o",
            str(out),
            "--text-field",
            "body",
            "--published",
            "last Tuesday",
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("claimx: error: [E011]") and "'last Tuesday'" in result.stderr
    _nothing_done(result, out)


def test_parquet_without_pyarrow_fails_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "claims.parquet"
    wires = _wires_csv(tmp_path / "w.csv")
    result = CliRunner().invoke(app, ["extract", str(wires), "-o", str(out), "--text-field", "body"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "claimx: error: Parquet files need pyarrow: pip install 'claimx[parquet]'"
    ]
    _nothing_done(result, out)


def test_unknown_output_extension_is_an_error_not_silent_jsonl(
    tmp_path: Path, counting_nlp: Language
) -> None:
    wires = _wires_csv(tmp_path / "w.csv")
    out = tmp_path / "claims.txt"
    result = CliRunner().invoke(app, ["extract", str(wires), "-o", str(out), "--text-field", "body"])
    assert result.exit_code == 2
    assert "cannot tell the output format of" in result.stderr and "--output-format" in result.stderr
    _nothing_done(result, out)
    # Named explicitly, any file name will do.
    run_extract([str(wires)], str(out), fmt="csv", text_field="body", nlp=counting_nlp, progress=False)
    assert out.read_text(encoding="utf-8").startswith(",".join(COLUMNS))


# --- version, help, quiet, info ----------------------------------------------------------------


def test_version_matches_the_package() -> None:
    import claimx

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    declared = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert result.stdout.strip() == f"claimx {claimx.__version__}" == f"claimx {declared.group(1)}"


@pytest.mark.parametrize("command", [[], ["extract"], ["compare"], ["bench"], ["info"]])
def test_help_shows_metavars_not_python_types(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert not re.search(r"<[a-z]", result.stdout), result.stdout  # no <str>, <list[str]>, <int range>
    if command == ["extract"]:
        assert "INPUT..." in result.stdout and "--text-field FIELD" in result.stdout
        assert "--format FORMAT" in result.stdout and "-q, --quiet" in result.stdout


def _feed(path: Path) -> Path:
    _write_jsonl(
        path,
        [
            {
                "id": "k1",
                "text": "Kyiv's mayor said 4 people were injured by falling debris on Friday.",
                "published": "2025-06-13",
            },
            {
                "id": "k2",
                "text": "Officials said 9 drones were shot down over the Odesa region.",
                "published": "2025-06-13",
            },
        ],
    )
    return path


def test_start_up_line_and_summary_on_stderr_and_quiet_silences_them(tmp_path: Path) -> None:
    runner = CliRunner()
    feed = _feed(tmp_path / "feed.jsonl")
    loud = runner.invoke(app, ["extract", str(feed), "-o", str(tmp_path / "a.jsonl")])
    assert loud.exit_code == 0, loud.stderr
    lines = loud.stderr.splitlines()
    assert lines[0] == "claimx: loading pipeline"
    assert lines[1].startswith("claimx: pipeline loaded in ")
    assert lines[-1].startswith("claimx: 2 records (0 errors)")
    quiet = runner.invoke(app, ["extract", str(feed), "-o", str(tmp_path / "b.jsonl"), "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
    assert (tmp_path / "b.jsonl").read_bytes() == (tmp_path / "a.jsonl").read_bytes()
    # Errors are still reported when quiet.
    failed = runner.invoke(app, ["extract", str(feed), "-o", str(tmp_path / "b.jsonl"), "--quiet"])
    assert failed.exit_code == 2 and "--force" in failed.stderr


def test_info_names_versions_data_and_gazetteer_size() -> None:
    import dateparser
    import pydantic

    import claimx

    result = CliRunner().invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    rows = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert rows["claimx"] == claimx.__version__
    assert rows["spaCy"] == spacy.__version__ and rows["pydantic"] == pydantic.VERSION
    assert rows["dateparser"] == dateparser.__version__
    assert rows["Python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}.")
    facts = json.loads(CliRunner().invoke(app, ["info", "--json"]).stdout)
    assert facts["data"] in rows["Data"] and "gazetteer/subdivisions.json" in facts["data_files"]
    gazetteer = facts["gazetteer"]
    assert (
        gazetteer["countries"] > 200
        and gazetteer["regions"] > 1000
        and gazetteer["names"] > gazetteer["regions"]
    )
    assert f"{gazetteer['regions']:,} regions" in rows["Gazetteer"]


# --- stdin formats -----------------------------------------------------------------------------


def test_csv_on_stdin_with_format(tmp_path: Path) -> None:
    body = _wires_csv(tmp_path / "w.csv").read_bytes()
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["extract", "-", "--format", "csv", "--text-field", "body", "--id-field", "url", "-q"],
        input=body,
    )
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["record_id"] for r in rows} <= {"https://wire.example/1"}
    if not rows:
        pytest.skip("extraction not ready")
    assert rows[0]["quantity"]["value"] == 14
    missing = runner.invoke(app, ["extract", "-", "--format", "csv", "--text-field", "text"], input=body)
    assert missing.exit_code == 2
    assert (
        missing.stderr.strip()
        == "claimx: error: no field 'text' in the header of stdin; its fields are 'url', 'body', 'date'"
    )
    unknown = runner.invoke(app, ["extract", "-", "--format", "parquet"], input=body)
    assert unknown.exit_code == 2 and "jsonl, csv, txt" in unknown.stderr
    # --format once named the output format: given without stdin, it must not be ignored.
    old_style = runner.invoke(
        app, ["extract", str(tmp_path / "w.csv"), "--format", "csv", "-o", str(tmp_path / "c.jsonl")]
    )
    assert old_style.exit_code == 2 and "--output-format" in old_style.stderr


def test_stdin_format_txt_keeps_a_text_that_starts_like_json(tmp_path: Path, counting_nlp: Language) -> None:
    text = b"{Update} Officials said 5 drones were downed near Sumy.\n{Second paragraph} 2 were injured.\n"
    out = tmp_path / "o.jsonl"
    run_extract(
        ["-"],
        str(out),
        stdin=iter(text.splitlines(keepends=True)),
        stdin_format="txt",
        nlp=counting_nlp,
        progress=False,
    )
    assert [(r["record_id"], r["quantity"]["value"]) for r in _jsonl(out)] == [("-", 5), ("-", 2)]
    sniffed = tmp_path / "s.jsonl"
    run_extract(
        ["-"], str(sniffed), stdin=iter(text.splitlines(keepends=True)), nlp=counting_nlp, progress=False
    )
    assert _jsonl(sniffed) == [] and len(_jsonl(Path(f"{sniffed}.errors.jsonl"))) == 2  # read as JSONL


def test_stdin_jsonl_checked_on_its_first_record_and_replayed_whole(
    tmp_path: Path, counting_nlp: Language
) -> None:
    lines = [
        b"\n",
        b'{"id": "a", "body": "Officials said 3 homes burned."}\n',
        b'{"id": "b", "body": "Police said 6 were detained."}\n',
    ]
    with pytest.raises(
        UsageError,
        match=r"no field 'text' in the first record \(line 2\) of stdin; its fields are 'id', 'body'",
    ):
        run_extract(
            ["-"],
            str(tmp_path / "x.jsonl"),
            stdin=iter(lines),
            require_fields=["text"],
            nlp=counting_nlp,
            progress=False,
        )
    out = tmp_path / "o.jsonl"
    run_extract(
        ["-"],
        str(out),
        stdin=iter(lines),
        text_field="body",
        require_fields=["body"],
        nlp=counting_nlp,
        progress=False,
    )
    assert [(r["record_id"], r["quantity"]["value"]) for r in _jsonl(out)] == [("a", 3), ("b", 6)]


# --- progress total ----------------------------------------------------------------------------


def test_progress_total_counts_records_as_the_reader_yields_them(archive: Path) -> None:
    from claimx.io import _progress_bar, expand_inputs, input_format, read_records, record_counter

    files = [(path, input_format(path)) for path in expand_inputs([str(archive)])]
    assert len(files) == 5
    bar = _progress_bar(True, initial=4)
    try:
        counter = record_counter(bar, files)
        counter.start()
        counter.join(timeout=30)
        read = sum(1 for path, _ in files for _ in read_records(path))
        assert bar.total == read == 13  # bad lines, blank-free JSONL, a CSV row spanning lines
        assert bar.n == 4 and "4/13" in str(bar)  # resumed: the earlier run's records count
    finally:
        bar.close()


# --- compare reads what extract reads ----------------------------------------------------------


def test_compare_reads_csv_parquet_and_folders(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    mod = "The Defence Ministry said air defences shot down 18 drones over the Kursk region on Sunday."
    city = "The Kursk governor said more than 15 drones were shot down over the Kursk region on Sunday."
    wire = "The regional governor said 21 drones were shot down over the Kursk region on Sunday."
    with open(tmp_path / "reports.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["url", "body", "date"], ["mod", mod, "2025-06-16"]])
    pq.write_table(
        pa.table({"url": ["city"], "body": [city], "date": ["2025-06-16"]}), tmp_path / "city.parquet"
    )
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "wire.txt").write_text(wire, encoding="utf-8")
    args = [
        "compare",
        str(tmp_path / "reports.csv"),
        str(tmp_path / "city.parquet"),
        str(tmp_path / "folder"),
    ]
    fields = ["--text-field", "body", "--id-field", "url", "--date-field", "date", "--json"]
    result = CliRunner().invoke(app, [*args, *fields])
    assert result.exit_code == 0, result.stderr
    comparison = json.loads(result.stdout)
    assert comparison["documents"] == ["mod", "city", "wire"]
    members = {m["doc_id"] for g in comparison["groups"] for m in g["members"]}
    if not members:
        pytest.skip("extraction not ready")
    assert members == {"mod", "city", "wire"}
    # A bad record stops the command with where it is; so does a wrong field.
    with open(tmp_path / "reports.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["empty", "", "2025-06-16"])
    bad = CliRunner().invoke(app, [*args, *fields])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == f"claimx compare: error: {tmp_path / 'reports.csv'}:3: empty text"


def test_compare_reads_stdin_in_the_given_format() -> None:
    feed = "".join(
        json.dumps({"id": rid, "text": text}) + "\n"
        for rid, text in [
            ("a", "Hamas said 12 people were killed in the strike on Tuesday."),
            ("b", "The health ministry said 14 people were killed in the strike on Tuesday."),
        ]
    )
    result = CliRunner().invoke(
        app, ["compare", "-", "--format", "jsonl", "--json", "--published", "2025-01-08"], input=feed
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["documents"] == ["a", "b"]
    bad_date = CliRunner().invoke(app, ["compare", "-", "--published", "soon"], input=feed)
    assert bad_date.exit_code == 2 and "[E011]" in bad_date.stderr

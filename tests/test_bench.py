"""``claimx bench`` reports the one-process ratio in CPU time as well as wall time."""

from __future__ import annotations

from claimx.bench import generate_corpus, run_bench


def test_bench_reports_the_ratio_in_cpu_time() -> None:
    report = run_bench(list(generate_corpus(30, seed=5)), workers=1)
    assert report.cpu_ratio is not None and 0 < report.cpu_ratio < 1
    line = next(line for line in report.lines() if line.startswith("claimx (1 process)"))
    assert "of tokenizer; " in line and line.endswith("in CPU time)")

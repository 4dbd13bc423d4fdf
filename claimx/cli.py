"""The ``claimx`` command line: ``claimx extract`` over news archives, ``claimx compare``
to set reports side by side, ``claimx bench``.

``extract`` is built for long jobs on millions of articles: it streams, shows progress,
logs every bad record to an errors file and goes on, and ``--resume`` restarts a killed
job where it stopped (see :mod:`claimx.io` for how). It exits non-zero only on usage
errors or when nothing could be processed, with a one-line message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from .io import DEFAULT_RECORD_TIMEOUT, UsageError, run_extract

app = typer.Typer(
    name="claimx",
    help="Extract attributed claims (who says what happened, how many, where, when) from news text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"claimx: error: {message}", err=True)
    return typer.Exit(code)


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files (.txt .jsonl .csv .parquet, .gz), directories, globs, or -."),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output .jsonl, .csv or .parquet; - for stdout.")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="jsonl, csv or parquet (default: by extension).")
    ] = None,
    text_field: Annotated[str, typer.Option(help="Record field holding the article text.")] = "text",
    id_field: Annotated[
        str, typer.Option(help="Record field holding the record id (default: FILE:LINE).")
    ] = "id",
    date_field: Annotated[str, typer.Option(help="Record field holding the publication date.")] = "published",
    published: Annotated[str | None, typer.Option(help="Publication date for records without one.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per batch and per checkpoint.")] = 64,
    record_timeout: Annotated[
        float,
        typer.Option(
            min=0,
            help="Seconds one record may take before it is logged as an error and skipped (0: no limit).",
        ),
    ] = DEFAULT_RECORD_TIMEOUT,
    resume: Annotated[bool, typer.Option(help="Continue a killed job: skip records already done.")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing output.")] = False,
    errors: Annotated[
        str | None, typer.Option(help="Errors file (default: OUT.errors.jsonl; stderr for -o -).")
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Progress bar (default: on when stderr is a terminal)."
        ),
    ] = None,
) -> None:
    """Extract claims from news records into JSONL, CSV or Parquet."""
    if fmt not in (None, "jsonl", "csv", "parquet"):
        raise _fail(f"unknown --format {fmt!r} (use jsonl, csv or parquet)", 2)
    try:
        summary = run_extract(
            inputs,
            output,
            fmt=fmt,
            text_field=text_field,
            id_field=id_field,
            date_field=date_field,
            published=published,
            workers=workers,
            batch_size=batch_size,
            record_timeout=record_timeout or None,
            resume=resume,
            force=force,
            errors=errors,
            progress=progress,
        )
    except UsageError as exc:
        raise _fail(str(exc), 2) from None
    except KeyboardInterrupt:
        raise _fail("interrupted; rerun with --resume to continue", 130) from None
    except BrokenPipeError:  # the reader of stdout stopped early (`| head`): not an error to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the signal docs advise
        raise typer.Exit(1) from None
    except (OSError, ImportError) as exc:
        raise _fail(str(exc), 1) from None
    rate = summary.records / summary.seconds if summary.seconds else 0.0
    typer.echo(
        f"claimx: {summary.records:,} records ({summary.errors:,} errors), {summary.claims:,} claims "
        f"-> {output} in {summary.seconds:.1f}s ({rate:,.1f} records/s)"
        + (f"; {summary.already_done:,} done earlier" if summary.already_done else ""),
        err=True,
    )
    if summary.processed == 0 and not (summary.records == 0 and summary.already_done):
        see = f"; see {summary.errors_file}" if summary.errors else ""
        raise _fail(f"no record could be processed{see}", 1)


@app.command()
def bench(
    corpus: Annotated[
        list[str] | None,
        typer.Argument(metavar="CORPUS", help="Files or directories to read texts from (default: built-in)."),
    ] = None,
    docs: Annotated[int, typer.Option("--docs", "-n", min=1, help="Documents to benchmark on.")] = 2000,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes to compare.")] = 2,
    memory: Annotated[bool, typer.Option(help="Also measure RSS growth over a long stream (slow).")] = False,
    memory_docs: Annotated[int, typer.Option(help="Documents in the memory run.")] = 100_000,
    memory_baseline: Annotated[
        int, typer.Option(help="Document count RSS growth is measured from.")
    ] = 10_000,
    adversarial: Annotated[
        bool,
        typer.Option(help="Instead, time adversarial texts (quote runs, no full stop, …) at 10-100 kB."),
    ] = False,
) -> None:
    """Benchmark claimx against spaCy's tokenizer: words/s, ratio, speed-up, RSS."""
    if adversarial:
        from .adversarial import run_adversarial

        for line in run_adversarial():
            typer.echo(line)
        return
    from .bench import generate_corpus, load_corpus, memory_growth, run_bench

    try:
        texts = load_corpus(corpus, docs) if corpus else list(generate_corpus(docs))
    except (FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc), 2) from None
    if not texts:
        raise _fail("the corpus has no texts", 1)
    if len(texts) < docs:  # a small sample is cycled so timings cover enough work
        typer.echo(f"corpus has {len(texts):,} texts; cycling them to {docs:,} documents")
        texts = [texts[i % len(texts)] for i in range(docs)]
    for line in run_bench(texts, workers=workers).lines():
        typer.echo(line)
    if memory:
        if memory_baseline >= memory_docs:
            raise _fail("--memory-baseline must be below --memory-docs", 2)
        before, after = memory_growth(memory_docs, baseline=memory_baseline)
        typer.echo(
            f"RSS growth          {after - before:>12,.1f} MB from doc {memory_baseline:,} "
            f"({before:,.0f} MB) to doc {memory_docs:,} ({after:,.0f} MB)"
        )


@app.command("compare")
def compare(
    files: Annotated[list[Path], typer.Argument(help="Reports to compare: .txt, .json or .jsonl files.")],
    json_output: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
) -> None:
    """Compare what several reports claim: agreements, consistent figures, conflicts."""
    from .cli_compare import compare_command

    code = compare_command(files, json_output)
    if code:
        raise typer.Exit(code)


def main() -> None:
    """Entry point of the ``claimx`` console script."""
    app()


if __name__ == "__main__":
    main()

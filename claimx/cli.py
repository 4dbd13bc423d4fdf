"""The ``claimx`` command line: ``claimx extract`` over news archives, ``claimx compare``
to set reports side by side, ``claimx bench``, ``claimx info`` for bug reports.

``extract`` is built for long jobs on millions of articles: it checks its fields, dates
and formats before it loads the pipeline, streams, shows progress, logs every bad record
to an errors file and goes on, and ``--resume`` restarts a killed job where it stopped
(see :mod:`claimx.io` for how). It exits non-zero only on usage errors or when nothing
could be processed, with a one-line message.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from . import __version__
from .io import DEFAULT_RECORD_TIMEOUT, STDIO, UsageError, run_extract

app = typer.Typer(
    name="claimx",
    help="Extract attributed claims (who says what happened, how many, where, when) from news text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _Command(TyperCommand):
    """A command whose help shows an argument by its metavar alone.

    Recent typer writes the Python type after an argument (``INPUT <list[str]>``) even
    when it has a metavar, which options with one are spared; the type says nothing to a
    user that the help text does not.
    """

    def format_options(self, ctx: Any, formatter: Any) -> None:  # click's, vendored by new typer
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name = (param.metavar or str(param.name).upper()) + ("..." if param.nargs != 1 else "")
                arguments.append((name, record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"claimx: error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Extract attributed claims (who says what happened, how many, where, when) from news text."""


def _say(message: str) -> None:
    typer.echo(f"claimx: {message}", err=True)


@app.command(cls=_Command)
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Files (.txt .jsonl .csv .parquet, .gz), directories, globs, or - for stdin.",
        ),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="OUT", help="Output .jsonl, .csv or .parquet; - for stdout."),
    ] = STDIO,
    input_fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="Format of stdin: jsonl, csv or txt (default: jsonl if it starts with {, else txt).",
        ),
    ] = None,
    output_fmt: Annotated[
        str | None,
        typer.Option(
            "--output-format",
            metavar="FORMAT",
            help="Output format: jsonl, csv or parquet (default: by the extension of OUT).",
        ),
    ] = None,
    text_field: Annotated[
        str, typer.Option(metavar="FIELD", help="Record field holding the article text.")
    ] = "text",
    id_field: Annotated[
        str | None,
        typer.Option(
            metavar="FIELD", help="Record field holding the record id [default: id, else FILE:LINE]."
        ),
    ] = None,
    date_field: Annotated[
        str | None,
        typer.Option(metavar="FIELD", help="Record field holding the publication date [default: published]."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Publication date (ISO) for records without one."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", metavar="N", min=1, help="Worker processes.")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option(metavar="N", min=1, help="Documents per batch and per checkpoint.")
    ] = 64,
    record_timeout: Annotated[
        float,
        typer.Option(
            metavar="SECONDS",
            min=0,
            help="Seconds one record may take before it is logged as an error and skipped (0: no limit).",
        ),
    ] = DEFAULT_RECORD_TIMEOUT,
    resume: Annotated[bool, typer.Option(help="Continue a killed job: skip records already done.")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing output.")] = False,
    errors: Annotated[
        str | None,
        typer.Option(metavar="PATH", help="Errors file [default: OUT.errors.jsonl; stderr for -o -]."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Progress bar [default: on when stderr is a terminal]."
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress, start-up or summary lines; only errors.")
    ] = False,
) -> None:
    """Extract claims from news records into JSONL, CSV or Parquet.

    Fields, dates and formats are checked before the pipeline loads: a --text-field,
    --id-field or --date-field missing from a CSV or Parquet header or from the first
    JSONL record is a usage error that lists the fields there.
    """
    required = [text_field, *(f for f in (id_field, date_field) if f is not None)]
    try:
        summary = run_extract(
            inputs,
            output,
            fmt=output_fmt,
            text_field=text_field,
            id_field=id_field or "id",
            date_field=date_field or "published",
            published=published,
            workers=workers,
            batch_size=batch_size,
            record_timeout=record_timeout or None,
            resume=resume,
            force=force,
            errors=errors,
            progress=False if quiet and progress is None else progress,
            stdin_format=input_fmt,
            require_fields=required,
            log=None if quiet else _say,
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
    if not quiet:
        rate = summary.records / summary.seconds if summary.seconds else 0.0
        _say(
            f"{summary.records:,} records ({summary.errors:,} errors), {summary.claims:,} claims "
            f"-> {output} in {summary.seconds:.1f}s ({rate:,.1f} records/s)"
            + (f"; {summary.already_done:,} done earlier" if summary.already_done else "")
        )
    if summary.processed == 0 and not (summary.records == 0 and summary.already_done):
        see = f"; see {summary.errors_file}" if summary.errors else ""
        raise _fail(f"no record could be processed{see}", 1)


@app.command(cls=_Command)
def info(
    json_output: Annotated[bool, typer.Option("--json", help="Print the information as JSON.")] = False,
) -> None:
    """Versions, data folder and gazetteer size, to paste into a bug report."""
    from .info import collect, lines

    facts = collect()
    if json_output:
        typer.echo(json.dumps(facts, indent=2))
    else:
        for line in lines(facts):
            typer.echo(line)


@app.command(cls=_Command)
def bench(
    corpus: Annotated[
        list[str] | None,
        typer.Argument(metavar="CORPUS", help="Files or directories to read texts from (default: built-in)."),
    ] = None,
    docs: Annotated[
        int, typer.Option("--docs", "-n", metavar="N", min=1, help="Documents to benchmark on.")
    ] = 2000,
    workers: Annotated[
        int, typer.Option("--workers", "-w", metavar="N", min=1, help="Worker processes to compare.")
    ] = 2,
    memory: Annotated[bool, typer.Option(help="Also measure RSS growth over a long stream (slow).")] = False,
    memory_docs: Annotated[int, typer.Option(metavar="N", help="Documents in the memory run.")] = 100_000,
    memory_baseline: Annotated[
        int, typer.Option(metavar="N", help="Document count RSS growth is measured from.")
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


@app.command("compare", cls=_Command)
def compare(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Reports: .txt .jsonl .csv .parquet (.gz) files, .json records, directories, globs, -.",
        ),
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
    input_fmt: Annotated[
        str | None,
        typer.Option("--format", metavar="FORMAT", help="Format of stdin: jsonl, csv or txt."),
    ] = None,
    text_field: Annotated[
        str, typer.Option(metavar="FIELD", help="Record field holding the report text.")
    ] = "text",
    id_field: Annotated[
        str, typer.Option(metavar="FIELD", help="Record field holding the report id.")
    ] = "id",
    date_field: Annotated[
        str, typer.Option(metavar="FIELD", help="Record field holding the publication date.")
    ] = "published",
    published: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Publication date (ISO) for reports without one."),
    ] = None,
) -> None:
    """Compare what several reports claim: agreements, consistent figures, conflicts."""
    from .cli_compare import compare_command

    code = compare_command(
        inputs,
        json_output,
        stdin_format=input_fmt,
        text_field=text_field,
        id_field=id_field,
        date_field=date_field,
        published=published,
    )
    if code:
        raise typer.Exit(code)


def main() -> None:
    """Entry point of the ``claimx`` console script."""
    app()


if __name__ == "__main__":
    main()

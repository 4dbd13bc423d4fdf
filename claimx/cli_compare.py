"""``claimx compare FILES... [--json]``: compare the claims of several reports.

Each file is a report: ``.txt`` is the text (its id the file name without suffix);
``.json`` is one record and ``.jsonl`` one record per line, each with ``id``,
``published`` and ``text`` (or ``claims`` already extracted by claimx). The output is a
table of groups and findings, or with ``--json`` the :class:`~claimx.compare.Comparison`
as JSON. :func:`compare_command` has a typer signature, so the CLI registers it as is.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .compare import Comparison, compare
from .html import STATUS_COLORS, format_quantity, format_range, format_source, format_time


def _records(path: Path) -> list[dict[str, Any]]:
    """The reports in one file, as records for :func:`claimx.compare.compare`.

    Records with a text are re-extracted: a ``claims`` field next to a text may be in
    another format (an annotation file), so only claim-only records keep their claims.
    """
    if path.suffix == ".txt":
        return [{"id": path.stem, "text": path.read_text(encoding="utf-8")}]
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        records = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        loaded = json.loads(raw)
        records = loaded if isinstance(loaded, list) else [loaded]
    out = []
    for i, record in enumerate(records):
        doc_id = str(record.get("id") or (path.stem if len(records) == 1 else f"{path.stem}:{i + 1}"))
        if isinstance(record.get("text"), str) and not _are_claimx_claims(record.get("claims")):
            out.append({"id": doc_id, "text": record["text"], "published": record.get("published")})
        else:
            out.append({**record, "id": doc_id})
    return out


def _are_claimx_claims(claims: Any) -> bool:
    """Whether ``claims`` look like claimx claims (with offsets), not gold annotations."""
    return isinstance(claims, list) and all(
        isinstance(c, dict) and "start" in c and "event" in c for c in claims
    )


def _print_table(result: Comparison, console: Console) -> None:
    table = Table(title=f"claimx compare: {', '.join(result.documents)}", show_lines=True)
    for header in ("status", "event", "item", "places", "time", "allowed", "reports"):
        table.add_column(header, overflow="fold")
    for group in result.groups:
        reports = "\n".join(
            f"{m.doc_id}: {format_quantity(m.claim.quantity)} ({format_source(m.source)})"
            for m in group.members
        )
        places = ", ".join(group.places) + (" (related)" if group.relation == "related" else "")
        cells = (
            group.event,
            group.item or "",
            places,
            format_time(group.members[0].claim.time),
            format_range(group.low, group.high),
            reports,
        )
        table.add_row(f"[bold {STATUS_COLORS[group.status]}]{group.status}[/]", *(escape(c) for c in cells))
    console.print(table)
    for finding in result.findings:
        docs = ", ".join(finding.doc_ids)
        console.print(f"[bold]{finding.kind}[/] ({escape(docs)}): {escape(finding.message)}")


def compare_command(
    files: Annotated[list[Path], typer.Argument(help="Reports to compare: .txt, .json or .jsonl files.")],
    json_output: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
) -> int:
    """Compare what several reports claim; print the groups and findings.

    Returns the exit code: 0 on success, 2 when a file cannot be read.
    """
    records: list[dict[str, Any]] = []
    for path in files:
        try:
            records.extend(_records(path))
        except (OSError, ValueError) as exc:
            print(f"claimx compare: cannot read {path}: {exc}", file=sys.stderr)
            return 2
    result = compare(records)
    if json_output:
        print(result.model_dump_json(indent=2))
    else:
        _print_table(result, Console(width=160, highlight=False))
    return 0

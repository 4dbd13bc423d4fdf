"""``claimx compare INPUT... [--json]``: compare the claims of several reports.

Reports are read as ``claimx extract`` reads them (:func:`claimx.io.read_records`):
``.txt`` files (one report each, named after the file), JSONL, CSV and Parquet records,
directories, globs and ``-`` for stdin, with the same ``--text-field``/``--id-field``/
``--date-field`` and ``--format`` options. A ``.json`` file holds one record or a list,
with a ``text`` or the ``claims`` already extracted by claimx (as
:class:`claimx.compare.Report` dumps them). Any record that cannot be read stops the
command: a comparison that silently lacks a report would mislead. The output is a table
of groups and findings, or with ``--json`` the :class:`~claimx.compare.Comparison`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .api import coerce_published
from .compare import Comparison, compare
from .html import STATUS_COLORS, format_quantity, format_range, format_source, format_time
from .io import STDIO, expand_inputs, read_records


class _Unreadable(Exception):
    """A report that cannot be read (the message names where)."""


def _json_records(path: Path) -> list[dict[str, Any]]:
    """The reports in a ``.json`` file. Records with a text are re-extracted: a ``claims``
    field next to a text may be in another format (an annotation file), so only
    claim-only records keep their claims."""
    loaded = json.loads(path.read_text(encoding="utf-8"))
    records = loaded if isinstance(loaded, list) else [loaded]
    out = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise _Unreadable(f"{path}: item {i + 1} is not a JSON object")
        doc_id = str(record.get("id") or (path.stem if len(records) == 1 else f"{path.stem}:{i + 1}"))
        if isinstance(record.get("text"), str) and not _are_claimx_claims(record.get("claims")):
            out.append({"id": doc_id, "text": record["text"], "published": record.get("published")})
        else:
            out.append({**record, "id": doc_id})
    return out


def read_reports(
    inputs: Sequence[str | Path],
    *,
    stdin_format: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "published",
    published: str | None = None,
) -> list[dict[str, Any]]:
    """The reports named by ``inputs``, in order, as records for :func:`claimx.compare.compare`.

    Raises _Unreadable for a bad record, FileNotFoundError/ValueError for bad inputs.
    """
    reports: list[dict[str, Any]] = []
    for item in map(str, inputs):
        if item.endswith(".json") and os.path.isfile(item):
            reports.extend(_json_records(Path(item)))
            continue
        for path in expand_inputs([item]):
            records = read_records(
                path,
                text_field=text_field,
                id_field=id_field,
                date_field=date_field,
                stdin_format=stdin_format,
            )
            for record in records:
                if record.error:
                    raise _Unreadable(f"{record.source}:{record.line}: {record.error}")
                text_file = record.id == record.source and record.source != STDIO
                reports.append(
                    {
                        "id": Path(record.source).stem if text_file else record.id,
                        "text": record.text,
                        "published": record.published or published,
                    }
                )
    return reports


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
    inputs: Sequence[str | Path],
    json_output: bool = False,
    *,
    stdin_format: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "published",
    published: str | None = None,
) -> int:
    """Compare what the reports in ``inputs`` claim; print the groups and findings.

    Returns the exit code: 0 on success, 2 when an input or a record cannot be read.
    """
    try:
        if published:
            coerce_published(published)
        reports = read_reports(
            inputs,
            stdin_format=stdin_format,
            text_field=text_field,
            id_field=id_field,
            date_field=date_field,
            published=published,
        )
        result = compare(reports)
    except (OSError, ValueError, _Unreadable) as exc:
        print(f"claimx compare: error: {exc}", file=sys.stderr)
        return 2
    if json_output:
        print(result.model_dump_json(indent=2))
    else:
        _print_table(result, Console(width=160, highlight=False))
    return 0

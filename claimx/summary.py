"""Short plain-text summaries of results, for ``print`` and ``repr`` outside a notebook.

A pydantic dump of a claim runs to dozens of lines of nested fields; in a terminal or a
log a reader wants what the notebook table shows: what, how many, where, when, who. The
full data stays one call away (``model_dump()``). The cell formatters are the notebook
tables' (:mod:`claimx.html`), so both views say the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .html import format_places, format_quantity, format_range, format_source, format_time

if TYPE_CHECKING:
    from .batch import ExtractionResult
    from .compare import ClaimGroup, Comparison, Report
    from .consistency import Finding
    from .schema import Claim

#: Longest claim text shown before it is cut with an ellipsis.
TEXT_WIDTH = 60


def _cut(text: str, width: int = TEXT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def claim_line(claim: Claim) -> str:
    """One line: event, count and item, places, time, source, flags and the words."""
    what = " ".join(p for p in (claim.event, claim.harm, format_quantity(claim.quantity), claim.item) if p)
    parts = [what, format_places(claim.locations), format_time(claim.time), format_source(claim.source)]
    flags = [f for f, on in (("quote", claim.quote), ("hedged", claim.hedged)) if on]
    parts.append(", ".join(flags))
    parts.append(repr(_cut(claim.text)))
    return " | ".join(p for p in parts if p)


def claim_summary(claim: Claim) -> str:
    """``repr`` of a claim."""
    return f"<Claim {claim_line(claim)}>"


def claims_summary(claims: Sequence[Claim]) -> str:
    """A numbered list of claims, one line each."""
    if not claims:
        return "0 claims"
    return "\n".join(
        [_plural(len(claims), "claim") + ":"] + [f"{i:>3}  {claim_line(c)}" for i, c in enumerate(claims)]
    )


def group_line(group: ClaimGroup) -> str:
    """One line per group: status, what, where, the counts all allow, each document's figure."""
    places = ", ".join(group.places) + (" (related)" if group.relation == "related" else "")
    what = " ".join(p for p in (group.event, group.item) if p)
    allowed = format_range(group.low, group.high)
    members = "; ".join(
        f"{m.doc_id}: {format_quantity(m.claim.quantity)} ({format_source(m.source)})" for m in group.members
    )
    parts = [
        f"{group.status:<10}",
        what,
        places or "(no place)",
        f"allowed {allowed}" if allowed else "",
        members,
    ]
    return "  ".join(p for p in parts if p)


def group_summary(group: ClaimGroup) -> str:
    """``repr`` of a comparison group."""
    return f"<ClaimGroup {group_line(group)}>"


def finding_line(finding: Finding) -> str:
    """One line: kind, documents and message."""
    docs = f" [{', '.join(finding.doc_ids)}]" if finding.doc_ids else ""
    return f"{finding.kind}{docs}: {finding.message}"


def finding_summary(finding: Finding) -> str:
    """``repr`` of a finding."""
    return f"<Finding {finding_line(finding)}>"


def comparison_summary(comparison: Comparison) -> str:
    """The counts per status, then one line per group and per finding."""
    counts = ", ".join(
        f"{len(comparison.by_status(s))} {s}" for s in ("conflict", "consistent", "agree", "single")
    )
    lines = [f"claimx comparison of {', '.join(comparison.documents)}: {counts}"]
    lines += [f"  {group_line(g)}" for g in comparison.groups]
    if comparison.findings:
        lines.append(_plural(len(comparison.findings), "finding") + ":")
        lines += [f"  {finding_line(f)}" for f in comparison.findings]
    return "\n".join(lines)


def result_summary(result: ExtractionResult) -> str:
    """``repr`` of one record's result: its id and claim count, or its error."""
    if result.error:
        return f"<ExtractionResult id={result.id!r} error={_cut(result.error)!r}>"
    return f"<ExtractionResult id={result.id!r} {_plural(len(result.claims), 'claim')}>"


def report_summary(report: Report) -> str:
    """``repr`` of a report to compare."""
    published = f" published={report.published.isoformat()}" if report.published else ""
    return f"<Report id={report.id!r}{published} {_plural(len(report.claims), 'claim')}>"

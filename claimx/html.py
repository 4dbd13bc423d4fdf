"""HTML tables for notebooks: claims, comparison groups and findings.

Jupyter shows an object through its ``_repr_html_``; :class:`~claimx.schema.Claim`,
:class:`ClaimList`, :class:`~claimx.compare.Comparison` and
:class:`~claimx.consistency.Finding` delegate here. Every piece of text is
HTML-escaped: claims quote news text, and news text can contain markup. The plain
cell formatters (``format_*``) are shared with the command line.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING

from .schema import Claim, Location, Quantity, Source, TimeSpan

if TYPE_CHECKING:
    from .compare import ClaimGroup, Comparison
    from .consistency import Finding

#: Badge colours per group status: green agrees, blue fits, red conflicts, grey stands alone.
STATUS_COLORS = {"agree": "#2e7d32", "consistent": "#1565c0", "conflict": "#c62828", "single": "#757575"}

_QUALIFIER_SIGNS = {
    "approx": "\u2248",
    "at_least": "\u2265",
    "more_than": ">",
    "at_most": "\u2264",
    "less_than": "<",
}

_STYLE = (
    "<style>.claimx-table{border-collapse:collapse;font-size:13px;margin:4px 0}"
    ".claimx-table th,.claimx-table td{border:1px solid #ddd;padding:3px 6px;"
    "text-align:left;vertical-align:top}"
    ".claimx-table th{background:#f5f5f5}.claimx-badge{color:#fff;border-radius:3px;padding:1px 5px;"
    "font-weight:bold}</style>"
)


# --- plain cell text ----------------------------------------------------------------------


def _number(value: float | int) -> str:
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else f"{value:g}"


def format_quantity(quantity: Quantity | None) -> str:
    """A count as a short formula: ``133``, ``>130``, ``\u224850``, ``40\u201350``."""
    if quantity is None:
        return ""
    if quantity.qualifier == "range" or quantity.value is None:
        if quantity.low is None and quantity.high is None:
            return quantity.text if quantity.value is None else _number(quantity.value)
        low = "" if quantity.low is None else _number(quantity.low)
        high = "" if quantity.high is None else _number(quantity.high)
        return f"{low}\u2013{high}"
    return _QUALIFIER_SIGNS.get(quantity.qualifier, "") + _number(quantity.value)


def _moment(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value.isoformat()


def format_time(span: TimeSpan | None) -> str:
    """A time window as ``start \u2013 end`` (one value for an instant or a single day);
    the words as written when the time could not be resolved."""
    if span is None:
        return ""
    if not span.resolved or span.start is None:
        return f"\u201c{span.text}\u201d"
    if span.end is None or span.end == span.start:
        return _moment(span.start)
    return f"{_moment(span.start)} \u2013 {_moment(span.end)}"


def format_places(locations: Iterable[Location]) -> str:
    """Places as ``name (CODE)``, comma-separated."""
    parts = []
    for loc in locations:
        name = loc.name or loc.text
        parts.append(f"{name} ({loc.code})" if loc.code else name)
    return ", ".join(parts)


def format_source(source: Source) -> str:
    """Who says it: the name as given, with its kind."""
    if source.kind == "unattributed":
        return "(unattributed)"
    return f"{source.name or source.text} [{source.kind}]" if (source.name or source.text) else source.kind


def format_range(low: float | None, high: float | None) -> str:
    """The counts a group allows: ``133``, ``131+``, ``18\u201320``; empty when none."""
    if low is None:
        return ""
    if high is None:
        return f"{_number(low)}+"
    return _number(low) if low == high else f"{_number(low)}\u2013{_number(high)}"


# --- tables ---------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(rows)
    return f'{_STYLE}<table class="claimx-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _cell(text: str) -> str:
    return f"<td>{escape(text)}</td>"


def _badge(status: str) -> str:
    color = STATUS_COLORS.get(status, "#757575")
    return f'<td><span class="claimx-badge" style="background:{color}">{escape(status)}</span></td>'


def _claim_cells(claim: Claim) -> str:
    flags = ", ".join(f for f, on in (("quote", claim.quote), ("hedged", claim.hedged)) if on)
    quantity = claim.quantity
    title = f' title="{escape(quantity.text)}"' if quantity else ""
    return (
        _cell(claim.event)
        + f"<td{title}>{escape(format_quantity(quantity))}</td>"
        + _cell(claim.item or "")
        + _cell(format_places(claim.locations))
        + _cell(format_time(claim.time))
        + _cell(format_source(claim.source))
        + _cell(flags)
    )


CLAIM_HEADERS = ("#", "event", "count", "item", "places", "time", "source", "flags", "text")


def claims_table(
    claims: Sequence[Claim], *, anchor: str | None = None, targets: Sequence[str] | None = None
) -> str:
    """A table with one row per claim.

    With ``anchor``, row ``i`` gets the id ``{anchor}-c{i}`` so other markup can link to
    it; with ``targets``, each row's text links to ``#{targets[i]}`` (where the claim is
    highlighted in the text).
    """
    rows = []
    for i, claim in enumerate(claims):
        row_id = f' id="{escape(anchor)}-c{i}"' if anchor else ""
        text = escape(claim.text)
        if targets is not None:
            text = f'<a href="#{escape(targets[i])}">{text}</a>'
        rows.append(f"<tr{row_id}><td>{i}</td>{_claim_cells(claim)}<td>{text}</td></tr>")
    return _table(CLAIM_HEADERS, rows)


def groups_table(groups: Sequence[ClaimGroup]) -> str:
    """One row per comparison group: status, what, where, the range all allow, and each
    document's figure with its source."""
    rows = []
    for group in groups:
        members = "<br>".join(
            f"<b>{escape(m.doc_id)}</b>: {escape(format_quantity(m.claim.quantity))} \u2014 "
            f"{escape(format_source(m.source))} \u2014 <i>{escape(m.claim.text)}</i>"
            for m in group.members
        )
        places = ", ".join(group.places) + (" (related)" if group.relation == "related" else "")
        rows.append(
            "<tr>"
            + _badge(group.status)
            + _cell(group.event)
            + _cell(group.item or "")
            + _cell(places)
            + _cell(format_time(group.members[0].claim.time))
            + _cell(format_range(group.low, group.high))
            + f"<td>{members}</td></tr>"
        )
    return _table(("status", "event", "item", "places", "time", "allowed", "reports"), rows)


def findings_table(findings: Sequence[Finding]) -> str:
    """One row per finding: its kind, documents, figures and message."""
    rows = [
        "<tr>"
        + _cell(f.kind)
        + _cell(", ".join(f.doc_ids))
        + _cell("" if f.stated is None else _number(f.stated))
        + _cell("" if f.computed is None else _number(f.computed))
        + _cell(f.message)
        + "</tr>"
        for f in findings
    ]
    return _table(("finding", "documents", "stated", "computed", "message"), rows)


def comparison_html(comparison: Comparison) -> str:
    """A comparison as a heading with counts per status, the groups and the findings."""
    counts = ", ".join(
        f"{len(comparison.by_status(s))} {s}" for s in ("conflict", "consistent", "agree", "single")
    )
    parts = [
        f"<div><b>claimx comparison</b> of {escape(', '.join(comparison.documents))}: {escape(counts)}</div>",
        groups_table(comparison.groups),
    ]
    if comparison.findings:
        parts += ["<div><b>findings</b></div>", findings_table(comparison.findings)]
    return "".join(parts)


class Markup(str):
    """HTML as a string that a notebook displays as HTML (not as its source text)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


class ClaimList(list[Claim]):
    """A list of claims that shows itself as a table in a notebook."""

    def _repr_html_(self) -> str:
        return claims_table(self)

    def __repr__(self) -> str:
        """A numbered list, one line per claim."""
        from .summary import claims_summary

        return claims_summary(self)

    __str__ = __repr__

"""Compare what several reports claim about the same events.

:func:`compare` groups the counted claims of several documents that refer to the same
thing (same event and item, compatible places, overlapping times) and says whether
the reports ``agree``, are ``consistent`` ("over 130" and 133), ``conflict`` (1 and
2), or whether a figure was reported by a ``single`` document. It also runs the
within-document checks of :mod:`claimx.consistency` and one across documents: a total
in one report against the per-region figures another gives for the same window.

Grouping rules, chosen so that a conflict shown is a real one:

* Places: the same set of region codes is ``same``; codes linked in
  ``models/gazetteer/related_regions.json`` (Moscow city and Moscow Oblast) are
  ``related``. A claim naming no place is grouped only with claims naming none, and
  a country-wide figure only with figures for the same country: "22 drones" unplaced
  and "35 drones over Ukraine" may be different scopes (whose territory), so claimx
  does not guess. A claim whose number
  applies to each place ("three each in Bryansk and Oryol") is compared place by place.
* Times: windows must overlap; claims on different days are never grouped. A claim
  with no time takes its document's publication day; with neither, it fits any time,
  but a group never joins two claims whose known windows are apart.
* A document may appear twice in a group only repeating the same figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language

from .api import coerce_published, extract
from .consistency import (
    Bounds,
    Finding,
    Window,
    bounds,
    check,
    describe,
    format_bounds,
    is_distributive,
    is_unplaced,
    kind_key,
    overlap_ratio,
    parts_sum,
    place_keys,
    same_window,
    sum_mismatch,
    window,
)
from .resources import load_data
from .schema import Claim, Harm, Source

Status = Literal["agree", "consistent", "conflict", "single"]
PlaceRelation = Literal["same", "related"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Report(_Frozen):
    """One document to compare: its id, publication day, and claims (text optional)."""

    id: str
    published: date | None = None
    text: str | None = None
    claims: list[Claim] = Field(default_factory=list)

    def __repr__(self) -> str:
        """Its id, day and number of claims."""
        from .summary import report_summary

        return report_summary(self)

    __str__ = __repr__


class GroupedClaim(_Frozen):
    """A claim in a group, with the document it comes from and the places it was
    compared on (one of them for a claim that says "each")."""

    doc_id: str
    claim: Claim
    places: list[str] = Field(default_factory=list)

    @property
    def source(self) -> Source:
        """Who makes the claim."""
        return self.claim.source


class ClaimGroup(_Frozen):
    """Claims from one or more documents about the same thing, and how they relate.

    ``low``/``high`` are the counts every member allows (null for a conflict; ``high``
    null when unbounded). ``relation`` is ``related`` when members name related but
    different regions (Moscow city vs Moscow Oblast).
    """

    status: Status
    event: str
    item: str | None
    harm: Harm | None = None
    places: list[str] = Field(default_factory=list)
    relation: PlaceRelation = "same"
    members: list[GroupedClaim]
    low: float | None = None
    high: float | None = None

    @property
    def doc_ids(self) -> list[str]:
        """The documents in the group, in order, each once."""
        return list(dict.fromkeys(m.doc_id for m in self.members))

    @property
    def sources(self) -> list[Source]:
        """The members' sources, in order, each once."""
        return list(dict.fromkeys(m.source for m in self.members))

    def _repr_html_(self) -> str:
        from .html import groups_table

        return groups_table([self])

    def __repr__(self) -> str:
        """One line: status, what, where and each document's figure."""
        from .summary import group_summary

        return group_summary(self)

    __str__ = __repr__


class Comparison(_Frozen):
    """The result of :func:`compare`: groups of claims and the inconsistencies found."""

    documents: list[str]
    groups: list[ClaimGroup]
    findings: list[Finding] = Field(default_factory=list)

    def by_status(self, status: Status) -> list[ClaimGroup]:
        """The groups with ``status``, in document order."""
        return [g for g in self.groups if g.status == status]

    def _repr_html_(self) -> str:
        from .html import comparison_html

        return comparison_html(self)

    def __repr__(self) -> str:
        """The counts per status, one line per group and per finding."""
        from .summary import comparison_summary

        return comparison_summary(self)

    __str__ = __repr__


# --- inputs ---------------------------------------------------------------------------

DocInput = str | Report | Mapping[str, Any] | Sequence[Claim]


def _report(doc: DocInput, index: int, nlp: Language | None) -> Report:
    """Turn one input (text, record, claim list) into a :class:`Report`."""
    default_id = f"doc{index + 1}"
    if isinstance(doc, Report):
        return doc
    if isinstance(doc, str):
        return Report(id=default_id, text=doc, claims=extract(doc, nlp=nlp))
    if isinstance(doc, Mapping):
        doc_id = str(doc.get("id") or default_id)
        published = coerce_published(doc.get("published"))
        if doc.get("claims") is not None:
            claims = [Claim.model_validate(c) for c in doc["claims"]]
            return Report(id=doc_id, published=published, text=doc.get("text"), claims=claims)
        text = doc.get("text")
        if not isinstance(text, str):
            raise ValueError(f"Document {doc_id!r} has neither 'text' nor 'claims'.")
        return Report(
            id=doc_id, published=published, text=text, claims=extract(text, published=published, nlp=nlp)
        )
    if isinstance(doc, Sequence) and all(isinstance(c, Claim) for c in doc):
        return Report(id=default_id, claims=list(doc))
    raise TypeError(
        f"Cannot compare a {type(doc).__name__}: pass texts, records with 'text' or 'claims', or claim lists."
    )


# --- places ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _related_roots() -> dict[str, str]:
    """Each code in the related-regions table mapped to one representative of its group."""
    parent: dict[str, str] = {}

    def root(code: str) -> str:
        while parent.setdefault(code, code) != code:
            code = parent[code]
        return code

    for group in load_data("gazetteer/related_regions.json")["groups"]:
        first, *rest = group["codes"]
        for code in rest:
            parent[root(code)] = root(first)
    return {code: root(code) for code in parent}


def place_relation(a: frozenset[str], b: frozenset[str]) -> PlaceRelation | None:
    """How two claims' place sets relate: ``same``, ``related``, or None (not comparable)."""
    if a == b:
        return "same"
    roots = _related_roots()
    if len(a) == len(b) and {roots.get(p, p) for p in a} == {roots.get(p, p) for p in b}:
        return "related"
    return None


# --- grouping --------------------------------------------------------------------------


@dataclass
class _Entry:
    """A claim as compared: its document, places, bounds and time window."""

    doc_id: str
    claim: Claim
    places: frozenset[str]
    bounds: Bounds
    window: Window | None


@dataclass
class _Draft:
    kind: tuple[str, str | None, str | None]
    entries: list[_Entry] = field(default_factory=list)


def _day_window(day: date | None) -> Window | None:
    if day is None:
        return None
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def _implied_places(claim: Claim) -> frozenset[str]:
    """The scope of a claim naming no region: its countries, or for a regional source
    (a governor speaking of "the region") that source's region, named after the source."""
    if not is_unplaced(claim):
        return frozenset({f"region of {claim.source.name or claim.source.text or claim.source.kind}"})
    return frozenset(loc.code for loc in claim.locations if loc.code)


def _entries(report: Report) -> list[_Entry]:
    """The report's counted claims, a distributive claim split into one entry per place."""
    fallback = _day_window(report.published)
    entries = []
    for claim in report.claims:
        span = bounds(claim.quantity)
        if span is None:
            continue
        claim_window = window(claim.time) or fallback
        places = place_keys(claim) or _implied_places(claim)
        split = [frozenset([p]) for p in sorted(places)] if is_distributive(claim) else [places]
        entries.extend(_Entry(report.id, claim, p, span, claim_window) for p in split)
    return entries


def _fits(member: _Entry, entry: _Entry) -> bool:
    if place_relation(member.places, entry.places) is None:
        return False
    if (
        member.window is not None
        and entry.window is not None
        and overlap_ratio(member.window, entry.window) == 0
    ):
        return False
    return member.doc_id != entry.doc_id or member.bounds == entry.bounds


def _intersection(spans: Iterable[Bounds]) -> Bounds:
    spans = list(spans)
    return max(s[0] for s in spans), min(s[1] for s in spans)


def _score(draft: _Draft, entry: _Entry) -> float:
    """How well ``entry`` fits a group it may join: places, then times, then numbers."""
    score = 0.0
    for member in draft.entries:
        score += 2.0 if member.places == entry.places else 1.0
        if member.window is not None and entry.window is not None:
            score += overlap_ratio(member.window, entry.window)
    low, high = _intersection([*(m.bounds for m in draft.entries), entry.bounds])
    return score / len(draft.entries) + (1.0 if low <= high else 0.0)


def _group(entries: Sequence[_Entry]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for entry in entries:
        kind = kind_key(entry.claim)
        candidates = [d for d in drafts if d.kind == kind and all(_fits(m, entry) for m in d.entries)]
        if candidates:
            best = max(candidates, key=lambda d: _score(d, entry))  # max keeps the first of ties
            best.entries.append(entry)
        else:
            drafts.append(_Draft(kind, [entry]))
    return drafts


def _finish(draft: _Draft) -> ClaimGroup:
    """Classify a group and freeze it."""
    entries = draft.entries
    low, high = _intersection(e.bounds for e in entries)
    if len({e.doc_id for e in entries}) == 1:
        status: Status = "single"
    elif low > high:
        status = "conflict"
    elif len({e.bounds for e in entries}) == 1:
        status = "agree"
    else:
        status = "consistent"
    first = entries[0].places
    relation: PlaceRelation = "same" if all(e.places == first for e in entries) else "related"
    return ClaimGroup(
        status=status,
        event=draft.kind[0],
        item=draft.kind[1],
        harm=draft.kind[2],
        places=sorted(frozenset().union(*(e.places for e in entries))),
        relation=relation,
        members=[GroupedClaim(doc_id=e.doc_id, claim=e.claim, places=sorted(e.places)) for e in entries],
        low=None if status == "conflict" else low,
        high=None if status == "conflict" or math.isinf(high) else high,
    )


# --- totals across documents ------------------------------------------------------------


def _cross_sum_findings(reports: Sequence[Report]) -> list[Finding]:
    """A total in one report against the per-region figures another gives for the same
    kind and window. Both windows must be known: without them a daily total and an
    overnight breakdown would be confused."""
    findings: list[Finding] = []
    reported: set[tuple[str, str, Bounds, tuple[int, ...]]] = set()  # a total restated once is reported once
    for stating in reports:
        for total in stating.claims:
            total_window = window(total.time)
            if total_window is None or not is_unplaced(total) or bounds(total.quantity) is None:
                continue
            for listing in reports:
                if listing.id == stating.id:
                    continue
                parts = _listed_parts(listing.claims, total, total_window)
                if len(parts) < 2 or not sum_mismatch(total, parts):
                    continue
                stated, computed = bounds(total.quantity), parts_sum(parts)
                assert stated is not None
                key = (stating.id, listing.id, stated, tuple(p.start for p in parts))
                if key in reported:
                    continue
                reported.add(key)
                findings.append(
                    Finding(
                        kind="sum_mismatch",
                        message=(
                            f"{stating.id} gives a total of {format_bounds(stated)} in {describe(total)}; "
                            f"the {len(parts)} per-place figures {listing.id} gives for the same window "
                            f"add up to {format_bounds(computed)}."
                        ),
                        stated=stated[0],
                        computed=computed[0],
                        claims=[total, *parts],
                        doc_ids=[stating.id, listing.id],
                    )
                )
    return findings


def _listed_parts(claims: Sequence[Claim], total: Claim, total_window: Window) -> list[Claim]:
    """The per-place claims of one kind and window in a document, one per place."""
    parts: list[Claim] = []
    seen: set[str] = set()
    for claim in sorted(claims, key=lambda c: c.start):
        claim_window = window(claim.time)
        keys = place_keys(claim)
        if kind_key(claim) != kind_key(total) or not keys or keys & seen or claim_window is None:
            continue
        if bounds(claim.quantity) is None or not same_window(total_window, claim_window):
            continue
        seen |= keys
        parts.append(claim)
    return parts


# --- entry point --------------------------------------------------------------------------


def compare(docs: Iterable[DocInput], *, nlp: Language | None = None) -> Comparison:
    """Group the claims of several documents and classify each group.

    ``docs`` items are texts, records (mappings with ``id``, ``text`` or ``claims``,
    and ``published``), :class:`Report` objects, or lists of claims already extracted.
    Texts are extracted with ``nlp`` (default: :func:`claimx.load`). Documents without
    an id are named ``doc1``, ``doc2``... in order.
    """
    reports = [_report(doc, i, nlp) for i, doc in enumerate(docs)]
    ids = [r.id for r in reports]
    if len(set(ids)) != len(ids):
        raise ValueError(f"Document ids must be unique, got {ids}.")
    entries = [entry for report in reports for entry in _entries(report)]
    groups = [_finish(draft) for draft in _group(entries)]
    findings = [
        finding.model_copy(update={"doc_ids": [report.id]})
        for report in reports
        for finding in check(report.claims)
    ]
    findings.extend(_cross_sum_findings(reports))
    return Comparison(documents=ids, groups=groups, findings=findings)

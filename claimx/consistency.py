"""Checks that one document's claims agree with each other.

News reports often state a total and then break it down by region, or say how many
regions were hit and then name them. When the parts do not add up, either the report
or its source made a mistake, and a fact-checker wants to see it. :func:`check` runs
the checks on one document's claims; the numeric and time primitives here (the bounds
a count allows, the window a time covers) are shared with :mod:`claimx.compare`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .resources import load_data
from .schema import Claim, Quantity, Source, TimeSpan

FindingKind = Literal["sum_mismatch", "region_count_mismatch", "majority_mismatch", "time_inverted"]

#: The spread "about N" allows when the text gives no bounds: plus or minus 10 %.
APPROX_TOLERANCE = 0.1

#: How long an instant ("at 23:00") lasts at each granularity, so it can overlap a window.
_INSTANT = {
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(days=7),
    "month": timedelta(days=31),
    "year": timedelta(days=366),
    "unknown": timedelta(minutes=1),
}

Bounds = tuple[float, float]
Window = tuple[datetime, datetime]


class Finding(BaseModel):
    """A place where a document's claims (or two documents' claims) do not fit together.

    ``stated`` is the figure the text gives (a total, a number of regions) and
    ``computed`` what its listed parts come to; ``claims`` holds the stating claim first,
    then the parts. ``doc_ids`` names the documents involved when the finding comes
    from :func:`claimx.compare.compare`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: FindingKind
    message: str
    stated: float | None = None
    computed: float | None = None
    claims: list[Claim] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        from .html import findings_table

        return findings_table([self])

    def __repr__(self) -> str:
        """One line: kind, documents and message."""
        from .summary import finding_summary

        return finding_summary(self)

    __str__ = __repr__


# --- what a claim states, as numbers, windows, places --------------------------------


def bounds(quantity: Quantity | None) -> Bounds | None:
    """The lowest and highest count ``quantity`` allows ("over 130" -> 131..inf).

    None when the text gives no number ("dozens" without bounds).
    """
    if quantity is None:
        return None
    value, low, high = quantity.value, quantity.low, quantity.high
    if value is None or quantity.qualifier == "range":
        if low is None and high is None:
            return None if value is None else (value, value)
        return (low if low is not None else 0, high if high is not None else math.inf)
    qualifier = quantity.qualifier
    if qualifier == "approx":
        return (
            low if low is not None else value * (1 - APPROX_TOLERANCE),
            high if high is not None else value * (1 + APPROX_TOLERANCE),
        )
    if qualifier == "at_least":
        return (value, math.inf)
    if qualifier == "more_than":  # counts are whole: "over 130" starts at 131
        return (value + 1 if float(value).is_integer() else value, math.inf)
    if qualifier == "at_most":
        return (0, value)
    if qualifier == "less_than":
        return (0, value - 1 if float(value).is_integer() else value)
    return (value, value)


def format_bounds(span: Bounds) -> str:
    """A bounds pair as people write it: ``22``, ``131+``, ``18-20``."""
    low, high = (int(x) if math.isfinite(x) and float(x).is_integer() else x for x in span)
    if low == high:
        return str(low)
    if high == math.inf:
        return f"{low}+"
    return f"{low}-{high}"


def _as_datetime(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time())


def window(span: TimeSpan | None) -> Window | None:
    """The half-open interval of time ``span`` covers; None when the time is unknown.

    Day-level times cover whole days (the end day included), an instant covers one
    unit of its granularity, and an inverted window is read in order.
    """
    if span is None or span.start is None:
        return None
    start_raw = span.start
    end_raw = span.end if span.end is not None else span.start
    start, end = sorted((_as_datetime(start_raw), _as_datetime(end_raw)), key=_sort_key)
    whole_days = span.granularity == "day" or not (
        isinstance(start_raw, datetime) and isinstance(end_raw, datetime)
    )
    if whole_days:
        start = datetime.combine(start.date(), time(), tzinfo=start.tzinfo)
        end = datetime.combine(end.date(), time(), tzinfo=end.tzinfo) + timedelta(days=1)
    elif end == start:
        end = start + _INSTANT[span.granularity]
    return start, end


def _sort_key(moment: datetime) -> datetime:
    """Naive and aware datetimes in one order (naive ones read as UTC wall time)."""
    return moment.replace(tzinfo=None) - (moment.utcoffset() or timedelta(0))


def _align(a: Window, b: Window) -> tuple[Window, Window]:
    """Give naive ends the zone of the other window, so the two can be compared."""
    zone = next((m.tzinfo for m in (*a, *b) if m.tzinfo is not None), None)
    if zone is None:
        return a, b

    def fix(m: datetime) -> datetime:
        return m if m.tzinfo is not None else m.replace(tzinfo=zone)

    return (fix(a[0]), fix(a[1])), (fix(b[0]), fix(b[1]))


def overlap_ratio(a: Window, b: Window) -> float:
    """How much two windows share: the overlap over the union (0 disjoint, 1 equal)."""
    (a0, a1), (b0, b1) = _align(a, b)
    shared = (min(a1, b1) - max(a0, b0)).total_seconds()
    if shared <= 0:
        return 0.0
    return shared / (max(a1, b1) - min(a0, b0)).total_seconds()


def contains(outer: Window, inner: Window) -> bool:
    """Whether ``inner`` lies within ``outer``."""
    (o0, o1), (i0, i1) = _align(outer, inner)
    return o0 <= i0 and i1 <= o1


def same_window(a: Window, b: Window) -> bool:
    """Whether two windows describe the same period: mostly shared, or one inside the other."""
    return overlap_ratio(a, b) >= 0.5 or contains(a, b) or contains(b, a)


def is_country(code: str | None) -> bool:
    """Whether ``code`` is a whole country (ISO 3166-1), not one of its regions."""
    return code is not None and "-" not in code


def place_keys(claim: Claim) -> frozenset[str]:
    """The places a claim is about below country level: region codes, else the place as
    written (a sea has no region code)."""
    return frozenset(
        loc.code if loc.code else loc.text.casefold() for loc in claim.locations if not is_country(loc.code)
    )


#: Sources whose figures are about their own region even when the claim names none
#: ("the governor said nine drones were downed over the region").
REGIONAL_SOURCES = frozenset({"governor"})


def is_unplaced(claim: Claim) -> bool:
    """Whether the claim is a nationwide figure: it names no place below country level
    and does not come from a regional source."""
    return not place_keys(claim) and claim.source.kind not in REGIONAL_SOURCES


@lru_cache(maxsize=1)
def _item_aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, forms in load_data("lexicons/items.json").items():
        if key.startswith("_"):
            continue
        for form in (key, *forms):
            table[form.casefold()] = key
    return table


def item_key(item: str | None) -> str | None:
    """The normalized item ("UAVs" -> "drone"), using the item lexicon's surface forms."""
    if item is None:
        return None
    text = " ".join(item.casefold().split())
    aliases = _item_aliases()
    if text in aliases:
        return aliases[text]
    if text.endswith("s") and text[:-1] in aliases:
        return aliases[text[:-1]]
    return text


def kind_key(claim: Claim) -> tuple[str, str | None, str | None]:
    """What a claim counts: its event, normalized item and harm (killed and injured
    people are different counts, never summed or compared with each other)."""
    return claim.event, item_key(claim.item), claim.harm


@lru_cache(maxsize=1)
def _share_patterns() -> dict[str, re.Pattern[str]]:
    qualifiers = load_data("lexicons/qualifiers.json")
    lexicon = {
        "distributive": qualifiers["distributive"] + qualifiers["distributive_phrases"],
        "majority": load_data("lexicons/share_words.json")["majority"],
    }
    return {
        name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
        for name, words in lexicon.items()
    }


def is_distributive(claim: Claim) -> bool:
    """Whether the claim's number applies to each place it names ("three each")."""
    return len(claim.locations) > 1 and bool(_share_patterns()["distributive"].search(claim.text))


def _said_to_be_majority(claim: Claim) -> bool:
    """Whether the words before the claim's number call it the majority of a total."""
    before = claim.text
    if claim.quantity is not None and claim.start <= claim.quantity.start <= claim.end:
        before = claim.text[: claim.quantity.start - claim.start]
    return bool(_share_patterns()["majority"].search(before))


def part_bounds(claim: Claim) -> Bounds:
    """What a claim adds to a breakdown: its count, once per place when it says "each"."""
    low, high = bounds(claim.quantity) or (0, 0)
    times = len(claim.locations) if is_distributive(claim) else 1
    return low * times, high * times


def _counted(claim: Claim) -> bool:
    return bounds(claim.quantity) is not None


def _source_fits(a: Source, b: Source) -> bool:
    return a.kind == b.kind or "unattributed" in (a.kind, b.kind)


def _time_fits(stated: Claim, part: Claim) -> bool:
    """A part without a time inherits the stated claim's; otherwise the windows must match."""
    part_window = window(part.time)
    if part_window is None:
        return True
    stated_window = window(stated.time)
    return stated_window is not None and same_window(stated_window, part_window)


def describe(claim: Claim) -> str:
    """A short reference to a claim for messages: its text, clipped."""
    text = " ".join(claim.text.split())
    return f"\u201c{text[:77]}\u2026\u201d" if len(text) > 80 else f"\u201c{text}\u201d"


# --- sums ------------------------------------------------------------------------------


def sum_mismatch(total: Claim, parts: Sequence[Claim], *, scope: frozenset[str] = frozenset()) -> bool:
    """Whether per-place ``parts`` cannot add up to ``total``.

    Parts exceeding the total always mismatch. Parts falling short only do when the list
    looks complete (at least three places, or every place the total names), since
    reports often single out a few regions of a larger total.
    """
    stated = bounds(total.quantity)
    if stated is None or not parts:
        return False
    low, high = parts_sum(parts)
    if low > stated[1]:
        return True
    places = frozenset().union(*(place_keys(p) for p in parts))
    complete = len(places) >= 3 or (bool(scope) and places >= scope)
    return complete and high < stated[0]


def parts_sum(parts: Iterable[Claim]) -> Bounds:
    """The bounds of the sum of ``parts``."""
    spans = [part_bounds(p) for p in parts]
    return sum(s[0] for s in spans), sum(s[1] for s in spans)


def _breakdown(total: Claim, following: Sequence[Claim]) -> tuple[list[Claim], frozenset[str]]:
    """The per-place claims after ``total`` that break it down, and the places it names.

    A part counts the same thing, at the same time, from the same source; a place
    already counted is skipped (a detail or a repeat), and a second nationwide figure
    of the same kind ends the breakdown.
    """
    scope = place_keys(total)
    parts: list[Claim] = []
    seen: set[str] = set()
    for claim in following:
        if kind_key(claim) != kind_key(total) or not _counted(claim):
            continue
        if is_unplaced(claim):
            break
        keys = place_keys(claim)
        if not keys or (scope and not keys <= scope):
            continue
        if keys & seen or not _time_fits(total, claim) or not _source_fits(total.source, claim.source):
            continue
        seen |= keys
        parts.append(claim)
    return parts, scope


def _is_total(claim: Claim) -> bool:
    """A count for a whole country, or one spread over several places without "each"."""
    if not _counted(claim):
        return False
    return is_unplaced(claim) or (len(place_keys(claim)) > 1 and not is_distributive(claim))


def _sum_findings(ordered: Sequence[Claim]) -> list[Finding]:
    findings: list[Finding] = []
    for i, total in enumerate(ordered):
        if not _is_total(total):
            continue
        parts, scope = _breakdown(total, ordered[i + 1 :])
        stated = bounds(total.quantity)
        assert stated is not None  # _is_total checked it
        if sum_mismatch(total, parts, scope=scope):
            computed = parts_sum(parts)
            findings.append(
                Finding(
                    kind="sum_mismatch",
                    message=(
                        f"{describe(total)} gives a total of {format_bounds(stated)}, but the "
                        f"{len(parts)} per-place figures that follow add up to {format_bounds(computed)}."
                    ),
                    stated=stated[0],
                    computed=computed[0],
                    claims=[total, *parts],
                )
            )
        findings.extend(_majority_findings(total, stated, parts))
    return findings


def _majority_findings(total: Claim, stated: Bounds, parts: Sequence[Claim]) -> list[Finding]:
    """Parts called "the majority" that are not more than half the total."""
    findings = []
    for part in parts:
        share = part_bounds(part)
        if _said_to_be_majority(part) and share[1] * 2 <= stated[0]:
            findings.append(
                Finding(
                    kind="majority_mismatch",
                    message=(
                        f"{describe(part)} calls {format_bounds(share)} the majority, "
                        f"but that is not more than half of the {format_bounds(stated)} "
                        f"stated in {describe(total)}."
                    ),
                    stated=stated[0],
                    computed=share[1],
                    claims=[total, part],
                )
            )
    return findings


# --- region counts, time windows ------------------------------------------------------


def _region_count_findings(ordered: Sequence[Claim]) -> list[Finding]:
    """A stated number of regions ("across eight regions") against the regions named."""
    findings: list[Finding] = []
    for i, stated_claim in enumerate(ordered):
        stated = bounds(stated_claim.quantity)
        if item_key(stated_claim.item) != "region" or stated is None:
            continue
        named = {loc.code: loc for loc in stated_claim.locations if loc.code and not is_country(loc.code)}
        listed: list[Claim] = []
        kind = None
        for claim in ordered[i + 1 :]:
            if item_key(claim.item) == "region" or not _counted(claim):
                continue
            if kind is not None and kind_key(claim) == kind and is_unplaced(claim):
                break
            regions = [loc for loc in claim.locations if loc.code and not is_country(loc.code)]
            if not regions or not _time_fits(stated_claim, claim):
                continue
            if not _source_fits(stated_claim.source, claim.source):
                continue
            kind = kind or kind_key(claim)
            if kind_key(claim) != kind:
                continue
            listed.append(claim)
            for loc in regions:
                named.setdefault(loc.code, loc)
        if named and not stated[0] <= len(named) <= stated[1]:
            names = ", ".join(loc.name or loc.text for loc in named.values())
            findings.append(
                Finding(
                    kind="region_count_mismatch",
                    message=(
                        f"{describe(stated_claim)} speaks of {format_bounds(stated)} regions, "
                        f"but the figures that follow name {len(named)}: {names}."
                    ),
                    stated=stated[0],
                    computed=len(named),
                    claims=[stated_claim, *listed],
                )
            )
    return findings


def _time_findings(ordered: Sequence[Claim]) -> list[Finding]:
    """Time windows that end before they start (a day rollover lost, a typo)."""
    findings = []
    for claim in ordered:
        span = claim.time
        if span is None or span.start is None or span.end is None:
            continue
        start, end = _as_datetime(span.start), _as_datetime(span.end)
        if span.granularity == "day" or not isinstance(span.end, datetime):
            start, end = datetime.combine(start.date(), time()), datetime.combine(end.date(), time())
        (start, _), (end, _) = _align((start, start), (end, end))
        if end < start:
            findings.append(
                Finding(
                    kind="time_inverted",
                    message=(
                        f"{describe(claim)}: the time window ends ({span.end}) "
                        f"before it starts ({span.start})."
                    ),
                    claims=[claim],
                )
            )
    return findings


def check(claims: Sequence[Claim]) -> list[Finding]:
    """Internal inconsistencies among one document's claims.

    Finds totals whose per-region breakdown does not add up (``sum_mismatch``), parts
    called "the majority" that are not (``majority_mismatch``), a stated number of
    regions that differs from the regions named (``region_count_mismatch``), and time
    windows that end before they start (``time_inverted``).
    """
    ordered = sorted(claims, key=lambda c: (c.start, c.end))
    return [*_time_findings(ordered), *_sum_findings(ordered), *_region_count_findings(ordered)]

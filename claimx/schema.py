"""Public data types: the claim and its parts.

Every part taken from the text carries character offsets into the input, so a user
can highlight it and a checker can verify it: ``text == input[start:end]``.
Models are frozen so claims can be shared, hashed into sets and cached safely.
``model_dump(mode="json")`` gives plain, msgpack-safe data; that is how claims are
written with a serialized ``Doc``, sent back from worker processes and written to files.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"]
SourceKind = Literal[
    "ministry_of_defense",
    "military",
    "governor",
    "official",
    "anonymous_official",
    "analyst",
    "media",
    "witness",
    "unattributed",
    # general news (see docs/sources.md)
    "politician",
    "organization",
    "person",
    "document",
]
#: What happened to the people a casualty claim counts; killed and injured are never summed.
Harm = Literal["killed", "injured", "missing", "captured", "evacuated", "affected"]
Granularity = Literal["minute", "hour", "day", "week", "month", "year", "unknown"]

#: Event kinds claimx assigns; ``Claim.event`` is a plain string so lexicons can add more.
EVENTS = ("interception", "attack", "damage", "casualty", "statement")


def _day_string_to_date(value: object) -> object:
    """Read "2024-08-21" as a date: otherwise pydantic widens it to midnight of a
    datetime when claims are rebuilt from their JSON dump."""
    if isinstance(value, str) and len(value) == 10:
        return date.fromisoformat(value)
    return value


#: A point of a time window: a datetime (clock-level) or a date (day-level).
TimePoint = Annotated[datetime | date | None, BeforeValidator(_day_string_to_date)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mention(_Frozen):
    """A stretch of the input text: a cue, a trigger word, a quoted passage."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Quantity(_Frozen):
    """A count as stated: ``value`` is the number to compare, ``low``/``high`` its bounds."""

    value: float | int | None
    low: float | int | None = None
    high: float | int | None = None
    qualifier: Qualifier = "exact"
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Location(_Frozen):
    """A place the claim is about, normalized to an ISO 3166-2 (or 3166-1 alpha-2) code.

    ``text`` keeps the place as written ("Morozovsk airfield"); ``code`` is the region
    it lies in. ``code`` is null for places outside the gazetteer's regions (a sea).
    """

    code: str | None
    name: str | None = None
    country: str | None = None
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TimeSpan(_Frozen):
    """When the claimed event happened, as a window.

    ``start``/``end`` are timezone-aware datetimes when the text gives a zone or a known
    local time (MSK, Kyiv time, GMT), naive datetimes for clock times without a zone,
    and dates when only the day is known. ``resolved`` is false when a relative or
    partial time ("on Tuesday", "the 12th") could not be anchored to a publication date;
    then ``start``/``end`` may be null and ``text`` keeps what the text says.
    ``char_start``/``char_end`` locate ``text`` in the input (the names ``start``/``end``
    are taken by the window itself). When the text gives no time at all, the window is
    the publication day: ``text`` is empty, the offsets are null and the claim's
    evidence says ``time.published``.
    """

    start: TimePoint = None
    end: TimePoint = None
    granularity: Granularity = "unknown"
    resolved: bool = True
    text: str = ""
    char_start: int | None = Field(default=None, ge=0)
    char_end: int | None = Field(default=None, ge=0)


class Source(_Frozen):
    """Who makes the claim. ``kind`` is ``unattributed`` for the article's own voice;
    then ``text`` is empty and the offsets are null."""

    kind: SourceKind = "unattributed"
    name: str | None = None
    role: str | None = None
    anonymous: bool = False
    text: str = ""
    start: int | None = None
    end: int | None = None


class Evidence(_Frozen):
    """One rule that contributed to a claim, and the text it fired on."""

    rule: str
    detail: str = ""
    start: int | None = None
    end: int | None = None


class Claim(_Frozen):
    """An attributed claim: who says what happened, how many, where and when.

    ``text`` is the sentence or clause stating it, ``input[start:end] == text``.
    ``harm`` says, for a casualty claim, whether the people were killed, injured,
    missing, captured or evacuated (``None`` for other events and when unsaid).
    """

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    event: str
    harm: Harm | None = None
    quantity: Quantity | None = None
    item: str | None = None
    locations: list[Location] = Field(default_factory=list)
    time: TimeSpan | None = None
    source: Source = Field(default_factory=Source)
    cue: Mention | None = None
    quote: bool = False
    hedged: bool = False
    evidence: list[Evidence] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        """The claim as a one-row table in a notebook."""
        from .html import claims_table

        return claims_table([self])

    def __repr__(self) -> str:
        """One line: what, how many, where, when, who (``model_dump()`` has every field)."""
        from .summary import claim_summary

        return claim_summary(self)

    __str__ = __repr__

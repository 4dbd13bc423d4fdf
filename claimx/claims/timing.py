"""When it happened.

A sentence's TIME mentions are either *event times* ("overnight", "between 23:00 and
7:00 MSK") or *statement times*, which date the report rather than the event ("the
ministry said on Thursday", "the statement, released on November 12"). A claim takes
the event time nearest to it in its sentence, else the current *frame* (the last event
time of the discourse), else its sentence's statement time. Partial times borrow the
missing part: a clock-only range takes its day from the frame, a relative night from a
date in the same sentence ("overnight on Feb. 1").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from spacy.tokens import Span

from ..entities import labels
from ..entities.datelines import dateline_end
from ..resources import load_data
from ..schema import Evidence, Location, TimeSpan
from ..timeparse import ResolvedTime, resolve_time
from .context import DocContext

RELATIVE_FILE = "lexicons/time_relative.json"
_CURRENT = object()  # for_token's default frame: the timeline's current one
ZONES_FILE = "lexicons/timezones.json"


def replace_span(span: TimeSpan, **changes: object) -> TimeSpan:
    """A copy of a (frozen) time span with ``changes``."""
    return span.model_copy(update=changes)


@dataclass(frozen=True)
class TimedMention:
    span: Span
    text: str  # span.text, read once from the document text
    value: ResolvedTime
    statement: bool
    stamp: bool = False  # the time of the report ("as of 8:20 a.m."), never of an event
    approximate: str = ""  # the word that makes the time approximate ("around 3 a.m.")
    # the relative pronoun or "that" of the clause the time sits in ("a war that began
    # on September 2"): a claim before it is not dated by it if it is background;
    # -1 when none
    clause_from: int = -1

    def to_timespan(self, value: ResolvedTime | None = None) -> TimeSpan:
        v = value or self.value
        return TimeSpan(
            start=v.start,
            end=v.end,
            granularity=v.granularity,
            resolved=v.resolved,
            text=self.text,
            char_start=self.span.start_char,
            char_end=self.span.end_char,
        )


def _comparable(a: datetime, b: datetime) -> bool:
    """Both aware or both naive."""
    return (a.tzinfo is None) == (b.tzinfo is None)


def _day_of(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


class _Kinds:
    """One sentence's time mentions by kind, in text order."""

    def __init__(self, mentions: list[TimedMention]) -> None:
        self.events = [m for m in mentions if not m.statement and not m.stamp]
        self.starts = [m.span.start for m in self.events]
        self.stamps = [m for m in mentions if m.stamp]
        self.statements = [m for m in mentions if m.statement and not m.stamp]


class Timeline:
    """Event times of a document, read sentence by sentence in order."""

    def __init__(self, ctx: DocContext, published: date | None, grammar: dict[str, frozenset[str]]) -> None:
        self.ctx = ctx
        self.g = grammar
        self.published = published
        self.frame: TimeSpan | None = None
        relative = load_data(RELATIVE_FILE)
        self.year_after_date: dict[str, int] = relative["year_after_date"]
        self.recent_days: int = relative["recent_days"]
        self.lede_reach = 2  # sentences before the first event time that it dates
        self._kinds_of: tuple[list[TimedMention], _Kinds] | None = None
        self.dated = False  # an event time has framed the text (a saying's time does not)
        # phrases read against a date in their sentence ("overnight", "in the early hours")
        self.nights = frozenset(k for k, rule in relative["relative"].items() if rule in ("night", "today"))
        zones = load_data(ZONES_FILE)
        self.country_zones: dict[str, str] = zones["country_zones"]
        self.region_zones: dict[str, str] = zones["region_zones"]

    def frame_day(self) -> date | None:
        if self.frame is not None:
            return _day_of(self.frame.end) or _day_of(self.frame.start)
        return None

    def _is_statement_time(self, span: Span) -> bool:
        j = span.start
        lower = self.ctx.lower
        sent_start = self.ctx.sentence(span.start).start
        deadline = self.g["non_event_time_prepositions"]
        if (j > 0 and lower[j - 1] in deadline) or (j > 1 and f"{lower[j - 2]} {lower[j - 1]}" in deadline):
            return True  # "by early morning", "as of 09:00": a deadline, not when it happened
        while j > sent_start and lower[j - 1] in self.g["statement_time_gap"]:
            j -= 1
        if j == span.start or j <= sent_start:
            return False
        return lower[j - 1] in self.g["release_verbs"] or self.ctx.covering(labels.CUE, j - 1) is not None

    def _preceded_by(self, span: Span, phrases: frozenset[str]) -> str:
        """The phrase of ``phrases`` (one or two words) right before ``span``, or ""."""
        j, lower = span.start, self.ctx.lower
        for k in (2, 1):
            if j >= k and " ".join(lower[j - k : j]) in phrases:
                return " ".join(lower[j - k : j])
        return ""

    def _dateline_end(self, token: int) -> int | None:
        """The end (character offset) of a dateline that opens the line at ``token``, if
        any: its date says when the report was filed, not when anything happened."""
        text, char = self.ctx.text, self.ctx.token_starts[token]
        if char > 0 and text[char - 1] != "\n":
            return None
        return dateline_end(text, char)

    def _figures_at(self, span: Span) -> bool:
        """The time at which figures were taken ("Preliminary figures at 09:00 on Thursday
        showed …", "the tally as at noon"): a stamp noun right before "at"/"as of"."""
        j, lower = span.start, self.ctx.lower
        if j < 2 or lower[j - 1] not in ("at", "of", "on"):
            return False
        k = j - 2 if lower[j - 1] == "at" else j - 3 if lower[j - 2] == "as" else -1
        return k >= self.ctx.sentence(j).start and lower[k] in self.g["report_stamp_nouns"]

    def _record(self, span: Span) -> bool:
        """The period is the span of a record ("the largest attack since 2022", "the
        poorest rate since April"): a superlative shortly before its "since"."""
        lower = self.ctx.lower
        lo = max(self.ctx.sentence(span.start).start, span.start - 8)
        return any(
            w in self.g["record_words"]
            or (w.endswith("est") and len(w) > 4 and w not in self.g["record_exceptions"])
            for w in lower[lo : span.start]
        )

    def _since(self, span: Span) -> bool:
        """The time opens a period that runs to the report ("since Oct. 7", "since late
        September", "since the end of May")."""
        j, lower = span.start, self.ctx.lower
        while j > 0 and span.start - j < 4 and lower[j - 1] in self.g["period_edge_words"]:
            j -= 1
        return j > 0 and lower[j - 1] in self.g["open_period_prepositions"]

    def _subordinate_clause(self, span: Span) -> int:
        """Where the relative or "that" clause holding ``span`` starts, if one starts at most
        five words before it with no comma between ("a war that began on September
        2", "a strike which killed him on May 3"); -1 otherwise."""
        lower, lo = self.ctx.lower, max(self.ctx.sentence(span.start).start, span.start - 5)
        for k in range(span.start - 1, lo - 1, -1):
            if lower[k] == ",":
                return -1
            if lower[k] in self.g["relative_pronouns"] or lower[k] in self.g["complementizers"]:
                return k
        return -1

    def sentence_times(self, index: int) -> list[TimedMention]:
        """The sentence's time mentions, resolved; partial ones completed from context."""
        sent = self.ctx.sents[index]
        spans = [s for s in self.ctx.within(labels.TIME, sent.start, sent.end) if s.kb_id_ != "duration"]
        out: list[TimedMention] = []
        spans, years = self._dates_with_years(spans)
        dateline = self._dateline_end(sent.start) if spans else None
        for span in spans:
            text = self.ctx.span_text(span)
            value = resolve_time(years.get(span.start, text), self.published, day=self.frame_day())
            if value is None:
                continue
            if value.anaphoric and not value.resolved and self.frame is None and self.published:
                # "the previous day" with no time before it: the day before publication
                value = resolve_time(text, self.published, day=self.published)
                if not value.resolved:  # "the previous night": the night before publication
                    value = replace(
                        value,
                        start=self.published - timedelta(days=1),
                        end=self.published,
                        resolved=True,
                        has_date=True,
                    )
            if value.anaphoric and not value.resolved and self.frame is not None:  # "that night"
                value = ResolvedTime(
                    start=self.frame.start,
                    end=self.frame.end,
                    granularity=self.frame.granularity,
                    resolved=self.frame.resolved,
                    has_date=True,
                    has_clock=False,
                    anaphoric=True,
                )
            statement = self._is_statement_time(span)
            if self._since(span) and self._record(span):
                continue  # "the poorest success rate since April": dates a record, not the event
            if self._since(span) and value.resolved and value.start is not None and self.published:
                start = _day_of(value.start)
                if start is not None and start <= self.published:  # "killed since Oct. 7": until now
                    value = replace(value, start=start, end=self.published, granularity="day")
                    statement = False
            stamp = (
                bool(self._preceded_by(span, self.g["report_stamp_prepositions"]))
                or self._figures_at(span)
                or (dateline is not None and span.start_char < dateline)  # "SANAA, Aug. 23 —": filed then
            )
            approximate = self._preceded_by(span, self.g["time_approximators"]) if value.has_clock else ""
            clause_from = self._subordinate_clause(span)
            out.append(TimedMention(span, text, value, statement, stamp, approximate, clause_from))
        return self._merge_clock_with_day(self._merge_night_with_date(self._merge_from_to(out)))

    def _merge_from_to(self, mentions: list[TimedMention]) -> list[TimedMention]:
        """Two dated clock times joined as a range ("from 11:00 p.m. Moscow time (8:00 p.m.
        GMT) on November 15 to 7:00 a.m. … on November 16"), which the grammar reads as two
        mentions when each carries its own date and aside: one window from the first to
        the second."""
        lower, out, k = self.ctx.lower, [], 0
        while k < len(mentions):
            m = mentions[k]
            nxt = mentions[k + 1] if k + 1 < len(mentions) else None
            if (
                nxt is not None
                and m.value.has_clock
                and nxt.value.has_clock
                and isinstance(m.value.start, datetime)
                and isinstance(nxt.value.end, datetime)
                and m.span.start > 0
                and lower[m.span.start - 1] in self.g["range_openers_time"]
                and lower[m.span.end : nxt.span.start] in ([w] for w in self.g["range_joiners_time"])
                and _comparable(m.value.start, nxt.value.end)
                and m.value.start <= nxt.value.end
            ):
                span = self.ctx.doc[m.span.start : nxt.span.end]
                value = replace(m.value, end=nxt.value.end, granularity="minute")
                out.append(replace(m, span=span, text=self.ctx.span_text(span), value=value))
                k += 2
                continue
            out.append(m)
            k += 1
        return out

    def _dates_with_years(self, spans: list[Span]) -> tuple[list[Span], dict[int, str]]:
        """A date without a year followed by a year phrase ("since October 7 last year")
        is one date in that year: the spans joined, and the text to resolve for each
        joined span's start ("October 7 2024")."""
        if self.published is None or len(spans) < 2:
            return spans, {}
        out: list[Span] = []
        texts: dict[int, str] = {}
        skip = -1
        for k, span in enumerate(spans):
            if k == skip:
                continue
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            shift = self.year_after_date.get(self.ctx.span_text(nxt).lower()) if nxt is not None else None
            gap = self.ctx.lower[span.end : nxt.start] if nxt is not None else []
            if span.kb_id_ == "date" and shift is not None and all(w == "," for w in gap):
                text = self.ctx.span_text(span)
                if not any(ch.isdigit() and len(w) == 4 for w in text.split() for ch in w[:1]):
                    joined = self.ctx.doc[span.start : nxt.end]
                    texts[joined.start] = f"{text} {self.published.year + shift}"
                    out.append(joined)
                    skip = k + 1
                    continue
            out.append(span)
        return out, texts

    def _merge_clock_with_day(self, mentions: list[TimedMention]) -> list[TimedMention]:
        """A clock-only window and a day in one sentence ("On Tuesday … between 20:00 and
        23:30 Moscow time"): the window is on that day, and the day adds nothing more."""
        days = [
            m
            for m in mentions
            if m.value.has_date
            and not m.value.has_clock
            and m.value.resolved
            and m.value.granularity == "day"
            and m.value.start == m.value.end
        ]
        clocks = [m for m in mentions if m.value.has_clock and not m.value.has_date]
        if not days or not clocks:
            return mentions
        day = _day_of(days[0].value.start)
        out = []
        for m in mentions:
            if m in clocks:
                value = resolve_time(m.text, self.published, day=day)
                m = replace(m, value=value) if value is not None else m
            elif m is days[0]:
                continue
            out.append(m)
        return out

    def _merge_night_with_date(self, mentions: list[TimedMention]) -> list[TimedMention]:
        """A relative time and an explicit date in one sentence ("overnight on Feb. 1"):
        the relative time is read against that date instead of the publication date."""
        dated = [
            m
            for m in mentions
            if m.span.kb_id_ == "date"
            and not m.statement
            and m.value.resolved
            and _day_of(m.value.start) == _day_of(m.value.end)  # not a period ("since October 7, 2023")
        ]
        if not dated:
            return mentions
        anchor = _day_of(dated[0].value.end)
        out = []
        for m in mentions:
            night = m.text.lower() in self.nights  # a look-back ("the previous 24 hours") ends at the report
            if m.span.kb_id_ == "relative" and night and not m.statement and anchor is not None:
                value = resolve_time(m.text, anchor, day=anchor)
                if value is not None:
                    m = replace(m, value=value)
            out.append(m)
        if any(m.span.kb_id_ == "relative" and m.text.lower() in self.nights for m in out):
            out = [m for m in out if m not in dated]
        return out

    def _kinds(self, mentions: list[TimedMention]) -> _Kinds:
        """``mentions`` sorted into event times, stamps and statement times, once per list
        (every claim of a sentence asks with the same list)."""
        if self._kinds_of is None or self._kinds_of[0] is not mentions:
            self._kinds_of = (mentions, _Kinds(mentions))
        return self._kinds_of[1]

    def _nearest_event(self, token: int, kinds: _Kinds) -> TimedMention | None:
        """The event time nearest to ``token``, found by bisection from both sides. A
        background time in a clause that starts after the claim ("…, in a war that began
        on September 2") dates that clause, not the claim; a recent one
        tells when the event the claim is about happened ("hurt in the flood, which struck
        late on Wednesday")."""
        events, starts = kinds.events, kinds.starts

        def eligible(m: TimedMention) -> bool:
            return not (token < m.clause_from and not self.recent(m.to_timespan()))

        def distance(m: TimedMention) -> int:
            return min(abs(m.span.start - token), abs(m.span.end - token))

        k = bisect.bisect_left(starts, token)
        left = next((events[j] for j in range(k - 1, -1, -1) if eligible(events[j])), None)
        right = next((events[j] for j in range(k, len(events)) if eligible(events[j])), None)
        if left is None or right is None:
            return left or right
        return left if distance(left) <= distance(right) else right

    def for_statement(
        self, token: int, mentions: list[TimedMention], frame: TimeSpan | None
    ) -> tuple[TimeSpan | None, list[Evidence]]:
        """The time of a statement anchored at ``token``: when it was said, if its sentence
        dates the saying ("Powell said on Thursday that …"), else as :meth:`for_token`
        with the ``frame`` its sentence had (``None``: no event time before it)."""
        said = self._kinds(mentions).statements
        if said:
            m = said[0]
            return m.to_timespan(), [
                Evidence(rule="time.statement", detail=m.text, start=m.span.start_char, end=m.span.end_char)
            ]
        return self.for_token(token, mentions, frame)

    def for_token(
        self, token: int, mentions: list[TimedMention], frame: TimeSpan | None | object = _CURRENT
    ) -> tuple[TimeSpan | None, list[Evidence]]:
        """The time of a claim anchored at ``token`` in a sentence with ``mentions``;
        ``frame`` overrides the current frame (for claims built after the pass, with the
        frame their sentence had: ``None`` when no time came before it)."""
        frame = self.frame if frame is _CURRENT else frame
        kinds = self._kinds(mentions)
        best = self._nearest_event(token, kinds)
        if best is not None:
            evidence = [
                Evidence(
                    rule="time.sentence",
                    detail=best.text,
                    start=best.span.start_char,
                    end=best.span.end_char,
                )
            ]
            if best.approximate:  # "at around 3 a.m.": the instant as said, but not exact
                evidence.append(Evidence(rule="time.approximate", detail=f"{best.approximate} {best.text}"))
            return best.to_timespan(), evidence
        stamp_note = [
            Evidence(rule="time.report_stamp", detail=m.text, start=m.span.start_char, end=m.span.end_char)
            for m in kinds.stamps[:1]
        ]  # "as of 8:20 a.m., 13 wounded": when the tally was taken, not when it happened
        if frame is not None:
            return frame, [
                Evidence(
                    rule="time.inherited", detail=frame.text, start=frame.char_start, end=frame.char_end
                ),
                *stamp_note,
            ]
        statements = kinds.statements
        if not statements and self.published is not None:  # no time anywhere: the report's day
            day = TimeSpan(start=self.published, end=self.published, granularity="day")
            return day, [Evidence(rule="time.published", detail=self.published.isoformat()), *stamp_note]
        if statements:
            m = statements[0]
            return m.to_timespan(), [
                Evidence(rule="time.statement", detail=m.text, start=m.span.start_char, end=m.span.end_char)
            ]
        return None, stamp_note

    def recent(self, span: TimeSpan | None) -> bool:
        """Whether ``span`` ends within ``recent_days`` of publication: the report's news,
        not its background ("killed in a strike on May 3" told on May 30)."""
        if span is None or self.published is None:
            return False
        end = _day_of(span.end) or _day_of(span.start)
        if end is None:
            return False
        return (self.published - end).days <= self.recent_days

    def _opens_night(self, mention: TimedMention, frame: TimeSpan | None) -> bool:
        """``mention`` is the evening that opens the night ``frame`` ("overnight …. Late on
        Monday, blasts were heard" in a report of Tuesday): a part of that night."""
        if frame is None or frame.granularity != "day" or frame.start is None or frame.end is None:
            return False
        start, end = _day_of(frame.start), _day_of(frame.end)
        value = mention.value
        if start is None or end is None or (end - start).days != 1 or value.has_clock:
            return False
        words = mention.text.lower().split()
        evening = words[:1] == ["late"] or "evening" in words or "night" in words
        return evening and _day_of(value.start) == start and _day_of(value.end) == start

    def advance(self, mentions: list[TimedMention]) -> TimeSpan | None:
        """Move the frame to the sentence's last event time; return it if it moved. A
        background time does not displace a recent frame: after "on Saturday …", a
        sentence recalling "a strike on May 3" leaves "the same day" of the next
        sentence on Saturday."""
        events = [m for m in mentions if not m.statement and not m.stamp]
        if events:
            new = events[-1].to_timespan()
            if self.recent(self.frame) and not self.recent(new):
                return None
            if self._opens_night(events[-1], self.frame):
                return None  # "Late on Monday, …" inside the night into Tuesday: still that night
            self.frame = new
            self.dated = True
            return self.frame
        if self.frame is None:
            statements = [m for m in mentions if m.statement and not m.stamp]
            if statements:
                self.frame = statements[0].to_timespan()
        return None

    def date_lede(self, drafts: list, first: TimeSpan, sentence: int) -> None:
        """Claims of the sentences just before the document's first event time, which gave
        none and so took the publication day (or the day of the saying, when the time
        comes in the very next sentence and is no later), take that time when it is
        recent: news tells the event first and its time after ("Glide bombs hit two
        schools and wounded nine people. The bombs fell on Friday evening …")."""
        if not self.recent(first) or first.granularity not in ("minute", "hour", "day"):
            return
        for d in drafts:
            if d.sentence < sentence - self.lede_reach or not d.evidence:
                continue
            k = next(
                (j for j, e in enumerate(d.evidence) if e.rule in ("time.published", "time.statement")), None
            )
            if k is None:
                continue
            said = _day_of(d.time.end) if d.time is not None else None
            if d.evidence[k].rule == "time.statement" and (
                said is None or (_day_of(first.end) or said) > said or d.sentence != sentence - 1
            ):
                continue  # what was said on Friday happened by Friday; only the next sentence dates it
            d.time, zone = self.localize(first, d.locations)
            d.evidence[k] = Evidence(
                rule="time.lede", detail=first.text, start=first.char_start, end=first.char_end
            )
            d.evidence.extend(zone)

    def localize(
        self, span: TimeSpan | None, locations: list[Location]
    ) -> tuple[TimeSpan | None, list[Evidence]]:
        """A clock time with no zone in a claim placed in one zone's country or region
        ("at 23:40 a drone hit a house in the Belgorod region") is that zone's local time
        (``country_zones``/``region_zones`` in ``lexicons/timezones.json``)."""
        if span is None or not isinstance(span.start, datetime) or span.start.tzinfo is not None:
            return span, []
        names = set()
        for loc in locations:
            if not loc.code:
                continue
            name = self.region_zones.get(loc.code) or self.country_zones.get(loc.code.split("-")[0])
            names.add(name)
        if len(names) != 1 or None in names:
            return span, []
        (name,) = names
        tz = ZoneInfo(name)
        end = span.end.replace(tzinfo=tz) if isinstance(span.end, datetime) else span.end
        return replace_span(span, start=span.start.replace(tzinfo=tz), end=end), [
            Evidence(rule="time.local_zone", detail=name)
        ]

    def refined(self, new: TimeSpan, old: TimeSpan | None) -> TimeSpan:
        """The window ``new`` (a clock instant that :meth:`refines` ``old``) makes of a
        longer ``old``: the onset of the night ("Launches started at 22:30 on August 6")
        keeps the night's end, its close ("ended at 6:00") the night's start; otherwise
        the instant itself."""
        if (
            old is None
            or old.start is None
            or old.end is None
            or new.start != new.end
            or new.char_start is None
        ):
            return new
        if _day_of(old.start) == _day_of(old.end) or isinstance(old.end, datetime):
            return new
        token = self.ctx.token_at(new.char_start)
        sent = self.ctx.sentence(token)
        words = " " + " ".join(self.ctx.lower[max(sent.start, token - 4) : token]) + " "
        if any(f" {w} " in words for w in self.g["onset_words"]):
            return replace_span(new, end=old.end, granularity="minute")
        if any(f" {w} " in words for w in self.g["close_words"]):
            return replace_span(new, start=old.start, granularity="minute")
        return new

    @staticmethod
    def refines(new: TimeSpan, old: TimeSpan | None) -> bool:
        """True when ``new`` (a clock-level window) narrows ``old`` (a day, or nothing)."""
        if new.granularity not in ("minute", "hour") or new.start is None:
            return False
        if old is None or old.start is None:
            return True
        if old.granularity in ("minute", "hour"):
            return False
        return _day_of(new.start) in {_day_of(old.start), _day_of(old.end)} or _day_of(new.end) in {
            _day_of(old.start),
            _day_of(old.end),
        }

"""Time expressions: the grammar that finds them and the rules that turn one into a window.

News reports say *when* in a few dozen shapes ("between 23:00 MSK on the 11th and 7:00
MSK on the 12th", "overnight on Feb. 1", "early on Tuesday, April 23", "the past 24
hours"). :class:`TimeGrammar` compiles those shapes, from the lexicons in ``models/``,
into one linear-time regular expression used both to find expressions in text (the
TIME recognizer) and to take a found expression apart again (:func:`resolve_time`).

Why regexes over ``doc.text`` rather than spaCy Matcher patterns: the expressions hinge
on character-level detail the tokenizer splits inconsistently ("06:00-13:00" is three
tokens, "11.40am" one, "a.m." one, "4pm" two), and a range is a nesting of parts
(clock, zone, day, parenthetical equivalent) that a token pattern cannot name for the
normalizer. Every quantifier sits on a whitespace run between literal parts and no
quantified group repeats, so matching cannot backtrack catastrophically.

Why not dateparser for everything: it reads bare ordinals as months ("on the 12th" ->
December), "November 12, 22" as 2022, "November 11-12" as 2012, and does not know
"24:00", "Moscow time" or "overnight". It parses only the isolated absolute-date
fragments the grammar has cut out ("Nov. 12", "12 November 2024", "2024-02-01"), where
it is reliable and reports which parts (day, month, year) the text gave.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .regexcache import RegexCache
from .resources import load_data, models_dir

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

HS = r"[^\S\n]+"  # a run of spaces that does not cross a line
HS0 = r"[^\S\n]*"
DASH = HS0 + r"[-–—]" + HS0
H = r"(?:[01]?\d|2[0-4])"
MM = r"[0-5]\d"
MER = r"(?:[aApP]\.[mM]\.|[aApP][mM](?!\w))"
DAYN = r"(?:3[01]|[12]\d|0?[1-9])"
ORDS = r"(?:st|nd|rd|th)"
DNUM = DAYN + ORDS + r"?(?![\w:]|[.,]\d)"
YEAR = r"(?<!\d)(?:19|20)\d\d(?![\w]|[.,:]\d)"
YEARTAIL = r"(?:,?" + HS + YEAR + r")?"

#: Sub-type written to ``span.kb_id_`` for each grammar form.
SUBTYPES = {
    "clockrange": "range",
    "daterange": "range",
    "yearrange": "range",
    "clockphrase": "clock",
    "day": "date",
    "dayrel": "relative",
    "anaphoric": "anaphoric",
    "relative": "relative",
    "lookback": "relative",
    "duration": "duration",
    "monthyear": "date",
    "month": "date",
    "year": "date",
}


def _alt(words: list[str], *, fold: bool) -> str:
    """A non-capturing alternation of ``words`` (longest first, spaces as ``HS``)."""
    # longest first; equal lengths alphabetically, so the pattern is the same in every process
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", HS) for w in ordered)
    return f"(?i:{body})" if fold else f"(?:{body})"


def _after(words: list[str]) -> str:
    """A lookbehind accepting any of ``words`` (first letter in either case) plus a space."""
    parts = []
    for w in words:
        tail = re.escape(w[1:]) + ("" if w.endswith("-") else " ")
        parts.append(rf"(?<=\b[{w[0].upper()}{w[0].lower()}]{tail})")
    return "(?:" + "|".join(parts) + ")"


def _plain(pattern: str) -> str:
    """``pattern`` with its named groups made non-capturing, for embedding."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@dataclass(frozen=True)
class _Form:
    kind: str
    pattern: re.Pattern[str]  # named groups, for taking a found expression apart


class TimeGrammar:
    """The time-expression grammar compiled from the lexicons under ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        rx = RegexCache("time-grammar")  # compiling the grammar afresh took most of a second
        cal = load_data("lexicons/time_calendar.json", data_dir)
        rel = load_data("lexicons/time_relative.json", data_dir)
        units = load_data("lexicons/time_units.json", data_dir)
        zones = load_data("lexicons/timezones.json", data_dir)
        number_words = _number_words(load_data("lexicons/numbers.json", data_dir))

        months = {**cal["months"], **cal["month_abbreviations"]}
        self.months = {k.lower(): v for k, v in months.items()}
        self.weekdays = {k.lower(): v for k, v in cal["weekdays"].items()}
        self.day_words = {_norm(k): v for k, v in cal["day_words"].items()}
        self.relative = {_norm(k): v for k, v in rel["relative"].items()}
        self.anaphoric = {_norm(k): v for k, v in rel["anaphoric"].items()}
        self.numbers = {_norm(k): v for k, v in number_words.items()}
        self.zone_names = {_norm(k): v for k, v in zones["names"].items()}
        self.zone_abbreviations = dict(zones["abbreviations"])

        # ---- days
        month_full = _alt(list(cal["months"]), fold=False)
        month_abbr = _alt(list(cal["month_abbreviations"]), fold=False) + r"\.?"
        month = rf"(?:{month_full}|{month_abbr})(?![\w])"
        weekday = _alt(list(cal["weekdays"]), fold=False) + r"(?!\w)"
        dayword = _alt(list(cal["day_words"]), fold=True) + r"(?!\w)"
        # "the 12th" is a day only where no noun follows ("the 47th Brigade", "the 3rd, 5th")
        ordinal_follow = (
            rf"(?!,{HS0}\d+{ORDS})"
            rf"(?={HS0}(?:[,.;:)!?\"”’'\n]|\Z)|{HS}{_alt(rel['ordinal_followers'], fold=True)}(?!\w))"
        )
        # absolute dates: "Nov. 12", "April 23, 2024", "12 November", "2024-02-01", "12.11.2025"
        d_md = rf"{month}{HS}{DNUM}{YEARTAIL}"
        d_dm = rf"(?<![\w.,:/]){DNUM}{HS}(?:of{HS})?{month}{YEARTAIL}"
        d_iso = r"(?<![\w-])(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w-])"
        d_dot = r"(?<![\w.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d(?![\w]|\.\d)"
        dateabs = f"(?:{d_iso}|{d_dot}|{d_md}|{d_dm})"
        ordinal = (
            rf"(?i:the){HS}(?P<ord>{DAYN}){ORDS}"
            rf"(?:{HS}of{HS}(?P<ordmonth>{month}{YEARTAIL})|{ordinal_follow})"
        )
        core_named = (
            rf"(?:(?P<weekday>{weekday})(?:,?{HS}(?P<wdabs>{dateabs}))?"
            rf"|(?P<abs>{dateabs})|{ordinal})"
        )
        prefix = rf"(?P<prefix>{_alt(rel['day_prefixes'], fold=True)}(?:{HS}(?i:on))?{HS})"
        part_of = _alt(rel["part_of_day_of"], fold=True)
        night = (
            rf"(?:(?P<partof>(?i:the){HS}{part_of}{HS}(?i:of){HS})"
            rf"|(?P<overnight>(?i:overnight){HS}(?:(?i:on|into|to){HS})?))"
        )
        part = rf"(?:{HS}(?P<part>{_alt(rel['day_parts'], fold=True)})(?!\w))"
        day_named = rf"{prefix}?{night}?(?P<core>{core_named}){part}?"
        dayrel_named = rf"{prefix}?{night}?(?P<dayword>{dayword}){part}?"
        day = f"(?:{_plain(day_named)}|{_plain(dayrel_named)})"
        core = _plain(core_named) + f"|{dayword}"
        self.core_forms = rx.compile(core_named)
        self.day_forms = [rx.compile(day_named), rx.compile(dayrel_named)]

        # ---- clocks and zones
        zone_name = (
            r"(?:GMT|UTC)[+−-]\d{1,2}(?::?[0-5]\d)?(?!\d)|"
            + _alt(list(zones["names"]), fold=True)
            + "|"
            + _alt(list(zones["abbreviations"]), fold=False)
        )
        paren_zone = rf"\({HS0}(?:{zone_name}){HS0}\)"
        zone = rf"(?:(?:{zone_name})(?!\w)(?:{HS0}{paren_zone})?|{paren_zone})"
        clock_forms = [
            rf"(?P<h>{H}):(?P<m>{MM})(?::{MM})?(?:{HS0}(?P<mer>{MER}))?",
            rf"(?P<h>{H})(?:[.:](?P<m>{MM}))?{HS0}(?P<mer>{MER})",
            rf"(?P<h>[01]\d|2[0-4])(?P<m>{MM}){HS}(?i:hours|hrs)",
            rf"(?P<h>[01]\d|2[0-4])(?P<m>{MM})(?={HS0}(?:GMT|UTC|Z\b))",
            r"(?P<word>(?i:noon|midday|midnight))",
        ]
        # the finder needs the zone after a bare "0300"; the span text may end before it
        self.clock_forms = [rx.compile(f.split("(?=")[0]) for f in clock_forms]
        clock = r"(?<![\w:.,])(?:" + "|".join(_plain(f) for f in clock_forms) + r")(?![\w:])"
        hour = rf"(?<![\w:.,]){H}(?![\w:.,])"
        equiv_named = rf"{HS0}\({HS0}(?P<eqclock>{clock})(?:{DASH}{clock})?{HS0}(?P<eqzone>{zone}){HS0}\)"
        equiv = _plain(equiv_named)
        # "23:00 on June 3", also without "on" ("8 p.m. Monday", "20:00 June 3")
        clockpt_named = (
            rf"(?P<clock>{clock})(?:{HS0}(?P<zone>{zone}))?(?:(?:{HS}(?i:on))?{HS}(?P<day>{day}))?"
        )
        clockpt = _plain(clockpt_named)
        self.clockpt = rx.compile(clockpt_named)
        self.equiv = rx.compile(equiv_named)

        # ---- the forms, most specific first: at one position the first that matches wins
        num = rf"(?:\d{{1,3}}|{_alt(list(number_words), fold=True)})"
        unit = rf"(?P<unit>{_alt(units['units'], fold=True)})s?"
        period = _alt(units["period_nouns"], fold=True)
        article = rf"(?:(?i:an?){HS})?(?:(?i:single){HS})?"
        not_of = rf"(?!\w)(?!{HS}(?i:of)\b)"
        conn_d = rf"(?:{DASH}|{HS}(?i:to|into|until|till|through){HS})"
        # "since October 17 — 24 of them in Iraq": a part of a count, not the range's last day
        partitive = rf"(?!{HS}(?i:of){HS}(?i:them|which|those|these|the)\b)"
        first_abs = rf"(?P<m1>{month}){HS}(?P<d1>{DNUM})"
        a_end = rf"(?P<a>{clockpt}|{hour})"
        # a zone after the end's day covers the whole range ("from 18:00 on March 18 to 06:00 on
        # March 19 Moscow time", the Russian MoD's form)
        b_end = rf"(?P<b>{clockpt})(?:{HS}(?P<rangezone>{zone}))?(?P<equiv>{equiv})?"
        night_any = rf"(?P<night>{_plain(night)})"
        forms: list[tuple[str, str, str]] = [  # (kind, finder-only left context, named pattern)
            ("clockrange", "", rf"(?i:between){HS}{a_end}{HS}(?i:and){HS}{b_end}"),
            ("clockrange", "", rf"(?i:from){HS}{a_end}(?:{HS}(?i:to|until|till|through){HS}|{DASH}){b_end}"),
            ("clockrange", "", rf"(?P<a>{clockpt})(?:{DASH}|{HS}(?i:to|until|till){HS}){b_end}"),
            ("daterange", "", rf"{night_any}?{first_abs}{conn_d}(?P<d2>{DNUM}){partitive}(?P<y>{YEARTAIL})"),
            (
                "daterange",
                "",
                rf"{night_any}?(?<![\w.,:/])(?P<d1>{DNUM}){conn_d}(?P<d2>{DNUM}){HS}(?:of{HS})?"
                rf"(?P<m1>{month})(?P<y>{YEARTAIL})",
            ),
            ("daterange", "", rf"(?i:between){HS}{first_abs}{HS}(?i:and){HS}(?P<d2>{DNUM})(?P<y>{YEARTAIL})"),
            ("daterange", "", rf"(?i:between){HS}(?P<c1>{core}){HS}(?i:and){HS}(?P<c2>{core})"),
            ("daterange", "", rf"(?:(?i:from){HS}|{night_any})?(?P<c1>{core}){conn_d}(?P<c2>{core})"),
            (
                "yearrange",
                "",
                rf"(?i:between|from){HS}(?P<y1>{YEAR})(?:{HS}(?i:and|to|until|through){HS}|{DASH})"
                rf"(?P<y2>{YEAR})",
            ),
            (
                "clockphrase",
                "",
                rf"(?P<clock>{clock})(?:{HS0}(?P<zone>{zone}))?(?P<equiv>{equiv})?"
                rf"(?:(?:{HS}(?i:on)|,)?{HS}(?P<day>{day})(?:{HS}(?P<dayzone>{zone}))?)?",
            ),
            (
                "clockphrase",
                "",
                rf"(?P<day>{day})(?:,|{HS}(?i:at))?{HS}(?:(?i:around|about|approximately|roughly){HS})?"
                rf"(?P<clock>{clock})(?:{HS0}(?P<zone>{zone}))?(?P<equiv>{equiv})?",
            ),
            ("day", "", day_named),
            ("dayrel", "", dayrel_named),
            ("anaphoric", "", rf"(?P<phrase>{_alt(list(rel['anaphoric']), fold=True)}){not_of}"),
            ("relative", "", rf"(?P<phrase>{_alt(list(rel['relative']), fold=True)}){not_of}"),
            (
                "lookback",
                "",
                rf"(?i:the){HS}(?i:past|last|previous){HS}(?:(?P<num>{num}){HS})?{unit}{not_of}",
            ),
            (
                "duration",
                "",
                rf"{article}(?P<num>{num})-{unit}(?:-(?i:long))?(?![\w-])(?:{HS}{period}(?!\w))?",
            ),
            ("duration", "", rf"{article}(?P<num>{num}){HS}{unit}{HS}{period}(?!\w)"),
            ("duration", _after(rel["duration_prepositions"]), rf"(?P<num>{num}){HS}{unit}(?![\w-])"),
            ("monthyear", "", rf"(?P<month>{month}){HS}(?:(?i:of){HS})?(?P<year>{YEAR})"),
            (
                "month",
                _after(rel["month_prepositions"]),
                rf"(?P<month>{month_full})(?!\w)(?!{HS}{DAYN}(?!\w))",
            ),
            ("year", _after(rel["year_prepositions"]), rf"(?P<year>{YEAR})(?![\w-])"),
        ]
        self.forms = [_Form(kind, rx.compile(named)) for kind, _, named in forms]
        self._kinds = [kind for kind, _, _ in forms]
        # Gate: most word starts cannot begin a time expression; rejecting them with one
        # set lookup per word before trying the forms makes the scan several times faster
        # than trying the forms (or one case-insensitive alternation of the start words)
        # at every word boundary, which is what the regex engine would do.
        self.starts = frozenset(
            w.split()[0].lower()
            for w in (
                list(months)
                + list(cal["weekdays"])
                + list(cal["day_words"])
                + list(rel["relative"])
                + list(rel["anaphoric"])
                + rel["day_prefixes"]
                + list(number_words)
                + ["the", "a", "an", "single", "between", "from", "overnight", "noon", "midday", "midnight"]
            )
        )
        if not all(_START_WORD.fullmatch(w) for w in self.starts):
            raise ValueError(f"time start words must be letters and hyphens: {sorted(self.starts)}")
        self._most_parts = max(w.count("-") for w in self.starts) + 1
        self.finder = rx.compile(
            r"\b(?:"
            + "|".join(f"(?P<f{i}>{ctx}{_plain(named)})" for i, (_, ctx, named) in enumerate(forms))
            + ")"
        )
        rx.save()

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, subtype)`` of each time expression in ``text``, left to right."""
        taken = 0
        for start in self._candidates(text):
            if start < taken:
                continue
            m = self.finder.match(text, start)
            if m is not None:
                taken = m.end()
                yield start, taken, SUBTYPES[self._kinds[int(m.lastgroup[1:])]]

    def _candidates(self, text: str) -> Iterator[int]:
        """Word starts where a time expression can begin: a digit, or a start word
        followed by a word boundary (the words of "mid-November" start at "mid" and at
        "November", so each hyphen opens a candidate too)."""
        most = self._most_parts
        for m in _WORD.finditer(text):
            word = m.group()
            if "-" not in word:  # most words: one set lookup
                if word[0].isdecimal() or word.lower() in self.starts:
                    yield m.start()
                continue
            pieces, at = word.split("-"), m.start()
            lowered = [p.lower() for p in pieces]
            for k, piece in enumerate(pieces):
                if piece and (piece[0].isdecimal() or self._starts_word(lowered[k : k + most + 1])):
                    yield at
                at += len(piece) + 1

    def _starts_word(self, parts: list[str]) -> bool:
        """Whether the hyphen-separated ``parts`` begin with a start word ("two",
        "forty-eight", "mid-" before a word)."""
        for n in range(1, len(parts) + 1):
            head = "-".join(parts[:n])
            if head in self.starts or (n < len(parts) and parts[n] and head + "-" in self.starts):
                return True
        return False

    def parse(self, text: str) -> tuple[str, re.Match[str]] | None:
        """The first form matching all of ``text``, with its named parts."""
        for form in self.forms:
            m = form.pattern.fullmatch(text)
            if m:
                return form.kind, m
        return None


#: A word with its hyphenated parts (a run of word characters and hyphens).
_WORD = re.compile(r"\w[\w-]*")
_START_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]*)*")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=8)
def load_grammar(data_dir: str | Path | None = None) -> TimeGrammar:
    """The grammar for the models folder ``data_dir`` (default: the shipped one), built once."""
    return TimeGrammar(models_dir(data_dir))


# --------------------------------------------------------------------------- resolution


def _number_words(numbers: dict) -> dict[str, int]:
    """Spelled numbers for durations and look-back windows ("a seven-hour period", "the
    past forty-eight hours"), from the quantity lexicon so both read the same words."""
    words = {**numbers["units"], **numbers["tens"], **numbers["hundred"]}
    for ten, tv in numbers["tens"].items():
        for unit, uv in numbers["units"].items():
            if 0 < uv < 10:
                words[f"{ten}-{unit}"] = tv + uv
    words.update({w: n for w, n in numbers["vague_multipliers"].items() if " " not in w})
    return words


@dataclass(frozen=True)
class ResolvedTime:
    """A time expression as a window.

    ``start``/``end`` are dates (inclusive) for day-level windows and datetimes for clock
    times (timezone-aware when the zone is known). ``resolved`` is false when the window
    needs an anchor the caller did not give (then ``start``/``end`` are None).
    """

    start: datetime | date | None
    end: datetime | date | None
    granularity: str
    resolved: bool
    has_date: bool
    has_clock: bool
    anaphoric: bool = False


@lru_cache(maxsize=2)
def _dateparser(order: str) -> DateDataParser:
    """A dateparser for one day/month order, built on first use (it is slow to build).
    A leap year as base lets "Feb. 29" parse without a year; the year is chosen later."""
    from dateparser.date import DateDataParser  # imported on first use: a fifth of a second

    return DateDataParser(
        languages=["en"], settings={"RELATIVE_BASE": datetime(2000, 6, 15), "DATE_ORDER": order}
    )


@lru_cache(maxsize=4096)
def _absolute(fragment: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of an absolute date fragment, via dateparser."""
    order = "DMY" if re.match(r"\d{1,2}\.", fragment) else "MDY"  # "12.11.2025" is day-first
    data = _dateparser(order).get_date_data(fragment)
    if data.date_obj is None or not {"day", "month"} <= set(data.parts or ()):
        return None
    year = data.date_obj.year if "year" in data.parts else None
    return year, data.date_obj.month, data.date_obj.day


def _pick_year(month: int, day: int, published: date) -> date | None:
    """The date with this month and day closest to and not after ``published``."""
    for year in range(published.year, published.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None


def _ordinal_day(day: int, published: date) -> date | None:
    """Bare "the 12th": that day of the publication month, else of an earlier month."""
    year, month = published.year, published.month
    for _ in range(13):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= published:
            return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _month_start(d: date, back: int = 0) -> date:
    index = d.year * 12 + d.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date) -> date:
    return _month_start(first, -1) - timedelta(days=1)


def _clip(start: date, end: date, published: date | None) -> tuple[date, date]:
    """A calendar window cut at the publication date when it contains it."""
    if published is not None and start <= published < end:
        return start, published
    return start, end


class _Resolver:
    """Evaluates the parts of a parsed expression against an anchor date."""

    def __init__(self, grammar: TimeGrammar, published: date | None) -> None:
        self.g = grammar
        self.p = published

    # ---- days
    def core(self, text: str, anchor: date | None = None) -> date | None:
        """The date of a day core ("Tuesday", "Nov. 12", "the 11th", "yesterday");
        year-less and weekday forms take the latest such day not after ``anchor``
        (default: the publication date)."""
        anchor = anchor or self.p
        m = self.g.core_forms.fullmatch(text)
        if m is None:
            word = self.g.day_words.get(_norm(text))
            return None if word is None or self.p is None else self.p + timedelta(days=word)
        if m["wdabs"] or m["abs"]:
            return self.absolute(m["wdabs"] or m["abs"], anchor)
        if m["weekday"]:
            return self.weekday(self.g.weekdays[m["weekday"].lower()], anchor)
        if m["ordmonth"]:
            return self.absolute(f"{int(m['ord'])} {m['ordmonth']}", anchor)
        return None if anchor is None else _ordinal_day(int(m["ord"]), anchor)

    def absolute(self, fragment: str, anchor: date | None) -> date | None:
        parsed = _absolute(" ".join(fragment.split()))
        if parsed is None:
            return None
        year, month, day = parsed
        if year is not None:
            return date(year, month, day)
        return None if anchor is None else _pick_year(month, day, anchor)

    @staticmethod
    def weekday(wd: int, anchor: date | None) -> date | None:
        """The latest day with weekday ``wd`` not after ``anchor``."""
        return None if anchor is None else anchor - timedelta(days=(anchor.weekday() - wd) % 7)

    def day(self, text: str) -> tuple[date, date] | None:
        """The (start, end) dates of a day phrase, or None if it cannot be anchored."""
        for pattern in self.g.day_forms:
            m = pattern.fullmatch(text)
            if m:
                break
        else:
            return None
        groups = m.groupdict()
        d = self.core(groups.get("dayword") or groups["core"])
        if d is not None and _norm(m["prefix"] or "") == "last" and d == self.p and groups.get("core"):
            d -= timedelta(days=7)  # "last Tuesday" published on a Tuesday: the week before
        if d is None:
            return None
        partof = _norm(m["partof"] or "")
        if m["overnight"] or partof.startswith("the night"):
            return d - timedelta(days=1), d
        return d, d  # "Saturday night" is Saturday evening: after midnight is "early on Sunday"

    # ---- clocks
    def clock(self, text: str) -> tuple[int, int, bool, str | None]:
        """(hour 0-24, minute, minutes written, meridiem 'a'/'p' or None)."""
        for pattern in self.g.clock_forms:
            m = pattern.fullmatch(text)
            if m:
                break
        else:
            raise ValueError(text)
        word = m.groupdict().get("word")
        if word:
            return (12 if word.lower() in ("noon", "midday") else 0), 0, False, None
        hour, minute = int(m["h"]), int(m["m"] or 0)
        mer = (m.groupdict().get("mer") or "")[:1].lower() or None
        return _meridiem(hour, mer), minute, m["m"] is not None, mer

    def zone(self, text: str | None) -> tzinfo | None:
        """The zone a zone phrase names ("Moscow time (MSK)", "GMT+3"); None for "local
        time" and unknown zones, which give naive datetimes."""
        if not text:
            return None
        raw = " ".join(re.sub(r"\([^)]*\)", "", text).split()) or text.strip("() ")
        if _norm(raw) in self.g.zone_names:
            return _tz(self.g.zone_names[_norm(raw)])
        if raw in self.g.zone_abbreviations:
            return _tz(self.g.zone_abbreviations[raw])
        m = re.fullmatch(r"(?:GMT|UTC)([+−-])(\d{1,2}):?(\d{2})?", raw)
        if m:
            sign = -1 if m[1] in "−-" else 1
            return timezone(sign * timedelta(hours=int(m[2]), minutes=int(m[3] or 0)))
        return None

    def equivalent(self, text: str | None, local: datetime) -> tzinfo | None:
        """The offset implied by "11:40 a.m. (08:40 GMT)" for the naive ``local`` time."""
        if not text:
            return None
        m = self.g.equiv.fullmatch(text)
        tz = self.zone(m["eqzone"]) if m else None
        if tz is None:
            return None
        hour, minute, _, _ = self.clock(m["eqclock"])
        other = _at(local.date(), hour, minute, tz)
        offset = local - other.replace(tzinfo=None) + other.utcoffset()
        offset = timedelta(minutes=(offset.total_seconds() // 60 + 12 * 60) % (24 * 60) - 12 * 60)
        return timezone(offset)


def _meridiem(hour: int, mer: str | None) -> int:
    if mer == "p" and hour < 12:
        return hour + 12
    if mer == "a" and hour == 12:
        return 0
    return hour


def _tz(value: str | None) -> tzinfo | None:
    if value is None:
        return None
    if value[0] in "+-":
        sign = -1 if value[0] == "-" else 1
        hours, minutes = value[1:].split(":")
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    return ZoneInfo(value)


def _at(day: date, hour: int, minute: int, tz: tzinfo | None) -> datetime:
    """The datetime of a clock reading on ``day``; 24:00 is midnight ending the day."""
    extra, hour = divmod(hour, 24)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz) + timedelta(days=extra)


def _pick_day(window: tuple[date, date] | None, hour: int) -> date | None:
    """The day of a clock time inside a day phrase (evening hours on a night's first day)."""
    if window is None:
        return None
    return window[0] if hour >= 12 else window[1]


_UNRESOLVED_DAY = ResolvedTime(None, None, "day", False, True, False)


@lru_cache(maxsize=65536)
def resolve_time(
    text: str, published: date | datetime | str | None, *, day: date | datetime | str | None = None
) -> ResolvedTime | None:
    """The window a time expression names, anchored on the publication date.

    ``text`` is a TIME span's text; words around one expression are tolerated ("on
    Tuesday"). ``day`` gives the date for a clock-only expression ("between 12:00 and
    16:00 MSK") and the antecedent day for an anaphoric one ("the same day"). Returns
    None for text holding no time expression and for durations ("a seven-hour
    period"), which say how long, not when. ``published`` and ``day`` take what
    :func:`claimx.extract` takes for ``published``: a date, a datetime (its day) or an
    ISO string.
    """
    from .api import coerce_published

    published, day = coerce_published(published), coerce_published(day)
    grammar = load_grammar()
    text = " ".join(text.split())
    parsed = grammar.parse(text)
    if parsed is None:  # words around the expression ("on Tuesday"): use the first one found
        found = next(grammar.find(text), None)
        parsed = found and grammar.parse(text[found[0] : found[1]])
    if not parsed:
        return None
    kind, m = parsed
    r = _Resolver(grammar, published)
    if kind == "clockrange":
        return _clock_range(r, m, day)
    if kind == "clockphrase":
        return _clock_phrase(r, m, day)
    if kind in ("day", "dayrel"):
        window = r.day(m.group(0))
        return _UNRESOLVED_DAY if window is None else ResolvedTime(*window, "day", True, True, False)
    if kind == "daterange":
        return _date_range(r, m)
    if kind == "yearrange":
        start, end = _clip(date(int(m["y1"]), 1, 1), date(int(m["y2"]), 12, 31), published)
        return ResolvedTime(start, end, "year", True, True, False)
    if kind == "anaphoric":
        return _anaphor(grammar.anaphoric[_norm(m["phrase"])], day)
    if kind == "relative":
        return _relative(r, m)
    if kind == "lookback":
        return _lookback(r, m)
    if kind in ("monthyear", "month"):
        return _month(r, m)
    if kind == "year":
        start, end = _clip(date(int(m["year"]), 1, 1), date(int(m["year"]), 12, 31), published)
        return ResolvedTime(start, end, "year", True, True, False)
    return None  # durations


def _clock_phrase(r: _Resolver, m: re.Match[str], day: date | None) -> ResolvedTime:
    hour, minute, minutes_written, _ = r.clock(m["clock"])
    tz = r.zone(m["zone"]) or r.zone(m.groupdict().get("dayzone"))  # "06:00 on March 19 Moscow time"
    has_date = m["day"] is not None
    on = _pick_day(r.day(m["day"]), hour) if has_date else (day or r.p)
    granularity = "minute" if minutes_written else "hour"
    if on is None:
        return ResolvedTime(None, None, granularity, False, has_date, True)
    when = _at(on, hour, minute, tz)
    if tz is None and m["equiv"]:
        implied = r.equivalent(m["equiv"], when)
        when = when.replace(tzinfo=implied) if implied else when
    return ResolvedTime(when, when, granularity, True, has_date, True)


def _clock_range(r: _Resolver, m: re.Match[str], day: date | None) -> ResolvedTime:
    a_match, b = r.g.clockpt.fullmatch(m["a"]), r.g.clockpt.fullmatch(m["b"])
    b_hour, b_min, b_written, b_mer = r.clock(b["clock"])
    if a_match is None:  # a bare hour, "from 3 to 8 p.m.": it shares the end's half of the day
        a_hour, a_min, a_written, a_mer = int(m["a"]), 0, False, None
    else:
        a_hour, a_min, a_written, a_mer = r.clock(a_match["clock"])
    if a_mer is None and b_mer == "p" and a_hour < 12 and a_hour + 12 <= b_hour:
        a_hour += 12
    if b_hour == 0 and b_min == 0 and "midnight" in b["clock"].lower():
        b_hour = 24  # "from 8 p.m. to midnight" ends at the day's end
    a_zone, b_zone = r.zone(a_match and a_match["zone"]), r.zone(b["zone"])
    range_zone = r.zone(m["rangezone"])
    # a zone written once (at either end, or after the whole range) applies to both ends
    tz_a, tz_b = a_zone or b_zone or range_zone, b_zone or a_zone or range_zone
    a_day = _pick_day(r.day(a_match["day"]), a_hour) if a_match and a_match["day"] else None
    b_day = _pick_day(r.day(b["day"]), b_hour) if b["day"] else None
    has_date = bool((a_match and a_match["day"]) or b["day"])
    crosses = a_hour * 60 + a_min > b_hour * 60 + b_min
    one = timedelta(days=1)
    if a_day is None and b_day is not None:
        a_day = b_day - one if crosses else b_day
    elif b_day is None and a_day is not None:
        b_day = a_day + one if crosses else a_day
    elif a_day is None and not has_date and (day or r.p):
        b_day = day or r.p
        a_day = b_day - one if crosses else b_day
    granularity = "minute" if a_written or b_written else "hour"
    if a_day is None or b_day is None:
        return ResolvedTime(None, None, granularity, False, has_date, True)
    start, end = _at(a_day, a_hour, a_min, tz_a), _at(b_day, b_hour, b_min, tz_b)
    if tz_a is None and tz_b is None and m["equiv"]:
        implied = r.equivalent(m["equiv"], start)
        if implied is not None:
            start, end = start.replace(tzinfo=implied), end.replace(tzinfo=implied)
    return ResolvedTime(start, end, granularity, True, has_date, True)


def _date_range(r: _Resolver, m: re.Match[str]) -> ResolvedTime:
    if m.groupdict().get("c1"):
        end = r.core(m["c2"])
        start = r.core(m["c1"], end)  # a year-less or weekday start lies before the end
    else:
        year = (m["y"] or "").strip(", ")
        suffix = f", {year}" if year else ""
        end = r.absolute(f"{m['m1']} {_digits(m['d2'])}{suffix}", r.p)
        start = r.absolute(f"{m['m1']} {_digits(m['d1'])}{suffix}", end)
    if start is None or end is None:
        return _UNRESOLVED_DAY
    return ResolvedTime(start, end, "day", True, True, False)


def _digits(text: str) -> str:
    return re.match(r"\d+", text)[0]


def _anaphor(entry: dict, day: date | None) -> ResolvedTime:
    """An anaphor resolves only against its antecedent's day; nights are left to the
    caller, which should reuse the antecedent's window (a night has no single day)."""
    if day is None or entry["night"]:
        return ResolvedTime(None, None, "day", False, False, False, anaphoric=True)
    d = day + timedelta(days=entry["shift"])
    return ResolvedTime(d, d, "day", True, False, False, anaphoric=True)


def _lookback(r: _Resolver, m: re.Match[str]) -> ResolvedTime:
    """ "the past 24 hours", "the last three days": from that long before P up to P."""
    p = r.p
    unit = m["unit"].lower()
    count = m["num"] and (int(m["num"]) if m["num"].isdigit() else r.g.numbers[_norm(m["num"])])
    count = count or 1
    granularity = unit if unit in ("week", "month", "year") else "day"
    if p is None:
        return ResolvedTime(None, None, granularity, False, True, False)
    if unit in ("minute", "hour"):
        start = p - timedelta(days=-(-count // (24 * (60 if unit == "minute" else 1))))
    elif unit in ("day", "week"):
        start = p - timedelta(days=count * (7 if unit == "week" else 1))
    elif unit == "month":
        start = _month_start(p, count).replace(day=min(p.day, 28))
    else:
        start = date(p.year - count, p.month, min(p.day, 28))
    return ResolvedTime(start, p, granularity, True, True, False)


def _relative(r: _Resolver, m: re.Match[str]) -> ResolvedTime:
    """A lexicon phrase ("overnight", "this year") by its window rule."""
    p = r.p
    rule = r.g.relative[_norm(m["phrase"])]
    granularity = {
        "this_week": "week",
        "last_week": "week",
        "this_month": "month",
        "last_month": "month",
        "this_year": "year",
        "last_year": "year",
    }.get(rule, "day")
    if p is None:
        return ResolvedTime(None, None, granularity, False, True, False)
    one = timedelta(days=1)
    windows = {
        "night": lambda: (p - one, p),
        "today": lambda: (p, p),
        "this_week": lambda: (p - timedelta(days=p.weekday()), p),
        "last_week": lambda: (p - timedelta(days=p.weekday() + 7), p - timedelta(days=p.weekday() + 1)),
        "this_month": lambda: (p.replace(day=1), p),
        "last_month": lambda: (_month_start(p, 1), _month_start(p) - one),
        "this_year": lambda: (date(p.year, 1, 1), p),
        "last_year": lambda: (date(p.year - 1, 1, 1), date(p.year - 1, 12, 31)),
        # the latest weekend: Saturday (P's own, else the one before) to Sunday, cut at P
        "weekend": lambda: (
            p - timedelta(days=(p.weekday() - 5) % 7),
            min(p, p - timedelta(days=(p.weekday() - 5) % 7) + one),
        ),
    }
    start, end = windows[rule]()
    return ResolvedTime(start, end, granularity, True, True, False)


def _month(r: _Resolver, m: re.Match[str]) -> ResolvedTime:
    month = r.g.months[m["month"].rstrip(".").lower()]
    year = m.groupdict().get("year")
    if year:
        first = date(int(year), month, 1)
    elif r.p is None:
        return ResolvedTime(None, None, "month", False, True, False)
    else:
        first = date(r.p.year if month <= r.p.month else r.p.year - 1, month, 1)
    start, end = _clip(first, _month_end(first), r.p)
    return ResolvedTime(start, end, "month", True, True, False)

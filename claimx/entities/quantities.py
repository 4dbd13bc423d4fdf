"""QUANTITY recognizer and quantity parsing.

A claim is only as good as its number, so this module finds counts ("22", "over 130",
"three each", "several dozen") and reads them into comparable values. Recognition is
one spaCy ``Matcher`` call for numbers (``models/patterns/quantity.json``) and one
``PhraseMatcher`` call for fixed phrases (lexicons/numbers.json, qualifiers.json).
Each candidate is then checked against the words next to it, which veto numbers that
are not counts (dates, clock times, durations, units, money, codes, pronoun "one"),
and joined with its qualifier words; that work is per candidate, never per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import LIKE_NUM, LOWER, SHAPE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..resources import load_data, models_dir
from ..schema import Qualifier, Quantity
from .labels import QUANTITY

NUMBERS_FILE = "lexicons/numbers.json"
QUALIFIERS_FILE = "lexicons/qualifiers.json"
PATTERNS_FILE = "patterns/quantity.json"

DISTRIBUTIVE = "distributive"
VAGUE = "vague"

Number = int | float

# A year or span of years: "2024", "2022–2023", "2022-23".
#: Most tokens of a list of ages after "of" ("children of two, three, five and 16").
MAX_AGE_LIST = 16
_YEAR = re.compile(r"^(?:1[89]|20)\d\d(?:[-–](?:(?:1[89]|20)\d\d|\d\d))?$")
# Words of a quantity text: numerals (with thousands commas / decimals), words, dashes.
_WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+|[-–]")
# "10–15" is one token (spaCy splits "10-15" but not the en dash); found by its shape.
_DASH_RANGE = re.compile(r"^\d{1,7}–\d{1,7}$")
_DASH_SHAPES = tuple(f"{'d' * a}–{'d' * b}" for a in range(1, 5) for b in range(1, 5))
_NUMERAL = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class ParsedQuantity:
    """A count read from text.

    ``value`` is the number as written ("over 130" -> 130), the lower bound for a
    range, and None for vague counts. ``low``/``high`` are the bounds the text states,
    as written: inclusive or exclusive is told by ``qualifier`` ("over 130" has
    low=130 and qualifier ``more_than``, meaning > 130). Exact counts have
    low = high = value; approximate ones have no bounds; vague ones ("dozens") have
    the least count the word implies as ``low`` (24). A number no float64 holds
    exactly (beyond 2**53, or more digits than a float keeps) is ``unrepresentable``:
    the count is kept, its value and bounds are None, and its text says what was written.
    """

    value: Number | None
    low: Number | None = None
    high: Number | None = None
    qualifier: Qualifier = "exact"
    distributive: bool = False
    vague: bool = False
    unrepresentable: bool = False

    def to_quantity(self, text: str, start: int, end: int) -> Quantity:
        """The claim's quantity: this reading with the text and character offsets it
        was read from."""
        return Quantity(
            value=self.value,
            low=self.low,
            high=self.high,
            qualifier=self.qualifier,
            text=text,
            start=start,
            end=end,
        )


#: Whole numbers up to this size are exact in a float64 (JSON readers, Parquet, pandas).
_EXACT_INT = 2**53


def _num(value: Decimal | int) -> Number | Decimal:
    """An int when the number is whole (1.5 million -> 1500000), else a float; the
    Decimal itself when no float prints as the number written (Infinity for a numeral
    of 400 digits with a decimal part)."""
    if value == int(value):
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else value


def _exact(n: Number | Decimal) -> bool:
    """True if ``n`` reads the same from every output (JSON readers, Parquet, pandas):
    an int or float a float64 holds exactly, so not 2**53 + 1."""
    return not isinstance(n, Decimal) and abs(n) <= _EXACT_INT


class NumberWords:
    """Spelled-out numbers ("one hundred and thirty-three", "a dozen") from numbers.json.

    Hand-written because no allowed dependency reads English number words; a
    small state machine that accepts only well-formed sequences, so that
    "three and four" stays two numbers.
    """

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.units: dict[str, int] = lexicon["units"]
        self.tens: dict[str, int] = lexicon["tens"]
        self.hundred: dict[str, int] = lexicon["hundred"]
        self.big: dict[str, int] = lexicon["big_scales"]
        self.dozen: dict[str, int] = lexicon["dozen"]
        self.articles = frozenset(lexicon["articles"])
        self.words = frozenset([*self.units, *self.tens, *self.hundred, *self.big, *self.dozen])
        self.scales = {**self.hundred, **self.big}
        self.multipliers = {**self.scales, **self.dozen}  # words that may follow a numeral

    def longest(self, words: Sequence[str], i: int) -> tuple[int, int] | None:
        """(end, value) of the longest number spelled by ``words[i:]``, if any."""
        total, group, last, last_big = 0, 0, "start", None
        best: tuple[int, int] | None = None
        j = i
        if j < len(words) and words[j] in self.articles:
            group, last, j = 1, "article", j + 1
        while j < len(words):
            w = words[j]
            if w in self.units:
                v = self.units[w]
                after_tens = last in ("tens", "hyphen") and 1 <= v <= 9
                if not (after_tens or last in ("start", "hundred", "big", "and")):
                    break
                if v == 0 and last != "start":
                    break
                group += v
                last = "unit"
            elif w in self.tens and last in ("start", "hundred", "big", "and"):
                group += self.tens[w]
                last = "tens"
            elif w == "-" and last == "tens":
                last = "hyphen"
            elif w == "and" and last in ("hundred", "big"):
                last = "and"
            elif w in self.hundred and last in ("unit", "tens", "article") and 0 < group < 100:
                group *= self.hundred[w]
                last = "hundred"
            elif (
                w in self.big
                and last in ("unit", "tens", "hundred", "article")
                and (last_big is None or self.big[w] < last_big)
            ):
                total += group * self.big[w]
                group, last, last_big = 0, "big", self.big[w]
            elif w in self.dozen and last in ("unit", "article") and total == 0:
                group *= self.dozen[w]
                best = (j + 1, total + group)
                break
            else:
                break
            if last not in ("hyphen", "and"):
                best = (j + 1, total + group)
            j += 1
        return best

    def segments(self, words: Sequence[str]) -> Iterator[tuple[int, int, int]]:
        """(start, end, value) of each maximal number in ``words``, left to right."""
        i = 0
        while i < len(words):
            found = self.longest(words, i)
            if found is None:
                i += 1
                continue
            yield i, found[0], found[1]
            i = found[0]


class QuantityParser:
    """Reads a quantity text ("over 130", "three each", "between 10 and 15")."""

    def __init__(self, numbers: dict[str, Any], qualifiers: dict[str, Any]) -> None:
        self.words = NumberWords(numbers)
        self.phrases = {tuple(k.split()): v for k, v in numbers["phrases"].items()}
        self.vague_plurals: dict[str, int] = numbers["vague_plurals"]
        self.vague_min: int = numbers["vague_plural_minimum"]
        self.vague_mult = {tuple(k.split()): v for k, v in numbers["vague_multipliers"].items()}
        self.vague_alone = {tuple(k.split()) for k in numbers["vague_alone"]}
        self.prefix = {tuple(k.split()): v for k, v in qualifiers["prefix"].items()}
        self.suffix = {tuple(k.split()): v for k, v in qualifiers["suffix"].items()}
        self.distributive = {(w,) for w in qualifiers["distributive"]}
        self.openers: dict[str, str] = dict(qualifiers["range_openers"])
        self.connectors = frozenset(qualifiers["range_connectors"])

    def parse(self, text: str) -> ParsedQuantity:
        """The count ``text`` states; value None when it states none."""
        words = _WORD.findall(text.lower())
        stated: Qualifier | None = None
        distributive = False
        if (k := _affix(words, self.distributive, suffix=True)) is not None:
            words, distributive = words[:-k], True
        suffixed = tuple(words) not in self.vague_alone  # "many more": its "more" is part of it
        if suffixed and (k := _affix(words, self.suffix, suffix=True)) is not None:
            stated, words = self.suffix[tuple(words[-k:])], words[:-k]
        if (k := _affix(words, self.prefix, suffix=False)) is not None:
            stated, words = self.prefix[tuple(words[:k])], words[k:]
        if (n := self.number(words)) is not None:
            if not _exact(n):
                return ParsedQuantity(
                    None, qualifier=stated or "exact", distributive=distributive, unrepresentable=True
                )
            return _bounded(n, stated or "exact", distributive)
        if (least := self._vague(words)) is not None:
            return ParsedQuantity(None, least, None, stated or "approx", distributive, vague=True)
        if (bounds := self._range(words)) is not None:
            if not (_exact(bounds[0]) and _exact(bounds[1])):
                return ParsedQuantity(
                    None, qualifier="range", distributive=distributive, unrepresentable=True
                )
            return ParsedQuantity(bounds[0], bounds[0], bounds[1], "range", distributive)
        return ParsedQuantity(None, distributive=distributive)

    def number(self, words: Sequence[str]) -> Number | Decimal | None:
        """The single number ``words`` spell in full ("1.5 million", "twenty-two")."""
        if not words:
            return None
        if tuple(words) in self.phrases:
            return self.phrases[tuple(words)]
        if _NUMERAL.match(words[0]):
            try:
                value = Decimal(words[0].replace(",", ""))
            except InvalidOperation:
                return None
            for w in words[1:]:
                scale = self.words.multipliers.get(w)
                if scale is None:
                    return None
                value *= scale
            return _num(value)
        found = self.words.longest(words, 0)
        return found[1] if found is not None and found[0] == len(words) else None

    def _range(self, words: list[str]) -> tuple[Number | Decimal, Number | Decimal] | None:
        """(low, high) for "between 10 and 15", "two or three", "10-15"."""
        joiners = self.connectors
        if words and words[0] in self.openers:
            joiners = frozenset([self.openers[words[0]]])
            words = words[1:]
        for i, w in enumerate(words):
            if w not in joiners:
                continue
            low, high = self.number(words[:i]), self.number(words[i + 1 :])
            if low is not None and high is not None and low < high:
                return low, high
        return None

    def _vague(self, words: list[str]) -> Number | None:
        """The least count a vague phrase implies ("dozens" -> 24), or None if not vague."""
        key = tuple(words)
        if key in self.vague_alone:
            return self.vague_mult[key]
        if len(words) >= 2 and words[-1] in self.words.multipliers:
            mult = self.vague_mult.get(tuple(words[:-1]))
            return mult * self.words.multipliers[words[-1]] if mult is not None else None
        if len(words) == 1 and words[0] in self.vague_plurals and words[0] != "tens":
            return self.vague_min * self.vague_plurals[words[0]]
        if len(words) == 3 and words[1] == "of" and words[0] in self.vague_plurals:
            outer = self.vague_plurals.get(words[2])
            if outer is not None and outer > self.vague_plurals[words[0]]:
                return self.vague_min * self.vague_plurals[words[0]] * outer
        return None


def _bounded(n: Number, qualifier: Qualifier, distributive: bool) -> ParsedQuantity:
    """A written number with the bounds its qualifier states."""
    low: Number | None = n if qualifier in ("exact", "more_than", "at_least") else None
    high: Number | None = n if qualifier in ("exact", "less_than", "at_most") else None
    return ParsedQuantity(n, low, high, qualifier, distributive)


def _affix(words: Sequence[str], phrases: Any, *, suffix: bool) -> int | None:
    """Length of the longest phrase from ``phrases`` that starts (or ends) ``words``."""
    for k in range(min(4, len(words) - 1), 0, -1):
        part = tuple(words[-k:]) if suffix else tuple(words[:k])
        if part in phrases:
            return k
    return None


@lru_cache(maxsize=1)
def _default_parser() -> QuantityParser:
    """The parser over the shipped lexicons, built once."""
    return QuantityParser(load_data(NUMBERS_FILE), load_data(QUALIFIERS_FILE))


@lru_cache(maxsize=65536)
def parse_quantity(text: str) -> ParsedQuantity:
    """Read a quantity text with the shipped lexicons; never raises.

    "over 130" -> 130 more_than; "a dozen" -> 12; "several dozen" -> vague;
    "between 10 and 15" -> range, value 10 (the low end); "three each" -> distributive.
    """
    return _default_parser().parse(text)


def parse_span(span: Span) -> ParsedQuantity:
    """``parse_quantity`` of a QUANTITY span, with the distributive flag the recognizer
    read from the span's context ("each saw two") carried over from ``kb_id_``."""
    parsed = parse_quantity(span.text)
    if span.kb_id_ == DISTRIBUTIVE and not parsed.distributive:
        return replace(parsed, distributive=True)
    return parsed


class _Context:
    """The words next to a number that show it is not a count (see quantity.json)."""

    def __init__(self, spec: dict[str, Any], number_words: frozenset[str]) -> None:
        self.month = frozenset(spec["month"])
        self.after = frozenset(spec["not_count_after"])
        self.modifier = frozenset(spec["count_modifier"])
        self.before = frozenset(spec["not_count_before"])
        self.skip_before = frozenset(spec["skip_before"])
        self.code_sep = frozenset(spec["code_separators"])
        self.ratio = frozenset(spec["ratio_words"])
        self.one_before = frozenset(spec["one_pronoun_before"])
        self.one_after = frozenset(spec["one_pronoun_after"])
        self.one_of_the = frozenset(spec["one_of_the_not_count"])
        self.superlative = tuple(spec["one_of_the_superlative_endings"])
        self.single_after = frozenset(spec["a_single_not_after"])
        self.age_nouns = frozenset(spec["age_nouns"])
        self.age_followers = frozenset(spec["age_followers"])
        self.multiplier = frozenset(spec["multiplier_words"])
        self.multiplier_next = frozenset(spec["multiplier_followers"])
        self.age_clauses = frozenset(tuple(c.split()) for c in spec["age_clauses"])
        self.hyphen_ok = number_words | {"plus", "odd"}

    def is_count(self, doc: Doc, start: int, end: int, connectors: frozenset[str]) -> bool:
        """False when the words around ``doc[start:end]`` show it is no count."""
        first, last = doc[start], doc[end - 1]
        nxt = doc[end] if end < len(doc) else None
        if not first.is_alpha and not _NUMERAL.match(first.text) and "–" not in first.text:
            return False  # "12th", "+7", "3,5", "9/11"
        if self._bad_before(doc, start) or self._bad_after(doc, end, connectors):
            return False
        if nxt is not None and nxt.text in ("-", "–") and not last.whitespace_ and not nxt.whitespace_:
            following = doc[end + 1] if end + 1 < len(doc) else None
            if following is not None and following.is_alpha and following.lower_ not in self.hyphen_ok:
                return False  # "24-hour", "73-year-old", "one-way"
        if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
            if not doc[start - 1].whitespace_ and doc[start - 2].is_alpha:
                return False  # "Iskander-5"-style designation split by the tokenizer
        if not first.is_alpha and self._in_code(doc, start, end):
            return False
        if self._in_ratio(doc, start, end) or self._age(doc, start, end) or self._multiplier(doc, end):
            return False
        if end - start == 1 and first.is_title and first.is_alpha and start and doc[start - 1].is_title:
            return False  # "Formula One", "World War Two"
        if end - start == 1 and first.lower_ == "one":
            return not self._pronoun_one(doc, start)
        if end - start == 2 and first.lower_ == "a" and last.lower_ == "single":
            before = doc[start - 1].lower_ if start else ""
            return before not in self.single_after and nxt is not None and nxt.is_alpha
        return True

    def _bad_before(self, doc: Doc, start: int) -> bool:
        """A month, label, currency, designation or acronym before: "May 5", "Kh 101"."""
        i = start - 1
        while i >= 0 and doc[i].text in self.skip_before:
            i -= 1
        if i < 0:
            return False
        word = doc[i]
        acronym = word.is_upper and word.is_alpha and len(word) >= 2 and not doc[start].is_alpha
        return word.text in self.month or word.lower_ in self.before or acronym

    def _bad_after(self, doc: Doc, end: int, connectors: frozenset[str]) -> bool:
        """A unit, month or clock word after: "24 hours", "5 km", "12 November", "7 pm"."""
        j = end
        if j + 1 < len(doc) and doc[j].lower_ in connectors and doc[j + 1].like_num:
            j += 2  # look past a range tail: "two or three days"
        while j < len(doc) and doc[j].lower_ in self.modifier:
            j += 1
        return j < len(doc) and (doc[j].text in self.month or doc[j].lower_ in self.after)

    def _multiplier(self, doc: Doc, end: int) -> bool:
        """A factor, not a count: "14 times as many drones", "three times more"."""
        return (
            end + 1 < len(doc)
            and doc[end].lower_ in self.multiplier
            and doc[end + 1].lower_ in self.multiplier_next
        )

    def _age(self, doc: Doc, start: int, end: int) -> bool:
        """An age, not a count: "a boy, 12, was wounded", "a woman (67)", "my son, who
        was nine, was killed"."""
        nxt = doc[end].text if end < len(doc) else "."
        if (not nxt.isalpha() or nxt.lower() in self.age_followers) and self._ages_after_of(doc, start):
            return True  # "a girl of six was hurt", "children of two, three and 16."
        if nxt not in (",", ")", ".", ";", "—", "–") and nxt.lower() not in ("when", "and"):
            return False
        before = tuple(t.lower_ for t in doc[max(0, start - 2) : start])
        if before in self.age_clauses:
            return True
        if nxt not in (",", ")", "and"):
            return False
        k = start - 1
        if k >= 2 and doc[k].lower_ == "and" and doc[k - 1].like_num:
            k -= 2  # the second of "two women (58 and 61)"
        if k < 1 or doc[k].text not in (",", "("):
            return False
        if doc[k - 1].lower_ in self.age_nouns:
            return True
        # "Dave Smith, 66, said": a person's age follows their name (two capitalised words)
        return (
            end - start == 1
            and doc[start].is_digit
            and len(doc[start]) <= 3
            and k >= 2
            and doc[k - 1].is_title
            and doc[k - 2].is_title
            and doc[k - 1].is_alpha
        )

    def _ages_after_of(self, doc: Doc, start: int) -> bool:
        """A list of ages after "of" and a person noun: "children of two, three and 16",
        "a girl of six." (the caller has checked that no noun follows the number)."""
        k = start - 1
        while k >= 0 and start - k <= MAX_AGE_LIST and (doc[k].like_num or doc[k].lower_ in (",", "and")):
            k -= 1
        return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in self.age_nouns

    def _in_code(self, doc: Doc, start: int, end: int) -> bool:
        """Phone numbers, dates and IDs: digits next to digits ("123-45-67", "(495) 123")."""

        def digits(i: int) -> bool:
            return 0 <= i < len(doc) and doc[i].like_num and not doc[i].is_alpha

        if digits(start - 1) or digits(end):
            return True
        for left, sep, right in ((start - 2, start - 1, start), (end - 1, end, end + 1)):
            if digits(left) and digits(right) and doc[sep].text in self.code_sep and not doc[sep].whitespace_:
                if _value(doc[left].text) >= _value(doc[right].text):
                    return True  # "52-48", "24/7": a score or code, not a range
        if (digits(end + 1) and doc[end].text == ")") or (digits(start - 2) and doc[start - 1].text == ")"):
            return True
        seps = [
            i
            for i in (start - 3, start - 1, end, end + 2)
            if 0 <= i < len(doc) and doc[i].text in self.code_sep
        ]
        chain = [i for i in (start - 4, start - 2, end + 1, end + 3) if digits(i)]
        return len(seps) >= 2 and len(chain) >= 2 and _chained(start, end, seps, chain)

    def _in_ratio(self, doc: Doc, start: int, end: int) -> bool:
        """True for a side of a ratio ("1 in 5 children"): neither side is a count."""
        after = end + 1 < len(doc) and doc[end].lower_ in self.ratio and doc[end + 1].like_num
        before = start >= 2 and doc[start - 1].lower_ in self.ratio and doc[start - 2].like_num
        return after or before

    def _pronoun_one(self, doc: Doc, i: int) -> bool:
        """True for the pronoun: "no one", "one another", "the one who", "one of the largest"."""
        before = doc[i - 1].lower_ if i else ""
        if before == "-" and i >= 2:
            before = doc[i - 2].lower_
        after = [t.lower_ for t in doc[i + 1 : i + 4]]
        if before in self.one_before or (after and after[0] in self.one_after):
            return True
        if after[:2] == ["of", "the"] and len(after) == 3:
            return after[2] in self.one_of_the or after[2].endswith(self.superlative)
        return False


def _value(text: str) -> float:
    """A digit token's value, for comparing range ends ("10" < "15")."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return 0.0


def _chained(start: int, end: int, seps: list[int], chain: list[int]) -> bool:
    """True if the number sits in a run d-sep-d-sep-d (on either side)."""
    left = start - 1 in seps and start - 2 in chain
    right = end in seps and end + 1 in chain
    further_left = left and start - 3 in seps and start - 4 in chain
    further_right = right and end + 2 in seps and end + 3 in chain
    return (left and right) or further_left or further_right


class QuantityRecognizer:
    """Finds counts with their qualifier words as QUANTITY spans.

    ``span.id_`` is the value as written (``"130"``, ``"10-15"`` for a range, ``""``
    when vague); ``span.kb_id_`` is ``"distributive"`` for a count that applies to each
    of several places ("three each", "each saw two"), ``"vague"`` for counts with no
    exact number ("dozens"), else ``""``.
    """

    def __init__(self, nlp: Language, data_dir: Path) -> None:
        data_dir = models_dir(data_dir)
        numbers = load_data(NUMBERS_FILE, data_dir)
        qualifiers = load_data(QUALIFIERS_FILE, data_dir)
        spec = load_data(PATTERNS_FILE, data_dir)
        self.parser = QuantityParser(numbers, qualifiers)
        words = self.parser.words
        self.context = _Context(spec["context"], words.words)
        self.joiners = frozenset([*words.words, "-", "and"])
        self.joiner_ids = frozenset(nlp.vocab.strings.add(w) for w in self.joiners)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[int, str] = {}
        for kind, texts in _phrase_groups(numbers, qualifiers).items():
            self.phrases.add(kind, [nlp.make_doc(t) for t in texts])
            self.kinds[nlp.vocab.strings.add(kind)] = kind
        self.range_openers = frozenset(qualifiers["range_openers"])
        self.range_connectors = frozenset(
            [*qualifiers["range_connectors"], *qualifiers["range_openers"].values()]
        )
        self.range_blockers = frozenset(qualifiers["range_blockers"])
        self.head_stop = frozenset(qualifiers["distributive_head_stop"]) | self.context.after
        self.tail_next = frozenset(qualifiers["distributive_tail_next"])
        self.parse = lru_cache(maxsize=65536)(self.parser.parse)
        self.dash_shapes = frozenset(nlp.vocab.strings.add(s) for s in _DASH_SHAPES)

    def __call__(self, doc: Doc) -> list[Span]:
        if not len(doc):
            return []
        attrs = doc.to_array([LIKE_NUM, LOWER, SHAPE])
        cores = [seg for start, end in self._number_runs(attrs) for seg in self._segments(doc, start, end)]
        dashed = self.dash_shapes
        for i in (i for i, shape in enumerate(attrs[:, 2].tolist()) if shape in dashed):
            if _DASH_RANGE.match(doc[i].text):
                cores.append((i, i + 1))
        prefix_at: dict[int, int] = {}  # end token -> earliest start of a prefix ending there
        suffix_at: dict[int, int] = {}  # start token -> furthest end of a suffix starting there
        each: list[int] = []
        for key, start, end in self.phrases(doc):
            kind = self.kinds[key]
            if kind == "VAGUE":
                cores.append((start, end))
            elif kind == "NUMBER":
                cores.extend(self._segments(doc, start, self._run_end(doc, end)))
            elif kind == "PREFIX":
                prefix_at[end] = min(start, prefix_at.get(end, start))
            elif kind == "SUFFIX":
                suffix_at[start] = max(end, suffix_at.get(start, end))
            else:
                each.append(start)
        cores = [
            (start, end)
            for start, end in _longest_first(cores)
            if self.context.is_count(doc, start, end, self.range_connectors)
            and not (
                end - start == 1 and _YEAR.match(doc[start].text) and not _counted_year(doc, end, prefix_at)
            )
        ]
        spans = []
        for start, end in self._merge_ranges(doc, cores):
            start = prefix_at.get(start, start)
            end = suffix_at.get(end, end)
            parsed = self.parse(doc[start:end].text)
            if parsed.value is None and not (parsed.vague or parsed.unrepresentable):
                continue
            distributive = parsed.distributive or self._each_around(doc, start, end, each)
            spans.append(
                Span(doc, start, end, label=QUANTITY, kb_id=_kind(parsed, distributive), span_id=_key(parsed))
            )
        return filter_spans(spans)

    def _number_runs(self, attrs: numpy.ndarray) -> Iterator[tuple[int, int]]:
        """Maximal runs of a number-like token followed by number words, "-" and "and"
        ("1.5 million", "three hundred and twenty", "two - three"), left to right and
        not overlapping. This is what a Matcher pattern ``[LIKE_NUM, joiner*]`` with
        ``greedy="LONGEST"`` finds, but scanning the attribute arrays is several times
        faster than the Matcher, which builds a Token object per position of every Doc."""
        lower = attrs[:, 1].tolist()
        joiners, covered = self.joiner_ids, 0
        for start in numpy.flatnonzero(attrs[:, 0]).tolist():
            if start < covered:
                continue
            end = start + 1
            while end < len(lower) and lower[end] in joiners:
                end += 1
            covered = end
            yield start, end

    def _run_end(self, doc: Doc, end: int) -> int:
        """End of the number words continuing a phrase: "a hundred | and twenty"."""
        while end < len(doc) and doc[end].lower_ in self.joiners:
            end += 1
        return end

    def _segments(self, doc: Doc, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The numbers inside a matched run: "1.5 million", or the well-formed pieces of
        a run of number words ("three and four" -> "three", "four")."""
        if not doc[start].is_alpha:
            stop = start + 1
            while stop < end and doc[stop].lower_ in self.parser.words.multipliers:
                stop += 1
            yield start, stop
            return
        words = [t.lower_ for t in doc[start:end]]
        if tuple(words) in self.parser.phrases:
            yield start, end
            return
        for s, e, _ in self.parser.words.segments(words):
            yield start + s, start + e

    def _merge_ranges(self, doc: Doc, cores: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Joins "between 10 and 15", "two or three", "10-15" into one span each."""
        merged: list[tuple[int, int]] = []
        i = 0
        while i < len(cores):
            start, end = cores[i]
            if i + 1 < len(cores) and cores[i + 1][0] == end + 1:
                joiner = doc[end].lower_
                opener = doc[start - 1].lower_ if start > 0 else ""
                first = start - (opener in self.range_openers)
                text = doc[first : cores[i + 1][1]].text
                if (
                    joiner in self.range_connectors
                    and opener not in self.range_blockers
                    and (joiner != "and" or first < start)
                    and self.parse(text).qualifier == "range"
                ):
                    merged.append((first, cores[i + 1][1]))
                    i += 2
                    continue
            merged.append((start, end))
            i += 1
        return merged

    def _each_around(self, doc: Doc, start: int, end: int, each: list[int]) -> bool:
        """True for "each saw two" and "two drones each in ..." (a count per place)."""
        for k in each:
            if k == start - 2 and doc[k].lower_ == "each":
                word = doc[k + 1]
                if word.is_alpha and word.lower_ not in self.head_stop:
                    return True
            if end < k <= end + 2 and all(t.is_alpha and not t.like_num for t in doc[end:k]):
                if k + 1 == len(doc) or doc[k + 1].is_punct or doc[k + 1].lower_ in self.tail_next:
                    return True
        return False


def _phrase_groups(numbers: dict[str, Any], qualifiers: dict[str, Any]) -> dict[str, list[str]]:
    """Fixed phrases for the PhraseMatcher: counts spelled as phrases ("a single one",
    "several dozen", "hundreds of thousands"), qualifier words, and "each"/"apiece"."""
    words = NumberWords(numbers)
    plurals: dict[str, int] = numbers["vague_plurals"]
    vague = [
        *numbers["vague_alone"],
        *(f"{m} {s}" for m in numbers["vague_multipliers"] for s in words.multipliers),
        *(p for p in plurals if p != "tens"),
        *(f"{p} of {q}" for p in plurals for q in plurals if plurals[q] > plurals[p]),
    ]
    return {
        "NUMBER": list(numbers["phrases"]),
        "VAGUE": vague,
        "PREFIX": list(qualifiers["prefix"]),
        "SUFFIX": [*qualifiers["suffix"], *qualifiers["distributive"]],
        "EACH": list(qualifiers["distributive"]),
    }


def _counted_year(doc: Doc, end: int, prefix_at: dict[int, int]) -> bool:
    """A year-shaped number ("2000") counts only when qualified: "about 2000 people"."""
    return end - 1 in prefix_at and end < len(doc) and doc[end].is_lower and doc[end].is_alpha


def _longest_first(cores: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping cores, longer ones winning, in text order."""
    taken: set[int] = set()
    kept = []
    for start, end in sorted(set(cores), key=lambda c: (c[0] - c[1], c[0])):
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end))
            taken.update(range(start, end))
    return sorted(kept)


def _kind(parsed: ParsedQuantity, distributive: bool) -> str:
    """The span's ``kb_id_``: vague wins over distributive ("dozens each" is vague)."""
    if parsed.vague:
        return VAGUE
    return DISTRIBUTIVE if distributive else ""


def _key(parsed: ParsedQuantity) -> str:
    """The span's ``id_``: the written value, "low-high" for a range, "" when vague."""
    if parsed.unrepresentable:
        return ""
    if parsed.qualifier == "range":
        return f"{parsed.low}-{parsed.high}"
    return "" if parsed.value is None else str(parsed.value)

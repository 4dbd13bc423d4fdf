"""Interception rates: a percentage of an attack that was stopped is a count claim.

News reports an air defence's record as a share as often as a number: "At just under
80%, that is the lowest drone interception rate of the year", "down from more than 90%
in January", "with the rate falling to 54%", "99% of the drones were intercepted". Each
figure is an ``interception`` claim with item ``percent`` (GUIDE). A percentage is one
only when its sentence says it is a rate of interception (a rate noun with an
interception word: "interception rate", "success rate", "rate of interception"), refers
back to such a rate named in the last two sentences ("the rate"), or is the subject of
an interception verb. Other percentages (prices, polls, growth, "a 97% probability")
stay in the statement that reports them; changes ("fell by 10%", "a 5% drop")
are never a rate. The words are in ``models/lexicons/share_words.json``.
"""

from __future__ import annotations

from pathlib import Path

from ..entities import labels
from ..entities.quantities import parse_quantity
from ..resources import load_data
from ..schema import Evidence
from .drafts import Draft, Drafting

#: Most words between a rate noun and the interception word that names it ("the rate at
#: which drones were intercepted").
MAX_RATE_GAP = 4
#: Most tokens from a percentage to the interception verb it is the subject of ("99% of
#: the drones were intercepted").
MAX_SUBJECT_GAP = 10
#: Sentences back in which a rate named by "the rate" may have been defined.
RATE_MEMORY = 2
#: Longest qualifier phrase before a number, in words ("no more than").
MAX_PREFIX = 3


class RateDrafter:
    """Finds the interception-rate claims of one document, sentence by sentence."""

    def __init__(self, state: Drafting, data_dir: Path) -> None:
        self.state = state
        self.ctx = state.ctx
        words = load_data("lexicons/share_words.json", data_dir)["rates"]
        self.percent = frozenset(words["percent_signs"])
        self.rate_nouns = frozenset(words["rate_nouns"])
        self.rate_words = frozenset(words["interception_words"])
        self.change_words = frozenset(words["change_words"])
        self.change_nouns = frozenset(words["change_nouns"])
        self.joiners = state.g["weak_delimiters"]
        self.prefixes = frozenset(load_data("lexicons/qualifiers.json", data_dir)["prefix"])
        self._last_rate_sentence = -RATE_MEMORY - 1

    def for_sentence(self, i: int) -> list[Draft]:
        """The interception-rate claims of sentence ``i``, each over its own clause."""
        sent, lower = self.ctx.sents[i], self.ctx.lower
        percent = self.percent  # a set test first: most tokens are no percent sign or word
        signs = [
            t
            for t in range(sent.start + 1, sent.end)
            if (lower[t] in percent or lower[t] == "cent") and self._percent_at(t)
        ]
        named = self._names_rate(sent.start, sent.end)
        if named:
            self._last_rate_sentence = i
        if not signs:
            return []
        anaphoric = (
            not named
            and i - self._last_rate_sentence <= RATE_MEMORY
            and any(lower[t] in self.rate_nouns for t in range(sent.start, sent.end))
        )
        out: list[Draft] = []
        starts = [self._number_start(t) for t in signs]
        for k, (sign, start) in enumerate(zip(signs, starts, strict=True)):
            number_end = sign if lower[sign] != "cent" else sign - 1
            sign_end = sign + 1
            if sign_end < sent.end and lower[sign_end] in self.change_nouns:
                continue  # "a 5% drop": a change
            if start > sent.start and lower[start - 1] in self.change_words:
                continue  # "fell by 10%", "a 5% rise"
            if not (named or anaphoric or self._subject_of_interception(sign_end, sent.end)):
                continue
            nxt = starts[k + 1] if k + 1 < len(starts) else sent.end
            end = next(
                (t for t in range(sign_end, nxt) if lower[t] in (",", ";", ":") or self.ctx.quote[t]),
                nxt,
            )
            while end > sign_end and lower[end - 1] in self.joiners:
                end -= 1  # "more than 90% in January and | about 85% in May"
            out.append(self._draft(i, start, number_end, sign_end, end))
        return out

    def _percent_at(self, t: int) -> bool:
        """Token ``t`` is a percent sign or word right after a number ("80%", "90
        percent", "85 per cent")."""
        lower, doc = self.ctx.lower, self.ctx.doc
        if lower[t] == "cent" and lower[t - 1] == "per":
            return t >= 2 and doc[t - 2].like_num
        return lower[t] in self.percent and doc[t - 1].like_num

    def _number_start(self, sign: int) -> int:
        """The first token of the percentage before ``sign``, qualifier words included
        ("just under 80%")."""
        lower = self.ctx.lower
        number = sign - (2 if lower[sign] == "cent" else 1)
        for size in range(MAX_PREFIX, 0, -1):
            lo = number - size
            if lo >= 0 and " ".join(lower[lo:number]) in self.prefixes:
                return lo
        return number

    def _names_rate(self, start: int, end: int) -> bool:
        """Tokens ``[start, end)`` name a rate of interception: "interception rate",
        "success rates", "the rate at which drones were intercepted"."""
        lower = self.ctx.lower
        for t in range(start, end):
            if lower[t] not in self.rate_nouns:
                continue
            near = range(max(start, t - 2), min(end, t + MAX_RATE_GAP + 1))
            if any(lower[k] in self.rate_words for k in near):
                return True
        return False

    def _subject_of_interception(self, after: int, end: int) -> bool:
        """The percentage is the subject of an interception verb: "99% were intercepted",
        "90% of the drones were shot down"."""
        stop = min(end, after + MAX_SUBJECT_GAP)
        stop = next((t for t in range(after, stop) if self.ctx.punct[t]), stop)  # its own clause
        return any(ev.id_ == "interception" for ev in self.ctx.within(labels.EVENT, after, stop))

    def _draft(self, i: int, start: int, number_end: int, sign_end: int, end: int) -> Draft:
        """The claim of the percentage at tokens ``[start, sign_end)`` over ``[start, end)``."""
        ctx = self.ctx
        number_text = ctx.text[ctx.token_starts[start] : ctx.token_ends[number_end - 1]]
        parsed = parse_quantity(number_text)
        start_char, end_char = ctx.token_starts[start], ctx.token_ends[sign_end - 1]
        text = ctx.text[start_char:end_char]
        quantity = parsed.to_quantity(text, start_char, end_char)
        return Draft(
            sentence=i,
            start=start,
            end=end,
            anchor=start,
            event="interception",
            quantity=quantity,
            item="percent",
            evidence=[
                Evidence(rule="count.quantity", detail=text, start=start_char, end=end_char),
                Evidence(rule="count.item.rate", detail="percent", start=start_char, end=end_char),
            ],
            hedged=self.state.hedged(start, end),
        )

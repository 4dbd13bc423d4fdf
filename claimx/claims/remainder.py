"""The remainder of a breakdown: "20 were downed over the Kursk region and the rest over
the Bryansk, Oryol and Tula regions".

"The rest" states no number, but the text implies one: the total minus the parts listed
before it. That count is a claim of its own (so that a breakdown read back adds up to its
total), marked as derived in its evidence (``count.remainder``, with the sum it comes
from), and only made when every part is an exact count and the remainder is positive.
"""

from __future__ import annotations

from ..entities import labels
from ..schema import Evidence, Quantity
from .context import Sentence
from .drafts import Draft, Drafting
from .locations import location_evidence

#: How many sentences back the total of a breakdown may be.
MAX_TOTAL_DISTANCE = 2


class RemainderDrafter:
    """Derives the count of "the rest" of a breakdown in a sentence."""

    def __init__(self, state: Drafting) -> None:
        self.state = state
        self.ctx, self.g, self.places = state.ctx, state.g, state.places

    def draft(self, i: int, drafts: list[Draft]) -> Draft | None:
        """The claim of a remainder phrase after the last count of sentence ``i`` (its
        count claims are ``drafts``), or None when there is none or no number follows
        from the text."""
        sent = self.ctx.sents[i]
        start = self._phrase(sent, drafts[-1].anchor + 1 if drafts else sent.start)
        if start is None:
            return None
        earlier = [d for d in self.state.drafts if i - d.sentence <= MAX_TOTAL_DISTANCE] + drafts
        total_at = self._total(earlier)
        if total_at is None:
            return None
        total = earlier[total_at]
        parts = [
            d
            for d in earlier[total_at + 1 :]
            if d.item == total.item and d.locations and d.quantity is not None and d.start < start
        ]
        if not parts or any(p.quantity.value is None or p.quantity.qualifier != "exact" for p in parts):
            return None
        value = total.quantity.value - sum(p.quantity.value for p in parts)
        if value <= 0:
            return None
        end = sent.end
        locations, own = self.places.find(start, end, self.ctx.quotation_at(self.ctx.token_starts[start]))
        if not locations:
            return None
        phrase_end = start + 2
        char_start, char_end = self.ctx.char_range(start, phrase_end)
        text = self.ctx.text[char_start:char_end]
        listed = " + ".join(str(p.quantity.value) for p in parts)
        return Draft(
            sentence=i,
            start=start,
            end=end,
            anchor=start,
            event=parts[-1].event,
            quantity=Quantity(value=value, low=value, high=value, text=text, start=char_start, end=char_end),
            item=total.item,
            locations=locations,
            own_place=own,
            hedged=self.state.hedged(start, end),
            evidence=[
                Evidence(
                    rule="count.remainder",
                    detail=f"derived: {total.quantity.value} - ({listed}) = {value}",
                    start=total.quantity.start,
                    end=total.quantity.end,
                ),
                location_evidence("location.segment", locations),
            ],
            elliptical=True,
        )

    def _phrase(self, sent: Sentence, lo: int) -> int | None:
        """The first token of a remainder phrase ("the rest") at or after ``lo`` that no
        number follows ("the remaining two" is a count of its own)."""
        lower = self.ctx.lower
        for t in range(lo, sent.end - 1):
            if f"{lower[t]} {lower[t + 1]}" not in self.g["remainder_phrases"]:
                continue
            nxt = t + 2
            if nxt < sent.end and self.ctx.covering(labels.QUANTITY, nxt) is not None:
                return None
            return t
        return None

    def _total(self, drafts: list[Draft]) -> int | None:
        """The index of the latest total in ``drafts`` that parts follow: an exact count
        with no region of its own (nationwide, or the whole of a partitive)."""
        for k in range(len(drafts) - 1, -1, -1):
            d = drafts[k]
            q = d.quantity
            if q is None or q.value is None or not q.value or q.qualifier != "exact":
                continue
            if all(loc.code is None or "-" not in loc.code for loc in d.locations):
                return k
        return None

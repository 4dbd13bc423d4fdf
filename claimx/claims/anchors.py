"""Where count claims sit in a sentence.

*Anchors* are counts (QUANTITY), zero-count phrases (NEGATION: "nobody was hurt"),
one-person casualties (SINGLE: "a woman was injured") and totalities ("All of them were
destroyed"). The sentence is cut into one *segment* per anchor at clause delimiters
("while", ";", ",", "and") so that "Four drones were destroyed in the Stavropol Region,
while three each were intercepted in the Bryansk and Oryol Regions" yields two segments.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..entities import labels
from .context import DocContext, Sentence


class AnchorFinder:
    """Anchors and their segments in the sentences of one document."""

    def __init__(self, ctx: DocContext, grammar: dict[str, frozenset[str]]) -> None:
        self.ctx = ctx
        self.g = grammar

    def anchors(self, sent: Sentence) -> list[Span]:
        """The spans a count claim hangs on in ``sent``, in order: counts (vague ones
        included, not numbers inside a time), zero-count phrases, single casualties and
        totalities."""
        anchors = [
            q
            for q in self.ctx.within(labels.QUANTITY, sent.start, sent.end)
            if not self.ctx.overlaps(labels.TIME, q.start, q.end)
        ]
        anchors.extend(self.ctx.within(labels.NEGATION, sent.start, sent.end))
        anchors.extend(self.ctx.within(labels.SINGLE, sent.start, sent.end))
        anchors.extend(self._totalities(sent))
        return sorted(anchors, key=lambda s: s.start)

    def _totalities(self, sent: Sentence) -> list[Span]:
        """Counts equal to the total they refer back to, "All of them were destroyed",
        "all were shot down" (label ``TOTALITY``, never stored on the Doc)."""
        doc, lower, out = self.ctx.doc, self.ctx.lower, []
        for i in range(sent.start, sent.end - 1):
            if lower[i] != "all":
                continue
            nxt = lower[i + 1]
            if nxt == "of" and i + 2 < sent.end and lower[i + 2] in self.g["partitive_anaphors"]:
                out.append(Span(doc, i, i + 3, label="TOTALITY"))
            elif nxt in self.g["auxiliaries"]:
                out.append(Span(doc, i, i + 1, label="TOTALITY"))
        return out

    def _protected(self, token: int) -> bool:
        """A delimiter inside a region, count, time, source or item mention never cuts,
        nor one joining two region names ("Kursk and Belgorod for seven apiece") or a region
        to its tally ("the Volgograd Region with 17")."""
        if any(
            self.ctx.covering(label, token) is not None
            for label in (labels.REGION, labels.QUANTITY, labels.TIME, labels.SOURCE, labels.ITEM)
        ):
            return True
        if not 0 < token < len(self.ctx.lower) - 1 or self.ctx.covering(labels.REGION, token - 1) is None:
            return False
        word = self.ctx.lower[token]
        if word in self.g["region_tally_prepositions"]:
            return True  # "followed by the Volgograd Region with 17": the region's own count
        return (
            word in self.g["region_list_connectors"]
            and self.ctx.covering(labels.REGION, token + 1) is not None
        )

    def _remainder_cut(self, lo: int, sent: Sentence) -> int:
        """Where the last anchor's segment ends: before a clause about the remainder
        ("eight over the Kursk Region and the rest over the Oryol Region"), whose places
        are not the last count's; else at the end of the sentence."""
        lower = self.ctx.lower
        for t in range(lo, sent.end - 2):
            if (
                lower[t] in self.g["weak_delimiters"]
                and f"{lower[t + 1]} {lower[t + 2]}" in self.g["remainder_phrases"]
            ):
                return t
        return sent.end

    def _cut(self, lo: int, hi: int) -> int | None:
        """The clause boundary between two anchors: the last strong delimiter between
        them, else the last subordinator of an event clause ("were wounded | when a drone
        hit …"), else the last weak one; None when they share one clause."""
        for vocab in (self.g["strong_delimiters"], self.g["event_subordinators"], self.g["weak_delimiters"]):
            for t in range(hi - 1, lo - 1, -1):
                if self.ctx.lower[t] in vocab and not self._protected(t):
                    return t
        return None

    def segments(self, sent: Sentence, anchors: list[Span]) -> list[tuple[int, int]]:
        """One token range per anchor: the sentence cut between anchors at clause
        boundaries; anchors that share a clause share its range."""
        bounds: list[tuple[int, int]] = []
        start = sent.start
        groups: list[list[Span]] = [[anchors[0]]]
        cuts: list[int] = []
        for a, b in zip(anchors, anchors[1:], strict=False):
            cut = self._cut(a.end, b.start)
            if cut is None:
                groups[-1].append(b)
            else:
                cuts.append(cut)
                groups.append([b])
        ends = cuts + [self._remainder_cut(anchors[-1].end, sent)]
        for group, end in zip(groups, ends, strict=False):
            bounds.extend((start, end) for _ in group)
            start = end
        return bounds

"""What happened to the people a casualty claim counts: killed, injured, missing,
captured, evacuated (``Claim.harm``), read from the words that report it.

Killed and injured are different counts: a report of "two killed and 14 injured"
states two figures that must never be summed or compared with each other, so every
casualty claim says which it is. The words are in ``models/lexicons/harm.json``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..resources import load_data
from ..schema import Harm
from .context import DocContext
from .drafts import Draft

HARM_FILE = "lexicons/harm.json"
#: Rules whose evidence text is a casualty phrase that says the harm ("were killed",
#: "nobody was hurt", "a woman was injured", "14 of the wounded").
_HARM_EVIDENCE = ("count.event", "count.single", "count.zero.casualty", "count.item.partitive")


#: Most tokens from a count to a harm adverb of its own ("three of them fatally").
MAX_MODIFIER_GAP = 4


@cache
def _lexicon(data_dir: str) -> tuple[dict[str, Harm], dict[str, Harm]]:
    """(phrase -> harm, modifier -> harm) from the harm lexicon."""
    data = load_data(HARM_FILE, data_dir)
    phrases: dict[str, Harm] = {}
    for harm, words in data.items():
        if isinstance(words, list):
            phrases.update({w: harm for w in words})
    return phrases, dict(data["modifiers"])


class HarmReader:
    """Sets ``Draft.harm`` on the casualty claims of a document."""

    def __init__(self, ctx: DocContext, data_dir: Path) -> None:
        self.ctx = ctx
        self.phrases, self.modifiers = _lexicon(str(data_dir))

    def harm(self, draft: Draft, prev: Draft | None) -> Harm | None:
        """The harm of casualty claim ``draft``: that of its own casualty phrase, else of
        the nearest harm word in its clause, else that of the claim it continues
        (``prev``: "two were killed … Four more were in hospital"), else None."""
        if draft.event != "casualty":
            return None
        for ev in draft.evidence:
            if ev.rule in _HARM_EVIDENCE and ev.start is not None and ev.end is not None:
                found = self._phrase_harm(ev.start, ev.end)
                if found is not None:
                    return self._own_modifier(draft) or found
        found = self._nearest(draft)
        if found is not None:
            return found
        return prev.harm if prev is not None and prev.event == "casualty" else None

    def _phrase_harm(self, start: int, end: int) -> Harm | None:
        """The harm a phrase at characters ``[start, end)`` names: the whole phrase, else
        its last harm word; "fatally" before an injury word makes it a death."""
        ctx = self.ctx
        first, last = ctx.token_at(start), ctx.token_at(end - 1) + 1
        words = ctx.lower[first:last]
        found = self.phrases.get(" ".join(words))
        if found is None:
            found = next((self.phrases[w] for w in reversed(words) if w in self.phrases), None)
        if found is None:
            return None
        modifiers = [w for w in ctx.lower[max(0, first - 1) : last] if w in self.modifiers]
        return self.modifiers[modifiers[-1]] if modifiers else found

    def _own_modifier(self, draft: Draft) -> Harm | None:
        """A harm adverb right after the count itself: "four people were shot, three of
        them fatally" — the three were killed whatever the shared verb says."""
        lower = self.ctx.lower
        for t in range(draft.anchor + 1, min(draft.end, draft.anchor + MAX_MODIFIER_GAP + 1)):
            if lower[t] in self.modifiers:
                return self.modifiers[lower[t]]
        return None

    def _nearest(self, draft: Draft) -> Harm | None:
        """The harm word of the draft's clause nearest its count ("fatally" before it
        makes an injury a death)."""
        lower, best, dist = self.ctx.lower, None, None
        for t in range(draft.start, draft.end):
            found = self.phrases.get(lower[t])
            if found is not None and (dist is None or abs(t - draft.anchor) < dist):
                modifier = self.modifiers.get(lower[t - 1]) if t > draft.start else None
                best, dist = modifier or found, abs(t - draft.anchor)
        return best

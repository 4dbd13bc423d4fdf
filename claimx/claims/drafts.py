"""Claims under construction, and the per-document state that builds them.

A :class:`Draft` is a claim while it is still being assembled: later sentences can
still refine its time or lend it a place. :class:`Drafting` holds what the count
(:mod:`.counts`), event (:mod:`.events`) and statement (:mod:`.statements`) builders
and the assembler (:mod:`.assemble`) share for one document: its indexes
(:class:`~.context.DocContext`), sources (:class:`~.attribution.Attributor`), times
(:class:`~.timing.Timeline`) and places (:class:`~.locations.LocationFinder`), the
claims drafted so far, and the few lookups more than one of them asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span

from ..entities import labels
from ..entities.regions import load_gazetteer
from ..resources import load_word_sets
from ..schema import Evidence, Harm, Location, Quantity, TimeSpan
from .attribution import Attribution, Attributor
from .context import DocContext, Quotation
from .locations import LocationFinder, country_level
from .timing import Timeline


@dataclass
class Draft:
    """A claim under construction (mutable until the document is done)."""

    sentence: int
    start: int  # token range of the claim's text
    end: int
    anchor: int
    event: str
    harm: Harm | None = None  # killed, injured … for a casualty claim (see .harm)
    quantity: Quantity | None = None
    item: str | None = None
    locations: list[Location] = field(default_factory=list)
    time: TimeSpan | None = None
    attribution: Attribution | None = None
    quote: bool = False
    hedged: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    elliptical: bool = False
    own_place: bool = False  # its clause names a place (even one without a code)
    background: bool = False  # history the report recalls (see .counts): drafted, not output


class Drafting:
    """The drafting state of one document.

    ``drafts`` are the count and event claims of the sentences done so far (what a
    later claim inherits from), ``attributions`` the attributions of each sentence,
    ``quote_speakers`` each quotation's speaker and ``times`` each sentence's time
    mentions and the time frame in force there."""

    def __init__(self, doc: Doc, spans: list[Span], published: date | None, data_dir: Path) -> None:
        self.g = load_word_sets("lexicons/grammar.json", data_dir)
        self.ctx = DocContext.build(doc, spans)
        self.attributor = Attributor(
            self.ctx, self.g, load_word_sets("lexicons/cues.json", data_dir)["negators"], data_dir
        )
        self.timeline = Timeline(self.ctx, published, self.g)
        self.places = LocationFinder(self.ctx, self.g, load_gazetteer(data_dir))
        self.drafts: list[Draft] = []
        self.attributions: list[list[Attribution]] = []
        self.quote_speakers: dict[Quotation, Attribution] = {}
        self.times: dict[int, tuple[list, TimeSpan | None]] = {}
        # running "latest located draft" (any level / whole country; and per item) over
        # ``drafts[:_located_upto]``: drafts are only appended, and placed before they are
        self._located_upto = 0
        self._last_located: dict[bool, Draft] = {}
        self._last_located_item: dict[tuple[bool, str | None], Draft] = {}

    def hedged(self, s: int, e: int) -> bool:
        """A certainty marker in tokens ``[s, e)``; "May" inside a date is the month."""
        hedges = self.ctx.within(labels.HEDGE, s, e)
        return any(self.ctx.covering(labels.TIME, h.start) is None for h in hedges)

    def anaphoric_place(self, s: int, e: int) -> bool:
        """The clause points back to a place named before ("attacked the city", "there")."""
        words = " " + " ".join(self.ctx.lower[s:e]) + " "
        return any(f" {phrase} " in words for phrase in self.g["anaphoric_places"])

    def latest_located(self) -> Draft | None:
        """The latest drafted claim with locations."""
        self._index_located()
        return self._last_located.get(True)

    def _index_located(self) -> None:
        """Bring the running latest located drafts up to date with ``drafts``."""
        # drafts come in sentence order, so the latest located one is also the nearest
        for d in self.drafts[self._located_upto :]:
            if d.locations:
                levels = (True, False) if country_level(d.locations) else (True,)
                for level in levels:
                    self._last_located[level] = d
                    self._last_located_item[level, d.item] = d
        self._located_upto = len(self.drafts)

    def previous_located(self, i: int, *, any_level: bool, item: str | None = None) -> Draft | None:
        """The latest earlier claim with locations: any for a zero-count follow-up
        ("Nobody was hurt"), else only a whole-country one, since a country frames the
        report while a region belongs to its own breakdown line."""
        self._index_located()
        same = self._last_located_item.get((any_level, item)) if item is not None else None
        if same is not None and i - same.sentence <= 8:
            return same
        recent = self._last_located.get(any_level)
        return recent if recent is not None and i - recent.sentence <= 4 else None

    def speaker_region_span(self, att: Attribution) -> Span | None:
        """The region named in a governor's or local authority's mention (or in the full
        mention a pronoun resolved to): "Voronezh Governor Alexander Gusev" → Voronezh.
        A governor speaks for that area (see :mod:`.assemble` and :mod:`.events`)."""
        if att.source.kind not in ("governor", "official"):
            return None
        for mention in (att.source, att.antecedent):
            if mention is None or mention.start is None:
                continue
            first, last = self.ctx.token_at(mention.start), self.ctx.token_at(mention.end - 1) + 1
            # a person's name may look like a town ("Governor Alexander Gusev"): not their area
            name = mention.name if mention.role else None  # a body's name is its whole mention
            name_start = mention.end - len(name) if name and mention.text.endswith(name) else mention.end
            for region in self.ctx.within(labels.REGION, first, last):
                if region.kb_id_ in ("region", "place") and region.start_char < name_start:
                    return region
        plural = any(w in self.g["plural_heads"] for w in att.source.text.lower().split())
        # a claim a body's report only continues may be another source's figure; a named
        # governor's running account stays in their area
        own = att.rule != "inherited" or bool(att.source.name)
        if att.source.kind == "governor" and att.source.start is not None and own and not plural:
            # "In Krasnogorsk, near Moscow, …, regional governor X said": a governor whose
            # mention names no area speaks for the one named before it in that sentence ("the
            # governors" of several regions speak for none of them alone); "the governor
            # added" later speaks for the area of the full mention it resolved to
            for mention in (att.source, att.antecedent):
                if mention is None or mention.start is None:
                    continue
                first = self.ctx.token_at(mention.start)
                before = self.ctx.within(labels.REGION, self.ctx.sentence(first).start, first)
                local = [r for r in before if r.kb_id_ in ("region", "place")]
                if local:
                    return local[-1]
        if att.source.kind == "official" and att.source.start is not None:
            # a national body speaks for its country ("Iran's health ministry said …")
            first = self.ctx.token_at(att.source.start)
            last = self.ctx.token_at(att.source.end - 1) + 1
            countries = [
                r
                for r in self.ctx.within(labels.REGION, first, last)
                if r.kb_id_ == "country" and (r.start_char, r.end_char) != (att.source.start, att.source.end)
            ]  # not a country speaking as itself ("Israel said"): it may report what came at it
            if countries:
                return countries[0]
        return None

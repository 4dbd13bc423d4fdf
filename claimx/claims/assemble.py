"""Claim assembly: from entity spans to attributed claims.

Per sentence, in document order:

1. Count claims (:mod:`.counts`): each anchor (:mod:`.anchors`: counts, zero-count
   phrases, single casualties, totalities) in its clause segment, with its item, event
   and locations (:mod:`.locations`).
2. Event claims without a count (:mod:`.events`): a placed attack or damage verb.
3. Each claim gets its *time* (:mod:`.timing`) and *source* (:mod:`.attribution`); a
   governor or local authority speaking for its area places a claim that names no
   place of its own.

Then direct quotations with a speaker, and reported speech ("analysts suggest that …")
with no count in it, become ``statement`` claims (:mod:`.statements`).

Context flows forward: a sentence with no source of its own inherits the governing
source when it continues the same topic (same item or event, or an elliptical count);
a clock-only time in a sentence without claims refines the day-level time of the
claims just before it ("…on November 12. The incident occurred between 12:00 and
16:00 MSK."). The drafts and the per-document state are in :mod:`.drafts`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span

from ..resources import models_dir
from ..schema import Claim, Evidence, Source, TimeSpan
from .attribution import Attribution
from .counts import CountDrafter
from .drafts import Draft, Drafting
from .events import EventDrafter
from .names import SpeakerNames
from .statements import StatementDrafter
from .timing import Timeline


class Assembler:
    """Builds the claims of one document."""

    def __init__(
        self, doc: Doc, spans: list[Span], published: date | None, data_dir: Path | None = None
    ) -> None:
        data_dir = data_dir or models_dir()
        state = self.state = Drafting(doc, spans, published, data_dir)
        self.ctx, self.g, self.places = state.ctx, state.g, state.places
        self.attributor, self.timeline = state.attributor, state.timeline
        self.counts = CountDrafter(state, data_dir)
        self.events = EventDrafter(state)
        self.speech = StatementDrafter(state)
        self.names = SpeakerNames(self.ctx, self.attributor)
        # the governing attribution and the latest sentence a claim inherited it in
        self._series: tuple[Attribution | None, int] = (None, -1)

    def run(self) -> list[Claim]:
        """All claims of the document, in text order."""
        state = self.state
        state.attributions = [self.attributor.sentence_attributions(i) for i in range(len(self.ctx.sents))]
        state.quote_speakers = self.speech.quote_speakers()
        last_claims: list[Draft] = []
        for i in range(len(self.ctx.sents)):
            times = self.timeline.sentence_times(i)
            state.times[i] = (times, self.timeline.frame)
            drafts = self.counts.for_sentence(i)
            drafts += self.events.for_sentence(i, drafts)
            for d in drafts:
                d.time, ev = self.timeline.for_token(d.anchor, times)
                d.time, zone = self.timeline.localize(d.time, d.locations)
                d.evidence.extend(ev + zone)
                self._attribute(d, i)
                self._speaker_region(d)
            framed = self.timeline.dated
            moved = self.timeline.advance(times)
            if not drafts and moved is not None:
                self._refine_times(last_claims, moved)
            if not framed and moved is not None:
                self.timeline.date_lede(state.drafts, moved, i)
            self._govern(i, drafts)
            state.drafts.extend(drafts)
            if drafts:
                last_claims = drafts
        statements = self.speech.statements()
        claims = (self._finish(d) for d in state.drafts + statements if not d.background)
        return sorted(claims, key=lambda c: (c.start, c.end))

    def _refine_times(self, claims: list[Draft], moved: TimeSpan) -> None:
        """A clock-only time in a sentence without claims refines the day-level time of
        the claims just before it, and becomes the frame."""
        for d in claims:
            if Timeline.refines(moved, d.time):
                d.time = self.timeline.localize(self.timeline.refined(moved, d.time), d.locations)[0]
                d.evidence.append(
                    Evidence(
                        rule="time.refined",
                        detail=moved.text,
                        start=moved.char_start,
                        end=moved.char_end,
                    )
                )
                self.timeline.frame = d.time

    def _attribute(self, d: Draft, i: int) -> None:
        """Give ``d`` its source: a quotation's speaker, else the attribution whose scope
        holds it, else the source of a count series it continues, else the governing
        source when it continues the same report."""
        quote = self.ctx.quotation_at(self.ctx.token_starts[d.anchor])
        if quote is not None:
            d.quote = True
            speaker = self.state.quote_speakers.get(quote)
            if speaker is not None:
                d.attribution = speaker
                d.evidence.extend(speaker.evidence())
                d.evidence.append(Evidence(rule="quote.speaker", detail=speaker.source.text))
                return
        att = self.attributor.for_token(d.anchor, self.state.attributions[i])
        if att is None and d.quantity is not None and d.quantity.value:
            att = self._same_count_series(d)
        gov = self.attributor.governing
        if gov is not None and gov is not self._series[0]:
            self._series = (gov, gov.sentence)
        # a running series keeps its source: the reach counts from its latest claim
        if att is None and gov is not None and i - self._series[1] <= 8 and self._continues(d, gov):
            att = gov.inherited()
            self._series = (gov, i)
        if att is not None:
            d.attribution = att
            d.evidence.extend(att.evidence())

    def _same_count_series(self, d: Draft) -> Attribution | None:
        """An unattributed count of the same item and event as a recent attributed count
        continues that source's tally ("Another two drones were downed near Kyiv"), even
        when another source spoke in between."""
        for prev in reversed(self.state.drafts):
            if d.sentence - prev.sentence > 3:
                return None
            if (
                prev.attribution is not None
                and prev.quantity is not None
                and prev.item == d.item
                and prev.event == d.event
                and not prev.quote
            ):
                return prev.attribution.inherited()
        return None

    def _speaker_region(self, d: Draft) -> None:
        """A governor or a local authority speaks for its area: a claim of theirs that names
        no place of its own is about that area ("Bryansk Governor X said there were no
        casualties", "according to the Kyiv city administration, debris fell on a house")."""
        own = (
            "location.segment",
            "location.coordinated",
            "location.included",
            "location.cause",
        )  # its sentence
        if d.attribution is None or any(e.rule in own for e in d.evidence):
            return
        region = self.state.speaker_region_span(d.attribution)
        if region is not None and region.kb_id_ == "country":
            # a country is coarser than an inherited place inside it: keep that one
            if any(loc.code and loc.code.split("-")[0] == region.id_ for loc in d.locations):
                return
        if region is not None:
            d.locations = [self.places.to_location(region)]
            d.evidence.append(
                Evidence(
                    rule="location.speaker_region",
                    detail=region.id_,
                    start=region.start_char,
                    end=region.end_char,
                )
            )

    def _continues(self, d: Draft, gov: Attribution) -> bool:
        """Whether an unattributed claim continues the report the governing source made.

        A sentence opened by a topic shift ("Separately, …", "Meanwhile, …") never does;
        an elliptical count or a claim in the very next sentence does; otherwise it must
        share the item or the event kind of the latest attributed claim ("Debris set off
        a fire at a cemetery" after a casualty report is a new topic, told in the
        article's own voice)."""
        sent = self.ctx.sents[d.sentence]
        opening = " ".join(self.ctx.lower[sent.start : min(sent.end, sent.start + 4)])
        if any(opening.startswith(m) for m in self.g["topic_shift_markers"]):
            return False
        if d.elliptical or d.sentence - gov.sentence <= 1:
            return True
        previous = [x for x in self.state.drafts if x.event != "statement" and x.attribution is not None]
        if not previous:
            return d.sentence - gov.sentence <= 2
        last = previous[-1]
        return d.item == last.item or d.event == last.event

    def _govern(self, i: int, drafts: list[Draft]) -> None:
        """Let the sources of sentence ``i`` govern what follows: those of its own
        (unquoted) claims, or, in a sentence without claims, a report it attributes
        ("according to …") or the document's subject speaking."""
        for d in drafts:
            if d.attribution is not None and d.attribution.rule != "inherited" and not d.quote:
                self.attributor.govern(d.attribution)
        if not drafts:
            for att in self.state.attributions[i]:
                if (
                    att.rule in ("according_to", "possessive_report")
                    or self.attributor.is_document_subject(att)
                    or self._announces_report(att)
                ):
                    self.attributor.govern(att)

    def _announces_report(self, att: Attribution) -> bool:
        """A speaker whose cue takes a report as its object announces what follows: "Mayor X
        posted a string of updates overnight", "the ministry released its figures"."""
        if att.cue is None:
            return False
        ctx = self.ctx
        sent = ctx.sents[att.sentence]
        k = ctx.token_at(att.cue.end - 1) + 1
        stop = min(sent.end, k + 5)
        return any(ctx.lower[t] in self.attributor.report_nouns for t in range(k, stop))

    def _finish(self, d: Draft) -> Claim:
        """The finished claim of ``d``, its text trimmed of delimiters and punctuation
        at its edges."""
        ctx, start, end = self.ctx, d.start, d.end
        skip = self.g["strong_delimiters"] | self.g["weak_delimiters"]
        while start < end - 1 and (ctx.punct[start] or ctx.lower[start] in skip or ctx.space[start]):
            start += 1
        while end > start + 1 and ((ctx.punct[end - 1] and ctx.words[end - 1] != "%") or ctx.space[end - 1]):
            end -= 1
        start_char, end_char = ctx.char_range(start, end)
        att = d.attribution
        return Claim(
            text=ctx.text[start_char:end_char],
            start=start_char,
            end=end_char,
            event=d.event,
            harm=d.harm,
            quantity=d.quantity,
            item=d.item,
            locations=d.locations,
            time=d.time,
            source=self.names.fullest(att.source, att.antecedent) if att is not None else Source(),
            cue=att.cue if att is not None else None,
            quote=d.quote,
            hedged=d.hedged,
            evidence=d.evidence,
        )


def assemble(doc: Doc, spans, published: str | None, data_dir: Path | None = None) -> list[Claim]:
    """Claims of ``doc`` from its claimx span group; ``published`` is an ISO date."""
    day = date.fromisoformat(published) if published else None
    return Assembler(doc, list(spans), day, data_dir).run()

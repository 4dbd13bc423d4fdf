"""Statement claims: what a speaker asserts, when it holds no count.

A direct quotation with a speaker ('"…," said X', 'X wrote on Telegram that "…"') and
reported speech ("analysts suggest that …") become ``statement`` claims. A quotation
broken by its attribution is one statement; a quotation right after a speaker's
quotation continues it.
"""

from __future__ import annotations

import bisect
import heapq
from itertools import islice

from ..entities import labels
from ..resources import load_word_sets
from ..schema import Evidence, Location
from .attribution import Attribution
from .context import Quotation
from .drafts import Draft, Drafting
from .locations import dedupe

#: Tokens after a reporting verb searched for its "that" ("said in a statement that …");
#: a wider search picks up "that"s of other clauses, so this stays short.
MAX_CUE_TO_THAT = 5

#: Most tokens after the cue of an attribution that follows a quotation closed by a full
#: stop ('…." Zelenskiy said on Telegram.'): more make it a new report of its own.
MAX_TRAILING_ATTRIBUTION = 5

#: Most tokens from a quotation's closing mark to the cue over its speaker's apposition
#: ('"…," Jane Roe, MD, the agency's deputy director, told …').
MAX_APPOSITION = 16

#: Fewest words of a quotation claim: fewer is a quoted word or phrase ("draconian cuts").
MIN_QUOTE_WORDS = 4

#: Most tokens after a quotation counted for whether it is a fragment of reported speech.
MAX_FRAGMENT_CONTEXT = 40

#: Most statements one reporting verb's content is split into at "and that".
MAX_COORDINATED = 4
#: Tokens of a document's author phrase after "according to a study" ("by the state
#: auditor"): a longer run is more likely the content itself.
MAX_AUTHOR_PHRASE = 8

#: Punctuation inside a figure ("2.1%", "$4.6 billion"), no clause boundary.
SIGNS = frozenset("%$€£¥")

#: Dashes that set off a clause ("… — but …").
DASHES = ("—", "–", "--")

#: How many sentences back a witness's statement looks for the scene it describes.
SCENE_SENTENCES = 4


class StatementDrafter:
    """Finds quotation speakers and builds the statement claims of one document."""

    def __init__(self, state: Drafting) -> None:
        self.state = state
        self.ctx, self.g, self.places = state.ctx, state.g, state.places
        cues = load_word_sets("lexicons/cues.json", state.attributor.data_dir)
        self.clause_verbs, self.phrase_openers = cues["clause_verbs"], cues["phrase_openers"]
        self.position_verbs, self.self_reference = cues["position_verbs"], cues["self_reference"]
        self.self_possessives, self.author_words = cues["self_possessives"], cues["author_words"]
        self.quote_remainder_kinds = cues["quote_remainder_kinds"]
        self._index: _DraftIndex | None = None
        self._speakers: list[tuple[int, int, int]] | None = None
        self._and_that: list[int] | None = None  # "and that" / ", that" positions, found once
        self._listed_that: list[int] = []

    def quote_speakers(self) -> dict[Quotation, Attribution]:
        """Each quotation's speaker: an attribution right after its closing mark
        ('…,” said X' / '…,” X said'), else the nearest one before its opening mark in
        the same sentence ('X wrote on Telegram that "…'). A quotation with no speaker
        of its own right after a speaker's quotation continues it ('“…,” she said. “But…”')."""
        speakers: dict[Quotation, Attribution] = {}
        ctx = self.ctx
        # cued attributions by their first token, each with its rank in document order:
        # a quotation asks only the three tokens after its closing mark
        cued_at: dict[int, list[tuple[int, Attribution]]] = {}
        rank = 0
        for atts in self.state.attributions:
            for att in atts:
                if att.cue is not None:
                    first = min(ctx.token_at(att.cue.start), ctx.token_at(att.source.start or att.cue.start))
                    cued_at.setdefault(first, []).append((rank, att))
                    rank += 1
        before = _CuedBefore(self.state.attributions, ctx)
        previous: tuple[Quotation, Attribution] | None = None
        for q in ctx.quotations:
            found = None
            if q.close is not None:
                close = ctx.token_at(q.close)
                near = sorted(c for t in range(close + 1, close + 4) for c in cued_at.get(t, ()))
                found = next((att for _, att in near if self._attributes_back(q, att)), None)
                if found is None:
                    found = self._speaker_after_apposition(q, close, cued_at)
            if found is None:
                found = before.nearest(q)
            if found is None and previous is not None and 0 <= q.open - previous[0].end <= 200:
                found = previous[1]
            if found is not None:
                speakers[q] = found
                previous = (q, found)
        return speakers

    def _speaker_after_apposition(
        self, q: Quotation, close: int, cued_at: dict[int, list[tuple[int, Attribution]]]
    ) -> Attribution | None:
        """The attribution closing a speaker's apposition right after a quotation ('"…,"
        Jane Roe, MD, the agency's deputy director, told the briefing'): a source opens
        right after the closing mark and only names, titles and commas come before the
        cue (at most ``MAX_APPOSITION`` tokens)."""
        ctx = self.ctx
        if close + 1 >= len(ctx.words) or ctx.covering(labels.SOURCE, close + 1) is None:
            return None
        end = ctx.sentence(close + 1).end
        for t in range(close + 4, min(end, close + 1 + MAX_APPOSITION)):
            if ctx.quote[t] or (ctx.punct[t] and ctx.words[t] != ","):
                return None
            near = sorted(cued_at.get(t, ()))
            if near:
                att = near[0][1]
                return att if self._attributes_back(q, att) else None
        return None

    def _sentences_without_claims(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The runs of whole sentences of tokens ``[lo, hi)`` (a quotation over several
        sentences) that hold no count or event claim, of ``MIN_QUOTE_WORDS`` words or more."""
        ctx, out = self.ctx, []
        first, last = ctx.sent_of_token[lo], ctx.sent_of_token[hi - 1]
        if first == last:
            return out
        run: int | None = None
        for i in range(first, last + 1):
            a, b = max(lo, ctx.sents[i].start), min(hi, ctx.sents[i].end)
            if self._holds_claim(a, b):
                if run is not None:
                    out.append((run, a))
                run = None
            elif run is None:
                run = a
        if run is not None:
            out.append((run, hi))
        return [(a, b) for a, b in out if sum(ctx.alpha[a:b]) >= MIN_QUOTE_WORDS]

    def _reported_instead(self, span, att: Attribution) -> bool:
        """The quotation is a fragment (:meth:`_fragment`) whose reported clause stands for
        it: fewer than ``MIN_QUOTE_WORDS`` words, or a fragment of a reported clause that
        holds no count of its own (else the quotation stays the statement)."""
        if sum(self.ctx.alpha[span.start : span.end]) < MIN_QUOTE_WORDS:
            return True
        if not self._fragment(span, att):
            return False
        content = self._reported_content(att)
        return content is not None and not self._holds_claim(*content)

    def _fragment(self, span, att: Attribution) -> bool:
        """The quotation (tokens of ``span``) is a quoted phrase inside reported speech,
        not a quoted clause: the speaker's cue comes before it in its sentence, and its
        clause (between commas, a "that" or the cue) holds more unquoted words than quoted
        ones ('said that "solid tips" and the work of the police had helped'; not 'said
        that the RSF "is able to hit any place"', nor 'X said: "…"' or 'X said, "…"')."""
        ctx = self.ctx
        sent = ctx.sentence(span.start)
        if att.cue is None or ctx.sent_of_token[span.end - 1] != ctx.sent_of_token[span.start]:
            return False
        cue_end = ctx.token_at(att.cue.end - 1) + 1
        opening = span.start - 1 if span.start > 0 and ctx.quote[span.start - 1] else span.start
        if not sent.start <= cue_end <= opening or (opening > 0 and ctx.words[opening - 1] in (":", ",")):
            return False
        unquoted = 0
        t = opening - 1
        while t >= cue_end and not ctx.punct[t] and ctx.lower[t] != "that":
            unquoted += ctx.alpha[t]
            t -= 1
        t = span.end
        limit = min(sent.end, span.end + MAX_FRAGMENT_CONTEXT)
        while t < limit and (ctx.quote[t] or not ctx.punct[t]):
            unquoted += ctx.alpha[t] and not ctx.quote[t]
            t += 1
        return unquoted > sum(ctx.alpha[span.start : span.end])

    def _attributes_back(self, q: Quotation, att: Attribution) -> bool:
        """Whether an attribution right after quotation ``q`` names its speaker. After a
        quotation closed by a comma, "?" or "!" it does ('…," said X'); after one closed by
        a full stop only when the attribution is all its sentence says ('…." X said on
        Telegram.'), not when it opens a new report ('…." The UN has warned that …')."""
        if not self.ctx.text[q.start : q.end].rstrip().endswith("."):
            return True
        cue_end = self.ctx.token_at(att.cue.end - 1) + 1
        return self.ctx.sentence(cue_end - 1).end - cue_end <= MAX_TRAILING_ATTRIBUTION

    def statements(self) -> list[Draft]:
        """Quotations with a speaker, and reported speech ("X said that …"), that hold
        no count: the attributed assertion itself is the claim. Run after every count
        and event claim of the document is drafted."""
        out: list[Draft] = []
        by_speaker: dict[int, Draft] = {}
        for q, att in self.state.quote_speakers.items():
            span = self.ctx.doc.char_span(q.start, q.end, alignment_mode="contract")
            if span is None or self._reported_instead(span, att):
                continue  # a quoted word or phrase inside reported speech, not a quotation claim
            if self._holds_claim(span.start, span.end):
                # the count claims stand for their sentences; in general news the quotation's
                # other sentences ("… shot four people. … Someone out there knows who this is")
                # are what it says, in a conflict report details of the count
                if att.source.kind in self.quote_remainder_kinds:
                    for lo, hi in self._sentences_without_claims(span.start, span.end):
                        out.append(self._statement(lo, hi, att, quote=True))
                continue
            earlier = by_speaker.get(id(att))
            if earlier is not None and self.ctx.token_at(q.open) - earlier.end <= 40:
                earlier.end = max(earlier.end, span.end)  # the same quotation, broken by its attribution
                continue
            d = self._statement(span.start, span.end, att, quote=True)
            by_speaker[id(att)] = d
            out.append(d)
        # tokens inside a statement, and the sorted statement starts: an overlap test per
        # reported clause without a scan of every statement so far
        covered = bytearray(len(self.ctx.words) + 1)
        starts = sorted(d.start for d in out)
        for d in out:
            covered[d.start : d.end] = b"\x01" * (d.end - d.start)
        for atts in self.state.attributions:
            for att in atts:
                content = self._reported_content(att)
                if content is None:
                    continue
                for lo, hi in self._coordinated(*content):
                    k = bisect.bisect_left(starts, lo)
                    if self._holds_claim(lo, hi) or (k < len(starts) and starts[k] < hi) or covered[lo]:
                        continue  # a count, an event or a quotation already stands for it
                    d = self._statement(lo, hi, att, quote=False)
                    out.append(d)
                    bisect.insort(starts, d.start)
                    covered[d.start : d.end] = b"\x01" * (d.end - d.start)
        return out

    def _coordinated(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The contents of one reporting verb, split where "and that" opens a second
        ("said the bridge was safe, and that the repairs would finish in May"): each is a
        statement of its own (at most ``MAX_COORDINATED``). A content holding a count or an
        event stays whole (its claim stands for it), and so does a list of that-clauses
        ("two signals: that A, and that B")."""
        if self._and_that is None:
            lower, punct = self.ctx.lower, self.ctx.punct
            self._and_that = [j for j in range(1, len(lower)) if lower[j] == "that" and lower[j - 1] == "and"]
            self._listed_that = [j for j in range(1, len(lower)) if lower[j] == "that" and punct[j - 1]]
        if self._holds_claim(lo, hi):
            return [(lo, hi)]
        out, start = [], lo
        k = bisect.bisect_left(self._and_that, lo + 5)
        while k < len(self._and_that) and self._and_that[k] < hi - 4 and len(out) < MAX_COORDINATED - 1:
            j = self._and_that[k]
            k += 1
            if j - start <= 5:
                continue
            listed = bisect.bisect_left(self._listed_that, lo + 1)
            if listed < len(self._listed_that) and self._listed_that[listed] < j:
                break  # a list of that-clauses
            end = j - 1
            while end > start and self.ctx.punct[end - 1]:
                end -= 1
            out.append((start, end))
            start = j + 1
        out.append((start, hi))
        if len(out) == 1:
            return out  # one content: its length was checked where it was found
        return [(a, b) for a, b in out if b - a >= 4]

    def _reported_content(self, att: Attribution) -> tuple[int, int] | None:
        """Tokens of the that-clause a speaker asserts ("analysts suggest that …"),
        or None when the attribution introduces no such clause."""
        if att.rule == "according_to":
            return self._according_content(att)
        if att.rule == "passive_cue":
            return self._passive_content(att)
        if att.rule == "negated_belief":
            return self._negated_content(att)
        if att.rule not in ("subject_cue", "participle_cue", "inverted_cue", "coordinated_cue") or (
            self.state.attributor.is_document_subject(att)
        ):
            return None
        before = self._content_before(att)
        if before is not None or att.rule == "inverted_cue":
            return before  # after an inverted cue ('…," said X, 54, whose flat…') comes the speaker
        cue_end = self.ctx.token_at(att.cue.end - 1) + 1
        sent = self.ctx.sentence(cue_end - 1)
        cue_end = self._past_citing(cue_end, sent.end)
        if att.cue.text.lower() in self.g["recipient_cues"]:
            cue_end = self._past_recipient(cue_end, sent.end)
            if cue_end >= sent.end or self.ctx.punct[cue_end]:
                return None  # '…," Alla told Reuters, still shaking': no clause follows
        lower = self.ctx.lower
        position = att.cue.text.lower() in self.position_verbs
        cue_end = self._past_venue(cue_end, sent.end)
        that = next(
            (
                j
                for j in range(cue_end, min(sent.end, cue_end + MAX_CUE_TO_THAT))
                if lower[j] == "that" or self.ctx.punct[j]
            ),
            None,
        )
        first = min(self.ctx.token_at(att.cue.start), self.ctx.token_at(att.source.start or att.cue.start))
        after = cue_end
        while after < sent.end and self.ctx.covering(labels.TIME, after) is not None:
            after += 1  # "Jane Doe said Wednesday, the plant …"
        if that is not None and lower[that] == "that":
            lo = that + 1
        elif (
            after < sent.end
            and self.ctx.words[after] == ","
            and first > sent.start
            and self.ctx.words[first - 1] == ","
            and att.source.kind in self.g["open_speech_kinds"]
        ):
            # a parenthetical attribution ("Over the past year, Jane Doe said, the plant has
            # doubled its output"): the content is the clause around it
            lo = sent.start
        elif (
            att.scope[1] > cue_end
            and (not self.ctx.punct[cue_end] or self.ctx.words[cue_end] == ":")
            and att.cue.text.lower() in self.clause_verbs
            and (att.source.kind in self.g["open_speech_kinds"] or self._self_report(cue_end, sent.end))
            and not (first > sent.start and lower[first - 1] in self.g["relative_pronouns"])
            and not (after < sent.end and lower[after] in self.phrase_openers)
        ):
            # "an official who declined to be named said the strikes may continue"; a scope
            # over the whole clause (no count or event anywhere) reaches past the cue too;
            # "X said: …" opens the content with a colon; "drones, which he said were
            # providing cover": what follows lacks its subject, a detail of the report; "said
            # during the hearing, which …" opens a phrase of where it was said, not a clause;
            # any speaker's report of its own action is a claim ("the group said it had fired
            # rockets into northern Israel")
            lo = cue_end + (self.ctx.words[cue_end] == ":")
        elif (
            position
            and att.rule in ("subject_cue", "coordinated_cue")
            and cue_end < sent.end
            and not self.ctx.punct[cue_end]
        ):
            # "The group has denied carrying out the strikes", "Residents objected to plans to
            # expand the quarry, and …", "X said A and denied targeting civilians": the verb
            # and its object, up to the clause's comma
            lo = self.ctx.token_at(att.cue.start)
            comma = next(
                (j for j in range(cue_end, sent.end) if self.ctx.punct[j] and self.ctx.words[j] not in SIGNS),
                sent.end,
            )  # "expected growth of 2.1% in the quarter": a sign is no clause boundary
            # three words suffice after a first statement ("… and denied targeting civilians")
            least = 3 if att.rule == "coordinated_cue" else 4
            return (lo, comma) if comma - lo >= least and not self.ctx.has_quote_mark(lo, comma) else None
        else:
            return None
        hi = att.scope[1] if att.scope[1] > cue_end else sent.end
        hi = self._before_next_speaker(att, lo, hi)
        if hi - lo < 4:
            return None
        quotation = self.ctx.quotation_at(self.ctx.token_starts[lo])
        if quotation is not None:
            span = self.ctx.doc.char_span(quotation.start, quotation.end, alignment_mode="contract")
            if span is None or not self._fragment(span, att):
                return None  # the quotation is the statement
        return lo, hi

    def _self_report(self, token: int, end: int) -> bool:
        """The bare clause at ``token`` is the speaker's report of its own action: it opens
        with a pronoun for the speaker (``self_reference`` in cues.json: "said it had
        fired", "said they had struck") and a verb follows, or with a possessive for it and
        a noun ("said its forces had hit"). A reporting body's bare speech
        about others ("Air defenses brought down every target, X reported") is a detail of
        its report; its own deeds are its claims."""
        lower, words, alpha = self.ctx.lower, self.ctx.words, self.ctx.alpha
        if lower[token] in self.self_possessives:
            token += 1  # "its forces had hit": the possessive's noun stands for the speaker
        return (
            token + 1 < end
            and (lower[token] in self.self_reference or lower[token - 1] in self.self_possessives)
            and alpha[token]
            and alpha[token + 1]
            and words[token + 1].islower()
        )

    def _content_before(self, att: Attribution) -> tuple[int, int] | None:
        """Tokens a trailing attribution vouches for: the clause before it, set off by a
        comma ("The economy is slowing, the bank said." / "…, said Jane Doe."). Only for
        the open speech kinds (people, bodies and documents of general news, analysts,
        insiders, witnesses): a reporting body's trailing attribution governs its counts."""
        ctx = self.ctx
        if att.source.start is None or att.source.kind not in self.g["open_speech_kinds"]:
            return None
        first = min(ctx.token_at(att.cue.start), ctx.token_at(att.source.start))
        last = max(ctx.token_at(att.cue.end - 1), ctx.token_at(att.source.end - 1)) + 1
        lo, hi = att.scope
        if first == 0 or ctx.words[first - 1] != ",":
            return None
        if hi > first:
            # a scope over the whole clause (no count or event in it): the content is before
            # the attribution when it ends the sentence, or only a time, a venue or a
            # participle cue follows ("…, the company said on Tuesday, adding that …")
            sent = ctx.sentence(first)
            # the words after the attribution, counted only as far as the limit
            words_after = (j for j in range(last, sent.end) if not ctx.punct[j])
            rest = list(islice(words_after, MAX_TRAILING_ATTRIBUTION + 1))
            stop = next((j for j in range(last, sent.end) if ctx.words[j] == ","), sent.end)
            # "…, the company said, adding that …" / "…, the company said, while analysts …"
            follows = stop + 1 < sent.end and (
                ctx.lower[stop + 1].endswith("ing") or ctx.lower[stop + 1] in self.g["speaker_joiners"]
            )
            if lo > first or not (len(rest) <= MAX_TRAILING_ATTRIBUTION or (follows and stop - last <= 4)):
                return None
            hi = first - 1
            lo = self._after_earlier_report(lo, hi)
        while hi > lo and (ctx.punct[hi - 1] or ctx.quote[hi - 1]):
            hi -= 1
        if hi - lo < 4 or ctx.has_quote_mark(lo, hi):
            return None
        return lo, hi

    def _after_earlier_report(self, lo: int, hi: int) -> int:
        """Where the clause a trailing attribution vouches for starts: after a dash that
        follows a report of its own ("Many said they were pleased — but more must be done,
        they said"), else ``lo``."""
        ctx = self.ctx
        dash = next((j for j in range(hi - 1, lo, -1) if ctx.words[j] in DASHES), None)
        if dash is not None and ctx.any_within(labels.CUE, lo, dash):
            lo = dash + 1
            if lo < hi and ctx.lower[lo] in self.g["speaker_joiners"]:
                lo += 1
        return lo

    def _before_next_speaker(self, att: Attribution, lo: int, hi: int) -> int:
        """``hi``, cut before another speaker (a source or a place speaking for itself)
        whose reporting verb follows in the sentence after a comma or a joining word
        ("the ministry insisted that …, while Kyiv claimed …"): that is a report of its own."""
        ctx = self.ctx
        speakers = self._next_speakers()
        own = ctx.token_at(att.cue.start) if att.cue is not None else -1
        for k in range(bisect.bisect_left(speakers, (lo + 1,)), len(speakers)):
            cue_start, cue_end, speaker_start = speakers[k]
            if cue_start >= hi:
                break
            if cue_start == own:
                continue  # its own cue, inside a parenthetical attribution
            if cue_end <= hi and speaker_start > lo:
                hi = speaker_start
                break
        while hi > lo and (ctx.punct[hi - 1] or ctx.lower[hi - 1] in self.g["speaker_joiners"]):
            hi -= 1
        return hi

    def _next_speakers(self) -> list[tuple[int, int, int]]:
        """``(cue start, cue end, speaker start)`` of each reporting verb right after a
        speaker set off by a comma or a joining word, in document order: where
        :meth:`_before_next_speaker` cuts (found once per document); a participle cue after
        a comma ("…, adding that …") opens the speaker's next statement, so it cuts at the
        comma, and so do a second cue ("…, and said …") and a dash before a joining word
        ("… — but …")."""
        if self._speakers is None:
            ctx, joiners = self.ctx, self.g["speaker_joiners"]
            self._speakers = []
            for cue in ctx.by_label[labels.CUE]:
                if cue.id_ != "verb":
                    continue
                before = cue.start - 1
                speaker = ctx.covering(labels.SOURCE, before) or ctx.covering(labels.REGION, before)
                if (
                    speaker is not None
                    and speaker.start > 0
                    and (ctx.punct[speaker.start - 1] or ctx.lower[speaker.start - 1] in joiners)
                ):
                    self._speakers.append((cue.start, cue.end, speaker.start))
                elif ctx.words[before] == "," and ctx.lower[cue.start].endswith("ing"):
                    self._speakers.append((cue.start, cue.end, before))  # "…, adding that …"
                elif ctx.lower[before] in ("and", "but"):
                    self._speakers.append((cue.start, cue.end, before))  # "…, and said …"
            # "X said A — but B, Y said": a dash before a joining word ends A
            lower = ctx.lower
            dashes = [
                (j, j + 1, j)
                for j in range(len(lower) - 1)
                if ctx.words[j] in DASHES and lower[j + 1] in joiners
            ]
            self._speakers = sorted(self._speakers + dashes)
        return self._speakers

    def _negated_content(self, att: Attribution) -> tuple[int, int] | None:
        """Tokens of a negated belief ("doesn't agree that regulation is the answer"): from
        the negation to the end of the clause, since the that-clause alone would say the
        opposite of what the speaker holds."""
        ctx = self.ctx
        lo = att.scope[0]
        sent = ctx.sentence(lo)
        hi = self._before_next_speaker(att, lo, ctx.clause_bounds(sent, lo, lo + 1)[1])
        if hi - lo < 4 or ctx.has_quote_mark(lo, hi):
            return None
        return lo, hi

    def _passive_content(self, att: Attribution) -> tuple[int, int] | None:
        """Tokens a passive report vouches for: its clause, up to the end of the source
        ("The talks were reported earlier by the Times"): what was reported is the subject,
        which is too short a claim without the verb. Only after an auxiliary ("were
        reported by"), not a participle modifying a noun ("the figures reported by …")."""
        ctx = self.ctx
        cue = ctx.token_at(att.cue.start)
        sent = ctx.sentence(cue)
        clause_start, clause_end = ctx.clause_bounds(sent, cue, cue + 1)
        while clause_start < cue and ctx.space[clause_start]:
            clause_start += 1  # a paragraph break opening the sentence
        k = cue
        while k > clause_start and ctx.lower[k - 1] in self.g["verb_cue_gap"]:
            k -= 1
        if att.source.end is None or k == clause_start or ctx.lower[k - 1] not in self.g["auxiliaries"]:
            return None
        lo, hi = clause_start, ctx.token_at(att.source.end - 1) + 1
        if hi - lo < 4 or ctx.has_quote_mark(lo, hi) or any(ctx.punct[lo:k]):
            return None
        return lo, hi

    def _according_content(self, att: Attribution) -> tuple[int, int] | None:
        """Tokens an "according to X" attribution vouches for, set off from it by a comma:
        "According to the ISW, Russian forces have regrouped" or "Russian forces have
        regrouped, according to the ISW". Only the open speech kinds count (people, bodies
        and documents of general news, officials, analysts, insiders, witnesses): what a
        defence ministry, a military, a governor or an outlet vouches for without a count
        is a detail of its report, not a claim. None when no comma separates them."""
        if att.source.end is None or att.source.kind not in self.g["open_speech_kinds"]:
            return None
        ctx = self.ctx
        cue = ctx.token_at(att.cue.start)
        source_end = ctx.token_at(att.source.end - 1) + 1
        # the clause: "…; according to the Times, the buyer had sought a lower price"
        clause_start, clause_end = ctx.clause_bounds(ctx.sentence(cue), cue, source_end)
        while clause_start < cue and ctx.space[clause_start]:
            clause_start += 1  # a paragraph break opening the sentence
        source_end = self._past_author(source_end, clause_end)
        if cue == clause_start and source_end < clause_end and ctx.words[source_end] == ",":
            lo, hi = source_end + 1, clause_end
        elif cue > clause_start and ctx.words[cue - 1] == ",":
            lo, hi = clause_start, cue - 1
        else:
            return None
        if hi - lo < 4 or ctx.has_quote_mark(lo, hi):
            return None
        return lo, hi

    def _past_author(self, token: int, end: int) -> int:
        """The comma after whose document it is ("according to a study | by the state
        auditor, …", "a survey | of 2,000 voters, …"): a phrase opened by ``author_words``
        (cues.json) that runs, without punctuation, at most ``MAX_AUTHOR_PHRASE`` tokens to a
        comma; else ``token``."""
        ctx = self.ctx
        if token >= end or ctx.lower[token] not in self.author_words:
            return token
        for j in range(token + 1, min(end, token + MAX_AUTHOR_PHRASE + 1)):
            if ctx.punct[j]:
                return j if ctx.words[j] == "," else token
        return token

    def _past_venue(self, token: int, end: int) -> int:
        """The token after where and how something was said, when a "that" follows it
        ("said in a post on X that …", "said in his nightly video address that …", "said in
        his testimony to Congress this week that …"); else ``token``. A venue's name is any
        capitalized word there, since only a "that" after the run makes it a venue."""
        j = token
        while j < end and (
            self.ctx.lower[j] in self.g["speech_venue_words"]
            or self.ctx.covering(labels.TIME, j) is not None
            or (j > token and self.ctx.words[j][:1].isupper())
        ):
            j += 1
        return j if j < end and self.ctx.lower[j] == "that" else token

    def _past_citing(self, token: int, end: int) -> int:
        """The token after a comma-enclosed "citing …" aside right after a cue
        ("media reported, citing sources in the SBU, that …"), else ``token``."""
        ctx = self.ctx
        if token + 1 >= end or ctx.words[token] != ",":
            return token
        cue = ctx.covering(labels.CUE, token + 1)
        if cue is None or cue.id_ != "according_to" or cue.start != token + 1:
            return token
        for j in range(cue.end, end):
            if ctx.words[j] == ",":
                return j + 1
            if ctx.punct[j]:
                break
        return token

    def _as_damage(self, d: Draft) -> None:
        """A witness's quotation that says a site was damaged ("the balcony was simply
        gone", "the roof of the school collapsed") is a damage claim of that site, not
        a bare statement."""
        damage = [e for e in self.ctx.within(labels.EVENT, d.start, d.end) if e.id_ == "damage"]
        if not damage:
            return
        sites = [s for s in self.ctx.within(labels.ITEM, d.start, d.end) if s.id_ in self.g["site_items"]]
        if sites:
            # the site nearest before the damage word is what was damaged; else the first
            before = [s for s in sites if s.end <= damage[0].start]
            d.event, d.item = "damage", (before[-1] if before else sites[0]).id_

    def _as_attack(self, d: Draft) -> None:
        """A statement saying who carried out the incident just reported ("the SBU had
        organised the attack") is an attack claim about that incident: its site and place."""
        scene = self._scene_draft(d.sentence)
        if scene is None:
            return
        words = " " + " ".join(self.ctx.lower[d.start : d.end]) + " "
        if any(f" {phrase} " in words for phrase in self.g["perpetration_verbs"]):
            d.event, d.item = "attack", scene.item  # "special forces had carried out the attack"
            return
        for trigger in self.ctx.within(labels.EVENT, d.start, d.end):
            text = self.ctx.span_text(trigger).lower()
            verbal = text.endswith("ed") or text in self.g["irregular_event_verbs"]
            if trigger.id_ == "attack" and verbal and text not in self.g["event_nouns"]:
                d.event, d.item = "attack", scene.item
                return

    def _points_back(self, start: int, end: int) -> bool:
        """The statement is about an incident just reported ("the SBU had organised the
        attack", "the strike was a war crime")."""
        words = " " + " ".join(self.ctx.lower[start:end]) + " "
        return any(f" {phrase} " in words for phrase in self.g["anaphoric_events"])

    @staticmethod
    def _narrowed(own: list[Location], scene: list[Location]) -> list[Location]:
        """The scene's places for a statement that points back at it, when the statement
        names no place or only the countries the scene lies in ("… the attack, the latest
        of many raids on Russia" after a strike in the Volgograd region)."""
        if not scene:
            return own
        countries = {loc.code for loc in own if loc.code and "-" not in loc.code}
        if len(countries) != len(own):
            return own  # a place of its own below country level
        if own and not all(loc.code and loc.code.split("-")[0] in countries for loc in scene):
            return own
        return scene

    def _scene(self, sentence: int, *, harm: bool = False) -> list[Location]:
        """The places of the scene just reported (see :meth:`_scene_draft`): a witness
        speaks about it ("… struck the city. 'The balcony was simply gone,' a resident said")."""
        scene = self._scene_draft(sentence, harm=harm)
        return list(scene.locations) if scene is not None else []

    def _scene_draft(self, sentence: int, *, harm: bool = False) -> Draft | None:
        """The latest located count or event claim (with ``harm``, strike, damage or
        casualty claim) at most ``SCENE_SENTENCES`` sentences before (or in) ``sentence``."""
        index = self._drafted()
        sentences, scenes = (
            (index.harm_sentences, index.harm_scenes) if harm else (index.scene_sentences, index.scenes)
        )
        k = bisect.bisect_right(sentences, sentence) - 1
        if k < 0 or sentence - sentences[k] > SCENE_SENTENCES:
            return None
        return scenes[k]

    def _past_recipient(self, token: int, end: int) -> int:
        """The first token after whom a speaker told something ("told Reuters",
        "told reporters"), which is not part of what was said."""
        for span in self.ctx.within(labels.SOURCE, token, end):
            if span.start == token:
                return span.end
            break
        start = token
        while token < end and self.ctx.lower[token] in self.g["speech_recipients"]:
            token += 1
        words = self.ctx.words
        while token == start and token < end and words[token][:1].isupper() and words[token].isalpha():
            start = token = token + 1  # "told Twitter", "told Jane Doe": a name is whom
        return token

    def _holds_claim(self, lo: int, hi: int) -> bool:
        """Tokens ``[lo, hi)`` hold a count or event claim, or a zero-count phrase."""
        anchors = self._drafted().anchors
        k = bisect.bisect_left(anchors, lo)
        return k < len(anchors) and anchors[k] < hi

    def _drafted(self) -> _DraftIndex:
        """The index of the count and event claims drafted so far (rebuilt when more are)."""
        if self._index is None or self._index.size != len(self.state.drafts):
            self._index = _DraftIndex(self.state.drafts)
        return self._index

    def _statement(self, start: int, end: int, att: Attribution, *, quote: bool) -> Draft:
        """The statement claim of tokens ``[start, end)``, said by ``att``: placed where
        its words say (else at the front of the speaker's sentence) and timed as its
        sentence was."""
        i = self.ctx.sent_of_token[start]
        quotation = self.ctx.quotation_at(self.ctx.token_starts[start]) if quote else None
        locations, _ = self.places.find(start, end, quotation)
        if not locations and att.source.start is not None:
            # a fronted "In the Ryazan region, Governor X wrote"
            source_tok = self.ctx.token_at(att.source.start)
            sent = self.ctx.sentence(source_tok)
            locations, _ = self.places.find(sent.start, source_tok)
        if not locations:
            # a governor or a local authority speaks for its area ("Bryansk Governor X said …")
            region = self.state.speaker_region_span(att)
            if region is not None:
                locations = [self.places.to_location(region)]
        if not locations and att.source.kind in self.g["scene_speakers"]:
            # a witness speaks of where they were ("a resident of X"), else of the strike
            # or toll just reported, not of a list of interceptions
            locations = self.places.in_mention(att.source.start, att.source.end) or self._scene(i, harm=True)
        elif self._points_back(start, end):
            locations = self._narrowed(locations, self._scene(i))
        d = Draft(
            sentence=i,
            start=start,
            end=end,
            anchor=start,
            event="statement",
            locations=dedupe(locations),
            attribution=att,
            quote=quote,
            hedged=self.state.hedged(start, end),
            evidence=[
                Evidence(
                    rule="statement.quote" if quote else "statement.reported_speech",
                    detail=att.source.text,
                    start=self.ctx.token_starts[start],
                    end=self.ctx.token_ends[end - 1],
                )
            ]
            + att.evidence(),
        )
        if quote and att.source.kind in self.g["scene_speakers"]:
            self._as_damage(d)
        elif self._points_back(start, end):
            self._as_attack(d)
        mentions, frame = self.state.times.get(i, ([], None))
        d.time, ev = self.state.timeline.for_statement(start, mentions, frame)
        d.evidence.extend(ev)
        return d


def _harm_scene(d: Draft) -> bool:
    """A scene a witness can speak of: a toll, damage, or a strike ("a drone hit a
    house"), not an interception aloft or a salvo's count ("12 rockets were fired")."""
    if d.event in ("damage", "casualty"):
        return True
    value = d.quantity.value if d.quantity is not None else None
    return d.event == "attack" and (value is None or value <= 1)


class _DraftIndex:
    """Sorted look-ups over the drafted count and event claims, built once per batch of
    drafts: the anchors, and per sentence the latest located claim (a scene)."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.size = len(drafts)
        self.anchors = sorted(d.anchor for d in drafts)
        latest: dict[int, Draft] = {}
        harmed: dict[int, Draft] = {}  # strikes, damage and tolls only: the scene a witness saw
        for d in drafts:
            if d.locations and d.event != "statement":
                for table in (latest, harmed) if _harm_scene(d) else (latest,):
                    best = table.get(d.sentence)
                    if best is None or d.start > best.start:
                        table[d.sentence] = d
        self.scene_sentences = sorted(latest)
        self.scenes = [latest[i] for i in self.scene_sentences]
        self.harm_sentences = sorted(harmed)
        self.harm_scenes = [harmed[i] for i in self.harm_sentences]


class _CuedBefore:
    """The nearest cued attribution before a quotation's opening mark in its sentence
    (the latest-ending cue whose token and source lie before the mark), for quotations
    asked in document order: each sentence's attributions are swept once, not once per
    quotation."""

    def __init__(self, attributions: list[list[Attribution]], ctx) -> None:
        self.attributions, self.ctx = attributions, ctx
        self.sentence = -1

    def nearest(self, q: Quotation) -> Attribution | None:
        ctx = self.ctx
        opening = ctx.token_at(q.open)
        sentence = ctx.sent_of_token[opening]
        if sentence != self.sentence:
            self.sentence = sentence
            cued = [(rank, a) for rank, a in enumerate(self.attributions[sentence]) if a.cue is not None]
            # waiting on the cue's last token, then on the source's start; both bounds only
            # grow as quotations go forward
            self.by_cue = sorted(cued, key=lambda c: ctx.token_at(c[1].cue.end - 1), reverse=True)
            self.by_source: list[tuple[int, int, Attribution]] = []
            self.best: tuple[int, int, Attribution] | None = None
        while self.by_cue and ctx.token_at(self.by_cue[-1][1].cue.end - 1) < opening:
            rank, a = self.by_cue.pop()
            heapq.heappush(self.by_source, (a.source.start or 0, rank, a))
        while self.by_source and self.by_source[0][0] < q.open:
            _, rank, a = heapq.heappop(self.by_source)
            # the latest-ending cue; of equal ones the first in the sentence
            if self.best is None or (a.cue.end, -rank) > (self.best[0], -self.best[1]):
                self.best = (a.cue.end, rank, a)
        return self.best[2] if self.best is not None else None

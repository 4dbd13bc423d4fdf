"""Where it happened: which REGION mentions are the claim's locations.

A region counts when the text puts the event there: after a locative preposition
("over the Rostov Region", "in one of Kyiv's districts", "regions of Ukraine"), as the
object of an attack verb ("struck Beersheba"), or as a subject that reports the count
("Kaluga Oblast reported one"). A region after "from" is an origin ("missiles fired
from the Belgorod region") and a region in other roles ("Russia sent 35 drones",
"Kyiv may be increasing…") is not a location. Coordinated names ("the Bryansk and Oryol
Regions") are judged as one group.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Span

from ..entities import labels
from ..entities.regions import Gazetteer
from ..schema import Evidence, Location
from .context import DocContext, Quotation


class LocationFinder:
    """The locations of the claims of one document (the region mentions in their role)."""

    def __init__(self, ctx: DocContext, grammar: dict[str, frozenset[str]], gazetteer: Gazetteer) -> None:
        self.ctx = ctx
        self.g = grammar
        self.gazetteer = gazetteer
        # find() per (start, end, quote): the quantity draft's ellipsis check and the
        # locating of the same segment ask the same question
        self._found: dict[tuple[int, int, Quotation | None], tuple[list[Location], bool]] = {}
        dem = gazetteer.demonyms
        self._demonyms: dict[str, str] = dem["demonyms"]
        self._attacker_words = frozenset(dem["attacker_words"])
        self._defender_words = frozenset(dem["defender_words"])
        self._anaphor_nouns = frozenset(dem["country_anaphors"])
        self._attacker_gap = frozenset(dem["attacker_gap_words"])
        self._sides: SideIndex | None = None  # built on first use (see implied_country)
        # country -> its regions named -> their sentences (_part_of_country)
        self._regions_of: dict[str, dict[str, set[int]]] | None = None
        self._doc_region: tuple[Location | None] | None = None  # document_region, once per document

    def groups(self, start: int, end: int) -> list[list[Span]]:
        """REGION mentions in tokens ``[start, end)``, coordinated names grouped."""
        out: list[list[Span]] = []
        for span in self.ctx.within(labels.REGION, start, end):
            if out:
                prev = out[-1][-1]
                between = self.ctx.lower[prev.end : span.start]
                # a name opening who speaks ("in the Red Sea, U.S. Central Command said") is
                # no part of the list before it
                if self.g["region_list_connectors"].issuperset(between) and (
                    self.ctx.covering(labels.SOURCE, span.start) is None
                ):
                    out[-1].append(span)
                    continue
            out.append([span])
        return out

    def role(self, group: list[Span], depth: int = 0) -> str:
        """``"locative"``, ``"origin"`` or ``"other"`` for a coordinated region group."""
        lower, g = self.ctx.lower, self.g
        first, last = group[0], group[-1]
        if self.ctx.covering(labels.SOURCE, first.start) is not None:
            return "other"  # part of who speaks: "Dr. X, an analyst at the Kyiv Institute"
        if self._country_modifier(group):
            return "other"  # "near a U.S. embassy office", "hit a U.S. base": whose, not where
        sent = self.ctx.sentence(first.start)
        sent_start = sent.start
        j, steps = first.start - 1, 0
        while j >= sent_start and steps < 6:
            word = lower[j]
            if word in g["origin_prepositions"]:
                return "origin"
            noun = self._listed_under(j, sent_start)
            if noun is not None:
                # "over several cities, including Lahore and Rawalpindi": members of the
                # places the clause put the event in share their role
                return self._noun_role(noun, sent_start)
            if word in g["locative_prepositions"] or word in g["attack_object_verbs"]:
                return self._locative_or_origin(j, last)
            if word == "of" and j > sent_start and lower[j - 1] in g["place_nouns"]:
                return "locative"
            if word == "of" and j > sent_start and lower[j - 1] in g["compass_points"]:
                # "a base east of Haifa", "north of downtown Kharkiv": near it; but "the Ryazan
                # region south-east of Moscow" only says where a place just named lies
                k = j - 1
                while k > sent_start and (lower[k] in g["compass_points"] or lower[k] in ("-", ",")):
                    k -= 1  # "south-east", "some 40 km" is not crossed
                return "other" if self.ctx.covering(labels.REGION, k) is not None else "locative"
            if word == "for" and j > sent_start and lower[j - 1] in g["heading_words"]:
                return "locative"  # "a drone heading for Moscow", "bound for", "on course for"
            if word == "of" and j > sent_start and lower[j - 1] in g["attack_of_nouns"]:
                return "locative"  # "in the shelling of Nikopol": the place attacked
            if (
                word == "of"
                and j - 1 > sent_start
                and lower[j - 1] in g["compass_points"]
                and not self.ctx.within(labels.REGION, max(sent_start, j - 6), j)
            ):
                # "a depot north of Kharkiv": beside the place, in its region; not "the Tula
                # region south of Moscow", which says where a region lies
                return "locative"
            if word in ("and", "or", ",") and depth == 0:
                earlier = [grp for grp in self.groups(max(sent_start, j - 6), j) if grp[-1].end >= j - 4]
                if earlier:
                    return self.role(earlier[-1], depth + 1)  # "Kherson in the south and Kharkiv"
            if word in g["locative_modifiers"] or self.ctx.covering(labels.REGION, j) is not None:
                j -= 1
                steps += 1
                continue
            break
        k = last.end
        # where the region lies may stand before its verb ("The Volgograd region in the south
        # accounted for 67")
        if k + 3 < sent.end and lower[k : k + 2] == ["in", "the"] and lower[k + 2] in g["compass_points"]:
            k += 3
        while k < sent.end and lower[k] in g["region_subject_gap"]:
            k += 1
        if k < sent.end and lower[k] in g["region_subject_verbs"]:
            return "locative"
        if (
            k < sent.end
            and lower[k] in g["region_tally_prepositions"]
            and self._count_within(k + 1, sent.end)
        ):
            return "locative"  # a gapped tally: "Lipetsk for two", "and Kaluga for the remaining one"
        return "other"

    def _listed_under(self, j: int, sent_start: int) -> int | None:
        """The plural place noun whose members a list opened at token ``j`` names
        ("cities, including …", "districts such as …"), or None."""
        lower = self.ctx.lower
        if j > sent_start and (lower[j - 1], lower[j]) in (("such", "as"), ("among", "them")):
            j -= 1  # "districts such as …", "five districts, among them …"
        elif lower[j] not in self.g["inclusion_markers"]:
            return None
        k = j - 1
        if k >= sent_start and lower[k] == ",":
            k -= 1
        return k if k >= sent_start and lower[k] in self.g["place_list_nouns"] else None

    def _noun_role(self, noun: int, sent_start: int) -> str:
        """The role of a place noun with no name ("over several cities", "from three
        districts"): by the preposition before its modifiers."""
        lower, g = self.ctx.lower, self.g
        j = noun - 1
        while j >= sent_start and noun - j <= 5:
            word = lower[j]
            if word in g["origin_prepositions"]:
                return "origin"
            if word in g["locative_prepositions"] or word in g["attack_object_verbs"]:
                return "locative"
            if not (word in g["locative_modifiers"] or self.ctx.covering(labels.QUANTITY, j) is not None):
                break
            j -= 1
        return "other"

    def _count_within(self, k: int, end: int) -> bool:
        """A count starts within three tokens of ``k`` ("two", "the remaining one")."""
        return any(self.ctx.covering(labels.QUANTITY, t) is not None for t in range(k, min(end, k + 3)))

    def _country_modifier(self, group: list[Span]) -> bool:
        """A country named as the owner of what follows it ("a U.S. embassy", "U.S.
        troops", "a British warship", "a U.S. drone"): an embassy, base or force abroad
        says whose it is, not where the event happened."""
        (span,) = group if len(group) == 1 else (None,)
        if span is None or span.kb_id_ != "country" or span.end >= self.ctx.sentence(span.start).end:
            return False
        k = span.end
        item = self.ctx.covering(labels.ITEM, k)
        if item is not None and item.start == k:
            return item.id_ not in self.g["place_items"]
        lower, presence = self.ctx.lower, self.g["foreign_presence_nouns"]
        if lower[k] == "and" and k + 2 < len(lower):
            k += 2  # "to U.S. and coalition forces", "U.S. and British warships"
        return lower[k] in presence

    def _locative_or_origin(self, prep: int, last: Span) -> str:
        """A locative phrase inside an origin ("launched from Cape Chauda in occupied
        Crimea") or inside a speaker's description ("the Houthis in Yemen said") is
        not where the event happened."""
        lower = self.ctx.lower
        if lower[prep] in self.g["destination_prepositions"]:
            return "locative"  # "crossed from Lebanon into the Upper Galilee": where they went
        for j in range(prep - 1, max(self.ctx.sentence(prep).start - 1, prep - 4), -1):
            word = lower[j]
            if word in self.g["origin_prepositions"]:
                return "origin"
            if self.ctx.punct[j] or word in self.g["locative_prepositions"]:
                break
        source = self.ctx.covering(labels.SOURCE, prep - 1) if prep > 0 else None
        if (
            source is not None
            and last.end < len(lower)
            and self.ctx.covering(labels.CUE, last.end) is not None
        ):
            return "other"
        return "locative"

    def to_location(self, span: Span) -> Location:
        region = self.gazetteer.get(span.id_) if span.id_ else None
        return Location(
            code=span.id_ or None,
            name=region.name if region else None,
            country=region.country if region else None,
            text=self.ctx.span_text(span),
            start=span.start_char,
            end=span.end_char,
        )

    def in_mention(self, start_char: int | None, end_char: int | None) -> list[Location]:
        """The coded places inside a speaker's own mention ("a resident of Kharkiv's
        Saltivka district", "a witness in Rafah"): where a witness was."""
        if start_char is None or end_char is None or end_char <= start_char:
            return []
        s, e = self.ctx.token_at(start_char), self.ctx.token_at(end_char - 1) + 1
        return dedupe([self.to_location(span) for span in self.ctx.within(labels.REGION, s, e) if span.id_])

    def find(self, start: int, end: int, quote: Quotation | None = None) -> tuple[list[Location], bool]:
        """Locations in tokens ``[start, end)``, and whether the range names any place
        of its own (even one with no region code, like a sea), which blocks inheritance.
        Places quoted in another quotation ("a group calling itself the 'Islamic
        Resistance in Iraq'") are names, not locations of a claim outside it.

        Answered once per range and quotation in the document; the caller gets its own
        list."""
        key = (start, end, quote)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._find(start, end, quote)
        return list(found[0]), found[1]

    def _find(self, start: int, end: int, quote: Quotation | None) -> tuple[list[Location], bool]:
        locations: list[Location] = []
        own_place = False
        background = self._period_clauses(start, end)
        for group in self.groups(start, end):
            if self.ctx.quotation_at(group[0].start_char) not in (None, quote):
                continue
            if background and any(a <= group[0].start < b for a, b in background):
                continue
            role = self.role(group)
            if role == "origin":
                continue
            if role == "locative":
                own_place = True
                locations.extend(self._part_of_country(s) or self.to_location(s) for s in group)
        return dedupe(locations), own_place

    def war_wide(self, start: int, end: int, inherited: list[Location]) -> list[Location]:
        """Inherited places lifted to their countries when tokens ``[start, end)`` count
        over the whole war ("42,000 people have been killed in the war" after a strike in
        one town is a toll of the country, not of the town)."""
        words = " " + " ".join(self.ctx.lower[start:end]) + " "
        if not any(f" {phrase} " in words for phrase in self.g["whole_war_phrases"]):
            return inherited
        out = []
        for loc in inherited:
            country = loc.code.split("-")[0] if loc.code else None
            if country and country != loc.code:
                region = self.gazetteer.get(country)
                loc = loc.model_copy(update={"code": country, "name": region.name if region else None})
            out.append(loc)
        return dedupe(out)

    def document_region(self) -> Location | None:
        """The one region below country level the whole document is about, when it names
        no other and names it at least twice (a report from one city or province): the
        place of a count that names none and inherits none. Its first mention is the
        evidence."""
        if self._doc_region is None:
            first: dict[str, Span] = {}
            counts: dict[str, int] = {}
            for region in self.ctx.by_label[labels.REGION]:
                if "-" in region.id_:
                    first.setdefault(region.id_, region)
                    counts[region.id_] = counts.get(region.id_, 0) + 1
            sole = next(iter(first.values())) if len(first) == 1 and max(counts.values()) >= 2 else None
            self._doc_region = (self.to_location(sole) if sole is not None else None,)
        return self._doc_region[0]

    def _part_of_country(self, span: Span) -> Location | None:
        """A part of a country ("the central Gaza Strip", "southern Lebanon") as the one
        region of that country the document names, where it names just one and not only
        beside the part: the report's own words say which division the part is ("… in the
        Deir el-Balah area")."""
        start = span.start
        if not span.id_ or "-" in span.id_ or start == 0:
            return None  # a sea, or a region already
        if self.ctx.lower[start - 1] not in self.g["compass_adjectives"]:
            return None
        if self._regions_of is None:  # once per document
            self._regions_of = {}
            for region in self.ctx.by_label[labels.REGION]:
                if "-" in region.id_:
                    named = self._regions_of.setdefault(region.id_.split("-")[0], {})
                    named.setdefault(region.id_, set()).add(self.ctx.sent_of_token[region.start])
        codes = self._regions_of.get(span.id_, {})
        if len(codes) != 1:
            return None
        ((code, sentences),) = codes.items()
        if sentences == {self.ctx.sent_of_token[start]}:
            return None  # a part of it named beside it ("into southern Lebanon, among them near Tyre")
        region = self.gazetteer.get(code)
        return Location(
            code=code,
            name=region.name if region else None,
            country=span.id_,
            text=self.ctx.span_text(span),
            start=span.start_char,
            end=span.end_char,
        )

    def _period_clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """Token ranges of clauses that only date the claim by an earlier event ("wounded
        since the fighting started with Hamas's attack on Israel on October 7, 2023"): from
        "since" not followed by a time up to the next comma outside a time. A place there is
        where that event happened, not the claim's."""
        ctx, out = self.ctx, []
        opens = self.g["open_period_prepositions"]
        t = start
        while t < end - 1:
            if ctx.lower[t] in opens and ctx.covering(labels.TIME, t + 1) is None:
                k = t + 1
                while k < end and not (ctx.words[k] in (",", ";") and ctx.covering(labels.TIME, k) is None):
                    k += 1
                out.append((t, k))
                t = k
            t += 1
        return out

    def implied_country(self, start: int, end: int, *, harm: bool = False) -> Location | None:
        """The country a count with no place of its own happened in, when its clause says
        whose weapons or whose defences they were: the defending side's country ("15 drones
        were destroyed by Ukraine's air defences" → UA; "Israeli air defence intercepted 30"
        → IL), else, when the clause names only the attacker ("Russia fired four missiles",
        "40 Russian drones"), the country the text is about, if that is another country
        ("Russia fired four missiles" in a report about Ukraine is UA); so, with no destination
        named, is a count that only says where the weapons came from ("30 rockets crossed from
        Lebanon" in a report about Israel is IL). For harm (people
        killed, homes damaged: ``harm``) an attacker's demonym is enough too: people "killed in
        Russian attacks" in a report about Ukraine were killed in Ukraine."""
        sides = self._side_index()
        # only a country named as such says which side: "Russian air defences destroyed 33
        # Ukrainian drones" leaves the place open, as the annotators do
        mentions = [
            m
            for m in sides.within(start, end)
            if (m.named or (harm and m.side == "attacker"))
            and self.ctx.covering(labels.SOURCE, m.start) is None
            and not self._speaker(m)
        ]
        for m in mentions:
            if m.side == "defender":
                return self._country_location(m)
        # the attacker, or where the weapons came from ("30 rockets crossed from Lebanon"):
        # with no destination named, they were aimed at the country the report is about
        attackers = {m.code for m in mentions if m.side in ("attacker", "origin")}
        if not attackers or any(m.side == "" for m in mentions):
            return None
        about = sides.about_before(end)
        if about is None or about.code in attackers:
            return None
        return self._country_location(about)

    def _speaker(self, m: CountryMention) -> bool:
        """A country named as who speaks ("Israel said about 20 projectiles …")."""
        return m.end < len(self.ctx.lower) and self.ctx.covering(labels.CUE, m.end) is not None

    def _country_location(self, m: CountryMention) -> Location:
        region = self.gazetteer.get(m.code)
        return Location(
            code=m.code,
            name=region.name if region else None,
            country=m.code,
            text=self.ctx.text[m.start_char : m.end_char],
            start=m.start_char,
            end=m.end_char,
        )

    def _side_index(self) -> SideIndex:
        """Every country mention of the document with its side (one pass over the tokens)."""
        if self._sides is not None:
            return self._sides
        ctx, words, lower = self.ctx, self.ctx.words, self.ctx.lower
        n = len(words)
        regions = iter(ctx.by_label[labels.REGION])
        region = next(regions, None)
        mentions: list[CountryMention] = []
        i = 0
        while i < n:
            while region is not None and region.start < i:
                region = next(regions, None)
            named = region is not None and region.start == i
            if named:
                code, end = region.id_.split("-")[0] if region.kb_id_ != "water" else "", region.end
                anaphor = lower[i] == "the" and i + 1 < n and lower[i + 1] in self._anaphor_nouns
                named = region.kb_id_ == "country" and not anaphor  # not "the country"
            else:
                code, end = self._demonyms.get(words[i], ""), i + 1
            if not code:
                i += 1
                continue
            k = end + 1 if end < n and lower[end] in ("'s", "’s") else end
            if k < n and lower[k] in self._defender_words:
                side = "defender"
            elif (end < n and lower[end] in self._attacker_words) or (i > 0 and lower[i - 1] == "by"):
                side = "attacker"
            elif end + 1 < n and lower[end] in self._attacker_gap and lower[end + 1] in self._attacker_words:
                side = "attacker"
            elif i > 0 and lower[i - 1] in self.g["origin_prepositions"]:
                side = "origin"
            else:
                side = ""
            mentions.append(
                CountryMention(i, end, code, side, ctx.token_starts[i], ctx.token_ends[end - 1], named)
            )
            i = end
        self._sides = SideIndex(mentions)
        return self._sides

    def origin_countries(self, start: int, end: int) -> set[str]:
        """Countries named as where something came from ("crossed from Lebanon"); a
        region of origin ("fired from the Belgorod region") says less about the target."""
        out = set()
        for group in self.groups(start, end):
            if self.role(group) == "origin":
                out.update(s.id_ for s in group if s.id_ and s.kb_id_ == "country")
        return out


@dataclass(frozen=True)
class CountryMention:
    """A country named in the text: by name, by one of its regions or towns, or by a
    demonym ("Russian drones"); ``side`` is "attacker" ("Russian drones", "fired by
    Russia", "Russia launched"), "defender" ("Ukraine's air defences", "Israeli air
    defence"), "origin" ("from Lebanon") or "" (a place named for itself)."""

    start: int  # token range
    end: int
    code: str
    side: str
    start_char: int
    end_char: int
    named: bool  # the country's own name ("Russia", "Ukraine's"), not a demonym or a region


class SideIndex:
    """The country mentions of one document in text order, and the country it is about at
    each mention: the one named most so far other than as attacker or origin (a tie goes to
    the latest). Built in one pass; looked up by bisection."""

    def __init__(self, mentions: list[CountryMention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.about: list[CountryMention | None] = []  # after each mention: the latest mention of the leader
        counts: dict[str, int] = {}
        latest: dict[str, CountryMention] = {}
        best: str | None = None
        for m in mentions:
            if m.side not in ("attacker", "origin"):
                counts[m.code] = counts.get(m.code, 0) + 1
                latest[m.code] = m
                if best is None or counts[m.code] >= counts[best]:
                    best = m.code
            self.about.append(latest[best] if best is not None else None)

    def within(self, start: int, end: int) -> list[CountryMention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end, lo)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def about_before(self, end: int) -> CountryMention | None:
        """The country the text is about, from the mentions starting before token ``end``."""
        k = bisect.bisect_left(self.starts, end)
        return self.about[k - 1] if k else None


def location_evidence(rule: str, locations: list[Location]) -> Evidence:
    """The evidence note saying which rule gave a claim ``locations`` (their codes, or
    their text where a place has no code)."""
    return Evidence(rule=rule, detail=",".join(loc.code or loc.text for loc in locations))


def dedupe(locations: list[Location]) -> list[Location]:
    """One location per code, and no country whose region is also named
    ("Russia's Belgorod region" is RU-BEL, not RU and RU-BEL)."""
    seen: set[str] = set()
    out: list[Location] = []
    regions_of = {loc.code.split("-")[0] for loc in locations if loc.code and "-" in loc.code}
    for loc in locations:
        if loc.code and (loc.code in seen or loc.code in regions_of):
            continue
        if loc.code:
            seen.add(loc.code)
        out.append(loc)
    return out


def country_level(locations: list[Location]) -> bool:
    """True when every coded location is a whole country."""
    codes = [loc.code for loc in locations if loc.code]
    return bool(codes) and all("-" not in c for c in codes)

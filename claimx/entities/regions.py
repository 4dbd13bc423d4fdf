"""REGION recognizer and the region gazetteer.

Mentions of countries, first-level regions, places below them (cities, towns, bases)
and seas are normalized to ISO 3166-2 codes (ISO 3166-1 alpha-2 for a country, "" for
a sea), so reports from different sides can be compared region by region. The data is
in ``models/gazetteer/`` (see docs/gazetteer.md): files generated from ISO 3166 and
GeoNames by scripts/build_gazetteer.py, and hand-checked aliases that override them.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..resources import load_data
from .datelines import mark as mark_datelines
from .labels import REGION
from .phrase_table import PhraseTable

_DIR = "gazetteer"
# Table tags inside PhraseMatcher labels: a full name, a stem needing a generic word, a demonym.
_NAME, _STEM, _DEMONYM, _SHARED = "N", "S", "D", "P"
# A town name shared by towns in several regions, none of them in a country the document
# names, goes to the most populous only when it is this many times larger than the next.
_DOMINANCE = 5.0
_BLOCK = "block"
# How far back a list of launch sites may reach to its "from" (tokens).
_ORIGIN_REACH = 24
# How far back from "districts" a list of district names may reach (tokens).
_UNIT_REACH = 16


@dataclass(frozen=True)
class Region:
    """A country or ISO 3166-2 subdivision: ``kind`` is "country" or "region"."""

    code: str
    name: str
    country: str
    kind: str  # "country" | "region" | "place"


class Gazetteer:
    """The region registry and the name tables the recognizer matches.

    ``names`` maps a surface form to ``(code, kind)`` (kind: country, region, place,
    water, or "block" for phrases that hide a name, such as "Moscow time"); ``stems``
    maps a surface form to the region it denotes when a generic word ("region",
    "Oblast") follows; ``shared`` maps a town name borne by towns in several regions to
    their ``(code, population)``. Generated tables are read first and hand aliases
    override them.
    """

    def __init__(self, data_dir: Path) -> None:
        def data(name: str):
            return load_data(f"{_DIR}/{name}", data_dir)

        aliases, stoplist = data("aliases.json"), data("stoplist.json")
        self.generics: dict = data("generics.json")
        self.demonyms: dict = data("demonyms.json")
        self._by_code: dict[str, Region] = {}
        self.names: dict[str, tuple[str, str]] = {}
        self.stems: dict[str, str] = {}
        stop = set(stoplist["names"])

        for code, rec in data("subdivisions.json").items():
            self._by_code[code] = Region(code, rec["name"], rec["country"], "region")
            self._add(rec["names"], code, "region", stop)
            self.stems.update((s, code) for s in rec["stems"] if s not in stop)
        for code, names in data("places.json").items():
            self._add(names, code, "place", stop)
        for code, rec in data("countries.json").items():
            self._by_code[code] = Region(code, rec["name"], code, "country")
            self._add(rec["names"], code, "country", stop)

        for code, rec in aliases["regions"].items():
            known = self._by_code.get(code)
            if known is None or known.kind == "region":
                self._by_code[code] = Region(code, rec["name"], code.split("-")[0], "region")
            self._add(rec.get("names", []), code, "region")
            self.stems.update((s, code) for s in rec.get("stems", []))
            if rec.get("center"):
                self._add(rec.get("stems", []), code, "place")
        for code, names in aliases["places"].items():
            self._add(names, code, "place")
        # hand-checked town names: never taken for a person's surname (see RegionRecognizer)
        self.checked_places = frozenset(n for names in aliases["places"].values() for n in names) | frozenset(
            s for rec in aliases["regions"].values() if rec.get("center") for s in rec.get("stems", [])
        )
        for code, names in aliases["countries"].items():
            self._by_code.setdefault(code, Region(code, names[0], code, "country"))
            self._add(names, code, "country")
        self._add(aliases["water"], "", "water")
        self._add(stoplist["blocks"], "", _BLOCK)
        # name -> [(code, population, kind)], most populous first; resolved per document.
        # Towns ("Ivanivka") and subdivisions of several countries ("Punjab", population 0).
        self.shared: dict[str, list[tuple[str, int, str]]] = {
            name: [(e[0], e[1], e[2] if len(e) > 2 else "place") for e in entries]
            for name, entries in data("shared_places.json").items()
            if name not in stop and name not in self.names
        }

    def _add(self, names: list[str], code: str, kind: str, stop: Collection[str] = ()) -> None:
        self.names.update((n, (code, kind)) for n in names if n not in stop)

    def get(self, code: str) -> Region | None:
        """The country or region with this ISO code, or None."""
        return self._by_code.get(code)

    def __contains__(self, code: str) -> bool:
        return code in self._by_code


@cache
def _load(data_dir: Path) -> Gazetteer:
    return Gazetteer(data_dir)


@cache
def load_gazetteer(data_dir: Path) -> Gazetteer:
    """The gazetteer in ``data_dir`` (read once per folder). Cached on the path as given
    too, so the claim assembler's lookup for every document makes no file-system call."""
    return _load(Path(data_dir).resolve())


def _inside(char: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``char`` lies in one of ``ranges`` (sorted, not overlapping)."""
    k = bisect.bisect_right(ranges, (char, float("inf"))) - 1
    return k >= 0 and char < ranges[k][1]


class RegionRecognizer:
    """Finds REGION spans: ``span.id_`` is the ISO code, ``span.kb_id_`` the mention type.

    One phrase table (case-sensitive, on the token text) finds full names, region stems and
    demonyms; the tokens right after a stem decide whether it names a region ("Kursk
    Oblast", "the Belgorod border region", "the Bryansk and Oryol Regions") and the
    tokens after a demonym whether it names a country ("Israeli cities"). Overlaps are
    resolved longest first, so "Rostov-on-Don" wins over "Rostov". Datelines and a
    headline are made sentences of their own first (:mod:`.datelines`).
    """

    def __init__(self, nlp: Language, data_dir: Path) -> None:
        self.gazetteer = gaz = load_gazetteer(data_dir)
        gen, dem = gaz.generics, gaz.demonyms
        self._singular = frozenset(gen["singular"])
        self._plural = frozenset(gen["plural"])
        self._modifiers = frozenset(gen["modifiers"])
        self._connectors = frozenset(gen["connectors"])
        self._nouns = frozenset(dem["nouns"])
        self._noun_modifiers = frozenset(dem["modifiers"])
        self._anaphor_nouns = frozenset(dem["country_anaphors"])
        self._not_names = frozenset(w.lower() for w in dem["demonyms"]) | frozenset(gen["place_adjectives"])
        self._attacker_words = frozenset(dem["attacker_words"])
        self._origin_list = frozenset(dem["origin_list_words"])
        self._attacker_gap = frozenset(dem["attacker_gap_words"])
        self._units = frozenset(gen["local_units"])

        # a plain look-up table, not a PhraseMatcher: building ~30k pattern Docs was most
        # of claimx's start-up time (see phrase_table.py)
        self._matcher = PhraseTable(
            chain(
                ((text, (_NAME, code, kind)) for text, (code, kind) in gaz.names.items()),
                ((text, (_STEM, code, "region")) for text, code in gaz.stems.items()),
                ((text, (_DEMONYM, code, "demonym")) for text, code in dem["demonyms"].items()),
                ((text, (_SHARED, text, "shared")) for text in gaz.shared),
            )
        )

    def __call__(self, doc: Doc) -> list[Span]:
        candidates: list[tuple[int, int, int, str, str]] = []  # (start, end, priority, code, kind)
        stems: dict[int, tuple[int, str, tuple[int, bool] | None]] = {}  # start -> (end, code, generic)
        shared: list[tuple[int, int, str]] = []
        demonyms: set[str] = set()  # countries named by a bare demonym ("Syrian state media")
        bare: list[tuple[int, int, str]] = []  # every demonym, for "the country" (see _anaphors)
        for (table, code, kind), start, end in self._matcher(doc):
            if table == _SHARED:
                shared.append((start, end, code))
            elif table == _NAME:
                candidates.append((start, end, 1, code, kind))
            elif table == _STEM:
                generic = self._generic(doc, end)
                if generic is not None:
                    candidates.append((start, generic[0], 2, code, "region"))
                if start not in stems or stems[start][0] < end:
                    stems[start] = (end, code, generic)
            else:
                demonyms.add(code)
                bare.append((start, end, code))
                noun_end = self._noun(doc, end)
                if noun_end is not None:
                    candidates.append((start, noun_end, 1, code, kind))
        candidates.extend(self._coordinated(doc, stems))
        if shared:
            candidates.extend(self._resolve_shared(shared, candidates, demonyms))
        candidates = self._drop_surnames(doc, candidates)
        datelines = mark_datelines(doc)
        if datelines:  # where the reporter files from: never a location ("KYIV (Reuters) -")
            candidates = [c for c in candidates if not _inside(doc[c[0]].idx, datelines)]
        spans = self._select(doc, candidates)
        anaphors = self._anaphors(doc, spans, bare)
        if anaphors:
            spans = sorted(spans + anaphors, key=lambda s: s.start)
        units = self._local_units(doc, spans, stems)
        if units:
            spans = sorted(spans + units, key=lambda s: s.start)
        return spans

    def _local_units(self, doc: Doc, spans: list[Span], stems: dict) -> list[Span]:
        """Districts, villages and towns the gazetteer does not know ("the Buturlinovsky
        district", "the village of Suzemka", "the Kachchh, Banaskantha and Patan
        districts"), coded with the region the text puts them in: a region right after
        ("… of the Kharkiv region", "… in Kherson Oblast": then no span, the text places it
        itself), else the one region their sentence names (a stem counts: "the Bryansk
        governor"), else the region the document names most, when it is the only one or
        named twice as often as any other. Otherwise no span: a code is never guessed."""
        units = {doc.vocab.strings.add(w) for w in self._units}
        lowers = doc.to_array(LOWER).tolist()
        n = len(doc)
        hits = [i for i, w in enumerate(lowers) if w in units]
        if not hits:
            return []
        covered = bytearray(n)
        region_at: dict[int, str] = {}  # start token -> sub-country code (spans and stems)
        for sp in spans:
            covered[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
            if "-" in sp.id_:
                region_at[sp.start] = sp.id_
        for start, (_, code, _) in stems.items():
            if "-" in code:
                region_at.setdefault(start, code)
        counts: dict[str, int] = {}
        for code in region_at.values():
            counts[code] = counts.get(code, 0) + 1
        ranked = sorted(counts.values(), reverse=True)
        dominant = None
        if ranked and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1]):
            dominant = next(c for c, k in counts.items() if k == ranked[0])
        starts = sorted(region_at)
        # sentence starts, once (Token.sent walks back to its sentence's start per call)
        sentenced = doc.has_annotation("SENT_START")
        bounds = [t.i for t in doc if t.is_sent_start] if sentenced else [0]
        if not bounds or bounds[0] != 0:
            bounds.insert(0, 0)
        bounds.append(n)
        by_sentence: dict[int, str | None] = {}
        out = []
        for i in hits:
            found = self._unit_names(doc, i)
            if not found:
                continue
            k = found[-1][1]
            while (
                k < min(n, found[-1][1] + 4)
                and k not in region_at
                and doc[k].lower_ in ("of", "in", "the", ",")
            ):
                k += 1
            if k in region_at:
                continue  # "the Izium district of the Kharkiv region": placed by the text
            # a list's members lie in one region ("the Kachchh, Banaskantha and Patan districts")
            listed = {region_at[j] for a, b in found for j in range(a, b) if j in region_at}
            code = (
                (listed.pop() if len(listed) == 1 else None)
                or self._sentence_region(i, bounds, starts, region_at, by_sentence)
                or dominant
            )
            if not code:
                continue
            for start, end in found:
                if not any(covered[start:end]):
                    covered[start:end] = b"\x01" * (end - start)
                    out.append(Span(doc, start, end, label=REGION, kb_id="place", span_id=code))
        return out

    def _unit_names(self, doc: Doc, i: int) -> list[tuple[int, int]]:
        """The token ranges of the named places of the unit noun at ``i``: "village of
        Suzemka" (names after "of"), "Buturlinovsky district", "Kachchh, Banaskantha and
        Patan districts" (names before; a list before a plural), the noun in the last one."""
        n = len(doc)

        def name(tok) -> bool:
            return tok.is_title and tok.is_alpha and not tok.is_stop and tok.lower_ not in self._not_names

        word = doc[i].lower_
        plural = word.endswith("s")
        if not plural and i + 2 < n and doc[i + 1].lower_ == "of" and name(doc[i + 2]):
            end = i + 2
            while end < n and name(doc[end]):
                end += 1
            return [(i, end)]
        out: list[tuple[int, int]] = []
        end = j = i
        while j > max(0, i - _UNIT_REACH):
            prev = doc[j - 1]
            if name(prev):
                j -= 1
                continue
            if j < end:
                out.append((j, end))
            if not (plural and prev.lower_ in self._connectors and out):
                break
            j -= 1
            end = j
        if not out:
            return []
        out.reverse()
        last = out[-1]
        out[-1] = (last[0], i + 1) if last[1] == i else last
        return out

    @staticmethod
    def _sentence_region(
        token: int, bounds: list[int], starts: list[int], region_at: dict[int, str], cache: dict
    ) -> str | None:
        """The one sub-country region named in ``token``'s sentence (``bounds``: the
        sentence starts), if just one; answered once per sentence."""
        s = bisect.bisect_right(bounds, token) - 1
        if s in cache:
            return cache[s]
        lo, hi = bounds[s], bounds[s + 1]
        k = bisect.bisect_left(starts, lo)
        code = None
        while k < len(starts) and starts[k] < hi:
            if code is not None and region_at[starts[k]] != code:
                code = None
                break
            code = region_at[starts[k]]
            k += 1
        cache[s] = code
        return code

    def _drop_surnames(
        self, doc: Doc, candidates: list[tuple[int, int, int, str, str]]
    ) -> list[tuple[int, int, int, str, str]]:
        """GeoNames towns that are a person's surname here ("Alexander Gusev", "Governor
        Gusev" are not Gusev in Kaliningrad): a one-word town after a capitalised word that
        is neither a function word, the sentence's first word, nor part of a place name;
        the name is then no town anywhere in the document ("Gusev wrote"). Hand-checked
        towns are exempt."""
        covered = bytearray(len(doc))
        for c in candidates:
            covered[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
        surnames = set()
        for start, end, _, _, kind in candidates:
            if kind != "place" or end - start != 1 or start == 0:
                continue
            name, prev = doc[start].text, doc[start - 1]
            if name in self.gazetteer.checked_places or covered[start - 1] or prev.is_sent_start:
                continue
            if prev.is_alpha and prev.is_title and not prev.is_stop and prev.lower_ not in self._not_names:
                surnames.add(name)
        if not surnames:
            return candidates
        return [
            c for c in candidates if not (c[4] == "place" and c[1] - c[0] == 1 and doc[c[0]].text in surnames)
        ]

    def _anaphors(self, doc: Doc, spans: list[Span], bare: list[tuple[int, int, str]]) -> list[Span]:
        """ "the country" / "the nation" as the country the text has named most so far (its
        regions and towns count for it; a tie goes to the latest): "112 Russian drones
        launched at the country" after "Ukrainian air defence". A country named as the
        origin ("from Lebanon") or as the attacker ("Russian drones", "Russia launched") is
        not counted. One pass over the tokens with a pointer into the mentions."""
        mentions = sorted(
            [(s.start, s.end, s.id_.split("-")[0]) for s in spans if s.id_ and s.kb_id_ != "water"] + bare
        )
        out, k, best = [], 0, None
        counts: dict[str, int] = {}
        n = len(doc)
        the = doc.vocab.strings.add("the")
        for i, lower in enumerate(doc.to_array(LOWER).tolist()):  # no Token object per token
            if lower != the or i + 1 >= n or doc[i + 1].lower_ not in self._anaphor_nouns:
                continue
            while k < len(mentions) and mentions[k][1] <= i:
                start, end, code = mentions[k]
                k += 1
                origin = self._origin(doc, start)
                attacker = self._attacker(doc, end)
                if not origin and not attacker:
                    counts[code] = counts.get(code, 0) + 1
                    if best is None or counts[code] >= counts[best]:
                        best = code
            if best is not None:
                out.append(Span(doc, i, i + 2, label=REGION, kb_id="country", span_id=best))
        return out

    def _attacker(self, doc: Doc, end: int) -> bool:
        """The mention ending at ``end`` names the attacker: "Russian drones", "Russia
        launched", "Russia also fired"."""
        n = len(doc)
        if end < n and doc[end].lower_ in self._attacker_gap:
            end += 1
        return end < n and doc[end].lower_ in self._attacker_words

    def _origin(self, doc: Doc, start: int) -> bool:
        """The mention at ``start`` is in a list of launch sites after "from" ("from Lebanon",
        "coming from several directions: Kursk and Millerovo in Russia"): walking back over
        capitalised names and the words such lists are made of reaches "from"."""
        sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
        for j in range(start - 1, max(sent_start, start - _ORIGIN_REACH) - 1, -1):
            tok = doc[j]
            if tok.lower_ == "from":
                return True
            if not (tok.is_title or tok.lower_ in self._origin_list):
                return False
        return False

    def _resolve_shared(
        self,
        shared: list[tuple[int, int, str]],
        candidates: list[tuple[int, int, int, str, str]],
        demonyms: set[str],
    ) -> list[tuple[int, int, int, str, str]]:
        """Names shared by several regions, placed in the country the document names most
        ("Aleksandrovka" in a report about Ukraine is the Ukrainian one, "Punjab" in one
        about India IN-PB), else given to a far larger namesake town, else left out."""
        inside = set()  # tokens of the shared names: "Qusayr" inside "Al Qusayr" is no evidence
        for start, end, _ in shared:
            inside.update(range(start, end))
        mentions: dict[str, int] = {}  # country -> how often the document names it or its places
        for c in candidates:
            if c[3] and c[4] != _BLOCK and c[0] not in inside:
                cc = c[3].split("-")[0]
                mentions[cc] = mentions.get(cc, 0) + 1
        for cc in demonyms:
            mentions[cc] = mentions.get(cc, 0) + 1
        out = []
        for start, end, name in shared:
            entries = self.gazetteer.shared[name]
            named = sorted(
                {e[0].split("-")[0] for e in entries if e[0].split("-")[0] in mentions},
                key=lambda cc: -mentions[cc],
            )
            if len(named) > 1 and mentions[named[0]] == mentions[named[1]]:
                continue  # two countries named as often: no guess
            local = [e for e in entries if e[0].split("-")[0] == named[0]] if named else entries
            if len(local) == 1 or 0 < _DOMINANCE * local[1][1] <= local[0][1]:
                out.append((start, end, 1, local[0][0], local[0][2]))
        return out

    def _generic(self, doc: Doc, i: int) -> tuple[int, bool] | None:
        """(end, plural) of '[border] region(s)' starting at token ``i``, if there."""
        n = len(doc)
        while i < n and doc[i].lower_ in self._modifiers:
            i += 1
        if i < n:
            word = doc[i].lower_
            if word in self._singular or word in self._plural:
                return i + 1, word in self._plural
        return None

    def _noun(self, doc: Doc, i: int) -> int | None:
        """End of '[border] cities/territory/...' after a demonym at token ``i``, if there."""
        n = len(doc)
        while i < n and doc[i].lower_ in self._noun_modifiers:
            i += 1
        return i + 1 if i < n and doc[i].lower_ in self._nouns else None

    def _coordinated(self, doc: Doc, stems: dict) -> list[tuple[int, int, int, str, str]]:
        """Stems in a list closed by a plural generic word ('Kyiv, Poltava and Kirovohrad
        regions') are regions each; the last one's span already includes the generic."""
        closes: dict[int, bool] = {}
        for start in sorted(stems, reverse=True):
            end, _, generic = stems[start]
            if generic is not None:
                closes[start] = generic[1]
                continue
            i = end
            while i < len(doc) and i - end < 3 and doc[i].lower_ in self._connectors:
                i += 1
            closes[start] = i > end and closes.get(i, False)
        return [
            (s, stems[s][0], 2, stems[s][1], "region")
            for s, ok in closes.items()
            if ok and stems[s][2] is None
        ]

    def _select(self, doc: Doc, candidates: list[tuple[int, int, int, str, str]]) -> list[Span]:
        """Non-overlapping spans, longest first, then stem-derived regions over bare names."""
        taken = bytearray(len(doc))
        spans = []
        for start, end, _, code, kind in sorted(candidates, key=lambda c: (c[0] - c[1], -c[2], c[0])):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            if kind != _BLOCK:
                spans.append(Span(doc, start, end, label=REGION, kb_id=kind, span_id=code))
        spans.sort(key=lambda s: s.start)
        return spans

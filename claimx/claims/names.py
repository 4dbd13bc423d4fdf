"""The fullest name of each speaker in one document, where the attributor's own naming
(:meth:`~.attribution.Attributor.info`: an acronym the document spells out in
parentheses, one canonical name per body from ``lexicons/org_names.json``) leaves a
short form:

1. an acronym after a modifier ("the Russian MoD") takes the name the document spelled
   it out as; one spelled from the initials of an earlier full mention takes that name
   ("The Lebanese Civil Defence Directorate said … LCDD added");
2. a reference to an unnamed speaker ("he" after "its governor", "the sources" after
   "a security source and a government source") takes the description the speaker
   was introduced with, since "he" tells a reader nothing.
"""

from __future__ import annotations

import re

from ..entities import labels
from ..schema import Source
from .attribution import Attributor
from .context import DocContext

#: Small words an acronym may spell in lower case or skip ("MoD", "IRGC").
FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "de"})
ARTICLES = ("the ", "a ", "an ")
DETERMINERS = ARTICLES + ("its ", "their ", "his ", "her ")
#: A token that reads as an acronym: two or more capitals, small letters allowed ("MoD").
ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z]{2,8}$")


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

    def __init__(self, ctx: DocContext, attributor: Attributor) -> None:
        self.attributor = attributor
        self.spelled: dict[str, str] = {}  # lower-cased initials -> first full name spelling them
        for span in ctx.by_label[labels.SOURCE]:
            if span.kb_id_ != "entity":
                continue
            name = attributor.info(span).name
            if name and " " in name:
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
        *rest, last = name.split()
        if not ACRONYM.match(last):
            return name
        # spelled out in parentheses (the attributor's table: it names a bare "MoD" itself)
        full = (self.attributor.acronyms or {}).get(last) or self.spelled.get(last.lower())
        if full is None:
            return name
        # "Lebanese LCDD" after "the Lebanese Civil Defence Directorate": the modifiers must agree
        if rest and not all(w.lower() in full.lower() for w in rest):
            return name
        return full

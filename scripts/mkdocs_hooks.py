"""mkdocs hook: links from docs/*.md to the repository's source files ("../claimx/x.py",
"../models/config.cfg") work when the pages are read in the repository, but those files
are not part of the site; the site keeps the link text and drops the link, so
``mkdocs build --strict`` still fails on every link that is broken in the docs
themselves."""

from __future__ import annotations

import re

_SOURCE_LINK = re.compile(r"\[([^\]\n]+)\]\((?:\.\./)+(?:claimx|models|scripts|tests|examples)/[^)\s]*\)")


def on_page_markdown(markdown: str, **_: object) -> str:
    return _SOURCE_LINK.sub(r"\1", markdown)

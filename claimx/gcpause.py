"""Start-up without cyclic garbage collection.

Importing spaCy and building the pipeline allocate several hundred thousand objects and
free almost none, so every collection the allocations trigger scans a growing heap and
finds nothing: about a tenth of a cold start's CPU time (import, ``load()`` and the
first ``extract``). :func:`paused` turns the collector off for such a block and back on
after it (only if it was on), so nothing changes for the caller's program but the
time: the few cycles made meanwhile are collected by the next collection after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

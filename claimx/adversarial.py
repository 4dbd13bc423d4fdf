"""Adversarial input shapes: texts an archive of scraped pages holds (broken markup,
tables of times, forum dumps, a whole book in one record) on which a careless pass over
a document grows quadratically. :func:`shape_text` builds each at a given size;
``claimx bench --adversarial`` (:func:`run_adversarial`) times them at growing sizes and
prints the growth per doubling, which stays near 2 when every pass is linear."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Iterator

from .bench import generate_corpus

#: Sizes (kB) ``claimx bench --adversarial`` times each shape at.
SIZES_KB = (10, 20, 50, 100)

_REGIONS = ("Kursk", "Belgorod", "Bryansk", "Kharkiv", "Odesa", "Zaporizhzhia", "Rostov", "Sumy")


def _repeat(unit: str) -> Callable[[], Iterator[str]]:
    return lambda: itertools.repeat(unit)


def _articles(full_stops: bool) -> Callable[[], Iterator[str]]:
    def pieces() -> Iterator[str]:
        for text in generate_corpus(10**9, seed=3):
            yield (text if full_stops else text.replace(".", ",")) + "\n\n"

    return pieces


def _numbers() -> Iterator[str]:
    return (f"{n % 997} " for n in itertools.count(1))


def _regions() -> Iterator[str]:
    return (f"{name}, " for name in itertools.cycle(_REGIONS))


#: Each shape: a stream of pieces glued until the text reaches its size.
SHAPES: dict[str, Callable[[], Iterator[str]]] = {
    "straight quotes": _repeat('"'),
    "curly open quotes": _repeat("“"),
    "quoted words": _repeat('"a" '),
    "said that": _repeat("the ministry said that "),
    "digits and colons": _repeat("1:"),
    "according to": _repeat("according to the ministry, "),
    "repeated cues": _repeat("said "),
    "unbalanced brackets": _repeat("( the ministry said 5 drones "),
    "numbers": _numbers,
    "region names": _regions,
    "no full stop": _articles(full_stops=False),
    "glued articles": _articles(full_stops=True),
}


def shape_text(shape: str, size_kb: float) -> str:
    """The text of ``shape``, cut to ``size_kb`` kilobytes (characters)."""
    size = int(size_kb * 1000)
    parts, length = [], 0
    for piece in SHAPES[shape]():
        parts.append(piece)
        length += len(piece)
        if length >= size:
            break
    return "".join(parts)[:size]


def cpu_seconds(text: str) -> float:
    """CPU seconds of one ``claimx.extract`` of ``text`` in this process."""
    from .api import extract

    start = time.process_time()
    extract(text)
    return time.process_time() - start


def growth_per_doubling(sizes: tuple[float, ...], seconds: list[float]) -> float:
    """How many times the cost grows per doubling of the text, fitted from the smallest
    to the largest size (2.0 is linear, 4.0 quadratic)."""
    if seconds[0] <= 0 or len(sizes) < 2:
        return float("nan")
    return 2 ** (math.log(seconds[-1] / seconds[0]) / math.log(sizes[-1] / sizes[0]))


def run_adversarial(shapes: list[str] | None = None, sizes: tuple[float, ...] = SIZES_KB) -> Iterator[str]:
    """Time each shape at each size and yield one report line per shape."""
    from .api import extract

    extract("Russian air defences shot down 12 drones over the Kursk region, the ministry said.")  # warm-up
    yield f"{'shape':<20}" + "".join(f"{f'{s:g} kB':>9}" for s in sizes) + "   x/doubling"
    for shape in shapes or list(SHAPES):
        seconds = [cpu_seconds(shape_text(shape, size)) for size in sizes]
        growth = growth_per_doubling(sizes, seconds)
        yield f"{shape:<20}" + "".join(f"{s:>8.2f}s" for s in seconds) + f"   {growth:>6.2f}x"

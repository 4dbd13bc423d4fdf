"""Speed and memory benchmark, in the manner of ``spacy benchmark speed``.

Measures, in one run on one corpus: words/s of spaCy's tokenizer alone, words/s of claimx
(the full batch path: pipeline, memory zones, claim objects), their ratio, the speed-up
with worker processes, and peak RSS. :func:`memory_growth` streams a long synthetic
archive and reports how much RSS grows between two document counts (memory flatness).

The built-in corpus is generated deterministically from a seed: news-like reports from
several conflicts and political news, with varied numbers, places, times, sources and
fresh names, so the vocabulary keeps growing as a real archive's does.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from .api import load
from .batch import extract_many

# Sentence templates of the synthetic corpus. Slots: {n} {m} {k} counts, {nw} a count in
# words, {ru}/{ua}/{me} regions, {day}, {date}, {t1}/{t2} clock times, {person} a fresh name.
_TEMPLATES = (
    "Russian air defences destroyed {n} Ukrainian drones over"
    " the {ru} Region on {day}, the Defence Ministry said.",
    "Between {t1} MSK on the {date} and {t2} MSK, air defence systems intercepted {n} fixed-wing drones.",
    "{nw} drones were downed over the {ru} Region and {m} more over the {ru2} Region, the ministry added.",
    "Governor {person} said on Telegram that debris from a"
    " downed drone damaged {k} private houses in the {ru} Region.",
    "Ukraine's air force said it had shot down {n} of the {m} Shahed drones Russia launched overnight.",
    "The attack also involved {k} Iskander-M ballistic missiles,"
    " {nw} of which were intercepted, the air force said.",
    "In the {ua} region, {k} people were injured and an energy"
    " facility was hit, regional head {person} reported.",
    "According to preliminary data, about {n} drones were"
    " suppressed by electronic warfare over the {ua} region.",
    "The Israeli military said it had struck more than {n} targets in {me} over the past {k} days.",
    "The Gaza health ministry said at least {m} people had been killed in {me} since {day}.",
    "Houthi forces claimed to have fired {k} missiles at a"
    " vessel in the Red Sea, a spokesman, {person}, said.",
    "The paramilitary Rapid Support Forces said they had"
    " repelled an attack near El Fasher, killing {n} fighters.",
    "A senior official, speaking on condition of anonymity, said up to {m} soldiers may have been wounded.",
    "Local media reported explosions in {ua} at around {t1}"
    " local time, but officials have not confirmed any damage.",
    "Parliament approved the budget by {n} votes to {m} on {day}, with {k} abstentions.",
    "Opposition leader {person} told reporters the talks in Geneva would resume after the {date}.",
    "Prices rose {k} percent in the year to {day}, the"
    " statistics office said, the fastest pace since {year}.",
    "{person}, a resident of the {ua} region, said the sirens sounded for almost {k} hours.",
    "The ministry's report could not be independently verified.",
    "Moscow and Kyiv have each accused the other of targeting civilian infrastructure.",
)
_RU = (
    "Rostov",
    "Belgorod",
    "Kursk",
    "Bryansk",
    "Oryol",
    "Voronezh",
    "Kaluga",
    "Tula",
    "Smolensk",
    "Krasnodar",
    "Stavropol",
    "Volgograd",
    "Astrakhan",
    "Lipetsk",
    "Tambov",
    "Moscow",
    "Leningrad",
)
_UA = (
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Dnipropetrovsk",
    "Zaporizhzhia",
    "Sumy",
    "Chernihiv",
    "Poltava",
    "Mykolaiv",
    "Kherson",
    "Cherkasy",
    "Vinnytsia",
    "Lviv",
    "Khmelnytskyi",
    "Zhytomyr",
    "Rivne",
)
_ME = ("Gaza City", "Khan Younis", "Rafah", "southern Lebanon", "the West Bank", "Jenin", "Deir al-Balah")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = ("Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Twelve", "Fifteen")
_SYLLABLES = (
    "va",
    "le",
    "ri",
    "mo",
    "ko",
    "sha",
    "dan",
    "yu",
    "ol",
    "ek",
    "ser",
    "gei",
    "an",
    "dri",
    "na",
    "ta",
    "li",
    "vi",
    "ch",
    "bor",
    "mir",
    "os",
    "ha",
    "mid",
    "ra",
    "sim",
)


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    return f"{word()} {word()}"


def _sentence(rng: random.Random) -> str:
    ru = rng.sample(_RU, 2)
    return rng.choice(_TEMPLATES).format(
        n=rng.randint(2, 250),
        m=rng.randint(2, 900),
        k=rng.randint(1, 40),
        nw=rng.choice(_NUMBER_WORDS),
        ru=ru[0],
        ru2=ru[1],
        ua=rng.choice(_UA),
        me=rng.choice(_ME),
        day=rng.choice(_DAYS),
        date=f"{rng.randint(1, 28)}th",
        t1=f"{rng.randint(0, 23):02d}:{rng.choice(('00', '30', '15'))}",
        t2=f"{rng.randint(0, 23):02d}:00",
        person=_name(rng),
        year=rng.randint(1995, 2023),
    )


def generate_corpus(n_docs: int, *, seed: int = 0) -> Iterator[str]:
    """``n_docs`` synthetic news articles (3-12 sentences, 2-4 paragraphs), lazily and
    reproducibly: the same seed gives the same texts."""
    rng = random.Random(seed)
    for _ in range(n_docs):
        sentences = [_sentence(rng) for _ in range(rng.randint(3, 12))]
        cut = sorted(rng.sample(range(1, len(sentences)), min(rng.randint(1, 3), len(sentences) - 1)))
        paragraphs = [
            " ".join(sentences[a:b]) for a, b in zip([0, *cut], [*cut, len(sentences)], strict=True)
        ]
        yield "\n\n".join(paragraphs)


def load_corpus(inputs: Iterable[str], limit: int | None = None) -> list[str]:
    """Texts of the readable records in ``inputs`` (any format :mod:`claimx.io` reads)."""
    from .io import expand_inputs, read_records

    texts: list[str] = []
    for path in expand_inputs(inputs):
        for record in read_records(path):
            if record.error is None and record.text:
                texts.append(record.text)
                if limit is not None and len(texts) >= limit:
                    return texts
    return texts


def rss_mb() -> float:
    """The current resident set size of this process, in MB (peak RSS where /proc is absent)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_rss_mb()


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its largest child), in MB."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)


@dataclass(frozen=True)
class BenchReport:
    """Throughputs (words/s) measured on one corpus in one run."""

    docs: int
    words: int
    claims: int
    tokenizer_wps: float
    claimx_wps: float
    workers: int
    parallel_wps: float | None
    peak_rss_mb: float
    worker_peak_rss_mb: float | None
    stages: dict[str, float] = field(default_factory=dict)  # seconds per pipeline stage
    tokenizer_seconds: float = 0.0
    cpu_ratio: float | None = None  # the ratio in CPU seconds of this process (see run_bench)

    @property
    def ratio(self) -> float:
        """claimx throughput as a fraction of the tokenizer's."""
        return self.claimx_wps / self.tokenizer_wps

    @property
    def speedup(self) -> float | None:
        """Throughput with ``workers`` processes over throughput with one."""
        return self.parallel_wps / self.claimx_wps if self.parallel_wps else None

    def lines(self) -> list[str]:
        """The report as aligned text lines."""
        out = [
            f"corpus              {self.docs:,} docs, {self.words:,} words, {self.claims:,} claims",
            f"tokenizer only      {self.tokenizer_wps:>12,.0f} words/s",
            f"claimx (1 process)  {self.claimx_wps:>12,.0f} words/s  ({self.ratio:.1%} of tokenizer"
            + (f"; {self.cpu_ratio:.1%} in CPU time)" if self.cpu_ratio else ")"),
        ]
        if self.parallel_wps is not None:
            out.append(
                f"claimx ({self.workers} workers)  {self.parallel_wps:>12,.0f} words/s  "
                f"(speed-up x{self.speedup:.2f})"
            )
        workers = f", {self.worker_peak_rss_mb:,.0f} MB (largest worker)" if self.worker_peak_rss_mb else ""
        out.append(f"peak RSS            {self.peak_rss_mb:>12,.0f} MB (main){workers}")
        if self.stages and self.tokenizer_seconds:
            out.append("time per stage, as multiples of the tokenizer's:")
            out.extend(
                f"  {name:<18}{seconds / self.tokenizer_seconds:>8.1f}x"
                for name, seconds in self.stages.items()
            )
        return out


def _timed_extract(texts: list[str], workers: int, nlp: Language | None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of this process and claims of one ``extract_many`` run."""
    start, cpu = time.perf_counter(), time.process_time()
    claims = sum(len(r.claims) for r in extract_many(texts, n_workers=workers, nlp=nlp))
    return time.perf_counter() - start, time.process_time() - cpu, claims


def stage_seconds(texts: list[str], nlp: Language) -> dict[str, float]:
    """Seconds each pipeline component takes on ``texts``, in turn, over Docs the
    tokenizer made beforehand (``claimx_claims`` includes building the claim objects)."""
    docs = list(nlp.tokenizer.pipe(texts))
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        seconds[name] = time.perf_counter() - start
    return seconds


def run_bench(texts: list[str], *, workers: int = 1, nlp: Language | None = None) -> BenchReport:
    """Benchmark ``texts``: tokenizer alone, claimx in one process, and (``workers > 1``)
    claimx in worker processes, which includes starting them. The one-process ratio is
    also given in CPU seconds of this process, which other jobs on a shared machine
    disturb less than wall time."""
    nlp = nlp or load()
    list(extract_many(texts[:200], nlp=nlp))  # warm-up: lazy data loading, caches
    start, cpu = time.perf_counter(), time.process_time()
    words = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    tokenizer_seconds, tokenizer_cpu = time.perf_counter() - start, time.process_time() - cpu
    seconds, claimx_cpu, claims = _timed_extract(texts, 1, nlp)
    parallel = None
    if workers > 1:
        parallel_seconds, _, _ = _timed_extract(texts, workers, None if nlp is load() else nlp)
        parallel = words / parallel_seconds
    return BenchReport(
        docs=len(texts),
        words=words,
        claims=claims,
        tokenizer_wps=words / tokenizer_seconds,
        claimx_wps=words / seconds,
        workers=workers,
        parallel_wps=parallel,
        peak_rss_mb=peak_rss_mb(),
        worker_peak_rss_mb=peak_rss_mb(children=True) if workers > 1 else None,
        stages=stage_seconds(texts, nlp),
        tokenizer_seconds=tokenizer_seconds,
        cpu_ratio=tokenizer_cpu / claimx_cpu if tokenizer_cpu > 0 and claimx_cpu > 0 else None,
    )


def memory_growth(n_docs: int = 100_000, *, baseline: int = 10_000, seed: int = 1) -> tuple[float, float]:
    """RSS (MB) after ``baseline`` and after ``n_docs`` synthetic documents streamed
    through :func:`claimx.batch.extract_many` in this process."""
    at_baseline = 0.0
    for result in extract_many(generate_corpus(n_docs, seed=seed)):
        if result.index + 1 == baseline:
            at_baseline = rss_mb()
    return at_baseline, rss_mb()

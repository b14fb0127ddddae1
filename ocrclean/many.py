"""Clean many texts: a lazy, order-preserving stream, optionally over processes.

:func:`clean_many` is the streaming API for NLP pipelines: it takes any
iterable of strings (a list, a generator over millions of lines, a database
cursor) and yields one :class:`~ocrclean.pipeline.CleanResult` per text, in
input order, each equal to what :func:`ocrclean.clean` returns for that text.

With ``n_jobs > 1`` the texts are cut into batches and cleaned in worker
processes.  Batching is what makes this worth it for short texts: one
round-trip to a worker costs far more than cleaning one sentence, so each
round-trip carries ``batch_size`` texts.  Only a few batches per worker are in
flight at any time, so memory stays bounded however long the input is.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from .pipeline import CleanResult, Pipeline

__all__ = ["clean_many", "resolve_n_jobs", "warm_up"]

#: Texts per batch sent to a worker process.
DEFAULT_BATCH_SIZE = 256
#: A batch is also closed once it holds this many characters, so that a
#: stream of whole pages does not put minutes of work into one batch.
MAX_BATCH_CHARS = 1 << 20
#: Batches in flight per worker: enough to keep every worker busy while the
#: caller consumes results, few enough to bound memory.
BATCHES_IN_FLIGHT_PER_WORKER = 3


def resolve_n_jobs(n_jobs: int | None) -> int:
    """How many processes ``n_jobs`` asks for (joblib's convention).

    ``None`` or ``-1`` mean every usable core, ``-2`` all but one, and so on;
    ``0`` is an error.

    >>> resolve_n_jobs(3)
    3
    >>> resolve_n_jobs(-1) == resolve_n_jobs(None) == _cpu_count()
    True
    """
    if n_jobs is None:
        n_jobs = -1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int):
        raise TypeError(f"n_jobs must be a whole number or None, not {n_jobs!r}")
    if n_jobs == 0:
        raise ValueError("n_jobs must not be 0; use 1 for no worker processes, -1 for all cores")
    if n_jobs < 0:
        return max(1, _cpu_count() + 1 + n_jobs)
    return n_jobs


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def clean_many(texts: Iterable[str], *, n_jobs: int | None = 1, batch_size: int = DEFAULT_BATCH_SIZE,
               preset: str = "default", enable: Iterable[str] = (), disable: Iterable[str] = (),
               mp_context=None, **options) -> Iterator[CleanResult]:
    """Clean every text of ``texts``; yield the results in input order.

    Each result equals ``clean(text, preset=..., **options)`` for its text.
    ``texts`` is read lazily, so a generator of millions of texts is fine.
    ``n_jobs=1`` cleans in this process; ``n_jobs=k`` uses ``k`` worker
    processes (each builds the pipeline and loads the dictionaries once);
    ``None`` or ``-1`` use all cores.  ``batch_size`` texts travel to a worker
    together.  Bad options raise here, before any text is read; a text that
    ``clean()`` rejects raises the same error when its turn comes, after the
    results before it have been yielded.

    >>> [r.text for r in clean_many(["a  cat", "Armenia ."])]
    ['a cat', 'Armenia.']
    """
    enable, disable = tuple(enable), tuple(disable)
    # Build the pipeline now: unknown presets, fixers or options fail at once.
    pipe = Pipeline(preset, enable=enable, disable=disable, **options)
    workers = resolve_n_jobs(n_jobs)
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive whole number, not {batch_size!r}")
    if workers == 1:
        return _clean_serial(pipe, texts)
    spec = (preset, enable, disable, options)
    return _clean_parallel(pipe, spec, texts, workers, batch_size, mp_context)


def _clean_serial(pipe: Pipeline, texts: Iterable[str]) -> Iterator[CleanResult]:
    for text in texts:
        yield pipe.clean(text)


def _batches(texts: Iterable[str], batch_size: int) -> Iterator[list]:
    batch: list = []
    chars = 0
    for text in texts:
        batch.append(text)
        chars += len(text) if isinstance(text, str) else 0
        if len(batch) >= batch_size or chars >= MAX_BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _clean_parallel(pipe: Pipeline, spec: tuple, texts: Iterable[str], workers: int,
                    batch_size: int, mp_context) -> Iterator[CleanResult]:
    batches = _batches(texts, batch_size)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:
        # Everything fits in one batch: starting processes would cost more
        # than it saves.
        for text in first:
            yield pipe.clean(text)
        return
    batches = itertools.chain((first, second), batches)
    if _start_method(mp_context) == "fork":
        # Workers forked from a warm parent share its dictionaries and indexes
        # instead of each building them again.
        warm_up(pipe)
    max_in_flight = workers * BATCHES_IN_FLIGHT_PER_WORKER
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context,
                               initializer=_init_worker, initargs=spec)
    pending: deque = deque()
    try:
        for batch in batches:
            pending.append((batch, pool.submit(_clean_batch, batch)))
            while len(pending) >= max_in_flight:
                yield from _finish(*pending.popleft())
        while pending:
            yield from _finish(*pending.popleft())
    finally:
        # Also reached when the caller stops early: drop the queued batches.
        pool.shutdown(wait=True, cancel_futures=True)


def _finish(batch: list, future) -> Iterator[CleanResult]:
    for raw, out in zip(batch, future.result()):
        if isinstance(out, BaseException):
            raise out
        if out is None:  # nothing to change: the worker did not send the text back
            yield CleanResult(raw, raw, [], [])
        else:
            text, log, suggestions = out
            yield CleanResult(raw if text is None else text, raw, log, suggestions)


#: Synthetic texts with a little of every kind of damage, so that cleaning
#: them loads whatever the fixers load lazily (word lists, correction indexes).
#: Several small ones: a fixer may leave a text alone that looks too damaged.
def warm_up(pipe: Pipeline | None = None) -> None:
    """Load what cleaning loads lazily, now: :meth:`Pipeline.warm_up`."""
    (pipe or Pipeline()).warm_up()


def _start_method(mp_context) -> str:
    import multiprocessing

    if mp_context is None:
        return multiprocessing.get_start_method(allow_none=False)
    return mp_context.get_start_method()


# -- in the worker process ---------------------------------------------------

_worker_pipeline: Pipeline | None = None


def _init_worker(preset: str, enable: tuple, disable: tuple, options: dict) -> None:
    """Build the pipeline once per worker and load the dictionaries now
    (a no-op when the worker was forked from a warm parent)."""
    global _worker_pipeline
    _worker_pipeline = Pipeline(preset, enable=enable, disable=disable, **options)
    warm_up(_worker_pipeline)


def _clean_batch(batch: list) -> list:
    """Clean a batch; send back only what the parent does not already have.

    The parent keeps the raw texts, so a result travels back as
    ``(text, log, suggestions)`` with ``text`` None when unchanged, or as
    None when there is nothing at all to report.  A text ``clean()`` rejects
    travels back as its exception.
    """
    pipe = _worker_pipeline
    out: list = []
    for raw in batch:
        try:
            r = pipe.clean(raw)
        except Exception as exc:  # re-raised in the parent, in order
            out.append(exc)
            continue
        if not r._log and not r._raw_suggestions and r.text == raw:
            out.append(None)
        else:
            out.append((None if r.text == raw else r.text, list(r._log), list(r._raw_suggestions)))
    return out

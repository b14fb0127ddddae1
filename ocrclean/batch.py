"""Cleaning many files: settings, jobs, outcomes, and a local process pool.

The contract every runner shares (the local pool here, the Dask backend in
``ocrclean.dask_backend``, the command line):

* :class:`Settings` - a frozen, picklable description of *how* to clean
  (preset, enable, disable, ``clean()`` options, output encoding policy,
  in-place/backup, dry run, diff, whether to return the edit records).
* :class:`FileJob` - *what* to clean: ``source`` (a path or an fsspec URL),
  ``destination`` (a path or URL, or None to write nothing) and ``name``, the
  file's name relative to the input root (used in messages, logs and the
  output tree).
* :class:`FileOutcome` - what happened: ``ok`` and ``error`` (one line, for a
  person), the edit records (``Edit.to_dict()`` dicts with whole-file
  character offsets), a ``summary`` dict, ``bytes_in``, ``seconds`` and the
  ``encoding`` detected.
* :func:`process_file` - ``process_file(job, settings) -> FileOutcome``, a pure
  function of its arguments and the source file.  It never raises for a
  per-file problem (unreadable, binary, vanished, undecodable, unwritable): it
  returns ``ok=False`` with the reason.  It lets ``KeyboardInterrupt`` and
  ``SystemExit`` through, after removing any temporary output.

Because every runner calls the same :func:`process_file` with the same
:class:`Settings`, a Dask run writes byte-identical output to a local run.

:func:`run_local` runs jobs in a process pool and yields outcomes as they
finish; :func:`plan_jobs` turns command-line paths into jobs.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> with open(os.path.join(d, "a.txt"), "w") as f:
...     _ = f.write("Azerbaijan 's capital")
>>> out = process_file(FileJob(os.path.join(d, "a.txt"), os.path.join(d, "out", "a.txt"), "a.txt"), Settings())
>>> out.ok, out.summary["edits"], open(out.destination).read()
(True, 1, "Azerbaijan's capital")
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import json
import os
import signal
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from . import textio
from .stream import DEFAULT_BLOCK_CHARS, DEFAULT_CONTEXT_CHARS, clean_blocks

__all__ = [
    "Settings",
    "FileJob",
    "FileOutcome",
    "process_file",
    "run_local",
    "plan_jobs",
    "PlanError",
    "iter_edit_records",
    "Manifest",
]

_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class Settings:
    """How to clean; picklable, and the same for every file of a run.

    ``options`` are extra keyword arguments for ``ocrclean.clean()`` (``lang``,
    ``dictionary``, ``model``, ``min_confidence``...).  ``output_encoding`` is a
    codec name or ``"keep"`` (write in the encoding the input was decoded with).
    ``spill_edits``: when a file yields more edit records than this, they are
    written to a temporary JSONL file (``FileOutcome.edits_file``) instead of
    being kept in memory; None keeps them all in memory (what a distributed
    runner should use, since the temporary file lives on the worker).
    """

    preset: str = "default"
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    output_encoding: str = "utf-8"
    in_place: bool = False
    backup: str | None = None
    dry_run: bool = False
    diff: bool = False
    collect_edits: bool = False
    block_chars: int = DEFAULT_BLOCK_CHARS
    context_chars: int = DEFAULT_CONTEXT_CHARS
    spill_edits: int | None = 200_000

    def clean_kwargs(self) -> dict:
        """The keyword arguments for ``ocrclean.clean()``."""
        return {"preset": self.preset, "enable": tuple(self.enable), "disable": tuple(self.disable),
                **dict(self.options)}

    def check(self) -> None:
        """Raise what ``clean()`` would raise for these settings (unknown fixer,
        unknown option, bad preset) before any file is touched."""
        from .pipeline import Pipeline

        Pipeline(self.preset, enable=self.enable, disable=self.disable, **dict(self.options))
        codecs.lookup(self.output_encoding if self.output_encoding != "keep" else "utf-8")

    def fingerprint(self) -> str:
        """A short hash of everything that decides the output bytes (and the
        ocrclean version): outputs made with another fingerprint are redone."""
        from . import __version__

        def norm(v):
            if isinstance(v, (list, tuple)):
                return [norm(x) for x in v]
            if isinstance(v, Mapping):
                return {str(k): norm(x) for k, x in sorted(v.items())}
            if isinstance(v, (str, int, float, bool)) or v is None:
                return v
            return repr(v)

        key = {
            "version": __version__,
            "clean": norm(self.clean_kwargs()),
            "output_encoding": self.output_encoding,
        }
        for name in ("dictionary", "model"):  # a changed word list changes the output
            path = self.options.get(name)
            if isinstance(path, str) and os.path.exists(path):
                st = os.stat(path)
                key[name + "_stat"] = [st.st_size, st.st_mtime_ns]
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class FileJob:
    """One file to clean: where from, where to (None: write nothing), and its relative name."""

    source: str
    destination: str | None
    name: str


@dataclass
class FileOutcome:
    """What happened to one file.  ``error`` is one line naming the reason (not the file)."""

    source: str
    destination: str | None
    name: str
    ok: bool
    error: str | None = None
    edits: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    bytes_in: int = 0
    seconds: float = 0.0
    encoding: dict | None = None
    diff: str | None = None
    edits_file: str | None = None
    skipped: bool = False

    @property
    def edit_count(self) -> int:
        return int(self.summary.get("edits", 0))


def iter_edit_records(outcome: FileOutcome) -> Iterator[dict]:
    """The outcome's edit records, from memory and from its spill file (which is then removed)."""
    yield from outcome.edits
    if outcome.edits_file:
        try:
            with open(outcome.edits_file, encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)
        finally:
            try:
                os.unlink(outcome.edits_file)
            except OSError:
                pass


# ------------------------------------------------------------------ one file

class _EditSink:
    """Collects edit records, spilling to a temporary JSONL file past a limit."""

    def __init__(self, collect: bool, limit: int | None):
        self.collect = collect
        self.limit = limit
        self.records: list[dict] = []
        self.path: str | None = None
        self._file = None
        self.counts: Counter = Counter()
        self.total = 0

    def add(self, edits) -> None:
        for e in edits:
            self.total += 1
            self.counts[e.fixer] += 1
            if not self.collect:
                continue
            rec = e.to_dict()
            if self._file is not None:
                self._file.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                self.records.append(rec)
                if self.limit is not None and len(self.records) > self.limit:
                    fd, self.path = tempfile.mkstemp(prefix="ocrclean-edits-", suffix=".jsonl")
                    self._file = os.fdopen(fd, "w", encoding="utf-8")
                    for r in self.records:
                        self._file.write(json.dumps(r, ensure_ascii=False) + "\n")
                    self.records = []

    def close(self, keep: bool) -> None:
        if self._file is not None:
            self._file.close()
            if not keep and self.path:
                os.unlink(self.path)
                self.path = None


def _decoded_chunks(f, first: bytes, encoding: str) -> Iterator[str]:
    dec = codecs.getincrementaldecoder(encoding)(errors="strict")
    consumed = 0
    data = first
    while True:
        final = not data
        try:
            text = dec.decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise textio.InputError(
                f"not valid {encoding} at byte {consumed + exc.start} "
                f"(the encoding was decided from the start of the file)") from None
        consumed += len(data)
        if text:
            yield text
        if final:
            return
        data = f.read(_READ_CHUNK)
        if b"\x00" in data and encoding.startswith("utf-8"):
            raise textio.BinaryFileError("contains NUL bytes: looks like a binary file, not text")


def _clean_function(settings: Settings):
    from .pipeline import clean

    kwargs = settings.clean_kwargs()

    def run(text: str):
        return clean(text, **kwargs)

    return run


def _diff_lines(raw: str, text: str, line_offset: int) -> list[str]:
    """Unified-diff lines (hunks only) of one block, line numbers counted in the whole file."""
    import difflib

    a = raw.splitlines(keepends=True)
    b = text.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, n=1, lineterm=""):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@") and line_offset:
            line = _shift_hunk(line, line_offset)
        out.append(line if line.endswith("\n") else line + "\n")
    return out


def _shift_hunk(header: str, offset: int) -> str:
    import re

    def fix(m):
        start = int(m.group(2)) + offset
        return f"{m.group(1)}{start}{m.group(3) or ''}"

    return re.sub(r"([-+])(\d+)(,\d+)?", fix, header, count=2)


def process_file(job: FileJob, settings: Settings) -> FileOutcome:
    """Clean one file as ``settings`` say; report problems in the outcome, never raise them.

    The file is read a megabyte at a time and cleaned in paragraph blocks
    (:mod:`ocrclean.stream`), so memory stays bounded for any file size; edit
    offsets are character offsets in the whole decoded file.  The output is
    written atomically (temporary file + rename); an in-place rewrite happens
    only when ``settings.in_place`` and only if the text changed.
    """
    t0 = time.perf_counter()
    outcome = FileOutcome(job.source, job.destination, job.name, ok=False)
    sink = _EditSink(settings.collect_edits, settings.spill_edits)
    try:
        _process(job, settings, outcome, sink)
        outcome.ok = True
    except textio.InputError as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = textio.describe_os_error(exc)
    except UnicodeEncodeError as exc:
        outcome.error = (f"the cleaned text has {exc.object[exc.start:exc.end]!r}, which "
                         f"{exc.encoding} cannot encode; write UTF-8 output instead")
    except MemoryError:
        outcome.error = "out of memory"
    except Exception as exc:  # a bug in a fixer must not stop the other files
        outcome.error = f"internal error: {type(exc).__name__}: {exc}"
    finally:
        sink.close(keep=outcome.error is None)
    outcome.edits = sink.records
    outcome.edits_file = sink.path if outcome.error is None else None
    if outcome.error is not None:
        outcome.edits = []
    outcome.summary.setdefault("edits", sink.total)
    outcome.summary["edits"] = sink.total
    outcome.summary["by_fixer"] = dict(sorted(sink.counts.items()))
    outcome.seconds = time.perf_counter() - t0
    return outcome


def _process(job: FileJob, settings: Settings, outcome: FileOutcome, sink: _EditSink) -> None:
    dest = None if settings.dry_run else job.destination
    if (dest is not None and not settings.in_place and not textio.is_url(dest)
            and not textio.is_url(job.source) and os.path.exists(dest)
            and os.path.samefile(dest, job.source)):
        raise textio.InputError("the output would overwrite the input; use --in-place to rewrite inputs")
    stats = {"chars_in": 0, "chars_out": 0, "blocks": 0}
    diff: list[str] | None = [] if settings.diff else None
    with textio.open_binary(job.source) as f:
        first = f.read(_READ_CHUNK)
        more = len(first) == _READ_CHUNK
        detection = textio.detect_encoding(first, complete=not more)
        outcome.encoding = detection.to_dict()
        out_encoding = detection.encoding if settings.output_encoding == "keep" else settings.output_encoding
        counting = _CountingReader(f, len(first))
        chunks = _decoded_chunks(counting, first, detection.encoding)
        blocks = clean_blocks(chunks, _clean_function(settings),
                              block_chars=settings.block_chars, context_chars=settings.context_chars)
        line_no = 0

        def consume(write) -> None:
            nonlocal line_no
            for block in blocks:
                sink.add(block.edits)
                stats["blocks"] += 1
                stats["chars_in"] += len(block.raw)
                stats["chars_out"] += len(block.text)
                if diff is not None:
                    if block.edits:
                        diff.extend(_diff_lines(block.raw, block.text, line_no))
                    line_no += block.raw.count("\n")
                if write is not None:
                    write(block.text)

        if dest is None:
            consume(None)
        elif settings.in_place:
            try:
                with textio.atomic_output(dest, encoding=out_encoding, mode_from=job.source,
                                          backup=settings.backup) as out:
                    consume(out.write)
                    if sink.total == 0 and codecs.lookup(out_encoding) == codecs.lookup(detection.encoding):
                        raise _Unchanged()  # leave the input as it is (and its mtime)
            except _Unchanged:
                pass
        else:
            with textio.atomic_output(dest, encoding=out_encoding) as out:
                consume(out.write)
        outcome.bytes_in = counting.count
    outcome.summary.update(stats)
    outcome.summary["changed"] = sink.total > 0
    outcome.summary["output_encoding"] = codecs.lookup(out_encoding).name
    if diff is not None:
        outcome.diff = "".join(diff)


class _Unchanged(Exception):
    """Raised inside an in-place write to abandon it: nothing changed."""


class _CountingReader:
    """Wraps a binary file and counts the bytes read (for MB figures)."""

    def __init__(self, f, already: int):
        self.f = f
        self.count = already

    def read(self, n: int) -> bytes:
        data = self.f.read(n)
        self.count += len(data)
        return data

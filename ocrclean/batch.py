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
    "process_stream",
    "run_local",
    "remove_temporary_outputs",
    "plan_jobs",
    "PlanError",
    "iter_edit_records",
    "Manifest",
]

_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class Settings:
    """How to clean; picklable, and the same for every file of a run.

    ``input_encoding`` forces how inputs are decoded (None: detect).
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
    input_encoding: str | None = None
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
        if self.input_encoding:
            codecs.lookup(self.input_encoding)

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


def failure_reason(exc: BaseException) -> str:
    """The one-line reason a file failed, as the report shows it (never a traceback)."""
    if isinstance(exc, textio.InputError):
        return str(exc)
    if isinstance(exc, OSError):
        return textio.describe_os_error(exc)
    if isinstance(exc, UnicodeEncodeError):
        return (f"the cleaned text has {exc.object[exc.start:exc.end]!r}, which "
                f"{exc.encoding} cannot encode; write UTF-8 output instead")
    if isinstance(exc, MemoryError):
        return "out of memory"
    return f"internal error: {type(exc).__name__}: {exc}"


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
    except Exception as exc:  # reported per file; a bug in a fixer must not stop the others
        outcome.error = failure_reason(exc)
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
    with textio.open_binary(job.source) as f:
        run = _BlockRun(f, settings, sink, outcome)
        if dest is None:
            run.consume(None)
        elif settings.in_place:
            try:
                with textio.atomic_output(dest, encoding=run.out_encoding, mode_from=job.source,
                                          backup=settings.backup) as out:
                    run.consume(out.write)
                    if sink.total == 0 and codecs.lookup(run.out_encoding) == codecs.lookup(run.encoding):
                        raise _Unchanged()  # leave the input as it is (and its mtime)
            except _Unchanged:
                pass
        else:
            with textio.atomic_output(dest, encoding=run.out_encoding) as out:
                run.consume(out.write)
        run.finish()


class _BlockRun:
    """Decode a binary stream and clean it block by block, keeping the figures."""

    def __init__(self, f, settings: Settings, sink: _EditSink, outcome: FileOutcome):
        first = f.read(_READ_CHUNK)
        more = len(first) == _READ_CHUNK
        if settings.input_encoding:
            detection = textio.Detection(codecs.lookup(settings.input_encoding).name, "given")
        else:
            detection = textio.detect_encoding(first, complete=not more)
        outcome.encoding = detection.to_dict()
        self.encoding = detection.encoding
        self.out_encoding = (detection.encoding if settings.output_encoding == "keep"
                             else settings.output_encoding)
        if self.out_encoding == "keep":
            self.out_encoding = detection.encoding
        self.counting = _CountingReader(f, len(first))
        chunks = _decoded_chunks(self.counting, first, detection.encoding)
        self.blocks = clean_blocks(chunks, _clean_function(settings),
                                   block_chars=settings.block_chars, context_chars=settings.context_chars)
        self.sink = sink
        self.outcome = outcome
        self.stats = {"chars_in": 0, "chars_out": 0, "blocks": 0}
        self.diff: list[str] | None = [] if settings.diff else None

    def consume(self, write) -> None:
        line_no = 0
        stats, diff = self.stats, self.diff
        for block in self.blocks:
            self.sink.add(block.edits)
            stats["blocks"] += 1
            stats["chars_in"] += len(block.raw)
            stats["chars_out"] += len(block.text)
            if diff is not None:
                if block.edits:
                    diff.extend(_diff_lines(block.raw, block.text, line_no))
                line_no += block.raw.count("\n")
            if write is not None:
                write(block.text)

    def finish(self) -> None:
        o = self.outcome
        o.bytes_in = self.counting.count
        o.summary.update(self.stats)
        o.summary["changed"] = self.sink.total > 0
        o.summary["output_encoding"] = codecs.lookup(self.out_encoding).name
        if self.diff is not None:
            o.diff = "".join(self.diff)


def process_stream(f, write, settings: Settings, name: str = "<stdin>") -> FileOutcome:
    """Like :func:`process_file` for an open binary stream (stdin): the cleaned
    text goes to ``write(str)`` block by block.  Returns the outcome; never
    raises for bad input."""
    t0 = time.perf_counter()
    outcome = FileOutcome(name, None, name, ok=False)
    sink = _EditSink(settings.collect_edits, settings.spill_edits)
    try:
        run = _BlockRun(f, settings, sink, outcome)
        run.consume(None if settings.dry_run else write)
        run.finish()
        outcome.ok = True
    except Exception as exc:  # reported like a file's failure, never as a traceback
        outcome.error = failure_reason(exc)
    finally:
        sink.close(keep=outcome.error is None)
    outcome.edits = sink.records if outcome.ok else []
    outcome.edits_file = sink.path if outcome.ok else None
    outcome.summary["edits"] = sink.total
    outcome.summary["by_fixer"] = dict(sorted(sink.counts.items()))
    outcome.seconds = time.perf_counter() - t0
    return outcome


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


# ------------------------------------------------------------------ many files

def _worker_init() -> None:
    # Ctrl-C is the parent's to handle; the parent stops workers with SIGTERM,
    # which becomes SystemExit so atomic_output removes its temporary file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def _stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _stop)


def _run_one(args: tuple[FileJob, Settings]) -> FileOutcome:
    return process_file(*args)


def remove_temporary_outputs(jobs: Iterable[FileJob]) -> None:
    """Remove temporary files a killed worker may have left beside these jobs' destinations."""
    for job in jobs:
        if job.destination and not textio.is_url(job.destination):
            for tmp in textio.temp_files_for(job.destination):
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


def run_local(jobs: list[FileJob], settings: Settings, n_jobs: int | None = None) -> Iterator[FileOutcome]:
    """Run :func:`process_file` on every job; yield outcomes as they finish.

    ``n_jobs`` processes (default: all cores); with one process, or one job,
    everything runs here.  Big files are started first so the pool finishes
    together.  If the consumer stops early (Ctrl-C, an error), the workers are
    terminated and their temporary files removed: no half-written output.
    """
    n_jobs = n_jobs or os.cpu_count() or 1
    if n_jobs <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process_file(job, settings)
        return
    import multiprocessing as mp

    order = sorted(jobs, key=lambda j: -(textio.file_size(j.source) or 0))
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    if ctx.get_start_method() == "fork":
        # load the lexicons once here; forked workers share them instead of each
        # spending seconds (and a few hundred MB) loading its own copy
        try:
            from .pipeline import Pipeline

            Pipeline(**settings.clean_kwargs()).warm_up()
        except Exception:
            pass
    pool = ctx.Pool(min(n_jobs, len(jobs)), initializer=_worker_init)
    finished = False
    try:
        for outcome in pool.imap_unordered(_run_one, [(j, settings) for j in order], chunksize=1):
            yield outcome
        finished = True
    finally:
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()
        if not finished:
            remove_temporary_outputs(order)


# ------------------------------------------------------------------ planning

class PlanError(Exception):
    """A path given on the command line that yields no job; ``path`` and a reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _excluded(rel: str, patterns: Iterable[str]) -> bool:
    parts = rel.replace(os.sep, "/").split("/")
    for pat in patterns:
        pat = pat.rstrip("/")
        if fnmatch.fnmatch(rel.replace(os.sep, "/"), pat) or any(fnmatch.fnmatch(p, pat) for p in parts):
            return True
    return False


def _walk_local(root: str, globs: tuple[str, ...], exclude: tuple[str, ...],
                skip_dirs: set[str]) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            rel = os.path.relpath(full, root)
            if os.path.realpath(full) in skip_dirs or _excluded(rel, exclude):
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            if any(fnmatch.fnmatch(name, g) for g in globs) and not _excluded(rel, exclude):
                yield full


def _walk_url(root: str, globs, exclude) -> Iterator[str]:
    fs, path = textio._fsspec().core.url_to_fs(root)
    proto = root.split("://", 1)[0]
    for p in sorted(fs.find(path)):
        rel = p[len(path):].lstrip("/")
        name = p.rsplit("/", 1)[-1]
        if any(fnmatch.fnmatch(name, g) for g in globs) and not _excluded(rel, exclude):
            yield p if "://" in p else f"{proto}://{p.lstrip('/') if proto == 'memory' else p}"


def _ask_url(path: str, question: str) -> bool:
    """``fs.isdir`` / ``fs.exists`` for an fsspec URL; False if it cannot be asked."""
    try:
        fs, p = textio._fsspec().core.url_to_fs(path)
        return bool(getattr(fs, question)(p))
    except Exception:
        return False


def _is_dir(path: str) -> bool:
    return _ask_url(path, "isdir") if textio.is_url(path) else os.path.isdir(path)


def _exists(path: str) -> bool:
    return _ask_url(path, "exists") if textio.is_url(path) else os.path.lexists(path)


def plan_jobs(paths: Iterable[str], out_dir: str | None, *, globs: Iterable[str] = ("*.txt",),
              exclude: Iterable[str] = (), in_place: bool = False) -> tuple[list[FileJob], list[PlanError]]:
    """Turn command-line paths into jobs; return ``(jobs, problems)``.

    Folders are searched recursively for files whose name matches one of
    ``globs`` and no ``exclude`` pattern (matched against the relative path and
    each of its parts); files named explicitly are always taken.  Each job's
    ``name`` is its path relative to the inputs' common folder, and its
    destination is ``out_dir/name`` (the output tree mirrors the input tree),
    the source itself with ``in_place``, or None when ``out_dir`` is None.
    Local sources and destinations are absolute paths.
    """
    globs, exclude = tuple(globs), tuple(exclude)
    problems: list[PlanError] = []
    found: list[tuple[str, bool]] = []  # (path, from a folder walk)
    roots: list[str] = []
    skip = {os.path.realpath(out_dir)} if out_dir and not textio.is_url(out_dir) else set()
    for path in paths:
        if not _exists(path):
            problems.append(PlanError(path, "no such file or folder"))
            continue
        if _is_dir(path):
            roots.append(path.rstrip("/") or "/")
            walker = (_walk_url(path, globs, exclude) if textio.is_url(path)
                      else _walk_local(path, globs, exclude, skip))
            found.extend((p, True) for p in walker)
        else:
            roots.append(os.path.dirname(path) if not textio.is_url(path) else path.rsplit("/", 1)[0])
            found.append((path, False))
    if not found:
        return [], problems
    urls = any(textio.is_url(p) for p, _ in found)
    if urls:
        base = os.path.commonprefix([r.rstrip("/") + "/" for r in roots])
        base = base[: base.rfind("/") + 1]
    else:
        base = os.path.commonpath([os.path.abspath(r or ".") for r in roots])
    jobs: list[FileJob] = []
    seen: set[str] = set()
    for p, _walked in found:
        key = p if textio.is_url(p) else os.path.realpath(p)
        if key in seen:
            continue
        seen.add(key)
        if urls:
            name = p[len(base):] if p.startswith(base) else p.rsplit("/", 1)[-1]
        else:
            name = os.path.relpath(os.path.abspath(p), base)
        # absolute paths: a Dask worker's working folder is not ours
        src = p if textio.is_url(p) else os.path.abspath(p)
        if in_place:
            dest = src
        elif out_dir is None:
            dest = None
        elif textio.is_url(out_dir):
            dest = out_dir.rstrip("/") + "/" + name.replace(os.sep, "/")
        else:
            dest = os.path.join(os.path.abspath(out_dir), name)
        jobs.append(FileJob(src, dest, name))
    return jobs, problems


# ------------------------------------------------------------------ re-runs

class Manifest:
    """What each output was made with, kept in ``OUT_DIR/.ocrclean-manifest.json``.

    An output is up to date when it is newer than its input and the manifest
    records the same settings fingerprint for it.
    """

    FILENAME = ".ocrclean-manifest.json"

    def __init__(self, out_dir: str):
        self.path = os.path.join(out_dir, self.FILENAME)
        self.entries: dict[str, str] = {}
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
            if isinstance(data, dict) and isinstance(data.get("files"), dict):
                self.entries = {str(k): str(v) for k, v in data["files"].items()}
        except (OSError, ValueError):
            pass

    def up_to_date(self, job: FileJob, fingerprint: str) -> bool:
        if job.destination is None or self.entries.get(job.name) != fingerprint:
            return False
        src, dst = textio.file_mtime(job.source), textio.file_mtime(job.destination)
        return src is not None and dst is not None and dst >= src

    def record(self, job: FileJob, fingerprint: str) -> None:
        self.entries[job.name] = fingerprint

    def forget(self, job: FileJob) -> None:
        self.entries.pop(job.name, None)

    def save(self) -> None:
        folder = os.path.dirname(self.path)
        if not os.path.isdir(folder):
            return
        with textio.atomic_output(self.path) as f:
            json.dump({"version": 1, "files": dict(sorted(self.entries.items()))}, f, indent=0)

"""Run a batch job on an existing Dask cluster (``pip install "ocrclean[dask]"``).

The workers read and write the files themselves, so every path must mean the
same file on the workers as on the machine that submits the job: a shared
filesystem, or fsspec URLs (``s3://bucket/in``; install the protocol's package,
such as ``s3fs``, on the workers too).  Each file is one task running
:func:`ocrclean.batch.process_file`, the very function a local run uses, with
the same :class:`~ocrclean.batch.Settings`, so the output is byte-identical.

Failures are reported, never lost:

* a problem with one file (unreadable, binary, undecodable...) comes back as
  an outcome with ``ok=False``, worded exactly as in a local run;
* a worker that dies mid-file: the scheduler runs the file again on another
  worker; if workers keep dying on it (``distributed.scheduler.allowed-failures``,
  3 by default), the file is reported as failed;
* an unexpected exception in a task is retried ``retries`` times, then reported;
* a result lost before the client could fetch it (its worker died after the
  file was cleaned) is run again, ``retries`` times at most;
* an unreachable scheduler (5 s), or one without workers (30 s), raises
  :class:`DaskBackendError` instead of hanging.

>>> from dask.distributed import Client                  # doctest: +SKIP
>>> client = Client("tcp://127.0.0.1:8786")              # doctest: +SKIP
>>> outcomes = clean_paths_dask(client, ["scans/"], "clean/", lang="en")  # doctest: +SKIP
>>> [o.name for o in outcomes if not o.ok]               # doctest: +SKIP
[]
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from typing import Callable, Iterable, Iterator

from . import batch, textio
from .batch import FileJob, FileOutcome, Settings

__all__ = ["DaskBackendError", "connect", "run_jobs", "clean_paths_dask"]

#: Seconds to wait for the scheduler to answer before giving up.
DEFAULT_TIMEOUT = 5.0
#: Seconds to wait for a scheduler without workers to get its first one.
DEFAULT_WORKER_TIMEOUT = 30.0
#: Times a task that raised is run again (worker deaths are counted separately
#: by the scheduler's ``allowed-failures``).
DEFAULT_RETRIES = 2


class DaskBackendError(RuntimeError):
    """The Dask cluster cannot be used: dask missing, scheduler unreachable, no workers."""


def _distributed():
    try:
        import distributed
    except ImportError:
        raise DaskBackendError(
            'running on a Dask cluster needs dask.distributed: pip install "ocrclean[dask]"') from None
    return distributed


def connect(address: str, *, timeout: float = DEFAULT_TIMEOUT):
    """A ``dask.distributed.Client`` for the scheduler at ``address``, or a clear error.

    ``address`` is ``tcp://HOST:PORT`` (or ``HOST:PORT``).  An address nothing
    answers at raises :class:`DaskBackendError` after ``timeout`` seconds.
    """
    distributed = _distributed()
    if not isinstance(address, str) or not address.strip():
        raise DaskBackendError(f"no Dask scheduler address given (got {address!r}); "
                               "expected tcp://HOST:PORT")
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DaskBackendError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g}s "
            f"({type(exc).__name__}: {_one_line(exc)}); is it running, and is the address right?"
        ) from None
    except ValueError as exc:  # a malformed address
        raise DaskBackendError(f"bad Dask scheduler address {address!r}: {_one_line(exc)}") from None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _clean_file_task(job: FileJob, settings: Settings) -> FileOutcome:
    """What one Dask task runs (on a worker): the local runner's function, unchanged."""
    return batch.process_file(job, settings)


def _failed(job: FileJob, error: str) -> FileOutcome:
    return FileOutcome(job.source, job.destination, job.name, ok=False, error=error)


def _describe_task_failure(exc: BaseException) -> str:
    if type(exc).__name__ == "KilledWorker":
        return ("the Dask workers running this file kept dying (out of memory, or killed); "
                "it was not cleaned")
    return f"failed on the Dask cluster: {type(exc).__name__}: {_one_line(exc)}"


def run_jobs(jobs: Iterable[FileJob], settings: Settings, *, address: str | None = None,
             client=None, retries: int = DEFAULT_RETRIES, timeout: float = DEFAULT_TIMEOUT,
             worker_timeout: float = DEFAULT_WORKER_TIMEOUT,
             max_in_flight: int | None = None) -> Iterator[FileOutcome]:
    """Run :func:`~ocrclean.batch.process_file` for every job on a Dask cluster.

    Give a connected ``client`` (``dask.distributed.Client``) or the scheduler
    ``address`` (then a client is made, and closed at the end).  Yields one
    :class:`FileOutcome` per job as they finish, in no particular order; every
    job gets exactly one outcome, a failed one if the cluster could not clean
    it.  ``max_in_flight`` tasks at most are on the cluster at once (default: a
    few per worker thread, at least 64), so a job list of millions of files is
    fed in gradually.  A scheduler that does not answer within ``timeout``
    seconds, or has no worker within ``worker_timeout``, raises
    :class:`DaskBackendError` before the first outcome.
    """
    if (client is None) == (address is None):
        raise ValueError("give either a Dask client or a scheduler address, not both or neither")
    settings.check()
    # Edit records must travel back with the outcome: a spill file would stay
    # on the worker's disk.
    settings = dataclasses.replace(settings, spill_edits=None)
    own_client = client is None
    if own_client:
        client = connect(address, timeout=timeout)
    try:
        yield from _run(client, jobs, settings, retries, worker_timeout, max_in_flight)
    finally:
        if own_client:
            client.close()


def _run(client, jobs: Iterable[FileJob], settings: Settings, retries: int, worker_timeout: float,
         max_in_flight: int | None) -> Iterator[FileOutcome]:
    distributed = _distributed()
    try:
        client.wait_for_workers(1, timeout=worker_timeout)
    except (TimeoutError, OSError):
        where = getattr(client.scheduler, "address", "the scheduler")
        raise DaskBackendError(f"the Dask scheduler at {where} has no workers "
                               f"(waited {worker_timeout:g}s): start some with `dask worker {where}`") from None
    _check_worker_versions(client)
    if max_in_flight is None:
        threads = sum(client.nthreads().values()) or 1
        max_in_flight = max(64, 4 * threads)
    jobs = _big_first(jobs)
    run_id = uuid.uuid4().hex[:12]
    # Settings travel with each task (a few hundred bytes): scattered data would
    # be lost with the worker holding it.
    pending: dict = {}  # future -> job
    done_jobs: list[FileJob] = []
    lost: dict[int, int] = {}  # id(job) -> how often its finished result was lost
    # with_results: results are fetched on the client's event loop as tasks
    # finish, not one blocking round-trip at a time from this thread.
    queue = distributed.as_completed(loop=client.loop, with_results=True, raise_errors=False)
    n = 0
    it = iter(jobs)
    try:
        for job in it:
            fut = client.submit(_clean_file_task, job, settings, key=f"ocrclean-{run_id}-{n}",
                                retries=retries, pure=False)
            n += 1
            pending[fut] = job
            queue.add(fut)
            if len(pending) >= max_in_flight:
                break
        while pending:
            fut, result = next(queue)
            job = pending.pop(fut)
            if (fut.status not in ("finished", "error") and lost.get(id(job), 0) < retries
                    and client.status == "running"):
                # a task whose result was lost before it could be fetched (the worker
                # holding it died, the scheduler cancelled the key): run the file again
                # (its output is written atomically, so a second run is harmless); not
                # once the client has lost the scheduler
                lost[id(job)] = lost.get(id(job), 0) + 1
                fut.release()
                nfut = client.submit(_clean_file_task, job, settings, key=f"ocrclean-{run_id}-{n}",
                                     retries=retries, pure=False)
                n += 1
                pending[nfut] = job
                queue.add(nfut)
                continue
            done_jobs.append(job)
            if fut.status == "finished":
                outcome = result
            elif fut.status == "error":
                outcome = _failed(job, _describe_task_failure(result[1]))
            else:
                outcome = _failed(job, "cancelled on the Dask cluster (lost the scheduler?); not cleaned")
            fut.release()
            next_job = next(it, None)
            if next_job is not None:
                nfut = client.submit(_clean_file_task, next_job, settings,
                                     key=f"ocrclean-{run_id}-{n}", retries=retries, pure=False)
                n += 1
                pending[nfut] = next_job
                queue.add(nfut)
            yield outcome
    finally:
        if pending:  # the caller stopped early: take our tasks off the cluster
            client.cancel(list(pending))
        _remove_stray_temporaries(done_jobs + list(pending.values()))


def _worker_version() -> str:
    try:
        import ocrclean
    except Exception as exc:  # pragma: no cover - depends on the worker's installation
        return f"cannot import ocrclean ({type(exc).__name__}: {exc})"
    return ocrclean.__version__


def _check_worker_versions(client) -> None:
    """Every worker must run this ocrclean version: another one may write other bytes."""
    from . import __version__

    try:
        versions = client.run(_worker_version)
    except Exception as exc:  # e.g. ocrclean missing where the function is unpickled
        raise DaskBackendError(f"cannot run ocrclean on the Dask workers ({type(exc).__name__}: "
                               f"{_one_line(exc)}); install ocrclean on every worker") from None
    wrong = {addr: v for addr, v in versions.items() if v != __version__}
    if wrong:
        addr, v = next(iter(sorted(wrong.items())))
        raise DaskBackendError(
            f"{len(wrong)} Dask worker(s) do not run ocrclean {__version__} (e.g. {addr}: {v}); "
            "install the same version on every worker so the output matches a local run")


def _big_first(jobs: Iterable[FileJob]) -> Iterable[FileJob]:
    """Local files biggest first, so the workers finish together; URLs as given."""
    if isinstance(jobs, list) and jobs and not any(textio.is_url(j.source) for j in jobs):
        return sorted(jobs, key=lambda j: -(textio.file_size(j.source) or 0))
    return jobs


def _remove_stray_temporaries(jobs: list[FileJob]) -> None:
    """Delete temporary outputs a killed worker left beside local destinations.

    One directory listing per output folder (not per file).  Only files named
    like :func:`ocrclean.textio.atomic_output`'s temporaries for this run's
    destinations are touched.
    """
    by_folder: dict[str, set[str]] = {}
    for job in jobs:
        if job.destination and not textio.is_url(job.destination):
            folder, base = os.path.split(job.destination)
            by_folder.setdefault(folder or ".", set()).add(base)
    suffix = textio.TEMP_SUFFIX
    for folder, bases in by_folder.items():
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = entry.name
                if not (name.startswith(".") and name.endswith(suffix)):
                    continue
                stem = name[1:-len(suffix)]
                base = stem.rsplit(".", 1)[0]  # ".NAME.<random>.ocrclean-tmp"
                if base in bases:
                    try:
                        os.unlink(entry.path)
                    except OSError:
                        pass


def clean_paths_dask(client, inputs: Iterable[str], out_dir: str | None, *,
                     globs: Iterable[str] = ("*.txt",), exclude: Iterable[str] = (),
                     progress: Callable[[FileOutcome, int, int], None] | None = None,
                     retries: int = DEFAULT_RETRIES, worker_timeout: float = DEFAULT_WORKER_TIMEOUT,
                     settings: Settings | None = None, **settings_kwargs) -> list[FileOutcome]:
    """Clean files and folders on the cluster behind ``client``; the outputs go to ``out_dir``.

    The Python side of ``ocrclean clean IN... -o OUT --dask-scheduler ADDRESS``.
    Folders are searched recursively for ``globs``; the output tree mirrors the
    input tree.  ``settings_kwargs`` are :class:`~ocrclean.batch.Settings`
    fields (``preset``, ``enable``, ``disable``, ``collect_edits``...); any
    other keyword is a ``clean()`` option (``lang="fr"``).  ``progress(outcome,
    done, total)`` is called as each file finishes.  Returns every outcome,
    with paths that yielded no file as failed outcomes.
    """
    if settings is None:
        fields = {f.name for f in dataclasses.fields(Settings)}
        options = {k: v for k, v in settings_kwargs.items() if k not in fields}
        kwargs = {k: v for k, v in settings_kwargs.items() if k in fields}
        for name in ("enable", "disable"):
            if name in kwargs:
                kwargs[name] = tuple(kwargs[name])
        extra = dict(kwargs.pop("options", None) or {})
        settings = Settings(**kwargs, options={**extra, **options})
    elif settings_kwargs:
        raise TypeError("give either settings= or keyword settings, not both")
    jobs, problems = batch.plan_jobs(list(inputs), out_dir, globs=globs, exclude=exclude,
                                     in_place=settings.in_place)
    outcomes = [FileOutcome(p.path, None, p.path, ok=False, error=p.reason) for p in problems]
    total = len(jobs)
    for done, outcome in enumerate(run_jobs(jobs, settings, client=client, retries=retries,
                                            worker_timeout=worker_timeout), 1):
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome, done, total)
    return outcomes

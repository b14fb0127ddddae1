"""The Dask backend on a real dask.distributed cluster on loopback (a scheduler, two worker processes)."""

from __future__ import annotations

import filecmp
import os
import socket
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402
from distributed import Client, LocalCluster, WorkerPlugin  # noqa: E402

from ocrclean import batch  # noqa: E402
from ocrclean.dask_backend import DaskBackendError, clean_paths_dask, connect, run_jobs  # noqa: E402

# Synthetic OCR text written for these tests.
PARAGRAPH = ("Tbe  Commission ,\nin its report of 1899 , said tbat tbe UI\\J delegates were exam-\n"
             "ined by Mr, Smith at https://example.org/a-b .\n\n")


# Command-line flags of a preset that needs no dictionary index (fast to start).
FAST = ["--preset", "layout", "--enable", "punctuation_spacing"]


def _make_tree(root: Path, n: int = 12) -> Path:
    src = root / "in"
    (src / "sub" / "deeper").mkdir(parents=True)
    for i in range(n):
        folder = src if i % 3 == 0 else (src / "sub" if i % 3 == 1 else src / "sub" / "deeper")
        (folder / f"page{i:02d}.txt").write_text(PARAGRAPH * (5 + 7 * i), encoding="utf-8")
    (src / "latin1.txt").write_bytes("Caf\xe9 ,  na\xefve text .\n".encode("latin-1"))
    (src / "crlf.txt").write_bytes(b"line one .\r\nline two ,\r\n")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (src / "empty.txt").write_bytes(b"")
    (src / "notes.md").write_text("not selected by the glob", encoding="utf-8")
    return src


def _local(src: Path, out: Path, settings: batch.Settings) -> dict[str, batch.FileOutcome]:
    jobs, problems = batch.plan_jobs([str(src)], str(out))
    assert not problems
    return {o.name: o for o in batch.run_local(jobs, settings, n_jobs=1)}


def _same_outcome(a: batch.FileOutcome, b: batch.FileOutcome) -> None:
    assert (a.name, a.ok, a.error, a.edits, a.summary, a.encoding, a.bytes_in) == \
           (b.name, b.ok, b.error, b.edits, b.summary, b.encoding, b.bytes_in)


def _assert_same_tree(left: Path, right: Path) -> None:
    cmp = filecmp.dircmp(left, right)
    assert cmp.left_only == [] and cmp.right_only == []
    names = [p.relative_to(left) for p in left.rglob("*") if p.is_file()]
    assert names
    for name in names:
        assert (left / name).read_bytes() == (right / name).read_bytes(), name


@pytest.fixture(scope="module")
def cluster():
    # allowed-failures=1: a task on which two workers died is given up (faster tests)
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address="127.0.0.1:0", silence_logs=50) as cl:
            yield cl


@pytest.fixture()
def client(cluster):
    with Client(cluster, set_as_default=False) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


def test_two_worker_cluster_writes_the_same_bytes_as_a_local_run(tmp_path, client):
    src = _make_tree(tmp_path)
    settings = batch.Settings(collect_edits=True)
    local = _local(src, tmp_path / "local", settings)
    jobs, _ = batch.plan_jobs([str(src)], str(tmp_path / "dask"))
    remote = {}
    for o in run_jobs(jobs, settings, client=client):
        assert o.name not in remote  # one outcome per file
        remote[o.name] = o
    assert sorted(remote) == sorted(local)
    for name in local:
        _same_outcome(local[name], remote[name])
    assert not remote["binary.txt"].ok and "binary" in remote["binary.txt"].error
    assert remote["latin1.txt"].ok and remote[os.path.join("sub", "deeper", "page11.txt")].summary["edits"] > 0
    _assert_same_tree(tmp_path / "local", tmp_path / "dask")
    # both workers took part
    assert len(client.nthreads()) == 2


def test_by_address_with_options_and_edits_not_spilled_on_workers(tmp_path, cluster):
    src = _make_tree(tmp_path, n=4)
    settings = batch.Settings(preset="aggressive", options={"lang": "en"}, collect_edits=True,
                              spill_edits=1)  # would spill locally; must not on the cluster
    jobs, _ = batch.plan_jobs([str(src)], str(tmp_path / "dask"))
    remote = {o.name: o for o in run_jobs(jobs, settings, address=cluster.scheduler_address)}
    local = _local(src, tmp_path / "local", batch.Settings(preset="aggressive", options={"lang": "en"},
                                                          collect_edits=True, spill_edits=None))
    for name in local:
        _same_outcome(local[name], remote[name])
        assert remote[name].edits_file is None
    _assert_same_tree(tmp_path / "local", tmp_path / "dask")


def test_fsspec_urls_are_read_and_written_by_the_workers(tmp_path, client):
    pytest.importorskip("fsspec")
    src = _make_tree(tmp_path, n=3)
    settings = batch.Settings()
    _local(src, tmp_path / "local", settings)
    # A local folder has to exist before fsspec writes into it (object stores have no folders).
    for folder in [src, *(p for p in src.rglob("*") if p.is_dir())]:
        (tmp_path / "url-out" / folder.relative_to(src)).mkdir(parents=True, exist_ok=True)
    jobs, problems = batch.plan_jobs([f"file://{src}"], f"file://{tmp_path / 'url-out'}")
    assert not problems and all(j.source.startswith("file://") for j in jobs)
    outcomes = list(run_jobs(jobs, settings, client=client))
    assert len(outcomes) == len(jobs)
    _assert_same_tree(tmp_path / "local", tmp_path / "url-out")


def test_clean_paths_dask_reports_progress_and_bad_paths(tmp_path, client):
    src = _make_tree(tmp_path, n=3)
    seen = []
    outcomes = clean_paths_dask(client, [str(src), str(tmp_path / "missing")], str(tmp_path / "out"),
                                progress=lambda o, done, total: seen.append((o.name, done, total)),
                                lang="en", collect_edits=True)
    _local(src, tmp_path / "local", batch.Settings(options={"lang": "en"}))
    _assert_same_tree(tmp_path / "local", tmp_path / "out")
    total = len(seen)
    assert [d for _, d, _ in seen] == list(range(1, total + 1)) and {t for *_, t in seen} == {total}
    missing = [o for o in outcomes if o.source.endswith("missing")]
    assert len(missing) == 1 and not missing[0].ok and "no such file" in missing[0].error
    assert len(outcomes) == total + 1


def test_bad_settings_fail_before_anything_is_submitted(tmp_path, client):
    with pytest.raises(TypeError, match="unknown option"):
        next(run_jobs([], batch.Settings(options={"colour": "red"}), client=client))
    with pytest.raises(ValueError, match="either"):
        next(run_jobs([], batch.Settings()))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_a_clear_error_within_seconds():
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    t0 = time.monotonic()
    with pytest.raises(DaskBackendError, match="cannot reach the Dask scheduler at " + address):
        next(run_jobs([batch.FileJob("a.txt", "b.txt", "a.txt")], batch.Settings(), address=address,
                      timeout=2))
    assert time.monotonic() - t0 < 10
    with pytest.raises(DaskBackendError, match="bad Dask scheduler address|cannot reach"):
        connect("no-such-protocol://127.0.0.1:1", timeout=2)


def test_a_scheduler_without_workers_is_a_clear_error(tmp_path):
    with LocalCluster(n_workers=0, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                      silence_logs=50) as empty:
        t0 = time.monotonic()
        with pytest.raises(DaskBackendError, match="has no workers"):
            next(run_jobs([batch.FileJob(str(tmp_path / "a.txt"), None, "a.txt")], batch.Settings(),
                          address=empty.scheduler_address, worker_timeout=2))
        assert time.monotonic() - t0 < 10


def test_workers_running_another_ocrclean_version_are_refused(tmp_path, client, monkeypatch):
    import ocrclean

    monkeypatch.setattr(ocrclean, "__version__", "0.0.0-other")  # the client's view; workers differ
    with pytest.raises(DaskBackendError, match="do not run ocrclean 0.0.0-other"):
        next(run_jobs([batch.FileJob(str(tmp_path / "a.txt"), None, "a.txt")], batch.Settings(),
                      client=client))


# ------------------------------------------------------------ the command line

def _cli(args, cwd, timeout=120):
    import subprocess

    script = Path(sys.executable).parent / "ocrclean"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "ocrclean"]
    return subprocess.run([*cmd, *map(str, args)], cwd=cwd, capture_output=True, timeout=timeout)


def _log_records(path: Path, out_dir: Path) -> list[dict]:
    import json

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:  # timings differ between runs, and the two runs write to different folders
        row.pop("seconds", None)
        if row.get("destination"):
            row["destination"] = os.path.relpath(row["destination"], out_dir)
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def test_cli_dask_scheduler_matches_a_local_run(tmp_path, cluster):
    src = _make_tree(tmp_path, n=5)
    local = _cli(["clean", src, "-o", tmp_path / "local", "-q", "--log", tmp_path / "local.jsonl", *FAST],
                 tmp_path)
    remote = _cli(["clean", src, "-o", tmp_path / "dask", "-q", "--log", tmp_path / "dask.jsonl", *FAST,
                   "--dask-scheduler", cluster.scheduler_address], tmp_path)
    assert remote.returncode == local.returncode != 0  # the binary file fails in both
    assert b"Traceback" not in remote.stderr
    bad = [line for line in remote.stderr.decode().splitlines() if "binary.txt" in line]
    assert bad and bad == [line for line in local.stderr.decode().splitlines() if "binary.txt" in line]
    _assert_same_tree(tmp_path / "local", tmp_path / "dask")
    assert (_log_records(tmp_path / "dask.jsonl", tmp_path / "dask")
            == _log_records(tmp_path / "local.jsonl", tmp_path / "local"))


def test_cli_unreachable_scheduler_fails_fast_and_clearly(tmp_path):
    src = _make_tree(tmp_path, n=1)
    address = f"tcp://127.0.0.1:{_free_port()}"
    t0 = time.monotonic()
    p = _cli(["clean", src, "-o", tmp_path / "out", "-q", "--dask-scheduler", address], tmp_path)
    assert time.monotonic() - t0 < 20
    assert p.returncode != 0 and b"Traceback" not in p.stderr
    assert f"cannot reach the Dask scheduler at {address}".encode() in p.stderr
    assert not any((tmp_path / "out").rglob("*.txt"))


# ------------------------------------------------------------ dying workers

class DieOnFiles(WorkerPlugin):
    """Makes a worker process exit abruptly while it cleans chosen files.

    ``die-once*`` files kill the first worker that tries them half-way through
    writing the output (a marker file records it); ``poison*`` files kill every worker that tries them.
    """

    def __init__(self, marker_dir: str):
        self.marker_dir = marker_dir

    def setup(self, worker):
        import ocrclean.batch as b

        original = getattr(b.process_file, "__wrapped_original__", b.process_file)
        marker_dir = self.marker_dir

        def process_file(job, settings):
            base = os.path.basename(job.source)
            if base.startswith("poison"):
                os._exit(13)
            if base.startswith("die-once"):
                marker = os.path.join(marker_dir, base + ".died")
                if not os.path.exists(marker):
                    open(marker, "w").close()
                    from ocrclean import textio

                    with textio.atomic_output(job.destination) as out:  # die half-way through writing
                        out.write("half a page")
                        out.flush()
                        os._exit(13)
            return original(job, settings)

        process_file.__wrapped_original__ = original
        b.process_file = process_file


def _register(client, plugin) -> None:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    if hasattr(client, "register_plugin"):
        client.register_plugin(plugin, name="die-on-files")
    else:  # pragma: no cover - older distributed
        client.register_worker_plugin(plugin, name="die-on-files")


def test_a_worker_dying_mid_run_has_its_file_retried_and_nothing_goes_missing(tmp_path, client):
    src = _make_tree(tmp_path, n=9)
    (src / "die-once.txt").write_text(PARAGRAPH * 20, encoding="utf-8")
    # a restarted worker starts cold: a preset without the word corrector keeps this quick
    settings = batch.Settings(preset="layout", enable=("punctuation_spacing",), collect_edits=True)
    local = _local(src, tmp_path / "local", settings)
    _register(client, DieOnFiles(str(tmp_path)))
    jobs, _ = batch.plan_jobs([str(src)], str(tmp_path / "dask"))
    remote = [o for o in run_jobs(jobs, settings, client=client)]
    assert (tmp_path / "die-once.txt.died").exists()  # a worker really died on it
    assert sorted(o.name for o in remote) == sorted(local)  # every file exactly once
    by_name = {o.name: o for o in remote}
    for name in local:
        _same_outcome(local[name], by_name[name])
    _assert_same_tree(tmp_path / "local", tmp_path / "dask")  # no stray temporary files either


def test_a_file_that_kills_every_worker_is_reported_not_lost(tmp_path, client):
    src = tmp_path / "in"
    src.mkdir()
    (src / "poison.txt").write_text(PARAGRAPH, encoding="utf-8")
    _register(client, DieOnFiles(str(tmp_path)))
    jobs, _ = batch.plan_jobs([str(src)], str(tmp_path / "dask"))
    (outcome,) = list(run_jobs(jobs, batch.Settings(), client=client, worker_timeout=60))
    assert outcome.name == "poison.txt" and not outcome.ok
    assert "workers running this file kept dying" in outcome.error
    assert not (tmp_path / "dask" / "poison.txt").exists()


class _FakeFuture:
    def __init__(self, job, status):
        self.job, self.status = job, status

    def release(self):
        pass


class _FakeQueue:
    """as_completed over futures that are done the moment they are added."""

    def __init__(self, **_):
        self.done = []

    def add(self, fut):
        self.done.append(fut)

    def __next__(self):
        fut = self.done.pop(0)
        return fut, ("outcome of " + fut.job.name if fut.status == "finished" else None)


class _LosingClient:
    """A client whose first result for each job in `lose` is lost before it is fetched."""

    status = "running"
    loop = None

    def __init__(self, lose, always=False):
        self.lose, self.always, self.submitted = set(lose), always, []

    def wait_for_workers(self, n, timeout):
        pass

    def nthreads(self):
        return {"w": 1}

    def submit(self, fn, job, settings, **kw):
        self.submitted.append(job.name)
        lost = job.name in self.lose
        if lost and not self.always:
            self.lose.discard(job.name)
        return _FakeFuture(job, "cancelled" if lost else "finished")

    def cancel(self, futures):
        pass


@pytest.mark.parametrize("always, expected", [
    (False, ["outcome of a.txt", "outcome of b.txt"]),  # lost once: run again, cleaned
    (True, ["outcome of a.txt", "lost"]),               # lost every time: reported, not run forever
])
def test_a_result_lost_before_it_is_fetched_is_run_again(monkeypatch, tmp_path, always, expected):
    from types import SimpleNamespace

    from ocrclean import dask_backend

    monkeypatch.setattr(dask_backend, "_distributed", lambda: SimpleNamespace(as_completed=_FakeQueue))
    monkeypatch.setattr(dask_backend, "_check_worker_versions", lambda client: None)
    monkeypatch.setattr(dask_backend, "_big_first", lambda jobs: jobs)
    jobs = [SimpleNamespace(name=n, source=str(tmp_path / "in" / n), destination=str(tmp_path / n))
            for n in ("a.txt", "b.txt")]
    client = _LosingClient({"b.txt"}, always=always)
    outcomes = list(dask_backend._run(client, jobs, batch.Settings(), retries=2, worker_timeout=1,
                                      max_in_flight=None))
    got = [o if isinstance(o, str) else ("lost" if not o.ok and "cancelled" in o.error else o) for o in outcomes]
    assert got == expected
    assert client.submitted.count("b.txt") == (3 if always else 2)  # at most `retries` runs again

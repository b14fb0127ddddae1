"""Benchmark the Dask backend: a 2-worker cluster against a 1-worker cluster on 200 files.

Goal (issue "ocrclean inside NLP pipelines and on a cluster"): two workers at
least 1.7x as fast as one, and the Dask output byte-identical to a local run.

    python benchmarks/dask_scale.py                         # 200 synthetic files
    python benchmarks/dask_scale.py --corpus ../shared/corpus    # the corpus pages instead

Each cluster is a real ``dask.distributed`` scheduler with worker processes
(one thread each) on 127.0.0.1.  Workers are warmed up (dictionaries loaded)
before timing, as a long-lived cluster would be.  After each run the output
tree is compared, byte for byte, with a local run of the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ocrclean import batch
from ocrclean.dask_backend import run_jobs
from ocrclean.many import warm_up

WORDS = ("the tbe and of to in was rn modern committee report 1901 Smith Mr, UI\\J , . ; "
         "said tbat it is 's session minutes were read aloud by secretary").split(" ")


def make_files(root: Path, n: int, kb: int, seed: int = 3) -> None:
    """``n`` synthetic OCR-like files of about ``kb`` kilobytes: wrapped lines, hyphen breaks, paragraphs."""
    rng = random.Random(seed)
    for i in range(n):
        lines, size = [], 0
        while size < kb * 1024:
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12)))
            if rng.random() < 0.15:
                line += " exam-"
            lines.append(line)
            size += len(line) + 1
            if rng.random() < 0.1:
                lines.append("")
        folder = root / f"part{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def copy_corpus(src: Path, root: Path) -> int:
    files = sorted(src.rglob("*.ocr.txt"))
    for f in files:
        dest = root / f.relative_to(src).with_suffix("")  # NAME.ocr.txt -> NAME.ocr
        dest = dest.with_name(dest.name + ".txt")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, dest)
    return len(files)


def same_tree(a: Path, b: Path) -> tuple[int, list[str]]:
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and not p.name.startswith("."))
    other = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and not p.name.startswith("."))
    bad = [str(n) for n in names if not (b / n).exists() or (a / n).read_bytes() != (b / n).read_bytes()]
    bad += [str(n) for n in other if n not in set(names)]
    return len(names), bad


def run_cluster(workers: int, src: Path, out: Path, settings: batch.Settings) -> tuple[float, list]:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=40) as cluster, \
            Client(cluster) as client:
        client.wait_for_workers(workers)
        client.run(warm_up)  # every worker loads its dictionaries before the clock starts
        jobs, problems = batch.plan_jobs([str(src)], str(out))
        assert not problems
        t0 = time.perf_counter()
        outcomes = list(run_jobs(jobs, settings, client=client))
        return time.perf_counter() - t0, outcomes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--kb", type=int, default=8, help="size of each synthetic file")
    ap.add_argument("--corpus", type=Path, help="clean the *.ocr.txt files under this folder instead")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ocrclean-dask-bench-"))
    try:
        src = tmp / "in"
        if args.corpus:
            n = copy_corpus(args.corpus, src)
            what = f"{n} corpus pages from {args.corpus}"
        else:
            make_files(src, args.files, args.kb)
            what = f"{args.files} synthetic files of ~{args.kb} KB"
        total_mb = sum(p.stat().st_size for p in src.rglob("*.txt")) / 1e6
        print(f"{what} ({total_mb:.1f} MB)")
        settings = batch.Settings()
        jobs, _ = batch.plan_jobs([str(src)], str(tmp / "local"))
        warm_up()
        t0 = time.perf_counter()
        local = list(batch.run_local(jobs, settings, n_jobs=1))
        print(f"local, one process: {time.perf_counter() - t0:.2f}s")
        status = 0
        times = {}
        for w in args.workers:
            out = tmp / f"dask{w}"
            seconds, outcomes = run_cluster(w, src, out, settings)
            times[w] = seconds
            n_files, bad = same_tree(tmp / "local", out)
            failed = [o.name for o in outcomes if not o.ok]
            busy = sum(o.seconds for o in outcomes)
            print(f"dask, {w} worker(s): {seconds:.2f}s ({len(outcomes) / seconds:.1f} files/s, "
                  f"workers busy {busy / (w * seconds):.0%} of the time); "
                  f"{len(outcomes)} outcomes, {len(failed)} failed; output "
                  + ("byte-identical to the local run" if not bad else f"DIFFERS in {len(bad)} files: {bad[:5]}")
                  + f" ({n_files} files)")
            if bad or len(outcomes) != len(local) or {o.ok for o in local} != {o.ok for o in outcomes}:
                status = 1
        if 1 in times and 2 in times:
            speedup = times[1] / times[2]
            print(f"speed-up 2 workers / 1 worker: {speedup:.2f}x (goal >= 1.7x)")
            if speedup < 1.7:
                status = max(status, 1)
        return status
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

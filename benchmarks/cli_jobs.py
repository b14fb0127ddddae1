"""Goal: `ocrclean clean --jobs 2` on 200 files is >= 1.7x faster than `--jobs 1`.

Generates 200 synthetic OCR-like files (about 60 KB each, our own text) in a
temporary folder, or takes a folder of .txt files as an argument, and times the
installed console script with --jobs 1 and --jobs 2 (default preset, --force
so nothing is skipped).  Prints both times and the speed-up.

    .venv/bin/python benchmarks/cli_jobs.py [FOLDER] [--files 200] [--kb 60] [--preset default]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("the committee met on tuesday and minutes were read aloud by secretary every member "
         "agreed that record was complete correct tbe rnember ofthe government shall report "
         "annually to parliament concerning its progress").split()


def make_files(folder: Path, n: int, kb: int) -> None:
    rng = random.Random(7)
    for i in range(n):
        lines, size = [], 0
        while size < kb * 1000:
            para = []
            for _ in range(rng.randint(3, 9)):
                line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 13)))
                if rng.random() < 0.2:
                    line += " ,"
                if rng.random() < 0.1:
                    line = line[:-3] + "-"
                para.append(line.capitalize())
            text = "\n".join(para) + " .\n\n"
            lines.append(text)
            size += len(text)
        (folder / f"doc{i:04d}.txt").write_text("".join(lines))


def run(folder: Path, out: Path, jobs: int, preset: str) -> tuple[float, float]:
    """Wall time and the CPU time the run used (all its processes)."""
    script = Path(sys.executable).parent / "ocrclean"
    cmd = [str(script), "clean", str(folder), "-o", str(out), "--jobs", str(jobs), "--force", "-q",
           "--preset", preset]
    before = os.times()
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    wall = time.perf_counter() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--kb", type=int, default=60)
    ap.add_argument("--preset", default="default")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.folder:
            folder = Path(args.folder)
        else:
            folder = tmp / "in"
            folder.mkdir()
            make_files(folder, args.files, args.kb)
        n = sum(1 for _ in folder.rglob("*.txt"))
        mb = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6
        print(f"{n} files, {mb:.1f} MB, preset {args.preset}, {os.cpu_count()} cores, "
              f"load average before: {os.getloadavg()[0]:.2f} (other work on the machine skews --jobs 2)")
        t1, c1 = run(folder, tmp / "out1", 1, args.preset)
        t2, c2 = run(folder, tmp / "out2", 2, args.preset)
        same = all((tmp / "out1" / p.relative_to(folder)).read_bytes()
                   == (tmp / "out2" / p.relative_to(folder)).read_bytes() for p in folder.rglob("*.txt"))
        print(f"--jobs 1: {t1:6.2f} s  ({mb / t1:.2f} MB/s), CPU {c1:.2f} s = {c1 / t1:.2f} cores busy")
        print(f"--jobs 2: {t2:6.2f} s  ({mb / t2:.2f} MB/s), CPU {c2:.2f} s = {c2 / t2:.2f} cores busy")
        speedup = t1 / t2
        print(f"speed-up: {speedup:.2f}x  (goal >= 1.7x: {'met' if speedup >= 1.7 else 'NOT met'}); "
              f"outputs identical: {same}")


if __name__ == "__main__":
    main()

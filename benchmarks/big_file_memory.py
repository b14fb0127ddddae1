"""Goal: peak RSS < 300 MB while `ocrclean clean` cleans a 1 GB file.

Writes a synthetic OCR-like file of SIZE megabytes (default 1000) in a
temporary folder, runs the installed console script on it, and prints the
child's peak resident set size (getrusage RUSAGE_CHILDREN), the time and the
speed.  Also checks the output ends the way the input does (the whole file was
written).  Try a smaller size first:

    .venv/bin/python benchmarks/big_file_memory.py --mb 200 [--preset default] [--log]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARA = ("Tbe committee met on Tuesday ,  and the minutes were read\n"
        "aloud by the secretary ; every mem-\nber agreed  that the record was\n"
        "complete and correct .\n\n"
        "Page 12\n\n"
        "The report of the go-\nvernment was laid before the House , and a copy\n"
        "was sent to each member  of the committee .\n\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1000.0)
    ap.add_argument("--preset", default="default")
    ap.add_argument("--log", action="store_true", help="also write the JSONL edit log")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "big.txt"
        block = PARA * 2000
        n = int(args.mb * 1e6 / len(block)) + 1
        with open(src, "w", encoding="utf-8") as f:
            for _ in range(n):
                f.write(block)
        size = src.stat().st_size
        cmd = [str(Path(sys.executable).parent / "ocrclean"), "clean", str(src), "-o", str(tmp / "out"),
               "--preset", args.preset, "-q", "--jobs", "1"]
        if args.log:
            cmd += ["--log", str(tmp / "log.jsonl")]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        seconds = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        out = tmp / "out" / "big.txt"
        with open(out, "rb") as f:
            f.seek(max(0, out.stat().st_size - 200))
            tail = f.read()
        print(f"input {size / 1e6:.0f} MB, preset {args.preset}{', with --log' if args.log else ''}")
        print(f"time {seconds:.1f} s ({size / 1e6 / seconds:.2f} MB/s), output {out.stat().st_size / 1e6:.0f} MB")
        print(f"peak RSS {peak_mb:.0f} MB (goal < 300 MB: {'met' if peak_mb < 300 else 'NOT met'})")
        print(f"output ends with the last paragraph: {tail.rstrip().rstrip(b' .').endswith(b'committee')}")


if __name__ == "__main__":
    main()

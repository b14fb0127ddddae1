"""Benchmark clean_many: n_jobs=2 against n_jobs=1 on 10,000 short texts.

Goal (issue "ocrclean inside NLP pipelines"): ``clean_many(n_jobs=2)`` at least
1.7x as fast as ``n_jobs=1`` on 10,000 short texts, on a machine with two
free cores.

    python benchmarks/clean_many.py                       # speed
    python benchmarks/clean_many.py --corpus ../shared/corpus   # + equality check

With ``--corpus DIR`` it also checks that ``clean_many`` equals ``clean``,
result for result, on every ``*.ocr.txt`` under DIR (whole pages, and the same
pages cut into paragraphs), with one worker and with two.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import ocrclean
from ocrclean.many import warm_up

WORDS = ("the tbe and of to in was rn modern committee report 1901 Smith Mr, UI\\J , . ; "
         "exam-\nple co-\noperation naÃ¯ve said tbat it is l 0 's").split(" ")


def short_texts(n: int, seed: int = 1) -> list[str]:
    """``n`` synthetic OCR-like texts of 8 to 40 words (a sentence or two)."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))) for _ in range(n)]


def timed(texts: list[str], n_jobs: int, batch_size: int) -> float:
    t0 = time.perf_counter()
    for _ in ocrclean.clean_many(texts, n_jobs=n_jobs, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def check_corpus(root: Path) -> int:
    files = sorted(root.rglob("*.ocr.txt"))
    if not files:
        print(f"no *.ocr.txt under {root}", file=sys.stderr)
        return 2
    pages = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    paragraphs = [p for page in pages for p in page.split("\n\n")]
    bad = 0
    for name, texts in (("pages", pages), ("paragraphs", paragraphs)):
        want = [ocrclean.clean(t) for t in texts]
        for n_jobs in (1, 2):
            got = list(ocrclean.clean_many(texts, n_jobs=n_jobs, batch_size=16))
            diff = sum(g != w or g.suggestions != w.suggestions for g, w in zip(got, want))
            diff += abs(len(got) - len(want))
            bad += diff
            print(f"corpus {name}: {len(texts)} texts, n_jobs={n_jobs}: "
                  f"{'equal to clean()' if not diff else f'{diff} DIFFERENT'}")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=10_000)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=3, help="runs per setting; the best is reported")
    ap.add_argument("--corpus", type=Path, help="folder of *.ocr.txt to check equality on")
    args = ap.parse_args()

    texts = short_texts(args.texts)
    chars = sum(map(len, texts))
    print(f"{len(texts)} texts, {chars / len(texts):.0f} characters on average, batch_size={args.batch_size}")
    warm_up()  # load the dictionaries before timing, as a long-running program would have
    best = {}
    for n_jobs in (1, 2):
        runs = [timed(texts, n_jobs, args.batch_size) for _ in range(args.repeat)]
        best[n_jobs] = min(runs)
        print(f"n_jobs={n_jobs}: best {best[n_jobs]:.2f}s, median {statistics.median(runs):.2f}s "
              f"({len(texts) / best[n_jobs]:,.0f} texts/s)")
    speedup = best[1] / best[2]
    print(f"speed-up n_jobs=2 / n_jobs=1: {speedup:.2f}x (goal >= 1.7x)")
    status = 0 if speedup >= 1.7 else 1
    if args.corpus:
        status = max(status, check_corpus(args.corpus))
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Speed of the word stage and of the whole default pipeline (MB/s on one core).

    python benchmarks/words_speed.py [CORPUS_DIR]

Without CORPUS_DIR a synthetic noisy text (built from the seed sample and made-up
OCR slips) is used.  Prints cold time (first call: dictionaries), the first pass
over half the texts (nothing cached yet), the other half (unseen text, after the
first half: what cleaning new documents costs), then warm throughput of the
default pipeline, of the pipeline without the word stage, and of the word stage
alone.  The goal: the default pipeline >= 2 MB/s.
"""

from __future__ import annotations

import glob
import os
import random
import sys
import time

import ocrclean

WORD_FIXERS = ("word_correction", "word_split_merge")


def synthetic_texts() -> list[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    seed = open(os.path.join(here, "..", "data", "samples", "seed.ocr.txt"), encoding="utf-8").read()
    slips = {"the": "tbe", "and": "aud", "him": "hirn", "were": "wero", "will": "wiU", "of the": "ofthe",
             "have": "havo", "been": "boen", "be": "bo"}
    rnd = random.Random(7)
    texts = []
    for _ in range(200):
        words = seed.split()
        out = []
        for w in words:
            out.append(slips.get(w, w) if rnd.random() < 0.3 else w)
        texts.append(" ".join(out))
    return texts


def throughput(texts, **kw) -> float:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for t in texts:
            ocrclean.clean(t, **kw)
        best = min(best, time.perf_counter() - t0)
    return mb / best


def one_pass(texts) -> tuple[float, float]:
    """Clean ``texts`` once: their size in MB and the speed in MB/s (CPU time)."""
    t0 = time.process_time()
    for t in texts:
        ocrclean.clean(t)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return mb, mb / max(time.process_time() - t0, 1e-9)


def main() -> None:
    if len(sys.argv) > 1:
        texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.ocr.txt")))]
        if not texts:
            sys.exit(f"no *.ocr.txt files in {sys.argv[1]}")
    else:
        texts = synthetic_texts()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    ocrclean.clean("warm up tbe dictionaries")
    print(f"cold start (dictionaries): {time.perf_counter() - t0:.2f} s")
    # Text the process has never seen, after it has cleaned other text of the same
    # kind: what a user cleaning new documents gets.  Every other text is cleaned
    # first (caches warm with their tokens), then the rest is timed (CPU time).
    seen, unseen = texts[0::2], texts[1::2]
    mb_seen, speed = one_pass(seen)
    print(f"first pass over {mb_seen:.2f} MB (token decisions not yet cached): {speed:.2f} MB/s")
    if unseen:
        mb_unseen, speed = one_pass(unseen)
        print(f"unseen text ({mb_unseen:.2f} MB, after the other half): {speed:.2f} MB/s")
    full = throughput(texts)
    without = throughput(texts, disable=WORD_FIXERS)
    words_cost = mb / full - mb / without
    print(f"default pipeline:            {full:.2f} MB/s  (goal >= 2)")
    print(f"default without word stage:  {without:.2f} MB/s")
    print(f"word stage alone:            {mb / words_cost if words_cost > 0 else float('inf'):.2f} MB/s")


if __name__ == "__main__":
    main()

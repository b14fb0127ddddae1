"""Does any fixer's time grow faster than the text on adversarial input?

    python benchmarks/adversarial.py [--size 100000] [--preset default]

For each pathological text (a long run of spaces, pipes, a 1l1l... token, ...)
it times every fixer of the preset on the text and on the text doubled, and
prints the ratio: about 2 is linear; 4 is quadratic.  Goal: every ratio < 3.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocrclean.context import Context, check_options  # noqa: E402
from ocrclean.pipeline import Pipeline  # noqa: E402
from ocrclean.registry import FIXERS  # noqa: E402

PATTERNS = {
    "spaces": " ", "newlines": "\n", "form feeds": "\f\n", "dashes": "-", "pipes": "| ",
    "backslashes": "\\/", "1l token": "1l", "open brackets": "( ", "dots": ". ", "space dot": "a .",
    "hyphen breaks": "ab-\ncd ", "clitics": "a 's ", "tabs": "a  b\t", "leading": "\n a",
    "one for I": "and 1 have ", "broken N": "UI\\J ", "head lines": "PAGE 12\n\n", "a word": "a",
    "url": "http://a", "mixed": "aI\\J |l O1 - \n",
}


def best_time(fn, text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        ctx = Context(text, check_options({}))
        t0 = time.perf_counter()
        list(fn(text, ctx))
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000, help="characters of the smaller text")
    ap.add_argument("--preset", default="aggressive")
    args = ap.parse_args()
    names = Pipeline(args.preset).names
    Pipeline(args.preset).warm_up()
    worst = 1.0
    for label, unit in PATTERNS.items():
        text = unit * max(1, args.size // len(unit))
        row = []
        for name in names:
            a = best_time(FIXERS[name].func, text)
            b = best_time(FIXERS[name].func, text + text)
            ratio = b / a if a > 1e-4 else 2.0
            if b > 0.01:
                worst = max(worst, ratio)
                row.append(f"{name} {a:.3f}s->{b:.3f}s x{ratio:.1f}")
        print(f"{label:14s} " + ("; ".join(row) if row else "all fixers under 10 ms"))
    print(f"worst ratio for doubled input: {worst:.1f} (goal < 3: {'met' if worst < 3 else 'NOT met'})")


if __name__ == "__main__":
    main()

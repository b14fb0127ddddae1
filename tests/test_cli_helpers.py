"""Shared helpers for the command-line tests (imported by test_cli*.py; holds no tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

_SCRIPT = Path(sys.executable).parent / "ocrclean"
OCRCLEAN = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "ocrclean"]

# Own synthetic text (never corpus text).  Under --preset layout with
# punctuation_spacing enabled, a person would clean it to CLEAN_1.
RAW_1 = "The first line of a para-\ngraph goes on  here\nand ends here .\n\n\n\nSecond paragraph .\n"
CLEAN_1 = "The first line of a paragraph goes on here and ends here.\n\nSecond paragraph.\n"
FAST = ["--preset", "layout", "--enable", "punctuation_spacing"]


def run(args, cwd, input: bytes | None = None, timeout: float = 60, prefix=()) -> subprocess.CompletedProcess:
    """Run ``ocrclean ARGS`` in ``cwd``; bytes in, bytes out."""
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    return subprocess.run([*prefix, *OCRCLEAN, *map(str, args)], cwd=cwd, input=input,
                          capture_output=True, timeout=timeout, env=env)


def err_lines(proc) -> list[str]:
    return [line for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]


def no_traceback(proc) -> bool:
    return b"Traceback" not in proc.stderr and b"Traceback" not in proc.stdout


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink())


def drop_root_privileges_prefix() -> list[str] | None:
    """A command prefix under which file permissions apply, even to root.

    Root ignores ``chmod 000``; ``setpriv`` can start the command without the
    capabilities that let root do so.  None when there is no way (the test skips).
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def make_big_text(path: Path, mb: float) -> None:
    """A synthetic OCR-like text of about ``mb`` megabytes, paragraphs of wrapped lines."""
    para = ("Tbe committee met on Tuesday ,  and the minutes were read\n"
            "aloud by the secretary ; every mem-\nber agreed  that the record was\n"
            "complete and correct .\n\n")
    n = int(mb * 1_000_000 / len(para)) + 1
    with open(path, "w", encoding="utf-8", newline="") as f:
        for _ in range(n):
            f.write(para)

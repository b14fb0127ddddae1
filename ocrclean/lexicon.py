"""Word lists: the bundled English frequency dictionary, loaded once and cached.

symspellpy ships an English unigram frequency list (82,765 words) and a bigram
list; they are ocrclean's default lexicon.  Loading is lazy: nothing is read
until a fixer first asks for a word.
"""

from __future__ import annotations

import functools
import os
from importlib import resources

__all__ = ["english_frequencies", "word_frequency", "is_word", "load_frequency_file", "LexiconError"]

UNIGRAM_FILE = "frequency_dictionary_en_82_765.txt"
BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"


class LexiconError(ValueError):
    """A dictionary file that is missing or malformed."""


def _bundled_path(name: str) -> str:
    return str(resources.files("symspellpy").joinpath(name))


def load_frequency_file(path: str | os.PathLike, *, columns: int = 1) -> dict[str, int]:
    """Read a symspell-format frequency file: ``term count`` per line.

    ``columns`` is how many whitespace-separated fields form the term (1 for
    words, 2 for bigrams).  A missing file or a bad line raises
    :class:`LexiconError` naming the file and the line.
    """
    out: dict[str, int] = {}
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"cannot read dictionary {os.fspath(path)!r}: {exc.strerror or exc}") from None
    with fh:
        for n, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != columns + 1:
                raise LexiconError(
                    f"{os.fspath(path)}:{n}: expected {columns} term field(s) and a count, got {line.strip()!r}"
                )
            try:
                count = int(parts[-1])
            except ValueError:
                raise LexiconError(f"{os.fspath(path)}:{n}: count {parts[-1]!r} is not a whole number") from None
            out[" ".join(parts[:-1])] = count
    return out


@functools.lru_cache(maxsize=1)
def english_frequencies() -> dict[str, int]:
    """The bundled English unigram counts (lower-case words), read on first use."""
    return load_frequency_file(_bundled_path(UNIGRAM_FILE))


def word_frequency(word: str) -> int:
    """How often ``word`` (compared in lower case) occurs in the English list; 0 if not at all."""
    return english_frequencies().get(word.lower(), 0)


def is_word(word: str, min_count: int = 1) -> bool:
    """Is ``word`` in the English list with at least ``min_count`` occurrences?"""
    return word_frequency(word) >= min_count

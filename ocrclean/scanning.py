"""Scanning a page for a pattern from one literal character.

Python's regex engines skip ahead to a pattern's first character quickly when
that character is one literal, and test every character of the text when it is
a class (``[.:]``, ``['\u2019]``): on a page, several times slower.  A pattern
that opens with a class of a few characters is therefore written as one
pattern per character, and their matches are merged in text order.

The same engines test a letter class such as ``[A-Za-z]`` several times faster
than the Unicode categories behind ``[^\\W\\d_]``: :func:`with_letters` writes a
pattern's letters as the letters one text holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import chain
from operator import methodcaller

__all__ = ["finditer_each", "outside_ascii", "with_letters"]

_START = methodcaller("start")


def finditer_each(patterns: Sequence, text: str) -> Iterator:
    """The matches of every pattern in ``patterns`` over ``text``, in order of
    where they start: what ``finditer`` of their alternation gives, for
    patterns that each open with their own literal character, which no match
    of another pattern contains (so no match starts inside another one, and
    the separate scans try the starts the alternation would).

    >>> import re
    >>> [m.group() for m in finditer_each((re.compile(r"\\. "), re.compile(r": ")), "a: b. c: d.")]
    [': ', '. ', ': ']
    """
    # (each scan's matches as a list, then one sort of the runs -- Timsort merges
    # sorted runs -- costs less than heapq.merge's Python-level step per match;
    # most pages match one pattern or none, returned as they are)
    # (a plain loop: a page asks some twenty times, and a generator inside a
    # comprehension costs more than the scans when, as a rule, they find nothing)
    first = runs = None
    for pattern in patterns:
        found = list(pattern.finditer(text))
        if found:
            if first is None:
                first = found
            elif runs is None:
                runs = [first, found]
            else:
                runs.append(found)
    if runs is None:
        return iter(first if first is not None else ())
    return iter(sorted(chain.from_iterable(runs), key=_START))


# the ASCII bytes: deleted from a page's UTF-8, they leave its few characters
# outside ASCII in one short string (a third cheaper than a regex removing the
# runs of ASCII, and far cheaper than a list of them one by one, as findall makes)
_ASCII_BYTES = bytes(range(128))
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_PATTERNS: dict[tuple[str, str], re.Pattern] = {}


def outside_ascii(text: str) -> str:
    """The characters of ``text`` outside ASCII, in order (a UTF-8 sequence is
    made of bytes outside ASCII only; lone surrogates pass through).

    >>> outside_ascii("d\u00e9j\u00e0 vu \u2014 1850")
    '\u00e9\u00e0\u2014'
    """
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


def with_letters(template: str, text: str) -> re.Pattern:
    """``template`` compiled with ``{L}`` standing for a letter of ``text``: what
    ``[^\\W\\d_]`` matches there, written as a class of the ASCII letters and the
    non-ASCII letters ``text`` holds (none for most pages).  On ``text`` the
    pattern matches exactly what the pattern with ``[^\\W\\d_]`` matches, since
    the two classes agree on every character of it.  Compiled patterns are kept
    per template and set of letters.

    >>> with_letters(r"{L}+", "déjà vu, 1850").findall("déjà vu, 1850")
    ['déjà', 'vu']
    >>> with_letters(r"{L}+", "plain text").pattern
    '[A-Za-z]+'
    """
    extra = "" if text.isascii() else "".join(sorted(filter(_LETTER.match, set(outside_ascii(text)))))
    key = (template, extra)
    pattern = _LETTER_PATTERNS.get(key)
    if pattern is None:
        if len(_LETTER_PATTERNS) > 256:
            _LETTER_PATTERNS.clear()
        # (the extra letters are neither ASCII nor special inside a class)
        pattern = _LETTER_PATTERNS[key] = re.compile(template.replace("{L}", f"[A-Za-z{extra}]"))
    return pattern

"""Spans no fixer may change: URLs, e-mail addresses, file paths, numbers with
units or separators, and the user's own ``protect=`` patterns."""

from __future__ import annotations

import bisect
import re

import regex

from .context import declare_option

__all__ = ["protected_spans", "overlaps", "PROTECTED"]

declare_option("protect", (), "regular expressions whose matches no fixer may change")

#: Named patterns of text that must come through untouched, each with a cheap
#: guard: the pattern only runs over text that contains one of the guard strings.
PROTECTED: dict[str, regex.Pattern] = {
    "url": regex.compile(
        r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>\"'\u201c\u201d]+[^\s<>\"'\u201c\u201d.,;:!?)\]]"
    ),
    "email": regex.compile(r"(?i)\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "path": regex.compile(r"(?:\b[A-Za-z]:\\|\\\\)[^\s]+|(?<![\w/])/(?:[\w.-]+/)+(?:[\w.-]*[\w-])?"),
    "domain": regex.compile(r"(?i)\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|int|io|uk|fr|de)\b"),
}


_GUARDS: dict[str, tuple[str, ...]] = {
    "url": ("://", "www.", "WWW."),
    "email": ("@",),
    "path": (":\\", "\\\\", "/"),
    "domain": (".com", ".org", ".net", ".edu", ".gov", ".int", ".io", ".uk", ".fr", ".de",
               ".COM", ".ORG", ".NET"),
}




def _sign_test(signs: tuple[str, ...]):
    """A test for "does the text hold one of ``signs``?": str's `in` for each of
    a few, one regex search for many (the engine finds their common first
    character at C speed, so the thirteen domain endings cost one scan, not
    thirteen).

    >>> _sign_test((".com", ".org"))("see x.org"), _sign_test(("@",))("no mail")
    (True, False)
    """
    if len(signs) <= 3:
        return lambda text: any(sign in text for sign in signs)
    search = re.compile("|".join(map(re.escape, signs))).search
    return lambda text: search(text) is not None


_HAS_SIGN = {name: _sign_test(_GUARDS.get(name, ("",))) for name in PROTECTED}


def _has_sign(name: str, text: str) -> bool:
    """Is it worth scanning ``text`` for the protected kind ``name``?"""
    test = _HAS_SIGN.get(name)
    if test is None:  # a kind added to PROTECTED at run time
        test = _HAS_SIGN[name] = _sign_test(_GUARDS.get(name, ("",)))
    return test(text)

# "path" without its Windows alternatives: the same matches in a text holding
# neither ":\\" nor "\\\\", where those cannot match.  Scanned alone it runs
# over a hundred times faster (the combined pattern starts with a word
# boundary, so no quick scan for its first character is possible), and "/"
# is common in prose.
_UNIX_PATH = regex.compile(r"(?<![\w/])/(?:[\w.-]+/)+(?:[\w.-]*[\w-])?")
_WINDOWS_SIGNS = (":\\", "\\\\")


_BUILTIN_PATH = PROTECTED["path"]


def _pattern(name: str, text: str) -> regex.Pattern:
    """The pattern to scan ``text`` with for the protected kind ``name``."""
    pat = PROTECTED[name]
    if pat is _BUILTIN_PATH and not any(sign in text for sign in _WINDOWS_SIGNS):
        return _UNIX_PATH
    return pat


def protected_spans(text: str, ctx=None) -> list[tuple[int, int]]:
    """Sorted, merged spans of ``text`` that fixers must leave alone.

    Cached per text in ``ctx.cache`` so the fixers of one run share the work.

    >>> protected_spans("see https://example.org/a-b. Mail me@x.org")
    [(4, 27), (34, 42)]
    """
    if ctx is not None:
        hit = ctx.cache.get("protect.spans")
        if hit is not None and hit[0] is text:
            return hit[1]
    spans: list[tuple[int, int]] = []
    for name in PROTECTED:
        if _has_sign(name, text):
            spans.extend(m.span() for m in _pattern(name, text).finditer(text))
    if ctx is not None:
        for pat in ctx.options.get("protect") or ():
            p = regex.compile(pat) if isinstance(pat, str) else pat
            spans.extend(m.span() for m in p.finditer(text) if m.end() > m.start())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    if ctx is not None:
        ctx.cache["protect.spans"] = (text, merged)
    return merged


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does ``[start, end)`` touch any of the sorted, merged ``spans``?"""
    if not spans:
        return False
    k = bisect.bisect_right(spans, (start, float("inf"))) - 1
    if k >= 0 and spans[k][1] > start:
        return True
    k += 1
    return k < len(spans) and spans[k][0] < max(end, start + 1)

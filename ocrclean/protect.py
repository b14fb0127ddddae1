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




# Characters too common in prose to pre-test a sign by (see _sign_test).
_COMMON_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,\n")


def _contains(sign: str):
    """A test for "does the text hold ``sign``?".  A sign of several characters
    with a rare one (``://``: the colon) first asks for that character alone:
    one character is found at memchr speed, a string of several some ten times
    slower, and most pages lack the rare character.

    >>> _contains("://")("see http://x"), _contains("://")("Sir: no")
    (True, False)
    """
    key = next((ch for ch in sign if ch not in _COMMON_CHARS), None)
    if len(sign) == 1 or key is None:
        return lambda text: sign in text
    return lambda text: key in text and sign in text


def _sign_test(signs: tuple[str, ...]):
    """A test for "does the text hold one of ``signs``?": str's `in` for each of
    a few (single characters first: the cheapest tests, and the likeliest to
    settle it), one regex search for many (the engine finds their common first
    character at C speed, so the thirteen domain endings cost one scan, not
    thirteen).

    >>> _sign_test((".com", ".org"))("see x.org"), _sign_test(("@",))("no mail")
    (True, False)
    >>> _sign_test(("://", "www.", "WWW."))("see www.x.org")
    True
    """
    if len(signs) <= 3:
        tests = tuple(map(_contains, sorted(signs, key=len)))
        # (chained by hand: protected_spans asks four kinds on every text it
        # reads, and any() over a generator costs more than the tests)
        if not tests:
            return lambda text: False
        if len(tests) == 1:
            return tests[0]
        if len(tests) == 2:
            first, second = tests
            return lambda text: first(text) or second(text)
        first, second, third = tests
        return lambda text: first(text) or second(text) or third(text)
    search = re.compile("|".join(map(re.escape, signs))).search
    return lambda text: search(text) is not None


_HAS_SIGN = {name: _sign_test(_GUARDS.get(name, ("",))) for name in PROTECTED}


def _has_sign(name: str, text: str) -> bool:
    """Is it worth scanning ``text`` for the protected kind ``name``?"""
    test = _HAS_SIGN.get(name)
    if test is None:  # a kind added to PROTECTED at run time
        test = _HAS_SIGN[name] = _sign_test(_GUARDS.get(name, ("",)))
    return test(text)

# Each built-in kind is found from a character it must contain, so the engine
# can skip to it at C speed: "path" and "domain" as written open with a word
# boundary or a look-behind, which the engine must try at every character (on a
# 190 KB text about 18 ms each, and protected_spans runs once per changed text).
# The scans below give exactly the spans ``finditer`` of the written pattern
# gives (tests/test_protect.py compares them on tricky text).

# "path", one alternative each; their first characters differ (a drive letter,
# a backslash, a slash), so at most one can match at any position.
_DRIVE_PATH = regex.compile(r"\b[A-Za-z]:\\[^\s]+")   # tried at the letter before each ':\'
_UNC_PATH = regex.compile(r"\\\\[^\s]+")
# the slash first, then the look-behind: '(?<![\w/])/' as the engine can skip to it
_UNIX_PATH = regex.compile(r"/(?<![\w/]/)(?:[\w.-]+/)+(?:[\w.-]*[\w-])?")
_WINDOWS_SIGNS = (":\\", "\\\\")
# (each asks for its rare character first, at memchr speed: most pages with a
# slash hold neither a colon nor a backslash, see _contains)
_HAS_WINDOWS_SIGN = _sign_test(_WINDOWS_SIGNS)

_BUILTIN_PATH = PROTECTED["path"]
_BUILTIN_DOMAIN = PROTECTED["domain"]
# a domain's ending, which every match holds; a match lies inside one run of
# [\w.-] characters, so the pattern is run over the runs holding an ending only
_DOMAIN_ENDING = regex.compile(r"(?i)\.(?:com|org|net|edu|gov|int|io|uk|fr|de)")
_RUN_BEFORE = regex.compile(r"[\w.-]*", regex.REVERSE)
_RUN_AFTER = regex.compile(r"[\w.-]*")


def _search_drive(text: str, pos: int):
    """The first match of ``_DRIVE_PATH`` starting at or after ``pos``, found
    from its ':\\' (the pattern matched at the letter before, which sees the
    text before it for its word boundary)."""
    k = text.find(":\\", pos + 1)
    while k >= 0:
        m = _DRIVE_PATH.match(text, k - 1)
        if m is not None:
            return m
        k = text.find(":\\", k + 1)
    return None


def _path_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``PROTECTED["path"].finditer(text)`` gives, from three quick
    scans: the next match of each alternative is kept, the earliest taken, and
    an alternative whose next match starts inside the one taken searches again
    from its end (as the combined scan would)."""
    if not _HAS_WINDOWS_SIGN(text):
        return [m.span() for m in _UNIX_PATH.finditer(text)]
    searches = (_search_drive, _UNC_PATH.search, _UNIX_PATH.search)
    nexts = [search(text, 0) for search in searches]
    spans = []
    while True:
        found = [m for m in nexts if m is not None]
        if not found:
            return spans
        m = min(found, key=lambda m: m.start())
        spans.append(m.span())
        end = m.end()
        nexts = [search(text, end) if n is not None and n.start() < end else n
                 for search, n in zip(searches, nexts)]


def _domain_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``PROTECTED["domain"].finditer(text)`` gives: the pattern run
    over each run of word characters, dots and hyphens that holds a domain ending."""
    spans = []
    run_end = -1
    for hit in _DOMAIN_ENDING.finditer(text):
        if hit.start() < run_end:
            continue  # in the run already scanned
        run_start = _RUN_BEFORE.match(text, 0, hit.start()).start()
        run_end = _RUN_AFTER.match(text, hit.start()).end()
        spans.extend(m.span() for m in _BUILTIN_DOMAIN.finditer(text, run_start, run_end))
    return spans


def _spans(name: str, text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` the protected kind ``name`` matches."""
    pat = PROTECTED[name]
    if pat is _BUILTIN_PATH:
        return _path_spans(text)
    if pat is _BUILTIN_DOMAIN:
        return _domain_spans(text)
    return [m.span() for m in pat.finditer(text)]


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
        test = _HAS_SIGN.get(name)  # (_has_sign, inlined: four kinds a text)
        if test(text) if test is not None else _has_sign(name, text):
            spans.extend(_spans(name, text))
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

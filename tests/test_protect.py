"""protected_spans: what no fixer may change, found by the cheapest scan that finds it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrclean.protect import (
    PROTECTED,
    _domain_spans,
    _path_spans,
    overlaps,
    protected_spans,
)


def _covered(text: str) -> list[str]:
    return [text[s:e] for s, e in protected_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("see /usr/local/bin for it", ["/usr/local/bin"]),
    ("C:\\Users\\ann\\notes.txt is mine", ["C:\\Users\\ann\\notes.txt"]),
    ("\\\\server\\share and /var/log/ both", ["\\\\server\\share", "/var/log/"]),
    # a Windows sign anywhere in the text: both kinds are still found
    ("D:\\x and /etc/hosts/ too", ["D:\\x", "/etc/hosts/"]),
    ("mail ann@example.org or see www.example.org/a/b.", ["ann@example.org", "www.example.org/a/b"]),
])
def test_protected_spans(text, expected):
    assert _covered(text) == expected


@pytest.mark.parametrize("text", [
    "and/or the 1/2 share",        # a slash in prose is no path
    "a /b c",                      # one slash and a word: no directory
    "plain prose, nothing to keep.",
])
def test_protected_spans_negatives(text):
    assert protected_spans(text) == []


def test_overlaps():
    spans = [(4, 8), (12, 20)]
    assert overlaps(spans, 6, 7) and overlaps(spans, 0, 5) and overlaps(spans, 19, 30)
    assert not overlaps(spans, 8, 12) and not overlaps(spans, 0, 4) and not overlaps([], 0, 9)


# protected_spans finds "path" and "domain" from a character each match must
# hold (see protect._path_spans, _domain_spans); it must give exactly the spans
# that finditer of the patterns as written gives
_SCAN_CASES = [
    "/usr/local/bin at a line start",
    "see\n/etc/x/ and a/b/c or //x/y and /a/b/",
    "x/y/z and _/a/b/ and ./a/b and -/a/b/c",
    "C:\\dir\\f.txt and c:\\ and 9:\\x and é:\\x and aC:\\x",
    "/a/b:\\x and /a/b:\\c:\\d and \\\\srv\\s/x/y and C:\\x /a/b/",
    "\\\\ \\\\x\\\\y and :\\ at the start",
    ":\\x",
    "www.example.org/a/b. x.com. a.b.co.uk, me@x.org",
    "X.COM and Foo.Org and x.Com, .com alone, x..com, -x.com-, x.comma, x.com_y",
    "a-b.c-d.net/path e.g. x.fr.de and x.de.",
    "sub.domain.example.edu.au, élan.fr, naïve.io and x.iox y.int.",
    "word.com.word.org in one run, then.com",
    "",
]


@pytest.mark.parametrize("text", _SCAN_CASES)
@pytest.mark.parametrize("kind, scan", [("path", _path_spans), ("domain", _domain_spans)])
def test_quick_scans_match_the_patterns(text, kind, scan):
    assert scan(text) == [m.span() for m in PROTECTED[kind].finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab/\\:.-_ \nCcomorgdeé@")), max_size=40))
def test_quick_scans_match_the_patterns_on_any_text(text):
    for kind, scan in (("path", _path_spans), ("domain", _domain_spans)):
        assert scan(text) == [m.span() for m in PROTECTED[kind].finditer(text)], kind

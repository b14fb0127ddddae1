"""protected_spans: what no fixer may change, found by the cheapest scan that finds it."""

import pytest

from ocrclean.protect import overlaps, protected_spans


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

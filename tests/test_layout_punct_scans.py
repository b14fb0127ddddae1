"""Layout, hyphen and punctuation scans written for speed find exactly what the
plain code they stand for finds (the fixers' output must not change with
their speed).  Each reference below is the code as it was first written."""

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrclean.fixers import punctuation as P

# -- how often a text spaces ; : ! ? (punctuation_spacing) ---------------------------

_HIGH_MARK_REFERENCE = re.compile(r"[;:!?]")


def _spaced_reference(text):
    """The count over a scan for the class of marks, as first written."""
    spaced = tight = 0
    for m in _HIGH_MARK_REFERENCE.finditer(text):
        p = m.start()
        before = text[p - 1:p]
        if before and before in P._HIGH_BLANKS:
            a = p - 1
            while a > 0 and text[a - 1] in P._HIGH_BLANKS:
                a -= 1
            if a > 0 and not text[a - 1].isspace():
                spaced += 1
        elif before.isalnum() or before == "_":
            tight += 1
    return spaced > 0 and spaced >= tight


@pytest.mark.parametrize("text, expected", [
    ("Why ? Because ; so", True),
    ("Why? Yes; so ;", False),
    ("a ;b; c ; d;", True),          # two spaced, two tight: spaced at least as often
    ("x\u00a0: y: z :", True),
    ("\n ; ;a;", True),              # after a line break: neither; after a mark: spaced
    ("_; 1: \u00b2? ?", False),      # '_', digits and '\u00b2' count as tight
    ("a \t ! b!", True),
    ("?; ; :", True),                # marks at the start, and after a mark
    ("no marks at all", False),
    ("", False),
])
def test_spaced_marks_counted_as_first_written(text, expected):
    assert P._spaced_at_least_as_often(text) == _spaced_reference(text) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(";:!? \t\u00a0\u202f\nab_1\u00b2.")), max_size=40))
def test_spaced_marks_on_any_text(text):
    assert P._spaced_at_least_as_often(text) == _spaced_reference(text)

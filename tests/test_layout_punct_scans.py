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


# -- lost_stops asks for the language only where it would take a stop ----------------

_FRENCH_NO_STOPS = "le greffier lut une longue liste et les hommes répondirent chacun à son tour " * 7
_ENGLISH_NO_STOPS = "the clerk read out a long list of charges and the men answered each one in turn " * 7


@pytest.mark.parametrize("tail", [
    "devant Mr J K Emerton",        # an initial
    "à son tour The prisoner was",  # a sentence opener
    "chez Brown and Co, de York",   # a firm's 'and Co'
])
def test_lost_stops_take_no_stop_on_a_page_in_another_language(tail):
    from ocrclean import Pipeline
    text = _FRENCH_NO_STOPS + tail
    assert P.stops_lost(text)
    assert Pipeline(only=["lost_stops"]).clean(text).text == text
    # ... which the same tail on an English page does get
    english = _ENGLISH_NO_STOPS + tail
    assert Pipeline(only=["lost_stops"]).clean(english).text != english


def test_lost_stops_asks_for_the_language_only_at_a_place_for_a_stop(monkeypatch):
    asked = []
    real = P.effective_language
    monkeypatch.setattr(P, "effective_language", lambda text, ctx: asked.append(text) or real(text, ctx))
    assert P.stops_lost(_ENGLISH_NO_STOPS)
    assert list(P.fix_lost_stops(_ENGLISH_NO_STOPS, None)) == []
    assert asked == []  # nothing to stop: no guess made
    page = _ENGLISH_NO_STOPS + "at the time The prisoner was"
    assert [p.replacement for p in P.fix_lost_stops(page, None)] == ["."]
    assert asked == [page]  # asked once, at the first place


# -- blanks beside line breaks (whitespace) ------------------------------------------


def _break_neighbours_reference(text):
    """_break_neighbours as first written: a str.find step for every line break."""
    blank_sign = False
    before, after = [], []
    q = text.find("\n")
    while q >= 0:
        if q and text[q - 1] == " ":
            before.append(q - 1)
        c = text[q + 1:q + 2]
        if c == " ":
            after.append(q)
        if not blank_sign and (c == "\t" or ((c == "\n" or c == " ") and text[q + 1:q + 3] in ("\n\n", " \n", "\n "))):
            blank_sign = True
        q = text.find("\n", q + 1)
    return blank_sign, before, after


@pytest.mark.parametrize("text, expected", [
    ("a \nb\n c\n\n\nd", (True, [1], [4])),
    ("plain\nlines\nonly", (False, [], [])),
    ("two\n\nbreaks", (False, [], [])),            # one blank line is no run
    ("tab\n\tafter", (True, [], [])),
    ("\n \n", (True, [1], [0])),                   # spaces on a blank line
    ("\n\n ", (True, [], [1])),
    (" \n", (False, [0], [])),
    ("\n", (False, [], [])), ("", (False, [], [])),
    ("x \n \ny  \n\n\n\tz", (True, [1, 3, 7], [2])),
])
def test_break_neighbours_as_first_written(text, expected):
    assert P._break_neighbours(text) == _break_neighbours_reference(text) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\nab\f")), max_size=40))
def test_break_neighbours_on_any_text(text):
    assert P._break_neighbours(text) == _break_neighbours_reference(text)


# -- a line that ends a sentence (line_unwrap) ---------------------------------------


def _ends_sentence(line):
    """line_unwrap's test, as written now."""
    from ocrclean.fixers import layout as LA
    last = line[-1]
    return last in LA._STOP_MARKS or (last in LA._SENTENCE_LAST and bool(LA._SENTENCE_END.match(line)))


def _ends_sentence_reference(line):
    """... and as first written: the pattern after any closing mark."""
    from ocrclean.fixers import layout as LA
    return line[-1] in LA._SENTENCE_LAST and bool(LA._SENTENCE_END.match(line))


@pytest.mark.parametrize("line, expected", [
    ("It ended.", True), ("Why?", True), ("as follows:", True), ("a list;", True),
    ('he said."', True), ("(see above.)", True), ("it\u2019s done.\u2019", True),
    ("no stop here", False), ('a quote"', False), ("(a bracket)", False), ("x\u201d", False),
    ("a stop, then a form feed.\f", False), (".", True), ("]", False),
])
def test_a_line_ends_a_sentence_as_the_pattern_reads_it(line, expected):
    assert _ends_sentence(line) == _ends_sentence_reference(line) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(".!?:;\"')]\u201d\u2019ab \f\u00a0")), min_size=1, max_size=12))
def test_a_line_ends_a_sentence_on_any_line(line):
    line = line.rstrip(" \t\v\r")  # as line_unwrap's lines are
    if line:
        assert _ends_sentence(line) == _ends_sentence_reference(line)

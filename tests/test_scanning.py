"""Patterns scanned from a literal character (ocrclean.scanning) find exactly
what the patterns they stand for find."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrclean.fixers import punctuation as P
from ocrclean.fixers import words as W
from ocrclean.scanning import finditer_each


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


# (the pattern as written, what stands for it: matches or, for the clitics, the
# blanks' positions)
PAIRS = {
    "stray stops": (W._STOP_BEFORE_LOWER, lambda t: _spans(finditer_each(W._STOPS_BEFORE_LOWER, t))),
    "inner capitals": (W._LOWER_THEN_CAPITAL, lambda t: _spans(finditer_each(W._LOWER_THEN_CAPITALS, t))),
    "apostrophe joins": (W._APOSTROPHE_JOIN, lambda t: _spans(finditer_each(W._APOSTROPHE_JOINS, t))),
}


def _reference(pattern, text):
    return _spans(pattern.finditer(text))


TEXTS = [
    "he went to. the house: and. then. The end.: x",
    "faU caUed DeviU feHowes McUlloch UH aUH",
    "did'see all'the men, we'll go, it\u2019s\u2019ok and'x' and'bo\u2019th",
    ". a: b.. c:: d", "'ab'cd'ef", "", "U", ". ",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_literal_first_scans_on_tricky_text(name, text):
    pattern, quick = PAIRS[name]
    assert quick(text) == _reference(pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(".: aUHbl'\u2019s\nT")), max_size=40))
def test_literal_first_scans_on_any_text(text):
    for name, (pattern, quick) in PAIRS.items():
        assert quick(text) == _reference(pattern, text), name


def _space_before(text):
    return [(m.start(), m.end(), m.group(1)) for m in P._SPACE_BEFORE.finditer(text)]


def _from_the_blanks(text):
    return [(m.start(), m.end(), m.group(1)) for m in P._spaces_before_marks(text)]


@pytest.mark.parametrize("text", [
    "Armenia . Azerbaijan , ( see map ) x ; y : z ! w ? v ] u .\" t .'\u201d",
    "  .  , a .5 b ...  c .NET d ,, e\t. f",
    "tabs\t.\t, and spaces . , mixed \t; \t)\t]\" .\t\t?",
    ". at the start", "end .", "", " .", "\t.",
])
def test_scans_from_the_blanks_find_the_spaces_before_marks(text):
    assert _from_the_blanks(text) == _space_before(text)


@pytest.mark.parametrize("text", [
    "Azerbaijan 's and do n't, they \u2019re, we 'll, I 'm, he 'd, you 've",
    "x 'sa y 'res do n'ta  'm\t'd n't 'sn't", "'s at the start", " n't", "",
])
def test_clitic_spaces_are_the_pattern_matches(text):
    assert list(P._clitic_spaces(text)) == [m.start() for m in P._SPACE_CLITIC.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t'\u2019nstrdmvel.,;:!?)]\"\u201d5x\n")), max_size=40))
def test_punctuation_scans_on_any_text(text):
    assert _from_the_blanks(text) == _space_before(text)
    assert list(P._clitic_spaces(text)) == [m.start() for m in P._SPACE_CLITIC.finditer(text)]


def test_finditer_each_merges_in_text_order():
    pats = (re.compile(r"a"), re.compile(r"b"))
    assert [m.start() for m in finditer_each(pats, "babba a")] == [0, 1, 2, 3, 4, 6]
    assert list(finditer_each(pats, "xyz")) == []


# with_letters: a pattern written with the letters of one text matches there
# what the pattern written with [^\W\d_] matches
LETTER_TEMPLATES = [r"{L}+", r"({L}++(?:['\u2019]{L}++)*+)", r"\b{L}{2,}\b", r"[0-9]{L}"]


def _with_categories(template):
    return re.compile(template.replace("{L}", r"[^\W\d_]"))


@pytest.mark.parametrize("template", LETTER_TEMPLATES)
@pytest.mark.parametrize("text", ["plain ascii, don't 12ab x_y", "caf\u00e9 d\u00e9j\u00e0 \u00e0 la \u00ab mode \u00bb",
                                  "x\u00b2 \u00bd \u2160 \u0663 \u00df \u0130stanbul \u03b1\u03b2\u03b3 \u4e2d\u6587", ""])
def test_with_letters_finds_what_the_unicode_class_finds(template, text):
    from ocrclean.scanning import with_letters
    assert with_letters(template, text).findall(text) == _with_categories(template).findall(text)
    assert with_letters(template, text).split(text) == _with_categories(template).split(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=50))
def test_with_letters_on_any_text(text):
    from ocrclean.scanning import with_letters
    for template in LETTER_TEMPLATES:
        assert with_letters(template, text).findall(text) == _with_categories(template).findall(text), template


def test_with_letters_reuses_its_patterns_and_keeps_a_class_per_text():
    from ocrclean.scanning import with_letters
    assert with_letters(r"{L}+", "a b") is with_letters(r"{L}+", "c d")
    assert with_letters(r"{L}+", "\u00e9t\u00e9").pattern == "[A-Za-z\u00e9]+"
    assert with_letters(r"{L}+", "\u00e9t\u00e9 1\u00bd").pattern == "[A-Za-z\u00bd\u00e9]+"
    assert with_letters(r"{L}+", "plain").findall("\u00e9t\u00e9") == ["t"]  # another text's letters are not its own


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=50))
def test_with_letters_class_holds_exactly_the_texts_letters_outside_ascii(text):
    """The class is the ASCII letters and every character outside ASCII in the
    text that [^\\W\\d_] matches, sorted (however they are gathered)."""
    from ocrclean.scanning import with_letters
    extra = "".join(sorted({ch for ch in text if ord(ch) > 127 and re.match(r"[^\W\d_]", ch)}))
    assert with_letters(r"{L}+", text).pattern == f"[A-Za-z{extra}]+"

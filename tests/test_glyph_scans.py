"""The glyph fixers' scans written for speed find exactly what the plain
patterns or loops they stand for find (the output must not change with speed)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrclean.fixers import glyphs as G

# -- letters beside digits (glyph_artifacts' number scan) ----------------------


def _letters_by_digits_as_written(text):
    return [m.start() for m in G._LETTER_BY_DIGIT.finditer(text)]


@pytest.mark.parametrize("text", [
    "in l9l4, 1850 and 1O5; 12.O or Mr. 1,000 and 500l.",
    "1O5", "O1", "1.O", "O.1", "1:I", "I,1", "11", "lIO", "1 O", "", "1", "O",
    "a:1O5 b/1O5 x-l9 19l0s O0 lO 1,2O0,000 l.5 5.l",
    "caf\u00e9 1O5 \u00e91l",            # within Latin-1: the byte shapes
    "\u20ac1O5 \u2014 l9l4",             # beyond Latin-1: the pattern itself
    "\u0663O \u0661l \uff11O",           # digits of other scripts (beyond Latin-1)
    "\u00b2O \u00b9l \u00bdl",           # Latin-1 figures that are no decimal digits
])
def test_letters_by_digits_as_written(text):
    assert G._letters_by_digits(text) == _letters_by_digits_as_written(text)


def test_latin1_holds_no_other_decimal_digit():
    # the byte shapes make only 0-9 digits: right while no other character of
    # Latin-1 is one for the pattern's \d
    assert [ch for ch in map(chr, range(256)) if G.regex.match(r"\d", ch)] == list("0123456789")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("1l0OI9.,:/- a\nx\u00e9\u00b2\u20ac\u0663")), max_size=30))
def test_letters_by_digits_on_any_text(text):
    assert G._letters_by_digits(text) == _letters_by_digits_as_written(text)


# -- the pronoun I read as 1 or l ------------------------------------------------

_ONES_TEST = (" 1 ", " l ", "\n1 ", "\nl ")


def _ones_as_written(text):
    """glyph_artifacts' I-for-1 proposals as the fixer made them: the test for
    a lone 1 or l first, then the scan."""
    if not (any(t in text for t in _ONES_TEST) or text[:2] in ("1 ", "l ")):
        return []
    return [p for p in G.fix_glyph_artifacts(text, None) if p.reason.endswith("the pronoun I")]


@pytest.mark.parametrize("text", [
    "from what 1 have heard", "and l think so", "l am here", "1 have it",
    "(l am) not", "he said:\n1 have", "what 1\nhave", "x1 have", "it is 1 2 3",
    "(1 have) and (l think)", "",
])
def test_ones_for_i_proposals_as_written(text):
    found = [p for p in G.fix_glyph_artifacts(text, None) if p.reason.endswith("the pronoun I")]
    assert found == _ones_as_written(text)


def test_a_one_after_a_bracket_alone_stays():
    # the test for a lone 1 or l keeps a page whose only candidate follows a
    # bracket as it was (the scan alone would mend it)
    assert G._ones_for_i("(l am) not") == [1]
    assert [p for p in G.fix_glyph_artifacts("(l am) not", None) if p.reason.endswith("the pronoun I")] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "l", " ", "\n", "(", "x", "have", "and", "am", "."]), max_size=12)
       .map("".join))
def test_ones_for_i_proposals_on_any_text(text):
    found = [p for p in G.fix_glyph_artifacts(text, None) if p.reason.endswith("the pronoun I")]
    assert found == _ones_as_written(text)


# -- the language guess's scores (ocrclean.language) ---------------------------

from ocrclean import language as LG  # noqa: E402


def _scores_as_written(sample):
    """Each language's score as the guess first counted it: a Counter of the
    function words, each adding its count to the languages that list it."""
    n_words, counts = LG._function_word_counts(sample)
    scores = dict.fromkeys(LG._FUNCTION_WORDS, 0)
    for word, n in counts.items():
        for lang in LG._LANGUAGES_OF[word]:
            scores[lang] += n
    return n_words, scores


@pytest.mark.parametrize("sample", [
    "He came in the evening with the children and they went to the market.",
    "Le chat et the dog and de la", "de la de la the the of of and and en en het het",
    "It's the end, 12 o'clock.  'The fin", "l\u2019homme et l'enfant", "", "12 34",
    "y " * 1023, "y " * 1024, "y e de " * 650,    # fields full, and past full (counted word by word)
    ("the " * 1023)[:4000], "de " * 1400,
])
def test_scores_as_written(sample):
    assert list(LG._scores(sample)[1]) == list(LG._FUNCTION_WORDS)  # (the order max() breaks ties by)
    assert LG._scores(sample) == _scores_as_written(sample)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "de", "la", "y", "e", "und", "het", "x", "It's", "'", " ", "\n",
                                 "\u00c9TAIT", "\u2019", ",", "1"]), max_size=80).map("".join))
def test_scores_on_any_text(sample):
    assert LG._scores(sample) == _scores_as_written(sample)

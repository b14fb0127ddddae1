"""The language guess counts words exactly as its word pattern defines them,
however the counting is sped up (ocrclean.language)."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrclean.language import _ANY_FUNCTION_WORD, _WORD, _function_word_counts


def _reference(text):
    """The plain definition: every match of the word pattern, and the function words among them."""
    words = _WORD.findall(text)
    return len(words), Counter(w for w in words if w in _ANY_FUNCTION_WORD)


@pytest.mark.parametrize("text, n_words, function_words", [
    ("the end.", 2, {"the": 1}),
    ("it's the end, 12 o'clock.", 4, {"the": 1}),          # one word each: it's, o'clock
    ("'the' and \u2018the\u2019", 3, {"the": 2, "and": 1}),  # quotes around a word part it off
    ("word\u2014the\u2014word", 3, {"the": 1}),               # a dash outside ASCII parts words too
    ("1850,the_of", 2, {"the": 1, "of": 1}),                 # digits and _ are no letters
    ("rock'n'roll l\u2019homme", 3, {}),                      # one apostrophe per word
    ("\u00e9tait \u00c9TAIT f\u00fcr", 3, {"\u00e9tait": 1, "f\u00fcr": 1}),  # text is lowered by the caller
    ("", 0, {}),
    ("12 34 -- !", 0, {}),                                   # no letters: no words (must not change)
])
def test_function_word_counts_table(text, n_words, function_words):
    assert _function_word_counts(text) == (n_words, Counter(function_words))
    assert _function_word_counts(text) == _reference(text)


def test_no_function_word_holds_a_non_letter():
    # _function_word_counts counts runs with an apostrophe or a mark without the regex
    assert all(w.isalpha() for w in _ANY_FUNCTION_WORD)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aTheof'. ,1_-\"\t\n\u2019\u00e9\u2014\u00a0\u00b2\u00df\u0301\u0152x")),
               max_size=40))
def test_function_word_counts_match_the_word_pattern(text):
    assert _function_word_counts(text) == _reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_function_word_counts_match_the_word_pattern_on_any_text(text):
    assert _function_word_counts(text) == _reference(text)

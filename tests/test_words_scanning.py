"""The quicker scans word_correction and word_split_merge use find exactly what
the patterns they stand for find (see ocrclean.scanning)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrclean.fixers import words as W


def _reference(pattern, text, s, reach):
    m = pattern.search(text, max(0, s - reach), s)
    return None if m is None else (m.start(1), m.group(1))


# (name: the pattern, the window, and the quick reading standing for it)
BEFORE = {
    "stray stop word": (W._STRAY_STOP_WORD, 8, lambda t, s: _stray(W._word_before(t, s, 30, ".'\u2019-"), s)),
    "long word before a stop": (W._LONG_WORD_BEFORE_STOP, 30,
                                lambda t, s: _longer(W._word_before(t, s, 30, ".'\u2019-"), 4)),
    "piece before a stop": (W._PIECE_BEFORE, 30,
                            lambda t, s: _longer(W._word_before(t, s, 30, ".'\u2019-", capital=True), 2)),
    "word before an apostrophe": (W._WORD_BEFORE_APOSTROPHE, 30,
                                  lambda t, s: W._word_before(t, s, 30, "'\u2019-", capital=True)),
}


def _stray(word, s):  # as stray_stops reads it
    return word if word is not None and word[1] in W._STRAY_STOP_WORDS and (
        word[0] > s - 8 or word[0] == 0 and s <= 8) else None


def _longer(word, n):
    return word if word is not None and len(word[1]) >= n else None


TEXTS = [
    "he went to. the house", "to. the", "x_to. and", "so.to. by", "A Con. tract", "McDonald. x",
    "went\nto\n. the", "of\n. x", "did'see all'the", "it's'ok", "1the. x", "\u00e9the. x",
    "a very long word indeed: extraordinarilylongwordsarehere. x", "" , ".", "the", "Is. x",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("name", sorted(BEFORE))
def test_word_before_at_every_position(name, text):
    pattern, reach, quick = BEFORE[name]
    for s in range(len(text) + 1):
        assert quick(text, s) == _reference(pattern, text, s, reach), (text, s)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("thebyofaxTC .'\u2019-_1\n\u00e9")), max_size=40))
def test_word_before_on_any_text(text):
    for name, (pattern, reach, quick) in BEFORE.items():
        for s in range(len(text) + 1):
            assert quick(text, s) == _reference(pattern, text, s, reach), (name, s)


def _capital_i_reference(text):
    return [m.span(1) for m in W._CAPITAL_I.finditer(text)]


@pytest.mark.parametrize("text", [
    "held In Melbourne today, In the street", " In In the", " In  Into the", " Is Is a", " Its In x",
    "I In the", " Into Its own", "", " In", " In The end.",
])
def test_capital_i_words_are_the_pattern_matches(text):
    assert list(W._capital_i_words(text)) == _capital_i_reference(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" Inostfa.,T\n")), max_size=40))
def test_capital_i_words_on_any_text(text):
    assert list(W._capital_i_words(text)) == _capital_i_reference(text)


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("text", [
    "Tho evidence. Ho was fined. Mr.Ho said, x-Tho way, Tho  x, Ho Ho ho, TTho end", "", "Tho", "Ho he",
])
def test_capital_o_scans_are_the_pattern_matches(text):
    assert _spans(W.finditer_each(W._CAPITAL_OS, text)) == _spans(W._CAPITAL_O.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("THhoe .'-wx\n")), max_size=40))
def test_capital_o_scans_on_any_text(text):
    assert _spans(W.finditer_each(W._CAPITAL_OS, text)) == _spans(W._CAPITAL_O.finditer(text))

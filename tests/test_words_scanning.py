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


# -- moving a scan entry over edits (word_split_merge's _moved_scan) ---------------

_PIECES = ["tbe", "Tbe", "TBE", "hirn", "ofthe", "the", "The", "of", "cat", "a", "x", "'s", "-",
           " ", " ", " ", "  ", "\n", "\n\n", "\t", ". ", ", ", "\u00b2", "\u00e9", "Mr. ", "I"]


def _entry_after(new, o, d):
    """What _occurrence finds for the scan entry ``o`` moved by ``d`` in ``new``."""
    s, e, w, key, form = o[:5]
    kind = "upper" if len(w) > 1 and w.isupper() else "non"
    return W._occurrence(new, s + d, e + d, w, key, form if kind != "upper" else key, kind,
                         W.corrector_for(None).lex.unigrams)


def _moved_entry(o, d):
    lpos, rpos = o[10], o[11]
    return (o[0] + d, o[1] + d) + o[2:10] + (lpos + d if lpos >= 0 else -1, rpos + d if rpos >= 0 else -1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30), st.data())
def test_an_entry_whose_reads_no_edit_touches_is_the_fresh_look_up(pieces, data):
    text = "".join(pieces)
    corr = W.corrector_for(None)
    scan = W._scan(text, None, corr)
    if not scan or not scan[0]:
        return
    o = data.draw(st.sampled_from(scan[0]))
    # at most one edit before the token and one after it, anywhere, short, of any change in length
    left_end, right_start, new, d = -42, len(text) + 42, text, 0
    if data.draw(st.booleans()):
        c = data.draw(st.integers(o[1], len(text)))
        f = data.draw(st.integers(c, min(len(text), c + 4)))
        new = new[:c] + data.draw(st.sampled_from(["", "the", "x", " ", ".", "\n"])) + new[f:]
        right_start = c
    if data.draw(st.booleans()):
        b = data.draw(st.integers(0, o[0]))
        a = data.draw(st.integers(max(0, b - 4), b))
        repl = data.draw(st.sampled_from(["", "the", "x", " ", ".", "\n"]))
        new = new[:a] + repl + new[b:]
        left_end, d = b, len(repl) - (b - a)
    if W._reads_untouched(text, o, left_end, right_start):
        assert _entry_after(new, o, d) == _moved_entry(o, d)


@pytest.mark.parametrize("text, edit, untouched", [
    ("he said tbe cat sat on a mat, and so it went", (40, 44, "gone"), True),  # far after
    ("the cat hirn tbe dog", (8, 12, "him"), False),                          # the neighbour itself
    ("xx, and tbe dog", (0, 1, "yy"), True),                                  # before the neighbour's gap
    ("xx, and tbe dog", (1, 2, ""), False),                                   # the character before it
    ("tbe, said he", (5, 9, "cried"), True),                                  # beyond the comma
    ("tbe , said he", (4, 5, ";"), False),                                    # the character after the spaces
])
def test_reads_untouched_examples(text, edit, untouched):
    o = next(o for o in W._scan(text, None, W.corrector_for(None))[0] if o[2] == "tbe")
    a, b, _ = edit
    left_end, right_start = (b, len(text) + 42) if b <= o[0] else (-42, a)
    assert W._reads_untouched(text, o, left_end, right_start) is untouched


def test_a_word_joined_by_a_hyphen_is_looked_up_afresh():
    o = (2, 5, "tbe", "tbe", "tbe", None, None, False, "a", None, 0, -1)
    assert not W._reads_untouched("a tbe-cat", o, -42, 100)


def test_form_counter_answers_as_a_counter_however_often_asked():
    # the first few answers come from list scans, the rest from a Counter made then
    from collections import Counter

    from ocrclean.fixers.words import _FormCounter
    words = "Tho the Tho tho Smith the Tho Jones tho the".split()
    counter = _FormCounter(words)
    asked = ["Tho", "the", "Smith", "Nobody", "Tho", "Jones", "tho", ""] * 2
    assert [counter.count(w) for w in asked] == [Counter(words)[w] for w in asked]
    assert counter.counts is not None  # a long run of questions ends in one Counter

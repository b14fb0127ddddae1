"""The language guess counts words exactly as its word pattern defines them,
however the counting is sped up (ocrclean.language)."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrclean.language import _ANY_FUNCTION_WORD, _FUNCTION_WORDS, _WORD, _function_word_counts, guess_language

def _reference(text):
    """The plain definition: every match of the word pattern in the lowered
    text, and the function words among them."""
    words = _WORD.findall(text.lower())
    return len(words), Counter(w for w in words if w in _ANY_FUNCTION_WORD)


def _reference_scores(sample):
    n_words, counts = _reference(sample.lower())
    return n_words, {lang: sum(counts[w] for w in counts.keys() & fw) for lang, fw in _FUNCTION_WORDS.items()}


def _guess_reference(text):
    """guess_language as first written (the sample lowered, the plain word
    count, one set intersection per language), with the documented short
    reading: the first 800 characters settle it when the leading language has
    15 function words there or more (8% of the words), three times the runner-up's."""
    if len(text) > 800:
        n_words, scores = _reference_scores(text[:800])
        best = max(scores, key=scores.get)
        top = scores[best]
        if top >= 15 and top >= 0.08 * n_words and top >= 3 * max(v for k, v in scores.items() if k != best):
            return best
    n_words, scores = _reference_scores(text[:4000])
    if n_words < 8:
        return None
    best = max(scores, key=scores.get)
    top = scores[best]
    if top < max(3, 0.08 * n_words):
        return None
    second = max(v for k, v in scores.items() if k != best)
    return best if top >= 1.5 * second else None


@pytest.mark.parametrize("text, n_words, function_words", [
    ("the end.", 2, {"the": 1}),
    ("it's the end, 12 o'clock.", 4, {"the": 1}),          # one word each: it's, o'clock
    ("'the' and \u2018the\u2019", 3, {"the": 2, "and": 1}),  # quotes around a word part it off
    ("word\u2014the\u2014word", 3, {"the": 1}),               # a dash outside ASCII parts words too
    ("1850,the_of", 2, {"the": 1, "of": 1}),                 # digits and _ are no letters
    ("rock'n'roll l\u2019homme", 3, {}),                      # one apostrophe per word
    ("\u00e9tait \u00c9TAIT f\u00fcr", 3, {"\u00e9tait": 2, "f\u00fcr": 1}),  # capitals outside ASCII lowered
    ("The AND Of thE", 4, {"the": 2, "and": 1, "of": 1}),  # ASCII capitals lowered
    ("\u00abthe\u00bb \u201cand\u201d\u00a0of\u00b2", 3, {"the": 1, "and": 1}),  # marks part words; \u00b2 is a letter to \\w
    ("\u03a3\u039f\u03a3 the \u212a", 3, {"the": 1}),        # final sigma, Kelvin sign: lowered as str.lower does
    ("a'b'c the''of 'of' x\u2019", 6, {"the": 1, "of": 2}),              # one apostrophe per word; a doubled one parts words
    ("", 0, {}),
    ("12 34 -- !", 0, {}),                                   # no letters: no words (must not change)
])
def test_function_word_counts_table(text, n_words, function_words):
    assert _function_word_counts(text) == (n_words, Counter(function_words))
    assert _function_word_counts(text) == _reference(text)


def test_no_function_word_holds_a_non_letter():
    # _function_word_counts counts the runs with an apostrophe without the regex
    assert all(w.isalpha() for w in _ANY_FUNCTION_WORD)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aTheof'. ,1_-\"\t\n\u2019\u00e9\u2014\u00a0\u00b2\u00df\u0301\u0152x\u00ab\u03a3\u212a\u0130\u0660")),
               max_size=40))
def test_function_word_counts_match_the_word_pattern(text):
    assert _function_word_counts(text) == _reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_function_word_counts_match_the_word_pattern_on_any_text(text):
    assert _function_word_counts(text) == _reference(text)


# guess_language reads an ASCII sample without lowering it first and adds up
# the languages' scores word by word: its answers must be the reference's
_SAMPLES = [
    "He came in the evening with the children and they went to the market.",
    "Il est arriv\u00e9 hier soir avec les enfants, et nous sommes all\u00e9s au march\u00e9.",
    "IL EST ARRIV\u00c9 HIER SOIR AVEC LES ENFANTS ET NOUS SOMMES ALL\u00c9S AU MARCH\u00c9 \u00c9TAIT.",
    "THE MAN AND THE DOG WENT TO THE TOWN OF YORK WITH HIS WIFE.",
    "Der Mann und die Frau sind nicht mit dem Hund auf der Stra\u00dfe, f\u00fcr sich.",
    "de la de la the the of of and and en en het het",  # ties between languages
    "12 34 56", "", "the " * 3000 + "le la les de des du et est une un que qui " * 200,
]


@pytest.mark.parametrize("text", _SAMPLES)
def test_guess_language_as_first_written(text):
    assert guess_language(text) == _guess_reference(text)


@pytest.mark.parametrize("text", [
    "The man \ud800 and the dog went to the town of York with his wife and the child.",
    "Il est arriv\u00e9 \udcff hier soir avec les enfants et nous sommes all\u00e9s au march\u00e9.",
    "\udc80" * 5 + " the of and" + "\udfff",
    "the\ud800the of\udc00of",  # a surrogate parts words as any other non-letter does
])
def test_guess_language_on_lone_surrogates(text):
    # (a str decoded with errors="surrogateescape" holds lone surrogates: the guess
    # must read it, not fail on encoding it)
    assert guess_language(text) == _guess_reference(text)
    assert _function_word_counts(text) == _reference(text)


_WORDS = sorted(_ANY_FUNCTION_WORD) + ["The", "LES", "\u00c9TAIT", "F\u00fcR", "man", "it's", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", ", ", ".\n", "'", " 12 ", "\u2014"])),
                max_size=60).map(lambda pairs: "".join(w + sep for w, sep in pairs)))
def test_guess_language_on_function_word_soup(text):
    assert guess_language(text) == _guess_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_guess_language_on_any_text(text):
    assert guess_language(text) == _guess_reference(text)


_EN = "He came in the evening with the children and they went to the market. "   # 8 English function words
_FR = "Il est venu le soir avec les enfants et ils sont all\u00e9s au march\u00e9. "   # 9 French ones
_NAMES = "Smith, Jones, Brown, 1850; Green, White, 1851; Black, Grey, 1852. "     # none


@pytest.mark.parametrize("text, expected", [
    # the first 800 characters settle it: what follows is not read
    (_EN * 17 + _FR * 60, "en"),
    (_FR * 17 + _EN * 60, "fr"),
    # too few function words in the first 800 characters: read on to 4,000
    (_NAMES * 18 + _EN * 30, "en"),
    (_NAMES * 18 + _FR * 30, "fr"),
    # both languages near level at first: the longer reading decides
    ((_EN + _FR) * 9 + _FR * 30, "fr"),
    # nothing to go on anywhere
    (_NAMES * 60, None),
    # a short text is read whole, as before
    (_EN * 2 + _FR * 6, "fr"),
])
def test_guess_language_reads_on_only_when_the_first_lines_leave_it_in_doubt(text, expected):
    assert guess_language(text) == expected
    assert _guess_reference(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS + ["Smith", "1850", "market"]),
                          st.sampled_from([" ", ", ", ".\n", " 12 "])),
                min_size=150, max_size=700).map(lambda pairs: "".join(w + sep for w, sep in pairs)))
def test_guess_language_on_long_texts(text):
    # long enough for the short reading to settle some and leave others in doubt
    assert guess_language(text) == _guess_reference(text)

"""Long garbled non-words two plain edits from a word: the search and the corrector's use of it."""

import pytest
from hypothesis import given, settings, strategies as st

from ocrclean import Applicability, clean
from ocrclean.fixers.words import corrector_for
from ocrclean.lexicon import english_lexicon

# a page of modern prose (60 words and more, no old spellings) with a slot for one sentence
MODERN = ("The council of the shire met on Tuesday evening in the new library. The mayor said that the "
          "road to the station would be repaired before the spring, and that the money had been found in "
          "the budget. A number of ratepayers asked about the water supply, which had failed twice during "
          "the summer. {}")
# the same length of early-modern spelling
OLD = ("Then hee went vnto the towne, and thou hast heard how the goodman said that hee would goe with "
       "him. And when they came to the house, the wife did bid them sit downe, and shee brought them bread "
       "and drinke, for shee was a good woman and a kind. {}")


def osa_distance(a: str, b: str) -> int:
    """Edit distance with swaps of neighbours (optimal string alignment), for checking."""
    d = [[i + j if not i * j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


# -- the search ----------------------------------------------------------------------

@pytest.mark.parametrize("token,word", [
    ("goverzmect", "government"),   # two letters changed, far apart
    ("xgreement", "agreement"),     # one changed at the very start ...
    ("gxvernmen", "government"),    # ... both edits in the first half (found backwards)
    ("governmnet", "government"),   # a swap at the end
    ("tovernmetn", "government"),   # a change at the start and a swap at the end
    ("agreemeent", "agreement"),    # a letter too many
    ("agremnt", "agreement"),       # two letters missing
    ("procedingss", "proceedings"),  # one missing, one too many
    ("ggovernmen", "government"),   # one too many at the start, one missing at the end
])
def test_words_two_edits_away_are_found(token, word):
    found = english_lexicon().within_two_edits(token)
    assert word in found
    assert token not in found


@pytest.mark.parametrize("token", ["qzxwvkjq", "gqvxrzmxct"])
def test_nothing_is_found_where_no_word_is_two_edits_away(token):
    assert english_lexicon().within_two_edits(token) == []


def test_found_words_are_within_two_edits_and_most_frequent_first():
    lex = english_lexicon()
    found = lex.within_two_edits("becawze")
    assert found and all(osa_distance("becawze", w) <= 2 for w in found)
    assert [lex.count(w) for w in found] == sorted((lex.count(w) for w in found), reverse=True)


_WORDS = sorted(w for w, n in english_lexicon().unigrams.items() if len(w) >= 7 and w.isalpha() and n > 1e6)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edit(word: str, pos: int, kind: int, letter: str) -> str:
    if kind == 0:
        return word[:pos] + letter + word[pos:]          # a letter put in
    if kind == 1:
        return word[:pos] + word[pos + 1:]               # a letter left out
    if kind == 2:
        return word[:pos] + letter + word[pos + 1:]      # a letter changed
    return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:]  # two neighbours swapped


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_WORDS), st.data())
def test_any_two_separate_edits_of_a_word_lead_back_to_it(word, data):
    # two edits at least three letters apart (so neither undoes or overlaps the other)
    p1 = data.draw(st.integers(0, len(word) - 5))
    p2 = data.draw(st.integers(p1 + 3, len(word) - 2))
    k1, k2 = data.draw(st.integers(0, 3)), data.draw(st.integers(0, 3))
    l1, l2 = data.draw(st.sampled_from(_LETTERS)), data.draw(st.sampled_from(_LETTERS))
    token = _edit(_edit(word, p2, k2, l2), p1, k1, l1)  # the later one first: positions hold
    if token != word:
        found = english_lexicon().within_two_edits(token)
        assert word in found
        assert all(osa_distance(token, w) <= 2 for w in found)


# -- the corrector -------------------------------------------------------------------

@pytest.mark.parametrize("sentence,expected", [
    ("The goverzmect will pay for the work.", "The government will pay for the work."),
    ("The aqreemznt was signed by both sides.", "The agreement was signed by both sides."),
    ("The prodeedinks of the meeting were printed.", "The proceedings of the meeting were printed."),
    ("It was closed becawze of the rain.", "It was closed because of the rain."),
    ("The Goverzmect will pay for the work.", "The Government will pay for the work."),  # letters no name has
    ("The report was read by Aqreemznt and others.", "The report was read by Agreement and others."),
])
def test_a_long_slip_two_edits_from_one_word_is_mended_in_modern_print(sentence, expected):
    r = clean(MODERN.format(sentence))
    assert r.text == MODERN.format(expected)
    (edit,) = [e for e in r.edits if "two edits" in e.reason]
    assert edit.applicability == Applicability.SAFE and "modern print" in edit.reason


@pytest.mark.parametrize("sentence", [
    # names: capitalised inside a sentence, two edits from a word (Baltimore, mortgage, Wimbledon)
    "Mr Lattimore and Mr Mortlake spoke for the club.",
    "The boat was sold to Dimbleton yesterday.",
    # ... and at the start of a sentence, where the word does not lead keeping the name
    "Lattimore said he would come.",
    # a capitalised token of odd letters next to a capitalised word: one of a name's words
    "The report was read by Harold Aqreemznt and others.",
    "The report was read by Prodeedinks yesterday.",  # a name-like token with letters names have
    # rare real words and plain spellings some list knows
    "He was a curmudgeon and a blatherskite.",
    "The colour of the harbour was grey.",
    # letters run on from a lost space: the word is the token's beginning or end
    "The governmentxy will pay.",
    "The xygovernment will pay.",
    # two readings close together ('minister', 'ministers'): no clear lead
    "The mxnisterr opened the bridge.",
    # two capitals inside the token: not a plain slip
    "The GoVerzMect will pay for the work.",
    # short tokens have many neighbours two edits away
    "The qaxer was full.",
])
def test_names_rare_words_and_unclear_tokens_stay_in_modern_print(sentence):
    page = MODERN.format(sentence)
    r = clean(page)
    assert not [e for e in r.edits if "two edits" in e.reason]
    assert sentence in r.text


@pytest.mark.parametrize("sentence", [
    "The goverzmect will pay for the work.",
    "It was closed becawze of the rain.",
])
def test_an_early_modern_page_or_a_line_alone_keeps_the_token(sentence):
    # on an old page an unknown word may be a spelling of its day; a line says too little
    for text in (OLD.format(sentence), sentence):
        r = clean(text, preset="aggressive")
        assert not [e for e in r.edits if "two edits" in e.reason]
        assert sentence in r.text


def test_the_documents_own_spelling_goes_first():
    # a token one cheap confusion (o for e) from a spelling the document uses three times
    # takes that spelling, not the word two plain edits away; used twice, the document's
    # spelling is only a suggestion, and the token stays
    three = "Mr Geverzmect came. Mr Geverzmect went. Mr Geverzmect said the goverzmect will pay."
    assert clean(MODERN.format(three)).text.endswith("said the geverzmect will pay.")
    two = "Mr Geverzmect came. Mr Geverzmect went. Then the goverzmect will pay."
    r = clean(MODERN.format(two))
    assert r.text.endswith("Then the goverzmect will pay.")
    assert not [e for e in r.edits if "two edits" in e.reason]


def test_mending_is_idempotent_and_keeps_other_text():
    page = MODERN.format("The goverzmect and the aqreemznt were ready.")
    once = clean(page).text
    assert "government" in once and "agreement" in once
    assert clean(once).text == once


@pytest.mark.parametrize("token,left,right,name_like,expected", [
    ("goverzmect", "the", "will", False, "government"),
    ("prodeedinks", "the", "of", False, "proceedings"),
    ("prodeedinks", "the", "of", True, None),         # capitalised inside a sentence, letters names have
    ("goverzmect", "the", "will", True, "government"),  # ... letters no name has ('zm', 'ct$')
    ("lattimore", "that", "said", False, None),        # 'baltimore' is the only word, but keeping leads
    ("mxnisterr", "the", "opened", False, None),       # 'minister' and 'ministers' too close
    ("agreementxy", "the", "was", False, None),        # the word and letters run on
    ("xyagreement", "the", "was", False, None),
    ("gOveRzmect", "the", "will", False, None),         # capitals inside
    ("curmudgeon", "a", "and", False, None),           # a word the larger list knows
])
def test_the_two_edit_decision(token, left, right, name_like, expected):
    corr = corrector_for(None)
    d = corr.decide_two_edit(token, token.lower(), left, right, name_like)
    assert (d and d[0]) == expected
    if d:
        assert d[3] == Applicability.UNSAFE and d[5] == "modern"  # made safe by a modern page only


def test_decisions_are_cached_per_token_and_context():
    corr = corrector_for(None)
    first = corr.decide_two_edit("goverzmect", "goverzmect", "the", "will", False)
    assert first is not None and first[0] == "government"
    assert corr.decide_two_edit("goverzmect", "goverzmect", "the", "will", False) is first
    # a capitalised token inside a sentence with letters names have is held for a name
    assert corr.decide_two_edit("prodeedinks", "prodeedinks", "by", None, True) is None

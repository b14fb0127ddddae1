"""Word lists: the bundled dictionaries, morphology, document counts, user dictionaries."""

import pytest

from ocrclean.lexicon import (LexiconError, Lexicon, document_counts, english_lexicon, is_known_form,
                              lexicon_from_file, load_frequency_file)

_known = english_lexicon().unigrams.__contains__


@pytest.mark.parametrize("word", [
    "sister's", "brothers'", "carried", "stopped", "running", "loveliness", "knowne",
    "well-known", "sea-wall", "houses", "happily", "readie", "remedie", "studies",
])
def test_known_forms(word):
    assert is_known_form(word, _known)


@pytest.mark.parametrize("word", ["tbe", "hirn", "wero", "tlie", "xq-zz", "-", "thie", "tbie"])
def test_unknown_forms(word):
    assert not is_known_form(word, _known)


def test_english_lexicon_counts_and_bigrams():
    lex = english_lexicon()
    assert lex.count("the") > lex.count("tho") > 0
    assert lex.bigram("of", "the") > 0 and lex.bigram("of", "tho") == 0
    assert lex.logprob("the") > lex.logprob("tho")
    assert "the" in lex.candidates("tbe", 1)


@pytest.mark.parametrize("word,distance,expected", [
    ("wlth", 1, ["with"]),           # a substitution
    ("wth", 1, ["with"]),            # a missing letter
    ("withh", 1, ["with"]),          # an extra letter
    ("wtih", 1, ["with"]),           # two neighbours swapped
])
def test_one_edit_candidates_need_no_index(word, distance, expected):
    lex = Lexicon(english_lexicon().unigrams)  # a fresh one: no index built yet
    got = lex.candidates(word, distance)
    assert all(w in got for w in expected)
    assert lex._symspell is None  # one edit is found without building symspell's index


def test_is_prefix():
    lex = english_lexicon()
    assert lex.is_prefix("th") and lex.is_prefix("the") and not lex.is_prefix("tbx")


def test_document_counts():
    low, cap = document_counts("Smith met Smith and smith; the end.")
    assert low["smith"] == 3 and cap["smith"] == 2 and "and" not in cap


def test_lexicon_from_file_lowercases_and_caches(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("Chat 10\nchien 5\n", encoding="utf-8")
    lex = lexicon_from_file(p)
    assert isinstance(lex, Lexicon) and lex.count("chat") == 10
    assert lexicon_from_file(p) is lex


@pytest.mark.parametrize("content,needle", [
    ("", "no 'word count' lines"),
    ("chat 10\nchien beaucoup\n", ":2: count 'beaucoup'"),
])
def test_bad_user_dictionary(tmp_path, content, needle):
    p = tmp_path / "d.txt"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as ei:
        lexicon_from_file(p)
    assert "d.txt" in str(ei.value) and needle in str(ei.value)


def test_binary_dictionary_is_a_clear_error(tmp_path):
    p = tmp_path / "d.bin"
    p.write_bytes(b"\xff\xfe\x00garbage\x00")
    with pytest.raises(LexiconError, match="d.bin"):
        lexicon_from_file(p)


def test_missing_file(tmp_path):
    with pytest.raises(LexiconError, match="nothere"):
        load_frequency_file(tmp_path / "nothere.txt")

"""Word lists: the bundled dictionaries, morphology, document counts, user dictionaries."""

import pytest

from ocrclean.lexicon import (LexiconError, Lexicon, document_counts, english_lexicon, is_known_form,
                              lexicon_from_file, load_frequency_file)

_known = english_lexicon().unigrams.__contains__


@pytest.mark.parametrize("word", [
    "sister's", "brothers'", "carried", "stopped", "running", "loveliness", "knowne",
    "well-known", "sea-wall", "houses", "happily",
])
def test_known_forms(word):
    assert is_known_form(word, _known)


@pytest.mark.parametrize("word", ["tbe", "hirn", "wero", "tlie", "xq-zz", "-"])
def test_unknown_forms(word):
    assert not is_known_form(word, _known)


def test_english_lexicon_counts_and_bigrams():
    lex = english_lexicon()
    assert lex.count("the") > lex.count("tho") > 0
    assert lex.bigram("of", "the") > 0 and lex.bigram("of", "tho") == 0
    assert lex.logprob("the") > lex.logprob("tho")
    assert "the" in lex.candidates("tbe", 1)


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

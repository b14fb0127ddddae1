"""A cheap guess at the language of a text, from its commonest short words.

Enough to keep English-only rules (abbreviation full stops, English word
correction, the removal of spaces before ``; : ! ?``) off text that is plainly
in another language, whatever ``lang`` says by default.  It is no language
identifier: it knows English, French, German, Spanish, Italian and Dutch
function words, and answers None when it cannot tell.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import repeat

__all__ = ["guess_language", "effective_language"]

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is was that it for with as his he be by on not at this which "
                    "but from had have they are were her she you all".split()),
    "fr": frozenset("le la les de des du et est une un que qui dans pour pas par sur au aux ce il "
                    "elle ne se sont avec mais nous vous ont était".split()),
    "de": frozenset("der die das und ist nicht mit sich des dem den ein eine zu von auf für ich "
                    "sie er es wir auch als wie".split()),
    "es": frozenset("el la los las de del y que en es por con para una un se no su al lo como "
                    "más pero fue".split()),
    "it": frozenset("il la di che e è un una per non con del della le gli si sono ma come anche "
                    "nel alla".split()),
    "nl": frozenset("de het een van en is dat op te zijn met voor niet aan er ook als bij maar "
                    "door uit".split()),
}
# every language's function words: the only words whose counts the guess reads
_ANY_FUNCTION_WORD = frozenset().union(*_FUNCTION_WORDS.values())
# the languages that list each function word ("de": French, Spanish, Dutch)
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, fw in _FUNCTION_WORDS.items() if word in fw) for word in _ANY_FUNCTION_WORD
}
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_SAMPLE = 4_000  # characters read at most: some 700 words are plenty to tell the language
# ... but the first 800 (some 130 words) settle most pages: read on only when
# they leave the language in doubt, i.e. unless the leading language has this
# many function words there, and this many times the runner-up's
_FIRST_SAMPLE = 800
_SETTLED_COUNT = 15
_SETTLED_RATIO = 3.0


def guess_language(text: str) -> str | None:
    """The language whose function words are commonest in ``text``, or None.

    The guess reads the first 800 characters; where they leave it in doubt
    (fewer than 15 function words of the leading language there, or the
    runner-up more than a third of them), it reads on to 4,000.  The guess is
    made for every page, and most pages are settled by their first lines: the
    short reading costs about a fifth as much.

    >>> guess_language("Il est arrivé hier soir avec les enfants, et nous sommes allés au marché.")
    'fr'
    >>> guess_language("He came in the evening with the children and they went to the market.")
    'en'
    >>> guess_language("12 34 56") is None
    True
    """
    if len(text) > _FIRST_SAMPLE:
        n_words, scores = _scores(text[:_FIRST_SAMPLE])
        best = max(scores, key=scores.get)
        top = scores[best]
        if (top >= _SETTLED_COUNT and top >= 0.08 * n_words
                and top >= _SETTLED_RATIO * max(v for k, v in scores.items() if k != best)):
            return best
    n_words, scores = _scores(text[:_SAMPLE])
    if n_words < 8:
        return None
    best = max(scores, key=scores.get)
    top = scores[best]
    if top < max(3, 0.08 * n_words):
        return None
    second = max(v for k, v in scores.items() if k != best)
    return best if top >= 1.5 * second else None


def _scores(sample: str) -> tuple[int, dict[str, int]]:
    """How many words ``sample`` holds, and each language's count of its
    function words there (the languages in ``_FUNCTION_WORDS`` order, so that
    max() breaks ties the same way every time).

    >>> _scores("Le chat et the dog and de la")
    (8, {'en': 2, 'fr': 4, 'de': 0, 'es': 2, 'it': 2, 'nl': 1})
    """
    runs, apostrophised, words = _word_runs(sample)
    n_words = len(runs) - apostrophised + len(words)
    if n_words > _FIELD_MASK:  # (a field might overflow: counted word by word)
        counts = Counter(filter(_ANY_FUNCTION_WORD.__contains__, runs))
        counts.update(filter(_ANY_FUNCTION_WORD.__contains__, words))
        return n_words, {lang: sum(counts[w] for w in counts.keys() & fw) for lang, fw in _FUNCTION_WORDS.items()}
    # Each word's languages packed in one integer (see _PACKED): one sum over
    # the words, in C, adds up every language's score at once (cheaper than
    # a Counter of the function words, then a loop adding each to its languages).
    total = sum(map(_PACKED.get, runs, _ZEROS))
    if words:
        total += sum(map(_PACKED.get, words, _ZEROS))
    return n_words, {lang: total >> shift & _FIELD_MASK for lang, shift in _FIELD_SHIFTS.items()}


# Each function word as an integer with a 1 in the field of every language that
# lists it, one field of 10 bits per language: 60 bits, which sum() adds up as a
# machine integer (a wider one, as objects, costs more than the Counter); a
# sample of no more than 1,023 words (most samples of 4,000 characters hold some
# 700) overflows no field into the next.
_FIELD_BITS = 10
_FIELD_MASK = (1 << _FIELD_BITS) - 1
_FIELD_SHIFTS = {lang: _FIELD_BITS * i for i, lang in enumerate(_FUNCTION_WORDS)}
_PACKED: dict[str, int] = {
    word: sum(1 << _FIELD_SHIFTS[lang] for lang in langs) for word, langs in _LANGUAGES_OF.items()}
_ZEROS = repeat(0)  # (what map(_PACKED.get, words, _ZEROS) gives a word no language lists)


# Every ASCII character that is neither a letter nor an apostrophe, as a space;
# other bytes (UTF-8 sequences of other characters included) as they are.
_ASCII_BREAKS = bytes(32 if b < 128 and not chr(b).isalpha() and b != ord("'") else b for b in range(256))
# ... and capitals lowered too
_ASCII_LOWER_BREAKS = _ASCII_BREAKS.translate(bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                                              b"abcdefghijklmnopqrstuvwxyz"))
# the ASCII bytes: deleted from UTF-8, they leave the characters outside ASCII
_ASCII_BYTES = bytes(range(128))


def _function_word_counts(text: str) -> tuple[int, Counter]:
    """How many words ``_WORD`` finds in ``text.lower()``, and the counts of
    the function words among them.

    >>> n, counts = _function_word_counts("It's the end, 12 o'clock.  The fin")
    >>> n, sorted(counts.items())
    (6, [('the', 2)])
    """
    runs, apostrophised, words = _word_runs(text)
    # (no function word holds an apostrophe, so the runs the regex needs can
    # be counted with the rest: none of them is one)
    counts = Counter(filter(_ANY_FUNCTION_WORD.__contains__, runs))
    counts.update(filter(_ANY_FUNCTION_WORD.__contains__, words))
    return len(runs) - apostrophised + len(words), counts


def _word_runs(text: str) -> tuple[list[str], int, list[str]]:
    """The words ``_WORD`` finds in ``text.lower()``, as the runs of letters and
    apostrophes of the lowered text, how many of those runs hold an apostrophe,
    and the words ``_WORD`` finds in those: the words are the runs without an
    apostrophe and the words found in the others.

    A word is letters with at most one inner apostrophe, so every character
    that is neither a letter nor an apostrophe only parts words.  Made a space
    (the ASCII ones by one ``bytes.translate`` over the UTF-8, at C speed; the
    few others a page holds, dashes and quotes, by one ``bytes.replace`` each),
    they leave runs of letters, which ``str.split`` parts and counts as one
    word each; only the runs holding an apostrophe ("it's", "l\u2019homme", a
    few on a page, found with ``str.find``) need the regex.  (Cheaper than
    asking every run ``str.isalpha``, and than lowering a whole sample whose
    capitals are all ASCII: the byte table lowers those.)

    >>> _word_runs("It's the end, 12 o'clock.  'The fin")
    (["it's", 'the', 'end', "o'clock", "'the", 'fin'], 3, ["it's", "o'clock", 'the'])
    """
    data = text.encode("utf-8", "surrogatepass")
    if not text.isascii():
        others = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        if others.lower() != others:  # capitals outside ASCII: lower them all
            text = text.lower()
            data = text.encode("utf-8", "surrogatepass")
            others = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        for char in set(others):
            # a word break for _WORD: neither a letter ([^\W\d_]: alphanumeric,
            # no decimal digit) nor its other apostrophe
            if char == "\u2019":
                data = data.replace(b"\xe2\x80\x99", b"'")
            elif not char.isalnum() or char.isdecimal():
                data = data.replace(char.encode("utf-8", "surrogatepass"), b" ")
    # Only "'" now sits inside runs of letters, and " " parts them.
    text = data.translate(_ASCII_LOWER_BREAKS).decode("utf-8", "surrogatepass")
    runs = text.split()
    at = text.find("'")
    if at < 0:
        return runs, 0, []
    apostrophised = []
    while at >= 0:
        start = text.rfind(" ", 0, at) + 1
        end = text.find(" ", at)
        if end < 0:
            end = len(text)
        apostrophised.append(text[start:end])
        at = text.find("'", end)
    return runs, len(apostrophised), _WORD.findall(" ".join(apostrophised))


def effective_language(text: str, ctx) -> str:
    """The ``lang`` option, unless it is the default English and the text is
    plainly another language.  Cleaning does not change a document's language,
    so the guess is made once per ``clean()`` call, on the raw text."""
    lang = ctx.lang if ctx is not None else "en"
    if lang != "en":
        return lang
    if ctx is None:
        return guess_language(text) or "en"
    guess = ctx.cache.get("language.guess")
    if guess is None:
        guess = ctx.cache["language.guess"] = guess_language(ctx.raw) or "en"
    return guess

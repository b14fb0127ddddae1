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
from itertools import filterfalse

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
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_SAMPLE = 4_000  # characters read: some 700 words are plenty to tell the language


def guess_language(text: str) -> str | None:
    """The language whose function words are commonest in ``text``, or None.

    >>> guess_language("Il est arrivé hier soir avec les enfants, et nous sommes allés au marché.")
    'fr'
    >>> guess_language("He came in the evening with the children and they went to the market.")
    'en'
    >>> guess_language("12 34 56") is None
    True
    """
    words = _words(text[:_SAMPLE].lower())
    if len(words) < 8:
        return None
    # (only function words are counted: a page's other words never score)
    counts = Counter(filter(_ANY_FUNCTION_WORD.__contains__, words))
    # (a set intersection finds each language's function words in the text at C speed)
    scores = {lang: sum(map(counts.__getitem__, counts.keys() & fw)) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(scores, key=scores.get)
    top = scores[best]
    if top < max(3, 0.08 * len(words)):
        return None
    second = max(v for k, v in scores.items() if k != best)
    return best if top >= 1.5 * second else None


def _words(text: str) -> list[str]:
    """The words of ``text`` as ``_WORD`` finds them (in another order).

    A word never spans a space, and a run of letters between spaces is one
    word, so only the other runs ("end.", "don't", "1850,") need the regex:
    str.split and str.isalpha settle most of a page at C speed.

    >>> sorted(_words("it's the end, 12 o'clock.  Fin"))
    ['Fin', 'end', "it's", "o'clock", 'the']
    """
    chunks = text.split()
    words = list(filter(str.isalpha, chunks))
    words += _WORD.findall(" ".join(filterfalse(str.isalpha, chunks)))
    return words


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

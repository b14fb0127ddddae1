"""Word lists: the bundled English frequency dictionary, loaded once and cached.

symspellpy ships an English unigram frequency list (82,765 words) and a bigram
list; they are ocrclean's default lexicon.  Loading is lazy: nothing is read
until a fixer first asks for a word.
"""

from __future__ import annotations

import functools
import os
from importlib import resources

__all__ = ["english_frequencies", "word_frequency", "is_word", "load_frequency_file", "LexiconError"]

UNIGRAM_FILE = "frequency_dictionary_en_82_765.txt"
BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"


class LexiconError(ValueError):
    """A dictionary file that is missing or malformed."""


def _bundled_path(name: str) -> str:
    return str(resources.files("symspellpy").joinpath(name))


def load_frequency_file(path: str | os.PathLike, *, columns: int = 1) -> dict[str, int]:
    """Read a symspell-format frequency file: ``term count`` per line.

    ``columns`` is how many whitespace-separated fields form the term (1 for
    words, 2 for bigrams).  A missing file or a bad line raises
    :class:`LexiconError` naming the file and the line.
    """
    out: dict[str, int] = {}
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"cannot read dictionary {os.fspath(path)!r}: {exc.strerror or exc}") from None
    with fh:
        for n, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != columns + 1:
                raise LexiconError(
                    f"{os.fspath(path)}:{n}: expected {columns} term field(s) and a count, got {line.strip()!r}"
                )
            try:
                count = int(parts[-1])
            except ValueError:
                raise LexiconError(f"{os.fspath(path)}:{n}: count {parts[-1]!r} is not a whole number") from None
            out[" ".join(parts[:-1])] = count
    return out


@functools.lru_cache(maxsize=1)
def english_frequencies() -> dict[str, int]:
    """The bundled English unigram counts (lower-case words), read on first use."""
    return load_frequency_file(_bundled_path(UNIGRAM_FILE))


def word_frequency(word: str) -> int:
    """How often ``word`` (compared in lower case) occurs in the English list; 0 if not at all."""
    return english_frequencies().get(word.lower(), 0)


def is_word(word: str, min_count: int = 1) -> bool:
    """Is ``word`` in the English list with at least ``min_count`` occurrences?"""
    return word_frequency(word) >= min_count


# ------------------------------------------------------------ the document's own words

# ASCII punctuation and digits become spaces; letters, hyphens, apostrophes and
# every non-ASCII byte stay, so splitting the bytes gives the words.  Working on
# bytes keeps the count at C speed (a Python loop per word would not).
_WORD_BYTES = bytes.maketrans(
    b"!\"#$%&()*+,./0123456789:;<=>?@[\\]^_`{|}~\t\n\r\f\v",
    b" " * len(b"!\"#$%&()*+,./0123456789:;<=>?@[\\]^_`{|}~\t\n\r\f\v"),
)
# What ends a word for DocumentWords: the characters _WORD_BYTES blanks out and
# those bytes.split() splits on (ASCII whitespace).
_SEPARATORS = frozenset("!\"#$%&()*+,./0123456789:;<=>?@[\\]^_`{|}~\t\n\r\f\v ")
#: titles written before a name, without their full stop ('Mr', 'Capt'): shared by the
#: glyph and word fixers
TITLE_ABBREVIATIONS = frozenset("mr mrs messrs ms dr rev st capt col gen lt sgt prof hon esq "
                                "mme mlle jr sr".split())
_EDGE_PUNCT = "-'\u2018\u2019\u201c\u201d\u00ab\u00bb\u2014\u2013\u2026\u00a1\u00bf"


class DocumentWords:
    """The document's own words (lower case, hyphenated compounds whole).

    Membership is a set lookup; a count is made only when asked for, by
    scanning the document once for that word, since most callers only need to
    know whether a form occurs at all.

    >>> d = DocumentWords("Well-known words, well known; WORDS.")
    >>> "well-known" in d, "wellknown" in d, d.count("words")
    (True, False, 2)
    """

    __slots__ = ("_padded", "_vocab")

    def __init__(self, text: str):
        raw = text.lower().encode("utf-8", "surrogatepass").translate(_WORD_BYTES)
        self._padded = b" " + raw + b" "
        vocab: set[str] = set()
        for tok in set(raw.split()):
            w = tok.decode("utf-8", "replace").strip(_EDGE_PUNCT)
            if w:
                vocab.add(w)
        self._vocab = frozenset(vocab)

    def __contains__(self, word: str) -> bool:
        return word in self._vocab

    def __len__(self) -> int:
        return len(self._vocab)

    def count(self, word: str) -> int:
        """How often ``word`` stands as a word of its own (at least 1 if it occurs)."""
        if word not in self._vocab:
            return 0
        return max(1, self._padded.count(b" " + word.encode("utf-8", "surrogatepass") + b" "))

    @staticmethod
    def occurs_in(lowered: str, word: str) -> bool:
        """``word in DocumentWords(text)`` without building the vocabulary
        (``lowered`` is ``text.lower()``; ``word`` holds no separator and starts
        and ends with a letter, as a hyphen's halves joined do).

        Finds each occurrence with str.find (C speed) and looks at its edges:
        only edge punctuation up to a separator or an end of the text.  Cheaper
        than the whole vocabulary for a few look-ups in a text; for many, the
        vocabulary wins.

        >>> text = "Well-known words, 'well' known".lower()
        >>> [DocumentWords.occurs_in(text, w) for w in ("well", "known", "wellknown", "word")]
        [True, True, False, False]
        """
        n = len(lowered)
        size = len(word)
        pos = lowered.find(word)
        while pos >= 0:
            a = pos
            while a > 0 and lowered[a - 1] in _EDGE_PUNCT:
                a -= 1
            if a == 0 or lowered[a - 1] in _SEPARATORS:
                b = pos + size
                while b < n and lowered[b] in _EDGE_PUNCT:
                    b += 1
                if b == n or lowered[b] in _SEPARATORS:
                    return True
            pos = lowered.find(word, pos + 1)
        return False


def document_words(text: str, ctx=None) -> DocumentWords:
    """The document's own words, computed once per text and cached in ``ctx.cache``
    so every fixer of one run that wants them shares the work.

    >>> "well-known" in document_words("Well-known words, well known; WORDS.")
    True
    """
    if ctx is not None:
        hit = ctx.cache.get("lexicon.document_words")
        if hit is not None and hit[0] is text:
            return hit[1]
    words = DocumentWords(text)
    if ctx is not None:
        ctx.cache["lexicon.document_words"] = (text, words)
    return words


# -- bigrams, the candidate index, a richer acceptor ------------------------------------

import math as _math
from collections import Counter

import regex as _regex

__all__ += ["english_bigrams", "Lexicon", "english_lexicon", "lexicon_from_file", "is_known_form",
            "document_counts", "extra_frequencies"]


@functools.lru_cache(maxsize=1)
def english_bigrams() -> dict[str, int]:
    """The bundled English bigram counts (``"of the" -> count``), read on first use."""
    return load_frequency_file(_bundled_path(BIGRAM_FILE), columns=2)


@functools.lru_cache(maxsize=1)
def extra_frequencies() -> dict[str, float]:
    """A larger English word list (``wordfreq``'s, as frequencies), if that package is installed.

    It is used only to *accept* words the symspell list lacks (``oh``, ``Mr``,
    archaic and regional forms), never as a source of corrections: it also holds
    frequent OCR and typing errors.  Empty when wordfreq is not installed.
    """
    try:
        import wordfreq  # noqa: PLC0415  (optional dependency)
    except ImportError:
        return {}
    try:
        return wordfreq.get_frequency_dict("en", wordlist="large")
    except Exception:  # a broken wordfreq install must not break cleaning
        return {}


_SUFFIXES = (
    # (suffix, what to put back) tried in order: "loved" -> "love", "carried" -> "carry"
    ("'s", ""), ("\u2019s", ""), ("s'", "s"), ("s\u2019", "s"), ("'", ""), ("\u2019", ""),
    ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("ily", "y"), ("iness", "y"),
    ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
    ("er", ""), ("er", "e"), ("est", ""), ("ly", ""), ("ness", ""), ("ment", ""), ("ful", ""),
    ("e", ""),  # archaic final e: "owne", "knowne", "beene"
    ("ie", "y"), ("ies", "y"),  # archaic -ie for -y: "readie", "remedie", "studies" (stems of 3+ letters)
)
_DOUBLED = _regex.compile(r"(\p{L})\1$")
# function words that take no -s: 'ands', 'thats', 'wass' are misreadings, not plurals
_NO_S = frozenset("and that the was were been of for with from this than then them they their there "
                  "which what when would could should into his her".split())
_TRIGRAM_MIN_WORDS = 3  # a run of three letters fewer listed words share is odd


def is_known_form(word: str, known) -> bool:
    """Is ``word`` a word by ``known`` (a predicate on lower-case words) or an
    inflection, possessive, archaic spelling or hyphenated compound of one?

    >>> is_known_form("sister's", english_frequencies().__contains__)
    True
    >>> is_known_form("knowne", english_frequencies().__contains__)
    True
    >>> is_known_form("tbe", english_frequencies().__contains__)
    False
    >>> is_known_form("sald", english_frequencies().__contains__), is_known_form("thats", english_frequencies().__contains__)
    (False, False)
    """
    w = word.lower()
    if known(w):
        return True
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        return bool(parts) and all(is_known_form(p, known) for p in parts)
    for suf, back in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: len(w) - len(suf)] + back
            if suf == "d" and stem[-1] != "e" or suf == "s" and stem in _NO_S:
                continue  # 'loved' is love + d, 'sald' is no form of 'sal'; 'ands' is no word
            if known(stem):
                return True
            # "stopped" -> "stop", "running" -> "run"
            if suf in ("ed", "ing", "er", "est") and _DOUBLED.search(stem) and known(stem[:-1]):
                return True
    return False


class Lexicon:
    """Unigram and bigram counts of one language, with a candidate index.

    ``prob(w)`` and ``bigram(a, b)`` give the language-model side of the word
    corrector; ``candidates(w)`` asks symspellpy for dictionary words within two
    edits (the index is built on first use, once per process).
    """

    def __init__(self, unigrams: dict[str, int], bigrams: dict[str, int] | None = None,
                 extra: dict[str, float] | None = None, name: str = "en"):
        self.unigrams = unigrams
        self.bigrams = bigrams or {}
        self.extra = extra or {}
        self.name = name
        self.total = float(sum(unigrams.values())) or 1.0
        self.log_total = _math.log(self.total)
        self._symspell = None
        self._alphabet: str | None = None
        self._prefix_set: frozenset[str] | None = None
        self._trigrams: frozenset[str] | None = None
        self._known_cache: dict[str, bool] = {}
        #: a beginning -> its one-letter-longer beginnings (for _one_edit)
        self._extensions: dict[str, tuple[str, ...]] = {}
        self._rextensions: dict[str, tuple[str, ...]] = {}
        self._backwards: tuple[frozenset[str], frozenset[str]] | None = None

    def __contains__(self, word: str) -> bool:
        return word in self.unigrams

    def count(self, word: str) -> int:
        return self.unigrams.get(word, 0)

    def logprob(self, word: str, floor: float = 0.5) -> float:
        """ln P(word) under the unigram list; a word it lacks gets its frequency in
        the larger list if there is one, else ``floor`` counts."""
        n = self.unigrams.get(word, 0)
        if n:
            return _math.log(n) - self.log_total
        f = self.extra.get(word, 0.0) if self.extra else 0.0
        if f > 0.0:
            return max(_math.log(f), _math.log(floor) - self.log_total)
        return _math.log(floor) - self.log_total

    def bigram(self, a: str, b: str) -> int:
        return self.bigrams.get(a + " " + b, 0) if self.bigrams else 0

    def extra_known(self, word: str, min_freq: float = 1e-6) -> bool:
        return self.extra.get(word, 0.0) >= min_freq

    def known(self, word: str) -> bool:
        """A word (lower case) of the list, of the larger list, or a form of one."""
        hit = self._known_cache.get(word)
        if hit is None:
            hit = is_known_form(word, self._plain_known)
            if len(self._known_cache) > 500_000:
                self._known_cache.clear()
            self._known_cache[word] = hit
        return hit

    def _plain_known(self, w: str) -> bool:
        return w in self.unigrams or self.extra.get(w, 0.0) >= 1e-6

    @property
    def symspell(self):
        if self._symspell is None:
            from symspellpy import SymSpell  # noqa: PLC0415

            sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
            for w, c in self.unigrams.items():
                sym.create_dictionary_entry(w, c)
            self._symspell = sym
        return self._symspell

    @property
    def alphabet(self) -> str:
        """Every character the listed words use (what an insertion or substitution may bring)."""
        if self._alphabet is None:
            self._alphabet = "".join(sorted(set("".join(self.unigrams))))
        return self._alphabet

    def candidates(self, word: str, max_distance: int = 2) -> list[str]:
        """Dictionary words within ``max_distance`` plain edits (insertion, deletion,
        substitution, swap of neighbours) of ``word``, most frequent first.

        One edit is found by trying every edit against the list (no index to build);
        two ask symspellpy, whose index takes seconds to build once per process.

        >>> english_lexicon().candidates("wlth", 1)
        ['with']
        """
        if max_distance <= 1:
            return self._one_edit(word) if max_distance == 1 else ([word] if word in self.unigrams else [])
        from symspellpy import Verbosity  # noqa: PLC0415

        return [s.term for s in self.symspell.lookup(word, Verbosity.ALL, max_distance,
                                                      transfer_casing=False)]

    def is_prefix(self, prefix: str) -> bool:
        """Does some listed word begin with ``prefix`` (lower case)?

        >>> english_lexicon().is_prefix("thro"), english_lexicon().is_prefix("tbx")
        (True, False)
        """
        return prefix in self.prefixes

    @property
    def prefixes(self) -> frozenset[str]:
        """Every beginning of every listed word (built on first use: about 0.5 s and
        15 MB for the English list)."""
        if self._prefix_set is None:
            self._prefix_set = frozenset(w[:i] for w in self.unigrams for i in range(1, len(w) + 1))
        return self._prefix_set

    @property
    def letter_trigrams(self) -> frozenset[str]:
        """Every run of three letters that at least three listed words share, with
        ``^`` and ``$`` marking a word's ends (built on first use: about 0.3 s)."""
        if self._trigrams is None:
            seen: Counter = Counter()
            for w in self.unigrams:
                s = f"^{w}$"
                seen.update({s[i:i + 3] for i in range(len(s) - 2)})
            self._trigrams = frozenset(t for t, n in seen.items() if n >= _TRIGRAM_MIN_WORDS)
        return self._trigrams

    def odd_trigrams(self, word: str) -> int:
        """How many runs of three letters in ``word`` (lower case) hardly any listed
        word has: ``smllh`` has three (``mll``, ``llh``, ``lh$``), a name such as
        ``smyth`` at most one, an old spelling such as ``devill`` none.  A misreading
        often leaves such a run; a rare but real word seldom does.

        >>> lex = english_lexicon()
        >>> lex.odd_trigrams("smllh"), lex.odd_trigrams("smyth"), lex.odd_trigrams("devill")
        (3, 1, 0)
        """
        known = self.letter_trigrams
        s = f"^{word}$"
        return sum(1 for i in range(len(s) - 2) if s[i:i + 3] not in known)

    def within_two_edits(self, word: str) -> list[str]:
        """Listed words at most two plain edits (a letter put in, left out or
        changed; two neighbours swapped) from ``word`` (lower case), most frequent
        first; ``word`` itself is left out.

        No index to build: edits are tried only where the letters written so far
        begin a listed word (the prefix set), and a branch ends as soon as they
        begin none.  Two edits near a word's start would branch widely there, so
        the search is split at the middle ``m``: first edit at ``m`` or later; one
        edit before ``m`` and the other from ``m - 1`` on; or both before ``m - 1``,
        found by the same search on the reversed word among reversed words, whose
        untouched second half prunes at once (about 0.3 ms for a ten-letter word).

        >>> english_lexicon().within_two_edits("goverzmect")
        ['government']
        """
        n = len(word)
        m = n // 2
        found: set[str] = set()
        words, pre = self.unigrams, self.prefixes
        _edit_walk(word, words, pre, self._extensions_of, m, n, 0, found)
        _edit_walk(word, words, pre, self._extensions_of, 0, m - 1, m - 1, found)
        back: set[str] = set()
        rwords, rpre = self._reversed
        _edit_walk(word[::-1], rwords, rpre, self._reversed_extensions_of, n - m, n, 0, back)
        found.update(w[::-1] for w in back)
        found.discard(word)
        uni = self.unigrams
        return sorted(found, key=lambda w: (-uni[w], w))

    @property
    def _reversed(self) -> tuple[frozenset[str], frozenset[str]]:
        """The listed words spelt backwards, and every beginning of them (built on
        first use: about 0.2 s and 20 MB for the English list)."""
        if self._backwards is None:
            rwords = frozenset(w[::-1] for w in self.unigrams)
            self._backwards = (rwords, frozenset(w[:i] for w in rwords for i in range(1, len(w) + 1)))
        return self._backwards

    def _extensions_of(self, head: str) -> tuple[str, ...]:
        """The beginnings of listed words one letter longer than ``head``."""
        nexts = self._extensions.get(head)
        if nexts is None:
            if len(self._extensions) > 200_000:
                self._extensions.clear()
            pre = self.prefixes
            nexts = self._extensions[head] = tuple(head + c for c in self.alphabet if head + c in pre)
        return nexts

    def _reversed_extensions_of(self, head: str) -> tuple[str, ...]:
        """The same as :meth:`_extensions_of` among the reversed words."""
        nexts = self._rextensions.get(head)
        if nexts is None:
            if len(self._rextensions) > 200_000:
                self._rextensions.clear()
            pre = self._reversed[1]
            nexts = self._rextensions[head] = tuple(head + c for c in self.alphabet if head + c in pre)
        return nexts

    def _one_edit(self, word: str) -> list[str]:
        uni = self.unigrams
        alpha = self.alphabet
        # every beginning of a listed word is in the prefix set: an edit after a
        # beginning no word has finds nothing, and a letter put in is tried only
        # where what it ends begins a word
        pre = self.prefixes
        found = {word} if word in uni else set()
        n = len(word)
        for i in range(n + 1):
            head, tail = word[:i], word[i:]
            if i and head not in pre:
                break
            nexts = self._extensions.get(head)
            if nexts is None:
                if len(self._extensions) > 200_000:
                    self._extensions.clear()
                nexts = self._extensions[head] = tuple(head + c for c in alpha if head + c in pre)
            if tail:
                w = head + tail[1:]
                if w in uni:
                    found.add(w)
                if len(tail) > 1:
                    w = head + tail[1] + tail[0] + tail[2:]
                    if w in uni:
                        found.add(w)
                rest = tail[1:]
                for h in nexts:
                    w = h + rest
                    if w in uni:
                        found.add(w)
            for h in nexts:
                w = h + tail
                if w in uni:
                    found.add(w)
        return sorted(found, key=lambda w: (w != word, -uni[w], w))


def _edit_walk(word: str, words, prefixes, extensions, first_from: int, first_to: int,
               second_from: int, found: set[str]) -> None:
    """Add to ``found`` the ``words`` that one edit of ``word`` at a position in
    ``[first_from, first_to]`` and at most one more at ``second_from`` or later make,
    the edits made left to right.  ``prefixes`` holds every beginning of ``words``;
    ``extensions(head)`` gives those one letter longer than ``head``."""
    n = len(word)

    def one_more(i: int, head: str) -> None:
        # word[i:] written after ``head`` with at most one edit, from second_from on
        while True:
            if i >= second_from:
                nexts = extensions(head)
                if i == n:
                    found.update(h for h in (head, *nexts) if h in words)
                    return
                c = word[i]
                rest = word[i + 1:]
                for w in (head + rest, head + rest[:1] + c + rest[1:]):  # a letter too many; a swap
                    if w in words:
                        found.add(w)
                for h in nexts:
                    for w in (h + rest, h + word[i:]):  # a letter changed; a letter the token lacks
                        if w in words:
                            found.add(w)
            elif i == n:
                if head in words:
                    found.add(head)
                return
            else:
                c = word[i]
            head += c
            if head not in prefixes:
                return
            i += 1

    head = word[:first_from]
    if first_from and head not in prefixes:
        return
    for i in range(first_from, min(first_to, n - 1) + 1):
        c = word[i]
        one_more(i + 1, head)  # a letter too many
        for h in extensions(head):
            if h[-1] != c:
                one_more(i + 1, h)  # a letter changed
            one_more(i, h)  # a letter the token lacks
        if i + 1 < n and word[i + 1] != c:
            h = head + word[i + 1] + c  # two letters swapped
            if h in prefixes:
                one_more(i + 2, h)
        head += c
        if head not in prefixes:
            return
    if first_to >= n:
        for h in extensions(head):
            one_more(n, h)  # a letter the token lacks at its end


@functools.lru_cache(maxsize=1)
def english_lexicon() -> Lexicon:
    """symspellpy's English unigrams and bigrams, with wordfreq's list as an acceptor if installed."""
    return Lexicon(english_frequencies(), english_bigrams(), extra_frequencies(), name="en")


_FILE_LEXICONS: dict[tuple, Lexicon] = {}


def lexicon_from_file(path: str | os.PathLike, bigram_path: str | os.PathLike | None = None) -> Lexicon:
    """A :class:`Lexicon` from a symspell-format frequency file (``word count`` per
    line), cached per file version.  Errors name the file and the line."""
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except OSError as exc:
        raise LexiconError(f"cannot read dictionary {name!r}: {exc.strerror or exc}") from None
    key = (name, st.st_mtime_ns, st.st_size, os.fspath(bigram_path) if bigram_path else None)
    lex = _FILE_LEXICONS.get(key)
    if lex is None:
        try:
            uni = load_frequency_file(name)
        except UnicodeDecodeError:
            raise LexiconError(f"{name}: not a UTF-8 text file") from None
        if not uni:
            raise LexiconError(f"{name}: no 'word count' lines in this dictionary")
        uni = {w.lower(): c for w, c in uni.items()}
        bi = load_frequency_file(bigram_path, columns=2) if bigram_path else {}
        lex = Lexicon(uni, bi, name=name)
        if len(_FILE_LEXICONS) > 8:
            _FILE_LEXICONS.clear()
        _FILE_LEXICONS[key] = lex
    return lex


_WORD = _regex.compile(r"\p{L}+(?:['\u2019]\p{L}+)*")


def document_counts(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """How often each word occurs in a text: (lower-case counts, capitalised counts).

    >>> low, cap = document_counts("Smith met Smith and smith.")
    >>> low["smith"], cap["smith"]
    (3, 2)
    """
    low: dict[str, int] = {}
    cap: dict[str, int] = {}
    for m in _WORD.finditer(text):
        w = m.group()
        k = w.lower()
        low[k] = low.get(k, 0) + 1
        if w[0].isupper():
            cap[k] = cap.get(k, 0) + 1
    return low, cap

"""Stage 5, words: a noisy-channel corrector for OCR misreadings inside words,
and word split / merge.

For each suspicious token the corrector weighs candidate words by three things:
how likely the OCR engine is to print the token for the candidate (the error
model, :mod:`ocrclean.errormodel`), how frequent the candidate is, and how well
it fits between its left and right neighbours (symspellpy's bundled bigram
list).  A token that is not a word (``tbe``, ``tlio``, ``hirn``) is corrected
when one candidate clearly wins; a token that *is* a word (``tho``, ``lie``,
``bo``) only when a cheap OCR confusion turns it into a much more frequent word
*and* the neighbours say so.  Numbers, URLs, acronyms, likely names, words the
document itself uses often, archaic spellings and inflections are left alone,
and so is text that is not English unless a dictionary for it is given.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
import unicodedata
from collections import Counter
from itertools import compress, count, repeat
from operator import is_not, itemgetter

import regex

from ..context import declare_option
from ..edits import Applicability
from ..errormodel import ErrorModel, load_model
from ..given_names import NAME_TITLES, given_name_reading, given_names, name_model
from ..lexicon import (TITLE_ABBREVIATIONS, Lexicon, english_lexicon, is_known_form, lexicon_from_file,
                       word_frequency)
from ..protect import overlaps, protected_spans
from ..registry import Proposal, register
from ..scanning import finditer_each, outside_ascii, with_letters
from .glyphs import LONE_QUANTITY_LETTER

__all__ = ["fix_words", "fix_split_merge", "WordCorrector", "corrector_for"]

declare_option("dictionary", None,
               "word list for word correction (symspell format: 'word count' per line); "
               "required for languages other than English")
declare_option("model", None, "OCR error model for word correction: a JSON file from `ocrclean learn`, "
                              "a confusions .tsv table, or an ErrorModel")

_SENTENCE_END_CHARS = frozenset(".!?:;\"\u201c\u201d([")


# abbreviations that end with a full stop inside a sentence, before a name


def _starts_sentence(text: str, s: int) -> bool:
    """Does a token at ``s`` open a sentence: nothing but spaces before it (within
    40 characters), or sentence-closing punctuation, or a blank line?  A full stop
    after a title or an initial does not end a sentence ('Mr. Ho', 'J. Ho')."""
    before = text[max(0, s - 40):s]
    stripped = before.rstrip()
    if not stripped or before.count("\n", len(stripped)) >= 2:
        return True
    if stripped[-1] != ".":
        return stripped[-1] in _SENTENCE_END_CHARS
    k = len(stripped) - 1
    while k > 0 and stripped[k - 1].isalpha():
        k -= 1
    word = stripped[k:-1]
    return not (word.lower() in TITLE_ABBREVIATIONS or len(word) == 1 and word.isupper())


_ROMAN = regex.compile(r"(?i)^(?=[mdclxvi])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")

_EN_STOP = frozenset("the and of to in is that it was for with as his he be by on not which are at this "
                     "have from or had but were they their an her she you all".split())
# given names French shares with English: no evidence of an English list
_FRENCH_NAMES = frozenset("louis marie jean paul joseph charles albert victor eugene leon emile lucie julie "
                          "henri adele adeline alice anne antoinette augustine camille claude clement "
                          "denis edmond edouard emma felix francis gabriel hector jules justin lucien "
                          "marcel martin maurice rose simon sophie therese".split())
_NAME_LIST_SHARE = 0.10
_FR_STOP = frozenset("le la les des et est qui que une du dans pour pas sur au aux ce cette sont avec "
                     "il elle ne se nous vous leur mais par son sa ses".split())

# tuning: costs in nats
_MAX_CHANNEL = 6.5          # a non-word correction may cost at most this much
_MAX_CHANNEL_SAFE = 4.5     # ... and at most this much to be applied by default
_RW_MAX_CHANNEL = 2.0       # a real-word swap must be a cheap, listed confusion
_RW_RARE_COUNT = 10_000_000  # a word rarer than this ...
_RW_MAX_CHANNEL_RARE = 3.0    # ... may be a dearer misreading of one of the commonest words
_RW_MAX_COUNT = 60_000_000  # words this frequent are not taken for misreadings
_RW_MIN_RATIO = 20.0        # the candidate must be this much more frequent
_RW_MAX_COUNT_STRICT = 1_000_000_000  # frequent words ("bad") need both neighbours' support
_RW_MIN_RATIO_STRICT = 4.0
_RW_MARGIN_AGAINST_CONTEXT = 6.0  # ... and where the list pairs the word as written too
_BACKOFF = math.log(0.4)
_UNKNOWN_WORD = -21.0       # ln P of "a correct word the lexicon lacks" (names, rare words)
_SPLIT_COST = 2.5           # a space the OCR engine lost
_SPLIT_COST_I = 1.0         # ... after a capital I ("Iam")
_ONE_LETTER_WORDS = frozenset({"a", "i"})
_SPLIT_MIN_BIGRAM = 1_000_000
_SLIP_MAX_CHANNEL = 2.2  # a repeated non-word this close to a common word is still a slip
_SLIP_MIN_COUNT = 100_000
_LONG_MARGIN_CONTEXT = 4.6  # ... and a plain substitution in a longer word (confidence 0.99)
_SHORT_MAX_CHANNEL_CONTEXT = 2.8  # a two-letter token's confusion when both neighbours agree
_FUNCTION_WORD_COUNT = 5e8  # 'the', 'he', 'to', 'of', 'be': the commonest few dozen words
_ODD_MARGIN = 3.0            # a token with odd runs of letters: its best candidate must lead by this
_MODERN_MARGIN_CONTEXT = 3.0  # modern print: a slip in a word of 4+ letters that context backs
_MODERN_MARGIN = 4.5          # ... or that no rival comes near
_MODERN_MARGIN_SHORT = 5.0    # ... and in a three-letter word, with context
_MODERN_MARGIN_TWO = 2.5      # ... and in a two-letter word, with context and a cheap confusion
_MODERN_MARGIN_TWO_DEAR = 6.0  # ... or with context and any listed confusion
_MODERN_LONG_LEN = 8            # ... and in a word this long or longer ...
_MODERN_MARGIN_LONG = 2.0        # ... a lead of this much, with or without context
_MODERN_MARGIN_LISTED_THREE = 4.0  # ... and a three-letter token the larger list knows, with context
_NAME_OPEN_MIN_LEN = 5        # a capitalised non-word no cheap confusion makes a common word ...
_NAME_OPEN_MARGIN = 6.0       # ... is mended in modern print where one reading leads by this
_SHORT_CHEAP_CHANNEL = 1.6    # the cheapest confusions: o/e, c/e, u/n
_EN_STOP_SHARE = 0.08        # English function words make this share of any English page
_EARLY_MODERN_SHARE = 0.015   # this share of early-modern forms marks old spelling
_MODERN_MIN_WORDS = 60        # fewer words than this say too little of the spelling
_TWO_EDIT_MIN_LEN = 7        # a non-word this long that the usual search finds no word for ...
_TWO_EDIT_LEAD = 3.0         # ... is mended to a word two edits away that leads every other by this
_TWO_EDIT_KEEP = 3.0         # ... and keeping the token by this (in modern print)
_TWO_EDIT_MIN_COUNT = 1_000_000  # ... and is this common


def _sigmoid(x: float) -> float:
    if x > 30:
        return 1.0
    if x < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


def _explain(model: ErrorModel, ocr: str, truth: str) -> str:
    """'o/e confusion' style description of how ``ocr`` differs from ``truth``."""
    parts = []
    sm = difflib.SequenceMatcher(None, ocr, truth, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        o, t = ocr[i1:i2], truth[j1:j2]
        if model.cost(o, t) is not None:
            parts.append(f"{o}/{t} confusion")
        elif not o:
            parts.append(f"missing {t!r}")
        elif not t:
            parts.append(f"extra {o!r}")
        else:
            parts.append(f"{o}/{t}")
    return ", ".join(parts) or "case"


def _case_like(word: str, model_word: str) -> str:
    """Give ``word`` the case pattern of ``model_word`` (lower, Title or UPPER)."""
    if len(model_word) > 1 and model_word.isupper():
        return word.upper()
    if model_word[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_PREFIXES = ("re", "pre", "un", "non", "co", "over", "under", "out", "mis")


def _variant_of_known(key: str, unigrams) -> bool:
    """A listed word written with its accents (``rôle``, ``café``) or with a prefix
    run on (``reenforcement``, ``coöperate``): a spelling, not a misreading.

    >>> from ocrclean.lexicon import english_frequencies
    >>> [w for w in ("rôle", "reenforcement", "tbe", "rewas") if _variant_of_known(w, english_frequencies())]
    ['rôle', 'reenforcement']
    """
    if not key.isascii():
        plain = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
        if plain != key and (plain in unigrams or _variant_of_known(plain, unigrams)):
            return True
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) - len(prefix) >= 6 and key[len(prefix):] in unigrams:
            return True
    return False


_NOT_DECIDED = object()  # (a decision may be None: the cache's default for "not asked yet")
# A Proposal from a tuple of all its fields: tuple.__new__ at C speed, where the
# NamedTuple's own __new__ is a Python function (a third of the cost per proposal)
_proposal = tuple.__new__


class WordCorrector:
    """Decisions for one lexicon and one error model, cached per token and context.

    ``decide(form, key, left, right, name_like)`` weighs three kinds of outcome
    with one score, ``ln P(words | neighbours) - channel cost``: keep the token,
    replace it by a dictionary word, or split it into two words.
    """

    def __init__(self, lexicon: Lexicon, model: ErrorModel, english: bool = True):
        self.lex = lexicon
        self.model = model
        self.english = english
        self._decisions: dict[tuple, tuple | None] = {}
        self._rw_cands: dict[str, list[tuple[str, float]]] = {}
        self._nw_cands: dict[str, list[tuple[str, float]]] = {}
        self._two_cands: dict[str, list[tuple[str, float]]] = {}
        self._two_decisions: dict[tuple, tuple | None] = {}
        self._known: dict[str, int] = {}
        self._suspicious: dict[str, str | bool] = {}
        #: tokens (as written) that never need a look: skipped with one set difference
        self.plain: set[str] = set()
        self._splits: dict[str, list[tuple[str, str]]] = {}
        self._doc_exp: dict[str, list[tuple[str, float]]] = {}
        self._doc_first: dict[str, dict[str, int]] = {}
        #: per token as written: what the scan needs to know (see ``_token_plan``)
        self.plans: dict[str, tuple | None] = {}
        self.merges: dict[tuple, tuple | None] = {}
        #: per word as written: its lower case if listed, else None (``listed_lower``)
        self.listed_lowers: dict[str, str | None] = {}
        #: per token as written: may word_split_merge act on it (``_may_split_or_merge``)
        self.split_merge_tokens: dict[str, bool] = {}
        #: the words ``early_modern_share`` has judged, and which are old spellings
        self.old_spellings = SpellingMarks()
        #: the lower case of tokens that is an unlisted early-modern spelling
        #: (``old_spelling``), noted when ``suspicious`` first looks at a token;
        #: every token of a page is looked at before the page's old spellings are
        #: asked for, so they are its lower-case words in this set (see ``_scan``)
        self.old_keys: set[str] = set()
        self.old_keys_emptied = 0  # how many times old_keys was emptied
        #: tokens (as written) that cannot be a garbled given name (``given_name_slips``)
        self.not_names: set[str] = set()
        #: the last page's lower-case counts and whether it is early-modern
        self.page_age: tuple = (None, False)
        self._merge_ends: tuple[frozenset[str], frozenset[str]] | None = None
        tb = sum(lexicon.bigrams.values()) if lexicon.bigrams else 1.0
        # bigram and unigram counts come from lists of different sizes:
        # P(b | a) = (n(a b) / bigram total) / (n(a) / unigram total)
        self._ln_bigram_scale = math.log(lexicon.total) - math.log(tb)

    # -- the language-model side -------------------------------------------------
    def _cond(self, a: str, b: str) -> float | None:
        """ln P(b | a) from the bigram list, or None if the pair is not listed."""
        n = self.lex.bigram(a, b)
        if not n:
            return None
        return min(0.0, math.log(n) + self._ln_bigram_scale - math.log(self.lex.count(a) or 1))

    def _ctx(self, w: str, left: str | None, right: str | None) -> tuple[float, int]:
        """ln P(w | left) + ln P(right | w) by stupid backoff, and how many of
        the two bigrams the list actually holds."""
        lex = self.lex
        ev = 0
        if left is not None:
            c = self._cond(left, w)
            if c is not None:
                lp = c
                ev += 1
            else:
                lp = _BACKOFF + lex.logprob(w)
        else:
            lp = lex.logprob(w)
        r_lp, r_ev = self._right(w, right)
        return lp + r_lp, ev + r_ev

    def _right(self, w: str, right: str | None) -> tuple[float, int]:
        """ln P(right | w) by stupid backoff, and 1 if the list holds the pair."""
        if right is None:
            return 0.0, 0
        c = self._cond(w, right)
        if c is not None:
            return c, 1
        return _BACKOFF + self.lex.logprob(right), 0

    def _ctx_split(self, a: str, b: str, left: str | None, right: str | None) -> tuple[float, int]:
        lp, ev = self._ctx(a, left, None)
        lp += self._cond(a, b) or -30.0
        r_lp, r_ev = self._right(b, right)
        lp += r_lp
        ev += r_ev
        return lp, ev

    def known_level(self, key: str) -> int:
        """2: a listed word or a form of one; 1: only the larger list knows it; 0: unknown."""
        hit = self._known.get(key)
        if hit is None:
            lex = self.lex
            if is_known_form(key, lex.unigrams.__contains__) or _variant_of_known(key, lex.unigrams):
                hit = 2
            elif lex.extra and lex.known(key):
                hit = 1
            else:
                hit = 0
            if len(self._known) > 500_000:
                self._known.clear()
            self._known[key] = hit
        return hit

    def known(self, key: str) -> bool:
        return self.known_level(key) > 0

    @property
    def merge_ends(self) -> tuple[frozenset[str], frozenset[str]]:
        """Every beginning and every ending (shorter than the word) of the listed
        words a merge may make, those counted ``_MERGE_MIN_COUNT`` times or more:
        a token that is neither cannot be joined to a neighbour (built on first
        use: about 40 ms and a few MB for the English list).

        >>> heads, tails = corrector_for(None).merge_ends
        >>> "wi" in heads, "ith" in tails, "xq" in heads
        (True, True, False)
        """
        if self._merge_ends is None:
            words = [w for w, n in self.lex.unigrams.items() if n >= _MERGE_MIN_COUNT]
            self._merge_ends = (frozenset(w[:i] for w in words for i in range(1, len(w))),
                                frozenset(w[i:] for w in words for i in range(1, len(w))))
        return self._merge_ends

    def listed_lower(self, w: str) -> str | None:
        """``w`` (a neighbour word, as written) in lower case if the list holds it, else
        None; cached per word.  (The scan asks this of every suspicious token's
        neighbours: a small table of the words seen is kinder to the CPU's caches
        than the list itself, and the same lower-case string each time makes the
        decision cache's keys compare by identity.)

        >>> c = corrector_for(None)
        >>> c.listed_lower("The"), c.listed_lower("tbe")
        ('the', None)
        """
        low = w.lower()
        hit = low if low in self.lex.unigrams else None
        if len(self.listed_lowers) > 200_000:
            self.listed_lowers.clear()
        self.listed_lowers[w] = hit
        return hit

    # -- candidates -----------------------------------------------------------------
    def real_word_candidates(self, form: str, key: str) -> list[tuple[str, float]]:
        """Much more frequent words a cheap OCR confusion turns ``form`` into."""
        hit = self._rw_cands.get(form)
        if hit is not None:
            return hit
        out: list[tuple[str, float]] = []
        cnt = self.lex.count(key)
        if 0 < cnt <= _RW_MAX_COUNT_STRICT and len(key) <= 12:
            ratio = _RW_MIN_RATIO if cnt <= _RW_MAX_COUNT else _RW_MIN_RATIO_STRICT
            # a rare word may be a dearer misreading of one of the commonest words ('tor', 'tile')
            limit = _RW_MAX_CHANNEL_RARE if cnt < _RW_RARE_COUNT else _RW_MAX_CHANNEL
            for cand, cost in self.model.expansions(form, max_steps=2, max_cost=limit).items():
                c = cand.lower()
                if c != key and c.isalpha() and self.lex.count(c) >= ratio * cnt and (
                        cost <= _RW_MAX_CHANNEL or self.lex.count(c) >= _FUNCTION_WORD_COUNT):
                    out.append((c, self.model.distance(form, c)))
        self._rw_cands[form] = out
        return out

    def non_word_candidates(self, form: str, key: str) -> list[tuple[str, float]]:
        """Dictionary words the token may be a misreading of, with channel costs."""
        hit = self._nw_cands.get(form)
        if hit is not None:
            return hit
        lex, model = self.lex, self.model
        found: dict[str, float] = {}
        for cand in model.words_within(form, lex.prefixes.__contains__, lex.unigrams.__contains__,
                                       max_steps=3, max_cost=_MAX_CHANNEL):
            c = cand.lower()
            if c not in found:
                found[c] = model.distance(form, c)
        cheap = any(d <= 2.0 for d in found.values())
        if len(key) >= 3 and key.isalpha() and not cheap:
            for c in lex.candidates(key, 1):
                if c not in found:
                    found[c] = model.distance(form, c)
        out = sorted(((c, d) for c, d in found.items() if d <= _MAX_CHANNEL), key=lambda cd: cd[1])[:40]
        self._nw_cands[form] = out
        return out

    def two_edit_token(self, key: str) -> bool:
        """Is ``key`` (lower case) a token the two-edit search is for: seven ASCII
        letters or more, and no list knows it?"""
        return len(key) >= _TWO_EDIT_MIN_LEN and key.isascii() and key.isalpha() and not self.known_level(key)

    def two_edit_candidates(self, form: str, key: str) -> list[tuple[str, float]]:
        """Listed words at most two plain edits from a long unknown token, with
        channel costs, cheapest first (``goverzmect`` -> ``government``); empty unless
        :meth:`two_edit_token`, the token has at most one capital after its first
        letter, and one of the words could win: a common one (a million counts) that
        is not the token's beginning or end (letters run on from a lost space:
        ``governmentxy``).  (Tokens with none are left out of the scan.)"""
        hit = self._two_cands.get(form)
        if hit is not None:
            return hit
        out: list[tuple[str, float]] = []
        if self.two_edit_token(key) and sum(map(str.isupper, form[1:])) <= 1:
            lex, model = self.lex, self.model
            found = lex.within_two_edits(key)
            if any(lex.count(c) >= _TWO_EDIT_MIN_COUNT and not (key.startswith(c) or key.endswith(c))
                   for c in found):
                out = sorted(((c, model.distance(form, c)) for c in found), key=lambda cd: cd[1])
        if len(self._two_cands) > 200_000:
            self._two_cands.clear()
        self._two_cands[form] = out
        return out

    def split_candidates(self, key: str) -> list[tuple[str, str]]:
        """Ways to cut ``key`` into two listed words that the bigram list pairs."""
        hit = self._splits.get(key)
        if hit is not None:
            return hit
        out = self._splits[key] = []
        if len(self._splits) > 200_000:
            self._splits.clear()
        lex = self.lex
        for k in range(1, len(key)):
            a, b = key[:k], key[k:]
            if len(a) == 1 and a not in _ONE_LETTER_WORDS or len(b) == 1 and b not in _ONE_LETTER_WORDS:
                continue
            if a in lex.unigrams and b in lex.unigrams and lex.bigram(a, b) >= _SPLIT_MIN_BIGRAM:
                out.append((a, b))
        return out

    def suspicious(self, w: str) -> str | bool:
        """Could this token (as written) need a correction?  False for the great
        majority: listed words with no much likelier twin, known forms, very long
        or one-letter tokens.  ``"upper"`` for all-capital non-words (only corrected
        inside capital headings)."""
        hit = self._suspicious.get(w)
        if hit is not None:
            return hit
        key = w.lower()
        res: str | bool = False
        if len(w) == 1:
            # a lone lower-case letter other than 'a' and 'i': an OCR slip for a short
            # word ('m' for 'in'), judged by its context only ('5 m', 'J. M.' are not words here)
            if w.islower() and key not in self.lex.unigrams and self.non_word_candidates(w, key):
                res = "non"
        elif len(w) <= 25 and not _ROMAN.match(key):
            if w[:1].isupper():
                form = key if w[1:].islower() else w[0].lower() + w[1:]
            else:
                form = w
            if len(w) > 1 and w.isupper():
                res = "upper" if len(w) >= 3 and key not in self.lex.unigrams and self.known_level(key) == 0 else False
            elif key in self.lex.unigrams:
                res = "real" if form.isalpha() and self.real_word_candidates(form, key) else False
            else:
                res = "non" if self.known_level(key) < 2 else False
        if len(self._suspicious) > 500_000 or len(self.old_keys) > 100_000:
            self._suspicious.clear()
            self.plain.clear()
            if len(self.old_keys) > 100_000:
                # (every token a scan meets has been noted since old_keys was last
                # emptied: the plans go with it, so their tokens are noted again)
                self.old_keys.clear()
                self.old_keys_emptied += 1
                self.plans.clear()
        self._suspicious[w] = res
        unigrams = self.lex.unigrams
        if key not in unigrams and old_spelling(key, unigrams):
            self.old_keys.add(key)
        if not res:
            self.plain.add(w)
        return res

    def plain_slip(self, form: str, key: str) -> bool:
        """Is a token that the document repeats still plainly a misreading: no list
        knows it, and one cheap listed confusion makes a common word ('dredgo')?
        Such a token, in lower case, is corrected even where the document repeats it."""
        if self.known_level(key):
            return False
        return any(d <= _SLIP_MAX_CHANNEL and self.lex.count(c) >= _SLIP_MIN_COUNT
                   for c, d in self.non_word_candidates(form, key))

    def doc_expansions(self, form: str) -> list[tuple[str, float]]:
        """Lower-case strings two cheap confusions from ``form`` (for the document lexicon)."""
        hit = self._doc_exp.get(form)
        if hit is None:
            key = form.lower()
            hit = sorted(((c.lower(), cost) for c, cost in
                          self.model.expansions(form, max_steps=2, max_cost=2.5).items()
                          if c.lower() != key and c.isalpha()), key=lambda cc: cc[1])
            if len(self._doc_exp) > 200_000:
                self._doc_exp.clear()
            self._doc_exp[form] = hit
        return hit

    def doc_expansion_index(self, form: str) -> dict[str, int]:
        """Each string of ``doc_expansions(form)`` -> where it first stands in that list.

        >>> corr = corrector_for(None)
        >>> index = corr.doc_expansion_index("tbe")
        >>> all(corr.doc_expansions("tbe")[k][0] == c for c, k in index.items())
        True
        """
        hit = self._doc_first.get(form)
        if hit is None:
            hit = {}
            for k, (c, _) in enumerate(self.doc_expansions(form)):
                hit.setdefault(c, k)
            if len(self._doc_first) > 200_000:
                self._doc_first.clear()
            self._doc_first[form] = hit
        return hit

    # -- decisions --------------------------------------------------------------------
    def decide(self, form: str, key: str, left: str | None, right: str | None,
               name_like: bool) -> tuple | None:
        """``(replacement, reason, confidence, applicability, kind, promote)`` or ``None``
        to keep the token; ``kind`` is ``"word"`` or ``"split"`` (replacement ``"a b"``);
        ``promote`` is ``"modern"`` for an unsafe correction that is safe on a page of
        modern print (the page decides: see ``early_modern_share``), ``"odd"`` for one
        whose token has letters no English word has (safe on any page of some length),
        ``"long"`` for a long lower-case non-word with a clear lead (safe in modern
        print when the token is written in lower case)."""
        ck = (form, left, right, name_like)
        hit = self._decisions.get(ck, _NOT_DECIDED)
        if hit is not _NOT_DECIDED:
            return hit
        if len(self._decisions) > 300_000:
            self._decisions.clear()
        if key in self.lex.unigrams:
            d = self._decide_real_word(form, key, left, right, name_like)
        else:
            level = self.known_level(key)
            d = None if level == 2 else self._decide_non_word(form, key, left, right, name_like, level)
        self._decisions[ck] = d
        return d

    def _decide_real_word(self, form, key, left, right, name_like):
        if (left is None and right is None) or name_like is True:
            return None
        cands = self.real_word_candidates(form, key)
        if name_like:
            # a capital inside a sentence: a name, unless it is a slip for one of the
            # commonest words after a full stop the OCR lost ('stolen Tho evidence')
            cands = [(c, ch) for c, ch in cands if self.lex.count(c) >= _FUNCTION_WORD_COUNT]
        if not cands:
            return None
        keep, keep_ev = self._ctx(key, left, right)
        best = None
        for c, ch in cands:
            s, ev = self._ctx(c, left, right)
            margin = s - ch - keep
            if best is None or margin > best[1]:
                best = (c, margin, ev, ch)
        c, margin, ev, ch = best
        if ev == 0 or margin < 2.0:
            return None
        if keep_ev > 0 and (ev < 2 or margin < _RW_MARGIN_AGAINST_CONTEXT):
            # the list pairs the word as written with a neighbour too ('he bad one'):
            # only both neighbours far preferring the other word overrule that
            return None
        if self.lex.count(key) > _RW_MAX_COUNT and (ev < 2 or margin < 5.0):
            return None
        sides = " ".join(x for x in (left, c, right) if x)
        orig = " ".join(x for x in (left, key, right) if x)
        reason = f"{form}->{c}: {_explain(self.model, form, c)}; '{sides}' far more likely than '{orig}'"
        conf = _sigmoid(margin - 2.0)
        safe = ev == 2 and margin >= 4.0 or ev >= 1 and margin >= 6.0 and not name_like
        return (c, reason, round(min(conf, 0.99), 3), Applicability.SAFE if safe else Applicability.UNSAFE,
                "word", False)

    def _decide_non_word(self, form, key, left, right, name_like, level):
        if len(key) < 2 and (left is None or right is None or name_like):
            return None  # a lone letter needs a word on both sides
        # level 1: the larger list knows it (a rare word, or a frequent OCR error
        # such as "bo"): its own frequency competes with the candidates
        cands = self.non_word_candidates(form, key)
        odd_name = (name_like and not level and len(key) >= 4 and key.isascii()
                    and self.lex.odd_trigrams(key) >= 1)
        # a capitalised non-word of some length that no cheap confusion makes a common
        # word ('Gonoral', 'Oriontal'): in modern print a garbled word or name where
        # one listed reading leads every other by far (promoted below)
        name_open = (name_like is True and not odd_name and not level and len(key) >= _NAME_OPEN_MIN_LEN
                     and not any(d <= _RW_MAX_CHANNEL and self.lex.count(c) >= 1e7 for c, d in cands))
        if name_like and not odd_name and not name_open:
            # a capitalised unknown word inside a sentence is probably a name:
            # only a common word reached by cheap listed confusions wins
            # (unless its letters are no name's: 'Mdes', 'Smllh')
            cands = [(c, d) for c, d in cands if d <= _RW_MAX_CHANNEL and self.lex.count(c) >= 1e7]
            if level:
                # a token some list knows ('Tho', 'Ho'): only a slip for one of the
                # commonest words, after a full stop the OCR lost ('stolen Tho evidence');
                # it must be backed by context (below)
                cands = [(c, d) for c, d in cands if self.lex.count(c) >= _FUNCTION_WORD_COUNT]
                if not cands or name_like is True:
                    return None
        splits = [] if name_like or not form[1:].islower() else self.split_candidates(key)
        if not cands and not splits:
            return None
        scored = []
        for c, ch in cands:
            s, ev = self._ctx(c, left, right)
            scored.append((s - ch, c, ch, ev, "word"))
        for a, b in splits:
            s, ev = self._ctx_split(a, b, left, right)
            # a capital I run into the next word ("Iam", "Ihave") is a common OCR slip
            cost = _SPLIT_COST_I if a == "i" and form[:1] == "I" else _SPLIT_COST
            scored.append((s - cost, f"{a} {b}", cost, ev, "split"))
        scored.sort(reverse=True)
        top, c, ch, ev, kind = scored[0]
        second = scored[1][0] if len(scored) > 1 else -math.inf
        keep = self._ctx_keep(key, left, right)
        rival = max(second, keep)
        margin = top - rival
        if margin < 0.5:
            return None
        conf = _sigmoid(margin)
        # short tokens have many neighbours in edit space: be stricter with them
        if len(key) == 1:
            safe = margin >= 4.0 and ch <= _SHORT_MAX_CHANNEL_CONTEXT and ev == 2
        elif len(key) == 2:
            # a dearer confusion only where both neighbours back the word ('convicted ot stealing')
            safe = margin >= 4.0 and (ch <= _SHORT_CHEAP_CHANNEL or ch <= _SHORT_MAX_CHANNEL_CONTEXT and ev == 2)
        elif len(key) == 3:
            safe = margin >= 3.0 and ch <= 2.5
        else:
            safe = margin >= 2.0 and ch <= _MAX_CHANNEL_SAFE
            if not safe and len(key) >= 5 and level == 0 and kind == "word" and ev == 2 \
                    and margin >= _LONG_MARGIN_CONTEXT and len(c) == len(key):
                # a dearer slip in a longer word ('conmitted'), where both neighbours back
                # the word and it keeps its length: a substitution, not the extra or
                # missing letter of an old spelling ('entred', 'priour')
                safe = True
        if level == 1:
            safe = safe and margin >= 3.0 and ev >= 1
            if name_like:
                safe = safe and margin >= 4.0 and ev == 2
        if odd_name or name_open:
            safe = False  # in modern print only (below)
        if kind == "split":
            safe = safe and margin >= 3.0
            reason = f"{form!r} -> {c!r}: two words run together ('{c}' is frequent, {form!r} is not a word)"
        else:
            why = _explain(self.model, form, c)
            ctxnote = ""
            if ev:
                sides = " ".join(x for x in (left, c, right) if x)
                ctxnote = f"; '{sides}' in context"
            reason = f"{form}->{c}: not a word; {why}{ctxnote}"
        # in modern print an unknown word is far likelier an OCR slip than an old or
        # rare spelling: there a dearer slip in a word of three or more letters is mended
        # where the context backs the word, or where nothing else comes close
        # (and a run of letters hardly any English word has, as in 'smllh', marks a
        # misreading rather than a rare word)
        promote: str | bool = False
        if name_open:
            if kind == "word" and margin >= _NAME_OPEN_MARGIN and ch <= _MAX_CHANNEL_SAFE:
                promote = "modern"
        elif not safe and level == 0 and kind == "word":
            if (len(key) >= 4 and margin >= _ODD_MARGIN and key.isascii() and self.lex.odd_trigrams(key) >= 1
                    and not old_spelling(key, self.lex.unigrams)):
                promote = "odd"  # letters no English word has: a misreading on any page
            elif (len(key) >= 4 and (ev >= 1 and margin >= _MODERN_MARGIN_CONTEXT or margin >= _MODERN_MARGIN)
                    or len(key) == 3 and ev >= 1 and margin >= _MODERN_MARGIN_SHORT):
                promote = "modern"
            elif (len(key) >= _MODERN_LONG_LEN and margin >= _MODERN_MARGIN_LONG and not name_like and key.isascii()
                    and not old_spelling(key, self.lex.unigrams)):
                # a long word no list knows, one slip from a word that leads every
                # rival: long words have few neighbours in edit space, so in modern
                # print a clear lead is enough ('prosecutiot', 'chlosoform'); in lower
                # case only (see _corrections: a capitalised one may be a name)
                promote = "long"
        elif not safe and len(key) == 2 and kind == "word" and ev >= 1 and (
                ch <= _SHORT_CHEAP_CHANNEL and margin >= _MODERN_MARGIN_TWO
                or margin >= _MODERN_MARGIN_TWO_DEAR and not name_like):
            # a two-letter token one of the cheapest confusions from a word a neighbour
            # backs ('that ho said', 'Ho also'), or a dearer one far ahead of every
            # rival ('property ot William', 'owned bj Messrs'): in modern print a slip,
            # not an interjection or an abbreviation
            promote = "modern"
        elif not safe and kind == "word" and not name_like and len(key) == 3 and level == 1 and ev >= 1 \
                and margin >= _MODERN_MARGIN_LISTED_THREE and not old_spelling(key, self.lex.unigrams):
            # a three-letter token only the larger list knows, far ahead with a
            # neighbour's backing ('it wai urged', 'could iot get'): in modern print a
            # slip; not an old spelling ('wil'), which a page of few may still hold
            promote = "modern"
        return (c, reason, round(min(conf, 0.99), 3), Applicability.SAFE if safe else Applicability.UNSAFE, kind,
                promote)

    def decide_two_edit(self, form: str, key: str, left: str | None, right: str | None,
                        name_like) -> tuple | None:
        """For a page of modern print: a long unknown token for which :meth:`decide`
        finds no candidate, two plain edits from a common word ('goverzmect' ->
        'government', 'aqreemznt' -> 'agreement', 'becawze' -> 'because'; counted a
        million times or more), where
        that word, with the error model's cost and its neighbours, leads every other
        word two edits away by 3 nats and keeping the token by 3.  A capitalised token
        inside a sentence is held for a name unless its letters are no name's (odd
        runs of three); a token that ends or begins with the word ('governmentxy':
        letters run on from a lost space) and one with two capitals or more after
        its first letter ('GoVerzMect') are kept.  Same
        result tuple as :meth:`decide` (``promote`` ``"modern"``).

        >>> corrector_for(None).decide_two_edit("goverzmect", "goverzmect", "the", "will", False)[0]
        'government'
        """
        ck = (form, left, right, name_like)
        if ck in self._two_decisions:
            return self._two_decisions[ck]
        if len(self._two_decisions) > 200_000:
            self._two_decisions.clear()
        d = self._decide_two_edit(form, key, left, right, name_like)
        self._two_decisions[ck] = d
        return d

    def _decide_two_edit(self, form, key, left, right, name_like):
        if (name_like and not self.lex.odd_trigrams(key)
                or self.non_word_candidates(form, key) or self.split_candidates(key)):
            return None
        cands = self.two_edit_candidates(form, key)
        if not cands:
            return None
        scored = []
        for c, ch in cands:
            s, ev = self._ctx(c, left, right)
            scored.append((s - ch, c, ch, ev))
        scored.sort(reverse=True)
        top, c, ch, ev = scored[0]
        second = scored[1][0] if len(scored) > 1 else -math.inf
        keep = self._ctx_keep(key, left, right)
        lead = top - max(second, keep)
        if top - second < _TWO_EDIT_LEAD or top - keep < _TWO_EDIT_KEEP:
            return None
        if key.startswith(c) or key.endswith(c) or self.lex.count(c) < _TWO_EDIT_MIN_COUNT:
            return None  # letters run on from a lost space ('governmentxy', 'xygovernment'); a rare word
        why = _explain(self.model, form, c)
        ctxnote = f"; '{' '.join(x for x in (left, c, right) if x)}' in context" if ev else ""
        reason = f"{form}->{c}: not a word; two edits ({why}) from the only likely word{ctxnote}"
        return (c, reason, round(min(_sigmoid(lead), 0.99), 3), Applicability.UNSAFE, "word", "modern")

    def _ctx_keep(self, key, left, right) -> float:
        f = self.lex.extra.get(key, 0.0) if self.lex.extra else 0.0
        lp = max(_UNKNOWN_WORD, math.log(f)) if f > 0 else _UNKNOWN_WORD
        if right is not None:
            lp += _BACKOFF + self.lex.logprob(right)
        if left is not None:
            lp += _BACKOFF
        return lp


_CORRECTORS: dict[tuple, WordCorrector] = {}


def corrector_for(ctx) -> WordCorrector | None:
    """The corrector for this run's language, dictionary and model (``None``: leave words alone)."""
    opts = ctx.options if ctx is not None else {}
    dictionary = opts.get("dictionary")
    model = opts.get("model")
    lang = opts.get("lang", "en")
    if dictionary is None and not lang.lower().startswith("en"):
        return None
    key = (str(dictionary) if dictionary is not None else lang[:2], id(model) if isinstance(model, ErrorModel)
           else str(model))
    hit = _CORRECTORS.get(key)
    if hit is None:
        em = load_model(model)
        if dictionary is None:
            hit = WordCorrector(english_lexicon(), em, english=True)
        else:
            hit = WordCorrector(lexicon_from_file(dictionary), em, english=False)
        if len(_CORRECTORS) > 16:
            _CORRECTORS.clear()
        _CORRECTORS[key] = hit
    return hit


def preload_english() -> None:
    """Load the English word lists, their prefix, reversed-word and letter-run sets,
    the word ends merges may make and the bundled error model now rather than on
    the first suspicious word (``Pipeline.warm_up`` calls this before forking
    workers, so they share what it loaded)."""
    corrector = corrector_for(None)
    corrector.lex.prefixes  # noqa: B018  (built on first use)
    corrector.lex.letter_trigrams  # noqa: B018
    corrector.lex.within_two_edits("preload")  # its reversed word list
    corrector.merge_ends  # noqa: B018  (what word_split_merge may join)


def looks_english(counts: dict[str, int], lex: Lexicon, known: int | None = None) -> bool:
    """Is a document English enough to correct?  French (or other) function
    words outnumbering English ones, or few known words, say no.
    ``counts`` are the document's lower-case word counts; ``known``, if given, how
    many of them the lexicon lists.

    >>> from collections import Counter
    >>> lex = english_lexicon()
    >>> looks_english(Counter("le chat est sur la table et il dort".split()), lex)
    False
    >>> looks_english(Counter("the cat is on the table and it sleeps".split()), lex)
    True
    """
    # (the function words a page holds, found by an intersection at C speed)
    en = sum(map(counts.__getitem__, counts.keys() & _EN_STOP))
    fr = sum(map(counts.__getitem__, counts.keys() & _FR_STOP))
    words = sum(counts.values())
    if words >= 20 and en < _EN_STOP_SHARE * words:
        # a list of people (soldiers, passengers, jurors) has few function words; English
        # given names (not ones French shares: Louis, Marie) making a tenth of it say English
        names = sum(counts[n] for n in counts.keys() & given_names() if n not in _FRENCH_NAMES)
        if names >= _NAME_LIST_SHARE * words and names >= 3 * fr:
            return True
    if fr >= 2 and fr > en * 0.5:
        return False
    if words >= 20 and en < _EN_STOP_SHARE * words:
        if known is None:  # counted only here: most English pages are settled by their 'the'
            known = sum(map(counts.__getitem__, counts.keys() & lex.unigrams.keys()))
        if known < 0.55 * words:
            # few known words and few English function words: another language (one-letter
            # words count as known: a, I, &c.); a badly garbled English page keeps its 'the'
            return False
    return True


# pronouns and verb forms of early-modern English (and its u/v spellings)
_EARLY_MODERN_FORMS = frozenset("thou thee thy thine hath doth dost hast shalt wilt ye unto vnto vpon "
                                "hee shee doe goe onely selfe owne beene".split())


class SpellingMarks:
    """The lower-case words :func:`early_modern_share` has judged (``judged``),
    and those of them that mark early-modern spelling (``old``: unlisted, and
    :func:`old_spelling` says so), kept across documents so that a page's words
    are judged with two set operations at C speed."""

    __slots__ = ("judged", "old", "page")

    def __init__(self) -> None:
        self.judged: set[str] = set()
        self.old: set[str] = set()
        #: the last scanned page's counts and its old spellings, found by ``_scan``
        #: from ``WordCorrector.old_keys`` (no look at each of its words)
        self.page: tuple = (None, frozenset())


def early_modern_share(counts: dict[str, int], lex: Lexicon, seen: SpellingMarks | None = None) -> float:
    """The share of a document's words in early-modern spelling: ``thou``, ``hath``,
    ``vpon``, and unlisted words that are old spellings of listed ones (see
    :func:`old_spelling`).  A word counts at most twice, so a name such as Browne
    does not make a page old.  ``counts`` are the document's lower-case word counts;
    ``seen``, if given, remembers the words judged across documents.

    >>> from collections import Counter
    >>> lex = english_lexicon()
    >>> early_modern_share(Counter("and thou hast knowne it and the same is owne".split()), lex) > 0.2
    True
    >>> early_modern_share(Counter("the court was told that the man had known it".split()), lex)
    0.0
    """
    words = sum(counts.values())
    if not words:
        return 0.0
    unigrams = lex.unigrams
    marks = sum(min(2, counts[w]) for w in counts.keys() & _EARLY_MODERN_FORMS)
    if seen is None:
        seen = SpellingMarks()
    page, old = seen.page
    if page is counts:
        # a scanned page: its old spellings are known (probing a large set with
        # every word of the page cost more, its entries being out of the CPU's caches)
        return (marks + sum(min(2, counts[w]) for w in old)) / words
    # (most pages hold no word not judged before: a subset test, which makes no set,
    # settles them several times faster than the difference)
    new = () if seen.judged.issuperset(counts) else set(counts).difference(seen.judged)
    if new:
        if len(seen.judged) > 200_000:
            seen.judged.clear()
            seen.old.clear()
        seen.judged.update(new)
        seen.old.update(w for w in new if w not in unigrams and old_spelling(w, unigrams))
    # (the listed forms count again here when unlisted, as every old spelling does)
    for w in counts.keys() & seen.old:
        marks += min(2, counts[w])
    return marks / words


_OLD_SPELLINGS = (
    # (pattern, modern replacement): one respelling each, tried on an unlisted word
    (re.compile(r"(?<=\w\w\w)e$"), ""),            # knowne, selfe, owne
    (re.compile(r"(?<=\w\w)ll$"), "l"),             # devill, buriall, beautifull
    (re.compile(r"(?<=\w\w)(?<!l)l$"), "ll"),       # shal, wel, smel
    (re.compile(r"ee"), "ea"),                        # neer, yeer
    (re.compile(r"ee"), "ie"),                        # yeeld
    (re.compile(r"^i(?=[eou])|(?<=\w)i(?=[aeou])"), "j"),  # ieopardy, iudge, coniure
    (re.compile(r"(?<=[aeio])u(?=[aei])"), "v"),      # haue, giue, euer
    (re.compile(r"^v(?=[nps][a-z])"), "u"),          # vnto, vpon, vnder, vsed
    (re.compile(r"(?<=\w\w)ck$"), "c"),             # publick, musick
    (re.compile(r"(?<=\w\w)cht$"), "ched"),         # fetcht, thatcht
)
_OLD_SPELLING_MIN_COUNT = 200_000


def _early_modern_page(corr: "WordCorrector", counts: dict[str, int] | None) -> bool:
    """Is the page with these lower-case word counts in early-modern spelling?  (A
    line or two says too little: never for fewer than ``_MODERN_MIN_WORDS`` words.)"""
    return (bool(counts) and sum(counts.values()) >= _MODERN_MIN_WORDS
            and early_modern_share(counts, corr.lex, corr.old_spellings) >= _EARLY_MODERN_SHARE)


def _early_modern_counts(corr: WordCorrector, low) -> bool:
    """``_early_modern_page`` for a scan's counts, remembered for the last page asked
    about (the corrector and the name rule both ask)."""
    last, old = corr.page_age
    if last is not low:
        old = _early_modern_page(corr, low)
        corr.page_age = (low, old)
    return old


def old_spelling(word: str, unigrams) -> bool:
    """Is ``word`` (lower case) an early-modern spelling of a common listed word:
    a final ``e`` more (``knowne``), a final ``l`` more or less (``devill``,
    ``shal``), ``ee`` for ``ea``/``ie`` (``yeer``), ``i`` for ``j``, ``u`` for
    ``v`` (and ``v`` for a first ``u``: ``vnto``), ``ck`` for ``c``, ``-cht`` for
    ``-ched``?  The listed early-modern forms (``thou``, ``vnto``) count too.

    >>> from ocrclean.lexicon import english_frequencies
    >>> [w for w in ("knowne", "devill", "shal", "yeer", "coniure", "haue", "vnder", "tbe") if old_spelling(w, english_frequencies())]
    ['knowne', 'devill', 'shal', 'yeer', 'coniure', 'haue', 'vnder']
    """
    if word in _EARLY_MODERN_FORMS:
        return True
    for pattern, modern in _OLD_SPELLINGS:
        respelt = pattern.sub(modern, word, count=1)
        if respelt != word and unigrams.get(respelt, 0) >= _OLD_SPELLING_MIN_COUNT:
            return True
    return False


# every word of a text, found at C speed; only suspicious ones get a Python look
_WORDS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# the same, splitting a text into gap, word, gap, word, ..., gap
_TOKENS = re.compile(r"([^\W\d_]+(?:['\u2019][^\W\d_]+)*)")
# ... and the scan's split, without a regex split: every character that is neither a
# letter (as _TOKENS reads letters) nor an apostrophe made a space -- on a page within
# Latin-1, almost every page, by one bytes.translate; on another, one character at a
# time by a pattern written with its letters (``scanning.with_letters``) -- and then
# every apostrophe that is not between two letters (see token_pieces)
_LATIN1_TOKEN_BYTES = bytes(b if b == 39 or _TOKENS.fullmatch(chr(b)) else 32 for b in range(256))
_NOT_TOKEN_TEMPLATE = r"(?!{L})[^'\u2019]"
_LOOSE_APOSTROPHES = (  # (each opening with its apostrophe: the engine skips to it)
    re.compile(r"'(?:(?![^ '\u2019])|(?<![^ '\u2019]'))"),
    re.compile(r"\u2019(?:(?![^ '\u2019])|(?<![^ '\u2019]\u2019))"),
)
_NEIGHBOUR_GAP = re.compile(r"[ \t]{1,3}\n?[ \t]*|\n")
# matched backwards from a token's start (regex's REVERSE flag): the word before it
_LEFT_WORD = regex.compile(r"(\p{L}+(?:['\u2019]\p{L}+)*)([ \t]{1,3}\n?[ \t]*|\n)", regex.REVERSE)
_RIGHT_WORD = re.compile(r"(?:[ \t]{1,3}\n?[ \t]*|\n)([^\W\d_]+(?:['\u2019][^\W\d_]+)*)")
_GLUE_BEFORE = frozenset("_@/\\&#$%")
_GLUE_AFTER = frozenset("_@/\\")


def _token_plan(corr: WordCorrector, w: str):
    """What the scan needs to know of a token as written, cached per corrector:
    ``None`` when it never needs a look (and it joins ``corr.plain``), else
    ``(kind, key, form, doc_keys)`` where ``doc_keys`` is ``None`` (actionable as
    it is) or the spellings of which one must occur in the document."""
    plans = corr.plans
    if w in plans:
        return plans[w]
    kind = corr.suspicious(w)
    plan = None
    if kind:
        key = w.lower()
        doc_keys = None
        if kind != "real":
            form = key if w[:1].isupper() and (w[1:].islower() or w.isupper()) else (
                w[0].lower() + w[1:] if w[:1].isupper() else w)
            if not (len(key) <= 5 or corr.non_word_candidates(form, key) or corr.split_candidates(key)
                    or _NAME_SHAPE.fullmatch(w) and given_name_reading(w, corr.model)
                    or corr.two_edit_candidates(form, key)):
                doc_keys = tuple(dict.fromkeys(c for c, _ in corr.doc_expansions(form)))
        if doc_keys is None or doc_keys:
            if w[:1].isupper():
                form = key if w[1:].islower() or len(w) == 1 else w[0].lower() + w[1:]
            else:
                form = w
            plan = (kind, key, form, doc_keys)
    if plan is None:
        corr.plain.add(w)
    if len(plans) > 500_000:
        plans.clear()
    plans[w] = plan
    return plan


def token_pieces(text: str) -> list[str]:
    """The tokens of ``text`` (what ``_TOKENS`` finds), in order, as ``str.split(" ")``
    parts the text with every other character made a space: with ``''`` for each
    further character between two tokens, so that a piece starts where the pieces
    before it, each with one character after it, end.

    About three times cheaper than the regex split on a page: the characters
    are made spaces by a byte table, and splitting at one character makes no
    string for an empty piece.

    >>> token_pieces("it's  the 'end', 12ab")
    ["it's", '', 'the', '', 'end', '', '', '', '', 'ab']
    >>> token_pieces("l\u2019homme \u2022 \u2019s")
    ['l\u2019homme', '', '', '', 's']
    """
    work = text
    curly = False  # the text's apostrophes are all curly, read as straight meanwhile
    if not text.isascii():
        # Characters past Latin-1 (a few a page, if any: bullets, dashes, quotes)
        # that no token holds are made spaces first; a curly apostrophe, in a text
        # with no straight one, is read as straight.  A letter past Latin-1, or both
        # apostrophes, and the pattern does it all.
        for char in set(outside_ascii(text)):
            if char <= "\xff":
                continue
            if char == "\u2019" and "'" not in text:
                curly = True
                work = work.replace(char, "'")
            elif char == "\u2019" or _TOKENS.fullmatch(char):
                work = None
                break
            else:
                work = work.replace(char, " ")
    if work is None:
        blanked = with_letters(_NOT_TOKEN_TEMPLATE, text).sub(" ", text)
        if "\u2019" in blanked:
            blanked = _LOOSE_APOSTROPHES[1].sub(" ", blanked)
    else:
        blanked = work.encode("latin-1").translate(_LATIN1_TOKEN_BYTES).decode("latin-1")
    if "'" in blanked:
        blanked = _LOOSE_APOSTROPHES[0].sub(" ", blanked)
    if curly:
        blanked = blanked.replace("'", "\u2019")
    return blanked.split(" ")


class _FormCounter:
    """How often a page writes a form, for the few short words it repeats: the
    first few asked by a scan of the word list at C speed each (a Counter of
    every form costs more on a page), the rest from a Counter made then (so a
    long text is read a bounded number of times)."""

    __slots__ = ("words", "asked", "counts")
    _SCANS = 3

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.asked = 0
        self.counts: Counter | None = None

    def count(self, form: str) -> int:
        if self.counts is None:
            if self.asked < self._SCANS:
                self.asked += 1
                return self.words.count(form)
            self.counts = Counter(self.words)
        return self.counts[form]


def _scan(text: str, ctx, corr: WordCorrector):
    """The suspicious tokens of a text, with their neighbours (cached per text).

    Returns ``(occurrences, lower-case counts)`` or ``None`` when the text is not
    one to correct (not English).  Each occurrence is ``(start, end, word, key,
    form, left, right, name_like, left_raw, right_raw, left_pos, right_pos)``:
    ``left``/``right`` are the listed neighbour words for context, ``*_raw`` the
    neighbouring words after a single space, for merges, ``*_pos`` where the
    neighbours start (-1: none).

    One C-level split gives every word (``token_pieces``), so a token's
    position, the gaps around it and its neighbours come from list indices.
    """
    if ctx is not None:
        hit = ctx.cache.get("words.scan")
        if hit is not None and hit[0] is text:
            return hit[1]
    pieces = token_pieces(text)
    words = list(filter(None, pieces))
    # lower-case counts, and how many of the words the list knows, at C speed
    low = Counter(map(str.lower, words))
    unigrams = corr.lex.unigrams
    result = None
    if not corr.english or looks_english(low, corr.lex):
        wanted = {}
        plans = corr.plans
        emptied = corr.old_keys_emptied
        capitals = _FormCounter(words).count
        for w in set(words).difference(corr.plain):
            p = plans.get(w, False)
            if p is False:
                p = _token_plan(corr, w)
            if p is None:
                continue
            kind, key, form, doc_keys = p
            if doc_keys is not None and low.keys().isdisjoint(doc_keys):
                continue
            n = low[key]
            if n >= 3 and key not in unigrams:
                if (len(key) >= 6 or capitals(w[:1].upper() + w[1:]) * 2 >= n) and not (
                        w.islower() and corr.plain_slip(form, key) or _repeated_name_slip(corr, w)):
                    continue  # the document's own word: a name, a place, a term
            wanted[w] = p
        # every token of the page has been looked at now (it is plain or has a plan):
        # the page's early-modern spellings are those of its tokens noted as such
        # (unless old_keys was emptied meanwhile: a plain token was not noted again)
        corr.old_spellings.page = (low, frozenset(low.keys() & corr.old_keys)) if (
            emptied == corr.old_keys_emptied) else (None, frozenset())
        occ = []
        if wanted:
            protected = protected_spans(text, ctx)
            npieces = len(pieces)
            listed_get = corr.listed_lowers.get
            s = upto = 0  # s: where pieces[upto] starts
            join = " ".join
            for j in list(compress(count(), map(wanted.__contains__, pieces))):
                # where piece j starts: the pieces before it, each with its character
                # after it, joined at C speed from the last wanted one on (cheaper
                # than summing their lengths)
                if j > upto:
                    s += len(join(pieces[upto:j])) + 1
                    upto = j
                w = pieces[j]
                kind, key, form, _ = wanted[w]
                e = s + len(w)
                # the tokens before and after it (i, n: the pieces they are, -1 or
                # npieces where there is none), and the gaps to them, as long as
                # the characters the pieces between count
                i = j - 1
                while i >= 0 and not pieces[i]:
                    i -= 1
                before = text[s - j + i:s] if i >= 0 else text[:s]
                n = j + 1
                while n < npieces and not pieces[n]:
                    n += 1
                after = text[e:e + n - j] if n < npieces else text[e:]
                # (a single space, the gap before three words in four, glues nothing,
                # ends no fragment and makes the word before a neighbour: the tests
                # below are for the other gaps)
                spaced = before == " "
                if before and not spaced:
                    c = before[-1]
                    if c.isalnum() or c in _GLUE_BEFORE or (
                            c in "'\u2019" and (before[-2:-1].isalpha() if len(before) > 1 else i >= 0)):
                        continue  # glued to what comes before: 'x_tbe', '@tbe', "o'tbe"
                if after and after != " ":
                    c = after[0]
                    if c.isalnum() or c in _GLUE_AFTER or (
                            c in "'\u2019" and (after[1:2].isalpha() if len(after) > 1 else n < npieces)):
                        continue
                if protected and overlaps(protected, s, e):
                    continue
                if len(key) == 1 and (LONE_QUANTITY_LETTER.search(text, max(0, s - 40), s)
                                      or LONE_QUANTITY_LETTER.search(text, e, e + 40)):
                    continue  # lone letters near: names of quantities ('let m be n', 'the m and n values';
                    # see glyphs.LONE_QUANTITY_LETTER)
                # (_fragment(text, s, e), read off the gaps: a word never ends in a
                # hyphen or an apostrophe, so the two characters before the word
                # end with '-' or '- ' only within the gap before it)
                part = False  # one part of a hyphenated compound: 'houso-surgeon'
                if not spaced and before.endswith(_FRAGMENT_ENDS) or after[:1] == "-":
                    if not _compound_part(text, s, e, corr):
                        continue
                    part = True
                lw = pieces[i] if i >= 0 and (spaced or _neighbour_gap(before) or part and before == "-") else None
                rw = pieces[n] if n < npieces and (
                    after == " " or _neighbour_gap(after) or part and after == "-") else None
                # (a word one space after another opens no sentence: _starts_sentence
                # would find that word's last letter before it)
                name_like = w[:1].isupper() and (spaced and i >= 0 or not _starts_sentence(text, s)) and (
                    _name_kind(lw, rw))
                if kind == "upper":
                    # capitals are acronyms unless the words around are capitals too (a heading)
                    if not (lw and lw.isupper() and len(lw) > 1 or rw and rw.isupper() and len(rw) > 1):
                        continue
                    form, name_like = key, False
                # (one probe of the table each, not two: a neighbour not yet seen
                # gets the sentinel and is looked up in the word list)
                left = right = None
                if lw:
                    left = listed_get(lw, _NOT_DECIDED)
                    if left is _NOT_DECIDED:
                        left = corr.listed_lower(lw)
                if rw:
                    right = listed_get(rw, _NOT_DECIDED)
                    if right is _NOT_DECIDED:
                        right = corr.listed_lower(rw)
                occ.append((s, e, w, key, form, left, right, name_like,
                            lw if before == " " else None, rw if after == " " else None,
                            s - len(before) - len(lw) if lw else -1, e + len(after) if rw else -1))
        result = (occ, low)
    if ctx is not None:
        ctx.cache["words.scan"] = (text, result)
    return result


def _name_kind(lw: str | None, rw: str | None):
    """How name-like a capitalised word inside a sentence is: ``"weak"`` between two
    lower-case words ('stolen Tho evidence': maybe a lost full stop), else ``True``
    ('Mr. Ho', 'Tho Nguyen', 'Lovcridge, Tho')."""
    return "weak" if lw and rw and lw.islower() and rw.islower() else True


_GAPS: dict[str, bool] = {}


def _neighbour_gap(gap: str) -> bool:
    """Is ``gap`` the space between two neighbouring words (1-3 spaces or tabs and
    at most one line break), so that each is context for the other?"""
    hit = _GAPS.get(gap)
    if hit is None:
        hit = _NEIGHBOUR_GAP.fullmatch(gap) is not None
        if len(_GAPS) > 10_000:
            _GAPS.clear()
        _GAPS[gap] = hit
    return hit


def _occurrence(text, s, e, w, key, form, kind, unigrams):
    """One scan entry for the token ``w`` at ``[s, e)`` (see :func:`_scan`), or None."""
    name_like = w[:1].isupper() and not _starts_sentence(text, s)
    m1 = _LEFT_WORD.match(text, max(0, s - 40), s)
    m2 = _RIGHT_WORD.match(text, e, min(len(text), e + 40))
    if kind == "upper":
        # capitals are acronyms unless the words around are capitals too (a heading)
        if not (m1 and m1.group(1).isupper() and len(m1.group(1)) > 1
                or m2 and m2.group(1).isupper() and len(m2.group(1)) > 1):
            return None
        form, name_like = key, False
    lw = m1.group(1) if m1 else None
    rw = m2.group(1) if m2 else None
    if name_like:
        name_like = _name_kind(lw, rw)
    left = lw.lower() if lw and lw.lower() in unigrams else None
    right = rw.lower() if rw and rw.lower() in unigrams else None
    lraw = lw if m1 and m1.group(2) == " " else None
    rraw = rw if m2 and text[e:e + 1] == " " and m2.start(1) == e + 1 else None
    lpos = m1.start(1) if m1 else -1
    rpos = m2.start(1) if m2 else -1
    return (s, e, w, key, form, left, right, name_like, lraw, rraw, lpos, rpos)
def _document_candidate(corr: WordCorrector, form: str, key: str, doc_counts: dict[str, int]):
    """A word the document itself spells this way at least twice, one or two cheap
    confusions from the token ('Covony' when 'Coveny' occurs elsewhere)."""
    n_tok = doc_counts.get(key, 0)
    # the cheapest such expansion: of those the document holds (one intersection at
    # C speed; most tokens have none), the one first in the list
    first = corr._doc_first.get(form)  # (the method's cache, read without a call)
    if first is None:
        first = corr.doc_expansion_index(form)
    if first.keys().isdisjoint(doc_counts.keys()):
        return None  # (most tokens: told without making the intersection's set)
    k_best = None
    for c in doc_counts.keys() & first.keys():
        n = doc_counts[c]
        if n >= 2 and n > n_tok and (k_best is None or first[c] < k_best):
            k_best = first[c]
    if k_best is None:
        return None
    c, cost = corr.doc_expansions(form)[k_best]
    n = doc_counts[c]
    reason = f"{form}->{c}: not a word; {_explain(corr.model, form, c)}; the document spells it {c!r} {n} times"
    conf = 0.95 if n >= 3 and cost <= 2.0 else 0.8
    return (c, reason, conf, Applicability.SAFE if conf >= 0.9 else Applicability.UNSAFE, "word", False)


_FRAGMENT_ENDS = ("-", "- ")


def _fragment(text: str, s: int, e: int) -> bool:
    """Is the token part of a hyphenated or broken word ('descrip- tion', 'well-')?"""
    before = text[max(0, s - 2):s]
    return before.endswith(_FRAGMENT_ENDS) or text[e:e + 1] == "-"


_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _compound_part(text: str, s: int, e: int, corr: WordCorrector) -> bool:
    """Is the token at ``[s, e)`` one part of a hyphenated compound written on one
    line (``houso-surgeon``, ``Chaneery-lane``) whose other parts are listed words
    of three letters or more, and which is no broken word (its parts run together
    make no word: ``pa-tience`` stays a fragment)?  Such a part is a word of its own.

    >>> c = corrector_for(None)
    >>> _compound_part("the houso-surgeon came", 4, 9, c), _compound_part("great pa-tience", 9, 15, c)
    (True, False)
    """
    a = s
    while a > 0 and (text[a - 1].isalpha() or text[a - 1] == "-" and a > 1 and text[a - 2].isalpha()):
        a -= 1
    m = _COMPOUND.match(text, a)
    if m is None or m.end() < e or m.end() < len(text) and text[m.end()] in "-'\u2019" or (
            a > 0 and text[a - 1] in "-'\u2019"):
        return False
    parts = m.group().split("-")
    if len(parts) > 3:
        return False
    joined = "".join(parts).lower()
    if corr.known_level(joined):
        return False
    token = text[s:e]
    others = [p for p in parts if p != token] or parts[:0]
    if len(others) != len(parts) - 1:
        return False
    return all(len(p) >= 3 and p.lower() in corr.lex.unigrams for p in others)


# 'went to. the house': a speck read as a full stop after a word no sentence ends with
# (found from the stop: a pattern that opens with a look-behind is tried at every character;
# one pattern per stop, since a class is tested at every character too: see ocrclean.scanning)
_STOP_BEFORE_LOWER = re.compile(r"[.:] (?=[a-z])")
_STOPS_BEFORE_LOWER = (re.compile(r"\. (?=[a-z])"), re.compile(r": (?=[a-z])"))
_STRAY_STOP_WORD = re.compile(r"(?:^|[^\w.'\u2019-])(the|and|of|to|with|from|that|his|her|their|this|these"
                              r"|those|was|were|been|are|is|an|or|but|for|by)$")
# ... the same words, for _word_before (see stray_stops)
_STRAY_STOP_WORDS = frozenset("the and of to with from that his her their this these those was were been are "
                              "is an or but for by".split())


# a common lower-case word of four letters or more before a full stop, and the word after it
_LONG_WORD_BEFORE_STOP = re.compile(r"(?:^|[^\w.'\u2019-])([a-z]{4,})$")
_WORD_AFTER_STOP = re.compile(r"([a-z]{2,})\b(?![.'\u2019-]\w)")
_STRAY_STOP_MIN_COUNT = 100_000
# words a sentence often opens with, its capital misread ('refused. he said')
_LOWER_OPENERS = frozenset("he she it they we you there this then".split())

# (the patterns above that end in '$' and open with a class are the rules as
# written: _word_before reads what they find, and the tests compare the two)
_ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"
_ASCII_LETTERS = _ASCII_LOWER + _ASCII_LOWER.upper()
_ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _word_before(text: str, s: int, reach: int, marks: str, capital: bool = False) -> tuple[int, str] | None:
    """The word that ``(?:^|[^\\w MARKS])(WORD)$`` finds searched in
    ``text[max(0, s - reach):s]`` (``MARKS`` the characters of ``marks``; WORD a
    run of lower-case ASCII letters, after one capital if ``capital``), as
    ``(start, word)``, or None; the caller asks any length it needs.

    (Read backwards from ``s`` with ``str.rstrip``: a pattern that opens with a
    class is tried at every character of the window, several times the cost.)

    >>> _word_before("went to. the", 7, 8, ".'"), _word_before("A Con. tract", 5, 30, ".'", capital=True)
    ((5, 'to'), (2, 'Con'))
    >>> _word_before("x_to.", 4, 8, ".'"), _word_before("so.to.", 5, 8, ".'")
    (None, None)
    """
    a = max(0, s - reach)
    end = s - 1 if s > a and text[s - 1] == "\n" else s  # ('$' matches before a last line break too)
    piece = text[a:end]
    head = piece.rstrip(_ASCII_LOWER)
    r = a + len(head)
    if r == end:
        return None
    if capital and head and head[-1] in _ASCII_UPPER:
        r -= 1
        head = head[:-1]
    if head:
        c = head[-1]
        if c.isalnum() or c == "_" or c in marks:  # (what \w matches: a letter, a digit, '_')
            return None
    elif r > 0:  # the word runs on past the window ('^' matches only where the text starts)
        return None
    return r, text[r:end]


def stray_stops(text: str, ctx=None) -> list[Proposal]:
    """``went to. the house`` -> ``went to the house``: a full stop or colon after a
    word no English sentence or clause ends with (an article, a preposition, a
    conjunction, an auxiliary), before a lower-case word, is a speck of dirt.  So is
    a full stop between two common lower-case words where the first has four
    letters or more and is no abbreviation (``used to fill. the boilers``,
    ``close to the luggage. van``), unless the second is a word sentences open
    with, its capital misread (``he refused. he said``).

    >>> [(p.start, p.replacement) for p in stray_stops("he went to. the house")]
    [(10, '')]
    >>> [(p.start, p.replacement) for p in stray_stops("used to fill. the boilers")]
    [(12, '')]
    >>> stray_stops("at 5 in. the hall, a.m. the next day, approx. ten; he refused. he left")
    []
    """
    if ". " not in text and ": " not in text:
        return []
    protected = protected_spans(text, ctx) if ctx is not None else ()
    out = []
    for m in finditer_each(_STOPS_BEFORE_LOWER, text):
        s = m.start()
        # the word before the stop, as _LONG_WORD_BEFORE_STOP finds it; as
        # _STRAY_STOP_WORD does if it is one of its words and stands within 8 characters
        word = _word_before(text, s, 30, ".'\u2019-")
        if protected and overlaps(protected, s, s + 1):
            continue
        if word is not None and word[1] in _STRAY_STOP_WORDS and (word[0] > s - 8 or word[0] == 0 and s <= 8):
            out.append(Proposal(s, s + 1, "", f"'{word[1]}{text[s]}': a stop after a word no sentence "
                                              f"ends with", 0.9, Applicability.SAFE))
            continue
        if text[s] != ".":
            continue
        after = _WORD_AFTER_STOP.match(text, s + 2)
        if word is None or len(word[1]) < 4 or after is None:
            continue
        left, right = word[1], after.group(1)
        if (left in _ABBREVIATIONS or right in _LOWER_OPENERS or word_frequency(left) < _STRAY_STOP_MIN_COUNT
                or word_frequency(right) < _STRAY_STOP_MIN_COUNT
                or word_frequency(left + right) >= _PERIOD_MERGE_MIN_COUNT):
            continue  # (the last: a word broken at a line end, joined by period_splits: 'them. selves')
        out.append(Proposal(s, s + 1, "", f"'{left}. {right}': a stop between two words of one sentence, a speck",
                            0.9, Applicability.SAFE))
    return out


@register("word_correction", stage="words", preload=preload_english,
          description="OCR misreadings inside words by a noisy channel (confusions, frequency, "
                      "context): 'tbe' -> 'the', 'hirn' -> 'him', 'of tho' -> 'of the'")
def fix_words(text, ctx):
    """Correct words the OCR engine misread, where the evidence is strong.

    >>> from ocrclean import clean
    >>> clean("He said tbe word and left hirn there.").text
    'He said the word and left him there.'
    >>> clean("The Smyth family of Glasgow owned it.").text
    'The Smyth family of Glasgow owned it.'
    """
    corr = corrector_for(ctx)
    if corr is None:
        return ()
    scan = _scan(text, ctx, corr)
    if not scan:
        return ()
    # a capital inside a word ('aU') is mended outright; the mended word is context
    # for its neighbours in the corrector's rounds ('aU tho' -> 'all the')
    inner = inner_capital_slips(text, corr, ctx, scan[1]) if corr.english else []
    out = _corrections(corr, scan, {p[0]: p[2].lower() for p in inner})
    if corr.english:
        out = given_name_slips(text, corr, scan, out)
        if inner:
            taken = {p[0] for p in inner}  # the corrector's guess for the same token goes
            out = [p for p in out if p[0] not in taken] + inner
        out.extend(capital_i_slips(text, ctx))
        o_slips = capital_o_slips(text, ctx)
        if o_slips:  # the corrector's unsafe guess for the same token goes
            taken = {p[0] for p in o_slips}
            out = [p for p in out if p[0] not in taken] + o_slips
        out.extend(stray_stops(text, ctx))
        # in span order, as the pipeline wants them: it would otherwise review the
        # proposals up to the first out of order, then sort them and start again
        # (a stable sort by the same key as the pipeline's, so the same order)
        out.sort(key=_SPAN)
    if ctx is not None:
        # word_split_merge moves this scan onto the corrected text instead of redoing it
        ctx.cache["words.corrected"] = (text, scan, out)
    return out


# 'faU', 'caUed', 'DeviU', 'feHowes': a capital U or H inside a lower-case word is a
# misread 'll' (or 'li', 'il')
# (found from the capital, which the engine can jump to; the word around it is then read
# both ways: a pattern that opens with a look-behind is tried at every character)
_LOWER_THEN_CAPITAL = re.compile(r"[UH](?<=[a-z][UH])")
_LOWER_THEN_CAPITALS = (re.compile(r"U(?<=[a-z]U)"), re.compile(r"H(?<=[a-z]H)"))  # the same, faster
_INNER_CAPITAL = re.compile(r"(?<![\w'\u2019-])([A-Z]?[a-z]+)([UH])([a-z]*)\b(?!['\u2019-]\w)")
_INNER_CAPITAL_READINGS = ("ll", "li", "il")


def inner_capital_slips(text: str, corr: "WordCorrector", ctx=None,
                        counts: dict[str, int] | None = None) -> list[Proposal]:
    """``faU`` -> ``fall``, ``caUed`` -> ``called``: a capital ``U`` or ``H`` inside a
    lower-case word is no spelling at all, but the OCR engine's reading of ``ll``
    (or ``li``, ``il``).  The token is mended where one reading gives a listed
    word or a form of one; on an early-modern page (``counts``, the page's
    lower-case word counts, say so) also where it gives an old spelling of one
    (``DeviU`` -> ``Devill``, ``feUowes`` -> ``fellowes``: the page's own spelling
    is kept, not modernised).

    >>> [p.replacement for p in inner_capital_slips("he caUed them to the waU", corrector_for(None))]
    ['called', 'wall']
    >>> inner_capital_slips("MacHugh and McUlloch met eHealth", corrector_for(None))
    []
    """
    if "U" not in text and "H" not in text:  # (cheaper than any() over a generator)
        return []
    unigrams = corr.lex.unigrams
    old_page = None  # is this an early-modern page? (asked only for an old spelling)
    protected = None
    out = []
    for m in _inner_capital_tokens(text):
        head, cap, tail = m.groups()
        for reading in _INNER_CAPITAL_READINGS:
            word = head + reading + tail
            key = word.lower()
            if corr.known_level(key) == 2:
                break
            # (the page first: asked once, and remembered for the corrector's own
            # questions; an old spelling costs a dozen respellings, asked of every reading)
            if old_page is None:
                old_page = _early_modern_counts(corr, counts)
            if old_page and old_spelling(key, unigrams):
                break
        else:
            continue
        if protected is None:
            protected = protected_spans(text, ctx) if ctx is not None else ()
        if protected and overlaps(protected, m.start(), m.end()):
            continue
        out.append(Proposal(m.start(), m.end(), word,
                            f"{m.group(0)}->{word}: {cap}/{reading} confusion (a capital inside a word)",
                            0.95, Applicability.SAFE))
    return out


def _inner_capital_tokens(text: str):
    """The matches of ``_INNER_CAPITAL`` in ``text``, found from each ``U`` or ``H``
    after a lower-case letter (the word's start is at most 40 letters back)."""
    last = -1
    for hit in finditer_each(_LOWER_THEN_CAPITALS, text):
        cap = hit.start()
        if cap < last:
            continue
        start = cap - 1
        while start > 0 and text[start - 1].isalpha() and cap - start < 40:
            start -= 1
        m = _INNER_CAPITAL.match(text, start)
        if m is not None and m.start(2) == cap:
            last = m.end()
            yield m


# 'brought up In the street': a lower-case i read as a capital, between lower-case words
# (found by the capital word; the word before it is then read backwards)
# (before a capitalised word only where a lower-case word or a stop follows it: 'held In
# Melbourne next week', but not the title 'In Cold Blood')
_CAPITAL_I = re.compile(r" (I(?:n|s|f|ts|nto)) (?=[a-z]|[A-Z][a-z]+(?:[,.;:]| [a-z]))")
# ... the same, found from the capital (the engine jumps to a literal first character,
# and tries a pattern that opens with a space at every space: a third of the time);
# see _capital_i_words
_CAPITAL_I_AFTER_SPACE = re.compile(r"I(?<= I)(?:n|s|f|ts|nto) (?=[a-z]|[A-Z][a-z]+(?:[,.;:]| [a-z]))")
_WORD_BEFORE = re.compile(r"(?:^|[^\w'\u2019-])([a-z]{2,}),?$")
# on a page that shows two such slips, any common word so misread, between lower-case
# words ('been Introduced by', 'an Inquest on'): not on other pages, where a capital
# I-word inside a sentence is far more often a name ('of India and', 'the Italians')
_CAPITAL_I_WORD = re.compile(r" (I[a-z]{2,})\b(?![-'\u2019])(?=[,;]? [a-z]|[,;.]?[ \t]*(?:\n|\Z))")
_CAPITAL_I_EVIDENCE = 2
_CAPITAL_I_WORD_COUNT = 100_000
# after these a capital may open reported speech: 'and said It is well done'
_SPEECH_VERBS = frozenset("said says saith sayd cried replied answered quoth asked wrote thought "
                          "exclaimed added shouted".split())


def capital_i_slips(text: str, ctx=None) -> list[Proposal]:
    """``In``, ``Is``, ``If``, ``Its``, ``Into`` inside a sentence, after a
    lower-case word and before a word (``held In Melbourne``): the OCR engine
    read a lower-case ``i`` as a capital.  Not after a verb of saying, where a capital may open speech, and
    not ``It``, which far more often opens a sentence whose full stop the OCR
    lost ('committed for trial It was proved').  After a comma too (``the rent,
    In the cost of food``).  On a page that shows two such slips, any common
    word with a capital I between lower-case words is lowered too (``been
    Introduced by``); elsewhere such a word is far more often a name (``of India``).

    >>> [p.replacement for p in capital_i_slips("the men were In the street, held In Melbourne today")]
    ['in', 'in']
    >>> capital_i_slips("he said In the morning we go")
    []
    >>> capital_i_slips("committed for trial It was proved")
    []
    >>> [p.replacement for p in capital_i_slips("rents, In food and Is the rule, an Inquest on it")]
    ['in', 'is', 'inquest']
    >>> capital_i_slips("the tribes of India and an Inquest on it")
    []
    """
    if "I" not in text:
        return []
    protected = protected_spans(text, ctx) if ctx is not None else ()
    out = []
    for s, e in _capital_i_words(text):
        before = _WORD_BEFORE.search(text, max(0, s - 30), s - 1)
        if before is None or before.group(1) in _SPEECH_VERBS:
            continue
        if protected and overlaps(protected, s, e):
            continue
        w = text[s:e]
        out.append(Proposal(s, e, w.lower(),
                            f"{w}->{w.lower()}: a capital I inside a sentence, after a lower-case word",
                            0.95, Applicability.SAFE))
    if len(out) >= _CAPITAL_I_EVIDENCE:
        taken = {p.start for p in out}
        for m in _CAPITAL_I_WORD.finditer(text):
            s, e = m.span(1)
            w = m.group(1)
            if s in taken or word_frequency(w.lower()) < _CAPITAL_I_WORD_COUNT:
                continue
            before = _WORD_BEFORE.search(text, max(0, s - 30), s - 1)
            if before is None or text[s - 2] == "," or before.group(1) in _SPEECH_VERBS:
                continue
            if protected and overlaps(protected, s, e):
                continue
            out.append(Proposal(s, e, w.lower(),
                                f"{w}->{w.lower()}: a capital I inside a sentence, on a page that "
                                f"misreads i so", 0.9, Applicability.SAFE))
        out.sort(key=lambda p: p.start)
    return out


def _capital_i_words(text: str):
    """The spans of ``_CAPITAL_I``'s word (group 1) over ``text``, found by
    ``_CAPITAL_I_AFTER_SPACE``; a match whose space ends the one before is
    skipped, as ``_CAPITAL_I``'s matches, which take that space, do not overlap."""
    last = 0
    for m in _CAPITAL_I_AFTER_SPACE.finditer(text):
        s = m.start()
        if s - 1 >= last:
            last = m.end()
            yield s, last - 1


# 'Tho evidence showed', 'Ho was further charged': the commonest sentence openers with
# their e read as o, before a lower-case word, on a page that reads 'the' as 'tho'
_CAPITAL_O = re.compile(r"(?:T(?<![\w'\u2019.-]T)ho|H(?<![\w'\u2019.-]H)o) (?=[a-z]{2,}\b)")
# ... the same, one pattern per capital (an alternation is tried at every character)
_CAPITAL_OS = (re.compile(r"T(?<![\w'\u2019.-]T)ho (?=[a-z]{2,}\b)"),
               re.compile(r"H(?<![\w'\u2019.-]H)o (?=[a-z]{2,}\b)"))
_CAPITAL_O_READINGS = {"Tho": "The", "Ho": "He"}
_THO = re.compile(r"tho(?<![\w'\u2019-]tho)(?![\w'\u2019-])")
_CAPITAL_O_EVIDENCE = 2
_TITLE_BEFORE = re.compile(r"(?:^|[^\w'\u2019-])([A-Z][a-z]{0,4})\.?\s+$")


def capital_o_slips(text: str, ctx=None) -> list[Proposal]:
    """``Tho evidence showed`` -> ``The evidence showed``, ``Ho was charged`` ->
    ``He was charged``: a sentence's first word with its ``e`` read as ``o``, before a
    lower-case word, on a page that reads ``the`` as ``tho`` twice or more (the
    confusion is the page's).  Not after a title (``Mr. Ho said``: a name).

    >>> [p.replacement for p in capital_o_slips("to tho bank of tho river. Tho evidence was weak. Ho was fined")]
    ['The', 'He']
    >>> capital_o_slips("Tho evidence was weak. Ho was fined")  # the page shows no 'tho'
    []
    >>> capital_o_slips("of tho bank of tho river, said Mr. Ho; Ho Chi Minh and Tho Lee")
    []
    """
    if ("Ho " not in text and "Tho " not in text) or len(_THO.findall(text)) < _CAPITAL_O_EVIDENCE:
        return []
    protected = protected_spans(text, ctx) if ctx is not None else ()
    out = []
    for m in finditer_each(_CAPITAL_OS, text):
        s, e = m.start(), m.end() - 1
        title = _TITLE_BEFORE.search(text, max(0, s - 12), s)
        if title is not None and title.group(1).lower() in TITLE_ABBREVIATIONS:
            continue
        if protected and overlaps(protected, s, e):
            continue
        w = text[s:e]
        out.append(Proposal(s, e, _CAPITAL_O_READINGS[w],
                            f"{w}->{_CAPITAL_O_READINGS[w]}: o/e confusion, on a page that reads 'the' as 'tho'",
                            0.9, Applicability.SAFE))
    return out


# a token shaped like a given name: a capital and lower-case letters, or a capital
# the engine read as two strokes ('Ilarry', 'ltobert', 'VVillinm'), or a capital J
# read as a lower-case l ('loseph')
_NAME_SHAPE = re.compile(r"(?:[A-Z]|Il|lI|II|lt|It|VV)[a-z]{2,}|l[a-z]{3,}")
# what follows a given name: another capitalised word (a surname, a second given
# name) or an initial, after a space or a line break
_NAME_AFTER = re.compile(r"(?:[ \t]{1,3}\n?|\n)[ \t]*([A-Z](?:[A-Za-z]+|\.))")
_NAME_MARGIN_OVER_WORD = 2.0  # a name displaces the corrector's word only when this much cheaper
# ... or when cheaper at all after a title or rank, or next to a given name
# ('Cpl. Frnest Hill', 'Hill Frnest John': Ernest, not Finest)
_WORD_BEFORE_NAME = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\.?[ \t]{1,3}\n?[ \t]*$")


_REPEATED_NAME_MAX_COST = 1.6  # the cheapest confusions: li/h, o/e, F/E


def _repeated_name_slip(corr: WordCorrector, w: str) -> bool:
    """Is a token the document repeats still plainly a given name misread the same
    way each time ('Clias' for 'Chas': li read for h), one of the cheapest confusions away?"""
    if not _NAME_SHAPE.fullmatch(w):
        return False
    reading = given_name_reading(w, corr.model)
    return reading is not None and reading[1] <= _REPEATED_NAME_MAX_COST


_NAME_WHYS: dict[tuple[int, str, str], str] = {}  # (model, token, name) -> how they differ, for the reason


def _maybe_name(corr: WordCorrector, w: str, key: str) -> bool:
    """Could the token ``w`` be a garbled given name: an unknown word shaped like a
    name with a reading in the strongest context?"""
    return (key not in corr.lex.unigrams and key not in given_names() and _NAME_SHAPE.fullmatch(w) is not None
            and not corr.known_level(key) and given_name_reading(w, corr.model, strong=True) is not None)


def given_name_slips(text: str, corr: WordCorrector, scan, out: list[Proposal]) -> list[Proposal]:
    """``Jamca Smith`` -> ``James Smith``, ``Pte. Fdward Hill`` -> ``Pte. Edward Hill``: a
    capitalised non-word before another capitalised word (where a given name stands,
    before a surname or an initial) that is one or two cheap OCR confusions from a
    common given name, and nearer to it than to any other (see
    :func:`ocrclean.given_names.given_name_reading`), is that name; except on a
    page of early-modern spelling, where ``Iohn`` and ``Iames`` are the page's own.
    Only tokens already in the scan (``_scan``'s result) are looked at; ``out`` is
    the corrector's proposals, returned with the names added (a name displaces a
    proposed word only where the name is far the cheaper reading).

    >>> text = "Pte Toseph Hill, Mr Charlea R. Bates"
    >>> [p.replacement for p in given_name_slips(text, corrector_for(None), _scan(text, None, corrector_for(None)), [])]
    ['Joseph', 'Charles']
    """
    occ, low = scan
    # the tokens that may be names, found with a set difference at C speed
    maybe = set(map(itemgetter(2), occ)).difference(corr.not_names)
    if not maybe:
        return out
    for w in [w for w in maybe if not _maybe_name(corr, w, w.lower())]:
        maybe.discard(w)
        if len(corr.not_names) > 200_000:
            corr.not_names.clear()
        corr.not_names.add(w)
    if not maybe:
        return out
    names = given_names()
    at = None
    old_page = None  # is this an early-modern page? (asked only for a name to mend)
    for o in occ:
        if o[2] not in maybe:
            continue
        s, e, w, _, form = o[:5]
        after = _NAME_AFTER.match(text, e)
        if after is None or after.group(1).rstrip(".").lower() in NAME_TITLES:
            continue  # (before a rank the token ends a name: a surname, 'Gilbart Gnr')
        before = _WORD_BEFORE_NAME.search(text, max(0, s - 16), s)
        before = before.group(1).lower() if before else ""
        # a title or rank before it, or a given name beside it
        strong = before in NAME_TITLES or before in names or after.group(1).lower() in names
        reading = given_name_reading(w, corr.model, strong)
        if reading is None:
            continue
        if old_page is None:
            old_page = _early_modern_counts(corr, low)
        if old_page:
            break
        name, cost = reading
        if at is None:
            at = {p[0]: k for k, p in enumerate(out)}
        k = at.get(s)
        if k is not None and out[k][5] == Applicability.SAFE:
            # the corrector mends it by default: to the same name, another name, or a
            # word a name must be far cheaper than ('Frnest': 'Finest' costs 5, 'Ernest' 1.5)
            word = out[k][2].lower()
            if word in names:
                continue
            margin = 0.0 if strong else _NAME_MARGIN_OVER_WORD
            if corr.model.distance(form, word) < cost + margin:
                continue
        why = _NAME_WHYS.get((id(corr.model), w, name))
        if why is None:
            if len(_NAME_WHYS) > 50_000:
                _NAME_WHYS.clear()
            why = _NAME_WHYS[id(corr.model), w, name] = _explain(name_model(corr.model), w, name)
        prop = Proposal(s, e, name, f"{w}->{name}: a given name garbled ({why}), before {after.group(1)!r}",
                        0.9, Applicability.SAFE)
        if k is None:
            at[s] = len(out)
            out.append(prop)
        else:
            out[k] = prop
    return out


def _corrections(corr: WordCorrector, scan, mended: dict[int, str] | None = None) -> list[Proposal]:
    """The corrector's proposals for a scanned text; ``mended`` (start of a word ->
    what it becomes) are words another rule mends, context for their neighbours."""
    occ, low = scan
    lex = corr.lex
    unigrams = lex.unigrams
    if not occ:
        return []
    modern = page = None  # modern print? a page or more? (asked only when a decision depends on it)
    # start of a word corrected by default -> what it becomes
    fixed: dict[int, str] = dict(mended) if mended else {}
    decided: dict[int, tuple] = {}
    followed: dict[int, str] = {}  # occurrence -> word, by the document's own evidence
    doc_counts = low  # the document's word counts, as the corrections so far leave them
    # a fragment that word_split_merge joins to its neighbour is not corrected
    may_get = corr.split_merge_tokens.get
    merges = corr.merges
    # (the tests in order of cost: most tokens can merge with nothing, which
    # spares them a look-up in the large word list; a merge already judged
    # impossible -- None in _merge_option's cache -- is read without a call)
    # (the per-token cache probed once: ':=' keeps what it holds for the token)
    todo = [k for k, o in enumerate(occ)
            if not ((o[8] or o[9]) and len(o[3]) > 1
                    and (m if (m := may_get(o[2])) is not None else _may_split_or_merge(corr, o[2], o[3]))
                    and o[3] not in unigrams and merges.get((o[8], o[2], o[9]), False) is not None
                    and _merge_option(corr, o[2], o[0], o[1], o[8], o[9]))]
    # the occurrences with a neighbour that may be corrected (the only ones a later
    # round looks at again): a neighbour that is a suspicious token or a mended word
    starts = {o[0] for o in occ}.union(fixed)
    linked = [k for k in todo if occ[k][10] in starts or occ[k][11] in starts]
    # (the corrector's caches read here directly: a method call per token costs
    # more than the look-up it makes when, as for most tokens, the answer is cached)
    decisions = corr._decisions
    known = corr._known
    known_get = known.get
    doc_first_get = corr._doc_first.get
    unknown = None
    since = None  # what fixed held as the round before began
    recounted = -1  # the last round after which the document's counts moved
    for _round in range(8):
        changed = bool(fixed) and not _round  # words mended before: a round that sees them
        # From the third round on, a token whose neighbours and own entry in fixed are
        # what they were as the round before began was last decided with the context
        # it has now, and is passed over (unless the document's counts moved at the end
        # of that round: then every token is asked again).
        since, begun = (dict(fixed) if _round else None), since
        settled = _round >= 2 and recounted != _round - 1
        for k in linked if _round else todo:
            s, _, _, key, form, left, right, name_like, _, _, lpos, rpos = occ[k]
            if _round:
                # a neighbour corrected in the round before is context now ("hirn tho")
                if lpos not in fixed and rpos not in fixed:
                    continue
                if settled and fixed.get(lpos) == begun.get(lpos) and fixed.get(rpos) == begun.get(rpos) \
                        and fixed.get(s) == begun.get(s):
                    continue
                left = fixed[lpos].rsplit(" ", 1)[-1] if lpos in fixed else left
                right = fixed[rpos].split(" ", 1)[0] if rpos in fixed else right
                left = left if left in unigrams else None
                right = right if right in unigrams else None
            d = decisions.get((form, left, right, name_like), _NOT_DECIDED)
            if d is _NOT_DECIDED:
                d = corr.decide(form, key, left, right, name_like)
            if d is None:
                # (known_level is 2 for a listed word: asked alone, it spares the unknown
                # tokens a look-up in the large word list; its cache probed once)
                level = known_get(key)
                if level is None:
                    level = corr.known_level(key)
                if level == 0:
                    # (most such tokens have no spelling the document holds: told from
                    # the cached index without a call)
                    first = doc_first_get(form)
                    if first is None or not first.keys().isdisjoint(doc_counts.keys()):
                        d = _document_candidate(corr, form, key, doc_counts)
                    if d is None and corr.two_edit_token(key) and modern is not False and not (
                            name_like and (_titled(occ[k][8]) or _titled(occ[k][9]))):
                        # (a capitalised token next to a capitalised word is one of a name's words)
                        if modern is None:
                            page, modern = _modern_print(corr, low)
                        if modern:
                            # two plain edits from a word: a slip, in modern print only
                            d = corr.decide_two_edit(form, key, left, right, name_like)
            if d is None:
                continue
            if d[5] == "long" and not occ[k][2][:1].islower():
                pass  # a long capitalised word may be a name ('Shadwick'): not on this evidence
            elif d[5]:
                if modern is None:
                    page, modern = _modern_print(corr, low)
                if modern:
                    d = (d[0], d[1] + "; modern print", d[2], Applicability.SAFE, d[4], False)
                elif d[5] == "odd" and page:
                    d = (d[0], d[1] + "; letters no word has", d[2], Applicability.SAFE, d[4], False)
            if d[4] == "split":
                # word_split_merge will split it; its parts are context meanwhile
                if d[3] == Applicability.SAFE and fixed.get(s) != d[0]:
                    fixed[s] = d[0]
                    changed = True
                continue
            old = decided.get(k)
            if old is not None and old[3] == Applicability.SAFE and not (
                    d[3] == Applicability.SAFE and d[2] >= old[2]):
                continue  # rounds only add corrections: the stage stays idempotent
            if old != d:
                decided[k] = d
                if d[3] == Applicability.SAFE and fixed.get(s) != d[0]:
                    fixed[s] = d[0]
                    changed = True
        if not changed and decided:
            # the document's counts as corrected: where one 'beon' became 'been', 'been'
            # is now the commoner spelling, and a second clean() would follow it
            counts = _counts_after(occ, decided, low)
            if counts != doc_counts:
                doc_counts = counts
                recounted = _round
                if unknown is None:  # the tokens no list knows, the only ones looked at here
                    unknown = []
                    for k in todo:
                        key = occ[k][3]
                        if (known[key] if key in known else corr.known_level(key)) == 0:
                            unknown.append(k)
                doc_keys = doc_counts.keys()
                for k in unknown:
                    old = decided.get(k)
                    if old is not None and old[3] == Applicability.SAFE:
                        continue
                    # (an unsafe guess too: where the counts now make the document's
                    # spelling safe, a second clean() would find it so from the start)
                    s, _, _, key, form = occ[k][:5]
                    first = doc_first_get(form)  # (as in the rounds: most have no spelling here)
                    if first is not None and first.keys().isdisjoint(doc_keys):
                        continue
                    d = _document_candidate(corr, form, key, doc_counts)
                    if d is not None and d[3] == Applicability.SAFE:
                        decided[k] = d
                        fixed[s] = d[0]
                        changed = True
        if not changed:
            # a real word the context could not judge ("tho" before a garbled word):
            # if the document's own evidence corrected the same token elsewhere, follow
            # it -- and let its neighbours see the corrected word in another round
            changed = _follow_document(corr, occ, decided, followed, fixed)
            if not changed:
                break
    out = []
    # (in the order of the text: only the occurrences with a correction)
    for k in sorted(decided.keys() | followed.keys()) if followed else sorted(decided):
        s, e, w, _, form = occ[k][:5]
        d = decided.get(k)
        if d is not None:
            cand, reason, conf, appl = d[:4]
            out.append(_proposal(Proposal, (s, e, _case_like(cand, w), reason, conf, appl)))
        else:
            cand = followed[k]
            reason = f"{form}->{cand}: corrected with context elsewhere in this document"
            out.append(_proposal(Proposal, (s, e, _case_like(cand, w), reason, 0.8, Applicability.SAFE)))
    return out


def _titled(word: str | None) -> bool:
    """Is ``word`` written with a capital and then lower case, and no function word
    opening a sentence ('Norman'; not 'NEWS', not 'The')?"""
    return bool(word) and word[0].isupper() and word[1:].islower() and word.lower() not in _EN_STOP


def _modern_print(corr: WordCorrector, low: dict[str, int]) -> tuple[bool, bool]:
    """Is the page with these lower-case word counts a page or more (60 words), and
    is it one of modern print?  An unknown word is far likelier a slip than an old
    spelling in modern print (judged only on a page or more: a line or two says too
    little)."""
    page = sum(low.values()) >= _MODERN_MIN_WORDS
    return page, bool(corr.english and page and not _early_modern_counts(corr, low))


def _counts_after(occ, decided, low: dict[str, int]) -> dict[str, int]:
    """The document's lower-case word counts once its safe corrections are made."""
    counts = dict(low)
    for k, d in decided.items():
        if d[3] == Applicability.SAFE and d[4] == "word":
            key = occ[k][3]
            counts[key] = counts.get(key, 0) - 1
            counts[d[0]] = counts.get(d[0], 0) + 1
    return counts


_WORD = itemgetter(2)  # an occurrence's token as written (see _scan)
_FORM = itemgetter(4)  # ... and its form
_SPAN = itemgetter(0, 1)  # a proposal's span


def _follow_document(corr: WordCorrector, occ, decided, followed, fixed) -> bool:
    """Correct tokens the context cannot judge (listed or known, not name-like)
    as the same token was corrected, with context, elsewhere in the document.
    True if anything was added."""
    done: dict[str, tuple] = {}
    for k in sorted(decided):
        d = decided[k]
        if d[3] == Applicability.SAFE and not occ[k][7]:
            done.setdefault(occ[k][4], d)
    if not done:
        return False
    added = False
    unigrams = corr.lex.unigrams
    # (only the tokens written as a corrected one are looked at, found at C speed)
    for k in list(compress(count(), map(done.__contains__, map(_FORM, occ)))):
        o = occ[k]
        d = done[o[4]]
        if o[7] or k in decided or k in followed:
            continue
        s, _, _, key, _, left, right = o[:7]
        if not (key in unigrams or corr.known_level(key)) or corr._ctx(key, left, right)[1]:
            continue
        followed[k] = d[0]
        if fixed.get(s) != d[0]:
            fixed[s] = d[0]
            added = True
    return added


def _moved_scan(text: str, ctx, corr: WordCorrector):
    """word_correction's scan of the text before its corrections, moved onto
    ``text`` (that text with the corrections the pipeline applied), or None;
    only the occurrences word_split_merge may act on are kept (unlisted tokens
    that :func:`_may_split_or_merge` passes).

    The applied corrections are found by replaying them and comparing the result
    with ``text``; neighbours are looked up afresh, so a corrected neighbour is
    context ('bo ofthe' -> 'be of the')."""
    hit = ctx.cache.get("words.corrected") if ctx is not None else None
    if hit is None:
        return None
    old, scan, props = hit
    if scan is None:
        return None
    occ, low = scan
    min_conf = ctx.options.get("min_confidence", 0.5)
    applied = None
    tried = set()
    for level in (Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY):
        sel = [p for p in props if p[5] >= level and p[4] >= min_conf and old[p[0]:p[1]] != p[2]]
        sig = len(sel)
        if sig in tried:
            continue
        tried.add(sig)
        sel.sort()
        # the replay (apply_raw's loop), which also notes where each edit starts and
        # how far the text has moved before it: one loop over the edits, not three
        parts = []
        starts = []
        ends = []
        shift = [0]
        pos = moved_by = 0
        for p in sel:
            s, e, repl = p[0], p[1], p[2]
            parts.append(old[pos:s])
            parts.append(repl)
            pos = e
            starts.append(s)
            ends.append(e)
            moved_by += len(repl) - (e - s)
            shift.append(moved_by)
        parts.append(old[pos:])
        if "".join(parts) == text:
            applied = sel
            break
    if applied is None:
        return None
    gone = set(starts)
    unigrams = corr.lex.unigrams
    # (the per-token caches probed once each, with a call only for a token not
    # yet in them)
    may_get = corr.split_merge_tokens.get
    known_get = corr._known.get
    last = len(starts)
    moved = []
    # (most tokens can neither split nor merge, as the per-token cache says: they
    # are passed over at C speed -- their neighbours need no second look-up, about
    # a third of word_split_merge's time -- and a token not yet in the cache is
    # asked below)
    for o in compress(occ, map(is_not, map(may_get, map(_WORD, occ)), repeat(False))):
        s, e, w, key, form = o[:5]
        if may_get(w) is None and not _may_split_or_merge(corr, w, key):
            continue
        if s in gone:
            continue
        level = known_get(key)
        if level is None:
            level = corr.known_level(key)
        if level == 2:  # (a listed word too)
            continue
        k = bisect.bisect_left(starts, s)
        d = shift[k]
        if ((k == 0 or ends[k - 1] < s - 41) and (k == last or starts[k] > e + 41)
                or _reads_untouched(old, o, ends[k - 1] if k else -42, starts[k] if k < last else len(old) + 42)):
            # nothing changed within the reach of the neighbour look-up: move it as it is
            lpos, rpos = o[10], o[11]
            moved.append((s + d, e + d) + o[2:10] + (lpos + d if lpos >= 0 else -1, rpos + d if rpos >= 0 else -1))
            continue
        kind = "upper" if len(w) > 1 and w.isupper() else "non"
        o = _occurrence(text, s + d, e + d, w, key, form if kind != "upper" else key, kind, unigrams)
        if o is not None:
            moved.append(o)
    return moved, low


def _reads_untouched(old: str, o: tuple, left_edit_end: int, right_edit_start: int) -> bool:
    """Is the scan entry ``o`` for a token of ``old`` still what :func:`_occurrence`
    finds once edits that end at ``left_edit_end`` (before the token) and start
    at ``right_edit_start`` (after it) are made?  Yes where neither reaches what
    the look-up reads: the neighbour words and the gaps to them, with the
    character or two beyond (or, with no neighbour on a side, the spaces and the
    character beyond them; before a capitalised token, the sentence's last word),
    all in ASCII: the scan and the look-up differ on numerals such as '\u00b2',
    and on a word joined to its neighbour by a hyphen ('houso-surgeon'), asked
    afresh too.

    (About half the tokens _moved_scan looked up again had an edit within 41
    characters, as a rule not of them or their neighbours: the look-up costs
    several times this test.)
    """
    s, e = o[0], o[1]
    if old[s - 1:s] == "-" or old[e:e + 1] == "-":
        return False
    lpos, rpos = o[10], o[11]
    if lpos >= 0:
        # the word back from the token, the character before it (and one more
        # before an apostrophe), within the look-up's 40 characters
        if s - lpos > 38:
            return False
        lo = lpos - 2
    else:
        # the spaces back from the token and the character before them (_LEFT_WORD);
        # before a capital, all white space and the word before a full stop
        # (_starts_sentence); where they run to the look-up's 40th character, all 41
        a = max(0, s - 40)
        before = old[a:s]
        if not o[2][:1].isupper():
            head = before.rstrip(" \t\n")
            lo = a + len(head) - 1 if head else s - 41
        else:
            head = before.rstrip()
            if head[-1:] == ".":
                head = head[:-1].rstrip(_ASCII_LETTERS)
            lo = a + len(head) - 1 if head else s - 41
    if rpos >= 0:
        # the word on from the token and the character or two after it
        rw = o[9] if o[9] is not None else o[6]  # (as written after one space, else listed)
        if rw is None or not rw.isascii():
            return False
        hi = rpos + len(rw) + 2
        if hi - e > 40:
            return False
    else:
        # the spaces on from the token and the character after them
        after = old[e:e + 40]
        tail = after.lstrip(" \t\n")
        hi = e + len(after) - len(tail) + 1 if tail else e + 41
    return left_edit_end < lo and right_edit_start > hi and old[max(0, lo):hi].isascii()


_MERGE_MIN_COUNT = 1_000_000


def _may_split_or_merge(corr: WordCorrector, w: str, key: str) -> bool:
    """Could word_split_merge split the token ``w`` (lower case ``key``) or merge
    it with a neighbour, whatever its neighbours are?  A split needs the shape
    ``fix_split_merge`` asks for and a cut into two words
    (:meth:`WordCorrector.split_candidates`); a merge, a word of the merges'
    count that the token begins or ends (``_merge_choice`` joins it after or
    before its neighbour: :attr:`WordCorrector.merge_ends`); a lone letter gets
    neither (word_split_merge joins none: 'the m' is not 'them').  False rules
    both out, so its neighbours need not be looked up; cached per token in
    ``corr.split_merge_tokens``.

    >>> c = corrector_for(None)
    >>> _may_split_or_merge(c, "ofthe", "ofthe"), _may_split_or_merge(c, "ith", "ith")
    (True, True)
    >>> _may_split_or_merge(c, "xqzv", "xqzv"), _may_split_or_merge(c, "a", "a")
    (False, False)
    """
    heads, tails = corr.merge_ends
    may = len(key) > 1 and (
        3 <= len(key) <= 20 and w.isalpha() and w[1:] == w[1:].lower() and bool(corr.split_candidates(key))
        # (a token with letters outside ASCII may lower-case differently joined to
        # its neighbour: not ruled out)
        or not w.isascii()
        or not w[:1].isupper() and key in tails
        or not (w[1:] and not w[1:].islower()) and key in heads)
    tokens = corr.split_merge_tokens
    if len(tokens) > 200_000:
        tokens.clear()
    tokens[w] = may
    return may


def _merge_option(corr: WordCorrector, w: str, s: int, e: int, lraw: str | None, rraw: str | None):
    """The best merge of token ``w`` at ``[s, e)`` with the word one space before or
    after it, as Proposal fields, or None."""
    ck = (lraw, w, rraw)
    hit = corr.merges.get(ck, False)
    if hit is False:
        hit = _merge_choice(corr, w, lraw, rraw)
        if len(corr.merges) > 200_000:
            corr.merges.clear()
        corr.merges[ck] = hit
    if hit is None:
        return None
    before, merged, reason, conf, appl = hit
    if before:
        return (s - 1 - len(lraw), e, merged, reason, conf, appl)
    return (s, e + 1 + len(rraw), merged, reason, conf, appl)


def _merge_choice(corr: WordCorrector, w: str, lraw: str | None, rraw: str | None):
    """``(with the word before?, merged word, reason, confidence, applicability)`` or None."""
    lex = corr.lex
    merged = None
    best = 0
    for a, b, before in ((lraw, w, True), (w, rraw, False)):
        if a is None or b is None or b[:1].isupper() or (a[1:] and not a[1:].islower()):
            continue
        m = (a + b).lower()
        n = lex.count(m)
        if len(m) < 4 or n < _MERGE_MIN_COUNT or n <= best:
            continue
        other = (a if before else b).lower()
        other_ok = other in _ONE_LETTER_WORDS if len(other) == 1 else corr.known(other)
        conf = 0.95 if not other_ok or n >= 50 * _MERGE_MIN_COUNT else 0.75
        appl = Applicability.SAFE if conf >= 0.9 or len(other) == 1 else Applicability.UNSAFE
        merged = (before, _case_like(m, a), f"'{a} {b}' -> {m!r}: a word broken by a space", conf, appl)
        best = n
    return merged


# 'con. tract': a word broken at a line end whose hyphen the OCR read as a full stop
# (found by its '. ' and the lower-case piece after it; the piece before is read backwards)
_PERIOD_SPLIT = re.compile(r"\. ([a-z]{2,})\b(?![.'\u2019-]\w)")
_PIECE_BEFORE = re.compile(r"(?:^|[^\w.'\u2019-])([A-Za-z][a-z]+)$")  # (as written: see _word_before)
# abbreviations a lower-case word may follow ('etc. and', 'per. cent')
_ABBREVIATIONS = frozenset("etc viz cf vs no nos vol vols ch chap p pp fig figs co esq jun sen inst ult prox "
                           "approx dept govt per ft in lb lbs oz yd yds hr hrs min sec st rd ave mt ibid op".split())
_PERIOD_MERGE_MIN_COUNT = 1_000_000


def period_splits(text: str, lex: Lexicon) -> list[Proposal]:
    """``con. tract`` -> ``contract``: two pieces of a common word, the first ending
    in a full stop that a lower-case word follows.  A full stop does not end a
    sentence before a lower-case word, so it was the hyphen of a line-end break;
    abbreviations (``etc. and``) are left alone.

    >>> [p.replacement for p in period_splits("the con. tract was signed", english_lexicon())]
    ['contract']
    >>> period_splits("pens, ink, etc. and paper", english_lexicon())
    []
    """
    if ". " not in text:
        return []
    out = []
    for m in _PERIOD_SPLIT.finditer(text):
        # (what _PIECE_BEFORE finds there)
        before = _word_before(text, m.start(), 30, ".'\u2019-", capital=True)
        if before is None or len(before[1]) < 2:
            continue
        a, b = before[1], m.group(1)
        if a.lower() in _ABBREVIATIONS or len(a) + len(b) < 5:
            continue
        merged = (a + b).lower()
        if lex.count(merged) < _PERIOD_MERGE_MIN_COUNT:
            continue
        out.append(Proposal(before[0], m.end(), _case_like(merged, a),
                            f"'{a}. {b}' -> {merged!r}: a word broken at a line end, its hyphen read as a full stop",
                            0.95, Applicability.SAFE))
    return out


# 'did'see': a speck between two words read as an apostrophe (found from the
# apostrophe and the lower-case word after it; the word before is read backwards)
_APOSTROPHE_JOIN = re.compile(r"['\u2019]([a-z]{2,})\b(?!['\u2019.-]\w)")
_APOSTROPHE_JOINS = (re.compile(r"'([a-z]{2,})\b(?!['\u2019.-]\w)"),  # the same, faster
                     re.compile(r"\u2019([a-z]{2,})\b(?!['\u2019.-]\w)"))
_WORD_BEFORE_APOSTROPHE = re.compile(r"(?:^|[^\w'\u2019-])([A-Za-z]?[a-z]+)$")  # (as written: see _word_before)
# where an apostrophe belongs: contraction and elision tails ('we'll', 'ne'er')
# and heads ('ma'am', 'th'art', 'o'er')
_APOSTROPHE_TAILS = frozenset("ll re ve em er st rt en".split())
_APOSTROPHE_HEADS = frozenset("ma ne th ta ha e o y t i".split())
_APOSTROPHE_SPLIT_MIN_COUNT = 1_000_000


def apostrophe_joins(text: str, lex: Lexicon) -> list[Proposal]:
    """``did'see`` -> ``did see``: an apostrophe between two common words where no
    contraction or elision is possible is a speck the OCR engine read in the
    space between them.

    >>> [p.start for p in apostrophe_joins("she'had not seen all'the men", english_lexicon())]
    [3, 20]
    >>> apostrophe_joins("we'll go, ma'am, ne'er o'er the rock'n'roll it's John's", english_lexicon())
    []
    """
    if "'" not in text and "\u2019" not in text:
        return []
    out = []
    unigrams = lex.unigrams
    for m in finditer_each(_APOSTROPHE_JOINS, text):
        # (what _WORD_BEFORE_APOSTROPHE finds there)
        before = _word_before(text, m.start(), 30, "'\u2019-", capital=True)
        if before is None:
            continue
        a, b = before[1], m.group(1)
        ka = a.lower()
        if b in _APOSTROPHE_TAILS or ka in _APOSTROPHE_HEADS or len(ka) < 2 or (a[0].isupper() and len(a) < 3):
            continue
        if lex.count(ka) < _APOSTROPHE_SPLIT_MIN_COUNT or lex.count(b) < _APOSTROPHE_SPLIT_MIN_COUNT:
            continue
        if ka + b in unigrams or not lex.bigram(ka, b):
            continue  # a word of its own ('can'not'), or a pair the list never saw
        out.append(Proposal(m.start(), m.start() + 1, " ",
                            f"'{a}{m.group()[0]}{b}' -> '{a} {b}': a speck read as an apostrophe between two words",
                            0.95, Applicability.SAFE))
    return out


@register("word_split_merge", stage="words", preload=preload_english,
          description="Words run together or broken apart by OCR: 'ofthe' -> 'of the', "
                      "'w ith' -> 'with', 'Iam' -> 'I am'")
def fix_split_merge(text, ctx):
    """Split a non-word into two frequent neighbours, or merge two fragments into a word.

    A split competes with corrections under the word corrector's scoring
    (``beon`` is ``been``, not ``be on``); a merge needs a fragment that is not
    a word and a frequent word as the result.

    >>> from ocrclean import clean
    >>> clean("most ofthe time w ith care").text
    'most of the time with care'
    """
    corr = corrector_for(ctx)
    if corr is None:
        return
    hit = ctx.cache.get("words.scan") if ctx is not None else None
    scan = None if hit is not None and hit[0] is text else _moved_scan(text, ctx, corr)
    # (a moved scan holds only tokens that pass the first two tests below: asked
    # again, they cost a tenth of this loop)
    picked = scan is not None
    if scan is None:
        scan = _scan(text, ctx, corr)
    if not scan:
        return
    occ = scan[0]
    lex = corr.lex
    parted = ()
    if corr.english:
        yield from period_splits(text, lex)
        joins = apostrophe_joins(text, lex)
        yield from joins
        parted = {p.start for p in joins}
    old_page = None  # is this an early-modern page? (asked only for an old spelling)
    may = corr.split_merge_tokens
    for s, e, w, key, form, left, right, name_like, lraw, rraw, _, _ in occ:
        if not picked and (corr.known_level(key) == 2  # (a listed word, or a form of one)
                           or not (may[w] if w in may else _may_split_or_merge(corr, w, key))):
            continue
        if parted and any(s < p < e for p in parted):
            continue  # parted at its apostrophe above
        # merge with a neighbour across one space: 'w ith', 'medita tion'
        # (a lone letter is not a fragment to join: 'the m' is not 'them')
        merged = _merge_option(corr, w, s, e, lraw, rraw) if len(key) > 1 else None
        if merged is not None:
            yield Proposal(*merged)
            continue
        if (len(key) < 3 or len(key) > 20 or not w.isalpha() or (w[1:] != w[1:].lower())
                or name_like or not corr.split_candidates(key)):
            continue
        d = corr.decide("I" + key[1:] if w[0] == "I" else key, key, left, right, False)
        if d is None or d[4] != "split":
            continue
        # 'withall' on an early-modern page is the word of its day, not 'with all'
        # (the page first: word_correction has asked it of this page, as a rule)
        if old_page is None:
            old_page = _early_modern_counts(corr, scan[1])
        if old_page and old_spelling(key, lex.unigrams):
            continue
        repl, reason, conf, appl = d[:4]
        a, b = repl.split(" ")
        first = "I" if a == "i" else _case_like(a, w)
        yield Proposal(s, e, f"{first} {b}", reason, conf, appl)

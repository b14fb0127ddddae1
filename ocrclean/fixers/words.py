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

import difflib
import math

import regex

from ..context import declare_option
from ..edits import Applicability
from ..errormodel import ErrorModel, load_model
from ..lexicon import Lexicon, english_lexicon, is_known_form, lexicon_from_file
from ..protect import overlaps, protected_spans
from ..registry import Proposal, register

__all__ = ["fix_words", "fix_split_merge", "WordCorrector", "corrector_for"]

declare_option("dictionary", None,
               "word list for word correction (symspell format: 'word count' per line); "
               "required for languages other than English")
declare_option("model", None, "OCR error model for word correction: a JSON file from `ocrclean learn`, "
                              "a confusions .tsv table, or an ErrorModel")

# a word: letters, with apostrophes inside ("sister's", "don't"); never next to a
# digit, @, /, \ or _ (those belong to numbers, addresses, identifiers)
_TOKEN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_@/\\&#$%])\p{L}[\p{L}\p{M}]*(?:['\u2019]\p{L}+)*(?![\p{L}\p{M}\p{N}_@/\\])"
)
# what may stand between a word and a neighbour that still counts as its context
_PLAIN_GAP = regex.compile(r"[ \t]{1,3}\n?[ \t]*|\n")
_SENTENCE_END = regex.compile(r"(?:^|[.!?:;\"\u201c\u201d(\[]|\n\s*\n)\s*$")
_ROMAN = regex.compile(r"(?i)^(?=[mdclxvi])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")

_EN_STOP = frozenset("the and of to in is that it was for with as his he be by on not which are at this "
                     "have from or had but were they their an her she you all".split())
_FR_STOP = frozenset("le la les des et est qui que une du dans pour pas sur au aux ce cette sont avec "
                     "il elle ne se nous vous leur mais par son sa ses".split())

# tuning: costs in nats
_MAX_CHANNEL = 6.5          # a non-word correction may cost at most this much
_MAX_CHANNEL_SAFE = 4.5     # ... and at most this much to be applied by default
_RW_MAX_CHANNEL = 2.0       # a real-word swap must be a cheap, listed confusion
_RW_MAX_COUNT = 60_000_000  # words this frequent are not taken for misreadings
_RW_MIN_RATIO = 50.0        # the candidate must be this much more frequent
_BACKOFF = math.log(0.4)
_UNKNOWN_WORD = -21.0       # ln P of "a correct word the lexicon lacks" (names, rare words)
_SPLIT_COST = 2.5           # a space the OCR engine lost
_ONE_LETTER_WORDS = frozenset({"a", "i"})
_SPLIT_MIN_BIGRAM = 1_000_000


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
        self._known: dict[str, int] = {}
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
        if right is not None:
            c = self._cond(w, right)
            if c is not None:
                lp += c
                ev += 1
            else:
                lp += _BACKOFF + lex.logprob(right)
        return lp, ev

    def _ctx_split(self, a: str, b: str, left: str | None, right: str | None) -> tuple[float, int]:
        lp, ev = self._ctx(a, left, None)
        lp += self._cond(a, b) or -30.0
        if right is not None:
            c = self._cond(b, right)
            if c is not None:
                lp += c
                ev += 1
            else:
                lp += _BACKOFF + self.lex.logprob(right)
        return lp, ev

    def known_level(self, key: str) -> int:
        """2: a listed word or a form of one; 1: only the larger list knows it; 0: unknown."""
        hit = self._known.get(key)
        if hit is None:
            lex = self.lex
            if is_known_form(key, lex.unigrams.__contains__):
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

    # -- candidates -----------------------------------------------------------------
    def real_word_candidates(self, form: str, key: str) -> list[tuple[str, float]]:
        """Much more frequent words a cheap OCR confusion turns ``form`` into."""
        hit = self._rw_cands.get(form)
        if hit is not None:
            return hit
        out: list[tuple[str, float]] = []
        cnt = self.lex.count(key)
        if 0 < cnt <= _RW_MAX_COUNT and len(key) <= 12:
            for cand, cost in self.model.expansions(form, max_steps=2, max_cost=_RW_MAX_CHANNEL).items():
                c = cand.lower()
                if c != key and c.isalpha() and self.lex.count(c) >= _RW_MIN_RATIO * cnt:
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
        for cand in model.expansions(form, max_steps=3, max_cost=_MAX_CHANNEL):
            c = cand.lower()
            if c in lex.unigrams and c not in found:
                found[c] = model.distance(form, c)
        if len(key) >= 3 and key.isalpha():
            for c in lex.candidates(key, 2 if len(key) >= 6 else 1):
                if c not in found:
                    found[c] = model.distance(form, c)
        out = sorted(((c, d) for c, d in found.items() if d <= _MAX_CHANNEL), key=lambda cd: cd[1])[:40]
        self._nw_cands[form] = out
        return out

    def split_candidates(self, key: str) -> list[tuple[str, str]]:
        """Ways to cut ``key`` into two listed words that the bigram list pairs."""
        out = []
        lex = self.lex
        for k in range(1, len(key)):
            a, b = key[:k], key[k:]
            if len(a) == 1 and a not in _ONE_LETTER_WORDS or len(b) == 1 and b not in _ONE_LETTER_WORDS:
                continue
            if a in lex.unigrams and b in lex.unigrams and lex.bigram(a, b) >= _SPLIT_MIN_BIGRAM:
                out.append((a, b))
        return out

    # -- decisions --------------------------------------------------------------------
    def decide(self, form: str, key: str, left: str | None, right: str | None,
               name_like: bool) -> tuple | None:
        """``(replacement, reason, confidence, applicability, kind)`` or ``None`` to keep
        the token; ``kind`` is ``"word"`` or ``"split"`` (replacement ``"a b"``)."""
        ck = (form, left, right, name_like)
        if ck in self._decisions:
            return self._decisions[ck]
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
        if name_like or (left is None and right is None):
            return None
        cands = self.real_word_candidates(form, key)
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
        if keep_ev > 0 or ev == 0 or margin < 2.0:
            return None
        sides = " ".join(x for x in (left, c, right) if x)
        orig = " ".join(x for x in (left, key, right) if x)
        reason = f"{form}->{c}: {_explain(self.model, form, c)}; '{sides}' far more likely than '{orig}'"
        conf = _sigmoid(margin - 2.0)
        safe = ev == 2 and margin >= 4.0 or ev >= 1 and margin >= 6.0
        return (c, reason, round(min(conf, 0.99), 3), Applicability.SAFE if safe else Applicability.UNSAFE,
                "word")

    def _decide_non_word(self, form, key, left, right, name_like, level):
        if len(key) < 2:
            return None
        # level 1: the larger list knows it (often a real rare word): only a split may win
        cands = [] if level else self.non_word_candidates(form, key)
        if name_like:
            # a capitalised unknown word inside a sentence is probably a name:
            # only a very common word reached by cheap listed confusions wins
            cands = [(c, d) for c, d in cands if d <= _RW_MAX_CHANNEL and self.lex.count(c) >= 1e9]
        splits = [] if name_like or not form.islower() else self.split_candidates(key)
        if not cands and not splits:
            return None
        scored = []
        for c, ch in cands:
            s, ev = self._ctx(c, left, right)
            scored.append((s - ch, c, ch, ev, "word"))
        for a, b in splits:
            s, ev = self._ctx_split(a, b, left, right)
            scored.append((s - _SPLIT_COST, f"{a} {b}", _SPLIT_COST, ev, "split"))
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
        if len(key) <= 2:
            safe = margin >= 4.0 and ch <= 1.6
        elif len(key) == 3:
            safe = margin >= 3.0 and ch <= 2.5
        else:
            safe = margin >= 2.0 and ch <= _MAX_CHANNEL_SAFE
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
        return (c, reason, round(min(conf, 0.99), 3), Applicability.SAFE if safe else Applicability.UNSAFE, kind)

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


def looks_english(tokens_lower: list[str], lex: Lexicon) -> bool:
    """Is a document English enough to correct?  French (or other) function
    words outnumbering English ones, or few known words, say no.

    >>> lex = english_lexicon()
    >>> looks_english("le chat est sur la table et il dort".split(), lex)
    False
    >>> looks_english("the cat is on the table and it sleeps".split(), lex)
    True
    """
    en = fr = 0
    for t in tokens_lower:
        if t in _EN_STOP:
            en += 1
        elif t in _FR_STOP:
            fr += 1
    if fr >= 2 and fr > en * 0.5:
        return False
    words = [t for t in tokens_lower if len(t) > 1]
    if len(words) >= 20:
        known = sum(1 for t in words if t in lex.unigrams)
        if known < 0.55 * len(words):
            return False
    return True


def _doc_state(text: str, ctx, corr: WordCorrector):
    """Tokens of the text and the words the document vouches for (cached per text)."""
    if ctx is not None:
        hit = ctx.cache.get("words.state")
        if hit is not None and hit[0] is text:
            return hit[1]
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    lows = [t[2].lower() for t in toks]
    english = (not corr.english) or looks_english(lows, corr.lex)
    counts: dict[str, int] = {}
    caps: dict[str, int] = {}
    for (s, e, w), k in zip(toks, lows):
        counts[k] = counts.get(k, 0) + 1
        if w[0].isupper():
            caps[k] = caps.get(k, 0) + 1
    trusted = set()
    for k, n in counts.items():
        if n >= 3 and (caps.get(k, 0) * 2 >= n or len(k) >= 6):
            trusted.add(k)
    state = (toks, lows, english, trusted)
    if ctx is not None:
        ctx.cache["words.state"] = (text, state)
    return state


def _neighbour(text: str, toks, lows, i: int, step: int) -> str | None:
    j = i + step
    if j < 0 or j >= len(toks):
        return None
    gap = text[toks[i][1]:toks[j][0]] if step > 0 else text[toks[j][1]:toks[i][0]]
    if not _PLAIN_GAP.fullmatch(gap):
        return None
    return lows[j]


def _context(text, toks, lows, i, lex):
    """The listed words left and right of token ``i`` (``None`` across punctuation)."""
    left = _neighbour(text, toks, lows, i, -1)
    right = _neighbour(text, toks, lows, i, +1)
    if left is not None and left not in lex.unigrams:
        left = None
    if right is not None and right not in lex.unigrams:
        right = None
    return left, right


def _fragment(text: str, s: int, e: int) -> bool:
    """Is the token part of a hyphenated or broken word ('descrip- tion', 'well-')?"""
    before = text[max(0, s - 2):s]
    return before.endswith("-") or before.endswith("- ") or text[e:e + 1] == "-"


@register("word_correction", stage="words",
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
        return
    toks, lows, english, trusted = _doc_state(text, ctx, corr)
    if not english:
        return
    lex = corr.lex
    protected = protected_spans(text, ctx)
    for i, (s, e, w) in enumerate(toks):
        key = lows[i]
        if len(key) < 2 or len(key) > 25:
            continue
        if key in lex.unigrams and corr.real_word_candidates(w if not w[:1].isupper() else key, key) == []:
            continue  # the common case: a word with no likelier twin
        if key in trusted or (len(w) > 1 and w.isupper()) or _ROMAN.match(key):
            continue
        if overlaps(protected, s, e):
            continue
        if w[:1].isupper():
            form = key if w[1:].islower() or len(w) == 1 else w[0].lower() + w[1:]
            before = text[max(0, s - 40):s]
            name_like = not _SENTENCE_END.search(before)
        else:
            form = w
            name_like = False
        if key not in lex.unigrams and not form.isalpha():
            continue
        if _fragment(text, s, e):
            continue
        left, right = _context(text, toks, lows, i, lex)
        d = corr.decide(form, key, left, right, name_like)
        if d is None or d[4] != "word":
            continue
        cand, reason, conf, appl, _ = d
        yield Proposal(s, e, _case_like(cand, w), reason, conf, appl)


# -- split and merge ---------------------------------------------------------------

_MERGE_PAIR = regex.compile(r"(?<![\p{L}\p{N}'\u2019-])(\p{L}+) (\p{L}+)(?![\p{L}\p{N}'\u2019-])")
_MERGE_MIN_COUNT = 1_000_000


@register("word_split_merge", stage="words",
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
    toks, lows, english, trusted = _doc_state(text, ctx, corr)
    if not english:
        return
    lex = corr.lex
    protected = None
    for i, ((s, e, w), key) in enumerate(zip(toks, lows)):
        if len(key) < 3 or len(key) > 20 or key in lex.unigrams or key in trusted:
            continue
        if not w.isalpha() or (w.isupper() and len(w) > 1) or (w[1:] != w[1:].lower()):
            continue
        if corr.known_level(key) == 2 or not corr.split_candidates(key):
            continue
        if protected is None:
            protected = protected_spans(text, ctx)
        if overlaps(protected, s, e) or _fragment(text, s, e):
            continue
        if w[0].isupper() and not _SENTENCE_END.search(text[max(0, s - 40):s]):
            continue  # a capitalised word inside a sentence: a name, not two words
        left, right = _context(text, toks, lows, i, lex)
        d = corr.decide(key, key, left, right, False)
        if d is None or d[4] != "split":
            continue
        repl, reason, conf, appl, _ = d
        a, b = repl.split(" ")
        first = "I" if a == "i" else _case_like(a, w)
        yield Proposal(s, e, f"{first} {b}", reason, conf, appl)
    if " " not in text:
        return
    for m in _MERGE_PAIR.finditer(text, overlapped=True):
        a, b = m.group(1), m.group(2)
        if b[:1].isupper() or (a[1:] and not a[1:].islower()):
            continue
        la, lb = a.lower(), b.lower()
        merged = la + lb
        if len(merged) < 4 or lex.count(merged) < _MERGE_MIN_COUNT:
            continue
        a_ok = la in _ONE_LETTER_WORDS if len(la) == 1 else corr.known(la)
        b_ok = lb in _ONE_LETTER_WORDS if len(lb) == 1 else corr.known(lb)
        if a_ok and b_ok:
            continue
        if la in trusted or lb in trusted:
            continue
        if protected is None:
            protected = protected_spans(text, ctx)
        if overlaps(protected, m.start(), m.end()):
            continue
        both_bad = not a_ok and not b_ok
        conf = 0.95 if both_bad or lex.count(merged) >= 50 * _MERGE_MIN_COUNT else 0.75
        appl = Applicability.SAFE if conf >= 0.9 or len(min(la, lb, key=len)) == 1 else Applicability.UNSAFE
        yield Proposal(m.start(), m.end(), _case_like(merged, a),
                       f"'{a} {b}' -> {merged!r}: a word broken by a space", conf, appl)

"""Stage 4, glyph artifacts that need no spell checker: broken capitals, lone pipes,
letters inside numbers, a guillemet read for a worn letter, a comma read for the full stop of
an abbreviation (a word's frequency is asked at most, never a correction)."""

from __future__ import annotations

import functools
import math
import re

import regex

from ..language import effective_language
from ..lexicon import TITLE_ABBREVIATIONS, word_frequency
from ..protect import protected_spans, overlaps
from ..registry import Proposal, register
from ..scanning import finditer_each
from .hyphens import soft_breaks
from .layout import LineCursor

# N drawn as I\J, l\J, |\|, I\I ; M as I\/I ; W as \/\/ ; V as \/ (inside capitals)
_BROKEN_CAPS = regex.compile(
    r"(?<=[A-Z]|\b)(?:(?P<M>[Il|]\\/[Il|])|(?P<N>[Il|]\\[IJl|])|(?P<W>\\/\\/)|(?P<V>\\/))(?=[A-Z]|\b)"
)
# a pipe standing for the pronoun I, or for the I of a short word ("|t", "|n")
_PIPE = regex.compile(r"(?<![\S])\|(?P<rest>[a-z']{0,3})(?=[\s,;:.!?]|$)", regex.M)
# a token of digits with letters l, I, O standing in for 1 and 0
_NUMLIKE = regex.compile(r"(?<![\p{L}\d.,/-])(?:\d|[lIO](?=[\dlIO]*\d))[\dlIO]*(?:[.,:][\dlIO]+)*(?![\p{L}\d])")
_DIGIT_FOR = {"l": "1", "I": "1", "O": "0"}
# Where _NUMLIKE finds something to mend, an l, I or O stands next to a digit or
# one separator away from one ("1O5", "l9l4", "12.O"); this finds that from the
# digits, three times faster than _NUMLIKE (whose look-behind is tried at every
# character), so most pages skip the number scan.
_LETTER_BY_DIGIT = regex.compile(r"\d(?:[.,:]?[lIO]|(?<=[lIO]\d)|(?<=[lIO][.,:]\d))")
# ... and found faster still on a page within Latin-1 (most pages), whose bytes
# are its characters one for one: each digit made a "0", each l, I or O an
# "l", each of . , : a "." and every other byte a space (Latin-1 holds no
# digit but 0-9), this finds _LETTER_BY_DIGIT's matches, where they stand,
# from a literal byte (tests/test_glyph_scans.py compares them)
_NUMBER_SHAPES = "".join("0" if ch in "0123456789" else "l" if ch in "lIO" else "." if ch in ".,:" else " "
                         for ch in map(chr, range(256))).encode("ascii")
_LETTER_BY_DIGIT_SHAPE = re.compile(rb"0(?:\.?l|(?<=l0)|(?<=l\.0))")
# A run of the characters a _NUMLIKE match is made of, and those its look-behind
# refuses: every match lies inside one such run (see _number_tokens).
_NUMBER_RUN_BEFORE = regex.compile(r"[\p{L}\d.,:/-]*", regex.REVERSE)
_NUMBER_RUN_AFTER = regex.compile(r"[\p{L}\d.,:/-]*")

# the pronoun I read as "1" or "l": only where grammar wants the pronoun, i.e.
# before a word that follows "I" and after a sentence start or a word that
# comes before a clause ("what 1 have heard", "and l think")
_ONE_FOR_I = regex.compile(r"(?<![\w.,:/-])[1l](?= [a-z])")
# ... scanned as "1 " and "l " (two literal characters the engine skips to at
# C speed, where the pattern above, opening with a look-behind, is tried at
# every character: seven times slower on a page), the look-behind after them;
# a match's first character is _ONE_FOR_I's match (see _ones_for_i)
_ONE_FOR_I_FROM = (regex.compile(r"1 (?<![\w.,:/-]1 )(?=[a-z])"), regex.compile(r"l (?<![\w.,:/-]l )(?=[a-z])"))
_LAST_WORD = regex.compile(r"[A-Za-z']+$")
# '»as' for 'was': a guillemet glued to the front of a word is a worn w (old newspapers)
_GUILLEMET_W = regex.compile(r"(?:^|(?<=[\s(\"']))[\u00ab\u00bb]([a-z]{2,})\b(?![\u00ab\u00bb])")
# ... as one pattern per mark, opening with it (a literal the engine skips to;
# the pattern above is tried at every character), what precedes it looked
# behind for after it: the same matches, merged with finditer_each
_GUILLEMET_W_FROM = tuple(
    regex.compile(mark + r"(?<=(?:^|[\s(\"'])" + mark + r")([a-z]{2,})\b(?![\u00ab\u00bb])")
    for mark in ("\u00ab", "\u00bb"))
_GUILLEMET_QUOTE = regex.compile(r"\u00ab[^\u00ab\u00bb\n]{1,200}\u00bb")
_GUILLEMET_MIN_COUNT = 10_000_000
_SENTENCE_OPENERS = frozenset(".!?\"\u201c\u2018(:;")
_I_FOLLOWERS = frozenset(
    "am have had was will would shall should could can cannot do did think know knew believe hope "
    "must may might said say saw see went came felt feel told thought wish want wanted trust beg "
    "fear suppose love never also really just remember found heard".split()
)
_I_PRECEDERS = frozenset(
    "and but that if when as so because what which than said says where how why before after until "
    "till though while whom who then since or nor for yet once".split()
)


class _FirstMatchGuard:
    """What a glyph rule asks at each of its matches, each answer found at the first
    match that needs it: is the text English (a language guess), and does a span
    touch a protected one (a URL, an e-mail, a path, a user's pattern)?

    >>> guard = _FirstMatchGuard("see http://x.org/a~b or e~xamine", None)
    >>> guard.english(), guard.protected(15, 16), guard.protected(25, 26)
    (True, True, False)
    """

    __slots__ = ("text", "ctx", "_english", "_spans")

    def __init__(self, text: str, ctx) -> None:
        self.text, self.ctx = text, ctx
        self._english: bool | None = None
        self._spans: list[tuple[int, int]] | None = None

    def english(self) -> bool:
        if self._english is None:
            self._english = effective_language(self.text, self.ctx) == "en"
        return self._english

    def protected(self, start: int, end: int) -> bool:
        if self._spans is None:
            self._spans = protected_spans(self.text, self.ctx)
        return overlaps(self._spans, start, end)


def _next_word(text: str, pos: int) -> str:
    """The lower-case word after ``pos`` (skipping one run of spaces, or one line
    break: the layout fixers will join the lines, so a second clean() would see
    the word after a space)."""
    j = pos
    while j < len(text) and text[j] == " ":
        j += 1
    if text[j:j + 1] == "\n":
        j += 1
    k = j
    while k < len(text) and (text[k].isalpha() or text[k] == "'"):
        k += 1
    return text[j:k].lower()


# A title's comma before a capital; the match is the comma.  Written with the
# comma first, then the capital after it, then the title behind it: the engine
# skips to each comma at C speed, and most commas fail on the cheap look-ahead
# (no capital after them) before the title's alternatives are tried backwards.
# The same matches as r"(?<=\b(?P<abbr>Mr|...|St))(?P<comma>,)(?=[ \n]\p{Lu})"
# (which, opening with a look-behind, the engine tried at every character;
# tests/test_quick_scans.py compares them), at a third less time on a page.
_ABBREV = regex.compile(
    r",(?=[ \n]\p{Lu})(?<=\b(?P<abbr>Mr|Mrs|Messrs|Dr|Rev|Prof|Capt|Col|Gen|Lieut|Sgt|Hon|Esq|St),)"
)


# Sums of pounds, shillings and pence: 'Is' after pounds is one shilling ('£1. Is'),
# 'Gd' after shillings is sixpence ('4s. Gd.'); the letter first, the money behind it
_ONE_SHILLING = regex.compile(r"Is(?<=£ ?[0-9lI]{1,4}\.?,? Is)(?=\.?[ ,;)]|\.?$)", regex.M)
_SIXPENCE = regex.compile(r"Gd(?<=(?<![\w.])[0-9]{1,3}s\.?,? Gd)(?![\w'\u2019-])")
# ... and the s of shillings read as an a: a fine ('fined 10a', 'a fine of 40a') or a sum
# that goes on in shillings or pence ('10a and 5s'); not before 'costs' ('5s 6a costs':
# there the a may be the d of the pence)
_SHILLINGS_A = regex.compile(r"a(?<=(?<![\w.£/-])[0-9]{1,3}a)(?![\w'\u2019-])"
                             r"(?:(?<=\bfined [0-9]{1,3}a|\bfine of [0-9]{1,3}a)"
                             r"|(?=[.,;]? (?:and )?[0-9]{1,2}[sd]\b))")


def _money_slips(text: str, ctx):
    """``£1. Is`` -> ``£1. 1s``, ``4s. Gd.`` -> ``4s. 6d.``: in a sum of money the
    engine read the digit of the shillings as a capital I, of the pence as a G.

    And the ``s`` of shillings read as ``a`` (``fined 10a and 5s 6d costs``).

    >>> [p[:3] for p in _money_slips("pub. at £1. Is, now 4s. Gd. each", None)]
    [(12, 13, '1'), (24, 25, '6')]
    >>> [p[:3] for p in _money_slips("was fined 10a and 5s 6a costs", None)]  # on a page of fines
    [(12, 13, 's')]
    >>> list(_money_slips("it Is 4 Gd; £ Is it? he Is; room 10a and 12b; a 6a", None))
    []
    """
    protected = None
    shillings_a = "fine" in text or "costs" in text  # (a page of fines and costs)
    for pattern, digit, what in ((_ONE_SHILLING if "£" in text else None, "1", "shillings after pounds"),
                                 (_SIXPENCE if "Gd" in text else None, "6", "pence after shillings"),
                                 (_SHILLINGS_A if shillings_a else None, "s", "shillings in a sum")):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if protected is None:
                protected = protected_spans(text, ctx)
            if overlaps(protected, m.start(), m.end()):
                continue
            yield Proposal(m.start(), m.start() + 1, digit, f"{m.group()!r}: {digit}{m.group()[1:]}, "
                                                            f"{what}", 0.9)


# the commonest short words misread with their strokes run together or split
# ('in' as 'm', 'iu', 'lu', 'ni'; 'by' as 'bv'; 'to' as 'io'): none is an English
# word, and between two lower-case words of a sentence each stands for that word
# ('lieutenant m the Company', 'bound over lu recognisance', 'united bv oxide'); not
# 'ia', as often 'is' as 'in' ('it ia of'), left to the word stage's context
_SHORT_WORD_SLIPS = {"m": "in", "iu": "in", "lu": "in", "ni": "in", "bv": "by", "io": "to"}
_SHORT_WORD_AFTER = re.compile(r"[a-z]{2,}(?![\w'\u2019-])")
# each slip with a space before it and one after (not taken: 'm m' holds two);
# one scan for all six, where a str.find loop per slip read the page six times
_SHORT_WORD_SLIP = re.compile(" (" + "|".join(map(re.escape, _SHORT_WORD_SLIPS)) + ")(?= )")


# a lone lower-case letter other than 'a', 'i' and 'm' (a quantity's name in a formula;
# another 'm' may be a slip too); the word stage asks it too
LONE_QUANTITY_LETTER = re.compile(r"(?<![\w'\u2019.-])[b-hj-ln-z](?![\w'\u2019-])")


def _short_word_slips(text: str, ctx):
    """``engaged m rounding up`` -> ``engaged in rounding up``, ``united bv oxide`` ->
    ``united by oxide``: a token of :data:`_SHORT_WORD_SLIPS` between two lower-case
    words of English prose is ``in``, ``by`` or ``to`` misread (English only; not
    after a number, where ``m`` is a metre: ``100 m race``).

    >>> [p[:3] for p in _short_word_slips("he was engaged m rounding up cows bv night", None)]
    [(15, 16, 'in'), (34, 36, 'by')]
    >>> list(_short_word_slips("a 100 m race, I m sure, Mr. M m Smith, Io io and ni.", None))
    []
    >>> list(_short_word_slips("set m to five and let n be the count", None))  # quantities
    []
    """
    guard = _FirstMatchGuard(text, ctx)
    for m in _SHORT_WORD_SLIP.finditer(text):
        s, slip = m.start(1), m.group(1)
        word = _SHORT_WORD_SLIPS[slip]
        e = s + len(slip)
        right = _SHORT_WORD_AFTER.match(text, e + 1)
        left = _LEFT_WORD.match(text, max(0, s - 31), s - 1) if right else None
        if left is None:
            continue
        if (LONE_QUANTITY_LETTER.search(text, max(0, s - 40), s - 1)
                or LONE_QUANTITY_LETTER.search(text, e + 1, e + 41)):
            continue  # other lone letters near: names of quantities ('the m and n values', 'let m be')
        if not guard.english():
            return
        if guard.protected(s, e):
            continue
        yield Proposal(s, e, word, f"{slip!r} between '{left.group(1)}' and '{right.group()}': "
                                   f"'{word}' misread", 0.9)


# a 3 or a 5 inside a lower-case word, where an s makes a common word ('wa3', 'buse3'):
# found from the digit; the word around it is read in Python
_WORD_AROUND = regex.compile(r"[a-z]*[35][a-z]*")
_S_DIGIT_WORD_COUNT = 1_000_000


def _digits_between_letters(text: str):
    """Offsets of each ``3`` and ``5`` with a lower-case letter before or after it, in
    order (found with ``str.find``: far faster than a pattern with a class)."""
    hits = []
    for digit in "35":
        p = text.find(digit)
        while p >= 0:
            if p > 0 and "a" <= text[p - 1] <= "z" or "a" <= text[p + 1:p + 2] <= "z" and text[p + 1:p + 2]:
                hits.append(p)
            p = text.find(digit, p + 1)
    return sorted(hits)


def _s_digits(text: str, ctx):
    """``the tempest wa3 ended`` -> ``was ended``: a ``3`` or a ``5`` inside a
    lower-case word is a worn ``s`` where the ``s`` makes a common word (a million
    or more) and the token is no word of its own (English only).

    >>> [p[:3] for p in _s_digits("the tempest wa3 ended, the buse3 ran", None)]
    [(14, 15, 's'), (31, 32, 's')]
    >>> list(_s_digits("an mp3 file, the 3rd and 5th, 35mm, b5 paper, wa3-5, x3", None))
    []
    """
    guard = _FirstMatchGuard(text, ctx)
    for d in _digits_between_letters(text):
        s = d
        while s > 0 and "a" <= text[s - 1] <= "z":
            s -= 1
        w = _WORD_AROUND.match(text, s)
        e = w.end()
        token = w.group()
        if (len(token) < 3 or s > 0 and (text[s - 1].isalnum() or text[s - 1] in "'\u2019./-\u00a3$")
                or e < len(text) and (text[e].isalnum() or text[e] in "'\u2019/-"
                                      or text[e] in ".," and text[e + 1:e + 2].isdigit())):
            continue
        word = token.replace(text[d], "s")
        if word_frequency(word) < _S_DIGIT_WORD_COUNT or word_frequency(token):
            continue
        if not guard.english():
            return
        if guard.protected(s, e):
            continue
        yield Proposal(d, d + 1, "s", f"{token}->{word}: a worn s read as {text[d]}", 0.9)


def _past_soft_hyphens(fixer):
    """Run a glyph-stage ``fixer`` on the text without its soft hyphens, and move
    its proposals back onto the text.

    A soft hyphen (U+00AD) is invisible, and the hyphen stage, which runs after
    this one, removes it, with the blanks and the line break after it where it
    breaks a word: a glyph fixer that saw them would miss what they hide
    (``00\u00adO`` and ``O\u00ad 00`` are numbers), and a second clean() would
    then mend what the first left.  A proposal whose span holds a hidden
    character takes it along.

    >>> [p[:3] for p in fix_glyph_artifacts("in 1\u00ad9O5 and 1\u00ad 9O5", None)]
    [(6, 7, '0'), (17, 18, '0')]
    """
    @functools.wraps(fixer)
    def run(text, ctx):
        if "\u00ad" not in text:
            return fixer(text, ctx)
        # (a page with a soft hyphen is rare: its characters are looked at one by one)
        hidden = {i for i, ch in enumerate(text) if ch == "\u00ad"}
        for start, end in soft_breaks(text):
            hidden.update(range(start, end))
        where = [i for i in range(len(text)) if i not in hidden]
        view = "".join(map(text.__getitem__, where))
        where.append(len(text))
        out = []
        for p in fixer(view, ctx):
            start = where[p[0]]
            end = where[p[1] - 1] + 1 if p[1] > p[0] else start
            out.append(p._replace(start=start, end=end))
        return out
    return run


@register("glyph_artifacts", stage="glyphs",
          description="Broken capitals and glyph swaps that need no dictionary: 'UI\\J' -> 'UN', "
                      "'| think' -> 'I think', '1O5' -> '105', '\u00bbas' -> 'was'")
@_past_soft_hyphens
def fix_glyph_artifacts(text, ctx):
    r"""Repair shapes OCR engines break apart, without consulting a dictionary.

    >>> from ocrclean import clean
    >>> clean(r"the UI\J Security Council").text
    'the UN Security Council'
    >>> clean("| think it cost 1O5 pounds in l9l4").text
    'I think it cost 105 pounds in 1914'
    >>> clean("from what 1 have heard").text
    'from what I have heard'
    """
    protected = None
    if "\\" in text:
        protected = protected_spans(text, ctx)
        for m in _broken_caps(text):
            if overlaps(protected, m.start(), m.end()):
                continue
            kind = m.lastgroup
            # the token around it must otherwise be capitals
            ts = m.start()
            while ts > 0 and not text[ts - 1].isspace():
                ts -= 1
            te = m.end()
            while te < len(text) and not text[te].isspace():
                te += 1
            token = text[ts:m.start()] + kind + text[m.end():te]
            core = token.strip(".,;:!?\"'()[]\u2018\u2019\u201c\u201d")
            if not core.isalpha() or not core.isupper():
                continue
            yield Proposal(m.start(), m.end(), kind, f"{m.group()!r} is a broken capital {kind}", 0.9)
    if "|" in text:
        lines = LineCursor(text)
        pipes_on_line: dict[int, int] = {}
        for m in _PIPE.finditer(text):
            ls, le = lines.bounds(m.start())
            count = pipes_on_line.get(ls)
            if count is None:
                count = pipes_on_line[ls] = text.count("|", ls, le)
            if count > 1:
                continue  # a table
            rest = m.group("rest")
            word = "I" + rest
            if rest and word_frequency(word) < 1_000_000 and rest not in ("'m", "'ll", "'ve", "'d"):
                continue
            if not rest and _next_word(text, m.end()) not in _I_FOLLOWERS:
                continue  # "| the Tank Stream": a speck, not the pronoun
            yield Proposal(m.start(), m.start() + 1, "I", "'|' standing for the letter I", 0.9)
    # (the scan first: it costs less than the five searches of the test, and
    # finds nothing on most pages, where the test is then not made)
    ones = _ones_for_i(text)
    if ones and (" 1 " in text or " l " in text or "\n1 " in text or "\nl " in text or text[:2] in ("1 ", "l ")):
        for s in ones:
            nxt = _next_word(text, s + 1)
            if nxt not in _I_FOLLOWERS:
                continue
            before = text[max(0, s - 30):s].rstrip()
            prev = _LAST_WORD.search(before)
            if before and before[-1] not in _SENTENCE_OPENERS and not (prev and prev.group().lower() in _I_PRECEDERS):
                continue
            yield Proposal(s, s + 1, "I", f"'{text[s]}' before '{nxt}': the pronoun I", 0.9)
    if ("\u00bb" in text or "\u00ab" in text) and not _guillemets_quote(text):  # (asked once for both)
        yield from _guillemet_slips(text, ctx, quoted=False)
        yield from _guillemet_letters(text, ctx, quoted=False)
    if any(mark in text for mark in _JUNK_MARKS):  # (memchr each: a class scan is slower)
        yield from _junk_mark_letters(text, ctx)
    yield from _money_slips(text, ctx)  # (it asks for each sum's sign itself: once)
    yield from _short_word_slips(text, ctx)
    yield from _s_digits(text, ctx)
    for m in _number_tokens(text):
        tok = m.group()
        if tok.isdigit():
            continue
        digits = sum(ch.isdigit() for ch in tok)
        letters = sum(ch in "lIO" for ch in tok)
        if digits < 2 or letters > digits:
            continue
        if protected is None:
            protected = protected_spans(text, ctx)
        if overlaps(protected, m.start(), m.end()):
            continue
        shown = tok if len(tok) <= 24 else tok[:20] + "..."
        for k, ch in enumerate(tok):
            if ch == "l" and k == len(tok) - 1:
                continue  # "500l." is five hundred pounds (librae), not 5001
            if ch in _DIGIT_FOR:
                p = m.start() + k
                yield Proposal(p, p + 1, _DIGIT_FOR[ch], f"'{ch}' inside the number {shown!r}", 0.9)


def _broken_caps(text: str):
    r"""The matches of ``_BROKEN_CAPS`` in ``text``, in order: what ``finditer``
    gives, tried only at each backslash and the character before it (every
    match holds a backslash as its first or second character), where the
    pattern, which opens with a look-behind, is tried at every character of the
    page by ``finditer``: ten times slower on a page with a backslash.

    >>> [m.group() for m in _broken_caps(r"UI\J, AI\/IE, S\/\/ITCH, X\/Y and a\b, l\J")]
    ['I\\J', 'I\\/I', '\\/\\/', '\\/', 'l\\J']
    """
    end = 0  # where the last match ended: the next starts there or later
    p = text.find("\\")
    while p >= 0:
        for start in (p - 1, p):
            if start >= end and start >= 0:
                m = _BROKEN_CAPS.match(text, start)
                if m is not None:
                    yield m
                    end = m.end()
                    break
        p = text.find("\\", max(p + 1, end))


def _ones_for_i(text: str) -> list[int]:
    """Where ``_ONE_FOR_I`` matches in ``text`` (each match is one character), in order.

    >>> _ones_for_i("what 1 have, and l think (l am) all 1 2 x1 see")
    [5, 17, 26]
    """
    return [m.start() for m in finditer_each(_ONE_FOR_I_FROM, text)]


def _number_tokens(text: str):
    """The matches of ``_NUMLIKE`` in ``text`` that hold an ``l``, ``I`` or ``O``
    (the only ones with something to mend), and maybe some others.

    Such a match holds a letter beside a digit, or one separator away from one
    ("1O5", "12.O"), which ``_LETTER_BY_DIGIT`` finds from the digits at C speed.
    Every match lies in one run of letters, digits and ``.,:/-`` (its own
    characters, and those its look-behind refuses before it), so ``_NUMLIKE``
    is run only over the runs holding such a find: the matches a scan of the
    whole text finds there, where that scan (whose look-behind is tried at
    every character) costs more than the rest of this fixer on most pages.

    >>> [m.group() for m in _number_tokens("in l9l4, 1850 and 1O5; 12.O or Mr. 1,000")]
    ['l9l4', '1O5', '12.O']
    """
    run_end = -1
    for hit in _letters_by_digits(text):
        if hit < run_end:
            continue  # in the run already scanned
        run_start = _NUMBER_RUN_BEFORE.match(text, 0, hit).start()
        run_end = _NUMBER_RUN_AFTER.match(text, hit).end()
        yield from _NUMLIKE.finditer(text, run_start, run_end)


def _letters_by_digits(text: str) -> list[int]:
    """Where ``_LETTER_BY_DIGIT`` matches in ``text``, in order: on a page within
    Latin-1, its bytes' shapes scanned from the digits (a third of the time).

    >>> _letters_by_digits("in l9l4, 1850, 12.O and \u20ac1O5")
    [4, 6, 16, 25, 27]
    """
    try:
        shapes = text.encode("latin-1").translate(_NUMBER_SHAPES)
    except UnicodeEncodeError:  # a character beyond Latin-1 (a dash, a curly quote)
        return [m.start() for m in _LETTER_BY_DIGIT.finditer(text)]
    return [m.start() for m in _LETTER_BY_DIGIT_SHAPE.finditer(shapes)]


def _guillemets_quote(text: str) -> bool:
    """Does the text quote with guillemets (most of its marks pair up around words:
    ``\u00ab mot \u00bb``, ``\u00abword\u00bb``)?  Then none of them is a worn letter."""
    marks = text.count("\u00ab") + text.count("\u00bb")
    return 4 * len(_GUILLEMET_QUOTE.findall(text)) >= marks


def _guillemet_slips(text: str, ctx, quoted: bool | None = None):
    """``»as`` -> ``was``: old newspaper OCR reads a worn ``w`` as a guillemet.  Only
    where ``w`` and the letters after it make a common English word (``was``,
    ``will``, ``who``), and never where the text quotes with guillemets (most of them
    pair up around words: ``« mot »``, ``«word»``).

    >>> [p[2] for p in _guillemet_slips("and he \u00bbas there and \u00bbill go", None)]
    ['w', 'w']
    >>> list(_guillemet_slips("he said \u00abyes\u00bb and left", None))
    []
    """
    if quoted is None:  # (the caller may know it: glyph_artifacts asks once for both rules)
        quoted = _guillemets_quote(text)
    if quoted:
        return
    guard = _FirstMatchGuard(text, ctx)
    for m in finditer_each(_GUILLEMET_W_FROM, text):
        word = "w" + m.group(1)
        if word_frequency(word) < _GUILLEMET_MIN_COUNT:
            continue
        if not guard.english():
            return
        s = m.start(1) - 1
        if guard.protected(s, s + 1):
            continue
        yield Proposal(s, s + 1, "w", f"{text[s]}{m.group(1)}->{word}: a worn w read as a guillemet", 0.9)


_GUILLEMETS = "\u00ab\u00bb"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_GUILLEMET_LETTER_MIN_COUNT = 10_000_000
_GUILLEMET_LETTER_LEAD = 20.0  # the best reading this many times commoner than the next
_GUILLEMET_LETTER_MAX_BARE = 100_000  # the word without the mark must be no common word
_GUILLEMET_PLURAL_MIN_COUNT = 100_000  # 'word\u00ab' -> 'words' where 'words' is this common


_READINGS: dict[tuple[str, str], str | None] = {}


def _guillemet_reading(left: str, right: str) -> str | None:
    """The letter a guillemet between the letters ``left`` and ``right`` stands
    for, or None (see :func:`_guillemet_letters`); remembered per pair, since
    each asks the word list 27 times.

    >>> _guillemet_reading("th", ""), _guillemet_reading("year", "")
    ('e', None)
    """
    key = (left, right)
    if key in _READINGS:
        return _READINGS[key]
    ch = None
    bare = left + right
    # 'Mr\u00ab': a stop
    if len(bare) >= 2 and bare.isascii() and bare.lower() not in TITLE_ABBREVIATIONS \
            and word_frequency(bare.lower()) < _GUILLEMET_LETTER_MAX_BARE:
        counts = sorted(((word_frequency((left + c + right).lower()), c) for c in _LETTERS), reverse=True)
        (best, c), (second, _) = counts[0], counts[1]
        if best >= _GUILLEMET_LETTER_MIN_COUNT and best >= _GUILLEMET_LETTER_LEAD * second:
            ch = c
    if len(_READINGS) > 100_000:
        _READINGS.clear()
    _READINGS[key] = ch
    return ch


# a word with a guillemet for a letter stands after one of these (not inside a run of marks)
_BEFORE_GUILLEMET_WORD = frozenset(" \t\n(\"")
_GUILLEMET_CONTEXT_MIN_COUNT = 100_000  # a reading in context is a word at least this common
_GUILLEMET_CONTEXT_LEAD = 2.0  # ... that leads every other reading by this many nats
_GUILLEMET_STOP_PRIOR = math.log(0.3)  # the mark at a word's end as a stop or a comma instead
# (matched backwards from the word, .match(text, start, word): a search tried
# it at each character before the word)
_NEIGHBOUR_BEFORE = regex.compile(r"([A-Za-z]+) +\Z", regex.REVERSE)
_NEIGHBOUR_AFTER = re.compile(r" +([A-Za-z]+)")


def _guillemet_in_context(corr, text: str, a: int, b: int, left: str, right: str) -> str | None:
    """The letter a guillemet in the word ``text[a:b]`` stands for, judged with the
    neighbouring words by the word stage's language model: the reading (a common
    word; at the word's end also the letters without the mark, the mark then a
    stop or a comma) that leads every other by 2 nats, or None.  For the marks
    :func:`_guillemet_reading` cannot judge alone: ``wa\u00ab made`` (``was``; ``way``
    is common too), ``three tim\u00bb advertised`` (``times``; ``tim`` is a name).

    >>> from ocrclean.fixers.words import corrector_for
    >>> text = "provision wa\u00ab made by the railway"
    >>> _guillemet_in_context(corrector_for(None), text, 10, 13, "wa", "")
    's'
    """
    lw = _NEIGHBOUR_BEFORE.match(text, max(0, a - 30), a)
    rw = _NEIGHBOUR_AFTER.match(text, b)
    uni = corr.lex.unigrams
    lw = lw.group(1).lower() if lw and lw.group(1).lower() in uni else None
    rw = rw.group(1).lower() if rw and rw.group(1).lower() in uni else None
    key = (corr, left, right, lw, rw)
    if key not in _CONTEXT_READINGS:
        if len(_CONTEXT_READINGS) > 100_000:
            _CONTEXT_READINGS.clear()
        _CONTEXT_READINGS[key] = _reading_in_context(corr, left, right, lw, rw)
    return _CONTEXT_READINGS[key]


_CONTEXT_READINGS: dict[tuple, str | None] = {}


def _reading_in_context(corr, left: str, right: str, lw: str | None, rw: str | None) -> str | None:
    """:func:`_guillemet_in_context` for the letters ``left`` and ``right`` around the
    mark and the listed neighbours ``lw`` and ``rw`` (remembered per such case)."""
    scored = []
    for c in _LETTERS:
        w = (left + c + right).lower()
        if corr.lex.count(w) >= _GUILLEMET_CONTEXT_MIN_COUNT:
            scored.append((*corr._ctx(w, lw, rw), c))
    if not scored:
        return None
    bare = (left + right).lower()
    if not right and corr.lex.count(bare) >= _GUILLEMET_CONTEXT_MIN_COUNT:
        lp, ev = corr._ctx(bare, lw, None)
        scored.append((lp + _GUILLEMET_STOP_PRIOR, ev, None))
    scored.sort(key=lambda x: x[0], reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < _GUILLEMET_CONTEXT_LEAD:
        return None
    if len(bare) == 1 and scored[0][1] < 2:
        return None  # one letter says too little unless both neighbours pair with the reading
    return scored[0][2]


def _guillemet_letters(text: str, ctx, quoted: bool | None = None):
    """``th\u00ab`` -> ``the``, ``w\u00bbs`` -> ``was``, ``Ne\u00ab`` -> ``New``: a guillemet
    inside or at the end of a word stands for a worn letter.  Mended where one
    letter makes a common English word, far commoner than any other reading,
    and the letters without the mark make no word.  A ``\u00ab`` at the end of a
    lower-case word of three letters or more whose plural is common stands for
    ``s`` (``visitor\u00ab`` -> ``visitors``); a ``\u00bb`` there as often stands for a
    stop or a comma (``year\u00bb``: left alone).  Never where the text quotes with guillemets.

    >>> [p[2] for p in _guillemet_letters("and th\u00ab man was there", None)]
    ['e']
    >>> [p[2] for p in _guillemet_letters("the letter was sign\u00bbd", None)]
    ['e']
    >>> [p[2] for p in _guillemet_letters("the visitor\u00ab came", None)]
    ['s']
    >>> list(_guillemet_letters("it was a year\u00bb work", None))
    []
    """
    if quoted is None:  # (the caller may know it: glyph_artifacts asks once for both rules)
        quoted = _guillemets_quote(text)
    if quoted:
        return
    guard = _FirstMatchGuard(text, ctx)
    corr = None  # the word corrector, for its language model (asked only when needed)
    n = len(text)
    for s in _positions(text, _GUILLEMETS):
        a = s
        while a > 0 and text[a - 1].isalpha():
            a -= 1
        if a == s:
            continue  # at a word's start: '\u00bbas' (see _guillemet_slips)
        b = s + 1
        while b < n and text[b].isalpha():
            b += 1
        if (a > 0 and text[a - 1] in "\u00ab\u00bb'\u2019-") or (b < n and text[b] in "\u00ab\u00bb'\u2019-"):
            continue
        left, right = text[a:s], text[s + 1:b]
        if (text[s] == "\u00ab" and not right and len(left) >= 3 and left.islower()
                and left not in TITLE_ABBREVIATIONS
                and word_frequency(left) >= _GUILLEMET_LETTER_MAX_BARE
                and word_frequency(left + "s") >= _GUILLEMET_PLURAL_MIN_COUNT):
            # a word with the mark at its end: 'visitor\u00ab' is 'visitors' far more often
            # than 'visitor,' ('\u00ab' for a worn 's'; '\u00bb' as often stands for a stop)
            ch, why = "s", "a worn s read as a guillemet"
        else:
            ch, why = _guillemet_reading(left, right), "a worn letter read as a guillemet"
            if ch is None and (len(left) >= 2 or left.islower()) and left.lower() not in TITLE_ABBREVIATIONS \
                    and (a == 0 or text[a - 1] in _BEFORE_GUILLEMET_WORD):
                if corr is None:
                    from .words import corrector_for  # (the word stage's language model)
                    corr = corrector_for(ctx) or False
                if corr:
                    ch = _guillemet_in_context(corr, text, a, b, left, right)
                    why = "a worn letter read as a guillemet; the neighbours decide"
        if ch is None:
            continue
        if not guard.english():
            return
        if guard.protected(s, s + 1):
            continue
        letter = ch.upper() if (left + right).isupper() else ch
        word = left + letter + right
        yield Proposal(s, s + 1, letter, f"{text[a:b]}->{word}: {why}", 0.9)


# a mark no word holds, glued inside a word or to one of its ends: a speck (e~xamine,
# k~eep) or a worn letter (*ho for who, Compan} for Company, {hird for third)
_JUNK_MARKS = "~^*{}\u00a1\u00bf"
_JUNK_MARK_WORD = regex.compile(r"(?<![\w'\u2019])(\p{L}*)([~^*{}\u00a1\u00bf])(\p{L}*)(?![\w'\u2019])")
# ... found from each mark (a scan of _JUNK_MARK_WORD, which opens with a
# look-behind and a run of letters, is tried at every character and reads
# every word to its end: on a page, more than the rest of glyph_artifacts)
_LETTERS_BEFORE = regex.compile(r"\p{L}*", regex.REVERSE)
_LETTERS_AFTER = regex.compile(r"\p{L}*")
_WORDISH = regex.compile(r"[\w'\u2019]")
_JUNK_MARK_MIN_COUNT = 1_000_000  # the word the mark hides is at least this common ...
_JUNK_MARK_LEAD = 20.0            # ... and this many times commoner than any other reading


def _positions(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order: one ``str.find`` loop
    per character the text holds (memchr speed), where a regex scan for a class
    holding characters outside ASCII tests every character of the page.

    >>> _positions("a*b~c*", "~*")
    [1, 3, 5]
    """
    found = []
    for ch in chars:
        pos = text.find(ch)
        while pos >= 0:
            found.append(pos)
            pos = text.find(ch, pos + 1)
    found.sort()
    return found


def _junk_mark_words(text: str):
    """What ``_JUNK_MARK_WORD.finditer(text)`` finds, as ``(start, end, left, mark,
    right)``, found from each mark.

    A match holds one mark (its letter runs are greedy and a mark is no
    letter) with the whole runs of letters either side, so it is the mark's
    and starts where the letters before the mark start; it stands where
    neither the character before it nor the one after is a word character or
    an apostrophe, and where an earlier match did not take its letters.

    >>> [w[2:] for w in _junk_mark_words("to e~xamine *ith care, x^2 and ~~ab")]
    [('e', '~', 'xamine'), ('', '*', 'ith'), ('', '~', ''), ('', '~', 'ab')]
    """
    n = len(text)
    taken = 0  # where the last match ended
    # (ASCII letters, word characters and apostrophes are told in Python, the
    # patterns asked only at a character outside ASCII: a pattern call costs
    # more than a word's letters read one by one)
    for q in _positions(text, _JUNK_MARKS):
        a = q
        while a > 0 and text[a - 1] in _ASCII_LETTERS:
            a -= 1
        if a > 0 and not text[a - 1].isascii():
            a = _LETTERS_BEFORE.match(text, 0, a).start()
        if a < taken or (a > 0 and _wordish(text[a - 1])):
            continue  # its letters ended the last match, or it is inside a word
        b = q + 1
        while b < n and text[b] in _ASCII_LETTERS:
            b += 1
        if b < n and not text[b].isascii():
            b = _LETTERS_AFTER.match(text, b).end()
        if b < n and _wordish(text[b]):
            continue
        taken = b
        yield a, b, text[a:q], text[q], text[q + 1:b]


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_WORDISH = _ASCII_LETTERS | frozenset("0123456789_'")


def _wordish(ch: str) -> bool:
    """Does ``_WORDISH`` match the character ``ch`` (its ``\\w`` on ASCII is
    letters, digits and ``_``)?"""
    return ch in _ASCII_WORDISH if ch.isascii() else _WORDISH.match(ch) is not None


_JUNK_READINGS: dict[tuple[str, str], str | None] = {}


def _junk_mark_reading(left: str, right: str) -> str | None:
    """What a junk mark between the letters ``left`` and ``right`` stands for: ``""``
    (a speck), a letter, or None (no reading leads); remembered per pair, since
    each asks the word list 27 times.

    >>> _junk_mark_reading("e", "xamine"), _junk_mark_reading("", "ith"), _junk_mark_reading("x", "")
    ('', 'w', None)
    """
    key = (left, right)
    if key in _JUNK_READINGS:
        return _JUNK_READINGS[key]
    readings = sorted(((word_frequency(left + c + right), c) for c in ("", *_LETTERS)), reverse=True)
    (best, ch), (second, _) = readings[0], readings[1]
    if best < _JUNK_MARK_MIN_COUNT or best < _JUNK_MARK_LEAD * second:
        ch = None
    if len(_JUNK_READINGS) > 100_000:
        _JUNK_READINGS.clear()
    _JUNK_READINGS[key] = ch
    return ch


def _junk_mark_letters(text: str, ctx):
    """``e~xamine`` -> ``examine``, ``*ho`` -> ``who``, ``Compan}`` -> ``Company``: a mark no
    word holds (``~ ^ * { } \u00a1 \u00bf``), glued inside a word or before it (``*``,
    ``{``) or after it (``}``), is a speck or a worn letter.  Mended (the mark dropped,
    or read as the one letter that makes the word) where the result is a common word
    (a million or more) twenty times commoner than any other reading; English only.
    An asterisk after a word is a footnote mark and stays.

    >>> [p[2] for p in _junk_mark_letters("to e~xamine the case *ith care", None)]
    ['', 'w']
    >>> list(_junk_mark_letters("see note* and x^2 and {a, b}", None))
    []
    """
    guard = _FirstMatchGuard(text, ctx)
    for start, end, left, mark, right in _junk_mark_words(text):
        if len(left + right) < 2 or not (
                left and right or right and mark in "*{" or left and mark == "}"):
            continue
        ch = _junk_mark_reading(left, right)
        if ch is None:
            continue
        if not guard.english():
            return
        s = start + len(left)  # the mark
        if guard.protected(start, end):
            continue
        letter = ch.upper() if ch and (left + right).isupper() else ch
        word = left + letter + right
        why = f"a worn {letter!r} read as {mark!r}" if letter else f"{mark!r} a speck inside a word"
        yield Proposal(s, s + 1, letter, f"{text[start:end]}->{word}: {why}", 0.9)


# A title whose 'r' the engine read as an 'i' ('Mi J. Smith', 'Messis Brown and Co'),
# before a capitalised name or an initial; the page must write the title elsewhere
# (a page with no 'Mr' is no page of titles).  The 'M' first: searched for at C speed.
_TITLE_SLIP = regex.compile(r"M(?<![\w'\u2019.-]M)(?P<slip>i|essis)(?=\.?,?(?:[ \t]+\n?|\n)[ \t]*\p{Lu}(?:\p{Ll}|\.|\b))")
_TITLE_READINGS = {"i": "Mr", "essis": "Messrs"}
_TITLE_WRITTEN = {t: regex.compile(rf"\b{t}\b") for t in ("Mr", "Messrs")}


@register("abbreviation_period", stage="glyphs",
          description="A comma read for the full stop of a title: 'Mr, President' -> 'Mr. President'; "
                      "a title misread before a name: 'Mi J. Smith' -> 'Mr J. Smith'")
@_past_soft_hyphens
def fix_abbreviation_period(text, ctx):
    """``Mr, Smith`` -> ``Mr. Smith``: after a title abbreviation, a comma before a
    capitalised name (after a space or a line break) is a misread full stop.
    And ``Mi J. Smith`` -> ``Mr J. Smith``, ``Messis Brown`` -> ``Messrs Brown``:
    a title whose ``r`` the engine read as ``i``, before a capitalised name or an
    initial, on a page that writes the title elsewhere (English only).

    >>> [p[:3] for p in fix_abbreviation_period("Mrs, Bennet and Mr, Bingley", None)]
    [(3, 4, '.'), (18, 19, '.')]
    >>> [p[:3] for p in fix_abbreviation_period("Mr Bell met Mi J. Smith and Messis Brown", None)]
    [(12, 14, 'Mr'), (28, 34, 'Messrs')]
    >>> list(fix_abbreviation_period("Do Re Mi Fa; Mi Young Park", None))
    []
    """
    if "Mi" in text or "Messis" in text:
        yield from _title_slips(text, ctx)
    if "," not in text:
        return
    for m in _ABBREV.finditer(text):
        if effective_language(text, ctx) != "en":  # asked only once there is a match
            return
        s, e = m.span()  # (the comma)
        yield Proposal(s, e, ".", f"'{m.group('abbr')},' before a name: misread full stop", 0.9)


def _title_slips(text: str, ctx):
    """The ``Mi`` / ``Messis`` of :func:`fix_abbreviation_period`."""
    seen = None
    for m in _TITLE_SLIP.finditer(text):
        title = _TITLE_READINGS[m.group("slip")]
        if seen is None:
            seen = {t: p.search(text) is not None for t, p in _TITLE_WRITTEN.items()}
        if not seen[title] and not (title == "Messrs" and seen["Mr"]):
            continue
        if effective_language(text, ctx) != "en":  # asked only once there is a match
            return
        yield Proposal(m.start(), m.end(), title, f"'{m.group()}' before a name: the title {title}, "
                                                  f"its 'r' read as 'i'", 0.9)


# A free-standing mark between two words: specks and rules an engine read as
# punctuation ("marked by a ' permanent", "the banks of | the").  The pattern
# starts with the mark itself (rare characters: searched for at C speed).
_STRAY_MARK = regex.compile(r"[|^\u00b0\u00bf\u00a1~\u2022\u00a6`'\u2018\u2019]+(?=(?:[ \t]+\n?|\n)[ \t]*(\p{Ll}{2,}))")
_MARKS = "|^\u00b0\u00bf\u00a1~\u2022\u00a6`'\u2018\u2019"
# ... as one pattern per mark, opening with it, so that the engine skips to it
# at C speed (a class of characters outside ASCII is tested at every character:
# three times slower on a page); the look-behind after the mark keeps each to
# the start of a run of marks, where _STRAY_MARK's matches start (it matches a
# whole run or nothing), so no match starts inside another and
# finditer_each(_STRAY_MARK_FROM[marks in the text], text) gives _STRAY_MARK's
# matches (tests/test_quick_scans.py)
_STRAY_MARK_FROM = {
    mark: regex.compile(regex.escape(mark) + f"(?<![{regex.escape(_MARKS)}]{regex.escape(mark)})"
                        + _STRAY_MARK.pattern.replace("]+(?=", "]*(?=", 1))
    for mark in _MARKS
}
# the word before a mark and the blanks between them, matched backwards from the
# mark (.match(text, start, mark)): a search tried it at each character before
# the mark, reading each letter run there to its end
_WORD_THEN_BLANKS = regex.compile(r"(\p{L}+)(?:[ \t]+\n?|\n)[ \t]*\Z", regex.REVERSE)
_QUOTES = frozenset("'`\u2018\u2019")
# the tail of a contraction or elision split off by a space ("you ' re", "l ' homme")
_CONTRACTION_TAILS = frozenset("re ve ll em".split())
# a closing single quote later in the paragraph: the mark may open a quotation
_CLOSING_QUOTE = regex.compile(r"\p{L}['\u2019\u2018`](?!\p{L})")


@register("stray_marks", stage="glyphs",
          description="A speck read as a mark between two words: \"the banks of | the river\" -> "
                      "'the banks of the river'")
@_past_soft_hyphens
def fix_stray_marks(text, ctx):
    """Remove a free-standing mark (``'``, ``|``, ``^``, ``°``, ``~``, ``•`` ...)
    between two lower-case words of a sentence: a speck or a column rule the OCR
    engine read as punctuation (English text only).

    >>> from ocrclean import clean
    >>> clean("he was marked by a ' permanent scar on the banks of | the river").text
    'he was marked by a permanent scar on the banks of the river'

    Kept: marks after a full stop or before a capital (an opening quote), a
    quote that a later one in the paragraph may close, a pipe on a line with
    other pipes (a table), an apostrophe after a plural (``the boys ' books``),
    marks before the tail of a contraction (``you ' re``); asterisks are never
    touched (footnote marks).
    """
    yield from _stray_letters(text, ctx)
    if "'" in text or "\u2019" in text:
        glued = list(_glued_apostrophes(text, ctx))
        yield from glued
        if "'" in text:
            yield from _speckled_apostrophes(text, ctx, {p.start for p in glued})
    scans = [_STRAY_MARK_FROM[mark] for mark in _MARKS if mark in text]
    if not scans:
        return
    guard = _FirstMatchGuard(text, ctx)
    for m in finditer_each(scans, text):
        s, e = m.span()
        if s < 2 or text[s - 1] not in " \t\n":
            continue
        prev = _WORD_THEN_BLANKS.match(text, max(0, s - 40), s)
        if prev is None:
            continue
        left = prev.group(1)
        if not left[-1].islower() or (len(left) < 2 and left != "a"):
            continue
        right = m.group(1)
        mark = m.group()
        if right in _CONTRACTION_TAILS:
            continue
        if any(ch in _QUOTES for ch in mark):
            if left[-1] in "sS":
                continue
            para_end = text.find("\n\n", e, e + 300)
            if _CLOSING_QUOTE.search(text, e, para_end if para_end >= 0 else e + 300):
                continue
        if "|" in mark:
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            if text.count("|", line_start, line_end if line_end >= 0 else len(text)) > len(mark):
                continue  # a table row
        if not guard.english():
            return
        if guard.protected(s, e):
            continue
        end = e
        while end < len(text) and text[end] in " \t":
            end += 1
        if text[s - 1] == "\n" and text[end:end + 1] == "\n":
            end += 1  # the mark alone on its line: the words either side meet at one break
        elif text[end:end + 1] == "\n":
            end += 1  # "of |\nthe": the space before the mark now parts the words
        yield Proposal(s, end, "", f"{mark!r} between '{left}' and '{right}': a speck, not punctuation", 0.9)


# a lone lower-case letter between two lower-case words: no English word but 'a' (and the
# informal 'i'); 'm', 'n', 's', 't', 'w' are more often a word read short ('m' for 'in')
# (found from the space before the letter: a pattern that opens with a look-behind or a
# class is tried at every character; what precedes the space is checked in Python)
_LONE_LETTER = re.compile(r" ([dfghijlpru]) (?=([a-z]{2,})(?![\w'\u2019-]))")
# the lower-case word that ends where a candidate starts, matched backwards from
# there (.match(text, start, end)): a search tried it at each character before
_LEFT_WORD = regex.compile(r"(?:^|[^\w'\u2019.-])([a-z]{2,})[,;]?$", regex.REVERSE)
_LONE_LETTER_WORDS = 100_000  # both neighbours at least this common
_LONE_LETTER_JOINS = 10_000  # the letter makes no word with a neighbour ('lew d fellow')


def _stray_letters(text: str, ctx):
    """``some d drink`` -> ``some drink``: a lone letter between two common lower-case
    words of English prose is a speck the engine read as a letter (or a letter
    repeated from the next word: ``was u unable``).  Not where the letter makes a
    word with a neighbour (``lew d fellow``: a broken ``lewd``), not ``a``, and not the
    letters that are more often a short word misread (``m`` for ``in``, ``s``,
    ``t``, ``w``, ``n``, ``o``, ``e``); a lone ``i`` stays in a text that writes the
    pronoun so.

    >>> [p[:3] for p in _stray_letters("to obtain some d drink and was u unable to go", None)]
    [(14, 16, ''), (30, 32, '')]
    >>> list(_stray_letters("thou lew d fellow, i e the end", None))
    []
    """
    guard = _FirstMatchGuard(text, ctx)
    informal = None
    for m in _LONE_LETTER.finditer(text):
        s = m.start()
        if s < 2 or not ("a" <= text[s - 2] <= "z") or not ("a" <= text[s - 1] <= "z" or text[s - 1] in ",;"):
            continue
        letter, right = m.group(1), m.group(2)
        left = _LEFT_WORD.match(text, max(0, s - 30), s)
        if left is None:
            continue
        left = left.group(1)
        if word_frequency(left) < _LONE_LETTER_WORDS or word_frequency(right) < _LONE_LETTER_WORDS:
            continue
        if word_frequency(left + letter) >= _LONE_LETTER_JOINS or word_frequency(letter + right) >= _LONE_LETTER_JOINS:
            continue
        if letter == "i":
            if informal is None:
                informal = text.count(" i ") > 2 and " I " not in text
            if informal:
                continue
        if not guard.english():
            return
        if guard.protected(s, m.end()):
            continue
        yield Proposal(s, s + 2, "", f"'{letter}' between '{left}' and '{right}': a speck read as a letter", 0.9)


# an apostrophe glued to the end of a word no elision or possessive ends so ('the'
# present', 'of' her'), before a lower-case word
# (found from the mark, one literal character per pattern; the word before it is read
# backwards and looked up)
_GLUED_APOSTROPHE = (re.compile(r"'(?= [a-z])"), re.compile("\u2019(?= [a-z])"))
_WORD_BEFORE_MARK = re.compile(r"(?:^|[^\w'\u2019-])([a-z]{2,5})\Z")
_NO_ELISION_WORDS = frozenset(
    "the of at he was who their did had been to that his her is it with for by from on not be as but "
    "which this have were are she they we him them my".split())
_OPENING_QUOTE = regex.compile(r"(?:^|(?<=[\s(\[\u2014-]))['\u2018\u2019](?=\w)")


def _glued_apostrophes(text: str, ctx):
    """``the' present`` -> ``the present``: an apostrophe glued to the end of a
    function word (an article, a preposition, a pronoun, an auxiliary), before a
    lower-case word, is a speck: no elision ends those words (``o'``, ``th'``,
    ``an'`` are not among them) and none takes a plural possessive.  Not where an
    opening single quote earlier in the paragraph may be closed by it.

    >>> [p[:3] for p in _glued_apostrophes("with the' present House and of' her father", None)]
    [(8, 9, ''), (30, 31, '')]
    >>> list(_glued_apostrophes("he called it 'the best of' all", None))
    []
    """
    guard = _FirstMatchGuard(text, ctx)
    for m in finditer_each(_GLUED_APOSTROPHE, text):
        s = m.start()
        word = _WORD_BEFORE_MARK.search(text, max(0, s - 7), s)
        if word is None or word.group(1) not in _NO_ELISION_WORDS:
            continue
        word = word.group(1)
        para = text.rfind("\n\n", max(0, s - 300), s)
        if _OPENING_QUOTE.search(text, para + 1 if para >= 0 else max(0, s - 300), s):
            continue
        if not guard.english():
            return
        if guard.protected(s, s + 1):
            continue
        yield Proposal(s, s + 1, "", f"{word + text[s]!r}: an apostrophe no elision or possessive ends "
                                     f"'{word}' with, a speck", 0.9)


# -- a page sprinkled with specks read as apostrophes ------------------------------
# Worn newsprint scatters specks that the engine reads as apostrophes, in front of
# words, behind them and inside them ("had been' absbracted", "stated that 'the
# charge", "a cheq'ue").  One such mark may be a quotation's; a page that shows
# several where no quote or elision can stand is speckled, and there every
# apostrophe that parts a word from nothing is a speck.
# (each pattern opens with the mark, a literal searched for at C speed; a mark
# before a word, "'the", is one of _SPECK_INNER's: the letters after it are read
# the same, and whether it stands after a space is asked of the text)
_SPECK_TRAILING = re.compile(r"'(?= [a-z])")
_SPECK_INNER = re.compile(r"'([a-z]+)\b(?!['\u2019-])")
# an apostrophe before these is an elision ('tis, 'em), after these one too (an' = and, o')
_ELIDED_STARTS = frozenset("tis twas twill twere em neath gainst bout cause til tween bus buses phone phones "
                            "plane planes cello cellos".split())
_ELIDED_ENDS = frozenset("an th ne".split())
# what follows the apostrophe of a contraction or a possessive: can't, it's, we'll, I'd
_CONTRACTION_ENDS = frozenset("s t ll re ve d m".split())
# the first part of a name or an elision: O'Brien, d'Arcy, l'homme, M'Callum
_APOSTROPHE_NAME_STARTS = frozenset("o d l m mc mac".split())
_SPECKS_MIN = 3            # a speckled page shows this many impossible apostrophes ...
_SPECKS_PER_WORD = 1 / 250  # ... and at least one in this many words
_SPECK_WORD_COUNT = 10_000  # a word freed from a speck is at least this common


def _speck_edges(text: str, m) -> tuple[str, str] | None:
    """What a lone apostrophe at ``m`` parts: ``(word before, word after)`` when it
    is a leading, trailing or inner mark of a word, else None."""
    s = m.start()
    after = m.group(1) if m.lastindex else ""
    if not s or not ("a" <= text[s - 1] <= "z"):
        return "", after  # (the word before ends in a lower-case letter: none here)
    return _word_before_speck(text, s), after


def _word_before_speck(text: str, s: int) -> str:
    r"""The word that ends at ``s`` and within 30 characters before it: ASCII
    letters, the last one lower-case, after the text's start or a character
    that is no word character, apostrophe, stop or hyphen; else "".

    What a search of ``(?:^|[^\w'\u2019.-])([A-Za-z]*[a-z])\Z`` over those 30
    characters finds, read backwards from ``s`` (the search tried the pattern
    at each of them, reading every letter run to its end).

    >>> _word_before_speck("said the' man", 8), _word_before_speck("x-the' man", 5), _word_before_speck("the'", 3)
    ('the', '', 'the')
    """
    lo = max(0, s - 30)
    if s <= lo or not ("a" <= text[s - 1] <= "z"):
        return ""
    a = s - 1
    while a > lo and text[a - 1] in _ASCII_LETTERS:
        a -= 1
    if a == 0:
        return text[:s]
    if a == lo:
        return ""  # the word runs on past the 30 characters
    c = text[a - 1]
    if c.isalnum() or c in "_'\u2019.-":  # (\w, as re reads it, is what isalnum() and "_" are)
        return ""
    return text[a:s]


def _speck_kind(text: str, s: int, before: str, after: str) -> str | None:
    """Which kind of impossible apostrophe this is (``"lead"``, ``"trail"``, ``"inner"``)
    or None where a quotation, an elision, a contraction or a name may put it."""
    if before and after:
        if after in _CONTRACTION_ENDS or before.lower() in _APOSTROPHE_NAME_STARTS:
            return None
        joined = before + after
        if word_frequency(joined) < _SPECK_WORD_COUNT or word_frequency(before + "'" + after):
            return None
        return "inner"
    if after:
        if s and not text[s - 1].isspace() or after in _ELIDED_STARTS:
            return None
        return "lead" if word_frequency(after) >= _SPECK_WORD_COUNT else None
    if before and before.islower() and not before.endswith(("s", "in")) and before not in _ELIDED_ENDS:
        return "trail" if word_frequency(before) >= _SPECK_WORD_COUNT else None
    return None


# a quotation's closing mark after a word (and its opening one before a word), with
# no sentence end between them
_CLOSING_AFTER = re.compile(r"[a-z]'(?![a-z])")
_OPENING_BEFORE = re.compile(r"(?:^|\s)'[a-z]")
_QUOTE_SPAN = 80


def _quote_pair(text: str, s: int, kind: str) -> bool:
    """Could the apostrophe at ``s`` (``kind`` ``"lead"`` or ``"trail"``) be one mark of
    a quotation whose other mark stands in the same sentence, at most 80 characters
    away, with no third mark between ('the best')?"""
    if kind == "lead":
        span = text[s + 1:s + 1 + _QUOTE_SPAN]
        end = min((i for i in (span.find(". "), span.find("\n\n")) if i >= 0), default=len(span))
        close = _CLOSING_AFTER.search(span, 0, end)
        return close is not None and _OPENING_BEFORE.search(span, 0, close.start()) is None
    span = text[max(0, s - _QUOTE_SPAN):s]
    cut = max(span.rfind(". "), span.rfind("\n\n"))
    opening = None
    for opening in _OPENING_BEFORE.finditer(span, cut + 1 if cut >= 0 else 0):
        pass  # the last opening mark before this one
    return opening is not None and _CLOSING_AFTER.search(span, opening.end()) is None


def _speckled_apostrophes(text: str, ctx, done=()):
    """``stated that 'the charge`` -> ``stated that the charge``, ``had been' taken``
    -> ``had been taken``, ``a cheq'ue`` -> ``a cheque``: on a page speckled with
    apostrophes (at least three, one in 250 words or more, in front of a function
    word, behind one, or inside a word that is whole without it), each apostrophe
    that parts a common lower-case word from nothing is a speck (English only).

    Kept: possessives and contractions (``boys'``, ``it's``, ``can't``), elisions
    (``'tis``, ``lookin'``, ``an'``), names (``O'Brien``, ``M'Callum``), a quotation's
    marks on a page that shows fewer specks.

    >>> page = "he said 'the man had been' taken with a cheq'ue and 'was sent " * 4
    >>> sorted({page[p.start - 4:p.start + 4] for p in _speckled_apostrophes(page, None)})
    ["aid 'the", "and 'was", "been' ta", "cheq'ue "]
    >>> list(_speckled_apostrophes("he called it 'the best' and it was " * 4, None))
    []
    """
    words = None

    def too_few(marks: int) -> bool:
        """Too few impossible marks (or marks that may be) for a speckled page?"""
        nonlocal words
        if marks < _SPECKS_MIN:
            return True
        if marks >= (len(text) + 1) * _SPECKS_PER_WORD:
            return False  # (a page has no more words than characters: not counted)
        if words is None:
            words = text.count(" ") + text.count("\n") + 1
        return marks < words * _SPECKS_PER_WORD

    if too_few(text.count("'")):
        return  # each impossible mark is an apostrophe: too few to make the page speckled
    marks = list(_SPECK_TRAILING.finditer(text))
    marks.extend(_SPECK_INNER.finditer(text))
    open_marks = []
    for m in marks:
        s = m.start()
        if s and not text[s - 1].isspace() and m.lastindex and m.group(1) in _CONTRACTION_ENDS:
            # "John's", "can't", "I'm" (most of a page's apostrophes): a contraction
            # after a word, or a mark glued to something before it; _speck_kind's
            # answer is None either way, known without reading the word before
            continue
        open_marks.append(m)
    # Only these marks can be impossible: too few of them, and the page is not
    # speckled whatever the words around them say (many a page with a few
    # quotation marks is settled here, without a look-up per mark).
    if too_few(len(open_marks)):
        return
    found = {}
    impossible = 0
    for m in open_marks:
        s = m.start()
        before, after = _speck_edges(text, m)
        kind = _speck_kind(text, s, before, after)
        if kind is None:
            continue
        found[s] = (kind, before, after)
        if kind == "inner" or not _quote_pair(text, s, kind):
            impossible += 1
    if too_few(impossible):
        return
    if effective_language(text, ctx) != "en":
        return
    protected = protected_spans(text, ctx)
    for s in sorted(found):
        kind, before, after = found[s]
        if s in done:
            continue  # removed by _glued_apostrophes
        if protected and overlaps(protected, s, s + 1):
            continue
        shown = f"{before}'{after}"
        yield Proposal(s, s + 1, "", f"{shown!r}: an apostrophe on a page speckled with them, a speck", 0.9)

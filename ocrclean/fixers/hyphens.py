"""Stage 3, hyphens: words broken across line ends, decided by evidence."""

from __future__ import annotations

import regex

from ..edits import Applicability
from ..lexicon import DocumentWords, document_words, english_frequencies, word_frequency
from ..registry import Proposal, register

_BLANKS = " \t"


def _breaks(text: str) -> tuple[list[tuple[int, int, bool]], bool]:
    """Each hyphen or soft hyphen that breaks a word, as (start, end, soft);
    and whether a hyphen stands anywhere else (inside a line).

    The span runs from the hyphen through the line break and the blanks around
    it (``exam-  \n ple``); a soft hyphen may also stand inside a line.  Found
    with str.find, which runs at memory speed, rather than a regex scan; the
    hyphens it visits are counted on the way.

    >>> _breaks("an exam-\\nple"), _breaks("a well-known exam-\\nple")
    (([(7, 9, False)], False), ([(17, 19, False)], True))
    """
    n = len(text)
    found: list[tuple[int, int, bool]] = []
    hyphens = 0
    if "-" in text and "\n" in text:
        pos = text.find("-")
        while pos >= 0:
            hyphens += 1
            j = pos + 1
            while j < n and text[j] in _BLANKS:
                j += 1
            if j < n and text[j] == "\n" and pos > 0 and text[pos - 1].isalnum():
                j += 1
                while j < n and text[j] in _BLANKS:
                    j += 1
                if j < n and text[j].isalnum():
                    found.append((pos, j, False))
            pos = text.find("-", pos + 1)
    else:
        hyphens = text.count("-")
    elsewhere = hyphens > len(found)
    if "\u00ad" in text:
        pos = text.find("\u00ad")
        while pos >= 0:
            j = pos + 1
            while j < n and text[j] in _BLANKS:
                j += 1
            if j < n and text[j] == "\n":
                j += 1
                while j < n and text[j] in _BLANKS:
                    j += 1
            if 0 < pos and text[pos - 1].isalnum() and j < n and text[j].isalnum():
                found.append((pos, j, True))
            pos = text.find("\u00ad", pos + 1)
    return found, elsewhere


def soft_breaks(text: str) -> list[tuple[int, int]]:
    """The spans the hyphen stage removes for the soft hyphens that break a word:
    each soft hyphen with the blanks and the line break after it.

    >>> soft_breaks("O\u00ad 00, ex\u00ad\\n am and \u00ad alone")
    [(1, 3), (9, 12)]
    """
    return [(start, end) for start, end, soft in _breaks(text)[0] if soft]


# "exam- ple" inside a line (any blanks after the hyphen: the whitespace fixer
# makes "exam-\tple" "exam- ple", which a second clean() would otherwise join)
_INLINE_HYPHEN = regex.compile(r"(?<=\p{L})-[ \t]+(?=\p{Ll})")


def _word_before(text: str, end: int, limit: int = 60) -> str:
    """The run of word characters that ends at ``end``.

    >>> _word_before("an exam-", 7), _word_before("(exam-", 5), _word_before("x-", 0)
    ('exam', 'exam', '')
    """
    lo = max(0, end - limit)
    # Mostly a space starts the word: one rfind and a check at C speed.
    space = text.rfind(" ", lo, end)
    if space >= 0 and text[space + 1:end].isalnum():
        return text[space + 1:end]
    i = end
    while i > lo and text[i - 1].isalnum():
        i -= 1
    return text[i:end]


def _word_after(text: str, start: int, limit: int = 60) -> str:
    """The run of word characters that starts at ``start``.

    >>> _word_after("ple of", 0), _word_after("ple, of", 0), _word_after("ple", 0)
    ('ple', 'ple', 'ple')
    """
    hi = min(len(text), start + limit)
    # Mostly a space ends the word: one find and a check at C speed.
    space = text.find(" ", start, hi)
    if space >= 0 and text[start:space].isalnum():
        return text[start:space]
    j = start
    while j < hi and text[j].isalnum():
        j += 1
    return text[start:j]
# words after which a dangling hyphen is a suspended compound: "pre- and post-war"
_SUSPENDING = frozenset("and or to nor than as but versus vs".split())

# A part must be this common to count as a word of its own in a compound
# (the bundled list holds some web fragments such as "com" or "pro").
_PART_MIN = 1_000_000
_JOINED_MIN = 20_000


class Evidence:
    """What the document itself says about hyphenation.

    The compounds it writes with a hyphen inside a line are collected at once
    with a find loop (cheap); its whole vocabulary is counted only when a
    decision needs it, since the lexicon settles most breaks.
    """

    __slots__ = ("_text", "_ctx", "hyphenated", "_words", "_lowered", "_lookups_left")

    def __init__(self, text: str = "", ctx=None, compounds: bool = True):
        """``compounds=False``: the caller knows the text holds no hyphenated
        compound (each of its hyphens ends a line)."""
        self._text = text
        self._ctx = ctx
        self.hyphenated = _hyphenated_forms(text) if compounds else frozenset()
        self._words = None
        self._lowered = None
        # a long text asks many questions: its vocabulary is cheaper at once
        self._lookups_left = _CHEAP_LOOKUPS if len(text) <= _CHEAP_TEXT_MAX else 0

    @property
    def words(self):
        if self._words is None:
            self._words = document_words(self._text, self._ctx)
        return self._words

    def has_word(self, word: str) -> bool:
        """Does ``word`` (lower case) stand as a word of its own in the text?

        The first few questions are answered by a search of the text, the rest
        by its vocabulary: most texts ask only a few, and counting a whole
        vocabulary costs as much as some fifty searches.
        """
        if self._words is None and self._lookups_left > 0:
            self._lookups_left -= 1
            if self._lowered is None:
                self._lowered = self._text.lower()
            return DocumentWords.occurs_in(self._lowered, word)
        return word in self.words


# Look-ups Evidence.has_word answers by searching the text before it counts
# the vocabulary (which costs as much as about fifty searches), in texts of up
# to _CHEAP_TEXT_MAX characters.  A page asks at most about ten; a book, in
# proportion to its length, hundreds.
_CHEAP_LOOKUPS = 16
_CHEAP_TEXT_MAX = 50_000


def _hyphenated_forms(text: str) -> frozenset[str]:
    """Lower-case letter runs joined by hyphens inside a line ("well-known")."""
    out = set()
    n = len(text)
    pos = text.find("-")
    while pos >= 0:
        if 0 < pos < n - 1 and text[pos - 1].isalpha() and text[pos + 1].isalpha():
            a = pos - 1
            while a > 0 and text[a - 1].isalpha():
                a -= 1
            b = pos + 1
            while b < n and (text[b].isalpha() or (text[b] == "-" and b + 1 < n and text[b + 1].isalpha())):
                b += 1
            if a == 0 or text[a - 1] != "-":
                out.add(text[a:b].lower())
            pos = text.find("-", b)
        else:
            pos = text.find("-", pos + 1)
    return frozenset(out)


def decide(a: str, b: str, ev: Evidence) -> tuple[str, str, float] | None:
    """How to rejoin ``a-`` + ``b``: ("join" | "keep", reason, confidence), or None.

    >>> decide("exam", "ple", Evidence())[0]
    'join'
    >>> decide("well", "known", Evidence())[0]
    'keep'
    >>> decide("to", "day", Evidence("He came to-day."))[0]  # the text's own usage wins
    'keep'
    >>> decide("Anti", "Personnel", Evidence())[0]
    'keep'
    >>> decide("zorblax", "quintor", Evidence())[0]  # 'quintor' is no word: a syllable break
    'join'
    >>> decide("sedge", "withy", Evidence()) is None  # two rare words, no joined form: cannot tell
    True
    """
    if not (a + b).isalpha() and any(ch.isdigit() for ch in a + b):
        return "keep", "number: hyphen kept", 0.9
    if b[:1].isupper() and not (a.isupper() and b.isupper()):
        return "keep", "capitalised continuation: hyphen kept", 0.9
    joined = (a + b).lower()
    hyph = f"{a}-{b}".lower()
    if hyph in ev.hyphenated:
        words = ev.words
        if joined in words and words.count(joined) >= words.count(hyph):
            return "join", f"'{a}{b}' appears whole elsewhere in the text", 0.95
        return "keep", f"'{a}-{b}' is written with a hyphen elsewhere in the text", 0.95
    freq = english_frequencies()  # (word_frequency without a call per word: a page asks often)
    fj = freq.get(joined, 0)
    fa, fb = freq.get(a.lower(), 0), freq.get(b.lower(), 0)
    if fj >= _JOINED_MIN and not (fa >= _PART_MIN and fb >= _PART_MIN and fj < min(fa, fb) / 1000):
        return "join", f"'{a}{b}' is a word", 0.95
    if ev.has_word(joined):
        return "join", f"'{a}{b}' appears whole elsewhere in the text", 0.95
    if fj >= _JOINED_MIN:
        return "keep", f"'{a}' and '{b}' are common words and '{a}{b}' is rare", 0.8
    if fa >= _PART_MIN and fb >= _PART_MIN and len(a) >= 2 and len(b) >= 2:
        return "keep", f"'{a}' and '{b}' are words, '{a}{b}' is not: a compound", 0.85
    if not (a.isalpha() and b.isalpha()):
        return None
    if fb == 0 or fa == 0:
        # A hyphen that joins a compound joins words (or a known prefix, which the
        # lexicon knows joined); a half that is no word at all is a syllable.
        half = b if fb == 0 else a
        return "join", f"'{half}' is no word by itself: a syllable break", 0.75
    return None


def _both_common_and_joined_rarer(a: str, b: str) -> bool:
    fa, fb = word_frequency(a), word_frequency(b)
    return fa >= _PART_MIN and fb >= _PART_MIN and word_frequency(a + b) < min(fa, fb)


@register("hyphen_rejoin", stage="hyphens",
          description="Words hyphenated at line ends rejoined by evidence: 'exam-\\nple' -> 'example', "
                      "'well-\\nknown' -> 'well-known'")
def fix_hyphen_rejoin(text, ctx):
    """Rejoin words broken by a hyphen at a line end (or a stray ``- `` inside a line).

    The document's own words are the first evidence (a word seen whole, or with
    its hyphen, elsewhere), then the lexicon.  Without evidence the break is left
    and a display-only edit reports the likely join.  Soft hyphens are dropped.

    >>> from ocrclean import clean
    >>> clean("an exam-\\nple of a well-\\nknown rule", preset="layout").text
    'an example of a well-known rule'
    """
    if "-" not in text and "\u00ad" not in text:
        return
    # A hyphen that ends a line has blanks and a line break after it, never a
    # letter: when every hyphen is one (most prose pages), none joins a
    # compound or stands before a space and a letter inside a line.
    breaks, inside_lines = _breaks(text)
    doc = None
    # One step per break: proposals as plain tuples (the Proposal fields, in
    # order), several times cheaper to make than the named tuple.
    for hs, he, soft in breaks:
        if soft:
            yield (hs, he, "", "soft hyphen", 1.0, None)
            continue
        a, b = _word_before(text, hs), _word_after(text, he)
        if doc is None:
            doc = Evidence(text, ctx, compounds=inside_lines)
        d = decide(a, b, doc)
        if d is None:
            yield (hs, he, "", f"'{a}-' + '{b}': no evidence either way; break left",
                   0.4, Applicability.DISPLAY_ONLY)
        elif d[0] == "join":
            yield (hs, he, "", d[1], d[2], None)
        else:
            yield (hs + 1, he, "", d[1], d[2], None)
    if inside_lines and ("- " in text or "-\t" in text):
        for m in _INLINE_HYPHEN.finditer(text):
            hs, he = m.span()
            a, b = _word_before(text, hs), _word_after(text, he)
            if not a.isalpha() or not b.isalpha() or (hs > len(a) and text[hs - len(a) - 1] == "-"):
                continue
            if b.lower() in _SUSPENDING:
                continue
            if doc is None:
                doc = Evidence(text, ctx)
            d = decide(a, b, doc)
            if d is None:
                continue
            if d[0] == "join" and _both_common_and_joined_rarer(a, b):
                # a hyphen that is really printed inside a line: keep it when the
                # halves are words in their own right ("man- made" -> "man-made")
                d = ("keep", f"'{a}' and '{b}' are words more common than '{a}{b}'", 0.8)
            if d[0] == "join":
                yield Proposal(hs, he, "", d[1] + " (hyphen and space inside a line)", d[2] * 0.9)
            else:
                yield Proposal(hs + 1, he, "", d[1] + " (space after a hyphen inside a line)", d[2] * 0.9)

"""Stage 3, hyphens: words broken across line ends, decided by evidence."""

from __future__ import annotations

from collections import Counter

import regex

from ..edits import Applicability
from ..lexicon import word_frequency
from ..registry import Proposal, register

# "exam-\nple": a word, a hyphen at the end of a line, the rest at the start of the next
_LINE_END_HYPHEN = regex.compile(
    r"(?P<a>[\p{L}\p{M}\d'\u2019]*[\p{L}\p{M}\d])(?P<h>-[ \t]*\n[ \t]*|\u00ad[ \t]*\n?[ \t]*)(?P<b>[\p{L}\p{M}\d][\p{L}\p{M}\d'\u2019]*)"
)
# "exam- ple" inside a line
_INLINE_HYPHEN = regex.compile(
    r"(?<![\p{L}\p{M}\d-])(?P<a>\p{L}[\p{L}\p{M}]*)(?P<h>- )(?P<b>\p{Ll}[\p{L}\p{M}]*)(?![\p{L}\p{M}\d-])"
)
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")
# words after which a dangling hyphen is a suspended compound: "pre- and post-war"
_SUSPENDING = frozenset("and or to nor than as but versus vs".split())

# A part must be this common to count as a word of its own in a compound
# (the bundled list holds some web fragments such as "com" or "pro").
_PART_MIN = 1_000_000
_JOINED_MIN = 20_000


def _doc_words(text: str, ctx) -> Counter:
    """Counts of the document's own words (lower case), hyphenated compounds whole."""
    if ctx is None:
        return Counter(w.lower() for w in _WORD.findall(text))
    c = ctx.cache.get("hyphens.doc_words")
    if c is None or ctx.cache.get("hyphens.doc_words_text") is not text:
        c = Counter(w.lower() for w in _WORD.findall(text))
        ctx.cache["hyphens.doc_words"] = c
        ctx.cache["hyphens.doc_words_text"] = text
    return c


def decide(a: str, b: str, doc: Counter) -> tuple[str, str, float] | None:
    """How to rejoin ``a-`` + ``b``: ("join" | "keep", reason, confidence), or None.

    >>> decide("exam", "ple", Counter())[0]
    'join'
    >>> decide("well", "known", Counter())[0]
    'keep'
    >>> decide("Anti", "Personnel", Counter())[0]
    'keep'
    >>> decide("xyzq", "wvut", Counter()) is None
    True
    """
    if any(ch.isdigit() for ch in a + b):
        return "keep", "number: hyphen kept", 0.9
    if b[:1].isupper() and not (a.isupper() and b.isupper()):
        return "keep", "capitalised continuation: hyphen kept", 0.9
    joined = (a + b).lower()
    hyph = f"{a}-{b}".lower()
    in_doc_joined = doc.get(joined, 0)
    in_doc_hyph = doc.get(hyph, 0)
    if in_doc_hyph > in_doc_joined:
        return "keep", f"'{a}-{b}' is written with a hyphen elsewhere in the text", 0.95
    if in_doc_joined > 0:
        return "join", f"'{a}{b}' appears whole elsewhere in the text", 0.95
    fj = word_frequency(joined)
    fa, fb = word_frequency(a), word_frequency(b)
    if fj >= _JOINED_MIN:
        if fa >= _PART_MIN and fb >= _PART_MIN and fj < min(fa, fb) / 1000:
            return "keep", f"'{a}' and '{b}' are common words and '{a}{b}' is rare", 0.8
        return "join", f"'{a}{b}' is a word", 0.95
    if fa >= _PART_MIN and fb >= _PART_MIN and len(a) >= 2 and len(b) >= 2:
        return "keep", f"'{a}' and '{b}' are words, '{a}{b}' is not: a compound", 0.85
    return None


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
    doc = None
    if "\n" in text or "\u00ad" in text:
        for m in _LINE_END_HYPHEN.finditer(text):
            a, h, b = m.group("a"), m.group("h"), m.group("b")
            hs, he = m.span("h")
            if h.startswith("\u00ad"):
                yield Proposal(hs, he, "", "soft hyphen", 1.0)
                continue
            if doc is None:
                doc = _doc_words(text, ctx)
            d = decide(a, b, doc)
            if d is None:
                yield Proposal(hs, he, "", f"'{a}-' + '{b}': no evidence either way; break left",
                               0.4, Applicability.DISPLAY_ONLY)
            elif d[0] == "join":
                yield Proposal(hs, he, "", d[1], d[2])
            else:
                yield Proposal(hs + 1, he, "", d[1], d[2])
    if "- " in text:
        for m in _INLINE_HYPHEN.finditer(text):
            a, b = m.group("a"), m.group("b")
            if b.lower() in _SUSPENDING:
                continue
            if doc is None:
                doc = _doc_words(text, ctx)
            d = decide(a, b, doc)
            if d is None:
                continue
            hs, he = m.span("h")
            if d[0] == "join":
                yield Proposal(hs, he, "", d[1] + " (hyphen and space inside a line)", d[2] * 0.9)
            else:
                yield Proposal(hs + 1, he, "", d[1] + " (space after a hyphen inside a line)", d[2] * 0.9)

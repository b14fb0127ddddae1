"""Stage 6, punctuation and spaces."""

from __future__ import annotations

import re

import regex

from ..protect import overlaps, protected_spans
from ..registry import Proposal, register
from .layout import is_tabular

# The scans use the standard library's engine on plain patterns (it is several
# times faster than `regex` here); what precedes a match is checked in Python,
# on the few places that match.

# spaces before closing punctuation: "Armenia ." "regretfully ," "( word )".
# Not before an ellipsis or a decimal (" .5"), and not where the "punctuation"
# starts a token of its own (" .NET", " ,,").
_SPACE_BEFORE = re.compile(r"[ \t]+([.,;:!?)\]])(?![.\w@/])")
_AFTER_WORD = re.compile(r"[\w)\]\"'\u201d\u2019%]")
_SPACE_BEFORE_FR_KEEP = frozenset(";:!?")
_SPACED_HIGH = re.compile(r"(?<=\S)[ \t\u00a0\u202f]+[;:!?]")
_TIGHT_HIGH = re.compile(r"\w[;:!?]")
# spaces after an opening bracket: "( word"
_SPACE_AFTER_OPEN = re.compile(r"(?:^|(?<=[\s\"'\u201c\u2018]))([(\[])([ \t]+)(?=\w)", re.M)
# "Azerbaijan 's", "do n't", "they 're"
_SPACE_CLITIC = regex.compile(
    r"(?<=\p{L})(?P<sp>[ \t]+)(?=(?:['\u2019](?:s|re|ve|ll|d|m)|n['\u2019]t)(?!\p{L}))"
)


def spaces_high_punctuation(text: str) -> bool:
    """Does this text's typography put a space before ``; : ! ?``?

    French does, and so did much English printing before the 20th century; a
    transcription keeps it.  The text's own habit decides: spaced at least as
    often as not.

    >>> spaces_high_punctuation("Is it so ? Yes ; it is : see. Why ?")
    True
    >>> spaces_high_punctuation("Is it so? Yes; it is, and why ?")
    False
    """
    spaced = len(_SPACED_HIGH.findall(text))
    if not spaced:
        return False
    return spaced >= len(_TIGHT_HIGH.findall(text))


@register("punctuation_spacing", stage="punctuation",
          description="Stray spaces before punctuation and inside brackets: 'Armenia .' -> 'Armenia.', "
                      "\"Azerbaijan 's\" -> \"Azerbaijan's\"")
def fix_punctuation_spacing(text, ctx):
    """Remove spaces OCR put before punctuation, before clitics and inside brackets.

    Decimals, ellipses, URLs and e-mail addresses are untouched, and the space
    before ``; : ! ?`` is kept with ``lang="fr"`` or where the text itself spaces
    them as a rule (old English printing did).

    >>> from ocrclean import clean
    >>> clean("Armenia . Azerbaijan 's ( see map ) 0 .5 wait ... Why ? Because; see: it is so!").text
    "Armenia. Azerbaijan's (see map) 0 .5 wait ... Why? Because; see: it is so!"
    >>> clean("Why ? Because ; see : it is so !").text  # the text's own habit: kept
    'Why ? Because ; see : it is so !'
    >>> clean("Vraiment ? Oui !", lang="fr").text
    'Vraiment ? Oui !'
    """
    if " " not in text and "\t" not in text:
        return
    french = (ctx is not None and ctx.lang.lower().startswith("fr")) or spaces_high_punctuation(text)
    protected = protected_spans(text, ctx)
    for m in _SPACE_BEFORE.finditer(text):
        s, e = m.start(), m.start(1)
        if s == 0 or not _AFTER_WORD.match(text, s - 1):
            continue
        p = m.group(1)
        if french and p in _SPACE_BEFORE_FR_KEEP:
            continue
        if p == "." and text[m.end():m.end() + 2][:1] == " " and text[m.end() + 1:m.end() + 2].islower():
            continue  # "wheat . oats": a speck, not a full stop; leave it for a person
        if overlaps(protected, s, m.end()):
            continue
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        if is_tabular(text[line_start: len(text) if line_end < 0 else line_end]):
            continue
        yield Proposal(s, e, "", f"space before {p!r}", 0.95)
    if "( " in text or "[ " in text or "(\t" in text:
        for m in _SPACE_AFTER_OPEN.finditer(text):
            s, e = m.span(2)
            if not overlaps(protected, s, e):
                yield Proposal(s, e, "", f"space after {m.group(1)!r}", 0.9)
    if " '" in text or " \u2019" in text or " n'" in text or " n\u2019" in text:
        for m in _SPACE_CLITIC.finditer(text):
            s, e = m.span("sp")
            if not overlaps(protected, s, e):
                yield Proposal(s, e, "", "space before an apostrophe suffix", 0.9)


_RUN = re.compile(r"(?<=\S)(?:[ \t]{2,}|\t)(?=\S)")
_TRAILING = re.compile(r"(?<=\S)[ \t]+(?=\n|\Z)")
_LEADING = re.compile(r"^[ \t]+(?=\S)", re.M)
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_DOC_START = re.compile(r"\A\s+")
_DOC_END = re.compile(r"\s+\Z")


@register("whitespace", stage="punctuation",
          description="Runs of spaces, tabs, trailing and leading spaces, extra blank lines")
def fix_whitespace(text, ctx):
    """Tidy horizontal space and blank lines; table rows keep their columns.

    >>> from ocrclean import clean
    >>> clean("  I thank   you.\\t \\n\\n\\n\\nNext.", preset="layout").text
    'I thank you.\\n\\nNext.'
    """
    if not text:
        return
    tabular_lines: dict[int, bool] = {}

    def tabular_at(pos: int) -> bool:
        ls = text.rfind("\n", 0, pos) + 1
        hit = tabular_lines.get(ls)
        if hit is None:
            le = text.find("\n", pos)
            hit = tabular_lines[ls] = is_tabular(text[ls: len(text) if le < 0 else le])
        return hit

    m0 = _DOC_START.match(text)
    start_done = 0
    if m0 and "\f" not in m0.group():
        yield Proposal(0, m0.end(), "", "blank space at the start of the text", 1.0)
        start_done = m0.end()
    end_from = len(text)
    m1 = _DOC_END.search(text, start_done)
    if m1 and m1.start() >= start_done and "\f" not in m1.group():
        end_from = m1.start()
        repl = "\n" if "\n" in m1.group() else ""
        if m1.group() != repl:
            yield Proposal(m1.start(), m1.end(), repl, "blank space at the end of the text", 1.0)

    def inside(m) -> bool:
        return m.start() >= start_done and m.end() <= end_from

    # cheap substring guards first: most OCR text has none of these
    if " \n" in text or "\t\n" in text:
        for m in _TRAILING.finditer(text):
            if inside(m):
                yield Proposal(m.start(), m.end(), "", "trailing space", 1.0)
    if "\n " in text or "\n\t" in text:
        for m in _LEADING.finditer(text):
            if inside(m) and not tabular_at(m.end()):
                yield Proposal(m.start(), m.end(), "", "space at the start of a line", 0.95)
    if "  " in text or "\t" in text:
        for m in _RUN.finditer(text):
            if inside(m) and not tabular_at(m.start()):
                yield Proposal(m.start(), m.end(), " ", "run of spaces" if "\t" not in m.group() else "tab", 0.95)
    if "\n\n\n" in text or "\n \n" in text or "\n\t" in text or "\n\n " in text or "\n\n\t" in text:
        for m in _BLANK_RUN.finditer(text):
            if inside(m) and "\f" not in m.group():
                yield Proposal(m.start(), m.end(), "\n\n", "blank lines", 1.0)

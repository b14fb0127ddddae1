"""Stage 2, page layout: running headers and page numbers, and hard line wraps.

Both fixers look at the text as lines and blocks (runs of non-blank lines
between blank lines); the helpers that describe a line live here too.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import regex

from ..edits import Applicability
from ..language import effective_language
from ..registry import Proposal, register

# ----------------------------------------------------------------- line shapes

_TABULAR = regex.compile(r"\S(?: {3,}|\t)\S.*\S(?: {3,}|\t)\S|\.{4,}|(?:\. ){4,}|\|.*\|")
_LIST_ITEM = regex.compile(
    r"[ \t]*(?:[-\u2022\u25e6\u2023\u2043*\u2013\u2014]\s|\(?\d{1,3}[.)]\s|\(?[a-zA-Z][.)]\s(?=\S)|\([ivxIVX]{1,5}\)\s)"
)
# a line that ends a sentence: a stop, then closing quotes or brackets and
# blanks to its end (matched backwards from the end with .match(line), where a
# search would test every character of the line for the stop first: half the time)
_SENTENCE_END = regex.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$", regex.REVERSE)
# "at least two / three letters", as a match from the start (findall of \p{L}
# would build a list of every letter to count them)
_TWO_LETTERS = regex.compile(r"(?:\P{L}*\p{L}){2}")
_THREE_LETTERS = regex.compile(r"(?:\P{L}*\p{L}){3}")
_LOWER = regex.compile(r"\p{Ll}")
_SECTION_WORDS = regex.compile(
    r"(?i)\b(?:abstract|introduction|background|methods?|materials|results|discussion|conclusions?|"
    r"summary|references|acknowledge?ments?|appendix|bibliography|notes)\b")
_HEADING_WORDS = regex.compile(
    r"(?i)^\s*(?:chapter|chap\.|section|sect\.|part|book|volume|vol\.|article|art\.|act|scene|"
    r"canto|lecture|appendix|preface|introduction|contents|index|letter|psalm|table|plate|fig\.|figure)\b"
)


_TABLE_SIGN = re.compile(r"   |\t|\.\.\.\.|\. \. \.|\|")


def _has_table_sign(s: str) -> bool:
    """Does ``s`` hold any of the strings _TABLE_SIGN looks for?  (str's ``in``
    is several times faster than a regex scan; an or-chain runs no generator.)"""
    return "\t" in s or "|" in s or "   " in s or "...." in s or ". . ." in s


def is_tabular(line: str) -> bool:
    """Does the line look like a table row or a table-of-contents line?

    >>> is_tabular("Name      Age      Town"), is_tabular("Chapter I ........ 12"), is_tabular("plain prose")
    (True, True, False)
    """
    if not _has_table_sign(line):
        return False
    return bool(_TABULAR.search(line))


class LineCursor:
    """The line around a position, for positions visited mostly in increasing
    order (as a regex scan visits them): amortised O(1) a call, where an rfind
    back to the line start on every call would cost quadratic time on a long
    line.  Each line's table shape is worked out once.

    >>> c = LineCursor("ab\\ncd   ef   gh")
    >>> c.bounds(1), c.bounds(4), c.tabular(4)
    ((0, 2), (3, 15), True)
    """

    __slots__ = ("text", "start", "end", "_tab")

    def __init__(self, text: str):
        self.text = text
        self.start = 0
        self.end = -1
        self._tab: dict[int, bool] = {}

    def bounds(self, pos: int) -> tuple[int, int]:
        if not (self.start <= pos <= self.end):
            lo = self.end if 0 <= self.end < pos else 0
            self.start = self.text.rfind("\n", lo, pos) + 1 if pos else 0
            if self.start == 0 and lo > 0:
                self.start = lo + 1 if self.text[lo:lo + 1] == "\n" else lo
            e = self.text.find("\n", pos)
            self.end = len(self.text) if e < 0 else e
        return self.start, self.end

    def line(self, pos: int) -> str:
        s, e = self.bounds(pos)
        return self.text[s:e]

    def tabular(self, pos: int) -> bool:
        s, e = self.bounds(pos)
        hit = self._tab.get(s)
        if hit is None:
            hit = self._tab[s] = is_tabular(self.text[s:e])
        return hit


_LINES_KEY = "layout.lines"


def _split_lines(text: str, ctx) -> list[str]:
    """``text.split("\\n")``, made once for the layout fixers of one run.

    running_headers keeps its split in ``ctx.cache``; line_unwrap reuses it
    when it sees the same text, or a tail of it cut at a line start (what is
    left when a running head is removed from the top of a page): the lines of
    a tail are a tail of the lines.  Read-only: the list may be shared.

    >>> from ocrclean.context import Context
    >>> ctx = Context("", {})
    >>> _split_lines("HEAD 1\\n\\nab\\ncd", ctx)
    ['HEAD 1', '', 'ab', 'cd']
    >>> _split_lines("ab\\ncd", ctx)  # the tail, from the cached split
    ['ab', 'cd']
    """
    if ctx is None:
        return text.split("\n")
    seen = ctx.cache.get(_LINES_KEY)
    if seen is not None:
        src, lines = seen
        if src is text:
            return lines
        cut = len(src) - len(text)
        if cut > 0 and src[cut - 1] == "\n" and src.endswith(text):
            return lines[src.count("\n", 0, cut):]
    lines = text.split("\n")
    ctx.cache[_LINES_KEY] = (text, lines)
    return lines


def typical_line_length(lines: list[str]) -> float:
    """The length of a full line of this text: the median of its non-blank lines' lengths."""
    return _median_length(list(map(len, map(str.strip, lines))))


def _median_length(lengths: list[int]) -> float:
    """The median of the non-zero ``lengths`` (0.0 if there are none)."""
    lens = sorted(filter(None, lengths))
    if not lens:
        return 0.0
    mid = len(lens) // 2
    if len(lens) % 2:
        return float(lens[mid])
    return (lens[mid - 1] + lens[mid]) / 2  # as statistics.median, without its overhead


# ----------------------------------------------------------------- running headers

# A folio: a page number, arabic or roman, perhaps decorated ("- 12 -", "[12]", "_ 144").
_FOLIO_ONLY = regex.compile(
    r"^[ \t]*[-_\u2013\u2014\[(.*\u00b7]*[ \t]*(?:\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})[ \t]*[-_\u2013\u2014\])\.*\u00b7]*[ \t]*$"
)
_FOLIO_EDGE = regex.compile(r"^\s*(?P<num>\d{1,4})\s+(?P<title>.+?)\s*$|^\s*(?P<title2>.+?)\s+(?P<num2>\d{1,4})\s*$")
_DIGITS = regex.compile(r"\d+")


def _head_title(line: str):
    """If ``line`` is shaped like a running head (a folio at one end, a short
    title at the other), return (title, page number); else None."""
    m = _FOLIO_EDGE.match(line)
    if not m:
        return None
    num, title, title2, num2 = m.groups()  # (one call: named look-ups cost 0.3 us each)
    title = title or title2
    num = int(num or num2)
    title = title.strip(" .,;:-_")
    # (match / search rather than findall: only "three letters?" and "any
    # lower-case letter?" matter, and findall builds a list of every letter)
    if not _THREE_LETTERS.match(title) or len(title) > 60 or len(title.split()) > 8:
        return None
    if _HEADING_WORDS.match(title):
        return None
    if title[-1:] in "!?":
        return None
    words = title.split()
    if not _LOWER.search(title):
        return title, num  # ALL CAPS title: "PRIDE AND PREJUDICE"
    # Mixed case: every word of 4+ letters capitalised, or a short code word
    # ("General Assembly 70th session IND"): at most one non-capitalised long word.
    small = sum(1 for w in words if len(w) >= 4 and w[:1].islower())
    if small <= 1 and words[0][:1].isupper():
        return title, num
    return None


_FOLIO_DECOR = "-_[]().*\u00b7\u2013\u2014 \t"
_HEAD_START = frozenset("0123456789-_[(*\u00b7\u2013\u2014")
_ROMAN = re.compile(r"(?:[ivxlcdm]{1,7}|[IVXLCDM]{1,7})")


def _maybe_head(s: str) -> bool:
    """Cheap first look: could this stripped line be a folio or a running head?"""
    if len(s) > 70:
        return False
    core = s.strip(_FOLIO_DECOR)
    if not core:
        return False
    return core[0].isdigit() or core[-1].isdigit() or bool(_ROMAN.fullmatch(core))


def _continues(before: str, after: str) -> bool:
    """Does a paragraph run on across a page break between these two lines?"""
    b = before.rstrip()
    a = after.lstrip()
    if not b or not a:
        return False
    if b.endswith("-"):
        return True
    return not _SENTENCE_END.match(b) and a[:1].islower()


# A running head glued to the first line of a page's text, where the engine kept no
# line breaks: '233 OF FRYER BACON. meat said the goodman', 'OF FRYER BACON. 249 my
# studies'.  A folio on one side of a capitalised title, then a lower-case word.
_GLUED_HEAD = regex.compile(
    r"(?P<head>(?:(?P<num>\d{1,4})[ \t]+(?P<title>(?:\p{Lu}[\p{Lu}'\u2019.,]*[ \t]+){1,7}?)"
    r"|(?P<title2>(?:\p{Lu}[\p{Lu}'\u2019.,]*[ \t]+){1,7}?)(?P<num2>\d{1,4})[ \t]+))"
    r"(?P<next>\p{Ll}+)\b")
# ... or glued to a sentence's first word: '234 THE FAMOUS HISTORY Shee sate'.  A word
# of the title may hold one lower-case letter the OCR misread ('TnE').
_CAPS_WORD = r"\p{Lu}(?:[\p{Lu}'\u2019.,]|(?<=\p{Lu})\p{Ll}(?=\p{Lu}))*"
_GLUED_HEAD_CAPITAL = regex.compile(
    rf"(?P<head>(?P<num>\d{{1,4}})[ \t]+(?P<title>(?:{_CAPS_WORD}[ \t]+){{1,7}}?))"
    r"(?P<next>\p{Lu}\p{Ll}+)\b")


def _glued_heads(text: str, ctx):
    """``233 OF FRYER BACON. meat said`` -> ``meat said``: a running head at the start
    of a page (the text's start, or after a form feed) that the OCR wrote on one line
    with the page's first words.  Only where the head has a folio and a title of two
    capitalised words or more, and the page goes on with a lower-case English word
    (a sentence running on from the page before), so that a numbered section heading
    (``2 METHODS We``) or text in a language without a word list stays.  On an English
    page a folio and a title in capitals may also be glued to a sentence's first,
    capitalised word (``234 THE OLD HISTORY Shee sate``); a title that names a section
    (``3 RESULTS AND DISCUSSION The``) stays.

    >>> [p[:3] for p in _glued_heads("233 OF FRYER BACON. meat said the goodman", None)]
    [(0, 20, '')]
    >>> list(_glued_heads("2 METHODS We collected the pages", None))
    []
    >>> [p[:3] for p in _glued_heads("234 THE OLD HISTORY Shee sate", None)]
    [(0, 20, '')]
    """
    starts = [0]
    ff = text.find("\f")
    while ff >= 0:
        starts.append(ff + 1)
        ff = text.find("\f", ff + 1)
    for start in starts:
        while start < len(text) and text[start] in " \t\n":
            start += 1
        m = _GLUED_HEAD.match(text, start)
        if m is None:
            m = _GLUED_HEAD_CAPITAL.match(text, start)
            if m is None or effective_language(text, ctx) != "en":
                continue
            title = m.group("title").strip(" \t.,")
            if len(title.split()) < 2 or len(title) > 60 or _HEADING_WORDS.match(title) or _SECTION_WORDS.search(title):
                continue
        else:
            title = (m.group("title") or m.group("title2")).strip(" \t.,")
            if len(title.split()) < 2 or len(title) > 60 or _HEADING_WORDS.match(title):
                continue
            # (imported here, at a head's match: most pages start with none, and
            # an import statement costs a look-up on every call)
            from ..lexicon import word_frequency
            if word_frequency(m.group("next")) < 100_000:
                continue
        yield Proposal(m.start("head"), m.end("head"), "",
                       f"running head {m.group('head').strip()!r} glued to the page's first words", 0.9)


@register("running_headers", stage="layout",
          description="Running heads, folios and page numbers between paragraphs: "
                      "'PRIDE AND PREJUDICE 247' at a page top is removed")
def fix_running_headers(text, ctx):
    """Remove running heads, footers and page numbers; rejoin paragraphs split by a page.

    Safe only on strong evidence: a head-shaped line (a folio at one end and a
    short capitalised title at the other) standing alone at the top or bottom of a
    page, a bare page number at a page's edge, or a line repeated at several page
    boundaries.  A head-shaped line elsewhere is only reported (display-only).

    >>> from ocrclean import clean
    >>> clean("PRIDE AND PREJUDICE 247\\n\\nIt is a truth universally acknowledged.\\n").text
    'It is a truth universally acknowledged.\\n'
    """
    if text[:1].isdigit() or text[:1].isupper() or "\f" in text or text[:1].isspace():
        yield from _glued_heads(text, ctx)
    if "\n" not in text:
        return
    lines = _split_lines(text, ctx)
    n = len(lines)
    stripped = [t.strip(" \t\f") for t in lines]
    # a cheap look at each line's ends first: a head or folio starts or ends
    # with a number or a decoration, or is a short roman numeral
    cands = [i for i, t in enumerate(stripped)
             if t and (t[-1].isdigit() or t[0] in _HEAD_START or len(t) <= 12) and _maybe_head(t)]
    if not cands:
        return
    first_line, last_line = _first_and_last_text_lines(stripped)
    if first_line >= last_line:
        return  # fewer than two lines of text
    has_ff = "\f" in text

    def standalone(i: int) -> bool:
        """A line with a blank line (or a page edge) on each side."""
        prev_ok = i == 0 or not stripped[i - 1] or "\f" in lines[i] or "\f" in lines[i - 1]
        next_ok = i == n - 1 or not stripped[i + 1] or "\f" in lines[i + 1]
        return prev_ok and next_ok

    # page edges: first and last non-blank line of each form-feed page
    edge: set[int] = {first_line, last_line}
    if has_ff:
        # the last text line before each form feed and the first one after it
        before = None
        after_break = False
        for i in range(n):
            if "\f" in lines[i]:
                if before is not None:
                    edge.add(before)
                after_break = True
                # text on the form feed's own line counts on both sides
                if stripped[i]:
                    edge.add(i)
                    before = i
                continue
            if stripped[i]:
                if after_break:
                    edge.add(i)
                    after_break = False
                before = i

    # candidates: head-shaped or folio-only lines
    heads: dict[int, tuple[str, int] | None] = {}
    for i in cands:
        t = stripped[i]
        if _FOLIO_ONLY.match(t):
            heads[i] = None
        else:
            h = _head_title(t)
            if h is not None:
                heads[i] = h
    if not heads:
        return

    # repetition: the same title (digits aside) at two or more places
    titles: dict[str, int] = {}
    title_keys: dict[int, str] = {}
    for i, h in heads.items():
        if h is not None:
            key = title_keys[i] = _DIGITS.sub("#", h[0].lower())
            titles[key] = titles.get(key, 0) + 1
    folio_numbers = []
    for i, h in heads.items():
        if h is None and standalone(i):
            m = _DIGITS.search(lines[i])
            if m:
                folio_numbers.append(int(m.group()))
    folio_sequence = len(folio_numbers) >= 2 and all(
        0 < b - a <= 3 for a, b in zip(folio_numbers, folio_numbers[1:])
    )

    # line starts as far as the text line after the last head (heads mostly
    # stand at the top of a page: the rest of it need not be measured)
    last = max(heads) + 1
    while last < n and not stripped[last]:
        last += 1
    starts = _line_starts(lines[:last])
    for i, h in sorted(heads.items()):
        first = i == first_line
        at_edge = i in edge
        if not standalone(i) and not (first and h is not None and i + 1 < n and stripped[i + 1]
                                      and _is_top_head_then_text(stripped, i)):
            continue
        if h is None:
            strong = at_edge or folio_sequence
            why = "page number"
        else:
            repeated = titles[title_keys[i]] >= 2
            strong = at_edge or repeated
            why = "running head"
        yield from _removal(text, lines, stripped, starts, i, why, strong)


def _first_and_last_text_lines(stripped: list[str]) -> tuple[int, int]:
    """The indices of the first and the last non-blank line (-1, -1 if none).

    >>> _first_and_last_text_lines(["", "a", "", "b", ""])
    (1, 3)
    """
    first = next((i for i, t in enumerate(stripped) if t), -1)
    if first < 0:
        return -1, -1
    last = len(stripped) - 1
    while not stripped[last]:
        last -= 1
    return first, last


def _line_starts(lines: list[str]) -> list[int]:
    """Where each line starts in the text they were split from (and, last,
    one past the end of the text).

    >>> _line_starts(["ab", "", "cde"])
    [0, 3, 4, 8]
    """
    starts = [0]
    pos = 0
    for line in lines:  # a plain loop: faster than accumulate over a generator
        pos += len(line) + 1
        starts.append(pos)
    return starts


def _is_top_head_then_text(stripped: list[str], i: int) -> bool:
    """A head line directly followed by text (no blank line) at the top of a page:
    only when the next line starts mid-sentence or is clearly body text."""
    nxt = stripped[i + 1]
    return bool(nxt) and (nxt[:1].islower() or len(nxt) > 2 * len(stripped[i]))


def _removal(text: str, lines: list[str], stripped: list[str], starts: list[int], i: int,
             why: str, strong: bool):
    """The edit that removes line ``i`` and the blank lines around it."""
    n = len(lines)
    p = i - 1
    while p >= 0 and not stripped[p]:
        p -= 1
    q = i + 1
    while q < n and not stripped[q]:
        q += 1
    if "\f" in lines[i]:
        return  # keep the page break itself; a head sharing its line is left alone
    if p < 0:  # top of the text: the line and the blank lines after it
        start, end, repl = starts[i], (starts[q] if q < n else len(text)), ""
    elif q >= n:  # bottom: back to the end of the last text line
        start, end, repl = starts[p] + len(lines[p]), starts[i] + len(lines[i]), ""
    else:
        start, end = starts[p] + len(lines[p]), starts[q]
        repl = "\n" if _continues(lines[p], lines[q]) else "\n\n"
        if repl == "\n":
            why += "; paragraph rejoined across the page break"
    if "\f" in text[start:end]:
        # do not swallow a page break: only the line itself and its own newline
        start, end, repl = starts[i], min(starts[i] + len(lines[i]) + 1, len(text)), ""
    if strong:
        yield Proposal(start, end, repl, why, 0.9)
    else:
        yield Proposal(start, end, repl, why + " (weak evidence)", 0.5, Applicability.DISPLAY_ONLY)


# ----------------------------------------------------------------- line unwrap


def _block_is_preformatted(lengths: list[int], first: int, end: int, full: float,
                           tabular: set[int] = frozenset()) -> bool:
    """Verse, addresses, tables: lines that are all short, or table rows.

    The block is lines ``first`` to ``end - 1``; ``lengths`` holds every line's
    length without surrounding blanks, ``tabular`` the indices of table-shaped lines.
    """
    if tabular and sum(1 for k in range(first, end) if k in tabular) >= 2:
        return True
    return end - first >= 3 and full >= 30 and max(lengths[first:end]) < 0.7 * full


def _is_heading(line: str, nxt: str, full: float) -> bool:
    s = line.strip()
    if not s or len(s) > 0.7 * full or s.endswith(("-", ",")):
        return False
    c0 = nxt.strip()[:1]
    if not c0.isupper() and not c0.isdigit():
        return False
    if not _TWO_LETTERS.match(s):
        return False
    return not _LOWER.search(s) or bool(_HEADING_WORDS.match(s))


@register("line_unwrap", stage="layout",
          description="Hard-wrapped lines joined into paragraphs; headings, lists, verse and tables kept")
def fix_line_unwrap(text, ctx):
    """Join the lines of a paragraph; keep paragraph breaks as one blank line.

    A line break is kept after a heading, before a list item, after a short line
    that ends a sentence or comes before a capital (a paragraph's last line,
    which becomes a paragraph break), and inside blocks that look like verse or
    a table.  Lines ending in a
    hyphen are left to ``hyphen_rejoin``.

    >>> from ocrclean import clean
    >>> clean("The quick brown fox jumps\\nover the lazy dog and runs\\naway.\\n\\n\\nNext one.", preset="layout").text
    'The quick brown fox jumps over the lazy dog and runs away.\\n\\nNext one.'
    """
    if "\n" not in text:
        return
    lines = _split_lines(text, ctx)
    n = len(lines)
    rs = [t.rstrip(" \t\v\r") for t in lines]  # without trailing blanks (a form feed stays)
    # each line's length without blanks, once (map: C speed) for the typical
    # length and the verse test
    lengths = list(map(len, map(str.strip, rs)))
    full = _median_length(lengths)
    starts = _line_starts(lines)
    short = 0.6 * full
    has_ff = "\f" in text
    tabular = _tabular_lines(text, rs, starts)
    # Lines of a paragraph mostly wrap plainly; see _PLAIN_LAST below.
    plain_ok = not has_ff
    # Hot loop: one step per line.  Proposals are built as plain tuples (the
    # Proposal fields, in order): several times cheaper than the named tuple.
    i = 0
    while i < n:
        if not rs[i]:
            # a run of blank lines between blocks -> exactly one blank line
            j = i
            while j < n and not rs[j]:
                j += 1
            if 0 < i and j < n and not (has_ff and "\f" in text[starts[i]:starts[j]]):
                if text[starts[i] - 1:starts[j]] != "\n\n":
                    yield (starts[i] - 1, starts[j], "\n\n", "paragraph break as one blank line", 1.0, None)
            i = j
            continue
        try:
            j = rs.index("", i + 1)  # the block ends at the next blank line (a C-speed scan)
        except ValueError:
            j = n
        if j - i < 2 or _block_is_preformatted(lengths, i, j, full, tabular):
            i = j
            continue
        for k in range(i, j - 1):
            cs = rs[k]
            nxt = lines[k + 1]
            last = cs[-1]
            if (plain_ok and last not in _NOT_PLAIN_LAST and nxt[0].islower()
                    and nxt[1:2] not in _LIST_MARK_AFTER
                    and (not tabular or (k not in tabular and k + 1 not in tabular))):
                # The common case first, with the fewest checks: none of the
                # tests below can hold for it (see _NOT_PLAIN_LAST).
                yield (starts[k] + len(cs), starts[k + 1], " ", "line wrap inside a paragraph", 0.95, None)
                continue
            if last == "-" and len(cs) >= 2 and cs[-2].isalnum():
                continue  # a hyphenated line end: hyphen_rejoin decides
            if has_ff and ("\f" in cs or "\f" in nxt):
                continue
            if tabular and (k in tabular or k + 1 in tabular):
                continue
            # (a line that ends in the stop itself ends a sentence as
            # _SENTENCE_END reads it: the pattern is matched only after a
            # closing quote or bracket)
            ends_sentence = last in _STOP_MARKS or (last in _SENTENCE_LAST and bool(_SENTENCE_END.match(cs)))
            lead = len(nxt) - len(nxt.lstrip(" \t")) if nxt[:1] in (" ", "\t") else 0
            c0 = nxt[lead:lead + 1]
            if (c0 in _LIST_START or nxt[lead + 1:lead + 2] in (".", ")")) and _LIST_ITEM.match(nxt) \
                    and (ends_sentence or _LIST_ITEM.match(cs)):
                continue  # a list item keeps its own line
            b_start = starts[k] + len(cs)
            b_end = starts[k + 1] + lead
            if (k == i or len(cs) < short) and _is_heading(cs, nxt, full):
                yield (b_start, b_end, "\n\n", "heading ends its line", 0.9, None)
            elif ends_sentence and full >= 20 and len(cs.lstrip()) < short:
                yield (b_start, b_end, "\n\n", "short line ends a sentence: paragraph end", 0.8, None)
            elif full >= 20 and len(cs.lstrip()) < short and last not in ",-" and c0.isupper():
                # in a justified or ragged column only a paragraph's last line is
                # this short; OCR often drops the full stop that ended it
                yield (b_start, b_end, "\n\n", "short line before a capital: paragraph end", 0.7, None)
            elif last in "\u2014\u2013" and cs.endswith(("\u2014", "\u2013\u2013")) and not cs.endswith(" \u2014") \
                    and nxt[lead:lead + 1].isalpha():
                yield (b_start, b_end, "", "line wrap after a dash", 0.95, None)
            else:
                yield (b_start, b_end, " ", "line wrap inside a paragraph", 0.95, None)
        i = j


_LIST_START = frozenset("-\u2022\u25e6\u2023\u2043*\u2013\u2014(0123456789")
_SENTENCE_LAST = frozenset(".!?:;\"'\u201d\u2019)]")
_STOP_MARKS = frozenset(".!?:;")
# A plain wrap inside a paragraph: the line does not end a sentence, in a
# hyphen or a dash, and the next line starts (unindented) with a lower-case
# letter that is no list mark ("a." "b)").  Then it is no heading (those come
# before a capital or a digit), no list item, no paragraph end: the joining
# space is certain, and line_unwrap's loop decides it before anything else.
_NOT_PLAIN_LAST = _SENTENCE_LAST | frozenset("-\u2014\u2013")
_LIST_MARK_AFTER = (".", ")")


def _tabular_lines(text: str, rs: list[str], starts: list[int]) -> set[int]:
    """The indices of table-shaped lines (``rs``: the lines without trailing blanks).

    Only the lines holding one of the table signs are looked at, found by a
    scan of the whole text: a test of every line costs more than the rest of
    line_unwrap on a text with a few wide spaces somewhere.

    >>> t = "plain\\nName      Age      Town\\nmore"
    >>> ls = t.split("\\n")
    >>> sorted(_tabular_lines(t, ls, _line_starts(ls)))
    [1]
    """
    found: set[int] = set()
    if not _has_table_sign(text):
        return found
    m = _TABLE_SIGN.search(text)
    while m:
        k = bisect_right(starts, m.start()) - 1
        if rs[k] and is_tabular(rs[k]):
            found.add(k)
        if k + 1 >= len(starts) - 1:
            break
        m = _TABLE_SIGN.search(text, starts[k + 1])  # on from the next line
    return found


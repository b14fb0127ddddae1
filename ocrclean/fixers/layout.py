"""Stage 2, page layout: running headers and page numbers, and hard line wraps.

Both fixers look at the text as lines and blocks (runs of non-blank lines
between blank lines); the helpers that describe a line live here too.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import regex

from ..edits import Applicability
from ..registry import Proposal, register

# ----------------------------------------------------------------- line shapes

_TABULAR = regex.compile(r"\S(?: {3,}|\t)\S.*\S(?: {3,}|\t)\S|\.{4,}|(?:\. ){4,}|\|.*\|")
_LIST_ITEM = regex.compile(
    r"[ \t]*(?:[-\u2022\u25e6\u2023\u2043*\u2013\u2014]\s|\(?\d{1,3}[.)]\s|\(?[a-zA-Z][.)]\s(?=\S)|\([ivxIVX]{1,5}\)\s)"
)
_SENTENCE_END = regex.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$")
_ALPHA = regex.compile(r"\p{L}")
_LOWER = regex.compile(r"\p{Ll}")
_HEADING_WORDS = regex.compile(
    r"(?i)^\s*(?:chapter|chap\.|section|sect\.|part|book|volume|vol\.|article|art\.|act|scene|"
    r"canto|lecture|appendix|preface|introduction|contents|index|letter|psalm|table|plate|fig\.|figure)\b"
)


def is_tabular(line: str) -> bool:
    """Does the line look like a table row or a table-of-contents line?

    >>> is_tabular("Name      Age      Town"), is_tabular("Chapter I ........ 12"), is_tabular("plain prose")
    (True, True, False)
    """
    return bool(_TABULAR.search(line))


def typical_line_length(lines: list[str]) -> float:
    """The length of a full line of this text: the median of its non-blank lines' lengths."""
    lens = [len(s.strip()) for s in lines if s.strip()]
    if not lens:
        return 0.0
    return float(statistics.median(lens))


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
    title = m.group("title") or m.group("title2")
    num = int(m.group("num") or m.group("num2"))
    title = title.strip(" .,;:-_")
    letters = _ALPHA.findall(title)
    if len(letters) < 3 or len(title) > 60 or len(title.split()) > 8:
        return None
    if _HEADING_WORDS.match(title):
        return None
    if title[-1:] in "!?":
        return None
    lower = len(_LOWER.findall(title))
    words = title.split()
    if lower == 0:
        return title, num  # ALL CAPS title: "PRIDE AND PREJUDICE"
    # Mixed case: every word of 4+ letters capitalised, or a short code word
    # ("General Assembly 70th session IND"): at most one non-capitalised long word.
    small = sum(1 for w in words if len(w) >= 4 and w[:1].islower())
    if small <= 1 and words[0][:1].isupper():
        return title, num
    return None


@dataclass
class _Line:
    start: int  # offset of the first character
    end: int  # offset of the "\n" (or len)
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _split_lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for s in text.split("\n"):
        out.append(_Line(pos, pos + len(s), s))
        pos += len(s) + 1
    return out


def _pages(lines: list[_Line]) -> list[list[int]]:
    """Indices of lines, grouped by form feed."""
    pages: list[list[int]] = [[]]
    for i, ln in enumerate(lines):
        if "\f" in ln.text:
            pages.append([])
        pages[-1].append(i)
    return pages


def _continues(before: str, after: str) -> bool:
    """Does a paragraph run on across a page break between these two lines?"""
    b = before.rstrip()
    a = after.lstrip()
    if not b or not a:
        return False
    if b.endswith("-"):
        return True
    return not _SENTENCE_END.search(b) and a[:1].islower()


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
    if "\n" not in text:
        return
    lines = _split_lines(text)
    n = len(lines)
    nonblank = [i for i in range(n) if lines[i].text.strip() and lines[i].text.strip() != "\f"]
    if len(nonblank) < 3:
        return

    def standalone(i: int) -> bool:
        """A line with a blank line (or a page edge) on each side."""
        prev_ok = i == 0 or lines[i - 1].blank or "\f" in lines[i].text or "\f" in lines[i - 1].text
        next_ok = i == n - 1 or lines[i + 1].blank or "\f" in lines[i + 1].text
        return prev_ok and next_ok

    # page edges: first and last non-blank line of each form-feed page
    edge: set[int] = set()
    for page in _pages(lines):
        content = [i for i in page if lines[i].text.strip(" \t\f")]
        if content:
            edge.add(content[0])
            edge.add(content[-1])

    # candidates: head-shaped or folio-only lines standing alone
    heads: dict[int, tuple[str, int] | None] = {}
    for i in nonblank:
        t = lines[i].text.strip(" \t\f")
        if len(t) > 70:
            continue
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
    for i, h in heads.items():
        if h is not None:
            key = _DIGITS.sub("#", h[0].lower())
            titles[key] = titles.get(key, 0) + 1
    folios = [i for i, h in heads.items() if h is None and standalone(i)]
    folio_numbers = []
    for i in folios:
        m = _DIGITS.search(lines[i].text)
        if m:
            folio_numbers.append(int(m.group()))
    folio_sequence = len(folio_numbers) >= 2 and all(
        0 < b - a <= 3 for a, b in zip(folio_numbers, folio_numbers[1:])
    )

    for i, h in sorted(heads.items()):
        first, last = i == nonblank[0], i == nonblank[-1]
        at_edge = i in edge or first or last
        if not standalone(i) and not (first and h is not None and i + 1 < n and not lines[i + 1].blank
                                      and _is_top_head_then_text(lines, i)):
            continue
        if h is None:
            strong = at_edge or folio_sequence
            why = "page number"
        else:
            repeated = titles.get(_DIGITS.sub("#", h[0].lower()), 0) >= 2
            strong = first or last or (at_edge and i in edge) or repeated
            why = "running head"
        # the span to remove: the line and the blank lines around it, down to one break
        yield from _removal(text, lines, i, why, strong)


def _is_top_head_then_text(lines: list[_Line], i: int) -> bool:
    """A head line directly followed by text (no blank line) at the top of a page:
    only when the next line starts mid-sentence or is clearly body text."""
    nxt = lines[i + 1].text.strip()
    return bool(nxt) and (nxt[:1].islower() or len(nxt) > 2 * len(lines[i].text.strip()))


def _removal(text: str, lines: list[_Line], i: int, why: str, strong: bool):
    n = len(lines)
    # previous and next non-blank lines
    p = i - 1
    while p >= 0 and lines[p].blank:
        p -= 1
    q = i + 1
    while q < n and lines[q].blank:
        q += 1
    if p < 0:  # top of the text: remove the line and the blank lines after it
        start, end, repl = lines[i].start, (lines[q].start if q < n else len(text)), ""
        if "\f" in text[start:end]:
            return
    elif q >= n:  # bottom: remove back to the end of the last text line
        start, end = lines[p].end, lines[i].end
        repl = ""
    else:
        start, end = lines[p].end, lines[q].start
        if "\f" in lines[q].text[:1]:
            return
        repl = "\n" if _continues(lines[p].text, lines[q].text) else "\n\n"
        if repl == "\n":
            why += "; paragraph rejoined across the page break"
    if strong:
        yield Proposal(start, end, repl, why, 0.9)
    else:
        yield Proposal(start, end, repl, why + " (weak evidence)", 0.5, Applicability.DISPLAY_ONLY)


# ----------------------------------------------------------------- line unwrap


def _block_is_preformatted(block: list[str], full: float) -> bool:
    """Verse, addresses, tables: lines that are all short, or table rows."""
    if sum(1 for s in block if is_tabular(s)) >= 2:
        return True
    if len(block) >= 3 and full >= 30:
        lens = [len(s.strip()) for s in block]
        if max(lens) < 0.7 * full:
            return True
    return False


def _is_heading(line: str, nxt: str, full: float) -> bool:
    s = line.strip()
    if not s or len(s) > 0.7 * full or s.endswith(("-", ",")):
        return False
    if not nxt.strip()[:1].isupper() and not nxt.strip()[:1].isdigit():
        return False
    letters = _ALPHA.findall(s)
    if len(letters) < 2:
        return False
    return not _LOWER.search(s) or bool(_HEADING_WORDS.match(s))


@register("line_unwrap", stage="layout",
          description="Hard-wrapped lines joined into paragraphs; headings, lists, verse and tables kept")
def fix_line_unwrap(text, ctx):
    """Join the lines of a paragraph; keep paragraph breaks as one blank line.

    A line break is kept after a heading, before a list item, after a short line
    that ends a sentence (a paragraph's last line), and inside blocks that look
    like verse or a table.  Lines ending in a hyphen are left to ``hyphen_rejoin``.

    >>> from ocrclean import clean
    >>> clean("The quick brown fox jumps\\nover the lazy dog and runs\\naway.\\n\\n\\nNext one.", preset="layout").text
    'The quick brown fox jumps over the lazy dog and runs away.\\n\\nNext one.'
    """
    if "\n" not in text:
        return
    lines = text.split("\n")
    full = typical_line_length(lines)
    pos = 0
    starts = []
    for s in lines:
        starts.append(pos)
        pos += len(s) + 1
    n = len(lines)
    i = 0
    while i < n:
        # gather a block of non-blank lines [i, j)
        if not lines[i].strip():
            # a run of blank lines between blocks -> exactly one blank line
            j = i
            while j < n and not lines[j].strip():
                j += 1
            if 0 < i and j < n and "\f" not in text[starts[i]:starts[j]]:
                if text[starts[i] - 1:starts[j]] != "\n\n":
                    yield Proposal(starts[i] - 1, starts[j], "\n\n", "paragraph break as one blank line", 1.0)
            i = j
            continue
        j = i
        while j < n and lines[j].strip():
            j += 1
        if j - i >= 2:
            yield from _unwrap_block(lines, starts, i, j, full)
        i = j


def _unwrap_block(lines, starts, i, j, full):
    block = lines[i:j]
    if _block_is_preformatted(block, full):
        return
    short = 0.6 * full
    for k in range(i, j - 1):
        cur = lines[k]
        nxt = lines[k + 1]
        cs = cur.rstrip()
        if "\f" in cur or "\f" in nxt:
            continue
        if cs.endswith("-") and len(cs) >= 2 and not cs.endswith(" -") and not cs.endswith("--"):
            continue  # a hyphenated line end: hyphen_rejoin decides
        if is_tabular(cur) or is_tabular(nxt):
            continue
        if _LIST_ITEM.match(nxt) and (_SENTENCE_END.search(cs) or _LIST_ITEM.match(cur)):
            continue
        # the break: trailing blanks of this line, "\n", leading blanks of the next
        b_start = starts[k] + len(cs)
        b_end = starts[k + 1] + (len(nxt) - len(nxt.lstrip(" \t")))
        if _is_heading(cur, nxt, full) and k == i:
            yield Proposal(b_start, b_end, "\n\n", "heading ends its line", 0.9)
            continue
        if full >= 20 and len(cs.strip()) < short and _SENTENCE_END.search(cs):
            yield Proposal(b_start, b_end, "\n\n", "short line ends a sentence: paragraph end", 0.8)
            continue
        if cs.endswith(("\u2014", "\u2013\u2013")) and not cs.endswith((" \u2014",)):
            yield Proposal(b_start, b_end, "", "line wrap after a dash", 0.95)
            continue
        yield Proposal(b_start, b_end, " ", "line wrap inside a paragraph", 0.95)

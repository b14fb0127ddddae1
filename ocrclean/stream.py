"""Cleaning a text too big to hold: paragraph blocks with whole-file offsets.

:func:`clean_blocks` takes the text as an iterable of string chunks (any
sizes), cuts it into blocks of about ``block_chars`` characters at paragraph
starts (after a blank line), cleans each block, and yields for each block its
cleaned text and its edits, with offsets relative to the whole text.  Memory
stays about a block's worth, whatever the size of the text.

Fixers look at their surroundings (a paragraph break, the start or the end of
the document), so each block is cleaned together with a little real context on
both sides: up to ``context_chars`` of the text before it and after it, cut at
line breaks.  Only edits that start inside the block are kept, so the blocks'
edits never overlap and, concatenated, they turn the whole raw text into the
whole output::

    apply_edits(raw, all_edits) == "".join(outputs)

A text that fits in one block is cleaned in one ``clean()`` call, exactly as
the library would.  A cut never falls between ``"\\r"`` and ``"\\n"``; when a
text has no blank line for a long stretch, the cut falls at a line break, and
in a text with no line break at all, at a space.

>>> from ocrclean import clean
>>> raw = "Tbe first  paragraph .\\n\\nA second one ,\\nwrapped.\\n\\nThird ."
>>> parts = list(clean_blocks([raw], clean, block_chars=10, context_chars=30))
>>> len(parts) > 1
True
>>> "".join(b.text for b in parts) == clean(raw).text
True
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, NamedTuple

import regex

from .edits import Edit

__all__ = ["Block", "clean_blocks", "find_cut", "DEFAULT_BLOCK_CHARS", "DEFAULT_CONTEXT_CHARS"]

DEFAULT_BLOCK_CHARS = 2_000_000


class Block(NamedTuple):
    """One cleaned block: where it starts in the whole raw text, its raw and
    cleaned text, and its edits (whole-text offsets)."""

    start: int
    raw: str
    text: str
    edits: list[Edit]

DEFAULT_CONTEXT_CHARS = 8_000

# A paragraph break: a line break, blank lines, then the first non-blank character.
_NL = r"(?:\r\n|\r(?!\n)|\n)"
_PARA_BREAK = regex.compile(_NL + r"[ \t\f]*" + _NL + r"(?:[ \t\f]*" + _NL + r")*[ \t\f]*(?=\S)")
_LINE_BREAK = regex.compile(r"\r\n|\r(?!$)|\n")
_SPACE = regex.compile(r"[ \t]+(?=\S)")


def _line_start_at_or_after(text: str, pos: int, limit: int) -> int:
    """The first line start in ``[pos, limit]``, else ``limit``."""
    m = _LINE_BREAK.search(text, pos, limit)
    return m.end() if m else limit


def _line_start_at_or_before(text: str, pos: int, floor: int) -> int:
    """The last line start in ``[floor, pos]`` (a position just after a line break)."""
    while pos > floor:
        ch = text[pos - 1]
        if ch == "\n" or (ch == "\r" and (pos >= len(text) or text[pos] != "\n")):
            return pos
        pos -= 1
    return floor


def find_cut(text: str, lo: int, final: bool) -> int | None:
    """A place at or after ``lo`` to end a block: the start of a paragraph.

    Returns a position in ``(lo, len(text))`` or None when the text seen so far
    has none (and more text may come: ``final`` False).  Never splits ``"\\r\\n"``.

    >>> t = "one\\r\\ntwo\\r\\n\\r\\nthree"
    >>> t[find_cut(t, 0, False):]
    'three'
    """
    m = _PARA_BREAK.search(text, lo)
    if m is not None and m.end() < len(text):
        # the cut is at the paragraph's first character; leading spaces stay with it
        return _line_start_at_or_before(text, m.end(), m.start() + 1)
    return None


def _fallback_cut(text: str, lo: int) -> int | None:
    """No paragraph break for a long stretch: cut at a line break, else at a space."""
    m = _LINE_BREAK.search(text, lo)
    if m is not None and m.end() < len(text):
        return m.end()
    m = _SPACE.search(text, lo)
    if m is not None and m.end() < len(text):
        return m.end()
    return None


def clean_blocks(chunks: Iterable[str], clean: Callable, *, block_chars: int = DEFAULT_BLOCK_CHARS,
                 context_chars: int = DEFAULT_CONTEXT_CHARS) -> Iterator[Block]:
    """Yield a :class:`Block` at a time; edit offsets are whole-text offsets.

    ``clean`` is a function ``str -> CleanResult`` (``ocrclean.clean`` with its
    options bound).  ``chunks`` may be any iterable of strings, e.g. a decoded
    file read a megabyte at a time.
    """
    buf = ""          # raw text from absolute offset `base`
    base = 0
    done = 0          # absolute offset: raw text before it has been emitted
    source = iter(chunks)
    exhausted = False
    hard_limit = 4 * block_chars

    while True:
        # fill the buffer: a block plus right-hand context beyond it
        while not exhausted and len(buf) - (done - base) < block_chars + context_chars + 1:
            try:
                piece = next(source)
            except StopIteration:
                exhausted = True
                break
            if piece:
                buf += piece
        rel_done = done - base
        if rel_done >= len(buf) and exhausted:
            return
        cut = None
        if not exhausted or len(buf) - rel_done > block_chars + context_chars:
            cut = find_cut(buf, rel_done + block_chars, exhausted)
            if cut is None and len(buf) - rel_done >= hard_limit:
                cut = _fallback_cut(buf, rel_done + block_chars)
            if cut is None and not exhausted:
                # need more text before a block can end; keep reading
                try:
                    piece = next(source)
                    buf += piece
                    continue
                except StopIteration:
                    exhausted = True
        end = len(buf) if cut is None else cut
        last = cut is None
        # context: up to context_chars either side, at line starts
        lctx = rel_done if rel_done == 0 else _line_start_at_or_after(
            buf, max(0, rel_done - context_chars), rel_done)
        rctx = len(buf) if last else _line_start_at_or_before(
            buf, min(len(buf), end + context_chars), end)
        piece_raw = buf[lctx:rctx]
        result = clean(piece_raw)
        kept: list[Edit] = []
        out_end = end  # an edit crossing the block's end carries the block on to its end
        for e in result.edits:
            s = e.start + lctx
            if s < rel_done:
                continue
            if s > end or (s == end and not last):
                break  # belongs to the next block
            kept.append(e)
            out_end = max(out_end, e.end + lctx)
        block_raw = buf[rel_done:out_end]
        # the block's text: its raw text with the kept edits applied (they are
        # sorted and never overlap: they come from one clean() result)
        parts: list[str] = []
        pos = rel_done
        for e in kept:
            parts.append(buf[pos:e.start + lctx])
            parts.append(e.replacement)
            pos = e.end + lctx
        parts.append(buf[pos:out_end])
        text = "".join(parts)
        offset = base + rel_done
        shift = base + lctx
        yield Block(offset, block_raw, text, [e.shifted(shift) for e in kept] if shift else kept)
        done = base + out_end
        # drop what no later block needs (keep left context)
        keep_from = max(0, (done - base) - context_chars)
        if keep_from > 0:
            buf = buf[keep_from:]
            base += keep_from
        if last and done - base >= len(buf):
            return

"""Stage 1, characters: line endings and Unicode repair (mojibake, controls, NFC)."""

from __future__ import annotations

import difflib
import re
import unicodedata

import regex

from ..context import declare_option  # noqa: F401  (options live in context.DEFAULT_OPTIONS)
from ..registry import Proposal, register

_CRLF = regex.compile(r"\r\n?")

# A line is worth handing to ftfy only if it holds something ftfy would change:
# C0/C1 control characters (not \t \n \f \r), a UTF-8 lead byte read as Latin-1 or
# cp1252 followed by a continuation byte read the same way (mojibake), Latin
# ligatures, full-width forms, or lone surrogates.  Curly quotes, dashes and
# accented letters on their own are left alone without calling ftfy at all.
# The two kinds are searched apart, each with the engine that scans it fastest
# (one pattern with both alternatives ran at about 15 MB/s; these two together
# at over 200): single characters with the standard library's engine, the
# lead-byte pairs with `regex`.
_SUSPECT_CHAR = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufb00-\ufb06\uff01-\uff5e\ud800-\udfff]")
_MOJIBAKE_PAIR = regex.compile(
    r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _suspect(text: str) -> bool:
    """Does ``text`` hold something ftfy would repair?

    >>> _suspect("caf\u00e9 \u2014 na\u00efve"), _suspect("caf\u00c3\u00a9"), _suspect("a\x07b")
    (False, True, True)
    """
    return _suspect_in(text, _latin1(text))


def _latin1(text: str) -> bytes | None:
    """``text`` encoded as Latin-1, or None if a character lies past U+00FF."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _suspect_in(text: str, data: bytes | None) -> bool:
    """:func:`_suspect`, given ``_latin1(text)``."""
    if data is None:  # a character past U+00FF: the full scan
        return bool(_SUSPECT_CHAR.search(text) or _MOJIBAKE_PAIR.search(text))
    # (most pages outside ASCII stay within Latin-1, where the only characters
    # _SUSPECT_CHAR finds are controls: one translate and a memchr find them)
    return b"\x00" in data.translate(_LATIN1_CONTROLS) or bool(_MOJIBAKE_PAIR.search(text))

# Each ASCII character _SUSPECT_CHAR finds (a control other than \t \n \f \r)
# as a NUL byte, every other byte as "a": in ASCII text, one bytes.translate
# and a memchr for the NUL answer what the regex scan answers (a class with
# ranges outside ASCII is tested at every character: six times slower).
_ASCII_CONTROLS = bytes(0 if (b < 32 and b not in (9, 10, 12, 13)) or b == 127 else 97 for b in range(256))
# ... and in Latin-1 text, the C1 controls too (U+0080 to U+009F)
_LATIN1_CONTROLS = bytes(0 if (b < 32 and b not in (9, 10, 12, 13)) or 127 <= b <= 0x9F else 97
                         for b in range(256))


def _has_ascii_control(text: str) -> bool:
    r"""Does ASCII ``text`` hold a character ``_SUSPECT_CHAR`` finds?

    >>> _has_ascii_control("tab\tand\nline\fpage\r"), _has_ascii_control("bell\x07")
    (False, True)
    """
    return b"\x00" in text.encode("ascii").translate(_ASCII_CONTROLS)


_LINE = regex.compile(r"[^\n]+")

_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
}
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-"}
_QUOTE_RE = regex.compile("[" + "".join(_QUOTES) + "]")
_DASH_RE = regex.compile("[" + "".join(_DASHES) + "]")


@register("line_endings", stage="unicode",
          description="Windows and old Mac line endings to \\n: 'a\\r\\nb' -> 'a\\nb'")
def fix_line_endings(text, ctx):
    r"""Turn ``\r\n`` and lone ``\r`` into ``\n``.

    >>> [p[:3] for p in fix_line_endings("a\r\nb\rc", None)]
    [(1, 3, '\n'), (4, 5, '\n')]
    """
    if "\r" not in text:
        return
    for m in _CRLF.finditer(text):
        yield Proposal(m.start(), m.end(), "\n", "line ending", 1.0)


def _ftfy_fix(line: str) -> str:
    import ftfy  # imported on first need: most text never gets here

    return ftfy.fix_text(
        line,
        unescape_html=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization="NFC",
        explain=False,
    )


def _diff_proposals(old: str, new: str, offset: int, reason: str, conf: float):
    """Small edits that turn ``old`` into ``new``: a character diff, except that a
    change and a pure deletion or insertion less than three characters apart are
    one edit, trimmed of what both sides share at their ends.  So a ligature becomes its
    letters in one edit, where a plain diff deletes it and inserts letters after
    the next ``f``:

    >>> [p[:3] for p in _diff_proposals("\ufb01f", "fif", 0, "", 1.0)]
    [(0, 1, 'fi')]
    >>> [p[:3] for p in _diff_proposals("caf\u00c3\u00a9 \ufb01ne", "caf\u00e9 fine", 0, "", 1.0)]
    [(3, 5, '\xe9'), (6, 7, 'fi')]
    """
    if len(old) * len(new) > 4_000_000:  # a pathological single line: one edit, no quadratic diff
        yield Proposal(offset, offset + len(old), new, reason, conf)
        return
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    k = 0
    while k < len(ops):
        tag, i1, i2, j1, j2 = ops[k]
        if tag == "equal":
            k += 1
            continue
        # a change, a short equal run, and a pure deletion or insertion (or the other
        # way round): the diff split one change around a letter both sides have
        # ('\ufb01f' / 'fif', 'a\ufb02l' / 'afll'); two replacements stay apart
        while (k + 2 < len(ops) and ops[k + 1][0] == "equal" and ops[k + 1][2] - ops[k + 1][1] < 3
               and (tag != "replace" or ops[k + 2][0] != "replace")):
            tag, i2, j2 = "replace", ops[k + 2][2], ops[k + 2][4]
            k += 2
        yield _trimmed(old, new, [i1, i2, j1, j2], offset, reason, conf)
        k += 1


def _trimmed(old: str, new: str, region: list[int], offset: int, reason: str, conf: float) -> Proposal:
    """One edit for ``old[i1:i2] -> new[j1:j2]``, less what the two share at either end."""
    i1, i2, j1, j2 = region
    while i1 < i2 and j1 < j2 and old[i1] == new[j1]:
        i1 += 1
        j1 += 1
    while i2 > i1 and j2 > j1 and old[i2 - 1] == new[j2 - 1]:
        i2 -= 1
        j2 -= 1
    return Proposal(offset + i1, offset + i2, new[j1:j2], reason, conf)


@register("unicode_repair", stage="unicode",
          description="Mojibake, control characters, ligatures and NFC through ftfy: 'cafÃ©' -> 'café'")
def fix_unicode(text, ctx):
    """Repair text that was decoded wrongly or carries control characters.

    Typographic quotes and dashes are kept unless the options ``straighten_quotes``
    or ``normalize_dashes`` ask otherwise.

    >>> [p[:3] for p in fix_unicode("caf\\u00c3\\u00a9 \\ufb01ne", _Opts())]
    [(3, 5, 'é'), (6, 7, 'fi')]
    """
    straighten = ctx.option("straighten_quotes") if ctx else False
    dashes = ctx.option("normalize_dashes") if ctx else False
    if not text.isascii():
        data = _latin1(text)
        if _suspect_in(text, data):
            for m in _LINE.finditer(text):
                line = m.group()
                if _suspect(line) or not unicodedata.is_normalized("NFC", line):
                    fixed = _ftfy_fix(line)
                    if fixed != line:
                        yield from _diff_proposals(line, fixed, m.start(), "unicode repair (ftfy)", 0.95)
        # (text within Latin-1 is always NFC: none of its characters
        # decomposes to anything but what composes back to it, and none is a
        # combining mark that could join the one before; most pages outside
        # ASCII are such text, and the check is spared)
        elif data is None and not unicodedata.is_normalized("NFC", text):
            for m in _LINE.finditer(text):
                line = m.group()
                if not unicodedata.is_normalized("NFC", line):
                    yield from _diff_proposals(line, unicodedata.normalize("NFC", line), m.start(),
                                               "Unicode NFC", 1.0)
        if straighten:
            for m in _QUOTE_RE.finditer(text):
                yield Proposal(m.start(), m.end(), _QUOTES[m.group()], "straighten quote", 1.0)
        if dashes:
            for m in _DASH_RE.finditer(text):
                yield Proposal(m.start(), m.end(), _DASHES[m.group()], "ASCII dash", 1.0)
    else:
        # plain ASCII: only control characters can be wrong
        if _has_ascii_control(text):
            for m in regex.finditer(r"[\x00-\x08\x0b\x0e-\x1f\x7f]+", text):
                yield Proposal(m.start(), m.end(), "", "control character", 0.95)


class _Opts:  # for the doctest above
    @staticmethod
    def option(name):
        return False

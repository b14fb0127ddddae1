"""Edits as data, the one place that applies them, and the offset map they imply.

An :class:`Edit` replaces the half-open span ``[start, end)`` of a text with
``replacement``.  Edits in a :class:`~ocrclean.pipeline.CleanResult` are always in
*raw* coordinates (positions in the text the user gave), sorted and never
overlapping, so that ``apply_edits(raw, edits) == result.text`` and
``revert_edits(result.text, edits) == raw``.

:class:`OffsetMap` translates positions between the raw text and the text the
edits produce.  It is built from the edits alone.
"""

from __future__ import annotations

import bisect
import enum
from itertools import islice
from operator import itemgetter, lt
from dataclasses import dataclass, asdict, replace
from typing import Iterable, Sequence

__all__ = [
    "Applicability",
    "Edit",
    "EditError",
    "OffsetMap",
    "apply_edits",
    "revert_edits",
    "check_edits",
    "compose",
]


class EditError(ValueError):
    """An edit list that cannot be applied to the text it is given."""


class Applicability(enum.IntEnum):
    """How safe an edit is to apply, ordered like ruff's: display-only < unsafe < safe.

    ``SAFE`` edits are applied by the default preset, ``UNSAFE`` ones only by the
    aggressive preset, and ``DISPLAY_ONLY`` edits are never applied: they are
    reported as suggestions for a person to look at.
    """

    DISPLAY_ONLY = 0
    UNSAFE = 1
    SAFE = 2

    @property
    def label(self) -> str:
        return _APPLICABILITY_LABELS[self]

    @classmethod
    def parse(cls, value: "Applicability | str | int") -> "Applicability":
        """Accept an ``Applicability``, its label (``"display-only"``) or its name."""
        if isinstance(value, cls):
            return value
        if isinstance(value, int):
            return cls(value)
        key = str(value).strip().lower().replace("_", "-")
        for member, label in _APPLICABILITY_LABELS.items():
            if key == label:
                return member
        raise ValueError(
            f"unknown applicability {value!r}; expected one of "
            + ", ".join(_APPLICABILITY_LABELS.values())
        )

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.label


_APPLICABILITY_LABELS = {
    Applicability.DISPLAY_ONLY: "display-only",
    Applicability.UNSAFE: "unsafe",
    Applicability.SAFE: "safe",
}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (which reads ``before``) with ``replacement``.

    >>> e = Edit(8, 10, " .", ".", fixer="punctuation_spacing",
    ...          reason="space before full stop", confidence=0.99)
    >>> apply_edits("Armenia  .", [Edit(7, 10, "  .", ".", "punctuation_spacing")])
    'Armenia.'
    >>> Edit.from_dict(e.to_dict()) == e
    True
    """

    start: int
    end: int
    before: str
    replacement: str
    fixer: str = ""
    reason: str = ""
    confidence: float = 1.0
    applicability: Applicability = Applicability.SAFE

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise EditError(f"bad edit span [{self.start}, {self.end})")
        if len(self.before) != self.end - self.start:
            raise EditError(
                f"edit [{self.start}, {self.end}) says it replaces {self.before!r}, "
                f"which is {len(self.before)} characters long"
            )
        if not 0.0 <= self.confidence <= 1.0:
            raise EditError(f"confidence {self.confidence} is outside 0..1")
        if not isinstance(self.applicability, Applicability):
            object.__setattr__(self, "applicability", Applicability.parse(self.applicability))

    @property
    def delta(self) -> int:
        """How much longer the text gets where this edit is applied."""
        return len(self.replacement) - (self.end - self.start)

    def to_dict(self) -> dict:
        """A plain dict, JSON-ready (applicability as its label)."""
        d = asdict(self)
        d["applicability"] = self.applicability.label
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Edit":
        try:
            return cls(
                start=int(d["start"]),
                end=int(d["end"]),
                before=str(d["before"]),
                replacement=str(d["replacement"]),
                fixer=str(d.get("fixer", "")),
                reason=str(d.get("reason", "")),
                confidence=float(d.get("confidence", 1.0)),
                applicability=Applicability.parse(d.get("applicability", "safe")),
            )
        except KeyError as exc:
            raise EditError(f"edit record lacks the field {exc.args[0]!r}: {d!r}") from None

    def shifted(self, offset: int) -> "Edit":
        """The same edit moved by ``offset`` characters."""
        return replace(self, start=self.start + offset, end=self.end + offset)


def _sort_key(e: Edit) -> tuple[int, int]:
    return (e.start, e.end)


def check_edits(text: str, edits: Sequence[Edit]) -> list[Edit]:
    """Return ``edits`` sorted, after checking they fit ``text`` and do not overlap.

    Two insertions at the same point count as overlapping: their order would be
    ambiguous.
    """
    ordered = sorted(edits, key=_sort_key)
    prev: Edit | None = None
    for e in ordered:
        if e.end > len(text):
            raise EditError(f"edit [{e.start}, {e.end}) runs past the end of the text ({len(text)})")
        if text[e.start:e.end] != e.before:
            raise EditError(
                f"edit [{e.start}, {e.end}) expects {e.before!r} but the text has "
                f"{text[e.start:e.end]!r}"
            )
        if prev is not None and (
            e.start < prev.end or (e.start == prev.start == prev.end == e.end)
        ):
            raise EditError(f"edits [{prev.start}, {prev.end}) and [{e.start}, {e.end}) overlap")
        prev = e
    return ordered


def apply_edits(raw: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (in ``raw`` coordinates) and return the new text.

    >>> apply_edits("tbe cat", [Edit(0, 3, "tbe", "the")])
    'the cat'
    """
    ordered = check_edits(raw, list(edits))
    parts: list[str] = []
    pos = 0
    for e in ordered:
        parts.append(raw[pos:e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(raw[pos:])
    return "".join(parts)


def revert_edits(text: str, edits: Iterable[Edit]) -> str:
    """Rebuild the raw text from the edited text and the edit log.

    >>> revert_edits("the cat", [Edit(0, 3, "tbe", "the")])
    'tbe cat'
    """
    ordered = sorted(edits, key=_sort_key)
    parts: list[str] = []
    pos = 0  # in `text`
    shift = 0  # text position - raw position, before the current edit
    for e in ordered:
        cstart = e.start + shift
        cend = cstart + len(e.replacement)
        if cstart < pos or text[cstart:cend] != e.replacement:
            raise EditError(
                f"edit [{e.start}, {e.end}) -> {e.replacement!r} does not match the text at {cstart}"
            )
        parts.append(text[pos:cstart])
        parts.append(e.before)
        pos = cend
        shift += e.delta
    parts.append(text[pos:])
    return "".join(parts)


class OffsetMap:
    """Positions in the raw text <-> positions in the edited text.

    Built from sorted, non-overlapping edits in raw coordinates.  Both directions
    are defined for every boundary ``0..len`` inclusive and are monotonic
    (non-decreasing).  Outside edits the map is a plain shift.  Inside an edited
    span, positions map character by character as far as the shorter side goes,
    then stick to the end of that side.

    >>> m = OffsetMap([Edit(4, 8, "UI\\\\J", "UN")], raw_len=12)
    >>> m.to_clean(12), m.to_raw(10)
    (10, 12)
    >>> m.raw_span(4, 6)  # the clean "UN" came from raw "UI\\J"
    (4, 8)
    """

    __slots__ = ("raw_len", "clean_len", "_rs", "_re", "_cs", "_ce")

    def __init__(self, edits: Sequence, raw_len: int):
        """``edits``: sorted, non-overlapping `Edit` objects or the pipeline's tuples."""
        self.raw_len = raw_len
        self._rs: list[int] = []
        self._re: list[int] = []
        self._cs: list[int] = []
        self._ce: list[int] = []
        shift = 0
        for e in edits:
            if isinstance(e, Edit):
                start, end, rlen = e.start, e.end, len(e.replacement)
            else:
                start, end, rlen = e[0], e[1], len(e[2])
            self._rs.append(start)
            self._re.append(end)
            self._cs.append(start + shift)
            shift += rlen - (end - start)
            self._ce.append(end + shift)
        self.clean_len = raw_len + shift

    @staticmethod
    def _map(i: int, src_s: list[int], src_e: list[int], dst_s: list[int], dst_e: list[int]) -> int:
        # The last edit whose source span starts at or before i.
        k = bisect.bisect_right(src_s, i) - 1
        while k >= 0:
            if i >= src_e[k]:
                return dst_e[k] + (i - src_e[k])
            # i is inside (or at the start of) edit k's source span
            if i == src_s[k]:
                # an empty edit at the same point may precede; mapping to its start is monotonic
                return dst_s[k]
            return min(dst_s[k] + (i - src_s[k]), dst_e[k])
        return i

    def _check(self, i: int, length: int) -> None:
        if not 0 <= i <= length:
            raise IndexError(f"position {i} is outside 0..{length}")

    def to_clean(self, i: int) -> int:
        """The position in the edited text that raw position ``i`` corresponds to."""
        self._check(i, self.raw_len)
        return self._map(i, self._rs, self._re, self._cs, self._ce)

    def to_raw(self, i: int) -> int:
        """The position in the raw text that edited-text position ``i`` corresponds to."""
        self._check(i, self.clean_len)
        return self._map(i, self._cs, self._ce, self._rs, self._re)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that the edited span ``[start, end)`` came from.

        A span that begins or ends inside an edited region is widened to cover
        that region's whole raw text, so nothing the clean span depends on is lost.
        """
        if start > end:
            raise ValueError(f"span start {start} is after its end {end}")
        self._check(start, self.clean_len)
        self._check(end, self.clean_len)
        rs = self.to_raw(start)
        re_ = self.to_raw(end)
        # widen over edits that the span cuts into
        k = bisect.bisect_right(self._cs, start) - 1
        if k >= 0 and self._cs[k] < start < self._ce[k]:
            rs = self._rs[k]
        k = bisect.bisect_left(self._ce, end)
        if k < len(self._ce) and self._cs[k] < end < self._ce[k]:
            re_ = self._re[k]
        if end > start:
            # edits that produced the span's first or last characters belong to it;
            # text deleted right at its edges does not ("Nations ." -> "Nations.":
            # the span of "Nations" is raw "Nations", without the deleted space)
            k = bisect.bisect_left(self._cs, start)
            while k < len(self._cs) and self._cs[k] == start:
                if self._ce[k] > start:
                    rs = min(rs, self._rs[k])
                    break
                k += 1
            k = bisect.bisect_right(self._ce, end) - 1
            if k >= 0 and self._ce[k] == end and self._cs[k] < end:
                re_ = max(re_, self._re[k])
            k = bisect.bisect_left(self._cs, end)
            if k < len(self._cs) and self._cs[k] == end == self._ce[k]:
                re_ = min(re_, self._rs[k])  # a deletion right after the span
        return rs, max(rs, re_)

    def clean_span(self, start: int, end: int) -> tuple[int, int]:
        """The edited-text span that the raw span ``[start, end)`` became."""
        if start > end:
            raise ValueError(f"span start {start} is after its end {end}")
        return self.to_clean(start), self.to_clean(end)


# --------------------------------------------------------------------- composition
#
# The pipeline keeps its running log as plain tuples, because a layout pass makes
# an edit per line and object creation would dominate:
#     (start, end, replacement, fixer, reason, confidence, applicability)
# `Edit` objects are made from them only when a caller asks for `.edits`.

RawEdit = tuple  # (int, int, str, str, str, float, int)

# The columns of a tuple edit, taken at C speed.
_START, _END = itemgetter(0), itemgetter(1)


def _strictly_before(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Is [a0, a1) wholly before [b0, b1), with no ambiguity about order?

    An empty span at the edge of another one counts as touching it: where an
    insertion goes relative to a neighbouring edit would otherwise be ambiguous.
    """
    return a1 < b0 or (a1 == b0 and a0 < a1 and b0 < b1)


def _join_names(names: list[str]) -> str:
    seen: list[str] = []
    for n in names:
        for part in n.split("+"):
            if part and part not in seen:
                seen.append(part)
    return "+".join(seen)


def _join_reasons(reasons: list[str]) -> str:
    seen: list[str] = []
    for r in reasons:
        if r and r not in seen:
            seen.append(r)
    return "; ".join(seen)


def compose(raw: str, current: str, prior: Sequence[RawEdit], new: Sequence[RawEdit], *,
            apart: bool | None = None) -> list[RawEdit]:
    """Fold one fixer's edits into the raw-coordinate log.

    ``prior`` are sorted raw-coordinate edits that turn ``raw`` into ``current``;
    ``new`` are sorted, non-overlapping edits in ``current`` coordinates.  The
    result turns ``raw`` straight into ``apply(current, new)``.  Where a new edit
    touches text an earlier fixer already changed, the two become one raw edit
    naming both fixers, so every edit still points at the raw text it came from.
    Runs in one linear pass over both lists.

    ``apart``: whether each new edit ends before the next one starts, if the
    caller knows (the pipeline finds out while it checks the edits); else it
    is worked out here.
    """
    if not new:
        return list(prior)
    if not prior:
        return list(new)  # nothing changed yet: current coordinates are raw ones
    out: list[RawEdit] = []
    n_prior = len(prior)
    # Where each prior edit ends in `current`, so the runs of prior edits
    # between new ones can be found by bisection and copied as slices (a layout
    # pass leaves thousands of them).  (A plain loop: in CPython 3.11 it beats
    # accumulate over a generator, or chains of map.)  The shift after prior
    # edit k, current - raw, is p_end[k] - prior[k][1].
    p_end: list[int] = []
    shift = 0
    for p in prior:
        shift += len(p[2]) - (p[1] - p[0])
        p_end.append(p[1] + shift)
    # Where the new edits are apart (each ends before the next starts: the
    # usual case), a run of them that falls in one gap between prior edits
    # is copied in one step below.
    n_new = len(new)
    if apart is None:
        apart = all(map(lt, map(_END, new), islice(map(_START, new), 1, None)))
    i = 0  # next prior edit
    shift = 0  # current - raw, for text before prior[i]
    j = 0
    while j < n_new:
        nw = new[j]
        s, e = nw[0], nw[1]
        # prior edits wholly before this new edit pass through unchanged
        k = bisect.bisect_left(p_end, s, i)
        while k < n_prior and p_end[k] == s:
            cs = s - len(prior[k][2])  # where prior edit k starts in `current`
            if not _strictly_before(cs, s, s, e):
                break
            k += 1
        if k > i:
            out.extend(prior[i:k])
            i = k
            shift = p_end[k - 1] - prior[k - 1][1]
        # does the new edit stand alone?  (_strictly_before, inlined: this
        # runs once per new edit)
        if i < n_prior:
            p = prior[i]
            cs = p[0] + shift
            ce = cs + len(p[2])
            alone = e < cs or (e == cs and s < e and cs < ce)
        else:
            cs = len(current) + 1
            alone = True
        if alone and apart:
            # this edit and the ones after it that end before prior[i] starts
            # stand alone too: shift them all to raw coordinates at once
            k = bisect.bisect_left(new, cs, j + 1, key=_END)
            if k == j + 1:  # one alone (the list comprehension costs more)
                out.append((s - shift, e - shift, nw[2], nw[3], nw[4], nw[5], nw[6]))
            elif shift:
                out.extend([(qs - shift, qe - shift, r, f, w, c, a) for qs, qe, r, f, w, c, a in new[j:k]])
            else:
                out.extend(new[j:k])
            j = k
            continue
        if alone and (j + 1 >= n_new or _strictly_before(s, e, new[j + 1][0], new[j + 1][1])):
            out.append((s - shift, e - shift, nw[2], nw[3], nw[4], nw[5], nw[6]))
            j += 1
            continue
        # a cluster: gather every prior and new edit that touches it, transitively
        c_lo, c_hi = s, e
        cluster_shift = shift
        olds: list[RawEdit] = []
        news: list[RawEdit] = [nw]
        j += 1
        grew = True
        while grew:
            grew = False
            while i < n_prior:
                p = prior[i]
                cs = p[0] + shift
                ce = cs + len(p[2])
                if _strictly_before(c_lo, c_hi, cs, ce):
                    break
                olds.append(p)
                c_lo = min(c_lo, cs)
                c_hi = max(c_hi, ce)
                shift += len(p[2]) - (p[1] - p[0])
                i += 1
                grew = True
            while j < n_new:
                q = new[j]
                if _strictly_before(c_lo, c_hi, q[0], q[1]):
                    break
                news.append(q)
                c_hi = max(c_hi, q[1])
                j += 1
                grew = True
        r_lo = c_lo - cluster_shift
        old_growth = shift - cluster_shift
        r_hi = r_lo + (c_hi - c_lo) - old_growth
        pieces: list[str] = []
        pos = c_lo
        for q in news:
            pieces.append(current[pos:q[0]])
            pieces.append(q[2])
            pos = q[1]
        pieces.append(current[pos:c_hi])
        replacement = "".join(pieces)
        if replacement == raw[r_lo:r_hi]:
            continue  # the fixers undid each other
        members = olds + news
        out.append((
            r_lo,
            r_hi,
            replacement,
            _join_names([m[3] for m in members]),
            _join_reasons([m[4] for m in members]),
            min(m[5] for m in members),
            min(m[6] for m in members),
        ))
    out.extend(prior[i:])
    return out


def apply_raw(text: str, edits: Sequence[RawEdit], shift: int = 0) -> str:
    """Apply sorted, non-overlapping tuple edits (no checks: the applier's own use).

    ``shift``: the edits' coordinates are ``shift`` less than ``text``'s (raw
    coordinates of edits that all stand past the text earlier edits changed).

    >>> apply_raw("tbe cat sat", [(0, 3, "the"), (7, 7, " down")])
    'the cat down sat'
    >>> apply_raw("XX tbe cat", [(0, 3, "the")], shift=3)
    'XX the cat'
    """
    parts: list[str] = []
    pos = 0
    if shift:
        for e in edits:
            parts.append(text[pos:e[0] + shift])
            parts.append(e[2])
            pos = e[1] + shift
    else:
        for e in edits:
            parts.append(text[pos:e[0]])
            parts.append(e[2])
            pos = e[1]
    parts.append(text[pos:])
    return "".join(parts)


def to_edit(raw: str, t: RawEdit) -> Edit:
    """Make the public `Edit` for a tuple edit in raw coordinates."""
    return Edit(t[0], t[1], raw[t[0]:t[1]], t[2], t[3], t[4], float(t[5]), Applicability(t[6]))

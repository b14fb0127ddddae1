"""The pipeline: named fixers in a fixed order, presets, and the one applier.

The order below is the whole story of how text travels through ocrclean; each
fixer sees the text as the fixers before it left it.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Iterable, Sequence

from .context import Context, check_options
from .edits import Applicability, Edit, OffsetMap, apply_raw, compose, to_edit
from .registry import FIXERS, FixerSpec, UnknownFixerError, _load_builtin_fixers

__all__ = ["Pipeline", "CleanResult", "FIXER_ORDER", "PRESETS", "clean", "fixer_table"]

#: Every fixer, in the order it runs.  Read top to bottom, this is the pipeline.
FIXER_ORDER: tuple[str, ...] = (
    # stage 1: characters
    "line_endings",         # \r\n and \r -> \n
    "unicode_repair",       # mojibake, control characters, NFC (ftfy)
    # stage 2: glyphs that need no dictionary (before layout: a folio read as
    # 'l23' must be '123' when the running-header fixer looks for page numbers)
    "glyph_artifacts",      # UI\J -> UN, lone | -> I, l/O inside numbers
    "abbreviation_period",  # 'Mr, President' -> 'Mr. President'
    "stray_marks",          # 'the banks of | the river' -> 'the banks of the river'
    # stage 3: page layout
    "running_headers",      # running heads, folios, page numbers between paragraphs
    "line_unwrap",          # hard-wrapped lines -> paragraphs
    # stage 4: hyphens
    "hyphen_rejoin",        # exam-\nple -> example, well-\nknown kept
    # stage 5: words
    "word_correction",      # 'tbe' -> 'the', 'of tho' -> 'of the' (noisy channel + context)
    "word_split_merge",     # 'ofthe' -> 'of the', 'w ith' -> 'with' (sees corrected neighbours)
    # stage 6: punctuation and spaces
    "lost_stops",           # 'Mr J K Emerton' -> 'Mr J. K. Emerton' where a page lost its full stops
    "punctuation_spacing",  # 'Armenia .' -> 'Armenia.', "Azerbaijan 's" -> "Azerbaijan's"
    "whitespace",           # runs of spaces, tabs, trailing and leading spaces
)

#: Presets as plain data: which fixers run, and the least applicability applied.
PRESETS: dict[str, dict] = {
    "default": {"fixers": "safe", "apply": Applicability.SAFE},
    "layout": {
        "fixers": ("line_endings", "running_headers", "line_unwrap", "hyphen_rejoin", "whitespace"),
        "apply": Applicability.SAFE,
    },
    "aggressive": {"fixers": "all", "apply": Applicability.UNSAFE},
}


def _ordered_specs() -> list[FixerSpec]:
    _load_builtin_fixers()
    specs = [FIXERS[n] for n in FIXER_ORDER if n in FIXERS]
    # fixers registered by users (not in FIXER_ORDER) run at the end of their stage
    from .registry import STAGES

    extra = [s for n, s in FIXERS.items() if n not in FIXER_ORDER]
    for s in extra:
        last = max((i for i, t in enumerate(specs) if STAGES.index(t.stage) <= STAGES.index(s.stage)),
                   default=-1)
        specs.insert(last + 1, s)
    return specs


def fixer_table() -> list[dict]:
    """Every fixer with its name, stage, applicability, description and presets."""
    rows = []
    for spec in _ordered_specs():
        d = spec.to_dict()
        d["presets"] = [p for p in PRESETS if spec.name in _preset_names(p)]
        rows.append(d)
    return rows


def _preset_names(preset: str) -> list[str]:
    try:
        sel = PRESETS[preset]["fixers"]
    except KeyError:
        raise ValueError(f"unknown preset {preset!r}; presets: {', '.join(PRESETS)}") from None
    specs = _ordered_specs()
    if sel == "all":
        return [s.name for s in specs]
    if sel == "safe":
        return [s.name for s in specs if s.applicability == Applicability.SAFE]
    return [s.name for s in specs if s.name in sel]


def _check_names(names: Iterable[str]) -> list[str]:
    names = [names] if isinstance(names, str) else list(names)
    _load_builtin_fixers()
    for n in names:
        if n not in FIXERS:
            raise UnknownFixerError(n)
    return names


class CleanResult:
    """The cleaned text, the raw text, the edit log and the offset maps.

    ``edits`` are in raw coordinates, sorted and never overlapping, so
    ``apply_edits(raw, edits) == text``.  ``suggestions`` are edits that were
    proposed but not applied (display-only, unsafe under this preset, or below
    the confidence threshold), also in raw coordinates; they may overlap.
    """

    __slots__ = ("text", "raw", "_log", "_edits", "_suggestions", "_raw", "_held", "_map")

    def __init__(self, text: str, raw: str, log: Sequence[tuple], suggestions: Sequence[tuple] = (),
                 *, held: Sequence[tuple] = ()):
        """``suggestions``: tuple edits in raw coordinates.  ``held``: the
        pipeline's proposals not applied, as (stage text, log before it,
        proposals on that text); made raw suggestions only when read."""
        self.text = text
        self.raw = raw
        self._log = log
        self._edits: list[Edit] | None = None
        self._raw = suggestions
        self._held = held
        self._suggestions: list[Edit] | None = None
        self._map: OffsetMap | None = None

    @property
    def edits(self) -> list[Edit]:
        if self._edits is None:
            self._edits = [to_edit(self.raw, t) for t in self._log]
        return self._edits

    @property
    def _raw_suggestions(self) -> Sequence[tuple]:
        """The suggestions as tuple edits in raw coordinates, sorted by span."""
        if self._held:
            found = list(self._raw)
            for text, log, held in self._held:
                found.extend(_to_raw_suggestions(self.raw, text, log, held))
            found.sort(key=_SPAN_KEY)
            self._raw, self._held = found, ()
        return self._raw

    @property
    def suggestions(self) -> list[Edit]:
        if self._suggestions is None:
            self._suggestions = [to_edit(self.raw, t) for t in self._raw_suggestions]
        return self._suggestions

    @property
    def offset_map(self) -> OffsetMap:
        if self._map is None:
            self._map = OffsetMap(self._log, len(self.raw))
        return self._map

    def to_raw(self, i: int) -> int:
        """Clean-text position -> raw-text position (monotonic, 0..len inclusive)."""
        return self.offset_map.to_raw(i)

    def to_clean(self, i: int) -> int:
        """Raw-text position -> clean-text position (monotonic, 0..len inclusive)."""
        return self.offset_map.to_clean(i)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the raw text that the clean span ``[start, end)`` came from."""
        return self.offset_map.raw_span(start, end)

    def clean_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the clean text that the raw span ``[start, end)`` became."""
        return self.offset_map.clean_span(start, end)

    @property
    def changed(self) -> bool:
        return bool(self._log)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "raw": self.raw,
            "edits": [e.to_dict() for e in self.edits],
            "suggestions": [e.to_dict() for e in self.suggestions],
        }

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"CleanResult(text={self.text[:40]!r}..., edits={len(self._log)})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, CleanResult):
            return NotImplemented
        return (self.text, self.raw, list(self._log)) == (other.text, other.raw, list(other._log))

    def __reduce__(self):
        return (CleanResult, (self.text, self.raw, list(self._log), list(self._raw_suggestions)))


class Pipeline:
    """Named fixers in their fixed order; presets; enable / disable / only by name.

    >>> p = Pipeline(preset="layout").disable("running_headers")
    >>> "running_headers" in p.names
    False
    >>> p.clean("exam-\\nple text").text
    'example text'
    """

    def __init__(self, preset: str = "default", *, enable: Iterable[str] = (),
                 disable: Iterable[str] = (), only: Iterable[str] | None = None, **options):
        self.preset = preset
        self._names = _preset_names(preset)
        self.apply_level: Applicability = PRESETS[preset]["apply"]
        self.options = check_options(options)
        # the fixers whose proposals last came out of span order (see clean())
        self._unsorted: set[str] = set()
        if only is not None:
            self.only(*_check_names(only))
        if enable:
            self.enable(*_check_names(enable))
        if disable:
            self.disable(*_check_names(disable))

    # -- selection --------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """The fixers that run, in order."""
        return list(self._names)

    def enable(self, *names: str) -> "Pipeline":
        """Add fixers by name (they run in their place in :data:`FIXER_ORDER`)."""
        wanted = set(self._names) | set(_check_names(names))
        self._names = [s.name for s in _ordered_specs() if s.name in wanted]
        return self

    def disable(self, *names: str) -> "Pipeline":
        """Remove fixers by name."""
        gone = set(_check_names(names))
        self._names = [n for n in self._names if n not in gone]
        return self

    def only(self, *names: str) -> "Pipeline":
        """Run these fixers and no others."""
        wanted = set(_check_names(names))
        self._names = [s.name for s in _ordered_specs() if s.name in wanted]
        return self

    # -- running ----------------------------------------------------------
    def warm_up(self) -> "Pipeline":
        """Load now what the fixers load lazily on first need (lexicons, the
        correction index), by cleaning a few lines that give every fixer work.

        Worth calling before forking worker processes (they then share what was
        loaded) or before timing anything.
        """
        for name in self._names:
            if FIXERS[name].preload is not None:
                FIXERS[name].preload()
        for text in _WARM_UP_TEXTS:
            self.clean(text)
        return self

    def __call__(self, text: str) -> "CleanResult":
        return self.clean(text)

    def clean(self, text: str) -> CleanResult:
        if not isinstance(text, str):
            raise TypeError(
                f"ocrclean.clean() expects the OCR text as a str, not {type(text).__name__}"
                + ("; decode bytes first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else "")
            )
        raw = text
        ctx = Context(raw, self.options)
        log: list[tuple] = []
        held_by_stage: list[tuple] = []
        min_conf = self.options["min_confidence"]
        level = int(self.apply_level)
        unsorted = self._unsorted
        for name in self._names:
            spec = FIXERS[name]
            proposals = spec.func(text, ctx)
            if type(proposals) is not list:
                proposals = list(proposals)
            if not proposals:
                continue
            default_appl = int(spec.applicability)
            # Past the log's last edit, `text` is `raw` moved by `shift`: edits
            # that all stand there need no composing, only moving back (a
            # page's line joins after its running head went; any fixer's edits
            # while the log is empty).  The review moves them as it makes them.
            shift = len(text) - len(raw)
            if name in unsorted:
                # this fixer proposed out of span order last time: sort first
                # (stably, as the retry below would) rather than review its
                # proposals twice, the first time up to where the order breaks
                proposals = sorted(proposals, key=_SPAN_KEY)
            past_log = proposals[0][0] > (log[-1][1] + shift if log else -1)
            review = _review(proposals, text, name, default_appl, level, min_conf,
                             shift if past_log else 0)
            if review is None:  # not in span order: sort (stably, as sorted() would) and go again
                unsorted.add(name)
                past_log = False
                review = _review(sorted(proposals, key=_SPAN_KEY), text, name, default_appl, level,
                                 min_conf, 0)
            accepted, held, apart = review
            if held:
                # made raw suggestions only when read (CleanResult._raw_suggestions):
                # neither a log nor a text is ever changed once made
                held_by_stage.append((text, log, held))
            if not accepted:
                continue
            if past_log and apart:
                text = apply_raw(text, accepted, shift)
                log = log + accepted
                continue
            if past_log and shift:  # touching edits, which compose merges: back to text coordinates
                accepted = [(s + shift, e + shift, *rest) for s, e, *rest in accepted]
            new_text = apply_raw(text, accepted)
            log = compose(raw, text, log, accepted, apart=apart)
            text = new_text
        return CleanResult(text, raw, log, held=held_by_stage)


def _review(props: list, text: str, name: str, default_appl: int, level: int,
            min_conf: float, offset: int) -> tuple[list[tuple], list[tuple], bool] | None:
    """One fixer's proposals, if in span order (else None), as the edits to
    apply (moved back by ``offset``) and the ones held back (below the
    preset's applicability or the confidence threshold, overlapping an earlier
    one), both as log tuples; and whether the edits to apply stand apart (each
    ends before the next starts: see ``compose``).
    """
    accepted: list[tuple] = []
    held: list[tuple] = []
    apart = True
    prev_start = prev_end = last_start = last_end = -1
    # This loop runs once per proposed edit (thousands on a page of
    # hard-wrapped lines): checking the order costs less than sorting by a key
    # (most fixers propose in order), and applicabilities compare as plain ints.
    for start, end, repl, reason, conf, appl in props:
        if start < prev_start or (start == prev_start and end < prev_end):
            return None
        prev_start, prev_end = start, end
        if text[start:end] == repl:
            continue
        appl = default_appl if appl is None else int(appl)
        if (appl < level or conf < min_conf
                or start < last_end or (start == last_start == last_end == end)):
            held.append((start, end, repl, name, reason, conf, appl))
            continue
        if start == last_end:
            apart = False
        accepted.append((start - offset, end - offset, repl, name, reason, conf, appl))
        last_start, last_end = start, end
    return accepted, held, apart


# Lines that give every fixer something to do, for Pipeline.warm_up().
_WARM_UP_TEXTS = (
    "The  cornmittee met tbe chairman in May .",
    "The report was exam-\nined by the board , and UI\\J delegates agreed.",
    "Mr, Smith 's caf\u00c3\u00a9 sold 1O0 loaves\r\nof bread.",
    "Page 2\n\nThe end of the wel1-\nknown story .",
)


# Proposals in span order: (start, end), taken at C speed.
_SPAN_KEY = itemgetter(0, 1)


def _to_raw_suggestions(raw: str, text: str, log: list[tuple], held: list[tuple]) -> list[tuple]:
    """Express edits proposed on an intermediate text in raw coordinates."""
    m = OffsetMap(log, len(raw))
    out = []
    for s, e, repl, *rest in held:
        rs, re_ = m.raw_span(s, e)
        cs, ce = m.to_clean(rs), m.to_clean(re_)
        cs, ce = min(cs, s), max(ce, e)
        out.append((rs, re_, text[cs:s] + repl + text[e:ce], *rest))
    return out


_PIPELINES: dict[tuple, Pipeline] = {}


def clean(text: str, *, preset: str = "default", enable: Iterable[str] = (),
          disable: Iterable[str] = (), **options) -> CleanResult:
    """Clean raw OCR text; return the text with its edit log and offset maps.

    >>> r = clean("Azerbaijan 's  capital")
    >>> r.text
    "Azerbaijan's capital"
    >>> [(e.before, e.replacement, e.fixer) for e in r.edits]
    [(' ', '', 'punctuation_spacing'), ('  ', ' ', 'whitespace')]
    """
    plain = not (enable or disable or options) and isinstance(preset, str)
    if plain:
        pipe = _PIPELINES.get(preset)  # the common call, without building a key
        if pipe is not None:
            return pipe.clean(text)
    key = (preset, tuple(enable), tuple(disable), tuple(sorted(options.items(), key=lambda kv: kv[0])))
    try:
        pipe = _PIPELINES.get(key)
    except TypeError:  # unhashable option values: build afresh
        pipe, key = None, None
    if pipe is None:
        pipe = Pipeline(preset, enable=enable, disable=disable, **options)
        if key is not None and len(_PIPELINES) < 64:
            _PIPELINES[preset if plain else key] = pipe
    return pipe.clean(text)

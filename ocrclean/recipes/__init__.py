"""Recipes for using ocrclean inside NLP pipelines (optional extras).

Every NLP tool works on ``result.text``, the cleaned text; these helpers carry
what it finds back to the raw OCR, where a reader, an image overlay or an
annotation tool needs it.

* :func:`raw_spans` maps any clean-text character spans to raw spans (no extra
  dependency).
* :func:`result_from_record` rebuilds a :class:`~ocrclean.CleanResult` from a
  stored raw text, clean text and edit list (a JSONL edit log, a dataset row),
  so its offset maps work again.
* :mod:`ocrclean.recipes.spacy_spans` (``pip install "ocrclean[spacy]"``):
  spaCy entities as raw spans, and cleaning + parsing as one stream.
* :mod:`ocrclean.recipes.hf_datasets` (``pip install "ocrclean[datasets]"``):
  a batched function for ``datasets.Dataset.map``.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from ..edits import Edit
from ..pipeline import CleanResult

__all__ = ["raw_spans", "result_from_record"]


def raw_spans(result: CleanResult, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Map clean-text spans ``(start, end)`` to the raw spans they came from.

    Each span is :meth:`CleanResult.raw_span`: it covers everything the clean
    span came from, and leaves out raw text deleted right at its edges (the
    space of ``"report ."`` before the full stop).

    >>> from ocrclean import clean
    >>> r = clean("The UI\\\\J report .")
    >>> r.text
    'The UN report.'
    >>> raw_spans(r, [(4, 6), (7, 13)])  # "UN" and "report" in the clean text
    [(4, 8), (9, 15)]
    >>> r.raw[4:8], r.raw[9:15]
    ('UI\\\\J', 'report')
    """
    return [result.raw_span(s, e) for s, e in spans]


def result_from_record(raw: str, text: str, edits: Sequence[Edit | Mapping]) -> CleanResult:
    """Rebuild a :class:`CleanResult` from stored parts, checking they agree.

    ``edits`` are :class:`~ocrclean.Edit` objects or their ``to_dict()`` form
    (as in a JSONL edit log or a dataset column), in raw coordinates.

    >>> from ocrclean import clean
    >>> r = clean("tbe  cat")
    >>> r2 = result_from_record(r.raw, r.text, [e.to_dict() for e in r.edits])
    >>> r2 == r, r2.raw_span(0, 7)
    (True, (0, 8))
    """
    from ..edits import apply_edits, EditError

    parsed = [e if isinstance(e, Edit) else Edit.from_dict(e) for e in edits]
    parsed.sort(key=lambda e: (e.start, e.end))
    if apply_edits(raw, parsed) != text:
        raise EditError("the edits do not turn the raw text into the clean text")
    log = [(e.start, e.end, e.replacement, e.fixer, e.reason, e.confidence, int(e.applicability))
           for e in parsed]
    return CleanResult(text, raw, log)

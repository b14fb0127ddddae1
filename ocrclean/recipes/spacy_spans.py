"""spaCy on cleaned OCR, with every entity traced back to the raw OCR.

Needs ``pip install "ocrclean[spacy]"``.  spaCy only ever sees the clean text;
:func:`raw_entities` turns its character offsets into raw offsets with
:meth:`CleanResult.raw_span`, and :func:`clean_and_parse` streams cleaning
(optionally over processes) straight into ``nlp.pipe``.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> ruler = nlp.add_pipe("entity_ruler")
>>> ruler.add_patterns([{"label": "ORG", "pattern": "United Nations"}])
>>> [(r.raw_text, r.raw_start, r.raw_end) for result, doc in clean_and_parse(nlp, ["tbe United\\nNations ."])
...  for r in raw_entities(result, doc)]
[('United\\nNations', 4, 18)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from ..many import clean_many
from ..pipeline import CleanResult
from . import raw_spans

__all__ = ["RawSpan", "raw_entities", "clean_and_parse"]


@dataclass(frozen=True)
class RawSpan:
    """A span found in the clean text, and where it is in the raw OCR."""

    label: str
    start: int      # in result.text
    end: int
    text: str       # result.text[start:end]
    raw_start: int  # in result.raw
    raw_end: int
    raw_text: str   # result.raw[raw_start:raw_end]


def raw_entities(result: CleanResult, doc, spans: Iterable | None = None) -> list[RawSpan]:
    """``doc.ents`` (or any spaCy spans of ``doc``) as :class:`RawSpan` objects.

    ``doc`` must have been made from ``result.text``.  Raw spans are
    :func:`ocrclean.recipes.raw_spans`: an entity's raw text includes what was
    repaired inside it (``"United\\nNations"``, ``"UI\\\\J"``) but not text
    deleted at its edges.
    """
    if doc.text != result.text:
        raise ValueError("the spaCy Doc was not made from this result's clean text")
    spans = list(doc.ents if spans is None else spans)
    raw = raw_spans(result, [(sp.start_char, sp.end_char) for sp in spans])
    return [RawSpan(sp.label_, sp.start_char, sp.end_char, sp.text, rs, re_, result.raw[rs:re_])
            for sp, (rs, re_) in zip(spans, raw)]


def clean_and_parse(nlp, texts: Iterable[str], *, n_jobs: int | None = 1, batch_size: int = 256,
                    nlp_batch_size: int | None = None, **clean_options) -> Iterator[tuple]:
    """Clean ``texts`` with :func:`~ocrclean.clean_many` and run ``nlp`` on the results.

    Yields ``(CleanResult, Doc)`` pairs in input order, lazily.
    """
    results = clean_many(texts, n_jobs=n_jobs, batch_size=batch_size, **clean_options)
    kwargs = {} if nlp_batch_size is None else {"batch_size": nlp_batch_size}
    for doc, result in nlp.pipe(((r.text, r) for r in results), as_tuples=True, **kwargs):
        yield result, doc

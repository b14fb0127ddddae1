"""Clean a Hugging Face dataset column with ``Dataset.map(batched=True)``.

Needs ``pip install "ocrclean[datasets]"``.  :class:`BatchCleaner` is the
function to hand to ``map``: it adds the clean text and the edit log (as a
list of edit records, the same fields as the CLI's JSONL log), from which
:func:`ocrclean.recipes.result_from_record` rebuilds the offset maps later.
Pass ``features=cleaner.features(ds.features)`` so the edit column has one
type even when a whole batch has no edits.

>>> import datasets
>>> ds = datasets.Dataset.from_dict({"text": ["a  cat", "a clean line"]})
>>> cleaner = BatchCleaner("text")
>>> out = ds.map(cleaner, batched=True, features=cleaner.features(ds.features))
>>> out[0]["clean_text"], out[1]["clean_text"]
('a cat', 'a clean line')
>>> [len(row["edits"]) for row in out]
[1, 0]
"""

from __future__ import annotations

from typing import Any

from ..pipeline import Pipeline

__all__ = ["BatchCleaner", "EDIT_FEATURE"]

#: The datasets feature of one edit record (``Edit.to_dict()``).
EDIT_FEATURE = {
    "start": "int64",
    "end": "int64",
    "before": "string",
    "replacement": "string",
    "fixer": "string",
    "reason": "string",
    "confidence": "float64",
    "applicability": "string",
}


class BatchCleaner:
    """``batch -> {output: clean texts, edits_column: edit records}`` for ``Dataset.map``.

    ``column`` holds the raw OCR; ``output`` receives the clean text (it may be
    ``column`` itself to replace it, but then the raw text is gone: keep it if
    you want offsets); ``edits_column=None`` leaves out the edit log.  Other
    keyword arguments are ``ocrclean.clean()`` options, checked at once.
    The pipeline is built once per process and is not pickled, so
    ``map(num_proc=N)`` works.
    """

    def __init__(self, column: str = "text", *, output: str = "clean_text",
                 edits_column: str | None = "edits", preset: str = "default", **options: Any):
        self.column = column
        self.output = output
        self.edits_column = edits_column
        self.preset = preset
        self.options = options
        self._pipe: Pipeline | None = Pipeline(preset, **options)  # fail early on bad options

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_pipe"] = None
        return state

    def __call__(self, batch: dict) -> dict:
        if self._pipe is None:
            self._pipe = Pipeline(self.preset, **self.options)
        results = [self._pipe.clean(t) for t in batch[self.column]]
        out = {self.output: [r.text for r in results]}
        if self.edits_column:
            out[self.edits_column] = [[e.to_dict() for e in r.edits] for r in results]
        return out

    def features(self, input_features):
        """The output features of ``map``: the input's plus the new columns."""
        import datasets

        feats = datasets.Features(dict(input_features))
        feats[self.output] = datasets.Value("string")
        if self.edits_column:
            # a list holding one dict: "list of records" in every datasets version
            feats[self.edits_column] = [{k: datasets.Value(v) for k, v in EDIT_FEATURE.items()}]
        return feats

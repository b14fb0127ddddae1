"""ocrclean: clean raw OCR text, with an exact log of every edit.

>>> import ocrclean
>>> r = ocrclean.clean("Azerbaijan 's capital")
>>> r.text
"Azerbaijan's capital"
"""

from .edits import Applicability, Edit, EditError, OffsetMap, apply_edits, revert_edits
from .pipeline import FIXER_ORDER, PRESETS, CleanResult, Pipeline, clean, fixer_table
from .many import clean_many
from .errormodel import ErrorModel, learn_pairs as learn
from .registry import FIXERS, Proposal, UnknownFixerError, register

__version__ = "0.1.0"

__all__ = [
    "Applicability",
    "CleanResult",
    "Edit",
    "EditError",
    "FIXERS",
    "FIXER_ORDER",
    "OffsetMap",
    "PRESETS",
    "Pipeline",
    "Proposal",
    "UnknownFixerError",
    "apply_edits",
    "clean",
    "learn",
    "ErrorModel",
    "clean_many",
    "fixer_table",
    "register",
    "revert_edits",
]

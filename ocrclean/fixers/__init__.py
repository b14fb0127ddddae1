"""The fixers, one module per stage.  Importing this package registers them all.

Each fixer is a plain function ``fixer(text, ctx)`` that yields
:class:`~ocrclean.registry.Proposal` objects in the coordinates of ``text``.
"""

from . import unicode, layout, hyphens, glyphs, words, punctuation  # noqa: F401  (registers)

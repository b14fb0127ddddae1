"""The registry of fixers by name.

A fixer is a plain function ``fixer(text, ctx) -> iterable of Proposal`` that
looks at the text it is given and proposes edits in that text's coordinates.  It
never mutates anything and never builds the output string: the pipeline's one
applier does that.  Registering it gives it a name, a stage, a default
applicability and a one-line description::

    @register("punctuation_spacing", stage="punctuation",
              description="Remove stray spaces before punctuation: 'Armenia .' -> 'Armenia.'")
    def fix_punctuation_spacing(text, ctx):
        ...
        yield Proposal(start, end, "", "space before '.'", 0.99)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple, Optional

from .edits import Applicability

__all__ = ["Proposal", "FixerSpec", "FIXERS", "STAGES", "register", "get_fixer", "UnknownFixerError"]

#: The stages, in the order the text travels through them.
STAGES = ("unicode", "glyphs", "layout", "hyphens", "words", "punctuation")


class Proposal(NamedTuple):
    """One edit a fixer proposes, in the coordinates of the text it was given.

    ``applicability`` of ``None`` means the fixer's registered default.
    """

    start: int
    end: int
    replacement: str
    reason: str
    confidence: float = 1.0
    applicability: Optional[Applicability] = None


@dataclass(frozen=True)
class FixerSpec:
    name: str
    func: Callable[..., Iterable[Proposal]]
    stage: str
    applicability: Applicability
    description: str
    #: Loads what the fixer would otherwise load lazily on first need (a
    #: dictionary, an index); ``Pipeline.warm_up`` calls it before forking workers.
    preload: Callable[[], object] | None = None

    def __call__(self, text, ctx):
        return self.func(text, ctx)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "stage": self.stage,
            "applicability": self.applicability.label,
            "description": self.description,
        }


#: Every registered fixer by name, in registration order.
FIXERS: dict[str, FixerSpec] = {}


class UnknownFixerError(ValueError):
    """A fixer name that is not in the registry."""

    def __init__(self, name: str):
        self.name = name
        known = ", ".join(sorted(FIXERS))
        super().__init__(f"unknown fixer {name!r}; known fixers: {known}")


def register(name: str, *, stage: str, description: str,
             applicability: Applicability = Applicability.SAFE,
             preload: Callable[[], object] | None = None):
    """Decorator: add a fixer function to :data:`FIXERS` under ``name``.

    ``preload``, if given, loads the fixer's lazily loaded resources at once.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; stages are {', '.join(STAGES)}")

    def deco(func):
        old = FIXERS.get(name)
        if old is not None and (old.func.__module__, old.func.__qualname__) != (
            func.__module__, func.__qualname__
        ):
            raise ValueError(f"a fixer named {name!r} is already registered")
        FIXERS[name] = FixerSpec(name, func, stage, Applicability.parse(applicability), description, preload)
        return func

    return deco


def get_fixer(name: str) -> FixerSpec:
    _load_builtin_fixers()
    try:
        return FIXERS[name]
    except KeyError:
        raise UnknownFixerError(name) from None


def _load_builtin_fixers() -> None:
    # Importing the stage modules registers their fixers.
    from . import fixers  # noqa: F401

"""What a fixer may know besides the text: the options and shared resources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Context", "DEFAULT_OPTIONS", "check_options"]

#: Options every fixer may read, with their defaults.  ``clean(**options)``
#: accepts exactly these names; fixer modules add their own with
#: :func:`declare_option`.
DEFAULT_OPTIONS: dict[str, Any] = {
    # Language of the text ("en", "fr", ...): French spacing before ; : ! ? is kept
    # for "fr", and word-level fixers only act where they have a lexicon.
    "lang": "en",
    # Map typographic quotes to ASCII ones (off: transcriptions keep them).
    "straighten_quotes": False,
    # Map en/em dashes and minus signs to ASCII hyphens (off).
    "normalize_dashes": False,
    # Edits with a lower confidence than this are not applied (reported instead).
    "min_confidence": 0.5,
}

_OPTION_HELP: dict[str, str] = {
    "lang": "language code of the text",
    "straighten_quotes": "map typographic quotes to ASCII",
    "normalize_dashes": "map dashes to ASCII hyphens",
    "min_confidence": "lowest confidence of an applied edit (0..1)",
}


def declare_option(name: str, default: Any, help: str) -> None:
    """Let a fixer module add an option that ``clean()`` accepts."""
    DEFAULT_OPTIONS.setdefault(name, default)
    _OPTION_HELP.setdefault(name, help)


def check_options(options: dict[str, Any]) -> dict[str, Any]:
    """Merge user options over the defaults; an unknown name is a TypeError."""
    unknown = [k for k in options if k not in DEFAULT_OPTIONS]
    if unknown:
        known = ", ".join(sorted(DEFAULT_OPTIONS))
        raise TypeError(f"unknown option(s) {', '.join(map(repr, unknown))}; known options: {known}")
    merged = dict(DEFAULT_OPTIONS)
    merged.update(options)
    mc = merged["min_confidence"]
    if not isinstance(mc, (int, float)) or not 0.0 <= mc <= 1.0:
        raise ValueError(f"min_confidence must be a number from 0 to 1, not {mc!r}")
    if not isinstance(merged["lang"], str) or not merged["lang"]:
        raise ValueError(f"lang must be a language code such as 'en', not {merged['lang']!r}")
    return merged


@dataclass
class Context:
    """Read-only facts for fixers: the raw text, the options, a per-run cache.

    ``cache`` lets a fixer keep work (a document word count, say) for the rest
    of one ``clean()`` call; it is empty at the start of every call.
    """

    raw: str
    options: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.options["lang"]

    def option(self, name: str) -> Any:
        return self.options[name]

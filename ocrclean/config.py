"""Finding and reading the ``ocrclean`` configuration.

The configuration is the ``[tool.ocrclean]`` table of a ``pyproject.toml`` or
the top level of an ``ocrclean.toml``, whichever is found first walking up
from the working folder (in one folder, ``ocrclean.toml`` wins; a
``pyproject.toml`` without ``[tool.ocrclean]`` is passed over).  Command-line
flags override it.  Example::

    [tool.ocrclean]
    preset = "layout"
    disable = ["running_headers"]
    lang = "fr"
    glob = ["*.txt", "*.ocr"]
    exclude = ["drafts"]
    jobs = 2
    keep-encoding = false
    [tool.ocrclean.options]
    min_confidence = 0.8

Paths in it (``dictionary``, ``model``) are relative to the file's folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = ["Config", "ConfigError", "find_config", "load_config", "KEYS"]

#: Every key the configuration may hold, with the type it must have.
KEYS: dict[str, type | tuple] = {
    "preset": str,
    "enable": list,
    "disable": list,
    "lang": str,
    "dictionary": str,
    "model": str,
    "glob": list,
    "exclude": list,
    "jobs": int,
    "keep-encoding": bool,
    "output-encoding": str,
    "backup": str,
    "options": dict,
}
_PATH_KEYS = ("dictionary", "model")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file."""


@dataclass
class Config:
    """The settings read from a file (empty when none was found)."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def find_config(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest ``ocrclean.toml`` or ``pyproject.toml`` with ``[tool.ocrclean]``."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "ocrclean.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                data = tomllib.loads(py.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "ocrclean" in data["tool"]:
                return py
    return None


def load_config(path: str | os.PathLike | None = None, start: str | os.PathLike | None = None) -> Config:
    """Read ``path`` (or the file :func:`find_config` finds); check every key.

    >>> load_config(start="/").values if find_config("/") is None else {}
    {}
    """
    p = Path(path) if path is not None else find_config(start)
    if p is None:
        return Config()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from None
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("ocrclean", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: [tool.ocrclean] must be a table")
    values: dict[str, Any] = {}
    for key, value in data.items():
        norm = key.replace("_", "-")
        if norm not in KEYS:
            raise ConfigError(f"{p}: unknown key {key!r}; known keys: {', '.join(KEYS)}")
        want = KEYS[norm]
        if want is list and isinstance(value, str):
            value = [value]
        if want is int and isinstance(value, bool) or not isinstance(value, want):
            raise ConfigError(f"{p}: {key} must be a {_type_name(want)}, not {value!r}")
        if want is list and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{p}: {key} must be a list of strings")
        if norm in _PATH_KEYS:
            value = str((p.parent / value).resolve()) if not os.path.isabs(value) else value
        values[norm] = value
    return Config(p, values)


def _type_name(t) -> str:
    return {str: "string", list: "list of strings", int: "whole number", bool: "true/false",
            dict: "table"}.get(t, str(t))

"""Reading text safely and writing it atomically.

Everything here is about bytes on disk (or behind an fsspec URL), never about
cleaning:

* :func:`open_binary` opens a path for reading, refusing anything that is not a
  regular file (a FIFO would block forever, a directory cannot be read);
* :func:`detect_encoding` decides how to decode the bytes: UTF-8 when they are
  valid UTF-8, a byte-order mark when there is one, otherwise charset-normalizer's
  best guess; bytes that look binary raise :class:`BinaryFileError`;
* :func:`atomic_output` writes to a temporary file beside the destination and
  renames it into place only when everything was written, so an interrupted run
  never leaves a half-written file.

Paths containing ``"://"`` (``s3://bucket/a.txt``, ``memory://x/a.txt``) go
through fsspec, which is imported only when such a path is used.

>>> detect_encoding("café".encode("utf-8")).encoding
'utf-8'
>>> detect_encoding(b"\\x00\\x01\\x02binary")
Traceback (most recent call last):
...
ocrclean.textio.BinaryFileError: contains NUL bytes: looks like a binary file, not text
"""

from __future__ import annotations

import codecs
import errno
import glob
import os
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Iterator, TextIO

__all__ = [
    "InputError",
    "BinaryFileError",
    "Detection",
    "is_url",
    "open_binary",
    "file_size",
    "file_mtime",
    "detect_encoding",
    "describe_os_error",
    "atomic_output",
    "temp_files_for",
    "TEMP_SUFFIX",
]

#: How temporary output files end; ``.NAME.<random>.ocrclean-tmp`` beside the destination.
TEMP_SUFFIX = ".ocrclean-tmp"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """A file that cannot be read as text; the message is the reason, for a person."""


class BinaryFileError(InputError):
    """Bytes that are not text in any encoding we can recognise."""


@dataclass(frozen=True)
class Detection:
    """How a file's bytes were decoded: the codec and how we decided on it.

    ``method`` is ``"utf-8"`` (valid UTF-8), ``"bom"`` (a byte-order mark),
    ``"charset-normalizer"`` (a statistical guess, with its ``confidence``) or
    ``"given"`` (the user named the encoding).
    """

    encoding: str
    method: str
    confidence: float = 1.0

    def to_dict(self) -> dict:
        return {"encoding": self.encoding, "method": self.method, "confidence": round(self.confidence, 3)}


def is_url(path: str | os.PathLike) -> bool:
    """Is this an fsspec URL (``s3://...``, ``memory://...``) rather than a local path?"""
    return "://" in str(path)


def _fsspec():
    try:
        import fsspec
    except ImportError:  # pragma: no cover - depends on the installation
        raise InputError("URLs need fsspec: pip install fsspec (plus s3fs, gcsfs... for the protocol)") from None
    return fsspec


def describe_os_error(exc: OSError) -> str:
    """One short line for an OSError, without the path (the caller names the file)."""
    if isinstance(exc, FileNotFoundError):
        return "no such file (it does not exist, or vanished during the run)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return exc.strerror or str(exc)


def open_binary(path: str) -> BinaryIO:
    """Open ``path`` for reading bytes; raise :class:`InputError` with the reason.

    A local path must be a regular file: opening is done without blocking and the
    open file is checked, so a FIFO or a device is refused instead of hanging.
    """
    if is_url(path):
        fsspec = _fsspec()
        try:
            return fsspec.open(path, "rb").open()
        except FileNotFoundError:
            raise InputError("no such file (it does not exist, or vanished during the run)") from None
        except OSError as exc:
            raise InputError(describe_os_error(exc)) from None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(describe_os_error(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a directory" if stat.S_ISDIR(st.st_mode) else (
                "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a special file")
            raise InputError(f"not a regular file: {kind}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_size(path: str) -> int | None:
    """Size in bytes, or None when it cannot be known (missing file, some URLs)."""
    try:
        if is_url(path):
            return _fsspec().core.url_to_fs(path)[0].size(path)
        return os.stat(path).st_size
    except Exception:
        return None


def file_mtime(path: str) -> float | None:
    """Modification time, or None when unknown."""
    try:
        if is_url(path):
            fs, p = _fsspec().core.url_to_fs(path)
            m = fs.modified(p)
            return m.timestamp()
        return os.stat(path).st_mtime
    except Exception:
        return None


def _looks_binary(sample: bytes) -> bool:
    return b"\x00" in sample


def detect_encoding(sample: bytes, *, complete: bool = True) -> Detection:
    """Decide how to decode ``sample`` (the whole file, or its start when not ``complete``).

    >>> detect_encoding(codecs.BOM_UTF8 + b"abc")
    Detection(encoding='utf-8-sig', method='bom', confidence=1.0)
    >>> detect_encoding("naïve".encode("utf-8")[:3], complete=False).encoding  # cut mid-character
    'utf-8'
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return Detection(name, "bom")
    if _looks_binary(sample):
        raise BinaryFileError("contains NUL bytes: looks like a binary file, not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return Detection("utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample))
    if not matches:
        raise BinaryFileError("not text in any encoding charset-normalizer recognises: looks like a binary file")
    best = matches[0]
    # On short samples charset-normalizer often cannot tell the single-byte Latin
    # code pages apart (cp1257 and cp1250 score like cp1252 on French text).
    # cp1252 is by far the most common legacy encoding of Latin-script text, so
    # when it is about as plausible as the best guess, it wins.
    for m in matches:
        if codecs.lookup(m.encoding).name == "cp1252" and m.chaos <= best.chaos + 0.1:
            best = m
            break
    enc = codecs.lookup(best.encoding).name
    # charset-normalizer reports "chaos" (0 = clean); turn it into a confidence
    confidence = max(0.0, 1.0 - float(best.chaos))
    return Detection(enc, "charset-normalizer", confidence)


def temp_files_for(dest: str) -> list[str]:
    """Temporary files :func:`atomic_output` may have left for ``dest`` (if killed)."""
    d, base = os.path.split(dest)
    return glob.glob(os.path.join(glob.escape(d or "."), "." + glob.escape(base) + ".*" + TEMP_SUFFIX))


@contextmanager
def atomic_output(dest: str, *, encoding: str = "utf-8", mode_from: str | None = None,
                  backup: str | None = None) -> Iterator[TextIO]:
    """Yield a text file; on success it replaces ``dest`` in one rename.

    The text is written as given (no newline translation) to
    ``.NAME.<random>.ocrclean-tmp`` in ``dest``'s folder.  If the ``with`` block
    raises (or is interrupted), the temporary file is removed and ``dest`` is
    untouched.  ``mode_from`` copies that file's permission bits (for in-place
    rewrites); ``backup`` keeps the old ``dest`` as ``dest + backup`` first.
    """
    if is_url(dest):
        with _atomic_url(dest, encoding) as f:
            yield f
        return
    folder = os.path.dirname(dest) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(dest) + ".", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if mode_from is not None:
            os.chmod(tmp, stat.S_IMODE(os.stat(mode_from).st_mode))
        if backup:
            _make_backup(dest, dest + backup)
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _make_backup(path: str, backup_path: str) -> None:
    """Keep ``path``'s current content as ``backup_path`` (a hard link when possible)."""
    import shutil

    tmp = backup_path + TEMP_SUFFIX
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    try:
        os.link(path, tmp)
    except OSError:
        shutil.copy2(path, tmp)
    os.replace(tmp, backup_path)


@contextmanager
def _atomic_url(dest: str, encoding: str) -> Iterator[TextIO]:
    """fsspec has no rename guarantee everywhere: write a temporary object, then move it."""
    fs, path = _fsspec().core.url_to_fs(dest)
    tmp = path + TEMP_SUFFIX
    parent = fs._parent(path)
    if parent:
        fs.makedirs(parent, exist_ok=True)  # a no-op on object stores; needed for file://
    try:
        with fs.open(tmp, "wb") as raw:
            f = codecs.getwriter(encoding)(raw)
            yield f
        fs.mv(tmp, path)
    except BaseException:
        try:
            fs.rm(tmp)
        except Exception:
            pass
        raise

"""Safe reading and atomic writing (in-process)."""

from __future__ import annotations

import codecs
import os

import pytest

from ocrclean import textio


@pytest.mark.parametrize("data, encoding, method", [
    ("plain ascii".encode(), "utf-8", "utf-8"),
    ("naïve café".encode("utf-8"), "utf-8", "utf-8"),
    (codecs.BOM_UTF8 + "x".encode(), "utf-8-sig", "bom"),
    ("text".encode("utf-16"), "utf-16", "bom"),
    (b"", "utf-8", "utf-8"),
    ("Le château était situé près du fleuve, à côté de l'église.".encode("cp1252"), "cp1252",
     "charset-normalizer"),
])
def test_detect_encoding(data, encoding, method):
    d = textio.detect_encoding(data)
    assert (d.encoding, d.method) == (encoding, method)


def test_utf8_sample_cut_mid_character_is_still_utf8():
    data = "é".encode("utf-8") * 10
    assert textio.detect_encoding(data[:-1], complete=False).encoding == "utf-8"
    assert textio.detect_encoding(data[:-1], complete=True).encoding != "utf-8"


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03", b"ELF\x02\x01\x00\x00" + bytes(range(200))])
def test_binary_is_refused(data):
    with pytest.raises(textio.BinaryFileError):
        textio.detect_encoding(data)


def test_open_binary_refuses_fifo_and_directory(tmp_path):
    os.mkfifo(tmp_path / "p")
    with pytest.raises(textio.InputError, match="FIFO"):
        textio.open_binary(str(tmp_path / "p"))
    with pytest.raises(textio.InputError, match="directory"):
        textio.open_binary(str(tmp_path))


def test_permission_error_becomes_input_error(tmp_path, monkeypatch):
    def deny(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(textio.os, "open", deny)
    with pytest.raises(textio.InputError, match="permission denied"):
        textio.open_binary(str(tmp_path / "x.txt"))


def test_atomic_output_replaces_only_on_success(tmp_path):
    dest = tmp_path / "d.txt"
    dest.write_text("old")
    with pytest.raises(RuntimeError):
        with textio.atomic_output(str(dest)) as f:
            f.write("half")
            raise RuntimeError("boom")
    assert dest.read_text() == "old"
    assert os.listdir(tmp_path) == ["d.txt"]
    with textio.atomic_output(str(dest), encoding="cp1252") as f:
        f.write("new \u00e9\r\n")
        assert dest.read_text() == "old"          # not visible before the rename
    assert dest.read_bytes() == b"new \xe9\r\n"    # no newline translation


def test_atomic_output_keyboard_interrupt_leaves_no_temp(tmp_path):
    dest = tmp_path / "sub" / "d.txt"
    with pytest.raises(KeyboardInterrupt):
        with textio.atomic_output(str(dest)) as f:
            f.write("x")
            assert textio.temp_files_for(str(dest))
            raise KeyboardInterrupt
    assert not dest.exists() and textio.temp_files_for(str(dest)) == []


def test_backup_keeps_the_old_content(tmp_path):
    dest = tmp_path / "d.txt"
    dest.write_text("old")
    with textio.atomic_output(str(dest), backup=".bak", mode_from=str(dest)) as f:
        f.write("new")
    assert dest.read_text() == "new" and (tmp_path / "d.txt.bak").read_text() == "old"


def test_fsspec_memory_urls():
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/ocrtest/in/a.txt", b"A b .\n")
    with textio.open_binary("memory://ocrtest/in/a.txt") as f:
        assert f.read() == b"A b .\n"
    with textio.atomic_output("memory://ocrtest/out/a.txt") as f:
        f.write("done")
    assert fs.cat("/ocrtest/out/a.txt") == b"done"
    with pytest.raises(textio.InputError, match="no such file"):
        textio.open_binary("memory://ocrtest/nothing.txt")


def test_file_url_output_into_a_new_folder(tmp_path):
    pytest.importorskip("fsspec")
    dest = tmp_path / "new" / "deeper" / "a.txt"
    with textio.atomic_output(dest.as_uri()) as f:
        f.write("done")
    assert dest.read_text(encoding="utf-8") == "done"
    assert [p.name for p in dest.parent.iterdir()] == ["a.txt"]  # no temporary file left

"""Bad input through the console script: one clear stderr line per file, the run
goes on, exit 1 when a file failed; Ctrl-C leaves no half-written output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_cli_helpers import (  # noqa: E402
    CLEAN_1, FAST, OCRCLEAN, RAW_1, drop_root_privileges_prefix, err_lines, files_under,
    make_big_text, no_traceback, run,
)


@pytest.fixture
def good(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(RAW_1)
    return tmp_path


def assert_good_one_cleaned(root: Path) -> None:
    assert (root / "out" / "good.txt").read_text() == CLEAN_1


def make_binary(p: Path) -> str:
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return "contains NUL bytes: looks like a binary file, not text"


def make_dangling_symlink(p: Path) -> str:
    p.symlink_to(p.parent / "gone-away.txt")
    return "no such file (it does not exist, or vanished during the run)"


def make_symlink_loop(p: Path) -> str:
    p.symlink_to(p.name)
    return "too many levels of symbolic links"


def make_fifo(p: Path) -> str:
    os.mkfifo(p)
    return "not a regular file: a FIFO (named pipe)"


def make_undecodable_utf16(p: Path) -> str:
    # a UTF-16 byte-order mark followed by an odd, truncated code unit
    p.write_bytes(b"\xff\xfeA\x00\x00\xd8")
    return "not valid utf-16"


@pytest.mark.parametrize("make", [make_binary, make_dangling_symlink, make_symlink_loop, make_fifo,
                                  make_undecodable_utf16])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_file_gets_one_line_and_the_run_goes_on(good, make, jobs):
    bad = good / "in" / "bad.txt"
    reason = make(bad)
    before = bad.read_bytes() if bad.is_file() and not bad.is_symlink() else None
    p = run(["clean", "in", "-o", "out", "--jobs", jobs, *FAST], cwd=good, timeout=30)
    assert p.returncode == 1
    lines = err_lines(p)
    assert len(lines) == 1, lines
    assert lines[0].startswith("ocrclean: in/bad.txt: " + reason)
    assert no_traceback(p)
    assert_good_one_cleaned(good)
    assert not (good / "out" / "bad.txt").exists()
    if before is not None:
        assert bad.read_bytes() == before


def test_nonexistent_path_is_reported_and_others_still_run(good):
    p = run(["clean", "nowhere", "in/good.txt", "in/missing.txt", "-o", "out", *FAST], cwd=good)
    assert p.returncode == 1
    assert err_lines(p) == ["ocrclean: nowhere: no such file or folder",
                            "ocrclean: in/missing.txt: no such file or folder"]
    assert_good_one_cleaned(good)


def test_all_good_exits_0(good):
    p = run(["clean", "in", "-o", "out", *FAST], cwd=good)
    assert p.returncode == 0 and err_lines(p) == []


def test_permission_denied(good):
    prefix = drop_root_privileges_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    locked = good / "in" / "locked.txt"
    locked.write_text("Secret .\n")
    locked.chmod(0)
    try:
        p = run(["clean", "in", "-o", "out", *FAST], cwd=good, prefix=prefix)
    finally:
        locked.chmod(0o644)
    assert p.returncode == 1
    assert err_lines(p) == ["ocrclean: in/locked.txt: permission denied"]
    assert_good_one_cleaned(good)
    assert locked.read_text() == "Secret .\n"


def test_unwritable_output_is_a_per_file_failure(good):
    prefix = drop_root_privileges_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv")
    out = good / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        p = run(["clean", "in", "-o", "out", *FAST], cwd=good, prefix=prefix)
    finally:
        out.chmod(0o755)
    assert p.returncode == 1
    assert err_lines(p) == ["ocrclean: in/good.txt: permission denied"]
    assert files_under(out) == []


def _wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_file_vanishing_during_the_run(tmp_path):
    """z.txt is listed when the run starts and deleted while a.txt is being cleaned."""
    src = tmp_path / "in"
    src.mkdir()
    make_big_text(src / "a.txt", 6)
    (src / "z.txt").write_text("Soon gone .\n")
    out = tmp_path / "out"
    proc = subprocess.Popen([*OCRCLEAN, "clean", "in", "-o", "out", "--jobs", "1", *FAST],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert _wait_for(lambda: any(out.glob(".a.txt.*.ocrclean-tmp"))), "a.txt never started"
        (src / "z.txt").unlink()
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 1
    lines = [x for x in stderr.decode().splitlines() if x.strip()]
    assert lines == ["ocrclean: in/z.txt: no such file (it does not exist, or vanished during the run)"]
    assert (out / "a.txt").stat().st_size > 5_000_000
    assert not (out / "z.txt").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_leaves_no_partial_output(tmp_path, jobs):
    src = tmp_path / "in"
    src.mkdir()
    make_big_text(src / "a.txt", 8)
    make_big_text(src / "b.txt", 8)
    raw_a = (src / "a.txt").read_bytes()
    out = tmp_path / "out"
    proc = subprocess.Popen([*OCRCLEAN, "clean", "in", "-o", "out", "--jobs", jobs, *FAST],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert _wait_for(lambda: any(out.rglob("*.ocrclean-tmp"))), "no output was started"
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert b"Traceback" not in stderr
    assert b"interrupted" in stderr
    assert not [f for f in files_under(out) if f.endswith(".ocrclean-tmp")]
    # anything left in out/ is a complete output, never a half-written one
    for name in ("a.txt", "b.txt"):
        if (out / name).exists():
            data = (out / name).read_bytes()
            assert data.endswith(b"complete and correct.\n") and len(data) > 0.8 * len(raw_a)
    assert (src / "a.txt").read_bytes() == raw_a

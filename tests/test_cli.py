"""The `ocrclean` console script, driven through subprocess on temporary trees."""

from __future__ import annotations

import json
import subprocess
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_cli_helpers import CLEAN_1, FAST, RAW_1, err_lines, files_under, no_traceback, run  # noqa: E402

from ocrclean import Edit, apply_edits  # noqa: E402


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def tree(tmp_path):
    """in/a.txt, in/sub/b.txt, in/sub/deep/c.txt, plus files the default glob must skip."""
    src = tmp_path / "in"
    write(src / "a.txt", RAW_1)
    write(src / "sub" / "b.txt", "Only one line .\n")
    write(src / "sub" / "deep" / "c.txt", "Already clean.\n")
    write(src / "notes.md", "Not a .txt file .\n")
    write(src / "drafts" / "d.txt", "Excluded draft .\n")
    return tmp_path


# ------------------------------------------------------------------ basic runs

def test_folder_is_cleaned_recursively_into_a_mirrored_tree(tree):
    p = run(["clean", "in", "-o", "out", "--exclude", "drafts", *FAST], cwd=tree)
    assert p.returncode == 0, p.stderr
    out = tree / "out"
    assert [f for f in files_under(out) if not f.startswith(".")] == ["a.txt", "sub/b.txt", "sub/deep/c.txt"]
    assert (out / "a.txt").read_text() == CLEAN_1
    assert (out / "sub" / "b.txt").read_text() == "Only one line.\n"
    assert (out / "sub" / "deep" / "c.txt").read_text() == "Already clean.\n"
    # the inputs are untouched
    assert (tree / "in" / "a.txt").read_text() == RAW_1


def test_glob_selects_other_names_and_explicit_files_are_always_taken(tree):
    p = run(["clean", "in", "-o", "out", "--glob", "*.md", *FAST], cwd=tree)
    assert p.returncode == 0
    assert [f for f in files_under(tree / "out") if not f.startswith(".")] == ["notes.md"]
    p = run(["clean", "in/notes.md", "-o", "single", *FAST], cwd=tree)
    assert p.returncode == 0
    assert (tree / "single" / "notes.md").read_text() == "Not a .txt file.\n"


def test_several_folders_keep_their_names_under_the_output(tmp_path):
    write(tmp_path / "x" / "p.txt", "One .\n")
    write(tmp_path / "y" / "p.txt", "Two .\n")
    p = run(["clean", "x", "y", "-o", "out", *FAST], cwd=tmp_path)
    assert p.returncode == 0
    assert (tmp_path / "out" / "x" / "p.txt").read_text() == "One.\n"
    assert (tmp_path / "out" / "y" / "p.txt").read_text() == "Two.\n"


def test_default_preset_runs(tmp_path):
    write(tmp_path / "s.txt", "Azerbaijan 's capital  is Baku .\n")
    p = run(["clean", "s.txt", "-o", "out"], cwd=tmp_path, timeout=120)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "out" / "s.txt").read_text() == "Azerbaijan's capital is Baku.\n"


def test_stdin_to_stdout(tmp_path):
    p = run(["clean", "-", *FAST], cwd=tmp_path, input=RAW_1.encode())
    assert p.returncode == 0
    assert p.stdout.decode() == CLEAN_1
    assert files_under(tmp_path) == []


def test_no_destination_is_a_usage_error(tree):
    p = run(["clean", "in"], cwd=tree)
    assert p.returncode == 2
    assert b"-o OUT_DIR" in p.stderr and no_traceback(p)
    assert not (tree / "out").exists()


@pytest.mark.parametrize("args, needle", [
    (["clean", "in", "-o", "out", "--enable", "no_such_fixer"], b"no_such_fixer"),
    (["clean", "in", "-o", "out", "--disable", "nope,whitespace"], b"known fixers"),
    (["clean", "in", "-o", "out", "--preset", "gentle"], b"unknown preset"),
    (["clean", "in", "-o", "out", "--option", "colour=1"], b"unknown option"),
    (["clean", "in", "-o", "out", "--in-place"], b"not both"),
    (["clean", "in", "--backup", ".orig", "-o", "out"], b"--in-place"),
    (["clean", "in", "-o", "out", "--jobs", "0"], b"jobs"),
    (["clean", "-", "in", "-o", "out"], b"stdin"),
    (["clean", "in", "-o", "out", "--output-encoding", "klingon"], b"encoding"),
    (["frobnicate"], b"No such command"),
])
def test_usage_errors_exit_2_without_traceback_or_output(tree, args, needle):
    p = run(args, cwd=tree)
    assert p.returncode == 2, p.stderr
    assert needle in p.stderr
    assert no_traceback(p)
    assert not (tree / "out").exists()


def test_unknown_fixer_message_lists_the_known_fixers(tree):
    p = run(["clean", "in", "-o", "out", "--enable", "spelling"], cwd=tree)
    assert b"whitespace" in p.stderr and b"line_unwrap" in p.stderr


# ------------------------------------------------------------------ in place

def test_in_place_rewrites_atomically_with_backup(tree):
    a = tree / "in" / "a.txt"
    c = tree / "in" / "sub" / "deep" / "c.txt"
    os.chmod(a, 0o640)
    inode_before = a.stat().st_ino
    c_mtime = c.stat().st_mtime_ns
    p = run(["clean", "in", "--in-place", "--backup", ".orig", "--exclude", "drafts", *FAST], cwd=tree)
    assert p.returncode == 0, p.stderr
    assert a.read_text() == CLEAN_1
    assert (tree / "in" / "a.txt.orig").read_text() == RAW_1
    # a rename, not a rewrite of the old file: the original inode is the backup now
    assert a.stat().st_ino != inode_before
    assert (tree / "in" / "a.txt.orig").stat().st_ino == inode_before
    assert (a.stat().st_mode & 0o777) == 0o640
    # an unchanged file is left alone: no backup, same mtime
    assert c.stat().st_mtime_ns == c_mtime
    assert not (tree / "in" / "sub" / "deep" / "c.txt.orig").exists()
    # no temporary file anywhere
    assert not [f for f in files_under(tree) if "ocrclean-tmp" in f]


def test_output_folder_equal_to_input_never_overwrites(tree):
    p = run(["clean", "in/a.txt", "-o", "in", *FAST], cwd=tree)
    assert p.returncode == 1
    assert b"--in-place" in p.stderr
    assert (tree / "in" / "a.txt").read_text() == RAW_1


# ------------------------------------------------------------------ diff / dry run

@pytest.mark.parametrize("flag", ["--diff", "--dry-run"])
def test_diff_shows_changes_and_writes_nothing(tree, flag):
    before = {f: (tree / f).read_bytes() for f in files_under(tree)}
    p = run(["clean", "in", flag, "-o", "out", *FAST, "--color", "always"], cwd=tree)
    assert p.returncode == 0
    out = p.stdout.decode()
    assert "--- a/a.txt" in out and "+++ b/a.txt" in out
    assert "\x1b[31m-and ends here .\n" in out      # removed line in red
    assert "\x1b[32m+The first line of a paragraph goes on here and ends here.\n" in out
    assert "c.txt" not in out                       # nothing to change there
    assert {f: (tree / f).read_bytes() for f in files_under(tree)} == before
    assert not (tree / "out").exists()


def test_diff_is_plain_when_not_a_terminal(tree):
    p = run(["clean", "in/a.txt", "--diff", *FAST], cwd=tree)
    assert b"\x1b[" not in p.stdout and b"-and ends here .\n" in p.stdout


# ------------------------------------------------------------------ log

def test_log_records_reproduce_the_output(tree):
    write(tree / "in" / "crlf.txt", "Line one ,\r\nline two .\r\n\r\nNext  one .\r\n")
    p = run(["clean", "in", "-o", "out", "--log", "log.jsonl", "--exclude", "drafts", *FAST], cwd=tree)
    assert p.returncode == 0
    records = [json.loads(line) for line in (tree / "log.jsonl").read_text().splitlines()]
    summaries = {r["file"]: r for r in records if r["type"] == "summary"}
    assert set(summaries) == {"a.txt", "crlf.txt", "sub/b.txt", "sub/deep/c.txt"}
    for name, s in summaries.items():
        assert s["ok"] is True and s["error"] is None
        edits = [Edit.from_dict(r) for r in records if r["type"] == "edit" and r["file"] == name]
        assert len(edits) == s["edits"]
        raw = (tree / "in" / name).read_bytes().decode()
        assert apply_edits(raw, edits) == (tree / "out" / name).read_bytes().decode()
        assert s["encoding"]["encoding"] == "utf-8"
    first = next(r for r in records if r["type"] == "edit")
    assert set(first) >= {"file", "start", "end", "before", "replacement", "fixer", "reason",
                          "confidence", "applicability"}
    assert summaries["sub/deep/c.txt"]["edits"] == 0


# ------------------------------------------------------------------ encodings

LATIN = "Le château était situé près du fleuve ; les élèves étudièrent à côté de l'église .\n"


def test_cp1252_input_is_detected_reported_and_written_as_utf8(tmp_path):
    write(tmp_path / "in" / "fr.txt", LATIN, encoding="cp1252")
    p = run(["clean", "in", "-o", "out", "--log", "log.jsonl", "--lang", "fr", *FAST], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    expected = LATIN.replace(" .\n", ".\n")
    assert (tmp_path / "out" / "fr.txt").read_bytes() == expected.encode("utf-8")
    summary = [json.loads(x) for x in (tmp_path / "log.jsonl").read_text().splitlines()][-1]
    assert summary["encoding"]["encoding"] == "cp1252"
    assert summary["encoding"]["method"] == "charset-normalizer"
    assert summary["output_encoding"] == "utf-8"


def test_keep_encoding_writes_the_input_encoding(tmp_path):
    write(tmp_path / "in" / "fr.txt", LATIN, encoding="cp1252")
    p = run(["clean", "in", "-o", "out", "--keep-encoding", "--lang", "fr", *FAST], cwd=tmp_path)
    assert p.returncode == 0
    assert (tmp_path / "out" / "fr.txt").read_bytes() == LATIN.replace(" .\n", ".\n").encode("cp1252")


def test_explicit_input_encoding(tmp_path):
    write(tmp_path / "k.txt", "Заголовок .\n", encoding="koi8_r")
    p = run(["clean", "k.txt", "-o", "out", "--encoding", "koi8-r", *FAST], cwd=tmp_path)
    assert p.returncode == 0
    assert (tmp_path / "out" / "k.txt").read_text(encoding="utf-8") == "Заголовок.\n"


# ------------------------------------------------------------------ re-runs

def test_rerun_skips_up_to_date_outputs_until_settings_or_input_change(tree):
    args = ["clean", "in", "-o", "out", "--stats", "--exclude", "drafts", *FAST]
    assert run(args, cwd=tree).returncode == 0
    a_out = tree / "out" / "a.txt"
    first_mtime = a_out.stat().st_mtime_ns
    p = run(args, cwd=tree)
    assert p.returncode == 0
    assert "up to date (skipped)           3" in p.stderr.decode()
    assert a_out.stat().st_mtime_ns == first_mtime
    # --force redoes them
    p = run([*args, "--force"], cwd=tree)
    assert "up to date (skipped)           0" in p.stderr.decode()
    assert a_out.stat().st_mtime_ns > first_mtime
    # other settings: redone
    second = a_out.stat().st_mtime_ns
    p = run(["clean", "in", "-o", "out", "--stats", "--exclude", "drafts", "--preset", "layout"], cwd=tree)
    assert "up to date (skipped)           0" in p.stderr.decode()
    assert a_out.read_text() == CLEAN_1.replace("here.", "here .").replace("paragraph.", "paragraph .")
    # a touched input: only that one is redone
    time.sleep(0.01)
    (tree / "in" / "sub" / "b.txt").write_text("Changed .\n")
    p = run(["clean", "in", "-o", "out", "--stats", "--exclude", "drafts", "--preset", "layout"], cwd=tree)
    assert "up to date (skipped)           2" in p.stderr.decode()
    assert a_out.stat().st_mtime_ns >= second


# ------------------------------------------------------------------ configuration

def test_config_is_found_upward_and_flags_override_it(tree):
    (tree / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.ocrclean]\npreset = "layout"\n'
        'enable = ["punctuation_spacing"]\nexclude = ["drafts"]\nglob = ["*.txt", "*.md"]\n')
    work = tree / "in" / "sub"
    p = run(["clean", "..", "-o", "../../out"], cwd=work)   # config two folders up
    assert p.returncode == 0, p.stderr
    names = [f for f in files_under(tree / "out") if not f.startswith(".")]
    assert names == ["a.txt", "notes.md", "sub/b.txt", "sub/deep/c.txt"]
    assert (tree / "out" / "a.txt").read_text() == CLEAN_1
    # a flag beats the file: without punctuation_spacing the " ." stays
    p = run(["clean", "../a.txt", "-o", "../../out2", "--disable", "punctuation_spacing"], cwd=work)
    assert (tree / "out2" / "a.txt").read_text().endswith("Second paragraph .\n")
    # an ocrclean.toml nearer the working folder wins
    (work / "ocrclean.toml").write_text('preset = "layout"\n')
    p = run(["clean", "b.txt", "-o", "../../out3"], cwd=work)
    assert (tree / "out3" / "b.txt").read_text() == "Only one line .\n"
    # --no-config ignores them all (default preset fixes the stray space)
    p = run(["clean", "b.txt", "-o", "../../out4", "--no-config", *FAST], cwd=work)
    assert (tree / "out4" / "b.txt").read_text() == "Only one line.\n"


@pytest.mark.parametrize("content, needle", [
    ('preset = "layout"\ncolour = "red"\n', b"unknown key 'colour'"),
    ('jobs = "many"\n', b"jobs must be a whole number"),
    ('preset = \n', b"not valid TOML"),
])
def test_bad_config_is_a_usage_error_naming_the_file(tree, content, needle):
    (tree / "ocrclean.toml").write_text(content)
    p = run(["clean", "in", "-o", "out"], cwd=tree)
    assert p.returncode == 2
    assert needle in p.stderr and b"ocrclean.toml" in p.stderr
    assert no_traceback(p)


# ------------------------------------------------------------------ other commands

def test_fixers_lists_every_fixer():
    from ocrclean import fixer_table

    p = run(["fixers", "--json"], cwd=Path.cwd())
    rows = json.loads(p.stdout)
    assert [r["name"] for r in rows] == [r["name"] for r in fixer_table()]
    p = run(["fixers"], cwd=Path.cwd())
    assert b"line_unwrap" in p.stdout and b"safe" in p.stdout


def test_explain_shows_each_edit_with_context_and_reason(tree):
    p = run(["explain", "in/a.txt", *FAST], cwd=tree)
    assert p.returncode == 0
    out = p.stdout.decode()
    assert "in/a.txt:1:25: hyphen_rejoin" in out          # line 1, column 25: the "-\n"
    assert "'-\\n' -> ''" in out
    assert "in/a.txt:3:14: punctuation_spacing" in out
    assert "[\\n\\n\\n\\n\u2192\\n\\n]" in out             # context line shows the change
    assert out.rstrip().endswith("6 edits")


def test_explain_bad_file_is_one_line(tree):
    p = run(["explain", "in/missing.txt"], cwd=tree)
    assert p.returncode == 1
    assert err_lines(p) == ["ocrclean: in/missing.txt: no such file (it does not exist, or vanished during the run)"]


def test_dask_scheduler_without_dask_installed_is_a_clear_error(tree):
    # run the CLI in a Python where importing dask fails, as for a user without ocrclean[dask]
    code = ("import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None; "
            "from ocrclean.cli import main; sys.argv[0] = 'ocrclean'; sys.exit(main())")
    p = subprocess.run([sys.executable, "-c", code, "clean", "in", "-o", "out",
                        "--dask-scheduler", "tcp://127.0.0.1:1", *FAST], cwd=tree, capture_output=True)
    assert p.returncode == 2, p.stderr
    assert b"--dask-scheduler" in p.stderr and b'pip install "ocrclean[dask]"' in p.stderr
    assert no_traceback(p)
    assert not (tree / "out").exists() or not any((tree / "out").rglob("*.txt"))


def test_python_dash_m_works(tree):
    import subprocess

    p = subprocess.run([sys.executable, "-m", "ocrclean", "clean", "-", *FAST], input=b"A b .\n",
                       capture_output=True, cwd=tree)
    assert p.stdout == b"A b.\n"


def test_stats_table(tree):
    p = run(["clean", "in", "-o", "out", "--stats", *FAST], cwd=tree)
    text = p.stderr.decode()
    assert "files                            4" in text
    assert "  failed                         0" in text
    assert "punctuation_spacing" in text and "MB read" in text


def test_learn_then_clean_with_the_model(tmp_path):
    import importlib.util

    if importlib.util.find_spec("ocrclean.errormodel") is None:
        pytest.skip("no ocrclean.errormodel in this installation")
    pairs = tmp_path / "pairs"
    write(pairs / "one.ocr.txt", "Tbe cat sat on tbe mat.\nI rnet hirn there.\n")
    write(pairs / "one.gt.txt", "The cat sat on the mat.\nI met him there.\n")
    p = run(["learn", "pairs", "-o", "model.json"], cwd=tmp_path, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads((tmp_path / "model.json").read_text())
    p = run(["clean", "-", "--model", "model.json"], cwd=tmp_path, input=b"Tbe rnan saw hirn.\n", timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout == b"The man saw him.\n"
    p = run(["clean", "-", "--model", "missing.json"], cwd=tmp_path, input=b"x")
    assert p.returncode == 2 and no_traceback(p)


def test_dask_run_matches_a_local_run(tree):
    pytest.importorskip("distributed")
    import importlib.util

    if importlib.util.find_spec("ocrclean.dask_backend") is None:
        pytest.skip("no ocrclean.dask_backend")
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:
        p = run(["clean", "in", "-o", "dask_out", "--log", "dask.jsonl", *FAST,
                 "--dask-scheduler", cluster.scheduler_address], cwd=tree, timeout=120)
    assert p.returncode == 0, p.stderr
    assert run(["clean", "in", "-o", "local_out", "--log", "local.jsonl", *FAST], cwd=tree).returncode == 0
    names = [f for f in files_under(tree / "local_out") if not f.startswith(".")]
    assert names == [f for f in files_under(tree / "dask_out") if not f.startswith(".")]
    for name in names:
        assert (tree / "dask_out" / name).read_bytes() == (tree / "local_out" / name).read_bytes()

    def edits(log):
        recs = [json.loads(x) for x in (tree / log).read_text().splitlines()]
        return sorted(json.dumps(r, sort_keys=True) for r in recs if r["type"] == "edit")

    assert edits("dask.jsonl") == edits("local.jsonl")


def _run_on_terminal(args, cwd) -> tuple[int, str]:
    """Run ocrclean with stdout and stderr on a pseudo-terminal (100 columns)."""
    import fcntl
    import pty
    import select
    import struct
    import subprocess
    import termios

    from test_cli_helpers import OCRCLEAN

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([*OCRCLEAN, *args], cwd=cwd, stdin=slave, stdout=slave, stderr=slave,
                            close_fds=True)
    os.close(slave)
    buf = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        buf += data
    os.close(master)
    return proc.wait(timeout=30), buf.decode("utf-8", "replace")


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path, quiet):
    for i in range(30):
        write(tmp_path / "in" / f"f{i:02d}.txt", RAW_1 * 200)
    code, shown = _run_on_terminal(["clean", "in", "-o", "out", *FAST] + (["-q"] if quiet else []), tmp_path)
    assert code == 0
    if quiet:
        assert shown.strip() == ""
    else:
        assert "cleaning:" in shown and "30/30 files" in shown and "B/s" in shown
        assert "M/" in shown or "k/" in shown            # sizes in kB/MB


def test_log_may_go_into_a_folder_that_does_not_exist_yet(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Armenia .\n", encoding="utf-8")
    out = tmp_path / "out"
    p = run(["clean", "in", "-o", "out", "--log", "out/logs/e.jsonl", "-q", *FAST], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == "Armenia.\n"
    assert '"fixer": "punctuation_spacing"' in (out / "logs" / "e.jsonl").read_text(encoding="utf-8")

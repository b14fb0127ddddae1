"""Jobs, outcomes and block streaming (in-process)."""

from __future__ import annotations

import os
import pickle

from hypothesis import given, settings as hsettings, strategies as st

from ocrclean import apply_edits, clean
from ocrclean.batch import FileJob, Manifest, Settings, plan_jobs, process_file, run_local
from ocrclean.stream import clean_blocks, find_cut

FAST = Settings(preset="layout", enable=("punctuation_spacing",), collect_edits=True)


def test_settings_and_outcomes_pickle(tmp_path):
    (tmp_path / "a.txt").write_text("A b .\n")
    out = process_file(FileJob(str(tmp_path / "a.txt"), str(tmp_path / "o" / "a.txt"), "a.txt"), FAST)
    assert pickle.loads(pickle.dumps(FAST)) == FAST
    again = pickle.loads(pickle.dumps(out))
    assert again.ok and again.edits == out.edits and (tmp_path / "o" / "a.txt").read_text() == "A b.\n"


def test_fingerprint_changes_with_what_changes_output():
    base = Settings().fingerprint()
    assert Settings().fingerprint() == base
    assert Settings(preset="layout").fingerprint() != base
    assert Settings(options={"lang": "fr"}).fingerprint() != base
    assert Settings(output_encoding="keep").fingerprint() != base
    assert Settings(collect_edits=True).fingerprint() == base   # the log does not change output


def test_vanished_file_is_an_outcome_not_an_exception(tmp_path):
    p = tmp_path / "v.txt"
    p.write_text("x")
    jobs, problems = plan_jobs([str(tmp_path)], str(tmp_path / "out"))
    p.unlink()
    out = process_file(jobs[0], FAST)
    assert not out.ok and "vanished" in out.error and not (tmp_path / "out" / "v.txt").exists()


def test_plan_mirrors_relative_names_and_skips_the_output_folder(tmp_path):
    for rel in ("a/x.txt", "a/b/y.txt", "a/b/z.md", "a/out/old.txt"):
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("t")
    jobs, problems = plan_jobs([str(tmp_path / "a"), str(tmp_path / "nope")], str(tmp_path / "a" / "out"))
    assert sorted(j.name for j in jobs) == ["b/y.txt", "x.txt"]
    assert [p.path for p in problems] == [str(tmp_path / "nope")]
    assert all(j.destination == str(tmp_path / "a" / "out" / j.name) for j in jobs)
    assert all(os.path.isabs(j.source) for j in jobs)


def test_run_local_pool_matches_serial(tmp_path):
    jobs = []
    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text(f"Line {i} ,\nwrapped  here .\n")
        jobs.append(FileJob(str(tmp_path / f"f{i}.txt"), str(tmp_path / "o" / f"f{i}.txt"), f"f{i}.txt"))
    serial = {o.name: o.edits for o in run_local(jobs, FAST, 1)}
    pooled = {o.name: o.edits for o in run_local(jobs, FAST, 2)}
    assert serial == pooled and len(serial) == 6


def test_manifest_round_trip(tmp_path):
    (tmp_path / "in.txt").write_text("x")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "in.txt").write_text("x")
    job = FileJob(str(tmp_path / "in.txt"), str(tmp_path / "out" / "in.txt"), "in.txt")
    m = Manifest(str(tmp_path / "out"))
    assert not m.up_to_date(job, "abc")
    m.record(job, "abc")
    m.save()
    m2 = Manifest(str(tmp_path / "out"))
    assert m2.up_to_date(job, "abc") and not m2.up_to_date(job, "other")


def test_find_cut_never_splits_crlf():
    t = "para one\r\n\r\npara two\r\n\r\npara three"
    for lo in range(len(t)):
        cut = find_cut(t, lo, False)
        if cut is not None:
            assert not (t[cut - 1] == "\r" and t[cut] == "\n")
            assert t[cut - 1] == "\n" and t[cut:].startswith("para")


PARAS = st.lists(
    st.text(alphabet="ab .,-\n\r\t", min_size=0, max_size=60), min_size=1, max_size=12)


@hsettings(max_examples=60, deadline=None)
@given(PARAS, st.integers(5, 80), st.integers(0, 40), st.integers(1, 50))
def test_blocks_concatenate_to_a_consistent_whole(paras, block, context, chunk):
    raw = "\n\n".join(paras)
    chunks = [raw[i:i + chunk] for i in range(0, len(raw), chunk)]
    blocks = list(clean_blocks(chunks, lambda t: clean(t, preset="layout"), block_chars=block,
                               context_chars=context))
    assert "".join(b.raw for b in blocks) == raw
    out = "".join(b.text for b in blocks)
    edits = [e for b in blocks for e in b.edits]
    assert apply_edits(raw, edits) == out            # offsets are whole-text offsets
    for b in blocks:
        assert raw[b.start:b.start + len(b.raw)] == b.raw


def test_one_block_equals_the_library():
    raw = "First  line ,\nwrapped .\n\n\nNext para-\ngraph .\n"
    blocks = list(clean_blocks([raw[:7], raw[7:]], clean, block_chars=10_000))
    assert len(blocks) == 1 and blocks[0].text == clean(raw).text


def test_many_blocks_equal_the_library_on_ordinary_paragraphs():
    para = "The minutes of the meeting were read ,\nand approved  by all the mem-\nbers present .\n\n"
    raw = para * 200
    blocks = list(clean_blocks([raw], lambda t: clean(t, preset="layout"), block_chars=2000,
                               context_chars=500))
    assert len(blocks) > 5
    assert "".join(b.text for b in blocks) == clean(raw, preset="layout").text

"""clean_many: equal to clean(), result for result, in order, lazily, over processes."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import ocrclean
from ocrclean import clean, clean_many
from ocrclean.many import resolve_n_jobs

SEED = Path(__file__).resolve().parent.parent / "data" / "samples" / "seed.ocr.txt"

# Synthetic OCR-like snippets (written for these tests), with and without damage.
SNIPPETS = [
    "Tbe  committee met on 3 May 1901 , and tbe chairman spoke .",
    "The report was exam-\nined by the board and approved.",
    "UI\\J delegates from Armenia ,Azerbaijan and Georgia 's capital",
    "A clean sentence that must not change.",
    "See https://example.org/a-b_c?x=1 or mail j.doe@example.com .",
    "Mojibake: cafÃ© and naÃ¯ve, then\r\nWindows line ends.\r\n",
    "",
    "   leading and trailing spaces   ",
    "well-\nknown facts and co-\noperation between 1/l/I and 0/O",
    "Il a dit : « oui » ; puis il est parti !",
]


def _random_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = ["tbe", "the", "rn", "modern", "exam-\nple", "UI\\J", "1901", ",", " .", "Mr,", "Smith",
             "http://a.org", "  ", "\n", "\n\n", "co-\noperation", "'s", "naÃ¯ve", "I", "l", "0"]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(0, 25))) for _ in range(n)]


@pytest.mark.parametrize("options", [
    {},
    {"preset": "aggressive"},
    {"preset": "layout"},
    {"lang": "fr"},
    {"disable": ["whitespace"]},
    {"min_confidence": 0.9, "straighten_quotes": True},
])
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_equals_clean_result_for_result(options, n_jobs):
    texts = SNIPPETS * 3 + [SEED.read_text(encoding="utf-8")]
    got = list(clean_many(texts, n_jobs=n_jobs, batch_size=4, **options))
    want = [clean(t, **options) for t in texts]
    assert got == want
    # equality covers text, raw and the log; the rest of the result must match too
    assert [r.suggestions for r in got] == [r.suggestions for r in want]
    assert [r.to_dict() for r in got] == [r.to_dict() for r in want]


def test_parallel_keeps_input_order_over_many_batches():
    texts = _random_texts(600)
    got = list(clean_many(iter(texts), n_jobs=2, batch_size=7))
    assert [r.raw for r in got] == texts
    assert got == [clean(t) for t in texts]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("abtheIl10O .,'-\n\r|\\UJ é"), max_size=40), max_size=12),
       st.integers(min_value=1, max_value=5))
def test_property_serial_stream_equals_clean(texts, batch_size):
    assert list(clean_many(texts, batch_size=batch_size)) == [clean(t) for t in texts]


def test_results_keep_offset_maps_after_travelling_between_processes():
    text = "Tbe  committee of UI\\J delegates ,  1901 ."
    (r,) = [x for x in clean_many([text] * 3, n_jobs=2, batch_size=1)][:1]
    ref = clean(text)
    assert r.edits == ref.edits
    for i in range(len(r.text) + 1):
        assert r.to_raw(i) == ref.to_raw(i)
    assert pickle.loads(pickle.dumps(r)) == ref


def test_serial_reads_input_lazily():
    consumed = []

    def gen():
        for i in range(10**9):
            consumed.append(i)
            yield f"text {i} ."

    it = clean_many(gen())
    assert consumed == []  # nothing read before the first result is asked for
    assert next(it).text == "text 0."
    assert len(consumed) == 1


def test_parallel_reads_input_in_bounded_windows():
    consumed = []

    def gen():
        for i in range(10**9):  # effectively endless: must never be read to the end
            consumed.append(i)
            yield f"text {i} ."

    it = clean_many(gen(), n_jobs=2, batch_size=5)
    first = [next(it) for _ in range(12)]
    assert [r.text for r in first] == [f"text {i}." for i in range(12)]
    # a few batches per worker in flight, never the whole stream
    assert len(consumed) <= 5 * 2 * 3 + 5 + 12
    it.close()  # stops the workers; must not hang


def test_empty_input_and_single_batch():
    assert list(clean_many([], n_jobs=2)) == []
    assert list(clean_many(["tbe  cat"], n_jobs=2)) == [clean("tbe  cat")]


def test_bad_options_fail_before_any_text_is_read():
    def gen():
        raise AssertionError("input must not be read")
        yield ""  # pragma: no cover

    with pytest.raises(TypeError, match="unknown option"):
        clean_many(gen(), colour="red")
    with pytest.raises(ValueError, match="unknown preset"):
        clean_many(gen(), preset="gentle")
    with pytest.raises(ocrclean.UnknownFixerError):
        clean_many(gen(), disable=["no_such_fixer"])
    with pytest.raises(ValueError, match="batch_size"):
        clean_many(gen(), batch_size=0)
    with pytest.raises(ValueError, match="n_jobs"):
        clean_many(gen(), n_jobs=0)
    with pytest.raises(TypeError, match="n_jobs"):
        clean_many(gen(), n_jobs="4")


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_a_rejected_text_raises_in_its_place(n_jobs):
    texts = ["one .", "two .", b"bytes are not text", "four ."] + ["more ."] * 10
    seen = []
    with pytest.raises(TypeError, match="decode bytes first"):
        for r in clean_many(texts, n_jobs=n_jobs, batch_size=2):
            seen.append(r.text)
    assert seen == ["one.", "two."]


def test_resolve_n_jobs():
    cores = resolve_n_jobs(-1)
    assert cores >= 1
    assert resolve_n_jobs(None) == cores
    assert resolve_n_jobs(-2) == max(1, cores - 1)
    assert resolve_n_jobs(-1000) == 1
    assert resolve_n_jobs(5) == 5


def test_spawned_workers_build_their_own_pipeline():
    import multiprocessing

    texts = _random_texts(120, seed=3)
    got = list(clean_many(texts, n_jobs=2, batch_size=16, preset="layout",
                          mp_context=multiprocessing.get_context("spawn")))
    assert got == [clean(t, preset="layout") for t in texts]

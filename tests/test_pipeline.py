"""The public API: clean(), CleanResult, Pipeline, presets, the registry, bad input."""

import json
import pickle
from pathlib import Path

import pytest

import ocrclean
from ocrclean import Applicability, CleanResult, Pipeline, UnknownFixerError, apply_edits, revert_edits

SEED = (Path(__file__).resolve().parent.parent / "data" / "samples" / "seed.ocr.txt").read_text(encoding="utf-8")


def test_clean_returns_text_edits_and_maps():
    raw = "Azerbaijan 's  UI\\J\nSecurity Council ."
    r = ocrclean.clean(raw)
    assert isinstance(r, CleanResult)
    assert r.text == "Azerbaijan's UN Security Council."
    assert str(r) == r.text and r.raw == raw
    assert apply_edits(raw, r.edits) == r.text
    assert revert_edits(r.text, r.edits) == raw
    # edits sorted, never overlapping, each with a fixer, a reason and a confidence
    assert [e.start for e in r.edits] == sorted(e.start for e in r.edits)
    assert all(a.end <= b.start for a, b in zip(r.edits, r.edits[1:]))
    assert all(e.fixer and e.reason and 0 < e.confidence <= 1 for e in r.edits)


def test_raw_span_points_back_at_the_page():
    raw = "the UI\\J Security\nCouncil met"
    r = ocrclean.clean(raw)
    s = r.text.index("UN Security Council")
    rs, re_ = r.raw_span(s, s + len("UN Security Council"))
    assert raw[rs:re_] == "UI\\J Security\nCouncil"
    assert r.to_raw(r.text.index("met")) == raw.index("met")
    assert r.to_clean(raw.index("met")) == r.text.index("met")
    assert r.clean_span(rs, re_) == (s, s + len("UN Security Council"))


def test_seed_statement():
    r = ocrclean.clean(SEED)
    for fixed in ("Mr. President,", "UN Security Council", "Azerbaijan's imperative", "regretfully, to be",
                  "by Armenia. As for", "Azerbaijan,"):
        assert fixed in r.text
    assert not r.text.startswith(" ") and "\n\n\n" not in r.text
    assert apply_edits(SEED, r.edits) == r.text


def test_edits_serialise_to_json_and_back():
    r = ocrclean.clean(SEED)
    records = json.loads(json.dumps([e.to_dict() for e in r.edits]))
    edits = [ocrclean.Edit.from_dict(d) for d in records]
    assert apply_edits(SEED, edits) == r.text
    d = json.loads(json.dumps(r.to_dict()))
    assert d["text"] == r.text and len(d["edits"]) == len(r.edits)


def test_result_pickles_and_compares():
    r = ocrclean.clean(SEED)
    r2 = pickle.loads(pickle.dumps(r))
    assert r2 == r and r2.edits == r.edits and r2.text == r.text


class TestPresets:
    def test_layout_preset_runs_only_layout_fixers(self):
        raw = "Mr, Smith saw the UI\\J exam-\nple ."
        r = ocrclean.clean(raw, preset="layout")
        assert "UI\\J" in r.text and "Mr," in r.text and "example" in r.text
        assert {e.fixer for e in r.edits} <= set(ocrclean.PRESETS["layout"]["fixers"])

    def test_default_applies_only_safe_edits(self):
        r = ocrclean.clean(SEED)
        assert all(e.applicability == Applicability.SAFE for e in r.edits)

    def test_aggressive_applies_unsafe_suggestions(self):
        def risky(text, ctx):
            if "colour" in text:
                i = text.index("colour")
                yield ocrclean.Proposal(i, i + 6, "color", "US spelling", 0.9, Applicability.UNSAFE)

        ocrclean.register("test_us_spelling", stage="words", description="test only",
                          applicability=Applicability.UNSAFE)(risky)
        try:
            assert ocrclean.clean("the colour red").text == "the colour red"
            assert "test_us_spelling" not in Pipeline().names
            r = Pipeline("aggressive").clean("the colour red")
            assert r.text == "the color red"
            assert r.edits[0].applicability == Applicability.UNSAFE
            # enabling it in the default preset still applies only safe edits: reported instead
            r = ocrclean.clean("the colour red", enable=["test_us_spelling"])
            assert r.text == "the colour red" and r.suggestions[0].replacement == "color"
        finally:
            del ocrclean.FIXERS["test_us_spelling"]

    def test_unknown_preset(self):
        with pytest.raises(ValueError, match="unknown preset 'nope'.*default"):
            ocrclean.clean("x", preset="nope")


class TestSelection:
    def test_enable_disable_only(self):
        p = Pipeline()
        assert p.names == [n for n in ocrclean.FIXER_ORDER if n in p.names]
        assert "whitespace" not in Pipeline(disable=["whitespace"]).names
        assert Pipeline(only=["whitespace", "line_endings"]).names == ["line_endings", "whitespace"]
        # an enabled fixer runs in its own place in FIXER_ORDER, not at the end
        names = Pipeline("layout").enable("glyph_artifacts").names
        assert names.index("line_endings") < names.index("glyph_artifacts") < names.index("running_headers")

    def test_disable_changes_output(self):
        raw = "Armenia ."
        assert ocrclean.clean(raw).text == "Armenia."
        assert ocrclean.clean(raw, disable=["punctuation_spacing"]).text == raw

    def test_unknown_fixer_lists_known_ones(self):
        with pytest.raises(UnknownFixerError) as exc:
            ocrclean.clean("x", disable=["no_such_fixer"])
        msg = str(exc.value)
        assert "no_such_fixer" in msg and "line_unwrap" in msg and "hyphen_rejoin" in msg

    def test_unknown_option_is_a_type_error(self):
        with pytest.raises(TypeError, match="unknown option.*'colour'.*known options.*lang"):
            ocrclean.clean("x", colour=True)

    @pytest.mark.parametrize("bad", [{"min_confidence": 2}, {"lang": ""}])
    def test_bad_option_values(self, bad):
        with pytest.raises(ValueError):
            ocrclean.clean("x", **bad)


def test_registry_describes_every_fixer():
    rows = ocrclean.fixer_table()
    names = [r["name"] for r in rows]
    assert names == [n for n in ocrclean.FIXER_ORDER if n in names]
    for r in rows:
        assert r["stage"] in ocrclean.registry.STAGES
        assert r["applicability"] in ("safe", "unsafe", "display-only")
        assert len(r["description"]) > 10
        assert r["name"] in ocrclean.FIXERS
        doc = ocrclean.FIXERS[r["name"]].func.__doc__
        assert doc and ">>>" in doc, f"{r['name']} needs a docstring with an example"


class TestBadInput:
    @pytest.mark.parametrize("bad", [b"bytes", None, 42, ["a list"]])
    def test_non_str_is_a_type_error(self, bad):
        with pytest.raises(TypeError, match="expects the OCR text as a str"):
            ocrclean.clean(bad)

    @pytest.mark.parametrize("raw", [
        "",
        "\x00\x00NUL\x00",
        "lone \ud800 surrogate \udfff here",
        "mixed\r\nline\rends\n\fand\x0cform feeds\r\n",
        "\f\f\f",
        "-\n-\n-",
        "|\\|/\\/|",
    ])
    def test_odd_text_is_handled(self, raw):
        r = ocrclean.clean(raw)
        assert apply_edits(raw, r.edits) == r.text
        r.text.encode("utf-8")  # lone surrogates are repaired: the output can be written

    @pytest.mark.parametrize("unit", [" ", "| ", "1l", "a .", "( ", "\n a", "a 's ", "-", "\f\n", "UI\\J "])
    def test_long_pathological_runs(self, unit):
        # 200,000 characters of one pattern: a fixer whose time grows with the
        # square of a run (a regex retried at every position of a long run of
        # spaces did) would take minutes here; benchmarks/adversarial.py measures
        # the growth itself
        raw = unit * (200_000 // len(unit))
        r = ocrclean.clean(raw)
        assert apply_edits(raw, r.edits) == r.text

    def test_ten_megabyte_single_line(self):
        raw = ("word " * 2_000_000)[:10_000_000]
        r = ocrclean.clean(raw)
        assert r.text == raw.rstrip()


def test_warm_up_calls_each_running_fixers_preload():
    loaded = []

    def fix_nothing(text, ctx):
        """>>> list(fix_nothing("x", None))
        []
        """
        return iter(())

    ocrclean.register("test_preloaded", stage="words", description="test only: loads a resource",
                      applicability=Applicability.UNSAFE, preload=lambda: loaded.append("index"))(fix_nothing)
    try:
        Pipeline("default").warm_up()
        assert loaded == []  # not in the default preset: nothing to load
        Pipeline("aggressive").warm_up()
        assert loaded == ["index"]
    finally:
        del ocrclean.FIXERS["test_preloaded"]


class TestApplier:
    """The applier's own bookkeeping: proposal order, held proposals, their conversion."""

    @staticmethod
    def _register(name, func, stage="punctuation"):
        ocrclean.register(name, stage=stage, description="test only")(func)

    def test_proposals_in_any_order_apply_as_if_sorted(self):
        def backwards(text, ctx):
            for i in reversed([k for k, ch in enumerate(text) if ch == "x"]):
                yield (i, i + 1, "y", "x to y", 1.0, None)
            if "q" in text:  # comes first in span order: the 'x' it overlaps is held
                i = text.index("q")
                yield (i, i + 2, "Q", "q and its neighbour", 1.0, None)

        self._register("test_backwards", backwards)
        try:
            r = Pipeline(only=["test_backwards"]).clean("ax bx cqx")
            assert r.text == "ay by cQ"
            assert [(e.start, e.before) for e in r.edits] == [(1, "x"), (4, "x"), (7, "qx")]
            assert [(s.start, s.end, s.replacement) for s in r.suggestions] == [(8, 9, "y")]
        finally:
            del ocrclean.FIXERS["test_backwards"]

    @pytest.mark.parametrize("texts", [
        ("ax bx cqx", "ax bx cqx"),
        ("ax bx cqx", "x", "qx", "plain", "ax  bx"),  # sorted, one edit, none
        ("  ax bx", "ax bx  ", "q x x"),  # the whitespace edits before or after the log's
    ])
    def test_a_pipeline_that_saw_proposals_out_of_order_cleans_as_a_fresh_one(self, texts):
        # a pipeline sorts up front the proposals of a fixer that proposed out
        # of span order before: the results must be a fresh pipeline's
        def backwards(text, ctx):
            for i in reversed([k for k, ch in enumerate(text) if ch == "x"]):
                yield (i, i + 1, "y", "x to y", 1.0, None)
            if "q" in text:
                i = text.index("q")
                yield (i, i + 2, "Q", "q and its neighbour", 1.0, None)

        self._register("test_backwards", backwards)
        try:
            reused = Pipeline(only=["whitespace", "test_backwards"])
            for text in texts:
                fresh = Pipeline(only=["whitespace", "test_backwards"]).clean(text)
                r = reused.clean(text)
                assert r == fresh
                assert r.to_dict() == fresh.to_dict()
        finally:
            del ocrclean.FIXERS["test_backwards"]

    def test_held_proposals_on_a_later_text_point_at_the_raw_text(self):
        def shout(text, ctx):
            i = text.find("cat")
            if i >= 0:
                yield (i, i + 3, "CAT", "shouting", 1.0, Applicability.DISPLAY_ONLY)

        self._register("test_shout", shout)
        try:
            raw = "  a  cat  sat"
            r = Pipeline(only=["whitespace", "test_shout"]).clean(raw)
            assert r.text == "a cat sat"
            (s,) = r.suggestions
            assert raw[s.start:s.end] == "cat" and s.replacement == "CAT"
            # the held proposals survive pickling (made raw suggestions on the way)
            r2 = pickle.loads(pickle.dumps(r))
            assert [t.to_dict() for t in r2.suggestions] == [s.to_dict()]
            assert r2.to_dict() == r.to_dict()
        finally:
            del ocrclean.FIXERS["test_shout"]

    @pytest.mark.parametrize("later, text, edits", [
        # edits that stand apart, past what the first fixer changed: moved back to raw positions
        ([(2, 3, "C"), (5, 6, "F")], "abCdeFg", [(0, 3, "", "test_cut"), (5, 6, "C", "test_later"),
                                               (8, 9, "F", "test_later")]),
        # an insertion touching a deletion: one raw edit, as compose makes it
        ([(2, 2, "<"), (2, 4, "")], "ab<efg", [(0, 3, "", "test_cut"), (5, 7, "<", "test_later")]),
        # an edit that reaches into what the first fixer changed: composed with it
        ([(0, 1, "A")], "Abcdefg", [(0, 4, "A", "test_cut+test_later")]),
    ])
    def test_a_later_fixer_s_edits_in_raw_coordinates(self, later, text, edits):
        def cut(t, ctx):
            if t.startswith("XX "):
                yield (0, 3, "", "cut", 1.0, None)

        def more(t, ctx):
            for s, e, r in later:
                yield (s, e, r, "later", 1.0, None)

        self._register("test_cut", cut, stage="glyphs")
        self._register("test_later", more)
        try:
            raw = "XX abcdefg"
            r = Pipeline(only=["test_cut", "test_later"]).clean(raw)
            assert r.text == text
            assert [(e.start, e.end, e.replacement, e.fixer) for e in r.edits] == edits
            assert apply_edits(raw, r.edits) == text
        finally:
            del ocrclean.FIXERS["test_cut"], ocrclean.FIXERS["test_later"]

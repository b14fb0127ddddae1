"""The edit model: Edit, apply/revert, the offset map and composition across fixers."""

import json

import pytest
from hypothesis import given, settings, strategies as st

from ocrclean import Applicability, Edit, EditError, OffsetMap, apply_edits, revert_edits
from ocrclean.edits import apply_raw, compose, to_edit


def E(start, end, before, replacement, fixer="f"):
    return Edit(start, end, before, replacement, fixer=fixer, reason="r", confidence=0.9)


class TestEdit:
    def test_round_trips_through_json(self):
        e = Edit(3, 7, "UI\\J", "UN", "glyph_artifacts", "broken N", 0.8, Applicability.UNSAFE)
        d = json.loads(json.dumps(e.to_dict()))
        assert d["applicability"] == "unsafe"
        assert Edit.from_dict(d) == e

    @pytest.mark.parametrize("label, member", [
        ("safe", Applicability.SAFE), ("unsafe", Applicability.UNSAFE),
        ("display-only", Applicability.DISPLAY_ONLY), ("DISPLAY_ONLY", Applicability.DISPLAY_ONLY),
    ])
    def test_applicability_labels(self, label, member):
        assert Applicability.parse(label) is member

    def test_applicability_is_ordered_like_ruff(self):
        assert Applicability.DISPLAY_ONLY < Applicability.UNSAFE < Applicability.SAFE

    @pytest.mark.parametrize("args", [
        (5, 3, "", "x"),  # end before start
        (0, 2, "a", "x"),  # before does not match the span's length
        (-1, 0, "", "x"),
    ])
    def test_rejects_inconsistent_edits(self, args):
        with pytest.raises(EditError):
            Edit(*args)

    def test_rejects_confidence_outside_unit_interval(self):
        with pytest.raises(EditError):
            Edit(0, 1, "a", "b", confidence=1.5)

    def test_from_dict_names_missing_field(self):
        with pytest.raises(EditError, match="replacement"):
            Edit.from_dict({"start": 0, "end": 1, "before": "a"})


class TestApplyRevert:
    def test_apply_and_revert(self):
        raw = "tbe UI\\J  cat"
        edits = [E(0, 3, "tbe", "the"), E(4, 8, "UI\\J", "UN"), E(8, 10, "  ", " ")]
        text = apply_edits(raw, edits)
        assert text == "the UN cat"
        assert revert_edits(text, edits) == raw

    def test_order_of_input_does_not_matter(self):
        raw = "abcdef"
        edits = [E(4, 5, "e", "E"), E(0, 1, "a", "A")]
        assert apply_edits(raw, edits) == "AbcdEf"

    def test_insertion_next_to_replacement(self):
        raw = "ab"
        edits = [E(1, 1, "", "-"), E(1, 2, "b", "B")]
        assert apply_edits(raw, edits) == "a-B"

    @pytest.mark.parametrize("edits", [
        [E(0, 2, "ab", "x"), E(1, 3, "bc", "y")],  # overlap
        [E(1, 1, "", "x"), E(1, 1, "", "y")],  # two insertions at one point: ambiguous
    ])
    def test_overlaps_are_refused(self, edits):
        with pytest.raises(EditError, match="overlap"):
            apply_edits("abcd", edits)

    def test_stale_before_is_refused(self):
        with pytest.raises(EditError, match="expects"):
            apply_edits("abcd", [E(0, 2, "xy", "z")])

    def test_edit_past_the_end_is_refused(self):
        with pytest.raises(EditError, match="past the end"):
            apply_edits("ab", [E(1, 3, "bc", "")])


class TestOffsetMap:
    raw = "the UI\\J said  hi"
    edits = [E(4, 8, "UI\\J", "UN"), E(13, 15, "  ", " ")]

    def test_positions_outside_edits_shift(self):
        m = OffsetMap(self.edits, len(self.raw))
        clean = apply_edits(self.raw, self.edits)
        assert clean == "the UN said hi"
        assert m.clean_len == len(clean)
        # "said" starts at raw 9 and clean 7
        assert m.to_clean(9) == 7 and m.to_raw(7) == 9
        assert m.to_clean(len(self.raw)) == len(clean)
        assert m.to_raw(len(clean)) == len(self.raw)

    def test_raw_span_covers_the_whole_replaced_text(self):
        m = OffsetMap(self.edits, len(self.raw))
        clean = apply_edits(self.raw, self.edits)
        s = clean.index("UN")
        assert self.raw[slice(*m.raw_span(s, s + 2))] == "UI\\J"
        # a span cutting into an edited region widens to all of it
        assert self.raw[slice(*m.raw_span(s + 1, s + 2))] == "UI\\J"
        w = clean.index("said")
        assert self.raw[slice(*m.raw_span(w, w + 4))] == "said"

    def test_out_of_range_positions_raise(self):
        m = OffsetMap(self.edits, len(self.raw))
        with pytest.raises(IndexError):
            m.to_clean(len(self.raw) + 1)
        with pytest.raises(IndexError):
            m.to_raw(-1)

    def test_maps_are_monotonic(self):
        m = OffsetMap(self.edits, len(self.raw))
        fwd = [m.to_clean(i) for i in range(len(self.raw) + 1)]
        back = [m.to_raw(i) for i in range(m.clean_len + 1)]
        assert fwd == sorted(fwd) and back == sorted(back)


def T(s, e, repl, fixer):
    return (s, e, repl, fixer, fixer + " reason", 0.9, 2)


class TestCompose:
    def test_disjoint_edits_keep_their_own_names(self):
        raw = "a  b\nc"
        first = [T(1, 3, " ", "ws")]
        mid = apply_raw(raw, first)  # "a b\nc"
        second = [T(3, 4, " ", "unwrap")]
        log = compose(raw, mid, compose(raw, raw, [], first), second)
        assert apply_raw(raw, log) == "a b c"
        assert [t[3] for t in log] == ["ws", "unwrap"]
        assert [(t[0], t[1]) for t in log] == [(1, 3), (4, 5)]

    def test_touching_edits_merge_and_name_both_fixers(self):
        raw = "exam-\nple"
        first = [T(5, 6, " ", "unwrap")]  # "exam- ple"
        mid = apply_raw(raw, first)
        second = [T(4, 6, "", "hyphen")]  # "example"
        log = compose(raw, mid, compose(raw, raw, [], first), second)
        assert apply_raw(raw, log) == "example"
        assert len(log) == 1
        e = to_edit(raw, log[0])
        assert (e.start, e.end, e.before, e.replacement) == (4, 6, "-\n", "")
        assert e.fixer == "unwrap+hyphen"

    def test_edits_that_cancel_out_leave_nothing(self):
        raw = "ab"
        first = [T(1, 2, "c", "one")]
        mid = apply_raw(raw, first)
        second = [T(1, 2, "b", "two")]
        log = compose(raw, mid, compose(raw, raw, [], first), second)
        assert log == []

    def test_insertion_at_the_edge_of_an_earlier_deletion(self):
        raw = "a-b"
        first = [T(1, 2, "", "del")]  # "ab"
        mid = apply_raw(raw, first)
        second = [T(1, 1, "+", "ins")]  # "a+b"
        log = compose(raw, mid, compose(raw, raw, [], first), second)
        assert apply_raw(raw, log) == "a+b"
        assert len(log) == 1


_SPANS = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3), st.sampled_from(["", "x", "yz"])),
                  max_size=6)


def _edits_on(text, spans, fixer):
    """Sorted, non-overlapping tuple edits on ``text`` from hypothesis's spans,
    kept as the applier keeps them (no two empty edits at one point)."""
    out, last_start, last_end = [], -1, -1
    for s, length, repl in sorted(spans):
        s = min(s, len(text))
        e = min(s + length, len(text))
        if s < last_end or s == last_start == last_end == e or text[s:e] == repl:
            continue
        out.append(T(s, e, repl, fixer))
        last_start, last_end = s, e
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\n ", max_size=12), _SPANS, _SPANS)
def test_compose_turns_raw_into_the_second_fixer_s_text(raw, spans1, spans2):
    first = _edits_on(raw, spans1, "one")
    mid = apply_raw(raw, first)
    second = _edits_on(mid, spans2, "two")
    prior = compose(raw, raw, [], first)
    log = compose(raw, mid, prior, second)
    assert apply_raw(raw, log) == apply_raw(mid, second)
    assert all(a[1] <= b[0] for a, b in zip(log, log[1:]))  # sorted, never overlapping
    apart = all(a[1] < b[0] for a, b in zip(second, second[1:]))
    assert compose(raw, mid, prior, second, apart=apart) == log  # the caller's hint changes nothing


def test_raw_span_leaves_out_text_deleted_at_its_edges():
    raw = "the United Nations . "
    edits = [E(18, 19, " ", ""), E(20, 21, " ", "")]
    m = OffsetMap(edits, len(raw))
    clean = apply_edits(raw, edits)
    assert clean == "the United Nations."
    s = clean.index("Nations")
    assert raw[slice(*m.raw_span(s, s + len("Nations")))] == "Nations"
    assert raw[slice(*m.raw_span(s, len(clean)))] == "Nations ."
    # a deletion at the start is left out too
    raw2 = "  word"
    m2 = OffsetMap([E(0, 2, "  ", "")], len(raw2))
    assert raw2[slice(*m2.raw_span(0, 4))] == "word"

"""The OCR error model: distances, candidate expansion, files, learning."""

import json

import pytest
from hypothesis import given, settings, strategies as st

import ocrclean
from ocrclean.errormodel import (ErrorModel, ErrorModelError, default_model, learn_from_dir,
                                 learn_pairs, load_model)


@pytest.mark.parametrize("ocr,truth", [
    ("tbe", "the"), ("hirn", "him"), ("tlie", "the"), ("wero", "were"), ("wiU", "will"),
    ("clay", "day"), ("vvith", "with"), ("aud", "and"),
])
def test_listed_confusions_are_cheaper_than_plain_edits(ocr, truth):
    m = default_model()
    d = m.distance(ocr, truth)
    assert 0 < d < m.substitution


@pytest.mark.parametrize("ocr,truth", [("tse", "the"), ("hiq", "him"), ("qere", "were")])
def test_unlisted_substitution_costs_the_default(ocr, truth):
    m = default_model()
    assert m.distance(ocr, truth) == pytest.approx(m.substitution)


def test_distance_identity_and_case():
    m = default_model()
    assert m.distance("word", "word") == 0
    assert m.distance("Word", "word") == pytest.approx(m.case)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=12), st.text(max_size=12))
def test_distance_is_bounded_by_plain_edits(a, b):
    m = default_model()
    d = m.distance(a, b)
    assert 0 <= d <= max(m.insertion, m.deletion, m.substitution) * (len(a) + len(b))
    assert (d == 0) == (a == b) or a.lower() == b.lower() or d > 0


def test_expansions_reach_multi_step_confusions():
    e = default_model().expansions("tlio")
    assert "the" in e and "tho" in e
    assert e["tho"] < e["the"]


def test_table_and_json_round_trip(tmp_path):
    m = default_model()
    p = tmp_path / "m.json"
    m.save(p)
    again = ErrorModel.load(p)
    assert again == m
    assert again.distance("tbe", "the") == pytest.approx(m.distance("tbe", "the"))


@pytest.mark.parametrize("content,needle", [
    ("{not json", "not valid JSON"),
    (json.dumps({"format": "other"}), "not an ocrclean error model"),
    (json.dumps({"format": "ocrclean-errormodel", "version": 9}), "unsupported model version"),
    (json.dumps({"format": "ocrclean-errormodel", "version": 1, "confusions": [{"ocr": "a"}]}), "#0"),
    (json.dumps({"format": "ocrclean-errormodel", "version": 1,
                 "confusions": [{"ocr": "a", "truth": "b", "cost": -1}]}), "must be a number >= 0"),
    (json.dumps({"format": "ocrclean-errormodel", "version": 1,
                 "confusions": [{"ocr": "abcd", "truth": "b", "cost": 1}]}), "1 to 3 characters"),
])
def test_malformed_model_names_file_and_problem(tmp_path, content, needle):
    p = tmp_path / "broken.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ErrorModelError) as ei:
        ErrorModel.load(p)
    assert "broken.json" in str(ei.value) and needle in str(ei.value)


def test_malformed_table_names_line(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("# comment\nrn\tm\t1.0\ncl\td\tcheap\n", encoding="utf-8")
    with pytest.raises(ErrorModelError, match=r"t\.tsv:3: cost 'cheap'"):
        ErrorModel.load(p)


def test_missing_model_via_clean_names_file(tmp_path):
    with pytest.raises(ErrorModelError, match="absent.json"):
        ocrclean.clean("tbe cat", model=str(tmp_path / "absent.json"))


# synthetic pairs: an engine that reads 'e' as 'c' (not in the bundled table at this cost)
_GT = [
    "the green tree stood near the deep well where seven sheep were sleeping",
    "we need fresh bread and cheese before the evening meal begins here",
    "every letter she sent reached her brother seven weeks later",
]
_OCR = [g.replace("e", "c") for g in _GT]


def test_learn_lowers_cost_of_observed_confusion():
    base = default_model()
    learned = learn_pairs(list(zip(_OCR, _GT)))
    assert learned.cost("c", "e") < base.cost("c", "e")
    # confusions never observed keep the bundled cost
    assert learned.cost("rn", "m") == base.cost("rn", "m")


def test_learn_rejects_non_text():
    with pytest.raises(TypeError):
        learn_pairs([(b"bytes", "text")])


def test_learn_from_dir_save_load_and_use_in_clean(tmp_path):
    pairs = tmp_path / "pairs"
    pairs.mkdir()
    for i, (o, g) in enumerate(zip(_OCR, _GT)):
        (pairs / f"p{i}.ocr.txt").write_text(o, encoding="utf-8")
        (pairs / f"p{i}.gt.txt").write_text(g, encoding="utf-8")
    model = learn_from_dir(pairs)
    out = tmp_path / "model.json"
    model.save(out)
    assert load_model(str(out)) == ErrorModel.load(out)
    raw = "Thc sheep werc sleeping under thc green tree."
    r = ocrclean.clean(raw, model=str(out))
    assert r.text == "The sheep were sleeping under the green tree."
    assert ocrclean.learn is learn_pairs


def test_learn_from_dir_without_pairs(tmp_path):
    with pytest.raises(ErrorModelError, match="no NAME.ocr.txt"):
        learn_from_dir(tmp_path)
    with pytest.raises(ErrorModelError, match="not a folder"):
        learn_from_dir(tmp_path / "missing")

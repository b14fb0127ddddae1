"""NLP recipes: entities found in the clean text, traced back to the raw OCR."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from ocrclean import EditError, clean
from ocrclean.recipes import raw_spans, result_from_record

# Synthetic OCR text written for these tests.
PAGE = ("Report of tbe\nUnited Nations  Commission ,\nsigned in Gene-\nva by Mr, Smith "
        "on 3 May 1901 .")


def _span_of(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


@pytest.mark.parametrize("raw, clean_word, raw_word", [
    ("The UI\\J report .", "UN", "UI\\J"),          # a repaired glyph maps to all of its raw
    ("The UI\\J report .", "report", "report"),     # the deleted space before "." is not the word's
    ("The UI\\J report .", "report.", "report ."),  # ...but is inside a span that covers the stop
    ("signed in Gene-\nva today and\nmore", "Geneva", "Gene-\nva"),
    ("Azerbaijan 's capital", "Azerbaijan's", "Azerbaijan 's"),
    ("Azerbaijan 's capital", "Azerbaijan", "Azerbaijan"),
    ("a clean line", "clean", "clean"),             # nothing edited: identity
])
def test_raw_spans_cover_exactly_what_the_clean_span_came_from(raw, clean_word, raw_word):
    r = clean(raw)
    (rs, re_), = raw_spans(r, [_span_of(r.text, clean_word)])
    assert r.raw[rs:re_] == raw_word


def test_spans_leave_out_text_deleted_at_their_edges():
    r = clean("The UI\\J report .")
    s, e = _span_of(r.text, "report")
    assert raw_spans(r, [(s, e)]) == [r.raw_span(s, e)]
    assert r.raw[slice(*r.raw_span(s, e))] == "report"  # not "report " with the deleted space


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab tbe.,'-\n|\\UIJ0l1"), max_size=60), st.data())
def test_property_raw_span_maps_back_over_the_clean_span(raw, data):
    r = clean(raw)
    s = data.draw(st.integers(0, len(r.text)))
    e = data.draw(st.integers(s, len(r.text)))
    (rs, re_), = raw_spans(r, [(s, e)])
    assert 0 <= rs <= re_ <= len(r.raw)
    cs, ce = r.clean_span(rs, re_)
    assert cs <= s and e <= ce  # the raw span holds everything the clean span came from


def test_result_from_record_restores_offsets_and_rejects_mismatches():
    r = clean(PAGE)
    records = [e.to_dict() for e in r.edits]
    back = result_from_record(r.raw, r.text, records)
    assert back == r
    assert [back.to_raw(i) for i in range(len(r.text) + 1)] == [r.to_raw(i) for i in range(len(r.text) + 1)]
    with pytest.raises(EditError, match="do not turn"):
        result_from_record(r.raw, r.text + "!", records)


# --------------------------------------------------------------------- spaCy

@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "ORG", "pattern": "United Nations Commission"},
        {"label": "GPE", "pattern": "Geneva"},
        {"label": "PERSON", "pattern": "Mr. Smith"},
        {"label": "DATE", "pattern": "3 May 1901"},
    ])
    return nlp


def test_spacy_entities_map_back_to_the_raw_ocr(nlp):
    from ocrclean.recipes.spacy_spans import raw_entities

    r = clean(PAGE)
    doc = nlp(r.text)
    found = {(s.label, s.text, s.raw_text) for s in raw_entities(r, doc)}
    assert found == {
        ("ORG", "United Nations Commission", "United Nations  Commission"),
        ("GPE", "Geneva", "Gene-\nva"),
        ("PERSON", "Mr. Smith", "Mr, Smith"),
        ("DATE", "3 May 1901", "3 May 1901"),
    }
    for s in raw_entities(r, doc):
        assert r.raw[s.raw_start:s.raw_end] == s.raw_text
        assert r.text[s.start:s.end] == s.text


def test_spacy_entities_in_raw_ocr_are_not_found_without_cleaning(nlp):
    # the point of the recipe: the damaged raw text hides these entities
    labels = {e.label_ for e in nlp(PAGE).ents}
    assert "GPE" not in labels and "PERSON" not in labels


def test_raw_entities_refuses_a_doc_of_other_text(nlp):
    from ocrclean.recipes.spacy_spans import raw_entities

    with pytest.raises(ValueError, match="not made from"):
        raw_entities(clean(PAGE), nlp(PAGE))


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_clean_and_parse_streams_pairs_in_order(nlp, n_jobs):
    from ocrclean.recipes.spacy_spans import clean_and_parse, raw_entities

    texts = [PAGE.replace("1901", str(1900 + i)) for i in range(40)]
    pairs = list(clean_and_parse(nlp, iter(texts), n_jobs=n_jobs, batch_size=8))
    assert [r.raw for r, _ in pairs] == texts
    assert all(doc.text == r.text == clean(raw).text for (r, doc), raw in zip(pairs, texts))
    geneva = [s.raw_text for r, doc in pairs for s in raw_entities(r, doc) if s.label == "GPE"]
    assert geneva == ["Gene-\nva"] * 40


# --------------------------------------------------------------- datasets

def test_datasets_map_adds_clean_text_and_a_usable_edit_log():
    datasets = pytest.importorskip("datasets")
    from ocrclean.recipes.hf_datasets import BatchCleaner

    texts = ["a clean line", "another clean line", PAGE, "tbe  cat ."]
    ds = datasets.Dataset.from_dict({"id": list(range(len(texts))), "text": texts})
    cleaner = BatchCleaner("text", lang="en")
    # batch_size=2: the first batch has no edits at all, which must not fix the column type
    out = ds.map(cleaner, batched=True, batch_size=2, features=cleaner.features(ds.features))
    assert out.column_names == ["id", "text", "clean_text", "edits"]
    for row, raw in zip(out, texts):
        want = clean(raw)
        assert row["clean_text"] == want.text
        back = result_from_record(row["text"], row["clean_text"], row["edits"])
        assert back == want
    page = result_from_record(out[2]["text"], out[2]["clean_text"], out[2]["edits"])
    (rs, re_), = raw_spans(page, [_span_of(page.text, "Geneva")])
    assert page.raw[rs:re_] == "Gene-\nva"


def test_datasets_map_in_worker_processes():
    datasets = pytest.importorskip("datasets")
    from ocrclean.recipes.hf_datasets import BatchCleaner

    texts = [PAGE, "tbe  cat .", "a clean line", "Mr, Smith ."] * 5
    ds = datasets.Dataset.from_dict({"text": texts})
    cleaner = BatchCleaner("text", output="text", edits_column=None)  # replace in place
    out = ds.map(cleaner, batched=True, batch_size=4, num_proc=2)
    assert list(out["text"]) == [clean(t).text for t in texts]


def test_batch_cleaner_checks_options_at_once():
    pytest.importorskip("datasets")
    from ocrclean.recipes.hf_datasets import BatchCleaner

    with pytest.raises(TypeError, match="unknown option"):
        BatchCleaner("text", colour="red")


# ------------------------------------------------------------------- docs

def test_docs_nlp_examples_run_and_print_what_the_page_says(capsys):
    import re

    pytest.importorskip("spacy")
    pytest.importorskip("datasets")
    doc = (Path(__file__).resolve().parent.parent / "docs" / "nlp.md").read_text(encoding="utf-8")
    parts = re.split(r"```python\n(.*?)```", doc, flags=re.S)
    blocks = parts[1::2]
    assert len(blocks) >= 4
    for i, block in enumerate(blocks):
        exec(compile(block, f"docs/nlp.md block {i}", "exec"), {})
        printed = capsys.readouterr().out
        after = parts[2 * i + 2]
        shown = re.match(r"\s*prints\s*```\n(.*?)```", after, flags=re.S)
        if shown:  # the page states the output: it must be the real one
            assert printed == shown.group(1), f"block {i}"

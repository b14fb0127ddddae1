"""The README and docs tell the same story as the code."""

import re
from pathlib import Path

import ocrclean

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _table_names(text: str) -> list[str]:
    return re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M)


def test_readme_fixer_table_lists_every_fixer_in_order():
    registered = [row["name"] for row in ocrclean.fixer_table()]
    assert _table_names(README) == registered


def test_readme_fixer_table_presets_match_the_registry():
    for row in ocrclean.fixer_table():
        line = next(l for l in README.splitlines() if l.startswith(f"| `{row['name']}` |"))
        assert line.split("|")[3].strip() == ", ".join(row["presets"]), row["name"]


def test_readme_python_example_shows_what_the_library_does():
    block = README.split("```python", 1)[1].split("```", 1)[0]
    shown = dict(re.findall(r"^(\d+ \d+) (.*)$", "\n".join(
        l[2:] for l in block.splitlines() if l.startswith("# ") and l[2:3].isdigit()), flags=re.M))
    raw = "the four relevant UI\\J Security\nCouncil resolutions, Azerbaijan 's view ."
    r = ocrclean.clean(raw)
    assert r.text == "the four relevant UN Security Council resolutions, Azerbaijan's view."
    for e in r.edits:
        key = f"{e.start} {e.end}"
        assert key in shown, f"README does not show the edit {key}"
        assert shown[key] == f"{e.before!r} -> {e.replacement!r} {e.fixer} {e.reason} {e.confidence}"
    s = r.text.index("UN Security Council")
    assert raw[slice(*r.raw_span(s, s + len("UN Security Council")))] == "UI\\J Security\nCouncil"


def test_every_fixer_has_a_section_in_the_fixer_docs():
    doc = (ROOT / "docs" / "fixers.md").read_text(encoding="utf-8")
    for name in ocrclean.FIXERS:
        assert f"## `{name}`" in doc, name

"""Every check code has its documentation page, with the sections `explain` promises."""

from __future__ import annotations

import re

import pytest

from policyengine.checks import CATALOGUE as CODES

HEADINGS = ["## What it finds", "## Why it matters", "## Example", "## Thresholds", "## Case reference"]


@pytest.mark.parametrize("code", sorted(CODES))
def test_check_page_has_every_section_in_order(code):
    text = CODES[code].doc
    assert text is not None, f"no docs page for {code}"
    assert text.splitlines()[0] == f"# {code} {CODES[code].name} — {CODES[code].zh}"
    found = [line for line in text.splitlines() if line.startswith("## ")]
    assert found == HEADINGS
    assert "Use instead:" in text
    assert re.search(r"[\u4e00-\u9fff]", text.split("## Why it matters")[0]), "What it finds needs Chinese too"


@pytest.mark.parametrize("code", sorted(c for c in CODES if CODES[c].thresholds))
def test_check_page_documents_each_threshold_with_its_default(code):
    section = CODES[code].doc.split("## Thresholds")[1].split("## Case reference")[0]
    for name in CODES[code].thresholds:
        assert f"`{code}.{name}`" in section

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


HEADINGS_ZH = ["## 检查内容", "## 为何重要", "## 示例", "## 阈值", "## 案例出处"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _prose(text: str) -> str:
    """A page without its code blocks, code spans, quotations and section references: what is read as
    sentences."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    return re.sub(r"“[^”]*”|\"[^\"]*\"|'[^']*'|\([^()]*\)", "", text)


@pytest.mark.parametrize("code", sorted(CODES))
def test_check_page_in_chinese_has_every_section_in_order(code):
    """`explain CODE --lang zh` is a Chinese page: its own headings, and prose written in Chinese."""
    check = CODES[code]
    text = check.doc_zh
    assert text.splitlines()[0] == f"# {code} {check.zh} — {check.name}"
    assert [line for line in text.splitlines() if line.startswith("## ")] == HEADINGS_ZH
    assert "改为:" in text and "Use instead" not in text and "TODO" not in text
    for heading, body in zip(HEADINGS_ZH, re.split(r"\n## .*\n", text)[1:], strict=True):
        prose = _prose(body)
        words = re.findall(r"[A-Za-z]{4,}", prose)
        # an English sentence left in the Chinese page: more than a few English words outside code
        assert len(words) <= 3 or len(CJK.findall(prose)) > 3 * len(words), (heading, words[:12])
    for field in (check.finds_zh, check.per_zh, check.at_zh, check.reads_zh):
        assert CJK.search(field), field


@pytest.mark.parametrize("code", sorted(c for c in CODES if CODES[c].thresholds))
def test_chinese_check_page_documents_each_threshold_with_its_default(code):
    section = CODES[code].doc_zh.split("## 阈值")[1].split("## 案例出处")[0]
    for name in CODES[code].thresholds:
        assert f"`{code}.{name}`" in section


@pytest.mark.parametrize("code", sorted(CODES))
def test_english_check_page_is_english(code):
    """The Chinese text lives on the Chinese page; the English page quotes Chinese only in passing."""
    prose = _prose(CODES[code].doc.split("\n", 1)[1])
    assert len(CJK.findall(prose)) < 80, code


@pytest.mark.parametrize("code", sorted(c for c in CODES if CODES[c].thresholds))
def test_check_page_documents_each_threshold_with_its_default(code):
    section = CODES[code].doc.split("## Thresholds")[1].split("## Case reference")[0]
    for name in CODES[code].thresholds:
        assert f"`{code}.{name}`" in section

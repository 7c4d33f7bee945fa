"""docs/policy-format.zh.md is the same reference as docs/policy-format.md: each section of the Chinese page
names every field key its English section names, carries the same YAML examples (only the comments
translated), and comes in the same order; the two pages link each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
EN = DOCS / "policy-format.md"
ZH = DOCS / "policy-format.zh.md"
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
HEADING = re.compile(r"^### `([a-z_]+)` — ", re.M)
# a field key as the tables and the prose write it: `items`, `temporary.max_term_days`
KEY = re.compile(r"`([a-z_]+(?:\.[a-z_]+)*)`")
COMMENT = re.compile(r"\s+#[^\n]*")
CJK = re.compile(r"[\u4e00-\u9fff]")


def sections(page: str) -> dict[str, str]:
    """Each `### `key` — …` section of a page (its `####` subsections included), by key."""
    found = list(HEADING.finditer(page))
    ends = [m.start() for m in found[1:]] + [len(page)]
    out = {}
    for match, end in zip(found, ends, strict=True):
        body = page[match.end() : end]
        nxt = re.search(r"^#{2,3} ", body, re.M)  # the next `##` or `###` heading, keyed or not
        out[match.group(1)] = body[: nxt.start()] if nxt else body
    return out


def keys(section: str) -> set[str]:
    return set(KEY.findall(FENCE.sub("", section)))


def examples(section: str) -> list[str]:
    return [COMMENT.sub("", block) for block in FENCE.findall(section)]


EN_SECTIONS = sections(EN.read_text(encoding="utf-8"))
ZH_SECTIONS = sections(ZH.read_text(encoding="utf-8"))


def test_pages_link_each_other():
    assert ZH.read_text(encoding="utf-8").splitlines()[:3] == ["# 政策格式", "", "[English](policy-format.md)"]
    assert EN.read_text(encoding="utf-8").splitlines()[:3] == ["# The policy format", "", "[中文](policy-format.zh.md)"]


def test_chinese_sections_are_english_sections_in_the_same_order():
    assert ZH_SECTIONS, "no `### `key` — …` section in the Chinese page"
    assert set(ZH_SECTIONS) <= set(EN_SECTIONS)
    assert list(ZH_SECTIONS) == [key for key in EN_SECTIONS if key in ZH_SECTIONS]


@pytest.mark.parametrize("section", sorted(ZH_SECTIONS))
def test_chinese_section_names_every_field_key(section):
    missing = keys(EN_SECTIONS[section]) - keys(ZH_SECTIONS[section])
    assert not missing, f"`{section}`: {sorted(missing)}"


@pytest.mark.parametrize("section", sorted(ZH_SECTIONS))
def test_chinese_section_has_the_same_examples(section):
    assert examples(ZH_SECTIONS[section]) == examples(EN_SECTIONS[section])


@pytest.mark.parametrize("section", sorted(ZH_SECTIONS))
def test_chinese_section_is_written_in_chinese(section):
    """Prose in Chinese with full-width punctuation: no ASCII comma, colon, semicolon or bracket next to a
    Chinese character outside code, link targets, YAML and quotations (a source is quoted as it is)."""
    prose = re.sub(r"`[^`\n]*`|\]\([^)\s]*\)|“[^”]*”", "", FENCE.sub("", ZH_SECTIONS[section]))
    assert CJK.search(prose)
    half_width = re.findall(r".{0,12}(?:[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]).{0,12}", prose)
    assert not half_width, half_width[:5]

"""Every relative link of every page resolves: the file exists and, with a `#fragment`, the heading does.
The Chinese pages and the English ones link each other under their titles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    [ROOT / "README.md", ROOT / "README.zh.md", *(ROOT / "docs").rglob("*.md"), *(ROOT / "examples").rglob("*.md")]
)
TRANSLATED = sorted(p for p in (ROOT / "docs").glob("*.zh.md"))


def _prose(text: str) -> str:
    """The page without its code blocks and code spans: a link inside them is an example."""
    text = re.sub(r"^\s*```.*?^\s*```", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", text)


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens; a
    repeated heading gets -1, -2 …; an explicit `<a id=…>` or `<a name=…>` counts too."""
    seen: dict[str, int] = {}
    out = set(re.findall(r"<a (?:id|name)=\"([^\"]+)\"", text))
    for line in re.sub(r"^\s*```.*?^\s*```", "", text, flags=re.S | re.M).splitlines():
        if not line.startswith("#"):
            continue
        slug = re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        out.add(slug if n == 0 else f"{slug}-{n}")
        seen[slug] = n + 1
    return out


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page):
    text = page.read_text(encoding="utf-8")
    broken = []
    for link in re.findall(r"\]\(([^)\s]+)\)", _prose(text)):
        if re.match(r"[a-z]+:", link) or link.startswith("//"):
            continue
        path, _, fragment = link.partition("#")
        target = (page.parent / path) if path else page
        if not target.exists() or (
            fragment and target.suffix == ".md" and fragment not in anchors(target.read_text(encoding="utf-8"))
        ):
            broken.append(link)
    assert broken == []


@pytest.mark.parametrize("page", TRANSLATED, ids=lambda p: p.name)
def test_the_two_languages_link_each_other(page):
    english = page.with_name(page.name.removesuffix(".zh.md") + ".md")
    assert f"]({english.name})" in page.read_text(encoding="utf-8")[:600]
    assert f"]({page.name})" in english.read_text(encoding="utf-8")[:600]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_link_lost_its_parenthesis_to_full_width_punctuation(page):
    # `[规则语言]（rules.zh.md）` is no link: Markdown wants the ASCII bracket, whatever the prose around it uses
    assert re.findall(r"\]（[^）\s]*）", _prose(page.read_text(encoding="utf-8"))) == []

"""Every `quote:` in the repository is the paper's own words.

A `quote` (in a `source`, a `legal_basis`, anywhere in the policies, the examples and the docs' YAML)
says "these words are the source's". tests/data/paper-quotes.txt holds the passages of the paper
(Gao Shijian 2024) that the repository quotes, verbatim, since the paper cannot be shipped: each
quote must be part of one of them. What is not the source's words belongs in a `note`, marked
ASSUMPTION or ILLUSTRATION (docs/policy-format.md).

With PE_PAPER_TEXT naming a text of the paper, each passage is also checked against it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
PASSAGES = REPO / "tests" / "data" / "paper-quotes.txt"
SECTIONS = REPO / "tests" / "data" / "paper-sections.txt"
RUNNING_HEAD = re.compile(r"\{[^{}]*\}")
# a `quote:` line, for the examples whose YAML is broken on purpose, and for the docs' code blocks
QUOTE_LINE = re.compile(r"""(?:^|[{,\s])quote:\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')""", re.M)


def passages() -> list[tuple[str, str]]:
    """(section, passage as the page prints it, running heads in braces)."""
    blocks = [b for b in PASSAGES.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    out = []
    for block in blocks:
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        if not lines:
            continue
        assert len(lines) == 2, f"a passage is its section and one line of text: {block!r}"
        out.append((lines[0], lines[1]))
    return out


def words(passage: str) -> str:
    """The paper's words alone: the running heads left out."""
    return RUNNING_HEAD.sub("", passage)


def _walk(node: object, found: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote" and isinstance(value, str):
                found.append(value)
            _walk(value, found)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found)


def quotes_in(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        try:
            found: list[str] = []
            for document in yaml.safe_load_all(text):
                _walk(document, found)
            return found
        except yaml.YAMLError:
            pass  # an example that is broken on purpose: its quote lines one by one
    return [yaml.safe_load(m.group(1)) for m in QUOTE_LINE.finditer(text)]


REGULATIONS = REPO / "examples" / "regulations"


def regulation_texts() -> list[str]:
    """The passages of the real documents the corpus quotes, as each directory keeps them verbatim."""
    return [p.read_text(encoding="utf-8") for p in sorted(REGULATIONS.glob("*/passages.txt"))]


def repository_quotes() -> list[tuple[str, str]]:
    """(file, quote) for every quote under policies/, examples/ and docs/, but the corpus of real
    documents, whose quotes tests/test_regulations.py checks against each document's own text."""
    files = sorted(
        p
        for top in ("policies", "examples", "docs")
        for p in (REPO / top).rglob("*")
        if p.suffix in (".yaml", ".yml", ".md") and p.is_file() and REGULATIONS not in p.parents
    )
    return [(str(p.relative_to(REPO)), q) for p in files for q in quotes_in(p)]


def test_the_repository_quotes_the_paper():
    quotes = repository_quotes()
    assert len(quotes) > 100  # the policy's sources, the reforms', the docs' example
    # the docs may show an example from the corpus, quoting its document
    texts = [words(p) for _, p in passages()] + ["".join(t.split()) for t in regulation_texts()]
    wrong = sorted({(f, q) for f, q in quotes if not any(q in t for t in texts)})
    assert wrong == [], "not the paper's words (quote it exactly, or say it in a note):\n" + "\n".join(
        f"  {f}: {q}" for f, q in wrong
    )


def test_every_passage_is_quoted_and_whole():
    quotes = {q for _, q in repository_quotes()}
    for _, passage in passages():
        assert any(q in words(passage) for q in quotes), f"no quote uses this passage: {passage[:40]}"
        assert passage.endswith(("。", "”", "!", "?")), f"a passage is whole sentences: {passage[-20:]}"


def test_a_quote_that_is_not_the_papers_words_is_caught():
    texts = [words(p) for _, p in passages()]
    said = "应从制度层面设置条线事权的网格准入机制"
    assert any(said in t for t in texts)
    assert not any(said + "……做到权随责走、费随事转" in t for t in texts)  # words joined by an ellipsis
    # a running head sits between the paper's words, never inside a quote
    assert any("每月至少上报30个网格事件" in t for t in texts)
    assert not any("每月至少上报95中共宁波市委党校学报" in t for t in texts)


def headings() -> dict[str, str]:
    """The paper's headings: number (`§4(1)1`) -> title."""
    lines = [line for line in SECTIONS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return dict(line.split(" ", 1) for line in lines)


def repository_sections() -> list[tuple[str, str]]:
    """(file, section) for every `section:` that cites the paper by its § number."""
    found = []
    for top in ("policies", "examples", "docs"):
        for path in sorted((REPO / top).rglob("*")):
            if path.suffix in (".yaml", ".yml", ".md") and path.is_file():
                text = path.read_text(encoding="utf-8")
                rel = str(path.relative_to(REPO))
                found += [(rel, m.group(1)) for m in re.finditer(r'section:\s*"(§[^"]*)"', text)]
    return found


def test_a_section_names_a_heading_of_the_paper():
    known = headings()
    cited = repository_sections()
    assert len(cited) > 100
    wrong = []
    for file, section in cited:
        number, _, rest = section.partition(" ")
        title = rest.split(" (", 1)[0]  # an English gloss in brackets may follow
        heading = known.get(number, "")
        if title not in (heading, heading.split(":")[0]):  # whole, or without its subtitle
            wrong.append(f"  {file}: {section} (the paper's {number}: {known.get(number)})")
    assert wrong == [], "a section the paper does not have:\n" + "\n".join(sorted(set(wrong)))


def test_a_passage_sits_under_a_heading_of_the_paper():
    known = {f"{number} {title}" for number, title in headings().items()}
    assert {section for section, _ in passages()} - {"摘要"} <= known


def paper_text(path: str) -> str:
    """The paper's text, as extracted: a line may begin with its number and `、`, and whitespace is
    the extraction's, not the paper's (it spaces out digits and breaks lines mid-sentence)."""
    raw = Path(path).read_text(encoding="utf-8")
    return re.sub(r"\s+", "", "".join(re.sub(r"^\d+、", "", line) for line in raw.split("\n")))


@pytest.mark.skipif(not os.environ.get("PE_PAPER_TEXT"), reason="PE_PAPER_TEXT names no text of the paper")
def test_every_passage_is_in_the_paper():
    paper = paper_text(os.environ["PE_PAPER_TEXT"])
    missing = [p for _, p in passages() if re.sub(r"\s+", "", p.replace("{", "").replace("}", "")) not in paper]
    assert missing == []
    titles = [title for title in headings().values() if title not in paper]
    assert titles == []

"""The corpus of real documents (`examples/regulations/`): every document lints without an input error,
its README counts its provisions as its table rates them, its quotes are its own words, and its stored
outputs and the corpus table are those of the code as it stands (`python -m tests.regulations`). The examples
docs/policy-format.md shows from the corpus are lines of the files they link to, verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.regulations import (
    CORPUS,
    FIGURE_MARKERS,
    FIGURE_READMES,
    GAPS,
    MARKERS,
    RATINGS,
    ROOT,
    Document,
    corpus_figure,
    corpus_table,
    documents,
    gaps_text,
    outputs,
    with_table,
)
from tests.test_quotes import quotes_in

DOCS = documents()
IDS = [d.name for d in DOCS]

FORMAT_PAGE = ROOT / "docs" / "policy-format.md"
# the sections of docs/policy-format.md that show how a document of the corpus writes their construct
SECTIONS_WITH_A_CORPUS_EXAMPLE = (
    "## Stated, unknown, absent",
    "### `units` — actors at a tier (单位/主体)",
    "### `grants` — who holds which authority (授权)",
    "### `lists` — a tier's item lists (清单)",
    "#### A list's life, exit rules and its catch-all",
    "#### A list's standing, the documents it follows and its counterpart",
    "### `admission` — admission procedures (准入)",
    "### Parties",
    "### `assessments` — assessment regimes (考核)",
    "### `provisions` — prohibitions and rights that protect a tier",
    "### Variants and instances",
    "### Several roles",
    "### Leadership",
    "### Delegation terms",
)
CORPUS_EXAMPLE = re.compile(
    r"From the corpus — 《[^》]+》.+?, \[`(?P<label>[^`]+)`\]\(\.\./examples/regulations/(?P<path>[^)]+)\):"
)


def test_the_corpus_holds_ten_documents_at_least():
    assert len(DOCS) >= 10, [d.name for d in DOCS]


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_the_readme_says_where_the_document_comes_from(doc: Document):
    for field in ("title", "issuer", "year", "level", "articles encoded", "where"):
        assert doc.field(field).strip(" —-"), f"{doc.name}: README lacks '{field}'"
    assert re.fullmatch(r"\d{4}", doc.field("year").split()[0]), doc.field("year")


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_the_provisions_are_rated_and_counted(doc: Document):
    assert doc.ratings, f"{doc.name}: no provision rows"
    unknown = sorted(set(doc.ratings) - set(RATINGS))
    assert unknown == [], f"{doc.name}: ratings must be one of {RATINGS}"
    assert doc.stated == doc.counted(), f"{doc.name}: the summary line disagrees with the table"


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_each_quote_is_the_documents_own_words(doc: Document):
    text = "".join((doc.path / "passages.txt").read_text(encoding="utf-8").split())
    files = sorted(p for p in doc.path.rglob("*") if p.suffix in (".yaml", ".yml"))
    quotes = [q for p in files for q in quotes_in(p)]
    assert quotes, f"{doc.name}: the policy quotes nothing from its document"
    wrong = [q for q in quotes if "".join(q.split()) not in text]
    assert wrong == [], f"{doc.name}: not in passages.txt:\n" + "\n".join(wrong)


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_lint_and_admit_read_it_and_their_outputs_are_stored(doc: Document):
    for name, (status, text) in outputs(doc).items():
        assert status in (0, 1), f"{doc.name}: `{name}` exits {status}:\n{text}"
        stored = doc.path / name
        assert stored.is_file() and stored.read_text(encoding="utf-8") == text, (
            f"{doc.name}/{name} is stale: run `python -m tests.regulations`"
        )


def test_the_corpus_table_adds_up_the_documents():
    table = corpus_table(DOCS)
    for readme in ("README.md", "README.zh.md"):
        text = (CORPUS / readme).read_text(encoding="utf-8")
        assert all(m in text for m in MARKERS), readme
        assert with_table(text, table) == text, f"{readme} is stale: run `python -m tests.regulations`"


def test_the_readmes_give_the_corpus_figure_of_the_table():
    figure = corpus_figure(DOCS)
    for readme in FIGURE_READMES:
        text = readme.read_text(encoding="utf-8")
        assert all(m in text for m in FIGURE_MARKERS), readme
        assert with_table(text, figure, FIGURE_MARKERS) == text, f"{readme} is stale: run `python -m tests.regulations`"


def test_the_gaps_list_every_provision_not_said_natively():
    text = gaps_text(DOCS)
    assert GAPS.read_text(encoding="utf-8") == text, f"{GAPS} is stale: run `python -m tests.regulations`"
    listed = [line for line in text.splitlines() if line.endswith((" workaround |", " cannot |"))]
    assert len(listed) == sum(d.counted()[1] + d.counted()[2] for d in DOCS)


def test_a_stale_count_is_caught(tmp_path: Path):
    # the check above must be able to fail: a README whose summary does not match its rows
    (tmp_path / "README.md").write_text(
        "# t\n\n## Provisions 条款\n\n| # | a | p | c | r |\n|---|---|---|---|---|\n"
        "| 1 | 第一条 | x | `k` | native |\n| 2 | 第二条 | y | — | cannot |\n\n"
        "**Native 2 · workaround 0 · cannot 0 · total 2**\n",
        encoding="utf-8",
    )
    from tests.regulations import read

    doc = read(tmp_path)
    assert doc.ratings == ("native", "cannot")
    assert doc.stated == (2, 0, 0, 2) and doc.counted() == (1, 0, 1, 2)


# the short names the READMEs' groups of gaps use for the documents
SHORT = {
    "北京接诉即办": "beijing_hotline_regulation_2021",
    "北京街道": "beijing_street_office_regulation_2019",
    "滨州": "binzhou_grid_regulation_2021",
    "潍坊热线": "weifang_12345_hotline_regulation_2021",
    "广东": "guangdong_peace_building_regulation_2021",
    "上海居委会": "shanghai_residents_committee_regulation_2020",
    "山东": "shandong_township_government_regulation_2020",
    "1954 条例": "national_street_office_organisation_regulation_1954",
    "上海街道": "shanghai_street_office_regulation_draft_2016",
    "凤县": "fengxian_grid_rapid_handling_2018",
    "刁镇": "diaozhen_grid_worker_measure_draft_2024",
    "明南": "mingnan_street_duty_list_2019",
    "湖北村级": "hubei_village_duty_catalogue",
    "济源": "jiyuan_city_event_standard",
}


def grouped_rows(text: str, header: str) -> list[tuple[str, int]]:
    """The (document, row) pairs the groups table under `header` names, in order, repeats kept."""
    rows = []
    for line in text[text.index(header) :].splitlines():
        if not line.startswith("| **"):
            continue
        cell = re.sub(r"[((]\d+条?[))]", "", line.split("|")[2])
        for part in filter(None, (p.strip() for p in re.split(r"[;;]", cell))):
            name = next(k for k in sorted(SHORT, key=len, reverse=True) if part.startswith(k))
            for token in filter(None, (t.strip() for t in re.split(r"[,、]", part[len(name) :]))):
                ends = [int(n) for n in re.split(r"[–—]", token)]
                rows.extend((SHORT[name], n) for n in range(ends[0], ends[-1] + 1))
    return rows


@pytest.mark.parametrize(("readme", "header"), [("README.md", "| group |"), ("README.zh.md", "| 类别 |")])
def test_the_groups_of_gaps_name_each_provision_not_said_natively_once(readme, header):
    named = grouped_rows((CORPUS / readme).read_text(encoding="utf-8"), header)
    gaps = {(d.name, int(r[0])) for d in DOCS for r in d.rows if r[4] != "native"}
    assert len(named) == len(set(named)), "a row is in two groups"
    assert set(named) == gaps, {"ungrouped": sorted(gaps - set(named)), "not a gap": sorted(set(named) - gaps)}


def _sections(text: str) -> dict[str, list[str]]:
    """Each heading of a Markdown page (outside code blocks) -> the lines up to the next heading."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            current = sections.setdefault(line, [])
            continue
        current.append(line)
    return sections


def corpus_examples(page: Path) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    """The "From the corpus —" paragraphs of a docs page: (heading, linked file, the lines of the
    ```yaml block after it) each, and what is wrong with any of them."""
    examples: list[tuple[str, str, list[str]]] = []
    wrong: list[str] = []
    for heading, lines in _sections(page.read_text(encoding="utf-8")).items():
        for i, line in enumerate(lines):
            if not line.startswith("From the corpus"):
                continue
            end = i
            while end < len(lines) and lines[end].strip():
                end += 1
            paragraph = " ".join(part.strip() for part in lines[i:end])
            match = CORPUS_EXAMPLE.fullmatch(paragraph)
            if match is None:
                wrong.append(f"{heading}: not of the form 《title》article, [`dir/file`](link): {paragraph}")
                continue
            rest = [j for j in range(end, len(lines)) if lines[j].strip()]
            if not rest or lines[rest[0]] != "```yaml":
                wrong.append(f"{heading}: no ```yaml block follows {paragraph}")
                continue
            start = rest[0] + 1
            close = next((j for j in range(start, len(lines)) if lines[j] == "```"), len(lines))
            examples.append((heading, match["path"], lines[start:close]))
            if match["label"] != match["path"]:
                wrong.append(f"{heading}: the link names {match['path']}, its text {match['label']}")
    for heading, path, block in examples:
        linked = (page.parent / "../examples/regulations" / path).resolve()
        if not linked.is_file():
            wrong.append(f"{heading}: {path} is not a file")
            continue
        if not 3 <= len(block) <= 20:
            wrong.append(f"{heading}: the block from {path} has {len(block)} lines, not 3-20")
        source = linked.read_text(encoding="utf-8").splitlines()
        if not any(source[k : k + len(block)] == block for k in range(len(source) - len(block) + 1)):
            wrong.append(f"{heading}: the block is not lines of {path}, verbatim and in a row:\n" + "\n".join(block))
    return examples, wrong


def test_each_corpus_example_in_the_format_docs_is_copied_from_its_file():
    examples, wrong = corpus_examples(FORMAT_PAGE)
    assert wrong == [], "\n".join(wrong)
    assert len(examples) >= len(SECTIONS_WITH_A_CORPUS_EXAMPLE)


def test_the_format_docs_show_a_corpus_example_in_each_section_named():
    examples, _ = corpus_examples(FORMAT_PAGE)
    headings = _sections(FORMAT_PAGE.read_text(encoding="utf-8"))
    missing = [h for h in SECTIONS_WITH_A_CORPUS_EXAMPLE if h not in headings]
    assert missing == [], f"no such heading in docs/policy-format.md: {missing}"
    without = [h for h in SECTIONS_WITH_A_CORPUS_EXAMPLE if h not in {heading for heading, _, _ in examples}]
    assert without == [], f"no corpus example in: {without}"


def test_a_corpus_example_that_is_not_in_its_file_is_caught(tmp_path: Path):
    # the check above must be able to fail: a block the file does not hold, or not in a row
    policy = tmp_path / "examples" / "regulations" / "demo" / "policy.yaml"
    policy.parent.mkdir(parents=True)
    policy.write_text("units:\n  - id: a\n    tier: t\n    kind: government\n  - id: b\n", encoding="utf-8")
    page = tmp_path / "docs" / "format.md"
    page.parent.mkdir()
    link = "From the corpus — 《示例条例》第一条,\n[`demo/policy.yaml`](../examples/regulations/demo/policy.yaml):\n\n"

    def check(block: str, head: str = link) -> list[str]:
        page.write_text(f"# T\n\n## S\n\n{head}```yaml\n{block}```\n\nText.\n", encoding="utf-8")
        return corpus_examples(page)[1]

    assert check("  - id: a\n    tier: t\n    kind: government\n") == []
    assert corpus_examples(page)[0] == [
        ("## S", "demo/policy.yaml", ["  - id: a", "    tier: t", "    kind: government"])
    ]
    for block in (
        "  - id: a\n    tier: t\n    kind: party_committee\n",  # a word changed
        "  - id: a\n    kind: government\n  - id: b\n",  # lines of the file, not in a row
        "- id: a\n  tier: t\n  kind: government\n",  # indented otherwise
        "  - id: a\n",  # too short to show anything
    ):
        (wrong,) = check(block)
        assert "demo/policy.yaml" in wrong, wrong
    (wrong,) = check("  - id: a\n    tier: t\n    kind: government\n", link.replace("demo/", "gone/"))
    assert "gone/policy.yaml is not a file" in wrong
    (wrong,) = check("", link + "Text first.\n\n")
    assert "no ```yaml block" in wrong

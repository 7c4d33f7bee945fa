"""The corpus of real documents (`examples/regulations/`): every document lints without an input error,
its README counts its provisions as its table rates them, its quotes are its own words, and its stored
outputs and the corpus table are those of the code as it stands (`python -m tests.regulations`)."""

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

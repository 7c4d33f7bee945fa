"""README.zh.md and the glossary: the Chinese README gives the same set-up commands and the same numbers as
README.md, its tour is what the commands print, every relative link resolves, and the glossary names
every built-in power and dimension."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyengine.vocabulary import BUILTIN_POWERS, DIMENSIONS, EFFECTS, ROLES
from tests.readme_zh import README_ZH, ROOT, TOURS, block, markers

README = ROOT / "README.md"
GLOSSARY_ZH = ROOT / "docs" / "zh" / "术语.md"
GLOSSARY_EN = ROOT / "docs" / "glossary.md"
# each section of README.zh.md whose numbers README.md states, and the section of README.md stating them
SECTIONS = {
    "## 安装": "## Set-up",
    "## 快速上手": "## A short tour",
    "## 案例中的对策:改革方案": "## The case's remedies, as reforms",
    "## 模拟:基线与改革方案对比": "## Simulating baseline against reform",
}
# a number standing alone: not the digits of a code (PE101), a name (python3) or a longer number
NUMBER = re.compile(r"(?<![A-Za-z0-9_.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![A-Za-z0-9_.,])\d+(?:\.\d+)?")
GENERATED = re.compile(r"<!-- generated: (.*?) -->.*?<!-- end generated: \1 -->", re.S)
LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCED = re.compile(r"^```.*?^```", re.S | re.M)


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def section(page: str, heading: str) -> str:
    return page.split(heading + "\n", 1)[1].split("\n## ", 1)[0]


def numbers(page: str) -> list[float]:
    return [float(m.group(0).replace(",", "")) for m in NUMBER.finditer(page)]


def sh_block(page: str, heading: str) -> str:
    return section(page, heading).split("```sh\n", 1)[1].split("```", 1)[0]


def test_the_set_up_commands_are_the_english_readmes():
    assert sh_block(text(README_ZH), "## 安装") == sh_block(text(README), "## Set-up")
    assert "pip install . && policyengine lint policies/h_district\n" in sh_block(text(README_ZH), "## 安装")


@pytest.mark.parametrize("heading", SECTIONS)
def test_every_number_is_the_english_readmes(heading):
    """A number README.zh.md states outside the commands' output is one README.md states in the same
    section: the findings, the remedies' totals, the simulated figures, the sensitivity's shares."""
    zh = GENERATED.sub("", section(text(README_ZH), heading))
    en = set(numbers(section(text(README), SECTIONS[heading])))
    assert numbers(zh), heading
    assert [n for n in numbers(zh) if n not in en] == [], heading


def test_the_remedies_table_gives_the_english_readmes_totals():
    """The totals the English README's table gives, which tests/test_reform_examples.py checks against `lint`."""
    totals = re.compile(r"\| \(\w\) `(\w+)\.yaml` — [^|]*\| (\d+)")
    zh = {m.group(1): m.group(2) for m in totals.finditer(text(README_ZH))}
    en = {m.group(1): m.group(2) for m in totals.finditer(text(README))}
    assert zh == en and len(zh) == 4
    assert "| 改革方案 | 诊断数(基线:41) |" in text(README_ZH) and "findings (baseline: 41)" in text(README)


def test_the_lint_summary_is_what_the_set_up_section_says():
    summary = block("lint").splitlines()[-2]
    assert summary == "共 41 条诊断:错误 0 条,警告 36 条,提示 5 条,涉及 12 个文件"
    assert "36 条警告" in section(text(README_ZH), "## 安装") and "5 条提示" in section(text(README_ZH), "## 安装")


@pytest.mark.parametrize("name", TOURS)
def test_the_tour_is_what_the_command_prints(name):
    start, end = markers(name)
    shown = text(README_ZH).split(start + "\n", 1)[1].split("\n" + end, 1)[0]
    assert shown == block(name), f"README.zh.md's {name} excerpt is stale: run `python -m tests.readme_zh`"


def test_the_lint_excerpt_shows_one_finding_of_each_chosen_code():
    shown = block("lint")
    for code in ("PE101", "PE102", "PE103", "PE104", "PE105", "PE303"):
        assert shown.count(f"[{code}]") == 1, code


@pytest.mark.parametrize("page", [README_ZH, README, GLOSSARY_ZH, GLOSSARY_EN, ROOT / "docs" / "index.md"])
def test_every_relative_link_resolves(page):
    prose = FENCED.sub("", text(page))  # a command's output may hold "[…](…)" that is no link
    targets = [t for t in LINK.findall(prose) if not re.match(r"[a-z]+:", t) and not t.startswith("#")]
    assert targets
    missing = [t for t in targets if not (page.parent / t.split("#", 1)[0]).exists()]
    assert missing == []


@pytest.mark.parametrize(
    ("page", "other"),
    [(README, "README.zh.md"), (README_ZH, "README.md"), (GLOSSARY_EN, "zh/术语.md"), (GLOSSARY_ZH, "../glossary.md")],
)
def test_the_two_languages_link_each_other_at_the_top(page, other):
    assert f"]({other})" in text(page).split("\n\n", 2)[1]


def test_the_readmes_and_the_index_link_the_glossary():
    assert "](docs/zh/术语.md)" in text(README_ZH)
    index = text(ROOT / "docs" / "index.md")
    assert "](zh/术语.md)" in index and "](glossary.md)" in index and "](../README.zh.md)" in index


def rows(page: str) -> set[str]:
    """The ids in the first column of the page's tables: `| `penalty` | 处罚权 | ..."""
    return set(re.findall(r"^\| `(\w+)` \|", page, re.M))


def test_the_glossary_names_every_built_in_power_and_dimension():
    zh, en = rows(text(GLOSSARY_ZH)), rows(text(GLOSSARY_EN))
    assert set(BUILTIN_POWERS) <= zh and set(BUILTIN_POWERS) <= en
    assert set(DIMENSIONS) | set(ROLES) | set(EFFECTS) <= zh
    assert all(f"`{d}`" in text(GLOSSARY_EN) for d in DIMENSIONS)


def test_every_power_row_gives_a_chinese_name():
    powers = text(GLOSSARY_ZH).split("## 内置权力", 1)[1].split("治理权的四个维度", 1)[0]
    assert rows(powers) == set(BUILTIN_POWERS)
    for line in powers.splitlines():
        match = re.match(r"^\| `(\w+)` \| ([^|]+) \|", line)
        if match and match.group(1) in BUILTIN_POWERS:
            assert re.fullmatch(r"[\u4e00-\u9fff]+权", match.group(2).strip()), line


def test_the_simulated_figures_are_what_simulate_gives():
    """The simulation paragraph, recomputed (26 months, 20 runs, seed 2024, grants on 2020-01-01) at the
    precision it is printed with, as tests/test_simulate_docs.py recomputes the simulation guide."""
    from tests.test_simulate_docs import result

    figures = {c["figure"]: c["simulated"] for c in result()["calibration"]}

    def mean(scenario: str, metric: str) -> float:
        return result()["scenarios"][scenario]["metrics"][metric]["mean"]

    stated = section(text(README_ZH), "## 模拟:基线与改革方案对比")
    expected = [
        f"L街道处置合格率 {figures['l_street_qualification_rate']:.3f}",
        f"占 {100 * figures['urban_public_order_closure_share']:.1f}%",
        f"区级转办 {figures['community_district_transfers']:.1f} 件",
        f"上报约 {round(figures['l_street_events'], -3):,.0f} 件",
        f"(真实解决率 {mean('baseline', 'true_resolution_rate'):.3f})",
        f"({mean('admission_gate', 'true_resolution_rate'):.3f})",
        f"有 {100 * mean('admission_gate', 'dead_end_share'):.0f}% 超期",
        f"提高到 {mean('paper_remedy', 'true_resolution_rate'):.3f}",
    ]
    assert [e for e in expected if e not in stated] == []


# the glossary's tables of the vocabulary: (page, the text the table follows, the text after it, catalogue kind)
VOCABULARY_TABLES = [
    (GLOSSARY_ZH, "## 内置权力", "治理权的四个维度", "power"),
    (GLOSSARY_ZH, "事项的职责方式(", "考核后果(", "role"),
    (GLOSSARY_ZH, "考核后果(", None, "effect"),
    (GLOSSARY_EN, "## Built-in powers", "The four dimensions", "power"),
]


@pytest.mark.parametrize(("page", "start", "end", "kind"), VOCABULARY_TABLES)
def test_the_glossary_gives_the_names_the_output_uses(page, start, end, kind):
    """A built-in power, role and ranking effect is named in the glossary as Chinese output names it
    (the catalogue's `term.*`), so that the page a reader looks a word up in says what the tool prints."""
    from policyengine.messages.catalogue import TABLE

    table = text(page).split(start, 1)[1]
    table = table.split(end, 1)[0] if end else table
    named = dict(re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", table, re.M))
    ids = {"power": BUILTIN_POWERS, "role": ROLES, "effect": EFFECTS}[kind]
    assert named == {i: TABLE[f"term.{kind}.{i}"][1] for i in ids}

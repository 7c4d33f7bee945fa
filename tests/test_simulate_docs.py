"""The simulated figures the docs print are what `simulate` gives: the comparison of the reforms in
docs/simulation.md, docs/simulation.zh.md and examples/reforms/README.md, and the calibration lines,
recomputed (26 months, 20 runs, seed 2024, grants judged on 2020-01-01) and compared cell by cell at the
precision printed. The Chinese guide holds every section, parameter and metric of the English one, names
the metrics as the Chinese output does, and its links resolve."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from policyengine.messages.catalogue import TABLE
from policyengine.simulate import METRICS, simulate
from policyengine.simulate.parameters import PARAMETERS
from policyengine.simulate.report import figure_name

ROOT = Path(__file__).resolve().parent.parent
GUIDE, GUIDE_ZH = ROOT / "docs" / "simulation.md", ROOT / "docs" / "simulation.zh.md"
H = str(ROOT / "policies" / "h_district")
REFORMS = {
    "admission_gate": "(a) `admission_gate`",
    "paper_remedy": "(d) `paper_remedy`",
    "information_grid": "(b) `information_grid`",
    "specialised_platform": "(c) `specialised_platform`",
}


@cache
def result() -> dict:
    reforms = [str(ROOT / "examples" / "reforms" / f"{name}.yaml") for name in REFORMS]
    return simulate([H], reforms, months=26, runs=20, seed=2024, on="2020-01-01", workers=2)


def number(cell: str) -> float:
    return float(re.sub(r"[^0-9.\-]", "", cell.split("(")[0].replace(",", "").strip("*")))


def agrees(printed: str, value: float) -> bool:
    """The printed number is `value` at the precision it is printed with."""
    text = printed.split("(")[0].strip().strip("*").replace(",", "")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(round(value, decimals) - float(text)) < 10 ** (-decimals) / 2 + 1e-12


def table(text: str, header: str) -> list[list[str]]:
    lines = text.split(header, 1)[1].splitlines()
    rows = []
    for line in lines[1:]:
        if not line.startswith("|"):
            break
        if not line.startswith("|---"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def test_the_reforms_table_of_the_simulation_guide():
    text = (ROOT / "docs" / "simulation.md").read_text(encoding="utf-8")
    header = "| metric | baseline | (a) `admission_gate` (上收) | (d) `paper_remedy` (权随责走、费随事转) | (b) `information_grid` | (c) `specialised_platform` |"
    order = ["baseline", "admission_gate", "paper_remedy", "information_grid", "specialised_platform"]
    rows = table(text, header)
    assert len(rows) == 9
    for row in rows:
        metric = row[0].strip("`").split("`")[0]
        for scenario, cell in zip(order, row[1:], strict=True):
            value = result()["scenarios"][scenario]["metrics"][metric]["mean"]
            assert agrees(cell, value), (metric, scenario, cell, value)


def test_the_reforms_readme_table():
    text = (ROOT / "examples" / "reforms" / "README.md").read_text(encoding="utf-8")
    header = "| scenario | `true_resolution_rate` | `fabricated_share` | `suspension_gap` | `dead_end_share` | district workload (`district_hours_per_month`) |"
    metrics = [
        "true_resolution_rate",
        "fabricated_share",
        "suspension_gap",
        "dead_end_share",
        "district_hours_per_month",
    ]
    rows = table(text, header)
    assert [r[0] for r in rows] == ["baseline", "(a) `admission_gate`", "(d) `paper_remedy`"]
    for row in rows:
        scenario = "baseline" if row[0] == "baseline" else row[0].split("`")[1]
        for metric, cell in zip(metrics, row[1:], strict=True):
            assert agrees(cell, result()["scenarios"][scenario]["metrics"][metric]["mean"]), (scenario, metric, cell)


# how each page's calibration lines (the output of `simulate` in its language) say simulated, within, missed
CALIBRATION_WORDS = {
    "docs/simulation.md": ("simulated ", "within", "MISSED"),
    "docs/simulation.zh.md": ("模拟 ", "在范围内", "未达到"),
}


@pytest.mark.parametrize("path", CALIBRATION_WORDS)
def test_the_calibration_lines(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    simulated, within, missed = CALIBRATION_WORDS[path]
    lang = "zh" if path.endswith(".zh.md") else "en"
    for c in result()["calibration"]:
        # each figure by its declared name in the page's language, as `simulate --lang` prints it
        line = next(line for line in text.splitlines() if line.strip().startswith(f"{figure_name(c, lang)}"))
        assert f"{simulated}{c['simulated']:.4f}".rstrip("0").rstrip(".") in line or (
            f"{simulated}{c['simulated']:.1f}" in line
        ), line
        assert (within in line) == c["within"] and (missed in line) == (not c["within"])


def test_the_reforms_table_of_the_chinese_guide():
    """The same table as the English guide's, each row naming its metric as a code span after its Chinese name."""
    header = (
        "| 指标 | 基线 | (a) 上收(`admission_gate`) | (d) 权随责走、费随事转(`paper_remedy`) "
        "| (b) 网格回归信息采集(`information_grid`) | (c) 从综治平台到专治平台(`specialised_platform`) |"
    )
    order = ["baseline", "admission_gate", "paper_remedy", "information_grid", "specialised_platform"]
    rows = table(GUIDE_ZH.read_text(encoding="utf-8"), header)
    english = table(GUIDE.read_text(encoding="utf-8"), "| metric | baseline | (a) `admission_gate`")
    assert len(rows) == len(english) == 9
    for row, row_en in zip(rows, english, strict=True):
        metric = re.search(r"`(\w+)`", row[0]).group(1)
        assert metric == row_en[0].strip("`").split("`")[0]
        assert row[0].startswith(TABLE[f"simulate.metric.{metric}"][1].split("(")[0]), row[0]
        for scenario, cell in zip(order, row[1:], strict=True):
            value = result()["scenarios"][scenario]["metrics"][metric]["mean"]
            assert agrees(cell, value), (metric, scenario, cell, value)


@cache
def parts() -> dict:
    reform = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
    return simulate([H], [reform], months=26, runs=20, seed=2024, on="2020-01-01", workers=2, reform_parts="groups")


PARTS_HEADERS = {GUIDE: "| operations | adds |", GUIDE_ZH: "| 操作 | 新增 |"}


@pytest.mark.parametrize("page", PARTS_HEADERS, ids=["en", "zh"])
def test_the_parts_table_of_the_admission_gate(page):
    """Each row is the parts its first cell names (1-k: operations 1 to k), metric by metric as the header
    names them: by id in English, by the Chinese output's name in Chinese."""
    text = page.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith(PARTS_HEADERS[page]))
    zh_names = {TABLE[f"simulate.metric.{m}"][1]: m for m in METRICS}
    metrics = [zh_names.get(cell.strip(), cell.strip().strip("`")) for cell in header.strip("|").split("|")[2:]]
    assert metrics and set(metrics) <= set(METRICS)
    entries = {tuple(e["operations"]): e["metrics"] for e in parts()["parts"]["reforms"]["admission_gate"]}
    rows = table(text, header)
    assert [re.match(r"baseline|基线|1-\d+", r[0]).group(0) for r in rows] == [
        "baseline" if page == GUIDE else "基线"
    ] + [f"1-{last}" for last in (1, 7, 8, 12, 13)]
    for row in rows:
        names = re.findall(r"1-(\d+)", row[0])
        wanted = [entries[(1, int(n))] for n in names] or [parts()["scenarios"]["baseline"]["metrics"]]
        for means in wanted:
            for metric, cell in zip(metrics, row[2:], strict=True):
                assert agrees(cell, means[metric]["mean"]), (row[0], metric, cell)


def section_rows(text: str, heading: str) -> dict[str, list[str]]:
    """The rows of the tables under `## heading` whose first cell is a code span, by that name."""
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in section.splitlines() if line.startswith("|")]
    return {r[0].strip("`"): r[1:] for r in rows if r[0].startswith("`")}


def test_the_chinese_guide_gives_every_parameter_with_its_default():
    zh = section_rows(GUIDE_ZH.read_text(encoding="utf-8"), "参数")
    en = section_rows(GUIDE.read_text(encoding="utf-8"), "Parameters")
    assert list(zh) == list(en) and set(zh) == set(PARAMETERS)
    for name, parameter in PARAMETERS.items():
        default, unit, meaning, basis = zh[name]
        assert unit and re.search(r"[\u4e00-\u9fff]", meaning), name
        if parameter.default is None:
            assert default == "取自政策" and en[name][0] == "from the policy", name
        else:
            assert float(default) == parameter.default == float(en[name][0]), name
        if en[name][3] == "ASSUMPTION":
            assert basis == "假设", name


def test_the_chinese_guide_names_each_metric_as_the_chinese_output_does():
    zh = section_rows(GUIDE_ZH.read_text(encoding="utf-8"), "指标")
    assert list(zh) == list(METRICS)
    for metric, (name, definition) in zh.items():
        assert name == TABLE[f"simulate.metric.{metric}"][1] and definition, metric


# the English guide's sections and the Chinese guide's, in order
SECTIONS = {
    "The model": "模型",
    "Behaviour rules": "行为规则",
    "Parameters": "参数",
    "Metrics": "指标",
    "How a run draws": "一次运行如何抽样",
    "Reproducibility": "可复现性",
    "Calibration against the case": "与案例数据的校准",
    "Baseline against the reforms": "基线与改革方案对比",
    "Which part of a reform does what": "改革方案各部分的作用",
    "Sweeps": "参数扫描",
    "Sensitivity over the assumptions": "对假设的敏感性分析",
    "Dask, stored runs and resuming": "Dask、运行记录与续算",
    "Output": "输出",
    "Plots and series": "图表与序列",
    "Limits": "限制",
}


def headings(text: str, level: str = "## ") -> list[str]:
    """The headings outside code blocks (a `# comment` in a shell block is no heading)."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return [line[len(level) :] for line in prose.splitlines() if line.startswith(level)]


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens."""
    return {re.sub(r"[^\w\- ]", "", h.lstrip("#").strip().lower()).replace(" ", "-") for h in headings(text, "#")}


def test_the_chinese_guide_has_every_section_in_the_same_order():
    zh, en = GUIDE_ZH.read_text(encoding="utf-8"), GUIDE.read_text(encoding="utf-8")
    assert headings(en) == list(SECTIONS)
    assert headings(zh) == list(SECTIONS.values())
    assert "see the English" not in zh and "见英文页" not in zh


@pytest.mark.parametrize(("page", "other"), [(GUIDE, "simulation.zh.md"), (GUIDE_ZH, "simulation.md")])
def test_every_link_of_the_guides_resolves(page, other):
    text = page.read_text(encoding="utf-8")
    assert f"]({other})" in text.split("\n\n", 2)[1]  # the other language, under the title
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    links = [t for t in re.findall(r"\]\(([^)\s]+)\)", prose) if not re.match(r"[a-z]+:", t)]
    assert links
    for link in links:
        path, _, fragment = link.partition("#")
        target = (page.parent / path) if path else page
        if not target.exists() and target.name.endswith(".zh.md"):
            # a page not yet in Chinese: `policyengine docs --lang zh` shows the English one
            target = target.with_name(target.name.removesuffix(".zh.md") + ".md")
            fragment = ""
        assert target.exists(), link
        if fragment:
            assert fragment in anchors(target.read_text(encoding="utf-8")), link

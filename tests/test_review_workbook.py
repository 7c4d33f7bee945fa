"""The review workbook (`lint --format xlsx -o`, `admit --format xlsx -o`): each imported table as
published with the findings and decision of each row's item beside it, the items, every finding, a
sheet per check; frozen header, filters; the same bytes every time."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.test_import import run, three_lists


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    table = three_lists(tmp_path / "某镇履职事项清单.xlsx")
    status, _, err = run("import", str(table), "-o", str(tmp_path / "policy"), "--preset", "three_list")
    assert status == 0, err
    return tmp_path / "policy"


def workbook(policy: Path, *args: str) -> tuple[openpyxl.Workbook, bytes]:
    out = policy.parent / "review.xlsx"
    status, _, err = run(*args, str(policy), "--format", "xlsx", "-o", str(out), "--on", "2026-12-01")
    assert status in (0, 1), err
    assert err.strip().endswith(f"wrote {out}") or err.strip().endswith(f"已写入 {out}")
    data = out.read_bytes()
    return openpyxl.load_workbook(out), data


def test_each_table_comes_back_as_published_with_the_findings_beside_its_rows(policy: Path, tmp_path: Path):
    book, _ = workbook(policy, "lint", "--lang", "zh")
    assert book.sheetnames[:5] == ["基本履职事项", "配合履职事项", "上级部门收回事项", "事项", "全部问题"]
    original = openpyxl.load_workbook(tmp_path / "某镇履职事项清单.xlsx")
    for name in ["基本履职事项", "配合履职事项", "上级部门收回事项"]:
        was, now = original[name], book[name]
        assert now.max_row == was.max_row
        for row in range(1, was.max_row + 1):
            for column in range(1, was.max_column + 1):
                assert now.cell(row, column).value == was.cell(row, column).value, (name, row, column)
        assert {str(r) for r in now.merged_cells.ranges} == {str(r) for r in was.merged_cells.ranges}
    sheet = book["基本履职事项"]
    assert [sheet.cell(2, c).value for c in range(7, 12)] == [
        "问题代码",
        "严重程度",
        "发现的问题",
        "准入结论",
        "准入说明",
    ]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A3", "A2:K7")
    _, out, _ = run("lint", str(policy), "--format", "json", "--lang", "zh", "--on", "2026-12-01")
    found = json.loads(out)["findings"]
    for row in (4, 6, 7):
        name = sheet.cell(row, 2).value
        codes = [f["code"] for f in found if f["subject"] == {"kind": "item", "id": name}]
        messages = [f["message"] for f in found if f["subject"] == {"kind": "item", "id": name}]
        assert (sheet.cell(row, 7).value or "").split("\n") == (codes or [""])
        assert (sheet.cell(row, 9).value or "").split("\n") == (messages or [""])
        assert sheet.cell(row, 10).value == "未经审查"  # no admission procedure governs the lists


def test_the_items_findings_and_check_sheets(policy: Path):
    book, _ = workbook(policy, "lint")
    items = book["items"]
    assert [c.value for c in items[1]][:7] == [
        "item",
        "tier",
        "kind",
        "role",
        "responsible department",
        "lists",
        "cell",
    ]
    assert [items.cell(r, 1).value for r in range(2, 7)] == [
        "基层党组织建设",
        "矛盾纠纷排查化解",
        "社区矫正协助",
        "河道巡查",
        "建筑工程施工许可",
    ]
    assert items.cell(2, 7).value == "某镇履职事项清单.xlsx!基本履职事项:B4"
    findings = book["findings"]
    codes = sorted({findings.cell(r, 3).value for r in range(2, findings.max_row + 1)})
    assert [n for n in book.sheetnames if n.startswith("PE")] == codes
    check = book[codes[0]]
    assert check.cell(1, 1).value.startswith(codes[0] + " ")
    header = next(r for r in range(1, check.max_row + 1) if check.cell(r, 1).value == "where (YAML)")
    assert check.freeze_panes == f"A{header + 1}"
    assert check.max_row - header == sum(
        1 for r in range(2, findings.max_row + 1) if findings.cell(r, 3).value == codes[0]
    )


def test_the_workbook_is_the_same_bytes_every_time(policy: Path):
    _, first = workbook(policy, "lint")
    _, second = workbook(policy, "lint")
    assert first == second


def test_admit_writes_the_decisions_beside_the_rows(policy: Path):
    book, _ = workbook(policy, "admit", "--lang", "zh")
    sheet = book["基本履职事项"]
    assert [sheet.cell(2, c).value for c in range(7, 9)] == ["准入结论", "准入说明"]
    assert sheet.cell(4, 7).value == "未经审查"
    assert "全部问题" not in book.sheetnames


def test_xlsx_needs_a_file_and_other_formats_may_go_to_one(policy: Path, tmp_path: Path):
    status, _, err = run("lint", str(policy), "--format", "xlsx")
    assert (status, err.strip()) == (2, "policyengine: --format xlsx writes a workbook: give the file with -o FILE")
    status, _, err = run("lint", str(policy), "--format", "json", "-o", str(tmp_path / "out.json"))
    assert status == 1
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["findings"]

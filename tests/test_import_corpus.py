"""The three published tables of the corpus (`examples/regulations/`), each kept as the file it was
published as (.xlsx, .docx, .csv in GB18030): importing it with its preset gives the committed policy
byte for byte, every data row becomes one item that names its cells, and the review workbook `lint` and
`admit` write from the imported policy holds the table as published — every row in its order, every
cell in its column, the merged ranges — with each row's findings and decision beside it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
import yaml

from policyengine.cells import parse_address
from policyengine.lint import lint_paths
from policyengine.tables.importer import open_table
from tests.regulations import CORPUS, ON, run

FINDING_LABELS = ("问题代码", "严重程度", "发现的问题")
DECISION_LABELS = ("准入结论", "准入说明")
# none of the three pages states an admission procedure: every item is left unexamined
UNEXAMINED = ("未经审查", "没有准入程序管辖该事项")


@dataclass(frozen=True)
class Case:
    directory: str
    table: str  # the published table's file
    preset: str
    imported: str  # the policy file `import` writes
    sheet: str  # the table's sheet in the review workbook
    header: int  # the row the review columns' labels stand in
    data_rows: tuple[int, ...]  # the table's rows that are items, in order
    lint_status: int
    merged: tuple[str, ...]  # the table's merged ranges, as the file holds them
    cells: tuple[tuple[int, str, str, str], ...]  # (item's index, field, its cell, the table's text there)

    @property
    def path(self) -> Path:
        return CORPUS / self.directory

    def policy(self) -> dict:
        return yaml.safe_load((self.path / self.imported).read_text(encoding="utf-8"))


MINGNAN = "明光市明南街道办事处权力清单和责任清单"
HUBEI = "湖北省村级组织履职事项清单指导目录"
JIYUAN = "济源市数字城市管理城市事件采集、立案、处置与结案标准"
CASES = (
    Case(
        "mingnan_street_duty_list_2019",
        f"{MINGNAN}.xlsx",
        "three_list",
        f"{MINGNAN}.yaml",
        "权力清单和责任清单",
        2,
        (3,),
        0,  # the street's own duty: routine work, nothing for the checks to find
        ("A1:H1",),
        (
            (0, "name", "D3", "独生子女父母光荣证核发与注销"),
            (0, "category", "B3", "行政确认"),
            (0, "legal_basis", "F3", "《安徽省人口与计划生育条例》第三十九条"),
            (0, "description", "G3", "1、受理阶段责任:公示依法应当提交的材料"),
        ),
    ),
    Case(
        "hubei_village_duty_catalogue",
        f"{HUBEI}.docx",
        "admission_list",
        f"{HUBEI}.yaml",
        "表1",
        2,  # no header row: the labels stand in the section row above the first item
        tuple(range(3, 15)),
        0,
        ("A1:B1", "A2:B2"),
        (
            (0, "name", "B3", "宣传贯彻执行党的路线方针政策"),
            (0, "list", "A2", "主责事项指导目录"),
            (
                11,
                "name",
                "B14",
                "预防未成年人犯罪,保护妇女、儿童、老年人权益,做好残疾人工作,做好退役军人服务保障工作。",
            ),
        ),
    ),
    Case(
        "jiyuan_city_event_standard",
        f"{JIYUAN}.csv",
        "grid_items",
        "济源市数字城市管理城市事件采集_立案_处置与结案标准.yaml",
        JIYUAN,
        3,  # the second of two header rows
        tuple(range(4, 9)),
        1,
        (),  # a CSV file holds no merged cells: 市容环境类 stands in row 4 alone
        (
            (0, "name", "C4", "违法搭建"),
            (0, "owner", "D4", "市城乡规划管理局、"),
            (0, "deadline", "F4", "15工作日"),
            (4, "category", "A4", "市容环境类"),  # carried down from the first row
            (4, "owner", "D8", "市住建局、市水利局"),
        ),
    ),
)
IDS = [c.directory for c in CASES]


def published(case: Case) -> tuple[dict[int, tuple[str, ...]], list[str]]:
    """The table as the importer's own reader reads it: row number -> cells, and its merged ranges."""
    (sheet,) = open_table(str(case.path / case.table)).sheets
    merges = [f"{_letter(c1)}{r1}:{_letter(c2)}{r2}" for r1, c1, r2, c2 in sheet.merges()]
    read = dict(sheet.rows())
    width = max(len(cells) for cells in read.values())  # a reader may leave a row's trailing empty cells out
    return {n: cells + ("",) * (width - len(cells)) for n, cells in read.items()}, sorted(merges)


def _letter(column: int) -> str:
    return openpyxl.utils.get_column_letter(column)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_importing_the_table_gives_the_committed_policy(case: Case, tmp_path: Path):
    status, said = run(["import", str(case.path / case.table), "-o", str(tmp_path), "--preset", case.preset])
    assert status == 0, said
    assert (tmp_path / case.imported).read_bytes() == (case.path / case.imported).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [case.imported]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_importing_again_beside_the_notice_changes_nothing(case: Case, tmp_path: Path):
    # the README's command, run in the document's directory: the notice's declarations are known to
    # the import and the policy it writes over is its own, so the same bytes come out
    copy = tmp_path / case.directory
    shutil.copytree(case.path, copy)
    status, said = run(["import", str(copy / case.table), "-o", str(copy), "--preset", case.preset])
    assert status == 0, said
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == {p.name: p.read_bytes() for p in case.path.iterdir()}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_data_row_is_one_item_that_names_its_cells(case: Case):
    rows, _ = published(case)
    policy = case.policy()
    items = policy["items"]
    # every row after the header rows is an item, and nothing else is
    assert [n for n in rows if n > case.header and any(rows[n])] == list(case.data_rows)
    assert len(items) == len(case.data_rows)
    (listed,) = policy["lists"]
    assert listed["items"] == [i["id"] for i in items]  # the list keeps the table's order
    prefix = f"{case.table}!{case.sheet}" if case.table.endswith((".xlsx", ".docx")) else case.table
    for item, n in zip(items, case.data_rows, strict=True):
        cell = item["source"]["cell"]
        assert cell.rsplit(":", 1)[0] == prefix
        row, column = parse_address(cell.rsplit(":", 1)[1])
        assert row == n and item["name"]["zh"] == rows[n][column - 1].strip()
        # the row is kept whole: every non-empty cell of the table, in its column
        kept = item["source"]["row"]
        assert {c: t for c, t in kept.items() if t} == {_letter(i + 1): t for i, t in enumerate(rows[n]) if t}
    for index, field, address, text in case.cells:
        assert items[index]["source"]["cells"][field] == address
        row, column = parse_address(address)
        assert rows[row][column - 1].startswith(text)


def test_the_named_values_are_the_tables_text():
    mingnan, hubei, jiyuan = (c.policy()["items"] for c in CASES)
    rows, _ = published(CASES[0])
    assert mingnan[0]["legal_basis"] == rows[3][5].strip()
    assert mingnan[0]["description"] == rows[3][6]
    assert mingnan[0]["category"] == rows[3][1]
    assert [i["role"] for i in hubei] == ["handle"] * 12 and {i["tier"] for i in hubei} == {"村"}
    rows, _ = published(CASES[2])
    assert [i.get("owner") for i in jiyuan] == ["市城乡规划管理局", "市住建局", None, "市住建局", "市住建局"]
    assert [u["unit"] for u in jiyuan[4]["co_handlers"]] == ["市水利局"]
    assert "owner" not in jiyuan[2]["source"]["cells"] and rows[6][3] == ""  # row 03 names no unit
    assert jiyuan[0]["deadlines"]["handling"] == {"within": 15, "unit": "working_days"}
    assert jiyuan[3]["deadlines"]["handling"] == {"within": "unknown", "unit": "unknown", "note": "5工作时"}


def findings_by_row(case: Case) -> dict[int, list]:
    result = lint_paths([case.path], lang="zh", on=ON)
    rows = {i["id"]: parse_address(i["source"]["cell"].rsplit(":", 1)[1])[0] for i in case.policy()["items"]}
    out: dict[int, list] = {n: [] for n in case.data_rows}
    for f in result.findings:
        if f.subject.kind == "item":
            out[rows[f.subject.id]].append(f)
    return out


@pytest.mark.parametrize("command", ["lint", "admit"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_review_workbook_keeps_the_table_and_puts_the_findings_beside_its_rows(
    case: Case, command: str, tmp_path: Path
):
    out = tmp_path / "review.xlsx"
    args = [command, str(case.path), "--lang", "zh", "--on", ON, "--format", "xlsx", "-o", str(out)]
    status, said = run(args)
    assert status == (case.lint_status if command == "lint" else 0), said
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == case.sheet  # the table first, as published
    ws = book[case.sheet]
    rows, merges = published(case)
    width = len(next(iter(rows.values())))
    labels = (*FINDING_LABELS, *DECISION_LABELS) if command == "lint" else DECISION_LABELS
    grid = [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    # every row of the table, in its order, every cell unchanged in its own column
    assert len(grid) == max(rows)
    for n, cells in rows.items():
        assert tuple(grid[n - 1][:width]) == cells, f"row {n}"
    assert merges == list(case.merged)
    assert sorted(str(r) for r in ws.merged_cells.ranges) == merges
    # the review columns: labelled in the header row, filled beside each item's row only
    assert tuple(grid[case.header - 1][width:]) == labels
    found = findings_by_row(case)
    for n in range(1, max(rows) + 1):
        beside = tuple(grid[n - 1][width:])
        if n not in case.data_rows:
            assert n == case.header or not any(beside), f"row {n}"
            continue
        fs = found[n]
        want = (
            "\n".join(f.code for f in fs),
            "\n".join({"error": "错误", "warning": "警告", "info": "提示"}[f.severity.label] for f in fs),
            "\n".join(f.message for f in fs),
        )
        assert beside == ((*want, *UNEXAMINED) if command == "lint" else UNEXAMINED), f"row {n}"
    # a reviewer's sheet: the header frozen, a filter over the header and the rows
    assert ws.freeze_panes == f"A{case.header + 1}"
    assert ws.auto_filter.ref == f"A{case.header}:{_letter(width + len(labels))}{max(rows)}"


def test_the_findings_reach_the_rows_they_are_about():
    # the test above compares with lint's own findings: make sure there are some to compare
    found = findings_by_row(CASES[2])
    assert [[f.code for f in found[n]] for n in CASES[2].data_rows] == [["PE010"], ["PE010"], [], ["PE010"], ["PE010"]]
    assert all("PE102" in f.message for fs in found.values() for f in fs)

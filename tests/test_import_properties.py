"""Random tables imported under a mapping, written as CSV and as `.xlsx`: the columns in any order,
cells of Chinese and ASCII text with line breaks or empty, role texts the mapping knows or junk.

Whatever the table, `policyengine import` never fails with a traceback: either it writes one item per
row that names one, each knowing its cell and holding its row as published, and the policy written
lints without an input error; or it says every bad cell, one located line each, and writes nothing.
Each example has its own `tempfile.TemporaryDirectory` (function-scoped `tmp_path` does not mix with
@given)."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from policyengine.cells import letters
from policyengine.cli import main
from policyengine.tables.mapping import normal

openpyxl = pytest.importorskip("openpyxl")

MAPPING = """\
mapping: {id: 随机表}
columns:
  name: {header: 事项名称}
  role: {header: 履职方式, values: {主责: handle, 配合: assist, 上报: report}}
  owner: {header: 责任单位}
  note: {header: 备注}
defaults: {tier: 镇, kind: line}
tiers: [{id: 镇, name: {zh: 镇}}]
units: {tier: 镇}
"""
HEADERS = {"name": "事项名称", "role": "履职方式", "owner": "责任单位", "note": "备注"}
ROLES = ("主责", "配合", "上报", " 主 责 ")
# no character of a header, so that no cell names a column; no "=", which a spreadsheet reads as a formula
ALPHABET = "事项巡查城管局道路镇街社区网格协调报送整治 abcXYZ019-_,、;()“”.\n"
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.text(alphabet=ALPHABET, max_size=12)
cells = st.one_of(st.just(""), st.just(" "), texts)
# junk role texts on one line: a message quoting a text of several lines takes several lines
# (test_a_message_quoting_a_cell_of_several_lines_is_one_line)
role_cells = st.one_of(st.just(""), st.sampled_from(ROLES), st.text(alphabet=ALPHABET.strip(), max_size=12))


@dataclass
class Table:
    order: list[str]  # the fields, in the order of their columns
    rows: list[dict[str, str]]

    def grid(self) -> list[list[str]]:
        return [[HEADERS[f] for f in self.order]] + [[row[f] for f in self.order] for row in self.rows]


any_rows = st.fixed_dictionaries({"name": cells, "role": role_cells, "owner": cells, "note": cells})
good_rows = st.fixed_dictionaries(
    {"name": texts.filter(str.strip), "role": st.sampled_from(("", *ROLES)), "owner": cells, "note": cells}
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    order = draw(st.permutations(list(HEADERS)))
    # half the tables have only rows that name an item well, so that importing them succeeds
    rows = draw(st.lists(draw(st.sampled_from((good_rows, any_rows))), min_size=1, max_size=8))
    return Table(list(order), rows)


def write_csv(table: Table, path: Path) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table.grid())
    return f"{path.name}:"


def write_xlsx(table: Table, path: Path) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "清单"
    for row in table.grid():
        sheet.append([text or None for text in row])
    book.save(path)
    return f"{path.name}!清单:"


def write_docx(table: Table, path: Path) -> str:
    import docx

    made = docx.Document()
    grid = table.grid()
    cells = made.add_table(rows=len(grid), cols=len(grid[0]))
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            cells.cell(r, c).text = text  # a line break in the text is a break in the paragraph
    made.save(str(path))
    return f"{path.name}!表1:"


def expected(table: Table) -> tuple[list[int], list[str]]:
    """The rows that are items (by number), and the cells that are bad (as `A3`), read as the importer
    is documented to read them: a row of one text in the first column, not the name column, is a
    section title."""
    items, bad = [], []
    column = {f: letters(table.order.index(f) + 1) for f in table.order}
    for number, row in enumerate(table.rows, start=2):
        filled = [f for f in table.order if row[f].strip()]
        if not filled or (len(filled) == 1 and filled[0] != "name" and table.order[0] == filled[0]):
            continue
        wrong = []
        if not row["name"].strip():
            wrong.append(f"{column['name']}{number}")
        if row["role"].strip() and normal(row["role"].strip()) not in ROLES_KNOWN:
            wrong.append(f"{column['role']}{number}")
        if wrong:
            bad += wrong
        else:
            items.append(number)
    return items, bad  # row by row; in a row, the name's cell before the role's, as the mapping lists them


ROLES_KNOWN = {normal(r) for r in ROLES}


def check(table: Table, write) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "映射.yaml").write_text(MAPPING, encoding="utf-8")
        suffix = {write_csv: "csv", write_xlsx: "xlsx", write_docx: "docx"}[write]
        path = base / f"清单.{suffix}"
        at = write(table, path)
        out = base / "out"
        runner = CliRunner()
        result = runner.invoke(main, ["import", str(path), "--mapping", str(base / "映射.yaml"), "-o", str(out)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        items, bad = expected(table)
        event("refused" if bad else "imported")
        if bad:
            assert result.exit_code == 2, result.output
            lines = result.stderr.splitlines()
            assert [line.split(": ", 1)[0] for line in lines[:-1]] == [f"{at}{cell}" for cell in bad], lines
            assert lines[-1] == f"policyengine: {len(bad)} problem(s) in the tables; nothing was written"
            assert not out.exists()
            return
        assert result.exit_code == 0, result.output
        policy = yaml.safe_load((out / "清单.yaml").read_text(encoding="utf-8"))
        written = policy.get("items") or []
        assert [item["source"]["cell"] for item in written] == [
            f"{at}{letters(table.order.index('name') + 1)}{n}" for n in items
        ]
        for item, number in zip(written, items, strict=True):
            row = table.rows[number - 2]
            assert item["name"]["zh"] == row["name"].strip()
            assert item["source"]["row"] == {
                letters(table.order.index(f) + 1): row[f] for f in table.order if row[f].strip()
            }
        linted = runner.invoke(main, ["lint", str(out)])
        assert linted.exit_code in (0, 1), linted.output
        assert "Traceback" not in linted.output


@SETTINGS
@given(tables())
def test_a_random_csv_table_is_imported_whole_or_refused_cell_by_cell(table):
    check(table, write_csv)


@SETTINGS
@given(tables())
def test_a_random_workbook_is_imported_whole_or_refused_cell_by_cell(table):
    check(table, write_xlsx)


def test_a_message_quoting_a_cell_of_several_lines_is_one_line(tmp_path):
    (tmp_path / "映射.yaml").write_text(MAPPING, encoding="utf-8")
    table = tmp_path / "清单.csv"
    table.write_text('事项名称,履职方式\n道路巡查,"督办\n协调"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", str(table), "--mapping", str(tmp_path / "映射.yaml"), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 2, result.stderr


@SETTINGS
@given(tables())
def test_a_random_word_table_is_imported_whole_or_refused_cell_by_cell(table):
    pytest.importorskip("docx")
    check(table, write_docx)

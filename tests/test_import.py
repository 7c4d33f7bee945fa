"""`policyengine import`: a three-list workbook, a Word table and a CSV file read with the presets,
every item with its cell; errors located per cell with nothing written; findings naming the cell."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from policyengine.cli import main

HEAD = ["序号", "事项名称", "责任单位", "配合部门", "法律依据", "备注"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"NO_COLOR": "1", "GITHUB_ACTIONS": None})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def three_lists(path: Path) -> Path:
    """A township's three lists, as counties publish them: a title row merged across, the header in row 2,
    section titles, a responsible body merged down two rows, a cell of two lines."""
    book = openpyxl.Workbook()
    basic = book.active
    basic.title = "基本履职事项"
    basic.append(["附件1 某镇基本履职事项清单", "", "", "", "", ""])
    basic.merge_cells("A1:F1")
    basic.append(HEAD)
    basic.append(["一、党的建设", "", "", "", "", ""])
    basic.merge_cells("A3:F3")
    basic.append(["1", "基层党组织建设", "镇党委", "", "《中国共产党章程》", ""])
    basic.append(["二、平安建设", "", "", "", "", ""])
    basic.merge_cells("A5:F5")
    basic.append(["2", "矛盾纠纷排查化解", "县司法局", "县公安局\n县信访局", "《人民调解法》", ""])
    basic.append(["3", "社区矫正协助", "", "", "《社区矫正法》", "每月一次"])
    basic.merge_cells("C6:C7")
    helping = book.create_sheet("配合履职事项")
    helping.append(HEAD)
    helping.append(["1", "河道巡查", "县水利局", "", "", ""])
    back = book.create_sheet("上级部门收回事项")
    back.append(HEAD)
    back.append(["1", "建筑工程施工许可", "县住建局", "", "《建筑法》", ""])
    book.save(path)
    return path


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, str]:
    table = three_lists(tmp_path / "某镇履职事项清单.xlsx")
    status, _, err = run("import", str(table), "-o", str(tmp_path / "policy"))
    assert status == 0, err
    return tmp_path / "policy" / "某镇履职事项清单.yaml", err


def test_the_three_lists_become_items_lists_and_units_with_their_cells(imported: tuple[Path, str]):
    out, _ = imported
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    items = {i["name"]["zh"]: i for i in data["items"]}
    assert list(items) == ["基层党组织建设", "矛盾纠纷排查化解", "社区矫正协助", "河道巡查", "建筑工程施工许可"]
    lists = {x["id"]: (x["kind"], x["tier"], x["items"]) for x in data["lists"]}
    assert lists == {
        "基本履职事项": ("duties", "乡镇", ["基层党组织建设", "矛盾纠纷排查化解", "社区矫正协助"]),
        "配合履职事项": ("cooperation", "乡镇", ["河道巡查"]),
        "上级部门收回事项": ("returned", "乡镇", ["建筑工程施工许可"]),
    }
    first = items["基层党组织建设"]
    assert (first["tier"], first["role"], first["category"], first["owner"]) == ("乡镇", "handle", "党的建设", "镇党委")
    assert first["source"]["cell"] == "某镇履职事项清单.xlsx!基本履职事项:B4"
    assert first["source"]["cells"] == {"category": "A3", "legal_basis": "E4", "name": "B4", "owner": "C4"}
    assert first["source"]["row"] == {"A": "1", "B": "基层党组织建设", "C": "镇党委", "E": "《中国共产党章程》"}
    # two lines in one cell are two cooperating bodies; a body merged down two rows is each row's
    second, third = items["矛盾纠纷排查化解"], items["社区矫正协助"]
    assert second["co_handlers"] == [{"unit": "县公安局"}, {"unit": "县信访局"}]
    assert (third["owner"], third["source"]["cells"]["owner"], third["note"]) == ("县司法局", "C6", "每月一次")
    assert "C" not in third["source"]["row"]  # the row as published: the merged cell's text is in row 6
    assert (items["河道巡查"]["role"], items["建筑工程施工许可"]["tier"]) == ("assist", "县")
    units = {u["id"]: (u["tier"], u["kind"]) for u in data["units"]}
    assert units["镇党委"] == ("乡镇", "government")
    assert units["县司法局"] == ("县", "functional_department")


def test_the_guess_and_the_columns_read_are_said(imported: tuple[Path, str]):
    _, err = imported
    assert (
        "某镇履职事项清单.xlsx: guessed preset three_list (score 9: headers 事项名称, 备注, 法律依据, 责任单位, 配合部门; "
        "others: admission_list (5), grid_items (4)); give --preset or --mapping to choose"
    ) in err
    assert (
        "某镇履职事项清单.xlsx!基本履职事项: read with preset three_list, header in row 2: "
        "事项名称 (B) -> item name, 责任单位 (C) -> responsible body, 配合部门 (D) -> cooperating bodies, "
        "法律依据 (E) -> legal basis, 备注 (F) -> note; kept as they stand: 序号 (A)"
    ) in err
    assert err.rstrip().endswith("5 item(s) from 3 table(s); declared 6 unit(s), 2 category(ies), 3 list(s), 2 tier(s)")


def test_the_tables_are_kept_to_be_written_back(imported: tuple[Path, str]):
    out, _ = imported
    tables = yaml.safe_load(out.read_text(encoding="utf-8"))["tables"]
    first = tables[0]
    assert (first["id"], first["file"], first["sheet"], first["header"]) == (
        "某镇履职事项清单_基本履职事项",
        "某镇履职事项清单.xlsx",
        "基本履职事项",
        2,
    )
    assert first["columns"] == dict(zip("ABCDEF", HEAD, strict=True))
    assert [r["row"] for r in first["rows"]] == [1, 2, 3, 5]
    assert first["merged"] == ["A1:F1", "A3:F3", "A5:F5", "C6:C7"]


def test_lint_reads_the_import_and_its_findings_name_the_cell(imported: tuple[Path, str]):
    out, _ = imported
    status, text, _ = run("lint", str(out.parent), "--lang", "zh")
    assert status == 1
    assert "= 来自单元格 某镇履职事项清单.xlsx!基本履职事项:B6" in text
    status, data, _ = run("lint", str(out.parent), "--format", "json")
    cells = {f["subject"]["id"]: f.get("cell") for f in json.loads(data)["findings"] if f["subject"]["kind"] == "item"}
    assert cells["河道巡查"] == "某镇履职事项清单.xlsx!配合履职事项:B2"


def test_every_bad_cell_is_said_and_nothing_is_written(tmp_path: Path):
    table = tmp_path / "网格事项.csv"
    table.write_text(
        "序号,事项名称,责任单位,网格员职责\n1,占道经营,城管局,发现上报\n2,,城管局,上报\n3,违章停车,交警大队,牵头\n",
        encoding="utf-8",
    )
    status, _, err = run("import", str(table), "-o", str(tmp_path / "out"), "--preset", "grid_items")
    assert status == 2
    assert err.splitlines() == [
        "网格事项.csv:B3: the item name is empty, and the mapping requires it",
        "网格事项.csv:D4: '牵头' is not a role the mapping knows; it knows 发现上报, 巡查上报, 上报, 报告, "
        "信息采集, 协助, 协助处置, 配合, 办理, 处置, 直接处置, 限时化解, 化解或上报",
        "policyengine: 2 problem(s) in the tables; nothing was written",
    ]
    assert not (tmp_path / "out").exists()
    status, _, err = run("import", str(table), "-o", str(tmp_path / "out"), "--preset", "grid_items", "--lang", "zh")
    assert "网格事项.csv:B3: 事项名称为空,而映射规定此项必填" in err.splitlines()
    assert err.splitlines()[-1] == "policyengine: 表格中共有 2 处问题;未写入任何文件"


def test_a_gb18030_csv_is_read_and_said_and_a_category_carries_down(tmp_path: Path):
    table = tmp_path / "城市事件.csv"
    rows = [
        "城市事件标准,,,,",
        "大类名称,小类名称,责任单位,处置时限,备注",
        "市容环境类,暴露垃圾,市住建局,1工作日,",
        ",道路不洁,市住建局,5工作时,",
    ]
    table.write_bytes(("\r\n".join(rows) + "\r\n").encode("gb18030"))
    status, _, err = run("import", str(table), "-o", str(tmp_path / "out"), "--lang", "zh")
    assert status == 0, err
    assert err.splitlines()[0] == "城市事件.csv:按 GB18030 编码读取(自动识别)"
    data = yaml.safe_load((tmp_path / "out" / "城市事件.yaml").read_text(encoding="utf-8"))
    first, second = data["items"]
    assert (first["category"], second["category"]) == ("市容环境类", "市容环境类")
    assert second["source"]["cells"]["category"] == "A3"  # where the text is
    assert first["deadlines"] == {"handling": {"within": 1, "unit": "working_days"}}
    # a limit the format cannot hold is stated but of unknown length, its text kept
    assert second["deadlines"] == {"handling": {"within": "unknown", "unit": "unknown", "note": "5工作时"}}
    assert second["source"]["cell"] == "城市事件.csv:B4"


def test_a_word_table_with_merged_cells(tmp_path: Path):
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    texts = [
        ["序号", "工作事项", "主管部门"],
        ["1", "人口信息采集", "县公安局"],
        ["2", "困难群众排查", "县民政局"],
        ["3", "低保初审", ""],
    ]
    for r, row in enumerate(texts):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(2, 2).merge(table.cell(3, 2))
    table.cell(2, 2).text = "县民政局"
    document.save(tmp_path / "准入清单.docx")
    status, _, err = run(
        "import", str(tmp_path / "准入清单.docx"), "-o", str(tmp_path / "out"), "--preset", "admission_list"
    )
    assert status == 0, err
    data = yaml.safe_load((tmp_path / "out" / "准入清单.yaml").read_text(encoding="utf-8"))
    owners = [(i["name"]["zh"], i.get("owner"), i["source"]["cells"].get("owner")) for i in data["items"]]
    assert owners == [
        ("人口信息采集", "县公安局", "C2"),
        ("困难群众排查", "县民政局", "C3"),
        ("低保初审", "县民政局", "C3"),
    ]
    assert data["tables"][0]["merged"] == ["C3:C4"]
    assert data["items"][0]["source"]["cell"] == "准入清单.docx!表1:B2"


def test_a_mapping_may_require_bodies_the_policy_declares(tmp_path: Path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "units.yaml").write_text(
        "tiers:\n  - {id: county, name: {zh: 县}}\n  - {id: village, name: {zh: 村}, parent: county}\n"
        "units:\n  - {id: civil_affairs, name: {zh: 县民政局}, tier: county, kind: functional_department}\n",
        encoding="utf-8",
    )
    (tmp_path / "map.yaml").write_text(
        "columns:\n  name: {header: 事项}\n  owner: {header: 主管部门}\n"
        "defaults: {tier: village, list: admitted}\nlists:\n  admitted: {kind: duties}\nunits: {create: false}\n",
        encoding="utf-8",
    )
    (tmp_path / "t.csv").write_text("事项,主管部门\n低保初审,县民政局\n人口登记,县公安局\n", encoding="utf-8")
    status, _, err = run(
        "import", str(tmp_path / "t.csv"), "-o", str(tmp_path / "out"), "--mapping", str(tmp_path / "map.yaml")
    )
    assert status == 2
    assert "t.csv:B3: body '县公安局' is not declared" in err
    (tmp_path / "t.csv").write_text("事项,主管部门\n低保初审,县民政局\n", encoding="utf-8")
    status, _, err = run(
        "import", str(tmp_path / "t.csv"), "-o", str(tmp_path / "out"), "--mapping", str(tmp_path / "map.yaml")
    )
    assert status == 0, err
    data = yaml.safe_load((tmp_path / "out" / "t.yaml").read_text(encoding="utf-8"))
    assert data["items"][0]["owner"] == "civil_affairs"
    assert "tiers" not in data and "units" not in data  # declared already beside it
    status, _, _ = run("lint", str(tmp_path / "out"))
    assert status in (0, 1)


def test_a_bad_mapping_is_located(tmp_path: Path):
    (tmp_path / "map.yaml").write_text(
        "columns:\n  name: {header: 事项}\n  owner: {heading: 主管部门}\n", encoding="utf-8"
    )
    (tmp_path / "t.csv").write_text("事项\n低保初审\n", encoding="utf-8")
    status, _, err = run(
        "import", str(tmp_path / "t.csv"), "-o", str(tmp_path / "out"), "--mapping", str(tmp_path / "map.yaml")
    )
    assert status == 2
    assert err.splitlines()[0].startswith(f"{tmp_path / 'map.yaml'}:3:")
    assert not (tmp_path / "out").exists()


def test_the_mapping_schema_is_printed_and_describes_every_key():
    from tests.test_schema import assert_every_key_described

    status, out, _ = run("schema", "--mapping")
    assert status == 0
    schema = json.loads(out)
    assert schema["title"] == "policyengine import mapping"
    assert_every_key_described(schema)


def test_the_presets_are_valid_mappings():
    from policyengine.tables.mapping import load_preset, preset_names

    assert preset_names() == ["admission_list", "grid_items", "three_list"]
    for name in preset_names():
        assert load_preset(name).where == f"preset:{name}"


def test_one_sheet_of_three_lists_told_apart_by_its_section_titles(tmp_path: Path):
    """The lists as sections of one sheet: 一、基本履职事项 … 二、配合履职事项; sub-sections (一)党的建设 in
    full-width brackets give the category; bodies separated by a full-width comma."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    rows = [
        ["序号", "事项名称", "责任主体", "备注"],
        ["一、基本履职事项(共2项)", "", "", ""],
        ["\uff08一\uff09党的建设", "", "", ""],
        ["1", "发展党员", "镇党委", ""],
        ["\uff08二\uff09平安建设", "", "", ""],
        ["2", "信访维稳", "镇政府\uff0c县信访局", ""],
        ["二、配合履职事项(共1项)", "", "", ""],
        ["1", "森林防火", "县林业局", ""],
    ]
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "清单.xlsx")
    status, _, err = run("import", str(tmp_path / "清单.xlsx"), "-o", str(tmp_path / "out"), "--preset", "three_list")
    assert status == 0, err
    data = yaml.safe_load((tmp_path / "out" / "清单.yaml").read_text(encoding="utf-8"))
    got = [(i["name"]["zh"], i.get("category"), i["role"], i.get("owner"), i.get("co_handlers")) for i in data["items"]]
    assert got == [
        ("发展党员", "党的建设", "handle", "镇党委", None),
        ("信访维稳", "平安建设", "handle", "镇政府", [{"unit": "县信访局"}]),
        ("森林防火", None, "assist", "县林业局", None),
    ]
    assert {x["id"]: x["items"] for x in data["lists"]} == {
        "基本履职事项": ["发展党员", "信访维稳"],
        "配合履职事项": ["森林防火"],
    }
    assert data["items"][2]["source"]["cells"]["list"] == "A7"  # the section title that put it on its list


def test_an_id_made_from_a_long_name_is_cut_short(tmp_path: Path):
    from policyengine.tables.declare import make_id

    assert (
        make_id("宣传贯彻执行党的路线方针政策和党中央、上级党组织及本村党员大会的决议", "x")
        == "宣传贯彻执行党的路线方针政策和党中央_上级党组织"
    )
    assert make_id("1.党建工作", "x") == "_1.党建工作"
    assert make_id("(((", "item_3") == "item_3"


def test_a_failed_import_leaves_the_last_one_and_a_hand_written_file_is_never_replaced(tmp_path: Path):
    table = tmp_path / "清单.csv"
    table.write_text("事项名称,责任单位\n占道经营,城管局\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("import", str(table), "-o", str(out), "--preset", "grid_items")[0] == 0
    before = (out / "清单.yaml").read_bytes()
    table.write_text("事项名称,责任单位\n占道经营,城管局\n,城管局\n", encoding="utf-8")
    assert run("import", str(table), "-o", str(out), "--preset", "grid_items")[0] == 2
    assert (out / "清单.yaml").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["清单.yaml"]  # no temporary file left behind
    (out / "清单.yaml").write_text("items: []\n", encoding="utf-8")
    table.write_text("事项名称,责任单位\n占道经营,城管局\n", encoding="utf-8")
    status, _, err = run("import", str(table), "-o", str(out), "--preset", "grid_items")
    assert (status, (out / "清单.yaml").read_text(encoding="utf-8")) == (2, "items: []\n")
    assert err.strip() == (
        f"policyengine: {out / '清单.yaml'}: the file exists and was not written by policyengine import; "
        "it is left as it is: import into another directory, or move it"
    )


def test_both_yaml_emitters_write_an_import_alike():
    """libyaml's emitter (fast) and PyYAML's own write the same text: an import is the same bytes
    wherever it runs."""
    from policyengine.tables import emit

    item = {
        "id": "x",
        "name": {"zh": "独生子女父母光荣证核发与注销"},
        "legal_basis": "《安徽省人口与计划生育条例》第三十九条\n 在国家提倡一对夫妻生育一个子女期间,\n" * 6
        + "'引号' \"双引号\" : # !",
        "source": {"row": {"A": "01", "B": "TRUE", "C": "1.50", "D": "null", "E": " 前后空格 "}},
    }
    fast = yaml.dump([item], Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=emit.WIDE)
    slow = yaml.dump([item], Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=emit.WIDE)
    assert fast == slow == emit.dump([item])
    assert yaml.safe_load(fast) == [item]


def test_a_list_of_more_items_than_a_batch_names_them_all_in_order(tmp_path: Path):
    """Each list's ids wait on disk while the table is read and come back a batch at a time."""
    from policyengine.tables.spools import BATCH

    n = 2 * BATCH + 7
    rows = "".join(f"{i},巡查事项{i},区城管局,发现上报\n" for i in range(1, n + 1))
    (tmp_path / "网格.csv").write_text("序号,事项名称,责任单位,网格员职责\n" + rows, encoding="utf-8")
    status, _, err = run("import", str(tmp_path / "网格.csv"), "-o", str(tmp_path / "out"), "--preset", "grid_items")
    assert status == 0, err
    data = yaml.safe_load((tmp_path / "out" / "网格.yaml").read_text(encoding="utf-8"))
    assert data["lists"][0]["items"] == [f"巡查事项{i}" for i in range(1, n + 1)] == [i["id"] for i in data["items"]]


def test_ids_are_taken_once_in_fixed_memory():
    from policyengine.tables.spools import IdSet

    taken = IdSet(["违法搭建"])
    assert "违法搭建" in taken and "暴露垃圾" not in taken and 3 not in taken
    taken.add("暴露垃圾")
    assert "暴露垃圾" in taken
    assert len(taken._bits) == IdSet.BITS // 8  # however many are taken
    taken.update(f"事项{i}" for i in range(20000))
    assert len(taken._bits) == IdSet.BITS // 8 and all(f"事项{i}" in taken for i in range(0, 20000, 997))


def test_without_the_tables_extra_a_csv_imports_and_a_workbook_is_one_line(tmp_path: Path, monkeypatch):
    """openpyxl and python-docx are the optional extra `tables`: a CSV file needs neither; an Excel file
    or a workbook asked for says what to install, by the packages' names (the distribution is not on
    the package index), in one line, exit 2."""
    import builtins

    book = three_lists(tmp_path / "清单.xlsx")
    real = builtins.__import__

    def no_tables(name, *args, **kwargs):
        if name.split(".")[0] in ("openpyxl", "docx"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tables)
    (tmp_path / "网格.csv").write_text("事项名称,责任单位\n占道经营,城管局\n", encoding="utf-8")
    assert run("import", str(tmp_path / "网格.csv"), "-o", str(tmp_path / "out"), "--preset", "grid_items")[0] == 0
    line = (
        "policyengine: reading and writing tables needs openpyxl: pip install 'openpyxl>=3.1' "
        "'python-docx>=1.1' (the extra 'tables')"
    )
    status, _, err = run("import", str(book), "-o", str(tmp_path / "out2"))
    assert (status, err.strip()) == (2, line)
    status, _, err = run("lint", str(tmp_path / "out"), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert (status, err.strip()) == (2, line)
    assert not (tmp_path / "out2").exists() and not (tmp_path / "r.xlsx").exists()

"""Bad tables given to `policyengine import`: each is one located line (or a note) and exit 2, in
English and in Chinese, never a traceback, and nothing written in the output directory.

The files are built here (openpyxl, zipfile, plain bytes); only the password-protected workbook is a
fixture, as making one needs an encryption library the project does not depend on."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main

openpyxl = pytest.importorskip("openpyxl")

DATA = Path(__file__).resolve().parent / "data" / "tables"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", *args], env={"NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def refused(tmp_path: Path, *args: str, sheet_args: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Run the import in both languages; both exit 2 and write nothing. The stderr lines per language."""
    out = tmp_path / "out"
    said = {}
    for lang in ("en", "zh"):
        code, err = invoke(*args, *sheet_args, "-o", str(out), "--lang", lang)
        assert code == 2, err
        assert not out.exists() or not any(out.iterdir()), list(out.iterdir())
        said[lang] = err.splitlines()
    return said


def one_line(tmp_path: Path, *args: str) -> tuple[str, str]:
    said = refused(tmp_path, *args)
    assert len(said["en"]) == 1 and len(said["zh"]) == 1, said
    return said["en"][0], said["zh"][0]


def workbook(path: Path, rows: list[list[object]], title: str = "清单", hidden: dict[str, list] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name, more in (hidden or {}).items():
        extra = book.create_sheet(name)
        extra.sheet_state = "hidden"
        for row in more:
            extra.append(row)
    book.save(path)
    return path


def repack(source: Path, target: Path, changed: dict[str, bytes | None]) -> Path:
    """A copy of the zip `source` with some parts replaced (None: left out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in changed:
                data = changed[info.filename]
                if data is not None:
                    new.writestr(info.filename, data)
            else:
                new.writestr(info, old.read(info.filename))
    return target


ROWS = [["序号", "事项名称", "责任部门"], [1, "城市道路巡查", "城管局"], [2, "占道经营劝导", "市场监管所"]]
SHEET = "xl/worksheets/sheet1.xml"


# --- files that are not a readable workbook or document ----------------------------------------


def test_a_password_protected_workbook_is_one_line(tmp_path):
    en, zh = one_line(tmp_path, str(DATA / "password.xlsx"))
    assert en == (
        "policyengine: password.xlsx: the workbook is protected by a password; save a copy without the"
        " password (File > Info > Protect Workbook) and import that"
    )
    assert zh == "policyengine: password.xlsx: 工作簿设有打开密码;请另存一份不设密码的副本(文件 > 信息 > 保护工作簿)后再导入"


@pytest.mark.parametrize(
    ("name", "en", "zh"),
    [
        (
            "清单.xls",
            "an Excel 97-2003 workbook (.xls) cannot be read; save it as an Excel workbook (.xlsx) and import that",
            "不支持 Excel 97-2003 格式(.xls);请另存为 Excel 工作簿(.xlsx)后再导入",
        ),
        (
            "清单.xlsx",  # an old workbook renamed: told by its bytes, not its name
            "an Excel 97-2003 workbook (.xls) cannot be read; save it as an Excel workbook (.xlsx) and import that",
            "不支持 Excel 97-2003 格式(.xls);请另存为 Excel 工作簿(.xlsx)后再导入",
        ),
        (
            "清单.doc",
            "a Word 97-2003 document (.doc) cannot be read; save it as a Word document (.docx) and import that",
            "不支持 Word 97-2003 格式(.doc);请另存为 Word 文档(.docx)后再导入",
        ),
        (
            "清单.docx",
            "a Word 97-2003 document (.doc) cannot be read; save it as a Word document (.docx) and import that",
            "不支持 Word 97-2003 格式(.doc);请另存为 Word 文档(.docx)后再导入",
        ),
    ],
)
def test_an_old_ole2_file_is_one_line(tmp_path, name, en, zh):
    path = tmp_path / name
    path.write_bytes(OLE2 + bytes(4096))
    assert one_line(tmp_path, str(path)) == (f"policyengine: {name}: {en}", f"policyengine: {name}: {zh}")


def test_a_truncated_workbook_is_damaged(tmp_path):
    whole = workbook(tmp_path / "whole.xlsx", ROWS).read_bytes()
    cut = tmp_path / "清单.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    en, zh = one_line(tmp_path, str(cut))
    assert en == "policyengine: 清单.xlsx: the file is damaged and cannot be read (BadZipFile: File is not a zip file)"
    assert zh == "policyengine: 清单.xlsx: 文件已损坏,无法读取(BadZipFile: File is not a zip file)"


def test_a_zip_without_a_workbook_part_is_not_a_workbook(tmp_path):
    path = tmp_path / "清单.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert one_line(tmp_path, str(path)) == (
        "policyengine: 清单.xlsx: not an Excel workbook (.xlsx)",
        "policyengine: 清单.xlsx: 不是 Excel 工作簿(.xlsx)",
    )


def test_a_sheet_broken_half_way_is_damaged_at_its_sheet(tmp_path):
    whole = workbook(tmp_path / "whole.xlsx", ROWS * 20)
    with zipfile.ZipFile(whole) as archive:
        xml = archive.read(SHEET)
    broken = repack(whole, tmp_path / "清单.xlsx", {SHEET: xml[: len(xml) // 2]})
    en, zh = one_line(tmp_path, str(broken), "--preset", "grid_items")
    assert en.startswith("policyengine: 清单.xlsx!清单: the file is damaged and cannot be read (ParseError: "), en
    assert zh.startswith("policyengine: 清单.xlsx!清单: 文件已损坏,无法读取(ParseError: "), zh


def test_a_zip_bomb_is_refused_unopened(tmp_path):
    whole = workbook(tmp_path / "whole.xlsx", ROWS)
    bomb = tmp_path / "清单.xlsx"
    size = (16 << 20) + (1 << 20)
    with zipfile.ZipFile(whole) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != SHEET:
                new.writestr(info, old.read(info.filename))
        with new.open(SHEET, "w") as part:  # streamed: the test holds 1 MiB at a time
            for _ in range(size >> 20):
                part.write(b" " * (1 << 20))
        packed = new.getinfo(SHEET).compress_size
    assert size > 100 * packed
    en, zh = one_line(tmp_path, str(bomb))
    assert en == (
        f"policyengine: 清单.xlsx: refused unopened: the part {SHEET} would inflate from {packed:,} to {size:,}"
        " bytes, far more than a table packs to"
    )
    assert zh == f"policyengine: 清单.xlsx: 拒绝打开:其中 {SHEET} 将由 {packed:,} 字节解压至 {size:,} 字节,远超正常表格的压缩比例"


def test_a_file_of_another_kind_is_one_line(tmp_path):
    path = tmp_path / "清单.pdf"
    path.write_bytes(b"%PDF-1.4")
    en, zh = one_line(tmp_path, str(path))
    assert en == "policyengine: 清单.pdf: cannot read a '.pdf' file as a table; tables are .xlsx, .xlsm, .csv, .txt, .docx"
    assert zh.startswith("policyengine: 清单.pdf: 无法将“.pdf”文件作为表格读取;支持:")


# --- formulas ------------------------------------------------------------------------------------


def _with_formulas(tmp_path: Path, cached: bool) -> Path:
    path = workbook(
        tmp_path / "plain.xlsx",
        [["序号", "事项名称", "责任部门"], [1, '=CONCATENATE("道路","巡查")', "城管局"], ["=A2+1", "占道劝导", "城管局"]],
    )
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET).decode()
    assert xml.count("<v></v>") == 2
    if cached:  # what Excel saves: the formula and the value it calculated
        xml = xml.replace('<c r="B2"><f>', '<c r="B2" t="str"><f>').replace("<v></v>", "<v>道路巡查</v>", 1)
        xml = xml.replace("<v></v>", "<v>2</v>", 1)
    return repack(path, tmp_path / "公式.xlsx", {SHEET: xml.encode()})


def test_a_formula_is_read_as_its_saved_value_never_calculated(tmp_path):
    out = tmp_path / "out"
    code, err = invoke(str(_with_formulas(tmp_path, cached=True)), "--preset", "grid_items", "-o", str(out))
    assert code == 0, err
    text = (out / "公式.yaml").read_text(encoding="utf-8")
    assert "zh: 道路巡查" in text and "CONCATENATE" not in text
    assert "A: '2'" in text and "A2+1" not in text


def test_a_formula_saved_without_its_value_names_the_cells(tmp_path):
    en, zh = one_line(tmp_path, str(_with_formulas(tmp_path, cached=False)), "--preset", "grid_items")
    assert en == (
        "policyengine: 公式.xlsx!清单: 2 cell(s) hold a formula saved without its value (B2、A3); formulas are"
        " never calculated here: open the file in Excel or WPS, save it, and import again"
    )
    assert zh == (
        "policyengine: 公式.xlsx!清单: 有 2 个单元格的公式没有保存计算结果(B2、A3);本工具不计算公式:"
        "请用 Excel 或 WPS 打开并保存后再导入"
    )


# --- hidden sheets -------------------------------------------------------------------------------


def test_a_hidden_sheet_is_said_and_not_read(tmp_path):
    path = workbook(tmp_path / "清单.xlsx", ROWS, hidden={"旧表": [["事项名称"], ["不应导入的事项"]]})
    out = tmp_path / "out"
    for lang, line in (
        ("en", "清单.xlsx: the sheet '旧表' is hidden and was not read (name it with --sheet to read it)"),
        ("zh", "清单.xlsx:工作表“旧表”为隐藏工作表,未读取(如需读取,请用 --sheet 指定)"),
    ):
        code, err = invoke(str(path), "--preset", "grid_items", "-o", str(out), "--lang", lang)
        assert code == 0, err
        assert line in err.splitlines(), err
        text = (out / "清单.yaml").read_text(encoding="utf-8")
        assert "城市道路巡查" in text and "不应导入的事项" not in text


def test_a_hidden_sheet_named_with_sheet_is_read(tmp_path):
    path = workbook(tmp_path / "清单.xlsx", ROWS, hidden={"旧表": [["事项名称"], ["隐藏表中的事项"]]})
    out = tmp_path / "out"
    code, err = invoke(str(path), "--preset", "grid_items", "--sheet", "旧表", "-o", str(out))
    assert code == 0, err
    assert "is hidden" not in err
    text = (out / "清单.yaml").read_text(encoding="utf-8")
    assert "隐藏表中的事项" in text and "城市道路巡查" not in text
    assert "cell: 清单.xlsx!旧表:A2" in text


def test_an_unknown_sheet_names_the_sheets(tmp_path):
    path = workbook(tmp_path / "清单.xlsx", ROWS, hidden={"旧表": [["事项名称"]]})
    said = refused(tmp_path, str(path), "--preset", "grid_items", sheet_args=("--sheet", "新表"))
    assert said == {
        "en": ["policyengine: 清单.xlsx: no sheet is called '新表'; the sheets are 清单, 旧表"],
        "zh": ["policyengine: 清单.xlsx: 没有名为“新表”的工作表;现有工作表:清单、旧表"],
    }

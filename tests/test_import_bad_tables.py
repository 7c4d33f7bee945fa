"""Bad tables given to `policyengine import`: each is one located line (or a note) and exit 2, in
English and in Chinese, never a traceback, and nothing written in the output directory.

The files are built here (openpyxl, python-docx, zipfile, plain bytes); only the password-protected
workbook and document are fixtures (tests/data/tables/), as making one needs an encryption library
(msoffcrypto-tool, password `secret`) the project does not depend on."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest
import yaml
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


def workbook(
    path: Path,
    rows: list[list[object]],
    title: str = "清单",
    hidden: dict[str, list] | None = None,
    state: str = "hidden",
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name, more in (hidden or {}).items():
        extra = book.create_sheet(name)
        extra.sheet_state = state
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
    assert (
        zh
        == "policyengine: password.xlsx: 工作簿设有打开密码;请另存一份不设密码的副本(文件 > 信息 > 保护工作簿)后再导入"
    )


def test_a_password_protected_word_document_is_one_line(tmp_path):
    en, zh = one_line(tmp_path, str(DATA / "password.docx"))
    assert en == (
        "policyengine: password.docx: the document is protected by a password; save a copy without the"
        " password (File > Info > Protect Document) and import that"
    )
    assert (
        zh == "policyengine: password.docx: 文档设有打开密码;请另存一份不设密码的副本(文件 > 信息 > 保护文档)后再导入"
    )


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


def _main_renamed(source: Path, target: Path, old: str, new: str) -> Path:
    """A copy of an Office file whose main part is named `new`, as some programs name it."""
    folder, name = old.rsplit("/", 1)
    renamed = {old: new, f"{folder}/_rels/{name}.rels": f"{folder}/_rels/{new.rsplit('/', 1)[1]}.rels"}
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as after:
        for info in before.infolist():
            data = before.read(info.filename)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(old.encode(), new.encode())
            after.writestr(renamed.get(info.filename, info.filename), data)
    return target


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_a_main_part_named_otherwise_is_found_by_its_relationship(tmp_path, suffix):
    if suffix == "xlsx":
        whole, old, new = workbook(tmp_path / "whole.xlsx", ROWS), "xl/workbook.xml", "xl/workbook2.xml"
        cell = "清单.xlsx!清单:B2"
    else:
        pytest.importorskip("docx")
        whole = document(tmp_path / "whole.docx", [["事项名称", "责任部门"], ["城市道路巡查", "城管局"]])
        old, new, cell = "word/document.xml", "word/document2.xml", "清单.docx!表1:A2"
    table = _main_renamed(whole, tmp_path / f"清单.{suffix}", old, new)
    code, err = invoke(str(table), "--preset", "grid_items", "-o", str(tmp_path / "out"))
    assert code == 0, err
    policy = (tmp_path / "out" / "清单.yaml").read_text(encoding="utf-8")
    assert "zh: 城市道路巡查" in policy and f"cell: {cell}" in policy


def test_a_word_document_named_xlsx_and_a_workbook_named_docx_are_said_to_be_neither(tmp_path):
    pytest.importorskip("docx")
    document(tmp_path / "文档.xlsx", [["事项名称"], ["道路巡查"]])
    workbook(tmp_path / "工作簿.docx", ROWS)
    assert one_line(tmp_path, str(tmp_path / "文档.xlsx")) == (
        "policyengine: 文档.xlsx: not an Excel workbook (.xlsx)",
        "policyengine: 文档.xlsx: 不是 Excel 工作簿(.xlsx)",
    )
    assert one_line(tmp_path, str(tmp_path / "工作簿.docx")) == (
        "policyengine: 工作簿.docx: not a Word document (.docx)",
        "policyengine: 工作簿.docx: 不是 Word 文档(.docx)",
    )


def test_a_sheet_the_workbook_lists_but_lacks_is_said_not_left_out(tmp_path):
    whole = workbook(tmp_path / "whole.xlsx", ROWS, hidden={"第二": [["事项名称"], ["第二表的事项"]]})
    lacking = repack(whole, tmp_path / "清单.xlsx", {"xl/worksheets/sheet2.xml": None})
    assert one_line(tmp_path, str(lacking), "--preset", "grid_items") == (
        "policyengine: 清单.xlsx!第二: the workbook lists the sheet '第二' but the file holds none of it: the file is"
        " damaged; let Excel or WPS repair it (open it and save it), then import again",
        "policyengine: 清单.xlsx!第二: 工作簿列有工作表“第二”,但文件中没有该工作表的内容,文件已损坏;"
        "请用 Excel 或 WPS 打开修复并保存后再导入",
    )


@pytest.mark.parametrize("part", ["xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
def test_a_damaged_workbook_part_is_damaged_at_the_file(tmp_path, part):
    whole = workbook(tmp_path / "whole.xlsx", ROWS)
    broken = repack(whole, tmp_path / "清单.xlsx", {part: b"<broken" if part.endswith(".xml") else None})
    en, zh = one_line(tmp_path, str(broken), "--preset", "grid_items")
    assert en.startswith("policyengine: 清单.xlsx: the file is damaged and cannot be read ("), en
    assert zh.startswith("policyengine: 清单.xlsx: 文件已损坏,无法读取("), zh


def document(path: Path, rows: list[list[str]]) -> Path:
    import docx

    made = docx.Document()
    table = made.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    made.save(str(path))
    return path


@pytest.mark.parametrize(("suffix", "part"), [("xlsx", SHEET), ("docx", "word/document.xml")])
def test_a_zip_bomb_is_refused_unopened(tmp_path, suffix, part):
    if suffix == "xlsx":
        whole = workbook(tmp_path / "whole.xlsx", ROWS)
    else:
        pytest.importorskip("docx")
        whole = document(tmp_path / "whole.docx", [[str(c) for c in row] for row in ROWS])
    bomb = tmp_path / f"清单.{suffix}"
    size = (16 << 20) + (1 << 20)
    with zipfile.ZipFile(whole) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info, old.read(info.filename))
        with new.open(part, "w") as stream:  # streamed: the test holds 1 MiB at a time
            for _ in range(size >> 20):
                stream.write(b" " * (1 << 20))
        packed = new.getinfo(part).compress_size
    assert size > 100 * packed
    en, zh = one_line(tmp_path, str(bomb), "--preset", "grid_items")
    assert en == (
        f"policyengine: 清单.{suffix}: refused unopened: the part {part} would inflate from {packed:,} to {size:,}"
        " bytes, far more than a table packs to"
    )
    assert zh == (
        f"policyengine: 清单.{suffix}: 拒绝打开:其中 {part} 将由 {packed:,} 字节解压至 {size:,} 字节,"
        "远超正常表格的压缩比例"
    )


def test_a_damaged_word_document_is_one_line(tmp_path):
    pytest.importorskip("docx")
    whole = document(tmp_path / "whole.docx", [["事项名称", "责任部门"], ["道路巡查", "城管局"]])
    data = whole.read_bytes()
    (tmp_path / "截断.docx").write_bytes(data[: len(data) // 2])
    assert one_line(tmp_path, str(tmp_path / "截断.docx"), "--preset", "grid_items") == (
        "policyengine: 截断.docx: the file is damaged and cannot be read (BadZipFile: File is not a zip file)",
        "policyengine: 截断.docx: 文件已损坏,无法读取(BadZipFile: File is not a zip file)",
    )
    with zipfile.ZipFile(whole) as archive:
        xml = archive.read("word/document.xml")
    broken = repack(whole, tmp_path / "残缺.docx", {"word/document.xml": xml[: len(xml) // 2]})
    en, zh = one_line(tmp_path, str(broken), "--preset", "grid_items")
    assert en.startswith("policyengine: 残缺.docx: the file is damaged and cannot be read (XMLSyntaxError: "), en
    assert zh.startswith("policyengine: 残缺.docx: 文件已损坏,无法读取(XMLSyntaxError: "), zh
    missing = repack(whole, tmp_path / "缺正文.docx", {"word/document.xml": None})
    assert one_line(tmp_path, str(missing), "--preset", "grid_items") == (
        "policyengine: 缺正文.docx: not a Word document (.docx)",
        "policyengine: 缺正文.docx: 不是 Word 文档(.docx)",
    )


def test_a_word_document_without_a_table_is_one_line(tmp_path):
    docx = pytest.importorskip("docx")
    made = docx.Document()
    made.add_paragraph("本文件没有表格。")
    made.save(str(tmp_path / "通知.docx"))
    assert one_line(tmp_path, str(tmp_path / "通知.docx"), "--preset", "grid_items") == (
        "policyengine: 通知.docx: the document holds no table",
        "policyengine: 通知.docx: 文档中没有表格",
    )


def test_a_file_of_another_kind_is_one_line(tmp_path):
    path = tmp_path / "清单.pdf"
    path.write_bytes(b"%PDF-1.4")
    en, zh = one_line(tmp_path, str(path))
    assert (
        en == "policyengine: 清单.pdf: cannot read a '.pdf' file as a table; tables are .xlsx, .xlsm, .csv, .txt, .docx"
    )
    assert zh.startswith("policyengine: 清单.pdf: 无法将“.pdf”文件作为表格读取;支持:")


# --- Word tables whose rows, cells or text are wrapped ---------------------------------------------

SDT = "<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>"
INS = '<w:ins w:id="9" w:author="科员" w:date="2024-01-01T00:00:00Z">{}</w:ins>'


def _wrapped(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    pytest.importorskip("docx")
    rows = [["事项名称", "责任部门"], ["道路巡查", "城管局"], ["占道劝导", "市场监管所"]]
    whole = document(tmp_path / "whole.docx", rows)
    with zipfile.ZipFile(whole) as archive:
        xml = archive.read("word/document.xml").decode()
    changed = change(xml)
    assert changed != xml
    return repack(whole, tmp_path / "清单.docx", {"word/document.xml": changed.encode()})


def _first(xml: str, tag: str, text: str | None = None) -> str:
    """The first `<w:tag>` element (holding `text`, if given) of the document's XML."""
    at = xml.index(text) if text else 0
    start = xml.rindex(f"<w:{tag}>", 0, at) if text else xml.index(f"<w:{tag}>")
    end = xml.index(f"</w:{tag}>", start) + len(f"</w:{tag}>")
    return xml[start:end]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda x: x.replace(t := _first(x, "tbl"), SDT.format(t)), id="table-in-a-content-control"),
        pytest.param(
            lambda x: x.replace(t := _first(x, "tr", "占道劝导"), SDT.format(t)), id="row-in-a-content-control"
        ),
        pytest.param(
            lambda x: x.replace(t := _first(x, "tc", "道路巡查"), SDT.format(t)), id="cell-in-a-content-control"
        ),
        pytest.param(
            lambda x: x.replace(t := _first(x, "r", "道路巡查"), SDT.format(t)), id="run-in-a-content-control"
        ),
        pytest.param(lambda x: x.replace(t := _first(x, "r", "道路巡查"), INS.format(t)), id="tracked-insertion"),
    ],
)
def test_wrapped_rows_cells_and_text_of_a_word_table_are_read_in_place(tmp_path, change):
    table = _wrapped(tmp_path, change)
    code, err = invoke(str(table), "--preset", "grid_items", "-o", str(tmp_path / "out"))
    assert code == 0, err
    policy = (tmp_path / "out" / "清单.yaml").read_text(encoding="utf-8")
    for name, cell, owner in (("道路巡查", "A2", "城管局"), ("占道劝导", "A3", "市场监管所")):
        assert f"  name:\n    zh: {name}\n" in policy
        assert f"cell: 清单.docx!表1:{cell}" in policy
        assert f"  owner: {owner}\n" in policy


def test_deleted_and_moved_away_text_of_a_word_table_is_not_read(tmp_path):
    deleted = (
        '<w:del w:id="1" w:author="科员" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>旧名</w:delText></w:r></w:del>'
    )
    moved = '<w:moveFrom w:id="2" w:author="科员" w:date="2024-01-01T00:00:00Z"><w:r><w:t>移走</w:t></w:r></w:moveFrom>'
    table = _wrapped(tmp_path, lambda x: x.replace(t := _first(x, "r", "道路巡查"), deleted + moved + t))
    code, err = invoke(str(table), "--preset", "grid_items", "-o", str(tmp_path / "out"))
    assert code == 0, err
    policy = (tmp_path / "out" / "清单.yaml").read_text(encoding="utf-8")
    assert "zh: 道路巡查" in policy and "旧名" not in policy and "移走" not in policy


# --- formulas ------------------------------------------------------------------------------------


def _with_formulas(tmp_path: Path, cached: bool) -> Path:
    path = workbook(
        tmp_path / "plain.xlsx",
        [
            ["序号", "事项名称", "责任部门"],
            [1, '=CONCATENATE("道路","巡查")', "城管局"],
            ["=A2+1", "占道劝导", "城管局"],
        ],
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


def test_a_formula_yielding_an_empty_text_is_an_empty_cell(tmp_path):
    path = workbook(tmp_path / "plain.xlsx", [["事项名称", "责任部门"], ["道路巡查", '=IF(A2="","",A2)']])
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET).decode()
    # as Excel saves it: a text cell whose saved value is the empty text
    xml = xml.replace('<c r="B2"><f>', '<c r="B2" t="str"><f>')
    assert '<c r="B2" t="str"><f>IF(A2="","",A2)</f><v></v></c>' in xml
    table = repack(path, tmp_path / "公式.xlsx", {SHEET: xml.encode()})
    code, err = invoke(str(table), "--preset", "grid_items", "-o", str(tmp_path / "out"))
    assert code == 0, err
    text = (tmp_path / "out" / "公式.yaml").read_text(encoding="utf-8")
    assert "zh: 道路巡查" in text and "owner:" not in text and "IF(" not in text


def ole2(directory_sector: int, names: tuple[str, ...]) -> bytes:
    """An OLE2 file of 512-byte sectors whose directory, at `directory_sector`, names `names`."""
    header = bytearray(512)
    header[:8] = OLE2
    header[0x1E:0x20] = (9).to_bytes(2, "little")  # sectors of 2**9 bytes
    header[0x30:0x34] = directory_sector.to_bytes(4, "little")
    body = bytearray(512 * (directory_sector + 1))
    entries = b"".join(n.encode("utf-16-le").ljust(128, b"\0") for n in names)
    body[512 * directory_sector : 512 * directory_sector + len(entries)] = entries
    return bytes(header + body)


@pytest.mark.parametrize(
    ("names", "key"),
    [(("Root Entry", "EncryptionInfo", "EncryptedPackage"), "encrypted"), (("Root Entry", "Workbook"), "old_xls")],
)
def test_a_large_ole2_file_is_told_by_its_directory_wherever_it_is(tmp_path, names, key):
    path = tmp_path / "大表.xlsx"
    path.write_bytes(ole2(3000, names))  # the directory 1.5 MiB into the file, after the data
    en, _ = one_line(tmp_path, str(path))
    said = {
        "encrypted": "the workbook is protected by a password",
        "old_xls": "an Excel 97-2003 workbook (.xls) cannot be read",
    }
    assert en.startswith(f"policyengine: 大表.xlsx: {said[key]}"), en


def test_characters_excel_escapes_are_read_as_excel_shows_them(tmp_path):
    path = workbook(tmp_path / "plain.xlsx", [["事项名称", "备注"], ["道路巡查", "MARK"]])
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET).decode()
    # a line break saved as Excel saves it (the carriage return escaped), and a literal `_x0041_`
    xml = xml.replace("<t>MARK</t>", "<t>第一行_x000D_\n第二行 _x005F_x0041_</t>")
    table = repack(path, tmp_path / "清单.xlsx", {SHEET: xml.encode()})
    code, err = invoke(str(table), "--preset", "grid_items", "-o", str(tmp_path / "out"))
    assert code == 0, err
    (item,) = yaml.safe_load((tmp_path / "out" / "清单.yaml").read_text(encoding="utf-8"))["items"]
    assert item["note"] == item["source"]["row"]["B"] == "第一行\n第二行 _x0041_"


# --- hidden sheets -------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_said_and_not_read(tmp_path, state):
    path = workbook(tmp_path / "清单.xlsx", ROWS, hidden={"旧表": [["事项名称"], ["不应导入的事项"]]}, state=state)
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


# --- CSV files and their encodings ---------------------------------------------------------------

CSV = "事项名称,责任部门\n道路巡查,城管局\n占道劝导,市场监管所\n"


@pytest.mark.parametrize(
    ("data", "en", "zh"),
    [
        (CSV.encode("utf-8"), "read as UTF-8 (detected)", "按 UTF-8 编码读取(自动识别)"),
        (codecs.BOM_UTF8 + CSV.encode("utf-8"), "read as UTF-8 (BOM) (detected)", "按 UTF-8 (BOM) 编码读取(自动识别)"),
        (CSV.encode("gb18030"), "read as GB18030 (detected)", "按 GB18030 编码读取(自动识别)"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
def test_a_csv_file_in_a_chinese_encoding_is_read_and_its_encoding_said(tmp_path, data, en, zh):
    path = tmp_path / "清单.csv"
    path.write_bytes(data)
    for lang, said in (("en", f"清单.csv: {en}"), ("zh", f"清单.csv:{zh}")):
        out = tmp_path / lang
        code, err = invoke(str(path), "--preset", "grid_items", "-o", str(out), "--lang", lang)
        assert code == 0, err
        assert err.splitlines()[0] == said
        text = (out / "清单.yaml").read_text(encoding="utf-8")
        assert "zh: 道路巡查" in text and "zh: 市场监管所" in text and "cell: 清单.csv:A3" in text


def test_big5_text_is_refused_at_its_first_uncommon_character(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_bytes("事項名稱,責任部門\n道路巡查,城管局\n臺灣處理,衛生局\n".encode("big5"))
    en, zh = one_line(tmp_path, str(path), "--preset", "grid_items")
    assert en == (
        "policyengine: 清单.csv:1:6: read as GB18030 it does not look like Chinese text (only 46% of its Chinese"
        " characters are common ones, the first uncommon one here): it may be Big5 or another encoding; save it as"
        " UTF-8, or name its encoding with --encoding"
    )
    assert zh == (
        "policyengine: 清单.csv:1:6: 按 GB18030 读取后不像中文文本(常用汉字仅占 46%,此处为第一个生僻字):"
        "可能是 Big5 等其他编码;请另存为 UTF-8 编码,或用 --encoding 指明编码"
    )


def test_big5_text_is_read_when_its_encoding_is_named(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_bytes("事項名稱,責任部門\n臺灣處理,衛生局\n".encode("big5"))
    code, err = invoke(str(path), "--encoding", "big5", "--mapping", str(_names_mapping(tmp_path)), "-o", str(tmp_path))
    assert code == 0, err
    assert err.splitlines()[0] == "清单.csv: read as big5 (as --encoding says)"
    assert "zh: 臺灣處理" in (tmp_path / "清单.yaml").read_text(encoding="utf-8")


def _names_mapping(tmp_path: Path) -> Path:
    path = tmp_path / "繁体.yaml"
    path.write_text(
        "columns:\n  name: {header: 事項名稱}\n  owner: {header: 責任部門}\ndefaults: {tier: 县}\n"
        "tiers: [{id: 县, name: {zh: 县}}]\nunits: {tier: 县}\n",
        encoding="utf-8",
    )
    return path


def test_latin1_bytes_are_refused_at_the_first_bad_byte(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_bytes("事项名称,责任部门\n".encode() + b"Caf\xe9,x\n")
    assert one_line(tmp_path, str(path), "--preset", "grid_items") == (
        "policyengine: 清单.csv:2:4: neither UTF-8 nor GB18030 (byte 0xe9); save the file as UTF-8, or name its"
        " encoding with --encoding",
        "policyengine: 清单.csv:2:4: 既不是 UTF-8 也不是 GB18030 编码(字节 0xe9);请另存为 UTF-8 编码,或用 --encoding 指明编码",
    )


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE], ids=["le", "be"])
def test_utf16_with_a_byte_order_mark_is_refused(tmp_path, bom):
    path = tmp_path / "清单.csv"
    path.write_bytes(bom + CSV.encode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"))
    assert one_line(tmp_path, str(path), "--preset", "grid_items") == (
        "policyengine: 清单.csv: the file is in UTF-16; save it as UTF-8 (CSV UTF-8) and import that",
        "policyengine: 清单.csv: 文件为 UTF-16 编码;请另存为 UTF-8 编码(CSV UTF-8)后再导入",
    )


def test_encoding_naming_the_wrong_encoding_is_located_at_the_first_bad_byte(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_bytes(CSV.encode("gb18030"))
    assert one_line(tmp_path, str(path), "--preset", "grid_items", "--encoding", "utf-8") == (
        "policyengine: 清单.csv:1:1: not utf-8, as --encoding says (byte 0xca)",
        "policyengine: 清单.csv:1:1: 与 --encoding 指明的 utf-8 编码不符(字节 0xca)",
    )


def test_encoding_naming_no_encoding_is_one_line(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_bytes(CSV.encode())
    assert one_line(tmp_path, str(path), "--preset", "grid_items", "--encoding", "gbk2") == (
        "policyengine: --encoding: no encoding is called 'gbk2'",
        "policyengine: --encoding:没有名为“gbk2”的编码",
    )


@pytest.mark.parametrize(
    ("name", "text", "en", "zh"),
    [
        ("清单.txt", "\n事项名称\t责任部门\n道路巡查\t城管局;环卫所\n", "tabs", "制表符"),
        ("清单.csv", '事项名称;责任部门\n道路巡查;"城管局;环卫所"\n', "semicolons", "分号"),
    ],
    ids=["tab", "semicolon"],
)
def test_cells_separated_by_tabs_or_semicolons_are_read_and_said(tmp_path, name, text, en, zh):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for lang, said in (("en", f"{name}: cells separated by {en}"), ("zh", f"{name}:单元格以{zh}分隔")):
        out = tmp_path / lang
        code, err = invoke(str(path), "--preset", "grid_items", "-o", str(out), "--lang", lang)
        assert code == 0, err
        assert err.splitlines()[1] == said
        (item,) = yaml.safe_load((out / "清单.yaml").read_text(encoding="utf-8"))["items"]
        assert (item["name"]["zh"], item["owner"], item["co_handlers"]) == ("道路巡查", "城管局", [{"unit": "环卫所"}])


def test_a_semicolon_in_a_cell_under_a_comma_header_stays_in_its_cell(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_text("事项名称\n道路巡查;占道劝导\n", encoding="utf-8")
    code, err = invoke(str(path), "--preset", "grid_items", "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert "separated" not in err
    (item,) = yaml.safe_load((tmp_path / "out" / "清单.yaml").read_text(encoding="utf-8"))["items"]
    assert item["name"]["zh"] == "道路巡查;占道劝导"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [CSV, "name,owner\nroad patrol,city\n"], ids=["chinese", "ascii"])
def test_utf16_without_a_byte_order_mark_is_refused(tmp_path, codec, text):
    path = tmp_path / "清单.csv"
    path.write_bytes(text.encode(codec))
    assert one_line(tmp_path, str(path), "--preset", "grid_items") == (
        "policyengine: 清单.csv: the file is in UTF-16; save it as UTF-8 (CSV UTF-8) and import that",
        "policyengine: 清单.csv: 文件为 UTF-16 编码;请另存为 UTF-8 编码(CSV UTF-8)后再导入",
    )


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("事项名称,责任部门\n道路\0巡查,城管局\n".encode(), "2:3"),
        ("事项名称,责任部门\n".encode() + b"\x50\x4b\x03\x04\x14\x00\x06\x00", "2:6"),  # a workbook renamed
    ],
    ids=["nul-in-utf-8", "zip"],
)
def test_a_nul_byte_is_no_text_and_is_located(tmp_path, data, where):
    path = tmp_path / "清单.csv"
    path.write_bytes(data)
    assert one_line(tmp_path, str(path), "--preset", "grid_items") == (
        f"policyengine: 清单.csv:{where}: neither UTF-8 nor GB18030 (byte 0x00); save the file as UTF-8, or name its"
        " encoding with --encoding",
        f"policyengine: 清单.csv:{where}: 既不是 UTF-8 也不是 GB18030 编码(字节 0x00);请另存为 UTF-8 编码,"
        "或用 --encoding 指明编码",
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('事项名称,责任部门\r\n道路巡查,城管局\r\n"未闭合,城管局\r\n占道劝导,城管局\r\n', "3:1"),
        ('事项名称,责任部门\n"a""b",x\n"多行\n内容",y\nc"d,"开\n', "5:5"),
        # the rest of the file is longer than a cell may be: csv stops, the open quote is said
        ('事项名称,责任部门\n"开,城管局\n' + "很长的一行内容,城管局\n" * 20000, "2:1"),
    ],
    ids=["last-rows", "after-quotes-inside", "past-the-field-limit"],
)
def test_a_quote_never_closed_is_refused_where_it_opens(tmp_path, text, where):
    path = tmp_path / "清单.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert one_line(tmp_path, str(path), "--preset", "grid_items") == (
        f"policyengine: 清单.csv:{where}: a quotation mark opens a cell here and is never closed: the rest of the"
        " file would be read into that cell; close the quotation mark or remove it",
        f"policyengine: 清单.csv:{where}: 此处单元格以引号开头,但引号没有闭合,其后全部内容将被读入该单元格;请补全或删去该引号",
    )


def test_quotes_that_close_are_read_as_csv_reads_them(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_text('事项名称,责任部门\n"a""b",x\n"多行\n内容",y\nc"d,"e"f\n', encoding="utf-8", newline="")
    code, err = invoke(str(path), "--preset", "grid_items", "-o", str(tmp_path / "out"))
    assert code == 0, err
    text = (tmp_path / "out" / "清单.yaml").read_text(encoding="utf-8")
    for name in ('zh: a"b', "zh: 多行内容", 'zh: c"d', "zh: ef"):
        assert name in text


# --- bad rows: every one said, at its cell -------------------------------------------------------

MAPPING = """\
mapping: {id: 测试}
columns:
  name: {header: 事项名称}
  role: {header: 履职方式, values: {主责: handle, 配合: assist}}
  tier: {header: 层级}
  owner: {header: 责任单位}
defaults: {kind: line}
tiers:
  - {id: 县, name: {zh: 县}}
  - {id: 镇, name: {zh: 镇}, parent: 县}
units: {create: false}
"""
BAD_ROWS = [
    ["事项名称", "履职方式", "层级", "责任单位"],
    ["道路巡查", "主责", "镇", ""],
    ["", "主责", "镇", ""],
    ["垃圾清运", "督办", "镇", ""],
    ["违建巡查", "配合", "省", ""],
    ["占道经营", "主责", "镇", "城管局"],
    ["", "督办", "镇", ""],
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_every_bad_row_is_said_at_its_cell_and_nothing_written(tmp_path, kind):
    mapping = tmp_path / "映射.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    if kind == "csv":
        table = tmp_path / "清单.csv"
        table.write_text("".join(",".join(r) + "\n" for r in BAD_ROWS), encoding="utf-8")
        at = "清单.csv:"
    else:
        table = workbook(tmp_path / "清单.xlsx", BAD_ROWS)
        at = "清单.xlsx!清单:"
    said = refused(tmp_path, str(table), "--mapping", str(mapping))
    assert said["en"] == [
        f"{at}A3: the item name is empty, and the mapping requires it",
        f"{at}B4: '督办' is not a role the mapping knows; it knows 主责, 配合",
        f"{at}C5: tier '省' is not declared",
        f"{at}D6: body '城管局' is not declared",
        f"{at}A7: the item name is empty, and the mapping requires it",
        f"{at}B7: '督办' is not a role the mapping knows; it knows 主责, 配合",
        "policyengine: 6 problem(s) in the tables; nothing was written",
    ]
    assert said["zh"] == [
        f"{at}A3: 事项名称为空,而映射规定此项必填",
        f"{at}B4: “督办”不是映射中规定的履职方式;可填写:主责、配合",
        f"{at}C5: 层级“省”未声明",
        f"{at}D6: 单位“城管局”未声明",
        f"{at}A7: 事项名称为空,而映射规定此项必填",
        f"{at}B7: “督办”不是映射中规定的履职方式;可填写:主责、配合",
        "policyengine: 表格中共有 6 处问题;未写入任何文件",
    ]


def test_a_body_declared_in_the_output_directory_is_found(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    units = "units:\n- id: 城管局\n  name: {zh: 城管局}\n  tier: 县\n  kind: functional_department\n"
    (out / "单位.yaml").write_text(units, encoding="utf-8")
    mapping = tmp_path / "映射.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    table = tmp_path / "清单.csv"
    table.write_text(
        "事项名称,履职方式,层级,责任单位\n占道经营,主责,镇,城管局\n违建巡查,主责,镇,规划局\n", encoding="utf-8"
    )
    code, err = invoke(str(table), "--mapping", str(mapping), "-o", str(out))
    assert code == 2
    assert err.splitlines() == [
        "清单.csv:D3: body '规划局' is not declared",
        "policyengine: 1 problem(s) in the tables; nothing was written",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["单位.yaml"]


# --- bad mapping files ---------------------------------------------------------------------------


def _mapping(tmp_path: Path, text: str) -> str:
    """The mapping file, named as a user in its directory names it (messages say the name as given)."""
    (tmp_path / "映射.yaml").write_text(text, encoding="utf-8")
    return "映射.yaml"


def _table(tmp_path: Path) -> str:
    path = tmp_path / "清单.csv"
    path.write_text(CSV, encoding="utf-8")
    return str(path)


def test_a_mapping_with_a_yaml_syntax_error_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    m = _mapping(tmp_path, "columns:\n  name: {header: [a, b}\n")
    assert one_line(tmp_path, _table(tmp_path), "--mapping", m) == (
        "policyengine: 映射.yaml:2:23: the mapping cannot be read: YAML syntax error: while parsing a flow sequence"
        " did not find expected ',' or ']'",
        "policyengine: 映射.yaml:2:23: 映射文件无法读取:YAML 语法错误:在读取方括号中的列表时,此处应为逗号或右方括号“]”",
    )


def test_every_schema_violation_of_a_mapping_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    m = _mapping(
        tmp_path, "columns:\n  name:\n    header: 事项\n    lines: squash\n  colour: {header: x}\nrows:\n  merged: 42\n"
    )
    said = refused(tmp_path, _table(tmp_path), "--mapping", m)
    fields = "id, name, kind, tier, role, category, owner, co_handlers, legal_basis, note, description, list, deadline"
    assert said["en"][:3] == [
        f"映射.yaml:2:3: 'colour' is not one of: {fields}",
        "映射.yaml:4:12: 'squash' is not one of: keep, join, first",
        "映射.yaml:7:11: 42 is not one of: fill, first",
    ]
    assert said["zh"][:3] == [
        f"映射.yaml:2:3: 'colour' 不是以下取值之一:{fields.replace(', ', '、')}",
        "映射.yaml:4:12: 'squash' 不是以下取值之一:keep、join、first",
        "映射.yaml:7:11: 42 不是以下取值之一:fill、first",
    ]
    assert len(said["en"]) == len(said["zh"]) == 4


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        (
            'columns:\n  name: {header: 事项名称}\nrows:\n  skip: ["^(注"]\n',
            "4:10",
            "missing ), unterminated subpattern at position 1",
        ),
        ('columns:\n  name: {header: 事项名称, split: "[a-"}\n', "2:31", "unterminated character set at position 0"),
        (
            "columns:\n  name: {header: 事项名称}\nsections:\n  - {match: '(?P<x', set: {list: a}}\n",
            "4:13",
            "missing >, unterminated name at position 4",
        ),
    ],
    ids=["skip", "split", "section"],
)
def test_a_bad_regular_expression_in_a_mapping_is_located(tmp_path, monkeypatch, text, where, reason):
    monkeypatch.chdir(tmp_path)
    m = _mapping(tmp_path, text)
    assert one_line(tmp_path, _table(tmp_path), "--mapping", m) == (
        f"policyengine: 映射.yaml:{where}: not a valid regular expression ({reason})",
        f"policyengine: 映射.yaml:{where}: 不是有效的正则表达式({reason})",
    )


# --- the command line ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (
            ["--preset", "grid_item"],
            "no preset is called 'grid_item'; did you mean 'grid_items'?",
            "没有名为“grid_item”的预设;是否想写“grid_items”?",
        ),
        (
            ["--preset", "grid_items", "--mapping", "映射.yaml"],
            "give --mapping or --preset, not both",
            "--mapping 与 --preset 只能指定其一",
        ),
    ],
    ids=["unknown-preset", "mapping-and-preset"],
)
def test_preset_and_mapping_misuse_is_one_line(tmp_path, monkeypatch, args, en, zh):
    monkeypatch.chdir(tmp_path)
    _mapping(tmp_path, MAPPING)
    assert one_line(tmp_path, _table(tmp_path), *args) == (f"policyengine: {en}", f"policyengine: {zh}")


def test_an_unknown_preset_far_from_any_lists_the_presets(tmp_path):
    en, zh = one_line(tmp_path, _table(tmp_path), "--preset", "xyzzy")
    assert en == "policyengine: no preset is called 'xyzzy'; the presets are admission_list, grid_items, three_list"
    assert zh.startswith("policyengine: 没有名为“xyzzy”的预设;现有预设:admission_list")


def test_no_output_and_no_tables_are_one_line_each(tmp_path):
    for lang, no_out, no_tables in (
        ("en", "give the directory to write the policy to: -o DIR", "give the TABLES to import (.xlsx, .csv, .docx)"),
        ("zh", "请用 -o DIR 指定政策写入的目录", "请提供要导入的表格 TABLES(.xlsx、.csv、.docx)"),
    ):
        code, err = invoke(_table(tmp_path), "--preset", "grid_items", "--lang", lang)
        assert (code, err) == (2, f"policyengine: {no_out}\n")
        code, err = invoke("-o", str(tmp_path / "out"), "--preset", "grid_items", "--lang", lang)
        assert (code, err) == (2, f"policyengine: {no_tables}\n")
    assert not (tmp_path / "out").exists()


def test_an_output_that_is_a_file_is_one_line_and_left_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    table = _table(tmp_path)
    out = Path("政策.yaml")
    out.write_text("old", encoding="utf-8")
    for lang, said in (("en", "is a file, not a directory"), ("zh", "是文件,不是目录")):
        code, err = invoke(table, "--preset", "grid_items", "-o", str(out), "--lang", lang)
        sep = ": " if lang == "en" else ":"
        assert (code, err) == (2, f"policyengine: --output {out}{sep}{out.resolve()} {said}\n")
    assert out.read_text(encoding="utf-8") == "old"

"""Regenerate the screenshots of the review workbook shown in docs/import.md and docs/import.zh.md.

The corpus's copy of 济源市数字城市管理城市事件采集、立案、处置与结案标准.csv (a public city-management
event standard, saved in GB18030; examples/regulations/jiyuan_city_event_standard) is imported with `policyengine import`, linted with `--format xlsx`,
and sheets of the workbook written are drawn as a spreadsheet program shows them: the cells as saved
(text, bold, wrapping, alignment, fills), merged cells, column widths, the frozen header and the filter
buttons. The drawing is read from the workbook itself with openpyxl, rendered as HTML and photographed
with Chromium through playwright, so a change to the workbook shows in the pictures.

    python docs/screenshots/make_screenshots.py            # writes docs/screenshots/*.png

It needs the test extra (playwright), Debian's chromium and a Chinese font (fonts-wqy-microhei or
fonts-noto-cjk); without a Chinese font the pictures show boxes where the characters should be.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
# the corpus's copy of the published table (examples/regulations/jiyuan_city_event_standard)
TABLE = (
    HERE.parent.parent
    / "examples"
    / "regulations"
    / "jiyuan_city_event_standard"
    / "济源市数字城市管理城市事件采集、立案、处置与结案标准.csv"
)
# (sheet, PNG, at most this many rows): the imported table with the findings beside its rows, the items,
# and a check's sheet
SHOTS = [
    ("济源市数字城市管理城市事件采集、立案、处置与结案标准", "review-table.png", 12),
    ("事项", "review-items.png", 12),
    ("PE200", "review-check.png", 12),
]
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
EXTRA_COLUMNS = 3
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters
STYLE = """
body { margin: 0; background: #fff; font: 13px "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; }
#book { display: inline-block; border: 1px solid #bbb; }
table { border-collapse: collapse; table-layout: fixed; }
td, th { border: 1px solid #d4d4d4; padding: 2px 4px; overflow: hidden; white-space: nowrap;
         vertical-align: bottom; position: relative; line-height: 17px; }
th { background: #efefef; color: #444; font-weight: normal; text-align: center; }
td.wrap { white-space: pre-wrap; word-break: break-all; }
td.frozen-row { border-bottom: 2px solid #6f6f6f; }
td.frozen-col { border-right: 2px solid #6f6f6f; }
.filter { position: absolute; right: 1px; bottom: 1px; width: 13px; height: 13px; border: 1px solid #999;
          background: #f7f7f7; font-size: 9px; line-height: 13px; text-align: center; color: #333; }
td.filtered { padding-right: 18px; }
#tabs { background: #efefef; border-top: 1px solid #bbb; padding: 3px 6px; font-size: 12px; }
#tabs span { display: inline-block; padding: 2px 10px; margin-right: 2px; border: 1px solid #ccc; background: #e4e4e4; }
#tabs span.active { background: #fff; border-top-color: #fff; font-weight: bold; color: #1d6f42; }
"""


def run(*args: str, cwd: Path) -> None:
    """Run the policyengine command line; lint's exit 1 (findings reported) is expected."""
    done = subprocess.run([sys.executable, "-m", "policyengine", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"policyengine {' '.join(args)}: exit {done.returncode}\n{done.stderr}")


def make_workbook(work: Path) -> Path:
    """Import the table, lint it, and write the review workbook, in Chinese."""
    shutil.copy(TABLE, work / TABLE.name)
    run("import", TABLE.name, "-o", "policy", "--lang", "zh", cwd=work)
    run("lint", "policy", "--lang", "zh", "--format", "xlsx", "-o", "review.xlsx", cwd=work)
    return work / "review.xlsx"


def pixels(width: float | None) -> int:
    """A column width in characters as a spreadsheet program draws it, in pixels."""
    return int((width or DEFAULT_WIDTH) * 7 + 5)


def merged(ws: Worksheet) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """The top-left cell of each merged range with its (rows, columns) span, and the cells it covers."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for cells in ws.merged_cells.ranges:
        left, top, right, bottom = cells.bounds
        spans[(top, left)] = (bottom - top + 1, right - left + 1)
        covered |= {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)} - {(top, left)}
    return spans, covered


def frozen(ws: Worksheet) -> tuple[int, int]:
    """How many rows and columns the frozen pane holds."""
    if not ws.freeze_panes:
        return 0, 0
    left, top, _, _ = range_boundaries(ws.freeze_panes)
    return (top or 1) - 1, (left or 1) - 1


def filter_row(ws: Worksheet) -> tuple[int, int, int]:
    """The row carrying filter buttons and its first and last column (0s when the sheet has no filter)."""
    if not ws.auto_filter.ref:
        return 0, 0, 0
    left, top, right, _ = range_boundaries(ws.auto_filter.ref)
    return top or 0, left or 0, right or 0


def text_width(text: str) -> int:
    """The pixels a line of text takes: a Chinese character about twice a Latin one."""
    return sum(16 if ord(ch) > 0x2E80 else 8 for ch in text) + 8


def spill(
    ws: Worksheet, row: int, col: int, widths: list[int], taken: set[tuple[int, int]], last_col: int
) -> tuple[int, int] | None:
    """A text too long for its column runs on over the empty cells to its right, as a spreadsheet
    program shows it: drawn here as a span over those cells."""
    cell = ws.cell(row=row, column=col)
    if cell.value is None or cell.alignment.wrap_text:
        return None
    need, width, end = text_width(str(cell.value)), widths[col - 1], col
    while width < need and end < last_col and (row, end + 1) not in taken:
        if ws.cell(row=row, column=end + 1).value is not None:
            break
        end += 1
        width += widths[end - 1]
    return (1, end - col + 1) if end > col else None


def cell_html(ws: Worksheet, row: int, col: int, span: tuple[int, int] | None) -> str:
    """One cell as saved: its text, font, fill, alignment and wrapping."""
    cell = ws.cell(row=row, column=col)
    text = "" if cell.value is None else str(cell.value)
    css: list[str] = []
    if cell.font is not None and cell.font.b:
        css.append("font-weight:bold")
    if cell.fill is not None and cell.fill.fill_type == "solid" and isinstance(cell.fill.fgColor.rgb, str):
        css.append(f"background:#{cell.fill.fgColor.rgb[-6:]}")
    if cell.alignment.vertical in ("top", "center"):
        css.append(f"vertical-align:{'middle' if cell.alignment.vertical == 'center' else 'top'}")
    if cell.alignment.horizontal in ("center", "right"):
        css.append(f"text-align:{cell.alignment.horizontal}")
    classes = ["wrap"] if cell.alignment.wrap_text else []
    rows, cols = span or (1, 1)
    attrs = f' rowspan="{rows}"' if rows > 1 else ""
    attrs += f' colspan="{cols}"' if cols > 1 else ""
    return f'<td class="{" ".join(classes)}"{attrs} style="{";".join(css)}">{html.escape(text)}</td>'


def sheet_html(ws: Worksheet, max_rows: int) -> str:
    """The sheet's first rows as a spreadsheet program shows them, with its column letters and row numbers."""
    # a few empty columns past the last, as a spreadsheet program shows them, for long texts to run on over
    last_row, last_col = min(ws.max_row, max_rows), ws.max_column + EXTRA_COLUMNS
    spans, covered = merged(ws)
    frozen_rows, frozen_cols = frozen(ws)
    at, first, last = filter_row(ws)
    widths = [pixels(ws.column_dimensions[get_column_letter(c)].width) for c in range(1, last_col + 1)]
    parts = [f'<table style="width:{36 + sum(widths)}px"><colgroup><col style="width:36px">']
    parts += [f'<col style="width:{w}px">' for w in widths]
    parts.append("</colgroup><tr><th></th>")
    parts += [f"<th>{get_column_letter(c)}</th>" for c in range(1, last_col + 1)]
    parts.append("</tr>")
    for row in range(1, last_row + 1):
        height = ws.row_dimensions[row].height
        parts.append(f'<tr style="height:{int(height * 4 / 3)}px">' if height else "<tr>")
        parts.append(f"<th>{row}</th>")
        for col in range(1, last_col + 1):
            if (row, col) in covered:
                continue
            span = spans.get((row, col))
            if span is None and row != at:  # the filter buttons stay on their cells
                span = spill(ws, row, col, widths, covered | set(spans), last_col)
                covered |= {(row, c) for c in range(col + 1, col + (span or (1, 1))[1])}
            cell = cell_html(ws, row, col, span)
            extra = [
                name
                for name, on in (
                    ("frozen-row", row == frozen_rows),
                    ("frozen-col", col == frozen_cols),
                    ("filtered", row == at and first <= col <= last),
                )
                if on
            ]
            cell = cell.replace('class="', f'class="{" ".join(extra)} ', 1)
            if row == at and first <= col <= last:
                cell = cell.replace("</td>", '<span class="filter">▼</span></td>')
            parts.append(cell)
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


def page(ws: Worksheet, max_rows: int) -> str:
    tabs = "".join(
        f'<span class="{"active" if other.title == ws.title else ""}">{html.escape(other.title)}</span>'
        for other in ws.parent.worksheets
    )
    body = sheet_html(ws, max_rows)
    return f'<html><head><meta charset="utf-8"><style>{STYLE}</style></head><body><div id="book">{body}<div id="tabs">{tabs}</div></div></body></html>'


def main() -> None:
    from playwright.sync_api import sync_playwright  # the test extra

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        workbook = load_workbook(make_workbook(Path(tmp)))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            try:
                view = browser.new_page(viewport={"width": 2400, "height": 1200})
                for sheet, png, max_rows in SHOTS:
                    view.set_content(page(workbook[sheet], max_rows))
                    view.locator("#book").screenshot(path=str(HERE / png))
                    print(HERE / png)
            finally:
                browser.close()


if __name__ == "__main__":
    main()

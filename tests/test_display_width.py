"""Text tables line up in a terminal: cells are padded by display width (a Chinese character takes two
columns), so every column starts at the same display column on every row, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len

from policyengine.cli import main
from policyengine.decisions import Admissions, Decision
from policyengine.formatters import admission_report
from policyengine.formatters.text import _caret_line
from policyengine.messages.catalogue import text
from policyengine.textwidth import display_width, pad, widths

from .util import write_policy

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
ON = ("--on", "2020-01-01")
LANGS = ("en", "zh")

# -- the widths ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("grid", 4),
        ("网格", 4),
        ("城管·治安类", 11),  # the middle dot is East Asian Ambiguous: one column outside a CJK locale
        ("每社区区级转办(24个月)", 22),
        ("baseline:真实解决率", 19),
        ("网格grid员", 10),
        ("Ａ１", 4),  # fullwidth forms
        ("ｶﾀ", 2),  # halfwidth katakana
        ("\u3000", 2),  # the ideographic space
        ("e\u0301", 1),  # a combining accent takes no column
        ("a\u200bb", 2),  # nor does a zero-width space
        ("\ufeffx", 1),  # nor a byte order mark
        ("\u1100\u1161", 2),  # a Hangul syllable written as jamo: the vowel joins the consonant
        ("😀", 2),
        ("—", 1),
        ("\u00ad", 1),  # a soft hyphen shows
        ("a\tb", 2),  # a control character advances nothing (text outputs escape them before padding)
    ],
)
def test_display_width_of_mixed_text(text, width):
    assert display_width(text) == width


ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
# the scripts a policy's text is written in: ASCII, Chinese, CJK and fullwidth punctuation, Hangul,
# halfwidth forms, Latin-1, general punctuation and the combining accents
SCRIPTS = st.one_of(
    ASCII,
    CJK,
    st.characters(min_codepoint=0x3000, max_codepoint=0x302D),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
    st.characters(min_codepoint=0xA0, max_codepoint=0xFF),
    st.characters(min_codepoint=0x2010, max_codepoint=0x2027),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),
)


@given(st.text(SCRIPTS, max_size=30))
def test_display_width_agrees_with_a_terminal_library(text):
    # rich, which draws the terminal output, measures text by the same tables
    assert display_width(text) == cell_len(text)


@given(st.text(st.one_of(ASCII, CJK), max_size=20), st.integers(min_value=0, max_value=50))
def test_pad_fills_to_the_width_and_keeps_the_text(text, width):
    left, right = pad(text, width), pad(text, width, "right")
    assert display_width(left) == display_width(right) == max(width, display_width(text))
    assert left.startswith(text) and set(left[len(text) :]) <= {" "}
    assert right.endswith(text) and set(right[: len(right) - len(text)]) <= {" "}


def test_widths_are_the_widest_cell_of_each_column():
    assert widths([["事项", "tier"], ["grid_事项", "区"]]) == [9, 4]
    assert widths([]) == []


# -- the columns of a text table -----------------------------------------------------------------------


def starts(line: str) -> list[int]:
    """The display columns at which the line's cells start: its first character, and every character
    after two spaces or more."""
    out, column, spaces = [], 0, 2
    for char in line:
        if char != " " and spaces >= 2:
            out.append(column)
        spaces = spaces + 1 if char == " " else 0
        column += display_width(char)
    return out


def tables(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Each table of the output: the header (the line above a rule of dashes) and the rows under the
    rule up to the next blank line."""
    found = []
    for i, line in enumerate(lines[1:], 1):
        if line and set(line) <= {"-", " "}:
            rows = []
            for row in lines[i + 1 :]:
                if not row:
                    break
                rows.append(row)
            found.append((lines[i - 1], [line, *rows]))
    return found


def output(*args: str) -> list[str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout.splitlines()


def assert_columns(head: str, rows: list[str], columns: int) -> None:
    """Each row's first `columns` cells start where the header's do (a row may end early in empty cells)."""
    want = starts(head)
    assert len(want) >= columns, head
    for row in rows:
        got = starts(row)
        assert got[:columns] == want[: min(columns, len(got))], (head, row)
        assert len(got) >= columns - 1, row


SIMULATIONS = {
    "table": (),
    "parts": ("--reform", str(ROOT / "examples" / "reforms" / "admission_gate.yaml"), "--reform-parts", "groups"),
    "sweep": ("--sweep", "fabrication_min_shortfall=1:5:2"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", SIMULATIONS)
def test_simulate_tables_line_up(kind, lang):
    lines = output("simulate", H, "--months", "2", "--runs", "2", "--lang", lang, *ON, *SIMULATIONS[kind])
    found = tables(lines)
    assert found and len(found) == {"table": 1, "parts": 2, "sweep": 2}[kind]
    for head, rows in found:
        assert_columns(head, rows, len(starts(head)))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reform", [(), ("--reform", str(ROOT / "examples" / "reforms" / "admission_gate.yaml"))])
def test_admit_table_lines_up(reform, lang):
    lines = output("admit", H, "--lang", lang, *ON, *reform)
    rows = lines[1 : lines.index("")]
    assert len(rows) > 5
    assert_columns(lines[0], rows, 4)  # item, tier, decision; then the rule or reason


def test_admit_table_of_mixed_chinese_and_ascii():
    result = Admissions(
        [
            Decision("网格巡查patrol", "grid", "admitted", rule="gate·准入"),
            Decision("census", "网格", "rejected", reason="无经费随事转"),
            Decision("城管·治安类", "社区community", "unreviewed", reason="no money"),
        ],
        [],
    )
    for lang in LANGS:
        lines = admission_report.render_text(result, lang).splitlines()
        assert_columns(lines[0], lines[1:4], 4)
    assert admission_report.render_text(result, "zh").splitlines()[:4] == [
        "事项            层级           决定      规则 / 理由",
        "网格巡查patrol  grid           准入      gate·准入",
        "census          网格           不予准入  无经费随事转",
        "城管·治安类     社区community  未经审查  no money",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_diff_changes_line_up(lang):
    lines = output("diff", H, str(ROOT / "examples" / "reforms" / "admission_gate.yaml"), "--lang", lang, *ON)
    changes = [line for line in lines[1:] if line.startswith("  ") and line[2] not in "-+~ "]
    assert len(changes) > 5
    # two spaces, the operation, spaces up to one column, the target
    targets = {
        2 + display_width(op) + len(rest) - len(rest.lstrip(" "))
        for op, _, rest in (line[2:].partition(" ") for line in changes)
    }
    assert len(targets) == 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["docs", "explain"])
def test_listings_line_up(command, lang):
    lines = output(command, "--lang", lang)
    assert len(lines) > 5
    if command == "docs":
        assert len({tuple(starts(line)) for line in lines}) == 1  # the page, then its title
    else:
        assert len({tuple(starts(line)[:3]) for line in lines}) == 1  # the code, severity, then the name


# -- the caret under a finding -------------------------------------------------------------------------

MISSPELT_PARENT = {
    "p.yaml": """
    tiers:
      - {id: district, name: {zh: 区, en: District}}
      - {id: grid, name: {zh: 网格, en: Grid}, parent: distrct}
    """
}


@pytest.mark.parametrize("lang", LANGS)
def test_caret_sits_under_the_column_after_chinese_text(tmp_path, lang):
    lines = output("lint", str(write_policy(tmp_path, MISSPELT_PARENT)), "--no-color", "--lang", lang)
    source, caret = lines[1], lines[2]
    assert source == "     3 |   - {id: grid, name: {zh: 网格, en: Grid}, parent: distrct}"
    assert caret == "       |" + " " * 52 + "^"
    assert display_width(caret) - 1 == display_width(source[: source.index("distrct")])


@given(st.text(SCRIPTS, max_size=20), st.integers(min_value=0, max_value=20))
@example("name: 城管·治安类", 10)
@example("e\u0301 x", 4)  # a combining accent takes no column
@example("ｶﾀ x", 4)  # nor do halfwidth forms take two
def test_caret_is_under_its_character(line, before):
    column = min(before, len(line)) + 1
    assert _caret_line(line, column) == " " * display_width(line[: column - 1]) + "^"


def test_test_statuses_take_one_width():
    # `policyengine test` prints the status, then the test's name: the names start in one column
    shown = {display_width(text(f"testing.status.{s}", lang)) for s in ("pass", "fail", "error") for lang in LANGS}
    assert len(shown) == 1

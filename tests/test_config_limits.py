"""The configuration's numbers, nesting and encoding: a number threshold is a finite number from 0 to
MAX_THRESHOLD or one line at the value; arrays and inline tables nest at most MAX_DEPTH deep at any
depth; a leading BOM is accepted and a byte that is not UTF-8 is located. Never exit 3."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policyengine.checks import CATALOGUE
from policyengine.cli import main
from policyengine.config import MAX_THRESHOLD, load_config
from policyengine.errors import ConfigError
from policyengine.tomltext import MAX_DEPTH, MAX_DIGITS

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
# every number threshold of every check, read from the checks: a new one is tested as it is added
NUMBER_THRESHOLDS = [
    (code, name)
    for code, check in CATALOGUE.items()
    for name, default in check.thresholds.items()
    if not isinstance(default, tuple)
]
SPECIAL = [
    "nan",
    "+nan",
    "-nan",
    "inf",
    "+inf",
    "-inf",
    "-0",
    "-0.0",
    "1e-320",
    "1e308",
    "1.7e308",
    "1e400",
    "9" * 400,
    "-" + "9" * 400,
    "1" + "0" * 5000,
    "-" + "1" * 4301,
    "0",
    "1_000_000_000",
    "1000000001",
    "1e9",
    "true",
    '"5"',
]
NUMBERS = st.one_of(
    st.sampled_from(SPECIAL),
    st.integers().map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)


def _shown(value: object) -> str:
    """As TOML writes it: `true`, `nan`, `-inf`; never Python's `True` or `inf`."""
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, float) and not math.isfinite(value):
        text = str(value)  # nan, inf, -inf: TOML's spelling
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _write(tmp_path_factory, text: str | bytes) -> Path:
    path = tmp_path_factory.mktemp("c") / "policyengine.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.mark.parametrize("threshold", NUMBER_THRESHOLDS, ids="{0[0]}.{0[1]}".format)
@settings(max_examples=25, deadline=None)
@given(number=NUMBERS)
@example(number="nan")
@example(number="9" * 400)
def test_a_number_threshold_is_in_range_or_one_line_at_the_value(tmp_path_factory, threshold, number):
    code, name = threshold
    path = _write(tmp_path_factory, f"# limits\n[thresholds.{code}]\n{name} = {number}\n")
    column = len(name) + 4
    if len(number.lstrip("+-").replace("_", "")) > MAX_DIGITS and number.lstrip("+-").isdigit():
        with pytest.raises(ConfigError) as caught:
            load_config(path)
        assert (caught.value.span.line, caught.value.span.column) == (3, column)
        assert caught.value.text("en") == f"a number of more than {MAX_DIGITS:,} digits cannot be read"
        return
    value = tomllib.loads(f"x = {number}")["x"]
    good = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_THRESHOLD
    if good:
        assert math.isfinite(value)
        assert load_config(path).thresholds_of(code)[name] == value
        return
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.span.file, caught.value.span.line, caught.value.span.column) == (str(path), 3, column)
    assert caught.value.text("en") == (f"{code}.{name} must be a number from 0 to 1,000,000,000, not {_shown(value)}")
    assert caught.value.text("zh") == f"{code}.{name} 必须是 0 到 1,000,000,000 之间的数,而不是 {_shown(value)}"


def test_a_threshold_in_an_inline_table_or_pyproject_is_located_at_its_value(tmp_path):
    path = tmp_path / "policyengine.toml"
    path.write_text("thresholds = { PE105 = { min_items = 3, ratio =  inf } }\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.span.line, caught.value.span.column) == (1, 50)
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.policyengine.thresholds.PE101]\nmax_co_handler_coverage = nan\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.span.line, caught.value.span.column) == (5, 27)


@pytest.mark.parametrize("threshold", NUMBER_THRESHOLDS, ids="{0[0]}.{0[1]}".format)
def test_lint_takes_every_number_threshold_at_both_ends_of_its_range(tmp_path, threshold):
    code, name = threshold
    for number in ("0", "-0.0", "1e-320", str(MAX_THRESHOLD)):
        config = tmp_path / f"c{number}.toml"
        config.write_text(f"[thresholds.{code}]\n{name} = {number}\n")
        result = CliRunner().invoke(main, ["lint", H, "--config", str(config), "--on", "2020-01-01"])
        assert result.exit_code in (0, 1), (number, result.output[-500:])


# -- nesting: one rule for every depth -----------------------------------------------------------------


def _nested(kind: str, depth: int) -> tuple[str, int]:
    """`select = ` and an array (or inline table) `depth` levels deep; the column of level MAX_DEPTH + 1."""
    head = "select = "
    if kind == "array":
        return head + "[" * depth + "]" * depth + "\n", len(head) + MAX_DEPTH + 1
    opener = "{a = "
    return head + opener * depth + "1" + "}" * depth + "\n", len(head) + len(opener) * MAX_DEPTH + 1


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(["array", "table"]), depth=st.integers(1, 6000))
@example(kind="array", depth=MAX_DEPTH)
@example(kind="array", depth=MAX_DEPTH + 1)
@example(kind="table", depth=MAX_DEPTH + 1)
@example(kind="array", depth=5000)
def test_any_depth_past_the_limit_is_the_same_one_line(tmp_path_factory, kind, depth):
    text, column = _nested(kind, depth)
    path = _write(tmp_path_factory, "# deep\n" + text)
    if depth <= MAX_DEPTH:  # read; then not a list of codes, said as such
        empty = kind == "array" and depth == 1  # `select = []`: no code at all, which selects nothing
        said = "select: selects no check" if empty else "select must be a list of codes"
        with pytest.raises(ConfigError, match=said):
            load_config(path)
        return
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert (error.span.line, error.span.column) == (2, column)
    assert error.text("en") == f"arrays and inline tables nested more than {MAX_DEPTH} levels deep"
    assert error.text("zh") == f"数组和内联表嵌套超过 {MAX_DEPTH} 层"


def test_brackets_in_strings_and_comments_are_not_nesting(tmp_path):
    # strings another tool's table holds: pyproject.toml is read whole, though only our table counts
    path = tmp_path / "pyproject.toml"
    path.write_text(
        "# [[[[" + "[" * 500 + "\n"
        "[project]\n"
        "keywords = ['" + "[" * 300 + '\', "\\"' + "{" * 300 + "\", '''\n" + "[" * 300 + "''']\n"
        "[tool.policyengine]\n"
        'select = ["PE1"]  # ' + "{" * 500 + "\n"
    )
    assert load_config(path).select == frozenset(c for c in CATALOGUE if c.startswith("PE1"))
    keywords = tomllib.loads(path.read_text())["project"]["keywords"]
    assert keywords == ["[" * 300, '"' + "{" * 300, "[" * 300]


# -- encoding ------------------------------------------------------------------------------------------


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "policyengine.toml"
    path.write_bytes(b'\xef\xbb\xbfselect = ["PE1"]\n[thresholds.PE101]\nmax_co_handler_coverage = 3\n')
    config = load_config(path)
    assert "PE101" in (config.select or ()) and config.thresholds_of("PE101")["max_co_handler_coverage"] == 3
    path.write_bytes(b"\xef\xbb\xbf[thresholds.PE101]\nmax_co_handler_coverage = nan\n")
    with pytest.raises(ConfigError) as caught:  # positions as the editor shows them, without the mark
        load_config(path)
    assert (caught.value.span.line, caught.value.span.column) == (2, 27)


def test_a_discovered_pyproject_with_a_byte_order_mark_is_ours(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(b'\xef\xbb\xbf[tool.policyengine]\nignore = ["PE1"]\n')
    result = CliRunner().invoke(main, ["lint", H, "--config", str(tmp_path / "pyproject.toml")])
    assert result.exit_code in (0, 1)


@settings(max_examples=40, deadline=None)
@given(
    before=st.lists(st.sampled_from(["a", "é", "网", " ", "\n", "#"]), max_size=30).map("".join),
    bad=st.sampled_from([b"\xff", b"\xfe", b"\xc3(", b"\xe7\xbd", b"\x80"]),
)
def test_a_byte_that_is_not_utf8_is_located_where_it_stands(tmp_path_factory, before, bad):
    head = "# " + before.replace("\n", "\n# ")
    path = _write(tmp_path_factory, head.encode("utf-8") + bad + b"\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = head.split("\n")
    assert (caught.value.span.line, caught.value.span.column) == (len(lines), len(lines[-1]) + 1)
    assert caught.value.text("en") == f"not UTF-8 (byte 0x{bad[0]:02x}); a configuration file must be UTF-8"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "PE103 has no threshold 'max_share' (known: none)"),
        ("zh", "PE103 没有阈值“max_share”(可用:无)"),
    ],
)
def test_a_check_without_thresholds_says_none_in_the_chosen_language(tmp_path, lang, said):
    # regression: "none" and ", " were written into the Chinese message as English
    assert not CATALOGUE["PE103"].thresholds
    config = tmp_path / "policyengine.toml"
    config.write_text("[thresholds.PE103]\nmax_share = 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "bundled:h_district", "--config", str(config), "--lang", lang])
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: {config}:2:1: {said}\n"


def test_the_known_keys_are_listed_as_chinese_lists_them(tmp_path):
    config = tmp_path / "policyengine.toml"
    config.write_text("selct = []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "bundled:h_district", "--config", str(config), "--lang", "zh"])
    assert result.stderr == (
        f"policyengine: {config}:1:1: 未知的键“selct”(可用:fail-level、ignore、select、severity、thresholds);"
        "是否想写“select”?\n"
    )

"""A policy's strings never reach a text output raw: every control character is shown, not obeyed.

The class: newlines, carriage returns, terminal escape sequences (ESC ... CSI, OSC ... BEL), other
C0 and C1 controls, U+2028/U+2029 and bidirectional overrides in a name, a description, a rule's
reason or message, an id or a test's name. Each text output keeps one line per line it means to
write; Chinese text passes through unchanged.
"""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.formatters import text
from policyengine.lint import lint_paths
from policyengine.printable import UNSAFE, lines, printable

from .util import write_policy

ON = "2026-01-01"
NASTY = "a\x1b]0;title\x07b\r\n::error ::x\x1b[2J\x9b1m\u202eevil\u2028c\x00\t网格"
SHOWN = r"a\x1b]0;title\x07b\r\n::error ::x\x1b[2J\x9b1m\u202eevil\u2028c\x00\t网格"

# what a string of the policy can hold: anything a UTF-8 file can carry (no lone surrogate)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# characters a YAML file may hold raw (YAML 1.1's printable set, without the quote and the backslash)
YAML_RAW = "\t\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"


def yaml_quoted(value: str) -> str:
    """`value` as a YAML double-quoted scalar: every character the file may not hold raw escaped."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch in '"\\' or ch == "\t" or UNSAFE.match(ch) or not _yaml_printable(code):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _yaml_printable(code: int) -> bool:
    return (
        code in (0x09, 0x85)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


def rules_quoted(value: str) -> str:
    """`value` as a string of the rule language (its escapes: \\n, \\t, \\", \\\\)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


TIERS = """\
tiers:
  - {id: district, name: {en: District}}
  - {id: grid, name: {en: Grid}, parent: district}
"""


def assert_one_line_each(output: str, findings: int, source_lines: int) -> None:
    """Each finding's header, its source line and caret, then the summary: nothing else, and no
    control character but the newline that ends each line."""
    assert output.endswith("\n")
    shown = output[:-1].split("\n")
    assert len(shown) == findings + 2 * source_lines + 1, output
    assert all(UNSAFE.search(line) is None for line in shown), output


# -- the function ------------------------------------------------------------------------------------


def test_every_kind_of_control_character_is_written_visibly():
    assert printable(NASTY) == SHOWN
    assert printable("\x7f\x85\x80\u061c\u200e\u200f\u2029\u2066\u2069\ud800") == (
        r"\x7f\x85\x80\u061c\u200e\u200f\u2029\u2066\u2069\ud800"
    )


def test_chinese_and_ordinary_text_pass_unchanged():
    for value in ("网格员上报", "Q市H区网格化管理:“低治理权”。", "tab-free, 50% done", "émigré ümlaut → ∞", "😀"):
        assert printable(value) is value  # not even copied


def test_a_format_may_keep_or_replace_a_character():
    assert printable("a\tb\nc", {"\t": "\t"}) == "a\tb\\nc"
    assert printable("a\r\nb\x1b", {"\r": "%0D", "\n": "%0A"}) == "a%0D%0Ab\\x1b"


def test_lines_joins_one_shown_line_per_entry():
    assert lines(["head", "x\ny", ""]) == "head\nx\\ny\n\n"


@given(ANY_TEXT)
def test_printable_output_holds_no_control_character_and_keeps_the_rest(value):
    shown = printable(value)
    assert UNSAFE.search(shown) is None and len(shown.splitlines()) <= 1
    rest = iter(shown)  # every safe character is still there, in order
    assert all(ch in rest for ch in value if not UNSAFE.match(ch))


# -- lint's text output --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_a_policy_string_never_breaks_a_finding_line(value):
    """The string as the policy's id (a PE002 finding quotes it), its name and its description."""
    policy = f"policy:\n  id: {yaml_quoted(value)}\n  name: {{en: {yaml_quoted(value)}, zh: {yaml_quoted(value)}}}\n"
    policy += f"  description: {yaml_quoted(value)}\n" + TIERS
    with tempfile.TemporaryDirectory() as tmp:
        root = write_policy(Path(tmp), {"p.yaml": policy})
        result = lint_paths([root], on=ON)
        output = text.render(result)
    assert_one_line_each(output, len(result.findings), len(result.findings))
    assert {f.code for f in result.findings} <= {"PE002"}  # an id the schema refuses, quoted in its message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT.filter(lambda v: "\x00" not in v and "\r" not in v))
def test_a_custom_check_message_never_breaks_a_finding_line(value):
    """A custom check's message is the rule file's text, escapes and all: it reaches the finding whole."""
    rules = f"rule deep for tier:\n  when tier.depth >= 1 then finding PE950 warning {rules_quoted(value)}\n"
    with tempfile.TemporaryDirectory() as tmp:
        root = write_policy(Path(tmp), {"p.yaml": TIERS, "checks.rules": rules})
        result = lint_paths([root], on=ON)
        output = text.render(result)
    assert [f.code for f in result.findings] == ["PE950"]
    assert_one_line_each(output, 1, 1)
    assert output.split("\n")[0].endswith(f"warning[PE950] {printable(value)} [deep]")


def test_chinese_in_a_message_passes_unchanged(tmp_path):
    rules = 'rule deep for tier:\n  when tier.depth >= 1 then finding PE950 warning "网格“层级”过深:上报"\n'
    result = lint_paths([write_policy(tmp_path, {"p.yaml": TIERS, "checks.rules": rules})], on=ON)
    assert text.render(result, "zh").split("\n")[0].endswith("警告[PE950] 网格“层级”过深:上报 [deep]")


def test_the_source_line_and_its_caret_are_shown_as_escaped(tmp_path):
    root = write_policy(tmp_path, {"p.yaml": 'tiers:\n  - {id: a, name: {en: "\u2066\u202e"}, count: x}\n'})
    output = text.render(lint_paths([root], on=ON))
    head, source, caret, _summary = output.split("\n")[:4]
    assert head.endswith("'x' is not of type integer [schema-violation]")
    assert source == '     2 |   - {id: a, name: {en: "\\u2066\\u202e"}, count: x}'
    assert caret == "       |" + " " * (source.index("x}") - len("       |")) + "^"


# -- every other text output --------------------------------------------------------------------------

GATE = TIERS + textwrap.dedent(
    f"""\
    units:
      - {{id: fire_dept, name: {{en: Fire department}}, tier: district, kind: functional_department}}
      - {{id: team, name: {{en: Grid team}}, tier: grid, kind: grid_team}}
    grants:
      - {{unit: fire_dept, powers: [penalty]}}
    items:
      - {{id: road, name: {{en: {yaml_quoted(NASTY)}}}, kind: line, owner: fire_dept, tier: grid, role: handle,
         requires: {{handle: [penalty]}}}}
    lists:
      - {{id: grid_list, tier: grid, kind: duties, items: [road]}}
    admission:
      - id: gate
        tier: grid
        lists: [grid_list]
        criteria:
          - {yaml_quoted("otherwise reject " + rules_quoted(NASTY))}
    """
)


def run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(main, list(args))
    return done.exit_code, done.stdout, done.stderr


def assert_clean(output: str) -> list[str]:
    shown = output.split("\n")
    assert all(UNSAFE.search(line) is None for line in shown), output
    return shown


def test_admit_shows_a_rule_reason_on_one_line(tmp_path):
    root = write_policy(tmp_path, {"p.yaml": GATE})
    code, out, _ = run("admit", str(root), "--on", ON)
    assert code == 0
    assert assert_clean(out)[1] == f"{SHOWN}  Grid  rejected  gate.criteria[0]; {SHOWN}"  # the name, made safe


def test_lint_shows_the_reason_in_a_finding_and_why_the_name_in_its_chain(tmp_path):
    root = write_policy(tmp_path, {"p.yaml": GATE})
    code, out, _ = run("lint", str(root), "--on", ON, "--no-color")
    assert code == 1
    assert any(line.endswith(f"(gate.criteria[0]): {SHOWN} [inadmissible-item]") for line in assert_clean(out))
    code, out, _ = run("why", str(root), "PE101", "road", "--on", ON)
    assert code == 0
    assert assert_clean(out)[1] == f"  item '{SHOWN}'; a line item  [{root}/p.yaml:10:10]"  # the name, made safe
    code, out, _ = run("lint", str(root), "--on", ON, "--no-color", "--explain")
    assert f"  item '{SHOWN}'; a line item" in out and assert_clean(out)


def test_a_test_name_is_shown_on_one_line(tmp_path):
    root = write_policy(tmp_path, {"p.yaml": TIERS})
    (tmp_path / "t.pe-test.yaml").write_text(
        f"- test: {yaml_quoted(NASTY)}\n  policy: p.yaml\n  expect: {{exit: 0}}\n", encoding="utf-8"
    )
    code, out, _ = run("test", str(root / "t.pe-test.yaml"))
    assert code == 0
    assert assert_clean(out)[0] == f"PASS  {SHOWN}  {root}/t.pe-test.yaml:1"


def test_an_error_line_shows_the_path_it_names(tmp_path):
    code, _, err = run("lint", str(tmp_path / "no\x1b[2Jsuch\npath"))
    assert code == 2
    assert err == f"policyengine: {tmp_path}/no\\x1b[2Jsuch\\npath: no such file or directory\n"


def test_a_notice_shows_the_path_it_names(tmp_path):
    """'wrote FILE' after --write-baseline and report -o printed the path as typed: a newline in it made
    a second line (which could start with '::error')."""
    policy = Path(__file__).resolve().parent.parent / "policies" / "h_district"
    name = "o\x1b[2Jut\n::error::x"
    code, _, err = run("lint", str(policy), "--on", ON, "--write-baseline", str(tmp_path / f"{name}.json"))
    assert (code, err) == (0, f"wrote 41 finding(s) to {tmp_path}/o\\x1b[2Jut\\n::error::x.json\n")
    code, _, err = run("report", str(policy), "--on", ON, "-o", str(tmp_path / f"{name}.html"))
    assert (code, err) == (0, f"policyengine: wrote {tmp_path}/o\\x1b[2Jut\\n::error::x.html\n")


def test_the_simulation_table_pads_the_names_as_shown():
    from policyengine.simulate.report import _table

    assert _table(["metric", "a\nb"], [["x\x1b", "1"]]) == ["metric  a\\nb", "------  ----", "x\\x1b   1"]

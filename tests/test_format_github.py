"""`lint --format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyengine.config import from_mapping
from policyengine.diagnostics import Finding, Severity, Subject
from policyengine.formatters import FORMATS, github, text
from policyengine.lint import LintResult, lint_paths
from policyengine.printable import UNSAFE, printable
from policyengine.span import Span

from .util import write_policy

REPO = Path(__file__).resolve().parents[1]
ON = "2026-01-01"


def unescape_data(value: str) -> str:
    """As the Actions runner reads a command's message back (%25 last)."""
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


COMMAND = re.compile(r"^::(?P<command>[a-z]+) (?P<properties>[^:]*)::(?P<data>.*)$")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner parses it: `::command k=v,k=v::data`, properties split at
    commas, each at its first `=`."""
    match = COMMAND.match(line)
    assert match, line
    properties = dict(p.split("=", 1) for p in match["properties"].split(","))
    return (match["command"], {k: unescape_property(v) for k, v in properties.items()}, unescape_data(match["data"]))


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def test_h_district_lines_for_known_findings(in_repo):
    result = lint_paths(["policies/h_district"], on=ON)
    lines = FORMATS["github"](result, "en", None).splitlines()
    assert len(lines) == 42
    assert (
        "::warning file=policies/h_district/items.yaml,line=332,col=11,endColumn=17,"
        "title=PE101 responsibility-without-authority::item 'Fire hazards in small venues (the nine small places)': "
        "tier 'Grid' must handle it but lacks the power 'penalty'; co-handler 'Fire-safety professional grid workers' "
        "holds it but covers 12 grids (more than 5)"
    ) in lines
    assert (
        "::warning file=policies/h_district/items.yaml,line=454,col=17,endColumn=31,"
        "title=PE103 coordination-deficit::item 'Broken road (LCP community)': tier 'Grid' must mobilise "
        "'Highway bureau' (tier 'District') but has no coordination path to it (its coordination reaches only "
        "tier Town / street and below)"
    ) in lines
    # `%` in a message is escaped
    assert (
        "::warning file=policies/h_district/tiers.yaml,line=47,col=9,endColumn=13,title=PE105 "
        "inverted-authority::tier 'Grid' carries 1010 items (100%25 of the load) with authority 0.00 on "
        "the four dimensions, against 0.75 at 'District'"
    ) in lines
    # the last line is the text format's summary: plain log text, not a command
    assert lines[-1] == "41 finding(s): 0 error(s), 36 warning(s), 5 info in 12 file(s)"
    assert lines[-1] == text.render(result).splitlines()[-1]
    for line, finding in zip(lines[:-1], result.findings, strict=True):
        command, properties, data = parse(line)
        assert (command, data) == ("notice" if finding.code == "PE010" else "warning", finding.message)
        assert properties["title"] == f"{finding.code} {finding.name}"
        assert (properties["file"], int(properties["line"]), int(properties["col"])) == tuple(finding.span)


def test_severities_are_error_warning_and_notice(tmp_path):
    root = write_policy(
        tmp_path,
        {
            "p.yaml": """\
        tiers:
          - {id: district, name: {en: District}}
          - {id: street, name: {en: Street}, parent: district}
          - {id: grid, name: {en: Grid}, parent: street}
        units:
          - {id: bureau, name: {en: Bureau}, tier: district, kind: functional_department}
          - {id: team, name: {en: Grid team}, tier: grid, kind: grid_team, headcount: 1}
        items:
          - {id: fire, name: {en: Fire}, kind: line, owner: bureau, tier: grid, role: report}
        """,
            "checks.rules": """\
        rule line_item for item:
          when item.kind == "line" then finding PE950 warning "a line item, on the grid: 50%"
        rule small_team for unit:
          when unit.headcount < 2 then finding PE951 info "a team of one"
        rule deep for tier:
          when tier.depth >= 2 then finding PE952 error "a third tier"
        """,
        },
    )
    result = lint_paths([root], from_mapping({"select": ["PE9"]}, "t"), on=ON)
    # outside the current directory: the path as found, with its `:` escaped where it is a property
    path = github.escape_property(str(root / "p.yaml"))
    assert github.render(result).splitlines() == [
        f"::error file={path},line=4,col=10,endColumn=14,title=PE952 deep::a third tier",
        f"::notice file={path},line=7,col=10,endColumn=14,title=PE951 small_team::a team of one",
        f"::warning file={path},line=9,col=10,endColumn=14,title=PE950 line_item::a line item, on the grid: 50%25",
        "3 finding(s): 1 error(s), 1 warning(s), 1 info in 2 file(s)",
    ]
    assert github.render(result, root=tmp_path).splitlines()[0].startswith("::error file=p.yaml,line=4,")


def test_a_syntax_error_and_a_clean_policy(tmp_path):
    bad = write_policy(tmp_path / "bad", {"p.yaml": "tiers:\n  - {id: district, name: {en: D}\n  - id: x\n"})
    [line, summary] = github.render(lint_paths([bad]), root=tmp_path).splitlines()
    assert line == (
        "::error file=bad/p.yaml,line=3,col=3,endColumn=4,title=PE001 yaml-syntax::YAML syntax "
        "error: while parsing a flow mapping did not find expected ',' or '}'"
    )
    assert summary == "1 finding(s): 1 error(s), 0 warning(s), 0 info in 1 file(s)"
    clean = lint_paths([REPO / "examples/well_designed"], on=ON)
    assert github.render(clean).splitlines() == [text.render(clean).splitlines()[-1]]
    assert github.render(lint_paths([bad], lang="zh"), "zh").splitlines()[-1] == (
        "共 1 条诊断:错误 1 条,警告 0 条,提示 0 条,涉及 1 个文件"
    )


def test_escaping_of_percent_newline_colon_and_comma():
    assert github.escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github.escape_property("C:\\p,q%\n") == "C%3A\\p%2Cq%25%0A"
    assert github.escape_data("%0A") == "%250A"  # an escape already in the text stays text


def finding(message: str, file: str, name: str) -> Finding:
    return Finding("PE950", name, Severity.WARNING, message, Span(file, 2, 3), Subject("item", "x"))


def as_runner_shows(value: str) -> str:
    """What the runner reads back: CR and LF restored from %0D and %0A, every other control
    character written visibly (the runner has no escape for them)."""
    return printable(value, {"\r": "\r", "\n": "\n"})


@given(message=st.text(), file=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1), name=st.text())
def test_escaping_then_unescaping_gives_the_text_back(message, file, name):
    assert unescape_data(github.escape_data(message)) == as_runner_shows(message)
    assert unescape_property(github.escape_property(file)) == as_runner_shows(file)
    f = finding(message, file, name)
    line = github.command(f, {}, root=None)
    assert "\n" not in line and "\r" not in line  # one command per line, whatever the message holds
    assert UNSAFE.search(line) is None  # nor an escape sequence the log would obey
    command, properties, data = parse(line)
    assert command == "warning" and data == as_runner_shows(message)
    assert properties["title"] == as_runner_shows(f"PE950 {name}")
    assert properties["line"] == "2" and properties["col"] == "3"


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_text_without_control_characters_comes_back_whole(message):
    assert unescape_data(github.escape_data(message)) == message


def test_terminal_escape_sequences_are_written_visibly():
    osc = "\x1b]8;;https://example.org\x07link\x1b]8;;\x07 \x1b[2J\x9b31m\u202eevil\u2028x\x00"
    assert github.escape_data(osc) == (
        "\\x1b]8;;https://example.org\\x07link\\x1b]8;;\\x07 \\x1b[2J\\x9b31m\\u202eevil\\u2028x\\x00"
    )
    assert github.escape_data("中文,网格员:上报 %") == "中文,网格员:上报 %25"  # Chinese passes unchanged


def test_every_finding_is_one_command_line(tmp_path):
    message = "line one\nline two, with: colons % and\r\ncommas"
    result = LintResult([finding(message, "a.yaml", "odd:name,x")], [], None)
    [line, summary] = github.render(result).splitlines()
    assert parse(line) == (
        "warning",
        {"file": "a.yaml", "line": "2", "col": "3", "endColumn": "4", "title": "PE950 odd:name,x"},
        message,
    )
    assert summary.startswith("1 finding(s)")

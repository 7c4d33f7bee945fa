"""`diff`: a finding whose message changed is one *changed* finding, not one fixed and one introduced.

Findings before and after a reform are matched by fingerprint, as a baseline matches them (code,
subject, message without positions and numbers), then by code and subject; what is left is fixed
or introduced.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.diagnostics import Finding, Severity, Subject
from policyengine.formatters.diff_report import comparison, render
from policyengine.result import LintResult
from policyengine.span import Span

ROOT = Path(__file__).resolve().parent.parent
H = "policies/h_district"
GATE = "examples/reforms/admission_gate.yaml"


def finding(code: str, subject: str, message: str, line: int = 1, identity: str | None = None) -> Finding:
    return Finding(
        code, "name", Severity.WARNING, message, Span("p.yaml", line, 1), Subject("item", subject), identity or message
    )


def result(*findings: Finding) -> LintResult:
    return LintResult(list(findings), [], None)


def test_a_count_that_changed_is_one_changed_finding():
    was = finding("PE200", "grid", "receives 1000 items", identity="receives # items")
    now = finding("PE200", "grid", "receives 1001 items", line=9, identity="receives # items")
    diff = comparison(result(was), result(now))
    assert (diff.fixed, diff.changed, diff.introduced, diff.unchanged) == ([], [(was, now)], [], 0)


def test_a_message_reworded_for_the_same_code_and_subject_is_changed():
    was = finding("PE203", "census", "no approval; no end")
    now = finding("PE203", "census", "no end")
    other = finding("PE101", "census", "lacks a power")
    diff = comparison(result(was, other), result(now))
    assert diff.changed == [(was, now)] and diff.fixed == [other] and diff.introduced == []


def test_several_findings_on_one_subject_pair_in_position_order():
    first, second = finding("PE101", "x", "lacks a", line=1), finding("PE101", "x", "lacks b", line=2)
    kept, reworded = finding("PE101", "x", "lacks a", line=5), finding("PE101", "x", "lacks c", line=7)
    diff = comparison(result(second, first), result(reworded, kept))
    assert diff.unchanged == 1 and diff.changed == [(second, reworded)] and not diff.fixed and not diff.introduced


@given(
    st.lists(
        st.tuples(st.sampled_from(["PE101", "PE102"]), st.sampled_from("abc"), st.sampled_from("xyz")), max_size=6
    ),
    st.lists(
        st.tuples(st.sampled_from(["PE101", "PE102"]), st.sampled_from("abc"), st.sampled_from("xyz")), max_size=6
    ),
)
def test_every_finding_is_counted_once(old, new):
    """Fixed + changed + unchanged is every finding before; introduced + changed + unchanged every one after."""
    before = [finding(c, s, m, line=k) for k, (c, s, m) in enumerate(old)]
    after = [finding(c, s, m, line=k) for k, (c, s, m) in enumerate(new)]
    diff = comparison(result(*before), result(*after))
    assert len(diff.fixed) + len(diff.changed) + diff.unchanged == len(before)
    assert len(diff.introduced) + len(diff.changed) + diff.unchanged == len(after)
    keys = {(f.code, f.subject.id) for f in diff.fixed} & {(f.code, f.subject.id) for f in diff.introduced}
    assert not keys  # a subject with a finding on both sides is never both fixed and introduced
    assert comparison(result(*reversed(before)), result(*reversed(after))) == diff


def test_the_text_shows_a_changed_finding_once_old_then_new():
    was = finding("PE203", "census", "no approval; no end", line=3)
    now = finding("PE203", "census", "no end", line=4)
    assert render(result(was), result(now), "text", "en").splitlines() == [
        "Structural changes (0):",
        "Findings fixed (0):",
        "Findings changed (1):",
        "  ~ PE203 item census: no approval; no end",
        "    → no end  (p.yaml:4:1)",
        "Findings introduced (0):",
        "0 fixed, 1 changed, 0 introduced, 0 unchanged",
    ]
    assert render(result(was), result(now), "text", "zh").splitlines()[2] == "变化的诊断(1 条):"


def test_diff_of_the_admission_gate_in_both_formats_and_languages():
    runner = CliRunner()
    out = {
        (fmt, lang): runner.invoke(main, ["diff", H, GATE, "--format", fmt, "--lang", lang, "--on", "2020-01-01"])
        for fmt in ("text", "json")
        for lang in ("en", "zh")
    }
    assert {r.exit_code for r in out.values()} == {0}
    doc = json.loads(out["json", "en"].output)
    assert list(doc) == ["version", "changes", "fixed", "changed", "introduced", "summary"]
    assert doc["summary"] == {"fixed": 20, "changed": 4, "introduced": 5, "unchanged": 17}
    census = next(c for c in doc["changed"] if c["after"]["subject"]["id"] == "census")
    assert census["before"]["code"] == census["after"]["code"] == "PE203"
    assert "no approval" in census["before"]["message"] and "no approval" not in census["after"]["message"]
    assert (census["after"]["file"], census["after"]["line"], census["after"]["column"]) == (
        "policies/h_district/items.yaml",
        482,
        11,
    )
    # the same findings pair up whatever the language
    assert json.loads(out["json", "zh"].output)["summary"] == doc["summary"]
    fixed = {(f["code"], f["subject"]["id"]) for f in doc["fixed"]}
    introduced = {(f["code"], f["subject"]["id"]) for f in doc["introduced"]}
    assert not fixed & introduced
    assert "  ~ PE203 item 'Census': " in out["text", "en"].output
    assert "20 fixed, 4 changed, 5 introduced, 17 unchanged" in out["text", "en"].output


def test_the_changes_and_subjects_are_named_in_the_output_language():
    runner = CliRunner()
    said = {
        lang: runner.invoke(main, ["diff", H, GATE, "--lang", lang, "--on", "2020-01-01"]).output.splitlines()
        for lang in ("en", "zh")
    }
    assert said["zh"][1:3] == [
        "  新增          准入程序“网格事项准入”",
        "  划转          事项“法律政策宣传”  经费每年 14,824,800 元",
    ]
    assert "  调整          事项“占道经营”  调整至区,列入网格上收事项" in said["zh"]
    assert "  修改          事项“道路损坏(LCP社区)”  role = 'handle'" in said["zh"]
    assert any(line.startswith("  ~ PE203 事项“人口普查”: 网格的临时事项“人口普查”:未经审批") for line in said["zh"])
    assert said["en"][2] == "  transfer      item 'Publicity of laws and policies'  money=14824800"
    assert "  move          item 'Occupied-road business'  to District (Items returned up from the grid)" in said["en"]
    # no id of a declaration with a name in the language is left on a change line
    for lang in ("en", "zh"):
        changes = said[lang][1:15]
        assert not [line for line in changes if "occupied_road_business" in line or "grid_admission" in line]

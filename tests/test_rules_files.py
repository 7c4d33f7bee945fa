"""`.rules` files: read with the policy, compiled once, their errors located; custom checks PE900-PE999."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.config import Config, from_mapping
from policyengine.diagnostics import Severity
from policyengine.lint import lint_paths

from .util import located, write_policy

POLICY = """
    tiers:
      - {id: district, name: {en: District}}
      - {id: street, name: {en: Street}, parent: district}
      - {id: grid, name: {en: Grid}, parent: street}
    units:
      - {id: bureau, name: {en: Bureau}, tier: district, kind: functional_department}
      - {id: team, name: {en: Grid team}, tier: grid, kind: grid_team, headcount: 1}
    items:
      - {id: fire, name: {en: Fire}, kind: line, owner: bureau, tier: grid, role: report}
      - {id: census, name: {en: Census}, kind: temporary, issued_by: district, tier: grid, role: assist}
      - {id: patrol, name: {en: Patrol}, kind: routine, tier: grid, role: report}
    """

CHECKS = """\
# custom checks of the policy
rule line_item "条线事项" for item:
  when item.kind == "line" then finding PE950 warning "a line item on the grid"

rule small_team for unit:
  when unit.headcount < 2 then finding PE951 info "a team of one"

rule deep for tier:
  when tier.depth >= 2 then finding PE952 error "a third tier"
"""


ONLY_RULES = from_mapping({"select": ["PE0", "PE9"]}, "test")  # the rule codes, not the built-in checks


def lint(root: Path, config: Config | None = ONLY_RULES, lang: str = "en"):
    return lint_paths([root], config, lang, on="2026-01-01")


def policy_with(tmp_path: Path, rules: dict[str, str], extra: str = "") -> Path:
    root = write_policy(tmp_path, {"p.yaml": POLICY + extra})
    for name, text in rules.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_custom_checks_report_at_the_subject_with_their_rule_severity_and_message(tmp_path):
    result = lint(policy_with(tmp_path, {"checks.rules": CHECKS}))
    got = [
        (
            f.code,
            f.name,
            f.severity.label,
            f.message,
            Path(f.span.file).name,
            f.span.line,
            f.span.column,
            f.subject.kind,
            f.subject.id,
        )
        for f in result.findings
    ]
    assert got == [
        ("PE952", "deep", "error", "a third tier", "p.yaml", 4, 10, "tier", "grid"),
        ("PE951", "small_team", "info", "a team of one", "p.yaml", 7, 10, "unit", "team"),
        ("PE950", "line_item", "warning", "a line item on the grid", "p.yaml", 9, 10, "item", "fire"),
    ]
    assert result.files[-1].path.endswith("checks.rules")  # the rules file is part of the policy read


def test_select_ignore_and_severity_reach_custom_codes_by_prefix(tmp_path):
    root = policy_with(tmp_path, {"checks.rules": CHECKS})
    assert [f.code for f in lint(root, from_mapping({"select": ["PE95"]}, "t")).findings] == ["PE952", "PE951", "PE950"]
    assert [f.code for f in lint(root, from_mapping({"select": ["PE951"]}, "t")).findings] == ["PE951"]
    everything = [f.code for f in lint(root, None).findings]
    assert {"PE950", "PE951", "PE952", "PE200"} <= set(everything)
    assert [c for c in everything if c.startswith("PE9")] == ["PE952", "PE951", "PE950"]
    assert [f.code for f in lint(root, from_mapping({"ignore": ["PE9"]}, "t")).findings] == [
        c for c in everything if not c.startswith("PE9")
    ]
    assert lint(root, from_mapping({"select": ["PE3"]}, "t")).findings == []
    severe = lint(root, from_mapping({"severity": {"PE950": "info"}}, "t"))
    assert {f.code: f.severity for f in severe.findings}["PE950"] == Severity.INFO


def test_cli_reports_custom_findings_and_fails_on_them(tmp_path):
    root = policy_with(tmp_path, {"checks.rules": CHECKS})
    result = CliRunner().invoke(main, ["lint", str(root), "--on", "2026-01-01", "--select", "PE950"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{root / 'p.yaml'}:9:10: warning[PE950] a line item on the grid [line_item]"
    )
    explained = CliRunner().invoke(main, ["explain", "PE950"])
    assert explained.exit_code == 0 and "custom checks" in explained.output
    assert CliRunner().invoke(main, ["explain", "PE899"]).exit_code == 2


def test_a_syntax_error_costs_one_rule_not_the_file(tmp_path):
    text = CHECKS.replace('item.kind == "line"', 'item.kind = "line"').replace("tier.depth >= 2", "tier.depth >=")
    result = lint(policy_with(tmp_path, {"checks.rules": text}))
    assert located(result) == [
        ("PE006", "checks.rules", 3, 18),
        ("PE006", "checks.rules", 9, 22),
        ("PE951", "p.yaml", 7, 10),
    ]
    messages = [f.message for f in result.findings]
    assert messages[0] == "rule does not parse: unexpected '='; compare with '=='"
    assert messages[1] == "rule does not parse: unexpected 'then'; expected date, duration, lbrace, lpar, minus, name"


def test_type_errors_unknown_subject_and_duplicate_names_are_located(tmp_path):
    bad = (
        "rule typo for item:\n"
        '  when item.cots > 3 then finding PE960 warning "x"\n'
        "rule loud for item:\n"
        '  when true then finding PE961 loud "y"\n'
        "rule weird for grid:\n"
        '  when true then finding PE962 info "z"\n'
        "rule line_item for item:\n"
        '  when true then finding PE963 info "again"\n'
    )
    result = lint(policy_with(tmp_path, {"a.rules": bad, "checks.rules": CHECKS}))
    assert [(c, n, line, col) for c, n, line, col in located(result) if c[:3] != "PE9"] == [
        ("PE007", "a.rules", 2, 13),
        ("PE007", "a.rules", 4, 18),
        ("PE007", "a.rules", 5, 1),
        ("PE003", "checks.rules", 2, 1),
    ]
    by_line = {f.span.line: f.message for f in result.findings if f.span.file.endswith("a.rules")}
    assert by_line[2] == "ill-typed rule: item has no attribute 'cots' (did you mean 'cost'?)"
    assert by_line[5] == "ill-typed rule: unknown subject 'grid': a rule is for item, unit, tier or list"
    duplicate = next(f for f in result.findings if f.code == "PE003")
    assert duplicate.message == f"duplicate rule id 'line_item' (first defined at {tmp_path / 'a.rules'}:7)"
    # the broken rules report nothing; the first `line_item` (a.rules) is the one kept
    assert [f.message for f in result.findings if f.code.startswith("PE96")] == ["again"] * 3


def test_inline_criteria_findings_are_custom_checks_on_the_items_their_procedure_governs(tmp_path):
    extra = """
    lists:
      - {id: grid_list, tier: grid, kind: duties, items: [fire, census]}
    admission:
      - id: gate
        tier: grid
        lists: [grid_list]
        criteria:
          - 'when item.kind != "routine" then finding PE970 warning "not routine"'
          - 'when true then admit'
    """
    result = lint(policy_with(tmp_path, {}, extra))
    assert [(f.code, f.subject.id, f.span.line) for f in result.findings if f.code == "PE970"] == [
        ("PE970", "fire", 9),
        ("PE970", "census", 10),
    ]


def test_a_directory_of_rules_files_only_is_not_a_policy(tmp_path):
    (tmp_path / "only.rules").write_text(CHECKS, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(tmp_path)])
    assert result.exit_code == 2
    assert "no policy files (*.yaml, *.yml) in this directory" in result.output


@settings(max_examples=25, deadline=None)
@given(st.permutations(["fire", "census", "patrol"]))
def test_custom_findings_do_not_depend_on_item_order(tmp_path_factory, order):
    lines = {
        line.split("id: ")[1].split(",")[0]: line
        for line in POLICY.splitlines()
        if "kind: " in line and "{id: " in line and "role" in line
    }
    head = POLICY.split("    items:")[0]
    text = head + "    items:\n" + "\n".join(lines[i] for i in order) + "\n"
    root = write_policy(tmp_path_factory.mktemp("p"), {"p.yaml": text})
    (root / "checks.rules").write_text(CHECKS, encoding="utf-8")
    result = lint(root)
    assert sorted((f.code, f.subject.id) for f in result.findings) == [
        ("PE950", "fire"),
        ("PE951", "team"),
        ("PE952", "grid"),
    ]


GATE_RULES = """\
rule grid_gate "网格准入" for item:
  when item.kind == "temporary" then admit with term(90d)
  when item.requires <= powers(item.tier) then admit
  otherwise reject "the grid lacks a power the item requires"

rule team_size for unit:
  when unit.headcount < 2 then finding PE951 info "a team of one"
"""


def procedure(rules: str) -> str:
    return f"""
    lists:
      - {{id: grid_list, tier: grid, kind: duties, items: [fire, census, patrol]}}
    admission:
      - id: gate
        tier: grid
        criteria: ['when item.kind == "line" then reject "line items stay with their department"']
        rules: {rules}
    """


def test_a_procedure_uses_named_rules_after_its_inline_criteria(tmp_path):
    from policyengine.admission import decide

    result = lint(policy_with(tmp_path, {"gate.rules": GATE_RULES}, procedure("[grid_gate]")))
    assert [f.code for f in result.findings] == ["PE951"]  # team_size is used by no procedure: a check
    decisions = {
        d.item: (d.decision, d.rule, d.reason, d.term_days)
        for d in decide(result.policy, result.rules, "2026-01-01").decisions
    }
    assert decisions == {
        "fire": ("rejected", "gate.criteria[0]", "line items stay with their department", None),
        "census": ("conditional", "grid_gate", None, 90),
        "patrol": ("admitted", "grid_gate", None, None),
    }


def test_a_named_rule_reference_is_checked_and_located(tmp_path):
    result = lint(policy_with(tmp_path, {"gate.rules": GATE_RULES}, procedure("[grid_gat, team_size]")))
    assert [(f.code, f.span.line, f.span.column, f.message) for f in result.findings if f.code != "PE951"] == [
        ("PE004", 19, 13, "unknown rule 'grid_gat' (did you mean 'grid_gate'?)"),
        ("PE007", 19, 23, "ill-typed rule: rule 'team_size' is for unit; admission criteria are for item"),
    ]
    assert "gate" not in result.rules.criteria  # a procedure with a broken rule decides nothing


def test_a_procedure_using_a_broken_named_rule_decides_nothing(tmp_path):
    broken = GATE_RULES.replace("item.requires <= powers(item.tier)", "item.requires <= 3")
    result = lint(policy_with(tmp_path, {"gate.rules": broken}, procedure("[grid_gate]")))
    assert [
        (f.code, Path(f.span.file).name, f.span.line, f.span.column) for f in result.findings if f.code != "PE951"
    ] == [("PE007", "gate.rules", 3, 22)]
    assert "gate" not in result.rules.criteria

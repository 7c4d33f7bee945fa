"""Ids written in Chinese (`id: 网格`): the schema's verdict in both validators, near-miss suggestions,
positions on lines with wide characters, reform targets, graph outputs, `test` files and the
simulator."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from pathlib import Path

import jsonschema_rs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.ids import ID_PATTERN, closest, python_pattern
from policyengine.lint import lint_paths
from policyengine.naming import chinese_names
from policyengine.resources import policy_schema
from policyengine.schema import validator

from .util import lint_files, located

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "chinese_ids"


def id_rule(text: str) -> bool:
    """An id as the docs state it: starts with a letter or '_', then letters, digits, '_', '.', '-',
    a letter and a digit being any Unicode letter (L*) and number (N*)."""

    def letter(c: str) -> bool:
        return unicodedata.category(c).startswith("L") or c == "_"

    return (
        bool(text)
        and letter(text[0])
        and all(letter(c) or c in ".-" or unicodedata.category(c)[0] == "N" for c in text)
    )


def tier_document(ident: str) -> dict[str, object]:
    return {"tiers": [{"id": ident, "name": {"zh": "层级"}}]}


# characters of every assigned kind, and those an id must refuse, over-represented
ID_TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs", "Cn")),
        st.sampled_from("网格区镇街社区甲_.-09 \u3000'\"/\\:[]{}#,·①Ⅷ"),
    ),
    max_size=8,
)


@given(ID_TEXT)
def test_both_validators_judge_an_id_as_the_stated_rule(text):
    expected = id_rule(text)
    assert jsonschema_rs.validator_for(policy_schema()).is_valid(tier_document(text)) == expected
    assert validator().is_valid(tier_document(text)) == expected


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("网格", True),
        ("Q街道", True),
        ("_网格2", True),
        ("网格.一-二", True),
        ("𠀀区", True),  # an ideograph outside the Basic Multilingual Plane
        ("2网格", False),
        ("网 格", False),
        ("网\u3000格", False),  # the ideographic space
        ("items/网格", False),
        ('网"格', False),
        ("网格:一", False),
        ("", False),
        ("网格\n", False),  # Python's bare `$` would let a trailing line break through
    ],
)
def test_examples_of_the_id_rule(text, valid):
    assert id_rule(text) == valid
    assert validator().is_valid(tier_document(text)) == valid


def test_every_id_in_the_schema_follows_one_rule():
    text = json.dumps(policy_schema())
    assert "A-Za-z_" not in text
    assert text.count(json.dumps(ID_PATTERN)) == 17


def test_property_escapes_are_spelt_out_inside_and_outside_a_class():
    assert python_pattern(r"^[\d\p{L}]x$").startswith(r"^[\dA-Za-z")
    assert python_pattern(r"\p{N}+").startswith("[0-9")
    assert python_pattern(r"\\p{L}") == r"\\p{L}"  # an escaped backslash, not an escape
    assert python_pattern(r"^a$") == r"^a\Z"  # ECMA's end of text
    assert python_pattern(r"^[$]\$") == r"^[$]\$"  # a dollar sign, in a class or escaped


@pytest.mark.parametrize(
    ("name", "known", "guess"),
    [
        ("网络", ["网格", "区"], "网格"),  # one character of two wrong: difflib's ratio 0.5
        ("网 格", ["网格", "区"], "网格"),
        ("网格 员", ["网格员"], "网格员"),
        ("九小场所消防", ["九小场所消防隐患"], "九小场所消防隐患"),
        ("市", ["网格", "区"], None),
        ("社区", ["网格"], None),
        ("gird", ["grid", "district"], "grid"),  # ids in letters: as before
        ("ab", ["xb"], None),
    ],
)
def test_the_nearest_declared_id(name, known, guess):
    assert closest(name, known) == guess


TIERS = """
tiers:
  - {id: 区, name: {zh: 区}}
  - {id: 网格, name: {zh: 网格}, parent: 区}
"""


def test_a_near_miss_chinese_id_is_suggested_in_both_languages(tmp_path):
    files = {"p.yaml": TIERS + "units:\n  - {id: 网格团队, name: {zh: 网格团队}, tier: 网络, kind: grid_team}\n"}
    english = lint_files(tmp_path / "en", files)
    assert located(english) == [("PE004", "p.yaml", 5, 40)]  # 网络 is the 40th character
    assert [f.message for f in english.findings] == ["unknown tier '网络' (did you mean '网格'?)"]
    chinese = lint_files(tmp_path / "zh", files, lang="zh")
    assert [f.message for f in chinese.findings] == ["未知的层级“网络”(是否想写“网格”?)"]


def test_an_id_with_a_space_typed_in_suggests_the_id_without_it(tmp_path):
    files = {"p.yaml": TIERS + "units:\n  - {id: 网格团队, name: {zh: 网格团队}, tier: 网 格, kind: grid_team}\n"}
    result = lint_files(tmp_path, files, lang="zh")
    assert located(result) == [("PE002", "p.yaml", 5, 40)]
    assert [f.message for f in result.findings] == [
        "'网 格' 不是有效的 id(字母、数字、'_'、'.'、'-',以字母或 '_' 开头);是否想写“网格”?"
    ]


def test_an_id_that_cannot_be_mended_gets_no_guess(tmp_path):
    files = {"p.yaml": TIERS + "units:\n  - {id: 网格/团队, name: {zh: 网格团队}, tier: 网格, kind: grid_team}\n"}
    result = lint_files(tmp_path, files)
    assert located(result) == [("PE002", "p.yaml", 5, 10)]
    assert [f.message for f in result.findings] == [
        "'网格/团队' is not a valid id (letters, digits, '_', '.', '-'; starting with a letter or '_')"
    ]


@pytest.mark.parametrize("wide", ["九小场所消防隐患", "𠀀𠀁𠀂"])
def test_a_column_counts_characters_after_wide_ones(tmp_path, wide):
    """A column is a count of code points, as everywhere in the project (SARIF says
    `unicodeCodePoints`): a Chinese character, in the plane or outside it, is one column."""
    line = f"    items: [{wide}, 独居老人走坊]\n"
    files = {
        "p.yaml": TIERS
        + f"items:\n  - {{id: {wide}, name: {{zh: 事项}}, kind: routine, tier: 网格, role: report}}\n"
        + "lists:\n  - id: 清单\n    name: {zh: 清单}\n    tier: 网格\n    kind: duties\n"
        + line
    }
    result = lint_files(tmp_path, files)
    column = line.index("独居老人走坊") + 1
    assert located(result) == [("PE004", "p.yaml", 11, column)]
    assert column == 12 + len(wide) + 3


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--on", "2026-01-01"])
    return result.exit_code, result.output


def test_the_example_lints_with_findings_on_chinese_subjects():
    code, out = run("lint", str(EXAMPLE), "--format", "json")
    assert code == 1
    subjects = [(f["code"], f["subject"]["id"]) for f in json.loads(out)["findings"]]
    assert ("PE101", "九小场所消防隐患") in subjects
    assert ("PE105", "网格") in subjects


def test_sarif_carries_chinese_ids_and_code_point_columns():
    code, out = run("lint", str(EXAMPLE), "--format", "sarif")
    assert code == 1
    run_ = json.loads(out)["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in run_["results"]}
    assert (regions["PE106"]["startLine"], regions["PE106"]["startColumn"]) == (87, 19)


def test_graph_outputs_parse_with_chinese_ids():
    code, out = run("graph", str(EXAMPLE), "--format", "graphml")
    assert code == 0
    tree = ElementTree.fromstring(out.encode("utf-8"))
    node_ids = {n.get("id") for n in tree.iter() if n.tag.endswith("}node")}
    assert "tier:网格" in node_ids
    code, out = run("graph", str(EXAMPLE), "--format", "json")
    assert code == 0
    assert "item:九小场所消防隐患" in {n["id"] for n in json.loads(out)["nodes"]}
    code, out = run("graph", str(EXAMPLE), "--format", "dot")
    assert code == 0
    assert '"tier:网格"' in out


REFORM = """\
reform:
  id: 上收消防
  name: {{zh: 上收消防}}
  baseline: {baseline}
operations:
  - op: set
    target: items/九小场所消防隐患
    path: role
    value: report
  - op: move
    target: items/{visit}
    tier: 区
  - op: add_rules
    target: admission/网格准入
    criteria:
      - 'when item.tier == "网格" and item.requires <= powers(item.tier) then admit'
"""


def test_a_reform_targets_chinese_ids(tmp_path):
    reform = tmp_path / "reform.yaml"
    reform.write_text(REFORM.format(baseline=EXAMPLE, visit="独居老人走访"), encoding="utf-8")
    code, out = run("diff", str(EXAMPLE), str(reform), "--format", "json")
    assert code in (0, 1), out
    fixed = {(f["code"], f["subject"]["id"]) for f in json.loads(out)["fixed"]}
    assert fixed == {("PE101", "九小场所消防隐患"), ("PE102", "独居老人走访")}
    code, out = run("admit", "--reform", str(reform), "--format", "json")
    assert code == 0, out
    assert "九小场所消防隐患" in out


def test_a_misspelt_reform_target_is_located_with_a_guess(tmp_path):
    reform = tmp_path / "reform.yaml"
    reform.write_text(REFORM.format(baseline=EXAMPLE, visit="独居老人走坊"), encoding="utf-8")
    code, out = run("lint", "--reform", str(reform))
    assert code == 2
    assert out.strip().endswith(
        "reform.yaml:11:13: no items entry with id '独居老人走坊' in the baseline; did you mean '独居老人走访'?"
    )


def test_a_policy_test_file_names_chinese_subjects(tmp_path):
    test_file = tmp_path / "t.pe-test.yaml"
    test_file.write_text(
        f"""\
- test: 网格缺少处罚权
  policy: {EXAMPLE}
  on: 2026-01-01
  expect:
    findings:
      - {{code: PE101, subject: item:九小场所消防隐患, file: policy.yaml, line: 116}}
    absent:
      - {{code: PE101, subject: item:独居老人走访}}
    admission:
      九小场所消防隐患: pending
""",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["test", str(test_file)])
    assert result.exit_code == 0, result.output
    assert "PASS  网格缺少处罚权" in result.output


def test_the_simulator_names_a_street_by_its_chinese_instance(tmp_path):
    """H District with Street Q's instance renamed `Q街道` (in a copy: the bundled ids stay)."""
    policy = tmp_path / "h"
    shutil.copytree(ROOT / "policies" / "h_district", policy)
    for path in policy.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("street_q", "Q街道"), encoding="utf-8")
    code, out = run("simulate", str(policy), "--months", "2", "--runs", "2", "--format", "json")
    assert code == 0, out
    streets = json.loads(out)["scenarios"]["baseline"]["streets"]
    assert "Q街道" in streets and "street_q" not in streets


def test_chinese_output_names_a_chinese_id_by_its_declared_name():
    """An id written in Chinese is still an id: where its declared Chinese name differs
    (`区消防部门` named 区消防安全职能部门), the Chinese output shows the name."""
    result = lint_paths([EXAMPLE], lang="zh", on="2026-01-01")
    differing = {
        ident for kind in chinese_names(result.policy).values() for ident, name in kind.items() if ident != name
    }
    assert {"区消防部门", "消防专业网格员"} <= differing
    messages = [f.message for f in result.findings]
    assert not [(m, i) for m in messages for i in differing if i in m]
    assert any("“消防安全专业网格员”具备该权力" in m for m in messages)


RULES = """\
# 网格准入规则
rule 权随责走 "网格准入:权随责走" for item:
  when item.tier == "网格" and item.requires <= powers(item.tier) then admit
  otherwise reject "网格不具备所需权力"
"""


def with_rules(tmp_path: Path, rules: str, names: str) -> Path:
    """The example with a `.rules` file beside it and its admission procedure naming `names`."""
    policy = tmp_path / "p"
    shutil.copytree(EXAMPLE, policy)
    (policy / "网格.rules").write_text(rules, encoding="utf-8")
    text = (policy / "policy.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - id: 网格准入\n    tier: 网格\n", f"  - id: 网格准入\n    tier: 网格\n    rules: [{names}]\n"
    )
    (policy / "policy.yaml").write_text(text, encoding="utf-8")
    return policy


def test_a_rule_may_be_named_in_chinese(tmp_path):
    code, out = run("admit", str(with_rules(tmp_path, RULES, "权随责走")), "--format", "json", "--lang", "zh")
    assert code == 0, out
    assert "网格不具备所需权力" in out and "权随责走" in out


def test_a_misspelt_chinese_rule_name_is_suggested(tmp_path):
    result = lint_paths([with_rules(tmp_path, RULES, "权随责走, 权随责")], on="2026-01-01")
    assert [(c, n, line, col) for c, n, line, col in located(result) if c == "PE004"] == [
        ("PE004", "policy.yaml", 172, 19)
    ]
    assert "unknown rule '权随责' (did you mean '权随责走'?)" in [f.message for f in result.findings]


def test_a_chinese_field_name_in_a_rule_is_a_located_type_error(tmp_path):
    rules = RULES.replace("item.tier ==", "item.层级 ==")
    result = lint_paths([with_rules(tmp_path, rules, "权随责走")], on="2026-01-01")
    assert [x for x in located(result) if x[0] == "PE007"] == [("PE007", "网格.rules", 3, 13)]


def test_a_trailing_line_break_in_an_id_is_refused_where_it_is_written(tmp_path):
    """Both validators refuse it (before, jsonschema-rs did and Python's `$` let it through, so the
    document was refused with nothing to say why)."""
    files = {"p.yaml": TIERS + 'units:\n  - {id: 网格团队, name: {zh: 网格团队}, tier: "网格\\n", kind: grid_team}\n'}
    result = lint_files(tmp_path, files)
    assert located(result) == [("PE002", "p.yaml", 5, 40)]
    assert [f.message for f in result.findings] == [
        "'网格\\n' is not a valid id (letters, digits, '_', '.', '-'; starting with a letter or '_'); did you mean '网格'?"
    ]


def test_why_explains_a_chinese_subject_and_suggests_a_near_miss():
    code, out = run("why", str(EXAMPLE), "PE101", "九小场所消防隐患")
    assert code == 0, out
    assert "item 'Fire hazards in small venues'" in out  # the subject found by its Chinese id, named in English
    code, out = run("why", str(EXAMPLE), "PE105", "网络")
    assert code == 2
    assert out == "policyengine: no finding on '网络'; did you mean '网格'?\n"


def test_the_html_report_carries_chinese_ids(tmp_path):
    page = tmp_path / "报告.html"
    code, out = run("report", str(EXAMPLE), "-o", str(page), "--lang", "zh")
    assert code == 0, out
    html = page.read_text(encoding="utf-8")
    assert "九小场所消防隐患" in html and "网格准入" in html


@pytest.mark.parametrize("where", ["absent", "findings"])
def test_a_test_file_naming_an_undeclared_subject_fails_where_it_names_it(tmp_path, where):
    """A misspelt subject matches no finding: under `absent` it passed whatever the policy said."""
    test_file = tmp_path / "t.pe-test.yaml"
    test_file.write_text(
        f"- test: 走访\n  policy: {EXAMPLE}\n  on: 2026-01-01\n  expect:\n    {where}:\n"
        "      - {code: PE102, subject: item:独居老人走坊}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["test", str(test_file)])
    assert result.exit_code == 1, result.output
    expected = "expected no finding" if where == "absent" else "expected a finding"
    assert (
        f"t.pe-test.yaml:6:9: {expected} PE102 on item:独居老人走坊; got the policy declares no item '独居老人走坊'; "
        "did you mean '独居老人走访'?"
    ) in result.output


def test_a_test_file_expecting_a_decision_on_an_undeclared_item_gets_the_nearest(tmp_path):
    test_file = tmp_path / "t.pe-test.yaml"
    test_file.write_text(
        f"- test: 准入\n  policy: {EXAMPLE}\n  on: 2026-01-01\n  expect:\n    admission:\n      九小场所消防: pending\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["test", str(test_file)])
    assert result.exit_code == 1, result.output
    assert (
        "t.pe-test.yaml:6:15: expected admission of 九小场所消防: pending; got the policy declares no item "
        "'九小场所消防'; did you mean '九小场所消防隐患'?"
    ) in result.output


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@given(st.text(HAN, min_size=2, max_size=8), st.data())
def test_white_space_typed_into_a_declared_id_finds_it(ident, data):
    at = data.draw(st.integers(1, len(ident) - 1))
    space = data.draw(st.sampled_from([" ", "\u3000", "\t"]))
    assert closest(ident[:at] + space + ident[at:], [ident, "区"]) == ident


@given(st.text(HAN, min_size=2, max_size=2), HAN)
def test_one_character_of_a_two_character_id_wrong_is_suggested(ident, other):
    typo = ident[0] + other
    if typo != ident:
        assert closest(typo, [ident]) == ident


def test_select_takes_codes_not_ids():
    """An id where a code belongs is one line, exit 2 (never taken as a subject filter)."""
    result = CliRunner().invoke(main, ["lint", str(EXAMPLE), "--select", "网格"])
    assert (result.exit_code, result.output) == (2, "policyengine: --select: unknown check code '网格'\n")


NAMED_POLICIES = sorted(
    [ROOT / "policies" / "h_district"]
    + [p.parent for p in (ROOT / "examples").glob("*/policy.yaml")]
    + [p.parent for p in (ROOT / "examples").glob("*/*/policy.yaml")]
)


@pytest.mark.parametrize("path", NAMED_POLICIES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_chinese_message_shows_an_id_whose_chinese_name_is_declared(path):
    """Every kind of declaration a message names — tiers, units, items, lists, regimes, powers,
    categories, procedures, duties, measures — appears in Chinese by its declared name, never its id:
    not quoted (“daily_check_in”), nor in a list in brackets ((events_reported))."""
    result = lint_paths([path], lang="zh", on="2020-01-01")
    if result.policy is None:
        return  # a policy that does not load has no names to use
    named = {
        ident
        for section in vars(result.policy).values()
        if isinstance(section, Mapping)
        for ident, decl in section.items()
        if isinstance(getattr(getattr(decl, "name", None), "zh", None), str) and decl.name.zh != ident
    }
    shown = [
        (f.code, ident, f.message)
        for f in result.findings
        if f.code != "PE004"  # a did-you-mean suggests the id to write, as written
        for ident in named
        if re.search(rf"“{re.escape(ident)}”|(?<=[(、]){re.escape(ident)}(?=[)、])", f.message)
    ]
    assert shown == []

"""The structural checks' messages in Chinese: tiers named by their Chinese names (a cycle's path too),
a duplicate named as a duplicate declaration rather than a name called an id, and a did-you-mean that
suggests the id the designer is to write, never the name it stands for."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.lint import lint_paths
from tests.util import lint_files, located

TIERS_ZH = """\
tiers:
  - id: district
    name: {zh: 区, en: District}
  - id: street
    name: {zh: 镇街, en: Street}
    parent: community
  - id: community
    name: {zh: 社区, en: Community}
    parent: street
"""


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


def test_a_tier_cycle_is_named_tier_by_tier(tmp_path):
    result = lint_files(tmp_path, {"tiers.yaml": TIERS_ZH}, lang="zh")
    assert messages(result, "PE005") == ["层级的上下级关系构成环路:镇街→社区→镇街"]
    assert located(result, "PE005") == [("PE005", "tiers.yaml", 6, 13)]
    english = lint_files(tmp_path / "en", {"tiers.yaml": TIERS_ZH}, lang="en")
    assert messages(english, "PE005") == ["tier hierarchy has a cycle: Street -> Community -> Street"]


def test_a_tier_cycle_without_chinese_names_keeps_the_ids(tmp_path):
    plain = TIERS_ZH.replace("zh: 镇街, ", "").replace("zh: 社区, ", "")
    result = lint_files(tmp_path, {"tiers.yaml": plain}, lang="zh")
    assert messages(result, "PE005") == ["层级的上下级关系构成环路:street→community→street"]


SECOND_ROOT = """\
tiers:
  - id: district
    name: {zh: 区, en: District}
  - id: village
    name: {zh: 村, en: Village}
"""


def test_a_second_root_names_both_tiers_without_quotation_marks(tmp_path):
    result = lint_files(tmp_path, {"tiers.yaml": SECOND_ROOT}, lang="zh")
    assert messages(result, "PE005") == ["层级村没有上级,与区并列为最高层级;请为其指定上级"]
    assert located(result, "PE005") == [("PE005", "tiers.yaml", 4, 9)]


def test_a_second_root_without_chinese_names_quotes_the_ids(tmp_path):
    plain = SECOND_ROOT.replace("zh: 区, ", "").replace("zh: 村, ", "")
    result = lint_files(tmp_path, {"tiers.yaml": plain}, lang="zh")
    assert messages(result, "PE005") == ["层级“village”没有上级,与“district”并列为最高层级;请为其指定上级"]


DUPLICATE = """\
tiers:
  - id: district
    name: {zh: 区, en: District}
  - id: district
    name: {zh: 区, en: District}
"""


def test_a_duplicate_id_is_a_declaration_defined_twice(tmp_path):
    result = lint_files(tmp_path, {"tiers.yaml": DUPLICATE}, lang="zh")
    (message,) = messages(result, "PE003")
    assert message.startswith("层级“区”重复定义(首次定义于 ") and message.endswith("tiers.yaml:2:9)")
    assert located(result, "PE003") == [("PE003", "tiers.yaml", 4, 9)]


MISSPELT = """\
tiers:
  - id: district
    name: {{zh: 区, en: District}}
  - id: {ident}
    name: {{zh: 网格, en: Grid}}
    parent: district
units:
  - {{id: team, name: {{zh: 网格团队, en: Team}}, tier: {typo}, kind: grid_team}}
"""


@settings(max_examples=15, deadline=None)
@given(
    ident=st.from_regex(r"[a-z][a-z_]{3,11}", fullmatch=True).filter(lambda s: s not in {"district", "team"}),
    extra=st.sampled_from("xqz"),
)
def test_did_you_mean_suggests_the_id_to_write_not_its_chinese_name(ident, extra):
    typo = ident + extra
    text = MISSPELT.format(ident=ident, typo=typo)
    line = text.splitlines()[7]
    with tempfile.TemporaryDirectory() as tmp:
        result = lint_files(Path(tmp), {"policy.yaml": text}, lang="zh")
    assert messages(result, "PE004") == [f"未知的层级“{typo}”(是否想写“{ident}”?)"]
    assert located(result, "PE004") == [("PE004", "policy.yaml", 8, line.index(f"tier: {typo}") + 7)]


ROOT = Path(__file__).resolve().parent.parent
CANNOT_JUDGE = ROOT / "examples" / "structure" / "cannot_judge" / "policy.yaml"


def test_cannot_judge_names_the_declaration_and_the_field_to_write(tmp_path):
    text = CANNOT_JUDGE.read_text(encoding="utf-8")
    result = lint_files(tmp_path, {"policy.yaml": text}, lang="zh")
    assert messages(result, "PE010") == [
        "PE102 无法判断事项“占道经营”:政策没有写明所需的字段随事项划转的经费和人员(funding)"
    ]
    marked = lint_files(
        tmp_path / "u", {"policy.yaml": text.replace("funding: unstated", "funding: unknown")}, lang="zh"
    )
    assert messages(marked, "PE010") == [
        "PE102 无法判断事项“占道经营”:字段“funding”标为 unknown(未知),请查明原文件的规定"
    ]
    assert located(marked, "PE010") == located(result, "PE010")


def test_cannot_judge_names_a_platform_rule_by_its_chinese_name():
    result = lint_paths([ROOT / "policies" / "h_district"], lang="zh", on="2020-01-01")
    assert "PE315 无法判断平台规则“上报事件描述的字数规范”:政策没有写明所需的字段“hours_per_month”" in messages(
        result, "PE010"
    )


NAMES = "区镇街社村组片格户楼"


@settings(max_examples=15, deadline=None)
@given(size=st.integers(2, 6))
def test_a_cycle_of_any_length_is_named_tier_by_tier_from_its_first_declared(size):
    """tier t0 (a root) above a cycle t1 -> t2 -> … -> t{size} -> t1, each with a one-character Chinese name."""
    lines = ["tiers:", "  - {id: t0, name: {zh: 根, en: root}}"]
    for i in range(1, size + 1):
        parent = f"t{i + 1}" if i < size else "t1"
        lines.append(f"  - {{id: t{i}, name: {{zh: {NAMES[i - 1]}, en: t{i}}}, parent: {parent}}}")
    with tempfile.TemporaryDirectory() as tmp:
        result = lint_files(Path(tmp), {"tiers.yaml": "\n".join(lines) + "\n"}, lang="zh")
    path = "→".join([*NAMES[:size], NAMES[0]])
    assert messages(result, "PE005") == [f"层级的上下级关系构成环路:{path}"]
    assert located(result, "PE005") == [("PE005", "tiers.yaml", 3, lines[2].index("parent:") + 9)]


SAME_ID = """\
tiers:
  - id: district
    name: {zh: 区, en: District}
units:
  - {id: district, name: {zh: 区政府, en: District government}, tier: district, kind: government}
"""


def test_a_unit_with_a_tier_id_is_named_as_the_unit():
    with tempfile.TemporaryDirectory() as tmp:
        result = lint_files(Path(tmp), {"policy.yaml": SAME_ID}, lang="zh")
        english = lint_files(Path(tmp) / "en", {"policy.yaml": SAME_ID})
    assert messages(result, "PE003") == [
        "单位“district”与一个层级使用同一标识,在考核对象(“assessed”)和适用对象(“applies_to”)中将无法区分二者"
    ]
    assert located(result, "PE003") == [("PE003", "policy.yaml", 5, 10)]
    assert messages(english, "PE003") == [
        "unit id 'district' is also a tier id; 'assessed' and 'applies_to' could not tell them apart"
    ]


WRONG_KIND = """\
tiers:
  - id: district
    name: {zh: 区, en: District}
  - id: grid
    name: {zh: 网格, en: Grid}
    parent: district
units:
  - {id: team, name: {zh: 网格团队, en: Team}, tier: grid, kind: grid_team}
"""


@pytest.mark.parametrize(
    ("extra", "line", "expected"),
    [
        # a unit field naming a tier: the tier's name would tell the designer a name they never wrote
        ("grants:\n  - {unit: district, powers: [report]}\n", 10, "未知的单位“district”"),
        # a tier field naming a unit
        ("  - {id: office, name: {zh: 办公室}, tier: team, kind: grid_team}\n", 9, "未知的层级“team”"),
    ],
)
def test_an_unknown_reference_shows_what_was_written(extra, line, expected):
    with tempfile.TemporaryDirectory() as tmp:
        result = lint_files(Path(tmp), {"policy.yaml": WRONG_KIND + extra}, lang="zh")
    assert messages(result, "PE004") == [expected]
    assert [at[:3] for at in located(result, "PE004")] == [("PE004", "policy.yaml", line)]

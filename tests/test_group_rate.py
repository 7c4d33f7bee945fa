"""PE318 group-rate-unmeetable: a rate other units make, on a tier that lacks powers its items need."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.util import lint_files, located

POLICY = """
tiers:
  - {id: township, name: {zh: 乡镇}, parent: null}
  - {id: grid, name: {zh: 网格}, parent: township}
units:
  - {id: township_government, name: {zh: 乡镇政府}, tier: township, kind: government}
items:
  - {id: road, name: {zh: 占道经营}, kind: routine, tier: grid, role: handle, requires: {handle: [penalty]}}
measures:
  - {id: group_disposal_rate, name: {zh: 组团处置率}, kind: rate, depends_on: [other_units]}
assessments:
  - id: targets
    assessor: township_government
    assessed: grid
    quotas:
      - {metric: group_disposal_rate, kind: rate, min: 0.2, period: month}
"""


def pe318(tmp_path, text: str, lang: str = "en"):
    result = lint_files(tmp_path, {"p.yaml": text}, lang=lang)
    return result, [f.message for f in result.findings if f.code == "PE318"]


def test_a_rate_others_make_on_a_grid_that_cannot_penalise(tmp_path):
    result, found = pe318(tmp_path, POLICY)
    assert located(result, "PE318") == [("PE318", "p.yaml", 15, 18)]
    assert found == [
        "regime 'targets' holds 'grid' to the rate 'group_disposal_rate', which depends on other units,"
        " while 'grid' lacks powers its items need handled ('penalty')"
    ]
    _, zh = pe318(tmp_path / "zh", POLICY, "zh")
    assert zh == ["考核“targets”以取决于其他单位的比率“组团处置率”考核网格,而网格缺少其承担事项所需的处置权(“处罚权”)"]


def test_no_finding_when_the_grid_holds_the_powers_its_items_need(tmp_path):
    granted = POLICY + "grants:\n  - {tier: grid, powers: [penalty]}\n"
    assert pe318(tmp_path, granted)[1] == []


@pytest.mark.parametrize("depends", ["[occurrence]", "[]"])
def test_no_finding_on_a_rate_that_does_not_depend_on_other_units(tmp_path, depends):
    assert pe318(tmp_path, POLICY.replace("depends_on: [other_units]", f"depends_on: {depends}"))[1] == []


def test_a_count_is_no_rate(tmp_path):
    text = POLICY.replace("kind: rate, depends_on", "kind: count, depends_on").replace(
        "kind: rate, min: 0.2", "kind: count, min: 2"
    )
    assert pe318(tmp_path, text)[1] == []


def test_a_rate_whose_dependence_is_not_stated_cannot_be_judged(tmp_path):
    result, found = pe318(tmp_path, POLICY.replace(", depends_on: [other_units]", ""))
    assert found == []
    assert [(f.code, f.message) for f in result.findings if f.code == "PE010"] == [
        (
            "PE010",
            "PE318 cannot judge measure 'group_disposal_rate': the policy does not state what it depends on (depends_on)",
        )
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rate=st.booleans(), others=st.booleans(), granted=st.booleans(), other=st.sampled_from(["occurrence", "residents"])
)
def test_pe318_fires_exactly_when_a_rate_on_others_meets_a_missing_power(
    tmp_path_factory, rate, others, granted, other
):
    text = POLICY.replace("depends_on: [other_units]", f"depends_on: [{'other_units' if others else other}]")
    if not rate:
        text = text.replace("kind: rate, depends_on", "kind: count, depends_on").replace(
            "kind: rate, min: 0.2", "kind: count, min: 2"
        )
    if granted:
        text += "grants:\n  - {tier: grid, powers: [penalty]}\n"
    _, found = pe318(tmp_path_factory.mktemp("p"), text)
    assert len(found) == (1 if rate and others and not granted else 0)

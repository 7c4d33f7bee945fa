"""Units' staff terms (人员: engagement, recruitment, pay, dismissal, posts), whose assessment counts under
dual leadership (`assessment_counts`), and PE314 dual-leadership-unresolved (staffing.py and the check)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.lint import lint_paths
from policyengine.staffing import DismissalRule, dismissal_rules
from tests.util import codes, located, write_policy

ROOT = Path(__file__).resolve().parents[1]

PLACES = """
tiers:
  - {id: district, name: {en: District}}
  - {id: street, name: {en: Street}, parent: district}
units:
  - {id: centre, name: {en: Centre}, tier: district, kind: governance_centre}
  - {id: committee, name: {en: Committee}, tier: street, kind: committee}
assessments:
  - id: q
    assessor: committee
    assessed: workers
    ranking:
      consequences:
        - {when: {score_at_most: 59, consecutive_periods: 2}, effect: dismissal, decided_by: committee}
"""

STAFF = """
units:
  - id: workers
    name: {en: Workers}
    tier: street
    kind: grid_team
    staff:
      engagement: labour_dispatch
      employer: centr
      recruited_by: {tier: distrct}
      contract_years: 1
      drawn_from: [committee]
      training: {hours_per_year: 40, by: centre}
      pay: {by: {tier: district}, performance_share: 0.3}
      dismissal:
        - {for: cause}
        - {when: {regime: q, grade: unqualified, consecutive_periods: 2}, decided_by: comitee}
        - {when: {regime: nope, rank: {bottom: 1}, consecutive_periods: 2}}
      headcount_range: {min: 3, max: 7}
    assessment_counts: {regime: qq}
"""


def lint(tmp_path: Path, files: dict[str, str], lang: str = "en"):
    return lint_paths([write_policy(tmp_path, {"places.yaml": PLACES, **files})], None, lang)


def test_every_reference_of_the_staff_is_pe004_at_the_value(tmp_path):
    result = lint(tmp_path, {"staff.yaml": STAFF})
    assert located(result) == [
        ("PE004", "staff.yaml", 8, 17),
        ("PE004", "staff.yaml", 9, 28),
        ("PE004", "staff.yaml", 16, 87),
        ("PE004", "staff.yaml", 17, 27),
        ("PE004", "staff.yaml", 19, 33),
    ]
    assert [f.message for f in result.findings] == [
        "unknown unit 'centr' (did you mean 'centre'?)",
        "unknown tier 'distrct' (did you mean 'district'?)",
        "unknown unit 'comitee' (did you mean 'committee'?)",
        "unknown assessment 'nope'",
        "unknown assessment 'qq' (did you mean 'q'?)",
    ]


def test_the_staff_terms_are_in_the_model_as_written(tmp_path):
    text = STAFF.replace("centr\n", "centre\n").replace("distrct", "district").replace("comitee", "committee")
    text = text.replace("regime: nope", "regime: q").replace("regime: qq", "regime: q")
    result = lint(tmp_path, {"staff.yaml": text})
    assert result.findings == []
    assert result.policy is not None
    unit = result.policy.units["workers"]
    assert unit.staffing is not None and unit.staffing.assessment_counts == "q"
    staff = unit.staffing.staff
    assert staff is not None
    assert (staff.engagement, staff.employer, staff.contract_years) == ("labour_dispatch", "centre", 1)
    assert staff.recruited_by is not None and staff.recruited_by.tier == "district"
    assert [p.unit for p in staff.drawn_from] == ["committee"]
    assert staff.training is not None and staff.training.hours_per_year == 40
    assert staff.pay is not None and staff.pay.performance_share == 0.3
    assert staff.headcount_range == (3, 7)
    assert [(r.for_cause, r.regime, r.grade, r.bottom, r.consecutive_periods) for r in staff.dismissal] == [
        (True, None, None, None, None),
        (False, "q", "unqualified", None, 2),
        (False, "q", None, 1, 2),
    ]


def test_dismissal_rules_lists_the_units_rules_then_its_regimes_dismissals(tmp_path):
    text = STAFF.replace("centr\n", "centre\n").replace("distrct", "district").replace("comitee", "committee")
    result = lint(tmp_path, {"staff.yaml": text.replace("regime: nope", "regime: q")})
    policy = result.policy
    assert policy is not None
    found = dismissal_rules(policy, policy.units["workers"])
    assert [(d.regime.id if d.regime else None, d.rule is not None, d.consequence is not None) for d in found] == [
        (None, True, False),  # for cause: on no regime
        ("q", True, False),
        ("q", True, False),
        ("q", False, True),  # the regime's own `dismissal` consequence
    ]
    assert found[3].consequence is not None and found[3].consequence.score_at_most == 59
    assert dismissal_rules(policy, policy.units["centre"]) == ()


NUMBERS = ("contract_years", "training.hours_per_year", "pay.performance_share", "headcount_range.min")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    marked=st.sets(st.sampled_from(NUMBERS)),
    marker=st.sampled_from(["unstated", "unknown"]),
    share=st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_a_marker_is_accepted_wherever_a_number_is_and_reads_as_absent(tmp_path, marked, marker, share):
    def value(name: str, number: object) -> object:
        return marker if name in marked else number

    text = f"""
units:
  - id: workers
    name: {{en: Workers}}
    tier: street
    kind: grid_team
    staff:
      engagement: {marker}
      contract_years: {value("contract_years", 2)}
      training: {{hours_per_year: {value("training.hours_per_year", 40)}}}
      pay: {{performance_share: {value("pay.performance_share", share)}}}
      headcount_range: {{min: {value("headcount_range.min", 3)}, max: 7}}
      dismissal:
        - {{when: {{regime: q, consecutive_periods: {marker}, score_at_most: {marker}}}, decided_by: {marker}}}
"""
    result = lint(tmp_path, {"staff.yaml": text})
    assert codes(result) == []
    assert result.policy is not None
    staffing = result.policy.units["workers"].staffing
    assert staffing is not None and staffing.staff is not None
    staff = staffing.staff
    assert staff.engagement is None
    assert (staff.contract_years is None) == ("contract_years" in marked)
    assert staff.training is not None and (staff.training.hours_per_year is None) == (
        "training.hours_per_year" in marked
    )
    assert staff.pay is not None and (staff.pay.performance_share is None) == ("pay.performance_share" in marked)
    assert staff.headcount_range is not None and (staff.headcount_range[0] is None) == ("headcount_range.min" in marked)
    assert staff.dismissal == (DismissalRule(regime="q", path=("staff", "dismissal", 0)),)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(share=st.one_of(st.floats(min_value=1.0001, max_value=1e6), st.floats(max_value=-0.0001, min_value=-1e6)))
def test_a_performance_share_outside_0_to_1_is_pe002_at_the_value(tmp_path, share):
    text = f"""
units:
  - id: workers
    name: {{en: Workers}}
    tier: street
    kind: grid_team
    staff:
      pay: {{performance_share: {share!r}}}
"""
    result = lint(tmp_path, {"staff.yaml": text})
    assert located(result) == [("PE002", "staff.yaml", 7, 32)]


# -- PE314 dual-leadership-unresolved ---------------------------------------------------------------

LEADERS = """
tiers:
  - {id: district, name: {en: District}}
  - {id: street, name: {en: Street}, parent: district}
units:
  - {id: l0, name: {en: L0}, tier: street, kind: party_committee}
  - {id: l1, name: {en: L1}, tier: street, kind: government}
  - {id: l2, name: {en: L2}, tier: district, kind: governance_centre}
"""


def leadership(tmp_path: Path, assessing: list[int], counts: str | None, leaders: int = 2, lang: str = "en"):
    led = ", ".join(f"l{i}" for i in range(leaders))
    lines = [
        "units:",
        "  - id: centre",
        "    name: {en: Centre}",
        "    tier: street",
        "    kind: governance_centre",
        f"    led_by: [{led}]",
    ]
    if counts is not None:
        lines.append(f"    assessment_counts: {{regime: {counts}}}")
    lines.append("assessments:")
    for i in assessing:
        assessed = "centre" if i % 2 == 0 else "street"  # the unit itself, or the tier it sits at
        lines.append(f"  - {{id: by_l{i}, assessor: l{i}, assessed: {assessed}}}")
    if not assessing:
        lines.pop()
    return lint_paths(
        [write_policy(tmp_path, {"places.yaml": LEADERS, "centre.yaml": "\n".join(lines) + "\n"})], None, lang
    )


def test_two_leaders_each_assessing_without_assessment_counts_is_pe314_at_led_by(tmp_path):
    result = leadership(tmp_path, [0, 1], None)
    assert located(result) == [("PE314", "centre.yaml", 6, 13)]
    assert [f.message for f in result.findings] == [
        "unit 'Centre' is led by several parties, of which 'L0', 'L1' each assess it ('by_l0', 'by_l1'); "
        "`assessment_counts` does not say whose assessment counts"
    ]


def test_pe314_in_chinese(tmp_path):
    zh = leadership(tmp_path, [0, 1], None, lang="zh")
    assert [f.message for f in zh.findings] == [
        "单位“centre”实行双重(多头)领导,其中“l0”、“l1”分别对其进行考核(“by_l0”、“by_l1”),未明确以哪一方的考核为主"
    ]


def test_assessment_counts_resolves_it_and_unstated_does_not(tmp_path):
    assert codes(leadership(tmp_path / "a", [0, 1], "by_l0")) == []
    assert located(leadership(tmp_path / "b", [0, 1], "unstated")) == [("PE314", "centre.yaml", 6, 13)]


def test_assessment_counts_unknown_is_pe010_at_the_marker(tmp_path):
    result = leadership(tmp_path, [0, 1], "unknown")
    assert located(result) == [("PE010", "centre.yaml", 7, 33)]
    assert [f.message for f in result.findings] == [
        "PE314 cannot judge unit 'Centre': whose assessment counts (assessment_counts) marked unknown; find what the document states"
    ]


def test_one_leader_assessing_is_no_finding(tmp_path):
    assert codes(leadership(tmp_path / "a", [1], None)) == []
    assert codes(leadership(tmp_path / "b", [0], None, leaders=1)) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    leaders=st.integers(min_value=1, max_value=3),
    assessing=st.sets(st.integers(min_value=0, max_value=2)),
    counts=st.booleans(),
)
def test_pe314_fires_iff_two_leaders_assess_and_nothing_says_whose_counts(tmp_path, leaders, assessing, counts):
    assessing = sorted(i for i in assessing if i < leaders)
    result = leadership(tmp_path, assessing, f"by_l{assessing[0]}" if counts and assessing else None, leaders)
    expected = len(assessing) >= 2 and not counts
    assert [c for c in codes(result) if c in ("PE314", "PE010")] == (["PE314"] if expected else [])


def test_h_district_states_the_grid_workers_engagement_and_street_qs_dismissal_rule():
    result = lint_paths([ROOT / "policies" / "h_district"])
    assert result.policy is not None
    unit = result.policy.units["grid_team"]
    assert unit.staffing is not None and unit.staffing.staff is not None
    staff = unit.staffing.staff
    assert (staff.position, staff.engagement) == ("full_time_worker", "labour_dispatch")
    assert staff.recruited_by is not None and staff.recruited_by.unit == "district_centre"
    assert [(r.regime, r.score_at_most, r.consecutive_periods) for r in staff.dismissal] == [
        ("street_q_workers", 59, 2)
    ]
    found = dismissal_rules(result.policy, unit)
    assert [(d.regime.id if d.regime else None, d.rule is not None) for d in found] == [
        ("street_q_workers", True),  # as the grid workers' terms state it
        ("street_q_workers", False),  # as Street Q's regime states it (a ranking consequence)
    ]
    assert "PE314" not in codes(result)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rules=st.lists(st.sampled_from(["cause", "q", "other"]), max_size=4),
    consequences=st.lists(
        st.tuples(st.sampled_from(["q", "other"]), st.sampled_from(["dismissal", "lose_performance_pay"]))
    ),
)
def test_dismissal_rules_are_the_units_own_then_the_dismissals_of_regimes_assessing_it(tmp_path, rules, consequences):
    lines = ["units:", "  - {id: workers, name: {en: W}, tier: street, kind: grid_team}"]
    if rules:
        lines[-1] = lines[-1][:-1] + ", staff: {dismissal: ["
        lines[-1] += ", ".join("{for: cause}" if r == "cause" else f"{{when: {{regime: {r}}}}}" for r in rules) + "]}}"
    other = [f"        - {{when: {{bottom: 1}}, effect: {e}}}" for r, e in consequences if r == "other"]
    lines += [
        "  - {id: other_unit, name: {en: O}, tier: street, kind: grid_team}",
        "assessments:",
        "  - id: other",
        "    assessor: centre",
        "    assessed: other_unit",
        "    ranking:",
        "      consequences:" + ("" if other else " []"),
        *other,
    ]
    regime_q = [f"        - {{when: {{bottom: 1}}, effect: {e}}}" for r, e in consequences if r == "q"]
    text = PLACES.replace(
        "      consequences:\n        - {when: {score_at_most: 59, consecutive_periods: 2}, effect: dismissal, decided_by: committee}\n",
        "      consequences:" + ("\n" + "\n".join(regime_q) if regime_q else " []") + "\n",
    )
    result = lint_paths([write_policy(tmp_path, {"places.yaml": text, "more.yaml": "\n".join(lines) + "\n"})])
    assert [c for c in codes(result) if c in ("PE002", "PE004")] == []
    assert result.policy is not None
    found = dismissal_rules(result.policy, result.policy.units["workers"])
    expected = [None if r == "cause" else r for r in rules] + [
        "q" for r, e in consequences if (r, e) == ("q", "dismissal")
    ]
    assert [d.regime.id if d.regime else None for d in found] == expected
    assert [d.rule is not None for d in found] == [True] * len(rules) + [False] * (len(found) - len(rules))

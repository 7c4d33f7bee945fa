"""The scoring structure of assessments (total, pass mark, grades, parts, rule terms, consequences) and
`measures`: references (PE004), and the checks that read them, PE306-PE309, with exact positions."""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.statedness import UNKNOWN, UNSTATED
from tests.util import lint_files, located

BASE = """
tiers:
  - {id: township, name: {zh: 乡镇}, parent: null}
  - {id: grid, name: {zh: 网格}, parent: township}
units:
  - {id: township_government, name: {zh: 乡镇政府}, tier: township, kind: government}
  - {id: township_grid_office, name: {zh: 网格办}, tier: township, kind: governance_centre}
  - {id: grid_team, name: {zh: 网格团队}, tier: grid, kind: grid_team}
"""

MEASURES = """
measures:
  - id: events_reported
    name: {zh: 上报事件数}
    kind: count
    controlled_by: [{tier: grid}]
    depends_on: [occurrence]
  - id: late_verification
    kind: count
    controlled_by: [{tier: grid}]
    depends_on: []
"""


def lint(tmp_path, assessments: str, measures: str = MEASURES, lang: str = "en"):
    return lint_files(
        tmp_path, {"base.yaml": BASE, "measures.yaml": measures, "assessments.yaml": assessments}, lang=lang
    )


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


# == the syntax: every reference at its place ======================================================

SPEC = """
assessments:
  - id: township_assesses_grid_workers
    assessor: township_government
    assessed: grid
    positions: [grid_worker, grid_leader, community_secretary]
    total: 100
    pass_mark: 60
    grades:
      - {id: excellent, name: {zh: 优秀}, min: 90, at_most_share: 0.2}
      - {id: qualified, name: {zh: 合格}, min: 60}
      - {id: unqualified, name: {zh: 不合格}, min: 0}
    parts:
      - {id: daily_work, points: 40, scored_by: township_grid_office, measure: events_reported}
      - {id: residents_view, points: 20, scored_by: {relation: applicant_tier_government}, weight: 0.2}
      - {id: bonus, kind: bonus, cap: 10}
    scoring:
      - {when: events_reported, effect: bonus, points: 0.5, per: event, above: 30, part: bonus}
      - {when: late_verification, effect: deduct, points: 2, per: event, part: daily_work, cap: 20}
      - {when: justified_complaint, effect: deduct, points: 5, per: event}
    consequences:
      - {when: {grade: unqualified}, effect: interview}
      - {when: {grade: unqualified, consecutive_periods: 2}, effect: dismissal}
      - {when: {event: justified_complaint, at_least: 3, period: month}, effect: interview}
"""


def test_the_spec_example_reads_and_its_stakes_rest_on_an_occurrence(tmp_path):
    result = lint(tmp_path, SPEC)
    assert [f.code for f in result.findings] == ["PE307"]
    assert located(result, "PE307") == [("PE307", "assessments.yaml", 13, 80)]
    assert messages(result, "PE307") == [
        "regime 'township_assesses_grid_workers' puts dismissal, an interview at stake on measure "
        "'events_reported', which depends on what happens in the grid, outside the control of 'grid'"
    ]


def test_unknown_part_grade_measure_and_party_are_pe004_where_written(tmp_path):
    bad = (
        SPEC.replace("part: bonus}", "part: bonuss}")
        .replace("{grade: unqualified}", "{grade: unqualifed}")
        .replace("measure: events_reported}", "measure: event_reported}")
        .replace("scored_by: township_grid_office", "scored_by: township_grid_ofice")
    )
    result = lint(tmp_path, bad)
    assert located(result, "PE004") == [
        ("PE004", "assessments.yaml", 13, 49),
        ("PE004", "assessments.yaml", 13, 79),
        ("PE004", "assessments.yaml", 17, 90),
        ("PE004", "assessments.yaml", 21, 24),
    ]


def test_a_ranking_consequence_names_a_grade_of_its_regime(tmp_path):
    text = """
    assessments:
      - id: r
        assessor: township_government
        assessed: grid
        grades: [{id: unqualified, min: 0}]
        ranking:
          consequences:
            - {when: {grade: unqualifed}, effect: warning}
    """
    result = lint(tmp_path, textwrap.dedent(text))
    assert located(result, "PE004") == [("PE004", "assessments.yaml", 8, 26)]


def test_markers_are_accepted_wherever_a_number_is(tmp_path):
    text = SPEC.replace("total: 100", "total: unstated").replace("points: 40,", "points: unknown,")
    result = lint(tmp_path, text)
    assert not [f for f in result.findings if f.code == "PE002"]


# == PE307 stakes-on-uncontrolled-measure ==========================================================


def _ranked(measure_line: str, effect: str = "lose_performance_pay") -> str:
    return f"""
assessments:
  - id: street_q_workers
    assessor: township_grid_office
    assessed: grid
    quotas:
      - {measure_line}
    ranking:
      consequences:
        - {{when: {{bottom: 2}}, effect: {effect}}}
"""


def test_pe307_a_quota_decided_by_another_unit(tmp_path):
    measures = "measures:\n  - {id: group_disposal_rate, controlled_by: [township_grid_office]}\n"
    result = lint(tmp_path, _ranked("{metric: group_disposal_rate, kind: rate, min: 0.2}"), measures)
    assert located(result, "PE307") == [("PE307", "assessments.yaml", 6, 18)]
    assert messages(result, "PE307") == [
        "regime 'street_q_workers' puts lose performance pay at stake on measure 'group_disposal_rate', "
        "which 'township_grid_office' decide, not 'grid'"
    ]


def test_pe307_controlled_by_the_assessed_with_nothing_outside_is_no_finding(tmp_path):
    result = lint(tmp_path, _ranked("{metric: late_verification, kind: count, max: 3}"))
    assert located(result, "PE307") == []


def test_pe307_effects_not_at_stake_are_no_finding(tmp_path):
    result = lint(tmp_path, _ranked("{metric: events_reported, kind: count, min: 30}", effect="funding"))
    assert located(result, "PE307") == []


def test_pe307_unstated_control_is_pe010(tmp_path):
    measures = "measures:\n  - {id: events_reported, controlled_by: unstated}\n"
    result = lint(tmp_path, _ranked("{metric: events_reported, kind: count, min: 30}"), measures)
    assert located(result, "PE307") == []
    assert located(result, "PE010") == [("PE010", "assessments.yaml", 6, 18)]
    assert "who controls it (controlled_by), what it depends on (depends_on)" in messages(result, "PE010")[0]


def test_pe307_an_undeclared_measure_is_not_judged(tmp_path):
    result = lint(tmp_path, _ranked("{metric: patrol_hours, kind: count, min: 30}"))
    assert [f.code for f in result.findings if f.code in ("PE307", "PE010")] == []


def test_pe307_in_chinese(tmp_path):
    result = lint(tmp_path, _ranked("{metric: events_reported, kind: count, min: 30}"), lang="zh")
    assert messages(result, "PE307") == [
        "考核“street_q_workers”将扣发绩效与指标“上报事件数”挂钩,而该指标取决于辖区内实际发生的情况,非网格所能控制"
    ]


# == PE306 pass-mark-unreachable ===================================================================


def _parts(pass_mark: object, total: object, *parts: str) -> str:
    lines = "\n".join(f"      - {p}" for p in parts)
    return f"""
assessments:
  - id: r
    assessor: township_government
    assessed: grid
    total: {total}
    pass_mark: {pass_mark}
    parts:
{lines}
"""


def test_pe306_the_parts_cannot_reach_the_pass_mark(tmp_path):
    result = lint(tmp_path, _parts(60, 100, "{id: a, points: 40}", "{id: b, kind: bonus, points: 20, cap: 10}"))
    assert located(result, "PE306") == [("PE306", "assessments.yaml", 6, 16)]
    assert messages(result, "PE306") == ["regime 'r': its parts give at most 50 points, below the pass mark 60"]


def test_pe306_parts_exceed_the_total_without_a_bonus_cap(tmp_path):
    result = lint(tmp_path, _parts(60, 100, "{id: a, points: 100}", "{id: b, kind: bonus, points: 5}"))
    assert located(result, "PE306") == [("PE306", "assessments.yaml", 5, 12)]
    assert messages(result, "PE306") == [
        "regime 'r': its parts add up to 105 points, above the full score 100, with no cap on the bonus"
    ]


def test_pe306_a_capped_bonus_above_a_full_base_is_fine(tmp_path):
    result = lint(tmp_path, _parts(60, 100, "{id: a, points: 100}", "{id: b, kind: bonus, points: 5, cap: 5}"))
    assert located(result, "PE306") == []


def test_pe306_a_part_without_points_is_pe010(tmp_path):
    result = lint(tmp_path, _parts(60, 100, "{id: a, points: 40}", "{id: b, points: unstated}"))
    assert located(result, "PE306") == []
    assert located(result, "PE010") == [("PE010", "assessments.yaml", 8, 7)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    base=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=4),
    cap=st.integers(min_value=0, max_value=20),
    pass_mark=st.integers(min_value=0, max_value=150),
)
def test_pe306_flags_exactly_when_the_most_is_below_the_pass_mark(tmp_path_factory, base, cap, pass_mark):
    parts = [f"{{id: p{i}, points: {n}}}" for i, n in enumerate(base)] + [f"{{id: bonus, kind: bonus, cap: {cap}}}"]
    result = lint(tmp_path_factory.mktemp("p"), _parts(pass_mark, 1000, *parts))
    unreachable = [f for f in result.findings if f.code == "PE306" and f.span.line == 6]
    assert bool(unreachable) == (sum(base) + cap < pass_mark)


# == PE308 scored-twice ============================================================================

TWICE = """
assessments:
  - id: district_adhoc
    assessor: township_government
    assessed: grid
    scoring:
      - {when: late_verification, effect: deduct}
  - id: office_rules
    assessor: township_grid_office
    assessed: grid
    parts:
      - {id: daily, points: 40, measure: late_verification}
    scoring:
      - {when: late_verification, effect: deduct}
"""


def test_pe308_two_assessors_score_the_same_measure(tmp_path):
    result = lint(tmp_path, TWICE)
    assert located(result, "PE308") == [("PE308", "assessments.yaml", 13, 16)]
    assert messages(result, "PE308") == [
        "regime 'office_rules' of 'township_grid_office' scores 'late_verification' of 'grid', also scored by 'district_adhoc'"
    ]


def test_pe308_in_chinese(tmp_path):
    assert messages(lint(tmp_path, TWICE, lang="zh"), "PE308") == [
        "“网格办”的考核“office_rules”对“网格”的“late_verification”计分,而考核“district_adhoc”已对同一指标计分"
    ]


def test_pe308_the_same_assessor_or_another_assessed_is_no_finding(tmp_path):
    same = TWICE.replace("assessor: township_grid_office", "assessor: township_government")
    assert located(lint(tmp_path / "a", same), "PE308") == []
    other = TWICE.replace("    assessed: grid\n    parts", "    assessed: township\n    parts")
    assert located(lint(tmp_path / "b", other), "PE308") == []


# == PE309 bonus-cap-blocks-quota ==================================================================


def _bonus(quota: object, rule: str, part: str = "{id: bonus, kind: bonus, cap: 10}") -> str:
    return f"""
assessments:
  - id: r
    assessor: township_government
    assessed: grid
    parts:
      - {part}
    quotas:
      - {{metric: events_reported, kind: count, min: {quota}}}
    scoring:
      - {rule}
"""


RULE = "{when: events_reported, effect: bonus, points: 0.5, per: event, above: 30, part: bonus}"


def test_pe309_the_bonus_cap_stops_short_of_the_quota(tmp_path):
    result = lint(tmp_path, _bonus(60, RULE))
    assert located(result, "PE309") == [("PE309", "assessments.yaml", 10, 9)]
    assert messages(result, "PE309") == [
        "regime 'r': its only credit for 'events_reported' is a bonus capped at 50 events, below its own quota of 60"
    ]


def test_pe309_in_chinese(tmp_path):
    assert messages(lint(tmp_path, _bonus(60, RULE), lang="zh"), "PE309") == [
        "考核“r”对“上报事件数”只以加分计分,加分上限最多计 50 件,低于本考核规定的 60 件配额"
    ]


def test_pe309_a_quota_set_by_the_regime_it_adds_to_names_that_regime(tmp_path):
    chained = """
assessments:
  - id: district
    assessor: township_grid_office
    assessed: grid
    quotas:
      - {metric: events_reported, kind: count, min: 60}
  - id: r
    assessor: township_government
    assessed: grid
    adds_to: district
    parts:
      - {id: bonus, kind: bonus, cap: 10}
    scoring:
      - {when: events_reported, effect: bonus, points: 0.5, per: event, above: 30, part: bonus}
"""
    result = lint(tmp_path / "en", chained)
    assert located(result, "PE309") == [("PE309", "assessments.yaml", 14, 9)]
    assert messages(result, "PE309") == [
        "regime 'r': its only credit for 'events_reported' is a bonus capped at 50 events, below the quota of 60 "
        "set by 'district'"
    ]
    assert messages(lint(tmp_path / "zh", chained, lang="zh"), "PE309") == [
        "考核“r”对“上报事件数”只以加分计分,加分上限最多计 50 件,低于考核“district”规定的 60 件配额"
    ]


def test_pe309_a_quota_within_the_cap_or_an_uncapped_bonus_is_fine(tmp_path):
    assert located(lint(tmp_path / "a", _bonus(50, RULE)), "PE309") == []
    assert located(lint(tmp_path / "b", _bonus(60, RULE, "{id: bonus, kind: bonus}")), "PE309") == []


def test_pe309_another_credit_for_the_measure_is_no_finding(tmp_path):
    base = "{id: bonus, kind: base, points: 40, measure: events_reported}"
    assert located(lint(tmp_path, _bonus(60, RULE, base)), "PE309") == []


def test_pe309_an_unstated_cap_is_pe010(tmp_path):
    result = lint(tmp_path, _bonus(60, RULE, "{id: bonus, kind: bonus, cap: unstated}"))
    assert located(result, "PE309") == []
    assert located(result, "PE010") == [("PE010", "assessments.yaml", 10, 9)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    quota=st.integers(min_value=1, max_value=200),
    above=st.integers(min_value=0, max_value=50),
    cap=st.integers(min_value=1, max_value=20),
    points=st.sampled_from([0.5, 1, 2]),
)
def test_pe309_flags_exactly_when_the_credited_events_fall_short(tmp_path_factory, quota, above, cap, points):
    rule = f"{{when: events_reported, effect: bonus, points: {points}, per: event, above: {above}, cap: {cap}}}"
    result = lint(tmp_path_factory.mktemp("q"), _bonus(quota, rule, "{id: other, points: 10}"))
    assert bool(located(result, "PE309")) == (above + cap / points < quota)


# == more of the syntax ============================================================================


def test_duplicate_part_ids_are_pe003_and_an_unknown_controller_is_pe004(tmp_path):
    text = """
assessments:
  - id: r
    assessor: township_government
    assessed: grid
    parts:
      - {id: a, points: 50}
      - {id: a, points: 50}
"""
    measures = "measures:\n  - {id: m, controlled_by: [{tier: gird}], depends_on: []}\n"
    result = lint(tmp_path, text, measures)
    assert located(result, "PE003") == [("PE003", "assessments.yaml", 7, 14)]
    assert located(result, "PE004") == [("PE004", "measures.yaml", 2, 36)]


def test_an_unknown_depends_on_word_is_pe002_where_written(tmp_path):
    measures = "measures:\n  - {id: m, depends_on: [weather]}\n"
    result = lint(tmp_path, "assessments: []\n", measures)
    assert located(result, "PE002") == [("PE002", "measures.yaml", 2, 26)]


def test_pe307_an_event_triggered_interview_rests_on_that_event_only(tmp_path):
    text = """
assessments:
  - id: r
    assessor: township_government
    assessed: grid
    quotas:
      - {metric: events_reported, kind: count, min: 30}
    consequences:
      - {when: {event: late_verification, at_least: 3, period: month}, effect: interview}
"""
    assert located(lint(tmp_path / "a", text), "PE307") == []
    measures = MEASURES.replace("depends_on: []", "depends_on: [platform]")
    result = lint(tmp_path / "b", text, measures)
    assert located(result, "PE307") == [("PE307", "assessments.yaml", 8, 9)]
    assert "which depends on the platform" in messages(result, "PE307")[0]


def test_pe307_control_shared_with_another_unit_is_not_the_assessed_s(tmp_path):
    shared = "measures:\n  - {id: events_reported, controlled_by: [{all_of: [grid_team, township_grid_office]}], depends_on: []}\n"
    result = lint(tmp_path / "a", _ranked("{metric: events_reported, kind: count, min: 30}"), shared)
    assert located(result, "PE307") == [("PE307", "assessments.yaml", 6, 18)]
    either = shared.replace("all_of", "any_of")
    assert (
        located(lint(tmp_path / "b", _ranked("{metric: events_reported, kind: count, min: 30}"), either), "PE307") == []
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    assessors=st.lists(st.sampled_from(["township_government", "township_grid_office"]), min_size=1, max_size=4),
    whens=st.lists(st.sampled_from(["late_verification", "returned"]), min_size=1, max_size=4),
)
def test_pe308_flags_each_later_regime_and_measure_with_an_earlier_other_assessor(tmp_path_factory, assessors, whens):
    regimes = []
    for i, assessor in enumerate(assessors):
        when = whens[i % len(whens)]
        regimes.append(
            f"  - id: r{i}\n    assessor: {assessor}\n    assessed: grid\n"
            f"    scoring:\n      - {{when: {when}, effect: deduct}}\n"
        )
    result = lint(tmp_path_factory.mktemp("t"), "assessments:\n" + "".join(regimes))
    expected = sum(
        1
        for i, a in enumerate(assessors)
        if any(b != a and whens[j % len(whens)] == whens[i % len(whens)] for j, b in enumerate(assessors[:i]))
    )
    assert len(located(result, "PE308")) == expected


# == PE313 dismissal-on-uncontrolled-score =========================================================

STAFF = """
units:
  - id: workers
    name: {zh: 网格员}
    tier: grid
    kind: grid_team
    staff:
      engagement: labour_dispatch
      dismissal:
        - for: cause
        - when: {regime: r, score_at_most: 59, consecutive_periods: 2}
"""


def _dismissing(metric: str, measures: str = MEASURES):
    regime = f"""
assessments:
  - id: r
    assessor: township_government
    assessed: grid
    quotas:
      - {{metric: {metric}, kind: count, min: 30}}
"""
    return {"base.yaml": BASE, "staff.yaml": STAFF, "measures.yaml": measures, "assessments.yaml": regime}


def test_pe313_dismissal_on_a_regime_counting_what_happens_in_the_grid(tmp_path):
    result = lint_files(tmp_path, _dismissing("events_reported"))
    assert located(result, "PE313") == [("PE313", "staff.yaml", 10, 26)]
    assert messages(result, "PE313") == [
        "unit 'workers' may dismiss its people on the result of regime 'r', which counts 'events_reported', "
        "depending on what happens in the grid"
    ]


def test_pe313_in_chinese(tmp_path):
    """辞退, the word of the case and of the glossary's ranking consequences."""
    assert messages(lint_files(tmp_path, _dismissing("events_reported"), lang="zh"), "PE313") == [
        "单位“网格员”可依考核“r”的结果辞退人员,而该考核计入的“上报事件数”取决于辖区内实际发生的情况,并非其人员所能控制"
    ]


def test_pe313_a_measure_the_workers_control_or_dismissal_for_cause_is_no_finding(tmp_path):
    assert located(lint_files(tmp_path / "a", _dismissing("late_verification")), "PE313") == []
    for_cause = _dismissing("events_reported")
    for_cause["staff.yaml"] = STAFF.split("        - when:")[0]
    assert located(lint_files(tmp_path / "b", for_cause), "PE313") == []


def test_pe313_a_measure_another_unit_decides(tmp_path):
    measures = "measures:\n  - {id: events_reported, controlled_by: [township_grid_office]}\n"
    result = lint_files(tmp_path, _dismissing("events_reported", measures))
    assert messages(result, "PE313") == [
        "unit 'workers' may dismiss its people on the result of regime 'r', which counts 'events_reported', "
        "depending on others' decisions"
    ]


def test_pe313_unstated_control_is_pe010(tmp_path):
    measures = "measures:\n  - {id: events_reported, depends_on: unstated}\n"
    result = lint_files(tmp_path, _dismissing("events_reported", measures))
    assert located(result, "PE313") == []
    assert ("PE010", "staff.yaml", 10, 26) in located(result, "PE010")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    depends=st.none() | st.lists(st.sampled_from(["occurrence", "residents", "platform"]), unique=True, max_size=2),
    controller=st.none() | st.sampled_from(["{tier: grid}", "grid_team", "township_grid_office"]),
    effect=st.sampled_from(["lose_performance_pay", "dismissal", "funding", "warning"]),
)
def test_pe307_flags_exactly_the_uncontrolled_measures_under_stakes(tmp_path_factory, depends, controller, effect):
    fields = [f"depends_on: [{', '.join(depends)}]" if depends is not None else ""]
    fields.append(f"controlled_by: [{controller}]" if controller is not None else "")
    body = ", ".join(f for f in fields if f)
    measures = f"measures:\n  - {{id: events_reported{', ' + body if body else ''}}}\n"
    result = lint(
        tmp_path_factory.mktemp("s"), _ranked("{metric: events_reported, kind: count, min: 30}", effect), measures
    )
    at_stake = effect in ("lose_performance_pay", "dismissal")
    uncontrolled = bool(depends) or controller == "township_grid_office"
    assert bool(located(result, "PE307")) == (at_stake and uncontrolled)
    unstated = not uncontrolled and (depends is None or controller is None)
    assert bool(located(result, "PE010")) == (at_stake and unstated)


def test_a_scoring_rules_points_may_be_a_marker_and_then_are_none(tmp_path):
    regimes = """
assessments:
  - id: monthly
    assessor: township_grid_office
    assessed: grid
    scoring:
      - {when: events_reported, effect: bonus, points: unknown, per: event}
      - {when: late_verification, effect: deduct, points: unstated}
      - {when: late_verification, effect: deduct, points: 2}
      - {when: late_verification, effect: deduct, points: unknwn}
"""
    assert located(lint(tmp_path / "misspelt", regimes), "PE002") == [("PE002", "assessments.yaml", 9, 59)]
    result = lint(tmp_path / "stated", regimes.replace("points: unknwn", "points: 1"))
    assert located(result, "PE002") == []
    assert result.policy is not None
    rules = result.policy.regimes["monthly"].scoring
    assert [(r.points, r.marker("points")) for r in rules[:3]] == [(None, UNKNOWN), (None, UNSTATED), (2, None)]

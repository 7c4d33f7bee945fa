"""Deadlines and intake: items' `nature`, `deadlines` (handling, extension, verification), the
workflow's `classes`, `answer` and verification `capacity`; PE310, PE311, PE312 and the references."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.lint import lint_paths
from policyengine.timeunits import HOURS, shorter, total
from tests.util import lint_files, located

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
REPO = Path(__file__).resolve().parents[1]

BASE = """\
tiers:
  - {id: district, name: {en: District}}
  - {id: street, name: {en: Street}, parent: district}
  - {id: grid, name: {en: Grid}, parent: street, count: 10}
units:
  - {id: office, name: {en: Office}, tier: district, kind: government}
  - {id: team, name: {en: Team}, tier: grid, kind: grid_team, count: 10, headcount: 1}
grants:
  - unit: office
    powers: [administrative]
categories:
  - {id: disputes, name: {en: Disputes}, kind: routine}
"""

MEDIATION = """\
items:
  - id: mediation
    name: {en: Mediation}
    kind: routine
    category: disputes
    tier: grid
    role: handle
    nature: long_cycle
    deadlines:
      handling: {within: 3, unit: days}
"""

ROAD = """\
items:
  - id: road
    name: {en: Road}
    kind: routine
    tier: grid
    role: resolve_or_report
    requires: {handle: [administrative]}
    deadlines:
      handling: {within: 3, unit: working_days}
workflow:
  escalation: [grid, street, district]
  answer:
    - {tier: street, within: 2, unit: working_days}
    - {tier: district, within: 5, unit: working_days}
"""

CAPACITY = """\
workflow:
  escalation: [grid, street, district]
  verification:
    deadline_hours: 24
    by: grid
    capacity: {per_person_day: 1}
simulation:
  problems:
    - {id: events, per_grid_per_day: 2}
"""


def run(tmp_path: Path, *parts: str, lang: str = "en"):
    shutil.rmtree(tmp_path / "p", ignore_errors=True)
    return lint_files(tmp_path / "p", {"base.yaml": BASE, **{f"f{i}.yaml": t for i, t in enumerate(parts)}}, lang=lang)


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


# == PE310 fixed-deadline-long-cycle =================================================================


def test_pe310_long_cycle_under_a_fixed_limit(tmp_path):
    result = run(tmp_path, MEDIATION)
    assert located(result, "PE310") == [("PE310", "f0.yaml", 8, 13)]
    assert messages(result, "PE310") == [
        "item 'Mediation' is long-cycle work but must be handled within 3 days, with no extension"
    ]
    zh = run(tmp_path, MEDIATION, lang="zh")
    assert messages(zh, "PE310") == ["事项“mediation”属周期长、不确定性强的工作,却须在3日内办结,且未规定可以延期"]


def test_pe310_an_extension_silences_it(tmp_path):
    text = MEDIATION + "      extension: {up_to: 15, unit: days, consent: office}\n"
    assert located(run(tmp_path, text), "PE310") == []


@pytest.mark.parametrize("marker", ["unstated", "unknown"])
def test_pe310_a_marked_extension_is_pe010(tmp_path, marker):
    result = run(tmp_path, MEDIATION + f"      extension: {marker}\n")
    assert located(result, "PE310") == []
    assert located(result, "PE010") == [("PE010", "f0.yaml", 8, 13)]
    assert messages(result, "PE010")[0].startswith("PE310 cannot judge item 'Mediation'")


def test_pe310_routine_work_or_no_limit_is_no_finding(tmp_path):
    assert located(run(tmp_path, MEDIATION.replace("long_cycle", "routine")), "PE310") == []
    no_limit = MEDIATION.replace("    deadlines:\n      handling: {within: 3, unit: days}\n", "")
    assert located(run(tmp_path, no_limit), "PE310") == []


def test_pe310_the_short_form_and_a_range_are_fixed_limits(tmp_path):
    short = MEDIATION.replace("handling: {within: 3, unit: days}", "handling_days: 5")
    assert messages(run(tmp_path, short), "PE310") == [
        "item 'Mediation' is long-cycle work but must be handled within 5 days, with no extension"
    ]
    ranged = MEDIATION.replace("{within: 3, unit: days}", "{from: 2, to: 3, unit: working_days}")
    assert messages(run(tmp_path, ranged), "PE310") == [
        "item 'Mediation' is long-cycle work but must be handled within 2 to 3 working days, with no extension"
    ]
    unknown = MEDIATION.replace("{within: 3, unit: days}", "{within: unknown, unit: unknown}")
    assert messages(run(tmp_path, unknown), "PE310") == [
        "item 'Mediation' is long-cycle work but must be handled within a fixed time (its length not given), "
        "with no extension"
    ]


def test_pe310_a_class_limit_covers_the_items_of_its_categories(tmp_path):
    item = MEDIATION.replace("    deadlines:\n      handling: {within: 3, unit: days}\n", "")
    classes = "workflow:\n  classes:\n    - {id: complex, handling: {within: 7, unit: days}, categories: [disputes]}\n"
    assert messages(run(tmp_path, item, classes), "PE310") == [
        "item 'Mediation' is long-cycle work but must be handled within 7 days, with no extension"
    ]
    extended = classes.replace("categories:", "extension: {up_to: 15, unit: days}, categories:")
    assert located(run(tmp_path, item, extended), "PE310") == []


def test_both_forms_of_one_limit_are_refused(tmp_path):
    text = MEDIATION + "      handling_days: 3\n"
    result = run(tmp_path, text)
    assert located(result) == [("PE002", "f0.yaml", 10, 7)]
    assert messages(result, "PE002") == ["items[0].deadlines may not have all of 'handling', 'handling_days'"]
    zh = run(tmp_path, text, lang="zh")
    assert messages(zh, "PE002") == ["items[0].deadlines 不能同时含有“handling”、“handling_days”"]


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        (
            "{within: 3, from: 2, to: 4, unit: days}",
            "items[0].deadlines.handling needs exactly one of: 'within', 'from + to'",
        ),
        ("{from: 2, unit: days}", "items[0].deadlines.handling needs exactly one of: 'within', 'from + to'"),
        ("{within: 3}", "items[0].deadlines.handling is missing the required key 'unit'"),
        ("{within: 3, unit: weeks}", "'weeks' is not one of: hours, days, working_days"),
        ("{within: -1, unit: days}", "-1 is below the minimum 0"),
    ],
)
def test_a_malformed_limit_is_one_located_pe002(tmp_path, limit, message):
    result = run(tmp_path, MEDIATION.replace("{within: 3, unit: days}", limit))
    assert [c for c, *_ in located(result)] == ["PE002"]
    assert messages(result, "PE002") == [message]


# == PE311 deadline-shorter-than-escalation ==========================================================


def test_pe311_a_limit_shorter_than_the_answers(tmp_path):
    result = run(tmp_path, ROAD)
    assert located(result, "PE311") == [("PE311", "f0.yaml", 9, 17)]
    assert messages(result, "PE311") == [
        "item 'Road' must be handled within 3 working days, but 'Grid' cannot settle it and the answers of "
        "'Street', 'District' up the escalation take 7 working days"
    ]
    zh = run(tmp_path, ROAD, lang="zh")
    assert messages(zh, "PE311") == [
        "事项“road”须在3个工作日内办结,但“grid”无权处置,须经“street”、“district”逐级上报,各级答复时限合计7个工作日"
    ]


def test_pe311_mixed_units_compare_in_hours(tmp_path):
    # 8 days (192 h) against 2 + 5 working days (7 × 33.6 = 235.2 h)
    text = ROAD.replace("{within: 3, unit: working_days}", "{within: 8, unit: days}")
    assert messages(run(tmp_path, text), "PE311") == [
        "item 'Road' must be handled within 8 days, but 'Grid' cannot settle it and the answers of "
        "'Street', 'District' up the escalation take 7 working days"
    ]
    longer = ROAD.replace("{within: 3, unit: working_days}", "{within: 10, unit: days}")
    assert located(run(tmp_path, longer), "PE311") == []


def test_pe311_an_answer_not_stated_is_pe010(tmp_path):
    text = ROAD.replace("    - {tier: street, within: 2, unit: working_days}\n", "").replace("within: 5", "within: 1")
    result = run(tmp_path, text)
    assert located(result, "PE311") == []
    assert located(result, "PE010") == [("PE010", "f0.yaml", 9, 17)]
    # the stated answers alone exceed the limit: a finding, whatever the missing one says
    assert located(run(tmp_path, text.replace("within: 1", "within: 5")), "PE311") == [("PE311", "f0.yaml", 9, 17)]


def test_pe311_a_tier_that_holds_the_power_is_no_finding(tmp_path):
    text = ROAD + "grants:\n  - tier: grid\n    powers: [administrative]\n"
    assert located(run(tmp_path, text), "PE311") == []


@SETTINGS
@given(limit=st.integers(0, 20), answers=st.lists(st.integers(0, 10), min_size=2, max_size=2))
def test_pe311_fires_exactly_when_the_limit_is_shorter(tmp_path, limit, answers):
    text = (
        ROAD.replace("within: 3, unit: working_days}\n", f"within: {limit}, unit: working_days}}\n", 1)
        .replace("{tier: street, within: 2,", f"{{tier: street, within: {answers[0]},")
        .replace("{tier: district, within: 5,", f"{{tier: district, within: {answers[1]},")
    )
    found = located(run(tmp_path, text), "PE311")
    assert bool(found) == (limit < sum(answers))


# == PE312 verification-capacity =====================================================================


def test_pe312_more_to_verify_than_the_people_can(tmp_path):
    result = run(tmp_path, CAPACITY)
    assert located(result, "PE312") == [("PE312", "f0.yaml", 6, 32)]
    assert messages(result, "PE312") == [
        "60 events a month need verifying at each 'Grid', but its people can verify 30 "
        "(1 a person a day × 1 people × 30 days)"
    ]


def test_pe312_in_chinese(tmp_path):
    assert messages(run(tmp_path, CAPACITY, lang="zh"), "PE312") == [
        "每个“grid”每月需核查 60 件,而其人员每月只能核查 30 件(每人每天 1 件 × 1 人 × 30 天)"
    ]


def test_pe312_enough_capacity_is_no_finding(tmp_path):
    assert located(run(tmp_path, CAPACITY.replace("per_person_day: 1", "per_person_day: 2")), "PE312") == []


@pytest.mark.parametrize("marker", ["unstated", "unknown"])
def test_pe312_a_marked_capacity_is_pe010(tmp_path, marker):
    result = run(tmp_path, CAPACITY.replace("per_person_day: 1", f"per_person_day: {marker}"))
    assert located(result, "PE312") == []
    assert located(result, "PE010") == [("PE010", "f0.yaml", 6, 32)]


def test_pe312_a_unit_without_headcount_is_pe010_not_a_defect(tmp_path):
    extra = "units:\n  - {id: helpers, name: {en: Helpers}, tier: grid, kind: grid_team}\n"
    result = run(tmp_path, CAPACITY, extra)
    assert located(result, "PE312") == []
    assert [c for c, *_ in located(result, "PE010")] == ["PE010"]


@SETTINGS
@given(rate=st.integers(0, 10), per=st.integers(1, 10), people=st.integers(1, 5))
def test_pe312_fires_exactly_when_demand_exceeds_capacity(tmp_path, rate, per, people):
    text = CAPACITY.replace("per_grid_per_day: 2", f"per_grid_per_day: {rate}").replace(
        "per_person_day: 1", f"per_person_day: {per}"
    )
    base = BASE.replace("headcount: 1", f"headcount: {people}")
    shutil.rmtree(tmp_path / "p", ignore_errors=True)
    result = lint_files(tmp_path / "p", {"base.yaml": base, "f0.yaml": text})
    assert bool(located(result, "PE312")) == (rate > per * people)


# == references and the time units ===================================================================


def test_every_reference_is_checked_where_it_is_written(tmp_path):
    text = """\
workflow:
  escalation: [grid, street]
  answer:
    - {tier: nowhere, within: 1, unit: days}
  classes:
    - {id: general, handling: {within: 2, unit: days}, items: [ghost], categories: [nothing]}
items:
  - id: mediation
    name: {en: Mediation}
    kind: routine
    tier: grid
    role: handle
    deadlines:
      extension: {up_to: 1, unit: days, consent: nobody}
"""
    found = located(run(tmp_path, text), "PE004")
    assert sorted(found) == sorted(
        [
            ("PE004", "f0.yaml", 4, 14),
            ("PE004", "f0.yaml", 6, 64),
            ("PE004", "f0.yaml", 6, 85),
            ("PE004", "f0.yaml", 14, 50),
        ]
    )


def test_a_class_id_repeated_is_pe003(tmp_path):
    text = "workflow:\n  classes:\n    - {id: general}\n    - {id: general}\n"
    assert located(run(tmp_path, text), "PE003") == [("PE003", "f0.yaml", 4, 12)]


lengths = st.tuples(st.integers(0, 1000), st.sampled_from(sorted(HOURS)))


@given(a=lengths, b=lengths)
def test_shorter_agrees_with_calendar_hours(a, b):
    if a[1] != b[1]:
        assert shorter(a, b) == (a[0] * HOURS[a[1]] < b[0] * HOURS[b[1]])
    else:
        assert shorter(a, b) == (a[0] < b[0])


@given(parts=st.lists(lengths, min_size=1, max_size=5))
def test_total_is_the_sum_in_hours(parts):
    value, unit = total(parts)
    assert value * HOURS[unit] == pytest.approx(sum(v * HOURS[u] for v, u in parts))


def test_a_working_day_is_a_fifth_of_a_calendar_week():
    assert 5 * HOURS["working_days"] == pytest.approx(7 * HOURS["days"])


# == H District ======================================================================================


def test_h_district_dispute_mediation_is_long_cycle_under_rigid_times():
    result = lint_paths([REPO / "policies" / "h_district"], None, "en")
    assert [(c, n, line) for c, n, line, _ in located(result, "PE310")] == [("PE310", "items.yaml", 247)]
    assert located(result, "PE311") == [] and located(result, "PE312") == []


def test_pe312_scales_the_rates_to_a_verifying_tier_above_the_grid(tmp_path):
    # 10 grids × 2 a day = 20 a day for the one street; its 1 person verifies 1 a day
    street = CAPACITY.replace("by: grid", "by: street")
    extra = "units:\n  - {id: street_office, name: {en: Street office}, tier: street, kind: government, headcount: 1}\n"
    base = BASE.replace(
        "{id: street, name: {en: Street}, parent: district}",
        "{id: street, name: {en: Street}, parent: district, count: 1}",
    )
    shutil.rmtree(tmp_path / "p", ignore_errors=True)
    result = lint_files(tmp_path / "p", {"base.yaml": base, "f0.yaml": street, "f1.yaml": extra})
    assert messages(result, "PE312") == [
        "600 events a month need verifying at each 'Street', but its people can verify 30 "
        "(1 a person a day × 1 people × 30 days)"
    ]
    # without the street's count the rate per street is not stated
    result = run(tmp_path, street, extra)
    assert located(result, "PE312") == [] and [c for c, *_ in located(result, "PE010")] == ["PE010"]

"""The teaching examples and the H District policy give exactly the findings they are meant to.

The golden lists below were written by hand, one finding at a time, against the examples' READMEs:
a new or a missing finding is a change of what an example teaches.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.lint import lint_paths
from tests.util import located

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
H_DISTRICT = ROOT / "policies" / "h_district"


def golden(path: Path) -> list[tuple[str, str, int]]:
    """(code, file name, line) of every finding, sorted."""
    return sorted((code, name, line) for code, name, line, _ in located(lint_paths([path])))


GOLDEN = {
    "authority": [
        ("PE101", "items.yaml", 15),  # fire_hazards_small_venues: handle needs penalty; co-handler covers 12 grids
        ("PE102", "items.yaml", 36),  # elderly_home_visits: 3,000 of 12,000 yuan/year
        ("PE103", "items.yaml", 56),  # broken_road mobilises roads_department, coordination scope is street
        ("PE104", "items.yaml", 71),  # river_pollution: nobody on grid -> street -> district holds the power
        ("PE105", "policy.yaml", 28),  # grid: load 40, authority 0.00 against 0.75
        ("PE106", "units.yaml", 65),  # street_road_enforcement: handed down, no scope, no term
        ("PE204", "items.yaml", 98),  # grid_admission: a placeholder procedure, incomplete on purpose
    ],
    "chinese_ids": [
        ("PE101", "policy.yaml", 116),  # 九小场所消防隐患: the same findings as authority, every id Chinese
        ("PE102", "policy.yaml", 130),  # 独居老人走访
        ("PE103", "policy.yaml", 145),  # 道路损坏 mobilises 区公路局
        ("PE104", "policy.yaml", 152),  # 河道污染 needs 环境执法权
        ("PE105", "policy.yaml", 21),  # 网格
        ("PE106", "policy.yaml", 87),  # 镇街道路执法委托
        ("PE204", "policy.yaml", 170),  # 网格准入
    ],
    "admission/no_admission_procedure": [
        ("PE200", "policy.yaml", 25),  # grid_line_list is governed by no procedure
    ],
    "admission/inadmissible_item": [("PE201", "policy.yaml", 58)],  # assist item in an info-only list
    "admission/unlisted_pushdown": [("PE202", "policy.yaml", 53)],  # via a task force, in no list
    "admission/temporary_admission_unbounded": [("PE203", "policy.yaml", 34)],  # past end, 241 > 90 days
    "admission/admission_procedure_incomplete": [
        ("PE204", "policy.yaml", 47),  # the listed item has no legal basis
        ("PE204", "policy.yaml", 50),  # no lead time, approval deadline, publication
    ],
    "admission/separate_assessment": [("PE205", "policy.yaml", 64)],  # the department assesses by itself
    "admission/cooperation_assessment": [("PE205", "policy.yaml", 73)],  # assessed on a cooperation item
    "admission/list_over_capacity": [("PE206", "policy.yaml", 54)],  # 208 of 166 hours a month
    "admission/returned_item_still_assigned": [("PE207", "policy.yaml", 60)],  # taken back, still the grid's
    "admission/open_catch_all": [("PE208", "policy.yaml", 66)],  # any department may fill the catch-all
    "admission/unlisted_inspection": [("PE209", "policy.yaml", 36)],  # a department rates the community
    "assessment": [
        ("PE301", "policy.yaml", 27),  # the grid has three assessors
        ("PE302", "assessments.yaml", 50),  # Street Q adds 10 to the district's 30
        ("PE303", "assessments.yaml", 55),  # count quota + bottom/top two with pay at stake
        ("PE304", "assessments.yaml", 25),  # a returned event costs points
        ("PE305", "duties.yaml", 13),  # testing 06:30-09:30 vs check-in by 08:30
        ("PE314", "dual_leadership.yaml", 16),  # street office and district centre each assess the centre
        ("PE316", "assessments.yaml", 21),  # district transfers score higher, returned ones cost points
        ("PE317", "policy.yaml", 60),  # 街呼区应: no assessment counts the street's evaluation
    ],
    "scoring": [
        ("PE101", "group_rate.yaml", 15),  # the grid must handle road occupation without the power to penalise
        ("PE104", "group_rate.yaml", 14),  # nor does anyone above it
        ("PE306", "policy.yaml", 39),  # 30 + 20 + a bonus capped at 5 cannot reach 60
        ("PE307", "policy.yaml", 49),  # dismissal and interview on events that depend on occurrence
        ("PE308", "policy.yaml", 64),  # the grid office scores late verification too
        ("PE309", "policy.yaml", 52),  # the bonus credits 30 events, the quota asks 40
        ("PE313", "staff.yaml", 13),  # dismissal on a regime that counts events reported
        ("PE318", "group_rate.yaml", 25),  # a disposal rate others make, on a grid that cannot penalise
    ],
    "deadlines": [
        ("PE310", "policy.yaml", 28),  # dispute mediation: long-cycle, 3 days, no extension
        ("PE311", "policy.yaml", 41),  # road: 5 working days against 1 + 2 + 5 to answer
        ("PE312", "policy.yaml", 52),  # 45 events a month against 30 verified
    ],
    "trace_management": [("PE315", "policy.yaml", 27)],  # word count, photos, tracks: 22 of 166 hours
    "structure/yaml_syntax": [("PE001", "policy.yaml", 10)],
    "structure/schema_violation": [("PE002", "policy.yaml", 18)],
    "structure/duplicate_id": [("PE003", "tiers_extra.yaml", 8)],
    "structure/duplicate_key": [("PE003", "policy.yaml", 14)],
    "structure/unknown_reference": [("PE004", "policy.yaml", 15)],
    "structure/tier_cycle": [("PE005", "policy.yaml", 10)],
    "structure/second_root": [("PE005", "policy.yaml", 15)],
    "structure/rule_syntax": [("PE006", "policy.yaml", 27)],  # a single '=' in an admission criterion
    "structure/rule_type": [("PE007", "policy.yaml", 27)],  # a set of powers ordered against a number
    "structure/unused_suppression": [("PE008", "policy.yaml", 15)],  # silences a PE101 that is not there
    "structure/invalid_suppression": [("PE009", "policy.yaml", 15)],  # names PE1011, which does not exist
    "structure/cannot_judge": [("PE010", "policy.yaml", 27)],  # funding: unstated on a pushed-down item
    "well_designed": [],
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_example_findings(name):
    assert golden(EXAMPLES / name) == GOLDEN[name]


def test_every_example_directory_is_covered():
    dirs = {str(p.parent.relative_to(EXAMPLES)) for p in EXAMPLES.rglob("*.yaml")}
    mine = {"authority", "assessment", "well_designed"} | {
        d for d in dirs if d.startswith(("structure/", "admission/"))
    }
    assert mine <= set(GOLDEN)
    assert set(GOLDEN) <= dirs


@pytest.mark.parametrize("name", sorted({n.split("/")[0] for n in GOLDEN}))
def test_example_has_a_readme(name):
    readme = EXAMPLES / name / "README.md"
    assert readme.is_file()
    text = readme.read_text(encoding="utf-8")
    for code in {c for n, findings in GOLDEN.items() if n.split("/")[0] == name for c, _, _ in findings}:
        assert code in text, f"{readme} does not explain {code}"


EXAMPLE_FILES = sorted(p for name in GOLDEN for p in (EXAMPLES / name).glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_every_example_holds_a_policy_file(name):
    # so the modeline test below reads every example, not none of them
    assert any(path.is_relative_to(EXAMPLES / name) for path in EXAMPLE_FILES)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_files_start_with_the_schema_modeline(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    schema = (path.parent / first[len(prefix) :]).resolve()
    assert schema == ROOT / "schemas" / "policy.schema.json"


def test_examples_messages_carry_their_figures():
    by_code = {f.code: f.message for f in lint_paths([EXAMPLES / "assessment"]).findings}
    assert (
        "adds 10 to the 'events_reported' quota set by 'District's monthly assessment of the streets'"
        in by_code["PE302"]
    )
    assert "(06:30-09:30)" in by_code["PE305"] and "(00:00-08:30)" in by_code["PE305"]
    assert "assessed by 3 assessors" in by_code["PE301"]
    by_code = {f.code: f.message for f in lint_paths([EXAMPLES / "authority"]).findings}
    assert "covers 12 grids (more than 5)" in by_code["PE101"]
    assert "with 3000 yuan/year for a cost of 12000 yuan/year" in by_code["PE102"]
    assert "carries 40 items" in by_code["PE105"]


def test_well_designed_lints_clean_on_the_command_line():
    result = CliRunner().invoke(main, ["lint", str(EXAMPLES / "well_designed"), "--no-color"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No findings")


def test_authority_example_fails_on_the_command_line():
    result = CliRunner().invoke(main, ["lint", str(EXAMPLES / "authority"), "--no-color"])
    assert result.exit_code == 1


# -- well_designed is clean because of its remedies: undo one, and its finding comes back -----------

ABLATIONS = {
    "no_admission_of_the_line_list": (
        "lists.yaml",
        "lists: [grid_routine_list, grid_line_list,",
        "lists: [grid_routine_list,",
        [("PE200", "policy.yaml", 32)],
    ),
    "grid_handles_what_needs_penalty": ("items.yaml", "role: report", "role: handle", [("PE101", "items.yaml", 13)]),
    "half_the_money": (
        "items.yaml",
        "money_yuan_per_year: 2400",
        "money_yuan_per_year: 1200",
        [("PE102", "items.yaml", 12)],
    ),
    "coordination_within_the_street_only": (
        "units.yaml",
        "        units: [highway_bureau, fire_safety_department]\n",
        "",
        [("PE103", "items.yaml", 48)],
    ),
    "returns_on_responsibility": (
        "policy.yaml",
        "    - from: district\n      to: assigned_tier\n      basis: authority",
        "    - from: district\n      to: assigned_tier\n      basis: responsibility",
        [("PE104", "items.yaml", 12), ("PE104", "items.yaml", 42)],
    ),
    "grid_without_authority": (
        "units.yaml",
        "dimensions: {resources: partial, task_setting: partial, timing: partial, assessment: low}",
        "dimensions: {resources: none, task_setting: none, timing: none, assessment: none}",
        [("PE105", "policy.yaml", 32)],
    ),
    "a_third_assessor": (
        "assessments.yaml",
        "assessor: district_centre\n    assessed: street",
        "assessor: district_centre\n    assessed: grid",
        [("PE301", "policy.yaml", 32)],
    ),
    "returned_events_cost_points": (
        "assessments.yaml",
        "when: late_verification",
        "when: returned",
        [("PE304", "assessments.yaml", 34)],
    ),
    "check_in_not_waived": (
        "assessments.yaml",
        "waived_during: [early_testing_shift]",
        "penalty: counted absent",
        [("PE305", "assessments.yaml", 61)],
    ),
}


@pytest.mark.parametrize("name", sorted(ABLATIONS))
def test_well_designed_without_one_remedy(tmp_path, name):
    file, old, new, expected = ABLATIONS[name]
    copy = tmp_path / "well_designed"
    shutil.copytree(EXAMPLES / "well_designed", copy)
    text = (copy / file).read_text(encoding="utf-8")
    assert old in text
    (copy / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    assert golden(copy) == expected


# -- H District --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def h_district():
    return lint_paths([H_DISTRICT])


def by_code(result, code):
    return [f for f in result.findings if f.code == code]


def test_h_district_codes(h_district):
    assert {f.code for f in h_district.findings} == {
        "PE010",
        "PE101",
        "PE102",
        "PE103",
        "PE104",
        "PE105",
        "PE200",
        "PE203",
        "PE301",
        "PE302",
        "PE303",
        "PE304",
        "PE305",
        "PE307",
        "PE313",
        "PE310",
        "PE316",
        "PE317",
        "PE318",
    }


def test_h_district_pe317_street_calls_district_answers(h_district):
    """街呼区应 exists, but no assessment counts the street's evaluation of the district's departments."""
    (finding,) = by_code(h_district, "PE317")
    assert finding.subject.id == "street_calls_district_answers"
    assert "lets 'Town / street' evaluate 'District'" in finding.message


def test_h_district_pe316_transfers_rewarded_returns_penalised(h_district):
    """District transfers score higher (区级转办事项越多,得分越高) and a returned one costs points."""
    (finding,) = by_code(h_district, "PE316")
    assert finding.subject.id == "district_monthly"
    assert "(transferred to the district)" in finding.message and "for returned ones" in finding.message


def test_h_district_pe307_street_q_stakes_on_counts_it_cannot_control(h_district):
    """Street Q puts pay and dismissal on events reported (they depend on what happens in the grid) and,
    through the district's regime it adds to, on the group disposal rate (it depends on other units)."""
    found = by_code(h_district, "PE307")
    assert [(f.subject.id, Path(f.span.file).name, f.span.line) for f in found] == [
        ("street_q_workers", "assessments.yaml", 25),
        ("street_q_workers", "assessments.yaml", 132),
    ]
    assert ["'Group disposal rate'" in found[0].message, "'Events reported'" in found[1].message] == [True, True]


def test_h_district_pe203_temporary_tasks_unreviewed(h_district):
    """The census, vaccination and epidemic tasks land on the grid with no approval and no end."""
    found = by_code(h_district, "PE203")
    assert sorted(f.subject.id for f in found) == ["census", "epidemic_control", "nucleic_acid_testing", "vaccination"]
    assert all("no approval" in f.message and "no end" in f.message for f in found)


def test_h_district_pe101_subjects(h_district):
    assert sorted(f.subject.id for f in by_code(h_district, "PE101")) == [
        "fire_hazards_small_venues",
        "occupied_road_business",
        "production_safety",
    ]


def test_h_district_pe103_road_case(h_district):
    (finding,) = by_code(h_district, "PE103")
    assert finding.subject.id == "broken_road"
    assert "'Highway bureau'" in finding.message


def test_h_district_pe305_check_in_and_testing(h_district):
    """The paper states the check-in is due at 8:30 and the testing, from 6:30, still held the worker then."""
    (finding,) = by_code(h_district, "PE305")
    assert finding.message == (
        "duty 'Organising nucleic-acid testing (from 6:30)' (06:30-08:30) collides with duty 'Check in on the platform "
        "by 8:30 every day' (at 08:30) for 'Grid'"
    )
    assert not [f for f in by_code(h_district, "PE010") if f.message.startswith("PE305")]


def test_h_district_pe315_the_platform_rules_cost_is_not_stated(h_district):
    """The paper states the 网格通 rules on the record, never what complying costs: PE315 cannot judge."""
    found = by_code(h_district, "PE010")
    assert sorted(f.subject.id for f in found) == [
        "wgt_check_in",
        "wgt_photo",
        "wgt_report_format",
        "wgt_tracking",
        "wgt_word_count",
    ]
    assert all(f.message.startswith("PE315 cannot judge") for f in found)
    assert not by_code(h_district, "PE315")


def test_h_district_pe302_adds_10(h_district):
    (finding,) = by_code(h_district, "PE302")
    assert "adds 10" in finding.message
    assert finding.subject.id == "street_q_workers"


def test_h_district_pe301_three_assessors(h_district):
    (finding,) = by_code(h_district, "PE301")
    assert finding.subject.id == "grid"
    assert "3 assessors" in finding.message
    assert (
        "Community Social Governance Workstation, District Social Governance Centre, Street Q Social Governance Centre"
        in finding.message
    )

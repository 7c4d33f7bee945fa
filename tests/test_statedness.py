"""Stated, unknown, absent: the markers `unstated` and `unknown`, and PE010 cannot-judge.

A value a document does not state is neither a value nor "none": the checks that need it say they
cannot judge (PE010, info) instead of reporting a defect, and flag only what holds under every reading.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.admission import decide
from policyengine.cli import main
from policyengine.diagnostics import Severity
from policyengine.errors import InputError
from policyengine.simulate.runs import load_policy
from policyengine.simulate.world import build_world
from policyengine.statedness import UNKNOWN, UNSTATED, marker_at, marker_of, value_of
from tests.test_checks import AUTHORITY, GRID_AT, ISSUED, grid_list, messages, policy
from tests.test_checks_admission import COMPLETE, PE204_ITEMS, PE204_LISTS
from tests.test_checks_admission import lint as lint_admission
from tests.test_simulate import ON as SIM_ON
from tests.test_simulate import TINY
from tests.util import lint_files, located, write_policy

MARKERS = st.sampled_from(["unstated", "unknown"])
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def fresh(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.rmtree(path, ignore_errors=True)
    return path


# == the marker itself ===============================================================================


def test_markers_are_no_values():
    assert marker_of("unstated") is UNSTATED and marker_of("unknown") is UNKNOWN
    assert marker_of("Unstated") is None and marker_of(0) is None
    assert value_of("unknown") is None and value_of(0) == 0
    assert not UNSTATED and str(UNKNOWN) == "unknown"
    # a marked mapping marks every field below it
    assert marker_at({"funding": "unstated"}, ("funding", "people")) is UNSTATED
    assert marker_at({"funding": {"people": 1}}, ("funding", "people")) is None


def test_a_misspelt_marker_is_a_located_pe002_naming_the_markers(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + "    funding: unstatd\n"))
    assert located(result, "PE002") == [("PE002", "items.yaml", 8, 14)]
    (message,) = messages(result, "PE002")
    assert "unstated" in message


def test_a_wrong_value_beside_a_marker_keeps_its_own_message(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + "    cost: {hours_per_month: -3}\n"))
    assert located(result, "PE002") == [("PE002", "items.yaml", 8, 29)]
    assert "unstated" not in messages(result, "PE002")[0]


# == PE102 unfunded-mandate =========================================================================

HOURS = "    cost: {hours_per_month: 80}\n"


@pytest.mark.parametrize(
    ("funding", "at"),
    [("", (5, 11)), ("    funding: unstated\n", (9, 14))],
    ids=["absent", "unstated"],
)
def test_pe102_funding_not_stated_is_pe010(tmp_path, funding, at):
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + HOURS + funding))
    assert located(result, "PE102") == []
    assert located(result, "PE010") == [("PE010", "items.yaml", *at)]
    assert messages(result, "PE010") == [
        "PE102 cannot judge item 'Home visits': the policy does not state the money or people sent with it (funding)"
    ]
    assert [f.severity for f in result.findings if f.code == "PE010"] == [Severity.INFO]


def test_pe102_a_field_marked_unknown_says_so(tmp_path):
    funding = "    funding: {money_yuan_per_year: 0, people: unknown}\n"
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + HOURS + funding))
    assert located(result, "PE010") == [("PE010", "items.yaml", 9, 47)]
    assert messages(result, "PE010") == [
        "PE102 cannot judge item 'Home visits': people transferred (funding.people) marked unknown; find what the document states"
    ]


def test_pe102_funding_stated_as_zero_stays_pe102(tmp_path):
    funding = "    funding: {money_yuan_per_year: 0, people: 0}\n"
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + HOURS + funding))
    assert located(result, "PE102") == [("PE102", "items.yaml", 5, 11)]
    assert located(result, "PE010") == []


def test_pe102_absent_funding_and_zero_cost_is_no_finding(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + "    cost: {hours_per_month: 0}\n"))
    assert located(result, "PE102") == [] and located(result, "PE010") == []


def test_pe102_a_marked_cost_is_pe010_when_funding_may_fall_short(tmp_path):
    items = ISSUED + "    cost: {hours_per_month: unstated}\n    funding: {people: 1}\n"
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE102") == []
    assert located(result, "PE010") == [("PE010", "items.yaml", 8, 29)]
    assert messages(result, "PE010") == [
        "PE102 cannot judge item 'Home visits': the policy does not state hours of work a month (cost.hours_per_month)"
    ]


def test_pe010_is_suppressible_and_does_not_fail_lint(tmp_path):
    root = str(write_policy(tmp_path / "p", policy(items_yaml=ISSUED + HOURS + "    funding: unstated\n")))
    run = CliRunner().invoke
    assert run(main, ["lint", root]).exit_code == 0  # info only: lint passes by default
    assert run(main, ["lint", "--fail-level", "info", root]).exit_code == 1
    sarif = json.loads(run(main, ["lint", "--format", "sarif", root]).output)
    assert [(r["ruleId"], r["level"]) for r in sarif["runs"][0]["results"]] == [("PE010", "note")]
    ignored = ISSUED + HOURS + "    funding: unstated  # policyengine: ignore[PE010]\n"
    result = lint_files(tmp_path / "q", policy(items_yaml=ignored))
    assert located(result, "PE010") == [] and located(result, "PE008") == []


FIELDS = ("funding", "funding.money_yuan_per_year", "funding.people", "cost.hours_per_month", "cost.yuan_per_year")


def _pe102_item(values: dict[str, object]) -> str:
    cost = f"{{hours_per_month: {values['cost.hours_per_month']}, yuan_per_year: {values['cost.yuan_per_year']}}}"
    if values["funding"] is not None:
        funding = str(values["funding"])
    else:
        funding = (
            f"{{money_yuan_per_year: {values['funding.money_yuan_per_year']}, people: {values['funding.people']}}}"
        )
    return ISSUED + f"    cost: {cost}\n    funding: {funding}\n"


@SETTINGS
@given(
    marked=st.sets(st.sampled_from(FIELDS)),
    marker=MARKERS,
    money=st.sampled_from([0, 500, 5000]),
    people=st.sampled_from([0, 0.1, 1]),
    hours=st.sampled_from([0, 20, 80]),
    yuan=st.sampled_from([0, 1000, 5000]),
)
def test_pe102_judges_every_reading_of_what_is_not_stated(tmp_path, marked, marker, money, people, hours, yuan):
    """Flagged only when the most favourable reading is flagged; else PE010 when the least is, naming
    every marked field."""
    stated = {
        "funding": None,
        "funding.money_yuan_per_year": money,
        "funding.people": people,
        "cost.hours_per_month": hours,
        "cost.yuan_per_year": yuan,
    }
    if "funding" in marked:
        marked -= {"funding.money_yuan_per_year", "funding.people"}  # the whole marks its fields
    values = {**stated, **dict.fromkeys(marked, marker)}
    most = {**stated, **{n: 10**6 for n in marked if n.startswith("funding.")}}
    most.update({n: 0 for n in marked if n.startswith("cost.")})
    if "funding" in marked:
        most.update({"funding.money_yuan_per_year": 10**6, "funding.people": 10**6})
    least = {**stated, **{n: 0 for n in marked if n.startswith("funding.")}}
    if "funding" in marked:
        least.update({"funding.money_yuan_per_year": 0, "funding.people": 0})
    least.update({n: 10**5 for n in marked if n.startswith("cost.")})

    def lint(name: str, vals: dict[str, object]):
        return lint_files(fresh(tmp_path, name), policy(items_yaml=_pe102_item(vals)))

    result = lint("marked", values)
    flagged_at_most = bool(located(lint("most", most), "PE102"))
    flagged_at_least = bool(located(lint("least", least), "PE102"))
    assert bool(located(result, "PE102")) == flagged_at_most
    pe010 = messages(result, "PE010")
    if marked and not flagged_at_most and flagged_at_least:
        (message,) = pe010
        assert all(f"({name})" in message for name in marked)
    else:
        assert pe010 == []


# == PE105 inverted-authority =======================================================================

TEAM = "{resources: none, task_setting: none, timing: none, assessment: none}"


def dims(team: str, centre: str = "{resources: high, task_setting: high, timing: high, assessment: high}") -> str:
    return AUTHORITY.replace(TEAM, team).replace(
        "{resources: high, task_setting: high, timing: high, assessment: high}", centre
    )


def test_pe105_inverted_even_at_the_most_favourable_reading(tmp_path):
    grants = dims("{resources: none, task_setting: none, timing: none, assessment: unstated}")
    result = lint_files(tmp_path, policy(dims_yaml=grants, lists_yaml=grid_list(10)))
    assert located(result, "PE105") == [("PE105", *GRID_AT)]
    assert messages(result, "PE105") == [
        "tier 'Grid' carries 10 items (100% of the load) with authority 0.25 on the four dimensions, "
        "against 0.75 at 'District'"
    ]
    assert located(result, "PE010") == []


@pytest.mark.parametrize(
    "team",
    [
        "{resources: none, task_setting: none, timing: unknown, assessment: unstated}",
        "{resources: none, task_setting: none}",
    ],
    ids=["marked", "left-out"],
)
def test_pe105_readings_disagree_is_pe010(tmp_path, team):
    result = lint_files(tmp_path, policy(dims_yaml=dims(team), lists_yaml=grid_list(10)))
    assert located(result, "PE105") == []
    assert located(result, "PE010") == [("PE010", *GRID_AT)]
    assert messages(result, "PE010") == [
        "PE105 cannot judge tier 'Grid': the policy does not state authority over assessment of 'Team' "
        "(dimensions.assessment), authority over timing of 'Team' (dimensions.timing)"
    ]


def test_pe105_an_unstated_level_of_the_strongest_tier_is_a_bound_too(tmp_path):
    centre = "{resources: high, task_setting: high, timing: unstated, assessment: unstated}"
    low = "{resources: low, task_setting: low, timing: low, assessment: low}"
    result = lint_files(tmp_path, policy(dims_yaml=dims(low, centre), lists_yaml=grid_list(10)))
    assert located(result, "PE105") == []
    assert messages(result, "PE010") == [
        "PE105 cannot judge tier 'Grid': the policy does not state authority over assessment of 'Centre' "
        "(dimensions.assessment), authority over timing of 'Centre' (dimensions.timing)"
    ]


def test_pe105_a_holder_without_dimensions_has_none(tmp_path):
    grants = AUTHORITY.replace(f"  - {{unit: team, dimensions: {TEAM}}}\n", "  - {unit: team, powers: [report]}\n")
    result = lint_files(tmp_path, policy(dims_yaml=grants, lists_yaml=grid_list(10)))
    assert located(result, "PE105") == [("PE105", *GRID_AT)]
    assert located(result, "PE010") == []


DIMS = ("resources", "task_setting", "timing", "assessment")


@SETTINGS
@given(marked=st.sets(st.sampled_from(DIMS)), marker=MARKERS, level=st.sampled_from(["none", "low", "partial"]))
def test_pe105_marked_levels_are_bounds(tmp_path, marked, marker, level):
    team = "{" + ", ".join(f"{d}: {marker if d in marked else level}" for d in DIMS) + "}"
    result = lint_files(fresh(tmp_path, "m"), policy(dims_yaml=dims(team), lists_yaml=grid_list(10)))
    top = "{" + ", ".join(f"{d}: {'full' if d in marked else level}" for d in DIMS) + "}"
    bottom = "{" + ", ".join(f"{d}: {'none' if d in marked else level}" for d in DIMS) + "}"
    at_top = located(lint_files(fresh(tmp_path, "t"), policy(dims_yaml=dims(top), lists_yaml=grid_list(10))), "PE105")
    at_bottom = located(
        lint_files(fresh(tmp_path, "b"), policy(dims_yaml=dims(bottom), lists_yaml=grid_list(10))), "PE105"
    )
    assert located(result, "PE105") == at_top
    if at_bottom and not at_top:
        (message,) = messages(result, "PE010")
        assert all(f"of 'Team' (dimensions.{d})" in message for d in marked)
    else:
        assert messages(result, "PE010") == []


# == PE204 admission-procedure-incomplete ============================================================


@pytest.mark.parametrize("part", ["lead_time_days", "approval_deadline_days"])
def test_pe204_a_zero_lead_time_or_deadline_is_missing(tmp_path, part):
    adm = COMPLETE.replace(f"{part}: 30", f"{part}: 0").replace(f"{part}: 15", f"{part}: 0")
    items = PE204_ITEMS.replace("report: [report]}}", "report: [report]}, legal_basis: L}")
    result = lint_admission(tmp_path, items_yaml=items, lists_yaml=PE204_LISTS, adm_yaml=adm)
    assert located(result, "PE204") == [("PE204", "adm.yaml", 2, 9)]
    assert f"({part})" in messages(result, "PE204")[0]


def test_pe204_unstated_is_missing_and_unknown_cannot_be_judged(tmp_path):
    adm = COMPLETE.replace("lead_time_days: 30", "lead_time_days: unstated").replace(
        "publication_required: true", "publication_required: unknown"
    )
    items = PE204_ITEMS.replace("report: [report]}}", "report: [report]}, legal_basis: L}")
    result = lint_admission(tmp_path, items_yaml=items, lists_yaml=PE204_LISTS, adm_yaml=adm)
    assert messages(result, "PE204") == ["admission procedure 'gate' lacks a lead time (lead_time_days)"]
    assert [m for m in messages(result, "PE010") if m.startswith("PE204")] == [
        "PE204 cannot judge admission 'gate': whether the list is published (publication_required) marked unknown; find what the document states"
    ]


@pytest.mark.parametrize(("basis", "code"), [("unstated", "PE204"), ("unknown", "PE010")])
def test_pe204_an_item_legal_basis_marked(tmp_path, basis, code):
    items = PE204_ITEMS.replace("report: [report]}}", f"report: [report]}}, legal_basis: {basis}}}")
    result = lint_admission(tmp_path, items_yaml=items, lists_yaml=PE204_LISTS, adm_yaml=COMPLETE)
    assert [f.code for f in result.findings if f.code == "PE204" or f.message.startswith("PE204")] == [code]


# == PE305 timing-collision =========================================================================

DUTIES = """
duties:
  - id: check_in
    name: {en: Check in}
    applies_to: grid
    start: "08:00"
    end: "08:30"
  - id: testing
    name: {en: Testing}
    applies_to: grid
    start: "06:30"
    end: "09:30"
"""


@pytest.mark.parametrize(
    ("replace", "at", "field"),
    [
        ('    end: "09:30"\n', ("duties.yaml", 7, 9), "end"),
        ("    end: unstated\n", ("duties.yaml", 11, 10), "end"),
        ('    start: "06:30"\n', ("duties.yaml", 7, 9), "start"),
    ],
    ids=["absent", "unstated", "absent-start"],
)
def test_pe305_an_untimed_duty_is_pe010_not_a_collision(tmp_path, replace, at, field):
    old = '    end: "09:30"\n' if field == "end" else '    start: "06:30"\n'
    result = lint_files(tmp_path, policy(duties_yaml=DUTIES.replace(old, "" if replace == old else replace)))
    assert located(result, "PE305") == []
    assert located(result, "PE010") == [("PE010", *at)]
    words = {"start": "start time", "end": "end time"}[field]
    assert messages(result, "PE010") == [
        f"PE305 cannot judge duty 'Testing': the policy does not state {words} ({field})"
    ]


def test_pe305_an_untimed_duty_elsewhere_is_no_finding(tmp_path):
    other = DUTIES.replace('    end: "09:30"\n', "").replace(
        'applies_to: grid\n    start: "06:30"', 'applies_to: street\n    start: "06:30"'
    )
    result = lint_files(tmp_path, policy(duties_yaml=other))
    assert located(result, "PE305") == [] and located(result, "PE010") == []


@SETTINGS
@given(
    marked=st.sets(st.sampled_from([(0, "start"), (0, "end"), (1, "start"), (1, "end")]), min_size=1), marker=MARKERS
)
def test_pe305_never_collides_on_a_marked_end(tmp_path, marked, marker):
    text = DUTIES
    blocks = text.split("  - id: ")
    for index, field in marked:
        block = blocks[index + 1]
        lines = [f"    {field}: {marker}" if line.startswith(f"    {field}:") else line for line in block.split("\n")]
        blocks[index + 1] = "\n".join(lines)
    result = lint_files(fresh(tmp_path, "d"), policy(duties_yaml="  - id: ".join(blocks)))
    assert located(result, "PE305") == []
    found = messages(result, "PE010")
    for index, field in marked:
        duty = ("Check in", "Testing")[index]
        assert any(m.startswith(f"PE305 cannot judge duty '{duty}'") and f"({field})" in m for m in found)


# == the rule language and the simulator ============================================================

RULED = {
    "p.yaml": """
    tiers:
      - {id: district, name: {en: District}}
      - {id: grid, name: {en: Grid}, parent: district}
    items:
      - {id: silent, name: {en: S}, kind: routine, tier: grid, role: report, funding: unstated,
         cost: {hours_per_month: unknown}}
      - {id: none, name: {en: N}, kind: routine, tier: grid, role: report,
         funding: {money_yuan_per_year: 0, people: unknown}, cost: {hours_per_month: 5}}
      - {id: some, name: {en: M}, kind: routine, tier: grid, role: report,
         funding: {money_yuan_per_year: 1, people: unknown}, cost: {hours_per_month: 5}}
    admission:
      - id: gate
        tier: grid
        criteria:
          - when "penalty" in item.funding.powers then reject "a power follows"
          - when item.funding.money == 0 then reject "no money follows"
          - when item.funding.people == 0 or item.cost.hours_per_month > 1 then reject "too little follows"
          - when true then admit
    """
}


def test_rules_read_markers_as_null(tmp_path):
    result = lint_files(tmp_path, RULED)
    assert [f.code for f in result.findings if f.code in ("PE006", "PE007")] == []
    table = {d.item: (d.decision, d.rule) for d in decide(result.policy, result.rules, "2026-01-01").decisions}
    # 'silent': its powers, money, people and hours are null, so no criterion on them holds (not "0", not "none")
    assert table == {
        "silent": ("admitted", "gate.criteria[3]"),
        "none": ("rejected", "gate.criteria[1]"),
        "some": ("rejected", "gate.criteria[2]"),
    }


@pytest.mark.parametrize("marker", ["unstated", "unknown"])
def test_the_simulation_refuses_an_unstated_grid_count_at_its_place(tmp_path, marker):
    files = dict(TINY)
    files["policy.yaml"] = TINY["policy.yaml"].replace(", count: 10}", f", count: {marker}}}")
    policy_ = load_policy([str(write_policy(tmp_path, files))], SIM_ON)
    with pytest.raises(InputError) as caught:
        build_world(policy_, SIM_ON)
    error = caught.value
    assert error.render("en") == f"{error.span.file}:4:59: " + (
        f"the simulation needs the number of grids; the policy leaves the lowest tier's `count` {marker}: "
        "state it or set `simulation: parameters: grids`"
    )
    assert "未说明" in error.render("zh")
    assert build_world(policy_, SIM_ON, {"grids": 12}).grids == 12


VARIANTS = """
tiers:
  - id: district
    name: {en: District}
  - id: community
    name: {en: Community}
    parent: district
    count: unstated
    variants:
      - {id: urban, name: {en: Urban}, count: unstated}
      - {id: rural, name: {en: Rural}, count: unknown}
units:
  - {id: workers, name: {en: Workers}, tier: community, kind: grid_team, counts: {urban: 3, rural: unknown}}
"""


def test_variant_counts_may_be_markers(tmp_path):
    result = lint_files(tmp_path, {"p.yaml": VARIANTS})
    assert [(f.code, f.message) for f in result.findings if f.code in ("PE002", "PE004")] == []
    shapes = result.policy.structure.tiers["community"]
    assert (shapes.variants["urban"].count, shapes.variants["rural"].count) == (None, None)
    assert result.policy.structure.belonging("unit", "workers").counts == {"urban": 3}


STATED = {
    "p.yaml": """
    tiers:
      - {id: district, name: {en: District}}
      - {id: grid, name: {en: Grid}, parent: district}
    items:
      - {id: by_law, name: {en: L}, kind: routine, tier: grid, role: report, legal_basis: "《居民委员会组织法》"}
      - {id: unsaid, name: {en: U}, kind: routine, tier: grid, role: report, legal_basis: unstated}
      - {id: none, name: {en: N}, kind: routine, tier: grid, role: report}
    admission:
      - id: gate
        tier: grid
        criteria:
          - when stated(item.legal_basis) then admit
          - when true then reject "no legal basis is stated"
    """
}


def test_stated_asks_whether_a_value_is_there_which_equality_cannot(tmp_path):
    result = lint_files(tmp_path, STATED)
    assert [f.code for f in result.findings if f.code in ("PE006", "PE007")] == []
    table = {d.item: (d.decision, d.rule) for d in decide(result.policy, result.rules, "2026-01-01").decisions}
    assert table == {
        "by_law": ("admitted", "gate.criteria[0]"),
        "unsaid": ("rejected", "gate.criteria[1]"),
        "none": ("rejected", "gate.criteria[1]"),
    }


def test_stated_takes_one_argument_of_any_type_and_is_never_null(tmp_path):
    files = {"p.yaml": STATED["p.yaml"].replace("stated(item.legal_basis)", "stated(item.legal_basis, item.tier)")}
    result = lint_files(tmp_path, files)
    assert [(f.code, f.message) for f in result.findings if f.code == "PE007"] == [
        ("PE007", "ill-typed rule: stated() takes 1 argument(s), not 2")
    ]
    for operand in ("item.tier", "item.cost.hours_per_month", "item.co_handlers", "{1, 2}"):
        ok = {"p.yaml": STATED["p.yaml"].replace("stated(item.legal_basis)", f"not stated({operand})")}
        assert [f.code for f in lint_files(tmp_path / operand, ok).findings if f.code in ("PE006", "PE007")] == []


def test_an_item_without_funding_has_money_and_people_not_stated_but_no_powers(tmp_path):
    files = {
        "p.yaml": STATED["p.yaml"]
        .replace(', legal_basis: "《居民委员会组织法》"}', ", funding: {money_yuan_per_year: 0, people: 0}}")
        .replace("stated(item.legal_basis) then admit", 'item.funding.money <= 0 then reject "no money follows"')
        .replace(
            'when true then reject "no legal basis is stated"',
            "when not stated(item.funding.people) and item.funding.powers == {} then admit",
        )
    }
    result = lint_files(tmp_path, files)
    assert [f.code for f in result.findings if f.code in ("PE006", "PE007")] == []
    table = {d.item: (d.decision, d.rule) for d in decide(result.policy, result.rules, "2026-01-01").decisions}
    # stated as 0: rejected; not written, or unstated: the money is null, so `<= 0` does not hold
    assert table == {
        "by_law": ("rejected", "gate.criteria[0]"),
        "unsaid": ("admitted", "gate.criteria[1]"),
        "none": ("admitted", "gate.criteria[1]"),
    }

"""Every check, failing and passing, on small inline policies (semantics: notes/check-semantics.md).

Each test lints a few small YAML files and asserts the exact (code, file, line, column) of the
findings of one code. A passing case differs from its failing case by the fix only, so that a
check that fires for another reason (or never fires) makes a test fail.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.admission import decide
from policyengine.config import Config
from policyengine.lint import lint_paths
from tests.util import codes, lint_files, located, write_policy

# -- shared pieces ----------------------------------------------------------------------------------

# district (line 2) > street (line 4) > grid (line 7); the grid's id value is at 7:9.
TIERS = """
tiers:
  - id: district
    name: {en: District}
  - id: street
    name: {en: Street}
    parent: district
  - id: grid
    name: {en: Grid}
    parent: street
"""
GRID_AT = ("tiers.yaml", 7, 9)
DISTRICT_AT = ("tiers.yaml", 2, 9)

# A department at the district holding penalty and administrative; a grid team holding report.
UNITS = """
units:
  - {id: centre, name: {en: Centre}, tier: district, kind: governance_centre}
  - {id: dept, name: {en: Dept}, tier: district, kind: functional_department}
  - {id: street_office, name: {en: Street office}, tier: street, kind: functional_department}
  - {id: team, name: {en: Team}, tier: grid, kind: grid_team}
grants:
  - {unit: dept, powers: [penalty, administrative]}
  - {unit: team, powers: [report]}
"""

WORKFLOW = """
workflow:
  escalation: [grid, street, district]
"""

# An item the grid must handle, needing penalty, which the grid lacks. `role` is at 6:11,
# `tier` at 5:11.
HANDLE_PENALTY = """
items:
  - id: fire
    name: {en: Fire}
    kind: routine
    tier: grid
    role: handle
    requires: {handle: [penalty]}
"""


def policy(**files: str) -> dict[str, str]:
    """The shared tiers, units and workflow plus the given files (name -> text), 'x_yaml' -> 'x.yaml'."""
    base = {"tiers.yaml": TIERS, "units.yaml": UNITS, "workflow.yaml": WORKFLOW}
    base.update({name.replace("_yaml", ".yaml"): text for name, text in files.items()})
    return base


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


def today_offset(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


# == PE001 yaml-syntax ==============================================================================


def test_pe001_unclosed_flow_mapping(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "tiers.yaml": """
        tiers:
          - id: district
            name: {en: District
          - id: grid
    """
        },
    )
    assert located(result, "PE001") == [("PE001", "tiers.yaml", 4, 7)]
    assert "while parsing a flow mapping" in messages(result, "PE001")[0]
    assert codes(result) == ["PE001"]  # nothing else runs on a file that is not YAML


def test_pe001_fixed(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "tiers.yaml": """
        tiers:
          - id: district
            name: {en: District}
          - id: grid
    """
        },
    )
    assert located(result, "PE001") == []


def test_pe001_bad_indentation(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "tiers.yaml": """
        tiers:
          - id: district
           name: {en: District}
    """
        },
    )
    assert located(result, "PE001") == [("PE001", "tiers.yaml", 3, 4)]


# == PE002 schema-violation =========================================================================

MISSPELT_KEY = """
items:
  - id: fire
    name: {en: Fire}
    kind: routine
    tier: grid
    role: handle
    responsibilty: territorial
"""


def test_pe002_unknown_key_points_at_the_key_with_did_you_mean(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=MISSPELT_KEY))
    assert located(result, "PE002") == [("PE002", "items.yaml", 7, 5)]
    assert messages(result, "PE002") == ["unknown key 'responsibilty' in items[0]; did you mean 'responsibility'?"]


def test_pe002_fixed_key(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=MISSPELT_KEY.replace("responsibilty", "responsibility")))
    assert located(result, "PE002") == []
    assert located(result) == []


def test_pe002_bad_enum_value_points_at_the_value(tmp_path):
    result = lint_files(
        tmp_path,
        policy(
            items_yaml=MISSPELT_KEY.replace("responsibilty", "responsibility").replace("role: handle", "role: fix_it")
        ),
    )
    assert located(result, "PE002") == [("PE002", "items.yaml", 6, 11)]
    assert "'fix_it' is not one of: handle, report, assist, resolve_or_report" in messages(result, "PE002")[0]


def test_pe002_unquoted_time_is_not_a_time(tmp_path):
    duty = """
    duties:
      - {id: check_in, name: {en: Check in}, applies_to: grid, end: "08:30"}
      - {id: testing, name: {en: Testing}, applies_to: grid, start: "6:30"}
    """
    result = lint_files(tmp_path, policy(duties_yaml=duty))
    assert located(result, "PE002") == [("PE002", "duties.yaml", 3, 65)]
    assert "not a time of day HH:MM" in messages(result, "PE002")[0]


# == PE003 duplicate-definition =====================================================================


def test_pe003_duplicate_mapping_key_at_the_second_key(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "tiers.yaml": """
        tiers:
          - id: district
            name: {en: District}
          - id: grid
            name: {en: Grid}
            parent: district
            parent: street
    """
        },
    )
    assert located(result, "PE003") == [("PE003", "tiers.yaml", 7, 5)]
    assert messages(result, "PE003") == ["duplicate key 'parent' (first at line 6)"]


def test_pe003_no_duplicate_key(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "tiers.yaml": """
        tiers:
          - id: district
            name: {en: District}
          - id: grid
            name: {en: Grid}
            parent: district
    """
        },
    )
    assert located(result, "PE003") == []


def test_pe003_duplicate_id_across_two_files(tmp_path):
    more = """
    tiers:
      - id: community
        name: {en: Community}
        parent: street
      - id: grid
        name: {en: Grid again}
        parent: community
    """
    result = lint_files(tmp_path, policy(tiers2_yaml=more))
    assert located(result, "PE003") == [("PE003", "tiers2.yaml", 5, 9)]
    (message,) = messages(result, "PE003")
    assert message.startswith("duplicate tier id 'grid' (first defined at ")
    assert message.endswith("tiers.yaml:7:9)")


def test_pe003_distinct_ids_across_two_files(tmp_path):
    more = """
    tiers:
      - id: community
        name: {en: Community}
        parent: street
      - id: grid_b
        name: {en: Grid again}
        parent: community
    """
    result = lint_files(tmp_path, policy(tiers2_yaml=more))
    assert located(result, "PE003") == []


def test_pe003_same_id_in_two_kinds_is_not_a_duplicate(tmp_path):
    # an item and a duty may share an id: ids are unique within one kind
    files = policy(
        items_yaml=HANDLE_PENALTY.replace("tier: grid", "tier: district"),
        duties_yaml="""
        duties:
          - {id: fire, name: {en: Fire drill}, applies_to: grid}
    """,
    )
    assert located(lint_files(tmp_path, files), "PE003") == []


def test_pe003_singleton_section_declared_twice(tmp_path):
    result = lint_files(tmp_path, policy(meta_yaml="policy: {id: a}\n", more_yaml="policy: {id: b}\n"))
    assert located(result, "PE003") == [("PE003", "more.yaml", 1, 1)]
    assert "section 'policy' is declared more than once" in messages(result, "PE003")[0]


# == PE004 unknown-reference ========================================================================


def test_pe004_unknown_tier_with_did_you_mean(tmp_path):
    items = HANDLE_PENALTY.replace("tier: grid", "tier: gird")
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE004") == [("PE004", "items.yaml", 5, 11)]
    assert messages(result, "PE004") == ["unknown tier 'gird' (did you mean 'grid'?)"]


def test_pe004_known_tier(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=HANDLE_PENALTY))
    assert located(result, "PE004") == []


def test_pe004_unknown_power_without_a_close_match(tmp_path):
    items = HANDLE_PENALTY.replace("[penalty]", "[penalty, zzz]")
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE004") == [("PE004", "items.yaml", 7, 34)]
    assert messages(result, "PE004") == ["unknown power 'zzz'"]


def test_pe004_declared_power_is_known(tmp_path):
    items = HANDLE_PENALTY.replace("[penalty]", "[penalty, zzz]") + "powers:\n  - id: zzz\n"
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE004") == []


def test_structural_errors_stop_the_semantic_checks(tmp_path):
    # HANDLE_PENALTY alone gives PE101; with an unknown reference, only PE004 is reported
    items = HANDLE_PENALTY + "    mobilises: [dpt]\n"
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result) == [("PE004", "items.yaml", 8, 17)]
    assert "(did you mean 'dept'?)" in messages(result, "PE004")[0]


# == PE005 tier-cycle ===============================================================================

CYCLE = """
tiers:
  - id: district
    name: {en: District}
  - id: street
    name: {en: Street}
    parent: community
  - id: community
    name: {en: Community}
    parent: street
"""


def test_pe005_cycle(tmp_path):
    result = lint_files(tmp_path, {"tiers.yaml": CYCLE})
    assert located(result, "PE005") == [("PE005", "tiers.yaml", 6, 13)]
    assert messages(result, "PE005") == ["tier hierarchy has a cycle: Street -> Community -> Street"]


def test_pe005_cycle_fixed(tmp_path):
    result = lint_files(tmp_path, {"tiers.yaml": CYCLE.replace("parent: community", "parent: district")})
    assert located(result, "PE005") == []


SECOND_ROOT = """
tiers:
  - id: district
    name: {en: District}
  - id: street
    name: {en: Street}
    parent: district
  - id: grid
    name: {en: Grid}
    parent: street
  - id: village
    name: {en: Village}
"""


def test_pe005_second_root(tmp_path):
    result = lint_files(tmp_path, {"tiers.yaml": SECOND_ROOT})
    assert located(result, "PE005") == [("PE005", "tiers.yaml", 10, 9)]
    assert messages(result, "PE005") == ["tier 'Village' is a second root (the root is 'District'); give it a parent"]


def test_pe005_second_root_fixed(tmp_path):
    result = lint_files(tmp_path, {"tiers.yaml": SECOND_ROOT + "    parent: street\n"})
    assert located(result, "PE005") == []


# == PE101 responsibility-without-authority =========================================================

PE101_AT = [("PE101", "items.yaml", 6, 11)]


def test_pe101_grid_lacks_the_power(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=HANDLE_PENALTY))
    assert located(result, "PE101") == PE101_AT
    assert messages(result, "PE101") == ["item 'Fire': tier 'Grid' must handle it but lacks the power 'penalty'"]


def test_pe101_fixed_by_a_grant_to_the_tier(tmp_path):
    extra = "grants:\n  - {tier: grid, powers: [penalty]}\n"
    result = lint_files(tmp_path, policy(items_yaml=HANDLE_PENALTY, grid_grant_yaml=extra))
    assert located(result, "PE101") == []


def test_pe101_fixed_by_a_grant_to_an_own_unit_at_the_tier(tmp_path):
    extra = "grants:\n  - {unit: team, powers: [penalty]}\n"
    result = lint_files(tmp_path, policy(items_yaml=HANDLE_PENALTY, grid_grant_yaml=extra))
    assert located(result, "PE101") == []


def test_pe101_only_the_role_in_force_counts(tmp_path):
    # the item requires penalty to handle it, but the grid only reports it: report is held
    items = HANDLE_PENALTY.replace("role: handle", "role: report").replace(
        "{handle: [penalty]}", "{handle: [penalty], report: [report]}"
    )
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE101") == []


def test_pe101_funding_powers_count(tmp_path):
    delegated = HANDLE_PENALTY + "    funding: {powers: [penalty]}\n"
    result = lint_files(tmp_path, policy(items_yaml=delegated))
    assert located(result, "PE101") == []
    undelegated = HANDLE_PENALTY + "    funding: {powers: [verify]}\n"
    result = lint_files(tmp_path / "b", policy(items_yaml=undelegated))
    assert located(result, "PE101") == PE101_AT


SECONDED = """
units:
  - id: pro
    name: {en: Professional grid worker}
    tier: grid
    kind: professional_grid
    sent_by: dept
grants:
  - {unit: pro, powers: [penalty]}
"""


def test_pe101_seconded_unit_does_not_lend_its_powers_to_the_tier(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=HANDLE_PENALTY, pro_yaml=SECONDED))
    assert located(result, "PE101") == PE101_AT


def test_pe101_own_unit_at_the_tier_lends_its_powers(tmp_path):
    own = SECONDED.replace("    sent_by: dept\n", "")
    result = lint_files(tmp_path, policy(items_yaml=HANDLE_PENALTY, pro_yaml=own))
    assert located(result, "PE101") == []


def co_handled(coverage: str) -> str:
    return HANDLE_PENALTY + f"    co_handlers:\n      - {{unit: pro{coverage}}}\n"


def test_pe101_seconded_unit_attached_as_co_handler_counts(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=co_handled(", coverage: 5"), pro_yaml=SECONDED))
    assert located(result, "PE101") == []


def test_pe101_co_handler_without_coverage_counts_as_attached(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=co_handled(""), pro_yaml=SECONDED))
    assert located(result, "PE101") == []


def test_pe101_co_handler_spread_too_thin_does_not_count(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=co_handled(", coverage: 12"), pro_yaml=SECONDED))
    assert located(result, "PE101") == PE101_AT
    assert messages(result, "PE101") == [
        "item 'Fire': tier 'Grid' must handle it but lacks the power 'penalty'; "
        "co-handler 'Professional grid worker' holds it but covers 12 grids (more than 5)"
    ]


def test_pe101_threshold_max_co_handler_coverage(tmp_path):
    config = Config(thresholds={"PE101": {"max_co_handler_coverage": 12}})
    result = lint_files(tmp_path, policy(items_yaml=co_handled(", coverage: 12"), pro_yaml=SECONDED), config)
    assert located(result, "PE101") == []
    config = Config(thresholds={"PE101": {"max_co_handler_coverage": 11}})
    result = lint_files(tmp_path / "b", policy(items_yaml=co_handled(", coverage: 12"), pro_yaml=SECONDED), config)
    assert located(result, "PE101") == PE101_AT
    assert "(more than 11)" in messages(result, "PE101")[0]


def test_pe101_lists_every_missing_power(tmp_path):
    items = HANDLE_PENALTY.replace("[penalty]", "[penalty, enforcement, report]")
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE101") == PE101_AT  # one finding per item
    assert messages(result, "PE101") == [
        "item 'Fire': tier 'Grid' must handle it but lacks the powers 'enforcement', 'penalty'"
    ]


@pytest.mark.parametrize(
    "valid, fires",
    [
        ({"to": -1}, True),  # expired yesterday
        ({"from": 1}, True),  # not yet in force
        ({"from": -1, "to": 1}, False),  # in force today
    ],
)
def test_pe101_only_grants_valid_today(tmp_path, valid, fires):
    bounds = ", ".join(f"{k}: '{today_offset(v)}'" for k, v in valid.items())
    extra = f"grants:\n  - {{tier: grid, powers: [penalty], valid: {{{bounds}}}}}\n"
    result = lint_files(tmp_path, policy(items_yaml=HANDLE_PENALTY, grid_grant_yaml=extra))
    assert located(result, "PE101") == (PE101_AT if fires else [])


# == PE102 unfunded-mandate =========================================================================

# An item the district issues to the grid; `tier` at 5:11. Funding and cost are appended.
ISSUED = """
items:
  - id: visits
    name: {en: Home visits}
    kind: routine
    tier: grid
    role: handle
    issued_by: district
"""
PE102_AT = [("PE102", "items.yaml", 5, 11)]


NONE = "    funding: {money_yuan_per_year: 0, people: 0}\n"  # stated: nothing moves with the item


def test_pe102_no_money_no_people(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + NONE))
    assert located(result, "PE102") == PE102_AT
    assert messages(result, "PE102") == [
        "item 'Home visits' is pushed from 'District' down to 'Grid' with no money and no people"
    ]


def test_pe102_explicit_zero_funding_is_no_funding(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + "    funding: {money_yuan_per_year: 0, people: 0}\n"))
    assert located(result, "PE102") == PE102_AT


def test_pe102_cost_declared_zero(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=ISSUED + "    cost: {hours_per_month: 0, yuan_per_year: 0}\n"))
    assert located(result, "PE102") == []


def test_pe102_not_pushed_down(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=ISSUED.replace("issued_by: district", "issued_by: grid")))
    assert located(result, "PE102") == []


def test_pe102_owner_unit_tier_is_the_origin(tmp_path):
    items = ISSUED.replace("issued_by: district", "owner: dept") + NONE
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE102") == PE102_AT
    owned_at_grid = ISSUED.replace("issued_by: district", "owner: team")
    assert located(lint_files(tmp_path / "b", policy(items_yaml=owned_at_grid)), "PE102") == []


def test_pe102_money_below_cost(tmp_path):
    items = ISSUED + "    cost: {yuan_per_year: 1000}\n    funding: {money_yuan_per_year: 500}\n"
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE102") == PE102_AT
    assert messages(result, "PE102") == [
        "item 'Home visits' is pushed down to 'Grid' with 500 yuan/year for a cost of 1000 yuan/year"
    ]


def test_pe102_money_covers_cost(tmp_path):
    items = ISSUED + "    cost: {yuan_per_year: 1000}\n    funding: {money_yuan_per_year: 1000}\n"
    assert located(lint_files(tmp_path, policy(items_yaml=items)), "PE102") == []


def test_pe102_people_below_cost(tmp_path):
    items = ISSUED + "    cost: {hours_per_month: 100}\n    funding: {people: 0.5}\n"
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE102") == PE102_AT
    assert messages(result, "PE102") == [
        "item 'Home visits' is pushed down to 'Grid' with 83 person-hours/month for a cost of 100 hours/month"
    ]


def test_pe102_people_cover_cost(tmp_path):
    items = ISSUED + "    cost: {hours_per_month: 100}\n    funding: {people: 1}\n"
    assert located(lint_files(tmp_path, policy(items_yaml=items)), "PE102") == []


def test_pe102_threshold_hours_per_person_month(tmp_path):
    items = ISSUED + "    cost: {hours_per_month: 100}\n    funding: {people: 0.5}\n"
    config = Config(thresholds={"PE102": {"hours_per_person_month": 200}})
    assert located(lint_files(tmp_path, policy(items_yaml=items), config), "PE102") == []


# == PE103 coordination-deficit =====================================================================

COORDINATION = """
grants:
  - unit: team
    powers:
      - {power: coordination, scope: street}
"""
# The grid must mobilise a street unit (within reach) and a district department (out of reach).
MOBILISES = (
    HANDLE_PENALTY.replace("role: handle", "role: report").replace("{handle: [penalty]}", "{report: [report]}")
    + "    mobilises: [street_office, dept]\n"
)
PE103_AT = [("PE103", "items.yaml", 8, 32)]  # the second `mobilises` entry


def test_pe103_out_of_scope(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=MOBILISES, coord_yaml=COORDINATION))
    assert located(result, "PE103") == PE103_AT
    assert messages(result, "PE103") == [
        "item 'Fire': tier 'Grid' must mobilise 'Dept' (tier 'District') but has no coordination path to it "
        "(its coordination reaches only tier Street and below)"
    ]


def test_pe103_units_list_reaches_the_unit(tmp_path):
    fixed = COORDINATION.replace("scope: street}", "scope: street, units: [dept]}")
    result = lint_files(tmp_path, policy(items_yaml=MOBILISES, coord_yaml=fixed))
    assert located(result, "PE103") == []


def test_pe103_wider_scope_reaches_the_unit(tmp_path):
    fixed = COORDINATION.replace("scope: street", "scope: district")
    result = lint_files(tmp_path, policy(items_yaml=MOBILISES, coord_yaml=fixed))
    assert located(result, "PE103") == []


def test_pe103_no_coordination_power(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=MOBILISES))
    assert located(result, "PE103") == [("PE103", "items.yaml", 8, 17), ("PE103", "items.yaml", 8, 32)]
    assert all(m.endswith("(it holds no coordination power)") for m in messages(result, "PE103"))


def test_pe103_coordination_of_another_tier_does_not_count(tmp_path):
    # a street unit's coordination reaching the district does not help the grid: it is not held at the grid
    other = COORDINATION.replace("unit: team", "unit: street_office").replace("scope: street", "scope: district")
    result = lint_files(tmp_path, policy(items_yaml=MOBILISES, coord_yaml=other))
    assert located(result, "PE103") == [("PE103", "items.yaml", 8, 17), ("PE103", "items.yaml", 8, 32)]


def test_pe103_seconded_unit_coordination_is_not_the_tiers(tmp_path):
    # coordination must be *held by T*; a seconded unit (sent_by) is not the tier's own
    seconded = SECONDED.replace("powers: [penalty]}", "powers: [{power: coordination, scope: district}]}")
    result = lint_files(tmp_path, policy(items_yaml=MOBILISES, coord_yaml=COORDINATION, pro_yaml=seconded))
    assert located(result, "PE103") == PE103_AT


def test_pe103_own_unit_coordination_counts(tmp_path):
    own = SECONDED.replace("    sent_by: dept\n", "").replace(
        "powers: [penalty]}", "powers: [{power: coordination, scope: district}]}"
    )
    result = lint_files(tmp_path, policy(items_yaml=MOBILISES, coord_yaml=COORDINATION, pro_yaml=own))
    assert located(result, "PE103") == []


def test_pe103_tier_grant_counts(tmp_path):
    tier_grant = "grants:\n  - tier: grid\n    powers:\n      - {power: coordination, scope: district}\n"
    result = lint_files(tmp_path, policy(items_yaml=MOBILISES, coord_yaml=tier_grant))
    assert located(result, "PE103") == []


# == PE104 escalation-dead-end ======================================================================

# The grid reports fire hazards whose handling needs penalty: `tier` at 5:11.
REPORTS_PENALTY = HANDLE_PENALTY.replace("role: handle", "role: report").replace(
    "{handle: [penalty]}", "{handle: [penalty], report: [report]}"
)
PE104_AT = [("PE104", "items.yaml", 5, 11)]


def workflow(escalation: str, extra: str = "") -> str:
    return f"workflow:\n  escalation: [{escalation}]\n{extra}"


def test_pe104_settled_by_a_unit_up_the_chain(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=REPORTS_PENALTY))
    assert located(result, "PE104") == []


def test_pe104_dead_end_when_no_unit_up_the_chain_holds_it(tmp_path):
    files = policy(items_yaml=REPORTS_PENALTY, workflow_yaml=workflow("grid, street"))
    result = lint_files(tmp_path, files)
    assert located(result, "PE104") == PE104_AT
    assert messages(result, "PE104") == [
        "item 'Fire': no unit on the escalation path from 'Grid' holds the power 'penalty'"
    ]


def test_pe104_dispatchable_unit_settles(tmp_path):
    flow = workflow("grid, street", "  dispatch:\n    - {from: street, to: [dept]}\n")
    result = lint_files(tmp_path, policy(items_yaml=REPORTS_PENALTY, workflow_yaml=flow))
    assert located(result, "PE104") == []


def test_pe104_higher_tier_own_grant_settles(tmp_path):
    extra = "grants:\n  - {tier: street, powers: [penalty]}\n"
    files = policy(items_yaml=REPORTS_PENALTY, workflow_yaml=workflow("grid, street"), street_yaml=extra)
    assert located(lint_files(tmp_path, files), "PE104") == []


def test_pe104_dead_end_when_the_tier_is_not_on_the_chain(tmp_path):
    files = policy(items_yaml=REPORTS_PENALTY, workflow_yaml=workflow("street, district"))
    assert located(lint_files(tmp_path, files), "PE104") == PE104_AT


def test_pe104_powers_must_be_held_by_one_unit(tmp_path):
    # penalty at the district's dept, enforcement at the centre: no single unit holds both
    items = REPORTS_PENALTY.replace("handle: [penalty]", "handle: [penalty, enforcement]")
    extra = "grants:\n  - {unit: centre, powers: [enforcement]}\n"
    result = lint_files(tmp_path, policy(items_yaml=items, centre_yaml=extra))
    assert located(result, "PE104") == PE104_AT
    both = "grants:\n  - {unit: dept, powers: [enforcement]}\n"
    assert located(lint_files(tmp_path / "b", policy(items_yaml=items, centre_yaml=both)), "PE104") == []


RETURN_RESPONSIBILITY = workflow(
    "grid, street, district", "  returns:\n    - {from: district, to: assigned_tier, basis: responsibility}\n"
)


def test_pe104_returned_to_a_tier_that_lacks_the_power(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=REPORTS_PENALTY, workflow_yaml=RETURN_RESPONSIBILITY))
    assert located(result, "PE104") == PE104_AT
    assert messages(result, "PE104") == [
        "item 'Fire': events are returned from 'District' to 'Grid', which lacks the power 'penalty'"
    ]


def test_pe104_return_on_authority_is_fine(tmp_path):
    flow = RETURN_RESPONSIBILITY.replace("basis: responsibility", "basis: authority")
    assert located(lint_files(tmp_path, policy(items_yaml=REPORTS_PENALTY, workflow_yaml=flow)), "PE104") == []


def test_pe104_return_to_the_tier_by_name(tmp_path):
    flow = RETURN_RESPONSIBILITY.replace("to: assigned_tier", "to: grid")
    assert located(lint_files(tmp_path, policy(items_yaml=REPORTS_PENALTY, workflow_yaml=flow)), "PE104") == PE104_AT
    flow = RETURN_RESPONSIBILITY.replace("to: assigned_tier", "to: street")
    assert located(lint_files(tmp_path / "b", policy(items_yaml=REPORTS_PENALTY, workflow_yaml=flow)), "PE104") == []


def test_pe104_return_to_a_tier_that_holds_the_power(tmp_path):
    items = REPORTS_PENALTY + "    funding: {powers: [penalty]}\n"
    result = lint_files(tmp_path, policy(items_yaml=items, workflow_yaml=RETURN_RESPONSIBILITY))
    assert located(result, "PE104") == []


def test_pe104_dead_end_takes_precedence_over_return(tmp_path):
    flow = workflow("grid, street", "  returns:\n    - {from: street, to: assigned_tier, basis: responsibility}\n")
    result = lint_files(tmp_path, policy(items_yaml=REPORTS_PENALTY, workflow_yaml=flow))
    assert located(result, "PE104") == PE104_AT  # one finding per item
    assert messages(result, "PE104")[0].startswith("item 'Fire': no unit on the escalation path")


# == PE105 inverted-authority =======================================================================

AUTHORITY = """
grants:
  - {unit: centre, dimensions: {resources: high, task_setting: high, timing: high, assessment: high}}
  - {unit: team, dimensions: {resources: none, task_setting: none, timing: none, assessment: none}}
"""


def grid_list(stated: int, items: str = "") -> str:
    return f"lists:\n  - {{id: grid_list, tier: grid, kind: duties, items: [{items}], stated: {{items: {stated}}}}}\n"


def test_pe105_heavy_load_low_authority(tmp_path):
    result = lint_files(tmp_path, policy(dims_yaml=AUTHORITY, lists_yaml=grid_list(10)))
    assert located(result, "PE105") == [("PE105", *GRID_AT)]
    assert messages(result, "PE105") == [
        "tier 'Grid' carries 10 items (100% of the load) with authority 0.00 on the four dimensions, "
        "against 0.75 at 'District'"
    ]


def test_pe105_min_items(tmp_path):
    result = lint_files(tmp_path, policy(dims_yaml=AUTHORITY, lists_yaml=grid_list(4)))
    assert located(result, "PE105") == []
    result = lint_files(tmp_path / "b", policy(dims_yaml=AUTHORITY, lists_yaml=grid_list(5)))
    assert located(result, "PE105") == [("PE105", *GRID_AT)]


def test_pe105_load_is_items_plus_stated_beyond_declared(tmp_path):
    # 1 item assigned to the grid, declared in a list stating 6 -> load 1 + (6 - 1) = 6
    result = lint_files(
        tmp_path, policy(dims_yaml=AUTHORITY, items_yaml=REPORTS_PENALTY, lists_yaml=grid_list(6, "fire"))
    )
    assert located(result, "PE105") == [("PE105", *GRID_AT)]
    assert "carries 6 items" in messages(result, "PE105")[0]


def test_pe105_authority_above_half_the_top(tmp_path):
    partial = AUTHORITY.replace("none", "partial")  # 0.50 against 0.75
    result = lint_files(tmp_path, policy(dims_yaml=partial, lists_yaml=grid_list(10)))
    assert located(result, "PE105") == []


def test_pe105_threshold_ratio(tmp_path):
    partial = AUTHORITY.replace("none", "partial")  # 0.50 * 1.5 = 0.75 <= 0.75
    config = Config(thresholds={"PE105": {"ratio": 1.5}})
    result = lint_files(tmp_path, policy(dims_yaml=partial, lists_yaml=grid_list(10)), config)
    assert located(result, "PE105") == [("PE105", *GRID_AT)]
    assert "with authority 0.50 on the four dimensions, against 0.75 at 'District'" in messages(result, "PE105")[0]


# == PE200 no-admission-procedure ===================================================================

LINE_LIST = """
items:
  - {id: fire, name: {en: Fire}, kind: line, tier: grid, role: report, requires: {report: [report]}}
lists:
  - {id: grid_line, tier: grid, kind: duties, items: [fire]}
  - {id: grid_routine, tier: grid, kind: duties}
"""
PE200_AT = [("PE200", *GRID_AT)]


def test_pe200_line_list_without_admission(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=LINE_LIST))
    assert located(result, "PE200") == PE200_AT
    assert messages(result, "PE200") == [
        "tier 'Grid' receives 1 line item(s) but no admission procedure governs 'grid_line'"
    ]


def test_pe200_procedure_naming_the_list(tmp_path):
    adm = "admission:\n  - {id: adm, tier: grid, lists: [grid_line]}\n"
    assert located(lint_files(tmp_path, policy(items_yaml=LINE_LIST, adm_yaml=adm)), "PE200") == []


def test_pe200_procedure_without_lists_governs_all_lists(tmp_path):
    adm = "admission:\n  - {id: adm, tier: grid}\n"
    assert located(lint_files(tmp_path, policy(items_yaml=LINE_LIST, adm_yaml=adm)), "PE200") == []


def test_pe200_procedure_naming_another_list(tmp_path):
    adm = "admission:\n  - {id: adm, tier: grid, lists: [grid_routine]}\n"
    assert located(lint_files(tmp_path, policy(items_yaml=LINE_LIST, adm_yaml=adm)), "PE200") == PE200_AT


def test_pe200_procedure_of_another_tier(tmp_path):
    adm = "admission:\n  - {id: adm, tier: street}\n"
    assert located(lint_files(tmp_path, policy(items_yaml=LINE_LIST, adm_yaml=adm)), "PE200") == PE200_AT


def test_pe200_routine_items_need_no_procedure(tmp_path):
    routine = LINE_LIST.replace("kind: line", "kind: routine")
    assert located(lint_files(tmp_path, policy(items_yaml=routine)), "PE200") == []


CATEGORY_LIST = """
categories:
  - {id: urban, name: {en: Urban management}, kind: line}
lists:
  - {id: grid_line, tier: grid, kind: duties, categories: [urban], stated: {items: 1000}}
  - {id: grid_also, tier: grid, kind: duties, items: [stall, fire], stated: {items: 50}}
"""


def test_pe200_line_category_without_items_gives_no_count(tmp_path):
    result = lint_files(tmp_path, policy(cats_yaml=CATEGORY_LIST.split("  - {id: grid_also")[0]))
    assert located(result, "PE200") == PE200_AT
    assert messages(result, "PE200") == [
        "tier 'Grid' lists line categories but no admission procedure governs 'grid_line'"
    ]
    zh = lint_files(tmp_path / "zh", policy(cats_yaml=CATEGORY_LIST.split("  - {id: grid_also")[0]), lang="zh")
    assert [f.message for f in zh.findings if f.code == "PE200"] == [
        "“grid”的清单列有条线类别,但“grid_line”未纳入任何准入程序"
    ]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stated=st.lists(st.integers(0, 10**6), min_size=2, max_size=2), unlisted=st.integers(0, 3))
def test_pe200_counts_the_line_items_it_saw_each_once(tmp_path_factory, stated, unlisted):
    # stall is on grid_line by its category and on grid_also by id, fire on grid_also: 2 items seen on lists,
    # whatever the lists state, plus the line items assigned to the grid outside every list
    lists = CATEGORY_LIST.replace("{items: 50}", f"{{items: {stated[1]}}}").replace(
        "{items: 1000}", f"{{items: {stated[0]}}}"
    )
    items = "items:\n" + "".join(
        f"  - {{id: {i}, name: {{en: X}}, kind: line, tier: grid, role: report{extra}}}\n"
        for i, extra in [("stall", ", category: urban"), ("fire", "")] + [(f"u{n}", "") for n in range(unlisted)]
    )
    result = lint_files(tmp_path_factory.mktemp("p"), policy(cats_yaml=lists, items_yaml=items))
    assert messages(result, "PE200") == [
        f"tier 'Grid' receives {2 + unlisted} line item(s) but no admission procedure governs 'grid_line', 'grid_also'"
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    end=st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    on=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
)
def test_pe200_honours_the_procedures_valid_dates_as_admit_does(tmp_path_factory, start, end, on):
    valid = {k: f'"{v.isoformat()}"' for k, v in (("from", start), ("to", end)) if v is not None}
    in_force = (start is None or start <= on) and (end is None or on <= end)
    shown = ", ".join(f"{k}: {v}" for k, v in valid.items())
    adm = (
        f"admission:\n  - {{id: adm, tier: grid, valid: {{{shown}}}}}\n"
        if valid
        else "admission:\n  - {id: adm, tier: grid}\n"
    )
    root = write_policy(tmp_path_factory.mktemp("p"), policy(items_yaml=LINE_LIST, adm_yaml=adm))
    result = lint_paths([root], on=on.isoformat())
    if start is not None and end is not None and end < start:
        return  # an empty range is its own structural finding
    assert located(result, "PE200") == ([] if in_force else PE200_AT)
    admit = decide(result.policy, result.rules, on.isoformat())
    assert [d.decision for d in admit.decisions] == ["pending" if in_force else "unreviewed"]


def test_pe200_unlisted_line_item(tmp_path):
    items = "items:\n  - {id: fire, name: {en: Fire}, kind: line, tier: grid, role: report}\n"
    result = lint_files(tmp_path, policy(items_yaml=items))
    assert located(result, "PE200") == PE200_AT
    assert messages(result, "PE200") == [
        "tier 'Grid' receives 1 line item(s) but no admission procedure governs its lists"
    ]
    adm = "admission:\n  - {id: adm, tier: grid}\n"
    assert located(lint_files(tmp_path / "b", policy(items_yaml=items, adm_yaml=adm)), "PE200") == []


# == PE301 assessment-overload ======================================================================

THREE_ASSESSORS = """
assessments:
  - {id: a, assessor: centre, assessed: grid}
  - {id: b, assessor: street_office, assessed: grid}
  - {id: c, assessor: dept, assessed: team}
"""
PE301_AT = [("PE301", *GRID_AT)]


def test_pe301_three_assessors(tmp_path):
    result = lint_files(tmp_path, policy(assessments_yaml=THREE_ASSESSORS))
    assert located(result, "PE301") == PE301_AT
    assert messages(result, "PE301") == [
        "tier 'Grid' is assessed by 3 assessors (Centre, Dept, Street office); at most 2 allowed"
    ]


def test_pe301_two_assessors(tmp_path):
    two = THREE_ASSESSORS.replace("assessor: dept", "assessor: centre")  # the same assessor twice counts once
    assert located(lint_files(tmp_path, policy(assessments_yaml=two)), "PE301") == []


def test_pe301_threshold_max_assessors(tmp_path):
    config = Config(thresholds={"PE301": {"max_assessors": 3}})
    assert located(lint_files(tmp_path, policy(assessments_yaml=THREE_ASSESSORS), config), "PE301") == []
    config = Config(thresholds={"PE301": {"max_assessors": 1}})
    two = THREE_ASSESSORS.replace("assessor: dept", "assessor: centre")
    result = lint_files(tmp_path / "b", policy(assessments_yaml=two), config)
    assert located(result, "PE301") == PE301_AT
    assert messages(result, "PE301") == [
        "tier 'Grid' is assessed by 2 assessors (Centre, Street office); at most 1 allowed"
    ]


# == PE302 quota-escalation =========================================================================

ADDS_TO = """
assessments:
  - id: district_monthly
    assessor: centre
    assessed: street
    quotas:
      - {metric: events_reported, kind: count, min: 30}
  - id: street_rules
    assessor: street_office
    assessed: grid
    adds_to: district_monthly
    quotas:
      - metric: events_reported
        kind: count
        add: 10
"""


def test_pe302_adds_to_a_quota(tmp_path):
    result = lint_files(tmp_path, policy(assessments_yaml=ADDS_TO))
    assert located(result, "PE302") == [("PE302", "assessments.yaml", 14, 14)]
    assert messages(result, "PE302") == [
        "regime 'street_rules' adds 10 to the 'events_reported' quota set by 'district_monthly'"
    ]


def test_pe302_adds_nothing(tmp_path):
    assert located(lint_files(tmp_path, policy(assessments_yaml=ADDS_TO.replace("add: 10", "add: 0"))), "PE302") == []


def test_pe302_adds_to_a_metric_the_base_does_not_set(tmp_path):
    other = ADDS_TO.replace("metric: events_reported\n", "metric: home_visits\n")
    assert located(lint_files(tmp_path, policy(assessments_yaml=other)), "PE302") == []


SAME_TARGET = """
assessments:
  - id: district_rules
    assessor: centre
    assessed: grid
    quotas:
      - {metric: events_reported, kind: count, min: 30}
  - id: street_rules
    assessor: street_office
    assessed: grid
    quotas:
      - metric: events_reported
        kind: count
        min: 40
"""


def test_pe302_lower_tier_raises_the_min_on_the_same_target(tmp_path):
    result = lint_files(tmp_path, policy(assessments_yaml=SAME_TARGET))
    assert located(result, "PE302") == [("PE302", "assessments.yaml", 13, 14)]
    assert messages(result, "PE302") == [
        "regime 'street_rules' raises the 'events_reported' quota from 30 ('district_rules') to 40"
    ]


def test_pe302_same_min_is_not_a_raise(tmp_path):
    assert (
        located(lint_files(tmp_path, policy(assessments_yaml=SAME_TARGET.replace("min: 40", "min: 30"))), "PE302") == []
    )


def test_pe302_higher_tier_raising_is_not_escalation(tmp_path):
    # the district sets 40 after the street's 30: the higher level sets the quota, nobody adds to it
    swapped = SAME_TARGET.replace("min: 30", "min: 40_").replace("min: 40\n", "min: 30\n").replace("40_", "40")
    assert located(lint_files(tmp_path, policy(assessments_yaml=swapped)), "PE302") == []


# == PE303 count-quota-forced-ranking ===============================================================

FORCED = """
assessments:
  - id: street_rules
    assessor: street_office
    assessed: grid
    quotas:
      - {metric: events_reported, kind: count, min: 40}
    ranking:
      of: worker
      consequences:
        - {when: {bottom: 2}, effect: lose_performance_pay}
"""
PE303_AT = [("PE303", "assessments.yaml", 8, 7)]


def test_pe303_count_quota_with_forced_ranking(tmp_path):
    result = lint_files(tmp_path, policy(assessments_yaml=FORCED))
    assert located(result, "PE303") == PE303_AT
    assert messages(result, "PE303") == [
        "regime 'street_rules' ranks against count quotas (events_reported) with lose performance pay at stake "
        "— invites quota filling"
    ]


def test_pe303_needs_rank_position_consequences(tmp_path):
    by_score = FORCED.replace("{bottom: 2}", "{score_at_most: 59}")
    assert located(lint_files(tmp_path, policy(assessments_yaml=by_score)), "PE303") == []


def test_pe303_needs_a_count_quota(tmp_path):
    rate = FORCED.replace("kind: count, min: 40", "kind: rate, min: 0.9")
    assert located(lint_files(tmp_path, policy(assessments_yaml=rate)), "PE303") == []


def test_pe303_needs_something_at_stake(tmp_path):
    funding = FORCED.replace("effect: lose_performance_pay", "effect: funding")
    assert located(lint_files(tmp_path, policy(assessments_yaml=funding)), "PE303") == []
    config = Config(thresholds={"PE303": {"stakes": ["funding"]}})
    assert located(lint_files(tmp_path / "b", policy(assessments_yaml=funding), config), "PE303") == PE303_AT


def test_pe303_inherited_count_quota(tmp_path):
    inherited = """
    assessments:
      - id: district_monthly
        assessor: centre
        assessed: street
        quotas:
          - {metric: events_reported, kind: count, min: 30}
      - id: street_rules
        assessor: street_office
        assessed: grid
        adds_to: district_monthly
        ranking:
          of: worker
          consequences:
            - {when: {top: 2}, effect: double_performance_pay}
    """
    result = lint_files(tmp_path, policy(assessments_yaml=inherited))
    assert located(result, "PE303") == [("PE303", "assessments.yaml", 12, 7)]
    no_adds_to = inherited.replace("        adds_to: district_monthly\n", "")
    assert located(lint_files(tmp_path / "b", policy(assessments_yaml=no_adds_to)), "PE303") == []


def test_pe303_stakes_must_be_on_rank_position_consequences(tmp_path):
    mixed = FORCED.replace(
        "effect: lose_performance_pay}", "effect: funding}\n        - {when: {score_at_most: 59}, effect: dismissal}"
    )
    assert located(lint_files(tmp_path, policy(assessments_yaml=mixed)), "PE303") == []


# == PE304 escalation-penalised =====================================================================

DEDUCTS = """
assessments:
  - id: district_monthly
    assessor: centre
    assessed: street
    scoring:
      - {when: late_verification, effect: deduct}
      - {when: returned, effect: deduct}
"""
RETURNS = workflow(
    "grid, street, district", "  returns:\n    - {from: district, to: assigned_tier, basis: authority}\n"
)


def test_pe304_returned_events_cost_points(tmp_path):
    result = lint_files(tmp_path, policy(assessments_yaml=DEDUCTS, workflow_yaml=RETURNS))
    assert located(result, "PE304") == [("PE304", "assessments.yaml", 7, 9)]
    assert messages(result, "PE304") == [
        "regime 'district_monthly' deducts points when an event is returned, and the workflow returns escalated "
        "events — invites selective reporting"
    ]


def test_pe304_no_returns_in_the_workflow(tmp_path):
    assert located(lint_files(tmp_path, policy(assessments_yaml=DEDUCTS)), "PE304") == []


def test_pe304_no_deduction_for_returned(tmp_path):
    bonus = DEDUCTS.replace("{when: returned, effect: deduct}", "{when: returned, effect: score}")
    assert located(lint_files(tmp_path, policy(assessments_yaml=bonus, workflow_yaml=RETURNS)), "PE304") == []


def test_pe304_threshold_events(tmp_path):
    config = Config(thresholds={"PE304": {"events": ["returned", "late_verification"]}})
    result = lint_files(tmp_path, policy(assessments_yaml=DEDUCTS, workflow_yaml=RETURNS), config)
    assert located(result, "PE304") == [("PE304", "assessments.yaml", 6, 9), ("PE304", "assessments.yaml", 7, 9)]


# == PE305 timing-collision =========================================================================

DUTIES = """
duties:
  - id: check_in
    name: {en: Check in by 8:30}
    applies_to: grid
    start: "00:00"
    end: "08:30"
  - id: testing
    name: {en: Testing from 6:30}
    applies_to: grid
    start: "06:30"
    end: "09:30"
"""
PE305_AT = [("PE305", "duties.yaml", 7, 9)]


def test_pe305_overlapping_windows(tmp_path):
    result = lint_files(tmp_path, policy(duties_yaml=DUTIES))
    assert located(result, "PE305") == PE305_AT
    assert messages(result, "PE305") == [
        "duty 'Testing from 6:30' (06:30-09:30) collides with duty 'Check in by 8:30' (00:00-08:30) for 'Grid'"
    ]


def test_pe305_waived_during(tmp_path):
    waived = DUTIES.replace('    end: "08:30"\n', '    end: "08:30"\n    waived_during: [testing]\n')
    assert located(lint_files(tmp_path, policy(duties_yaml=waived)), "PE305") == []
    waived_other_way = DUTIES + "    waived_during: [check_in]\n"
    assert located(lint_files(tmp_path / "b", policy(duties_yaml=waived_other_way)), "PE305") == []


def test_pe305_non_overlapping_windows(tmp_path):
    later = DUTIES.replace('start: "06:30"\n    end: "09:30"', 'start: "09:00"\n    end: "12:00"')
    assert located(lint_files(tmp_path, policy(duties_yaml=later)), "PE305") == []


def test_pe305_touching_windows_overlap(tmp_path):
    touching = DUTIES.replace('start: "06:30"\n    end: "09:30"', 'start: "08:30"\n    end: "12:00"')
    result = lint_files(tmp_path, policy(duties_yaml=touching))
    assert located(result, "PE305") == PE305_AT
    assert "(08:30-12:00)" in messages(result, "PE305")[0]


def test_pe305_non_overlapping_active_dates(tmp_path):
    dated = (
        DUTIES.replace('    end: "08:30"\n', '    end: "08:30"\n    active: {from: "2023-01-01"}\n')
        + '    active: {from: "2022-04-01", to: "2022-06-30"}\n'
    )
    assert located(lint_files(tmp_path, policy(duties_yaml=dated)), "PE305") == []
    overlapping = dated.replace('to: "2022-06-30"', 'to: "2023-06-30"')
    assert located(lint_files(tmp_path / "b", policy(duties_yaml=overlapping)), "PE305") == [
        ("PE305", "duties.yaml", 8, 9)
    ]


def test_pe305_duty_on_a_unit_at_the_tier(tmp_path):
    on_unit = DUTIES.replace('    applies_to: grid\n    start: "00:00"', '    applies_to: team\n    start: "00:00"')
    result = lint_files(tmp_path, policy(duties_yaml=on_unit))
    assert located(result, "PE305") == PE305_AT
    assert messages(result, "PE305")[0].endswith("for 'Team'")


def test_pe305_different_tiers(tmp_path):
    other = DUTIES.replace('    applies_to: grid\n    start: "00:00"', '    applies_to: street\n    start: "00:00"')
    assert located(lint_files(tmp_path, policy(duties_yaml=other)), "PE305") == []


def test_pe305_finding_at_the_later_declared_duty(tmp_path):
    # the testing duty declared in an earlier file: the check-in is now the later one
    first, second = DUTIES.split("  - id: testing")
    result = lint_files(tmp_path, policy(duties_yaml=first, a_duties_yaml="duties:\n  - id: testing" + second))
    assert located(result, "PE305") == [("PE305", "duties.yaml", 2, 9)]
    assert messages(result, "PE305") == [
        "duty 'Check in by 8:30' (00:00-08:30) collides with duty 'Testing from 6:30' (06:30-09:30) for 'Grid'"
    ]


# == --lang zh ======================================================================================


def test_messages_in_chinese(tmp_path):
    files = policy(items_yaml=co_handled(", coverage: 12"), pro_yaml=SECONDED, duties_yaml=DUTIES)
    result = lint_files(tmp_path, files, lang="zh")
    assert messages(result, "PE101") == [
        "事项“fire”:“grid”须办理该事项,却不具备“处罚权”;“pro”具备该权力,但须同时负责 12 个网格(超过 5 个),难以到场处置"
    ]
    (collision,) = messages(result, "PE305")
    assert collision.startswith("“grid”的职责“testing”(") and collision.endswith(")时间冲突")
    assert "06:30" in collision and "与职责“check_in”(" in collision and "08:30" in collision
    assert located(result, "PE101") == PE101_AT  # same positions in every language


def test_structural_messages_in_chinese(tmp_path):
    result = lint_files(tmp_path, policy(items_yaml=HANDLE_PENALTY.replace("tier: grid", "tier: gird")), lang="zh")
    assert messages(result, "PE004") == ["未知的层级“gird”(是否想写“grid”?)"]
    result = lint_files(tmp_path / "b", policy(items_yaml=MISSPELT_KEY), lang="zh")
    assert messages(result, "PE002") == ["items[0] 中有未知的键“responsibilty”;是否想写“responsibility”?"]

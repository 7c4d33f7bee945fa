"""The admission checks PE201-PE206 on small inline policies: failing, passing, and properties.

Each failing case asserts the exact (code, file, line, column) and message fragments; its passing
variant differs by the fix only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.admission import decide, governing
from policyengine.config import Config
from policyengine.lint import lint_paths
from tests.util import located, write_policy

ROOT = Path(__file__).resolve().parent.parent
ON = "2026-01-01"

# district > street > grid. The centre reviews; the department owns line items; the task force is a
# temporary body at the street; the team is the grid's own unit.
BASE = """
tiers:
  - {id: district, name: {en: District}}
  - {id: street, name: {en: Street}, parent: district}
  - {id: grid, name: {en: Grid}, parent: street}
units:
  - {id: centre, name: {en: Centre}, tier: district, kind: governance_centre}
  - {id: dept, name: {en: Dept}, tier: district, kind: functional_department}
  - {id: task_force, name: {en: Task force}, tier: street, kind: committee}
  - {id: team, name: {en: Team}, tier: grid, kind: grid_team}
grants:
  - {unit: team, powers: [report]}
"""

# A complete procedure for the grid: nothing of PE204 to find.
COMPLETE = """
admission:
  - id: gate
    tier: grid
    reviewer: centre
    lead_time_days: 30
    approval_deadline_days: 15
    legal_basis_required: true
    publication_required: true
    temporary: {approval_by: centre, max_term_days: 90}
"""


def lint(tmp_path: Path, on: str = ON, config: Config | None = None, lang: str = "en", **files: str):
    """Lint BASE plus the given files ('x_yaml' -> 'x.yaml') on date `on`."""
    named = {k.replace("_yaml", ".yaml"): v for k, v in files.items()}
    return lint_paths([write_policy(tmp_path, {"base.yaml": BASE, **named})], config, lang, on=on)


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


# == PE201 inadmissible-item =========================================================================

# `road` must be assisted: the gate admits reports only. Entry `road` of the list is at lists.yaml 2:61.
PE201_ITEMS = """
items:
  - {id: fire, name: {en: Fire}, kind: line, owner: dept, tier: grid, role: report,
     requires: {report: [report]}, legal_basis: Fire law}
  - {id: road, name: {en: Road}, kind: line, owner: dept, tier: grid, role: assist,
     legal_basis: Road notice}
"""
PE201_LISTS = """lists:
  - {id: grid_line, tier: grid, kind: duties, items: [fire, road]}
"""
PE201_GATE = (
    COMPLETE
    + """    criteria:
      - >
        when item.role == "report" then admit
        otherwise reject "the grid only reports"
"""
)


def test_pe201_listed_item_the_criteria_reject(tmp_path):
    result = lint(tmp_path, items_yaml=PE201_ITEMS, lists_yaml=PE201_LISTS, adm_yaml=PE201_GATE)
    assert located(result, "PE201") == [("PE201", "lists.yaml", 2, 61)]
    (message,) = messages(result, "PE201")
    assert message == (
        "item 'Road' in list 'grid_line' is rejected by admission procedure 'gate' "
        "(gate.criteria[0]): the grid only reports"
    )


def test_pe201_message_in_chinese(tmp_path):
    result = lint(tmp_path, lang="zh", items_yaml=PE201_ITEMS, lists_yaml=PE201_LISTS, adm_yaml=PE201_GATE)
    assert messages(result, "PE201") == [
        "清单“grid_line”中的事项“road”按准入程序“gate”的准入标准不予准入(gate.criteria[0]):the grid only reports"
    ]


def test_pe201_passes_when_the_criteria_admit(tmp_path):
    gate = PE201_GATE.replace('otherwise reject "the grid only reports"', "otherwise admit")
    result = lint(tmp_path, items_yaml=PE201_ITEMS, lists_yaml=PE201_LISTS, adm_yaml=gate)
    assert located(result, "PE201") == []


def test_pe201_no_deciding_criterion_rejects(tmp_path):
    gate = PE201_GATE.replace('        otherwise reject "the grid only reports"\n', "")
    result = lint(tmp_path, items_yaml=PE201_ITEMS, lists_yaml=PE201_LISTS, adm_yaml=gate)
    assert messages(result, "PE201") == [
        "item 'Road' in list 'grid_line' is admitted by no criterion of admission procedure 'gate'"
    ]


def test_pe201_procedure_without_criteria_is_not_judged(tmp_path):
    result = lint(tmp_path, items_yaml=PE201_ITEMS, lists_yaml=PE201_LISTS, adm_yaml=COMPLETE)
    assert located(result, "PE201") == []


def test_pe201_skips_items_of_a_broken_rule(tmp_path):
    broken = PE201_GATE.replace("item.role ==", "item.rol ==")
    result = lint(tmp_path, items_yaml=PE201_ITEMS, lists_yaml=PE201_LISTS, adm_yaml=broken)
    assert "PE007" in {f.code for f in result.findings}
    assert located(result, "PE201") == []


def test_pe201_procedure_out_of_force_governs_nothing(tmp_path):
    expired = PE201_GATE.replace("    reviewer: centre\n", '    reviewer: centre\n    valid: {to: "2025-12-31"}\n')
    result = lint(tmp_path, items_yaml=PE201_ITEMS, lists_yaml=PE201_LISTS, adm_yaml=expired)
    assert located(result, "PE201") == []
    result = lint(tmp_path / "b", on="2025-06-01", items_yaml=PE201_ITEMS, lists_yaml=PE201_LISTS, adm_yaml=expired)
    assert located(result, "PE201") == [("PE201", "lists.yaml", 2, 61)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(["fire", "road", "patrol", "audit"]))
def test_pe201_findings_do_not_depend_on_item_order(tmp_path_factory, order):
    entries = {
        "fire": "  - {id: fire, name: {en: Fire}, kind: line, owner: dept, tier: grid, role: report, "
        "requires: {report: [report]}, legal_basis: L}\n",
        "road": "  - {id: road, name: {en: Road}, kind: line, owner: dept, tier: grid, role: assist, legal_basis: L}\n",
        "patrol": "  - {id: patrol, name: {en: Patrol}, kind: routine, tier: grid, role: assist, legal_basis: L}\n",
        "audit": "  - {id: audit, name: {en: Audit}, kind: routine, tier: grid, role: report, legal_basis: L}\n",
    }
    items = "items:\n" + "".join(entries[i] for i in order)
    lists = "lists:\n  - {id: grid_line, tier: grid, kind: duties, items: [fire, road, patrol, audit]}\n"
    result = lint(tmp_path_factory.mktemp("p"), items_yaml=items, lists_yaml=lists, adm_yaml=PE201_GATE)
    assert sorted(f.subject.id for f in result.findings if f.code == "PE201") == ["patrol", "road"]


# == PE202 unlisted-pushdown =========================================================================

# `reg` (its `tier` at items.yaml 6:11) comes via the task force; the grid's list names only `fire`.
PE202_ITEMS = """
items:
  - {id: fire, name: {en: Fire}, kind: line, owner: dept, tier: grid, role: report, legal_basis: L}
  - id: reg
    name: {en: Registration}
    kind: routine
    tier: grid
    role: assist
    issued_by: street
    via: task_force
"""
PE202_LISTS = "lists:\n  - {id: grid_line, tier: grid, kind: duties, items: [fire]}\n"


def test_pe202_assigned_through_a_task_force_outside_the_lists(tmp_path):
    result = lint(tmp_path, items_yaml=PE202_ITEMS, lists_yaml=PE202_LISTS, adm_yaml=COMPLETE)
    assert located(result, "PE202") == [("PE202", "items.yaml", 6, 11)]
    assert messages(result, "PE202") == [
        "item 'Registration' is pushed down to 'Grid' (assigned through the task force 'Task force') "
        "but is in none of its lists ('grid_line'); the policy declares no prohibition of unlisted assignment to 'Grid'"
    ]
    zh = messages(
        lint(tmp_path / "zh", lang="zh", items_yaml=PE202_ITEMS, lists_yaml=PE202_LISTS, adm_yaml=COMPLETE), "PE202"
    )
    assert zh == [
        "事项“reg”经专班(临时机构)“task_force”下派至“grid”,却不在其任何清单(“grid_line”)之中;"
        "政策未规定清单之外不得向“grid”派任务"
    ]


def test_pe202_passes_when_listed(tmp_path):
    lists = PE202_LISTS.replace("items: [fire]", "items: [fire, reg]")
    assert located(lint(tmp_path, items_yaml=PE202_ITEMS, lists_yaml=lists, adm_yaml=COMPLETE), "PE202") == []


def test_pe202_passes_when_listed_by_category(tmp_path):
    items = PE202_ITEMS.replace("    via: task_force", "    via: task_force\n    category: census")
    cats = "categories:\n  - {id: census, name: {en: Census}, kind: routine}\n"
    lists = PE202_LISTS.replace("items: [fire]", "items: [fire], categories: [census]")
    result = lint(tmp_path, items_yaml=items, lists_yaml=lists, cats_yaml=cats, adm_yaml=COMPLETE)
    assert located(result, "PE202") == []


def test_pe202_pushed_down_by_its_owner_without_via(tmp_path):
    items = PE202_ITEMS.replace("    issued_by: street\n    via: task_force\n", "    owner: dept\n")
    result = lint(tmp_path, items_yaml=items, lists_yaml=PE202_LISTS, adm_yaml=COMPLETE)
    assert located(result, "PE202") == [("PE202", "items.yaml", 6, 11)]
    assert messages(result, "PE202") == [
        "item 'Registration' is pushed down to 'Grid' but is in none of its lists ('grid_line'); "
        "the policy declares no prohibition of unlisted assignment to 'Grid'"
    ]


def test_pe202_not_pushed_down_is_not_judged(tmp_path):
    items = PE202_ITEMS.replace("    issued_by: street\n    via: task_force\n", "    issued_by: grid\n")
    assert located(lint(tmp_path, items_yaml=items, lists_yaml=PE202_LISTS, adm_yaml=COMPLETE), "PE202") == []


def test_pe202_tier_without_lists_is_not_judged(tmp_path):
    assert located(lint(tmp_path, items_yaml=PE202_ITEMS, adm_yaml=COMPLETE), "PE202") == []


def test_pe202_a_returned_list_does_not_count(tmp_path):
    lists = PE202_LISTS + "  - {id: grid_back, tier: grid, kind: returned, items: [reg]}\n"
    result = lint(tmp_path, items_yaml=PE202_ITEMS, lists_yaml=lists, adm_yaml=COMPLETE)
    assert located(result, "PE202") == [("PE202", "items.yaml", 6, 11)]


def test_pe004_unknown_via_unit(tmp_path):
    items = PE202_ITEMS.replace("via: task_force", "via: task_forse")
    result = lint(tmp_path, items_yaml=items, lists_yaml=PE202_LISTS, adm_yaml=COMPLETE)
    assert located(result, "PE004") == [("PE004", "items.yaml", 9, 10)]
    assert "did you mean 'task_force'" in messages(result, "PE004")[0]


# == PE203 temporary-admission-unbounded =============================================================

# `census` (its `kind` at items.yaml 4:11) is a temporary item on the grid's list.
PE203_ITEMS = """
items:
  - id: census
    name: {en: Census}
    kind: temporary
    issued_by: district
    tier: grid
    role: assist
    legal_basis: L
"""
PE203_LISTS = "lists:\n  - {id: grid_temp, tier: grid, kind: duties, items: [census]}\n"
PE203_AT = [("PE203", "items.yaml", 4, 11)]


def test_pe203_no_procedure_no_approval_no_end(tmp_path):
    result = lint(tmp_path, items_yaml=PE203_ITEMS, lists_yaml=PE203_LISTS)
    assert located(result, "PE203") == PE203_AT
    (message,) = messages(result, "PE203")
    assert message.startswith("temporary item 'Census' on 'Grid': no approval")
    assert "no end (no valid.to, no temporary.max_term_days" in message


def test_pe203_complete_procedure_passes(tmp_path):
    result = lint(tmp_path, items_yaml=PE203_ITEMS, lists_yaml=PE203_LISTS, adm_yaml=COMPLETE)
    assert located(result, "PE203") == []


def test_pe203_approval_without_a_term_has_no_end(tmp_path):
    adm = COMPLETE.replace("temporary: {approval_by: centre, max_term_days: 90}", "temporary: {approval_by: centre}")
    result = lint(tmp_path, items_yaml=PE203_ITEMS, lists_yaml=PE203_LISTS, adm_yaml=adm)
    assert located(result, "PE203") == PE203_AT
    assert messages(result, "PE203") == [
        "temporary item 'Census' on 'Grid': no end (no valid.to, no temporary.max_term_days, no term in its admission)"
    ]
    dated = PE203_ITEMS + '    valid: {from: "2026-01-01", to: "2026-02-01"}\n'
    assert located(lint(tmp_path / "b", items_yaml=dated, lists_yaml=PE203_LISTS, adm_yaml=adm), "PE203") == []


def test_pe203_a_conditional_term_is_an_end(tmp_path):
    adm = COMPLETE.replace("temporary: {approval_by: centre, max_term_days: 90}", "temporary: {approval_by: centre}")
    adm += '    criteria:\n      - when item.kind == "temporary" then admit with term(60d)\n'
    assert located(lint(tmp_path, items_yaml=PE203_ITEMS, lists_yaml=PE203_LISTS, adm_yaml=adm), "PE203") == []


def test_pe203_past_its_end_and_too_long(tmp_path):
    dated = PE203_ITEMS + '    valid: {from: "2025-01-01", to: "2025-06-30"}\n'
    result = lint(tmp_path, items_yaml=dated, lists_yaml=PE203_LISTS, adm_yaml=COMPLETE)
    assert located(result, "PE203") == PE203_AT
    assert messages(result, "PE203") == [
        "temporary item 'Census' on 'Grid': past its end (valid.to 2025-06-30); "
        "a term of 180 days, longer than the 90 days procedure 'gate' allows"
    ]
    zh = messages(
        lint(tmp_path / "zh", lang="zh", items_yaml=dated, lists_yaml=PE203_LISTS, adm_yaml=COMPLETE), "PE203"
    )
    assert zh == ["“grid”的临时事项“census”:已过期限(截止日期为 2025-06-30);期限 180 天,超过准入程序“gate”允许的 90 天"]


def test_pe203_within_its_term_passes(tmp_path):
    dated = PE203_ITEMS + '    valid: {from: "2025-12-01", to: "2026-02-28"}\n'
    assert located(lint(tmp_path, items_yaml=dated, lists_yaml=PE203_LISTS, adm_yaml=COMPLETE), "PE203") == []


def test_pe203_procedure_out_of_force_does_not_approve(tmp_path):
    adm = COMPLETE.replace("    reviewer: centre\n", '    reviewer: centre\n    valid: {from: "2027-01-01"}\n')
    result = lint(tmp_path, items_yaml=PE203_ITEMS, lists_yaml=PE203_LISTS, adm_yaml=adm)
    assert located(result, "PE203") == PE203_AT
    assert "no approval" in messages(result, "PE203")[0]


def test_pe203_unlisted_temporary_item_on_its_issuers_tier_is_not_judged(tmp_path):
    items = PE203_ITEMS.replace("issued_by: district", "issued_by: grid")
    assert located(lint(tmp_path, items_yaml=items), "PE203") == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.integers(0, 400), after=st.integers(0, 400))
def test_pe203_a_range_containing_the_date_is_never_past_its_end(tmp_path_factory, before, after):
    from datetime import date, timedelta

    day = date.fromisoformat(ON)
    start, end = (day - timedelta(days=before)).isoformat(), (day + timedelta(days=after)).isoformat()
    dated = PE203_ITEMS + f'    valid: {{from: "{start}", to: "{end}"}}\n'
    result = lint(tmp_path_factory.mktemp("p"), items_yaml=dated, lists_yaml=PE203_LISTS, adm_yaml=COMPLETE)
    assert not any("past its end" in m for m in messages(result, "PE203"))
    assert bool(messages(result, "PE203")) == (before + after > 90)


# == PE204 admission-procedure-incomplete ============================================================

PE204_ITEMS = """
items:
  - {id: fire, name: {en: Fire}, kind: line, owner: dept, tier: grid, role: report, requires: {report: [report]}}
"""
PE204_LISTS = "lists:\n  - {id: grid_line, tier: grid, kind: duties, items: [fire]}\n"


def test_pe204_procedure_lacking_everything(tmp_path):
    adm = "admission:\n  - {id: gate, tier: grid}\n"
    result = lint(tmp_path, items_yaml=PE204_ITEMS, lists_yaml=PE204_LISTS, adm_yaml=adm)
    assert located(result, "PE204") == [("PE204", "adm.yaml", 2, 10)]
    assert messages(result, "PE204") == [
        "admission procedure 'gate' lacks a legal basis requirement (legal_basis_required: true), a lead time "
        "(lead_time_days), a reviewer (reviewer), an approval deadline (approval_deadline_days), "
        "publication before effect (publication_required: true)"
    ]


def test_pe204_in_chinese_names_the_missing_parts_in_words_not_keys(tmp_path):
    adm = "admission:\n  - {id: gate, tier: grid}\n"
    result = lint(tmp_path, lang="zh", items_yaml=PE204_ITEMS, lists_yaml=PE204_LISTS, adm_yaml=adm)
    assert messages(result, "PE204") == [
        "准入程序“gate”缺少提供法定依据的要求、提前申请期限、审核部门、审批时限、生效前公布的要求"
    ]


def test_pe204_false_counts_as_missing(tmp_path):
    adm = COMPLETE.replace("publication_required: true", "publication_required: false")
    items = PE204_ITEMS.replace("report: [report]}}", "report: [report]}, legal_basis: L}")
    result = lint(tmp_path, items_yaml=items, lists_yaml=PE204_LISTS, adm_yaml=adm)
    assert messages(result, "PE204") == [
        "admission procedure 'gate' lacks publication before effect (publication_required: true)"
    ]


def test_pe204_item_without_the_legal_basis_its_procedure_requires(tmp_path):
    result = lint(tmp_path, items_yaml=PE204_ITEMS, lists_yaml=PE204_LISTS, adm_yaml=COMPLETE)
    assert located(result, "PE204") == [("PE204", "lists.yaml", 2, 55)]
    assert messages(result, "PE204") == [
        "item 'Fire' in list 'grid_line' has no legal basis, which admission procedure 'gate' requires"
    ]


@pytest.mark.parametrize(
    "basis",
    ["legal_basis: Fire Protection Law, art. 32", "legal_basis: {document: Fire Protection Law, article: '32'}"],
)
def test_pe204_complete_procedure_and_legal_basis_pass(tmp_path, basis):
    items = PE204_ITEMS.replace("report: [report]}}", "report: [report]}, " + basis + "}")
    assert located(lint(tmp_path, items_yaml=items, lists_yaml=PE204_LISTS, adm_yaml=COMPLETE), "PE204") == []


def test_pe204_procedure_out_of_force_is_not_judged(tmp_path):
    adm = 'admission:\n  - {id: gate, tier: grid, valid: {to: "2020-12-31"}}\n'
    assert located(lint(tmp_path, items_yaml=PE204_ITEMS, lists_yaml=PE204_LISTS, adm_yaml=adm), "PE204") == []


# == PE205 separate-assessment =======================================================================

PE205_ITEMS = """
items:
  - {id: fire, name: {en: Fire}, kind: line, owner: dept, tier: grid, role: report, legal_basis: L}
"""
PE205_LISTS = "lists:\n  - {id: grid_line, tier: grid, kind: duties, items: [fire]}\n"
PE205_REGIME = "assessments:\n  - {id: dept_check, assessor: dept, assessed: grid, items: [fire]}\n"


def test_pe205_department_assesses_an_admitted_item(tmp_path):
    result = lint(tmp_path, items_yaml=PE205_ITEMS, lists_yaml=PE205_LISTS, adm_yaml=COMPLETE, assess_yaml=PE205_REGIME)
    assert located(result, "PE205") == [("PE205", "assess.yaml", 2, 32)]
    assert messages(result, "PE205") == [
        "'Dept' assesses 'Grid' separately on admitted item(s) 'Fire' (regime 'dept_check'; "
        "the admission reviewer is 'Centre'); the policy declares no prohibition of separate assessment of 'Grid'"
    ]


def test_pe205_the_reviewer_may_assess(tmp_path):
    regime = PE205_REGIME.replace("assessor: dept", "assessor: centre")
    result = lint(tmp_path, items_yaml=PE205_ITEMS, lists_yaml=PE205_LISTS, adm_yaml=COMPLETE, assess_yaml=regime)
    assert located(result, "PE205") == []


def test_pe205_owner_assessing_without_items_or_categories(tmp_path):
    regime = "assessments:\n  - {id: dept_check, assessor: dept, assessed: team}\n"
    result = lint(tmp_path, items_yaml=PE205_ITEMS, lists_yaml=PE205_LISTS, adm_yaml=COMPLETE, assess_yaml=regime)
    assert located(result, "PE205") == [("PE205", "assess.yaml", 2, 32)]


@pytest.mark.parametrize(
    ("zh_names", "assessed", "whom"),
    [
        (True, "grid", "对网格"),  # a tier by its name, unquoted as tiers are in every Chinese message
        (True, "team", "对“网格团队”"),  # a unit by its name, quoted
        (False, "grid", "对“grid”"),  # a tier without a Chinese name: its id, quoted so it reads as a name
    ],
)
def test_pe205_in_chinese_names_the_assessed_tier_unquoted_and_a_unit_quoted(tmp_path, zh_names, assessed, whom):
    base = BASE.replace("{en: Grid}", "{en: Grid, zh: 网格}").replace("{en: Team}", "{en: Team, zh: 网格团队}")
    regime = f"assessments:\n  - {{id: dept_check, assessor: dept, assessed: {assessed}, items: [fire]}}\n"
    files = {"items.yaml": PE205_ITEMS, "lists.yaml": PE205_LISTS, "adm.yaml": COMPLETE, "assess.yaml": regime}
    policy = write_policy(tmp_path, {"base.yaml": base if zh_names else BASE, **files})
    result = lint_paths([policy], None, "zh", on=ON)
    grid = "网格" if zh_names else "“grid”"
    assert messages(result, "PE205") == [
        f"“dept”就已准入的事项“fire”{whom}另行考核(考核“dept_check”;准入审核部门为“centre”);"
        f"政策未规定不得对{grid}另行考核"
    ]


def test_pe205_by_category(tmp_path):
    items = PE205_ITEMS.replace("legal_basis: L}", "legal_basis: L, category: fire_cat}")
    cats = "categories:\n  - {id: fire_cat, name: {en: Fire}, kind: line}\n"
    regime = "assessments:\n  - {id: dept_check, assessor: centre, assessed: grid, categories: [fire_cat]}\n"
    adm = COMPLETE.replace("reviewer: centre", "reviewer: dept")
    result = lint(tmp_path, items_yaml=items, cats_yaml=cats, lists_yaml=PE205_LISTS, adm_yaml=adm, assess_yaml=regime)
    assert located(result, "PE205") == [("PE205", "assess.yaml", 2, 32)]
    assert "the admission reviewer is 'Dept'" in messages(result, "PE205")[0]


def test_pe205_ungoverned_list_is_not_admission(tmp_path):
    result = lint(tmp_path, items_yaml=PE205_ITEMS, lists_yaml=PE205_LISTS, assess_yaml=PE205_REGIME)
    assert located(result, "PE205") == []


def test_pe004_unknown_assessed_item(tmp_path):
    regime = PE205_REGIME.replace("items: [fire]", "items: [fir]")
    result = lint(tmp_path, items_yaml=PE205_ITEMS, lists_yaml=PE205_LISTS, adm_yaml=COMPLETE, assess_yaml=regime)
    assert located(result, "PE004") == [("PE004", "assess.yaml", 2, 62)]


# == PE206 list-over-capacity ========================================================================

# 10 grids, 10 teams of 1 person: 166 hours/month per grid.
PE206_UNITS = """
tiers:
  - {id: cell, name: {en: Cell}, parent: grid, count: 10}
units:
  - {id: cell_team, name: {en: Cell team}, tier: cell, kind: grid_team, count: 10, headcount: 1}
  - {id: seconded, name: {en: Seconded}, tier: cell, kind: professional_grid, sent_by: cell_team, headcount: 50}
"""
PE206_ITEMS = """
items:
  - {id: patrol, name: {en: Patrol}, kind: routine, tier: cell, role: assist, cost: {hours_per_month: 100}}
lists:
  - {id: cell_list, tier: cell, kind: duties, items: [patrol], workload_hours_per_month: 100}
"""


def test_pe206_list_over_the_headcount_hours(tmp_path):
    result = lint(tmp_path, pe206_yaml=PE206_UNITS, items_yaml=PE206_ITEMS)
    assert located(result, "PE206") == [("PE206", "items.yaml", 4, 10)]
    assert messages(result, "PE206") == [
        "list 'cell_list' of 'Cell' needs 200 hours/month against a capacity of 166 hours/month per Cell (120% of it)"
    ]


def test_pe206_within_capacity(tmp_path):
    items = PE206_ITEMS.replace("workload_hours_per_month: 100", "workload_hours_per_month: 66")
    assert located(lint(tmp_path, pe206_yaml=PE206_UNITS, items_yaml=items), "PE206") == []


def test_pe206_thresholds(tmp_path):
    config = Config(thresholds={"PE206": {"hours_per_person_month": 200}})
    assert located(lint(tmp_path, config=config, pe206_yaml=PE206_UNITS, items_yaml=PE206_ITEMS), "PE206") == []
    config = Config(thresholds={"PE206": {"max_share": 1.25}})
    assert located(lint(tmp_path / "b", config=config, pe206_yaml=PE206_UNITS, items_yaml=PE206_ITEMS), "PE206") == []


def test_pe206_unit_hours_override_the_threshold(tmp_path):
    units = PE206_UNITS.replace("headcount: 1}", "headcount: 1, hours_per_person_month: 200}")
    assert located(lint(tmp_path, pe206_yaml=units, items_yaml=PE206_ITEMS), "PE206") == []


def test_pe206_tier_without_capacity_is_not_judged(tmp_path):
    units = PE206_UNITS.replace(", count: 10, headcount: 1}", "}")
    assert located(lint(tmp_path, pe206_yaml=units, items_yaml=PE206_ITEMS), "PE206") == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.integers(0, 5), count=st.integers(0, 20), tiers=st.integers(0, 20))
def test_pe206_never_fires_with_zero_workload(tmp_path_factory, people, count, tiers):
    units = PE206_UNITS.replace("count: 10}", f"count: {tiers}}}").replace(
        "count: 10, headcount: 1}", f"count: {count}, headcount: {people}}}"
    )
    items = PE206_ITEMS.replace("hours_per_month: 100}}", "hours_per_month: 0}}").replace(
        "workload_hours_per_month: 100", "workload_hours_per_month: 0"
    )
    assert located(lint(tmp_path_factory.mktemp("p"), pe206_yaml=units, items_yaml=items), "PE206") == []


# == Admission procedures in force, and the API ======================================================


def test_governing_leaves_out_procedures_out_of_force(tmp_path):
    adm = COMPLETE.replace(
        "    reviewer: centre\n", '    reviewer: centre\n    valid: {from: "2026-01-01", to: "2026-12-31"}\n'
    )
    result = lint(tmp_path, items_yaml=PE203_ITEMS, lists_yaml=PE203_LISTS, adm_yaml=adm)
    item = result.policy.items["census"]
    assert governing(result.policy, item) == ["gate"]  # no date: every procedure
    assert governing(result.policy, item, "2026-06-01") == ["gate"]
    assert governing(result.policy, item, "2027-01-01") == []
    assert [d.decision for d in decide(result.policy, result.rules, "2027-01-01").decisions] == ["unreviewed"]
    assert [d.decision for d in decide(result.policy, result.rules, "2026-06-01").decisions] == [
        "pending"
    ]  # `gate` has no criteria


def test_model_keeps_the_admission_fields(tmp_path):
    adm = COMPLETE + "    review_period_months: 12\n    exit: annual review\n    rules: [grid_gate]\n"
    result = lint(tmp_path, items_yaml=PE203_ITEMS, adm_yaml=adm)
    gate = result.policy.admissions["gate"]
    assert (gate.lead_time_days, gate.approval_deadline_days, gate.legal_basis_required, gate.publication_required) == (
        30,
        15,
        True,
        True,
    )
    assert (gate.temporary.approval_by.unit, gate.temporary.max_term_days) == ("centre", 90)
    assert (gate.review_period_months, gate.exit, gate.rules) == (12, "annual review", ("grid_gate",))
    assert result.policy.items["census"].legal_basis == "L"


# == well_designed is clean because of its admission remedies: undo one, and its finding comes back ==

WELL = ROOT / "examples" / "well_designed"

ABLATIONS = {
    "no_legal_basis_on_the_routine_item": (
        "items.yaml",
        '    legal_basis:\n      document: "H区城乡社区网格化管理暂行办法 (H District Interim Measures for urban '
        'and rural community grid management)"\n      note: "The case names the Interim Measures as what sets the 11 '
        'routine categories (docs/case.md §4)."\n',
        "",
        "PE204",
    ),
    "no_lead_time_at_the_district": (
        "lists.yaml",
        '    lead_time_days: 30\n    approval_deadline_days: 15\n    legal_basis_required: true\n    publication_required: true\n    note: "Illustrative; names',
        '    approval_deadline_days: 15\n    legal_basis_required: true\n    publication_required: true\n    note: "Illustrative; names',
        "PE204",
    ),
    "no_temporary_approval": (
        "lists.yaml",
        "    temporary:\n      approval_by: district_centre\n      max_term_days: 90\n",
        "",
        "PE203",
    ),
}


@pytest.mark.parametrize("name", sorted(ABLATIONS))
def test_well_designed_without_one_admission_remedy(tmp_path, name):
    file, old, new, code = ABLATIONS[name]
    copy = tmp_path / "well_designed"
    shutil.copytree(WELL, copy)
    text = (copy / file).read_text(encoding="utf-8")
    assert old in text
    (copy / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    assert code in {f.code for f in lint_paths([copy]).findings}

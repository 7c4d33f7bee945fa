"""A procedure governs the lists it names whatever their tier, and without `lists` every list of its own
tier: `admit`, the admission checks and the rules agree. One test per place that pairs procedures
with lists; and the readers of a party (PE203, PE204, PE205, the rule attributes)."""

from __future__ import annotations

from click.testing import CliRunner

from policyengine.admission import decide, governing
from policyengine.cli import main
from policyengine.graph import build_graph

from .test_parties import BASE, lint, messages
from .util import located, write_policy

# complete but for the party-shaped parts: a county body reviewing the grid's list
COUNTY_GATE = """admission:
  - id: gate
    tier: county
    lists: [grid_list]
    reviewer: {all_of: [committee, {relation: grid_body, tier: county}]}
    lead_time_days: 30
    approval_deadline_days: 15
    legal_basis_required: true
    publication_required: true
    temporary: {approval_by: {relation: applicant_tier_government}, max_term_days: 120}
"""


def test_admit_a_county_procedure_governs_the_grid_list_it_names(tmp_path):
    result = lint(tmp_path, COUNTY_GATE + '    criteria: ["when item.kind == \\"line\\" then admit"]\n')
    assert result.policy is not None and result.rules is not None
    assert governing(result.policy, result.policy.items["hazard"], "2026-01-01") == ["gate"]
    table = {d.item: d.decision for d in decide(result.policy, result.rules, "2026-01-01").decisions}
    assert table == {"hazard": "admitted", "census": "rejected", "sweep": "rejected"}


def test_pe200_a_listless_procedure_of_another_tier_governs_nothing_here(tmp_path):
    assert located(lint(tmp_path / "named", COUNTY_GATE), "PE200") == []
    listless = COUNTY_GATE.replace("    lists: [grid_list]\n", "")
    assert located(lint(tmp_path / "listless", listless), "PE200") == [("PE200", "base.yaml", 4, 10)]


def test_pe201_judges_by_the_criteria_of_a_procedure_of_another_tier(tmp_path):
    gate = COUNTY_GATE + '    criteria: ["when item.kind == \\"line\\" then admit"]\n'
    result = lint(tmp_path, gate)
    # census and sweep, entries of grid_list, are admitted by no criterion of the county's procedure
    assert located(result, "PE201") == [("PE201", "base.yaml", 23, 63), ("PE201", "base.yaml", 23, 71)]


def test_pe203_a_party_approves_temporary_items_across_tiers(tmp_path):
    assert messages(lint(tmp_path / "a", COUNTY_GATE), "PE203") == [
        "temporary item 'Census' on 'Grid': past its end (valid.to 2025-12-31)"
    ]
    without = COUNTY_GATE.replace(
        "{approval_by: {relation: applicant_tier_government}, max_term_days: 120}", "{max_term_days: 120}"
    )
    assert "no approval" in messages(lint(tmp_path / "b", without), "PE203")[0]


def test_pe204_a_party_counts_as_a_reviewer_and_the_legal_basis_is_asked_across_tiers(tmp_path):
    result = lint(tmp_path, COUNTY_GATE)
    # the procedure is complete (its reviewer is a party); the grid item without a legal basis is asked for one
    assert located(result, "PE204") == [("PE204", "base.yaml", 23, 71)]
    assert messages(result, "PE204") == [
        "item 'Sweep' in list 'grid_list' has no legal basis, which admission procedure 'gate' requires"
    ]


REGIMES = """assessments:
  - {id: by_centre, assessor: county_centre, assessed: grid, items: [hazard]}
  - {id: by_fire, assessor: fire, assessed: grid, items: [hazard]}
"""


def test_pe205_an_assessor_the_reviewer_party_can_mean_is_the_reviewer(tmp_path):
    result = lint(tmp_path, COUNTY_GATE + REGIMES)
    assert located(result, "PE205") == [("PE205", "extra.yaml", 13, 29)]
    assert messages(result, "PE205") == [
        "'Fire' assesses 'Grid' separately on admitted item(s) 'Hazard' (regime 'by_fire'; the admission reviewer "
        "is all of 'Party committee', the grid-management body at tier 'County'); the policy declares no prohibition "
        "of separate assessment of 'Grid'"
    ]
    zh = lint(tmp_path / "zh", COUNTY_GATE + REGIMES, lang="zh")
    assert "准入审核部门为“committee”、“county”层级的网格化服务管理机构共同" in messages(zh, "PE205")[0]
    # the owner as reviewer: the fire department reviews its own item, so its assessment is not separate
    owner = COUNTY_GATE.replace(
        "reviewer: {all_of: [committee, {relation: grid_body, tier: county}]}", "reviewer: {relation: item_owner}"
    )
    assert [m.split(" ")[0] for m in messages(lint(tmp_path / "owner", owner + REGIMES), "PE205")] == ["'County"]


def test_the_graph_governs_the_lists_a_procedure_names_whatever_their_tier(tmp_path):
    named = lint(tmp_path / "named", COUNTY_GATE).policy
    listless = lint(tmp_path / "listless", COUNTY_GATE.replace("    lists: [grid_list]\n", "")).policy
    assert named is not None and listless is not None

    def governs(policy) -> list[tuple[str, str]]:
        return sorted((a, b) for a, b, kind in build_graph(policy).edges(data="kind") if kind == "governs")

    assert governs(named) == [("admission:gate", "list:grid_list")]
    assert governs(listless) == []  # the county declares no list of its own


def test_why_names_the_procedure_of_another_tier_that_governs_the_item(tmp_path):
    root = write_policy(
        tmp_path,
        {"base.yaml": BASE, "extra.yaml": COUNTY_GATE + '    criteria: ["when item.kind == \\"line\\" then admit"]\n'},
    )
    out = CliRunner().invoke(main, ["why", str(root), "PE201", "census", "--on", "2026-01-01"])
    assert out.exit_code == 0
    assert (
        f"admission procedure 'gate' (tier 'County', lists: 'grid_list') is in force and governs the item  "
        f"[{root / 'extra.yaml'}:2:9]" in out.output
    )

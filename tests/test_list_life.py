"""Lists with a life (owner, approval, publication, changes and exit rules, catch-all), provisions, and
the checks that read them: PE208 open-catch-all, PE209 unlisted-inspection, and PE202/PE205 citing a
tier's prohibition or saying it lacks one. Exact codes, positions and messages in both languages."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.admission import decide
from policyengine.cli import main
from policyengine.lint import lint_paths

from .util import located, write_policy

ON = "2026-01-01"

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


def lint(tmp_path: Path, lang: str = "en", on: str = ON, **files: str):
    named = {k.replace("_yaml", ".yaml"): v for k, v in files.items()}
    return lint_paths([write_policy(tmp_path, {"base.yaml": BASE, **named})], None, lang, on=on)


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


# == parties of a list and of a provision: PE004 at the id itself ===================================

LIFE = """lists:
  - id: grid_list
    tier: grid
    kind: duties
    owner: {any_of: [centre, {all_of: [dept, nobody]}]}
    approved_by: {tier: distrcit}
    published: {required: true, where: portal}
    changes:
      period_months: 12
      triggers: [law_change, other]
      by: {relation: grid_body, tier: stret}
provisions:
  - {id: p1, kind: no_unlisted_assignment, tier: gird, by: {any_of: [centre, cnetre]}}
"""


def test_pe004_at_each_unknown_unit_and_tier_a_party_names(tmp_path):
    result = lint(tmp_path, lists_yaml=LIFE)
    assert located(result, "PE004") == [
        ("PE004", "lists.yaml", 5, 46),
        ("PE004", "lists.yaml", 6, 25),
        ("PE004", "lists.yaml", 11, 39),
        ("PE004", "lists.yaml", 13, 50),
        ("PE004", "lists.yaml", 13, 78),
    ]
    assert messages(result, "PE004") == [
        "unknown unit 'nobody'",
        "unknown tier 'distrcit' (did you mean 'district'?)",
        "unknown tier 'stret' (did you mean 'street'?)",
        "unknown tier 'gird' (did you mean 'grid'?)",
        "unknown unit 'cnetre' (did you mean 'centre'?)",
    ]


def test_a_list_with_a_whole_life_is_clean(tmp_path):
    life = LIFE.replace("nobody", "team").replace("distrcit", "district").replace("stret", "street")
    life = life.replace("gird", "grid").replace("cnetre", "centre")
    result = lint(tmp_path, lists_yaml=life)
    assert located(result) == []
    policy = result.policy
    assert policy is not None
    lst = policy.lists["grid_list"]
    assert lst.life is not None and lst.life.changes is not None and lst.life.published is not None
    assert [u for u, _ in lst.life.owner.units()] == ["centre", "dept", "team"]
    assert lst.life.changes.triggers == ("law_change", "other") and lst.life.changes.period_months == 12
    assert lst.life.published.required is True and lst.life.published.where == "portal"
    assert policy.provisions["p1"].kind == "no_unlisted_assignment"


def test_pe003_repeated_provision_id(tmp_path):
    provisions = "provisions:\n  - {id: p, kind: other, tier: grid}\n  - {id: p, kind: other, tier: street}\n"
    result = lint(tmp_path, prov_yaml=provisions)
    assert located(result, "PE003") == [("PE003", "prov.yaml", 3, 10)]
    assert messages(result, "PE003")[0].startswith("duplicate provision id 'p' (first defined at ")


def test_pe002_unknown_trigger_and_bound(tmp_path):
    lists = (
        "lists:\n  - id: l\n    tier: grid\n    kind: duties\n    changes: {triggers: [whim]}\n"
        "    catch_all: {bounded_by: [mood]}\n"
    )
    result = lint(tmp_path, lists_yaml=lists)
    assert located(result, "PE002") == [("PE002", "lists.yaml", 5, 26), ("PE002", "lists.yaml", 6, 30)]
    assert messages(result, "PE002")[0].startswith("'whim' is not one of: law_change, evaluation, ")


# == exit rules: typed like criteria, located inside the string; admit reports them ==================

EXIT_ITEMS = """items:
  - {id: old, name: {en: Old}, kind: temporary, tier: grid, role: report, legal_basis: L,
     valid: {from: 2025-01-01, to: 2025-06-30}}
  - {id: new, name: {en: New}, kind: temporary, tier: grid, role: report, legal_basis: L,
     valid: {from: 2025-01-01, to: 2026-06-30}}
  - {id: kept, name: {en: Kept}, kind: routine, tier: grid, role: report, legal_basis: L}
"""


def exit_list(*rules: str) -> str:
    shown = "".join(f"        - {r}\n" for r in rules)
    return f"lists:\n  - id: grid_list\n    tier: grid\n    kind: duties\n    items: [old, new, kept]\n    changes:\n      exit:\n{shown}"


def test_pe006_and_pe007_inside_an_exit_rule(tmp_path):
    lists = exit_list(
        '"item.kind == "',
        '"item.kind"',
        '"item.nope > 1"',
        '|\n          item.kind == "routine"\n            and item.nope > 1',
    )
    result = lint(tmp_path, items_yaml=EXIT_ITEMS, lists_yaml=lists)
    assert located(result, "PE006") == [("PE006", "lists.yaml", 8, 24)]
    assert located(result, "PE007") == [
        ("PE007", "lists.yaml", 9, 12),
        ("PE007", "lists.yaml", 10, 17),
        ("PE007", "lists.yaml", 13, 22),
    ]
    assert messages(result, "PE007")[0] == "ill-typed rule: a condition must be true or false, not string"


def test_admit_notes_an_item_whose_list_exit_condition_holds(tmp_path):
    lists = exit_list('"item.kind == \\"temporary\\" and item.valid_to < on"')
    root = write_policy(
        tmp_path, {"base.yaml": BASE, "items.yaml": EXIT_ITEMS, "lists.yaml": lists, "adm.yaml": COMPLETE}
    )
    result = lint_paths([root], None, "en", on=ON)
    assert result.policy is not None and result.rules is not None
    decisions = {d.item: d for d in decide(result.policy, result.rules, ON).decisions}
    assert {i: d.exits for i, d in decisions.items()} == {"kept": (), "new": (), "old": ("grid_list",)}
    assert decisions["old"].decision == decisions["new"].decision == "pending"  # the decision stays
    runner = CliRunner()
    text = runner.invoke(main, ["admit", str(root), "--on", ON])
    assert text.exit_code == 0
    row = next(line for line in text.output.splitlines() if line.startswith("Old "))
    assert row.endswith("its procedure has no criteria: a reviewer decides; meets the exit condition of list grid_list")
    zh = runner.invoke(main, ["admit", str(root), "--on", ON, "--lang", "zh"])
    assert "符合清单 grid_list 的退出条件" in zh.output
    out = json.loads(runner.invoke(main, ["admit", str(root), "--on", ON, "--format", "json"]).output)
    assert {d["item"]: d["exits"] for d in out["decisions"]} == {"kept": [], "new": [], "old": ["grid_list"]}


def test_exit_by_category_on_the_lists_tier(tmp_path):
    items = EXIT_ITEMS.replace(
        "legal_basis: L,\n     valid: {from: 2025-01-01, to: 2025-06-30}",
        "category: c,\n     valid: {from: 2025-01-01, to: 2025-06-30}",
    )
    cats = "categories:\n  - {id: c, name: {en: C}, kind: routine}\n"
    lists = exit_list('"item.valid_to < on"').replace("items: [old, new, kept]", "categories: [c]")
    root = write_policy(tmp_path, {"base.yaml": BASE, "items.yaml": items, "cats.yaml": cats, "lists.yaml": lists})
    result = lint_paths([root], None, "en", on=ON)
    assert result.rules is not None and result.policy is not None
    assert {d.item: d.exits for d in decide(result.policy, result.rules, ON).decisions}["old"] == ("grid_list",)


# == PE208 open-catch-all =============================================================================


def catch_all_list(tier: str, catch_all: str, kind: str = "duties") -> str:
    return f"lists:\n  - id: l\n    tier: {tier}\n    kind: {kind}\n    catch_all: {catch_all}\n"


def test_pe208_open_ended_catch_all_below_the_root(tmp_path):
    lists = catch_all_list("grid", '{text: "其他事项", open_ended: true}')
    result = lint(tmp_path, lists_yaml=lists)
    assert located(result, "PE208") == [("PE208", "lists.yaml", 5, 43)]
    assert messages(result, "PE208") == [
        "list 'l' of 'Grid' has an open-ended catch-all ('其他事项'): any authority can add work to it outside admission"
    ]
    zh = messages(lint(tmp_path / "zh", "zh", lists_yaml=lists), "PE208")
    assert zh == ["“grid”的清单“l”的兜底条款(即“其他事项”)没有边界,任何机关都可以不经准入向该清单增加工作"]


def test_pe208_a_department_decision_is_no_bound(tmp_path):
    lists = catch_all_list("street", "{open_ended: false, bounded_by: [law, department_decision]}", "cooperation")
    result = lint(tmp_path, lists_yaml=lists)
    assert located(result, "PE208") == [("PE208", "lists.yaml", 5, 54)]
    assert messages(result, "PE208") == [
        "list 'l' of 'Street' has a catch-all that a department's own decision can fill: "
        "departments can add work to it outside admission"
    ]


def test_pe208_passes_when_bounded_at_the_root_or_returned(tmp_path):
    bounded = catch_all_list("grid", "{open_ended: false, bounded_by: [law, regulation, superior_decision]}")
    root = catch_all_list("district", "{open_ended: true}")
    returned = catch_all_list("grid", "{open_ended: true}", "returned")
    for index, lists in enumerate((bounded, root, returned)):
        assert located(lint(tmp_path / str(index), lists_yaml=lists), "PE208") == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    open_ended=st.sampled_from([None, True, False]),
    bounds=st.lists(
        st.sampled_from(["law", "regulation", "superior_decision", "department_decision", "other"]), unique=True
    ),
    tier=st.sampled_from(["district", "street", "grid"]),
)
def test_pe208_fires_exactly_when_the_catch_all_is_open_below_the_root(tmp_path_factory, open_ended, bounds, tier):
    fields = [f"open_ended: {str(open_ended).lower()}"] if open_ended is not None else []
    fields.append(f"bounded_by: [{', '.join(bounds)}]")
    result = lint(tmp_path_factory.mktemp("p"), lists_yaml=catch_all_list(tier, "{" + ", ".join(fields) + "}"))
    expected = tier != "district" and (open_ended is True or "department_decision" in bounds)
    assert [f.code for f in result.findings] == (["PE208"] if expected else [])


# == PE202 and PE205 with and without a provision ====================================================

PUSHED = """items:
  - {id: fire, name: {en: Fire}, kind: line, owner: dept, tier: grid, role: report, legal_basis: L}
  - {id: reg, name: {en: Reg}, kind: routine, tier: grid, role: assist, issued_by: street, via: task_force}
"""
GRID_LIST = "lists:\n  - {id: grid_line, tier: grid, kind: duties, items: [fire]}\n"
PE202_TEXT = (
    "item 'Reg' is pushed down to 'Grid' (assigned through the task force 'Task force') "
    "but is in none of its lists ('grid_line'); "
)


def test_pe202_cites_the_tiers_prohibition(tmp_path):
    provisions = (
        "provisions:\n  - {id: no_unlisted, kind: no_unlisted_assignment, tier: grid}\n"
        "  - {id: may_refuse, kind: right_to_refuse_unlisted, tier: grid}\n"
        "  - {id: elsewhere, kind: no_unlisted_assignment, tier: street}\n"
    )
    result = lint(tmp_path, items_yaml=PUSHED, lists_yaml=GRID_LIST, adm_yaml=COMPLETE, prov_yaml=provisions)
    assert located(result, "PE202") == [("PE202", "items.yaml", 3, 53)]
    assert messages(result, "PE202") == [PE202_TEXT + "this breaches provision 'no_unlisted', 'may_refuse'"]
    zh = lint(tmp_path / "zh", "zh", items_yaml=PUSHED, lists_yaml=GRID_LIST, adm_yaml=COMPLETE, prov_yaml=provisions)
    assert messages(zh, "PE202")[0].endswith(";违反规定“no_unlisted”、“may_refuse”")


def test_pe202_says_the_tier_lacks_a_prohibition(tmp_path):
    provisions = "provisions:\n  - {id: elsewhere, kind: no_unlisted_assignment, tier: street}\n"
    result = lint(tmp_path, items_yaml=PUSHED, lists_yaml=GRID_LIST, adm_yaml=COMPLETE, prov_yaml=provisions)
    assert messages(result, "PE202") == [
        PE202_TEXT + "the policy declares no prohibition of unlisted assignment to 'Grid'"
    ]


REGIME = "assessments:\n  - {id: dept_check, assessor: dept, assessed: grid, items: [fire]}\n"
PE205_TEXT = (
    "'Dept' assesses 'Grid' separately on admitted item(s) 'Fire' (regime 'dept_check'; "
    "the admission reviewer is 'Centre'); "
)


def test_pe205_with_and_without_a_prohibition(tmp_path):
    files = {"items_yaml": PUSHED, "lists_yaml": GRID_LIST, "adm_yaml": COMPLETE, "assess_yaml": REGIME}
    without = lint(tmp_path / "a", **files)
    assert messages(without, "PE205") == [
        PE205_TEXT + "the policy declares no prohibition of separate assessment of 'Grid'"
    ]
    provisions = "provisions:\n  - {id: no_separate, kind: no_separate_assessment, tier: grid}\n"
    cited = lint(tmp_path / "b", prov_yaml=provisions, **files)
    assert located(cited, "PE205") == [("PE205", "assess.yaml", 2, 32)]
    assert messages(cited, "PE205") == [PE205_TEXT + "this breaches provision 'no_separate'"]
    zh = lint(tmp_path / "c", "zh", prov_yaml=provisions, **files)
    assert messages(zh, "PE205")[0].endswith(";违反规定“no_separate”")


def test_pe205_leaves_inspections_to_pe209(tmp_path):
    regime = REGIME.replace("{id: dept_check,", "{id: dept_check, kind: inspection,")
    result = lint(tmp_path, items_yaml=PUSHED, lists_yaml=GRID_LIST, adm_yaml=COMPLETE, assess_yaml=regime)
    assert located(result, "PE205") == []
    assert located(result, "PE209") == [("PE209", "assess.yaml", 2, 28)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kinds=st.lists(
        st.sampled_from(["no_unlisted_assignment", "right_to_refuse_unlisted", "no_separate_assessment", "other"]),
        max_size=3,
    ),
    tiers=st.lists(st.sampled_from(["grid", "street"]), min_size=3, max_size=3),
)
def test_a_provision_changes_the_message_never_the_finding(tmp_path_factory, kinds, tiers):
    provisions = "provisions:\n" + "".join(
        f"  - {{id: p{i}, kind: {k}, tier: {t}}}\n" for i, (k, t) in enumerate(zip(kinds, tiers, strict=False))
    )
    files = {"items_yaml": PUSHED, "lists_yaml": GRID_LIST, "adm_yaml": COMPLETE, "assess_yaml": REGIME}
    result = lint(tmp_path_factory.mktemp("p"), prov_yaml=provisions if kinds else "policy: {id: p}\n", **files)
    found = [f for f in located(result) if f[0] in ("PE202", "PE205")]
    assert found == [("PE205", "assess.yaml", 2, 32), ("PE202", "items.yaml", 3, 53)]
    cites = [
        f"'p{i}'"
        for i, (k, t) in enumerate(zip(kinds, tiers, strict=False))
        if t == "grid" and k in ("no_unlisted_assignment", "right_to_refuse_unlisted")
    ]
    pe202 = messages(result, "PE202")[0]
    assert pe202.endswith(f"this breaches provision {', '.join(cites)}" if cites else "to 'Grid'")


# == PE209 unlisted-inspection ========================================================================

INSPECTION = "assessments:\n  - {id: rating, kind: rating, assessor: dept, assessed: team}\n"


def test_pe209_cites_the_tiers_prohibition(tmp_path):
    provisions = "provisions:\n  - {id: no_ratings, kind: no_inspection_rating, tier: grid}\n"
    result = lint(tmp_path, assess_yaml=INSPECTION, prov_yaml=provisions)
    assert located(result, "PE209") == [("PE209", "assess.yaml", 2, 24)]
    assert messages(result, "PE209") == [
        "'Dept' subjects 'Team' to an unadmitted rating (regime 'rating'); this breaches provision 'no_ratings'"
    ]
    zh = lint(tmp_path / "zh", "zh", assess_yaml=INSPECTION, prov_yaml=provisions)
    assert messages(zh, "PE209") == ["“dept”未经准入对“team”开展评比(考核“rating”);违反规定“no_ratings”"]


def test_pe209_says_the_tier_lacks_a_prohibition(tmp_path):
    regime = INSPECTION.replace("kind: rating", "kind: certification")
    provisions = "provisions:\n  - {id: no_certs, kind: no_certification_demand, tier: street}\n"
    result = lint(tmp_path, assess_yaml=regime, prov_yaml=provisions)
    assert messages(result, "PE209") == [
        "'Dept' subjects 'Team' to an unadmitted demand for certificates (regime 'rating'); "
        "the policy declares no prohibition of inspections and ratings of 'Grid'"
    ]
    on_grid = provisions.replace("tier: street", "tier: grid")
    cited = lint(tmp_path / "b", assess_yaml=regime, prov_yaml=on_grid)
    assert messages(cited, "PE209")[0].endswith("this breaches provision 'no_certs'")


def test_pe209_passes_for_an_assessment_or_a_non_department(tmp_path):
    assessment = INSPECTION.replace("kind: rating", "kind: assessment")
    by_centre = INSPECTION.replace("assessor: dept", "assessor: centre")
    for index, regime in enumerate((assessment, by_centre)):
        assert located(lint(tmp_path / str(index), assess_yaml=regime), "PE209") == []


# == every unit and tier a party names is a reference ================================================

LEAVES = st.one_of(
    st.sampled_from(["centre", "dept", "ghost", "phantom"]),
    st.builds(lambda t: {"tier": t}, st.sampled_from(["grid", "street", "nowhere"])),
    st.builds(lambda t: {"relation": "item_owner", "tier": t}, st.sampled_from(["grid", "atlantis"])),
)
PARTIES = st.recursive(
    LEAVES,
    lambda inner: st.builds(
        lambda k, xs: {k: xs}, st.sampled_from(["any_of", "all_of"]), st.lists(inner, min_size=1, max_size=3)
    ),
    max_leaves=8,
)
KNOWN = {"centre", "dept", "grid", "street"}


def _names(party) -> list[str]:
    if isinstance(party, str):
        return [party]
    if "tier" in party:
        return [party["tier"]]
    return [n for p in next(iter(party.values())) for n in _names(p)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(owner=PARTIES, by=PARTIES)
def test_every_unit_and_tier_a_party_names_is_checked_where_it_is_written(tmp_path_factory, owner, by):
    lists = f"lists:\n  - id: l\n    tier: grid\n    kind: duties\n    owner: {json.dumps(owner)}\n"
    lists += f"    changes: {{by: {json.dumps(by)}}}\n"
    result = lint(tmp_path_factory.mktemp("p"), lists_yaml=lists)
    unknown = [n for n in _names(owner) + _names(by) if n not in KNOWN]
    found = [f for f in result.findings if f.code == "PE004"]
    assert [f.message.split("'")[1] for f in found] == unknown
    text = Path(found[0].span.file).read_text(encoding="utf-8").splitlines() if found else []
    for f in found:  # each at the name itself, quoted as JSON writes it
        assert text[f.span.line - 1][f.span.column - 1 :].startswith('"' + f.message.split("'")[1] + '"')


def test_pe301_counts_inspections_and_ratings_as_assessors(tmp_path):
    regimes = (
        "assessments:\n  - {id: a, kind: inspection, assessor: dept, assessed: grid}\n"
        "  - {id: b, kind: rating, assessor: centre, assessed: team}\n"
        "  - {id: c, assessor: task_force, assessed: grid}\n"
    )
    result = lint(tmp_path, assess_yaml=regimes)
    assert located(result, "PE301") == [("PE301", "base.yaml", 4, 10)]
    assert result.policy is not None and [r.kind for r in result.policy.regimes.values()] == [
        "inspection",
        "rating",
        "assessment",
    ]


def test_published_may_be_unstated_false_or_a_mapping(tmp_path):
    lists = (
        "lists:\n  - {id: a, tier: grid, kind: duties, published: unstated}\n"
        "  - {id: b, tier: grid, kind: duties, published: false}\n"
        "  - {id: c, tier: grid, kind: duties, published: {required: true}}\n"
        "  - {id: d, tier: grid, kind: duties, published: sometimes}\n"
    )
    result = lint(tmp_path, lists_yaml=lists)
    assert located(result) == [("PE002", "lists.yaml", 5, 50)]
    assert result.policy is not None
    shown = {i: lst.life.published if lst.life else "?" for i, lst in result.policy.lists.items()}
    assert shown["a"] is None and shown["b"].required is False and shown["c"].required is True


def test_a_revision_period_may_be_unstated_but_not_misspelt(tmp_path):
    lists = (
        "lists:\n  - {id: a, tier: grid, kind: duties, changes: {period_months: unstated}}\n"
        "  - {id: b, tier: grid, kind: duties, changes: {period_months: 12}}\n"
        "  - {id: c, tier: grid, kind: duties, changes: {period_months: unstatd}}\n"
    )
    result = lint(tmp_path, lists_yaml=lists)
    assert located(result) == [("PE002", "lists.yaml", 4, 64)]
    assert result.policy is not None
    periods = {
        i: lst.life.changes.period_months for i, lst in result.policy.lists.items() if lst.life and lst.life.changes
    }
    assert periods["a"] is None and periods["b"] == 12


def test_why_shows_the_provision_a_finding_cites(tmp_path):
    provisions = "provisions:\n  - {id: no_ratings, kind: no_inspection_rating, tier: grid}\n"
    root = write_policy(tmp_path, {"base.yaml": BASE, "assess.yaml": INSPECTION, "prov.yaml": provisions})
    out = CliRunner().invoke(main, ["why", str(root), "PE209", "rating", "--on", ON])
    assert out.exit_code == 0
    assert out.output.splitlines()[-1].strip().startswith("names provision 'no_ratings'  [")
    assert out.output.splitlines()[-1].endswith("prov.yaml:2:10]")

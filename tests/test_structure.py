"""Variants and instances of a tier, items carried at several tiers, units' leadership, grants'
delegation terms and powers scoped to a line department (structure.py and the checks reading it)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.config import Config
from policyengine.export import to_json
from policyengine.graph import PolicyGraph, build_graph
from policyengine.lint import lint_paths
from tests.util import located, write_policy

ON = "2026-01-01"

PLACES = """
tiers:
  - {id: county, name: {en: County}}
  - id: township
    name: {en: Township}
    parent: county
    count: 10
    variants:
      - {id: urban, name: {zh: 城市社区}, count: 6}
      - {id: rural, name: {zh: 涉农社区}, count: 4}
    instances:
      - {id: east, name: {zh: 东镇}}
units:
  - {id: fire_department, name: {en: Fire}, tier: county, kind: functional_department}
  - {id: highway_bureau, name: {en: Highway}, tier: county, kind: functional_department}
  - {id: county_office, name: {en: Office}, tier: county, kind: governance_centre}
workflow:
  escalation: [township, county]
"""


def lint(tmp_path: Path, files: dict[str, str], config: Config | None = None, lang: str = "en", on: str = ON):
    return lint_paths([write_policy(tmp_path, {"places.yaml": PLACES, **files})], config, lang, on=on)


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


# -- variants and instances -------------------------------------------------------------------------

BAD_SHAPES = """
lists:
  - {id: l1, tier: township, kind: duties, variant: urbn}
  - {id: l2, tier: township, kind: duties, instance: urban, counts: {east: 1, west: 2}}
units:
  - {id: station, name: {en: Station}, tier: county, kind: workstation, variant: urban}
"""


def test_a_variant_or_instance_not_of_the_tier_is_pe004_at_the_value(tmp_path):
    result = lint(tmp_path, {"bad.yaml": BAD_SHAPES})
    assert located(result, "PE004") == [
        ("PE004", "bad.yaml", 2, 53),
        ("PE004", "bad.yaml", 3, 54),
        ("PE004", "bad.yaml", 3, 85),
        ("PE004", "bad.yaml", 5, 82),
    ]
    assert messages(result, "PE004") == [
        "variant 'urbn' is not declared for tier 'Township' (did you mean 'urban'?)",
        "instance 'urban' is not declared for tier 'Township'",
        "variant or instance 'west' is not declared for tier 'Township' (did you mean 'east'?)",
        "variant 'urban' is not declared for tier 'County'",
    ]


def test_the_message_in_chinese(tmp_path):
    result = lint(tmp_path, {"bad.yaml": BAD_SHAPES}, lang="zh")
    assert messages(result, "PE004")[0] == "层级“township”下未声明类型“urbn”(是否想写“urban”?)"


def test_a_repeated_variant_id_within_a_tier_is_pe003(tmp_path):
    places = PLACES.replace("      - {id: east, name: {zh: 东镇}}", "      - {id: rural, name: {zh: 东镇}}")
    result = lint_paths([write_policy(tmp_path, {"places.yaml": places})], on=ON)
    assert located(result, "PE003") == [("PE003", "places.yaml", 11, 14)]
    assert messages(result, "PE003") == [
        f"duplicate instance id 'rural' (first defined at {tmp_path / 'places.yaml'}:9:14)"
    ]


CAPACITY = """
units:
  - {id: urban_station, name: {en: U}, tier: township, kind: workstation, variant: urban, count: 6,
     headcount: 2, hours_per_person_month: 100}
  - {id: rural_station, name: {en: R}, tier: township, kind: workstation, variant: rural, count: 4,
     headcount: 1, hours_per_person_month: 100}
lists:
  - {id: urban_list, tier: township, kind: duties, variant: urban, workload_hours_per_month: 150}
  - {id: rural_list, tier: township, kind: duties, variant: rural, workload_hours_per_month: 150}
"""


def test_pe206_judges_a_list_of_one_variant_against_that_variants_capacity(tmp_path):
    # per urban township 2 people x 100 h = 200 h; per rural township 100 h; the tier as a whole: 160 h
    result = lint(tmp_path, {"c.yaml": CAPACITY})
    assert located(result, "PE206") == [("PE206", "c.yaml", 8, 10)]
    assert messages(result, "PE206") == [
        "list 'rural_list' of 'Township' needs 150 hours/month against a capacity of 100 hours/month"
        " per Township (150% of it)"
    ]


LOAD = """
grants:
  - {tier: county, dimensions: {resources: high, task_setting: high, timing: high, assessment: high}}
items:
{items}
"""


def _items(common: int, urban: int, rural: int) -> str:
    rows = []
    for kind, n in (("", common), ("urban", urban), ("rural", rural)):
        for i in range(n):
            variant = f", variant: {kind}" if kind else ""
            rows.append(
                f"  - {{id: {kind or 'common'}_{i}, name: {{en: x}}, kind: routine, issued_by: township,"
                f" tier: township, role: report{variant}}}"
            )
    return "\n".join(rows)


def test_pe105_counts_the_most_loaded_variant_not_the_sum(tmp_path):
    config = Config(thresholds={"PE105": {"min_items": 7}})
    light = lint(tmp_path / "a", {"l.yaml": LOAD.replace("{items}", _items(3, 3, 3))}, config)
    assert located(light, "PE105") == []  # 6 per variant, not 9
    heavy = lint(tmp_path / "b", {"l.yaml": LOAD.replace("{items}", _items(3, 4, 3))}, config)
    assert located(heavy, "PE105") == [("PE105", "places.yaml", 3, 9)]
    assert messages(heavy, "PE105") == [
        "tier 'Township' carries 7 items (100% of the load) with authority 0.00 on the four dimensions,"
        " against 0.75 at 'County'"
    ]


# -- several roles ----------------------------------------------------------------------------------

ROLES = """
grants:
  - {tier: township, powers: [report]}
items:
  - id: hazard
    name: {en: Hazard}
    kind: routine
    issued_by: county
    tier: township
    role: report
    requires: {report: [report], handle: [penalty]}
    roles:
      - {tier: county, role: handle}
      - {tier: county, role: assist, requires: [verify]}
      - {tier: township, role: report, variant: rural}
"""


def test_pe101_judges_each_further_role_at_its_tier_and_entry(tmp_path):
    result = lint(tmp_path, {"r.yaml": ROLES})
    assert located(result, "PE101") == [("PE101", "r.yaml", 12, 30), ("PE101", "r.yaml", 13, 30)]
    assert messages(result, "PE101") == [
        "item 'Hazard': tier 'County' must handle it but lacks the power 'penalty'",
        "item 'Hazard': tier 'County' must assist it but lacks the power 'verify'",
    ]


def test_a_further_role_is_met_by_its_own_tiers_powers(tmp_path):
    files = {
        "r.yaml": ROLES.replace("powers: [report]}", "powers: [report]}\n  - {tier: county, powers: [penalty, verify]}")
    }
    assert located(lint(tmp_path, files), "PE101") == []


def test_why_explains_a_further_roles_finding_at_its_own_tier(tmp_path):
    from policyengine import why

    result = lint(tmp_path, {"r.yaml": ROLES})
    finding = [f for f in result.findings if f.code == "PE101"][1]
    steps = why.chains(result, finding, on=ON)
    assert [(s["step"], s.get("tier"), s.get("role"), s.get("power"), s.get("held")) for s in steps[1:]] == [
        ("assigned", "county", "assist", None, None),
        ("requires", None, "assist", None, None),
        ("power", "county", None, "verify", False),
    ]
    assert steps[2]["missing"] == ["verify"]
    assert (steps[2]["at"]["line"], steps[2]["at"]["column"]) == (13, 48)


def test_why_says_a_line_power_does_not_count_for_another_lines_item(tmp_path):
    from policyengine import why

    result = lint(tmp_path, {"line.yaml": LINE})
    finding = next(f for f in result.findings if f.code == "PE101")
    holders = [s for s in why.chains(result, finding, on=ON) if s["step"] == "holder"]
    assert [(s["holder"], s["counted"], s["reason"]) for s in holders] == [("township", False, "not_for_item")]


# -- leadership -------------------------------------------------------------------------------------

LEADERS = """
units:
  - id: grid_centre
    name: {en: Centre}
    tier: township
    kind: governance_centre
    led_by: [county_office, {tier: county}, fire_dept]
    placed_by: {all_of: [county_office, {tier: countyy}]}
    deployed_by: highway_bureau
    supervised_by: [{relation: line_department}]
    guided_by: [county_office, {relation: line_department, tier: county}]
"""


def test_every_unit_and_tier_a_leadership_party_names_is_a_reference(tmp_path):
    result = lint(tmp_path, {"u.yaml": LEADERS})
    assert located(result, "PE004") == [("PE004", "u.yaml", 6, 45), ("PE004", "u.yaml", 7, 48)]
    assert messages(result, "PE004") == [
        "unknown unit 'fire_dept' (did you mean 'fire_department'?)",
        "unknown tier 'countyy' (did you mean 'county'?)",
    ]


def test_the_graph_has_an_edge_per_party_a_unit_is_led_placed_deployed_and_supervised_by(tmp_path):
    text = LEADERS.replace(", fire_dept]", "]").replace("{tier: countyy}", "{tier: county}")
    result = lint(tmp_path, {"u.yaml": text})
    assert result.policy is not None
    g = build_graph(result.policy, ON)
    edges = sorted((v, d["kind"]) for _, v, d in g.out_edges("unit:grid_centre", data=True))
    assert edges == [
        ("tier:county", "guided_by"),
        ("tier:county", "led_by"),
        ("tier:county", "placed_by"),
        ("tier:township", "located_at"),
        ("unit:county_office", "guided_by"),
        ("unit:county_office", "led_by"),
        ("unit:county_office", "placed_by"),
        ("unit:highway_bureau", "deployed_by"),
    ]


# -- line scope -------------------------------------------------------------------------------------

LINE = """
grants:
  - {tier: township, powers: [{power: enforcement, line: highway_bureau}]}
items:
  - {id: fire_hazard, name: {en: Fire}, kind: line, owner: fire_department, tier: township, role: handle,
     requires: {handle: [enforcement]}}
  - {id: road_damage, name: {en: Road}, kind: line, owner: highway_bureau, tier: township, role: handle,
     requires: {handle: [enforcement]}}
  - {id: bridge, name: {en: Bridge}, kind: line, owner: county_office, line: highway_bureau, tier: township,
     role: handle, requires: {handle: [enforcement]}}
"""


def test_a_highway_bureaus_enforcement_does_not_settle_a_fire_hazard(tmp_path):
    result = lint(tmp_path, {"line.yaml": LINE})
    assert located(result, "PE101") == [("PE101", "line.yaml", 4, 99)]
    assert [f.subject.id for f in result.findings if f.code in ("PE101", "PE104")] == ["fire_hazard", "fire_hazard"]
    assert messages(result, "PE104") == [
        "item 'Fire': no unit on the escalation path from 'Township' holds the power 'enforcement'"
    ]


def test_a_line_unknown_unit_is_pe004(tmp_path):
    result = lint(tmp_path, {"line.yaml": LINE.replace("line: highway_bureau}", "line: highway}")})
    assert located(result, "PE004") == [("PE004", "line.yaml", 2, 58)]


# -- delegation terms -------------------------------------------------------------------------------

DELEGATED = """
grants:
  - {id: neither, tier: township, delegated_by: county_office, powers: [report]}
  - {id: no_term, tier: township, delegated_by: county_office, scope: {items: [road]}, powers: [report]}
  - {id: no_scope, tier: township, delegated_by: county_office, term: {to: 2027-01-01}, powers: [report]}
  - {id: ended, tier: township, delegated_by: county_office, valid: {to: 2027-01-01}, scope: {items: [road]}}
  - {id: bounded, tier: township, delegated_by: county_office, term: {from: 2025-01-01, to: 2027-01-01},
     scope: {categories: [roads]}, support: [training, staff], powers: [report]}
categories:
  - {id: roads, name: {en: Roads}, kind: line}
items:
  - {id: road, name: {en: Road}, kind: routine, issued_by: township, tier: township, role: report}
"""


def test_pe106_names_what_a_handed_down_grant_leaves_unsaid(tmp_path):
    result = lint(tmp_path, {"d.yaml": DELEGATED})
    assert located(result, "PE106") == [
        ("PE106", "d.yaml", 2, 49),
        ("PE106", "d.yaml", 3, 49),
        ("PE106", "d.yaml", 4, 50),
    ]
    assert messages(result, "PE106") == [
        "the grant to 'Township' handed down by 'Office' states no scope (the items it covers) and no end to its term",
        "the grant to 'Township' handed down by 'Office' states no end to its term",
        "the grant to 'Township' handed down by 'Office' states no scope (the items it covers)",
    ]
    zh = lint(tmp_path / "zh", {"d.yaml": DELEGATED}, lang="zh")
    assert messages(zh, "PE106")[1] == "“county_office”下放给“township”的授权未写明期限"


@pytest.mark.parametrize(
    ("holder", "named"),
    [("tier: township", "下放给乡镇"), ("unit: township_office", "下放给“乡镇综合执法队”")],
)
def test_pe106_in_chinese_names_a_tier_holder_unquoted_and_a_unit_holder_quoted(tmp_path, holder, named):
    """Tiers stand unquoted in Chinese messages (下放给乡镇), units quoted, each by its Chinese name."""
    tiers = "tiers:\n  - {id: county, name: {zh: 县}}\n  - {id: township, name: {zh: 乡镇}, parent: county}\n"
    units = (
        "units:\n  - {id: county_office, name: {zh: 县执法局}, tier: county, kind: functional_department}\n"
        "  - {id: township_office, name: {zh: 乡镇综合执法队}, tier: township, kind: functional_department}\n"
    )
    grants = f"grants:\n  - {{id: g, {holder}, delegated_by: county_office, powers: [report]}}\n"
    zh = lint_paths([write_policy(tmp_path, {"d.yaml": tiers + units + grants})], lang="zh", on=ON)
    assert messages(zh, "PE106") == [f"“县执法局”{named}的授权未写明范围(适用于哪些事项)和期限"]


def test_delegation_references_are_checked(tmp_path):
    text = DELEGATED.replace("delegated_by: county_office, powers", "delegated_by: office, powers", 1)
    text = text.replace("scope: {categories: [roads]}", "scope: {categories: [road]}")
    result = lint(tmp_path, {"d.yaml": text})
    assert located(result, "PE004") == [("PE004", "d.yaml", 2, 49), ("PE004", "d.yaml", 7, 27)]


SCOPED = """
grants:
  - {tier: township, powers: [report]}
  - {tier: township, delegated_by: county_office, term: {from: 2025-01-01, to: 2026-12-31}, powers: [penalty],
     scope: {items: [a], categories: [c1]}}
categories:
  - {id: c1, name: {en: C1}, kind: routine}
  - {id: c2, name: {en: C2}, kind: routine}
items:
  - {id: a, name: {en: A}, kind: routine, issued_by: township, tier: township, role: handle,
     requires: {handle: [penalty]}, category: c2}
  - {id: b, name: {en: B}, kind: routine, issued_by: township, tier: township, role: handle,
     requires: {handle: [penalty]}, category: c1}
  - {id: c, name: {en: C}, kind: routine, issued_by: township, tier: township, role: handle,
     requires: {handle: [penalty]}, category: c2}
"""


def test_a_scoped_grant_counts_only_for_items_in_its_scope_and_only_in_its_term(tmp_path):
    inside = lint(tmp_path / "in", {"s.yaml": SCOPED})
    assert [f.subject.id for f in inside.findings if f.code == "PE101"] == ["c"]
    after = lint(tmp_path / "after", {"s.yaml": SCOPED}, on="2027-01-01")
    assert [f.subject.id for f in after.findings if f.code == "PE101"] == ["a", "b", "c"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    scope_items=st.sets(st.sampled_from("abcd"), max_size=4),
    scope_categories=st.sets(st.sampled_from(["c1", "c2"]), max_size=2),
)
def test_a_grant_counts_for_an_item_iff_the_item_is_in_its_scope(tmp_path_factory, scope_items, scope_categories):
    if not scope_items and not scope_categories:
        return  # the schema asks a scope to name items or categories
    category = {"a": "c1", "b": "c2", "c": "c1", "d": "c2"}
    items = "\n".join(
        f"  - {{id: {i}, name: {{en: {i}}}, kind: routine, issued_by: township, tier: township, role: handle,"
        f" requires: {{handle: [penalty]}}, category: {category[i]}}}"
        for i in "abcd"
    )
    scope = json.dumps({"items": sorted(scope_items), "categories": sorted(scope_categories)})
    text = f"""
grants:
  - {{tier: township, delegated_by: county_office, term: {{to: 2030-01-01}}, powers: [penalty], scope: {scope}}}
categories:
  - {{id: c1, name: {{en: C1}}, kind: routine}}
  - {{id: c2, name: {{en: C2}}, kind: routine}}
items:
{items}
"""
    result = lint(tmp_path_factory.mktemp("scope"), {"s.yaml": text})
    lacking = {f.subject.id for f in result.findings if f.code == "PE101"}
    covered = {i for i in "abcd" if i in scope_items or category[i] in scope_categories}
    assert lacking == set("abcd") - covered


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.sampled_from(["county_office", "fire_department", "nobody", "ghost"]), min_size=1))
def test_every_unit_a_leader_list_names_is_checked(tmp_path_factory, names):
    text = (
        "units:\n  - {id: centre, name: {en: C}, tier: township, kind: governance_centre,"
        f" led_by: [{', '.join(names)}], supervised_by: [{', '.join(names)}]}}\n"
    )
    result = lint(tmp_path_factory.mktemp("lead"), {"u.yaml": text})
    unknown = [n for n in names if n in ("nobody", "ghost")]
    found = sorted(f.message.split("'")[1] for f in result.findings if f.code == "PE004")
    assert found == sorted(unknown * 2)


# -- the graph ---------------------------------------------------------------------------------------


def test_the_graph_carries_variants_joint_roles_lines_and_delegation_terms(tmp_path):
    result = lint(tmp_path, {"d.yaml": DELEGATED, "line.yaml": LINE, "r.yaml": ROLES})
    assert result.policy is not None
    data = json.loads(to_json(build_graph(result.policy, ON)))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["tier:township"]["variants"] == "rural,urban"
    assert nodes["tier:township"]["instances"] == "east"
    edges = data.get("edges", data.get("links"))
    assert {
        "source": "tier:township",
        "target": "power:report",
        "kind": "holds",
        "delegated_by": "county_office",
        "scope_categories": "roads",
        "support": "staff,training",
        "term_from": "2025-01-01",
        "term_to": "2027-01-01",
    } in edges
    assert {"source": "item:bridge", "target": "unit:highway_bureau", "kind": "on_line"} in edges
    assert {
        "source": "item:hazard",
        "target": "tier:county",
        "kind": "assigned_to",
        "role": "handle",
        "joint": True,
    } in edges
    assert any(e["kind"] == "holds" and e.get("line") == "highway_bureau" for e in edges)


def test_the_simulator_counts_a_line_power_only_for_its_line(tmp_path):
    from policyengine.simulate.world import _Kinds, _settle

    result = lint(tmp_path, {"line.yaml": LINE})
    assert result.policy is not None
    graph = PolicyGraph(result.policy, ON)
    items = result.policy.items
    kinds = _Kinds(
        kinds=["fire", "road"],
        required=[frozenset({"enforcement"})] * 2,
        assigned=[0, 0],
        fund=[frozenset()] * 2,
        items=[(items["fire_hazard"],), (items["road_damage"],)],
    )
    settle = _settle(graph, ("township", "county"), kinds)
    assert settle.tolist() == [[False, True], [False, False]]


def test_a_list_of_a_variant_without_count_is_judged_against_the_whole_tier(tmp_path):
    places = PLACES.replace("{id: rural, name: {zh: 涉农社区}, count: 4}", "{id: rural, name: {zh: 涉农社区}}")
    # the tier as a whole: (6 x 2 + 4 x 1) x 100 h / 10 townships = 160 h; 150 h fits
    result = lint_paths([write_policy(tmp_path, {"places.yaml": places, "c.yaml": CAPACITY})], on=ON)
    assert located(result, "PE206") == []


DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)).map(date.isoformat)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    valid=st.tuples(st.none() | DAYS, st.none() | DAYS),
    term=st.tuples(st.none() | DAYS, st.none() | DAYS),
    on=DAYS,
)
def test_a_grant_is_in_force_only_when_both_its_valid_and_its_term_hold(tmp_path_factory, valid, term, on):
    def dates(pair):
        return "{" + ", ".join(f"{k}: {v}" for k, v in zip(("from", "to"), pair, strict=True) if v) + "}"

    text = f"""
grants:
  - {{tier: township, valid: {dates(valid)}, term: {dates(term)}, powers: [penalty]}}
items:
  - {{id: a, name: {{en: A}}, kind: routine, issued_by: township, tier: township, role: handle,
     requires: {{handle: [penalty]}}}}
"""
    result = lint(tmp_path_factory.mktemp("term"), {"g.yaml": text}, on=on)
    in_force = all((start is None or start <= on) and (end is None or on <= end) for start, end in (valid, term))
    assert (located(result, "PE101") == []) == in_force


COORDINATION = """
grants:
  - {tier: township, delegated_by: county_office, term: {to: 2030-01-01}, scope: {items: [a]},
     powers: [{power: coordination, units: [highway_bureau]}]}
items:
  - {id: a, name: {en: A}, kind: routine, issued_by: township, tier: township, role: report,
     mobilises: [highway_bureau]}
  - {id: b, name: {en: B}, kind: routine, issued_by: township, tier: township, role: report,
     mobilises: [highway_bureau]}
"""


def test_pe103_counts_a_scoped_coordination_grant_only_for_its_items(tmp_path):
    result = lint(tmp_path, {"c.yaml": COORDINATION})
    assert located(result, "PE103") == [("PE103", "c.yaml", 8, 18)]
    assert [f.subject.id for f in result.findings if f.code == "PE103"] == ["b"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    held=st.fixed_dictionaries({t: st.sets(st.sampled_from(["penalty", "verify"])) for t in ("county", "township")}),
    roles=st.lists(
        st.tuples(st.sampled_from(["county", "township"]), st.sets(st.sampled_from(["penalty", "verify"]))),
        max_size=4,
    ),
)
def test_pe101_flags_exactly_the_further_roles_whose_tier_lacks_a_power(tmp_path_factory, held, roles):
    grants = "\n".join(f"  - {{tier: {t}, powers: [report, {', '.join(sorted(p))}]}}" for t, p in held.items())
    entries = "\n".join(f"      - {{tier: {t}, role: assist, requires: [{', '.join(sorted(p))}]}}" for t, p in roles)
    text = f"""
grants:
{grants}
items:
  - id: x
    name: {{en: X}}
    kind: routine
    issued_by: county
    tier: township
    role: report
    requires: {{report: [report]}}
    roles:
{entries or "      []"}
"""
    result = lint(tmp_path_factory.mktemp("roles"), {"r.yaml": text.replace("roles:\n      []", "roles: []")})
    flagged = [f.span.line for f in result.findings if f.code == "PE101"]
    expected = [13 + i for i, (t, p) in enumerate(roles) if not p <= held[t]]
    assert flagged == expected

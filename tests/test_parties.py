"""Parties (who applies, reviews, approves): resolved by relation, named in messages, checked as
references wherever they nest; procedures governing lists of other tiers; approval records in `admit`."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.messages.catalogue import render
from policyengine.parties import party_of
from policyengine.party_resolution import units_of

from .util import lint_files as _lint_files
from .util import located, write_policy

ON = "2026-01-01"

BASE = """
tiers:
  - {id: county, name: {en: County}}
  - {id: town, name: {en: Town}, parent: county}
  - {id: grid, name: {en: Grid}, parent: town}
units:
  - {id: committee, name: {en: Party committee}, tier: county, kind: party_committee}
  - {id: county_gov, name: {en: County government}, tier: county, kind: government}
  - {id: town_gov, name: {en: Town government}, tier: town, kind: government}
  - {id: county_centre, name: {en: County centre}, tier: county, kind: governance_centre}
  - {id: town_centre, name: {en: Town centre}, tier: town, kind: governance_centre}
  - {id: fire, name: {en: Fire}, tier: county, kind: functional_department}
  - {id: roads, name: {en: Roads}, tier: county, kind: functional_department}
  - {id: villagers, name: {en: Villagers' committee}, tier: grid, kind: self_governance}
  - {id: leading, name: {en: Leading group}, tier: county, kind: leading_group}
  - {id: hall, name: {en: Service hall}, tier: town, kind: service_centre}
items:
  - {id: hazard, name: {en: Hazard}, kind: line, owner: fire, tier: grid, role: report, applicant: fire,
     legal_basis: Fire law, funding: {money_yuan_per_year: 1}}
  - {id: census, name: {en: Census}, kind: temporary, tier: grid, role: assist, applicant: {tier: town},
     via: leading, legal_basis: {document: Census notice}, valid: {from: 2025-10-01, to: 2025-12-31}}
  - {id: sweep, name: {en: Sweep}, kind: routine, tier: grid, role: report}
lists:
  - {id: grid_list, tier: grid, kind: duties, items: [hazard, census, sweep]}
"""


def lint(tmp_path: Path, extra: str, on: str = ON, lang: str = "en"):
    from policyengine.lint import lint_paths

    return lint_paths([write_policy(tmp_path, {"base.yaml": BASE, "extra.yaml": extra})], None, lang, on=on)


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


def policy(tmp_path: Path, extra: str = ""):
    result = _lint_files(tmp_path, {"base.yaml": BASE, **({"extra.yaml": extra} if extra else {})})
    assert result.policy is not None
    return result.policy


# == each relation resolved ===========================================================================


def test_each_relation_resolves_to_the_units_it_can_mean(tmp_path):
    p = policy(tmp_path)
    hazard, census = p.items["hazard"], p.items["census"]

    def units(raw, item=None, applicant=None):
        return set(units_of(p, party_of(raw), item, party_of(applicant)))

    assert units("fire") == {"fire"} and units("nobody") == set()
    assert units({"tier": "town"}) == {"town_gov", "town_centre", "hall"}
    assert units({"relation": "item_owner"}, hazard) == {"fire"}
    assert units({"relation": "item_owner", "tier": "town"}, hazard) == set()
    assert units({"relation": "item_owner"}, census) == set()  # it names no owner
    assert units({"relation": "item_owner"}) == set()  # no item in view
    assert units({"relation": "line_department"}) == {"fire", "roads"}
    assert units({"relation": "line_department", "tier": "town"}) == set()
    # grid_body and applicant_tier_government: at the applicant's tier (hazard: fire, county; census: town)
    assert units({"relation": "grid_body"}, hazard) == {"county_centre"}
    assert units({"relation": "grid_body"}, census) == {"town_centre"}
    assert units({"relation": "grid_body", "tier": "town"}, hazard) == {"town_centre"}
    assert units({"relation": "applicant_tier_government"}, hazard) == {"county_gov"}
    assert units({"relation": "applicant_tier_government"}, census) == {"town_gov"}
    # an item without its own applicant: the procedure's applicant
    sweep = p.items["sweep"]
    assert units({"relation": "applicant_tier_government"}, sweep, {"tier": "town"}) == {"town_gov"}
    # the applicant unknown: every body of that kind it can mean, at any tier
    assert units({"relation": "grid_body"}, sweep) == {"county_centre", "town_centre"}
    assert units({"relation": "applicant_tier_government"}) == {"county_gov", "town_gov"}


def test_any_of_and_all_of_mean_any_member(tmp_path):
    p = policy(tmp_path)
    hazard = p.items["hazard"]
    both = party_of({"all_of": ["committee", "county_gov"]})
    either = party_of({"any_of": [{"relation": "item_owner"}, {"all_of": ["hall", {"tier": "grid"}]}]})
    assert units_of(p, both, hazard) == {"committee", "county_gov"}
    assert units_of(p, either, hazard) == {"fire", "hall", "villagers"}


def test_a_party_reads_in_english_and_chinese():
    party = party_of({"all_of": ["county_party_committee", "county_government"]})
    assert party is not None
    assert render(party.text(), "en") == "all of 'county_party_committee', 'county_government'"
    assert render(party.text(), "zh") == "“county_party_committee”、“county_government”共同"
    nested = party_of({"any_of": [{"relation": "grid_body", "tier": "town"}, {"tier": "grid"}]})
    assert nested is not None
    assert render(nested.text(), "en") == "any of the grid-management body at tier 'town', the bodies of tier 'grid'"
    assert render(nested.text(), "zh") == "town层级的网格化服务管理机构、grid层级的机构之一"


# == PE004 for every unit and tier a party names ===========================================================

NESTED = """admission:
  - id: gate
    tier: county
    lists: [grid_list]
    applicant: {any_of: [fire, ghost]}
    reviewer: {all_of: [committee, {any_of: [nobody, {tier: nowhere}]}, {relation: grid_body, tier: nowhere2}]}
    temporary: {approval_by: {all_of: [county_gov, phantom]}}
"""


def test_pe004_at_each_unit_and_tier_inside_nested_parties(tmp_path):
    result = lint(tmp_path, NESTED)
    assert located(result, "PE004") == [
        ("PE004", "extra.yaml", 5, 32),  # ghost
        ("PE004", "extra.yaml", 6, 46),  # nobody
        ("PE004", "extra.yaml", 6, 61),  # the tier nowhere
        ("PE004", "extra.yaml", 6, 101),  # the relation's tier nowhere2
        ("PE004", "extra.yaml", 7, 52),  # phantom
    ]
    assert messages(result, "PE004")[0] == "unknown unit 'ghost'"
    assert "unknown tier 'nowhere'" in messages(result, "PE004")[2]


def test_pe004_inside_an_items_applicant(tmp_path):
    extra = (
        "items:\n  - {id: extra_item, name: {en: X}, kind: routine, tier: grid, role: report,\n"
        "     applicant: {any_of: [fire, {all_of: [ghost, {relation: grid_body, tier: nowhere}]}]}}\n"
    )
    result = lint(tmp_path, extra)
    assert located(result, "PE004") == [("PE004", "extra.yaml", 3, 43), ("PE004", "extra.yaml", 3, 78)]
    assert messages(result, "PE004") == ["unknown unit 'ghost'", "unknown tier 'nowhere'"]


UNITS = ("fire", "hall", "committee", "nobody", "ghost")
TIERS = ("town", "grid", "nowhere")
LEAF = st.one_of(
    st.sampled_from(UNITS),
    st.builds(lambda t: {"tier": t}, st.sampled_from(TIERS)),
    st.builds(
        lambda r, t: {"relation": r, **({"tier": t} if t else {})},
        st.sampled_from(("item_owner", "line_department", "grid_body", "applicant_tier_government")),
        st.sampled_from((None, *TIERS)),
    ),
)
PARTIES = st.recursive(
    LEAF,
    lambda inner: st.builds(
        lambda k, xs: {k: xs}, st.sampled_from(("any_of", "all_of")), st.lists(inner, min_size=1, max_size=3)
    ),
    max_leaves=8,
)


def _named(raw) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if "any_of" in raw or "all_of" in raw:
        return [n for part in raw.get("any_of", raw.get("all_of", [])) for n in _named(part)]
    return [raw["tier"]] if "tier" in raw else []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PARTIES)
def test_every_named_unit_or_tier_resolves_or_is_one_pe004(party):
    extra = "admission:\n  - {id: gate, tier: county, lists: [grid_list], reviewer: " + json.dumps(party) + "}\n"
    with tempfile.TemporaryDirectory() as root:
        result = lint(Path(root), extra)
        unknown = [n for n in _named(party) if n not in UNITS[:3] and n not in TIERS[:2]]
        assert len([f for f in result.findings if f.code == "PE004"]) == len(unknown)
        assert [f.code for f in result.findings if f.code in ("PE002", "PE003")] == []
        assert result.policy is not None
        reviewer = result.policy.admissions["gate"].reviewer
        meant = units_of(result.policy, reviewer, result.policy.items["hazard"])
        assert meant <= set(result.policy.units)
        assert {n for n in _named(party) if n in UNITS[:3]} <= meant

"""PE207 returned-item-still-assigned: an item on a tier's `returned` list (上收事项) still assigned to that tier."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine import why
from policyengine.lint import lint_paths
from tests.util import located, write_policy

ON = "2026-01-01"

BASE = """
tiers:
  - {id: district, name: {en: District}}
  - {id: street, name: {en: Street}, parent: district}
  - {id: grid, name: {en: Grid}, parent: street}
units:
  - {id: dept, name: {en: Dept}, tier: district, kind: functional_department}
categories:
  - {id: gas, name: {en: Gas}, kind: routine}
  - {id: other, name: {en: Other}, kind: routine}
"""

# `inspection` went up to the district; `checks` is still the grid's. Line 2 of lists.yaml:
# `  - {id: grid_back, tier: grid, kind: returned, items: [inspection, checks]}`, `checks` at column 69.
ITEMS = """
items:
  - {id: inspection, name: {en: Inspection}, kind: routine, issued_by: district, tier: district, role: report}
  - {id: checks, name: {en: Checks}, kind: routine, issued_by: grid, tier: grid, role: report,
     category: gas}
  - {id: patrol, name: {en: Patrol}, kind: routine, issued_by: street, tier: street, role: report,
     category: gas}
"""
LISTS = "lists:\n  - {id: grid_back, tier: grid, kind: returned, items: [inspection, checks]}\n"


def lint(tmp_path: Path, lists: str = LISTS, lang: str = "en"):
    return lint_paths(
        [write_policy(tmp_path, {"base.yaml": BASE, "items.yaml": ITEMS, "lists.yaml": lists})], lang=lang, on=ON
    )


def test_an_item_named_by_id_and_still_assigned_is_found_at_its_entry(tmp_path):
    result = lint(tmp_path)
    assert located(result, "PE207") == [("PE207", "lists.yaml", 2, 69)]
    (finding,) = [f for f in result.findings if f.code == "PE207"]
    assert finding.subject.id == "checks"
    assert finding.message == (
        "item 'Checks' is on 'grid_back', the items taken back up from 'Grid', but is still assigned to 'Grid'"
    )


def test_the_message_in_chinese(tmp_path):
    (finding,) = [f for f in lint(tmp_path, lang="zh").findings if f.code == "PE207"]
    assert finding.message == "事项“checks”已列入“grid”的上收事项清单“grid_back”,但仍指派给“grid”"


def test_an_item_named_by_category_is_found_at_the_category_entry(tmp_path):
    lists = "lists:\n  - {id: grid_back, tier: grid, kind: returned, categories: [other, gas]}\n"
    result = lint(tmp_path, lists)
    # `patrol` has the category too, but is the street's: only `checks` is still the grid's; the
    # finding is at the entry `gas`, column 69
    assert located(result, "PE207") == [("PE207", "lists.yaml", 2, 69)]
    (finding,) = [f for f in result.findings if f.code == "PE207"]
    assert finding.message == (
        "item 'Checks' is on 'grid_back', the items taken back up from 'Grid', by its category 'Gas', "
        "but is still assigned to 'Grid'"
    )


def test_the_fix_clears_it(tmp_path):
    fixed = ITEMS.replace("issued_by: grid, tier: grid", "issued_by: grid, tier: street")
    result = lint_paths([write_policy(tmp_path, {"base.yaml": BASE, "items.yaml": fixed, "lists.yaml": LISTS})], on=ON)
    assert located(result, "PE207") == []


def test_lists_of_other_kinds_are_not_judged(tmp_path):
    for kind in ("duties", "cooperation"):
        lists = LISTS.replace("kind: returned", f"kind: {kind}")
        assert located(lint(tmp_path / kind, lists), "PE207") == []


def test_the_chain_says_where_the_item_is_assigned_and_which_list_took_it_back(tmp_path):
    result = lint(tmp_path)
    (finding,) = [f for f in result.findings if f.code == "PE207"]
    chain = why.chains(result, finding, on=ON)
    assert [s["step"] for s in chain] == ["subject", "assigned", "related", "related"]
    assigned = chain[1]
    assert (
        assigned["tier"],
        assigned["role"],
        assigned["at"]["file"].endswith("items.yaml"),
        assigned["at"]["line"],
    ) == (
        "grid",
        "report",
        True,
        3,
    )
    assert [(s["kind"], s["id"]) for s in chain[2:]] == [("tier", "grid"), ("list", "grid_back")]


TIERS = ("district", "street", "grid")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(TIERS), min_size=1, max_size=5),
    st.sampled_from(TIERS),
    st.data(),
)
def test_found_exactly_for_the_listed_items_still_on_the_list_tier(assigned_to, list_tier, data):
    """Whatever the items' tiers and the list's entries, PE207 names exactly the listed items on its tier."""
    ids = [f"i{n}" for n in range(len(assigned_to))]
    listed = data.draw(st.lists(st.sampled_from(ids), unique=True))
    items = "items:\n" + "".join(
        f"  - {{id: {i}, name: {{en: {i}}}, kind: routine, issued_by: {t}, tier: {t}, role: report}}\n"
        for i, t in zip(ids, assigned_to, strict=True)
    )
    lists = f"lists:\n  - {{id: back, tier: {list_tier}, kind: returned, items: [{', '.join(listed)}]}}\n"
    root = Path(tempfile.mkdtemp())
    try:
        result = lint_paths([write_policy(root, {"base.yaml": BASE, "items.yaml": items, "lists.yaml": lists})], on=ON)
    finally:
        shutil.rmtree(root)
    found = [f.subject.id for f in result.findings if f.code == "PE207"]
    assert found == [i for i in listed if assigned_to[ids.index(i)] == list_tier]

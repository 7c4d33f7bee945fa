"""Every field policies/h_district declares, and who reads it: a check (its code), the simulator, or
nobody — context only, which docs/case.md and docs/case.zh.md then list. A field the policy gains must
be added here, so that a fact of the case is never declared for nothing without saying so.

The documentation fields (`name`, `description`, `note`, `source`) are shown by every command and
judged by none; they are left out. Keys that are names rather than fields (a simulation parameter, a
headcount's role) are collapsed into their mapping.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from policyengine.checks import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
H_DISTRICT = ROOT / "policies" / "h_district"
DOCUMENTATION = {"name", "description", "note", "source"}
COLLAPSED = ("simulation.parameters", "units.headcount")  # their keys are names, not fields
SIMULATOR, CONTEXT = "simulator", "context"

READERS: dict[str, tuple[str, ...]] = {
    "assessments.adds_to": ("PE302", "PE303", "PE316", SIMULATOR),
    "assessments.assessed": ("PE205", "PE209", "PE301", "PE317"),
    "assessments.assessor": ("PE205", "PE209", "PE301", "PE302", "PE317"),
    "assessments.id": ("PE003", "PE004"),
    "assessments.period": (CONTEXT,),
    "assessments.quotas": ("PE302", "PE303", SIMULATOR),
    "assessments.quotas.add": ("PE302", "PE303", SIMULATOR),
    "assessments.quotas.kind": ("PE303", SIMULATOR),
    "assessments.quotas.metric": ("PE302", SIMULATOR),
    "assessments.quotas.min": ("PE302", "PE303", SIMULATOR),
    "assessments.quotas.per": (SIMULATOR,),
    "assessments.quotas.period": (CONTEXT,),
    "assessments.ranking": ("PE303", SIMULATOR),
    "assessments.ranking.consequences": ("PE303", SIMULATOR),
    "assessments.ranking.consequences.decided_by": ("PE004",),
    "assessments.ranking.consequences.effect": ("PE303", SIMULATOR),
    "assessments.ranking.consequences.when": ("PE303", SIMULATOR),
    "assessments.ranking.consequences.when.bottom": ("PE303", SIMULATOR),
    "assessments.ranking.consequences.when.consecutive_periods": (SIMULATOR,),
    "assessments.ranking.consequences.when.score_at_most": (SIMULATOR,),
    "assessments.ranking.consequences.when.top": ("PE303", SIMULATOR),
    "assessments.ranking.feeds": (CONTEXT,),
    "assessments.ranking.of": (SIMULATOR,),
    "assessments.ranking.period": (CONTEXT,),
    "assessments.scoring": ("PE304", "PE316", SIMULATOR),
    "assessments.scoring.direction": ("PE316",),
    "assessments.scoring.effect": ("PE304", "PE316"),
    "assessments.scoring.when": ("PE304", "PE316", SIMULATOR),
    "categories.id": ("PE003", "PE004"),
    "categories.kind": ("PE200", SIMULATOR),
    "channels.from": ("PE317",),
    "channels.id": ("PE003",),
    "channels.kind": ("PE317",),
    "channels.to": ("PE317",),
    "duties.applies_to": ("PE305",),
    "duties.end": ("PE305",),
    "duties.id": ("PE003", "PE004"),
    "duties.item": ("PE004",),
    "duties.penalty": (CONTEXT,),
    "duties.platform_rule": ("PE004",),
    "duties.start": ("PE305",),
    "figures.id": (SIMULATOR,),
    "figures.period": (CONTEXT,),
    "figures.unit": (CONTEXT,),
    "figures.value": (SIMULATOR,),
    "grants.dimensions": ("PE105",),
    "grants.dimensions.assessment": ("PE105",),
    "grants.dimensions.resources": ("PE105",),
    "grants.dimensions.task_setting": ("PE105",),
    "grants.dimensions.timing": ("PE105",),
    "grants.id": ("PE003",),
    "grants.powers": ("PE101", "PE103", "PE104", SIMULATOR),
    "grants.powers.power": ("PE101", "PE103", "PE104", SIMULATOR),
    "grants.powers.scope": ("PE103",),
    "grants.unit": ("PE101", "PE104", "PE105", SIMULATOR),
    "items.category": ("PE200", "PE202", "PE205", "PE207", SIMULATOR),
    "items.co_handlers": ("PE101", SIMULATOR),
    "items.co_handlers.coverage": ("PE101", SIMULATOR),
    "items.co_handlers.unit": ("PE101", SIMULATOR),
    "items.deadlines": ("PE310", "PE311"),
    "items.deadlines.handling": ("PE310", "PE311"),
    "items.deadlines.handling.unit": ("PE310", "PE311"),
    "items.deadlines.handling.within": ("PE310", "PE311"),
    "items.funding": ("PE102",),
    "items.funding.money_yuan_per_year": ("PE102",),
    "items.funding.people": ("PE102",),
    "items.id": ("PE003", "PE004"),
    "items.issued_by": ("PE102", "PE202", "PE203"),
    "items.kind": ("PE200", "PE203"),
    "items.legal_basis": ("PE204",),
    "items.legal_basis.document": (CONTEXT,),
    "items.legal_basis.quote": (CONTEXT,),
    "items.legal_basis.section": (CONTEXT,),
    "items.mobilises": ("PE103",),
    "items.nature": ("PE310",),
    "items.owner": ("PE102", "PE202", "PE203", "PE205"),
    "items.requires": ("PE101", "PE104"),
    "items.requires.handle": ("PE101", "PE104", SIMULATOR),
    "items.requires.report": ("PE101",),
    "items.responsibility": (SIMULATOR,),
    "items.role": ("PE101",),
    "items.tier": ("PE101", "PE102", "PE201", SIMULATOR),
    "lists.categories": ("PE200", "PE207"),
    "lists.compiled_by": (CONTEXT,),
    "lists.id": ("PE003", "PE004"),
    "lists.items": ("PE105", "PE200", "PE201"),
    "lists.kind": ("PE105", "PE200", "PE201"),
    "lists.stated": ("PE105",),
    "lists.stated.approximate": (CONTEXT,),
    "lists.stated.categories": (CONTEXT,),
    "lists.stated.items": ("PE105",),
    "lists.tier": ("PE200", "PE201", "PE207"),
    "measures.depends_on": ("PE307", "PE313", "PE318"),
    "measures.id": ("PE003", "PE307", "PE313", "PE318"),
    "measures.kind": ("PE318",),
    "platform_rules.applies_to": ("PE315",),
    "platform_rules.deadline_days": (CONTEXT,),
    "platform_rules.hours_per_month": ("PE315",),
    "platform_rules.id": ("PE003", "PE004"),
    "platform_rules.kind": ("PE315", SIMULATOR),
    "platform_rules.platform": (CONTEXT,),
    "policy.id": (CONTEXT,),
    "policy.jurisdiction": (CONTEXT,),
    "scale.levels": ("PE105",),
    "simulation.parameters": (SIMULATOR,),
    "simulation.problems": (SIMULATOR,),
    "simulation.problems.category": (SIMULATOR,),
    "simulation.problems.id": (SIMULATOR,),
    "simulation.problems.item": (SIMULATOR,),
    "simulation.problems.per_grid_per_day": (SIMULATOR,),
    "simulation.start": (SIMULATOR,),
    "simulation.streets": (SIMULATOR,),
    "simulation.streets.communities": (SIMULATOR,),
    "simulation.streets.grids": (SIMULATOR,),
    "simulation.streets.instance": (SIMULATOR,),
    "simulation.urban_public_order_categories": (SIMULATOR,),
    "spending.of": (CONTEXT,),
    "spending.year": (SIMULATOR,),
    "spending.yuan": (SIMULATOR,),
    "tiers.count": ("PE206", SIMULATOR),
    "tiers.id": ("PE003", "PE004"),
    "tiers.instances": (SIMULATOR,),
    "tiers.instances.id": ("PE003", "PE004", SIMULATOR),
    "tiers.parent": ("PE005",),
    "units.count": ("PE206",),
    "units.headcount": ("PE206",),
    "units.id": ("PE003", "PE004"),
    "units.instance": ("PE004", SIMULATOR),
    "units.kind": ("PE209",),
    "units.sent_by": ("PE101", "PE105", "PE206"),
    "units.staff": (CONTEXT,),
    "units.staff.dismissal": ("PE313",),
    "units.staff.dismissal.decided_by": ("PE004",),
    "units.staff.dismissal.when": ("PE313",),
    "units.staff.dismissal.when.consecutive_periods": (CONTEXT,),
    "units.staff.dismissal.when.regime": ("PE004", "PE313"),
    "units.staff.dismissal.when.score_at_most": (CONTEXT,),
    "units.staff.engagement": (CONTEXT,),
    "units.staff.pay": (CONTEXT,),
    "units.staff.pay.by": ("PE004",),
    "units.staff.pay.by.tier": ("PE004",),
    "units.staff.position": (CONTEXT,),
    "units.staff.recruited_by": ("PE004",),
    "units.tier": ("PE101", "PE206", SIMULATOR),
    "workflow.dispatch": ("PE104", "PE317", SIMULATOR),
    "workflow.dispatch.from": ("PE104", "PE317", SIMULATOR),
    "workflow.dispatch.to": ("PE104", "PE317", SIMULATOR),
    "workflow.escalation": ("PE104", "PE317", SIMULATOR),
    "workflow.returns": ("PE104", "PE304", SIMULATOR),
    "workflow.returns.basis": ("PE104", SIMULATOR),
    "workflow.returns.from": ("PE104", SIMULATOR),
    "workflow.returns.to": ("PE104", SIMULATOR),
    "workflow.verification": (SIMULATOR,),
    "workflow.verification.by": ("PE004",),
    "workflow.verification.deadline_hours": (SIMULATOR,),
    "workflow.verification.phone_follow_up": (CONTEXT,),
}


def _walk(node: object, prefix: str, found: set[str]) -> None:
    if isinstance(node, list):
        for entry in node:
            _walk(entry, prefix, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in DOCUMENTATION and prefix:
                continue
            path = f"{prefix}.{key}" if prefix else str(key)
            if prefix:
                found.add(path)
            if path not in COLLAPSED:
                _walk(value, path, found)


def declared() -> set[str]:
    """The fields the bundled policy declares, as `section.key.subkey` (lists looked through)."""
    found: set[str] = set()
    for path in sorted(H_DISTRICT.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            _walk(document, "", found)
    return found


def context_block(doc: str) -> set[str]:
    """The fields a case page lists as context only, between its markers."""
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    block = text.split("<!-- fields: context only -->", 1)[1].split("<!-- end fields -->", 1)[0]
    return set(re.findall(r"`([a-z_.]+)`", block))


def test_every_declared_field_says_who_reads_it():
    found = declared()
    assert sorted(found - set(READERS)) == [], "a field of policies/h_district no one has said who reads"
    assert sorted(set(READERS) - found) == [], "a field listed here that policies/h_district no longer declares"


@pytest.mark.parametrize("field", sorted(READERS))
def test_each_reader_is_a_check_the_simulator_or_context(field):
    readers = READERS[field]
    assert readers and len(set(readers)) == len(readers)
    assert CONTEXT not in readers or readers == (CONTEXT,), "context only means no one else reads it"
    for reader in readers:
        assert reader in CATALOGUE or reader in (SIMULATOR, CONTEXT), reader


def test_the_simulators_fields_are_in_its_documentation():
    text = (ROOT / "docs" / "simulation.md").read_text(encoding="utf-8")
    for field, readers in READERS.items():
        if SIMULATOR in readers:
            assert field.split(".")[-1] in text, field


@pytest.mark.parametrize("doc", ["case.md", "case.zh.md"])
def test_the_context_fields_are_the_ones_the_case_page_lists(doc):
    assert context_block(doc) == {f for f, readers in READERS.items() if readers == (CONTEXT,)}

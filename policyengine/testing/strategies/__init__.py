"""Hypothesis strategies for random VALID policies, admission rules and reforms (needs `hypothesis`:
`pip install 'grid-policyengine[test]'`).

`policies()` draws a policy, as plain Python data, that matches the policy JSON Schema and whose
every reference resolves: one tier tree (one root, depth 1-5, at most 8 tiers), units, grants,
categories, items (at most 15), lists, admission procedures, a workflow, assessment regimes
(`adds_to` without cycles), duties and platform rules. Ids are unique within their kind and each
kind has its own prefix, so that a tier and a unit never share an id. Linted, a drawn policy never
has a structural error (PE001-PE005). `policy_texts()` draws the same policies as YAML text.

`rules()` draws a well-typed admission criterion in the rule language (a string: one or more
`when ... then ...` clauses, sometimes an `otherwise`); `conditions()` and `actions()` draw its parts.
A drawn rule never has a PE006 or PE007 finding.

`reforms(policy)` draws a reform document over a drawn policy: operations (grant, revoke, transfer,
set, move, remove, add and add_rules) that all apply, so the reformed policy has no structural error.

`dump(policy, root, split=...)` writes a drawn policy as one or several YAML files; `layouts()`
draws a file layout for `dump`; `to_yaml` writes any document as YAML text.

Section order within a drawn policy follows SECTION_ORDER; only the order of tiers is shuffled
(a child may be declared before its parent).
"""

from ...vocabulary import BUILTIN_POWERS
from .draws import MAX_ITEMS, MAX_TIERS, SECTION_ORDER, SPLITTABLE, tier_trees
from .files import dump, item_ids, layouts, policy_texts, power_ids, tier_ids, to_yaml, with_grant, without_item
from .policy import policies
from .reforms import reforms
from .rules import actions, conditions, rules

__all__ = [
    "BUILTIN_POWERS",
    "MAX_ITEMS",
    "MAX_TIERS",
    "SECTION_ORDER",
    "SPLITTABLE",
    "actions",
    "conditions",
    "dump",
    "item_ids",
    "layouts",
    "policies",
    "policy_texts",
    "power_ids",
    "reforms",
    "rules",
    "tier_ids",
    "tier_trees",
    "to_yaml",
    "with_grant",
    "without_item",
]

"""The checks: one module each, listed here explicitly, in code order.

Each module ends with `CHECK = Check(...)` (base.py): its code, names, default severity, thresholds,
message templates, documentation, the function that finds it and the one that explains a finding.
The structural codes (PE001-PE009) are reported while the policy is read (loader, schema, builder,
rule compiler, suppressions); their modules hold their definitions in the same form. Adding a check:
copy a module of its family, add its two lines below, write its test and its example
(docs/architecture.md says how).
"""

from __future__ import annotations

from .admission import (
    admission_procedure_incomplete,
    inadmissible_item,
    list_over_capacity,
    no_admission_procedure,
    open_catch_all,
    returned_item_still_assigned,
    separate_assessment,
    temporary_admission_unbounded,
    unlisted_inspection,
    unlisted_pushdown,
)
from .assessment import (
    assessment_overload,
    bonus_cap_blocks_quota,
    count_quota_forced_ranking,
    deadline_shorter_than_escalation,
    dismissal_on_uncontrolled_score,
    dual_leadership_unresolved,
    escalation_penalised,
    fixed_deadline_long_cycle,
    group_rate_unmeetable,
    pass_mark_unreachable,
    quota_escalation,
    scored_twice,
    stakes_on_uncontrolled_measure,
    timing_collision,
    trace_management,
    transfer_rewarded_return_penalised,
    unused_channel,
    verification_capacity,
)
from .authority import (
    coordination_deficit,
    delegation_unbounded,
    escalation_dead_end,
    inverted_authority,
    responsibility_without_authority,
    unfunded_mandate,
)
from .base import Check, Explain, Find
from .structure import (
    cannot_judge,
    duplicate_definition,
    invalid_suppression,
    rule_syntax,
    rule_type,
    schema_violation,
    tier_cycle,
    unknown_reference,
    unused_suppression,
    yaml_syntax,
)

CHECKS: tuple[Check, ...] = (
    yaml_syntax.CHECK,  # PE001
    schema_violation.CHECK,  # PE002
    duplicate_definition.CHECK,  # PE003
    unknown_reference.CHECK,  # PE004
    tier_cycle.CHECK,  # PE005
    rule_syntax.CHECK,  # PE006
    rule_type.CHECK,  # PE007
    unused_suppression.CHECK,  # PE008
    invalid_suppression.CHECK,  # PE009
    cannot_judge.CHECK,  # PE010
    responsibility_without_authority.CHECK,  # PE101
    unfunded_mandate.CHECK,  # PE102
    coordination_deficit.CHECK,  # PE103
    escalation_dead_end.CHECK,  # PE104
    inverted_authority.CHECK,  # PE105
    delegation_unbounded.CHECK,  # PE106
    no_admission_procedure.CHECK,  # PE200
    inadmissible_item.CHECK,  # PE201
    unlisted_pushdown.CHECK,  # PE202
    temporary_admission_unbounded.CHECK,  # PE203
    admission_procedure_incomplete.CHECK,  # PE204
    separate_assessment.CHECK,  # PE205
    list_over_capacity.CHECK,  # PE206
    returned_item_still_assigned.CHECK,  # PE207
    open_catch_all.CHECK,  # PE208
    unlisted_inspection.CHECK,  # PE209
    assessment_overload.CHECK,  # PE301
    quota_escalation.CHECK,  # PE302
    count_quota_forced_ranking.CHECK,  # PE303
    escalation_penalised.CHECK,  # PE304
    timing_collision.CHECK,  # PE305
    pass_mark_unreachable.CHECK,  # PE306
    stakes_on_uncontrolled_measure.CHECK,  # PE307
    scored_twice.CHECK,  # PE308
    bonus_cap_blocks_quota.CHECK,  # PE309
    fixed_deadline_long_cycle.CHECK,  # PE310
    deadline_shorter_than_escalation.CHECK,  # PE311
    verification_capacity.CHECK,  # PE312
    dismissal_on_uncontrolled_score.CHECK,  # PE313
    dual_leadership_unresolved.CHECK,  # PE314
    trace_management.CHECK,  # PE315
    transfer_rewarded_return_penalised.CHECK,  # PE316
    unused_channel.CHECK,  # PE317
    group_rate_unmeetable.CHECK,  # PE318
)

# every code, in code order: what `explain` lists, the configuration accepts and SARIF declares
CATALOGUE: dict[str, Check] = {check.code: check for check in CHECKS}
# the semantic checks, which run on a policy that was read as written
REGISTRY: dict[str, Find] = {check.code: check.find for check in CHECKS if check.find is not None}
# the chain behind a finding, for the codes whose check gives one
EXPLAIN: dict[str, Explain] = {check.code: check.explain for check in CHECKS if check.explain is not None}

__all__ = ["CATALOGUE", "CHECKS", "EXPLAIN", "REGISTRY", "Check"]

"""The semantic checks: an explicit registry, one module per family. Checks never print.

Each check is a function `check(ctx) -> Iterable[Violation]`; the linter stamps severity.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..diagnostics import Violation
from . import admission, assessment, authority
from .context import Context

Check = Callable[[Context], Iterable[Violation]]

REGISTRY: dict[str, Check] = {
    "PE101": authority.responsibility_without_authority,
    "PE102": authority.unfunded_mandate,
    "PE103": authority.coordination_deficit,
    "PE104": authority.escalation_dead_end,
    "PE105": authority.inverted_authority,
    "PE200": admission.no_admission_procedure,
    "PE201": admission.inadmissible_item,
    "PE202": admission.unlisted_pushdown,
    "PE203": admission.temporary_admission_unbounded,
    "PE204": admission.admission_procedure_incomplete,
    "PE205": admission.separate_assessment,
    "PE206": admission.list_over_capacity,
    "PE301": assessment.assessment_overload,
    "PE302": assessment.quota_escalation,
    "PE303": assessment.count_quota_forced_ranking,
    "PE304": assessment.escalation_penalised,
    "PE305": assessment.timing_collision,
}

__all__ = ["REGISTRY", "Context", "Check"]

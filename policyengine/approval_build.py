"""The `approvals` section -> approval records: each built from its validated entry, its references
noted for the second pass (PE004), and two records of one item and procedure that hold on a common
day reported (PE003): they would leave `admit` two decisions to choose between."""

from __future__ import annotations

from typing import Any

from .approvals import Approval
from .declarations import Declarations, valid_of
from .diagnostics import Subject, Violation
from .parties import party_of
from .span import NOWHERE
from .yamlnodes import YMap


def _record(decls: Declarations, r: YMap) -> Approval:
    record = Approval(
        item=r["item"],
        procedure=r["procedure"],
        decision=r["decision"],
        by=party_of(r.get("by"), ("by",)),
        on=r.get("on"),
        term=valid_of(r.get("term")),
        term_days=r.get("term_days"),
        span=r.value_span("item") if isinstance(r, YMap) else NOWHERE,
        raw=r,
        source=r.get("source"),
    )
    subject = Subject("approval", record.item)
    decls.ref("item", record.item, record, subject, "item")
    decls.ref("admission", record.procedure, record, subject, "procedure")
    decls.party_ref(record.by, record, subject)
    return record


def approvals(decls: Declarations, raw: list[Any]) -> tuple[Approval, ...]:
    """The records in declared order; PE003 for a record overlapping an earlier one of the same item
    and procedure (reported at the later record's `item`)."""
    records = tuple(_record(decls, r) for r in raw)
    seen: dict[tuple[str, str], list[Approval]] = {}
    for record in records:
        earlier = seen.setdefault((record.item, record.procedure), [])
        first = next((e for e in earlier if e.overlaps(record)), None)
        if first is not None:
            decls.violations.append(
                Violation(
                    "PE003",
                    "approval",
                    record.span,
                    Subject("approval", record.item),
                    {"item": record.item, "procedure": record.procedure, "first": str(first.span)},
                )
            )
        earlier.append(record)
    return records

"""What a check says when it cannot judge (PE010 cannot-judge): the values it needs are `unstated`,
`unknown` or, where absence now reads as not stated, not written. The checks that judge such values
yield the PE010 violation themselves, so that it runs, and is turned off, with them."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Subject, Violation
from ..messages.core import Joined, Message, Term, msg
from ..span import Span
from ..statedness import UNKNOWN, Marker


def cannot_judge(check: str, subject: Subject, span: Span, fields: Sequence[tuple[str, Marker | None]]) -> Violation:
    """`check` cannot judge `subject` for want of `fields` (name, marker; None: not written). Said as
    `unknown` when every field is marked so (the document states them: find them), else as not stated."""
    names = tuple(dict.fromkeys(name for name, _ in fields))
    said = Joined(tuple(field(name) for name in names), "sep.list")
    params = {"check": check, "kind": Term("term.kind", subject.kind), "id": subject.id, "fields": said}
    if fields and all(marker is UNKNOWN for _, marker in fields):
        return Violation("PE010", "unknown", span, subject, params)
    return Violation("PE010", "unstated", span, subject, params)


def field(path: str) -> Message:
    """A field said in words with its key once in brackets (每月耗时(hours_per_month)): field names are
    not prose. `OWNER: key` names the declaration the field belongs to (a grant's dimension)."""
    owner, _, key = path.rpartition(": ")
    label = Term("term.field", key)
    if owner:
        return msg("common.field_of", label=label, owner=owner, key=key)
    return msg("common.field", label=label, key=key)


__all__ = ["cannot_judge", "field"]

"""Whether a test's `subject: KIND:ID` names something the policy declares. A misspelt id matches no
finding, so under `absent` it would pass whatever the policy says: it is reported instead, with the
nearest declared id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..diagnostics import Finding
from ..ids import closest
from ..messages import Message, Term, msg
from ..model import Policy

# a subject's kind -> the policy's declarations of that kind (kinds not here are not checked)
DECLARED = {
    "power": "powers",
    "tier": "tiers",
    "unit": "units",
    "category": "categories",
    "item": "items",
    "list": "lists",
    "admission": "admissions",
    "assessment": "regimes",
    "regime": "regimes",
    "duty": "duties",
    "platform_rule": "platform_rules",
    "figure": "figures",
    "provision": "provisions",
    "measure": "measures",
    "channel": "channels",
    "invariant": "invariants",
}


def unknown_subject(policy: Policy, findings: Iterable[Finding], kind: str, ident: str) -> Message | None:
    """Why `kind:ident` names nothing in the policy, or None when it names something (or its kind
    is one this does not check)."""
    attribute = DECLARED.get(kind)
    if attribute is None:
        return None
    declared: Mapping[str, object] = getattr(policy, attribute)
    known = set(declared) | {f.subject.id for f in findings if f.subject.kind == kind}
    if ident in known:
        return None
    guess = closest(ident, sorted(known))
    hint = msg("common.did_you_mean", guess=guess) if guess else ""
    return msg("testing.no_subject", kind=Term("term.kind", kind), id=ident, hint=hint)

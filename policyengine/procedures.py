"""How real documents say a procedure runs: what an application for admission holds and the steps that
decide it (申请、征求意见、审核、备案、公布), how a grant hands powers down (下放 / 委托 / 交办, in whose name,
who is liable), and how an assessment regime weighs in another and whom it consults.

These are statements of the document, kept as structure so that a check or a reader can rely on them;
the parties they name are resolved like every other party (PE004 at each unit and tier they name).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .parties import Party, party_of

# how an application for admission is made (书面 / 网上 / 不限)
APPLICATION_FORMS = ("written", "online", "any")
# what the application states (事项名称、工作内容、理由、法律依据、经费保障、期限)
APPLICATION_CONTENTS = ("item", "content", "reasons", "legal_basis", "funding", "term", "other")
# the acts of an admission procedure, in the order a document may list them
STEP_ACTS = ("apply", "consult", "agree", "review", "file", "approve", "publish")
# how a grant hands powers down: 下放 (in the holder's own name), 委托 (in the department's), 交办
GRANT_MODES = ("devolved", "entrusted", "assigned")


@dataclass(frozen=True)
class Application:
    """What an application must be: its form and what it states (None / empty when not stated)."""

    form: str | None = None
    contents: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProcedureStep:
    """One step of an admission procedure: the act and who takes it."""

    act: str
    by: Party | None = None


@dataclass(frozen=True)
class AdmissionProcess:
    """An admission procedure's application and its ordered steps."""

    application: Application | None = None
    steps: tuple[ProcedureStep, ...] = ()

    def parties(self) -> tuple[Party | None, ...]:
        return tuple(s.by for s in self.steps)


@dataclass(frozen=True)
class Handover:
    """How a grant hands its powers down: the mode, in whose name the holder acts, who is liable, who
    approved it and who was consulted."""

    mode: str | None = None
    in_name_of: str | None = None
    liable: str | None = None
    approved_by: Party | None = None
    consulted: Party | None = None


@dataclass(frozen=True)
class WeightIn:
    """Another regime this regime's result counts in, for at least `min_share` of it."""

    regime: str
    min_share: float | None = None


@dataclass(frozen=True)
class Weighting:
    """The regimes an assessment's result counts in, and whom the assessor consults."""

    weight_in: tuple[WeightIn, ...] = ()
    consults: tuple[Party, ...] = ()


def process_of(raw: Any) -> AdmissionProcess | None:
    """The application and steps a validated admission entry declares (None when it declares neither)."""
    application, steps = raw.get("application"), raw.get("steps")
    if application is None and steps is None:
        return None
    return AdmissionProcess(
        application=Application(application.get("form"), tuple(application.get("contents", ())))
        if isinstance(application, dict)
        else None,
        steps=tuple(
            ProcedureStep(s["act"], party_of(s.get("by"), ("steps", i, "by"))) for i, s in enumerate(steps or ())
        ),
    )


def handover_of(raw: Any) -> Handover | None:
    """How a validated grant entry hands its powers down (None when it says nothing of it)."""
    keys = ("mode", "in_name_of", "liable", "approved_by", "consulted")
    if not any(k in raw for k in keys):
        return None
    return Handover(
        mode=raw.get("mode"),
        in_name_of=raw.get("in_name_of"),
        liable=raw.get("liable"),
        approved_by=party_of(raw.get("approved_by"), ("approved_by",)),
        consulted=party_of(raw.get("consulted"), ("consulted",)),
    )


def weighting_of(raw: Any) -> Weighting | None:
    """The regimes a validated assessment entry's result counts in and whom it consults (None: neither)."""
    weight_in, consults = raw.get("weight_in"), raw.get("consults")
    if weight_in is None and consults is None:
        return None
    return Weighting(
        weight_in=tuple(WeightIn(w["regime"], w.get("min_share")) for w in weight_in or ()),
        consults=tuple(p for i, r in enumerate(consults or ()) if (p := party_of(r, ("consults", i))) is not None),
    )


def handover_refs(handover: Handover | None) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
    """(kind, id, path) of the units a grant's handover names directly (its parties go by `party_refs`)."""
    if handover is None:
        return
    for key in ("in_name_of", "liable"):
        value = getattr(handover, key)
        if value is not None:
            yield "unit", value, (key,)


__all__ = [
    "APPLICATION_CONTENTS",
    "APPLICATION_FORMS",
    "GRANT_MODES",
    "STEP_ACTS",
    "AdmissionProcess",
    "Application",
    "Handover",
    "ProcedureStep",
    "WeightIn",
    "Weighting",
    "handover_of",
    "handover_refs",
    "process_of",
    "weighting_of",
]

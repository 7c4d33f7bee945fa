"""The tier or unit an assessment regime assesses, as a message names it: the English quotes both, the
Chinese only a unit — a tier is named bare (非网格所能控制), a unit in quotation marks (非“网格团队”所能控制),
as every Chinese template names them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages.core import Message, msg

if TYPE_CHECKING:
    from ..model import Policy


def assessed(policy: Policy, ident: str) -> Message:
    if ident in policy.tiers:
        return msg("common.assessed_tier", tier=ident)
    return msg("common.assessed_unit", unit=ident)


__all__ = ["assessed"]

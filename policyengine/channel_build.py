"""The `channels` section -> coordination channels, each built from its validated entry with its
tier references noted for the second pass (PE004)."""

from __future__ import annotations

from typing import Any

from .channels import Channel
from .declarations import Declarations, common, name_of
from .diagnostics import Subject


def channels(decls: Declarations, raw: list[Any]) -> dict[str, Channel]:
    """The channels by id, in declared order; a repeated id is PE003 (`unique`)."""
    built = [
        Channel(
            id=r["id"], kind=r["kind"], from_tier=r["from"], to_tier=r["to"], name=name_of(r.get("name")), **common(r)
        )
        for r in raw
    ]
    for channel in built:
        subject = Subject("channel", channel.id)
        decls.ref("tier", channel.from_tier, channel, subject, "from")
        decls.ref("tier", channel.to_tier, channel, subject, "to")
    return decls.unique("channel", built)


__all__ = ["channels"]

"""Coordination channels (协调渠道): declared ways for one tier to reach another outside the line of
events — a reverse evaluation (逆向评价, e.g. 街呼区应), a joint meeting (联席会议), a whistle (吹哨)
or a hotline. The model only; `channel_build` builds them, PE317 asks whether anything uses them."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Decl, Name

# what a channel is for; a reverse evaluation lets the lower tier evaluate the upper one
CHANNEL_KINDS = ("reverse_evaluation", "joint_meeting", "whistle", "hotline")


@dataclass(frozen=True, kw_only=True)
class Channel(Decl):
    id: str
    kind: str
    from_tier: str  # the tier that calls (街呼: the street)
    to_tier: str  # the tier that answers (区应: the district)
    name: Name | None = None


__all__ = ["CHANNEL_KINDS", "Channel"]

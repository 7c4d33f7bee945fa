"""Stated, unknown, absent: what a policy says about a value its document does not give.

A real document is often silent on a quantity (how much money follows an item, when a duty starts);
reading that silence as "none" turns it into a defect the document never stated. A policy writes
`unstated` (the document does not state the value) or `unknown` (the document states it, the encoder
does not know it) in place of the value. The builder gives the model the value's absence (so a
reader that needs a number never meets a word), and `Decl.marker(...)` reads the marker back from
the declaration's entry, so that the checks that judge the value can say they cannot.

A leaf module: it imports only the standard library.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class Marker(Enum):
    UNSTATED = "unstated"
    UNKNOWN = "unknown"

    def __bool__(self) -> bool:
        # a marker is no value: `if item.legal_basis:` must never take it for one
        return False

    def __str__(self) -> str:
        return self.value


UNSTATED = Marker.UNSTATED
UNKNOWN = Marker.UNKNOWN
MARKERS = tuple(m.value for m in Marker)


def marker_of(raw: Any) -> Marker | None:
    """The marker a written value is, if it is one."""
    if isinstance(raw, str) and raw in MARKERS:
        return Marker(raw)
    return None


def value_of(raw: Any) -> Any:
    """A written value, or None (its absence) when it is a marker."""
    return None if marker_of(raw) is not None else raw


def marker_at(raw: Any, path: tuple[Any, ...]) -> Marker | None:
    """The marker written at `path` below an entry, or at the first step of it that is a marker
    (`funding: unstated` marks `funding.people` too)."""
    node = raw
    for step in path:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            node = node[step]
        else:
            return None
        found = marker_of(node)
        if found is not None:
            return found
    return None

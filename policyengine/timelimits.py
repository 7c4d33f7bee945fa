"""Time limits (时限): items' handling, extension and verification limits, the workflow's deadlines by
problem class, how long each tier takes to answer, and the verifying tier's capacity. How limits in
different units compare: timeunits.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Decl, Item, Name
from .parties import Party
from .statedness import Marker


@dataclass(frozen=True, kw_only=True)
class Limit(Decl):
    """A time limit: at most `longest` (`within`, or the `to` of a range from `shortest`) in `unit`.
    `gap` is the marker written in place of the length or the unit (its length is not stated)."""

    longest: float | None = None
    shortest: float | None = None
    unit: str | None = None
    gap: Marker | None = None

    @property
    def length(self) -> tuple[float, str] | None:
        """The longest it allows, with its unit; None when not stated."""
        if self.longest is None or self.unit is None:
            return None
        return self.longest, self.unit


@dataclass(frozen=True, kw_only=True)
class Extension(Decl):
    up_to: float | None = None
    unit: str | None = None
    consent: Party | None = None


@dataclass(frozen=True, kw_only=True)
class ItemTiming(Decl):
    """What an item's entry says of time: its `nature`, `deadlines` and `intake`."""

    item: str
    nature: str | None = None  # None: not stated (routine)
    handling: Limit | None = None
    extension: Extension | None = None
    extension_gap: Marker | None = None  # `extension: unstated | unknown`
    verification: Limit | None = None
    verification_when: str | None = None
    prevails: str | None = None
    intake: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ProblemClass(Decl):
    """A problem class of the workflow (即时类, 一般类, 复杂类) and the items it covers."""

    id: str
    name: Name | None = None
    handling: Limit | None = None
    extension: Extension | None = None
    extension_gap: Marker | None = None
    items: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    def covers(self, item: Item) -> bool:
        return item.id in self.items or (item.category is not None and item.category in self.categories)


@dataclass(frozen=True, kw_only=True)
class Answer(Decl):
    """How long a tier of the escalation chain takes to answer an event reported to it."""

    tier: str
    limit: Limit


@dataclass(frozen=True, kw_only=True)
class Capacity(Decl):
    per_person_day: float | None = None
    gap: Marker | None = None


@dataclass(frozen=True)
class Handling:
    """An item's handling limit and extension, and the declaration they are written in."""

    limit: Limit
    extension: Extension | None
    extension_gap: Marker | None
    written_in: Decl  # the item's timing, or the problem class covering it


@dataclass(frozen=True)
class Timing:
    items: Mapping[str, ItemTiming] = field(default_factory=dict)
    classes: Mapping[str, ProblemClass] = field(default_factory=dict)
    answer: tuple[Answer, ...] = ()
    capacity: Capacity | None = None

    def handling(self, item: Item) -> Handling | None:
        """The item's own handling limit, else that of the first class covering it. An item's
        extension stands beside its own limit; a class's limit brings the class's extension, unless
        the item writes its own."""
        own = self.items.get(item.id)
        if own is not None and own.handling is not None:
            return Handling(own.handling, own.extension, own.extension_gap, own)
        for cls in self.classes.values():
            if cls.handling is not None and cls.covers(item):
                if own is not None and (own.extension is not None or own.extension_gap is not None):
                    return Handling(cls.handling, own.extension, own.extension_gap, cls)
                return Handling(cls.handling, cls.extension, cls.extension_gap, cls)
        return None

    def answer_of(self, tier: str) -> Answer | None:
        return next((a for a in self.answer if a.tier == tier), None)


__all__ = [
    "Answer",
    "Capacity",
    "Extension",
    "Handling",
    "ItemTiming",
    "Limit",
    "ProblemClass",
    "Timing",
]

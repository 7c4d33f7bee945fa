"""Parties: who applies, receives, reviews, approves or keeps a list.

Real documents name a party in several ways: a body ("县委编办"), the bodies of a tier ("乡镇"),
several bodies together ("县委、县政府": all of them) or alternatively (any of them), or a relation
to the item or the applicant ("主管部门", "同级网格化服务管理机构"). A relation is resolved only
when the item (and its applicant) is known, so the model keeps the party as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .messages.core import Joined, Quoted, Text, msg

# item_owner: the item's owner department (主管部门); line_department: any functional department (条线
# 部门); grid_body: the grid-management body (kind governance_centre) at the applicant's own tier
# (同级网格化服务管理机构); applicant_tier_government: the government at the applicant's tier (同级政府)
RELATIONS = ("item_owner", "line_department", "grid_body", "applicant_tier_government")


@dataclass(frozen=True)
class Party:
    """One of: a unit; the bodies of a tier; a relation (optionally narrowed to a tier); any of / all
    of several parties. `path` is where it is written, below its declaration, for `Decl.at`."""

    unit: str | None = None
    tier: str | None = None
    relation: str | None = None
    any_of: tuple[Party, ...] = ()
    all_of: tuple[Party, ...] = ()
    path: tuple[Any, ...] = ()

    def parts(self) -> Iterator[Party]:
        """This party and every party nested in it, depth first."""
        yield self
        for part in self.any_of + self.all_of:
            yield from part.parts()

    def units(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """The unit ids it names, with where each is written (for reference checks)."""
        for part in self.parts():
            if part.unit is not None:
                yield part.unit, part.path

    def tiers(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """The tier ids it names (a tier's bodies, or a relation narrowed to a tier), with where."""
        for part in self.parts():
            if part.tier is not None:
                yield part.tier, part.path + (("tier",) if part.unit is None else ())

    def text(self) -> Text:
        """How a message names it: 'a' / “a”; the bodies of tier 'b'; all of 'a', 'b' / “a”、“b”共同."""
        if self.unit is not None:
            return Quoted((self.unit,))
        if self.any_of or self.all_of:
            parts = Joined(tuple(p.text() for p in self.any_of or self.all_of), "sep.list")
            return msg("parties.any_of" if self.any_of else "parties.all_of", parties=parts)
        if self.relation is None:
            return msg("parties.tier", tier=self.tier or "")
        if self.tier is None:
            return msg(f"parties.relation.{self.relation}")
        # narrowed to a tier: that tier replaces "the applicant's tier", so each relation has its own words
        return msg(f"parties.at.{self.relation}", tier=self.tier)


def party_of(raw: Any, path: tuple[Any, ...] = ()) -> Party | None:
    """The party a validated YAML value writes (None for an absent or `unstated` value)."""
    if isinstance(raw, str):
        return None if raw in ("unstated", "unknown") else Party(unit=raw, path=path)
    if not isinstance(raw, dict):
        return None
    if "any_of" in raw or "all_of" in raw:
        key = "any_of" if "any_of" in raw else "all_of"
        parts = tuple(p for i, r in enumerate(raw[key]) if (p := party_of(r, (*path, key, i))) is not None)
        return Party(path=path, any_of=parts) if key == "any_of" else Party(path=path, all_of=parts)
    return Party(tier=raw.get("tier"), relation=raw.get("relation"), path=path)


__all__ = ["RELATIONS", "Party", "party_of"]

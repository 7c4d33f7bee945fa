"""Invariants (保证条件): theorems a policy states about its own admission decisions, in the rule
language — "every admitted line item: its required powers are held or devolved" (权随责走). The model
only; `declarations.invariant_of` builds one, `rules.check` compiles its texts, the prover judges it."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Decl, Name


@dataclass(frozen=True, kw_only=True)
class Invariant(Decl):
    """For the decisions in `every` (empty: every decision) on the items `where` selects (None: every
    item), `holds` is true. `at("where")` and `at("holds")` locate the texts in the file."""

    id: str
    holds: str
    name: Name | None = None
    every: tuple[str, ...] = ()
    where: str | None = None
    note: str | None = None


__all__ = ["Invariant"]

"""The cell of a table a finding's declaration was imported from (`policyengine import` writes it in
the declaration's `source`: `cell`, and `cells` for each field): a reviewer reads the finding at its
place in the YAML and opens the cell in the spreadsheet."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .cells import split_ref
from .diagnostics import Finding
from .model import Decl, Policy
from .vocabulary import SECTION_KINDS

_SECTION = {kind: section for section, kind in SECTION_KINDS.items()}


def with_cells(findings: list[Finding], policy: Policy) -> list[Finding]:
    out = []
    for f in findings:
        cell = cell_of(f, policy)
        out.append(dataclasses.replace(f, cell=cell) if cell else f)
    return out


def cell_of(f: Finding, policy: Policy) -> str:
    """The cell of the field the finding points at, else of the declaration's name; "" when the
    declaration was not imported."""
    section = _SECTION.get(f.subject.kind)
    declarations = getattr(policy, section, None) if section else None
    decl = declarations.get(f.subject.id) if isinstance(declarations, Mapping) else None
    source: Any = getattr(decl, "source", None) if isinstance(decl, Decl) else None
    if not isinstance(source, Mapping) or not isinstance(source.get("cell"), str):
        return ""
    cell: str = source["cell"]
    cells = source.get("cells")
    if isinstance(cells, Mapping) and isinstance(decl, Decl):
        for name, address in cells.items():
            if isinstance(address, str) and decl.at(name) == f.span:
                return f"{split_ref(cell)[0]}:{address}"
    return cell

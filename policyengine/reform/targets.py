"""What a reform operation names in the baseline's documents: a section's entries in load order, a
declaration by `SECTION/ID` or `SECTION[N]`, a singleton (`workflow`, `policy`, `scale`) by name."""

from __future__ import annotations

from typing import Any

from ..source import SourceFile
from ..yamlnodes import YMap, YSeq
from .read import POSITION, SECTIONS, SINGLETONS, fail, section_of


class Targets:
    """Looks declarations up in the documents as they stand: each lookup sees the edits before it."""

    def __init__(self, files: list[SourceFile]):
        self.files = files

    def sections(self, name: str) -> list[YSeq]:
        return [
            doc[name]
            for f in self.files
            for doc in f.documents
            if isinstance(doc, YMap) and isinstance(doc.get(name), YSeq)
        ]

    def entries(self, name: str) -> list[tuple[YSeq, int, Any]]:
        """Every entry of a section, in load order, with the list holding it and its index there."""
        return [(seq, index, entry) for seq in self.sections(name) for index, entry in enumerate(seq)]

    def find(self, op: YMap, target: Any) -> tuple[YSeq, int, YMap]:
        if target in SINGLETONS:  # `workflow`, `policy`, `scale`: one mapping, no id
            if op.get("op") not in ("set", "unset", None):
                raise fail(op, "reform.singleton_op", target=target)
            found = [
                doc[target]
                for f in self.files
                for doc in f.documents
                if isinstance(doc, YMap) and isinstance(doc.get(target), YMap)
            ]
            if not found:
                raise fail(op, "reform.no_singleton", target=target)
            return YSeq(), -1, found[0]
        match = POSITION.match(target) if isinstance(target, str) else None
        if not isinstance(target, str) or ("/" not in target and match is None):
            raise fail(op, "reform.bad_target")
        section = section_of(target)
        if section not in SECTIONS:
            raise fail(op, "reform.unknown_section", section=section, known=", ".join(SECTIONS))
        if match is not None:
            position, entries = int(match.group(2)), self.entries(section)
            if position < len(entries) and isinstance(entries[position][2], YMap):
                return entries[position]
            raise fail(op, "reform.no_position", section=section, position=position, count=len(entries))
        ident = target.split("/", 1)[1]
        for seq, index, entry in self.entries(section):
            if isinstance(entry, YMap) and entry.get("id") == ident:
                return seq, index, entry
        raise fail(op, "reform.no_entry", section=section, id=ident)

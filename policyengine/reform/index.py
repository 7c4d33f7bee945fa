"""Where each declaration of a policy stands, kept up to date while a reform edits the documents.

The index is built in one pass over the documents when a reform starts to apply, and each
operation updates it for what it changed. So finding a declaration by id, the lists that hold an
item, the duties that name it or the grants to a holder costs the same whatever the number of
operations before it, and applying a reform takes time in proportion to its size and the
baseline's, not to their product. Positions in load order (`SECTION[N]`, `at`) are counted over
the lists that hold a section, one per document that declares it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..source import SourceFile
from ..yamlnodes import YMap, YSeq
from .nodes import Where, delete, index_of, insert
from .read import SECTIONS, SINGLETONS

# the fields by which declarations of a section are looked up, besides `id`
KEYED = {"lists": ("items",), "duties": ("item",), "grants": ("unit", "tier")}
HOLDERS = ("unit", "tier")

Found = dict[int, YMap]  # declarations by identity, in the order they were indexed


class Index:
    def __init__(self, files: list[SourceFile]):
        self.seqs: dict[str, list[YSeq]] = {}  # section -> the lists holding it, in load order
        self.singles: dict[str, YMap] = {}  # workflow, policy, scale: the first of each
        self.home: dict[int, YSeq] = {}  # a declaration (by identity) -> the list holding it
        self.ids: dict[str, dict[str, list[YMap]]] = {}  # section -> id -> the declarations with it
        self.lists_of: dict[str, Found] = {}  # item id -> the lists whose `items` name it
        self.duties_of: dict[str, Found] = {}  # item id -> the duties whose `item` it is
        self.grants_to: dict[tuple[str, str], Found] = {}  # (unit or tier, id) -> the grants to it
        self.build(files)

    def build(self, files: list[SourceFile]) -> None:
        """The one pass over every document."""
        for source in files:
            for document in source.documents:
                if not isinstance(document, YMap):
                    continue
                for name, value in document.items():
                    if name in SINGLETONS and isinstance(value, YMap):
                        self.singles.setdefault(name, value)
                    elif name in SECTIONS and isinstance(value, YSeq):
                        self.seqs.setdefault(name, []).append(value)
                        for entry in value:
                            self.enter(name, entry, value)

    # -- keeping it up to date ------------------------------------------------------------------
    def enter(self, section: str, entry: Any, seq: YSeq) -> None:
        if isinstance(entry, YMap):
            self.home[id(entry)] = seq
            self.keys(section, entry, True)

    def keys(self, section: str, entry: YMap, add: bool) -> None:
        """Index (or unindex) a declaration under its id and the fields others look it up by."""
        ident = entry.get("id")
        if isinstance(ident, str):
            same = self.ids.setdefault(section, {}).setdefault(ident, [])
            if add:
                same.append(entry)
            else:
                del same[index_of(same, entry)]
                if not same:
                    del self.ids[section][ident]
        if section == "lists" and isinstance(entry.get("items"), YSeq):
            for item in entry["items"]:
                if isinstance(item, str):
                    link(self.lists_of, item, entry, add)
        elif section == "duties" and isinstance(entry.get("item"), str):
            link(self.duties_of, entry["item"], entry, add)
        elif section == "grants":
            for kind in HOLDERS:
                if isinstance(entry.get(kind), str):
                    link(self.grants_to, (kind, entry[kind]), entry, add)

    @contextmanager
    def editing(self, section: str, entry: YMap, field: str) -> Iterator[None]:
        """An edit of one field of a declaration: indexed again when it is a field it is found by."""
        keyed = id(entry) in self.home and (field == "id" or field in KEYED.get(section, ()))
        if keyed:
            self.keys(section, entry, False)
        try:
            yield
        finally:
            if keyed:
                self.keys(section, entry, True)

    def insert(self, section: str, seq: YSeq, index: int, entry: YMap, where: Where) -> None:
        insert(seq, index, entry, where)
        self.enter(section, entry, seq)

    def new_section(self, section: str, seq: YSeq) -> None:
        self.seqs.setdefault(section, []).append(seq)
        for entry in seq:
            self.enter(section, entry, seq)

    def remove(self, section: str, entry: YMap) -> None:
        seq, k = self.place(entry)
        delete(seq, k)
        del self.home[id(entry)]
        self.keys(section, entry, False)

    # -- looking up -----------------------------------------------------------------------------
    def place(self, entry: YMap) -> tuple[YSeq, int]:
        """The list holding a declaration, and its index there."""
        seq = self.home[id(entry)]
        return seq, index_of(seq, entry)

    def count(self, section: str) -> int:
        return sum(len(seq) for seq in self.seqs.get(section, ()))

    def nth(self, section: str, n: int) -> tuple[YSeq, int] | None:
        """The list and index of the section's n-th entry in load order."""
        for seq in self.seqs.get(section, ()):
            if n < len(seq):
                return seq, n
            n -= len(seq)
        return None

    def position(self, section: str, entry: YMap) -> int:
        """A declaration's position in its section, in load order."""
        holder, before = self.home[id(entry)], 0
        for seq in self.seqs[section]:
            if seq is holder:
                return before + index_of(seq, entry)
            before += len(seq)
        raise KeyError(section)  # pragma: no cover - a declaration indexed is in its section

    def first(self, section: str, ident: str) -> YMap | None:
        """The first declaration in load order with this id."""
        same = self.ids.get(section, {}).get(ident)
        if not same:
            return None
        return same[0] if len(same) == 1 else min(same, key=lambda e: self.position(section, e))

    def in_order(self, section: str, found: Found | None) -> list[YMap]:
        """Declarations of a section in load order."""
        return sorted((found or {}).values(), key=lambda e: self.position(section, e))


def link(table: dict[Any, Found], key: Any, entry: YMap, add: bool) -> None:
    if add:
        table.setdefault(key, {})[id(entry)] = entry
    else:
        found = table.get(key)
        if found is not None:
            found.pop(id(entry), None)
            if not found:
                del table[key]

"""Positioned YAML nodes as a reform edits them: copies that keep positions, and values put where
the reform wrote them.

A reformed mapping or list holds values from two files: the baseline's and the reform's. The
loader's nodes know one file each, so the copies a reform edits (`RMap`, `RSeq`) also remember,
for each key, value or element the reform wrote, the file it was written in: a finding about a
value a reform set points at the reform's line, not at the line the baseline had it on.
"""

from __future__ import annotations

from typing import Any

from ..span import Span
from ..yamlnodes import YMap, YSeq, unpack

Where = tuple[str, int]  # a file and a packed position in it (yamlnodes.pack)


class RMap(YMap):
    """A mapping of a reformed policy: keys and values the reform wrote stand in the reform file."""

    __slots__ = ("key_files", "value_files")
    key_files: dict[str, str] | None  # key -> its file, where not the mapping's own
    value_files: dict[str, str] | None

    def key_span(self, key: str) -> Span:
        mark = self.key_marks.get(key)
        if mark is None:
            return self.span
        return unpack(self.key_files.get(key, self.file) if self.key_files else self.file, mark)

    def value_span(self, key: str) -> Span:
        mark = self.value_marks.get(key)
        if mark is None:
            return self.span
        return unpack(self.value_files.get(key, self.file) if self.value_files else self.file, mark)

    def place(self, key: str, where: Where, *, is_key: bool) -> None:
        """Record that the key (or its value) stands at `where`."""
        file, mark = where
        marks, attr = (self.key_marks, "key_files") if is_key else (self.value_marks, "value_files")
        marks[key] = mark
        files: dict[str, str] | None = getattr(self, attr)
        if file != self.file:
            if files is None:
                files = {}
                setattr(self, attr, files)
            files[key] = file
        elif files is not None:
            files.pop(key, None)

    def forget(self, key: str) -> None:
        """Drop a key's positions with the key."""
        self.key_marks.pop(key, None)
        self.value_marks.pop(key, None)
        for files in (self.key_files, self.value_files):
            if files is not None:
                files.pop(key, None)


class RSeq(YSeq):
    """A list of a reformed policy: elements the reform inserted stand in the reform file."""

    __slots__ = ("files",)
    files: list[str] | None  # each element's file; None while every element is in the list's own

    def item_span(self, index: int) -> Span:
        return unpack(self.files[index] if self.files is not None else self.file, self.marks[index])


def new_map(where: Where) -> RMap:
    out = RMap()
    out.file, out.mark = where
    out.key_marks, out.value_marks, out.key_files, out.value_files = {}, {}, None, None
    return out


def new_seq(values: list[Any], where: Where) -> RSeq:
    """A list the reform makes, every element at `where`."""
    out = RSeq(values)
    out.file, out.mark = where
    out.marks, out.files = [where[1]] * len(values), None
    return out


def clone(value: Any) -> Any:
    """A deep copy that keeps positions, as reformed nodes (`RMap`, `RSeq`)."""
    if isinstance(value, YMap):
        out = RMap((k, clone(v)) for k, v in value.items())
        out.file, out.mark = value.file, value.mark
        out.key_marks, out.value_marks = dict(value.key_marks), dict(value.value_marks)
        out.key_files = dict(value.key_files) if isinstance(value, RMap) and value.key_files else None
        out.value_files = dict(value.value_files) if isinstance(value, RMap) and value.value_files else None
        return out
    if isinstance(value, YSeq):
        seq = RSeq(clone(v) for v in value)
        seq.file, seq.mark, seq.marks = value.file, value.mark, list(value.marks)
        seq.files = list(value.files) if isinstance(value, RSeq) and value.files is not None else None
        return seq
    return value


def put(mapping: YMap, key: str, value: Any, where: Where, key_at: Where | None = None) -> None:
    """Set a key to a value the reform wrote at `where`: a new key stands at `key_at` (default:
    there too); a node value keeps its own position."""
    new = key not in mapping
    mapping[key] = value
    at = (value.file, value.mark) if isinstance(value, (YMap, YSeq)) else where
    if isinstance(mapping, RMap):
        if new:
            mapping.place(key, key_at or where, is_key=True)
        mapping.place(key, at, is_key=False)
        return
    # a mapping the loader made, outside a reformed policy: one file only
    mapping.key_marks.setdefault(key, where[1] if where[0] == mapping.file else mapping.mark)
    mapping.value_marks[key] = at[1] if at[0] == mapping.file else mapping.value_marks.get(key, mapping.mark)


def drop(mapping: YMap, key: str) -> None:
    """Remove a key with its positions."""
    del mapping[key]
    if isinstance(mapping, RMap):
        mapping.forget(key)
    else:
        mapping.key_marks.pop(key, None)
        mapping.value_marks.pop(key, None)


def insert(seq: YSeq, index: int, value: Any, where: Where) -> None:
    """Insert a value the reform wrote at `where` into a list."""
    seq.insert(index, value)
    seq.marks.insert(index, where[1])
    if not isinstance(seq, RSeq):
        return
    if seq.files is None and where[0] != seq.file:
        seq.files = [seq.file] * (len(seq) - 1)
    if seq.files is not None:
        seq.files.insert(index, where[0])


def delete(seq: YSeq, index: int) -> None:
    del seq[index]
    del seq.marks[index]
    if isinstance(seq, RSeq) and seq.files is not None:
        del seq.files[index]


def remove_all(seq: YSeq, value: Any) -> bool:
    """Remove every occurrence of a scalar from a list (C-speed search); whether there was one."""
    found = False
    while True:
        try:
            k = seq.index(value)
        except ValueError:
            return found
        delete(seq, k)
        found = True


def index_of(seq: list[Any], node: Any) -> int:
    """The position of this very node in a list. `list.index` compares by identity first and by
    equality only after, at C speed; an equal copy found first is skipped."""
    k = seq.index(node)
    while seq[k] is not node:
        k = seq.index(node, k + 1)
    return k


def at_value(node: YMap, key: str) -> Where:
    """Where a key's value stands (the node's own position if it has no such key)."""
    return (node.value_span(key).file, node.value_marks.get(key, node.mark))


def at_item(seq: YSeq, index: int) -> Where:
    return (seq.item_span(index).file, seq.marks[index])


def power_name(entry: Any) -> str | None:
    """The power a grant's `powers` entry names: `penalty` or `{power: coordination, scope: ...}`."""
    name = entry.get("power") if isinstance(entry, YMap) else entry
    return name if isinstance(name, str) else None

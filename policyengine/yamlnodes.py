"""YAML values that remember where they stand in their file: mappings and sequences carrying packed
positions, and the YAML 1.2 core schema that resolves a plain scalar's type."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from .span import Span

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
# YAML 1.2 core schema: what a plain (unquoted) scalar resolves to; everything else is a string
_PLAIN = [
    (NULL_TAG, re.compile(r"(?:~|null|Null|NULL|)\Z")),
    (BOOL_TAG, re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    (INT_TAG, re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")),
    (
        FLOAT_TAG,
        re.compile(
            r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
        ),
    ),
]
_MAYBE_NOT_STR = frozenset("~nNtTfF-+.0123456789")


def resolve_plain(value: str) -> str:
    """The tag a plain scalar resolves to under the YAML 1.2 core schema."""
    if value and value[0] not in _MAYBE_NOT_STR:
        return STR_TAG
    for tag, pattern in _PLAIN:
        if pattern.match(value):
            return tag
    return STR_TAG


class Mark(Protocol):
    """A parser position: PyYAML's pure-Python and libyaml marks both have these."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


def pack(mark: Mark) -> int:
    """A parser mark as one int (0-based line in the high bits): a few bytes instead of an object."""
    return mark.line << 32 | mark.column


def unpack(file: str, packed: int) -> Span:
    return Span(file, (packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1)


class YMap(dict[str, Any]):
    """A mapping that remembers where it, each key and each value stand in its file.

    Positions are kept packed into ints and turned into spans only when asked for: most values
    are never pointed at, and a policy may hold millions of them.
    """

    __slots__ = ("file", "key_marks", "mark", "value_marks")
    file: str
    mark: int
    key_marks: dict[str, int]
    value_marks: dict[str, int]

    @property
    def span(self) -> Span:
        return unpack(self.file, self.mark)

    def key_span(self, key: str) -> Span:
        mark = self.key_marks.get(key)
        return unpack(self.file, mark) if mark is not None else self.span

    def value_span(self, key: str) -> Span:
        mark = self.value_marks.get(key)
        return unpack(self.file, mark) if mark is not None else self.span


class YSeq(list[Any]):
    """A sequence that remembers where it and each element stand in its file."""

    __slots__ = ("file", "mark", "marks")
    file: str
    mark: int
    marks: list[int]

    @property
    def span(self) -> Span:
        return unpack(self.file, self.mark)

    def item_span(self, index: int) -> Span:
        return unpack(self.file, self.marks[index])


def span_of(data: Any, path: Iterable[Any], default: Span) -> Span:
    """The span of the value at `path` below `data`; the nearest enclosing span if it is gone."""
    best = data.span if isinstance(data, (YMap, YSeq)) else default
    node = data
    for step in path:
        if isinstance(node, YMap) and step in node:
            best = node.value_span(step)
        elif isinstance(node, YSeq) and isinstance(step, int) and 0 <= step < len(node):
            best = node.item_span(step)
        else:
            return best
        node = node[step]
    return best


def key_span(data: YMap, key: str) -> Span:
    return data.key_span(key)

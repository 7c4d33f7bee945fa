"""YAML events -> positioned values, iteratively: no recursion, so no depth can crash it. Reports
duplicate keys, merge keys and unsupported tags; an alias reuses its anchor's value, and the nodes
aliases stand for are bounded ("billion laughs")."""

from __future__ import annotations

import math
from typing import Any

import yaml

from .diagnostics import Subject, Violation
from .errors import InputError
from .messages import msg
from .yamlnodes import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    MAP_TAG,
    NULL_TAG,
    SEQ_TAG,
    STR_TAG,
    YMap,
    YSeq,
    pack,
    resolve_plain,
    unpack,
)

# Aliases may stand for at most this many nodes per file, or this many times the file's own
# nodes if more: a "billion laughs" file is refused before anything walks its expansion.
MAX_ALIASED_NODES = 1_000_000
MAX_ALIAS_FACTOR = 10
MAX_DEPTH = 100


_SCALARS = {
    STR_TAG: lambda v: v,
    NULL_TAG: lambda v: _exactly(v, ("~", "null", "Null", "NULL", ""), None),
    BOOL_TAG: lambda v: (
        _exactly(v, ("true", "True", "TRUE"), True)
        if v[:1] in "tT"
        else _exactly(v, ("false", "False", "FALSE"), False)
    ),
    INT_TAG: lambda v: int(v, 0) if v[:2] in ("0o", "0x") else int(v),
    FLOAT_TAG: lambda v: float(
        v.replace(".inf", "inf")
        .replace(".Inf", "inf")
        .replace(".INF", "inf")
        .replace(".nan", "nan")
        .replace(".NaN", "nan")
        .replace(".NAN", "nan")
    ),
}


def _exactly(value: str, spellings: tuple[str, ...], result: Any) -> Any:
    if value not in spellings:
        raise ValueError(value)
    return result


_EXPECT_KEY = object()  # a mapping frame waiting for its next key
_SKIP = object()  # the next value belongs to a key that was refused: drop it


class Builder:
    """YAML events -> YMap/YSeq/scalars, iteratively (no recursion, so no depth can crash it).

    Reports duplicate keys, merge keys and unsupported tags; an alias reuses its anchor's value
    and the nodes aliases stand for are bounded ("billion laughs").
    """

    def __init__(self, path: str, violations: list[Violation]):
        self.path = path
        self.violations = violations
        self.nodes = 0  # nodes read, each once
        self.aliased = 0  # nodes that aliases stand for

    def flag(self, code: str, message_key: str, mark, **params) -> None:
        self.violations.append(
            Violation(code, message_key, unpack(self.path, pack(mark)), Subject("file", self.path), params)
        )

    def error(self, key: str, mark, **params) -> InputError:
        return InputError.of(key, unpack(self.path, pack(mark)), **params)

    def scalar(self, event) -> Any:
        tag, text = event.tag, event.value
        if tag is None or tag == "!":
            if tag is None and event.implicit[0]:
                tag = resolve_plain(text)
                if tag is STR_TAG:
                    return text
            else:
                return text
        make = _SCALARS.get(tag)
        if make is None:
            self.flag("PE002", "schema", event.start_mark, message=msg("loader.unsupported_tag", tag=tag))
            return text
        try:
            value = make(text)
        except ValueError:
            value = _SKIP
        if value is _SKIP or (isinstance(value, float) and not math.isfinite(value)):
            kind = "finite number" if tag == FLOAT_TAG else tag.rsplit(":", 1)[-1]
            self.flag("PE002", "schema", event.start_mark, message=msg("loader.invalid_scalar", text=text, kind=kind))
            return text
        return value

    def documents(self, parser) -> list[Any]:
        docs: list[Any] = []
        # frames: [container, anchor, nodes before, key state, key mark, mark, depth below]
        stack: list[list] = []
        anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (value, nodes, depth)
        open_anchors: set[str] = set()
        path = self.path
        ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
        MappingStartEvent, SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
        CollectionEndEvent, DocumentStartEvent = yaml.CollectionEndEvent, yaml.DocumentStartEvent
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is ScalarEvent:
                self.nodes += 1
                value = self.scalar(event)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, 0)
                is_key_text, depth = event.value, 0
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:  # no policy nests this deep
                    raise self.error("loader.too_deep", event.start_mark, depth=MAX_DEPTH)
                mark = event.start_mark
                if kind is MappingStartEvent:
                    container = YMap()
                    container.key_marks, container.value_marks = {}, {}
                    expected = MAP_TAG
                else:
                    container = YSeq()
                    container.marks = []
                    expected = SEQ_TAG
                container.file, container.mark = path, mark.line << 32 | mark.column
                if event.tag not in (None, "!", expected):
                    self.flag("PE002", "schema", mark, message=msg("loader.unsupported_tag", tag=event.tag))
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                stack.append([container, event.anchor, self.nodes + self.aliased, _EXPECT_KEY, 0, mark, 0])
                continue
            elif issubclass(kind, CollectionEndEvent):
                container, anchor, before, _, _, mark, below = stack.pop()
                self.nodes += 1
                depth = below + 1
                if anchor is not None:
                    open_anchors.discard(anchor)
                    anchors[anchor] = (container, self.nodes + self.aliased - before, depth)
                value, is_key_text, event = container, None, _Marked(mark)
            elif kind is AliasEvent:
                if event.anchor in open_anchors:
                    raise self.error("loader.recursive_alias", event.start_mark)
                if event.anchor not in anchors:
                    raise yaml.MarkedYAMLError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
                value, size, depth = anchors[event.anchor]
                if len(stack) + depth > MAX_DEPTH:  # aliases can nest what the text does not
                    raise self.error("loader.too_deep_aliases", event.start_mark, depth=MAX_DEPTH)
                self.aliased += size
                if self.aliased > max(MAX_ALIASED_NODES, MAX_ALIAS_FACTOR * self.nodes):
                    raise self.error("loader.alias_bomb", event.start_mark)
                is_key_text = None
            else:
                if kind is DocumentStartEvent:
                    anchors.clear()  # anchors do not cross documents
                continue
            if stack and depth > stack[-1][6]:
                stack[-1][6] = depth
            self.place(docs, stack, value, event, is_key_text)
        return docs

    def place(self, docs: list, stack: list[list], value: Any, event, key_text: str | None) -> None:
        """Put a finished value where it belongs: a document, a sequence element, a key or a value."""
        if not stack:
            docs.append(value)
            return
        frame = stack[-1]
        container = frame[0]
        mark = event.start_mark
        if type(container) is YSeq:
            container.append(value)
            container.marks.append(mark.line << 32 | mark.column)
            return
        state = frame[3]
        if state is _EXPECT_KEY:
            if key_text is None:
                self.flag("PE002", "key", mark)
                frame[3] = _SKIP
            elif key_text == "<<" and (event.tag == "tag:yaml.org,2002:merge" or not event.style):
                self.flag("PE002", "merge", mark)
                frame[3] = _SKIP
            elif key_text in container:
                self.flag("PE003", "key", mark, key=key_text, line=(container.key_marks[key_text] >> 32) + 1)
                frame[3] = _SKIP
            else:
                frame[3], frame[4] = key_text, mark.line << 32 | mark.column
            return
        frame[3] = _EXPECT_KEY
        if state is _SKIP:
            return
        container[state] = value
        container.key_marks[state] = frame[4]
        container.value_marks[state] = mark.line << 32 | mark.column


class _Marked:
    """Stands in for an event where only the start mark is needed (a finished collection)."""

    __slots__ = ("start_mark",)
    tag = None
    style = None

    def __init__(self, mark):
        self.start_mark = mark

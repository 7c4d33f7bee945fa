"""YAML events -> positioned values, iteratively: no recursion, so no depth can crash it. Reports
duplicate keys, merge keys and unsupported tags; an alias reuses its anchor's value, and the nodes
aliases stand for are bounded ("billion laughs")."""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final, Protocol, cast

import yaml
from yaml.events import Event
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from .diagnostics import Subject, Violation
from .errors import InputError
from .messages import Term, msg, shown
from .span import Span
from .yamlnodes import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    MAP_TAG,
    NULL_TAG,
    SEQ_TAG,
    STR_TAG,
    Mark,
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
# A number must fit a double, as a float does (`1e400` is infinite, so refused): an integer beyond it
# is refused here, so that no schema keyword, threshold or sum downstream can overflow converting it.
LARGEST = sys.float_info.max
_INTEGER_TEXT = re.compile(r"[-+]?[0-9]+")


_SCALARS: dict[str, Callable[[str], Any]] = {
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


class _State(Enum):
    EXPECT_KEY = "expect key"  # a mapping frame waiting for its next key
    SKIP = "skip"  # the next value belongs to a key that was refused: drop it


# module names for the members: a global is read faster than an enum's attribute, once per node
_EXPECT_KEY: Final = _State.EXPECT_KEY
_SKIP: Final = _State.SKIP
_TOO_LARGE: Final = object()  # a scalar that is an integer beyond what a number may be


class EventSource(Protocol):
    """What the builder reads events from: PyYAML's C parser or its pure-Python one."""

    def check_event(self) -> bool: ...

    def get_event(self) -> Event | None: ...


@dataclass(slots=True)
class _Frame:
    """A collection still open: what it holds so far, and for a mapping the key waiting for its value."""

    container: YMap | YSeq
    anchor: str | None
    before: int  # nodes read or aliased before it opened
    mark: Mark
    state: str | _State = _EXPECT_KEY  # a mapping's pending key text, or what it waits for
    key_mark: int = 0
    below: int = 0  # the depth of what it holds


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
        self.starts: list[Span] = []  # where each document begins: its `---`, or its first node

    def flag(self, code: str, message_key: str, mark: Mark, **params: Any) -> None:
        self.violations.append(
            Violation(code, message_key, unpack(self.path, pack(mark)), Subject("file", self.path), params)
        )

    def error(self, key: str, mark: Mark, **params: Any) -> InputError:
        return InputError.of(key, unpack(self.path, pack(mark)), **params)

    def scalar(self, event: yaml.ScalarEvent, mark: Mark) -> Any:
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
            self.flag("PE002", "schema", mark, message=msg("loader.unsupported_tag", tag=tag))
            return text
        try:
            value = make(text)
        except ValueError:  # not such a number; or an integer longer than Python reads (4,300 digits)
            value = _TOO_LARGE if tag == INT_TAG and _INTEGER_TEXT.fullmatch(text) else _SKIP
        if type(value) is int and abs(value) > LARGEST:
            value = _TOO_LARGE
        if value is _TOO_LARGE:
            self.flag("PE002", "schema", mark, message=msg("loader.number_too_large", text=shown(text)))
            return text
        if value is _SKIP or (isinstance(value, float) and not math.isfinite(value)):
            kind = Term("loader.kind", tag.rsplit(":", 1)[-1])  # a float: a finite number
            self.flag("PE002", "schema", mark, message=msg("loader.invalid_scalar", text=shown(text), kind=kind))
            return text
        return value

    def documents(self, parser: EventSource) -> list[Any]:
        docs: list[Any] = []
        stack: list[_Frame] = []
        anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (value, nodes, depth)
        open_anchors: set[str] = set()
        path = self.path
        ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
        MappingStartEvent, SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
        CollectionEndEvent, DocumentStartEvent = yaml.CollectionEndEvent, yaml.DocumentStartEvent
        while parser.check_event():
            event = parser.get_event()
            key: yaml.ScalarEvent | None = None  # a scalar, which may be a mapping's key
            if type(event) is ScalarEvent:
                mark: Mark | None = event.start_mark
                assert mark is not None  # the parsers mark every event; the stubs allow None for one made by hand
                self.nodes += 1
                value = self.scalar(event, mark)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, 0)
                key, depth = event, 0
            elif type(event) is MappingStartEvent or type(event) is SequenceStartEvent:
                mark = event.start_mark
                assert mark is not None  # as for a scalar
                if len(stack) >= MAX_DEPTH:  # no policy nests this deep
                    raise self.error("loader.too_deep", mark, depth=MAX_DEPTH)
                container: YMap | YSeq
                if type(event) is MappingStartEvent:
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
                stack.append(_Frame(container, event.anchor, self.nodes + self.aliased, mark))
                continue
            elif isinstance(event, CollectionEndEvent):
                frame = stack.pop()
                self.nodes += 1
                depth = frame.below + 1
                if frame.anchor is not None:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (frame.container, self.nodes + self.aliased - frame.before, depth)
                value, mark = frame.container, frame.mark
            elif type(event) is AliasEvent:
                mark = event.start_mark
                assert mark is not None  # as for a scalar
                if event.anchor in open_anchors:
                    raise self.error("loader.recursive_alias", mark)
                if event.anchor is None or event.anchor not in anchors:
                    # libyaml's marks are not the pure parser's class, but have all an error reads of one
                    where = cast(yaml.Mark, mark)
                    raise yaml.MarkedYAMLError(None, None, f"found undefined alias {event.anchor!r}", where)
                value, size, depth = anchors[event.anchor]
                if len(stack) + depth > MAX_DEPTH:  # aliases can nest what the text does not
                    raise self.error("loader.too_deep_aliases", mark, depth=MAX_DEPTH)
                self.aliased += size
                if self.aliased > max(MAX_ALIASED_NODES, MAX_ALIAS_FACTOR * self.nodes):
                    raise self.error("loader.alias_bomb", mark)
            else:
                if type(event) is DocumentStartEvent:
                    anchors.clear()  # anchors do not cross documents
                    self.starts.append(self.document_start(event))
                continue
            if stack and depth > stack[-1].below:
                stack[-1].below = depth
            self.place(docs, stack, value, mark, key)
        return docs

    def document_start(self, event: yaml.DocumentStartEvent) -> Span:
        """Where a document starts: its `---` when it has one. The event starts at the directives
        before it (`%YAML 1.2`), which are not the document; `---` ends the event."""
        if event.explicit:
            end = event.end_mark
            assert end is not None  # as for a scalar
            return Span(self.path, end.line + 1, end.column + 1 - len("---"))
        start = event.start_mark
        assert start is not None  # as for a scalar
        return unpack(self.path, pack(start))

    def place(self, docs: list[Any], stack: list[_Frame], value: Any, mark: Mark, key: yaml.ScalarEvent | None) -> None:
        """Put a finished value where it belongs: a document, a sequence element, a key or a value."""
        if not stack:
            docs.append(value)
            return
        frame = stack[-1]
        container = frame.container
        if isinstance(container, YSeq):
            container.append(value)
            container.marks.append(mark.line << 32 | mark.column)
            return
        state = frame.state
        if state is _EXPECT_KEY:
            if key is None:
                self.flag("PE002", "key", mark)
                frame.state = _SKIP
            elif (text := key.value) == "<<" and (key.tag == "tag:yaml.org,2002:merge" or not key.style):
                self.flag("PE002", "merge", mark)
                frame.state = _SKIP
            elif text in container:
                self.flag("PE003", "key", mark, key=text, line=(container.key_marks[text] >> 32) + 1)
                frame.state = _SKIP
            else:
                frame.state, frame.key_mark = text, mark.line << 32 | mark.column
            return
        frame.state = _EXPECT_KEY
        if state is _SKIP:
            return
        container[state] = value
        container.key_marks[state] = frame.key_mark
        container.value_marks[state] = mark.line << 32 | mark.column


class PureParser(Reader, Scanner, Parser):
    """PyYAML's parser in Python: slower than libyaml's, and without its limit on nesting."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


def nesting_error(path: str, text: str) -> InputError | None:
    """The error nesting deeper than MAX_DEPTH gives, at the first node too deep, for a text libyaml
    refused as nested beyond its own limit (flow collections 1,000 deep): its scanner looks that far
    ahead before the builder sees the level past ours, so the text is read again without libyaml.
    Every depth past MAX_DEPTH then gives the same error. None if the text holds no such node."""
    try:
        Builder(path, []).documents(PureParser(text))
    except InputError as error:
        return error if error.message.key == "loader.too_deep" else None
    except yaml.YAMLError:
        return None
    return None

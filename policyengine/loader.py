"""Files -> plain data that remembers where every value came from.

YAML is composed with PyYAML's C parser when present (the fastest loader that keeps positions),
then turned into dict/list subclasses carrying spans. Scalars are resolved by the YAML 1.2 core
schema, not 1.1: `yes`, `on` and `8:30` stay strings (a 1.1 loader reads `8:30` as 510).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .diagnostics import Subject, Violation
from .errors import InputError
from .messages import msg
from .source import POLICY_SUFFIXES, RULES_SUFFIX, SourceFile, is_rules_file
from .span import Span

try:  # libyaml's C parser is an optional part of PyYAML
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - exercised only without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

# Aliases may stand for at most this many nodes per file, or this many times the file's own
# nodes if more: a "billion laughs" file is refused before anything walks its expansion.
MAX_ALIASED_NODES = 1_000_000
MAX_ALIAS_FACTOR = 10
MAX_DEPTH = 100


_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# YAML 1.2 core schema: what a plain (unquoted) scalar resolves to; everything else is a string
_PLAIN = [
    (_NULL, re.compile(r"(?:~|null|Null|NULL|)\Z")),
    (_BOOL, re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    (_INT, re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")),
    (_FLOAT, re.compile(r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z")),
]
_MAYBE_NOT_STR = frozenset("~nNtTfF-+.0123456789")


def resolve_plain(value: str) -> str:
    """The tag a plain scalar resolves to under the YAML 1.2 core schema."""
    if value and value[0] not in _MAYBE_NOT_STR:
        return _STR
    for tag, pattern in _PLAIN:
        if pattern.match(value):
            return tag
    return _STR


def _pack(mark) -> int:
    """A parser mark as one int (0-based line in the high bits): a few bytes instead of an object."""
    return mark.line << 32 | mark.column


def _span(file: str, packed: int) -> Span:
    return Span(file, (packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1)


class YMap(dict):
    """A mapping that remembers where it, each key and each value stand in its file.

    Positions are kept packed into ints and turned into spans only when asked for: most values
    are never pointed at, and a policy may hold millions of them.
    """

    __slots__ = ("file", "mark", "key_marks", "value_marks")

    @property
    def span(self) -> Span:
        return _span(self.file, self.mark)

    def key_span(self, key: str) -> Span:
        mark = self.key_marks.get(key)
        return _span(self.file, mark) if mark is not None else self.span

    def value_span(self, key: str) -> Span:
        mark = self.value_marks.get(key)
        return _span(self.file, mark) if mark is not None else self.span


class YSeq(list):
    """A sequence that remembers where it and each element stand in its file."""

    __slots__ = ("file", "mark", "marks")

    @property
    def span(self) -> Span:
        return _span(self.file, self.mark)

    def item_span(self, index: int) -> Span:
        return _span(self.file, self.marks[index])


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


@dataclass
class Loaded:
    files: list[SourceFile]
    violations: list[Violation]


def discover(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The policy files under each path: a file as given; a directory's YAML files recursively, then
    its `.rules` files (YAML first, so that a policy's first file is always a YAML file)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.suffix in (*POLICY_SUFFIXES, RULES_SUFFIX) and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            yaml_files = [p for p in files if p.suffix in POLICY_SUFFIXES]
            if not yaml_files:
                raise InputError.of("loader.no_policy_files", path=str(path))
            found.extend(yaml_files)
            found.extend(p for p in files if p.suffix == RULES_SUFFIX)
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise InputError.of("loader.not_regular", path=str(path))
        else:
            raise InputError.of("loader.no_such_path", path=str(path))
    seen: set[Path] = set()
    unique = []
    for p in found:  # the same file named twice is read once
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def decode(path: str, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError.of("loader.not_utf8", Span(path, line, column), byte=raw[exc.start]) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        raise InputError.of("loader.nul", Span(path, line, index - (text.rfind("\n", 0, index) + 1) + 1))
    return text


def load_text(path: str, text: str) -> tuple[SourceFile, list[Violation]]:
    """Read every YAML document of one file. Syntax errors become PE001 violations."""
    source = SourceFile(path, text)
    violations: list[Violation] = []
    if not text.strip():
        raise InputError.of("loader.empty_file", Span(path, 1, 1))
    parser = _Parser(text)
    try:
        source.documents = _Builder(path, violations).documents(parser)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(path, mark.line + 1, mark.column + 1) if mark else Span(path, 1, 1)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p) or msg("loader.unreadable")
        violations.append(Violation("PE001", "syntax", span, Subject("file", path), {"problem": problem}))
        return source, violations
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        # libyaml counts bytes of the UTF-8 text, not characters
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        span = Span(path, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        violations.append(Violation("PE001", "syntax", span, Subject("file", path),
                                    {"problem": msg("loader.character", code=code)}))
        return source, violations
    except yaml.YAMLError as exc:
        violations.append(Violation("PE001", "syntax", Span(path, 1, 1), Subject("file", path),
                                    {"problem": str(exc).splitlines()[0] if str(exc) else msg("loader.unreadable")}))
        return source, violations
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    if not source.documents:
        raise InputError.of("loader.no_document", Span(path, 1, 1))
    return source, violations


def read_source(path: str | os.PathLike) -> str:
    """A policy-format file's text: UTF-8 (a BOM dropped), no NUL; else an InputError, located."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError.of("loader.cannot_read", path=str(path), reason=exc.strerror) from None
    return decode(str(path), raw)


def load_paths(paths: Iterable[str | os.PathLike]) -> Loaded:
    files: list[SourceFile] = []
    violations: list[Violation] = []
    for path in discover(paths):
        text = read_source(path)
        if is_rules_file(str(path)):  # parsed by the rule language, after the policy is built
            files.append(SourceFile(str(path), text))
            continue
        source, found = load_text(str(path), text)
        files.append(source)
        violations.extend(found)
    return Loaded(files, violations)


_SCALARS = {
    _STR: lambda v: v,
    _NULL: lambda v: _exactly(v, ("~", "null", "Null", "NULL", ""), None),
    _BOOL: lambda v: _exactly(v, ("true", "True", "TRUE"), True) if v[:1] in "tT" else _exactly(
        v, ("false", "False", "FALSE"), False),
    _INT: lambda v: int(v, 0) if v[:2] in ("0o", "0x") else int(v),
    _FLOAT: lambda v: float(v.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                            .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan")),
}


def _exactly(value: str, spellings: tuple[str, ...], result: Any) -> Any:
    if value not in spellings:
        raise ValueError(value)
    return result


_EXPECT_KEY = object()  # a mapping frame waiting for its next key
_SKIP = object()  # the next value belongs to a key that was refused: drop it


class _Builder:
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
        self.violations.append(Violation(code, message_key, _span(self.path, _pack(mark)),
                                         Subject("file", self.path), params))

    def error(self, key: str, mark, **params) -> InputError:
        return InputError.of(key, _span(self.path, _pack(mark)), **params)

    def scalar(self, event) -> Any:
        tag, text = event.tag, event.value
        if tag is None or tag == "!":
            if tag is None and event.implicit[0]:
                tag = resolve_plain(text)
                if tag is _STR:
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
        if value is _SKIP or isinstance(value, float) and not math.isfinite(value):
            kind = "finite number" if tag == _FLOAT else tag.rsplit(":", 1)[-1]
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
                    expected = _MAP
                else:
                    container = YSeq()
                    container.marks = []
                    expected = _SEQ
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
                    raise yaml.MarkedYAMLError(None, None, f"found undefined alias {event.anchor!r}",
                                               event.start_mark)
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

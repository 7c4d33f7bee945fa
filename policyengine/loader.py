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
from yaml.resolver import BaseResolver

from .diagnostics import Subject, Violation
from .errors import InputError
from .span import Span

try:  # libyaml's C parser is an optional part of PyYAML
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - exercised only without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

POLICY_SUFFIXES = (".yaml", ".yml")
# Aliases may stand for at most this many nodes per file, or this many times the file's own
# nodes if more: a "billion laughs" file is refused before anything walks its expansion.
MAX_ALIASED_NODES = 1_000_000
MAX_ALIAS_FACTOR = 10
MAX_DEPTH = 100


class CoreResolver(BaseResolver):
    """YAML 1.2 core schema resolution: null, bool, int, float; everything else is a string."""


for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    CoreResolver.add_implicit_resolver(_tag, re.compile(_regexp), _first)


class _Composer(_Parser, CoreResolver):
    def __init__(self, stream):
        _Parser.__init__(self, stream)
        CoreResolver.__init__(self)


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
class SourceFile:
    path: str
    text: str
    documents: list[Any] = field(default_factory=list)

    def line(self, number: int) -> str:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""


@dataclass
class Loaded:
    files: list[SourceFile]
    violations: list[Violation]


def discover(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The policy files under each path: a file as given, a directory's YAML files recursively."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.suffix in POLICY_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                raise InputError(f"{path}: no policy files (*.yaml, *.yml) in this directory",
                                 f"{path}:该目录中没有策略文件(*.yaml、*.yml)")
            found.extend(files)
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise InputError(f"{path}: not a regular file or directory", f"{path}:不是普通文件或目录")
        else:
            raise InputError(f"{path}: no such file or directory", f"{path}:文件或目录不存在")
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
        raise InputError(f"not UTF-8 (byte 0x{raw[exc.start]:02x}); policy files must be UTF-8",
                         f"不是 UTF-8 编码(字节 0x{raw[exc.start]:02x});策略文件必须使用 UTF-8",
                         Span(path, line, column)) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        raise InputError("contains a NUL character; not a text file", "包含 NUL 字符;不是文本文件",
                         Span(path, line, index - (text.rfind("\n", 0, index) + 1) + 1))
    return text


def load_text(path: str, text: str) -> tuple[SourceFile, list[Violation]]:
    """Compose every YAML document of one file. Syntax errors become PE001 violations."""
    source = SourceFile(path, text)
    violations: list[Violation] = []
    if not text.strip():
        raise InputError("empty file: a policy file holds at least one section",
                         "空文件:策略文件至少须包含一个部分", Span(path, 1, 1))
    composer = _Composer(text)
    try:
        nodes = []
        while composer.check_node():
            nodes.append(composer.get_node())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(path, mark.line + 1, mark.column + 1) if mark else Span(path, 1, 1)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "unreadable YAML"
        violations.append(Violation("PE001", "syntax", span, Subject("file", path), {"problem": problem}))
        return source, violations
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        # libyaml counts bytes of the UTF-8 text, not characters
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        span = Span(path, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        violations.append(Violation("PE001", "syntax", span, Subject("file", path),
                                    {"problem": f"character U+{code:04X} is not allowed in YAML"}))
        return source, violations
    except RecursionError:
        raise InputError("YAML nested more than the parser can follow", "YAML 嵌套层数超出解析器的处理能力",
                         Span(path, 1, 1)) from None
    except yaml.YAMLError as exc:
        violations.append(Violation("PE001", "syntax", Span(path, 1, 1), Subject("file", path),
                                    {"problem": str(exc).splitlines()[0] if str(exc) else "unreadable YAML"}))
        return source, violations
    finally:
        composer.dispose()
    if not nodes:
        raise InputError("no YAML document (only comments or blank lines)",
                         "没有 YAML 文档(只有注释或空行)", Span(path, 1, 1))
    converter = _Converter(path, violations)
    for node in nodes:
        source.documents.append(converter.convert(node))
    return source, violations


def load_paths(paths: Iterable[str | os.PathLike]) -> Loaded:
    files: list[SourceFile] = []
    violations: list[Violation] = []
    for path in discover(paths):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}", f"{path}:无法读取:{exc.strerror}") from None
        source, found = load_text(str(path), decode(str(path), raw))
        files.append(source)
        violations.extend(found)
    return Loaded(files, violations)


_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"
_ScalarNode = yaml.ScalarNode
_SCALARS = {
    "tag:yaml.org,2002:str": lambda v: v,
    "tag:yaml.org,2002:null": lambda v: None,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    _INT_TAG: lambda v: int(v, 0) if v[:2] in ("0o", "0x") else int(v),
    "tag:yaml.org,2002:float": lambda v: float(v.replace(".inf", "inf").replace(".Inf", "inf")
                                               .replace(".INF", "inf").replace(".nan", "nan")
                                               .replace(".NaN", "nan").replace(".NAN", "nan")),
}


class _Converter:
    """Nodes -> YMap/YSeq/scalars; reports duplicate keys and bounds alias expansion.

    This walk runs once per YAML node, so it is written for speed: scalars are converted inline.
    """

    def __init__(self, path: str, violations: list[Violation]):
        self.path = path
        self.violations = violations
        self.nodes = 0  # nodes converted, each once
        self.aliased = 0  # nodes that aliases stand for
        self.active: set[int] = set()
        self.done: dict[int, tuple[Any, int]] = {}  # collection node -> (value, size): an alias reuses it

    def span(self, node) -> Span:
        return _span(self.path, _pack(node.start_mark))

    def flag(self, code: str, message_key: str, node, **params) -> None:
        self.violations.append(Violation(code, message_key, self.span(node), Subject("file", self.path), params))

    def scalar(self, node) -> Any:
        tag = node.tag
        if tag == _STR_TAG:
            return node.value
        make = _SCALARS.get(tag)
        if make is None:
            self.flag("PE002", "schema", node, message=f"unsupported YAML tag {tag}",
                      message_zh=f"不支持的 YAML 标签 {tag}")
            return node.value
        try:
            value = make(node.value)
        except ValueError:
            value = None
        if value is None and tag != "tag:yaml.org,2002:null" or isinstance(value, float) and not math.isfinite(value):
            kind = "finite number" if tag == "tag:yaml.org,2002:float" else tag.rsplit(":", 1)[-1]
            self.flag("PE002", "schema", node, message=f"{node.value!r} is not a valid {kind}",
                      message_zh=f"{node.value!r} 不是有效的 {kind}")
            return node.value
        return value

    def convert(self, node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            self.nodes += 1
            return self.scalar(node)
        ident = id(node)
        if ident in self.done:  # an alias: the same value again, no second walk
            value, size = self.done[ident]
            self.aliased += size
            if self.aliased > max(MAX_ALIASED_NODES, MAX_ALIAS_FACTOR * self.nodes):
                raise InputError(
                    "YAML aliases expand beyond the limit (an alias bomb?); write the values out",
                    "YAML 别名展开超出上限(疑为别名炸弹);请直接写出取值", self.span(node))
            return value
        if ident in self.active:
            raise InputError("recursive YAML alias: a node contains itself", "递归的 YAML 别名:节点包含自身",
                             self.span(node))
        if len(self.active) >= MAX_DEPTH:  # no policy nests this deep; the walk is recursive
            raise InputError(f"YAML nested more than {MAX_DEPTH} levels deep", f"YAML 嵌套超过 {MAX_DEPTH} 层",
                             self.span(node))
        self.active.add(ident)
        before = self.nodes + self.aliased
        try:
            value = self.sequence(node) if isinstance(node, yaml.SequenceNode) else self.mapping(node)
        finally:
            self.active.discard(ident)
        self.nodes += 1
        self.done[ident] = (value, self.nodes + self.aliased - before)
        return value

    def sequence(self, node) -> YSeq:
        seq = YSeq()
        seq.file, seq.mark = self.path, _pack(node.start_mark)
        marks = seq.marks = []
        for child in node.value:
            mark = child.start_mark
            marks.append(mark.line << 32 | mark.column)
            if type(child) is _ScalarNode and child.tag == _STR_TAG:
                self.nodes += 1
                seq.append(child.value)
            else:
                seq.append(self.convert(child))
        if node.tag != "tag:yaml.org,2002:seq":
            self.flag("PE002", "schema", node, message=f"unsupported YAML tag {node.tag}",
                      message_zh=f"不支持的 YAML 标签 {node.tag}")
        return seq

    def mapping(self, node) -> YMap:
        mapping = YMap()
        mapping.file, mapping.mark = self.path, _pack(node.start_mark)
        key_marks = mapping.key_marks = {}
        value_marks = mapping.value_marks = {}
        if node.tag != "tag:yaml.org,2002:map":
            self.flag("PE002", "schema", node, message=f"unsupported YAML tag {node.tag}",
                      message_zh=f"不支持的 YAML 标签 {node.tag}")
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode:
                self.flag("PE002", "key", key_node)
                continue
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge" or (key == "<<" and not key_node.style):
                self.flag("PE002", "merge", key_node)
                continue
            if key in mapping:
                self.flag("PE003", "key", key_node, key=key, line=(key_marks[key] >> 32) + 1)
                continue
            if type(value_node) is _ScalarNode and value_node.tag == _STR_TAG:
                self.nodes += 1
                mapping[key] = value_node.value
            else:
                mapping[key] = self.convert(value_node)
            mark = key_node.start_mark
            key_marks[key] = mark.line << 32 | mark.column
            mark = value_node.start_mark
            value_marks[key] = mark.line << 32 | mark.column
        return mapping

"""Files -> plain data that remembers where every value came from.

YAML is composed with PyYAML's C parser when present (the fastest loader that keeps positions),
then turned into dict/list subclasses carrying spans. Scalars are resolved by the YAML 1.2 core
schema, not 1.1: `yes`, `on` and `8:30` stay strings (a 1.1 loader reads `8:30` as 510).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Subject, Violation
from .errors import InputError
from .inputs import EITHER, files_under, read_bytes, stat_input
from .messages import msg
from .source import POLICY_SUFFIXES, RULES_SUFFIX, SourceFile, is_rules_file
from .span import Span
from .yamlbuild import Builder, PureParser, nesting_error
from .yamlproblems import described

try:  # libyaml's C parser is an optional part of PyYAML; `yaml.cyaml` has it from here too
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - exercised only without libyaml
    _Parser = PureParser  # type: ignore[assignment,misc]


@dataclass
class Loaded:
    files: list[SourceFile]
    violations: list[Violation]


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The policy files under each path: a file as given; a directory's YAML files recursively, then
    its `.rules` files (YAML first, so that a policy's first file is always a YAML file). What could
    hide a policy file (an unreadable directory, a looping or broken link, a named pipe called
    `*.yaml`) is an InputError naming it (`inputs.files_under`), never a file left out."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if stat.S_ISDIR(stat_input(path, EITHER).st_mode):
            files = files_under(path, _is_policy_name)
            yaml_files = [p for p in files if p.suffix in POLICY_SUFFIXES]
            if not yaml_files:
                raise InputError.of("loader.no_policy_files", path=str(path))
            found.extend(yaml_files)
            found.extend(p for p in files if p.suffix == RULES_SUFFIX)
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for p in found:  # the same file named twice is read once
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _is_policy_name(name: str) -> bool:
    return Path(name).suffix in (*POLICY_SUFFIXES, RULES_SUFFIX)


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
    builder = Builder(path, violations)
    try:
        source.documents = builder.documents(parser)
        source.starts = builder.starts
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit, far past ours
            deep = nesting_error(path, text)
            if deep is not None:
                raise deep from None
        mark = exc.problem_mark or exc.context_mark
        span = Span(path, mark.line + 1, mark.column + 1) if mark else Span(path, 1, 1)
        problem = described(exc.context, exc.problem) or msg("loader.unreadable")
        violations.append(Violation("PE001", "syntax", span, Subject("file", path), {"problem": problem}))
        return source, violations
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        # libyaml counts bytes of the UTF-8 text, not characters
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        span = Span(path, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        violations.append(
            Violation("PE001", "syntax", span, Subject("file", path), {"problem": msg("loader.character", code=code)})
        )
        return source, violations
    except yaml.YAMLError as exc:
        violations.append(
            Violation(
                "PE001",
                "syntax",
                Span(path, 1, 1),
                Subject("file", path),
                {"problem": str(exc).splitlines()[0] if str(exc) else msg("loader.unreadable")},
            )
        )
        return source, violations
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    if not source.documents:  # only comments: said at the first of them
        first = len(text) - len(text.lstrip())
        line = text.count("\n", 0, first) + 1
        raise InputError.of("loader.no_document", Span(path, line, first - (text.rfind("\n", 0, first) + 1) + 1))
    return source, violations


def read_source(path: str | os.PathLike[str]) -> str:
    """A policy-format file's text: a regular file of bounded size (`inputs.read_bytes`), UTF-8 (a
    BOM dropped), no NUL; else an InputError, located."""
    return decode(str(path), read_bytes(path))


def load_paths(paths: Iterable[str | os.PathLike[str]]) -> Loaded:
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

"""Reading a reform file: its metadata, its baseline and its operations, each checked for form.

The operations themselves are checked when they apply (`patch.py`): an operation that cannot apply
is a `ReformError` at its position in the reform file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..inputs import EITHER, stat_input
from ..loader import load_text, read_source
from ..messages import Listed, Quoted, Text, msg
from ..resources import BUNDLED_PREFIX
from ..source import SourceFile
from ..span import Span
from ..vocabulary import SECTION_KINDS
from ..yamlnodes import YMap, YSeq

SINGLETONS = ("workflow", "policy", "scale")
NAMING_KEYS = ("id", "metric", "when", "from")  # what names an entry of a list inside a declaration
SECTIONS = tuple(SECTION_KINDS)  # the sections of declarations with ids, in the format's order
COMMON = {"op", "note", "source"}
# each operation's keys and the kind of value each takes (checked by `operands.check`)
OPERANDS: dict[str, dict[str, str]] = {
    "set": {"target": "target", "path": "path", "value": "any"},
    "add": {"section": "section", "value": "mapping", "at": "position", "lists": "placements", "duties": "ids"},
    "remove": {"target": "target"},
    "move": {"target": "target", "tier": "id", "list": "id", "lists": "placements"},
    "grant": {"to": "holder", "powers": "powers", "into": "target", "at": "position"},
    "revoke": {"from": "holder", "powers": "ids"},
    "transfer": {"target": "target", "money": "number", "people": "number", "powers": "ids"},
    "add_rules": {"target": "target", "criteria": "rules"},
    "replace_rules": {"target": "target", "criteria": "rules"},
    "unset": {"target": "target", "path": "path"},
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "set": ("target", "path", "value"),
    "add": ("section", "value"),
    "remove": ("target",),
    "move": ("target", "tier"),
    "grant": ("to", "powers"),
    "revoke": ("from", "powers"),
    "transfer": ("target",),  # and one of money, people, powers
    "add_rules": ("target", "criteria"),
    "replace_rules": ("target", "criteria"),
    "unset": ("target", "path"),
}
OPS = tuple(OPERANDS)
META_KEYS = {"id", "name", "baseline", "description", "source", "note"}
POSITION = re.compile(r"([a-z_]+)\[([0-9]+)\]\Z")  # SECTION[N]: the N-th entry (0-based) in load order


class ReformError(InputError):
    """An operation that cannot apply: exit 2 with its position in the reform file."""


@dataclass
class Reform:
    path: str
    id: str
    name: dict[str, Any]
    baseline: str
    operations: list[YMap]
    source: SourceFile


@dataclass
class Applied:
    files: list[SourceFile]  # the reformed baseline; the reform file itself is `reform.source`
    violations: list[Any]  # the baseline's own loader findings (PE001, PE002, PE003)
    reform: Reform
    touched: list[tuple[str, str, Text]] = field(default_factory=list)  # (op, target, detail)
    sound: bool = True  # False: the baseline has errors of its own and no operation was applied


def fail(node: Any, key: str, /, **params: object) -> ReformError:
    """The error `key` at a node of the reform file (an operation, usually)."""
    return ReformError(msg(key, **params), node.span if isinstance(node, (YMap, YSeq)) else None)


def shown(value: Any) -> Text:
    """A wrong value as a message names it: text quoted, a number or a constant as YAML writes it,
    a list or a mapping by what it is."""
    if isinstance(value, str):
        return Quoted((value,))
    if isinstance(value, YSeq):
        return msg("reform.got.list")
    if isinstance(value, YMap):
        return msg("reform.got.mapping")
    return "null" if value is None else "true" if value is True else "false" if value is False else str(value)


def _is_name(value: Any) -> bool:
    return isinstance(value, YMap) and set(value) <= {"en", "zh"} and all(isinstance(v, str) for v in value.values())


# the reform's metadata: the test of each value and what the message says it must be
META_FORMS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "id": (lambda value: isinstance(value, str) and value != "", "reform.expect.id"),
    "baseline": (lambda value: isinstance(value, str) and value != "", "reform.expect.baseline"),
    "name": (_is_name, "reform.expect.name"),
    "description": (lambda value: isinstance(value, str), "reform.expect.text"),
    "note": (lambda value: isinstance(value, str), "reform.expect.text"),
    "source": (lambda value: isinstance(value, (str, YMap)), "reform.expect.source"),
}


def section_of(target: str) -> str:
    match = POSITION.match(target)
    return match.group(1) if match else target.split("/", 1)[0]


def _absolute(baseline: Path) -> str:
    """The baseline's path with its links resolved; as written (made absolute) when they cannot be,
    so that the loader's one line names what is wrong: a link to nothing by its own name, and a loop
    of links, which `resolve` raises RuntimeError for before Python 3.13 (an internal error)."""
    try:
        return str(baseline.resolve(strict=True))
    except (OSError, RuntimeError):
        return os.path.abspath(baseline)


def read_reform(path: str | Path, resolve_bundled: Callable[[str], str] | None = None) -> Reform:
    """The reform file at `path`; `resolve_bundled` turns a `bundled:NAME` baseline into a path."""
    path = Path(path)
    source, violations = load_text(str(path), read_source(path))
    if violations:
        first = violations[0]
        # what is wrong, as lint says it of a policy: "'.nan' is not a valid finite number", not the code alone
        raise ReformError(msg("reform.not_reform_file", code=first.code, problem=first.message()), first.span)
    doc = source.documents[0]
    if not isinstance(doc, YMap) or not isinstance(doc.get("reform"), YMap):
        raise ReformError(msg("reform.no_reform_mapping"), Span(str(path), 1, 1))
    meta = doc["reform"]
    extra = sorted(k for k in meta if k not in META_KEYS)
    if extra:
        raise ReformError(
            msg("reform.meta_unknown_key", key=extra[0], allowed=Listed(tuple(sorted(META_KEYS)))),
            meta.key_span(extra[0]),
        )
    for key in ("id", "baseline"):
        if key not in meta:
            raise fail(meta, "reform.meta_required", key=key)
    for key, (test, expected) in META_FORMS.items():
        if key in meta and not test(meta[key]):
            raise ReformError(
                msg("reform.meta_form", key=key, expected=msg(expected), got=shown(meta[key])), meta.value_span(key)
            )
    unknown = sorted(set(doc) - {"reform", "operations"})
    if unknown:
        raise ReformError(msg("reform.top_unknown_key", key=unknown[0]), doc.key_span(unknown[0]))
    ops = doc.get("operations")
    if not isinstance(ops, YSeq):
        raise ReformError(msg("reform.operations_not_list"), doc.value_span("operations"))
    for k, op in enumerate(ops):
        if not isinstance(op, YMap):
            raise ReformError(msg("reform.operations_not_list"), ops.item_span(k))
    baseline = meta["baseline"]
    if not baseline.startswith(BUNDLED_PREFIX):
        baseline = _baseline_path(path.parent / baseline, meta.value_span("baseline"))
    elif resolve_bundled is not None:
        baseline = resolve_bundled(baseline)
    return Reform(str(path), meta["id"], dict(meta.get("name") or {}), baseline, list(ops), source)


def _baseline_path(named: Path, at: Span) -> str:
    """The baseline a reform names, made absolute; a baseline that is not there (or names no file
    or directory: a pipe, a device, a NUL in the name) is an error at the reform's `baseline:`,
    where the user wrote it, before anything is read."""
    try:
        stat_input(named, EITHER)
        return _absolute(named)
    except InputError as error:
        raise ReformError(msg("reform.baseline_at", problem=error.message), at) from None
    except ValueError:  # resolve() on a NUL in the name; stat_input reports that as missing first
        raise ReformError(msg("loader.no_such_path", path=str(named)), at) from None

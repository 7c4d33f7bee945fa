"""Positioned YAML nodes as a reform edits them: copies that keep positions, values put where the
reform wrote them."""

from __future__ import annotations

from typing import Any

from ..yamlnodes import YMap, YSeq


def clone(value: Any) -> Any:
    """A deep copy that keeps positions."""
    if isinstance(value, YMap):
        out = YMap((k, clone(v)) for k, v in value.items())
        out.file, out.mark = value.file, value.mark
        out.key_marks, out.value_marks = dict(value.key_marks), dict(value.value_marks)
        return out
    if isinstance(value, YSeq):
        seq = YSeq(clone(v) for v in value)
        seq.file, seq.mark, seq.marks = value.file, value.mark, list(value.marks)
        return seq
    return value


def put(mapping: YMap, key: str, value: Any, at: YMap) -> None:
    """Set a key; the new value's position is where the reform wrote it."""
    mapping[key] = value
    mapping.key_marks.setdefault(key, at.mark if at.file == mapping.file else mapping.mark)
    if isinstance(value, (YMap, YSeq)):
        mapping.value_marks[key] = value.mark
    elif at.file == mapping.file:
        mapping.value_marks[key] = at.mark
    else:
        mapping.value_marks.setdefault(key, mapping.mark)


def seq_of(values: list[Any], like: YMap) -> YSeq:
    out = YSeq(values)
    out.file, out.mark, out.marks = like.file, like.mark, [like.mark] * len(values)
    return out


def power_name(entry: Any) -> Any:
    """The power a grant's `powers` entry names: `penalty` or `{power: coordination, scope: ...}`."""
    return entry if isinstance(entry, str) else entry.get("power") if isinstance(entry, YMap) else None

"""Reforms (改革方案): a YAML patch over a baseline policy.

A reform file names its baseline (a path relative to the reform file, or `bundled:NAME`) and lists
operations. They are applied, in order, to a copy of the baseline's documents before the policy is
built, so every later stage — schema, checks, admission — sees the reformed policy, and values the
reform brings keep their positions in the reform file. An operation that cannot apply (an unknown
target, a second edit of the same place) is a located error, never a silent no-op.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .loader import SourceFile, YMap, YSeq, decode, load_paths, load_text
from .span import Span

SECTIONS = ("powers", "tiers", "units", "grants", "categories", "items", "lists", "admission", "assessments",
            "duties", "platform_rules", "figures")
_COMMON = {"op", "note", "source"}
OP_KEYS = {
    "set": {"target", "path", "value"}, "add": {"section", "value"}, "remove": {"target"},
    "move": {"target", "tier", "list"}, "grant": {"to", "powers"}, "revoke": {"from", "powers"},
    "transfer": {"target", "money", "people", "powers"}, "add_rules": {"target", "criteria"},
    "replace_rules": {"target", "criteria"},
}
OPS = tuple(OP_KEYS)
META_KEYS = {"id", "name", "baseline", "description", "source", "note"}


class ReformError(InputError):
    """An operation that cannot apply: exit 2 with its position in the reform file."""


@dataclass
class Reform:
    path: str
    id: str
    name: dict
    baseline: str
    operations: list[YMap]
    source: SourceFile


@dataclass
class Applied:
    files: list[SourceFile]  # the reformed baseline; the reform file itself is `reform.source`
    violations: list  # the baseline's own loader findings (PE001, PE002, PE003)
    reform: Reform
    touched: list[tuple[str, str, str]] = field(default_factory=list)  # (op, target, detail)


def _fail(node: Any, en: str, zh: str) -> ReformError:
    return ReformError(en, zh, node.span if isinstance(node, (YMap, YSeq)) else None)


def read_reform(path: str | Path, resolve_bundled=None) -> Reform:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}", f"{path}:无法读取:{exc.strerror}") from None
    source, violations = load_text(str(path), decode(str(path), raw))
    if violations:
        first = violations[0]
        raise ReformError(f"not a valid reform file ({first.code})", f"不是有效的改革方案文件({first.code})",
                          first.span)
    doc = source.documents[0]
    if not isinstance(doc, YMap) or not isinstance(doc.get("reform"), YMap):
        raise ReformError("a reform file starts with a `reform:` mapping (id, baseline) and `operations:`",
                          "改革方案文件须包含 `reform:` 映射(id、baseline)和 `operations:`", Span(str(path), 1, 1))
    meta = doc["reform"]
    extra = sorted(k for k in meta if k not in META_KEYS)
    if extra:
        raise ReformError(f"unknown key '{extra[0]}' in reform (allowed: {', '.join(sorted(META_KEYS))})",
                          f"reform 中有未知的键“{extra[0]}”(可用:{', '.join(sorted(META_KEYS))})", meta.key_span(extra[0]))
    for key in ("id", "baseline"):
        if not isinstance(meta.get(key), str):
            raise _fail(meta, f"reform.{key} is required", f"缺少 reform.{key}")
    unknown = sorted(set(doc) - {"reform", "operations"})
    if unknown:
        raise ReformError(f"unknown key '{unknown[0]}' in a reform file", f"改革方案文件中有未知的键“{unknown[0]}”",
                          doc.key_span(unknown[0]))
    ops = doc.get("operations")
    if not isinstance(ops, YSeq) or not all(isinstance(op, YMap) for op in ops):
        raise ReformError("`operations` must be a list of mappings", "`operations` 必须是映射列表", doc.span)
    baseline = meta["baseline"]
    if not baseline.startswith("bundled:"):
        baseline = str((path.parent / baseline).resolve())
    elif resolve_bundled is not None:
        baseline = resolve_bundled(baseline)
    return Reform(str(path), meta["id"], dict(meta.get("name") or {}), baseline, list(ops), source)


def _clone(value: Any) -> Any:
    """A deep copy that keeps positions."""
    if isinstance(value, YMap):
        out = YMap((k, _clone(v)) for k, v in value.items())
        out.file, out.mark = value.file, value.mark
        out.key_marks, out.value_marks = dict(value.key_marks), dict(value.value_marks)
        return out
    if isinstance(value, YSeq):
        out = YSeq(_clone(v) for v in value)
        out.file, out.mark, out.marks = value.file, value.mark, list(value.marks)
        return out
    return value


def _put(mapping: YMap, key: str, value: Any, at: YMap) -> None:
    """Set a key; the new value's position is where the reform wrote it."""
    mapping[key] = value
    mapping.key_marks.setdefault(key, at.mark if at.file == mapping.file else mapping.mark)
    if isinstance(value, (YMap, YSeq)):
        mapping.value_marks[key] = value.mark
    elif at.file == mapping.file:
        mapping.value_marks[key] = at.mark
    else:
        mapping.value_marks.setdefault(key, mapping.mark)


def _seq(values: list, like: YMap) -> YSeq:
    out = YSeq(values)
    out.file, out.mark, out.marks = like.file, like.mark, [like.mark] * len(values)
    return out


class _Patcher:
    def __init__(self, files: list[SourceFile], reform: Reform):
        self.files, self.reform = files, reform
        self.edited: dict[tuple[str, str, str], YMap] = {}
        self.touched: list[tuple[str, str, str]] = []

    def sections(self, name: str) -> list[YSeq]:
        return [doc[name] for f in self.files for doc in f.documents
                if isinstance(doc, YMap) and isinstance(doc.get(name), YSeq)]

    def find(self, op: YMap, target: Any) -> tuple[YSeq, int, YMap]:
        if not isinstance(target, str) or "/" not in target:
            raise _fail(op, "target must be SECTION/ID, e.g. items/broken_road",
                        "target 须为 SECTION/ID,例如 items/broken_road")
        section, ident = target.split("/", 1)
        if section not in SECTIONS:
            raise _fail(op, f"unknown section '{section}' in target (known: {', '.join(SECTIONS)})",
                        f"target 中的部分“{section}”未知(可用:{', '.join(SECTIONS)})")
        for seq in self.sections(section):
            for index, entry in enumerate(seq):
                if isinstance(entry, YMap) and entry.get("id") == ident:
                    return seq, index, entry
        raise _fail(op, f"no {section} entry with id '{ident}' in the baseline", f"基线中没有 id 为“{ident}”的{section}条目")

    def claim(self, op: YMap, target: str, place: str) -> None:
        key = (target, place, "")
        if key in self.edited:
            first = self.edited[key]
            raise _fail(op, f"conflicting edits: {target} {place} is already changed by the operation at line "
                            f"{first.span.line}", f"编辑冲突:{target} 的 {place} 已被第 {first.span.line} 行的操作修改")
        self.edited[key] = op

    def apply(self, op: YMap) -> None:
        kind = op.get("op")
        if kind not in OPS:
            raise _fail(op, f"unknown operation '{kind}' (known: {', '.join(OPS)})",
                        f"未知的操作“{kind}”(可用:{', '.join(OPS)})")
        allowed = OP_KEYS[kind] | _COMMON
        unknown = sorted(k for k in op if k not in allowed)
        if unknown:
            raise ReformError(f"unknown key '{unknown[0]}' in a '{kind}' operation (allowed: {', '.join(sorted(allowed))})",
                              f"“{kind}”操作中有未知的键“{unknown[0]}”(可用:{', '.join(sorted(allowed))})",
                              op.key_span(unknown[0]))
        getattr(self, f"op_{kind}")(op)

    # -- operations -------------------------------------------------------------------------------
    def op_set(self, op: YMap) -> None:
        _, _, entry = self.find(op, op.get("target"))
        path = op.get("path")
        if not isinstance(path, str) or "value" not in op:
            raise _fail(op, "set needs `path` (a dotted field path) and `value`", "set 需要 `path`(点分字段路径)和 `value`")
        self.claim(op, op["target"], path)
        node, segs, i = entry, path.split("."), 0
        while i < len(segs) - 1:
            part, child = segs[i], node.get(segs[i])
            if isinstance(child, YSeq):  # quotas.events_reported.add: a list entry named by its key
                key = segs[i + 1]
                child = next((e for e in child if isinstance(e, YMap)
                              and any(e.get(k) == key for k in ("id", "metric", "when"))), None)
                if child is None or i + 1 == len(segs) - 1:
                    raise _fail(op, f"no field to set under {part} entry '{key}'", f"{part} 条目“{key}”下没有可设置的字段")
                i += 2
            else:
                if child is None:
                    child = YMap()
                    child.file, child.mark, child.key_marks, child.value_marks = op.file, op.mark, {}, {}
                    _put(node, part, child, op)
                elif not isinstance(child, YMap):
                    raise _fail(op, f"cannot set {path}: {part} is not a mapping", f"无法设置 {path}:{part} 不是映射")
                i += 1
            node = child
        _put(node, segs[-1], _clone(op["value"]), op)
        self.touched.append(("set", op["target"], f"{path} = {op['value']!r}"))

    def op_add(self, op: YMap) -> None:
        section, value = op.get("section"), op.get("value")
        if section not in SECTIONS or not isinstance(value, YMap):
            raise _fail(op, "add needs `section` (items, units, ...) and `value` (the declaration)",
                        "add 需要 `section`(items、units 等)和 `value`(声明)")
        self.op_add_value(section, _clone(value))
        self.touched.append(("add", f"{section}/{value.get('id', '?')}", ""))

    def op_remove(self, op: YMap) -> None:
        target = op.get("target")
        seq, index, entry = self.find(op, target)
        self.claim(op, target, "*")
        del seq[index]
        del seq.marks[index]
        section, ident = target.split("/", 1)
        if section == "items":  # a removed item leaves no dangling reference behind
            for lst in self.sections("lists"):
                for decl in lst:
                    items = decl.get("items") if isinstance(decl, YMap) else None
                    if isinstance(items, YSeq) and ident in items:
                        k = items.index(ident)
                        del items[k]
                        del items.marks[k]
            for duties in self.sections("duties"):
                for duty in duties:
                    if isinstance(duty, YMap) and duty.get("item") == ident:
                        del duty["item"]
        self.touched.append(("remove", target, ""))

    def op_move(self, op: YMap) -> None:
        target, tier = op.get("target"), op.get("tier")
        if not isinstance(tier, str):
            raise _fail(op, "move needs `tier` (and optionally `list`)", "move 需要 `tier`(可选 `list`)")
        _, _, entry = self.find(op, target)
        self.claim(op, target, "tier")
        ident = entry.get("id")
        _put(entry, "tier", tier, op)
        for lst in self.sections("lists"):  # leave the old lists
            for decl in lst:
                items = decl.get("items") if isinstance(decl, YMap) else None
                if isinstance(items, YSeq) and ident in items and decl.get("id") != op.get("list"):
                    k = items.index(ident)
                    del items[k]
                    del items.marks[k]
        if op.get("list") is not None:
            _, _, lst = self.find(op, f"lists/{op['list']}")
            items = lst.get("items")
            if not isinstance(items, YSeq):
                items = _seq([], op)
                _put(lst, "items", items, op)
            if ident not in items:
                items.append(ident)
                items.marks.append(op.mark)
        self.touched.append(("move", target, f"to {tier}" + (f" ({op['list']})" if op.get("list") else "")))

    def _holder(self, op: YMap, key: str) -> tuple[str, str]:
        holder = op.get(key)
        if not isinstance(holder, YMap) or len(holder) != 1 or next(iter(holder)) not in ("unit", "tier"):
            raise _fail(op, f"{op.get('op')} needs `{key}: {{unit: ID}}` or `{key}: {{tier: ID}}`",
                        f"{op.get('op')} 需要 `{key}: {{unit: ID}}` 或 `{key}: {{tier: ID}}`")
        kind = next(iter(holder))
        return kind, holder[kind]

    def op_grant(self, op: YMap) -> None:
        kind, ident = self._holder(op, "to")
        powers = op.get("powers")
        if not isinstance(powers, YSeq):
            raise _fail(op, "grant needs `powers` (a list)", "grant 需要 `powers`(列表)")
        grant = YMap({kind: ident, "powers": _clone(powers)})
        grant.file, grant.mark = op.file, op.mark
        grant.key_marks = {kind: op.mark, "powers": powers.mark}
        grant.value_marks = {kind: op.mark, "powers": powers.mark}
        if isinstance(op.get("source"), (str, YMap)):
            grant["source"] = _clone(op["source"])
        self.op_add_value("grants", grant)
        self.touched.append(("grant", f"{kind}/{ident}", ", ".join(map(str, powers))))

    def op_add_value(self, section: str, value: YMap) -> None:
        """Append a declaration to the section's first list; the first document gains the section
        when the baseline has none."""
        seqs = self.sections(section)
        if seqs:
            seqs[0].append(value)
            seqs[0].marks.append(value.mark)
        else:
            _put(self.files[0].documents[0], section, _seq([value], value), value)

    def op_revoke(self, op: YMap) -> None:
        kind, ident = self._holder(op, "from")
        powers = set(op.get("powers") or ())
        removed = False
        for seq in self.sections("grants"):
            for grant in seq:
                if not isinstance(grant, YMap) or grant.get(kind) != ident:
                    continue
                held = grant.get("powers")
                if not isinstance(held, YSeq):
                    continue
                for k in reversed(range(len(held))):
                    name = held[k] if isinstance(held[k], str) else held[k].get("power")
                    if name in powers:
                        del held[k]
                        del held.marks[k]
                        removed = True
        if not removed:
            raise _fail(op, f"{kind} '{ident}' holds none of {sorted(powers)}: nothing to revoke",
                        f"{kind}“{ident}”不具备 {sorted(powers)}:无可撤销")
        self.touched.append(("revoke", f"{kind}/{ident}", ", ".join(sorted(powers))))

    def op_transfer(self, op: YMap) -> None:
        target = op.get("target")
        _, _, entry = self.find(op, target)
        self.claim(op, target, "funding")
        funding = entry.get("funding")
        if not isinstance(funding, YMap):
            funding = YMap()
            funding.file, funding.mark, funding.key_marks, funding.value_marks = op.file, op.mark, {}, {}
            _put(entry, "funding", funding, op)
        for key, field_name in (("money", "money_yuan_per_year"), ("people", "people")):
            if key in op:
                _put(funding, field_name, (funding.get(field_name) or 0) + op[key], op)
        if isinstance(op.get("powers"), YSeq):
            current = list(funding.get("powers") or ())
            merged = current + [p for p in op["powers"] if p not in current]
            _put(funding, "powers", _seq(merged, op), op)
        self.touched.append(("transfer", target, ", ".join(f"{k}={op[k]}" for k in ("money", "people", "powers")
                                                           if k in op)))

    def _rules(self, op: YMap, replace: bool) -> None:
        target = op.get("target")
        criteria = op.get("criteria")
        if not isinstance(criteria, YSeq):
            raise _fail(op, f"{op.get('op')} needs `criteria` (a list of rules)", f"{op.get('op')} 需要 `criteria`(规则列表)")
        _, _, entry = self.find(op, target)
        self.claim(op, target, "criteria")
        current = entry.get("criteria") if not replace else None
        merged = _clone(current) if isinstance(current, YSeq) else _seq([], op)
        for k, rule in enumerate(criteria):
            merged.append(rule)
            merged.marks.append(criteria.marks[k])
        _put(entry, "criteria", merged, op)
        self.touched.append((op["op"], target, f"{len(criteria)} rule(s)"))

    def op_add_rules(self, op: YMap) -> None:
        self._rules(op, replace=False)

    def op_replace_rules(self, op: YMap) -> None:
        self._rules(op, replace=True)


def apply_reform(reform: Reform) -> Applied:
    """Load the baseline and return its files with the reform applied (the baseline is not changed)."""
    baseline = load_paths([reform.baseline])
    files = [SourceFile(f.path, f.text, [_clone(d) for d in f.documents]) for f in baseline.files]
    if not files or not files[0].documents or not isinstance(files[0].documents[0], YMap):
        raise ReformError("the baseline has no documents", "基线没有文档", Span(reform.path, 1, 1))
    patcher = _Patcher(files, reform)
    for op in reform.operations:
        patcher.apply(op)
    return Applied(files, list(baseline.violations), reform, patcher.touched)

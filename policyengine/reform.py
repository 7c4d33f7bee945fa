"""Reforms (改革方案): a YAML patch over a baseline policy.

A reform file names its baseline (a path relative to the reform file, or `bundled:NAME`) and lists
operations. They are applied, in order, to a copy of the baseline's documents before the policy is
built, so every later stage — schema, checks, admission — sees the reformed policy, and values the
reform brings keep their positions in the reform file. An operation that cannot apply (an unknown
target, a second edit of the same place) is a located error, never a silent no-op.

`invert` gives the inverse of a reform: a reform whose baseline is the reformed policy and whose
operations give back the original baseline, exactly (`policy_data` of both is equal).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .loader import SourceFile, YMap, YSeq, load_paths, load_text, read_source, resolve_plain
from .span import Span

SINGLETONS = ("workflow", "policy", "scale")
NAMING_KEYS = ("id", "metric", "when", "from")  # what names an entry of a list inside a declaration
SECTIONS = ("powers", "tiers", "units", "grants", "categories", "items", "lists", "admission", "assessments",
            "duties", "platform_rules", "figures")
_COMMON = {"op", "note", "source"}
OP_KEYS = {
    "set": {"target", "path", "value"}, "add": {"section", "value", "at", "lists", "duties"}, "remove": {"target"},
    "move": {"target", "tier", "list", "lists"}, "grant": {"to", "powers", "into", "at"},
    "revoke": {"from", "powers"}, "transfer": {"target", "money", "people", "powers"},
    "add_rules": {"target", "criteria"}, "replace_rules": {"target", "criteria"}, "unset": {"target", "path"},
}
OPS = tuple(OP_KEYS)
META_KEYS = {"id", "name", "baseline", "description", "source", "note"}
_POSITION = re.compile(r"([a-z_]+)\[([0-9]+)\]\Z")  # SECTION[N]: the N-th entry (0-based) in load order


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
    source, violations = load_text(str(path), read_source(path))
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


def _power_name(entry: Any) -> Any:
    """The power a grant's `powers` entry names: `penalty` or `{power: coordination, scope: ...}`."""
    return entry if isinstance(entry, str) else entry.get("power") if isinstance(entry, YMap) else None


def _section_of(target: str) -> str:
    match = _POSITION.match(target)
    return match.group(1) if match else target.split("/", 1)[0]


class _Patcher:
    def __init__(self, files: list[SourceFile], reform: Reform):
        self.files, self.reform = files, reform
        self.edited: dict[tuple[str, str, str], YMap] = {}
        self.touched: list[tuple[str, str, str]] = []
        self.added: YMap | None = None  # the declaration the last add or grant brought

    def sections(self, name: str) -> list[YSeq]:
        return [doc[name] for f in self.files for doc in f.documents
                if isinstance(doc, YMap) and isinstance(doc.get(name), YSeq)]

    def entries(self, name: str) -> list[tuple[YSeq, int, Any]]:
        """Every entry of a section, in load order, with the list holding it and its index there."""
        return [(seq, index, entry) for seq in self.sections(name) for index, entry in enumerate(seq)]

    def find(self, op: YMap, target: Any) -> tuple[YSeq, int, YMap]:
        if target in SINGLETONS:  # `workflow`, `policy`, `scale`: one mapping, no id
            if op.get("op") not in ("set", "unset", None):
                raise _fail(op, f"{target} can only be changed with set or unset", f"{target} 只能用 set 或 unset 修改")
            found = [doc[target] for f in self.files for doc in f.documents
                     if isinstance(doc, YMap) and isinstance(doc.get(target), YMap)]
            if not found:
                raise _fail(op, f"the baseline declares no {target}", f"基线没有声明 {target}")
            return YSeq(), -1, found[0]
        match = _POSITION.match(target) if isinstance(target, str) else None
        if not isinstance(target, str) or ("/" not in target and match is None):
            raise _fail(op, "target must be SECTION/ID, e.g. items/broken_road, SECTION[N] (the N-th entry, from 0), "
                            "or workflow, policy or scale",
                        "target 须为 SECTION/ID(例如 items/broken_road)、SECTION[N](第 N 个条目,从 0 起)或 "
                        "workflow、policy、scale")
        section = _section_of(target)
        if section not in SECTIONS:
            raise _fail(op, f"unknown section '{section}' in target (known: {', '.join(SECTIONS)})",
                        f"target 中的部分“{section}”未知(可用:{', '.join(SECTIONS)})")
        if match is not None:
            position, entries = int(match.group(2)), self.entries(section)
            if position < len(entries) and isinstance(entries[position][2], YMap):
                return entries[position]
            raise _fail(op, f"no {section} entry at position {position} (the baseline has {len(entries)})",
                        f"基线中没有位置为 {position} 的{section}条目(共 {len(entries)} 条)")
        ident = target.split("/", 1)[1]
        for seq, index, entry in self.entries(section):
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
    def walk(self, op: YMap, entry: YMap, path: str, create: bool) -> tuple[YMap, str]:
        """Follow a dotted path to the mapping that holds its last field; a list entry on the way is
        named by its `id`, `metric`, `when` or `from`. With `create`, missing mappings are made."""
        node, segs, i = entry, path.split("."), 0
        while i < len(segs) - 1:
            part, child = segs[i], node.get(segs[i])
            if isinstance(child, YSeq):  # quotas.events_reported.add: a list entry named by its key
                key = segs[i + 1]
                child = next((e for e in child if isinstance(e, YMap)
                              and any(e.get(k) == key for k in NAMING_KEYS)), None)
                if child is None or i + 1 == len(segs) - 1:
                    raise _fail(op, f"no field to {op['op']} under {part} entry '{key}'",
                                f"{part} 条目“{key}”下没有可{'设置' if create else '删除'}的字段")
                i += 2
            else:
                if child is None and create:
                    child = YMap()
                    child.file, child.mark, child.key_marks, child.value_marks = op.file, op.mark, {}, {}
                    _put(node, part, child, op)
                elif child is None:
                    raise _fail(op, f"nothing to unset: {op['target']} has no {path}",
                                f"无可删除:{op['target']} 没有 {path}")
                elif not isinstance(child, YMap):
                    raise _fail(op, f"cannot {op['op']} {path}: {part} is not a mapping",
                                f"无法{'设置' if create else '删除'} {path}:{part} 不是映射")
                i += 1
            node = child
        return node, segs[-1]

    def op_set(self, op: YMap) -> None:
        _, _, entry = self.find(op, op.get("target"))
        path = op.get("path")
        if not isinstance(path, str) or "value" not in op:
            raise _fail(op, "set needs `path` (a dotted field path) and `value`", "set 需要 `path`(点分字段路径)和 `value`")
        self.claim(op, op["target"], path)
        node, key = self.walk(op, entry, path, create=True)
        _put(node, key, _clone(op["value"]), op)
        self.touched.append(("set", op["target"], f"{path} = {op['value']!r}"))

    def op_unset(self, op: YMap) -> None:
        _, _, entry = self.find(op, op.get("target"))
        path = op.get("path")
        if not isinstance(path, str):
            raise _fail(op, "unset needs `path` (a dotted field path)", "unset 需要 `path`(点分字段路径)")
        self.claim(op, op["target"], path)
        node, key = self.walk(op, entry, path, create=False)
        if key not in node:
            raise _fail(op, f"nothing to unset: {op['target']} has no {path}", f"无可删除:{op['target']} 没有 {path}")
        del node[key]
        node.key_marks.pop(key, None)
        node.value_marks.pop(key, None)
        self.touched.append(("unset", op["target"], path))

    def position(self, op: YMap, key: str, size: int) -> int | None:
        """The optional position `key` of an operation: 0 to `size`."""
        at = op.get(key)
        if at is None:
            return None
        if isinstance(at, bool) or not isinstance(at, int) or not 0 <= at <= size:
            raise _fail(op, f"`{key}` must be a position from 0 to {size}", f"`{key}` 须为 0 到 {size} 之间的位置")
        return at

    def placements(self, op: YMap) -> list[tuple[YMap, Any]]:
        """`lists: [ID or {list: ID, at: N}]`: the lists an item enters, each at a position or at the end."""
        lists = op.get("lists")
        if not isinstance(lists, YSeq):
            raise _fail(op, "`lists` must be a list of list ids or {list: ID, at: N}",
                        "`lists` 须为清单 id 或 {list: ID, at: N} 的列表")
        out = []
        for entry in lists:
            ident, at = (entry, None) if isinstance(entry, str) else (
                (entry.get("list"), entry) if isinstance(entry, YMap) and set(entry) <= {"list", "at"} else (None, None))
            if not isinstance(ident, str):
                raise _fail(op, "`lists` must be a list of list ids or {list: ID, at: N}",
                            "`lists` 须为清单 id 或 {list: ID, at: N} 的列表")
            out.append((self.find(op, f"lists/{ident}")[2], at))
        return out

    def enter(self, op: YMap, ident: str, lst: YMap, at: YMap | None) -> None:
        """Put an item into a list at a position (default: the end), unless it is in it already."""
        items = lst.get("items")
        if not isinstance(items, YSeq):
            items = _seq([], op)
            _put(lst, "items", items, op)
        if ident in items:
            return
        k = len(items) if at is None else self.position(at, "at", len(items))
        k = len(items) if k is None else k
        items.insert(k, ident)
        items.marks.insert(k, op.mark)

    def op_add(self, op: YMap) -> None:
        section, value = op.get("section"), op.get("value")
        if section not in SECTIONS or not isinstance(value, YMap):
            raise _fail(op, "add needs `section` (items, units, ...) and `value` (the declaration)",
                        "add 需要 `section`(items、units 等)和 `value`(声明)")
        at = self.position(op, "at", len(self.entries(section)))
        lists, duties = op.get("lists"), op.get("duties")
        if (lists is not None or duties is not None) and section != "items":
            raise _fail(op, "`lists` and `duties` go with an added item only", "`lists` 和 `duties` 仅用于添加事项")
        places = self.placements(op) if lists is not None else []
        if duties is not None and (not isinstance(duties, YSeq) or not all(isinstance(d, str) for d in duties)):
            raise _fail(op, "`duties` must be a list of duty ids", "`duties` 须为职责 id 的列表")
        named = [self.find(op, f"duties/{d}")[2] for d in duties or ()]
        ident = value.get("id")
        if (places or named) and not isinstance(ident, str):
            raise _fail(op, "an item put into lists or duties needs an `id`", "放入清单或职责的事项须有 `id`")
        self.op_add_value(section, _clone(value), at)
        for lst, where in places:
            self.enter(op, ident, lst, where)
        for duty in named:
            _put(duty, "item", ident, op)
        self.touched.append(("add", f"{section}/{value.get('id', '?')}", ""))

    def op_remove(self, op: YMap) -> None:
        target = op.get("target")
        seq, index, entry = self.find(op, target)
        self.claim(op, target, "*")
        del seq[index]
        del seq.marks[index]
        ident = entry.get("id")
        if _section_of(target) == "items" and isinstance(ident, str):  # a removed item leaves no dangling reference
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
            raise _fail(op, "move needs `tier` (and optionally `list` or `lists`)", "move 需要 `tier`(可选 `list` 或 `lists`)")
        if op.get("list") is not None and op.get("lists") is not None:
            raise _fail(op, "move takes `list` or `lists`, not both", "move 只能给出 `list` 或 `lists` 之一")
        _, _, entry = self.find(op, target)
        self.claim(op, target, "tier")
        ident = entry.get("id")
        places = self.placements(op) if op.get("lists") is not None else None
        _put(entry, "tier", tier, op)
        stay = {op.get("list")} if places is None else {id(lst) for lst, _ in places}
        for lst in self.sections("lists"):  # leave the old lists
            for decl in lst:
                items = decl.get("items") if isinstance(decl, YMap) else None
                if isinstance(items, YSeq) and ident in items and (
                        decl.get("id") if places is None else id(decl)) not in stay:
                    k = items.index(ident)
                    del items[k]
                    del items.marks[k]
        if op.get("list") is not None:
            _, _, lst = self.find(op, f"lists/{op['list']}")
            self.enter(op, ident, lst, None)
        for lst, where in places or ():
            self.enter(op, ident, lst, where)
        into = op.get("list") or ", ".join(str(lst.get("id")) for lst, _ in places or ())
        self.touched.append(("move", target, f"to {tier}" + (f" ({into})" if into else "")))

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
        detail = ", ".join(str(p if isinstance(p, str) else p.get("power") if isinstance(p, YMap) else p) for p in powers)
        if op.get("into") is not None:  # into an existing grant declaration, at a position of its powers
            into = op["into"]
            if not isinstance(into, str) or _section_of(into) != "grants":
                raise _fail(op, "`into` names a grant: grants/ID or grants[N]", "`into` 须指向授权:grants/ID 或 grants[N]")
            _, _, grant = self.find(op, into)
            if grant.get(kind) != ident:
                raise _fail(op, f"{into} is not a grant to {kind} '{ident}'", f"{into} 不是授予{kind}“{ident}”的授权")
            held = grant.get("powers")
            if held is None:
                held = _seq([], op)
                _put(grant, "powers", held, op)
            elif not isinstance(held, YSeq):
                raise _fail(op, f"cannot grant into {into}: its powers are not a list", f"无法授权到 {into}:其 powers 不是列表")
            at = self.position(op, "at", len(held))
            at = len(held) if at is None else at
            for k, power in enumerate(powers):
                held.insert(at + k, _clone(power))
                held.marks.insert(at + k, powers.marks[k])
            self.touched.append(("grant", f"{kind}/{ident}", detail))
            return
        if op.get("at") is not None:
            raise _fail(op, "`at` goes with `into` (a position in that grant's powers)", "`at` 须与 `into` 一起使用(该授权 powers 中的位置)")
        grant = YMap({kind: ident, "powers": _clone(powers)})
        grant.file, grant.mark = op.file, op.mark
        grant.key_marks = {kind: op.mark, "powers": powers.mark}
        grant.value_marks = {kind: op.mark, "powers": powers.mark}
        if isinstance(op.get("source"), (str, YMap)):
            grant["source"] = _clone(op["source"])
        self.op_add_value("grants", grant)
        self.touched.append(("grant", f"{kind}/{ident}", detail))

    def op_add_value(self, section: str, value: YMap, at: int | None = None) -> None:
        """Put a declaration into a section: at position `at` of the section in load order, or by
        default at the end of the section's first list; the first document gains the section when
        the baseline has none."""
        self.added = value
        seqs = self.sections(section)
        if not seqs:
            _put(self.files[0].documents[0], section, _seq([value], value), value)
            return
        entries = self.entries(section)
        if at is not None and at < len(entries):
            seq, index, _ = entries[at]
        else:
            seq = seqs[-1] if at is not None else seqs[0]
            index = len(seq)
        seq.insert(index, value)
        seq.marks.insert(index, value.mark)

    def op_revoke(self, op: YMap) -> None:
        kind, ident = self._holder(op, "from")
        powers = op.get("powers")
        if not isinstance(powers, YSeq) or not all(isinstance(p, str) for p in powers):
            raise _fail(op, "revoke needs `powers` (a list of power ids)", "revoke 需要 `powers`(权力 id 列表)")
        powers = set(powers)
        removed = False
        for seq in self.sections("grants"):
            for grant in seq:
                if not isinstance(grant, YMap) or grant.get(kind) != ident:
                    continue
                held = grant.get("powers")
                if not isinstance(held, YSeq):
                    continue
                for k in reversed(range(len(held))):
                    if _power_name(held[k]) in powers:
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


def _is_reform_file(path: Path) -> bool:
    try:
        source, _ = load_text(str(path), read_source(path))
    except InputError:
        return False
    return bool(source.documents) and isinstance(source.documents[0], YMap) and "reform" in source.documents[0]


def _bundled(name: str) -> str:
    from .resources import bundled_policies

    found = bundled_policies().get(name[len("bundled:"):])
    return str(found) if found is not None else name


def _baseline(reform: Reform, seen: tuple[str, ...] = ()) -> tuple[list[SourceFile], list]:
    """The baseline's files (fresh copies) and loader findings. A baseline may itself be a reform
    file: it stands for the policy that reform makes (so an inverse can name the reform it undoes)."""
    base = Path(reform.baseline)
    if base.suffix in (".yaml", ".yml") and base.is_file() and _is_reform_file(base):
        here = str(Path(reform.path).resolve())
        if str(base.resolve()) in (*seen, here):
            meta = reform.source.documents[0]["reform"]
            raise ReformError("the chain of baselines comes back to this reform", "基线链条回到了本改革方案",
                              meta.value_span("baseline"))
        inner = read_reform(base, _bundled)
        files, violations = _baseline(inner, (*seen, here))
        patcher = _Patcher(files, inner)
        for op in inner.operations:
            patcher.apply(op)
        return files, violations
    loaded = load_paths([reform.baseline])
    files = [SourceFile(f.path, f.text, [_clone(d) for d in f.documents]) for f in loaded.files]
    return files, list(loaded.violations)


def apply_reform(reform: Reform) -> Applied:
    """Load the baseline and return its files with the reform applied (the baseline is not changed)."""
    files, violations = _baseline(reform)
    if not files or not files[0].documents or not isinstance(files[0].documents[0], YMap):
        raise ReformError("the baseline has no documents", "基线没有文档", Span(reform.path, 1, 1))
    patcher = _Patcher(files, reform)
    for op in reform.operations:
        patcher.apply(op)
    return Applied(files, violations, reform, patcher.touched)


# -- the inverse of a reform ------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """Loaded data as plain dicts and lists (positions dropped)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def policy_data(files: list[SourceFile]) -> dict[str, list]:
    """What a policy declares, independent of how it is split over files and documents: for each
    section, its entries (a singleton's values) in load order, as plain data; empty sections left
    out. Two policies with equal `canonical` text declare the same thing in the same order."""
    out: dict[str, list] = {}
    for source in files:
        for document in source.documents:
            if not isinstance(document, dict):
                out.setdefault("", []).append(_plain(document))
                continue
            for key, value in document.items():
                section = out.setdefault(str(key), [])
                section.extend(_plain(value)) if isinstance(value, list) else section.append(_plain(value))
    return {k: v for k, v in out.items() if v}


def canonical(files: list[SourceFile]) -> str:
    """`policy_data` as JSON text: key order ignored, types kept (`1`, `1.0` and `true` differ)."""
    def keyed(value: Any) -> Any:
        if isinstance(value, dict):
            return {f"{type(k).__name__}:{k}": keyed(v) for k, v in value.items()}
        return [keyed(v) for v in value] if isinstance(value, list) else value
    return json.dumps(keyed(policy_data(files)), sort_keys=True, ensure_ascii=False)


class _NoInverse(Exception):
    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en, self.zh = en, zh


_ABSENT = object()


class _Inverter(_Patcher):
    """Applies a reform and, before each operation, notes what undoes it. The undo of an operation
    is made of operations that apply to the policy just after it."""

    def __init__(self, files: list[SourceFile], reform: Reform):
        super().__init__(files, reform)
        self.undo: list[list[dict]] = []

    def apply(self, op: YMap) -> None:
        prepare = getattr(self, f"undo_{op.get('op')}", None) if op.get("op") in OPS else None
        try:
            after = prepare(op) if prepare is not None else None
        except Exception:  # a malformed operation: applying it gives the located error
            after = None
        super().apply(op)
        try:
            if after is None:
                raise _NoInverse("the operation's effect cannot be traced", "无法追踪该操作的效果")
            undo = after()
        except _NoInverse as why:
            raise ReformError(f"this operation has no exact inverse: {why.en}", f"该操作没有精确的逆操作:{why.zh}",
                              op.span) from None
        note = f"undoes {Path(self.reform.path).name}:{op.span.line}"
        self.undo.append([{**inverse, "note": note} for inverse in undo])

    # -- naming what an operation touched, in the policy after it ------------------------------
    def peek(self, target: Any) -> tuple[str, YMap]:
        return _section_of(target), self.find(YMap(), target)[2]

    def address(self, section: str, entry: YMap) -> str:
        """SECTION/ID when the id names this entry, else SECTION[N]; a singleton by its name."""
        if section in SINGLETONS:
            return section
        entries = self.entries(section)
        ident = entry.get("id")
        if isinstance(ident, str) and "/" not in ident:
            first = next((e for _, _, e in entries if isinstance(e, YMap) and e.get("id") == ident), None)
            if first is entry:
                return f"{section}/{ident}"
        for n, (_, _, e) in enumerate(entries):
            if e is entry:
                return f"{section}[{n}]"
        raise _NoInverse(f"a {section} entry it touched is gone", f"它修改的{section}条目已不存在")

    def list_id(self, decl: YMap) -> str:
        ident = decl.get("id")
        if not isinstance(ident, str) or self.address("lists", decl) != f"lists/{ident}":
            raise _NoInverse("a list it touched has no id of its own", "它修改的清单没有唯一的 id")
        return ident

    def memberships(self, ident: Any) -> list[tuple[YMap, int]]:
        return [(decl, decl["items"].index(ident)) for seq in self.sections("lists") for decl in seq
                if isinstance(decl, YMap) and isinstance(decl.get("items"), YSeq) and ident in decl["items"]]

    def steps(self, entry: YMap, path: str, create: bool) -> tuple[list, Any]:
        """The steps of a dotted path as (mapping, key, list entry or None), and the old value
        (_ABSENT if the field, or a mapping on the way, is missing: then the steps end there)."""
        node, segs, i, steps = entry, path.split("."), 0, []
        while i < len(segs) - 1:
            part, child = segs[i], node.get(segs[i])
            if isinstance(child, YSeq):
                key = segs[i + 1]
                child = next(e for e in child if isinstance(e, YMap) and any(e.get(k) == key for k in NAMING_KEYS))
                steps.append((node, part, child))
                i += 2
            elif isinstance(child, YMap):
                steps.append((node, part, None))
                i += 1
            elif child is None and create:
                steps.append((node, part, None))
                return steps, _ABSENT
            else:
                raise ValueError(path)
            node = child
        steps.append((node, segs[-1], None))
        return steps, _plain(node[segs[-1]]) if segs[-1] in node else _ABSENT

    def render(self, steps: list) -> str:
        parts = []
        for node, key, entry in steps:
            parts.append(key)
            if entry is not None:
                seq = node.get(key)
                for k in NAMING_KEYS:
                    name = entry.get(k)
                    if isinstance(name, str) and "." not in name and isinstance(seq, YSeq) and next(
                            (e for e in seq if isinstance(e, YMap) and any(e.get(j) == name for j in NAMING_KEYS)),
                            None) is entry:
                        parts.append(name)
                        break
                else:
                    raise _NoInverse(f"an entry of {key} it changed can no longer be named", f"它修改的 {key} 条目无法再被指明")
        return ".".join(parts)

    def restore(self, section: str, entry: YMap, path_steps: list, old: Any) -> dict:
        target, path = self.address(section, entry), self.render(path_steps)
        if old is _ABSENT:
            return {"op": "unset", "target": target, "path": path}
        return {"op": "set", "target": target, "path": path, "value": old}

    # -- what undoes each operation (called before it applies; the closure runs after) -----------
    def undo_set(self, op: YMap):
        section, entry = self.peek(op["target"])
        steps, old = self.steps(entry, op["path"], create=True)
        return lambda: [self.restore(section, entry, steps, old)]

    def undo_unset(self, op: YMap):
        section, entry = self.peek(op["target"])
        steps, old = self.steps(entry, op["path"], create=False)
        return lambda: [{"op": "set", "target": self.address(section, entry), "path": self.render(steps), "value": old}]

    def undo_add(self, op: YMap):
        section = op["section"]
        return lambda: [{"op": "remove", "target": self.address(section, self.added)}]

    def undo_remove(self, op: YMap):
        section, entry = self.peek(op["target"])
        at = next(n for n, (_, _, e) in enumerate(self.entries(section)) if e is entry)
        ident = entry.get("id")
        inside = self.memberships(ident) if section == "items" and isinstance(ident, str) else []
        duties = [d for _, _, d in self.entries("duties") if isinstance(d, YMap) and d.get("item") == ident] \
            if section == "items" and isinstance(ident, str) else []
        value = _plain(entry)

        def after() -> list[dict]:
            inverse = {"op": "add", "section": section, "at": at, "value": value}
            if inside:
                inverse["lists"] = [{"list": self.list_id(decl), "at": k} for decl, k in inside]
            if duties:
                inverse["duties"] = [self.address("duties", d).split("/", 1)[-1] for d in duties]
                if any("/" not in self.address("duties", d) for d in duties):
                    raise _NoInverse("a duty naming the item has no id of its own", "指向该事项的职责没有唯一的 id")
            return [inverse]
        return after

    def undo_move(self, op: YMap):
        section, entry = self.peek(op["target"])
        if "tier" not in entry:
            return None
        tier, inside = _plain(entry["tier"]), self.memberships(entry.get("id"))
        entered = self.peek(f"lists/{op['list']}")[1] if op.get("list") is not None else None
        had = _plain(entered["items"]) if entered is not None and "items" in entered else _ABSENT

        def after() -> list[dict]:
            undo = [{"op": "move", "target": self.address(section, entry), "tier": tier,
                     "lists": [{"list": self.list_id(decl), "at": k} for decl, k in inside]}]
            if entered is not None and not isinstance(had, list):  # the move made the list's `items`
                undo.append(self.restore("lists", entered, [(entered, "items", None)], had))
            return undo
        return after

    def undo_grant(self, op: YMap):
        if op.get("into") is None:
            return lambda: [{"op": "remove", "target": self.address("grants", self.added)}]
        section, grant = self.peek(op["into"])
        old = _plain(grant["powers"]) if "powers" in grant else _ABSENT
        return lambda: [self.restore(section, grant, [(grant, "powers", None)], old)]

    def undo_revoke(self, op: YMap):
        kind, ident = self._holder(op, "from")
        powers = set(op["powers"])
        hit = []
        for _, _, grant in self.entries("grants"):
            if isinstance(grant, YMap) and grant.get(kind) == ident and isinstance(grant.get("powers"), YSeq):
                gone = [(k, _plain(p)) for k, p in enumerate(grant["powers"]) if _power_name(p) in powers]
                if gone:
                    hit.append((grant, gone))

        def after() -> list[dict]:
            undo = []
            for grant, gone in hit:
                into = self.address("grants", grant)
                runs: list[list[tuple[int, Any]]] = []
                for k, power in gone:  # consecutive positions go back in one grant
                    if runs and runs[-1][-1][0] == k - 1:
                        runs[-1].append((k, power))
                    else:
                        runs.append([(k, power)])
                undo += [{"op": "grant", "to": {kind: ident}, "powers": [p for _, p in run], "into": into,
                          "at": run[0][0]} for run in runs]
            return undo
        return after

    def undo_transfer(self, op: YMap):
        section, entry = self.peek(op["target"])
        old = _plain(entry["funding"]) if "funding" in entry else _ABSENT
        return lambda: [self.restore(section, entry, [(entry, "funding", None)], old)]

    def undo_add_rules(self, op: YMap):
        section, entry = self.peek(op["target"])
        old = _plain(entry["criteria"]) if "criteria" in entry else _ABSENT

        def after() -> list[dict]:
            if isinstance(old, list):
                return [{"op": "replace_rules", "target": self.address(section, entry), "criteria": old}]
            return [self.restore(section, entry, [(entry, "criteria", None)], old)]
        return after

    undo_replace_rules = undo_add_rules


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """YAML that the loader reads back as written: a string that the YAML 1.2 core schema would read
    as something else ("0o17", "true") is quoted; text of several lines is a literal block."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style = "|" if "\n" in value.strip("\n") else "'" if resolve_plain(value) != "tag:yaml.org,2002:str" else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def inverse_operations(reform: Reform) -> list[dict]:
    """The operations that undo `reform`, as plain data: they apply to the policy the reform makes
    and give back its baseline. Raises ReformError (located at the operation) when an operation
    cannot apply or has no exact inverse."""
    files, _ = _baseline(reform)
    return _invert(reform, files)[0]


def _invert(reform: Reform, files: list[SourceFile]) -> tuple[list[dict], list[SourceFile]]:
    if not files or not files[0].documents or not isinstance(files[0].documents[0], YMap):
        raise ReformError("the baseline has no documents", "基线没有文档", Span(reform.path, 1, 1))
    inverter = _Inverter([SourceFile(f.path, f.text, [_clone(d) for d in f.documents]) for f in files], reform)
    for op in reform.operations:
        inverter.apply(op)
    return [inverse for undo in reversed(inverter.undo) for inverse in undo], inverter.files


def invert(reform: Reform | str | Path, baseline: str | None = None) -> str:
    """The inverse of a reform as the text of a reform file.

    Its `baseline` is `baseline` if given, else the reform file itself (a reform file is a valid
    baseline: it stands for the policy it makes), written as an absolute path; its operations give
    back the reform's own baseline exactly — `canonical` of both is equal, which `invert` checks
    before it returns. Raises ReformError, located in the reform file, for a reform that cannot
    apply or that has no exact inverse (e.g. it adds a second declaration with an id in use).
    """
    if not isinstance(reform, Reform):
        reform = read_reform(reform, _bundled)
    files, _ = _baseline(reform)
    operations, reformed = _invert(reform, files)
    name = reform.name if isinstance(reform.name, dict) else {}
    meta = {"id": f"{reform.id}.inverse",
            "name": {"zh": f"撤销:{name.get('zh') or name.get('en') or reform.id}",
                     "en": f"Undo: {name.get('en') or name.get('zh') or reform.id}"},
            "baseline": baseline if baseline is not None else str(Path(reform.path).resolve())}
    text = ("# The inverse of a reform: applied to the policy that reform makes, it gives back that reform's baseline.\n"
            "# 改革方案的逆:作用于该方案形成的策略,得到该方案的基线。\n"
            + to_yaml({"reform": meta, "operations": operations}))
    where = Path(reform.path).with_name(f"{Path(reform.path).stem}.inverse.yaml")
    source, problems = load_text(str(where), text)
    back = _Patcher([SourceFile(f.path, f.text, [_clone(d) for d in f.documents]) for f in reformed],
                    Reform(str(where), meta["id"], meta["name"], meta["baseline"], [], source))
    span = reform.source.documents[0]["reform"].span
    try:
        if problems:
            raise ReformError(problems[0].code, problems[0].code, problems[0].span)
        for op in source.documents[0]["operations"]:
            back.apply(op)
    except ReformError as error:
        raise ReformError(f"reform '{reform.id}' has no exact inverse: {error.en}",
                          f"改革方案“{reform.id}”没有精确的逆:{error.zh}", span) from None
    if canonical(back.files) != canonical(files):
        raise ReformError(f"reform '{reform.id}' has no exact inverse: undoing it does not give back its baseline",
                          f"改革方案“{reform.id}”没有精确的逆:撤销后无法恢复基线", span)
    return text

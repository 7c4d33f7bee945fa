"""Applying a reform's operations to a copy of its baseline's documents.

Each operation finds what it changes (`find`), claims the place (a second edit of the same place is
an error: the reform would depend on the order of its operations in a way no reader sees), and
edits the positioned nodes; values the reform brings keep their positions in the reform file.
"""

from __future__ import annotations

from typing import cast

from ..messages import Text, msg
from ..source import SourceFile
from ..yamlnodes import YMap, YSeq
from .nodes import clone, power_name, put, seq_of
from .read import COMMON, NAMING_KEYS, OP_KEYS, OPS, SECTIONS, Reform, ReformError, fail, section_of
from .targets import Targets


class Patcher(Targets):
    def __init__(self, files: list[SourceFile], reform: Reform):
        super().__init__(files)
        self.reform = reform
        self.edited: dict[tuple[str, str, str], YMap] = {}
        self.touched: list[tuple[str, str, Text]] = []  # (op, target, detail), as `Applied` reports them
        self.added: YMap | None = None  # the declaration the last add or grant brought

    def claim(self, op: YMap, target: str, place: str) -> None:
        key = (target, place, "")
        if key in self.edited:
            first = self.edited[key]
            raise fail(op, "reform.conflict", target=target, place=place, line=first.span.line)
        self.edited[key] = op

    def apply(self, op: YMap) -> None:
        kind = op.get("op")
        if kind not in OPS:
            raise fail(op, "reform.unknown_op", kind=kind, known=", ".join(OPS))
        allowed = OP_KEYS[kind] | COMMON
        unknown = sorted(k for k in op if k not in allowed)
        if unknown:
            raise ReformError(
                msg("reform.op_unknown_key", key=unknown[0], kind=kind, allowed=", ".join(sorted(allowed))),
                op.key_span(unknown[0]),
            )
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
                child = next(
                    (e for e in child if isinstance(e, YMap) and any(e.get(k) == key for k in NAMING_KEYS)), None
                )
                if child is None or i + 1 == len(segs) - 1:
                    raise fail(op, "reform.no_field_set" if create else "reform.no_field_unset", part=part, key=key)
                i += 2
            else:
                if child is None and create:
                    child = YMap()
                    child.file, child.mark, child.key_marks, child.value_marks = op.file, op.mark, {}, {}
                    put(node, part, child, op)
                elif child is None:
                    raise fail(op, "reform.nothing_to_unset", target=op["target"], path=path)
                elif not isinstance(child, YMap):
                    raise fail(
                        op, "reform.not_mapping_set" if create else "reform.not_mapping_unset", path=path, part=part
                    )
                i += 1
            node = child
        return node, segs[-1]

    def op_set(self, op: YMap) -> None:
        _, _, entry = self.find(op, op.get("target"))
        path = op.get("path")
        if not isinstance(path, str) or "value" not in op:
            raise fail(op, "reform.set_needs")
        self.claim(op, op["target"], path)
        node, key = self.walk(op, entry, path, create=True)
        put(node, key, clone(op["value"]), op)
        self.touched.append(("set", op["target"], msg("reform.did_set", path=path, value=op["value"])))

    def op_unset(self, op: YMap) -> None:
        _, _, entry = self.find(op, op.get("target"))
        path = op.get("path")
        if not isinstance(path, str):
            raise fail(op, "reform.unset_needs")
        self.claim(op, op["target"], path)
        node, key = self.walk(op, entry, path, create=False)
        if key not in node:
            raise fail(op, "reform.nothing_to_unset", target=op["target"], path=path)
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
            raise fail(op, "reform.position_range", key=key, size=size)
        return at

    def placements(self, op: YMap) -> list[tuple[YMap, YMap | None]]:
        """`lists: [ID or {list: ID, at: N}]`: the lists an item enters, each at a position or at the end."""
        lists = op.get("lists")
        if not isinstance(lists, YSeq):
            raise fail(op, "reform.lists_form")
        out = []
        for entry in lists:
            ident, at = (
                (entry, None)
                if isinstance(entry, str)
                else (
                    (entry.get("list"), entry)
                    if isinstance(entry, YMap) and set(entry) <= {"list", "at"}
                    else (None, None)
                )
            )
            if not isinstance(ident, str):
                raise fail(op, "reform.lists_form")
            out.append((self.find(op, f"lists/{ident}")[2], at))
        return out

    def enter(self, op: YMap, ident: object, lst: YMap, at: YMap | None) -> None:
        """Put an item into a list at a position (default: the end), unless it is in it already."""
        items = lst.get("items")
        if not isinstance(items, YSeq):
            items = seq_of([], op)
            put(lst, "items", items, op)
        if ident in items:
            return
        k = len(items) if at is None else self.position(at, "at", len(items))
        k = len(items) if k is None else k
        items.insert(k, ident)
        items.marks.insert(k, op.mark)

    def op_add(self, op: YMap) -> None:
        section, value = op.get("section"), op.get("value")
        if section not in SECTIONS or not isinstance(value, YMap):
            raise fail(op, "reform.add_needs")
        at = self.position(op, "at", len(self.entries(section)))
        lists, duties = op.get("lists"), op.get("duties")
        if (lists is not None or duties is not None) and section != "items":
            raise fail(op, "reform.lists_duties_item_only")
        places = self.placements(op) if lists is not None else []
        if duties is not None and (not isinstance(duties, YSeq) or not all(isinstance(d, str) for d in duties)):
            raise fail(op, "reform.duties_form")
        named = [self.find(op, f"duties/{d}")[2] for d in duties or ()]
        ident = value.get("id")
        if (places or named) and not isinstance(ident, str):
            raise fail(op, "reform.item_needs_id")
        self.op_add_value(section, clone(value), at)
        for lst, where in places:
            self.enter(op, ident, lst, where)
        for duty in named:
            put(duty, "item", ident, op)
        self.touched.append(("add", f"{section}/{value.get('id', '?')}", ""))

    def op_remove(self, op: YMap) -> None:
        target = op.get("target")
        seq, index, entry = self.find(op, target)
        target = cast(str, target)  # `find` has rejected any other target
        self.claim(op, target, "*")
        del seq[index]
        del seq.marks[index]
        ident = entry.get("id")
        if section_of(target) == "items" and isinstance(ident, str):  # a removed item leaves no dangling reference
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
            raise fail(op, "reform.move_needs")
        if op.get("list") is not None and op.get("lists") is not None:
            raise fail(op, "reform.move_list_or_lists")
        _, _, entry = self.find(op, target)
        target = cast(str, target)  # `find` has rejected any other target
        self.claim(op, target, "tier")
        ident = entry.get("id")
        places = self.placements(op) if op.get("lists") is not None else None
        put(entry, "tier", tier, op)
        stay = {op.get("list")} if places is None else {id(lst) for lst, _ in places}
        for seq in self.sections("lists"):  # leave the old lists
            for decl in seq:
                items = decl.get("items") if isinstance(decl, YMap) else None
                if (
                    isinstance(items, YSeq)
                    and ident in items
                    and (decl.get("id") if places is None else id(decl)) not in stay
                ):
                    k = items.index(ident)
                    del items[k]
                    del items.marks[k]
        if op.get("list") is not None:
            _, _, lst = self.find(op, f"lists/{op['list']}")
            self.enter(op, ident, lst, None)
        for lst, where in places or ():
            self.enter(op, ident, lst, where)
        into = op.get("list") or ", ".join(str(lst.get("id")) for lst, _ in places or ())
        self.touched.append(
            (
                "move",
                target,
                msg("reform.did_move_into", tier=tier, into=into) if into else msg("reform.did_move", tier=tier),
            )
        )

    def _holder(self, op: YMap, key: str) -> tuple[str, str]:
        holder = op.get(key)
        if not isinstance(holder, YMap) or len(holder) != 1 or next(iter(holder)) not in ("unit", "tier"):
            raise fail(op, "reform.holder_needs", op=op.get("op"), key=key)
        kind = next(iter(holder))
        return kind, holder[kind]

    def op_grant(self, op: YMap) -> None:
        kind, ident = self._holder(op, "to")
        powers = op.get("powers")
        if not isinstance(powers, YSeq):
            raise fail(op, "reform.grant_needs_powers")
        detail = ", ".join(
            str(p if isinstance(p, str) else p.get("power") if isinstance(p, YMap) else p) for p in powers
        )
        if op.get("into") is not None:  # into an existing grant declaration, at a position of its powers
            into = op["into"]
            if not isinstance(into, str) or section_of(into) != "grants":
                raise fail(op, "reform.into_form")
            _, _, grant = self.find(op, into)
            if grant.get(kind) != ident:
                raise fail(op, "reform.into_holder", into=into, kind=kind, ident=ident)
            held = grant.get("powers")
            if held is None:
                held = seq_of([], op)
                put(grant, "powers", held, op)
            elif not isinstance(held, YSeq):
                raise fail(op, "reform.into_powers", into=into)
            at = self.position(op, "at", len(held))
            at = len(held) if at is None else at
            for k, power in enumerate(powers):
                held.insert(at + k, clone(power))
                held.marks.insert(at + k, powers.marks[k])
            self.touched.append(("grant", f"{kind}/{ident}", detail))
            return
        if op.get("at") is not None:
            raise fail(op, "reform.at_needs_into")
        grant = YMap({kind: ident, "powers": clone(powers)})
        grant.file, grant.mark = op.file, op.mark
        grant.key_marks = {kind: op.mark, "powers": powers.mark}
        grant.value_marks = {kind: op.mark, "powers": powers.mark}
        if isinstance(op.get("source"), (str, YMap)):
            grant["source"] = clone(op["source"])
        self.op_add_value("grants", grant)
        self.touched.append(("grant", f"{kind}/{ident}", detail))

    def op_add_value(self, section: str, value: YMap, at: int | None = None) -> None:
        """Put a declaration into a section: at position `at` of the section in load order, or by
        default at the end of the section's first list; the first document gains the section when
        the baseline has none."""
        self.added = value
        seqs = self.sections(section)
        if not seqs:
            put(self.files[0].documents[0], section, seq_of([value], value), value)
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
            raise fail(op, "reform.revoke_needs")
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
                    if power_name(held[k]) in powers:
                        del held[k]
                        del held.marks[k]
                        removed = True
        if not removed:
            raise fail(op, "reform.revoke_nothing", kind=kind, ident=ident, powers=sorted(powers))
        self.touched.append(("revoke", f"{kind}/{ident}", ", ".join(sorted(powers))))

    def op_transfer(self, op: YMap) -> None:
        target = op.get("target")
        _, _, entry = self.find(op, target)
        target = cast(str, target)  # `find` has rejected any other target
        self.claim(op, target, "funding")
        funding = entry.get("funding")
        if not isinstance(funding, YMap):
            funding = YMap()
            funding.file, funding.mark, funding.key_marks, funding.value_marks = op.file, op.mark, {}, {}
            put(entry, "funding", funding, op)
        for key, field_name in (("money", "money_yuan_per_year"), ("people", "people")):
            if key in op:
                put(funding, field_name, (funding.get(field_name) or 0) + op[key], op)
        if isinstance(op.get("powers"), YSeq):
            current = list(funding.get("powers") or ())
            merged = current + [p for p in op["powers"] if p not in current]
            put(funding, "powers", seq_of(merged, op), op)
        self.touched.append(
            ("transfer", target, ", ".join(f"{k}={op[k]}" for k in ("money", "people", "powers") if k in op))
        )

    def _rules(self, op: YMap, replace: bool) -> None:
        target = op.get("target")
        criteria = op.get("criteria")
        if not isinstance(criteria, YSeq):
            raise fail(op, "reform.rules_needs", op=op.get("op"))
        _, _, entry = self.find(op, target)
        target = cast(str, target)  # `find` has rejected any other target
        self.claim(op, target, "criteria")
        current = entry.get("criteria") if not replace else None
        merged = clone(current) if isinstance(current, YSeq) else seq_of([], op)
        for k, rule in enumerate(criteria):
            merged.append(rule)
            merged.marks.append(criteria.marks[k])
        put(entry, "criteria", merged, op)
        self.touched.append((op["op"], target, msg("reform.did_rules", count=len(criteria))))

    def op_add_rules(self, op: YMap) -> None:
        self._rules(op, replace=False)

    def op_replace_rules(self, op: YMap) -> None:
        self._rules(op, replace=True)

"""Applying a reform's operations to a copy of its baseline's documents.

Each operation is checked for form (`operands.check`), finds what it changes (`find`), claims the
place (a second edit of the same place is an error: the reform would depend on the order of its
operations in a way no reader sees), and edits the positioned nodes, keeping the index of
declarations (`index.py`) up to date. Values the reform brings keep their positions in the reform
file; an error is located at the value that causes it.
"""

from __future__ import annotations

from ..messages import Joined, Listed, Text, msg
from ..source import SourceFile
from ..yamlnodes import YMap, YSeq
from .nodes import Where, at_item, at_value, clone, delete, drop, insert, new_map, new_seq, power_name, put, remove_all
from .operands import check
from .read import NAMING_KEYS, SECTIONS, Reform, ReformError, fail, section_of
from .targets import Targets, did_you_mean

Place = tuple[YMap, YMap | None, Where]  # a list an item enters, the mapping giving its `at`, where it is named


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
        getattr(self, f"op_{check(op)}")(op)

    def refuse(self, target: str, node: YMap, key: str, expected: str, within: str = "") -> ReformError:
        """A baseline value of the wrong form for the operation: an error at that value."""
        field = f"{within}.{key}" if within else key
        return ReformError(
            msg("reform.field_form", target=target, field=field, expected=msg(expected)), node.value_span(key)
        )

    # -- set and unset ----------------------------------------------------------------------------
    def walk(self, op: YMap, entry: YMap, path: str, create: bool) -> tuple[YMap, str]:
        """Follow a dotted path to the mapping that holds its last field; a list entry on the way is
        named by its `id`, `metric`, `when` or `from`. With `create`, missing mappings are made."""
        node, segs, i, at = entry, path.split("."), 0, op.value_span("path")
        while i < len(segs) - 1:
            part, child = segs[i], node.get(segs[i])
            if isinstance(child, YSeq):  # quotas.events_reported.add: a list entry named by its key
                key = segs[i + 1]
                child = next(
                    (e for e in child if isinstance(e, YMap) and any(e.get(k) == key for k in NAMING_KEYS)), None
                )
                if child is None or i + 1 == len(segs) - 1:
                    raise ReformError(
                        msg("reform.no_field_set" if create else "reform.no_field_unset", part=part, key=key), at
                    )
                i += 2
            else:
                if child is None and create:
                    child = new_map(at_value(op, "path"))
                    put(node, part, child, at_value(op, "path"))
                elif child is None:
                    raise ReformError(msg("reform.nothing_to_unset", target=op["target"], path=path), at)
                elif not isinstance(child, YMap):
                    key = "reform.not_mapping_set" if create else "reform.not_mapping_unset"
                    raise ReformError(msg(key, path=path, part=part), at)
                i += 1
            node = child
        return node, segs[-1]

    def op_set(self, op: YMap) -> None:
        target, path = op["target"], op["path"]
        entry = self.find(op, target)
        self.claim(op, target, path)
        with self.index.editing(section_of(target), entry, path.split(".")[0]):
            node, key = self.walk(op, entry, path, create=True)
            put(node, key, clone(op["value"]), at_value(op, "value"), at_value(op, "path"))
        self.touched.append(("set", target, msg("reform.did_set", path=path, value=op["value"])))

    def op_unset(self, op: YMap) -> None:
        target, path = op["target"], op["path"]
        entry = self.find(op, target)
        self.claim(op, target, path)
        with self.index.editing(section_of(target), entry, path.split(".")[0]):
            node, key = self.walk(op, entry, path, create=False)
            if key not in node:
                raise ReformError(msg("reform.nothing_to_unset", target=target, path=path), op.value_span("path"))
            drop(node, key)
        self.touched.append(("unset", target, path))

    # -- declarations in and out of sections and lists --------------------------------------------
    def position(self, op: YMap, key: str, size: int) -> int | None:
        """The optional position `key` of an operation (or of a `{list: ID, at: N}`): 0 to `size`."""
        at = op.get(key)
        if at is None:
            return None
        if not 0 <= at <= size:
            raise ReformError(msg("reform.position_range", key=key, size=size), op.value_span(key))
        return int(at)

    def placements(self, op: YMap) -> list[Place]:
        """`lists: [ID or {list: ID, at: N}]`: the lists an item enters, each at a position or at the end."""
        lists: YSeq = op["lists"]
        out = []
        for k, entry in enumerate(lists):
            ident, at = (entry, None) if isinstance(entry, str) else (entry["list"], entry)
            out.append((self.find(op, f"lists/{ident}", lists.item_span(k)), at, at_item(lists, k)))
        return out

    def enter(self, lst: YMap, ident: str, at: YMap | None, where: Where) -> None:
        """Put an item into a list at a position (default: the end), unless it is in it already."""
        items = lst.get("items")
        if items is None:
            items = new_seq([], where)
            with self.index.editing("lists", lst, "items"):
                put(lst, "items", items, where)
        elif not isinstance(items, YSeq):
            raise self.refuse(f"lists/{lst.get('id')}", lst, "items", "reform.got.list")
        if id(lst) in self.index.lists_of.get(ident, {}):
            return
        k = None if at is None else self.position(at, "at", len(items))
        insert(items, len(items) if k is None else k, ident, where)
        self.index.lists_of.setdefault(ident, {})[id(lst)] = lst

    def leave(self, lst: YMap, ident: str) -> None:
        remove_all(lst["items"], ident)
        found = self.index.lists_of[ident]
        del found[id(lst)]
        if not found:
            del self.index.lists_of[ident]

    def op_add(self, op: YMap) -> None:
        section, value = op["section"], op["value"]
        if section not in SECTIONS:
            hint = did_you_mean(section, SECTIONS)
            raise ReformError(
                msg("reform.unknown_section", section=section, known=Listed(tuple(SECTIONS)), hint=hint),
                op.value_span("section"),
            )
        at = self.position(op, "at", self.index.count(section))
        if section != "items" and ("lists" in op or "duties" in op):
            raise ReformError(msg("reform.lists_duties_item_only"), op.key_span("lists" if "lists" in op else "duties"))
        places = self.placements(op) if "lists" in op else []
        duties: YSeq = op.get("duties") or YSeq()
        named = [(self.find(op, f"duties/{d}", duties.item_span(k)), at_item(duties, k)) for k, d in enumerate(duties)]
        ident = value.get("id")
        if (places or named) and not isinstance(ident, str):
            raise ReformError(msg("reform.item_needs_id"), op.value_span("value"))
        self.add_value(section, clone(value), at)
        for lst, where_at, where in places:
            self.enter(lst, str(ident), where_at, where)
        for duty, where in named:
            with self.index.editing("duties", duty, "item"):
                put(duty, "item", ident, where)
        self.touched.append(("add", f"{section}/{value.get('id', '?')}", ""))

    def add_value(self, section: str, value: YMap, at: int | None = None) -> None:
        """Put a declaration into a section: at position `at` of the section in load order, or by
        default at the end of the section's first list; the first document gains the section when
        the baseline has none."""
        self.added = value
        where = (value.file, value.mark)
        seqs = self.sections(section)
        if not seqs:
            made = new_seq([value], where)
            put(self.files[0].documents[0], section, made, where)
            self.index.new_section(section, made)
            return
        place = self.index.nth(section, at) if at is not None else None
        if place is None:  # the end: of the section's last list for a position, else of its first
            seq = seqs[-1] if at is not None else seqs[0]
            place = (seq, len(seq))
        self.index.insert(section, *place, value, where)

    def op_remove(self, op: YMap) -> None:
        target = op["target"]
        entry, section = self.find(op, target), section_of(target)
        self.claim(op, target, "*")
        self.index.remove(section, entry)
        ident = entry.get("id")
        if section == "items" and isinstance(ident, str):  # a removed item leaves no dangling reference
            for lst in list(self.index.lists_of.get(ident, {}).values()):
                self.leave(lst, ident)
            for duty in list(self.index.duties_of.get(ident, {}).values()):
                with self.index.editing("duties", duty, "item"):
                    drop(duty, "item")
        self.touched.append(("remove", target, ""))

    def op_move(self, op: YMap) -> None:
        target, tier = op["target"], op["tier"]
        if "list" in op and "lists" in op:
            raise ReformError(msg("reform.move_list_or_lists"), op.key_span("lists"))
        entry, section = self.find(op, target), section_of(target)
        self.claim(op, target, "tier")
        ident = entry.get("id")
        places = self.placements(op) if "lists" in op else []
        if "list" in op:
            places = [(self.find(op, f"lists/{op['list']}", op.value_span("list")), None, at_value(op, "list"))]
        if places and not isinstance(ident, str):
            raise ReformError(msg("reform.item_needs_id"), op.value_span("target"))
        with self.index.editing(section, entry, "tier"):
            put(entry, "tier", tier, at_value(op, "tier"))
        if isinstance(ident, str):  # leave the old lists
            stay = {id(lst) for lst, _, _ in places}
            for lst in list(self.index.lists_of.get(ident, {}).values()):
                if id(lst) not in stay:
                    self.leave(lst, ident)
            for lst, at, where in places:
                self.enter(lst, ident, at, where)
        into = op.get("list") or (Listed(tuple(str(lst.get("id")) for lst, _, _ in places)) if places else None)
        detail = msg("reform.did_move_into", tier=tier, into=into) if into else msg("reform.did_move", tier=tier)
        self.touched.append(("move", target, detail))

    # -- powers, funding, rules -------------------------------------------------------------------
    def op_grant(self, op: YMap) -> None:
        holder: YMap = op["to"]
        kind, ident = next(iter(holder.items()))
        powers: YSeq = op["powers"]
        detail = msg("reform.did_powers", powers=Listed(tuple(str(power_name(p)) for p in powers)))
        if "into" in op:  # into an existing grant declaration, at a position of its powers
            self.grant_into(op, kind, ident)
        else:
            if "at" in op:
                raise ReformError(msg("reform.at_needs_into"), op.key_span("at"))
            grant = new_map((op.file, op.mark))
            put(grant, kind, ident, at_value(holder, kind))
            put(grant, "powers", clone(powers), at_value(op, "powers"))
            if isinstance(op.get("source"), (str, YMap)):
                put(grant, "source", clone(op["source"]), at_value(op, "source"))
            self.add_value("grants", grant)
        self.touched.append(("grant", f"{kind}/{ident}", detail))

    def grant_into(self, op: YMap, kind: str, ident: str) -> None:
        into, powers = op["into"], op["powers"]
        if section_of(into) != "grants":
            raise ReformError(msg("reform.into_form"), op.value_span("into"))
        grant = self.find(op, into, op.value_span("into"))
        if grant.get(kind) != ident:
            raise ReformError(msg("reform.into_holder", into=into, kind=kind, ident=ident), op.value_span("into"))
        held = grant.get("powers")
        if held is None:
            held = new_seq([], at_value(op, "powers"))
            put(grant, "powers", held, at_value(op, "powers"))
        elif not isinstance(held, YSeq):
            raise self.refuse(into, grant, "powers", "reform.got.list")
        at = self.position(op, "at", len(held))
        at = len(held) if at is None else at
        for k, power in enumerate(powers):
            insert(held, at + k, clone(power), at_item(powers, k))

    def op_revoke(self, op: YMap) -> None:
        kind, ident = next(iter(op["from"].items()))
        powers = set(op["powers"])
        removed = False
        for grant in list(self.index.grants_to.get((kind, ident), {}).values()):
            held = grant.get("powers")
            if not isinstance(held, YSeq):
                continue
            for k in reversed(range(len(held))):
                if power_name(held[k]) in powers:
                    delete(held, k)
                    removed = True
        if not removed:
            raise ReformError(
                msg("reform.revoke_nothing", kind=kind, ident=ident, powers=sorted(powers)), op.value_span("powers")
            )
        self.touched.append(
            ("revoke", f"{kind}/{ident}", msg("reform.did_powers", powers=Listed(tuple(sorted(powers)))))
        )

    def op_transfer(self, op: YMap) -> None:
        target = op["target"]
        entry = self.find(op, target)
        self.claim(op, target, "funding")
        funding = entry.get("funding")
        if funding is None:
            funding = new_map((op.file, op.mark))
            put(entry, "funding", funding, (op.file, op.mark))
        elif not isinstance(funding, YMap):
            raise self.refuse(target, entry, "funding", "reform.got.mapping")
        for key, field_name in (("money", "money_yuan_per_year"), ("people", "people")):
            if key in op:
                old = funding.get(field_name)
                if old is not None and (isinstance(old, bool) or not isinstance(old, (int, float))):
                    raise self.refuse(target, funding, field_name, "reform.expect.number", "funding")
                put(funding, field_name, (old or 0) + op[key], at_value(op, key))
        if "powers" in op:
            held = funding.get("powers")
            if held is None:
                held = new_seq([], at_value(op, "powers"))
                put(funding, "powers", held, at_value(op, "powers"))
            elif not isinstance(held, YSeq):
                raise self.refuse(target, funding, "powers", "reform.got.list", "funding")
            for k, power in enumerate(op["powers"]):
                if power not in held:
                    insert(held, len(held), power, at_item(op["powers"], k))
        given = [
            msg("reform.did_transfer.powers", value=Listed(tuple(map(str, op[k]))))
            if k == "powers"
            else msg(f"reform.did_transfer.{k}", value=op[k])
            for k in ("money", "people", "powers")
            if k in op
        ]
        self.touched.append(("transfer", target, Joined(tuple(given))))

    def _rules(self, op: YMap, replace: bool) -> None:
        target, criteria = op["target"], op["criteria"]
        entry = self.find(op, target)
        self.claim(op, target, "criteria")
        current = entry.get("criteria") if not replace else None
        if current is not None and not isinstance(current, YSeq):
            raise self.refuse(target, entry, "criteria", "reform.got.list")
        merged = clone(current) if current is not None else new_seq([], at_value(op, "criteria"))
        for k, rule in enumerate(criteria):
            insert(merged, len(merged), rule, at_item(criteria, k))
        put(entry, "criteria", merged, at_value(op, "criteria"))
        self.touched.append((op["op"], target, msg("reform.did_rules", count=len(criteria))))

    def op_add_rules(self, op: YMap) -> None:
        self._rules(op, replace=False)

    def op_replace_rules(self, op: YMap) -> None:
        self._rules(op, replace=True)

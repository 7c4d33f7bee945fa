"""The inverse of a reform: operations that, applied to the policy the reform makes, give back its
baseline exactly. Each operation's undo is noted before it applies and made of operations that
apply to the policy just after it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from ..loader import load_text
from ..messages import LANGS, msg
from ..messages.catalogue import text
from ..source import SourceFile
from ..span import Span
from ..yamlnodes import YMap, YSeq
from .apply import baseline_of, baseline_problem, bundled, require_documents
from .canonical import canonical, plain
from .dump import to_yaml
from .nodes import clone, power_name
from .patch import Patcher
from .read import NAMING_KEYS, OPS, SINGLETONS, Reform, ReformError, read_reform, section_of


class _NoInverse(Exception):
    """Why an operation has no exact inverse."""

    def __init__(self, key: str, /, **params: object):
        super().__init__(key)
        self.message = msg(key, **params)


_ABSENT = object()

Operation = dict[str, Any]  # an inverse operation as plain data, written out as YAML
Undo = Callable[[], list[Operation]]  # run just after the operation applies: the operations undoing it
Step = tuple[YMap, str, YMap | None]  # a mapping, the key followed in it, the list entry named there


class _Inverter(Patcher):
    """Applies a reform and, before each operation, notes what undoes it. The undo of an operation
    is made of operations that apply to the policy just after it."""

    def __init__(self, files: list[SourceFile], reform: Reform):
        super().__init__(files, reform)
        self.undo: list[list[Operation]] = []

    def apply(self, op: YMap) -> None:
        prepare: Callable[[YMap], Undo | None] | None = (
            getattr(self, f"undo_{op.get('op')}", None) if op.get("op") in OPS else None
        )
        try:
            after = prepare(op) if prepare is not None else None
        except Exception:  # a malformed operation: applying it gives the located error
            after = None
        super().apply(op)
        try:
            if after is None:
                raise _NoInverse("reform.untraceable")
            undo = after()
        except _NoInverse as why:
            raise ReformError(msg("reform.no_inverse_op", why=why.message), op.span) from None
        note = f"undoes {Path(self.reform.path).name}:{op.span.line}"
        self.undo.append([{**inverse, "note": note} for inverse in undo])

    # -- naming what an operation touched, in the policy after it ------------------------------
    def peek(self, op: YMap, target: Any) -> tuple[str, YMap]:
        return section_of(target), self.find(op, target)

    def address(self, section: str, entry: YMap) -> str:
        """SECTION/ID when the id names this entry, else SECTION[N]; a singleton by its name."""
        if section in SINGLETONS:
            return section
        ident = entry.get("id")
        if isinstance(ident, str) and "/" not in ident and self.index.first(section, ident) is entry:
            return f"{section}/{ident}"
        if id(entry) in self.index.home:
            return f"{section}[{self.index.position(section, entry)}]"
        raise _NoInverse("reform.entry_gone", section=section)

    def list_id(self, decl: YMap) -> str:
        ident = decl.get("id")
        if not isinstance(ident, str) or self.address("lists", decl) != f"lists/{ident}":
            raise _NoInverse("reform.list_no_id")
        return ident

    def memberships(self, ident: Any) -> list[tuple[YMap, int]]:
        """The lists that hold an item, in load order, with its position in each."""
        found = self.index.lists_of.get(ident) if isinstance(ident, str) else None
        return [(decl, decl["items"].index(ident)) for decl in self.index.in_order("lists", found)]

    def brought(self) -> YMap:
        """The declaration the operation just applied brought: an add, or a grant not `into` one."""
        return cast(YMap, self.added)  # both set it before they return

    def steps(self, entry: YMap, path: str, create: bool) -> tuple[list[Step], Any]:
        """The steps of a dotted path as (mapping, key, list entry or None), and the old value
        (_ABSENT if the field, or a mapping on the way, is missing: then the steps end there)."""
        node, segs, i = entry, path.split("."), 0
        steps: list[Step] = []
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
        return steps, plain(node[segs[-1]]) if segs[-1] in node else _ABSENT

    def render(self, steps: list[Step]) -> str:
        parts = []
        for node, key, entry in steps:
            parts.append(key)
            if entry is not None:
                seq = node.get(key)
                for k in NAMING_KEYS:
                    name = entry.get(k)
                    if (
                        isinstance(name, str)
                        and "." not in name
                        and isinstance(seq, YSeq)
                        and next(
                            (e for e in seq if isinstance(e, YMap) and any(e.get(j) == name for j in NAMING_KEYS)), None
                        )
                        is entry
                    ):
                        parts.append(name)
                        break
                else:
                    raise _NoInverse("reform.entry_unnamed", key=key)
        return ".".join(parts)

    def restore(self, section: str, entry: YMap, path_steps: list[Step], old: Any) -> Operation:
        target, path = self.address(section, entry), self.render(path_steps)
        if old is _ABSENT:
            return {"op": "unset", "target": target, "path": path}
        return {"op": "set", "target": target, "path": path, "value": old}

    # -- what undoes each operation (called before it applies; the closure runs after) -----------
    def undo_set(self, op: YMap) -> Undo:
        section, entry = self.peek(op, op["target"])
        steps, old = self.steps(entry, op["path"], create=True)
        return lambda: [self.restore(section, entry, steps, old)]

    def undo_unset(self, op: YMap) -> Undo:
        section, entry = self.peek(op, op["target"])
        steps, old = self.steps(entry, op["path"], create=False)
        return lambda: [{"op": "set", "target": self.address(section, entry), "path": self.render(steps), "value": old}]

    def undo_add(self, op: YMap) -> Undo:
        section = op["section"]
        return lambda: [{"op": "remove", "target": self.address(section, self.brought())}]

    def undo_remove(self, op: YMap) -> Undo:
        section, entry = self.peek(op, op["target"])
        at = self.index.position(section, entry)
        ident = entry.get("id")
        named = section == "items" and isinstance(ident, str)
        inside = self.memberships(ident) if named else []
        duties = self.index.in_order("duties", self.index.duties_of.get(str(ident))) if named else []
        value = plain(entry)

        def after() -> list[Operation]:
            inverse: Operation = {"op": "add", "section": section, "at": at, "value": value}
            if inside:
                inverse["lists"] = [{"list": self.list_id(decl), "at": k} for decl, k in inside]
            if duties:
                inverse["duties"] = [self.address("duties", d).split("/", 1)[-1] for d in duties]
                if any("/" not in self.address("duties", d) for d in duties):
                    raise _NoInverse("reform.duty_no_id")
            return [inverse]

        return after

    def undo_move(self, op: YMap) -> Undo | None:
        section, entry = self.peek(op, op["target"])
        if "tier" not in entry:
            return None
        tier, inside = plain(entry["tier"]), self.memberships(entry.get("id"))
        entered = self.peek(op, f"lists/{op['list']}")[1] if op.get("list") is not None else None
        had = plain(entered["items"]) if entered is not None and "items" in entered else _ABSENT

        def after() -> list[Operation]:
            undo: list[Operation] = [
                {
                    "op": "move",
                    "target": self.address(section, entry),
                    "tier": tier,
                    "lists": [{"list": self.list_id(decl), "at": k} for decl, k in inside],
                }
            ]
            if entered is not None and not isinstance(had, list):  # the move made the list's `items`
                undo.append(self.restore("lists", entered, [(entered, "items", None)], had))
            return undo

        return after

    def undo_grant(self, op: YMap) -> Undo:
        if op.get("into") is None:
            return lambda: [{"op": "remove", "target": self.address("grants", self.brought())}]
        section, grant = self.peek(op, op["into"])
        old = plain(grant["powers"]) if "powers" in grant else _ABSENT
        return lambda: [self.restore(section, grant, [(grant, "powers", None)], old)]

    def undo_revoke(self, op: YMap) -> Undo:
        kind, ident = next(iter(op["from"].items()))
        powers = set(op["powers"])
        hit: list[tuple[YMap, list[tuple[int, Any]]]] = []
        for grant in self.index.in_order("grants", self.index.grants_to.get((kind, ident))):
            if isinstance(grant.get("powers"), YSeq):
                gone = [(k, plain(p)) for k, p in enumerate(grant["powers"]) if power_name(p) in powers]
                if gone:
                    hit.append((grant, gone))

        def after() -> list[Operation]:
            undo: list[Operation] = []
            for grant, gone in hit:
                into = self.address("grants", grant)
                runs: list[list[tuple[int, Any]]] = []
                for k, power in gone:  # consecutive positions go back in one grant
                    if runs and runs[-1][-1][0] == k - 1:
                        runs[-1].append((k, power))
                    else:
                        runs.append([(k, power)])
                undo += [
                    {"op": "grant", "to": {kind: ident}, "powers": [p for _, p in run], "into": into, "at": run[0][0]}
                    for run in runs
                ]
            return undo

        return after

    def undo_transfer(self, op: YMap) -> Undo:
        section, entry = self.peek(op, op["target"])
        old = plain(entry["funding"]) if "funding" in entry else _ABSENT
        return lambda: [self.restore(section, entry, [(entry, "funding", None)], old)]

    def undo_add_rules(self, op: YMap) -> Undo:
        section, entry = self.peek(op, op["target"])
        old = plain(entry["criteria"]) if "criteria" in entry else _ABSENT

        def after() -> list[Operation]:
            if isinstance(old, list):
                return [{"op": "replace_rules", "target": self.address(section, entry), "criteria": old}]
            return [self.restore(section, entry, [(entry, "criteria", None)], old)]

        return after

    undo_replace_rules = undo_add_rules


def inverse_operations(reform: Reform) -> list[Operation]:
    """The operations that undo `reform`, as plain data: they apply to the policy the reform makes
    and give back its baseline. Raises ReformError (located at the operation) when an operation
    cannot apply or has no exact inverse."""
    return _invert(reform)[0]


def _invert(reform: Reform) -> tuple[list[Operation], list[SourceFile], list[SourceFile]]:
    """The inverse operations, the policy the reform makes, and its baseline as loaded."""
    base = baseline_of(reform)
    try:
        if not base.sound:  # the baseline does not load as written: its own error is given below
            raise ReformError(msg("reform.baseline_empty"), Span(reform.path, 1, 1))
        require_documents(reform, base.files)
        inverter = _Inverter([SourceFile(f.path, f.text, [clone(d) for d in f.documents]) for f in base.files], reform)
        for op in reform.operations:
            inverter.apply(op)
    except ReformError as error:
        raise (baseline_problem(reform) or error) from None
    return [inverse for undo in reversed(inverter.undo) for inverse in undo], inverter.files, base.files


def invert(reform: Reform | str | Path, baseline: str | None = None) -> str:
    """The inverse of a reform as the text of a reform file.

    Its `baseline` is `baseline` if given, else the reform file itself (a reform file is a valid
    baseline: it stands for the policy it makes), written as an absolute path; its operations give
    back the reform's own baseline exactly — `canonical` of both is equal, which `invert` checks
    before it returns. Raises ReformError, located in the reform file, for a reform that cannot
    apply or that has no exact inverse (e.g. it adds a second declaration with an id in use).
    """
    if not isinstance(reform, Reform):
        reform = read_reform(reform, bundled)
    operations, reformed, files = _invert(reform)
    name = reform.name if isinstance(reform.name, dict) else {}
    # the inverse file is written in both languages at once, as a reform's name is
    meta: dict[str, Any] = {
        "id": f"{reform.id}.inverse",
        "name": {
            "zh": text("reform.undo_name", "zh", name=name.get("zh") or name.get("en") or reform.id),
            "en": text("reform.undo_name", "en", name=name.get("en") or name.get("zh") or reform.id),
        },
        "baseline": baseline if baseline is not None else str(Path(reform.path).resolve()),
    }
    written = "".join(f"# {text('reform.inverse_header', lang)}\n" for lang in LANGS) + to_yaml(
        {"reform": meta, "operations": operations}
    )
    where = Path(reform.path).with_name(f"{Path(reform.path).stem}.inverse.yaml")
    source, problems = load_text(str(where), written)
    back = Patcher(
        [SourceFile(f.path, f.text, [clone(d) for d in f.documents]) for f in reformed],
        Reform(str(where), meta["id"], meta["name"], meta["baseline"], [], source),
    )
    span = reform.source.documents[0]["reform"].span
    try:
        if problems:
            raise ReformError(msg("reform.code_only", code=problems[0].code), problems[0].span)
        for op in source.documents[0]["operations"]:
            back.apply(op)
    except ReformError as error:
        raise ReformError(msg("reform.no_inverse", id=reform.id, why=error.message), span) from None
    if canonical(back.files) != canonical(files):
        raise ReformError(msg("reform.not_restored", id=reform.id), span)
    return written

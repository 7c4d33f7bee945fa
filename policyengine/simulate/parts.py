"""Which part of a reform does what (`--reform-parts`): the reform's operations applied
cumulatively — the first k operations for each k (`ops`), or the first k groups of operations that
change the same kind of thing one after another (`groups`: consecutive operations with the same
`op` on the same section, e.g. the six `transfer items/...` of the admission gate) — each simulated
as a scenario of its own on the same seeds as the baseline and the whole reform.

A part is named by the operations it applies, `<reform id>[1-k]` (1-based, in the reform file's
order); the whole reform is `[1-n]` and keeps its own name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..config import STRUCTURAL, Config
from ..diagnostics import Severity
from ..errors import ConfigError, InputError
from ..lint import analyse, no_cyclic_gc, to_findings
from ..messages import Listed, Term, msg
from ..messages.catalogue import render, text
from ..model import Policy
from ..naming import name_of
from ..reform import Reform, apply_reform, read_reform
from ..vocabulary import SECTION_KINDS

MODES = ("ops", "groups")


@dataclass(frozen=True)
class Part:
    reform: str  # the reform's scenario name
    upto: int  # operations 1..upto are applied
    adds: str  # what this part adds to the one before, e.g. "move items: a, b (2 operations)"
    adds_zh: str = ""  # the same in Chinese, e.g. "move items:a、b(2 个操作)"

    @property
    def name(self) -> str:
        return f"{self.reform}[1-{self.upto}]"


Operation = Mapping[str, Any]  # one operation of a reform file, as read
Names = Mapping[str, Mapping[str, str]]  # kind -> {id: name}, naming.declared_names


def _section(op: Operation) -> str:
    section = op.get("section")
    if op.get("op") in ("add",) and isinstance(section, str):
        return section
    target = op.get("target")
    if isinstance(target, str):
        return target.split("/", 1)[0].split("[", 1)[0]
    return "?"


def _what(op: Operation) -> str:
    target = op.get("target")
    if isinstance(target, str) and "/" in target:
        return target.split("/", 1)[1]
    value = op.get("value")
    ident = value.get("id") if isinstance(value, dict) else None
    if isinstance(ident, str):
        return ident
    return ""


def _describe(ops: list[Operation], lang: str = "en", declared: Names | None = None) -> str:
    """What a group of operations does, e.g. "move item: Production safety, Broken road (2 operations)"
    or, in Chinese, "调整事项:安全生产、道路损坏(2 个操作)": the kind of thing in words, each thing by
    its name in `declared` (naming.declared_names), by its id where it has none."""
    op = str(ops[0].get("op"))
    section = _section(ops[0])
    kind = SECTION_KINDS.get(section)
    names = [name_of(kind, w, declared or {}) if kind else w for w in (_what(op) for op in ops) if w]
    what = Term("term.kind", kind) if kind else section
    head = text("simulate.parts.head", lang, op=Term("reform.op", op), section=what)
    count = text("simulate.parts.count", lang, n=len(ops)) if len(ops) > 1 else ""
    if not names:
        return head + count
    shown = render(Listed(tuple(names[:2])), lang) + (text("simulate.parts.more", lang) if len(names) > 2 else "")
    return text("simulate.parts.names", lang, head=head, names=shown) + count


def split(plan: Reform, name: str, mode: str, declared: Mapping[str, Names] | None = None) -> list[Part]:
    """The cumulative parts of a reform short of the whole (which is its own scenario); `declared`: the
    names of the baseline's and the reform's declarations by language, to say what each part adds."""
    if mode not in MODES:
        raise ConfigError.of("simulate.parts.mode", modes=Listed(MODES))
    ops = list(plan.operations)
    groups: list[list[int]] = []
    for i, op in enumerate(ops):
        same = (
            groups
            and mode == "groups"
            and (op.get("op"), _section(op)) == (ops[groups[-1][-1]].get("op"), _section(ops[groups[-1][-1]]))
        )
        if same:
            groups[-1].append(i)
        else:
            groups.append([i])
    said = {lang: (declared or {}).get(lang) for lang in ("en", "zh")}
    return [
        Part(
            name,
            g[-1] + 1,
            _describe([ops[i] for i in g], "en", said["en"]),
            _describe([ops[i] for i in g], "zh", said["zh"]),
        )
        for g in groups
    ]


def load_part(
    paths: Iterable[str], on: str | None, reform: str, upto: int, resolve_bundled: Callable[[str], str] | None = None
) -> Policy:
    """The policy made by the first `upto` operations of the reform over its baseline (the baseline
    given on the command line wins, as for the whole reform)."""
    plan = read_reform(reform, resolve_bundled)
    given = [str(p) for p in paths]
    if len(given) > 1:  # a reform patches one baseline, as for the whole reform (lint_paths)
        raise InputError.of("reform.one_baseline", count=len(given))
    if given:
        plan.baseline = given[0]
    plan.operations = list(plan.operations)[:upto]
    config = Config(select=frozenset(STRUCTURAL))
    with no_cyclic_gc():
        applied = apply_reform(plan)
        violations = list(applied.violations)
        policy = None
        if not any(v.code == "PE001" for v in violations):
            found, policy, _ = analyse(applied.files, config, on, [applied.reform.source])
            violations.extend(found)
    errors = [f for f in to_findings(violations, config) if f.severity >= Severity.ERROR]
    if errors or policy is None:
        where = msg("simulate.parts.where", reform=reform, upto=upto)
        if not errors:
            raise InputError.of("simulate.parts.no_policy", where=where)
        first = errors[0]
        raise InputError.of("simulate.parts.error", first.span, where=where, message=first.message, code=first.code)
    return policy


__all__ = ["MODES", "Part", "load_part", "split"]

"""Which part of a reform does what (`--reform-parts`): the reform's operations applied
cumulatively — the first k operations for each k (`ops`), or the first k groups of operations that
change the same kind of thing one after another (`groups`: consecutive operations with the same
`op` on the same section, e.g. the six `transfer items/...` of the admission gate) — each simulated
as a scenario of its own on the same seeds as the baseline and the whole reform.

A part is named by the operations it applies, `<reform id>[1-k]` (1-based, in the reform file's
order); the whole reform is `[1-n]` and keeps its own name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..config import STRUCTURAL, Config
from ..diagnostics import Severity
from ..errors import ConfigError, InputError
from ..lint import _no_cyclic_gc, analyse, to_findings
from ..model import Policy
from ..reform import Reform, apply_reform, read_reform

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


def _section(op) -> str:
    if op.get("op") in ("add",) and isinstance(op.get("section"), str):
        return op["section"]
    target = op.get("target")
    if isinstance(target, str):
        return target.split("/", 1)[0].split("[", 1)[0]
    return "?"


def _what(op) -> str:
    target = op.get("target")
    if isinstance(target, str) and "/" in target:
        return target.split("/", 1)[1]
    value = op.get("value")
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    return ""


OPS_ZH = {"set": "设置", "add": "新增", "remove": "删除", "move": "移动", "grant": "授予", "revoke": "收回",
          "transfer": "转移", "add_rules": "新增规则", "replace_rules": "替换规则", "unset": "取消设置"}


def _describe(ops: list, lang: str = "en") -> str:
    """What a group of operations does, e.g. "move items: a, b (2 operations)" or, in Chinese,
    "移动 items:a、b(2 个操作)" (the section and the ids are the reform file's own words)."""
    op = str(ops[0].get("op"))
    names = [w for w in (_what(op) for op in ops) if w]
    if lang == "zh":
        head = f"{OPS_ZH.get(op, op)} {_section(ops[0])}"
        shown = "、".join(names[:2]) + ("、……" if len(names) > 2 else "")
        count = f"({len(ops)} 个操作)" if len(ops) > 1 else ""
        return f"{head}:{shown}{count}" if shown else f"{head}{count}"
    head = f"{op} {_section(ops[0])}"
    shown = ", ".join(names[:2]) + (", ..." if len(names) > 2 else "")
    count = f" ({len(ops)} operations)" if len(ops) > 1 else ""
    return f"{head}: {shown}{count}" if shown else f"{head}{count}"


def split(plan: Reform, name: str, mode: str) -> list[Part]:
    """The cumulative parts of a reform short of the whole (which is its own scenario)."""
    if mode not in MODES:
        raise ConfigError(f"--reform-parts must be one of {', '.join(MODES)}",
                          f"--reform-parts 须为 {'、'.join(MODES)} 之一")
    ops = list(plan.operations)
    groups: list[list[int]] = []
    for i, op in enumerate(ops):
        same = groups and mode == "groups" and (op.get("op"), _section(op)) == \
            (ops[groups[-1][-1]].get("op"), _section(ops[groups[-1][-1]]))
        if same:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [Part(name, g[-1] + 1, _describe([ops[i] for i in g]), _describe([ops[i] for i in g], "zh"))
            for g in groups]


def load_part(paths: Iterable[str], on: str | None, reform: str, upto: int,
              resolve_bundled: Callable[[str], str] | None = None) -> Policy:
    """The policy made by the first `upto` operations of the reform over its baseline (the baseline
    given on the command line wins, as for the whole reform)."""
    plan = read_reform(reform, resolve_bundled)
    given = [str(p) for p in paths]
    if len(given) > 1:  # a reform patches one baseline, as for the whole reform (lint_paths)
        raise InputError(f"--reform takes one baseline PATH (a directory or a file), not {len(given)}",
                         f"--reform 只接受一个基线 PATH(目录或文件),而不是 {len(given)} 个")
    if given:
        plan.baseline = given[0]
    plan.operations = list(plan.operations)[:upto]
    config = Config(select=frozenset(STRUCTURAL))
    with _no_cyclic_gc():
        applied = apply_reform(plan)
        violations = list(applied.violations)
        policy = None
        if not any(v.code == "PE001" for v in violations):
            found, policy, _ = analyse(applied.files, config, on, [applied.reform.source])
            violations.extend(found)
    errors = [f for f in to_findings(violations, config) if f.severity >= Severity.ERROR]
    if errors or policy is None:
        first = errors[0] if errors else None
        where = f"{reform}, operations 1-{upto}"
        raise InputError(f"{where}: {first.message} [{first.code}]" if first else f"{where}: no policy",
                         f"{where}:{first.message} [{first.code}]" if first else f"{where}:没有策略",
                         first.span if first else None)
    return policy


__all__ = ["MODES", "Part", "split", "load_part"]

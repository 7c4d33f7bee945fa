"""Compile every rule of a policy once; their syntax and type errors become PE006/PE007."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Subject, Violation
from ..loader import SourceFile
from ..model import Policy
from .ast import Pos
from .compiler import CompiledRule, Compiler
from .locate import locate
from .parser import RuleSyntaxError, parse


@dataclass
class CompiledRules:
    """Admission criteria by procedure id, in declared order; procedures with a broken rule are absent."""

    criteria: dict[str, list[CompiledRule]] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)


def compile_policy_rules(policy: Policy, files: list[SourceFile]) -> CompiledRules:
    lines = {f.path: f.text.splitlines() for f in files}
    out = CompiledRules()
    for adm in policy.admissions.values():
        compiled, broken = [], False
        for index, text in enumerate(adm.criteria):
            start = adm.at("criteria", index)
            where = lines.get(start.file, [])
            subject = Subject("admission", adm.id)
            try:
                clauses = parse(text)
            except RuleSyntaxError as error:
                span = locate(where, start, Pos(error.line, error.column))
                out.violations.append(Violation("PE006", "syntax", span, subject,
                                                {"message": error.message, "message_zh": error.message_zh}))
                broken = True
                continue
            compiler = Compiler("item", f"{adm.id}.criteria[{index}]")
            rule = compiler.rule(clauses)
            for problem in compiler.problems:
                out.violations.append(Violation("PE007", "type", locate(where, start, problem.pos), subject,
                                                {"message": problem.en, "message_zh": problem.zh}))
            broken = broken or bool(compiler.problems)
            compiled.append(rule)
        if not broken:
            out.criteria[adm.id] = compiled
    return out

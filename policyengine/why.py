"""The chain behind a finding (`policyengine why`): from its subject's declaration, through the
declarations and graph queries its check relied on, to what is missing — each step with its position.

A chain is a list of steps, plain data for the formatters (`formatters/why_report.py`; the step's
shape is in `checks/steps.py`). The first step is always the finding's subject. The rest is asked
of the check that made the finding (`Check.explain`): the same check, on the same policy and graph,
with the same thresholds and date, given the violation that is the finding. Nothing here re-decides
a rule or knows what a check looks at.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from .checks import CATALOGUE, EXPLAIN, REGISTRY
from .checks.base import Step
from .checks.context import Context
from .checks.custom import custom_findings
from .checks.steps import KINDS, declaration, name_of, position, step
from .config import STRUCTURAL, Config, is_custom
from .diagnostics import Finding, Violation
from .errors import InputError
from .fingerprint import identity
from .graph import PolicyGraph
from .ids import closest
from .messages import Listed, Quoted
from .result import LintResult
from .rules.check import CompiledRules

VERSION = 1  # of the JSON document (formatters/why_report.py)
FULL_CODES = ("PE101", "PE102", "PE103", "PE104", "PE105", "PE201")  # chains beyond what the message names


def _details(kind: str, decl: Any) -> dict[str, Any]:
    """What the subject step says about a declaration, besides its id and name."""
    if kind == "item":
        return {"item_kind": decl.kind, "category": decl.category, "tier": decl.tier, "role": decl.role}
    if kind == "tier":
        return {"parent": decl.parent, "count": decl.count}
    if kind == "unit":
        return {"tier": decl.tier, "unit_kind": decl.kind, "sent_by": decl.sent_by}
    if kind == "list":
        return {"tier": decl.tier, "list_kind": decl.kind}
    if kind == "admission":
        return {"tier": decl.tier}
    if kind == "assessment":
        return {"assessor": decl.assessor, "assessed": decl.assessed}
    if kind == "duty":
        return {"applies_to": decl.applies_to, "start": decl.start, "end": decl.end}
    return {}


class Explainer:
    """Chains for the findings of one lint result. Builds the graph once and asks each check once,
    on the date and with the configuration the result was linted with (unless given)."""

    def __init__(self, result: LintResult, on: str | None = None, config: Config | None = None):
        self.result = result
        self.policy = result.policy
        self.config = config or result.config or Config()
        self.on = on or result.on or date.today().isoformat()
        self._ctx: Context | None = None
        self._violations: dict[str, list[Violation]] = {}

    @property
    def ctx(self) -> Context:
        """The context the checks ran in."""
        if self._ctx is None:
            assert self.policy is not None  # asked only for a policy that was built
            graph = PolicyGraph(self.policy, self.on)
            self._ctx = Context(
                self.policy, graph, self.config.all_thresholds(), self.result.rules or CompiledRules(), graph.on
            )
        return self._ctx

    def violation(self, finding: Finding) -> Violation | None:
        """The violation the check yields for this finding (None for structural and rule findings,
        or when the check, asked again, does not make it)."""
        if self.policy is None or finding.code in STRUCTURAL or finding.code in ("PE006", "PE007"):
            return None
        if finding.code not in self._violations:
            if finding.code in REGISTRY:
                found = list(REGISTRY[finding.code](self.ctx))
            elif is_custom(finding.code):
                found = [v for v in custom_findings(self.ctx) if v.code == finding.code]
            else:
                found = []
            self._violations[finding.code] = found
        same = [v for v in self._violations[finding.code] if v.subject == finding.subject and v.span == finding.span]
        exact = [v for v in same if identity(v) == finding.identity]
        best = exact or same
        return best[0] if best else None

    def chain(self, finding: Finding) -> list[Step]:
        """The chain behind one finding: its subject first, then the steps its check gives."""
        steps = [self._subject(finding)]
        v = self.violation(finding)
        explain = EXPLAIN.get(finding.code)
        if v is not None and explain is not None:
            steps += explain(self.ctx, v)
        return steps

    def _subject(self, finding: Finding) -> Step:
        kind, ident = finding.subject.kind, finding.subject.id
        decl = declaration(self.policy, kind, ident)
        if decl is None:
            return step("subject", 0, finding.span, kind=kind, id=ident, name=None)
        at = decl.span if decl.span.line > 0 else finding.span
        return step("subject", 0, at, kind=kind, id=ident, name=name_of(decl), **_details(kind, decl))


_LAST: list[tuple[tuple[int, str | None, int], Explainer]] = []  # one: `lint --explain` asks of one result


def explainer(result: LintResult, on: str | None = None, config: Config | None = None) -> Explainer:
    """The explainer for a result (reused while the same result, date and configuration are asked about)."""
    key = (id(result), on, id(config))
    if _LAST and _LAST[0][0] == key and _LAST[0][1].result is result:
        return _LAST[0][1]
    made = Explainer(result, on, config)
    _LAST[:] = [(key, made)]
    return made


def chains(result: LintResult, finding: Finding, on: str | None = None, config: Config | None = None) -> list[Step]:
    """The chain of steps behind `finding`, one of `result.findings`, on the date and with the
    configuration the result was linted with (`on` and `config` override them)."""
    return explainer(result, on, config).chain(finding)


def parse_subject(text: str) -> tuple[str | None, str]:
    """`kind:id` or `id`."""
    kind, sep, ident = text.partition(":")
    if sep and kind in (*KINDS, "file", "document", "section", "workflow", "rule", "problem"):
        return kind, ident
    return None, text


def check_code(code: str) -> str:
    """The code, upper-cased; InputError for a code no check and no custom range has."""
    code = code.upper()
    if code not in CATALOGUE and not is_custom(code):
        raise InputError.of("cli.unknown_code", code=code)
    return code


def select(result: LintResult, code: str, subject: str) -> list[Finding]:
    """The findings of `code` on `subject` (`id` or `kind:id`). Raises InputError, in both languages,
    naming the codes found on that subject or the subjects it may have meant."""
    code = check_code(code)
    kind, ident = parse_subject(subject)
    on_subject = [
        f
        for f in result.findings
        if f.subject.id == subject or (f.subject.id == ident and (kind is None or f.subject.kind == kind))
    ]
    found = [f for f in on_subject if f.code == code]
    if found:
        return found
    if on_subject:
        codes = tuple(sorted({f.code for f in on_subject}))
        raise InputError.of("why.no_code_on_subject", code=code, subject=subject, codes=Listed(codes))
    stopped = tuple(sorted({f.code for f in result.findings if f.code in STRUCTURAL}))
    if stopped and code not in STRUCTURAL:
        raise InputError.of("why.stopped", code=code, subject=subject, codes=Listed(stopped))
    with_code = sorted({f.subject.id for f in result.findings if f.code == code})
    every = sorted({f.subject.id for f in result.findings})
    close = difflib.get_close_matches(ident, with_code, n=3) or difflib.get_close_matches(ident, every, n=3)
    nearest = closest(ident, with_code) or closest(ident, every)  # a Chinese id one character off
    close = close or ([nearest] if nearest else [])
    if close:
        raise InputError.of("why.did_you_mean", subject=subject, close=Quoted(tuple(close)))
    if with_code:
        shown = Listed((*with_code[:5], "…") if len(with_code) > 5 else tuple(with_code))
        raise InputError.of("why.reported_on", code=code, subject=subject, shown=shown)
    raise InputError.of("why.nothing", subject=subject, code=code)


__all__ = [
    "FULL_CODES",
    "VERSION",
    "Explainer",
    "chains",
    "check_code",
    "explainer",
    "parse_subject",
    "position",
    "select",
]

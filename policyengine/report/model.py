"""What the report shows, gathered as plain data: the findings, the authority pyramid, the graph,
the admission decisions, the comparison with a reform and the simulation. Nothing here draws.

The data come from the same functions as `lint`, `admit`, `diff` and `simulate`, so that the
numbers on the page are theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from ..admission import Admissions, decide
from ..config import STRUCTURAL, Config
from ..decisions import Decision
from ..diagnostics import Finding, Severity, Subject
from ..errors import InputError
from ..formatters import admission_report, diff_report
from ..graph import PolicyGraph
from ..lint import lint_paths
from ..messages.core import Text
from ..model import Policy
from ..result import LintResult
from ..vocabulary import DIMENSIONS

RULE_ERRORS = ("PE006", "PE007")
NO_TIER = "—"


class PyramidRow(TypedDict):
    """One tier of the authority pyramid."""

    tier: str
    levels: dict[str, float]  # the level on each dimension
    authority: float  # their mean
    assigned: int  # items assigned to the tier
    stated: int  # items its lists say it bears beyond those
    load: int  # assigned + stated: the responsibility load as PE105 counts it
    share: float  # of the load of every tier
    flagged: bool  # PE105 reports the tier


class DecisionChange(TypedDict):
    """An item whose admission decision the reform changed (None: not decided on that side)."""

    item: str
    before: Decision | None
    after: Decision | None


@dataclass
class Scenario:
    """One policy as judged: the baseline, or the baseline with a reform applied."""

    name: str
    result: LintResult
    on: str
    blocking: tuple[str, ...] = ()  # codes of errors that keep the policy from being judged
    graph: PolicyGraph | None = None
    admissions: Admissions | None = None
    admission_blocking: tuple[str, ...] = ()

    @property
    def policy(self) -> Policy | None:
        return self.result.policy

    def tier_of(self, subject: Subject) -> str:
        """The tier a finding's subject belongs to: an item's assigned tier, a unit's tier, a tier itself."""
        policy = self.policy
        if subject.kind == "tier":
            return subject.id
        if policy is None:
            return NO_TIER
        if subject.kind == "item" and subject.id in policy.items:
            return policy.items[subject.id].tier
        if subject.kind == "unit" and subject.id in policy.units:
            return policy.units[subject.id].tier
        return NO_TIER

    def tiers(self) -> list[str]:
        """Tier ids from the top down (by depth, then as declared)."""
        if self.policy is None:
            return []
        order = list(self.policy.tiers)
        graph = self.graph
        if graph is None:
            return order
        return sorted(order, key=lambda t: (graph.depth(t), order.index(t)))

    def pyramid(self) -> list[PyramidRow]:
        """Per tier, top down: the level on each dimension, the authority (their mean), and the
        responsibility load as PE105 counts it."""
        if self.graph is None:
            return []
        graph = self.graph
        assigned, stated = graph.responsibility_load
        total = sum(assigned.values()) + sum(stated.values())
        flagged = {f.subject.id for f in self.result.findings if f.code == "PE105" and f.subject.kind == "tier"}
        rows: list[PyramidRow] = []
        for t in self.tiers():
            load = assigned.get(t, 0) + stated.get(t, 0)
            rows.append(
                {
                    "tier": t,
                    "levels": {d: graph.level(t, d) or 0.0 for d in DIMENSIONS},
                    "authority": graph.authority.get(t, 0.0),
                    "assigned": assigned.get(t, 0),
                    "stated": stated.get(t, 0),
                    "load": load,
                    "share": load / total if total else 0.0,
                    "flagged": t in flagged,
                }
            )
        return rows

    def admission_document(self) -> dict[str, Any] | None:
        return admission_report.document(self.admissions, self.on) if self.admissions is not None else None


def judge(name: str, result: LintResult, on: str) -> Scenario:
    """A scenario from a full lint: its graph and admission decisions when the errors allow them."""
    codes = sorted({f.code for f in result.findings if f.code in STRUCTURAL and f.severity >= Severity.ERROR})
    scenario = Scenario(name, result, on)
    if codes or result.policy is None:
        scenario.blocking = tuple(codes) or ("PE001",)
        scenario.admission_blocking = scenario.blocking
        return scenario
    scenario.graph = PolicyGraph(result.policy, on)
    rule_codes = sorted({f.code for f in result.findings if f.code in RULE_ERRORS})
    if rule_codes or result.rules is None:
        scenario.admission_blocking = tuple(rule_codes) or ("PE006",)
    else:
        scenario.admissions = decide(result.policy, result.rules, on)
    return scenario


@dataclass
class Comparison:
    """The baseline against the reform, as `diff` computes it, plus the decisions that changed."""

    reform_id: str
    reform_name: dict[str, Any]  # {en, zh}, as the reform file declares it
    per_code: list[tuple[str, int, int]]
    changes: tuple[tuple[str, str, Text], ...]  # what the reform did: (operation, target, detail)
    fixed: list[Finding]
    changed: list[tuple[Finding, Finding]]  # the same finding before and after, with another message
    introduced: list[Finding]
    unchanged: int
    decisions: list[DecisionChange] = field(default_factory=list)


def compare(before: Scenario, after: Scenario, reform_id: str, reform_name: dict[str, Any]) -> Comparison:
    old: dict[str, int] = {}
    new: dict[str, int] = {}
    for f in before.result.findings:
        old[f.code] = old.get(f.code, 0) + 1
    for f in after.result.findings:
        new[f.code] = new.get(f.code, 0) + 1
    per_code = [(c, old.get(c, 0), new.get(c, 0)) for c in sorted(old.keys() | new.keys())]
    diff = diff_report.comparison(before.result, after.result)
    comparison = Comparison(
        reform_id,
        reform_name,
        per_code,
        after.result.changes,
        diff.fixed,
        diff.changed,
        diff.introduced,
        diff.unchanged,
    )
    if before.admissions is not None and after.admissions is not None:
        was = {d.item: d for d in before.admissions.decisions}
        now = {d.item: d for d in after.admissions.decisions}
        for item in sorted(was.keys() | now.keys()):
            a, b = was.get(item), now.get(item)
            if (
                a is not None
                and b is not None
                and (a.decision, a.tier, a.rule, a.reason) == (b.decision, b.tier, b.rule, b.reason)
            ):
                continue
            comparison.decisions.append({"item": item, "before": a, "after": b})
    return comparison


@dataclass
class Report:
    on: str
    lang: str
    main: Scenario  # what the findings table shows: the reform's when there is one
    baseline: Scenario
    reformed: Scenario | None = None
    comparison: Comparison | None = None
    simulation: dict[str, Any] | None = None  # what `simulate` returns
    simulation_skipped: bool = False
    timestamp: str | None = None
    sensitivity: dict[str, Any] | None = None  # a saved sensitivity result, verified (report --sensitivity-from)


def _baseline_of(reform: str, resolve_bundled: Callable[[str], str] | None) -> tuple[list[str], str | None]:
    """The baseline a reform names: (paths to lint, reform to apply) — a baseline may itself be a reform."""
    from ..reform import read_reform

    base = read_reform(reform, resolve_bundled).baseline
    if Path(base).is_file():
        try:
            read_reform(base, resolve_bundled)
        except InputError:
            return [base], None
        return [], base
    return [base], None


def gather(
    paths: Iterable[str],
    on: str,
    lang: str = "en",
    reform: str | None = None,
    resolve_bundled: Callable[[str], str] | None = None,
    simulate: bool = False,
    months: int = 12,
    runs: int = 5,
    seed: int = 0,
    config: Config | None = None,
) -> Report:
    """Everything the page shows, with the findings `lint` gives under `config` (its selection,
    severities and thresholds). Raises InputError for input that cannot be read."""
    paths = [str(p) for p in paths]
    config = config or Config()
    if reform is None:
        result = lint_paths(paths, config, lang, on)
        base = judge("baseline", result, on)
        report = Report(on, lang, base, base)
    else:
        from ..reform import read_reform

        plan = read_reform(reform, resolve_bundled)
        if paths:
            base_paths, base_reform = paths, None
        else:
            base_paths, base_reform = _baseline_of(reform, resolve_bundled)
        before = judge("baseline", lint_paths(base_paths, config, lang, on, base_reform, resolve_bundled), on)
        after = judge(plan.id, lint_paths(paths, config, lang, on, reform, resolve_bundled), on)
        report = Report(on, lang, after, before, after, compare(before, after, plan.id, plan.name))
    if simulate:
        runnable = not report.baseline.blocking and (report.reformed is None or not report.reformed.blocking)
        if not runnable:
            report.simulation_skipped = True
        else:
            from ..simulate.runs import simulate as run_simulation

            sim_paths = paths or (_baseline_of(reform, resolve_bundled)[0] if reform else [])
            report.simulation = run_simulation(
                sim_paths,
                [reform] if reform else [],
                months,
                runs,
                seed,
                on,
                resolve_bundled=resolve_bundled,
                max_coverage=config.thresholds_of("PE101")["max_co_handler_coverage"],
            )
    return report

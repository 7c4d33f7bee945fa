"""The scenarios of a simulation: the baseline, each reform over it, and each reform's parts short
of the whole (`--reform-parts`), read and linted before anything runs; and, once they have run, the
parts' entries of the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..config import STRUCTURAL, Config
from ..diagnostics import Severity
from ..errors import InputError
from ..lint import lint_paths
from ..messages import Bilingual
from ..model import Policy
from ..naming import declared_names
from ..reform import Reform, read_reform
from .parts import Part, load_part, split
from .world import World


def load_policy(
    paths: Iterable[str], on: str | None, reform: str | None = None, resolve_bundled: Callable[[str], str] | None = None
) -> Policy:
    """The policy (or the reform over its baseline); a structural error is a located InputError."""
    config = Config(select=frozenset(STRUCTURAL))
    result = lint_paths(list(paths), config, "en", on, reform, resolve_bundled)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR]
    if errors or result.policy is None:
        if not errors:
            raise InputError.of("simulate.no_policy")
        first = errors[0]
        # the same finding in Chinese: lint again in that language (only on this error path)
        again = lint_paths(list(paths), config, "zh", on, reform, resolve_bundled)
        same = [
            f for f in again.findings if f.severity >= Severity.ERROR and f.code == first.code and f.span == first.span
        ] or [first]
        raise InputError.of(
            "simulate.finding", first.span, message=Bilingual(first.message, same[0].message), code=first.code
        )
    return result.policy


@dataclass
class Scenarios:
    """The policies to simulate: the baseline, each reform (named, with its plan), and each reform's
    parts short of the whole when asked (a part that is not a valid policy is kept with the reason)."""

    baseline: Policy
    names: list[str]
    policies: list[Policy]
    plans: list[tuple[str, Reform, str]]  # (reform file, plan, scenario name)
    parts: list[tuple[int, Part, Policy | None, tuple[str, str] | None]]  # (reform index, part, policy, why not)

    def titles(self) -> dict[str, dict[str, str | None]]:
        """Each reform's declared name by scenario, {"en": ..., "zh": ...}: tables and sentences name a
        reform by it (simulate.report.scenario_name)."""
        return {
            name: {lang: str(plan.name[lang]) if plan.name.get(lang) else None for lang in ("en", "zh")}
            for _, plan, name in self.plans
        }

    def declared(self, s: int) -> dict[str, dict[str, dict[str, str]]]:
        """lang -> the names (naming.declared_names) of the baseline's and reform `s`'s declarations
        (1-based, as `parts`), the reform's over the baseline's: what a part adds is said by them."""
        out: dict[str, dict[str, dict[str, str]]] = {}
        for lang in ("en", "zh"):
            names = declared_names(self.baseline, lang)
            for kind, found in declared_names(self.policies[s], lang).items():
                names[kind] = {**names.get(kind, {}), **found}
            out[lang] = names
        return out


def load_scenarios(
    paths: list[str],
    reforms: list[str],
    on: str | None,
    resolve_bundled: Callable[[str], str] | None,
    reform_parts: str | None,
) -> Scenarios:
    """Every scenario read and linted; a structural error in the baseline or a reform is an InputError."""
    baseline = load_policy(paths, on)
    found = Scenarios(baseline, ["baseline"], [baseline], [], [])
    for reform in reforms:
        plan = read_reform(reform, resolve_bundled)
        found.names.append(plan.id if plan.id not in found.names else f"{plan.id}#{len(found.names)}")
        found.policies.append(load_policy(paths, on, reform, resolve_bundled))
        found.plans.append((reform, plan, found.names[-1]))
    if reform_parts:
        for s, (reform, plan, name) in enumerate(found.plans, 1):
            for part in split(plan, name, reform_parts, found.declared(s))[:-1]:
                try:
                    found.parts.append((s, part, load_part(paths, on, reform, part.upto, resolve_bundled), None))
                except InputError as error:  # a state short of the whole reform need not be a valid policy
                    found.parts.append((s, part, None, (error.render("en"), error.render("zh"))))
    return found


def parts_of(
    found: Scenarios,
    part_worlds: list[World | None],
    scenarios: dict[str, Any],
    mode: str,
    summary: Callable[[World], dict[str, Any]],
) -> dict[str, list[dict[str, Any]]]:
    """Per reform, each cumulative part (what it adds, its metrics or why it was skipped), then the whole."""
    out: dict[str, list[dict[str, Any]]] = {}
    for s, (_, plan, name) in enumerate(found.plans, 1):
        entries: list[dict[str, Any]] = []
        for (t, part, _, why), world in zip(found.parts, part_worlds, strict=True):
            if t != s:
                continue
            entry: dict[str, Any] = {
                "scenario": part.name,
                "operations": [1, part.upto],
                "adds": part.adds,
                "adds_zh": part.adds_zh,
            }
            entries.append(
                {**entry, **summary(world)}
                if world is not None
                else {**entry, "skipped": why[0] if why else "", "skipped_zh": why[1] if why else ""}
            )
        whole = split(plan, name, mode, found.declared(s))[-1] if plan.operations else None
        if whole is not None:
            entries.append(
                {
                    "scenario": name,
                    "operations": [1, whole.upto],
                    "adds": whole.adds,
                    "adds_zh": whole.adds_zh,
                    **scenarios[name],
                }
            )
        out[name] = entries
    return out


__all__ = ["Scenarios", "load_policy", "load_scenarios", "parts_of"]

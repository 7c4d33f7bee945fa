"""The lint pipeline: files -> loader -> schema -> build -> graph -> checks -> findings.

Structural errors (PE001-PE005) stop the semantic checks, as a compiler stops after its front
end: the checks would otherwise reason about a policy that is not the one written.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import cast

from . import suppressions
from .build import build
from .cellrefs import with_cells
from .checks import CATALOGUE, REGISTRY
from .checks.context import Context
from .checks.custom import custom_findings
from .config import STRUCTURAL, Config
from .diagnostics import Finding, Violation
from .errors import InputError
from .fingerprint import identity
from .graph import PolicyGraph
from .loader import load_paths
from .messages.catalogue import render
from .messages.core import Message, Text
from .model import Policy
from .naming import declared_names, named
from .reform import apply_reform, read_reform
from .result import LintResult
from .rules.check import CompiledRules, compile_policy_rules
from .schema import validate
from .source import SourceFile


def analyse(
    files: list[SourceFile], config: Config, on: str | None = None, shown: Sequence[SourceFile] = ()
) -> tuple[list[Violation], Policy | None, CompiledRules | None]:
    """`shown` are files whose text positions may be pointed at but that hold no policy (a reform)."""
    violations: list[Violation] = []
    invalid: set[tuple[int, str, int | None]] = set()  # (document, section, entry) the schema refused
    for source in files:
        for number, document in enumerate(source.documents):
            found, bad = validate(document, source.start(number))
            violations.extend(found)
            invalid.update((id(document), section, index) for section, index in bad)
    built = build(files, invalid)
    violations.extend(built.violations)
    policy = built.policy
    if policy is None or any(v.code in STRUCTURAL for v in violations):
        return violations, policy, None
    rules = compile_policy_rules(policy, [*files, *shown])
    violations.extend(rules.violations)
    graph = PolicyGraph(policy, on)
    ctx = Context(policy, graph, config.all_thresholds(), rules, graph.on)
    for code, check in REGISTRY.items():
        if config.enabled(code):
            violations.extend(check(ctx))
    violations.extend(v for v in custom_findings(ctx) if config.enabled(v.code))
    return violations, policy, rules


# findings about the text as written (it does not parse, breaks the schema, repeats an id, a rule or a
# suppression is malformed) show ids as written: what the designer types. (PE004 names what it can and keeps
# the misspelt reference and its did-you-mean as written: naming.VERBATIM.)
AS_WRITTEN = frozenset({"PE001", "PE002", "PE003", "PE006", "PE007", "PE008", "PE009"})


def _named(v: Violation, names: Mapping[str, Mapping[str, str]] | None, lang: str) -> Message:
    """The violation's message with declared things by their names in `lang`, unless it speaks of the text
    as written."""
    if not names or v.code in AS_WRITTEN:
        return v.message()
    return cast(Message, named(v.message(), names, bare=lang == "zh"))


def to_findings(
    violations: Iterable[Violation],
    config: Config,
    lang: str = "en",
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Finding]:
    """The findings in `lang`; with `names` (naming.declared_names), ids given by their names in `lang`.
    The Chinese templates name tiers without quotation marks, so there an unnamed tier's id is quoted."""
    findings = [
        Finding(
            v.code,
            CATALOGUE[v.code].name,
            config.severity_of(v.code),
            render(_named(v, names, lang), lang),
            v.span,
            v.subject,
            identity(v),
        )
        if v.code in CATALOGUE
        else Finding(
            v.code,
            v.params["rule"],
            config.severity_of(v.code, v.params["severity"]),
            v.params["message"],
            v.span,
            v.subject,
            identity(v),
        )  # a custom check: its rule names it and says its severity and message
        for v in violations
        if config.enabled(v.code)
    ]
    return sorted(set(findings), key=Finding.sort_key)


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    lang: str = "en",
    on: str | None = None,
    reform: str | os.PathLike[str] | None = None,
    resolve_bundled: Callable[[str], str] | None = None,
) -> LintResult:
    """Lint the policy made of every file under `paths` — or, with `reform`, the reform's baseline
    with the reform applied — with grants in force on date `on` (YYYY-MM-DD, default today).
    Raises InputError for unreadable input or a reform that cannot apply."""
    config = config or Config()
    with no_cyclic_gc():
        changes: tuple[tuple[str, str, Text], ...] = ()
        if reform is not None:
            plan = read_reform(Path(reform), resolve_bundled)  # it takes a str or a Path, and makes a Path of both
            given = [str(p) for p in paths]
            if len(given) > 1:  # a reform patches one baseline: never some of the paths, silently
                raise InputError.of("reform.one_baseline", count=len(given))
            if given:  # a baseline named on the command line wins over the reform's own
                plan.baseline = given[0]
            applied = apply_reform(plan)
            files, violations, shown = applied.files, list(applied.violations), [applied.reform.source]
            changes = tuple(applied.touched)
        else:
            loaded = load_paths(paths)
            files, violations, shown = loaded.files, list(loaded.violations), []
        policy = rules = None
        if not any(v.code == "PE001" for v in violations):
            found, policy, rules = analyse(files, config, on, shown)
            # a value the loader already refused (`.nan`, `!!int x`) is not reported again by the schema
            refused = {v.span for v in violations if v.code == "PE002"}
            violations.extend(v for v in found if not (v.code == "PE002" and v.span in refused))
        names = declared_names(policy, lang) if policy is not None else None
        findings = to_findings(violations, config, lang, names)
        # a silent suppression proves nothing when structural errors stopped the checks
        complete = not any(v.code in STRUCTURAL for v in violations)
        findings, problems, silenced = suppressions.apply(
            findings, ((f.path, f.text) for f in files + shown), config, complete
        )
        if problems:
            findings = sorted({*findings, *to_findings(problems, config, lang)}, key=Finding.sort_key)
        if policy is not None:
            findings = with_cells(findings, policy)
        return LintResult(
            findings, files + shown, policy, rules, changes, silenced, on=on or date.today().isoformat(), config=config
        )


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic containers are made: its
    repeated full passes over them would make a large policy's lint grow faster than linearly."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

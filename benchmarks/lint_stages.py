"""Where `lint_paths`' time goes: its stages run one after another with the pipeline's own functions.

Used by bench_lint.py (`--stages`). The stages are those of `policyengine.lint.lint_paths` and
`analyse`, called the same way and with the cyclic garbage collector paused as `lint_paths` pauses
it; `format` is the text format, what `policyengine lint` prints. If lint.py changes its pipeline,
change this list with it: the script prints the stages' sum beside a whole lint so that a drift
shows.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAGES = (
    ("read", "find the files, read their bytes, decode UTF-8 (loader.discover, loader.read_source)"),
    ("parse", "libyaml's events into position-keeping data (loader.load_text)"),
    ("schema", "JSON Schema validation of every document (schema.validate)"),
    ("build", "declarations into the Policy model (build.build)"),
    ("rules", "compile admission criteria and custom checks (rules.check.compile_policy_rules)"),
    ("graph", "the responsibility graph (graph.PolicyGraph)"),
    ("checks", "every check's find(), and the custom checks (checks.REGISTRY, checks.custom)"),
    ("findings", "messages rendered, fingerprints, sorted; suppression comments (lint.to_findings, suppressions)"),
    ("format", "the text format (formatters.text.render)"),
)


class Clock:
    """Wall and CPU seconds of each stage, in the order run."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def run(self, name: str, fn: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        value = fn()
        self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu
        return value


def staged_lint(policy_dir: Path) -> tuple[Clock, int]:
    """One lint of `policy_dir`, stage by stage; the clock and the number of findings."""
    from policyengine import suppressions
    from policyengine.build import build
    from policyengine.checks import REGISTRY
    from policyengine.checks.context import Context
    from policyengine.checks.custom import custom_findings
    from policyengine.config import STRUCTURAL, Config
    from policyengine.formatters import text
    from policyengine.graph import PolicyGraph
    from policyengine.lint import no_cyclic_gc, to_findings
    from policyengine.loader import discover, is_rules_file, load_text, read_source
    from policyengine.result import LintResult
    from policyengine.rules.check import compile_policy_rules
    from policyengine.schema import validate
    from policyengine.source import SourceFile
    from policyengine.span import Span

    config, clock = Config(), Clock()
    gc.collect()
    with no_cyclic_gc():
        texts = clock.run("read", lambda: [(str(p), read_source(p)) for p in discover([policy_dir])])

        def parse() -> tuple[list[SourceFile], list]:
            files, violations = [], []
            for path, body in texts:
                if is_rules_file(path):
                    files.append(SourceFile(path, body))
                    continue
                source, found = load_text(path, body)
                files.append(source)
                violations.extend(found)
            return files, violations

        files, violations = clock.run("parse", parse)

        def schema() -> set:
            invalid: set = set()
            for source in files:
                for document in source.documents:
                    found, bad = validate(document, Span(source.path, 1, 1))
                    violations.extend(found)
                    invalid.update((id(document), section, index) for section, index in bad)
            return invalid

        invalid = clock.run("schema", schema)
        built = clock.run("build", lambda: build(files, invalid))
        violations.extend(built.violations)
        policy = built.policy
        if policy is None or any(v.code in STRUCTURAL for v in violations):
            raise SystemExit("the generated policy has structural errors: the stages cannot be measured")
        rules = clock.run("rules", lambda: compile_policy_rules(policy, files))
        violations.extend(rules.violations)
        graph = clock.run("graph", lambda: PolicyGraph(policy, None))

        def checks() -> None:
            ctx = Context(policy, graph, config.all_thresholds(), rules, graph.on)
            for code, check in REGISTRY.items():
                if config.enabled(code):
                    violations.extend(check(ctx))
            violations.extend(v for v in custom_findings(ctx) if config.enabled(v.code))

        clock.run("checks", checks)

        def findings() -> list:
            found = to_findings(violations, config)
            kept, problems, _ = suppressions.apply(found, ((f.path, f.text) for f in files), config, True)
            return sorted({*kept, *to_findings(problems, config)}, key=lambda f: f.sort_key()) if problems else kept

        found = clock.run("findings", findings)
        result = LintResult(found, files, policy, rules, (), 0, on=graph.on, config=config)
        clock.run("format", lambda: text.render(result))
    return clock, len(found)

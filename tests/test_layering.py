"""Data flows one way: files -> loader -> schema -> model -> graph -> checks -> findings -> formatters -> CLI.

Every module of the package belongs to one layer (LAYERS, by module name), and each layer may import
only the layers ALLOWED lists. An import counts wherever it is written, inside a function too; only
`if TYPE_CHECKING:` imports, which never run, are left out. No import cycle either, and the
formatters and the message catalogue load without the linter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "policyengine"

# layer -> the modules in it (a name ending in "." is a package and everything in it)
LAYERS: dict[str, tuple[str, ...]] = {
    # standard library only, or each other: positions, files, dates, words, message types, findings, results
    "leaf": (
        "__init__",
        "span",
        "ids",
        "statedness",
        "source",
        "atomic",
        "dates",
        "vocabulary",
        "messages",
        "messages.core",
        "diagnostics",
        "decisions",
        "result",
        "printable",
        "timeunits",
        "textwidth",
        "cells",
        "verify",
        "verify.results",
    ),
    # the tables of text: data, importing nothing
    "text": (
        "messages.common",
        "messages.cli",
        "messages.config",
        "messages.formats",
        "messages.loader",
        "messages.parties",
        "messages.reform",
        "messages.report",
        "messages.rules",
        "messages.schema",
        "messages.assumptions",
        "messages.simulate",
        "messages.testing",
        "messages.why",
        "messages.tables",
        "messages.verify",
    ),
    # the checks' definitions and functions: nothing of the pipeline at import time
    "checks": (
        "checks",
        "checks.base",
        "checks.steps",
        "checks.judgement",
        "checks.assessed",
        "checks.stakes",
        "checks.structure.",
        "checks.authority.",
        "checks.admission.",
        "checks.assessment.",
    ),
    "catalogue": ("messages.catalogue",),
    # the exception types, and reading an input file into them (`inputs`: checked, bounded)
    "errors": ("errors", "inputs"),
    # what the linter is told and what it remembers: configuration, fingerprints, baselines, suppressions
    "settings": ("config", "tomltext", "fingerprint", "baseline", "suppressions", "resources"),
    "reading": ("loader", "schema", "yamlnodes", "yamlbuild", "yamlproblems"),
    "model": (
        "model",
        "parties",
        "approvals",
        "structure",
        "listlife",
        "procedures",
        "scoring",
        "channels",
        "invariants",
        "timelimits",
        "staffing",
        "rules",
        "rules.ast",
        "rules.limits",
        "rules.parser",
        "rules.locate",
    ),
    "build": (
        "build",
        "assumption_ranges",
        "declarations",
        "scoringbuild",
        "governance",
        "party_resolution",
        "approval_build",
        "channel_build",
        "resolution",
        "graph",
        "rules.facts",
        "rules.operations",
        "rules.compiled",
        "rules.conditions",
        "rules.compiler",
        "rules.check",
        "structurebuild",
        "structuregraph",
        "itempowers",
        "structurequeries",
        "timelimitbuild",
        "naming",
        "cellrefs",
    ),
    "engine": ("admission", "checks.context", "checks.custom"),
    # tables in: spreadsheets, Word tables and CSV read under a mapping into policy YAML
    "tables": ("tables.",),
    "reform": ("reform.",),
    # the prover: admission rules and the cascade written for the z3 solver (the `verify` extra)
    "prover": (
        "verify.values",
        "verify.item",
        "verify.world",
        "verify.encode",
        "verify.reviewers",
        "verify.cascade",
        "verify.session",
        "verify.properties",
        "verify.run",
        "verify.diff",
        "verify.pinning",
        "verify.canonical",
    ),
    "pipeline": ("lint",),
    "explain": ("why",),
    "formatters": ("formatters.", "export", "docgen"),
    "applications": ("report.", "simulate.", "testing."),
    "cli": ("cli", "clikit", "__main__", "commands."),
}
BELOW_PIPELINE = {"leaf", "checks", "catalogue", "errors", "settings", "reading", "model", "build", "engine"}
ALLOWED: dict[str, set[str]] = {
    "leaf": {"leaf"},
    "text": set(),
    "checks": {"leaf", "checks"},
    "catalogue": {"leaf", "text", "checks", "catalogue"},
    "errors": {"leaf", "catalogue", "errors"},
    "settings": {"leaf", "checks", "catalogue", "errors", "settings"},
    "reading": {"leaf", "catalogue", "errors", "settings", "reading"},
    "model": {"leaf", "catalogue", "errors", "reading", "model"},
    "build": {"leaf", "catalogue", "errors", "settings", "reading", "model", "build"},
    "engine": BELOW_PIPELINE,
    "tables": {"leaf", "catalogue", "errors", "settings", "reading", "tables"},
    "reform": {"leaf", "catalogue", "errors", "settings", "reading", "reform"},
    "prover": BELOW_PIPELINE | {"prover"},
    "pipeline": BELOW_PIPELINE | {"reform", "pipeline"},
    "explain": BELOW_PIPELINE | {"explain"},
    # what formatters need lives in leaf modules: they never load the linter
    "formatters": {"leaf", "checks", "catalogue", "settings", "formatters"},
    "applications": BELOW_PIPELINE | {"reform", "pipeline", "explain", "formatters", "applications"},
    "cli": set(LAYERS),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def layer_of(module: str) -> str:
    found = [
        layer
        for layer, names in LAYERS.items()
        for name in names
        if module == name or (name.endswith(".") and (module + ".").startswith(name))
    ]
    assert len(found) == 1, f"{module} is in {found or 'no layer'}: give it one in LAYERS"
    return found[0]


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(path: Path) -> set[str]:
    """The package's modules `path` imports when it runs (the `TYPE_CHECKING` ones left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path).split(".")
    package = own if path.name == "__init__.py" else own[:-1]
    if own == ["__init__"]:
        package = []
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _type_checking_only(node):
            return
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = ".".join((*base, *(node.module.split(".") if node.module else ())))
            for alias in node.names:  # `from . import x` imports the module x, if it is one
                sub = f"{target}.{alias.name}" if target else alias.name
                found.add(
                    sub
                    if (PACKAGE / Path(*sub.split("."))).with_suffix(".py").exists()
                    or (PACKAGE / Path(*sub.split("."))).is_dir()
                    else target or "__init__"
                )
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("policyengine"):
            found.add(node.module.removeprefix("policyengine").lstrip(".") or "__init__")
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("policyengine").lstrip(".") or "__init__"
                for a in node.names
                if a.name.startswith("policyengine")
            )
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_the_layers_below_it(path):
    mine = layer_of(module_name(path))
    wrong = {m: layer_of(m) for m in imports_of(path) if layer_of(m) not in ALLOWED[mine]}
    assert wrong == {}, f"{module_name(path)} ({mine}) imports {wrong}"


def test_there_is_no_import_cycle_not_even_inside_a_function():
    graph = nx.DiGraph()
    for path in MODULES:
        graph.add_edges_from((module_name(path), target) for target in imports_of(path))
    cycles = sorted(sorted(c) for c in nx.simple_cycles(graph))
    assert cycles == []


@pytest.mark.parametrize(
    "module",
    [
        "policyengine.formatters.text",
        "policyengine.formatters.why_report",
        "policyengine.formatters.sarif",
        "policyengine.messages.catalogue",
        "policyengine.checks",
    ],
)
def test_formatters_and_the_catalogue_load_without_the_linter(module):
    code = (
        f"import sys, {module}; print(' '.join(m for m in ('networkx', 'yaml', 'lark', 'jsonschema', "
        "'policyengine.loader', 'policyengine.lint', 'policyengine.graph', 'policyengine.model', "
        "'policyengine.checks.context') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def in_cli_layer(path: Path) -> bool:
    return layer_of(module_name(path)) == "cli"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_cli_prints_or_exits(path):
    if in_cli_layer(path):
        return
    text = path.read_text(encoding="utf-8")
    assert "print(" not in text and "sys.exit" not in text and "click.echo" not in text


@pytest.mark.parametrize("path", sorted((PACKAGE / "checks").rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_check_never_imports_another_check(path):
    """A check module may use its family's shared helpers (chains, lists) and the package's own
    definitions, never another check's module."""
    checks = {
        module_name(p)
        for family in ("structure", "authority", "admission", "assessment")
        for p in (PACKAGE / "checks" / family).glob("*.py")
        if p.name not in ("__init__.py", "chains.py", "lists.py")
    }
    if path.name == "__init__.py" and path.parent.name == "checks":
        return  # the registry lists them all
    assert not imports_of(path) & checks


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_reaches_for_another_modules_private_names(path):
    """What a module shares is public: `why` asks the checks, it does not import their helpers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level
        for alias in node.names
        if alias.name.startswith("_") and alias.name != "__version__"
    ]
    assert private == []

"""Data flows one way: leaves import nothing of the package; checks never reach the CLI or formatters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "policyengine"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = path.parent.relative_to(PACKAGE).parts
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            found.add(".".join((*base, node.module or "")).strip("."))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("policyengine"))
    return found


def modules(folder: str = "") -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("leaf", ["span.py", "errors.py", "diagnostics.py"])
def test_leaves_import_only_leaves(leaf):
    assert imports_of(PACKAGE / leaf) <= {"span", "diagnostics"}


@pytest.mark.parametrize("path", modules("checks"), ids=lambda p: p.name)
def test_checks_never_import_cli_formatters_or_each_other(path):
    imported = imports_of(path)
    assert not {m for m in imported if m.split(".")[0] in {"cli", "formatters", "lint", "export"}}
    siblings = {m for m in imported if m.startswith("checks.") and m not in {"checks.context"}}
    if path.name != "__init__.py":
        assert siblings == set()


def in_cli_layer(path: Path) -> bool:
    """The CLI layer: cli.py, what its commands share (clikit.py), and commands/."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] == "commands" or str(rel) in {"cli.py", "clikit.py", "__main__.py"}


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_cli_prints_or_exits(path):
    if in_cli_layer(path):
        return
    text = path.read_text(encoding="utf-8")
    assert "print(" not in text and "sys.exit" not in text and "click.echo" not in text


def test_nothing_below_the_cli_imports_it():
    for path in modules():
        if not in_cli_layer(path):
            assert not {m for m in imports_of(path) if m.split(".")[0] in {"cli", "clikit", "commands"}}, path

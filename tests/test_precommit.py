"""The pre-commit hooks: what pre-commit reads from .pre-commit-hooks.yaml, and that their entries run."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import yaml
from click.testing import CliRunner

from policyengine.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
# what pre-commit requires of a hook, and the values it accepts for the keys used here
REQUIRED = {"id", "name", "entry", "language"}


def hook(name: str) -> dict:
    return next(h for h in HOOKS if h["id"] == name)


def test_hooks_have_what_pre_commit_requires():
    assert [h["id"] for h in HOOKS] == ["policyengine-lint", "policyengine-test"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    for h in HOOKS:
        assert set(h) >= REQUIRED, h["id"]
        assert h["language"] == "python"  # pre-commit installs the repository with pip
        assert shlex.split(h["entry"])[0] in scripts
        assert h["pass_filenames"] is False  # a policy is a directory: the path comes from args


def test_lint_hook_runs_on_the_files_policies_are_made_of():
    pattern = re.compile(hook("policyengine-lint")["files"])
    for name in ("policies/h_district/items.yaml", "p/x.yml", "p/grid.rules", "policyengine.toml", "pyproject.toml"):
        assert pattern.search(name), name
    for name in ("README.md", "policyengine/cli.py", "schemas/policy.schema.json"):
        assert not pattern.search(name), name


def run_entry(name: str, *args: str):
    words = shlex.split(hook(name)["entry"])[1:]
    return CliRunner().invoke(main, [*words, *args])


def test_the_entries_run_as_documented():
    lint = run_entry("policyengine-lint", str(ROOT / "policies" / "h_district"))
    assert lint.exit_code == 1 and lint.output.splitlines()[-1].startswith("41 finding(s)")
    tests = run_entry("policyengine-test", str(ROOT / "examples" / "tests"))
    assert tests.exit_code == 0, tests.output
    missing = run_entry("policyengine-lint")  # args forgotten: a usage error, not a pass
    assert missing.exit_code == 2 and "give a policy PATH" in missing.output

"""Each check is one module, registered once, complete: its page, its messages in both languages, a
test, an example; every generated page is what its modules say today."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from policyengine import docgen
from policyengine.checks import CATALOGUE, CHECKS, EXPLAIN, REGISTRY
from policyengine.diagnostics import Severity

ROOT = Path(__file__).resolve().parent.parent
CHECK_DIR = ROOT / "policyengine" / "checks"
FAMILIES = {"structure": "PE0", "authority": "PE1", "admission": "PE2", "assessment": "PE3"}
HELPERS = {"__init__.py", "chains.py", "lists.py"}  # a family's shared helpers are not checks
TESTS = ROOT / "tests"
GENERIC_TESTS = {"test_check_modules.py", "test_catalogue.py", "test_docs.py", "test_golden.py", "test_format_sarif.py"}


def check_modules() -> list[Path]:
    return sorted(p for family in FAMILIES for p in (CHECK_DIR / family).glob("*.py") if p.name not in HELPERS)


def test_every_check_module_is_registered_once_in_code_order():
    defined = []
    for path in check_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned = [
            n
            for n in tree.body
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "CHECK" for t in n.targets)
        ]
        assert len(assigned) == 1, f"{path.name} defines no CHECK (or several)"
        code = next(k.value.value for k in assigned[0].value.keywords if k.arg == "code")
        defined.append((code, path))
    assert sorted(c for c, _ in defined) == [c.code for c in CHECKS]
    assert [c.code for c in CHECKS] == sorted(CATALOGUE)


@pytest.mark.parametrize("path", check_modules(), ids=lambda p: p.stem)
def test_a_check_module_is_named_after_its_check_and_lives_in_its_family(path):
    code = next(c.code for c in CHECKS if c.name.replace("-", "_") == path.stem)
    assert code.startswith(FAMILIES[path.parent.name])


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_a_check_is_found_by_its_function_or_by_a_stage_that_reads_the_policy(check):
    if check.code < "PE100":
        # PE010 (info) is reported by the checks that cannot judge, with them; the others by a reading stage
        assert check.find is None and check.found_by
        assert check.severity in (Severity.ERROR, Severity.WARNING) or check.found_by.startswith("PE")
        assert check.code not in REGISTRY
    else:
        assert check.find is not None and not check.found_by and REGISTRY[check.code] is check.find
        assert EXPLAIN[check.code] is check.explain, "every semantic check says what lies behind a finding"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_every_threshold_is_documented_with_its_default(check):
    section = check.doc.split("## Thresholds")[1].split("## Case reference")[0]
    for name, default in check.thresholds.items():
        assert f"`{check.code}.{name}`" in section
        shown = default if isinstance(default, tuple) else (default,)
        assert all(str(v) in section for v in shown), (name, default)
    for used in check.uses:
        code, name = used.split(".")
        assert name in CATALOGUE[code].thresholds


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_every_message_key_a_check_reports_is_among_its_messages(check):
    module = next(p for p in check_modules() if p.stem == check.name.replace("-", "_"))
    tree = ast.parse(module.read_text(encoding="utf-8"))
    yielded = {
        node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and ast.unparse(node.func) == "Violation"
        and isinstance(node.args[1], ast.Constant)
    }
    assert yielded <= set(check.messages)
    for key, (en, zh) in check.messages.items():
        assert (en and zh and en != zh) or key == "schema", (check.code, key)
        assert re.search(r"[\u4e00-\u9fff]", zh) or key == "schema", (check.code, key)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_every_check_has_a_test_of_its_own(check):
    """A test names the code outside the generic tests of every check (these, the docs, the golden files)."""
    tests = [
        p.name
        for p in TESTS.glob("test_*.py")
        if p.name not in GENERIC_TESTS and re.search(rf"[\"']{check.code}[\"']", p.read_text(encoding="utf-8"))
    ]
    assert tests, f"no test names {check.code}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_every_check_has_an_example_that_shows_it(check):
    from tests.test_examples import GOLDEN

    assert any(check.code == code for findings in GOLDEN.values() for code, _, _ in findings), (
        f"no example under examples/ shows {check.code}"
    )


def test_the_generated_pages_are_what_the_check_modules_say():
    """docs/checks/*.md and the tables of docs/checks.md and README.md: `policyengine generate-docs` writes them."""
    assert docgen.stale(ROOT) == []


def test_generate_docs_outside_the_repository_says_so_in_one_line(tmp_path):
    # regression: run where docs/checks.md is not, it ended in an internal error (exit 3)
    from click.testing import CliRunner

    from policyengine.cli import main

    out = CliRunner().invoke(main, ["generate-docs", "--check", "--root", str(tmp_path)])
    assert out.exit_code == 2
    assert out.stderr == (
        f"policyengine: {tmp_path / 'docs' / 'checks.md'} not found: run generate-docs at the repository's root, "
        "or give --root\n"
    )


def test_generate_docs_names_a_block_that_lost_its_markers(tmp_path):
    from click.testing import CliRunner

    from policyengine.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "checks.md").write_text(
        (ROOT / "docs" / "checks.md").read_text(encoding="utf-8").replace("<!-- end generated: where -->", ""),
        encoding="utf-8",
    )
    (tmp_path / "README.md").write_text((ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = CliRunner().invoke(main, ["generate-docs", "--root", str(tmp_path), "--lang", "zh"])
    assert out.exit_code == 2
    assert out.stderr == (
        "policyengine: docs/checks.md:缺少生成区块“where”的标记"
        "(<!-- generated: where --> ... <!-- end generated: where -->)\n"
    )
    assert not (tmp_path / "docs" / "checks").exists()  # nothing written

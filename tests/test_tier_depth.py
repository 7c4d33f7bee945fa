"""The tier hierarchy is at most MAX_TIER_LEVELS deep: a tier past it is PE005 at its `parent`,
measured in one pass before any check climbs the tree (a 10,000-level chain held every tier's whole
chain of ancestors: minutes and gigabytes)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.lint import lint_paths
from policyengine.resolution import MAX_TIER_LEVELS


def _chain(root: Path, levels: int, branches: int = 1) -> Path:
    """`branches` chains of `levels` tiers each, hanging from one shared root (the root counts once)."""
    lines = ["tiers:", "  - {id: t0, name: {en: T0}}"]
    for b in range(branches):
        parent = "t0"
        for level in range(2, levels + 1):
            tier = f"b{b}l{level}"
            lines.append(f"  - {{id: {tier}, name: {{en: {tier}}}, parent: {parent}}}")
            parent = tier
    root.mkdir(parents=True, exist_ok=True)
    (root / "p.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _located(root: Path) -> list[tuple[str, str, int, int, str]]:
    result = lint_paths([root], on="2020-01-01")
    return [(f.code, f.message, f.span.line, f.span.column, f.subject.id) for f in result.findings]


def test_a_chain_at_the_limit_lints_normally(tmp_path):
    assert _located(_chain(tmp_path, MAX_TIER_LEVELS)) == []


TOO_DEEP = "the tier hierarchy is more than 100 levels deep here (the root is level 1)"


def test_a_ten_thousand_level_chain_is_refused_at_the_tier_past_the_limit(tmp_path):
    root = _chain(tmp_path, 10_000)
    assert _located(root) == [("PE005", TOO_DEEP, MAX_TIER_LEVELS + 2, 46, f"b0l{MAX_TIER_LEVELS + 1}")]
    for lang, line in [
        ("en", f"p.yaml:102:46: error[PE005] {TOO_DEEP} [tier-cycle]"),
        ("zh", "p.yaml:102:46: 错误[PE005] 层级在此超过 100 级(最高层级为第 1 级) [tier-cycle]"),
    ]:
        result = CliRunner().invoke(main, ["lint", "--lang", lang, str(root)])
        assert result.exit_code == 1
        assert result.output.splitlines()[0] == f"{root}/{line}"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(levels=st.integers(1, MAX_TIER_LEVELS + 40), branches=st.integers(1, 3))
def test_each_branch_past_the_limit_is_reported_once(tmp_path, levels, branches):
    root = _chain(tmp_path / f"{levels}-{branches}", levels, branches)
    expected = [f"b{b}l{MAX_TIER_LEVELS + 1}" for b in range(branches)] if levels > MAX_TIER_LEVELS else []
    assert [subject for code, message, *_, subject in _located(root) if message == TOO_DEEP] == expected


def test_a_cycle_is_a_cycle_not_a_chain_too_deep(tmp_path):
    lines = ["tiers:", "  - {id: t0, name: {en: T0}}"]
    lines += [f"  - {{id: c{i}, name: {{en: C}}, parent: c{(i + 1) % 300}}}" for i in range(300)]
    tmp_path.joinpath("p.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [(code, line, column) for code, _, line, column, _ in _located(tmp_path)] == [("PE005", 3, 37)]

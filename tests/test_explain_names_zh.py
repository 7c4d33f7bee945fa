"""`lint --explain` in Chinese names what its chains speak of as the findings above them do, and as
`why` does: by the declared Chinese names, not by ids."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from policyengine.cli import main as cli
from policyengine.lint import lint_paths
from policyengine.naming import chinese_names

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")


def test_lint_explain_chains_name_what_they_speak_of():
    result = CliRunner().invoke(
        cli, ["lint", H, "--lang", "zh", "--on", "2020-01-01", "--explain", "--select", "PE101"]
    )
    assert result.exit_code == 1, result.output
    assert "      承接层级“网格”,角色“办理”  [" in result.output
    assert "协同处置的“城市管理(占道经营)专业网格员”具备该权力" in result.output
    names = chinese_names(lint_paths([H], lang="zh", on="2020-01-01").policy)
    quoted = set(re.findall(r"“([A-Za-z_][A-Za-z0-9_.-]*)”", result.output))
    assert quoted & {ident for kind in names.values() for ident in kind} == set()

"""Properties of reforms over random valid policies."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.lint import lint_paths
from policyengine.testing.strategies import dump, item_ids, policies, power_ids, tier_ids


@pytest.fixture(scope="session")
def reformdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reforms")


def subjects(result, code: str) -> set:
    return {(f.subject.kind, f.subject.id) for f in result.findings if f.code == code}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), policy=policies())
def test_a_reform_that_only_grants_or_funds_never_adds_pe101_or_pe102(reformdir, data, policy):
    """Grants of powers and transfers of money, people or powers to items only ever remove PE101
    and PE102 findings: the subjects after the reform are a subset of those before."""
    operations = []
    units = [u["id"] for u in policy.get("units", [])]
    for _ in range(data.draw(st.integers(1, 4), label="grants")):
        holder = (
            {"unit": data.draw(st.sampled_from(units))}
            if units and data.draw(st.booleans())
            else {"tier": data.draw(st.sampled_from(tier_ids(policy)))}
        )
        operations.append(
            {
                "op": "grant",
                "to": holder,
                "powers": data.draw(st.lists(st.sampled_from(power_ids(policy)), min_size=1, max_size=3)),
            }
        )
    items = item_ids(policy)
    for item in data.draw(st.lists(st.sampled_from(items), unique=True, max_size=3), label="funded") if items else []:
        operations.append(
            {
                "op": "transfer",
                "target": f"items/{item}",
                "money": data.draw(st.integers(0, 10**6)),
                "people": data.draw(st.integers(0, 5)),
                "powers": [data.draw(st.sampled_from(power_ids(policy)))],
            }
        )
    with tempfile.TemporaryDirectory(dir=reformdir) as root:
        dump(policy, Path(root) / "base")
        reform = Path(root) / "reform.yaml"
        reform.write_text(
            yaml.safe_dump({"reform": {"id": "r", "baseline": "base"}, "operations": operations}, sort_keys=False),
            encoding="utf-8",
        )
        before = lint_paths([Path(root) / "base"], on="2026-01-01")  # grants in force on a fixed date
        after = lint_paths([], reform=reform, on="2026-01-01")
    assert not [f for f in after.findings if f.code in ("PE001", "PE002", "PE003", "PE004", "PE005")]
    assert subjects(after, "PE101") <= subjects(before, "PE101")
    # an item whose funding was not stated (PE010 from PE102) may be judged once the reform states it
    unjudged = {(f.subject.kind, f.subject.id) for f in before.findings if f.message.startswith("PE102 cannot judge")}
    assert subjects(after, "PE102") <= subjects(before, "PE102") | unjudged


def test_a_revoke_can_add_a_pe101(tmp_path):
    """The converse is not a law: taking a power away does add PE101 (so the property above is not
    vacuous — the checks do see powers the reform changes)."""
    h = Path(__file__).resolve().parent.parent / "policies" / "h_district"
    reform = tmp_path / "revoke.yaml"
    reform.write_text(
        f"reform:\n  id: r\n  baseline: {h}\noperations:\n"
        "  - op: revoke\n    from: {unit: grid_team}\n    powers: [report]\n",
        encoding="utf-8",
    )
    before = lint_paths([h], on="2026-01-01")
    after = lint_paths([], reform=reform, on="2026-01-01")
    assert subjects(after, "PE101") - subjects(before, "PE101")

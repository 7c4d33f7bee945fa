"""The tier tree as the graph answers it: a tier's parent and ancestors are its declared ones, looked
up rather than found by walking the graph's edges (a tier with 20,000 children made every step up the
tree pass all of them: a one-megabyte policy linted for minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.graph import PolicyGraph
from policyengine.lint import lint_paths


def _policy(root: Path, parents: list[int | None]):
    """Tiers t0..tn-1; tier i's parent is t{parents[i]} (None: a root; past the end: an unknown tier)."""
    lines = ["tiers:"]
    for i, parent in enumerate(parents):
        entry = f"  - {{id: t{i}, name: {{en: T{i}}}"
        lines.append(entry + ("}" if parent is None else f", parent: t{parent}}}"))
    root.mkdir(parents=True, exist_ok=True)
    (root / "p.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lint_paths([root], on="2020-01-01").policy


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), n=st.integers(min_value=1, max_value=12))
def test_parent_and_ancestors_are_the_declared_ones(tmp_path, data, n):
    parents = data.draw(st.lists(st.one_of(st.none(), st.integers(0, n)), min_size=n, max_size=n))
    policy = _policy(tmp_path / str(len(list(tmp_path.iterdir()))), parents)
    if policy is None:  # a structural error (PE004, an unknown parent) may leave no policy to ask
        return
    graph = PolicyGraph(policy, "2020-01-01")
    for i, parent in enumerate(parents):
        declared = f"t{parent}" if parent is not None and parent < n else None
        assert graph.parent(f"t{i}") == declared
        chain, seen, here = [], {f"t{i}"}, declared
        while here is not None and here not in seen:  # a cycle (PE005) ends the chain
            chain.append(here)
            seen.add(here)
            step = parents[int(here[1:])]
            here = f"t{step}" if step is not None and step < n else None
        assert graph.ancestors(f"t{i}") == tuple(chain)


def test_a_wide_tier_is_climbed_without_walking_its_edges(tmp_path, monkeypatch):
    policy = _policy(tmp_path, [None, 0, *[1] * 20_000])
    graph = PolicyGraph(policy, "2020-01-01")

    def walk(*args: object) -> None:
        raise AssertionError("the tree is climbed by looking parents up, not by walking edges")

    monkeypatch.setattr(graph, "_edges", walk)
    assert graph.ancestors("t20001") == ("t1", "t0") and graph.depth("t20001") == 2


@pytest.mark.parametrize("tier", ["nowhere", ""])
def test_an_unknown_tier_has_no_parent(tmp_path, tier):
    graph = PolicyGraph(_policy(tmp_path, [None, 0]), "2020-01-01")
    assert graph.parent(tier) is None and graph.ancestors(tier) == ()

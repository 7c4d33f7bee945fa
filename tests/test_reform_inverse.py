"""The inverse of a reform: applied to the policy a reform makes, it gives back the baseline.

Equality is judged by `policyengine.reform.canonical`: for each section, its entries in load order
(declaration order is kept, since some checks report the later of two declarations), as JSON with
mapping keys sorted; positions and the split over files are not compared; an empty section is
the same as none. The property test also re-lints the round trip through `lint_paths`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.lint import lint_paths
from policyengine.loader import load_paths
from policyengine.reform import ReformError, apply_reform, canonical, invert, read_reform
from policyengine.testing.strategies import dump, policies, reforms, to_yaml

ROOT = Path(__file__).resolve().parent.parent
H = ROOT / "policies" / "h_district"


def write(path: Path, operations: str, baseline: str = str(H)) -> Path:
    path.write_text(f"reform:\n  id: r\n  baseline: {baseline}\noperations:\n{operations}", encoding="utf-8")
    return path


def round_trip(reform: Path, where: Path | None = None) -> tuple[str, Path]:
    """Invert `reform`, write the inverse beside it (or into `where`) and apply it (its baseline is
    the reform file)."""
    text = invert(reform)
    inverse = (where or reform.parent) / "inverse.yaml"
    inverse.write_text(text, encoding="utf-8")
    back = apply_reform(read_reform(inverse))
    assert canonical(back.files) == canonical(load_paths([read_reform(reform).baseline]).files)
    return text, inverse


def ops(text: str) -> list[dict]:
    return [{k: v for k, v in op.items() if k != "note"} for op in yaml.safe_load(text)["operations"]]


def test_the_admission_gate_example_is_undone(tmp_path):
    gate = ROOT / "examples" / "reforms" / "admission_gate.yaml"
    text, inverse = round_trip(gate, tmp_path)
    assert ops(text)[-1] == {"op": "remove", "target": f"admission/{read_reform(gate).operations[0]['value']['id']}"}

    def key(result):
        return sorted((f.code, f.subject.kind, f.subject.id, f.message) for f in result.findings)

    assert key(lint_paths([], reform=inverse, on="2026-01-01")) == key(lint_paths([H], on="2026-01-01"))


EVERY_OP = """
  - op: set
    target: items/census
    path: role
    value: handle
  - op: set
    target: items/census
    path: cost.extra.deep
    value: 3
  - op: set
    target: assessments/street_q_workers
    path: quotas.events_reported.add
    value: 0
  - op: remove
    target: items/nucleic_acid_testing
  - op: move
    target: items/broken_road
    tier: district
  - op: grant
    to: {tier: grid}
    powers: [penalty]
  - op: revoke
    from: {unit: grid_team}
    powers: [verify, coordination]
  - op: transfer
    target: items/fire_hazards_small_venues
    money: 0.1
    people: 0.2
    powers: [penalty]
  - op: add
    section: admission
    value: {id: gate, tier: grid, criteria: ['when item.kind == "line" then admit']}
  - op: add_rules
    target: admission/gate
    criteria: ['when item.kind == "temporary" then reject "no term"']
  - op: unset
    target: items/census
    path: name
  - op: set
    target: items/occupied_road_business
    path: id
    value: renamed_item
"""


def test_every_operation_is_undone_exactly(tmp_path):
    text, _ = round_trip(write(tmp_path / "every.yaml", EVERY_OP))
    undo = ops(text)
    assert undo[0] == {"op": "set", "target": "items/renamed_item", "path": "id", "value": "occupied_road_business"}
    assert undo[1]["op"] == "set" and undo[1]["path"] == "name"  # unset -> set back
    assert [u["op"] for u in undo[2:4]] == ["replace_rules", "remove"]  # add_rules on the new gate, then the gate
    assert undo[2]["criteria"] == ['when item.kind == "line" then admit']
    assert undo[4]["op"] == "set" and undo[4]["path"] == "funding"  # exact, whatever the float sums
    (back,) = [u for u in undo if "into" in u]  # verify and coordination stood side by side: one run
    assert (back["into"], back["at"], back["powers"][0], back["powers"][1]["power"]) == (
        "grants/grid_team_grant",
        1,
        "verify",
        "coordination",
    )
    remove = next(u for u in undo if u["op"] == "add")
    assert remove["section"] == "items" and remove["value"]["id"] == "nucleic_acid_testing"
    assert isinstance(remove["at"], int) and "duties" in remove
    assert {"op": "unset", "target": "items/census", "path": "cost"} in undo  # census had no cost: set made it
    assert next(u for u in undo if u["op"] == "move")["tier"] == "grid"


def test_a_grant_is_undone_by_removing_the_declaration_it_added(tmp_path):
    text, _ = round_trip(write(tmp_path / "g.yaml", "  - op: grant\n    to: {tier: grid}\n    powers: [report]\n"))
    (undo,) = ops(text)
    assert undo["op"] == "remove" and undo["target"].startswith(
        "grants["
    )  # a revoke would also strip grid's own `report`


def test_a_revoke_is_undone_into_the_grants_it_emptied(tmp_path):
    text, _ = round_trip(
        write(tmp_path / "r.yaml", "  - op: revoke\n    from: {unit: grid_team}\n    powers: [verify]\n")
    )
    assert ops(text) == [
        {"op": "grant", "to": {"unit": "grid_team"}, "powers": ["verify"], "into": "grants/grid_team_grant", "at": 1}
    ]


@pytest.mark.parametrize(
    "operations, message, line, column",
    [
        (
            "  - op: unset\n    target: items/census\n    path: nowhere\n",
            "nothing to unset: items/census has no nowhere",
            7,
            11,
        ),
        (
            "  - op: add\n    section: units\n    at: 999\n    value: {id: x}\n",
            "`at` must be a position from 0 to",
            7,
            9,
        ),
        (
            "  - op: grant\n    to: {tier: grid}\n    powers: [penalty]\n    into: items/census\n",
            "`into` names a grant",
            8,
            11,
        ),
        (
            "  - op: grant\n    to: {tier: grid}\n    powers: [penalty]\n    into: grants/grid_team_grant\n",
            "grants/grid_team_grant is not a grant to tier 'grid'",
            8,
            11,
        ),
        (
            "  - op: move\n    target: items/census\n    tier: grid\n    list: a\n    lists: [b]\n",
            "`list` or `lists`, not both",
            9,
            5,
        ),
        ("  - op: remove\n    target: grants[9999]\n", "no grants entry at position 9999", 6, 13),
        (
            "  - op: add\n    section: units\n    lists: [grid_line_list]\n    value: {id: x}\n",
            "go with an added item only",
            7,
            5,
        ),
    ],
)
def test_the_new_fields_have_located_errors(tmp_path, operations, message, line, column):
    """At the value (or the key) that is wrong."""
    with pytest.raises(ReformError) as caught:
        apply_reform(read_reform(write(tmp_path / "bad.yaml", operations)))
    assert message in caught.value.text("en") and caught.value.text("zh")
    assert (caught.value.span.line, caught.value.span.column) == (line, column)
    assert caught.value.span.file.endswith("bad.yaml")


def test_a_reform_without_an_exact_inverse_is_a_located_error(tmp_path):
    """A second item with an id in use: removing it again would also strip the first from lists."""
    reform = write(tmp_path / "dup.yaml", "  - op: add\n    section: items\n    value: {id: census}\n")
    with pytest.raises(ReformError) as caught:
        invert(reform)
    assert "no exact inverse" in caught.value.text("en") and "精确" in caught.value.text("zh")
    assert caught.value.span.file.endswith("dup.yaml")


def test_a_chain_of_baselines_that_loops_is_a_located_error(tmp_path):
    loop = write(tmp_path / "loop.yaml", "  - op: remove\n    target: items/census\n", baseline="loop.yaml")
    with pytest.raises(ReformError) as caught:
        apply_reform(read_reform(loop))
    assert "comes back to this reform" in caught.value.text("en") and caught.value.span.line == 3


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), policy=policies())
def test_a_reform_followed_by_its_inverse_gives_back_the_baseline(tmp_path_factory, data, policy):
    """reform ∘ inverse = baseline, by `canonical` (see the module docstring); the inverse is itself a
    valid reform (it applies without a located error, through the ordinary `apply_reform`)."""
    reform = data.draw(reforms(policy, path="base"), label="reform")
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as root:
        dump(policy, Path(root) / "base")
        path = Path(root) / "reform.yaml"
        path.write_text(to_yaml(reform), encoding="utf-8")
        text, inverse = round_trip(path)
        assert len(ops(text)) >= len(reform["operations"])
        back = lint_paths([], reform=inverse, on="2026-01-01")
        before = lint_paths([Path(root) / "base"], on="2026-01-01")

    def subjects(result):
        return sorted((f.code, f.subject.kind, f.subject.id) for f in result.findings)

    assert subjects(back) == subjects(before)

"""The form of a reform's operations: every operand of the wrong type is an error at that value.

`transfer` with `money: lots` used to add text to a number inside the engine (an internal error,
exit 3). Every operand of every operation is now checked before it applies: a value of the wrong
type is one located line, exit 2, whatever the operation and the value.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.errors import InputError
from policyengine.lint import lint_paths
from policyengine.loader import load_text
from policyengine.reform import OPS, ReformError, apply_reform, read_reform

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "admission" / "inadmissible_item"
ITEM = {"id": "x", "name": {"en": "X"}, "kind": "line", "tier": "grid", "role": "report", "owner": "fire_department"}

# one operation of each kind that applies to BASE, with every operand it takes (but `list`, the
# alternative to `lists`)
VALID: dict[str, dict[str, Any]] = {
    "set": {"op": "set", "target": "items/fire_hazard_reporting", "path": "cost.hours_per_month", "value": 3},
    "unset": {"op": "unset", "target": "items/fire_hazard_reporting", "path": "legal_basis"},
    "add": {"op": "add", "section": "items", "value": ITEM, "at": 0, "lists": ["grid_line_list"], "duties": []},
    "remove": {"op": "remove", "target": "items/occupied_road_clearance"},
    "move": {"op": "move", "target": "items/fire_hazard_reporting", "tier": "district", "lists": ["grid_line_list"]},
    "grant": {
        "op": "grant",
        "to": {"unit": "grid_team"},
        "powers": ["penalty"],
        "into": "grants/grid_team_grant",
        "at": 0,
    },
    "revoke": {"op": "revoke", "from": {"unit": "grid_team"}, "powers": ["verify"]},
    "transfer": {"op": "transfer", "target": "items/fire_hazard_reporting", "money": 10, "people": 1, "powers": []},
    "add_rules": {"op": "add_rules", "target": "admission/grid_admission", "criteria": ["otherwise admit"]},
    "replace_rules": {"op": "replace_rules", "target": "admission/grid_admission", "criteria": ["otherwise admit"]},
}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# the type each operand must have, written independently of the engine's own table
TYPE_OF = {
    **dict.fromkeys(("target", "path", "section", "tier", "list", "into"), lambda v: isinstance(v, str)),
    **dict.fromkeys(("money", "people"), _number),
    "at": lambda v: isinstance(v, int) and not isinstance(v, bool),
    **dict.fromkeys(("lists", "duties", "powers", "criteria"), lambda v: isinstance(v, list)),
    **dict.fromkeys(("to", "from"), lambda v: isinstance(v, dict)),
}

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(max_size=10)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def write(where: Path, operations: list[dict[str, Any]]) -> Path:
    path = where / "r.yaml"
    document = {"reform": {"id": "r", "baseline": str(BASE)}, "operations": operations}
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_every_operation_is_covered():
    assert sorted(VALID) == sorted(OPS)
    assert {key for op in VALID.values() for key in op} - {"op", "value"} <= set(TYPE_OF) | {"list"}


@pytest.mark.parametrize("kind", sorted(VALID))
def test_each_valid_operation_applies(tmp_path, kind):
    assert apply_reform(read_reform(write(tmp_path, [VALID[kind]]))).touched


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_value_of_any_operand_applies_or_is_an_error_at_that_operand(tmp_path_factory, data):
    kind = data.draw(st.sampled_from(sorted(VALID)), label="kind")
    op = dict(VALID[kind])
    key = data.draw(st.sampled_from(sorted(op)), label="key")
    op[key] = data.draw(VALUES, label="value")
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as root:
        path = write(Path(root), [op])
        written, _ = load_text(str(path), path.read_text(encoding="utf-8"))
        node = written.documents[0]["operations"][0]
        try:
            applied = apply_reform(read_reform(path))
        except ReformError as error:
            assert error.span is not None and error.span.file == str(path)
            assert error.render("en") and error.render("zh")
            if key in TYPE_OF and not TYPE_OF[key](op[key]):  # a value of the wrong type: at that value
                assert error.span == node.value_span(key)
            else:  # whatever else is wrong is at one of the operation's values, not at `- op:`
                assert error.span != node.span
                assert node.span.line <= error.span.line
            return
        if key in TYPE_OF:
            assert TYPE_OF[key](op[key])
        assert applied.sound
        try:
            lint_paths([], reform=path, on="2020-01-01")  # whatever the reform made, the lint reads it
        except InputError as error:  # pragma: no cover - a located line is still fine
            assert error.span is not None


@pytest.mark.parametrize(
    "operation, message, line, column",
    [
        (
            "{op: transfer, target: items/fire_hazard_reporting, money: lots}",
            "`money` of the 'transfer' operation must be a number, not 'lots'",
            5,
            64,
        ),
        (
            "{op: transfer, target: items/fire_hazard_reporting, people: true}",
            "`people` of the 'transfer' operation must be a number, not true",
            5,
            65,
        ),
        (
            "{op: transfer, target: items/fire_hazard_reporting}",
            "the 'transfer' operation needs `money`, `people` or `powers`",
            5,
            5,
        ),
        (
            "{op: move, target: items/fire_hazard_reporting, tier: [grid]}",
            "`tier` of the 'move' operation must be an id (text), not a list",
            5,
            59,
        ),
        (
            "{op: grant, to: {unit: grid_team}, powers: [penalty, 3]}",
            "each entry of `powers` in the 'grant' operation must be a power id or {power: ID, ...}, not 3",
            5,
            58,
        ),
        (
            "{op: add, section: items, value: {id: x}, at: -1}",
            "`at` must be a position from 0 to 2",
            5,
            51,
        ),
        (
            "{op: add, section: items, value: {id: x}, at: 1.5}",
            "`at` of the 'add' operation must be a position: a whole number from 0, not 1.5",
            5,
            51,
        ),
        (
            "{op: set, target: items/fire_hazard_reporting, path: cost..x, value: 1}",
            "`path` of the 'set' operation must be a dotted field path such as cost.hours_per_month, not 'cost..x'",
            5,
            58,
        ),
        ("{op: set, target: items/x, value: 1}", "the 'set' operation needs `path`: a dotted field path", 5, 5),
        (
            "{op: revoke, from: {unit: grid_team, tier: grid}, powers: [verify]}",
            "`from` of the 'revoke' operation must be {unit: ID} or {tier: ID}, not a mapping",
            5,
            24,
        ),
        (
            "{op: add_rules, target: admission/grid_admission, criteria: [1]}",
            "each entry of `criteria` in the 'add_rules' operation must be a rule (text), not 1",
            5,
            66,
        ),
        ("{op: 3}", "unknown operation 3 (known: set, add,", 5, 10),
        (
            "{op: grant, to: {unit: grid_team}, powers: [penalty], source: [1]}",
            "`source` of the 'grant' operation must be text or a mapping (document, section, quote), not a list",
            5,
            67,
        ),
        ("{op: remove, target: items/x, note: 3}", "`note` of the 'remove' operation must be text, not 3", 5, 41),
    ],
)
def test_an_operand_of_the_wrong_form_is_one_located_line(tmp_path, operation, message, line, column):
    path = tmp_path / "r.yaml"
    path.write_text(f"reform:\n  id: r\n  baseline: {BASE}\noperations:\n  - {operation}\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["lint", "--reform", str(path)])
    assert out.exit_code == 2
    assert out.output.startswith(f"policyengine: {path}:{line}:{column}: {message}")
    assert out.output.count("\n") == 1
    zh = CliRunner().invoke(main, ["lint", "--reform", str(path), "--lang", "zh"])
    assert zh.exit_code == 2 and zh.output.startswith(f"policyengine: {path}:{line}:{column}: ")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("funding", "3", "cannot change items/x: its funding is not a mapping"),
        (
            "funding",
            "{money_yuan_per_year: lots}",
            "cannot change items/x: its funding.money_yuan_per_year is not a number",
        ),
        ("funding", "{powers: penalty}", "cannot change items/x: its funding.powers is not a list"),
    ],
)
def test_a_baseline_value_of_the_wrong_form_is_reported_as_the_baselines_own(tmp_path, field, value, message):
    """A transfer onto a funding the schema refuses: the baseline's PE002 at its position, as the
    lint of the baseline gives it; the engine's own error names the value if asked directly."""
    base = tmp_path / "p"
    base.mkdir()
    text = (BASE / "policy.yaml").read_text(encoding="utf-8")
    text = text.replace(
        '    funding: {money_yuan_per_year: 900, people: 0.05, note: "Illustrative: covers the cost."}',
        f"    {field}: {value}",
    )
    text = text.replace("  - id: fire_hazard_reporting", "  - id: x")
    (base / "policy.yaml").write_text(text, encoding="utf-8")
    reform = tmp_path / "r.yaml"
    reform.write_text(
        f"reform:\n  id: r\n  baseline: {base}\noperations:\n  - {{op: transfer, target: items/x, money: 1, powers: [a]}}\n",
        encoding="utf-8",
    )
    result = lint_paths([], reform=reform)
    assert [f.code for f in result.findings if f.code == "PE002"] and {f.span.file for f in result.findings} == {
        str(base / "policy.yaml")
    }
    assert result.changes == ()

    from policyengine.reform.patch import Patcher

    plan = read_reform(reform)
    files = apply_reform(plan).files
    with pytest.raises(ReformError) as caught:
        Patcher(files, plan).apply(plan.operations[0])
    assert caught.value.text("en") == message and caught.value.span.file == str(base / "policy.yaml")


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("name", "abc", "reform.name must be a name in each language: {en: ..., zh: ...}, not 'abc'"),
        ("name", "{fr: x}", "reform.name must be a name in each language: {en: ..., zh: ...}, not a mapping"),
        ("name", "3", "reform.name must be a name in each language: {en: ..., zh: ...}, not 3"),
        ("note", "[a]", "reform.note must be text, not a list"),
        ("source", "3", "reform.source must be text or a mapping (document, section, quote), not 3"),
    ],
)
def test_the_reforms_own_fields_of_the_wrong_form_are_one_located_line(tmp_path, key, value, message):
    """The reform's name, note, source: a value of the wrong type was an internal error (exit 3)."""
    path = tmp_path / "r.yaml"
    line = f"reform: {{id: r, baseline: {BASE}, {key}: "
    path.write_text(f"{line}{value}}}\noperations: []\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["lint", "--reform", str(path)])
    assert (out.exit_code, out.output) == (2, f"policyengine: {path}:1:{len(line) + 1}: {message}\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["id", "baseline", "name", "description", "note", "source"]), value=VALUES)
def test_any_value_of_a_reforms_own_field_reads_or_is_an_error_at_that_value(tmp_path_factory, key, value):
    meta: dict[str, Any] = {"id": "r", "baseline": str(BASE), key: value}
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as root:
        path = Path(root) / "r.yaml"
        path.write_text(yaml.safe_dump({"reform": meta, "operations": []}, allow_unicode=True), encoding="utf-8")
        written, _ = load_text(str(path), path.read_text(encoding="utf-8"))
        try:
            plan = read_reform(path)
        except ReformError as error:
            assert error.span == written.documents[0]["reform"].value_span(key)
            assert error.render("en") and error.render("zh")
            return
        assert plan.id and plan.baseline

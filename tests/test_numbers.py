"""Numbers in a policy: every numeric field of the schema has a documented range, and whatever number
stands in it — nan, infinities, -0, 1e308, integers of hundreds or thousands of digits — lint gives
either no finding there or exactly one PE002 at the number, and lint, admit and simulate never fail
with an internal error (exit 3).

The fields are read from the schema, not listed here: a numeric field added to the schema is tested
as soon as tests/data/every-number.yaml sets it (a test says so until it does)."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine import schema
from policyengine.cli import main
from policyengine.config import STRUCTURAL
from policyengine.lint import lint_paths
from policyengine.loader import load_text
from policyengine.messages.catalogue import render
from policyengine.resources import policy_schema
from policyengine.schema import MARKER, validate
from policyengine.simulate.parameters import MAX_GRIDS, PARAMETERS
from policyengine.span import Span
from policyengine.yamlnodes import YMap, YSeq

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "every-number.yaml"
ON = "2020-01-01"
LARGEST = sys.float_info.max


class Field(NamedTuple):
    pointer: str  # where the schema declares it
    patterns: tuple[tuple[str, ...], ...]  # where it stands in a document: keys, "[]" any entry, "*" any key
    node: dict[str, Any]
    types: tuple[str, ...]  # what its place takes: its own types, or every alternative's


def _own_types(schema: dict[str, Any], node: Any, within: frozenset[str] = frozenset()) -> list[str]:
    if not isinstance(node, dict):
        return []
    if isinstance(node.get("$ref"), str):
        name = node["$ref"].removeprefix("#/$defs/")
        # a recursive definition (a party of parties) adds no type the first visit did not
        return [] if name in within else _own_types(schema, schema["$defs"][name], within | {name})
    kind = node.get("type")
    found = [kind] if isinstance(kind, str) else list(kind or [])
    for key in ("anyOf", "oneOf"):
        # `unstated`/`unknown` in place of a value is no type the value's message offers
        found += [t for sub in node.get(key, ()) if sub != MARKER for t in _own_types(schema, sub, within)]
    return list(dict.fromkeys(found))


def _numeric(node: dict[str, Any]) -> bool:
    kind = node.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "number" in kinds or "integer" in kinds


def _walk(
    schema: dict[str, Any],
    node: Any,
    pattern: tuple[str, ...],
    pointer: str,
    alternatives: list[str] | None = None,
    within: frozenset[str] = frozenset(),
) -> Iterator[tuple[str, tuple[str, ...], dict[str, Any], tuple[str, ...]]]:
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    # a definition that holds itself (a party of parties) is walked once along each path
    if isinstance(ref, str) and ref not in within:
        name = ref.removeprefix("#/$defs/")
        yield from _walk(schema, schema["$defs"][name], pattern, f"/$defs/{name}", alternatives, within | {ref})
    if _numeric(node):
        yield pointer, pattern, node, tuple(alternatives or _own_types(schema, node))
    for key in ("anyOf", "oneOf"):
        if key in node:
            every = alternatives or _own_types(schema, node)
            for index, sub in enumerate(node[key]):
                yield from _walk(schema, sub, pattern, f"{pointer}/{key}/{index}", every, within)
    for name, sub in node.get("properties", {}).items():
        yield from _walk(schema, sub, (*pattern, name), f"{pointer}/properties/{name}", within=within)
    yield from _walk(schema, node.get("items"), (*pattern, "[]"), f"{pointer}/items", within=within)
    yield from _walk(
        schema, node.get("additionalProperties"), (*pattern, "*"), f"{pointer}/additionalProperties", within=within
    )


def numeric_fields() -> list[Field]:
    """Every numeric node of the published schema, with every place a document can hold it."""
    schema = policy_schema()
    found: dict[str, Field] = {}
    for pointer, pattern, node, types in _walk(schema, schema, (), ""):
        old = found.get(pointer)
        found[pointer] = Field(pointer, (*(old.patterns if old else ()), pattern), node, types)
    return list(found.values())


FIELDS = numeric_fields()
IDS = [f.pointer.replace("/properties/", "/").strip("/") for f in FIELDS]


def _find(node: Any, pattern: tuple[str, ...]) -> tuple[Any, Any] | None:
    """The first (container, key) under `node` that `pattern` names and that holds a number."""
    if not pattern:
        return None
    step, rest = pattern[0], pattern[1:]
    if isinstance(node, YMap):
        keys = list(node) if step == "*" else [step] if step in node else []
    elif isinstance(node, YSeq) and step == "[]":
        keys = list(range(len(node)))
    else:
        return None
    for key in keys:
        value = node[key]
        if not rest:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return node, key
            continue
        found = _find(value, rest)
        if found:
            return found
    return None


def _span(container: Any, key: Any) -> Span:
    return container.value_span(key) if isinstance(container, YMap) else container.item_span(key)


def _replace(text: str, span: Span, new: str) -> str:
    lines = text.split("\n")
    line = lines[span.line - 1]
    start = span.column - 1
    end = start + len(re.match(r"[^\s,}\]#]+", line[start:])[0])  # type: ignore[index]
    lines[span.line - 1] = line[:start] + new + line[end:]
    return "\n".join(lines)


def placed(field: Field, number: str) -> tuple[str, int, int]:
    """The fixture with `number` written in the field's place, and the line and column it stands at.
    A field of the `{value: ...}` form of a parameter is written so where the fixture has the plain one,
    and an assumption's `range: [LOW, HIGH]` likewise, the number as LOW."""
    text = FIXTURE.read_text(encoding="utf-8")
    document = load_text(str(FIXTURE), text)[0].documents[0]
    for pattern in field.patterns:
        found = _find(document, pattern)
        if found:
            span = _span(*found)
            return _replace(text, span, number), span.line, span.column
        if pattern[-1] == "value" and (found := _find(document, pattern[:-1])):
            span = _span(*found)
            return _replace(text, span, "{value: " + number + "}"), span.line, span.column + len("{value: ")
        # an assumption's range: the number as LOW, the bound as HIGH (so a number within the bounds is no fault)
        if pattern[-2:] == ("range", "[]") and (found := _find(document, pattern[:-2])):
            span, written = _span(*found), "{range: [" + number + ", " + repr(field.node["maximum"]) + "]}"
            return _replace(text, span, written), span.line, span.column + len("{range: [")
    raise AssertionError(f"{FIXTURE.name} sets no {field.pointer}")


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def expected(field: Field, number: str) -> str | None:
    """What lint says at the number's place, read the way YAML 1.2 reads it; None: nothing."""
    node = field.node
    digits = number.lstrip("+-")
    if number in (".nan", ".inf", "-.inf") or (
        ("." in number or "e" in number.lower()) and (not math.isfinite(float(number)))
    ):
        return f"{_shown(number)} is not a valid finite number"
    value: float
    if re.fullmatch(r"[-+]?[0-9]+", number):
        if len(digits) > 4300 or abs(int(number)) > LARGEST:
            return f"{_shown(number)} is too large a number (a number in a policy is at most about 1.8e308)"
        value = int(number)
    else:
        value = float(number)
    if "number" not in field.types and not float(value).is_integer():
        return f"{_shown(value)} is not of type {' or '.join(field.types)}"
    if value < node["minimum"]:
        return f"{_shown(value)} is below the minimum {node['minimum']:,}"
    if value > node["maximum"]:
        return f"{_shown(value)} is above the maximum {node['maximum']:,}"
    return None


def lint_text(root: Path, text: str):
    root.mkdir(parents=True, exist_ok=True)
    (root / "policy.yaml").write_text(text, encoding="utf-8")
    return lint_paths([root], on=ON)


def _bounds(field: Field) -> list[str]:
    low, high = field.node["minimum"], field.node["maximum"]
    return [repr(x) for x in (low, high, high + 1, low - 1, high * 10)]


SPECIAL = [
    ".nan",
    ".inf",
    "-.inf",
    "-0",
    "-0.0",
    "1e308",
    "1.7e308",
    "-1.7e308",
    "1e400",
    "9" * 400,
    "-" + "9" * 400,
    "1" + "0" * 5000,
    "1.5",
]
NUMBERS = st.one_of(
    st.sampled_from(SPECIAL),
    st.integers().map(str),
    st.integers(min_value=10**15, max_value=10**320).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)


# -- the schema: every numeric field has a range ---------------------------------------------------


def test_the_schema_has_numeric_fields_everywhere_the_docs_say():
    assert len(FIELDS) > 60  # the policy sections' numbers, the stated counts, every simulation parameter twice


@pytest.mark.parametrize("field", FIELDS, ids=IDS)
def test_every_numeric_field_has_a_documented_range(field):
    """Bounded on both sides, and far inside what a double holds exactly: no sum or product a check
    makes of them overflows."""
    node = field.node
    assert "minimum" in node and "maximum" in node, field.pointer
    assert -(10**15) <= node["minimum"] < node["maximum"] <= 10**15
    assert not {"multipleOf", "exclusiveMinimum", "exclusiveMaximum"} & set(node)  # exact comparisons only


def test_a_simulation_may_have_as_many_grids_as_a_tier_may_count():
    tiers = policy_schema()["properties"]["tiers"]["items"]["properties"]["count"]["anyOf"][0]  # or a marker
    assert PARAMETERS["grids"].maximum == tiers["maximum"] == MAX_GRIDS


@pytest.mark.parametrize("field", FIELDS, ids=IDS)
def test_the_fixture_sets_every_numeric_field(field):
    text, line, column = placed(field, "1")
    assert text.split("\n")[line - 1][column - 1] == "1"


# -- lint: no finding, or exactly one PE002 at the number ------------------------------------------


def _lint_says(tmp_path_factory: Any, field: Field, number: str) -> None:
    text, line, column = placed(field, number)
    result = lint_text(tmp_path_factory.mktemp("n"), text)
    structural = [(f.code, f.span.line, f.span.column, f.message) for f in result.findings if f.code in STRUCTURAL]
    want = expected(field, number)
    assert structural == ([] if want is None else [("PE002", line, column, want)]), number


@pytest.mark.parametrize("field", FIELDS, ids=IDS)
def test_the_ends_of_a_range_and_numbers_past_any_range(tmp_path_factory, field):
    for number in (*_bounds(field), *SPECIAL):
        _lint_says(tmp_path_factory, field, number)


@pytest.mark.parametrize("field", FIELDS, ids=IDS)
@settings(max_examples=6, deadline=None)
@given(number=NUMBERS)
def test_any_number_in_any_field_is_accepted_or_one_located_pe002(tmp_path_factory, field, number):
    _lint_says(tmp_path_factory, field, number)


# -- no number makes any command fail inside ---------------------------------------------------------


def _one_line_or_findings(result: Any, path: Path) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:  # input refused: one located line
        lines = result.output.strip().split("\n")
        assert len(lines) == 1 and lines[0].startswith(f"policyengine: {path}"), result.output


@pytest.mark.parametrize("field", FIELDS, ids=IDS)
def test_admit_and_simulate_never_fail_inside_at_the_ends_of_a_range(tmp_path, field):
    """Each field at its minimum and its maximum (every other number as the fixture has it), and past
    every limit: exit 0 or 1, or one located line with exit 2 (a refused policy, a simulation too large)."""
    runner = CliRunner()
    for number in (repr(field.node["minimum"]), repr(field.node["maximum"]), "9" * 400):
        root = tmp_path / number[:8]
        root.mkdir()
        (root / "policy.yaml").write_text(placed(field, number)[0], encoding="utf-8")
        for argv in (
            ("admit", str(root), "--on", ON),
            ("simulate", str(root), "--on", ON, "--months", "1", "--runs", "2"),
        ):
            _one_line_or_findings(runner.invoke(main, argv), root / "policy.yaml")


@pytest.mark.parametrize("end", ["minimum", "maximum"])
def test_every_number_at_one_end_of_its_range_at_once(tmp_path, end):
    """Every field at its minimum together, then at its maximum: products and sums of extremes."""
    text = FIXTURE.read_text(encoding="utf-8")
    seen: set[tuple[int, int]] = set()
    for field in FIELDS:
        new, line, column = placed(field, repr(field.node[end]))
        if (line, column) in seen or any(form in new.split("\n")[line - 1] for form in ("{value:", "{range:")):
            continue  # a place fields share (a parameter's plain, `value` and `range` forms): the first is enough
        seen.add((line, column))
        text = _replace(text, Span("", line, column), repr(field.node[end]))
    (tmp_path / "policy.yaml").write_text(text, encoding="utf-8")
    result = lint_paths([tmp_path], on=ON)
    assert [f for f in result.findings if f.code in STRUCTURAL] == []
    for argv in (
        ("lint", str(tmp_path), "--on", ON),
        ("admit", str(tmp_path), "--on", ON),
        ("simulate", str(tmp_path), "--on", ON, "--months", "1", "--runs", "2"),
    ):
        _one_line_or_findings(CliRunner().invoke(main, argv), tmp_path / "policy.yaml")


# -- the schema check itself never overflows ---------------------------------------------------------


@pytest.mark.parametrize("number", [10**400, -(10**400), 10**4000, 1.7e308, -0.0], ids=_shown)
def test_validating_a_number_past_every_limit_gives_a_finding_not_an_error(number):
    """The loader refuses an integer beyond a double, but a document made another way may hold one:
    the schema compares numbers exactly, and says the number is out of range."""
    source, _ = load_text("p.yaml", "tiers:\n  - {id: g, name: {en: G}, count: 1}\n")
    document = source.documents[0]
    document["tiers"][0]["count"] = number
    violations, invalid = validate(document, Span("p.yaml", 1, 1))
    if number == -0.0:
        assert violations == [] and invalid == set()
        return
    bound = "below the minimum 0" if number < 0 else "above the maximum 10,000,000"
    assert invalid == {("tiers", 0)}
    assert [(v.code, v.span.line, v.span.column, render(v.message(), "en")) for v in violations] == [
        ("PE002", 2, 35, f"{_shown(number)} is {bound}")
    ]


def test_an_accelerator_that_cannot_hold_a_number_leaves_it_to_the_exact_check(monkeypatch):
    def overflows(document: Any) -> bool:
        raise OverflowError("int too large to convert to float")

    monkeypatch.setattr(schema, "_fast_check", lambda: overflows)
    source, _ = load_text("p.yaml", "tiers:\n  - {id: g, name: {en: G}, count: 1}\n")
    source.documents[0]["tiers"][0]["count"] = 10**400
    violations, _ = validate(source.documents[0], Span("p.yaml", 1, 1))
    assert [render(v.message(), "en") for v in violations] == [f"{_shown(10**400)} is above the maximum 10,000,000"]


def _fmt(number: float) -> str:
    return f"{int(number):,}" if float(number).is_integer() else f"{number:,}"


def _row(pattern: tuple[str, ...]) -> str:
    """The name a field's row has on the limits page: its keys, a parameter without its `value` or
    `range` (a range's two numbers have the parameter's bounds)."""
    keys = [p for p in pattern if p not in ("[]", "*")]
    if keys[:2] == ["simulation", "parameters"] and keys[-1] in ("value", "range"):
        keys = keys[:-1]
    return ".".join(keys)


def test_the_limits_page_lists_every_numeric_field_with_its_range():
    """docs/limits.md and its Chinese page give each field's range as the schema has it."""
    for page in ("limits.md", "limits.zh.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        rows = dict(re.findall(r"^\| `([^`]+)` \| ([^|]+) \|", text, re.M))
        for field in FIELDS:
            names = {_row(pattern) for pattern in field.patterns}
            name = next((r for r in rows if any(n == r or n.endswith("." + r) for n in names)), None)
            assert name is not None, (page, field.pointer)
            low, high = field.node["minimum"], field.node["maximum"]
            assert rows[name].strip() == f"{_fmt(low)} – {_fmt(high)}", (page, name, rows[name])


def test_the_schema_file_is_the_json_the_package_ships():
    text = (ROOT / "schemas" / "policy.schema.json").read_text(encoding="utf-8")
    assert json.loads(text) == policy_schema()

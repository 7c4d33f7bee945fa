"""Applying a reform takes time in proportion to its size and the baseline's, not to their product.

The documents are scanned once, when the reform starts to apply (`Index.build`, the one function
that visits every declaration); each operation then finds what it names through the index and
updates it, indexing only the declarations it adds (`Index.enter`). Before, every `add` rebuilt the
list of its section's entries, and applying took time in proportion to the operations times the
declarations. The benchmark (benchmarks/bench_reform.py) measures the time; these tests hold the
shape of the algorithm, which does not depend on the machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policyengine.reform import apply_reform, invert, read_reform
from policyengine.reform.index import Index

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "admission" / "inadmissible_item"
KINDS = 10  # operations in one block of `mixed`


def mixed(blocks: int) -> str:
    """A reform of `blocks` blocks of ten operations, every kind of operation in each: an item added
    into a list, set, funded, moved into another list, a power granted and revoked, a procedure added
    with rules, a field set, and the item removed or its kind unset."""
    ops = []
    for b in range(blocks):
        item = f"items/r{b}"
        ops += [
            f"  - {{op: add, section: items, value: {{id: r{b}, kind: line, tier: grid, role: assist}},"
            " lists: [grid_line_list]}",
            f"  - {{op: set, target: {item}, path: role, value: report}}",
            f"  - {{op: transfer, target: {item}, money: 10, people: 1}}",
            f"  - {{op: move, target: {item}, tier: street, lists: [{{list: grid_line_list, at: 0}}]}}",
            "  - {op: grant, to: {unit: grid_team}, powers: [penalty]}",
            "  - {op: revoke, from: {unit: grid_team}, powers: [penalty]}",
            f"  - {{op: add, section: admission, value: {{id: a{b}, tier: grid, criteria: [otherwise admit]}}}}",
            f"  - {{op: add_rules, target: admission/a{b}, criteria: [otherwise admit]}}",
            f"  - {{op: set, target: {item}, path: cost.hours_per_month, value: 5}}",
            f"  - {{op: remove, target: {item}}}" if b % 2 else f"  - {{op: unset, target: {item}, path: kind}}",
        ]
    assert len(ops) == KINDS * blocks
    return "\n".join(ops) + "\n"


def write(tmp_path: Path, blocks: int) -> Path:
    path = tmp_path / f"r{blocks}.yaml"
    path.write_text(f"reform:\n  id: r\n  baseline: {BASE}\noperations:\n{mixed(blocks)}", encoding="utf-8")
    return path


@pytest.fixture
def counted(monkeypatch):
    """Calls of the full scan of the documents and of each declaration indexed."""
    calls = {"build": 0, "enter": 0}
    build, enter = Index.build, Index.enter

    def counting_build(self, files):
        calls["build"] += 1
        return build(self, files)

    def counting_enter(self, section, entry, seq):
        calls["enter"] += 1
        return enter(self, section, entry, seq)

    monkeypatch.setattr(Index, "build", counting_build)
    monkeypatch.setattr(Index, "enter", counting_enter)
    return calls


@pytest.mark.parametrize("blocks", [1, 30, 300])
def test_the_documents_are_scanned_once_whatever_the_number_of_operations(tmp_path, counted, blocks):
    applied = apply_reform(read_reform(write(tmp_path, blocks)))
    assert len(applied.touched) == KINDS * blocks
    declarations = 4 + 3 + 1 + 2 + 1 + 1  # tiers, units, grants, items, lists, admission
    # each declaration of the baseline once, and each the reform adds (an item, a grant, a procedure
    # per block) once: linear in the size of the baseline and of the reform
    assert counted == {"build": 1, "enter": declarations + 3 * blocks}


def test_the_index_follows_the_edits(tmp_path):
    """What the operations look up after other operations changed it: a renamed id, an item put
    into and taken out of lists, the grants of a holder. The result is the policy the reform means."""
    path = tmp_path / "r.yaml"
    path.write_text(
        f"reform:\n  id: r\n  baseline: {BASE}\noperations:\n"
        "  - {op: set, target: items/fire_hazard_reporting, path: id, value: renamed}\n"
        "  - {op: set, target: items/renamed, path: role, value: assist}\n"
        "  - {op: add, section: lists, value: {id: second, tier: grid, kind: duties}}\n"
        "  - {op: move, target: items/renamed, tier: grid, lists: [second]}\n"
        "  - {op: set, target: lists/grid_line_list, path: items, value: [renamed, occupied_road_clearance]}\n"
        "  - {op: remove, target: items/renamed}\n"
        "  - {op: grant, to: {unit: grid_team}, powers: [penalty]}\n"
        "  - {op: set, target: 'grants[1]', path: unit, value: fire_department}\n"
        "  - {op: revoke, from: {unit: fire_department}, powers: [penalty]}\n",
        encoding="utf-8",
    )
    applied = apply_reform(read_reform(path))
    (document,) = applied.files[0].documents
    lists = {lst["id"]: list(lst.get("items", [])) for lst in document["lists"]}
    assert lists == {"grid_line_list": ["occupied_road_clearance"], "second": []}
    assert [item["id"] for item in document["items"]] == ["occupied_road_clearance"]
    assert [(g.get("unit"), list(g["powers"])) for g in document["grants"]] == [
        ("grid_team", ["report", "verify"]),
        ("fire_department", []),
    ]


def test_a_long_reform_is_undone_exactly(tmp_path):
    """The inverse looks positions up through the same index: a reform of every kind, many times."""
    text = invert(write(tmp_path, 20))
    assert text.count("- op:") >= KINDS * 20

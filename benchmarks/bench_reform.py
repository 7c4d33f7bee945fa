"""Benchmark applying a reform: the time per operation from 1,000 to 20,000 operations, and the floor.

    python benchmarks/bench_reform.py                         # 1,000 / 5,000 / 20,000 operations
    python benchmarks/bench_reform.py --ops 1000,20000 --repeat 5 --json reform.json
    python benchmarks/bench_reform.py --lint                  # also the whole lint of the reformed policy

One synthetic baseline is generated (benchmarks/generate.py: --items items, --units units). For each
size, a reform of that many operations is written beside it: blocks of ten, each block every kind
of operation on the generated declarations and its own (an item added into a grid list, set,
funded, moved into another list, a power granted to a unit and revoked, an admission procedure
added and given rules, a field set, then the item removed or a field unset).

Measured in this process, best of --repeat interleaved runs, with the cyclic garbage collector
paused in every run as the linter pauses it, in wall time and CPU time (time.process_time):

- floor: what applying a reform cannot avoid: reading the reform file (`read_reform`, which parses
  every operation) and loading and copying the baseline (`baseline_of`).
- apply: `read_reform` and `apply_reform`, the whole application.
- operations: apply - floor, the time the operations take; per operation in microseconds, and
  over the time reading the reform takes per operation (ops/read).
- lint (with --lint): `lint_paths([], reform=...)`, the reformed policy read, built and checked.

The growth line divides the time per operation at each size by that at the previous size: about
1.00 is linear (each operation costs the same whatever the operations before it); 20x more
operations at a ratio of 20 would mean quadratic work. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # measure the checkout's package, installed or not

import generate  # noqa: E402
import yaml  # noqa: E402
from bench_lint import environment, parse_sizes  # noqa: E402

GOAL_GROWTH = 1.3  # per-operation time, largest size over smallest: flat within the noise of a shared machine
BLOCK = 10


def declarations(policy: Path) -> tuple[list[str], list[str]]:
    """The generated grid lists of duties and the units, which the operations name."""
    lists = yaml.load((policy / "lists.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["lists"]
    units = yaml.load((policy / "units.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["units"]
    grid = [x["id"] for x in lists if x["tier"] == "grid" and x.get("kind") == "duties"]
    return grid, [u["id"] for u in units]


def operations(count: int, lists: list[str], units: list[str]) -> list[str]:
    """`count` operations (a whole number of blocks of ten) in flow style, one a line."""
    out = []
    for b in range(count // BLOCK):
        item, first, second, unit = (
            f"items/r{b}",
            lists[b % len(lists)],
            lists[(b + 1) % len(lists)],
            units[b % len(units)],
        )
        out += [
            f"{{op: add, section: items, value: {{id: r{b}, name: {{en: R{b}}}, kind: line, tier: grid,"
            f" role: assist, owner: {units[1]}}}, lists: [{first}]}}",
            f"{{op: set, target: {item}, path: role, value: report}}",
            f"{{op: transfer, target: {item}, money: 100, people: 0.1, powers: [report]}}",
            f"{{op: move, target: {item}, tier: grid, lists: [{{list: {second}, at: 0}}]}}",
            f"{{op: grant, to: {{unit: {unit}}}, powers: [penalty]}}",
            f"{{op: revoke, from: {{unit: {unit}}}, powers: [penalty]}}",
            f"{{op: add, section: admission, value: {{id: gate_{b}, tier: grid, criteria: [otherwise admit]}}}}",
            f"{{op: add_rules, target: admission/gate_{b}, criteria: ['when item.kind == \"line\" then admit']}}",
            f"{{op: set, target: {item}, path: cost.hours_per_month, value: 5}}",
            f"{{op: remove, target: {item}}}" if b % 2 else f"{{op: unset, target: {item}, path: kind}}",
        ]
    return out


def write_reform(where: Path, policy: Path, count: int, lists: list[str], units: list[str]) -> Path:
    path = where / f"reform_{count}.yaml"
    body = "".join(f"  - {op}\n" for op in operations(count, lists, units))
    path.write_text(f"reform:\n  id: bench_{count}\n  baseline: {policy}\noperations:\n{body}", encoding="utf-8")
    return path


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of one run, the cyclic garbage collector paused as the linter pauses it."""
    gc.collect()
    gc.disable()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - wall, time.process_time() - cpu
    finally:
        gc.enable()


def measure(count: int, path: Path, args: argparse.Namespace) -> dict[str, Any]:
    from policyengine.lint import lint_paths
    from policyengine.reform import apply_reform, read_reform
    from policyengine.reform.apply import baseline_of

    plan = read_reform(path)
    applied = apply_reform(plan)
    assert applied.sound and len(applied.touched) == count, "every operation applies"

    runs: dict[str, list[Callable[[], Any]]] = {
        "read": [lambda: read_reform(path)],
        "floor": [lambda: baseline_of(read_reform(path))],
        "apply": [lambda: apply_reform(read_reform(path))],
    }
    if args.lint:
        runs["lint"] = [lambda: lint_paths([], reform=path)]
    best: dict[str, tuple[float, float]] = {}
    for run in range(args.repeat):
        for name, (fn,) in runs.items():
            wall, cpu = timed(fn)
            old = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(old[0], wall), min(old[1], cpu))
        print(
            f"  {count} ops, run {run + 1}/{args.repeat}: apply {best['apply'][0]:.3f} s", file=sys.stderr, flush=True
        )
    row: dict[str, Any] = {"ops": count}
    for name, (wall, cpu) in best.items():
        row[f"{name}_s"], row[f"{name}_cpu_s"] = wall, cpu
    for clock in ("", "_cpu"):
        ops = max(row[f"apply{clock}_s"] - row[f"floor{clock}_s"], 0.0)
        row[f"ops{clock}_s"] = ops
        row[f"ops{clock}_us_per_op"] = ops / count * 1e6
        row[f"apply{clock}_over_floor"] = row[f"apply{clock}_s"] / row[f"floor{clock}_s"]  # ops below 0: noise
        row[f"ops{clock}_over_read"] = ops / row[f"read{clock}_s"]
    return row


def growth(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for prev, cur in itertools.pairwise(rows):
        step: dict[str, Any] = {"from": prev["ops"], "to": cur["ops"]}
        for key in ("ops", "ops_cpu", "apply", "read"):
            before = prev[f"{key}_s"] / prev["ops"]
            step[key] = (cur[f"{key}_s"] / cur["ops"]) / before if before > 0 else None  # None: lost in the noise
        out.append(step)
    return out


def report(rows: list[dict[str, Any]], steps: list[dict[str, Any]], lint: bool) -> str:
    header = ["ops", "read s", "floor s", "apply s", "apply cpu s", "apply/floor", "ops s", "µs/op", "µs/op cpu"]
    header += ["ops/read"] + (["lint s"] if lint else [])
    table = [header]
    for r in rows:
        cells = [f"{r['ops']:,}", f"{r['read_s']:.3f}", f"{r['floor_s']:.3f}", f"{r['apply_s']:.3f}"]
        cells += [f"{r['apply_cpu_s']:.3f}", f"{r['apply_over_floor']:.2f}", f"{r['ops_s']:.3f}"]
        cells += [f"{r['ops_us_per_op']:.1f}", f"{r['ops_cpu_us_per_op']:.1f}", f"{r['ops_over_read']:.2f}"]
        table.append(cells + ([f"{r['lint_s']:.3f}"] if lint else []))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print()
    for k, row in enumerate(table):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print("(best of the runs; floor = reading the reform file and loading and copying the baseline;")
    print(" ops = apply - floor; ops/read = the operations' time over the time to read them)")
    if steps:
        print("\ngrowth of the time per operation (linear growth gives about 1.00):")
        for s in steps:
            ratios = {k: "-" if s[k] is None else f"x{s[k]:.2f}" for k in ("ops", "ops_cpu", "apply", "read")}
            print(
                f"  {s['from']:>6} -> {s['to']:<6}  operations {ratios['ops']} (cpu {ratios['ops_cpu']})   "
                f"apply {ratios['apply']}   read {ratios['read']}"
            )
    first, last = rows[0], rows[-1]
    flat = last["ops_cpu_us_per_op"] / first["ops_cpu_us_per_op"] if first["ops_cpu_us_per_op"] else float("nan")
    met = "met" if flat <= GOAL_GROWTH else "NOT met"
    verdict = (
        f"goal: CPU time per operation at {last['ops']:,} ops within x{GOAL_GROWTH:g} of that at "
        f"{first['ops']:,}: {met} (x{flat:.2f}; {first['ops_cpu_us_per_op']:.1f} -> {last['ops_cpu_us_per_op']:.1f} µs)"
    )
    print()
    print(verdict)
    return verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ops", type=parse_sizes, default=parse_sizes("1000,5000,20000"), help="operation counts")
    parser.add_argument("--items", type=int, default=1000, help="items in the baseline (default 1000)")
    parser.add_argument("--units", type=int, default=100, help="units in the baseline (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--lint", action="store_true", help="also time the lint of the reformed policy")
    parser.add_argument("--keep", metavar="DIR", help="keep the baseline and the reforms in DIR")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.units < generate.MIN_UNITS:
        parser.error(f"--units must be at least {generate.MIN_UNITS}")
    sizes = [n - n % BLOCK for n in args.ops if n >= BLOCK]
    if not sizes:
        parser.error(f"--ops must hold counts of at least {BLOCK}")
    env = environment()
    print(f"python {env['python']} ({env['implementation']}), PyYAML {env['pyyaml']}, {env['cpus']} CPUs")
    rows = []
    with tempfile.TemporaryDirectory(prefix="policyengine-bench-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        policy = work / "baseline"
        generate.generate(policy, items=args.items, units=args.units, seed=args.seed, clean=True)
        lists, units = declarations(policy)
        for count in sizes:
            rows.append(measure(count, write_reform(work, policy, count, lists, units), args))
    steps = growth(rows)
    verdict = report(rows, steps, args.lint)
    if args.json:
        document = {"environment": env, "items": args.items, "units": args.units, "repeat": args.repeat}
        document |= {"rows": rows, "growth": steps, "verdict": verdict}
        Path(args.json).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

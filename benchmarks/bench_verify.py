"""Benchmark `policyengine verify`: the bundled policies against loading them, and the growth of coverage
and dead clauses with the number of clauses and powers.

    python benchmarks/bench_verify.py                           # bundled policies; 10 / 100 / 1,000 clauses
    python benchmarks/bench_verify.py --sizes 10,100 --repeat 5 --json verify.json
    python benchmarks/bench_verify.py --no-growth               # the bundled policies only

Measured in this process, best of --repeat interleaved runs, wall time (perf_counter) and CPU time of
the process (process_time), the cyclic garbage collector on as in the command:

- bundled: policies/h_district, each reform in examples/reforms/ and each policy in
  examples/regulations/. The floor is loading and compiling the policy as `verify` loads it
  (`lint_paths` with the structural checks, PE006 and PE007; for a reform, its baseline too). verify
  is the same loading and then every property (`verify.run.verify`), and for a reform the semantic
  diff against its baseline (`verify.diff.changes`): what `policyengine verify` runs before printing.
  command: `policyengine verify` run in a process of its own (`python -m policyengine`), the
  interpreter's start and imports included, its CPU time the child's. Goal: each H District reform
  verified by the command in under 2 s.
- growth: a policy of N clauses written here (N categories, N declared powers, the grid holding half
  of them, one admission procedure whose criteria are rules of at most 100 clauses, each clause
  testing one category and either `item.requires <= powers(item.tier) + item.funding.powers` or one
  power in `item.requires`, and the last clause of each rule repeating its first: dead). Timed
  separately: the floor (`lint_paths`), the encoding (`Session`), coverage and dead clauses
  (`verify.properties.coverage` / `.dead`, each on a session of its own). The growth exponent is
  the slope of log time over log N between the two largest sizes: 1 is linear, 2 quadratic.
  Goal (the issue's): no worse than linear for coverage and dead clauses.

A measurement whose runs have taken --budget seconds is not run again (the dead clauses grow about
quadratically: seconds at 1,000 clauses, more beyond). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))  # measure the checkout's package, installed or not

from bench_lint import environment, parse_sizes  # noqa: E402

GOAL_SECONDS = 2.0  # each H District reform, verified
GOAL_EXPONENT = 1.0  # coverage and dead clauses: linear in the number of clauses (and powers)
PER_RULE = 100  # clauses per rule: a rule holds at most 20,000 characters
ON = "2026-01-01"


# ----------------------------------------------------------------------------- loading and proving


def load(paths: list[str], reform: str | None) -> Any:
    from policyengine.clikit import bundled_path
    from policyengine.config import STRUCTURAL, Config
    from policyengine.lint import lint_paths

    checked = Config(select=frozenset((*STRUCTURAL, "PE006", "PE007")))
    result = lint_paths(paths, checked, "en", ON, reform, bundled_path)
    if result.findings or result.policy is None or result.rules is None:
        raise SystemExit(f"{paths or reform}: the policy has errors; verify would not run: {result.findings[:3]}")
    return result


def baseline_of(reform: str) -> tuple[list[str], str | None]:
    """The policy a reform changes, as `verify --reform R` finds it: a directory, or a reform itself."""
    from policyengine.clikit import bundled_path
    from policyengine.reform.apply import is_reform_file
    from policyengine.reform.read import read_reform

    base = Path(read_reform(Path(reform), bundled_path).baseline)
    return ([], str(base)) if base.is_file() and is_reform_file(base) else ([str(base)], None)


def targets() -> list[tuple[str, str, list[str], str | None]]:
    """(group, label, paths, reform) for every bundled policy."""
    out: list[tuple[str, str, list[str], str | None]] = [
        ("h_district", "policies/h_district", ["policies/h_district"], None)
    ]
    for reform in sorted((ROOT / "examples" / "reforms").glob("*.yaml")):
        rel = str(reform.relative_to(ROOT))
        out.append(("reform", rel, [], rel))
    for folder in sorted(p for p in (ROOT / "examples" / "regulations").iterdir() if p.is_dir()):
        rel = str(folder.relative_to(ROOT))
        out.append(("regulation", rel, [rel], None))
    return out


def floor_of(paths: list[str], reform: str | None) -> Callable[[], Any]:
    def run() -> Any:
        result = load(paths, reform)
        if reform is not None:
            load(*baseline_of(reform))
        return result

    return run


def verify_of(paths: list[str], reform: str | None, timeout: float) -> Callable[[], list[Any]]:
    from policyengine.verify.diff import changes
    from policyengine.verify.run import verify

    def run() -> list[Any]:
        result = load(paths, reform)
        label = " ".join(paths) or (reform or "")
        reports = [verify(result.policy, result.rules, ON, timeout, label)]
        if reform is not None:
            base = load(*baseline_of(reform))
            reports.append(changes((base.policy, base.rules), (result.policy, result.rules), ON, timeout, label))
        return reports

    return run


def command_of(paths: list[str], reform: str | None, timeout: float) -> Callable[[], int]:
    """`policyengine verify` in a process of its own: what a person waits for, the interpreter's start
    and the imports included. Its CPU time is the child's (RUSAGE_CHILDREN), added by `timed`."""
    argv = [sys.executable, "-m", "policyengine", "verify", *paths, "--on", ON, "--timeout", str(timeout)]
    argv += ["--reform", reform] if reform else []
    env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}

    def run() -> int:
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.decode()[-500:]}")
        return done.returncode

    return run


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    gc.collect()
    wall, cpu, child = time.perf_counter(), time.process_time(), children_cpu()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu + children_cpu() - child, out


def best_of(
    runs: dict[str, Callable[[], Any]], repeat: int, budget: float, note: str
) -> tuple[dict[str, tuple[float, float]], dict[str, Any]]:
    """Best wall and CPU time of each run, the runs interleaved; a run that has taken `budget` seconds
    in all is not run again. Also what each run returned last."""
    best: dict[str, tuple[float, float]] = {}
    spent: dict[str, float] = dict.fromkeys(runs, 0.0)
    outs: dict[str, Any] = {}
    for attempt in range(repeat):
        for name, fn in runs.items():
            if attempt and spent[name] >= budget:
                continue
            wall, cpu, outs[name] = timed(fn)
            spent[name] += wall
            old = best.get(name, (math.inf, math.inf))
            best[name] = (min(old[0], wall), min(old[1], cpu))
        print(f"  {note}, run {attempt + 1}/{repeat}", file=sys.stderr, flush=True)
    return best, outs


def start_of() -> Callable[[], int]:
    """The command's own floor: an interpreter that imports the command line, the verifier and z3."""
    argv = [sys.executable, "-c", "import policyengine.cli, policyengine.verify.run, z3"]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    return lambda: subprocess.run(argv, env=env, check=True).returncode


def bundled(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    gate = "examples/reforms/admission_gate.yaml"
    verify_of([], gate, args.timeout)()  # once untimed: imports, the rule grammar and the schema loaded
    best, _ = best_of({"start": start_of()}, args.repeat, args.budget, "interpreter start")
    rows.append({"group": "start", "policy": "(start)", "start_s": best["start"][0], "start_cpu_s": best["start"][1]})
    for group, label, paths, reform in targets():
        runs = {"floor": floor_of(paths, reform), "verify": verify_of(paths, reform, args.timeout)}
        runs["command"] = command_of(paths, reform, args.timeout)
        best, outs = best_of(runs, args.repeat, args.budget, label)
        props = [p for report in outs["verify"] for p in report.properties]
        row: dict[str, Any] = {"group": group, "policy": label, "properties": len(props)}
        for status in ("proved", "refuted", "unknown"):
            row[status] = sum(p.status == status for p in props)
        for name, (wall, cpu) in best.items():
            row[f"{name}_s"], row[f"{name}_cpu_s"] = wall, cpu
        row["ratio"] = row["verify_s"] / row["floor_s"]
        row["ratio_cpu"] = row["verify_cpu_s"] / row["floor_cpu_s"]
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------- growth


def synthetic(n: int) -> str:
    """A policy of `n` clauses over `n` categories and `n` powers (see the module's docstring)."""
    kinds = ("line", "routine", "temporary")
    out = [
        "policy: {id: verify_bench, name: {en: Verify benchmark}}",
        "tiers:",
        "  - {id: district, name: {en: District}}",
        "  - {id: grid, name: {en: Grid}, parent: district}",
        "units:",
        "  - {id: dept, name: {en: Department}, tier: district, kind: functional_department}",
        "  - {id: team, name: {en: Grid team}, tier: grid, kind: grid_team}",
        "powers:",
        *(f"  - {{id: p{k}}}" for k in range(n)),
        "grants:",
        "  - {unit: dept, powers: [" + ", ".join(f"p{k}" for k in range(n)) + "]}",
        "  - {unit: team, powers: [report, " + ", ".join(f"p{k}" for k in range(n // 2)) + "]}",
        "categories:",
        *(f"  - {{id: c{k}, name: {{en: C{k}}}, kind: {kinds[k % 3]}}}" for k in range(n)),
        "lists:",
        "  - {id: grid_list, tier: grid, kind: duties, items: []}",
        "admission:",
        "  - id: gate",
        "    tier: grid",
        "    lists: [grid_list]",
        "    criteria:",
    ]
    for start in range(0, n, PER_RULE):
        size = min(PER_RULE, n - start)
        out.append("      - >")
        for k in range(start, start + size):
            c = start if k == start + size - 1 and size > 1 else k  # the last repeats the first: dead
            if c % 2 == 0:
                test = "item.requires <= powers(item.tier) + item.funding.powers then admit"
            else:
                test = f'"p{c}" in item.requires then reject "c{c} needs p{c}"'
            out.append(f'        when item.category == "c{c}" and {test}')
    return "\n".join(out) + "\n"


def growth(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    from policyengine.verify import properties
    from policyengine.verify.session import Session

    rows = []
    for n in args.sizes:
        folder = work / f"clauses_{n}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "policy.yaml").write_text(synthetic(n), encoding="utf-8")
        result = load([str(folder)], None)
        policy, rules = result.policy, result.rules

        def fresh(policy: Any = policy, rules: Any = rules) -> Any:
            return Session(policy, rules, ON, args.timeout)

        runs: dict[str, Callable[[], Any]] = {
            "floor": lambda f=folder: load([str(f)], None),
            "encode": fresh,
            "coverage": lambda: list(properties.coverage(fresh())),
            "dead": lambda: list(properties.dead(fresh())),
        }
        best, outs = best_of(runs, args.repeat, args.budget, f"{n} clauses")
        row: dict[str, Any] = {"clauses": n, "rules": len(rules.criteria["gate"])}
        for name, (wall, cpu) in best.items():
            row[f"{name}_s"], row[f"{name}_cpu_s"] = wall, cpu
        for name in ("coverage", "dead"):  # the property alone: the session is built in each run
            for clock in ("", "_cpu"):
                row[f"{name}_only{clock}_s"] = max(row[f"{name}{clock}_s"] - row[f"encode{clock}_s"], 0.0)
        row["coverage"] = [p.status for p in outs["coverage"]]
        row["dead_clauses"] = sum(p.status != "proved" for p in outs["dead"])
        rows.append(row)
    return rows


def exponents(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """log-log slope of each time between the two largest sizes (None: a time lost in the noise)."""
    if len(rows) < 2:
        return {}
    a, b = rows[-2], rows[-1]
    out: dict[str, float | None] = {}
    for key in ("floor", "encode", "coverage_only", "dead_only"):
        for clock in ("", "_cpu"):
            t0, t1 = a[f"{key}{clock}_s"], b[f"{key}{clock}_s"]
            ok = t0 > 0 and t1 > 0
            out[f"{key}{clock}"] = math.log(t1 / t0) / math.log(b["clauses"] / a["clauses"]) if ok else None
    return out


# ----------------------------------------------------------------------------- the printout


def table(header: list[str], body: list[list[str]], left: int = 1) -> None:
    rows = [header, *body]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for k, row in enumerate(rows):
        cells = [c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        print("  ".join(cells))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def secs(wall: float, cpu: float) -> str:
    return f"{wall:.2f} s ({cpu:.2f})"


def print_bundled(rows: list[dict[str, Any]]) -> str:
    start, rows = rows[0], rows[1:]
    print("\nbundled policies: wall time, CPU time in brackets; best of the runs")
    header = ["policy", "proved", "refuted", "unknown", "floor", "verify", "verify/floor", "solver", "command"]
    body = []
    for r in rows:
        solver = secs(max(r["verify_s"] - r["floor_s"], 0), max(r["verify_cpu_s"] - r["floor_cpu_s"], 0))
        counts = [str(r["proved"]), str(r["refuted"]), str(r["unknown"])]
        times = [secs(r["floor_s"], r["floor_cpu_s"]), secs(r["verify_s"], r["verify_cpu_s"])]
        ratio, command = f"{r['ratio']:.2f} ({r['ratio_cpu']:.2f})", secs(r["command_s"], r["command_cpu_s"])
        body.append([r["policy"], *counts, *times, ratio, solver, command])
    table(header, body)
    print("(floor = loading and compiling the policy, and a reform's baseline; verify = the same and every")
    print(" property, and for a reform the diff against its baseline; solver = verify - floor;")
    print(" command = `policyengine verify` in a process of its own, the interpreter's start included)")
    print(
        f"interpreter start, policyengine's command line, the verifier and z3 imported: "
        f"{secs(start['start_s'], start['start_cpu_s'])}"
    )
    reforms = [r for r in rows if r["group"] == "reform"]
    if not reforms:
        return ""
    slowest = max(reforms, key=lambda r: r["command_s"])
    met = all(r["command_s"] < GOAL_SECONDS for r in reforms)
    verdict = (
        f"goal each H District reform verified in under {GOAL_SECONDS:g} s (the command): "
        f"{'met' if met else 'NOT met'} (slowest {slowest['policy']}: {slowest['command_s']:.2f} s wall, "
        f"{slowest['command_cpu_s']:.2f} s CPU; in this process {slowest['verify_s']:.2f} s)"
    )
    print("\n" + verdict)
    return verdict


def print_growth(rows: list[dict[str, Any]], slopes: dict[str, float | None]) -> str:
    print("\ngrowth with the number of clauses (= categories = powers): wall time, CPU time in brackets")
    header = ["clauses", "rules", "floor", "encode", "coverage", "dead clauses", "coverage says", "dead found"]
    body = []
    for r in rows:
        times = [secs(r[f"{k}_s"], r[f"{k}_cpu_s"]) for k in ("floor", "encode", "coverage_only", "dead_only")]
        body.append([f"{r['clauses']:,}", str(r["rules"]), *times, ",".join(r["coverage"]), str(r["dead_clauses"])])
    table(header, body, left=0)
    print("(floor = loading and compiling the policy; encode = the session (the item, the cascade); coverage and")
    print(" dead clauses = each property's run minus encode; dead found = clauses found dead, one per rule written)")
    if not slopes:
        return ""
    a, b = rows[-2]["clauses"], rows[-1]["clauses"]

    def fmt(key: str) -> str:
        wall, cpu = slopes[key], slopes[key + "_cpu"]
        return f"{'-' if wall is None else f'{wall:.2f}'} (CPU {'-' if cpu is None else f'{cpu:.2f}'})"

    print(f"\ngrowth exponent {a:,} -> {b:,} clauses (log-log slope; 1 is linear, 2 quadratic):")
    for key, what in (("floor", "floor"), ("encode", "encode"), ("coverage_only", "coverage"), ("dead_only", "dead")):
        print(f"  {what:<9} {fmt(key)}")
    worst = [slopes[k + "_cpu"] for k in ("coverage_only", "dead_only")]
    met = all(s is not None and s <= GOAL_EXPONENT + 0.15 for s in worst)  # 0.15: a shared machine's noise
    verdict = (
        f"goal coverage and dead clauses no worse than linear: {'met' if met else 'NOT met'} "
        f"(exponents: coverage {fmt('coverage_only')}, dead clauses {fmt('dead_only')})"
    )
    print("\n" + verdict)
    return verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("10,100,1000"), help="clause counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per solver question (default 600)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds after which a run is not repeated")
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled policies")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth with the number of clauses")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated policies in DIR")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.timeout > 0:
        parser.error("--timeout must be positive")
    try:
        import z3
    except ImportError:
        print("verify needs the z3 solver: pip install 'policyengine[verify]'", file=sys.stderr)
        return 2
    keep, out = (Path(p).resolve() if p else None for p in (args.keep, args.json))
    os.chdir(ROOT)  # the bundled policies by their paths in the checkout, as the README runs them
    env = environment() | {"z3": z3.get_version_string(), "load": os.getloadavg()}
    print(f"python {env['python']}, z3 {env['z3']}, {env['cpus']} CPUs, load {env['load'][0]:.2f} at the start")
    document: dict[str, Any] = {"environment": env, "repeat": args.repeat, "timeout": args.timeout}
    verdicts = []
    if not args.no_bundled:
        document["bundled"] = rows = bundled(args)
        verdicts.append(print_bundled(rows))
    if not args.no_growth:
        with tempfile.TemporaryDirectory(prefix="policyengine-bench-") as tmp:
            document["growth"] = rows = growth(args, keep or Path(tmp))
        document["exponents"] = slopes = exponents(rows)
        verdicts.append(print_growth(rows, slopes))
    load_end = os.getloadavg()
    print(f"\nload {load_end[0]:.2f} at the end (1-minute average; {env['cpus']} CPUs)")
    if out is not None:
        document |= {"verdicts": verdicts, "load_end": load_end}
        out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

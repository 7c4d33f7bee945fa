"""Benchmark admission decisions against the floor: a hand-written plain-Python gate, same run.

    python benchmarks/bench_admit.py                          # 100,000 items, 1,000 units
    python benchmarks/bench_admit.py --sizes 10000,100000 --repeat 3 --json admit.json
    python benchmarks/bench_admit.py --sizes 10000 --profile 25   # also profile the engine's loop

For each size a synthetic policy is generated (benchmarks/generate.py). Every admission
procedure of the grid tier that governs the grid's lists is given the H District admission-gate
criteria (GATE below) through a reform (`replace_rules`), and the reformed policy is loaded once
with ``lint_paths([], reform=...)``; loading is reported but not measured against the floor.
Then, in this process, the best of --repeat interleaved runs of:

- engine loop: ``[decide_item(policy, rules, facts, item) for item in items]`` with Facts (and
  its PolicyGraph) built once beforehand;
- floor loop: the same decisions computed by plain Python from the same Policy and graph
  (``floor_decisions``), its one-off preparation (per-tier powers, which lists hold each item,
  the procedures of each tier) included in its time;
- engine full: ``decide(policy, rules, on)``, which also builds the PolicyGraph and the bills;
- floor full: a new PolicyGraph, the floor loop and the same bills.

The engine keeps its governance index (which lists hold each item) per Policy object, so only its
first run builds it; the floor builds its own in every run. Diagnostics, outside the goal:
governing() alone on a sample of the items, and with --profile N a cProfile of one more engine
loop at the largest size.

Engine and floor are compared on every item (decision, procedure, rule, reason, devolved powers,
money, people, term, and the deciding clause) and on the bills; mismatches are counted and shown.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # measure the checkout's package, installed or not

import yaml  # noqa: E402

import generate  # noqa: E402
from bench_lint import parse_sizes  # noqa: E402  (one way to read --sizes)

GOAL_RATIO = 2.0
DEFAULT_ON = "2026-01-01"  # grants in force on this date; the generator's are the same for any date 2017-2098
GRID = "grid"
HOURS_PER_PERSON_MONTH = 166

# The H District admission gate, exactly as the issue states it: two criteria, in this order.
TEMPORARY_REASON = "temporary items need an approved term"
LACKS_REASON = "the tier cannot hold the powers it needs"
GATE = (
    f'when item.kind == "temporary" then reject "{TEMPORARY_REASON}"',
    "when item.requires <= powers(item.tier) + item.funding.powers then admit "
    'when item.kind == "line" then admit with devolve(item.requires - powers(item.tier)), '
    "transfer(money = item.cost.yuan_per_year, people = item.cost.hours_per_month / 166) "
    f'otherwise reject "{LACKS_REASON}"',
)
NO_PROCEDURE = "no admission procedure governs it"
NO_CRITERION = "no criterion admits it"
SAMPLE_GOVERNING = 10_000  # items sampled to estimate the time governing() takes


def load_engine() -> tuple[SimpleNamespace | None, str | None]:
    """The package's entry points, or why they cannot be used."""
    try:
        from policyengine import admission
        from policyengine.graph import PolicyGraph
        from policyengine.lint import lint_paths
        from policyengine.rules.facts import Facts
    except Exception as exc:  # a half-written package may fail in any way; report, go on
        return None, f"{type(exc).__name__}: {exc}"
    return SimpleNamespace(lint_paths=lint_paths, PolicyGraph=PolicyGraph, Facts=Facts, admission=admission,
                           decide=admission.decide, decide_item=admission.decide_item,
                           governing=admission.governing, Decision=admission.Decision, Bill=admission.Bill,
                           Admissions=admission.Admissions), None


# --------------------------------------------------------------------------------------------
# The policy: generated, then gated through a reform
# --------------------------------------------------------------------------------------------

def gate_targets(policy_dir: Path) -> list[str]:
    """Admission procedures of the grid tier that govern the grid's lists (all of them when the
    procedure names no lists), read from the generated lists.yaml."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(policy_dir / "lists.yaml", "rb") as fh:
        doc = yaml.load(fh, Loader=loader)
    grid_lists = {lst["id"] for lst in doc.get("lists", ()) if lst.get("tier") == GRID}
    return [adm["id"] for adm in doc.get("admission", ())
            if adm.get("tier") == GRID and (not adm.get("lists") or grid_lists & set(adm["lists"]))]


def write_reform(path: Path, policy_dir: Path, targets: list[str]) -> None:
    reform = {
        "reform": {"id": "bench_admission_gate", "baseline": str(policy_dir.resolve()),
                   "description": "the H District admission gate on the grid's admission procedures"},
        "operations": [{"op": "replace_rules", "target": f"admission/{t}", "criteria": list(GATE)}
                       for t in targets],
    }
    path.write_text(yaml.safe_dump(reform, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The floor: the same decisions, by hand
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Procedure:
    id: str
    lists: frozenset  # empty: governs every list of its tier
    gate: bool  # True: the two GATE criteria; False: no criteria (a gate that admits nothing)
    rule_temporary: str
    rule_powers: str


def floor_prepare(policy, graph) -> tuple[dict, dict, dict]:
    """Once per policy: per-tier powers, the lists at its own tier holding each item, the procedures
    of each tier in declared order."""
    powers = {t: (graph.unit_powers(t) if t in policy.units else graph.tier_powers(t)) for t in policy.tiers}
    holding, procedures = floor_index(policy)
    return powers, holding, procedures


def floor_index(policy) -> tuple[dict, dict]:
    """Which lists at its own tier hold each item; each tier's procedures in declared order."""
    holding: dict[str, set] = {}
    for lst in policy.lists.values():
        for item_id in lst.items:
            item = policy.items.get(item_id)
            if item is not None and item.tier == lst.tier:
                holding.setdefault(item_id, set()).add(lst.id)
    procedures: dict[str, list[_Procedure]] = {}
    for adm in policy.admissions.values():
        if adm.criteria and tuple(adm.criteria) != GATE:
            raise ValueError(f"the floor knows only the H District gate; {adm.id} has other criteria")
        procedures.setdefault(adm.tier, []).append(_Procedure(
            adm.id, frozenset(adm.lists), bool(adm.criteria), f"{adm.id}.criteria[0]", f"{adm.id}.criteria[1]"))
    return holding, procedures


def floor_decisions(policy, graph, items: list, Decision) -> list:
    """Decide every item as the engine does, in plain Python."""
    powers, holding, procedures = floor_prepare(policy, graph)
    no_lists: frozenset = frozenset()
    out = []
    append = out.append
    for item in items:
        tier = item.tier
        procs = procedures.get(tier)
        if procs:
            held_lists = holding.get(item.id, no_lists)
            procs = [p for p in procs if not p.lists or not p.lists.isdisjoint(held_lists)]
        if not procs:
            append(Decision(item.id, tier, "unreviewed", reason=NO_PROCEDURE))
            continue
        decision = None
        for p in procs:
            if not p.gate:
                continue
            kind = item.kind
            if kind == "temporary":
                decision = Decision(item.id, tier, "rejected", p.id, p.rule_temporary, TEMPORARY_REASON)
                break
            required = item.required()
            held = powers[tier]
            funding = item.funding
            available = held.union(funding.powers) if funding is not None and funding.powers else held
            if available.issuperset(required):
                decision = Decision(item.id, tier, "admitted", p.id, p.rule_powers)
            elif kind == "line":
                cost = item.cost
                money, hours = cost.yuan_per_year, cost.hours_per_month
                decision = Decision(item.id, tier, "conditional", p.id, p.rule_powers,
                                    devolve=tuple(sorted(set(required).difference(held))),
                                    money=0.0 + (money or 0.0),
                                    people=0.0 + (hours / HOURS_PER_PERSON_MONTH if hours else 0.0))
            else:
                decision = Decision(item.id, tier, "rejected", p.id, p.rule_powers, LACKS_REASON)
            break
        append(decision or Decision(item.id, tier, "rejected", procs[0].id, None, NO_CRITERION))
    return out


def floor_bills(policy, decisions: list, Bill) -> list:
    bills: dict[str, Any] = {}
    for d in decisions:
        if d.decision != "conditional":
            continue
        bill = bills.get(d.tier)
        if bill is None:
            bill = bills[d.tier] = Bill(d.tier)
        for power in d.devolve:
            bill.powers.setdefault(power, []).append(d.item)
        bill.money += d.money
        bill.people += d.people
        item = policy.items[d.item]
        owner = item.owner or item.issued_by or "?"
        bill.sources[owner] = bill.sources.get(owner, 0.0) + d.money
    return [bills[t] for t in sorted(bills)]


def floor_decide(engine: SimpleNamespace, policy, on: str):
    """The floor's counterpart of decide(): a new graph, every item in id order, the bills."""
    graph = engine.PolicyGraph(policy, on)
    decisions = floor_decisions(policy, graph, [policy.items[i] for i in sorted(policy.items)], engine.Decision)
    return engine.Admissions(decisions, floor_bills(policy, decisions, engine.Bill))


def floor_clause(decision) -> int | None:
    """The clause of its rule that decided, read off the floor's decision (GATE's clause layout)."""
    if decision.rule is None:
        return None
    if decision.rule.endswith(".criteria[0]"):
        return 0
    return {"admitted": 0, "conditional": 1, "rejected": 2}[decision.decision]


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------

def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def compare(engine: SimpleNamespace, rules, facts, items: list, got: list, want: list,
            show: int) -> tuple[int, int, list[str]]:
    """Count items where engine and floor disagree, and deciding clauses that differ; describe a few."""
    by_name = {r.name: r for rs in rules.criteria.values() for r in rs}
    mismatches, clause_mismatches, shown = 0, 0, []
    if len(got) != len(want):
        shown.append(f"engine gave {len(got)} decisions, floor {len(want)}")
    for item, e, f in zip(items, got, want):
        if e != f:
            mismatches += 1
            if len(shown) < show:
                shown.append(f"{item.id}: engine {e!r}\n      floor  {f!r}")
            continue
        if e.rule is not None:
            outcome = by_name[e.rule].evaluate(facts, item.id)
            clause = outcome.clause if outcome is not None else None
            if clause != floor_clause(f):
                clause_mismatches += 1
                if len(shown) < show:
                    shown.append(f"{item.id}: engine clause {clause}, floor clause {floor_clause(f)} ({e!r})")
    return mismatches + abs(len(got) - len(want)), clause_mismatches, shown


def measure(size: int, args: argparse.Namespace, engine: SimpleNamespace, work: Path) -> dict:
    policy_dir = work / f"items_{size}"
    gen = generate.generate(policy_dir, items=size, units=args.units, seed=args.seed, clean=True)
    targets = gate_targets(policy_dir)
    reform_path = work / f"gate_{size}.yaml"
    write_reform(reform_path, policy_dir, targets)
    print(f"  {size} items: generated in {gen.seconds:.1f} s; gate on {', '.join(targets) or 'nothing'}",
          file=sys.stderr, flush=True)

    load_s, result = timed(lambda: engine.lint_paths([], reform=str(reform_path), on=args.on))
    policy, rules = result.policy, result.rules
    rule_errors = sorted(f"{f.code} {f.message}" for f in result.findings if f.code in ("PE006", "PE007"))
    result = None  # the files' position data is not needed any more
    row: dict[str, Any] = {
        "items": size, "units": args.units, "generate_s": gen.seconds, "load_s": load_s,
        "gated_procedures": targets, "rule_errors": rule_errors, "lists": None, "graph_s": None,
        "engine_loop_s": None, "floor_loop_s": None, "loop_ratio": None,
        "engine_decide_s": None, "floor_decide_s": None, "decide_ratio": None,
        "engine_loop_per_s": None, "floor_loop_per_s": None, "engine_decide_per_s": None,
        "floor_decide_per_s": None, "governing_est_s": None, "governing_sampled": None,
        "decisions": None, "mismatches": None, "clause_mismatches": None, "full_mismatches": None,
        "bills_equal": None, "examples": [], "error": None,
    }
    if policy is None or rules is None:
        row["error"] = "the reformed policy did not load past its structural checks"
        return row
    row["lists"] = len(policy.lists)
    gated = [a.id for a in policy.admissions.values() if tuple(a.criteria) == GATE]
    missing = [t for t in targets if t not in rules.criteria or len(rules.criteria[t]) != len(GATE)]
    if rule_errors or missing or sorted(gated) != sorted(targets):
        row["error"] = f"the gate did not compile as written (errors {rule_errors}, missing {missing})"
        return row
    print(f"  loaded (with the reform) in {load_s:.1f} s", file=sys.stderr, flush=True)

    items = [policy.items[i] for i in sorted(policy.items)]
    graph_s, facts = timed(lambda: engine.Facts(policy, engine.PolicyGraph(policy, args.on), args.on))
    row["graph_s"] = graph_s
    decide_item, decision_cls = engine.decide_item, engine.Decision

    def engine_loop():
        return [decide_item(policy, rules, facts, item) for item in items]

    def floor_loop():
        return floor_decisions(policy, facts.graph, items, decision_cls)

    # A diagnostic, not part of the goal: governing() alone (finding the procedures that govern
    # an item), on an even sample of the items, scaled to all of them.
    step = max(1, len(items) // SAMPLE_GOVERNING)
    sample = items[::step]
    governing = engine.governing

    times: dict[str, list[float]] = {"engine_loop": [], "floor_loop": [], "engine_decide": [], "floor_decide": [],
                                     "governing": []}
    for run in range(args.repeat):
        seconds, got = timed(engine_loop)
        times["engine_loop"].append(seconds)
        seconds, want = timed(floor_loop)
        times["floor_loop"].append(seconds)
        if run == 0:
            row["decisions"] = dict(sorted(Counter(d.decision for d in got).items()))
            row["mismatches"], row["clause_mismatches"], row["examples"] = compare(
                engine, rules, facts, items, got, want, args.show)
        got = want = None
        seconds, full = timed(lambda: engine.decide(policy, rules, args.on))
        times["engine_decide"].append(seconds)
        seconds, floor_full = timed(lambda: floor_decide(engine, policy, args.on))
        times["floor_decide"].append(seconds)
        if run == 0:
            row["full_mismatches"] = sum(1 for e, f in zip(full.decisions, floor_full.decisions) if e != f) \
                + abs(len(full.decisions) - len(floor_full.decisions))
            row["bills_equal"] = full.bills == floor_full.bills
        full = floor_full = None
        seconds, _ = timed(lambda: [governing(policy, item) for item in sample])
        times["governing"].append(seconds * len(items) / len(sample))
        print(f"  run {run + 1}/{args.repeat}: engine loop {times['engine_loop'][-1]:.3f} s, "
              f"floor loop {times['floor_loop'][-1]:.3f} s, decide() {times['engine_decide'][-1]:.3f} s, "
              f"floor full {times['floor_decide'][-1]:.3f} s, governing() ~{times['governing'][-1]:.3f} s",
              file=sys.stderr, flush=True)
    for key in ("engine_loop", "floor_loop", "engine_decide", "floor_decide"):
        row[f"{key}_s"] = min(times[key])
        row[f"{key}_per_s"] = size / min(times[key])
    row["loop_ratio"] = row["engine_loop_s"] / row["floor_loop_s"]
    row["decide_ratio"] = row["engine_decide_s"] / row["floor_decide_s"]
    row["governing_sampled"] = len(sample)
    row["governing_est_s"] = min(times["governing"])

    if args.profile and size == max(args.sizes):
        row["profile"] = profile_loop(engine_loop, args.profile)
    facts = items = policy = rules = None
    gc.collect()
    return row


def profile_loop(loop: Callable[[], Any], top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    loop()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------

def growth(rows: list[dict]) -> list[dict]:
    """Time per item at each size over the previous size: about 1 when growth is linear."""
    out = []
    for prev, cur in zip(rows, rows[1:]):
        if cur["engine_loop_s"] is None or prev["engine_loop_s"] is None:
            continue
        entry = {"from": prev["items"], "to": cur["items"]}
        for key in ("engine_loop", "floor_loop", "engine_decide", "floor_decide"):
            entry[key] = (cur[f"{key}_s"] / cur["items"]) / (prev[f"{key}_s"] / prev["items"])
        out.append(entry)
    return out


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_report(rows: list[dict], steps: list[dict]) -> str:
    header = ("items", "lists", "load s", "graph s", "engine loop s", "floor loop s", "engine dec/s",
              "floor dec/s", "loop ratio", "decide() s", "floor full s", "full ratio", "mismatches")
    table = [header]
    for r in rows:
        mism = "-" if r["mismatches"] is None else \
            str(r["mismatches"] + r["clause_mismatches"] + r["full_mismatches"] + (0 if r["bills_equal"] else 1))
        table.append((
            str(r["items"]), _fmt(r["lists"], "d"), f"{r['load_s']:.2f}", _fmt(r["graph_s"], ".3f"),
            _fmt(r["engine_loop_s"], ".3f"), _fmt(r["floor_loop_s"], ".3f"),
            _fmt(r["engine_loop_per_s"], ",.0f"), _fmt(r["floor_loop_per_s"], ",.0f"), _fmt(r["loop_ratio"], ".2f"),
            _fmt(r["engine_decide_s"], ".3f"), _fmt(r["floor_decide_s"], ".3f"), _fmt(r["decide_ratio"], ".2f"),
            mism,
        ))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print()
    for k, row in enumerate(table):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print("(best of the runs; load = lint_paths with the gate reform, not part of any ratio; graph = Facts and\n"
          " PolicyGraph, built once for the loops; decide() = the engine's whole call, graph and bills included;\n"
          " floor full = a new PolicyGraph + the floor loop + the same bills; dec/s are for the loops)")

    for r in rows:
        if r["error"]:
            print(f"at {r['items']} items: {r['error']}")
            continue
        counts = ", ".join(f"{k} {n}" for k, n in r["decisions"].items())
        print(f"decisions at {r['items']} items: {counts}; gate on {', '.join(r['gated_procedures'])}")
        share = r["governing_est_s"] / r["engine_loop_s"]
        print(f"  governing() alone: ~{r['governing_est_s']:.3f} s for all items (timed on {r['governing_sampled']}, "
              f"scaled), about {share:.0%} of the engine loop")
        bad = r["mismatches"] + r["clause_mismatches"] + r["full_mismatches"]
        if bad or not r["bills_equal"]:
            print(f"  MISMATCH: {r['mismatches']} decisions, {r['clause_mismatches']} deciding clauses, "
                  f"{r['full_mismatches']} decide() decisions differ; bills equal: {r['bills_equal']}")
            for example in r["examples"]:
                print(f"    {example}")
        else:
            print("  engine and floor agree on every item (decision, procedure, rule, clause, reason, devolve,"
                  " money, people, term) and on the bills")

    if steps:
        print("\ngrowth of the time per item (linear growth gives about 1.00):")
        for s in steps:
            print(f"  {s['from']:>7} -> {s['to']:<7}  engine loop x{s['engine_loop']:.2f}   "
                  f"floor loop x{s['floor_loop']:.2f}   decide() x{s['engine_decide']:.2f}   "
                  f"floor full x{s['floor_decide']:.2f}")

    for r in rows:
        if r.get("profile"):
            print(f"\ncProfile of the engine's decision loop at {r['items']} items (by own time):")
            print(r["profile"].rstrip())

    largest = rows[-1]
    if largest["loop_ratio"] is None:
        verdict = f"goal engine/floor <= {GOAL_RATIO:g} at {largest['items']} items: not measured ({largest['error']})"
    else:
        met = "met" if largest["loop_ratio"] <= GOAL_RATIO else "NOT met"
        verdict = (f"goal engine/floor <= {GOAL_RATIO:g} at {largest['items']} items: {met} "
                   f"(ratio {largest['loop_ratio']:.2f}; full decide() {largest['decide_ratio']:.2f})")
        bad = largest["mismatches"] + largest["clause_mismatches"] + largest["full_mismatches"]
        if bad or not largest["bills_equal"]:
            verdict += f"; {bad} MISMATCHES between engine and floor"
    print()
    print(verdict)
    return verdict


def environment() -> dict:
    return {
        "python": platform.python_version(), "implementation": platform.python_implementation(),
        "platform": platform.platform(), "cpus": os.cpu_count(), "pyyaml": yaml.__version__,
    }


def parse_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("100000"),
                        help="item counts, comma-separated (default 100000)")
    parser.add_argument("--units", type=int, default=1000, help="units in every policy (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--on", type=parse_date, default=DEFAULT_ON,
                        help=f"date the grants are judged on (default {DEFAULT_ON})")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated policies and reforms in DIR")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    parser.add_argument("--show", type=int, default=10, help="mismatches to print per size (default 10)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="cProfile one more engine loop at the largest size; print the top N functions")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.units < generate.MIN_UNITS:
        parser.error(f"--units must be at least {generate.MIN_UNITS}")

    env = environment()
    print(f"python {env['python']} ({env['implementation']}), PyYAML {env['pyyaml']}, {env['cpus']} CPUs, "
          f"{env['platform']}; grants on {args.on}", flush=True)
    engine, error = load_engine()
    if engine is None:
        verdict = f"goal engine/floor <= {GOAL_RATIO:g}: not measured (policyengine unavailable: {error})"
        print(verdict)
        return 0

    rows = []
    with tempfile.TemporaryDirectory(prefix="policyengine-bench-admit-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            rows.append(measure(size, args, engine, work))

    steps = growth(rows)
    verdict = print_report(rows, steps)
    if args.json:
        report = {"environment": env, "units": args.units, "repeat": args.repeat, "seed": args.seed,
                  "on": args.on, "goal_ratio": GOAL_RATIO, "criteria": list(GATE), "rows": rows,
                  "growth": steps, "verdict": verdict}
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

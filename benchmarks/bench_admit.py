"""Benchmark admission decisions against the floor: hand-written plain-Python decisions, same run.

    python benchmarks/bench_admit.py                          # 100,000 items, 1,000 units
    python benchmarks/bench_admit.py --sizes 10000,100000 --repeat 3 --json admit.json
    python benchmarks/bench_admit.py --sizes 10000 --profile 25   # also profile the engine's loop

Two scenarios, each measured against a floor of its own:

- **H District rules** (the goal): the criteria of H District's grid admission procedure, read at
  run time from examples/reforms/admission_gate.yaml (the `add` operation whose value has id
  `grid_admission`). As the file states them: temporary -> admit; the grid holds the powers the
  item's role requires (or they come with it) and money or people come with it -> admit; the
  powers are there but neither money nor people -> reject "费随事转: ..."; otherwise reject
  "权随责走: ...". The floor, ``floor_decisions_h``, is those four clauses written by hand, with
  the rule language's treatment of absent values: an item without funding brings money 0, people
  0 and no powers. The floor is written for the criteria as they stand; if the file's criteria
  change so that they decide differently, the floor is not rewritten with them, and the mismatch
  count shows the difference.
- **devolving gate**: two criteria (DEVOLVING_GATE below) that exercise conditional admission:
  temporary -> reject; powers held (or coming with the item) -> admit; a line item -> admit with
  devolve(the missing powers) and transfer(its cost's money and people); otherwise reject. Its
  floor is ``floor_decisions_devolving``; the conditional decisions also make bills.

For each size a synthetic policy is generated (benchmarks/generate.py). For each scenario, every
admission procedure of the grid tier that governs the grid's lists is given the scenario's
criteria through a reform (`replace_rules`), and the reformed policy is loaded once with
``lint_paths([], reform=...)``; loading is reported but not measured against the floor. Then, in
this process, the best of --repeat interleaved runs of:

- engine loop: ``[decide_item(policy, rules, facts, item) for item in items]`` with Facts (and
  its PolicyGraph) built once beforehand;
- floor loop: the same decisions computed by plain Python from the same Policy and graph;
- engine full: ``decide(policy, rules, on)``, which also builds the PolicyGraph and the bills;
- floor full: a new PolicyGraph, the floor loop and the same bills.

The engine keeps its governance index (which lists hold each item) per Policy object and its
per-tier powers per graph, so only its first run builds them; the floor keeps its own the same way
(per Policy object and per graph), so both are timed alike. The first run of each is printed too. Diagnostics, outside the goal:
governing() alone on a sample of the items, and with --profile N a cProfile of one more engine
loop with the H District rules at the largest size.

Engine and floor are compared on every item (decision, procedure, rule, reason, devolved powers,
money, people, term, and the deciding clause) and on the bills; mismatches are counted and shown.
The goal line is about the H District rules at the largest size. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import itertools
import json
import os
import platform
import pstats
import sys
import tempfile
import time
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # measure the checkout's package, installed or not

import generate  # noqa: E402
import yaml  # noqa: E402
from bench_lint import parse_sizes  # noqa: E402  (one way to read --sizes)

GOAL_RATIO = 2.0
DEFAULT_ON = "2026-01-01"  # grants in force on this date; the generator's are the same for any date 2017-2098
GRID = "grid"
HOURS_PER_PERSON_MONTH = 166
ROOT = HERE.parent

# The H District rules: read from this file at run time (see h_district_criteria).
H_DISTRICT_FILE = ROOT / "examples" / "reforms" / "admission_gate.yaml"
H_DISTRICT_PROCEDURE = "grid_admission"
# The reasons the H District rules give, as the floor states them (the file's, at the time of writing).
H_FEE_REASON = "费随事转: neither money nor people come with it"
H_POWER_REASON = "权随责走: the grid lacks a power its role requires, and none comes with it"

# The devolving gate: two criteria, in this order, for conditional admission with devolve and transfer.
TEMPORARY_REASON = "temporary items need an approved term"
LACKS_REASON = "the tier cannot hold the powers it needs"
DEVOLVING_GATE = (
    f'when item.kind == "temporary" then reject "{TEMPORARY_REASON}"',
    "when item.requires <= powers(item.tier) + item.funding.powers then admit "
    'when item.kind == "line" then admit with devolve(item.requires - powers(item.tier)), '
    "transfer(money = item.cost.yuan_per_year, people = item.cost.hours_per_month / 166) "
    f'otherwise reject "{LACKS_REASON}"',
)
NO_PROCEDURE = "no admission procedure governs it"
NO_CRITERION = "no criterion admits it"
SAMPLE_GOVERNING = 10_000  # items sampled to estimate the time governing() takes


def h_district_criteria(path: Path | None = None) -> tuple[str, ...]:
    """The criteria of the `add` operation whose value id is `grid_admission`, as the file has them."""
    path = path or H_DISTRICT_FILE
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    for op in (doc.get("operations") if isinstance(doc, dict) else None) or ():
        if not isinstance(op, dict):
            continue
        value = op.get("value")
        if op.get("op") == "add" and isinstance(value, dict) and value.get("id") == H_DISTRICT_PROCEDURE:
            criteria = value.get("criteria")
            if not criteria or not all(isinstance(c, str) for c in criteria):
                raise ValueError(f"{path}: {H_DISTRICT_PROCEDURE} has no criteria (a list of rule strings)")
            return tuple(criteria)
    raise ValueError(f"{path}: no `add` operation adds {H_DISTRICT_PROCEDURE}")


def load_engine() -> tuple[SimpleNamespace | None, str | None]:
    """The package's entry points, or why they cannot be used."""
    try:
        from policyengine import admission
        from policyengine.graph import PolicyGraph
        from policyengine.lint import lint_paths
        from policyengine.rules.facts import Facts
    except Exception as exc:  # a half-written package may fail in any way; report, go on
        return None, f"{type(exc).__name__}: {exc}"
    return SimpleNamespace(
        lint_paths=lint_paths,
        PolicyGraph=PolicyGraph,
        Facts=Facts,
        admission=admission,
        decide=admission.decide,
        decide_item=admission.decide_item,
        governing=admission.governing,
        Decision=admission.Decision,
        Bill=admission.Bill,
        Admissions=admission.Admissions,
    ), None


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
    return [
        adm["id"]
        for adm in doc.get("admission", ())
        if adm.get("tier") == GRID and (not adm.get("lists") or grid_lists & set(adm["lists"]))
    ]


def write_reform(path: Path, policy_dir: Path, targets: list[str], scenario: Scenario) -> None:
    reform = {
        "reform": {
            "id": f"bench_{scenario.key}",
            "baseline": str(policy_dir.resolve()),
            "description": f"the {scenario.title} on the grid's admission procedures",
        },
        "operations": [
            {"op": "replace_rules", "target": f"admission/{t}", "criteria": list(scenario.criteria)} for t in targets
        ],
    }
    path.write_text(yaml.safe_dump(reform, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The floors: the same decisions, by hand
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Procedure:
    id: str
    lists: frozenset  # empty: governs every list of its tier
    gate: bool  # True: the scenario's criteria; False: no criteria (a gate that admits nothing)
    rule0: str  # the name of its first criterion
    rule1: str  # the name of its second criterion


# The floor keeps what it prepares as the engine keeps it: the list index once per Policy object (the
# engine's governance_of), the per-tier powers once per graph (PolicyGraph's cached tier_powers). So
# both sides build these in their first run and reuse them after, and the best run compares like with
# like. Keyed by id() with a weak reference, as the engine keys its index: a Policy is not hashable.
_INDEX_CACHE: dict[int, tuple[weakref.ref, tuple[dict, dict]]] = {}
_POWERS_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def floor_prepare(policy, graph) -> tuple[dict, dict, dict]:
    """Per-tier powers (once per graph), the lists at its own tier holding each item and the
    procedures of each tier in declared order (once per policy)."""
    powers = _POWERS_CACHE.get(graph)
    if powers is None:
        powers = {t: (graph.unit_powers(t) if t in policy.units else graph.tier_powers(t)) for t in policy.tiers}
        _POWERS_CACHE[graph] = powers
    entry = _INDEX_CACHE.get(id(policy))
    if entry is None or entry[0]() is not policy:
        key = id(policy)
        entry = (weakref.ref(policy, lambda _ref, k=key: _INDEX_CACHE.pop(k, None)), floor_index(policy))
        _INDEX_CACHE[key] = entry
    holding, procedures = entry[1]
    return powers, holding, procedures


def floor_index(policy) -> tuple[dict, dict]:
    """Which lists at its own tier hold each item; each tier's procedures in declared order. A
    procedure with criteria applies the scenario's hand-written decisions (measure() checks that
    the procedures with criteria are exactly the gated ones, with the scenario's criteria)."""
    holding: dict[str, set] = {}
    for lst in policy.lists.values():
        for item_id in lst.items:
            item = policy.items.get(item_id)
            if item is not None and item.tier == lst.tier:
                holding.setdefault(item_id, set()).add(lst.id)
    procedures: dict[str, list[_Procedure]] = {}
    for adm in policy.admissions.values():
        procedures.setdefault(adm.tier, []).append(
            _Procedure(
                adm.id, frozenset(adm.lists), bool(adm.criteria), f"{adm.id}.criteria[0]", f"{adm.id}.criteria[1]"
            )
        )
    return holding, procedures


def floor_decisions_h(policy, graph, items: list, Decision) -> list:
    """The H District rules, in plain Python: one criterion of four clauses.

        when item.kind == "temporary" then admit
        when item.requires <= powers(item.tier) + item.funding.powers
             and (item.funding.money > 0 or item.funding.people > 0) then admit
        when item.requires <= powers(item.tier) + item.funding.powers then reject "费随事转: ..."
        otherwise reject "权随责走: ..."

    Without funding, funding.money and funding.people are 0 and funding.powers is {}; an ordering
    with null is false, so a null money or people does not count as more than 0.
    """
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
            if item.kind == "temporary":
                decision = Decision(item.id, tier, "admitted", p.id, p.rule0)
                break
            held = powers[tier]
            funding = item.funding
            if funding is None:
                available, brings = held, False
            else:
                available = held.union(funding.powers) if funding.powers else held
                money, people = funding.money_yuan_per_year, funding.people
                brings = (money is not None and money > 0) or (people is not None and people > 0)
            if not available.issuperset(item.required()):
                decision = Decision(item.id, tier, "rejected", p.id, p.rule0, H_POWER_REASON)
            elif brings:
                decision = Decision(item.id, tier, "admitted", p.id, p.rule0)
            else:
                decision = Decision(item.id, tier, "rejected", p.id, p.rule0, H_FEE_REASON)
            break
        append(decision or Decision(item.id, tier, "rejected", procs[0].id, None, NO_CRITERION))
    return out


def floor_clause_h(decision, item) -> int | None:
    """The clause of the H District rule that decided, read off the floor's decision."""
    if decision.rule is None:
        return None
    if decision.decision == "admitted":
        return 0 if item.kind == "temporary" else 1
    return 2 if decision.reason == H_FEE_REASON else 3


def floor_decisions_devolving(policy, graph, items: list, Decision) -> list:
    """The devolving gate (DEVOLVING_GATE), in plain Python."""
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
                decision = Decision(item.id, tier, "rejected", p.id, p.rule0, TEMPORARY_REASON)
                break
            required = item.required()
            held = powers[tier]
            funding = item.funding
            available = held.union(funding.powers) if funding is not None and funding.powers else held
            if available.issuperset(required):
                decision = Decision(item.id, tier, "admitted", p.id, p.rule1)
            elif kind == "line":
                cost = item.cost
                money, hours = cost.yuan_per_year, cost.hours_per_month
                decision = Decision(
                    item.id,
                    tier,
                    "conditional",
                    p.id,
                    p.rule1,
                    devolve=tuple(sorted(set(required).difference(held))),
                    money=0.0 + (money or 0.0),
                    people=0.0 + (hours / HOURS_PER_PERSON_MONTH if hours else 0.0),
                )
            else:
                decision = Decision(item.id, tier, "rejected", p.id, p.rule1, LACKS_REASON)
            break
        append(decision or Decision(item.id, tier, "rejected", procs[0].id, None, NO_CRITERION))
    return out


def floor_clause_devolving(decision, item) -> int | None:
    """The clause of its rule that decided, read off the floor's decision (DEVOLVING_GATE's layout)."""
    if decision.rule is None:
        return None
    if decision.rule.endswith(".criteria[0]"):
        return 0
    return {"admitted": 0, "conditional": 1, "rejected": 2}[decision.decision]


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


def floor_decide(engine: SimpleNamespace, policy, on: str, floor_decisions: Callable):
    """The floor's counterpart of decide(): a new graph, every item in id order, the bills."""
    graph = engine.PolicyGraph(policy, on)
    decisions = floor_decisions(policy, graph, [policy.items[i] for i in sorted(policy.items)], engine.Decision)
    return engine.Admissions(decisions, floor_bills(policy, decisions, engine.Bill))


# --------------------------------------------------------------------------------------------
# The scenarios
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    key: str  # short id, used in file names and the JSON
    title: str
    criteria: tuple[str, ...]
    source: str  # where the criteria come from
    floor: Callable  # floor_decisions(policy, graph, items, Decision) -> decisions
    floor_clause: Callable  # (floor decision, item) -> the deciding clause


def scenarios() -> list[Scenario]:
    """The H District rules (read from their file now) first, then the devolving gate."""
    return [
        Scenario(
            "h_district",
            "H District rules",
            h_district_criteria(),
            f"{H_DISTRICT_FILE.relative_to(ROOT).as_posix()} ({H_DISTRICT_PROCEDURE})",
            floor_decisions_h,
            floor_clause_h,
        ),
        Scenario(
            "devolving",
            "devolving gate",
            DEVOLVING_GATE,
            "DEVOLVING_GATE in this script",
            floor_decisions_devolving,
            floor_clause_devolving,
        ),
    ]


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def compare(
    scenario: Scenario, rules, facts, items: list, got: list, want: list, show: int
) -> tuple[int, int, list[str]]:
    """Count items where engine and floor disagree, and deciding clauses that differ; describe a few."""
    by_name = {r.name: r for rs in rules.criteria.values() for r in rs}
    mismatches, clause_mismatches, shown = 0, 0, []
    if len(got) != len(want):
        shown.append(f"engine gave {len(got)} decisions, floor {len(want)}")
    for item, e, f in zip(items, got, want, strict=True):
        if e != f:
            mismatches += 1
            if len(shown) < show:
                shown.append(f"{item.id}: engine {e!r}\n      floor  {f!r}")
            continue
        if e.rule is not None:
            outcome = by_name[e.rule].evaluate(facts, item.id)
            clause = outcome.clause if outcome is not None else None
            want_clause = scenario.floor_clause(f, item)
            if clause != want_clause:
                clause_mismatches += 1
                if len(shown) < show:
                    shown.append(f"{item.id}: engine clause {clause}, floor clause {want_clause} ({e!r})")
    return mismatches + abs(len(got) - len(want)), clause_mismatches, shown


def measure(
    size: int, args: argparse.Namespace, engine: SimpleNamespace, work: Path, plan: list[Scenario]
) -> list[dict]:
    """One generated policy per size; each scenario loads it with its own reform, one after the other."""
    policy_dir = work / f"items_{size}"
    gen = generate.generate(policy_dir, items=size, units=args.units, seed=args.seed, clean=True)
    targets = gate_targets(policy_dir)
    print(
        f"  {size} items: generated in {gen.seconds:.1f} s; gates on {', '.join(targets) or 'nothing'}",
        file=sys.stderr,
        flush=True,
    )
    rows = []
    for scenario in plan:
        rows.append(
            measure_scenario(
                size,
                args,
                engine,
                work,
                policy_dir,
                targets,
                gen.seconds,
                scenario,
                profile=bool(args.profile) and size == max(args.sizes) and scenario is plan[0],
            )
        )
        gc.collect()
    return rows


def measure_scenario(
    size: int,
    args: argparse.Namespace,
    engine: SimpleNamespace,
    work: Path,
    policy_dir: Path,
    targets: list[str],
    generate_s: float,
    scenario: Scenario,
    profile: bool,
) -> dict:
    reform_path = work / f"{scenario.key}_{size}.yaml"
    write_reform(reform_path, policy_dir, targets, scenario)
    print(f"  {size} items, {scenario.title}:", file=sys.stderr, flush=True)

    load_s, result = timed(lambda: engine.lint_paths([], reform=str(reform_path), on=args.on))
    policy, rules = result.policy, result.rules
    rule_errors = sorted(f"{f.code} {f.message}" for f in result.findings if f.code in ("PE006", "PE007"))
    result = None  # the files' position data is not needed any more
    row: dict[str, Any] = {
        "scenario": scenario.key,
        "title": scenario.title,
        "items": size,
        "units": args.units,
        "generate_s": generate_s,
        "load_s": load_s,
        "gated_procedures": targets,
        "rule_errors": rule_errors,
        "lists": None,
        "graph_s": None,
        "engine_loop_s": None,
        "floor_loop_s": None,
        "loop_ratio": None,
        "engine_decide_s": None,
        "floor_decide_s": None,
        "decide_ratio": None,
        "engine_loop_per_s": None,
        "floor_loop_per_s": None,
        "engine_decide_per_s": None,
        "floor_decide_per_s": None,
        "governing_est_s": None,
        "governing_sampled": None,
        "decisions": None,
        "mismatches": None,
        "clause_mismatches": None,
        "full_mismatches": None,
        "bills_equal": None,
        "bills": None,
        "examples": [],
        "error": None,
    }
    if policy is None or rules is None:
        row["error"] = "the reformed policy did not load past its structural checks"
        return row
    row["lists"] = len(policy.lists)
    gated = [a.id for a in policy.admissions.values() if tuple(a.criteria) == scenario.criteria]
    others = [a.id for a in policy.admissions.values() if a.criteria and a.id not in targets]
    missing = [t for t in targets if t not in rules.criteria or len(rules.criteria[t]) != len(scenario.criteria)]
    if rule_errors or missing or others or sorted(gated) != sorted(targets):
        row["error"] = (
            f"the criteria did not compile as written (errors {rule_errors}, missing {missing}, "
            f"other procedures with criteria {others})"
        )
        return row
    print(f"    loaded (with the reform) in {load_s:.1f} s", file=sys.stderr, flush=True)

    items = [policy.items[i] for i in sorted(policy.items)]
    graph_s, facts = timed(lambda: engine.Facts(policy, engine.PolicyGraph(policy, args.on), args.on))
    row["graph_s"] = graph_s
    decide_item, decision_cls, floor = engine.decide_item, engine.Decision, scenario.floor

    def engine_loop():
        return [decide_item(policy, rules, facts, item) for item in items]

    def floor_loop():
        return floor(policy, facts.graph, items, decision_cls)

    # A diagnostic, not part of the goal: governing() alone (finding the procedures that govern
    # an item), on an even sample of the items, scaled to all of them.
    step = max(1, len(items) // SAMPLE_GOVERNING)
    sample = items[::step]
    governing = engine.governing

    times: dict[str, list[float]] = {
        "engine_loop": [],
        "floor_loop": [],
        "engine_decide": [],
        "floor_decide": [],
        "governing": [],
    }
    for run in range(args.repeat):
        seconds, got = timed(engine_loop)
        times["engine_loop"].append(seconds)
        seconds, want = timed(floor_loop)
        times["floor_loop"].append(seconds)
        if run == 0:
            row["decisions"] = dict(sorted(Counter(d.decision for d in got).items()))
            row["mismatches"], row["clause_mismatches"], row["examples"] = compare(
                scenario, rules, facts, items, got, want, args.show
            )
        got = want = None
        seconds, full = timed(lambda: engine.decide(policy, rules, args.on))
        times["engine_decide"].append(seconds)
        seconds, floor_full = timed(lambda: floor_decide(engine, policy, args.on, floor))
        times["floor_decide"].append(seconds)
        if run == 0:
            row["full_mismatches"] = sum(
                1 for e, f in zip(full.decisions, floor_full.decisions, strict=True) if e != f
            ) + abs(len(full.decisions) - len(floor_full.decisions))
            row["bills_equal"] = full.bills == floor_full.bills
            row["bills"] = len(full.bills)
        full = floor_full = None
        seconds, _ = timed(lambda: [governing(policy, item) for item in sample])
        times["governing"].append(seconds * len(items) / len(sample))
        print(
            f"    run {run + 1}/{args.repeat}: engine loop {times['engine_loop'][-1]:.3f} s, "
            f"floor loop {times['floor_loop'][-1]:.3f} s, decide() {times['engine_decide'][-1]:.3f} s, "
            f"floor full {times['floor_decide'][-1]:.3f} s, governing() ~{times['governing'][-1]:.3f} s",
            file=sys.stderr,
            flush=True,
        )
    for key in ("engine_loop", "floor_loop", "engine_decide", "floor_decide"):
        row[f"{key}_s"] = min(times[key])
        row[f"{key}_per_s"] = size / min(times[key])
    # the first runs, where each side builds its list index and per-tier powers: reported, not the goal
    row["engine_loop_first_s"], row["floor_loop_first_s"] = times["engine_loop"][0], times["floor_loop"][0]
    row["loop_ratio"] = row["engine_loop_s"] / row["floor_loop_s"]
    row["decide_ratio"] = row["engine_decide_s"] / row["floor_decide_s"]
    row["governing_sampled"] = len(sample)
    row["governing_est_s"] = min(times["governing"])

    if profile:
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
    """Time per item at each size over the previous size, per scenario: about 1 when growth is linear."""
    out = []
    for key in dict.fromkeys(r["scenario"] for r in rows):
        mine = [r for r in rows if r["scenario"] == key]
        for prev, cur in itertools.pairwise(mine):
            if cur["engine_loop_s"] is None or prev["engine_loop_s"] is None:
                continue
            entry = {"scenario": key, "title": cur["title"], "from": prev["items"], "to": cur["items"]}
            for k in ("engine_loop", "floor_loop", "engine_decide", "floor_decide"):
                entry[k] = (cur[f"{k}_s"] / cur["items"]) / (prev[f"{k}_s"] / prev["items"])
            out.append(entry)
    return out


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _bad(r: dict) -> int:
    """Every disagreement between engine and floor in a row (a bill difference counts once)."""
    return r["mismatches"] + r["clause_mismatches"] + r["full_mismatches"] + (0 if r["bills_equal"] else 1)


def print_report(rows: list[dict], steps: list[dict], plan: list[Scenario]) -> str:
    print()
    for scenario in plan:
        print(f"{scenario.title}: criteria from {scenario.source}")
        for text in scenario.criteria:
            lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip() and not ln.strip().startswith("#")]
            print("  - " + "\n    ".join(lines))
    header = (
        "scenario",
        "items",
        "lists",
        "load s",
        "graph s",
        "engine loop s",
        "floor loop s",
        "engine dec/s",
        "floor dec/s",
        "loop ratio",
        "decide() s",
        "floor full s",
        "full ratio",
        "mismatches",
    )
    table = [header]
    for r in rows:
        table.append(
            (
                r["title"],
                str(r["items"]),
                _fmt(r["lists"], "d"),
                f"{r['load_s']:.2f}",
                _fmt(r["graph_s"], ".3f"),
                _fmt(r["engine_loop_s"], ".3f"),
                _fmt(r["floor_loop_s"], ".3f"),
                _fmt(r["engine_loop_per_s"], ",.0f"),
                _fmt(r["floor_loop_per_s"], ",.0f"),
                _fmt(r["loop_ratio"], ".2f"),
                _fmt(r["engine_decide_s"], ".3f"),
                _fmt(r["floor_decide_s"], ".3f"),
                _fmt(r["decide_ratio"], ".2f"),
                "-" if r["mismatches"] is None else str(_bad(r)),
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print()
    for k, row in enumerate(table):
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print(
        "(best of the runs; load = lint_paths with the scenario's reform, not part of any ratio; graph = Facts\n"
        " and PolicyGraph, built once for the loops; decide() = the engine's whole call, graph and bills included;\n"
        " floor full = a new PolicyGraph + the floor loop + the same bills; dec/s are for the loops)"
    )

    for r in rows:
        if r["error"]:
            print(f"{r['title']} at {r['items']} items: {r['error']}")
            continue
        counts = ", ".join(f"{k} {n}" for k, n in r["decisions"].items())
        print(
            f"{r['title']} at {r['items']} items: {counts}; bills for {r['bills']} tier(s); "
            f"criteria on {', '.join(r['gated_procedures'])}"
        )
        print(
            f"  first runs, index and powers built: engine loop {r['engine_loop_first_s']:.3f} s, "
            f"floor loop {r['floor_loop_first_s']:.3f} s "
            f"(ratio {r['engine_loop_first_s'] / r['floor_loop_first_s']:.2f})"
        )
        share = r["governing_est_s"] / r["engine_loop_s"]
        print(
            f"  governing() alone: ~{r['governing_est_s']:.3f} s for all items (timed on {r['governing_sampled']}, "
            f"scaled), about {share:.0%} of the engine loop"
        )
        if _bad(r):
            print(
                f"  MISMATCH: {r['mismatches']} decisions, {r['clause_mismatches']} deciding clauses, "
                f"{r['full_mismatches']} decide() decisions differ; bills equal: {r['bills_equal']}"
            )
            for example in r["examples"]:
                print(f"    {example}")
        else:
            print(
                "  engine and floor agree on every item (decision, procedure, rule, clause, reason, devolve,"
                " money, people, term) and on the bills"
            )

    if steps:
        print("\ngrowth of the time per item (linear growth gives about 1.00):")
        for s in steps:
            print(
                f"  {s['title']:<17} {s['from']:>7} -> {s['to']:<7}  engine loop x{s['engine_loop']:.2f}   "
                f"floor loop x{s['floor_loop']:.2f}   decide() x{s['engine_decide']:.2f}   "
                f"floor full x{s['floor_decide']:.2f}"
            )

    for r in rows:
        if r.get("profile"):
            print(f"\ncProfile of the engine's decision loop, {r['title']}, at {r['items']} items (by own time):")
            print(r["profile"].rstrip())

    print()
    largest = max(r["items"] for r in rows)
    verdict = ""
    for scenario in plan:
        r = next(x for x in rows if x["scenario"] == scenario.key and x["items"] == largest)
        if r["loop_ratio"] is None:
            line = f"{scenario.title} at {largest} items: not measured ({r['error']})"
        else:
            line = (
                f"{scenario.title} at {largest} items: engine/floor {r['loop_ratio']:.2f} "
                f"(full decide() {r['decide_ratio']:.2f})"
            )
            if _bad(r):
                line += f"; {_bad(r)} MISMATCHES between engine and floor"
        if scenario is plan[0]:
            if r["loop_ratio"] is None:
                verdict = f"goal engine/floor <= {GOAL_RATIO:g} with the {line}"
            else:
                met = (
                    "not judged, engine and floor disagree"
                    if _bad(r)
                    else "met"
                    if r["loop_ratio"] <= GOAL_RATIO
                    else "NOT met"
                )
                verdict = f"goal engine/floor <= {GOAL_RATIO:g} with the {scenario.title}: {met} ({line})"
        else:
            print(line)
    print(verdict)
    return verdict


def environment() -> dict:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "pyyaml": yaml.__version__,
    }


def parse_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=parse_sizes, default=parse_sizes("100000"), help="item counts, comma-separated (default 100000)"
    )
    parser.add_argument("--units", type=int, default=1000, help="units in every policy (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--on", type=parse_date, default=DEFAULT_ON, help=f"date the grants are judged on (default {DEFAULT_ON})"
    )
    parser.add_argument("--keep", metavar="DIR", help="keep the generated policies and reforms in DIR")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    parser.add_argument("--show", type=int, default=10, help="mismatches to print per size (default 10)")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="cProfile one more engine loop with the H District rules at the largest size; print the top N functions",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.units < generate.MIN_UNITS:
        parser.error(f"--units must be at least {generate.MIN_UNITS}")

    env = environment()
    print(
        f"python {env['python']} ({env['implementation']}), PyYAML {env['pyyaml']}, {env['cpus']} CPUs, "
        f"{env['platform']}; grants on {args.on}",
        flush=True,
    )
    try:
        plan = scenarios()
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"goal engine/floor <= {GOAL_RATIO:g}: not measured (the H District rules cannot be read: {exc})")
        return 0
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
            rows.extend(measure(size, args, engine, work, plan))

    steps = growth(rows)
    verdict = print_report(rows, steps, plan)
    if args.json:
        report = {
            "environment": env,
            "units": args.units,
            "repeat": args.repeat,
            "seed": args.seed,
            "on": args.on,
            "goal_ratio": GOAL_RATIO,
            "scenarios": [
                {"key": s.key, "title": s.title, "source": s.source, "criteria": list(s.criteria)} for s in plan
            ],
            "rows": rows,
            "growth": steps,
            "verdict": verdict,
        }
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark the event simulator against the floor: numpy drawing the run's random numbers, same run.

    python benchmarks/bench_simulate.py                           # H District, 26 months, 1,309 workers
    python benchmarks/bench_simulate.py --repeat 5 --json simulate.json
    python benchmarks/bench_simulate.py --scales 1,4 --memory-months 12,26,52,104 --profile 20

The world is H District (policies/h_district), loaded once with the simulate package's own public
functions: ``runs.load_policy(paths, on)`` and ``world.build_world(policy, on, overrides)``; the
month loop is ``engine.run(world, months, arrivals, behaviour)``. The two generators come from
``SeedSequence(seed).spawn(1)[0].spawn(2)``, as run 0 of ``policyengine simulate --seed S`` gets
them (docs/simulation.md#reproducibility).

- **run**: ``engine.run`` for --months months (default 26) on fresh generators of the fixed seeds,
  best of --repeat (default 5). World building and the metrics are outside the time.
- **events**: the rows the engine creates and carries through the workflow, counted from the run's
  own tally: every *problem* that arises (the hidden truth's row: detected or not, handled,
  escalated, closed cosmetically, dropped) plus every *fabricated report* (a platform row with no
  problem behind it). Genuine reports are not counted again: each is a problem's row. Problems/s and
  reports/s (genuine and fabricated) are printed beside events/s.
- **floor**: the run's random numbers drawn by numpy and nothing else. One more run goes through a
  thin recording proxy around each Generator that logs every call the engine makes (method name,
  arguments and keywords, copied when they are arrays) and a digest of what it returned; a
  generator the engine derives during the run through ``numpy.random.default_rng`` (e.g. a child
  stream for within-month timing) is recorded the same way, with its seed. The floor replays
  exactly those calls, in order, on fresh Generators of the same seeds, with the generators, bound
  methods and arguments prepared beforehand; it is timed best of --repeat, interleaved with the
  run. Once, outside the time, the replay's outputs are checked against the recorded digests and
  every replayed stream's final bit-generator state against the run's (so the floor draws the very
  same numbers, distributions, shapes and counts, and no others from those streams), and the
  recorded run's tally against a plain run's (the proxy changes nothing). ratio = run / floor.
  Goal <= 10.
- **memory**: peak traced memory (tracemalloc) of one run of each of --memory-months (default 12,
  26, 52, 104), measured from the traced memory just before the run, the run's result included;
  its ratio to the first length's peak, and the least-squares slope in KiB per month. Goal: the
  peak does not grow with months (each ratio <= 1.2; linear growth would give about 8.7 at 104).
- **scale**: the run and its floor at --scales multiples of the grids (default 1 and 4: 1,309 and
  5,236 workers, through the ``grids`` parameter; communities and streets follow from
  ``grids_per_community`` and ``communities_per_street``); time per worker-month.

With --profile N: one more run under cProfile (top N functions by own time), and one under a line
timer on ``engine.run`` (sys.settrace on that frame only; each line's time includes the calls it
makes), summed by the run's ``# --`` sections and listed for the top N lines.

Times vary with the machine and its load; counts, draws and digests depend only on the arguments.
The script prints; it never asserts.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import inspect
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # measure the checkout's package, installed or not

import numpy as np  # noqa: E402

GOAL_RATIO = 10.0
GOAL_MEMORY = 1.2  # a peak at most this many times the shortest run's counts as "does not grow"
DEFAULT_POLICY = ROOT / "policies" / "h_district"
DEFAULT_ON = "2020-01-01"  # as docs/simulation.md runs H District
DEFAULT_SEED = 2024


def load_engine() -> tuple[SimpleNamespace | None, str | None]:
    """The simulate package's entry points, or why they cannot be used."""
    try:
        from policyengine.simulate import engine
        from policyengine.simulate.runs import load_policy
        from policyengine.simulate.world import build_world
    except Exception as exc:  # an import may fail for any reason; report it and go on
        return None, f"{type(exc).__name__}: {exc}"
    return SimpleNamespace(load_policy=load_policy, build_world=build_world, run=engine.run, engine=engine), None


def streams(seed: int) -> tuple[np.random.SeedSequence, np.random.SeedSequence]:
    """The arrivals and behaviour seeds of run 0 of `policyengine simulate --seed S`."""
    arrivals, behaviour = np.random.SeedSequence(seed).spawn(1)[0].spawn(2)
    return arrivals, behaviour


def fresh(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    a, b = streams(seed)
    return np.random.default_rng(a), np.random.default_rng(b)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


# --------------------------------------------------------------------------------------------
# The floor: record the run's draws, replay them
# --------------------------------------------------------------------------------------------


def _frozen(value: Any) -> Any:
    """A copy of an argument that later in-place changes by the engine cannot touch."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return type(value)(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


def _digest(value: Any) -> str:
    arr = np.ascontiguousarray(np.asarray(value))
    h = hashlib.blake2b(digest_size=16)
    h.update(str(arr.dtype).encode())
    h.update(str(arr.shape).encode())
    h.update(arr.tobytes())
    return h.hexdigest()


class Recorder:
    """A thin proxy around a numpy Generator: every method call goes through to the generator and is
    logged as (stream, method, args, kwargs, numbers drawn, digest of the result), in call order."""

    def __init__(self, gen: np.random.Generator, stream: str, log: list):
        self._gen, self._stream, self._log = gen, stream, log

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._gen, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            frozen_args, frozen_kwargs = _frozen(args), _frozen(kwargs)
            out = attr(*args, **kwargs)
            self._log.append((self._stream, name, frozen_args, frozen_kwargs, int(np.size(out)), _digest(out)))
            return out

        return call


class Recording:
    """One recorded run: the calls on every stream, the seeds of the streams the engine derived itself
    (through numpy.random.default_rng, e.g. a child for within-month timing), and each stream's
    bit-generator state at the end of the run."""

    def __init__(self) -> None:
        self.log: list = []
        self.children: list[tuple[str, tuple, dict]] = []  # (stream name, default_rng args, kwargs)
        self.gens: dict[str, np.random.Generator] = {}
        self.final: dict[str, Any] = {}


def record(eng: SimpleNamespace, world: Any, months: int, seed: int) -> tuple[Recording, Any]:
    rec = Recording()
    a, b = fresh(seed)
    rec.gens = {"arrivals": a, "behaviour": b}
    real = np.random.default_rng

    def derived(*args: Any, **kwargs: Any) -> Recorder:  # a stream the engine derives during the run
        name = f"derived{len(rec.children) + 1}"
        gen = real(*args, **kwargs)
        rec.children.append((name, _frozen(args), _frozen(kwargs)))
        rec.gens[name] = gen
        return Recorder(gen, name, rec.log)

    np.random.default_rng = derived
    try:
        tally = eng.run(world, months, Recorder(a, "arrivals", rec.log), Recorder(b, "behaviour", rec.log))
    finally:
        np.random.default_rng = real
    rec.final = {name: gen.bit_generator.state for name, gen in rec.gens.items()}
    return rec, tally


def replay_gens(rec: Recording, seed: int) -> dict[str, np.random.Generator]:
    gens = dict(zip(("arrivals", "behaviour"), fresh(seed), strict=True))
    for name, args, kwargs in rec.children:
        gens[name] = np.random.default_rng(*args, **kwargs)
    return gens


def replay_plan(rec: Recording, seed: int) -> list[tuple[Callable, tuple, dict]]:
    """Bound methods of fresh generators of the same seeds (derived streams included, made
    beforehand), with the recorded arguments, in the run's order."""
    gens = replay_gens(rec, seed)
    return [(getattr(gens[stream], name), args, kwargs) for stream, name, args, kwargs, _, _ in rec.log]


def replay(plan: list[tuple[Callable, tuple, dict]]) -> None:
    for method, args, kwargs in plan:
        method(*args, **kwargs)


def replay_check(rec: Recording, seed: int) -> tuple[int, list[str]]:
    """Calls whose replayed output differs from the recorded one, and streams whose bit generator
    ends in another state than in the run (0 and []: the floor draws exactly the run's numbers)."""
    gens = replay_gens(rec, seed)
    bad = 0
    for stream, name, args, kwargs, _, digest in rec.log:
        if _digest(getattr(gens[stream], name)(*args, **kwargs)) != digest:
            bad += 1
    states = [name for name, gen in gens.items() if gen.bit_generator.state != rec.final.get(name)]
    return bad, states


def same_tally(a: Any, b: Any) -> bool:
    """Every array and value of two tallies equal."""
    va, vb = vars(a), vars(b)
    if va.keys() != vb.keys():
        return False
    for key, x in va.items():
        y = vb[key]
        if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
            if not (isinstance(x, np.ndarray) and isinstance(y, np.ndarray) and np.array_equal(x, y)):
                return False
        elif x != y:
            return False
    return True


def draws_by_method(log: list) -> list[dict]:
    calls: Counter = Counter()
    numbers: Counter = Counter()
    for stream, name, _, _, n, _ in log:
        calls[stream, name] += 1
        numbers[stream, name] += n
    return [{"stream": s, "method": m, "calls": calls[s, m], "numbers": numbers[s, m]} for s, m in sorted(calls)]


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------


def counts_of(eng: SimpleNamespace, tally: Any) -> dict[str, int]:
    problems = tally.total("arisen")
    fabricated = tally.total("fabricated")
    return {
        "problems": problems,
        "reports": tally.total("reports"),
        "genuine_reports": tally.total("genuine_reports"),
        "fabricated": fabricated,
        "events": problems + fabricated,
    }


def measure_scale(eng: SimpleNamespace, policy: Any, args: argparse.Namespace, scale: int, base_grids: int) -> dict:
    grids = base_grids * scale
    world = eng.build_world(policy, args.on, {"grids": grids} if scale != 1 else None)
    months, seed = args.months, args.seed
    print(f"  x{scale}: {world.grids} workers, {months} months", file=sys.stderr, flush=True)

    rec, recorded = record(eng, world, months, seed)
    log = rec.log
    _, plain = timed(lambda: eng.run(world, months, *fresh(seed)))
    identical = same_tally(recorded, plain)
    mismatches, state_mismatches = replay_check(rec, seed)
    counts = counts_of(eng, plain)
    recorded = plain = None

    run_times, floor_times = [], []
    for k in range(args.repeat):
        gens = fresh(seed)
        seconds, _tally = timed(lambda gens=gens: eng.run(world, months, *gens))
        run_times.append(seconds)
        gens = None
        plan = replay_plan(rec, seed)
        seconds, _ = timed(lambda plan=plan: replay(plan))
        floor_times.append(seconds)
        plan = None
        print(
            f"    run {k + 1}/{args.repeat}: run {run_times[-1]:.3f} s, floor {floor_times[-1]:.3f} s",
            file=sys.stderr,
            flush=True,
        )
    run_s, floor_s = min(run_times), min(floor_times)
    draws = draws_by_method(log)
    return {
        "scale": scale,
        "workers": world.grids,
        "months": months,
        **counts,
        "run_s": run_s,
        "floor_s": floor_s,
        "ratio": run_s / floor_s,
        "run_times": run_times,
        "floor_times": floor_times,
        "events_per_s": counts["events"] / run_s,
        "problems_per_s": counts["problems"] / run_s,
        "reports_per_s": counts["reports"] / run_s,
        "us_per_worker_month": run_s / (world.grids * months) * 1e6,
        "floor_us_per_worker_month": floor_s / (world.grids * months) * 1e6,
        "calls": len(log),
        "numbers": sum(d["numbers"] for d in draws),
        "draws": draws,
        "replay_mismatches": mismatches,
        "state_mismatches": state_mismatches,
        "proxy_identical": identical,
        "streams": ["arrivals", "behaviour", *(name for name, _, _ in rec.children)],
    }


def measure_memory(eng: SimpleNamespace, world: Any, args: argparse.Namespace) -> list[dict]:
    rows = []
    for months in args.memory_months:
        gens = fresh(args.seed)
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        tally = eng.run(world, months, *gens)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(
            {
                "months": months,
                "peak_bytes": peak - before,
                "kept_bytes": current - before,
                "tally_bytes": sum(int(v.nbytes) for v in vars(tally).values() if isinstance(v, np.ndarray)),
                "problems": int(tally.total("arisen")),
            }
        )
        print(f"  memory: {months} months, peak {(peak - before) / 2**20:.1f} MiB", file=sys.stderr, flush=True)
        tally = gens = None
    first = rows[0]["peak_bytes"]
    for r in rows:
        r["ratio"] = r["peak_bytes"] / first if first else None
    return rows


def memory_slope(rows: list[dict]) -> float | None:
    """Least-squares slope of the peak over months, bytes per month."""
    if len(rows) < 2:
        return None
    x = np.array([r["months"] for r in rows], dtype=float)
    y = np.array([r["peak_bytes"] for r in rows], dtype=float)
    return float(np.polyfit(x, y, 1)[0])


# --------------------------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------------------------


def profile_functions(eng: SimpleNamespace, world: Any, months: int, seed: int, top: int) -> str:
    gens = fresh(seed)
    profiler = cProfile.Profile()
    profiler.enable()
    eng.run(world, months, *gens)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def profile_lines(eng: SimpleNamespace, world: Any, months: int, seed: int) -> dict:
    """Time per line of engine.run (sys.settrace on its frame only); each line's time includes the
    calls it makes. Lines are summed by the `# --` section comments of the function's source."""
    code = eng.run.__code__
    spent: defaultdict = defaultdict(float)
    hits: Counter = Counter()
    state = {"line": None, "t": 0.0}
    clock = time.perf_counter

    def local(frame, event, arg):
        now = clock()
        if state["line"] is not None:
            spent[state["line"]] += now - state["t"]
        if event == "line":
            state["line"] = frame.f_lineno
            hits[frame.f_lineno] += 1
        elif event == "return":
            state["line"] = None
        state["t"] = clock()
        return local

    def global_(frame, event, arg):
        if frame.f_code is code:
            return local
        return None

    gens = fresh(seed)
    gc.collect()
    started = clock()
    sys.settrace(global_)
    try:
        eng.run(world, months, *gens)
    finally:
        sys.settrace(None)
    total = clock() - started

    lines, first = inspect.getsourcelines(eng.run)
    source = {first + i: text.rstrip("\n") for i, text in enumerate(lines)}
    section_of, current = {}, "setup (before the month loop)"
    for number in sorted(source):
        text = source[number].strip()
        if text.startswith("# --"):
            current = text.strip("# -").split("(")[0].strip() or current
        section_of[number] = current
    sections: defaultdict = defaultdict(float)
    for number, seconds in spent.items():
        sections[section_of.get(number, "?")] += seconds
    traced = sum(spent.values())
    return {
        "total_s": total,
        "traced_s": traced,
        "sections": sorted(
            ({"section": s, "seconds": t, "share": t / traced} for s, t in sections.items()),
            key=lambda r: -r["seconds"],
        ),
        "lines": sorted(
            (
                {"line": n, "seconds": t, "share": t / traced, "hits": hits[n], "source": source.get(n, "").strip()}
                for n, t in spent.items()
            ),
            key=lambda r: -r["seconds"],
        ),
    }


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def table(header: tuple, rows: list[tuple]) -> None:
    body = [header, *rows]
    widths = [max(len(r[i]) for r in body) for i in range(len(header))]
    for k, row in enumerate(body):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def print_report(
    rows: list[dict], memory: list[dict], slope: float | None, profile: dict | None, args: argparse.Namespace
) -> list[str]:
    print()
    table(
        (
            "workers",
            "months",
            "problems",
            "reports",
            "fabricated",
            "events",
            "run s",
            "floor s",
            "ratio",
            "events/s",
            "us/worker-month",
            "floor us/w-m",
            "draw calls",
            "numbers drawn",
        ),
        [
            (
                f"{r['workers']:,}",
                str(r["months"]),
                f"{r['problems']:,}",
                f"{r['reports']:,}",
                f"{r['fabricated']:,}",
                f"{r['events']:,}",
                f"{r['run_s']:.3f}",
                f"{r['floor_s']:.3f}",
                f"{r['ratio']:.2f}",
                f"{r['events_per_s']:,.0f}",
                f"{r['us_per_worker_month']:.2f}",
                f"{r['floor_us_per_worker_month']:.2f}",
                f"{r['calls']:,}",
                f"{r['numbers']:,}",
            )
            for r in rows
        ],
    )
    print(
        "(best of the runs; events = problems arisen + fabricated reports; floor = numpy replaying the run's\n"
        " draws on fresh generators of the same seeds; ratio = run / floor)"
    )
    for r in rows:
        check = (
            "the same numbers"
            if r["replay_mismatches"] == 0
            else f"{r['replay_mismatches']} CALLS DIFFER from the run's"
        )
        check += (
            f", every stream ending in the run's state ({', '.join(r['streams'])})"
            if not r["state_mismatches"]
            else f"; STREAMS {', '.join(r['state_mismatches'])} END IN ANOTHER STATE than in the run"
        )
        proxy = "identical to" if r["proxy_identical"] else "DIFFERENT from"
        print(
            f"x{r['scale']} ({r['workers']:,} workers): the floor drew {check}; the recorded run's tally is "
            f"{proxy} a plain run's; problems/s {r['problems_per_s']:,.0f}, reports/s {r['reports_per_s']:,.0f}; "
            f"runs {', '.join(f'{t:.3f}' for t in r['run_times'])} s, "
            f"floors {', '.join(f'{t:.3f}' for t in r['floor_times'])} s"
        )
    base = rows[0]
    print(f"\ndraws of the {base['months']}-month run at x{base['scale']} (per stream and method):")
    table(
        ("stream", "method", "calls", "numbers"),
        [(d["stream"], d["method"], f"{d['calls']:,}", f"{d['numbers']:,}") for d in base["draws"]],
    )
    if len(rows) > 1:
        print(
            "\ntime per worker-month against x{}: ".format(base["scale"])
            + ", ".join(
                f"x{r['scale']} {r['us_per_worker_month'] / base['us_per_worker_month']:.2f} "
                f"(floor {r['floor_us_per_worker_month'] / base['floor_us_per_worker_month']:.2f})"
                for r in rows[1:]
            )
        )

    if memory:
        print(f"\npeak traced memory of one run ({base['workers']:,} workers, tracemalloc):")
        table(
            ("months", "problems", "peak MiB", "ratio to first", "kept MiB", "tally KiB"),
            [
                (
                    str(m["months"]),
                    f"{m['problems']:,}",
                    f"{m['peak_bytes'] / 2**20:.2f}",
                    f"{m['ratio']:.3f}",
                    f"{m['kept_bytes'] / 2**20:.3f}",
                    f"{m['tally_bytes'] / 1024:.1f}",
                )
                for m in memory
            ],
        )
        if slope is not None:
            print(
                f"slope of the peak: {slope / 1024:+.1f} KiB per month (kept = what the run leaves allocated: its "
                f"result; tally = the result's arrays, one row per month)"
            )

    if profile:
        print(f"\ncProfile of one {base['months']}-month run at x1 (by own time):")
        print(profile["functions"].rstrip())
        lines = profile["lines"]
        print(
            f"\nline timer on engine.run: {lines['total_s']:.3f} s traced run, against the best untraced "
            f"{base['run_s']:.3f} s ({lines['traced_s']:.3f} s in its lines, calls included); by section:"
        )
        table(
            ("section", "s", "share"),
            [(s["section"], f"{s['seconds']:.3f}", f"{s['share']:.1%}") for s in lines["sections"]],
        )
        print(f"\ntop {args.profile} lines:")
        table(
            ("line", "s", "share", "hits", "source"),
            [
                (str(ln["line"]), f"{ln['seconds']:.4f}", f"{ln['share']:.1%}", str(ln["hits"]), ln["source"][:90])
                for ln in lines["lines"][: args.profile]
            ],
        )

    print()
    verdicts = []
    r = base
    met = "met" if r["ratio"] <= GOAL_RATIO else "NOT met"
    if r["replay_mismatches"] or r["state_mismatches"] or not r["proxy_identical"]:
        met = "not judged, the floor does not draw the run's numbers"
    verdicts.append(
        f"goal run/floor <= {GOAL_RATIO:g} ({r['workers']:,} workers, {r['months']} months): {met} "
        f"(ratio {r['ratio']:.2f}: run {r['run_s']:.3f} s, floor {r['floor_s']:.3f} s; "
        f"{r['events_per_s']:,.0f} events/s)"
    )
    if memory:
        worst = max(memory, key=lambda m: m["ratio"])
        peaks = ", ".join(f"{m['peak_bytes'] / 2**20:.1f}" for m in memory)
        met = "met" if worst["ratio"] <= GOAL_MEMORY else "NOT met"
        verdicts.append(
            f"goal memory does not grow with months (every peak <= {GOAL_MEMORY:g} x the "
            f"{memory[0]['months']}-month peak): {met} (largest ratio {worst['ratio']:.3f} at "
            f"{worst['months']} months; peaks {peaks} MiB)"
        )
    for v in verdicts:
        print(v)
    return verdicts


def checkout() -> str:
    """The commit measured, and whether policyengine/simulate differs from it in the working tree."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "policyengine/simulate"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    if not head:
        return "unknown (not a git checkout)"
    return head + (" with local changes in policyengine/simulate" if dirty else "")


def environment() -> dict:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "numpy": np.__version__,
        "checkout": checkout(),
    }


def parse_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def parse_ints(text: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers: {text!r}") from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"expected positive integers: {text!r}")
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policy", default=str(DEFAULT_POLICY), help="policy directory (default policies/h_district)")
    parser.add_argument(
        "--on", type=parse_date, default=DEFAULT_ON, help=f"date the grants are judged on (default {DEFAULT_ON})"
    )
    parser.add_argument("--months", type=int, default=26, help="months of the timed run (default 26)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts (default 5)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"root seed (default {DEFAULT_SEED})")
    parser.add_argument(
        "--scales",
        type=parse_ints,
        default=[1, 4],
        help="multiples of the policy's grids to time (default 1,4; the first is the goal's)",
    )
    parser.add_argument(
        "--memory-months",
        type=parse_ints,
        default=[12, 26, 52, 104],
        help="run lengths for the memory peaks (default 12,26,52,104)",
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the memory peaks")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also profile one run at x1: cProfile top N functions and a line timer on engine.run",
    )
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON to FILE")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.months < 1 or args.seed < 0:
        parser.error("--repeat and --months must be at least 1, --seed non-negative")

    env = environment()
    print(
        f"python {env['python']} ({env['implementation']}), numpy {env['numpy']}, {env['cpus']} CPUs, "
        f"{env['platform']}; {args.policy}, grants on {args.on}, seed {args.seed}; "
        f"checkout {env['checkout']}",
        flush=True,
    )
    eng, error = load_engine()
    if eng is None:
        print(f"goal run/floor <= {GOAL_RATIO:g}: not measured (policyengine.simulate unavailable: {error})")
        return 0
    try:
        load_s, policy = timed(lambda: eng.load_policy([args.policy], args.on))
        world_s, world = timed(lambda: eng.build_world(policy, args.on))
    except Exception as exc:  # a located InputError, or a half-edited package
        print(
            f"goal run/floor <= {GOAL_RATIO:g}: not measured (the world cannot be built: {type(exc).__name__}: {exc})"
        )
        return 0
    print(
        f"loaded the policy in {load_s:.3f} s, built the world in {world_s:.3f} s: {world.grids:,} grids, "
        f"{len(world.kinds)} kinds of problem, levels {' > '.join(world.levels)}, quota {world.quota:g}",
        flush=True,
    )

    rows = [measure_scale(eng, policy, args, scale, world.grids) for scale in args.scales]
    profile = None
    if args.profile:
        profile = {
            "functions": profile_functions(eng, world, args.months, args.seed, args.profile),
            "lines": profile_lines(eng, world, args.months, args.seed),
        }
    memory = [] if args.no_memory else measure_memory(eng, world, args)
    slope = memory_slope(memory)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    verdicts = print_report(rows, memory, slope, profile, args)
    print(f"(max RSS of the process so far: {max_rss:.0f} MiB, a ceiling that includes the recorded draws' arguments)")
    if args.json:
        report = {
            "environment": env,
            "policy": args.policy,
            "on": args.on,
            "seed": args.seed,
            "months": args.months,
            "repeat": args.repeat,
            "goal_ratio": GOAL_RATIO,
            "goal_memory": GOAL_MEMORY,
            "load_s": load_s,
            "world_s": world_s,
            "rows": rows,
            "memory": memory,
            "memory_slope_bytes_per_month": slope,
            "max_rss_mib": max_rss,
            "profile": profile,
            "verdicts": verdicts,
        }
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark the linter against the floor: libyaml's event stream over the same files.

    python benchmarks/bench_lint.py                       # 1,000 / 10,000 / 100,000 items
    python benchmarks/bench_lint.py --sizes 1000,10000 --repeat 5 --json bench.json

For each size a synthetic policy is generated (benchmarks/generate.py), then measured in this
process, wall and CPU time (time.process_time) alike:

- events* (the floor the goal is judged against): read every file's bytes and pull libyaml's
  events through PyYAML's C parser. It is the cheapest parse that yields the positions the linter
  reports (each event's marks), and it runs with the cyclic garbage collector paused, as the
  linter runs;
- parse* and parse: the same files composed into nodes (CSafeLoader), with the collector paused
  and with it on, for comparison with the figures of earlier versions;
- lint: the whole ``policyengine.lint.lint_paths``.

Each is the best of --repeat runs, interleaved so drift hits all alike. At the largest size one
more lint runs stage by stage (lint_stages.py) to say where its time goes. Peak memory of the
lint is taken with tracemalloc in a separate run, so tracing does not slow the timed runs.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # measure the checkout's package, installed or not

import generate  # noqa: E402
import lint_stages  # noqa: E402
import yaml  # noqa: E402

try:
    Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML without libyaml: the baseline is then the pure-Python parser
    Loader = yaml.SafeLoader
try:
    from yaml._yaml import CParser as EventParser
except ImportError:  # the pure-Python parser, as the linter then uses
    EventParser = None

GOAL_RATIO = 3.0


def load_lint() -> tuple[Callable | None, str | None]:
    """The linter's entry point, or why it cannot be used yet."""
    try:
        from policyengine.lint import lint_paths
    except Exception as exc:  # a half-written package may fail in any way; report, go on
        return None, f"{type(exc).__name__}: {exc}"
    return lint_paths, None


def policy_files(policy_dir: Path) -> list[Path]:
    return sorted(p for p in policy_dir.iterdir() if p.suffix in (".yaml", ".yml"))


def parse_baseline(files: list[Path]) -> int:
    """Read and compose every file; return the number of documents."""
    documents = 0
    for path in files:
        with open(path, "rb") as fh:
            data = fh.read()
        documents += len(list(yaml.compose_all(data, Loader=Loader)))
    return documents


def event_stream(files: list[Path]) -> int:
    """Read every file and pull libyaml's events (each with its start and end marks); return their number."""
    events = 0
    for path in files:
        with open(path, "rb") as fh:
            data = fh.read()
        if EventParser is None:
            events += sum(1 for _ in yaml.parse(data, Loader=Loader))
            continue
        parser = EventParser(data)
        try:
            while parser.check_event():
                parser.get_event()
                events += 1
        finally:
            parser.dispose()
    return events


def gc_paused(fn: Callable[[list[Path]], int]) -> Callable[[list[Path]], int]:
    """`fn` with the cyclic garbage collector paused, as `lint_paths` pauses it while it reads."""

    def paused(files: list[Path]) -> int:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(files)
        finally:
            if enabled:
                gc.enable()

    return paused


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of one call, after a full collection."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def max_rss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # bytes on macOS, KiB elsewhere


# the floors and the lint, in the order each run measures them: (key, label, function of the files)
FLOORS = (
    ("events", "events*", gc_paused(event_stream)),
    ("parse_gc_paused", "parse*", gc_paused(parse_baseline)),
    ("parse", "parse", parse_baseline),
)


def measure(size: int, args: argparse.Namespace, lint_paths: Callable | None, work: Path, last: bool) -> dict:
    policy_dir = work / f"items_{size}"
    gen = generate.generate(policy_dir, items=size, units=args.units, seed=args.seed, clean=True)
    files = policy_files(policy_dir)
    row: dict[str, Any] = {
        "items": size,
        "units": args.units,
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "generate_s": gen.seconds,
        "events": None,
        "lint_peak_bytes": None,
        "max_rss_bytes": None,
        "findings": None,
        "findings_by_code": None,
        "stages": None,
    }
    print(
        f"  {size} items: generated {len(files)} files, {row['bytes'] / 2**20:.1f} MiB in {gen.seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )

    walls: dict[str, list[float]] = {key: [] for key, _, _ in FLOORS}
    cpus: dict[str, list[float]] = {key: [] for key, _, _ in FLOORS}
    walls["lint"], cpus["lint"] = [], []
    result = None
    for run in range(args.repeat):
        for key, _, floor in FLOORS:
            wall, cpu, count = timed(lambda floor=floor: floor(files))
            walls[key].append(wall)
            cpus[key].append(cpu)
            if key == "events":
                row["events"] = count
        if lint_paths is not None:
            result = None  # free the previous result before the next run
            wall, cpu, result = timed(lambda: lint_paths([str(policy_dir)]))
            walls["lint"].append(wall)
            cpus["lint"].append(cpu)
        said = ", ".join(
            f"{label} {walls[key][-1]:.2f} s" for key, label in [*((k, lab) for k, lab, _ in FLOORS), ("lint", "lint")]
        )
        print(f"  run {run + 1}/{args.repeat}: {said}", file=sys.stderr, flush=True)
    for key in walls:
        row[f"{key}_s"] = min(walls[key]) if walls[key] else None
        row[f"{key}_cpu_s"] = min(cpus[key]) if cpus[key] else None

    if lint_paths is not None:
        for key, _, _ in FLOORS:
            row[f"ratio_{key}"] = row["lint_s"] / row[f"{key}_s"]
            row[f"ratio_{key}_cpu"] = row["lint_cpu_s"] / row[f"{key}_cpu_s"]
        codes = Counter(getattr(f, "code", "?") for f in result.findings)
        row["findings"] = len(result.findings)
        row["findings_by_code"] = dict(sorted(codes.items()))
        result = None
        if last and args.stages:
            clock, found = lint_stages.staged_lint(policy_dir)
            row["stages"] = {name: {"wall_s": clock.wall[name], "cpu_s": clock.cpu[name]} for name in clock.wall}
            row["stages_findings"] = found
        row["max_rss_bytes"] = max_rss_bytes()  # before tracemalloc adds its own overhead
        gc.collect()
        tracemalloc.start()
        try:
            lint_paths([str(policy_dir)])
            row["lint_peak_bytes"] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    else:
        row["max_rss_bytes"] = max_rss_bytes()
    gc.collect()
    return row


def growth(rows: list[dict]) -> list[dict]:
    """Time per item at each size over the previous size: about 1 when growth is linear."""
    out = []
    for prev, cur in itertools.pairwise(rows):
        entry = {
            "from": prev["items"],
            "to": cur["items"],
            "events": (cur["events_s"] / cur["items"]) / (prev["events_s"] / prev["items"]),
            "lint": None,
        }
        if cur["lint_s"] is not None and prev["lint_s"] is not None:
            entry["lint"] = (cur["lint_s"] / cur["items"]) / (prev["lint_s"] / prev["items"])
        out.append(entry)
    return out


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _pair(r: dict, key: str, spec: str = ".3f") -> str:
    """Wall time, and CPU time in brackets."""
    return "-" if r.get(f"{key}_s") is None else f"{r[f'{key}_s']:{spec}} ({r[f'{key}_cpu_s']:{spec}})"


def _print_table(table: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for k, row in enumerate(table):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def print_stages(r: dict) -> None:
    stages, total = r["stages"], sum(s["wall_s"] for s in r["stages"].values())
    print(f"\nwhere lint's time goes at {r['items']} items (one run, stage by stage, gc paused as lint pauses it):")
    table = [("stage", "wall s", "cpu s", "share", "what")]
    for name, what in lint_stages.STAGES:
        s = stages[name]
        table.append((name, f"{s['wall_s']:.3f}", f"{s['cpu_s']:.3f}", f"{s['wall_s'] / total:.1%}", what))
    cpu = sum(s["cpu_s"] for s in stages.values())
    table.append(("sum", f"{total:.3f}", f"{cpu:.3f}", "100.0%", f"the whole lint, best run: {_pair(r, 'lint')}"))
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for k, row in enumerate(table):
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row[:4], widths, strict=True))
            )
            + "  "
            + row[4]
        )
        if k == 0:
            print("  ".join("-" * w for w in widths))


def print_report(rows: list[dict], steps: list[dict], lint_error: str | None) -> str:
    """Print the table, the growth, the stages and the verdict; return the verdict line."""
    table = [
        ("items", "files", "MiB", "events", "events* s", "parse* s", "parse s", "lint s", "lint/events*",
         "lint/parse*", "lint/parse", "lint peak MiB", "max RSS MiB", "findings")
    ]  # fmt: skip
    for r in rows:
        ratios = [
            "-" if r.get(f"ratio_{key}") is None else f"{r[f'ratio_{key}']:.2f} ({r[f'ratio_{key}_cpu']:.2f})"
            for key, _, _ in FLOORS
        ]
        table.append(
            (
                str(r["items"]),
                str(r["files"]),
                f"{r['bytes'] / 2**20:.1f}",
                str(r["events"]),
                *(_pair(r, key) for key in ("events", "parse_gc_paused", "parse", "lint")),
                *ratios,
                _fmt(None if r["lint_peak_bytes"] is None else r["lint_peak_bytes"] / 2**20, ".1f"),
                f"{r['max_rss_bytes'] / 2**20:.0f}",
                "-" if r["findings"] is None else str(r["findings"]),
            )
        )
    print()
    _print_table(table)
    print(
        "(best of the runs, wall time with CPU time in brackets, ratios likewise; events* is libyaml's event\n"
        " stream, parse* and parse the composed node tree, * with the cyclic garbage collector paused as the\n"
        " linter runs; max RSS is the process's peak so far, generation and parsing included)"
    )

    for r in rows:
        if r["findings_by_code"]:
            codes = ", ".join(f"{code} {n}" for code, n in r["findings_by_code"].items())
            print(f"findings at {r['items']} items: {codes}")

    if steps:
        print("\ngrowth of the time per item (linear growth gives about 1.00):")
        for s in steps:
            lint = "" if s["lint"] is None else f"lint x{s['lint']:.2f}   "
            print(f"  {s['from']:>7} -> {s['to']:<7}  {lint}events* x{s['events']:.2f}")

    largest = rows[-1]
    if largest["stages"]:
        print_stages(largest)
    if lint_error is not None:
        verdict = f"lint unavailable ({lint_error}); floors only"
    else:
        met = "met" if largest["ratio_events"] <= GOAL_RATIO else "NOT met"
        verdict = (
            f"goal lint/events* <= {GOAL_RATIO:g} at {largest['items']} items: {met} "
            f"(wall {largest['ratio_events']:.2f}, CPU {largest['ratio_events_cpu']:.2f}; "
            f"{largest['ratio_parse_gc_paused']:.2f} against parse*, {largest['ratio_parse']:.2f} against parse)"
        )
    print()
    print(verdict)
    return verdict


def environment() -> dict:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "pyyaml": yaml.__version__,
        "libyaml": getattr(yaml, "__with_libyaml__", False),
        "loader": Loader.__name__,
    }


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers")
    return sorted(set(sizes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes("1000,10000,100000"),
        help="item counts, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument("--units", type=int, default=1000, help="units in every policy (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated policies in DIR/items_N")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    parser.add_argument("--parse-only", action="store_true", help="measure generation and the floors only")
    parser.add_argument(
        "--no-stages",
        dest="stages",
        action="store_false",
        help="skip the stage-by-stage lint at the largest size",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.units < generate.MIN_UNITS:
        parser.error(f"--units must be at least {generate.MIN_UNITS}")

    lint_paths, lint_error = (None, "skipped (--parse-only)") if args.parse_only else load_lint()
    env = environment()
    print(
        f"python {env['python']} ({env['implementation']}), PyYAML {env['pyyaml']} "
        f"(libyaml {env['libyaml']}, {env['loader']}), {env['cpus']} CPUs, {env['platform']}"
    )
    if lint_error:
        print(f"lint unavailable: {lint_error}")

    rows = []
    with tempfile.TemporaryDirectory(prefix="policyengine-bench-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            rows.append(measure(size, args, lint_paths, work, last=size == args.sizes[-1]))

    steps = growth(rows)
    verdict = print_report(rows, steps, lint_error)
    if args.json:
        report = {
            "environment": env,
            "units": args.units,
            "repeat": args.repeat,
            "seed": args.seed,
            "goal_ratio": GOAL_RATIO,
            "lint_error": lint_error,
            "rows": rows,
            "growth": steps,
            "verdict": verdict,
        }
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

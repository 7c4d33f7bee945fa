"""Benchmark the linter against the floor: parsing the same files with PyYAML's C composer.

    python benchmarks/bench_lint.py                       # 1,000 / 10,000 / 100,000 items
    python benchmarks/bench_lint.py --sizes 1000,10000 --repeat 5 --json bench.json

For each size a synthetic policy is generated (benchmarks/generate.py), then measured in this
process: the parse baseline (read every file's bytes and compose it into nodes, which keep the
positions the linter reports), and the whole lint (``policyengine.lint.lint_paths``). Each is
the best of --repeat runs, interleaved so drift hits both alike. Peak memory of the lint is
taken with tracemalloc in a separate run, so tracing does not slow the timed runs. Figures are
printed, never asserted.
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
import yaml  # noqa: E402

try:
    Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML without libyaml: the baseline is then the pure-Python parser
    Loader = yaml.SafeLoader

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


def parse_baseline_gc_paused(files: list[Path]) -> int:
    """The same, with the cyclic garbage collector paused as the linter pauses it: the strict floor."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return parse_baseline(files)
    finally:
        if enabled:
            gc.enable()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def max_rss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # bytes on macOS, KiB elsewhere


def measure(size: int, args: argparse.Namespace, lint_paths: Callable | None, work: Path) -> dict:
    policy_dir = work / f"items_{size}"
    gen = generate.generate(policy_dir, items=size, units=args.units, seed=args.seed, clean=True)
    files = policy_files(policy_dir)
    row: dict[str, Any] = {
        "items": size,
        "units": args.units,
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "generate_s": gen.seconds,
        "parse_s": None,
        "parse_gc_paused_s": None,
        "lint_s": None,
        "ratio": None,
        "ratio_gc_paused": None,
        "lint_peak_bytes": None,
        "max_rss_bytes": None,
        "findings": None,
        "findings_by_code": None,
    }
    print(
        f"  {size} items: generated {len(files)} files, {row['bytes'] / 2**20:.1f} MiB in {gen.seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )

    parse_times, strict_times, lint_times = [], [], []
    result = None
    for run in range(args.repeat):
        seconds, _ = timed(lambda: parse_baseline(files))
        parse_times.append(seconds)
        seconds, _ = timed(lambda: parse_baseline_gc_paused(files))
        strict_times.append(seconds)
        if lint_paths is not None:
            result = None  # free the previous result before the next run
            seconds, result = timed(lambda: lint_paths([str(policy_dir)]))
            lint_times.append(seconds)
        lint_note = f", lint {lint_times[-1]:.2f} s" if lint_times else ""
        print(
            f"  run {run + 1}/{args.repeat}: parse {parse_times[-1]:.2f} s "
            f"(gc paused {strict_times[-1]:.2f} s){lint_note}",
            file=sys.stderr,
            flush=True,
        )
    row["parse_s"] = min(parse_times)
    row["parse_gc_paused_s"] = min(strict_times)

    if lint_paths is not None:
        row["lint_s"] = min(lint_times)
        row["ratio"] = row["lint_s"] / row["parse_s"]
        row["ratio_gc_paused"] = row["lint_s"] / row["parse_gc_paused_s"]
        codes = Counter(getattr(f, "code", "?") for f in result.findings)
        row["findings"] = len(result.findings)
        row["findings_by_code"] = dict(sorted(codes.items()))
        result = None
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
            "parse": (cur["parse_s"] / cur["items"]) / (prev["parse_s"] / prev["items"]),
            "lint": None,
        }
        if cur["lint_s"] is not None and prev["lint_s"] is not None:
            entry["lint"] = (cur["lint_s"] / cur["items"]) / (prev["lint_s"] / prev["items"])
        out.append(entry)
    return out


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_report(rows: list[dict], steps: list[dict], lint_error: str | None) -> str:
    """Print the table, the growth and the verdict; return the verdict line."""
    header = (
        "items",
        "files",
        "MiB",
        "gen s",
        "parse s",
        "parse* s",
        "lint s",
        "lint/parse",
        "lint/parse*",
        "lint peak MiB",
        "max RSS MiB",
        "findings",
    )
    table = [header]
    for r in rows:
        table.append(
            (
                str(r["items"]),
                str(r["files"]),
                f"{r['bytes'] / 2**20:.1f}",
                f"{r['generate_s']:.2f}",
                f"{r['parse_s']:.3f}",
                f"{r['parse_gc_paused_s']:.3f}",
                _fmt(r["lint_s"], ".3f"),
                _fmt(r["ratio"], ".2f"),
                _fmt(r["ratio_gc_paused"], ".2f"),
                _fmt(None if r["lint_peak_bytes"] is None else r["lint_peak_bytes"] / 2**20, ".1f"),
                f"{r['max_rss_bytes'] / 2**20:.0f}",
                "-" if r["findings"] is None else str(r["findings"]),
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print()
    for k, row in enumerate(table):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print(
        "(best of the runs; parse* is the parse with the cyclic garbage collector paused, as the linter\n"
        " runs; max RSS is the process's peak so far, generation and parsing included)"
    )

    for r in rows:
        if r["findings_by_code"]:
            codes = ", ".join(f"{code} {n}" for code, n in r["findings_by_code"].items())
            print(f"findings at {r['items']} items: {codes}")

    if steps:
        print("\ngrowth of the time per item (linear growth gives about 1.00):")
        for s in steps:
            lint = "" if s["lint"] is None else f"lint x{s['lint']:.2f}   "
            print(f"  {s['from']:>7} -> {s['to']:<7}  {lint}parse x{s['parse']:.2f}")

    largest = rows[-1]
    if lint_error is not None:
        verdict = f"lint unavailable ({lint_error}); parse baseline only"
    else:
        met = "met" if largest["ratio"] <= GOAL_RATIO else "NOT met"
        verdict = (
            f"goal lint/parse <= {GOAL_RATIO:g} at {largest['items']} items: {met} "
            f"(ratio {largest['ratio']:.2f}; {largest['ratio_gc_paused']:.2f} against parse*)"
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
    parser.add_argument("--parse-only", action="store_true", help="measure generation and the parse baseline only")
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
            rows.append(measure(size, args, lint_paths, work))

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

"""Benchmark the output formats, baselines and inline suppressions on the findings of one lint run.

    python benchmarks/bench_formats.py                        # 10,000 and 100,000 items, 1,000 units
    python benchmarks/bench_formats.py --sizes 10000 --repeat 5 --json formats.json

For each size a synthetic policy is generated (benchmarks/generate.py, as bench_lint does) and
linted. Then, in this process, each figure the best of --repeat interleaved runs:

- formats: ``text``, ``json``, ``sarif`` and ``github`` rendering of the lint's findings, each
  against the floor: ``json.dumps`` of a plain list of dicts holding the same fields (code, name,
  severity, message, file, line, column, subject), built beforehand. That is what serialising the
  findings costs at all. The floor with ``indent=2`` (which the json and sarif formats use, and
  which makes ``json.dumps`` take its pure-Python encoder) is printed as a diagnostic;
- baseline: ``baseline.render(findings)`` and ``baseline.read(path).split(findings)`` against the
  same floor, and fingerprints per second (``fingerprint.fingerprints``);
- suppressions: the lint of the policy as generated against the lint of a copy in which every
  100th line that holds a finding (``--every``) ends in ``# policyengine: ignore[CODES]`` with the
  codes found on it, so the comment scanner runs. The findings silenced must be exactly the
  commented ones and the rest must be unchanged; every difference is counted as a mismatch;
- memory: the peak traced by tracemalloc while rendering sarif, against the floor's, at sizes up to
  --peak-max (tracing makes the sarif render five to seven times slower).

A measurement runs --repeat times, or fewer once its runs have taken --budget seconds in all (at
100,000 items the lints and the sarif render then run once). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # measure the checkout's package, installed or not

import bench_lint  # noqa: E402
from bench_lint import generate, parse_sizes, policy_files, timed  # noqa: E402  (bench_lint's generator)

FORMATS = ("text", "json", "sarif", "github")


def load_engine() -> tuple[dict | None, str | None]:
    """What the benchmark calls, or why the package cannot be used."""
    try:
        from policyengine import baseline
        from policyengine.config import STRUCTURAL
        from policyengine.fingerprint import fingerprints
        from policyengine.formatters import FORMATS as renderers
        from policyengine.lint import LintResult, lint_paths
        from policyengine.source import SourceFile
        from policyengine.suppressions import UNSUPPRESSIBLE
    except Exception as exc:  # a half-written package may fail in any way; report, stop
        return None, f"{type(exc).__name__}: {exc}"
    return {
        "baseline": baseline,
        "fingerprints": fingerprints,
        "renderers": renderers,
        "LintResult": LintResult,
        "lint_paths": lint_paths,
        "SourceFile": SourceFile,
        "UNSUPPRESSIBLE": frozenset(UNSUPPRESSIBLE),
        "STRUCTURAL": frozenset(STRUCTURAL),
    }, None


def floor_rows(findings: list) -> list[dict]:
    """The findings as plain dicts with the json format's fields: what the floor serialises."""
    return [
        {
            "code": f.code,
            "name": f.name,
            "severity": f.severity.label,
            "message": f.message,
            "file": f.span.file,
            "line": f.span.line,
            "column": f.span.column,
            "subject": {"kind": f.subject.kind, "id": f.subject.id},
        }
        for f in findings
    ]


def slim(engine: dict, result) -> Any:
    """The lint result with what the formats read (findings, files' paths and text, counts), without
    the parsed documents, the model and the rules, so that they are not kept alive through the
    other lints."""
    files = [engine["SourceFile"](f.path, f.text) for f in result.files]
    return engine["LintResult"](result.findings, files, None, suppressed=result.suppressed, baselined=result.baselined)


# -- suppressions --------------------------------------------------------------------------------


def commented_lines(findings: list, unsuppressible: frozenset, every: int) -> dict[tuple[str, int], list]:
    """Every `every`-th line (in file and line order) among the lines that hold a suppressible
    finding: (file, line) -> the findings on it."""
    by_line: dict[tuple[str, int], list] = defaultdict(list)
    for f in findings:
        if f.span.file and f.span.line > 0 and f.code not in unsuppressible:
            by_line[(f.span.file, f.span.line)].append(f)
    return {key: by_line[key] for key in sorted(by_line)[every - 1 :: every]}


def write_commented(plain_dir: Path, out_dir: Path, chosen: dict[tuple[str, int], list]) -> int:
    """Copy the policy, appending `  # policyengine: ignore[CODES]` to each chosen line. Returns the
    number of comments written."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    per_file: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for (file, line), found in chosen.items():
        per_file[os.path.basename(file)][line] = sorted({f.code for f in found})
    written = 0
    for path in policy_files(plain_dir):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")  # the generator writes \n only
        for line, codes in per_file.get(path.name, {}).items():
            lines[line - 1] += f"  # policyengine: ignore[{', '.join(codes)}]"
            written += 1
        with open(out_dir / path.name, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines))
    return written


def _key(f, root: Path) -> tuple:
    """A finding with its directory left out, to compare the two copies' findings."""
    where = str(root)
    subject = f.subject.id.replace(where, "<dir>") if f.subject.kind == "file" else f.subject.id
    return (
        os.path.relpath(f.span.file, root) if f.span.file else "",
        f.span.line,
        f.span.column,
        f.code,
        f.subject.kind,
        subject,
        f.message.replace(where, "<dir>"),
    )


def compare_suppressed(
    plain: list, plain_dir: Path, got, got_dir: Path, chosen: dict, show: int
) -> tuple[int, list[str]]:
    """Mismatches between what the commented lint reports and what it should: the plain findings less
    the commented ones, and as many silenced as were commented."""
    commented = {id(f) for found in chosen.values() for f in found}
    want = Counter(_key(f, plain_dir) for f in plain if id(f) not in commented)
    have = Counter(_key(f, got_dir) for f in got.findings)
    missing, extra = want - have, have - want
    expected = len(commented)
    mismatches = sum(missing.values()) + sum(extra.values()) + abs(got.suppressed - expected)
    shown = []
    if got.suppressed != expected:
        shown.append(f"silenced {got.suppressed}, commented {expected}")
    for label, diff in (("not reported", missing), ("unexpected", extra)):
        for key in list(diff)[: max(show - len(shown), 0)]:
            shown.append(f"{label}: {key[0]}:{key[1]}:{key[2]} {key[3]} {key[6][:120]}")
    return mismatches, shown


# -- measurement ---------------------------------------------------------------------------------


def measure(size: int, args: argparse.Namespace, engine: dict, work: Path) -> dict:
    lint_paths, renderers, baseline = engine["lint_paths"], engine["renderers"], engine["baseline"]
    fingerprints = engine["fingerprints"]
    plain_dir = work / f"items_{size}"
    commented_dir = work / f"items_{size}_suppressed"
    gen = generate.generate(plain_dir, items=size, units=args.units, seed=args.seed, clean=True)
    files = policy_files(plain_dir)
    row: dict[str, Any] = {
        "items": size,
        "units": args.units,
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "generate_s": gen.seconds,
    }
    print(
        f"  {size} items: generated {len(files)} files, {row['bytes'] / 2**20:.1f} MiB in {gen.seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )

    # The lints: the first plain one gives the findings; then commented and plain alternate.
    seconds, full = timed(lambda: lint_paths([str(plain_dir)]))
    lint_times, commented_times = [seconds], []
    result = slim(engine, full)
    full = None
    findings = result.findings
    chosen = commented_lines(findings, engine["UNSUPPRESSIBLE"], args.every)
    comments = write_commented(plain_dir, commented_dir, chosen)
    print(
        f"  lint {seconds:.2f} s: {len(findings)} findings; {comments} comments on every {args.every}th "
        f"line that holds a finding",
        file=sys.stderr,
        flush=True,
    )
    mismatches, examples, silenced = None, [], None
    for run in range(args.repeat):
        ran = len(lint_times) + len(commented_times)
        if run == 0 or more(commented_times, args):
            seconds, got = timed(lambda: lint_paths([str(commented_dir)]))
            commented_times.append(seconds)
            if run == 0:
                silenced = got.suppressed
                mismatches, examples = compare_suppressed(findings, plain_dir, got, commented_dir, chosen, args.show)
            got = None
        if run > 0 and more(lint_times, args):
            seconds, _ = timed(lambda: lint_paths([str(plain_dir)]))
            lint_times.append(seconds)
        if len(lint_times) + len(commented_times) > ran:
            print(
                f"  run {run + 1}/{args.repeat}: lint {lint_times[-1]:.2f} s, commented {commented_times[-1]:.2f} s",
                file=sys.stderr,
                flush=True,
            )
    gc.collect()
    row.update(
        {
            "findings": len(findings),
            "lint_s": min(lint_times),
            "lint_commented_s": min(commented_times),
            "suppression_ratio": min(commented_times) / min(lint_times),
            "comments": comments,
            "commented_findings": sum(len(found) for found in chosen.values()),
            "silenced": silenced,
            "suppression_mismatches": mismatches,
            "suppression_examples": examples,
        }
    )

    # The renders, against the floor, on the same findings.
    rows = floor_rows(findings)
    baseline_path = work / f"baseline_{size}.json"
    baseline_path.write_text(baseline.render(findings), encoding="utf-8")
    root = str(work)  # paths are written relative to it, as for a policy under the current directory
    jobs: dict[str, Callable[[], Any]] = {
        "floor": lambda: json.dumps(rows, ensure_ascii=False),
        "floor_indent": lambda: json.dumps(rows, ensure_ascii=False, indent=2),
        "text": lambda: renderers["text"](result),
        "json": lambda: renderers["json"](result),
        "sarif": lambda: renderers["sarif"](result, root=root),
        "github": lambda: renderers["github"](result, root=root),
        "baseline_render": lambda: baseline.render(findings),
        "baseline_split": lambda: baseline.read(baseline_path).split(findings),
        "fingerprints": lambda: fingerprints(findings),
    }
    times: dict[str, list[float]] = {name: [] for name in jobs}
    sizes: dict[str, int] = {}
    split = None
    for run in range(args.repeat):
        for name, job in jobs.items():
            if run > 0 and not more(times[name], args):
                continue
            seconds, out = timed(job)
            times[name].append(seconds)
            if run == 0:
                if isinstance(out, str):
                    sizes[name] = len(out.encode("utf-8"))
                elif name == "baseline_split":
                    split = (len(out[0]), out[1])
            out = None
        ran = [f"{name} {times[name][-1]:.2f} s" for name in jobs if len(times[name]) == run + 1]
        if ran:
            print(f"  run {run + 1}/{args.repeat}: " + ", ".join(ran), file=sys.stderr, flush=True)
    best = {name: min(values) for name, values in times.items()}
    row["runs"] = {
        "lint": len(lint_times),
        "lint_commented": len(commented_times),
        **{name: len(values) for name, values in times.items()},
    }
    row["render_s"] = best
    row["render_ratio"] = {name: best[name] / best["floor"] for name in jobs}
    row["output_bytes"] = sizes
    row["fingerprints_per_s"] = len(findings) / best["fingerprints"]
    held = sum(1 for f in findings if f.code not in engine["STRUCTURAL"])  # a baseline never holds these
    row["baseline_new"], row["baseline_known"] = split
    row["baseline_mismatches"] = abs(split[1] - held) + abs(split[0] - (len(findings) - held))

    # Peak memory, traced apart from the timed runs (tracing slows the sarif render five to seven times).
    row["floor_peak_bytes"] = row["sarif_peak_bytes"] = row["peak_ratio"] = row["sarif_traced_s"] = None
    if args.peak_max <= 0 or size <= args.peak_max:
        row["floor_peak_bytes"] = traced_peak(jobs["floor"])
        started = time.perf_counter()
        row["sarif_peak_bytes"] = traced_peak(jobs["sarif"])
        row["sarif_traced_s"] = time.perf_counter() - started
        row["peak_ratio"] = row["sarif_peak_bytes"] / row["floor_peak_bytes"]
        print(
            f"  peak: floor {row['floor_peak_bytes'] / 2**20:.1f} MiB, sarif {row['sarif_peak_bytes'] / 2**20:.1f} MiB "
            f"(traced render {row['sarif_traced_s']:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    row["max_rss_bytes"] = bench_lint.max_rss_bytes()
    rows = result = findings = chosen = None
    gc.collect()
    return row


def more(runs: list[float], args: argparse.Namespace) -> bool:
    """Whether a measurement runs again: fewer than --repeat runs, which together took less than --budget."""
    return len(runs) < args.repeat and (args.budget <= 0 or sum(runs) < args.budget)


def traced_peak(job: Callable[[], Any]) -> int:
    """Peak memory allocated while `job` runs, its result included, as tracemalloc sees it."""
    gc.collect()
    tracemalloc.start()
    try:
        job()  # the peak is reached while its result is alive
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def growth(rows: list[dict]) -> list[dict]:
    """Time per finding at each size over the previous size: about 1 when growth is linear."""
    out = []
    for prev, cur in itertools.pairwise(rows):
        entry = {"from": prev["items"], "to": cur["items"]}
        for name in cur["render_s"]:
            entry[name] = (cur["render_s"][name] / cur["findings"]) / (prev["render_s"][name] / prev["findings"])
        entry["lint"] = (cur["lint_s"] / cur["items"]) / (prev["lint_s"] / prev["items"])
        entry["lint_commented"] = (cur["lint_commented_s"] / cur["items"]) / (prev["lint_commented_s"] / prev["items"])
        out.append(entry)
    return out


# -- report --------------------------------------------------------------------------------------

LABELS = {
    "floor": "floor: json.dumps",
    "floor_indent": "(json.dumps indent=2)",
    "text": "text",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "baseline_render": "baseline.render",
    "baseline_split": "baseline read+split",
    "fingerprints": "fingerprints",
}


def _table(header: tuple, body: list[tuple], left: int = 1) -> None:
    table = [header, *body]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for k, r in enumerate(table):
        print("  ".join(c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def print_report(rows: list[dict], steps: list[dict]) -> None:
    print()
    body = []
    for r in rows:
        for name, seconds in r["render_s"].items():
            size = r["output_bytes"].get(name)
            body.append(
                (
                    LABELS[name],
                    f"{r['items']:,}",
                    f"{r['findings']:,}",
                    f"{seconds:.3f}",
                    str(r["runs"][name]),
                    f"{r['render_ratio'][name]:.2f}",
                    f"{r['findings'] / seconds:,.0f}",
                    "-" if size is None else f"{size / 2**20:.1f}",
                )
            )
    _table(("output", "items", "findings", "best s", "runs", "/floor", "findings/s", "MiB"), body)
    print(
        "(the floor serialises plain dicts of the same fields, compact; indent=2 is a diagnostic: the json\n"
        " and sarif formats indent, which takes json.dumps off its C encoder; sarif and github write paths\n"
        " relative to the directory holding the policy; read+split reads the baseline of the same findings)"
    )
    for r in rows:
        bad = r["baseline_mismatches"]
        print(
            f"baseline at {r['items']:,} items: {r['baseline_known']:,} held, {r['baseline_new']:,} new"
            + (
                f"; {bad} MISMATCHES (it should hold every finding but structural errors)"
                if bad
                else " (it holds every finding)"
            )
            + f"; {r['fingerprints_per_s']:,.0f} fingerprints/s"
        )

    print()
    body = [
        (
            f"{r['items']:,}",
            f"{r['lint_s']:.2f}",
            f"{r['lint_commented_s']:.2f}",
            f"{r['runs']['lint']}/{r['runs']['lint_commented']}",
            f"{r['suppression_ratio']:.2f}",
            f"{r['comments']:,}",
            f"{r['commented_findings']:,}",
            f"{r['silenced']:,}",
            str(r["suppression_mismatches"]),
        )
        for r in rows
    ]
    _table(
        ("items", "lint s", "commented s", "runs", "ratio", "comments", "commented findings", "silenced", "mismatches"),
        body,
    )
    for r in rows:
        if r["suppression_mismatches"]:
            print(f"  MISMATCH at {r['items']:,} items:")
            for example in r["suppression_examples"]:
                print(f"    {example}")

    print()

    def mib(value: int | None) -> str:
        return "-" if value is None else f"{value / 2**20:.1f}"

    body = [
        (
            f"{r['items']:,}",
            mib(r["floor_peak_bytes"]),
            mib(r["sarif_peak_bytes"]),
            "-" if r["peak_ratio"] is None else f"{r['peak_ratio']:.1f}",
            mib(r["output_bytes"]["sarif"]),
            f"{r['max_rss_bytes'] / 2**20:.0f}",
        )
        for r in rows
    ]
    _table(("items", "floor peak MiB", "sarif peak MiB", "ratio", "sarif output MiB", "max RSS MiB"), body, left=0)
    print(
        "(peaks traced by tracemalloc, output string included, at sizes up to --peak-max; max RSS is the\n"
        " process's peak so far)"
    )

    if steps:
        print("\ngrowth of the time per finding (lint: per item; linear growth gives about 1.00):")
        for s in steps:
            parts = [
                f"{name} x{s[name]:.2f}"
                for name in (
                    *FORMATS,
                    "floor",
                    "baseline_render",
                    "baseline_split",
                    "fingerprints",
                    "lint",
                    "lint_commented",
                )
            ]
            print(f"  {s['from']:>7} -> {s['to']:<7} " + "   ".join(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes("10000,100000"),
        help="item counts, comma-separated (default 10000,100000)",
    )
    parser.add_argument("--units", type=int, default=1000, help="units in every policy (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument(
        "--budget",
        type=float,
        default=30,
        help="seconds after which a measurement is not run again, even below --repeat runs; "
        "0: always --repeat runs (default 30)",
    )
    parser.add_argument(
        "--peak-max",
        type=int,
        default=10000,
        help="trace peak memory at sizes up to this many items; 0: at every size (default 10000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--every", type=int, default=100, help="comment every N-th line that holds a finding (default 100)"
    )
    parser.add_argument("--show", type=int, default=10, help="suppression mismatches to print per size (default 10)")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated policies in DIR/items_N(_suppressed)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.every < 1:
        parser.error("--every must be at least 1")
    if args.units < generate.MIN_UNITS:
        parser.error(f"--units must be at least {generate.MIN_UNITS}")

    env = bench_lint.environment()
    print(
        f"python {env['python']} ({env['implementation']}), PyYAML {env['pyyaml']} "
        f"(libyaml {env['libyaml']}), {env['cpus']} CPUs, {env['platform']}"
    )
    engine, error = load_engine()
    if engine is None:
        print(f"policyengine unavailable: {error}")
        return 1

    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory(prefix="policyengine-bench-formats-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            rows.append(measure(size, args, engine, work))
    steps = growth(rows)
    print_report(rows, steps)
    print(f"\n{time.perf_counter() - started:.0f} s in all")
    if args.json:
        report = {
            "environment": env,
            "units": args.units,
            "repeat": args.repeat,
            "seed": args.seed,
            "every": args.every,
            "rows": rows,
            "growth": steps,
        }
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

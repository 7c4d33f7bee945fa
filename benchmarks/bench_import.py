"""Benchmark `policyengine import` on long grid item lists against reading the same tables' rows.

    python benchmarks/bench_import.py                      # xlsx of 1,000 / 10,000 / 100,000 rows, CSV of 100,000
    python -m benchmarks.bench_import --sizes 1000,10000 --csv-rows 10000 --repeat 5 --json import.json

Each table is a 网格事项清单 (序号, 事项名称, 责任单位, 网格员职责, 处置时限, 备注) generated with
openpyxl's write-only mode: a merged title row, the header, eight category title rows merged across
the columns (一、市容环境 …) and a few 责任单位 cells merged down over several items. The CSV holds the
same rows as Excel saves a CSV: once with a UTF-8 byte-order mark, once in GB18030 (ANSI on a Chinese
Windows), so the encoding detection is measured too.

Time, wall and CPU (time.process_time), best of --repeat interleaved runs, in this process:

- floor: openpyxl in read-only mode pulling every row's values (``iter_rows(values_only=True)``),
  and ``csv.reader`` over the file decoded in its encoding: what reading the table at all costs;
- import: ``policyengine.tables.importer.run`` with ``--preset grid_items`` into an empty directory,
  what ``policyengine import`` runs (the notes it prints left out): the file looked at, the rows read
  and declared, the YAML written.

Peak memory is each reader run once more in a child process of its own, which reports its
high-water mark of resident memory (VmHWM in /proc/self/status; ``ru_maxrss`` elsewhere). A child's
peak RSS counts everything the process holds — openpyxl's parsers, C buffers, the interpreter —
where tracemalloc sees only the allocations Python makes; and a fresh process is not inflated by the
sizes measured before it. (``RUSAGE_CHILDREN`` or ``os.wait4`` would not do: on Linux a child's
``ru_maxrss`` keeps the peak of the parent it was forked from, tables and all, across exec.) The same
child run under tracemalloc gives the Python heap's peak, and at the two largest sizes a snapshot
taken when the import has read every row (as it starts writing the YAML) says, line by line, what
grew. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # measure the checkout's package, installed or not

GOAL_FLAT = 2.0  # peak at the largest size over the peak at a tenth of it: 10 would be linear growth
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
SHEET = "网格事项清单"
HEADER = ("序号", "事项名称", "责任单位", "网格员职责", "处置时限", "备注")
CATEGORIES = ("市容环境", "街面秩序", "园林绿化", "市政设施", "安全生产", "消防安全", "生态环境", "民生服务")
EVENTS = {
    "市容环境": ("暴露垃圾", "积存垃圾渣土", "道路不洁", "水域不洁", "绿地脏乱", "垃圾满溢", "焚烧垃圾", "违规张贴小广告"),
    "街面秩序": ("占道经营", "店外经营", "无照经营游商", "流浪乞讨", "非法散发小广告", "露天烧烤", "机动车乱停放", "共享单车乱停放"),
    "园林绿化": ("绿地缺损", "行道树缺株", "树木倒伏", "古树名木损坏", "绿化带被占用", "毁坏花草树木"),
    "市政设施": ("井盖缺失", "井盖破损", "路灯不亮", "道路破损", "人行道板松动", "雨水箅子堵塞", "护栏损坏", "交通标志牌损坏"),
    "安全生产": ("违规储存危险化学品", "建筑工地未围挡", "施工扬尘", "燃气管道隐患", "电动自行车违规充电", "高空坠物隐患"),
    "消防安全": ("消防通道堵塞", "消防设施损坏", "楼道堆放杂物", "“三合一”场所住人", "私拉乱接电线"),
    "生态环境": ("油烟扰民", "噪声扰民", "河道排污", "违规排放污水", "秸秆焚烧"),
    "民生服务": ("独居老人走访", "困难群众帮扶线索", "矛盾纠纷排查", "流动人口信息采集", "房屋出租信息登记", "重点人员动态掌握"),
}  # fmt: skip
OWNERS = {
    "市容环境": ("区城市管理局", "区环境卫生管理中心", "各街道办事处"),
    "街面秩序": ("区城市管理局", "区市场监督管理局", "区公安分局交通警察大队", "区民政局"),
    "园林绿化": ("区园林绿化局", "区城市管理局"),
    "市政设施": ("区住房和城乡建设局", "区交通运输局", "区城市管理局"),
    "安全生产": ("区应急管理局", "区住房和城乡建设局", "区市场监督管理局"),
    "消防安全": ("区消防救援大队", "各街道办事处", "社区居委会"),
    "生态环境": ("区生态环境分局", "区水利局", "各乡镇人民政府"),
    "民生服务": ("区民政局", "区司法局", "区公安分局", "社区居委会"),
}  # fmt: skip
PLACES = ("人民路", "建设路", "解放大道", "滨河路", "文化路", "新华街", "幸福小区", "锦绣花园", "农贸市场", "火车站广场",
          "第一中学周边", "老城片区", "工业园区", "城乡结合部", "沿河步道", "商业步行街")  # fmt: skip
ROLES = ("发现上报", "发现上报", "发现上报", "巡查上报", "协助处置", "配合", "化解或上报", "办理")
LIMITS = ("2小时", "4小时", "24小时", "1个工作日", "3个工作日", "5个工作日", "15个工作日", "即时", "按季度")
NOTES = (
    "",
    "",
    "",
    "",
    "需拍照取证",
    "夜间重点巡查",
    "汛期每日巡查",
    "发现后30分钟内上报",
    "涉及多部门的,由区社会治理中心派遣",
)


# ----------------------------------------------------------------------------- the tables


def table_rows(rows: int, seed: int) -> tuple[list[list[str]], list[str]]:
    """About `rows` rows of the sheet (title, header, category titles, items), and the merged
    ranges: the title and each category title across the columns, and in each category the first
    item's 责任单位 merged down over the next two items (read as `merged: fill`)."""
    rng = random.Random(seed)
    out: list[list[str]] = [["某区网格化服务管理事项清单(2026年版)", "", "", "", "", ""], list(HEADER)]
    merged = ["A1:F1"]
    items = max(rows - 2 - len(CATEGORIES), len(CATEGORIES))
    per = [items // len(CATEGORIES) + (1 if k < items % len(CATEGORIES) else 0) for k in range(len(CATEGORIES))]
    number = 0
    for k, (category, count) in enumerate(zip(CATEGORIES, per, strict=True)):
        out.append([f"{'一二三四五六七八'[k]}、{category}类事项", "", "", "", "", ""])
        merged.append(f"A{len(out)}:F{len(out)}")
        for j in range(count):
            number += 1
            event, place = rng.choice(EVENTS[category]), rng.choice(PLACES)
            name = f"{place}{event}" if rng.random() < 0.9 else f"{place}\n{event}"  # a few multi-line cells
            owner = rng.choice(OWNERS[category])
            if j in (1, 2) and count > 3:
                owner = ""  # covered by the merge of the category's first item
            out.append([str(number), name, owner, rng.choice(ROLES), rng.choice(LIMITS), rng.choice(NOTES)])
            if j == 0 and count > 3:
                merged.append(f"C{len(out)}:C{len(out) + 2}")
    return out, merged


def write_xlsx(path: Path, rows: list[list[str]], merged: list[str]) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    for row in rows:
        sheet.append([int(v) if v.isdigit() else (v or None) for v in row])
    for ref in merged:
        sheet.merged_cells.add(ref)
    book.save(path)


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> None:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)


# ----------------------------------------------------------------------------- what is run


def floor_xlsx(path: str) -> int:
    """Every row's values through openpyxl's read-only reader, as the importer opens the file."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        return sum(1 for ws in book.worksheets for _ in ws.iter_rows(values_only=True))
    finally:
        book.close()


def floor_csv(path: str, encoding: str) -> int:
    with open(path, encoding=encoding, newline="") as handle:
        return sum(1 for _ in csv.reader(handle))


class DumpClock:
    """The time `emit.dump` takes within an import: each item is dumped to YAML as it is read, so
    this is the share of the import that PyYAML's emitter costs."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def install(self) -> None:
        from policyengine.tables import emit

        dump = emit.dump

        def timed_dump(data: Any) -> str:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return dump(data)
            finally:
                self.wall += time.perf_counter() - wall
                self.cpu += time.process_time() - cpu

        emit.dump = timed_dump  # type: ignore[assignment]


DUMP = DumpClock()


def do_import(path: str, out: str) -> int:
    from policyengine.tables.importer import run

    shutil.rmtree(out, ignore_errors=True)
    return run([path], out, None, "grid_items", None, ()).items


def runner(kind: str, path: str, out: str, encoding: str | None) -> Callable[[], int]:
    if kind == "import":
        return lambda: do_import(path, out)
    if path.endswith(".csv"):
        return lambda: floor_csv(path, encoding or "utf-8")
    return lambda: floor_xlsx(path)


def timed(fn: Callable[[], int]) -> tuple[float, float, int]:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, value


# ----------------------------------------------------------------------------- children


def peak_rss() -> int:
    """This process's peak resident size in bytes. On Linux the kernel's high-water mark of the
    process's own memory (VmHWM): ru_maxrss would also count what the parent held when it forked
    this child, which exec keeps as the child's maximum."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # bytes on macOS, KiB elsewhere


def child(argv: list[str]) -> int:
    """One run in a fresh process: `KIND PATH OUT ENCODING [--trace SNAPSHOT]`; prints JSON."""
    kind, path, out, encoding = argv[:4]
    snapshot = argv[5] if len(argv) > 5 and argv[4] == "--trace" else None
    import openpyxl  # noqa: F401  (loaded alike for floor and import, before anything is measured)

    from policyengine.tables import emit, importer  # noqa: F401

    fn = runner(kind, path, out, encoding if encoding != "-" else None)
    if kind == "start":
        print(json.dumps({"count": 0, "rss": peak_rss()}))
        return 0
    if snapshot is None:
        count = fn()
        print(json.dumps({"count": count, "rss": peak_rss()}))
        return 0
    if kind == "import" and snapshot != "-":
        document = emit.document

        def snapped(*args: Any, **kwargs: Any) -> Any:
            # every row is read and declared here, and nothing written yet: what the import holds
            tracemalloc.take_snapshot().dump(snapshot)
            return document(*args, **kwargs)

        emit.document = snapped  # type: ignore[assignment]
    tracemalloc.start(1)
    count = fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(json.dumps({"count": count, "traced_peak": peak}))
    return 0


def in_child(kind: str, path: str, out: str, encoding: str | None, trace: str | None = None) -> dict[str, Any]:
    """Run one measurement in a child process; its JSON, with the child's own peak RSS in bytes
    (``rss``, measured by the child) beside what ``wait4`` says of it (``ru_maxrss``)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, path, out, encoding or "-"]
    if trace is not None:
        command += ["--trace", trace]
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        assert proc.stdout is not None
        output = proc.stdout.read()
        proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's resources alone, not all children's
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            errors.seek(0)
            raise RuntimeError(f"child {kind} {path} failed:\n{errors.read().decode(errors='replace')[-2000:]}")
    result = json.loads(output)
    rss = usage.ru_maxrss
    result["ru_maxrss"] = rss if sys.platform == "darwin" else rss * 1024  # bytes on macOS, KiB elsewhere
    return result


# ----------------------------------------------------------------------------- measuring


def measure(table: dict[str, Any], args: argparse.Namespace, work: Path) -> dict[str, Any]:
    path, encoding = table["path"], table.get("encoding")
    out = str(work / "out")
    row: dict[str, Any] = {k: table[k] for k in ("label", "rows", "bytes")}
    times: dict[str, list[tuple[float, float]]] = {"floor": [], "import": []}
    spent = {"floor": 0.0, "import": 0.0}
    dumps: list[tuple[float, float]] = []
    for run in range(args.repeat):
        for kind in ("floor", "import"):
            if run and spent[kind] > args.budget:
                continue  # one slow run is enough on a shared machine
            DUMP.wall = DUMP.cpu = 0.0
            shutil.rmtree(out, ignore_errors=True)  # the last run's output, removed outside the clock
            wall, cpu, count = timed(runner(kind, path, out, encoding))
            if kind == "import":
                dumps.append((DUMP.wall, DUMP.cpu))
            times[kind].append((wall, cpu))
            spent[kind] += wall
            row[f"{kind}_count"] = count
        said = ", ".join(f"{k} {times[k][-1][0]:.2f} s" for k in times)
        print(f"  {table['label']} run {run + 1}/{args.repeat}: {said}", file=sys.stderr, flush=True)
    for kind, pairs in times.items():
        row[f"{kind}_s"] = min(w for w, _ in pairs)
        row[f"{kind}_cpu_s"] = min(c for _, c in pairs)
        row[f"{kind}_runs"] = len(pairs)
    best = min(range(len(times["import"])), key=lambda k: times["import"][k][1])
    row["dump_s"], row["dump_cpu_s"] = dumps[best]  # in the run of least CPU
    row["dump_share"] = row["dump_cpu_s"] / times["import"][best][1]
    row["ratio"] = row["import_s"] / row["floor_s"]
    row["ratio_cpu"] = row["import_cpu_s"] / row["floor_cpu_s"]
    row["us_per_row"] = 1e6 * row["import_s"] / table["rows"]
    row["us_per_row_cpu"] = 1e6 * row["import_cpu_s"] / table["rows"]
    row["floor_us_per_row"] = 1e6 * row["floor_s"] / table["rows"]
    for kind in ("floor", "import"):
        row[f"{kind}_rss"] = in_child(kind, path, out, encoding)["rss"]
        snapshot = table.get("snapshot") if kind == "import" else None
        row[f"{kind}_traced"] = (
            in_child(kind, path, out, encoding, trace=snapshot or "-")["traced_peak"]
            if table["label"] == "xlsx" or args.trace_csv
            else None
        )
    print(f"  {table['label']} {table['rows']} rows: {json.dumps(row)}", file=sys.stderr, flush=True)
    return row


def where_it_grows(small: dict[str, Any], large: dict[str, Any], top: int) -> list[dict[str, Any]]:
    """The import's Python heap once every row is read (snapshots taken in the traced runs) at two
    sizes, compared line by line."""
    snaps = [tracemalloc.Snapshot.load(table["snapshot"]) for table in (small, large)]
    ignore = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "<frozen importlib._bootstrap*"),
    ]
    before, after = (s.filter_traces(ignore) for s in snaps)
    stats = after.compare_to(before, "lineno")
    return [
        {
            "where": f"{s.traceback[0].filename}:{s.traceback[0].lineno}",
            "small": s.size - s.size_diff,
            "large": s.size,
            "blocks": s.count,
        }
        for s in stats[:top]
    ]


# ----------------------------------------------------------------------------- the report


def _mib(n: float) -> str:
    return f"{n / 2**20:.1f}"


def print_report(rows: list[dict[str, Any]], start_rss: int, growth: list[dict[str, Any]], small: int) -> str:
    head = ("table", "rows", "MiB", "floor s", "import s", "import/floor", "µs/row", "floor µs/row", "YAML dump",
            "floor RSS", "import RSS", "import RSS - start", "floor traced", "import traced")  # fmt: skip
    table = [head]
    for r in rows:
        table.append(
            (
                r["label"],
                f"{r['rows']:,}",
                _mib(r["bytes"]),
                f"{r['floor_s']:.3f} ({r['floor_cpu_s']:.3f})",
                f"{r['import_s']:.3f} ({r['import_cpu_s']:.3f})" + ("" if r["import_runs"] > 1 else " 1 run"),
                f"{r['ratio']:.2f} ({r['ratio_cpu']:.2f})",
                f"{r['us_per_row']:.0f} ({r['us_per_row_cpu']:.0f})",
                f"{r['floor_us_per_row']:.1f}",
                f"{r['dump_cpu_s']:.2f} s ({r['dump_share']:.0%})",
                _mib(r["floor_rss"]),
                _mib(r["import_rss"]),
                _mib(r["import_rss"] - start_rss),
                "-" if r["floor_traced"] is None else _mib(r["floor_traced"]),
                "-" if r["import_traced"] is None else _mib(r["import_traced"]),
            )
        )
    widths = [max(len(t[i]) for t in table) for i in range(len(head))]
    print()
    for k, t in enumerate(table):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(t, widths, strict=True))))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print(
        "(best of the runs, wall time with CPU time in brackets; memory in MiB: RSS is the peak resident size of a\n"
        f" child process doing that one read, of which {_mib(start_rss)} MiB is the interpreter with openpyxl and the\n"
        " importer loaded; traced is tracemalloc's peak of the Python heap in such a child)"
    )
    xlsx = [r for r in rows if r["label"] == "xlsx"]
    verdict = "memory: fewer than two xlsx sizes, nothing to compare"
    if len(xlsx) >= 2:
        a, b = xlsx[-2], xlsx[-1]
        rss = (b["import_rss"] - start_rss) / max(a["import_rss"] - start_rss, 1)
        traced = b["import_traced"] / a["import_traced"]
        rows_ratio = b["rows"] / a["rows"]
        flat = "flat" if rss <= GOAL_FLAT else "NOT flat"
        verdict = (
            f"memory {flat}: from {a['rows']:,} to {b['rows']:,} rows (x{rows_ratio:g}) the import's peak RSS above "
            f"start grows x{rss:.2f}, its traced peak x{traced:.2f} (goal <= x{GOAL_FLAT:g})"
        )
        print("\ntime per row, each size over the one before (linear growth gives about 1.00):")
        for p, c in itertools.pairwise(xlsx):
            print(f"  {p['rows']:>7,} -> {c['rows']:<7,}  import x{(c['import_cpu_s'] / c['rows']) / (p['import_cpu_s'] / p['rows']):.2f} (CPU)"
                  f"   floor x{(c['floor_cpu_s'] / c['rows']) / (p['floor_cpu_s'] / p['rows']):.2f} (CPU)")  # fmt: skip
    if growth:
        print(
            f"\nwhat the import holds once every row is read, {small:,} -> {xlsx[-1]['rows']:,} rows (tracemalloc, by line):"
        )
        for g in growth:
            print(f"  {_mib(g['small']):>7} -> {_mib(g['large']):>7} MiB  {g['blocks']:>9,} blocks  {g['where']}")
    print()
    print(verdict)
    return verdict


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {text!r}") from None
    if not sizes or sizes[0] < 20:
        raise argparse.ArgumentTypeError("sizes must be at least 20 rows")
    return sizes


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1000,10000,100000"), help="xlsx rows")
    parser.add_argument("--csv-rows", type=int, default=100000, help="rows of the CSV files (0: none)")
    parser.add_argument("--csv-encodings", default=",".join(CSV_ENCODINGS), help="default utf-8-sig,gb18030")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--budget", type=float, default=60, help="seconds after which a measurement is not repeated")
    parser.add_argument("--trace-csv", action="store_true", help="trace the CSV reads with tracemalloc too (slow)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=10, help="lines shown where the import's memory grows")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated tables in DIR")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    import openpyxl

    print(
        f"python {platform.python_version()}, openpyxl {openpyxl.__version__}, {os.cpu_count()} CPUs, "
        f"{platform.platform()}"
    )
    DUMP.install()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="policyengine-bench-import-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        tables: list[dict[str, Any]] = []
        for size in args.sizes:
            data, merged = table_rows(size, args.seed)
            path = work / f"网格事项清单_{size}.xlsx"
            write_xlsx(path, data, merged)
            tables.append({"label": "xlsx", "rows": len(data), "path": str(path), "bytes": path.stat().st_size})
        if args.csv_rows:
            data, _ = table_rows(args.csv_rows, args.seed)
            for encoding in filter(None, args.csv_encodings.split(",")):
                path = work / f"网格事项清单_{args.csv_rows}_{encoding}.csv"
                write_csv(path, data, encoding)
                tables.append(
                    {"label": f"csv {encoding}", "rows": len(data), "path": str(path), "bytes": path.stat().st_size,
                     "encoding": encoding}
                )  # fmt: skip
        print(f"generated {len(tables)} tables in {work}", file=sys.stderr, flush=True)
        for table in [t for t in tables if t["label"] == "xlsx"][-2:]:
            table["snapshot"] = str(work / f"snap_{table['rows']}.bin")
        start_rss = in_child("start", str(tables[0]["path"]), str(work / "out"), None)["rss"]
        for table in tables:
            rows.append(measure(table, args, work))
        xlsx = [t for t in tables if t["label"] == "xlsx"]
        growth = where_it_grows(xlsx[-2], xlsx[-1], args.top) if len(xlsx) >= 2 else []
        small = xlsx[-2]["rows"] if len(xlsx) >= 2 else 0
    verdict = print_report(rows, start_rss, growth, small)
    if args.json:
        report = {
            "environment": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
            },
            "start_rss": start_rss,
            "rows": rows,
            "growth": growth,
            "verdict": verdict,
        }
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

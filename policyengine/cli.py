"""The command line. The only module that prints or exits.

Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage error or unreadable input,
3 an internal error (a bug in policyengine).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .codes import CODES
from .config import Config, expand_codes, is_custom
from .diagnostics import Severity
from .errors import ConfigError, InputError, PolicyEngineError
from .resources import bundled_policies, check_doc, data_dir, policy_schema
from .clikit import (BUNDLED_PREFIX, LANGS, REFORM, _bundled_path, _cannot_write, _color, _date, _fail,
                     _need_paths, _resolve, _writable_dir, config_for)

STYLES = {"path": {"bold": True}, "error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow", "bold": True},
          "info": {"fg": "cyan"}, "caret": {"fg": "green", "bold": True}}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policyengine")
def main() -> None:
    """Lint, admit, simulate and reform grid-based local governance policies.

    \b
    A policy is a directory of YAML files (or one file). `bundled:h_district` names
    the H District policy shipped with the package.
    """


LINT_FORMATS = ["auto", "text", "json", "sarif", "github"]


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="auto", show_default=True,
              help="auto: github annotations inside GitHub Actions, else text.")
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of messages.")
@click.option("--select", multiple=True, help="Codes or prefixes to run (PE1, PE101); comma-separated or repeated.")
@click.option("--ignore", multiple=True, help="Codes or prefixes to skip.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="A policyengine.toml or pyproject.toml [default: the nearest one from the first PATH upward].")
@click.option("--isolated", is_flag=True, help="Read no configuration file; use the defaults and the options.")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding is at or above this severity [default: warning].")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings this baseline file does not hold.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              help="Write every current finding to this baseline file, and exit 0.")
@click.option("--explain", is_flag=True,
              help="Under each finding, the chain behind it, as `policyengine why` prints it (text and json).")
@click.option("--color/--no-color", default=None, help="Colour the text output [default: when a terminal].")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Judge grants in force on this date, YYYY-MM-DD [default: today].")
@REFORM
def lint(paths, fmt, lang, select, ignore, config_path, isolated, fail_level, baseline_path, write_baseline, explain,
         color, on, reform) -> None:
    """Lint the policy made of PATHS (or a reform over its baseline); report findings.

    \b
    Exit 0 when no finding reaches the fail level, 1 when one does, 2 for input
    or options that cannot be read.
    """
    import dataclasses

    from . import baseline
    from .formatters import FORMATS
    from .lint import lint_paths

    try:
        _need_paths(paths, reform)
        config = config_for(paths, reform, config_path, isolated)
        overrides = {}
        if select:
            overrides["select"] = expand_codes(select, "--select")
        if ignore:
            overrides["ignore"] = config.ignore | expand_codes(ignore, "--ignore")
        if fail_level:
            overrides["fail_level"] = Severity.parse(fail_level)
        if overrides:
            config = dataclasses.replace(config, **overrides)
        known = baseline.read(baseline_path) if baseline_path else None
        fmt = "text" if explain and fmt == "auto" else _lint_format(fmt)  # chains are for readers, not annotations
        if fmt not in FORMATS:
            raise ConfigError(f"--format {fmt} is not available in this installation",
                              f"此安装不提供 --format {fmt}")
        if explain and fmt not in ("text", "json"):
            raise ConfigError(f"--explain works with --format text or json, not {fmt}",
                              f"--explain 仅适用于 --format text 或 json,而不是 {fmt}")
        result = lint_paths(_resolve(paths), config, lang, _date(on), reform, _bundled_path)
        if write_baseline:
            from .config import STRUCTURAL

            broken = sorted({f.code for f in result.findings if f.code in STRUCTURAL})
            if broken:
                raise InputError(f"--write-baseline: the policy has structural errors ({', '.join(broken)}) that stop "
                                 "the checks; fix them first: a baseline never holds them",
                                 f"--write-baseline:策略有结构性错误({', '.join(broken)}),检查因此中止;"
                                 "请先修正:基线从不收录此类错误")
            try:
                Path(write_baseline).write_text(baseline.render(result.findings), encoding="utf-8")
            except OSError as error:
                raise _cannot_write(write_baseline, error) from None
            click.echo(f"wrote {len(result.findings)} finding(s) to {write_baseline}" if lang == "en" else
                       f"已将 {len(result.findings)} 条诊断写入 {write_baseline}", err=True)
            sys.exit(0)
        if known is not None:
            new, held = known.split(result.findings)
            result = dataclasses.replace(result, findings=new, baselined=held)
    except InputError as error:
        _fail(error, lang)
        return
    style = (lambda text, kind: click.style(text, **STYLES.get(kind, {}))) if fmt == "text" and _color(color) else None
    if explain:
        from .formatters import json_format, text, why_report
        from .why import explainer

        chain = explainer(result).chain  # on the date and with the configuration of the lint
        if fmt == "json":
            click.echo(json_format.render(result, lang, chain=chain), nl=False)
        else:
            click.echo(text.render(result, lang, style, lambda f: why_report.render_chain(chain(f), lang, 4)), nl=False)
    else:
        click.echo(FORMATS[fmt](result, lang, style), nl=False)
    sys.exit(1 if result.failed(config.fail_level) else 0)


def _lint_format(fmt: str) -> str:
    """`auto`: annotations where GitHub Actions shows them, compiler-style text elsewhere."""
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@main.command()
@click.argument("code", required=False)
@click.option("--lang", type=LANGS, default="en", show_default=True)
def explain(code, lang) -> None:
    """Show the documentation of a check code; without CODE, list every code."""
    if not code:
        for c in CODES.values():
            click.echo(f"{c.code}  {c.severity.label:<8} {c.name} — {c.zh}")
        return
    code = code.upper()
    text = check_doc(code) if code in CODES else None
    if text is None and is_custom(code):
        click.echo(f"{code} is in PE900-PE999, the range of custom checks: a rule of the policy (inline "
                   "criteria or a .rules file) reports it with its own severity and message; see docs/rules.md"
                   if lang == "en" else f"{code} 属于 PE900-PE999,即自定义检查的代码段:由策略自身的规则(内联标准或 "
                   ".rules 文件)以其自定的级别和消息报告;参见 docs/rules.md")
        return
    if text is None:
        click.echo(f"policyengine: unknown check code '{code}'; `policyengine explain` lists them"
                   if lang == "en" else f"policyengine:未知的检查代码“{code}”;运行 `policyengine explain` 查看全部",
                   err=True)
        sys.exit(2)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown
        Console().print(Markdown(text))
    else:
        click.echo(text, nl=not text.endswith("\n"))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["graphml", "dot", "json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file, not stdout.")
@click.option("--lang", type=LANGS, default="en", show_default=True)
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Keep grants in force on this date, YYYY-MM-DD [default: today].")
def graph(paths, fmt, output, lang, on) -> None:
    """Export the responsibility graph of a policy (structural errors must be fixed first)."""
    from .export import FORMATS
    from .graph import build_graph
    from .lint import STRUCTURAL, lint_paths

    try:
        result = lint_paths(_resolve(paths), Config(select=frozenset(STRUCTURAL)), lang)
    except InputError as error:
        _fail(error, lang)
        return
    if result.findings or result.policy is None:
        from .formatters import text
        click.echo(text.render(result, lang), err=True, nl=False)
        sys.exit(1)
    rendered = FORMATS[fmt](build_graph(result.policy, _date(on)))
    if output:
        Path(output).write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="en", show_default=True)
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Decide as of this date, YYYY-MM-DD [default: today].")
@REFORM
def admit(paths, fmt, lang, on, reform) -> None:
    """Decide the admission (准入) of every item and print the bill per tier.

    \b
    Exit 0 with the decisions; 1 when the policy or its rules have errors (printed instead).
    """
    from .admission import decide
    from .formatters import admission_report, text
    from .lint import STRUCTURAL, lint_paths

    day = _date(on) or __import__("datetime").date.today().isoformat()
    try:
        _need_paths(paths, reform)
        result = lint_paths(_resolve(paths), Config(select=frozenset((*STRUCTURAL, "PE006", "PE007"))), lang, day,
                            reform, _bundled_path)
    except InputError as error:
        _fail(error, lang)
        return
    if result.findings or result.policy is None or result.rules is None:
        click.echo(text.render(result, lang), err=True, nl=False)
        sys.exit(1)
    admissions = decide(result.policy, result.rules, day)
    if fmt == "json":
        click.echo(admission_report.render_json(admissions, day), nl=False)
    else:
        click.echo(admission_report.render_text(admissions, lang), nl=False)


@main.command()
@click.argument("base")
@click.argument("reform", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="en", show_default=True)
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Judge grants in force on this date, YYYY-MM-DD [default: today].")
def diff(base, reform, fmt, lang, on) -> None:
    """Compare a reform with its baseline BASE: structural changes, findings fixed and introduced."""
    from .formatters import diff_report
    from .lint import lint_paths

    try:
        before = lint_paths(_resolve((base,)), Config(), lang, _date(on))
        after = lint_paths(_resolve((base,)), Config(), lang, _date(on), reform, _bundled_path)
    except InputError as error:
        _fail(error, lang)
        return
    click.echo(diff_report.render(before, after, fmt, lang), nl=False)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--reform", "reforms", multiple=True, type=click.Path(dir_okay=False),
              help="A reform to compare with the baseline; repeatable.")
@click.option("--months", type=click.IntRange(min=1), default=26, show_default=True, help="Months per run.")
@click.option("--runs", type=click.IntRange(min=1), default=20, show_default=True, help="Runs per scenario.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="The root seed.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Local processes to run on (the result does not depend on it).")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Judge grants in force on this date, YYYY-MM-DD [default: today].")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--out", "out", type=click.Path(file_okay=False), default=None,
              help="Also write simulation.json, metrics.csv and calibration.csv into this directory; "
                   "finished runs are kept under DIR/runs and reused: an interrupted run resumes.")
@click.option("--plot", "plot", type=click.Path(file_okay=False), default=None,
              help="Also draw metrics.png, monthly.png and days.png (and their CSV) into this directory "
                   "(the plot extra: matplotlib).")
@click.option("--sweep", "sweeps", multiple=True, metavar="NAME=LOW:HIGH:STEPS",
              help="Also run every value of a behavioural parameter (repeatable: their product).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run on the Dask cluster at this scheduler address (the dask extra); not with --workers.")
@click.option("--sweep-format", "sweep_format", type=click.Choice(["csv", "parquet"]), default="csv",
              show_default=True, help="Format of the sweep's records under --out (parquet: the parquet extra).")
@click.option("--reform-parts", "reform_parts", type=click.Choice(["ops", "groups"]), default=None,
              help="Also simulate each reform's operations cumulatively: first k operations, or groups.")
@click.option("--lang", type=LANGS, default="en", show_default=True)
@click.pass_context
def simulate(ctx, paths, reforms, months, runs, seed, workers, on, fmt, out, sweeps, scheduler, sweep_format,
             reform_parts, lang, plot) -> None:
    """Simulate the event workflow of a policy, baseline against reforms (docs/simulation.md)."""
    from .simulate import report
    from .simulate.runs import parse_sweep, simulate as run_simulation

    try:
        if not paths:
            raise ConfigError("give a policy PATH", "请提供策略路径 PATH")
        swept = [parse_sweep(s) for s in sweeps]
        if scheduler is not None:
            from .simulate.backends import check_address
            check_address(scheduler)  # before any Dask client is made
        if plot:
            from .simulate import plots
            plots.require()  # before the runs: a missing extra is one line, exit 2
            _writable_dir("--plot", plot)
        if out:
            _writable_dir("--out", out)
        if scheduler is not None and ctx.get_parameter_source("workers") != click.core.ParameterSource.DEFAULT:
            raise ConfigError("--workers and --scheduler exclude each other: the cluster decides how many workers",
                              "--workers 与 --scheduler 不能同时使用:工作进程数由集群决定")
        if sweep_format == "parquet":
            report.need_parquet(out)
        stats: dict = {}
        progress = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress
            bar = Progress(console=Console(stderr=True), transient=True)
            task = bar.add_task("simulating" if lang == "en" else "模拟中", total=None)
            bar.start()
            progress = lambda done, total: bar.update(task, completed=done, total=total)  # noqa: E731
        try:
            result = run_simulation(_resolve(paths), reforms, months, runs, seed, _date(on), workers, progress,
                                    resolve_bundled=_bundled_path, sweeps=swept, scheduler=scheduler,
                                    store=out, reform_parts=reform_parts, stats=stats, series=bool(plot))
        finally:
            if progress is not None:
                bar.stop()
        if out:
            report.write_dir(result, Path(out), sweep_format)
            if stats.get("reused"):
                click.echo(f"resumed: {stats['reused']} of {stats['records']} runs read from {Path(out) / 'runs'}, "
                           f"{stats['computed']} computed" if lang == "en" else
                           f"续算:{stats['records']} 次运行中 {stats['reused']} 次读自 {Path(out) / 'runs'},"
                           f"{stats['computed']} 次新算", err=True)
        if plot:
            try:
                plots.write_plots(result, Path(plot))
            except OSError as error:
                raise _cannot_write(plot, error) from None
            if any("series" not in s for s in result["scenarios"].values()):
                click.echo("--plot: some runs carry no monthly series; only metrics.png was drawn"
                           if lang == "en" else "--plot:部分运行不含月度序列;仅绘制了 metrics.png", err=True)
    except InputError as error:
        _fail(error, lang)
        return
    except OSError as error:
        _fail(_cannot_write(out, error), lang)
        return
    except MemoryError:
        _fail(InputError("out of memory while simulating; lower --months, --runs, the sweep's steps or the grids",
                         "模拟时内存不足;请减少 --months、--runs、扫描步数或网格数"), lang)
        return
    click.echo(report.FORMATS[fmt](result, lang), nl=False)


@main.command("test")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of the report.")
def test_command(paths, fmt, lang) -> None:
    """Run policy test files (*.pe-test.yaml; directories are searched recursively).

    \b
    Exit 0 when every test passes, 1 when one fails, 2 for a test file that is not valid
    or a test whose policy or reform cannot be read.
    """
    from .testing import testfile

    try:
        tests = [t for path in testfile.discover(paths) for t in testfile.load_file(path)]
    except InputError as error:
        _fail(error, lang)
        return
    results = [testfile.run_test(t) for t in tests]
    render = testfile.render_json if fmt == "json" else testfile.render_text
    click.echo(render(results, lang), nl=False)
    sys.exit(testfile.exit_status(results))


@main.command()
def schema() -> None:
    """Print the policy JSON Schema (draft 2020-12), for editors and CI."""
    click.echo(json.dumps(policy_schema(), indent=2, ensure_ascii=False))


@main.command()
def bundled() -> None:
    """List the policies shipped with the package (lint them as bundled:NAME)."""
    for name, path in bundled_policies().items():
        click.echo(f"{BUNDLED_PREFIX}{name}\t{path}")


from .commands.report import report as _report  # noqa: E402 - registered after the group exists
from .commands.why import why as _why  # noqa: E402

main.add_command(_report)
main.add_command(_why)


def run() -> None:
    """Entry point. Input errors are one line and exit 2; a bug in policyengine itself is one line
    and exit 3 (set POLICYENGINE_DEBUG=1 for the traceback)."""
    try:
        main(standalone_mode=True)
    except PolicyEngineError as error:  # pragma: no cover - commands handle their own
        click.echo(f"policyengine: {error}", err=True)
        sys.exit(2)
    except Exception as error:  # pragma: no cover - only a bug gets here
        if os.environ.get("POLICYENGINE_DEBUG"):
            raise
        click.echo(f"policyengine: internal error: {type(error).__name__}: {error} "
                   "(rerun with POLICYENGINE_DEBUG=1 for the traceback, and please report it)", err=True)
        sys.exit(3)


__all__ = ["main", "run", "data_dir"]

"""`policyengine verify`: prove what the admission rules guarantee for every item, or refute it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from .. import atomic
from ..clikit import (
    LANGS,
    PATH,
    REFORM,
    bundled_path,
    cannot_write,
    date_of,
    fail,
    need_paths,
    notice,
    on_option,
    resolve,
    writable_dir,
    writable_file,
)
from ..config import STRUCTURAL, Config
from ..errors import ConfigError, InputError
from ..messages.catalogue import text as say

CHECKED = Config(select=frozenset((*STRUCTURAL, "PE006", "PE007")))


@click.command("verify")
@click.argument("paths", nargs=-1, type=PATH)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True)
@click.option("-o", "--output", "output", type=PATH, help="Write the report to this file instead of standard output.")
@click.option("--lang", type=LANGS, default="en", show_default=True)
@click.option(
    "--timeout",
    type=float,
    default=10.0,
    show_default=True,
    help="Seconds the solver may spend on one property; past them the property is unknown, never proved.",
)
@click.option(
    "--counterexamples",
    "cx_dir",
    type=PATH,
    help="Write each counterexample into this directory as a reform file: `policyengine admit --reform FILE` decides it.",
)
@on_option("Decide as of this date, YYYY-MM-DD [default: today].")
@REFORM
def verify(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: str,
    timeout: float,
    cx_dir: str | None,
    on: datetime | None,
    reform: str | None,
) -> None:
    """Prove what the admission rules guarantee for every item a department could submit.

    \b
    Coverage, agreement between procedures, clause order, dead clauses and the declared invariants;
    with --reform, also which items the reform decides otherwise than its baseline.
    Exit 0 when every property is proved; 1 when one is refuted or unknown; 2 for bad input
    (a policy or rule with errors, printed as lint prints them) or without the `verify` extra.
    """
    from ..formatters import text, verify_report
    from ..lint import lint_paths
    from ..naming import declared_names

    day = date_of(on) or date.today().isoformat()
    try:
        need_paths(paths, reform)
        _need_z3()
        if not timeout > 0:  # NaN too
            raise ConfigError.of("verify.bad_timeout", value=timeout)
        if output:
            writable_file(output)
        if cx_dir:
            writable_dir("--counterexamples", cx_dir)
        result = lint_paths(resolve(paths), CHECKED, lang, day, reform, bundled_path)
        base = _baseline(paths, reform, lang, day) if reform else None
    except InputError as error:
        fail(error, lang)
    for checked in (result, base):
        if checked is not None and (checked.findings or checked.policy is None or checked.rules is None):
            click.echo(text.render(checked, lang), err=True, nl=False)
            sys.exit(2)
    from ..verify.diff import changes
    from ..verify.run import verify as prove

    label = " ".join(paths) or (_baseline_path(reform) if reform else "")
    assert result.policy is not None and result.rules is not None  # checked above
    with _Progress(lang) as tick:
        reports = [prove(result.policy, result.rules, day, timeout, label, tick)]
        if base is not None and base.policy is not None and base.rules is not None:
            offset = len(reports[0].properties)
            step = None if tick is None else (lambda n: tick(offset + n))
            reports.append(changes((base.policy, base.rules), (result.policy, result.rules), day, timeout, label, step))
    reports[0].reform = reform
    names = declared_names(result.policy, lang)
    if len(reports) > 1 and base is not None and base.policy is not None:
        for kind, found in declared_names(base.policy, lang).items():
            names[kind] = {**found, **names.get(kind, {})}
    names["invariant"] = {i: n for i, inv in result.policy.invariants.items() if (n := _name(inv, lang))}
    render = {"json": verify_report.render_json, "sarif": verify_report.render_sarif}.get(
        fmt, verify_report.render_text
    )
    out = render(reports, lang, names)
    try:
        if cx_dir:
            written = _write_counterexamples(cx_dir, reports, paths, reform, lang, names)
            notice(say("verify.written", lang, count=written, path=cx_dir))
        if output:
            atomic.write_bytes(output, out.encode("utf-8"))
            notice(say("cli.report_written", lang, path=output))
        else:
            click.echo(out, nl=False)
    except OSError as error:
        fail(cannot_write(output or cx_dir or "", error), lang)
    sys.exit(0 if all(r.holds for r in reports) else 1)


class _Progress:
    """How many properties are settled, on a terminal's standard error; nothing elsewhere."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.bar: Any = None

    def __enter__(self) -> Callable[[int], None] | None:
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = bar = Progress(console=Console(stderr=True), transient=True)
        task = bar.add_task(say("verify.progress", self.lang, n=0), total=None)
        bar.start()
        return lambda n: bar.update(task, description=say("verify.progress", self.lang, n=n))

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _need_z3() -> None:
    try:
        import z3  # noqa: F401  (the `verify` extra)
    except ImportError:
        raise ConfigError.of("verify.needs_extra", extra="verify") from None


def _name(decl: object, lang: str) -> str | None:
    name = getattr(decl, "name", None)
    return name.text(lang) if name is not None else None


def _baseline(paths: tuple[str, ...], reform: str, lang: str, day: str):  # type: ignore[no-untyped-def]
    """The policy the reform changes: the PATH given, or the reform's own baseline (itself perhaps a reform)."""
    from ..lint import lint_paths
    from ..reform.apply import is_reform_file
    from ..reform.read import read_reform

    if paths:
        return lint_paths(resolve(paths), CHECKED, lang, day, None, bundled_path)
    baseline = Path(read_reform(Path(reform), bundled_path).baseline)
    if baseline.is_file() and is_reform_file(baseline):
        return lint_paths((), CHECKED, lang, day, str(baseline), bundled_path)
    return lint_paths([str(baseline)], CHECKED, lang, day, None, bundled_path)


def _baseline_path(reform: str) -> str:
    """The reform's own baseline, as a path from the current directory when it is below it."""
    from ..reform.read import read_reform

    baseline = Path(read_reform(Path(reform), bundled_path).baseline)
    try:
        return str(baseline.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(baseline)


def _write_counterexamples(directory: str, reports, paths, reform, lang, names) -> int:  # type: ignore[no-untyped-def]
    """Each counterexample as a reform adding its item to the verified policy (a change's also to the
    baseline, `-baseline.yaml`), so that `admit --reform FILE` shows its decision."""
    from ..formatters.verify_report import counterexample_reform

    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    verified = reform or (resolve(paths)[0] if paths else "")
    base = resolve(paths)[0] if paths else None
    count = 0
    for report in reports:
        for p in report.properties:
            if p.counterexample is None:
                continue
            count += 1
            stem = f"{count:02d}-{p.kind}"
            pairs = [(stem, verified)]
            if p.counterexample.before and base is not None:
                pairs.append((f"{stem}-baseline", base))
            for name, baseline in pairs:
                file = target / f"{name}.yaml"
                relative = os.path.relpath(Path(baseline).resolve(), target.resolve())
                side = name.endswith("-baseline")
                body = counterexample_reform(p, count, relative, lang, names, report.timeout, side)
                atomic.write_bytes(str(file), body.encode("utf-8"))
    return count

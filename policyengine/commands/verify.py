"""`policyengine verify`: prove what the admission rules guarantee for every item, or refute it."""

from __future__ import annotations

import os
import re
import shlex
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
from ..reform.dump import to_yaml

MAX_TIMEOUT = 4_294_967  # seconds: the solver counts its time limit in milliseconds, in 32 bits
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
    help="Seconds the solver may spend on one property, at most 4294967; past them the property is unknown, never proved.",
)
@click.option(
    "--counterexamples",
    "cx_dir",
    type=PATH,
    help="Write each counterexample into this directory as a reform file (with one PATH at most): "
    "`policyengine admit --reform FILE` decides it.",
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
        if not 0 < timeout <= MAX_TIMEOUT:  # NaN and infinity too
            raise ConfigError.of("verify.bad_timeout", value=timeout, most=MAX_TIMEOUT)
        if output:
            writable_file(output)
        if cx_dir:
            if len(paths) > 1:  # a counterexample is written as a reform, and a reform patches one baseline
                raise ConfigError.of("verify.cx_one_path", count=len(paths))
            writable_dir("--counterexamples", cx_dir)
        result = lint_paths(resolve(paths), CHECKED, lang, day, reform, bundled_path)
        base = _baseline(paths, reform, lang, day) if reform else None
        label = " ".join(paths) or (_shown(_reform_baseline(reform)) if reform else "")
    except InputError as error:
        fail(error, lang)
    for checked in (result, base):
        if checked is not None and (checked.findings or checked.policy is None or checked.rules is None):
            click.echo(text.render(checked, lang), err=True, nl=False)
            sys.exit(2)
    from ..verify.diff import changes
    from ..verify.run import verify as prove

    assert result.policy is not None and result.rules is not None  # checked above
    with _Progress(lang) as tick:
        reports = [prove(result.policy, result.rules, day, timeout, label, tick)]
        if base is not None and base.policy is not None and base.rules is not None:
            offset = len(reports[0].properties)
            step = None if tick is None else (lambda n: tick(offset + n))
            pair = ((base.policy, base.rules), (result.policy, result.rules))
            reports.append(changes(*pair, day, timeout, label, step, _reform_place(reform or "")))
    reports[0].reform = reform
    names = declared_names(result.policy, lang)
    if len(reports) > 1 and base is not None and base.policy is not None:
        for kind, found in declared_names(base.policy, lang).items():
            names[kind] = {**found, **names.get(kind, {})}
    names["invariant"] = {i: n for i, inv in result.policy.invariants.items() if (n := _name(inv, lang))}
    if fmt == "text":
        out = verify_report.render_text(reports, lang, names, to_yaml)
    else:
        out = {"json": verify_report.render_json, "sarif": verify_report.render_sarif}[fmt](reports, lang, names)
    try:
        if cx_dir:
            written = _write_counterexamples(cx_dir, reports, paths, reform, lang, names)
            notice(say("verify.written", lang, count=len(written), path=cx_dir))
            if removed := _remove_stale(cx_dir, written):
                notice(say("verify.removed", lang, count=removed, path=cx_dir))
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

    if paths:
        return lint_paths(resolve(paths), CHECKED, lang, day, None, bundled_path)
    baseline = Path(_reform_baseline(reform))
    if baseline.is_file() and is_reform_file(baseline):
        return lint_paths((), CHECKED, lang, day, str(baseline), bundled_path)
    return lint_paths([str(baseline)], CHECKED, lang, day, None, bundled_path)


def _reform_baseline(reform: str) -> str:
    """The policy a reform file names as its baseline, as an absolute path."""
    from ..reform.read import read_reform

    return read_reform(Path(reform), bundled_path).baseline


def _reform_place(reform: str) -> str:
    """file:line:column of the reform file's `reform:` key: where a change without a clause is reported."""
    from ..reform.read import read_reform

    document = read_reform(Path(reform), bundled_path).source.documents[0]
    return str(document.key_span("reform"))


def _shown(path: str) -> str:
    """A path as the report names it: relative to the working directory when it lies under it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _operations(reform: str) -> list[dict[str, Any]]:
    """The reform's operations as plain data, to be written into another reform file."""
    from ..reform.canonical import plain
    from ..reform.read import read_reform

    return [plain(op) for op in read_reform(Path(reform), bundled_path).operations]


# the files `_write_counterexamples` names: NN-KIND.yaml, and NN-change-baseline.yaml
WRITTEN = re.compile(r"[0-9]{2,}-(?:coverage|agreement|order|dead|invariant|change)(?:-baseline)?\.yaml")


def _remove_stale(directory: str, written: set[str]) -> int:
    """The counterexample files an earlier run left in `directory` and this one did not write: removed,
    so that every file there is one of this report's. Other files are left alone."""
    stale = [f for f in Path(directory).iterdir() if WRITTEN.fullmatch(f.name) and f.name not in written]
    for file in stale:
        file.unlink()
    return len(stale)


def _write_counterexamples(directory: str, reports, paths, reform, lang, names) -> set[str]:  # type: ignore[no-untyped-def]
    """Each counterexample as a reform adding its item to the verified policy (a change's also to the
    baseline, `-baseline.yaml`), so that `admit --reform FILE` shows its decision. The names written."""
    from ..formatters.verify_report import counterexample_reform

    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    verified = reform or (resolve(paths)[0] if paths else "")
    # the baseline side of a change: the PATH given, or else the reform's own baseline
    base = resolve(paths)[0] if paths else (_reform_baseline(reform) if reform else None)
    operations: list[dict[str, Any]] = []
    if reform and base is not None and paths:
        # the reform over the PATH given, not over its own baseline: its operations, then the item
        verified, operations = base, _operations(reform)
    count, files = 0, set()
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
                ops = [] if side else operations
                command = f"policyengine admit --reform {shlex.quote(str(file))} --on {report.on}"
                body = counterexample_reform(
                    p, count, relative, lang, names, report.timeout, side, ops, to_yaml, command
                )
                atomic.write_bytes(str(file), body.encode("utf-8"))
                files.add(file.name)
    return files

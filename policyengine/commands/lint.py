"""`policyengine lint`: the findings of a policy (or of a reform over its baseline)."""

from __future__ import annotations

import dataclasses
import os
import sys
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypedDict, cast

import click

from ..clikit import (
    LANGS,
    PATH,
    REFORM,
    bundled_path,
    cannot_write,
    config_for,
    config_option,
    date_of,
    fail,
    isolated_option,
    need_paths,
    need_workbook,
    notice,
    on_option,
    resolve,
    use_color,
    writable_file,
)
from ..config import STRUCTURAL, Config, expand_codes, expand_selection
from ..diagnostics import Severity
from ..errors import ConfigError, InputError
from ..messages.catalogue import text

if TYPE_CHECKING:
    from ..formatters.text import Style

FORMATS = ["auto", "text", "json", "sarif", "github", "xlsx"]


class _Look(TypedDict, total=False):
    """The keyword arguments of `click.style` a kind of text is painted with."""

    fg: str
    bold: bool


STYLES: dict[str, _Look] = {
    "path": {"bold": True},
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "cyan"},
    "caret": {"fg": "green", "bold": True},
}


@click.command("lint")
@click.argument("paths", nargs=-1, type=PATH)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="auto: github annotations inside GitHub Actions, else text; xlsx: a review workbook (needs -o).",
)
@click.option("-o", "--output", "output", type=PATH, help="Write the report to this file instead of standard output.")
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of messages.")
@click.option("--select", multiple=True, help="Codes or prefixes to run (PE1, PE101); comma-separated or repeated.")
@click.option("--ignore", multiple=True, help="Codes or prefixes to skip.")
@config_option("the nearest one from the first PATH upward")
@isolated_option("Read no configuration file; use the defaults and the options.")
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: warning].",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=PATH,
    help="Report only findings this baseline file does not hold.",
)
@click.option(
    "--write-baseline",
    "write_baseline",
    type=PATH,
    help="Write every current finding to this baseline file, and exit 0.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Under each finding, the chain behind it, as `policyengine why` prints it (text and json).",
)
@click.option("--color/--no-color", default=None, help="Colour the text output [default: when a terminal].")
@on_option()
@REFORM
def lint(
    paths: tuple[str, ...],
    fmt: str,
    lang: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: str | None,
    isolated: bool,
    fail_level: str | None,
    baseline_path: str | None,
    write_baseline: str | None,
    explain: bool,
    color: bool | None,
    on: datetime | None,
    reform: str | None,
    output: str | None,
) -> None:
    """Lint the policy made of PATHS (or a reform over its baseline); report findings.

    \b
    Exit 0 when no finding reaches the fail level, 1 when one does, 2 for input
    or options that cannot be read.
    """
    from .. import atomic, baseline
    from ..formatters import FORMATS as RENDER
    from ..lint import lint_paths

    try:
        need_paths(paths, reform)
        config = _options(config_for(paths, reform, config_path, isolated), select, ignore, fail_level)
        known = baseline.read(baseline_path) if baseline_path else None
        _outputs(write_baseline, fmt, output)  # before the policy is linted
        fmt = "text" if explain and fmt == "auto" else _lint_format(fmt)  # chains are for readers, not annotations
        if explain and fmt not in ("text", "json"):
            raise ConfigError.of("cli.explain_format", fmt=fmt)
        result = lint_paths(resolve(paths), config, lang, date_of(on), reform, bundled_path)
        if write_baseline:
            broken = sorted({f.code for f in result.findings if f.code in STRUCTURAL})
            if broken:
                raise InputError.of("cli.baseline_structural", codes=", ".join(broken))
            try:
                atomic.write_text(write_baseline, baseline.render(result.findings))
            except OSError as error:
                raise cannot_write(write_baseline, error) from None
            notice(text("cli.baseline_written", lang, n=len(result.findings), path=write_baseline))
            sys.exit(0)
        if known is not None:
            new, held = known.split(result.findings)
            result = dataclasses.replace(result, findings=new, baselined=held)
    except InputError as error:
        fail(error, lang)
    if fmt == "xlsx" or output:
        _to_file(output or "", _workbook(result, lang) if fmt == "xlsx" else RENDER[fmt](result, lang, None), lang)
        sys.exit(1 if result.failed(config.fail_level) else 0)
    style: Style | None = (
        (lambda words, kind: click.style(words, **STYLES.get(kind, {}))) if fmt == "text" and use_color(color) else None
    )
    if explain:
        from ..formatters import json_format, why_report
        from ..formatters import text as text_format
        from ..why import explainer

        chain = explainer(result).chain  # on the date and with the configuration of the lint
        if fmt == "json":
            click.echo(json_format.render(result, lang, chain=chain), nl=False)
        else:
            # the chain names what it speaks of as the findings above it do, and as `why` does
            rename: why_report.Rename | None = None
            if result.policy is not None:  # in English by the English names, in Chinese by the Chinese
                from ..naming import declared_names, named

                names = declared_names(result.policy, lang)
                rename = cast("why_report.Rename", partial(named, names=names, bare=False))
            click.echo(
                text_format.render(result, lang, style, lambda f: why_report.render_chain(chain(f), lang, 4, rename)),
                nl=False,
            )
    else:
        click.echo(RENDER[fmt](result, lang, style), nl=False)
    sys.exit(1 if result.failed(config.fail_level) else 0)


def _outputs(write_baseline: str | None, fmt: str, output: str | None) -> None:
    """The files the command will write can be written (and a workbook has what it needs)."""
    if write_baseline:
        writable_file(write_baseline)
    if fmt == "xlsx":
        need_workbook(output)
    if output:
        writable_file(output)


def _workbook(result: Any, lang: str) -> bytes:
    """The review workbook: every finding, and every item's admission decision where the policy
    can be decided (no structural error stops the admission rules)."""
    from ..formatters import review

    admissions = None
    if (
        result.policy is not None
        and result.rules is not None
        and not any(f.code in STRUCTURAL for f in result.findings)
    ):
        from ..admission import decide

        admissions = decide(result.policy, result.rules, result.on)
    names = None
    if result.policy is not None:
        from ..naming import declared_names

        names = declared_names(result.policy, lang)
    return review.render(result, lang, names, admissions, result.on)


def _to_file(output: str, data: str | bytes, lang: str) -> None:
    from .. import atomic

    try:
        atomic.write_bytes(output, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        fail(cannot_write(output, error), lang)
    notice(text("cli.report_written", lang, path=output))


def _options(config: Config, select: tuple[str, ...], ignore: tuple[str, ...], fail_level: str | None) -> Config:
    """The configuration with the command line's options over it: `--select` replaces the file's,
    `--ignore` adds to it, `--fail-level` replaces it."""
    overrides: dict[str, Any] = {}
    if select:
        overrides["select"] = expand_selection(select, "--select")
    if ignore:
        overrides["ignore"] = config.ignore | expand_codes(ignore, "--ignore")
    if fail_level:
        overrides["fail_level"] = Severity.parse(fail_level)
    return dataclasses.replace(config, **overrides) if overrides else config


def _lint_format(fmt: str) -> str:
    """`auto`: annotations where GitHub Actions shows them, compiler-style text elsewhere."""
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"

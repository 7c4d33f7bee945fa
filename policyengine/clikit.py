"""What every command shares: paths (`bundled:NAME`), one-line bilingual errors, dates, options.

Commands living in their own modules (`policyengine.commands`) import from here, not from `cli`.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from click.decorators import FC

from . import messages
from .errors import ConfigError, InputError
from .inputs import os_reason
from .printable import printable
from .resources import BUNDLED_PREFIX, bundled_policy

if TYPE_CHECKING:
    from .config import Config

LANGS = click.Choice(list(messages.LANGS))
# Every option or argument naming a file or directory: click checks nothing of it (its errors are a
# usage screen, in English), the command does — one located line in the chosen language, exit 2:
# `inputs` for what it reads, `writable_file` / `writable_dir` for what it writes.


class _Path(click.Path):
    """click's Path, checking one thing only: an empty string names no file. Left through, it was a
    path option silently not given (`if path:`), or the current directory as an argument; a variable
    that is empty in a script (`--baseline "$BASELINE"`) is refused instead, as click refuses a
    missing value."""

    def convert(
        self, value: str | os.PathLike[str], param: click.Parameter | None, ctx: click.Context | None
    ) -> str | bytes | os.PathLike[str]:
        if value == "":
            self.fail("an empty string names no file or directory", param, ctx)
        return super().convert(value, param, ctx)


PATH = _Path(readable=False)


def fail(error: InputError, lang: str) -> NoReturn:
    # one line whatever the input held: its names and paths are shown, not obeyed
    click.echo(
        f"policyengine: {printable(error.render(lang))}", err=True
    )  # the program's name, as grep and ruff begin theirs
    sys.exit(2)


def notice(text: str) -> None:
    """A line on standard error that is not an error (a file written, runs resumed): the paths it names
    were typed or found, so their control characters are shown, not obeyed, as in `fail`."""
    click.echo(printable(text), err=True)


def resolve(paths: tuple[str, ...]) -> list[str]:
    """`bundled:NAME` names a policy shipped with the package."""
    return [bundled_policy(p) if p.startswith(BUNDLED_PREFIX) else p for p in paths]


def need_paths(paths: tuple[str, ...], reform: str | None) -> None:
    if not paths and not reform:
        raise ConfigError.of("cli.need_path_or_reform")


def cannot_write(where: str | None, error: OSError) -> InputError:
    """An OSError while writing `where`, in both languages (`inputs.os_reason`)."""
    return InputError.of("cli.cannot_write", where=str(where), reason=os_reason(error))


def writable_file(path: str) -> None:
    """Before any work: `path` names a file we can create or replace (an output file is written
    beside it and then renamed: `atomic`), or a device or pipe we can write into."""
    target = Path(path)
    try:
        mode: int | None = target.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise cannot_write(path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if mode is not None and not stat.S_ISREG(mode):  # /dev/null, /dev/stdout, a pipe: written into
        if not os.access(target, os.W_OK):
            raise cannot_write(path, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
        return
    parent = target.absolute().parent
    if not parent.is_dir():
        code = errno.ENOTDIR if parent.exists() else errno.ENOENT
        raise cannot_write(path, OSError(code, os.strerror(code)))
    if not os.access(parent, os.W_OK | os.X_OK) or (mode is not None and not os.access(target, os.W_OK)):
        raise cannot_write(path, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))


def need_workbook(output: str | None) -> None:
    """`--format xlsx`: a file to write the workbook to, and openpyxl to write it with."""
    if not output:
        raise ConfigError.of("cli.xlsx_needs_output")
    try:
        import openpyxl  # noqa: F401  (the `tables` extra)
    except ImportError:
        raise ConfigError.of("tables.needs_extra", extra="tables", package="openpyxl") from None


def writable_dir(option: str, path: str) -> None:
    """Before any run: `path` is a directory we can write into, or one we can create."""
    target = Path(path).absolute()
    probe = target
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise InputError.of("cli.dir_is_file", option=option, path=path, probe=str(probe))
    if not os.access(probe, os.W_OK | os.X_OK):
        raise InputError.of("cli.dir_not_writable", option=option, path=path, probe=str(probe))


def date_of(value: datetime | None) -> str | None:
    return value.date().isoformat() if value is not None else None


def use_color(ctx_flag: bool | None) -> bool:
    if ctx_flag is not None:
        return ctx_flag
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def on_option(help: str = "Judge grants in force on this date, YYYY-MM-DD [default: today].") -> Callable[[FC], FC]:
    """`--on DATE`, the date grants and procedures are judged on; `None` when not given (today)."""
    return click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None, help=help)


def config_option(default: str = "the nearest one from the first PATH upward, as for lint") -> Callable[[FC], FC]:
    """`--config FILE`, a configuration file instead of the one found from the paths upward."""
    return click.option(
        "--config",
        "config_path",
        type=PATH,
        help=f"A policyengine.toml or pyproject.toml [default: {default}].",
    )


def isolated_option(help: str = "Read no configuration file.") -> Callable[[FC], FC]:
    """`--isolated`: read no configuration file, whatever `--config` or the paths would find."""
    return click.option("--isolated", is_flag=True, help=help)


REFORM = click.option(
    "--reform",
    "reform",
    type=PATH,
    help="A reform file: lint its baseline with the reform applied.",
)


def bundled_path(name: str) -> str:
    return resolve((name,))[0]


def config_for(
    paths: tuple[str, ...], reform: str | None, config_path: str | None = None, isolated: bool = False
) -> Config:
    """The configuration a command runs with: `--config FILE`, else the nearest policyengine.toml or
    [tool.policyengine] from the first linted path upward (from the reform file when no path is
    given, from the current directory for a bundled policy), else the defaults."""
    from .config import Config, discover, load_config

    if config_path and isolated:
        raise ConfigError.of("cli.config_and_isolated")
    if config_path:
        return load_config(config_path)
    if isolated:
        return Config()
    start = paths[0] if paths else reform or "."
    if start.startswith(BUNDLED_PREFIX):
        start = "."
    found = discover(start)
    return load_config(found) if found else Config()

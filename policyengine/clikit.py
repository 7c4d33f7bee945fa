"""What every command shares: paths (`bundled:NAME`), one-line bilingual errors, dates, options.

Commands living in their own modules (`policyengine.commands`) import from here, not from `cli`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import ConfigError, InputError
from .resources import bundled_policies

BUNDLED_PREFIX = "bundled:"
LANGS = click.Choice(["en", "zh"])


def _fail(error: InputError, lang: str) -> None:
    click.echo(f"policyengine: {error.render(lang)}", err=True)
    sys.exit(2)


def _resolve(paths: tuple[str, ...]) -> list[str]:
    """`bundled:NAME` names a policy shipped with the package."""
    out = []
    bundled = bundled_policies()
    for p in paths:
        if p.startswith(BUNDLED_PREFIX):
            name = p[len(BUNDLED_PREFIX):]
            if name not in bundled:
                raise InputError(f"no bundled policy '{name}' (available: {', '.join(bundled) or 'none'})",
                                 f"没有名为“{name}”的内置策略(可用:{'、'.join(bundled) or '无'})")
            out.append(str(bundled[name]))
        else:
            out.append(p)
    return out


def _need_paths(paths: tuple[str, ...], reform: str | None) -> None:
    if not paths and not reform:
        raise ConfigError("give a policy PATH, or --reform FILE", "请提供策略路径 PATH,或 --reform FILE")


_ERRNO = {"EACCES": ("permission denied", "权限不足"), "EPERM": ("permission denied", "权限不足"),
          "EROFS": ("read-only file system", "只读文件系统"), "ENOSPC": ("no space left on the device", "磁盘空间不足"),
          "EDQUOT": ("disk quota exceeded", "超出磁盘配额"), "ENOTDIR": ("a file is in the way", "路径中有同名文件"),
          "EEXIST": ("a file is in the way", "路径中有同名文件"), "ENAMETOOLONG": ("name too long", "名称过长"),
          "ENOENT": ("no such directory", "目录不存在"), "EISDIR": ("it is a directory", "目标是目录")}


def _cannot_write(where, error: OSError) -> InputError:
    """An OSError while writing `where`, in both languages: common causes by their errno, anything
    else with the system's own (English) text framed as such."""
    import errno as errno_names
    name = errno_names.errorcode.get(error.errno or 0, "")
    if name in _ERRNO:
        en, zh = _ERRNO[name]
    else:
        reason = error.strerror or str(error) or type(error).__name__
        en, zh = f"system: {reason}", f"系统信息:{reason}"
    return InputError(f"cannot write to {where} ({en})", f"无法写入 {where}({zh})")


def _writable_dir(option: str, path: str) -> None:
    """Before any run: `path` is a directory we can write into, or one we can create."""
    target = Path(path).absolute()
    probe = target
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise InputError(f"{option} {path}: {probe} is a file, not a directory",
                         f"{option} {path}:{probe} 是文件,不是目录")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise InputError(f"{option} {path}: cannot write to {probe} (permission denied)",
                         f"{option} {path}:无法写入 {probe}(权限不足)")


def _date(value) -> str | None:
    return value.date().isoformat() if value is not None else None


def _color(ctx_flag: bool | None) -> bool:
    if ctx_flag is not None:
        return ctx_flag
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


REFORM = click.option("--reform", "reform", type=click.Path(dir_okay=False),
                      help="A reform file: lint its baseline with the reform applied.")


def _bundled_path(name: str) -> str:
    return _resolve((name,))[0]


def config_for(paths: tuple[str, ...], reform: str | None, config_path: str | None = None,
               isolated: bool = False):
    """The configuration a command runs with: `--config FILE`, else the nearest policyengine.toml or
    [tool.policyengine] from the first linted path upward (from the reform file when no path is
    given, from the current directory for a bundled policy), else the defaults."""
    from .config import Config, discover, load_config

    if config_path and isolated:
        raise ConfigError("--config and --isolated exclude each other", "--config 与 --isolated 不能同时使用")
    if config_path:
        return load_config(config_path)
    if isolated:
        return Config()
    start = paths[0] if paths else reform or "."
    if start.startswith(BUNDLED_PREFIX):
        start = "."
    found = discover(start)
    return load_config(found) if found else Config()

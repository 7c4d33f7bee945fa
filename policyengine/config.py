"""Lint configuration: which codes run, their severities and thresholds, the fail level.

Read from a TOML file (`policyengine.toml`, or `[tool.policyengine]` in pyproject.toml) given by
`--config`. Unknown keys, codes and thresholds are errors, never silently ignored.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .codes import CODES
from .diagnostics import Severity
from .errors import ConfigError

KEYS = {"select", "ignore", "severity", "thresholds", "fail-level"}
STRUCTURAL = ("PE001", "PE002", "PE003", "PE004", "PE005")
CUSTOM = re.compile(r"PE9[0-9]{0,2}")  # the users' range: custom checks written as rules (or a prefix of one)


def is_custom(code: str) -> bool:
    return len(code) == 5 and CUSTOM.fullmatch(code) is not None


@dataclass(frozen=True)
class Config:
    select: frozenset[str] | None = None  # None: every code
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    thresholds: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_level: Severity = Severity.WARNING

    def enabled(self, code: str) -> bool:
        """Structural errors (PE001-PE005) are always reported: they stop the semantic checks, and a
        policy whose checks did not run must not pass silently."""
        if code in STRUCTURAL:
            return True
        if is_custom(code):  # selected by prefix: the catalogue does not list users' codes
            return ((self.select is None or any(code.startswith(p) for p in self.select if p.startswith("PE9")))
                    and not any(code.startswith(p) for p in self.ignore if p.startswith("PE9")))
        return (self.select is None or code in self.select) and code not in self.ignore

    def severity_of(self, code: str, default: str | None = None) -> Severity:
        """The configured severity; else the catalogue's, or for a custom check the one its rule says."""
        if code in self.severity:
            return self.severity[code]
        return CODES[code].severity if code in CODES else Severity.parse(default or "warning")

    def thresholds_of(self, code: str) -> dict[str, Any]:
        return {**CODES[code].thresholds, **self.thresholds.get(code, {})}

    def all_thresholds(self) -> dict[str, dict[str, Any]]:
        return {code: self.thresholds_of(code) for code in CODES}


def expand_codes(values: Iterable[str], where: str) -> frozenset[str]:
    """Codes or prefixes (PE1, PE30) -> codes; an unknown one is an error."""
    out: set[str] = set()
    for raw in values:
        for value in str(raw).replace(",", " ").split():
            value = value.strip().upper()
            if value == "ALL":
                out.update((*CODES, "PE9"))
                continue
            matched = {c for c in CODES if c.startswith(value)}
            if CUSTOM.fullmatch(value) or value in ("P", "PE"):
                matched.add(value if value.startswith("PE9") else "PE9")  # custom checks, by prefix
            if not matched:
                raise ConfigError(f"{where}: unknown check code '{value}'", f"{where}:未知的检查代码“{value}”")
            out |= matched
    return frozenset(out)


def _threshold(code: str, name: str, value: Any, where: str) -> Any:
    defaults = CODES[code].thresholds
    if name not in defaults:
        known = ", ".join(defaults) or "none"
        raise ConfigError(f"{where}: {code} has no threshold '{name}' (known: {known})",
                          f"{where}:{code} 没有阈值“{name}”(可用:{known})")
    default = defaults[name]
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {code}.{name} must be a list of strings",
                              f"{where}:{code}.{name} 必须是字符串列表")
        return tuple(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(f"{where}: {code}.{name} must be a non-negative number, not {value!r}",
                          f"{where}:{code}.{name} 必须是非负数,而不是 {value!r}")
    return value


def _codes_value(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of codes, e.g. [\"PE1\", \"PE301\"]",
                          f"{where}:{key} 必须是代码列表,例如 [\"PE1\", \"PE301\"]")
    return value


def from_mapping(data: Mapping[str, Any], where: str) -> Config:
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(sorted(KEYS))})",
                          f"{where}:未知的键“{unknown[0]}”(可用:{', '.join(sorted(KEYS))})")
    severity = {}
    for code, level in (data.get("severity") or {}).items():
        code = code.upper()
        if code not in CODES and not is_custom(code):
            raise ConfigError(f"{where}: unknown check code '{code}'", f"{where}:未知的检查代码“{code}”")
        if code in STRUCTURAL:
            raise ConfigError(f"{where}: the severity of {code} cannot change: structural errors are always errors",
                              f"{where}:{code} 的级别不可更改:结构性错误始终是错误")
        try:
            severity[code] = Severity.parse(str(level))
        except KeyError:
            raise ConfigError(f"{where}: severity of {code} must be error, warning or info, not {level!r}",
                              f"{where}:{code} 的级别必须是 error、warning 或 info,而不是 {level!r}") from None
    thresholds: dict[str, dict[str, Any]] = {}
    for code, values in (data.get("thresholds") or {}).items():
        code = code.upper()
        if code not in CODES or not isinstance(values, Mapping):
            raise ConfigError(f"{where}: thresholds: unknown check code '{code}'",
                              f"{where}:thresholds:未知的检查代码“{code}”")
        thresholds[code] = {name: _threshold(code, name, v, where) for name, v in values.items()}
    fail = data.get("fail-level", "warning")
    try:
        fail_level = Severity.parse(str(fail))
    except KeyError:
        raise ConfigError(f"{where}: fail-level must be error, warning or info, not {fail!r}",
                          f"{where}:fail-level 必须是 error、warning 或 info,而不是 {fail!r}") from None
    select = expand_codes(_codes_value(data["select"], "select", where), where) if "select" in data else None
    ignore = expand_codes(_codes_value(data.get("ignore", []), "ignore", where), where)
    return Config(select=select, ignore=ignore, severity=severity,
                  thresholds=thresholds, fail_level=fail_level)


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}", f"{path}:无法读取:{exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}", f"{path}:不是有效的 TOML:{exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("policyengine", {})
    return from_mapping(data, str(path))

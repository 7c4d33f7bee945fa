"""Lint configuration: which codes run, their severities and thresholds, the fail level.

Read from a TOML file (`policyengine.toml`, or `[tool.policyengine]` in pyproject.toml) given by
`--config` or found from the linted path upward. Unknown keys, codes and thresholds are errors with
the file, line and column, never silently ignored.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import CATALOGUE
from .diagnostics import Severity
from .errors import ConfigError, InputError
from .inputs import FILE, read_bytes, stat_input
from .messages import Listed, Message, cut, msg, shown
from .tomltext import decode, locate_key, locate_value, parse

KEYS = {"select", "ignore", "severity", "thresholds", "fail-level"}
STRUCTURAL = ("PE001", "PE002", "PE003", "PE004", "PE005")
# The largest value a number threshold may take (docs/limits.md): far beyond any meaningful one, and
# small enough that no sum or product of a check overflows.
MAX_THRESHOLD = 1_000_000_000
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
    source: str | None = None  # the file it was read from, if any

    def enabled(self, code: str) -> bool:
        """Structural errors (PE001-PE005) are always reported: they stop the semantic checks, and a
        policy whose checks did not run must not pass silently."""
        if code in STRUCTURAL:
            return True
        if is_custom(code):  # selected by prefix: the catalogue does not list users' codes
            return (
                self.select is None or any(code.startswith(p) for p in self.select if p.startswith("PE9"))
            ) and not any(code.startswith(p) for p in self.ignore if p.startswith("PE9"))
        return (self.select is None or code in self.select) and code not in self.ignore

    def severity_of(self, code: str, default: str | None = None) -> Severity:
        """The configured severity; else the catalogue's, or for a custom check the one its rule says."""
        if code in self.severity:
            return self.severity[code]
        return CATALOGUE[code].severity if code in CATALOGUE else Severity.parse(default or "warning")

    def thresholds_of(self, code: str) -> dict[str, Any]:
        return {**CATALOGUE[code].thresholds, **self.thresholds.get(code, {})}

    def all_thresholds(self) -> dict[str, dict[str, Any]]:
        return {code: self.thresholds_of(code) for code in CATALOGUE}


def expand_codes(values: Iterable[str], where: str) -> frozenset[str]:
    """Codes or prefixes (PE1, PE30) -> codes; an unknown one is an error."""
    out: set[str] = set()
    for raw in values:
        for value in str(raw).replace(",", " ").split():
            value = value.strip().upper()
            if value == "ALL":
                out.update((*CATALOGUE, "PE9"))
                continue
            matched = {c for c in CATALOGUE if c.startswith(value)}
            if CUSTOM.fullmatch(value) or value in ("P", "PE"):
                matched.add(value if value.startswith("PE9") else "PE9")  # custom checks, by prefix
            if not matched:
                raise ConfigError.of("config.unknown_code_in", where=where, code=value)
            out |= matched
    return frozenset(out)


class _Where:
    """Where a value came from: a file (with its text, to locate keys in) or a command-line option."""

    def __init__(self, name: str, text: str | None = None, prefix: tuple[str, ...] = ()):
        self.name, self.text, self.prefix = name, text, prefix

    def error(
        self, keys: tuple[str, ...], message: Message, value: str | None = None, *, at_value: bool = False
    ) -> ConfigError:
        """At the key, at `value` (a string in the key's array), or `at_value`: at what the key is set to."""
        if self.text is None:
            return ConfigError.of("config.at_option", where=self.name, text=message)
        keys = (*self.prefix, *keys)
        if at_value:
            return ConfigError(message, locate_value(self.text, keys, self.name))
        return ConfigError(message, locate_key(self.text, keys, self.name, value))


def _threshold(code: str, raw_code: str, name: str, value: Any, where: _Where) -> Any:
    defaults = CATALOGUE[code].thresholds
    keys = ("thresholds", raw_code, name)
    if name not in defaults:
        known = Listed(tuple(defaults)) if defaults else msg("common.none")
        raise where.error(keys, msg("config.no_threshold", code=code, name=name, known=known))
    default = defaults[name]
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise where.error(keys, msg("config.threshold_strings", code=code, name=name))
        allowed = CATALOGUE[code].words[name]
        for word in value:
            if word not in allowed:
                close = difflib.get_close_matches(word, allowed, n=1)
                hint = msg("common.did_you_mean", guess=close[0]) if close else ""
                problem = msg(
                    "config.threshold_word", code=code, name=name, word=cut(word), known=Listed(allowed), hint=hint
                )
                raise where.error(keys, problem, word)
        return tuple(value)
    # in range, so finite (`nan` is in no range): a threshold of 400 digits overflows the first float it meets
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_THRESHOLD:
        problem = msg(
            "config.threshold_number", code=code, name=name, value=shown(value, toml=True), limit=MAX_THRESHOLD
        )
        raise where.error(keys, problem, at_value=True)
    return value


def expand_selection(values: Iterable[str], where: str) -> frozenset[str]:
    """The codes a selection names; one that names none (`--select ""`, `select = []`) is an error:
    it would run no check and pass every policy, and leaving the selection out runs them all."""
    selected = expand_codes(values, where)
    if not selected:
        raise ConfigError.of("config.empty_select", where=where)
    return selected


def _codes_value(value: Any, key: str, where: _Where) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error((key,), msg("config.codes_list", key=key))
    return value


def _expand(values: list[str], key: str, where: _Where) -> frozenset[str]:
    out: set[str] = set()
    for value in values:
        try:
            out |= expand_codes([value], key)
        except ConfigError as error:
            raise where.error((key,), error.message, value) from None
    if key == "select" and not out:  # an empty ignore skips nothing, which is harmless
        raise where.error((key,), msg("config.empty_select", where=key), at_value=True)
    return frozenset(out)


def _table(data: Any, key: str, where: _Where) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, Mapping):
        raise where.error((key,), msg("config.not_table", key=key))
    return value


def from_mapping(data: Mapping[str, Any], where: str | _Where) -> Config:
    where = where if isinstance(where, _Where) else _Where(where)
    unknown = sorted(set(data) - KEYS)
    if unknown:
        hint = difflib.get_close_matches(unknown[0], sorted(KEYS), n=1)
        did = msg("common.did_you_mean", guess=hint[0]) if hint else ""
        raise where.error(
            (unknown[0],), msg("config.unknown_key", key=unknown[0], known=Listed(tuple(sorted(KEYS))), hint=did)
        )
    severity = {}
    for raw, level in _table(data, "severity", where).items():
        code = raw.upper()
        if code not in CATALOGUE and not is_custom(code):
            raise where.error(("severity", raw), msg("config.unknown_code", code=code))
        if code in STRUCTURAL:
            raise where.error(("severity", raw), msg("config.structural_severity", code=code))
        try:
            severity[code] = Severity.parse(str(level))
        except KeyError:
            raise where.error(
                ("severity", raw), msg("config.bad_severity", code=code, level=shown(level, toml=True))
            ) from None
    thresholds: dict[str, dict[str, Any]] = {}
    for raw, values in _table(data, "thresholds", where).items():
        code = raw.upper()
        if code not in CATALOGUE:
            raise where.error(("thresholds", raw), msg("config.thresholds_unknown_code", code=code))
        if not isinstance(values, Mapping):
            raise where.error(("thresholds", raw), msg("config.thresholds_table", code=code))
        thresholds[code] = {name: _threshold(code, raw, name, v, where) for name, v in values.items()}
    fail = data.get("fail-level", "warning")
    try:
        fail_level = Severity.parse(str(fail))
    except KeyError:
        raise where.error(("fail-level",), msg("config.bad_fail_level", level=shown(fail, toml=True))) from None
    select = _expand(_codes_value(data["select"], "select", where), "select", where) if "select" in data else None
    ignore = _expand(_codes_value(data.get("ignore", []), "ignore", where), "ignore", where)
    return Config(
        select=select, ignore=ignore, severity=severity, thresholds=thresholds, fail_level=fail_level, source=where.name
    )


def load_config(path: str | Path) -> Config:
    path = Path(path)
    raw = read_bytes(path, ConfigError)  # checked what it is first, and bounded
    text = decode(str(path), raw)
    data = parse(str(path), text)
    where = _Where(str(path), text)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise where.error(("tool",), msg("config.tool_table"))
        data = tool.get("policyengine", {})
        if not isinstance(data, dict):
            raise where.error(("tool", "policyengine"), msg("config.tool_policyengine_table"))
        where.prefix = ("tool", "policyengine")
    return from_mapping(data, where)


def discover(start: str | Path) -> Path | None:
    """The configuration that governs `start`: the nearest `policyengine.toml`, or `pyproject.toml`
    with a `[tool.policyengine]` table, in its directory or any directory above (as ruff finds its
    own). In one directory, policyengine.toml wins. A `policyengine.toml` that is there but is no
    regular file is a ConfigError, not passed over."""
    here = Path(os.path.abspath(start))  # `..` resolved first: `a/../b` is not under `a`
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        own = folder / "policyengine.toml"
        if own.is_file():
            return _shown(own)
        if os.path.lexists(own):
            # there but no file (a link to nothing, a loop of links, a pipe, a directory): passing over it
            # would lint with another configuration without a word, so it is one line instead
            stat_input(_shown(own), FILE, ConfigError)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return _shown(pyproject)
    return None


def _shown(path: Path) -> Path:
    """Relative to the current directory when under it, as the paths in findings are."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = parse(str(pyproject), decode(str(pyproject), read_bytes(pyproject)))
    except InputError:  # ConfigError too
        return False  # someone else's broken pyproject is not ours to judge
    tool = data.get("tool")
    return isinstance(tool, dict) and "policyengine" in tool

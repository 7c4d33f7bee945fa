"""The configuration's TOML as text: decoding it, refusing what `tomllib` cannot read safely, and
finding where a key or its value stands (tomllib keeps no positions, and an error without a line
makes users search)."""

from __future__ import annotations

import re
import sys
import tomllib
from typing import Any

from .errors import ConfigError
from .span import Span

BOM = b"\xef\xbb\xbf"
# Arrays and inline tables nest at most this deep, as YAML does in a policy: tomllib reads them
# recursively, and a few thousand levels exhaust the interpreter's stack.
MAX_DEPTH = 100
# Python reads integers of at most this many digits (its int-str conversion limit; 0: no limit).
MAX_DIGITS = sys.get_int_max_str_digits()

# what the nesting guard must see past: strings (whose brackets and digits are text), comments,
# brackets and braces, and runs of digits
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"{3,5})?'
    r"|'''(?:[^']|'(?!''))*(?:'{3,5})?"
    r'|"(?:[^"\\\n]|\\.)*"?'
    r"|'[^'\n]*'?"
    r"|#[^\n]*"
    r"|[\[\]{}]"
    r"|[-+]?[0-9][0-9_]*",
    re.S,
)


def decode(path: str, raw: bytes) -> str:
    """The text of a TOML file: UTF-8, a leading BOM dropped (TOML allows one); else a ConfigError
    at the line and column of the first byte that is not UTF-8."""
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise ConfigError.of("config.toml_not_utf8", Span(path, line, column), byte=raw[exc.start]) from None


def parse(path: str, text: str) -> dict[str, Any]:
    """`tomllib.loads`, after refusing what it cannot read safely (nesting deeper than MAX_DEPTH,
    an integer longer than Python reads); every error is a ConfigError at its line and column."""
    _guard(path, text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _toml_position(exc, text)
        raise ConfigError.of("config.not_toml", Span(path, line, col), problem=_toml_problem(exc)) from None


def _guard(path: str, text: str) -> None:
    found = first_excess(_TOKEN, text)
    if found is not None:
        what, offset = found
        key, limit = (
            ("config.too_deep", {"depth": MAX_DEPTH})
            if what == "depth"
            else ("config.number_too_long", {"digits": MAX_DIGITS})
        )
        raise ConfigError.of(key, span_at(path, text, offset), **limit)


def first_excess(tokens: re.Pattern[str], text: str) -> tuple[str, int] | None:
    """The first place in `text` nested deeper than MAX_DEPTH ("depth") or holding an integer longer
    than Python reads ("digits"), by offset; None when there is none. `tokens` matches the format's
    strings (passed over), its brackets and its numbers. Shared by the TOML and JSON readers: a
    scan, so the guard itself never recurses."""
    depth = 0
    for token in tokens.finditer(text):
        word = token.group()
        if word[0] in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return "depth", token.start()
        elif word[0] in "]}":
            depth = max(0, depth - 1)
        elif word[0] in "+-0123456789" and MAX_DIGITS and len(word.lstrip("+-").replace("_", "")) > MAX_DIGITS:
            return "digits", token.start()
    return None


def span_at(path: str, text: str, index: int) -> Span:
    line_start = text.rfind("\n", 0, index) + 1
    return Span(path, text.count("\n", 0, index) + 1, index - line_start + 1)


def _toml_position(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int, int]:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    if match:
        return int(match[1]), int(match[2])
    lines = text.split("\n")  # "(at end of document)": just past the last character
    return len(lines), len(lines[-1]) + 1


def _toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip().strip("\"'") for p in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", dotted))


def locate_key(text: str, keys: tuple[str, ...], path: str, value: str | None = None) -> Span:
    """The position of a key path in TOML text (tables, dotted keys, inline tables); falls back to
    the nearest enclosing key. With `value`, a string in an array: that string's position."""
    lines = text.splitlines()
    _depth, best, _end = _locate(lines, keys, path)
    if value is not None:  # a bad value in an array: point at the value itself
        start = sum(len(line) + 1 for line in lines[: best.line - 1]) + best.column - 1
        found = re.compile(r"[\"']" + re.escape(value) + r"[\"']").search(text, start)
        if found:
            number = text.count("\n", 0, found.start()) + 1
            return Span(path, number, found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1)
    return best


def locate_value(text: str, keys: tuple[str, ...], path: str) -> Span:
    """The position of the value a key path is set to (`ratio = nan`: the `nan`); the key's, or the
    nearest enclosing key's, where the value cannot be told apart."""
    lines = text.splitlines()
    depth, best, end = _locate(lines, keys, path)
    if depth < len(keys) or end is None:
        return best
    line = lines[best.line - 1]
    return Span(path, best.line, end + len(line[end:]) - len(line[end:].lstrip()) + 1)


def _locate(lines: list[str], keys: tuple[str, ...], path: str) -> tuple[int, Span, int | None]:
    """(how many of `keys` were found, where the deepest stands, where its value starts on that line
    when it is the key's own `name = value`)."""
    table: tuple[str, ...] = ()
    best: tuple[int, Span, int | None] = (0, Span(path, 1, 1), None)
    for number, line in enumerate(lines, 1):
        header = _HEADER.match(line)
        if header:
            table = _parts(header[1])
            depth = _prefix_depth(table, keys)
            if depth > best[0]:
                best = (depth, Span(path, number, line.index(header[1].strip()[0]) + 1), None)
            continue
        key = _KEY.match(line)
        if not key:
            continue
        full = (*table, *_parts(key[1]))
        depth = _prefix_depth(full, keys)
        if depth > best[0]:
            best = (depth, Span(path, number, len(line) - len(line.lstrip()) + 1), key.end())
        if depth == len(full) and depth < len(keys):  # an inline table or array: look inside the value
            rest = line[key.end() :]
            for name in keys[depth:]:
                found = re.search(r"(?<![\w-])[\"']?" + re.escape(name) + r"[\"']?\s*=", rest)
                if not found:
                    break
                depth += 1
                if depth > best[0]:
                    best = (depth, Span(path, number, key.end() + found.start() + 1), key.end() + found.end())
    return best


def _prefix_depth(have: tuple[str, ...], want: tuple[str, ...]) -> int:
    """How many of `want`'s leading keys `have` names, if `have` is a prefix of it (else 0)."""
    if len(have) > len(want) or want[: len(have)] != have:
        return 0
    return len(have)

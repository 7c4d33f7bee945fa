"""Where a finding's token ends, and how its file is named relative to the current directory.

A span holds only where a finding starts. The SARIF and GitHub formats also give where it ends: the
end of the token at that position in the source text — a YAML scalar, a quoted string, an indicator
(`-`, `[`, `{`, `:`), or in a `.rules` file or inside an inline criterion a token of the rule
language. A region never spans lines and is at least one character wide. Columns count Unicode
code points, as spans do.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path, PurePath
from urllib.parse import quote

from ..source import is_rules_file

# the line breaks YAML knows (str.splitlines() knows more: a form feed would shift every line after it)
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
RULE_CODES = ("PE006", "PE007")  # their spans point into rule text, in a .rules file or a YAML string
RULE_TOKEN = re.compile(
    r'"(?:[^"\\\n]|\\.)*"?|[0-9]+(?:\.[0-9]+)?(?:mo|[hdwy])?|[^\W\d]\w*'
    r"|==|!=|<=|>=|\S"
)
FLOW = ",[]{}"
Root = str | os.PathLike[str] | None  # the directory paths are written relative to; None: the current one
BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")
NODE_PROPERTY = re.compile(r"[^\s,\[\]{}]+")


def source_lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


def end_column(line: str, column: int, rule_text: bool = False) -> int:
    """The 1-based column just past the token that starts at `column` of `line`; at least column+1."""
    i = column - 1
    if i < 0 or i >= len(line) or line[i] in " \t":
        return column + 1
    if rule_text or _inside_quotes(line, i):
        match = RULE_TOKEN.match(line, i)
        end = match.end() if match else i + 1
    else:
        end = _yaml_token_end(line, i)
    return max(end + 1, column + 1)


def _end_of(pattern: re.Pattern[str], line: str, i: int) -> int:
    """The end of `pattern` matched at index i; the caller has seen that line[i] starts it, so the
    fallback (one character, as for a rule token) is never taken."""
    match = pattern.match(line, i)
    return match.end() if match else i + 1


def _yaml_token_end(line: str, i: int) -> int:
    """The 0-based index just past the YAML token starting at index i (cut at the end of the line)."""
    n, c = len(line), line[i]
    rest = len(line.rstrip(" \t"))
    if c in "\"'":
        j = i + 1
        while j < n:
            if c == '"' and line[j] == "\\":
                j += 2
                continue
            if line[j] == c:
                if c == "'" and j + 1 < n and line[j + 1] == "'":  # '' is a quote inside single quotes
                    j += 2
                    continue
                return j + 1
            j += 1
        return rest  # the string goes on on the next line
    if c in FLOW or (c in "-?:" and (i + 1 >= n or line[i + 1] in " \t")):
        return i + 1
    if c in "|>":  # a block scalar's header: |, >-, |+2
        return _end_of(BLOCK_HEADER, line, i)
    if c in "&*!":  # an anchor, alias or tag
        return _end_of(NODE_PROPERTY, line, i)
    if c == "#":
        return rest
    flow = _in_flow(line, i)
    j = i
    while j < n:
        ch = line[j]
        if ch == ":" and (j + 1 >= n or line[j + 1] in " \t" or (flow and line[j + 1] in FLOW)):
            break
        if ch == "#" and line[j - 1] in " \t":
            break
        if flow and ch in FLOW:
            break
        j += 1
    return i + len(line[i:j].rstrip(" \t"))


@lru_cache(maxsize=256)
def _shape(line: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """What every token of a line needs, worked out once in one pass (a minified JSON policy is one
    long line with many findings): the starts and ends of its quoted strings (quotes included; to the
    end of the line for one that goes on), the flow depth before each index (brackets outside quotes
    and before a comment), and the least depth from each index on."""
    starts, ends, depth = [], [], [0]
    i, n, level = 0, len(line), 0
    while i < n:
        c = line[i]
        if c == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        if c in "\"'" and (i == 0 or line[i - 1] in " \t" + FLOW + ":-?"):
            end = max(_yaml_token_end(line, i), i + 1)
            starts.append(i)
            ends.append(end)
            depth.extend([level] * (end - i))
            i = end
            continue
        level += (c in "[{") - (c in "]}")
        depth.append(level)
        i += 1
    depth.extend([level] * (n + 1 - len(depth)))
    least = depth[:]
    for j in range(n - 1, -1, -1):
        least[j] = min(least[j], least[j + 1])
    return starts, ends, depth, least


def _inside_quotes(line: str, i: int) -> bool:
    """Whether index i is inside a quoted string, after its opening quote."""
    starts, ends, _, _ = _shape(line)
    k = bisect_left(starts, i) - 1  # the last string that starts before i
    return k >= 0 and i < ends[k]


def _in_flow(line: str, i: int) -> bool:
    """Whether index i is inside a flow collection: an unclosed [ or { before it on the line, or an
    unopened ] or } after it (the collection began on an earlier line)."""
    _, _, depth, least = _shape(line)
    return depth[i] > 0 or least[i] < depth[i]


def region(texts: dict[str, list[str]], file: str, line: int, column: int, code: str = "") -> tuple[int, int]:
    """(line, end column) of the finding's token; the line stays the start line."""
    lines = texts.get(file)
    text = lines[line - 1] if lines is not None and 0 < line <= len(lines) else ""
    return line, end_column(text, column, code in RULE_CODES or is_rules_file(file))


def relative(file: str, root: Root = None) -> PurePath | None:
    """The file's path relative to root (default: the current directory) when it lies under it."""
    return _relative(file, os.fspath(root) if root is not None else os.getcwd())


@lru_cache(maxsize=4096)
def _relative(file: str, root: str) -> PurePath | None:
    # per (file, root), not per finding: a policy of 18 files has 187,000 findings at 100,000 items
    base = Path(root)
    try:
        pairs = [
            (Path(os.path.abspath(file)), Path(os.path.abspath(base))),
            (Path(file).resolve(), base.resolve()),
        ]  # the second through symbolic links
    except (OSError, ValueError, RuntimeError):  # a name the file system cannot look up
        return None
    for path, top in pairs:
        try:
            return path.relative_to(top)
        except ValueError:
            continue
    return None


def display_path(file: str, root: Root = None) -> str:
    """A path to show: relative (with /) under root, else as given."""
    rel = relative(file, root) if file else None
    return rel.as_posix() if rel is not None else file


def uri(file: str, root: Root = None) -> tuple[str, str | None]:
    """(uri, uriBaseId): a relative URI against %SRCROOT% under root, else an absolute file:// URI."""
    rel = relative(file, root)
    if rel is not None:
        return quote(rel.as_posix(), safe="/"), "%SRCROOT%"
    return Path(os.path.abspath(file)).as_uri(), None


def root_uri(root: Root = None) -> str:
    base = Path(os.path.abspath(root if root is not None else Path.cwd())).as_uri()
    return base if base.endswith("/") else base + "/"

"""Inline suppressions: comments in the policy's own files that silence findings.

    key: value   # policyengine: ignore[PE101]          this line
    # policyengine: ignore[PE101, PE102]                the next line that holds something
    # policyengine: disable[PE3]  ...  # policyengine: enable[PE3]    a block (to the end of the file if never enabled)
    # policyengine: ignore-file[PE200]                  the whole file

Codes may be prefixes (PE1); no bracket means every code. A suppression that silences nothing is
PE008, one that cannot work (an unknown directive or code, a structural code) is PE009: a stale
suppression hides the next real finding on its line, as a stale `noqa` does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from .config import STRUCTURAL, Config, expand_codes
from .diagnostics import Finding, Subject, Violation
from .errors import ConfigError
from .messages.core import Listed
from .span import Span

VERBS = ("ignore", "ignore-file", "disable", "enable")
UNSUPPRESSIBLE = (*STRUCTURAL, "PE008", "PE009")  # the policy is not the one written; or the suppressions' own
MARKER = "policyengine:"
_DIRECTIVE = re.compile(r"#\s*policyengine:\s*(?P<verb>[A-Za-z_-]*)\s*(?:\[(?P<codes>[^\]]*)\])?")
_CONTENT = re.compile(r"\S")


@dataclass
class Directive:
    span: Span  # the `#` of the comment
    verb: str
    codes: tuple[str, ...]  # as written (upper-cased); empty: every code (a bracketless directive)
    first: int  # the lines it covers, inclusive
    last: int
    used: set[str] = field(default_factory=set)  # written codes that silenced something

    def covers(self, finding: Finding) -> str | None:
        """The written code (or "" for every code) that silences `finding`, if any."""
        if not self.first <= finding.span.line <= self.last or finding.code in UNSUPPRESSIBLE:
            return None
        if not self.codes:
            return ""
        # a prefix covers the codes it expands to, users' PE9xx codes included
        return next((code for code in self.codes if finding.code.startswith(code)), None)


def _comment_starts(path: str, text: str) -> set[int] | None:
    """Offsets of `#` characters that open a comment, from the YAML scanner (a `#` inside a quoted or
    block scalar is text, not a comment). None when the scanner cannot read the file."""
    if path.endswith(".rules"):
        return None
    candidates = [m.start() for m in _DIRECTIVE.finditer(text)]
    if not candidates:
        return set()
    starts: list[int] = []
    ends: list[int] = []
    last = candidates[-1]
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if token.start_mark.index > last:  # nothing after the last candidate can contain it
                break
            if isinstance(token, yaml.ScalarToken):
                starts.append(token.start_mark.index)
                ends.append(token.end_mark.index)
    except yaml.YAMLError:
        return None
    out = set()
    for c in candidates:  # scalars come in order and do not overlap: the one before `c` is the only one to ask
        i = bisect.bisect_right(starts, c) - 1
        if i < 0 or not c < ends[i]:
            out.add(c)
    return out


def _malformed(rest: str, bracketed: bool) -> bool:
    """Whether what follows a directive's verb is not `[CODES]`, the end, or a remark after a space."""
    if bracketed:
        return False
    if rest.lstrip().startswith("["):  # a bracket that never closes
        return True
    if rest and not rest[0].isspace():  # ignore(PE101), ignore:PE101
        return True
    # ignore PE101: codes written without brackets would be read as "every code"
    return re.match(r"\s*[:(]|\s+PE\d", rest, re.IGNORECASE) is not None


def _rules_comment(line: str, column: int) -> bool:
    """In a `.rules` file: a `#` outside a string literal opens a comment. Strings are double-quoted,
    with backslash escapes (grammar.lark's STRING); an apostrophe is an ordinary character."""
    inside = escaped = False
    for ch in line[:column]:
        if escaped:
            escaped = False
        elif ch == "\\" and inside:
            escaped = True
        elif ch == '"':
            inside = not inside
    return not inside


def scan(path: str, text: str) -> tuple[list[Directive], list[Violation]]:
    """The directives of one file, and PE009 for those that cannot work."""
    if MARKER not in text:  # the common case, and the fast one
        return [], []
    lines = text.splitlines()
    starts = _comment_starts(path, text)
    offsets = [0]
    for raw in text.splitlines(keepends=True):  # "\r\n" is two characters of the text the scanner read
        offsets.append(offsets[-1] + len(raw))
    directives: list[Directive] = []
    problems: list[Violation] = []
    open_blocks: list[Directive] = []
    for number, line in enumerate(lines, 1):
        if MARKER not in line:
            continue
        for match in _DIRECTIVE.finditer(line):
            column = match.start()
            if starts is not None and offsets[number - 1] + column not in starts:
                continue
            if starts is None and not _rules_comment(line, column):
                continue
            span = Span(path, number, column + 1)
            subject = Subject("file", path)
            verb = match["verb"].lower()
            if verb not in VERBS:
                problems.append(Violation("PE009", "verb", span, subject, {"verb": match["verb"] or "(none)"}))
                continue
            if _malformed(line[match.end("verb") :], match["codes"] is not None):
                # `ignore(PE102)`, `ignore: PE102`, `ignore[PE102`: read as "every code" they would silence too much
                problems.append(
                    Violation("PE009", "form", span, subject, {"text": line[column:].split("  ")[0].strip()})
                )
                continue
            codes, bad = _codes(match["codes"])
            for code, key in bad:
                problems.append(Violation("PE009", key, span, subject, {"code": code}))
            if match["codes"] is not None and not codes:
                if not bad:
                    problems.append(Violation("PE009", "empty", span, subject, {"verb": verb}))
                continue
            own_line = not _CONTENT.search(line[:column])
            if verb == "ignore":
                target = _next_content_line(lines, number) if own_line else number
                directives.append(Directive(span, verb, codes, target, target))
            elif verb == "ignore-file":
                directives.append(Directive(span, verb, codes, 1, len(lines)))
            elif verb == "disable":
                block = Directive(span, verb, codes, number, len(lines))
                directives.append(block)
                open_blocks.append(block)
            else:  # enable: closes the blocks it names (all, without codes)
                closing = [b for b in open_blocks if not codes or set(b.codes) & set(codes)]
                if not closing:
                    problems.append(Violation("PE008", "enable", span, subject, {"directive": _written(verb, codes)}))
                for block in closing:
                    block.last = number
                    open_blocks.remove(block)
    return directives, problems


def _written(verb: str, codes: tuple[str, ...]) -> str:
    return f"{verb}[{', '.join(codes)}]" if codes else verb


def _next_content_line(lines: list[str], number: int) -> int:
    """The next line that is neither blank nor only a comment: what a comment on its own line is about."""
    for later in range(number + 1, len(lines) + 1):
        stripped = lines[later - 1].strip()
        if stripped and not stripped.startswith("#"):
            return later
    return number


def _codes(raw: str | None) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """The codes of a bracket (upper-cased), and those that cannot be suppressed or do not exist."""
    if raw is None:
        return (), []
    codes, bad = [], []
    for value in raw.replace(",", " ").split():
        code = value.strip().upper()
        if code in UNSUPPRESSIBLE:
            bad.append((code, "structural"))
            continue
        try:
            expand_codes([code], "")  # an unknown code or prefix raises
        except ConfigError:
            bad.append((code, "code"))
            continue
        codes.append(code)
    return tuple(codes), bad


def apply(
    findings: Iterable[Finding], sources: Iterable[tuple[str, str]], config: Config, judge_unused: bool = True
) -> tuple[list[Finding], list[Violation], int]:
    """Silence the findings the directives in `sources` (path, text) cover. Returns what remains, the
    PE008/PE009 violations to report, and how many findings were silenced. `judge_unused` is false when
    the checks did not all run (structural errors): then a silent directive proves nothing."""
    per_file: dict[str, list[Directive]] = {}
    problems: list[Violation] = []
    for path, text in sources:
        directives, bad = scan(path, text)
        problems.extend(bad)
        if directives:
            per_file[path] = directives
    if not per_file:
        return list(findings), problems, 0
    kept, silenced = [], 0
    for finding in findings:
        hit = False
        for directive in per_file.get(finding.span.file, ()):
            code = directive.covers(finding)
            if code is not None:
                directive.used.add(code)
                hit = True
        if hit:
            silenced += 1
        else:
            kept.append(finding)
    if judge_unused:
        for directives in per_file.values():
            for d in directives:
                unused = [c for c in (d.codes or ("",)) if c not in d.used and _judgeable(c, config)]
                if unused:
                    problems.append(
                        Violation(
                            "PE008",
                            "unused",
                            d.span,
                            Subject("file", d.span.file),
                            {"directive": _written(d.verb, d.codes), "codes": Listed(tuple(c or "*" for c in unused))},
                        )
                    )
    return kept, problems, silenced


def _judgeable(code: str, config: Config) -> bool:
    """Whether silence proves a suppression stale: not when its code did not run at all."""
    if not code:  # "every code": silence proves it stale only when every code ran
        return config.select is None and not (config.ignore - {"PE008", "PE009"})
    try:
        return any(config.enabled(c) for c in expand_codes([code], "") if c != "PE9") or (
            code.startswith("PE9") and config.enabled(code if len(code) == 5 else "PE900")
        )
    except ConfigError:
        return False

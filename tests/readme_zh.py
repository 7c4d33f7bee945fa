"""The tour of README.zh.md: what `lint`, `admit`, `diff` and `simulate` print in Chinese on H District,
each excerpt taken from the command itself.

`python -m tests.readme_zh` writes the excerpts again; tests/test_readme_zh.py fails when one is stale.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

from tests.regulations import ROOT, run, with_table

README_ZH = ROOT / "README.zh.md"

SIMULATE = [
    "simulate",
    "policies/h_district",
    "--reform",
    "examples/reforms/admission_gate.yaml",
    "--reform",
    "examples/reforms/paper_remedy.yaml",
    "--months",
    "26",
    "--runs",
    "20",
    "--seed",
    "2024",
    "--on",
    "2020-01-01",
    "--workers",
    "2",
]
# the findings the lint excerpt shows, one of each code: the case's defects a reader meets first
LINT_CODES = ("PE101", "PE102", "PE103", "PE104", "PE105", "PE303")
FINDING = re.compile(r"^policies/\S+:\d+:\d+: \S+\[(PE\d+)\] ")


def lint_excerpt(lines: list[str]) -> list[str]:
    """The first finding of each of LINT_CODES with the two lines that point at its source, then the summary."""
    shown: list[str] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        match = FINDING.match(line)
        if match and match.group(1) in LINT_CODES and match.group(1) not in seen:
            seen.add(match.group(1))
            shown += [*lines[i : i + 3], "..."]
    return [*shown, lines[-1]]


def diff_excerpt(lines: list[str]) -> list[str]:
    """Each heading with its first entry, then the summary."""
    shown: list[str] = []
    for i, line in enumerate(lines[:-1]):
        if not line.startswith(" "):
            shown += [line, lines[i + 1], "  ..."]
    return [*shown, lines[-1]]


def whole(lines: list[str]) -> list[str]:
    return lines


# block name -> (the command's arguments as a user types them, the lines the README shows)
TOURS: dict[str, tuple[list[str], Callable[[list[str]], list[str]]]] = {
    "lint": (["lint", "policies/h_district", "--lang", "zh"], lint_excerpt),
    "admit": (["admit", "--reform", "examples/reforms/paper_remedy.yaml", "--on", "2026-01-01", "--lang", "zh"], whole),
    "diff": (
        ["diff", "policies/h_district", "examples/reforms/admission_gate.yaml", "--on", "2026-01-01", "--lang", "zh"],
        diff_excerpt,
    ),
    "simulate": ([*SIMULATE, "--lang", "zh"], whole),
}


def markers(name: str) -> tuple[str, str]:
    return f"<!-- generated: tour {name} -->", f"<!-- end generated: tour {name} -->"


def output(name: str) -> str:
    """The command's output, excerpted as the README shows it."""
    args, excerpt = TOURS[name]
    # --no-color is for the run only: a reader types the command without it and, in a pipe, gets the same
    _, text = run([*args, "--no-color"] if args[0] == "lint" else args)
    return "\n".join(excerpt(text.rstrip("\n").splitlines()))


def block(name: str) -> str:
    args, _ = TOURS[name]
    return f"```console\n$ policyengine {' '.join(args)}\n{output(name)}\n```"


def written(text: str) -> str:
    """README.zh.md with every tour excerpt taken anew."""
    for name in TOURS:
        text = with_table(text, block(name), markers(name))
    return text


def main() -> int:
    README_ZH.write_text(written(README_ZH.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{README_ZH.name} written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

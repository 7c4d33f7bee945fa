"""The pages on `policyengine verify` show what the commands print: every console block whose commands
give their date (`--on`) is run again, in the checkout or, for a file the page writes out in a YAML
block (its first line `# NAME`), in a directory holding that file, and must print what the page
shows. A line `...` or `……` in a shown output stands for lines left out."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("z3")

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "docs" / "verify.md", ROOT / "docs" / "verify.zh.md", ROOT / "README.md", ROOT / "README.zh.md"]
CONSOLE = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
FILE_BLOCK = re.compile(r"^```yaml\n# (\S+)\n(.*?)^```", re.S | re.M)
ELLIPSIS = {"...", "……"}
ENV = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
ENV.pop("GITHUB_ACTIONS", None)


def commands(block: str) -> list[tuple[list[str], str | None, list[str]]]:
    """Each `$ command` of a console block: its words, where its standard output goes (`> FILE`), and
    the lines shown after it."""
    out: list[tuple[list[str], str | None, list[str]]] = []
    for line in block.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            words = shlex.split(line[2:])
            redirect = words[-1] if len(words) > 2 and words[-2] == ">" else None
            out.append((words[:-2] if redirect else words, redirect, []))
        elif out:
            out[-1][2].append(line)
    return out


def shown_matches(shown: list[str], printed: list[str]) -> bool:
    """The page's lines are what was printed, in order; each `...` stands for lines left out."""
    chunks: list[list[str]] = [[]]
    for line in shown:
        if line in ELLIPSIS:
            chunks.append([])
        else:
            chunks[-1].append(line)
    if len(chunks) == 1:
        return shown == printed
    if printed[: len(chunks[0])] != chunks[0] or printed[len(printed) - len(chunks[-1]) :] != chunks[-1]:
        return False
    at = len(chunks[0])
    for chunk in chunks[1:-1]:
        starts = range(at, len(printed) - len(chunk) + 1)
        found = next((k for k in starts if printed[k : k + len(chunk)] == chunk), None)
        if found is None:
            return False
        at = found + len(chunk)
    return at <= len(printed) - len(chunks[-1])


def cases() -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        for n, match in enumerate(CONSOLE.finditer(page.read_text(encoding="utf-8"))):
            block = match.group(1)
            verify_dated = [w for w, _, _ in commands(block) if w[:2] == ["policyengine", "verify"] and "--on" in w]
            if verify_dated:
                found.append((page.relative_to(ROOT).as_posix(), n, block))
    return found


# the files a page describes as another with one change: name -> (the file, the text changed, into)
DERIVED = {
    "bad_gate.yaml": ("draft_gate.yaml", ">= 10000", '>= "many"'),
    "有误的草案.yaml": ("网格准入草案.yaml", ">= 10000", '>= "many"'),
}


def files_of(page: str) -> dict[str, str]:
    text = (ROOT / page).read_text(encoding="utf-8")
    files = {name: f"# {name}\n{body}" for name, body in FILE_BLOCK.findall(text)}
    for name, (base, old, new) in DERIVED.items():
        if base in files and f"`{name}`" in text:
            assert old in files[base], name
            files[name] = files[base].replace(old, new, 1)
    return files


CASES = cases()


@pytest.mark.parametrize(("page", "n", "block"), CASES, ids=[f"{p}-{n}" for p, n, _ in CASES])
def test_the_console_block_is_what_the_commands_print(page, n, block, tmp_path):
    files = files_of(page)
    steps = commands(block)
    named = {w for words, _, _ in steps for w in words}
    assert not [w for w in named if w.endswith(".yaml") and "/" not in w and w not in files]
    local = named & set(files)
    where = tmp_path if local else ROOT
    for name in local:
        (tmp_path / name).write_text(files[name], encoding="utf-8")
    for words, redirect, shown in steps:
        if words[0] == "ls":
            printed = sorted(p.name for p in (where / words[1]).iterdir())
        elif words[0] == "cat":
            printed = (where / words[1]).read_text(encoding="utf-8").rstrip("\n").split("\n")
        else:
            assert words[0] == "policyengine", words
            # a process of its own, as a user runs it: the solver's answers may depend on what ran
            # before it in the same process
            result = subprocess.run(
                [sys.executable, "-m", "policyengine", *words[1:]],
                capture_output=True,
                text=True,
                env=ENV,
                cwd=where,
                check=False,
            )
            assert result.returncode in (0, 1, 2), result.stderr
            text = result.stderr if redirect else result.stdout + result.stderr
            printed = text.rstrip("\n").split("\n")
        assert shown_matches(shown, printed), (words, "\n".join(printed))


def test_the_docs_command_lists_and_shows_the_verify_page_in_both_languages():
    from click.testing import CliRunner

    from policyengine.cli import main

    runner = CliRunner()
    for lang, page in (("en", "verify.md"), ("zh", "verify.zh.md")):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        listed = runner.invoke(main, ["docs", "--lang", lang]).output.splitlines()
        assert f"verify           {text.splitlines()[0][2:]}" in listed
        assert runner.invoke(main, ["docs", "verify", "--lang", lang]).output == text

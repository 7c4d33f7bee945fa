"""docs/rules.md, docs/checks.md and their Chinese pages stay complete and say what the tool does:
every attribute and function, every section in both languages, and the messages they quote."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.messages.catalogue import render
from policyengine.rules.compiler import Compiler
from policyengine.rules.facts import ATTRIBUTES, FUNCTIONS
from policyengine.rules.parser import RuleSyntaxError, parse

DOCS = Path(__file__).resolve().parent.parent / "docs"
SPAN = re.compile(r"`([^`\n]+)`")


@pytest.mark.parametrize("page", ["rules.md", "rules.zh.md"])
def test_the_rule_language_pages_name_every_attribute_and_function(page):
    """A rule can read what `facts.py` declares; both pages list all of it, so neither falls behind."""
    spans = set(SPAN.findall((DOCS / page).read_text(encoding="utf-8")))
    wanted = {f"{kind}.{name}" for kind, table in ATTRIBUTES.items() for name in table} | set(FUNCTIONS)
    missing = sorted(w for w in wanted if w not in spans and not any(s.startswith(f"{w}(") for s in spans))
    assert missing == []


@pytest.mark.parametrize("page", ["rules", "checks"])
def test_the_chinese_page_has_every_section_of_the_english(page):
    def headings(name):
        lines = (DOCS / name).read_text(encoding="utf-8").splitlines()
        return [line.split()[0] for line in lines if line.startswith(("## ", "### "))]

    assert headings(f"{page}.zh.md") == headings(f"{page}.md")
    assert f"[English]({page}.md)" in (DOCS / f"{page}.zh.md").read_text("utf-8").splitlines()[:3]
    assert f"[中文]({page}.zh.md)" in (DOCS / f"{page}.md").read_text("utf-8").splitlines()[:3]


def _messages(text: str, lang: str) -> list[str]:
    try:
        rule = parse(text)
    except RuleSyntaxError as error:
        return [render(error.message, lang)]
    compiler = Compiler()
    compiler.rule(rule)
    return [render(p.message, lang) for p in compiler.problems]


def _quoted(page: str) -> list[tuple[str, str]]:
    """(rule, message) from the tables of the section on PE006 and PE007: the rows whose example is
    a whole rule; `…` in a quoted message stands for the rest of it."""
    text = (DOCS / page).read_text(encoding="utf-8")
    section = text.split("\n## ")[
        [s.startswith(("What the checker", "检查器")) for s in text.split("\n## ")].index(True)
    ]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) < 2 or not cells[-2].startswith("`"):
            continue
        example, quoted = SPAN.findall(cells[-2]), SPAN.findall(cells[-1])
        if len(example) == 1 and quoted and example[0].startswith(("when ", "otherwise ", "admit")):
            rows.append((example[0], quoted[0]))
    return rows


@pytest.mark.parametrize(("page", "lang"), [("rules.md", "en"), ("rules.zh.md", "zh")])
def test_the_rule_pages_quote_the_messages_the_checker_gives(page, lang):
    rows = _quoted(page)
    assert len(rows) >= 15
    for example, quoted in rows:
        pattern = ".*".join(re.escape(part) for part in quoted.split("…"))
        assert any(re.fullmatch(pattern, m) for m in _messages(example, lang)), (example, quoted)


CONFIGURATIONS = {  # the bad configurations docs/checks.md shows, each as the file it names
    "policyengine.toml": "[thresholds.PE101]\nmax_co_handler_coverage = 3\nmax_cohandler = 2\n",
    "pyproject.toml": '[project]\nname = "x"\n\n[tool.policyengine]\nignore = ["PE1", "PQ"]\n',
}


@pytest.mark.parametrize("name", sorted(CONFIGURATIONS))
def test_the_chinese_checks_page_shows_what_lint_prints_for_a_bad_configuration(tmp_path, monkeypatch, name):
    """As the page runs them: from a directory holding the configuration and `policies/h_district`."""
    shutil.copytree(DOCS.parent / "policies" / "h_district", tmp_path / "policies" / "h_district")
    (tmp_path / name).write_text(CONFIGURATIONS[name], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "policies/h_district", "--lang", "zh"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"policyengine: {name}:")
    assert result.stderr in (DOCS / "checks.zh.md").read_text("utf-8")

"""`policyengine docs`: the pages ship with the package, and every page a message or a check's
documentation names is one it can show."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from policyengine import resources
from policyengine.checks import CATALOGUE
from policyengine.cli import main
from policyengine.messages.catalogue import TABLE

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = re.compile(r"docs/([\w/.-]+?)\.md")


def invoke(args):
    return CliRunner().invoke(main, args)


def test_without_a_page_it_lists_the_pages_with_their_titles():
    result = invoke(["docs"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert "rules" in names and "case" in names and "simulation" in names
    assert not [n for n in names if n.endswith(".zh") or n.startswith("checks/")]
    assert f"case             {(ROOT / 'docs/case.md').read_text(encoding='utf-8').splitlines()[0][2:]}" in (
        result.output.splitlines()
    )


def test_the_list_in_chinese_gives_the_chinese_titles():
    result = invoke(["docs", "--lang", "zh"])
    title = (ROOT / "docs/case.zh.md").read_text(encoding="utf-8").splitlines()[0][2:]
    assert f"case             {title}" in result.output.splitlines()


@pytest.mark.parametrize("name", ["rules", "docs/rules.md", "rules.md", "RULES"])
def test_a_page_is_shown_by_any_of_the_names_messages_use(name):
    result = invoke(["docs", name])
    assert result.exit_code == 0
    assert result.output == (ROOT / "docs/rules.md").read_text(encoding="utf-8")


def test_the_chinese_page_where_there_is_one_else_the_english():
    assert invoke(["docs", "docs/case.md", "--lang", "zh"]).output == (ROOT / "docs/case.zh.md").read_text("utf-8")
    assert invoke(["docs", "graph", "--lang", "zh"]).output == (ROOT / "docs/graph.md").read_text("utf-8")


def test_the_rule_language_in_chinese_is_its_own_page():
    result = invoke(["docs", "rules", "--lang", "zh"])
    assert result.exit_code == 0
    assert result.output == (ROOT / "docs/rules.zh.md").read_text("utf-8")
    assert result.output.startswith("# 准入规则语言\n\n[English](rules.md)\n")
    assert "[中文](rules.zh.md)" in (ROOT / "docs/rules.md").read_text("utf-8").splitlines()[:3]


def test_an_unknown_page_is_one_line_with_the_nearest_name():
    result = invoke(["docs", "rulse"])
    assert result.exit_code == 2
    assert result.stderr == "policyengine: no page 'rulse' in the documentation; did you mean 'rules'?\n"
    result = invoke(["docs", "zzzz", "--lang", "zh"])
    assert result.stderr == "policyengine: 文档中没有“zzzz”页面;运行 `policyengine docs` 查看全部页面\n"


def _named_pages():
    """Every `docs/NAME.md` a user can meet: in a message, a command's help, a check's page."""
    texts = [t for pair in TABLE.values() for t in pair]
    texts += [c.doc or "" for c in CATALOGUE.values()]
    texts += [cmd.help or "" for cmd in main.commands.values() if isinstance(cmd, click.Command)]
    named = {m.group(0) for t in texts for m in REFERENCE.finditer(t)}
    return sorted(n for n in named if "PEnnn" not in n)  # generate-docs' help names the pattern it writes


def test_every_page_a_user_is_pointed_at_is_shipped():
    named = _named_pages()
    assert "docs/case.md" in named  # the check pages cite the case by section
    missing = [n for n in named if not resources.doc_page(n).is_file()]
    assert missing == []


def test_the_wheel_ships_the_docs_where_the_command_looks(tmp_path, monkeypatch):
    built = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert built["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]["docs"] == "policyengine/_bundled/docs"
    # an installed wheel: the package directory holds _bundled/docs and no checkout is above it
    package = tmp_path / "site" / "policyengine"
    (package / "_bundled" / "docs").mkdir(parents=True)
    (package / "_bundled" / "docs" / "rules.md").write_text("# Rules\n", encoding="utf-8")
    monkeypatch.setattr(resources, "_HERE", package)
    assert resources.doc_pages() == {"rules": package / "_bundled" / "docs" / "rules.md"}
    assert invoke(["docs"]).output == "rules            Rules\n"


def test_the_glossary_in_chinese_is_the_chinese_glossary_page():
    chinese = (ROOT / "docs/zh/术语.md").read_text("utf-8")
    assert invoke(["docs", "glossary", "--lang", "zh"]).output == chinese
    assert invoke(["docs", "术语"]).output == chinese  # its Chinese name shows it in either language
    assert invoke(["docs", "glossary"]).output == (ROOT / "docs/glossary.md").read_text("utf-8")
    listed = invoke(["docs", "--lang", "zh"]).output.splitlines()
    assert f"glossary         {chinese.splitlines()[0][2:]}" in listed
    assert not [line for line in listed if line.startswith("zh/")]  # a translation, not a page of its own

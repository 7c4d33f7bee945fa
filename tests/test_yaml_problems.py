"""PE001 in Chinese: what the YAML parser says when it gives up is said in Chinese, and in English
exactly as the parser (libyaml, or PyYAML's pure parser) wrote it."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.messages.catalogue import render
from policyengine.yamlbuild import PureParser
from policyengine.yamlproblems import CONTEXTS, PROBLEMS, described
from tests.util import lint_files, located

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    CParser = PureParser  # type: ignore[assignment,misc]

PARSERS = (CParser, PureParser)

# broken files of the kinds a policy author writes, each a different context or problem of the parser
BROKEN = {
    "unclosed brace": "a: {x: 1\nb: 2\n",
    "unclosed bracket": "a: [1, 2\nb: 3\n",
    "unclosed quote": 'a: "abc\nb: 2\n',
    "unclosed single quote": "a: 'abc\nb: 2\n",
    "inconsistent indentation": "a:\n  b: 1\n c: 2\n",
    "tab indentation": "a:\n\tb: 1\n",
    "stray colon": "a: b: c\n",
    "list item in a mapping": "a: 1\n- b\n",
    "key after a list": "- a\nb: 1\n",
    "empty alias": "a: *\n",
    "empty anchor": "a: &\n",
    "undefined tag handle": "a: !x!y 1\n",
    "unknown directive": "%FOO bar\n---\na: 1\n",
    "at sign": "a: @x\n",
    "backtick": "a: `x\n",
    "block scalar indicator": "a: |x\n  b\n",
    "unknown escape": 'a: "\\q"\n',
    "flow sequence cut short": "a: [1,\n",
    "missing comma in braces": "a: {b: 1 c: 2}\n",
    "list indentation": "a:\n  - b\n - c\n",
    "key without colon": "a: |\n b\nc\n",
}
WORD = re.compile(r"[A-Za-z]{3,}")


def _error(parser: type, text: str) -> yaml.MarkedYAMLError | None:
    try:
        events = parser(text)
        while events.get_event():
            pass
    except yaml.MarkedYAMLError as exc:
        return exc
    return None


def _found(exc: yaml.MarkedYAMLError) -> str:
    """The parser's quotation of what it met: the one part of a problem that is not a sentence."""
    match = re.search(r"(?:found|got) ('.*?'|\S+)( that|$)", str(exc.problem))
    return match.group(1) if match and match.group(1) != "unexpected" else ""


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_every_parser_sentence_of_a_broken_file_is_in_chinese(name):
    errors = [exc for exc in (_error(parser, BROKEN[name]) for parser in PARSERS) if exc is not None]
    assert errors  # PyYAML's pure parser lets an unknown directive pass; libyaml does not
    for exc in errors:
        message = described(exc.context, exc.problem)
        assert message is not None
        assert render(message, "en") == " ".join(str(p) for p in (exc.context, exc.problem) if p)
        chinese = render(message, "zh").replace(_found(exc), "")
        assert WORD.findall(chinese) == [], chinese


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \n\t:-{}[],'\"|>&*!%@`#?ab", max_size=24))
def test_any_broken_text_reads_in_english_as_the_parser_wrote_it(text):
    for parser in PARSERS:
        exc = _error(parser, text)
        if exc is None:
            continue
        message = described(exc.context, exc.problem)
        expected = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        assert (render(message, "en") if message is not None else "") == expected
        known = (not exc.context or str(exc.context) in CONTEXTS) and (
            not exc.problem or any(pattern.fullmatch(str(exc.problem)) for pattern, _ in PROBLEMS)
        )
        if message is not None and known:
            assert WORD.findall(render(message, "zh").replace(_found(exc), "")) == []


def test_the_example_of_the_page_reads_in_chinese(tmp_path):
    text = "tiers:\n  - id: grid\n    name: {zh: 网格, en: grid\n    parent: community\n"
    result = lint_files(tmp_path, {"policy.yaml": text}, lang="zh")
    assert [f.message for f in result.findings] == ["YAML 语法错误:在读取花括号中的映射时,此处应为逗号或右花括号“}”"]
    assert located(result) == [("PE001", "policy.yaml", 4, 11)]
    english = lint_files(tmp_path / "en", {"policy.yaml": text})
    assert [f.message for f in english.findings] == [
        "YAML syntax error: while parsing a flow mapping did not find expected ',' or '}'"
    ]


def test_a_sentence_the_tables_do_not_know_is_kept_as_written():
    message = described("while doing something new", "found a new problem")
    assert render(message, "zh") == "在while doing something new,found a new problem"
    assert render(message, "en") == "while doing something new found a new problem"
    assert described(None, None) is None

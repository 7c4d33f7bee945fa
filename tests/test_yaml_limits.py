"""The YAML a policy file may hold: one rule for every depth past the nesting limit (exit 2, one line
at the first node too deep, whatever the style), and empty documents reported where they stand."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.errors import InputError
from policyengine.lint import lint_paths
from policyengine.loader import load_text
from policyengine.yamlbuild import MAX_DEPTH

STYLES = ["flow sequence", "flow mapping", "block sequence", "block mapping"]


def nested(style: str, depth: int) -> tuple[str, tuple[int, int]]:
    """A document whose `tiers` holds collections `depth` deep (the document's mapping is one level
    more), and where the collection at level MAX_DEPTH + 1 opens."""
    first = MAX_DEPTH - 1  # the nested collections before the one too deep
    if style == "flow sequence":
        return "tiers: " + "[" * depth + "]" * depth + "\n", (1, len("tiers: ") + first + 1)
    if style == "flow mapping":
        return "tiers: " + "{a: " * depth + "1" + "}" * depth + "\n", (1, len("tiers: ") + len("{a: ") * first + 1)
    if style == "block sequence":  # compact: `- - - 1`
        return "tiers:\n  " + "- " * depth + "1\n", (2, 3 + 2 * first)
    lines = ["tiers:", *(" " * level + "k:" for level in range(1, depth)), " " * depth + "k: 1"]
    return "\n".join(lines) + "\n", (MAX_DEPTH + 1, MAX_DEPTH + 1)


@settings(max_examples=80, deadline=None)
@given(style=st.sampled_from(STYLES), depth=st.integers(1, 6000))
@example(style="flow sequence", depth=MAX_DEPTH - 1)
@example(style="flow sequence", depth=MAX_DEPTH)
@example(style="flow sequence", depth=999)
@example(style="flow sequence", depth=1000)
@example(style="flow sequence", depth=5000)
@example(style="flow mapping", depth=5000)
@example(style="block sequence", depth=5000)
@example(style="block mapping", depth=MAX_DEPTH)
def test_below_the_limit_is_read_and_past_it_every_depth_is_the_same_error(style, depth):
    text, where = nested(style, depth)
    if depth + 1 <= MAX_DEPTH:
        _, violations = load_text("p.yaml", text)
        assert [v.code for v in violations] == []  # read; the schema then judges it
        return
    with pytest.raises(InputError) as caught:
        load_text("p.yaml", text)
    error = caught.value
    assert (error.span.file, error.span.line, error.span.column) == ("p.yaml", *where)
    assert error.text("en") == f"YAML nested more than {MAX_DEPTH} levels deep"
    assert error.text("zh") == f"YAML 嵌套超过 {MAX_DEPTH} 层"


@pytest.mark.parametrize("depth", [MAX_DEPTH, 999, 1000, 5000])
def test_lint_says_every_depth_past_the_limit_in_one_line_and_exits_2(tmp_path, depth):
    path = tmp_path / "deep.yaml"
    text, (line, column) = nested("flow sequence", depth)
    path.write_text(text)
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert result.output == f"policyengine: {path}:{line}:{column}: YAML nested more than {MAX_DEPTH} levels deep\n"


# -- empty documents, where they stand ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, where",
    [
        ("---\n", (1, 1)),
        ("\n\n---\n", (3, 1)),
        ("# a policy\n\n---\n# nothing yet\n", (3, 1)),
        ("tiers: []\n---\n", (2, 1)),
        ("tiers: []\n---\n# x\n---\nunits: []\n", (2, 1)),
        ("tiers: []\n\n--- # second\n...\n", (3, 1)),
        ("%YAML 1.2\n---\n", (2, 1)),  # at its `---`, not at the directive
        ("\n\n  ~\n", (3, 3)),
    ],
)
def test_an_empty_document_is_pe002_at_its_own_start(tmp_path, text, where):
    path = tmp_path / "p.yaml"
    path.write_text(text)
    result = lint_paths([path])
    assert [(f.code, f.span.line, f.span.column, f.message) for f in result.findings] == [
        ("PE002", *where, "a document must be a mapping of sections, not null")
    ]


@pytest.mark.parametrize("text, where", [("tiers: []\n---\n\n   42\n", (2, 1)), ("\n\n   42\n", (3, 4))])
def test_a_scalar_document_is_pe002_at_its_start(tmp_path, text, where):
    path = tmp_path / "p.yaml"
    path.write_text(text)
    assert [(f.span.line, f.span.column, f.message) for f in lint_paths([path]).findings] == [
        (*where, "a document must be a mapping of sections, not a scalar (42)")
    ]


@pytest.mark.parametrize("text, where", [("# only\n", (1, 1)), ("\n\n  # indented\n# more\n", (3, 3))])
def test_a_file_of_only_comments_is_one_line_at_its_first_comment(tmp_path, text, where):
    path = tmp_path / "p.yaml"
    path.write_text(text)
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"policyengine: {path}:{where[0]}:{where[1]}: no YAML document (only comments or blank lines)\n"
    )

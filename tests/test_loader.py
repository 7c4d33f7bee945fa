"""The loader: positions, YAML 1.2 scalars, duplicate keys, bounded aliases, unreadable input."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine import loader
from policyengine.errors import InputError
from policyengine.lint import lint_paths
from policyengine.loader import load_text
from policyengine.span import Span
from policyengine.yamlbuild import PureParser
from policyengine.yamlnodes import YMap, span_of

from .util import located, write_policy


def test_values_keep_their_positions():
    source, violations = load_text("p.yaml", "tiers:\n  - id: district\n    name: {en: District}\n")
    doc = source.documents[0]
    assert violations == []
    assert span_of(doc, ["tiers", 0, "id"], Span("p.yaml", 1, 1)) == Span("p.yaml", 2, 9)
    assert span_of(doc, ["tiers", 0, "name", "en"], Span("p.yaml", 1, 1)) == Span("p.yaml", 3, 16)
    assert isinstance(doc, YMap) and doc.key_span("tiers") == Span("p.yaml", 1, 1)


def test_span_of_a_missing_path_falls_back_to_the_nearest_node():
    source, _ = load_text("p.yaml", "a:\n  b: 1\n")
    assert span_of(source.documents[0], ["a", "zzz", 3], Span("p.yaml", 1, 1)) == Span("p.yaml", 2, 3)


@pytest.mark.parametrize(
    "text, value",
    [
        ("x: 8:30", "8:30"),  # YAML 1.1 would read 510
        ("x: yes", "yes"),
        ("x: on", "on"),
        ("x: NO", "NO"),
        ("x: true", True),
        ("x: ~", None),
        ("x:", None),
        ("x: 0x1F", 31),
        ("x: 0o17", 15),
        ("x: 017", 17),
        ("x: -3", -3),
        ("x: 1.5e3", 1500.0),
        ("x: 2019-01-01", "2019-01-01"),
        ('x: "08:30"', "08:30"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text, value):
    source, violations = load_text("p.yaml", text + "\n")
    assert violations == []
    assert source.documents[0]["x"] == value


def test_duplicate_key_is_pe003_at_the_second_key():
    source, violations = load_text("p.yaml", "a: 1\nb: 2\na: 3\n")
    assert [(v.code, v.span.line, v.span.column, v.params["line"]) for v in violations] == [("PE003", 3, 1, 1)]
    assert source.documents[0]["a"] == 1  # the first stays; nothing is silently overwritten


def test_merge_keys_and_unknown_tags_are_pe002():
    _, violations = load_text("p.yaml", "base: &b {x: 1}\nother:\n  <<: *b\ny: !custom 3\n")
    assert [(v.code, v.key, v.span.line, v.span.column) for v in violations] == [
        ("PE002", "merge", 3, 3),
        ("PE002", "schema", 4, 4),
    ]


def test_syntax_error_is_pe001_with_position(tmp_path):
    result = lint_paths([write_policy(tmp_path, {"bad.yaml": "tiers: [a, b\nunits: []\n"})])
    assert located(result) == [("PE001", "bad.yaml", 2, 6)]
    assert "flow sequence" in result.findings[0].message


def test_billion_laughs_fails_fast_with_a_located_error(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        lint_paths([path])
    assert time.perf_counter() - started < 10  # generous: it must not expand 10**10 nodes
    assert "alias" in caught.value.text("en") and caught.value.span.file == str(path)


def test_recursive_alias_is_an_input_error(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("a: &a [*a]\n")
    with pytest.raises(InputError, match="recursive"):
        lint_paths([path])


def test_moderate_alias_reuse_is_allowed():
    source, violations = load_text("p.yaml", "x: &src {en: A, zh: 甲}\ny: *src\nz: *src\n")
    assert violations == [] and source.documents[0]["z"] == {"en": "A", "zh": "甲"}


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "empty file"),
        (b"# only a comment\n\n", "no YAML document"),
        (b"tiers: []\n\xff\xfe oops\n", "not UTF-8"),
        (b"a: 1\x00\n", "NUL"),
    ],
)
def test_unreadable_files_raise_one_located_input_error(tmp_path, content, expected):
    path = tmp_path / "p.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        lint_paths([path])
    assert expected in caught.value.text("en")
    assert caught.value.span is not None and caught.value.span.file == str(path)


def test_non_utf8_position_points_at_the_bad_byte(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"tiers: []\nab\xff\n")
    with pytest.raises(InputError) as caught:
        lint_paths([path])
    assert (caught.value.span.line, caught.value.span.column) == (2, 3)


def test_directory_without_policy_files(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match="no policy files"):
        lint_paths([tmp_path])


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        lint_paths([tmp_path / "nope"])


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xef\xbb\xbftiers:\n  - {id: d, name: {en: D}}\n")
    assert lint_paths([path]).findings == []


def test_hidden_directories_and_other_suffixes_are_skipped(tmp_path):
    write_policy(
        tmp_path,
        {"tiers.yaml": "tiers:\n  - {id: d, name: {en: D}}\n", ".git/x.yaml": "not: [valid\n", "notes.md": "# hi\n"},
    )
    result = lint_paths([tmp_path])
    assert result.findings == [] and [f.path for f in result.files] == [str(tmp_path / "tiers.yaml")]


def test_list_sections_concatenate_across_files_and_documents(tmp_path):
    write_policy(
        tmp_path,
        {
            "a.yaml": "tiers:\n  - {id: d, name: {en: D}}\n---\ntiers:\n  - {id: s, name: {en: S}, parent: d}\n",
            "b.yaml": "units:\n  - {id: u, name: {en: U}, tier: s, kind: other}\n",
        },
    )
    result = lint_paths([tmp_path])
    assert result.findings == []
    assert list(result.policy.tiers) == ["d", "s"] and result.policy.units["u"].tier == "s"


def test_a_refused_number_is_reported_once(tmp_path):
    result = lint_paths(
        [
            write_policy(
                tmp_path,
                {
                    "p.yaml": """
        tiers:
          - {id: d, name: {en: D}}
        items:
          - {id: i, name: {en: I}, kind: routine, tier: d, role: handle, cost: {hours_per_month: .nan}}
        """
                },
            )
        ]
    )
    assert located(result) == [("PE002", "p.yaml", 4, 90)]
    assert result.findings[0].message == "'.nan' is not a valid finite number"


@pytest.mark.parametrize("text", ["x: !!bool maybe", "x: !!null nothing", "x: !!int twelve"])
def test_explicit_tags_reject_text_that_does_not_fit(text):
    _, violations = load_text("p.yaml", text + "\n")
    assert [(v.code, v.span.line, v.span.column) for v in violations] == [("PE002", 1, 4)]


def test_nesting_deeper_than_the_limit_is_an_input_error(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 500 + "]" * 500)
    with pytest.raises(InputError, match="nested more than 100 levels") as caught:
        lint_paths([path])
    assert (caught.value.span.line, caught.value.span.column) == (1, 101)


def test_extreme_nesting_is_refused_as_any_depth_past_the_limit(tmp_path):
    """100,000 levels, past libyaml's own limit too: the same error as 101, at the same node."""
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="nested more than 100 levels") as caught:
        lint_paths([path])
    assert (caught.value.span.line, caught.value.span.column) == (1, 101)


def test_alias_reuses_the_anchor_value_and_its_positions():
    source, violations = load_text("p.yaml", "a: &n {en: A}\nb: *n\n")
    doc = source.documents[0]
    assert violations == [] and doc["b"] is doc["a"]
    assert span_of(doc, ["b", "en"], Span("p.yaml", 1, 1)) == Span("p.yaml", 1, 12)


def test_nesting_through_aliases_counts_too(tmp_path):
    lines = ["a0: &a0 [1]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 150)]
    path = tmp_path / "p.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match="through aliases") as caught:
        lint_paths([path])
    assert caught.value.span.line == 100


# what may stand before a document's `---`: directives (each at most once), comments, blank lines
PREAMBLES = st.lists(
    st.sampled_from(["%YAML 1.1", "%TAG !e! tag:example.com,2000:", "# a comment", ""]), max_size=4, unique=True
)


@pytest.mark.parametrize("parser", ["libyaml", "pure"])
@given(preamble=PREAMBLES, after=st.sampled_from(["", " # c", " null", " ~"]))
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_an_empty_document_is_reported_at_its_marker_not_at_the_directives(
    tmp_path, monkeypatch, parser, preamble, after
):
    if parser == "pure":
        monkeypatch.setattr(loader, "_Parser", PureParser)
    lines = [*preamble, "---" + after]
    path = tmp_path / "policy.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = lint_paths([path])
    assert [(f.code, f.span.line, f.span.column) for f in result.findings] == [
        ("PE002", lines.index("---" + after) + 1, 1)
    ]
    assert result.findings[0].message == "a document must be a mapping of sections, not null"

"""Inline suppressions: `# policyengine: ignore[...]` and its block and file forms; PE008 and PE009."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.config import Config
from policyengine.lint import lint_paths

from .test_cli import run
from .util import located, write_policy

TWO_ITEMS = """\
tiers:
  - {id: district, name: {en: District}}
  - {id: grid, name: {en: Grid}, parent: district}
units:
  - {id: bureau, name: {en: Bureau}, tier: district, kind: functional_department}
grants:
  - {unit: bureau, powers: [penalty, enforcement]}
workflow:
  escalation: [grid, district]
items:
  - id: patrol
    name: {en: Patrol}
    kind: routine
    tier: grid
    role: handle
    requires: {handle: [penalty]}
  - id: inspect
    name: {en: "Inspect # policyengine: ignore[PE999]"}
    kind: routine
    tier: grid
    role: handle
    requires: {handle: [enforcement]}
"""
PATROL_ROLE, INSPECT_ROLE = 15, 21  # the lines PE101 points at


def lint_text(tmp_path, text: str, config: Config | None = None, extra: dict[str, str] | None = None, lang="en"):
    root = write_policy(tmp_path / "p", {"p.yaml": text, **(extra or {})})
    return lint_paths([root], config, lang)


def with_comment(line: int, comment: str, text: str = TWO_ITEMS, own_line: bool = False) -> str:
    lines = text.splitlines()
    if own_line:
        indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
        lines.insert(line - 1, " " * indent + comment)
    else:
        lines[line - 1] += "   " + comment
    return "\n".join(lines) + "\n"


def test_baseline_of_these_tests(tmp_path):
    # the directive inside the quoted name is text, not a comment: it neither suppresses nor is judged
    result = lint_text(tmp_path, TWO_ITEMS)
    assert located(result) == [("PE101", "p.yaml", PATROL_ROLE, 11), ("PE101", "p.yaml", INSPECT_ROLE, 11)]
    assert result.suppressed == 0


def test_trailing_comment_silences_its_own_line(tmp_path):
    result = lint_text(tmp_path, with_comment(PATROL_ROLE, "# policyengine: ignore[PE101]"))
    assert located(result) == [("PE101", "p.yaml", INSPECT_ROLE, 11)]
    assert result.suppressed == 1


def test_comment_on_its_own_line_silences_the_next_line(tmp_path):
    text = with_comment(PATROL_ROLE, "# policyengine: ignore[PE101]", own_line=True)
    result = lint_text(tmp_path, text)
    assert located(result) == [("PE101", "p.yaml", INSPECT_ROLE + 1, 11)]
    assert result.suppressed == 1


def test_own_line_comment_skips_blank_and_comment_lines(tmp_path):
    lines = TWO_ITEMS.splitlines()
    lines[PATROL_ROLE - 1 : PATROL_ROLE - 1] = [
        "    # policyengine: ignore[PE1]",
        "",
        "    # why: the bureau settles it",
    ]
    result = lint_text(tmp_path, "\n".join(lines) + "\n")
    assert [c for c, *_ in located(result)] == ["PE101"] and result.suppressed == 1


def test_a_suppression_of_another_code_is_pe008_and_silences_nothing(tmp_path):
    result = lint_text(tmp_path, with_comment(PATROL_ROLE, "# policyengine: ignore[PE102]"))
    assert located(result) == [
        ("PE101", "p.yaml", PATROL_ROLE, 11),
        ("PE008", "p.yaml", PATROL_ROLE, 20),
        ("PE101", "p.yaml", INSPECT_ROLE, 11),
    ]
    pe008 = next(f for f in result.findings if f.code == "PE008")
    assert pe008.message == (
        "suppression 'ignore[PE102]' silences nothing (PE102): remove it, or it will hide the next real finding here"
    )
    assert pe008.severity.label == "warning" and pe008.name == "unused-suppression"


def test_only_the_unused_codes_of_a_suppression_are_reported(tmp_path):
    result = lint_text(tmp_path, with_comment(PATROL_ROLE, "# policyengine: ignore[PE101, PE305]"))
    messages = [f.message for f in result.findings if f.code == "PE008"]
    assert messages == [
        "suppression 'ignore[PE101, PE305]' silences nothing (PE305): remove it, or it will hide "
        "the next real finding here"
    ]
    assert result.suppressed == 1


def test_block_disable_enable(tmp_path):
    lines = TWO_ITEMS.splitlines()
    lines.insert(INSPECT_ROLE, "# policyengine: enable[PE101]")  # after inspect's role line
    lines.insert(9, "# policyengine: disable[PE101]")  # before `items:`
    result = lint_text(tmp_path, "\n".join(lines) + "\n")
    assert located(result) == [] and result.suppressed == 2


def test_block_ends_where_it_is_enabled(tmp_path):
    lines = TWO_ITEMS.splitlines()
    lines.insert(PATROL_ROLE, "    # policyengine: enable")  # right after patrol's role
    lines.insert(9, "# policyengine: disable[PE101]")
    result = lint_text(tmp_path, "\n".join(lines) + "\n")
    assert located(result) == [("PE101", "p.yaml", INSPECT_ROLE + 2, 11)] and result.suppressed == 1


def test_unclosed_block_runs_to_the_end_of_the_file(tmp_path):
    lines = TWO_ITEMS.splitlines()
    lines.insert(16, "# policyengine: disable[PE1]")  # between the items
    result = lint_text(tmp_path, "\n".join(lines) + "\n")
    assert located(result) == [("PE101", "p.yaml", PATROL_ROLE, 11)]


def test_enable_without_a_block_is_pe008(tmp_path):
    result = lint_text(tmp_path, "# policyengine: enable[PE101]\n" + TWO_ITEMS)
    assert [(f.code, f.span.line, f.span.column, f.message) for f in result.findings if f.code == "PE008"] == [
        ("PE008", 1, 1, "'enable[PE101]' closes no block that a 'disable' opened")
    ]


def test_whole_file_and_bare_forms(tmp_path):
    assert located(lint_text(tmp_path / "a", "# policyengine: ignore-file[PE101]\n" + TWO_ITEMS)) == []
    assert located(lint_text(tmp_path / "b", "# policyengine: ignore-file\n" + TWO_ITEMS)) == []
    bare = lint_text(tmp_path / "c", with_comment(PATROL_ROLE, "# policyengine: ignore"))
    assert located(bare) == [("PE101", "p.yaml", INSPECT_ROLE, 11)]


def test_a_suppression_covers_only_its_own_file(tmp_path):
    other = {"notes.yaml": "# policyengine: ignore-file[PE101]\npolicy: {id: p, name: {en: P}}\n"}
    result = lint_text(tmp_path, TWO_ITEMS, extra=other)
    assert [c for c, *_ in located(result)] == ["PE008", "PE101", "PE101"]
    assert located(result, "PE008") == [("PE008", "notes.yaml", 1, 1)]


def test_invalid_suppressions_are_pe009(tmp_path):
    text = (
        with_comment(PATROL_ROLE, "# policyengine: ignore[PE1O1, PE101]")
        .replace("workflow:", "workflow:   # policyengine: ingore[PE104]")
        .replace("units:", "units:   # policyengine: ignore[PE003]")
        .replace("grants:", "grants:   # policyengine: ignore[]")
    )
    result = lint_text(tmp_path, text)
    found = [(f.span.line, f.message) for f in result.findings if f.code == "PE009"]
    assert found == [
        (
            4,
            "PE003 cannot be suppressed: the policy with a structural error is not the one written, and "
            "suppressions are judged by PE008/PE009 themselves",
        ),
        (6, "'ignore[]' names no code: write the codes, or leave out the brackets to mean every code"),
        (8, "unknown suppression 'ingore' (known: ignore, ignore-file, disable, enable)"),
        (PATROL_ROLE, "suppression names an unknown check code 'PE1O1'"),
    ]
    # the valid part of a comment still works
    assert located(result, "PE101") == [("PE101", "p.yaml", INSPECT_ROLE, 11)]


def test_an_ignored_code_is_not_judged_unused(tmp_path):
    text = with_comment(PATROL_ROLE, "# policyengine: ignore[PE305]")
    assert located(lint_text(tmp_path / "a", text, Config(ignore=frozenset({"PE305"}))), "PE008") == []
    assert located(lint_text(tmp_path / "b", text, Config(ignore=frozenset({"PE008"}))), "PE008") == []
    assert len(located(lint_text(tmp_path / "c", text), "PE008")) == 1


def test_structural_errors_stop_the_judging_of_unused_suppressions(tmp_path):
    text = with_comment(PATROL_ROLE, "# policyengine: ignore[PE101]").replace("parent: district", "parent: county")
    result = lint_text(tmp_path, text)
    assert [c for c, *_ in located(result)] == ["PE004"]


def test_custom_checks_are_suppressed_by_their_prefix(tmp_path):
    rules = {"deep.rules": 'rule shallow for tier:\n  when tier.depth < 1 then finding PE903 info "a root tier"\n'}
    plain = lint_text(tmp_path / "a", TWO_ITEMS, extra=rules)
    assert located(plain, "PE903") == [("PE903", "p.yaml", 2, 10)]
    silenced = lint_text(tmp_path / "b", with_comment(2, "# policyengine: ignore[PE9]"), extra=rules)
    assert located(silenced, "PE903") == [] and located(silenced, "PE008") == []


def test_rules_files_are_scanned_but_strings_are_not_comments(tmp_path):
    rules = {
        "deep.rules": (
            "# policyengine: ignor[PE903]\n"
            "rule shallow for tier:\n"
            '  when tier.depth < 1 then finding PE903 info "# policyengine: ignore[PE1]"\n'
        )
    }
    result = lint_text(tmp_path, TWO_ITEMS, extra=rules)
    assert located(result, "PE009") == [("PE009", "deep.rules", 1, 1)]
    assert located(result, "PE008") == []


def test_chinese_messages(tmp_path):
    result = lint_text(tmp_path, with_comment(PATROL_ROLE, "# policyengine: ignore[PE102]"), lang="zh")
    pe008 = next(f for f in result.findings if f.code == "PE008")
    assert pe008.message.startswith("抑制注释“ignore[PE102]”没有抑制任何诊断")


def test_summary_counts_the_suppressed(tmp_path):
    root = write_policy(tmp_path / "p", {"p.yaml": with_comment(PATROL_ROLE, "# policyengine: ignore[PE101]")})
    result = run("lint", str(root), "--isolated")
    assert result.exit_code == 1
    assert (
        result.output.splitlines()[-1] == "1 finding(s): 0 error(s), 1 warning(s), 0 info in 1 file(s) (1 suppressed)"
    )
    zh = run("lint", str(root), "--isolated", "--lang", "zh")
    assert zh.output.splitlines()[-1].endswith("(已抑制 1 条)")


@settings(max_examples=25, deadline=None)
@given(patrol=st.booleans(), inspect=st.booleans(), own_line=st.booleans())
def test_suppressing_a_subset_removes_exactly_that_subset(tmp_path_factory, patrol, inspect, own_line):
    """Whatever lines carry a suppression, exactly their findings go, and the rest stay where they were."""
    text = TWO_ITEMS
    # the later line first, so that an inserted line does not move the earlier one
    for line, chosen in ((INSPECT_ROLE, inspect), (PATROL_ROLE, patrol)):
        if chosen:
            text = with_comment(line, "# policyengine: ignore[PE101]", text, own_line)
    result = lint_paths([write_policy(tmp_path_factory.mktemp("p"), {"p.yaml": text})])
    kept = [f.subject.id for f in result.findings]
    assert kept == [name for name, chosen in (("patrol", patrol), ("inspect", inspect)) if not chosen]
    assert result.suppressed == patrol + inspect


def test_crlf_files_are_read_as_lf_files(tmp_path):
    text = with_comment(PATROL_ROLE, "# policyengine: ignore[PE101]").replace("\n", "\r\n")
    root = tmp_path / "p"
    root.mkdir()
    (root / "p.yaml").write_bytes(text.encode("utf-8"))
    result = lint_paths([root])
    assert located(result) == [("PE101", "p.yaml", INSPECT_ROLE, 11)] and result.suppressed == 1


@pytest.mark.parametrize(
    "comment",
    [
        "# policyengine: ignore(PE101)",
        "# policyengine: ignore: PE101",
        "# policyengine: ignore PE101",
        "# policyengine: ignore[PE101",
        "# policyengine: disable [PE101",
    ],
)
def test_malformed_code_lists_silence_nothing_and_are_pe009(tmp_path, comment):
    """Read as "every code", they would silence more than was written."""
    result = lint_text(tmp_path, with_comment(PATROL_ROLE, comment))
    assert [(c, line) for c, _, line, _ in located(result)] == [
        ("PE101", PATROL_ROLE),
        ("PE009", PATROL_ROLE),
        ("PE101", INSPECT_ROLE),
    ]
    pe009 = next(f for f in result.findings if f.code == "PE009")
    assert pe009.message == (
        f"malformed suppression '{comment}': write the codes in brackets, e.g. '# policyengine: ignore[PE101]'"
    )
    assert result.suppressed == 0


def test_a_remark_after_a_bare_directive_is_not_a_code_list(tmp_path):
    result = lint_text(tmp_path, with_comment(PATROL_ROLE, "# policyengine: ignore  reviewed with the bureau"))
    assert located(result) == [("PE101", "p.yaml", INSPECT_ROLE, 11)]


def test_a_bare_directive_is_not_judged_when_some_codes_did_not_run(tmp_path):
    text = with_comment(PATROL_ROLE, "# policyengine: ignore")
    assert located(lint_text(tmp_path / "a", text, Config(ignore=frozenset({"PE101"}))), "PE008") == []
    assert located(lint_text(tmp_path / "b", text, Config(select=frozenset({"PE102"}))), "PE008") == []
    unused = with_comment(8, "# policyengine: ignore")  # `workflow:` holds no finding
    assert located(lint_text(tmp_path / "c", unused), "PE008") == [("PE008", "p.yaml", 8, 13)]


def test_an_apostrophe_in_a_rules_string_does_not_hide_a_comment(tmp_path):
    rules = {
        "deep.rules": (
            'rule understaffed "the team\'s size" for tier:  # policyengine: ignor[PE903]\n'
            '  when tier.depth < 1 then finding PE903 info "a root tier"\n'
        )
    }
    result = lint_text(tmp_path, TWO_ITEMS, extra=rules)
    assert located(result, "PE009") == [("PE009", "deep.rules", 1, 48)]


DIRECTIVES = st.sampled_from(
    [
        "# policyengine: ignore[PE101]",
        "# policyengine: ignore",
        "# policyengine: ignore[PE1, PE3]",
        "# policyengine: disable[PE101]",
        "# policyengine: enable[PE101]",
        "# policyengine: enable",
        "# policyengine: ignore-file[PE101]",
        "# policyengine: ignore[PX1]",
        "# policyengine: ignore(PE101)",
        "# policyengine: ignore[",
        "# policyengine:",
        "# policyengine: ignore[PE001]",
        "#policyengine:ignore[pe101]",
    ]
)


@settings(max_examples=60, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(min_value=1, max_value=21), DIRECTIVES, st.booleans()), max_size=5))
def test_any_comments_only_take_findings_away(tmp_path_factory, edits):
    """Whatever suppression comments a file holds, lint never fails, and the findings it reports are
    the original ones minus those silenced, plus PE008/PE009 at the comments."""
    text = TWO_ITEMS
    for line, comment, own_line in sorted(edits, reverse=True):
        text = with_comment(line, comment, text, own_line)
    result = lint_paths([write_policy(tmp_path_factory.mktemp("p"), {"p.yaml": text})])
    pe101 = [f for f in result.findings if f.code == "PE101"]
    assert len(pe101) + result.suppressed == 2
    assert {f.subject.id for f in pe101} <= {"patrol", "inspect"}
    comment_lines = {n for n, line in enumerate(text.splitlines(), 1) if "policyengine" in line.split("#", 1)[-1]}
    for f in result.findings:
        assert f.code in ("PE101", "PE008", "PE009"), f
        if f.code != "PE101":
            assert f.span.line in comment_lines

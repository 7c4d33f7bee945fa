"""Fuzzing the front end: whatever bytes a policy file holds, linting either returns a result or
raises InputError, and the CLI exits 0, 1 or 2 without a traceback.

Inputs: random bytes, random YAML-ish text, YAML dumps of random nested data (with and without
the policy's own vocabulary of keys), mutated valid policies, and explicit hostile cases (alias
bombs, recursive aliases, deep nesting, non-UTF-8, NUL, empty files, missing paths).
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.errors import InputError
from policyengine.formatters import json_format, text
from policyengine.lint import LintResult, lint_paths
from policyengine.testing.strategies import SECTION_ORDER, dump, policies, to_yaml

HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def fuzz(max_examples: int) -> settings:
    return settings(max_examples=max_examples, deadline=None, suppress_health_check=HEALTH)


@pytest.fixture(scope="session")
def fuzzdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def lint_or_input_error(path: Path | str) -> LintResult | InputError:
    """lint_paths, with InputError as a value. Any other exception propagates and fails the test."""
    try:
        return lint_paths([path])
    except InputError as error:
        return error


def invoke(*args: str):
    return CliRunner().invoke(main, ["lint", *args])


def stderr_of(result) -> str:
    try:
        return result.stderr
    except ValueError:  # click < 8.2 without separate stderr
        return result.output


def assert_cli_agrees(path: Path, outcome: LintResult | InputError, formats: tuple[str, ...] = ("text",)) -> None:
    """Both renderers accept the result; the CLI exits 2 exactly when the API raised InputError, else
    0/1 as the result says, and never leaves an exception other than SystemExit."""
    if isinstance(outcome, LintResult):
        text.render(outcome)
        text.render(outcome, "zh")
        document = json.loads(json_format.render(outcome))
        assert len(document["findings"]) == len(outcome.findings)
    for fmt in formats:
        result = invoke(str(path), "--format", fmt, "--no-color")
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"CLI crashed: {result.exception!r}"
        )
        assert result.exit_code in (0, 1, 2)
        if isinstance(outcome, InputError):
            assert result.exit_code == 2
            assert str(outcome.text("en")) in stderr_of(result)
        else:
            # info findings (PE010: cannot judge) do not fail a lint at the default level
            assert result.exit_code == (1 if outcome.failed(outcome.config.fail_level) else 0)
            if fmt == "json":
                assert len(json.loads(result.stdout)["findings"]) == len(outcome.findings)


YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def assert_spans_in_file(outcome: LintResult | InputError, path: Path, content: bytes) -> None:
    """Every position reported points into the file: its name, 1 <= line <= lines, column >= 1 —
    or line lines + 1, column 1: libyaml puts the end of a stream that lacks a final line break on
    a line of its own, so a syntax error at the end of such a file is reported just past it."""
    try:
        lines = len(YAML_LINE_BREAK.findall(content.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))) + 1
    except UnicodeDecodeError:
        lines = content.count(b"\n") + 1
    if isinstance(outcome, InputError):
        spans = [outcome.span] if outcome.span else []
    else:
        spans = [f.span for f in outcome.findings]
    for span in spans:
        assert span.file == str(path)
        inside = 1 <= span.line <= lines and span.column >= 1
        at_end = span.line == lines + 1 and span.column == 1
        assert inside or at_end, f"{span} outside a file of {lines} line(s)"


def check_file(base: Path, content: bytes, name: str = "policy.yaml", cli: bool = True) -> LintResult | InputError:
    with tempfile.TemporaryDirectory(dir=base) as root:
        path = Path(root) / name
        path.write_bytes(content)
        outcome = lint_or_input_error(path)
        assert_spans_in_file(outcome, path, content)
        if cli:
            assert_cli_agrees(path, outcome)
        elif isinstance(outcome, LintResult):
            text.render(outcome)
            json_format.render(outcome)
        return outcome


# -- random input ----------------------------------------------------------------------------------

YAML_PUNCTUATION = ":-[]{}&*!|>'\"#%@` \n\t,?~<=."
# punctuation, a few letters and digits, and the odd characters YAML treats specially (NEL and LS
# are line breaks, a BOM, a lone CR)
YAMLISH_ALPHABET = (*YAML_PUNCTUATION, *"abzAZ019_", "é", "网", "\u2028", "\x85", "\ufeff", "\r")
YAMLISH = st.text(alphabet=st.sampled_from(YAMLISH_ALPHABET), max_size=120)

# the policy's vocabulary, so that random documents get past "unknown key" into validation and build
VOCABULARY = (
    *SECTION_ORDER,
    "id",
    "name",
    "zh",
    "en",
    "parent",
    "tier",
    "unit",
    "kind",
    "role",
    "items",
    "powers",
    "power",
    "scope",
    "units",
    "requires",
    "handle",
    "dimensions",
    "resources",
    "levels",
    "escalation",
    "returns",
    "from",
    "to",
    "basis",
    "dispatch",
    "assessor",
    "assessed",
    "adds_to",
    "quotas",
    "metric",
    "min",
    "add",
    "applies_to",
    "start",
    "end",
    "waived_during",
    "lists",
    "categories",
    "co_handlers",
    "coverage",
    "funding",
    "cost",
    "mobilises",
    "owner",
    "issued_by",
    "valid",
    "stated",
    "sent_by",
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(VOCABULARY),
    st.sampled_from(
        (
            "08:30",
            "24:00",
            "2024-02-30",
            "t0",
            "grid",
            "handle",
            "line",
            "full",
            "assigned_tier",
            "coordination",
            "<<",
            "~",
            "0o17",
            "0x1F",
            ".inf",
            "yes",
        )
    ),
)
KEYS = st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=8))


def _containers(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4))


NESTED = st.recursive(SCALARS, _containers, max_leaves=25)
DOCUMENTS = st.one_of(NESTED, st.dictionaries(st.sampled_from(SECTION_ORDER), NESTED, max_size=4))


@fuzz(120)
@given(content=st.binary(max_size=300))
def test_random_bytes(fuzzdir, content):
    """Random bytes: lint_paths returns a result or raises InputError; the CLI exits 0, 1 or 2."""
    check_file(fuzzdir, content)


@fuzz(150)
@given(yamlish=YAMLISH)
def test_random_yamlish_text(fuzzdir, yamlish):
    """Random text rich in YAML punctuation: a result or InputError; the CLI exits 0, 1 or 2."""
    check_file(fuzzdir, yamlish.encode("utf-8"), cli=False)
    check_file(fuzzdir, ("tiers:\n  - " + yamlish).encode("utf-8"))


@fuzz(100)
@given(documents=st.lists(DOCUMENTS, min_size=1, max_size=3), style=st.sampled_from(("block", "flow")))
def test_dumped_random_structures(fuzzdir, documents, style):
    """yaml.safe_dump of random nested dicts/lists/scalars (keys from the policy's vocabulary or
    not; one or several documents): a result or InputError, the CLI exits 0, 1 or 2."""
    dumped = yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True, default_flow_style=(style == "flow"))
    check_file(fuzzdir, dumped.encode("utf-8"))


# -- mutated valid policies --------------------------------------------------------------------------


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


def _ids(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id" and isinstance(value, str):
                found.append(value)
            found += _ids(value)
    elif isinstance(node, list):
        for value in node:
            found += _ids(value)
    return found


@st.composite
def mutated_policies(draw) -> dict:
    """A valid policy with 1-3 random edits: a value replaced by random data or by another declared
    id (re-pointing references: tier cycles, second roots, adds_to loops...), a key deleted, or a
    list entry duplicated (duplicate ids)."""
    policy = copy.deepcopy(draw(policies(max_items=6)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(policy)
        path = draw(st.sampled_from(paths))
        *parent_path, last = path
        parent: Any = policy
        for step in parent_path:
            parent = parent[step]
        op = draw(st.sampled_from(("replace", "repoint", "delete", "duplicate")))
        ids = _ids(policy)
        if op == "replace":
            parent[last] = draw(NESTED)
        elif op == "repoint" and ids:
            parent[last] = draw(st.sampled_from(ids))
        elif op == "delete":
            del parent[last]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
    return policy


@fuzz(40)
@given(policy=mutated_policies(), split=st.sampled_from((None, "sections")))
def test_mutated_policies(fuzzdir, policy, split):
    """A valid policy with random edits (which may break the schema, references, the tier tree or
    only re-point references so that the checks run on odd shapes): a result or InputError; the CLI
    exits 0, 1 or 2."""
    with tempfile.TemporaryDirectory(dir=fuzzdir) as root:
        dump(policy, root, split)
        outcome = lint_or_input_error(root)
        assert_cli_agrees(Path(root), outcome, ("text", "json"))


# -- explicit cases ----------------------------------------------------------------------------------


def run_case(base: Path, content: bytes | str, name: str = "policy.yaml"):
    """(API outcome, CLI result) for one file holding `content`."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    root = Path(tempfile.mkdtemp(dir=base))
    path = root / name
    path.write_bytes(raw)
    return path, lint_or_input_error(path), invoke(str(path))


def assert_input_error(path: Path, outcome, cli, *fragments: str) -> None:
    assert isinstance(outcome, InputError), f"expected InputError, got {outcome!r}"
    assert cli.exit_code == 2, cli.output
    assert isinstance(cli.exception, SystemExit)
    message = stderr_of(cli)
    for fragment in fragments:
        assert fragment in message, message


def assert_findings(outcome, cli, code: str) -> None:
    assert isinstance(outcome, LintResult), f"expected a result, got {outcome!r}"
    assert code in [f.code for f in outcome.findings]
    assert cli.exit_code == 1, cli.output
    assert cli.exception is None or isinstance(cli.exception, SystemExit)


def test_empty_file(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, b"")
    assert_input_error(path, outcome, cli, f"{path}:1:1", "empty file")


def test_whitespace_only_file(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, " \n\t\n\n")
    assert_input_error(path, outcome, cli, "empty file")


def test_only_comments(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, "# a policy\n# to be written\n\n   # indented\n")
    assert_input_error(path, outcome, cli, f"{path}:1:1", "no YAML document")


def test_only_document_markers(fuzzdir):
    """`---` alone is a document holding null: a schema violation, not a crash."""
    _path, _outcome, cli = run_case(fuzzdir, "---\n...\n")
    assert cli.exit_code in (1, 2) and (cli.exception is None or isinstance(cli.exception, SystemExit))


def test_non_utf8_bytes(fuzzdir):
    """Latin-1 text: exit 2, and the message points at file:line:col of the first bad byte."""
    path, outcome, cli = run_case(fuzzdir, "tiers:\n  - id: caf\u00e9\n".encode("latin-1"))
    assert_input_error(path, outcome, cli, f"{path}:2:12", "not UTF-8", "0xe9")
    assert outcome.span is not None and (outcome.span.line, outcome.span.column) == (2, 12)


def test_utf16_file(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, "tiers: []\n".encode("utf-16"))
    assert_input_error(path, outcome, cli, f"{path}:1:1", "not UTF-8")


def test_utf8_bom_is_accepted(fuzzdir):
    _path, outcome, cli = run_case(fuzzdir, b"\xef\xbb\xbfpolicy: {id: p}\ntiers:\n  - {id: t, name: {en: T}}\n")
    assert isinstance(outcome, LintResult) and outcome.findings == []
    assert cli.exit_code == 0, cli.output


def test_nul_byte(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, b"tiers:\n  - id: a\x00b\n")
    assert_input_error(path, outcome, cli, f"{path}:2:10", "NUL")


BILLION_LAUGHS = (
    "\n".join(
        ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    )
    + "\n"
)


def test_billion_laughs(fuzzdir):
    """9^9 expanded nodes: refused with exit 2, quickly, naming aliases."""
    start = time.perf_counter()
    path, outcome, cli = run_case(fuzzdir, BILLION_LAUGHS)
    assert time.perf_counter() - start < 10
    assert_input_error(path, outcome, cli, "alias")


def test_recursive_alias(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, "a: &a [*a]\n")
    assert_input_error(path, outcome, cli, f"{path}:1:8", "alias")


def test_recursive_alias_in_mapping(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, "tiers: &t\n  - id: x\n    name: *t\n")
    assert_input_error(path, outcome, cli, "alias")


def test_merge_key_is_refused_as_schema_error(fuzzdir):
    _path, outcome, cli = run_case(fuzzdir, "base: &b {id: t, name: {en: T}}\ntiers:\n  - <<: *b\n")
    assert_findings(outcome, cli, "PE002")


def test_top_level_list(fuzzdir):
    _path, outcome, cli = run_case(fuzzdir, "- tiers: []\n- items: []\n")
    assert_findings(outcome, cli, "PE002")
    assert "a list" in outcome.findings[0].message


def test_top_level_scalar(fuzzdir):
    for scalar in ("just a string\n", "42\n", "null\n", "true\n", "'08:30'\n"):
        _path, outcome, cli = run_case(fuzzdir, scalar)
        assert_findings(outcome, cli, "PE002")


def assert_no_crash(outcome, cli) -> None:
    """A result or InputError from the API; exit 1 or 2 and no exception but SystemExit from the CLI."""
    assert isinstance(outcome, (LintResult, InputError)), repr(outcome)
    assert cli.exception is None or isinstance(cli.exception, SystemExit), repr(cli.exception)
    assert cli.exit_code in (1, 2), cli.output


DEEP = 5000


def test_unclosed_deep_flow_nesting(fuzzdir):
    """5,000 unclosed `[`: a syntax error or a refusal, not a crash."""
    _path, outcome, cli = run_case(fuzzdir, "[" * DEEP)
    assert_no_crash(outcome, cli)


def test_deep_flow_nesting(fuzzdir):
    """5,000 balanced levels of `[...]` (the loader's walk is recursive: once a RecursionError,
    now refused with InputError): no RecursionError, exit 1 or 2."""
    _path, outcome, cli = run_case(fuzzdir, "[" * DEEP + "]" * DEEP)
    assert_no_crash(outcome, cli)


def test_deep_flow_mapping_nesting(fuzzdir):
    _path, outcome, cli = run_case(fuzzdir, "{a: " * DEEP + "1" + "}" * DEEP)
    assert_no_crash(outcome, cli)


def test_deep_block_nesting(fuzzdir):
    """2,000 levels of block sequences (`-` on ever deeper lines) under a real section."""
    _path, outcome, cli = run_case(fuzzdir, "tiers:\n" + "".join("  " * (i + 1) + "-\n" for i in range(2000)))
    assert_no_crash(outcome, cli)


def test_deep_nesting_through_aliases(fuzzdir):
    """Depth reached through aliases rather than text: 1,200 anchors each wrapping the previous."""
    lines = ["a0: &a0 [1]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 1200)]
    _path, outcome, cli = run_case(fuzzdir, "\n".join(lines) + "\n")
    assert_no_crash(outcome, cli)


def test_moderate_nesting_is_fine(fuzzdir):
    """Nesting a policy could plausibly have (30 levels) lints: a PE002 at the section."""
    _path, outcome, cli = run_case(fuzzdir, "tiers: " + "[" * 30 + "]" * 30 + "\n")
    assert_findings(outcome, cli, "PE002")


def test_syntax_error_position(fuzzdir):
    """A syntax error found by the scanner is reported at its line:column (PE001)."""
    _path, outcome, cli = run_case(fuzzdir, "tiers:\n  - id: a\n    name: {en: [x}\n")
    assert_findings(outcome, cli, "PE001")
    assert (outcome.findings[0].span.line, outcome.findings[0].span.column) == (3, 18)


def test_control_character_position(fuzzdir):
    """A control character (BEL) at line 3, column 18: PE001 there (the YAML reader's error has no
    mark, only an offset; it was once reported at 1:1)."""
    _path, outcome, cli = run_case(fuzzdir, 'tiers:\n  - id: a\n    name: {en: "x\x07"}\n')
    assert_findings(outcome, cli, "PE001")
    assert (outcome.findings[0].span.line, outcome.findings[0].span.column) == (3, 18)


def test_control_character_position_after_non_ascii(fuzzdir):
    """The control character's PE001 column counts characters, as every other column does."""
    _path, outcome, cli = run_case(fuzzdir, 'tiers:\n  - id: a\n    name: {zh: "网格网格", en: "x\x07"}\n')
    assert_findings(outcome, cli, "PE001")
    assert (outcome.findings[0].span.line, outcome.findings[0].span.column) == (3, 30)


def test_long_flat_list_without_aliases_is_not_an_alias_bomb(fuzzdir):
    """100,500 strings in one list, no anchor or alias anywhere: linted (one PE002 for the list's
    unknown key), not refused as an alias bomb."""
    values = ", ".join(f"c{k}" for k in range(100_500))
    _path, outcome, cli = run_case(
        fuzzdir, f"policy: {{id: p}}\ntiers:\n  - {{id: t, name: {{en: T}}}}\nextras: [{values}]\n"
    )
    assert isinstance(outcome, LintResult), f"refused: {outcome}"
    assert [f.code for f in outcome.findings] == ["PE002"]
    assert cli.exit_code == 1, cli.output


def test_directory_without_yaml_files(fuzzdir):
    root = Path(tempfile.mkdtemp(dir=fuzzdir))
    (root / "README.txt").write_text("no policy here\n", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.yaml").write_text("tiers: []\n", encoding="utf-8")
    assert isinstance(lint_or_input_error(root), InputError)
    cli = invoke(str(root))
    assert cli.exit_code == 2 and isinstance(cli.exception, SystemExit)
    assert "no policy files" in stderr_of(cli)


def test_nonexistent_path(fuzzdir):
    missing = fuzzdir / "does-not-exist" / "policy.yaml"
    assert isinstance(lint_or_input_error(missing), InputError)
    cli = invoke(str(missing))
    assert cli.exit_code == 2 and isinstance(cli.exception, SystemExit)
    assert "no such file or directory" in stderr_of(cli)


def test_valid_policy_through_the_cli(fuzzdir):
    """The fuzz harness itself: a tiny valid policy exits 0 with an empty JSON findings list."""
    root = Path(tempfile.mkdtemp(dir=fuzzdir))
    (root / "p.yaml").write_text(
        to_yaml({"policy": {"id": "p"}, "tiers": [{"id": "t", "name": {"en": "T"}}]}), encoding="utf-8"
    )
    cli = invoke(str(root), "--format", "json")
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)["findings"] == []

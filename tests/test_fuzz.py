"""Fuzzing the front end: whatever bytes a policy file holds, linting either returns a result or
raises InputError, and the CLI exits 0, 1 or 2 without a traceback.

Inputs: random bytes, random YAML-ish text, YAML dumps of random nested data (with and without
the policy's own vocabulary of keys), mutated valid policies, and explicit hostile cases (alias
bombs, recursive aliases, deep nesting, non-UTF-8, NUL, empty files, missing paths).
"""

from __future__ import annotations

import json
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

from .strategies import SECTION_ORDER, dump, policies, to_yaml

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
            f"CLI crashed: {result.exception!r}")
        assert result.exit_code in (0, 1, 2)
        if isinstance(outcome, InputError):
            assert result.exit_code == 2
            assert str(outcome.en) in stderr_of(result)
        else:
            assert result.exit_code == (1 if outcome.findings else 0)
            if fmt == "json":
                assert len(json.loads(result.stdout)["findings"]) == len(outcome.findings)


def check_file(base: Path, content: bytes, name: str = "policy.yaml", cli: bool = True) -> LintResult | InputError:
    with tempfile.TemporaryDirectory(dir=base) as root:
        path = Path(root) / name
        path.write_bytes(content)
        outcome = lint_or_input_error(path)
        if isinstance(outcome, LintResult):
            assert all(f.span.file == str(path) for f in outcome.findings)
        if cli:
            assert_cli_agrees(path, outcome)
        elif isinstance(outcome, LintResult):
            text.render(outcome)
            json_format.render(outcome)
        return outcome


# -- random input ----------------------------------------------------------------------------------

YAML_PUNCTUATION = ":-[]{}&*!|>'\"#%@` \n\t,?~<=."
YAMLISH = st.text(alphabet=st.sampled_from(tuple(YAML_PUNCTUATION) + tuple("abzAZ019_") + ("é", "网", "\u2028", "\x85",
                                                                                          "\ufeff", "\r")),
                  max_size=120)

# the policy's vocabulary, so that random documents get past "unknown key" into validation and build
VOCABULARY = (*SECTION_ORDER, "id", "name", "zh", "en", "parent", "tier", "unit", "kind", "role", "items",
              "powers", "power", "scope", "units", "requires", "handle", "dimensions", "resources", "levels",
              "escalation", "returns", "from", "to", "basis", "dispatch", "assessor", "assessed", "adds_to",
              "quotas", "metric", "min", "add", "applies_to", "start", "end", "waived_during", "lists",
              "categories", "co_handlers", "coverage", "funding", "cost", "mobilises", "owner", "issued_by",
              "valid", "stated", "sent_by")
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(VOCABULARY),
                    st.sampled_from(("08:30", "24:00", "2024-02-30", "t0", "grid", "handle", "line", "full",
                                     "assigned_tier", "coordination", "<<", "~", "0o17", "0x1F", ".inf", "yes")))
KEYS = st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=8))
NESTED = st.recursive(SCALARS, lambda children: st.one_of(st.lists(children, max_size=4),
                                                          st.dictionaries(KEYS, children, max_size=4)),
                      max_leaves=25)
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
    dumped = yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True,
                                default_flow_style=(style == "flow"))
    check_file(fuzzdir, dumped.encode("utf-8"))


# -- mutated valid policies --------------------------------------------------------------------------

def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, prefix + (index,))
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
    import copy

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
    path, outcome, cli = run_case(fuzzdir, "---\n...\n")
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
    path, outcome, cli = run_case(fuzzdir, b"\xef\xbb\xbfpolicy: {id: p}\ntiers:\n  - {id: t, name: {en: T}}\n")
    assert isinstance(outcome, LintResult) and outcome.findings == []
    assert cli.exit_code == 0, cli.output


def test_nul_byte(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, b"tiers:\n  - id: a\x00b\n")
    assert_input_error(path, outcome, cli, f"{path}:2:10", "NUL")


BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]) + "\n"


def test_billion_laughs(fuzzdir):
    """9^9 expanded nodes: refused with exit 2, quickly, naming aliases."""
    start = time.perf_counter()
    path, outcome, cli = run_case(fuzzdir, BILLION_LAUGHS)
    assert time.perf_counter() - start < 10
    assert_input_error(path, outcome, cli, "alias")


def test_recursive_alias(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, "a: &a [*a]\n")
    assert_input_error(path, outcome, cli, f"{path}:1:4", "alias")


def test_recursive_alias_in_mapping(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, "tiers: &t\n  - id: x\n    name: *t\n")
    assert_input_error(path, outcome, cli, "alias")


def test_merge_key_is_refused_as_schema_error(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, "base: &b {id: t, name: {en: T}}\ntiers:\n  - <<: *b\n")
    assert_findings(outcome, cli, "PE002")


def test_top_level_list(fuzzdir):
    path, outcome, cli = run_case(fuzzdir, "- tiers: []\n- items: []\n")
    assert_findings(outcome, cli, "PE002")
    assert "a list" in outcome.findings[0].message


def test_top_level_scalar(fuzzdir):
    for scalar in ("just a string\n", "42\n", "null\n", "true\n", "'08:30'\n"):
        path, outcome, cli = run_case(fuzzdir, scalar)
        assert_findings(outcome, cli, "PE002")


def test_unclosed_deep_flow_nesting(fuzzdir):
    """5,000 unclosed `[`: a syntax error (PE001), not a crash."""
    path, outcome, cli = run_case(fuzzdir, "[" * 5000)
    assert_findings(outcome, cli, "PE001")


DEEP = 5000
RECURSION_BUG = ("loader._Converter.convert recurses once per nesting level: a document nested about 990 "
                 "levels deep (default recursion limit 1000) raises RecursionError instead of a finding or "
                 "InputError, and the CLI dies with a traceback")


@pytest.mark.xfail(strict=True, raises=RecursionError, reason=RECURSION_BUG)
def test_deep_flow_nesting_api(fuzzdir):
    """5,000 levels of `[...]`, balanced: a result or InputError, never RecursionError."""
    path = Path(tempfile.mkdtemp(dir=fuzzdir)) / "deep.yaml"
    path.write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    lint_or_input_error(path)


@pytest.mark.xfail(strict=True, raises=RecursionError, reason=RECURSION_BUG)
def test_deep_block_nesting_api(fuzzdir):
    """2,000 levels of block sequences (`- - - ...` on indented lines) under a real section."""
    path = Path(tempfile.mkdtemp(dir=fuzzdir)) / "deep.yaml"
    path.write_text("tiers:\n" + "".join("  " * (i + 1) + "-\n" for i in range(2000)), encoding="utf-8")
    lint_or_input_error(path)


@pytest.mark.xfail(strict=True, reason=RECURSION_BUG)
def test_deep_nesting_cli(fuzzdir):
    """The CLI on 5,000 balanced levels: exit 0, 1 or 2, no exception other than SystemExit."""
    path = Path(tempfile.mkdtemp(dir=fuzzdir)) / "deep.yaml"
    path.write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    cli = invoke(str(path))
    assert cli.exception is None or isinstance(cli.exception, SystemExit), repr(cli.exception)
    assert cli.exit_code in (0, 1, 2)


def test_moderate_nesting_is_fine(fuzzdir):
    """Nesting well inside the recursion limit (200 levels) lints: a PE002 at the section."""
    path, outcome, cli = run_case(fuzzdir, "tiers: " + "[" * 200 + "]" * 200 + "\n")
    assert_findings(outcome, cli, "PE002")


PE001_POSITION_BUG = ("loader.load_text reports a PE001 raised by the YAML reader (yaml.reader.ReaderError: a "
                      "control character) at 1:1, although the error carries the offset (`position`) of the "
                      "character; check-semantics.md puts PE001 at the parser's line:column")


def test_syntax_error_position(fuzzdir):
    """A syntax error found by the scanner is reported at its line:column (PE001)."""
    path, outcome, cli = run_case(fuzzdir, "tiers:\n  - id: a\n    name: {en: [x}\n")
    assert_findings(outcome, cli, "PE001")
    assert (outcome.findings[0].span.line, outcome.findings[0].span.column) == (3, 18)


@pytest.mark.xfail(strict=True, reason=PE001_POSITION_BUG)
def test_control_character_position(fuzzdir):
    """A control character (BEL) at line 3, column 18: PE001 there, not at 1:1."""
    path, outcome, cli = run_case(fuzzdir, 'tiers:\n  - id: a\n    name: {en: "x\x07"}\n')
    assert_findings(outcome, cli, "PE001")
    assert (outcome.findings[0].span.line, outcome.findings[0].span.column) == (3, 18)


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
    (root / "p.yaml").write_text(to_yaml({"policy": {"id": "p"}, "tiers": [{"id": "t", "name": {"en": "T"}}]}),
                                 encoding="utf-8")
    cli = invoke(str(root), "--format", "json")
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)["findings"] == []

"""Configuration found from the linted path upward, and its errors at file:line:column."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.config import discover, load_config
from policyengine.errors import ConfigError

from .test_cli import ONE_WARNING, run
from .util import write_policy


@pytest.fixture
def tree(tmp_path):
    """project/ (config goes here) > policies/ > p/ (the policy, one PE101 warning)."""
    root = write_policy(tmp_path / "project" / "policies" / "p", ONE_WARNING)
    return tmp_path / "project", root


def severity_of_pe101(root, *args) -> tuple[int, str]:
    result = run("lint", str(root), "--format", "json", *args)
    findings = json.loads(result.output)["findings"] if result.exit_code != 2 else []
    return result.exit_code, findings[0]["severity"] if findings else "-"


def test_policyengine_toml_two_levels_up_is_found(tree):
    project, root = tree
    (project / "policyengine.toml").write_text('[severity]\nPE101 = "info"\n')
    assert severity_of_pe101(root) == (0, "info")
    assert discover(root) == project / "policyengine.toml"
    assert discover(root / "p.yaml") == project / "policyengine.toml"  # from a file: its directory


def test_pyproject_tool_table_is_found_and_one_without_it_is_passed_over(tree):
    project, root = tree
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.policyengine]\nfail-level = "error"\n')
    (project / "policies" / "pyproject.toml").write_text('[project]\nname = "policies"\n')  # not ours
    assert discover(root) == project / "pyproject.toml"
    assert severity_of_pe101(root) == (0, "warning")  # still reported, below the fail level


def test_nearest_wins_and_policyengine_toml_beats_pyproject_in_one_directory(tree):
    project, root = tree
    (project / "policyengine.toml").write_text('ignore = ["PE101"]\n')
    (project / "policies" / "pyproject.toml").write_text('[tool.policyengine]\nseverity = {PE101 = "error"}\n')
    assert severity_of_pe101(root) == (1, "error")
    (project / "policies" / "policyengine.toml").write_text('[severity]\nPE101 = "info"\n')
    assert severity_of_pe101(root) == (0, "info")


def test_isolated_and_explicit_config(tree, tmp_path):
    project, root = tree
    (project / "policyengine.toml").write_text('[severity]\nPE101 = "info"\n')
    assert severity_of_pe101(root, "--isolated") == (1, "warning")
    other = tmp_path / "strict.toml"
    other.write_text('[severity]\nPE101 = "error"\n')
    assert severity_of_pe101(root, "--config", str(other)) == (1, "error")
    both = run("lint", str(root), "--config", str(other), "--isolated")
    assert both.exit_code == 2 and "--config and --isolated exclude each other" in both.output


def test_thresholds_from_a_discovered_file(tree):
    project, _root = tree
    (project / "policyengine.toml").write_text("[thresholds.PE105]\nratio = 1.5\nmin_items = 1\n")
    assert load_config(project / "policyengine.toml").thresholds_of("PE105") == {"ratio": 1.5, "min_items": 1}


@pytest.mark.parametrize(
    "text, where, message",
    [
        (
            "selct = ['PE1']\n",
            "1:1",
            "unknown key 'selct' (known: fail-level, ignore, select, severity, thresholds); did you mean 'select'?",
        ),
        (
            "# strict\n[thresholds.PE101]\nmax_cohandler = 3\n",
            "3:1",
            "PE101 has no threshold 'max_cohandler' (known: max_co_handler_coverage)",
        ),
        ('select = [\n  "PE1",\n  "PX9",\n]\n', "3:3", "select: unknown check code 'PX9'"),
        (
            '[severity]\nPE101 = "info"\nPE102 = "loud"\n',
            "3:1",
            "severity of PE102 must be error, warning or info, not 'loud'",
        ),
        (
            'severity = { PE101 = "info", PE001 = "info" }\n',
            "1:30",
            "the severity of PE001 cannot change: structural errors are always errors",
        ),
        ('fail-level = "sometimes"\n', "1:1", "fail-level must be error, warning or info, not 'sometimes'"),
        ("[thresholds]\nPE105.ratio = -2\n", "2:15", "PE105.ratio must be a number from 0 to 1,000,000,000, not -2"),
        ("select = = 1\n", "1:10", "not valid TOML: Invalid value"),
    ],
)
def test_errors_name_the_file_line_and_column(tree, text, where, message):
    project, root = tree
    (project / "policyengine.toml").write_text(text)
    result = run("lint", str(root))
    assert result.exit_code == 2
    assert result.output == f"policyengine: {project / 'policyengine.toml'}:{where}: {message}\n"


def test_errors_in_pyproject_point_into_the_tool_table(tree):
    project, root = tree
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.policyengine]\nignore = ["PE1", "PQ"]\n')
    result = run("lint", str(root), "--lang", "zh")
    assert result.exit_code == 2
    assert result.output == f"policyengine: {project / 'pyproject.toml'}:5:18: ignore:未知的检查代码“PQ”\n"


def test_a_broken_pyproject_of_another_tool_is_not_ours(tree):
    project, root = tree
    (project / "pyproject.toml").write_text("[project\n")
    assert discover(root) is None
    assert run("lint", str(root)).exit_code == 1


def test_load_config_error_carries_a_span(tmp_path):
    path = tmp_path / "policyengine.toml"
    path.write_text("\n\n[thresholds.PE999]\nx = 1\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.span is not None and (info.value.span.line, info.value.span.column) == (3, 2)


def test_dot_dot_in_the_path_does_not_pass_through_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    write_policy(tmp_path / "b" / "p", ONE_WARNING)
    (tmp_path / "a" / "policyengine.toml").write_text('ignore = ["PE101"]\n')
    monkeypatch.chdir(tmp_path / "a")
    assert discover("../b/p") is None
    assert run("lint", "../b/p").exit_code == 1  # a/policyengine.toml does not govern b/


def test_a_discovered_file_is_named_relative_to_the_current_directory(tree, monkeypatch):
    project, _root = tree
    (project / "policyengine.toml").write_text("fail-level = 'loud'\n")
    monkeypatch.chdir(project)
    result = run("lint", "policies/p")
    assert result.output == (
        "policyengine: policyengine.toml:1:1: fail-level must be error, warning or info, not 'loud'\n"
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ("[tool]\npolicyengine = 3\n", "pyproject.toml:2:1: tool.policyengine must be a table"),
        ("tool = 3\n", "pyproject.toml:1:1: tool must be a table"),
    ],
)
def test_a_tool_table_that_is_not_a_table(tmp_path, text, message):
    root = write_policy(tmp_path / "p", ONE_WARNING)
    (tmp_path / "pyproject.toml").write_text(text)
    result = run("lint", str(root), "--config", str(tmp_path / "pyproject.toml"))
    assert result.exit_code == 2 and result.output == f"policyengine: {tmp_path}/{message}\n"


def test_a_threshold_entry_that_is_not_a_table_and_toml_cut_short(tree):
    project, root = tree
    (project / "policyengine.toml").write_text("thresholds = {PE101 = 3}\n")
    assert run("lint", str(root)).output == (
        f"policyengine: {project / 'policyengine.toml'}:1:15: thresholds.PE101 must be a table of thresholds, "
        "e.g. [thresholds.PE101] with name = value\n"
    )
    (project / "policyengine.toml").write_text("select = [\n  'PE1',\n")
    assert run("lint", str(root)).output.startswith(
        f"policyengine: {project / 'policyengine.toml'}:3:1: not valid TOML"
    )


KEYS = st.sampled_from(
    [
        "select",
        "ignore",
        "severity",
        "thresholds",
        "fail-level",
        "selct",
        "PE101",
        "PE105",
        "ratio",
        "min_items",
        "max_co_handler_coverage",
        "stakes",
        "x-y",
        "PE999",
    ]
)
VALUES = st.one_of(
    st.integers(-3, 9),
    st.sampled_from(['"warning"', '"loud"', '["PE1"]', '["PX"]', "true", '"PE1, PE3"', "{PE101 = 1}", "1.5"]),
)
TABLE = st.dictionaries(KEYS, VALUES, max_size=3)


def toml_text(top: dict, tables: dict) -> str:
    lines = [f"{k} = {v}" for k, v in top.items()]
    for name, body in tables.items():
        lines.append(f"[{name}]")
        lines += [f"{k} = {v}" for k, v in body.items()]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(
    top=TABLE,
    tables=st.dictionaries(
        st.sampled_from(
            ["severity", "thresholds.PE101", "thresholds.PE105", "thresholds", "other", "thresholds.PE303"]
        ),
        TABLE,
        max_size=3,
    ),
)
def test_any_configuration_loads_or_fails_at_a_position_inside_the_file(tmp_path_factory, top, tables):
    """Whatever the TOML says, loading gives a configuration or a ConfigError located in the file."""
    text = toml_text(top, tables)
    path = tmp_path_factory.mktemp("c") / "policyengine.toml"
    path.write_text(text)
    try:
        load_config(path)
    except ConfigError as error:
        assert error.span is not None and error.span.file == str(path)
        lines = text.split("\n")
        assert 1 <= error.span.line <= len(lines)
        assert 1 <= error.span.column <= len(lines[error.span.line - 1]) + 1
        assert error.render("zh") != error.render("en")


def _dangling(path):
    path.symlink_to("gone.toml")


def _loop(path):
    path.symlink_to(path.name)


def _fifo(path):
    os.mkfifo(path)


@pytest.mark.parametrize(
    "make, said",
    [
        (_dangling, "a symbolic link to gone.toml, which does not exist"),
        (_loop, "a loop of symbolic links"),
        (_fifo, "a named pipe (FIFO), not a regular file"),
        (lambda path: path.mkdir(), "a directory, not a regular file"),
    ],
    ids=["dangling link", "link loop", "fifo", "directory"],
)
def test_a_policyengine_toml_that_is_no_file_is_one_line_not_passed_over(tree, make, said):
    """It was skipped without a word, and the policy linted with the configuration above it (here: a
    pyproject.toml that makes PE101 info) or the defaults."""
    project, root = tree
    (project.parent / "pyproject.toml").write_text('[tool.policyengine.severity]\nPE101 = "info"\n')
    make(project / "policyengine.toml")
    result = run("lint", str(root))
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: {project / 'policyengine.toml'}: {said}\n"
    assert run("lint", str(root), "--isolated").exit_code == 1  # --isolated reads none, so finds none

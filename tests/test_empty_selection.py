"""A selection that names no check — `--select ""`, `select = []` — would run none and pass every
policy: it is one line, exit 2. An empty ignore skips nothing and is accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.config import load_config
from policyengine.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
ASSESSMENT = str(ROOT / "examples" / "assessment")
EN = "selects no check; name codes or prefixes (PE1, PE301), or leave out {0} to run every check"
ZH = "未选择任何检查;请写明代码或前缀(如 PE1、PE301),如需运行全部检查,请删去 {0}"
# what separates codes in a selection, and nothing else: every such text names no code
EMPTY = st.lists(st.text(st.sampled_from(", \t"), max_size=4), min_size=1, max_size=3)


@settings(max_examples=20, deadline=None)
@given(values=EMPTY)
def test_a_command_line_selection_of_nothing_is_one_line_and_exit_2(values):
    args = [a for v in values for a in ("--select", v)]
    for lang, said in (("en", EN), ("zh", ZH)):
        result = CliRunner().invoke(main, ["lint", ASSESSMENT, "--isolated", "--lang", lang, *args])
        assert result.exit_code == 2
        separator = ": " if lang == "en" else ":"
        assert result.output == f"policyengine: --select{separator}{said.format('--select')}\n"


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ("select = []\n", (1, 10)),
        ('fail-level = "error"\nselect = ", "\n', (2, 10)),
        ('select = [\n  "",\n  " ",\n]\n', (1, 10)),
    ],
)
def test_a_configured_selection_of_nothing_is_one_line_at_its_value(tmp_path, toml, where):
    path = tmp_path / "policyengine.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.span.file, caught.value.span.line, caught.value.span.column) == (str(path), *where)
    assert caught.value.text("en") == "select: " + EN.format("select")
    assert caught.value.text("zh") == "select:" + ZH.format("select")


def test_an_empty_ignore_skips_nothing(tmp_path):
    path = tmp_path / "policyengine.toml"
    path.write_text("ignore = []\n", encoding="utf-8")
    assert load_config(path).ignore == frozenset()
    every = CliRunner().invoke(main, ["lint", ASSESSMENT, "--isolated"])
    ignored = CliRunner().invoke(main, ["lint", ASSESSMENT, "--isolated", "--ignore", ""])
    assert ignored.exit_code == every.exit_code == 1 and ignored.output == every.output

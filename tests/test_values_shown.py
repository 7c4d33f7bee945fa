"""A value a message quotes is shown as the user wrote it — YAML's `null`, `true`, `.inf`, a date as
YYYY-MM-DD; TOML's `true`, `inf` — never as Python spells it (`None`, `True`, `datetime.date(…)`)."""

from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyengine.messages import Message, shown, written
from policyengine.messages.catalogue import render

from .util import lint_files

# a YAML scalar as the user may write it, and how a message shows it
SCALARS = [
    ("null", "null"),
    ("~", "null"),
    ("Null", "null"),
    ("true", "true"),
    ("False", "false"),
    ("TRUE", "true"),
    ("1.5", "1.5"),
    ("2.5e-1", "0.25"),
    ("abc", "'abc'"),
    ('"2024-01-01"', "'2024-01-01'"),
]
VALUES = st.recursive(
    st.sampled_from(SCALARS),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(
            lambda xs: ("[" + ", ".join(x for x, _ in xs) + "]", "[" + ", ".join(s for _, s in xs) + "]")
        ),
        st.lists(st.tuples(st.sampled_from("abc"), inner), min_size=1, max_size=2, unique_by=lambda kv: kv[0]).map(
            lambda kvs: (
                "{" + ", ".join(f"{k}: {x}" for k, (x, _) in kvs) + "}",
                "{" + ", ".join(f"'{k}': {s}" for k, (_, s) in kvs) + "}",
            )
        ),
    ),
    max_leaves=4,
)


@given(value=VALUES)
def test_a_value_the_schema_refuses_is_quoted_as_yaml_writes_it(tmp_path_factory, value):
    text, expected = value
    files = {"p.yaml": f"tiers:\n  - {{id: d, name: {{en: D}}, count: {text}}}\n"}
    result = lint_files(tmp_path_factory.mktemp("p"), files)
    said = [f.message for f in result.findings if f.code == "PE002"]
    cut = expected if len(expected) <= 40 else expected[:39] + "…"
    assert said == [f"{cut} is not of type integer"]


@pytest.mark.parametrize(
    ("value", "yaml", "toml"),
    [
        (None, "null", "null"),
        (True, "true", "true"),
        (False, "false", "false"),
        (math.inf, ".inf", "inf"),
        (-math.inf, "-.inf", "-inf"),
        (math.nan, ".nan", "nan"),
        (datetime.date(2024, 1, 1), "2024-01-01", "2024-01-01"),
        (datetime.datetime(2024, 1, 1, 8, 30), "2024-01-01T08:30:00", "2024-01-01T08:30:00"),
        (datetime.time(8, 30), "08:30:00", "08:30:00"),
        ({"a": [None, 1]}, "{'a': [null, 1]}", "{'a' = [null, 1]}"),
        ("it's", '"it\'s"', '"it\'s"'),
    ],
)
def test_a_value_is_written_in_the_language_it_came_in(value, yaml, toml):
    assert (written(value), written(value, toml=True)) == (yaml, toml)
    assert shown(value) == yaml


def test_a_template_never_shows_a_python_repr_whether_by_str_or_repr():
    # `testing.exit_form` quotes its value with `!r`; a list in a template by `{x}`
    for value, said in [(True, "true"), (None, "null"), (datetime.date(2024, 1, 1), "2024-01-01")]:
        assert render(Message("testing.exit_form", {"value": value}), "en") == f"`exit` must be 0 or 1, not {said}"
        assert render(Message("testing.exit_form", {"value": value}), "zh") == f"`exit` 必须是 0 或 1,而不是 {said}"
    assert render(Message("testing.exit_form", {"value": math.inf}), "en") == "`exit` must be 0 or 1, not .inf"

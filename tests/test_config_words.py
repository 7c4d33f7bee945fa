"""A list threshold takes words of a closed vocabulary (the effects a ranking puts at stake, what happens
to an event): a word outside it would match nothing and turn its check off, so it is refused in one
line at the word, with the closest word offered."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.checks import CATALOGUE
from policyengine.cli import main
from policyengine.config import load_config
from policyengine.errors import ConfigError
from policyengine.messages.common import MESSAGES as COMMON
from policyengine.vocabulary import EFFECTS, EVENTS

ROOT = Path(__file__).resolve().parent.parent
ASSESSMENT = str(ROOT / "examples" / "assessment")
# every list threshold of every check, read from the checks: a new one is tested as it is added
WORD_THRESHOLDS = [
    (code, name)
    for code, check in CATALOGUE.items()
    for name, default in check.thresholds.items()
    if isinstance(default, tuple)
]


def test_the_list_thresholds_are_found():
    assert ("PE303", "stakes") in WORD_THRESHOLDS and ("PE304", "events") in WORD_THRESHOLDS


@pytest.mark.parametrize("threshold", WORD_THRESHOLDS, ids="{0[0]}.{0[1]}".format)
def test_every_list_threshold_declares_its_vocabulary_and_its_default_is_in_it(threshold):
    code, name = threshold
    words = CATALOGUE[code].words[name]
    assert words and set(CATALOGUE[code].thresholds[name]) <= set(words)


def test_the_vocabularies_are_the_schemas_and_the_catalogues():
    schema = json.loads((ROOT / "schemas" / "policy.schema.json").read_text(encoding="utf-8"))
    ranking = schema["properties"]["assessments"]["items"]["properties"]["ranking"]
    assert tuple(ranking["properties"]["consequences"]["items"]["properties"]["effect"]["enum"]) == EFFECTS
    assert {k.split(".")[-1] for k in COMMON if k.startswith("term.effect.")} == set(EFFECTS)
    # what happens to an event (PE304) and the events sent up that PE316 counts: each said in words
    sent_up = set(CATALOGUE["PE316"].words["transfer_events"])
    assert {k.split(".")[-1] for k in COMMON if k.startswith("term.event.")} == set(EVENTS) | sent_up


WORDS = st.text(st.sampled_from("abcdefilmnoprstuvwy_ R"), min_size=1, max_size=60)


@pytest.mark.parametrize("threshold", WORD_THRESHOLDS, ids="{0[0]}.{0[1]}".format)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_list_threshold_takes_its_words_or_is_one_line_at_the_first_unknown_one(tmp_path_factory, threshold, data):
    code, name = threshold
    known = CATALOGUE[code].words[name]
    values = data.draw(st.lists(st.one_of(st.sampled_from(known), WORDS), max_size=4))
    listed = ", ".join(f'"{v}"' for v in values)
    path = tmp_path_factory.mktemp("c") / "policyengine.toml"
    path.write_text(f"[thresholds.{code}]\n{name} = [{listed}]\n", encoding="utf-8")
    unknown = [v for v in values if v not in known]
    if not unknown:
        assert load_config(path).thresholds_of(code)[name] == tuple(values)
        return
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    word = unknown[0]
    said = word if len(word) <= 40 else word[:39] + "…"  # a message is one line
    column = (
        len(f"{name} = [")
        + len(", ".join(f'"{v}"' for v in values[: values.index(word)]))
        + (2 if values.index(word) else 0)
    )
    assert (caught.value.span.line, caught.value.span.column) == (2, column + 1)
    close = difflib.get_close_matches(word, known, n=1)
    en_hint = f"; did you mean '{close[0]}'?" if close else ""
    zh_hint = f";是否想写“{close[0]}”?" if close else ""
    assert caught.value.text("en") == f"{code}.{name}: unknown word '{said}' (known: {', '.join(known)}){en_hint}"
    assert caught.value.text("zh") == f"{code}.{name}:未知的取值“{said}”(可用:{'、'.join(known)}){zh_hint}"


@pytest.mark.parametrize(
    ("toml", "lang", "said"),
    [
        (
            '[thresholds.PE303]\nstakes = ["dismissal", "dismisal"]\n',
            "en",
            "policyengine.toml:2:24: PE303.stakes: unknown word 'dismisal' (known: lose_performance_pay, "
            "double_performance_pay, dismissal, funding, other, interview, warning, grade); did you mean 'dismissal'?",
        ),
        (
            '[thresholds]\nPE304.events = [\n  "returned",\n  "Returned",\n]\n',
            "zh",
            "policyengine.toml:4:3: PE304.events:未知的取值“Returned”(可用:returned、unqualified);是否想写“returned”?",
        ),
    ],
)
def test_lint_with_a_misspelt_word_exits_2_with_one_located_line(tmp_path, monkeypatch, toml, lang, said):
    (tmp_path / "policyengine.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["lint", ASSESSMENT, "--config", "policyengine.toml", "--select", "PE303,PE304", "--lang", lang]
    )
    assert result.exit_code == 2
    assert result.output == f"policyengine: {said}\n"

"""The message catalogue: every key in both languages, the same placeholders in both, every key the
code asks for present, and no text the code never asks for."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyengine.checks import CHECKS
from policyengine.messages.catalogue import TABLE, plain_number, render, template, text
from policyengine.messages.core import Bilingual, Joined, Listed, Message, Quoted, Term, msg

PACKAGE = Path(__file__).resolve().parent.parent / "policyengine"
KEY = re.compile(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+\Z")
# where a language says less, on purpose: the Chinese sentence names the escalation path, which
# starts at the tier the English names
LANGUAGE_DROPS = {
    "why.escalation.on_chain": {"tier"},
    # the Chinese names the interval in words
    "report.label.sim_intro": {"interval"},
}


def fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    en, zh = TABLE[key]
    assert isinstance(en, str) and isinstance(zh, str)
    assert (en and zh) or key == "sep.none", key
    assert fields(en) - LANGUAGE_DROPS.get(key, set()) == fields(zh), key


def test_english_words_in_the_chinese_are_the_known_few():
    """Where the Chinese template is the English one, it holds a technical token both languages share
    (a file name, a field, a code). A new one fails here: translate it."""

    def words(text: str) -> bool:
        return (
            re.search(
                r"[A-Za-z]{3,}", re.sub(r"[A-Za-z0-9_]+\.[a-z_.]+|\{[^}]*\}|PE\d+|policyengine|docs/\S+", "", text)
            )
            is not None
        )

    same = sorted(k for k, (en, zh) in TABLE.items() if en == zh and words(en))
    assert same == []


def _literal_keys_and_prefixes() -> tuple[set[str], set[str]]:
    """Keys the code names as string literals, and key prefixes it completes at run time (an
    f-string `f"why.holder.{...}"`, a glossary group `Term("term.role", ...)`, a check's
    `Violation("PE101", "missing", ...)`, a rule problem `self.problem(pos, "arity")`)."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "messages" and path.name not in ("catalogue.py", "core.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.match(node.value):
                keys.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = str(node.values[0].value)
                if head.endswith(".") and "." in head[:-1]:  # `f"rules.{key}"` says no more than "rules"
                    prefixes.add(head[:-1])
            elif isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if name in ("Term", "term", "labels", "labels_of") and args:
                    prefixes.add(args[0])
                elif name in ("Violation", "self.flag") and len(args) >= 2:
                    keys.add(f"{args[0]}.{args[1]}")
                elif name in ("self.problem", "compiler.problem") and args:
                    keys.add(f"rules.{args[0]}")
    return keys, prefixes


def test_every_key_the_code_names_is_in_the_catalogue():
    keys, _ = _literal_keys_and_prefixes()
    domains = {key.split(".")[0] for key in TABLE}
    groups = {key.rsplit(".", 1)[0] for key in TABLE}  # `term.role`, named by Term("term.role", ...)
    thresholds = {f"{c.code}.{name}" for c in CHECKS for name in c.thresholds}  # `PE101.max_co_handler_coverage`
    named = {k for k in keys if k.split(".")[0] in domains and not k.endswith(".j2")}
    assert sorted(named - set(TABLE) - groups - thresholds) == []


def test_the_catalogue_holds_no_text_the_code_never_asks_for():
    keys, prefixes = _literal_keys_and_prefixes()
    unused = sorted(k for k in TABLE if k not in keys and not any(k.startswith(p + ".") for p in prefixes))
    # the suppression scanner picks PE009's message by what is wrong with a code: `(code, "structural")`
    reported_by_name = {"PE009.code", "PE009.structural"}
    assert unused == sorted(reported_by_name)
    source = (PACKAGE / "suppressions.py").read_text(encoding="utf-8")
    assert all(f'"{key.split(".")[1]}"' in source for key in reported_by_name)


def test_pieces_render_in_each_language():
    assert render(Quoted(("a", "b")), "en") == "'a', 'b'" and render(Quoted(("a", "b")), "zh") == "“a”、“b”"
    assert render(Listed(("a", "b")), "en") == "a, b" and render(Listed(("a", "b")), "zh") == "a、b"
    assert render(Joined((msg("common.none"), "x"), "sep.semicolon"), "zh") == "无;x"
    assert render(Term("term.role", "handle"), "zh") == "办理" and render(Term("term.role", "nobody"), "zh") == "nobody"
    assert render(Bilingual("grid", None), "zh") == "grid" and render(Bilingual("grid", "网格"), "zh") == "网格"
    nested = Message("powers.many", {"names": Quoted(("penalty", "enforcement"))})
    assert (
        render(nested, "en") == "the powers 'penalty', 'enforcement'"
        and render(nested, "zh") == "“penalty”、“enforcement”"
    )


def test_a_number_keeps_its_format_spec_in_both_languages():
    message = msg("PE105.inverted", tier="grid", load=40, load_share=0.5, authority=0.0, top=0.75, top_tier="district")
    assert "(50% of the load)" in render(message, "en") and "占全部事项的 50%" in render(message, "zh")
    assert template("PE105.inverted", "en").count("{") == template("PE105.inverted", "zh").count("{")


# -- numbers -------------------------------------------------------------------------------------


@given(st.floats(min_value=-999_999, max_value=999_999, allow_nan=False))
def test_g_below_a_million_is_python_g(value):
    assert plain_number(value) == format(value, "g")
    assert text("PE102.money", "en", item="i", tier="t", money=value, cost=1.0, against="") == (
        f"item 'i' is pushed down to 't' with {value:g} yuan/year for a cost of 1 yuan/year"
    )


@given(st.integers(min_value=1_000_000, max_value=10**15))
def test_g_from_a_million_writes_every_digit_of_a_whole_number(value):
    assert plain_number(float(value)) == str(value)
    assert text("PE102.money", "zh", item="i", tier="t", money=float(value), cost=value, against="") == (
        f"事项“i”下沉至t,随之划转的经费每年 {value} 元,而成本每年 {value} 元"
    )


def test_g_from_a_million_keeps_two_decimals_at_most():
    # regression: `{money:g}` wrote 1234567.5 yuan as 1.23457e+06
    assert plain_number(1234567.5) == "1234567.5"
    assert plain_number(-2500000.125) == "-2500000.12"
    assert plain_number(float("inf")) == "inf"


def test_other_specs_and_conversions_of_a_number_are_untouched():
    assert text("schema.wrong_type", "en", value=3, expected="object") == "3 is not of type object"
    assert render(msg("PE102.money", item="i", tier="t", money=3000.0, cost=12000, against=""), "en") == (
        "item 'i' is pushed down to 't' with 3000 yuan/year for a cost of 12000 yuan/year"
    )


def test_a_duplicate_problem_id_is_named_in_chinese(tmp_path):
    # regression: the simulator's problem kinds had no Chinese word, so PE003 read "重复的problem id"
    from policyengine.lint import lint_paths
    from tests.util import write_policy

    policy = """
    tiers:
      - {id: district, name: {en: District}}
    simulation:
      problems:
        - {id: p, per_grid_per_day: 1.0}
        - {id: p, per_grid_per_day: 2.0}
    """
    expected = {
        "en": "duplicate problem id 'p' (first defined at {at})",
        "zh": "问题类型“p”重复定义(首次定义于 {at})",
    }
    for lang, message in expected.items():
        result = lint_paths([write_policy(tmp_path / lang, {"p.yaml": policy})], lang=lang)
        (finding,) = [f for f in result.findings if f.code == "PE003"]
        assert finding.message == message.format(at=f"{tmp_path / lang / 'p.yaml'}:5:12")

"""Names, not ids: the Chinese output names every declared tier, unit, item, list, regime, category and
power by its Chinese name, and each built-in power by its standard name; an id stays only where no
Chinese name is declared. Checked on H District, on every reform of it, and on the corpus of real
documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyengine.lint import lint_paths
from policyengine.messages.catalogue import render
from policyengine.messages.core import Joined, Listed, Message, Quoted
from policyengine.naming import chinese_names, declared_names, named
from policyengine.vocabulary import BUILTIN_POWERS

ROOT = Path(__file__).resolve().parent.parent
H = ROOT / "policies" / "h_district"
REFORMS = sorted((ROOT / "examples" / "reforms").glob("*.yaml"))
CORPUS = sorted(p.parent for p in (ROOT / "examples" / "regulations").glob("*/policy.yaml"))
TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def named_ids(policy) -> set[str]:
    names = chinese_names(policy)
    return {ident for kind in names.values() for ident in kind}


def leaked(result) -> list[tuple[str, str]]:
    """(message, id) for every id with a Chinese name that a Chinese message still shows."""
    ids = named_ids(result.policy)
    return [(f.message, t) for f in result.findings for t in TOKEN.findall(f.message) if t in ids]


def test_h_district_in_chinese_names_what_it_declares():
    result = lint_paths([H], lang="zh", on="2020-01-01")
    assert result.findings and leaked(result) == []
    messages = [f.message for f in result.findings]
    assert "事项“九小场所消防隐患”:事件由区退回网格,而网格不具备“处罚权”" in messages
    assert any(m.startswith("网格承担 1010 项事项(占全部事项的 100%)") for m in messages)
    # English names the same way, by the English names declared
    english = lint_paths([H], lang="en", on="2020-01-01")
    assert (
        "item 'Fire hazards in small venues (the nine small places)': events are returned from 'District' to "
        "'Grid', which lacks the power 'penalty'" in [f.message for f in english.findings]
    )
    assert english_leaked(english) == []


def english_leaked(result) -> list[tuple[str, str]]:
    """(message, id) for every id quoted in an English message although an English name is declared for it."""
    names = declared_names(result.policy, "en")
    ids = {ident for kind in names.values() for ident, name in kind.items() if name != ident}
    return [(f.message, q) for f in result.findings for q in re.findall(r"'([^' ]+)'", f.message) if q in ids]


@pytest.mark.parametrize("reform", REFORMS, ids=lambda p: p.stem)
def test_every_reform_in_chinese_names_what_it_declares(reform):
    result = lint_paths([], lang="zh", on="2020-01-01", reform=reform)
    assert leaked(result) == []
    assert english_leaked(lint_paths([], lang="en", on="2020-01-01", reform=reform)) == []


@pytest.mark.parametrize("document", CORPUS, ids=lambda p: p.name)
def test_every_document_of_the_corpus_in_chinese_names_what_it_declares(document):
    result = lint_paths([document], lang="zh", on="2026-12-01")
    assert leaked(result) == []
    assert english_leaked(lint_paths([document], lang="en", on="2026-12-01")) == []


def test_the_built_in_powers_have_standard_chinese_names():
    result = lint_paths([H], lang="zh", on="2020-01-01")
    names = chinese_names(result.policy)["power"]
    assert set(BUILTIN_POWERS) <= set(names)
    assert (names["penalty"], names["administrative"], names["personnel"], names["coordination"]) == (
        "处罚权",
        "行政权",
        "人事权",
        "协调权",
    )


def test_a_parameter_named_for_a_kind_takes_that_kinds_name():
    names = {
        "tier": {"grid": "网格"},
        "unit": {"grid": "网格团队"},
        "item": {},
        "list": {},
        "regime": {},
        "power": {"penalty": "处罚权"},
        "category": {},
        "procedure": {},
    }
    message = Message(
        "x",
        {
            "tier": "grid",
            "unit": "grid",
            "other": "grid",
            "missing": Quoted(("penalty", "road_repair")),
            "list": Listed(("grid",)),
            "parts": Joined(("grid", Message("y", {"unit": "grid"}))),
            "count": 3,
        },
    )
    out = named(message, names)
    assert isinstance(out, Message)
    assert out.params["tier"] == "网格" and out.params["unit"] == "网格团队" and out.params["other"] == "网格"
    assert out.params["missing"] == Quoted(("处罚权", "road_repair")) and out.params["count"] == 3
    assert out.params["parts"] == Joined(("网格", Message("y", {"unit": "网格团队"})))
    assert render(Message("powers.one", {"names": Quoted(("处罚权",))}), "zh") == "“处罚权”"


def test_admit_in_chinese_names_items_tiers_units_and_powers():
    from click.testing import CliRunner

    from policyengine.cli import main

    remedy = ROOT / "examples" / "reforms" / "paper_remedy.yaml"
    out = CliRunner().invoke(main, ["admit", "--reform", str(remedy), "--on", "2020-01-01", "--lang", "zh"]).output
    assert "  网格:\n    下放处罚权(3 项:九小场所消防隐患、占道经营、安全生产)\n" in out
    assert "      来自 公路局:每年 9,883,200 元\n" in out
    assert not set(TOKEN.findall(out)) & {"grid", "penalty", "fire_hazards_small_venues", "highway_bureau"}
    english = CliRunner().invoke(main, ["admit", "--reform", str(remedy), "--on", "2020-01-01"]).output
    assert (
        "devolve penalty (3 item(s): Fire hazards in small venues (the nine small places), Occupied-road business, "
        "Production safety)" in english
    )


def test_why_in_chinese_names_what_the_steps_name():
    from click.testing import CliRunner

    from policyengine.cli import main

    args = ["why", str(H), "PE104", "fire_hazards_small_venues", "--on", "2020-01-01", "--lang", "zh"]
    out = CliRunner().invoke(main, args).output
    assert "“处罚权”:层级“网格”就该事项不具备此权力" in out and "单位“公路局”具备" in out
    assert "“penalty”" not in out and "“grid”" not in out


def test_an_assessed_tier_is_named_bare_in_chinese_and_quoted_in_english():
    """PE307 and PE318 name the assessed as every Chinese template names a tier: 非网格所能控制, not 非“网格”."""
    zh = [f.message for f in lint_paths([H], lang="zh", on="2020-01-01").findings if f.code in ("PE307", "PE318")]
    assert zh and all("“网格”" not in m for m in zh)
    assert any(m.endswith("非网格所能控制") for m in zh) and any("考核网格,而网格缺少" in m for m in zh)
    en = [f.message for f in lint_paths([H], lang="en", on="2020-01-01").findings if f.code == "PE318"]
    assert en and en[0].startswith(
        "regime 'Street Q's scoring rules for full-time grid workers (reporting part)' holds 'Grid'"
    )

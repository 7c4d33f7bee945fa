"""`why` chains read as the designer reads them, in both languages: every declared thing once, by its
name in the output language (its id only where no name is declared), tier paths by names, and the
policy's vocabulary values (a return basis, a scoring event, a quota kind, a grant level, a unit kind,
what a measure depends on) said in words, never as the policy spells them."""

from __future__ import annotations

import dataclasses
import json
import re
import tempfile
from collections.abc import Mapping
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from policyengine import why as why_module
from policyengine.checks.assessment.transfer_rewarded_return_penalised import TRANSFER_EVENTS
from policyengine.cli import main
from policyengine.formatters import why_report
from policyengine.lint import lint_paths
from policyengine.messages.catalogue import TABLE
from policyengine.naming import declared_names, named
from policyengine.testing.strategies import dump, policies
from policyengine.vocabulary import DEFAULT_LEVELS, DIMENSIONS, EVENTS

ROOT = Path(__file__).resolve().parent.parent
H = "policies/h_district"
ON = "2020-01-01"
SCHEMA = json.loads((ROOT / "schemas" / "policy.schema.json").read_text(encoding="utf-8"))
PROPS = SCHEMA["properties"]

# the findings of H District whose chains are checked: one per code that has a chain of its own, and
# some whose chain names the declarations of their message
CASES = [
    ("PE101", "fire_hazards_small_venues"),
    ("PE102", "broken_road"),
    ("PE103", "broken_road"),
    ("PE104", "broken_road"),
    ("PE105", "grid"),
    ("PE200", "grid"),
    ("PE301", "grid"),
    ("PE302", "street_q_workers"),
    ("PE303", "street_q_workers"),
    ("PE304", "district_monthly"),
    ("PE305", "duty:nucleic_acid_testing"),
    ("PE307", "street_q_workers"),
    ("PE313", "grid_team"),
    ("PE316", "district_monthly"),
    ("PE317", "street_calls_district_answers"),
    ("PE318", "street_q_workers"),
]

# the vocabulary values a step may carry, each with the catalogue group that says it in words
VOCABULARY: dict[str, tuple[str, ...]] = {
    "why.basis": tuple(PROPS["workflow"]["properties"]["returns"]["items"]["properties"]["basis"]["enum"]),
    "why.unit_kind": tuple(PROPS["units"]["items"]["properties"]["kind"]["enum"]),
    "why.part_kind": tuple(PROPS["assessments"]["items"]["properties"]["parts"]["items"]["properties"]["kind"]["enum"]),
    "why.grant_level": DEFAULT_LEVELS,
    "why.item_kind": tuple(PROPS["items"]["items"]["properties"]["kind"]["enum"]),
    "why.role": tuple(PROPS["items"]["items"]["properties"]["role"]["enum"]),
    "term.event": EVENTS + TRANSFER_EVENTS,
    "term.depends": tuple(PROPS["measures"]["items"]["properties"]["depends_on"]["anyOf"][0]["items"]["enum"]),
    "term.field.dimensions": DIMENSIONS,
}
# the raw values that read as code, not as words, in either language: the ones with an underscore
RAW = sorted({v for values in VOCABULARY.values() for v in values if "_" in v})


def why(code: str, subject: str, lang: str) -> list[str]:
    """The chain's lines (the finding's header lines left out: they are the check's message)."""
    out = CliRunner().invoke(main, ["why", H, code, subject, "--on", ON, "--lang", lang])
    assert out.exit_code == 0, out.output
    return [line for line in out.output.splitlines() if line.startswith("  ")]


def prose(line: str) -> str:
    """A chain line without its position and without the keys it gives in brackets after the words
    (`(PE105.ratio)`, `(cost)`): what is left must be words."""
    line = re.sub(r"  \[[^\]]*\]$", "", line)
    return re.sub(r"[((][A-Za-z0-9_.]+[))]", "", line)


@pytest.fixture(scope="module")
def names():
    policy = lint_paths([ROOT / H], on=ON).policy
    return {lang: declared_names(policy, lang) for lang in ("en", "zh")}


@pytest.mark.parametrize(("group", "value"), [(g, v) for g, values in VOCABULARY.items() for v in values])
def test_every_vocabulary_value_a_step_carries_is_said_in_words_in_both_languages(group, value):
    english, chinese = TABLE[f"{group}.{value}"]
    assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
    assert "_" not in english and "_" not in chinese


@pytest.mark.parametrize(("code", "subject"), CASES)
def test_a_chinese_chain_names_each_thing_by_its_chinese_name_and_says_values_in_words(code, subject, names):
    lines = why(code, subject, "zh")
    named = {ident for kind in names["zh"].values() for ident in kind}
    for line in lines:
        words = prose(line)
        assert not set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", words)) & named, line
        assert not [raw for raw in RAW if raw in words], line
        assert "——" not in line, line  # a name once, not an id and its name side by side
        assert "依据:" not in line and "授权“" not in line, line


@pytest.mark.parametrize(("code", "subject"), CASES)
def test_an_english_chain_names_each_thing_by_its_english_name_and_says_values_in_words(code, subject, names):
    lines = why(code, subject, "en")
    named = {ident for kind in names["en"].values() for ident, name in kind.items() if name != ident}
    for line in lines:
        words = prose(line)
        assert not set(re.findall(r"'([^' ]+)'", words)) & named, line
        assert not [raw for raw in RAW if raw in words], line
        assert " — " not in line and "(grant '" not in line and "basis:" not in line, line


def test_the_chain_of_an_unfunded_pushdown_in_chinese():
    assert why("PE102", "broken_road", "zh") == [
        f"  事项“道路损坏(LCP社区)”;条线事项  [{H}/items.yaml:442:9]",
        f"    承接层级“网格”,角色“上报”  [{H}/items.yaml:448:11]",
        f"    主管单位“公路局”,位于层级“区”  [{H}/items.yaml:447:12]",
        f"    从“区”下沉至“网格”:区→镇街→社区→网格  [{H}/tiers.yaml:47:9]",
        "    未载明事项所需经费和工时(cost)",
        f"    经费:每年 0 元,人员 0 人  [{H}/items.yaml:464:7]",
        f"    缺口:没有经费、也没有人员随事项转移  [{H}/items.yaml:448:11]",
    ]


def test_the_chain_of_a_penalised_return_in_chinese():
    regime = "考核“区社会治理中心对镇街网格化管理工作的月考核”"
    assert why("PE304", "district_monthly", "zh") == [
        f"  {regime};“区社会治理中心”考核“镇街”  [{H}/assessments.yaml:6:9]",
        f"    {regime}对被退回的事件扣分  [{H}/assessments.yaml:67:9]",
        f"    “区”将事件退回承接层级(理由:事项属下级职责)  [{H}/workflow.yaml:35:7]",
        f"    “镇街”将事件退回承接层级(理由:事项属下级职责)  [{H}/workflow.yaml:47:7]",
    ]


def test_the_chain_of_an_unfunded_pushdown_in_english():
    assert why("PE102", "broken_road", "en") == [
        f"  item 'Broken road (LCP community)'; a line item  [{H}/items.yaml:442:9]",
        f"    assigned to tier 'Grid' with role 'report'  [{H}/items.yaml:448:11]",
        f"    owned by unit 'Highway bureau' at tier 'District'  [{H}/items.yaml:447:12]",
        f"    pushed down from 'District' to 'Grid': District -> Town / street -> Community -> Grid  [{H}/tiers.yaml:47:9]",
        "    not declared: what the item costs (cost)",
        f"    funding: 0 yuan/year, 0 people  [{H}/items.yaml:464:7]",
        f"    gap: no money and no people move with the item  [{H}/items.yaml:448:11]",
    ]


def test_the_chain_of_a_mobilisation_out_of_reach_in_english():
    assert why("PE103", "broken_road", "en")[2:] == [
        f"    must mobilise unit 'Highway bureau' (tier 'District')  [{H}/items.yaml:454:17]",
        f"      unit 'Highway bureau', a functional department, sits at tier 'District'  [{H}/units.yaml:132:9]",
        "    coordination of tier 'Grid' (1 grant(s) to it or its own units) reaches only 'Town / street' and below; "
        f"none reaches the unit  [{H}/tiers.yaml:47:9]",
        "      unit 'Grid team' holds the coordination power, scope 'Town / street' (reaches Town / street -> "
        f"Community -> Grid): does not reach it  [{H}/grants.yaml:89:9]",
        "    no coordination grant in force anywhere reaches 'Highway bureau'",
    ]


def test_pe316_names_the_scoring_events_in_words():
    zh = lint_paths([ROOT / H], lang="zh", on=ON)
    (message,) = [f.message for f in zh.findings if f.code == "PE316"]
    assert "对向上转办的事件(区级转办)加分,又对被退回的事件扣分" in message
    en = lint_paths([ROOT / H], lang="en", on=ON)
    (message,) = [f.message for f in en.findings if f.code == "PE316"]
    assert "rewards events sent up (transferred to the district) and deducts points for returned ones" in message


def test_lint_explain_in_english_names_by_the_english_names():
    out = CliRunner().invoke(main, ["lint", H, "--on", ON, "--explain", "--select", "PE102", "--no-color"])
    assert out.exit_code == 1, out.output
    assert "pushed down from 'District' to 'Grid': District -> Town / street -> Community -> Grid" in out.output
    assert "'district'" not in out.output and "'grid'" not in out.output


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(policy=policies())
def test_the_chains_of_a_generated_policy_say_vocabulary_values_in_words(tmp_path_factory, policy):
    """Whatever the policy (return bases, unit kinds, grant levels, measures and scoring events drawn at
    random), no chain line in either language carries a vocabulary value as the policy spells it, nor
    an id beside a name."""
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as root:
        dump(policy, root)
        result = lint_paths([root], on=ON)
        if result.policy is None:
            return
        explainer = why_module.explainer(result, ON)
        # an id shown where no name is declared may be spelt like a vocabulary value: that is the id
        sections = [getattr(result.policy, f.name) for f in dataclasses.fields(result.policy)]
        ids = {str(ident) for section in sections if isinstance(section, Mapping) for ident in section}
        raws = [raw for raw in RAW if raw not in ids]
        for lang in ("en", "zh"):
            rename = partial(named, names=declared_names(result.policy, lang), bare=False)
            for finding in result.findings:
                for step in explainer.chain(finding):
                    said = prose(why_report.line(step, lang, rename))
                    assert not [raw for raw in raws if re.search(rf"\b{raw}\b", said)], said
                    assert "——" not in said and " — " not in said, said

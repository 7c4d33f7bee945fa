"""`simulate` and the sensitivity analysis name reforms, case figures, streets and what each part of a
reform adds by their declared names in the output language; ids only where no name is declared."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyengine.naming import declared_names
from policyengine.reform import read_reform
from policyengine.simulate.metrics import METRICS
from policyengine.simulate.parts import split
from policyengine.simulate.report import figure_name, render_text, scenario_name
from policyengine.simulate.scenarios import load_policy
from policyengine.simulate.sensitivity_report import effect_lines

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
GATE = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
GATE_NAME = {"en": "Admission gate", "zh": "网格准入机制"}
CELL = {"mean": 0.5, "low": 0.25, "high": 0.75}


def result(**extra):
    return {
        "months": 1,
        "runs": 2,
        "seed": 0,
        "scenarios": {name: {"metrics": dict.fromkeys(METRICS, CELL)} for name in ("baseline", "gate")},
        "scenario_names": {"gate": GATE_NAME},
        "calibration": [
            {
                "figure": "l_street_events",
                "street": "l_street",
                "case_value": 14978,
                "simulated": 15000.0,
                "window": [11982, 17974],
                "within": True,
                "fitted_by": [],
                "figure_name": {"en": "Events reported by L Street", "zh": "L街道上报事件数"},
                "street_name": {"en": "Street L", "zh": "L街道"},
            },
            {
                "figure": "unnamed_figure",
                "street": "l_street",
                "case_value": 1,
                "simulated": 1.0,
                "window": [0, 2],
                "within": True,
                "fitted_by": [],
                "figure_name": None,
                "street_name": {"en": "Street L", "zh": "L街道"},
            },
        ],
        **extra,
    }


@pytest.mark.parametrize(
    ("lang", "head", "named", "unnamed"),
    [
        (
            "zh",
            "基线",
            "  L街道上报事件数:案例 14978,模拟 15000.0,范围 11982-17974:在范围内(检验:未据此设定任何默认值)",
            "  unnamed_figure (L街道):案例 1,模拟 1.0000,范围 0-2:在范围内(检验:未据此设定任何默认值)",
        ),
        (
            "en",
            "baseline",
            "  Events reported by L Street: case 14978, simulated 15000.0, window 11982-17974: within "
            "(check: no default was set for it)",
            "  unnamed_figure (Street L): case 1, simulated 1.0000, window 0-2: within (check: no default was set for it)",
        ),
    ],
)
def test_the_table_and_the_calibration_name_reforms_figures_and_streets(lang, head, named, unnamed):
    said = render_text(result(), lang).splitlines()
    assert said[2].split()[1:] == [head, *GATE_NAME[lang].split()]
    assert named in said and unnamed in said


def test_a_reform_without_a_declared_name_is_its_id():
    assert scenario_name("gate", result(scenario_names={}), "zh") == "gate"
    assert scenario_name("gate", result(scenario_names={"gate": {"en": "Gate", "zh": None}}), "zh") == "Gate"
    assert figure_name({"figure": "f", "street": None, "figure_name": None}, "zh") == "f"


@pytest.mark.parametrize(
    ("lang", "adds"),
    [
        (
            "zh",
            [
                "新增准入程序:网格事项准入",
                "划转事项:法律政策宣传、社会治理及公共安全隐患排查、……(6 个操作)",
                "新增清单:网格上收事项",
                "调整事项:九小场所消防隐患、占道经营、……(4 个操作)",
                "修改事项:道路损坏(LCP社区)",
                "删除字段事项:道路损坏(LCP社区)",
                "新增保证条件:权随责走:进入网格的条线事项带着所需权力、费随事转:进入网格的事项所带经费不低于其成本、……(3 个操作)",
            ],
        ),
        (
            "en",
            [
                "add admission: Admission of items into the grid's lists",
                "transfer item: Publicity of laws and policies, Screening of social-governance and public-safety "
                "hazards, ... (6 operations)",
                "add list: Items returned up from the grid",
                "move item: Fire hazards in small venues (the nine small places), Occupied-road business, ... "
                "(4 operations)",
                "set item: Broken road (LCP community)",
                "unset item: Broken road (LCP community)",
                "add invariant: Authority follows responsibility: a line item entering the grid comes with the powers "
                "it needs, Funding follows tasks: an item entering the grid brings at least the money it costs, ... "
                "(3 operations)",
            ],
        ),
    ],
)
def test_what_each_part_of_a_reform_adds_is_said_by_names(lang, adds):
    plan = read_reform(GATE)
    names = {}
    for language in ("en", "zh"):
        found = declared_names(load_policy([H], "2020-01-01"), language)
        for kind, more in declared_names(load_policy([H], "2020-01-01", GATE), language).items():
            found[kind] = {**found.get(kind, {}), **more}
        names[language] = found
    parts = split(plan, "admission_gate", "groups", names)
    assert [p.adds_zh if lang == "zh" else p.adds for p in parts] == adds


def test_the_sensitivity_sentences_name_the_reform():
    flat = {"sign": 0, "low": 0, "high": 0, "declared": 0, "share": 1.0, "indices": []}
    sens = {
        "method": "morris",
        "effects": {"gate": dict.fromkeys(METRICS, flat)},
        "scenario_names": {"gate": GATE_NAME},
    }
    assert effect_lines(sens, "gate", "zh")[0].startswith("  网格准入机制 在所有样本点上均不改变")
    assert effect_lines(sens, "gate", "en")[0].startswith("  Admission gate leaves ")

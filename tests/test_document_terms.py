"""What real documents say beyond lists: provisions with a counterpart, support, lists, items and tiers
and their new kinds; lists' standing, superior documents, interpreter, counterpart and validity;
admission applications and steps; grants' hand-over; assessments' weight and consultations. PE004 at
each reference, PE002 at each bad value, PE102 citing `no_cost_shifting` and PE205 judging assessment
on cooperation items under `no_cooperation_assessment`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.lint import lint_paths
from policyengine.listlife import LIST_STATUSES, PROVISION_KINDS, SUPPORT, TRIGGERS
from policyengine.procedures import APPLICATION_CONTENTS, APPLICATION_FORMS, GRANT_MODES, STEP_ACTS

from .util import located, write_policy

ON = "2026-01-01"

BASE = """
tiers:
  - {id: district, name: {en: District}}
  - {id: street, name: {en: Street}, parent: district}
  - {id: grid, name: {en: Grid}, parent: street}
units:
  - {id: centre, name: {en: Centre}, tier: district, kind: governance_centre}
  - {id: dept, name: {en: Dept}, tier: district, kind: functional_department}
  - {id: team, name: {en: Team}, tier: grid, kind: grid_team}
items:
  - {id: fire, name: {en: Fire}, kind: line, owner: dept, tier: grid, role: report, category: safety, cost: {hours_per_month: 0}}
  - {id: census, name: {en: Census}, kind: line, owner: centre, tier: grid, role: report, cost: {hours_per_month: 0}}
categories:
  - {id: safety, name: {en: Safety}, kind: line}
lists:
  - {id: grid_coop, tier: grid, kind: cooperation, items: [census], categories: [safety]}
  - {id: grid_duties, tier: grid, kind: duties}
"""


def lint(tmp_path: Path, lang: str = "en", **files: str):
    named = {k.replace("_yaml", ".yaml"): v for k, v in files.items()}
    return lint_paths([write_policy(tmp_path, {"base.yaml": BASE, **named})], None, lang, on=ON)


def messages(result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


# == every new key, read into the model; every reference checked at the id itself ======================

TERMS = """grants:
  - id: entrusted
    unit: team
    powers: [report]
    mode: entrusted
    in_name_of: dept
    liable: dept
    approved_by: {all_of: [centre, {tier: district}]}
    consulted: {tier: street}
lists:
  - id: catalogue
    tier: district
    kind: duties
    status: trial
    follows: ["Doc 143", {document: "Doc 3", article: "2"}]
    interpreted_by: centre
    counterpart: grid_duties
    valid: {from: "2024-01-01", to: "2026-12-31"}
    changes: {triggers: [practice, policy_change, as_needed]}
admission:
  - id: adjust
    tier: grid
    application: {form: written, contents: [item, content, reasons]}
    steps:
      - {act: apply, by: {relation: item_owner}}
      - {act: consult, by: {tier: grid}}
      - {act: review, by: centre}
      - {act: publish}
assessments:
  - {id: main, assessor: centre, assessed: grid}
  - id: two_way
    assessor: centre
    assessed: street
    weight_in: [{regime: main, min_share: 0.3}]
    consults: [team, {tier: grid}]
provisions:
  - {id: share, kind: data_sharing, tier: grid, by: {relation: line_department}, with: centre}
  - {id: budget, kind: budget, tier: grid, tiers: [district, street], support: [funding, staff]}
  - {id: follow, kind: compliance, tier: grid, lists: [grid_duties], items: [fire]}
"""


def test_every_new_key_is_read_and_the_policy_is_clean(tmp_path):
    result = lint(tmp_path, terms_yaml=TERMS)
    assert [f.code for f in result.findings if f.severity.value == "error"] == []
    policy = result.policy
    assert policy is not None
    handover = policy.grants[0].handover
    assert handover is not None and (handover.mode, handover.in_name_of, handover.liable) == (
        "entrusted",
        "dept",
        "dept",
    )
    assert handover.consulted is not None and handover.consulted.tier == "street"
    life = policy.lists["catalogue"].life
    assert life is not None and (life.status, life.counterpart, life.valid) == (
        "trial",
        "grid_duties",
        ("2024-01-01", "2026-12-31"),
    )
    assert life.follows[0] == "Doc 143" and life.interpreted_by is not None and life.interpreted_by.unit == "centre"
    assert life.changes is not None and life.changes.triggers == ("practice", "policy_change", "as_needed")
    process = policy.admissions["adjust"].process
    assert process is not None and process.application is not None
    assert (process.application.form, process.application.contents) == ("written", ("item", "content", "reasons"))
    assert [s.act for s in process.steps] == ["apply", "consult", "review", "publish"]
    assert (
        process.steps[0].by is not None and process.steps[0].by.relation == "item_owner" and process.steps[3].by is None
    )
    weighting = policy.regimes["two_way"].weighting
    assert weighting is not None and [(w.regime, w.min_share) for w in weighting.weight_in] == [("main", 0.3)]
    assert [p.unit or p.tier for p in weighting.consults] == ["team", "grid"]
    assert policy.regimes["main"].weighting is None
    share, budget, follow = (policy.provisions[k] for k in ("share", "budget", "follow"))
    assert share.with_party is not None and share.with_party.unit == "centre"
    assert budget.tiers == ("district", "street") and budget.support == ("funding", "staff")
    assert (follow.lists, follow.items) == (("grid_duties",), ("fire",))


# (old text, misspelt text, line, column, message) for each reference the new keys make
MISSPELT = [
    ("in_name_of: dept", "in_name_of: dpt", 6, 17, "unknown unit 'dpt' (did you mean 'dept'?)"),
    ("liable: dept", "liable: dep", 7, 13, "unknown unit 'dep' (did you mean 'dept'?)"),
    ("{tier: district}]}", "{tier: distrct}]}", 8, 43, "unknown tier 'distrct' (did you mean 'district'?)"),
    ("consulted: {tier: street}", "consulted: {tier: stret}", 9, 23, "unknown tier 'stret' (did you mean 'street'?)"),
    ("interpreted_by: centre", "interpreted_by: centr", 16, 21, "unknown unit 'centr' (did you mean 'centre'?)"),
    (
        "counterpart: grid_duties",
        "counterpart: grid_dutie",
        17,
        18,
        "unknown list 'grid_dutie' (did you mean 'grid_duties'?)",
    ),
    ("{act: review, by: centre}", "{act: review, by: cenre}", 27, 27, "unknown unit 'cenre' (did you mean 'centre'?)"),
    (
        "{act: consult, by: {tier: grid}}",
        "{act: consult, by: {tier: gird}}",
        26,
        35,
        "unknown tier 'gird' (did you mean 'grid'?)",
    ),
    (
        "{regime: main, min_share",
        "{regime: mian, min_share",
        34,
        26,
        "unknown assessment 'mian' (did you mean 'main'?)",
    ),
    ("consults: [team,", "consults: [tem,", 35, 16, "unknown unit 'tem' (did you mean 'team'?)"),
    ("with: centre}", "with: cntre}", 37, 88, "unknown unit 'cntre' (did you mean 'centre'?)"),
    ("tiers: [district, street]", "tiers: [district, strt]", 38, 62, "unknown tier 'strt' (did you mean 'street'?)"),
    (
        "lists: [grid_duties], items",
        "lists: [grid_dutiez], items",
        39,
        56,
        "unknown list 'grid_dutiez' (did you mean 'grid_duties'?)",
    ),
    ("items: [fire]}", "items: [fier]}", 39, 78, "unknown item 'fier' (did you mean 'fire'?)"),
]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(range(len(MISSPELT))), min_size=1, max_size=len(MISSPELT), unique=True))
def test_pe004_at_each_misspelt_reference(tmp_path_factory, chosen):
    text = TERMS
    for index in chosen:
        old, new, *_ = MISSPELT[index]
        assert text.count(old) == 1
        text = text.replace(old, new)
    result = lint(tmp_path_factory.mktemp("refs"), terms_yaml=text)
    expected = sorted((MISSPELT[i][2], MISSPELT[i][3], MISSPELT[i][4]) for i in chosen)
    found = sorted((f.span.line, f.span.column, f.message) for f in result.findings if f.code == "PE004")
    assert found == expected
    assert {Path(f.span.file).name for f in result.findings if f.code == "PE004"} == {"terms.yaml"}


BAD_VALUES = [
    ("mode: entrusted", "mode: handed", 5, 11, "'handed' is not one of: devolved, entrusted, assigned"),
    ("status: trial", "status: draft", 14, 13, "'draft' is not one of: trial, final"),
    ("as_needed]", "whenever]", 19, 51, "'whenever' is not one of: "),
    (
        "{act: publish}",
        "{act: sign}",
        28,
        15,
        "'sign' is not one of: apply, consult, agree, review, file, approve, publish",
    ),
    ("{form: written,", "{form: paper,", 23, 25, "'paper' is not one of: written, online, any"),
    ("min_share: 0.3", "min_share: 1.5", 34, 43, "1.5 is above the maximum 1"),
    ("kind: budget,", "kind: budgets,", 38, 24, "'budgets' is not one of: "),
    ("support: [funding, staff]", "support: [funding, money]", 38, 90, "'money' is not one of: working_conditions, "),
]


def test_pe002_at_each_bad_value(tmp_path):
    for index, (old, new, line, column, start) in enumerate(BAD_VALUES):
        assert TERMS.count(old) == 1
        result = lint(tmp_path / str(index), terms_yaml=TERMS.replace(old, new))
        assert located(result, "PE002") == [("PE002", "terms.yaml", line, column)], new
        assert messages(result, "PE002")[0].startswith(start), new


def test_every_provision_kind_is_accepted(tmp_path):
    provisions = "provisions:\n" + "".join(
        f"  - {{id: p{i}, kind: {k}, tier: grid}}\n" for i, k in enumerate(PROVISION_KINDS)
    )
    result = lint(tmp_path, prov_yaml=provisions)
    assert [f for f in located(result) if f[0] in ("PE002", "PE004")] == []
    assert result.policy is not None and len(result.policy.provisions) == len(PROVISION_KINDS) == 27


def test_the_schema_offers_exactly_the_words_the_model_knows():
    schema = json.loads((Path(__file__).parents[1] / "schemas" / "policy.schema.json").read_text("utf-8"))
    props = {k: schema["properties"][k]["items"]["properties"] for k in ("provisions", "lists", "admission", "grants")}
    steps = props["admission"]["steps"]["items"]["properties"]["act"]
    application = props["admission"]["application"]["properties"]
    assert props["provisions"]["kind"]["enum"] == list(PROVISION_KINDS)
    assert props["provisions"]["support"]["items"]["enum"] == list(SUPPORT)
    assert props["grants"]["support"]["items"]["enum"] == list(SUPPORT)
    assert props["lists"]["status"]["enum"] == list(LIST_STATUSES)
    assert props["lists"]["changes"]["properties"]["triggers"]["items"]["enum"] == list(TRIGGERS)
    assert steps["enum"] == list(STEP_ACTS)
    assert application["form"]["enum"] == list(APPLICATION_FORMS)
    assert application["contents"]["items"]["enum"] == list(APPLICATION_CONTENTS)
    assert props["grants"]["mode"]["enum"] == list(GRANT_MODES)


# == PE102 cites `no_cost_shifting` ====================================================================

# funding stated as none: PE102 judges it (funding not written would be PE010, cannot judge)
UNFUNDED = (
    "items:\n  - {id: stall, name: {en: Stall}, kind: line, owner: dept, tier: grid, role: report,"
    " funding: {money_yuan_per_year: 0, people: 0}}\n"
)
PE102_TEXT = "item 'Stall' is pushed from 'District' down to 'Grid' with no money and no people"


def test_pe102_cites_the_tiers_no_cost_shifting_provision(tmp_path):
    provisions = (
        "provisions:\n  - {id: no_shifting, kind: no_cost_shifting, tier: grid}\n"
        "  - {id: street_only, kind: no_cost_shifting, tier: street}\n"
        "  - {id: unrelated, kind: budget, tier: grid}\n"
    )
    result = lint(tmp_path / "en", items_yaml=UNFUNDED, prov_yaml=provisions)
    assert located(result, "PE102") == [("PE102", "items.yaml", 2, 67)]
    assert messages(result, "PE102") == [PE102_TEXT + "; this breaches provision 'no_shifting'"]
    zh = lint(tmp_path / "zh", "zh", items_yaml=UNFUNDED, prov_yaml=provisions)
    assert messages(zh, "PE102") == ["事项“stall”从“district”下沉至“grid”,未随之划转经费和人员;违反规定“no_shifting”"]


def test_pe102_cites_it_for_short_money_and_people_too(tmp_path):
    items = (
        "items:\n"
        "  - {id: a, name: {en: A}, kind: line, owner: dept, tier: grid, role: report,"
        " cost: {yuan_per_year: 100}, funding: {money_yuan_per_year: 50}}\n"
        "  - {id: b, name: {en: B}, kind: line, owner: dept, tier: grid, role: report,"
        " cost: {hours_per_month: 166}, funding: {people: 0.5}}\n"
    )
    provisions = "provisions:\n  - {id: ns, kind: no_cost_shifting, tier: grid}\n"
    result = lint(tmp_path, items_yaml=items, prov_yaml=provisions)
    assert messages(result, "PE102") == [
        "item 'A' is pushed down to 'Grid' with 50 yuan/year for a cost of 100 yuan/year; this breaches provision 'ns'",
        "item 'B' is pushed down to 'Grid' with 83 person-hours/month for a cost of 166 hours/month; "
        "this breaches provision 'ns'",
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.sampled_from(PROVISION_KINDS), st.sampled_from(["district", "street", "grid"])), max_size=4)
)
def test_a_provision_changes_pe102s_message_never_its_findings(tmp_path_factory, declared):
    provisions = "provisions:\n" + "".join(
        f"  - {{id: p{i}, kind: {k}, tier: {t}}}\n" for i, (k, t) in enumerate(declared)
    )
    result = lint(tmp_path_factory.mktemp("p"), items_yaml=UNFUNDED, prov_yaml=provisions if declared else "{}\n")
    assert located(result, "PE102") == [("PE102", "items.yaml", 2, 67)]
    cited = [f"'p{i}'" for i, (k, t) in enumerate(declared) if k == "no_cost_shifting" and t == "grid"]
    suffix = f"; this breaches provision {', '.join(cited)}" if cited else ""
    assert messages(result, "PE102") == [PE102_TEXT + suffix]


# == PE205: assessment on cooperation items under `no_cooperation_assessment` ==========================

NO_COOP = "provisions:\n  - {id: no_coop, kind: no_cooperation_assessment, tier: grid}\n"


def coop_regime(fields: str) -> str:
    return f"assessments:\n  - {{id: coop_check, assessor: dept, assessed: grid{fields}}}\n"


def test_pe205_flags_an_assessment_on_cooperation_items(tmp_path):
    regime = coop_regime(", items: [census, fire]")
    result = lint(tmp_path / "en", assess_yaml=regime, prov_yaml=NO_COOP)
    assert located(result, "PE205") == [("PE205", "assess.yaml", 2, 32)]
    assert messages(result, "PE205") == [
        "'Dept' assesses 'Grid' on cooperation item(s) 'Census', 'Fire' of list(s) 'grid_coop' (regime 'coop_check'); "
        "this breaches provision 'no_coop'"
    ]
    zh = lint(tmp_path / "zh", "zh", assess_yaml=regime, prov_yaml=NO_COOP)
    assert messages(zh, "PE205") == [
        "“dept”就“grid_coop”中的配合事项“census”、“fire”对“grid”考核(考核“coop_check”);违反规定“no_coop”"
    ]


def test_pe205_reads_categories_and_the_assessors_own_items(tmp_path):
    by_category = lint(tmp_path / "c", assess_yaml=coop_regime(", categories: [safety]"), prov_yaml=NO_COOP)
    assert messages(by_category, "PE205") == [
        "'Dept' assesses 'Grid' on cooperation item(s) 'Fire' of list(s) 'grid_coop' (regime 'coop_check'); "
        "this breaches provision 'no_coop'"
    ]
    owned = lint(tmp_path / "o", assess_yaml=coop_regime(""), prov_yaml=NO_COOP)
    assert [m.split(" of list")[0] for m in messages(owned, "PE205")] == [
        "'Dept' assesses 'Grid' on cooperation item(s) 'Fire'"
    ]


def test_pe205_leaves_cooperation_items_alone_without_the_provision_or_off_the_lists(tmp_path):
    elsewhere = "provisions:\n  - {id: no_coop, kind: no_cooperation_assessment, tier: street}\n"
    assert located(lint(tmp_path / "a", assess_yaml=coop_regime(", items: [census]")), "PE205") == []
    assert (
        located(lint(tmp_path / "b", assess_yaml=coop_regime(", items: [census]"), prov_yaml=elsewhere), "PE205") == []
    )
    inspection = coop_regime(", kind: inspection, items: [census]")
    assert located(lint(tmp_path / "c", assess_yaml=inspection, prov_yaml=NO_COOP), "PE205") == []
    off_list = "items:\n  - {id: other, name: {en: O}, kind: line, owner: dept, tier: grid, role: report}\n"
    result = lint(tmp_path / "d", assess_yaml=coop_regime(", items: [other]"), prov_yaml=NO_COOP, more_yaml=off_list)
    assert located(result, "PE205") == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["census", "fire"]), unique=True), st.booleans())
def test_pe205_cooperation_finding_iff_a_listed_item_is_assessed_under_the_provision(tmp_path_factory, named, declared):
    # naming no item falls back to the items the assessor owns: 'Fire', on the list by its category
    regime = coop_regime(f", items: [{', '.join(named)}]") if named else coop_regime("")
    result = lint(tmp_path_factory.mktemp("c"), assess_yaml=regime, prov_yaml=NO_COOP if declared else "{}\n")
    expected = [("PE205", "assess.yaml", 2, 32)] if declared else []
    assert located(result, "PE205") == expected


# == a provision naming `items` or `lists` covers only those ===========================================

SECOND_COOP = "lists:\n  - {id: other_coop, tier: grid, kind: cooperation, items: [fire]}\n"


@pytest.mark.parametrize(
    ("scope", "flagged", "lists"),
    [
        ("", "'Census', 'Fire'", "'grid_coop', 'other_coop'"),
        (", items: [census]", "'Census'", "'grid_coop'"),
        (", lists: [other_coop]", "'Fire'", "'grid_coop', 'other_coop'"),
        (", lists: [grid_coop], items: [fire]", "'Census', 'Fire'", "'grid_coop', 'other_coop'"),
        (", lists: [grid_duties]", None, None),
        (", items: [stall]", None, None),
    ],
)
def test_pe205_judges_only_the_cooperation_items_the_provision_covers(tmp_path, scope, flagged, lists):
    provision = f"provisions:\n  - {{id: no_coop, kind: no_cooperation_assessment, tier: grid{scope}}}\n"
    files = {"items_yaml": UNFUNDED, "more_yaml": SECOND_COOP}
    result = lint(tmp_path, assess_yaml=coop_regime(", items: [census, fire]"), prov_yaml=provision, **files)
    expected = [
        f"'Dept' assesses 'Grid' on cooperation item(s) {flagged} of list(s) {lists} (regime 'coop_check'); "
        "this breaches provision 'no_coop'"
    ]
    assert messages(result, "PE205") == (expected if flagged else [])
    assert located(result, "PE205") == ([("PE205", "assess.yaml", 2, 32)] if flagged else [])


@pytest.mark.parametrize(
    ("scope", "cited"),
    [
        ("", True),
        (", items: [stall]", True),
        (", items: [fire]", False),
        (", lists: [stall_list]", True),
        (", lists: [grid_coop]", False),
    ],
)
def test_pe102_cites_only_a_no_cost_shifting_provision_that_covers_the_item(tmp_path, scope, cited):
    provision = f"provisions:\n  - {{id: ns, kind: no_cost_shifting, tier: grid{scope}}}\n"
    stall_list = "lists:\n  - {id: stall_list, tier: grid, kind: duties, items: [stall]}\n"
    result = lint(tmp_path, items_yaml=UNFUNDED, prov_yaml=provision, more_yaml=stall_list)
    assert located(result, "PE102") == [("PE102", "items.yaml", 2, 67)]
    assert messages(result, "PE102") == [PE102_TEXT + ("; this breaches provision 'ns'" if cited else "")]


# == why names the provision PE102 and PE205 cite, at its declaration ==================================


def test_why_shows_the_provision_pe102_and_pe205_cite(tmp_path):
    files = {
        "base.yaml": BASE,
        "items.yaml": UNFUNDED,
        "assess.yaml": coop_regime(", items: [census]"),
        "prov.yaml": NO_COOP + "  - {id: no_shifting, kind: no_cost_shifting, tier: grid}\n",
    }
    root = write_policy(tmp_path, files)
    for code, subject, cited in (("PE102", "stall", "no_shifting"), ("PE205", "coop_check", "no_coop")):
        out = CliRunner().invoke(main, ["why", str(root), code, subject, "--on", ON])
        assert out.exit_code == 0, out.output
        last = out.output.splitlines()[-1]
        line = 3 if cited == "no_shifting" else 2
        assert last.strip().startswith(f"names provision '{cited}'  ["), last
        assert last.endswith(f"prov.yaml:{line}:10]"), last

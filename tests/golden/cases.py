"""The commands whose output is held byte for byte: every command and format on the bundled policy,
the examples and the reforms, in both languages, and bad input that must give one located line.

A case is a name, the command's arguments and, for bad input, the files it needs (written under a
temporary directory, named `{tmp}` in the arguments and in the recorded output). Every case judges
grants on a fixed date, so the output does not depend on the day it runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ON = ["--on", "2020-01-01"]
LANGS = ("en", "zh")
H = "policies/h_district"
REFORMS = ("admission_gate", "information_grid", "specialised_platform", "paper_remedy")


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]
    files: dict[str, bytes] = field(default_factory=dict)  # written under {tmp} before the command runs
    capture: tuple[str, ...] = ()  # files under {tmp} the command writes, recorded after its output
    env: dict[str, str] = field(default_factory=dict)


def _examples() -> list[str]:
    found = sorted(
        {
            str(p.parent.relative_to(ROOT))
            for p in (ROOT / "examples").rglob("*.yaml")
            # the corpus of real documents keeps its own outputs beside each document (tests/regulations.py)
            if "reforms" not in p.parts and "tests" not in p.parts and "regulations" not in p.parts
        }
    )
    return found


def _slug(text: str) -> str:
    return text.replace("policies/", "").replace("examples/", "ex-").replace("/", "-")


# -- the policies, every command ----------------------------------------------------------------------

SARIF = {"en": (H, "examples/authority", "examples/structure/yaml_syntax"), "zh": (H,)}


def _lint() -> list[Case]:
    cases = []
    for path in [H, *_examples()]:
        for lang in LANGS:
            for fmt in ("text", "json", "sarif", "github"):
                if fmt == "sarif" and path not in SARIF.get(lang, ()):
                    continue  # the rule table is the bulk of a SARIF log: held for a few policies only
                cases.append(
                    Case(
                        f"lint-{_slug(path)}-{fmt}-{lang}",
                        ("lint", path, "--format", fmt, "--lang", lang, "--no-color", *ON),
                    )
                )
    for reform in REFORMS:
        for lang in LANGS:
            for fmt in ("text", "json"):
                cases.append(
                    Case(
                        f"lint-reform-{reform}-{fmt}-{lang}",
                        (
                            "lint",
                            "--reform",
                            f"examples/reforms/{reform}.yaml",
                            "--format",
                            fmt,
                            "--lang",
                            lang,
                            "--no-color",
                            *ON,
                        ),
                    )
                )
    for path in [
        H,
        "examples/authority",
        "examples/assessment",
        "examples/trace_management",
        "examples/admission/inadmissible_item",
        "examples/admission/list_over_capacity",
    ]:
        for lang in LANGS:
            for fmt in ("text", "json"):
                cases.append(
                    Case(
                        f"lint-explain-{_slug(path)}-{fmt}-{lang}",
                        ("lint", path, "--explain", "--format", fmt, "--lang", lang, "--no-color", *ON),
                    )
                )
    cases.append(
        Case(
            "lint-h-select-ignore",
            ("lint", H, "--select", "PE1,PE3", "--ignore", "PE105", "--no-color", "--format", "text", *ON),
        )
    )
    cases.append(Case("lint-h-fail-level-error", ("lint", H, "--fail-level", "error", "--format", "json", *ON)))
    return cases


def _admit() -> list[Case]:
    cases = []
    targets = [
        ("h", (H,)),
        *((f"reform-{r}", ("--reform", f"examples/reforms/{r}.yaml")) for r in REFORMS),
        *((_slug(p), (p,)) for p in _examples() if p.startswith("examples/admission/")),
    ]
    for name, args in targets:
        for lang in LANGS:
            for fmt in ("text", "json"):
                cases.append(Case(f"admit-{name}-{fmt}-{lang}", ("admit", *args, "--format", fmt, "--lang", lang, *ON)))
    cases.append(Case("admit-structural-error", ("admit", "examples/structure/unknown_reference", *ON)))
    return cases


def _verify() -> list[Case]:
    """What the prover says of the bundled policy and each reform (the counterexamples are the solver's
    models made plain: the same on every run of the same z3)."""
    cases = [Case(f"verify-h-text-{lang}", ("verify", H, "--lang", lang, *ON)) for lang in LANGS]
    for r in REFORMS:
        args = ("verify", "--reform", f"examples/reforms/{r}.yaml", *ON)
        cases += [Case(f"verify-{r}-text-{lang}", (*args, "--lang", lang)) for lang in LANGS]
        cases.append(Case(f"verify-{r}-json-en", (*args, "--format", "json")))
    cases.append(
        Case(
            "verify-admission_gate-sarif-en",
            ("verify", "--reform", "examples/reforms/admission_gate.yaml", "--format", "sarif", *ON),
        )
    )
    return cases


def _diff() -> list[Case]:
    return [
        Case(f"diff-{r}-{fmt}-{lang}", ("diff", H, f"examples/reforms/{r}.yaml", "--format", fmt, "--lang", lang, *ON))
        for r in REFORMS
        for lang in LANGS
        for fmt in ("text", "json")
    ]


# (policy, code, subject) of findings whose chains are held: every finding of the bundled policy and
# of the examples that teach one code each
WHY = [
    *(
        (H, code, subject)
        for code, subject in [
            ("PE304", "district_monthly"),
            ("PE302", "street_q_workers"),
            ("PE303", "street_q_workers"),
            ("PE307", "street_q_workers"),
            ("PE313", "grid_team"),
            ("PE305", "nucleic_acid_testing"),
            ("PE102", "routine_law_policy_publicity"),
            ("PE102", "fire_hazards_small_venues"),
            ("PE104", "fire_hazards_small_venues"),
            ("PE101", "fire_hazards_small_venues"),
            ("PE101", "occupied_road_business"),
            ("PE104", "production_safety"),
            ("PE101", "production_safety"),
            ("PE102", "broken_road"),
            ("PE104", "broken_road"),
            ("PE103", "broken_road"),
            ("PE203", "census"),
            ("PE203", "nucleic_acid_testing"),
            ("PE105", "grid"),
            ("PE200", "grid"),
            ("PE301", "grid"),
            ("PE316", "district_monthly"),
            ("PE317", "street_calls_district_answers"),
        ]
    ),
    ("examples/trace_management", "PE315", "wgt_word_count"),
    *(
        ("examples/authority", code, subject)
        for code, subject in [
            ("PE101", "fire_hazards_small_venues"),
            ("PE102", "elderly_home_visits"),
            ("PE103", "broken_road"),
            ("PE104", "river_pollution"),
            ("PE204", "grid_admission"),
            ("PE105", "grid"),
        ]
    ),
    *(
        ("examples/assessment", code, subject)
        for code, subject in [
            ("PE304", "district_monthly"),
            ("PE302", "street_q_workers"),
            ("PE303", "street_q_workers"),
            ("PE305", "nucleic_acid_testing"),
            ("PE301", "grid"),
            ("PE316", "district_monthly"),
            ("PE317", "street_calls_district_answers"),
        ]
    ),
    *(("examples/scoring", code, "township_assesses_grid_workers") for code in ("PE306", "PE307", "PE309")),
    ("examples/scoring", "PE308", "grid_office_spot_checks"),
    ("examples/scoring", "PE313", "grid_team"),
    ("examples/structure/cannot_judge", "PE010", "street_stall"),
    ("examples/admission/admission_procedure_incomplete", "PE204", "fire_hazard_reporting"),
    ("examples/admission/admission_procedure_incomplete", "PE204", "admission:grid_admission"),
    ("examples/admission/inadmissible_item", "PE201", "occupied_road_clearance"),
    ("examples/admission/list_over_capacity", "PE206", "grid_line_list"),
    ("examples/admission/no_admission_procedure", "PE200", "grid"),
    ("examples/admission/separate_assessment", "PE205", "fire_department_check"),
    ("examples/admission/temporary_admission_unbounded", "PE203", "census_support"),
    ("examples/admission/unlisted_pushdown", "PE202", "door_to_door_registration"),
    ("examples/admission/open_catch_all", "PE208", "grid_duties"),
    ("examples/admission/unlisted_inspection", "PE209", "civilised_community_rating"),
    ("examples/admission/inadmissible_item", "PE201", "item:occupied_road_clearance"),
]


def _why() -> list[Case]:
    cases = []
    for path, code, subject in WHY:
        for lang in LANGS:
            for fmt in ("text", "json"):
                cases.append(
                    Case(
                        f"why-{_slug(path)}-{code}-{subject.replace(':', '_')}-{fmt}-{lang}",
                        ("why", path, code, subject, "--format", fmt, "--lang", lang, *ON),
                    )
                )
    return cases


# the codes whose pages were held when the golden files were written
EXPLAINED = (
    *(f"PE00{n}" for n in range(1, 10)),
    *(f"PE10{n}" for n in range(1, 6)),
    *(f"PE20{n}" for n in range(7)),
    *(f"PE30{n}" for n in range(1, 6)),
)


def _explain() -> list[Case]:
    cases = [Case(f"explain-list-{lang}", ("explain", "--lang", lang)) for lang in LANGS]
    cases += [Case(f"explain-{code}", ("explain", code)) for code in EXPLAINED]
    cases += [Case(f"explain-PE950-{lang}", ("explain", "PE950", "--lang", lang)) for lang in LANGS]
    return cases


def _other() -> list[Case]:
    cases = [Case(f"graph-h-{fmt}", ("graph", H, "--format", fmt, *ON)) for fmt in ("json", "dot", "graphml")]
    cases += [Case("graph-structural-error", ("graph", "examples/structure/tier_cycle"))]
    cases += [
        Case(f"test-examples-{fmt}-{lang}", ("test", "examples/tests", "--format", fmt, "--lang", lang))
        for lang in LANGS
        for fmt in ("text", "json")
    ]
    cases += [Case("schema", ("schema",))]
    for lang in LANGS:
        cases.append(
            Case(
                f"report-h-{lang}",
                ("report", H, "--no-timestamp", "--lang", lang, "-o", "{tmp}/r.html", *ON),
                capture=("r.html",),
            )
        )
        cases.append(
            Case(
                f"report-gate-{lang}",
                (
                    "report",
                    "--reform",
                    "examples/reforms/admission_gate.yaml",
                    "--no-timestamp",
                    "--lang",
                    lang,
                    "-o",
                    "{tmp}/r.html",
                    *ON,
                ),
                capture=("r.html",),
            )
        )
    cases.append(
        Case(
            "report-h-simulate",
            (
                "report",
                H,
                "--no-timestamp",
                "--simulate",
                "--months",
                "3",
                "--runs",
                "2",
                "--seed",
                "5",
                "-o",
                "{tmp}/r.html",
                *ON,
            ),
            capture=("r.html",),
        )
    )
    cases.append(
        Case(
            "report-structural",
            ("report", "examples/structure/duplicate_key", "--no-timestamp", "-o", "{tmp}/r.html", *ON),
            capture=("r.html",),
        )
    )
    small = ("--months", "4", "--runs", "3", "--seed", "7", *ON)
    for lang in LANGS:
        for fmt in ("text", "json", "csv"):
            cases.append(Case(f"simulate-h-{fmt}-{lang}", ("simulate", H, *small, "--format", fmt, "--lang", lang)))
        cases.append(
            Case(
                f"simulate-gate-parts-{lang}",
                (
                    "simulate",
                    H,
                    "--reform",
                    "examples/reforms/admission_gate.yaml",
                    "--reform-parts",
                    "groups",
                    *small,
                    "--lang",
                    lang,
                ),
            )
        )
        cases.append(
            Case(
                f"simulate-sweep-{lang}",
                ("simulate", H, "--sweep", "fabrication_min_shortfall=1:5:2", *small, "--lang", lang),
            )
        )
    cases.append(
        Case(
            "simulate-out",
            ("simulate", H, "--months", "3", "--runs", "2", "--seed", "3", "--out", "{tmp}/o", *ON, "--format", "json"),
            capture=("o/simulation.json", "o/metrics.csv", "o/calibration.csv"),
        )
    )
    return cases


# -- bad input: one line each, in both languages ------------------------------------------------------

POLICY = (ROOT / "examples" / "admission" / "inadmissible_item" / "policy.yaml").read_bytes()

# files under {tmp}: name -> content
BAD_FILES: dict[str, dict[str, bytes]] = {
    "not-utf8": {"p/policy.yaml": b'policy:\n  id: x\n  name: {en: "\xff"}\n'},
    "nul": {"p/policy.yaml": b"policy:\n  id: x\x00\n"},
    "empty": {"p/policy.yaml": b"   \n"},
    "comments-only": {"p/policy.yaml": b"# nothing\n"},
    "no-yaml": {"p/readme.txt": b"hello\n"},
    "deep": {"p/policy.yaml": ("x: " + "[" * 101 + "]" * 101 + "\n").encode()},
    "deep-5000": {"p/policy.yaml": ("x: " + "[" * 5000 + "]" * 5000 + "\n").encode()},
    "deep-tiers": {
        "p/policy.yaml": (
            "tiers:\n  - {id: t1, name: {en: T1}}\n"
            + "".join(f"  - {{id: t{i}, name: {{en: T{i}}}, parent: t{i - 1}}}\n" for i in range(2, 10_001))
        ).encode()
    },
    "rule-values": {
        "p/policy.yaml": POLICY.replace(
            b'        when item.kind != "line" then admit\n',
            b'        when item.kind != "line" then admit with term(-5d), transfer(money = -1000, people = 1 - 3)\n',
        )
    },
    "rule-escape": {
        "p/policy.yaml": POLICY.replace(
            b'        when item.kind != "line" then admit\n', b'        when item.kind != "li\\rne" then admit\n'
        )
    },
    "numbers": {
        "p/policy.yaml": POLICY
        + b"figures:\n  - {id: f, value: "
        + b"9" * 400
        + b"}\n  - {id: g, value: 1.7e308}\n  - {id: h, value: -2e15}\n  - {id: i, value: .inf}\n"
    },
    "empty-document": {"p/policy.yaml": POLICY + b"---\n# nothing yet\n"},
    "recursive-alias": {"p/policy.yaml": b"a: &x\n  b: *x\n"},
    "alias-bomb": {
        "p/policy.yaml": (
            "a: &a [1,1,1,1,1,1,1,1,1,1]\n"
            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(7))
        ).encode()
    },
    "yaml-syntax": {"p/policy.yaml": b"policy:\n  id: [x\n"},
    "control-char": {"p/policy.yaml": b"policy:\n  id: x\x07y\n"},
    "tags": {
        "p/policy.yaml": POLICY + b"figures:\n  - !!python/object {id: f}\n  - {id: g, value: !!int x}\n"
        b"  - {id: h, value: .nan}\n"
    },
    "merge-key": {
        "p/policy.yaml": POLICY + b"figures:\n  - &f {id: f, value: 1}\n  - {<<: *f, id: g}\n  - {[1]: 2, id: h}\n"
    },
    "duplicate-key": {
        "p/policy.yaml": POLICY.replace(
            b"  id: example_inadmissible_item\n", b"  id: example_inadmissible_item\n  id: again\n"
        )
    },
    "schema": {
        "p/policy.yaml": POLICY.replace(
            b"    kind: line\n    owner: fire_department\n    tier: grid\n    role: assist",
            b"    kind: lien\n    owner: fire_department\n    tier: grid\n    rol: assist",
        )
        + b'duties:\n  - {id: d, applies_to: grid, start: 8:30, end: "9"}\n  - {id: d2}\n'
        b"platform_rules: [3]\n"
    },
    "unknown-reference": {
        "p/policy.yaml": POLICY.replace(
            b"owner: fire_department\n    tier: grid\n    role: assist",
            b"owner: fire_departmnt\n    tier: gird\n    role: assist",
        )
    },
    "rules-broken": {
        "p/policy.yaml": POLICY.replace(
            b'      - >\n        when item.kind != "line" then admit\n',
            b"".join(
                b"      - '" + rule + b"'\n"
                for rule in [
                    b'when item.kind = "line" then admit',
                    b"when item.requires > 3 then admit",
                    b'when item.kindd == "line" and not 3 then admit otherwise admit',
                    b'when 3 then admit with transfer(money="x", colour=1), term(3), devolve(3)',
                    b'when item.funding == 1 then finding PE901 loud "x"',
                    b'when all(p in 3: p) and any(p in item.requires: 3) then reject "x"',
                    b'when {1, "a"} <= item.requires then admit',
                    b'when -item.kind == 2019-02-30 or item.cost.hours - "a" > 1 then admit',
                    b'when true then admit when item.kind == "line" then admit',
                    b"when false then admit otherwise admit",
                    b'when count(1, 2) > 0 and nosuch(1) and count(3) > 0 then reject "x"',
                    b'when item.kind.x == 1 or item.kind in 3 or item.kind and true then reject "x"',
                    b"when nobody == 1 then admit",
                    b'when item.kind == "line" $ then admit',
                    b'when item.kind == "line" then',
                ]
            )
            + b'      - >\n        when item.kind != "line" then admit\n',
        )
        + b"    rules: [gate, nosuch_rule, unit_rule]\n",
        "p/gate.rules": b'rule gate for item:\n  when item.kind == "line" then admit\n'
        b'rule unit_rule for unit:\n  when unit.headcount < 2 then finding PE902 info "small"\n'
        b"rule gate for item:\n  otherwise admit\n"
        b"rule broken for item:\n  when item. then admit\n"
        b"rule odd for thing:\n  otherwise admit\n",
    },
    "tier-cycle": {
        "p/policy.yaml": b"policy: {id: x, name: {en: x}}\ntiers:\n  - {id: a, parent: b}\n  - {id: b, parent: a}\n"
    },
}

CONFIGS: dict[str, bytes] = {
    "unknown-key": b'selct = ["PE1"]\n',
    "unknown-code": b'ignore = ["PE777"]\n',
    "select-not-list": b"select = 3\n",
    "severity-structural": b'[severity]\nPE001 = "info"\n',
    "severity-bad": b'[severity]\nPE101 = "loud"\n',
    "severity-unknown-code": b'[severity]\nPE1x = "info"\n',
    "threshold-unknown": b"[thresholds.PE101]\nmax_coverage = 3\n",
    "threshold-negative": b"[thresholds]\nPE105 = {ratio = -1}\n",
    "threshold-nan": b"[thresholds.PE101]\nmax_co_handler_coverage = nan\n",
    "threshold-huge": b"[thresholds.PE105]\nratio = " + b"9" * 400 + b"\n",
    "deep": b"select = " + b"[" * 101 + b"]" * 101 + b"\n",
    "bom": b"\xef\xbb\xbfselct = ['PE1']\n",
    "threshold-list": b"[thresholds.PE303]\nstakes = [1]\n",
    "threshold-not-table": b"[thresholds]\nPE105 = 2\n",
    "threshold-unknown-code": b"[thresholds.PE999]\nx = 1\n",
    "thresholds-not-table": b"thresholds = 3\n",
    "fail-level": b'fail-level = "loud"\n',
    "invalid-toml": b"select = [\n",
    "not-utf8": b'select = ["\xff"]\n',
}

REFORM_HEAD = b"reform:\n  id: r\n  baseline: ../p\noperations:\n"
REFORMS_BAD: dict[str, bytes] = {
    "no-reform-key": b"operations: []\n",
    "reform-unknown-key": b"reform: {id: r, baseline: ../p, colour: red}\noperations: []\n",
    "no-baseline": b"reform: {id: r}\noperations: []\n",
    "top-unknown": b"reform: {id: r, baseline: ../p}\noperations: []\nextra: 1\n",
    "ops-not-list": b"reform: {id: r, baseline: ../p}\noperations: 3\n",
    "bad-target": REFORM_HEAD + b"  - {op: set, target: items, path: kind, value: line}\n",
    "unknown-section": REFORM_HEAD + b"  - {op: remove, target: itemz/x}\n",
    "no-entry": REFORM_HEAD + b"  - {op: remove, target: items/nosuch}\n",
    "no-position": REFORM_HEAD + b'  - {op: remove, target: "items[9]"}\n',
    "conflict": REFORM_HEAD + b"  - {op: set, target: items/fire_hazard_reporting, path: kind, value: routine}\n"
    b"  - {op: set, target: items/fire_hazard_reporting, path: kind, value: line}\n",
    "unknown-op": REFORM_HEAD + b"  - {op: explode, target: items/fire_hazard_reporting}\n",
    "op-unknown-key": REFORM_HEAD + b"  - {op: remove, target: items/fire_hazard_reporting, colour: red}\n",
    "singleton-op": REFORM_HEAD + b"  - {op: remove, target: workflow}\n",
    "no-singleton": REFORM_HEAD + b"  - {op: set, target: workflow, path: escalation, value: [grid]}\n",
    "move-unknown-tier": REFORM_HEAD + b"  - {op: move, target: items/fire_hazard_reporting, tier: moon}\n",
    "grant-no-to": REFORM_HEAD + b"  - {op: grant, powers: [penalty]}\n",
    "revoke-missing": REFORM_HEAD + b"  - {op: revoke, from: grid_team, powers: [penalty]}\n",
    "transfer-bad": REFORM_HEAD + b"  - {op: transfer, target: items/fire_hazard_reporting, money: lots}\n",
    "add-no-section": REFORM_HEAD + b"  - {op: add, value: {id: z}}\n",
    "add-duplicate": REFORM_HEAD + b"  - {op: add, section: items, value: {id: fire_hazard_reporting}}\n",
    "rules-target": REFORM_HEAD
    + b'  - {op: add_rules, target: items/fire_hazard_reporting, criteria: ["otherwise admit"]}\n',
    "unset-missing": REFORM_HEAD + b"  - {op: unset, target: items/fire_hazard_reporting, path: nosuch}\n",
    "baseline-missing": b"reform: {id: r, baseline: ../nowhere}\noperations: []\n",
    "syntax": b"reform: {id: r\n",
    "target-typo": REFORM_HEAD + b"  - {op: remove, target: items/fire_hazard_reportin}\n",
    "list-typo": REFORM_HEAD
    + b"  - {op: move, target: items/fire_hazard_reporting, tier: grid, list: grid_lne_list}\n",
    "operand-type": REFORM_HEAD + b"  - {op: grant, to: {unit: grid_team}, powers: [penalty, 3]}\n",
    "operand-missing": REFORM_HEAD + b"  - {op: set, target: items/fire_hazard_reporting, value: 1}\n",
    "transfer-nothing": REFORM_HEAD + b"  - {op: transfer, target: items/fire_hazard_reporting}\n",
    "name-form": b"reform: {id: r, baseline: ../p, name: abc}\noperations: []\n",
    "ops-entry": REFORM_HEAD + b"  - remove items/fire_hazard_reporting\n",
}

BASELINES: dict[str, bytes] = {
    "not-json": b"{\n",
    "not-baseline": b'{"tool": "other"}\n',
    "version": b'{"tool": "policyengine", "version": 99, "findings": []}\n',
    "no-fingerprint": b'{"tool": "policyengine", "version": 1, "findings": [{}]}\n',
    "not-utf8": b"\xff\xfe\n",
}

TESTFILES: dict[str, bytes] = {
    "not-mapping": b"- 3\n",
    "unknown-key": b"test: t\npolicy: ../p\nexpect: {exit: 1}\ncolour: red\n",
    "no-expect": b"test: t\npolicy: ../p\n",
    "empty-expect": b"test: t\npolicy: ../p\nexpect: {}\n",
    "bad-code": b"test: t\npolicy: ../p\nexpect: {findings: [{code: PE77}]}\n",
    "unknown-code": b"test: t\npolicy: ../p\nexpect: {findings: [{code: PE777}]}\n",
    "bad-subject": b"test: t\npolicy: ../p\nexpect: {findings: [{code: PE201, subject: nokind}]}\n",
    "bad-severity": b"test: t\npolicy: ../p\nexpect: {findings: [{code: PE201, severity: loud}]}\n",
    "bad-decision": b"test: t\npolicy: ../p\nexpect: {admission: {x: maybe}}\n",
    "bad-exit": b"test: t\npolicy: ../p\nexpect: {exit: 5}\n",
    "bad-on": b"test: t\npolicy: ../p\non: yesterday\nexpect: {exit: 1}\n",
    "no-policy": b"test: t\nexpect: {exit: 1}\n",
    "missing-policy": b"test: t\npolicy: ../nowhere\nexpect: {exit: 1}\n",
    "bad-bundled": b"test: t\npolicy: bundled:nowhere\nexpect: {exit: 1}\n",
    "duplicate-name": b"- {test: t, policy: ../p, expect: {exit: 1}}\n- {test: t, policy: ../p, expect: {exit: 1}}\n",
    "empty-list": b"[]\n",
    "two-docs": b"test: t\n---\ntest: u\n",
    "unmet": b"- test: everything unmet\n  policy: ../p\n  on: 2020-01-01\n  expect:\n"
    b"    findings: [{code: PE101}, {code: PE201, subject: item:fire_hazard_reporting, line: 3, severity: error,"
    b" message: nothing}]\n"
    b"    absent: [{code: PE201}]\n    counts: {PE201: 3, PE101: 1}\n    exit: 0\n"
    b"    admission:\n      occupied_road_clearance: {decision: admitted, procedure: x, devolve: [penalty],"
    b" money: 1, term_days: 3}\n      nosuch: admitted\n",
}


def _bad() -> list[Case]:
    cases = []
    policy = {"p/policy.yaml": POLICY}

    def both(name: str, argv: tuple[str, ...], files: dict[str, bytes], **kw) -> None:
        for lang in LANGS:
            cases.append(Case(f"bad-{name}-{lang}", (*argv, "--lang", lang), files, **kw))

    for name, files in BAD_FILES.items():
        both(f"policy-{name}", ("lint", "{tmp}/p", "--no-color", "--format", "text", *ON), files)
    both("policy-rules-broken-admit", ("admit", "{tmp}/p", *ON), BAD_FILES["rules-broken"])
    both("missing-path", ("lint", "{tmp}/nowhere", *ON), {})
    both("no-path", ("lint",), {})
    for name, text in CONFIGS.items():
        both(f"config-{name}", ("lint", "{tmp}/p", "--config", "{tmp}/c.toml", *ON), {**policy, "c.toml": text})
    both(
        "config-pyproject-tool",
        ("lint", "{tmp}/p", "--config", "{tmp}/pyproject.toml", *ON),
        {**policy, "pyproject.toml": b"tool = 3\n"},
    )
    both(
        "config-pyproject-table",
        ("lint", "{tmp}/p", "--config", "{tmp}/pyproject.toml", *ON),
        {**policy, "pyproject.toml": b"[tool]\npolicyengine = 3\n"},
    )
    both("config-missing", ("lint", "{tmp}/p", "--config", "{tmp}/none.toml", *ON), policy)
    both("config-and-isolated", ("lint", "{tmp}/p", "--config", "{tmp}/c.toml", "--isolated", *ON), policy)
    both("select-unknown", ("lint", "{tmp}/p", "--select", "PE77", *ON), policy)
    both("explain-sarif", ("lint", "{tmp}/p", "--explain", "--format", "sarif", *ON), policy)
    both(
        "two-paths-reform",
        ("lint", "{tmp}/p", "{tmp}/p", "--reform", "{tmp}/r/r.yaml", *ON),
        {**policy, "r/r.yaml": REFORM_HEAD + b"  []\n"},
    )
    both(
        "write-baseline-structural",
        ("lint", "{tmp}/p", "--write-baseline", "{tmp}/b.json", *ON),
        BAD_FILES["unknown-reference"],
    )
    both("write-baseline", ("lint", "{tmp}/p", "--write-baseline", "{tmp}/b.json", *ON), policy, capture=("b.json",))
    both("write-baseline-dir", ("lint", "{tmp}/p", "--write-baseline", "{tmp}/p", *ON), policy)
    for name, text in BASELINES.items():
        both(f"baseline-{name}", ("lint", "{tmp}/p", "--baseline", "{tmp}/b.json", *ON), {**policy, "b.json": text})
    both("baseline-missing", ("lint", "{tmp}/p", "--baseline", "{tmp}/none.json", *ON), policy)
    for name, text in REFORMS_BAD.items():
        both(f"reform-{name}", ("lint", "--reform", "{tmp}/r/r.yaml", *ON), {**policy, "r/r.yaml": text})
    for name, text in TESTFILES.items():
        both(f"test-{name}", ("test", "{tmp}/t/x.pe-test.yaml"), {**policy, "t/x.pe-test.yaml": text})
    both("test-no-files", ("test", "{tmp}/p"), policy)
    both("test-missing", ("test", "{tmp}/nowhere"), {})
    both("why-unknown-code", ("why", H, "PE777", "grid", *ON), {})
    both("why-no-finding", ("why", H, "PE101", "grid", *ON), {})
    both("why-did-you-mean", ("why", H, "PE101", "fire_hazards_small_venue", *ON), {})
    both("why-elsewhere", ("why", H, "PE101", "nothing_like_it", *ON), {})
    both("why-no-code", ("why", "examples/well_designed", "PE101", "x", *ON), {})
    both("why-structural", ("why", "examples/structure/unknown_reference", "PE101", "x", *ON), {})
    both("explain-unknown", ("explain", "PE777"), {})
    both("report-dir", ("report", H, "-o", "{tmp}", *ON), {})
    both("report-no-parent", ("report", H, "-o", "{tmp}/none/r.html", *ON), {})
    both("report-epoch", ("report", H, "-o", "{tmp}/r.html", *ON), {}, env={"SOURCE_DATE_EPOCH": "soon"})
    both("bundled-unknown", ("lint", "bundled:nowhere", *ON), {})
    both("graph-missing", ("graph", "{tmp}/nowhere"), {})
    both("graph-out-dir", ("graph", H, "-o", "{tmp}", *ON), {})
    # what a path names is checked before it is opened: a device, a directory where a file belongs
    both("reform-device", ("lint", "--reform", "/dev/null", *ON), {})
    both("config-dir", ("lint", "{tmp}/p", "--config", "{tmp}/p", *ON), policy)
    both("test-device", ("test", "/dev/null"), {})
    both("docs-root-file", ("generate-docs", "--check", "--root", "{tmp}/p/policy.yaml"), policy)
    sim = ("simulate", H, "--months", "2", "--runs", "2", *ON)
    both("simulate-no-path", ("simulate",), {})
    both("simulate-sweep-form", (*sim, "--sweep", "x"), {})
    both("simulate-sweep-unknown", (*sim, "--sweep", "fabrication_min_shortfal=1:2:2"), {})
    both("simulate-sweep-nan", (*sim, "--sweep", "fabrication_min_shortfall=nan:2:2"), {})
    both("simulate-sweep-range", (*sim, "--sweep", "detection_probability=0:3:2"), {})
    both(
        "simulate-sweep-twice",
        (*sim, "--sweep", "fabrication_min_shortfall=1:2:2", "--sweep", "fabrication_min_shortfall=1:2:2"),
        {},
    )
    both("simulate-sweep-huge", (*sim, "--sweep", "fabrication_min_shortfall=1:2:100000000"), {})
    both("simulate-scheduler-scheme", (*sim, "--scheduler", "ftp://x:1"), {})
    both("simulate-scheduler-form", (*sim, "--scheduler", "nonsense"), {})
    both("simulate-scheduler-workers", (*sim, "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"), {})
    both("simulate-parts-no-reform", (*sim, "--reform-parts", "ops"), {})
    both("simulate-out-file", (*sim, "--out", "{tmp}/f"), {"f": b"x"})
    both("simulate-parquet-no-out", (*sim, "--sweep-format", "parquet"), {})
    both("simulate-months", ("simulate", H, "--months", "2000", "--runs", "2", *ON), {})
    both("simulate-runs", ("simulate", H, "--months", "2", "--runs", "1", *ON), {})
    both("simulate-no-problems", ("simulate", "{tmp}/p", "--months", "2", "--runs", "2", *ON), policy)
    both(
        "simulate-two-paths-reform",
        ("simulate", H, H, "--reform", "examples/reforms/admission_gate.yaml", "--months", "2", "--runs", "2", *ON),
        {},
    )
    return cases


# a broken baseline under a reform: the baseline's own findings, at the baseline, for each command
BROKEN_BASELINES: dict[str, bytes] = {
    "syntax": b"items:\n  - id: a\n    kind: [\n",
    "not-mapping": b"- 3\n",
    "empty-document": b"---\n",
    "section-type": b"items: 3\n",
}
SET_KIND = REFORM_HEAD + b"  - {op: set, target: items/fire_hazard_reporting, path: kind, value: routine}\n"
# the inadmissible item rejected for another reason: one finding whose message changes
REASON = REFORM_HEAD + (
    b"  - op: replace_rules\n    target: admission/grid_admission\n    criteria:\n"
    b'      - when item.kind != "line" then admit\n'
    b'      - when item.role == "report" then admit\n'
    b'      - otherwise reject "the grid only reports"\n'
)


def _reform_cases() -> list[Case]:
    cases = []

    def both(name: str, argv: tuple[str, ...], files: dict[str, bytes]) -> None:
        cases.extend(Case(f"{name}-{lang}", (*argv, "--lang", lang), files) for lang in LANGS)

    for name, text in BROKEN_BASELINES.items():
        files = {"p/policy.yaml": text, "r/r.yaml": SET_KIND}
        both(f"bad-baseline-{name}-lint", ("lint", "--reform", "{tmp}/r/r.yaml", "--no-color", *ON), files)
        if name in ("syntax", "section-type"):
            both(f"bad-baseline-{name}-admit", ("admit", "--reform", "{tmp}/r/r.yaml", *ON), files)
            both(f"bad-baseline-{name}-diff", ("diff", "{tmp}/p", "{tmp}/r/r.yaml", *ON), files)
    files = {"p/policy.yaml": POLICY, "r/r.yaml": REASON}
    for fmt in ("text", "json"):
        both(f"diff-changed-{fmt}", ("diff", "{tmp}/p", "{tmp}/r/r.yaml", "--format", fmt, *ON), files)
    move = {"p/policy.yaml": POLICY, "r/r.yaml": REFORMS_BAD["move-unknown-tier"]}
    both("bad-diff-reformed-structural", ("diff", "{tmp}/p", "{tmp}/r/r.yaml", *ON), move)
    return cases


def all_cases() -> list[Case]:
    cases = [*_lint(), *_admit(), *_verify(), *_diff(), *_why(), *_explain(), *_other(), *_bad(), *_reform_cases()]
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "case names repeat"
    return cases

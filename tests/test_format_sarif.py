"""`lint --format sarif`: SARIF 2.1.0 valid against the official schema, with the rules, regions and
fingerprints GitHub code scanning reads."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from policyengine import __version__
from policyengine.checks import CATALOGUE as CODES
from policyengine.config import from_mapping
from policyengine.fingerprint import fingerprints
from policyengine.formatters import FORMATS, sarif
from policyengine.formatters.regions import end_column
from policyengine.lint import lint_paths

from .util import write_policy

REPO = Path(__file__).resolve().parents[1]
# the OASIS SARIF 2.1.0 schema (errata01), as published at its `id` URL
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
ON = "2026-01-01"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def validator():
    """The official schema's validator: every SARIF log the tests write is checked against it."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the schema says draft-04
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def valid(validator, text: str) -> dict:
    log = json.loads(text)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    return log


def test_the_official_schema_is_read(validator):
    assert validator.schema["id"].endswith("/sarif-schema-2.1.0.json")
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}  # a driver without its name
    assert list(validator.iter_errors(broken))


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture(scope="module")
def h_district():
    return lint_paths([REPO / "policies/h_district"], on=ON)


def region(res: dict) -> tuple:
    loc = res["locations"][0]["physicalLocation"]
    r = loc["region"]
    return loc["artifactLocation"]["uri"], r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]


def by_subject(log: dict, code: str, subject: str) -> dict:
    return next(
        r for r in log["runs"][0]["results"] if r["ruleId"] == code and r["properties"]["subject"]["id"] == subject
    )


def test_h_district_is_valid_sarif_with_the_tool_and_every_catalogue_rule(validator, in_repo):
    result = lint_paths(["policies/h_district"], on=ON)
    log = valid(validator, FORMATS["sarif"](result, "en", None))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("policyengine", __version__, __version__)
    # no informationUri: the package is not on the Python Package Index, and a page that does not exist
    # is worse than none (SARIF makes it optional)
    assert "informationUri" not in driver
    assert [r["id"] for r in driver["rules"]] == list(CODES)
    for rule in driver["rules"]:
        code = CODES[rule["id"]]
        assert rule["name"] == code.name and rule["properties"]["zh"] == code.zh
        assert (
            rule["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[code.severity.label]
        )
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        doc = CODES[rule["id"]].doc
        if doc is not None:  # the check's page is its help; its summary and why are the full description
            assert rule["help"] == {"text": doc, "markdown": doc}
            assert all(part in doc for part in rule["fullDescription"]["markdown"].split("\n\n"))
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": REPO.as_uri() + "/"}}
    results = run["results"]
    assert len(results) == 41 and {r["level"] for r in results} == {"warning", "note"}
    for res, finding in zip(results, result.findings, strict=True):
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"] == finding.code
        assert res["message"]["text"] == finding.message
        uri, line, column, end_line, end_column_ = region(res)
        assert uri == finding.span.file and not uri.startswith("/")
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert (line, column, end_line) == (finding.span.line, finding.span.column, finding.span.line)
        assert end_column_ > column
    assert [r["partialFingerprints"]["policyengine/v1"] for r in results] == fingerprints(result.findings)
    assert len({r["partialFingerprints"]["policyengine/v1"] for r in results}) == 41
    artifacts = [a["location"]["uri"] for a in run["artifacts"]]
    assert artifacts == [Path(f.path).as_posix() for f in result.files]


def test_a_known_finding_has_its_rule_level_region_and_message(validator, in_repo):
    log = valid(validator, sarif.render(lint_paths(["policies/h_district"], on=ON)))
    fire = by_subject(log, "PE101", "fire_hazards_small_venues")
    assert fire["level"] == "warning"
    assert fire["ruleIndex"] == list(CODES).index("PE101")
    # items.yaml:332:11 `    role: handle`: the region is the scalar `handle`
    assert region(fire) == ("policies/h_district/items.yaml", 332, 11, 332, 17)
    assert fire["message"]["text"].startswith(
        "item 'Fire hazards in small venues (the nine small places)': tier 'Grid' must handle it"
    )
    road = by_subject(log, "PE103", "broken_road")  # `    mobilises: [highway_bureau]`: the flow item
    assert region(road) == ("policies/h_district/items.yaml", 454, 17, 454, 31)
    grid = by_subject(log, "PE301", "grid")  # `  - id: grid`
    assert region(grid) == ("policies/h_district/tiers.yaml", 47, 9, 47, 13)


def test_levels_follow_the_configured_severity_and_the_default_stays_the_catalogues(validator, in_repo):
    config = from_mapping({"severity": {"PE101": "error", "PE102": "info"}}, "test")
    log = valid(validator, sarif.render(lint_paths(["policies/h_district"], config, on=ON)))
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert (levels["PE101"], levels["PE102"], levels["PE103"]) == ("error", "note", "warning")
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["PE101"]["defaultConfiguration"]["level"] == "warning"
    assert rules["PE001"]["defaultConfiguration"]["level"] == "error"


def test_a_yaml_syntax_error_is_an_error_at_its_line_and_column(validator, tmp_path):
    root = write_policy(tmp_path / "bad", {"p.yaml": "tiers:\n  - {id: district, name: {en: D}\n  - id: x\n"})
    result = lint_paths([root])
    log = valid(validator, sarif.render(result))
    [res] = log["runs"][0]["results"]
    assert (res["ruleId"], res["level"], res["ruleIndex"]) == ("PE001", "error", 0)
    assert res["message"]["text"].startswith("YAML syntax error")
    # outside the current directory: an absolute file:// URI, no base
    assert region(res) == ((root / "p.yaml").as_uri(), 3, 3, 3, 4)
    assert "uriBaseId" not in res["locations"][0]["physicalLocation"]["artifactLocation"]


def test_a_reform_points_into_the_reform_file_and_the_baseline(validator, in_repo):
    result = lint_paths([], reform="examples/reforms/admission_gate.yaml", on=ON)
    log = valid(validator, sarif.render(result))
    uris = {region(r)[0] for r in log["runs"][0]["results"]}
    assert "examples/reforms/admission_gate.yaml" in uris and "policies/h_district/items.yaml" in uris
    gate = by_subject(log, "PE204", "grid_admission")  # `      id: grid_admission` in the reform
    assert region(gate) == ("examples/reforms/admission_gate.yaml", 21, 11, 21, 25)
    assert log["runs"][0]["artifacts"][-1]["location"] == {
        "uri": "examples/reforms/admission_gate.yaml",
        "uriBaseId": "%SRCROOT%",
    }


CHECKS = """\
rule line_item "条线事项" for item:
  when item.kind == "line" then finding PE950 warning "a line item on the grid"

rule small_team for unit:
  when unit.headcount < 2 then finding PE951 info "a team of one"

rule deep for tier:
  when tier.depth >= 2 then finding PE952 error "a third tier: grid, 100% sure"
"""

POLICY = """\
tiers:
  - {id: district, name: {en: District}}
  - {id: street, name: {en: Street}, parent: district}
  - {id: grid, name: {en: Grid}, parent: street}
units:
  - {id: bureau, name: {en: Bureau}, tier: district, kind: functional_department}
  - {id: team, name: {en: Grid team}, tier: grid, kind: grid_team, headcount: 1}
items:
  - {id: fire, name: {en: Fire}, kind: line, owner: bureau, tier: grid, role: report}
"""


def custom_policy(tmp_path: Path) -> Path:
    return write_policy(tmp_path / "custom", {"p.yaml": POLICY, "checks.rules": CHECKS})


def test_custom_checks_become_rules_after_the_catalogue(validator, tmp_path):
    result = lint_paths([custom_policy(tmp_path)], from_mapping({"select": ["PE9"]}, "test"), on=ON)
    log = valid(validator, sarif.render(result))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [*CODES, "PE950", "PE951", "PE952"]
    custom = {r["id"]: r for r in rules[len(CODES) :]}
    assert [(c, custom[c]["name"], custom[c]["defaultConfiguration"]["level"]) for c in custom] == [
        ("PE950", "line_item", "warning"),
        ("PE951", "small_team", "note"),
        ("PE952", "deep", "error"),
    ]
    got = [
        (r["ruleId"], rules[r["ruleIndex"]]["id"], r["level"], r["message"]["text"], region(r)[1:])
        for r in log["runs"][0]["results"]
    ]
    assert got == [
        ("PE952", "PE952", "error", "a third tier: grid, 100% sure", (4, 10, 4, 14)),
        ("PE951", "PE951", "note", "a team of one", (7, 10, 7, 14)),
        ("PE950", "PE950", "warning", "a line item on the grid", (9, 10, 9, 14)),
    ]


def test_rule_file_errors_are_regions_of_rule_tokens(validator, tmp_path):
    root = custom_policy(tmp_path)
    (root / "checks.rules").write_text(
        CHECKS.replace('item.kind == "line"', 'item.kind = "line"').replace("tier.depth >= 2", "tier.depth >="),
        encoding="utf-8",
    )
    log = valid(validator, sarif.render(lint_paths([root], from_mapping({"select": ["PE0"]}, "t"), on=ON)))
    got = [(r["ruleId"], Path(region(r)[0]).name, *region(r)[1:]) for r in log["runs"][0]["results"]]
    # `  when item.kind = "line"`: the `=`; `  when tier.depth >= then`: the `then`
    assert got == [("PE006", "checks.rules", 2, 18, 2, 19), ("PE006", "checks.rules", 8, 22, 8, 26)]


def test_fingerprints_survive_lines_inserted_above_the_findings(validator, tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    shutil.copytree(REPO / "policies/h_district", before)
    shutil.copytree(REPO / "policies/h_district", after)
    for name in ("items.yaml", "tiers.yaml"):
        path = after / name
        path.write_text("\n\n# moved down\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    old = valid(validator, sarif.render(lint_paths([before], on=ON)))["runs"][0]["results"]
    new = valid(validator, sarif.render(lint_paths([after], on=ON)))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in new] == [r["partialFingerprints"] for r in old]
    shifted = {Path(region(r)[0]).name for r, s in zip(old, new, strict=True) if region(s)[1] != region(r)[1]}
    assert shifted == {"items.yaml", "tiers.yaml"}
    for r, s in zip(old, new, strict=True):
        moved = 4 if Path(region(r)[0]).name in ("items.yaml", "tiers.yaml") else 0
        assert region(s)[1:] == (region(r)[1] + moved, region(r)[2], region(r)[3] + moved, region(r)[4])


def test_lang_zh_gives_chinese_messages_and_the_same_fingerprints(validator, h_district):
    zh = valid(validator, sarif.render(lint_paths([REPO / "policies/h_district"], lang="zh", on=ON), "zh"))
    en = valid(validator, sarif.render(h_district, "en"))
    zh_results, en_results = zh["runs"][0]["results"], en["runs"][0]["results"]
    assert all(CJK.search(r["message"]["text"]) for r in zh_results)
    assert not any(CJK.search(r["message"]["text"]) for r in en_results)
    assert [r["partialFingerprints"] for r in zh_results] == [r["partialFingerprints"] for r in en_results]
    assert zh["runs"][0]["language"] == "zh-CN" and en["runs"][0]["language"] == "en-US"
    pe101 = next(r for r in zh["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "PE101")
    assert CJK.search(pe101["shortDescription"]["text"]) and pe101["shortDescription"]["text"].endswith("。")


def test_the_output_is_the_same_bytes_every_time(tmp_path, h_district):
    first = sarif.render(h_district)
    again = sarif.render(lint_paths([REPO / "policies/h_district"], on=ON))
    assert first == again and first.endswith("}\n")
    assert "\\u" not in first and "有责无权" in first  # UTF-8, not escaped
    assert first.startswith('{\n  "$schema"')  # indented by two spaces


def test_paths_are_relative_to_the_directory_given_as_root(tmp_path, h_district):
    log = json.loads(sarif.render(h_district, root=REPO / "policies"))
    fire = by_subject(log, "PE101", "fire_hazards_small_venues")
    assert region(fire)[0] == "h_district/items.yaml"
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (REPO / "policies").as_uri() + "/"
    elsewhere = json.loads(sarif.render(h_district, root=tmp_path))
    assert region(by_subject(elsewhere, "PE101", "fire_hazards_small_venues"))[0] == (
        (REPO / "policies/h_district/items.yaml").as_uri()
    )


def test_a_file_name_with_spaces_and_chinese_is_percent_encoded(validator, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_policy(tmp_path / "区 政策", {"p.yaml": POLICY, "checks.rules": CHECKS})
    log = valid(validator, sarif.render(lint_paths(["区 政策"], from_mapping({"select": ["PE95"]}, "t"), on=ON)))
    assert region(log["runs"][0]["results"][0])[0] == "%E5%8C%BA%20%E6%94%BF%E7%AD%96/p.yaml"


@pytest.mark.parametrize(
    "line, column, end",
    [
        ("    role: handle", 11, 17),  # a plain value
        ("  - id: grid   # the grid", 9, 13),  # before a comment
        ("    role: handle", 5, 9),  # a key ends at its colon
        ("    mobilises: [highway_bureau, road]", 17, 31),  # an item of a flow sequence
        ("  - {id: district, name: {en: D}}", 5, 6),  # a flow mapping's brace
        ("  - {id: district, name: {en: D}}", 10, 18),  # a scalar in a flow mapping
        ('    name: "a \\" b" # c', 11, 19),  # a double-quoted string with an escape
        ("    name: 'it''s' # c", 11, 18),  # a single-quoted string with a quote
        ("  - id: x", 3, 4),  # a block sequence entry
        ("    name: {zh: 网格长, en: grid}", 16, 19),  # code points, not bytes
        ("    name: {zh: 网格长, en: grid}", 25, 29),
        ("    text: |-", 11, 13),  # a block scalar's header
        ("    ref: *anchor", 10, 17),  # an alias
        ("    a: b", 40, 41),  # past the end of the line
        ("", 1, 2),  # no line
        ("    - 'when item.kind = \"line\" then admit'", 23, 24),  # inside a quoted criterion: a rule token
    ],
)
def test_end_column_is_the_end_of_the_token(line, column, end):
    assert end_column(line, column) == end


def test_end_column_in_rule_text():
    line = '  when item.cost.yuan_per_year >= 30d then finding PE950 warning "x y"'
    assert end_column(line, 3, rule_text=True) == 7  # when
    assert end_column(line, 32, rule_text=True) == 34  # >=
    assert end_column(line, 35, rule_text=True) == 38  # 30d
    assert end_column(line, 66, rule_text=True) == 71  # "x y"


def test_the_cli_writes_sarif_when_it_offers_the_format(validator, in_repo):
    from click.testing import CliRunner

    from policyengine.cli import main

    formats = next(p for p in main.commands["lint"].params if p.name == "fmt").type
    if "sarif" not in getattr(formats, "choices", ()):
        pytest.skip("this version's `lint --format` does not offer sarif")
    out = CliRunner().invoke(main, ["lint", "policies/h_district", "--format", "sarif", "--on", ON])
    assert out.exit_code == 1
    assert out.output == sarif.render(lint_paths(["policies/h_district"], on=ON))
    valid(validator, out.output)


def test_a_long_one_line_flow_policy_costs_one_pass_per_line():
    # a minified JSON policy is one line: every finding on it must not rescan the whole line
    names = [f"item_{k}" for k in range(20000)]
    line = "{items: [" + ", ".join(names) + "]}"
    column = len("{items: [") + 1
    for k, name in enumerate(names[::10]):
        start = line.index(name + ",", column - 1) + 1 if k else column
        assert end_column(line, start) == start + len(name)
        column = start

"""`policyengine report`: the HTML page's sections and numbers against `lint`, `admit`, `diff` and
`simulate`; languages; byte identity; no network resource; errors as one line, exit 2."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.lint import lint_paths
from policyengine.simulate.metrics import METRICS

from .util import write_policy

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
GATE = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
ON = "2020-01-01"
ROW = re.compile(r'<tr class="finding sev-(\w+)" data-code="([^"]+)" data-tier="([^"]+)" data-severity="(\w+)">')


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def build(out: Path, *args: str, env: dict | None = None) -> str:
    result = run("report", *args, "--on", ON, "-o", str(out), env=env)
    assert result.exit_code == 0, result.output
    said = f"policyengine:已写入 {out}\n" if "zh" in args else f"policyengine: wrote {out}\n"
    assert result.stderr == said
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    d = tmp_path_factory.mktemp("report")
    return {
        "en": build(d / "en.html", H, "--no-timestamp"),
        "zh": build(d / "zh.html", H, "--no-timestamp", "--lang", "zh"),
        "gate": build(d / "gate.html", H, "--reform", GATE, "--no-timestamp"),
    }


def lint_json(*args: str) -> dict:
    result = run("lint", *args, "--on", ON, "--format", "json")
    return json.loads(result.stdout)


def section(page: str, ident: str) -> str:
    start = page.index(f'<section id="{ident}">')
    return page[start : page.index("</section>", start)]


def visible_text(page: str) -> str:
    """The page's text without its style, script and tags (ids and codes stay: they are not labels)."""
    page = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def expected_tiers(doc: dict, paths=(H,), reform=None) -> Counter:
    """The tier of each finding's subject, as the page must show it: item -> its tier, unit -> its
    tier, tier -> itself, else a dash."""
    policy = lint_paths(list(paths), None, "en", ON, reform).policy
    tiers = Counter()
    for f in doc["findings"]:
        kind, ident = f["subject"]["kind"], f["subject"]["id"]
        tiers[
            policy.items[ident].tier
            if kind == "item"
            else policy.units[ident].tier
            if kind == "unit"
            else ident
            if kind == "tier"
            else "—"
        ] += 1
    return tiers


def test_sections_and_header(pages):
    page = pages["en"]
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for ident in ("findings", "pyramid", "graph", "admission"):
        assert f'<section id="{ident}">' in page
    assert '<section id="reform">' not in page and '<section id="simulation">' not in page
    assert '<dd id="policy-id">h_district</dd>' in page
    assert f'<dd id="judged-on">{ON}</dd>' in page
    assert '<span class="badge" data-count="findings">Findings 41</span>' in page
    assert '<span class="badge warning" data-count="warning">warnings 36</span>' in page
    assert '<span class="badge" data-count="items">items 14</span>' in page
    assert '<span class="badge" data-count="files">files 12</span>' in page
    assert 'id="generated"' not in page


def test_findings_table_matches_lint(pages):
    doc = lint_json(H)
    rows = ROW.findall(pages["en"])
    assert len(rows) == len(doc["findings"]) == 41
    assert Counter(code for _, code, _, _ in rows) == Counter(f["code"] for f in doc["findings"])
    assert Counter(code for _, code, _, _ in rows)["PE102"] == 10
    assert (
        Counter(sev for _, _, _, sev in rows)
        == Counter(f["severity"] for f in doc["findings"])
        == {"warning": 36, "info": 5}
    )
    tiers = Counter(tier for _, _, tier, _ in rows)
    assert tiers == expected_tiers(doc)
    assert tiers == {"grid": 27, "—": 14}  # 23 items, 3 tier findings and a unit at the grid; 7 on regimes,
    # a duty, a channel and five platform rules
    assert 'data-template="{n} of {m} shown"' in pages["en"] and ">41 of 41 shown</span>" in pages["en"]
    # the selects offer what the rows carry
    assert '<option value="PE102">PE102 unfunded-mandate (10)</option>' in pages["en"]
    assert '<option value="grid">Grid</option>' in pages["en"]  # the tier's name, the id in the value
    assert '<option value="warning">warning</option>' in pages["en"]
    text = visible_text(pages["en"])
    for f in doc["findings"]:
        assert f["message"] in text


def test_pyramid_numbers(pages):
    part = section(pages["en"], "pyramid")
    table = part[part.index('<table id="pyramid-table">') :]
    rows = re.findall(r'<tr data-tier="(\w+)">(.*?)</tr>', table)
    assert [t for t, _ in rows] == ["district", "street", "community", "grid"]
    numbers = {t: dict(re.findall(r'data-(?:dim|col)="(\w+)">([^<]*)<', cells)) for t, cells in rows}
    assert numbers["district"] == {
        "resources": "0.75",
        "task_setting": "0.75",
        "timing": "0.75",
        "assessment": "0.75",
        "authority": "0.75",
        "assigned": "0",
        "stated": "0",
        "load": "0",
    }
    assert numbers["community"]["authority"] == "0.25"
    assert numbers["grid"] == {
        "resources": "0",
        "task_setting": "0",
        "timing": "0",
        "assessment": "0",
        "authority": "0",
        "assigned": "14",
        "stated": "996",
        "load": "1010",
    }
    # the load is the one PE105 reports
    pe105 = [f for f in lint_json(H)["findings"] if f["code"] == "PE105"]
    assert len(pe105) == 1 and "carries 1010 items" in pe105[0]["message"]
    svg = part[part.index("<svg") : part.index("</svg>")]
    assert svg.count('class="load"') == 1  # only the grid carries load
    assert svg.count('class="dim-resources"') == 3  # district, street, community; the grid holds none
    assert "grid ⚠ PE105" in svg


def test_graph_layers_and_edges(pages):
    svg = section(pages["en"], "graph")
    assert svg.count('class="tier-box"') == 4
    assert svg.count('<g class="unit">') == 14
    # the grid's 14 items are grouped per role: handle 9, report 1, assist 4
    assert svg.count('<g class="item">') == 3
    assert "handle: 9 items" in svg and "report: 1 items" in svg and "assist: 4 items" in svg
    kinds = Counter(re.findall(r'class="edge edge-(\w+)"', svg))
    assert kinds == {
        "assigned_to": 3,
        "escalates_to": 3,
        "dispatches_to": 5,
        "co_handled_by": 3,
        "mobilises": 1,
        "returns_to": 2,
    }
    # the district and the street return events to the grid, the tier the duty is assigned to (the road case)
    returns = re.findall(r'<path class="edge edge-returns_to" d="M([\d.]+),([\d.]+) [^"]* L([\d.]+),([\d.]+)"', svg)
    assert len(returns) == 2 and len({(x, y) for _, _, x, y in returns}) == 2
    assert ">handle ×9</text>" in svg


def test_admission_matches_admit(pages):
    doc = json.loads(run("admit", H, "--on", ON, "--format", "json").stdout)
    part = section(pages["en"], "admission")
    rows = re.findall(r'<tr data-decision="(\w+)" data-item="(\w+)">', part)
    assert rows == [(d["decision"], d["item"]) for d in doc["decisions"]]
    assert len(rows) == 14
    assert "0 admitted, 0 conditional, 0 pending review, 0 rejected, 14 unreviewed" in part
    assert doc["summary"] == {"admitted": 0, "conditional": 0, "pending": 0, "rejected": 0, "unreviewed": 14}
    assert "No conditional admission: nothing moves." in part


def test_reform_side_by_side(pages):
    page = pages["gate"]
    before, after = lint_json(H), lint_json(H, "--reform", GATE)
    assert (len(before["findings"]), len(after["findings"])) == (41, 26)
    part = section(page, "reform")
    assert '<th class="num" id="total-before">41</th><th class="num" id="total-after">26</th>' in part
    per_code = {
        c: (int(a), int(b))
        for c, a, b in re.findall(
            r'<tr data-code="(PE\d+)"><td class="code">PE\d+</td><td>[^<]*</td><td class="num">(\d+)</td>'
            r'<td class="num">(\d+)</td>',
            part,
        )
    }
    assert per_code == {
        c: (Counter(f["code"] for f in before["findings"])[c], Counter(f["code"] for f in after["findings"])[c])
        for c in {f["code"] for f in before["findings"] + after["findings"]}
    }
    assert per_code["PE102"] == (10, 0) and per_code["PE204"] == (0, 5)
    diff = json.loads(run("diff", H, GATE, "--on", ON, "--format", "json").stdout)
    assert f"Structural changes ({len(diff['changes'])})" in part and len(diff["changes"]) == 17  # 3 invariants
    assert "Findings fixed (20)" in part and "Findings changed (4)" in part and "Findings introduced (5)" in part
    assert "17 unchanged" in part  # as diff counts them: a finding with another message is changed, once
    assert diff["summary"] == {"fixed": 20, "changed": 4, "introduced": 5, "unchanged": 17}
    # two pyramids, and the load moved: 4 items now at the district
    assert part.count('<svg class="pyramid"') == 2
    assert re.search(
        r'<tr data-tier="district"><td>District</td><td class="num">0.75</td><td class="num">0.75</td>'
        r'<td class="num">0</td><td class="num">4</td></tr>',
        part,
    )
    # every decision changed: 10 admitted at the grid, 4 moved up and unreviewed
    changed = re.findall(
        r'<tr data-item="(\w+)"><td>[^<]+</td><td>(\w+)</td><td>(\w+)</td><td>(\w+)</td>'
        r"<td>(\w+)</td>",
        part,
    )
    assert len(changed) == 14 and "Decisions that changed (14)" in part
    assert ("broken_road", "Grid", "unreviewed", "District", "unreviewed") in changed
    assert ("census", "Grid", "unreviewed", "Grid", "admitted") in changed
    # the findings table shows what `lint --reform` reports
    assert len(ROW.findall(page)) == 26 and ">26 of 26 shown</span>" in page
    assert '<dd id="reform-id">admission_gate</dd>' in page
    admitted = re.findall(r'<tr data-decision="admitted"', section(page, "admission"))
    assert len(admitted) == 10


def test_reform_without_path_uses_its_baseline(tmp_path, pages):
    page = build(tmp_path / "r.html", "--reform", GATE, "--no-timestamp")
    assert '<th class="num" id="total-before">41</th><th class="num" id="total-after">26</th>' in page


def test_chinese_labels(pages):
    page = pages["zh"]
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh">')
    assert "<h2>诊断</h2>" in page and "<h2>治理权与责任</h2>" in page and "<h2>责任关系图</h2>" in page
    assert "<h2>准入决定</h2>" in page
    assert ">显示 41 / 41 条</span>" in page and 'data-template="显示 {n} / {m} 条"' in page
    assert "全部代码" in page and "全部层级" in page and "全部级别" in page
    assert "准入 0 项,附条件准入 0 项,待审核 0 项,不予准入 0 项,未经审查 14 项" in page
    assert "办理:9 项" in page  # the grid's handle group
    assert '<option value="grid">网格</option>' in page
    assert '<td class="sev">警告</td>' in page and "<td>事项“人口普查”</td>" in page
    # the findings in Chinese, as `lint --lang zh` says them
    zh = json.loads(run("lint", H, "--on", ON, "--format", "json", "--lang", "zh").stdout)
    text = visible_text(page)
    for f in zh["findings"]:
        assert f["message"] in text
    for english in (
        "Findings",
        "Authority against responsibility",
        "Admission decisions",
        "of 37 shown",
        "responsibility load",
        "unreviewed",
        "warning",
        "handle",
        "item ",
        "assessment ",
        "Grid (",
    ):
        assert english not in text


def test_same_bytes_for_the_same_input(tmp_path, pages):
    again = build(tmp_path / "again.html", H, "--no-timestamp")
    assert again == pages["en"]
    assert (tmp_path / "again.html").read_bytes() == pages["en"].encode("utf-8")


def test_timestamp_by_default_and_source_date_epoch(tmp_path, pages):
    stamped = build(tmp_path / "a.html", H, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert '<dd id="generated">2023-11-14 22:13:20 UTC</dd>' in stamped
    assert build(tmp_path / "b.html", H, env={"SOURCE_DATE_EPOCH": "1700000000"}) == stamped
    assert (
        stamped.replace('<div><dt>Generated</dt><dd id="generated">2023-11-14 22:13:20 UTC</dd></div>\n', "")
        == pages["en"]
    )
    now = build(tmp_path / "c.html", H)
    assert re.search(r'<dd id="generated">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC</dd>', now)
    bad = run("report", H, "-o", str(tmp_path / "d.html"), env={"SOURCE_DATE_EPOCH": "soon"})
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "SOURCE_DATE_EPOCH" in bad.stderr


def test_nothing_is_loaded_from_the_network(pages):
    for page in pages.values():
        assert "http://" not in page and "https://" not in page and "//cdn" not in page
        assert not re.search(r"<(link|img|iframe|object|embed)\b", page)
        assert not re.search(r"<script[^>]*\bsrc=", page)
        assert re.findall(r"url\(([^)]*)\)", page) and all(
            u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", page)
        )
        assert "@import" not in page
        # every link stays on the page
        assert all(h.startswith("#") for h in re.findall(r'\bhref="([^"]*)"', page))
        assert re.findall(r'\bsrc="([^"]*)"', page) == []
        assert "default-src 'none'" in page


def test_policy_text_is_escaped(tmp_path):
    root = write_policy(
        tmp_path / "p",
        {
            "p.yaml": """
        policy: {id: esc, name: {en: "<script>alert(1)</script>"}}
        tiers:
          - {id: district, name: {en: "D & <b>bold</b>"}}
          - {id: grid, name: {en: Grid}, parent: district}
        """
        },
    )
    page = build(tmp_path / "e.html", str(root), "--no-timestamp")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "D &amp; &lt;b&gt;bold&lt;/b&gt;" in page


def test_simulation_charts_match_simulate(tmp_path):
    page = build(
        tmp_path / "s.html",
        H,
        "--reform",
        GATE,
        "--simulate",
        "--months",
        "3",
        "--runs",
        "2",
        "--seed",
        "7",
        "--no-timestamp",
    )
    sim = json.loads(
        run(
            "simulate",
            H,
            "--reform",
            GATE,
            "--months",
            "3",
            "--runs",
            "2",
            "--seed",
            "7",
            "--on",
            ON,
            "--format",
            "json",
        ).stdout
    )
    part = section(page, "simulation")
    assert "3 months × 2 runs, seed 7" in part
    assert part.count('<g class="sim-point">') == len(METRICS) * 2  # a dot and whisker per metric and scenario
    rows = re.findall(r"<tr><td>(\w+)</td><td class=\"num\">([^<]*)</td><td class=\"num\">([^<]*)</td></tr>", part)
    assert len(rows) == len(METRICS)
    for metric, base, gate in rows:
        for cell, scenario in ((base, "baseline"), (gate, "admission_gate")):
            m = sim["scenarios"][scenario]["metrics"][metric]

            def fmt(x):
                return f"{x:,.1f}" if abs(x) >= 100 else f"{x:.4f}"

            assert cell == f"{fmt(m['mean'])} [{fmt(m['low'])}, {fmt(m['high'])}]"
    assert "baseline: mean [2.5%, 97.5%]" in part
    # a reform by its declared name, a case figure by its
    gate = "Admission gate for the grid: authority follows responsibility, funding follows tasks"
    assert f"{gate}: mean [2.5%, 97.5%]" in part and "admission_gate: mean" not in part
    assert "<tr><td>L Street&#39;s event qualification rate</td>" in part


def test_structural_errors_still_give_a_page(tmp_path):
    root = write_policy(
        tmp_path / "p",
        {
            "p.yaml": """
        tiers:
          - {id: district, name: {en: District}}
          - {id: grid, name: {en: Grid}, parent: nowhere}
        """
        },
    )
    page = build(tmp_path / "e.html", str(root), "--no-timestamp", "--simulate")
    rows = ROW.findall(page)
    doc = lint_json(str(root))
    assert [(c, s) for _, c, _, s in rows] == [(f["code"], f["severity"]) for f in doc["findings"]]
    assert rows and all(s == "error" for _, _, _, s in rows)
    codes = sorted({c for _, c, _, _ in rows})
    assert f"The policy has structural or rule errors ({', '.join(codes)})" in page
    for ident in ("pyramid", "graph", "admission"):
        assert "needs the errors fixed first" in section(page, ident)
    assert "The simulation needs the errors fixed first." in section(page, "simulation")
    assert "<svg" not in page


def test_unreadable_input_is_one_line_exit_2(tmp_path):
    result = run("report", str(tmp_path / "missing"), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("policyengine: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output and not (tmp_path / "x.html").exists()
    result = run("report", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2 and result.stderr == "policyengine: give a policy PATH, or --reform FILE\n"


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "policyengine: cannot write to {out} (no such directory)\n"),
        ("zh", "policyengine: 无法写入 {out}(目录不存在)\n"),
    ],
)
def test_unwritable_output_is_one_line_exit_2(tmp_path, lang, expected):
    out = tmp_path / "no" / "such" / "dir" / "r.html"
    result = run("report", H, "-o", str(out), "--lang", lang)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == expected.format(out=out)


def test_output_that_is_a_directory_is_refused(tmp_path):
    result = run("report", H, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: cannot write to {tmp_path} (it is a directory)\n"


def test_read_only_output_is_refused(tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o500)
    try:
        result = run("report", H, "-o", str(tmp_path / "ro" / "r.html"))
    finally:
        (tmp_path / "ro").chmod(0o700)
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: cannot write to {tmp_path / 'ro' / 'r.html'} (permission denied)\n"


def test_a_crowded_tier_is_grouped(tmp_path):
    units = "".join(
        f"  - {{id: dept{n}, name: {{en: Department {n}}}, tier: district, kind: functional_department}}\n"
        for n in range(40)
    )
    units += "".join(
        f"  - {{id: com{n}, name: {{en: Committee {n}}}, tier: district, kind: committee}}\n" for n in range(3)
    )
    items = "".join(
        f"  - {{id: task{n}, name: {{en: Task {n}}}, kind: routine, tier: grid, "
        f"role: {('handle', 'report', 'assist')[n % 3]}, mobilises: [dept{n % 40}]}}\n"
        for n in range(60)
    )
    root = tmp_path / "p"
    root.mkdir()
    (root / "p.yaml").write_text(
        "tiers:\n  - {id: district, name: {en: District}}\n"
        "  - {id: grid, name: {en: Grid}, parent: district}\n"
        f"units:\n{units}items:\n{items}",
        encoding="utf-8",
    )
    page = build(tmp_path / "c.html", str(root), "--no-timestamp")
    svg = section(page, "graph")
    assert svg.count('<g class="unit">') == 2  # 43 units: two kinds
    assert "committee: 3 units" in svg and "functional_department: 40 units" in svg
    assert svg.count('<g class="item">') == 3 and "handle: 20 items" in svg
    # 60 items mobilising 40 units: one edge per group and target group, with its count
    assert Counter(re.findall(r'class="edge edge-(\w+)"', svg)) == {"assigned_to": 3, "mobilises": 3}
    assert ">×20</text>" in svg
    assert len(svg) < 20_000


def test_same_bytes_across_processes_and_hash_seeds(tmp_path, pages):
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"p{seed}.html"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "policyengine",
                "report",
                H,
                "--reform",
                GATE,
                "--on",
                ON,
                "--no-timestamp",
                "-o",
                str(out),
            ],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == f"policyengine: wrote {out}\n" and done.stdout == ""
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == pages["gate"].encode("utf-8")


def test_the_configuration_found_from_the_path_applies(tmp_path):
    """The page shows the findings `lint` reports under the same configuration file."""
    project = tmp_path / "project"
    import shutil

    shutil.copytree(H, project / "h")
    (project / "policyengine.toml").write_text('ignore = ["PE2"]\n[severity]\nPE105 = "error"\n')
    page = build(tmp_path / "r.html", str(project / "h"), "--no-timestamp")
    rows = ROW.findall(page)
    expected = lint_json(str(project / "h"))["findings"]
    assert len(rows) == len(expected) == 41 - 5  # the PE200 and four PE203 findings are ignored
    assert not any(code.startswith("PE2") for _, code, _, _ in rows)
    assert ("error", "PE105", "grid", "error") in rows
    isolated = build(tmp_path / "i.html", str(project / "h"), "--no-timestamp", "--isolated")
    assert len(ROW.findall(isolated)) == 41


@pytest.mark.parametrize(
    ("lang", "tier", "subject"), [("zh", "网格", "事项“人口普查”"), ("en", "Grid", "item &#39;Census&#39;")]
)
def test_the_tables_name_tiers_and_subjects_by_their_names(pages, lang, tier, subject):
    page = pages[lang]
    assert f"<td>{tier}</td><td>{subject}</td>" in page  # the findings table's tier and subject columns
    assert "<td>grid</td>" not in page and "<td>district</td>" not in page
    assert 'data-tier="grid"' in page  # the filters still match on the id

"""Sensitivity over the assumptions (`simulate --sensitivity`): the ranges a policy declares and
their errors, the Morris and Sobol' results' structure, the share of the assumption space, the
same bytes whatever the backend, a resumed analysis, the sample within its ranges, and SALib as an
optional extra."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.simulate.assumptions import Declared, declared_ranges
from policyengine.simulate.metrics import METRICS
from policyengine.simulate.parameters import PARAMETERS
from policyengine.simulate.runs import load_policy
from policyengine.simulate.sensitivity import draw, sensitivity, sobol_points
from policyengine.span import NOWHERE

from .test_simulate import ON, TINY
from .util import lint_files, located, write_policy

pytest.importorskip("SALib", reason="the sensitivity extra: pip install '.[sensitivity]'")

# line 5 is detection_probability's, line 6 return_probability_dual's, line 7 audit_probability's
RANGED = """
    simulation:
      problems:
        - {id: hazards, item: hazard, per_grid_per_day: 1.0}
      parameters:
        detection_probability: {value: 0.8, range: [0.5, 1.0], note: "seen or not"}
        return_probability_dual: {value: 0.5, range: [0.2, 0.9]}
        audit_probability: {range: [0, 0.3]}
        escalation_points: 5
        return_penalty_points: 0
        closure_points: -100
"""
REFORM = """
reform: {id: owner_acts, baseline: BASE}
operations:
  - {op: set, target: items/hazard, path: responsibility, value: owner}
"""
SMALL = {"months": 2, "runs": 2, "seed": 3, "on": ON}


def tiny(tmp_path: Path, simulation: str = RANGED) -> tuple[str, str]:
    """The tiny policy of test_simulate with `simulation`, and a reform of it."""
    root = write_policy(tmp_path / "policy", {**TINY, "simulation.yaml": simulation})
    reform = tmp_path / "reform.yaml"
    reform.write_text(REFORM.replace("BASE", str(root)), encoding="utf-8")
    return str(root), str(reform)


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, ["simulate", *args])


def test_ranges_are_read_with_their_place_and_a_range_without_value_keeps_the_default(tmp_path):
    root, _ = tiny(tmp_path)
    sim = load_policy([root], ON).simulation
    ranges = declared_ranges(sim)
    assert {n: (r.low, r.high) for n, r in ranges.items()} == {
        "detection_probability": (0.5, 1.0),
        "return_probability_dual": (0.2, 0.9),
        "audit_probability": (0.0, 0.3),
    }
    lines = (Path(root) / "simulation.yaml").read_text(encoding="utf-8").splitlines()
    assert [lines[r.span.line - 1][r.span.column - 1 :] for r in ranges.values()] == [
        '[0.5, 1.0], note: "seen or not"}',
        "[0.2, 0.9]}",
        "[0, 0.3]}",
    ]
    from policyengine.simulate.parameters import resolve

    assert resolve(sim.parameters)["audit_probability"] == PARAMETERS["audit_probability"].default


@pytest.mark.parametrize(
    ("line", "code", "where", "said"),
    [
        # the schema: a range only on an assumption, two numbers within the parameter's bounds
        ("grids: {value: 10, range: [5, 20]}", "PE002", "range: [5", "unknown key 'range'"),
        ("detection_probability: {range: [0.5, 1.5]}", "PE002", "1.5]", "above the maximum"),
        ("detection_probability: {range: [0.5]}", "PE002", "[0.5]", "the list is too short"),
        ("detection_probability: {range: [0.5, .nan]}", "PE002", ".nan", "finite"),
        ("detection_probability: {note: no value}", "PE002", "{note", "'value'"),
    ],
)
def test_a_malformed_range_is_pe002_at_its_place(tmp_path, line, code, where, said):
    simulation = RANGED.replace('detection_probability: {value: 0.8, range: [0.5, 1.0], note: "seen or not"}', line)
    where = (5, 5 + line.index(where))  # line 5, after its 4 spaces of indentation
    found = lint_files(tmp_path, {**TINY, "simulation.yaml": simulation})
    assert located(found) == [(code, "simulation.yaml", *where)]
    assert said in found.findings[0].message
    result = invoke(str(tmp_path), "--sensitivity", "--months", "2", "--runs", "2")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and f"simulation.yaml:{where[0]}:{where[1]}: " in result.stderr


@pytest.mark.parametrize(
    ("line", "where", "en", "zh"),
    [
        (
            "detection_probability: {value: 0.8, range: [0.9, 0.6]}",
            "5:48",
            "the range [0.9, 0.6] has LOW above HIGH",
            "下限高于上限",
        ),
        (
            "detection_probability: {value: 0.95, range: [0.5, 0.9]}",
            "5:36",
            "the value 0.95 lies outside its own range [0.5, 0.9]",
            "不在其自身的取值范围",
        ),
    ],
)
def test_what_the_schema_cannot_say_is_pe002_at_its_place_and_one_line_exit_2(tmp_path, line, where, en, zh):
    simulation = RANGED.replace('detection_probability: {value: 0.8, range: [0.5, 1.0], note: "seen or not"}', line)
    root, _ = tiny(tmp_path, simulation)
    found = lint_files(Path(root), {**TINY, "simulation.yaml": simulation})
    row, column = map(int, where.split(":"))
    assert located(found) == [("PE002", "simulation.yaml", row, column)] and en in found.findings[0].message
    for lang, said in (("en", en), ("zh", zh)):
        result = invoke(root, "--sensitivity", "--months", "2", "--runs", "2", "--lang", lang)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith(f"policyengine: {root}/simulation.yaml:{where}: ")
        assert said in result.stderr and result.stderr.count("\n") == 1 and "[PE002]" in result.stderr


def test_a_policy_without_ranges_is_told_where_to_declare_them(tmp_path):
    root, _ = tiny(tmp_path, TINY["simulation.yaml"])
    result = invoke(root, "--sensitivity", "--months", "2", "--runs", "2")
    assert result.exit_code == 2 and result.stderr.startswith(
        f"policyengine: {root}/simulation.yaml:4:3: "
    )  # at `parameters`
    assert "range: [LOW, HIGH]" in result.stderr


def _check_structure(result: dict, method: str, samples: int) -> None:
    dims = 3
    points = samples * (dims + 1) if method == "morris" else sobol_points(samples, dims)
    assert result["kind"] == "sensitivity" and result["method"] == method and result["points"] == points
    assert [p["name"] for p in result["parameters"]] == [
        "detection_probability",
        "return_probability_dual",
        "audit_probability",
    ]
    assert result["scenarios"] == ["baseline", "owner_acts"] and len(result["values"]) == points
    columns = ["mu_star", "mu_star_conf", "sigma"] if method == "morris" else ["ST", "ST_conf", "S1", "S1_conf"]
    rank = columns[0]
    assert list(result["indices"]) == list(METRICS)
    for metric in METRICS:
        rows = result["indices"][metric]
        assert sorted(r["parameter"] for r in rows) == sorted(p["name"] for p in result["parameters"])
        assert all(list(r) == ["parameter", *columns] for r in rows)
        assert [r[rank] for r in rows] == sorted((r[rank] for r in rows), reverse=True)
    assert list(result["effects"]) == ["owner_acts"]
    for metric, e in result["effects"]["owner_acts"].items():
        assert 0 <= e["share"] <= 1 and len(e["points"]) == points
        # the share is the count of points whose effect has the declared effect's sign
        sign = (e["declared"] > 0) - (e["declared"] < 0)
        same = sum(1 for v in e["points"] if (v > 0) - (v < 0) == sign)
        assert e["sign"] == sign and e["same_sign"] == same and e["share"] == same / points, metric
        base, reform = result["outputs"]["baseline"][metric], result["outputs"]["owner_acts"][metric]
        assert len(base) == len(reform) == points
        assert e["low"] <= e["high"]


@pytest.mark.parametrize(("method", "samples"), [("morris", 3), ("sobol", 2)])
def test_morris_and_sobol_give_the_documented_structure(tmp_path, method, samples):
    root, reform = tiny(tmp_path)
    result = sensitivity([root], [reform], method, samples, **SMALL)
    _check_structure(result, method, samples)
    # every sample point lies within the ranges, and point 0 of the runs is the declared values
    for values in result["values"]:
        for value, p in zip(values, result["parameters"], strict=True):
            assert p["low"] <= value <= p["high"]
    assert [p["declared"] for p in result["parameters"]] == [0.8, 0.5, 0.1]
    assert result["sobol_points"] == sobol_points(samples, 3)


def test_the_text_says_for_each_metric_what_the_json_holds(tmp_path):
    """One sentence per reform and metric, its verb the declared effect's sign and its share the
    JSON's, in English and in Chinese (the metric by its Chinese name)."""
    from policyengine.messages.catalogue import term

    root, reform = tiny(tmp_path)
    args = [root, "--reform", reform, "--sensitivity", "--samples", "3", "--months", "2", "--runs", "2"]
    args += ["--seed", "3", "--on", ON]
    result = json.loads(invoke(*args, "--format", "json").stdout)
    en, zh = invoke(*args).stdout, invoke(*args, "--lang", "zh").stdout
    assert list(result["effects"]["owner_acts"]) == list(METRICS)
    for metric, e in result["effects"]["owner_acts"].items():
        share = f"{100 * e['share']:.0f}%"
        name = term("simulate.metric", metric, "zh")
        if e["sign"] == 0 and e["low"] == e["high"] == 0:
            assert f"owner_acts leaves {metric} unchanged at every sample point" in en
            assert f"owner_acts 在所有样本点上均不改变{name}" in zh
            continue
        verb, verb_zh = {1: ("raises", "提高"), -1: ("lowers", "降低"), 0: ("leaves", "不改变")}[e["sign"]]
        said = f"owner_acts {verb} {metric}" + (" unchanged" if e["sign"] == 0 else "")
        assert f"{said} in {share} of the assumption space" in en, metric
        assert f"owner_acts 在 {share} 的假设空间内{verb_zh}{name}" in zh, metric


def test_workers_do_not_change_a_byte(tmp_path):
    root, reform = tiny(tmp_path)
    one = sensitivity([root], [reform], "morris", 2, workers=1, **SMALL)
    two = sensitivity([root], [reform], "morris", 2, workers=2, **SMALL)
    assert json.dumps(one) == json.dumps(two)
    other = sensitivity([root], [reform], "morris", 2, workers=1, **{**SMALL, "seed": 4})
    assert other["values"] != one["values"]  # the sample's seed follows --seed


def test_an_interrupted_analysis_resumes_with_the_same_bytes(tmp_path):
    root, reform = tiny(tmp_path)
    out = tmp_path / "out"
    args = [
        root,
        "--reform",
        reform,
        "--sensitivity",
        "--samples",
        "2",
        "--months",
        "2",
        "--runs",
        "2",
        "--seed",
        "3",
        "--on",
        ON,
        "--format",
        "json",
        "--out",
        str(out),
    ]
    first = invoke(*args)
    assert first.exit_code == 0, first.stderr
    assert sorted(p.name for p in out.iterdir()) == ["effects.csv", "runs", "sensitivity.csv", "sensitivity.json"]
    assert (out / "sensitivity.json").read_text(encoding="utf-8") == first.stdout
    records = sorted((out / "runs").iterdir())
    total = len(records)
    assert total == (2 * 4 + 1) * 2 * 2  # (points + the declared values) x scenarios x runs
    for record in records[:5]:
        record.unlink()
    again = invoke(*args)
    assert again.exit_code == 0 and again.stdout == first.stdout
    assert f"resumed: {total - 5} of {total} runs read from {out / 'runs'}, 5 computed" in again.stderr
    stats: dict[str, int] = {}
    sensitivity([root], [reform], "morris", 2, store=out, stats=stats, **SMALL)
    assert stats == {"records": total, "reused": total, "computed": 0}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 1, allow_nan=False), st.floats(0, 1, allow_nan=False)), min_size=1, max_size=4),
    st.sampled_from(["morris", "sobol"]),
    st.integers(0, 2**32),
)
def test_every_sample_point_lies_within_its_range(bounds, method, seed):
    assume(all(a != b for a, b in bounds))  # LOW = HIGH fixes a value: it is not varied, nor drawn
    ranges = {f"p{i}": Declared(min(a, b), max(a, b), NOWHERE) for i, (a, b) in enumerate(bounds)}
    points = draw(method, ranges, 2, seed)
    assert len(points) == (2 * (len(ranges) + 1) if method == "morris" else sobol_points(2, len(ranges)))
    for point in points:
        for name, r in ranges.items():
            assert r.low <= point[name] <= r.high
    assert draw(method, ranges, 2, seed) == points  # the same seed, the same sample


def test_sobol_beyond_the_budget_is_refused_and_names_morris(tmp_path):
    root, _ = tiny(tmp_path)
    result = invoke(root, "--sensitivity", "sobol", "--samples", "100000", "--runs", "20", "--months", "2")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "too large to run: 16,000,020 runs" in result.stderr and "--sensitivity morris --samples" in result.stderr


def test_morris_says_what_sobol_would_need(tmp_path):
    root, _ = tiny(tmp_path)
    result = invoke(root, "--sensitivity", "--samples", "2", "--runs", "2", "--months", "2", "--on", ON)
    assert result.exit_code == 0, result.stderr
    assert "Sobol' indices need N x (2D + 2) points: 16 with --samples 2" in result.stdout
    assert result.stdout.startswith("sensitivity over 3 assumptions (Morris, 2 trajectories: 8 sample points)")


@pytest.mark.parametrize("option", [["--sweep", "audit_probability=0:1:2"], ["--reform-parts", "ops"]])
def test_options_of_a_plain_simulation_are_refused(tmp_path, option):
    root, reform = tiny(tmp_path)
    result = invoke(root, "--reform", reform, "--sensitivity", *option)
    assert (
        result.exit_code == 2 and result.stderr == f"policyengine: --sensitivity cannot be combined with {option[0]}\n"
    )


def test_without_salib_it_is_one_line_exit_2(tmp_path, monkeypatch):
    real = builtins.__import__

    def no_salib(name, *args, **kwargs):
        if name == "SALib" or name.startswith("SALib."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_salib)
    root, _ = tiny(tmp_path)
    for lang, said in (("en", "--sensitivity needs SALib"), ("zh", "--sensitivity 需要 SALib")):
        result = invoke(root, "--sensitivity", "--lang", lang)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith(f"policyengine: {said}") and result.stderr.count("\n") == 1


def test_the_figures_are_the_same_bytes_each_time(tmp_path):
    pytest.importorskip("matplotlib", reason="the plot extra: pip install '.[plot]'")
    root, reform = tiny(tmp_path)
    args = [root, "--reform", reform, "--sensitivity", "--samples", "2", "--months", "2", "--runs", "2", "--on", ON]
    assert invoke(*args, "--plot", str(tmp_path / "a")).exit_code == 0
    assert invoke(*args, "--plot", str(tmp_path / "b")).exit_code == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["effects-owner_acts.png", "sensitivity.png"]
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)


def test_the_report_page_shows_a_saved_analysis_and_refuses_one_that_does_not_verify(tmp_path):
    root, reform = tiny(tmp_path)
    out = tmp_path / "out"
    ran = invoke(
        root,
        "--reform",
        reform,
        "--sensitivity",
        "--samples",
        "2",
        "--months",
        "2",
        "--runs",
        "2",
        "--on",
        ON,
        "--out",
        str(out),
    )
    assert ran.exit_code == 0, ran.stderr
    saved = out / "sensitivity.json"
    page = tmp_path / "page.html"

    def report(*more: str) -> object:
        return CliRunner().invoke(main, ["report", root, "-o", str(page), "--no-timestamp", *more])

    shown = report("--sensitivity-from", str(saved))
    assert shown.exit_code == 0, shown.stderr
    html = page.read_text(encoding="utf-8")
    assert '<section id="sensitivity">' in html and "Sensitivity over the assumptions" in html
    assert "owner_acts against the baseline over the assumption space" in html
    assert "对假设的敏感性" in (report("--sensitivity-from", str(saved), "--lang", "zh"), page.read_text("utf-8"))[1]
    result = json.loads(saved.read_text(encoding="utf-8"))
    tampered = {
        "digest": json.dumps({**result, "seed": result["seed"] + 1}),
        "shape": json.dumps({**result, "method": "guess"}),
        "finite": saved.read_text(encoding="utf-8").replace('"months": 2', '"months": NaN', 1),
        "json": "{",
    }
    said = {
        "digest": "digest mismatch",
        "shape": "not shaped as a sensitivity result at /method",
        "finite": "not finite",
        "json": "not JSON",
    }
    for name, content in tampered.items():
        bad = tmp_path / f"{name}.json"
        bad.write_text(content, encoding="utf-8")
        refused = report("--sensitivity-from", str(bad))
        assert refused.exit_code == 2 and refused.stderr.count("\n") == 1, name
        assert refused.stderr.startswith(f"policyengine: {bad}:1:1: not a sensitivity result to trust ("), name
        assert said[name] in refused.stderr, name


def test_a_dask_cluster_gives_the_bytes_of_the_local_analysis(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask is an optional extra: pip install '.[dask]'")
    root, reform = tiny(tmp_path)
    local = sensitivity([root], [reform], "morris", 2, **SMALL)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        remote = sensitivity([root], [reform], "morris", 2, scheduler=cluster.scheduler_address, **SMALL)
    assert json.dumps(remote) == json.dumps(local)

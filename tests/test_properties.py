"""Property-based tests of the linter on random valid policies (policyengine/testing/strategies/).

Every policy drawn is valid by construction, so the properties below must hold for all of them.
Policies are written under a session temporary directory (`tmp_path_factory`), one
`tempfile.TemporaryDirectory` per example: function-scoped `tmp_path` does not mix with @given.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from policyengine.errors import PolicyEngineError
from policyengine.formatters import json_format, text
from policyengine.lint import STRUCTURAL, LintResult, lint_paths
from policyengine.testing.strategies import (
    dump,
    item_ids,
    layouts,
    policies,
    power_ids,
    tier_ids,
    with_grant,
    without_item,
)

HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


def props(max_examples: int) -> settings:
    """Per-test example budget; everything else (derandomize in CI) comes from the loaded profile."""
    return settings(max_examples=max_examples, deadline=None, suppress_health_check=HEALTH)


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


def lint_policy(policy: dict, base: Path, split: Any = None, documents: str = "one") -> LintResult:
    """Write `policy` to a fresh directory under `base` and lint it. The result holds the files'
    text, so it can still be rendered once the directory is gone."""
    with tempfile.TemporaryDirectory(dir=base) as root:
        dump(policy, root, split, documents)
        return lint_paths([root])


def keyed(result: LintResult) -> Counter:
    """Findings without their position: (code, subject kind, subject id, message), as a multiset.

    Taken from the JSON document, i.e. what a user of `--format json` sees."""
    return Counter(
        (f["code"], f["subject"]["kind"], f["subject"]["id"], f["message"])
        for f in json_format.document(result)["findings"]
    )


def subjects(result: LintResult, code: str) -> Counter:
    return Counter((f.subject.kind, f.subject.id) for f in result.findings if f.code == code)


def structural(result: LintResult) -> list[str]:
    return [f"{f.span}: {f.code} {f.message}" for f in result.findings if f.code in STRUCTURAL]


# ------------------------------------------------------------------------------------------------


@props(40)
@given(data=st.data(), policy=policies())
def test_valid_policies_load_and_lint_without_structural_findings(workdir, data, policy):
    """A valid policy, however it is split over files and documents, lints without an exception and
    with no structural finding (PE001-PE005).

    Stricter than "only PolicyEngineError escapes": valid input must not raise InputError either;
    any other exception type is a crash."""
    layout = data.draw(layouts(policy), label="layout")
    documents = data.draw(st.sampled_from(("one", "per_section")), label="documents")
    try:
        result = lint_policy(policy, workdir, layout, documents)
    except PolicyEngineError as error:  # an expected error type, but not for valid input
        pytest.fail(f"valid policy refused: {error}")
    assert structural(result) == []
    assert result.policy is not None
    assert set(result.policy.items) == set(item_ids(policy))


@props(15)
@given(policy=policies(), split=st.sampled_from((None, "sections", 3)))
def test_output_is_byte_identical_across_runs(workdir, policy, split):
    """Linting the same files twice gives byte-identical JSON and text output (both languages), and
    a copy of the files in another directory gives the same output up to the directory name."""
    with tempfile.TemporaryDirectory(dir=workdir) as first, tempfile.TemporaryDirectory(dir=workdir) as second:
        dump(policy, first, split)
        dump(policy, second, split)
        runs = [lint_paths([first]), lint_paths([first]), lint_paths([second])]
        for lang in ("en", "zh"):
            localised = [lint_paths([first], lang=lang), lint_paths([first], lang=lang)]
            for render in (json_format.render, text.render):
                out = [render(r, lang) for r in localised]
                assert out[0] == out[1]
        for render in (json_format.render, text.render):
            a, b, c = (render(r).encode("utf-8") for r in runs)
            assert a == b
            assert a.replace(first.encode(), b"ROOT") == c.replace(second.encode(), b"ROOT")


@props(25)
@given(data=st.data(), policy=policies())
def test_findings_do_not_depend_on_item_order_or_file_layout(workdir, data, policy):
    """Findings, keyed by (code, subject kind, subject id, message) without file and position, form
    the same multiset whatever the order of the items and however the policy is split over files
    (items, grants, tiers, categories... spread entry by entry; one document or one per section).

    Sections whose declaration order is itself meaningful (duties: PE305 reports the later-declared
    duty; regimes, lists, units: their order shows in messages) are moved whole, never reordered."""
    baseline = keyed(lint_policy(policy, workdir))
    shuffled = dict(policy)
    if "items" in policy:
        order = data.draw(st.permutations(range(len(policy["items"]))), label="item order")
        shuffled["items"] = [policy["items"][i] for i in order]
    layout = data.draw(layouts(shuffled), label="layout")
    documents = data.draw(st.sampled_from(("one", "per_section")), label="documents")
    assert keyed(lint_policy(shuffled, workdir, layout, documents)) == baseline


@props(20)
@given(data=st.data(), policy=policies())
def test_same_layout_item_order_does_not_change_findings(workdir, data, policy):
    """With the same file layout (each section whole in its drawn file), permuting the items gives
    an equal set of (code, subject, message)."""
    items = policy.get("items", [])
    order = data.draw(st.permutations(range(len(items))), label="item order")
    permuted = {**policy, **({"items": [items[i] for i in order]} if items else {})}
    layout = data.draw(layouts(policy, splittable=()), label="layout")

    def findings(p: dict) -> set:
        return {(f.code, f.subject, f.message) for f in lint_policy(p, workdir, layout).findings}

    assert findings(permuted) == findings(policy)


@props(25)
@given(data=st.data(), policy=policies())
def test_granting_a_power_never_adds_pe101(workdir, data, policy):
    """Adding a grant {tier: T, powers: [P]} never adds a PE101: the PE101 subjects after are a
    subset of those before. (The same holds, by the same monotonicity of held(T, I), for the items
    PE104 flags; and for PE103 when the new power is coordination.)"""
    tier = data.draw(st.sampled_from(tier_ids(policy)), label="tier")
    power = data.draw(st.sampled_from(power_ids(policy)), label="power")
    granted: Any = power
    if power == "coordination" and data.draw(st.booleans(), label="scoped"):
        granted = {"power": "coordination", "scope": data.draw(st.sampled_from(tier_ids(policy)), label="scope")}
    before = lint_policy(policy, workdir)
    after = lint_policy(with_grant(policy, {"tier": tier, "powers": [granted]}), workdir)
    assert structural(after) == []
    assert set(subjects(after, "PE101")) <= set(subjects(before, "PE101"))
    assert set(subjects(after, "PE104")) <= set(subjects(before, "PE104"))
    # one PE103 finding per (item, unit); the message names the unit
    assert not Counter(subjects(after, "PE103")) - Counter(subjects(before, "PE103"))


# PE105 and PE200 messages carry counts that removing any item changes.
COUNTING_MESSAGES = ("PE105", "PE200", "PE205", "PE206")  # their messages count items or hours

# A regression example for the removal property. Item i0 is assigned to the root t0 but declared in
# list l0 of tier t1, which states 5 items. When PE105 counted every item declared in a list against
# its stated count, whatever tier the item is assigned to, load(t1) was max(0, 5 - 1) = 4 with i0
# and 5 without it: removing i0 added a PE105 at t1 (tier 't1' carries 5 items ... authority 0.00
# ... against 0.06 at 't0'). Fixed in checks/authority.py: only items assigned to the list's tier
# reduce its unstated load.
PE105_REMOVAL_EXAMPLE = {
    "policy": {"id": "p"},
    "tiers": [{"id": "t0", "name": {"en": "top"}}, {"id": "t1", "parent": "t0", "name": {"en": "low"}}],
    "grants": [{"tier": "t0", "dimensions": {"resources": "low"}}],
    "items": [{"id": "i0", "name": {"en": "i0"}, "kind": "routine", "tier": "t0", "role": "handle"}],
    "lists": [{"id": "l0", "tier": "t1", "kind": "duties", "items": ["i0"], "stated": {"items": 5}}],
}


@props(30)
@example(policy=PE105_REMOVAL_EXAMPLE, pick=0)
@given(policy=policies(), pick=st.integers(0, 100))
def test_removing_an_item_never_adds_a_finding(workdir, policy, pick):
    """Removing an item, and every reference to it (lists' `items`, duties' `item`), never adds a
    finding: the (code, subject, message) after are a subset of those before — (code, subject) for
    PE105 and PE200, whose messages count items (load, load share, line items) and so change with
    any removal."""
    assume(policy.get("items"))
    victim = item_ids(policy)[pick % len(item_ids(policy))]
    before = lint_policy(policy, workdir)
    after = lint_policy(without_item(policy, victim), workdir)
    assert structural(after) == []

    def key(f) -> tuple:
        return (f.code, f.subject) if f.code in COUNTING_MESSAGES else (f.code, f.subject, f.message)

    added = {key(f) for f in after.findings} - {key(f) for f in before.findings}
    assert not added, f"removing item {victim!r} added {sorted(map(str, added))}"


@props(12)
@given(policy=policies())
def test_checks_never_print(workdir, capsys, policy):
    """Loading, building and every check run without writing to stdout or stderr (only the CLI
    prints); rendering does not print either."""
    capsys.readouterr()  # the fixture lives across examples: start each one empty
    result = lint_policy(policy, workdir)
    json_format.render(result)
    text.render(result)
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")


def test_bundled_policy_is_deterministic_and_order_independent(workdir):
    """The realistic policy (policies/h_district) lints identically twice, and its findings keyed
    without position do not change when its items are shuffled into another file."""
    source = Path(__file__).resolve().parent.parent / "policies" / "h_district"
    first, second = lint_paths([source]), lint_paths([source])
    assert json_format.render(first) == json_format.render(second)
    assert text.render(first) == text.render(second)
    assert structural(first) == []
    with tempfile.TemporaryDirectory(dir=workdir) as root:
        for path in sorted(source.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if "items" in data:
                items = data.pop("items")
                random.Random(1).shuffle(items)
                half = len(items) // 2
                dump({"items": items[:half]}, root, {"items": "zz_items_2.yaml"})
                dump({"items": items[half:]}, root, {"items": "00_items_1.yaml"})
            if data:
                dump(data, root, dict.fromkeys(data, path.name))
        moved = lint_paths([root])
    assert keyed(moved) == keyed(first)


def test_output_does_not_depend_on_the_hash_seed():
    """Two CLI processes with different PYTHONHASHSEED print byte-identical JSON and text for the
    realistic policy: no set or dict iteration order leaks into the output."""
    repo = Path(__file__).resolve().parent.parent
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        for fmt in ("json", "text"):  # started together: the four run side by side
            runs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "policyengine", "lint", "policies/h_district", "--format", fmt],
                    cwd=repo,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                )
            )
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=60)
        assert run.returncode in (0, 1), err.decode()
        outputs.append(out)
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]

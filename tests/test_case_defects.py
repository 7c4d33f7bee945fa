"""The case's defects that nothing read before: transfers rewarded while returns are penalised
(PE316), a coordination channel no route uses (PE317), trace management (PE315) and duties that recur
(PE305's `recurrence`)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.config import Config
from tests.test_checks import messages, policy
from tests.util import lint_files, located

# == PE316 transfer-rewarded-return-penalised =======================================================

REWARDS_AND_DEDUCTS = """
assessments:
  - id: district_monthly
    assessor: centre
    assessed: street
    scoring:
      - {when: district_transfers, effect: score, direction: higher_better}
      - {when: returned, effect: deduct}
"""


def test_pe316_same_regime(tmp_path):
    result = lint_files(tmp_path, policy(assessments_yaml=REWARDS_AND_DEDUCTS))
    assert located(result, "PE316") == [("PE316", "assessments.yaml", 6, 16)]
    assert messages(result, "PE316") == [
        "regime 'district_monthly' rewards events transferred up ('district_transfers') while regime "
        "'district_monthly' deducts points for 'returned' ones — the reporter bears the reviewer's decision"
    ]


def test_pe316_in_chinese(tmp_path):
    result = lint_files(tmp_path, policy(assessments_yaml=REWARDS_AND_DEDUCTS), lang="zh")
    assert messages(result, "PE316") == [
        "考核“district_monthly”对向上转办的事件(“district_transfers”)加分,而考核“district_monthly”对“returned”的事件扣分"
        "——奖上交、罚退件,后果由报件人承担"
    ]


def test_pe316_chained_regime(tmp_path):
    chained = """
assessments:
  - id: base
    assessor: centre
    assessed: street
    scoring:
      - {when: returned, effect: deduct}
  - id: addon
    assessor: street_office
    assessed: grid
    adds_to: base
    scoring:
      - {when: escalated, effect: bonus}
"""
    result = lint_files(tmp_path, policy(assessments_yaml=chained))
    assert located(result, "PE316") == [("PE316", "assessments.yaml", 12, 16)]
    assert "while regime 'base' deducts" in messages(result, "PE316")[0]


def test_pe316_unchained_regimes_do_not_meet(tmp_path):
    apart = """
assessments:
  - {id: a, assessor: centre, assessed: street, scoring: [{when: returned, effect: deduct}]}
  - {id: b, assessor: street_office, assessed: grid, scoring: [{when: transferred, effect: bonus}]}
"""
    assert located(lint_files(tmp_path, policy(assessments_yaml=apart)), "PE316") == []


def test_pe316_a_score_that_falls_with_transfers_is_no_reward(tmp_path):
    lower = REWARDS_AND_DEDUCTS.replace("higher_better", "lower_better")
    assert located(lint_files(tmp_path, policy(assessments_yaml=lower)), "PE316") == []
    undirected = REWARDS_AND_DEDUCTS.replace(", direction: higher_better", "")
    assert located(lint_files(tmp_path / "b", policy(assessments_yaml=undirected)), "PE316") == []


def test_pe316_threshold_transfer_events(tmp_path):
    config = Config(thresholds={"PE316": {"transfer_events": ["transferred"]}})
    result = lint_files(tmp_path, policy(assessments_yaml=REWARDS_AND_DEDUCTS), config)
    assert located(result, "PE316") == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    effects=st.lists(
        st.sampled_from(["bonus", "deduct", "score_up", "score_down"]),
        min_size=1,
        max_size=4,
    ),
    whens=st.lists(st.sampled_from(["transferred", "returned", "other"]), min_size=4, max_size=4),
)
def test_pe316_fires_exactly_when_a_reward_meets_a_deduction(tmp_path_factory, effects, whens):
    """One finding per rewarding transfer rule, and only when the regime deducts for a return."""
    rules = []
    for effect, when in zip(effects, whens, strict=False):
        if effect.startswith("score"):
            direction = "higher_better" if effect == "score_up" else "lower_better"
            rules.append(f"      - {{when: {when}, effect: score, direction: {direction}}}\n")
        else:
            rules.append(f"      - {{when: {when}, effect: {effect}}}\n")
    text = "assessments:\n  - id: r\n    assessor: centre\n    assessed: street\n    scoring:\n" + "".join(rules)
    result = lint_files(tmp_path_factory.mktemp("p"), policy(assessments_yaml=text))
    pairs = list(zip(effects, whens, strict=False))
    deducts = ("deduct", "returned") in pairs
    rewards = [i for i, p in enumerate(pairs) if p in (("bonus", "transferred"), ("score_up", "transferred"))]
    expected = [("PE316", "assessments.yaml", 6 + i, 16) for i in rewards] if deducts else []
    assert located(result, "PE316") == expected

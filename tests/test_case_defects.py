"""The case's defects that nothing read before: transfers rewarded while returns are penalised
(PE316), a coordination channel no route uses (PE317), trace management (PE315) and duties that recur
(PE305's `recurrence`)."""

from __future__ import annotations

from itertools import pairwise

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
        "regime 'district_monthly' rewards events sent up (transferred to the district) and deducts points "
        "for returned ones — the reporter bears the reviewer's decision"
    ]


def test_pe316_in_chinese(tmp_path):
    result = lint_files(tmp_path, policy(assessments_yaml=REWARDS_AND_DEDUCTS), lang="zh")
    assert messages(result, "PE316") == [
        "考核“district_monthly”对向上转办的事件(区级转办)加分,又对被退回的事件扣分"
        "——退不退回由上级审核决定,后果却由报件人承担"
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


def test_pe316_chained_regime_in_chinese(tmp_path):
    """Two regimes: each is named; one regime that does both is named once (test_pe316_in_chinese)."""
    chained = """
assessments:
  - {id: base, assessor: centre, assessed: street, scoring: [{when: returned, effect: deduct}]}
  - {id: addon, assessor: street_office, assessed: grid, adds_to: base, scoring: [{when: escalated, effect: bonus}]}
"""
    result = lint_files(tmp_path, policy(assessments_yaml=chained), lang="zh")
    assert messages(result, "PE316") == [
        "考核“addon”对向上转办的事件(上报)加分,考核“base”却对被退回的事件扣分"
        "——退不退回由上级审核决定,后果却由报件人承担"
    ]


def test_pe316_a_result_that_counts_in_another_regime_chains_them(tmp_path):
    weighted = """
assessments:
  - {id: a, assessor: centre, assessed: street, scoring: [{when: returned, effect: deduct}]}
  - id: b
    assessor: street_office
    assessed: grid
    weight_in: [{regime: a, min_share: 0.3}]
    scoring: [{when: transferred, effect: bonus}]
"""
    result = lint_files(tmp_path, policy(assessments_yaml=weighted))
    assert located(result, "PE316") == [("PE316", "assessments.yaml", 7, 22)]
    assert "while regime 'a' deducts points for returned ones" in messages(result, "PE316")[0]


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


# == PE317 unused-channel ===========================================================================

CHANNEL = """
channels:
  - id: street_calls
    name: {zh: 街呼区应}
    kind: reverse_evaluation
    from: street
    to: district
"""


def test_pe317_reverse_evaluation_nobody_counts(tmp_path):
    result = lint_files(tmp_path, policy(channels_yaml=CHANNEL))
    assert located(result, "PE317") == [("PE317", "channels.yaml", 2, 9)]
    assert messages(result, "PE317") == [
        "channel 'street_calls' lets 'Street' evaluate 'District', but no assessment counts that evaluation "
        "— a channel on paper"
    ]
    zh = lint_files(tmp_path / "zh", policy(channels_yaml=CHANNEL), lang="zh")
    assert messages(zh, "PE317") == [
        "协调渠道“街呼区应”供“street”评价district,但没有任何考核计入该评价——渠道只停留在纸面上"
    ]


def test_pe317_escalation_does_not_use_a_reverse_evaluation(tmp_path):
    """The shared workflow escalates street -> district; events sent up are not an evaluation."""
    assert located(lint_files(tmp_path, policy(channels_yaml=CHANNEL)), "PE317") != []


def test_pe317_an_assessment_that_counts_the_evaluation(tmp_path):
    counted = "assessments:\n  - {id: eval, assessor: street_office, assessed: dept}\n"
    assert located(lint_files(tmp_path, policy(channels_yaml=CHANNEL, assessments_yaml=counted)), "PE317") == []


def test_pe317_other_kinds_are_used_by_an_escalation_or_dispatch_step(tmp_path):
    meeting = CHANNEL.replace("reverse_evaluation", "joint_meeting")
    assert located(lint_files(tmp_path, policy(channels_yaml=meeting)), "PE317") == []  # street -> district
    skipping = meeting.replace("from: street", "from: grid")
    result = lint_files(tmp_path / "b", policy(channels_yaml=skipping))
    assert located(result, "PE317") == [("PE317", "channels.yaml", 2, 9)]
    assert messages(result, "PE317") == [
        "channel 'street_calls' from 'Grid' to 'District' is reached by no escalation or dispatch step — a channel on paper"
    ]
    dispatch = "workflow:\n  escalation: [grid, street, district]\n  dispatch:\n    - {from: grid, to: [dept]}\n"
    assert located(lint_files(tmp_path / "c", policy(channels_yaml=skipping, workflow_yaml=dispatch)), "PE317") == []


def test_pe317_a_route_in_chinese(tmp_path):
    """Tiers stand unquoted in the Chinese templates (事件由区退回网格)."""
    skipping = CHANNEL.replace("reverse_evaluation", "joint_meeting").replace("from: street", "from: grid")
    assert messages(lint_files(tmp_path, policy(channels_yaml=skipping), lang="zh"), "PE317") == [
        "从“grid”到district的协调渠道“街呼区应”没有任何上报或派单环节经过——渠道只停留在纸面上"
    ]


def test_pe317_channel_tiers_are_references(tmp_path):
    wrong = CHANNEL.replace("to: district", "to: distrct")
    result = lint_files(tmp_path, policy(channels_yaml=wrong))
    assert located(result, "PE004") == [("PE004", "channels.yaml", 6, 9)]
    assert messages(result, "PE004") == ["unknown tier 'distrct' (did you mean 'district'?)"]


def test_pe317_channel_ids_are_unique(tmp_path):
    twice = CHANNEL + CHANNEL.replace("channels:\n", "")
    assert located(lint_files(tmp_path, policy(channels_yaml=twice)), "PE003") == [("PE003", "channels.yaml", 8, 9)]


def test_pe317_channel_kind_is_a_closed_word(tmp_path):
    wrong = CHANNEL.replace("reverse_evaluation", "reverse")
    assert located(lint_files(tmp_path, policy(channels_yaml=wrong)), "PE002") == [("PE002", "channels.yaml", 4, 11)]


# == PE315 trace-management =========================================================================


# Chinese output names platform rules and duties by their Chinese names
RULE_NAMES = {"words": "字数", "photos": "配图", "tracks": "轨迹"}
DUTY_NAMES = {"check_in": "打卡", "meeting": "例会"}


def rules(*entries: tuple[str, str, object]) -> str:
    """Platform rules (id, kind, hours_per_month or None) on the grid."""
    text = "platform_rules:\n"
    for ident, kind, hours in entries:
        text += f"  - id: {ident}\n    name: {{zh: {RULE_NAMES.get(ident, '规则')}, en: {ident}}}\n    applies_to: grid\n    kind: {kind}\n"
        if hours is not None:
            text += f"    hours_per_month: {hours}\n"
    return text


def test_pe315_trace_rules_over_the_share(tmp_path):
    text = rules(("words", "word_count", 4), ("photos", "photo", 6), ("tracks", "tracking", 12))
    result = lint_files(tmp_path, policy(platform_yaml=text))
    assert located(result, "PE315") == [("PE315", "platform.yaml", 6, 22)]
    assert messages(result, "PE315") == [
        "platform rules 'words', 'photos', 'tracks' judge the record and cost 'Grid' 22 hours a month, 13% of a "
        "worker's 166 hours (more than 10%) — trace management"
    ]
    zh = lint_files(tmp_path / "zh", policy(platform_yaml=text), lang="zh")
    assert messages(zh, "PE315") == [
        "平台规则“字数”、“配图”、“轨迹”评判工作痕迹,每月耗费“grid”22小时,占一名工作人员每月166小时的13%"
        "(超过10%)——痕迹管理"
    ]


def test_pe315_within_the_share_and_other_kinds(tmp_path):
    text = rules(("words", "word_count", 4), ("alert", "alert", 100), ("register", "registration", 100))
    assert located(lint_files(tmp_path, policy(platform_yaml=text)), "PE315") == []


def test_pe315_threshold_and_the_units_month(tmp_path):
    text = rules(("tracks", "tracking", 12))
    config = Config(thresholds={"PE315": {"max_share": 0.05}})
    assert located(lint_files(tmp_path, policy(platform_yaml=text), config), "PE315") == [
        ("PE315", "platform.yaml", 6, 22)
    ]
    on_team = text.replace("applies_to: grid", "applies_to: team")
    short = {
        "units.yaml": "units:\n  - {id: team, name: {en: Team}, tier: grid, kind: grid_team, hours_per_person_month: 100}\n"
    }
    result = lint_files(tmp_path / "b", {**policy(platform_yaml=on_team), **short})
    assert located(result, "PE315") == [("PE315", "platform.yaml", 6, 22)]
    assert "12% of a worker's 100 hours" in messages(result, "PE315")[0]


def test_pe315_unstated_cost_is_pe010(tmp_path):
    text = rules(("words", "word_count", 4), ("tracks", "tracking", "unstated"), ("check", "check_in", None))
    result = lint_files(tmp_path, policy(platform_yaml=text))
    assert located(result, "PE315") == []
    assert located(result, "PE010") == [("PE010", "platform.yaml", 11, 22), ("PE010", "platform.yaml", 12, 9)]
    assert messages(result, "PE010") == [
        "PE315 cannot judge platform rule 'tracks': the policy does not state hours a month (hours_per_month)",
        "PE315 cannot judge platform rule 'check': the policy does not state hours a month (hours_per_month)",
    ]
    unknown = text.replace("unstated", "unknown")
    assert messages(lint_files(tmp_path / "b", policy(platform_yaml=unknown)), "PE010")[0] == (
        "PE315 cannot judge platform rule 'tracks': hours a month (hours_per_month) marked unknown; find what the document states"
    )


def test_pe315_over_the_share_whatever_the_unstated_cost(tmp_path):
    text = rules(("tracks", "tracking", 40), ("check", "check_in", "unstated"))
    result = lint_files(tmp_path, policy(platform_yaml=text))
    assert located(result, "PE315") == [("PE315", "platform.yaml", 6, 22)]
    assert located(result, "PE010") == []


def test_pe315_a_rule_on_nobody_is_pe010(tmp_path):
    text = rules(("tracks", "tracking", 40)).replace("    applies_to: grid\n", "")
    result = lint_files(tmp_path, policy(platform_yaml=text))
    assert located(result, "PE010") == [("PE010", "platform.yaml", 2, 9)]
    assert messages(result, "PE010") == [
        "PE315 cannot judge platform rule 'tracks': the policy does not state whom it applies to (applies_to)"
    ]


def test_pe315_hours_out_of_range_is_pe002(tmp_path):
    text = rules(("tracks", "tracking", -1))
    assert located(lint_files(tmp_path, policy(platform_yaml=text)), "PE002") == [("PE002", "platform.yaml", 6, 22)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    hours=st.lists(st.one_of(st.none(), st.integers(0, 60), st.just("unstated")), min_size=1, max_size=4),
    share=st.sampled_from([0.05, 0.1, 0.3]),
)
def test_pe315_fires_exactly_when_the_stated_hours_exceed_the_share(tmp_path_factory, hours, share):
    """A defect only on stated hours over the share; otherwise PE010 for each rule whose cost is open."""
    text = rules(*((f"r{i}", "tracking", h) for i, h in enumerate(hours)))
    config = Config(thresholds={"PE315": {"max_share": share}})
    result = lint_files(tmp_path_factory.mktemp("p"), policy(platform_yaml=text), config)
    stated = sum(h for h in hours if isinstance(h, int))
    over = stated > share * 166
    assert len(located(result, "PE315")) == (1 if over else 0)
    open_costs = sum(1 for h in hours if not isinstance(h, int))
    assert len(located(result, "PE010")) == (0 if over else open_costs)


# == PE305 and recurring duties =====================================================================


def duties(*entries: tuple[str, str, str, str]) -> str:
    """Duties on the grid: (id, start, end, recurrence as flow YAML or '')."""
    text = "duties:\n"
    for ident, start, end, recurrence in entries:
        name = DUTY_NAMES.get(ident, "职责")  # two characters each: the positions below do not move
        text += f'  - {{id: {ident}, name: {{zh: {name}}}, applies_to: grid, start: "{start}", end: "{end}"'
        text += f", recurrence: {recurrence}}}\n" if recurrence else "}\n"
    return text


def test_pe305_a_monthly_meeting_collides_with_a_daily_duty_on_its_day(tmp_path):
    text = duties(("check_in", "08:00", "08:30", ""), ("meeting", "08:15", "10:00", "{every: month, on: 15}"))
    result = lint_files(tmp_path, policy(duties_yaml=text))
    assert located(result, "PE305") == [("PE305", "duties.yaml", 3, 10)]
    assert messages(result, "PE305") == [
        "duty 'meeting' (08:15-10:00, monthly on day 15) collides with duty 'check_in' (08:00-08:30) for 'Grid'"
    ]
    zh = lint_files(tmp_path / "zh", policy(duties_yaml=text), lang="zh")
    assert messages(zh, "PE305") == ["“grid”的职责“例会”(08:15至10:00,每月15日)与职责“打卡”(08:00至08:30)时间冲突"]


def test_pe305_names_a_tier_bare_and_a_unit_in_quotation_marks_in_chinese(tmp_path):
    """Duties of one tier collide for the tier (网格的职责); a duty of the grid team, a unit at that tier,
    and one of the tier collide for the team (“网格团队”的职责)."""
    tiers = "tiers:\n  - {id: grid, name: {zh: 网格}}\n"
    units = "units:\n  - {id: team, name: {zh: 网格团队}, tier: grid, kind: grid_team}\n"
    on_tier = duties(("check_in", "08:00", "08:30", ""), ("meeting", "08:15", "10:00", ""))
    on_unit = on_tier.replace(
        "id: meeting, name: {zh: 例会}, applies_to: grid", "id: meeting, name: {zh: 例会}, applies_to: team"
    )
    expected = {
        on_tier: "网格的职责“例会”(08:15至10:00)与职责“打卡”(08:00至08:30)时间冲突",
        on_unit: "“网格团队”的职责“例会”(08:15至10:00)与职责“打卡”(08:00至08:30)时间冲突",
    }
    for index, (duties_yaml, message) in enumerate(expected.items()):
        files = {"tiers.yaml": tiers, "units.yaml": units, "duties.yaml": duties_yaml}
        result = lint_files(tmp_path / str(index), files, lang="zh")
        assert messages(result, "PE305") == [message]
        assert located(result, "PE305") == [("PE305", "duties.yaml", 3, 10)]


def test_pe305_a_monthly_meeting_outside_the_daily_window_does_not_collide(tmp_path):
    text = duties(("check_in", "08:00", "08:30", ""), ("meeting", "09:00", "10:00", "{every: month, on: 15}"))
    assert located(lint_files(tmp_path, policy(duties_yaml=text)), "PE305") == []


def test_pe305_two_weekly_duties_collide_only_on_a_shared_day(tmp_path):
    apart = duties(
        ("a", "13:00", "14:00", "{every: week, on: [monday, friday]}"),
        ("b", "13:00", "14:00", "{every: week, on: tuesday}"),
    )
    assert located(lint_files(tmp_path, policy(duties_yaml=apart)), "PE305") == []
    shared = apart.replace("on: tuesday", "on: friday")
    result = lint_files(tmp_path / "b", policy(duties_yaml=shared))
    assert messages(result, "PE305") == [
        "duty 'b' (13:00-14:00, weekly on friday) collides with duty 'a' (13:00-14:00, weekly on monday, friday) for 'Grid'"
    ]


def test_pe305_weekly_and_monthly_meet_whatever_their_days(tmp_path):
    text = duties(
        ("a", "13:00", "14:00", "{every: week, on: monday}"), ("b", "13:00", "14:00", "{every: month, on: 3}")
    )
    assert located(lint_files(tmp_path, policy(duties_yaml=text)), "PE305") == [("PE305", "duties.yaml", 3, 10)]


def test_pe305_unstated_days_of_two_monthly_duties_are_pe010(tmp_path):
    text = duties(
        ("a", "13:00", "14:00", "{every: month, on: 3}"), ("b", "13:00", "14:00", "{every: month, on: unstated}")
    )
    result = lint_files(tmp_path, policy(duties_yaml=text))
    assert located(result, "PE305") == []
    assert located(result, "PE010") == [("PE010", "duties.yaml", 3, 108)]
    assert messages(result, "PE010") == [
        "PE305 cannot judge duty 'b': the policy does not state days it falls on (recurrence.on)"
    ]
    absent = text.replace(", on: unstated", "")
    assert located(lint_files(tmp_path / "b", policy(duties_yaml=absent)), "PE010") == [("PE010", "duties.yaml", 3, 89)]


def test_pe305_recurrence_days_must_fit_the_period(tmp_path):
    wrong = duties(("a", "13:00", "14:00", "{every: week, on: 15}"))
    result = lint_files(tmp_path, policy(duties_yaml=wrong))
    assert located(result, "PE002") == [("PE002", "duties.yaml", 2, 107)]
    assert messages(result, "PE002") == [
        "15 is not one of: monday, tuesday, wednesday, thursday, friday, saturday, sunday"
    ]
    daily = duties(("a", "13:00", "14:00", "{every: day, on: 3}"))
    assert messages(lint_files(tmp_path / "b", policy(duties_yaml=daily)), "PE002") == [
        "unknown key 'on' in duties[0].recurrence; expected one of: every"
    ]


RECURRENCES = st.one_of(
    st.just(""),
    st.just("{every: day}"),
    st.builds(
        lambda d: f"{{every: week, on: [{', '.join(d)}]}}",
        st.sets(st.sampled_from(["monday", "friday", "sunday"]), min_size=1),
    ),
    st.builds(
        lambda d: f"{{every: month, on: [{', '.join(map(str, d))}]}}", st.sets(st.sampled_from([1, 15, 31]), min_size=1)
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=RECURRENCES, second=RECURRENCES)
def test_pe305_collides_exactly_when_the_duties_share_a_day(tmp_path_factory, first, second):
    """Overlapping windows collide iff a daily duty is involved, the periods differ, or the days meet."""
    text = duties(("a", "08:00", "09:00", first), ("b", "08:30", "10:00", second))
    result = lint_files(tmp_path_factory.mktemp("p"), policy(duties_yaml=text))

    def days(recurrence: str) -> tuple[str, set[str]]:
        if "week" in recurrence or "month" in recurrence:
            every = "week" if "week" in recurrence else "month"
            return every, set(recurrence.split("[")[1].rstrip("]}").split(", "))
        return "day", set()

    (every_a, days_a), (every_b, days_b) = days(first), days(second)
    meet = "day" in (every_a, every_b) or every_a != every_b or bool(days_a & days_b)
    assert len(located(result, "PE305")) == (1 if meet else 0)
    assert located(result, "PE010") == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    chain=st.permutations(["grid", "street", "district"]),
    ends=st.tuples(st.sampled_from(["grid", "street", "district"]), st.sampled_from(["grid", "street", "district"])),
    kind=st.sampled_from(["joint_meeting", "whistle", "hotline", "reverse_evaluation"]),
)
def test_pe317_fires_exactly_when_nothing_uses_the_channel(tmp_path_factory, chain, ends, kind):
    """A route channel is used by a step straight from `from` to `to`; a reverse evaluation only by an
    assessment whose assessor stands at `from` and whose assessed at `to` (none here)."""
    source, target = ends
    workflow = f"workflow:\n  escalation: [{', '.join(chain)}]\n"
    channel = f"channels:\n  - {{id: c, kind: {kind}, from: {source}, to: {target}}}\n"
    result = lint_files(tmp_path_factory.mktemp("p"), policy(workflow_yaml=workflow, channels_yaml=channel))
    stepped = (source, target) in set(pairwise(chain))
    used = kind != "reverse_evaluation" and stepped
    assert located(result, "PE317") == ([] if used else [("PE317", "channels.yaml", 2, 10)])

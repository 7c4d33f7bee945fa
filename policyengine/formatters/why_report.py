"""`why`: the chain behind a finding, as indented text (English or Chinese) or a versioned JSON document.

The chain itself is computed by `policyengine.why`; this module only renders it.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

from ..codes import EFFECT_ZH, KIND_ZH, ROLE_ZH
from ..diagnostics import Finding
from .text import label

VERSION = 1

ITEM_KIND_ZH = {"routine": "常规", "line": "条线", "temporary": "临时"}
KIND_EN = {"assessment": "assessment regime", "admission": "admission procedure", "platform_rule": "platform rule"}


def _q(value: Any, lang: str) -> str:
    return f"“{value}”" if lang == "zh" else f"'{value}'"


def _list(values: Iterable[Any], lang: str) -> str:
    values = list(values)
    if not values:
        return "无" if lang == "zh" else "none"
    return ("、" if lang == "zh" else ", ").join(_q(v, lang) for v in values)


def _num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:g}"
    return str(value)


def _kind(kind: str, lang: str) -> str:
    return KIND_ZH.get(kind, kind) if lang == "zh" else KIND_EN.get(kind, kind.replace("_", " "))


def _role(role: str, lang: str) -> str:
    return f"“{ROLE_ZH.get(role, role)}”({role})" if lang == "zh" else f"'{role}'"


def _name(step: dict, lang: str) -> str:
    name = step.get("name")
    if not name:
        return ""
    text = (name.get("zh") or name.get("en")) if lang == "zh" else (name.get("en") or name.get("zh"))
    return f"——{text}" if lang == "zh" else f" — {text}"


# -- one line per step -------------------------------------------------------------------------------------

def _subject(s: dict, lang: str) -> str:
    zh = lang == "zh"
    head = f"{_kind(s['kind'], lang)}{_q(s['id'], lang)}" if zh else f"{_kind(s['kind'], lang)} {_q(s['id'], lang)}"
    head += _name(s, lang)
    kind, extra = s["kind"], ""
    if kind == "item" and "item_kind" in s:  # an item the schema refused (PE002) is known by its id only
        category = s.get("category") or ("无" if zh else "none")
        extra = (f";{ITEM_KIND_ZH.get(s['item_kind'], s['item_kind'])}事项,类别:{category}" if zh
                 else f"; a {s['item_kind']} item, category: {category}")
    elif kind == "tier" and "parent" in s:
        parent = _q(s["parent"], lang) if s["parent"] else ("无(根)" if zh else "none (the root)")
        extra = f";上级:{parent}" if zh else f"; parent: {parent}"
        if s.get("count") is not None:
            extra += f",共 {s['count']} 个" if zh else f", {s['count']} of them"
    elif kind == "unit" and "tier" in s:
        extra = f";位于层级{_q(s['tier'], lang)}" if zh else f"; at tier {_q(s['tier'], lang)}"
        if s.get("sent_by"):
            extra += f",由{_q(s['sent_by'], lang)}派驻" if zh else f", seconded by {_q(s['sent_by'], lang)}"
    elif kind in ("list", "admission") and "tier" in s:
        extra = f";层级{_q(s['tier'], lang)}" if zh else f"; of tier {_q(s['tier'], lang)}"
    elif kind == "assessment" and "assessor" in s:
        extra = (f";{_q(s['assessor'], lang)}考核{_q(s['assessed'], lang)}" if zh
                 else f"; {_q(s['assessor'], lang)} assesses {_q(s['assessed'], lang)}")
    elif kind == "duty" and "applies_to" in s:
        extra = f";适用于{_q(s['applies_to'], lang)}" if zh else f"; for {_q(s['applies_to'], lang)}"
    return head + extra


def _assigned(s: dict, lang: str) -> str:
    return (f"承接层级{_q(s['tier'], lang)},角色{_role(s['role'], lang)}" if lang == "zh"
            else f"assigned to tier {_q(s['tier'], lang)} with role {_role(s['role'], lang)}")


def _requires(s: dict, lang: str) -> str:
    if lang == "zh":
        tail = f";缺少:{_list(s['missing'], lang)}" if s["missing"] else ";均已具备"
        return f"角色{_role(s['role'], lang)}需要权力:{_list(s['powers'], lang)}{tail}"
    tail = f"; missing: {_list(s['missing'], lang)}" if s["missing"] else "; all held"
    return f"role {_role(s['role'], lang)} requires {_list(s['powers'], lang)}{tail}"


def _power(s: dict, lang: str) -> str:
    if lang == "zh":
        return (f"{_q(s['power'], lang)}权:层级{_q(s['tier'], lang)}就该事项" + ("具备此权力" if s["held"] else "不具备此权力"))
    return (f"power {_q(s['power'], lang)}: tier {_q(s['tier'], lang)} "
            + ("holds it for the item" if s["held"] else "does not hold it for the item"))


def _holder(s: dict, lang: str) -> str:
    zh, reason = lang == "zh", s["reason"]
    grant = (f"(授权{_q(s['grant'], lang)})" if zh else f" (grant {_q(s['grant'], lang)})") if s.get("grant") else ""
    who = (f"{_kind(s['holder_kind'], lang)}{_q(s['holder'], lang)}" if zh
           else f"{_kind(s['holder_kind'], lang)} {_q(s['holder'], lang)}")
    if reason == "funding":
        return "随事项下放(funding.powers):计入" if zh else "devolved with the item (funding.powers): counts"
    if reason == "assigned_tier":
        return f"授予层级本身{grant}:计入" if zh else f"granted to the tier itself{grant}: counts"
    if reason == "own_unit":
        return f"由其自有{who}具备{grant}:计入" if zh else f"held by its own {who}{grant}: counts"
    if reason == "co_handler":
        return f"由驻格协办{who}具备{grant}:计入" if zh else f"held by the attached co-handler {who}{grant}: counts"
    if reason == "seconded":
        return (f"{who}具备{grant},位于层级{_q(s['tier'], lang)},但由{_q(s['sent_by'], lang)}派驻:其权力属派出单位条线,不计入该层级"
                if zh else f"held by {who}{grant} at tier {_q(s['tier'], lang)}, seconded by "
                f"{_q(s['sent_by'], lang)}: a seconded unit's powers are its sender's line, not the tier's")
    return (f"{who}具备{grant},位于另一层级{_q(s['tier'], lang)}" if zh
            else f"held by {who}{grant} at another tier, {_q(s['tier'], lang)}")


def _co_handler(s: dict, lang: str) -> str:
    zh, unit = lang == "zh", _q(s["unit"], lang)
    if not s["holds"]:
        return f"协办单位{unit}不具备该权力" if zh else f"co-handler {unit} does not hold it"
    if s["coverage"] is None:
        return (f"协办单位{unit}具备该权力(未说明覆盖范围):计入" if zh
                else f"co-handler {unit} holds it (coverage not given): counts")
    cov, limit = _num(s["coverage"]), _num(s["threshold"])
    if s["counted"]:
        return (f"协办单位{unit}具备该权力,覆盖 {cov} 个网格(不超过 {limit} 个):计入" if zh
                else f"co-handler {unit} holds it and covers {cov} grids (at most {limit}): counts")
    return (f"协办单位{unit}具备该权力,但覆盖 {cov} 个网格,超过 PE101.max_co_handler_coverage({limit}):不计入" if zh
            else f"co-handler {unit} holds it but covers {cov} grids, more than {limit} "
            "(PE101.max_co_handler_coverage): not counted")


def _held_nowhere(s: dict, lang: str) -> str:
    return (f"没有有效的授权具备{_q(s['power'], lang)}权" if lang == "zh"
            else f"no grant in force holds {_q(s['power'], lang)}")


def _escalation(s: dict, lang: str) -> str:
    zh, powers = lang == "zh", _list(s["powers"], lang)
    if not s["on_path"]:
        if not s["path"]:
            return f"没有上报链(workflow.escalation):上报无门({powers})" if zh else \
                f"no escalation chain (workflow.escalation): a dead end for {powers}"
        return (f"层级{_q(s['tier'], lang)}不在上报链({' → '.join(s['path'])})上:上报无门" if zh
                else f"tier {_q(s['tier'], lang)} is not on the escalation chain ({' → '.join(s['path'])}): a dead end")
    path = " → ".join(s["path"])
    if zh:
        first = f"首个能处置的层级:{_q(s['first'], lang)}" if s["first"] else "没有层级能处置:上报无门"
        return f"为{powers}向上报送:{path};{first}"
    first = f"first tier to settle it: {_q(s['first'], lang)}" if s["first"] else "no tier settles it: a dead end"
    return f"escalation from {_q(s['tier'], lang)} for {powers}: {path}; {first}"


def _level(s: dict, lang: str) -> str:
    if lang == "zh":
        return f"{_q(s['tier'], lang)}:" + ("能处置" if s["settles"] else "不能处置(其自身授权、所属或可转派单位均不具备全部所需权力)")
    return f"{_q(s['tier'], lang)}: " + ("settles it" if s["settles"] else
                                        "cannot settle it (neither its own grants nor a unit at it or "
                                        "dispatchable from it holds every power needed)")


def _settler(s: dict, lang: str) -> str:
    zh, ident = lang == "zh", _q(s["id"], lang)
    if s["via"] == "tier":
        return "该层级自身具备全部所需权力" if zh else "the tier itself holds every power needed"
    if s["via"] == "unit":
        return f"其单位{ident}具备全部所需权力" if zh else f"unit {ident} at it holds every power needed"
    return (f"可转派至单位{ident}(workflow.dispatch),后者具备全部所需权力" if zh
            else f"it may dispatch to unit {ident} (workflow.dispatch), which holds every power needed")


def _return(s: dict, lang: str) -> str:
    zh = lang == "zh"
    to = ("承接层级" if zh else "the assigned tier") if s["to"] == "assigned_tier" else \
        (f"层级{_q(s['to'], lang)}" if zh else f"tier {_q(s['to'], lang)}")
    if s.get("target") and s["to"] == "assigned_tier":
        to += _q(s["target"], lang) if zh else f" {_q(s['target'], lang)}"
    if zh:
        lacks = f",而后者不具备{_list(s['lacks'], lang)}" if s["lacks"] else ""
        return f"{_q(s['by'], lang)}将事件退回{to}(依据:{s['basis']}){lacks}"
    lacks = f", which lacks {_list(s['lacks'], lang)}" if s["lacks"] else ""
    return f"{_q(s['by'], lang)} returns events to {to} (basis: {s['basis']}){lacks}"


def _no_return(s: dict, lang: str) -> str:
    return (f"没有退件规则把该事项的事件退回{_q(s['tier'], lang)}" if lang == "zh"
            else f"no return rule sends the item's events back to {_q(s['tier'], lang)}")


def _origin(s: dict, lang: str) -> str:
    zh = lang == "zh"
    if s["owner"]:
        text = (f"主管单位{_q(s['owner'], lang)},位于层级{_q(s['owner_tier'], lang)}" if zh
                else f"owned by unit {_q(s['owner'], lang)} at tier {_q(s['owner_tier'], lang)}")
    else:
        text = f"由层级{_q(s['issued_by'], lang)}下达" if zh else f"issued by tier {_q(s['issued_by'], lang)}"
    return text


def _pushdown(s: dict, lang: str) -> str:
    path = " → ".join(reversed(s["path"]))
    return (f"从{_q(s['origin'], lang)}下沉至{_q(s['tier'], lang)}:{path}" if lang == "zh"
            else f"pushed down from {_q(s['origin'], lang)} to {_q(s['tier'], lang)}: {path}")


def _cost(s: dict, lang: str) -> str:
    zh, parts = lang == "zh", []
    if s["hours_per_month"] is not None:
        parts.append(f"每月 {_num(s['hours_per_month'])} 工时" if zh else f"{_num(s['hours_per_month'])} hours/month")
    if s["yuan_per_year"] is not None:
        parts.append(f"每年 {_num(s['yuan_per_year'])} 元" if zh else f"{_num(s['yuan_per_year'])} yuan/year")
    if not parts:
        return "未声明成本(cost)" if zh else "no cost declared"
    return ("成本:" + "、".join(parts)) if zh else "cost: " + ", ".join(parts)


def _funding(s: dict, lang: str) -> str:
    zh = lang == "zh"
    if not s["declared"]:
        return "未声明经费(funding):没有经费、人员随事项转移" if zh else "no funding declared: no money, no people"
    powers = (f",下放权力:{_list(s['powers'], lang)}" if zh else f", powers: {_list(s['powers'], lang)}") \
        if s["powers"] else ""
    return (f"经费:每年 {_num(s['money_yuan_per_year'])} 元,人员 {_num(s['people'])} 人{powers}" if zh
            else f"funding: {_num(s['money_yuan_per_year'])} yuan/year, {_num(s['people'])} people{powers}")


def _gap(s: dict, lang: str) -> str:
    zh, cover = lang == "zh", _num(s["min_coverage"])
    if s["measure"] == "none":
        return "缺口:没有经费、也没有人员随事项转移" if zh else "gap: no money and no people move with the item"
    if s["measure"] == "money":
        return (f"缺口:经费每年 {_num(s['provided'])} 元,所需 {_num(s['needed'])} 元(成本 × PE102.min_coverage {cover}),"
                f"差 {_num(s['gap'])} 元" if zh else
                f"gap: {_num(s['provided'])} yuan/year against {_num(s['needed'])} needed (cost × PE102.min_coverage "
                f"{cover}): short by {_num(s['gap'])}")
    source = ("层级内单位" if zh else "a unit at the tier") if s["hours_from"] == "unit" else \
        ("PE102.hours_per_person_month" if zh else "PE102.hours_per_person_month")
    return (f"缺口:人员每月 {_num(s['provided'])} 工时(每人每月 {_num(s['hours_per_person_month'])} 工时,取自{source}),"
            f"所需 {_num(s['needed'])} 工时,差 {_num(s['gap'])} 工时" if zh else
            f"gap: {_num(s['provided'])} person-hours/month ({_num(s['hours_per_person_month'])} hours per person, "
            f"from {source}) against {_num(s['needed'])} needed: short by {_num(s['gap'])}")


def _mobilises(s: dict, lang: str) -> str:
    return (f"须动员单位{_q(s['unit'], lang)}(层级{_q(s['unit_tier'], lang)})" if lang == "zh"
            else f"must mobilise unit {_q(s['unit'], lang)} (tier {_q(s['unit_tier'], lang)})")


def _unit(s: dict, lang: str) -> str:
    zh = lang == "zh"
    text = (f"单位{_q(s['id'], lang)}位于层级{_q(s['tier'], lang)}({s['unit_kind']})" if zh
            else f"unit {_q(s['id'], lang)} sits at tier {_q(s['tier'], lang)} ({s['unit_kind']})")
    if s.get("sent_by"):
        text += f",由{_q(s['sent_by'], lang)}派驻" if zh else f", seconded by {_q(s['sent_by'], lang)}"
    return text


def _coordination(s: dict, lang: str) -> str:
    zh, tier = lang == "zh", _q(s["tier"], lang)
    if not s["grants"]:
        return (f"层级{tier}(自身及其自有单位)不具备协调权" if zh
                else f"tier {tier} (itself and its own units) holds no coordination power")
    scopes = "、".join(s["scopes"]) if zh else ", ".join(s["scopes"])
    if zh:
        return f"层级{tier}的协调权(自身及其自有单位,共 {s['grants']} 项)" + (
            f"仅及“{scopes}”及以下" if scopes else "") + ",均不能到达该单位"
    return f"coordination of tier {tier} ({s['grants']} grant(s) to it or its own units)" + (
        f" reaches only tier {scopes} and below" if scopes else "") + "; none reaches the unit"


def _coordination_grant(s: dict, lang: str) -> str:
    zh = lang == "zh"
    who = (f"{_kind(s['holder_kind'], lang)}{_q(s['holder'], lang)}" if zh
           else f"{_kind(s['holder_kind'], lang)} {_q(s['holder'], lang)}")
    grant = (f"(授权{_q(s['grant'], lang)})" if zh else f" (grant {_q(s['grant'], lang)})") if s.get("grant") else ""
    parts = []
    if s["scope"]:
        reach = " → ".join(s["reach"])
        parts.append(f"范围{_q(s['scope'], lang)}(可及:{reach})" if zh else f"scope {_q(s['scope'], lang)} (reaches {reach})")
    if s["units"]:
        parts.append(f"单位:{_list(s['units'], lang)}" if zh else f"units {_list(s['units'], lang)}")
    what = ("、".join(parts) if zh else ", ".join(parts)) or ("无范围" if zh else "no scope")
    verdict = ("能到达" if s["reaches"] else "不能到达") if zh else ("reaches it" if s["reaches"] else "does not reach it")
    tail = ""
    if not s["counted"] and not s["reaches"]:
        tail = ";派驻单位,不计入该层级" if zh else "; a seconded unit: not the tier's"
    return (f"{who}{grant}持有协调权,{what}:{verdict}{tail}" if zh
            else f"{who}{grant} holds coordination, {what}: {verdict}{tail}")


def _reachers(s: dict, lang: str) -> str:
    zh, unit = lang == "zh", _q(s["unit"], lang)
    if not s["count"]:
        return f"没有任何有效的协调授权能到达{unit}" if zh else f"no coordination grant in force anywhere reaches {unit}"
    return (f"能到达{unit}的协调授权({s['count']} 项):" if zh
            else f"coordination grants that reach {unit} ({s['count']}):")


def _load(s: dict, lang: str) -> str:
    share = f"{s['share']:.0%}"
    return (f"责任负荷:{s['load']} 项(占 {share}):本层级声明 {s['items']} 项,清单另载 {s['stated']} 项;"
            f"PE105.min_items 为 {_num(s['min_items'])}" if lang == "zh" else
            f"load: {s['load']} items ({share} of the load): {s['items']} declared at it, {s['stated']} more stated "
            f"in its lists; PE105.min_items {_num(s['min_items'])}")


def _stated_list(s: dict, lang: str) -> str:
    return (f"清单{_q(s['list'], lang)}载明 {s['stated']} 项,已声明 {s['listed']} 项:另计 {s['extra']} 项" if lang == "zh"
            else f"list {_q(s['list'], lang)} states {s['stated']} items, {s['listed']} of them declared: "
            f"{s['extra']} more")


def _dimension(s: dict, lang: str) -> str:
    zh = lang == "zh"
    level, top = f"{s['level']:.2f}", f"{s['top_level']:.2f}"
    if s["grant"] or s["holder"]:
        source = (f"{s['level_name']},来自{_q(s['holder'], lang)}的授权{_q(s['grant'] or '', lang)}" if zh
                  else f"{s['level_name']}, grant {_q(s['grant'] or '', lang)} of {_q(s['holder'], lang)}")
    else:
        source = "无授权" if zh else "no grant"
    return (f"{s['dimension']}:{level}({source}),{_q(s['top_tier'], lang)}为 {top}" if zh
            else f"{s['dimension']}: {level} ({source}) against {top} at {_q(s['top_tier'], lang)}")


def _authority(s: dict, lang: str) -> str:
    zh = lang == "zh"
    ratio = "∞" if s["ratio"] is None else f"{s['ratio']:.2f}"
    return (f"治理权 {s['authority']:.2f}(四个维度的平均),{_q(s['top_tier'], lang)}为 {s['top']:.2f}:"
            f"比值 {ratio},不低于 PE105.ratio {_num(s['threshold'])}" if zh else
            f"authority {s['authority']:.2f} (the mean of the four) against {s['top']:.2f} at "
            f"{_q(s['top_tier'], lang)}: a ratio of {ratio}, at least PE105.ratio {_num(s['threshold'])}")


def _related(s: dict, lang: str) -> str:
    zh = lang == "zh"
    return (f"涉及{_kind(s['kind'], lang)}{_q(s['id'], lang)}{_name(s, lang)}" if zh
            else f"names {_kind(s['kind'], lang)} {_q(s['id'], lang)}{_name(s, lang)}")


def _limit(s: dict, lang: str) -> str:
    return (f"考核主体 {s['count']} 个,PE301.max_assessors 为 {_num(s['max'])}" if lang == "zh"
            else f"{s['count']} assessors; PE301.max_assessors {_num(s['max'])}")


def _regime(s: dict, lang: str) -> str:
    return (f"考核{_q(s['id'], lang)}:{_q(s['assessor'], lang)}考核{_q(s['assessed'], lang)}" if lang == "zh"
            else f"regime {_q(s['id'], lang)}: {_q(s['assessor'], lang)} assesses {_q(s['assessed'], lang)}")


def _quota(s: dict, lang: str) -> str:
    zh, parts = lang == "zh", []
    if s.get("min") is not None:
        parts.append(f"min {_num(s['min'])}")
    if s.get("add") is not None:
        parts.append(f"add {_num(s['add'])}")
    return (f"考核{_q(s['regime'], lang)}的“{s['metric']}”指标:{', '.join(parts)}" if zh
            else f"quota {_q(s['metric'], lang)} of regime {_q(s['regime'], lang)}: {', '.join(parts)}")


def _consequence(s: dict, lang: str) -> str:
    zh, rank = lang == "zh", []
    if s.get("top"):
        rank.append(f"前 {s['top']} 名" if zh else f"top {s['top']}")
    if s.get("bottom"):
        rank.append(f"后 {s['bottom']} 名" if zh else f"bottom {s['bottom']}")
    effect = EFFECT_ZH.get(s["effect"], s["effect"]) if zh else s["effect"].replace("_", " ")
    return (f"考核{_q(s['regime'], lang)}按排名({'、'.join(rank)})决定:{effect}" if zh
            else f"regime {_q(s['regime'], lang)} ranks ({', '.join(rank)}) with {effect} at stake")


def _scoring(s: dict, lang: str) -> str:
    return (f"考核{_q(s['regime'], lang)}在事件 {s['when']} 时扣分" if lang == "zh"
            else f"regime {_q(s['regime'], lang)} deducts points when an event is {s['when']}")


def _listed(s: dict, lang: str) -> str:
    return (f"列入清单{_q(s['list'], lang)}" if lang == "zh" else f"on list {_q(s['list'], lang)}")


def _procedure(s: dict, lang: str) -> str:
    zh = lang == "zh"
    lists = _list(s["lists"], lang) if s["lists"] else ("该层级全部清单" if zh else "every list of the tier")
    return (f"准入程序{_q(s['id'], lang)}(层级{_q(s['tier'], lang)},清单:{lists})在该日有效,管辖该事项" if zh
            else f"admission procedure {_q(s['id'], lang)} (tier {_q(s['tier'], lang)}, lists: {lists}) is in force "
            "and governs the item")


CRITERION = {"en": {"none": "no clause holds: next", "finding": "reports a finding only: next", "reject": "rejects",
                    "admit": "admits", "conditional": "admits on conditions"},
             "zh": {"none": "没有子句成立:继续", "finding": "仅报告诊断:继续", "reject": "不予准入",
                    "admit": "准入", "conditional": "附条件准入"}}


def _criterion(s: dict, lang: str) -> str:
    verdict = CRITERION[lang].get(s["outcome"], s["outcome"])
    reason = (f":{s['reason']}" if lang == "zh" else f": {s['reason']}") if s.get("reason") else ""
    return (f"规则{_q(s['rule'], lang)}:{verdict}{reason}" if lang == "zh"
            else f"rule {_q(s['rule'], lang)}: {verdict}{reason}")


def _no_criterion(s: dict, lang: str) -> str:
    return "没有准入标准准许该事项:不予准入" if lang == "zh" else "no criterion admits it: rejected"


LINES: dict[str, Callable[[dict, str], str]] = {
    "subject": _subject, "assigned": _assigned, "requires": _requires, "power": _power, "holder": _holder,
    "co_handler": _co_handler, "held_nowhere": _held_nowhere, "escalation": _escalation, "level": _level,
    "settler": _settler, "return": _return, "no_return": _no_return, "origin": _origin, "pushdown": _pushdown,
    "cost": _cost, "funding": _funding, "gap": _gap, "mobilises": _mobilises, "unit": _unit,
    "coordination": _coordination, "coordination_grant": _coordination_grant, "reachers": _reachers,
    "load": _load, "stated_list": _stated_list, "dimension": _dimension, "authority": _authority,
    "related": _related, "limit": _limit, "regime": _regime, "quota": _quota, "scoring": _scoring,
    "consequence": _consequence, "listed": _listed, "procedure": _procedure, "criterion": _criterion,
    "no_criterion": _no_criterion,
}


def line(step: dict, lang: str = "en") -> str:
    """One step as text, without indentation or position."""
    render = LINES.get(step["step"])
    if render is None:  # a step kind this renderer does not know: its fields, as they are
        return step["step"] + ": " + ", ".join(f"{k}={v}" for k, v in step.items() if k not in ("step", "depth", "at"))
    return render(step, lang)


def _where(at: dict | None) -> str:
    return f"  [{at['file']}:{at['line']}:{at['column']}]" if at else ""


def render_chain(chain: list[dict], lang: str = "en", indent: int = 2) -> str:
    """The chain as indented lines, one step a line, each with its file:line:column; ends with a newline."""
    return "".join(" " * (indent + 2 * s["depth"]) + line(s, lang) + _where(s.get("at")) + "\n" for s in chain)


def header(finding: Finding, lang: str = "en") -> str:
    return (f"{finding.span}: {label(finding.severity, lang)}[{finding.code}] {finding.message} "
            f"[{finding.name}]")


def render_text(entries: Iterable[tuple[Finding, list[dict]]], lang: str = "en") -> str:
    """Each finding's header line, then its chain; a blank line between findings."""
    return "\n".join(header(f, lang) + "\n" + render_chain(chain, lang) for f, chain in entries)


def entry(finding: Finding, chain: list[dict]) -> dict:
    """{finding, chain}: the finding as `lint --format json` writes it, and its steps."""
    return {"finding": {"code": finding.code, "name": finding.name, "severity": finding.severity.label,
                        "message": finding.message, "file": finding.span.file, "line": finding.span.line,
                        "column": finding.span.column,
                        "subject": {"kind": finding.subject.kind, "id": finding.subject.id}},
            "chain": chain}


def document(entries: Iterable[tuple[Finding, list[dict]]]) -> dict:
    return {"version": VERSION, "findings": [entry(f, chain) for f, chain in entries]}


def render_json(entries: Iterable[tuple[Finding, list[dict]]]) -> str:
    return json.dumps(document(entries), ensure_ascii=False, indent=2) + "\n"

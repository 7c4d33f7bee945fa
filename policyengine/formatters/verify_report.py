"""`verify`: each property proved, refuted or unknown, where its rule or invariant is written, and each
counterexample as the YAML item a department could submit. Text, JSON and SARIF; the same report
gives the same bytes every time (no time is printed: how long the solver took is not part of it)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from .. import __version__
from ..messages.catalogue import text as say
from ..verify.results import PROVED, REFUTED, UNENCODABLE, UNKNOWN, Counterexample, Property, Report, Step

Names = Mapping[str, Mapping[str, str]]  # kind -> id -> name, as naming.declared_names gives them
LEVEL = {PROVED: "none", REFUTED: "error", UNKNOWN: "warning"}
SARIF_KIND = {PROVED: "pass", REFUTED: "fail", UNKNOWN: "open"}


def _named(names: Names, kind: str, ident: str) -> str:
    found = names.get(kind, {}).get(ident)
    return f"{found} ({ident})" if found and found != ident else ident


CRITERIA = re.compile(r"(?P<procedure>.+)\.criteria\[(?P<index>[0-9]+)\]")


def rule_named(names: Names, rule: str, lang: str) -> str:
    """A rule as a person names it: a procedure's inline criteria by the procedure's name."""
    found = CRITERIA.fullmatch(rule)
    if found is None:
        return rule
    procedure = _named(names, "procedure", found["procedure"])
    return say("verify.criteria_of", lang, procedure=procedure, n=int(found["index"]) + 1)


def message(p: Property, lang: str, names: Names, timeout: float) -> str:
    """What the property says, in `lang`."""
    params: dict[str, Any] = dict(p.params)
    for key in ("procedure", "first", "second"):
        if key in params:
            params[key] = _named(names, "procedure", params[key])
    if "rule" in params:
        params["rule"] = rule_named(names, params["rule"], lang)
    if "invariant" in params:
        params["invariant"] = _named(names, "invariant", params["invariant"])
    for key in ("before", "after"):
        if key in params:
            params[key] = say(f"term.decision.{params[key]}", lang)
    if p.kind == "dead" and p.status != PROVED:
        key = "dead.unknown" if p.status == UNKNOWN else _dead_key(params)
        params["covered"] = ", ".join(str(c) for c in params.get("covered_by", ()))
    else:
        key = f"{p.kind}.{PROVED if p.status == UNKNOWN else p.status}"
    said = say(f"verify.says.{key}", lang, **params)
    if p.status == UNKNOWN and p.reason == UNENCODABLE:
        return say("verify.unencodable", lang, what=said, construct=params.get("construct", ""))
    if p.status == UNKNOWN:
        return say("verify.unknown", lang, what=said, timeout=_seconds(timeout), reason=p.reason or "unknown")
    return said


def _dead_key(params: Mapping[str, Any]) -> str:
    if params.get("covered_by"):
        # the clauses before it may not be all that covers it: the rules tried before may cover the rest
        return "dead.covered_and_earlier" if params.get("by_earlier_rules") else "dead.covered"
    return "dead.earlier" if params.get("by_earlier_rules") else "dead.never"


def _seconds(value: float) -> str:
    return f"{value:g}"


def _where(step: Step, lang: str, names: Names) -> str:
    if step.rule is not None and step.clause is not None:
        rule = rule_named(names, step.rule, lang)
        return say("verify.cx.clause", lang, clause=step.clause + 1, rule=rule, at=step.at or "")
    if step.procedure is None:
        return say("verify.cx.ungoverned", lang)
    reason = say("verify.cx.by_hand" if step.decision == "pending" else "verify.cx.undecided", lang)
    return say("verify.cx.default", lang, reason=reason, procedure=_named(names, "procedure", step.procedure))


def _decision(step: Step, lang: str) -> str:
    return say(f"term.decision.{step.decision}", lang) if step.decision else ""


def item_yaml(item: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(item), allow_unicode=True, sort_keys=False, width=100)


def _counterexample(cx: Counterexample, lang: str, names: Names) -> list[str]:
    out = ["    " + say("verify.cx.title", lang)]
    out += ["      " + line for line in item_yaml(cx.item).splitlines()]
    if cx.lists:
        listed = ", ".join(_named(names, "list", lst) for lst in cx.lists)
        out.append("    " + say("verify.cx.lists", lang, lists=listed))
    else:
        out.append("    " + say("verify.cx.no_lists", lang))
    for step in cx.before:
        out.append(
            "    " + say("verify.cx.before", lang, decision=_decision(step, lang), where=_where(step, lang, names))
        )
    label = "verify.cx.after" if cx.before else "verify.cx.decided"
    for index, step in enumerate(cx.steps):
        # the first step is how `admit` decides the item; those after it hold for it too and would
        # decide it otherwise (the clauses of an order, the procedures of an agreement)
        key = label if index == 0 else "verify.cx.also"
        out.append("    " + say(key, lang, decision=_decision(step, lang), where=_where(step, lang, names)))
    return out


def render_text(reports: list[Report], lang: str, names: Names) -> str:
    first = reports[0]
    if first.reform:
        head = say(
            "verify.heading_reform",
            lang,
            policy=first.policy,
            reform=first.reform,
            on=first.on,
            timeout=_seconds(first.timeout),
        )
    else:
        head = say("verify.heading", lang, policy=first.policy, on=first.on, timeout=_seconds(first.timeout))
    out = [head, ""]
    for index, report in enumerate(reports):
        if index:
            out += ["", say("verify.section_changes", lang)]
        if not report.properties and index == 0:
            out.append(say("verify.nothing", lang))
        for p in report.properties:
            status = say(f"verify.status.{p.status}", lang)
            kind = say(f"verify.kind.{p.kind}", lang)
            where = f"{p.at}: " if p.at else ""
            out.append(f"{where}{status} · {kind}: {message(p, lang, names, report.timeout)}")
            if p.counterexample is not None:
                out += _counterexample(p.counterexample, lang, names)
    every = [p for r in reports for p in r.properties]
    counts = {s: sum(1 for p in every if p.status == s) for s in (PROVED, REFUTED, UNKNOWN)}
    out += ["", say("verify.summary", lang, **counts)]
    return "\n".join(out) + "\n"


def _step_json(step: Step) -> dict[str, Any]:
    return {
        "decision": step.decision,
        "procedure": step.procedure,
        "rule": step.rule,
        "clause": None if step.clause is None else step.clause + 1,
        "at": step.at,
        "reason": step.reason,
    }


def _property_json(p: Property, lang: str, names: Names, timeout: float) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": p.kind,
        "subject": p.subject,
        "status": p.status,
        "at": p.at or None,
        "message": message(p, lang, names, timeout),
        "params": p.params,
        "reason": p.reason,
    }
    cx = p.counterexample
    if cx is not None:
        out["counterexample"] = {
            "item": cx.item,
            "lists": list(cx.lists),
            "decided": [_step_json(s) for s in cx.steps],
            **({"before": [_step_json(s) for s in cx.before]} if cx.before else {}),
        }
    return out


def render_json(reports: list[Report], lang: str, names: Names) -> str:
    first = reports[0]
    every = [p for r in reports for p in r.properties]
    doc = {
        "version": 1,
        "policy": first.policy,
        "reform": first.reform,
        "on": first.on,
        "timeout": first.timeout,
        "properties": [_property_json(p, lang, names, r.timeout) for r in reports[:1] for p in r.properties],
        "changes": [_property_json(p, lang, names, r.timeout) for r in reports[1:] for p in r.properties],
        "summary": {s: sum(1 for p in every if p.status == s) for s in (PROVED, REFUTED, UNKNOWN)},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _location(at: str) -> dict[str, Any] | None:
    file, _, rest = at.rpartition(":")
    file, _, line = file.rpartition(":")
    if not file or not line.isdigit() or not rest.isdigit():
        return None
    region = {"startLine": int(line), "startColumn": max(int(rest), 1)}
    return {"physicalLocation": {"artifactLocation": {"uri": file}, "region": region}}


def render_sarif(reports: list[Report], lang: str, names: Names) -> str:
    """SARIF 2.1.0: a result per property, `pass`, `fail` or `open`, each with its location."""
    rules = [
        {"id": f"verify/{k}", "name": say(f"verify.kind.{k}", lang)}
        for k in ("coverage", "agreement", "order", "dead", "invariant", "change")
    ]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for report in reports:
        for p in report.properties:
            rule = f"verify/{p.kind}"
            result: dict[str, Any] = {
                "ruleId": rule,
                "ruleIndex": index[rule],
                "kind": SARIF_KIND[p.status],
                "level": LEVEL[p.status],
                "message": {"text": message(p, lang, names, report.timeout)},
                "properties": {"subject": p.subject, "status": p.status},
            }
            if (where := _location(p.at)) is not None:
                result["locations"] = [where]
            if p.counterexample is not None:
                result["properties"]["counterexample"] = {
                    "item": p.counterexample.item,
                    "lists": list(p.counterexample.lists),
                }
            results.append(result)
    doc = {
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "policyengine verify", "version": __version__, "rules": rules}},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def counterexample_reform(
    p: Property, n: int, baseline: str, lang: str, names: Names, timeout: float, baseline_side: bool = False
) -> str:
    """A reform file adding the counterexample's item to the policy it was found in (`baseline`, a path
    relative to the file), on its lists: `policyengine admit --reform FILE` decides it."""
    cx = p.counterexample
    assert cx is not None
    note = say(
        "verify.cx.file_note",
        lang,
        n=n,
        kind=say(f"verify.kind.{p.kind}", lang),
        message=message(p, lang, names, timeout),
    )
    lists = cx.before_lists if baseline_side else cx.lists
    add: dict[str, Any] = {"op": "add", "section": "items", "value": dict(cx.item)}
    if lists:
        add["lists"] = list(lists)
    name = {"zh": say("verify.cx.reform_name", "zh", n=n), "en": say("verify.cx.reform_name", "en", n=n)}
    doc = {"reform": {"id": f"counterexample_{n:02d}", "name": name, "baseline": baseline}, "operations": [add]}
    return f"# {note}\n" + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)

"""The report as one self-contained HTML page: the data of `model.Report`, the SVG of `svg`, and
the template `templates/report.html.j2` (jinja2, autoescaped), with its CSS and JS inlined."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import __version__
from ..checks import CATALOGUE
from ..decisions import Decision
from ..diagnostics import Severity, Subject
from ..formatters.admission_report import REASONS
from ..messages.catalogue import TABLE, term
from ..messages.catalogue import labels as labels_of
from ..messages.catalogue import render as say_text
from ..messages.catalogue import text as say
from ..messages.core import Bilingual, Term
from ..naming import declared_names, said_change, said_subject
from ..vocabulary import DIMENSIONS, ROLES
from .draw import metric_num, num
from .graph_svg import graph
from .metrics_svg import metrics
from .model import NO_TIER, Comparison, Report, Scenario
from .pyramid import pyramid
from .sensitivity_view import sensitivity_view

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_ITEMS_PER_TIER = 6  # beyond this many items a tier's items are grouped by role in the graph
MAX_UNITS_PER_TIER = 12  # ... and beyond this many units, its units by kind


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["money"] = lambda x: f"{x:,.0f}"
    env.filters["people"] = lambda x: f"{x:.2f}"
    env.filters["level"] = lambda x: num(x)
    env.filters["pct"] = lambda x: f"{x * 100:.1f}%"
    env.filters["metric"] = metric_num
    return env


def _code_name(code: str, lang: str, fallback: str) -> str:
    c = CATALOGUE.get(code)
    if c is None:
        return fallback
    return say_text(Bilingual(c.name, c.zh), lang)


def _tier_names(scenario: Scenario, lang: str) -> dict[str, str]:
    policy = scenario.policy
    if policy is None:
        return {}
    return {t: tier.name.text(lang) or t for t, tier in policy.tiers.items()}


def _names(*scenarios: Scenario, lang: str) -> dict[str, dict[str, str]]:
    """kind -> {id: name in `lang`} of the scenarios' policies, the later's names over the earlier's (a
    declaration a reform removed keeps the baseline's name)."""
    names: dict[str, dict[str, str]] = {}
    for scenario in scenarios:
        if scenario.policy is not None:
            for kind, found in declared_names(scenario.policy, lang).items():
                names[kind] = {**names.get(kind, {}), **found}
    return names


def _namer(*scenarios: Scenario, lang: str) -> Callable[[str, str], str]:
    """`nm(kind, id)` in the template: a declaration's name in `lang`, its id where it has none."""
    names = _names(*scenarios, lang=lang)
    return lambda kind, ident: names.get(kind, {}).get(ident, ident)


def _subject(subject: Subject, names: dict[str, dict[str, str]], lang: str) -> str:
    # the report's own word for the kind where it has one (值守任务), else the glossary's
    word = Term("report.subject", subject.kind) if f"report.subject.{subject.kind}" in TABLE else None
    return said_subject(subject.kind, subject.id, names, lang, word)


def _findings(scenario: Scenario, lang: str) -> list[dict[str, Any]]:
    names = _names(scenario, lang=lang)
    tiers = names.get("tier", {})
    return [
        {
            "code": f.code,
            "name": f.name,
            "severity": f.severity.label,
            "severity_label": term("term.severity", f.severity.label, lang),
            "tier": scenario.tier_of(f.subject),
            "tier_label": tiers.get(scenario.tier_of(f.subject), scenario.tier_of(f.subject)),
            "subject": _subject(f.subject, names, lang),
            "message": f.message,
            "where": f"{f.span.file}:{f.span.line}:{f.span.column}" if f.span.line else f.span.file,
        }
        for f in scenario.result.findings
    ]


def _filters(rows: list[dict[str, Any]], scenario: Scenario, lang: str) -> dict[str, Any]:
    codes: dict[str, list[Any]] = {}  # code -> [name, count]
    for r in rows:
        codes.setdefault(r["code"], [r["name"], 0])[1] += 1
    names = _tier_names(scenario, lang)
    present = {r["tier"] for r in rows}
    tiers = [(t, names.get(t, t)) for t in scenario.tiers() if t in present]
    tiers += [(t, t) for t in sorted(present - {t for t, _ in tiers} - {NO_TIER})]
    if NO_TIER in present:
        tiers.append((NO_TIER, NO_TIER))
    severities = [
        s.label
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if any(r["severity"] == s.label for r in rows)
    ]
    return {
        "codes": [(c, f"{c} {_code_name(c, lang, n)} ({k})") for c, (n, k) in sorted(codes.items())],
        "tiers": tiers,
        "severities": [(s, term("term.severity", s, lang)) for s in severities],
    }


def _detail(d: dict[str, Any], lang: str) -> str:
    parts = []
    if d["reason"]:
        parts.append(say(REASONS[d["reason"]], lang) if d["reason"] in REASONS else d["reason"])
    if d["devolve"]:
        parts.append(say("formats.admit.devolve", lang, powers=", ".join(d["devolve"])))
    if d["money"]:
        parts.append(say("report.money", lang, money=d["money"]))
    if d["people"]:
        parts.append(say("report.people", lang, people=d["people"]))
    if d["term_days"] is not None:
        parts.append(say("formats.admit.term", lang, days=d["term_days"]))
    return "; ".join(parts) or say("report.label.dash", lang)


def _admission(scenario: Scenario, lang: str) -> dict[str, Any] | None:
    doc = scenario.admission_document()
    if doc is None:
        return None
    rows = [
        {**d, "label": term("term.decision", d["decision"], lang), "detail": _detail(d, lang)} for d in doc["decisions"]
    ]
    return {
        "rows": rows,
        "bills": doc["bills"],
        "summary": say("formats.admit.summary", lang, **doc["summary"]),
        "counts": doc["summary"],
    }


def _pyramid(scenario: Scenario, lang: str, title: str) -> dict[str, Any] | None:
    rows = scenario.pyramid()
    if not rows:
        return None
    names = _tier_names(scenario, lang)
    return {"rows": rows, "names": names, "svg": Markup(pyramid(rows, names, lang, title))}


def _blocking(scenario: Scenario, codes: tuple[str, ...], lang: str) -> str:
    return say("report.label.needs_fix", lang, codes=", ".join(codes))


def _scenario_label(name: str, report: Report, lang: str) -> str:
    if name == "baseline":
        return say("report.label.baseline", lang)
    from ..simulate.report import scenario_name  # numpy: only with --simulate

    return scenario_name(name, report.simulation or {}, lang)  # a reform by its declared name


def _decision_label(d: Decision | None, lang: str) -> str:
    return term("term.decision", d.decision, lang) if d is not None else say("report.label.absent", lang)


def context(report: Report) -> dict[str, Any]:
    lang = report.lang
    text = labels_of("report.label", lang)
    main = report.main
    policy = main.policy or report.baseline.policy
    rows = _findings(main, lang)
    counts = {s.label: main.result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    ctx: dict[str, Any] = {
        "lang": lang,
        "t": text,
        "version": __version__,
        "on": report.on,
        "timestamp": report.timestamp,
        "policy_id": (policy.id if policy is not None else None) or text["dash"],
        "policy_name": (policy.name.text(lang) if policy is not None and policy.name else None),
        "counts": counts,
        "total": len(rows),
        "files": len(main.result.files),
        "sizes": {"tiers": len(policy.tiers), "units": len(policy.units), "items": len(policy.items)}
        if policy is not None and not main.blocking
        else None,
        "findings": rows,
        "filters": _filters(rows, main, lang),
        "shown": text["shown"].format(n=len(rows), m=len(rows)),
        "blocking": _blocking(main, main.blocking, lang) if main.blocking else None,
        "blocked": text["blocked"].format(codes=", ".join(main.blocking)) if main.blocking else None,
        "admission_blocking": _blocking(main, main.admission_blocking, lang) if main.admission_blocking else None,
        "dimensions": [(d, term("report.dimension", d, lang)) for d in DIMENSIONS],
        "pyramid": _pyramid(main, lang, text["sec_pyramid"]),
        "graph": None,
        "admission": _admission(main, lang),
        "reform": None,
        "simulation": None,
        "simulation_skipped": report.simulation_skipped,
        "roles": {r: term("report.role", r, lang) for r in ROLES},
        "max_items": MAX_ITEMS_PER_TIER,
        "max_units": MAX_UNITS_PER_TIER,
        "nm": _namer(report.baseline, *([report.reformed] if report.reformed else []), lang=lang),
    }
    # the graph exists only for a policy without structural errors (model.judge)
    if main.graph is not None and main.policy is not None:
        ctx["graph"] = Markup(
            graph(
                main.policy,
                main.graph,
                main.tiers(),
                lang,
                text["sec_graph"],
                "g",
                MAX_ITEMS_PER_TIER,
                MAX_UNITS_PER_TIER,
            )
        )
    # a comparison is made only with a reformed scenario (model.gather)
    if report.comparison is not None and report.reformed is not None:
        ctx["reform"] = _reform(report.comparison, report.baseline, report.reformed, lang, text)
    if report.simulation is not None:
        ctx["simulation"] = _simulation(report.simulation, report, lang, text)
    ctx["sensitivity"] = sensitivity_view(report.sensitivity, lang) if report.sensitivity is not None else None
    return ctx


def _reform(c: Comparison, before: Scenario, after: Scenario, lang: str, text: dict[str, str]) -> dict[str, Any]:
    """The reform section: findings per code, what the reform did, the decisions it changed, the pyramids."""
    name = say_text(Bilingual(c.reform_name.get("en"), c.reform_name.get("zh")), lang) or c.reform_id
    tiers = after.tiers() or before.tiers()
    b_rows = {r["tier"]: r for r in before.pyramid()}
    a_rows = {r["tier"]: r for r in after.pyramid()}
    names = _names(before, after, lang=lang)
    return {
        "id": c.reform_id,
        "name": name,
        "per_code": [(code, _code_name(code, lang, code), old, new) for code, old, new in c.per_code],
        "before_total": len(before.result.findings),
        "after_total": len(after.result.findings),
        "changes": [said_change(op, target, detail, names, lang) for op, target, detail in c.changes],
        "fixed": [{"code": f.code, "subject": _subject(f.subject, names, lang), "message": f.message} for f in c.fixed],
        "changed": [
            {
                "code": now.code,
                "subject": _subject(now.subject, names, lang),
                "before": was.message,
                "message": now.message,
            }
            for was, now in c.changed
        ],
        "introduced": [
            {"code": f.code, "subject": _subject(f.subject, names, lang), "message": f.message} for f in c.introduced
        ],
        "unchanged": c.unchanged,
        "decisions": [
            {
                "item": d["item"],
                "tier_before": d["before"].tier if d["before"] else text["dash"],
                "tier_after": d["after"].tier if d["after"] else text["dash"],
                "before": _decision_label(d["before"], lang),
                "after": _decision_label(d["after"], lang),
                "rule": (d["after"].rule if d["after"] else None) or text["dash"],
            }
            for d in c.decisions
        ],
        "decisions_known": before.admissions is not None and after.admissions is not None,
        "pyramid_before": _pyramid(before, lang, text["pyramid_before"]),
        "pyramid_after": _pyramid(after, lang, text["pyramid_after"]),
        "pyramid_rows": [(t, b_rows.get(t), a_rows.get(t)) for t in tiers],
        "before_blocking": _blocking(before, before.blocking, lang) if before.blocking else None,
    }


def _simulation(result: dict[str, Any], report: Report, lang: str, text: dict[str, str]) -> dict[str, Any]:
    """The simulation section: the metrics chart, the table behind it and the calibration."""
    from ..simulate.metrics import METRICS  # numpy: only with --simulate
    from ..simulate.report import figure_name

    metric_labels = {m: term("simulate.metric", m, lang) for m in METRICS}
    names = list(result["scenarios"])
    labels = {n: _scenario_label(n, report, lang) for n in names}
    return {
        "intro": text["sim_intro"].format(
            months=result["months"], runs=result["runs"], seed=result["seed"], interval=result["interval"]
        ),
        "svg": Markup(metrics(result, metric_labels, text["sec_simulation"], labels)),
        "names": [labels[n] for n in names],
        "rows": [(metric_labels[m], [result["scenarios"][n]["metrics"][m] for n in names]) for m in METRICS],
        "calibration": [{**c, "figure": figure_name(c, lang)} for c in result["calibration"]],
    }


def render(report: Report) -> str:
    return _environment().get_template("report.html.j2").render(**context(report))

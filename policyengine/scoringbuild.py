"""A regime's scoring structure and the top-level `measures` -> `scoring.Scheme` and `scoring.Measure`,
their references noted for the second pass (PE004): units and tiers a party names, the measure a part
counts. A part a scoring rule names and a grade a consequence names belong to the same regime, so they
are resolved here, at the place each is written."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .declarations import Declarations, common, name_of
from .diagnostics import Subject, Violation
from .ids import closest
from .listlife import party_refs
from .messages import Term, msg
from .parties import Party, party_of
from .scoring import Grade, Measure, Outcome, Part, RuleTerms, Scheme
from .span import Span
from .statedness import value_of
from .yamlnodes import YMap, span_of

# the keys of an assessment entry that make a scheme (the rest are `Regime`'s own)
SCHEME_KEYS = ("positions", "total", "pass_mark", "grades", "parts", "consequences")


def _local(
    decls: Declarations, kind: str, value: str | None, known: Iterable[str], where: Span, subject: Subject
) -> None:
    """PE004 for a name of the regime's own `kind` (part, grade) that the regime does not declare."""
    names = [str(k) for k in known]
    if value is None or value in names:
        return
    close = closest(value, names)
    hint = msg("rules.rule_guess", guess=close) if close else ""
    params = {"kind": Term("term.kind", kind), "written": value, "hint": hint}
    decls.violations.append(Violation("PE004", "ref", where, subject, params))


def _part(decls: Declarations, x: YMap, subject: Subject) -> Part:
    part = Part(
        id=x["id"],
        name=name_of(x.get("name")),
        kind=x.get("kind", "base"),
        points=value_of(x.get("points")),
        weight=value_of(x.get("weight")),
        cap=value_of(x.get("cap")),
        scored_by=party_of(x.get("scored_by"), ("scored_by",)),
        measure=x.get("measure"),
        **common(x),
    )
    for kind, ident, path in party_refs(part.scored_by):
        decls.ref(kind, ident, part, subject, *path)
    decls.ref("measure", part.measure, part, subject, "measure")
    return part


def _outcome(x: YMap) -> Outcome:
    when = x.get("when") or {}
    return Outcome(
        effect=x["effect"],
        grade=when.get("grade"),
        consecutive_periods=value_of(when.get("consecutive_periods")),
        event=when.get("event"),
        at_least=value_of(when.get("at_least")),
        period=when.get("period"),
        decided_by=x.get("decided_by"),
        span=x.span,
        raw=x,
        source=x.get("source"),
    )


def scheme_of(decls: Declarations, r: YMap) -> Scheme | None:
    """The regime's scheme, or None when it states none of it (no key of a scheme, no rule terms)."""
    subject = Subject("assessment", r["id"])
    rules = tuple(
        RuleTerms(
            part=x.get("part"),
            per=x.get("per"),
            above=value_of(x.get("above")),
            cap=value_of(x.get("cap")),
            span=x.span,
            raw=x,
        )
        for x in r.get("scoring", ())
    )
    ranking = r.get("ranking") or {}
    ranked = list(ranking.get("consequences", ()))
    stated = any(k in r for k in SCHEME_KEYS) or any(t.part or t.per or t.raw.keys() & {"above", "cap"} for t in rules)
    if not stated and not any("grade" in (c.get("when") or {}) for c in ranked):
        return None
    parts = decls.unique("part", [_part(decls, x, subject) for x in r.get("parts", ())])
    grades = decls.unique(
        "grade",
        [
            Grade(
                id=x["id"],
                name=name_of(x.get("name")),
                min=value_of(x.get("min")),
                at_most_share=value_of(x.get("at_most_share")),
                **common(x),
            )
            for x in r.get("grades", ())
        ],
    )
    for t in rules:
        _local(decls, "part", t.part, parts, t.at("part"), subject)
    outcomes = tuple(_outcome(x) for x in r.get("consequences", ()))
    for o in outcomes:
        _local(decls, "grade", o.grade, grades, o.at("when", "grade"), subject)
        decls.ref("unit", o.decided_by, o, subject, "decided_by")
    ranking_grades = tuple((c.get("when") or {}).get("grade") for c in ranked)
    for c, g in zip(ranked, ranking_grades, strict=True):
        _local(decls, "grade", g, grades, span_of(c, ("when", "grade"), c.span), subject)
    return Scheme(
        positions=tuple(r.get("positions", ())),
        total=value_of(r.get("total")),
        pass_mark=value_of(r.get("pass_mark")),
        grades=tuple(grades.values()),
        parts=tuple(parts.values()),
        rules=rules,
        outcomes=outcomes,
        ranking_grades=ranking_grades,
    )


def _parties(raw: Any) -> tuple[Party, ...] | None:
    if not isinstance(raw, list):  # absent or `unstated`/`unknown`: not stated
        return None
    return tuple(p for i, x in enumerate(raw) if (p := party_of(x, ("controlled_by", i))) is not None)


def measures_of(decls: Declarations, raw: list[YMap]) -> dict[str, Measure]:
    """The declared measures, ids unique (PE003), each party they name a reference."""
    built = [
        Measure(
            id=r["id"],
            name=name_of(r.get("name")),
            kind=r.get("kind"),
            controlled_by=_parties(r.get("controlled_by")),
            depends_on=tuple(r["depends_on"]) if isinstance(r.get("depends_on"), list) else None,
            **common(r),
        )
        for r in raw
    ]
    for m in built:
        for kind, ident, path in party_refs(*(m.controlled_by or ())):
            decls.ref(kind, ident, m, Subject("measure", m.id), *path)
    return decls.unique("measure", built)


__all__ = ["measures_of", "scheme_of"]

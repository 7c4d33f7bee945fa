"""Running a policy test: lint its policy (with its reform, on its date), decide admission when it
expects decisions, and list every expectation that is not met."""

from __future__ import annotations

import os
from typing import Any

from ..admission import decide
from ..config import Config, load_config
from ..diagnostics import Finding
from ..errors import InputError
from ..lint import lint_paths
from ..messages import Joined, Listed, Message, Text, msg
from ..messages.catalogue import plain_number
from ..resources import bundled_policy
from ..result import LintResult
from .spec import BLOCKING, ERROR, FAIL, PASS, PolicyTest, TestResult, Unmet
from .subjects import unknown_subject


def _shown(path: str) -> str:
    """A path as printed: relative to the working directory when it lies below it."""
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            return rel
    return path


def _where(finding: Finding) -> str:
    return f"{_shown(finding.span.file)}:{finding.span.line}:{finding.span.column}"


def _listed(findings: list[Finding], limit: int = 3) -> Text:
    shown = Listed(tuple(f"{f.subject.kind}:{f.subject.id} ({_where(f)})" for f in findings[:limit]))
    more = len(findings) - limit
    return Joined((shown, msg("testing.more", more=more)), "sep.none") if more > 0 else shown


def _value(value: Any) -> Text:
    if value is None:
        return msg("common.none")
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, float):
        return plain_number(value)
    return str(value)


def _check_subjects(test: PolicyTest, result: LintResult) -> list[Unmet]:
    """An expected or absent finding on a subject the policy does not declare."""
    if result.policy is None:
        return []
    unmet = []
    for where, matchers in (("findings", test.findings), ("absent", test.absent)):
        for m in matchers:
            unknown = unknown_subject(result.policy, result.findings, *m.subject) if m.subject else None
            if unknown is not None:
                expected = msg(
                    "testing.expected_finding" if where == "findings" else "testing.expected_absent",
                    description=m.describe(),
                )
                unmet.append(Unmet(test.file, *m.at, where, expected, unknown))
    return unmet


def _check_findings(test: PolicyTest, findings: list[Finding]) -> list[Unmet]:
    base = os.path.dirname(test.file)
    unmet = []
    for m in test.findings:
        if any(m.matches(f, base) for f in findings):
            continue
        same = [f for f in findings if f.code == m.code]
        got = (
            msg("testing.got_none_matching", n=len(same), code=m.code, listed=_listed(same))
            if same
            else msg("testing.got_no_code", code=m.code)
        )
        unmet.append(
            Unmet(test.file, *m.at, "findings", msg("testing.expected_finding", description=m.describe()), got)
        )
    for m in test.absent:
        hits = [f for f in findings if m.matches(f, base)]
        if hits:
            unmet.append(
                Unmet(
                    test.file,
                    *m.at,
                    "absent",
                    msg("testing.expected_absent", description=m.describe()),
                    msg("testing.got_hits", n=len(hits), listed=_listed(hits)),
                )
            )
    for code, count, at in test.counts:
        n = sum(1 for f in findings if f.code == code)
        if n != count:
            unmet.append(
                Unmet(
                    test.file,
                    *at,
                    "counts",
                    msg("testing.expected_count", count=count, code=code),
                    msg("testing.got_count", n=n),
                )
            )
    return unmet


def _check_admission(test: PolicyTest, result: LintResult) -> list[Unmet]:
    blocking = [f for f in result.findings if f.code in BLOCKING]
    if blocking or result.policy is None or result.rules is None:
        first = blocking[0] if blocking else None
        why = msg("testing.blocked_by", code=first.code, where=_where(first)) if first else ""
        return [
            Unmet(
                test.file,
                *e.at,
                "admission",
                _admission_of(e.item, e.fields[0][1]),
                msg("testing.no_decisions", why=why),
            )
            for e in test.admission
        ]
    decisions = {d.item: d for d in decide(result.policy, result.rules, test.on).decisions}
    unmet = []
    for e in test.admission:
        d = decisions.get(e.item)
        if d is None:
            unmet.append(
                Unmet(
                    test.file,
                    *e.at,
                    "admission",
                    _admission_of(e.item, e.fields[0][1]),
                    _no_item(result, e.item),
                )
            )
            continue
        if d.decision != e.fields[0][1]:
            because = "; ".join(x for x in (d.rule, d.reason) if x)
            because = f" ({because})" if because else ""
            unmet.append(
                Unmet(test.file, *e.at, "admission", _admission_of(e.item, e.fields[0][1]), f"{d.decision}{because}")
            )
            continue
        for key, want in e.fields[1:]:
            got = getattr(d, key)
            same = (
                tuple(sorted(got)) == want
                if key == "devolve"
                else (got is None) == (want is None)
                and (
                    want is None
                    or (
                        abs(float(got) - float(want)) < 1e-9 if key in ("money", "people", "term_days") else got == want
                    )
                )
            )
            if not same:
                shown = _value(tuple(sorted(got)) if key == "devolve" else got)
                unmet.append(
                    Unmet(
                        test.file,
                        *e.at,
                        "admission",
                        _admission_of(e.item, msg("testing.field", key=key, value=_value(want))),
                        msg("testing.field", key=key, value=shown),
                    )
                )
    return unmet


def _no_item(result: LintResult, item: str) -> Message:
    """No decision on `item`: with the nearest declared item when one is close."""
    unknown = unknown_subject(result.policy, result.findings, "item", item) if result.policy else None
    return unknown if unknown is not None and unknown.params.get("hint") else msg("testing.no_item", item=item)


def _admission_of(item: str, value: Text) -> Message:
    return msg("testing.admission_of", item=item, value=value)


def run_test(test: PolicyTest) -> TestResult:
    """Lint the test's policy (with its reform, on its date) and check every expectation."""
    try:
        config = load_config(test.config) if test.config else Config()
        result = lint_paths(list(test.policy), config, "en", test.on, test.reform, bundled_policy)
    except InputError as error:
        return TestResult(test, ERROR, error=error)
    unknown = _check_subjects(test, result)
    told = {(u.line, u.column) for u in unknown}  # a subject named wrongly: said once, as that
    unmet = unknown + [u for u in _check_findings(test, result.findings) if (u.line, u.column) not in told]
    if test.exit is not None:
        status = 1 if result.failed(config.fail_level) else 0
        if status != test.exit[0]:
            unmet.append(
                Unmet(
                    test.file,
                    *test.exit[1],
                    "exit",
                    msg("testing.exit", status=test.exit[0]),
                    msg("testing.exit", status=status),
                )
            )
    if test.admission:
        unmet.extend(_check_admission(test, result))
    unmet.sort(key=lambda u: (u.line, u.column))
    return TestResult(test, FAIL if unmet else PASS, tuple(unmet))

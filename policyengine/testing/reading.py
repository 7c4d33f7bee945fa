"""Reading policy test files: every value checked for form, every error located in the test file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..checks import CATALOGUE
from ..config import is_custom, load_config
from ..errors import ConfigError, InputError
from ..inputs import EITHER, FILE, files_under, read_bytes, stat_input
from ..loader import decode, load_text
from ..messages import Bilingual, Listed, Message, msg
from ..resources import BUNDLED_PREFIX, bundled_policy
from ..span import Span
from ..yamlnodes import YMap, YSeq
from .spec import (
    CODE,
    DATE,
    DECISION_KEYS,
    DECISIONS,
    EXPECT_KEYS,
    MATCH_KEYS,
    SEVERITIES,
    SUFFIXES,
    TEST_KEYS,
    AdmissionExpectation,
    Matcher,
    PolicyTest,
    TestFileError,
)


def _kind(value: Any) -> Message:
    if value is None:
        return msg("testing.kind.null")
    if isinstance(value, bool):
        return msg("testing.kind.bool")
    if isinstance(value, (int, float)):
        return msg("testing.kind.number")
    if isinstance(value, str):
        return msg("testing.kind.string")
    if isinstance(value, YMap):
        return msg("testing.kind.mapping")
    return msg("testing.kind.list")


def _fail(span: Span, key: str, /, **params: object) -> TestFileError:
    return TestFileError(msg(key, **params), span)


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.base = os.path.dirname(path)

    def mapping(
        self, node: Any, span: Span, what: Message, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> YMap:
        if not isinstance(node, YMap):
            raise _fail(span, "testing.not_mapping", what=what, got=_kind(node))
        for key in node:
            if key not in allowed:
                raise _fail(node.key_span(key), "testing.unknown_key", key=key, what=what, allowed=", ".join(allowed))
        for key in required:
            if key not in node:
                raise _fail(node.span, "testing.needs_key", what=what, key=key)
        return node

    def string(self, node: YMap, key: str, what: str) -> str:
        value = node[key]
        if not isinstance(value, str) or not value.strip():
            got = _kind(value) if not isinstance(value, str) else msg("testing.kind.empty_string")
            raise _fail(node.value_span(key), "testing.non_empty", what=what, got=got)
        return value

    def integer(self, node: YMap, key: str, what: str, low: int = 0) -> int:
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise _fail(node.value_span(key), "testing.integer", what=what, low=low, value=value)
        return value

    def number(self, node: YMap, key: str, what: str, nullable: bool = False) -> float | None:
        value = node[key]
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _fail(node.value_span(key), "testing.number", what=what, got=_kind(value))
        return value

    def code(self, value: Any, span: Span) -> str:
        if not isinstance(value, str) or not CODE.match(value):
            raise _fail(span, "testing.code_form", value=value)
        if value not in CATALOGUE and not is_custom(value):
            raise _fail(span, "cli.unknown_code", code=value)
        return value

    def resolve(self, value: str, span: Span, what: str, directory_ok: bool) -> str:
        if value.startswith(BUNDLED_PREFIX):
            try:
                return bundled_policy(value)
            except InputError as error:
                raise TestFileError(error.message, span) from None
        resolved = os.path.normpath(os.path.join(self.base, value))
        try:
            stat_input(resolved, EITHER if directory_ok else FILE)
        except InputError as error:  # located at the value in the test file
            if error.message.key == "loader.no_such_path":
                raise _fail(span, "testing.missing_path", what=what, value=value) from None
            raise TestFileError(error.message, span) from None
        return resolved

    # the parts of a test
    def matcher(self, node: Any, span: Span) -> Matcher:
        if isinstance(node, str):
            return Matcher(self.code(node, span), (span.line, span.column))
        m = self.mapping(node, span, msg("testing.what.finding"), MATCH_KEYS, ("code",))
        fields: dict[str, Any] = {"code": self.code(m["code"], m.value_span("code"))}
        if "subject" in m:
            subject = self.string(m, "subject", "subject")
            if ":" not in subject:
                raise _fail(m.value_span("subject"), "testing.subject_form", value=subject)
            kind, ident = subject.split(":", 1)
            fields["subject"] = (kind, ident)
        if "file" in m:
            fields["file"] = self.string(m, "file", "file")
        if "line" in m:
            fields["line"] = self.integer(m, "line", "line", 1)
        if "severity" in m:
            if m["severity"] not in SEVERITIES:
                raise _fail(m.value_span("severity"), "testing.severity_form", value=m["severity"])
            fields["severity"] = m["severity"]
        if "message" in m:
            fields["message"] = self.string(m, "message", "message")
        return Matcher(at=(span.line, span.column), **fields)

    def matchers(self, node: YMap, key: str) -> tuple[Matcher, ...]:
        value = node[key]
        if not isinstance(value, YSeq):
            raise _fail(node.value_span(key), "testing.list_form", key=key, got=_kind(value))
        return tuple(self.matcher(entry, value.item_span(i)) for i, entry in enumerate(value))

    def decision(self, item: str, node: Any, span: Span) -> AdmissionExpectation:
        if isinstance(node, str):
            node_map = None
            decision = node
        else:
            node_map = self.mapping(
                node, span, msg("testing.what.admission_of", item=item), DECISION_KEYS, ("decision",)
            )
            decision = node_map["decision"]
        if decision not in DECISIONS:
            raise _fail(
                span if node_map is None else node_map.value_span("decision"),
                "testing.decision_form",
                decisions=Listed(DECISIONS),
                value=decision,
            )
        fields: list[tuple[str, Any]] = [("decision", decision)]
        if node_map is not None:
            fields += [(key, self._decision_field(node_map, key)) for key in DECISION_KEYS[1:] if key in node_map]
        return AdmissionExpectation(item, (span.line, span.column), tuple(fields))

    def _decision_field(self, node: YMap, key: str) -> Any:
        if key in ("procedure", "rule", "reason"):
            return None if node[key] is None else self.string(node, key, key)
        if key == "devolve":
            raw = node[key]
            if not isinstance(raw, YSeq) or not all(isinstance(p, str) for p in raw):
                raise _fail(node.value_span(key), "testing.devolve_form")
            return tuple(sorted(raw))
        return self.number(node, key, key, nullable=key == "term_days")

    def expectations(self, test: YMap) -> dict[str, Any]:
        e = self.mapping(test["expect"], test.value_span("expect"), msg("testing.what.key", key="expect"), EXPECT_KEYS)
        if not e:
            raise _fail(e.span, "testing.expect_empty", keys=Listed(EXPECT_KEYS))
        out: dict[str, Any] = {}
        if "findings" in e:
            out["findings"] = self.matchers(e, "findings")
        if "absent" in e:
            out["absent"] = self.matchers(e, "absent")
        if "counts" in e:
            counts = self.mapping(
                e["counts"],
                e.value_span("counts"),
                msg("testing.what.key", key="counts"),
                tuple(e["counts"]) if isinstance(e["counts"], YMap) else (),
            )
            out["counts"] = tuple(
                (
                    self.code(code, counts.key_span(code)),
                    self.integer(counts, code, code),
                    tuple(counts.key_span(code)[1:]),
                )
                for code in counts
            )
        if "exit" in e:
            status = e["exit"]
            if isinstance(status, bool) or status not in (0, 1):
                raise _fail(e.value_span("exit"), "testing.exit_form", value=status)
            out["exit"] = (status, tuple(e.value_span("exit")[1:]))
        if "admission" in e:
            adm = e["admission"]
            self.mapping(
                adm,
                e.value_span("admission"),
                msg("testing.what.key", key="admission"),
                tuple(adm) if isinstance(adm, YMap) else (),
            )
            out["admission"] = tuple(self.decision(item, adm[item], adm.value_span(item)) for item in adm)
        return out

    def policies(self, t: YMap) -> list[str]:
        if "policy" not in t:
            return []
        value = t["policy"]
        if isinstance(value, str):
            return [self.resolve(self.string(t, "policy", "policy"), t.value_span("policy"), "policy", True)]
        if isinstance(value, YSeq) and value and all(isinstance(p, str) for p in value):
            return [self.resolve(p, value.item_span(i), "policy", True) for i, p in enumerate(value)]
        raise _fail(t.value_span("policy"), "testing.policy_form", got=_kind(value))

    def date(self, t: YMap) -> str:
        if "on" not in t:
            return date.today().isoformat()
        raw = t["on"]
        try:
            on = date.fromisoformat(raw).isoformat() if isinstance(raw, str) and DATE.match(raw) else None
        except ValueError:
            on = None
        if on is None:
            raise _fail(t.value_span("on"), "testing.on_form", value=raw)
        return on

    def test(self, node: Any, span: Span) -> PolicyTest:
        t = self.mapping(node, span, msg("testing.what.test"), TEST_KEYS, ("test", "expect"))
        name = self.string(t, "test", "test")
        if "policy" not in t and "reform" not in t:
            raise _fail(t.span, "testing.needs_policy")
        policy = self.policies(t)
        reform = None
        if "reform" in t:
            reform = self.resolve(self.string(t, "reform", "reform"), t.value_span("reform"), "reform", False)
            if len(policy) > 1:
                raise _fail(t.value_span("policy"), "testing.reform_one_policy")
        on = self.date(t)
        config = None
        if "config" in t:
            config = self.resolve(self.string(t, "config", "config"), t.value_span("config"), "config", False)
            try:
                load_config(config)
            except ConfigError as error:
                raise _fail(
                    t.value_span("config"), "testing.config", error=Bilingual(error.render("en"), error.render("zh"))
                ) from None
        return PolicyTest(
            name, self.path, span.line, span.column, tuple(policy), reform, on, config, **self.expectations(t)
        )


def load_file(path: str | os.PathLike[str]) -> list[PolicyTest]:
    """The tests of one file, in file order. Raises TestFileError (an InputError) if it is not valid."""
    path = str(path)
    text = decode(path, read_bytes(path, TestFileError))
    try:
        source, violations = load_text(path, text)
    except InputError as error:
        if error.message.key in ("loader.empty_file", "loader.no_document"):  # blank lines and comments only
            raise TestFileError(msg("testing.empty_file"), Span(path, 1, 1)) from None
        # anything else the loader refuses (nesting too deep, aliases that expand without end) as it says it
        raise TestFileError(error.message, error.span) from None
    if violations:
        v = violations[0]
        raise TestFileError(msg(f"{v.code}.{v.key}", **v.params), v.span)
    reader = _Reader(path)
    if len(source.documents) != 1:
        raise TestFileError(msg("testing.one_document"), Span(path, 1, 1))
    doc = source.documents[0]
    if isinstance(doc, YSeq):
        if not doc:
            raise TestFileError(msg("testing.empty_list"), doc.span)
        tests = [reader.test(node, doc.item_span(i)) for i, node in enumerate(doc)]
    else:
        tests = [reader.test(doc, doc.span if isinstance(doc, YMap) else Span(path, 1, 1))]
    seen: dict[str, int] = {}
    for test in tests:
        if test.name in seen:
            raise TestFileError(
                msg("testing.duplicate_name", name=test.name, line=seen[test.name]), Span(path, test.line, test.column)
            )
        seen[test.name] = test.line
    return tests


def is_test_file(path: str | os.PathLike[str]) -> bool:
    return str(path).endswith(SUFFIXES)


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Test files: a file as given (whatever its name), a directory's `*.pe-test.yaml` files recursively
    (names starting with `.` skipped), sorted; each file once."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if stat.S_ISDIR(stat_input(path, EITHER).st_mode):  # a pipe or a device is refused, never opened
            files = [str(p) for p in files_under(path, is_test_file)]
            if not files:
                raise InputError.of("testing.no_test_files", path=str(path))
            found.extend(files)
        else:
            found.append(str(path))
    seen: set[str] = set()
    unique = []
    for f in found:
        real = os.path.realpath(f)
        if real not in seen:
            seen.add(real)
            unique.append(f)
    return unique

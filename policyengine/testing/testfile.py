"""Policy test files (`*.pe-test.yaml`): a policy or a reform, the date it is judged on, and the
findings, exit status and admission decisions expected of it.

    test: the admission gate removes PE200 on the grid
    reform: ../reforms/admission_gate.yaml
    on: 2026-01-01
    expect:
      findings: [{code: PE101, subject: item:fire_hazards_small_venues}]
      absent: [{code: PE200, subject: tier:grid}]
      counts: {PE102: 10}
      exit: 1
      admission:
        census: rejected
        fire_hazards_small_venues: {decision: conditional, devolve: [penalty]}

A file holds one test (a mapping) or several (a list of mappings). Files are read with the policy
loader, so a duplicate key is an error and every value has a position; anything the format does
not know is a `TestFileError` at its `file:line:column`. `run_test` lints the policy (and decides
admission when the test expects decisions) and lists every unmet expectation with what was
expected and what was got. Nothing here prints: the CLI and the pytest plugin render the results.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from ..codes import CODES, render
from ..config import STRUCTURAL, Config, is_custom, load_config
from ..errors import ConfigError, InputError
from ..loader import YMap, YSeq, decode, load_text
from ..resources import bundled_policies
from ..span import Span

SUFFIXES = (".pe-test.yaml", ".pe-test.yml")
BUNDLED = "bundled:"
PASS, FAIL, ERROR = "pass", "fail", "error"
TEST_KEYS = ("test", "policy", "reform", "on", "config", "expect")
EXPECT_KEYS = ("findings", "absent", "counts", "exit", "admission")
MATCH_KEYS = ("code", "subject", "file", "line", "severity", "message")
DECISIONS = ("admitted", "conditional", "rejected", "unreviewed")
DECISION_KEYS = ("decision", "procedure", "rule", "reason", "devolve", "money", "people", "term_days")
SEVERITIES = ("error", "warning", "info")
_CODE = re.compile(r"PE[0-9]{3}\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# what decides admission: without these the policy has no decisions (as `policyengine admit`)
_BLOCKING = (*STRUCTURAL, "PE006", "PE007")


class TestFileError(InputError):
    """A policy test file that is not valid: one line with its position, exit 2."""

    __test__ = False  # not a pytest test class


# -- the test, as read -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Matcher:
    """Matches findings by code and, when given, subject (`kind:id`), file, line, severity and a
    part of the message."""

    code: str
    at: tuple[int, int]  # (line, column) in the test file
    subject: tuple[str, str] | None = None
    file: str | None = None
    line: int | None = None
    severity: str | None = None
    message: str | None = None

    def matches(self, finding, base: str) -> bool:
        if finding.code != self.code:
            return False
        if self.subject is not None and (finding.subject.kind, finding.subject.id) != self.subject:
            return False
        if self.file is not None and not _same_file(finding.span.file, self.file, base):
            return False
        if self.line is not None and finding.span.line != self.line:
            return False
        if self.severity is not None and finding.severity.label != self.severity:
            return False
        return self.message is None or self.message in finding.message

    def describe(self) -> tuple[str, str]:
        en, zh = [self.code], [self.code]
        if self.subject is not None:
            en.append(f"on {self.subject[0]}:{self.subject[1]}")
            zh.append(f"对象 {self.subject[0]}:{self.subject[1]}")
        if self.file is not None:
            en.append(f"in {self.file}")
            zh.append(f"文件 {self.file}")
        if self.line is not None:
            en.append(f"at line {self.line}")
            zh.append(f"第 {self.line} 行")
        if self.severity is not None:
            en.append(f"severity {self.severity}")
            zh.append(f"严重级别 {self.severity}")
        if self.message is not None:
            en.append(f'message containing "{self.message}"')
            zh.append(f"消息包含“{self.message}”")
        return " ".join(en), " ".join(zh)


@dataclass(frozen=True)
class AdmissionExpectation:
    item: str
    at: tuple[int, int]
    fields: tuple[tuple[str, Any], ...]  # (field, expected value), `decision` first


@dataclass(frozen=True)
class PolicyTest:
    __test__ = False  # not a pytest test class

    name: str
    file: str  # the test file, as given
    line: int  # where the test starts in it
    column: int
    policy: tuple[str, ...]  # policy paths, resolved against the test file's directory
    reform: str | None
    on: str
    config: str | None
    findings: tuple[Matcher, ...] = ()
    absent: tuple[Matcher, ...] = ()
    counts: tuple[tuple[str, int, tuple[int, int]], ...] = ()  # (code, count, (line, column) in the test)
    exit: tuple[int, tuple[int, int]] | None = None  # (status, (line, column) in the test)
    admission: tuple[AdmissionExpectation, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Unmet:
    """One expectation not met: where it is written, what it expected and what was got (en, zh)."""

    file: str
    line: int
    column: int
    expectation: str  # findings, absent, counts, exit or admission
    expected: tuple[str, str]
    got: tuple[str, str]

    def message(self, lang: str = "en") -> str:
        k = 1 if lang == "zh" else 0
        return (f"预期 {self.expected[k]};实际 {self.got[k]}" if lang == "zh"
                else f"expected {self.expected[k]}; got {self.got[k]}")


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest test class

    test: PolicyTest
    status: str  # pass, fail or error
    unmet: tuple[Unmet, ...] = ()
    error: tuple[str, str] | None = None  # (en, zh): the policy or reform could not be read

    def detail(self, lang: str = "en") -> list[str]:
        """The lines that explain a failure or an error (none for a pass)."""
        if self.error is not None:
            return [self.error[1] if lang == "zh" else self.error[0]]
        return [f"{u.file}:{u.line}:{u.column}: {u.message(lang)}" for u in self.unmet]


# -- reading ---------------------------------------------------------------------------------------

def _kind(value: Any) -> tuple[str, str]:
    if value is None:
        return "null", "空值"
    if isinstance(value, bool):
        return "true/false", "布尔值"
    if isinstance(value, (int, float)):
        return "a number", "数字"
    if isinstance(value, str):
        return "a string", "字符串"
    if isinstance(value, YMap):
        return "a mapping", "映射"
    return "a list", "列表"


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.base = os.path.dirname(path)

    # where things are
    @staticmethod
    def at_key(node: YMap, key: str) -> Span:
        return node.key_span(key)

    @staticmethod
    def at_value(node: YMap, key: str) -> Span:
        return node.value_span(key)

    def fail(self, span: Span, en: str, zh: str) -> TestFileError:
        return TestFileError(en, zh, span)

    def mapping(self, node: Any, span: Span, what: tuple[str, str], allowed: tuple[str, ...],
                required: tuple[str, ...] = ()) -> YMap:
        if not isinstance(node, YMap):
            got = _kind(node)
            raise self.fail(span, f"{what[0]} must be a mapping, not {got[0]}", f"{what[1]}必须是映射,而不是{got[1]}")
        for key in node:
            if key not in allowed:
                raise self.fail(node.key_span(key), f"unknown key '{key}' in {what[0]} (allowed: {', '.join(allowed)})",
                                f"{what[1]}中有未知的键“{key}”(可用:{', '.join(allowed)})")
        for key in required:
            if key not in node:
                raise self.fail(node.span, f"{what[0]} needs `{key}`", f"{what[1]}缺少 `{key}`")
        return node

    def string(self, node: YMap, key: str, what: str) -> str:
        value = node[key]
        if not isinstance(value, str) or not value.strip():
            got = _kind(value) if not isinstance(value, str) else ("an empty string", "空字符串")
            raise self.fail(node.value_span(key), f"`{what}` must be a non-empty string, not {got[0]}",
                            f"`{what}` 必须是非空字符串,而不是{got[1]}")
        return value

    def integer(self, node: YMap, key: str, what: str, low: int = 0) -> int:
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise self.fail(node.value_span(key), f"`{what}` must be an integer ≥ {low}, not {value!r}",
                            f"`{what}` 必须是不小于 {low} 的整数,而不是 {value!r}")
        return value

    def number(self, node: YMap, key: str, what: str, nullable: bool = False) -> float | None:
        value = node[key]
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            got = _kind(value)
            raise self.fail(node.value_span(key), f"`{what}` must be a number, not {got[0]}",
                            f"`{what}` 必须是数字,而不是{got[1]}")
        return value

    def code(self, value: Any, span: Span) -> str:
        if not isinstance(value, str) or not _CODE.match(value):
            raise self.fail(span, f"expected a check code such as PE101, not {value!r}",
                            f"应为检查代码(如 PE101),而不是 {value!r}")
        if value not in CODES and not is_custom(value):
            raise self.fail(span, f"unknown check code '{value}'; `policyengine explain` lists them",
                            f"未知的检查代码“{value}”;运行 `policyengine explain` 查看全部")
        return value

    def resolve(self, value: str, span: Span, what: str, directory_ok: bool) -> str:
        if value.startswith(BUNDLED):
            name = value[len(BUNDLED):]
            found = bundled_policies()
            if name not in found:
                raise self.fail(span, f"no bundled policy '{name}' (available: {', '.join(found) or 'none'})",
                                f"没有名为“{name}”的内置策略(可用:{'、'.join(found) or '无'})")
            return str(found[name])
        resolved = os.path.normpath(os.path.join(self.base, value))
        if not os.path.exists(resolved) or (not directory_ok and os.path.isdir(resolved)):
            raise self.fail(span, f"{what} '{value}' does not exist (paths are relative to the test file)",
                            f"{what}“{value}”不存在(路径相对于测试文件)")
        return resolved

    # the parts of a test
    def matcher(self, node: Any, span: Span) -> Matcher:
        if isinstance(node, str):
            return Matcher(self.code(node, span), (span.line, span.column))
        m = self.mapping(node, span, ("a finding expectation", "诊断预期"), MATCH_KEYS, ("code",))
        fields: dict[str, Any] = {"code": self.code(m["code"], m.value_span("code"))}
        if "subject" in m:
            subject = self.string(m, "subject", "subject")
            if ":" not in subject:
                raise self.fail(m.value_span("subject"), f"`subject` is written KIND:ID (item:census, tier:grid), not {subject!r}",
                                f"`subject` 的写法是 KIND:ID(如 item:census、tier:grid),而不是 {subject!r}")
            kind, ident = subject.split(":", 1)
            fields["subject"] = (kind, ident)
        if "file" in m:
            fields["file"] = self.string(m, "file", "file")
        if "line" in m:
            fields["line"] = self.integer(m, "line", "line", 1)
        if "severity" in m:
            if m["severity"] not in SEVERITIES:
                raise self.fail(m.value_span("severity"), f"`severity` must be error, warning or info, not {m['severity']!r}",
                                f"`severity` 必须是 error、warning 或 info,而不是 {m['severity']!r}")
            fields["severity"] = m["severity"]
        if "message" in m:
            fields["message"] = self.string(m, "message", "message")
        return Matcher(at=(span.line, span.column), **fields)

    def matchers(self, node: YMap, key: str) -> tuple[Matcher, ...]:
        value = node[key]
        if not isinstance(value, YSeq):
            got = _kind(value)
            raise self.fail(node.value_span(key), f"`{key}` must be a list, not {got[0]}", f"`{key}` 必须是列表,而不是{got[1]}")
        return tuple(self.matcher(entry, value.item_span(i)) for i, entry in enumerate(value))

    def decision(self, item: str, node: Any, span: Span) -> AdmissionExpectation:
        if isinstance(node, str):
            node_map = None
            decision = node
        else:
            node_map = self.mapping(node, span, (f"the admission of '{item}'", f"“{item}”的准入预期"), DECISION_KEYS,
                                    ("decision",))
            decision = node_map["decision"]
        if decision not in DECISIONS:
            raise self.fail(span if node_map is None else node_map.value_span("decision"), f"a decision is one of {', '.join(DECISIONS)}, not {decision!r}",
                            f"准入决定须为 {'、'.join(DECISIONS)} 之一,而不是 {decision!r}")
        fields: list[tuple[str, Any]] = [("decision", decision)]
        if node_map is not None:
            for key in DECISION_KEYS[1:]:
                if key not in node_map:
                    continue
                if key in ("procedure", "rule", "reason"):
                    value: Any = None if node_map[key] is None else self.string(node_map, key, key)
                elif key == "devolve":
                    raw = node_map[key]
                    if not isinstance(raw, YSeq) or not all(isinstance(p, str) for p in raw):
                        raise self.fail(node_map.value_span(key), "`devolve` must be a list of power names",
                                        "`devolve` 必须是权力名称的列表")
                    value = tuple(sorted(raw))
                else:
                    value = self.number(node_map, key, key, nullable=key == "term_days")
                fields.append((key, value))
        return AdmissionExpectation(item, (span.line, span.column), tuple(fields))

    def expectations(self, test: YMap) -> dict[str, Any]:
        e = self.mapping(test["expect"], test.value_span("expect"), ("`expect`", "`expect`"), EXPECT_KEYS)
        if not e:
            raise self.fail(e.span, f"`expect` is empty; expect at least one of {', '.join(EXPECT_KEYS)}",
                            f"`expect` 为空;至少须有 {'、'.join(EXPECT_KEYS)} 之一")
        out: dict[str, Any] = {}
        if "findings" in e:
            out["findings"] = self.matchers(e, "findings")
        if "absent" in e:
            out["absent"] = self.matchers(e, "absent")
        if "counts" in e:
            counts = self.mapping(e["counts"], e.value_span("counts"), ("`counts`", "`counts`"), tuple(e["counts"])
                                  if isinstance(e["counts"], YMap) else ())
            out["counts"] = tuple((self.code(code, counts.key_span(code)), self.integer(counts, code, code),
                                   tuple(counts.key_span(code)[1:])) for code in counts)
        if "exit" in e:
            status = e["exit"]
            if isinstance(status, bool) or status not in (0, 1):
                raise self.fail(e.value_span("exit"), f"`exit` must be 0 or 1, not {status!r}",
                                f"`exit` 必须是 0 或 1,而不是 {status!r}")
            out["exit"] = (status, tuple(e.value_span("exit")[1:]))
        if "admission" in e:
            adm = e["admission"]
            self.mapping(adm, e.value_span("admission"), ("`admission`", "`admission`"),
                         tuple(adm) if isinstance(adm, YMap) else ())
            out["admission"] = tuple(self.decision(item, adm[item], adm.value_span(item)) for item in adm)
        return out

    def test(self, node: Any, span: Span) -> PolicyTest:
        t = self.mapping(node, span, ("a test", "测试"), TEST_KEYS, ("test", "expect"))
        name = self.string(t, "test", "test")
        if "policy" not in t and "reform" not in t:
            raise self.fail(t.span, "a test needs `policy` (a path or a list of paths) or `reform`",
                            "测试须有 `policy`(路径或路径列表)或 `reform`")
        policy: list[str] = []
        if "policy" in t:
            value = t["policy"]
            if isinstance(value, str):
                policy.append(self.resolve(self.string(t, "policy", "policy"), t.value_span("policy"), "policy", True))
            elif isinstance(value, YSeq) and value and all(isinstance(p, str) for p in value):
                policy.extend(self.resolve(p, value.item_span(i), "policy", True) for i, p in enumerate(value))
            else:
                got = _kind(value)
                raise self.fail(t.value_span("policy"), f"`policy` must be a path or a list of paths, not {got[0]}",
                                f"`policy` 必须是路径或路径列表,而不是{got[1]}")
        reform = None
        if "reform" in t:
            reform = self.resolve(self.string(t, "reform", "reform"), t.value_span("reform"), "reform", False)
            if len(policy) > 1:
                raise self.fail(t.value_span("policy"), "with `reform`, `policy` is one path: it replaces the reform's baseline",
                                "有 `reform` 时,`policy` 只能是一个路径:它取代改革方案的基线")
        on = date.today().isoformat()
        if "on" in t:
            raw = t["on"]
            try:
                on = date.fromisoformat(raw).isoformat() if isinstance(raw, str) and _DATE.match(raw) else None
            except ValueError:
                on = None
            if on is None:
                raise self.fail(t.value_span("on"), f"`on` must be a date written YYYY-MM-DD, not {raw!r}",
                                f"`on` 必须是 YYYY-MM-DD 格式的日期,而不是 {raw!r}")
        config = None
        if "config" in t:
            config = self.resolve(self.string(t, "config", "config"), t.value_span("config"), "config", False)
            try:
                load_config(config)
            except ConfigError as error:
                raise self.fail(t.value_span("config"), error.render("en"), error.render("zh")) from None
        return PolicyTest(name, self.path, span.line, span.column, tuple(policy), reform, on, config, **self.expectations(t))


def load_file(path: str | os.PathLike) -> list[PolicyTest]:
    """The tests of one file, in file order. Raises TestFileError (an InputError) if it is not valid."""
    path = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TestFileError(f"{path}: cannot read: {exc.strerror}", f"{path}:无法读取:{exc.strerror}") from None
    text = decode(path, raw)
    try:
        source, violations = load_text(path, text)
    except InputError:  # nothing but blank lines and comments
        raise TestFileError("empty test file", "空的测试文件", Span(path, 1, 1)) from None
    if violations:
        v = violations[0]
        raise TestFileError(render(v.code, v.key, v.params, "en"), render(v.code, v.key, v.params, "zh"), v.span)
    reader = _Reader(path)
    if len(source.documents) != 1:
        raise TestFileError("a test file holds one YAML document (a test, or a list of tests)",
                            "测试文件只能包含一个 YAML 文档(一个测试或测试列表)", Span(path, 1, 1))
    doc = source.documents[0]
    if isinstance(doc, YSeq):
        if not doc:
            raise TestFileError("the list of tests is empty", "测试列表为空", doc.span)
        tests = [reader.test(node, doc.item_span(i)) for i, node in enumerate(doc)]
    else:
        tests = [reader.test(doc, doc.span if isinstance(doc, YMap) else Span(path, 1, 1))]
    seen: dict[str, int] = {}
    for test in tests:
        if test.name in seen:
            raise TestFileError(f"duplicate test name '{test.name}' (first at line {seen[test.name]})",
                                f"测试名称“{test.name}”重复(首次出现在第 {seen[test.name]} 行)", Span(path, test.line, test.column))
        seen[test.name] = test.line
    return tests


def is_test_file(path: str | os.PathLike) -> bool:
    return str(path).endswith(SUFFIXES)


def discover(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Test files: a file as given (whatever its name), a directory's `*.pe-test.yaml` files recursively
    (names starting with `.` skipped), sorted; each file once."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(str(p) for p in path.rglob("*") if is_test_file(p.name) and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                raise InputError(f"{path}: no policy test files (*.pe-test.yaml) in this directory",
                                 f"{path}:该目录中没有策略测试文件(*.pe-test.yaml)")
            found.extend(files)
        elif path.is_file():
            found.append(str(path))
        else:
            raise InputError(f"{path}: no such file or directory", f"{path}:文件或目录不存在")
    seen: set[str] = set()
    return [f for f in found if not (os.path.realpath(f) in seen or seen.add(os.path.realpath(f)))]


# -- running ---------------------------------------------------------------------------------------

def _same_file(found: str, expected: str, base: str) -> bool:
    """A finding's file is the expected one: the same file relative to the test file, or its path
    ends with the expected path as whole components (`items.yaml`, `h_district/items.yaml`)."""
    real = os.path.realpath(found)
    if real == os.path.realpath(os.path.join(base, expected)):
        return True
    parts, tail = Path(real).parts, Path(os.path.normpath(expected)).parts
    return len(tail) <= len(parts) and parts[len(parts) - len(tail):] == tail


def _shown(path: str) -> str:
    """A path as printed: relative to the working directory when it lies below it."""
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            return rel
    return path


def _where(finding) -> str:
    return f"{_shown(finding.span.file)}:{finding.span.line}:{finding.span.column}"


def _listed(findings: list, limit: int = 3) -> tuple[str, str]:
    shown = [f"{f.subject.kind}:{f.subject.id} ({_where(f)})" for f in findings[:limit]]
    more = len(findings) - limit
    return (", ".join(shown) + (f", and {more} more" if more > 0 else ""),
            "、".join(shown) + (f" 等另外 {more} 条" if more > 0 else ""))


def _value(value: Any) -> tuple[str, str]:
    if value is None:
        return "none", "无"
    if isinstance(value, tuple):
        return ("[" + ", ".join(value) + "]",) * 2 if value else ("[]", "[]")
    if isinstance(value, float):
        return (f"{value:g}",) * 2
    return (str(value),) * 2


def _check_findings(test: PolicyTest, findings: list) -> list[Unmet]:
    base = os.path.dirname(test.file)
    unmet = []
    for m in test.findings:
        if any(m.matches(f, base) for f in findings):
            continue
        desc = m.describe()
        same = [f for f in findings if f.code == m.code]
        if same:
            listed = _listed(same)
            got = (f"{len(same)} {m.code} finding(s), none matching: {listed[0]}",
                   f"{len(same)} 条 {m.code} 诊断,均不符合:{listed[1]}")
        else:
            got = (f"no {m.code} finding", f"没有 {m.code} 诊断")
        unmet.append(Unmet(test.file, *m.at, "findings", (f"a finding {desc[0]}", f"诊断 {desc[1]}"), got))
    for m in test.absent:
        hits = [f for f in findings if m.matches(f, base)]
        if hits:
            desc, listed = m.describe(), _listed(hits)
            unmet.append(Unmet(test.file, *m.at, "absent", (f"no finding {desc[0]}", f"没有诊断 {desc[1]}"),
                               (f"{len(hits)}: {listed[0]}", f"{len(hits)} 条:{listed[1]}")))
    for code, count, at in test.counts:
        n = sum(1 for f in findings if f.code == code)
        if n != count:
            unmet.append(Unmet(test.file, *at, "counts", (f"{count} {code} finding(s)", f"{count} 条 {code} 诊断"),
                               (str(n), f"{n} 条")))
    return unmet


def _check_admission(test: PolicyTest, result) -> list[Unmet]:
    from ..admission import decide

    blocking = [f for f in result.findings if f.code in _BLOCKING]
    if blocking or result.policy is None or result.rules is None:
        first = blocking[0] if blocking else None
        why = (f" ({first.code} at {_where(first)})" if first else "", f"({first.code},位于 {_where(first)})" if first else "")
        return [Unmet(test.file, *e.at, "admission", (f"admission of {e.item}: {e.fields[0][1]}",
                                                                 f"“{e.item}”的准入:{e.fields[0][1]}"),
                      (f"no decisions: the policy has errors{why[0]}", f"无法决定:策略有错误{why[1]}"))
                for e in test.admission]
    decisions = {d.item: d for d in decide(result.policy, result.rules, test.on).decisions}
    unmet = []
    for e in test.admission:
        d = decisions.get(e.item)
        if d is None:
            unmet.append(Unmet(test.file, *e.at, "admission",
                               (f"admission of {e.item}: {e.fields[0][1]}", f"“{e.item}”的准入:{e.fields[0][1]}"),
                               (f"no item '{e.item}' in the policy", f"策略中没有事项“{e.item}”")))
            continue
        if d.decision != e.fields[0][1]:
            because = "; ".join(x for x in (d.rule, d.reason) if x)
            because = f" ({because})" if because else ""
            unmet.append(Unmet(test.file, *e.at, "admission",
                               (f"admission of {e.item}: {e.fields[0][1]}", f"“{e.item}”的准入:{e.fields[0][1]}"),
                               (f"{d.decision}{because}", f"{d.decision}{because}")))
            continue
        for key, want in e.fields[1:]:
            got = getattr(d, key)
            same = (tuple(sorted(got)) == want if key == "devolve"
                    else (got is None) == (want is None) and (want is None or (
                        abs(float(got) - float(want)) < 1e-9 if key in ("money", "people", "term_days") else got == want)))
            if not same:
                w, g = _value(want), _value(tuple(sorted(got)) if key == "devolve" else got)
                unmet.append(Unmet(test.file, *e.at, "admission",
                                   (f"admission of {e.item}: {key} {w[0]}", f"“{e.item}”的准入:{key} {w[1]}"),
                                   (f"{key} {g[0]}", f"{key} {g[1]}")))
    return unmet


def run_test(test: PolicyTest) -> TestResult:
    """Lint the test's policy (with its reform, on its date) and check every expectation."""
    from ..lint import lint_paths

    def bundled(name: str) -> str:
        found = bundled_policies()
        key = name[len(BUNDLED):]
        if key not in found:
            raise InputError(f"no bundled policy '{key}' (available: {', '.join(found) or 'none'})",
                             f"没有名为“{key}”的内置策略(可用:{'、'.join(found) or '无'})")
        return str(found[key])

    try:
        config = load_config(test.config) if test.config else Config()
        result = lint_paths(list(test.policy), config, "en", test.on, test.reform, bundled)
    except InputError as error:
        return TestResult(test, ERROR, error=(error.render("en"), error.render("zh")))
    unmet = _check_findings(test, result.findings)
    if test.exit is not None:
        status = 1 if result.failed(config.fail_level) else 0
        if status != test.exit[0]:
            unmet.append(Unmet(test.file, *test.exit[1], "exit", (f"exit {test.exit[0]}", f"退出码 {test.exit[0]}"),
                               (f"exit {status}", f"退出码 {status}")))
    if test.admission:
        unmet.extend(_check_admission(test, result))
    unmet.sort(key=lambda u: (u.line, u.column))
    return TestResult(test, FAIL if unmet else PASS, tuple(unmet))


# -- reports ---------------------------------------------------------------------------------------

LABELS = {
    "en": {PASS: "PASS  ", FAIL: "FAIL  ", ERROR: "ERROR ",
           "summary": "{n} test(s): {passed} passed, {failed} failed, {errors} error(s)"},
    "zh": {PASS: "通过  ", FAIL: "失败  ", ERROR: "出错  ",
           "summary": "共 {n} 项测试:通过 {passed} 项,失败 {failed} 项,出错 {errors} 项"},
}


def _summary(results: list[TestResult]) -> dict[str, int]:
    return {"tests": len(results), "passed": sum(r.status == PASS for r in results),
            "failed": sum(r.status == FAIL for r in results), "errors": sum(r.status == ERROR for r in results)}


def render_text(results: list[TestResult], lang: str = "en") -> str:
    """One line per test (`PASS  NAME  FILE:LINE`), each unmet expectation below a failure, a summary."""
    text = LABELS[lang]
    out = []
    for r in results:
        out.append(f"{text[r.status]}{r.test.name}  {r.test.where}")
        out.extend(f"    {line}" for line in r.detail(lang))
    counts = _summary(results)
    out.append(text["summary"].format(n=counts["tests"], **{k: v for k, v in counts.items() if k != "tests"}))
    return "\n".join(out) + "\n"


def document(results: list[TestResult], lang: str = "en") -> dict:
    k = 1 if lang == "zh" else 0
    return {
        "version": 1,
        "tests": [{"name": r.test.name, "file": r.test.file, "line": r.test.line, "status": r.status,
                   "unmet": [{"file": u.file, "line": u.line, "column": u.column, "expectation": u.expectation,
                              "expected": u.expected[k], "got": u.got[k]} for u in r.unmet],
                   "error": r.error[k] if r.error else None} for r in results],
        "summary": _summary(results),
    }


def render_json(results: list[TestResult], lang: str = "en") -> str:
    return json.dumps(document(results, lang), ensure_ascii=False, indent=2) + "\n"


def exit_status(results: list[TestResult]) -> int:
    """0 every test passed, 1 a test failed, 2 a test could not run (its policy or reform is unreadable)."""
    if any(r.status == ERROR for r in results):
        return 2
    return 1 if any(r.status == FAIL for r in results) else 0


__all__ = ["SUFFIXES", "PolicyTest", "Matcher", "AdmissionExpectation", "Unmet", "TestResult", "TestFileError",
           "load_file", "discover", "is_test_file", "run_test", "render_text", "render_json", "document",
           "exit_status", "PASS", "FAIL", "ERROR"]
